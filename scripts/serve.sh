#!/usr/bin/env bash
# Builds the release app, loads the demo data into the SQLite file under data/ (or DATABASE_URL),
# and serves it at http://127.0.0.1:3000 (LEPTOS_SITE_ADDR to change).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

scripts/bootstrap.sh
step "cargo leptos build --release (the first build takes several minutes)"
leptos_release_build
"$SERVER_BIN" seed
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
cat <<MSG

Serving on http://$LEPTOS_SITE_ADDR  (Ctrl+C stops)
Demo accounts (demo only, password "demo-password"):
  admin@demo.kz  staff@demo.kz  mentor@demo.kz  resident@demo.kz
MSG
exec "$SERVER_BIN" serve
