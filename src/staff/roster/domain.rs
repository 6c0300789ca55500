//! A course's roster as staff see it and download it: who holds a seat, who waits, who came.
use crate::enrolment::domain::EnrolmentStatus;
use crate::i18n::*;
use crate::localized::Localized;
use serde::{Deserialize, Serialize};

/// One resident on a course's roster: enrolled first, then the waitlist, each in arrival order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub resident_id: i32,
    pub full_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: EnrolmentStatus,
    pub position: i32,
    pub waitlist_place: Option<u32>,
    pub attended: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub slug: String,
    pub title: Localized,
    pub capacity: i32,
    pub seats_taken: i32,
    pub entries: Vec<RosterEntry>,
}

/// "Enrolled" or the place on the waiting list, on the page and in the CSV alike.
pub fn roster_status(locale: Locale, waitlist_place: Option<u32>) -> String {
    match waitlist_place {
        Some(place) => td_string!(locale, roster_waiting, place).to_string(),
        None => td_string!(locale, roster_enrolled).to_string(),
    }
}

/// The roster as a spreadsheet file (through the app's one CSV writer, which neutralises formulas),
/// headers and statuses in the staff member's language.
#[cfg(feature = "ssr")]
pub fn roster_csv(entries: &[RosterEntry], locale: Locale) -> Result<String, csv::Error> {
    let header = [
        td_string!(locale, full_name_label),
        td_string!(locale, phone_label),
        td_string!(locale, email_label),
        td_string!(locale, roster_status),
        td_string!(locale, roster_attended),
    ];
    let rows = entries.iter().map(|entry| {
        let attended = if entry.attended { td_string!(locale, yes) } else { td_string!(locale, no) };
        vec![
            entry.full_name.clone(),
            entry.phone.clone().unwrap_or_default(),
            entry.email.clone().unwrap_or_default(),
            roster_status(locale, entry.waitlist_place),
            attended.to_owned(),
        ]
    });
    crate::forms::spreadsheet::csv_document(&header, rows)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn entry(full_name: &str, waitlist_place: Option<u32>) -> RosterEntry {
        RosterEntry {
            resident_id: 1,
            full_name: full_name.into(),
            phone: Some("+77015551234".into()),
            email: None,
            status: if waitlist_place.is_some() { EnrolmentStatus::Waitlisted } else { EnrolmentStatus::Enrolled },
            position: 1,
            waitlist_place,
            attended: false,
        }
    }

    #[test]
    fn resident_names_never_become_spreadsheet_formulas() {
        let names =
            ["=HYPERLINK(\"http://evil.example\",\"Click\")", "+1+2", "-2+3", "@SUM(A1:A9)", "\tTab", "\rReturn"];
        let entries: Vec<RosterEntry> = names.iter().map(|name| entry(name, None)).collect();
        let csv = roster_csv(&entries, Locale::en).unwrap();
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let cells: Vec<(String, String)> =
            reader.records().map(|record| record.unwrap()).map(|row| (row[0].to_owned(), row[1].to_owned())).collect();
        for ((name, phone), typed) in cells.iter().zip(names) {
            assert_eq!(name, &format!("'{typed}"), "the name is text, shown as typed");
            assert_eq!(phone, "'+77015551234");
        }
        assert_eq!(cells.len(), names.len());
    }

    #[test]
    fn the_roster_file_is_in_the_staff_members_language() {
        let csv = roster_csv(&[entry("Арман Сейітов", Some(2))], Locale::ru).unwrap();
        assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "ФИО,Телефон,E-mail,Статус,Присутствовал(а)");
        assert_eq!(lines[1], "Арман Сейітов,'+77015551234,,В очереди: 2,Нет");
    }
}
