//! Covering indexes that keep the dashboard's counts fast at city scale (`bench-dashboard`:
//! 100,000 residents, 1,000,000 bookings, 500,000 enrolments): each count reads an index range
//! and never a table row. Enrolments by status and request time, bookings by room and start with
//! their status and end, residents by district and occupation, residents by birth date (the
//! city's age bands, which no district-led index serves).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 4] = [
    ("ix_enrolment_status_requested_at", "enrolment", &["status", "requested_at", "course_id", "attended"]),
    ("ix_booking_room_id_starts_at_use", "booking", &["room_id", "starts_at", "status", "ends_at"]),
    ("ix_resident_district_id_occupation", "resident", &["district_id", "occupation"]),
    ("ix_resident_birth_date", "resident", &["birth_date"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::create_indexes(manager, &INDEXES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::drop_indexes(manager, &INDEXES).await
    }
}
