//! The questionnaire through the real router, on SQLite and PostgreSQL: anonymous and resident
//! results, a mentor's sessions with consent and with anonymous visits, what a mentor of another
//! centre may not see or save, bad sheets refused with nothing written, the sessions report and CSV.
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use support::http::{get, post, send, sign_in, sign_in_with, test_app, text};
use youth_centres::accounts::domain::Role;
use youth_centres::server::entities::*;
use youth_centres::server::seed::{self, ScaleOptions};

const PASSWORD: &str = "long-enough-1";

/// A quick sheet that scores A, S, E highest: the Artistic, Social and Enterprising items are
/// "strongly like", the others "dislike".
fn quick_ase() -> String {
    (0..30).map(|position| if matches!(position % 6, 2..=4) { '5' } else { '2' }).collect()
}

async fn results(db: &DatabaseConnection) -> Vec<questionnaire_result::Model> {
    questionnaire_result::Entity::find().order_by_asc(questionnaire_result::Column::Id).all(db).await.unwrap()
}

/// Registers a resident of `district` and returns their session cookie and resident record.
async fn register(
    app: &axum::Router,
    db: &DatabaseConnection,
    login: &str,
    district: &str,
) -> (String, resident::Model) {
    let body = format!(
        "full_name=Quiz+Person+{name}&birth_date=2004-04-04&district={district}&contact={login}&occupation=studying\
         &password={PASSWORD}&data_consent=on",
        name = login.split('@').next().unwrap_or_default(),
        login = login.replace('@', "%40"),
    );
    let response = send(app, post("/api/residents/register", &body, None)).await;
    assert!(!response.status().is_client_error(), "{login} registers: {}", response.status());
    let cookie = sign_in_with(app, login, PASSWORD).await;
    let user = app_user::Entity::find().filter(app_user::Column::Login.eq(login)).one(db).await.unwrap().unwrap();
    (cookie, resident::Entity::find().filter(resident::Column::UserId.eq(user.id)).one(db).await.unwrap().unwrap())
}

/// A mentor account of `centre` (password: the demo password).
async fn add_mentor(db: &DatabaseConnection, login: &str, centre_slug: &str) {
    use sea_orm::{ActiveModelTrait, Set};
    let template = app_user::Entity::find().filter(app_user::Column::Login.eq("mentor@demo.kz")).one(db).await.unwrap();
    let template = template.expect("demo mentor");
    let centre = centre::Entity::find().filter(centre::Column::Slug.eq(centre_slug)).one(db).await.unwrap().unwrap();
    app_user::ActiveModel {
        login: Set(login.into()),
        display_name: Set(login.into()),
        password_hash: Set(template.password_hash),
        role: Set(Role::Stakeholder),
        centre_id: Set(Some(centre.id)),
        created_at: Set(template.created_at),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

fn token_of(body: &str) -> String {
    serde_json::from_str::<String>(body).unwrap_or_else(|_| panic!("a token in {body}"))
}

on_both_databases!(anyone_can_take_it_and_a_resident_keeps_their_results);
async fn anyone_can_take_it_and_a_resident_keeps_their_results(db: DatabaseConnection) {
    seed::seed(&db, youth_centres::time::almaty_today(chrono::Utc::now()), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);

    // A visitor without an account: an anonymous result, and its share link shows it.
    let response = send(&app, post("/api/quiz/save", &format!("form=quick&answers={}", quick_ase()), None)).await;
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    let token = token_of(&text(response).await);
    let saved = results(&db).await;
    assert_eq!(saved.len(), 1);
    assert_eq!((saved[0].resident_id, saved[0].centre_id, saved[0].stakeholder_id), (None, None, None));
    assert_eq!((saved[0].holland_code.as_str(), saved[0].form.as_str(), saved[0].answers_count), ("ASE", "quick", 30));
    assert_eq!([saved[0].score_a, saved[0].score_r], [100, 25]);

    let shown = send(&app, post("/api/quiz/result", &format!("token={token}"), None)).await;
    assert_eq!(shown.status(), StatusCode::OK);
    let shown: serde_json::Value = serde_json::from_str(&text(shown).await).expect("JSON");
    assert_eq!(shown["code"], "ASE");
    assert_eq!(shown["professions"].as_array().map(Vec::len), Some(10), "ten professions");
    let first = &shown["professions"][0];
    assert!(first["shared"].as_str().is_some_and(|shared| !shared.is_empty()), "with the why: {first}");
    let courses = shown["courses"].as_array().expect("courses");
    assert!(!courses.is_empty(), "demo courses with a Holland code fit ASE");
    for course in courses {
        assert!(course["shared"].as_str().is_some_and(|shared| !shared.is_empty()), "{course}");
    }
    let unknown = send(&app, post("/api/quiz/result", "token=no-such-result", None)).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    // A signed-in resident: saved to them, listed among their results.
    let (me, resident) = register(&app, &db, "quiz-alone@test.kz", "medeu").await;
    let adaptive: String = (0..60).map(|position| ['5', '4', '3', '1', '1', '1'][position % 6]).collect();
    let too_short =
        send(&app, post("/api/quiz/save", &format!("form=adaptive&answers={}", &adaptive[..44]), Some(&me))).await;
    assert_eq!(too_short.status(), StatusCode::BAD_REQUEST, "the adaptive code is not settled after 44 items");
    let response =
        send(&app, post("/api/quiz/save", &format!("form=adaptive&answers={}", &adaptive[..45]), Some(&me))).await;
    assert!(!response.status().is_client_error(), "{}", response.status());
    let mine = send(&app, post("/api/quiz/mine", "", Some(&me))).await;
    let mine: serde_json::Value = serde_json::from_str(&text(mine).await).expect("JSON");
    assert_eq!(mine.as_array().map(Vec::len), Some(1), "{mine}");
    assert_eq!(mine[0]["code"], "RIA");
    let row = results(&db).await.pop().expect("saved");
    assert_eq!((row.resident_id, row.answers_count, row.form.as_str()), (Some(resident.id), 45, "adaptive"));

    // A colleague has no results of their own.
    let staff = sign_in(&app, "staff@demo.kz").await;
    let none = send(&app, post("/api/quiz/mine", "", Some(&staff))).await;
    assert_eq!(text(none).await, "null");
}

on_both_databases!(bad_sheets_are_refused_and_nothing_is_written);
async fn bad_sheets_are_refused_and_nothing_is_written(db: DatabaseConnection) {
    seed::seed(&db, youth_centres::time::almaty_today(chrono::Utc::now()), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    let ten_thousand = "3".repeat(10_000);
    let cases = [
        (format!("form=full&answers={ten_thousand}"), "answers", "TooLong"),
        (format!("form=quick&answers={}", "3".repeat(31)), "answers", "TooLong"),
        (format!("form=quick&answers={}6", "3".repeat(29)), "answers", "OutOfRange"),
        (format!("form=quick&answers={}0", "3".repeat(29)), "answers", "OutOfRange"),
        (format!("form=quick&answers={}", "3".repeat(29)), "answers", "Missing"),
        (format!("form=full&answers={}", "3".repeat(30)), "answers", "Missing"),
        (format!("form=quick&answers={}x", "3".repeat(29)), "answers", "Malformed"),
        (format!("form=longest&answers={}", "3".repeat(30)), "form", "Unknown"),
    ];
    for (body, field, problem) in cases {
        let response = send(&app, post("/api/quiz/save", &body, None)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{}", &body[..body.len().min(60)]);
        let error = text(response).await;
        assert!(error.contains(&format!("\"field\":\"{field}\"")) && error.contains(problem), "{error}");
    }
    // A mentor's anonymous visit with a missing or unknown detail.
    let mentor = sign_in(&app, "mentor@demo.kz").await;
    let visit = format!("form=quick&answers={}&district=almaly&occupation=working", quick_ase());
    let response = send(&app, post("/api/quiz/save", &visit, Some(&mentor))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(text(response).await.contains("age_band"));
    let visit = format!("form=quick&answers={}&district=atlantis&age_band=18-24&occupation=working", quick_ase());
    assert_eq!(send(&app, post("/api/quiz/save", &visit, Some(&mentor))).await.status(), StatusCode::BAD_REQUEST);
    // Visit details from someone who is not a mentor.
    let visit = format!("form=quick&answers={}&district=almaly&age_band=18-24&occupation=working", quick_ase());
    assert_eq!(send(&app, post("/api/quiz/save", &visit, None)).await.status(), StatusCode::UNAUTHORIZED);
    let resident = sign_in(&app, "resident@demo.kz").await;
    assert_eq!(send(&app, post("/api/quiz/save", &visit, Some(&resident))).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(questionnaire_result::Entity::find().count(&db).await.unwrap(), 0, "nothing written");
}

on_both_databases!(a_mentor_saves_only_for_their_centre_and_only_with_consent);
async fn a_mentor_saves_only_for_their_centre_and_only_with_consent(db: DatabaseConnection) {
    seed::seed(&db, youth_centres::time::almaty_today(chrono::Utc::now()), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    let (resident_cookie, almaly_resident) = register(&app, &db, "quiz-almaly@test.kz", "almaly").await;
    add_mentor(&db, "mentor-medeu@demo.kz", "medeu-youth-centre").await;
    let mentor = sign_in(&app, "mentor@demo.kz").await;
    let other_mentor = sign_in(&app, "mentor-medeu@demo.kz").await;
    let sheet = format!("form=quick&answers={}&resident={}", quick_ase(), almaly_resident.id);

    // Found by name, phone or card number by the mentor of their centre, not by another centre's.
    for search in ["Quiz+Person+quiz-almaly", almaly_resident.card_number.as_str()] {
        let found =
            text(send(&app, post("/api/quiz/find_visitors", &format!("search={search}"), Some(&mentor))).await).await;
        assert!(found.contains(&almaly_resident.card_number), "{search}: {found}");
        let hidden =
            text(send(&app, post("/api/quiz/find_visitors", &format!("search={search}"), Some(&other_mentor))).await)
                .await;
        assert_eq!(hidden, "[]", "{search}");
    }
    let visitor = format!("resident={}", almaly_resident.id);
    assert_eq!(send(&app, post("/api/quiz/visitor", &visitor, Some(&mentor))).await.status(), StatusCode::OK);
    assert_eq!(
        send(&app, post("/api/quiz/visitor", &visitor, Some(&other_mentor))).await.status(),
        StatusCode::NOT_FOUND
    );

    // Without the resident's consent: refused, nothing written.
    let response = send(&app, post("/api/quiz/save", &sheet, Some(&mentor))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(text(response).await.contains("\"field\":\"consent\""));
    // A mentor of another centre: 404, as if the resident did not exist; nothing written.
    let response = send(&app, post("/api/quiz/save", &format!("{sheet}&consent=on"), Some(&other_mentor))).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // A resident (or a visitor) naming another resident: refused, whatever the id.
    assert_eq!(
        send(&app, post("/api/quiz/save", &format!("{sheet}&consent=on"), Some(&resident_cookie))).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post("/api/quiz/save", &format!("{sheet}&consent=on"), None)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let staff = sign_in(&app, "staff@demo.kz").await;
    assert_eq!(
        send(&app, post("/api/quiz/save", &format!("{sheet}&consent=on"), Some(&staff))).await.status(),
        StatusCode::FORBIDDEN
    );
    // A forged, unknown resident id: 404.
    let forged = format!("form=quick&answers={}&resident=999999&consent=on", quick_ase());
    assert_eq!(send(&app, post("/api/quiz/save", &forged, Some(&mentor))).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(questionnaire_result::Entity::find().count(&db).await.unwrap(), 0, "nothing written");

    // With consent: saved to the resident, run by the mentor at their centre.
    let response = send(&app, post("/api/quiz/save", &format!("{sheet}&consent=on"), Some(&mentor))).await;
    assert!(!response.status().is_client_error(), "{}", response.status());
    let almaly =
        centre::Entity::find().filter(centre::Column::Slug.eq("almaly-youth-centre")).one(&db).await.unwrap().unwrap();
    let mentor_id = app_user::Entity::find()
        .filter(app_user::Column::Login.eq("mentor@demo.kz"))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let row = results(&db).await.pop().expect("saved");
    assert_eq!(
        (row.resident_id, row.centre_id, row.stakeholder_id),
        (Some(almaly_resident.id), Some(almaly.id), Some(mentor_id))
    );
    assert!(row.consent_at.is_some());
    let courses: Vec<i32> = row.recommended_course_ids.split(',').filter_map(|id| id.parse().ok()).collect();
    let first = course::Entity::find_by_id(courses[0]).one(&db).await.unwrap().expect("a recommended course");
    assert_eq!(first.centre_id, almaly.id, "the centre's own courses come first");
    let mine = text(send(&app, post("/api/quiz/mine", "", Some(&resident_cookie))).await).await;
    assert!(mine.contains("\"code\":\"ASE\""), "{mine}");

    // An anonymous visit: district, age band and occupation only.
    let visit = format!("form=quick&answers={}&district=turksib&age_band=14-17&occupation=neither", quick_ase());
    assert!(!send(&app, post("/api/quiz/save", &visit, Some(&mentor))).await.status().is_client_error());
    let row = results(&db).await.pop().expect("saved");
    assert_eq!((row.resident_id, row.centre_id, row.visit_age_band.as_deref()), (None, Some(almaly.id), Some("14-17")));
    assert_eq!(row.visit_occupation.as_deref(), Some("neither"));

    // The centre's report: both sessions; another centre's mentor sees none of them.
    let report: serde_json::Value =
        serde_json::from_str(&text(send(&app, post("/api/quiz/sessions", "", Some(&mentor))).await).await).unwrap();
    assert_eq!(report["total"], 2);
    assert_eq!(report["this_month"], 2);
    assert_eq!(report["first_letters"][2], 2, "both codes start with A");
    assert_eq!(report["sessions"][1]["visitor"]["Resident"]["full_name"], "Quiz Person quiz-almaly");
    let other: serde_json::Value =
        serde_json::from_str(&text(send(&app, post("/api/quiz/sessions", "", Some(&other_mentor))).await).await)
            .unwrap();
    assert_eq!(other["total"], 0);
    // Admins: per district and city-wide, with the CSV.
    let admin = sign_in(&app, "admin@demo.kz").await;
    let district: serde_json::Value = serde_json::from_str(
        &text(send(&app, post("/api/quiz/sessions", "district=almaly", Some(&admin))).await).await,
    )
    .unwrap();
    assert_eq!(district["total"], 2);
    let csv = send(&app, get("/quiz/sessions.csv?district=almaly&lang=en", Some(&admin))).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = text(csv).await;
    assert!(csv.starts_with('\u{feff}') && csv.contains("Date,Centre,Holland code,Visitor"), "{csv}");
    assert!(csv.contains("Quiz Person quiz-almaly") && csv.contains("Anonymous visit"), "{csv}");
    assert_eq!(send(&app, get("/quiz/sessions.csv", Some(&resident_cookie))).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(send(&app, get("/quiz/sessions.csv", None)).await.status(), StatusCode::UNAUTHORIZED);
}
