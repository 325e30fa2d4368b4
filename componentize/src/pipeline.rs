//! `ferry componentize` from start to end: the JS sources and the WIT world in, the component
//! out. Each step is its own module; this one only runs them in order and checks what passes
//! between them (the WIT interfaces the JS imports must be the world's).

use std::fmt;
use std::path::Path;

use wit_parser::{FunctionKind, Resolve, TypeDefKind, WorldId, WorldItem};

use crate::bindings::{Bindings, BindingsError};
use crate::preinit::{self, PreinitError};
use crate::sources::{self, SourceError, WitImport};
use crate::{builtin_imports, builtin_sources, component, compress, dead_code, link};

pub struct Componentized {
    pub component: Vec<u8>,
    /// What the module's top level printed while it was pre-initialised.
    pub init_output: preinit::Output,
}

#[derive(Debug)]
pub enum Error {
    Sources(SourceError),
    /// The JS imports an interface, function or resource the world does not.
    UnknownImport { import: WitImport, world: String, imports: Vec<String> },
    Bindings(BindingsError),
    /// The module's top level failed (a thrown error, a missing export, ...); `entry` is the
    /// module, for the failures whose message cannot name it.
    Preinit { entry: String, error: PreinitError },
    /// A step after pre-initialisation failed: a bug in ferry.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sources(e) => e.fmt(f),
            Error::UnknownImport { import, world, imports } => {
                write!(f, "{}: `{}` is not an import of world `{world}`", import.at, import.specifier)?;
                match imports.is_empty() {
                    true => write!(f, ", which imports nothing")?,
                    false => write!(f, " (it imports: {})", imports.join(", "))?,
                }
                if !import.specifier.contains(':') {
                    write!(f, "; only relative modules, WIT interfaces (ns:pkg/iface) and the world's functions and resources can be imported: bundle npm packages first")?;
                }
                Ok(())
            }
            Error::Bindings(e) => e.fmt(f),
            Error::Preinit { entry, error: error @ PreinitError::StackExhausted { .. } } => {
                write!(f, "{entry}: {error}")
            }
            Error::Preinit { error, .. } => error.fmt(f),
            Error::Internal(e) => write!(f, "internal error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// What a user may choose about a componentize run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The `disabled` bits of builtin groups (`builtin_imports::parse_disabled`).
    pub disabled: u32,
    /// Bounds on running the module's top level.
    pub init_limits: preinit::Limits,
    /// How to store the snapshot's memory (`compress`): compressed, a smaller component that
    /// decompresses it at every instantiation, or (`None`) as data segments.
    pub compress_memory: Option<compress::Codec>,
}

/// Componentizes the module at `entry` for `world` of `resolve`, with the QuickJS `engine` (the
/// module `engine/` builds).
pub fn componentize(
    entry: &Path,
    mut resolve: Resolve,
    world: WorldId,
    options: Options,
    engine: &[u8],
) -> Result<Componentized, Error> {
    let Options { disabled, init_limits, compress_memory } = options;
    let sources = sources::load(entry).map_err(Error::Sources)?;
    check_imports(&resolve, world, &sources.wit_imports)?;
    builtin_imports::add(&mut resolve, world, &sources.globals, disabled).map_err(Error::Internal)?;

    let mut bindings = Bindings::new(&resolve, world).map_err(Error::Bindings)?;
    bindings.schema.modules = sources
        .modules
        .into_iter()
        .map(|m| ferry_componentize_schema::Module { name: m.name, text: m.text })
        .collect();
    bindings.schema.builtins = builtin_sources::all();
    bindings.schema.disabled = disabled;

    let preinitialized = preinit::preinitialize(engine, &bindings.schema.encode(), init_limits)
        .map_err(|error| Error::Preinit { entry: entry.display().to_string(), error })?;
    let snapshot = match compress_memory {
        Some(codec) => compress::compress(&preinitialized.module, codec).map_err(|e| Error::Internal(e.to_string()))?,
        None => preinitialized.module,
    };
    let linked = link::link(&snapshot, &bindings).map_err(|e| Error::Internal(e.to_string()))?;
    let linked = dead_code::strip(&linked).map_err(|e| Error::Internal(format!("the linked module: {e}")))?;
    let component = component::encode(linked, &resolve, world).map_err(Error::Internal)?;
    Ok(Componentized { component, init_output: preinitialized.output })
}

/// Every WIT import of the JS must be an interface the world imports (`ns:pkg/iface`, with or
/// without its version), a function it imports at world level (`log`) or a resource it
/// defines (`blob`).
fn check_imports(resolve: &Resolve, world: WorldId, imports: &[WitImport]) -> Result<(), Error> {
    let world = &resolve.worlds[world];
    let importable = |item: &WorldItem| match item {
        WorldItem::Type { id, .. } => matches!(resolve.types[*id].kind, TypeDefKind::Resource),
        // A resource's constructor, methods and statics come with its class.
        WorldItem::Function(func) => matches!(func.kind, FunctionKind::Freestanding),
        WorldItem::Interface { .. } => true,
    };
    let names: Vec<String> = world
        .imports
        .iter()
        .filter(|(_, item)| importable(item))
        .map(|(key, _)| resolve.name_world_key(key))
        .collect();
    let unversioned = |name: &str| name.split_once('@').map_or(name, |(n, _)| n).to_string();
    for import in imports {
        let known = names.iter().any(|n| *n == import.specifier || unversioned(n) == import.specifier);
        if !known {
            return Err(Error::UnknownImport { import: import.clone(), world: world.name.clone(), imports: names });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
