#!/usr/bin/env bash
# The one benchmark command: installs the peers (pinned in bench/package.json), builds ferry
# (release) and the benchmark components, then runs every section and writes BENCHMARKS.md.
#   usage: bash bench/bench.sh [--smoke] [--only id,id] [--out FILE]
# --smoke: one run per contender with the debug ferry the test command builds (scripts/test.sh
# runs it so that no row rots); it writes no report unless --out says where.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$FERRY_ROOT"

bash scripts/setup.sh

smoke=false
for arg in "$@"; do [ "$arg" = --smoke ] && smoke=true; done
if $smoke; then
  cargo build --quiet -p ferry
  ferry_bin="$CARGO_TARGET_DIR/debug/ferry"
else
  cargo build --quiet --release -p ferry
  ferry_bin="$CARGO_TARGET_DIR/release/ferry"
fi

components="$FERRY_CACHE/bench-components"
bash bench/components/build.sh "$components"

FERRY_BENCH_BIN="$ferry_bin" FERRY_BENCH_COMPONENTS="$components" \
  FERRY_BENCH_PYTHON="$FERRY_VENV/bin/python" \
  WASMTIME="$FERRY_VENV/bin/wasmtime" WASM_TOOLS="$FERRY_VENV/bin/wasm-tools" \
  node bench/run.mjs "$@"
