//! `ferry run`: the errors it gives before and after the program starts. Running real WASI
//! programs, compared with `wasmtime run`, is tested in `tests/wasi/`.

mod common;

use common::ADD_COMPONENT;
use std::process::{Command, Output};

fn ferry_run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferry")).arg("run").args(args).output().unwrap()
}

fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch("run-cli", name)
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
