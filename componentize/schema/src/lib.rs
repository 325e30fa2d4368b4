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
}

/// A function: where JS finds or sees it, and its types.
#[derive(Debug, Clone, PartialEq)]
pub struct Func {
    /// The JS module specifier of an imported interface (`ns:pkg/iface`), or the name of the
    /// object an exported interface is (`iface`); `None` at world level.
    pub namespace: Option<String>,
    /// The function's JS name (`getThing`).
    pub name: String,
    pub params: Vec<TypeId>,
    pub result: Option<TypeId>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    pub types: Vec<Type>,
    pub imports: Vec<Func>,
    pub exports: Vec<Func>,
}
