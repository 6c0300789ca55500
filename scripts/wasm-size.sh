#!/usr/bin/env bash
# What the client's WASM is made of: each built file's size raw, gzip and brotli (the main module is
# what every visitor downloads; split_* are lazy islands, chunk_* code they share), then twiggy's largest
# items and crates in the whole client as the compiler left it (names kept; wasm-opt strips them later).
# Needs a release build (`cargo leptos build --release --split`) and twiggy (bootstrap --with-bench).
# Usage: scripts/wasm-size.sh [number of items to list, default 25]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
top="${1:-25}"
pkg="$LEPTOS_SITE_ROOT/$LEPTOS_SITE_PKG_DIR"
[[ -d "$pkg" ]] || { echo "no build in $pkg: run cargo leptos build --release --split first" >&2; exit 1; }
have_twiggy=true
command -v twiggy >/dev/null || { have_twiggy=false; echo "twiggy not installed (scripts/bootstrap.sh --with-bench): sizes only" >&2; }

kb() { echo "$(( ($1 + 512) / 1024 ))"; }
# Prints one row: a label, then the raw size of its files and of the .gz and .br copies the build wrote.
row() {
  local label="$1" raw=0 gz=0 br=0 file
  shift
  for file in "$@"; do
    [[ -f "$file" ]] || continue
    raw=$(( raw + $(stat -c %s "$file") ))
    [[ -f "$file.gz" ]] && gz=$(( gz + $(stat -c %s "$file.gz") ))
    [[ -f "$file.br" ]] && br=$(( br + $(stat -c %s "$file.br") ))
  done
  printf '%-52s %8s %8s %8s\n' "$label" "$(kb "$raw")" "$(kb "$gz")" "$(kb "$br")"
}
printf '%-52s %8s %8s %8s\n' "file" "raw KB" "gzip KB" "br KB"
for file in "$pkg/$LEPTOS_OUTPUT_NAME".*.wasm "$pkg/$LEPTOS_OUTPUT_NAME".*.js "$pkg"/__wasm_split.*.js; do
  row "$(basename "$file")" "$file"
done
shopt -s nullglob
split_files=("$pkg"/split_*.wasm)
chunk_files=("$pkg"/chunk_*.wasm)
row "${#split_files[@]} lazy islands (split_*.wasm), together" "${split_files[@]}"
row "${#chunk_files[@]} shared chunks (chunk_*.wasm), together" "${chunk_files[@]}"

compiled="$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/$LEPTOS_OUTPUT_NAME.wasm"
if $have_twiggy && [[ -f "$compiled" ]]; then
  echo
  echo "== largest items in the whole client ($compiled, before splitting and wasm-opt)"
  twiggy top -n "$top" "$compiled" | grep -v -e "function names" -e "custom section"
  echo
  echo "== by crate (generic code counted in the crate that defines it; names and custom sections left out)"
  twiggy top -n 1000000 --format json "$compiled" | python3 -c '
import collections, json, re, sys
sizes = collections.Counter()
for item in json.load(sys.stdin):
    name = item["name"]
    if "function names" in name or name.startswith("custom section") or name.startswith("export "):
        continue
    # "<T as tachys::view::Render>::build" belongs to the crate of the trait, "serde_json::to_string" to its own.
    crate = re.match(r"^<[^<>]* as &?([a-z_][a-z0-9_]*)::", name) or re.match(r"^<?&?(?:mut )?(?:dyn )?([a-z_][a-z0-9_]*)::", name)
    sizes[crate.group(1) if crate else ("data" if name.startswith("data") else "other")] += item["shallow_size"]
print(f"{sum(sizes.values()) // 1024:8d} KB  in all")
for crate, size in sizes.most_common(int(sys.argv[1])):
    print(f"{size // 1024:8d} KB  {crate}")
' "$top"
fi
