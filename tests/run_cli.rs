//! `ferry run`: the errors it gives before and after the program starts. Running real WASI
//! programs, compared with `wasmtime run`, is tested in `tests/wasi/`.

use std::process::{Command, Output};

const ADD_COMPONENT: &str = r#"
(component
  (core module $m (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
  (core instance $i (instantiate $m))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add"))))
"#;

fn ferry_run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferry")).arg("run").args(args).output().unwrap()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ferry-run-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn assert_error(output: &Output, code: i32, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_missing_component() {
    assert_error(&ferry_run(&["/nonexistent/app.wasm"]), 1, "error: /nonexistent/app.wasm: cannot read");
}

#[test]
fn a_directory_that_does_not_exist() {
    let dir = scratch("nodir");
    let app = dir.join("add.wasm");
    std::fs::write(&app, wat::parse_str(ADD_COMPONENT).unwrap()).unwrap();
    let output = ferry_run(&["--dir", "/nonexistent-dir::/data", app.to_str().unwrap()]);
    assert_error(&output, 1, "--dir `/nonexistent-dir::/data`: cannot open directory `/nonexistent-dir`");
}

#[test]
fn a_component_without_wasi_cli_run() {
    let dir = scratch("norun");
    let app = dir.join("add.wasm");
    std::fs::write(&app, wat::parse_str(ADD_COMPONENT).unwrap()).unwrap();
    let output = ferry_run(&[app.to_str().unwrap()]);
    assert_error(&output, 1, "does not export `wasi:cli/run`");
}

#[test]
fn not_a_component() {
    let dir = scratch("notwasm");
    let app = dir.join("app.wasm");
    std::fs::write(&app, b"hello").unwrap();
    assert_error(&ferry_run(&[app.to_str().unwrap()]), 1, "app.wasm");
}
