//! Writes the differential checker's inputs: for a seed, batches of random WIT types, each
//! batch a component (`batch-<k>.wasm`, its world in `batch-<k>.wit`) and its cases with
//! random values (`batch-<k>.json`). See README.md for the formats and the drivers.
//! `--composed`: each batch's component is two components composed, the outer one's world in
//! `batch-<k>.wit`, the inner one's in `batch-<k>.inner.wit` (see `batch::Batch`).
//!
//!   ferry-differential --seed N --out DIR [--batches B] [--cases C] [--composed]

mod batch;
mod component;
mod compose;
mod rng;
mod types;
mod values;

use std::path::{Path, PathBuf};

struct Args {
    seed: u64,
    out: PathBuf,
    batches: u32,
    cases: u32,
    composed: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { seed: 0, out: PathBuf::new(), batches: 20, cases: 100, composed: false };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--composed" {
            args.composed = true;
            continue;
        }
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
        return Err("usage: ferry-differential --seed N --out DIR [--batches B] [--cases C] [--composed]".into());
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

/// Writes batch `k` of the seed: `batch-<k>.json`, `.wit` and `.wasm` (and `.inner.wit`).
fn write_batch(args: &Args, k: u32) -> Result<(), String> {
    let batch = batch::draw(args.seed, k, args.cases, args.composed)?;
    let file = |ext: &str| args.out.join(format!("batch-{k}.{ext}"));
    write(&file("wit"), batch.wit.as_bytes())?;
    if let Some(wit) = &batch.inner_wit {
        write(&file("inner.wit"), wit.as_bytes())?;
    }
    write(&file("wasm"), &batch.component)?;
    write(&file("json"), serde_json::to_string(&batch.spec).expect("JSON values print").as_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

