//! Weekly booking limits a centre sets for itself: one row per booker kind and room kind; a kind
//! without a row keeps the default.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("room_quota")
                    .col(pk_auto("id"))
                    .col(integer("centre_id"))
                    .col(string_len("booker", 12))
                    .col(string_len("room_kind", 24))
                    // NULL: no limit.
                    .col(integer_null("weekly_minutes"))
                    .check(Expr::cust("weekly_minutes IS NULL OR (weekly_minutes >= 0 AND weekly_minutes <= 10080)"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_room_quota_centre_id")
                            .from("room_quota", "centre_id")
                            .to("centre", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_room_quota_centre_id_booker_room_kind")
                    .table("room_quota")
                    .col("centre_id")
                    .col("booker")
                    .col("room_kind")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("room_quota").to_owned()).await
    }
}
