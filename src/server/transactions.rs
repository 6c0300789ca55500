//! Write transactions that survive contention: `BEGIN IMMEDIATE` on SQLite, retries of transient
//! conflicts on both databases, and a clear split between a refusal (final) and a database error.
use crate::error::AppError;
use sea_orm::{
    ConnAcquireErr, DatabaseConnection, DatabaseTransaction, DbErr, RuntimeErr, SqlErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use std::future::Future;
use std::pin::Pin;

/// Attempts per request when the database reports a transient conflict (busy, deadlock, ...).
const MAX_ATTEMPTS: u32 = 10;

/// Starts a transaction that will write. On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken
/// (waiting out the busy timeout) before anything is read, so the transaction can never fail later
/// when a read lock would have to become a write lock. Callers of
/// [`crate::enrolment::store::release_all_for_resident`] on
/// SQLite should begin their transaction this way.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Why a transaction body stopped: a refusal is final, a database error may be worth a retry.
pub enum Failure {
    Refused(AppError),
    Database(DbErr),
}

impl From<DbErr> for Failure {
    fn from(error: DbErr) -> Self {
        Failure::Database(error)
    }
}

impl From<AppError> for Failure {
    fn from(error: AppError) -> Self {
        Failure::Refused(error)
    }
}

impl From<Failure> for AppError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Refused(error) => error,
            Failure::Database(error) => error.into(),
        }
    }
}

pub type BodyFuture<'t, T> = Pin<Box<dyn Future<Output = Result<T, Failure>> + Send + 't>>;

/// Runs `body` in a write transaction, committing on success and rolling back on a refusal;
/// transient conflicts (SQLite busy, PostgreSQL deadlock or serialisation failure, a unique
/// violation from a concurrent insert, a pool timeout under load) rerun it after a short pause.
pub async fn write_transaction<T, F>(db: &DatabaseConnection, body: F) -> Result<T, AppError>
where
    F: for<'t> Fn(&'t DatabaseTransaction) -> BodyFuture<'t, T>,
{
    let mut attempt = 1;
    loop {
        let result = async {
            let txn = begin_write(db).await?;
            match body(&txn).await {
                Ok(value) => {
                    txn.commit().await?;
                    Ok(value)
                }
                Err(failure) => {
                    txn.rollback().await?;
                    Err(failure)
                }
            }
        }
        .await;
        match result {
            Err(Failure::Database(error)) if attempt < MAX_ATTEMPTS && is_transient(&error) => {
                tracing::debug!(%error, attempt, "transient database conflict; retrying");
                tokio::time::sleep(backoff(attempt)).await;
                attempt += 1;
            }
            other => return other.map_err(AppError::from),
        }
    }
}

/// Exponential pause with jitter, so retrying requests do not collide again in step.
fn backoff(attempt: u32) -> std::time::Duration {
    let base_ms = 2u64 << attempt.min(8);
    let jitter_ms = u64::from(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().subsec_nanos(),
    ) % base_ms;
    std::time::Duration::from_millis(base_ms + jitter_ms)
}

fn is_transient(error: &DbErr) -> bool {
    if matches!(error, DbErr::ConnectionAcquire(ConnAcquireErr::Timeout)) {
        return true;
    }
    if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        return true;
    }
    let (DbErr::Exec(RuntimeErr::SqlxError(sqlx_error))
    | DbErr::Query(RuntimeErr::SqlxError(sqlx_error))
    | DbErr::Conn(RuntimeErr::SqlxError(sqlx_error))) = error
    else {
        return false;
    };
    let sea_orm::sqlx::Error::Database(database_error) = sqlx_error.as_ref() else {
        return false;
    };
    let code = database_error.code().unwrap_or_default();
    match database_error.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>() {
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6), including their extended codes.
        Some(_) => code.parse::<i32>().is_ok_and(|code| matches!(code & 0xff, 5 | 6)),
        // PostgreSQL: serialization_failure, deadlock_detected.
        None => matches!(code.as_ref(), "40001" | "40P01"),
    }
}
