//! The whole initial data model: places, courses, people, bookings, guidance.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Foreign key `table.column -> target.id`; `cascade` deletes children with their parent.
fn fk(table: &'static str, column: &'static str, target: &'static str, cascade: bool) -> ForeignKeyCreateStatement {
    let action = if cascade { ForeignKeyAction::Cascade } else { ForeignKeyAction::Restrict };
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(action)
        .to_owned()
}

fn index(table: &'static str, columns: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(format!("ix_{table}_{}", columns.join("_"))).table(table);
    for column in columns {
        statement.col(*column);
    }
    if unique {
        statement.unique();
    }
    statement.to_owned()
}

/// `<name>_kk`, `<name>_ru`, `<name>_en` text columns.
fn translated(table: &mut TableCreateStatement, name: &str, long: bool) {
    for lang in ["kk", "ru", "en"] {
        let column = format!("{name}_{lang}");
        table.col(if long { text(column) } else { string_len(column, 300) });
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut district = Table::create();
        district.table("district").col(pk_auto("id")).col(string_len_uniq("slug", 64));
        translated(&mut district, "name", false);
        manager.create_table(district).await?;

        let mut centre = Table::create();
        centre.table("centre").col(pk_auto("id")).col(string_len_uniq("slug", 64)).col(integer("district_id"));
        translated(&mut centre, "name", false);
        translated(&mut centre, "address", false);
        centre
            .col(integer("area_m2"))
            .col(string_len("opening_hours", 120))
            .col(string_len("status", 16))
            .foreign_key(&mut fk("centre", "district_id", "district", false));
        manager.create_table(centre).await?;
        manager.create_index(index("centre", &["district_id"], false)).await?;

        let mut room = Table::create();
        room.table("room").col(pk_auto("id")).col(integer("centre_id"));
        translated(&mut room, "name", false);
        room.col(string_len("kind", 24))
            .col(integer("capacity"))
            .col(string_len("equipment", 500))
            .col(boolean("needs_approval"))
            .col(integer("buffer_minutes"))
            .foreign_key(&mut fk("room", "centre_id", "centre", true));
        manager.create_table(room).await?;
        manager.create_index(index("room", &["centre_id"], false)).await?;

        let mut category = Table::create();
        category.table("course_category").col(pk_auto("id")).col(string_len_uniq("slug", 64));
        translated(&mut category, "name", false);
        manager.create_table(category).await?;

        let mut course = Table::create();
        course
            .table("course")
            .col(pk_auto("id"))
            .col(string_len_uniq("slug", 120))
            .col(integer("centre_id"))
            .col(integer("category_id"));
        translated(&mut course, "title", false);
        translated(&mut course, "description", true);
        course
            .col(text("search_text"))
            .col(string_len("language", 2))
            .col(string_len("format", 8))
            .col(small_integer("min_age"))
            .col(small_integer("max_age"))
            .col(integer("capacity"))
            .col(integer("seats_taken").default(0))
            .col(string_len("instructor", 200))
            .col(string_len("riasec", 6))
            .col(timestamp_with_time_zone("created_at"))
            .check(Expr::col("seats_taken").gte(0))
            .check(Expr::col("seats_taken").lte(Expr::col("capacity")))
            .check(Expr::col("min_age").lte(Expr::col("max_age")))
            .foreign_key(&mut fk("course", "centre_id", "centre", false))
            .foreign_key(&mut fk("course", "category_id", "course_category", false));
        manager.create_table(course).await?;
        manager.create_index(index("course", &["centre_id"], false)).await?;
        manager.create_index(index("course", &["category_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("course_session")
                    .col(pk_auto("id"))
                    .col(integer("course_id"))
                    .col(integer_null("room_id"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    .check(Expr::col("starts_at").lt(Expr::col("ends_at")))
                    .foreign_key(&mut fk("course_session", "course_id", "course", true))
                    .foreign_key(&mut fk("course_session", "room_id", "room", false))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("course_session", &["course_id", "starts_at"], false)).await?;
        manager.create_index(index("course_session", &["room_id", "starts_at"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("app_user")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("login", 254))
                    .col(string_len("display_name", 200))
                    .col(string_len("password_hash", 200))
                    .col(string_len("role", 12))
                    .col(integer_null("centre_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("app_user", "centre_id", "centre", false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("resident")
                    .col(pk_auto("id"))
                    .col(integer_uniq("user_id"))
                    .col(string_len("full_name", 200))
                    .col(date("birth_date"))
                    .col(integer("district_id"))
                    .col(string_len_null("phone", 32))
                    .col(string_len_null("email", 254))
                    .col(string_len("occupation", 10))
                    .col(timestamp_with_time_zone("data_consent_at"))
                    .col(string_len_null("guardian_name", 200))
                    .col(timestamp_with_time_zone_null("guardian_consent_at"))
                    .col(string_len_uniq("card_number", 32))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("resident", "user_id", "app_user", true))
                    .foreign_key(&mut fk("resident", "district_id", "district", false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("enrolment")
                    .col(pk_auto("id"))
                    .col(integer("course_id"))
                    .col(integer("resident_id"))
                    .col(string_len("status", 12))
                    .col(integer("position"))
                    .col(timestamp_with_time_zone("requested_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(boolean("attended").default(false))
                    .foreign_key(&mut fk("enrolment", "course_id", "course", true))
                    .foreign_key(&mut fk("enrolment", "resident_id", "resident", true))
                    .to_owned(),
            )
            .await?;
        // One enrolment row per resident and course; one queue position per course.
        manager.create_index(index("enrolment", &["course_id", "resident_id"], true)).await?;
        manager.create_index(index("enrolment", &["course_id", "position"], true)).await?;
        manager.create_index(index("enrolment", &["resident_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("booking")
                    .col(pk_auto("id"))
                    .col(integer("room_id"))
                    .col(integer("booked_by"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    .col(string_len("purpose", 300))
                    .col(string_len("status", 12))
                    .col(string_len_null("series_id", 40))
                    .col(timestamp_with_time_zone("created_at"))
                    .check(Expr::col("starts_at").lt(Expr::col("ends_at")))
                    .foreign_key(&mut fk("booking", "room_id", "room", true))
                    .foreign_key(&mut fk("booking", "booked_by", "app_user", false))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("booking", &["room_id", "starts_at"], false)).await?;
        manager.create_index(index("booking", &["series_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("questionnaire_result")
                    .col(pk_auto("id"))
                    .col(integer_null("centre_id"))
                    .col(integer_null("stakeholder_id"))
                    .col(integer_null("resident_id"))
                    .col(integer("score_r"))
                    .col(integer("score_i"))
                    .col(integer("score_a"))
                    .col(integer("score_s"))
                    .col(integer("score_e"))
                    .col(integer("score_c"))
                    .col(string_len("holland_code", 3))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("questionnaire_result", "centre_id", "centre", false))
                    .foreign_key(&mut fk("questionnaire_result", "stakeholder_id", "app_user", false))
                    .foreign_key(&mut fk("questionnaire_result", "resident_id", "resident", true))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("questionnaire_result", &["centre_id", "created_at"], false)).await?;

        let mut profession = Table::create();
        profession.table("profession").col(pk_auto("id")).col(string_len_uniq("slug", 64));
        translated(&mut profession, "name", false);
        translated(&mut profession, "description", true);
        profession.col(string_len("riasec", 3));
        manager.create_table(profession).await?;

        let mut benefit = Table::create();
        benefit
            .table("partner_benefit")
            .col(pk_auto("id"))
            .col(string_len_uniq("slug", 64))
            .col(string_len("partner", 200))
            .col(string_len("category", 10));
        translated(&mut benefit, "title", false);
        manager.create_table(benefit).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "partner_benefit",
            "profession",
            "questionnaire_result",
            "booking",
            "enrolment",
            "resident",
            "app_user",
            "course_session",
            "course",
            "course_category",
            "room",
            "centre",
            "district",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
