#!/usr/bin/env bash
# Runs every benchmark and writes BENCHMARKS.md: native (criterion), the built wasm under Node and in headless
# Chromium, with the brute-force baseline in the same runs; batch throughput for two workloads (the names of
# benches/queries.txt, mostly listed-looking, and 10,000 SEC company names as a customer file) on one thread, in 1
# and 2 Web Workers, and through the page's own batch UI end to end. Needs ../shared/lists for the list figures
# (the SEC workload is skipped without ../shared/lists/companies) and the toolchain from
# scripts/setup-toolchain.sh (pkg/ is rebuilt first so the figures are for the current source; the benchmarks run
# target/bench-pkg/, the same build with the brute-force baseline, and report pkg/'s size).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out=target/bench
mkdir -p "$out"
bash scripts/build.sh
bash scripts/build.sh --bench   # target/bench-pkg/: pkg/ plus benchBruteForce, the baseline benches/*.mjs compare with
cargo bench --locked --bench screening -- --noplot 2>&1 | tee "$out/criterion.txt" | grep -E "time:|^csl|skipping" || true
node benches/wasm-bench.mjs --json "$out/node.json"
node benches/browser-bench.mjs --json "$out/chromium.json"
node benches/render.mjs "$out" > BENCHMARKS.md
echo "bench: wrote BENCHMARKS.md"
