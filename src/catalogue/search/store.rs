//! Catalogue search queries; the server functions and the tests both go through here.
//!
//! Every course carries its next session start (`course.next_session_at`, kept by database
//! triggers, see migration m0011), so "has a session ahead" and "soonest first" are index reads,
//! not a subquery per course. Before searching, [`bring_next_sessions_to`] makes the stored starts
//! exact for the search's `now`.
use super::domain::{
    COURSES_PER_PAGE, CourseCard, CourseFacets, CourseFilters, CoursePage, CourseSearch, CourseSort, FacetCount,
};
use super::result_cache::{self, GroupRows, PageRows, SearchVersions};
use crate::error::{AppError, Field, InputProblem};
use crate::forms::keys::{CourseFormat, InstructionLanguage};
use crate::localized::Localized;
use crate::server::entities::{
    centre, course, course_category, course_facet_count, course_session, course_slot_count, district,
};
use crate::server::reference::{ReferenceData, current_reference_data, reference_data};
use crate::server::transactions::write_transaction;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, LikeExpr, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, FromQueryResult,
    JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Select,
};
use std::collections::HashMap;
use std::sync::Arc;

/// Courses that still have a session ahead, soonest first, one page at a time.
pub async fn upcoming_courses(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    page: u32,
    per_page: u32,
) -> Result<CoursePage, AppError> {
    let (reference, _) = bring_next_sessions_to(db, now).await?;
    let filters = CourseFilters { page, ..Default::default() };
    let search = ResolvedSearch::unresolved(&filters, now, db.get_database_backend());
    let groups = matching_groups(db, &search, &reference.centre_districts(), None).await?;
    Ok(course_page(db, &search, search.total(&groups), per_page, None).await?)
}

/// Courses with a session ahead that match every filter, a page of them in the chosen order, and
/// facet counts for the filter form. An unknown category, district or centre slug is refused.
pub async fn search_courses(
    db: &DatabaseConnection,
    filters: &CourseFilters,
    now: DateTime<Utc>,
) -> Result<CourseSearch, AppError> {
    let (reference, versions) = bring_next_sessions_to(db, now).await?;
    let centre_districts = reference.centre_districts();
    let mut search = ResolvedSearch::resolve(db, filters, now, &reference)?;
    let groups = matching_groups(db, &search, &centre_districts, versions.as_ref()).await?;
    let total = search.total(&groups);
    search.category_by_walking = search.walk_order_index(&groups, total);
    let results = course_page(db, &search, total, COURSES_PER_PAGE, versions.as_ref()).await?;
    let facets = facets(&reference, &search, &groups);
    Ok(CourseSearch { results, facets })
}

/// Every category and district, for the options of the filter form (counts left at zero: the
/// form takes them from each search's answer).
pub async fn filter_choices(db: &DatabaseConnection) -> Result<CourseFacets, DbErr> {
    Ok(facets_from_counts(&*current_reference_data(db).await?, |_| 0, |_| 0))
}

/// `course.next_session_at`: not an entity field, so no application write can put back a copy read
/// earlier; only the triggers and [`bring_next_sessions_to`] write it.
fn next_session_at() -> Expr {
    Expr::col((course::Entity, Alias::new("next_session_at")))
}

/// `course.upcoming_slots` (migration m0021): the weekday / part-of-the-day slots of the course's
/// sessions ahead, written with `next_session_at` by the same triggers and refresh.
fn upcoming_slots() -> Expr {
    Expr::col((course::Entity, Alias::new("upcoming_slots")))
}

/// The slot bit of a `course_session` row, as `domain::session_slot` computes it.
const SESSION_SLOT: &str = "(1 << (\"course_session\".\"almaty_weekday\" * 3 + \
     CASE WHEN \"course_session\".\"almaty_minute_of_day\" < 720 THEN 0 \
     WHEN \"course_session\".\"almaty_minute_of_day\" < 1020 THEN 1 ELSE 2 END))";

/// The one-row table that says from which instant the stored next sessions are counted.
const CLOCK_TABLE: &str = "next_session_clock";
const CLOCK_AS_OF: &str = "as_of";

/// `SELECT as_of FROM next_session_clock`, for the callers to add to.
fn clock_select() -> sea_orm::sea_query::SelectStatement {
    Query::select().column((Alias::new(CLOCK_TABLE), Alias::new(CLOCK_AS_OF))).from(Alias::new(CLOCK_TABLE)).to_owned()
}

async fn next_sessions_as_of<C: ConnectionTrait>(db: &C, lock: bool) -> Result<DateTime<Utc>, DbErr> {
    let mut select = clock_select();
    // The refreshing transaction holds the row, so two refreshes do not interleave (SQLite's write
    // transaction already excludes every other writer).
    if lock && db.get_database_backend() == DbBackend::Postgres {
        select.lock(sea_orm::sea_query::LockType::Update);
    }
    let row = db.query_one(&select).await?.ok_or_else(|| DbErr::RecordNotFound(CLOCK_TABLE.to_owned()))?;
    row.try_get("", CLOCK_AS_OF)
}

/// Whether some stored next session is wrong for `now`, and the reference data's and the
/// catalogue's versions: one statement, the first of every search. Stored starts are counted from
/// the clock's `as_of`: moving forward, a course is off only if its stored start has passed; moving
/// back (a server whose clock is behind, a test in the past), only courses with a session between
/// `now` and `as_of` are (a second statement, in that rare case). Both are single index probes.
async fn next_sessions_stale(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(bool, SearchVersions), DbErr> {
    use sea_orm::QueryTrait;
    const PASSED: &str = "passed";
    let mut select = clock_select();
    select.expr_as(Expr::exists(stale_probe(now).into_query()), Alias::new(PASSED));
    SearchVersions::add_to(&mut select);
    let row = db.query_one(&select).await?.ok_or_else(|| DbErr::RecordNotFound(CLOCK_TABLE.to_owned()))?;
    let as_of: DateTime<Utc> = row.try_get("", CLOCK_AS_OF)?;
    let versions = SearchVersions::from_row(&row)?;
    if now >= as_of {
        return Ok((row.try_get("", PASSED)?, versions));
    }
    let off: Option<i32> = course_session::Entity::find()
        .select_only()
        .column(course_session::Column::Id)
        .filter(course_session::Column::StartsAt.gte(now))
        .filter(course_session::Column::StartsAt.lt(as_of))
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok((off.is_some(), versions))
}

/// A course whose stored next session has passed by `now`.
fn stale_probe(now: DateTime<Utc>) -> Select<course::Entity> {
    use sea_orm::sea_query::ExprTrait;
    course::Entity::find().select_only().column(course::Column::Id).filter(next_session_at().lt(now)).limit(1)
}

/// Makes every course's stored next session the first one at or after `now`. Nothing is written
/// unless a stored start has passed since the last refresh (in use: when a session begins), and
/// then only the courses concerned are recomputed. Answers with the reference data (districts,
/// centres, categories), whose version it read along the way, and the versions a search's results
/// may be kept under: none when the stored starts were just recomputed, since results kept at the
/// version read before could be the ones from before.
async fn bring_next_sessions_to(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(Arc<ReferenceData>, Option<SearchVersions>), AppError> {
    let (stale, versions) = next_sessions_stale(db, now).await?;
    let reference = reference_data(db, &versions.reference).await?;
    if !stale {
        return Ok((reference, Some(versions)));
    }
    write_transaction(db, move |txn| {
        Box::pin(async move {
            use sea_orm::sea_query::ExprTrait;
            let as_of = next_sessions_as_of(txn, true).await?;
            let session_column = |column: course_session::Column| Expr::col((course_session::Entity, column));
            let sessions_from_now = |of_them: Expr| -> Expr {
                Query::select()
                    .expr(of_them)
                    .from(course_session::Entity)
                    .and_where(
                        session_column(course_session::Column::CourseId).equals((course::Entity, course::Column::Id)),
                    )
                    .and_where(session_column(course_session::Column::StartsAt).gte(now))
                    .to_owned()
                    .into()
            };
            let first_session_from_now = sessions_from_now(session_column(course_session::Column::StartsAt).min());
            // Distinct powers of two add up to their union, on both databases.
            let slots_from_now = sessions_from_now(Expr::cust(format!("COALESCE(SUM(DISTINCT {SESSION_SLOT}), 0)")));
            let concerned = if now >= as_of {
                next_session_at().lt(now)
            } else {
                let sessions_in_between = Query::select()
                    .column(course_session::Column::CourseId)
                    .from(course_session::Entity)
                    .and_where(session_column(course_session::Column::StartsAt).gte(now))
                    .and_where(session_column(course_session::Column::StartsAt).lt(as_of))
                    .to_owned();
                Expr::col((course::Entity, course::Column::Id)).in_subquery(sessions_in_between)
            };
            let recompute = Query::update()
                .table(course::Entity)
                .value(Alias::new("next_session_at"), first_session_from_now)
                .value(Alias::new("upcoming_slots"), slots_from_now)
                .and_where(concerned)
                .to_owned();
            txn.execute(&recompute).await?;
            let move_clock =
                Query::update().table(Alias::new(CLOCK_TABLE)).value(Alias::new(CLOCK_AS_OF), now).to_owned();
            txn.execute(&move_clock).await?;
            Ok(())
        })
    })
    .await?;
    Ok((reference, None))
}

/// A facet is counted with its own filter set aside, so the form can offer the alternatives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Category,
    District,
    Language,
    Format,
}

/// Matching courses counted per combination of the four facet columns, with every other filter
/// applied (at most categories × districts × 3 × 2 rows). The total and every facet count are sums
/// over these rows, so one scan of the catalogue answers them all.
#[derive(Debug)]
struct CourseGroup {
    category_id: i32,
    district_id: i32,
    language: InstructionLanguage,
    format: CourseFormat,
    count: u64,
}

/// How a query applies a weekday or part-of-the-day filter to `course`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SlotTest {
    /// `course.id IN` the matching sessions ahead (a page in another order than soonest first).
    Sessions,
    /// A bit test of the course's stored slots (courses another index has found: a text search's).
    StoredSlots,
    /// Not on `course` at all: the query walks `course_slot_member`, which holds the filter and
    /// "ahead". Walking the next-session index instead would pass by every course whose next
    /// session comes before the chosen day, most of the catalogue.
    Members,
}

/// Filters with their slugs turned into ids.
struct ResolvedSearch<'a> {
    filters: &'a CourseFilters,
    now: DateTime<Utc>,
    /// The text search reads SQLite's own text index (PostgreSQL's serves LIKE as it is).
    backend: DbBackend,
    category_id: Option<i32>,
    district_id: Option<i32>,
    /// Centres of the chosen district, so the page query needs no join.
    district_centre_ids: Option<Vec<i32>>,
    centre_id: Option<i32>,
    /// SQLite only: the page is read by walking the order's index and testing the category on each
    /// row, because that reads fewer rows than fetching the category's courses through its index
    /// and sorting them (see [`ResolvedSearch::walk_order_index`]).
    category_by_walking: bool,
}

impl<'a> ResolvedSearch<'a> {
    /// For callers that set no slug filters.
    fn unresolved(filters: &'a CourseFilters, now: DateTime<Utc>, backend: DbBackend) -> Self {
        ResolvedSearch {
            filters,
            now,
            backend,
            category_id: None,
            district_id: None,
            district_centre_ids: None,
            centre_id: None,
            category_by_walking: false,
        }
    }

    fn resolve(
        db: &DatabaseConnection,
        filters: &'a CourseFilters,
        now: DateTime<Utc>,
        reference: &ReferenceData,
    ) -> Result<Self, AppError> {
        let mut search = Self::unresolved(filters, now, db.get_database_backend());
        if let Some(slug) = &filters.category {
            let category =
                reference.category(slug).ok_or_else(|| AppError::invalid(Field::Category, InputProblem::Unknown))?;
            search.category_id = Some(category.id);
        }
        if let Some(slug) = &filters.district {
            let district =
                reference.district(slug).ok_or_else(|| AppError::invalid(Field::District, InputProblem::Unknown))?;
            let centre_ids: Vec<i32> = reference
                .centres
                .iter()
                .filter(|centre| centre.district_id == district.id)
                .map(|centre| centre.id)
                .collect();
            search.district_id = Some(district.id);
            search.district_centre_ids = Some(centre_ids);
        }
        if let Some(slug) = &filters.centre {
            let centre =
                reference.centre(slug).ok_or_else(|| AppError::invalid(Field::Centre, InputProblem::Unknown))?;
            search.centre_id = Some(centre.id);
        }
        Ok(search)
    }

    /// Every filter; without the four facet filters when `facet_filters` is false; a weekday or
    /// part of the day as `slot_test` says.
    fn condition(&self, facet_filters: bool, slot_test: SlotTest) -> Condition {
        use sea_orm::sea_query::ExprTrait;
        let filters = self.filters;
        let course_column = |column: course::Column| Expr::col((course::Entity, column));
        // The stored next session is exact for `now` (see `bring_next_sessions_to`): a course with a
        // session ahead has one at or after `now`, others have none (NULL).
        let mut condition = Condition::all();
        match (self.filters.slot_filter(), slot_test) {
            (Some(_), SlotTest::Members) => {}
            (Some(_), SlotTest::Sessions) => {
                let courses_with_such_sessions = self.upcoming_sessions();
                condition = condition
                    .add(next_session_at().gte(self.now))
                    .add(Expr::col((course::Entity, course::Column::Id)).in_subquery(courses_with_such_sessions));
            }
            (Some(slot_filter), SlotTest::StoredSlots) => {
                condition = condition
                    .add(next_session_at().gte(self.now))
                    .add(upcoming_slots().bit_and(slot_filter.slots()).ne(0));
            }
            (None, _) => condition = condition.add(next_session_at().gte(self.now)),
        }
        if facet_filters {
            if let Some(category_id) = self.category_id {
                condition = condition.add(self.category_column().eq(category_id));
            }
            if let Some(centre_ids) = &self.district_centre_ids {
                condition = condition.add(self.centre_column().is_in(centre_ids.iter().copied()));
            }
            if let Some(language) = filters.language {
                condition = condition.add(course::Column::Language.eq(language));
            }
            if let Some(format) = filters.format {
                condition = condition.add(course::Column::Format.eq(format));
            }
        }
        if let Some(centre_id) = self.centre_id {
            condition = condition.add(self.centre_column().eq(centre_id));
        }
        if let Some(age) = filters.age {
            condition = condition.add(course::Column::MinAge.lte(age)).add(course::Column::MaxAge.gte(age));
        }
        if filters.only_free_seats {
            condition =
                condition.add(course_column(course::Column::SeatsTaken).lt(course_column(course::Column::Capacity)));
        }
        // Both sides are folded in Rust, so LIKE behaves the same for Cyrillic on every database.
        for word in self.filters.search_words() {
            condition = condition.add(self.contains_word(&word));
        }
        condition
    }

    /// `course.centre_id`, which SQLite must not read through its own index: a district holds an
    /// eighth of the catalogue, so SQLite would fetch all of its courses and sort them (24 ms at
    /// 100,000 courses) where walking the next-session index stops after a page (0.2 ms). The unary
    /// `+` is SQLite's documented way to say so; PostgreSQL weighs the `LIMIT` itself.
    fn centre_column(&self) -> Expr {
        if self.backend == DbBackend::Sqlite {
            Expr::cust("+\"course\".\"centre_id\"")
        } else {
            Expr::col((course::Entity, course::Column::CentreId))
        }
    }

    /// `course.category_id`, hidden from SQLite's planner (the unary `+`, as in
    /// [`Self::centre_column`]) when the page is to be read by walking the order's index.
    fn category_column(&self) -> Expr {
        if self.category_by_walking {
            Expr::cust("+\"course\".\"category_id\"")
        } else {
            Expr::col((course::Entity, course::Column::CategoryId))
        }
    }

    /// Whether SQLite should read a page of a category by walking the order's index (soonest,
    /// newest or most seats left first) rather than through the category's index. Walking reads
    /// about (page's end × upcoming courses ÷ matching courses) rows and stops; the category's
    /// index reads every upcoming course of the category and sorts them: 11,000 rows for a
    /// category at 100,000 courses (2 ms, growing), where walking reads about 100. A rare
    /// combination of filters walks far, so the counts the search already has decide. SQLite has
    /// no statistics to weigh this itself (`ANALYZE` is not run); PostgreSQL does.
    fn walk_order_index(&self, groups: &[CourseGroup], total: u64) -> bool {
        let Some(category_id) = self.category_id else { return false };
        if self.backend != DbBackend::Sqlite || total == 0 || !self.filters.search_words().is_empty() {
            return false;
        }
        // Every group passes the filters other than the four facets: their sum is the courses a
        // walk passes by, and the category's share is what its index would read.
        let upcoming: u64 = groups.iter().map(|group| group.count).sum();
        let in_category: u64 =
            groups.iter().filter(|group| group.category_id == category_id).map(|group| group.count).sum();
        let page_end = u64::from(self.filters.page.max(1)) * u64::from(COURSES_PER_PAGE);
        page_end.saturating_mul(upcoming) < total.saturating_mul(in_category)
    }

    /// The course's folded text contains `word` (folded too). On SQLite a word of three letters or
    /// more is looked up in the trigram index `course_search` (migration m0013): a phrase of
    /// trigrams matches exactly the texts that contain the word, as `LIKE '%word%'` does, without
    /// reading every course. Shorter words have no trigram and are matched with LIKE.
    fn contains_word(&self, word: &str) -> Expr {
        use sea_orm::sea_query::ExprTrait;
        if self.backend == DbBackend::Sqlite && word.chars().count() >= 3 {
            let phrase = format!("\"{}\"", word.replace('"', "\"\""));
            let containing = Query::select()
                .column(Alias::new("rowid"))
                .from(Alias::new("course_search"))
                .and_where(Expr::cust_with_values("course_search MATCH ?", [phrase]))
                .to_owned();
            return Expr::col((course::Entity, course::Column::Id)).in_subquery(containing);
        }
        let pattern = format!("%{}%", escape_like(word));
        Expr::col((course::Entity, course::Column::SearchText)).like(LikeExpr::new(pattern).escape('\\'))
    }

    /// Courses with a session still ahead on the chosen weekday and time of day. Not correlated
    /// with the outer course: the database reads the matching sessions ahead once (index only:
    /// `ix_course_session_weekday_minute_starts_at_course` when a weekday is chosen, otherwise
    /// `ix_course_session_starts_at_weekday_minute_course`) instead of probing the sessions of
    /// every course.
    fn upcoming_sessions(&self) -> SelectStatement {
        use sea_orm::sea_query::ExprTrait;
        let session_column = |column: course_session::Column| Expr::col((course_session::Entity, column));
        let mut sessions = Query::select();
        sessions
            .column(course_session::Column::CourseId)
            .from(course_session::Entity)
            .and_where(session_column(course_session::Column::StartsAt).gte(self.now));
        if let Some(weekday) = self.filters.weekday {
            let weekday = weekday.num_days_from_monday() as i16;
            sessions.and_where(session_column(course_session::Column::AlmatyWeekday).eq(weekday));
        }
        if let Some(time_of_day) = self.filters.time_of_day {
            let minutes = time_of_day.minutes();
            sessions
                .and_where(session_column(course_session::Column::AlmatyMinuteOfDay).gte(minutes.start))
                .and_where(session_column(course_session::Column::AlmatyMinuteOfDay).lt(minutes.end));
        }
        sessions
    }
}

impl ResolvedSearch<'_> {
    /// Whether a group passes the facet filters, `except` one of them.
    fn fits(&self, group: &CourseGroup, except: Option<Facet>) -> bool {
        let applies = |facet| except != Some(facet);
        (!applies(Facet::Category) || self.category_id.is_none_or(|id| group.category_id == id))
            && (!applies(Facet::District) || self.district_id.is_none_or(|id| group.district_id == id))
            && (!applies(Facet::Language) || self.filters.language.is_none_or(|language| group.language == language))
            && (!applies(Facet::Format) || self.filters.format.is_none_or(|format| group.format == format))
    }

    fn total(&self, groups: &[CourseGroup]) -> u64 {
        groups.iter().filter(|group| self.fits(group, None)).map(|group| group.count).sum()
    }
}

/// Upcoming courses per group, as counted by the database, of the groups that pass the centre, age
/// and free-seat filters (the facet filters are applied to the groups afterwards): from
/// `course_facet_count`, or from `course_slot_count` (same groups, per weekday / part-of-the-day
/// filter) when the sessions' days or times are chosen.
fn upcoming_counts_query<Counts: EntityTrait>(search: &ResolvedSearch<'_>) -> Select<Counts> {
    use sea_orm::sea_query::ExprTrait;
    let column = |name: &str| Expr::col(Alias::new(name));
    let mut query = Counts::find().select_only();
    for name in ["category_id", "centre_id", "language", "format", "upcoming"] {
        query = query.column_as(column(name), name);
    }
    query = query.filter(column("upcoming").gt(0));
    if let Some(slot_filter) = search.filters.slot_filter() {
        query = query.filter(column("slot_filter").eq(slot_filter.key()));
    }
    if let Some(centre_id) = search.centre_id {
        query = query.filter(column("centre_id").eq(centre_id));
    }
    if let Some(age) = search.filters.age {
        query = query.filter(column("min_age").lte(age)).filter(column("max_age").gte(age));
    }
    if search.filters.only_free_seats {
        query = query.filter(column("has_free_seats").eq(true));
    }
    query
}

fn groups_query(search: &ResolvedSearch<'_>) -> Select<course::Entity> {
    use sea_orm::sea_query::ExprTrait;
    course::Entity::find()
        .select_only()
        .column(course::Column::CategoryId)
        .column(course::Column::CentreId)
        .column(course::Column::Language)
        .column(course::Column::Format)
        .column_as(Expr::col((course::Entity, course::Column::Id)).count(), "matching")
        .filter(search.condition(false, SlotTest::StoredSlots))
        .group_by(course::Column::CategoryId)
        .group_by(course::Column::CentreId)
        .group_by(course::Column::Language)
        .group_by(course::Column::Format)
}

/// Grouped by centre rather than district, so the count reads one index of `course` alone
/// (`ix_course_facets_next_session_at_id`) and joins nothing. With `versions`, the rows are kept
/// for the next search that differs at most in the four facets, its order or its page.
async fn matching_groups<C: ConnectionTrait>(
    db: &C,
    search: &ResolvedSearch<'_>,
    centre_districts: &HashMap<i32, i32>,
    versions: Option<&SearchVersions>,
) -> Result<Vec<CourseGroup>, DbErr> {
    let counted_alike = CourseFilters {
        category: None,
        district: None,
        language: None,
        format: None,
        sort: CourseSort::default(),
        page: 1,
        ..search.filters.clone()
    };
    let read = async {
        let rows = if !search.filters.counted_in_groups() {
            groups_query(search).into_tuple().all(db).await?
        } else if search.filters.slot_filter().is_some() {
            // Kept by triggers on `course` (migrations m0012, m0019, m0021): a few hundred rows,
            // however many courses.
            upcoming_counts_query::<course_slot_count::Entity>(search).into_tuple().all(db).await?
        } else {
            upcoming_counts_query::<course_facet_count::Entity>(search).into_tuple().all(db).await?
        };
        Ok(Arc::new(rows))
    };
    let rows: GroupRows =
        result_cache::kept_or_read(&result_cache::GROUPS, versions, counted_alike.to_query_string(), read).await?;
    Ok(rows
        .iter()
        .filter_map(|&(category_id, centre_id, language, format, count)| {
            Some(CourseGroup {
                category_id,
                district_id: *centre_districts.get(&centre_id)?,
                language,
                format,
                count: u64::try_from(count).unwrap_or(0),
            })
        })
        .collect())
}

/// `%`, `_` and the escape character itself match literally.
fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A page of cards. With `versions`, the page's courses (not their cards: seats left must be
/// current) are kept, unless the order is by seats left, which changes with every enrolment.
async fn course_page<C: ConnectionTrait>(
    db: &C,
    search: &ResolvedSearch<'_>,
    total: u64,
    per_page: u32,
    versions: Option<&SearchVersions>,
) -> Result<CoursePage, DbErr> {
    let per_page = per_page.max(1);
    let total_pages = total.div_ceil(u64::from(per_page)) as u32;
    // A page past the end shows the last page.
    let page = search.filters.page.clamp(1, total_pages.max(1));
    if total == 0 {
        // Nothing matches: no index walk to find that out again.
        return Ok(CoursePage { courses: Vec::new(), page, total_pages, total });
    }
    let versions = versions.filter(|_| search.filters.sort != CourseSort::SeatsLeft);
    let this_page = CourseFilters { page, ..search.filters.clone() };
    let read = async { Ok(Arc::new(page_query(search, page, per_page).into_tuple().all(db).await?)) };
    let next_sessions: PageRows = result_cache::kept_or_read(
        &result_cache::PAGES,
        versions,
        format!("{per_page}:{}", this_page.to_query_string()),
        read,
    )
    .await?;
    let courses = course_cards(db, &next_sessions).await?;
    Ok(CoursePage { courses, page, total_pages, total })
}

/// Each upcoming course under every weekday / part-of-the-day filter it passes, keyed by the filter
/// and its next session (migration m0021).
const SLOT_MEMBERS: &str = "course_slot_member";

/// `(course id, next session)` of one page of matching courses, in the chosen order.
fn page_query(search: &ResolvedSearch<'_>, page: u32, per_page: u32) -> Select<course::Entity> {
    use sea_orm::QueryTrait;
    use sea_orm::sea_query::ExprTrait;
    let soonest_in_slots = search
        .filters
        .slot_filter()
        .filter(|_| search.filters.sort == CourseSort::Soonest && search.filters.search_words().is_empty());
    let slot_test = if soonest_in_slots.is_some() { SlotTest::Members } else { SlotTest::Sessions };
    let mut query = course::Entity::find()
        .select_only()
        .column(course::Column::Id)
        .column_as(next_session_at(), "next_start")
        .filter(search.condition(true, slot_test));
    if let Some(slot_filter) = soonest_in_slots {
        // The filter's courses in next-session order: the page stops after its rows.
        let member = |column: &str| Expr::col((Alias::new(SLOT_MEMBERS), Alias::new(column)));
        QueryTrait::query(&mut query)
            .inner_join(Alias::new(SLOT_MEMBERS), member("course_id").equals((course::Entity, course::Column::Id)))
            .and_where(member("slot_filter").eq(slot_filter.key()))
            .and_where(member("next_session_at").gte(search.now));
        return query
            .order_by(member("next_session_at"), Order::Asc)
            .order_by(member("course_id"), Order::Asc)
            .limit(u64::from(per_page))
            .offset(u64::from(page.saturating_sub(1) * per_page));
    }
    let query = match search.filters.sort {
        CourseSort::Soonest => query.order_by(next_session_at(), Order::Asc),
        CourseSort::Newest => query.order_by(course::Column::CreatedAt, Order::Desc),
        CourseSort::SeatsLeft => query
            .order_by(
                sea_orm::sea_query::ExprTrait::sub(
                    Expr::col((course::Entity, course::Column::Capacity)),
                    Expr::col((course::Entity, course::Column::SeatsTaken)),
                ),
                Order::Desc,
            )
            .order_by(next_session_at(), Order::Asc),
    };
    query
        .order_by(course::Column::Id, Order::Asc)
        .limit(u64::from(per_page))
        .offset(u64::from(page.saturating_sub(1) * per_page))
}

/// Migration m0023's index for "newest first".
const NEWEST_INDEX: &str = "ix_course_created_at_desc_id";

/// The catalogue's reads that must not grow with the catalogue, for the test that they use
/// indexes: (what, statement, the index SQLite reads it with).
pub fn indexed_reads(backend: DbBackend, now: DateTime<Utc>) -> Vec<(&'static str, sea_orm::Statement, &'static str)> {
    use sea_orm::QueryTrait;
    let unfiltered = CourseFilters::default();
    let words = CourseFilters { query: Some("dombra".to_owned()), ..Default::default() };
    let evenings = CourseFilters {
        weekday: Some(chrono::Weekday::Tue),
        time_of_day: Some(super::domain::TimeOfDay::Evening),
        ..Default::default()
    };
    let most_seats_left = CourseFilters { sort: CourseSort::SeatsLeft, ..Default::default() };
    let one_district = CourseFilters { district: Some("almaly".to_owned()), ..Default::default() };
    let search = |filters| ResolvedSearch::unresolved(filters, now, backend);
    let district_search = ResolvedSearch { district_centre_ids: Some(vec![1, 2]), ..search(&one_district) };
    let music_in_kazakh = CourseFilters {
        category: Some("music".to_owned()),
        language: Some(InstructionLanguage::Kazakh),
        ..unfiltered.clone()
    };
    let newest = CourseFilters { sort: CourseSort::Newest, ..unfiltered.clone() };
    let newest_music = CourseFilters { sort: CourseSort::Newest, ..music_in_kazakh.clone() };
    let walking = |filters| ResolvedSearch { category_id: Some(1), category_by_walking: true, ..search(filters) };
    vec![
        ("staleness probe", stale_probe(now).build(backend), "ix_course_next_session_at_id"),
        (
            "first page, soonest first",
            page_query(&search(&unfiltered), 1, COURSES_PER_PAGE).build(backend),
            "ix_course_next_session_at_id",
        ),
        (
            "first page of a district, soonest first",
            page_query(&district_search, 1, COURSES_PER_PAGE).build(backend),
            "ix_course_next_session_at_id",
        ),
        (
            "first page of a category and language, soonest first",
            page_query(&walking(&music_in_kazakh), 1, COURSES_PER_PAGE).build(backend),
            "ix_course_next_session_at_id",
        ),
        ("first page, newest first", page_query(&search(&newest), 1, COURSES_PER_PAGE).build(backend), NEWEST_INDEX),
        (
            "third page of a category and language, newest first",
            page_query(&walking(&newest_music), 3, COURSES_PER_PAGE).build(backend),
            NEWEST_INDEX,
        ),
        (
            "fifth page, most seats left first",
            page_query(&search(&most_seats_left), 5, COURSES_PER_PAGE).build(backend),
            "ix_course_seats_left_next_session_at_id",
        ),
        (
            "facet counts of a text search",
            groups_query(&search(&words)).build(backend),
            "course_search VIRTUAL TABLE INDEX",
        ),
        (
            "facet counts of Tuesday evenings",
            upcoming_counts_query::<course_slot_count::Entity>(&search(&evenings)).build(backend),
            "sqlite_autoindex_course_slot_count_1",
        ),
        (
            "first page of Tuesday evenings, soonest first",
            page_query(&search(&evenings), 1, COURSES_PER_PAGE).build(backend),
            "sqlite_autoindex_course_slot_member_1",
        ),
        (
            "Tuesday evenings, most seats left first, read from their sessions",
            page_query(
                &search(&CourseFilters { sort: CourseSort::SeatsLeft, ..evenings.clone() }),
                1,
                COURSES_PER_PAGE,
            )
            .build(backend),
            "ix_course_session_weekday_minute_starts_at_course",
        ),
        (
            "facet counts of a text search on Tuesday evenings",
            groups_query(&search(&CourseFilters { query: Some("dombra".to_owned()), ..evenings.clone() }))
                .build(backend),
            "course_search VIRTUAL TABLE INDEX",
        ),
    ]
}

/// What a card shows of its course, centre, district and category: one joined read of a page's
/// courses (without their long descriptions).
#[derive(FromQueryResult)]
struct CardRow {
    id: i32,
    slug: String,
    title_kk: String,
    title_ru: String,
    title_en: String,
    centre_slug: String,
    centre_kk: String,
    centre_ru: String,
    centre_en: String,
    district_kk: String,
    district_ru: String,
    district_en: String,
    category_kk: String,
    category_ru: String,
    category_en: String,
    language: InstructionLanguage,
    format: CourseFormat,
    min_age: i16,
    max_age: i16,
    capacity: i32,
    seats_taken: i32,
}

/// Cards for `(course id, next session)` pairs, in the given order.
async fn course_cards<C: ConnectionTrait>(
    db: &C,
    next_sessions: &[(i32, DateTime<Utc>)],
) -> Result<Vec<CourseCard>, DbErr> {
    use course::Column as Course;
    let ids: Vec<i32> = next_sessions.iter().map(|(id, _)| *id).collect();
    let rows: HashMap<i32, CardRow> = course::Entity::find()
        .select_only()
        .columns([Course::Id, Course::Slug, Course::TitleKk, Course::TitleRu, Course::TitleEn])
        .column_as(centre::Column::Slug, "centre_slug")
        .column_as(centre::Column::NameKk, "centre_kk")
        .column_as(centre::Column::NameRu, "centre_ru")
        .column_as(centre::Column::NameEn, "centre_en")
        .column_as(district::Column::NameKk, "district_kk")
        .column_as(district::Column::NameRu, "district_ru")
        .column_as(district::Column::NameEn, "district_en")
        .column_as(course_category::Column::NameKk, "category_kk")
        .column_as(course_category::Column::NameRu, "category_ru")
        .column_as(course_category::Column::NameEn, "category_en")
        .columns([
            Course::Language,
            Course::Format,
            Course::MinAge,
            Course::MaxAge,
            Course::Capacity,
            Course::SeatsTaken,
        ])
        .join(JoinType::InnerJoin, course::Relation::Centre.def())
        .join(JoinType::InnerJoin, centre::Relation::District.def())
        .join(JoinType::InnerJoin, course::Relation::Category.def())
        .filter(Course::Id.is_in(ids))
        .into_model::<CardRow>()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();

    Ok(next_sessions
        .iter()
        .filter_map(|&(course_id, next_session)| {
            let row = rows.get(&course_id)?;
            Some(CourseCard {
                slug: row.slug.clone(),
                title: Localized::new(&row.title_kk, &row.title_ru, &row.title_en),
                centre_slug: row.centre_slug.clone(),
                centre_name: Localized::new(&row.centre_kk, &row.centre_ru, &row.centre_en),
                district_name: Localized::new(&row.district_kk, &row.district_ru, &row.district_en),
                category: Localized::new(&row.category_kk, &row.category_ru, &row.category_en),
                language: row.language,
                format: row.format,
                min_age: row.min_age,
                max_age: row.max_age,
                capacity: row.capacity,
                seats_left: (row.capacity - row.seats_taken).max(0),
                next_session,
            })
        })
        .collect())
}

/// Facet counts from the grouped rows.
fn facets(reference: &ReferenceData, search: &ResolvedSearch<'_>, groups: &[CourseGroup]) -> CourseFacets {
    let count = |facet: Facet, belongs: &dyn Fn(&CourseGroup) -> bool| -> u64 {
        groups.iter().filter(|group| belongs(group) && search.fits(group, Some(facet))).map(|group| group.count).sum()
    };
    let mut facets = facets_from_counts(
        reference,
        |category_id| count(Facet::Category, &|group| group.category_id == category_id),
        |district_id| count(Facet::District, &|group| group.district_id == district_id),
    );
    for language in &mut facets.languages {
        language.count = count(Facet::Language, &|group| group.language == language.key);
    }
    for format in &mut facets.formats {
        format.count = count(Facet::Format, &|group| group.format == format.key);
    }
    facets
}

/// Every category and district (zero counts included, so the form keeps a stable set of
/// options) with the counts given by id; languages and formats with zero counts.
fn facets_from_counts(
    reference: &ReferenceData,
    category_count: impl Fn(i32) -> u64,
    district_count: impl Fn(i32) -> u64,
) -> CourseFacets {
    let categories = reference
        .categories
        .iter()
        .map(|category| FacetCount {
            count: category_count(category.id),
            name: Localized::new(&category.name_kk, &category.name_ru, &category.name_en),
            key: category.slug.clone(),
        })
        .collect();
    let districts = reference
        .districts
        .iter()
        .map(|district| FacetCount {
            count: district_count(district.id),
            name: Localized::new(&district.name_kk, &district.name_ru, &district.name_en),
            key: district.slug.clone(),
        })
        .collect();
    let languages = [InstructionLanguage::Kazakh, InstructionLanguage::Russian, InstructionLanguage::English]
        .into_iter()
        .map(|key| FacetCount { key, name: Localized::default(), count: 0 })
        .collect();
    let formats = [CourseFormat::Offline, CourseFormat::Online]
        .into_iter()
        .map(|key| FacetCount { key, name: Localized::default(), count: 0 })
        .collect();
    CourseFacets { categories, districts, languages, formats }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(category_id: i32, count: u64) -> CourseGroup {
        CourseGroup {
            category_id,
            district_id: 1,
            language: InstructionLanguage::Kazakh,
            format: CourseFormat::Offline,
            count,
        }
    }

    #[test]
    fn a_page_of_a_common_category_is_walked_and_of_a_rare_filter_read_through_its_index() {
        let now = Utc::now();
        let music = CourseFilters { category: Some("music".to_owned()), ..Default::default() };
        let search = |filters, backend| ResolvedSearch {
            category_id: Some(3),
            ..ResolvedSearch::unresolved(filters, now, backend)
        };
        // 100,000 upcoming courses, 11,000 of them music, 3,700 of those in Kazakh: a walk passes
        // about 12 × 100,000 ÷ 3,700 = 324 courses, the category's index reads 11,000.
        let large = [group(3, 11_000), group(1, 89_000)];
        assert!(search(&music, DbBackend::Sqlite).walk_order_index(&large, 3_700));
        // Page 100 of the same: a walk would pass about 324,000.
        let far = CourseFilters { page: 100, ..music.clone() };
        assert!(!search(&far, DbBackend::Sqlite).walk_order_index(&large, 3_700));
        // Three matching courses: a walk would pass most of the catalogue.
        assert!(!search(&music, DbBackend::Sqlite).walk_order_index(&large, 3));
        // Nothing to decide without a category, on PostgreSQL (its planner weighs it), for a text
        // search (its page comes from the text index) or when nothing matches.
        let no_category = ResolvedSearch::unresolved(&music, now, DbBackend::Sqlite);
        assert!(!no_category.walk_order_index(&large, 3_700));
        assert!(!search(&music, DbBackend::Postgres).walk_order_index(&large, 3_700));
        let words = CourseFilters { query: Some("dombra".to_owned()), ..music.clone() };
        assert!(!search(&words, DbBackend::Sqlite).walk_order_index(&large, 3_700));
        assert!(!search(&music, DbBackend::Sqlite).walk_order_index(&large, 0));
    }
}
