//! The schema, the demo data and the centres queries, on SQLite and PostgreSQL.
use crate::support;

use chrono::{NaiveDate, NaiveTime, Timelike};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
    sea_query::Expr,
};
use youth_centres::catalogue::search::store as catalogue_store;
use youth_centres::centres::domain::{CentreStatus, RoomKind};
use youth_centres::centres::store;
use youth_centres::server::entities::*;
use youth_centres::server::seed::{self, DEMO_ACCOUNTS, ScaleOptions, SeedReport};
use youth_centres::time::to_almaty;

/// A fixed Wednesday, so the schedule is the same on every run.
fn seed_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

async fn seeded(db: &DatabaseConnection) -> SeedReport {
    seed::seed(db, seed_day(), ScaleOptions::default()).await.expect("seed demo data")
}

on_both_databases!(demo_data_matches_the_city_programme);
async fn demo_data_matches_the_city_programme(db: DatabaseConnection) {
    let report = seeded(&db).await;
    assert_eq!(report.districts, 8);
    assert_eq!(report.centres, 16);
    assert!(report.courses >= 60, "at least 60 courses, got {}", report.courses);
    assert!(report.sessions >= report.courses * 4);
    assert_eq!(report.users as usize, DEMO_ACCOUNTS.len());
    assert_eq!(report.residents, 1);
    assert!(report.professions >= 20 && report.benefits >= 8);

    let operating =
        centre::Entity::find().filter(centre::Column::Status.eq(CentreStatus::Operating)).count(&db).await.unwrap();
    assert_eq!(operating, 8);
    // Every operating centre has a room of every kind; planned ones have none yet.
    for centre in centre::Entity::find().all(&db).await.unwrap() {
        let rooms = room::Entity::find().filter(room::Column::CentreId.eq(centre.id)).all(&db).await.unwrap();
        if centre.status == CentreStatus::Operating {
            for kind in [
                RoomKind::Classroom,
                RoomKind::Coworking,
                RoomKind::RecordingStudio,
                RoomKind::MusicClass,
                RoomKind::ConsultationRoom,
            ] {
                assert!(rooms.iter().any(|room| room.kind == kind), "{} lacks {kind:?}", centre.slug);
            }
        } else {
            assert!(rooms.is_empty(), "planned centre {} has rooms", centre.slug);
        }
    }
    // Demo passwords are stored as Argon2id hashes, never in clear.
    for user in app_user::Entity::find().all(&db).await.unwrap() {
        assert!(user.password_hash.starts_with("$argon2id$"), "{}", user.login);
    }
}

on_both_databases!(seeding_twice_changes_nothing);
async fn seeding_twice_changes_nothing(db: DatabaseConnection) {
    let first = seeded(&db).await;
    let second = seeded(&db).await;
    assert_eq!(first, second);
}

on_both_databases!(sessions_are_stored_in_utc_and_fall_on_almaty_slots);
async fn sessions_are_stored_in_utc_and_fall_on_almaty_slots(db: DatabaseConnection) {
    seeded(&db).await;
    let sessions = course_session::Entity::find().all(&db).await.unwrap();
    let allowed = [(10, 0), (15, 0), (18, 30)];
    for session in &sessions {
        let local = to_almaty(session.starts_at);
        assert!(allowed.contains(&(local.hour(), local.minute())), "unexpected local start {local}");
        assert!(session.starts_at > seed_day().and_time(NaiveTime::MIN).and_utc());
        assert!(session.ends_at > session.starts_at);
    }
    // A 10:00 class in Almaty is 05:00 UTC.
    assert!(sessions.iter().any(|s| s.starts_at.hour() == 5 && to_almaty(s.starts_at).hour() == 10));
}

on_both_databases!(district_filter_returns_that_districts_centres);
async fn district_filter_returns_that_districts_centres(db: DatabaseConnection) {
    seeded(&db).await;
    let all = store::centres(&db, None).await.unwrap().expect("no filter");
    assert_eq!(all.len(), 16);
    assert!(all[..8].iter().all(|c| c.status == CentreStatus::Operating), "open centres first");

    let almaly = store::centres(&db, Some("almaly")).await.unwrap().expect("known district");
    assert_eq!(almaly.len(), 2);
    assert!(almaly.iter().all(|c| c.district_slug == "almaly"));
    assert_eq!(almaly[0].status, CentreStatus::Operating);
    assert!(almaly[0].room_count >= 5);
    assert_eq!(almaly[1].room_count, 0);

    assert_eq!(store::centres(&db, Some("atlantis")).await.unwrap(), None);
    assert_eq!(store::districts(&db).await.unwrap().len(), 8);
}

on_both_databases!(centre_page_lists_its_rooms);
async fn centre_page_lists_its_rooms(db: DatabaseConnection) {
    seeded(&db).await;
    let detail = store::centre_detail(&db, "almaly-youth-centre").await.unwrap().expect("seeded centre");
    assert_eq!(detail.summary.district_name.en, "Almaly");
    assert_eq!(detail.summary.district_name.kk, "Алмалы ауданы");
    assert_eq!(detail.rooms.len() as u32, detail.summary.room_count);
    let studio = detail.rooms.iter().find(|r| r.kind == RoomKind::RecordingStudio).expect("a studio");
    assert!(studio.needs_approval);
    assert!(!studio.equipment.is_empty());
    assert_eq!(store::centre_detail(&db, "no-such-centre").await.unwrap(), None);
}

on_both_databases!(database_refuses_broken_rows);
async fn database_refuses_broken_rows(db: DatabaseConnection) {
    seeded(&db).await;
    // A room in a centre that does not exist: foreign key.
    let orphan = room::ActiveModel {
        centre_id: Set(999_999),
        name_kk: Set("x".into()),
        name_ru: Set("x".into()),
        name_en: Set("x".into()),
        kind: Set(RoomKind::Classroom),
        capacity: Set(10),
        equipment: Set(String::new()),
        needs_approval: Set(false),
        buffer_minutes: Set(0),
        ..Default::default()
    };
    assert!(orphan.insert(&db).await.is_err(), "foreign key must be enforced");

    // More seats taken than the course has: check constraint.
    let course = course::Entity::find().one(&db).await.unwrap().expect("a course");
    let overfill = course::Entity::update_many()
        .col_expr(course::Column::SeatsTaken, Expr::value(course.capacity + 1))
        .filter(course::Column::Id.eq(course.id))
        .exec(&db)
        .await;
    assert!(overfill.is_err(), "seats_taken > capacity must be refused");

    // A second course with the same slug: unique index.
    let duplicate = db
        .execute_unprepared(&format!(
            "UPDATE course SET slug = (SELECT slug FROM course WHERE id <> {id} LIMIT 1) WHERE id = {id}",
            id = course.id
        ))
        .await;
    assert!(duplicate.is_err(), "course slugs are unique");
}

on_both_databases!(scale_option_adds_exactly_the_requested_rows);
async fn scale_option_adds_exactly_the_requested_rows(db: DatabaseConnection) {
    let base = seeded(&db).await;
    let scale = ScaleOptions { extra_courses: 450, extra_residents: 30, extra_bookings: 1_000, extra_enrolments: 200 };
    let scaled = seed::seed(&db, seed_day(), scale).await.unwrap();
    assert_eq!(scaled.enrolments, base.enrolments + 200);
    assert_eq!(scaled.courses, base.courses + 450);
    assert_eq!(scaled.sessions, base.sessions + 450 * 4);
    assert_eq!(scaled.residents, base.residents + 30);
    assert_eq!(scaled.bookings, base.bookings + 1_000);
    // A second call continues where the first stopped (PostgreSQL's exclusion constraint would
    // refuse a synthetic booking laid over an earlier one), and none reaches the demo month.
    let again =
        seed::seed(&db, seed_day(), ScaleOptions { extra_bookings: 500, extra_enrolments: 100, ..Default::default() })
            .await
            .unwrap();
    assert_eq!(again.bookings, base.bookings + 1_500);
    // Enrolments continue too (one per resident and course: the unique index would refuse a repeat).
    assert_eq!(again.enrolments, base.enrolments + 300);
    let demo_month_starts = youth_centres::time::from_almaty(
        youth_centres::server::seed::bench_bookings_end(seed_day()).and_time(NaiveTime::MIN),
    )
    .unwrap();
    let synthetic =
        booking::Entity::find().filter(booking::Column::StartsAt.lt(demo_month_starts)).count(&db).await.unwrap();
    assert_eq!(synthetic, 1_500);
    // Under-18 synthetic residents carry a guardian's consent.
    let minors_without_consent = resident::Entity::find()
        .filter(resident::Column::BirthDate.gt(seed_day() - chrono::Duration::days(365 * 18)))
        .filter(resident::Column::GuardianName.is_null())
        .count(&db)
        .await
        .unwrap();
    assert_eq!(minors_without_consent, 0);
}

on_both_databases!(course_list_shows_upcoming_courses_soonest_first);
async fn course_list_shows_upcoming_courses_soonest_first(db: DatabaseConnection) {
    let report = seeded(&db).await;
    let now = seed_day().and_time(NaiveTime::MIN).and_utc();
    let first = catalogue_store::upcoming_courses(&db, now, 1, 12).await.unwrap();
    assert_eq!(first.total, report.courses);
    assert_eq!(first.courses.len(), 12);
    assert_eq!(first.total_pages as u64, report.courses.div_ceil(12));
    assert!(first.courses.windows(2).all(|pair| pair[0].next_session <= pair[1].next_session));
    assert!(first.courses.iter().all(|c| c.seats_left == c.capacity && c.next_session >= now));

    let last = catalogue_store::upcoming_courses(&db, now, 999, 12).await.unwrap();
    assert_eq!(last.page, first.total_pages, "a page past the end shows the last page");
    let first_slugs: Vec<_> = first.courses.iter().map(|c| c.slug.clone()).collect();
    assert!(last.courses.iter().all(|c| !first_slugs.contains(&c.slug)));

    // Once every session is in the past, nothing is listed.
    let much_later = now + chrono::Duration::days(365);
    let none = catalogue_store::upcoming_courses(&db, much_later, 1, 12).await.unwrap();
    assert_eq!((none.total, none.courses.len()), (0, 0));
}

on_both_databases!(room_directory_filters_by_kind_and_district);
async fn room_directory_filters_by_kind_and_district(db: DatabaseConnection) {
    seeded(&db).await;
    let all = store::rooms(&db, None, None).await.unwrap().expect("no filter");
    let rooms_in_operating_centres = room::Entity::find().count(&db).await.unwrap();
    assert_eq!(all.len() as u64, rooms_in_operating_centres);

    let studios = store::rooms(&db, Some(RoomKind::RecordingStudio), None).await.unwrap().expect("no district filter");
    assert_eq!(studios.len(), 8, "one studio in each open centre");
    assert!(
        studios.iter().all(|listing| listing.room.kind == RoomKind::RecordingStudio && listing.room.needs_approval)
    );

    let medeu_studios = store::rooms(&db, Some(RoomKind::RecordingStudio), Some("medeu")).await.unwrap().unwrap();
    assert_eq!(medeu_studios.len(), 1);
    assert_eq!(medeu_studios[0].district_name.en, "Medeu");

    assert_eq!(store::rooms(&db, None, Some("atlantis")).await.unwrap(), None);
}
