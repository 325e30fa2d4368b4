#!/usr/bin/env bash
# ferry's main job on the example in the repo: builds ferry, transpiles examples/add/add.wasm
# into examples/add/out/ and calls the component from Node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FERRY_ROOT"
cargo build --quiet --bin ferry
"$FERRY_BIN" transpile examples/add/add.wasm -o examples/add/out
node examples/add/main.mjs
