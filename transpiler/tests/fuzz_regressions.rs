//! The components the fuzz targets (`fuzz/`) once crashed on. `transpile_wit`'s, in
//! `fuzz/regressions/transpile_wit/`: valid components, each transpiled under every
//! combination of the options' modes. None may panic, and each must transpile, with its
//! `.d.ts` and no warning, unless the error or warning names a feature ferry does not support.

use ferry_transpiler::{AsyncMode, Instantiation, Options, transpile};
use std::path::{Path, PathBuf};

/// Every combination of the options that choose a code path rather than a name.
fn option_sets() -> Vec<Options> {
    let mut sets = Vec::new();
    for instantiation in [Instantiation::Automatic, Instantiation::Async, Instantiation::Sync] {
        for async_mode in [AsyncMode::Sync, AsyncMode::Jspi] {
            for flags in 0..8 {
                sets.push(Options {
                    instantiation,
                    async_mode,
                    tla_compat: flags & 1 != 0,
                    namespaced_exports: flags & 2 != 0,
                    wasi_shim: flags & 4 != 0,
                    ..Options::default()
                });
            }
        }
    }
    sets
}

/// Each input of `fuzz/regressions/<target>/`, by path, with its bytes.
fn regressions(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} holds the components", dir.display());
    inputs.into_iter().map(|path| (path.clone(), std::fs::read(&path).unwrap())).collect()
}

#[test]
fn transpile_wit_regressions_transpile() {
    for (path, bytes) in regressions("transpile_wit") {
        for options in option_sets() {
            match transpile(&bytes, &options) {
                Ok(output) => {
                    for warning in &output.warnings {
                        assert!(warning.contains("not supported"), "{}: {options:?}: {warning}", path.display());
                    }
                }
                Err(e) => assert!(e.message().contains("not supported"), "{}: {options:?}: {e}", path.display()),
            }
        }
    }
}

/// The inputs the `transpile_bytes` target once crashed on, in
/// `fuzz/regressions/transpile_bytes/` (the component, without the option bytes): under
/// every option set, `transpile` returns, with an error or with its output.
#[test]
fn transpile_bytes_regressions_do_not_panic() {
    for (_, bytes) in regressions("transpile_bytes") {
        for options in option_sets() {
            let _ = transpile(&bytes, &options);
        }
    }
}
