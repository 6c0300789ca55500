//! Catalogue queries; the server functions and the tests both go through here.
use super::domain::{CourseCard, CoursePage};
use crate::localized::Localized;
use crate::server::entities::{centre, course, course_category, course_session, district};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

#[derive(FromQueryResult)]
struct NextSession {
    course_id: i32,
    next_start: DateTime<Utc>,
}

/// Courses that still have a session ahead, soonest first, one page at a time.
pub async fn upcoming_courses<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    page: u32,
    per_page: u32,
) -> Result<CoursePage, DbErr> {
    let upcoming = || {
        course_session::Entity::find()
            .select_only()
            .column(course_session::Column::CourseId)
            .column_as(course_session::Column::StartsAt.min(), "next_start")
            .filter(course_session::Column::StartsAt.gte(now))
            .group_by(course_session::Column::CourseId)
    };
    let total = upcoming().count(db).await?;
    let total_pages = total.div_ceil(u64::from(per_page.max(1))) as u32;
    let page = page.clamp(1, total_pages.max(1));
    let next_sessions = upcoming()
        .order_by(Expr::col("next_start"), Order::Asc)
        .order_by(course_session::Column::CourseId, Order::Asc)
        .limit(u64::from(per_page))
        .offset(u64::from((page - 1) * per_page))
        .into_model::<NextSession>()
        .all(db)
        .await?;

    let ids: Vec<i32> = next_sessions.iter().map(|s| s.course_id).collect();
    let courses: HashMap<i32, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(ids.clone()))
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

    let cards = next_sessions
        .into_iter()
        .filter_map(|next| {
            let course = courses.get(&next.course_id)?;
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
                next_session: next.next_start,
            })
        })
        .collect();
    Ok(CoursePage { courses: cards, page, total_pages, total })
}
