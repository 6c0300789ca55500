//! Periodic work, run by one app server per interval however many there are: each job takes a
//! lease row (`job_lease`) that lasts a little less than its interval, and only the server that
//! took it does the work.
use super::sessions::DbSessionStore;
use crate::accounts::auth::SignInLimits;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use std::time::Duration;

/// How often expired sessions and spent sign-in windows are deleted.
const CLEANUP_EVERY: Duration = Duration::from_secs(600);
const CLEANUP_JOB: &str = "cleanup";

/// Takes the lease of `job` for `lasts` from `now` when nobody holds it; `true` when this caller
/// got it. One statement, so two servers asking at once cannot both get it.
pub async fn take_lease(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    lasts: chrono::Duration,
) -> Result<bool, DbErr> {
    let mut take = Query::insert();
    take.into_table("job_lease")
        .columns(["job", "held_until", "holder"])
        .values([job.into(), (now + lasts).into(), holder.into()])
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .on_conflict(
            OnConflict::column("job")
                .update_columns(["held_until", "holder"])
                .action_and_where(Expr::col(("job_lease", "held_until")).lte(now))
                .to_owned(),
        );
    Ok(db.execute(&take).await?.rows_affected() == 1)
}

/// Who this server is in `job_lease.holder` (for people reading the table).
fn holder_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "server".to_owned());
    format!("{host}:{}:{}", std::process::id(), std::env::var("LEPTOS_SITE_ADDR").unwrap_or_default())
}

/// Every ten minutes: forgets this process's idle sign-in budgets (made-up logins would otherwise
/// stay in memory for good) and, on the one server holding the lease, deletes expired sessions and
/// spent sign-in windows from the database.
pub fn spawn_periodic_cleanup(db: DatabaseConnection, sign_in_limits: SignInLimits) {
    let holder = holder_name();
    let lease = chrono::Duration::from_std(CLEANUP_EVERY).unwrap_or_default() - chrono::Duration::seconds(5);
    tokio::spawn(async move {
        let mut every_ten_minutes = tokio::time::interval(CLEANUP_EVERY);
        loop {
            every_ten_minutes.tick().await;
            sign_in_limits.prune();
            let now = Utc::now();
            match take_lease(&db, CLEANUP_JOB, &holder, now, lease).await {
                Ok(true) => clean_up(&db, &sign_in_limits, now).await,
                Ok(false) => tracing::debug!("another server holds the clean-up lease"),
                Err(error) => tracing::warn!(%error, "could not take the clean-up lease"),
            }
        }
    });
}

async fn clean_up(db: &DatabaseConnection, sign_in_limits: &SignInLimits, now: DateTime<Utc>) {
    match DbSessionStore::new(db.clone()).delete_expired(now).await {
        Ok(removed) => tracing::debug!(removed, "expired sessions deleted"),
        Err(error) => tracing::warn!(%error, "could not delete expired sessions"),
    }
    if let Some(shared) = sign_in_limits.shared() {
        match shared.prune(now).await {
            Ok(removed) => tracing::debug!(removed, "spent sign-in windows deleted"),
            Err(error) => tracing::warn!(%error, "could not delete spent sign-in windows"),
        }
    }
}
