//! Server functions for centres: public reads, so no sign-in is required.
use super::domain::{CentreDetail, CentreSummary, DistrictOption, RoomListing};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

#[server(endpoint = "centres/districts")]
pub async fn list_districts() -> Result<Vec<DistrictOption>, AppError> {
    let db = crate::server::database()?;
    Ok(super::store::districts(&db).await?)
}

/// Centres, optionally of one district (by its slug).
#[server(endpoint = "centres/list")]
pub async fn list_centres(district: Option<String>) -> Result<Vec<CentreSummary>, AppError> {
    use crate::error::InputProblem;
    use crate::server::fail;
    let district = match crate::forms::slug::parse_slug(Field::District, district.as_deref()) {
        Ok(district) => district,
        Err(error) => return fail(error),
    };
    let db = crate::server::database()?;
    match super::store::centres(&db, district.as_deref()).await? {
        Some(centres) => Ok(centres),
        None => fail(AppError::invalid(Field::District, InputProblem::Unknown)),
    }
}

#[server(endpoint = "centres/get")]
pub async fn get_centre(slug: String) -> Result<CentreDetail, AppError> {
    use crate::server::fail;
    let slug = match crate::forms::slug::parse_slug(Field::Slug, Some(&slug)) {
        Ok(Some(slug)) => slug,
        Ok(None) | Err(_) => return fail(AppError::NotFound),
    };
    let db = crate::server::database()?;
    match super::store::centre_detail(&db, &slug).await? {
        Some(detail) => Ok(detail),
        None => fail(AppError::NotFound),
    }
}

/// The city-wide room directory: rooms of operating centres, filtered by kind and district.
#[server(endpoint = "rooms/list")]
pub async fn list_rooms(kind: Option<String>, district: Option<String>) -> Result<Vec<RoomListing>, AppError> {
    use super::domain::parse_room_kind;
    use crate::error::InputProblem;
    use crate::forms::slug::parse_slug;
    use crate::server::fail;
    let (kind, district) = match (parse_room_kind(kind.as_deref()), parse_slug(Field::District, district.as_deref())) {
        (Ok(kind), Ok(district)) => (kind, district),
        (Err(error), _) | (_, Err(error)) => return fail(error),
    };
    let db = crate::server::database()?;
    match super::store::rooms(&db, kind, district.as_deref()).await? {
        Some(rooms) => Ok(rooms),
        None => fail(AppError::invalid(Field::District, InputProblem::Unknown)),
    }
}
