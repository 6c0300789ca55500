//! Room booking: pure types and rules shared by server and client (no database, no HTTP).
//! Instants are UTC; every rule that speaks of days, weeks or opening hours reads them on Almaty
//! clocks (UTC+5 all year, see `crate::time`), so there is no daylight-saving gap to fall into.
use crate::centres::domain::RoomKind;
use crate::error::{AppError, Field, InputProblem};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Lifecycle of a room booking. Residents' requests start `Pending` and hold their slot until
/// staff approve (`Confirmed`) or decline (`Declined`) them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(12))"))]
pub enum BookingStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "confirmed"))]
    Confirmed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "declined"))]
    Declined,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

impl BookingStatus {
    /// The statuses that keep a room busy: a pending request already holds its slot.
    pub const LIVE: [BookingStatus; 2] = [BookingStatus::Pending, BookingStatus::Confirmed];

    pub fn holds_slot(self) -> bool {
        Self::LIVE.contains(&self)
    }
}

/// What someone does to an existing booking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingAction {
    Approve,
    Decline,
    Cancel,
}

/// The status a booking moves to, or a refusal when the action makes no sense in its state
/// (approving a cancelled booking, cancelling twice).
pub fn next_status(current: BookingStatus, action: BookingAction) -> Result<BookingStatus, AppError> {
    use BookingAction::*;
    use BookingStatus::*;
    match (current, action) {
        (Pending, Approve) => Ok(Confirmed),
        (Pending, Decline) => Ok(Declined),
        (Pending | Confirmed, Cancel) => Ok(Cancelled),
        _ => Err(AppError::invalid(Field::Status, InputProblem::NotAllowed)),
    }
}

/// A stretch of time a room is used, `[start, end)`.
pub type Slot = (DateTime<Utc>, DateTime<Utc>);

/// Whether two uses of one room collide, given the pause the room needs after each use
/// (cleaning, setting up a studio). Touching slots do not collide when no pause is needed.
pub fn slots_clash(a: Slot, b: Slot, pause: Duration) -> bool {
    a.0 < b.1 + pause && b.0 < a.1 + pause
}

/// The first of `wanted` that collides with any of `taken`.
pub fn first_clash(wanted: &[Slot], taken: &[Slot], pause: Duration) -> Option<Slot> {
    wanted.iter().copied().find(|slot| taken.iter().any(|other| slots_clash(*slot, *other, pause)))
}

/// What already occupies a room, so a refusal can name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoomUse {
    Booking { slot: Slot, purpose: String },
    CourseSession { slot: Slot, course_title: crate::localized::Localized },
}

impl RoomUse {
    pub fn slot(&self) -> Slot {
        match self {
            RoomUse::Booking { slot, .. } | RoomUse::CourseSession { slot, .. } => *slot,
        }
    }

    /// The refusal that names this use. A booking's purpose is blank when the asker may not see
    /// it (the store blanks it for anyone but the centre's staff), and then goes unnamed.
    pub fn refusal(&self) -> AppError {
        use crate::error::{InUse, InUseBy};
        let (starts_at, ends_at) = self.slot();
        let by = match self {
            RoomUse::Booking { purpose, .. } => {
                InUseBy::Booking { purpose: (!purpose.is_empty()).then(|| purpose.clone()) }
            }
            RoomUse::CourseSession { course_title, .. } => InUseBy::CourseSession { title: Some(course_title.clone()) },
        };
        AppError::RoomInUse(Box::new(InUse { starts_at, ends_at, by }))
    }
}

/// The use of the room that `wanted` would collide with, if any.
pub fn use_in_the_way(wanted: Slot, taken: &[RoomUse], pause: Duration) -> Option<&RoomUse> {
    taken.iter().find(|other| slots_clash(wanted, other.slot(), pause))
}

/// Opening hours of a centre: one `[open, close)` window per Almaty weekday, Monday first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyHours {
    days: [Option<(NaiveTime, NaiveTime)>; 7],
}

const WEEKDAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl WeeklyHours {
    /// Reads the centres' published form, e.g. `Mon–Sat 09:00–21:00` or
    /// `Mon–Fri 09:00–21:00; Sat 10:00–18:00` (en dash or hyphen). Days not named are closed.
    pub fn parse(text: &str) -> Option<Self> {
        let mut days = [None; 7];
        for part in text.split([';', ',']).map(str::trim).filter(|part| !part.is_empty()) {
            let (day_range, time_range) = part.split_once(' ')?;
            let (first, last) = split_range(day_range)?;
            let first = WEEKDAY_NAMES.iter().position(|name| *name == first)?;
            let last = WEEKDAY_NAMES.iter().position(|name| *name == last)?;
            let (open, close) = split_range(time_range.trim())?;
            let open = NaiveTime::parse_from_str(open, "%H:%M").ok()?;
            let close = NaiveTime::parse_from_str(close, "%H:%M").ok()?;
            if first > last || open >= close {
                return None;
            }
            for day in &mut days[first..=last] {
                *day = Some((open, close));
            }
        }
        days.iter().any(Option::is_some).then_some(WeeklyHours { days })
    }

    /// The window of an Almaty weekday (0 = Monday), or `None` when the centre is closed.
    pub fn on(&self, weekday: usize) -> Option<(NaiveTime, NaiveTime)> {
        self.days.get(weekday).copied().flatten()
    }

    /// The earliest opening and the latest closing of the week: the rows of a week grid.
    pub fn widest(&self) -> Option<(NaiveTime, NaiveTime)> {
        let open = self.days.iter().flatten().map(|window| window.0).min()?;
        let close = self.days.iter().flatten().map(|window| window.1).max()?;
        Some((open, close))
    }

    /// Whether `slot` lies inside one day's opening window, on Almaty clocks.
    pub fn contains(&self, slot: Slot) -> bool {
        let (start, end) = (crate::time::to_almaty(slot.0), crate::time::to_almaty(slot.1));
        let Some((open, close)) = self.on(start.weekday().num_days_from_monday() as usize) else {
            return false;
        };
        start < end && start.date_naive() == end.date_naive() && open <= start.time() && end.time() <= close
    }
}

/// `a–b` or `a-b` (a lone `a` means `a–a`).
fn split_range(text: &str) -> Option<(&str, &str)> {
    match text.split_once(['–', '-']) {
        Some((first, last)) => Some((first.trim(), last.trim())),
        None if !text.is_empty() => Some((text, text)),
        None => None,
    }
}

/// Shortest and longest booking of a room kind, in minutes: a studio session needs set-up time,
/// a consultation room is for a conversation, a classroom may host a whole-day workshop.
pub fn length_limits(kind: RoomKind) -> (i64, i64) {
    match kind {
        RoomKind::RecordingStudio => (60, 4 * 60),
        RoomKind::Classroom | RoomKind::Coworking => (30, 8 * 60),
        RoomKind::MusicClass => (30, 4 * 60),
        RoomKind::ConsultationRoom => (30, 2 * 60),
    }
}

/// Bookings open at most this far ahead.
pub const MAX_WEEKS_AHEAD: i64 = 12;
/// A purpose is a line on the grid, not a document.
pub const MAX_PURPOSE_CHARS: usize = 200;

/// Who is asking, as far as the booking rules care (staff of the room's centre and admins are
/// `Staff`; centre scoping itself is checked before the rules run).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(12))"))]
pub enum Booker {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "staff"))]
    Staff,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resident"))]
    Resident,
}

impl Booker {
    pub fn slug(self) -> &'static str {
        match self {
            Booker::Staff => "staff",
            Booker::Resident => "resident",
        }
    }
}

/// Young people may ask for studio time and a co-working desk; other rooms are for centre work.
pub fn resident_may_request(kind: RoomKind) -> bool {
    matches!(kind, RoomKind::RecordingStudio | RoomKind::Coworking)
}

/// The facts about a room the booking rules need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoomRules {
    pub kind: RoomKind,
    pub capacity: i32,
    pub pause_minutes: i32,
    pub hours: WeeklyHours,
}

impl RoomRules {
    pub fn pause(&self) -> Duration {
        Duration::minutes(self.pause_minutes.max(0).into())
    }
}

/// One booking as asked for, after parsing the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingRequest {
    pub slot: Slot,
    pub attendees: i32,
    pub purpose: String,
}

/// Checks one booking against the room's rules (not against other uses of the room: that needs
/// the room locked) and says the status it starts in: residents' requests wait for staff.
pub fn check_booking(
    room: &RoomRules,
    booker: Booker,
    request: &BookingRequest,
    now: DateTime<Utc>,
) -> Result<BookingStatus, AppError> {
    use InputProblem::*;
    if booker == Booker::Resident && !resident_may_request(room.kind) {
        return Err(AppError::invalid(Field::Room, NotAllowed));
    }
    let purpose = request.purpose.trim();
    if purpose.is_empty() {
        return Err(AppError::invalid(Field::Purpose, Missing));
    }
    if purpose.chars().count() > MAX_PURPOSE_CHARS {
        return Err(AppError::invalid(Field::Purpose, TooLong));
    }
    check_slot(room, request.slot, now)?;
    if request.attendees < 1 || request.attendees > room.capacity {
        return Err(AppError::invalid(Field::Attendees, OutOfRange));
    }
    Ok(match booker {
        Booker::Staff => BookingStatus::Confirmed,
        Booker::Resident => BookingStatus::Pending,
    })
}

/// The time rules alone (also for each occurrence of a series): ends after it starts, a length
/// the room kind allows, not in the past, at most 12 weeks ahead, inside opening hours.
pub fn check_slot(room: &RoomRules, slot: Slot, now: DateTime<Utc>) -> Result<(), AppError> {
    use InputProblem::*;
    let (start, end) = slot;
    if end <= start {
        return Err(AppError::invalid(Field::Ends, OutOfRange));
    }
    let (shortest, longest) = length_limits(room.kind);
    let minutes = (end - start).num_minutes();
    if minutes < shortest || minutes > longest {
        return Err(AppError::invalid(Field::Length, OutOfRange));
    }
    if start < now {
        return Err(AppError::invalid(Field::Starts, OutOfRange));
    }
    if start > now + Duration::weeks(MAX_WEEKS_AHEAD) {
        return Err(AppError::invalid(Field::Date, TooLong));
    }
    if !room.hours.contains(slot) {
        return Err(AppError::invalid(Field::OpeningHours, OutOfRange));
    }
    Ok(())
}

/// Weekly hours a person may book per room kind, in minutes; `None` means no limit. Residents
/// share studios and desks with the whole district; staff book for the centre's own work.
pub fn default_weekly_quota(booker: Booker, kind: RoomKind) -> Option<i64> {
    match (booker, kind) {
        (Booker::Resident, RoomKind::RecordingStudio) => Some(4 * 60),
        (Booker::Resident, RoomKind::Coworking) => Some(10 * 60),
        (Booker::Resident, _) => Some(0),
        (Booker::Staff, _) => None,
    }
}

/// A centre's own weekly limit for one kind of booker and room kind, in minutes (`None`: no
/// limit), set by its staff on the booking desk. Kinds without a setting keep the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaSetting {
    pub booker: Booker,
    pub kind: RoomKind,
    pub weekly_minutes: Option<i64>,
}

/// The weekly limit that applies at a centre with these settings. Residents never get time in
/// rooms they may not request, whatever a setting says.
pub fn weekly_quota(settings: &[QuotaSetting], booker: Booker, kind: RoomKind) -> Option<i64> {
    if booker == Booker::Resident && !resident_may_request(kind) {
        return Some(0);
    }
    settings
        .iter()
        .find(|setting| setting.booker == booker && setting.kind == kind)
        .map_or_else(|| default_weekly_quota(booker, kind), |setting| setting.weekly_minutes)
}

/// The limits a centre sets: staff for every room kind, residents for the rooms they may request.
pub fn quota_choices() -> impl Iterator<Item = (Booker, RoomKind)> {
    let staff = RoomKind::ALL.into_iter().map(|kind| (Booker::Staff, kind));
    let residents =
        RoomKind::ALL.into_iter().filter(|kind| resident_may_request(*kind)).map(|kind| (Booker::Resident, kind));
    residents.chain(staff)
}

/// The form field of one limit, e.g. `resident-recording-studio`.
pub fn quota_key(booker: Booker, kind: RoomKind) -> String {
    format!("{}-{}", booker.slug(), kind.slug())
}

/// A weekly limit is at most the whole week.
pub const MAX_WEEKLY_LIMIT_HOURS: i64 = 7 * 24;

/// Reads the desk's weekly-limits form: per field, hours a week in whole or half hours ("1,5" or
/// "1.5") or blank for no limit. Every choice must be present once; an unknown field is refused,
/// so a crafted form cannot store limits the desk never shows.
pub fn parse_quota_form(fields: &std::collections::BTreeMap<String, String>) -> Result<Vec<QuotaSetting>, AppError> {
    let choices: Vec<(Booker, RoomKind)> = quota_choices().collect();
    if fields.len() != choices.len() {
        return Err(AppError::invalid(Field::WeeklyLimit, InputProblem::Unknown));
    }
    choices
        .into_iter()
        .map(|(booker, kind)| {
            let raw = fields
                .get(&quota_key(booker, kind))
                .ok_or(AppError::invalid(Field::WeeklyLimit, InputProblem::Unknown))?;
            Ok(QuotaSetting { booker, kind, weekly_minutes: parse_weekly_hours(raw)? })
        })
        .collect()
}

/// "4" → 240 minutes, "1,5" → 90, "" → no limit.
fn parse_weekly_hours(raw: &str) -> Result<Option<i64>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let malformed = AppError::invalid(Field::WeeklyLimit, InputProblem::Malformed);
    if raw.len() > 8 {
        return Err(malformed);
    }
    let (whole, fraction) = raw.split_once([',', '.']).unwrap_or((raw, ""));
    let whole: i64 = if whole.is_empty() && !fraction.is_empty() {
        0
    } else if whole.bytes().all(|b| b.is_ascii_digit()) {
        whole.parse().map_err(|_| malformed.clone())?
    } else {
        return Err(malformed);
    };
    let half = match fraction.trim_end_matches('0') {
        "" => 0,
        "5" => 30,
        _ => return Err(malformed),
    };
    let minutes = whole * 60 + half;
    if minutes > MAX_WEEKLY_LIMIT_HOURS * 60 {
        return Err(AppError::invalid(Field::WeeklyLimit, InputProblem::OutOfRange));
    }
    Ok(Some(minutes))
}

/// Monday 00:00 on Almaty clocks of the week `instant` falls in, as a UTC instant.
pub fn almaty_week_start(instant: DateTime<Utc>) -> DateTime<Utc> {
    let local = crate::time::to_almaty(instant);
    let monday = local.date_naive() - Duration::days(local.weekday().num_days_from_monday().into());
    almaty_midnight(monday)
}

/// The Almaty date of the Monday of the week `instant` falls in.
pub fn almaty_week_monday(instant: DateTime<Utc>) -> NaiveDate {
    let local = crate::time::to_almaty(instant).date_naive();
    local - Duration::days(local.weekday().num_days_from_monday().into())
}

/// 00:00 of an Almaty date as a UTC instant.
pub fn almaty_midnight(date: NaiveDate) -> DateTime<Utc> {
    // Only the first day chrono knows has no midnight before it in UTC.
    crate::time::from_almaty(date.and_time(NaiveTime::MIN)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Minutes of `uses` that fall inside the Almaty week starting at `week_start`.
pub fn minutes_in_week(uses: &[Slot], week_start: DateTime<Utc>) -> i64 {
    let week_end = week_start + Duration::weeks(1);
    uses.iter().map(|(start, end)| ((*end).min(week_end) - (*start).max(week_start)).num_minutes().max(0)).sum()
}

/// Refuses a booking that would take a person past their weekly quota.
pub fn check_quota(quota_minutes: Option<i64>, used_minutes: i64, wanted: Slot) -> Result<(), AppError> {
    match quota_minutes {
        Some(quota) if used_minutes + (wanted.1 - wanted.0).num_minutes() > quota => {
            Err(AppError::invalid(Field::Quota, InputProblem::OutOfRange))
        }
        _ => Ok(()),
    }
}

/// How a booking repeats: every `every_weeks` weeks, up to and including the Almaty date `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeat {
    pub every_weeks: u32,
    pub until: NaiveDate,
}

/// Every occurrence of a repeating booking, the first included. The series may not reach past the
/// booking window, so it has at most 13 occurrences whatever the request says.
pub fn expand_series(first: Slot, repeat: Repeat, now: DateTime<Utc>) -> Result<Vec<Slot>, AppError> {
    use InputProblem::*;
    if !(1..=MAX_WEEKS_AHEAD as u32).contains(&repeat.every_weeks) {
        return Err(AppError::invalid(Field::RepeatEvery, OutOfRange));
    }
    let first_date = crate::time::to_almaty(first.0).date_naive();
    let last_allowed = crate::time::almaty_today(now) + Duration::weeks(MAX_WEEKS_AHEAD);
    if repeat.until < first_date || repeat.until > last_allowed {
        return Err(AppError::invalid(Field::RepeatUntil, OutOfRange));
    }
    let step = Duration::weeks(repeat.every_weeks.into());
    let mut occurrences = vec![first];
    // Almaty keeps one offset all year, so adding whole weeks keeps the wall-clock time.
    while let Some(&(start, end)) = occurrences.last() {
        let next = (start + step, end + step);
        if crate::time::to_almaty(next.0).date_naive() > repeat.until {
            break;
        }
        occurrences.push(next);
    }
    Ok(occurrences)
}

/// Why one occurrence of a series cannot be booked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Skip {
    /// Something already uses the room then.
    Clash(RoomUse),
    /// A rule refuses it (outside opening hours on that day, over the weekly quota, …).
    Rule(AppError),
}

/// One row of a series preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedOccurrence {
    pub slot: Slot,
    pub skip: Option<Skip>,
}

/// The preview of a series: each occurrence with what is in its way, so the booker can save the
/// free ones and skip the rest. Quota counts the occurrences kept earlier in the same week too.
pub fn plan_series(
    room: &RoomRules,
    occurrences: &[Slot],
    taken: &[RoomUse],
    quota_minutes: Option<i64>,
    booked_by_person: &[Slot],
    now: DateTime<Utc>,
) -> Vec<PlannedOccurrence> {
    let mut kept: Vec<Slot> = Vec::new();
    occurrences
        .iter()
        .map(|&slot| {
            let skip = if let Err(error) = check_slot(room, slot, now) {
                Some(Skip::Rule(error))
            } else if let Some(other) = use_in_the_way(slot, taken, room.pause()) {
                Some(Skip::Clash(other.clone()))
            } else {
                let week = almaty_week_start(slot.0);
                let used = minutes_in_week(booked_by_person, week) + minutes_in_week(&kept, week);
                check_quota(quota_minutes, used, slot).err().map(Skip::Rule)
            };
            if skip.is_none() {
                kept.push(slot);
            }
            PlannedOccurrence { slot, skip }
        })
        .collect()
}

/// The booking form as posted (all text, so a plain HTML form and the WASM client send the same).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingForm {
    pub room: String,
    pub date: String,
    pub starts: String,
    pub ends: String,
    #[serde(default)]
    pub attendees: Option<String>,
    pub purpose: String,
    /// Weeks between occurrences; empty for a single booking.
    #[serde(default)]
    pub repeat_every: Option<String>,
    #[serde(default)]
    pub repeat_until: Option<String>,
    /// Set by the preview's "save the free ones" button: the booker has seen what is skipped.
    #[serde(default)]
    pub confirm: Option<String>,
}

/// A booking form read into the rules' terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedBooking {
    pub room_id: i32,
    pub request: BookingRequest,
    pub repeat: Option<Repeat>,
}

impl BookingForm {
    /// Reads the fields; each problem is reported under its own input. Rules that need the room
    /// (length, hours, capacity) run later, in `check_booking`.
    pub fn parse(&self) -> Result<ParsedBooking, AppError> {
        use InputProblem::*;
        let room_id = parse_id(Field::Room, &self.room)?;
        let date = crate::time::parse_date(Field::Date, &self.date)?;
        let starts = crate::time::parse_clock(Field::Starts, &self.starts)?;
        let ends = crate::time::parse_clock(Field::Ends, &self.ends)?;
        if ends <= starts {
            return Err(AppError::invalid(Field::Ends, OutOfRange));
        }
        let slot =
            match (crate::time::from_almaty(date.and_time(starts)), crate::time::from_almaty(date.and_time(ends))) {
                (Some(start), Some(end)) => (start, end),
                _ => return Err(AppError::invalid(Field::Date, Malformed)),
            };
        let attendees = match self.attendees.as_deref().map(str::trim).filter(|raw| !raw.is_empty()) {
            None => 1,
            Some(raw) if raw.len() > 6 => return Err(AppError::invalid(Field::Attendees, OutOfRange)),
            Some(raw) => raw.parse().map_err(|_| AppError::invalid(Field::Attendees, Malformed))?,
        };
        if self.purpose.len() > MAX_PURPOSE_CHARS * 4 {
            return Err(AppError::invalid(Field::Purpose, TooLong));
        }
        let repeat = match self.repeat_every.as_deref().map(str::trim).filter(|raw| !raw.is_empty() && *raw != "0") {
            None => None,
            Some(raw) => {
                let every_weeks = if raw.len() > 3 {
                    return Err(AppError::invalid(Field::RepeatEvery, OutOfRange));
                } else {
                    raw.parse().map_err(|_| AppError::invalid(Field::RepeatEvery, Malformed))?
                };
                let until = crate::time::parse_date(Field::RepeatUntil, self.repeat_until.as_deref().unwrap_or(""))?;
                Some(Repeat { every_weeks, until })
            }
        };
        Ok(ParsedBooking {
            room_id,
            request: BookingRequest { slot, attendees, purpose: self.purpose.trim().to_owned() },
            repeat,
        })
    }

    pub fn confirmed(&self) -> bool {
        crate::forms::checkbox::parse_flag(Field::Status, self.confirm.as_deref().unwrap_or("")).unwrap_or(false)
    }
}

/// A database id from a form or URL: digits only, positive.
pub fn parse_id(field: Field, raw: &str) -> Result<i32, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(field, InputProblem::Missing));
    }
    match raw.parse::<i32>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(AppError::invalid(field, InputProblem::Unknown)),
    }
}

/// The Monday of the week a `?week=` date falls in (any day of the week may be given); today's
/// week when empty.
pub fn parse_week(raw: Option<&str>, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let day = match raw.map(str::trim).filter(|raw| !raw.is_empty()) {
        None => today,
        Some(raw) => crate::time::parse_date(Field::Week, raw)?,
    };
    Ok(day - Duration::days(day.weekday().num_days_from_monday().into()))
}

/// Rows of the week grid: every half hour from the earliest opening to the latest closing.
pub const GRID_STEP_MINUTES: u32 = 30;

pub fn grid_rows(hours: &WeeklyHours) -> Vec<NaiveTime> {
    let Some((open, close)) = hours.widest() else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut time = open;
    while time < close {
        rows.push(time);
        let next = time + Duration::minutes(GRID_STEP_MINUTES.into());
        if next <= time {
            break;
        }
        time = next;
    }
    rows
}

/// A room as the grid and the form show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridRoom {
    pub id: i32,
    pub name: crate::localized::Localized,
    pub kind: RoomKind,
    pub capacity: i32,
    pub equipment: Vec<String>,
    pub needs_approval: bool,
    pub pause_minutes: i32,
    /// Whether the viewer may book (staff) or request (residents) this room.
    pub bookable: bool,
}

/// What occupies a room in the grid. Purpose and booker are filled for staff of the centre (and
/// for the booker's own bookings); everyone else sees "booked".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GridUseKind {
    Booking { id: i32, status: BookingStatus, purpose: Option<String>, booker: Option<String>, own: bool },
    CourseSession { title: crate::localized::Localized, course_slug: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridUse {
    pub room_id: i32,
    pub slot: Slot,
    pub what: GridUseKind,
}

/// A person's weekly allowance for one room kind, in the week shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaUse {
    pub kind: RoomKind,
    pub used_minutes: i64,
    pub quota_minutes: i64,
}

/// Everything the week page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomWeek {
    pub centre_slug: String,
    pub centre_name: crate::localized::Localized,
    pub opening_hours: String,
    pub hours: Option<WeeklyHours>,
    pub week_start: NaiveDate,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub rooms: Vec<GridRoom>,
    /// The room picked from the list; `None` shows every room side by side.
    pub selected_room: Option<i32>,
    pub uses: Vec<GridUse>,
    /// Staff of this centre or an admin: sees names, books any room, approves requests.
    pub manages: bool,
    pub signed_in: bool,
    pub quotas: Vec<QuotaUse>,
    pub pending_requests: u32,
}

/// The answer to a booking: how many were saved and in which status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingOutcome {
    pub booked: u32,
    pub skipped: u32,
    pub status: BookingStatus,
}

/// The preview of a repeating booking before it is saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPreview {
    pub room_name: crate::localized::Localized,
    pub occurrences: Vec<PlannedOccurrence>,
}

impl SeriesPreview {
    pub fn free(&self) -> usize {
        self.occurrences.iter().filter(|occurrence| occurrence.skip.is_none()).count()
    }
}

/// One booking in "My bookings" or the approvals queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRow {
    pub id: i32,
    pub slot: Slot,
    pub status: BookingStatus,
    pub purpose: String,
    pub attendees: i32,
    pub room_name: crate::localized::Localized,
    pub centre_slug: String,
    pub centre_name: crate::localized::Localized,
    pub booker: String,
    pub decision_note: Option<String>,
    pub in_series: bool,
}

/// The centre's approvals queue and the upcoming bookings staff may cancel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingDesk {
    pub centre_slug: String,
    pub centre_name: crate::localized::Localized,
    pub pending: Vec<BookingRow>,
    pub upcoming: Vec<BookingRow>,
    /// The weekly limits in force, one per `quota_choices`, for the desk's limits form.
    pub quotas: Vec<QuotaSetting>,
}

/// A decline or cancellation note: optional for the booker, required when staff decline or cancel
/// someone else's booking, so the person learns why.
pub const MAX_REASON_CHARS: usize = 300;

pub fn check_reason(reason: Option<&str>, required: bool) -> Result<Option<String>, AppError> {
    let reason = reason.map(str::trim).filter(|reason| !reason.is_empty());
    match reason {
        None if required => Err(AppError::invalid(Field::Reason, InputProblem::Missing)),
        None => Ok(None),
        Some(reason) if reason.chars().count() > MAX_REASON_CHARS => {
            Err(AppError::invalid(Field::Reason, InputProblem::TooLong))
        }
        Some(reason) => Ok(Some(reason.to_owned())),
    }
}

/// Reads the `action` of a booking change.
pub fn parse_action(raw: &str) -> Result<BookingAction, AppError> {
    match raw.trim() {
        "approve" => Ok(BookingAction::Approve),
        "decline" => Ok(BookingAction::Decline),
        "cancel" => Ok(BookingAction::Cancel),
        "" => Err(AppError::invalid(Field::Status, InputProblem::Missing)),
        _ => Err(AppError::invalid(Field::Status, InputProblem::Unknown)),
    }
}

/// One cell of a room's day column in the week grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GridCell {
    /// Bookable from this row's time.
    Free { row: usize },
    /// Outside the centre's opening hours that day.
    Closed { row: usize },
    /// Already over.
    Past { row: usize },
    /// Open and free, but too close to another use: the room's pause between uses needs it.
    Pause { row: usize },
    /// Taken by the uses at these indices of `RoomWeek::uses`, over `span` rows.
    Used { row: usize, span: usize, uses: Vec<usize> },
}

impl GridCell {
    pub fn row(&self) -> usize {
        match self {
            GridCell::Free { row }
            | GridCell::Closed { row }
            | GridCell::Past { row }
            | GridCell::Pause { row }
            | GridCell::Used { row, .. } => *row,
        }
    }

    pub fn span(&self) -> usize {
        match self {
            GridCell::Used { span, .. } => *span,
            _ => 1,
        }
    }
}

/// The cells of one room on one day (`day` 0 = Monday): uses merged into one cell over the rows
/// they touch (overlapping ones share a cell), every other row free, closed or past.
pub fn column_cells(week: &RoomWeek, rows: &[NaiveTime], day: usize, room_id: i32) -> Vec<GridCell> {
    let Some(&first_row) = rows.first() else {
        return Vec::new();
    };
    let date = week.week_start + Duration::days(day as i64);
    let step = Duration::minutes(GRID_STEP_MINUTES.into());
    let Some(grid_start) = crate::time::from_almaty(date.and_time(first_row)) else {
        return Vec::new();
    };
    let row_count = rows.len() as i64;
    let row_of = |instant: DateTime<Utc>, round_up: bool| -> i64 {
        let minutes = (instant - grid_start).num_minutes();
        let step = step.num_minutes();
        let row = if round_up { (minutes + step - 1).div_euclid(step) } else { minutes.div_euclid(step) };
        row.clamp(0, row_count)
    };
    let mut ranges: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for (index, grid_use) in week.uses.iter().enumerate().filter(|(_, grid_use)| grid_use.room_id == room_id) {
        let (start, end) = (row_of(grid_use.slot.0, false), row_of(grid_use.slot.1, true));
        if start >= end {
            continue;
        }
        let (start, end) = (start as usize, end as usize);
        match ranges.iter_mut().find(|(from, until, _)| start < *until && *from < end) {
            Some(range) => {
                range.0 = range.0.min(start);
                range.1 = range.1.max(end);
                range.2.push(index);
            }
            None => ranges.push((start, end, vec![index])),
        }
    }
    // Widening a range may make it touch another: merge until none overlap.
    ranges.sort_by_key(|range| range.0);
    let mut merged: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.0 < last.1 => {
                last.1 = last.1.max(range.1);
                last.2.extend(range.2);
            }
            _ => merged.push(range),
        }
    }
    let hours = week.hours.and_then(|hours| hours.on(day));
    let pause = Duration::minutes(
        week.rooms.iter().find(|room| room.id == room_id).map_or(0, |room| room.pause_minutes.max(0)).into(),
    );
    let room_uses: Vec<Slot> =
        week.uses.iter().filter(|grid_use| grid_use.room_id == room_id).map(|grid_use| grid_use.slot).collect();
    let mut cells = Vec::new();
    let mut row = 0;
    while row < rows.len() {
        if let Some((from, until, uses)) = merged.iter().find(|range| range.0 == row) {
            cells.push(GridCell::Used { row, span: until - from, uses: uses.clone() });
            row = *until;
            continue;
        }
        let time = rows[row];
        let open = hours.is_some_and(|(open, close)| open <= time && time + step <= close);
        let starts = grid_start + step * row as i32;
        cells.push(if !open {
            GridCell::Closed { row }
        } else if starts < week.now {
            GridCell::Past { row }
        } else if pause > Duration::zero() && first_clash(&[(starts, starts + step)], &room_uses, pause).is_some() {
            GridCell::Pause { row }
        } else {
            GridCell::Free { row }
        });
        row += 1;
    }
    cells
}

/// The first day of the month a `?month=2026-11` parameter names; this month when empty.
pub fn parse_month(raw: Option<&str>, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let first_of = |date: NaiveDate| date.with_day(1).unwrap_or(date);
    match raw.map(str::trim).filter(|raw| !raw.is_empty()) {
        None => Ok(first_of(today)),
        Some(raw) if raw.len() == 7 => crate::time::parse_date(Field::Month, &format!("{raw}-01")),
        Some(_) => Err(AppError::invalid(Field::Month, InputProblem::Malformed)),
    }
}

/// The first day of the month after `month_start`.
pub fn next_month(month_start: NaiveDate) -> NaiveDate {
    month_start.checked_add_months(chrono::Months::new(1)).unwrap_or(month_start + Duration::days(31))
}

/// Minutes a centre is open in the month starting at `month_start`.
pub fn open_minutes_in_month(hours: &WeeklyHours, month_start: NaiveDate) -> i64 {
    let end = next_month(month_start);
    month_start
        .iter_days()
        .take_while(|day| *day < end)
        .filter_map(|day| hours.on(day.weekday().num_days_from_monday() as usize))
        .map(|(open, close)| (close - open).num_minutes())
        .sum()
}

/// Minutes of `uses` inside `[from, until)`.
pub fn minutes_within(uses: &[Slot], from: DateTime<Utc>, until: DateTime<Utc>) -> i64 {
    uses.iter().map(|(start, end)| ((*end).min(until) - (*start).max(from)).num_minutes().max(0)).sum()
}

/// One line of the utilisation report: a room, a centre or a district.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageRow {
    pub name: crate::localized::Localized,
    pub booked_minutes: i64,
    pub open_minutes: i64,
}

impl UsageRow {
    /// Booked share of open time, in whole percent (0 when the place was never open).
    pub fn percent(&self) -> i64 {
        if self.open_minutes <= 0 { 0 } else { (self.booked_minutes * 100 + self.open_minutes / 2) / self.open_minutes }
    }
}

/// Booked hours ÷ open hours for a month: the centre's rooms, and for admins every centre and
/// district too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageReport {
    pub month: NaiveDate,
    pub centre_slug: String,
    pub centre_name: crate::localized::Localized,
    pub rooms: Vec<UsageRow>,
    pub centres: Vec<UsageRow>,
    pub districts: Vec<UsageRow>,
    pub city: Option<UsageRow>,
}

/// The utilisation report as CSV: level (room / centre / district / city), name, booked hours,
/// open hours, percent.
#[cfg(feature = "ssr")]
pub fn usage_csv(report: &UsageReport, locale: crate::i18n::Locale) -> Result<String, csv::Error> {
    use crate::i18n::td_string;
    let hours = |minutes: i64| format!("{:.1}", minutes as f64 / 60.0);
    let level = |key: &str| key.to_owned();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut push = |kind: String, row: &UsageRow| {
        rows.push(vec![
            kind,
            row.name.get(locale).to_owned(),
            hours(row.booked_minutes),
            hours(row.open_minutes),
            row.percent().to_string(),
        ])
    };
    let room = level(td_string!(locale, usage_level_room));
    for row in &report.rooms {
        push(room.clone(), row);
    }
    let centre = level(td_string!(locale, usage_level_centre));
    for row in &report.centres {
        push(centre.clone(), row);
    }
    let district = level(td_string!(locale, usage_level_district));
    for row in &report.districts {
        push(district.clone(), row);
    }
    if let Some(city) = &report.city {
        push(level(td_string!(locale, usage_level_city)), city);
    }
    let header = [
        td_string!(locale, usage_column_level),
        td_string!(locale, usage_column_name),
        td_string!(locale, usage_column_booked),
        td_string!(locale, usage_column_open),
        td_string!(locale, usage_column_percent),
    ];
    crate::forms::spreadsheet::csv_document(&header, rows)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_centre_sets_its_own_weekly_limits() {
        use std::collections::BTreeMap;
        let mut form: BTreeMap<String, String> =
            quota_choices().map(|(booker, kind)| (quota_key(booker, kind), String::new())).collect();
        form.insert("resident-recording-studio".into(), "2,5".into());
        form.insert("staff-classroom".into(), " 20 ".into());
        let settings = parse_quota_form(&form).expect("valid form");
        assert_eq!(weekly_quota(&settings, Booker::Resident, RoomKind::RecordingStudio), Some(150));
        assert_eq!(weekly_quota(&settings, Booker::Staff, RoomKind::Classroom), Some(20 * 60));
        // A blank field means no limit, also where the default has one.
        assert_eq!(weekly_quota(&settings, Booker::Resident, RoomKind::Coworking), None);
        assert_eq!(weekly_quota(&settings, Booker::Staff, RoomKind::RecordingStudio), None);
        // No setting: the defaults. Residents never get rooms they may not request.
        assert_eq!(weekly_quota(&[], Booker::Resident, RoomKind::RecordingStudio), Some(240));
        let generous = [QuotaSetting { booker: Booker::Resident, kind: RoomKind::Classroom, weekly_minutes: None }];
        assert_eq!(weekly_quota(&generous, Booker::Resident, RoomKind::Classroom), Some(0));

        let refused = |key: &str, value: &str| {
            let mut bad = form.clone();
            bad.insert(key.into(), value.into());
            parse_quota_form(&bad).err()
        };
        let malformed = Some(AppError::invalid(Field::WeeklyLimit, InputProblem::Malformed));
        let too_long = Some(AppError::invalid(Field::WeeklyLimit, InputProblem::OutOfRange));
        assert_eq!(refused("staff-classroom", "-1"), malformed);
        assert_eq!(refused("staff-classroom", "1.25"), malformed);
        assert_eq!(refused("staff-classroom", "four"), malformed);
        assert_eq!(refused("staff-classroom", "169"), too_long);
        assert_eq!(refused("staff-classroom", "168"), None);
        assert_eq!(refused("staff-classroom", ",5"), None);
        assert_eq!(
            refused("resident-classroom", "5"),
            Some(AppError::invalid(Field::WeeklyLimit, InputProblem::Unknown))
        );
        let mut missing = form.clone();
        missing.remove("staff-coworking");
        assert!(parse_quota_form(&missing).is_err());
    }

    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, hour, minute, 0).unwrap()
    }

    /// An Almaty wall-clock time on a November 2026 day (30 = Monday).
    fn almaty(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        crate::time::from_almaty(NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(hour, minute, 0).unwrap())
            .unwrap()
    }

    fn december(day: u32, hour: u32) -> DateTime<Utc> {
        crate::time::from_almaty(NaiveDate::from_ymd_opt(2026, 12, day).unwrap().and_hms_opt(hour, 0, 0).unwrap())
            .unwrap()
    }

    fn studio() -> RoomRules {
        RoomRules {
            kind: RoomKind::RecordingStudio,
            capacity: 4,
            pause_minutes: 15,
            hours: WeeklyHours::parse("Mon–Sat 09:00–21:00").unwrap(),
        }
    }

    fn request(slot: Slot) -> BookingRequest {
        BookingRequest { slot, attendees: 2, purpose: "Podcast episode".into() }
    }

    /// Thursday 26 November 2026, 10:00 in Almaty.
    fn now() -> DateTime<Utc> {
        almaty(26, 10, 0)
    }

    #[test]
    fn overlapping_uses_clash_and_back_to_back_ones_do_not() {
        let none = Duration::zero();
        assert!(slots_clash((at(10, 0), at(11, 0)), (at(10, 30), at(12, 0)), none));
        assert!(slots_clash((at(10, 0), at(12, 0)), (at(10, 30), at(11, 0)), none), "one inside the other");
        assert!(!slots_clash((at(10, 0), at(11, 0)), (at(11, 0), at(12, 0)), none), "back to back");
        assert!(!slots_clash((at(11, 0), at(12, 0)), (at(10, 0), at(11, 0)), none), "either order");
    }

    #[test]
    fn the_rooms_pause_keeps_uses_apart_on_both_sides() {
        let pause = Duration::minutes(15);
        assert!(slots_clash((at(10, 0), at(11, 0)), (at(11, 10), at(12, 0)), pause));
        assert!(!slots_clash((at(10, 0), at(11, 0)), (at(11, 15), at(12, 0)), pause));
        assert!(slots_clash((at(11, 10), at(12, 0)), (at(10, 0), at(11, 0)), pause), "either order");
        assert!(slots_clash((at(9, 0), at(9, 50)), (at(10, 0), at(11, 0)), pause), "pause before a use too");
    }

    #[test]
    fn finds_which_wanted_slot_is_taken_and_names_what_is_in_the_way() {
        let wanted = [(at(9, 0), at(10, 0)), (at(12, 0), at(13, 0))];
        let taken = [(at(12, 30), at(14, 0))];
        assert_eq!(first_clash(&wanted, &taken, Duration::zero()), Some(wanted[1]));
        assert_eq!(first_clash(&wanted[..1], &taken, Duration::zero()), None);
        let uses = [
            RoomUse::Booking { slot: (at(8, 0), at(9, 0)), purpose: "Rehearsal".into() },
            RoomUse::CourseSession {
                slot: taken[0],
                course_title: crate::localized::Localized::new("Домбыра", "Домбра", "Dombra for beginners"),
            },
        ];
        assert_eq!(use_in_the_way(wanted[1], &uses, Duration::zero()), Some(&uses[1]));
        assert_eq!(use_in_the_way(wanted[0], &uses, Duration::zero()), None, "back to back with the rehearsal");
    }

    #[test]
    fn approval_moves_a_pending_request_and_nothing_else() {
        use BookingAction::*;
        use BookingStatus::*;
        assert_eq!(next_status(Pending, Approve), Ok(Confirmed));
        assert_eq!(next_status(Pending, Decline), Ok(Declined));
        assert_eq!(next_status(Pending, Cancel), Ok(Cancelled));
        assert_eq!(next_status(Confirmed, Cancel), Ok(Cancelled));
        for (status, action) in [(Confirmed, Approve), (Confirmed, Decline), (Cancelled, Cancel), (Declined, Approve)] {
            assert!(next_status(status, action).is_err(), "{status:?} + {action:?}");
        }
        assert!(Pending.holds_slot() && Confirmed.holds_slot());
        assert!(!Declined.holds_slot() && !Cancelled.holds_slot());
    }

    #[test]
    fn opening_hours_are_read_from_the_published_text() {
        let hours = WeeklyHours::parse("Mon–Fri 09:00–21:00; Sat 10:00-18:00").unwrap();
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        assert_eq!(hours.on(0), Some((nine, NaiveTime::from_hms_opt(21, 0, 0).unwrap())));
        assert_eq!(hours.on(5).map(|window| window.1), NaiveTime::from_hms_opt(18, 0, 0));
        assert_eq!(hours.on(6), None, "Sunday closed");
        assert_eq!(hours.widest(), Some((nine, NaiveTime::from_hms_opt(21, 0, 0).unwrap())));
        for bad in ["", "Mon–Sat", "Sun–Mon 09:00–21:00", "Mon–Sat 21:00–09:00", "Xyz 09:00–10:00"] {
            assert_eq!(WeeklyHours::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_booking_must_lie_inside_one_days_opening_hours_on_almaty_clocks() {
        let hours = studio().hours;
        assert!(hours.contains((almaty(30, 9, 0), almaty(30, 21, 0))), "the whole opening window");
        assert!(!hours.contains((almaty(30, 8, 30), almaty(30, 10, 0))), "before opening");
        assert!(!hours.contains((almaty(30, 20, 0), almaty(30, 21, 30))), "past closing");
        assert!(!hours.contains((almaty(29, 10, 0), almaty(29, 11, 0))), "Sunday is closed");
        // 04:00–05:00 UTC is 09:00–10:00 in Almaty: open, although the UTC hour is not.
        assert!(hours.contains((at(4, 0), at(5, 0))));
    }

    #[test]
    fn staff_bookings_are_confirmed_and_residents_requests_wait_for_approval() {
        let slot = (almaty(30, 14, 0), almaty(30, 16, 0));
        assert_eq!(check_booking(&studio(), Booker::Staff, &request(slot), now()), Ok(BookingStatus::Confirmed));
        assert_eq!(check_booking(&studio(), Booker::Resident, &request(slot), now()), Ok(BookingStatus::Pending));
        let classroom = RoomRules { kind: RoomKind::Classroom, capacity: 20, ..studio() };
        assert_eq!(
            check_booking(&classroom, Booker::Resident, &request(slot), now()),
            Err(AppError::invalid(Field::Room, InputProblem::NotAllowed)),
            "residents ask only for studios and co-working"
        );
    }

    #[test]
    fn bad_requests_are_refused_by_field() {
        use InputProblem::*;
        let room = studio();
        let check = |slot: Slot, attendees: i32, purpose: &str| {
            check_booking(&room, Booker::Staff, &BookingRequest { slot, attendees, purpose: purpose.into() }, now())
        };
        let good = (almaty(30, 14, 0), almaty(30, 16, 0));
        assert_eq!(
            check((good.1, good.0), 2, "x"),
            Err(AppError::invalid(Field::Ends, OutOfRange)),
            "end before start"
        );
        assert_eq!(check((good.0, good.0), 2, "x"), Err(AppError::invalid(Field::Ends, OutOfRange)), "0 minutes");
        assert_eq!(
            check((good.0, good.0 + Duration::minutes(30)), 2, "x"),
            Err(AppError::invalid(Field::Length, OutOfRange)),
            "a studio needs an hour at least"
        );
        assert_eq!(
            check((good.0, good.0 + Duration::hours(48)), 2, "x"),
            Err(AppError::invalid(Field::Length, OutOfRange)),
            "48 hours"
        );
        assert_eq!(
            check((almaty(25, 14, 0), almaty(25, 15, 0)), 2, "x"),
            Err(AppError::invalid(Field::Starts, OutOfRange)),
            "yesterday"
        );
        let far = good.0 + Duration::weeks(13);
        assert_eq!(check((far, far + Duration::hours(1)), 2, "x"), Err(AppError::invalid(Field::Date, TooLong)));
        assert_eq!(check(good, 5, "x"), Err(AppError::invalid(Field::Attendees, OutOfRange)), "over capacity");
        assert_eq!(check(good, 0, "x"), Err(AppError::invalid(Field::Attendees, OutOfRange)));
        assert_eq!(check(good, 2, "   "), Err(AppError::invalid(Field::Purpose, Missing)));
        assert_eq!(check(good, 2, &"x".repeat(100_000)), Err(AppError::invalid(Field::Purpose, TooLong)));
        assert_eq!(
            check((almaty(29, 14, 0), almaty(29, 15, 0)), 2, "x"),
            Err(AppError::invalid(Field::OpeningHours, OutOfRange)),
            "Sunday"
        );
    }

    #[test]
    fn length_limits_follow_the_room_kind() {
        let classroom = RoomRules { kind: RoomKind::Classroom, capacity: 20, ..studio() };
        let start = almaty(30, 10, 0);
        assert_eq!(check_slot(&classroom, (start, start + Duration::minutes(30)), now()), Ok(()));
        assert_eq!(check_slot(&classroom, (start, start + Duration::hours(8)), now()), Ok(()));
        assert!(check_slot(&classroom, (start, start + Duration::minutes(29)), now()).is_err());
        assert_eq!(check_slot(&studio(), (start, start + Duration::hours(4)), now()), Ok(()));
        assert!(check_slot(&studio(), (start, start + Duration::minutes(241)), now()).is_err());
    }

    #[test]
    fn quota_weeks_start_on_monday_at_almaty_midnight() {
        // Sunday 23:30 and Monday 00:30 in Almaty fall in different quota weeks, though both are
        // on Sunday in UTC.
        let sunday_late = almaty(29, 23, 30);
        let monday_early = almaty(30, 0, 30);
        assert_eq!(almaty_week_start(sunday_late), almaty(23, 0, 0));
        assert_eq!(almaty_week_start(monday_early), almaty(30, 0, 0));
        assert_eq!(almaty_week_start(almaty(30, 0, 0)), almaty(30, 0, 0), "the boundary belongs to the new week");
        let uses = [(almaty(28, 18, 0), almaty(28, 21, 0)), (almaty(30, 18, 0), almaty(30, 20, 0))];
        assert_eq!(minutes_in_week(&uses, almaty(23, 0, 0)), 180);
        assert_eq!(minutes_in_week(&uses, almaty(30, 0, 0)), 120);
        let wanted = (almaty(30, 14, 0), almaty(30, 16, 0));
        assert_eq!(check_quota(Some(240), 120, wanted), Ok(()), "exactly the quota");
        assert_eq!(check_quota(Some(240), 180, wanted), Err(AppError::invalid(Field::Quota, InputProblem::OutOfRange)));
        assert_eq!(check_quota(None, 10_000, wanted), Ok(()));
        assert_eq!(default_weekly_quota(Booker::Resident, RoomKind::RecordingStudio), Some(240));
        assert_eq!(default_weekly_quota(Booker::Staff, RoomKind::RecordingStudio), None);
    }

    #[test]
    fn a_series_repeats_every_n_weeks_until_its_last_date() {
        let first = (almaty(30, 18, 0), almaty(30, 20, 0));
        let weekly = expand_series(
            first,
            Repeat { every_weeks: 1, until: NaiveDate::from_ymd_opt(2026, 12, 21).unwrap() },
            now(),
        )
        .unwrap();
        assert_eq!(weekly.len(), 4, "30 Nov, 7, 14 and 21 Dec");
        assert_eq!(weekly[3], (december(21, 18), december(21, 20)), "same Almaty wall-clock time");
        let fortnightly = expand_series(
            first,
            Repeat { every_weeks: 2, until: NaiveDate::from_ymd_opt(2026, 12, 27).unwrap() },
            now(),
        )
        .unwrap();
        assert_eq!(fortnightly.iter().map(|slot| slot.0).collect::<Vec<_>>(), [first.0, december(14, 18)]);
    }

    #[test]
    fn a_series_stays_inside_the_booking_window() {
        let first = (almaty(30, 18, 0), almaty(30, 20, 0));
        let in_a_year = NaiveDate::from_ymd_opt(2027, 11, 30).unwrap();
        assert_eq!(
            expand_series(first, Repeat { every_weeks: 1, until: in_a_year }, now()),
            Err(AppError::invalid(Field::RepeatUntil, InputProblem::OutOfRange)),
            "a series of 52+ occurrences is refused, not truncated silently"
        );
        let before_first = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert!(expand_series(first, Repeat { every_weeks: 1, until: before_first }, now()).is_err());
        for every_weeks in [0, 13, 500] {
            let repeat = Repeat { every_weeks, until: NaiveDate::from_ymd_opt(2026, 12, 21).unwrap() };
            assert_eq!(
                expand_series(first, repeat, now()),
                Err(AppError::invalid(Field::RepeatEvery, InputProblem::OutOfRange))
            );
        }
        let longest = expand_series(
            first,
            Repeat { every_weeks: 1, until: crate::time::almaty_today(now()) + Duration::weeks(MAX_WEEKS_AHEAD) },
            now(),
        )
        .unwrap();
        assert!(longest.len() <= 13, "{}", longest.len());
    }

    #[test]
    fn a_series_preview_marks_clashes_and_rule_breaks_and_keeps_the_rest() {
        let room = studio();
        let first = (almaty(30, 18, 0), almaty(30, 20, 0));
        let occurrences = expand_series(
            first,
            Repeat { every_weeks: 1, until: NaiveDate::from_ymd_opt(2026, 12, 21).unwrap() },
            now(),
        )
        .unwrap();
        let course = RoomUse::CourseSession {
            slot: (december(7, 19), december(7, 21)),
            course_title: crate::localized::Localized::new("Битмейкинг", "Битмейкинг", "Beatmaking"),
        };
        let planned = plan_series(&room, &occurrences, std::slice::from_ref(&course), None, &[], now());
        let skipped: Vec<_> = planned.iter().filter(|row| row.skip.is_some()).collect();
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].slot.0, december(7, 18));
        assert_eq!(skipped[0].skip, Some(Skip::Clash(course)));

        // A resident with 3 studio hours already booked in the week of 14 December: that
        // occurrence would pass the 4-hour quota and is skipped; the others fit.
        let already = [(december(15, 10), december(15, 13))];
        let planned = plan_series(&room, &occurrences, &[], Some(240), &already, now());
        let skipped: Vec<_> = planned.iter().filter(|row| row.skip.is_some()).map(|row| row.slot.0).collect();
        assert_eq!(skipped, [december(14, 18)]);
    }

    #[test]
    fn open_hours_of_a_month_count_each_open_day_once() {
        let hours = WeeklyHours::parse("Mon–Sat 09:00–21:00").unwrap();
        // November 2026 has 30 days, 5 Sundays (1, 8, 15, 22, 29): 25 open days of 12 hours.
        let november = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        assert_eq!(open_minutes_in_month(&hours, november), 25 * 12 * 60);
        assert_eq!(
            next_month(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        let row = UsageRow { name: Default::default(), booked_minutes: 90, open_minutes: 600 };
        assert_eq!(row.percent(), 15);
        assert_eq!(UsageRow { open_minutes: 0, ..row }.percent(), 0, "a closed room is not divided by zero");
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(parse_month(None, today), Ok(november));
        assert_eq!(parse_month(Some("2026-02"), today), Ok(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()));
        assert!(parse_month(Some("2026-13"), today).is_err());
        assert!(parse_month(Some("20261"), today).is_err());
    }

    #[test]
    fn the_grid_merges_a_use_over_its_rows_and_marks_closed_and_past_rows() {
        let hours = WeeklyHours::parse("Mon–Sat 09:00–21:00").unwrap();
        let rows = grid_rows(&hours);
        assert_eq!(rows.len(), 24);
        let week_start = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let week = RoomWeek {
            centre_slug: "c".into(),
            centre_name: Default::default(),
            opening_hours: String::new(),
            hours: Some(hours),
            week_start,
            today: week_start,
            now: almaty(26, 10, 0),
            rooms: Vec::new(),
            selected_room: None,
            // Tuesday 10:15–11:30 takes the 10:00, 10:30 and 11:00 rows.
            uses: vec![GridUse {
                room_id: 1,
                slot: (december(1, 10) + Duration::minutes(15), december(1, 11) + Duration::minutes(30)),
                what: GridUseKind::CourseSession { title: Default::default(), course_slug: "x".into() },
            }],
            manages: false,
            signed_in: false,
            quotas: Vec::new(),
            pending_requests: 0,
        };
        let tuesday = column_cells(&week, &rows, 1, 1);
        assert_eq!(tuesday[2], GridCell::Used { row: 2, span: 3, uses: vec![0] });
        assert_eq!(tuesday.len(), 24 - 2, "the use stands for three rows");
        assert!(tuesday.iter().all(|cell| !matches!(cell, GridCell::Closed { .. } | GridCell::Past { .. })));
        let sunday = column_cells(&week, &rows, 6, 1);
        assert!(sunday.iter().all(|cell| matches!(cell, GridCell::Closed { .. })), "the centre is closed on Sunday");
        let other_room = column_cells(&week, &rows, 1, 2);
        assert!(other_room.iter().all(|cell| matches!(cell, GridCell::Free { .. })));

        // With a 15-minute pause, a half hour that would end less than 15 minutes before a use
        // or start less than 15 minutes after one cannot start a booking: it is drawn as pause.
        let studio = GridRoom {
            id: 1,
            name: Default::default(),
            kind: RoomKind::RecordingStudio,
            capacity: 4,
            equipment: Vec::new(),
            needs_approval: true,
            pause_minutes: 15,
            bookable: true,
        };
        let mut uses = week.uses.clone();
        uses.push(GridUse { slot: (december(1, 14), december(1, 15)), ..uses[0].clone() });
        let paused = RoomWeek { rooms: vec![studio], uses, ..week };
        let tuesday = column_cells(&paused, &rows, 1, 1);
        let at = |row: usize| tuesday.iter().find(|cell| cell.row() == row).cloned();
        // 09:30–10:00 ends exactly a pause before 10:15: free. 11:30 is 0 minutes after 11:30.
        assert_eq!(at(1), Some(GridCell::Free { row: 1 }));
        assert_eq!(at(5), Some(GridCell::Pause { row: 5 }));
        assert_eq!(at(6), Some(GridCell::Free { row: 6 }));
        // 13:30–14:00 ends right at the 14:00 use; 15:00 starts right at its end.
        assert_eq!(at(9), Some(GridCell::Pause { row: 9 }));
        assert_eq!(at(10), Some(GridCell::Used { row: 10, span: 2, uses: vec![1] }));
        assert_eq!(at(12), Some(GridCell::Pause { row: 12 }));
        assert_eq!(at(13), Some(GridCell::Free { row: 13 }));
    }
}
