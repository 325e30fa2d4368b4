use wasmparser::{Parser, Payload};

use super::strip;

/// Each function's body after `strip`, as bytes (locals and code), in index order.
fn bodies(module: &[u8]) -> Vec<Vec<u8>> {
    Parser::new(0)
        .parse_all(module)
        .filter_map(|payload| match payload.unwrap() {
            Payload::CodeSectionEntry(body) => Some(body.as_bytes().to_vec()),
            _ => None,
        })
        .collect()
}

/// No locals, `unreachable`, `end`.
const STUB: [u8; 3] = [0x00, 0x00, 0x0b];

#[test]
fn only_what_the_roots_reach_keeps_its_body() {
    let module = wat::parse_str(
        r#"(module
          (import "host" "log" (func $log (param i32)))
          (table 2 funcref)
          (global funcref (ref.func $by_global))
          (elem (i32.const 0) func $in_table)
          (elem declare func $declared $taken)
          (start $start)
          (func $exported (export "run") (call $called) (return_call $tail))
          (func $called (i32.const 1) (call $log))
          (func $tail (drop (ref.func $taken)))
          (func $taken (local i32) (local.set 0 (i32.const 7)))
          (func $in_table (call $from_table))
          (func $from_table (nop))
          (func $by_global (nop))
          (func $declared (nop))
          (func $start (nop))
          (func $dead (call $only_dead_calls_me) (call $exported))
          (func $only_dead_calls_me (local i64) (nop)))"#,
    )
    .unwrap();
    let stripped = strip(&module).unwrap();
    wasmparser::validate(&stripped).unwrap();
    let before = bodies(&module);
    let after = bodies(&stripped);
    let names = [
        "exported", "called", "tail", "taken", "in_table", "from_table", "by_global", "declared", "start", "dead",
        "only_dead_calls_me",
    ];
    for ((name, before), after) in names.iter().zip(&before).zip(&after) {
        // `elem declare` only permits `ref.func`: by itself it makes nothing reachable.
        let dead = matches!(*name, "dead" | "only_dead_calls_me" | "declared");
        match dead {
            true => assert_eq!(after, &STUB, "{name}"),
            false => assert_eq!(after, before, "{name}"),
        }
    }
}

#[test]
fn a_module_without_code_is_copied() {
    let module = wat::parse_str(r#"(module (memory (export "memory") 1) (data (i32.const 8) "hi"))"#).unwrap();
    assert_eq!(strip(&module).unwrap(), module);
}

#[test]
fn bad_bytes_are_an_error() {
    assert!(strip(b"\0asm\x01\0\0\0\x0a\x05\x01").is_err());
}
