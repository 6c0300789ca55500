//! What a questionnaire session records beyond the scores: the form and how many items were
//! answered, a secret share link, the resident's consent when a mentor saved it to them, the
//! anonymous visit's district, age band and occupation, and the courses it recommended (for the
//! centre's summary). Old rows keep `share_token` empty: they have no share link.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "questionnaire_result";

/// One column per statement: SQLite alters one column at a time.
fn columns() -> Vec<ColumnDef> {
    vec![
        string_len("form", 8).default("full").to_owned(),
        integer("answers_count").default(0).to_owned(),
        string_len_null("share_token", 64),
        timestamp_with_time_zone_null("consent_at"),
        // Anonymous visits: no foreign key (SQLite cannot add one to an existing table); the
        // application writes only ids of existing districts.
        integer_null("visit_district_id"),
        string_len_null("visit_age_band", 8),
        string_len_null("visit_occupation", 10),
        // Comma-separated ids of the courses recommended when the result was saved, best first.
        string_len("recommended_course_ids", 200).default("").to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in columns() {
            manager.alter_table(Table::alter().table(TABLE).add_column(column).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ux_questionnaire_result_share_token")
                    .table(TABLE)
                    .col("share_token")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_questionnaire_result_resident_id").table(TABLE).col("resident_id").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_questionnaire_result_resident_id").table(TABLE).to_owned()).await?;
        manager.drop_index(Index::drop().name("ux_questionnaire_result_share_token").table(TABLE).to_owned()).await?;
        for column in [
            "recommended_course_ids",
            "visit_occupation",
            "visit_age_band",
            "visit_district_id",
            "consent_at",
            "share_token",
            "answers_count",
            "form",
        ] {
            manager.alter_table(Table::alter().table(TABLE).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
