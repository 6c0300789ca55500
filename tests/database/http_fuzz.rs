//! HTTP fuzzing: every registered server function, as every kind of caller, gets malformed
//! requests (wrong types, missing and repeated fields, 200 kB strings, invalid UTF-8, JSON where a
//! form is expected, random bytes, empty bodies). No answer may be a 5xx or a panic, and a refusal
//! is a typed `AppError` that names none of the server's internals.
//!
//! Bounded for the test command (fixed seed, `FUZZ_CASES` requests per function and caller, 8 by
//! default); for a deeper run: `FUZZ_CASES=200 FUZZ_SEED=7 cargo test --release --features ssr
//! --test database -- http_fuzz`.
use crate::authorization::{Caller, GET_FUNCTIONS, login_of, matrix};
use crate::support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::DatabaseConnection;
use std::sync::{Mutex, Once};
use support::http::{send, sign_in, test_app};
use youth_centres::error::AppError;
use youth_centres::server::seed::{self, ScaleOptions};

const CALLERS: [Caller; 5] =
    [Caller::Visitor, Caller::Resident, Caller::StaffOfCentre, Caller::Stakeholder, Caller::Admin];

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

/// Panics anywhere in the app (also in tasks it spawns, which a test would not see), recorded by a
/// panic hook. Failed assertions of other tests in this binary are in `tests/` and left out.
static APP_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record_app_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_tests = info.location().is_some_and(|location| location.file().starts_with("tests/"));
            if !in_tests && let Ok(mut panics) = APP_PANICS.lock() {
                // The hook sees every test of this binary: the app's and Leptos's frames (a task
                // Leptos spawned has none of the app's) say where it came from.
                let trace = std::backtrace::Backtrace::force_capture().to_string();
                let frames: Vec<&str> = trace
                    .lines()
                    .filter(|line| {
                        ["youth_centres::", "leptos", "tachys::", "reactive_graph::", "server_fn::"]
                            .iter()
                            .any(|name| line.contains(name))
                    })
                    .take(24)
                    .collect();
                panics.push(format!("{info}\n  frames:\n    {}", frames.join("\n    ")));
            }
            previous(info);
        }));
    });
}

/// A malformed request body and the content type it is sent with.
struct Case {
    content_type: Option<&'static str>,
    body: Vec<u8>,
}

/// Values of the wrong type or out of every range a field accepts.
const WRONG_VALUES: [&str; 18] = [
    "",
    "-1",
    "99999999999999999999999999",
    "-2147483649",
    "1e309",
    "NaN",
    "true",
    "null",
    "[]",
    "{}",
    "%00",
    "%FF%FE",
    "-262144-01-01",
    "2026-13-45",
    "25:61",
    "..%2F..%2Fetc%2Fpasswd",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%E2%98%83%F0%9F%98%80",
];

fn pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

fn join(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("&")
}

/// One malformed variation of `valid` (a well-formed body of the function); `names` are field
/// names of all functions, for functions that take none.
fn malformed(rng: &mut StdRng, valid: &str, names: &[String], huge_len: usize) -> Case {
    const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
    let mut fields = pairs(valid);
    if fields.is_empty() {
        let name = names[rng.random_range(0..names.len())].clone();
        fields.push((name, "x".to_owned()));
    }
    let pick = rng.random_range(0..fields.len());
    let form = |body: String| Case { content_type: FORM, body: body.into_bytes() };
    match rng.random_range(0..12) {
        0 => Case { content_type: FORM, body: Vec::new() },
        1 => {
            let len = rng.random_range(1..600);
            Case { content_type: FORM, body: (0..len).map(|_| rng.random()).collect() }
        }
        2 => {
            // Invalid UTF-8 inside an otherwise valid body.
            let mut body = valid.as_bytes().to_vec();
            let at = rng.random_range(0..=body.len());
            body.splice(at..at, [0xff, 0xfe, 0xc3]);
            Case { content_type: FORM, body }
        }
        3 | 4 => {
            // JSON where a form is expected (and, half the time, labelled as JSON).
            let object: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .map(|(name, value)| (name.clone(), serde_json::json!([value, 1, {"nested": null}])))
                .collect();
            let content_type = if rng.random_bool(0.5) { FORM } else { Some("application/json") };
            Case { content_type, body: serde_json::Value::Object(object).to_string().into_bytes() }
        }
        5 => {
            fields.remove(pick);
            form(join(&fields))
        }
        6 => {
            let repeated = (fields[pick].0.clone(), WRONG_VALUES[rng.random_range(0..WRONG_VALUES.len())].to_owned());
            fields.insert(rng.random_range(0..=fields.len()), repeated);
            form(join(&fields))
        }
        7 => {
            fields[pick].1 = WRONG_VALUES[rng.random_range(0..WRONG_VALUES.len())].to_owned();
            form(join(&fields))
        }
        8 => {
            let letter = ['a', 'Ж', '%', '0', '&'][rng.random_range(0..5)];
            fields[pick].1 = std::iter::repeat_n(letter, huge_len).collect();
            form(join(&fields))
        }
        9 => {
            // Nesting and array syntax the decoder has to refuse or ignore.
            let name = fields[pick].0.clone();
            fields.push((format!("{name}[]"), "1".to_owned()));
            fields.push(("x[a][b][c][d][e][f][g]".to_owned(), "1".to_owned()));
            form(join(&fields))
        }
        10 => form(["%", "=&&=", "a=%E0%A4%A", "%%%=%", "&=", "=x", "[=]"][rng.random_range(0..7)].to_owned()),
        _ => {
            let content_type =
                [None, Some("text/plain"), Some("multipart/form-data; boundary=x"), Some("application/cbor")]
                    [rng.random_range(0..4)];
            Case { content_type, body: join(&fields).into_bytes() }
        }
    }
}

/// Percent-encodes what a URI may not carry, so GET functions get the same malformed input.
fn as_query(body: &[u8]) -> String {
    body.iter()
        .map(|&byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'=' | b'&' | b'%' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn request(path: &str, case: Case, cookie: Option<&str>) -> Request<Body> {
    let is_get = GET_FUNCTIONS.contains(&path);
    let mut builder =
        if is_get { Request::get(format!("{path}?{}", as_query(&case.body))) } else { Request::post(path) };
    builder = builder.header(header::ACCEPT, "application/json");
    if let Some(content_type) = case.content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    let body = if is_get { Body::empty() } else { Body::from(case.body) };
    builder.body(body).expect("request")
}

on_both_databases!(malformed_requests_never_get_a_server_error);
async fn malformed_requests_never_get_a_server_error(db: DatabaseConnection) {
    record_app_panics();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    seed::seed(&db, today, ScaleOptions::default()).await.expect("seed");
    let app = test_app(&db);
    let cases = setting("FUZZ_CASES", 8);
    let seed = setting("FUZZ_SEED", 2026);
    let mut rng = StdRng::seed_from_u64(seed);

    let valid_bodies = matrix();
    let names: Vec<String> = valid_bodies.values().flat_map(|(_, body)| pairs(body)).map(|(name, _)| name).collect();
    // Every registered server function, so a new one is fuzzed without touching this test; the
    // authorization matrix (which must list them all) supplies a well-formed body to mutate.
    let mut functions: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect();
    functions.sort_unstable();
    // Signing out ends the caller's session: last, so the others run signed in.
    functions.sort_by_key(|path| *path == "/api/accounts/sign_out");

    let mut failures = Vec::new();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for caller in CALLERS {
        let cookie = match login_of(caller) {
            Some(login) => Some(sign_in(&app, login).await),
            None => None,
        };
        for path in &functions {
            let valid = valid_bodies.get(path).map(|(_, body)| *body).unwrap_or("");
            let huge_len = if GET_FUNCTIONS.contains(path) { 8_000 } else { 200_000 };
            for case_number in 0..cases {
                let case = malformed(&mut rng, valid, &names, huge_len);
                let shown = String::from_utf8_lossy(&case.body[..case.body.len().min(120)]).into_owned();
                let response = send(&app, request(path, case, cookie.as_deref())).await;
                let status = response.status();
                *statuses.entry(status.as_u16()).or_default() += 1;
                let body = support::http::text(response).await;
                let what =
                    format!("{caller:?} {path} case {case_number} (seed {seed}) {shown:?}: {status} {body:.200}");
                if status.is_server_error() {
                    failures.push(what);
                } else if status.is_client_error() && serde_json::from_str::<AppError>(&body).is_err() {
                    failures.push(format!("not a typed error: {what}"));
                } else if body.contains("deserializ") || body.contains("Multiple values") {
                    failures.push(format!("decoder internals echoed: {what}"));
                }
            }
        }
    }
    eprintln!("http fuzz: {cases} cases per function and caller, seed {seed}, answers by status {statuses:?}");
    let panics = APP_PANICS.lock().map(|panics| panics.clone()).unwrap_or_default();
    assert!(panics.is_empty(), "the app panicked:\n{}", panics.join("\n"));
    assert!(failures.is_empty(), "{} of the malformed requests failed badly:\n{}", failures.len(), failures.join("\n"));
}

on_both_databases!(undecodable_arguments_are_a_bad_request_not_a_server_error);
async fn undecodable_arguments_are_a_bad_request_not_a_server_error(db: DatabaseConnection) {
    let app = test_app(&db);
    let malformed: [(&str, &[u8]); 4] = [
        ("/api/accounts/sign_in", b"login=a%40demo.kz&login=b%40demo.kz&password=x"),
        ("/api/accounts/sign_in", br#"{"login":"a@demo.kz","password":"x"}"#),
        ("/api/accounts/sign_in", b"password=x"),
        ("/api/accounts/sign_in", b"login=a%40demo.kz&password=\xff\xfe"),
    ];
    for (path, body) in malformed {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body.to_vec()))
            .expect("request");
        let response = send(&app, request).await;
        let status = response.status();
        let text = support::http::text(response).await;
        let shown = String::from_utf8_lossy(body);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{shown}: {text}");
        assert_eq!(serde_json::from_str::<AppError>(&text).ok(), Some(AppError::BadRequest), "{shown}: {text}");
    }
    // A plain form post (no WASM) still goes back to its page, carrying the typed error.
    let response = send(
        &app,
        Request::post("/api/accounts/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, "http://127.0.0.1:3000/sign-in")
            .body(Body::from("login=a&login=b&password=x"))
            .expect("request"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers().get(header::LOCATION).and_then(|value| value.to_str().ok()).unwrap_or_default();
    assert!(location.starts_with("http://127.0.0.1:3000/sign-in?") && location.contains("__err="), "{location}");
}

on_both_databases!(the_language_form_goes_back_only_to_a_local_path);
async fn the_language_form_goes_back_only_to_a_local_path(db: DatabaseConnection) {
    let app = test_app(&db);
    let cases = [
        ("%2Fcentres%3Fdistrict%3Dalmaly", "/centres?district=almaly"),
        // A tab that browsers drop: `/\t/evil.example` would be followed to //evil.example.
        ("%2F%09%2Fevil.example", "/"),
        ("%2F%5Cevil.example", "/"),
        // Not percent-encoded as browsers send paths: refused, never a 500 from the header.
        ("%2F%D0%BA%D1%83%D1%80%D1%81%D1%8B", "/"),
    ];
    for (next, expected) in cases {
        let response = send(&app, support::http::post("/language", &format!("lang=kk&next={next}"), None)).await;
        assert!(response.status().is_redirection(), "{next}: {}", response.status());
        let location = response.headers().get(header::LOCATION).and_then(|value| value.to_str().ok());
        assert_eq!(location, Some(expected), "{next}");
    }
}

on_both_databases!(requests_for_no_route_get_the_not_found_page_without_a_panic);
async fn requests_for_no_route_get_the_not_found_page_without_a_panic(db: DatabaseConnection) {
    record_app_panics();
    let app = test_app(&db);
    // Every method and kind of path an attacker may try, several at once: each renders the "not
    // found" page, whose spawned tasks must not outlive it (see `server::page_threads`).
    let requests = [
        ("POST", "/no-such-page"),
        ("PUT", "/courses/no-such-course/x"),
        ("DELETE", "/staff/no-such-page"),
        ("GET", "/api/no-such-function"),
        ("POST", "/api/no-such-function"),
        ("GET", "/no-such-page"),
    ];
    for round in 0..40 {
        let answers: Vec<_> = requests
            .into_iter()
            .map(|(method, path)| {
                let app = app.clone();
                tokio::spawn(async move {
                    let request = Request::builder()
                        .method(method)
                        .uri(format!("{path}?round={round}"))
                        .header(header::ACCEPT, "text/html")
                        .body(Body::from("a=1"))
                        .expect("request");
                    let response = send(&app, request).await;
                    (method, path, response.status(), support::http::text(response).await)
                })
            })
            .collect();
        for answer in answers {
            let (method, path, status, body) = answer.await.expect("no request panics");
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
            assert!(body.contains("<main"), "{method} {path}: the page is rendered: {body:.200}");
        }
    }
    let panics = APP_PANICS.lock().map(|panics| panics.clone()).unwrap_or_default();
    assert!(panics.is_empty(), "the app panicked:\n{}", panics.join("\n"));
}
