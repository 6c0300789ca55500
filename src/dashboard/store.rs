//! The dashboard's counts: aggregate queries (COUNT and SUM with GROUP BY in the database), so
//! the report costs the same few queries whatever the number of rows. Every count of people
//! leaves here as a [`Cell`], already hidden below five.
use super::domain::{CategoryRow, Cell, Dashboard, DistrictName, MonthRange};
use crate::centres::domain::RoomKind;
use crate::enrolment::domain::EnrolmentStatus;
use crate::error::AppError;
use crate::forms::age::AgeBand;
use crate::localized::Localized;
use crate::quiz::domain::RiasecType;
use crate::residents::domain::Occupation;
use crate::server::entities::{
    booking, centre, course, course_category, district, enrolment, questionnaire_result, resident, room, visit,
};
use crate::staff::desk::domain::VisitPurpose;
use crate::time::from_almaty;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

fn almaty_midnight(day: NaiveDate) -> DateTime<Utc> {
    from_almaty(day.and_hms_opt(0, 0, 0).unwrap_or_default()).unwrap_or_default()
}

fn district_name(district: district::Model) -> DistrictName {
    DistrictName { slug: district.slug, name: Localized::new(district.name_kk, district.name_ru, district.name_en) }
}

/// Every district, in the order of their ids (the seed's order).
pub async fn districts(db: &DatabaseConnection) -> Result<Vec<district::Model>, AppError> {
    Ok(district::Entity::find().order_by_asc(district::Column::Id).all(db).await?)
}

/// The report for `district` (`None`: the city) over `range`, ages as of `today`.
pub async fn report(
    db: &DatabaseConnection,
    district: Option<&district::Model>,
    districts_to_switch: Vec<district::Model>,
    range: MonthRange,
    today: NaiveDate,
) -> Result<Dashboard, AppError> {
    let (first_day, day_after) = range.days();
    let (from, until) = (almaty_midnight(first_day), almaty_midnight(day_after));
    let in_district = |column: resident::Column| match district {
        Some(district) => Condition::all().add(column.eq(district.id)),
        None => Condition::all(),
    };
    let centre_ids: Vec<i32> = {
        let mut query = centre::Entity::find().select_only().column(centre::Column::Id);
        if let Some(district) = district {
            query = query.filter(centre::Column::DistrictId.eq(district.id));
        }
        query.into_tuple().all(db).await?
    };

    let residents = Cell::of(
        resident::Entity::find()
            .filter(in_district(resident::Column::DistrictId))
            .filter(resident::Column::CreatedAt.lt(until))
            .count(db)
            .await? as i64,
    );
    let mut new_residents = Vec::new();
    for month in range.months() {
        let (start, end) = (almaty_midnight(month.first_day()), almaty_midnight(month.next().first_day()));
        let count = resident::Entity::find()
            .filter(in_district(resident::Column::DistrictId))
            .filter(resident::Column::CreatedAt.gte(start))
            .filter(resident::Column::CreatedAt.lt(end))
            .count(db)
            .await?;
        new_residents.push((month, Cell::of(count as i64)));
    }

    let mut age_bands = Vec::new();
    for band in AgeBand::ALL {
        let (born_after, born_by) = band.birth_dates(today);
        let count = resident::Entity::find()
            .filter(in_district(resident::Column::DistrictId))
            .filter(resident::Column::BirthDate.gt(born_after))
            .filter(resident::Column::BirthDate.lte(born_by))
            .count(db)
            .await?;
        age_bands.push((band, Cell::of(count as i64)));
    }

    let occupation_counts: HashMap<Occupation, i64> = resident::Entity::find()
        .select_only()
        .column(resident::Column::Occupation)
        .column_as(resident::Column::Id.count(), "count")
        .filter(in_district(resident::Column::DistrictId))
        .group_by(resident::Column::Occupation)
        .into_tuple::<(Occupation, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let occupations = Occupation::ALL
        .into_iter()
        .map(|occupation| (occupation, Cell::of(occupation_counts.get(&occupation).copied().unwrap_or(0))))
        .collect();

    let categories = category_rows(db, &centre_ids, from, until).await?;
    let booked_hours = booked_hours(db, &centre_ids, from, until).await?;

    let quiz_in_scope = Condition::all()
        .add(questionnaire_result::Column::CentreId.is_in(centre_ids.iter().copied()))
        .add(questionnaire_result::Column::CreatedAt.gte(from))
        .add(questionnaire_result::Column::CreatedAt.lt(until));
    let first_letter = Expr::cust("substr(holland_code, 1, 1)");
    let letters: HashMap<String, i64> = questionnaire_result::Entity::find()
        .select_only()
        .column_as(first_letter.clone(), "letter")
        .column_as(questionnaire_result::Column::Id.count(), "count")
        .filter(quiz_in_scope.clone())
        .group_by(first_letter)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let quiz_sessions = Cell::of(letters.values().sum());
    let holland = RiasecType::ALL
        .into_iter()
        .map(|kind| (kind, Cell::of(letters.get(&kind.letter().to_string()).copied().unwrap_or(0))))
        .collect();

    let visit_counts: HashMap<VisitPurpose, i64> = visit::Entity::find()
        .select_only()
        .column(visit::Column::Purpose)
        .column_as(visit::Column::Id.count(), "count")
        .filter(visit::Column::CentreId.is_in(centre_ids.iter().copied()))
        .filter(visit::Column::VisitedOn.gte(first_day))
        .filter(visit::Column::VisitedOn.lt(day_after))
        .group_by(visit::Column::Purpose)
        .into_tuple::<(VisitPurpose, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let visits = std::iter::once(VisitPurpose::Course)
        .chain(VisitPurpose::DROP_IN)
        .map(|purpose| (purpose, Cell::of(visit_counts.get(&purpose).copied().unwrap_or(0))))
        .collect();

    let per_district: HashMap<i32, i64> = resident::Entity::find()
        .select_only()
        .column(resident::Column::DistrictId)
        .column_as(resident::Column::Id.count(), "count")
        .filter(resident::Column::CreatedAt.lt(until))
        .group_by(resident::Column::DistrictId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let by_district = self::districts(db)
        .await?
        .into_iter()
        .map(|district| {
            let count = Cell::of(per_district.get(&district.id).copied().unwrap_or(0));
            (district_name(district), count)
        })
        .collect();

    Ok(Dashboard {
        district: district.cloned().map(district_name),
        districts: districts_to_switch.into_iter().map(district_name).collect(),
        range,
        residents,
        new_residents,
        age_bands,
        occupations,
        categories,
        booked_hours,
        quiz_sessions,
        holland,
        visits,
        by_district,
    })
}

/// Enrolments made in the range per category of the scope's courses, how many attended, and who
/// is on a waiting list now.
async fn category_rows(
    db: &DatabaseConnection,
    centre_ids: &[i32],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<CategoryRow>, AppError> {
    let course_category: HashMap<i32, i32> = course::Entity::find()
        .select_only()
        .column(course::Column::Id)
        .column(course::Column::CategoryId)
        .filter(course::Column::CentreId.is_in(centre_ids.iter().copied()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    // Grouped by course in the database (one row per course, not per enrolment), then by category here.
    let per_course = |condition: Condition| {
        enrolment::Entity::find()
            .select_only()
            .column(enrolment::Column::CourseId)
            .column_as(enrolment::Column::Id.count(), "count")
            .filter(enrolment::Column::CourseId.is_in(course_category.keys().copied()))
            .filter(condition)
            .group_by(enrolment::Column::CourseId)
            .into_tuple::<(i32, i64)>()
            .all(db)
    };
    let in_range = Condition::all()
        .add(enrolment::Column::RequestedAt.gte(from))
        .add(enrolment::Column::RequestedAt.lt(until))
        .add(enrolment::Column::Status.eq(EnrolmentStatus::Enrolled));
    let enrolled = per_course(in_range.clone()).await?;
    let attended = per_course(in_range.add(enrolment::Column::Attended.eq(true))).await?;
    let waiting = per_course(Condition::all().add(enrolment::Column::Status.eq(EnrolmentStatus::Waitlisted))).await?;
    let by_category = |rows: Vec<(i32, i64)>| {
        let mut totals: HashMap<i32, i64> = HashMap::new();
        for (course_id, count) in rows {
            if let Some(category) = course_category.get(&course_id) {
                *totals.entry(*category).or_default() += count;
            }
        }
        totals
    };
    let (enrolled, attended, waiting) = (by_category(enrolled), by_category(attended), by_category(waiting));
    let count = |totals: &HashMap<i32, i64>, id: i32| Cell::of(totals.get(&id).copied().unwrap_or(0));
    Ok(course_category::Entity::find()
        .order_by_asc(course_category::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|category| CategoryRow {
            enrolled: count(&enrolled, category.id),
            attended: count(&attended, category.id),
            waiting: count(&waiting, category.id),
            name: Localized::new(category.name_kk, category.name_ru, category.name_en),
        })
        .collect())
}

/// Hours of confirmed bookings starting in the range, per kind of room; summed in the database
/// (the minutes of a booking are computed the way each database can).
async fn booked_hours(
    db: &DatabaseConnection,
    centre_ids: &[i32],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<(RoomKind, i64)>, AppError> {
    let room_kind: HashMap<i32, RoomKind> = room::Entity::find()
        .select_only()
        .column(room::Column::Id)
        .column(room::Column::Kind)
        .filter(room::Column::CentreId.is_in(centre_ids.iter().copied()))
        .into_tuple::<(i32, RoomKind)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let minutes = match db.get_database_backend() {
        DbBackend::Postgres => "CAST(ROUND(SUM(EXTRACT(EPOCH FROM (ends_at - starts_at)) / 60)) AS BIGINT)",
        _ => "CAST(ROUND(SUM((julianday(ends_at) - julianday(starts_at)) * 1440)) AS INTEGER)",
    };
    let per_room: Vec<(i32, Option<i64>)> = booking::Entity::find()
        .select_only()
        .column(booking::Column::RoomId)
        .column_as(Expr::cust(minutes), "minutes")
        .filter(booking::Column::RoomId.is_in(room_kind.keys().copied()))
        .filter(booking::Column::Status.eq(crate::booking::domain::BookingStatus::Confirmed))
        .filter(booking::Column::StartsAt.gte(from))
        .filter(booking::Column::StartsAt.lt(until))
        .group_by(booking::Column::RoomId)
        .into_tuple()
        .all(db)
        .await?;
    let mut per_kind: HashMap<RoomKind, i64> = HashMap::new();
    for (room_id, minutes) in per_room {
        if let Some(kind) = room_kind.get(&room_id) {
            *per_kind.entry(*kind).or_default() += minutes.unwrap_or(0);
        }
    }
    Ok(RoomKind::ALL.into_iter().map(|kind| (kind, (per_kind.get(&kind).copied().unwrap_or(0) + 30) / 60)).collect())
}
