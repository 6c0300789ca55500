//! Database work for residents: registration, the profile, the data export and the discount card.

/// Random bytes in a card token (`CARD_TOKEN_LENGTH` characters of base64).
const CARD_TOKEN_BYTES: usize = 18;
use super::domain::{
    Benefit, CardAdminFacts, CardBlockAction, CardCheck, DiscountCard, NewResident, Profile, VerifiedCard,
    card_check_path, card_is_valid, card_number, card_valid_through, holder_short_name, is_card_token_shaped,
};
use crate::accounts::domain::Role;
use crate::error::{AppError, Field, InputProblem};
use crate::forms::age::{AgeBand, age_on};
use crate::forms::search::fold_for_search;
use crate::localized::Localized;
use crate::server::entities::{
    app_user, booking, centre, course, district, enrolment, partner_benefit, questionnaire_result, resident, visit,
};
use crate::server::secrets::url_token;
use crate::server::transactions::{Failure, write_transaction};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};

async fn district_id<C: ConnectionTrait>(db: &C, slug: &str) -> Result<i32, Failure> {
    match district::Entity::find().filter(district::Column::Slug.eq(slug)).one(db).await? {
        Some(district) => Ok(district.id),
        None => Err(AppError::invalid(Field::District, InputProblem::Unknown).into()),
    }
}

/// Creates the account and the resident in one write transaction; returns the new user id.
/// The unique index on `app_user.login` settles two simultaneous sign-ups with one contact: the
/// second is told at once that the contact is taken.
pub async fn register(
    db: &DatabaseConnection,
    new: NewResident,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    write_transaction(db, move |txn| {
        let (new, password_hash) = (new.clone(), password_hash.clone());
        Box::pin(insert_resident(txn, new, password_hash, now))
    })
    .await
}

async fn insert_resident(
    txn: &DatabaseTransaction,
    new: NewResident,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<i32, Failure> {
    let district_id = district_id(txn, &new.district_slug).await?;
    let taken = app_user::Entity::find().filter(app_user::Column::Login.eq(&new.login)).one(txn).await?;
    if taken.is_some() {
        return Err(AppError::invalid(Field::Contact, InputProblem::Taken).into());
    }
    let is_email = new.contact_is_email();
    let user = app_user::ActiveModel {
        login: Set(new.login.clone()),
        display_name: Set(new.full_name.clone()),
        password_hash: Set(password_hash),
        role: Set(Role::Resident),
        centre_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(Failure::taken_as(Field::Contact))?;
    let guardian_consent_at = new.guardian_name.as_ref().map(|_| now);
    resident::ActiveModel {
        user_id: Set(user.id),
        search_name: Set(fold_for_search(&new.full_name)),
        full_name: Set(new.full_name),
        birth_date: Set(new.birth_date),
        district_id: Set(district_id),
        phone: Set((!is_email).then(|| new.login.clone())),
        email: Set(is_email.then_some(new.login)),
        occupation: Set(new.occupation),
        data_consent_at: Set(now),
        guardian_name: Set(new.guardian_name),
        guardian_consent_at: Set(guardian_consent_at),
        card_number: Set(card_number(user.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(Failure::taken_as(Field::Contact))?;
    Ok(user.id)
}

async fn resident_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<resident::Model, AppError> {
    resident::Entity::of_account(db, user_id).await
}

pub async fn profile(db: &DatabaseConnection, user_id: i32) -> Result<Profile, AppError> {
    let resident = resident_of(db, user_id).await?;
    let district = district::Entity::find_by_id(resident.district_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(Profile {
        contact: resident.email.or(resident.phone).unwrap_or_default(),
        full_name: resident.full_name,
        birth_date: resident.birth_date,
        district_slug: district.slug,
        occupation: resident.occupation,
        card_number: resident.card_number,
        guardian_name: resident.guardian_name,
        registered_at: resident.created_at,
    })
}

/// Saves the editable part of the profile; the account's display name follows the full name.
pub async fn update_profile(
    db: &DatabaseConnection,
    user_id: i32,
    full_name: String,
    district_slug: &str,
    occupation: super::domain::Occupation,
) -> Result<(), AppError> {
    let district_slug = district_slug.to_owned();
    write_transaction(db, move |txn| {
        let (full_name, district_slug) = (full_name.clone(), district_slug.clone());
        Box::pin(async move {
            let district_id = district_id(txn, &district_slug).await?;
            let resident = resident_of(txn, user_id).await?;
            let mut active = resident.into_active_model();
            active.search_name = Set(fold_for_search(&full_name));
            active.full_name = Set(full_name.clone());
            active.district_id = Set(district_id);
            active.occupation = Set(occupation);
            active.update(txn).await?;
            let account = app_user::Entity::find_by_id(user_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let mut account = account.into_active_model();
            account.display_name = Set(full_name);
            account.update(txn).await?;
            Ok(())
        })
    })
    .await
}

/// Everything stored about the resident, for the "download my data" right (JSON).
pub async fn export(db: &DatabaseConnection, user_id: i32) -> Result<serde_json::Value, AppError> {
    let account = app_user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    let resident = resident_of(db, user_id).await?;
    let district = district::Entity::find_by_id(resident.district_id).one(db).await?.ok_or(AppError::NotFound)?;
    let enrolments = enrolment::Entity::find()
        .filter(enrolment::Column::ResidentId.eq(resident.id))
        .order_by_asc(enrolment::Column::RequestedAt)
        .all(db)
        .await?;
    let course_ids: Vec<i32> = enrolments.iter().map(|enrolment| enrolment.course_id).collect();
    let course_slugs: std::collections::HashMap<i32, String> = course::Entity::find()
        .filter(course::Column::Id.is_in(course_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.slug))
        .collect();
    let results = questionnaire_result::Entity::find()
        .filter(questionnaire_result::Column::ResidentId.eq(resident.id))
        .order_by_asc(questionnaire_result::Column::CreatedAt)
        .all(db)
        .await?;
    let visits = visit::Entity::find()
        .filter(visit::Column::ResidentId.eq(resident.id))
        .order_by_asc(visit::Column::CheckedInAt)
        .all(db)
        .await?;
    let centre_slugs: std::collections::HashMap<i32, String> =
        centre::Entity::find().all(db).await?.into_iter().map(|centre| (centre.id, centre.slug)).collect();
    Ok(serde_json::json!({
        "exported_at": Utc::now(),
        "account": {
            "login": account.login,
            "role": account.role,
            "created_at": account.created_at,
        },
        "resident": {
            "full_name": resident.full_name,
            "birth_date": resident.birth_date,
            "district": { "slug": district.slug, "name_kk": district.name_kk, "name_ru": district.name_ru, "name_en": district.name_en },
            "phone": resident.phone,
            "email": resident.email,
            "occupation": resident.occupation,
            "data_consent_at": resident.data_consent_at,
            "guardian_name": resident.guardian_name,
            "guardian_consent_at": resident.guardian_consent_at,
            "card_number": resident.card_number,
            "registered_at": resident.created_at,
        },
        "enrolments": enrolments.into_iter().map(|enrolment| serde_json::json!({
            "course": course_slugs.get(&enrolment.course_id),
            "status": enrolment.status,
            "queue_position": enrolment.position,
            "requested_at": enrolment.requested_at,
            "attended": enrolment.attended,
        })).collect::<Vec<_>>(),
        "questionnaire_results": results.into_iter().map(|result| serde_json::json!({
            "holland_code": result.holland_code,
            "scores": { "R": result.score_r, "I": result.score_i, "A": result.score_a, "S": result.score_s, "E": result.score_e, "C": result.score_c },
            "taken_at": result.created_at,
        })).collect::<Vec<_>>(),
        "visits": visits.into_iter().map(|visit| serde_json::json!({
            "centre": centre_slugs.get(&visit.centre_id),
            "purpose": visit.purpose,
            "course": visit.course_id.and_then(|id| course_slugs.get(&id)),
            "checked_in_at": visit.checked_in_at,
        })).collect::<Vec<_>>(),
    }))
}

/// Deletes the resident's account and everything personal with it, in one transaction: their seats
/// go to the next people on the waitlists first, their room bookings are deleted, then the account
/// row goes (the resident, their enrolments, desk visits, questionnaire results and sessions follow it by
/// foreign-key cascade).
pub async fn delete_account(db: &DatabaseConnection, user_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    use crate::enrolment::store::release_all_for_resident;
    write_transaction(db, move |txn| {
        Box::pin(async move {
            let resident = resident_of(txn, user_id).await?;
            release_all_for_resident(txn, resident.id, now).await?;
            // Their room bookings and studio requests go too: the slots free up, nothing names them.
            booking::Entity::delete_many().filter(booking::Column::BookedBy.eq(user_id)).exec(txn).await?;
            app_user::Entity::delete_by_id(user_id).exec(txn).await?;
            Ok(())
        })
    })
    .await
}

/// Card check pages each client address may open per minute (see `AddressBudget`).
#[derive(Clone)]
pub struct CardCheckBudget(pub crate::accounts::auth::AddressBudget);

/// Every partner benefit, grouped by category.
async fn partner_benefits<C: ConnectionTrait>(db: &C) -> Result<Vec<Benefit>, AppError> {
    Ok(partner_benefit::Entity::find()
        .order_by_asc(partner_benefit::Column::Category)
        .order_by_asc(partner_benefit::Column::Partner)
        .all(db)
        .await?
        .into_iter()
        .map(|benefit| Benefit {
            partner: benefit.partner,
            category: benefit.category,
            title: Localized::new(benefit.title_kk, benefit.title_ru, benefit.title_en),
        })
        .collect())
}

/// The resident's card token, made on first use. Two first views at once keep one token: only a
/// row without one is written, and both read back what was kept.
async fn card_token(db: &DatabaseConnection, resident: &resident::Model) -> Result<String, AppError> {
    if let Some(token) = &resident.card_token {
        return Ok(token.clone());
    }
    resident::Entity::update_many()
        .col_expr(resident::Column::CardToken, Expr::value(url_token::<CARD_TOKEN_BYTES>()))
        .filter(resident::Column::Id.eq(resident.id))
        .filter(resident::Column::CardToken.is_null())
        .exec(db)
        .await?;
    let kept = resident::Entity::find_by_id(resident.id).one(db).await?.and_then(|row| row.card_token);
    kept.ok_or(AppError::NotFound)
}

/// The resident's card: number, holder, the QR code of its check link, and every partner benefit.
pub async fn discount_card(db: &DatabaseConnection, user_id: i32, site_url: &str) -> Result<DiscountCard, AppError> {
    let resident = resident_of(db, user_id).await?;
    let token = card_token(db, &resident).await?;
    let check_url = format!("{site_url}{}", card_check_path(&token));
    let qr_svg = qr_svg(&check_url).ok_or(AppError::Unavailable)?;
    Ok(DiscountCard {
        holder: resident.full_name,
        card_number: resident.card_number,
        check_url,
        valid_through: card_valid_through(resident.birth_date),
        qr_svg,
        benefits: partner_benefits(db).await?,
    })
}

/// A new card token for the resident: the old QR code says "not valid" from now on.
pub async fn reissue_card(db: &DatabaseConnection, user_id: i32) -> Result<(), AppError> {
    let resident = resident_of(db, user_id).await?;
    let mut active = resident.into_active_model();
    active.card_token = Set(Some(url_token::<CARD_TOKEN_BYTES>()));
    active.update(db).await?;
    Ok(())
}

/// What the link with `token` shows on `today`; admins also get the card's number and state.
pub async fn check_card(
    db: &DatabaseConnection,
    token: &str,
    today: NaiveDate,
    for_admin: bool,
) -> Result<CardCheck, AppError> {
    let not_valid = CardCheck { valid: None, admin: None };
    if !is_card_token_shaped(token) {
        return Ok(not_valid);
    }
    let Some(resident) = resident::Entity::find().filter(resident::Column::CardToken.eq(token)).one(db).await? else {
        return Ok(not_valid);
    };
    let blocked = resident.card_blocked_at.is_some();
    let admin = for_admin.then(|| CardAdminFacts {
        card_number: resident.card_number.clone(),
        holder: resident.full_name.clone(),
        blocked,
    });
    let valid =
        match (card_is_valid(resident.birth_date, blocked, today), AgeBand::of_age(age_on(resident.birth_date, today)))
        {
            (true, Some(age_band)) => Some(VerifiedCard {
                holder: holder_short_name(&resident.full_name),
                age_band,
                valid_through: card_valid_through(resident.birth_date),
                benefits: partner_benefits(db).await?,
            }),
            _ => None,
        };
    Ok(CardCheck { valid, admin })
}

/// Blocks or unblocks the card behind `token`; `NotFound` when no card has it.
pub async fn block_card(
    db: &DatabaseConnection,
    token: &str,
    action: CardBlockAction,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !is_card_token_shaped(token) {
        return Err(AppError::NotFound);
    }
    let blocked_at = match action {
        CardBlockAction::Block => Some(now),
        CardBlockAction::Unblock => None,
    };
    let changed = resident::Entity::update_many()
        .col_expr(resident::Column::CardBlockedAt, Expr::value(blocked_at))
        .filter(resident::Column::CardToken.eq(token))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// `text` as a QR code, drawn as SVG so it prints sharply at any size.
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcode::{EcLevel, QrCode, render::svg};
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The renderer starts with an XML declaration, which is not allowed inside HTML.
    Some(image.find("<svg").map(|start| image[start..].to_owned()).unwrap_or(image))
}

#[cfg(test)]
mod tests {
    #[test]
    fn new_card_tokens_have_the_shape_a_check_accepts() {
        use super::{CARD_TOKEN_BYTES, is_card_token_shaped, url_token};
        assert!(is_card_token_shaped(&url_token::<CARD_TOKEN_BYTES>()));
    }

    #[test]
    fn the_card_qr_code_is_an_inline_svg() {
        let svg = super::qr_svg("AYC-00000042").expect("fits in a QR code");
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
