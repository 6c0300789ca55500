//! Server functions for signing in and out.
use super::domain::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user, or `None` for visitors.
#[server(endpoint = "accounts/me")]
pub async fn who_am_i() -> Result<Option<CurrentUser>, AppError> {
    super::auth::current_user().await
}

/// Signs in with an e-mail or phone number and a password. The answer never says whether the
/// account exists; attempts are rate-limited per account and per address.
#[server(endpoint = "accounts/sign_in")]
pub async fn sign_in(login: String, password: String) -> Result<CurrentUser, AppError> {
    use super::auth::{SignInLimits, client_address, current_user, start_session};
    use super::domain::{MAX_PASSWORD_LEN, normalise_login};
    use super::password::verify_password;
    use crate::error::InputProblem;
    use crate::server::{entities::app_user, fail};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let login = match normalise_login(&login) {
        Ok(login) => login,
        Err(error) => return fail(error),
    };
    if password.is_empty() {
        return fail(AppError::invalid("password", InputProblem::Missing));
    }
    if password.len() > MAX_PASSWORD_LEN {
        return fail(AppError::invalid("password", InputProblem::TooLong));
    }
    let limits = use_context::<SignInLimits>().ok_or(AppError::Unavailable)?;
    if !limits.allow(&login, client_address().await) {
        return fail(AppError::TooManyAttempts);
    }
    let db = crate::server::database()?;
    let account = app_user::Entity::find().filter(app_user::Column::Login.eq(login)).one(&db).await?;
    let stored_hash = account.as_ref().map(|user| user.password_hash.clone());
    if !verify_password(password, stored_hash).await {
        return fail(AppError::SignInFailed);
    }
    let Some(account) = account else {
        return fail(AppError::SignInFailed);
    };
    start_session(account.id).await?;
    let user = current_user().await?.ok_or(AppError::Unavailable)?;
    leptos_axum::redirect("/");
    Ok(user)
}

#[server(endpoint = "accounts/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    super::auth::end_session().await?;
    leptos_axum::redirect("/");
    Ok(())
}
