//! `ferry run`: runs a `wasi:cli/run` component on Node, sandboxed as `wasmtime run` does.
//! The component is transpiled into a temporary directory beside a copy of the WASI host
//! package, and a Node process runs it with the grants given here (src/node_host.rs).

use crate::node_host::{Grants, json, run_node};
use ferry_transpiler::{Options, transpile};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The component to run (a `.wasm` file exporting `wasi:cli/run`).
    component: PathBuf,

    #[command(flatten)]
    grants: Grants,

    /// Arguments for the program.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    args: Vec<String>,
}

/// Runs the component; its exit code becomes ferry's.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let file = args.component.display().to_string();
    let bytes = std::fs::read(&args.component).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let output = transpile(&bytes, &Options { name: "component".to_string(), ..Options::default() })
        .map_err(|e| format!("{file}: {e}"))?;
    // As wasmtime: the program's name is the component's file name.
    let program = args.component.file_name().map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let program_args: Vec<String> = std::iter::once(program).chain(args.args.iter().cloned()).collect();
    let grants = args.grants.options(&program_args)?;
    let main = format!(
        "import {{ runCommand }} from '@ferry-wasm/shims/command';\n\
         process.exit(await runCommand(new URL('./component.js', import.meta.url).href, {grants}, {}));\n",
        json(&file)
    );
    run_node(&output.files, &main)
}
