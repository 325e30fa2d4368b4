;; A component that blocks on a WASI pollable the host gives it, for `--async-mode jspi`'s
;; default imports and sync mode's refusal of a Promise (tests/host/jspi.test.mjs):
;; `wait-on(p)` calls `p.block()` (`wasi:io/poll#[method]pollable.block`), then returns 1.
(component
  (type $poll (instance
    (export "pollable" (type $p (sub resource)))
    (export "[method]pollable.block" (func (param "self" (borrow $p))))))
  (import "wasi:io/poll@0.2.6" (instance $poll (type $poll)))
  (alias export $poll "pollable" (type $pollable))
  (core func $block (canon lower (func $poll "[method]pollable.block")))
  (core func $drop (canon resource.drop $pollable))
  (core module $m
    (import "host" "block" (func $block (param i32)))
    (import "host" "drop" (func $drop (param i32)))
    (func (export "wait-on") (param i32) (result i32)
      local.get 0 call $block
      local.get 0 call $drop
      i32.const 1))
  (core instance $i (instantiate $m (with "host" (instance (export "block" (func $block)) (export "drop" (func $drop))))))
  (func (export "wait-on") (param "p" (borrow $pollable)) (result u32) (canon lift (core func $i "wait-on"))))
