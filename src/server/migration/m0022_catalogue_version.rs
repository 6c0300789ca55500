//! A one-row table that says which version of the catalogue's search results a database holds, so
//! a server can keep a search's counts and pages and run it again only when courses change
//! (issue 12: a text search counts every matching course, so its cost grew with the catalogue).
//!
//! Triggers bump `version` whenever a course is added or removed, or changes in a way a search can
//! see: its text, category, centre, language, format, ages, creation time, next session (any
//! change: "soonest first" orders by it), weekday slots, or whether it has a free seat. Seats taken
//! alone do not bump it (the "most seats left" order is not kept), so an enrolment writes nothing
//! more unless it takes the last seat.
//!
//! On PostgreSQL every bump would hold the row until its transaction ends, and a transaction that
//! changes many courses would stack a row version per change; `bumped_by` lets each transaction
//! bump once (its later changes become visible at the same commit).
//!
//! Migrations are frozen history: the trigger SQL is written out here.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const WATCHED_COLUMNS: &str = "search_text, category_id, centre_id, language, format, min_age, max_age, created_at, \
     next_session_at, upcoming_slots, seats_taken, capacity";

/// Whether an update changes what a search can see; `distinct` is the database's NULL-safe "not
/// equal" (`next_session_at` is NULL for a course with nothing ahead).
fn search_visible_change(distinct: &str) -> String {
    let mut changes: Vec<String> = WATCHED_COLUMNS
        .split(", ")
        .filter(|column| !matches!(*column, "seats_taken" | "capacity"))
        .map(|column| format!("OLD.{column} {distinct} NEW.{column}"))
        .collect();
    changes.push("(OLD.seats_taken < OLD.capacity) <> (NEW.seats_taken < NEW.capacity)".to_owned());
    changes.join(" OR ")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .create_table(
                Table::create()
                    .table("catalogue_version")
                    .col(big_integer("version"))
                    // PostgreSQL only: the transaction that made the last bump.
                    .col(big_integer_null("bumped_by"))
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared("INSERT INTO catalogue_version (version) VALUES (0)").await?;
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(
                "CREATE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN \
                   UPDATE catalogue_version SET version = version + 1, bumped_by = txid_current() \
                     WHERE bumped_by IS DISTINCT FROM txid_current(); \
                   RETURN NULL; \
                 END $$",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER course_catalogue_version AFTER INSERT OR DELETE OR TRUNCATE ON course \
                 FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump()",
            )
            .await?;
            db.execute_unprepared(&format!(
                "CREATE TRIGGER course_changed_catalogue_version AFTER UPDATE OF {WATCHED_COLUMNS} ON course \
                 FOR EACH ROW WHEN ({}) EXECUTE FUNCTION catalogue_version_bump()",
                search_visible_change("IS DISTINCT FROM")
            ))
            .await?;
        } else {
            const BUMP: &str = "UPDATE catalogue_version SET version = version + 1;";
            for operation in ["insert", "delete"] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER course_{operation}_catalogue_version AFTER {operation} ON course BEGIN {BUMP} END"
                ))
                .await?;
            }
            db.execute_unprepared(&format!(
                "CREATE TRIGGER course_changed_catalogue_version AFTER UPDATE OF {WATCHED_COLUMNS} ON course \
                 WHEN {} BEGIN {BUMP} END",
                search_visible_change("IS NOT")
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP TRIGGER IF EXISTS course_catalogue_version ON course").await?;
            db.execute_unprepared("DROP TRIGGER IF EXISTS course_changed_catalogue_version ON course").await?;
            db.execute_unprepared("DROP FUNCTION IF EXISTS catalogue_version_bump()").await?;
        } else {
            for name in ["insert", "delete", "changed"] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS course_{name}_catalogue_version")).await?;
            }
        }
        manager.drop_table(Table::drop().table("catalogue_version").to_owned()).await
    }
}
