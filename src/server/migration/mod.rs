//! Schema migrations; they run on SQLite and PostgreSQL alike.
use sea_orm_migration::prelude::*;

mod m0001_initial;
mod m0002_sessions;
mod m0003_late_enrolment;
mod m0004_session_almaty_clock;
mod m0005_catalogue_facet_index;
mod m0006_calendar_feed;
mod m0007_booking_desk;
mod m0008_quiz_sessions;
mod m0009_resident_search_name;
mod m0010_room_quota;
mod m0011_course_next_session;
mod m0012_course_facet_count;
mod m0013_course_text_index;
mod m0014_shared_limits;
mod m0015_card_token;
mod m0016_desk_visits;
mod m0017_dashboard_indexes;
mod m0018_dashboard_scale;
mod m0019_course_group_age_seats;
mod m0020_reference_version;
mod m0021_course_upcoming_slots;
mod m0022_catalogue_version;
mod m0023_course_newest_index;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_initial::Migration),
            Box::new(m0002_sessions::Migration),
            Box::new(m0003_late_enrolment::Migration),
            Box::new(m0004_session_almaty_clock::Migration),
            Box::new(m0005_catalogue_facet_index::Migration),
            Box::new(m0006_calendar_feed::Migration),
            Box::new(m0007_booking_desk::Migration),
            Box::new(m0008_quiz_sessions::Migration),
            Box::new(m0009_resident_search_name::Migration),
            Box::new(m0010_room_quota::Migration),
            Box::new(m0011_course_next_session::Migration),
            Box::new(m0012_course_facet_count::Migration),
            Box::new(m0013_course_text_index::Migration),
            Box::new(m0014_shared_limits::Migration),
            Box::new(m0015_card_token::Migration),
            Box::new(m0016_desk_visits::Migration),
            Box::new(m0017_dashboard_indexes::Migration),
            Box::new(m0018_dashboard_scale::Migration),
            Box::new(m0019_course_group_age_seats::Migration),
            Box::new(m0020_reference_version::Migration),
            Box::new(m0021_course_upcoming_slots::Migration),
            Box::new(m0022_catalogue_version::Migration),
            Box::new(m0023_course_newest_index::Migration),
        ]
    }
}

/// Plain indexes as (name, table, columns), for migrations that only add indexes.
type IndexList = [(&'static str, &'static str, &'static [&'static str])];

async fn create_indexes(manager: &SchemaManager<'_>, indexes: &IndexList) -> Result<(), DbErr> {
    for (name, table, columns) in indexes {
        let mut index = Index::create();
        index.name(*name).table(*table);
        for column in *columns {
            index.col(*column);
        }
        manager.create_index(index.to_owned()).await?;
    }
    Ok(())
}

async fn drop_indexes(manager: &SchemaManager<'_>, indexes: &IndexList) -> Result<(), DbErr> {
    for (name, table, _) in indexes {
        manager.drop_index(Index::drop().name(*name).table(*table).to_owned()).await?;
    }
    Ok(())
}
