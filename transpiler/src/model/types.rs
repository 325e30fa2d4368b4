//! ferry's own model of component value types, interned so that equal types share one index
//! (and so one generated lifting/lowering function).

use std::collections::HashMap;
use std::fmt;

/// A resource type as the validator names it inside one component definition. Which runtime
/// resource it denotes depends on the instantiation (see `plan`).
pub type ResourceKey = wasmparser::component_types::ResourceId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValType {
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
    ErrorContext,
    Defined(TypeIndex),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeIndex(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeDef {
    Record(Vec<(String, ValType)>),
    Variant(Vec<(String, Option<ValType>)>),
    List(ValType),
    FixedList(ValType, u32),
    /// Lowered as `list<tuple<K, V>>`.
    Map(ValType, ValType),
    Tuple(Vec<ValType>),
    Flags(Vec<String>),
    Enum(Vec<String>),
    Option(ValType),
    Result(Option<ValType>, Option<ValType>),
    Own(ResourceKey),
    Borrow(ResourceKey),
    Future(Option<ValType>),
    Stream(Option<ValType>),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FuncType {
    pub params: Vec<(String, ValType)>,
    pub result: Option<ValType>,
    pub is_async: bool,
}

#[derive(Debug, Default)]
pub struct TypeTable {
    defs: Vec<TypeDef>,
    interned: HashMap<TypeDef, TypeIndex>,
}

impl TypeTable {
    pub fn intern(&mut self, def: TypeDef) -> ValType {
        if let Some(&index) = self.interned.get(&def) {
            return ValType::Defined(index);
        }
        let index = TypeIndex(self.defs.len() as u32);
        self.defs.push(def.clone());
        self.interned.insert(def, index);
        ValType::Defined(index)
    }

    /// The type `def` was interned as, if it was.
    pub fn find(&self, def: &TypeDef) -> Option<ValType> {
        self.interned.get(def).map(|&index| ValType::Defined(index))
    }

    pub fn get(&self, index: TypeIndex) -> &TypeDef {
        &self.defs[index.0 as usize]
    }

    /// The definition behind `ty`, if it is not a primitive.
    pub fn def(&self, ty: ValType) -> Option<&TypeDef> {
        match ty {
            ValType::Defined(index) => Some(self.get(index)),
            _ => None,
        }
    }

    /// Whether `ty` or any type inside it satisfies `pred`.
    pub fn contains(&self, ty: ValType, pred: &dyn Fn(ValType, Option<&TypeDef>) -> bool) -> bool {
        let def = self.def(ty);
        if pred(ty, def) {
            return true;
        }
        let Some(def) = def else { return false };
        let any = |tys: &mut dyn Iterator<Item = ValType>| {
            for t in tys {
                if self.contains(t, pred) {
                    return true;
                }
            }
            false
        };
        match def {
            TypeDef::Record(fields) => any(&mut fields.iter().map(|f| f.1)),
            TypeDef::Variant(cases) => any(&mut cases.iter().filter_map(|c| c.1)),
            TypeDef::List(t) | TypeDef::FixedList(t, _) | TypeDef::Option(t) => self.contains(*t, pred),
            TypeDef::Map(k, v) => any(&mut [*k, *v].into_iter()),
            TypeDef::Tuple(tys) => any(&mut tys.iter().copied()),
            TypeDef::Result(ok, err) => any(&mut ok.iter().chain(err.iter()).copied()),
            TypeDef::Future(t) | TypeDef::Stream(t) => any(&mut t.iter().copied()),
            TypeDef::Flags(_) | TypeDef::Enum(_) | TypeDef::Own(_) | TypeDef::Borrow(_) => false,
        }
    }

    /// A WIT-like spelling of `ty`, for error messages.
    pub fn display(&self, ty: ValType) -> DisplayType<'_> {
        DisplayType { table: self, ty }
    }
}

pub struct DisplayType<'a> {
    table: &'a TypeTable,
    ty: ValType,
}

impl fmt::Display for DisplayType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |ty| self.table.display(ty);
        let name = match self.ty {
            ValType::Bool => "bool",
            ValType::S8 => "s8",
            ValType::U8 => "u8",
            ValType::S16 => "s16",
            ValType::U16 => "u16",
            ValType::S32 => "s32",
            ValType::U32 => "u32",
            ValType::S64 => "s64",
            ValType::U64 => "u64",
            ValType::F32 => "f32",
            ValType::F64 => "f64",
            ValType::Char => "char",
            ValType::String => "string",
            ValType::ErrorContext => "error-context",
            ValType::Defined(index) => {
                return match self.table.get(index) {
                    TypeDef::Record(fields) => {
                        f.write_str("record { ")?;
                        for (i, (name, ty)) in fields.iter().enumerate() {
                            let sep = if i + 1 < fields.len() { ", " } else { " " };
                            write!(f, "{name}: {}{sep}", show(*ty))?;
                        }
                        f.write_str("}")
                    }
                    TypeDef::Variant(cases) => {
                        f.write_str("variant { ")?;
                        for (i, (name, ty)) in cases.iter().enumerate() {
                            f.write_str(name)?;
                            if let Some(ty) = ty {
                                write!(f, "({})", show(*ty))?;
                            }
                            f.write_str(if i + 1 < cases.len() { ", " } else { " " })?;
                        }
                        f.write_str("}")
                    }
                    TypeDef::List(t) => write!(f, "list<{}>", show(*t)),
                    TypeDef::FixedList(t, n) => write!(f, "list<{}, {n}>", show(*t)),
                    TypeDef::Map(k, v) => write!(f, "map<{}, {}>", show(*k), show(*v)),
                    TypeDef::Tuple(tys) => {
                        f.write_str("tuple<")?;
                        for (i, ty) in tys.iter().enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "{}", show(*ty))?;
                        }
                        f.write_str(">")
                    }
                    TypeDef::Flags(names) => write!(f, "flags {{ {} }}", names.join(", ")),
                    TypeDef::Enum(names) => write!(f, "enum {{ {} }}", names.join(", ")),
                    TypeDef::Option(t) => write!(f, "option<{}>", show(*t)),
                    TypeDef::Result(ok, err) => {
                        let part = |t: &Option<ValType>| match t {
                            Some(t) => show(*t).to_string(),
                            None => "_".to_string(),
                        };
                        match (ok, err) {
                            (None, None) => f.write_str("result"),
                            (ok, None) => write!(f, "result<{}>", part(ok)),
                            (ok, err) => write!(f, "result<{}, {}>", part(ok), part(err)),
                        }
                    }
                    TypeDef::Own(_) => f.write_str("own<resource>"),
                    TypeDef::Borrow(_) => f.write_str("borrow<resource>"),
                    TypeDef::Future(_) => f.write_str("future"),
                    TypeDef::Stream(_) => f.write_str("stream"),
                };
            }
        };
        f.write_str(name)
    }
}
