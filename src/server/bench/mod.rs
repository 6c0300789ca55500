//! Benchmarks on throw-away databases (never the configured one): `bench-catalogue`,
//! `bench-bookings` and `bench-dashboard`. Each prints median and 95th-percentile latencies.
pub mod bookings;
pub mod catalogue;
pub mod dashboard;

use super::db;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use std::time::{Duration, Instant};

/// Untimed runs first, so caches are warm for every measurement alike.
const WARM_UP_RUNS: usize = 3;

pub fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Nearest-rank median and 95th percentile.
pub fn median_and_p95(timings: &mut [Duration]) -> (Duration, Duration) {
    timings.sort_unstable();
    let rank = |percent: usize| timings[(timings.len() * percent).div_ceil(100).saturating_sub(1)];
    (rank(50), rank(95))
}

/// Median and p95 of `runs` timed calls, after the warm-up calls.
pub async fn time_runs<T, E, F, Fut>(runs: usize, mut call: F) -> Result<(Duration, Duration), E>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    for _ in 0..WARM_UP_RUNS {
        call().await?;
    }
    let mut timings = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        call().await?;
        timings.push(start.elapsed());
    }
    Ok(median_and_p95(&mut timings))
}

/// Where the benchmark runs, and what to remove afterwards.
pub struct BenchDatabase {
    pub db: DatabaseConnection,
    temporary_file: Option<std::path::PathBuf>,
    /// PostgreSQL admin URL and the schema created for this run.
    temporary_schema: Option<(String, String)>,
}

impl BenchDatabase {
    /// `label` names the PostgreSQL schema or SQLite file of the run.
    pub async fn open(label: &str, url: Option<&str>) -> Result<Self, Box<dyn std::error::Error>> {
        match url {
            Some(url) if url.starts_with("postgres") => {
                let schema = format!("bench_{label}_{}", std::process::id());
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
                let path = std::env::temp_dir().join(format!("youth_centres_bench_{label}_{}.db", std::process::id()));
                let db = db::connect(&format!("sqlite://{}?mode=rwc", path.display())).await?;
                Ok(BenchDatabase { db, temporary_file: Some(path), temporary_schema: None })
            }
        }
    }

    pub async fn clean_up(self) {
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
}
