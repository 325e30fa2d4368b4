//! `fetch`'s native: the world's wasi:http imports as JS sees them (the objects behind the
//! `wasi:http/types` and `wasi:http/outgoing-handler` modules, the classes and functions a
//! user's `import` gets), so that `fetch.js` calls them through the engine's generic import
//! bindings. The builtins are installed before those objects exist: `fetch.js` asks at its
//! first call.

use ferry_componentize_schema::Schema;
use rquickjs::{Ctx, Exception, Function, Object, Result};

use crate::imports;
use crate::modules;
use crate::state::{restore, state};
use crate::wasi_p1::Finder;

const OUTGOING_HANDLER: &str = "wasi:http/outgoing-handler";

/// Whether the world imports what `fetch` sends requests with.
pub fn available(schema: &Schema) -> bool {
    Finder(schema).free(OUTGOING_HANDLER, "handle").is_some()
}

pub fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("wasiHttp", Function::new(ctx.clone(), wasi_http)?)?;
    Ok(())
}

/// `wasiHttp()`: `{ types, outgoingHandler, ComponentError }`. Throws while the top level
/// runs, as calling an import does.
fn wasi_http(ctx: Ctx<'_>) -> Result<Object<'_>> {
    let st = state();
    if st.initializing.get() {
        return Err(imports::at_top_level(&ctx, "fetch"));
    }
    let found = Object::new(ctx.clone())?;
    for (key, interface) in [("types", "wasi:http/types"), ("outgoingHandler", OUTGOING_HANDLER)] {
        let Some(namespace) = modules::namespace(&ctx, st, interface) else {
            return Err(Exception::throw_message(&ctx, &format!("ferry engine: the world has no {interface}")));
        };
        found.set(key, namespace)?;
    }
    found.set("ComponentError", restore(&ctx, &st.js().component_error))?;
    Ok(found)
}
