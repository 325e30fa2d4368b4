//! The world as the engine sees it: every function it is called for or calls (in the order
//! of `ferry_componentize::bindings`), with its JS name and value types. `ferry componentize`
//! writes it (`Schema::encode`); the engine reads it during pre-initialisation
//! (`Schema::decode`) and lifts and lowers values by it.

mod wire;

pub use wire::DecodeError;

/// An index into `Schema::types`.
pub type TypeId = u32;

/// A WIT value type, with names as JS sees them where they become JS names.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Bool,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    Char,
    String,
    List(TypeId),
    /// Fields: JS property name, type.
    Record(Vec<(String, TypeId)>),
    Tuple(Vec<TypeId>),
    /// Cases: WIT case name (JS `tag`), payload.
    Variant(Vec<(String, Option<TypeId>)>),
    /// Case names as WIT spells them (the JS value).
    Enum(Vec<String>),
    Option(TypeId),
    Result { ok: Option<TypeId>, err: Option<TypeId> },
    /// Flag names as JS properties.
    Flags(Vec<String>),
    /// An owned handle to a resource.
    Own(ResourceId),
    /// A borrowed handle to a resource.
    Borrow(ResourceId),
}

/// An index into `Schema::resources`.
pub type ResourceId = u32;

/// A resource type of the world.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// As `Func::namespace`: where its class is imported from or exported as; for a resource
    /// the world itself defines, the module named after it (`blob`), whose default export
    /// the class is.
    pub namespace: Option<String>,
    /// The JS class name (`BlobStore`).
    pub name: String,
    /// Exported: the JS module defines the class and the component hands out its handles.
    /// Imported: the host defines it, and the engine makes a class wrapping the handles.
    pub exported: bool,
}

/// What a function is to JS, or which canonical built-in of a resource it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FuncKind {
    /// A plain function, world-level or an interface's.
    Free,
    Constructor(ResourceId),
    Method(ResourceId),
    Static(ResourceId),
    /// Imports: `[resource-drop]` (every resource), `[resource-new]` and `[resource-rep]`
    /// (exported resources). Their name is empty and their types are implied.
    ResourceDrop(ResourceId),
    ResourceNew(ResourceId),
    ResourceRep(ResourceId),
    /// Export: an exported resource's destructor, called with the representation.
    Dtor(ResourceId),
}

/// A function: where JS finds or sees it, and its types.
#[derive(Debug, Clone, PartialEq)]
pub struct Func {
    /// The JS module specifier of an imported interface (`ns:pkg/iface`), or the name of the
    /// object an exported interface is (`iface`); `None` at world level.
    pub namespace: Option<String>,
    /// The function's JS name (`getThing`), or for a method or static function its JS name
    /// on the class (`getThing`); for a constructor, the class name.
    pub name: String,
    pub kind: FuncKind,
    pub params: Vec<TypeId>,
    pub result: Option<TypeId>,
}

/// A JS module of the program, as the engine's module loader finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The path relative to the entry's directory (`app.js`, `lib/util.js`); relative
    /// specifiers resolve against it. Also the file name in JS stacks.
    pub name: String,
    pub text: String,
}

/// Builtins the user turned off (`--disable`): using one throws, naming the flag.
pub mod disabled {
    pub const STDIO: u32 = 1;
    pub const CLOCKS: u32 = 2;
    pub const RANDOM: u32 = 4;
    pub const HTTP: u32 = 8;
}

/// Everything the engine reads while it is pre-initialised.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    pub types: Vec<Type>,
    pub resources: Vec<Resource>,
    /// In the order of the core imports (`ferry:host/call(i)` calls import `i`).
    pub imports: Vec<Func>,
    /// In the order of the core exports (`ferry_call(i)` runs export `i`).
    pub exports: Vec<Func>,
    /// The user's modules, the entry first.
    pub modules: Vec<Module>,
    /// The JS of the engine's builtins, by name (`console`): sent by the host rather than
    /// built into the engine, so that the snapshot holds no copy of it besides QuickJS's own,
    /// and none of a builtin not installed.
    pub builtins: Vec<Module>,
    /// A set of `disabled` bits.
    pub disabled: u32,
}
