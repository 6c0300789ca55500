//! Who is calling: the one place every server function asks. The user is loaded from the
//! database on every request, so role changes and deletions take effect at once, on every server.
use super::domain::{CurrentUser, Role};
use crate::error::AppError;
use crate::server::entities::app_user;
use crate::server::sessions::USER_ID_KEY;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sea_orm::EntityTrait;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use tower_sessions::Session;

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Unavailable
    })
}

/// The signed-in user, or `None` for a visitor.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    user_of_session(&session().await?, &crate::server::database()?).await
}

/// The user a session belongs to; also for plain axum routes (downloads) outside server functions.
pub async fn user_of_session(
    session: &Session,
    db: &sea_orm::DatabaseConnection,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(user_id) = session.get::<i32>(USER_ID_KEY).await.map_err(|_| AppError::Unavailable)? else {
        return Ok(None);
    };
    match app_user::Entity::find_by_id(user_id).one(db).await? {
        Some(user) => Ok(Some(CurrentUser {
            id: user.id,
            display_name: user.display_name,
            role: user.role,
            centre_id: user.centre_id,
        })),
        None => {
            // The account was deleted: its sessions end too.
            let _ = session.flush().await;
            Ok(None)
        }
    }
}

/// The signed-in user, or a 401 for visitors.
pub async fn require_user() -> Result<CurrentUser, AppError> {
    match current_user().await? {
        Some(user) => Ok(user),
        None => crate::server::fail(AppError::Unauthenticated),
    }
}

/// The signed-in user if their role is one of `roles`; 401 for visitors, 403 for other roles.
pub async fn require_role(roles: &[Role]) -> Result<CurrentUser, AppError> {
    let user = require_user().await?;
    if roles.contains(&user.role) { Ok(user) } else { crate::server::fail(AppError::Forbidden) }
}

/// Starts a signed-in session under a new id (the pre-sign-in id is never reused: no fixation).
pub async fn start_session(user_id: i32) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(|_| AppError::Unavailable)?;
    session.insert(USER_ID_KEY, user_id).await.map_err(|_| AppError::Unavailable)
}

/// Ends this browser's session and deletes it from the store.
pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(|_| AppError::Unavailable)
}

/// Sign-in attempt budgets, per account and per client address (per server process).
#[derive(Clone)]
pub struct SignInLimits {
    per_login: Arc<DefaultKeyedRateLimiter<String>>,
    per_address: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl SignInLimits {
    /// `per_login` attempts per minute for one account, `per_address` for one client address.
    pub fn new(per_login: u32, per_address: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        Self {
            per_login: Arc::new(RateLimiter::keyed(quota(per_login))),
            per_address: Arc::new(RateLimiter::keyed(quota(per_address))),
        }
    }

    /// Spends one attempt of both budgets; `false` when either is exhausted.
    pub fn allow(&self, login: &str, address: Option<IpAddr>) -> bool {
        let address_ok = address.is_none_or(|address| self.per_address.check_key(&address).is_ok());
        let login_ok = self.per_login.check_key(&login.to_owned()).is_ok();
        address_ok && login_ok
    }
}

impl SignInLimits {
    /// Spends one attempt of the address budget only (sign-ups, which have no account yet).
    pub fn allow_address(&self, address: Option<IpAddr>) -> bool {
        address.is_none_or(|address| self.per_address.check_key(&address).is_ok())
    }
}

/// The client's address as the TCP peer (deployments behind a proxy put the proxy there).
pub async fn client_address() -> Option<IpAddr> {
    leptos_axum::extract::<axum::extract::ConnectInfo<SocketAddr>>().await.ok().map(|info| info.0.ip())
}

#[cfg(test)]
mod tests {
    use super::SignInLimits;
    use std::net::{IpAddr, Ipv4Addr};

    #[test]
    fn sign_in_attempts_are_limited_per_account_and_per_address() {
        let limits = SignInLimits::new(3, 5);
        let home = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)));
        for _ in 0..3 {
            assert!(limits.allow("resident@demo.kz", home));
        }
        assert!(!limits.allow("resident@demo.kz", home), "fourth attempt on one account is refused");
        assert!(limits.allow("staff@demo.kz", home), "another account still has its budget");
        assert!(!limits.allow("mentor@demo.kz", home), "but the address has used its five attempts");
        let elsewhere = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)));
        assert!(limits.allow("mentor@demo.kz", elsewhere));
    }
}
