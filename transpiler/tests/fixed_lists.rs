//! Fixed-length lists cost what their type costs, not what their element count does: huge and
//! deeply nested ones transpile into small modules (in memory, each fixed-length list is a
//! loop in one shared function per type). Found by the `transpile_wit` fuzz target: an 8-deep
//! `list<..., 8>` (16.7 million elements) took 75 s and would have made gigantic JS.
//! `tests/host/fixed-lists.test.mjs` runs such lists through Node.

use ferry_transpiler::{Options, transpile};

/// A component that passes a value of `ty` (WAT) through an import: lowered into memory and
/// lifted out of it on both sides, `params` of them as parameters.
fn pass_through(ty: &str, params: usize) -> Vec<u8> {
    let names: Vec<String> = (0..params).map(|i| format!("(param \"p{i}\" $t)")).collect();
    let names = names.join(" ");
    wat::parse_str(format!(
        r#"(component
            (type $t' {ty})
            (import "t" (type $t (eq $t')))
            (import "echo" (func $echo {names} (result $t)))
            (core module $memory
              (memory (export "memory") 1)
              (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
            (core instance $memory (instantiate $memory))
            (alias core export $memory "memory" (core memory $mem))
            (alias core export $memory "realloc" (core func $realloc))
            (core func $echo (canon lower (func $echo) (memory $mem) (realloc $realloc)))
            (core module $m
              (import "host" "echo" (func (param i32 i32)))
              (func (export "pass") (param i32) (result i32) unreachable))
            (core instance $i (instantiate $m (with "host" (instance (export "echo" (func $echo))))))
            (func (export "pass") {names} (result $t)
              (canon lift (core func $i "pass") (memory $mem) (realloc $realloc))))"#
    ))
    .unwrap()
}

/// The JS module of a transpiled component.
fn module_js(bytes: &[u8]) -> String {
    let output = transpile(bytes, &Options::default()).unwrap();
    let (_, js) = output.files.iter().find(|(name, _)| name.ends_with(".js")).expect("a .js file");
    String::from_utf8(js.to_vec()).unwrap()
}

#[test]
fn nested_fixed_lists_make_a_small_module() {
    // 8^8 = 16,777,216 elements.
    let mut ty = "u8".to_string();
    for _ in 0..8 {
        ty = format!("(list {ty} 8)");
    }
    let js = module_js(&pass_through(&ty, 1));
    assert!(js.len() < 40_000, "{} bytes of JS", js.len());
    // One lifting and one lowering function per level and side, each a loop.
    assert!(js.matches("function liftFixedList").count() <= 16, "{js}");
    assert!(js.contains("for (let i = 0; i < 8; i++)"));
}

#[test]
fn the_longest_fixed_list_makes_a_small_module() {
    // The spec tests' longest list: 256 MiB, the most a value type may take.
    let js = module_js(&pass_through("(list u8 268435455)", 1));
    assert!(js.len() < 40_000, "{} bytes of JS", js.len());
    assert!(js.contains("for (let i = 0; i < 268435455; i++)"));
}

#[test]
fn variants_of_huge_fixed_lists_make_a_small_module() {
    let ty = "(variant (case \"bytes\" (list u8 200000000)) (case \"floats\" (list f64 1000000)) (case \"none\"))";
    let js = module_js(&pass_through(ty, 1));
    assert!(js.len() < 40_000, "{} bytes of JS", js.len());
}

#[test]
fn parameters_past_4_gib_transpile() {
    // Seventeen lists of 256 MiB: 4.25 GiB of parameters, which no 32-bit memory holds (the
    // call traps in `alloc`), in a valid component.
    let js = module_js(&pass_through("(list u8 268435455)", 17));
    assert!(js.contains(&format!("{}", 17 * 268_435_455u64)), "the parameters' size is exact");
}

#[test]
fn short_fixed_lists_in_memory_loop_too() {
    // Two such parameters are 18 flat values: both pass in memory, where a loop is as fast as
    // straight-line code and shorter.
    let js = module_js(&pass_through("(list (tuple u32 string) 3)", 2));
    assert!(js.contains("for (let i = 0; i < 3; i++)"), "{js}");
}
