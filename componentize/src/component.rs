//! The linked core module as a component: the world's types embedded as wit-component expects
//! them, and the WASI preview 1 imports (the engine is built on wasi-libc) adapted to WASI 0.2.

use wit_component::{ComponentEncoder, StringEncoding, embed_component_metadata};
use wit_parser::{Resolve, WorldId};

/// Wraps `module` (a core module linked to `world`, see `link`) as a component. `adapter` is
/// the `wasi_snapshot_preview1` adapter, needed when the module imports preview 1 functions.
pub fn encode(mut module: Vec<u8>, resolve: &Resolve, world: WorldId, adapter: Option<&[u8]>) -> Result<Vec<u8>, String> {
    embed_component_metadata(&mut module, resolve, world, StringEncoding::UTF8, false)
        .map_err(|e| format!("embedding the world's types: {e:#}"))?;
    let mut encoder = ComponentEncoder::default();
    encoder.validate(true);
    encoder.module(&module).map_err(|e| format!("reading the linked module: {e:#}"))?;
    if let Some(adapter) = adapter {
        encoder
            .adapter("wasi_snapshot_preview1", adapter)
            .map_err(|e| format!("reading the WASI preview 1 adapter: {e:#}"))?;
    }
    encoder.encode().map_err(|e| format!("encoding the component: {e:#}"))
}
