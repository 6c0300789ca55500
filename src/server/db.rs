//! Connecting to the database and bringing its schema up to date.
use super::migration::Migrator;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

/// Opens a pool. SQLite gets WAL (readers never wait for the writer), enforced foreign keys and a
/// busy timeout so concurrent writers queue instead of failing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_file_path(url)
        && let Some(parent) = std::path::Path::new(&path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", parent.display())))?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|sqlite| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            sqlite
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    Database::connect(options).await
}

/// Applies every pending migration; safe to run on every start. On PostgreSQL several app servers
/// may start at once: the first takes an advisory lock (per schema) and migrates, the others wait
/// for it and then find nothing pending. On SQLite see [`begin_sqlite_schema_change`].
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        let schema_change = begin_sqlite_schema_change(db).await?;
        Migrator::up(&schema_change, None).await?;
        return schema_change.commit().await;
    }
    // A transaction holds the lock on one pooled connection; migrations run on others.
    let lock = db.begin().await?;
    lock.execute_unprepared("SELECT pg_advisory_xact_lock(hashtext('youth_centres.migrate.' || current_schema()))")
        .await?;
    let migrated = Migrator::up(db, None).await;
    lock.commit().await?;
    migrated
}

/// PostgreSQL with autovacuum off (as on the development machines) lets the dead row versions of
/// every update pile up, among them the catalogue's count tables, which triggers rewrite at each
/// course change: after a bulk load, searches took 80 ms instead of 2 ms until a `VACUUM` (README,
/// catalogue). Said once at start, for whoever runs the server.
pub async fn warn_if_autovacuum_is_off(db: &DatabaseConnection) {
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let statement =
        sea_orm::Statement::from_string(DbBackend::Postgres, "SELECT current_setting('autovacuum') AS on_off");
    if let Ok(Some(row)) = db.query_one_raw(statement).await
        && row.try_get::<String>("", "on_off").is_ok_and(|setting| setting == "off")
    {
        tracing::warn!(
            "PostgreSQL's autovacuum is off: turn it on, or run VACUUM after bulk changes, or searches slow down"
        );
    }
}

/// Undoes the newest `steps` migrations, the way [`migrate`] applies them (tests of each
/// migration's `down`).
pub async fn undo_migrations(db: &DatabaseConnection, steps: u32) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        // Each migration runs in its own transaction there.
        return Migrator::down(db, Some(steps)).await;
    }
    let schema_change = begin_sqlite_schema_change(db).await?;
    Migrator::down(&schema_change, Some(steps)).await?;
    schema_change.commit().await
}

/// One write transaction for a whole SQLite schema change, on one connection:
/// - a server killed half-way leaves the schema as it was, not half-migrated;
/// - `BEGIN IMMEDIATE` makes a second server starting at once wait, then find nothing pending;
/// - its first statement reads the schema, so a pooled connection that cached it before another
///   connection changed it reloads it now. SQLite checks that cache only when a statement runs,
///   not while it parses a `CREATE`, which then fails with "already exists" on a stale cache.
async fn begin_sqlite_schema_change(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let schema_change = super::transactions::begin_write(db).await?;
    schema_change.execute_unprepared("SELECT count(*) FROM sqlite_schema").await?;
    Ok(schema_change)
}

fn sqlite_file_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::sqlite_file_path;

    #[test]
    fn finds_the_sqlite_file_to_create_its_folder() {
        assert_eq!(sqlite_file_path("sqlite://data/app.db?mode=rwc").as_deref(), Some("data/app.db"));
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://localhost/test"), None);
    }
}
