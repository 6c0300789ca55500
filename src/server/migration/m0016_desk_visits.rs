//! Visits recorded at a centre's desk: a resident checked in for today's session of a course they
//! are enrolled in, or dropping in (co-working, studio, consultation, event). Checking the same
//! person in twice is one visit: one per session, and one drop-in per purpose, centre and day,
//! each kept by a unique index so that a double tap, or two desks at once, cannot count twice.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(column: &'static str, target: &'static str, action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_visit_{column}"))
        .from("visit", column)
        .to(target, "id")
        .on_delete(action)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("visit")
                    .col(pk_auto("id"))
                    .col(integer("centre_id"))
                    .col(integer("resident_id"))
                    // Kept when a session or course is removed, so past attendance still counts.
                    .col(integer_null("course_id"))
                    .col(integer_null("session_id"))
                    .col(string_len("purpose", 16))
                    .col(date("visited_on"))
                    .col(timestamp_with_time_zone("checked_in_at"))
                    .col(integer_null("checked_in_by"))
                    .foreign_key(&mut fk("centre_id", "centre", ForeignKeyAction::Restrict))
                    .foreign_key(&mut fk("resident_id", "resident", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("course_id", "course", ForeignKeyAction::SetNull))
                    .foreign_key(&mut fk("session_id", "course_session", ForeignKeyAction::SetNull))
                    .foreign_key(&mut fk("checked_in_by", "app_user", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_visit_session_resident")
                    .table("visit")
                    .col("session_id")
                    .col("resident_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        // A partial index (same syntax on SQLite and PostgreSQL): drop-ins only, one per purpose,
        // centre and day; attendance rows are kept unique by the index above.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_visit_drop_in_daily ON visit (resident_id, centre_id, visited_on, purpose) \
                 WHERE course_id IS NULL AND session_id IS NULL AND purpose <> 'course'",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_visit_centre_checked_in_at")
                    .table("visit")
                    .col("centre_id")
                    .col("checked_in_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_visit_visited_on").table("visit").col("visited_on").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("visit").to_owned()).await
    }
}
