#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS each, default 30) with libFuzzer via cargo-fuzz.
#
# An input that takes longer than FUZZ_TIMEOUT seconds (default 5; the slowest legitimate 64 KB input takes well
# under a second) is a finding, as a crash is (issue 18: no input may make the work blow up). Findings are saved in
# fuzz/artifacts/<target>/ (crash-*, timeout-*, oom-*); copy each into tests/fixtures/fuzz/<target>/ so that
# tests/fuzzed.rs replays it on every test run, and fix it.
#
# Seeds are read where they live, never copied into fuzz/: the list fixtures (tests/fixtures/lists), the order
# and name cases (tests/cases), the regression inputs (tests/fixtures/fuzz/<target>), snapshots of the list
# fixtures made by the CLI, and inputs generated here that are costly by shape (long tokens, many aliases, chains of
# "a.k.a." and legal forms). What the fuzzer adds goes to target/fuzz-corpus/<target>, outside the repository.
# Uses stable Rust with RUSTC_BOOTSTRAP=1 for the sanitizer flags, so no nightly toolchain is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
seconds="${FUZZ_SECONDS:-30}"
timeout="${FUZZ_TIMEOUT:-5}"
export RUSTC_BOOTSTRAP=1
work="${CARGO_TARGET_DIR:-$PWD/target}"
seeds="$work/fuzz-seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{list_parse,match_names,order_screen,snapshot_load}

# Inputs costly by shape, about 60 KB each (under -max_len).
rep() { # rep UNIT BYTES: UNIT repeated to BYTES bytes
  local s="$1"
  while [ ${#s} -lt "$2" ]; do s="$s$s"; done
  printf '%s' "${s:0:$2}"
}
csl_header='_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids'
csl_row() { # csl_row NAME ALIASES
  printf '1,Entity List (EL) - Bureau of Industry and Security,,,,"%s",,,,,,,,,,,,,,,,,"%s",,,,,,\n' "$1" "$2"
}
for shape in "abcdefghij" "Alfa Trading aka " "Alfa Institute, and subordinate entity " "Alfa Ltd " "Mr " "Alfa (Bravo) "; do
  name=$(rep "$shape" 60000)
  id=$(printf '%s' "$shape" | tr -c 'A-Za-z' '-' | tr -s '-')
  { echo "$csl_header"; csl_row "$name" ""; } > "$seeds/list_parse/csl-$id.csv"
  printf '%s' "$name" > "$seeds/match_names/$id.txt"
  printf 'Buyer: %s\nConsignee: Example Trading\n' "$(rep "$shape" 30000)" > "$seeds/order_screen/buyer-$id.txt"
done
aliases=$(for i in $(seq 1 3000); do printf 'Alias %d Trading; ' "$i"; done)
{ echo "$csl_header"; csl_row "Example Trading" "${aliases:0:60000}"; } > "$seeds/list_parse/csl-many-aliases.csv"
for i in $(seq 1 2000); do printf '90010,%d,"aka","ALIAS %d TRADING",-0- \n' "$i" "$i"; done \
  > "$seeds/list_parse/alt-many-aliases.csv"
# Snapshots of the list fixtures, without the magic and version the target adds itself.
cargo run --quiet --release --bin export-screen -- --no-demo \
  --list tests/fixtures/lists/example_csl.csv --list tests/fixtures/lists/example_un.xml snapshot "$seeds/snapshots" >/dev/null 2>&1
for f in "$seeds"/snapshots/*.esnap; do tail -c +28 "$f" > "$seeds/snapshot_load/$(basename "$f")"; done

# The seed directories of each target (read-only for libFuzzer: only the first corpus directory is written to).
seed_dirs() {
  local dirs=("$seeds/$1")
  [ -d "tests/fixtures/fuzz/$1" ] && dirs+=("tests/fixtures/fuzz/$1")
  case "$1" in
    list_parse) dirs+=(tests/fixtures/lists) ;;
    order_screen) dirs+=(tests/cases/orders) ;;
    match_names) dirs+=(tests/cases) ;;
  esac
  printf '%s\n' "${dirs[@]}"
}

targets=$(cd fuzz && cargo fuzz list)
found=0
for t in $targets; do
  mkdir -p "$work/fuzz-corpus/$t"
  mapfile -t dirs < <(seed_dirs "$t")
  echo "fuzz: $t for ${seconds}s (at most ${timeout}s per input; seeds: ${dirs[*]})"
  cargo fuzz run --sanitizer none "$t" "$work/fuzz-corpus/$t" "${dirs[@]}" -- -max_total_time="$seconds" \
    -timeout="$timeout" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E "stat::number_of_executed_units|stat::new_units_added|SUMMARY|panicked|ERROR|Done|timeout" || true
  # Every finding of any kind (one `ls` over the four patterns failed whenever one of them matched nothing, so a lone
  # timeout-* was never reported).
  findings=$(compgen -G "fuzz/artifacts/$t/crash-*"; compgen -G "fuzz/artifacts/$t/timeout-*";
    compgen -G "fuzz/artifacts/$t/oom-*"; compgen -G "fuzz/artifacts/$t/slow-unit-*") || true
  if [ -n "$findings" ]; then
    echo "fuzz: $t found: $(echo "$findings" | tr '\n' ' ')"
    found=1
  fi
done
if [ "$found" -ne 0 ]; then
  echo "fuzz: findings above: copy each into tests/fixtures/fuzz/<target>/ (tests/fuzzed.rs replays them) and fix it"
  exit 1
fi
echo "fuzz: no crashes, no input over ${timeout}s"
