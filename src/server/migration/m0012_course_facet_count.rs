//! Upcoming courses counted per (category, centre, language, format), kept by triggers on `course`
//! in the same transaction as every change, so the catalogue's total and facet counts cost a read
//! of a few hundred rows instead of a count over every course (issue 12). A course counts while it
//! has a stored next session (`course.next_session_at`, migration m0011).
//!
//! Migrations are frozen history: the trigger and backfill SQL is written out here.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const GROUP_COLUMNS: &str = "category_id, centre_id, language, format";

/// `column = ROW.column` for every group column; `row` is `OLD` or `NEW`.
fn same_group(row: &str) -> String {
    GROUP_COLUMNS.split(", ").map(|column| format!("{column} = {row}.{column}")).collect::<Vec<_>>().join(" AND ")
}

/// Whether an update moves the course between groups or in or out of the count.
const GROUP_CHANGED: &str = "(OLD.next_session_at IS NULL) <> (NEW.next_session_at IS NULL) \
     OR OLD.category_id <> NEW.category_id OR OLD.centre_id <> NEW.centre_id \
     OR OLD.language <> NEW.language OR OLD.format <> NEW.format";

fn leave_group() -> String {
    format!("UPDATE course_facet_count SET upcoming = upcoming - 1 WHERE {};", same_group("OLD"))
}

fn join_group() -> String {
    format!(
        "INSERT INTO course_facet_count ({GROUP_COLUMNS}, upcoming) \
         VALUES (NEW.category_id, NEW.centre_id, NEW.language, NEW.format, 0) ON CONFLICT DO NOTHING; \
         UPDATE course_facet_count SET upcoming = upcoming + 1 WHERE {};",
        same_group("NEW")
    )
}

fn sqlite_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE TRIGGER course_inserted_facet_count AFTER INSERT ON course \
             WHEN NEW.next_session_at IS NOT NULL BEGIN {} END",
            join_group()
        ),
        format!(
            "CREATE TRIGGER course_deleted_facet_count AFTER DELETE ON course \
             WHEN OLD.next_session_at IS NOT NULL BEGIN {} END",
            leave_group()
        ),
        format!(
            "CREATE TRIGGER course_changed_facet_count \
             AFTER UPDATE OF next_session_at, {GROUP_COLUMNS} ON course WHEN {GROUP_CHANGED} BEGIN \
             UPDATE course_facet_count SET upcoming = upcoming - 1 \
               WHERE OLD.next_session_at IS NOT NULL AND {old}; \
             INSERT INTO course_facet_count ({GROUP_COLUMNS}, upcoming) \
               VALUES (NEW.category_id, NEW.centre_id, NEW.language, NEW.format, 0) ON CONFLICT DO NOTHING; \
             UPDATE course_facet_count SET upcoming = upcoming + 1 \
               WHERE NEW.next_session_at IS NOT NULL AND {new}; END",
            old = same_group("OLD"),
            new = same_group("NEW"),
        ),
    ]
}

fn postgres_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE FUNCTION course_facet_count_after_change() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               IF TG_OP IN ('UPDATE', 'DELETE') THEN \
                 IF OLD.next_session_at IS NOT NULL THEN {leave} END IF; \
               END IF; \
               IF TG_OP IN ('INSERT', 'UPDATE') THEN \
                 IF NEW.next_session_at IS NOT NULL THEN {join} END IF; \
               END IF; \
               RETURN NULL; \
             END $$",
            leave = leave_group(),
            join = join_group(),
        ),
        "CREATE TRIGGER course_inserted_or_deleted_facet_count AFTER INSERT OR DELETE ON course \
         FOR EACH ROW EXECUTE FUNCTION course_facet_count_after_change()"
            .to_owned(),
        format!(
            "CREATE TRIGGER course_changed_facet_count AFTER UPDATE OF next_session_at, {GROUP_COLUMNS} ON course \
             FOR EACH ROW WHEN ({GROUP_CHANGED}) EXECUTE FUNCTION course_facet_count_after_change()"
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("course_facet_count")
                    .col(integer("category_id"))
                    .col(integer("centre_id"))
                    .col(string_len("language", 2))
                    .col(string_len("format", 8))
                    .col(big_integer("upcoming"))
                    .primary_key(Index::create().col("category_id").col("centre_id").col("language").col("format"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO course_facet_count ({GROUP_COLUMNS}, upcoming) \
             SELECT {GROUP_COLUMNS}, COUNT(*) FROM course WHERE next_session_at IS NOT NULL GROUP BY {GROUP_COLUMNS}"
        ))
        .await?;
        let triggers = match db.get_database_backend() {
            DbBackend::Postgres => postgres_triggers(),
            _ => sqlite_triggers(),
        };
        for statement in triggers {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        for trigger in [
            "course_inserted_facet_count",
            "course_deleted_facet_count",
            "course_changed_facet_count",
            "course_inserted_or_deleted_facet_count",
        ] {
            let on_table = if postgres { " ON course" } else { "" };
            db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {trigger}{on_table}")).await?;
        }
        if postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS course_facet_count_after_change()").await?;
        }
        manager.drop_table(Table::drop().table("course_facet_count").to_owned()).await
    }
}
