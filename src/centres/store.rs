//! Database queries for centres; the server functions and the tests both go through here.
use super::domain::{
    CentreDetail, CentreStatus, CentreSummary, DistrictOption, RoomInfo, RoomKind, RoomListing, sort_for_display,
    split_equipment,
};
use crate::localized::Localized;
use crate::server::entities::{centre, district, room};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn districts<C: ConnectionTrait>(db: &C) -> Result<Vec<DistrictOption>, DbErr> {
    Ok(district::Entity::find()
        .order_by_asc(district::Column::NameEn)
        .all(db)
        .await?
        .into_iter()
        .map(|d| DistrictOption { slug: d.slug, name: Localized::new(d.name_kk, d.name_ru, d.name_en) })
        .collect())
}

/// `Ok(None)` when the district slug does not exist.
pub async fn centres<C: ConnectionTrait>(
    db: &C,
    district_slug: Option<&str>,
) -> Result<Option<Vec<CentreSummary>>, DbErr> {
    let mut query = centre::Entity::find().find_also_related(district::Entity);
    if let Some(slug) = district_slug {
        let Some(district) = district::Entity::find().filter(district::Column::Slug.eq(slug)).one(db).await? else {
            return Ok(None);
        };
        query = query.filter(centre::Column::DistrictId.eq(district.id));
    }
    let rows = query.all(db).await?;
    let centre_ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
    let mut room_counts: HashMap<i32, u32> = HashMap::new();
    for room in room::Entity::find().filter(room::Column::CentreId.is_in(centre_ids)).all(db).await? {
        *room_counts.entry(room.centre_id).or_default() += 1;
    }
    let mut summaries: Vec<CentreSummary> = rows
        .into_iter()
        .filter_map(|(centre, district)| {
            let district = district?;
            let room_count = room_counts.get(&centre.id).copied().unwrap_or_default();
            Some(summary(centre, district, room_count))
        })
        .collect();
    sort_for_display(&mut summaries);
    Ok(Some(summaries))
}

pub async fn centre_detail<C: ConnectionTrait>(db: &C, slug: &str) -> Result<Option<CentreDetail>, DbErr> {
    let Some((centre, Some(district))) = centre::Entity::find()
        .filter(centre::Column::Slug.eq(slug))
        .find_also_related(district::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let rooms: Vec<RoomInfo> = room::Entity::find()
        .filter(room::Column::CentreId.eq(centre.id))
        .order_by_asc(room::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(room_info)
        .collect();
    let summary = summary(centre, district, rooms.len() as u32);
    Ok(Some(CentreDetail { summary, rooms }))
}

fn summary(centre: centre::Model, district: district::Model, room_count: u32) -> CentreSummary {
    CentreSummary {
        slug: centre.slug,
        name: Localized::new(centre.name_kk, centre.name_ru, centre.name_en),
        district_slug: district.slug,
        district_name: Localized::new(district.name_kk, district.name_ru, district.name_en),
        address: Localized::new(centre.address_kk, centre.address_ru, centre.address_en),
        area_m2: centre.area_m2,
        opening_hours: centre.opening_hours,
        status: centre.status,
        room_count,
    }
}

/// Rooms of operating centres, optionally of one kind and one district; `Ok(None)` when the
/// district does not exist.
pub async fn rooms<C: ConnectionTrait>(
    db: &C,
    kind: Option<RoomKind>,
    district_slug: Option<&str>,
) -> Result<Option<Vec<RoomListing>>, DbErr> {
    let Some(centres) = centres(db, district_slug).await? else {
        return Ok(None);
    };
    let centres: HashMap<String, CentreSummary> = centres
        .into_iter()
        .filter(|centre| centre.status == CentreStatus::Operating)
        .map(|centre| (centre.slug.clone(), centre))
        .collect();
    let mut query = room::Entity::find()
        .find_also_related(centre::Entity)
        .filter(centre::Column::Slug.is_in(centres.keys().cloned()))
        .order_by_asc(room::Column::Id);
    if let Some(kind) = kind {
        query = query.filter(room::Column::Kind.eq(kind));
    }
    let mut listings: Vec<RoomListing> = query
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(room, centre)| {
            let centre = centres.get(&centre?.slug)?;
            Some(RoomListing {
                room: room_info(room),
                centre_slug: centre.slug.clone(),
                centre_name: centre.name.clone(),
                district_name: centre.district_name.clone(),
            })
        })
        .collect();
    listings.sort_by(|a, b| (&a.district_name.en, &a.centre_slug).cmp(&(&b.district_name.en, &b.centre_slug)));
    Ok(Some(listings))
}

fn room_info(room: room::Model) -> RoomInfo {
    RoomInfo {
        name: Localized::new(room.name_kk, room.name_ru, room.name_en),
        kind: room.kind,
        capacity: room.capacity,
        equipment: split_equipment(&room.equipment),
        needs_approval: room.needs_approval,
    }
}
