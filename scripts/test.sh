#!/usr/bin/env bash
# Installs whatever is missing (Rust wasm target, wasm-bindgen-cli = Cargo.lock, npm binaryen, Chromium +
# chromedriver, playwright-core) and runs every test: format, clippy, native tests, pkg/ reproducibility,
# wasm tests in headless Chromium, the JS API in Node, the page in Chromium (playwright-core), the held-out order
# corpus report, and the evaluation reports (name matching; listed names written into order prose). Every step
# runs; the script fails if any failed. `.ci/run` calls this.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-toolchain.sh --lock Cargo.lock --quiet || { echo "test: toolchain setup failed" >&2; exit 1; }
source scripts/env.sh
rustup component add rustfmt clippy >/dev/null 2>&1 || true
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "test: npm ci failed" >&2; exit 1; }
fi

passed=0; failed=0; failures=()
step() {
  local name="$1"; shift
  local t0=$SECONDS
  echo "::: $name"
  if "$@"; then
    passed=$((passed + 1)); echo "::: $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "::: $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

pkg_reproducible() {
  bash scripts/build.sh || return 1
  if git rev-parse --git-dir >/dev/null 2>&1; then
    if [ -n "$(git status --porcelain -- pkg dist)" ]; then
      echo "pkg/ or dist/ differs from the committed build output: run scripts/build.sh (dist/ alone: node scripts/build-single.mjs) and commit them" >&2
      git status --short -- pkg dist >&2
      return 1
    fi
  fi
}

eval_report() {
  if [ ! -d ../shared/lists ]; then
    if [ -n "${CI:-}" ]; then echo "eval: ../shared/lists is missing in CI" >&2; return 1; fi
    echo "eval: skipped (../shared/lists not found beside the checkout)"; return 0
  fi
  local rc=0
  # The clean customers' person names come from Faker's locale tables (written by its contributors, not by us).
  python3 -c "import faker, sys; sys.exit(faker.VERSION != '40.54.0')" 2>/dev/null ||
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "Faker==40.54.0" ||
    { echo "eval: pip install Faker==40.54.0 failed" >&2; return 1; }
  # EVAL_SETS=aliases,customers,generated (any of them) builds and runs only those sets.
  local sets=(); [ -n "${EVAL_SETS:-}" ] && sets=(--sets "$EVAL_SETS")
  python3 scripts/eval/build_eval.py target/eval "${sets[@]}" &&
    cargo run --quiet --locked --release --bin eval -- target/eval "${sets[@]}" || rc=1
  # Listed names written into order prose (issue 14): generated into target/prose, screened with screen_order.
  python3 scripts/eval/build_prose.py target/prose &&
    cargo run --quiet --locked --release --bin eval_orders -- target/prose || rc=1
  return "$rc"
}

# House style: no source file over 1,000 lines (split by stage or by layout instead).
file_lengths() {
  local long
  long=$(git ls-files -- 'src/*.rs' 'src/**/*.rs' 'tests/*.rs' 'tests/**/*.rs' 'www/*.js' 'tests/*.mjs' 'tests/**/*.mjs' \
           'scripts/*.sh' 'scripts/**/*.py' 'scripts/*.mjs' 'build.rs' 'build/*.rs' 2>/dev/null |
         xargs -r wc -l | awk '$2 != "total" && $1 > 1000 {print "  " $2 ": " $1 " lines"}')
  if [ -n "$long" ]; then echo "source files over 1,000 lines:"; echo "$long"; return 1; fi
  echo "no source file over 1,000 lines"
}

# The order corpus: accuracy on the held-out orders (tests/cases/orders-heldout) by layout and language, counts only.
order_corpus_report() {
  cargo test --quiet --locked --test orders heldout_report -- --nocapture
}

step "rustfmt" cargo fmt --all -- --check
step "file lengths (house style)" file_lengths
step "clippy (native)" cargo clippy --quiet --locked --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy --quiet --locked --target wasm32-unknown-unknown --lib -- -D warnings
step "native tests" cargo test --locked
step "order corpus (held-out report)" order_corpus_report
step "pkg/ reproducible" pkg_reproducible
step "wasm tests (headless Chromium)" cargo test --locked --target wasm32-unknown-unknown --test web
[ -d tests/node ] && step "JS API in Node" node --test tests/node/
[ -d tests/browser ] && ls tests/browser/*.test.mjs >/dev/null 2>&1 && step "page in Chromium (playwright-core)" node --test --test-concurrency=1 tests/browser/
step "matching evaluation (report)" eval_report
step "fuzzing (bounded, ${FUZZ_SECONDS:-20} s per target)" env FUZZ_SECONDS="${FUZZ_SECONDS:-20}" bash scripts/fuzz.sh

echo
if [ "$failed" -gt 0 ]; then echo "failed steps: ${failures[*]}"; fi
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
