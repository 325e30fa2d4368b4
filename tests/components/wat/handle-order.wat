;; Handle indices as the canonical ABI's tables give them: the handles an import's argument
;; moves out leave the table in field order, so the host's objects, handed back, get them
;; last freed first. `flat` passes a pair of owned handles (1, 2) through `echo` in flat
;; values, `in-memory` through `echo-big` in memory (more than 16 flat values); each returns
;; the indices the pair got back, `first << 32 | second`: (2, 1) both times.
(component
  (import "res" (type $res (sub resource)))
  (type $pair (tuple (own $res) (option (own $res))))
  (type $big (tuple (own $res) (option (own $res))
    u64 u64 u64 u64 u64 u64 u64 u64 u64 u64 u64 u64 u64 u64))
  (import "echo" (func $echo (param "x" $pair) (result $pair)))
  (import "echo-big" (func $echo-big (param "x" $big) (result $big)))
  (core module $memory
    (memory (export "memory") 1)
    ;; One area for the parameters the host writes: enough for these calls.
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 64))
  (core instance $memory (instantiate $memory))
  (alias core export $memory "memory" (core memory $mem))
  (alias core export $memory "realloc" (core func $realloc))
  (core func $echo (canon lower (func $echo) (memory $mem)))
  (core func $echo-big (canon lower (func $echo-big) (memory $mem)))
  (core module $m
    (import "host" "echo" (func $echo (param i32 i32 i32 i32)))
    (import "host" "echo-big" (func $echo-big (param i32 i32)))
    (import "host" "memory" (memory 1))
    ;; The handles of a pair at `at`: the first at `at`, the option's at `at + 8`.
    (func $handles (param $at i32) (result i64)
      (i64.or
        (i64.shl (i64.extend_i32_u (i32.load (local.get $at))) (i64.const 32))
        (i64.extend_i32_u (i32.load offset=8 (local.get $at)))))
    (func (export "flat") (param $a i32) (param $some i32) (param $b i32) (result i64)
      (call $echo (local.get $a) (local.get $some) (local.get $b) (i32.const 16))
      (call $handles (i32.const 16)))
    (func (export "in-memory") (param $params i32) (result i64)
      (call $echo-big (local.get $params) (i32.const 512))
      (call $handles (i32.const 512))))
  (core instance $i (instantiate $m
    (with "host" (instance
      (export "echo" (func $echo)) (export "echo-big" (func $echo-big)) (export "memory" (memory $mem))))))
  (func (export "flat") (param "x" $pair) (result u64) (canon lift (core func $i "flat")))
  (func (export "in-memory") (param "x" $big) (result u64)
    (canon lift (core func $i "in-memory") (memory $mem) (realloc $realloc))))
