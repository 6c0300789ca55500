#!/usr/bin/env bash
# Lists the keys of locales/en.json that no Rust source uses and fails when there is one: a text
# nobody shows still gets translated and reviewed, and may promise a feature that is not there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
unused=0
for key in $(grep -oE '^  "[A-Za-z0-9_]+":' locales/en.json | tr -d ' ":'); do
  if ! grep -rqw --include='*.rs' -- "$key" src; then
    echo "locales/en.json: unused key \"$key\"" >&2
    unused=1
  fi
done
exit "$unused"
