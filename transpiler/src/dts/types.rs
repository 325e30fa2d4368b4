//! WIT value types as TS type expressions, as `emit/values.rs` lifts and lowers them.

use super::{Flow, Scope, World};
use crate::error::Error;
use crate::names::{js_string, lower_camel_property, property_key};
use wit_parser::{Handle, Resolve, Type, TypeDefKind, TypeOwner};

/// `ty` with type aliases (`type a = b`) followed to what they name.
pub fn dealias(resolve: &Resolve, mut ty: Type) -> Type {
    while let Type::Id(id) = ty {
        match resolve.types[id].kind {
            TypeDefKind::Type(inner) => ty = inner,
            _ => break,
        }
    }
    ty
}

/// The kind of `ty` once aliases are followed, if it is a defined type.
pub fn kind_of(resolve: &Resolve, ty: Type) -> Option<&TypeDefKind> {
    match dealias(resolve, ty) {
        Type::Id(id) => Some(&resolve.types[id].kind),
        _ => None,
    }
}

/// The typed array a list of `elem` lifts to, and the element type lowering accepts from any
/// array-like.
fn typed_array(elem: Type) -> Option<(&'static str, &'static str)> {
    Some(match elem {
        Type::U8 => ("Uint8Array", "number"),
        Type::S8 => ("Int8Array", "number"),
        Type::U16 => ("Uint16Array", "number"),
        Type::S16 => ("Int16Array", "number"),
        Type::U32 => ("Uint32Array", "number"),
        Type::S32 => ("Int32Array", "number"),
        Type::U64 => ("BigUint64Array", "bigint | number"),
        Type::S64 => ("BigInt64Array", "bigint | number"),
        Type::F32 => ("Float32Array", "number"),
        Type::F64 => ("Float64Array", "number"),
        _ => return None,
    })
}

/// Wraps a type in parentheses where a postfix `[]` or a `readonly` would bind to part of it.
fn operand(ts: String) -> String {
    let mut depth = 0i32;
    let mut top_level_union = false;
    for c in ts.chars() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth -= 1,
            '|' if depth == 0 => top_level_union = true,
            _ => {}
        }
    }
    if top_level_union || ts.starts_with("readonly ") { format!("({ts})") } else { ts }
}

/// An array of `elem`: mutable as lifting makes it, `readonly` where lowering only reads it.
fn array(elem: String, flow: Flow) -> String {
    let array = format!("{}[]", operand(elem));
    match flow {
        Flow::Lifted => array,
        Flow::Lowered => format!("readonly {array}"),
    }
}

/// A documented part of a type: a field of a record or flags object (`name: T`, or `name?: T`
/// where lowering lets it be absent), or a case of a union (`{ tag: "case"; val: T }`, an
/// enum's string literal).
pub struct Member<'t> {
    pub docs: &'t wit_parser::Docs,
    pub text: String,
}

impl World<'_> {
    /// The TS type of `ty` flowing `flow`, written in `scope`.
    pub fn ts(&self, ty: &Type, flow: Flow, scope: Scope) -> Result<String, Error> {
        Ok(match ty {
            Type::Bool => "boolean".to_string(),
            Type::U8 | Type::S8 | Type::U16 | Type::S16 | Type::U32 | Type::S32 | Type::F32 | Type::F64 => "number".to_string(),
            Type::U64 | Type::S64 => match flow {
                Flow::Lifted => "bigint".to_string(),
                Flow::Lowered => "bigint | number".to_string(),
            },
            Type::Char | Type::String => "string".to_string(),
            Type::ErrorContext => return Err(Error::new("error-context values are not supported yet")),
            Type::Id(id) => {
                let def = &self.resolve.types[*id];
                if def.name.is_some()
                    && def.owner != TypeOwner::None
                    && let Some(name) = self.qualified(*id, scope)?
                {
                    return Ok(name);
                }
                self.kind(&def.kind, flow, scope)?
            }
        })
    }

    /// The TS type of a type definition written out in full.
    pub fn kind(&self, kind: &TypeDefKind, flow: Flow, scope: Scope) -> Result<String, Error> {
        let join = |parts: Vec<String>| parts.join(" | ");
        Ok(match kind {
            TypeDefKind::Type(t) => self.ts(t, flow, scope)?,
            TypeDefKind::Record(record) => {
                let fields = self.record_fields(record, scope)?;
                object(fields.into_iter().map(|f| f.text).collect())
            }
            TypeDefKind::Flags(flags) => object(flag_fields(flags).into_iter().map(|f| f.text).collect()),
            TypeDefKind::Tuple(tuple) => {
                let items = tuple.types.iter().map(|t| self.ts(t, flow, scope)).collect::<Result<Vec<_>, _>>()?;
                let tuple = format!("[{}]", items.join(", "));
                match flow {
                    Flow::Lifted => tuple,
                    Flow::Lowered => format!("readonly {tuple}"),
                }
            }
            TypeDefKind::Variant(variant) => join(self.variant_cases(variant, flow, scope)?.into_iter().map(|c| c.text).collect()),
            TypeDefKind::Enum(e) => join(enum_cases(e).into_iter().map(|c| c.text).collect()),
            TypeDefKind::Option(t) => {
                let payload = self.ts(t, flow, scope)?;
                // An option of an option is tagged (values.rs `Repr::Option`): lifting makes
                // `{ tag: "none" }` for the outer `none`, lowering also takes undefined or null.
                let tagged = matches!(kind_of(self.resolve, *t), Some(TypeDefKind::Option(_)));
                let absent = match (tagged, flow) {
                    (true, Flow::Lifted) => "",
                    (false, Flow::Lifted) => " | undefined",
                    (_, Flow::Lowered) => " | undefined | null",
                };
                match tagged {
                    true => format!("{{ tag: \"none\" }} | {{ tag: \"some\"; val: {payload} }}{absent}"),
                    false => format!("{payload}{absent}"),
                }
            }
            TypeDefKind::Result(r) => {
                let case = |tag: &str, t: &Option<Type>| -> Result<String, Error> {
                    Ok(match t {
                        Some(t) => format!("{{ tag: \"{tag}\"; val: {} }}", self.ts(t, flow, scope)?),
                        None => format!("{{ tag: \"{tag}\" }}"),
                    })
                };
                format!("{} | {}", case("ok", &r.ok)?, case("err", &r.err)?)
            }
            TypeDefKind::List(elem) => match (typed_array(dealias(self.resolve, *elem)), flow) {
                (Some((typed, _)), Flow::Lifted) => typed.to_string(),
                (Some((_, each)), Flow::Lowered) => format!("ArrayLike<{each}>"),
                (None, _) => array(self.ts(elem, flow, scope)?, flow),
            },
            TypeDefKind::FixedLengthList(elem, _) => array(self.ts(elem, flow, scope)?, flow),
            // A map lifts to `[key, value]` pairs (a map may repeat a key) and lowers from any
            // iterable of pairs, such as a `Map`.
            TypeDefKind::Map(k, v) => {
                let pair = format!("[{}, {}]", self.ts(k, flow, scope)?, self.ts(v, flow, scope)?);
                match flow {
                    Flow::Lifted => format!("{pair}[]"),
                    Flow::Lowered => format!("Iterable<readonly {pair}>"),
                }
            }
            TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) => self.ts(&Type::Id(*r), flow, scope)?,
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                return Err(Error::new("streams and futures are not supported yet"));
            }
            TypeDefKind::Resource | TypeDefKind::Unknown => {
                return Err(Error::new(format!("a {} is not a value type", kind.as_str())));
            }
        })
    }

    /// A record's fields as object members. Named records are declared as the values lifting
    /// makes, except that an `option` field may be absent (lowering reads it as `none`).
    pub fn record_fields<'r>(&self, record: &'r wit_parser::Record, scope: Scope) -> Result<Vec<Member<'r>>, Error> {
        record
            .fields
            .iter()
            .map(|field| {
                let optional = matches!(kind_of(self.resolve, field.ty), Some(TypeDefKind::Option(_)));
                let ts = self.ts(&field.ty, Flow::Lifted, scope)?;
                let key = property_key(&lower_camel_property(&field.name));
                let text = format!("{key}{}: {ts}", if optional { "?" } else { "" });
                Ok(Member { docs: &field.docs, text })
            })
            .collect()
    }

    /// A variant's cases: `{ tag: "case"; val: T }`, or `{ tag: "case" }` without payload.
    pub fn variant_cases<'v>(&self, variant: &'v wit_parser::Variant, flow: Flow, scope: Scope) -> Result<Vec<Member<'v>>, Error> {
        variant
            .cases
            .iter()
            .map(|case| {
                let tag = js_string(&case.name);
                let text = match &case.ty {
                    Some(t) => format!("{{ tag: {tag}; val: {} }}", self.ts(t, flow, scope)?),
                    None => format!("{{ tag: {tag} }}"),
                };
                Ok(Member { docs: &case.docs, text })
            })
            .collect()
    }
}

/// Flags as optional booleans: lifting sets every key, lowering reads an absent one as `false`.
pub fn flag_fields(flags: &wit_parser::Flags) -> Vec<Member<'_>> {
    flags
        .flags
        .iter()
        .map(|flag| Member { docs: &flag.docs, text: format!("{}?: boolean", property_key(&lower_camel_property(&flag.name))) })
        .collect()
}

/// An enum's cases as string literals of the WIT names.
pub fn enum_cases(e: &wit_parser::Enum) -> Vec<Member<'_>> {
    e.cases.iter().map(|case| Member { docs: &case.docs, text: js_string(&case.name) }).collect()
}

/// An object type on one line: `{ a: T; b?: U }`.
fn object(members: Vec<String>) -> String {
    if members.is_empty() { "{}".to_string() } else { format!("{{ {} }}", members.join("; ")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dts::{test_world, Side, World};
    use wit_parser::WorldItem;

    /// The type of the single parameter of function `f` in `interface i`, and of its result.
    fn render(body: &str) -> (String, String) {
        let (resolve, world) = test_world(&format!("package t:t;\ninterface i {{\n{body}\n}}\nworld w {{ export i; }}\n"));
        let w = World::new(&resolve, world, Side::Host);
        let iface = resolve.interfaces.iter().find(|(_, i)| i.name.as_deref() == Some("i")).unwrap().0;
        let f = &resolve.interfaces[iface].functions["f"];
        let scope = Scope::Export(iface);
        let param = w.ts(&f.params[0].ty, Flow::Lowered, scope).unwrap();
        let result = w.ts(f.result.as_ref().unwrap(), Flow::Lifted, scope).unwrap();
        (param, result)
    }

    fn both(ty: &str) -> (String, String) {
        render(&format!("f: func(x: {ty}) -> {ty};"))
    }

    #[test]
    fn scalars() {
        assert_eq!(both("bool"), ("boolean".into(), "boolean".into()));
        for ty in ["u8", "s8", "u16", "s16", "u32", "s32", "f32", "f64"] {
            assert_eq!(both(ty), ("number".into(), "number".into()), "{ty}");
        }
        assert_eq!(both("u64"), ("bigint | number".into(), "bigint".into()));
        assert_eq!(both("s64"), ("bigint | number".into(), "bigint".into()));
        assert_eq!(both("char"), ("string".into(), "string".into()));
        assert_eq!(both("string"), ("string".into(), "string".into()));
    }

    #[test]
    fn lists() {
        assert_eq!(both("list<u8>"), ("ArrayLike<number>".into(), "Uint8Array".into()));
        assert_eq!(both("list<s8>").1, "Int8Array");
        assert_eq!(both("list<u16>").1, "Uint16Array");
        assert_eq!(both("list<s16>").1, "Int16Array");
        assert_eq!(both("list<u32>").1, "Uint32Array");
        assert_eq!(both("list<s32>").1, "Int32Array");
        assert_eq!(both("list<f32>").1, "Float32Array");
        assert_eq!(both("list<f64>").1, "Float64Array");
        assert_eq!(both("list<u64>"), ("ArrayLike<bigint | number>".into(), "BigUint64Array".into()));
        assert_eq!(both("list<s64>").1, "BigInt64Array");
        assert_eq!(both("list<string>"), ("readonly string[]".into(), "string[]".into()));
        assert_eq!(both("list<list<string>>"), ("readonly (readonly string[])[]".into(), "string[][]".into()));
        assert_eq!(both("list<option<bool>>"), ("readonly (boolean | undefined | null)[]".into(), "(boolean | undefined)[]".into()));
        assert_eq!(both("list<bool, 3>"), ("readonly boolean[]".into(), "boolean[]".into()));
    }

    #[test]
    fn aliases_of_numbers_are_still_typed_arrays() {
        let (param, result) = render("type byte = u8;\nf: func(x: list<byte>) -> list<byte>;");
        assert_eq!((param.as_str(), result.as_str()), ("ArrayLike<number>", "Uint8Array"));
    }

    #[test]
    fn tuples_options_results() {
        assert_eq!(both("tuple<u8, string>"), ("readonly [number, string]".into(), "[number, string]".into()));
        assert_eq!(both("option<u32>"), ("number | undefined | null".into(), "number | undefined".into()));
        assert_eq!(
            both("option<option<u32>>"),
            (
                "{ tag: \"none\" } | { tag: \"some\"; val: number | undefined | null } | undefined | null".into(),
                "{ tag: \"none\" } | { tag: \"some\"; val: number | undefined }".into()
            )
        );
        assert_eq!(
            render("f: func(x: list<result<u8, string>>) -> list<result<_, string>>;"),
            (
                "readonly ({ tag: \"ok\"; val: number } | { tag: \"err\"; val: string })[]".into(),
                "({ tag: \"ok\" } | { tag: \"err\"; val: string })[]".into()
            )
        );
    }

    #[test]
    fn maps() {
        assert_eq!(
            both("map<string, u64>"),
            ("Iterable<readonly [string, bigint | number]>".into(), "[string, bigint][]".into())
        );
    }

    #[test]
    fn named_types_are_referenced_by_name() {
        let (param, result) = render("record point { x: s32 }\nenum color { red }\nf: func(x: point) -> list<color>;");
        assert_eq!((param.as_str(), result.as_str()), ("Point", "Color[]"));
    }

    #[test]
    fn resources_are_their_class() {
        let (param, result) = render("resource blob-store;\nf: func(x: borrow<blob-store>) -> own<blob-store>;");
        assert_eq!((param.as_str(), result.as_str()), ("BlobStore", "BlobStore"));
    }

    #[test]
    fn streams_are_refused() {
        let (resolve, world) = test_world("package t:t;\nworld w { export f: func(x: stream<u8>); }");
        let w = World::new(&resolve, world, Side::Host);
        let WorldItem::Function(f) = &resolve.worlds[world].exports[0] else { panic!() };
        let err = w.ts(&f.params[0].ty, Flow::Lowered, Scope::Top).unwrap_err();
        assert!(err.to_string().contains("streams and futures"), "{err}");
    }
}
