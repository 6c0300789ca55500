//! Many people writing at the same moment: a burst of sign-ups all land, a contact registered twice
//! at once is answered "taken" straight away, and only transient conflicts are retried.
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use support::http::{post, send, test_app, text};
use youth_centres::accounts::domain::Role;
use youth_centres::error::{AppError, Field, InputProblem};
use youth_centres::server::entities::{app_user, resident};
use youth_centres::server::seed::{self, ScaleOptions};
use youth_centres::server::transactions::{Failure, retries_so_far, write_transaction};

async fn seeded(db: &DatabaseConnection) {
    let today = youth_centres::time::almaty_today(chrono::Utc::now());
    seed::seed(db, today, ScaleOptions::default()).await.expect("seed");
}

/// A complete sign-up form of a 20-year-old with this e-mail.
fn sign_up(email: &str) -> String {
    let today = youth_centres::time::almaty_today(chrono::Utc::now());
    let born = today - chrono::Duration::days(20 * 365 + 30);
    form_urlencoded::Serializer::new(String::new())
        .append_pair("full_name", "Айгерім Test")
        .append_pair("birth_date", &born.format("%Y-%m-%d").to_string())
        .append_pair("district", "almaly")
        .append_pair("contact", email)
        .append_pair("occupation", "studying")
        .append_pair("password", "long-enough-1")
        .append_pair("data_consent", "on")
        .finish()
}

/// Log lines appended to one buffer, from whichever thread writes them.
struct SharedLog(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for SharedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The answers to a burst, and the warnings and errors the server logged while answering them.
struct Burst {
    answers: Vec<(StatusCode, String)>,
    log: String,
}

/// Sends every sign-up at once (each in its own task) and returns each answer's status and body,
/// with what the server logged (a refused sign-up says "Unavailable"; the log says why).
async fn sign_up_all_at_once(app: &axum::Router, forms: Vec<String>) -> Burst {
    use tracing::instrument::WithSubscriber;
    let log = Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    let logger = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_ansi(false)
        .with_writer({
            let log = log.clone();
            move || SharedLog(log.clone())
        })
        .finish();
    let logger = tracing::Dispatch::new(logger);
    let requests: Vec<_> = forms
        .into_iter()
        .map(|form| {
            let app = app.clone();
            tokio::spawn(
                async move {
                    let response = send(&app, post("/api/residents/register", &form, None)).await;
                    (response.status(), text(response).await)
                }
                .with_subscriber(logger.clone()),
            )
        })
        .collect();
    let mut answers = Vec::new();
    for request in requests {
        answers.push(request.await.expect("no request panics"));
    }
    let log = String::from_utf8_lossy(&log.lock().expect("log")).into_owned();
    Burst { answers, log }
}

fn accepted(status: StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

on_both_databases!(a_hundred_simultaneous_sign_ups_all_land);
async fn a_hundred_simultaneous_sign_ups_all_land(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let forms = (0..100).map(|n| sign_up(&format!("burst-{n}@test.kz"))).collect();
    let Burst { answers, log } = sign_up_all_at_once(&app, forms).await;
    let refused: Vec<_> = answers.iter().filter(|(status, _)| !accepted(*status)).collect();
    assert!(
        refused.is_empty(),
        "{} of 100 sign-ups refused, e.g. {:?}; server log:\n{log}",
        refused.len(),
        refused.first()
    );
    let stored = app_user::Entity::find().filter(app_user::Column::Login.like("burst-%")).count(&db).await.unwrap();
    assert_eq!(stored, 100);
    let residents = resident::Entity::find().filter(resident::Column::Email.like("burst-%")).count(&db).await.unwrap();
    assert_eq!(residents, 100, "every account has its resident record");
}

on_both_databases!(one_email_registered_twenty_times_at_once_is_taken_at_once);
async fn one_email_registered_twenty_times_at_once_is_taken_at_once(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let retries_before = retries_so_far();
    let Burst { answers, log } = sign_up_all_at_once(&app, vec![sign_up("twin@test.kz"); 20]).await;
    let retries = retries_so_far() - retries_before;

    assert_eq!(answers.iter().filter(|(status, _)| accepted(*status)).count(), 1, "{answers:?}\n{log}");
    let taken = AppError::invalid(Field::Contact, InputProblem::Taken);
    for (status, body) in answers.iter().filter(|(status, _)| !accepted(*status)) {
        assert_eq!(*status, StatusCode::BAD_REQUEST, "{body}\n{log}");
        assert_eq!(serde_json::from_str::<AppError>(body).expect("a typed error"), taken);
    }
    assert_eq!(
        app_user::Entity::find().filter(app_user::Column::Login.eq("twin@test.kz")).count(&db).await.unwrap(),
        1
    );
    // A real conflict is not retried: nineteen losers waiting out the retry budget would be 171
    // retries. The counter is process-wide, so parallel tests may add a few of their own.
    assert!(retries < 19, "{retries} retries for one contact registered twice");
}

/// A new staff account row with this login.
fn account(login: &str) -> app_user::ActiveModel {
    app_user::ActiveModel {
        login: Set(login.to_owned()),
        display_name: Set("Test Staff".into()),
        password_hash: Set("not-a-real-hash".into()),
        role: Set(Role::Staff),
        centre_id: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
}

on_both_databases!(a_unique_violation_is_answered_at_once_and_rerun_only_on_request);
async fn a_unique_violation_is_answered_at_once_and_rerun_only_on_request(db: DatabaseConnection) {
    account("held@test.kz").insert(&db).await.expect("first account");

    // Unmapped, the violation is a database error, but a final one: the body ran once.
    let runs = Arc::new(AtomicU32::new(0));
    let started = std::time::Instant::now();
    let counted = runs.clone();
    let unmapped = write_transaction(&db, move |txn| {
        counted.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move { Ok(account("held@test.kz").insert(txn).await?.id) })
    })
    .await;
    assert_eq!(unmapped, Err(AppError::Unavailable));
    assert_eq!(runs.load(Ordering::SeqCst), 1, "a duplicate login is not a transient conflict");
    // Ten attempts would have paused over two seconds between them.
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "no retry pauses: {:?}", started.elapsed());

    // Mapped to the field it concerns, it is the form's answer.
    let mapped = write_transaction(&db, |txn| {
        Box::pin(
            async move { Ok(account("held@test.kz").insert(txn).await.map_err(Failure::taken_as(Field::Login))?.id) },
        )
    })
    .await;
    assert_eq!(mapped, Err(AppError::invalid(Field::Login, InputProblem::Taken)));

    // A body that picked the value itself asks for a rerun and picks the next one.
    let runs = Arc::new(AtomicU32::new(0));
    let counted = runs.clone();
    let rerun = write_transaction(&db, move |txn| {
        let login = if counted.fetch_add(1, Ordering::SeqCst) == 0 { "held@test.kz" } else { "held-2@test.kz" };
        Box::pin(async move { Ok(account(login).insert(txn).await.map_err(Failure::rerun_if_taken)?.login) })
    })
    .await;
    assert_eq!(rerun.as_deref(), Ok("held-2@test.kz"));
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    assert_eq!(app_user::Entity::find().count(&db).await.unwrap(), 2, "the refused attempts left nothing behind");
}
