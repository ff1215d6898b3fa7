#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS each, default 30) with libFuzzer via cargo-fuzz.
# The corpus lives in fuzz/corpus/<target> (committed seeds: small hand-written fixtures); any crash is saved in
# fuzz/artifacts/<target> and should become a regression test. Uses stable Rust with RUSTC_BOOTSTRAP=1 for the
# sanitizer flags, so no nightly toolchain is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
seconds="${FUZZ_SECONDS:-30}"
export RUSTC_BOOTSTRAP=1
targets=$(cd fuzz && cargo fuzz list)
for t in $targets; do
  mkdir -p "fuzz/corpus/$t"
  echo "fuzz: $t for ${seconds}s"
  cargo fuzz run --sanitizer none "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|stat::new_units_added|SUMMARY|panicked|ERROR|Done" || true
  if ls "fuzz/artifacts/$t"/crash-* >/dev/null 2>&1; then echo "fuzz: $t found a crash: $(ls fuzz/artifacts/$t/crash-*)"; exit 1; fi
done
echo "fuzz: no crashes"
