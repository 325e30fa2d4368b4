//! ferry's model of a component binary: every (nested) component definition as the ordered
//! list of definitions it makes, with types already resolved by the validator. Indices refer
//! to the component's own index spaces, which `plan` rebuilds as it walks the list.

pub mod types;

use std::ops::Range;
pub use types::{FuncType, ResourceKey, TypeDef, TypeTable, ValType};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleIndex(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ComponentIndex(pub u32);

#[derive(Debug)]
pub struct Model {
    pub types: TypeTable,
    /// Every core module in the binary, in order of appearance.
    pub modules: Vec<CoreModule>,
    /// Every component definition; the root is the last one.
    pub components: Vec<ComponentDef>,
}

impl Model {
    pub fn root(&self) -> ComponentIndex {
        ComponentIndex(self.components.len() as u32 - 1)
    }
}

#[derive(Debug)]
pub struct CoreModule {
    /// Where the module's bytes are in the component binary.
    pub range: Range<usize>,
}

#[derive(Debug, Default)]
pub struct ComponentDef {
    pub inits: Vec<Init>,
}

/// A component-level sort, for instantiation arguments, exports and aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Module,
    Func,
    Value,
    Type,
    Instance,
    Component,
}

/// A core sort, for core instance exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoreSort {
    Func,
    Table,
    Memory,
    Global,
    Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRef {
    pub sort: Sort,
    pub index: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringEncoding {
    Utf8,
    Utf16,
    CompactUtf16,
}

/// Canonical options, with indices into the component's core index spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanonOptions {
    pub encoding: StringEncoding,
    pub memory: Option<u32>,
    pub realloc: Option<u32>,
    pub post_return: Option<u32>,
    pub is_async: bool,
    pub callback: Option<u32>,
}

/// What an import or an instance export is, as far as planning needs to know.
#[derive(Debug, Clone)]
pub enum Shape {
    /// A function: the type it is lowered with is the one that counts.
    Func,
    /// An instance with these exports, in order.
    Instance(Vec<(String, Shape)>),
    /// A type; `Some` for a resource type.
    Type(Option<ResourceKey>),
    Module,
    Component,
    Value,
}

/// Builtins with no lifting or lowering of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Builtin {
    ResourceNew(ResourceKey),
    ResourceRep(ResourceKey),
    ResourceDrop(ResourceKey),
    /// Delivers an async-lifted function's result, with the options for lifting it.
    TaskReturn { result: Option<ValType>, options: CanonOptions },
    ContextGet(u32),
    ContextSet(u32),
    BackpressureInc,
    BackpressureDec,
    /// A builtin of the async or threading proposals, which ferry does not run yet: it traps
    /// when called, after the checks every builtin makes.
    Unsupported(&'static str),
}

#[derive(Debug, Clone)]
pub enum Init {
    Import { name: String, shape: Shape },
    Export { name: String, item: ItemRef, shape: Shape },
    /// A nested component definition.
    Component(ComponentIndex),
    Instantiate { component: u32, args: Vec<(String, ItemRef)> },
    InstanceFromExports(Vec<(String, ItemRef)>),
    AliasExport { sort: Sort, instance: u32, name: String, resource: Option<ResourceKey> },
    AliasOuter { sort: Sort, count: u32, index: u32, resource: Option<ResourceKey> },
    /// A type definition; `Resource` for a fresh resource type.
    Type,
    Resource { key: ResourceKey, dtor: Option<u32> },
    Lift { core_func: u32, ty: FuncType, options: CanonOptions },
    Lower { func: u32, ty: FuncType, options: CanonOptions },
    Builtin(Builtin),
    /// The resource types an instance's type names, by export path; planning maps each to
    /// the runtime resource the instance actually has there.
    InstanceResources { instance: u32, resources: Vec<(Vec<String>, ResourceKey)> },
    CoreModule(ModuleIndex),
    CoreInstantiate { module: u32, args: Vec<(String, u32)> },
    CoreInstanceFromExports(Vec<(String, CoreSort, u32)>),
    CoreAliasExport { sort: CoreSort, instance: u32, name: String },
}
