//! The linked core module as a component: the world's types embedded as wit-component expects
//! them. The linked module has no WASI preview 1 imports (see `link`), so no adapter.

use wasm_encoder::RawSection;
use wasmparser::{Parser, Payload};
use wit_component::{ComponentEncoder, StringEncoding, embed_component_metadata};
use wit_parser::{Resolve, WorldId};

/// Wraps `module` (a core module linked to `world`, see `link`) as a component.
pub fn encode(mut module: Vec<u8>, resolve: &Resolve, world: WorldId) -> Result<Vec<u8>, String> {
    embed_component_metadata(&mut module, resolve, world, StringEncoding::UTF8, false)
        .map_err(|e| format!("embedding the world's types: {e:#}"))?;
    let mut encoder = ComponentEncoder::default();
    encoder.validate(true);
    encoder.module(&module).map_err(|e| format!("reading the linked module: {e:#}"))?;
    let component = encoder.encode().map_err(|e| format!("encoding the component: {e:#}"))?;
    without_custom_section(&component, "component-name")
}

/// `component` without its top-level custom sections called `name`. The `component-name`
/// section names the component's instances and functions for tools (3.5 KB for a hello world,
/// which runs and transpiles the same without it); wit-component always writes it.
fn without_custom_section(component: &[u8], name: &str) -> Result<Vec<u8>, String> {
    let mut out = wasm_encoder::Component::new();
    // `parse_all` goes into nested modules and components: only depth 0 is copied (a nested
    // one whole, as its section).
    let mut depth = 0u32;
    for payload in Parser::new(0).parse_all(component) {
        let payload = payload.map_err(|e| format!("reading the component: {e}"))?;
        let section = payload.as_section();
        match &payload {
            Payload::End(_) => depth = depth.saturating_sub(1),
            Payload::CustomSection(custom) if depth == 0 && custom.name() == name => continue,
            _ => {}
        }
        if let (0, Some((id, range))) = (depth, section) {
            out.section(&RawSection { id, data: &component[range.start as usize..range.end as usize] });
        }
        if matches!(payload, Payload::ModuleSection { .. } | Payload::ComponentSection { .. }) {
            depth += 1;
        }
    }
    Ok(out.finish())
}
