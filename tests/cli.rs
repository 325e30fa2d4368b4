//! End-to-end tests of the `ferry` binary: what it writes, and the one clear error it gives
//! for each kind of bad input.

mod common;

use common::ADD_COMPONENT;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    common::scratch("cli", name)
}

fn transpile(input: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferry"))
        .arg("transpile")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// Runs ferry on `bytes` and checks it fails with one `error:` line containing `expected`,
/// no panic, and no output directory.
fn assert_rejected(name: &str, bytes: &[u8], expected: &str) {
    let dir = scratch(name);
    let input = dir.join("input.wasm");
    std::fs::write(&input, bytes).unwrap();
    let out = dir.join("out");
    let result = transpile(&input, &out, &[]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{name}: stderr: {stderr}");
    assert!(stderr.starts_with("error: "), "{name}: {stderr}");
    assert!(stderr.contains("input.wasm"), "{name}: names the file: {stderr}");
    assert!(stderr.contains(expected), "{name}: expected `{expected}` in: {stderr}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{name}: one line: {stderr}");
    assert!(!out.exists(), "{name}: no output directory");
}

#[test]
fn writes_the_module_and_core_files_and_lists_them() {
    let dir = scratch("ok");
    let input = dir.join("add.wasm");
    std::fs::write(&input, wat::parse_str(ADD_COMPONENT).unwrap()).unwrap();
    let out = dir.join("out");
    let result = transpile(&input, &out, &[]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(stdout.contains("add.js") && stdout.contains("add.core.wasm"), "{stdout}");
    let js = std::fs::read_to_string(out.join("add.js")).unwrap();
    assert!(js.len() < 2048, "add.js is {} bytes", js.len());
    assert!(js.contains("export { add }"), "{js}");
    assert!(!js.contains("HandleTable") && !js.contains("TextDecoder"), "only used helpers: {js}");

    let quiet = transpile(&input, &dir.join("quiet"), &["-q", "--name", "sum"]);
    assert!(quiet.status.success() && quiet.stdout.is_empty());
    assert!(dir.join("quiet/sum.js").exists() && dir.join("quiet/sum.core.wasm").exists());
}

#[test]
fn inlines_small_core_modules_as_base64() {
    let dir = scratch("base64");
    let input = dir.join("add.wasm");
    std::fs::write(&input, wat::parse_str(ADD_COMPONENT).unwrap()).unwrap();
    let result = transpile(&input, &dir.join("out"), &["--base64-cutoff", "100000"]);
    assert!(result.status.success());
    assert!(!dir.join("out/add.core.wasm").exists());
    assert!(std::fs::read_to_string(dir.join("out/add.js")).unwrap().contains("base64Bytes("));
}

#[test]
fn rejects_a_file_that_is_not_wasm() {
    assert_rejected("not-wasm", b"hello, world", "not a WebAssembly binary");
}

#[test]
fn rejects_a_core_module() {
    assert_rejected("core", &wat::parse_str("(module)").unwrap(), "core WebAssembly module, not a component");
}

#[test]
fn rejects_a_truncated_component_with_its_offset() {
    let bytes = wat::parse_str(ADD_COMPONENT).unwrap();
    assert_rejected("truncated", &bytes[..bytes.len() / 2], "byte offset");
}

#[test]
fn rejects_a_corrupt_component_with_its_offset() {
    let mut bytes = wat::parse_str(ADD_COMPONENT).unwrap();
    // The first section's size now claims more bytes than the file has.
    bytes[9] = 0x7f;
    assert_rejected("corrupt", &bytes, "byte offset 0x");
}

#[test]
fn rejects_streams_at_the_host_boundary_for_now() {
    let wat = r#"(component
      (type $s (stream u8))
      (core module $m (func (export "f") (param i32)))
      (core instance $i (instantiate $m))
      (func (export "f") (param "x" $s) (canon lift (core func $i "f"))))"#;
    assert_rejected("streams", &wat::parse_str(wat).unwrap(), "exported function `f`: streams and futures in host-facing signatures are not supported yet");
}

#[test]
fn rejects_an_unknown_option() {
    let result = Command::new(env!("CARGO_BIN_EXE_ferry")).args(["transpile", "x.wasm", "-o", "out", "--bogus"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2));
    assert!(stderr.contains("unexpected argument '--bogus'"), "{stderr}");
}

#[test]
fn rejects_a_missing_input_file() {
    let dir = scratch("missing");
    let result = transpile(&dir.join("nope.wasm"), &dir.join("out"), &[]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr.contains("nope.wasm: cannot read"), "{stderr}");
}

#[test]
fn rejects_an_unwritable_output_path() {
    let dir = scratch("unwritable");
    let input = dir.join("add.wasm");
    std::fs::write(&input, wat::parse_str(ADD_COMPONENT).unwrap()).unwrap();
    let blocker = dir.join("file");
    std::fs::write(&blocker, b"").unwrap();
    let result = transpile(&input, &blocker.join("out"), &[]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr.contains("cannot create output directory"), "{stderr}");
}

#[test]
fn rejects_a_malformed_map() {
    let dir = scratch("map");
    let input = dir.join("add.wasm");
    std::fs::write(&input, wat::parse_str(ADD_COMPONENT).unwrap()).unwrap();
    let result = transpile(&input, &dir.join("out"), &["--map", "nonsense"]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr.contains("--map `nonsense`: expected `spec=target`"), "{stderr}");
    assert!(!dir.join("out").exists());
}
