//! The questionnaire through the real router, on SQLite and PostgreSQL: anonymous and resident
//! results, a mentor's sessions with consent and with anonymous visits, what a mentor of another
//! centre may not see or save, bad sheets refused with nothing written, the sessions report and CSV.
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use support::http::{get, post, send, sign_in, test_app, text};
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
    let name = format!("Quiz Person {}", login.split('@').next().unwrap_or_default());
    register_named(app, db, &name, login, district).await
}

/// Form-encodes a value (names in Cyrillic, phones with `+`).
fn encoded(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Registers `full_name` (22 years old) with an e-mail or phone `contact`; their cookie and record.
async fn register_named(
    app: &axum::Router,
    db: &DatabaseConnection,
    full_name: &str,
    contact: &str,
    district: &str,
) -> (String, resident::Model) {
    let body = format!(
        "full_name={}&birth_date=2004-04-04&district={district}&contact={}&occupation=studying\
         &password={PASSWORD}&data_consent=on",
        encoded(full_name),
        encoded(contact),
    );
    let response = send(app, post("/api/residents/register", &body, None)).await;
    assert!(!response.status().is_client_error(), "{contact} registers: {}", response.status());
    let resident = resident::Entity::find()
        .filter(resident::Column::FullName.eq(full_name))
        .order_by_desc(resident::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("registered");
    // Signs in with the contact as typed at registration, as the resident would.
    let body = format!("login={}&password={PASSWORD}", encoded(contact));
    let response = send(app, post("/api/accounts/sign_in", &body, None)).await;
    assert!(!response.status().is_client_error(), "{contact} signs in: {}", response.status());
    (support::http::session_cookie(&response).expect("session cookie"), resident)
}

/// The card numbers in a mentor's search for `search`.
async fn found_by(app: &axum::Router, mentor: &str, search: &str) -> String {
    text(send(app, post("/api/quiz/find_visitors", &format!("search={}", encoded(search)), Some(mentor))).await).await
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

on_both_databases!(a_mentor_finds_residents_by_name_in_any_letter_case);
async fn a_mentor_finds_residents_by_name_in_any_letter_case(db: DatabaseConnection) {
    seed::seed(&db, youth_centres::time::almaty_today(chrono::Utc::now()), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    // A name the demo data does not hold (it has an Айгерім of its own).
    let (cookie, aigerim) = register_named(&app, &db, "Әсел Тұрсынқызы", "+7 701 555 12 34", "almaly").await;
    let mentor = sign_in(&app, "mentor@demo.kz").await;

    // SQLite's LIKE folds only ASCII: lower-case Kazakh and Russian letters must still find her.
    for search in ["әсел", "ТҰРСЫНҚЫЗЫ", "әсел тұр", "Әсел"] {
        let found = found_by(&app, &mentor, search).await;
        assert!(found.contains(&aigerim.card_number), "{search}: {found} ({})", aigerim.search_name);
    }
    // Phone and card number are still found, the card number in any case.
    let card_in_lower_case = aigerim.card_number.to_lowercase();
    for search in ["5551234", "701 555", card_in_lower_case.as_str()] {
        assert!(found_by(&app, &mentor, search).await.contains(&aigerim.card_number), "{search}");
    }
    assert!(!found_by(&app, &mentor, "сәтбаев").await.contains(&aigerim.card_number));

    // A new name in the profile is found by its own letters, the old one no longer.
    let update = format!("full_name={}&district=almaly&occupation=working", encoded("Ерлан Сәтбаев"));
    let response = send(&app, post("/api/residents/update_profile", &update, Some(&cookie))).await;
    assert!(!response.status().is_client_error(), "{}", response.status());
    assert!(found_by(&app, &mentor, "сәтбаев").await.contains(&aigerim.card_number));
    assert!(found_by(&app, &mentor, "ЕРЛАН").await.contains(&aigerim.card_number));
    assert!(!found_by(&app, &mentor, "әсел").await.contains(&aigerim.card_number));
}

on_both_databases!(a_resident_of_the_centre_lives_in_its_district_or_has_a_place_in_its_courses);
async fn a_resident_of_the_centre_lives_in_its_district_or_has_a_place_in_its_courses(db: DatabaseConnection) {
    seed::seed(&db, youth_centres::time::almaty_today(chrono::Utc::now()), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    // Two residents of Medeu; one takes a place in a course of the Almaly centre.
    let (learner_cookie, learner) = register_named(&app, &db, "Дана Медеу Курс", "dana-course@test.kz", "medeu").await;
    let (_, stranger) = register_named(&app, &db, "Дана Медеу Жоқ", "dana-none@test.kz", "medeu").await;
    let almaly =
        centre::Entity::find().filter(centre::Column::Slug.eq("almaly-youth-centre")).one(&db).await.unwrap().unwrap();
    let course = course::Entity::find()
        .filter(course::Column::CentreId.eq(almaly.id))
        .filter(course::Column::MinAge.lte(22))
        .filter(course::Column::MaxAge.gte(22))
        .order_by_asc(course::Column::Id)
        .one(&db)
        .await
        .unwrap()
        .expect("an Almaly course for a 22-year-old");
    let enrolled =
        send(&app, post("/api/courses/enrol", &format!("course={}", course.slug), Some(&learner_cookie))).await;
    assert_eq!(enrolled.status(), StatusCode::OK);

    let mentor = sign_in(&app, "mentor@demo.kz").await;
    let found = found_by(&app, &mentor, "дана медеу").await;
    assert!(found.contains(&learner.card_number), "a place in the centre's course makes a resident: {found}");
    assert!(!found.contains(&stranger.card_number), "neither district nor course: {found}");
    let visitor = |id: i32| post("/api/quiz/visitor", &format!("resident={id}"), Some(&mentor));
    assert_eq!(send(&app, visitor(learner.id)).await.status(), StatusCode::OK);
    assert_eq!(send(&app, visitor(stranger.id)).await.status(), StatusCode::NOT_FOUND);
}

on_both_databases!(enrolling_from_a_result_acts_for_whoever_opened_it);
async fn enrolling_from_a_result_acts_for_whoever_opened_it(db: DatabaseConnection) {
    seed::seed(&db, youth_centres::time::almaty_today(chrono::Utc::now()), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    let (taker, _) = register(&app, &db, "result-taker@test.kz", "almaly").await;
    let saved = send(&app, post("/api/quiz/save", &format!("form=quick&answers={}", quick_ase()), Some(&taker))).await;
    let token = token_of(&text(saved).await);
    let (viewer, viewer_record) = register(&app, &db, "result-viewer@test.kz", "medeu").await;

    let result_courses = |cookie: Option<String>| {
        let app = app.clone();
        let token = token.clone();
        async move {
            let shown = send(&app, post("/api/quiz/result", &format!("token={token}"), cookie.as_deref())).await;
            let shown: serde_json::Value = serde_json::from_str(&text(shown).await).expect("JSON");
            shown["courses"].as_array().expect("courses").clone()
        }
    };
    // A recommended course the viewer (22) may join, with seats left.
    let mut fitting = Vec::new();
    for card in result_courses(Some(viewer.clone())).await {
        let slug = card["slug"].as_str().expect("slug").to_owned();
        let row = course::Entity::find().filter(course::Column::Slug.eq(&slug)).one(&db).await.unwrap().unwrap();
        if row.min_age <= 22 && row.max_age >= 22 && card["seats_left"].as_i64() > Some(0) {
            fitting.push((slug, card["seats_left"].as_i64().unwrap_or_default()));
        }
    }
    assert!(fitting.len() >= 2, "two recommended courses fit a 22-year-old: {fitting:?}");
    let places = |cookie: Option<String>| {
        let app = app.clone();
        async move { text(send(&app, post("/api/courses/my_places", "", cookie.as_deref())).await).await }
    };
    assert_eq!(places(None).await, "\"NotAResident\"");
    assert_eq!(places(Some(sign_in(&app, "mentor@demo.kz").await)).await, "\"NotAResident\"");
    assert_eq!(places(Some(viewer.clone())).await, r#"{"Resident":[]}"#);

    // The viewer enrols: the place is theirs, the seats left drop, the taker has no place.
    let (slug, seats_left) = fitting[0].clone();
    let enrol = |slug: &str, cookie: &str| post("/api/courses/enrol", &format!("course={slug}"), Some(cookie));
    let enrolled = send(&app, enrol(&slug, &viewer)).await;
    assert_eq!((enrolled.status(), text(enrolled).await), (StatusCode::OK, "\"Enrolled\"".to_owned()));
    assert_eq!(places(Some(viewer.clone())).await, format!(r#"{{"Resident":[["{slug}","Enrolled"]]}}"#));
    assert_eq!(places(Some(taker.clone())).await, r#"{"Resident":[]}"#, "nothing happens to the quiz taker");
    let rows = enrolment::Entity::find().all(&db).await.unwrap();
    assert!(rows.iter().all(|row| row.resident_id == viewer_record.id), "only the viewer holds places");
    let after = result_courses(None).await;
    let card = after.iter().find(|card| card["slug"] == slug.as_str()).expect("still recommended");
    assert_eq!(card["seats_left"].as_i64(), Some(seats_left - 1));

    // Pressed again: refused with the reason, nothing changes.
    let again = send(&app, enrol(&slug, &viewer)).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    let again = text(again).await;
    assert!(again.contains("\"field\":\"enrolment\"") && again.contains("Taken"), "{again}");

    // A full course: the viewer joins its waiting list and sees their place in it.
    let (full_slug, _) = fitting[1].clone();
    let full = course::Entity::find().filter(course::Column::Slug.eq(&full_slug)).one(&db).await.unwrap().unwrap();
    let mut full: course::ActiveModel = full.into();
    full.seats_taken = sea_orm::Set(full.capacity.clone().unwrap());
    sea_orm::ActiveModelTrait::update(full, &db).await.unwrap();
    let waitlisted = send(&app, enrol(&full_slug, &viewer)).await;
    assert_eq!(text(waitlisted).await, "\"Waitlisted\"");
    let mine = places(Some(viewer.clone())).await;
    assert!(mine.contains(&format!(r#"["{full_slug}",{{"Waitlisted":{{"place":1}}}}]"#)), "{mine}");

    // Visitors are sent to sign in, and come back to the result afterwards (only to this site).
    let sign_in_body =
        |next: &str| format!("login={}&password={PASSWORD}&next={}", encoded("result-viewer@test.kz"), encoded(next));
    let back = send(&app, post("/api/accounts/sign_in", &sign_in_body(&format!("/quiz/result/{token}")), None)).await;
    assert_eq!(back.headers()["location"], format!("/quiz/result/{token}").as_str());
    let away = send(&app, post("/api/accounts/sign_in", &sign_in_body("https://evil.example/"), None)).await;
    assert_eq!(away.headers()["location"], "/");
}

// A course already under way is recommended only when it takes latecomers: otherwise its Enrol
// button could only be refused.
on_both_databases!(courses_under_way_are_recommended_only_with_late_enrolment);
async fn courses_under_way_are_recommended_only_with_late_enrolment(db: DatabaseConnection) {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let now = chrono::Utc::now();
    seed::seed(&db, youth_centres::time::almaty_today(now), ScaleOptions::default()).await.unwrap();
    let course = course::Entity::find()
        .filter(course::Column::Riasec.ne(""))
        .order_by_asc(course::Column::Id)
        .one(&db)
        .await
        .unwrap()
        .expect("a seeded course with a Holland code");
    let code = youth_centres::quiz::domain::parse_code(&course.riasec).expect("a valid code");
    let (course_id, centre_id) = (course.id, course.centre_id);
    let recommends = |db: DatabaseConnection| {
        let code = code.clone();
        async move {
            youth_centres::quiz::store::recommended_courses(&db, &code, Some(centre_id), now)
                .await
                .unwrap()
                .iter()
                .any(|(id, _)| *id == course_id)
        }
    };
    assert!(recommends(db.clone()).await, "an upcoming course of the same code and centre is recommended");

    let yesterday = now - chrono::Duration::days(1);
    course_session::ActiveModel::scheduled(course.id, None, yesterday, yesterday + chrono::Duration::hours(1))
        .insert(&db)
        .await
        .unwrap();
    assert!(!recommends(db.clone()).await, "under way, no late enrolment: not recommended");

    let mut late = course::Entity::find_by_id(course.id).one(&db).await.unwrap().unwrap().into_active_model();
    late.late_enrolment_allowed = Set(true);
    late.update(&db).await.unwrap();
    assert!(recommends(db.clone()).await, "under way with late enrolment: recommended again");
}
