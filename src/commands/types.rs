//! `ferry types`: the `.d.ts` declarations `ferry transpile` would write for a component of a
//! WIT world, from the WIT alone, for a host written before (or without) the component.

use super::transpile::ModuleArgs;
use crate::output;
use crate::wit::WitArgs;
use ferry_transpiler::wit::world_types;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    wit: WitArgs,

    /// Directory to write the declarations into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    out_dir: PathBuf,

    /// Base name of the files, as `transpile --name` would give the module (default: the
    /// world's name): `<name>.d.ts` declares `<name>.js`.
    #[arg(long)]
    name: Option<String>,

    #[command(flatten)]
    module: ModuleArgs,

    /// Print nothing on success.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<(), String> {
    let (resolve, world) = args.wit.load()?;
    let options = args.module.options(String::new())?;
    let files = world_types(&resolve, world, args.name.clone(), options)?;
    let written = output::write_all(&args.out_dir, &files)?;
    if !args.quiet {
        output::print_written(&written);
    }
    Ok(())
}
