#!/usr/bin/env bash
# ferry's main job on the examples in the repo: builds ferry, transpiles examples/add/add.wasm
# into examples/add/out/ and calls the component from Node; then componentizes
# examples/hello-js (JS + WIT) and calls that component from Node too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FERRY_ROOT"
bash scripts/setup.sh --build-only
cargo build --quiet --bin ferry
"$FERRY_BIN" transpile examples/add/add.wasm -o examples/add/out
node examples/add/main.mjs

# The other way: examples/hello-js/app.js and its WIT world into a component, run on Node
# through `ferry transpile` (its WASI imports from this repo's @ferry-wasm/shims).
mkdir -p examples/hello-js/out
"$FERRY_BIN" componentize examples/hello-js/app.js --wit examples/hello-js/world.wit \
  -o examples/hello-js/out/hello.wasm --quiet
"$FERRY_BIN" transpile examples/hello-js/out/hello.wasm -o examples/hello-js/out --name hello >/dev/null
mkdir -p examples/hello-js/out/node_modules/@ferry-wasm
ln -sfn ../../../../../runtime-shims examples/hello-js/out/node_modules/@ferry-wasm/shims
node examples/hello-js/main.mjs
