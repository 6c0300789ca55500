//! Districts, centres and course categories kept in memory: every catalogue view reads them (slugs
//! to ids, the facets' names), the app never edits them, and reading them from the database was
//! half the statements of an uncached catalogue page (issue 12).
//!
//! Whether the kept copy is current is asked of the database: `reference_version` (migration
//! m0020) is bumped by triggers on every write to the three tables, whoever writes. Callers read
//! the version along with something they read anyway (the catalogue: with its clock), so a current
//! copy costs no statement of its own. Copies are kept per database (`database_id`, random per
//! database), because the tests run many databases in one process.
use super::entities::{centre, course_category, district};
use sea_orm::sea_query::{Alias, Query, SelectStatement};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QueryOrder, QueryResult, QuerySelect};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

const VERSION_TABLE: &str = "reference_version";
const DATABASE_ID: &str = "database_id";
const VERSION: &str = "version";

/// Which reference data a database holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReferenceVersion {
    database_id: String,
    version: i64,
}

impl ReferenceVersion {
    /// Adds the version's one-row table and its columns to `select` (a cross join: the table has
    /// exactly one row), for a caller that reads it along with another one-row read.
    pub fn add_to(select: &mut SelectStatement) {
        let table = Alias::new(VERSION_TABLE);
        select
            .column((table.clone(), Alias::new(DATABASE_ID)))
            .column((table.clone(), Alias::new(VERSION)))
            .from(table);
    }

    /// The version from a row of a select that [`Self::add_to`] extended.
    pub fn from_row(row: &QueryResult) -> Result<Self, DbErr> {
        Ok(ReferenceVersion { database_id: row.try_get("", DATABASE_ID)?, version: row.try_get("", VERSION)? })
    }

    pub async fn read(db: &DatabaseConnection) -> Result<Self, DbErr> {
        use sea_orm::ConnectionTrait;
        let mut select = Query::select();
        Self::add_to(&mut select);
        let row = db.query_one(&select).await?.ok_or_else(|| DbErr::RecordNotFound(VERSION_TABLE.to_owned()))?;
        Self::from_row(&row)
    }
}

/// A centre's place in the city.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CentrePlace {
    pub id: i32,
    pub slug: String,
    pub district_id: i32,
}

/// The rows, each list in id order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceData {
    pub districts: Vec<district::Model>,
    pub centres: Vec<CentrePlace>,
    pub categories: Vec<course_category::Model>,
}

impl ReferenceData {
    /// District of every centre, by centre id.
    pub fn centre_districts(&self) -> HashMap<i32, i32> {
        self.centres.iter().map(|centre| (centre.id, centre.district_id)).collect()
    }

    pub fn category(&self, slug: &str) -> Option<&course_category::Model> {
        self.categories.iter().find(|category| category.slug == slug)
    }

    pub fn district(&self, slug: &str) -> Option<&district::Model> {
        self.districts.iter().find(|district| district.slug == slug)
    }

    pub fn centre(&self, slug: &str) -> Option<&CentrePlace> {
        self.centres.iter().find(|centre| centre.slug == slug)
    }

    async fn load(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let districts = district::Entity::find().order_by_asc(district::Column::Id).all(db).await?;
        let centres: Vec<(i32, String, i32)> = centre::Entity::find()
            .select_only()
            .columns([centre::Column::Id, centre::Column::Slug, centre::Column::DistrictId])
            .order_by_asc(centre::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        let categories = course_category::Entity::find().order_by_asc(course_category::Column::Id).all(db).await?;
        let centres =
            centres.into_iter().map(|(id, slug, district_id)| CentrePlace { id, slug, district_id }).collect();
        Ok(ReferenceData { districts, centres, categories })
    }
}

/// The copy kept for each database, with the version it was read at.
type Kept = HashMap<String, (i64, Arc<ReferenceData>)>;

fn kept() -> &'static Mutex<Kept> {
    static KEPT: OnceLock<Mutex<Kept>> = OnceLock::new();
    KEPT.get_or_init(Mutex::default)
}

/// The reference data at `version` (or newer): the kept copy when it is that version, otherwise
/// read again and kept. Takes the connection, not a transaction: rows read inside a transaction
/// that may still roll back must not be kept.
pub async fn reference_data(db: &DatabaseConnection, version: &ReferenceVersion) -> Result<Arc<ReferenceData>, DbErr> {
    // A panic elsewhere while holding the lock leaves a map that is still whole.
    let kept_copy = kept().lock().unwrap_or_else(PoisonError::into_inner).get(&version.database_id).cloned();
    if let Some((kept_version, data)) = kept_copy
        && kept_version == version.version
    {
        return Ok(data);
    }
    // Read after the version, so the rows are at least that new; a newer copy kept under the older
    // number is read again at the next request, never served stale.
    let data = Arc::new(ReferenceData::load(db).await?);
    kept()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(version.database_id.clone(), (version.version, Arc::clone(&data)));
    Ok(data)
}

/// The current reference data, for callers with nothing else to read first (one statement when
/// the kept copy is current).
pub async fn current_reference_data(db: &DatabaseConnection) -> Result<Arc<ReferenceData>, DbErr> {
    reference_data(db, &ReferenceVersion::read(db).await?).await
}
