//! sea-orm entities: one module per table. Times are `DateTimeUtc`; the UI shows them in Almaty time.
//! Translated texts are stored as `<field>_kk`, `<field>_ru`, `<field>_en` columns.

pub mod district {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "district")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// Stable ASCII key used in URLs (`?district=almaly`).
        #[sea_orm(unique)]
        pub slug: String,
        pub name_kk: String,
        pub name_ru: String,
        pub name_en: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "super::centre::Entity")]
        Centre,
    }

    impl Related<super::centre::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Centre.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod centre {
    use crate::centres::domain::CentreStatus;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "centre")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub slug: String,
        pub district_id: i32,
        pub name_kk: String,
        pub name_ru: String,
        pub name_en: String,
        pub address_kk: String,
        pub address_ru: String,
        pub address_en: String,
        pub area_m2: i32,
        /// Free text shown as-is, e.g. "Mon–Sat 09:00–21:00".
        pub opening_hours: String,
        pub status: CentreStatus,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::district::Entity",
            from = "Column::DistrictId",
            to = "super::district::Column::Id"
        )]
        District,
        #[sea_orm(has_many = "super::room::Entity")]
        Room,
    }

    impl Related<super::district::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::District.def()
        }
    }

    impl Related<super::room::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Room.def()
        }
    }

    impl Entity {
        /// The centre a URL names; a malformed or unknown slug is `NotFound`.
        pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<Model, crate::error::AppError> {
            use crate::error::AppError;
            let Ok(Some(slug)) = crate::forms::slug::parse_slug(crate::error::Field::Centre, Some(slug)) else {
                return Err(AppError::NotFound);
            };
            Self::find().filter(Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod room {
    use crate::centres::domain::RoomKind;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "room")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub centre_id: i32,
        pub name_kk: String,
        pub name_ru: String,
        pub name_en: String,
        pub kind: RoomKind,
        pub capacity: i32,
        /// Comma-separated equipment list, shown as-is.
        pub equipment: String,
        /// Bookings start as pending until centre staff approve them (e.g. recording studios).
        pub needs_approval: bool,
        /// Minutes that must stay free between two bookings (cleaning, set-up).
        pub buffer_minutes: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "super::centre::Entity", from = "Column::CentreId", to = "super::centre::Column::Id")]
        Centre,
    }

    impl Related<super::centre::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Centre.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod course_category {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "course_category")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub slug: String,
        pub name_kk: String,
        pub name_ru: String,
        pub name_en: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod course {
    use crate::forms::keys::{CourseFormat, InstructionLanguage};
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "course")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// Stable, shareable URL key (`/courses/<slug>`).
        #[sea_orm(unique)]
        pub slug: String,
        pub centre_id: i32,
        pub category_id: i32,
        pub title_kk: String,
        pub title_ru: String,
        pub title_en: String,
        #[sea_orm(column_type = "Text")]
        pub description_kk: String,
        #[sea_orm(column_type = "Text")]
        pub description_ru: String,
        #[sea_orm(column_type = "Text")]
        pub description_en: String,
        /// All titles and descriptions, lower-cased in Rust: SQLite's LIKE folds only ASCII letters.
        #[sea_orm(column_type = "Text")]
        pub search_text: String,
        pub language: InstructionLanguage,
        pub format: CourseFormat,
        pub min_age: i16,
        pub max_age: i16,
        pub capacity: i32,
        /// Seats held by `enrolled` rows; raised only by a conditional UPDATE (`seats_taken < capacity`).
        pub seats_taken: i32,
        pub instructor: String,
        /// Holland code letters the course develops, strongest first (e.g. "AE").
        pub riasec: String,
        pub created_at: DateTimeUtc,
        /// Staff allow enrolment after the first session has started.
        pub late_enrolment_allowed: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "super::centre::Entity", from = "Column::CentreId", to = "super::centre::Column::Id")]
        Centre,
        #[sea_orm(
            belongs_to = "super::course_category::Entity",
            from = "Column::CategoryId",
            to = "super::course_category::Column::Id"
        )]
        Category,
    }

    impl Related<super::centre::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Centre.def()
        }
    }

    impl Entity {
        /// The course a URL names: the one course-by-slug lookup every room uses. A malformed or
        /// unknown slug is `NotFound`, like any page that does not exist.
        pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<Model, crate::error::AppError> {
            Self::find_by_slug(slug)?.one(db).await?.ok_or(crate::error::AppError::NotFound)
        }

        /// [`Self::by_slug`]'s query, for callers that read related rows with it.
        pub fn find_by_slug(slug: &str) -> Result<Select<Entity>, crate::error::AppError> {
            let Ok(Some(slug)) = crate::forms::slug::parse_slug(crate::error::Field::Course, Some(slug)) else {
                return Err(crate::error::AppError::NotFound);
            };
            Ok(Self::find().filter(Column::Slug.eq(slug)))
        }

        /// Courses by id with the centres they run at, keyed by id: the one batch lookup behind
        /// pages and feeds that list a resident's courses.
        pub async fn with_centres<C: ConnectionTrait>(
            db: &C,
            course_ids: &[i32],
        ) -> Result<(std::collections::HashMap<i32, Model>, std::collections::HashMap<i32, super::centre::Model>), DbErr>
        {
            let courses: std::collections::HashMap<i32, Model> = Self::find()
                .filter(Column::Id.is_in(course_ids.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|course| (course.id, course))
                .collect();
            let centres = super::centre::Entity::find()
                .filter(super::centre::Column::Id.is_in(courses.values().map(|course| course.centre_id)))
                .all(db)
                .await?
                .into_iter()
                .map(|centre| (centre.id, centre))
                .collect();
            Ok((courses, centres))
        }
    }

    impl Related<super::course_category::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Category.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// Upcoming courses (those with a stored next session) per category, centre, language, format, age
/// band and whether a seat is left; written only by the database's triggers on `course` (migrations
/// m0012, m0019).
pub mod course_facet_count {
    use crate::forms::keys::{CourseFormat, InstructionLanguage};
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "course_facet_count")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub category_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub centre_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub language: InstructionLanguage,
        #[sea_orm(primary_key, auto_increment = false)]
        pub format: CourseFormat,
        #[sea_orm(primary_key, auto_increment = false)]
        pub min_age: i16,
        #[sea_orm(primary_key, auto_increment = false)]
        pub max_age: i16,
        #[sea_orm(primary_key, auto_increment = false)]
        pub has_free_seats: bool,
        pub upcoming: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Upcoming courses per weekday / part-of-the-day filter (`slot_filter`, see
/// `catalogue::search::domain::SlotFilter::key`) and the groups of [`course_facet_count`]; written
/// only by the database's triggers on `course` (migration m0021).
pub mod course_slot_count {
    use crate::forms::keys::{CourseFormat, InstructionLanguage};
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "course_slot_count")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub slot_filter: i16,
        #[sea_orm(primary_key, auto_increment = false)]
        pub category_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub centre_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub language: InstructionLanguage,
        #[sea_orm(primary_key, auto_increment = false)]
        pub format: CourseFormat,
        #[sea_orm(primary_key, auto_increment = false)]
        pub min_age: i16,
        #[sea_orm(primary_key, auto_increment = false)]
        pub max_age: i16,
        #[sea_orm(primary_key, auto_increment = false)]
        pub has_free_seats: bool,
        pub upcoming: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod course_session {
    use sea_orm::ActiveValue::{self, Set};
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "course_session")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub course_id: i32,
        /// Empty for online sessions.
        pub room_id: Option<i32>,
        pub starts_at: DateTimeUtc,
        pub ends_at: DateTimeUtc,
        /// Almaty weekday of `starts_at`, 0 = Monday; kept so weekday filters are plain SQL on every
        /// database. Filled in by [`ActiveModel::scheduled`] and on save; -1 means never computed.
        pub almaty_weekday: i16,
        /// Almaty wall-clock minutes since midnight of `starts_at`, for time-of-day filters.
        pub almaty_minute_of_day: i16,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "super::course::Entity", from = "Column::CourseId", to = "super::course::Column::Id")]
        Course,
        #[sea_orm(belongs_to = "super::room::Entity", from = "Column::RoomId", to = "super::room::Column::Id")]
        Room,
    }

    impl ActiveModel {
        /// A new session with its Almaty weekday and time of day; use it for bulk `insert_many`,
        /// which (unlike `insert`/`save`) skips the `before_save` hook.
        pub fn scheduled(course_id: i32, room_id: Option<i32>, starts_at: DateTimeUtc, ends_at: DateTimeUtc) -> Self {
            ActiveModel {
                course_id: Set(course_id),
                room_id: Set(room_id),
                starts_at: Set(starts_at),
                ends_at: Set(ends_at),
                almaty_weekday: Set(crate::time::almaty_weekday(starts_at)),
                almaty_minute_of_day: Set(crate::time::almaty_minute_of_day(starts_at)),
                ..Default::default()
            }
        }
    }

    impl Related<super::course::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Course.def()
        }
    }

    impl Related<super::room::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Room.def()
        }
    }

    #[async_trait::async_trait]
    impl ActiveModelBehavior for ActiveModel {
        /// Keeps the Almaty weekday and time in step whenever `starts_at` is written.
        async fn before_save<C: ConnectionTrait>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr> {
            if let ActiveValue::Set(starts_at) = self.starts_at {
                self.almaty_weekday = Set(crate::time::almaty_weekday(starts_at));
                self.almaty_minute_of_day = Set(crate::time::almaty_minute_of_day(starts_at));
            }
            Ok(self)
        }
    }
}

pub mod app_user {
    use crate::accounts::domain::Role;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "app_user")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// Normalised e-mail address or phone number the user signs in with.
        #[sea_orm(unique)]
        pub login: String,
        pub display_name: String,
        /// Argon2id PHC string.
        pub password_hash: String,
        pub role: Role,
        /// Set for staff and stakeholders only: the centre they work at.
        pub centre_id: Option<i32>,
        pub created_at: DateTimeUtc,
        /// The secret in the URL of the person's bookings feed; made on first use.
        pub booking_feed_token: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod resident {
    use crate::residents::domain::Occupation;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "resident")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub user_id: i32,
        pub full_name: String,
        /// `full_name` folded for search (`forms::search::fold_for_search`), written with every name.
        pub search_name: String,
        pub birth_date: Date,
        pub district_id: i32,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub occupation: Occupation,
        /// When the resident agreed to personal-data processing (required to register).
        pub data_consent_at: DateTimeUtc,
        /// Name of the parent or guardian who consented, for residents under 18.
        pub guardian_name: Option<String>,
        pub guardian_consent_at: Option<DateTimeUtc>,
        /// Number printed on the resident's discount card.
        #[sea_orm(unique)]
        pub card_number: String,
        pub created_at: DateTimeUtc,
        /// Secret in the URL of the resident's calendar feed; reset to cut off old subscriptions.
        #[sea_orm(unique)]
        pub calendar_token: Option<String>,
        /// Secret in the link the card's QR code holds; a new one on re-issue (made on first use).
        #[sea_orm(unique)]
        pub card_token: Option<String>,
        /// Set when an admin blocks the card: its link then says "not valid".
        pub card_blocked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl Entity {
        /// The resident record of a signed-in account; `NotFound` for accounts that are not residents.
        pub async fn of_account<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Model, crate::error::AppError> {
            Self::find().filter(Column::UserId.eq(user_id)).one(db).await?.ok_or(crate::error::AppError::NotFound)
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod enrolment {
    use crate::enrolment::domain::EnrolmentStatus;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "enrolment")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub course_id: i32,
        pub resident_id: i32,
        pub status: EnrolmentStatus,
        /// Arrival order within the course; the lowest waitlisted position is promoted first.
        pub position: i32,
        pub requested_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// Set by staff when the resident attended.
        pub attended: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod booking {
    use crate::booking::domain::BookingStatus;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "booking")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub room_id: i32,
        pub booked_by: i32,
        pub starts_at: DateTimeUtc,
        pub ends_at: DateTimeUtc,
        pub purpose: String,
        pub status: BookingStatus,
        /// Shared by the bookings of one repeating series, so the series can be changed as a whole.
        pub series_id: Option<String>,
        pub created_at: DateTimeUtc,
        pub attendees: i32,
        /// Why staff declined or cancelled it, shown to the booker.
        pub decision_note: Option<String>,
        pub decided_by: Option<i32>,
        /// The end plus the room's pause: the range no other live booking may overlap.
        pub blocked_until: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "super::room::Entity", from = "Column::RoomId", to = "super::room::Column::Id")]
        Room,
    }

    impl Related<super::room::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Room.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// A centre's own weekly booking limit for one booker kind and room kind (migration m0010).
pub mod room_quota {
    use crate::booking::domain::Booker;
    use crate::centres::domain::RoomKind;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "room_quota")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub centre_id: i32,
        pub booker: Booker,
        pub room_kind: RoomKind,
        /// `None`: no limit.
        pub weekly_minutes: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod questionnaire_result {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "questionnaire_result")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub centre_id: Option<i32>,
        /// The stakeholder who ran the questionnaire with the visitor, if any.
        pub stakeholder_id: Option<i32>,
        /// Set when the visitor is a registered resident.
        pub resident_id: Option<i32>,
        pub score_r: i32,
        pub score_i: i32,
        pub score_a: i32,
        pub score_s: i32,
        pub score_e: i32,
        pub score_c: i32,
        /// Top three RIASEC letters, strongest first.
        pub holland_code: String,
        pub created_at: DateTimeUtc,
        /// `quick`, `full` or `adaptive` (`QuizForm::slug`).
        pub form: String,
        /// Items answered (the adaptive form stops early).
        pub answers_count: i32,
        /// Secret of the share link `/quiz/result/<token>` (empty for rows older than share links).
        #[sea_orm(unique)]
        pub share_token: Option<String>,
        /// When the resident agreed, on the mentor's screen, that the result is saved to them.
        pub consent_at: Option<DateTimeUtc>,
        /// An anonymous visit run by a mentor: the visitor's district, age band and occupation only.
        pub visit_district_id: Option<i32>,
        pub visit_age_band: Option<String>,
        pub visit_occupation: Option<String>,
        /// Comma-separated ids of the courses recommended when the result was saved, best first.
        pub recommended_course_ids: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod profession {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "profession")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub slug: String,
        pub name_kk: String,
        pub name_ru: String,
        pub name_en: String,
        #[sea_orm(column_type = "Text")]
        pub description_kk: String,
        #[sea_orm(column_type = "Text")]
        pub description_ru: String,
        #[sea_orm(column_type = "Text")]
        pub description_en: String,
        /// Three-letter Holland code, strongest first.
        pub riasec: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod partner_benefit {
    use crate::residents::domain::BenefitCategory;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "partner_benefit")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub slug: String,
        pub partner: String,
        pub category: BenefitCategory,
        pub title_kk: String,
        pub title_ru: String,
        pub title_en: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod web_session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "web_session")]
    pub struct Model {
        /// The session id from the cookie (tower-sessions' random 128-bit id, base64).
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        /// The signed-in user, copied out of `data` so all of a user's sessions can be ended at once.
        pub user_id: Option<i32>,
        /// The session's key-value data as JSON.
        #[sea_orm(column_type = "Text")]
        pub data: String,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A resident checked in at a centre's desk (migration m0016): for a course session, or a drop-in.
pub mod visit {
    use crate::staff::desk::domain::VisitPurpose;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "visit")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub centre_id: i32,
        pub resident_id: i32,
        /// The course and session attended; both empty for a drop-in.
        pub course_id: Option<i32>,
        pub session_id: Option<i32>,
        pub purpose: VisitPurpose,
        /// The Almaty date of the visit, for daily uniqueness and monthly counts.
        pub visited_on: Date,
        pub checked_in_at: DateTimeUtc,
        /// The staff member at the desk.
        pub checked_in_by: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
