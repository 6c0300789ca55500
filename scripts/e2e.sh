#!/usr/bin/env bash
# Release build, then the end-to-end tests in Chromium against it on a fresh seeded SQLite database
# (part of scripts/test.sh).
# Usage: scripts/e2e.sh [playwright arguments...]   (E2E_DIR: where the database, server log and
# playwright.log go; a new temporary directory by default)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

step "cargo leptos build --release"
leptos_release_build

step "end-to-end tests in Chromium"
e2e_dir="${E2E_DIR:-$(mktemp -d)}"
port=3107
export DATABASE_URL="sqlite://$e2e_dir/e2e.db?mode=rwc"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
# The address the browser uses: absolute links and the same-origin check compare with it.
export PUBLIC_URL="http://$LEPTOS_SITE_ADDR"
# Every end-to-end test signs in or registers from 127.0.0.1; the per-account limit stays at 5/min.
export SIGN_IN_ATTEMPTS_PER_ADDRESS=1000
# The tests read the server log too: an ERROR logged during a test fails that test.
export SERVER_LOG="$e2e_dir/server.log"
"$SERVER_BIN" seed >/dev/null
"$SERVER_BIN" serve >"$SERVER_LOG" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://$LEPTOS_SITE_ADDR/" >/dev/null && break
  sleep 0.2
done
if ! (cd end2end && BASE_URL="http://$LEPTOS_SITE_ADDR" npx playwright test "$@") | tee "$e2e_dir/playwright.log"; then
  echo "--- server log ---"; tail -n 50 "$SERVER_LOG"
  exit 1
fi
# An ERROR (or a panic) in the server log fails the run even when every test passed (a server function that
# lost its request, a failed query): the tests saw a page, the log saw what went wrong behind it.
if server_errors="$(sed 's/\x1b\[[0-9;]*m//g' "$SERVER_LOG" | grep -E '(^|[[:space:]])ERROR([[:space:]]|$)|panicked at')"; then
  echo "end2end: the server logged errors during the run:" >&2
  echo "$server_errors" >&2
  exit 1
fi
