//! Who is calling: the one place every server function asks. The user is loaded from the
//! database on every request, so role changes and deletions take effect at once, on every server.
use super::domain::{CurrentUser, Role};
use crate::error::AppError;
use crate::server::config::TrustedProxies;
use crate::server::entities::app_user;
use crate::server::sessions::USER_ID_KEY;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use sea_orm::EntityTrait;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use tower_sessions::Session;

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        // Without the request's parts the request is gone: a visitor left (or a proxy gave up)
        // while the page was still rendering. Nothing is wrong with the server then.
        if leptos::prelude::use_context::<axum::http::request::Parts>().is_none() {
            tracing::debug!(%error, "request gone before its session was read");
        } else {
            tracing::error!(%error, "session layer missing");
        }
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
    let unavailable = |error: tower_sessions::session::Error| {
        tracing::error!(%error, "session could not be started");
        AppError::Unavailable
    };
    // A browser that came without a session cookie gets a fresh id anyway; cycling would only
    // delete a row that was never stored (one more write in a burst of sign-ups).
    if session.id().is_some() {
        session.cycle_id().await.map_err(unavailable)?;
    }
    session.insert(USER_ID_KEY, user_id).await.map_err(unavailable)
}

/// Ends this browser's session and deletes it from the store.
pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(|_| AppError::Unavailable)
}

/// Keys each budget tracks at most. Idle keys are pruned by the server's periodic task; when a
/// flood of made-up logins or addresses fills the table anyway, attempts are refused until the
/// flood's keys are idle and pruned (conservative: a flood never resets anyone's spent budget).
pub const MAX_TRACKED_KEYS: usize = 100_000;

type Budget<K, C> = RateLimiter<K, DefaultKeyedStateStore<K>, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// Password attempt budgets, per account and per client address. Sign-in, password change and
/// account deletion all spend them: each checks a password. Kept in this process, or, with
/// [`SignInLimits::shared_in`], in the database so that every app server spends the same ones.
#[derive(Clone)]
pub struct SignInLimits<C: Clock = DefaultClock> {
    per_login: Arc<Budget<String, C>>,
    per_address: Arc<Budget<IpAddr, C>>,
    max_tracked_keys: usize,
    shared: Option<SharedBudgets>,
}

impl SignInLimits {
    /// `per_login` attempts per minute for one account, `per_address` for one client address.
    pub fn new(per_login: u32, per_address: u32) -> Self {
        Self::with_clock(per_login, per_address, MAX_TRACKED_KEYS, DefaultClock::default())
    }

    /// The same budgets counted in `db` (table `sign_in_budget`): for several app servers on one
    /// PostgreSQL, where a budget per process would multiply an attacker's attempts by the servers.
    pub fn shared_in(per_login: u32, per_address: u32, db: sea_orm::DatabaseConnection) -> Self {
        Self { shared: Some(SharedBudgets { db, per_login, per_address }), ..Self::new(per_login, per_address) }
    }

    /// Spends one password attempt (see [`SignInLimits::allow`]) wherever the budgets are kept.
    pub async fn spend_attempt(&self, login: &str, address: Option<IpAddr>) -> Result<bool, AppError> {
        match &self.shared {
            Some(shared) => Ok(shared.allow_at(Some(login), address, chrono::Utc::now()).await?),
            None => Ok(self.allow(login, address)),
        }
    }

    /// Spends one attempt of the address budget only (sign-ups) wherever the budgets are kept.
    pub async fn spend_address_attempt(&self, address: Option<IpAddr>) -> Result<bool, AppError> {
        match &self.shared {
            Some(shared) => Ok(shared.allow_at(None, address, chrono::Utc::now()).await?),
            None => Ok(self.allow_address(address)),
        }
    }

    /// The budgets in the database, when they are kept there.
    pub fn shared(&self) -> Option<&SharedBudgets> {
        self.shared.as_ref()
    }
}

/// Password attempt budgets in the database: a one-minute window per key, counted by one upsert,
/// so servers racing on one key never lose a count.
#[derive(Clone)]
pub struct SharedBudgets {
    db: sea_orm::DatabaseConnection,
    per_login: u32,
    per_address: u32,
}

/// How long a shared budget's window lasts.
const BUDGET_WINDOW: chrono::Duration = chrono::Duration::seconds(60);
/// Logins longer than any real one are counted under their first characters (the key is indexed).
const LONGEST_BUDGET_LOGIN: usize = 200;

impl SharedBudgets {
    /// Spends one attempt at `now`: first of the address budget, then, only for an address within
    /// its own, of the account's (as [`SignInLimits::allow`]). `false` when either is spent.
    pub async fn allow_at(
        &self,
        login: Option<&str>,
        address: Option<IpAddr>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, sea_orm::DbErr> {
        if let Some(address) = address
            && !self.spend(&format!("address:{}", address_key(address)), self.per_address, now).await?
        {
            return Ok(false);
        }
        match login {
            Some(login) => {
                let login: String = login.chars().take(LONGEST_BUDGET_LOGIN).collect();
                self.spend(&format!("login:{login}"), self.per_login, now).await
            }
            None => Ok(true),
        }
    }

    /// Deletes windows that ended before `now`; run periodically by one server.
    pub async fn prune(&self, now: chrono::DateTime<chrono::Utc>) -> Result<u64, sea_orm::DbErr> {
        use sea_orm::ConnectionTrait;
        use sea_orm::sea_query::{Expr, ExprTrait, Query};
        let delete = Query::delete()
            .from_table("sign_in_budget")
            .and_where(Expr::col("window_started_at").lte(now - BUDGET_WINDOW))
            .to_owned();
        Ok(self.db.execute(&delete).await?.rows_affected())
    }

    async fn spend(&self, key: &str, limit: u32, now: chrono::DateTime<chrono::Utc>) -> Result<bool, sea_orm::DbErr> {
        use sea_orm::ConnectionTrait;
        use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
        let window_over = Expr::col(("sign_in_budget", "window_started_at")).lte(now - BUDGET_WINDOW);
        let mut upsert = Query::insert();
        upsert
            .into_table("sign_in_budget")
            .columns(["budget_key", "window_started_at", "attempts"])
            .values([key.into(), now.into(), 1.into()])
            .map_err(|error| sea_orm::DbErr::Custom(error.to_string()))?
            .on_conflict(
                OnConflict::column("budget_key")
                    .value(
                        "attempts",
                        Expr::case(window_over.clone(), 1).finally(Expr::col(("sign_in_budget", "attempts")).add(1)),
                    )
                    .value(
                        "window_started_at",
                        Expr::case(window_over, now).finally(Expr::col(("sign_in_budget", "window_started_at"))),
                    )
                    .to_owned(),
            )
            .returning_col("attempts");
        let row = self.db.query_one(&upsert).await?.ok_or_else(|| sea_orm::DbErr::Custom("no budget row".into()))?;
        let attempts: i32 = row.try_get("", "attempts")?;
        Ok(u32::try_from(attempts).is_ok_and(|attempts| attempts <= limit))
    }
}

/// A budget of requests per minute per client address for a public lookup that must not be
/// scraped (card checks): kept in this process, or in the database next to the password budgets
/// when those are shared, under keys of its own `scope`.
#[derive(Clone)]
pub struct AddressBudget {
    scope: &'static str,
    per_address: u32,
    local: Arc<Budget<IpAddr, DefaultClock>>,
    shared: Option<SharedBudgets>,
}

impl AddressBudget {
    pub fn new(scope: &'static str, per_address: u32, shared: Option<SharedBudgets>) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(per_address).unwrap_or(NonZeroU32::MIN));
        let local = Arc::new(RateLimiter::new(quota, DefaultKeyedStateStore::default(), DefaultClock::default()));
        Self { scope, per_address, local, shared }
    }

    /// Spends one request of `address`'s budget; `false` when it is spent. Requests with no known
    /// address (none in practice: the server always has its peer) are not limited.
    pub async fn spend(&self, address: Option<IpAddr>) -> Result<bool, AppError> {
        let Some(address) = address else { return Ok(true) };
        let key = address_key(address);
        match &self.shared {
            Some(shared) => {
                Ok(shared.spend(&format!("{}:{key}", self.scope), self.per_address, chrono::Utc::now()).await?)
            }
            // Bounded like the password budgets: idle addresses are forgotten when the table is full.
            None => {
                if self.local.len() >= MAX_TRACKED_KEYS {
                    self.local.retain_recent();
                }
                Ok(self.local.len() < MAX_TRACKED_KEYS && self.local.check_key(&key).is_ok())
            }
        }
    }
}

impl<C: Clock + Clone> SignInLimits<C> {
    pub fn with_clock(per_login: u32, per_address: u32, max_tracked_keys: usize, clock: C) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        Self {
            per_login: Arc::new(RateLimiter::new(quota(per_login), DefaultKeyedStateStore::default(), clock.clone())),
            per_address: Arc::new(RateLimiter::new(quota(per_address), DefaultKeyedStateStore::default(), clock)),
            max_tracked_keys,
            shared: None,
        }
    }

    /// Spends one attempt: first of the address budget, then, only for an address within its own,
    /// of the account's (so a client that has used up its budget cannot lock anyone out).
    /// `false` when either is exhausted.
    pub fn allow(&self, login: &str, address: Option<IpAddr>) -> bool {
        self.allow_address(address) && self.spend(&self.per_login, &login.to_owned())
    }

    /// Spends one attempt of the address budget only (sign-ups, which have no account yet).
    pub fn allow_address(&self, address: Option<IpAddr>) -> bool {
        address.is_none_or(|address| self.spend(&self.per_address, &address_key(address)))
    }

    /// Forgets keys whose budget is full again; run periodically.
    pub fn prune(&self) {
        self.per_login.retain_recent();
        self.per_login.shrink_to_fit();
        self.per_address.retain_recent();
        self.per_address.shrink_to_fit();
    }

    /// Keys tracked now (both budgets).
    pub fn tracked_keys(&self) -> usize {
        self.per_login.len() + self.per_address.len()
    }

    fn spend<K: Clone + Eq + std::hash::Hash>(&self, budget: &Budget<K, C>, key: &K) -> bool {
        if budget.len() >= self.max_tracked_keys {
            budget.retain_recent();
            if budget.len() >= self.max_tracked_keys {
                tracing::warn!(tracked = budget.len(), "sign-in limiter full: attempt refused");
                return false;
            }
        }
        budget.check_key(key).is_ok()
    }
}

/// The budget an address spends. One IPv6 subscriber holds a whole /64 (2^64 addresses), so IPv6
/// addresses share their /64's budget; otherwise one client could both escape its budget and fill
/// the table.
fn address_key(address: IpAddr) -> IpAddr {
    match address.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & (u128::MAX << 64))),
        v4 => v4,
    }
}

/// Spends one password attempt for `login` from this request's client, or answers 429.
pub async fn spend_password_attempt(login: &str) -> Result<(), AppError> {
    let limits = leptos::prelude::use_context::<SignInLimits>().ok_or(AppError::Unavailable)?;
    if limits.spend_attempt(login, client_address().await).await? {
        Ok(())
    } else {
        metrics::counter!(crate::server::metrics::SIGN_IN_REFUSALS).increment(1);
        crate::server::fail(AppError::TooManyAttempts)
    }
}

/// The client's address: the TCP peer, or behind a trusted reverse proxy (`TRUSTED_PROXIES`) the
/// address that proxy put in `X-Forwarded-For`.
pub async fn client_address() -> Option<IpAddr> {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<SocketAddr>>().await.ok()?.0.ip();
    let proxies = leptos::prelude::use_context::<TrustedProxies>().unwrap_or_default();
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>();
    let forwarded_for = parts
        .as_ref()
        .map(|parts| {
            parts.headers.get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok()).collect::<Vec<_>>()
        })
        .unwrap_or_default();
    Some(proxies.client_address(peer, forwarded_for))
}

#[cfg(test)]
mod tests {
    use super::SignInLimits;
    use governor::clock::FakeRelativeClock;
    use std::net::{IpAddr, Ipv4Addr};
    use std::time::Duration;

    fn address(last: u8) -> Option<IpAddr> {
        Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, last)))
    }

    #[test]
    fn sign_in_attempts_are_limited_per_account_and_per_address() {
        let limits = SignInLimits::new(3, 5);
        let home = address(1);
        for _ in 0..3 {
            assert!(limits.allow("resident@demo.kz", home));
        }
        assert!(!limits.allow("resident@demo.kz", home), "fourth attempt on one account is refused");
        assert!(limits.allow("staff@demo.kz", home), "another account still has its budget");
        assert!(!limits.allow("mentor@demo.kz", home), "but the address has used its five attempts");
        assert!(limits.allow("mentor@demo.kz", address(2)));
    }

    #[test]
    fn an_ipv6_network_is_one_client() {
        let limits = SignInLimits::new(100, 2);
        let in_one_network = |last: u16| Some(IpAddr::V6(std::net::Ipv6Addr::new(0x2001, 0xdb8, 7, 7, 0, 0, 0, last)));
        assert!(limits.allow_address(in_one_network(1)));
        assert!(limits.allow_address(in_one_network(2)));
        assert!(!limits.allow_address(in_one_network(3)), "another address of the same /64 shares its budget");
        assert!(limits.allow_address(Some("2001:db8:7:8::1".parse().unwrap())), "the next /64 is someone else");
    }

    #[test]
    fn a_client_out_of_attempts_cannot_lock_an_admin_out() {
        let limits = SignInLimits::new(5, 2);
        let attacker = address(66);
        assert!(limits.allow("admin@demo.kz", attacker));
        assert!(limits.allow("admin@demo.kz", attacker));
        for _ in 0..50 {
            assert!(!limits.allow("admin@demo.kz", attacker), "the attacker's address is out of attempts");
        }
        // The account's budget (5) lost only the two attempts that were actually checked.
        for (attempt, from) in [address(1), address(1), address(2)].into_iter().enumerate() {
            assert!(limits.allow("admin@demo.kz", from), "the admin's own attempt {attempt} is refused");
        }
        assert!(!limits.allow("admin@demo.kz", address(3)), "and then the account's budget is spent");
    }

    #[test]
    fn idle_keys_are_forgotten_and_the_key_space_is_bounded() {
        let clock = FakeRelativeClock::default();
        let limits = SignInLimits::with_clock(2, 1_000, 100, clock.clone());
        for n in 0..40 {
            assert!(limits.allow(&format!("made-up-{n}@demo.kz"), None));
        }
        assert_eq!(limits.tracked_keys(), 40);
        clock.advance(Duration::from_secs(61));
        limits.prune();
        assert_eq!(limits.tracked_keys(), 0, "a minute later every budget is full again: nothing to remember");

        // A flood fills the table: further attempts are refused, nothing already spent is forgotten.
        for n in 0..100 {
            assert!(limits.allow(&format!("flood-{n}@demo.kz"), None));
        }
        assert!(!limits.allow("one-too-many@demo.kz", None));
        assert!(limits.tracked_keys() <= 100);
        clock.advance(Duration::from_secs(61));
        assert!(limits.allow("one-too-many@demo.kz", None), "once the flood is idle, room is made");
    }
}
