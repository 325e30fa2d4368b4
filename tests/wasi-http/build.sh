#!/usr/bin/env bash
# Builds the wasi:http/proxy test component (src/echo.rs) into OUT_DIR/echo.wasm, for
# `ferry serve` against `wasmtime serve` (tests/wasi/serve.test.mjs), and the outgoing-HTTP
# client program (src/bin/http-client.rs) into OUT_DIR/http-client.wasm, for `ferry run`
# (tests/wasi/run.test.mjs) and Chromium (tests/browser/wasi.test.mjs) against `wasmtime run`. Needs cargo with the
# wasm32-wasip2 target (added here if missing); wit-bindgen comes from the cargo cache
# (the version tests/components pins). The target dir is $CARGO_TARGET_DIR/wasi-http-programs.
set -euo pipefail

source "$(dirname "$0")/../build-common.sh"
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target}/wasi-http-programs
release=$target_dir/wasm32-wasip2/release

ensure_rust_target wasm32-wasip2
(cd "$here" && cargo build --quiet --release --locked --target wasm32-wasip2 --target-dir "$target_dir")

copy_if_changed "$release/echo.wasm" "$out/echo.wasm"
copy_if_changed "$release/http-client.wasm" "$out/http-client.wasm"
echo "wasi:http test components in $out: echo, http-client"
