//! `ferry transpile --async-mode jspi`: what it writes for async imports and exports, that
//! sync output does not change, and the clear error for each bad use. Running the output is
//! tested in `tests/host/jspi.test.mjs`, `tests/browser/` and `tests/wasi/jspi.test.mjs`.

mod common;

use common::ADD_COMPONENT;
use std::path::PathBuf;
use std::process::Command;

/// Imports `wait: func(x: u32) -> u32`; exports `run` (calls it) and `plain` (does not).
const WAIT_COMPONENT: &str = r#"
(component
  (import "wait" (func $wait (param "x" u32) (result u32)))
  (core func $wait_lowered (canon lower (func $wait)))
  (core module $m
    (import "host" "wait" (func $wait (param i32) (result i32)))
    (func (export "run") (param i32) (result i32) local.get 0 call $wait)
    (func (export "plain") (result i32) i32.const 1))
  (core instance $i (instantiate $m (with "host" (instance (export "wait" (func $wait_lowered))))))
  (func (export "run") (param "x" u32) (result u32) (canon lift (core func $i "run")))
  (func (export "plain") (result u32) (canon lift (core func $i "plain"))))
"#;

/// Writes `wat` as `<name>.wasm` in a fresh scratch directory of test `test`; returns the
/// directory.
fn component(test: &str, name: &str, wat: &str) -> PathBuf {
    let dir = common::scratch("jspi", &format!("{test}-{name}"));
    std::fs::write(dir.join(format!("{name}.wasm")), wat::parse_str(wat).unwrap()).unwrap();
    dir
}

/// `ferry transpile <dir>/<name>.wasm -o <dir>/<out> -q <extra>`: (exit code, stderr).
fn transpile(dir: &std::path::Path, name: &str, out: &str, extra: &[&str]) -> (Option<i32>, String) {
    let result = Command::new(env!("CARGO_BIN_EXE_ferry"))
        .arg("transpile")
        .arg(dir.join(format!("{name}.wasm")))
        .arg("-o")
        .arg(dir.join(out))
        .arg("-q")
        .args(extra)
        .output()
        .unwrap();
    (result.status.code(), String::from_utf8_lossy(&result.stderr).into_owned())
}

fn read(dir: &std::path::Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

#[test]
fn async_imports_suspend_and_exports_are_promising() {
    let dir = component("promising", "wait", WAIT_COMPONENT);
    assert_eq!(transpile(&dir, "wait", "out", &["--async-mode", "jspi", "--async-imports", "wait"]), (Some(0), String::new()));
    let js = read(&dir, "out/wait.js");
    assert!(js.contains("async function trampoline0(arg0) {") && js.contains("await host0(v1)"), "{js}");
    assert!(js.contains("\"wait\": new WebAssembly.Suspending(trampoline0)"), "{js}");
    assert!(js.contains("async function run(x) {") && js.contains("async function plain() {"), "{js}");
    assert!(js.contains("WebAssembly.promising(exports0[\"run\"])"), "{js}");
    assert!(js.contains("requireJspi();"), "{js}");
    let dts = read(&dir, "out/wait.d.ts");
    assert!(dts.contains("export declare function run(x: number): Promise<number>;"), "{dts}");
    let imports = read(&dir, "out/wait.imports.d.ts");
    assert!(imports.contains("export default function wait(x: number): number | Promise<number>;"), "{imports}");

    // Only the listed export is promising.
    let listed = ["--async-mode", "jspi", "--async-imports", "wait", "--async-exports", "run"];
    assert_eq!(transpile(&dir, "wait", "listed", &listed).0, Some(0));
    let js = read(&dir, "listed/wait.js");
    assert!(js.contains("async function run(x) {") && js.contains("\nfunction plain() {"), "{js}");
    let dts = read(&dir, "listed/wait.d.ts");
    assert!(dts.contains("export declare function plain(): number;"), "{dts}");
}

#[test]
fn sync_output_is_unchanged_and_jspi_without_async_imports_adds_nothing() {
    let dir = component("unchanged", "wait", WAIT_COMPONENT);
    assert_eq!(transpile(&dir, "wait", "default", &[]).0, Some(0));
    assert_eq!(transpile(&dir, "wait", "sync", &["--async-mode", "sync"]).0, Some(0));
    // `wait` is no WASI blocking call: by default nothing is async.
    assert_eq!(transpile(&dir, "wait", "jspi", &["--async-mode", "jspi"]).0, Some(0));
    let default = read(&dir, "default/wait.js");
    assert_eq!(default, read(&dir, "sync/wait.js"));
    assert_eq!(default, read(&dir, "jspi/wait.js"));
    assert!(!default.contains("WebAssembly.Suspending") && !default.contains("requireJspi"), "{default}");
    assert_eq!(read(&dir, "default/wait.d.ts"), read(&dir, "jspi/wait.d.ts"));

    let add = component("unchanged", "add", ADD_COMPONENT);
    assert_eq!(transpile(&add, "add", "default", &[]).0, Some(0));
    assert_eq!(transpile(&add, "add", "jspi", &["--async-mode", "jspi"]).0, Some(0));
    assert_eq!(read(&add, "default/add.js"), read(&add, "jspi/add.js"));
}

/// Asserts that transpiling `name` with `args` fails with one `error:` line containing
/// `expected`, and writes nothing.
fn assert_rejected(dir: &std::path::Path, name: &str, args: &[&str], expected: &str) {
    let (code, stderr) = transpile(dir, name, "rejected", args);
    assert_eq!(code, Some(1), "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains(&format!("{name}.wasm")), "{stderr}");
    assert!(stderr.contains(expected), "expected `{expected}` in: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!dir.join("rejected").exists());
}

#[test]
fn bad_uses_are_clear_errors() {
    let dir = component("errors", "wait", WAIT_COMPONENT);
    assert_rejected(
        &dir,
        "wait",
        &["--async-mode", "jspi", "--async-imports", "wiat"],
        "--async-imports: the component has no imported function `wiat`; did you mean `wait`?",
    );
    assert_rejected(
        &dir,
        "wait",
        &["--async-mode", "jspi", "--async-imports", "wait", "--async-exports", "runn"],
        "--async-exports: the component has no exported function `runn`; did you mean `run`?",
    );
    assert_rejected(&dir, "wait", &["--async-imports", "wait"], "--async-imports and --async-exports need --async-mode jspi");
}
