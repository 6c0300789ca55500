//! The real server killed with SIGKILL in the middle of a burst of enrolments, then started again
//! on the same database: every enrolment it acknowledged is there, every course's seat count equals
//! its enrolled rows and stays within capacity, and each queue has no gaps. SQLite always;
//! PostgreSQL when `TEST_POSTGRES_URL` is set (in a database of its own, dropped afterwards).
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use youth_centres::enrolment::domain::EnrolmentStatus;
use youth_centres::server::entities::{course, course_session, enrolment, resident};

const RESIDENTS: usize = 16;
const COURSES: usize = 3;
const SEATS: i32 = 4;
/// Acknowledged enrolments after which the server is killed (of RESIDENTS × COURSES requests).
const KILL_AFTER: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite() {
    let dir = TempDir::new("sqlite");
    let url = format!("sqlite://{}?mode=rwc", dir.path.join("crash.db").display());
    crash_and_recover(&url, &dir).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres() {
    let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") else {
        eprintln!("TEST_POSTGRES_URL is not set: PostgreSQL crash case skipped");
        return;
    };
    // The server reads only DATABASE_URL, so it gets a database of its own.
    let name = format!("crash_{}", std::process::id());
    let admin = Database::connect(admin_url.as_str()).await.expect("reach PostgreSQL at TEST_POSTGRES_URL");
    admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}")).await.expect("drop leftover");
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create crash database");
    let (base, _) = admin_url.rsplit_once('/').expect("a database URL ends in its database name");
    let dir = TempDir::new("postgres");
    crash_and_recover(&format!("{base}/{name}"), &dir).await;
    admin.execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)")).await.expect("drop crash database");
}

async fn crash_and_recover(database_url: &str, dir: &TempDir) {
    let started = Instant::now();
    let seeded = server_command(database_url, dir, 0).arg("seed").status().expect("run the server binary");
    assert!(seeded.success(), "seed failed; see {}", dir.log().display());
    let db = Database::connect(database_url).await.expect("open the server's database");
    let courses = small_courses(&db).await;

    let mut server = Server::start(database_url, dir).await;
    let cookies = register_residents(&server).await;

    // Everyone asks for every course at once; the server dies once a few have been answered.
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let mut requests = Vec::new();
    for (resident, cookie) in cookies.iter().enumerate() {
        for slug in &courses {
            let (port, cookie, slug, acknowledged) = (server.port, cookie.clone(), slug.clone(), acknowledged.clone());
            requests.push(tokio::spawn(async move {
                let answer = http(port, "/api/courses/enrol", &format!("course={slug}"), Some(&cookie)).await;
                if answer.as_ref().is_ok_and(|answer| answer.status == 200) {
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                }
                (resident, slug, answer)
            }));
        }
    }
    while acknowledged.load(Ordering::SeqCst) < KILL_AFTER && !requests.iter().all(|request| request.is_finished()) {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill();
    let mut acknowledged_places: HashMap<(usize, String), EnrolmentStatus> = HashMap::new();
    let mut unanswered = Vec::new();
    for request in requests {
        let (resident, slug, answer) = request.await.expect("request task");
        match answer {
            Ok(answer) if answer.status == 200 => {
                let status = serde_json::from_str(&answer.body).expect("an enrolment status");
                acknowledged_places.insert((resident, slug), status);
            }
            Ok(answer) => assert!(answer.status < 500, "{} {}", answer.status, answer.body),
            Err(_) => unanswered.push((resident, slug)),
        }
    }
    eprintln!(
        "killed with {} enrolments acknowledged and {} unanswered, after {:?}",
        acknowledged_places.len(),
        unanswered.len(),
        started.elapsed()
    );
    assert!(!unanswered.is_empty(), "the server was killed mid-burst");

    // Started again on the same database: nothing acknowledged is lost, nothing is half-written.
    let server = Server::start(database_url, dir).await;
    let residents = resident_ids(&db, RESIDENTS).await;
    check_enrolments(&db, &courses, &residents, &acknowledged_places).await;

    // The restarted server takes the lost requests again and stays consistent.
    for (resident, slug) in unanswered {
        let answer = http(server.port, "/api/courses/enrol", &format!("course={slug}"), Some(&cookies[resident]))
            .await
            .expect("the restarted server answers");
        assert!(answer.status < 500, "{} {}", answer.status, answer.body);
        if answer.status == 200 {
            acknowledged_places.insert((resident, slug), serde_json::from_str(&answer.body).expect("a status"));
        }
    }
    check_enrolments(&db, &courses, &residents, &acknowledged_places).await;
    let taken: i32 = course::Entity::find()
        .filter(course::Column::Slug.is_in(courses.clone()))
        .all(&db)
        .await
        .unwrap()
        .iter()
        .map(|course| course.seats_taken)
        .sum();
    assert_eq!(taken, SEATS * COURSES as i32, "every seat is taken once everyone has asked");
    drop(server);
    db.close().await.ok();
    eprintln!("crash test took {:?}", started.elapsed());
}

/// Three courses open to the test residents, all sessions ahead, shrunk to a few seats.
async fn small_courses(db: &DatabaseConnection) -> Vec<String> {
    let mut first_start: HashMap<i32, chrono::DateTime<chrono::Utc>> = HashMap::new();
    for session in course_session::Entity::find().all(db).await.unwrap() {
        let first = first_start.entry(session.course_id).or_insert(session.starts_at);
        *first = (*first).min(session.starts_at);
    }
    let tomorrow = chrono::Utc::now() + chrono::Duration::days(1);
    let upcoming: HashSet<i32> =
        first_start.into_iter().filter(|(_, first)| *first > tomorrow).map(|(course_id, _)| course_id).collect();
    let with_places: HashSet<i32> =
        enrolment::Entity::find().all(db).await.unwrap().into_iter().map(|row| row.course_id).collect();
    let courses: Vec<course::Model> = course::Entity::find()
        .filter(course::Column::MinAge.lte(20))
        .filter(course::Column::MaxAge.gte(21))
        .order_by_asc(course::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|course| upcoming.contains(&course.id) && !with_places.contains(&course.id))
        .take(COURSES)
        .collect();
    assert_eq!(courses.len(), COURSES, "the demo data has courses for 20-year-olds");
    let ids: Vec<i32> = courses.iter().map(|course| course.id).collect();
    course::Entity::update_many()
        .col_expr(course::Column::Capacity, Expr::value(SEATS))
        .filter(course::Column::Id.is_in(ids))
        .exec(db)
        .await
        .unwrap();
    courses.into_iter().map(|course| course.slug).collect()
}

/// Registers the residents (each signed in by their registration); returns their session cookies.
async fn register_residents(server: &Server) -> Vec<String> {
    let born = youth_centres::time::almaty_today(chrono::Utc::now()) - chrono::Duration::days(20 * 365 + 30);
    let registrations: Vec<_> = (0..RESIDENTS)
        .map(|n| {
            let form = form_urlencoded::Serializer::new(String::new())
                .append_pair("full_name", &format!("Crash Test {n}"))
                .append_pair("birth_date", &born.format("%Y-%m-%d").to_string())
                .append_pair("district", "almaly")
                .append_pair("contact", &format!("crash-{n:02}@test.kz"))
                .append_pair("occupation", "studying")
                .append_pair("password", "long-enough-1")
                .append_pair("data_consent", "on")
                .finish();
            let port = server.port;
            tokio::spawn(async move { http(port, "/api/residents/register", &form, None).await })
        })
        .collect();
    let mut cookies = Vec::new();
    for registration in registrations {
        let answer = registration.await.expect("task").expect("the server answers");
        assert!(answer.status < 400, "registration: {} {}", answer.status, answer.body);
        cookies.push(answer.session_cookie.expect("signed in after registering"));
    }
    cookies
}

/// The resident ids of the test residents, in the order of their logins (crash-00, crash-01…).
async fn resident_ids(db: &DatabaseConnection, count: usize) -> Vec<i32> {
    let residents = resident::Entity::find()
        .filter(resident::Column::Email.like("crash-%"))
        .order_by_asc(resident::Column::Email)
        .all(db)
        .await
        .unwrap();
    assert_eq!(residents.len(), count, "every acknowledged registration survived");
    residents.into_iter().map(|resident| resident.id).collect()
}

async fn check_enrolments(
    db: &DatabaseConnection,
    slugs: &[String],
    residents: &[i32],
    acknowledged: &HashMap<(usize, String), EnrolmentStatus>,
) {
    for slug in slugs {
        let course = course::Entity::find().filter(course::Column::Slug.eq(slug)).one(db).await.unwrap().unwrap();
        let rows = enrolment::Entity::find()
            .filter(enrolment::Column::CourseId.eq(course.id))
            .order_by_asc(enrolment::Column::Position)
            .all(db)
            .await
            .unwrap();
        let status_of: HashMap<i32, EnrolmentStatus> = rows.iter().map(|row| (row.resident_id, row.status)).collect();
        for ((resident, acknowledged_slug), status) in acknowledged {
            if acknowledged_slug == slug {
                assert_eq!(status_of.get(&residents[*resident]), Some(status), "{slug}: resident {resident} lost");
            }
        }
        let enrolled = rows.iter().filter(|row| row.status == EnrolmentStatus::Enrolled).count();
        assert_eq!(course.seats_taken as usize, enrolled, "{slug}: seat count and enrolled rows agree");
        assert!(course.seats_taken <= course.capacity, "{slug}: {} of {} seats", course.seats_taken, course.capacity);
        // Nobody cancels here, so arrival positions run 1, 2, 3… and the seats went to the first.
        let positions: Vec<i32> = rows.iter().map(|row| row.position).collect();
        assert_eq!(positions, (1..=rows.len() as i32).collect::<Vec<_>>(), "{slug}: queue without gaps");
        let first_waiting = rows.iter().position(|row| row.status == EnrolmentStatus::Waitlisted).unwrap_or(rows.len());
        assert_eq!(first_waiting, enrolled, "{slug}: the enrolled are the first to arrive");
        if first_waiting < rows.len() {
            assert_eq!(course.seats_taken, course.capacity, "{slug}: no one waits while a seat is free");
        }
    }
}

/// A running server process; killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    async fn start(database_url: &str, dir: &TempDir) -> Server {
        let port = free_port();
        let child = server_command(database_url, dir, port).arg("serve").spawn().expect("start the server");
        let mut server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(answer) = http(port, "/api/courses/list", "query=", None).await
                && answer.status == 200
            {
                return server;
            }
            if let Ok(Some(exit)) = server.child.try_wait() {
                panic!("the server exited ({exit}); see {}", dir.log().display());
            }
            assert!(Instant::now() < deadline, "the server did not start; see {}", dir.log().display());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL: no shutdown, no flushing, exactly what a power cut or the OOM killer does.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn server_command(database_url: &str, dir: &TempDir, port: u16) -> Command {
    let log = std::fs::OpenOptions::new().create(true).append(true).open(dir.log()).expect("server log");
    let mut command = Command::new(env!("CARGO_BIN_EXE_youth_centres"));
    command
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", dir.path.join("site"))
        .env("LEPTOS_OUTPUT_NAME", "youth_centres")
        .env("PUBLIC_URL", format!("http://127.0.0.1:{port}"))
        .env("SIGN_IN_ATTEMPTS_PER_ADDRESS", "100000")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log handle"))
        .stderr(log);
    command
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("bound address").port()
}

struct Answer {
    status: u16,
    session_cookie: Option<String>,
    body: String,
}

/// One form POST over a fresh connection. HTTP/1.1 by hand: these few requests need no client
/// crate (reqwest is heavy, and hyper-util's client needs features the build does not enable).
async fn http(port: u16, path: &str, form: &str, cookie: Option<&str>) -> std::io::Result<Answer> {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let origin = format!("http://127.0.0.1:{port}");
    let cookie = cookie.map(|cookie| format!("Cookie: {cookie}\r\n")).unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nSec-Fetch-Site: same-origin\r\n\
         Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n{cookie}Connection: close\r\n\r\n{form}",
        form.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut response))
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer"))??;
    let response = String::from_utf8_lossy(&response);
    let (head, body) = response
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "cut-off answer"))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "no status line"))?;
    let session_cookie = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, value)| name.eq_ignore_ascii_case("set-cookie") && value.trim().starts_with("yc_session="))
        .map(|(_, value)| value.trim().split(';').next().unwrap_or_default().to_owned());
    let chunked = head.to_ascii_lowercase().contains("transfer-encoding: chunked");
    let body = if chunked { dechunk(body) } else { body.to_owned() };
    Ok(Answer { status, session_cookie, body })
}

/// The payload of a chunked body (sizes in hex, each chunk followed by CRLF).
fn dechunk(mut body: &str) -> String {
    let mut payload = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || rest.len() < size {
            break;
        }
        payload.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    payload
}

/// A folder for the database file, the empty site root and the server's log; removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new(label: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("youth_centres_crash_{label}_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join("site")).expect("temp dir");
        TempDir { path }
    }

    fn log(&self) -> PathBuf {
        self.path.join("server.log")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}
