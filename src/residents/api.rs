//! Server functions for residents. Each acts only on the caller's own resident record: none takes
//! a resident id, so one resident can never reach another's data.
// `register` takes one argument per field of the plain HTML form, and the client stub the server
// macro generates for it cannot carry an item-level allow.
#![allow(clippy::too_many_arguments)]
use super::domain::{CardCheck, DiscountCard, Profile};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

/// Self-registration of a resident; signs the new resident in and opens their card.
#[server(endpoint = "residents/register")]
pub async fn register(
    full_name: String,
    birth_date: String,
    district: String,
    contact: String,
    occupation: String,
    password: String,
    data_consent: Option<String>,
    guardian_name: Option<String>,
    guardian_consent: Option<String>,
) -> Result<(), AppError> {
    use super::domain::RegistrationForm;
    use crate::accounts::auth::{SignInLimits, client_address, start_session};
    use crate::accounts::password::hash_password;
    use crate::server::fail;

    let limits = use_context::<SignInLimits>().ok_or(AppError::Unavailable)?;
    if !limits.spend_address_attempt(client_address().await).await? {
        metrics::counter!(crate::server::metrics::SIGN_IN_REFUSALS).increment(1);
        return fail(AppError::TooManyAttempts);
    }
    let now = chrono::Utc::now();
    let form = RegistrationForm {
        full_name,
        birth_date,
        district,
        contact,
        occupation,
        password,
        data_consent,
        guardian_name,
        guardian_consent,
    };
    let new_resident = match form.validate(crate::time::almaty_today(now)) {
        Ok(valid) => valid,
        Err(error) => return fail(error),
    };
    let password_hash = hash_password(new_resident.password.clone()).await.ok_or(AppError::Unavailable)?;
    let db = crate::server::database()?;
    let user_id = match super::store::register(&db, new_resident, password_hash, now).await {
        Ok(user_id) => user_id,
        Err(error) => return fail(error),
    };
    start_session(user_id).await?;
    leptos_axum::redirect("/account/card");
    Ok(())
}

/// The caller's own profile (residents only).
#[server(endpoint = "residents/profile")]
pub async fn my_profile() -> Result<Profile, AppError> {
    let user = crate::accounts::auth::require_role(&[crate::accounts::domain::Role::Resident]).await?;
    let db = crate::server::database()?;
    super::store::profile(&db, user.id).await
}

#[server(endpoint = "residents/update_profile")]
pub async fn update_profile(full_name: String, district: String, occupation: String) -> Result<(), AppError> {
    use super::domain::{parse_district, parse_occupation};
    use crate::forms::name::clean_name;
    use crate::server::fail;
    let user = crate::accounts::auth::require_role(&[crate::accounts::domain::Role::Resident]).await?;
    let checked = clean_name(&full_name, Field::FullName)
        .and_then(|name| Ok((name, parse_district(&district)?, parse_occupation(&occupation)?)));
    let (full_name, district, occupation) = match checked {
        Ok(checked) => checked,
        Err(error) => return fail(error),
    };
    let db = crate::server::database()?;
    match super::store::update_profile(&db, user.id, full_name, &district, occupation).await {
        Ok(()) => crate::server::succeed(()),
        Err(error) => fail(error),
    }
}

/// Everything stored about the caller, as a JSON file download (a plain link works without WASM).
#[server(endpoint = "residents/export", input = server_fn::codec::GetUrl)]
pub async fn export_my_data() -> Result<serde_json::Value, AppError> {
    use axum::http::{HeaderValue, header};
    let user = crate::accounts::auth::require_role(&[crate::accounts::domain::Role::Resident]).await?;
    let db = crate::server::database()?;
    let data = super::store::export(&db, user.id).await?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"my-youth-centre-data.json\""),
        );
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(data)
}

/// The caller's discount card with its QR code and the partner benefits.
#[server(endpoint = "residents/card")]
pub async fn my_card() -> Result<DiscountCard, AppError> {
    let user = crate::accounts::auth::require_role(&[crate::accounts::domain::Role::Resident]).await?;
    let db = crate::server::database()?;
    let site_url = use_context::<crate::server::http::PublicUrl>().ok_or(AppError::Unavailable)?;
    super::store::discount_card(&db, user.id, &site_url.0).await
}

/// A new QR code for the caller's card: the old one says "not valid" from now on (a lost phone,
/// a screenshot passed around).
#[server(endpoint = "residents/reissue_card")]
pub async fn reissue_card() -> Result<(), AppError> {
    let user = crate::accounts::auth::require_role(&[crate::accounts::domain::Role::Resident]).await?;
    let db = crate::server::database()?;
    super::store::reissue_card(&db, user.id).await?;
    crate::server::succeed(())
}

/// What a card's QR code link shows: anyone may ask, a limited number of times a minute per
/// address; admins also see the card's number and whether it is blocked.
#[server(endpoint = "cards/check", input = server_fn::codec::GetUrl)]
pub async fn check_card(token: String) -> Result<CardCheck, AppError> {
    use crate::accounts::domain::Role;
    let budget = use_context::<super::store::CardCheckBudget>().ok_or(AppError::Unavailable)?;
    if !budget.0.spend(crate::accounts::auth::client_address().await).await? {
        return crate::server::fail(AppError::TooManyAttempts);
    }
    let for_admin = crate::accounts::auth::current_user().await?.is_some_and(|user| user.role == Role::Admin);
    let db = crate::server::database()?;
    let now = chrono::Utc::now();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use axum::http::{HeaderValue, header};
        // A card's state must be live at every scan, and its link stays out of shared caches.
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    super::store::check_card(&db, &token, crate::time::almaty_today(now), for_admin).await
}

/// Blocks or unblocks the card behind a check link (admins); a token no card has is 404.
#[server(endpoint = "cards/block")]
pub async fn block_card(token: String, action: String) -> Result<(), AppError> {
    use super::domain::CardBlockAction;
    use crate::accounts::domain::Role;
    crate::accounts::auth::require_role(&[Role::Admin]).await?;
    let action = match CardBlockAction::parse(&action) {
        Ok(action) => action,
        Err(error) => return crate::server::fail(error),
    };
    let db = crate::server::database()?;
    match super::store::block_card(&db, &token, action, chrono::Utc::now()).await {
        Ok(()) => Ok(()),
        Err(error) => crate::server::fail(error),
    }
}

/// Deletes the caller's account after they confirm with their password; their enrolments are
/// released to the waitlists and every session of the account ends.
#[server(endpoint = "residents/delete_account")]
pub async fn delete_account(confirm_password: String) -> Result<(), AppError> {
    use crate::accounts::domain::{MAX_PASSWORD_LEN, Role};
    use crate::accounts::password::verify_password;
    use crate::error::InputProblem;
    use crate::server::{entities::app_user, fail};
    use sea_orm::EntityTrait;

    let user = crate::accounts::auth::require_role(&[Role::Resident]).await?;
    if confirm_password.is_empty() || confirm_password.len() > MAX_PASSWORD_LEN {
        return fail(AppError::invalid(Field::ConfirmPassword, InputProblem::Malformed));
    }
    let db = crate::server::database()?;
    let account = app_user::Entity::find_by_id(user.id).one(&db).await?.ok_or(AppError::Unauthenticated)?;
    // Each guess at the password spends sign-in's budgets, per account and per address.
    crate::accounts::auth::spend_password_attempt(&account.login).await?;
    if !verify_password(confirm_password, Some(account.password_hash)).await {
        return fail(AppError::invalid(Field::ConfirmPassword, InputProblem::Malformed));
    }
    super::store::delete_account(&db, user.id, chrono::Utc::now()).await?;
    crate::accounts::auth::end_session().await?;
    leptos_axum::redirect("/");
    Ok(())
}
