//! Prometheus metrics at `/metrics` (`metrics` with `metrics-exporter-prometheus`): requests by
//! route and status with latency histograms, the database pool, and what people did (bookings,
//! enrolments, refused password attempts). Only clients in `METRICS_ALLOWED` may read them.
use super::config::{MetricsReaders, TrustedProxies};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Instant;

pub const BOOKINGS_MADE: &str = "bookings_made_total";
pub const ENROLMENTS_MADE: &str = "enrolments_made_total";
pub const SIGN_IN_REFUSALS: &str = "sign_in_refusals_total";
const REQUESTS: &str = "http_requests_total";
const REQUEST_SECONDS: &str = "http_request_duration_seconds";

/// The process-wide recorder, installed by the first router (tests build many).
fn recorder() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];
            let builder =
                PrometheusBuilder::new().set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), &buckets);
            match builder.and_then(|builder| builder.install_recorder()) {
                Ok(handle) => Some(handle),
                Err(error) => {
                    tracing::warn!(%error, "metrics are off");
                    None
                }
            }
        })
        .as_ref()
}

/// Counts each request under its route's pattern (`/courses/{slug}`, never the raw path, so the
/// number of series stays bounded) and times it.
pub async fn count_requests(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|path| path.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let labels = [
        ("route", route.unwrap_or_else(|| "unmatched".to_owned())),
        ("method", method),
        ("status", response.status().as_u16().to_string()),
    ];
    metrics::counter!(REQUESTS, &labels).increment(1);
    metrics::histogram!(REQUEST_SECONDS, &labels).record(started.elapsed().as_secs_f64());
    response
}

#[derive(Clone)]
pub struct MetricsAccess {
    pub readers: MetricsReaders,
    pub trusted_proxies: TrustedProxies,
    pub db: DatabaseConnection,
}

/// `GET /metrics`: the text format, for allowed clients; a plain 404 for everyone else (nothing
/// tells a stranger that metrics exist).
pub async fn serve_metrics(
    State(access): State<MetricsAccess>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let forwarded_for = request.headers().get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok());
    let client = access.trusted_proxies.client_address(peer.ip(), forwarded_for);
    let Some(handle) = recorder().filter(|_| access.readers.allows(client)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    record_pool(&access.db);
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render()).into_response()
}

/// The connection pool as it is at scrape time.
fn record_pool(db: &DatabaseConnection) {
    let (size, idle) = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        sea_orm::DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => return,
    };
    metrics::gauge!("db_pool_connections", "state" => "idle").set(idle as f64);
    metrics::gauge!("db_pool_connections", "state" => "in_use").set(size.saturating_sub(idle as u32) as f64);
}

/// Installs the recorder when the router is built, so the first scrape already has the counters.
pub fn install() {
    let _ = recorder();
}
