# Shared settings for the project's scripts; sourced, not run.
export CARGO_LEPTOS_VERSION=0.3.10
export BINARYEN_VERSION=132.0.0
export TWIGGY_VERSION=0.8.0
# Tools and build output live outside the clone, so a fresh clone on the same machine reuses them.
export TOOLS_DIR="${TOOLS_DIR:-$HOME/.cache/almaty-youth-centres/tools}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/almaty-youth-centres/target}"
export PATH="${CARGO_INSTALL_ROOT:-$HOME/.cargo}/bin:$TOOLS_DIR/node_modules/.bin:$PATH"
# Runtime settings of the Leptos server (cargo-leptos sets these only for its own `serve`).
export LEPTOS_OUTPUT_NAME=youth_centres
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_ENV="${LEPTOS_ENV:-PROD}"
export SERVER_BIN="$CARGO_TARGET_DIR/release/youth_centres"
# cargo-leptos compiles the server with `--cfg erase_components` (`always-erase-components` in
# Cargo.toml), so its pages match the client's views. `cargo test --release` builds that same binary:
# with other flags it would replace the served one with a server whose pages fail to hydrate, and
# compile every dependency a second time.
export SERVER_RUSTFLAGS="--cfg erase_components"

# Prints a step header with the elapsed time, so slow steps are visible.
SECONDS_AT_START="${SECONDS_AT_START:-$(date +%s)}"
export SECONDS_AT_START
step() { printf '\n\033[1m==> [%4ss] %s\033[0m\n' "$(( $(date +%s) - SECONDS_AT_START ))" "$*"; }

# Release build of server + client. cargo-leptos 0.3.10 once failed on a first build while reading
# its own fresh output (an empty "Error:" from ext/fs.rs); a second run, with everything compiled, passes.
# `--precompress` writes .br and .gz copies of the client's files, which the server sends as they are;
# `--split` puts each lazy island's code in a file of its own, fetched by the pages that show it.
leptos_release_build() {
  cargo leptos build --release --precompress --split && return 0
  echo "cargo leptos build failed; retrying once" >&2
  cargo leptos build --release --precompress --split
}
