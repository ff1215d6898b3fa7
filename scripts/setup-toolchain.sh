#!/usr/bin/env bash
# Project copy of the verified recipe (shared/tools/setup-wasm-toolchain.sh, checked 2026-11-22); the project
# must build without ../shared, so it keeps its own. Called by scripts/test.sh with --lock Cargo.lock.
# setup-wasm-toolchain.sh — idempotent installer for the Rust -> WebAssembly browser-widget toolchain
# on a Debian 12 (bookworm) machine (root, registries only: crates.io, npm, PyPI, apt).
#
# Installs (each step is skipped when already satisfied):
#   1. rustup target wasm32-unknown-unknown
#   2. wasm-bindgen-cli == the wasm-bindgen version in Cargo.lock (or given as $1 / --wasm-bindgen X.Y.Z)
#      -> wasm-bindgen, wasm-bindgen-test-runner, wasm2es6js in ${CARGO_HOME:-~/.cargo}/bin
#   3. wasm-opt from the npm package `binaryen` (pinned, v132, ~2 s), in its own prefix, wrapper at $BIN_DIR/wasm-opt;
#      or WASM_OPT_FROM=crate: native wasm-opt 116 built from crates.io `wasm-opt` (~12 min on 2 cores).
#      NOT Debian's `binaryen` (v108): its wasm-opt rewrites wasm-bindgen's externref table and the
#      output throws "WebAssembly.Table.set(): Argument 1 is invalid for table" at init.
#   4. Debian chromium + chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver) for
#      wasm-bindgen-test (run_in_browser) and playwright-core e2e tests.
#   5. optional: wasm-pack (WITH_WASM_PACK=1)
#
# Usage:  setup-wasm-toolchain.sh [--wasm-bindgen X.Y.Z] [--lock path/Cargo.lock] [--versions] [--no-browser]
#                                 [--no-wasm-opt] [--with-wasm-pack] [X.Y.Z]
# Env:    WASM_BINDGEN_VERSION, BINARYEN_NPM_VERSION (default 132.0.0), WASM_TOOLS_PREFIX (default /opt/wasm-tools),
#         BIN_DIR (default /usr/local/bin, must come before /usr/bin in PATH), WITH_BROWSER=0|1, WITH_WASM_OPT=0|1,
#         WITH_WASM_PACK=0|1, SHOW_VERSIONS=0|1, LOG_DIR (default /tmp/wasm-toolchain-logs),
#         WASM_OPT_FROM=npm|crate (default npm), WASM_OPT_CRATE_VERSION (default 0.116.1)
# Exit status is non-zero if anything requested could not be installed.
set -euo pipefail

WASM_BINDGEN_VERSION="${WASM_BINDGEN_VERSION:-}"
LOCKFILE="${LOCKFILE:-Cargo.lock}"
BINARYEN_NPM_VERSION="${BINARYEN_NPM_VERSION:-132.0.0}"
WASM_TOOLS_PREFIX="${WASM_TOOLS_PREFIX:-/opt/wasm-tools}"
BIN_DIR="${BIN_DIR:-/usr/local/bin}"
WITH_BROWSER="${WITH_BROWSER:-1}"
WITH_WASM_OPT="${WITH_WASM_OPT:-1}"
WITH_WASM_PACK="${WITH_WASM_PACK:-0}"
SHOW_VERSIONS="${SHOW_VERSIONS:-1}"
LOG_DIR="${LOG_DIR:-/tmp/wasm-toolchain-logs}"
WASM_OPT_FROM="${WASM_OPT_FROM:-npm}"
WASM_OPT_CRATE_VERSION="${WASM_OPT_CRATE_VERSION:-0.116.1}"

while [ $# -gt 0 ]; do
  case "$1" in
    --wasm-bindgen) WASM_BINDGEN_VERSION="$2"; shift 2 ;;
    --lock) LOCKFILE="$2"; shift 2 ;;
    --versions) SHOW_VERSIONS=1; shift ;;
    --quiet) SHOW_VERSIONS=0; shift ;;
    --no-browser) WITH_BROWSER=0; shift ;;
    --no-wasm-opt) WITH_WASM_OPT=0; shift ;;
    --with-wasm-pack) WITH_WASM_PACK=1; shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | grep '^#'; exit 0 ;;
    [0-9]*.[0-9]*.[0-9]*) WASM_BINDGEN_VERSION="$1"; shift ;;
    *) echo "setup-wasm-toolchain: unknown argument: $1" >&2; exit 2 ;;
  esac
done

mkdir -p "$LOG_DIR"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$BIN_DIR:$PATH"
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
T0=$(date +%s)
log() { printf '[setup-wasm %3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- wasm-bindgen version
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  [ -f "$LOCKFILE" ] || die "no wasm-bindgen version given and no $LOCKFILE here (pass X.Y.Z or --lock FILE)"
  WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$LOCKFILE")
  [ -n "$WASM_BINDGEN_VERSION" ] || die "wasm-bindgen not found in $LOCKFILE"
  log "wasm-bindgen version from $LOCKFILE: $WASM_BINDGEN_VERSION"
fi

# ---------------------------------------------------------------- apt (background: I/O bound, overlaps the cargo build)
APT_PID=""
if [ "$WITH_BROWSER" = 1 ]; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v pdftotext >/dev/null; then
    log "chromium + chromium-driver + poppler-utils: already installed"
  else
    log "chromium + chromium-driver + poppler-utils (printed pages read back): installing with apt (background, log $LOG_DIR/apt.log)"
    ( $SUDO apt-get update -q && \
      $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver poppler-utils ) > "$LOG_DIR/apt.log" 2>&1 &
    APT_PID=$!
  fi
fi

# ---------------------------------------------------------------- 1. rust target
installed_targets=$(rustup target list --installed)
if printf '%s\n' "$installed_targets" | grep -qx wasm32-unknown-unknown; then
  log "rustup target wasm32-unknown-unknown: already installed"
else
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# ---------------------------------------------------------------- 2. wasm-bindgen-cli (pinned)
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
have_runner=$(command -v wasm-bindgen-test-runner || true)
if [ "$have_wb" = "$WASM_BINDGEN_VERSION" ] && [ -n "$have_runner" ]; then
  log "wasm-bindgen-cli $WASM_BINDGEN_VERSION: already installed"
else
  log "wasm-bindgen-cli $WASM_BINDGEN_VERSION: cargo install (was: ${have_wb:-none}; ~3 min on 2 cores; log $LOG_DIR/wasm-bindgen-cli.log)"
  # --locked first (reproducible). The crates.io mirror here can lack a version pinned in the
  # package's own lockfile (seen: webpki-roots 1.0.11 for wasm-bindgen-cli 0.2.130) -> retry unlocked.
  if ! cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --locked --force > "$LOG_DIR/wasm-bindgen-cli.log" 2>&1; then
    log "  --locked install failed ($(grep -m1 '^error' "$LOG_DIR/wasm-bindgen-cli.log" || echo '?')); retrying without --locked"
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force >> "$LOG_DIR/wasm-bindgen-cli.log" 2>&1 \
      || { tail -20 "$LOG_DIR/wasm-bindgen-cli.log"; die "cargo install wasm-bindgen-cli failed"; }
  fi
  [ "$(wasm-bindgen --version | awk '{print $2}')" = "$WASM_BINDGEN_VERSION" ] || die "wasm-bindgen version mismatch after install"
fi

# ---------------------------------------------------------------- 3. wasm-opt (binaryen from npm)
if [ "$WITH_WASM_OPT" = 1 ] && [ "$WASM_OPT_FROM" = crate ]; then
  want="wasm-opt version $(echo "$WASM_OPT_CRATE_VERSION" | cut -d. -f2)"
  have_opt=$("$BIN_DIR/wasm-opt" --version 2>/dev/null || true)
  if [ "${have_opt#"$want"}" != "$have_opt" ]; then
    log "wasm-opt (crate $WASM_OPT_CRATE_VERSION): already installed"
  else
    log "wasm-opt: cargo install wasm-opt $WASM_OPT_CRATE_VERSION (builds binaryen C++, ~12 min; log $LOG_DIR/wasm-opt-crate.log)"
    cargo install wasm-opt --version "=$WASM_OPT_CRATE_VERSION" --locked --root "$WASM_TOOLS_PREFIX/crate" > "$LOG_DIR/wasm-opt-crate.log" 2>&1 \
      || { tail -20 "$LOG_DIR/wasm-opt-crate.log"; die "cargo install wasm-opt failed"; }
    $SUDO ln -sf "$WASM_TOOLS_PREFIX/crate/bin/wasm-opt" "$BIN_DIR/wasm-opt"
  fi
elif [ "$WITH_WASM_OPT" = 1 ]; then
  want="wasm-opt version ${BINARYEN_NPM_VERSION%%.*}"
  have_opt=$("$BIN_DIR/wasm-opt" --version 2>/dev/null || true)
  if [ "${have_opt#"$want"}" != "$have_opt" ]; then
    log "wasm-opt (npm binaryen $BINARYEN_NPM_VERSION): already installed"
  else
    log "wasm-opt: npm install binaryen@$BINARYEN_NPM_VERSION into $WASM_TOOLS_PREFIX"
    command -v npm >/dev/null || die "npm not found (Node.js >= 20 needed for npm binaryen)"
    $SUDO mkdir -p "$WASM_TOOLS_PREFIX"
    # Own prefix, NOT `npm -g`: the global prefix here is /usr, so -g would drop wasm-opt into /usr/bin
    # and fight with Debian's binaryen package.
    $SUDO npm install --prefix "$WASM_TOOLS_PREFIX" --no-audit --no-fund --no-save \
      "binaryen@$BINARYEN_NPM_VERSION" > "$LOG_DIR/npm-binaryen.log" 2>&1 \
      || { tail -20 "$LOG_DIR/npm-binaryen.log"; die "npm install binaryen failed"; }
    for t in wasm-opt wasm-dis wasm-as wasm-metadce wasm2js; do
      [ -e "$WASM_TOOLS_PREFIX/node_modules/binaryen/bin/$t" ] || continue
      printf '#!/bin/sh\nexec node "%s" "$@"\n' "$WASM_TOOLS_PREFIX/node_modules/binaryen/bin/$t" | $SUDO tee "$BIN_DIR/$t" >/dev/null
      $SUDO chmod 755 "$BIN_DIR/$t"
    done
    have_opt=$("$BIN_DIR/wasm-opt" --version 2>&1 || true)
    [ "${have_opt#"$want"}" != "$have_opt" ] || die "wasm-opt from npm does not run: $have_opt"
  fi
fi
if [ "$WITH_WASM_OPT" = 1 ]; then
  first=$(command -v wasm-opt || true)
  if [ "$first" != "$BIN_DIR/wasm-opt" ]; then
    log "WARNING: 'wasm-opt' on PATH is $first ($($first --version 2>&1 | head -1)), not $BIN_DIR/wasm-opt."
    log "         wasm-pack uses the first wasm-opt on PATH; Debian binaryen 108 breaks wasm-bindgen output."
  fi
  if [ -x /usr/bin/wasm-opt ] && /usr/bin/wasm-opt --version 2>/dev/null | grep -q 'version 10[0-9]\b'; then
    log "NOTE: Debian binaryen (old wasm-opt in /usr/bin) is installed; it produces broken wasm-bindgen output."
    log "      Remove it (apt-get purge binaryen) or make sure $BIN_DIR comes first on PATH."
  fi
fi

# ---------------------------------------------------------------- 5. wasm-pack (optional)
if [ "$WITH_WASM_PACK" = 1 ]; then
  if command -v wasm-pack >/dev/null; then
    log "wasm-pack: already installed ($(wasm-pack --version))"
  else
    log "wasm-pack: cargo install --locked (~2 min; log $LOG_DIR/wasm-pack.log)"
    cargo install wasm-pack --locked > "$LOG_DIR/wasm-pack.log" 2>&1 \
      || cargo install wasm-pack >> "$LOG_DIR/wasm-pack.log" 2>&1 \
      || { tail -20 "$LOG_DIR/wasm-pack.log"; die "cargo install wasm-pack failed"; }
  fi
fi

# ---------------------------------------------------------------- wait for apt
if [ -n "$APT_PID" ]; then
  if wait "$APT_PID"; then log "chromium + chromium-driver: installed"
  else tail -20 "$LOG_DIR/apt.log"; die "apt-get install chromium chromium-driver poppler-utils failed"; fi
fi

if [ "$SHOW_VERSIONS" = 1 ]; then
  log "done in $(( $(date +%s) - T0 ))s. Versions:"
  { rustc --version
    echo "targets: $(rustup target list --installed | tr '\n' ' ')"
    wasm-bindgen --version
    wasm-bindgen-test-runner --version 2>/dev/null || true
    [ "$WITH_WASM_OPT" = 1 ] && wasm-opt --version
    command -v wasm-pack >/dev/null && wasm-pack --version
    [ "$WITH_BROWSER" = 1 ] && { chromium --version 2>/dev/null; chromedriver --version; }
    node --version
  } 2>&1 | grep -v 'unexpected operator' | sed 's/^/    /'
else
  log "done in $(( $(date +%s) - T0 ))s"
fi
