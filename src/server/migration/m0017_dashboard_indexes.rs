//! Indexes for the dashboard's counts: residents registered per district and month, residents by
//! birth date (age bands), and desk visits per centre and day.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 4] = [
    ("ix_resident_district_id_created_at", "resident", &["district_id", "created_at"]),
    ("ix_resident_created_at", "resident", &["created_at"]),
    ("ix_resident_district_id_birth_date", "resident", &["district_id", "birth_date"]),
    ("ix_visit_centre_id_visited_on", "visit", &["centre_id", "visited_on"]),
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
