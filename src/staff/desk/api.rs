//! The desk's server functions. Staff work at their own centre's desk; admins at any open
//! centre's (`centre` names it); everyone else is refused. Nothing is written for bad input.
use super::domain::{CheckedIn, Desk, DeskFound};
use crate::error::AppError;
use leptos::prelude::*;

/// The desk's centre for this caller: a staff member's own (naming another is `Forbidden`), the one
/// an admin names (`None` until they pick one). Visitors get 401, other roles 403.
#[cfg(feature = "ssr")]
async fn desk_centre_for_caller(
    db: &sea_orm::DatabaseConnection,
    centre: Option<&str>,
) -> Result<(crate::accounts::domain::CurrentUser, Option<crate::server::entities::centre::Model>), AppError> {
    use crate::accounts::{auth::require_role, domain::Role};
    use crate::error::{Field, InputProblem};
    use crate::server::entities::centre;
    use sea_orm::EntityTrait;

    let user = require_role(&[Role::Staff, Role::Admin]).await?;
    let named = match centre.map(str::trim).filter(|slug| !slug.is_empty()) {
        Some(slug) => match centre::Entity::by_slug(db, slug).await {
            Ok(centre) => Some(centre),
            Err(AppError::NotFound) => return Err(AppError::invalid(Field::Centre, InputProblem::Unknown)),
            Err(error) => return Err(error),
        },
        None => None,
    };
    match (user.role, user.centre_id, named) {
        (Role::Admin, _, named) => Ok((user, named)),
        (_, Some(own), Some(named)) if named.id != own => Err(AppError::Forbidden),
        (_, Some(_), Some(named)) => Ok((user, Some(named))),
        (_, Some(own), None) => {
            let own = centre::Entity::find_by_id(own).one(db).await?.ok_or(AppError::Forbidden)?;
            Ok((user, Some(own)))
        }
        (_, None, _) => Err(AppError::Forbidden),
    }
}

/// The desk's centre, or `InvalidInput(centre, Missing)` when an admin has not named one.
#[cfg(feature = "ssr")]
async fn required_desk_centre(
    db: &sea_orm::DatabaseConnection,
    centre: Option<&str>,
) -> Result<(crate::accounts::domain::CurrentUser, crate::server::entities::centre::Model), AppError> {
    use crate::error::{Field, InputProblem};
    match desk_centre_for_caller(db, centre).await? {
        (user, Some(centre)) => Ok((user, centre)),
        (_, None) => Err(AppError::invalid(Field::Centre, InputProblem::Missing)),
    }
}

/// The desk's centre and its last ten check-ins (and, for admins, the centres to choose from).
#[server(endpoint = "desk/view")]
pub async fn desk_view(centre: Option<String>) -> Result<Desk, AppError> {
    use crate::accounts::domain::Role;
    let db = crate::server::database()?;
    let (user, centre) = desk_centre_for_caller(&db, centre.as_deref()).await.or_else(crate::server::fail)?;
    let centres = if user.role == Role::Admin { super::store::open_centres(&db).await? } else { Vec::new() };
    let recent = match &centre {
        Some(centre) => super::store::recent_check_ins(&db, centre.id).await?,
        None => Vec::new(),
    };
    Ok(Desk { centre: centre.as_ref().map(super::store::desk_centre), centres, recent })
}

/// Finds a resident by a scanned or pasted card link, a card number, a name or a phone.
#[server(endpoint = "desk/find")]
pub async fn desk_find(centre: Option<String>, card: String) -> Result<DeskFound, AppError> {
    // The input first: a 10 kB paste is refused before anything is looked up.
    let input = super::domain::parse_desk_input(&card).or_else(crate::server::fail)?;
    let db = crate::server::database()?;
    let (_, centre) = required_desk_centre(&db, centre.as_deref()).await.or_else(crate::server::fail)?;
    super::store::find(&db, &centre, input, chrono::Utc::now()).await.or_else(crate::server::fail)
}

/// Marks the resident present at today's session (the roster's "attended"); idempotent.
#[server(endpoint = "desk/attend")]
pub async fn desk_attend(centre: Option<String>, resident: i32, session: i32) -> Result<CheckedIn, AppError> {
    let db = crate::server::database()?;
    let (user, centre) = required_desk_centre(&db, centre.as_deref()).await.or_else(crate::server::fail)?;
    super::store::attend(&db, centre.id, resident, session, user.id, chrono::Utc::now())
        .await
        .or_else(crate::server::fail)
}

/// Records a drop-in visit with its purpose; once per purpose and day.
#[server(endpoint = "desk/drop_in")]
pub async fn desk_drop_in(centre: Option<String>, resident: i32, purpose: String) -> Result<CheckedIn, AppError> {
    let purpose = super::domain::parse_drop_in_purpose(&purpose).or_else(crate::server::fail)?;
    let db = crate::server::database()?;
    let (user, centre) = required_desk_centre(&db, centre.as_deref()).await.or_else(crate::server::fail)?;
    super::store::drop_in(&db, centre.id, resident, purpose, user.id, chrono::Utc::now())
        .await
        .or_else(crate::server::fail)
}
