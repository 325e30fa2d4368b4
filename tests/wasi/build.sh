#!/usr/bin/env bash
# Builds the WASI test programs into OUT_DIR/<name>.wasm: each src/bin/<name>.rs, built for
# wasm32-wasip2, whose binaries are already components exporting wasi:cli/run (see README.md):
#   args-env  stdio  exit-codes  fs  sandbox  clocks-random  net
# Needs cargo with the wasm32-wasip2 target (added here if missing). Idempotent: cargo
# rebuilds only what changed; the target dir is $CARGO_TARGET_DIR/wasi-programs.
set -euo pipefail

source "$(dirname "$0")/../build-common.sh"
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target}/wasi-programs
release=$target_dir/wasm32-wasip2/release
programs=(args-env stdio exit-codes fs sandbox clocks-random net)

ensure_rust_target wasm32-wasip2
(cd "$here" && cargo build --quiet --release --locked --target wasm32-wasip2 --target-dir "$target_dir")

for p in "${programs[@]}"; do
  copy_if_changed "$release/$p.wasm" "$out/$p.wasm"
done

echo "WASI test programs in $out: ${programs[*]}"
