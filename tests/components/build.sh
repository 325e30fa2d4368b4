#!/usr/bin/env bash
# Builds ferry's test components into OUT_DIR/<name>.wasm:
#   values            wit-bindgen (utf8), imports test:values/host, exports test:values/iface
#   strings-utf8      test:strings by hand, utf8 strings
#   strings-utf16     test:strings by hand, utf16 strings
#   strings-compact   test:strings by hand, latin1+utf16 strings
#   pipeline-upper    test:pipeline world upper, by hand, utf16 strings
#   pipeline-run      test:pipeline world run, wit-bindgen (utf8), imports test:pipeline/text
#   pipeline          pipeline-run with pipeline-upper plugged in (wac plug)
#   resources         wit-bindgen, test:resources: resources both ways (host-types, things, shapes, aliases)
#   cells-provider    wit-bindgen, test:cells world provider: defines resource `cell`
#   cells-consumer    wit-bindgen, test:cells world consumer: imports `cells`, exports `user`
#   cells             cells-consumer with cells-provider plugged in (wac plug)
#   world-res         wit-bindgen, test:world-res: a world-level resource `blob` the host implements
#   jspi              wit-bindgen, test:jspi: exports that call imports the host makes async
#                     (a string, a list through memory, a rejected result, a host resource's method)
#   features          wat/features.wat: versions side by side, types-only import, re-export,
#                     start function, reserved-word names
#   jspi-adapter      wat/jspi-adapter.wat: an async import behind an adapter between inner components
#   jspi-poll         wat/jspi-poll.wat: blocks on a wasi:io/poll pollable the host gives
#   handle-order      wat/handle-order.wat: the handle indices a pair of host objects gets
#                     back after passing through an import, flat and in memory
#   fixed-lists       wat/fixed-lists.wat: fixed-length lists of scalars, strings, records,
#                     lists, options and handles through an import, flat and in memory
# Needs cargo with the wasm32-unknown-unknown target, wasm-tools and wac
# ($WASM_TOOLS / $WAC, else on PATH). Idempotent: cargo rebuilds only what changed.
set -euo pipefail

source "$(dirname "$0")/../build-common.sh"
wasm_tools=${WASM_TOOLS:-$(command -v wasm-tools || true)}
wac=${WAC:-$(command -v wac || true)}
[ -n "$wasm_tools" ] || { echo "build.sh: wasm-tools not found (set WASM_TOOLS)" >&2; exit 1; }
[ -n "$wac" ] || { echo "build.sh: wac not found (set WAC)" >&2; exit 1; }
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/ferry/target}/test-components
core=$target_dir/wasm32-unknown-unknown/release

ensure_rust_target wasm32-unknown-unknown
(cd "$here" && cargo build --quiet --release --locked --target wasm32-unknown-unknown --target-dir "$target_dir")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# new NAME CORE: wrap a core module that already carries its component type.
new() {
  "$wasm_tools" component new "$2" -o "$tmp/$1.wasm"
  "$wasm_tools" validate "$tmp/$1.wasm"
  mv "$tmp/$1.wasm" "$out/$1.wasm"
}
# embed NAME CORE WIT_DIR WORLD ENCODING: add the component type first.
embed() {
  "$wasm_tools" component embed "$3" "$2" --world "$4" --encoding "$5" -o "$tmp/$1.core.wasm"
  new "$1" "$tmp/$1.core.wasm"
}

new values "$core/values.wasm"
embed strings-utf8 "$core/strings_utf8.wasm" "$here/strings/wit" strings utf8
embed strings-utf16 "$core/strings_utf16.wasm" "$here/strings/wit" strings utf16
embed strings-compact "$core/strings_compact.wasm" "$here/strings/wit" strings compact-utf16
embed pipeline-upper "$core/pipeline_upper.wasm" "$here/pipeline/wit" upper utf16
new pipeline-run "$core/pipeline_run.wasm"
# plug NAME SOCKET PLUG: compose with `wac plug`.
plug() {
  "$wac" plug "$out/$2.wasm" --plug "$out/$3.wasm" -o "$tmp/$1.wasm"
  "$wasm_tools" validate "$tmp/$1.wasm"
  mv "$tmp/$1.wasm" "$out/$1.wasm"
}
plug pipeline pipeline-run pipeline-upper
new resources "$core/resources.wasm"
new cells-provider "$core/cells_provider.wasm"
new cells-consumer "$core/cells_consumer.wasm"
plug cells cells-consumer cells-provider
new world-res "$core/world_res.wasm"
new jspi "$core/jspi.wasm"
# wat NAME [FEATURES]: tests/components/wat/NAME.wat, parsed, validated with the default
# features plus FEATURES (`wasm-tools validate --features`).
wat() {
  "$wasm_tools" parse "$here/wat/$1.wat" -o "$tmp/$1.wasm"
  "$wasm_tools" validate ${2:+--features "$2"} "$tmp/$1.wasm"
  mv "$tmp/$1.wasm" "$out/$1.wasm"
}
wat features
wat jspi-adapter
wat jspi-poll
wat handle-order
wat fixed-lists cm-fixed-length-lists

echo "test components in $out: values strings-utf8 strings-utf16 strings-compact pipeline-upper pipeline-run pipeline resources cells-provider cells-consumer cells world-res jspi features jspi-adapter jspi-poll handle-order fixed-lists"
