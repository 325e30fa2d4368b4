//! `ferry transpile`: reads a component, writes `<name>.js`, its declarations and its core
//! modules.

use crate::output;
use ferry_transpiler::{AsyncMode, Instantiation, Options};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The component to transpile (a `.wasm` file).
    component: PathBuf,

    /// Directory to write the ES module and core `.wasm` files into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    out_dir: PathBuf,

    /// Base name of the generated files (default: the component's file stem).
    #[arg(long)]
    name: Option<String>,

    #[command(flatten)]
    module: ModuleArgs,

    /// Core modules smaller than this many bytes are inlined into the JS as base64.
    #[arg(long, value_name = "BYTES", default_value_t = 0)]
    base64_cutoff: usize,

    /// Print nothing on success.
    #[arg(short, long)]
    quiet: bool,
}

/// The options that shape the module's interface, shared with `ferry types`.
#[derive(clap::Args)]
pub struct ModuleArgs {
    /// Export an `instantiate(getCoreModule, imports, instantiateCore?)` function instead of
    /// instantiating on import; `async` returns a promise, `sync` needs synchronously available
    /// core modules.
    #[arg(long, value_name = "MODE")]
    instantiation: Option<InstantiationArg>,

    /// Remap an import specifier: `spec=target`. `spec` may end in `*` (matched by the
    /// target's `*`), and the target may name one of its exports with `#name`. Repeatable.
    #[arg(long = "map", value_name = "SPEC=TARGET")]
    map: Vec<String>,

    /// Export interfaces only under their short name (`iface`), not also under the full
    /// `ns:pkg/iface@version` string name.
    #[arg(long)]
    no_namespaced_exports: bool,

    /// Instead of top-level await, export an `$init` promise that settles once the component
    /// is instantiated (for environments without top-level await).
    #[arg(long)]
    tla_compat: bool,

    /// Do not import `wasi:*` interfaces from `@ferry-wasm/shims` (ferry's WASI host
    /// package): they are then imported by their own names, unless `--map` says otherwise.
    #[arg(long)]
    no_wasi_shim: bool,

    /// `jspi`: imports that may block (`--async-imports`) may return a Promise, and the
    /// component suspends through JSPI until it settles; the exports that can reach them
    /// (`--async-exports`) return Promises. Needs an engine with JSPI (Chromium 137+,
    /// Node 25+).
    #[arg(long, value_name = "MODE", default_value = "sync")]
    async_mode: AsyncModeArg,

    /// With `--async-mode jspi`: the imported functions that may return a Promise, as
    /// `iface#func` (`wasi:io/poll#poll`) or a world-level function's name. Default: WASI's
    /// blocking calls (`poll`, `pollable.block`, the streams' `blocking-*` methods).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    async_imports: Option<Vec<String>>,

    /// With `--async-mode jspi`: the exported functions that return a Promise (`run`,
    /// `wasi:cli/run#run`). Default: every export but constructors, if any import is async.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    async_exports: Option<Vec<String>>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum InstantiationArg {
    Async,
    Sync,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum AsyncModeArg {
    Sync,
    Jspi,
}

impl ModuleArgs {
    /// The transpiler options for files named `name`.
    pub fn options(&self, name: String) -> Result<Options, String> {
        let map = self.map.iter().map(|entry| Options::parse_map_entry(entry)).collect::<Result<_, _>>()?;
        Ok(Options {
            name,
            instantiation: match self.instantiation {
                None => Instantiation::Automatic,
                Some(InstantiationArg::Async) => Instantiation::Async,
                Some(InstantiationArg::Sync) => Instantiation::Sync,
            },
            map,
            namespaced_exports: !self.no_namespaced_exports,
            tla_compat: self.tla_compat,
            wasi_shim: !self.no_wasi_shim,
            async_mode: match self.async_mode {
                AsyncModeArg::Sync => AsyncMode::Sync,
                AsyncModeArg::Jspi => AsyncMode::Jspi,
            },
            async_imports: self.async_imports.clone(),
            async_exports: self.async_exports.clone(),
            ..Options::default()
        })
    }
}

pub fn run(args: Args) -> Result<(), String> {
    let file = args.component.display().to_string();
    let bytes = std::fs::read(&args.component).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let name = match &args.name {
        Some(name) => name.clone(),
        None => args
            .component
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "component".to_string()),
    };
    let options = Options { base64_cutoff: args.base64_cutoff, ..args.module.options(name)? };
    let transpiled = ferry_transpiler::transpile(&bytes, &options).map_err(|e| format!("{file}: {e}"))?;
    let written = output::write_all(&args.out_dir, &transpiled.files)?;
    if !args.quiet {
        for warning in &transpiled.warnings {
            eprintln!("warning: {file}: {warning}");
        }
        output::print_written(&written);
    }
    Ok(())
}
