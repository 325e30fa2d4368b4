#!/usr/bin/env bash
# Builds the wasi:http/proxy test component (src/echo.rs) into OUT_DIR/echo.wasm, for
# `ferry serve` against `wasmtime serve` (tests/wasi/serve.test.mjs). Needs cargo with the
# wasm32-wasip2 target (added here if missing); wit-bindgen comes from the cargo cache
# (the version tests/components pins). The target dir is $CARGO_TARGET_DIR/wasi-http-programs.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target}/wasi-http-programs
release=$target_dir/wasm32-wasip2/release

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-wasip2; then
  rustup target add wasm32-wasip2
fi
(cd "$here" && cargo build --quiet --release --locked --target wasm32-wasip2 --target-dir "$target_dir")

if ! cmp -s "$release/echo.wasm" "$out/echo.wasm"; then
  cp "$release/echo.wasm" "$out/.echo.wasm.tmp"
  mv "$out/.echo.wasm.tmp" "$out/echo.wasm"
fi
echo "wasi:http test component in $out: echo"
