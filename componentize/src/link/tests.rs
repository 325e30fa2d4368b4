//! The link on a stand-in engine written in WAT, which keeps the engine's contract: the linked
//! module must validate, become a component of the world, and route calls both ways.

use super::*;
use crate::component;
use wit_parser::Resolve;

const WORLD: &str = r#"
package test:link;

interface math {
  scale: func(x: f64, by: f32) -> f64;
}

world w {
  import log: func(x: u32);
  import math;
  export add: func(a: u32, b: u32) -> u32;
  export name: func() -> string;
  export many: func(a: u8, b: s64, c: f32, d: f64, e: string, f: list<u32>) -> tuple<u64, string>;
}
"#;

/// Export 0 (`add`) logs `a` through import 1 (`log`: interfaces come first) and returns
/// `a + b`; the others return zeros.
const ENGINE: &str = r#"
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "ferry:host" "call" (func $host (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (global.get $heap)
    (global.set $heap (i32.add (global.get $heap) (local.get 3))))
  (func (export "ferry_slots") (result i32) (i32.const 1024))
  (func (export "ferry_call") (param $i i32)
    (local $a i32)
    (if (i32.eqz (local.get $i))
      (then
        (local.set $a (i32.load (i32.const 1024)))
        (call $host (i32.const 1))
        (i32.store (i32.const 1024) (i32.add (local.get $a) (i32.load (i32.const 1032)))))))
  (func (export "ferry_post_return") (param i32))
  (func (export "_initialize"))
  (func (export "ferry_p1_proc_exit") (param i32) (unreachable))
  (func $unused (call $exit (i32.const 1)))
  (table 1 funcref)
  (elem (i32.const 0) $unused))
"#;

fn world() -> (Resolve, wit_parser::WorldId) {
    let mut resolve = Resolve::default();
    let package = resolve.push_str("test.wit", WORLD).unwrap();
    let world = resolve.select_world(&[package], Some("w")).unwrap();
    (resolve, world)
}

#[test]
fn the_linked_module_has_the_worlds_core_signatures() {
    let (resolve, world) = world();
    let bindings = Bindings::new(&resolve, world).unwrap();
    let engine = wat::parse_str(ENGINE).unwrap();
    let linked = link(&engine, &bindings).unwrap();
    wasmparser::Validator::new().validate_all(&linked).unwrap();

    let mut imports = Vec::new();
    let mut exports = Vec::new();
    for payload in Parser::new(0).parse_all(&linked) {
        match payload.unwrap() {
            Payload::ImportSection(s) => {
                imports.extend(s.into_imports().map(|i| i.map(|i| format!("{}/{}", i.module, i.name)).unwrap()))
            }
            Payload::ExportSection(s) => exports.extend(s.into_iter().map(|e| e.unwrap().name.to_string())),
            _ => {}
        }
    }
    // In the resolved world's order: interfaces first.
    // The preview 1 import became a call of the engine's `ferry_p1_proc_exit`.
    assert_eq!(imports, ["test:link/math/scale", "$root/log"]);
    assert_eq!(
        exports,
        ["memory", "cabi_realloc", "add", "cabi_post_add", "name", "cabi_post_name", "many", "cabi_post_many"]
    );
    // `many` has 8 flat parameters (a string and a list are two each) and a spilled result.
    let many = &bindings.exports[2].signature;
    assert_eq!(many.params.len(), 8);
    assert_eq!(many.results, [ValType::I32]);
}

#[test]
fn the_linked_module_becomes_a_component_of_the_world() {
    let (resolve, world) = world();
    let bindings = Bindings::new(&resolve, world).unwrap();
    let engine = wat::parse_str(ENGINE).unwrap();
    let linked = link(&engine, &bindings).unwrap();
    let component = component::encode(linked, &resolve, world).unwrap();
    let wit_parser::decoding::DecodedWasm::Component(decoded, decoded_world) = wit_component::decode(&component).unwrap()
    else {
        panic!("not a component")
    };
    let decoded_world = &decoded.worlds[decoded_world];
    let names = |items: &wit_parser::IndexMap<wit_parser::WorldKey, wit_parser::WorldItem>| {
        items.keys().map(|k| decoded.name_world_key(k)).collect::<Vec<_>>()
    };
    assert_eq!(names(&decoded_world.imports), ["test:link/math", "log"]);
    assert_eq!(names(&decoded_world.exports), ["add", "name", "many"]);
    if let Some(path) = std::env::var_os("FERRY_LINK_TEST_OUT") {
        std::fs::write(path, &component).unwrap();
    }
}

#[test]
fn an_engine_without_the_contract_is_named() {
    let (resolve, world) = world();
    let bindings = Bindings::new(&resolve, world).unwrap();
    let engine = wat::parse_str(r#"(module (memory (export "memory") 1))"#).unwrap();
    let err = link(&engine, &bindings).unwrap_err();
    assert_eq!(err.to_string(), "the engine module: it has no import `ferry:host/call`");
    let without_stand_in = ENGINE.replace(r#"(export "ferry_p1_proc_exit")"#, "");
    let err = link(&wat::parse_str(without_stand_in).unwrap(), &bindings).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the engine module: it imports `wasi_snapshot_preview1.proc_exit` but exports no `ferry_p1_proc_exit` to stand in for it"
    );
    let err = link(b"\0asm\x01\0\0\0\x01\xff", &bindings).unwrap_err();
    assert!(err.to_string().starts_with("the engine module: "), "{err}");
    assert!(err.to_string().contains("byte offset"), "{err}");
}
