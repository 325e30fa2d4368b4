//! Instantiates the component tree at compile time: nested components, instance arguments
//! and aliases are resolved here, so what remains is a flat list of core instantiations, the
//! trampolines core code calls (lowered imports, adapters between inner components,
//! builtins), and the exports. Emitting JS from a [`Plan`] needs no knowledge of nesting.

use crate::error::Error;
use crate::model::*;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Debug, Default)]
pub struct Plan {
    /// Static modules in the order their files are numbered (`.core.wasm`, `.core2.wasm`, ...).
    pub modules: Vec<ModuleIndex>,
    /// Core modules imported from the host, as import and export path.
    pub host_modules: Vec<(usize, Vec<String>)>,
    /// Core instantiations, in the order they run.
    pub instances: Vec<CoreInstantiation>,
    pub trampolines: Vec<Trampoline>,
    /// How many component instances (each with its own flags and handle table) there are.
    pub component_instances: u32,
    pub resources: Vec<RuntimeResource>,
    /// Host imports, by import name, in order of appearance.
    pub imports: Vec<HostImport>,
    pub exports: Vec<(String, Export)>,
}

#[derive(Debug)]
pub struct CoreInstantiation {
    pub module: CoreModuleRef,
    pub args: Vec<(String, CoreInstanceArg)>,
}

/// A core module at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoreModuleRef {
    /// One of the component's own modules: an index into `Plan::modules`.
    File(usize),
    /// A `WebAssembly.Module` the host gives: an index into `Plan::host_modules`.
    Host(usize),
}

#[derive(Debug, Clone)]
pub enum CoreInstanceArg {
    Instance(u32),
    Items(Vec<(String, CoreDef)>),
}

/// A core item at run time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CoreDef {
    /// An export of a core instance, by instantiation index.
    Export { instance: u32, name: String },
    Trampoline(u32),
}

#[derive(Debug, Clone)]
pub struct Options {
    pub encoding: StringEncoding,
    /// `async`: a lift delivers its result through `task.return`; a lower returns a status.
    pub is_async: bool,
    pub memory: Option<CoreDef>,
    pub realloc: Option<CoreDef>,
    pub post_return: Option<CoreDef>,
}

/// A function lifted out of a component instance.
#[derive(Debug)]
pub struct Lifted {
    pub func: CoreDef,
    pub ty: FuncType,
    pub options: Options,
    /// The component instance the function belongs to.
    pub instance: u32,
    pub resources: ResourceMap,
}

/// Which runtime resource each resource type of a function's signature is.
pub type ResourceMap = Vec<(ResourceKey, u32)>;

#[derive(Debug, Clone)]
pub struct HostFunc {
    pub import: usize,
    /// Export names from the import down to the function (empty for a function import).
    pub path: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum FuncDef {
    Lifted(Rc<Lifted>),
    Host(Rc<HostFunc>),
}

#[derive(Debug)]
pub enum Trampoline {
    /// Core code calls a host function. `ty` is the type it is lowered with: in a nested
    /// component, its resource types are that component's, which `resources` maps.
    Host { func: Rc<HostFunc>, ty: FuncType, options: Options, instance: u32, resources: ResourceMap },
    /// Core code of one component instance calls a function lifted out of another.
    Adapter { ty: FuncType, options: Options, instance: u32, resources: ResourceMap, callee: Rc<Lifted> },
    Builtin { builtin: RuntimeBuiltin, instance: u32 },
}

#[derive(Debug, Clone)]
pub enum RuntimeBuiltin {
    ResourceNew(u32),
    ResourceRep(u32),
    ResourceDrop(u32),
    /// `resources`: those the result names, as a lift's, to lift it with.
    TaskReturn { result: Option<ValType>, options: Options, resources: ResourceMap },
    ContextGet(u32),
    ContextSet(u32),
    BackpressureInc,
    BackpressureDec,
    Unsupported(&'static str),
}

/// A resource type at run time: each instantiation of a `(type (resource ...))` makes one.
#[derive(Debug)]
pub enum RuntimeResource {
    /// Defined by a component instance, with its destructor: a handle's rep is an `i32`.
    Guest { instance: u32, dtor: Option<CoreDef> },
    /// Imported from the host, as export `path` of host import `import`: a handle's rep is
    /// the host's JS object.
    Host { import: usize, path: Vec<String> },
}

impl RuntimeResource {
    /// The component instance that defined the resource, if a component did.
    pub fn instance(&self) -> Option<u32> {
        match self {
            RuntimeResource::Guest { instance, .. } => Some(*instance),
            RuntimeResource::Host { .. } => None,
        }
    }
}

#[derive(Debug)]
pub struct HostImport {
    pub name: String,
    /// The functions it provides, by full name: the import's own name for a function,
    /// `import#export#...` for one inside an instance.
    pub funcs: Vec<String>,
}

#[derive(Debug)]
pub enum Export {
    Func(FuncDef),
    Instance(Vec<(String, Export)>),
    /// A resource type, by runtime resource: JS sees its class.
    Resource(u32),
    /// A core module: JS sees the `WebAssembly.Module`.
    Module(CoreModuleRef),
}

pub fn plan(model: &Model) -> Result<Plan, Error> {
    let mut planner = Planner { model, plan: Plan::default(), module_files: HashMap::new(), host_resources: HashMap::new() };
    let root = Closure { component: model.root(), outer: Rc::new(Scope::default()) };
    let exports = planner.instantiate(&root, HashMap::new(), true)?;
    for (name, item, shape) in exports.iter() {
        if let Some(export) = planner.export(name, item, shape)? {
            planner.plan.exports.push((name.clone(), export));
        }
    }
    Ok(planner.plan)
}

/// A component definition together with what its outer aliases can see.
#[derive(Debug, Clone)]
struct Closure {
    component: ComponentIndex,
    outer: Rc<Scope>,
}

/// The module, component and type index spaces of an enclosing component, as they were
/// when a nested component was defined.
#[derive(Debug, Default)]
struct Scope {
    modules: Vec<ModuleDef>,
    components: Vec<Closure>,
    types: Vec<TypeItem>,
    parent: Option<Rc<Scope>>,
}

#[derive(Debug, Clone, Copy)]
enum TypeItem {
    Resource(u32),
    Other,
}

#[derive(Debug, Clone)]
enum CoreInstanceDef {
    Instance(u32),
    Items(Rc<Named<CoreDef>>),
}

#[derive(Debug, Clone)]
enum InstanceDef {
    Host { import: usize, path: Vec<String>, exports: Rc<Named<Shape>> },
    Items(Rc<Named<Item>>),
}

/// An instance's items in their order, found by name without a scan: a component may alias
/// each of thousands of exports.
#[derive(Debug)]
struct Named<T> {
    items: Vec<(String, T)>,
    /// The first item of each name.
    index: HashMap<String, usize>,
}

impl<T> Named<T> {
    fn new(items: Vec<(String, T)>) -> Self {
        let index = items.iter().enumerate().rev().map(|(i, (name, _))| (name.clone(), i)).collect();
        Named { items, index }
    }

    fn get(&self, name: &str) -> Option<&T> {
        self.index.get(name).map(|&i| &self.items[i].1)
    }
}

#[derive(Debug, Clone)]
enum Item {
    Func(FuncDef),
    Instance(InstanceDef),
    Component(Closure),
    Module(ModuleDef),
    Type(TypeItem),
    Value,
}

/// A core module as planning sees it: the component's own, or one the host gives.
#[derive(Debug, Clone, Copy)]
enum ModuleDef {
    Static(ModuleIndex),
    Host(usize),
}

#[derive(Default)]
struct Frame {
    instance: u32,
    funcs: Vec<FuncDef>,
    instances: Vec<InstanceDef>,
    components: Vec<Closure>,
    modules: Vec<ModuleDef>,
    types: Vec<TypeItem>,
    core_funcs: Vec<CoreDef>,
    core_tables: Vec<CoreDef>,
    core_memories: Vec<CoreDef>,
    core_globals: Vec<CoreDef>,
    core_tags: Vec<CoreDef>,
    core_instances: Vec<CoreInstanceDef>,
    resources: HashMap<ResourceKey, u32>,
    /// With the type each is exported as (an instance's type may hide some of its exports).
    exports: Vec<(String, Item, Shape)>,
}

struct Planner<'m> {
    model: &'m Model,
    plan: Plan,
    module_files: HashMap<ModuleIndex, usize>,
    /// Host resource types, so each has one runtime resource however many imports name it
    /// (`wasi:io/streams` names `pollable` of `wasi:io/poll` too); the first name is its home.
    host_resources: HashMap<ResourceKey, u32>,
}

impl Planner<'_> {
    fn instantiate(
        &mut self,
        closure: &Closure,
        mut args: HashMap<String, Item>,
        is_root: bool,
    ) -> Result<Vec<(String, Item, Shape)>, Error> {
        let mut frame = Frame { instance: self.plan.component_instances, ..Frame::default() };
        self.plan.component_instances += 1;
        let def = &self.model.components[closure.component.0 as usize];
        for init in &def.inits {
            match init {
                Init::Import { name, shape } => {
                    let item = if is_root {
                        self.host_import(name, shape)?
                    } else {
                        args.remove(name).ok_or_else(|| Error::new(format!("instantiation is missing argument `{name}`")))?
                    };
                    if let (Shape::Type(Some(key)), Item::Type(TypeItem::Resource(r))) = (shape, &item) {
                        frame.resources.insert(*key, *r);
                    }
                    frame.push(item);
                }
                Init::Export { name, item, shape } => {
                    let item = frame.item(*item);
                    if let (Shape::Type(Some(key)), Item::Type(TypeItem::Resource(r))) = (shape, &item) {
                        frame.resources.insert(*key, *r);
                    }
                    frame.exports.push((name.clone(), item.clone(), shape.clone()));
                    frame.push(item);
                }
                Init::Component(index) => {
                    let outer = Scope {
                        modules: frame.modules.clone(),
                        components: frame.components.clone(),
                        types: frame.types.clone(),
                        parent: Some(closure.outer.clone()),
                    };
                    frame.components.push(Closure { component: *index, outer: Rc::new(outer) });
                }
                Init::Instantiate { component, args } => {
                    let callee = frame.components[*component as usize].clone();
                    let args = args.iter().map(|(name, item)| (name.clone(), frame.item(*item))).collect();
                    let exports = self.instantiate(&callee, args, false)?;
                    let items = exports.into_iter().map(|(name, item, _)| (name, item)).collect();
                    frame.instances.push(InstanceDef::Items(Rc::new(Named::new(items))));
                }
                Init::InstanceFromExports(items) => {
                    let items = items.iter().map(|(name, item)| (name.clone(), frame.item(*item))).collect();
                    frame.instances.push(InstanceDef::Items(Rc::new(Named::new(items))));
                }
                Init::AliasExport { sort, instance, name, resource } => {
                    let item = self.instance_export(&frame.instances[*instance as usize], name)?;
                    if let (Some(key), Item::Type(TypeItem::Resource(r))) = (resource, &item) {
                        frame.resources.insert(*key, *r);
                    }
                    debug_assert_eq!(item_sort(&item), *sort);
                    frame.push(item);
                }
                Init::AliasOuter { sort, count, index, resource } => {
                    let item = outer_item(&frame, closure, *sort, *count, *index)?;
                    if let (Some(key), Item::Type(TypeItem::Resource(r))) = (resource, &item) {
                        frame.resources.insert(*key, *r);
                    }
                    frame.push(item);
                }
                Init::Type => frame.types.push(TypeItem::Other),
                Init::Resource { key, dtor } => {
                    let index = self.plan.resources.len() as u32;
                    let dtor = dtor.map(|d| frame.core_funcs[d as usize].clone());
                    self.plan.resources.push(RuntimeResource::Guest { instance: frame.instance, dtor });
                    frame.resources.insert(*key, index);
                    frame.types.push(TypeItem::Resource(index));
                }
                Init::Lift { core_func, ty, options } => {
                    let resources = resource_map(&self.model.types, ty, &frame.resources)?;
                    let lifted = Lifted {
                        func: frame.core_funcs[*core_func as usize].clone(),
                        ty: ty.clone(),
                        options: frame.options(options),
                        instance: frame.instance,
                        resources,
                    };
                    if options.callback.is_some() {
                        return Err(Error::new("async functions with a callback (`canon lift async (callback ...)`) are not supported yet"));
                    }
                    frame.funcs.push(FuncDef::Lifted(Rc::new(lifted)));
                }
                Init::Lower { func, ty, options } => {
                    let trampoline = match &frame.funcs[*func as usize] {
                        FuncDef::Host(host) => {
                            if options.is_async {
                                return Err(Error::new("async calls of host imports (`canon lower async`) are not supported yet"));
                            }
                            if let Some(why) = host_boundary_problem(&self.model.types, ty) {
                                return Err(Error::new(format!("imported function `{}`: {why}", self.plan.host_name(host))));
                            }
                            let resources = resource_map(&self.model.types, ty, &frame.resources)?;
                            if resources.iter().any(|(_, r)| self.plan.resources[*r as usize].instance().is_some()) {
                                return Err(Error::new(format!(
                                    "imported function `{}`: a resource type defined inside the component crosses to the host through an import",
                                    self.plan.host_name(host)
                                )));
                            }
                            Trampoline::Host {
                                func: host.clone(),
                                ty: ty.clone(),
                                options: frame.options(options),
                                instance: frame.instance,
                                resources,
                            }
                        }
                        FuncDef::Lifted(callee) => Trampoline::Adapter {
                            ty: ty.clone(),
                            options: frame.options(options),
                            instance: frame.instance,
                            resources: resource_map(&self.model.types, ty, &frame.resources)?,
                            callee: callee.clone(),
                        },
                    };
                    frame.core_funcs.push(self.trampoline(trampoline));
                }
                Init::Builtin(builtin) => {
                    let resource = |key: &ResourceKey| {
                        frame.resources.get(key).copied().ok_or_else(|| Error::new("resource builtin on an unknown resource type"))
                    };
                    let builtin = match builtin {
                        Builtin::ResourceNew(key) => RuntimeBuiltin::ResourceNew(resource(key)?),
                        Builtin::ResourceRep(key) => RuntimeBuiltin::ResourceRep(resource(key)?),
                        Builtin::ResourceDrop(key) => RuntimeBuiltin::ResourceDrop(resource(key)?),
                        Builtin::TaskReturn { result, options } => {
                            let returned = FuncType { params: Vec::new(), result: *result, is_async: false };
                            RuntimeBuiltin::TaskReturn {
                                result: *result,
                                options: frame.options(options),
                                resources: resource_map(&self.model.types, &returned, &frame.resources)?,
                            }
                        }
                        Builtin::ContextGet(slot) => RuntimeBuiltin::ContextGet(*slot),
                        Builtin::ContextSet(slot) => RuntimeBuiltin::ContextSet(*slot),
                        Builtin::BackpressureInc => RuntimeBuiltin::BackpressureInc,
                        Builtin::BackpressureDec => RuntimeBuiltin::BackpressureDec,
                        Builtin::Unsupported(name) => RuntimeBuiltin::Unsupported(name),
                    };
                    let def = self.trampoline(Trampoline::Builtin { builtin, instance: frame.instance });
                    frame.core_funcs.push(def);
                }
                Init::InstanceResources { instance, resources } => {
                    for (path, key) in resources {
                        let mut item = Item::Instance(frame.instances[*instance as usize].clone());
                        for name in path {
                            let Item::Instance(inner) = &item else { break };
                            item = self.instance_export(inner, name)?;
                        }
                        if let Item::Type(TypeItem::Resource(r)) = item {
                            frame.resources.insert(*key, r);
                        }
                    }
                }
                Init::CoreModule(index) => frame.modules.push(ModuleDef::Static(*index)),
                Init::CoreInstantiate { module, args } => {
                    let module = self.module_ref(frame.modules[*module as usize]);
                    let args = args
                        .iter()
                        .map(|(name, instance)| {
                            let arg = match &frame.core_instances[*instance as usize] {
                                CoreInstanceDef::Instance(i) => CoreInstanceArg::Instance(*i),
                                CoreInstanceDef::Items(items) => CoreInstanceArg::Items(items.items.clone()),
                            };
                            (name.clone(), arg)
                        })
                        .collect();
                    let index = self.plan.instances.len() as u32;
                    self.plan.instances.push(CoreInstantiation { module, args });
                    frame.core_instances.push(CoreInstanceDef::Instance(index));
                }
                Init::CoreInstanceFromExports(items) => {
                    let items = items.iter().map(|(name, sort, index)| (name.clone(), frame.core_item(*sort, *index))).collect();
                    frame.core_instances.push(CoreInstanceDef::Items(Rc::new(Named::new(items))));
                }
                Init::CoreAliasExport { sort, instance, name } => {
                    let def = match &frame.core_instances[*instance as usize] {
                        CoreInstanceDef::Instance(i) => CoreDef::Export { instance: *i, name: name.clone() },
                        CoreInstanceDef::Items(items) => items
                            .get(name)
                            .cloned()
                            .ok_or_else(|| Error::new(format!("core instance has no export `{name}`")))?,
                    };
                    frame.core_space(*sort).push(def);
                }
            }
        }
        Ok(frame.exports)
    }

    fn trampoline(&mut self, trampoline: Trampoline) -> CoreDef {
        self.plan.trampolines.push(trampoline);
        CoreDef::Trampoline(self.plan.trampolines.len() as u32 - 1)
    }

    fn module_ref(&mut self, module: ModuleDef) -> CoreModuleRef {
        match module {
            ModuleDef::Static(index) => CoreModuleRef::File(*self.module_files.entry(index).or_insert_with(|| {
                self.plan.modules.push(index);
                self.plan.modules.len() - 1
            })),
            ModuleDef::Host(k) => CoreModuleRef::Host(k),
        }
    }

    fn host_import(&mut self, name: &str, shape: &Shape) -> Result<Item, Error> {
        let import = self.plan.imports.len();
        let item = self.host_item(import, Vec::new(), shape).map_err(|what| {
            Error::new(format!("import `{name}`: importing {what} from the host is not supported"))
        })?;
        let mut funcs = Vec::new();
        shape_funcs(name, shape, &mut funcs);
        self.plan.imports.push(HostImport { name: name.to_string(), funcs });
        Ok(item)
    }

    fn instance_export(&mut self, instance: &InstanceDef, name: &str) -> Result<Item, Error> {
        match instance {
            InstanceDef::Items(items) => items
                .get(name)
                .cloned()
                .ok_or_else(|| Error::new(format!("instance has no export `{name}`"))),
            InstanceDef::Host { import, path, exports } => {
                let shape = exports
                    .get(name)
                    .ok_or_else(|| Error::new(format!("imported instance has no export `{name}`")))?;
                let mut path = path.clone();
                path.push(name.to_string());
                self.host_item(*import, path, shape).map_err(|what| {
                    let import = &self.plan.imports[*import].name;
                    Error::new(format!("import `{import}`: importing {what} (`{name}`) from the host is not supported"))
                })
            }
        }
    }

    /// An item the host provides: import `import`, export `path` inside it.
    fn host_item(&mut self, import: usize, path: Vec<String>, shape: &Shape) -> Result<Item, &'static str> {
        Ok(match shape {
            Shape::Func => Item::Func(FuncDef::Host(Rc::new(HostFunc { import, path }))),
            Shape::Instance(exports) => Item::Instance(InstanceDef::Host { import, path, exports: Rc::new(Named::new(exports.clone())) }),
            Shape::Type(None) => Item::Type(TypeItem::Other),
            Shape::Type(Some(key)) => {
                let resources = &mut self.plan.resources;
                let r = *self.host_resources.entry(*key).or_insert_with(|| {
                    resources.push(RuntimeResource::Host { import, path });
                    resources.len() as u32 - 1
                });
                Item::Type(TypeItem::Resource(r))
            }
            Shape::Module => {
                self.plan.host_modules.push((import, path));
                Item::Module(ModuleDef::Host(self.plan.host_modules.len() - 1))
            }
            Shape::Component => return Err("a component"),
            Shape::Value => return Err("a value"),
        })
    }

    /// A top-level export as JS will see it, through the type it is exported as; `None` for
    /// exports JS has no value for (types).
    fn export(&mut self, name: &str, item: &Item, shape: &Shape) -> Result<Option<Export>, Error> {
        Ok(Some(match item {
            Item::Func(func) => {
                if let FuncDef::Lifted(lifted) = func
                    && let Some(why) = host_boundary_problem(&self.model.types, &lifted.ty)
                {
                    return Err(Error::new(format!("exported function `{name}`: {why}")));
                }
                Export::Func(func.clone())
            }
            Item::Instance(instance) => {
                let Shape::Instance(visible) = shape else {
                    return Err(Error::new(format!("export `{name}`: an instance exported as something else")));
                };
                let mut exports = Vec::new();
                for (inner, inner_shape) in visible {
                    let item = self.instance_export(instance, inner)?;
                    if let Some(export) = self.export(&format!("{name}#{inner}"), &item, inner_shape)? {
                        exports.push((inner.clone(), export));
                    }
                }
                Export::Instance(exports)
            }
            Item::Type(TypeItem::Resource(r)) => Export::Resource(*r),
            Item::Type(TypeItem::Other) => return Ok(None),
            Item::Module(module) => Export::Module(self.module_ref(*module)),
            Item::Component(_) => return Err(Error::new(format!("export `{name}`: exporting a component is not supported"))),
            Item::Value => return Err(Error::new(format!("export `{name}`: value exports are not supported"))),
        }))
    }
}


impl Plan {
    /// The host function's own name: its export name, or its import name at the root.
    pub fn host_func_name<'p>(&'p self, func: &'p HostFunc) -> &'p str {
        self.host_item_name(func.import, &func.path)
    }

    /// The name of the item at export `path` of host import `import`: the last export name,
    /// or the import's name when `path` is empty.
    pub fn host_item_name<'p>(&'p self, import: usize, path: &'p [String]) -> &'p str {
        path.last().unwrap_or(&self.imports[import].name)
    }

    /// `import#export#...`: how messages name a host function.
    pub fn host_name(&self, func: &HostFunc) -> String {
        let mut name = self.imports[func.import].name.clone();
        for part in &func.path {
            name.push('#');
            name.push_str(part);
        }
        name
    }
}

/// The full names of the functions in an import of `shape` named `name`.
fn shape_funcs(name: &str, shape: &Shape, out: &mut Vec<String>) {
    match shape {
        Shape::Func => out.push(name.to_string()),
        Shape::Instance(exports) => exports.iter().for_each(|(inner, shape)| shape_funcs(&format!("{name}#{inner}"), shape, out)),
        Shape::Type(_) | Shape::Module | Shape::Component | Shape::Value => {}
    }
}

/// Why a function cannot cross between JS and the component yet, if it cannot.
fn host_boundary_problem(types: &TypeTable, ty: &FuncType) -> Option<&'static str> {
    let is_async_value = |_, def: Option<&TypeDef>| matches!(def, Some(TypeDef::Future(_) | TypeDef::Stream(_)));
    if ty.params.iter().map(|p| p.1).chain(ty.result).any(|t| types.contains(t, &is_async_value)) {
        return Some("streams and futures in host-facing signatures are not supported yet");
    }
    if ty.is_async {
        return Some("async functions are not supported yet");
    }
    None
}

/// Maps each resource type a signature mentions to its runtime resource.
fn resource_map(types: &TypeTable, ty: &FuncType, known: &HashMap<ResourceKey, u32>) -> Result<ResourceMap, Error> {
    let mut map = ResourceMap::new();
    let mut stack: Vec<ValType> = ty.params.iter().map(|p| p.1).chain(ty.result).collect();
    while let Some(t) = stack.pop() {
        let Some(def) = types.def(t) else { continue };
        match def {
            TypeDef::Own(key) | TypeDef::Borrow(key) => {
                let r = known.get(key).copied().ok_or_else(|| Error::new("signature uses an unknown resource type"))?;
                if !map.iter().any(|(k, _)| k == key) {
                    map.push((*key, r));
                }
            }
            TypeDef::Record(fields) => stack.extend(fields.iter().map(|f| f.1)),
            TypeDef::Variant(cases) => stack.extend(cases.iter().filter_map(|c| c.1)),
            TypeDef::List(t) | TypeDef::FixedList(t, _) | TypeDef::Option(t) => stack.push(*t),
            TypeDef::Map(k, v) => stack.extend([*k, *v]),
            TypeDef::Tuple(tys) => stack.extend(tys.iter().copied()),
            TypeDef::Result(ok, err) => stack.extend(ok.iter().chain(err.iter()).copied()),
            TypeDef::Future(t) | TypeDef::Stream(t) => stack.extend(t.iter().copied()),
            TypeDef::Flags(_) | TypeDef::Enum(_) => {}
        }
    }
    Ok(map)
}

fn item_sort(item: &Item) -> Sort {
    match item {
        Item::Func(_) => Sort::Func,
        Item::Instance(_) => Sort::Instance,
        Item::Component(_) => Sort::Component,
        Item::Module(_) => Sort::Module,
        Item::Type(_) => Sort::Type,
        Item::Value => Sort::Value,
    }
}

fn outer_item(frame: &Frame, closure: &Closure, sort: Sort, count: u32, index: u32) -> Result<Item, Error> {
    let index = index as usize;
    if count == 0 {
        return Ok(frame.item(ItemRef { sort, index: index as u32 }));
    }
    let mut scope = &closure.outer;
    for _ in 1..count {
        scope = scope.parent.as_ref().ok_or_else(|| Error::new("outer alias reaches beyond the root component"))?;
    }
    let missing = || Error::new("outer alias to an item that does not exist");
    Ok(match sort {
        Sort::Module => Item::Module(*scope.modules.get(index).ok_or_else(missing)?),
        Sort::Component => Item::Component(scope.components.get(index).ok_or_else(missing)?.clone()),
        Sort::Type => Item::Type(*scope.types.get(index).ok_or_else(missing)?),
        _ => return Err(Error::new("outer alias of a sort other than module, component or type")),
    })
}

impl Frame {
    fn push(&mut self, item: Item) {
        match item {
            Item::Func(f) => self.funcs.push(f),
            Item::Instance(i) => self.instances.push(i),
            Item::Component(c) => self.components.push(c),
            Item::Module(m) => self.modules.push(m),
            Item::Type(t) => self.types.push(t),
            Item::Value => {}
        }
    }

    fn item(&self, item: ItemRef) -> Item {
        let i = item.index as usize;
        match item.sort {
            Sort::Func => Item::Func(self.funcs[i].clone()),
            Sort::Instance => Item::Instance(self.instances[i].clone()),
            Sort::Component => Item::Component(self.components[i].clone()),
            Sort::Module => Item::Module(self.modules[i]),
            Sort::Type => Item::Type(self.types[i]),
            Sort::Value => Item::Value,
        }
    }

    fn core_space(&mut self, sort: CoreSort) -> &mut Vec<CoreDef> {
        match sort {
            CoreSort::Func => &mut self.core_funcs,
            CoreSort::Table => &mut self.core_tables,
            CoreSort::Memory => &mut self.core_memories,
            CoreSort::Global => &mut self.core_globals,
            CoreSort::Tag => &mut self.core_tags,
        }
    }

    fn core_item(&mut self, sort: CoreSort, index: u32) -> CoreDef {
        self.core_space(sort)[index as usize].clone()
    }

    fn options(&self, options: &CanonOptions) -> Options {
        Options {
            encoding: options.encoding,
            is_async: options.is_async,
            memory: options.memory.map(|m| self.core_memories[m as usize].clone()),
            realloc: options.realloc.map(|f| self.core_funcs[f as usize].clone()),
            post_return: options.post_return.map(|f| self.core_funcs[f as usize].clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A nested component lowers the host's function with its own view of the host's
    /// resource type (another `ResourceKey` than the root's import has): the trampoline must
    /// carry that type, whose resources it maps (as in `wasm-tools compose` output).
    #[test]
    fn host_function_lowered_in_a_nested_component_uses_its_resource_types() {
        let wat = r#"(component
          (import "test:res/store" (instance $store
            (export "blob" (type $blob (sub resource)))
            (export "size" (func (param "b" (borrow $blob)) (result u32)))))
          (component $inner
            (import "test:res/store" (instance $s
              (export "blob" (type $blob (sub resource)))
              (export "size" (func (param "b" (borrow $blob)) (result u32)))))
            (alias export $s "size" (func $size))
            (core func $size (canon lower (func $size)))
            (core module $m
              (import "store" "size" (func $size (param i32) (result i32)))
              (func (export "run") (param i32) (result i32) (call $size (local.get 0))))
            (core instance $i (instantiate $m (with "store" (instance (export "size" (func $size))))))
            (func (export "run") (param "b" u32) (result u32) (canon lift (core func $i "run"))))
          (instance $c (instantiate $inner (with "test:res/store" (instance $store))))
          (export "run" (func $c "run")))"#;
        let model = crate::parse::parse(&wat::parse_str(wat).unwrap()).unwrap();
        let plan = plan(&model).unwrap();
        let [Trampoline::Host { ty, resources, .. }] = &plan.trampolines[..] else { panic!("one host trampoline") };
        let map = resource_map(&model.types, ty, &resources.iter().copied().collect()).unwrap();
        assert_eq!(&map, resources);
        assert!(crate::transpile(&wat::parse_str(wat).unwrap(), &crate::Options::default()).is_ok());
    }
}
