#!/usr/bin/env bash
# Installs whatever the build and the tests need and is not on this machine yet.
# Idempotent: every step checks first and is skipped when already satisfied.
# Usage: scripts/bootstrap.sh [--with-browser] [--with-bench]
#   --with-browser  also installs Chromium and the end2end npm packages (needed by the tests)
#   --with-bench    also installs nginx and wrk (needed by scripts/bench-http.sh) and twiggy
#                   (what takes the room in the client's WASM: scripts/wasm-size.sh)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$here/scripts/env.sh"

with_browser=false
with_bench=false
for option in "$@"; do
  case "$option" in
    --with-browser) with_browser=true ;;
    --with-bench) with_bench=true ;;
    *) echo "unknown option: $option" >&2; exit 2 ;;
  esac
done

have() { command -v "$1" >/dev/null 2>&1; }

apt_updated=false
apt_install() {
  if ! $apt_updated; then
    step "apt-get update"
    apt-get update -qq
    apt_updated=true
  fi
  step "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# 1. The WASM target for the hydrating client.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos, pinned: 0.3.11 needs a newer rustc than this machine has.
#    Its release profile uses fat LTO (~26 min on 2 cores); thin codegen is enough for a build tool.
if ! have cargo-leptos || ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  step "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (about 8 minutes on 2 cores, once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# 3. wasm-bindgen-cli must match the wasm-bindgen library in Cargo.lock exactly.
wb_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$here/Cargo.lock")"
if ! have wasm-bindgen || ! wasm-bindgen --version | grep -q " $wb_version\$"; then
  step "cargo install wasm-bindgen-cli $wb_version (about 8 minutes on 2 cores, once)"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# 4. wasm-opt from npm's binaryen: Debian's wasm-opt 108 emits WASM that fails to hydrate.
if [[ ! -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]]; then
  step "npm install binaryen@$BINARYEN_VERSION into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi

if $with_browser; then
  # 5. Chromium for the end-to-end tests (never a browser download by a test tool).
  if [[ ! -x /usr/bin/chromium ]]; then
    apt_install chromium chromium-driver fonts-dejavu-core
  fi
  # 6. Playwright (the library only) for end2end/.
  if [[ ! -d "$here/end2end/node_modules/playwright-core" ]] || [[ "$here/end2end/package-lock.json" -nt "$here/end2end/node_modules/.package-lock.json" ]]; then
    step "npm ci in end2end/"
    (cd "$here/end2end" && npm ci --no-audit --no-fund)
  fi
fi

if $with_bench; then
  # 7. The HTTP benchmark's load generator and the static-file baseline it compares with.
  if ! have wrk || [[ ! -x /usr/sbin/nginx ]]; then
    apt_install nginx-light wrk
  fi
  # 8. twiggy, to see which code and data make the client's WASM large.
  if ! have twiggy || ! twiggy --version | grep -q "$TWIGGY_VERSION"; then
    step "cargo install twiggy $TWIGGY_VERSION (about 3 minutes on 2 cores, once)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install twiggy --version "$TWIGGY_VERSION" --locked
  fi
fi

step "tools ready: $(cargo leptos --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version 2>/dev/null | head -1)"
