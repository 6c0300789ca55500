//! A resident's sessions as an iCalendar (RFC 5545) feed that phone calendars subscribe to.
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

/// One session as a calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEntry {
    pub session_id: i32,
    pub course_title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Centre, room and address; empty for online sessions.
    pub location: String,
    /// Link to the course page.
    pub url: String,
}

/// The feed as text. Each session has a stable UID, so calendar apps update rather than duplicate
/// events when the feed is fetched again.
pub fn calendar_feed(name: &str, host: &str, entries: &[CalendarEntry]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name).timezone("Asia/Almaty");
    for entry in entries {
        let mut event = Event::with_uid(&format!("session-{}@{host}", entry.session_id));
        event.summary(&entry.course_title).starts(entry.starts_at).ends(entry.ends_at).url(&entry.url);
        if !entry.location.is_empty() {
            event.location(&entry.location);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn sessions_become_events_with_stable_ids_in_utc() {
        let starts_at = Utc.with_ymd_and_hms(2026, 12, 1, 13, 0, 0).unwrap();
        let entry = CalendarEntry {
            session_id: 42,
            course_title: "Домбыра, бастауыш".into(),
            starts_at,
            ends_at: starts_at + chrono::Duration::minutes(90),
            location: "Алмалы жастар орталығы, 204".into(),
            url: "https://youth.almaty.kz/courses/dombra".into(),
        };
        let feed = calendar_feed("My sessions", "youth.almaty.kz", &[entry]);
        assert!(feed.starts_with("BEGIN:VCALENDAR"), "{feed}");
        assert!(feed.contains("UID:session-42@youth.almaty.kz"), "{feed}");
        assert!(feed.contains("DTSTART:20261201T130000Z"), "{feed}");
        assert!(feed.contains("DTEND:20261201T143000Z"), "{feed}");
        assert!(feed.contains("SUMMARY:Домбыра\\, бастауыш"), "{feed}");
        assert_eq!(feed.matches("BEGIN:VEVENT").count(), 1);
    }
}
