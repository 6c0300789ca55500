//! The dashboard's entry points: the report for the page, and its CSV, a plain download link.
//! Admins see the city or any district; staff and mentors see their centre's district only.
use super::domain::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

/// The district a caller may see: an admin's choice (`None`: the city), or a staff member's or
/// mentor's own centre's district (naming another is `Forbidden`). An unknown district is bad input.
#[cfg(feature = "ssr")]
pub async fn district_for(
    db: &sea_orm::DatabaseConnection,
    user: &crate::accounts::domain::CurrentUser,
    district: Option<&str>,
) -> Result<(Option<crate::server::entities::district::Model>, bool), AppError> {
    use crate::accounts::domain::Role;
    use crate::error::{Field, InputProblem};
    use crate::server::entities::{centre, district as districts};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let named = match district.map(str::trim).filter(|slug| !slug.is_empty()) {
        Some(slug) => Some(
            districts::Entity::find()
                .filter(districts::Column::Slug.eq(slug))
                .one(db)
                .await?
                .ok_or(AppError::invalid(Field::District, InputProblem::Unknown))?,
        ),
        None => None,
    };
    if user.role == Role::Admin {
        return Ok((named, true));
    }
    let Some(centre_id) = user.centre_id.filter(|_| user.role.belongs_to_centre()) else {
        return Err(AppError::Forbidden);
    };
    let centre = centre::Entity::find_by_id(centre_id).one(db).await?.ok_or(AppError::Forbidden)?;
    match named {
        Some(named) if named.id != centre.district_id => Err(AppError::Forbidden),
        _ => {
            let own = districts::Entity::find_by_id(centre.district_id).one(db).await?.ok_or(AppError::Forbidden)?;
            Ok((Some(own), false))
        }
    }
}

/// The report for a district (or, for admins, the city) over a range of months (`YYYY-MM`).
#[server(endpoint = "dashboard/report")]
pub async fn dashboard_report(
    district: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Dashboard, AppError> {
    use crate::accounts::{auth::require_role, domain::Role};
    use crate::server::fail;
    let user = require_role(&[Role::Admin, Role::Staff, Role::Stakeholder]).await?;
    let today = crate::time::almaty_today(chrono::Utc::now());
    let range = super::domain::parse_range(from.as_deref(), to.as_deref(), today).or_else(fail)?;
    let db = crate::server::database()?;
    let (district, can_switch) = district_for(&db, &user, district.as_deref()).await.or_else(fail)?;
    let switch = if can_switch { super::store::districts(&db).await? } else { Vec::new() };
    super::store::report(&db, district.as_ref(), switch, range, today).await.or_else(fail)
}

#[cfg(feature = "ssr")]
#[derive(serde::Deserialize)]
pub struct DownloadQuery {
    district: Option<String>,
    from: Option<String>,
    to: Option<String>,
    lang: Option<String>,
}

/// `GET /dashboard.csv?district=&from=&to=&lang=`: every table of the report in one file, with the
/// same small-count rule. A refusal is a translated line of plain text with its 4xx status.
#[cfg(feature = "ssr")]
pub async fn dashboard_download(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Query(query): axum::extract::Query<DownloadQuery>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    use crate::accounts::domain::Role;
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;

    let locale = crate::ui::locale_from_code(query.lang.as_deref());
    let refuse = |error: AppError| {
        let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
        let text = crate::ui::error_text(locale, &error);
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
    };
    let user = match crate::accounts::auth::user_of_session(&session, &db).await {
        Ok(Some(user)) if matches!(user.role, Role::Admin | Role::Staff | Role::Stakeholder) => user,
        Ok(Some(_)) => return refuse(AppError::Forbidden),
        Ok(None) => return refuse(AppError::Unauthenticated),
        Err(error) => return refuse(error),
    };
    let today = crate::time::almaty_today(chrono::Utc::now());
    let range = match super::domain::parse_range(query.from.as_deref(), query.to.as_deref(), today) {
        Ok(range) => range,
        Err(error) => return refuse(error),
    };
    let district = match district_for(&db, &user, query.district.as_deref()).await {
        Ok((district, _)) => district,
        Err(error) => return refuse(error),
    };
    let report = match super::store::report(&db, district.as_ref(), Vec::new(), range, today).await {
        Ok(report) => report,
        Err(error) => return refuse(error),
    };
    match super::domain::dashboard_csv(&report, locale) {
        Ok(body) => {
            let scope = report.district.as_ref().map_or("almaty", |district| district.slug.as_str());
            let name = format!("dashboard-{scope}-{}-{}.csv", report.range.first.key(), report.range.last.key());
            crate::forms::spreadsheet::csv_download(&name, body)
        }
        Err(_) => refuse(AppError::Unavailable),
    }
}
