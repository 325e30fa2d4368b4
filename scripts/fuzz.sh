#!/usr/bin/env bash
# Fuzzes the transpiler with one cargo-fuzz target (fuzz/README.md): installs nightly and
# cargo-fuzz if missing (scripts/setup.sh --fuzz), seeds the corpus, then runs libFuzzer in
# one process until it finds a crash or `seconds` have passed.
#   usage: scripts/fuzz.sh <transpile_bytes|transpile_wit> [seconds (default 3600)] [libFuzzer flags...]
# Corpus: fuzz/corpus/<target>/, crashes: fuzz/artifacts/<target>/ (both ignored by git).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

target="${1:?usage: scripts/fuzz.sh <transpile_bytes|transpile_wit> [seconds] [libFuzzer flags...]}"
seconds="${2:-3600}"
shift $(( $# < 2 ? $# : 2 ))
case "$target" in
  transpile_bytes | transpile_wit) ;;
  *) echo "fuzz.sh: unknown target \`$target\` (transpile_bytes or transpile_wit)" >&2; exit 2 ;;
esac

bash "$FERRY_ROOT/scripts/setup.sh" --fuzz
corpus="$FERRY_ROOT/fuzz/corpus/$target"
mkdir -p "$corpus"

# transpile_bytes reads its options from the first 32 bytes (ferry_fuzz::OPTION_BYTES): the
# seeds are components behind 32 zero bytes (the default options), so that mutation starts
# from real binaries: the repo's, the test components (tests/components/build.sh builds them)
# and every binary of the component model's spec tests (valid or not), once.
seed_bytes() {
  local wasm wat wast stem
  seed() { [ -f "$corpus/seed-$2" ] || { head -c 32 /dev/zero; cat "$1"; } > "$corpus/seed-$2"; }
  for wasm in "$FERRY_ROOT"/examples/add/add.wasm "$FERRY_CACHE"/test-components/*.wasm \
              "$FERRY_ROOT"/fuzz/regressions/transpile_bytes/*; do
    [ -f "$wasm" ] || continue
    seed "$wasm" "$(basename "$wasm")"
  done
  local scratch
  scratch="$(mktemp -d)"
  for wat in "$FERRY_ROOT"/tests/components/wat/*.wat; do
    wasm-tools parse "$wat" -o "$scratch/$(basename "$wat" .wat).wasm"
  done
  if [ -d "$FERRY_SPEC_TESTS" ] && [ ! -f "$corpus/.spec-tests-seeded" ]; then
    while IFS= read -r wast; do
      stem="${wast#"$FERRY_SPEC_TESTS"/}"
      stem="${stem//\//-}"
      wasm-tools json-from-wast "$wast" --wasm-dir "$scratch" -o "$scratch/${stem%.wast}.json" 2>/dev/null || true
    done < <(find "$FERRY_SPEC_TESTS" -name '*.wast')
    touch "$corpus/.spec-tests-seeded"
  fi
  for wasm in "$scratch"/*.wasm; do
    seed "$wasm" "$(basename "$wasm")"
  done
  rm -rf "$scratch"
}

# transpile_wit's input is a generator's randomness, not a format to grow: full-length
# inputs from the start (wit-smith needs a few KiB for a world of any size).
target_flags=()
case "$target" in
  transpile_bytes) seed_bytes ;;
  transpile_wit) target_flags=(-len_control=0 -max_len=8192) ;;
esac

cd "$FERRY_ROOT/fuzz"
# No sanitizer: the transpiler is safe Rust, so AddressSanitizer would only slow it down;
# release with debug assertions (cargo-fuzz's default), so overflows panic as in debug builds.
exec cargo +nightly fuzz run --sanitizer none --target-dir "$CARGO_TARGET_DIR" "$target" "$corpus" -- \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
  "${target_flags[@]}" "$@"
