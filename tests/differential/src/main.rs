//! Writes the differential checker's inputs: for a seed, batches of random WIT types, each
//! batch a component (`batch-<k>.wasm`, its world in `batch-<k>.wit`) and its cases with
//! random values (`batch-<k>.json`). See README.md for the formats and the drivers.
//!
//!   ferry-differential --seed N --out DIR [--batches B] [--cases C]

mod batch;
mod component;
mod rng;
mod types;
mod values;

use std::path::{Path, PathBuf};

struct Args {
    seed: u64,
    out: PathBuf,
    batches: u32,
    cases: u32,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { seed: 0, out: PathBuf::new(), batches: 20, cases: 100 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|_| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--seed" => args.seed = number()?,
            "--batches" => args.batches = number()? as u32,
            "--cases" => args.cases = number()?.max(1) as u32,
            "--out" => args.out = PathBuf::from(&value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("usage: ferry-differential --seed N --out DIR [--batches B] [--cases C]".into());
    }
    Ok(args)
}

fn main() {
    let result = parse_args().and_then(|args| {
        std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
        (0..args.batches).try_for_each(|k| write_batch(&args, k))
    });
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// Writes batch `k` of the seed: `batch-<k>.wit`, `.wasm` and `.json`.
fn write_batch(args: &Args, k: u32) -> Result<(), String> {
    let batch = batch::draw(args.seed, k, args.cases)?;
    let base = args.out.join(format!("batch-{k}"));
    write(&base.with_extension("wit"), batch.wit.as_bytes())?;
    write(&base.with_extension("wasm"), &batch.component)?;
    write(&base.with_extension("json"), serde_json::to_string(&batch.spec).expect("JSON values print").as_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

