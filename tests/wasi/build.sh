#!/usr/bin/env bash
# Builds the WASI test programs into OUT_DIR/<name>.wasm: each src/bin/<name>.rs, built for
# wasm32-wasip2, whose binaries are already components exporting wasi:cli/run (see README.md):
#   args-env  stdio  exit-codes  fs  sandbox  clocks-random  net
# Needs cargo with the wasm32-wasip2 target (added here if missing). Idempotent: cargo
# rebuilds only what changed; the target dir is $CARGO_TARGET_DIR/wasi-programs.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target}/wasi-programs
release=$target_dir/wasm32-wasip2/release
programs=(args-env stdio exit-codes fs sandbox clocks-random net)

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-wasip2; then
  rustup target add wasm32-wasip2
fi
(cd "$here" && cargo build --quiet --release --locked --target wasm32-wasip2 --target-dir "$target_dir")

for p in "${programs[@]}"; do
  # Copy only what changed, through a temporary name: a reader never sees half a file.
  if ! cmp -s "$release/$p.wasm" "$out/$p.wasm"; then
    cp "$release/$p.wasm" "$out/.$p.wasm.tmp"
    mv "$out/.$p.wasm.tmp" "$out/$p.wasm"
  fi
done

echo "WASI test programs in $out: ${programs[*]}"
