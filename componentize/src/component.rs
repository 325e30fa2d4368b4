//! The linked core module as a component: the world's types embedded as wit-component expects
//! them. The linked module has no WASI preview 1 imports (see `link`), so no adapter.

use wit_component::{ComponentEncoder, StringEncoding, embed_component_metadata};
use wit_parser::{Resolve, WorldId};

/// Wraps `module` (a core module linked to `world`, see `link`) as a component.
pub fn encode(mut module: Vec<u8>, resolve: &Resolve, world: WorldId) -> Result<Vec<u8>, String> {
    embed_component_metadata(&mut module, resolve, world, StringEncoding::UTF8, false)
        .map_err(|e| format!("embedding the world's types: {e:#}"))?;
    let mut encoder = ComponentEncoder::default();
    encoder.validate(true);
    encoder.module(&module).map_err(|e| format!("reading the linked module: {e:#}"))?;
    encoder.encode().map_err(|e| format!("encoding the component: {e:#}"))
}
