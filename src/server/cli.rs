//! The server binary's command line: `serve`, `migrate`, `seed`, `bench-catalogue`, `bench-bookings`,
//! `bench-dashboard`.
use super::{bench, config::Config, db, http, seed};
use clap::{Parser, Subcommand};
use std::future::IntoFuture;

#[derive(Parser)]
#[command(name = "youth_centres", version, about = "Almaty youth community centres: web server and data tools")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve the site (the default command).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Apply migrations, then add the demo data that is missing (safe to repeat).
    Seed {
        /// Extra synthetic courses for benchmarks.
        #[arg(long, default_value_t = 0)]
        courses: u32,
        /// Extra synthetic residents for benchmarks.
        #[arg(long, default_value_t = 0)]
        residents: u32,
        /// Extra synthetic bookings for benchmarks, spread over every room, in the past.
        #[arg(long, default_value_t = 0)]
        bookings: u32,
    },
    /// Time typical catalogue searches on a throw-away database (never the configured one).
    BenchCatalogue {
        /// Synthetic courses added to the demo data.
        #[arg(long, default_value_t = 10_000)]
        courses: u32,
        /// Timed runs per search.
        #[arg(long, default_value_t = 50)]
        runs: usize,
        /// PostgreSQL: runs in a new schema, dropped afterwards. SQLite: used as given.
        /// Default: a temporary SQLite file.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Time the week grid and booking creation at growing numbers of bookings, on a throw-away
    /// database (never the configured one).
    BenchBookings {
        /// Synthetic bookings the database grows to, one measurement per size.
        #[arg(long, value_delimiter = ',', default_values_t = [10_000, 100_000, 1_000_000])]
        sizes: Vec<u32>,
        /// Timed runs per measurement (and bookings created per size).
        #[arg(long, default_value_t = 200)]
        runs: usize,
        /// PostgreSQL: runs in a new schema, dropped afterwards. SQLite: used as given.
        /// Default: a temporary SQLite file.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Time the district dashboard's report (city and one district) on a throw-away database
    /// seeded with synthetic residents, bookings and enrolments (never the configured one).
    BenchDashboard {
        #[arg(long, default_value_t = 100_000)]
        residents: u32,
        #[arg(long, default_value_t = 1_000_000)]
        bookings: u32,
        #[arg(long, default_value_t = 500_000)]
        enrolments: u32,
        /// Timed runs per view.
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// PostgreSQL: runs in a new schema, dropped afterwards. SQLite: used as given.
        /// Default: a temporary SQLite file.
        #[arg(long)]
        database_url: Option<String>,
    },
}

pub async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    // The benchmark brings its own database: it must not connect to (or migrate) the configured one.
    match cli.command {
        Some(Command::BenchCatalogue { courses, runs, database_url }) => {
            let options = bench::catalogue::BenchOptions { courses, runs, database_url };
            return bench::catalogue::bench_catalogue(options).await;
        }
        Some(Command::BenchBookings { sizes, runs, database_url }) => {
            let options = bench::bookings::BookingBenchOptions { sizes, runs, database_url };
            return bench::bookings::bench_bookings(options).await;
        }
        Some(Command::BenchDashboard { residents, bookings, enrolments, runs, database_url }) => {
            let options =
                bench::dashboard::DashboardBenchOptions { residents, bookings, enrolments, runs, database_url };
            return bench::dashboard::bench_dashboard(options).await;
        }
        _ => {}
    }
    let config = Config::from_env()?;
    tracing::info!(database = %redact(&config.database_url), "connecting");
    let db = db::connect(&config.database_url).await?;
    db::migrate(&db).await?;
    db::warn_if_autovacuum_is_off(&db).await;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => tracing::info!("migrations applied"),
        Command::Seed { courses, residents, bookings } => {
            let today = crate::time::almaty_today(chrono::Utc::now());
            let scale = seed::ScaleOptions {
                extra_courses: courses,
                extra_residents: residents,
                extra_bookings: bookings,
                ..Default::default()
            };
            let report = seed::seed(&db, today, scale).await?;
            tracing::info!(?report, "demo data ready");
            println!("{report:?}");
        }
        Command::BenchCatalogue { .. } | Command::BenchBookings { .. } | Command::BenchDashboard { .. } => {
            unreachable!("handled before connecting")
        }
        Command::Serve => {
            let mut leptos_options = leptos::prelude::get_configuration(None)?.leptos_options;
            // `cargo leptos serve` says whether file names are hashed; a server started from the
            // scripts (or a service manager) finds out from the hash file the build put beside it.
            if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
                leptos_options.hash_files =
                    super::shell::hash_file(&leptos_options).is_some_and(|hash_file| hash_file.exists());
            }
            let address = leptos_options.site_addr;
            let mut settings = http::HttpSettings {
                trusted_proxies: config.trusted_proxies.clone(),
                metrics_readers: config.metrics_readers.clone(),
                page_cache_ttl: super::config::page_cache_ttl(),
                ..http::HttpSettings::new(&config.public_url)
            };
            // Several app servers share one PostgreSQL: their password attempt budgets must be one.
            if !config.is_sqlite() {
                settings.sign_in_limits = crate::accounts::auth::SignInLimits::shared_in(
                    5,
                    super::config::sign_in_attempts_per_address(),
                    db.clone(),
                );
            }
            super::jobs::spawn_periodic_cleanup(db.clone(), settings.sign_in_limits.clone());
            let stopping = settings.stopping.clone();
            let app = http::router_with(http::AppState { leptos_options, db }, settings);
            let listener = tokio::net::TcpListener::bind(address).await?;
            tracing::info!("listening on http://{address}");
            let signalled = std::sync::Arc::new(tokio::sync::Notify::new());
            let server = axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
                .with_graceful_shutdown({
                    let signalled = signalled.clone();
                    async move {
                        shutdown_signal().await;
                        stopping.store(true, std::sync::atomic::Ordering::Relaxed);
                        tracing::info!("stopping: no new connections, finishing the requests in flight");
                        signalled.notify_one();
                    }
                });
            // Requests in flight get a bounded time to finish; a client that never finishes
            // cannot hold the process (and a deployment) forever.
            let grace = super::config::shutdown_grace();
            tokio::select! {
                served = server.into_future() => served?,
                () = async { signalled.notified().await; tokio::time::sleep(grace).await } => {
                    tracing::warn!(?grace, "requests still in flight after the grace period: exiting anyway");
                }
            }
            tracing::info!("stopped");
        }
    }
    Ok(())
}

/// Hides a password in a database URL before it is logged.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => format!("{}://***{}", &url[..scheme_end], &url[at..]),
        _ => url.to_owned(),
    }
}

/// Ctrl-C, or SIGTERM from a service manager or an orchestrator replacing this server.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let Ok(mut terminate) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn database_passwords_never_reach_the_log() {
        assert_eq!(redact("postgres://app:secret@db:5432/app"), "postgres://***@db:5432/app");
        assert_eq!(redact("sqlite://data/app.db?mode=rwc"), "sqlite://data/app.db?mode=rwc");
    }
}
