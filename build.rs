//! Embeds the WASI host package (`runtime-shims/`: `package.json` and `src/`) in the `ferry`
//! binary, for `ferry run` to write beside the program it transpiles.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
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
