//! `ferry guest-types`: the `.d.ts` declarations for a JS guest of a WIT world (what it can
//! import, what it must export), for `ferry componentize`.

use crate::output;
use crate::wit::WitArgs;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    wit: WitArgs,

    /// Directory to write `<world>.d.ts` and `<world>.imports.d.ts` into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    out_dir: PathBuf,

    /// Print nothing on success.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<(), String> {
    let (resolve, world) = args.wit.load()?;
    let files =
        ferry_transpiler::guest_types(&resolve, world).map_err(|e| format!("world `{}`: {e}", resolve.worlds[world].name))?;
    let written = output::write_all(&args.out_dir, &files)?;
    if !args.quiet {
        output::print_written(&written);
    }
    Ok(())
}
