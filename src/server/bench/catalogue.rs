//! `bench-catalogue`: times typical catalogue searches on a throw-away database filled with demo
//! data and N synthetic courses, and prints median and 95th-percentile latency per search.
use super::{BenchDatabase, median_and_p95, millis};
use crate::catalogue::search::domain::CourseFilters;
use crate::catalogue::search::store::search_courses;
use crate::server::{db, seed};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::time::Instant;

/// The searches people run most: (label, URL query).
pub const SCENARIOS: [(&str, &str); 9] = [
    ("no filter", ""),
    ("district", "district=almaly"),
    ("category + language", "category=music&language=kk"),
    ("age", "age=16"),
    ("weekday + evening", "weekday=tue&time=evening"),
    ("text search (Cyrillic)", "q=домбыра"),
    ("only free seats", "free=1"),
    ("seats left, page 5", "sort=seats_left&page=5"),
    ("newest first, a category", "category=music&sort=newest"),
];

/// Untimed runs per scenario first, so caches are warm for every scenario alike.
const WARM_UP_RUNS: usize = 3;

pub struct BenchOptions {
    pub courses: u32,
    pub runs: usize,
    /// PostgreSQL: a schema is created for the run and dropped after. SQLite: used as it is.
    /// `None`: a temporary SQLite file, deleted after.
    pub database_url: Option<String>,
}

pub async fn bench_catalogue(options: BenchOptions) -> Result<(), Box<dyn std::error::Error>> {
    let target = BenchDatabase::open("catalogue", options.database_url.as_deref()).await?;
    let outcome = run(&target.db, options.courses, options.runs.max(1)).await;
    target.clean_up().await;
    outcome
}

async fn run(db: &DatabaseConnection, courses: u32, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    db::migrate(db).await?;
    let now = Utc::now();
    let started = Instant::now();
    let scale = seed::ScaleOptions { extra_courses: courses, ..Default::default() };
    let report = seed::seed(db, crate::time::almaty_today(now), scale).await?;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // What autovacuum would do soon after a bulk load: statistics, and clearing the dead row
        // versions the seed's trigger updates left (they slowed every search 40×). Done now so the
        // timings do not depend on whether autovacuum is on (off on this machine) or running.
        db.execute_unprepared("VACUUM ANALYZE").await?;
    }
    println!(
        "{:?}: {} courses, {} sessions, seeded in {:.1} s; {runs} runs per search\n",
        db.get_database_backend(),
        report.courses,
        report.sessions,
        started.elapsed().as_secs_f64()
    );
    println!("{:<32} {:>8} {:>11} {:>8}", "search", "matches", "median ms", "p95 ms");
    for (label, query) in SCENARIOS {
        time_search(db, label, query, now, runs, false).await?;
    }
    // A text search's counts and page are kept per catalogue version (`catalogue::search::
    // result_cache`): the row above is every visitor but the first after a change; this one is the
    // first, with a change a search can see before every run.
    time_search(db, "text search, after a change", TEXT_SEARCH, now, runs, true).await?;
    Ok(())
}

const TEXT_SEARCH: &str = "q=домбыра";

async fn time_search(
    db: &DatabaseConnection,
    label: &str,
    query: &str,
    now: chrono::DateTime<Utc>,
    runs: usize,
    changed_before_each_run: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let filters = CourseFilters::from_query_string(query)?;
    let change = || async {
        if changed_before_each_run {
            // What the triggers do for any change a search can see, without changing the results.
            db.execute_unprepared("UPDATE catalogue_version SET version = version + 1").await?;
        }
        Ok::<_, sea_orm::DbErr>(())
    };
    let mut matches = 0;
    for _ in 0..WARM_UP_RUNS {
        change().await?;
        matches = search_courses(db, &filters, now).await?.results.total;
    }
    let mut timings = Vec::with_capacity(runs);
    for _ in 0..runs {
        change().await?;
        let start = Instant::now();
        search_courses(db, &filters, now).await?;
        timings.push(start.elapsed());
    }
    let (median, p95) = median_and_p95(&mut timings);
    println!("{label:<32} {matches:>8} {:>11.2} {:>8.2}", millis(median), millis(p95));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_is_a_valid_query() {
        for (label, query) in SCENARIOS {
            assert!(CourseFilters::from_query_string(query).is_ok(), "{label}");
        }
        assert!(SCENARIOS.iter().any(|(_, query)| *query == TEXT_SEARCH), "timed both kept and after a change");
    }
}
