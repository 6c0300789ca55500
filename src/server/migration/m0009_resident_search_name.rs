//! A resident's name folded for search (`search_name`), so a mentor's search is case-insensitive
//! for Cyrillic and Kazakh letters on SQLite too (its `LIKE` folds only ASCII), as the catalogue's
//! `search_text` is for courses. The application writes it with every name it writes.
//!
//! Migrations are frozen history: the backfill folds existing names with its own copy of the fold
//! as it was when this was written, not with application code that may change later.
use sea_orm_migration::sea_orm::{ConnectionTrait, FromQueryResult};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(FromQueryResult)]
struct ResidentName {
    id: i32,
    full_name: String,
}

/// The search fold of 2026: Unicode lower case, and ё read as е.
fn fold_name(name: &str) -> String {
    name.to_lowercase().replace('ё', "е")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Lower case can be longer than the name (one letter may fold to two), hence the room.
        manager
            .alter_table(
                Table::alter()
                    .table("resident")
                    .add_column(string_len("search_name", 400).default("").to_owned())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // SQL's LOWER folds ASCII names the same way on both databases, in one statement (the
        // benchmark's 100 000 "Resident N"); other names are folded here, one row at a time.
        let lower_all =
            Query::update().table("resident").value("search_name", Func::lower(Expr::col("full_name"))).to_owned();
        db.execute(&lower_all).await?;
        let select = Query::select().columns(["id", "full_name"]).from("resident").to_owned();
        let residents = ResidentName::find_by_statement(db.get_database_backend().build(&select)).all(db).await?;
        for resident in residents.into_iter().filter(|resident| !resident.full_name.is_ascii()) {
            let update = Query::update()
                .table("resident")
                .value("search_name", fold_name(&resident.full_name))
                .and_where(Expr::col("id").eq(resident.id))
                .to_owned();
            db.execute(&update).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("resident").drop_column("search_name").to_owned()).await
    }
}

#[cfg(test)]
mod tests {
    use super::fold_name;

    #[test]
    fn the_backfill_folds_kazakh_and_russian_capitals() {
        assert_eq!(fold_name("Айгерім НҰРЛАНҚЫЗЫ"), "айгерім нұрланқызы");
        assert_eq!(fold_name("Фёдор"), "федор");
    }
}
