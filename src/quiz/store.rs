//! Questionnaire results: saving a scored sheet, the result behind a share link with its
//! professions and courses, a resident's past results, the residents a mentor may run it with,
//! and the sessions report of a centre, a district or the city.
use super::domain::{
    AgeBand, COURSES_SHOWN, CourseMatch, PROFESSIONS_SHOWN, PastResult, ProfessionMatch, QuizForm, QuizResult,
    RiasecType, ScoredSheet, SessionRow, SessionsReport, Visitor, VisitorCandidate, code_text, first_letter_counts,
    most_recommended, parse_code, rank_by_code, rank_courses, shared_letters,
};
use crate::error::AppError;
use crate::forms::search::fold_for_search;
use crate::localized::Localized;
use crate::server::entities::{
    centre, course, course_session, district, enrolment, profession, questionnaire_result, resident,
};
use crate::server::transactions::{Failure, write_transaction};
use chrono::{DateTime, Datelike, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// Sessions listed in a report (the summary counts them all).
const SESSIONS_LISTED: u64 = 200;
/// Courses counted in a report's "most recommended".
const TOP_COURSES: usize = 5;
/// Residents a mentor's search shows.
const VISITORS_FOUND: u64 = 20;

/// Who a result is saved for, decided by the server function from the caller and the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A visitor without an account, or a colleague taking it for themselves: nobody's result.
    Nobody,
    /// A signed-in resident who took it alone.
    Resident { resident_id: i32 },
    /// A mentor ran it with a resident of their centre, who consented on screen.
    MentorWithResident { stakeholder_id: i32, centre_id: i32, resident_id: i32 },
    /// A mentor ran it with an anonymous visitor: district, age band and occupation only.
    MentorWithVisit { stakeholder_id: i32, centre_id: i32, district_id: i32, age_band: AgeBand, occupation: String },
}

fn centre_name(centre: &centre::Model) -> Localized {
    Localized::new(centre.name_kk.clone(), centre.name_ru.clone(), centre.name_en.clone())
}

/// Courses to recommend for `code`, best first: upcoming courses (a session still ahead) with a
/// Holland code, those of `own_centre` first.
pub async fn recommended_courses<C: ConnectionTrait>(
    db: &C,
    code: &[RiasecType],
    own_centre: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, CourseMatch)>, AppError> {
    let upcoming = Query::select()
        .column(course_session::Column::CourseId)
        .from(course_session::Entity)
        .and_where(course_session::Column::StartsAt.gt(now))
        .to_owned();
    // A course under way takes newcomers only with late enrolment: recommending the others would
    // offer an Enrol button that can only be refused.
    let started = Query::select()
        .column(course_session::Column::CourseId)
        .from(course_session::Entity)
        .and_where(course_session::Column::StartsAt.lte(now))
        .to_owned();
    let courses = course::Entity::find()
        .filter(course::Column::Id.in_subquery(upcoming))
        .filter(
            Condition::any()
                .add(course::Column::LateEnrolmentAllowed.eq(true))
                .add(course::Column::Id.not_in_subquery(started)),
        )
        .filter(course::Column::Riasec.ne(""))
        .order_by_asc(course::Column::Id)
        .all(db)
        .await?;
    let centres: HashMap<i32, centre::Model> =
        centre::Entity::find().all(db).await?.into_iter().map(|centre| (centre.id, centre)).collect();
    let (own, others): (Vec<_>, Vec<_>) = courses
        .into_iter()
        .map(|course| {
            let riasec = course.riasec.clone();
            (course, riasec)
        })
        .partition(|(course, _)| Some(course.centre_id) == own_centre);
    let ranked = rank_courses(code, own, others);
    Ok(ranked
        .into_iter()
        .take(COURSES_SHOWN)
        .filter_map(|course| {
            let centre = centres.get(&course.centre_id)?;
            let course_code = parse_code(&course.riasec)?;
            Some((
                course.id,
                CourseMatch {
                    slug: course.slug,
                    title: Localized::new(course.title_kk, course.title_ru, course.title_en),
                    centre_name: centre_name(centre),
                    at_this_centre: Some(centre.id) == own_centre,
                    shared: code_text(&shared_letters(code, &course_code)),
                    code: course.riasec,
                    seats_left: (course.capacity - course.seats_taken).max(0),
                    capacity: course.capacity,
                    viewer_refusal: None,
                },
            ))
        })
        .collect())
}

/// The professions closest to `code`, best first (equal closeness in the seeded order).
async fn matching_professions<C: ConnectionTrait>(
    db: &C,
    code: &[RiasecType],
) -> Result<Vec<ProfessionMatch>, AppError> {
    let professions = profession::Entity::find().order_by_asc(profession::Column::Id).all(db).await?;
    let candidates =
        professions.into_iter().filter_map(|profession| Some((profession.clone(), parse_code(&profession.riasec)?)));
    Ok(rank_by_code(code, candidates.collect())
        .into_iter()
        .take(PROFESSIONS_SHOWN)
        .map(|(profession, _)| {
            let profession_code = parse_code(&profession.riasec).unwrap_or_default();
            ProfessionMatch {
                slug: profession.slug,
                name: Localized::new(profession.name_kk, profession.name_ru, profession.name_en),
                description: Localized::new(
                    profession.description_kk,
                    profession.description_ru,
                    profession.description_en,
                ),
                shared: code_text(&shared_letters(code, &profession_code)),
                code: profession.riasec,
            }
        })
        .collect())
}

/// Stores a scored sheet for `owner`; returns the share token. One insert in a write transaction
/// (a token that happens to be taken is drawn again).
pub async fn save(
    db: &DatabaseConnection,
    sheet: ScoredSheet,
    owner: Owner,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let centre_id = match owner {
        Owner::MentorWithResident { centre_id, .. } | Owner::MentorWithVisit { centre_id, .. } => Some(centre_id),
        Owner::Nobody | Owner::Resident { .. } => None,
    };
    let recommended = recommended_courses(db, &sheet.code, centre_id, now).await?;
    let recommended: Vec<String> = recommended.iter().map(|(id, _)| id.to_string()).collect();
    let recommended = recommended.join(",");
    write_transaction(db, move |txn| {
        let (owner, recommended) = (owner.clone(), recommended.clone());
        Box::pin(async move {
            // 18 random bytes: an unguessable share link that names no one.
            let token = crate::server::secrets::url_token::<18>();
            let mut row = questionnaire_result::ActiveModel {
                centre_id: Set(centre_id),
                stakeholder_id: Set(None),
                resident_id: Set(None),
                score_r: Set(i32::from(sheet.scores[0])),
                score_i: Set(i32::from(sheet.scores[1])),
                score_a: Set(i32::from(sheet.scores[2])),
                score_s: Set(i32::from(sheet.scores[3])),
                score_e: Set(i32::from(sheet.scores[4])),
                score_c: Set(i32::from(sheet.scores[5])),
                holland_code: Set(code_text(&sheet.code)),
                created_at: Set(now),
                form: Set(sheet.form.slug().to_owned()),
                answers_count: Set(sheet.answered as i32),
                share_token: Set(Some(token.clone())),
                consent_at: Set(None),
                visit_district_id: Set(None),
                visit_age_band: Set(None),
                visit_occupation: Set(None),
                recommended_course_ids: Set(recommended),
                ..Default::default()
            };
            match owner {
                Owner::Nobody => {}
                Owner::Resident { resident_id } => row.resident_id = Set(Some(resident_id)),
                Owner::MentorWithResident { stakeholder_id, resident_id, .. } => {
                    row.stakeholder_id = Set(Some(stakeholder_id));
                    row.resident_id = Set(Some(resident_id));
                    row.consent_at = Set(Some(now));
                }
                Owner::MentorWithVisit { stakeholder_id, district_id, age_band, occupation, .. } => {
                    row.stakeholder_id = Set(Some(stakeholder_id));
                    row.visit_district_id = Set(Some(district_id));
                    row.visit_age_band = Set(Some(age_band.slug().to_owned()));
                    row.visit_occupation = Set(Some(occupation));
                }
            }
            row.insert(txn).await.map_err(Failure::rerun_if_taken)?;
            Ok(token)
        })
    })
    .await
}

/// A share token as the link carries it: anything else names no result.
fn is_token(token: &str) -> bool {
    (1..=64).contains(&token.len()) && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The result behind a share link, with professions and courses as they are now (the courses of
/// the centre that ran the session first). Nothing personal: no name, no visit details.
pub async fn result_by_token(db: &DatabaseConnection, token: &str, now: DateTime<Utc>) -> Result<QuizResult, AppError> {
    if !is_token(token) {
        return Err(AppError::NotFound);
    }
    let row = questionnaire_result::Entity::find()
        .filter(questionnaire_result::Column::ShareToken.eq(token))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let code = parse_code(&row.holland_code).unwrap_or_default();
    let scores = [row.score_r, row.score_i, row.score_a, row.score_s, row.score_e, row.score_c]
        .map(|score| score.clamp(0, 100) as u8);
    Ok(QuizResult {
        token: token.to_owned(),
        form: QuizForm::from_slug(&row.form).unwrap_or(QuizForm::Full),
        answered: row.answers_count.max(0) as u32,
        scores,
        professions: matching_professions(db, &code).await?,
        courses: recommended_courses(db, &code, row.centre_id, now)
            .await?
            .into_iter()
            .map(|(_, course)| course)
            .collect(),
        code: row.holland_code,
        created_at: row.created_at,
    })
}

/// A resident's own results, newest first.
pub async fn past_results(db: &DatabaseConnection, resident_id: i32) -> Result<Vec<PastResult>, AppError> {
    let rows = questionnaire_result::Entity::find()
        .filter(questionnaire_result::Column::ResidentId.eq(resident_id))
        .filter(questionnaire_result::Column::ShareToken.is_not_null())
        .order_by_desc(questionnaire_result::Column::CreatedAt)
        .order_by_desc(questionnaire_result::Column::Id)
        .all(db)
        .await?;
    let centres: HashMap<i32, centre::Model> =
        centre::Entity::find().all(db).await?.into_iter().map(|centre| (centre.id, centre)).collect();
    Ok(rows
        .into_iter()
        .map(|row| PastResult {
            token: row.share_token.unwrap_or_default(),
            code: row.holland_code,
            form: QuizForm::from_slug(&row.form).unwrap_or(QuizForm::Full),
            created_at: row.created_at,
            centre_name: row.centre_id.and_then(|id| centres.get(&id)).map(centre_name),
        })
        .collect())
}

/// The residents of a centre: those living in its district, and those with a place (or a
/// waiting-list place) in one of its courses. Mentors see and save results for these only.
fn residents_of_centre(centre: &centre::Model) -> Condition {
    let enrolled_here = Query::select()
        .column(enrolment::Column::ResidentId)
        .from(enrolment::Entity)
        .and_where(
            enrolment::Column::CourseId.in_subquery(
                Query::select()
                    .column(course::Column::Id)
                    .from(course::Entity)
                    .and_where(course::Column::CentreId.eq(centre.id))
                    .to_owned(),
            ),
        )
        .to_owned();
    Condition::any()
        .add(resident::Column::DistrictId.eq(centre.district_id))
        .add(resident::Column::Id.in_subquery(enrolled_here))
}

async fn centre_by_id(db: &DatabaseConnection, centre_id: i32) -> Result<centre::Model, AppError> {
    centre::Entity::find_by_id(centre_id).one(db).await?.ok_or(AppError::NotFound)
}

/// Residents of the centre whose name, phone or card number contains `search`.
pub async fn find_visitors(
    db: &DatabaseConnection,
    centre_id: i32,
    search: &str,
) -> Result<Vec<VisitorCandidate>, AppError> {
    let centre = centre_by_id(db, centre_id).await?;
    let search = search.trim().replace(['%', '_'], "");
    if search.is_empty() {
        return Ok(Vec::new());
    }
    // Names are searched in their folded column: SQLite's LIKE would fold only ASCII letters.
    let mut matches = Condition::any()
        .add(resident::Column::SearchName.like(format!("%{}%", fold_for_search(&search))))
        .add(resident::Column::CardNumber.like(format!("%{}%", search.to_uppercase())));
    let digits: String = search.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 4 {
        matches = matches.add(resident::Column::Phone.like(format!("%{digits}%")));
    }
    let residents = resident::Entity::find()
        .filter(residents_of_centre(&centre))
        .filter(matches)
        .order_by_asc(resident::Column::FullName)
        .limit(VISITORS_FOUND)
        .all(db)
        .await?;
    Ok(residents
        .into_iter()
        .map(|resident| VisitorCandidate {
            resident_id: resident.id,
            full_name: resident.full_name,
            card_number: resident.card_number,
            phone_end: resident
                .phone
                .map(|phone| phone.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect()),
        })
        .collect())
}

/// A resident of the centre by id; `NotFound` for anyone else (a mentor of another centre learns
/// nothing, not even that the resident exists).
pub async fn visitor_of_centre(
    db: &DatabaseConnection,
    centre_id: i32,
    resident_id: i32,
) -> Result<resident::Model, AppError> {
    let centre = centre_by_id(db, centre_id).await?;
    resident::Entity::find_by_id(resident_id)
        .filter(residents_of_centre(&centre))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The id of a district by its URL key.
pub async fn district_id(db: &DatabaseConnection, slug: &str) -> Result<Option<district::Model>, AppError> {
    Ok(district::Entity::find().filter(district::Column::Slug.eq(slug)).one(db).await?)
}

/// What a sessions report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Centre(i32),
    District(i32),
    City,
}

/// The sessions of a centre (run by its mentors), of a district's centres, or of the whole city
/// (every saved result, also those taken alone), newest first, with their summary.
pub async fn sessions_report(
    db: &DatabaseConnection,
    scope: Scope,
    now: DateTime<Utc>,
) -> Result<SessionsReport, AppError> {
    let centres: HashMap<i32, centre::Model> =
        centre::Entity::find().all(db).await?.into_iter().map(|centre| (centre.id, centre)).collect();
    let districts: HashMap<i32, district::Model> =
        district::Entity::find().all(db).await?.into_iter().map(|district| (district.id, district)).collect();
    let mut query = questionnaire_result::Entity::find()
        .filter(questionnaire_result::Column::ShareToken.is_not_null())
        .order_by_desc(questionnaire_result::Column::CreatedAt)
        .order_by_desc(questionnaire_result::Column::Id);
    let scope_name = match scope {
        Scope::Centre(centre_id) => {
            query = query.filter(questionnaire_result::Column::CentreId.eq(centre_id));
            centres.get(&centre_id).map(centre_name)
        }
        Scope::District(district_id) => {
            let ids: Vec<i32> =
                centres.values().filter(|centre| centre.district_id == district_id).map(|centre| centre.id).collect();
            query = query.filter(questionnaire_result::Column::CentreId.is_in(ids));
            districts.get(&district_id).map(|d| Localized::new(d.name_kk.clone(), d.name_ru.clone(), d.name_en.clone()))
        }
        Scope::City => None,
    };
    let rows = query.all(db).await?;
    let this_month = {
        let today = crate::time::to_almaty(now);
        rows.iter()
            .filter(|row| {
                let at = crate::time::to_almaty(row.created_at);
                (at.year(), at.month()) == (today.year(), today.month())
            })
            .count() as u32
    };
    let first_letters = first_letter_counts(rows.iter().map(|row| row.holland_code.as_str()));
    let top = most_recommended(rows.iter().map(|row| row.recommended_course_ids.as_str()), TOP_COURSES);
    let top_ids: Vec<i32> = top.iter().map(|(id, _)| *id).collect();
    let top_courses: HashMap<i32, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(top_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|course| (course.id, course))
        .collect();
    let top_courses = top
        .into_iter()
        .filter_map(|(id, count)| {
            let course = top_courses.get(&id)?;
            let title = Localized::new(course.title_kk.clone(), course.title_ru.clone(), course.title_en.clone());
            Some((title, course.slug.clone(), count))
        })
        .collect();
    let listed: Vec<&questionnaire_result::Model> = rows.iter().take(SESSIONS_LISTED as usize).collect();
    let names: HashMap<i32, String> = resident::Entity::find()
        .filter(
            resident::Column::Id
                .is_in(listed.iter().filter(|row| row.stakeholder_id.is_some()).filter_map(|row| row.resident_id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|resident| (resident.id, resident.full_name))
        .collect();
    let sessions = listed
        .into_iter()
        .map(|row| {
            let visitor = match (row.stakeholder_id, row.resident_id) {
                // A mentor's session with a resident who consented: the mentor's centre sees the name.
                (Some(_), Some(resident_id)) => {
                    Visitor::Resident { full_name: names.get(&resident_id).cloned().unwrap_or_default() }
                }
                (Some(_), None) => Visitor::Anonymous {
                    district: row
                        .visit_district_id
                        .and_then(|id| districts.get(&id))
                        .map(|d| Localized::new(d.name_kk.clone(), d.name_ru.clone(), d.name_en.clone())),
                    age_band: row.visit_age_band.as_deref().and_then(AgeBand::from_slug),
                    occupation: row.visit_occupation.clone(),
                },
                (None, _) => Visitor::Alone,
            };
            SessionRow {
                created_at: row.created_at,
                code: row.holland_code.clone(),
                visitor,
                centre_name: row.centre_id.and_then(|id| centres.get(&id)).map(centre_name),
                token: row.share_token.clone().unwrap_or_default(),
            }
        })
        .collect();
    Ok(SessionsReport { scope: scope_name, sessions, total: rows.len() as u32, this_month, first_letters, top_courses })
}
