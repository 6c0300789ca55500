//! Database work for the admin's account management.
use super::domain::{ACCOUNTS_PER_PAGE, AccountPage, AccountRow, NewAccount, Role};
use crate::error::{AppError, Field, InputProblem};
use crate::server::entities::{app_user, centre, resident};
use crate::server::transactions::{Failure, write_transaction};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::{HashMap, HashSet};

/// The centre a staff page is about: the one asked for (admins), else the staff member's own;
/// admins without a choice get the first centre by name. Forbidden / not found otherwise.
pub async fn centre_managed_by(
    db: &DatabaseConnection,
    user: &super::domain::CurrentUser,
    requested: Option<&str>,
) -> Result<centre::Model, AppError> {
    let requested = crate::forms::slug::parse_slug(Field::Centre, requested)?;
    let centre = match (requested, user.role, user.centre_id) {
        (Some(slug), ..) => Some(centre::Entity::by_slug(db, &slug).await?),
        (None, Role::Staff, Some(own)) => centre::Entity::find_by_id(own).one(db).await?,
        (None, Role::Admin, _) => centre::Entity::find().order_by_asc(centre::Column::NameEn).one(db).await?,
        _ => return Err(AppError::Forbidden),
    };
    let centre = centre.ok_or(AppError::NotFound)?;
    if !user.manages_centre(centre.id) {
        return Err(AppError::Forbidden);
    }
    Ok(centre)
}

async fn centre_id<C: ConnectionTrait>(db: &C, slug: Option<&str>) -> Result<Option<i32>, Failure> {
    let Some(slug) = slug else { return Ok(None) };
    match centre::Entity::find().filter(centre::Column::Slug.eq(slug)).one(db).await? {
        Some(centre) => Ok(Some(centre.id)),
        None => Err(AppError::invalid(Field::Centre, InputProblem::Unknown).into()),
    }
}

/// Accounts whose login or name contains `search` (case-insensitive for the login), newest first.
pub async fn list_accounts(db: &DatabaseConnection, search: Option<&str>, page: u64) -> Result<AccountPage, AppError> {
    let mut query = app_user::Entity::find().order_by_desc(app_user::Column::Id);
    if let Some(search) = search.map(str::trim).filter(|search| !search.is_empty()) {
        let pattern = format!("%{}%", search.replace(['%', '_'], ""));
        query = query.filter(
            Condition::any()
                .add(app_user::Column::Login.like(pattern.to_lowercase()))
                .add(app_user::Column::DisplayName.like(pattern)),
        );
    }
    let paginator = query.paginate(db, ACCOUNTS_PER_PAGE);
    let total = paginator.num_items().await?;
    let pages = total.div_ceil(ACCOUNTS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let users = paginator.fetch_page(page - 1).await?;
    let centre_slugs: HashMap<i32, String> =
        centre::Entity::find().all(db).await?.into_iter().map(|centre| (centre.id, centre.slug)).collect();
    let user_ids: Vec<i32> = users.iter().map(|user| user.id).collect();
    let residents: HashSet<i32> = resident::Entity::find()
        .filter(resident::Column::UserId.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|resident| resident.user_id)
        .collect();
    let accounts = users
        .into_iter()
        .map(|user| AccountRow {
            is_resident: residents.contains(&user.id),
            centre_slug: user.centre_id.and_then(|id| centre_slugs.get(&id).cloned()),
            id: user.id,
            login: user.login,
            display_name: user.display_name,
            role: user.role,
        })
        .collect();
    Ok(AccountPage { accounts, total, page, pages })
}

pub async fn create_account(
    db: &DatabaseConnection,
    account: NewAccount,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let centre_id = centre_id(db, account.centre_slug.as_deref()).await?;
    let user = app_user::ActiveModel {
        login: Set(account.login),
        display_name: Set(account.display_name),
        password_hash: Set(password_hash),
        role: Set(account.role),
        centre_id: Set(centre_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(Failure::taken_as(Field::Login))?;
    Ok(user.id)
}

/// Gives an account a new role (and centre). Every server reloads the user on each request, so the
/// change applies to the user's very next request everywhere.
pub async fn change_role(
    db: &DatabaseConnection,
    user_id: i32,
    role: Role,
    centre_slug: Option<&str>,
) -> Result<(), AppError> {
    let centre_slug = centre_slug.map(str::to_owned);
    write_transaction(db, move |txn| {
        let centre_slug = centre_slug.clone();
        Box::pin(async move {
            let Some(user) = app_user::Entity::find_by_id(user_id).one(txn).await? else {
                return Err(AppError::NotFound.into());
            };
            if role == Role::Resident {
                // Only someone who registered as a resident (with consent and a card) can be one again.
                let registered = resident::Entity::find().filter(resident::Column::UserId.eq(user_id)).one(txn).await?;
                if registered.is_none() {
                    return Err(AppError::invalid(Field::Role, InputProblem::NotAllowed).into());
                }
            }
            let centre_id = centre_id(txn, centre_slug.as_deref()).await?;
            let mut active = user.into_active_model();
            active.role = Set(role);
            active.centre_id = Set(centre_id);
            active.update(txn).await?;
            Ok(())
        })
    })
    .await
}
