#!/usr/bin/env bash
# Builds the browser example's component, markdown.wasm, from src/ into the directory given
# (default: this one). Needs cargo with the wasm32-unknown-unknown target and wasm-tools
# ($WASM_TOOLS, else PATH).
#   bash examples/browser/build.sh [OUT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
wasm_tools=${WASM_TOOLS:-$(command -v wasm-tools || true)}
[ -n "$wasm_tools" ] || { echo "build.sh: wasm-tools not found (set WASM_TOOLS)" >&2; exit 1; }
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target}/example-browser

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
mkdir -p "$out"
(cd "$here" && cargo build --quiet --release --locked --target wasm32-unknown-unknown --target-dir "$target_dir")
"$wasm_tools" component new "$target_dir/wasm32-unknown-unknown/release/markdown.wasm" -o "$out/markdown.wasm"
"$wasm_tools" validate "$out/markdown.wasm"
echo "built $out/markdown.wasm"
