//! The `ferry` command line: one file per subcommand under `commands/`.

mod commands;
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Transpile(args) => commands::transpile::run(args),
        Command::Types(args) => commands::types::run(args),
        Command::GuestTypes(args) => commands::guest_types::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
