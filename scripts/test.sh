#!/usr/bin/env bash
# Runs every test: formatting and lints, unit and database tests (SQLite and PostgreSQL), then a
# release build exercised end to end in Chromium. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

scripts/bootstrap.sh --with-browser

step "cargo fmt --check"
cargo fmt --check

step "every text in locales/ is used"
scripts/unused-locale-keys.sh

step "cargo clippy (server and client)"
cargo clippy --release --features ssr --all-targets -- -D warnings
cargo clippy --release --features hydrate --lib --target wasm32-unknown-unknown -- -D warnings

# PostgreSQL: required in CI, optional (and loudly skipped) elsewhere.
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
if pg_isready -q -d "$TEST_POSTGRES_URL" 2>/dev/null || psql "$TEST_POSTGRES_URL" -qtAc 'select 1' >/dev/null 2>&1; then
  step "PostgreSQL reachable at $TEST_POSTGRES_URL: database tests run on SQLite and PostgreSQL"
elif [[ "${CI:-}" == "true" ]]; then
  echo "CI: PostgreSQL is not reachable at $TEST_POSTGRES_URL" >&2
  exit 1
else
  unset TEST_POSTGRES_URL
  printf '\n\033[1;33m!! PostgreSQL not reachable: the PostgreSQL database tests are SKIPPED (SQLite only).\033[0m\n'
fi

step "cargo test (unit and database tests)"
RUSTFLAGS="$SERVER_RUSTFLAGS" cargo test --release --features ssr

step "cargo leptos build --release"
leptos_release_build

step "end-to-end tests in Chromium"
e2e_dir="$(mktemp -d)"
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
if ! (cd end2end && BASE_URL="http://$LEPTOS_SITE_ADDR" npx playwright test) | tee "$e2e_dir/playwright.log"; then
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
# Two app servers on PostgreSQL behind nginx (needs PostgreSQL; skipped loudly without it).
if [[ -n "${TEST_POSTGRES_URL:-}" ]]; then
  step "several servers: two app servers on PostgreSQL behind nginx (installs nginx and wrk)"
  scripts/cluster.sh test
else
  printf '\n\033[1;33m!! PostgreSQL not reachable: the several-servers check is SKIPPED.\033[0m\n'
fi

# One plain closing line for CI, in the form any runner's summary understands.
e2e_passed="$(grep -oE '[0-9]+ passed' "$e2e_dir/playwright.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)"
echo "end2end: ${e2e_passed} passed, 0 failed"
