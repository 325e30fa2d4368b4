//! End-to-end tests of `ferry types`, `ferry guest-types` and the `.d.ts` that `ferry transpile`
//! writes: the files and what they say, and the one clear error for bad input.

mod common;

use common::ADD_COMPONENT;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const WIT: &str = r#"package test:cli;

/// Logs for the component.
interface logger {
  log: func(message: string);
}

interface api {
  /// A point.
  record point { x: s32, y: s32 }
  resource counter {
    constructor(start: u32);
    get: func() -> u32;
  }
  move-by: func(p: point, dx: s64) -> result<point, string>;
  @unstable(feature = fancy)
  fancy: func();
}

world app {
  import logger;
  export api;
  export version: func() -> string;
}
"#;

fn scratch(name: &str) -> PathBuf {
    common::scratch("types-cli", name)
}

fn ferry(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferry")).args(args).current_dir(dir).output().unwrap()
}

/// `dir/app.wit` with `WIT` in it.
fn app_wit(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("app.wit"), WIT).unwrap();
    dir
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks `result` failed with one `error:` line containing `expected`, no panic, and that
/// `dir/out` was not created.
fn assert_rejected(result: &Output, dir: &Path, expected: &str) {
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(expected), "expected `{expected}` in: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(!dir.join("out").exists(), "no output directory");
}

#[test]
fn types_writes_the_declarations_of_the_module_and_lists_them() {
    let dir = app_wit("types");
    let result = ferry(&["types", "app.wit", "-o", "out"], &dir);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(stdout.contains("out/app.d.ts") && stdout.contains("out/app.imports.d.ts"), "{stdout}");

    let main = read(dir.join("out/app.d.ts"));
    assert!(main.contains(" * Logs for the component.\n * The imported interface `test:cli/logger`."), "{main}");
    assert!(main.contains("declare namespace TestCliLogger {\n"), "{main}");
    assert!(main.contains("export declare namespace api {"), "{main}");
    assert!(main.contains("  /** A point. */\n  export interface Point {\n    x: number;"), "{main}");
    assert!(main.contains("  export class Counter {\n    constructor(start: number);\n    get(): number;"), "{main}");
    assert!(main.contains("[Symbol.dispose](): void;"), "{main}");
    assert!(main.contains("export function moveBy(p: Point, dx: bigint | number): Point;"), "{main}");
    assert!(main.contains("@throws {ComponentError}"), "{main}");
    assert!(!main.contains("fancy"), "`@unstable` items are left out: {main}");
    assert!(main.contains("export { api as \"test:cli/api\" };"), "{main}");
    assert!(main.contains("export declare function version(): string;"), "{main}");
    assert!(main.contains("export declare class ComponentError extends globalThis.Error"), "{main}");
    assert!(!main.contains("reference path"), "the imports file is opt-in: {main}");
    let imports = read(dir.join("out/app.imports.d.ts"));
    assert!(imports.contains("declare module \"test:cli/logger\" {\n  export function log(message: string): void;\n}"), "{imports}");

    let quiet = ferry(&["types", "app.wit", "-o", "quiet", "-q", "--name", "lib", "--instantiation", "sync"], &dir);
    assert!(quiet.status.success() && quiet.stdout.is_empty() && quiet.stderr.is_empty());
    let sync = read(dir.join("quiet/lib.d.ts"));
    assert!(sync.contains("\"test:cli/logger\": typeof TestCliLogger;"), "{sync}");
    assert!(sync.contains("imports: ImportObject, instantiateCore?: (module: WebAssembly.Module, imports: WebAssembly.Imports) => WebAssembly.Instance): Root;"), "{sync}");
    assert!(sync.contains("export type { TestCliLogger, api };"), "{sync}");
}

#[test]
fn features_include_unstable_items() {
    let dir = app_wit("features");
    for args in [&["--feature", "fancy"][..], &["--all-features"][..]] {
        let mut all = vec!["types", "app.wit", "-o", "out", "-q"];
        all.extend(args);
        assert!(ferry(&all, &dir).status.success());
        assert!(read(dir.join("out/app.d.ts")).contains("export function fancy(): void;"), "{args:?}");
    }
}

#[test]
fn guest_types_writes_what_a_guest_imports_and_exports() {
    let dir = app_wit("guest");
    let result = ferry(&["guest-types", "app.wit", "-o", "out"], &dir);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let main = read(dir.join("out/app.d.ts"));
    assert!(main.starts_with("// Generated by ferry") && main.contains("/// <reference path=\"./app.imports.d.ts\" />"), "{main}");
    assert!(main.contains("export declare namespace Api {"), "{main}");
    assert!(main.contains("  export interface Counter {\n    get(): number;\n"), "{main}");
    assert!(main.contains("[Symbol.dispose]?(): void;"), "{main}");
    assert!(main.contains("  Counter: {\n    new (start: number): Api.Counter;\n  };"), "{main}");
    assert!(main.contains("moveBy(p: Api.Point, dx: bigint): Api.Point;"), "{main}");
    assert!(main.contains("export interface Guest {\n  version(): string;\n  api: Api;\n}"), "{main}");
    let imports = read(dir.join("out/app.imports.d.ts"));
    assert!(imports.contains("declare module \"test:cli/logger\""), "{imports}");
}

#[test]
fn bad_wit_is_one_error_with_file_line_col() {
    let dir = scratch("bad");
    std::fs::write(dir.join("bad.wit"), "package a:b;\n\ninterface i {\n  f: func(x: u32) -> strin;\n}\n").unwrap();
    std::fs::write(dir.join("syntax.wit"), "package a:b;\ninterface i {\n  f: func() ->;\n}\n").unwrap();
    for command in ["types", "guest-types"] {
        assert_rejected(&ferry(&[command, "bad.wit", "-o", "out"], &dir), &dir, "bad.wit:4:22: name `strin` does not exist");
        assert_rejected(&ferry(&[command, "syntax.wit", "-o", "out"], &dir), &dir, "syntax.wit:3:15: expected a type, found ';'");
    }
}

#[test]
fn a_missing_file_an_unknown_world_and_an_unsupported_type_are_errors() {
    let dir = app_wit("errors");
    assert_rejected(&ferry(&["types", "nope.wit", "-o", "out"], &dir), &dir, "nope.wit");
    assert_rejected(&ferry(&["types", "app.wit", "--world", "other", "-o", "out"], &dir), &dir, "World `other` not found");
    std::fs::write(dir.join("stream.wit"), "package a:b;\nworld w { export f: func(s: stream<u8>); }\n").unwrap();
    assert_rejected(
        &ferry(&["guest-types", "stream.wit", "-o", "out"], &dir),
        &dir,
        "world `w`: function `f`: streams and futures are not supported yet",
    );
}

#[test]
fn transpile_writes_the_declarations_next_to_the_module() {
    let dir = scratch("transpile");
    std::fs::write(dir.join("add.wasm"), wat::parse_str(ADD_COMPONENT).unwrap()).unwrap();
    let result = ferry(&["transpile", "add.wasm", "-o", "out"], &dir);
    assert!(result.status.success() && result.stderr.is_empty(), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(String::from_utf8_lossy(&result.stdout).contains("out/add.d.ts"));
    let dts = read(dir.join("out/add.d.ts"));
    assert!(dts.contains("export declare function add(a: number, b: number): number;"), "{dts}");
    assert!(!dir.join("out/add.imports.d.ts").exists());
}

#[test]
fn transpile_warns_when_the_component_has_no_wit_form() {
    let dir = scratch("no-wit");
    // Valid, and transpiles, but WIT has no function named like an interface.
    let wat = r#"(component (import "wasi:http/types" (func)))"#;
    std::fs::write(dir.join("odd.wasm"), wat::parse_str(wat).unwrap()).unwrap();
    let result = ferry(&["transpile", "odd.wasm", "-o", "out"], &dir);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "warning: odd.wasm: no .d.ts written: `wasi:http/types` is named like an interface but is not an instance, which WIT cannot express"
    );
    assert!(dir.join("out/odd.js").exists() && !dir.join("out/odd.d.ts").exists());
    let quiet = ferry(&["transpile", "odd.wasm", "-o", "quiet", "-q"], &dir);
    assert!(quiet.status.success() && quiet.stderr.is_empty());
}
