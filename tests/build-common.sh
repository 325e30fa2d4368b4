# Sourced by the test-component build scripts (tests/*/build.sh): checks the one argument,
# OUT_DIR, and sets `out` (its absolute path, created) and `here` (the calling script's
# directory). `ensure_rust_target T` adds a Rust target if it is missing.

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

ensure_rust_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx "$1"; then
    rustup target add "$1"
  fi
}

# copy_if_changed FROM TO: copies through a temporary name, so a reader never sees half a
# file, and only when the contents differ.
copy_if_changed() {
  if ! cmp -s "$1" "$2"; then
    cp "$1" "$2.tmp"
    mv "$2.tmp" "$2"
  fi
}
