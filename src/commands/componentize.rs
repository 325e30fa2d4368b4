//! `ferry componentize`: a JS (or TypeScript) module and a WIT world in, a component out.

use std::path::PathBuf;
use std::time::Duration;

use ferry_componentize::{builtin_imports, compress, pipeline, preinit};

use crate::wit;

/// The QuickJS engine modules, built by `componentize/engine/build.sh` when ferry is built:
/// for size (the default) and for speed.
const ENGINE: &[u8] = include_bytes!(env!("FERRY_ENGINE_WASM"));
const ENGINE_SPEED: &[u8] = include_bytes!(env!("FERRY_ENGINE_SPEED_WASM"));

/// What the component's engine is built for (`--optimize`).
#[derive(Clone, Copy, clap::ValueEnum)]
enum Optimize {
    /// QuickJS at -Oz: the smallest component.
    Size,
    /// QuickJS's C at -O2: about 400 KB more, its JS faster.
    Speed,
}

/// How the component stores its initialised memory (`--compress-memory`).
#[derive(Clone, Copy, clap::ValueEnum)]
enum MemoryFormat {
    /// Data segments.
    None,
    /// LZ77 in whole bytes (`compress::Codec::Fast`).
    Fast,
    /// LZ77 with a range coder (`compress::Codec::Small`).
    Small,
}

#[derive(clap::Args)]
pub struct Args {
    /// The JS module (`.js`, `.mjs`) or TypeScript module (`.ts`, types stripped); the modules
    /// it imports by relative path come along.
    input: PathBuf,

    /// The WIT: a `.wit` file, or a directory of them (a package, its dependencies in `deps/`).
    #[arg(long, value_name = "PATH")]
    wit: PathBuf,

    /// The world the component is of (default: the package's only world).
    #[arg(long)]
    world: Option<String>,

    /// Where to write the component.
    #[arg(short, long, value_name = "FILE")]
    out: PathBuf,

    /// Builtin groups to leave out, comma-separated: `stdio` (console), `clocks` (Date,
    /// performance, timers), `random` (crypto, Math.random), `http` (fetch). Using one then
    /// throws a JS error, and the component does not import its WASI interfaces.
    #[arg(long, value_name = "GROUPS", default_value = "")]
    disable: String,

    /// The longest the module's top level may run, at componentize time, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    init_timeout: f64,

    /// What the JS engine in the component is built for: `size` (the smallest component) or
    /// `speed` (about 400 KB more; JS runs faster: see BENCHMARKS.md).
    #[arg(long, value_enum, value_name = "GOAL", default_value = "size")]
    optimize: Optimize,

    /// How to store the module's initialised memory: `fast` (compressed, decoded at each
    /// instantiation, about 1 ms per 512 KB), `small` (a fifth smaller again, but decoding
    /// takes some ten times longer; what the flag alone means) or `none` (as data segments,
    /// which hosts map in without copying). By default `fast`, but `none` for a world that
    /// exports wasi:http/incoming-handler: servers make an instance per request.
    #[arg(long, value_enum, value_name = "FORMAT", num_args = 0..=1, default_missing_value = "small", require_equals = true)]
    compress_memory: Option<MemoryFormat>,

    /// Print nothing on success but what the module's top level printed.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<(), String> {
    let disabled = builtin_imports::parse_disabled(&args.disable)?;
    let time = Duration::try_from_secs_f64(args.init_timeout)
        .map_err(|_| format!("--init-timeout: `{}` is not a number of seconds", args.init_timeout))?;
    let (resolve, world) = wit::load(&args.wit, args.world.as_deref(), &Default::default())?;
    let options = pipeline::Options {
        disabled,
        init_limits: preinit::Limits { time, ..Default::default() },
        compress_memory: match args.compress_memory {
            Some(MemoryFormat::None) => None,
            Some(MemoryFormat::Fast) => Some(compress::Codec::Fast),
            Some(MemoryFormat::Small) => Some(compress::Codec::Small),
            None => compress::default_codec(&resolve, world),
        },
    };
    let engine = engine(args.optimize)?;
    let done = pipeline::componentize(&args.input, resolve, world, options, &engine).map_err(|e| e.to_string())?;
    // What the top level printed, as the user would see it running the module.
    use std::io::Write;
    let _ = std::io::stdout().write_all(&done.init_output.stdout);
    let _ = std::io::stderr().write_all(&done.init_output.stderr);
    std::fs::write(&args.out, &done.component).map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    if !args.quiet {
        println!("wrote {} ({} bytes)", args.out.display(), done.component.len());
    }
    Ok(())
}

/// The embedded engine for `optimize`, or the one at `$FERRY_ENGINE` (size) or
/// `$FERRY_ENGINE_SPEED` (speed), for working on the engine without rebuilding ferry.
fn engine(optimize: Optimize) -> Result<std::borrow::Cow<'static, [u8]>, String> {
    let (var, embedded) = match optimize {
        Optimize::Size => ("FERRY_ENGINE", ENGINE),
        Optimize::Speed => ("FERRY_ENGINE_SPEED", ENGINE_SPEED),
    };
    match std::env::var_os(var) {
        Some(path) => std::fs::read(&path)
            .map(Into::into)
            .map_err(|e| format!("cannot read the engine at ${var} ({}): {e}", PathBuf::from(path).display())),
        None => Ok(embedded.into()),
    }
}
