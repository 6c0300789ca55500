//! The weekdays and parts of the day of each course's sessions ahead, kept on the course
//! (`course.upcoming_slots`: bit `weekday × 3 + part of the day`, Almaty clocks), and upcoming
//! courses counted per weekday / part-of-the-day filter (`course_slot_count`), so a catalogue
//! narrowed to "Tuesday evenings" takes its total and facet counts from a few hundred rows instead
//! of reading every matching session (issue 12: 34 ms at 100,000 courses on SQLite, 220 ms on
//! PostgreSQL, growing with the catalogue).
//!
//! The slots follow the same clock as `next_session_at` (m0011): the session triggers write both,
//! and the catalogue's clock refresh rewrites both for the courses whose sessions have begun.
//! `course_slot_member` lists each upcoming course under every filter it passes, keyed by the
//! filter and the course's next session, so the first page of "Tuesday evenings, soonest first"
//! is a walk of that key: reading the page from the matching sessions grew with the catalogue, and
//! walking the next-session index passed every course whose next session comes before Tuesday.
//! `course_slot_filter` holds the 31 filters (7 weekdays and "any" × 3 parts and "any", less
//! "any, any") with the slots each accepts; a course is counted under every filter one of its
//! slots passes.
//!
//! Migrations are frozen history: the trigger and backfill SQL is written out here.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The slot bit of session `s`: Almaty weekday × 3 + 0 before noon, 1 until 17:00, 2 after.
const SESSION_SLOT: &str = "(1 << (s.almaty_weekday * 3 + CASE WHEN s.almaty_minute_of_day < 720 THEN 0 \
     WHEN s.almaty_minute_of_day < 1020 THEN 1 ELSE 2 END))";

/// The first session of the course at or after the clock (as m0011), and the slots of those
/// sessions: distinct powers of two add up to their union, on both databases.
fn next_session_and_slots() -> String {
    let ahead = "FROM course_session s WHERE s.course_id = course.id \
                 AND s.starts_at >= (SELECT as_of FROM next_session_clock)";
    format!(
        "next_session_at = (SELECT MIN(s.starts_at) {ahead}), \
         upcoming_slots = (SELECT COALESCE(SUM(DISTINCT {SESSION_SLOT}), 0) {ahead})"
    )
}

/// m0011's session triggers, with the slots written beside the next session.
fn sqlite_session_triggers() -> Vec<String> {
    [
        ("course_session_inserted_next_session", "AFTER INSERT", "NEW.course_id"),
        ("course_session_deleted_next_session", "AFTER DELETE", "OLD.course_id"),
        (
            "course_session_moved_next_session",
            "AFTER UPDATE OF course_id, starts_at, almaty_weekday, almaty_minute_of_day",
            "OLD.course_id, NEW.course_id",
        ),
    ]
    .into_iter()
    .map(|(name, event, course_ids)| {
        format!(
            "CREATE TRIGGER {name} {event} ON course_session FOR EACH ROW BEGIN \
             UPDATE course SET {} WHERE id IN ({course_ids}); END",
            next_session_and_slots()
        )
    })
    .collect()
}

/// m0011's statement-trigger function (its triggers stay), with the slots written too.
fn postgres_session_function(set: &str) -> String {
    format!(
        "CREATE OR REPLACE FUNCTION course_next_session_after_change() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN \
           PERFORM 1 FROM course WHERE id IN (SELECT course_id FROM changed_sessions) ORDER BY id FOR UPDATE; \
           UPDATE course SET {set} WHERE id IN (SELECT course_id FROM changed_sessions); \
           RETURN NULL; \
         END $$"
    )
}

const SESSION_TRIGGERS_SQLITE: [&str; 3] = [
    "course_session_inserted_next_session",
    "course_session_deleted_next_session",
    "course_session_moved_next_session",
];

const GROUP_COLUMNS: &str = "category_id, centre_id, language, format, min_age, max_age";

fn has_free_seats(row: &str) -> String {
    format!("({row}.seats_taken < {row}.capacity)")
}

fn same_group(row: &str) -> String {
    let columns = GROUP_COLUMNS.split(", ").map(|column| format!("{column} = {row}.{column}"));
    columns.chain([format!("has_free_seats = {}", has_free_seats(row))]).collect::<Vec<_>>().join(" AND ")
}

fn group_values(row: &str) -> String {
    let columns = GROUP_COLUMNS.split(", ").map(|column| format!("{row}.{column}"));
    columns.chain([has_free_seats(row)]).collect::<Vec<_>>().join(", ")
}

/// The filters `row`'s course passes.
fn filters_of(row: &str) -> String {
    format!("SELECT slot_filter FROM course_slot_filter WHERE (slots & {row}.upcoming_slots) <> 0")
}

fn leave_counts() -> String {
    format!(
        "UPDATE course_slot_count SET upcoming = upcoming - 1 WHERE {} AND slot_filter IN ({});",
        same_group("OLD"),
        filters_of("OLD")
    )
}

fn join_counts() -> String {
    format!(
        "INSERT INTO course_slot_count (slot_filter, {GROUP_COLUMNS}, has_free_seats, upcoming) \
         SELECT slot_filter, {}, 0 FROM course_slot_filter WHERE (slots & NEW.upcoming_slots) <> 0 \
         ON CONFLICT DO NOTHING; \
         UPDATE course_slot_count SET upcoming = upcoming + 1 WHERE {} AND slot_filter IN ({});",
        group_values("NEW"),
        same_group("NEW"),
        filters_of("NEW")
    )
}

/// Whether an update changes the course's slots or its group.
fn counts_changed() -> String {
    let mut changes = vec!["OLD.upcoming_slots <> NEW.upcoming_slots".to_owned()];
    changes.extend(GROUP_COLUMNS.split(", ").map(|column| format!("OLD.{column} <> NEW.{column}")));
    changes.push(format!("{} <> {}", has_free_seats("OLD"), has_free_seats("NEW")));
    changes.join(" OR ")
}

const WATCHED_COLUMNS: &str =
    "upcoming_slots, category_id, centre_id, language, format, min_age, max_age, seats_taken, capacity";

/// Triggers on `course` that keep one table from its rows: `leave` takes the old row out, `join`
/// puts the new one in; an update of `watched` columns does both when `changed` (per database, as
/// only PostgreSQL spells a NULL-safe comparison `IS DISTINCT FROM`).
struct CourseTriggers {
    /// `course_inserted_{name}`, `course_changed_{name}`, …
    name: &'static str,
    watched: &'static str,
    changed_sqlite: String,
    changed_postgres: String,
    leave: String,
    join: String,
}

impl CourseTriggers {
    fn sqlite(&self) -> Vec<String> {
        let CourseTriggers { name, watched, leave, join, .. } = self;
        vec![
            format!(
                "CREATE TRIGGER course_inserted_{name} AFTER INSERT ON course \
                 WHEN NEW.upcoming_slots <> 0 BEGIN {join} END"
            ),
            format!(
                "CREATE TRIGGER course_deleted_{name} AFTER DELETE ON course \
                 WHEN OLD.upcoming_slots <> 0 BEGIN {leave} END"
            ),
            format!(
                "CREATE TRIGGER course_changed_{name} AFTER UPDATE OF {watched} ON course \
                 WHEN {} BEGIN {leave} {join} END",
                self.changed_sqlite
            ),
        ]
    }

    fn postgres(&self) -> Vec<String> {
        let CourseTriggers { name, watched, leave, join, .. } = self;
        vec![
            format!(
                "CREATE FUNCTION course_{name}_after_change() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN \
                   IF TG_OP IN ('UPDATE', 'DELETE') THEN {leave} END IF; \
                   IF TG_OP IN ('INSERT', 'UPDATE') THEN {join} END IF; \
                   RETURN NULL; \
                 END $$"
            ),
            format!(
                "CREATE TRIGGER course_inserted_or_deleted_{name} AFTER INSERT OR DELETE ON course \
                 FOR EACH ROW EXECUTE FUNCTION course_{name}_after_change()"
            ),
            format!(
                "CREATE TRIGGER course_changed_{name} AFTER UPDATE OF {watched} ON course \
                 FOR EACH ROW WHEN ({}) EXECUTE FUNCTION course_{name}_after_change()",
                self.changed_postgres
            ),
        ]
    }
}

fn count_triggers() -> CourseTriggers {
    CourseTriggers {
        name: "slot_count",
        watched: WATCHED_COLUMNS,
        changed_sqlite: counts_changed(),
        changed_postgres: counts_changed(),
        leave: leave_counts(),
        join: join_counts(),
    }
}

/// The member rows of `row`'s course: one per filter its slots pass, under its next session.
fn members_of(row: &str) -> String {
    format!(
        "SELECT slot_filter, {row}.next_session_at, {row}.id FROM course_slot_filter \
         WHERE (slots & {row}.upcoming_slots) <> 0 AND {row}.next_session_at IS NOT NULL"
    )
}

fn leave_members() -> String {
    format!(
        "DELETE FROM course_slot_member WHERE course_id = OLD.id AND next_session_at = OLD.next_session_at \
         AND slot_filter IN ({});",
        filters_of("OLD")
    )
}

fn join_members() -> String {
    format!("INSERT INTO course_slot_member (slot_filter, next_session_at, course_id) {};", members_of("NEW"))
}

fn member_triggers() -> CourseTriggers {
    let changed = |differs: &str| {
        format!("OLD.upcoming_slots <> NEW.upcoming_slots OR OLD.next_session_at {differs} NEW.next_session_at")
    };
    CourseTriggers {
        name: "slot_member",
        watched: "next_session_at, upcoming_slots",
        changed_sqlite: changed("IS NOT"),
        changed_postgres: changed("IS DISTINCT FROM"),
        leave: leave_members(),
        join: join_members(),
    }
}

/// `(key, slots)` of every weekday / part-of-the-day filter: key = weekday (Monday 0, any 7) × 4 +
/// part (morning 0, any 3).
fn slot_filters() -> Vec<(i16, i32)> {
    let mut filters = Vec::new();
    for weekday in 0..=7i32 {
        for part in 0..=3i32 {
            if weekday == 7 && part == 3 {
                continue;
            }
            let mut slots = 0;
            for day in (0..7).filter(|day| weekday == 7 || weekday == *day) {
                for time in (0..3).filter(|time| part == 3 || part == *time) {
                    slots |= 1 << (day * 3 + time);
                }
            }
            filters.push(((weekday * 4 + part) as i16, slots));
        }
    }
    filters
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        manager
            .alter_table(Table::alter().table("course").add_column(integer("upcoming_slots").default(0)).to_owned())
            .await?;
        db.execute_unprepared(&format!("UPDATE course SET {}", next_session_and_slots())).await?;

        manager
            .create_table(
                Table::create()
                    .table("course_slot_filter")
                    .col(small_integer("slot_filter").primary_key())
                    .col(integer("slots"))
                    .to_owned(),
            )
            .await?;
        let mut filters = Query::insert();
        filters.into_table("course_slot_filter").columns(["slot_filter", "slots"]);
        for (key, slots) in slot_filters() {
            filters.values([key.into(), slots.into()]).map_err(|error| DbErr::Custom(error.to_string()))?;
        }
        db.execute(&filters).await?;

        // The filter comes first in the key: a search reads one filter's rows.
        manager
            .create_table(
                Table::create()
                    .table("course_slot_count")
                    .col(small_integer("slot_filter"))
                    .col(integer("category_id"))
                    .col(integer("centre_id"))
                    .col(string_len("language", 2))
                    .col(string_len("format", 8))
                    .col(small_integer("min_age"))
                    .col(small_integer("max_age"))
                    .col(boolean("has_free_seats"))
                    .col(big_integer("upcoming"))
                    .primary_key(
                        Index::create()
                            .col("slot_filter")
                            .col("category_id")
                            .col("centre_id")
                            .col("language")
                            .col("format")
                            .col("min_age")
                            .col("max_age")
                            .col("has_free_seats"),
                    )
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(&format!(
            "INSERT INTO course_slot_count (slot_filter, {GROUP_COLUMNS}, has_free_seats, upcoming) \
             SELECT f.slot_filter, {columns}, c.seats_taken < c.capacity, COUNT(*) \
             FROM course c JOIN course_slot_filter f ON (f.slots & c.upcoming_slots) <> 0 \
             GROUP BY f.slot_filter, {columns}, c.seats_taken < c.capacity",
            columns = GROUP_COLUMNS.split(", ").map(|column| format!("c.{column}")).collect::<Vec<_>>().join(", "),
        ))
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("course_slot_member")
                    .col(small_integer("slot_filter"))
                    .col(timestamp_with_time_zone("next_session_at"))
                    .col(integer("course_id"))
                    .primary_key(Index::create().col("slot_filter").col("next_session_at").col("course_id"))
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(
            "INSERT INTO course_slot_member (slot_filter, next_session_at, course_id) \
             SELECT f.slot_filter, c.next_session_at, c.id FROM course c \
             JOIN course_slot_filter f ON (f.slots & c.upcoming_slots) <> 0 WHERE c.next_session_at IS NOT NULL",
        )
        .await?;

        let mut statements = Vec::new();
        if postgres {
            statements.push(postgres_session_function(&next_session_and_slots()));
            statements.extend(count_triggers().postgres());
            statements.extend(member_triggers().postgres());
        } else {
            statements.extend(SESSION_TRIGGERS_SQLITE.map(|trigger| format!("DROP TRIGGER {trigger}")));
            statements.extend(sqlite_session_triggers());
            statements.extend(count_triggers().sqlite());
            statements.extend(member_triggers().sqlite());
        }
        // One call, so one connection drops and re-creates the session triggers: run one by one
        // on SQLite's pooled connections, the CREATE was refused ("already exists") right after
        // another connection's DROP.
        db.execute_unprepared(&statements.join(";\n")).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        let m0011_next_session = "next_session_at = (SELECT MIN(s.starts_at) FROM course_session s \
             WHERE s.course_id = course.id AND s.starts_at >= (SELECT as_of FROM next_session_clock))";
        let mut statements = Vec::new();
        if postgres {
            statements.push("DROP TRIGGER IF EXISTS course_inserted_or_deleted_slot_count ON course".to_owned());
            statements.push("DROP TRIGGER IF EXISTS course_changed_slot_count ON course".to_owned());
            statements.push("DROP TRIGGER IF EXISTS course_inserted_or_deleted_slot_member ON course".to_owned());
            statements.push("DROP TRIGGER IF EXISTS course_changed_slot_member ON course".to_owned());
            statements.push("DROP FUNCTION IF EXISTS course_slot_member_after_change()".to_owned());
            statements.push("DROP FUNCTION IF EXISTS course_slot_count_after_change()".to_owned());
            statements.push(postgres_session_function(m0011_next_session));
        } else {
            for trigger in [
                "course_inserted_slot_count",
                "course_deleted_slot_count",
                "course_changed_slot_count",
                "course_inserted_slot_member",
                "course_deleted_slot_member",
                "course_changed_slot_member",
            ]
            .into_iter()
            .chain(SESSION_TRIGGERS_SQLITE)
            {
                statements.push(format!("DROP TRIGGER IF EXISTS {trigger}"));
            }
        }
        statements.push("DROP TABLE course_slot_member".to_owned());
        statements.push("DROP TABLE course_slot_count".to_owned());
        statements.push("DROP TABLE course_slot_filter".to_owned());
        statements.push("ALTER TABLE course DROP COLUMN upcoming_slots".to_owned());
        if !postgres {
            // m0011's session triggers, after the column is gone (SQLite refuses to drop a column
            // a trigger names).
            for (name, event, course_ids) in [
                ("course_session_inserted_next_session", "AFTER INSERT", "NEW.course_id"),
                ("course_session_deleted_next_session", "AFTER DELETE", "OLD.course_id"),
                (
                    "course_session_moved_next_session",
                    "AFTER UPDATE OF course_id, starts_at",
                    "OLD.course_id, NEW.course_id",
                ),
            ] {
                statements.push(format!(
                    "CREATE TRIGGER {name} {event} ON course_session FOR EACH ROW BEGIN \
                     UPDATE course SET {m0011_next_session} WHERE id IN ({course_ids}); END"
                ));
            }
        }
        // One call, one connection (see `up`).
        db.execute_unprepared(&statements.join(";\n")).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::slot_filters;
    use crate::catalogue::search::domain::{SlotFilter, TimeOfDay};
    use chrono::Weekday;

    /// The table written here is frozen; the catalogue's filters must still read it the same way.
    #[test]
    fn the_stored_filters_are_the_catalogues() {
        let weekdays =
            [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
        let mut catalogue: Vec<(i16, i32)> = Vec::new();
        for weekday in weekdays.map(Some).into_iter().chain([None]) {
            for time_of_day in [Some(TimeOfDay::Morning), Some(TimeOfDay::Afternoon), Some(TimeOfDay::Evening), None] {
                if weekday.is_some() || time_of_day.is_some() {
                    let filter = SlotFilter { weekday, time_of_day };
                    catalogue.push((filter.key(), filter.slots()));
                }
            }
        }
        let mut stored = slot_filters();
        stored.sort();
        catalogue.sort();
        assert_eq!(stored, catalogue);
    }
}
