;; A core module that waits the way a component transpiled with `--async-mode jspi` does: its
;; imports are host functions wrapped in `WebAssembly.Suspending`, its export is wrapped in
;; `WebAssembly.promising`. wasi.test.mjs builds it (wasm-tools parse) and wasi-page.mjs gives it
;; the browser shims' waits: `block` a monotonic-clock pollable's `block`, `read` the length of
;; a `blocking-read`. `run` returns how long `block` took (ns) and what `read` read.
(module
  (import "host" "now" (func $now (result i64)))
  (import "host" "block" (func $block))
  (import "host" "read" (func $read (result i32)))
  (global $read_len (mut i32) (i32.const 0))
  (func (export "run") (result i64)
    (local $start i64)
    (local.set $start (call $now))
    (call $block)
    (global.set $read_len (call $read))
    (i64.sub (call $now) (local.get $start)))
  (func (export "readLength") (result i32)
    (global.get $read_len)))
