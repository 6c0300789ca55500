#!/usr/bin/env bash
# Two app servers on one PostgreSQL behind nginx (round robin; a server that fails or is stopping is
# skipped), all on this machine:
#   scripts/cluster.sh start   migrate once, start the servers on :3201 and :3202, nginx on :3200
#   scripts/cluster.sh stop    stop nginx and both servers (SIGTERM: requests in flight finish)
#   scripts/cluster.sh test    start, check what must hold across servers, stop
#   scripts/cluster.sh bench   start with COURSES (10,000) courses, one server vs two under wrk, stop
# env: CLUSTER_DATABASE_URL (default: database `cluster` on the machine's PostgreSQL, created empty
# and seeded with the demo data), CLUSTER_DIR (pid files and logs, default /tmp/youth-centres-cluster).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

dir="${CLUSTER_DIR:-/tmp/youth-centres-cluster}"
front_port=3200
app_ports=(3201 3202)
admin_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
database_url="${CLUSTER_DATABASE_URL:-${admin_url%/*}/cluster}"

start() {
  scripts/bootstrap.sh --with-bench
  if [[ ! -x "$SERVER_BIN" || ! -d "$LEPTOS_SITE_ROOT/pkg" ]]; then
    step "cargo leptos build --release"
    leptos_release_build
  fi
  mkdir -p "$dir"
  if [[ -z "${CLUSTER_DATABASE_URL:-}" ]]; then
    # A fresh database each time: the checks count what they did.
    psql "$admin_url" -qc "DROP DATABASE IF EXISTS cluster WITH (FORCE)" -c "CREATE DATABASE cluster"
  fi
  export DATABASE_URL="$database_url" PUBLIC_URL="http://127.0.0.1:$front_port" TRUSTED_PROXIES=127.0.0.1
  step "migrations and demo data, once"
  "$SERVER_BIN" seed --residents 12 --courses "${SEED_COURSES:-0}" >/dev/null
  for port in "${app_ports[@]}"; do
    LEPTOS_SITE_ADDR="127.0.0.1:$port" "$SERVER_BIN" serve >"$dir/server-$port.log" 2>&1 &
    echo $! >"$dir/server-$port.pid"
  done
  for port in "${app_ports[@]}"; do wait_ready "$port"; done
  write_nginx_conf
  /usr/sbin/nginx -c "$dir/nginx.conf"
  wait_ready "$front_port"
  step "cluster up: http://127.0.0.1:$front_port (servers :${app_ports[0]} :${app_ports[1]}, logs in $dir)"
}

wait_ready() {
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return 0
    sleep 0.2
  done
  echo "nothing ready on :$1" >&2
  return 1
}

write_nginx_conf() {
  local upstreams=""
  for port in "${app_ports[@]}"; do upstreams+="    server 127.0.0.1:$port max_fails=3 fail_timeout=10s;"$'\n'; done
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
  log_format with_id '\$remote_addr [\$time_local] "\$request" \$status \$request_time id=\$request_id upstream=\$upstream_addr';
  access_log $dir/nginx-access.log with_id;
  upstream app {
$upstreams    keepalive 16;
  }
  server {
    listen 127.0.0.1:$front_port;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id \$request_id;
      # A server that is stopping refuses connections: the request goes to the other one.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
    }
  }
}
CONF
  chmod -R a+rX "$dir"
}

stop() {
  [[ -f "$dir/nginx.pid" ]] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
  for port in "${app_ports[@]}"; do
    [[ -f "$dir/server-$port.pid" ]] && kill -TERM "$(cat "$dir/server-$port.pid")" 2>/dev/null || true
  done
  for port in "${app_ports[@]}"; do
    local pid
    pid="$(cat "$dir/server-$port.pid" 2>/dev/null || true)"
    [[ -n "$pid" ]] && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$dir/server-$port.pid"
  done
  rm -f "$dir/nginx.pid"
}

# One server straight vs two behind nginx, on COURSES (default 10,000) synthetic courses: req/s,
# p50/p95/p99 and how the machine's CPU was split between the servers, nginx and wrk.
bench() {
  trap stop EXIT
  SEED_COURSES="${COURSES:-10000}" start
  local course_path duration="${DURATION:-10s}"
  course_path="$(curl -sf "http://127.0.0.1:$front_port/courses" | grep -oE 'href="/courses/[a-z0-9-]+"' | head -n 1 | cut -d'"' -f2)"
  cat >"$dir/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("BENCH %.0f %.2f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
end
LUA
  local pids=("$(cat "$dir/server-${app_ports[0]}.pid")" "$(cat "$dir/server-${app_ports[1]}.pid")" "$(pgrep -f "nginx: worker process" | head -n 1)")
  cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
  step "wrk -t1 -c32 -d$duration, ${COURSES:-10000} courses: one server straight, then two behind nginx"
  printf '%-12s %-22s %8s %8s %8s %8s %7s  %s\n' page target "req/s" "p50 ms" "p95 ms" "p99 ms" errors "CPU: server 1 / server 2 / nginx (of the run's ticks)"
  for page in "/courses" "$course_path"; do
    for target in "one server|http://127.0.0.1:${app_ports[0]}" "two + nginx|http://127.0.0.1:$front_port"; do
      local before=() after=() pid
      for pid in "${pids[@]}"; do before+=("$(cpu_ticks "$pid")"); done
      local result
      result="$(wrk -t1 -c32 -d"$duration" -s "$dir/percentiles.lua" "${target#*|}$page" | awk '/^BENCH/ { print $2, $3, $4, $5, $6 }')"
      for pid in "${pids[@]}"; do after+=("$(cpu_ticks "$pid")"); done
      local split
      split="$(awk -v s1=$(( after[0] - before[0] )) -v s2=$(( after[1] - before[1] )) -v n=$(( after[2] - before[2] )) \
        'BEGIN { printf "%.1f s / %.1f s / %.1f s", s1 / 100, s2 / 100, n / 100 }')"
      read -r rate p50 p95 p99 errors <<<"$result"
      printf '%-12s %-22s %8s %8s %8s %8s %7s  %s\n' "${page:0:12}" "${target%%|*}" "$rate" "$p50" "$p95" "$p99" "$errors" "$split"
    done
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  test)
    trap stop EXIT
    # Every end-to-end test signs in from 127.0.0.1 (the per-account limit stays at 5/min).
    export SIGN_IN_ATTEMPTS_PER_ADDRESS=1000
    start
    step "end-to-end: sign-in, enrolment and language specs through nginx and two servers"
    (cd end2end && BASE_URL="http://127.0.0.1:$front_port" SERVER_LOG="$dir/server-${app_ports[0]}.log" \
      npx playwright test accounts.spec.ts enrolment.spec.ts language.spec.ts)
    scripts/cluster-checks.sh "http://127.0.0.1:$front_port" "$dir" "${app_ports[@]}"
    if errors="$(cat "$dir"/server-*.log | sed 's/\x1b\[[0-9;]*m//g' | grep -E '(^|[[:space:]])ERROR([[:space:]]|$)|panicked at')"; then
      echo "cluster: the servers logged errors:" >&2
      echo "$errors" >&2
      exit 1
    fi
    ;;
  bench) bench ;;
  *) echo "usage: scripts/cluster.sh start|stop|test|bench" >&2; exit 2 ;;
esac
