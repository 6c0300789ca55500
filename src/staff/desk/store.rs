//! The desk's queries and its two writes: attendance at today's session and a drop-in visit.
//! Both are idempotent: the unique indexes of migration m0016 keep one visit per session and one
//! drop-in per purpose and day, also when two desks check the same person in at once.
use super::domain::{
    CheckIn, CheckedIn, DeskCandidate, DeskCentre, DeskFound, DeskInput, DeskResident, RECENT_CHECK_INS,
    RESIDENTS_FOUND, SessionToday, VisitPurpose,
};
use crate::centres::domain::CentreStatus;
use crate::enrolment::domain::EnrolmentStatus;
use crate::error::{AppError, Field, InputProblem};
use crate::forms::age::{AgeBand, age_on};
use crate::forms::search::fold_for_search;
use crate::localized::Localized;
use crate::server::entities::{centre, course, course_session, district, enrolment, resident, visit};
use crate::server::transactions::{Failure, write_transaction};
use crate::time::{almaty_today, from_almaty};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// How the desk names a centre.
pub fn desk_centre(centre: &centre::Model) -> DeskCentre {
    DeskCentre { slug: centre.slug.clone(), name: Localized::new(&centre.name_kk, &centre.name_ru, &centre.name_en) }
}

/// The centres whose desks are open: an admin's choice.
pub async fn open_centres(db: &DatabaseConnection) -> Result<Vec<DeskCentre>, AppError> {
    Ok(centre::Entity::find()
        .filter(centre::Column::Status.eq(CentreStatus::Operating))
        .order_by_asc(centre::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(desk_centre)
        .collect())
}

/// The last check-ins at the centre, newest first.
pub async fn recent_check_ins(db: &DatabaseConnection, centre_id: i32) -> Result<Vec<CheckIn>, AppError> {
    let visits = visit::Entity::find()
        .filter(visit::Column::CentreId.eq(centre_id))
        .order_by_desc(visit::Column::CheckedInAt)
        .order_by_desc(visit::Column::Id)
        .limit(RECENT_CHECK_INS)
        .all(db)
        .await?;
    let residents: HashMap<i32, resident::Model> = resident::Entity::find()
        .filter(resident::Column::Id.is_in(visits.iter().map(|visit| visit.resident_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|resident| (resident.id, resident))
        .collect();
    let courses: HashMap<i32, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(visits.iter().filter_map(|visit| visit.course_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|course| (course.id, course))
        .collect();
    Ok(visits
        .into_iter()
        .filter_map(|visit| {
            let resident = residents.get(&visit.resident_id)?;
            Some(CheckIn {
                checked_in_at: visit.checked_in_at,
                full_name: resident.full_name.clone(),
                card_number: resident.card_number.clone(),
                purpose: visit.purpose,
                course_title: visit
                    .course_id
                    .and_then(|id| courses.get(&id))
                    .map(|course| Localized::new(&course.title_kk, &course.title_ru, &course.title_en)),
            })
        })
        .collect())
}

/// The resident a card, card number, name or phone points to. A token that was re-issued, or a
/// number nobody has, finds nobody: the desk never says which cards exist beyond that.
pub async fn find(
    db: &DatabaseConnection,
    centre: &centre::Model,
    input: DeskInput,
    now: DateTime<Utc>,
) -> Result<DeskFound, AppError> {
    let exact = match &input {
        DeskInput::CardToken(token) => resident::Column::CardToken.eq(token.as_str()),
        DeskInput::CardNumber(number) => resident::Column::CardNumber.eq(number.as_str()),
        DeskInput::Search(text) => return search(db, centre, text, now).await,
    };
    match resident::Entity::find().filter(exact).one(db).await? {
        Some(resident) => Ok(DeskFound::Resident(resident_day(db, centre, resident, now).await?)),
        None => Ok(DeskFound::Nobody),
    }
}

async fn search(
    db: &DatabaseConnection,
    centre: &centre::Model,
    text: &str,
    now: DateTime<Utc>,
) -> Result<DeskFound, AppError> {
    let text = text.replace(['%', '_'], "");
    // Names are searched in their folded column: SQLite's LIKE would fold only ASCII letters.
    let mut matches = Condition::any().add(resident::Column::SearchName.like(format!("%{}%", fold_for_search(&text))));
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 4 {
        matches = matches.add(resident::Column::Phone.like(format!("%{digits}%")));
    }
    let mut found = resident::Entity::find()
        .filter(matches)
        .order_by_asc(resident::Column::FullName)
        .order_by_asc(resident::Column::Id)
        .limit(RESIDENTS_FOUND)
        .all(db)
        .await?;
    if found.len() == 1 {
        let resident = found.remove(0);
        return Ok(DeskFound::Resident(resident_day(db, centre, resident, now).await?));
    }
    if found.is_empty() {
        return Ok(DeskFound::Nobody);
    }
    let districts = district_names(db).await?;
    Ok(DeskFound::Candidates(
        found
            .into_iter()
            .map(|resident| DeskCandidate {
                district: districts.get(&resident.district_id).cloned().unwrap_or_default(),
                phone_end: resident.phone.as_deref().map(phone_end),
                card_number: resident.card_number,
                full_name: resident.full_name,
            })
            .collect(),
    ))
}

/// The last four digits of a phone number: enough to tell two namesakes apart.
fn phone_end(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(4)..].iter().collect()
}

async fn district_names(db: &DatabaseConnection) -> Result<HashMap<i32, Localized>, AppError> {
    Ok(district::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|district| (district.id, Localized::new(district.name_kk, district.name_ru, district.name_en)))
        .collect())
}

/// Midnight to midnight of an Almaty day, in UTC.
fn almaty_day(day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = |day: NaiveDate| from_almaty(day.and_hms_opt(0, 0, 0).unwrap_or_default()).unwrap_or_default();
    (start(day), start(day.succ_opt().unwrap_or(day)))
}

/// The resident's day at this centre: today's sessions of courses they are enrolled in (and
/// whether each is marked), and the drop-ins already recorded today.
pub async fn resident_day(
    db: &DatabaseConnection,
    centre: &centre::Model,
    resident: resident::Model,
    now: DateTime<Utc>,
) -> Result<DeskResident, AppError> {
    let today = almaty_today(now);
    let (day_start, day_end) = almaty_day(today);
    let enrolled_courses: Vec<i32> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::CourseId)
        .filter(enrolment::Column::ResidentId.eq(resident.id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Enrolled))
        .into_tuple()
        .all(db)
        .await?;
    let courses: HashMap<i32, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(enrolled_courses))
        .filter(course::Column::CentreId.eq(centre.id))
        .all(db)
        .await?
        .into_iter()
        .map(|course| (course.id, course))
        .collect();
    let sessions = course_session::Entity::find()
        .filter(course_session::Column::CourseId.is_in(courses.keys().copied()))
        .filter(course_session::Column::StartsAt.gte(day_start))
        .filter(course_session::Column::StartsAt.lt(day_end))
        .order_by_asc(course_session::Column::StartsAt)
        .all(db)
        .await?;
    let visits_today = visit::Entity::find()
        .filter(visit::Column::ResidentId.eq(resident.id))
        .filter(visit::Column::CentreId.eq(centre.id))
        .filter(visit::Column::VisitedOn.eq(today))
        .all(db)
        .await?;
    let sessions_today = sessions
        .into_iter()
        .filter_map(|session| {
            let course = courses.get(&session.course_id)?;
            Some(SessionToday {
                session_id: session.id,
                course_title: Localized::new(&course.title_kk, &course.title_ru, &course.title_en),
                starts_at: session.starts_at,
                ends_at: session.ends_at,
                attended: visits_today.iter().any(|visit| visit.session_id == Some(session.id)),
            })
        })
        .collect();
    let drop_ins_today =
        visits_today.iter().filter(|visit| visit.purpose != VisitPurpose::Course).map(|visit| visit.purpose).collect();
    let district = district::Entity::find_by_id(resident.district_id).one(db).await?;
    Ok(DeskResident {
        resident_id: resident.id,
        card_number: resident.card_number,
        full_name: resident.full_name,
        from_another_district: resident.district_id != centre.district_id,
        district: district
            .map(|district| Localized::new(district.name_kk, district.name_ru, district.name_en))
            .unwrap_or_default(),
        age_band: AgeBand::of_age(age_on(resident.birth_date, today)),
        card_blocked: resident.card_blocked_at.is_some(),
        sessions_today,
        drop_ins_today,
    })
}

/// A visit about to be recorded: at a session (its course and session ids) or a drop-in.
struct NewVisit {
    centre_id: i32,
    resident_id: i32,
    at_session: Option<(i32, i32)>,
    purpose: VisitPurpose,
    staff_id: i32,
}

impl NewVisit {
    fn at(self, now: DateTime<Utc>) -> visit::ActiveModel {
        visit::ActiveModel {
            centre_id: Set(self.centre_id),
            resident_id: Set(self.resident_id),
            course_id: Set(self.at_session.map(|(course_id, _)| course_id)),
            session_id: Set(self.at_session.map(|(_, session_id)| session_id)),
            purpose: Set(self.purpose),
            visited_on: Set(almaty_today(now)),
            checked_in_at: Set(now),
            checked_in_by: Set(Some(self.staff_id)),
            ..Default::default()
        }
    }
}

/// Marks the resident present at today's session of a course of this centre they are enrolled in:
/// one visit per session, and the roster's "attended" mark. A session of another centre's course
/// is `NotFound`; another day's is refused; a second check-in changes nothing.
pub async fn attend(
    db: &DatabaseConnection,
    centre_id: i32,
    resident_id: i32,
    session_id: i32,
    staff_id: i32,
    now: DateTime<Utc>,
) -> Result<CheckedIn, AppError> {
    write_transaction(db, move |txn| {
        Box::pin(async move {
            let session = course_session::Entity::find_by_id(session_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let course = course::Entity::find_by_id(session.course_id)
                .filter(course::Column::CentreId.eq(centre_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let today = almaty_today(now);
            if almaty_today(session.starts_at) != today {
                return Err(Failure::Refused(AppError::invalid(Field::Session, InputProblem::OutOfRange)));
            }
            resident::Entity::find_by_id(resident_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let marked = enrolment::Entity::update_many()
                .col_expr(enrolment::Column::Attended, Expr::value(true))
                .filter(enrolment::Column::CourseId.eq(course.id))
                .filter(enrolment::Column::ResidentId.eq(resident_id))
                .filter(enrolment::Column::Status.eq(EnrolmentStatus::Enrolled))
                .exec(txn)
                .await?;
            if marked.rows_affected == 0 {
                return Err(Failure::Refused(AppError::invalid(Field::Enrolment, InputProblem::Missing)));
            }
            let earlier = visit::Entity::find()
                .filter(visit::Column::SessionId.eq(session_id))
                .filter(visit::Column::ResidentId.eq(resident_id))
                .one(txn)
                .await?;
            if earlier.is_some() {
                return Ok(CheckedIn { already: true });
            }
            let at_session = Some((course.id, session_id));
            let new_visit = NewVisit { centre_id, resident_id, at_session, purpose: VisitPurpose::Course, staff_id };
            // A concurrent desk may have inserted it first: the rerun then finds that visit.
            visit::Entity::insert(new_visit.at(now)).exec(txn).await.map_err(Failure::rerun_if_taken)?;
            Ok(CheckedIn { already: false })
        })
    })
    .await
}

/// Records a drop-in visit: anyone registered is welcome, whatever their district or courses.
pub async fn drop_in(
    db: &DatabaseConnection,
    centre_id: i32,
    resident_id: i32,
    purpose: VisitPurpose,
    staff_id: i32,
    now: DateTime<Utc>,
) -> Result<CheckedIn, AppError> {
    write_transaction(db, move |txn| {
        Box::pin(async move {
            resident::Entity::find_by_id(resident_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let today = almaty_today(now);
            if drop_in_recorded(txn, centre_id, resident_id, purpose, today).await? {
                return Ok(CheckedIn { already: true });
            }
            let new_visit = NewVisit { centre_id, resident_id, at_session: None, purpose, staff_id };
            visit::Entity::insert(new_visit.at(now)).exec(txn).await.map_err(Failure::rerun_if_taken)?;
            Ok(CheckedIn { already: false })
        })
    })
    .await
}

async fn drop_in_recorded<C: ConnectionTrait>(
    db: &C,
    centre_id: i32,
    resident_id: i32,
    purpose: VisitPurpose,
    day: NaiveDate,
) -> Result<bool, sea_orm::DbErr> {
    Ok(visit::Entity::find()
        .filter(visit::Column::CentreId.eq(centre_id))
        .filter(visit::Column::ResidentId.eq(resident_id))
        .filter(visit::Column::Purpose.eq(purpose))
        .filter(visit::Column::VisitedOn.eq(day))
        .filter(visit::Column::SessionId.is_null())
        .filter(visit::Column::CourseId.is_null())
        .one(db)
        .await?
        .is_some())
}
