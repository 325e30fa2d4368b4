//! Writes the differential checker's inputs: for a seed, batches of random WIT types, each
//! batch a component (`batch-<k>.wasm`, its world in `batch-<k>.wit`) and its cases with
//! random values (`batch-<k>.json`). See README.md for the formats and the drivers.
//!
//!   ferry-differential --seed N --out DIR [--batches B] [--cases C]

mod component;
mod rng;
mod types;
mod values;

use rng::Rng;
use serde_json::json;
use std::path::{Path, PathBuf};
use types::{Budget, Types};
use values::ValueCx;
use wit_component::StringEncoding;

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

const ENCODINGS: [(StringEncoding, &str); 3] =
    [(StringEncoding::UTF8, "utf8"), (StringEncoding::UTF16, "utf16"), (StringEncoding::CompactUTF16, "latin1+utf16")];

/// Draws batch `k` of the seed (its own PRNG stream, so a batch can be remade alone) and
/// writes its three files.
fn write_batch(args: &Args, k: u32) -> Result<(), String> {
    let mut rng = Rng::new(args.seed.wrapping_mul(0x1_0000_0001).wrapping_add(k as u64));
    let (encoding, encoding_name) = ENCODINGS[k as usize % ENCODINGS.len()];
    let mut types = Types::default();
    let mut values = ValueCx::new();
    let mut funcs = String::new();
    let mut cases = Vec::new();
    for i in 0..args.cases {
        let mut budget = Budget { depth: rng.range(1, 5) as u32, nodes: rng.range(1, 24) as u32 };
        let ty = types.draw(&mut rng, &mut budget, true);
        let wit = types.wit(&ty);
        // Some cases also lend a resource (a `borrow<res>` parameter) through the call.
        let borrow = rng.chance(1, 6);
        let params = if borrow { format!("x: {wit}, b: borrow<res>") } else { format!("x: {wit}") };
        funcs.push_str(&format!("  import echo{i}: func({params}) -> {wit};\n"));
        funcs.push_str(&format!("  export pass{i}: func({params}) -> {wit};\n"));
        values.room = 4000;
        let value = values::draw(&mut rng, &types, &mut values, &ty);
        let mut case = json!({ "index": i, "wit": wit, "type": types.describe(&ty), "value": value });
        if borrow {
            case["borrow"] = json!(values.next_resource);
            values.next_resource += 1;
        }
        cases.push(case);
    }
    let wit = format!(
        "package ferry:differential;\n\nworld echo {{\n  resource res;\n{}\n{funcs}}}\n",
        types.wit_defs()
    );
    let component = component::build(&wit, encoding).map_err(|e| format!("seed {} batch {k}: {e}\n{wit}", args.seed))?;
    let batch = json!({ "seed": args.seed, "batch": k, "encoding": encoding_name, "cases": cases });
    let base = args.out.join(format!("batch-{k}"));
    write(&base.with_extension("wit"), wit.as_bytes())?;
    write(&base.with_extension("wasm"), &component)?;
    write(&base.with_extension("json"), serde_json::to_string(&batch).expect("JSON values print").as_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

