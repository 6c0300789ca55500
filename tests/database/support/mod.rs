//! Test databases: a fresh SQLite file, or a fresh schema in the PostgreSQL database named by
//! `TEST_POSTGRES_URL` (the test script sets it; without it the PostgreSQL cases are skipped).
#![allow(dead_code)]

pub mod http;
pub mod residents;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use std::sync::atomic::{AtomicU32, Ordering};
use youth_centres::server::db;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    format!("{prefix}_{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), nanos % 1_000_000)
}

pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestDb {
    pub db: DatabaseConnection,
    cleanup: Option<(String, String)>,
    sqlite_file: Option<std::path::PathBuf>,
}

impl TestDb {
    /// A migrated, empty database, or `None` when this backend is not configured here.
    pub async fn new(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.db", unique_name("youth_centres_test")));
                let url = format!("sqlite://{}?mode=rwc", path.display());
                let db = db::connect(&url).await.expect("open SQLite test database");
                db::migrate(&db).await.expect("migrate SQLite");
                Some(TestDb { db, cleanup: None, sqlite_file: Some(path) })
            }
            Backend::Postgres => {
                let Ok(url) = std::env::var("TEST_POSTGRES_URL") else {
                    eprintln!("TEST_POSTGRES_URL is not set: PostgreSQL case skipped");
                    return None;
                };
                let schema = unique_name("t");
                let admin = Database::connect(url.as_str()).await.expect("reach PostgreSQL at TEST_POSTGRES_URL");
                admin.execute_unprepared(&format!("CREATE SCHEMA {schema}")).await.expect("create test schema");
                let mut options = ConnectOptions::new(url.clone());
                options.set_schema_search_path(schema.clone()).max_connections(40).sqlx_logging(false);
                let db = Database::connect(options).await.expect("connect to test schema");
                db::migrate(&db).await.expect("migrate PostgreSQL");
                Some(TestDb { db, cleanup: Some((url, schema)), sqlite_file: None })
            }
        }
    }

    pub async fn drop(self) {
        let _ = self.db.close().await;
        if let Some((url, schema)) = self.cleanup
            && let Ok(admin) = Database::connect(url.as_str()).await
        {
            let _ = admin.execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE")).await;
        }
        if let Some(path) = self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

/// Runs one async test body against SQLite and, when configured, PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let test_db = support::TestDb::new(support::Backend::Sqlite).await.expect("SQLite is always available");
                super::$name(test_db.db.clone()).await;
                test_db.drop().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if let Some(test_db) = support::TestDb::new(support::Backend::Postgres).await {
                    super::$name(test_db.db.clone()).await;
                    test_db.drop().await;
                }
            }
        }
    };
}

/// The plan the database picks for `statement` (SQLite's `EXPLAIN QUERY PLAN` details, or
/// PostgreSQL's `EXPLAIN` lines), one step per line.
pub async fn query_plan(db: &impl ConnectionTrait, statement: sea_orm::Statement) -> String {
    use sea_orm::DbBackend;
    let backend = db.get_database_backend();
    let explain = match backend {
        DbBackend::Sqlite => format!("EXPLAIN QUERY PLAN {}", statement.sql),
        _ => format!("EXPLAIN {}", statement.sql),
    };
    let values = statement.values.map(|values| values.0).unwrap_or_default();
    let rows =
        db.query_all_raw(sea_orm::Statement::from_sql_and_values(backend, explain, values)).await.expect("explain");
    let detail = if backend == DbBackend::Sqlite { 3 } else { 0 };
    let steps: Vec<String> =
        rows.iter().map(|row| row.try_get_by_index::<String>(detail).expect("plan text")).collect();
    steps.join("\n")
}
