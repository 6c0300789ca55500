//! State several app servers must share: password attempt counters (PostgreSQL deployments count
//! attempts here instead of in each process) and leases that let one server at a time run a
//! periodic job.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sign_in_budget")
                    // "login:<login>" or "address:<address>".
                    .col(string_len("budget_key", 320).primary_key())
                    .col(timestamp_with_time_zone("window_started_at"))
                    .col(integer("attempts"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_sign_in_budget_window_started_at")
                    .table("sign_in_budget")
                    .col("window_started_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("job_lease")
                    .col(string_len("job", 64).primary_key())
                    .col(timestamp_with_time_zone("held_until"))
                    .col(string_len("holder", 128))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("job_lease").to_owned()).await?;
        manager.drop_table(Table::drop().table("sign_in_budget").to_owned()).await
    }
}
