//! One batch: its cases' types and values, the WIT world of their echo functions, and the
//! component.

use crate::rng::Rng;
use crate::types::{Budget, Types};
use crate::values::{self, ValueCx};
use crate::component;
use serde_json::{Value, json};
use wit_component::StringEncoding;

pub struct Batch {
    pub wit: String,
    pub component: Vec<u8>,
    /// `{"seed", "batch", "encoding", "cases": [{"index", "wit", "type", "value", "borrow"?}]}`
    pub spec: Value,
}

/// The string encodings, one per batch in turn.
const ENCODINGS: [(StringEncoding, &str); 3] =
    [(StringEncoding::UTF8, "utf8"), (StringEncoding::UTF16, "utf16"), (StringEncoding::CompactUTF16, "latin1+utf16")];

/// Draws batch `k` of `seed`, from its own PRNG stream (so that a batch can be remade alone).
pub fn draw(seed: u64, k: u32, count: u32) -> Result<Batch, String> {
    let mut rng = Rng::new(seed.wrapping_mul(0x1_0000_0001).wrapping_add(k as u64));
    let (encoding, encoding_name) = ENCODINGS[k as usize % ENCODINGS.len()];
    let mut types = Types::default();
    let mut values = ValueCx::new();
    let mut funcs = String::new();
    let mut cases = Vec::new();
    for i in 0..count {
        // Mostly small types, some large ones.
        let mut budget = if rng.chance(1, 5) {
            Budget { depth: rng.range(4, 8) as u32, nodes: rng.range(20, 80) as u32 }
        } else {
            Budget { depth: rng.range(1, 5) as u32, nodes: rng.range(1, 24) as u32 }
        };
        let ty = types.draw(&mut rng, &mut budget, true);
        let wit = types.wit(&ty);
        // Some cases also lend a resource (a `borrow<res>` parameter) through the call.
        let borrow = rng.chance(1, 6);
        let params = if borrow { format!("x: {wit}, b: borrow<res>") } else { format!("x: {wit}") };
        funcs.push_str(&format!("  import echo{i}: func({params}) -> {wit};\n"));
        funcs.push_str(&format!("  export pass{i}: func({params}) -> {wit};\n"));
        values.start_case();
        let value = values::draw(&mut rng, &types, &mut values, &ty);
        let mut case = json!({ "index": i, "wit": wit, "type": types.describe(&ty), "value": value });
        if borrow {
            case["borrow"] = json!(values.fresh_resource());
        }
        cases.push(case);
    }
    let wit = format!("package ferry:differential;\n\nworld echo {{\n  resource res;\n{}\n{funcs}}}\n", types.wit_defs());
    let component = component::build(&wit, encoding).map_err(|e| format!("seed {seed} batch {k}: {e}\n{wit}"))?;
    let spec = json!({ "seed": seed, "batch": k, "encoding": encoding_name, "cases": cases });
    Ok(Batch { wit, component, spec })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_batch_every_time() {
        let (a, b) = (draw(7, 2, 30).unwrap(), draw(7, 2, 30).unwrap());
        assert_eq!(a.wit, b.wit);
        assert_eq!(a.component, b.component);
        assert_eq!(a.spec, b.spec);
        assert_ne!(a.wit, draw(8, 2, 30).unwrap().wit);
    }

    #[test]
    fn every_string_encoding_makes_a_valid_component() {
        // `build` validates what it encodes; batches 0, 1 and 2 take the three encodings.
        for k in 0..3 {
            let batch = draw(1, k, 40).unwrap();
            assert_eq!(batch.spec["cases"].as_array().unwrap().len(), 40);
            assert_eq!(batch.spec["encoding"], ENCODINGS[k as usize].1);
        }
    }
}
