//! The schema's bytes: LEB128 numbers, length-prefixed UTF-8 strings, a tag byte per type.

use crate::{Func, FuncKind, Module, Resource, ResourceId, Schema, Type, TypeId};

/// The schema's bytes could not be read: the engine and the `ferry` that wrote them disagree.
#[derive(Debug, PartialEq)]
pub struct DecodeError {
    pub offset: usize,
    pub what: &'static str,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the world's description: {} at byte offset {}", self.what, self.offset)
    }
}

impl std::error::Error for DecodeError {}

/// The first byte: which layout of the schema this is.
const VERSION: u8 = 3;

impl Schema {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(vec![VERSION]);
        w.seq(&self.types, Writer::ty);
        w.seq(&self.resources, Writer::resource);
        w.seq(&self.imports, Writer::func);
        w.seq(&self.exports, Writer::func);
        let module = |w: &mut Writer, m: &Module| {
            w.str(&m.name);
            w.str(&m.text);
        };
        w.seq(&self.modules, module);
        w.seq(&self.builtins, module);
        w.num(self.disabled);
        w.0
    }

    pub fn decode(bytes: &[u8]) -> Result<Schema, DecodeError> {
        let mut r = Reader { bytes, at: 0 };
        if r.byte()? != VERSION {
            return Err(r.error("an unknown version"));
        }
        let schema = Schema {
            types: r.seq(Reader::ty)?,
            resources: r.seq(Reader::resource)?,
            imports: r.seq(Reader::func)?,
            exports: r.seq(Reader::func)?,
            modules: r.seq(Reader::module)?,
            builtins: r.seq(Reader::module)?,
            disabled: r.num()?,
        };
        if r.at != bytes.len() {
            return Err(r.error("bytes after the end"));
        }
        let out_of_range = |what| DecodeError { offset: bytes.len(), what };
        let funcs = schema.imports.iter().chain(&schema.exports);
        let types = schema.types.iter().flat_map(referenced).chain(funcs.clone().flat_map(|f| f.params.iter().copied().chain(f.result)));
        if types.into_iter().any(|id| id as usize >= schema.types.len()) {
            return Err(out_of_range("a type index out of range"));
        }
        let resources = schema.types.iter().filter_map(resource_of).chain(funcs.filter_map(|f| kind_resource(f.kind)));
        if resources.into_iter().any(|id| id as usize >= schema.resources.len()) {
            return Err(out_of_range("a resource index out of range"));
        }
        Ok(schema)
    }
}

/// The types a type refers to.
fn referenced(ty: &Type) -> Vec<TypeId> {
    match ty {
        Type::List(t) | Type::Option(t) => vec![*t],
        Type::Record(fields) => fields.iter().map(|(_, t)| *t).collect(),
        Type::Tuple(types) => types.clone(),
        Type::Variant(cases) => cases.iter().filter_map(|(_, t)| *t).collect(),
        Type::Result { ok, err } => ok.iter().chain(err).copied().collect(),
        _ => Vec::new(),
    }
}

fn resource_of(ty: &Type) -> Option<ResourceId> {
    match ty {
        Type::Own(r) | Type::Borrow(r) => Some(*r),
        _ => None,
    }
}

fn kind_resource(kind: FuncKind) -> Option<ResourceId> {
    match kind {
        FuncKind::Free => None,
        FuncKind::Constructor(r)
        | FuncKind::Method(r)
        | FuncKind::Static(r)
        | FuncKind::ResourceDrop(r)
        | FuncKind::ResourceNew(r)
        | FuncKind::ResourceRep(r)
        | FuncKind::Dtor(r) => Some(r),
    }
}

/// `FuncKind`'s tags, in the order written (`Free` is 0).
const KINDS: [fn(ResourceId) -> FuncKind; 7] = [
    FuncKind::Constructor,
    FuncKind::Method,
    FuncKind::Static,
    FuncKind::ResourceDrop,
    FuncKind::ResourceNew,
    FuncKind::ResourceRep,
    FuncKind::Dtor,
];

struct Writer(Vec<u8>);

impl Writer {
    fn num(&mut self, mut n: u32) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.num(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn seq<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.num(items.len() as u32);
        for item in items {
            each(self, item);
        }
    }

    fn opt(&mut self, t: Option<TypeId>) {
        self.num(t.map_or(0, |t| t + 1));
    }

    fn ty(&mut self, ty: &Type) {
        let simple = [
            Type::Bool, Type::S8, Type::U8, Type::S16, Type::U16, Type::S32, Type::U32, Type::S64, Type::U64,
            Type::F32, Type::F64, Type::Char, Type::String,
        ];
        if let Some(tag) = simple.iter().position(|s| s == ty) {
            self.0.push(tag as u8);
            return;
        }
        match ty {
            Type::List(t) => {
                self.0.push(13);
                self.num(*t);
            }
            Type::Record(fields) => {
                self.0.push(14);
                self.seq(fields, |w, (name, t)| {
                    w.str(name);
                    w.num(*t);
                });
            }
            Type::Tuple(types) => {
                self.0.push(15);
                self.seq(types, |w, t| w.num(*t));
            }
            Type::Variant(cases) => {
                self.0.push(16);
                self.seq(cases, |w, (name, t)| {
                    w.str(name);
                    w.opt(*t);
                });
            }
            Type::Enum(names) => {
                self.0.push(17);
                self.seq(names, |w, n| w.str(n));
            }
            Type::Option(t) => {
                self.0.push(18);
                self.num(*t);
            }
            Type::Result { ok, err } => {
                self.0.push(19);
                self.opt(*ok);
                self.opt(*err);
            }
            Type::Flags(names) => {
                self.0.push(20);
                self.seq(names, |w, n| w.str(n));
            }
            Type::Own(r) => {
                self.0.push(21);
                self.num(*r);
            }
            Type::Borrow(r) => {
                self.0.push(22);
                self.num(*r);
            }
            _ => unreachable!("simple types are written above"),
        }
    }

    fn namespace(&mut self, namespace: &Option<String>) {
        match namespace {
            None => self.num(0),
            Some(ns) => {
                self.num(1);
                self.str(ns);
            }
        }
    }

    fn resource(&mut self, r: &Resource) {
        self.namespace(&r.namespace);
        self.str(&r.name);
        self.num(u32::from(r.exported));
    }

    fn func(&mut self, f: &Func) {
        self.namespace(&f.namespace);
        self.str(&f.name);
        match kind_resource(f.kind) {
            None => self.num(0),
            Some(r) => {
                let tag = KINDS.iter().position(|k| k(r) == f.kind).expect("every kind with a resource is in KINDS");
                self.num(tag as u32 + 1);
                self.num(r);
            }
        }
        self.seq(&f.params, |w, t| w.num(*t));
        self.opt(f.result);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, what: &'static str) -> DecodeError {
        DecodeError { offset: self.at, what }
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.bytes.get(self.at).ok_or_else(|| self.error("an unexpected end"))?;
        self.at += 1;
        Ok(b)
    }

    fn num(&mut self) -> Result<u32, DecodeError> {
        let mut n: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            // The fifth byte has room for the top 4 bits only.
            if shift == 28 && b & 0x70 != 0 {
                return Err(self.error("a number too large"));
            }
            n |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.error("a number too long"))
    }

    fn str(&mut self) -> Result<String, DecodeError> {
        let len = self.num()? as usize;
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len()).ok_or_else(|| self.error("a string past the end"))?;
        let s = std::str::from_utf8(&self.bytes[self.at..end]).map_err(|_| self.error("a string not UTF-8"))?;
        self.at = end;
        Ok(s.to_string())
    }

    fn module(&mut self) -> Result<Module, DecodeError> {
        Ok(Module { name: self.str()?, text: self.str()? })
    }

    fn seq<T>(&mut self, mut each: impl FnMut(&mut Self) -> Result<T, DecodeError>) -> Result<Vec<T>, DecodeError> {
        let len = self.num()? as usize;
        // Every item takes at least a byte: a count beyond what is left is an error, not an allocation.
        if len > self.bytes.len() - self.at {
            return Err(self.error("a count past the end"));
        }
        (0..len).map(|_| each(self)).collect()
    }

    fn opt(&mut self) -> Result<Option<TypeId>, DecodeError> {
        Ok(self.num()?.checked_sub(1))
    }

    fn ty(&mut self) -> Result<Type, DecodeError> {
        Ok(match self.byte()? {
            0 => Type::Bool,
            1 => Type::S8,
            2 => Type::U8,
            3 => Type::S16,
            4 => Type::U16,
            5 => Type::S32,
            6 => Type::U32,
            7 => Type::S64,
            8 => Type::U64,
            9 => Type::F32,
            10 => Type::F64,
            11 => Type::Char,
            12 => Type::String,
            13 => Type::List(self.num()?),
            14 => Type::Record(self.seq(|r| Ok((r.str()?, r.num()?)))?),
            15 => Type::Tuple(self.seq(Reader::num)?),
            16 => Type::Variant(self.seq(|r| Ok((r.str()?, r.opt()?)))?),
            17 => Type::Enum(self.seq(Reader::str)?),
            18 => Type::Option(self.num()?),
            19 => Type::Result { ok: self.opt()?, err: self.opt()? },
            20 => Type::Flags(self.seq(Reader::str)?),
            21 => Type::Own(self.num()?),
            22 => Type::Borrow(self.num()?),
            _ => return Err(DecodeError { offset: self.at - 1, what: "an unknown type tag" }),
        })
    }

    fn namespace(&mut self) -> Result<Option<String>, DecodeError> {
        match self.num()? {
            0 => Ok(None),
            1 => Ok(Some(self.str()?)),
            _ => Err(self.error("an unknown namespace tag")),
        }
    }

    fn resource(&mut self) -> Result<Resource, DecodeError> {
        let namespace = self.namespace()?;
        let name = self.str()?;
        let exported = match self.num()? {
            0 => false,
            1 => true,
            _ => return Err(self.error("an unknown resource direction")),
        };
        Ok(Resource { namespace, name, exported })
    }

    fn func(&mut self) -> Result<Func, DecodeError> {
        let namespace = self.namespace()?;
        let name = self.str()?;
        let kind = match self.num()? {
            0 => FuncKind::Free,
            tag => {
                let make = KINDS.get(tag as usize - 1).ok_or_else(|| self.error("an unknown function kind"))?;
                make(self.num()?)
            }
        };
        Ok(Func { namespace, name, kind, params: self.seq(Reader::num)?, result: self.opt()? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Schema {
        Schema {
            types: vec![
                Type::String,
                Type::List(0),
                Type::Record(vec![("name".into(), 0), ("tags".into(), 1)]),
                Type::Variant(vec![("none".into(), None), ("some-thing".into(), Some(2))]),
                Type::Result { ok: Some(2), err: None },
                Type::Flags(vec!["read".into(), "writeAll".into()]),
                Type::Enum(vec!["a-b".into()]),
                Type::Tuple(vec![0, 4]),
                Type::Option(6),
                Type::U64,
                Type::Own(0),
                Type::Borrow(1),
            ],
            resources: vec![
                Resource { namespace: Some("ns:pkg/iface".into()), name: "BlobStore".into(), exported: false },
                Resource { namespace: None, name: "Counter".into(), exported: true },
            ],
            imports: vec![
                Func { namespace: Some("ns:pkg/iface".into()), name: "getThing".into(), kind: FuncKind::Free, params: vec![0, 9], result: Some(4) },
                Func { namespace: Some("ns:pkg/iface".into()), name: "put".into(), kind: FuncKind::Method(0), params: vec![11, 0], result: Some(10) },
                Func { namespace: None, name: String::new(), kind: FuncKind::ResourceNew(1), params: vec![], result: None },
            ],
            exports: vec![
                Func { namespace: None, name: "hello".into(), kind: FuncKind::Free, params: vec![0], result: None },
                Func { namespace: None, name: String::new(), kind: FuncKind::Dtor(1), params: vec![], result: None },
            ],
            modules: vec![Module { name: "app.js".into(), text: "export const x = 1;".into() }],
            builtins: vec![Module { name: "console".into(), text: "(function (native) {})".into() }],
            disabled: crate::disabled::HTTP,
        }
    }

    #[test]
    fn round_trip() {
        let schema = sample();
        assert_eq!(Schema::decode(&schema.encode()), Ok(schema));
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let bytes = sample().encode();
        for len in 0..bytes.len() {
            assert!(Schema::decode(&bytes[..len]).is_err(), "decoding {len} of {} bytes", bytes.len());
        }
    }

    #[test]
    fn bad_bytes_are_named() {
        assert_eq!(Schema::decode(&[1]).unwrap_err().to_string(), "the world's description: an unknown version at byte offset 1");
        // One type: a list of type 5, which does not exist.
        assert_eq!(Schema::decode(&[3, 1, 13, 5, 0, 0, 0, 0, 0, 0]).unwrap_err().what, "a type index out of range");
        // One type: an own handle of resource 0, and no resources.
        assert_eq!(Schema::decode(&[3, 1, 21, 0, 0, 0, 0, 0, 0, 0]).unwrap_err().what, "a resource index out of range");
        // One import of type 3, and no types.
        assert_eq!(Schema::decode(&[3, 0, 0, 1, 0, 0, 0, 1, 3, 0, 0, 0, 0, 0]).unwrap_err().what, "a type index out of range");
        assert_eq!(Schema::decode(&[3, 1, 99, 0, 0, 0, 0, 0]).unwrap_err(), DecodeError { offset: 2, what: "an unknown type tag" });
        assert_eq!(Schema::decode(&[3, 0xff, 0xff, 0xff, 0xff, 0x7f]).unwrap_err().what, "a number too large");
    }
}
