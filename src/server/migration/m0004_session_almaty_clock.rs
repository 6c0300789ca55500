//! Almaty weekday and time of day of every course session, so "Saturday evening" filters are plain,
//! SQL on SQLite and PostgreSQL alike (the two share no date functions). No index of their own: the
//! filter is checked per course through `ix_course_session_course_id_starts_at`; an index led by
//! these columns made SQLite scan every matching session for every course (8.7 s at 10 000 courses).
//!
//! Migrations are frozen history: this one computes the Almaty clock itself (UTC+5, as in 2024)
//! instead of calling application code that may change later.
use chrono::{DateTime, Datelike, Timelike, Utc};
use sea_orm_migration::sea_orm::{ConnectionTrait, FromQueryResult};
use sea_orm_migration::{prelude::*, schema::*};
use std::collections::BTreeMap;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(FromQueryResult)]
struct SessionStart {
    id: i32,
    starts_at: DateTime<Utc>,
}

/// Almaty's offset from UTC when this migration was written (UTC+5 since 1 March 2024).
const ALMATY_OFFSET_SECONDS: i64 = 5 * 3600;

/// `(weekday 0 = Monday … 6 = Sunday, minutes since midnight)` of an instant on Almaty clocks.
fn almaty_clock(instant: DateTime<Utc>) -> (i16, i16) {
    let local = instant.naive_utc() + chrono::Duration::seconds(ALMATY_OFFSET_SECONDS);
    (local.weekday().num_days_from_monday() as i16, (local.hour() * 60 + local.minute()) as i16)
}

/// Rows per backfill UPDATE, well under SQLite's bound-parameter limit.
const BACKFILL_BATCH: usize = 500;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite cannot add a NOT NULL column without a default; -1 marks "not computed" and never
        // matches a weekday or time filter.
        for column in ["almaty_weekday", "almaty_minute_of_day"] {
            manager
                .alter_table(
                    Table::alter().table("course_session").add_column(small_integer(column).default(-1)).to_owned(),
                )
                .await?;
        }

        let db = manager.get_connection();
        let select = Query::select().columns(["id", "starts_at"]).from("course_session").to_owned();
        let sessions = SessionStart::find_by_statement(db.get_database_backend().build(&select)).all(db).await?;
        let mut ids_by_clock: BTreeMap<(i16, i16), Vec<i32>> = BTreeMap::new();
        for session in sessions {
            let clock = almaty_clock(session.starts_at);
            ids_by_clock.entry(clock).or_default().push(session.id);
        }
        for ((weekday, minute), ids) in ids_by_clock {
            for chunk in ids.chunks(BACKFILL_BATCH) {
                let update = Query::update()
                    .table("course_session")
                    .value("almaty_weekday", weekday)
                    .value("almaty_minute_of_day", minute)
                    .and_where(Expr::col("id").is_in(chunk.iter().copied()))
                    .to_owned();
                db.execute(&update).await?;
            }
        }

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["almaty_weekday", "almaty_minute_of_day"] {
            manager.alter_table(Table::alter().table("course_session").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::almaty_clock;
    use chrono::{TimeZone, Utc};

    #[test]
    fn the_backfill_uses_almaty_clocks() {
        // Sunday 21:30 UTC is Monday 02:30 in Almaty; Saturday 13:30 UTC is Saturday 18:30.
        assert_eq!(almaty_clock(Utc.with_ymd_and_hms(2026, 11, 29, 21, 30, 0).unwrap()), (0, 150));
        assert_eq!(almaty_clock(Utc.with_ymd_and_hms(2026, 11, 28, 13, 30, 0).unwrap()), (5, 18 * 60 + 30));
    }
}
