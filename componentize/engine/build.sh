#!/usr/bin/env bash
# Builds ferry's JS engine (QuickJS through rquickjs) for wasm32-wasip1 with Debian's clang 19
# and wasi-libc, then optimizes it with Binaryen's wasm-opt, twice: OUT_DIR/ferry_engine.wasm
# (cargo profile `release` and wasm-opt -Oz, for size: `ferry componentize`'s default) and
# OUT_DIR/ferry_engine_speed.wasm (profile `speed`, QuickJS's C at -O2, and wasm-opt -O3:
# `ferry componentize --optimize speed`). Idempotent.
#   usage: componentize/engine/build.sh OUT_DIR
# CARGO_TARGET_DIR defaults to ~/.cache/ferry/target/engine.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUT_DIR" >&2
    exit 2
fi
out_dir=$1
here=$(cd "$(dirname "$0")" && pwd)

# The C toolchain for QuickJS: clang 19 compiles (never links: rust-lld does, with Rust's own
# wasi-libc), against Debian's wasi-libc headers; llvm-ar-19 archives. Clang 19 rather than
# Debian's default 14: its QuickJS runs fib(27) in 6-8% fewer instructions, at the same size.
# Not installed from here: say what is missing and stop.
missing=()
command -v clang-19 >/dev/null || missing+=(clang-19)
command -v llvm-ar-19 >/dev/null || missing+=(llvm-19)
command -v wasm-opt >/dev/null || missing+=(binaryen)
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
export CC_wasm32_wasip1=clang-19
export AR_wasm32_wasip1=llvm-ar-19
export CFLAGS_wasm32_wasip1="--target=wasm32-wasi --sysroot=/usr"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target/engine}

# wasm-opt after LLVM, measured: the size engine 11% smaller (-96 KB) and 5% fewer
# instructions for fib(27); the speed engine 9% smaller and 4% fewer. The features are those
# rustc and clang 19 emit (the stripped module does not list them).
wasm_opt_features=(--enable-bulk-memory --enable-sign-ext --enable-mutable-globals
    --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types)

mkdir -p "$out_dir"
# One cargo profile per engine (see Cargo.toml), each with its own directory in the target.
for variant in release:-Oz:ferry_engine speed:-O3:ferry_engine_speed; do
    IFS=: read -r profile level name <<<"$variant"
    cargo build --profile "$profile" --locked --target wasm32-wasip1 --manifest-path "$here/Cargo.toml"
    built=$CARGO_TARGET_DIR/wasm32-wasip1/$profile/ferry_engine.wasm
    optimized=$CARGO_TARGET_DIR/wasm32-wasip1/$profile/ferry_engine.opt.wasm
    if [ ! -f "$optimized" ] || [ "$built" -nt "$optimized" ]; then
        wasm-opt "$level" "${wasm_opt_features[@]}" "$built" -o "$optimized.tmp"
        mv "$optimized.tmp" "$optimized"
    fi
    cp "$optimized" "$out_dir/$name.wasm"
    echo "built $out_dir/$name.wasm ($(stat -c %s "$out_dir/$name.wasm") bytes)"
done
