;; Component-model features seen in the wild, in one component:
;; - two versions of one package imported side by side (`test:ver/api@1.0.0`, `@2.0.0`);
;; - an import of types only (`test:ver/types`) and a type export;
;; - an interface re-export (the imported `api@2.0.0` exported as it is);
;; - a core start function (it runs at instantiation);
;; - names that are JS reserved words (`delete`, `new`, `class`);
;; - a core module imported from the host (`plugin`) and one exported (`inner`).
(component
  (import "test:ver/api@1.0.0" (instance $v1
    (export "version" (func (result u32)))))
  (import "test:ver/api@2.0.0" (instance $v2
    (export "version" (func (result u32)))
    (export "delete" (func (param "new" u32) (result u32)))))
  (import "test:ver/types@1.0.0" (instance $types
    (type $c (enum "red" "green"))
    (export "color" (type (eq $c)))))
  (alias export $types "color" (type $color))
  (import "plugin" (core module $plugin
    (export "answer" (func (result i32)))))
  (core instance $p (instantiate $plugin))

  (alias export $v1 "version" (func $v1-version))
  (alias export $v2 "version" (func $v2-version))
  (core func $v1-version (canon lower (func $v1-version)))
  (core func $v2-version (canon lower (func $v2-version)))

  (core module $m
    (import "host" "v1" (func $v1 (result i32)))
    (import "host" "v2" (func $v2 (result i32)))
    (import "plugin" "answer" (func $answer (result i32)))
    (global $started (mut i32) (i32.const 0))
    (func $start (global.set $started (i32.const 42)))
    (start $start)
    (func (export "started") (result i32) (global.get $started))
    (func (export "versions") (result i32) (i32.add (i32.mul (call $v1) (i32.const 10)) (call $v2)))
    (func (export "pick") (param i32) (result i32) (local.get 0))
    (func (export "answer") (result i32) (call $answer)))
  (core instance $i (instantiate $m
    (with "host" (instance (export "v1" (func $v1-version)) (export "v2" (func $v2-version))))
    (with "plugin" (instance $p))))

  (export $color-export "color" (type $color))
  (func (export "started") (result u32) (canon lift (core func $i "started")))
  (func (export "versions") (result u32) (canon lift (core func $i "versions")))
  (func (export "delete") (param "class" $color-export) (result $color-export) (canon lift (core func $i "pick")))
  (func (export "answer") (result u32) (canon lift (core func $i "answer")))
  (export "test:ver/api@2.0.0" (instance $v2))
  (export "inner" (core module $m))
)
