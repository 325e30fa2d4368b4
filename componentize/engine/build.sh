#!/usr/bin/env bash
# Builds ferry's JS engine (QuickJS through rquickjs) for wasm32-wasip1 with Debian's clang 19
# and wasi-libc, twice: OUT_DIR/ferry_engine.wasm (cargo profile `release`, built for size:
# `ferry componentize`'s default) and OUT_DIR/ferry_engine_speed.wasm (profile `speed`,
# QuickJS's C at -O2: `ferry componentize --optimize speed`). Idempotent.
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

mkdir -p "$out_dir"
# One cargo profile per engine (see Cargo.toml), each with its own directory in the target.
for profile in release speed; do
    cargo build --profile "$profile" --locked --target wasm32-wasip1 --manifest-path "$here/Cargo.toml"
    name=ferry_engine
    [ "$profile" = release ] || name=ferry_engine_$profile
    cp "$CARGO_TARGET_DIR/wasm32-wasip1/$profile/ferry_engine.wasm" "$out_dir/$name.wasm"
    echo "built $out_dir/$name.wasm ($(stat -c %s "$out_dir/$name.wasm") bytes)"
done
