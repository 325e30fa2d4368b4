//! Embeds in the `ferry` binary what it writes or runs beside its own code:
//! - the WASI host package (`runtime-shims/`: `package.json` and `src/`), for `ferry run` to
//!   write beside the program it transpiles;
//! - the JS engines (`componentize/engine/`, QuickJS for wasm32-wasip1, built for size and
//!   for speed) that `ferry componentize` pre-initialises, built here unless
//!   `FERRY_ENGINE_WASM` names a size engine already built (the speed engine is then
//!   `FERRY_ENGINE_SPEED_WASM`, or `ferry_engine_speed.wasm` beside it, where `build.sh`
//!   puts it). The engine is its own cargo workspace with its own target directory, so the
//!   nested build never waits on this one's lock.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn main() {
    embed_shims();
    build_engine();
}

fn embed_shims() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("runtime-shims");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = vec![root.join("package.json")];
    collect(&root.join("src"), &mut files);
    files.sort();
    let mut code = String::from("/// The files of `@ferry-wasm/shims`, by path inside the package.\npub const FILES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let inside = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({inside:?}, include_bytes!({:?})),\n", file.display().to_string()));
    }
    code.push_str("];\n");
    fs::write(PathBuf::from(env::var("OUT_DIR").unwrap()).join("shims.rs"), code).unwrap();
}

/// Every `.js` file below `dir`, and a rerun trigger for each directory.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "js") {
            files.push(path);
        }
    }
}

fn build_engine() {
    println!("cargo:rerun-if-env-changed=FERRY_ENGINE_WASM");
    println!("cargo:rerun-if-env-changed=FERRY_ENGINE_SPEED_WASM");
    if let Some(path) = env::var_os("FERRY_ENGINE_WASM") {
        let size = PathBuf::from(path);
        let speed = match env::var_os("FERRY_ENGINE_SPEED_WASM") {
            Some(path) => PathBuf::from(path),
            None => size.with_file_name("ferry_engine_speed.wasm"),
        };
        embed_engines(&size, &speed);
        return;
    }
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    for input in ["engine/src", "engine/Cargo.toml", "engine/Cargo.lock", "engine/build.sh", "schema/src"] {
        println!("cargo:rerun-if-changed={}", manifest_dir.join("componentize").join(input).display());
    }
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    // The outer build's settings are for the host; the engine's build makes its own.
    let status = Command::new("bash")
        .arg(manifest_dir.join("componentize/engine/build.sh"))
        .arg(&out_dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET")
        .status()
        .expect("cannot run bash for componentize/engine/build.sh");
    if !status.success() {
        panic!("building the JS engine failed: componentize/engine/build.sh {}", out_dir.display());
    }
    embed_engines(&out_dir.join("ferry_engine.wasm"), &out_dir.join("ferry_engine_speed.wasm"));
}

/// Has `src/commands/componentize.rs` include the size and speed engines at these paths.
fn embed_engines(size: &Path, speed: &Path) {
    for (var, path) in [("FERRY_ENGINE_WASM", size), ("FERRY_ENGINE_SPEED_WASM", speed)] {
        if !path.is_file() {
            panic!("{var}: no engine at {} (componentize/engine/build.sh writes both)", path.display());
        }
        println!("cargo:rerun-if-changed={}", path.display());
        println!("cargo:rustc-env={var}={}", path.display());
    }
}
