//! The `ferry` command line: one file per subcommand under `commands/`.

mod commands;
mod node_host;
mod output;
mod wit;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "ferry", version, about = "Carries WebAssembly components across to JavaScript")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Turn a component into an ES module plus its core `.wasm` files.
    Transpile(commands::transpile::Args),
    /// Write the TypeScript declarations `transpile` would write for a component of a WIT world.
    Types(commands::types::Args),
    /// Write TypeScript declarations for a JS guest of a WIT world: its imports and exports.
    GuestTypes(commands::guest_types::Args),
    /// Run a `wasi:cli/run` component on Node, sandboxed: only what the flags grant is reachable.
    Run(commands::run::Args),
    /// Serve a `wasi:http/proxy` component on Node's HTTP server: a fresh instance per request.
    Serve(commands::serve::Args),
    /// Turn a JS or TypeScript module and a WIT world into a pre-initialised component.
    Componentize(commands::componentize::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Transpile(args) => commands::transpile::run(args).map(|()| ExitCode::SUCCESS),
        Command::Types(args) => commands::types::run(args).map(|()| ExitCode::SUCCESS),
        Command::GuestTypes(args) => commands::guest_types::run(args).map(|()| ExitCode::SUCCESS),
        Command::Run(args) => commands::run::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Componentize(args) => commands::componentize::run(args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
