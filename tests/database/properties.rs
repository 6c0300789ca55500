//! Property tests of every parser of request data: whatever a client sends, the parser answers
//! without panicking, with a value or a typed refusal naming one of its own fields; parsers with a
//! formatter read back what it wrote.
use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use youth_centres::accounts::domain::validate_new_account;
use youth_centres::catalogue::search::domain::{CourseFilters, SORTS, TIMES, WEEKDAYS};
use youth_centres::error::{AppError, Field};
use youth_centres::forms::keys::{CourseFormat, FORMATS, LANGUAGES};
use youth_centres::forms::page::{MAX_PAGE, parse_page};
use youth_centres::quiz::domain::{
    QuizForm, answers_text, parse_age_band, parse_answers, parse_form, parse_resident_id, score_sheet,
};
use youth_centres::residents::domain::{RegistrationForm, parse_district};
use youth_centres::staff::courses::domain::{CourseForm, SessionForm};
use youth_centres::time::{REQUEST_YEARS, parse_clock, parse_date};

/// Cheap parsers, so a few hundred cases each keep the whole module within a few seconds.
fn config() -> ProptestConfig {
    ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() }
}

/// The parser answered with a value, or refused naming one of `fields` (never another error).
fn typed<T: std::fmt::Debug>(result: &Result<T, AppError>, fields: &[&str]) -> Result<(), TestCaseError> {
    match result {
        Ok(_) => Ok(()),
        Err(AppError::InvalidInput { field, .. }) if fields.contains(&field.as_str()) => Ok(()),
        Err(other) => Err(TestCaseError::fail(format!("not a refusal of {fields:?}: {other:?}"))),
    }
}

/// What lands in a form field: anything at all, text near the expected shape, numbers at the
/// edges of their types, and very long input.
fn field_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,24}",
        "[0-9+-]{0,12}",
        "[a-zа-яәғқңөұүһі -]{0,40}",
        prop::sample::select(vec!["", " ", "0", "-1", "14", "35", "2147483648", "-9223372036854775809", "on", "1"])
            .prop_map(str::to_owned),
        "x{200,5000}",
    ]
}

/// Dates as typed or forged: valid ones, every year chrono knows, and date-shaped noise.
fn date_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (-262_144i32..=262_143, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (1890i32..=2110, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        "[+-]?[0-9]{1,7}-[0-9]{1,3}-[0-9]{1,3}",
        field_value(),
    ]
}

fn clock_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..=25, 0u32..=61).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        (0u32..=23, 0u32..=59, 0u32..=60).prop_map(|(h, m, s)| format!("{h:02}:{m:02}:{s:02}")),
        field_value(),
    ]
}

/// A slug of the shape every slug parser accepts.
fn well_formed_slug() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}"
}

/// 25.11.2026 12:00 in Almaty.
fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 7, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

const FILTER_FIELDS: [&str; 12] =
    ["category", "district", "centre", "language", "format", "age", "weekday", "time", "free", "q", "sort", "page"];

fn filter_query() -> impl Strategy<Value = String> {
    let pair = (prop::sample::select(FILTER_FIELDS.to_vec()), prop_oneof![date_value(), field_value()]);
    prop_oneof![
        any::<String>(),
        "[ -~]{0,80}",
        prop::collection::vec(pair, 0..6)
            .prop_map(|pairs| { form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish() }),
    ]
}

fn valid_filters() -> impl Strategy<Value = CourseFilters> {
    let slugs = (
        prop::option::of(well_formed_slug()),
        prop::option::of(well_formed_slug()),
        prop::option::of(well_formed_slug()),
    );
    let keys = (
        prop::option::of(prop::sample::select(LANGUAGES.map(|(language, _)| language).to_vec())),
        prop::option::of(prop::sample::select(FORMATS.map(|(format, _)| format).to_vec())),
        prop::option::of(prop::sample::select(WEEKDAYS.map(|(weekday, _)| weekday).to_vec())),
        prop::option::of(prop::sample::select(TIMES.map(|(time, _)| time).to_vec())),
        prop::sample::select(SORTS.map(|(sort, _)| sort).to_vec()),
    );
    let rest = (
        prop::option::of(14i16..=35),
        any::<bool>(),
        prop::option::of("[a-zа-яәғқңөұүһі0-9&=?#%+ ]{1,60}"),
        1u32..=MAX_PAGE,
    );
    (slugs, keys, rest).prop_map(
        |((category, district, centre), (language, format, weekday, time_of_day, sort), (age, free, query, page))| {
            CourseFilters {
                category,
                district,
                centre,
                language,
                format,
                age,
                weekday,
                time_of_day,
                only_free_seats: free,
                // The parser trims, as a browser's field may carry spaces: a trimmed query reads back.
                query: query.map(|query| query.trim().to_owned()).filter(|query| !query.is_empty()),
                sort,
                page,
            }
        },
    )
}

const COURSE_FIELDS: [&str; 14] = [
    "category",
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
    "language",
    "format",
    "min_age",
    "max_age",
    "capacity",
    "instructor",
    "riasec",
];

fn course_form() -> impl Strategy<Value = CourseForm> {
    let texts = (field_value(), field_value(), field_value(), field_value(), field_value(), field_value());
    let choices = (
        prop_oneof![Just("media".to_owned()), field_value()],
        prop_oneof![Just("kk".to_owned()), Just("ru".to_owned()), field_value()],
        prop_oneof![Just("offline".to_owned()), Just("online".to_owned()), field_value()],
        prop_oneof![Just("AE".to_owned()), "[RIASECriasec ,]{0,8}", field_value()],
    );
    let numbers = (field_value(), field_value(), field_value(), prop::option::of(field_value()));
    (field_value(), texts, choices, numbers).prop_map(
        |(
            title_kk,
            (title_ru, title_en, description_kk, description_ru, description_en, instructor),
            (category, language, format, riasec),
            (min_age, max_age, capacity, late_enrolment),
        )| CourseForm {
            category,
            title_kk,
            title_ru,
            title_en,
            description_kk,
            description_ru,
            description_en,
            language,
            format,
            min_age,
            max_age,
            capacity,
            instructor,
            riasec,
            late_enrolment,
        },
    )
}

const REGISTRATION_FIELDS: [&str; 9] = [
    "full_name",
    "birth_date",
    "district",
    "contact",
    "occupation",
    "password",
    "data_consent",
    "guardian_name",
    "guardian_consent",
];

fn registration_form() -> impl Strategy<Value = RegistrationForm> {
    let contact = prop_oneof![Just("a@x.kz".to_owned()), Just("8 701 555 12 34".to_owned()), field_value()];
    let firsts = (field_value(), date_value(), prop_oneof![well_formed_slug(), field_value()], contact);
    let rest = (
        prop_oneof![Just("studying".to_owned()), field_value()],
        field_value(),
        prop::option::of(field_value()),
        prop::option::of(field_value()),
        prop::option::of(field_value()),
    );
    (firsts, rest).prop_map(
        |(
            (full_name, birth_date, district, contact),
            (occupation, password, data_consent, guardian_name, guardian_consent),
        )| RegistrationForm {
            full_name,
            birth_date,
            district,
            contact,
            occupation,
            password,
            data_consent,
            guardian_name,
            guardian_consent,
        },
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn catalogue_filters_read_any_query_without_panicking(query in filter_query()) {
        typed(&CourseFilters::from_query_string(&query), &FILTER_FIELDS)?;
    }

    #[test]
    fn catalogue_filters_read_back_the_link_they_write(filters in valid_filters()) {
        let query = filters.to_query_string();
        prop_assert_eq!(CourseFilters::from_query_string(&query), Ok(filters), "{}", query);
    }

    #[test]
    fn the_course_form_names_the_field_it_refuses(form in course_form()) {
        let result = form.validate();
        typed(&result, &COURSE_FIELDS)?;
        if let Ok(draft) = result {
            prop_assert!(14 <= draft.min_age && draft.min_age <= draft.max_age && draft.max_age <= 35);
            prop_assert!((1..=500).contains(&draft.capacity));
        }
    }

    #[test]
    fn the_session_form_refuses_any_date_or_time_without_panicking(
        date in date_value(),
        starts in clock_value(),
        ends in clock_value(),
        room in prop_oneof![Just("7".to_owned()), Just(String::new()), field_value()],
        weeks in prop_oneof![Just(String::new()), (0u32..=30).prop_map(|weeks| weeks.to_string()), field_value()],
        online in any::<bool>(),
    ) {
        let form = SessionForm { date, starts, ends, room, weeks };
        let format = if online { CourseFormat::Online } else { CourseFormat::Offline };
        let result = form.validate(format, now());
        typed(&result, &["date", "starts", "ends", "room", "weeks"])?;
        if let Ok(plan) = result {
            let (first_start, _) = plan.slots[0];
            prop_assert!(first_start > now());
            prop_assert!(first_start < now() + chrono::Duration::days(732));
            prop_assert!((1..=26).contains(&plan.slots.len()));
            for (start, end) in plan.slots {
                prop_assert!(start < end && end - start <= chrono::Duration::hours(8));
            }
        }
    }

    #[test]
    fn a_session_date_at_the_edge_of_the_calendar_is_out_of_range(
        // chrono's calendar runs from -262143-01-01 to +262142-12-31.
        year in prop_oneof![Just(-262_143i32), Just(262_142), -262_143i32..1900, 2101i32..=262_142],
        month in prop_oneof![Just(1u32), 1u32..=12],
    ) {
        let form = SessionForm {
            // Signed, as chrono writes years beyond four digits.
            date: format!("{year:+05}-{month:02}-01"),
            starts: "01:00".into(),
            ends: "02:00".into(),
            room: "7".into(),
            weeks: "26".into(),
        };
        prop_assert_eq!(
            form.validate(CourseFormat::Offline, now()).map(|_| ()),
            Err(AppError::invalid(Field::Date, youth_centres::error::InputProblem::OutOfRange))
        );
    }

    #[test]
    fn the_registration_form_names_the_field_it_refuses(form in registration_form()) {
        let result = form.validate(today());
        typed(&result, &REGISTRATION_FIELDS)?;
        if let Ok(resident) = result {
            let age = youth_centres::forms::age::age_on(resident.birth_date, today());
            prop_assert!((14..=35).contains(&age));
        }
    }

    #[test]
    fn the_admins_account_form_names_the_field_it_refuses(
        login in prop_oneof![Just("colleague@x.kz".to_owned()), field_value()],
        display_name in field_value(),
        role in prop_oneof![Just("staff".to_owned()), Just("admin".to_owned()), field_value()],
        centre in prop::option::of(prop_oneof![well_formed_slug(), field_value()]),
        password in field_value(),
    ) {
        let result = validate_new_account(&login, &display_name, &role, centre.as_deref(), &password);
        typed(&result, &["login", "display_name", "role", "centre", "password"])?;
    }

    #[test]
    fn dates_in_requests_stay_within_1900_to_2100(raw in date_value()) {
        let result = parse_date(Field::Date, &raw);
        typed(&result, &["date"])?;
        if let Ok(date) = result {
            prop_assert!(REQUEST_YEARS.contains(&date.year()), "{}", date);
        }
    }

    #[test]
    fn every_date_from_1900_to_2100_reads_back(days in 0i64..(201 * 366)) {
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assume!(REQUEST_YEARS.contains(&date.year()));
        prop_assert_eq!(parse_date(Field::BirthDate, &date.format("%Y-%m-%d").to_string()), Ok(date));
    }

    #[test]
    fn clock_times_read_back_and_anything_else_is_refused(raw in clock_value(), hour in 0u32..24, minute in 0u32..60) {
        typed(&parse_clock(Field::Starts, &raw), &["starts"])?;
        let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap();
        prop_assert_eq!(parse_clock(Field::Starts, &time.format("%H:%M").to_string()), Ok(time));
    }

    #[test]
    fn slugs_are_read_as_written_and_anything_else_is_refused(raw in field_value(), slug in well_formed_slug()) {
        let parsed = youth_centres::forms::slug::parse_slug(Field::Centre, Some(raw.as_str()));
        typed(&parsed, &["centre"])?;
        if let Ok(Some(parsed)) = parsed {
            prop_assert!(parsed.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!(!parsed.is_empty() && parsed.len() <= 64);
        }
        typed(&parse_district(&raw), &["district"])?;
        prop_assert_eq!(youth_centres::forms::slug::parse_slug(Field::Centre, Some(slug.as_str())), Ok(Some(slug.clone())));
        prop_assert_eq!(parse_district(&slug), Ok(slug));
    }

    #[test]
    fn page_numbers_read_back_and_anything_else_is_refused(raw in field_value(), page in 1u32..=MAX_PAGE) {
        let parsed = parse_page(Some(raw.as_str()));
        typed(&parsed, &["page"])?;
        if let Ok(parsed) = parsed {
            prop_assert!((1..=MAX_PAGE).contains(&parsed));
        }
        prop_assert_eq!(parse_page(Some(page.to_string().as_str())), Ok(page));
    }

    #[test]
    fn answer_sheets_read_back_and_anything_else_is_refused(
        raw in field_value(),
        answers in prop::collection::vec(1u8..=5, 0..=60),
        form in field_value(),
        band in field_value(),
        resident in field_value(),
    ) {
        let parsed = parse_answers(&raw);
        typed(&parsed, &["answers"])?;
        if let Ok(parsed) = parsed {
            prop_assert!(parsed.len() <= 60 && parsed.iter().all(|answer| (1..=5).contains(answer)));
        }
        prop_assert_eq!(parse_answers(&answers_text(&answers)), Ok(answers.clone()));
        typed(&parse_form(Some(form.as_str())), &["form"])?;
        typed(&parse_age_band(Some(band.as_str())), &["age_band"])?;
        typed(&parse_resident_id(&resident), &["resident"])?;
        for quiz_form in QuizForm::ALL {
            typed(&score_sheet(quiz_form, &answers), &["answers"])?;
        }
    }
}
