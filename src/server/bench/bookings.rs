//! `bench-bookings`: grows a throw-away database to 10k, 100k and 1M synthetic bookings and, at
//! each size, times the week grid of one centre (all its rooms, a fully booked week; as the public
//! and as the centre's staff see it) and booking creation (the whole write: room lock, rules, clash
//! and quota checks, insert), printing median and 95th percentile and bookings made per second.
use super::{BenchDatabase, median_and_p95, millis, time_runs};
use crate::accounts::domain::CurrentUser;
use crate::booking::domain::{Booker, BookingRequest, ParsedBooking, Slot};
use crate::booking::store::{create_booking, room_week};
use crate::server::entities::{app_user, centre, room};
use crate::server::{db, seed};
use crate::time::from_almaty;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::time::{Duration as Elapsed, Instant};

/// The centre whose week grid is timed: open seven days, six rooms like every open centre.
const CENTRE: &str = "almaly-youth-centre";

pub struct BookingBenchOptions {
    /// Synthetic bookings the database is grown to, in increasing order.
    pub sizes: Vec<u32>,
    pub runs: usize,
    /// PostgreSQL: a schema is created for the run and dropped after. SQLite: used as it is.
    /// `None`: a temporary SQLite file, deleted after.
    pub database_url: Option<String>,
}

pub async fn bench_bookings(options: BookingBenchOptions) -> Result<(), Box<dyn std::error::Error>> {
    let target = BenchDatabase::open("bookings", options.database_url.as_deref()).await?;
    let outcome = run(&target.db, &options.sizes, options.runs.max(1)).await;
    target.clean_up().await;
    outcome
}

/// One size's figures, kept for the growth ratio printed at the end.
struct Measured {
    size: u32,
    grid_median: Elapsed,
    grid_p95: Elapsed,
}

async fn run(db: &DatabaseConnection, sizes: &[u32], runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    db::migrate(db).await?;
    let now = Utc::now();
    let today = crate::time::almaty_today(now);
    seed::seed(db, today, seed::ScaleOptions::default()).await?;
    let centre = centre::Entity::find().filter(centre::Column::Slug.eq(CENTRE)).one(db).await?.ok_or("no centre")?;
    let admin = demo_user(db, "admin@demo.kz").await?;
    let staff = demo_user(db, "staff@demo.kz").await?;
    // The week before the synthetic bookings end: every room booked from 09:00 to 21:00 each day.
    let busy_week = seed::bench_bookings_end(today) - Duration::weeks(1);
    let mut free_slots = saturday_slots(db, today).await?.into_iter();

    println!(
        "{:?}: week grid of {CENTRE} (all rooms, a fully booked week), {runs} runs each; booking creation: {runs} single bookings per size\n",
        db.get_database_backend()
    );
    println!(
        "{:>10} {:>10} {:>13} {:>13} {:>13} {:>13} {:>11} {:>11} {:>10}",
        "bookings",
        "seed s",
        "grid med ms",
        "grid p95 ms",
        "staff med ms",
        "staff p95 ms",
        "book med ms",
        "book p95 ms",
        "booked/s"
    );
    let mut synthetic = 0;
    let mut measured = Vec::new();
    for &size in sizes {
        let started = Instant::now();
        let scale = seed::ScaleOptions { extra_bookings: size.saturating_sub(synthetic), ..Default::default() };
        seed::seed(db, today, scale).await?;
        synthetic = synthetic.max(size);
        if db.get_database_backend() == sea_orm::DbBackend::Postgres {
            // What autovacuum would do soon after a bulk load; done now so it does not run (and
            // compete for the two cores) while the timings are taken.
            db.execute_unprepared("VACUUM ANALYZE").await?;
        }
        let seeded_in = started.elapsed();

        let (grid_median, grid_p95) = time_runs(runs, || room_week(db, &centre, busy_week, None, None, now)).await?;
        let (staff_median, staff_p95) =
            time_runs(runs, || room_week(db, &centre, busy_week, None, Some(&staff), now)).await?;

        let mut timings = Vec::with_capacity(runs);
        let (mut booked, started) = (0u32, Instant::now());
        for (room_id, slot) in free_slots.by_ref().take(runs) {
            let request = BookingRequest { slot, attendees: 2, purpose: "Benchmark booking".into() };
            let parsed = ParsedBooking { room_id, request, repeat: None };
            let start = Instant::now();
            if create_booking(db, &admin, Booker::Staff, parsed, now).await.is_ok() {
                booked += 1;
            }
            timings.push(start.elapsed());
        }
        let per_second = f64::from(booked) / started.elapsed().as_secs_f64();
        let (book_median, book_p95) = median_and_p95(&mut timings);
        println!(
            "{size:>10} {:>10.1} {:>13.2} {:>13.2} {:>13.2} {:>13.2} {:>11.2} {:>11.2} {:>10.0}",
            seeded_in.as_secs_f64(),
            millis(grid_median),
            millis(grid_p95),
            millis(staff_median),
            millis(staff_p95),
            millis(book_median),
            millis(book_p95),
            per_second
        );
        if (booked as usize) < timings.len() {
            println!("  ({} of {} bookings were refused)", timings.len() - booked as usize, timings.len());
        }
        measured.push(Measured { size, grid_median, grid_p95 });
    }
    let ratio = |later: Elapsed, earlier: Elapsed| later.as_secs_f64() / earlier.as_secs_f64().max(f64::EPSILON);
    for pair in measured.windows(2) {
        println!(
            "week grid from {} to {} bookings: median x{:.2}, p95 x{:.2}",
            pair[0].size,
            pair[1].size,
            ratio(pair[1].grid_median, pair[0].grid_median),
            ratio(pair[1].grid_p95, pair[0].grid_p95)
        );
    }
    Ok(())
}

async fn demo_user(db: &DatabaseConnection, login: &str) -> Result<CurrentUser, Box<dyn std::error::Error>> {
    let user = app_user::Entity::find().filter(app_user::Column::Login.eq(login)).one(db).await?.ok_or(login)?;
    Ok(CurrentUser { id: user.id, display_name: user.display_name, role: user.role, centre_id: user.centre_id })
}

/// Free one-hour slots for the creation benchmark: Saturdays 5 to 12 weeks ahead (after the demo
/// month; course sessions are on weekdays), every room, seven starts a day, rooms interleaved so
/// consecutive bookings go to different rooms and centres as they would in real use.
async fn saturday_slots(db: &DatabaseConnection, today: NaiveDate) -> Result<Vec<(i32, Slot)>, sea_orm::DbErr> {
    let rooms = room::Entity::find().order_by_asc(room::Column::Id).all(db).await?;
    let monday = today - Duration::days(today.weekday().num_days_from_monday().into());
    let mut slots = Vec::new();
    for week in 5..=12 {
        let saturday = monday + Duration::weeks(week) + Duration::days(5);
        // 10:00, 11:30, … 19:00: an hour each, half an hour apart (longer than any room's pause).
        for start in (0..7).map(|index| 10 * 60 + 90 * index) {
            let Some(starts_at) = saturday.and_hms_opt(start / 60, start % 60, 0).and_then(from_almaty) else {
                continue;
            };
            slots.extend(rooms.iter().map(|room| (room.id, (starts_at, starts_at + Duration::hours(1)))));
        }
    }
    Ok(slots)
}
