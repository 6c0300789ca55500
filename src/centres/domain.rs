//! Centres and rooms: pure types and rules shared by server and client.
use crate::i18n::{Locale, td_string};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Whether a centre already receives visitors or is still planned under the city programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))"))]
pub enum CentreStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "operating"))]
    Operating,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "planned"))]
    Planned,
}

/// What a room is used for; decides which bookings and courses it can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))"))]
pub enum RoomKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "classroom"))]
    Classroom,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "coworking"))]
    Coworking,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "recording_studio"))]
    RecordingStudio,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "music_class"))]
    MusicClass,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "consultation_room"))]
    ConsultationRoom,
}

impl RoomKind {
    /// The kind's name in `locale`.
    pub fn text(self, locale: Locale) -> String {
        match self {
            RoomKind::Classroom => td_string!(locale, room_kind_classroom),
            RoomKind::Coworking => td_string!(locale, room_kind_coworking),
            RoomKind::RecordingStudio => td_string!(locale, room_kind_recording_studio),
            RoomKind::MusicClass => td_string!(locale, room_kind_music_class),
            RoomKind::ConsultationRoom => td_string!(locale, room_kind_consultation_room),
        }
        .to_owned()
    }

    pub const ALL: [RoomKind; 5] = [
        RoomKind::Classroom,
        RoomKind::Coworking,
        RoomKind::RecordingStudio,
        RoomKind::MusicClass,
        RoomKind::ConsultationRoom,
    ];

    /// The URL form of the kind (`?kind=recording-studio`).
    pub fn slug(self) -> &'static str {
        match self {
            RoomKind::Classroom => "classroom",
            RoomKind::Coworking => "coworking",
            RoomKind::RecordingStudio => "recording-studio",
            RoomKind::MusicClass => "music-class",
            RoomKind::ConsultationRoom => "consultation-room",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.slug() == slug)
    }
}

use crate::error::{AppError, Field, InputProblem};
use crate::localized::Localized;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictOption {
    pub slug: String,
    pub name: Localized,
}

/// One centre in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreSummary {
    pub slug: String,
    pub name: Localized,
    pub district_slug: String,
    pub district_name: Localized,
    pub address: Localized,
    pub area_m2: i32,
    pub opening_hours: String,
    pub status: CentreStatus,
    pub room_count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomInfo {
    pub name: Localized,
    pub kind: RoomKind,
    pub capacity: i32,
    pub equipment: Vec<String>,
    pub needs_approval: bool,
}

/// A room in the city-wide room directory, with the centre it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomListing {
    pub room: RoomInfo,
    pub centre_slug: String,
    pub centre_name: Localized,
    pub district_name: Localized,
}

/// Reads the `kind` URL parameter: empty means every kind.
pub fn parse_room_kind(raw: Option<&str>) -> Result<Option<RoomKind>, AppError> {
    match crate::forms::slug::parse_slug(Field::Kind, raw)? {
        None => Ok(None),
        Some(slug) => RoomKind::from_slug(&slug).map(Some).ok_or(AppError::invalid(Field::Kind, InputProblem::Unknown)),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreDetail {
    pub summary: CentreSummary,
    pub rooms: Vec<RoomInfo>,
}

/// Equipment is stored as one comma-separated line; shown as a list.
pub fn split_equipment(equipment: &str) -> Vec<String> {
    equipment.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect()
}

/// Operating centres first, then by district and name, so the open ones are what people see first.
pub fn sort_for_display(centres: &mut [CentreSummary]) {
    centres.sort_by(|a, b| {
        (a.status != CentreStatus::Operating, &a.district_name.en, &a.slug).cmp(&(
            b.status != CentreStatus::Operating,
            &b.district_name.en,
            &b.slug,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_kinds_round_trip_through_the_url() {
        for kind in RoomKind::ALL {
            assert_eq!(parse_room_kind(Some(kind.slug())), Ok(Some(kind)));
        }
        assert_eq!(parse_room_kind(Some("")), Ok(None));
        assert_eq!(parse_room_kind(Some("sauna")), Err(AppError::invalid(Field::Kind, InputProblem::Unknown)));
        assert_eq!(parse_room_kind(Some("Studio!")), Err(AppError::invalid(Field::Kind, InputProblem::Malformed)));
    }

    #[test]
    fn equipment_line_becomes_a_clean_list() {
        assert_eq!(split_equipment("Projector, whiteboard,, 20 chairs "), vec!["Projector", "whiteboard", "20 chairs"]);
        assert!(split_equipment("").is_empty());
    }

    fn summary(slug: &str, district: &str, status: CentreStatus) -> CentreSummary {
        CentreSummary {
            slug: slug.into(),
            name: Localized::default(),
            district_slug: district.to_lowercase(),
            district_name: Localized::new("", "", district),
            address: Localized::default(),
            area_m2: 300,
            opening_hours: String::new(),
            status,
            room_count: 0,
        }
    }

    #[test]
    fn open_centres_come_first_then_by_district() {
        let mut centres = vec![
            summary("zhetysu-2", "Zhetysu", CentreStatus::Planned),
            summary("zhetysu-1", "Zhetysu", CentreStatus::Operating),
            summary("almaly-2", "Almaly", CentreStatus::Planned),
            summary("almaly-1", "Almaly", CentreStatus::Operating),
        ];
        sort_for_display(&mut centres);
        let order: Vec<_> = centres.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(order, ["almaly-1", "zhetysu-1", "almaly-2", "zhetysu-2"]);
    }
}
