//! Searches' counts and pages kept in memory per catalogue version (issue 12). A text search
//! counts every course it matches, so its cost grew with the catalogue (32 ms at 100,000 courses
//! on SQLite); other searches read counted rows and walk an index (about 1 ms, most of the
//! database's share of an uncached catalogue page). The same search at the same version gives the
//! same answer, so it is worked out once.
//!
//! The version is asked of the database with the catalogue's clock (`catalogue_version`, migration
//! m0022, bumped by triggers on `course` whoever writes: this server, another one, the command
//! line), so a kept answer is never used after a change a search could see. Entries are keyed by
//! the versions they were read at; older ones are never asked for again and make way for new ones.
//! Only the courses' ids and counts are kept: every page still reads its cards (seats left, titles)
//! from the database.
use crate::server::reference::ReferenceVersion;
use sea_orm::sea_query::{Alias, SelectStatement};
use sea_orm::{DbErr, QueryResult};
use std::future::Future;
use std::sync::{Arc, LazyLock};

const VERSION_TABLE: &str = "catalogue_version";
const VERSION: &str = "catalogue_version";

/// Searches kept at most, of each kind; random search words must not fill the memory.
const MAX_KEPT: usize = 1_000;

/// Which catalogue (and reference data) a search read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SearchVersions {
    pub reference: ReferenceVersion,
    catalogue: i64,
}

impl SearchVersions {
    /// Adds the catalogue version's one-row table to `select`, which already reads the reference
    /// version (a cross join: the table has exactly one row).
    pub fn add_to(select: &mut SelectStatement) {
        let table = Alias::new(VERSION_TABLE);
        select.expr_as(sea_orm::sea_query::Expr::col((table.clone(), Alias::new("version"))), Alias::new(VERSION));
        select.from(table);
        ReferenceVersion::add_to(select);
    }

    /// The versions from a row of a select that [`Self::add_to`] extended.
    pub fn from_row(row: &QueryResult) -> Result<Self, DbErr> {
        Ok(SearchVersions { reference: ReferenceVersion::from_row(row)?, catalogue: row.try_get("", VERSION)? })
    }
}

/// A search's filters (as their canonical query string) at the versions it read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    versions: SearchVersions,
    filters: String,
}

pub type Kept<Value> = quick_cache::sync::Cache<Key, Value>;

/// `(category, centre, language, format, matching courses)` rows of a search.
pub type GroupRows =
    Arc<Vec<(i32, i32, crate::forms::keys::InstructionLanguage, crate::forms::keys::CourseFormat, i64)>>;
/// `(course id, next session)` of a page, in order.
pub type PageRows = Arc<Vec<(i32, chrono::DateTime<chrono::Utc>)>>;

/// Each search's counts, kept per versions and filters.
pub static GROUPS: LazyLock<Kept<GroupRows>> = LazyLock::new(|| Kept::new(MAX_KEPT));
/// Each search's pages of course ids, kept per versions and filters (the page included).
pub static PAGES: LazyLock<Kept<PageRows>> = LazyLock::new(|| Kept::new(MAX_KEPT));

/// What `kept` holds for `filters` at `versions`, or `read` (once, however many ask at the same
/// time) and kept. Without versions (the search has just moved the clock), `read`, and keep nothing.
pub async fn kept_or_read<Value: Clone>(
    kept: &Kept<Value>,
    versions: Option<&SearchVersions>,
    filters: String,
    read: impl Future<Output = Result<Value, DbErr>>,
) -> Result<Value, DbErr> {
    match versions {
        Some(versions) => kept.get_or_insert_async(&Key { versions: versions.clone(), filters }, read).await,
        None => read.await,
    }
}
