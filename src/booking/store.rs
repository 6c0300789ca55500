//! Persistence of room bookings. Every write that puts something into a room (a booking here, a
//! course session in `staff::courses`) locks the room row first (`FOR UPDATE` on PostgreSQL; on
//! SQLite the write transaction already holds the database's write lock), then reads what uses the
//! room, then checks and inserts: two requests for one room are serialised, never both accepted.
//! PostgreSQL also refuses overlapping live bookings by an exclusion constraint (migration m0007).
use super::domain::{
    Booker, BookingAction, BookingDesk, BookingOutcome, BookingRow, BookingStatus, GridRoom, GridUse, GridUseKind,
    ParsedBooking, PlannedOccurrence, QuotaSetting, QuotaUse, RoomRules, RoomUse, RoomWeek, SeriesPreview, Skip, Slot,
    WeeklyHours, almaty_midnight, almaty_week_start, check_booking, expand_series, minutes_in_week, next_status,
    plan_series, quota_choices, weekly_quota,
};
use crate::accounts::domain::{CurrentUser, Role};
use crate::centres::domain::{RoomKind, split_equipment};
use crate::error::{AppError, Field, InputProblem};
use crate::localized::Localized;
use crate::server::entities::{app_user, booking, centre, course, course_session, room, room_quota};
use crate::server::transactions::{Failure, write_transaction};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};

/// No use of a room is longer than a day, so uses that overlap `[from, until)` start after
/// `from - 1 day`: the bound lets the `(room_id, starts_at)` index do the search.
const LONGEST_USE: Duration = Duration::days(1);

/// Bookings overlapping `[from, until)`, bounded below through `starts_at` so the
/// `(room_id, starts_at)` index does the search.
pub fn booking_overlaps(from: DateTime<Utc>, until: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(booking::Column::StartsAt.gt(from - LONGEST_USE))
        .add(booking::Column::StartsAt.lt(until))
        .add(booking::Column::EndsAt.gt(from))
}

/// Course sessions overlapping `[from, until)`, searched the same way.
pub fn session_overlaps(from: DateTime<Utc>, until: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(course_session::Column::StartsAt.gt(from - LONGEST_USE))
        .add(course_session::Column::StartsAt.lt(until))
        .add(course_session::Column::EndsAt.gt(from))
}

/// Locks the room row until the transaction ends. A second writer for the same room waits here.
pub async fn lock_room<C: ConnectionTrait>(txn: &C, room_id: i32) -> Result<Option<room::Model>, DbErr> {
    room::Entity::find_by_id(room_id).lock_exclusive().one(txn).await
}

/// The rules of a room: its kind, size and pause, and its centre's opening hours.
pub fn room_rules(room: &room::Model, centre: &centre::Model) -> Option<RoomRules> {
    Some(RoomRules {
        kind: room.kind,
        capacity: room.capacity,
        pause_minutes: room.buffer_minutes,
        hours: WeeklyHours::parse(&centre.opening_hours)?,
    })
}

/// Course sessions and live bookings of the room overlapping `[from, until)`. Booking purposes are
/// blanked unless `show_purposes` (staff of the centre), so a refusal cannot leak them.
pub async fn room_uses<C: ConnectionTrait>(
    conn: &C,
    room_id: i32,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    show_purposes: bool,
) -> Result<Vec<RoomUse>, DbErr> {
    let sessions = course_session::Entity::find()
        .find_also_related(course::Entity)
        .filter(course_session::Column::RoomId.eq(room_id))
        .filter(session_overlaps(from, until))
        .all(conn)
        .await?;
    let bookings = booking::Entity::find()
        .filter(booking::Column::RoomId.eq(room_id))
        .filter(booking_overlaps(from, until))
        .filter(booking::Column::Status.is_in(BookingStatus::LIVE))
        .all(conn)
        .await?;
    let sessions = sessions.into_iter().map(|(session, course)| RoomUse::CourseSession {
        slot: (session.starts_at, session.ends_at),
        course_title: course.map(|c| Localized::new(c.title_kk, c.title_ru, c.title_en)).unwrap_or_default(),
    });
    let bookings = bookings.into_iter().map(|booking| RoomUse::Booking {
        slot: (booking.starts_at, booking.ends_at),
        purpose: if show_purposes { booking.purpose } else { String::new() },
    });
    Ok(sessions.chain(bookings).collect())
}

/// Refuses `wanted` when any of them collides with another use of the (locked) room, naming it.
pub async fn check_room_free<C: ConnectionTrait>(
    txn: &C,
    room: &room::Model,
    wanted: &[Slot],
    show_purposes: bool,
) -> Result<(), Failure> {
    let (Some(first), Some(last)) = (wanted.iter().map(|s| s.0).min(), wanted.iter().map(|s| s.1).max()) else {
        return Ok(());
    };
    let pause = Duration::minutes(room.buffer_minutes.max(0).into());
    let taken = room_uses(txn, room.id, first - pause, last + pause, show_purposes).await?;
    for slot in wanted {
        if let Some(other) = super::domain::use_in_the_way(*slot, &taken, pause) {
            return Err(Failure::Refused(other.refusal()));
        }
    }
    Ok(())
}

/// The booker kind of `user` for rooms of `centre_id`, or `None` when they may only look.
pub fn booker_for(user: &CurrentUser, centre_id: i32) -> Option<Booker> {
    if user.manages_centre(centre_id) {
        Some(Booker::Staff)
    } else if user.role == Role::Resident {
        Some(Booker::Resident)
    } else {
        None
    }
}

/// A room with its centre, unlocked: for the authorisation check before the write.
pub async fn room_with_centre(
    db: &DatabaseConnection,
    room_id: i32,
) -> Result<Option<(room::Model, centre::Model)>, DbErr> {
    Ok(room::Entity::find_by_id(room_id)
        .find_also_related(centre::Entity)
        .one(db)
        .await?
        .and_then(|(room, centre)| Some((room, centre?))))
}

/// The person's live bookings of rooms of `kind` in the Almaty weeks `[first_week, last_week]`.
async fn person_bookings<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    kind: RoomKind,
    first_week: DateTime<Utc>,
    last_week: DateTime<Utc>,
) -> Result<Vec<Slot>, DbErr> {
    booking::Entity::find()
        .select_only()
        .columns([booking::Column::StartsAt, booking::Column::EndsAt])
        .inner_join(room::Entity)
        .filter(booking::Column::BookedBy.eq(user_id))
        .filter(booking::Column::Status.is_in(BookingStatus::LIVE))
        .filter(room::Column::Kind.eq(kind))
        .filter(booking::Column::StartsAt.gte(first_week - LONGEST_USE))
        .filter(booking::Column::StartsAt.lt(last_week + Duration::weeks(1)))
        .into_tuple()
        .all(conn)
        .await
}

/// Every occurrence the form asks for, checked against the rules, the room's other uses and the
/// booker's quota. Runs inside the booking transaction (room locked) and for the preview.
async fn plan<C: ConnectionTrait>(
    conn: &C,
    room: &room::Model,
    centre: &centre::Model,
    user: &CurrentUser,
    booker: Booker,
    parsed: &ParsedBooking,
    now: DateTime<Utc>,
) -> Result<(BookingStatus, Vec<PlannedOccurrence>), Failure> {
    let rules = room_rules(room, centre).ok_or(AppError::invalid(Field::OpeningHours, InputProblem::Missing))?;
    let mut status = check_booking(&rules, booker, &parsed.request, now)?;
    if room.needs_approval && booker == Booker::Resident {
        status = BookingStatus::Pending;
    }
    let occurrences = match parsed.repeat {
        None => vec![parsed.request.slot],
        Some(repeat) => expand_series(parsed.request.slot, repeat, now)?,
    };
    let first = occurrences.iter().map(|s| s.0).min().unwrap_or(parsed.request.slot.0);
    let last = occurrences.iter().map(|s| s.1).max().unwrap_or(parsed.request.slot.1);
    let show_purposes = booker == Booker::Staff;
    let taken = room_uses(conn, room.id, first - rules.pause(), last + rules.pause(), show_purposes).await?;
    let quota = weekly_quota(&centre_quotas(conn, centre.id).await?, booker, room.kind);
    let own = match quota {
        Some(_) => person_bookings(conn, user.id, room.kind, almaty_week_start(first), almaty_week_start(last)).await?,
        None => Vec::new(),
    };
    Ok((status, plan_series(&rules, &occurrences, &taken, quota, &own, now)))
}

/// The error that explains a skipped occurrence.
fn skip_error(skip: &Skip) -> AppError {
    match skip {
        Skip::Clash(other) => other.refusal(),
        Skip::Rule(error) => error.clone(),
    }
}

/// What a repeating booking would do, without saving anything.
pub async fn preview(
    db: &DatabaseConnection,
    room: &room::Model,
    centre: &centre::Model,
    user: &CurrentUser,
    booker: Booker,
    parsed: &ParsedBooking,
    now: DateTime<Utc>,
) -> Result<SeriesPreview, AppError> {
    let (_, occurrences) = plan(db, room, centre, user, booker, parsed, now).await?;
    Ok(SeriesPreview { room_name: Localized::new(&room.name_kk, &room.name_ru, &room.name_en), occurrences })
}

/// Books the room: one booking, or every free occurrence of a series (the rest skipped). A single
/// booking that cannot be made is refused with the reason; so is a series with nothing free.
pub async fn create_booking(
    db: &DatabaseConnection,
    user: &CurrentUser,
    booker: Booker,
    parsed: ParsedBooking,
    now: DateTime<Utc>,
) -> Result<BookingOutcome, AppError> {
    let user = user.clone();
    write_transaction(db, move |txn| {
        let (user, parsed) = (user.clone(), parsed.clone());
        Box::pin(async move {
            let room =
                lock_room(txn, parsed.room_id).await?.ok_or(AppError::invalid(Field::Room, InputProblem::Unknown))?;
            let centre = centre::Entity::find_by_id(room.centre_id)
                .one(txn)
                .await?
                .ok_or(AppError::invalid(Field::Room, InputProblem::Unknown))?;
            let (status, planned) = plan(txn, &room, &centre, &user, booker, &parsed, now).await?;
            let free: Vec<Slot> = planned.iter().filter(|o| o.skip.is_none()).map(|o| o.slot).collect();
            if free.is_empty() || (parsed.repeat.is_none() && planned.iter().any(|o| o.skip.is_some())) {
                let error = planned.iter().find_map(|o| o.skip.as_ref()).map(skip_error);
                return Err(Failure::Refused(error.unwrap_or(AppError::invalid(Field::Room, InputProblem::Taken))));
            }
            let series_id = parsed.repeat.map(|_| series_token());
            let pause = Duration::minutes(room.buffer_minutes.max(0).into());
            let rows = free.iter().map(|&(starts_at, ends_at)| booking::ActiveModel {
                room_id: Set(room.id),
                booked_by: Set(user.id),
                starts_at: Set(starts_at),
                ends_at: Set(ends_at),
                blocked_until: Set(ends_at + pause),
                purpose: Set(parsed.request.purpose.clone()),
                attendees: Set(parsed.request.attendees),
                status: Set(status),
                series_id: Set(series_id.clone()),
                created_at: Set(now),
                decision_note: Set(None),
                decided_by: Set(None),
                ..Default::default()
            });
            booking::Entity::insert_many(rows).exec(txn).await.map_err(overlap_refused)?;
            Ok(BookingOutcome { booked: free.len() as u32, skipped: (planned.len() - free.len()) as u32, status })
        })
    })
    .await
}

/// PostgreSQL's exclusion constraint is the last line: reaching it means the lock was bypassed.
fn overlap_refused(error: DbErr) -> Failure {
    if error.to_string().contains("booking_live_no_overlap") {
        Failure::Refused(AppError::invalid(Field::Room, InputProblem::Taken))
    } else {
        Failure::Database(error)
    }
}

/// A random id shared by the bookings of one series.
fn series_token() -> String {
    use password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Approves, declines or cancels a booking (and, with `rest_of_series`, the later occurrences of
/// its series). Staff of the centre do all three; the booker may cancel their own. Others get
/// `NotFound`, so booking ids reveal nothing.
pub async fn change_booking(
    db: &DatabaseConnection,
    user: &CurrentUser,
    booking_id: i32,
    action: BookingAction,
    reason: Option<String>,
    rest_of_series: bool,
    now: DateTime<Utc>,
) -> Result<u32, AppError> {
    let user = user.clone();
    write_transaction(db, move |txn| {
        let (user, reason) = (user.clone(), reason.clone());
        Box::pin(async move {
            let booking = booking::Entity::find_by_id(booking_id).one(txn).await?.ok_or(AppError::NotFound)?;
            let room = lock_room(txn, booking.room_id).await?.ok_or(AppError::NotFound)?;
            let manages = user.manages_centre(room.centre_id);
            let own = booking.booked_by == user.id;
            let may = manages || (own && action == BookingAction::Cancel);
            if !may {
                return Err(Failure::Refused(if own { AppError::Forbidden } else { AppError::NotFound }));
            }
            if booking.ends_at <= now {
                return Err(Failure::Refused(AppError::invalid(Field::Status, InputProblem::OutOfRange)));
            }
            // Staff say why when they decline or cancel someone else's booking.
            let reason =
                super::domain::check_reason(reason.as_deref(), manages && !own && action != BookingAction::Approve)?;
            let mut targets = vec![booking.clone()];
            if rest_of_series && let Some(series) = &booking.series_id {
                targets = booking::Entity::find()
                    .filter(booking::Column::SeriesId.eq(series.clone()))
                    .filter(booking::Column::StartsAt.gte(booking.starts_at))
                    .filter(booking::Column::Status.is_in(BookingStatus::LIVE))
                    .all(txn)
                    .await?;
            }
            let mut changed = 0;
            for target in targets {
                let status = match next_status(target.status, action) {
                    Ok(status) => status,
                    Err(error) if target.id == booking_id => return Err(Failure::Refused(error)),
                    Err(_) => continue,
                };
                let mut row = target.into_active_model();
                row.status = Set(status);
                row.decision_note = Set(reason.clone());
                row.decided_by = Set(Some(user.id));
                row.update(txn).await?;
                changed += 1;
            }
            Ok(changed)
        })
    })
    .await
}

fn localized_room(room: &room::Model) -> Localized {
    Localized::new(&room.name_kk, &room.name_ru, &room.name_en)
}

fn localized_centre(centre: &centre::Model) -> Localized {
    Localized::new(&centre.name_kk, &centre.name_ru, &centre.name_en)
}

/// The week page: the centre's rooms and everything that uses them between Monday and Sunday.
pub async fn room_week(
    db: &DatabaseConnection,
    centre: &centre::Model,
    week_start: NaiveDate,
    selected_room: Option<i32>,
    viewer: Option<&CurrentUser>,
    now: DateTime<Utc>,
) -> Result<Option<RoomWeek>, DbErr> {
    let rooms = room::Entity::find()
        .filter(room::Column::CentreId.eq(centre.id))
        .order_by_asc(room::Column::Id)
        .all(db)
        .await?;
    if selected_room.is_some_and(|id| !rooms.iter().any(|room| room.id == id)) {
        return Ok(None);
    }
    let manages = viewer.is_some_and(|user| user.manages_centre(centre.id));
    let booker = viewer.and_then(|user| booker_for(user, centre.id));
    let (from, until) = (almaty_midnight(week_start), almaty_midnight(week_start + Duration::weeks(1)));
    let shown: Vec<i32> = rooms.iter().filter(|r| selected_room.is_none_or(|id| id == r.id)).map(|r| r.id).collect();
    let bookings = booking::Entity::find()
        .filter(booking::Column::RoomId.is_in(shown.clone()))
        .filter(booking_overlaps(from, until))
        .filter(booking::Column::Status.is_in(BookingStatus::LIVE))
        .all(db)
        .await?;
    let sessions = course_session::Entity::find()
        .find_also_related(course::Entity)
        .filter(course_session::Column::RoomId.is_in(shown.clone()))
        .filter(session_overlaps(from, until))
        .all(db)
        .await?;
    let booker_names: HashMap<i32, String> = if manages {
        let ids: HashSet<i32> = bookings.iter().map(|b| b.booked_by).collect();
        app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|user| (user.id, user.display_name))
            .collect()
    } else {
        HashMap::new()
    };
    let mut uses: Vec<GridUse> = bookings
        .into_iter()
        .map(|booking| {
            let own = viewer.is_some_and(|user| user.id == booking.booked_by);
            GridUse {
                room_id: booking.room_id,
                slot: (booking.starts_at, booking.ends_at),
                what: GridUseKind::Booking {
                    id: booking.id,
                    status: booking.status,
                    purpose: (manages || own).then(|| booking.purpose.clone()),
                    booker: booker_names.get(&booking.booked_by).cloned(),
                    own,
                },
            }
        })
        .collect();
    uses.extend(sessions.into_iter().filter_map(|(session, course)| {
        let course = course?;
        Some(GridUse {
            room_id: session.room_id?,
            slot: (session.starts_at, session.ends_at),
            what: GridUseKind::CourseSession {
                title: Localized::new(course.title_kk, course.title_ru, course.title_en),
                course_slug: course.slug,
            },
        })
    }));
    uses.sort_by_key(|grid_use| (grid_use.slot.0, grid_use.room_id));
    let quotas = match (viewer, booker) {
        (Some(user), Some(booker)) => {
            let mut quotas = Vec::new();
            let settings = centre_quotas(db, centre.id).await?;
            let kinds: HashSet<RoomKind> = rooms.iter().map(|room| room.kind).collect();
            for kind in RoomKind::ALL.into_iter().filter(|kind| kinds.contains(kind)) {
                if let Some(quota) = weekly_quota(&settings, booker, kind).filter(|quota| *quota > 0) {
                    let own = person_bookings(db, user.id, kind, from, from).await?;
                    quotas.push(QuotaUse { kind, used_minutes: minutes_in_week(&own, from), quota_minutes: quota });
                }
            }
            quotas
        }
        _ => Vec::new(),
    };
    let pending_requests = if manages {
        booking::Entity::find()
            .inner_join(room::Entity)
            .filter(room::Column::CentreId.eq(centre.id))
            .filter(booking::Column::Status.eq(BookingStatus::Pending))
            .filter(booking::Column::StartsAt.gt(now - LONGEST_USE))
            .filter(booking::Column::EndsAt.gt(now))
            .count(db)
            .await?
            .min(u32::MAX.into()) as u32
    } else {
        0
    };
    Ok(Some(RoomWeek {
        centre_slug: centre.slug.clone(),
        centre_name: localized_centre(centre),
        opening_hours: centre.opening_hours.clone(),
        hours: WeeklyHours::parse(&centre.opening_hours),
        week_start,
        today: crate::time::almaty_today(now),
        now,
        rooms: rooms
            .into_iter()
            .map(|room| {
                let bookable = match booker {
                    Some(Booker::Staff) => true,
                    Some(Booker::Resident) => super::domain::resident_may_request(room.kind),
                    None => false,
                };
                GridRoom {
                    id: room.id,
                    name: localized_room(&room),
                    kind: room.kind,
                    capacity: room.capacity,
                    equipment: split_equipment(&room.equipment),
                    needs_approval: room.needs_approval,
                    pause_minutes: room.buffer_minutes,
                    bookable,
                }
            })
            .collect(),
        selected_room,
        uses,
        manages,
        signed_in: viewer.is_some(),
        quotas,
        pending_requests,
    }))
}

/// Bookings as rows of a list, with room, centre and booker names.
async fn rows(db: &DatabaseConnection, bookings: Vec<booking::Model>) -> Result<Vec<BookingRow>, DbErr> {
    let room_ids: HashSet<i32> = bookings.iter().map(|b| b.room_id).collect();
    let rooms: HashMap<i32, room::Model> = room::Entity::find()
        .filter(room::Column::Id.is_in(room_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let centre_ids: HashSet<i32> = rooms.values().map(|r| r.centre_id).collect();
    let centres: HashMap<i32, centre::Model> = centre::Entity::find()
        .filter(centre::Column::Id.is_in(centre_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let user_ids: HashSet<i32> = bookings.iter().map(|b| b.booked_by).collect();
    let names: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(bookings
        .into_iter()
        .filter_map(|booking| {
            let room = rooms.get(&booking.room_id)?;
            let centre = centres.get(&room.centre_id)?;
            Some(BookingRow {
                id: booking.id,
                slot: (booking.starts_at, booking.ends_at),
                status: booking.status,
                purpose: booking.purpose,
                attendees: booking.attendees,
                room_name: localized_room(room),
                centre_slug: centre.slug.clone(),
                centre_name: localized_centre(centre),
                booker: names.get(&booking.booked_by).cloned().unwrap_or_default(),
                decision_note: booking.decision_note,
                in_series: booking.series_id.is_some(),
            })
        })
        .collect())
}

/// The person's bookings from a week ago on, soonest first.
pub async fn my_bookings(db: &DatabaseConnection, user_id: i32, now: DateTime<Utc>) -> Result<Vec<BookingRow>, DbErr> {
    let bookings = booking::Entity::find()
        .filter(booking::Column::BookedBy.eq(user_id))
        .filter(booking::Column::StartsAt.gte(now - Duration::weeks(1)))
        .order_by_asc(booking::Column::StartsAt)
        .limit(500)
        .all(db)
        .await?;
    rows(db, bookings).await
}

/// The weekly limits the centre has set (kinds it has not set keep the defaults).
pub async fn centre_quotas<C: ConnectionTrait>(conn: &C, centre_id: i32) -> Result<Vec<QuotaSetting>, DbErr> {
    Ok(room_quota::Entity::find()
        .filter(room_quota::Column::CentreId.eq(centre_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| QuotaSetting {
            booker: row.booker,
            kind: row.room_kind,
            weekly_minutes: row.weekly_minutes.map(i64::from),
        })
        .collect())
}

/// Replaces the centre's weekly limits, all in one transaction: a booking made meanwhile is checked
/// against the old limits or the new ones, never a mixture.
pub async fn save_quotas(db: &DatabaseConnection, centre_id: i32, settings: Vec<QuotaSetting>) -> Result<(), AppError> {
    write_transaction(db, move |txn| {
        let settings = settings.clone();
        Box::pin(async move {
            room_quota::Entity::delete_many().filter(room_quota::Column::CentreId.eq(centre_id)).exec(txn).await?;
            let rows = settings.into_iter().map(|setting| room_quota::ActiveModel {
                centre_id: Set(centre_id),
                booker: Set(setting.booker),
                room_kind: Set(setting.kind),
                weekly_minutes: Set(setting.weekly_minutes.and_then(|minutes| i32::try_from(minutes).ok())),
                ..Default::default()
            });
            room_quota::Entity::insert_many(rows).exec(txn).await?;
            Ok(())
        })
    })
    .await
}

/// The centre's pending requests (oldest first, so nobody waits longest) and its bookings of the
/// next two weeks.
pub async fn desk(db: &DatabaseConnection, centre: &centre::Model, now: DateTime<Utc>) -> Result<BookingDesk, DbErr> {
    // Bounded through `starts_at` so the `(room_id, starts_at)` index skips the centre's history.
    let in_centre = || {
        booking::Entity::find()
            .inner_join(room::Entity)
            .filter(room::Column::CentreId.eq(centre.id))
            .filter(booking::Column::StartsAt.gt(now - LONGEST_USE))
            .filter(booking::Column::EndsAt.gt(now))
    };
    let pending = in_centre()
        .filter(booking::Column::Status.eq(BookingStatus::Pending))
        .order_by_asc(booking::Column::CreatedAt)
        .limit(200)
        .all(db)
        .await?;
    let upcoming = in_centre()
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
        .filter(booking::Column::StartsAt.lt(now + Duration::weeks(2)))
        .order_by_asc(booking::Column::StartsAt)
        .limit(300)
        .all(db)
        .await?;
    let settings = centre_quotas(db, centre.id).await?;
    Ok(BookingDesk {
        centre_slug: centre.slug.clone(),
        centre_name: localized_centre(centre),
        pending: rows(db, pending).await?,
        upcoming: rows(db, upcoming).await?,
        quotas: quota_choices()
            .map(|(booker, kind)| QuotaSetting { booker, kind, weekly_minutes: weekly_quota(&settings, booker, kind) })
            .collect(),
    })
}

/// The secret of the person's bookings feed, made on first use.
pub async fn feed_token(db: &DatabaseConnection, user_id: i32) -> Result<String, AppError> {
    let user = app_user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    if let Some(token) = user.booking_feed_token.clone() {
        return Ok(token);
    }
    let token = format!("{}{}", series_token(), series_token());
    let mut row = user.into_active_model();
    row.booking_feed_token = Set(Some(token.clone()));
    row.update(db).await?;
    Ok(token)
}

/// The bookings of the person whose feed secret this is; `None` for an unknown secret.
pub async fn feed_bookings(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<BookingRow>>, DbErr> {
    let Some(user) = app_user::Entity::find().filter(app_user::Column::BookingFeedToken.eq(token)).one(db).await?
    else {
        return Ok(None);
    };
    let live: Vec<BookingRow> =
        my_bookings(db, user.id, now).await?.into_iter().filter(|row| row.status.holds_slot()).collect();
    Ok(Some(live))
}

/// When the room is in use from a week ago to the end of the booking window: busy times only.
pub async fn busy_times(
    db: &DatabaseConnection,
    room_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<(room::Model, Vec<Slot>)>, DbErr> {
    let Some(room) = room::Entity::find_by_id(room_id).one(db).await? else {
        return Ok(None);
    };
    let from = now - Duration::weeks(1);
    let until = now + Duration::weeks(super::domain::MAX_WEEKS_AHEAD + 1);
    let uses = room_uses(db, room.id, from, until, false).await?;
    let mut slots: Vec<Slot> = uses.iter().map(RoomUse::slot).collect();
    slots.sort();
    Ok(Some((room, slots)))
}

/// Booked (confirmed bookings and course sessions) and open minutes per room in the month, for
/// the centre's rooms; with `city_wide`, also per centre, per district and for the whole city.
pub async fn usage(
    db: &DatabaseConnection,
    centre: &centre::Model,
    month: NaiveDate,
    city_wide: bool,
) -> Result<super::domain::UsageReport, DbErr> {
    use super::domain::{UsageRow, minutes_within, next_month, open_minutes_in_month};
    use crate::server::entities::district;
    let (from, until) = (almaty_midnight(month), almaty_midnight(next_month(month)));
    let centres: Vec<centre::Model> = if city_wide {
        centre::Entity::find().order_by_asc(centre::Column::NameEn).all(db).await?
    } else {
        vec![centre.clone()]
    };
    let centre_ids: Vec<i32> = centres.iter().map(|c| c.id).collect();
    let rooms = room::Entity::find()
        .filter(room::Column::CentreId.is_in(centre_ids))
        .order_by_asc(room::Column::Id)
        .all(db)
        .await?;
    let room_ids: Vec<i32> = rooms.iter().map(|r| r.id).collect();
    let mut used: HashMap<i32, Vec<Slot>> = HashMap::new();
    let bookings: Vec<(i32, DateTime<Utc>, DateTime<Utc>)> = booking::Entity::find()
        .select_only()
        .columns([booking::Column::RoomId, booking::Column::StartsAt, booking::Column::EndsAt])
        .filter(booking::Column::RoomId.is_in(room_ids.clone()))
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
        .filter(booking_overlaps(from, until))
        .into_tuple()
        .all(db)
        .await?;
    let sessions: Vec<(Option<i32>, DateTime<Utc>, DateTime<Utc>)> = course_session::Entity::find()
        .select_only()
        .columns([course_session::Column::RoomId, course_session::Column::StartsAt, course_session::Column::EndsAt])
        .filter(course_session::Column::RoomId.is_in(room_ids))
        .filter(session_overlaps(from, until))
        .into_tuple()
        .all(db)
        .await?;
    for (room_id, starts_at, ends_at) in bookings {
        used.entry(room_id).or_default().push((starts_at, ends_at));
    }
    for (room_id, starts_at, ends_at) in sessions {
        if let Some(room_id) = room_id {
            used.entry(room_id).or_default().push((starts_at, ends_at));
        }
    }
    let open_of: HashMap<i32, i64> = centres
        .iter()
        .map(|c| (c.id, WeeklyHours::parse(&c.opening_hours).map(|h| open_minutes_in_month(&h, month)).unwrap_or(0)))
        .collect();
    let row_of = |room: &room::Model| UsageRow {
        name: localized_room(room),
        booked_minutes: minutes_within(used.get(&room.id).map(Vec::as_slice).unwrap_or(&[]), from, until),
        open_minutes: open_of.get(&room.centre_id).copied().unwrap_or(0),
    };
    let sum = |name: Localized, rows: &[UsageRow]| UsageRow {
        name,
        booked_minutes: rows.iter().map(|r| r.booked_minutes).sum(),
        open_minutes: rows.iter().map(|r| r.open_minutes).sum(),
    };
    let room_rows = |centre_id: i32| -> Vec<UsageRow> {
        rooms.iter().filter(|room| room.centre_id == centre_id).map(row_of).collect()
    };
    let mut report = super::domain::UsageReport {
        month,
        centre_slug: centre.slug.clone(),
        centre_name: localized_centre(centre),
        rooms: room_rows(centre.id),
        centres: Vec::new(),
        districts: Vec::new(),
        city: None,
    };
    if city_wide {
        let with_rooms: Vec<&centre::Model> =
            centres.iter().filter(|c| rooms.iter().any(|room| room.centre_id == c.id)).collect();
        report.centres = with_rooms.iter().map(|c| sum(localized_centre(c), &room_rows(c.id))).collect();
        let districts = district::Entity::find().order_by_asc(district::Column::NameEn).all(db).await?;
        report.districts = districts
            .iter()
            .filter_map(|d| {
                let rows: Vec<UsageRow> =
                    with_rooms.iter().filter(|c| c.district_id == d.id).flat_map(|c| room_rows(c.id)).collect();
                (!rows.is_empty()).then(|| sum(Localized::new(&d.name_kk, &d.name_ru, &d.name_en), &rows))
            })
            .collect();
        let all: Vec<UsageRow> = rooms.iter().map(row_of).collect();
        report.city = Some(sum(Localized::new("Алматы", "Алматы", "Almaty"), &all));
    }
    Ok(report)
}
