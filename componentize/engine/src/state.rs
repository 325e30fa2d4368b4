//! The engine's state: created by `ferry_init`, snapshotted by wizer with the rest of memory,
//! and used by every later call.

use std::cell::{Cell, OnceCell, RefCell, UnsafeCell};

use ferry_componentize_schema::{FuncKind, ResourceId, Schema};
use rquickjs::{Context, Ctx, JsLifetime, Persistent, Runtime};

use crate::abi::layout::Layouts;
use crate::exports::Export;
use crate::memory::Block;
use crate::resources::{Exported, ImportedClass};

/// The canonical built-ins of one resource: indices into `Schema::imports` and `exports`.
#[derive(Debug, Default, Clone, Copy)]
pub struct ResourceFns {
    pub drop: Option<u32>,
    pub new: Option<u32>,
    pub rep: Option<u32>,
}

/// JS values made at init and used by later calls.
pub struct Js {
    /// By `ResourceId`: the class of each imported resource.
    pub imported: Vec<Option<ImportedClass>>,
    /// The `ComponentError` class.
    pub component_error: Persistent<rquickjs::Constructor<'static>>,
    /// The key under which an instance of an exported resource keeps its `rep`.
    pub rep_key: Persistent<rquickjs::Symbol<'static>>,
    /// Synthetic modules for the world's imports: module name -> namespace object.
    pub namespaces: Named<Persistent<rquickjs::Object<'static>>>,
}

pub struct State {
    /// Kept alive for the context (dropping it would free it).
    _runtime: Runtime,
    pub context: Context,
    /// The schema without its modules (they are in `modules` until loaded).
    pub schema: Schema,
    pub layouts: Layouts,
    pub resource_fns: Vec<ResourceFns>,
    /// The user's modules by name, with their source until loaded (QuickJS keeps them then).
    pub modules: RefCell<Named<Option<String>>>,
    /// Module specifiers that name another module: `ns:pkg/iface` -> `ns:pkg/iface@1.2.3`.
    pub aliases: Named<String>,
    /// While `ferry_init` runs: imports must not be called.
    pub initializing: Cell<bool>,
    /// While an export runs: the host must not enter the engine again.
    pub busy: Cell<bool>,
    /// While the engine drops a handle of its own resource (whose destructor export the
    /// canonical ABI then calls, re-entrantly).
    pub dropping_held: Cell<bool>,
    pub js: OnceCell<Js>,
    pub exports: OnceCell<Vec<Export>>,
    pub exported: RefCell<Exported>,
    /// By export index: what its last call allocated for its result.
    pub post_return: RefCell<Vec<Vec<Block>>>,
}

impl State {
    pub fn new(runtime: Runtime, context: Context, schema: Schema, modules: Named<Option<String>>) -> State {
        let layouts = Layouts::new(&schema.types);
        let mut resource_fns = vec![ResourceFns::default(); schema.resources.len()];
        for (i, func) in schema.imports.iter().enumerate() {
            let i = Some(i as u32);
            match func.kind {
                FuncKind::ResourceDrop(r) => resource_fns[r as usize].drop = i,
                FuncKind::ResourceNew(r) => resource_fns[r as usize].new = i,
                FuncKind::ResourceRep(r) => resource_fns[r as usize].rep = i,
                _ => {}
            }
        }
        let mut aliases = Named::default();
        for func in &schema.imports {
            match (&func.namespace, func.kind) {
                (Some(ns), _) => {
                    if let Some((unversioned, _)) = ns.split_once('@') {
                        aliases.insert(unversioned.to_string(), ns.clone());
                    }
                }
                (None, FuncKind::Free) => {
                    let kebab = kebab_case(&func.name);
                    if kebab != func.name {
                        aliases.insert(kebab, func.name.clone());
                    }
                }
                _ => {}
            }
        }
        let post_return = RefCell::new(vec![Vec::new(); schema.exports.len()]);
        State {
            _runtime: runtime,
            context,
            schema,
            layouts,
            resource_fns,
            modules: RefCell::new(modules),
            aliases,
            initializing: Cell::new(true),
            busy: Cell::new(false),
            dropping_held: Cell::new(false),
            js: OnceCell::new(),
            exports: OnceCell::new(),
            exported: RefCell::new(Exported::default()),
            post_return,
        }
    }

    pub fn js(&self) -> &Js {
        self.js.get().expect("the engine's JS state is made before any JS runs")
    }

    /// Takes the source of the user's module `name` to compile it; `None` if there is no such
    /// module or it is loaded already.
    pub fn take_source(&self, name: &str) -> Option<String> {
        self.modules.borrow_mut().get_mut(name).and_then(Option::take)
    }

    pub fn resource_name(&self, r: ResourceId) -> &str {
        &self.schema.resources[r as usize].name
    }
}

/// A small map by name, in insertion order (a few entries: a `Vec` is smaller code than a
/// `BTreeMap`).
pub struct Named<T>(Vec<(String, T)>);

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named(Vec::new())
    }
}

impl<T> Named<T> {
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        self.0.iter_mut().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Adds `name` unless it is there already.
    pub fn insert(&mut self, name: String, value: T) {
        if !self.contains(&name) {
            self.0.push((name, value));
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &(String, T)> {
        self.0.iter()
    }
}

/// `getThing` -> `get-thing`: the WIT name of a world-level function, from its JS name.
fn kebab_case(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Restores a saved JS value in `ctx`.
pub fn restore<'js, T>(ctx: &Ctx<'js>, saved: &Persistent<T>) -> T::Changed<'js>
where
    T: JsLifetime<'static> + Clone,
{
    match saved.clone().restore(ctx) {
        Ok(value) => value,
        Err(_) => crate::errors::trap("ferry engine: a saved JS value belongs to another runtime"),
    }
}

struct Global(UnsafeCell<Option<&'static State>>);

// The engine is single-threaded (wasm32-wasip1 without threads).
unsafe impl Sync for Global {}

static STATE: Global = Global(UnsafeCell::new(None));

pub fn install(state: State) -> &'static State {
    let state: &'static State = Box::leak(Box::new(state));
    unsafe { *STATE.0.get() = Some(state) };
    state
}

/// The state; `None` before `ferry_init` made it.
pub fn try_state() -> Option<&'static State> {
    unsafe { *STATE.0.get() }
}

pub fn state() -> &'static State {
    try_state().unwrap_or_else(|| crate::errors::trap("ferry engine: called before ferry_init"))
}
