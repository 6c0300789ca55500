//! A tower-sessions store over sea-orm. Written by hand because the published SQL stores are built
//! on sqlx 0.8 while sea-orm 2 uses sqlx 0.9: one pool, one driver version.
use super::entities::web_session;
use super::transactions::retry_transient;
use axum::{extract::Request, extract::State, middleware::Next, response::Response};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::sync::Arc;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};
use tower_sessions::{Expiry, Session};

/// Session key holding the signed-in user's id.
pub const USER_ID_KEY: &str = "user_id";

/// Session key holding when (Unix seconds) half of the session's lifetime is spent.
const RENEW_AFTER_KEY: &str = "renew_after";

/// A signed-in session lasts this long after the last request (renewed at most every half of it).
pub const SESSION_LIFETIME: TimeDelta = TimeDelta::days(14);

/// Where session expiry reads "now"; tests move it by hand instead of sleeping for days.
#[derive(Clone)]
pub struct SessionClock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl SessionClock {
    pub fn system() -> Self {
        Self(Arc::new(Utc::now))
    }

    pub fn new(now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }
}

impl std::fmt::Debug for SessionClock {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_tuple("SessionClock").field(&self.now()).finish()
    }
}

/// Rolls a signed-in session's expiry forward. tower-sessions saves a session (new expiry in the
/// store, a fresh cookie) only when it changed, so an unchanged one would end two weeks after
/// sign-in; this saves it again once half its lifetime is spent, and writes nothing in between.
pub async fn renew_sessions(State(clock): State<SessionClock>, request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let response = next.run(request).await;
    if let Some(session) = session
        && !response.status().is_server_error()
        && let Err(error) = renew_when_half_spent(&session, clock.now()).await
    {
        tracing::warn!(%error, "session could not be renewed");
    }
    response
}

async fn renew_when_half_spent(
    session: &Session,
    now: DateTime<Utc>,
) -> std::result::Result<(), tower_sessions::session::Error> {
    // No cookie, signed out or ended: nothing to renew (and nothing to load).
    if session.is_empty().await || session.get::<i32>(USER_ID_KEY).await?.is_none() {
        return Ok(());
    }
    let renew_after = session.get::<i64>(RENEW_AFTER_KEY).await?;
    if renew_after.is_some_and(|renew_after| now.timestamp() < renew_after) {
        return Ok(());
    }
    let expires_at = now + SESSION_LIFETIME;
    session.insert(RENEW_AFTER_KEY, (now + SESSION_LIFETIME / 2).timestamp()).await?;
    if let Ok(expires_at) = to_time(expires_at) {
        session.set_expiry(Some(Expiry::AtDateTime(expires_at)));
    }
    Ok(())
}

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    clock: SessionClock,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_clock(db, SessionClock::system())
    }

    pub fn with_clock(db: DatabaseConnection, clock: SessionClock) -> Self {
        Self { db, clock }
    }

    /// Ends every session of a user (sign-out everywhere, password change, account deletion).
    pub async fn end_all_for_user(&self, user_id: i32) -> Result<u64> {
        self.delete_where(web_session::Column::UserId.eq(user_id)).await
    }

    /// Removes expired sessions; run periodically.
    pub async fn delete_expired(&self, now: DateTime<Utc>) -> Result<u64> {
        self.delete_where(web_session::Column::ExpiresAt.lte(now)).await
    }

    async fn delete_where(&self, condition: sea_orm::sea_query::SimpleExpr) -> Result<u64> {
        retry_transient(|| web_session::Entity::delete_many().filter(condition.clone()).exec(&self.db))
            .await
            .map(|result| result.rows_affected)
            .map_err(backend)
    }

    fn row(record: &Record) -> Result<web_session::ActiveModel> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        let user_id =
            record.data.get(USER_ID_KEY).and_then(|value| value.as_i64()).and_then(|id| i32::try_from(id).ok());
        Ok(web_session::ActiveModel {
            id: Set(record.id.to_string()),
            user_id: Set(user_id),
            data: Set(data),
            expires_at: Set(to_chrono(record.expiry_date)),
        })
    }
}

fn backend(error: sea_orm::DbErr) -> Error {
    Error::Backend(error.to_string())
}

fn to_chrono(instant: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(instant.unix_timestamp(), instant.nanosecond()).unwrap_or_default()
}

fn to_time(instant: DateTime<Utc>) -> Result<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp(instant.timestamp()).map_err(|e| Error::Decode(e.to_string()))
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // Ids are random 128-bit values; on the (astronomically unlikely) clash, draw another.
        loop {
            let row = Self::row(record)?;
            match retry_transient(|| web_session::Entity::insert(row.clone()).exec(&self.db)).await {
                Ok(_) => return Ok(()),
                Err(_)
                    if web_session::Entity::find_by_id(record.id.to_string())
                        .one(&self.db)
                        .await
                        .ok()
                        .flatten()
                        .is_some() =>
                {
                    record.id = Id::default();
                }
                Err(error) => return Err(backend(error)),
            }
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let row = Self::row(record)?;
        let upsert = OnConflict::column(web_session::Column::Id)
            .update_columns([web_session::Column::UserId, web_session::Column::Data, web_session::Column::ExpiresAt])
            .to_owned();
        retry_transient(|| web_session::Entity::insert(row.clone()).on_conflict(upsert.clone()).exec(&self.db))
            .await
            .map(|_| ())
            .map_err(backend)
    }

    async fn load(&self, session_id: &Id) -> Result<Option<Record>> {
        let now = self.clock.now();
        let Some(row) = retry_transient(|| {
            web_session::Entity::find_by_id(session_id.to_string())
                .filter(web_session::Column::ExpiresAt.gt(now))
                .one(&self.db)
        })
        .await
        .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *session_id, data, expiry_date: to_time(row.expires_at)? }))
    }

    async fn delete(&self, session_id: &Id) -> Result<()> {
        retry_transient(|| web_session::Entity::delete_by_id(session_id.to_string()).exec(&self.db))
            .await
            .map(|_| ())
            .map_err(backend)
    }
}
