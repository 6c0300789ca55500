//! Each course's next session start stored on the course (`course.next_session_at`), so the
//! catalogue orders "soonest first" and finds courses with a session ahead through an index instead
//! of a `MIN()` subquery per course (issue 12).
//!
//! "Next" depends on the time, so the stored value is "the course's first session at or after
//! `next_session_clock.as_of`" (NULL: none). Triggers on `course_session` keep it exact in the same
//! transaction as every session insert, move and delete, whoever writes; the catalogue moves the
//! clock to its own `now` when a stored start has passed (`catalogue::search::store`).
//!
//! Migrations are frozen history: the trigger and backfill SQL is written out here, not shared with
//! application code that may change later.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The first session of the course at or after the clock; `course` is the row being updated.
const NEXT_SESSION_OF_COURSE: &str = "(SELECT MIN(s.starts_at) FROM course_session s \
     WHERE s.course_id = course.id AND s.starts_at >= (SELECT as_of FROM next_session_clock))";

/// SQLite: one row trigger per kind of change (SQLite has no statement triggers).
fn sqlite_triggers() -> Vec<String> {
    [
        ("course_session_inserted_next_session", "AFTER INSERT", "NEW.course_id"),
        ("course_session_deleted_next_session", "AFTER DELETE", "OLD.course_id"),
        ("course_session_moved_next_session", "AFTER UPDATE OF course_id, starts_at", "OLD.course_id, NEW.course_id"),
    ]
    .into_iter()
    .map(|(name, event, course_ids)| {
        format!(
            "CREATE TRIGGER {name} {event} ON course_session FOR EACH ROW BEGIN \
             UPDATE course SET next_session_at = {NEXT_SESSION_OF_COURSE} WHERE id IN ({course_ids}); END"
        )
    })
    .collect()
}

/// PostgreSQL: statement triggers with transition tables, so a bulk insert of 100 000 sessions
/// updates each course once. The courses are locked before the UPDATE: it then takes its snapshot
/// after any concurrent session write to the same course has committed, and sees that session too.
fn postgres_triggers() -> Vec<String> {
    let mut statements = vec![format!(
        "CREATE FUNCTION course_next_session_after_change() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN \
           PERFORM 1 FROM course WHERE id IN (SELECT course_id FROM changed_sessions) ORDER BY id FOR UPDATE; \
           UPDATE course SET next_session_at = {NEXT_SESSION_OF_COURSE} \
             WHERE id IN (SELECT course_id FROM changed_sessions); \
           RETURN NULL; \
         END $$"
    )];
    // An update may move a session from one course to another: both the old and the new rows count.
    for (name, event, table) in [
        ("course_session_inserted_next_session", "INSERT", "NEW"),
        ("course_session_deleted_next_session", "DELETE", "OLD"),
        ("course_session_moved_from_next_session", "UPDATE", "OLD"),
        ("course_session_moved_to_next_session", "UPDATE", "NEW"),
    ] {
        statements.push(format!(
            "CREATE TRIGGER {name} AFTER {event} ON course_session REFERENCING {table} TABLE AS changed_sessions \
             FOR EACH STATEMENT EXECUTE FUNCTION course_next_session_after_change()"
        ));
    }
    statements
}

const SESSIONS_AHEAD_INDEX: &str = "ix_course_session_starts_at_weekday_minute_course";

const TRIGGERS: [&str; 5] = [
    "course_session_inserted_next_session",
    "course_session_deleted_next_session",
    "course_session_moved_next_session",
    "course_session_moved_from_next_session",
    "course_session_moved_to_next_session",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("next_session_clock")
                    .col(integer("id").primary_key())
                    .col(timestamp_with_time_zone("as_of"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let now = chrono::Utc::now();
        let mut first_clock = Query::insert();
        first_clock
            .into_table("next_session_clock")
            .columns(["id", "as_of"])
            .values([1.into(), now.into()])
            .map_err(|error| DbErr::Custom(error.to_string()))?;
        db.execute(&first_clock).await?;
        manager
            .alter_table(
                Table::alter()
                    .table("course")
                    .add_column(timestamp_with_time_zone_null("next_session_at").to_owned())
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(&format!("UPDATE course SET next_session_at = {NEXT_SESSION_OF_COURSE}")).await?;

        // "Soonest first" reads this index in order; the tie-break on id is part of it.
        manager
            .create_index(
                Index::create()
                    .name("ix_course_next_session_at_id")
                    .table("course")
                    .col("next_session_at")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        // Facet counts group the upcoming courses by these four columns: a scan of this index only.
        manager
            .drop_index(
                Index::drop().name("ix_course_category_id_centre_id_language_format").table("course").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_course_category_id_centre_id_language_format_next_session_at")
                    .table("course")
                    .col("category_id")
                    .col("centre_id")
                    .col("language")
                    .col("format")
                    .col("next_session_at")
                    .to_owned(),
            )
            .await?;
        // Whether a session started between two instants (the clock moving back): an index probe.
        // The catalogue's weekday and time filters read the sessions ahead from it alone.
        manager
            .create_index(
                Index::create()
                    .name(SESSIONS_AHEAD_INDEX)
                    .table("course_session")
                    .col("starts_at")
                    .col("almaty_weekday")
                    .col("almaty_minute_of_day")
                    .col("course_id")
                    .to_owned(),
            )
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
        for trigger in TRIGGERS {
            let drop = match db.get_database_backend() {
                DbBackend::Postgres => format!("DROP TRIGGER IF EXISTS {trigger} ON course_session"),
                _ => format!("DROP TRIGGER IF EXISTS {trigger}"),
            };
            db.execute_unprepared(&drop).await?;
        }
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS course_next_session_after_change()").await?;
        }
        manager.drop_index(Index::drop().name(SESSIONS_AHEAD_INDEX).table("course_session").to_owned()).await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_course_category_id_centre_id_language_format_next_session_at")
                    .table("course")
                    .to_owned(),
            )
            .await?;
        manager.drop_index(Index::drop().name("ix_course_next_session_at_id").table("course").to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_course_category_id_centre_id_language_format")
                    .table("course")
                    .col("category_id")
                    .col("centre_id")
                    .col("language")
                    .col("format")
                    .to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table("course").drop_column("next_session_at").to_owned()).await?;
        manager.drop_table(Table::drop().table("next_session_clock").to_owned()).await
    }
}
