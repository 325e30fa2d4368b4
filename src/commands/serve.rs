//! `ferry serve`: serves a `wasi:http/proxy` component on Node's HTTP server, as `wasmtime
//! serve` does: a fresh instance of the component per request. The component is transpiled
//! with `--instantiation async` semantics, so that `@ferry-wasm/shims/serve` can instantiate
//! it for each request; the grants are `ferry run`'s (src/node_host.rs).

use crate::node_host::{Grants, json, run_node};
use ferry_transpiler::{Instantiation, Options, transpile};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The component to serve (a `.wasm` file exporting `wasi:http/incoming-handler`).
    component: PathBuf,

    /// The socket address to listen on (port 0: any free port; the address bound is printed).
    #[arg(long, value_name = "SOCKADDR", default_value = "0.0.0.0:8080")]
    addr: String,

    #[command(flatten)]
    grants: Grants,
}

/// Serves until the process is stopped (or fails to start).
pub fn run(args: Args) -> Result<ExitCode, String> {
    let file = args.component.display().to_string();
    let bytes = std::fs::read(&args.component).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let options = Options { name: "component".to_string(), instantiation: Instantiation::Async, ..Options::default() };
    let output = transpile(&bytes, &options).map_err(|e| format!("{file}: {e}"))?;
    let program = args.component.file_name().map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let grants = args.grants.options(&[program])?;
    let main = format!(
        "import {{ serve }} from '@ferry-wasm/shims/serve';\n\
         process.exit(await serve(new URL('./component.js', import.meta.url).href, {grants}, {{ addr: {}, name: {} }}));\n",
        json(&args.addr),
        json(&file)
    );
    run_node(&output.files, &main)
}
