//! Server functions of the admin page: list accounts, create colleagues' accounts, change roles.
//! Every one starts by requiring the admin role.
use super::domain::AccountPage;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

#[server(endpoint = "admin/accounts")]
pub async fn list_accounts(search: Option<String>, page: Option<String>) -> Result<AccountPage, AppError> {
    use crate::error::InputProblem;
    use crate::server::fail;
    super::auth::require_role(&[super::domain::Role::Admin]).await?;
    if search.as_deref().is_some_and(|search| search.len() > 100) {
        return fail(AppError::invalid(Field::Search, InputProblem::TooLong));
    }
    let page = match crate::forms::page::parse_page(page.as_deref()) {
        Ok(page) => page,
        Err(error) => return fail(error),
    };
    let db = crate::server::database()?;
    super::store::list_accounts(&db, search.as_deref(), u64::from(page)).await
}

/// Creates a staff, stakeholder or admin account with a first password the colleague changes.
#[server(endpoint = "admin/create_account")]
pub async fn create_account(
    login: String,
    display_name: String,
    role: String,
    centre: Option<String>,
    password: String,
) -> Result<(), AppError> {
    use crate::server::fail;
    super::auth::require_role(&[super::domain::Role::Admin]).await?;
    let account = match super::domain::validate_new_account(&login, &display_name, &role, centre.as_deref(), &password)
    {
        Ok(account) => account,
        Err(error) => return fail(error),
    };
    let password_hash = super::password::hash_password(account.password.clone()).await.ok_or(AppError::Unavailable)?;
    let db = crate::server::database()?;
    match super::store::create_account(&db, account, password_hash, chrono::Utc::now()).await {
        Ok(_) => crate::server::succeed(()),
        Err(error) => fail(error),
    }
}

#[server(endpoint = "admin/change_role")]
pub async fn change_role(user_id: i32, role: String, centre: Option<String>) -> Result<(), AppError> {
    use super::domain::{centre_for_role, check_role_change, parse_role};
    use crate::server::fail;
    let admin = super::auth::require_role(&[super::domain::Role::Admin]).await?;
    let checked = check_role_change(admin.id, user_id)
        .and_then(|()| parse_role(&role))
        .and_then(|role| Ok((role, centre_for_role(role, centre.as_deref())?)));
    let (role, centre) = match checked {
        Ok(checked) => checked,
        Err(error) => return fail(error),
    };
    let db = crate::server::database()?;
    match super::store::change_role(&db, user_id, role, centre.as_deref()).await {
        Ok(()) => Ok(()),
        Err(error) => fail(error),
    }
}
