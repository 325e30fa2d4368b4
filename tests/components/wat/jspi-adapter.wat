;; Two inner components and an async import behind the adapter between them, for
;; `--async-mode jspi` (tests/host/jspi.test.mjs): `$B` lowers the host's `wait`; `$A` calls
;; `$B`'s `f` through an adapter (JS), and the root exports `$A`'s `run` and `$B`'s `f`.
(component
  (import "wait" (func $wait (param "x" u32) (result u32)))
  (component $B
    (import "wait" (func $w (param "x" u32) (result u32)))
    (core func $wait_lowered (canon lower (func $w)))
    (core module $m
      (import "host" "wait" (func $wait (param i32) (result i32)))
      ;; f(x) = wait(x) + 1
      (func (export "f") (param i32) (result i32) local.get 0 call $wait i32.const 1 i32.add))
    (core instance $i (instantiate $m (with "host" (instance (export "wait" (func $wait_lowered))))))
    (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))
  (instance $b (instantiate $B (with "wait" (func $wait))))
  (component $A
    (import "f" (func $f (param "x" u32) (result u32)))
    (core func $f_lowered (canon lower (func $f)))
    (core module $m
      (import "b" "f" (func $f (param i32) (result i32)))
      ;; run(x) = f(x) * 2
      (func (export "run") (param i32) (result i32) local.get 0 call $f i32.const 2 i32.mul))
    (core instance $i (instantiate $m (with "b" (instance (export "f" (func $f_lowered))))))
    (func (export "run") (param "x" u32) (result u32) (canon lift (core func $i "run"))))
  (instance $a (instantiate $A (with "f" (func $b "f"))))
  (export "run" (func $a "run"))
  (export "f" (func $b "f")))
