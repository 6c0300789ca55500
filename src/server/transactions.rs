//! Write transactions that survive contention: `BEGIN IMMEDIATE` on SQLite, retries of transient
//! conflicts on both databases, and a clear split between a refusal (final) and a database error.
use crate::error::{AppError, Field, InputProblem};
use sea_orm::{
    ConnAcquireErr, DatabaseConnection, DatabaseTransaction, DbErr, RuntimeErr, SqlErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};

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

/// Transient conflicts retried since the process started.
static RETRIES: AtomicU64 = AtomicU64::new(0);

/// How many transaction bodies were rerun after a transient conflict since the process started
/// (contention shows up here before it shows up as slow or failed requests).
pub fn retries_so_far() -> u64 {
    RETRIES.load(Ordering::Relaxed)
}

/// Why a transaction body stopped: a refusal is final, a database error may be worth a retry.
pub enum Failure {
    /// A final answer for the caller (bad input, not found, taken): rolled back, never retried.
    Refused(AppError),
    /// Retried only when transient (busy, deadlock, serialisation failure, pool timeout).
    Database(DbErr),
    /// A unique violation the body settles by choosing again on a rerun (a concurrent insert took
    /// the value it picked, e.g. a free slug): retried like a transient conflict.
    Rerun(DbErr),
}

impl Failure {
    /// For an insert guarded by a unique index: a violation means someone already holds the value,
    /// a final answer naming `field`; any other database error stays a database error.
    pub fn taken_as(field: Field) -> impl Fn(DbErr) -> Failure {
        move |error| match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                Failure::Refused(AppError::invalid(field, InputProblem::Taken))
            }
            _ => Failure::Database(error),
        }
    }

    /// For an insert of a value the body picked itself: a unique violation means a concurrent
    /// transaction took it first, and a rerun picks the next free one.
    pub fn rerun_if_taken(error: DbErr) -> Failure {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Failure::Rerun(error),
            _ => Failure::Database(error),
        }
    }
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
            Failure::Database(error) | Failure::Rerun(error) => error.into(),
        }
    }
}

pub type BodyFuture<'t, T> = Pin<Box<dyn Future<Output = Result<T, Failure>> + Send + 't>>;

/// Runs `body` in a write transaction, committing on success and rolling back on a refusal;
/// transient conflicts (SQLite busy, PostgreSQL deadlock or serialisation failure, a pool timeout
/// under load) and [`Failure::Rerun`] rerun it after a short pause. A unique violation is a real
/// conflict (the same e-mail twice) and is not retried: map it with [`Failure::taken_as`].
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
        let retry = match &result {
            Err(Failure::Database(error)) => is_transient(error).then_some(error),
            Err(Failure::Rerun(error)) => Some(error),
            _ => None,
        };
        match retry {
            Some(error) if attempt < MAX_ATTEMPTS => {
                pause_before_retry(error, attempt).await;
                attempt += 1;
            }
            _ => return result.map_err(AppError::from),
        }
    }
}

/// Runs `operation` (statements outside a transaction: the session store's reads and writes) again
/// after a short pause while it fails with a transient conflict, as [`write_transaction`] does. In a
/// burst of sign-ups every pooled connection can be busy for seconds; a session that could not be
/// saved then would answer "something went wrong" for an account that was in fact created.
pub async fn retry_transient<T, F, Fut>(mut operation: F) -> Result<T, DbErr>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, DbErr>>,
{
    let mut attempt = 1;
    loop {
        match operation().await {
            Err(error) if is_transient(&error) && attempt < MAX_ATTEMPTS => {
                pause_before_retry(&error, attempt).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

/// Counts and logs a retry after `error`, then waits out its pause.
async fn pause_before_retry(error: &DbErr, attempt: u32) {
    tracing::debug!(%error, attempt, "transient database conflict; retrying");
    RETRIES.fetch_add(1, Ordering::Relaxed);
    tokio::time::sleep(backoff(attempt)).await;
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
