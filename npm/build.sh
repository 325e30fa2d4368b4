#!/usr/bin/env bash
# Builds the npm package's Wasm core into npm/dist/: the crate npm/core for
# wasm32-unknown-unknown (cargo profile `npm`: size over speed), then wasm-bindgen-cli (the
# version scripts/setup.sh installs, equal to the crate's wasm-bindgen) for its ES module glue,
# `--target web`: one module for Node and browsers, given the .wasm by src/core.js.
# Prints the size of the .wasm (tests/npm checks its limit).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"

out="$FERRY_ROOT/npm/dist"
wasm_bindgen="$FERRY_CARGO_TOOLS/bin/wasm-bindgen"
[ -x "$wasm_bindgen" ] || { echo "npm/build.sh: $wasm_bindgen is missing: run scripts/setup.sh" >&2; exit 1; }

cargo build --quiet -p ferry-npm-core --target wasm32-unknown-unknown --profile npm \
  --manifest-path "$FERRY_ROOT/Cargo.toml"
rm -rf "$out"
"$wasm_bindgen" --target web --no-typescript --out-dir "$out" --out-name ferry_core \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/npm/ferry_npm_core.wasm"
echo "npm/build.sh: $out/ferry_core_bg.wasm: $(stat -c %s "$out/ferry_core_bg.wasm") bytes"
