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

e2e_dir="$(mktemp -d)"
E2E_DIR="$e2e_dir" scripts/e2e.sh
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
