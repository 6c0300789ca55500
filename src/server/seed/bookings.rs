//! A month of demo bookings (two weeks back, four ahead) in every open centre, so the week grid
//! and the desk have something to show on first start: classrooms by day, the studio in the
//! evenings, a few residents' studio requests waiting for approval. Slots that would touch a
//! course session (with the room's pause) are left out, as the booker itself would refuse them.
use crate::booking::domain::{BookingStatus, Slot, slots_clash};
use crate::centres::domain::RoomKind;
use crate::server::entities::{booking, course_session, room};
use crate::time::from_almaty;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// Weekly pattern per room kind: (weekdays 0 = Monday, start hour, hours, purpose).
fn pattern(kind: RoomKind) -> &'static [(&'static [u32], u32, u32, &'static str)] {
    match kind {
        RoomKind::Classroom => &[
            (&[0, 2, 4], 10, 2, "Еріктілер тренингі / Тренинг волонтёров"),
            (&[1, 3], 14, 2, "Мастер-класс по SMM для НКО"),
            (&[5], 11, 3, "Дебат-клуб: финал сезона"),
        ],
        RoomKind::Coworking => &[(&[2], 10, 3, "Встреча стартап-клуба"), (&[4], 15, 2, "Хакатон: подготовка команд")],
        RoomKind::RecordingStudio => &[
            (&[0, 2, 4], 18, 2, "Запись подкаста «Алматы жастары»"),
            (&[1, 3], 19, 2, "Сведение трека, студийная смена"),
            (&[5], 16, 3, "Запись вокала для конкурса"),
        ],
        RoomKind::MusicClass => &[(&[0, 3], 17, 2, "Домбыра ансамблінің репетициясы")],
        RoomKind::ConsultationRoom => &[(&[1, 3], 15, 1, "Консультация юриста (приём по записи)")],
    }
}

/// Adds the demo bookings unless the database already has bookings (the seed stays idempotent).
pub async fn add_demo_bookings<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
    staff: (i32, Option<i32>),
    admin_id: i32,
    resident_id: Option<i32>,
    created_at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if booking::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let monday = today - Duration::days(today.weekday().num_days_from_monday().into());
    let (first_day, last_day) = (monday - Duration::weeks(2), monday + Duration::weeks(4));
    let now = from_almaty(today.and_time(NaiveTime::MIN)).unwrap_or(created_at);
    let rooms = room::Entity::find().all(db).await?;
    let mut rows = Vec::new();
    for (index, room) in rooms.iter().enumerate() {
        let pause = Duration::minutes(room.buffer_minutes.max(0).into());
        let (from, until) = (midnight(first_day), midnight(last_day));
        let mut taken: Vec<Slot> = course_session::Entity::find()
            .filter(course_session::Column::RoomId.eq(room.id))
            .filter(course_session::Column::StartsAt.gte(from - Duration::days(1)))
            .filter(course_session::Column::StartsAt.lt(until))
            .all(db)
            .await?
            .into_iter()
            .map(|session| (session.starts_at, session.ends_at))
            .collect();
        // Centres differ a little: every other one starts an hour later.
        let shift = (index / 6 % 2) as u32;
        let mut day = first_day;
        let mut requests_left = 2;
        while day < last_day {
            let weekday = day.weekday().num_days_from_monday();
            for (weekdays, hour, hours, purpose) in pattern(room.kind) {
                if !weekdays.contains(&weekday) {
                    continue;
                }
                let start_hour = (hour + shift).min(21 - hours);
                let (Some(starts_at), Some(ends_at)) = (
                    from_almaty(day.and_hms_opt(start_hour, 0, 0).unwrap_or_default()),
                    from_almaty(day.and_hms_opt(start_hour + hours, 0, 0).unwrap_or_default()),
                ) else {
                    continue;
                };
                let slot = (starts_at, ends_at);
                if taken.iter().any(|other| slots_clash(slot, *other, pause)) {
                    continue;
                }
                taken.push(slot);
                // Upcoming studio slots: the first two of each studio are residents' requests.
                let request = room.kind == RoomKind::RecordingStudio && starts_at > now && requests_left > 0;
                let (booked_by, status, purpose) = match (request, resident_id) {
                    (true, Some(resident)) => {
                        requests_left -= 1;
                        (resident, BookingStatus::Pending, "Демо-запись первого трека")
                    }
                    // The demo staff member books their own centre; the admin books the others.
                    _ if Some(room.centre_id) == staff.1 => (staff.0, BookingStatus::Confirmed, *purpose),
                    _ => (admin_id, BookingStatus::Confirmed, *purpose),
                };
                rows.push(booking::ActiveModel {
                    room_id: Set(room.id),
                    booked_by: Set(booked_by),
                    starts_at: Set(starts_at),
                    ends_at: Set(ends_at),
                    blocked_until: Set(ends_at + pause),
                    purpose: Set(purpose.into()),
                    attendees: Set(room.capacity.clamp(1, 8)),
                    status: Set(status),
                    series_id: Set(None),
                    created_at: Set(created_at),
                    decision_note: Set(None),
                    decided_by: Set(None),
                    ..Default::default()
                });
            }
            day += Duration::days(1);
        }
    }
    let count = rows.len() as u64;
    for chunk in rows.chunks(500) {
        booking::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(count)
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    from_almaty(day.and_time(NaiveTime::MIN)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}
