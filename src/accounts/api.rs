//! Server functions for signing in and out.
use super::domain::CurrentUser;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

/// The signed-in user, or `None` for visitors.
#[server(endpoint = "accounts/me")]
pub async fn who_am_i() -> Result<Option<CurrentUser>, AppError> {
    super::auth::current_user().await
}

/// Signs in with an e-mail or phone number and a password, then goes to `next` when it is a page of
/// this site (else home). The answer never says whether the account exists; attempts are
/// rate-limited per account and per address.
#[server(endpoint = "accounts/sign_in")]
pub async fn sign_in(login: String, password: String, next: Option<String>) -> Result<CurrentUser, AppError> {
    use super::auth::{current_user, spend_password_attempt, start_session};
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
        return fail(AppError::invalid(Field::Password, InputProblem::Missing));
    }
    if password.len() > MAX_PASSWORD_LEN {
        return fail(AppError::invalid(Field::Password, InputProblem::TooLong));
    }
    spend_password_attempt(&login).await?;
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
    leptos_axum::redirect(crate::server::http::safe_local_path(next.as_deref().unwrap_or("/")));
    Ok(user)
}

#[server(endpoint = "accounts/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    super::auth::end_session().await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Changes the signed-in user's password and ends all their other sessions (a stolen session
/// dies with the old password); this browser stays signed in under a fresh session id.
#[server(endpoint = "accounts/change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use super::auth::{require_user, spend_password_attempt, start_session};
    use super::domain::{MAX_PASSWORD_LEN, check_new_password};
    use super::password::{hash_password, verify_password};
    use crate::error::InputProblem;
    use crate::server::{entities::app_user, fail, sessions::DbSessionStore};
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

    let user = require_user().await?;
    if current_password.is_empty() || current_password.len() > MAX_PASSWORD_LEN {
        return fail(AppError::invalid(Field::CurrentPassword, InputProblem::Malformed));
    }
    let db = crate::server::database()?;
    let Some(account) = app_user::Entity::find_by_id(user.id).one(&db).await? else {
        return fail(AppError::Unauthenticated);
    };
    if let Err(error) = check_new_password(&new_password, &account.login) {
        return fail(error);
    }
    // Each guess at the current password (a stolen session guessing online) spends sign-in's budgets.
    spend_password_attempt(&account.login).await?;
    if !verify_password(current_password, Some(account.password_hash.clone())).await {
        return fail(AppError::invalid(Field::CurrentPassword, InputProblem::Malformed));
    }
    let new_hash = hash_password(new_password).await.ok_or(AppError::Unavailable)?;
    let mut active = account.into_active_model();
    active.password_hash = Set(new_hash);
    active.update(&db).await?;
    DbSessionStore::new(db).end_all_for_user(user.id).await.map_err(|_| AppError::Unavailable)?;
    start_session(user.id).await.and_then(crate::server::succeed)
}
