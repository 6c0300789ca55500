//! `bench-catalogue`: times typical catalogue searches on a throw-away database filled with demo
//! data and N synthetic courses, and prints median and 95th-percentile latency per search.
use super::{db, seed};
use crate::catalogue::search::domain::CourseFilters;
use crate::catalogue::search::store::search_courses;
use chrono::Utc;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use std::time::{Duration, Instant};

/// The searches people run most: (label, URL query).
pub const SCENARIOS: [(&str, &str); 8] = [
    ("no filter", ""),
    ("district", "district=almaly"),
    ("category + language", "category=music&language=kk"),
    ("age", "age=16"),
    ("weekday + evening", "weekday=tue&time=evening"),
    ("text search (Cyrillic)", "q=домбыра"),
    ("only free seats", "free=1"),
    ("seats left, page 5", "sort=seats_left&page=5"),
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
    let target = BenchDatabase::open(options.database_url.as_deref()).await?;
    let outcome = run(&target.db, options.courses, options.runs.max(1)).await;
    target.clean_up().await;
    outcome
}

async fn run(db: &DatabaseConnection, courses: u32, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    db::migrate(db).await?;
    let now = Utc::now();
    let started = Instant::now();
    let scale = seed::ScaleOptions { extra_courses: courses, extra_residents: 0 };
    let report = seed::seed(db, crate::time::almaty_today(now), scale).await?;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // Planner statistics for the bulk-loaded rows, as autovacuum would gather them soon after.
        db.execute_unprepared("ANALYZE").await?;
    }
    println!(
        "{:?}: {} courses, {} sessions, seeded in {:.1} s; {runs} runs per search\n",
        db.get_database_backend(),
        report.courses,
        report.sessions,
        started.elapsed().as_secs_f64()
    );
    println!("{:<24} {:>8} {:>11} {:>8}", "search", "matches", "median ms", "p95 ms");
    for (label, query) in SCENARIOS {
        let filters = CourseFilters::from_query_string(query)?;
        let mut matches = 0;
        for _ in 0..WARM_UP_RUNS {
            matches = search_courses(db, &filters, now).await?.results.total;
        }
        let mut timings = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            search_courses(db, &filters, now).await?;
            timings.push(start.elapsed());
        }
        let (median, p95) = median_and_p95(&mut timings);
        println!("{label:<24} {matches:>8} {:>11.2} {:>8.2}", millis(median), millis(p95));
    }
    Ok(())
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Nearest-rank median and 95th percentile.
fn median_and_p95(timings: &mut [Duration]) -> (Duration, Duration) {
    timings.sort_unstable();
    let rank = |percent: usize| timings[(timings.len() * percent).div_ceil(100).saturating_sub(1)];
    (rank(50), rank(95))
}

/// Where the benchmark runs, and what to remove afterwards.
struct BenchDatabase {
    db: DatabaseConnection,
    temporary_file: Option<std::path::PathBuf>,
    /// PostgreSQL admin URL and the schema created for this run.
    temporary_schema: Option<(String, String)>,
}

impl BenchDatabase {
    async fn open(url: Option<&str>) -> Result<Self, Box<dyn std::error::Error>> {
        match url {
            Some(url) if url.starts_with("postgres") => {
                let schema = format!("bench_catalogue_{}", std::process::id());
                let admin = Database::connect(url).await?;
                admin.execute_unprepared(&format!("CREATE SCHEMA {schema}")).await?;
                admin.close().await?;
                let mut options = ConnectOptions::new(url.to_owned());
                options.set_schema_search_path(schema.clone()).max_connections(4).sqlx_logging(false);
                let db = Database::connect(options).await?;
                Ok(BenchDatabase { db, temporary_file: None, temporary_schema: Some((url.to_owned(), schema)) })
            }
            Some(url) => {
                Ok(BenchDatabase { db: db::connect(url).await?, temporary_file: None, temporary_schema: None })
            }
            None => {
                let path = std::env::temp_dir().join(format!("youth_centres_bench_{}.db", std::process::id()));
                let db = db::connect(&format!("sqlite://{}?mode=rwc", path.display())).await?;
                Ok(BenchDatabase { db, temporary_file: Some(path), temporary_schema: None })
            }
        }
    }

    async fn clean_up(self) {
        let _ = self.db.close().await;
        if let Some((url, schema)) = self.temporary_schema {
            let dropped = match Database::connect(url.as_str()).await {
                Ok(admin) => admin.execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE")).await.map(|_| ()),
                Err(error) => Err(error),
            };
            if let Err(error) = dropped {
                eprintln!("could not drop schema {schema}: {error}");
            }
        }
        if let Some(path) = self.temporary_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut timings: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        assert_eq!(median_and_p95(&mut timings), (Duration::from_millis(50), Duration::from_millis(95)));
        let mut single = [Duration::from_millis(7)];
        assert_eq!(median_and_p95(&mut single), (Duration::from_millis(7), Duration::from_millis(7)));
    }

    #[test]
    fn every_scenario_is_a_valid_query() {
        for (label, query) in SCENARIOS {
            assert!(CourseFilters::from_query_string(query).is_ok(), "{label}");
        }
    }
}
