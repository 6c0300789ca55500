//! Catalogue search on SQLite and PostgreSQL: every filter is checked against a plain Rust
//! evaluation of the same rule over all rows, so "narrows as expected" means "matches exactly".
use crate::support;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use std::collections::{HashMap, HashSet};
use youth_centres::catalogue::search::domain::{COURSES_PER_PAGE, CourseFilters, CourseSearch, CourseSort};
use youth_centres::catalogue::search::store;
use youth_centres::error::{AppError, Field, InputProblem};
use youth_centres::forms::keys::{CourseFormat, InstructionLanguage};
use youth_centres::forms::search::fold_for_search;
use youth_centres::server::db::{migrate, undo_migrations};
use youth_centres::server::entities::*;
use youth_centres::server::seed::{self, ScaleOptions};
use youth_centres::time::{almaty_minute_of_day, almaty_weekday};

/// A fixed Wednesday, so the schedule is the same on every run.
fn seed_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

fn now() -> DateTime<chrono::Utc> {
    seed_day().and_time(NaiveTime::MIN).and_utc()
}

/// Every row the search looks at, to evaluate the filters independently of SQL.
struct World {
    courses: Vec<course::Model>,
    sessions: HashMap<i32, Vec<course_session::Model>>,
    centre_slugs: HashMap<i32, String>,
    centre_districts: HashMap<i32, String>,
    category_slugs: HashMap<i32, String>,
}

impl World {
    /// Demo data plus synthetic courses: they add evening sessions, full courses and varied ages.
    async fn seeded(db: &DatabaseConnection) -> World {
        let scale = ScaleOptions { extra_courses: 90, ..Default::default() };
        seed::seed(db, seed_day(), scale).await.expect("seed");
        let districts: HashMap<i32, String> =
            district::Entity::find().all(db).await.unwrap().into_iter().map(|d| (d.id, d.slug)).collect();
        let centres = centre::Entity::find().all(db).await.unwrap();
        let mut sessions: HashMap<i32, Vec<course_session::Model>> = HashMap::new();
        for session in course_session::Entity::find().all(db).await.unwrap() {
            sessions.entry(session.course_id).or_default().push(session);
        }
        World {
            courses: course::Entity::find().all(db).await.unwrap(),
            sessions,
            centre_slugs: centres.iter().map(|c| (c.id, c.slug.clone())).collect(),
            centre_districts: centres.iter().map(|c| (c.id, districts[&c.district_id].clone())).collect(),
            category_slugs: course_category::Entity::find()
                .all(db)
                .await
                .unwrap()
                .into_iter()
                .map(|c| (c.id, c.slug))
                .collect(),
        }
    }

    /// Slugs of the courses `filters` should find.
    fn expected(&self, filters: &CourseFilters) -> HashSet<String> {
        self.courses.iter().filter(|course| self.matches(course, filters)).map(|course| course.slug.clone()).collect()
    }

    fn matches(&self, course: &course::Model, f: &CourseFilters) -> bool {
        let session_fits = |session: &&course_session::Model| {
            session.starts_at >= now()
                && f.weekday.is_none_or(|day| almaty_weekday(session.starts_at) == day.num_days_from_monday() as i16)
                && f.time_of_day.is_none_or(|time| time.minutes().contains(&almaty_minute_of_day(session.starts_at)))
        };
        let text = fold_for_search(&course.search_text);
        self.sessions.get(&course.id).is_some_and(|sessions| sessions.iter().any(|s| session_fits(&s)))
            && f.category.as_ref().is_none_or(|slug| &self.category_slugs[&course.category_id] == slug)
            && f.district.as_ref().is_none_or(|slug| &self.centre_districts[&course.centre_id] == slug)
            && f.centre.as_ref().is_none_or(|slug| &self.centre_slugs[&course.centre_id] == slug)
            && f.language.is_none_or(|language| course.language == language)
            && f.format.is_none_or(|format| course.format == format)
            && f.age.is_none_or(|age| course.min_age <= age && age <= course.max_age)
            && (!f.only_free_seats || course.seats_taken < course.capacity)
            && f.search_words().iter().all(|word| text.contains(word.as_str()))
    }

    /// Runs the search and checks its total and first page against [`World::expected`].
    async fn check(&self, db: &DatabaseConnection, filters: CourseFilters) -> CourseSearch {
        let search = store::search_courses(db, &filters, now()).await.expect("search");
        let expected = self.expected(&filters);
        assert_eq!(search.results.total as usize, expected.len(), "total for {}", filters.to_query_string());
        if filters.page == 1 {
            assert_eq!(search.results.courses.len(), expected.len().min(COURSES_PER_PAGE as usize));
        }
        for card in &search.results.courses {
            assert!(expected.contains(&card.slug), "{} should not match {}", card.slug, filters.to_query_string());
        }
        search
    }
}

fn filters(query: &str) -> CourseFilters {
    CourseFilters::from_query_string(query).expect("valid filters")
}

on_both_databases!(each_filter_finds_exactly_the_matching_courses);
async fn each_filter_finds_exactly_the_matching_courses(db: DatabaseConnection) {
    let world = World::seeded(&db).await;
    let all = world.check(&db, CourseFilters::default()).await.results.total;
    assert_eq!(all as usize, world.courses.len(), "every seeded course has sessions ahead");

    for query in [
        "district=almaly",
        "centre=almaly-youth-centre",
        "category=music",
        "language=kk",
        "language=en",
        "format=online",
        "age=14",
        "age=30",
        "weekday=mon",
        "weekday=wed",
        "time=morning",
        "time=afternoon",
        "time=evening",
        "weekday=tue&time=evening",
        "time=evening&q=dombra",
        "weekday=mon&q=%D0%B4%D0%BE%D0%BC%D0%B1%D1%8B%D1%80%D0%B0&age=16",
        "free=1",
        "category=media&language=ru",
        "district=medeu&format=offline&age=16&free=1",
    ] {
        let total = world.check(&db, filters(query)).await.results.total;
        assert!(total > 0 && total < all, "{query} narrows the list: {total} of {all}");
    }
    // The seeded timetable has no weekend classes.
    assert_eq!(world.check(&db, filters("weekday=sat")).await.results.total, 0);
    // A filter with nothing to match is an empty page, not an error.
    assert_eq!(world.check(&db, filters("category=music&format=online")).await.results.total, 0);
}

on_both_databases!(text_search_ignores_case_in_kazakh_russian_and_english);
async fn text_search_ignores_case_in_kazakh_russian_and_english(db: DatabaseConnection) {
    let world = World::seeded(&db).await;
    let total = |search: CourseSearch| search.results.total;
    let dombyra = total(world.check(&db, filters("q=домбыра")).await);
    assert!(dombyra > 0);
    assert_eq!(total(world.check(&db, filters("q=ДОМБЫРА")).await), dombyra);
    assert_eq!(total(world.check(&db, filters("q=ДомБыРа")).await), dombyra);
    let russian = total(world.check(&db, filters("q=домбра")).await);
    assert!(russian > 0);
    assert_eq!(total(world.check(&db, filters("q=ДОМБРА")).await), russian);
    let english = total(world.check(&db, filters("q=dombra")).await);
    assert!(english > 0);
    assert_eq!(total(world.check(&db, filters("q=DOMBRA")).await), english);

    // Kazakh-only letters fold too: Қ/қ, І/і, Ү/ү, Ә/ә.
    let kazakh = total(world.check(&db, filters("q=қазақ")).await);
    assert!(kazakh > 0);
    assert_eq!(total(world.check(&db, filters("q=ҚАЗАҚ")).await), kazakh);
    assert_eq!(total(world.check(&db, filters("q=Қазақ")).await), kazakh);
    assert_eq!(
        total(world.check(&db, filters("q=ҮЙДЕ СӨЙЛЕ")).await),
        total(world.check(&db, filters("q=үйде сөйле")).await)
    );
    assert!(total(world.check(&db, filters("q=ҮЙДЕ")).await) > 0);
    assert!(total(world.check(&db, filters("q=ӘЛЕУМЕТТІК")).await) > 0);

    // All words must appear, in any order.
    let ensemble = world.check(&db, filters("q=ансамблі домбыра")).await;
    assert!(ensemble.results.total > 0 && ensemble.results.total < dombyra);
    assert!(ensemble.results.courses.iter().all(|card| card.title.kk.contains("ансамблі")));

    // LIKE wildcards typed by a user match only themselves.
    assert_eq!(total(world.check(&db, filters("q=%25")).await), 0);
    assert_eq!(total(world.check(&db, filters("q=_")).await), 0);
    assert_eq!(total(world.check(&db, filters("q=%25%D0%B0%25")).await), 0);
}

async fn catalogue_version(db: &DatabaseConnection) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let read = Statement::from_string(db.get_database_backend(), "SELECT version FROM catalogue_version");
    db.query_one_raw(read).await.unwrap().expect("one row").try_get("", "version").unwrap()
}

on_both_databases!(text_search_answers_are_kept_until_a_course_changes_in_a_way_searches_see);
async fn text_search_answers_are_kept_until_a_course_changes_in_a_way_searches_see(db: DatabaseConnection) {
    use sea_orm::{ConnectionTrait, IntoActiveModel};
    let world = World::seeded(&db).await;
    let dombra = filters("q=dombra");
    let total = |db: DatabaseConnection| async move {
        store::search_courses(&db, &filters("q=dombra"), now()).await.expect("search").results.total
    };
    let before = world.check(&db, dombra.clone()).await.results.total;
    // Asked again: the first search may have moved the clock, and such an answer is not kept.
    assert_eq!(total(db.clone()).await, before);
    let renamed = world
        .courses
        .iter()
        .find(|course| world.matches(course, &CourseFilters::default()) && !world.matches(course, &dombra))
        .expect("a listed course without the word")
        .clone();

    // Renamed, with the trigger's bump undone: the answer kept at that version is still given,
    // so it is kept rather than read again.
    let version = catalogue_version(&db).await;
    let mut edited = renamed.clone().into_active_model();
    edited.search_text = Set(format!("{} dombra", renamed.search_text));
    let edited = edited.update(&db).await.unwrap();
    assert!(catalogue_version(&db).await > version, "a new text is a new version");
    db.execute_unprepared(&format!("UPDATE catalogue_version SET version = {version}")).await.unwrap();
    assert_eq!(total(db.clone()).await, before, "kept at the version it was read at");
    db.execute_unprepared("UPDATE catalogue_version SET version = version + 1").await.unwrap();
    assert_eq!(total(db.clone()).await, before + 1, "read again at the next version");

    // A seat taken changes no search unless it is the last one; then "only free seats" loses it.
    let free_total = |db: DatabaseConnection| async move {
        store::search_courses(&db, &filters("q=dombra&free=1"), now()).await.expect("search").results.total
    };
    let mut two_seats = edited.into_active_model();
    two_seats.seats_taken = Set(0);
    two_seats.capacity = Set(2);
    let two_seats = two_seats.update(&db).await.unwrap();
    let free_before = free_total(db.clone()).await;
    let version = catalogue_version(&db).await;
    let mut one_taken = two_seats.into_active_model();
    one_taken.seats_taken = Set(1);
    let one_taken = one_taken.update(&db).await.unwrap();
    assert_eq!(catalogue_version(&db).await, version, "one seat of two taken");
    let mut last_taken = one_taken.into_active_model();
    last_taken.seats_taken = Set(2);
    last_taken.update(&db).await.unwrap();
    assert!(catalogue_version(&db).await > version, "the last seat taken");
    assert_eq!(free_total(db.clone()).await, free_before - 1, "a full course has no free seat");
}

on_both_databases!(sort_orders_and_pages_are_consistent);
async fn sort_orders_and_pages_are_consistent(db: DatabaseConnection) {
    let world = World::seeded(&db).await;
    let created: HashMap<&str, _> = world.courses.iter().map(|c| (c.slug.as_str(), c.created_at)).collect();

    let soonest = world.check(&db, CourseFilters::default()).await.results.courses;
    assert!(soonest.windows(2).all(|pair| pair[0].next_session <= pair[1].next_session));
    let newest = world.check(&db, filters("sort=newest")).await.results.courses;
    assert!(newest.windows(2).all(|pair| created[pair[0].slug.as_str()] >= created[pair[1].slug.as_str()]));
    for page in ["1", "5"] {
        let most_seats = world.check(&db, filters(&format!("sort=seats_left&page={page}"))).await.results.courses;
        assert!(most_seats.windows(2).all(|pair| pair[0].seats_left >= pair[1].seats_left), "page {page}");
    }

    // Walking every page of a filtered list shows each course exactly once.
    let query = "language=kk&sort=seats_left";
    let first = world.check(&db, filters(query)).await.results;
    let expected = world.expected(&filters(query));
    assert_eq!(first.total_pages as usize, expected.len().div_ceil(COURSES_PER_PAGE as usize));
    assert!(first.total_pages >= 2, "enough Kazakh courses for several pages");
    let mut seen = Vec::new();
    for page in 1..=first.total_pages {
        let results = world.check(&db, CourseFilters { page, ..filters(query) }).await.results;
        assert_eq!(results.page, page);
        seen.extend(results.courses.into_iter().map(|card| card.slug));
    }
    assert_eq!(seen.len(), expected.len());
    assert_eq!(seen.into_iter().collect::<HashSet<_>>(), expected);
    // A page past the end shows the last page.
    let beyond = store::search_courses(&db, &CourseFilters { page: 999, ..filters(query) }, now()).await.unwrap();
    assert_eq!(beyond.results.page, first.total_pages);
}

on_both_databases!(facets_count_the_alternatives_to_each_filter);
async fn facets_count_the_alternatives_to_each_filter(db: DatabaseConnection) {
    let world = World::seeded(&db).await;
    let chosen = filters("district=almaly&language=kk&age=16");
    let search = world.check(&db, chosen.clone()).await;
    let facets = &search.facets;

    assert_eq!(facets.districts.len(), 8);
    for facet in &facets.districts {
        let alternative = CourseFilters { district: Some(facet.key.clone()), ..chosen.clone() };
        assert_eq!(facet.count as usize, world.expected(&alternative).len(), "district {}", facet.key);
    }
    assert_eq!(facets.districts.iter().find(|f| f.key == "almaly").map(|f| f.count), Some(search.results.total));
    assert!(!facets.districts[0].name.kk.is_empty());

    // Categories are counted within the chosen district, language and age: they add up to the total.
    assert_eq!(facets.categories.iter().map(|f| f.count).sum::<u64>(), search.results.total);
    for facet in &facets.languages {
        let alternative = CourseFilters { language: Some(facet.key), ..chosen.clone() };
        assert_eq!(facet.count as usize, world.expected(&alternative).len(), "{:?}", facet.key);
    }
    let any_language = CourseFilters { language: None, ..chosen.clone() };
    assert_eq!(facets.languages.iter().map(|f| f.count).sum::<u64>() as usize, world.expected(&any_language).len());
    assert_eq!(facets.formats.iter().map(|f| f.count).sum::<u64>(), search.results.total);
    assert!(facets.languages.iter().any(|f| f.key == InstructionLanguage::Russian));
    assert!(facets.formats.iter().any(|f| f.key == CourseFormat::Online));
}

on_both_databases!(unknown_slugs_are_refused);
async fn unknown_slugs_are_refused(db: DatabaseConnection) {
    World::seeded(&db).await;
    for (query, field) in [
        ("district=atlantis", Field::District),
        ("category=cooking", Field::Category),
        ("centre=nowhere", Field::Centre),
    ] {
        assert_eq!(
            store::search_courses(&db, &filters(query), now()).await.map(|_| ()),
            Err(AppError::invalid(field, InputProblem::Unknown))
        );
    }
}

on_both_databases!(renamed_districts_centres_and_categories_show_without_a_restart);
/// The catalogue keeps districts, centres and categories in memory; a write to them by anyone (here
/// plain SQL, as an operator or another server would) shows at the next search.
async fn renamed_districts_centres_and_categories_show_without_a_restart(db: DatabaseConnection) {
    use sea_orm::ConnectionTrait;
    World::seeded(&db).await;
    let music_courses =
        store::search_courses(&db, &filters("category=music"), now()).await.expect("search").results.total;
    assert!(music_courses > 0);
    let choices = store::filter_choices(&db).await.expect("choices");
    assert!(choices.categories.iter().any(|category| category.key == "music"));

    db.execute_unprepared(
        "UPDATE course_category SET slug = 'music-and-sound', name_en = 'Music and sound' WHERE slug = 'music'",
    )
    .await
    .expect("rename the category");
    let renamed = store::search_courses(&db, &filters("category=music-and-sound"), now()).await.expect("new slug");
    assert_eq!(renamed.results.total, music_courses);
    let category = renamed.facets.categories.iter().find(|category| category.key == "music-and-sound").expect("listed");
    assert_eq!(category.name.en, "Music and sound");
    assert_eq!(
        store::search_courses(&db, &filters("category=music"), now()).await.map(|_| ()),
        Err(AppError::invalid(Field::Category, InputProblem::Unknown)),
        "the old slug is gone"
    );
    let choices = store::filter_choices(&db).await.expect("choices");
    assert!(choices.categories.iter().any(|category| category.key == "music-and-sound"));
    assert!(!choices.categories.iter().any(|category| category.key == "music"));

    // A centre moved to another district: its courses are counted there from the next search on.
    let almaly = store::search_courses(&db, &filters("district=almaly"), now()).await.expect("search").results.total;
    let medeu = store::search_courses(&db, &filters("district=medeu"), now()).await.expect("search").results.total;
    let moved = store::search_courses(&db, &filters("centre=almaly-youth-centre"), now()).await.expect("search");
    assert!(moved.results.total > 0);
    db.execute_unprepared(
        "UPDATE centre SET district_id = (SELECT id FROM district WHERE slug = 'medeu') WHERE slug = 'almaly-youth-centre'",
    )
    .await
    .expect("move the centre");
    let almaly_after = store::search_courses(&db, &filters("district=almaly"), now()).await.expect("search");
    let medeu_after = store::search_courses(&db, &filters("district=medeu"), now()).await.expect("search");
    assert_eq!(almaly_after.results.total, almaly - moved.results.total);
    assert_eq!(medeu_after.results.total, medeu + moved.results.total);
    let medeu_count = medeu_after.facets.districts.iter().find(|district| district.key == "medeu").expect("listed");
    assert_eq!(medeu_count.count, medeu + moved.results.total);

    // A new district shows among the choices.
    db.execute_unprepared(
        "INSERT INTO district (slug, name_kk, name_ru, name_en) VALUES ('new-district', 'Жаңа', 'Новый', 'New')",
    )
    .await
    .expect("add a district");
    let choices = store::filter_choices(&db).await.expect("choices");
    assert!(choices.districts.iter().any(|district| district.key == "new-district"));
}

on_both_databases!(sessions_know_their_almaty_weekday_and_time);
async fn sessions_know_their_almaty_weekday_and_time(db: DatabaseConnection) {
    let world = World::seeded(&db).await;
    for session in course_session::Entity::find().all(&db).await.unwrap() {
        assert_eq!(session.almaty_weekday, almaty_weekday(session.starts_at));
        assert_eq!(session.almaty_minute_of_day, almaty_minute_of_day(session.starts_at));
    }
    // A session saved one at a time gets them from the entity's save hook.
    let course_id = world.courses[0].id;
    let saturday_evening = now() + Duration::days(10) + Duration::hours(14); // 5 Dec, 19:00 in Almaty
    let session = course_session::ActiveModel {
        course_id: Set(course_id),
        room_id: Set(None),
        starts_at: Set(saturday_evening),
        ends_at: Set(saturday_evening + Duration::hours(1)),
        ..Default::default()
    }
    .insert(&db)
    .await
    .expect("insert session");
    assert_eq!((session.almaty_weekday, session.almaty_minute_of_day), (5, 19 * 60));
    let search = store::search_courses(&db, &filters("weekday=sat&time=evening"), now()).await.unwrap();
    assert_eq!(
        search.results.courses.iter().map(|card| card.slug.as_str()).collect::<Vec<_>>(),
        [&world.courses[0].slug]
    );
}

on_both_databases!(migration_fills_in_the_clock_of_existing_sessions);
async fn migration_fills_in_the_clock_of_existing_sessions(db: DatabaseConnection) {
    use sea_orm_migration::MigratorTrait;
    use youth_centres::server::migration::Migrator;
    World::seeded(&db).await;
    // Back to the schema before the columns existed, with every session still there, then forward.
    let from_m0004 = Migrator::migrations().len() - 3;
    undo_migrations(&db, from_m0004 as u32).await.expect("undo the migrations from m0004 on");
    migrate(&db).await.expect("redo it");
    let sessions = course_session::Entity::find().all(&db).await.unwrap();
    assert!(!sessions.is_empty());
    for session in sessions {
        assert_eq!(session.almaty_weekday, almaty_weekday(session.starts_at));
        assert_eq!(session.almaty_minute_of_day, almaty_minute_of_day(session.starts_at));
    }
}

/// `(slug, next session)` of every course with a session at or after `at`, soonest first (ties by
/// course id): computed from the sessions themselves, as the catalogue must list them.
async fn expected_soonest(db: &DatabaseConnection, at: DateTime<chrono::Utc>) -> Vec<(String, DateTime<chrono::Utc>)> {
    let mut next: HashMap<i32, DateTime<chrono::Utc>> = HashMap::new();
    for session in course_session::Entity::find().all(db).await.unwrap() {
        if session.starts_at >= at {
            let start = next.entry(session.course_id).or_insert(session.starts_at);
            *start = (*start).min(session.starts_at);
        }
    }
    let mut listed: Vec<(DateTime<chrono::Utc>, i32, String)> = course::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|course| Some((*next.get(&course.id)?, course.id, course.slug)))
        .collect();
    listed.sort();
    listed.into_iter().map(|(start, _, slug)| (slug, start)).collect()
}

/// The whole catalogue at `at` must be exactly [`expected_soonest`]: members, order, next sessions.
async fn assert_listed_exactly(db: &DatabaseConnection, at: DateTime<chrono::Utc>, after: &str) {
    let page = store::upcoming_courses(db, at, 1, 100_000).await.expect("catalogue");
    let listed: Vec<(String, DateTime<chrono::Utc>)> =
        page.courses.into_iter().map(|card| (card.slug, card.next_session)).collect();
    assert_eq!(page.total as usize, listed.len(), "after {after}");
    let expected = expected_soonest(db, at).await;
    assert_eq!(listed, expected, "after {after}");

    // The facet counts, read from the counts the database keeps, agree with the list.
    let courses: HashMap<String, course::Model> =
        course::Entity::find().all(db).await.unwrap().into_iter().map(|c| (c.slug.clone(), c)).collect();
    let districts: HashMap<i32, String> =
        district::Entity::find().all(db).await.unwrap().into_iter().map(|d| (d.id, d.slug)).collect();
    let centre_district: HashMap<i32, String> = centre::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id, districts[&c.district_id].clone()))
        .collect();
    let categories: HashMap<i32, String> =
        course_category::Entity::find().all(db).await.unwrap().into_iter().map(|c| (c.id, c.slug)).collect();
    let listed_courses: Vec<&course::Model> = expected.iter().map(|(slug, _)| &courses[slug]).collect();
    let facets = store::search_courses(db, &CourseFilters::default(), at).await.expect("search").facets;
    for facet in &facets.categories {
        let count = listed_courses.iter().filter(|c| categories[&c.category_id] == facet.key).count();
        assert_eq!(facet.count as usize, count, "category {} after {after}", facet.key);
    }
    for facet in &facets.districts {
        let count = listed_courses.iter().filter(|c| centre_district[&c.centre_id] == facet.key).count();
        assert_eq!(facet.count as usize, count, "district {} after {after}", facet.key);
    }
    for facet in &facets.languages {
        let count = listed_courses.iter().filter(|c| c.language == facet.key).count();
        assert_eq!(facet.count as usize, count, "language {:?} after {after}", facet.key);
    }
    for facet in &facets.formats {
        let count = listed_courses.iter().filter(|c| c.format == facet.key).count();
        assert_eq!(facet.count as usize, count, "format {:?} after {after}", facet.key);
    }

    // Ages, free seats and a centre are counted by the database too (migration m0019).
    let some_centre = centre::Entity::find().one(db).await.unwrap().expect("a centre");
    for (age, only_free_seats, centre) in
        [(15, false, None), (20, true, None), (34, false, Some(&some_centre)), (16, true, Some(&some_centre))]
    {
        let filters = CourseFilters {
            age: Some(age),
            only_free_seats,
            centre: centre.map(|centre| centre.slug.clone()),
            ..Default::default()
        };
        let search = store::search_courses(db, &filters, at).await.expect("search");
        let fits = |c: &&&course::Model| {
            c.min_age <= age
                && age <= c.max_age
                && (!only_free_seats || c.seats_taken < c.capacity)
                && centre.is_none_or(|centre| c.centre_id == centre.id)
        };
        let expected = listed_courses.iter().filter(fits).count();
        assert_eq!(search.results.total as usize, expected, "total of {filters:?} after {after}");
        for facet in &search.facets.districts {
            let count =
                listed_courses.iter().filter(fits).filter(|c| centre_district[&c.centre_id] == facet.key).count();
            assert_eq!(facet.count as usize, count, "district {} of {filters:?} after {after}", facet.key);
        }
    }

    // So are the sessions' weekdays and parts of the day (migration m0021).
    let sessions = course_session::Entity::find().all(db).await.unwrap();
    for query in [
        "weekday=wed",
        "time=evening",
        "weekday=thu&time=morning",
        "weekday=fri&time=afternoon&age=16",
        "weekday=mon&free=1&category=music",
        "time=afternoon&sort=seats_left",
    ] {
        let filters = filters(query);
        let fits = |c: &&&course::Model| {
            let has_such_session = sessions.iter().any(|s| {
                s.course_id == c.id
                    && s.starts_at >= at
                    && filters.weekday.is_none_or(|day| s.almaty_weekday == day.num_days_from_monday() as i16)
                    && filters.time_of_day.is_none_or(|time| time.minutes().contains(&s.almaty_minute_of_day))
            });
            has_such_session
                && filters.age.is_none_or(|age| c.min_age <= age && age <= c.max_age)
                && (!filters.only_free_seats || c.seats_taken < c.capacity)
        };
        let in_category =
            |c: &&&course::Model| filters.category.as_ref().is_none_or(|slug| categories[&c.category_id] == *slug);
        let expected: HashSet<&str> =
            listed_courses.iter().filter(fits).filter(in_category).map(|c| c.slug.as_str()).collect();
        let search = store::search_courses(db, &filters, at).await.expect("search");
        let label = format!("{query} after {after}");
        assert_eq!(search.results.total as usize, expected.len(), "total of {label}");
        assert_eq!(search.results.courses.len(), expected.len().min(COURSES_PER_PAGE as usize), "{label}");
        for card in &search.results.courses {
            assert!(expected.contains(card.slug.as_str()), "{} listed for {label}", card.slug);
        }
        if filters.sort == CourseSort::Soonest {
            let first_page: Vec<&str> = listed_courses
                .iter()
                .filter(fits)
                .filter(in_category)
                .take(COURSES_PER_PAGE as usize)
                .map(|c| c.slug.as_str())
                .collect();
            let page: Vec<&str> = search.results.courses.iter().map(|card| card.slug.as_str()).collect();
            assert_eq!(page, first_page, "first page of {label}");
        }
        for facet in &search.facets.categories {
            let count = listed_courses.iter().filter(fits).filter(|c| categories[&c.category_id] == facet.key).count();
            assert_eq!(facet.count as usize, count, "category {} of {label}", facet.key);
        }
        for facet in &search.facets.districts {
            let count = listed_courses
                .iter()
                .filter(fits)
                .filter(in_category)
                .filter(|c| centre_district[&c.centre_id] == facet.key)
                .count();
            assert_eq!(facet.count as usize, count, "district {} of {label}", facet.key);
        }
    }

    // Text searches, whose counts and pages are kept per catalogue version (migration m0022): each
    // asked twice, so after every change the kept answer is checked as well as the one read anew.
    for query in [
        "q=dombra",
        "q=%D0%B4%D0%BE%D0%BC%D0%B1%D1%8B%D1%80%D0%B0&sort=newest",
        "q=dombra&weekday=tue",
        "q=dombra&district=almaly&free=1",
        "q=dombra&age=16&page=2",
        "q=sm",
    ] {
        let filters = filters(query);
        let words = filters.search_words();
        let fits = |c: &&course::Model| {
            let text = fold_for_search(&c.search_text);
            let has_such_session = sessions.iter().any(|s| {
                s.course_id == c.id
                    && s.starts_at >= at
                    && filters.weekday.is_none_or(|day| s.almaty_weekday == day.num_days_from_monday() as i16)
            });
            words.iter().all(|word| text.contains(word.as_str()))
                && has_such_session
                && filters.age.is_none_or(|age| c.min_age <= age && age <= c.max_age)
                && (!filters.only_free_seats || c.seats_taken < c.capacity)
        };
        let in_district =
            |c: &&course::Model| filters.district.as_ref().is_none_or(|slug| centre_district[&c.centre_id] == *slug);
        let mut expected: Vec<&course::Model> =
            listed_courses.iter().copied().filter(fits).filter(in_district).collect();
        if filters.sort == CourseSort::Newest {
            expected.sort_by_key(|c| (std::cmp::Reverse(c.created_at), c.id));
        }
        let per_page = COURSES_PER_PAGE as usize;
        let last_page = expected.len().div_ceil(per_page).max(1);
        let page = (filters.page as usize).min(last_page);
        let expected_page: Vec<&str> =
            expected.iter().skip((page - 1) * per_page).take(per_page).map(|c| c.slug.as_str()).collect();
        for asked in ["asked", "asked again"] {
            let search = store::search_courses(db, &filters, at).await.expect("search");
            let label = format!("{query}, {asked}, after {after}");
            assert_eq!(search.results.total as usize, expected.len(), "total of {label}");
            let listed_page: Vec<&str> = search.results.courses.iter().map(|card| card.slug.as_str()).collect();
            assert_eq!(listed_page, expected_page, "page of {label}");
            for card in &search.results.courses {
                let course = &courses[&card.slug];
                assert_eq!(card.seats_left, course.capacity - course.seats_taken, "seats left of {label}");
            }
            for facet in &search.facets.districts {
                let count =
                    listed_courses.iter().copied().filter(fits).filter(|c| centre_district[&c.centre_id] == facet.key);
                assert_eq!(facet.count as usize, count.count(), "district {} of {label}", facet.key);
            }
            for facet in &search.facets.categories {
                let count = expected.iter().filter(|c| categories[&c.category_id] == facet.key).count();
                assert_eq!(facet.count as usize, count, "category {} of {label}", facet.key);
            }
        }
    }
}

on_both_databases!(stored_next_sessions_follow_every_session_change_and_the_clock);
async fn stored_next_sessions_follow_every_session_change_and_the_clock(db: DatabaseConnection) {
    use sea_orm::{ColumnTrait, IntoActiveModel, ModelTrait, QueryFilter, QueryOrder};
    World::seeded(&db).await;
    assert_listed_exactly(&db, now(), "seeding").await;
    let listed = expected_soonest(&db, now()).await;
    let slug_of = |index: usize| listed[index].0.clone();
    let course = |slug: String| {
        let db = db.clone();
        async move { course::Entity::find().filter(course::Column::Slug.eq(slug)).one(&db).await.unwrap().unwrap() }
    };

    // A session added before all others puts the last course first.
    let last = course(slug_of(listed.len() - 1)).await;
    let soon = now() + Duration::hours(1);
    let added = course_session::ActiveModel {
        course_id: Set(last.id),
        room_id: Set(None),
        starts_at: Set(soon),
        ends_at: Set(soon + Duration::hours(1)),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert_eq!(expected_soonest(&db, now()).await[0].0, last.slug);
    assert_listed_exactly(&db, now(), "adding a session").await;

    // Moved far ahead, it is no longer the course's next session.
    let mut moved = added.clone().into_active_model();
    moved.starts_at = Set(now() + Duration::days(90));
    moved.ends_at = Set(now() + Duration::days(90) + Duration::hours(1));
    moved.update(&db).await.unwrap();
    assert_listed_exactly(&db, now(), "moving a session").await;

    // Every session of the first course cancelled: it leaves the catalogue.
    let first = course(slug_of(0)).await;
    course_session::Entity::delete_many()
        .filter(course_session::Column::CourseId.eq(first.id))
        .exec(&db)
        .await
        .unwrap();
    assert_listed_exactly(&db, now(), "cancelling a course's sessions").await;
    assert!(!expected_soonest(&db, now()).await.iter().any(|(slug, _)| *slug == first.slug));

    // A session given to another course counts for the new course, no longer for the old one.
    let giver = course(slug_of(1)).await;
    let given = course_session::Entity::find()
        .filter(course_session::Column::CourseId.eq(giver.id))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let mut given = given.into_active_model();
    given.course_id = Set(first.id);
    given.update(&db).await.unwrap();
    assert_listed_exactly(&db, now(), "moving a session to another course").await;

    // A course's next session deleted on its own: the course moves back to its next one.
    let single = course_session::Entity::find()
        .filter(course_session::Column::CourseId.eq(course(slug_of(2)).await.id))
        .filter(course_session::Column::StartsAt.gte(now()))
        .order_by_asc(course_session::Column::StartsAt)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    single.delete(&db).await.unwrap();
    assert_listed_exactly(&db, now(), "deleting one session").await;

    // A course given another category and centre is counted in its new groups.
    let edited = course(slug_of(3)).await;
    let other_category =
        course_category::Entity::find().all(&db).await.unwrap().into_iter().find(|c| c.id != edited.category_id);
    let other_centre = centre::Entity::find().all(&db).await.unwrap().into_iter().find(|c| c.id != edited.centre_id);
    let mut changed = edited.into_active_model();
    changed.category_id = Set(other_category.expect("a second category").id);
    changed.centre_id = Set(other_centre.expect("a second centre").id);
    changed.update(&db).await.unwrap();
    assert_listed_exactly(&db, now(), "changing a course's category and centre").await;

    // A course whose seats run out leaves "only free seats"; one given another age band moves.
    let filled = course(slug_of(4)).await;
    let capacity = filled.capacity;
    let mut full = filled.into_active_model();
    full.seats_taken = Set(capacity);
    let full = full.update(&db).await.unwrap();
    assert_listed_exactly(&db, now(), "a course's seats running out").await;
    let mut freed = full.into_active_model();
    freed.seats_taken = Set(capacity - 1);
    freed.update(&db).await.unwrap();
    assert_listed_exactly(&db, now(), "a seat freed again").await;
    let mut older = course(slug_of(5)).await.into_active_model();
    older.min_age = Set(30);
    older.max_age = Set(35);
    older.update(&db).await.unwrap();
    assert_listed_exactly(&db, now(), "a course's ages changed").await;

    // A course deleted with its sessions is no longer counted.
    let synthetic =
        listed.iter().map(|(slug, _)| slug).find(|slug| slug.starts_with("bench-")).expect("a synthetic course");
    course(synthetic.clone()).await.delete(&db).await.unwrap();
    assert_listed_exactly(&db, now(), "deleting a course").await;

    // Time passes (sessions begin, courses end), and goes back (a server whose clock is behind).
    for days in [1, 8, 15, 22, 400, -1, 0, -30, 3] {
        assert_listed_exactly(&db, now() + Duration::days(days), &format!("{days} days")).await;
    }

    // A database that had courses before the newest counts existed (m0019: the migrations from
    // m0017 on undone) is filled in when migrated.
    undo_migrations(&db, 5).await.expect("undo m0017 to m0021");
    migrate(&db).await.expect("redo it");
    for days in [0, 8, -2] {
        assert_listed_exactly(&db, now() + Duration::days(days), &format!("the migration, {days} days")).await;
    }
}

on_both_databases!(catalogue_reads_use_indexes_not_scans);
async fn catalogue_reads_use_indexes_not_scans(db: DatabaseConnection) {
    use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
    World::seeded(&db).await;
    let backend = db.get_database_backend();
    let txn = db.begin().await.unwrap();
    if backend == DbBackend::Postgres {
        txn.execute_unprepared("SET LOCAL enable_seqscan = off").await.unwrap();
    }
    for (label, statement, index) in store::indexed_reads(backend, now()) {
        let plan = support::query_plan(&txn, statement).await;
        match backend {
            DbBackend::Sqlite => {
                assert!(plan.contains(index), "{label} uses {index}:\n{plan}");
                assert!(
                    !plan.lines().any(|line| line.trim() == "SCAN course"),
                    "{label} reads no whole table:\n{plan}"
                );
                // A page read in index order stops after its rows; a sort would read every match.
                if label.contains("page") {
                    assert!(!plan.contains("TEMP B-TREE"), "{label} needs no sort:\n{plan}");
                }
            }
            _ => assert!(!plan.contains("Seq Scan"), "{label} uses an index:\n{plan}"),
        }
    }
    txn.commit().await.unwrap();
}
