//! One batch: its cases' types and values, the WIT world of their echo functions, and the
//! component.

use crate::rng::Rng;
use crate::types::{Budget, Types};
use crate::values::{self, ValueCx};
use crate::component::{self, Names};
use crate::compose::compose;
use serde_json::{Value, json};
use wit_component::StringEncoding;

pub struct Batch {
    pub wit: String,
    pub component: Vec<u8>,
    /// With `composed`: the inner component's WIT; `component` is then the composition of
    /// the outer component (`wit`) over the inner one (`export echo<i>` passing to the host's
    /// `import inner<i>`, with the next string encoding), so that values cross between two
    /// encodings on the way.
    pub inner_wit: Option<String>,
    /// `{"seed", "batch", "encoding", "host", "cases": [{"index", "wit", "type", "value", "borrow"?, "layout"?, "reallocs"?}]}`;
    /// `host`: the prefix of the imports the host answers (`echo`, or `inner` when composed).
    pub spec: Value,
}

/// The string encodings, one per batch in turn.
const ENCODINGS: [(StringEncoding, &str); 3] =
    [(StringEncoding::UTF8, "utf8"), (StringEncoding::UTF16, "utf16"), (StringEncoding::CompactUTF16, "latin1+utf16")];

const OUTER: Names = Names { import: "echo", export: "pass" };
const INNER: Names = Names { import: "inner", export: "echo" };

/// Draws batch `k` of `seed`, from its own PRNG stream (so that a batch can be remade alone).
pub fn draw(seed: u64, k: u32, count: u32, composed: bool) -> Result<Batch, String> {
    let mut rng = Rng::new(seed.wrapping_mul(0x1_0000_0001).wrapping_add(k as u64));
    let (encoding, encoding_name) = ENCODINGS[k as usize % ENCODINGS.len()];
    let mut types = Types::default();
    let mut values = ValueCx::new();
    let mut signatures = Vec::new();
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
        // Plain data also gets `layout<i>`: the bytes the host wrote, compared between the
        // two sides (`component::Kind::Layout`).
        let layout = types.has_layout(&ty);
        signatures.push((format!("func({params}) -> {wit}"), layout.then(|| format!("func({params}) -> list<u8>"))));
        values.start_case();
        let value = values::draw(&mut rng, &types, &mut values, &ty);
        let mut case = json!({ "index": i, "wit": wit, "type": types.describe(&ty), "value": value });
        if borrow {
            case["borrow"] = json!(values.fresh_resource());
        }
        if layout {
            case["layout"] = json!(true);
        }
        // Without strings, how a host allocates is the canonical ABI's to say (a string's
        // allocations depend on the host's own string encoding).
        if !types.contains_string(&ty) {
            case["reallocs"] = json!(true);
        }
        cases.push(case);
    }
    let build = |names: Names, encoding: StringEncoding| {
        // The outer component also tells how the host allocated (`component::reallocs_body`).
        let mut funcs = if names.export == OUTER.export { "  export reallocs: func() -> list<u32>;\n".to_string() } else { String::new() };
        for (i, (sig, layout)) in signatures.iter().enumerate() {
            funcs.push_str(&format!("  import {}{i}: {sig};\n  export {}{i}: {sig};\n", names.import, names.export));
            if let (Some(layout), true) = (layout, names.export == OUTER.export) {
                funcs.push_str(&format!("  export layout{i}: {layout};\n"));
            }
        }
        let wit = format!("package ferry:differential;\n\nworld echo {{\n  resource res;\n{}\n{funcs}}}\n", types.wit_defs());
        let component =
            component::build(&wit, encoding, names).map_err(|e| format!("seed {seed} batch {k}: {e}\n{wit}"))?;
        Ok::<_, String>((wit, component))
    };
    let (wit, mut component) = build(OUTER, encoding)?;
    let mut spec = json!({ "seed": seed, "batch": k, "encoding": encoding_name, "host": "echo", "cases": cases });
    let mut inner_wit = None;
    if composed {
        let (inner_encoding, inner_name) = ENCODINGS[(k as usize + 1) % ENCODINGS.len()];
        let (wit, inner) = build(INNER, inner_encoding)?;
        component = compose(&component, &inner).map_err(|e| format!("seed {seed} batch {k}: composing: {e}"))?;
        spec["host"] = json!("inner");
        spec["encoding"] = json!(format!("{encoding_name}, inner {inner_name}"));
        inner_wit = Some(wit);
    }
    Ok(Batch { wit, component, inner_wit, spec })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_batch_every_time() {
        let (a, b) = (draw(7, 2, 30, true).unwrap(), draw(7, 2, 30, true).unwrap());
        assert_eq!(a.wit, b.wit);
        assert_eq!(a.component, b.component);
        assert_eq!(a.spec, b.spec);
        assert_eq!(a.inner_wit, b.inner_wit);
        assert_ne!(a.wit, draw(8, 2, 30, true).unwrap().wit);
    }

    #[test]
    fn every_string_encoding_makes_a_valid_component() {
        // `build` validates what it encodes; batches 0, 1 and 2 take the three encodings.
        for k in 0..3 {
            let batch = draw(1, k, 40, false).unwrap();
            assert_eq!(batch.spec["cases"].as_array().unwrap().len(), 40);
            assert_eq!(batch.spec["encoding"], ENCODINGS[k as usize].1);
        }
    }
}
