//! The authorization matrix: every server function of the app × every kind of caller. The test
//! fails when a server function exists without an entry here, so each new one must state who may
//! call it. Requests go through the real router (sessions, CSRF check, server functions).
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeMap, BTreeSet};
use support::http::{get, post, send, sign_in, test_app};
use youth_centres::accounts::domain::Role;
use youth_centres::server::entities::{app_user, centre};
use youth_centres::server::seed::{self, DEMO_PASSWORD, ScaleOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Caller {
    Visitor,
    Resident,
    OtherResident,
    StaffOfCentre,
    StaffOfOtherCentre,
    Stakeholder,
    Admin,
}

const CALLERS: [Caller; 7] = [
    Caller::Visitor,
    Caller::Resident,
    Caller::OtherResident,
    Caller::StaffOfCentre,
    Caller::StaffOfOtherCentre,
    Caller::Stakeholder,
    Caller::Admin,
];

/// Who may call what. `Everyone` is a public read; `SignedIn` needs any account; `Residents` act
/// on their own record only (no function takes another resident's id); `Admins` are city-wide.
#[derive(Clone, Copy)]
pub(crate) enum Rule {
    Everyone,
    SignedIn,
    Residents,
    Admins,
    /// Staff of the course's centre (Almaly) and admins; staff of another centre are refused.
    CentreStaff,
    /// Who may book a room of the Almaly centre: its staff, admins, and residents (who may ask
    /// for studios and desks; the classroom in the body is refused to them as bad input).
    RoomBookers,
    /// Mentors (the stakeholder role), for their own centre's residents.
    Mentors,
    /// Mentors (their centre) and admins (a district or the city).
    MentorsAndAdmins,
    /// Staff and mentors of the Almaly centre (their own district) and admins.
    AlmalyTeamAndAdmins,
}

fn allowed(rule: Rule, caller: Caller) -> bool {
    match rule {
        Rule::Everyone => true,
        Rule::SignedIn => caller != Caller::Visitor,
        Rule::Residents => matches!(caller, Caller::Resident | Caller::OtherResident),
        Rule::Admins => caller == Caller::Admin,
        Rule::CentreStaff => matches!(caller, Caller::StaffOfCentre | Caller::Admin),
        Rule::RoomBookers => {
            matches!(caller, Caller::StaffOfCentre | Caller::Admin | Caller::Resident | Caller::OtherResident)
        }
        Rule::Mentors => caller == Caller::Stakeholder,
        Rule::MentorsAndAdmins => matches!(caller, Caller::Stakeholder | Caller::Admin),
        Rule::AlmalyTeamAndAdmins => matches!(caller, Caller::StaffOfCentre | Caller::Stakeholder | Caller::Admin),
    }
}

/// Read-only server functions called with GET (the body goes into the query string).
pub(crate) const GET_FUNCTIONS: [&str; 2] = ["/api/residents/export", "/api/cards/check"];

/// Every server function: its rule and a valid request body (form-encoded).
pub(crate) fn matrix() -> BTreeMap<&'static str, (Rule, &'static str)> {
    BTreeMap::from([
        ("/api/centres/districts", (Rule::Everyone, "")),
        ("/api/centres/list", (Rule::Everyone, "district=almaly")),
        ("/api/centres/get", (Rule::Everyone, "slug=almaly-youth-centre")),
        ("/api/rooms/list", (Rule::Everyone, "kind=classroom")),
        // Room booking. `{almaly_room}` is the id of an Almaly classroom, filled in after seeding;
        // the date is in the past, so allowed callers are refused as bad input and nothing is saved.
        ("/api/rooms/week", (Rule::Everyone, "centre=almaly-youth-centre")),
        (
            "/api/rooms/book",
            (
                Rule::RoomBookers,
                "form%5Broom%5D={almaly_room}&form%5Bdate%5D=2020-01-06&form%5Bstarts%5D=10:00&form%5Bends%5D=11:00&form%5Bpurpose%5D=x",
            ),
        ),
        (
            "/api/rooms/preview",
            (
                Rule::RoomBookers,
                "form%5Broom%5D={almaly_room}&form%5Bdate%5D=2020-01-06&form%5Bstarts%5D=10:00&form%5Bends%5D=11:00&form%5Bpurpose%5D=x",
            ),
        ),
        // No booking has this id: signed-in callers get 404, visitors are stopped first.
        ("/api/rooms/change", (Rule::SignedIn, "booking=999999&action=cancel")),
        ("/api/rooms/mine", (Rule::SignedIn, "")),
        ("/api/rooms/feed_link", (Rule::SignedIn, "")),
        ("/api/rooms/desk", (Rule::CentreStaff, "centre=almaly-youth-centre")),
        ("/api/rooms/usage", (Rule::CentreStaff, "centre=almaly-youth-centre&month=2026-11")),
        // One limit of seven, and too long: allowed callers are refused as bad input, nothing saved.
        ("/api/rooms/quotas", (Rule::CentreStaff, "centre=almaly-youth-centre&limits%5Bstaff-classroom%5D=999")),
        ("/api/courses/list", (Rule::Everyone, "query=district%3Dalmaly%26page%3D1")),
        ("/api/courses/choices", (Rule::Everyone, "")),
        ("/api/courses/get", (Rule::Everyone, "slug=no-such-course")),
        ("/api/courses/my_place", (Rule::Everyone, "course=smm-alatau")),
        // The caller's own places only; visitors and colleagues are told they are not residents.
        ("/api/courses/my_places", (Rule::Everyone, "")),
        // Residents act on their own place only: the caller is the resident, no resident id is sent.
        ("/api/courses/enrol", (Rule::Residents, "course=smm-alatau")),
        ("/api/courses/cancel", (Rule::Residents, "course=smm-alatau")),
        ("/api/courses/mine", (Rule::Residents, "")),
        ("/api/courses/roster", (Rule::CentreStaff, "course=podcast-production-almaly")),
        // Nobody with this id is enrolled: staff of the centre get 404, everyone else is stopped first.
        (
            "/api/courses/mark_attended",
            (Rule::CentreStaff, "course=podcast-production-almaly&resident_id=999999&attended=true"),
        ),
        ("/api/courses/calendar_link", (Rule::Residents, "lang=en")),
        // Staff course editing: bodies the allowed callers get refused as bad input (400) or not
        // found (404), so the matrix writes nothing.
        ("/api/staff/courses", (Rule::CentreStaff, "centre=almaly-youth-centre")),
        ("/api/staff/course_editor", (Rule::CentreStaff, "course=podcast-production-almaly")),
        ("/api/staff/create_course", (Rule::CentreStaff, "centre=almaly-youth-centre&form%5Btitle_kk%5D=X")),
        ("/api/staff/update_course", (Rule::CentreStaff, "course=podcast-production-almaly&form%5Bcapacity%5D=0")),
        ("/api/staff/add_sessions", (Rule::CentreStaff, "course=podcast-production-almaly&session%5Bdate%5D=soon")),
        ("/api/staff/remove_session", (Rule::CentreStaff, "course=podcast-production-almaly&session_id=999999")),
        ("/api/courses/reset_calendar_link", (Rule::Residents, "lang=en")),
        ("/api/accounts/me", (Rule::Everyone, "")),
        ("/api/accounts/sign_in", (Rule::Everyone, "login=nobody%40demo.kz&password=x")),
        ("/api/accounts/sign_out", (Rule::Everyone, "")),
        // A wrong current password: the call is authorised (400), but changes nothing.
        ("/api/accounts/change_password", (Rule::SignedIn, "current_password=wrong-one&new_password=long-enough-1")),
        // Without the consent box: authorised for everyone, refused as bad input, nothing written.
        (
            "/api/residents/register",
            (
                Rule::Everyone,
                "full_name=Test&birth_date=2004-01-01&district=almaly&contact=t%40demo.kz&occupation=working&password=long-enough-1",
            ),
        ),
        ("/api/residents/profile", (Rule::Residents, "")),
        (
            "/api/residents/update_profile",
            (Rule::Residents, "full_name=Renamed+Resident&district=almaly&occupation=both"),
        ),
        ("/api/residents/export", (Rule::Residents, "")),
        ("/api/residents/card", (Rule::Residents, "")),
        // A new code for the caller's own card.
        ("/api/residents/reissue_card", (Rule::Residents, "")),
        // Anyone may check a card's link; a token no card has is "not valid", not an error.
        ("/api/cards/check", (Rule::Everyone, "token=AAAAAAAAAAAAAAAAAAAAAAAA")),
        // No card has this token: the admin gets 404, everyone else is stopped before.
        ("/api/cards/block", (Rule::Admins, "token=AAAAAAAAAAAAAAAAAAAAAAAA&action=block")),
        // A wrong password: authorised, refused as bad input, nothing deleted.
        ("/api/residents/delete_account", (Rule::Residents, "confirm_password=not-my-password")),
        ("/api/admin/accounts", (Rule::Admins, "search=demo")),
        (
            "/api/admin/create_account",
            (
                Rule::Admins,
                "login=new-staff%40demo.kz&display_name=New+Staff&role=staff&centre=almaly-youth-centre&password=long-enough-1",
            ),
        ),
        // An account that does not exist: the admin gets 404, everyone else is stopped before.
        ("/api/admin/change_role", (Rule::Admins, "user_id=999999&role=staff&centre=almaly-youth-centre")),
        // Questionnaire: an unfinished sheet is refused as bad input (400) for everyone, nothing written.
        ("/api/quiz/save", (Rule::Everyone, "form=quick&answers=345")),
        ("/api/quiz/result", (Rule::Everyone, "token=no-such-result")),
        ("/api/quiz/mine", (Rule::SignedIn, "")),
        ("/api/quiz/find_visitors", (Rule::Mentors, "search=Nobody+Like+This")),
        // Nobody with this id: the mentor gets 404, everyone else is stopped before.
        ("/api/quiz/visitor", (Rule::Mentors, "resident=999999")),
        ("/api/quiz/sessions", (Rule::MentorsAndAdmins, "")),
        // The desk of the Almaly centre: its staff and admins; staff of another centre naming it
        // are refused. No resident or session has these ids: allowed callers get 404.
        ("/api/desk/view", (Rule::CentreStaff, "centre=almaly-youth-centre")),
        ("/api/desk/find", (Rule::CentreStaff, "centre=almaly-youth-centre&card=AYC-99999999")),
        ("/api/desk/attend", (Rule::CentreStaff, "centre=almaly-youth-centre&resident=999999&session=999999")),
        ("/api/desk/drop_in", (Rule::CentreStaff, "centre=almaly-youth-centre&resident=999999&purpose=studio")),
        // Almaly's figures: its staff and mentor, and admins; staff of Medeu naming Almaly are refused.
        ("/api/dashboard/report", (Rule::AlmalyTeamAndAdmins, "district=almaly&from=2026-01&to=2026-11")),
    ])
}

pub(crate) async fn add_account(db: &DatabaseConnection, login: &str, role: Role, centre_slug: Option<&str>) {
    let template = app_user::Entity::find().filter(app_user::Column::Login.eq("admin@demo.kz")).one(db).await.unwrap();
    let template = template.expect("demo admin exists");
    let centre_id = match centre_slug {
        Some(slug) => centre::Entity::find().filter(centre::Column::Slug.eq(slug)).one(db).await.unwrap().map(|c| c.id),
        None => None,
    };
    app_user::ActiveModel {
        login: Set(login.into()),
        display_name: Set(login.into()),
        password_hash: Set(template.password_hash),
        role: Set(role),
        centre_id: Set(centre_id),
        created_at: Set(template.created_at),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

pub(crate) fn login_of(caller: Caller) -> Option<&'static str> {
    match caller {
        Caller::Visitor => None,
        Caller::Resident => Some("resident@demo.kz"),
        Caller::OtherResident => Some("other-resident@demo.kz"),
        Caller::StaffOfCentre => Some("staff@demo.kz"),
        Caller::StaffOfOtherCentre => Some("staff-medeu@demo.kz"),
        Caller::Stakeholder => Some("mentor@demo.kz"),
        Caller::Admin => Some("admin@demo.kz"),
    }
}

on_both_databases!(every_server_function_checks_its_caller);
async fn every_server_function_checks_its_caller(db: DatabaseConnection) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    seed::seed(&db, today, ScaleOptions::default()).await.expect("seed");
    let app = test_app(&db);
    let registration = format!(
        "full_name=Other+Resident&birth_date=2003-03-03&district=medeu&contact=other-resident%40demo.kz\
         &occupation=studying&password={DEMO_PASSWORD}&data_consent=on"
    );
    let registered = send(&app, post("/api/residents/register", &registration, None)).await;
    assert!(!registered.status().is_client_error(), "another resident registers: {}", registered.status());
    add_account(&db, "staff-medeu@demo.kz", Role::Staff, Some("medeu-youth-centre")).await;

    let almaly_room = {
        use sea_orm::QueryOrder;
        use youth_centres::server::entities::room;
        let almaly = centre::Entity::find().filter(centre::Column::Slug.eq("almaly-youth-centre")).one(&db).await;
        let almaly = almaly.unwrap().expect("Almaly centre");
        room::Entity::find()
            .filter(room::Column::CentreId.eq(almaly.id))
            .filter(room::Column::Kind.eq(youth_centres::centres::domain::RoomKind::Classroom))
            .order_by_asc(room::Column::Id)
            .one(&db)
            .await
            .unwrap()
            .expect("an Almaly classroom")
            .id
            .to_string()
    };
    let matrix = matrix();
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect();
    let listed: BTreeSet<&str> = matrix.keys().copied().collect();
    assert_eq!(registered, listed, "every server function needs a row in the authorization matrix");

    for caller in CALLERS {
        let cookie = match login_of(caller) {
            Some(login) => Some(sign_in(&app, login).await),
            None => None,
        };
        for (path, (rule, body)) in &matrix {
            if *path == "/api/accounts/sign_out" {
                continue; // would end this caller's session; checked last
            }
            let body = &body.replace("{almaly_room}", &almaly_room);
            let request = if GET_FUNCTIONS.contains(path) {
                get(&format!("{path}?{body}"), cookie.as_deref())
            } else {
                post(path, body, cookie.as_deref())
            };
            let response = send(&app, request).await;
            let status = response.status();
            let denied = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
            let refused_sign_in = *path == "/api/accounts/sign_in" && status == StatusCode::UNAUTHORIZED;
            if allowed(*rule, caller) {
                assert!(!denied || refused_sign_in, "{caller:?} must be allowed {path}, got {status}");
                assert!(!status.is_server_error(), "{caller:?} {path}: {status}");
            } else {
                assert!(denied, "{caller:?} must be refused {path}, got {status}");
            }
        }
        let response = send(&app, post("/api/accounts/sign_out", "", cookie.as_deref())).await;
        assert!(!response.status().is_server_error() && response.status() != StatusCode::FORBIDDEN);
    }
}
