//! Room booking: pure types and rules shared by server and client.
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Lifecycle of a room booking; rooms that need approval start as `Pending`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(12))"))]
pub enum BookingStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "confirmed"))]
    Confirmed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

/// A stretch of time a room is used, `[start, end)`.
pub type Slot = (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>);

/// Whether two uses of one room collide, given the pause the room needs after each use
/// (cleaning, setting up a studio). Touching slots do not collide when no pause is needed.
pub fn slots_clash(a: Slot, b: Slot, pause: chrono::Duration) -> bool {
    a.0 < b.1 + pause && b.0 < a.1 + pause
}

/// The first of `wanted` that collides with any of `taken`.
pub fn first_clash(wanted: &[Slot], taken: &[Slot], pause: chrono::Duration) -> Option<Slot> {
    wanted.iter().copied().find(|slot| taken.iter().any(|other| slots_clash(*slot, *other, pause)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    fn at(hour: u32, minute: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, hour, minute, 0).unwrap()
    }

    #[test]
    fn overlapping_uses_clash_and_back_to_back_ones_do_not() {
        let none = Duration::zero();
        assert!(slots_clash((at(10, 0), at(11, 0)), (at(10, 30), at(12, 0)), none));
        assert!(slots_clash((at(10, 0), at(12, 0)), (at(10, 30), at(11, 0)), none), "one inside the other");
        assert!(!slots_clash((at(10, 0), at(11, 0)), (at(11, 0), at(12, 0)), none), "back to back");
        assert!(!slots_clash((at(11, 0), at(12, 0)), (at(10, 0), at(11, 0)), none), "either order");
    }

    #[test]
    fn the_rooms_pause_keeps_uses_apart() {
        let pause = Duration::minutes(15);
        assert!(slots_clash((at(10, 0), at(11, 0)), (at(11, 10), at(12, 0)), pause));
        assert!(!slots_clash((at(10, 0), at(11, 0)), (at(11, 15), at(12, 0)), pause));
        assert!(slots_clash((at(11, 10), at(12, 0)), (at(10, 0), at(11, 0)), pause), "either order");
    }

    #[test]
    fn finds_which_wanted_slot_is_taken() {
        let wanted = [(at(9, 0), at(10, 0)), (at(12, 0), at(13, 0))];
        let taken = [(at(12, 30), at(14, 0))];
        assert_eq!(first_clash(&wanted, &taken, Duration::zero()), Some(wanted[1]));
        assert_eq!(first_clash(&wanted[..1], &taken, Duration::zero()), None);
    }
}
