//! What the room booker keeps per booking (attendees, the staff decision and its note), the secret
//! of each person's bookings feed, and, on PostgreSQL, a database-level guarantee that no two live
//! bookings of one room overlap.
//!
//! `blocked_until` is the end plus the room's pause, so the overlap test is a plain range overlap
//! of `[starts_at, blocked_until)`: two uses clash exactly when `slots_clash` says so.
use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const NO_OVERLAP: &str = "booking_live_no_overlap";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer("attendees").default(1).to_owned(),
            string_len_null("decision_note", 1200).to_owned(),
            integer_null("decided_by").to_owned(),
            timestamp_with_time_zone_null("blocked_until").to_owned(),
        ] {
            manager.alter_table(Table::alter().table("booking").add_column(column).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_booked_by_starts_at")
                    .table("booking")
                    .col("booked_by")
                    .col("starts_at")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table("app_user").add_column(string_len_null("booking_feed_token", 64)).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_app_user_booking_feed_token")
                    .table("app_user")
                    .col("booking_feed_token")
                    .unique()
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "UPDATE booking SET blocked_until = ends_at + make_interval(mins => \
                     (SELECT buffer_minutes FROM room WHERE room.id = booking.room_id))",
                )
                .await?;
                db.execute_unprepared("ALTER TABLE booking ALTER COLUMN blocked_until SET NOT NULL").await?;
                // One extension per database, shared by every schema; the lock keeps two servers
                // (or test schemas) migrating at once from both trying to create it.
                db.execute_unprepared("SELECT pg_advisory_xact_lock(70070007)").await?;
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public").await?;
                db.execute_unprepared(&format!(
                    "ALTER TABLE booking ADD CONSTRAINT {NO_OVERLAP} EXCLUDE USING gist \
                     (room_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) \
                     WHERE (status IN ('pending', 'confirmed'))"
                ))
                .await?;
            }
            _ => {
                db.execute_unprepared("UPDATE booking SET blocked_until = ends_at").await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(&format!("ALTER TABLE booking DROP CONSTRAINT {NO_OVERLAP}"))
                .await?;
        }
        manager.drop_index(Index::drop().name("ix_booking_booked_by_starts_at").table("booking").to_owned()).await?;
        manager.drop_index(Index::drop().name("ux_app_user_booking_feed_token").table("app_user").to_owned()).await?;
        manager.alter_table(Table::alter().table("app_user").drop_column("booking_feed_token").to_owned()).await?;
        for column in ["blocked_until", "decided_by", "decision_note", "attendees"] {
            manager.alter_table(Table::alter().table("booking").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
