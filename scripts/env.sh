# Sourced by the build and test scripts: one place for the flags that make pkg/ reproducible.
# Dependency sources are compiled in with absolute paths (panic locations); remapping them makes the wasm
# independent of CARGO_HOME and of where the checkout lives.
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME_DIR/bin:/usr/local/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$CARGO_HOME_DIR/registry/src=/cargo-registry --remap-path-prefix=$(pwd)=/export-screen"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
