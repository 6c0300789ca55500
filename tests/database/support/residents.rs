//! Residents created straight in the database, for tests that need many of them quickly.
use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use youth_centres::accounts::domain::Role;
use youth_centres::forms::search::fold_for_search;
use youth_centres::residents::domain::Occupation;
use youth_centres::server::entities::*;

/// Turns 20 in 2026: eligible for every 14–35 course for years.
pub fn adult_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2006, 6, 15).expect("valid date")
}

/// `count` residents born on `birth_date`, each with their own account; returns their ids in order.
pub async fn add_residents(db: &DatabaseConnection, prefix: &str, count: usize, birth_date: NaiveDate) -> Vec<i32> {
    let logins: Vec<String> = (0..count).map(|n| format!("{prefix}-{n}@test.kz")).collect();
    let users = logins.iter().map(|login| app_user::ActiveModel {
        login: Set(login.clone()),
        display_name: Set(login.clone()),
        password_hash: Set("not-a-real-hash".into()),
        role: Set(Role::Resident),
        centre_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    });
    app_user::Entity::insert_many(users).exec(db).await.expect("insert users");
    let users = app_user::Entity::find()
        .filter(app_user::Column::Login.is_in(logins))
        .order_by_asc(app_user::Column::Id)
        .all(db)
        .await
        .unwrap();
    let district = district::Entity::find().one(db).await.unwrap().expect("a district");
    let residents = users.iter().map(|user| resident::ActiveModel {
        user_id: Set(user.id),
        full_name: Set(format!("Resident {}", user.login)),
        search_name: Set(fold_for_search(&format!("Resident {}", user.login))),
        birth_date: Set(birth_date),
        district_id: Set(district.id),
        phone: Set(Some(format!("+7700{:07}", user.id))),
        email: Set(Some(user.login.clone())),
        occupation: Set(Occupation::Studying),
        data_consent_at: Set(Utc::now()),
        guardian_name: Set(None),
        guardian_consent_at: Set(None),
        card_number: Set(youth_centres::residents::domain::card_number(user.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    });
    resident::Entity::insert_many(residents).exec(db).await.expect("insert residents");
    let user_ids: Vec<i32> = users.iter().map(|user| user.id).collect();
    resident::Entity::find()
        .filter(resident::Column::UserId.is_in(user_ids))
        .order_by_asc(resident::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|resident| resident.id)
        .collect()
}
