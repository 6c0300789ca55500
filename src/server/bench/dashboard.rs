//! `bench-dashboard`: seeds a throw-away database with synthetic residents, bookings and
//! enrolments (by default 100,000, 1,000,000 and 500,000) and times the district dashboard's
//! report as the page and the CSV build it: the store's queries, then its tables in all three
//! languages and the CSV. Printed per view: median and 95th percentile.
use super::{BenchDatabase, millis, time_runs};
use crate::dashboard::domain::{FIRST_MONTH, MAX_MONTHS, MonthRange, dashboard_csv, parse_range, tables};
use crate::dashboard::store;
use crate::i18n::Locale;
use crate::server::entities::district;
use crate::server::{db, seed};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter};
use std::time::Instant;

/// The district timed for a staff member's view (the demo staff's centre is there).
const DISTRICT: &str = "almaly";

pub struct DashboardBenchOptions {
    pub residents: u32,
    pub bookings: u32,
    pub enrolments: u32,
    pub runs: usize,
    /// PostgreSQL: a schema is created for the run and dropped after. SQLite: used as it is.
    /// `None`: a temporary SQLite file, deleted after.
    pub database_url: Option<String>,
}

pub async fn bench_dashboard(options: DashboardBenchOptions) -> Result<(), Box<dyn std::error::Error>> {
    let target = BenchDatabase::open("dashboard", options.database_url.as_deref()).await?;
    let outcome = run(&target.db, &options).await;
    target.clean_up().await;
    outcome
}

async fn run(db: &DatabaseConnection, options: &DashboardBenchOptions) -> Result<(), Box<dyn std::error::Error>> {
    db::migrate(db).await?;
    let today = crate::time::almaty_today(chrono::Utc::now());
    let started = Instant::now();
    let scale = seed::ScaleOptions {
        extra_residents: options.residents,
        extra_bookings: options.bookings,
        extra_enrolments: options.enrolments,
        ..Default::default()
    };
    let seeded = seed::seed(db, today, scale).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        // What autovacuum would do soon after a bulk load; done now so it does not run (and
        // compete for the two cores) while the timings are taken.
        db.execute_unprepared("VACUUM ANALYZE").await?;
    }
    println!(
        "{:?}: {} residents, {} bookings, {} enrolments (seeded in {:.1} s); {} runs per view\n",
        db.get_database_backend(),
        seeded.residents,
        seeded.bookings,
        seeded.enrolments,
        started.elapsed().as_secs_f64(),
        options.runs
    );

    let almaly = district::Entity::find().filter(district::Column::Slug.eq(DISTRICT)).one(db).await?.ok_or(DISTRICT)?;
    let last_year = parse_range(None, None, today)?;
    let longest = parse_range(Some(&FIRST_MONTH.key().max(three_years_back(today))), None, today)?;
    let views: [(&str, Option<&district::Model>, MonthRange); 3] = [
        ("city, last 12 months", None, last_year),
        ("Almaly, last 12 months", Some(&almaly), last_year),
        ("city, longest range", None, longest),
    ];
    println!("{:<28} {:>8} {:>12} {:>12}", "view", "months", "median ms", "p95 ms");
    for (name, district, range) in views {
        let (median, p95) = time_runs(options.runs.max(1), || async {
            let switch = if district.is_none() { store::districts(db).await? } else { Vec::new() };
            let report = store::report(db, district, switch, range, today).await?;
            // What the page and the CSV do with it, in every language.
            for locale in [Locale::kk, Locale::ru, Locale::en] {
                std::hint::black_box(tables(&report, locale));
                std::hint::black_box(dashboard_csv(&report, locale).map_err(|_| "csv")?);
            }
            Ok::<_, Box<dyn std::error::Error>>(())
        })
        .await?;
        println!("{name:<28} {:>8} {:>12.2} {:>12.2}", range.months().len(), millis(median), millis(p95));
    }
    Ok(())
}

/// `YYYY-MM` of the first month of the longest range a report may cover, ending this month.
fn three_years_back(today: NaiveDate) -> String {
    let index = i64::from(today.year()) * 12 + i64::from(today.month0()) - (i64::from(MAX_MONTHS) - 1);
    format!("{:04}-{:02}", index / 12, index % 12 + 1)
}
