//! Roster queries: the course's residents in queue order, and attendance marks.
use super::domain::RosterEntry;
use crate::enrolment::domain::EnrolmentStatus;
use crate::enrolment::store::ACTIVE;
use crate::error::AppError;
use crate::server::entities::{course, enrolment, resident};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The course's enrolled residents, then its waitlist, each in arrival order.
pub async fn roster(db: &DatabaseConnection, course_id: i32) -> Result<Vec<RosterEntry>, AppError> {
    if course::Entity::find_by_id(course_id).one(db).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::CourseId.eq(course_id))
        .filter(enrolment::Column::Status.is_in(ACTIVE))
        .order_by_asc(enrolment::Column::Position)
        .all(db)
        .await?;
    let residents: HashMap<i32, resident::Model> = resident::Entity::find()
        .filter(resident::Column::Id.is_in(rows.iter().map(|row| row.resident_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|resident| (resident.id, resident))
        .collect();
    let (enrolled, waitlisted): (Vec<_>, Vec<_>) =
        rows.into_iter().partition(|row| row.status == EnrolmentStatus::Enrolled);
    let entries = enrolled
        .into_iter()
        .map(|row| (row, None))
        .chain(waitlisted.into_iter().zip(1..).map(|(row, place)| (row, Some(place))))
        .filter_map(|(row, waitlist_place)| {
            let resident = residents.get(&row.resident_id)?;
            Some(RosterEntry {
                resident_id: resident.id,
                full_name: resident.full_name.clone(),
                phone: resident.phone.clone(),
                email: resident.email.clone(),
                status: row.status,
                position: row.position,
                waitlist_place,
                attended: row.attended,
            })
        })
        .collect();
    Ok(entries)
}

/// Staff record whether an enrolled resident attended; only enrolled residents can be marked.
pub async fn mark_attended(
    db: &DatabaseConnection,
    course_id: i32,
    resident_id: i32,
    attended: bool,
) -> Result<(), AppError> {
    let result = enrolment::Entity::update_many()
        .col_expr(enrolment::Column::Attended, Expr::value(attended))
        .filter(enrolment::Column::CourseId.eq(course_id))
        .filter(enrolment::Column::ResidentId.eq(resident_id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Enrolled))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
