#!/usr/bin/env bash
# Rebuilds examples/add/add.wasm, the component that the example transpiles.
# Needs cargo with the wasm32-unknown-unknown target and wasm-tools ($WASM_TOOLS, else PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
wasm_tools=${WASM_TOOLS:-$(command -v wasm-tools || true)}
[ -n "$wasm_tools" ] || { echo "build.sh: wasm-tools not found (set WASM_TOOLS)" >&2; exit 1; }
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target}/example-add

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
(cd "$here" && cargo build --quiet --release --locked --target wasm32-unknown-unknown --target-dir "$target_dir")
"$wasm_tools" component new "$target_dir/wasm32-unknown-unknown/release/add.wasm" -o "$here/add.wasm"
"$wasm_tools" validate "$here/add.wasm"
echo "built $here/add.wasm"
