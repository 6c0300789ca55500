//! The discount card's QR code holds a link with an unguessable token instead of the sequential
//! card number: a partner can verify the card, and re-issuing it (a new token) or blocking it
//! (`card_blocked_at`) makes the old code say "not valid". The token is made on first use.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("resident").add_column(string_len_null("card_token", 64)).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("resident")
                    .add_column(timestamp_with_time_zone_null("card_blocked_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ux_resident_card_token").table("resident").col("card_token").unique().to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ux_resident_card_token").table("resident").to_owned()).await?;
        manager.alter_table(Table::alter().table("resident").drop_column("card_blocked_at").to_owned()).await?;
        manager.alter_table(Table::alter().table("resident").drop_column("card_token").to_owned()).await
    }
}
