//! WIT value types as the engine's `Schema` lists them: each distinct type once, with JS
//! property names, aliases seen through.

use std::collections::HashMap;

use ferry_componentize_schema::{Resource, ResourceId, Type, TypeId as SchemaType};
use ferry_transpiler::names::lower_camel_property;
use wit_parser::{Handle, Resolve, Type as WitType, TypeDefKind, TypeId};

#[derive(Default)]
pub struct TypeTable {
    types: Vec<Type>,
    /// Named or anonymous WIT types already added.
    defined: HashMap<TypeId, SchemaType>,
    resources: Vec<Resource>,
    /// WIT resource types (aliases seen through) and their schema index.
    resource_ids: HashMap<TypeId, ResourceId>,
}

impl TypeTable {
    pub fn finish(self) -> (Vec<Type>, Vec<Resource>) {
        (self.types, self.resources)
    }

    /// Registers a resource the world defines; the first registration of a type wins.
    pub fn add_resource(&mut self, ty: TypeId, resource: Resource) -> ResourceId {
        if let Some(&r) = self.resource_ids.get(&ty) {
            return r;
        }
        self.resources.push(resource);
        let r = self.resources.len() as ResourceId - 1;
        self.resource_ids.insert(ty, r);
        r
    }

    /// The schema index of resource `ty` (through aliases), if the world defines it.
    pub fn resource_of(&self, resolve: &Resolve, mut ty: TypeId) -> Option<ResourceId> {
        while let TypeDefKind::Type(WitType::Id(target)) = resolve.types[ty].kind {
            ty = target;
        }
        self.resource_ids.get(&ty).copied()
    }

    /// `ty`'s index, added with what it refers to if new. Errs with what is not supported.
    pub fn add(&mut self, resolve: &Resolve, ty: &WitType) -> Result<SchemaType, &'static str> {
        let simple = match ty {
            WitType::Bool => Type::Bool,
            WitType::S8 => Type::S8,
            WitType::U8 => Type::U8,
            WitType::S16 => Type::S16,
            WitType::U16 => Type::U16,
            WitType::S32 => Type::S32,
            WitType::U32 => Type::U32,
            WitType::S64 => Type::S64,
            WitType::U64 => Type::U64,
            WitType::F32 => Type::F32,
            WitType::F64 => Type::F64,
            WitType::Char => Type::Char,
            WitType::String => Type::String,
            WitType::ErrorContext => return Err("error-context values"),
            WitType::Id(id) => return self.add_defined(resolve, *id),
        };
        Ok(self.intern(simple))
    }

    fn add_defined(&mut self, resolve: &Resolve, id: TypeId) -> Result<SchemaType, &'static str> {
        if let Some(&t) = self.defined.get(&id) {
            return Ok(t);
        }
        let ty = match &resolve.types[id].kind {
            TypeDefKind::Type(target) => return self.add(resolve, target),
            TypeDefKind::Record(record) => Type::Record(
                record
                    .fields
                    .iter()
                    .map(|f| Ok::<_, &str>((lower_camel_property(&f.name), self.add(resolve, &f.ty)?)))
                    .collect::<Result<_, _>>()?,
            ),
            TypeDefKind::Tuple(tuple) => {
                Type::Tuple(tuple.types.iter().map(|t| self.add(resolve, t)).collect::<Result<_, _>>()?)
            }
            TypeDefKind::Variant(variant) => Type::Variant(
                variant
                    .cases
                    .iter()
                    .map(|c| Ok::<_, &str>((c.name.clone(), c.ty.as_ref().map(|t| self.add(resolve, t)).transpose()?)))
                    .collect::<Result<_, _>>()?,
            ),
            TypeDefKind::Enum(e) => Type::Enum(e.cases.iter().map(|c| c.name.clone()).collect()),
            TypeDefKind::Flags(flags) => Type::Flags(flags.flags.iter().map(|f| lower_camel_property(&f.name)).collect()),
            TypeDefKind::Option(t) => Type::Option(self.add(resolve, t)?),
            TypeDefKind::Result(r) => Type::Result {
                ok: r.ok.as_ref().map(|t| self.add(resolve, t)).transpose()?,
                err: r.err.as_ref().map(|t| self.add(resolve, t)).transpose()?,
            },
            TypeDefKind::List(t) => Type::List(self.add(resolve, t)?),
            TypeDefKind::Handle(Handle::Own(r)) => Type::Own(self.resource_of(resolve, *r).ok_or("handles to resources outside the world")?),
            TypeDefKind::Handle(Handle::Borrow(r)) => {
                Type::Borrow(self.resource_of(resolve, *r).ok_or("handles to resources outside the world")?)
            }
            TypeDefKind::Resource => return Err("resources used as values"),
            TypeDefKind::Map(..) => return Err("maps"),
            TypeDefKind::FixedLengthList(..) => return Err("fixed-length lists"),
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) => return Err("futures and streams"),
            TypeDefKind::Unknown => return Err("types of unknown structure"),
        };
        let t = self.intern(ty);
        self.defined.insert(id, t);
        Ok(t)
    }

    fn intern(&mut self, ty: Type) -> SchemaType {
        if let Some(at) = self.types.iter().position(|t| *t == ty) {
            return at as SchemaType;
        }
        self.types.push(ty);
        self.types.len() as SchemaType - 1
    }
}
