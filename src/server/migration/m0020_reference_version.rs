//! A one-row table that says which version of the reference data (districts, centres, course
//! categories) a database holds, so a server can keep those rows in memory and read them again
//! only when they change (issue 12: they were half the statements of an uncached catalogue page).
//!
//! Triggers bump `version` on every write to the three tables, whoever writes (the seeder, another
//! server, an operator's SQL). `database_id` is random per database, so one process serving or
//! testing several databases never takes one database's rows for another's.
//!
//! Migrations are frozen history: the trigger SQL is written out here.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const REFERENCE_TABLES: [&str; 3] = ["district", "centre", "course_category"];
const BUMP: &str = "UPDATE reference_version SET version = version + 1";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .create_table(
                Table::create()
                    .table("reference_version")
                    .col(string_len("database_id", 32))
                    .col(big_integer("version"))
                    .to_owned(),
            )
            .await?;
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        let random_id =
            if postgres { "md5(random()::text || clock_timestamp()::text)" } else { "lower(hex(randomblob(16)))" };
        db.execute_unprepared(&format!("INSERT INTO reference_version (database_id, version) VALUES ({random_id}, 0)"))
            .await?;
        if postgres {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION reference_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN {BUMP}; RETURN NULL; END $$"
            ))
            .await?;
            for table in REFERENCE_TABLES {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE \
                     ON {table} FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump()"
                ))
                .await?;
            }
        } else {
            for table in REFERENCE_TABLES {
                for operation in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_{operation}_reference_version AFTER {operation} ON {table} \
                         BEGIN {BUMP}; END"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Postgres {
            for table in REFERENCE_TABLES {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_reference_version ON {table}")).await?;
            }
            db.execute_unprepared("DROP FUNCTION IF EXISTS reference_version_bump()").await?;
        } else {
            for table in REFERENCE_TABLES {
                for operation in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_{operation}_reference_version"))
                        .await?;
                }
            }
        }
        manager.drop_table(Table::drop().table("reference_version").to_owned()).await
    }
}
