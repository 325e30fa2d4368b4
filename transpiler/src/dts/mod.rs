//! TypeScript declarations (`.d.ts`) for the JS side of a WIT world, written from WIT alone
//! (a `wit_parser::Resolve` and a world in it), following `shared/js-conventions.md` and the
//! names in [`crate::names`] exactly as the emitted JS uses them.
//!
//! - [`types`]: the declarations of what `ferry transpile` writes for a component of the
//!   world, seen from the host (exports to call, imports to implement); [`from_component`]
//!   decodes a component's WIT first, for `transpile` itself.
//! - [`guest_types`]: what a JS guest for `ferry componentize` imports and must export.
//!
//! Each writes two files. `<name>.d.ts` is a module that stands alone: besides the exports it
//! declares each imported interface as a namespace of types (`TestValuesHost`), exported as
//! a type only. `<name>.imports.d.ts` is a script of ambient modules, one per import
//! (`declare module "ns:pkg/iface"`), for code that imports or implements those modules: a
//! module cannot declare other modules. A host's main file does not reference it, as ambient
//! modules are global and two components importing the same interface would clash in one TS
//! program; a guest's does, as the guest imports those modules.
//!
//! A world-level resource (`resource blob` in the world itself) is the default export of the
//! module named after it (`blob`): the main file declares its class at the top level, exported
//! as a type only like the namespaces, and the imports file declares module `blob`, whose
//! default export is the class.

mod ambient;
mod blocks;
mod component;
mod decls;
mod funcs;
mod guest;
mod host;
mod printer;
mod types;
mod without_data;

pub use guest::guest_types;
pub use host::{from_component, types};

use crate::error::Error;
use crate::jspi::AsyncFuncs;
use crate::names::{interface_short_name, js_string, lower_camel, unique_export_names, upper_camel};
use crate::specifier::base_specifier;
use std::collections::HashMap;
use wit_parser::{InterfaceId, Resolve, TypeDefKind, TypeId, TypeOwner, WorldId, WorldItem};

/// Which JS the declarations describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// A host using a transpiled component.
    Host,
    /// A guest module to be componentized.
    Guest,
}

/// Who implements a function: the component, called from JS (`Caller`), or JS, called by the
/// component (`Callee`: a host's import, a guest's export).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Caller,
    Callee,
}

/// Which way a value crosses the boundary. Values going into the component are lowered, which
/// accepts more than lifting makes: a `number` for a 64-bit integer, `null` for `none`, any
/// array-like for a numeric list, any iterable of pairs for a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Lowered,
    Lifted,
}

impl Role {
    fn params(self) -> Flow {
        match self {
            Role::Caller => Flow::Lowered,
            Role::Callee => Flow::Lifted,
        }
    }

    fn results(self) -> Flow {
        match self {
            Role::Caller => Flow::Lifted,
            Role::Callee => Flow::Lowered,
        }
    }
}

/// Where a declaration is written, which decides how it refers to a named WIT type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The main file's top level.
    Top,
    /// The main file's namespace of an exported interface.
    Export(InterfaceId),
    /// The main file's namespace of an imported interface.
    Import(InterfaceId),
    /// The imports file's ambient module of an imported interface.
    Module(InterfaceId),
    /// The imports file's ambient module of a world-level import: a function (`None`), or a
    /// resource (`Some`), whose module names it by its own name.
    WorldModule(Option<TypeId>),
}

/// A world and the names its declarations use.
struct World<'a> {
    resolve: &'a Resolve,
    id: WorldId,
    side: Side,
    /// The names of all the world's imports (`ns:pkg/iface@1.0.0`, `log`), which decide their
    /// specifiers.
    import_names: Vec<String>,
    /// The main file's namespace of each imported and exported interface, by import or export
    /// name (an interface may be imported under several names: `import a: ns:pkg/iface;`).
    import_namespaces: HashMap<String, String>,
    export_namespaces: HashMap<String, String>,
    /// The JS name of each world-level exported function, by export name.
    export_funcs: HashMap<String, String>,
    /// The first import and export name of each interface: where its types are named from.
    imported: HashMap<InterfaceId, String>,
    exported: HashMap<InterfaceId, String>,
    /// Names the main file declares at its top level; a world-level WIT type with one of them
    /// gets `$`.
    taken: Vec<String>,
    /// A host's async functions (`--async-mode jspi`): exports return `Promise<T>`, imports
    /// may return `T | Promise<T>`.
    async_funcs: AsyncFuncs,
}

impl<'a> World<'a> {
    fn new(resolve: &'a Resolve, id: WorldId, side: Side) -> Self {
        let world = &resolve.worlds[id];
        let import_names: Vec<String> = world.imports.keys().map(|key| resolve.name_world_key(key)).collect();
        let mut taken: Vec<String> = match side {
            Side::Host => vec!["Root".into(), "ImportObject".into(), "ComponentError".into()],
            Side::Guest => vec!["Guest".into()],
        };
        // A host's export names are the module's own (`unique_export_names`: a function and
        // an interface may share a short name); a guest's namespace is a type (`Iface`), since
        // the guest's module exports the value.
        let bases = world.exports.iter().map(|(key, item)| {
            let name = resolve.name_world_key(key);
            let base = match item {
                WorldItem::Interface { .. } => Some(interface_short_name(&name)),
                WorldItem::Function(_) => Some(lower_camel(&name)),
                WorldItem::Type { .. } => None,
            };
            (base, name.contains(':'))
        });
        let js_names = unique_export_names(bases.collect());
        let (mut export_namespaces, mut export_funcs, mut exported) = (HashMap::new(), HashMap::new(), HashMap::new());
        for ((key, item), js_name) in world.exports.iter().zip(js_names) {
            let (name, Some(js_name)) = (resolve.name_world_key(key), js_name) else { continue };
            match item {
                WorldItem::Interface { id, .. } => {
                    let namespace = match side {
                        Side::Host => js_name,
                        Side::Guest => upper_camel(&interface_short_name(&name)),
                    };
                    taken.push(namespace.clone());
                    exported.entry(*id).or_insert_with(|| name.clone());
                    export_namespaces.insert(name, namespace);
                }
                WorldItem::Function(_) => {
                    export_funcs.insert(name, js_name);
                }
                WorldItem::Type { .. } => {}
            }
        }
        let (mut import_namespaces, mut imported) = (HashMap::new(), HashMap::new());
        for (key, item) in &world.imports {
            if let WorldItem::Interface { id, .. } = item {
                let name = resolve.name_world_key(key);
                // `ns:pkg/iface` -> `NsPkgIface`.
                let words: String = base_specifier(import_names.iter().map(String::as_str), &name)
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                let mut namespace = upper_camel(&words);
                while taken.contains(&namespace) {
                    namespace.push('$');
                }
                taken.push(namespace.clone());
                imported.entry(*id).or_insert_with(|| name.clone());
                import_namespaces.insert(name, namespace);
            }
        }
        let async_funcs = AsyncFuncs::default();
        World { resolve, id, side, import_names, import_namespaces, export_namespaces, export_funcs, imported, exported, taken, async_funcs }
    }

    /// The world's imported and exported functions by full name (`iface#func`, or a
    /// world-level function's own name), as [`crate::jspi`] selects from.
    fn func_names(&self) -> (Vec<String>, Vec<String>) {
        (self.item_funcs(&self.world().imports), self.item_funcs(&self.world().exports))
    }

    /// The full names of the functions among `items`: an interface's as `iface#func`.
    fn item_funcs<'i>(&self, items: impl IntoIterator<Item = (&'i wit_parser::WorldKey, &'i WorldItem)>) -> Vec<String> {
        let mut out = Vec::new();
        for (key, item) in items {
            let name = self.resolve.name_world_key(key);
            match item {
                WorldItem::Interface { id, .. } => {
                    out.extend(self.resolve.interfaces[*id].functions.keys().map(|f| format!("{name}#{f}")))
                }
                WorldItem::Function(_) => out.push(name),
                WorldItem::Type { .. } => {}
            }
        }
        out
    }

    /// Whether `f`, declared in `scope` for `role`, is async under `--async-mode jspi`.
    fn is_async(&self, f: &wit_parser::Function, role: Role, scope: Scope) -> bool {
        let interface = match scope {
            Scope::Export(id) => self.exported.get(&id),
            Scope::Import(id) | Scope::Module(id) => self.imported.get(&id),
            Scope::Top | Scope::WorldModule(_) => None,
        };
        let name = match interface {
            Some(interface) => format!("{interface}#{}", f.name),
            None => f.name.clone(),
        };
        match role {
            Role::Caller => self.async_funcs.exports.contains(&name),
            Role::Callee => self.async_funcs.imports.contains(&name),
        }
    }

    fn world(&self) -> &'a wit_parser::World {
        &self.resolve.worlds[self.id]
    }

    /// The specifier of the import named `name`, before `--map`.
    fn specifier<'n>(&self, name: &'n str) -> &'n str {
        base_specifier(self.import_names.iter().map(String::as_str), name)
    }

    /// The main file's namespace of the interface exported as `name`.
    fn export_namespace(&self, name: &str) -> &str {
        &self.export_namespaces[name]
    }

    /// The JS name of the world-level function exported as `name`.
    fn export_func(&self, name: &str) -> &str {
        &self.export_funcs[name]
    }

    /// The main file's namespace of the interface imported as `name`.
    fn import_namespace(&self, name: &str) -> &str {
        &self.import_namespaces[name]
    }

    /// The name `interface` is imported as, where its types are found from outside it.
    fn imported(&self, interface: InterfaceId) -> Result<&str, Error> {
        match self.imported.get(&interface) {
            Some(name) => Ok(name),
            None => {
                let name = self.resolve.id_of(interface).unwrap_or_else(|| "an unnamed interface".to_string());
                Err(Error::new(format!("a type of {name} is used, but the world does not import it")))
            }
        }
    }

    /// The TS name a named WIT type is declared with.
    fn type_name(&self, id: TypeId) -> String {
        let def = &self.resolve.types[id];
        let name = upper_camel(def.name.as_deref().unwrap_or_default());
        match def.owner {
            TypeOwner::World(_) if self.taken.contains(&name) => name + "$",
            _ => name,
        }
    }

    /// How `scope` refers to the named type `id`: by its name, qualified by its interface's
    /// namespace or ambient module; a world-level resource seen from another ambient module as
    /// the default export of its own (`import("blob").default`); `None` for another world-level
    /// type, or a type of an interface the world exports only, seen from an ambient module,
    /// which cannot refer to the main file and so spells the type out.
    fn qualified(&self, id: TypeId, scope: Scope) -> Result<Option<String>, Error> {
        let name = self.type_name(id);
        Ok(Some(match (self.resolve.types[id].owner, scope) {
            (TypeOwner::Interface(i), Scope::Export(j) | Scope::Import(j) | Scope::Module(j)) if i == j => name,
            // An interface the world exports but does not import has no ambient module to
            // name its types from: they are spelled out (a resource cannot be, and a valid
            // component imports its resources' interfaces).
            (TypeOwner::Interface(i), Scope::Module(_) | Scope::WorldModule(_))
                if !self.imported.contains_key(&i) && !self.is_resource(id) =>
            {
                return Ok(None);
            }
            (TypeOwner::Interface(i), Scope::Module(_) | Scope::WorldModule(_)) => {
                format!("import({}).{name}", js_string(self.specifier(self.imported(i)?)))
            }
            (TypeOwner::Interface(i), Scope::Top | Scope::Export(_)) if self.exported.contains_key(&i) => {
                format!("{}.{name}", self.export_namespace(&self.exported[&i]))
            }
            // An imported interface may use a type of one the world exports only.
            (TypeOwner::Interface(i), Scope::Import(_)) if !self.imported.contains_key(&i) && self.exported.contains_key(&i) => {
                format!("{}.{name}", self.export_namespace(&self.exported[&i]))
            }
            (TypeOwner::Interface(i), _) => format!("{}.{name}", self.import_namespace(self.imported(i)?)),
            (TypeOwner::World(_), Scope::WorldModule(Some(own))) if own == id => name,
            (TypeOwner::World(_), Scope::Module(_) | Scope::WorldModule(_)) if self.is_resource(id) => {
                let import = self.resolve.types[id].name.as_deref().unwrap_or_default();
                format!("import({}).default", js_string(self.specifier(import)))
            }
            (TypeOwner::World(_), Scope::Module(_) | Scope::WorldModule(_)) | (TypeOwner::None, _) => return Ok(None),
            (TypeOwner::World(_), _) => name,
        }))
    }

    /// Whether the type `id` is a resource (not an alias of one).
    fn is_resource(&self, id: TypeId) -> bool {
        matches!(self.resolve.types[id].kind, TypeDefKind::Resource)
    }

    /// The world's imports as JS sees them: a world-level resource's functions
    /// (`[method]blob.size`) are members of its class, not imports of their own.
    fn imports(&self) -> impl Iterator<Item = (String, &'a WorldItem)> {
        self.world()
            .imports
            .iter()
            .filter(|(_, item)| !matches!(item, WorldItem::Function(f) if f.kind.resource().is_some()))
            .map(|(key, item)| (self.resolve.name_world_key(key), item))
    }
}

/// Resolves one WIT file and selects its world `w`, for the tests of this module.
#[cfg(test)]
fn test_world(src: &str) -> (Resolve, WorldId) {
    let mut resolve = Resolve::default();
    let package = resolve.push_str("t.wit", src).unwrap_or_else(|e| panic!("{e:?}"));
    let world = resolve.select_world(&[package], Some("w")).unwrap();
    (resolve, world)
}
