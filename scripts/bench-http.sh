#!/usr/bin/env bash
# HTTP benchmark: the release server under wrk (1 thread, 32 connections) next to nginx serving the
# very same HTML bytes as static files, on a throw-away database seeded with the demo data plus
# COURSES synthetic courses and BOOKINGS synthetic bookings. Prints, per page, requests per second,
# p50 and p99 latency, and the server's share of nginx's rate.
# Usage: scripts/bench-http.sh [--postgres]
#   env: COURSES (default 10000), BOOKINGS (default 1000000), DURATION (wrk -d, default 10s)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
scripts/bootstrap.sh --with-bench

courses="${COURSES:-10000}"
bookings="${BOOKINGS:-1000000}"
duration="${DURATION:-10s}"
app_port=3150
nginx_port=3151
work="$(mktemp -d)"
postgres=false
[[ "${1:-}" == "--postgres" ]] && postgres=true
if $postgres; then
  admin_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS bench_http" -c "CREATE DATABASE bench_http"
  export DATABASE_URL="${admin_url%/*}/bench_http"
else
  export DATABASE_URL="sqlite://$work/bench.db?mode=rwc"
fi

if [[ ! -x "$SERVER_BIN" || ! -d target/site/pkg ]]; then
  step "cargo leptos build --release"
  leptos_release_build
fi

step "seeding: demo data + $courses courses + $bookings bookings ($DATABASE_URL)"
"$SERVER_BIN" seed --courses "$courses" --bookings "$bookings" | tail -n 1
# What autovacuum would do soon after the bulk load (it may be off, as on this machine's PostgreSQL).
if $postgres; then psql "$DATABASE_URL" -qc "VACUUM ANALYZE"; fi

export LEPTOS_SITE_ADDR="127.0.0.1:$app_port" PUBLIC_URL="http://127.0.0.1:$app_port" RUST_LOG=warn
"$SERVER_BIN" serve >"$work/server.log" 2>&1 &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  if $postgres; then psql "$admin_url" -qc "DROP DATABASE IF EXISTS bench_http" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$app_port/" >/dev/null && break
  sleep 0.2
done

# Almaty is UTC+5 all year: the week grid's fully booked week is four Mondays back (the synthetic
# bookings end three weeks before this week's Monday).
today="$(date -u -d '+5 hours' +%F)"
monday="$(date -u -d "$today -$(( $(date -u -d "$today" +%u) - 1 )) days" +%F)"
busy_week="$(date -u -d "$monday -28 days" +%F)"
course_path="$(curl -sf "http://127.0.0.1:$app_port/courses" | grep -oE 'href="/courses/[a-z0-9-]+"' | head -n 1 | cut -d'"' -f2)"
pages=(
  "catalogue|/courses"
  "search (Cyrillic)|/courses?q=%D0%B4%D0%BE%D0%BC%D0%B1%D1%8B%D1%80%D0%B0"
  "filtered|/courses?district=almaly&category=music"
  "course page|$course_path"
  "week grid, booked week|/centres/almaly-youth-centre/rooms?week=$busy_week"
  "week grid, this week|/centres/almaly-youth-centre/rooms"
)

# nginx serves the HTML the app returned, byte for byte, as page-N.html.
mkdir -p "$work/static"
for index in "${!pages[@]}"; do
  curl -sf "http://127.0.0.1:$app_port${pages[$index]#*|}" -o "$work/static/page-$index.html"
done
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$nginx_port; root $work/static; }
}
CONF
# mktemp's folder is private; nginx's workers run as www-data.
chmod -R a+rX "$work"
/usr/sbin/nginx -c "$work/nginx.conf"

# wrk's --latency table in milliseconds: "50%  1.23ms" → 1.23.
to_ms() { awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[0-9]s$/ && $1 !~ /ms$/) v *= 1000; printf "%.2f", v }'; }
measure() {
  local output
  output="$(wrk -t1 -c32 -d"$duration" --latency "$1")"
  local rate p50 p99
  rate="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$output")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$output" | to_ms)"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$output" | to_ms)"
  local failed
  failed="$(awk '/Non-2xx|Socket errors/ { print }' <<<"$output")"
  [[ -n "$failed" ]] && echo "$1: $failed" >&2
  echo "$rate $p50 $p99 ${failed:+!}"
}

step "wrk -t1 -c32 -d$duration: app vs nginx (same bytes)"
printf '%-24s %8s %9s %9s %10s %8s  %s\n' "page" "req/s" "p50 ms" "p99 ms" "nginx r/s" "of nginx" "path"
for index in "${!pages[@]}"; do
  label="${pages[$index]%%|*}"
  path="${pages[$index]#*|}"
  read -r rate p50 p99 flag <<<"$(measure "http://127.0.0.1:$app_port$path")"
  read -r nginx_rate _ <<<"$(measure "http://127.0.0.1:$nginx_port/page-$index.html")"
  share="$(awk -v a="$rate" -v b="$nginx_rate" 'BEGIN { printf "%.1f%%", (b > 0 ? 100 * a / b : 0) }')"
  printf '%-24s %8s %9s %9s %10s %8s  %s %s\n' "$label" "$rate" "$p50" "$p99" "$nginx_rate" "$share" "$path" "${flag:+(errors!)}"
done
if grep -qE '(^|[[:space:]])ERROR([[:space:]]|$)' "$work/server.log"; then
  echo "the server logged errors during the run:" >&2
  grep -E '(^|[[:space:]])ERROR([[:space:]]|$)' "$work/server.log" | head -n 5 >&2
fi
