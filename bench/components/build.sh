#!/usr/bin/env bash
# Builds the benchmark components into OUT_DIR/<name>.wasm:
#   add         small: `add(u32, u32) -> u32` (wit-bindgen)
#   calls       medium: one export per shape of call bench/sections/3-calls.mjs measures
#               (scalars, strings, list<u8>, a record, a variant, a resource method) and a
#               loop over a host import (wit-bindgen)
#   transpiler  large (over 2 MB): ferry's transpiler core as a component (wit-bindgen),
#               built with the `app` profile (see Cargo.toml)
#   wasi-io     a wasi:cli/run command (wasm32-wasip2): writes to stdout, reads a file
# Needs cargo with the wasm32-unknown-unknown and wasm32-wasip2 targets (added if missing)
# and wasm-tools ($WASM_TOOLS, else on PATH). Idempotent and incremental: cargo rebuilds only
# what changed (in $CARGO_TARGET_DIR/bench-components), and a component is rewritten only
# when its bytes change.
#   usage: bash bench/components/build.sh OUT_DIR
set -euo pipefail

source "$(dirname "$0")/../../tests/build-common.sh"
wasm_tools=${WASM_TOOLS:-$(command -v wasm-tools || true)}
[ -n "$wasm_tools" ] || { echo "build.sh: wasm-tools not found (set WASM_TOOLS)" >&2; exit 1; }
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target}/bench-components

ensure_rust_target wasm32-unknown-unknown
ensure_rust_target wasm32-wasip2
cd "$here"
cargo build --quiet --release --locked --target wasm32-unknown-unknown --target-dir "$target_dir" -p add -p calls
cargo build --quiet --profile app --locked --target wasm32-unknown-unknown --target-dir "$target_dir" -p transpiler
cargo build --quiet --release --locked --target wasm32-wasip2 --target-dir "$target_dir" -p wasi-io

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# component NAME CORE: wraps a core module that carries its component type (wit-bindgen's).
component() {
  "$wasm_tools" component new "$2" -o "$tmp/$1.wasm"
  "$wasm_tools" validate "$tmp/$1.wasm"
  copy_if_changed "$tmp/$1.wasm" "$out/$1.wasm"
}

core=$target_dir/wasm32-unknown-unknown/release
component add "$core/add.wasm"
component calls "$core/calls.wasm"
component transpiler "$target_dir/wasm32-unknown-unknown/app/transpiler.wasm"
copy_if_changed "$target_dir/wasm32-wasip2/release/wasi-io.wasm" "$out/wasi-io.wasm"

echo "benchmark components in $out: add calls transpiler wasi-io"
