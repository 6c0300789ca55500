//! A secret per resident for their calendar feed URL; resetting it cuts off old subscriptions.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("resident").add_column(string_len_null("calendar_token", 64)).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_resident_calendar_token")
                    .table("resident")
                    .col("calendar_token")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ux_resident_calendar_token").table("resident").to_owned()).await?;
        manager.alter_table(Table::alter().table("resident").drop_column("calendar_token").to_owned()).await
    }
}
