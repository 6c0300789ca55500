//! Catalogue search queries; the server functions and the tests both go through here.
use super::domain::{
    COURSES_PER_PAGE, CourseCard, CourseFacets, CourseFilters, CoursePage, CourseSearch, CourseSort, FacetCount,
};
use crate::error::{AppError, Field, InputProblem};
use crate::forms::keys::{CourseFormat, InstructionLanguage};
use crate::localized::Localized;
use crate::server::entities::{centre, course, course_category, course_session, district};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, LikeExpr, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};
use std::collections::HashMap;

/// Courses that still have a session ahead, soonest first, one page at a time.
pub async fn upcoming_courses<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    page: u32,
    per_page: u32,
) -> Result<CoursePage, DbErr> {
    let filters = CourseFilters { page, ..Default::default() };
    let search = ResolvedSearch::unresolved(&filters, now);
    let groups = matching_groups(db, &search).await?;
    course_page(db, &search, search.total(&groups), per_page).await
}

/// Courses with a session ahead that match every filter, a page of them in the chosen order, and
/// facet counts for the filter form. An unknown category, district or centre slug is refused.
pub async fn search_courses<C: ConnectionTrait>(
    db: &C,
    filters: &CourseFilters,
    now: DateTime<Utc>,
) -> Result<CourseSearch, AppError> {
    let search = ResolvedSearch::resolve(db, filters, now).await?;
    let groups = matching_groups(db, &search).await?;
    let results = course_page(db, &search, search.total(&groups), COURSES_PER_PAGE).await?;
    let facets = facets(db, &search, &groups).await?;
    Ok(CourseSearch { results, facets })
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

/// Filters with their slugs turned into ids.
struct ResolvedSearch<'a> {
    filters: &'a CourseFilters,
    now: DateTime<Utc>,
    category_id: Option<i32>,
    district_id: Option<i32>,
    /// Centres of the chosen district, so the page query needs no join.
    district_centre_ids: Option<Vec<i32>>,
    centre_id: Option<i32>,
}

impl<'a> ResolvedSearch<'a> {
    /// For callers that set no slug filters.
    fn unresolved(filters: &'a CourseFilters, now: DateTime<Utc>) -> Self {
        ResolvedSearch {
            filters,
            now,
            category_id: None,
            district_id: None,
            district_centre_ids: None,
            centre_id: None,
        }
    }

    async fn resolve<C: ConnectionTrait>(
        db: &C,
        filters: &'a CourseFilters,
        now: DateTime<Utc>,
    ) -> Result<Self, AppError> {
        let mut search = Self::unresolved(filters, now);
        if let Some(slug) = &filters.category {
            let category = course_category::Entity::find()
                .filter(course_category::Column::Slug.eq(slug.as_str()))
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid(Field::Category, InputProblem::Unknown))?;
            search.category_id = Some(category.id);
        }
        if let Some(slug) = &filters.district {
            let district = district::Entity::find()
                .filter(district::Column::Slug.eq(slug.as_str()))
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid(Field::District, InputProblem::Unknown))?;
            let centre_ids: Vec<i32> = centre::Entity::find()
                .select_only()
                .column(centre::Column::Id)
                .filter(centre::Column::DistrictId.eq(district.id))
                .into_tuple()
                .all(db)
                .await?;
            search.district_id = Some(district.id);
            search.district_centre_ids = Some(centre_ids);
        }
        if let Some(slug) = &filters.centre {
            let centre = centre::Entity::find()
                .filter(centre::Column::Slug.eq(slug.as_str()))
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid(Field::Centre, InputProblem::Unknown))?;
            search.centre_id = Some(centre.id);
        }
        Ok(search)
    }

    /// Every filter; without the four facet filters when `facet_filters` is false.
    fn condition(&self, facet_filters: bool) -> Condition {
        use sea_orm::sea_query::ExprTrait;
        let filters = self.filters;
        let course_column = |column: course::Column| Expr::col((course::Entity, column));
        let mut condition = Condition::all().add(Expr::exists(self.upcoming_sessions()));
        if facet_filters {
            if let Some(category_id) = self.category_id {
                condition = condition.add(course::Column::CategoryId.eq(category_id));
            }
            if let Some(centre_ids) = &self.district_centre_ids {
                condition = condition.add(course::Column::CentreId.is_in(centre_ids.iter().copied()));
            }
            if let Some(language) = filters.language {
                condition = condition.add(course::Column::Language.eq(language));
            }
            if let Some(format) = filters.format {
                condition = condition.add(course::Column::Format.eq(format));
            }
        }
        if let Some(centre_id) = self.centre_id {
            condition = condition.add(course::Column::CentreId.eq(centre_id));
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
            let pattern = format!("%{}%", escape_like(&word));
            condition =
                condition.add(course_column(course::Column::SearchText).like(LikeExpr::new(pattern).escape('\\')));
        }
        condition
    }

    /// Sessions of the outer `course` row still ahead, on the chosen weekday and time of day.
    fn upcoming_sessions(&self) -> SelectStatement {
        use sea_orm::sea_query::ExprTrait;
        let session_column = |column: course_session::Column| Expr::col((course_session::Entity, column));
        let mut sessions = Query::select();
        sessions
            .expr(Expr::val(1))
            .from(course_session::Entity)
            .and_where(session_column(course_session::Column::CourseId).equals((course::Entity, course::Column::Id)))
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

    /// The course's next session start, as a scalar subquery.
    fn next_start(&self) -> Expr {
        use sea_orm::sea_query::ExprTrait;
        let session_column = |column: course_session::Column| Expr::col((course_session::Entity, column));
        Query::select()
            .expr(session_column(course_session::Column::StartsAt).min())
            .from(course_session::Entity)
            .and_where(session_column(course_session::Column::CourseId).equals((course::Entity, course::Column::Id)))
            .and_where(session_column(course_session::Column::StartsAt).gte(self.now))
            .to_owned()
            .into()
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

async fn matching_groups<C: ConnectionTrait>(db: &C, search: &ResolvedSearch<'_>) -> Result<Vec<CourseGroup>, DbErr> {
    use sea_orm::sea_query::ExprTrait;
    let rows: Vec<(i32, i32, InstructionLanguage, CourseFormat, i64)> = course::Entity::find()
        .select_only()
        .column(course::Column::CategoryId)
        .column(centre::Column::DistrictId)
        .column(course::Column::Language)
        .column(course::Column::Format)
        .column_as(Expr::col((course::Entity, course::Column::Id)).count(), "matching")
        .join(JoinType::InnerJoin, course::Relation::Centre.def())
        .filter(search.condition(false))
        .group_by(course::Column::CategoryId)
        .group_by(centre::Column::DistrictId)
        .group_by(course::Column::Language)
        .group_by(course::Column::Format)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(category_id, district_id, language, format, count)| CourseGroup {
            category_id,
            district_id,
            language,
            format,
            count: u64::try_from(count).unwrap_or(0),
        })
        .collect())
}

/// `%`, `_` and the escape character itself match literally.
fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

async fn course_page<C: ConnectionTrait>(
    db: &C,
    search: &ResolvedSearch<'_>,
    total: u64,
    per_page: u32,
) -> Result<CoursePage, DbErr> {
    let per_page = per_page.max(1);
    let total_pages = total.div_ceil(u64::from(per_page)) as u32;
    // A page past the end shows the last page.
    let page = search.filters.page.clamp(1, total_pages.max(1));

    let mut query = course::Entity::find()
        .select_only()
        .column(course::Column::Id)
        .column_as(search.next_start(), "next_start")
        .filter(search.condition(true));
    let next_start = || Expr::col("next_start");
    query = match search.filters.sort {
        CourseSort::Soonest => query.order_by(next_start(), Order::Asc),
        CourseSort::Newest => query.order_by(course::Column::CreatedAt, Order::Desc),
        CourseSort::SeatsLeft => query
            .order_by(
                sea_orm::sea_query::ExprTrait::sub(
                    Expr::col((course::Entity, course::Column::Capacity)),
                    Expr::col((course::Entity, course::Column::SeatsTaken)),
                ),
                Order::Desc,
            )
            .order_by(next_start(), Order::Asc),
    };
    let next_sessions: Vec<(i32, DateTime<Utc>)> = query
        .order_by(course::Column::Id, Order::Asc)
        .limit(u64::from(per_page))
        .offset(u64::from((page - 1) * per_page))
        .into_tuple()
        .all(db)
        .await?;
    let courses = course_cards(db, next_sessions).await?;
    Ok(CoursePage { courses, page, total_pages, total })
}

/// Cards for `(course id, next session)` pairs, in the given order.
async fn course_cards<C: ConnectionTrait>(
    db: &C,
    next_sessions: Vec<(i32, DateTime<Utc>)>,
) -> Result<Vec<CourseCard>, DbErr> {
    let ids: Vec<i32> = next_sessions.iter().map(|(id, _)| *id).collect();
    let courses: HashMap<i32, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let centre_ids: Vec<i32> = courses.values().map(|c| c.centre_id).collect();
    let centres: HashMap<i32, (centre::Model, Option<district::Model>)> = centre::Entity::find()
        .filter(centre::Column::Id.is_in(centre_ids))
        .find_also_related(district::Entity)
        .all(db)
        .await?
        .into_iter()
        .map(|(c, d)| (c.id, (c, d)))
        .collect();
    let categories: HashMap<i32, course_category::Model> =
        course_category::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c)).collect();

    Ok(next_sessions
        .into_iter()
        .filter_map(|(course_id, next_session)| {
            let course = courses.get(&course_id)?;
            let (centre, district) = centres.get(&course.centre_id)?;
            let district = district.as_ref()?;
            let category = categories.get(&course.category_id)?;
            Some(CourseCard {
                slug: course.slug.clone(),
                title: Localized::new(&course.title_kk, &course.title_ru, &course.title_en),
                centre_slug: centre.slug.clone(),
                centre_name: Localized::new(&centre.name_kk, &centre.name_ru, &centre.name_en),
                district_name: Localized::new(&district.name_kk, &district.name_ru, &district.name_en),
                category: Localized::new(&category.name_kk, &category.name_ru, &category.name_en),
                language: course.language,
                format: course.format,
                min_age: course.min_age,
                max_age: course.max_age,
                capacity: course.capacity,
                seats_left: (course.capacity - course.seats_taken).max(0),
                next_session,
            })
        })
        .collect())
}

/// Facet counts from the grouped rows. Every category and district is listed (zero counts
/// included) so the form keeps a stable set of options.
async fn facets<C: ConnectionTrait>(
    db: &C,
    search: &ResolvedSearch<'_>,
    groups: &[CourseGroup],
) -> Result<CourseFacets, DbErr> {
    let count = |facet: Facet, belongs: &dyn Fn(&CourseGroup) -> bool| -> u64 {
        groups.iter().filter(|group| belongs(group) && search.fits(group, Some(facet))).map(|group| group.count).sum()
    };
    let categories = course_category::Entity::find()
        .order_by_asc(course_category::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|category| FacetCount {
            count: count(Facet::Category, &|group| group.category_id == category.id),
            name: Localized::new(category.name_kk, category.name_ru, category.name_en),
            key: category.slug,
        })
        .collect();
    let districts = district::Entity::find()
        .order_by_asc(district::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|district| FacetCount {
            count: count(Facet::District, &|group| group.district_id == district.id),
            name: Localized::new(district.name_kk, district.name_ru, district.name_en),
            key: district.slug,
        })
        .collect();
    let languages = [InstructionLanguage::Kazakh, InstructionLanguage::Russian, InstructionLanguage::English]
        .into_iter()
        .map(|key| FacetCount {
            key,
            name: Localized::default(),
            count: count(Facet::Language, &|group| group.language == key),
        })
        .collect();
    let formats = [CourseFormat::Offline, CourseFormat::Online]
        .into_iter()
        .map(|key| FacetCount {
            key,
            name: Localized::default(),
            count: count(Facet::Format, &|group| group.format == key),
        })
        .collect();
    Ok(CourseFacets { categories, districts, languages, formats })
}
