//! The npm package's Wasm core: ferry's transpiler behind a wasm-bindgen interface for
//! `npm/src/api.js`, which turns the JS options into these arguments and the results into the
//! API's objects. Every failure is returned as a JS `Error` with the CLI's message, never a trap.

use ferry_transpiler::wit::{self, Features, Source};
use ferry_transpiler::{ExportKind, Instantiation, Options};
use wasm_bindgen::prelude::*;

/// Generated files: `(name, contents)`, in the order the CLI writes them.
#[wasm_bindgen]
pub struct Files(Vec<(String, Vec<u8>)>);

#[wasm_bindgen]
impl Files {
    pub fn names(&self) -> Vec<String> {
        self.0.iter().map(|(name, _)| name.clone()).collect()
    }

    /// The contents of the `index`th file (copied into a new `Uint8Array`).
    pub fn contents(&self, index: usize) -> Vec<u8> {
        self.0.get(index).map(|(_, contents)| contents.clone()).unwrap_or_default()
    }
}

/// A transpiled component: its files and a summary of the module's interface.
#[wasm_bindgen]
pub struct Transpiled {
    files: Option<Files>,
    output_imports: Vec<String>,
    exports: Vec<(String, ExportKind)>,
    output_warnings: Vec<String>,
}

#[wasm_bindgen]
impl Transpiled {
    /// The files; a second call gets none.
    #[wasm_bindgen(js_name = takeFiles)]
    pub fn take_files(&mut self) -> Files {
        self.files.take().unwrap_or(Files(Vec::new()))
    }

    pub fn imports(&self) -> Vec<String> {
        self.output_imports.clone()
    }

    #[wasm_bindgen(js_name = exportNames)]
    pub fn export_names(&self) -> Vec<String> {
        self.exports.iter().map(|(name, _)| name.clone()).collect()
    }

    /// Each export's kind: `function`, `instance`, `class` or `module`.
    #[wasm_bindgen(js_name = exportKinds)]
    pub fn export_kinds(&self) -> Vec<String> {
        let kind = |kind: &ExportKind| match kind {
            ExportKind::Function => "function",
            ExportKind::Instance => "instance",
            ExportKind::Class => "class",
            ExportKind::Module => "module",
        };
        self.exports.iter().map(|(_, k)| kind(k).to_string()).collect()
    }

    pub fn warnings(&self) -> Vec<String> {
        self.output_warnings.clone()
    }
}

/// The options that shape the module, as `ferry transpile` and `ferry types` take them:
/// `instantiation` is `async`, `sync` or absent, `map` is `[spec, target, spec, target, ...]`.
#[wasm_bindgen]
pub struct ModuleOptions(Options);

#[wasm_bindgen]
impl ModuleOptions {
    #[wasm_bindgen(constructor)]
    pub fn new(
        instantiation: Option<String>,
        map: Vec<String>,
        namespaced_exports: bool,
        tla_compat: bool,
        wasi_shim: bool,
    ) -> Result<ModuleOptions, JsError> {
        let instantiation = match instantiation.as_deref() {
            None => Instantiation::Automatic,
            Some("async") => Instantiation::Async,
            Some("sync") => Instantiation::Sync,
            Some(other) => return Err(JsError::new(&format!("instantiation: expected `async` or `sync`, got `{other}`"))),
        };
        if !map.len().is_multiple_of(2) {
            return Err(JsError::new("map: expected `[spec, target]` pairs"));
        }
        let map = map.chunks(2).map(|pair| (pair[0].clone(), pair[1].clone())).collect();
        Ok(ModuleOptions(Options { instantiation, map, namespaced_exports, tla_compat, wasi_shim, ..Options::default() }))
    }
}

/// `ferry transpile`: the files `name`.js, .d.ts and .core*.wasm for a component binary.
#[wasm_bindgen]
pub fn transpile(bytes: &[u8], name: String, base64_cutoff: usize, options: &ModuleOptions) -> Result<Transpiled, JsError> {
    let options = Options { name, base64_cutoff, ..options.0.clone() };
    let output = ferry_transpiler::transpile(bytes, &options).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(Transpiled {
        files: Some(Files(output.files.into_iter().map(|(name, bytes)| (name, bytes.into_owned())).collect())),
        output_imports: output.imports,
        exports: output.exports,
        output_warnings: output.warnings,
    })
}

/// The WIT for `types`: files, each of a package (0: the main one, then its dependencies).
#[wasm_bindgen]
pub struct WitSources {
    packages: Vec<Vec<Source>>,
}

#[wasm_bindgen]
impl WitSources {
    #[wasm_bindgen(constructor)]
    pub fn new() -> WitSources {
        WitSources { packages: vec![Vec::new()] }
    }

    /// Adds a file to package `package` (0: the main package, 1...: dependencies).
    pub fn add(&mut self, package: usize, path: String, text: String) {
        if self.packages.len() <= package {
            self.packages.resize_with(package + 1, Vec::new);
        }
        self.packages[package].push((path, text));
    }
}

impl Default for WitSources {
    fn default() -> Self {
        WitSources::new()
    }
}

/// `ferry types`: the declarations of a WIT world's module (`label` names the WIT in errors).
#[wasm_bindgen]
pub fn types(
    sources: &WitSources,
    label: &str,
    world: Option<String>,
    features: Vec<String>,
    all_features: bool,
    name: Option<String>,
    options: &ModuleOptions,
) -> Result<Files, JsError> {
    let features = Features { names: features, all: all_features };
    let (main, deps) = sources.packages.split_first().ok_or_else(|| JsError::new("no WIT given"))?;
    let (resolve, world) = wit::load_sources(main, deps, world.as_deref(), &features, label).map_err(|e| JsError::new(&e))?;
    let files = wit::world_types(&resolve, world, name, options.0.clone()).map_err(|e| JsError::new(&e))?;
    Ok(Files(files))
}

/// One `--map` entry, `spec=target`, as `[spec, target]`.
#[wasm_bindgen(js_name = parseMapEntry)]
pub fn parse_map_entry(entry: &str) -> Result<Vec<String>, JsError> {
    let (spec, target) = Options::parse_map_entry(entry).map_err(|e| JsError::new(&e))?;
    Ok(vec![spec, target])
}
