#!/usr/bin/env bash
# Builds pkg/ (the committed wasm-bindgen --target web output) reproducibly:
#   cargo (wasm32, release, remapped paths) -> wasm-bindgen (pinned, = Cargo.lock) -> wasm-opt -Oz (npm binaryen 132).
# Needs the toolchain from scripts/setup-toolchain.sh.
#   --bench   builds instead target/bench-pkg/: the same module with the `bench` feature (benchBruteForce, the
#             brute-force baseline benches/*.mjs compare with), which the page's pkg/ leaves out.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

out=pkg
features=()
if [ "${1:-}" = "--bench" ]; then
  out="${CARGO_TARGET_DIR:-target}/bench-pkg"
  features=(--features bench)
fi

want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
  echo "build: wasm-bindgen $want is pinned in Cargo.lock but '${have:-none}' is installed; run scripts/setup-toolchain.sh --lock Cargo.lock" >&2
  exit 1
fi

# panic=abort for the wasm only: in Cargo.toml's release profile it made `cargo test --release` build the cdylib
# twice (abort for binaries, unwind for tests) into one file name, and the two builds overwrote each other.
# opt-level "z" for the wasm only: the gzipped wasm must stay within 700 KB (the brief's budget), and "z" takes about
# 90 KB (11%) off it (786 -> 696 KB with the bench feature, 2026-12-06). It costs speed: against "s", CSL load 1.6x
# the CPU time, screening 1.4-1.9x slower (benches/ab.mjs, both builds in one Node process). Measured and not
# enough: every dependency at "z" with our crate at "s" is no smaller (786 KB: the code is ours, or generic code
# instantiated in our crate); LLVM's inliner at threshold 50 under "z" (-C llvm-args=-inline-threshold=50) gets
# screening close to "s" but is 736 KB. docs/performance.md has the figures. Native builds stay at Cargo.toml's "s".
cargo build --quiet --locked --release --target wasm32-unknown-unknown --lib --config 'profile.release.panic="abort"' \
  --config 'profile.release.opt-level="z"' ${features[@]+"${features[@]}"}
wasm-bindgen --target web --out-dir "$out" "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/export_screen.wasm"
# --low-memory-unused: nothing lives in the wasm's first 1 KB (rustc's wasm32 layout puts the 1 MiB stack at
# 0..1 MiB, growing down from __stack_pointer, and data from 1 MiB on), which lets wasm-opt fold constant addresses
# into load/store offsets; only a stack overflow would reach that 1 KB, and it corrupts memory with or without this
# flag. -4.7 KB gzipped. --converge repeats -Oz until the module stops shrinking: -0.6 KB gzipped. The producers and
# target-features sections are tooling notes no engine reads: -0.2 KB gzipped. Not used: --ignore-implicit-traps
# (-0.4 KB gzipped) lets wasm-opt execute a load that the source guards by a condition (an `if` made a `select`), and
# such a load can reach past the end of memory and trap where the program would not have.
wasm-opt -Oz --converge --low-memory-unused --strip-producers --strip-target-features --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-multivalue --enable-mutable-globals "$out/export_screen_bg.wasm" -o "$out/export_screen_bg.wasm"
if [ "$out" != pkg ]; then
  echo "build: $out/export_screen_bg.wasm $(stat -c %s "$out/export_screen_bg.wasm") bytes (with the bench feature)"
  exit 0
fi
rm -f pkg/.gitignore
# wasm-bindgen declares every parameter required; the options objects are optional (src/wasm.rs takes Option).
sed -i -e 's/^\(    loadList(bytes: Uint8Array | number\[\], \)opts: LoadOptions)/\1opts?: LoadOptions)/' \
  -e 's/^\(    constructor(\)config: Config)/\1config?: Config)/' \
  -e "s/^\(export function matchNames(a: string, b: string, \)opts: /\1opts?: /" pkg/export_screen.d.ts
node scripts/package-json.mjs   # pkg/package.json from Cargo.toml (npm: main, types, files)
raw=$(stat -c %s pkg/export_screen_bg.wasm)
gz=$(gzip -9 -c pkg/export_screen_bg.wasm | wc -c)
node scripts/build-single.mjs   # dist/export-screen.html: the page as one offline file (www/ + pkg/ inlined)
# The page's wasm is served gzipped and must stay within this budget; checked last, so pkg/ and dist/ are there to
# inspect when it fails. Issue 13 asks for at most 700,000 bytes, and that is the budget: never raise it. The
# embedded data read struct by struct took it from 705,593 to 681,373; identifiers as evidence and the matcher and
# parser work brought it back to 699,897; the embedded data and tables packed with PPMd instead of LZMA took 11.6 KB
# out (694,412 with main of 2026-12-06 19:45); CSV and SHA-256 by two small modules of our own instead of the csv and
# sha2 crates took 11.4 KB out (695,905 -> 684,495; docs/performance.md, "Size"); the embedded data read by the
# crate's own FromData instead of serde's derived readers took 15.3 KB out (697,772 -> 682,449). The sorts through one
# instance, one Vec reader loop and the crate's own decimal parser instead of core's (its 10 KB table) took 21.2 KB out
# (698,364 -> 677,199). Take bytes out before adding any.
max_gz=700000
echo "build: pkg/export_screen_bg.wasm $raw bytes ($gz gzipped, at most $max_gz)"
if [ "$gz" -gt "$max_gz" ]; then
  echo "build: the gzipped wasm is $gz bytes, over the budget of $max_gz: find what grew (twiggy top on a build" \
    "without wasm-opt's stripping) before raising it" >&2
  exit 1
fi
