#!/usr/bin/env bash
# The one command that runs every test: ./scripts/test.sh
# Installs what is missing (scripts/setup.sh), builds, then runs the Rust tests, the wasm
# build check, the host tests against the test components, the TypeScript declaration tests,
# the differential checker (ferry against wasmtime-py on random values),
# the WASI programs under `ferry run` against `wasmtime run`, the browser tests in Chromium
# (components, WASI in the browser, a page built by Vite and by esbuild), the npm package
# (packed, installed, against the native CLI), the benchmarks once in smoke mode and the
# component model conformance suite. Runs every step even after a failure; exits non-zero if
# any failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FERRY_ROOT"

bash scripts/setup.sh

OUT="${FERRY_TEST_OUT:-$FERRY_CACHE/test-out}"
failed_steps=()

step() {
  echo
  echo "==> $1"
}

# Runs "$@" as the step named $1; records a failure instead of stopping.
check() {
  local name=$1
  shift
  step "$name"
  if ! "$@"; then
    echo "FAILED: $name"
    failed_steps+=("$name")
  fi
}

# Without the ferry binary nothing below can run.
step "cargo build"
cargo build --workspace

check "cargo test" cargo test --workspace
check "wasm32 build of ferry-transpiler" \
  cargo build -p ferry-transpiler --target wasm32-unknown-unknown

# Host tests: the Rust test components, transpiled and driven from Node.
if [ -f tests/components/build.sh ]; then
  rm -rf "$OUT/components"
  mkdir -p "$OUT/components"
  check "build test components" bash tests/components/build.sh "$OUT/components"
fi
has_node_tests() {
  [ -d "$1" ] && [ -n "$(find "$1" -type f \( -name '*.test.*js' -o -name '*-test.*js' \
    -o -name '*_test.*js' -o -name 'test-*.*js' -o -name 'test.*js' \) -print -quit)" ]
}
if has_node_tests tests/host; then
  check "host tests (node --test tests/host/)" \
    env FERRY_BIN="$FERRY_BIN" FERRY_TEST_COMPONENTS="$OUT/components" node --test tests/host/
fi
if [ -f tests/host/jspi.test.mjs ]; then
  # JSPI (--async-mode jspi) needs Node 26; the Node 20 run above checks its clear refusal.
  check "host tests with JSPI, Node $("$NODE26" --version) (tests/host/jspi.test.mjs)" \
    env FERRY_BIN="$FERRY_BIN" FERRY_TEST_COMPONENTS="$OUT/components" "$NODE26" --test tests/host/jspi.test.mjs
fi
if has_node_tests tests/types; then
  check "TypeScript declarations (node --test tests/types/)" \
    env FERRY_BIN="$FERRY_BIN" FERRY_TEST_COMPONENTS="$OUT/components" node --test tests/types/
fi

# The differential checker (tests/differential/): its own unit tests, then fixed seeds of random
# WIT types and values through ferry in Node and wasmtime-py: 2,000 cases, then 500 through two
# composed components and 500 with --async-mode jspi (Node 26). scripts/differential.sh runs it
# for hours.
check "differential checker unit tests (node --test tests/differential/)" node --test tests/differential/
differential_smoke() {
  local status=0
  export FERRY_PYTHON="$FERRY_VENV/bin/python"
  node tests/differential/run.mjs --seed 1 --batches 20 --cases 100 || status=1
  node tests/differential/run.mjs --seed 2 --batches 5 --cases 100 --composed || status=1
  "$NODE26" tests/differential/run.mjs --seed 3 --batches 5 --cases 100 --jspi || status=1
  return $status
}
check "differential: ferry in Node against wasmtime-py, fixed seeds (tests/differential/run.mjs)" differential_smoke

# WASI: the host package's own tests, then the test programs (tests/wasi) under `ferry run`
# and `wasmtime run`, and the wasi:http components (tests/wasi-http: a proxy under `ferry serve`
# and `wasmtime serve`, an outgoing-HTTP client under `ferry run` and `wasmtime run`), compared;
# then the programs run in-process through the shims' JS API.
check "WASI host package (node --test runtime-shims/test/)" node --test runtime-shims/test/
rm -rf "$OUT/wasi"
mkdir -p "$OUT/wasi"
check "build WASI test programs" bash tests/wasi/build.sh "$OUT/wasi"
check "build wasi:http test components" bash tests/wasi-http/build.sh "$OUT/wasi"
check "WASI: ferry run and serve against wasmtime run and serve (node --test tests/wasi/)" \
  env FERRY_BIN="$FERRY_BIN" WASMTIME="$FERRY_VENV/bin/wasmtime" FERRY_WASI_PROGRAMS="$OUT/wasi" \
  node --test tests/wasi/
check "WASI programs transpiled with --async-mode jspi, Node $("$NODE26" --version) (tests/wasi/jspi.test.mjs)" \
  env FERRY_BIN="$FERRY_BIN" FERRY_WASI_PROGRAMS="$OUT/wasi" "$NODE26" --test tests/wasi/jspi.test.mjs

# Browser tests in Chromium: the test components, WASI (the shims' browser side, the WASI
# programs against wasmtime run, in sync mode and with --async-mode jspi), a page built with
# Vite and esbuild (tests/browser/bundlers.test.mjs), so after the WASI programs are built, and
# the examples' pages (tests/browser/examples.test.mjs), so after their component and the npm
# package's Wasm core (the playground's) are built.
check "npm package: build the Wasm core (npm/build.sh)" bash npm/build.sh
rm -rf "$OUT/examples"
check "build the browser example's component (examples/browser/build.sh)" \
  bash examples/browser/build.sh "$OUT/examples"
if has_node_tests tests/browser; then
  check "browser tests, $(/usr/bin/chromium --version) (node --test tests/browser/)" \
    env FERRY_BIN="$FERRY_BIN" FERRY_TEST_COMPONENTS="$OUT/components" FERRY_WASI_PROGRAMS="$OUT/wasi" \
    FERRY_EXAMPLE_COMPONENTS="$OUT/examples" \
    WASMTIME="$FERRY_VENV/bin/wasmtime" WASM_TOOLS="$FERRY_VENV/bin/wasm-tools" node --test tests/browser/
fi

# The npm package @ferry-wasm/ferry (its Wasm core built above): packed with @ferry-wasm/shims,
# installed into a fresh project offline, and `npx ferry` and the JS API compared with the
# native CLI (the test components and WASI programs above), on Node 20 and on Node 24; and
# the API unbundled in Chromium.
npm_package_tests() {
  local node status=0
  for node in node "$NODE24"; do
    echo "--- Node $("$node" --version)"
    env FERRY_BIN="$FERRY_BIN" FERRY_TEST_COMPONENTS="$OUT/components" FERRY_WASI_PROGRAMS="$OUT/wasi" \
      "$node" --test tests/npm/package.test.mjs || status=1
  done
  return $status
}
check "npm package: pack, install, npx ferry and the JS API on Node 20 and 24" npm_package_tests
check "npm package: the JS API in $(/usr/bin/chromium --version)" \
  env FERRY_BIN="$FERRY_BIN" FERRY_TEST_COMPONENTS="$OUT/components" node --test tests/npm/browser.test.mjs

# ferry componentize: the JS test components (tests/componentize/cases) built with the
# engine embedded in ferry, run on wasmtime and, transpiled, on Node.
check "componentize: JS components on wasmtime and Node (node --test tests/componentize/)" \
  env FERRY_BIN="$FERRY_BIN" WASMTIME="$FERRY_VENV/bin/wasmtime" WASM_TOOLS="$FERRY_VENV/bin/wasm-tools" \
  WAC="$FERRY_CARGO_TOOLS/bin/wac" FERRY_COMPONENTIZE_OUT="$OUT/componentize" node --test tests/componentize/

# Benchmarks (bench/): their own unit tests, then every row once in smoke mode, so that none
# rots; the numbers are not checked (timings belong in BENCHMARKS.md, not in tests).
check "benchmark helpers (node --test bench/lib/ bench/componentize/)" node --test bench/lib/ bench/componentize/
check "benchmarks, smoke mode (bash bench/bench.sh --smoke)" bash bench/bench.sh --smoke

# Component model conformance (.wast spec tests), after the runner's own unit tests.
check "conformance runner unit tests" node --test tests/conformance/
if [ -d "$FERRY_SPEC_TESTS" ]; then
  check "conformance, Node $(node --version): values, resources" \
    node tests/conformance/run.mjs --ferry "$FERRY_BIN" "$FERRY_SPEC_TESTS/values" "$FERRY_SPEC_TESTS/resources"
  check "conformance, Node $("$NODE26" --version): values, resources, linking" \
    "$NODE26" tests/conformance/run.mjs --ferry "$FERRY_BIN" \
    "$FERRY_SPEC_TESTS/values" "$FERRY_SPEC_TESTS/resources" "$FERRY_SPEC_TESTS/linking"
  check "conformance: every invalid or malformed binary in validation, binary is refused" \
    node tests/conformance/run.mjs --rejections --ferry "$FERRY_BIN" \
    "$FERRY_SPEC_TESTS/validation" "$FERRY_SPEC_TESTS/binary"
else
  echo "error: spec tests not found at $FERRY_SPEC_TESTS" >&2
  failed_steps+=("conformance (spec tests missing)")
fi

echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "test.sh: ${#failed_steps[@]} step(s) failed:"
  printf '  %s\n' "${failed_steps[@]}"
  exit 1
fi
echo "test.sh: all steps passed"
