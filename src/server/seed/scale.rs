//! Synthetic bulk rows for benchmarks, inserted in batches (a row-by-row insert of 100 000
//! residents would take minutes on SQLite).
use super::data::{DISTRICTS, INSTRUCTORS, TOPICS};
use super::{course_slot, first_teaching_monday};
use crate::accounts::domain::Role;
use crate::forms::search::fold_for_search;
use crate::residents::domain::{Occupation, card_number};
use crate::server::entities::*;
use crate::time::from_almaty;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
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
                created_at: Set(created_at),
                ..Default::default()
            }
        });
        resident::Entity::insert_many(residents).exec(db).await?;
    }
    Ok(())
}
