//! Several app servers on one database: what they share (password attempt budgets, periodic job
//! leases, migrations at start) holds as for one server, and each says whether it can serve.
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use support::http::{from_peer, get, post, send, text};
use youth_centres::accounts::auth::SignInLimits;
use youth_centres::server::db;
use youth_centres::server::http::{AppState, HttpSettings, router_with};
use youth_centres::server::jobs::take_lease;
use youth_centres::server::seed::{self, ScaleOptions};

/// One app server on `db` whose password budgets live in the database, as `serve` sets them up on
/// PostgreSQL.
fn server(db: &DatabaseConnection, per_login: u32) -> axum::Router {
    let options = leptos::prelude::LeptosOptions::builder().output_name("youth_centres").build();
    let settings = HttpSettings {
        sign_in_limits: SignInLimits::shared_in(per_login, 1_000, db.clone()),
        ..HttpSettings::new("http://127.0.0.1:3000")
    };
    router_with(AppState { leptos_options: options, db: db.clone() }, settings)
}

on_both_databases!(forty_wrong_passwords_spread_over_two_servers_get_one_budget);
async fn forty_wrong_passwords_spread_over_two_servers_get_one_budget(db: DatabaseConnection) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    seed::seed(&db, today, ScaleOptions::default()).await.expect("seed");
    let servers = [server(&db, 5), server(&db, 5)];
    let guesses: Vec<_> = (0..40)
        .map(|n| {
            let app = servers[n % 2].clone();
            tokio::spawn(async move {
                let body = "login=staff%40demo.kz&password=wrong-guess";
                let peer = format!("198.51.100.{}", n + 1);
                send(&app, from_peer(post("/api/accounts/sign_in", body, None), &peer, None)).await.status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.expect("request"));
    }
    let checked = statuses.iter().filter(|status| **status != StatusCode::TOO_MANY_REQUESTS).count();
    let refused = statuses.len() - checked;
    assert_eq!(checked, 5, "one account's five attempts a minute, whichever server is asked: {statuses:?}");
    assert_eq!(refused, 35);
    // The right password is not even checked now, on either server.
    let body = format!("login=staff%40demo.kz&password={}", seed::DEMO_PASSWORD);
    for app in &servers {
        let response = send(app, from_peer(post("/api/accounts/sign_in", &body, None), "203.0.113.50", None)).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

on_both_databases!(a_periodic_job_runs_on_one_server_per_interval);
async fn a_periodic_job_runs_on_one_server_per_interval(db: DatabaseConnection) {
    let now = chrono::Utc::now();
    let lease = chrono::Duration::minutes(10);
    let asks: Vec<_> = (0..8)
        .map(|server| {
            let db = db.clone();
            tokio::spawn(async move { take_lease(&db, "cleanup", &format!("server-{server}"), now, lease).await })
        })
        .collect();
    let mut taken = Vec::new();
    for ask in asks {
        taken.push(ask.await.expect("task").expect("lease"));
    }
    assert_eq!(taken.iter().filter(|taken| **taken).count(), 1, "eight servers at once: one runs the job");
    let later = now + lease - chrono::Duration::seconds(1);
    assert!(!take_lease(&db, "cleanup", "server-3", later, lease).await.expect("lease"), "still held");
    assert!(take_lease(&db, "another-job", "server-3", later, lease).await.expect("lease"), "jobs are apart");
    assert!(take_lease(&db, "cleanup", "server-3", now + lease, lease).await.expect("lease"), "free again");
}

on_both_databases!(each_server_says_whether_it_can_serve_and_names_each_request);
async fn each_server_says_whether_it_can_serve_and_names_each_request(db: DatabaseConnection) {
    let settings = HttpSettings::new("http://127.0.0.1:3000");
    let stopping = settings.stopping.clone();
    let options = leptos::prelude::LeptosOptions::builder().output_name("youth_centres").build();
    let app = router_with(AppState { leptos_options: options, db: db.clone() }, settings);
    let health = send(&app, get("/healthz", None)).await;
    assert_eq!(health.status(), StatusCode::OK);
    let ready = send(&app, get("/readyz", None)).await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(text(ready).await, "ready");

    let mut named = get("/healthz", None);
    named.headers_mut().insert("x-request-id", "lb-7f3c-0001".parse().expect("header"));
    let response = send(&app, named).await;
    assert_eq!(response.headers()["x-request-id"], "lb-7f3c-0001", "the load balancer's id is kept");
    let response = send(&app, get("/centres", None)).await;
    let made_up = response.headers()["x-request-id"].to_str().expect("ascii").to_owned();
    assert_eq!(made_up.len(), 32, "a page without an id gets one: {made_up}");
    let mut garbled = get("/healthz", None);
    garbled.headers_mut().insert("x-request-id", "a\" forged=1".parse().expect("header"));
    let response = send(&app, garbled).await;
    assert_ne!(response.headers()["x-request-id"], "a\" forged=1", "ids that would garble a log line are replaced");

    stopping.store(true, std::sync::atomic::Ordering::Relaxed);
    let ready = send(&app, get("/readyz", None)).await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE, "a stopping server is not ready");
    assert_eq!(send(&app, get("/healthz", None)).await.status(), StatusCode::OK, "but it is alive");
}

/// Two app servers starting at once on an empty PostgreSQL schema: both come up, each migration
/// applied once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_starting_at_once_migrate_once() {
    let Ok(url) = std::env::var("TEST_POSTGRES_URL") else {
        eprintln!("TEST_POSTGRES_URL is not set: PostgreSQL case skipped");
        return;
    };
    let schema = format!("t_start_{}", std::process::id());
    let admin = Database::connect(url.as_str()).await.expect("reach PostgreSQL");
    admin.execute_unprepared(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).await.expect("drop");
    admin.execute_unprepared(&format!("CREATE SCHEMA {schema}")).await.expect("create schema");
    let pool = || {
        let mut options = ConnectOptions::new(url.clone());
        options.set_schema_search_path(schema.clone()).max_connections(4).sqlx_logging(false);
        Database::connect(options)
    };
    let (first, second) = (pool().await.expect("first server"), pool().await.expect("second server"));
    let (a, b) = tokio::join!(db::migrate(&first), db::migrate(&second));
    a.expect("the first server starts");
    b.expect("the second server starts");
    use sea_orm_migration::MigratorTrait;
    assert_eq!(
        applied_migrations(&first).await as usize,
        youth_centres::server::migration::Migrator::migrations().len()
    );
    let _ = (first.close().await, second.close().await);
    let _ = admin.execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE")).await;
}

/// A new SQLite file for one test, removed (with its WAL files) when dropped.
struct SqliteFile(std::path::PathBuf);

impl SqliteFile {
    fn new(name: &str) -> SqliteFile {
        SqliteFile(std::env::temp_dir().join(format!("youth_centres_{name}_{}.db", std::process::id())))
    }

    fn url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.0.display())
    }
}

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

async fn applied_migrations(db: &DatabaseConnection) -> i64 {
    db.query_one_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        "SELECT COUNT(*) AS n FROM seaql_migrations".to_owned(),
    ))
    .await
    .expect("count")
    .expect("row")
    .try_get::<i64>("", "n")
    .expect("n")
}

/// Two servers opening the same new SQLite file at once both start; the migrations run once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_starting_at_once_on_one_sqlite_file_migrate_once() {
    use sea_orm_migration::MigratorTrait;
    let file = SqliteFile::new("two_starts");
    let first = db::connect(&file.url()).await.expect("open");
    let second = db::connect(&file.url()).await.expect("open again");
    let (a, b) = tokio::join!(db::migrate(&first), db::migrate(&second));
    a.expect("the first server starts");
    b.expect("the second server starts");
    assert_eq!(
        applied_migrations(&first).await as usize,
        youth_centres::server::migration::Migrator::migrations().len()
    );
    let _ = (first.close().await, second.close().await);
}

/// A server stopped half-way through migrating a SQLite file (here: the last migration finds one
/// of its tables taken) leaves the file as it was, not half-migrated, and the next start migrates
/// it whole.
#[tokio::test]
async fn a_sqlite_migration_that_fails_half_way_leaves_nothing_behind() {
    use sea_orm_migration::MigratorTrait;
    let file = SqliteFile::new("half_way");
    let db = db::connect(&file.url()).await.expect("open");
    db.execute_unprepared("CREATE TABLE course_slot_member (in_the_way INTEGER)").await.expect("a table in the way");
    db::migrate(&db).await.expect_err("m0021 cannot create its table");
    let tables = db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index', 'trigger') ORDER BY name".to_owned(),
        ))
        .await
        .expect("list the schema")
        .iter()
        .map(|row| row.try_get::<String>("", "name").expect("name"))
        .collect::<Vec<_>>();
    assert_eq!(tables, ["course_slot_member"], "nothing from the earlier migrations is left");

    db.execute_unprepared("DROP TABLE course_slot_member").await.expect("clear the way");
    db::migrate(&db).await.expect("the next start migrates");
    assert_eq!(applied_migrations(&db).await as usize, youth_centres::server::migration::Migrator::migrations().len());
    let _ = db.close().await;
}

on_both_databases!(metrics_are_read_by_allowed_clients_only);
async fn metrics_are_read_by_allowed_clients_only(db: DatabaseConnection) {
    let options = leptos::prelude::LeptosOptions::builder().output_name("youth_centres").build();
    let settings = HttpSettings {
        metrics_readers: youth_centres::server::config::MetricsReaders::parse("127.0.0.1, 10.0.0.0/8").expect("list"),
        ..HttpSettings::new("http://127.0.0.1:3000")
    };
    let app = router_with(AppState { leptos_options: options, db: db.clone() }, settings);
    assert_eq!(send(&app, from_peer(get("/centres", None), "203.0.113.9", None)).await.status(), StatusCode::OK);

    let response = send(&app, from_peer(get("/metrics", None), "10.1.2.3", None)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let scraped = text(response).await;
    assert!(scraped.contains("http_requests_total{"), "{scraped}");
    assert!(scraped.contains("route=\"/centres\""), "requests are counted by route: {scraped}");
    assert!(scraped.contains("http_request_duration_seconds_bucket{"), "and timed");
    assert!(scraped.contains("db_pool_connections{state=\"idle\"}"), "the pool is reported");

    let stranger = send(&app, from_peer(get("/metrics", None), "203.0.113.9", None)).await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND, "anyone else sees nothing");
    let claims_to_be_local = from_peer(get("/metrics", None), "203.0.113.9", Some("127.0.0.1"));
    let response = send(&app, claims_to_be_local).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "X-Forwarded-For counts only from trusted proxies");
}

/// Leptos loads a page's data in tasks it spawns: they run in the request's span, so their log
/// lines carry the request id like every other line of the request.
#[tokio::test]
async fn tasks_spawned_for_a_page_keep_the_request_id() {
    let test_db = support::TestDb::new(support::Backend::Sqlite).await.expect("SQLite is always available");
    let _app = support::http::test_app(&test_db.db); // building the router sets up Leptos's spawner
    let _subscriber = tracing::subscriber::set_default(tracing_subscriber::registry());
    let request = tracing::info_span!("request", id = "lb-7f3c-0002");
    let (sender, receiver) = tokio::sync::oneshot::channel();
    request.in_scope(|| {
        any_spawner::Executor::spawn(async move {
            let _ = sender.send(tracing::Span::current().id());
        })
    });
    let seen = receiver.await.expect("the task ran");
    assert!(seen.is_some(), "the task runs in a span");
    assert_eq!(seen, request.id(), "the request's span");
    test_db.drop().await;
}
