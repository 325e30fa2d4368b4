#!/usr/bin/env bash
# Builds ferry's JS engine (QuickJS through rquickjs) for wasm32-wasip1 with Debian's clang
# and wasi-libc, and copies it to OUT_DIR/ferry_engine.wasm. Idempotent.
#   usage: componentize/engine/build.sh OUT_DIR
# CARGO_TARGET_DIR defaults to ~/.cache/ferry/target/engine.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUT_DIR" >&2
    exit 2
fi
out_dir=$1
here=$(cd "$(dirname "$0")" && pwd)

# The C toolchain for QuickJS: clang compiles (never links: rust-lld does, with Rust's own
# wasi-libc), against Debian's wasi-libc headers; llvm-ar-14 archives. Not installed from
# here: say what is missing and stop.
missing=()
command -v clang >/dev/null || missing+=(clang)
command -v llvm-ar-14 >/dev/null || missing+=(llvm-14)
[ -f /usr/include/wasm32-wasi/stdio.h ] || missing+=(wasi-libc)
if [ ${#missing[@]} -ne 0 ]; then
    echo "error: building the engine needs the Debian packages: ${missing[*]}" >&2
    echo "       install them with: apt-get install -y ${missing[*]}" >&2
    exit 1
fi

rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1

# rquickjs-sys would download a wasi-sdk; use Debian's clang and wasi-libc (/usr) instead.
# `--target=wasm32-wasi` overrides the `wasm32-wasip1` that cc passes: clang looks for the
# headers under /usr/include/<triple>, and Debian puts them in /usr/include/wasm32-wasi.
export RQUICKJS_SYS_NO_WASI_SDK=1
export CC_wasm32_wasip1=clang
export AR_wasm32_wasip1=llvm-ar-14
export CFLAGS_wasm32_wasip1="--target=wasm32-wasi --sysroot=/usr"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target/engine}

cargo build --release --locked --target wasm32-wasip1 --manifest-path "$here/Cargo.toml"

mkdir -p "$out_dir"
cp "$CARGO_TARGET_DIR/wasm32-wasip1/release/ferry_engine.wasm" "$out_dir/ferry_engine.wasm"
echo "built $out_dir/ferry_engine.wasm ($(stat -c %s "$out_dir/ferry_engine.wasm") bytes)"
