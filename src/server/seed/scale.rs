//! Synthetic bulk rows for benchmarks, inserted in batches (a row-by-row insert of 100 000
//! residents would take minutes on SQLite).
use super::data::{DISTRICTS, INSTRUCTORS, TOPICS};
use super::{course_slot, first_teaching_monday};
use crate::accounts::domain::Role;
use crate::booking::domain::BookingStatus;
use crate::enrolment::domain::EnrolmentStatus;
use crate::forms::search::fold_for_search;
use crate::residents::domain::{Occupation, card_number};
use crate::server::entities::*;
use crate::time::from_almaty;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// Rows per INSERT: stays under SQLite's bound-parameter limit for the widest table.
const BATCH: usize = 400;

pub async fn add_courses<C: ConnectionTrait>(
    db: &C,
    count: u32,
    centre_ids: &HashMap<&str, i32>,
    category_ids: &HashMap<&str, i32>,
    today: NaiveDate,
    created_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut centres: Vec<i32> = centre_ids.values().copied().collect();
    centres.sort_unstable();
    let start = course::Entity::find().filter(course::Column::Slug.starts_with("bench-")).count(db).await?;
    let numbers: Vec<u32> = (start..start + u64::from(count)).map(|n| n as u32).collect();
    for chunk in numbers.chunks(BATCH) {
        let models = chunk.iter().map(|&number| {
            let topic = &TOPICS[number as usize % TOPICS.len()];
            let mut model = super::course_from_topic(
                topic,
                format!("bench-{}-{number}", topic.slug),
                centres[number as usize % centres.len()],
                category_ids.get(topic.category_slug).copied().unwrap_or_default(),
                INSTRUCTORS[number as usize % INSTRUCTORS.len()],
                created_at - Duration::minutes(number.into()),
                &format!(" #{number}"),
            );
            // Some synthetic courses are partly or fully booked, for "free seats" filters.
            model.seats_taken = Set((number as i32) % (topic.capacity + 1));
            model
        });
        course::Entity::insert_many(models).exec(db).await?;
    }
    // One session a week for four weeks per synthetic course, without rooms (no clash bookkeeping).
    let ids: Vec<(i32, String)> = course::Entity::find()
        .filter(course::Column::Slug.starts_with("bench-"))
        .order_by_asc(course::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .skip(start as usize)
        .map(|course| (course.id, course.slug))
        .collect();
    let monday = first_teaching_monday(today);
    let sessions: Vec<course_session::ActiveModel> = ids
        .iter()
        .enumerate()
        .flat_map(|(index, (course_id, _))| {
            let (weekday, time) = course_slot(index);
            (0..4).map(move |week| {
                let day = monday + Duration::days(weekday + 7 * week);
                let starts_at = from_almaty(day.and_time(time)).unwrap_or_default();
                course_session::ActiveModel::scheduled(*course_id, None, starts_at, starts_at + Duration::minutes(90))
            })
        })
        .collect();
    for chunk in sessions.chunks(BATCH * 4) {
        course_session::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}

pub async fn add_residents<C: ConnectionTrait>(
    db: &C,
    count: u32,
    password_hash: &str,
    district_ids: &HashMap<&str, i32>,
    today: NaiveDate,
    created_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let start =
        app_user::Entity::find().filter(app_user::Column::Login.starts_with("bench-resident-")).count(db).await? as u32;
    let numbers: Vec<u32> = (start..start + count).collect();
    for chunk in numbers.chunks(BATCH) {
        let users = chunk.iter().map(|number| app_user::ActiveModel {
            login: Set(format!("bench-resident-{number}@demo.kz")),
            display_name: Set(format!("Resident {number}")),
            password_hash: Set(password_hash.into()),
            role: Set(Role::Resident),
            centre_id: Set(None),
            created_at: Set(created_at),
            ..Default::default()
        });
        app_user::Entity::insert_many(users).exec(db).await?;
        let logins: Vec<String> = chunk.iter().map(|number| format!("bench-resident-{number}@demo.kz")).collect();
        let inserted = app_user::Entity::find().filter(app_user::Column::Login.is_in(logins)).all(db).await?;
        let residents = inserted.into_iter().enumerate().map(|(offset, user)| {
            let number = chunk[0] as usize + offset;
            let district = DISTRICTS[number % DISTRICTS.len()].slug;
            let birth_date = today - Duration::days(365 * 14 + 4 + (number as i64 % (365 * 21)));
            // Residents under 18 need a guardian's consent.
            let minor = birth_date > today - Duration::days(365 * 18 + 5);
            // Registered over the two years before the seed, so monthly counts have something to count.
            let registered_at = created_at - Duration::days(number as i64 % REGISTRATION_DAYS);
            resident::ActiveModel {
                user_id: Set(user.id),
                full_name: Set(user.display_name.clone()),
                search_name: Set(fold_for_search(&user.display_name)),
                birth_date: Set(birth_date),
                district_id: Set(district_ids.get(district).copied().unwrap_or_default()),
                phone: Set(None),
                email: Set(Some(user.login.clone())),
                occupation: Set(match number % 4 {
                    0 => Occupation::Studying,
                    1 => Occupation::Working,
                    2 => Occupation::Both,
                    _ => Occupation::Neither,
                }),
                data_consent_at: Set(created_at),
                guardian_name: Set(minor.then(|| format!("Guardian of resident {number}"))),
                guardian_consent_at: Set(minor.then_some(created_at)),
                card_number: Set(card_number(user.id)),
                created_at: Set(registered_at),
                ..Default::default()
            }
        });
        resident::Entity::insert_many(residents).exec(db).await?;
    }
    Ok(())
}

/// Days over which synthetic residents registered and enrolled, back from the seed's day.
const REGISTRATION_DAYS: i64 = 730;
/// Synthetic enrolments' queue positions start here, above any real course's queue, so one
/// counter numbers them all (positions are unique per course) and a repeated call continues.
const FIRST_SYNTHETIC_POSITION: i32 = 1_000_000;

/// Adds `count` past enrolments of the synthetic residents, spread over every course and the last
/// two years: a resident's k-th enrolment goes to a course 13 places further on, so no resident
/// enrols twice in one course. One in twenty is cancelled, two are waitlisted; seven in ten of
/// the enrolled attended. A resident holds at most one enrolment per course, so the count is
/// capped at residents × courses.
pub async fn add_enrolments<C: ConnectionTrait>(db: &C, count: u32, created_at: DateTime<Utc>) -> Result<(), DbErr> {
    let residents: Vec<i32> = resident::Entity::find()
        .select_only()
        .column(resident::Column::Id)
        .filter(resident::Column::Email.starts_with("bench-resident-"))
        .order_by_asc(resident::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let courses: Vec<i32> = course::Entity::find()
        .select_only()
        .column(course::Column::Id)
        .order_by_asc(course::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    // 13 steps reach every course only if the count of courses is not a multiple of 13.
    let rounds = if courses.len().is_multiple_of(13) { 1 } else { courses.len() };
    let capacity = residents.len() * rounds;
    if residents.is_empty() || courses.is_empty() {
        return Ok(());
    }
    let already =
        enrolment::Entity::find().filter(enrolment::Column::Position.gte(FIRST_SYNTHETIC_POSITION)).count(db).await?
            as usize;
    let numbers: Vec<usize> = (already..(already + count as usize).min(capacity)).collect();
    for chunk in numbers.chunks(BATCH) {
        let rows = chunk.iter().map(|&number| {
            let (resident_index, round) = (number % residents.len(), number / residents.len());
            let course = courses[(resident_index * 7 + round * 13) % courses.len()];
            let status = match number % 20 {
                0 => EnrolmentStatus::Cancelled,
                1 | 2 => EnrolmentStatus::Waitlisted,
                _ => EnrolmentStatus::Enrolled,
            };
            let requested_at = created_at - Duration::days((number * 37) as i64 % REGISTRATION_DAYS);
            enrolment::ActiveModel {
                course_id: Set(course),
                resident_id: Set(residents[resident_index]),
                status: Set(status),
                position: Set(FIRST_SYNTHETIC_POSITION + number as i32),
                requested_at: Set(requested_at),
                updated_at: Set(requested_at),
                attended: Set(status == EnrolmentStatus::Enrolled && number % 10 < 7),
                ..Default::default()
            }
        });
        enrolment::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// Hourly slots a synthetic booking day holds per room: 09:00 to 20:45 Almaty time, inside every
/// centre's opening hours.
const BOOKINGS_PER_DAY: usize = 12;
/// Purposes the synthetic bookings rotate through.
const BENCH_PURPOSES: [&str; 4] =
    ["Репетиция / Rehearsal", "Кездесу / Meeting", "Запись подкаста / Podcast", "Тренинг / Training"];

/// The first day no synthetic booking may touch: three weeks before this week's Monday, so they
/// never meet the demo month (two weeks back) or course sessions (from next Monday).
pub fn bench_bookings_end(today: NaiveDate) -> NaiveDate {
    today - Duration::days(today.weekday().num_days_from_monday().into()) - Duration::weeks(3)
}

/// Adds `count` synthetic bookings for benchmarks, spread evenly over every room and filled
/// backwards day by day from `bench_bookings_end`: uses an hour apart with the room's pause between
/// them, so PostgreSQL's exclusion constraint accepts them as it would real bookings. A
/// repeated call continues where the last one stopped. One in ten is cancelled, like real life.
pub async fn add_bookings<C: ConnectionTrait>(
    db: &C,
    count: u32,
    today: NaiveDate,
    created_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let rooms = room::Entity::find().order_by_asc(room::Column::Id).all(db).await?;
    let bookers: Vec<i32> = app_user::Entity::find()
        .filter(app_user::Column::Login.ends_with("@demo.kz"))
        .order_by_asc(app_user::Column::Id)
        .limit(64)
        .all(db)
        .await?
        .into_iter()
        .map(|user| user.id)
        .collect();
    if rooms.is_empty() || bookers.is_empty() {
        return Ok(());
    }
    let end = from_almaty(bench_bookings_end(today).and_time(NaiveTime::MIN)).unwrap_or(created_at);
    let mut rows = Vec::with_capacity(BATCH);
    for (index, room) in rooms.iter().enumerate() {
        let share = count as usize / rooms.len() + usize::from(index < count as usize % rooms.len());
        let already = booking::Entity::find()
            .filter(booking::Column::RoomId.eq(room.id))
            .filter(booking::Column::StartsAt.lt(end))
            .count(db)
            .await? as usize;
        for number in already..already + share {
            let day = bench_bookings_end(today) - Duration::days(1 + (number / BOOKINGS_PER_DAY) as i64);
            let hour = 9 + (number % BOOKINGS_PER_DAY) as u32;
            let starts_at = from_almaty(day.and_hms_opt(hour, 0, 0).unwrap_or_default()).unwrap_or(end);
            // Uses an hour apart, pause included: a room with a longer pause gets shorter uses.
            let pause = room.buffer_minutes.clamp(0, 30);
            let ends_at = starts_at + Duration::minutes((60 - pause).into());
            rows.push(booking::ActiveModel {
                room_id: Set(room.id),
                booked_by: Set(bookers[number % bookers.len()]),
                starts_at: Set(starts_at),
                ends_at: Set(ends_at),
                blocked_until: Set(ends_at + Duration::minutes(pause.into())),
                purpose: Set(BENCH_PURPOSES[number % BENCH_PURPOSES.len()].into()),
                attendees: Set(1 + (number as i32) % room.capacity.max(1)),
                status: Set(if number % 10 == 9 { BookingStatus::Cancelled } else { BookingStatus::Confirmed }),
                series_id: Set(None),
                created_at: Set(created_at),
                decision_note: Set(None),
                decided_by: Set(None),
                ..Default::default()
            });
            if rows.len() == BATCH {
                booking::Entity::insert_many(std::mem::take(&mut rows)).exec(db).await?;
            }
        }
    }
    if !rows.is_empty() {
        booking::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}
