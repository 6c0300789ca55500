//! A text index on `course.search_text` (already folded in Rust), so a catalogue text search reads
//! the courses that contain a word instead of running `LIKE '%word%'` on every course (issue 12).
//!
//! SQLite: an FTS5 table with the trigram tokenizer, case-sensitive because the text and the query
//! are folded alike beforehand: a phrase of three or more characters then matches exactly where
//! `LIKE '%word%'` does. Triggers on `course` keep it in step in the same transaction.
//! PostgreSQL: a `pg_trgm` GIN index, which `LIKE '%word%'` uses as it is; skipped (searches still
//! work, by scanning) when the server does not offer the extension.
//!
//! Migrations are frozen history: the SQL is written out here.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: [&str; 5] = [
    "CREATE VIRTUAL TABLE course_search USING fts5(search_text, content='course', content_rowid='id', \
     tokenize='trigram case_sensitive 1')",
    "INSERT INTO course_search(course_search) VALUES ('rebuild')",
    "CREATE TRIGGER course_inserted_search AFTER INSERT ON course BEGIN \
     INSERT INTO course_search(rowid, search_text) VALUES (NEW.id, NEW.search_text); END",
    "CREATE TRIGGER course_deleted_search AFTER DELETE ON course BEGIN \
     INSERT INTO course_search(course_search, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text); END",
    "CREATE TRIGGER course_changed_search AFTER UPDATE OF search_text ON course BEGIN \
     INSERT INTO course_search(course_search, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text); \
     INSERT INTO course_search(rowid, search_text) VALUES (NEW.id, NEW.search_text); END",
];

const SQLITE_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS course_inserted_search",
    "DROP TRIGGER IF EXISTS course_deleted_search",
    "DROP TRIGGER IF EXISTS course_changed_search",
    "DROP TABLE IF EXISTS course_search",
];

/// The schema `pg_trgm` is installed in, installing it into `public` when the server offers it;
/// `None` when it does not. The extension belongs to the whole database (schemas of other
/// deployments or tests share it), hence `public` and the lock against a concurrent install.
async fn pg_trgm_schema<C: ConnectionTrait>(db: &C) -> Result<Option<String>, DbErr> {
    use sea_orm_migration::sea_orm::Statement;
    let query = |sql: &str| db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()));
    query("SELECT pg_advisory_xact_lock(120013)").await?;
    let installed = "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace \
                     WHERE e.extname = 'pg_trgm'";
    if let Some(row) = query(installed).await? {
        return Ok(Some(row.try_get("", "schema")?));
    }
    if query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").await?.is_none() {
        return Ok(None);
    }
    db.execute_unprepared("CREATE EXTENSION pg_trgm SCHEMA public").await?;
    Ok(Some("public".to_owned()))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                if let Some(schema) = pg_trgm_schema(db).await? {
                    db.execute_unprepared(&format!(
                        "CREATE INDEX ix_course_search_text_trigram ON course USING gin (search_text {schema}.gin_trgm_ops)"
                    ))
                    .await?;
                }
            }
            _ => {
                for statement in SQLITE_UP {
                    db.execute_unprepared(statement).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match db.get_database_backend() {
            // The extension stays: other schemas of the database may use it.
            DbBackend::Postgres => {
                db.execute_unprepared("DROP INDEX IF EXISTS ix_course_search_text_trigram").await?;
            }
            _ => {
                for statement in SQLITE_DOWN {
                    db.execute_unprepared(statement).await?;
                }
            }
        }
        Ok(())
    }
}
