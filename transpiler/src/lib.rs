//! ferry's transpiler core: a WebAssembly component in, an ES module out.
//!
//! The pipeline is `parse -> model -> plan -> emit` (see `docs/ARCHITECTURE.md`):
//! [`parse`] validates the binary and records each component's definitions in ferry's own
//! [`model`]; [`plan`] instantiates the component tree at compile time into a flat list of core
//! instantiations and trampolines; [`emit`] prints the JS for that plan. The crate does no I/O,
//! so it also builds for `wasm32-unknown-unknown`.

mod abi;
mod dts;
mod emit;
mod error;
pub mod jspi;
mod model;
pub mod names;
mod parse;
mod plan;
mod specifier;
pub mod wit;

pub use dts::{guest_types, types};
pub use error::Error;
/// The WebAssembly features a component may use: wasmparser's defaults and the component
/// model proposals ferry validates; a binary that needs another is refused as invalid.
pub use parse::features;
use std::borrow::Cow;

/// How the generated module gets its core modules and imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instantiation {
    /// The module instantiates itself on import (top-level await, or `$init` with `tla_compat`).
    Automatic,
    /// The module exports `instantiate(getCoreModule, imports, instantiateCore?)` returning a
    /// promise of the exports.
    Async,
    /// As `Async`, but synchronous.
    Sync,
}

/// How imports that may block reach the component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsyncMode {
    /// Every import returns its value synchronously.
    Sync,
    /// Async imports may return a Promise: the component suspends through JSPI
    /// (`WebAssembly.Suspending`) until it settles, and the exports that can reach them
    /// return Promises (`WebAssembly.promising`). See [`jspi`].
    Jspi,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Base name of the generated files: `<name>.js`, `<name>.core.wasm`, ...
    pub name: String,
    pub instantiation: Instantiation,
    /// Import specifier remappings `(spec, target)`, tried in order.
    pub map: Vec<(String, String)>,
    /// Core modules below this size are inlined as base64.
    pub base64_cutoff: usize,
    /// Also export interfaces under their full `ns:pkg/iface@version` name.
    pub namespaced_exports: bool,
    /// Export an `$init` promise instead of using top-level await.
    pub tla_compat: bool,
    /// Import `wasi:*` interfaces from `@ferry-wasm/shims` unless `map` says otherwise.
    pub wasi_shim: bool,
    pub async_mode: AsyncMode,
    /// Jspi mode: the imported functions that may return a Promise (`wasi:io/poll#poll`,
    /// `sleep`); `None`: WASI's blocking calls ([`jspi::WASI_BLOCKING`]).
    pub async_imports: Option<Vec<String>>,
    /// Jspi mode: the exported functions that return a Promise (`run`,
    /// `wasi:cli/run#run`); `None`: every export but constructors, when any import is async.
    pub async_exports: Option<Vec<String>>,
}

impl Options {
    /// One `--map` entry, `spec=target`, as a `(spec, target)` pair.
    pub fn parse_map_entry(entry: &str) -> Result<(String, String), String> {
        entry
            .split_once('=')
            .filter(|(spec, target)| !spec.is_empty() && !target.is_empty())
            .map(|(spec, target)| (spec.to_string(), target.to_string()))
            .ok_or_else(|| format!("--map `{entry}`: expected `spec=target`"))
    }

    /// The remappings in effect: `map`, then the WASI host package's subpaths.
    pub fn import_map(&self) -> Vec<(String, String)> {
        let wasi = if self.wasi_shim { specifier::WASI_SHIM_MAP } else { &[] };
        let wasi = wasi.iter().map(|(spec, target)| (spec.to_string(), target.to_string()));
        self.map.iter().cloned().chain(wasi).collect()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            name: "component".to_string(),
            instantiation: Instantiation::Automatic,
            map: Vec::new(),
            base64_cutoff: 0,
            namespaced_exports: true,
            tla_compat: false,
            wasi_shim: true,
            async_mode: AsyncMode::Sync,
            async_imports: None,
            async_exports: None,
        }
    }
}

/// What kind of thing a top-level export is in JS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Function,
    Instance,
    /// A resource type's class.
    Class,
    /// A core module (`WebAssembly.Module`).
    Module,
}

/// The transpiled files plus a summary of the module's interface.
#[derive(Debug)]
pub struct Output<'a> {
    /// `(file name, contents)`, the JS module first. A core module's contents borrow the
    /// component's bytes: a 100 MB data segment is not copied.
    pub files: Vec<(String, Cow<'a, [u8]>)>,
    /// The import specifiers the module needs.
    pub imports: Vec<String>,
    /// The module's exports, by JS export name.
    pub exports: Vec<(String, ExportKind)>,
    /// What was left out, and why: `no .d.ts written: <why>` when the component's WIT
    /// cannot be decoded or declared.
    pub warnings: Vec<String>,
}

/// Transpiles a component binary into an ES module, its declarations (`<name>.d.ts`) and its
/// core modules.
pub fn transpile<'a>(bytes: &'a [u8], options: &Options) -> Result<Output<'a>, Error> {
    let model = parse::parse(bytes)?;
    let plan = plan::plan(&model)?;
    // Declarations first: decoding the WIT buffers a section at a time (a whole data section),
    // and that buffer is gone before the output exists.
    let declarations = dts::from_component(bytes, options);
    let mut output = emit::emit(&model, &plan, bytes, options)?;
    match declarations {
        Ok(declarations) => {
            output.files.splice(1..1, declarations.into_iter().map(|(name, text)| (name, Cow::Owned(text))));
        }
        Err(e) => output.warnings.push(format!("no .d.ts written: {e}")),
    }
    Ok(output)
}
