//! Demo data: idempotent (re-running adds only what is missing) and deterministic for a given day
//! (course sessions are laid out over the weeks after the day the seed runs).
mod bookings;
pub mod data;

pub use scale::bench_bookings_end;

use super::entities::*;
use crate::accounts::domain::Role;
use crate::catalogue::search::domain::course_search_text;
use crate::centres::domain::CentreStatus;
use crate::forms::keys::CourseFormat;
use crate::forms::search::fold_for_search;
use crate::localized::Localized;
use crate::residents::domain::{Occupation, card_number};
use crate::time::from_almaty;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use data::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use std::collections::HashMap;

/// Password of every demo account. Demo only: never deploy the demo accounts.
pub const DEMO_PASSWORD: &str = "demo-password";

/// Demo accounts: login, display name, role, and for staff/stakeholders the centre slug.
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin@demo.kz", "Әкімші / Admin", Role::Admin, None),
    ("staff@demo.kz", "Дана Ахметова", Role::Staff, Some("almaly-youth-centre")),
    ("mentor@demo.kz", "Ерлан Сейітов", Role::Stakeholder, Some("almaly-youth-centre")),
    ("resident@demo.kz", "Айгерім Нұрланқызы", Role::Resident, None),
];

/// Extra synthetic rows for benchmarks (`seed --courses N --residents M --bookings B`).
#[derive(Clone, Copy, Debug, Default)]
pub struct ScaleOptions {
    pub extra_courses: u32,
    pub extra_residents: u32,
    pub extra_bookings: u32,
    /// Past enrolments of the synthetic residents (`bench-dashboard` only: they do not count
    /// towards a course's seats, so a served database would show wrong free seats).
    pub extra_enrolments: u32,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub districts: u64,
    pub centres: u64,
    pub rooms: u64,
    pub courses: u64,
    pub sessions: u64,
    pub bookings: u64,
    pub enrolments: u64,
    pub users: u64,
    pub residents: u64,
    pub professions: u64,
    pub benefits: u64,
}

/// Weekly slots (weekday offset from Monday, Almaty start time) for a centre's courses; distinct
/// per course index so a centre's own courses never clash in a room.
fn course_slot(index: usize) -> (i64, NaiveTime) {
    const STARTS: [(u32, u32); 3] = [(10, 0), (15, 0), (18, 30)];
    let (hour, minute) = STARTS[(index / 5) % STARTS.len()];
    ((index % 5) as i64, NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default())
}

/// The Monday after `today` (a week later if today is Monday): the first teaching week.
fn first_teaching_monday(today: NaiveDate) -> NaiveDate {
    let days_until_monday = 7 - i64::from(today.weekday().num_days_from_monday());
    today + Duration::days(days_until_monday)
}

pub async fn seed(db: &DatabaseConnection, today: NaiveDate, scale: ScaleOptions) -> Result<SeedReport, DbErr> {
    let password_hash = hash_demo_password()?;
    // A write lock from the start: a seed next to a running server queues instead of failing.
    let txn = crate::server::transactions::begin_write(db).await?;
    let created_at: DateTime<Utc> = from_almaty(today.and_hms_opt(9, 0, 0).unwrap_or_default()).unwrap_or_default();

    let mut district_ids = HashMap::new();
    for seed in DISTRICTS {
        let id = match district::Entity::find().filter(district::Column::Slug.eq(seed.slug)).one(&txn).await? {
            Some(existing) => existing.id,
            None => {
                district::ActiveModel {
                    slug: Set(seed.slug.into()),
                    name_kk: Set(seed.name.kk.into()),
                    name_ru: Set(seed.name.ru.into()),
                    name_en: Set(seed.name.en.into()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        district_ids.insert(seed.slug, id);
    }

    let mut category_ids = HashMap::new();
    for seed in CATEGORIES {
        let id = match course_category::Entity::find()
            .filter(course_category::Column::Slug.eq(seed.slug))
            .one(&txn)
            .await?
        {
            Some(existing) => existing.id,
            None => {
                course_category::ActiveModel {
                    slug: Set(seed.slug.into()),
                    name_kk: Set(seed.name.kk.into()),
                    name_ru: Set(seed.name.ru.into()),
                    name_en: Set(seed.name.en.into()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        category_ids.insert(seed.slug, id);
    }

    let mut centre_ids = HashMap::new();
    let mut operating_index = 0usize;
    for seed in CENTRES {
        let existing = centre::Entity::find().filter(centre::Column::Slug.eq(seed.slug)).one(&txn).await?;
        let centre_id = match existing {
            Some(existing) => existing.id,
            None => {
                let district_id = *district_ids
                    .get(seed.district_slug)
                    .ok_or_else(|| DbErr::Custom(format!("unknown district {}", seed.district_slug)))?;
                let centre_id = centre::ActiveModel {
                    slug: Set(seed.slug.into()),
                    district_id: Set(district_id),
                    name_kk: Set(seed.name.kk.into()),
                    name_ru: Set(seed.name.ru.into()),
                    name_en: Set(seed.name.en.into()),
                    address_kk: Set(seed.address.kk.into()),
                    address_ru: Set(seed.address.ru.into()),
                    address_en: Set(seed.address.en.into()),
                    area_m2: Set(seed.area_m2),
                    opening_hours: Set(seed.opening_hours.into()),
                    status: Set(seed.status),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id;
                if seed.status == CentreStatus::Operating {
                    for room_seed in ROOMS {
                        room::ActiveModel {
                            centre_id: Set(centre_id),
                            name_kk: Set(room_seed.name.kk.into()),
                            name_ru: Set(room_seed.name.ru.into()),
                            name_en: Set(room_seed.name.en.into()),
                            kind: Set(room_seed.kind),
                            capacity: Set(room_seed.capacity),
                            equipment: Set(room_seed.equipment.into()),
                            needs_approval: Set(room_seed.needs_approval),
                            buffer_minutes: Set(room_seed.buffer_minutes),
                            ..Default::default()
                        }
                        .insert(&txn)
                        .await?;
                    }
                }
                centre_id
            }
        };
        centre_ids.insert(seed.slug, centre_id);
        if seed.status == CentreStatus::Operating {
            seed_centre_courses(&txn, seed, centre_id, operating_index, &category_ids, today, created_at).await?;
            operating_index += 1;
        }
    }

    for seed in PROFESSIONS {
        if profession::Entity::find().filter(profession::Column::Slug.eq(seed.slug)).one(&txn).await?.is_none() {
            profession::ActiveModel {
                slug: Set(seed.slug.into()),
                name_kk: Set(seed.name.kk.into()),
                name_ru: Set(seed.name.ru.into()),
                name_en: Set(seed.name.en.into()),
                description_kk: Set(seed.description.kk.into()),
                description_ru: Set(seed.description.ru.into()),
                description_en: Set(seed.description.en.into()),
                riasec: Set(seed.riasec.into()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }

    for seed in BENEFITS {
        if partner_benefit::Entity::find()
            .filter(partner_benefit::Column::Slug.eq(seed.slug))
            .one(&txn)
            .await?
            .is_none()
        {
            partner_benefit::ActiveModel {
                slug: Set(seed.slug.into()),
                partner: Set(seed.partner.into()),
                category: Set(seed.category),
                title_kk: Set(seed.title.kk.into()),
                title_ru: Set(seed.title.ru.into()),
                title_en: Set(seed.title.en.into()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }

    for (login, name, role, centre_slug) in DEMO_ACCOUNTS {
        if app_user::Entity::find().filter(app_user::Column::Login.eq(*login)).one(&txn).await?.is_some() {
            continue;
        }
        let centre_id = centre_slug.and_then(|slug| centre_ids.get(slug).copied());
        let user = app_user::ActiveModel {
            login: Set((*login).into()),
            display_name: Set((*name).into()),
            password_hash: Set(password_hash.clone()),
            role: Set(*role),
            centre_id: Set(centre_id),
            created_at: Set(created_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if *role == Role::Resident {
            insert_resident(&txn, user.id, name, login, &district_ids, 0, today, created_at).await?;
        }
    }

    let staff = app_user::Entity::find().filter(app_user::Column::Login.eq("staff@demo.kz")).one(&txn).await?;
    if let (Some(staff), Some(admin_id)) = (staff, account_id(&txn, "admin@demo.kz").await?) {
        let resident_id = account_id(&txn, "resident@demo.kz").await?;
        bookings::add_demo_bookings(&txn, today, (staff.id, staff.centre_id), admin_id, resident_id, created_at)
            .await?;
    }

    if scale.extra_courses > 0 {
        scale::add_courses(&txn, scale.extra_courses, &centre_ids, &category_ids, today, created_at).await?;
    }
    if scale.extra_residents > 0 {
        scale::add_residents(&txn, scale.extra_residents, &password_hash, &district_ids, today, created_at).await?;
    }
    if scale.extra_bookings > 0 {
        scale::add_bookings(&txn, scale.extra_bookings, today, created_at).await?;
    }
    if scale.extra_enrolments > 0 {
        scale::add_enrolments(&txn, scale.extra_enrolments, created_at).await?;
    }

    txn.commit().await?;
    report(db).await
}

async fn account_id<C: ConnectionTrait>(db: &C, login: &str) -> Result<Option<i32>, DbErr> {
    Ok(app_user::Entity::find().filter(app_user::Column::Login.eq(login)).one(db).await?.map(|user| user.id))
}

pub async fn report(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    Ok(SeedReport {
        districts: district::Entity::find().count(db).await?,
        centres: centre::Entity::find().count(db).await?,
        rooms: room::Entity::find().count(db).await?,
        courses: course::Entity::find().count(db).await?,
        sessions: course_session::Entity::find().count(db).await?,
        bookings: booking::Entity::find().count(db).await?,
        enrolments: enrolment::Entity::find().count(db).await?,
        users: app_user::Entity::find().count(db).await?,
        residents: resident::Entity::find().count(db).await?,
        professions: profession::Entity::find().count(db).await?,
        benefits: partner_benefit::Entity::find().count(db).await?,
    })
}

/// Each operating centre offers eight topics, rotated so every topic runs somewhere.
const COURSES_PER_CENTRE: usize = 8;

async fn seed_centre_courses<C: ConnectionTrait>(
    db: &C,
    centre_seed: &CentreSeed,
    centre_id: i32,
    operating_index: usize,
    category_ids: &HashMap<&str, i32>,
    today: NaiveDate,
    created_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let rooms = room::Entity::find().filter(room::Column::CentreId.eq(centre_id)).all(db).await?;
    for index in 0..COURSES_PER_CENTRE {
        let topic = &TOPICS[(operating_index * 3 + index) % TOPICS.len()];
        let slug = format!("{}-{}", topic.slug, centre_seed.district_slug);
        if course::Entity::find().filter(course::Column::Slug.eq(slug.as_str())).one(db).await?.is_some() {
            continue;
        }
        let instructor = INSTRUCTORS[(operating_index * 7 + index) % INSTRUCTORS.len()];
        let course_id = insert_course(db, topic, slug, centre_id, category_ids, instructor, created_at).await?;
        let room_id = match topic.format {
            CourseFormat::Online => None,
            CourseFormat::Offline => rooms.iter().find(|room| room.kind == topic.room_kind).map(|room| room.id),
        };
        let (weekday_offset, start_time) = course_slot(index);
        let first_day = first_teaching_monday(today) + Duration::days(weekday_offset);
        insert_weekly_sessions(db, course_id, room_id, first_day, start_time, topic).await?;
    }
    Ok(())
}

async fn insert_course<C: ConnectionTrait>(
    db: &C,
    topic: &TopicSeed,
    slug: String,
    centre_id: i32,
    category_ids: &HashMap<&str, i32>,
    instructor: &str,
    created_at: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let category_id = *category_ids
        .get(topic.category_slug)
        .ok_or_else(|| DbErr::Custom(format!("unknown category {}", topic.category_slug)))?;
    let model = course_from_topic(topic, slug, centre_id, category_id, instructor, created_at, "");
    Ok(model.insert(db).await?.id)
}

/// A course row from a topic template; `title_suffix` tells synthetic benchmark copies apart.
pub(super) fn course_from_topic(
    topic: &TopicSeed,
    slug: String,
    centre_id: i32,
    category_id: i32,
    instructor: &str,
    created_at: DateTime<Utc>,
    title_suffix: &str,
) -> course::ActiveModel {
    let title = [topic.title.kk, topic.title.ru, topic.title.en].map(|title| format!("{title}{title_suffix}"));
    let [title_kk, title_ru, title_en] = title;
    let title = Localized::new(title_kk, title_ru, title_en);
    let description = Localized::new(topic.description.kk, topic.description.ru, topic.description.en);
    let search_text = course_search_text(&title, &description);
    course::ActiveModel {
        slug: Set(slug),
        centre_id: Set(centre_id),
        category_id: Set(category_id),
        title_kk: Set(title.kk),
        title_ru: Set(title.ru),
        title_en: Set(title.en),
        description_kk: Set(description.kk),
        description_ru: Set(description.ru),
        description_en: Set(description.en),
        search_text: Set(search_text),
        language: Set(topic.language),
        format: Set(topic.format),
        min_age: Set(topic.min_age),
        max_age: Set(topic.max_age),
        capacity: Set(topic.capacity),
        seats_taken: Set(0),
        instructor: Set(instructor.into()),
        riasec: Set(topic.riasec.into()),
        created_at: Set(created_at),
        ..Default::default()
    }
}

async fn insert_weekly_sessions<C: ConnectionTrait>(
    db: &C,
    course_id: i32,
    room_id: Option<i32>,
    first_day: NaiveDate,
    start_time: NaiveTime,
    topic: &TopicSeed,
) -> Result<(), DbErr> {
    let sessions = (0..topic.session_count).map(|week| {
        // Seed dates are weeks from today: far inside the calendar, so the conversion always succeeds.
        let starts_at =
            from_almaty((first_day + Duration::weeks(week.into())).and_time(start_time)).unwrap_or_default();
        course_session::ActiveModel::scheduled(
            course_id,
            room_id,
            starts_at,
            starts_at + Duration::minutes(topic.session_minutes.into()),
        )
    });
    course_session::Entity::insert_many(sessions).exec(db).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_resident<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    full_name: &str,
    email: &str,
    district_ids: &HashMap<&str, i32>,
    number: u32,
    today: NaiveDate,
    created_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let district_slug = DISTRICTS[number as usize % DISTRICTS.len()].slug;
    let birth_date = today - Duration::days(365 * 20 + i64::from(number % 3000));
    resident::ActiveModel {
        user_id: Set(user_id),
        full_name: Set(full_name.into()),
        search_name: Set(fold_for_search(full_name)),
        birth_date: Set(birth_date),
        district_id: Set(district_ids.get(district_slug).copied().unwrap_or_default()),
        phone: Set(None),
        email: Set(Some(email.into())),
        occupation: Set(Occupation::Studying),
        data_consent_at: Set(created_at),
        guardian_name: Set(None),
        guardian_consent_at: Set(None),
        card_number: Set(card_number(user_id)),
        created_at: Set(created_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn hash_demo_password() -> Result<String, DbErr> {
    use argon2::{Argon2, PasswordHasher, password_hash::SaltString};
    // A fixed salt keeps the demo data deterministic; real accounts get random salts.
    let salt = SaltString::encode_b64(b"almaty-demo-salt").map_err(|e| DbErr::Custom(e.to_string()))?;
    Argon2::default()
        .hash_password(DEMO_PASSWORD.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| DbErr::Custom(e.to_string()))
}

mod scale;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teaching_starts_on_the_next_monday() {
        let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(first_teaching_monday(wednesday), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(first_teaching_monday(monday), NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
    }

    #[test]
    fn a_centres_courses_never_share_a_weekly_slot() {
        let slots: std::collections::HashSet<_> = (0..COURSES_PER_CENTRE).map(course_slot).collect();
        assert_eq!(slots.len(), COURSES_PER_CENTRE);
    }

    #[test]
    fn professions_cover_the_labour_market() {
        assert!(PROFESSIONS.len() >= 80, "only {} professions", PROFESSIONS.len());
        let mut slugs = std::collections::HashSet::new();
        for profession in PROFESSIONS {
            let slug = profession.slug;
            assert!(slugs.insert(slug), "duplicate slug {slug}");
            assert!(
                !slug.is_empty()
                    && slug.split('-').all(|part| {
                        !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                    }),
                "slug {slug:?} is not lowercase ASCII words joined by hyphens"
            );
            let letters: Vec<char> = profession.riasec.chars().collect();
            assert_eq!(letters.len(), 3, "{slug}: {}", profession.riasec);
            assert!(crate::quiz::domain::is_valid_code(profession.riasec, 3), "{slug}: {}", profession.riasec);
            for text in [&profession.name, &profession.description] {
                for value in [text.kk, text.ru, text.en] {
                    assert!(!value.trim().is_empty(), "{slug} has an empty text");
                    assert_eq!(value.trim(), value, "{slug}: stray spaces in {value:?}");
                }
                assert!(
                    !text.en.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
                    "{slug}: Cyrillic in {}",
                    text.en
                );
            }
            assert_ne!(profession.description.kk, profession.description.ru, "{slug}: untranslated description");
        }
        for kind in crate::quiz::domain::RiasecType::ALL {
            let leading = PROFESSIONS.iter().filter(|p| p.riasec.starts_with(kind.letter())).count();
            assert!(leading >= 5, "only {leading} professions with {:?} first", kind);
        }
    }

    #[test]
    fn demo_data_covers_the_programme() {
        assert_eq!(DISTRICTS.len(), 8);
        assert_eq!(CENTRES.len(), 16);
        assert_eq!(CENTRES.iter().filter(|c| c.status == CentreStatus::Operating).count(), 8);
        for district in DISTRICTS {
            assert_eq!(CENTRES.iter().filter(|c| c.district_slug == district.slug).count(), 2, "{}", district.slug);
        }
        let operating = CENTRES.iter().filter(|c| c.status == CentreStatus::Operating).count();
        assert!(operating * COURSES_PER_CENTRE >= 60);
        assert!(TOPICS.len() >= 16 && TOPICS.len() <= operating * COURSES_PER_CENTRE);
        for topic in TOPICS {
            assert!(crate::quiz::domain::is_valid_code(topic.riasec, 3), "{}: {}", topic.slug, topic.riasec);
        }
        for profession in PROFESSIONS {
            assert!(crate::quiz::domain::is_valid_code(profession.riasec, 3), "{}", profession.slug);
        }
        for account in DEMO_ACCOUNTS {
            if let Some(slug) = account.3 {
                assert!(CENTRES.iter().any(|c| c.slug == slug), "demo account centre {slug} exists");
            }
        }
    }
}
