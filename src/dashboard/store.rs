//! The dashboard's counts: aggregate queries (COUNT and SUM with GROUP BY in the database), so
//! the report costs the same few queries whatever the number of rows. Every count of people
//! leaves here as a [`Cell`], already hidden below five.
use super::domain::{CategoryRow, Cell, Dashboard, DistrictName, DistrictRow, MonthRange, RoomKindUse};
use crate::centres::domain::RoomKind;
use crate::enrolment::domain::EnrolmentStatus;
use crate::error::AppError;
use crate::forms::age::AgeBand;
use crate::localized::Localized;
use crate::quiz::domain::RiasecType;
use crate::residents::domain::Occupation;
use crate::server::entities::{
    booking, centre, course, course_category, course_session, district, enrolment, questionnaire_result, resident,
    room, visit,
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
    // Every centre with its district and opening hours: the city view compares districts by them.
    let all_centres: Vec<(i32, i32, String)> = centre::Entity::find()
        .select_only()
        .columns([centre::Column::Id, centre::Column::DistrictId, centre::Column::OpeningHours])
        .into_tuple()
        .all(db)
        .await?;
    let district_of: HashMap<i32, i32> = all_centres.iter().map(|(id, district, _)| (*id, *district)).collect();
    let centre_ids: Vec<i32> = all_centres
        .iter()
        .filter(|(_, district_id, _)| district.is_none_or(|district| district.id == *district_id))
        .map(|(id, _, _)| *id)
        .collect();
    let courses: HashMap<i32, (i32, i32)> = course::Entity::find()
        .select_only()
        .columns([course::Column::Id, course::Column::CategoryId, course::Column::CentreId])
        .filter(course::Column::CentreId.is_in(centre_ids.iter().copied()))
        .into_tuple::<(i32, i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, category, centre)| (id, (category, centre)))
        .collect();

    // Independent groups of queries, run side by side on the pool's connections (SQLite's WAL
    // lets readers work at once): the report costs its slowest group, not the sum of all.
    let people = async {
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
        Ok::<_, AppError>((residents, new_residents, age_bands))
    };

    let occupations = async {
        let counts: HashMap<Occupation, i64> = resident::Entity::find()
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
        Ok::<_, AppError>(
            Occupation::ALL
                .into_iter()
                .map(|occupation| (occupation, Cell::of(counts.get(&occupation).copied().unwrap_or(0))))
                .collect::<Vec<_>>(),
        )
    };

    let enrolments = async {
        let in_range = Condition::all()
            .add(enrolment::Column::RequestedAt.gte(from))
            .add(enrolment::Column::RequestedAt.lt(until))
            .add(enrolment::Column::Status.eq(EnrolmentStatus::Enrolled));
        let (enrolled, attended) = enrolments_per_course(db, &courses, in_range).await?;
        let waiting_now = Condition::all().add(enrolment::Column::Status.eq(EnrolmentStatus::Waitlisted));
        let (waiting, _) = enrolments_per_course(db, &courses, waiting_now).await?;
        let categories = category_rows(db, &courses, &enrolled, &attended, &waiting).await?;
        Ok::<_, AppError>((categories, enrolled))
    };

    let opening_hours: HashMap<i32, &str> = all_centres.iter().map(|(id, _, hours)| (*id, hours.as_str())).collect();
    let rooms = room_use(db, &centre_ids, &opening_hours, range, from, until);

    let quiz_in_range = Condition::all()
        .add(questionnaire_result::Column::CreatedAt.gte(from))
        .add(questionnaire_result::Column::CreatedAt.lt(until));
    let visits_in_range =
        Condition::all().add(visit::Column::VisitedOn.gte(first_day)).add(visit::Column::VisitedOn.lt(day_after));
    let quiz_and_visits = async {
        let in_scope =
            quiz_in_range.clone().add(questionnaire_result::Column::CentreId.is_in(centre_ids.iter().copied()));
        let first_letter = Expr::cust("substr(holland_code, 1, 1)");
        let letters: HashMap<String, i64> = questionnaire_result::Entity::find()
            .select_only()
            .column_as(first_letter.clone(), "letter")
            .column_as(questionnaire_result::Column::Id.count(), "count")
            .filter(in_scope)
            .group_by(first_letter)
            .into_tuple::<(String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let quiz_sessions = Cell::of(letters.values().sum());
        let holland: Vec<_> = RiasecType::ALL
            .into_iter()
            .map(|kind| (kind, Cell::of(letters.get(&kind.letter().to_string()).copied().unwrap_or(0))))
            .collect();
        let visit_counts: HashMap<VisitPurpose, i64> = visit::Entity::find()
            .select_only()
            .column(visit::Column::Purpose)
            .column_as(visit::Column::Id.count(), "count")
            .filter(visit::Column::CentreId.is_in(centre_ids.iter().copied()))
            .filter(visits_in_range.clone())
            .group_by(visit::Column::Purpose)
            .into_tuple::<(VisitPurpose, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let visits: Vec<_> = std::iter::once(VisitPurpose::Course)
            .chain(VisitPurpose::DROP_IN)
            .map(|purpose| (purpose, Cell::of(visit_counts.get(&purpose).copied().unwrap_or(0))))
            .collect();
        Ok::<_, AppError>((quiz_sessions, holland, visits))
    };

    let district_counts = async {
        match district {
            Some(_) => Ok(None),
            None => district_counts(db, visits_in_range.clone(), quiz_in_range.clone(), from, until).await.map(Some),
        }
    };

    let (
        (residents, new_residents, age_bands),
        occupations,
        (categories, enrolled),
        room_use,
        (quiz_sessions, holland, visits),
        district_counts,
    ) = tokio::try_join!(people, occupations, enrolments, rooms, quiz_and_visits, district_counts)?;
    let by_district =
        district_counts.map(|counts| district_rows(counts, &district_of, &courses, &enrolled)).unwrap_or_default();

    Ok(Dashboard {
        district: district.cloned().map(district_name),
        districts: districts_to_switch.into_iter().map(district_name).collect(),
        range,
        residents,
        new_residents,
        age_bands,
        occupations,
        categories,
        room_use,
        quiz_sessions,
        holland,
        visits,
        by_district,
    })
}

/// Enrolments matching `condition` per course of `courses`, and how many of them attended:
/// grouped in the database (one row per course, not per enrolment), from one index range.
async fn enrolments_per_course(
    db: &DatabaseConnection,
    courses: &HashMap<i32, (i32, i32)>,
    condition: Condition,
) -> Result<(Vec<(i32, i64)>, Vec<(i32, i64)>), AppError> {
    let rows: Vec<(i32, i64, Option<i64>)> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::CourseId)
        .column_as(enrolment::Column::Id.count(), "count")
        .column_as(Expr::cust("SUM(CASE WHEN attended THEN 1 ELSE 0 END)"), "attended")
        .filter(enrolment::Column::CourseId.is_in(courses.keys().copied()))
        .filter(condition)
        .group_by(enrolment::Column::CourseId)
        .into_tuple()
        .all(db)
        .await?;
    let attended = rows.iter().map(|(course, _, attended)| (*course, attended.unwrap_or(0))).collect();
    Ok((rows.into_iter().map(|(course, count, _)| (course, count)).collect(), attended))
}

/// Sums per-course counts by what `key` picks from a course's (category, centre).
fn sum_by(
    courses: &HashMap<i32, (i32, i32)>,
    rows: &[(i32, i64)],
    key: impl Fn((i32, i32)) -> i32,
) -> HashMap<i32, i64> {
    let mut totals: HashMap<i32, i64> = HashMap::new();
    for (course_id, count) in rows {
        if let Some(course) = courses.get(course_id) {
            *totals.entry(key(*course)).or_default() += count;
        }
    }
    totals
}

/// Enrolments made in the range per course category, how many attended, and who waits now.
async fn category_rows(
    db: &DatabaseConnection,
    courses: &HashMap<i32, (i32, i32)>,
    enrolled: &[(i32, i64)],
    attended: &[(i32, i64)],
    waiting: &[(i32, i64)],
) -> Result<Vec<CategoryRow>, AppError> {
    let by_category = |rows| sum_by(courses, rows, |(category, _)| category);
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

/// Rows matching `condition` per centre (`centre` is the table's centre column; rows without a
/// centre, a questionnaire run outside any centre, are left out).
async fn count_per_centre<E: EntityTrait>(
    db: &DatabaseConnection,
    centre: E::Column,
    condition: Condition,
) -> Result<HashMap<i32, i64>, AppError> {
    Ok(E::find()
        .select_only()
        .column(centre)
        .column_as(centre.count(), "count")
        .filter(condition)
        .group_by(centre)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(centre, count)| Some((centre?, count)))
        .collect())
}

/// What the city view counts per district, or per centre to be summed per district.
struct DistrictCounts {
    districts: Vec<district::Model>,
    registered: HashMap<i32, i64>,
    new: HashMap<i32, i64>,
    check_ins_per_centre: HashMap<i32, i64>,
    questionnaires_per_centre: HashMap<i32, i64>,
}

/// The city view's counts: residents (registered by the end of the range, and new in it) by
/// district in the database; check-ins and questionnaires by centre.
async fn district_counts(
    db: &DatabaseConnection,
    visits_in_range: Condition,
    quiz_in_range: Condition,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<DistrictCounts, AppError> {
    let residents_per_district = |condition: Condition| async move {
        let rows: Vec<(i32, i64)> = resident::Entity::find()
            .select_only()
            .column(resident::Column::DistrictId)
            .column_as(resident::Column::Id.count(), "count")
            .filter(condition)
            .group_by(resident::Column::DistrictId)
            .into_tuple()
            .all(db)
            .await?;
        Ok::<HashMap<i32, i64>, AppError>(rows.into_iter().collect())
    };
    Ok(DistrictCounts {
        districts: districts(db).await?,
        registered: residents_per_district(Condition::all().add(resident::Column::CreatedAt.lt(until))).await?,
        new: residents_per_district(
            Condition::all().add(resident::Column::CreatedAt.gte(from)).add(resident::Column::CreatedAt.lt(until)),
        )
        .await?,
        check_ins_per_centre: count_per_centre::<visit::Entity>(db, visit::Column::CentreId, visits_in_range).await?,
        questionnaires_per_centre: count_per_centre::<questionnaire_result::Entity>(
            db,
            questionnaire_result::Column::CentreId,
            quiz_in_range,
        )
        .await?,
    })
}

/// Every district's row of the city view; per-centre and per-course counts summed by district.
fn district_rows(
    counts: DistrictCounts,
    district_of: &HashMap<i32, i32>,
    courses: &HashMap<i32, (i32, i32)>,
    enrolled: &[(i32, i64)],
) -> Vec<DistrictRow> {
    let per_district = |per_centre: &HashMap<i32, i64>| {
        let mut totals: HashMap<i32, i64> = HashMap::new();
        for (centre, count) in per_centre {
            if let Some(district) = district_of.get(centre) {
                *totals.entry(*district).or_default() += count;
            }
        }
        totals
    };
    let enrolled = per_district(&sum_by(courses, enrolled, |(_, centre)| centre));
    let check_ins = per_district(&counts.check_ins_per_centre);
    let questionnaires = per_district(&counts.questionnaires_per_centre);
    let count = |totals: &HashMap<i32, i64>, id: i32| Cell::of(totals.get(&id).copied().unwrap_or(0));
    counts
        .districts
        .into_iter()
        .map(|district| DistrictRow {
            residents: count(&counts.registered, district.id),
            new_residents: count(&counts.new, district.id),
            enrolled: count(&enrolled, district.id),
            check_ins: count(&check_ins, district.id),
            questionnaires: count(&questionnaires, district.id),
            district: district_name(district),
        })
        .collect()
}

/// Booked and open hours per kind of room over the range. Booked: confirmed bookings and course
/// sessions starting in the range, their minutes summed in the database (each database computes
/// a length its own way). Open: each room's centre's weekly hours over the range's months.
async fn room_use(
    db: &DatabaseConnection,
    centre_ids: &[i32],
    opening_hours: &HashMap<i32, &str>,
    range: MonthRange,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<RoomKindUse>, AppError> {
    use crate::booking::domain::{WeeklyHours, open_minutes_in_month};
    let rooms: Vec<(i32, RoomKind, i32)> = room::Entity::find()
        .select_only()
        .columns([room::Column::Id, room::Column::Kind, room::Column::CentreId])
        .filter(room::Column::CentreId.is_in(centre_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let room_ids = || rooms.iter().map(|(id, _, _)| *id);
    let minutes = Expr::cust(match db.get_database_backend() {
        DbBackend::Postgres => "CAST(ROUND(SUM(EXTRACT(EPOCH FROM (ends_at - starts_at)) / 60)) AS BIGINT)",
        // unixepoch parses a timestamp about twice as fast as julianday (SQLite 3.38 and later).
        _ => "CAST(ROUND(SUM(unixepoch(ends_at) - unixepoch(starts_at)) / 60.0) AS INTEGER)",
    });
    let booked: Vec<(i32, Option<i64>)> = booking::Entity::find()
        .select_only()
        .column(booking::Column::RoomId)
        .column_as(minutes.clone(), "minutes")
        .filter(booking::Column::RoomId.is_in(room_ids()))
        .filter(booking::Column::Status.eq(crate::booking::domain::BookingStatus::Confirmed))
        .filter(booking::Column::StartsAt.gte(from))
        .filter(booking::Column::StartsAt.lt(until))
        .group_by(booking::Column::RoomId)
        .into_tuple()
        .all(db)
        .await?;
    let taught: Vec<(Option<i32>, Option<i64>)> = course_session::Entity::find()
        .select_only()
        .column(course_session::Column::RoomId)
        .column_as(minutes, "minutes")
        .filter(course_session::Column::RoomId.is_in(room_ids()))
        .filter(course_session::Column::StartsAt.gte(from))
        .filter(course_session::Column::StartsAt.lt(until))
        .group_by(course_session::Column::RoomId)
        .into_tuple()
        .all(db)
        .await?;
    let mut booked_minutes: HashMap<i32, i64> = HashMap::new();
    let used = booked.into_iter().chain(taught.into_iter().filter_map(|(room, minutes)| Some((room?, minutes))));
    for (room_id, minutes) in used {
        *booked_minutes.entry(room_id).or_default() += minutes.unwrap_or(0);
    }
    let open_minutes: HashMap<i32, i64> = opening_hours
        .iter()
        .filter(|(centre, _)| centre_ids.contains(centre))
        .map(|(centre, hours)| {
            let open = WeeklyHours::parse(hours)
                .map(|hours| {
                    range.months().into_iter().map(|month| open_minutes_in_month(&hours, month.first_day())).sum()
                })
                .unwrap_or(0);
            (*centre, open)
        })
        .collect();
    let mut per_kind: HashMap<RoomKind, (i64, i64)> = HashMap::new();
    for (room_id, kind, centre_id) in &rooms {
        let entry = per_kind.entry(*kind).or_default();
        entry.0 += booked_minutes.get(room_id).copied().unwrap_or(0);
        entry.1 += open_minutes.get(centre_id).copied().unwrap_or(0);
    }
    let hours = |minutes: i64| (minutes + 30) / 60;
    Ok(RoomKind::ALL
        .into_iter()
        .map(|kind| {
            let (booked, open) = per_kind.get(&kind).copied().unwrap_or((0, 0));
            RoomKindUse { kind, booked_hours: hours(booked), open_hours: hours(open) }
        })
        .collect())
}
