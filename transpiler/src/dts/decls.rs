//! Declarations of named WIT types: records and flags as interfaces, variants and enums as
//! unions, everything else (tuples, lists, aliases, `use`d types) as a type alias. Named types
//! are declared as the values lifting makes (with absent option fields and flags allowed, as
//! lowering reads them); only function parameters spell out what lowering accepts beyond that.

use super::printer::Printer;
use super::types::{enum_cases, flag_fields, Member};
use super::{Flow, Scope, World};
use crate::error::Error;
use wit_parser::{InterfaceId, TypeDefKind, TypeId, WorldItem};

/// A union on one line when it is short and undocumented, else one case per line.
const UNION_LINE: usize = 100;

impl World<'_> {
    /// Declares the named types of interface `interface` except its own resources, which it
    /// returns (their classes depend on who implements them).
    pub fn interface_types(&self, p: &mut Printer, interface: InterfaceId, scope: Scope) -> Result<Vec<TypeId>, Error> {
        let mut resources = Vec::new();
        for id in self.resolve.interfaces[interface].types.values() {
            if self.is_resource(*id) {
                resources.push(*id);
            } else {
                self.type_decl(p, *id, scope)?;
            }
        }
        Ok(resources)
    }

    /// Declares the world-level types at the main file's top level except the world's
    /// resources, which it returns.
    pub fn world_types(&self, p: &mut Printer) -> Result<Vec<TypeId>, Error> {
        let mut resources = Vec::new();
        for item in self.world().imports.values() {
            let WorldItem::Type { id, .. } = item else { continue };
            if self.is_resource(*id) {
                resources.push(*id);
            } else {
                p.blank();
                self.type_decl(p, *id, Scope::Top)?;
            }
        }
        Ok(resources)
    }

    /// `export interface Name { ... }` or `export type Name = ...;` for the named type `id`.
    pub fn type_decl(&self, p: &mut Printer, id: TypeId, scope: Scope) -> Result<(), Error> {
        let def = &self.resolve.types[id];
        let name = self.type_name(id);
        let context = |e: Error| Error::new(format!("type `{}`: {e}", def.name.as_deref().unwrap_or_default()));
        p.doc(&def.docs, &[]);
        match &def.kind {
            TypeDefKind::Record(record) => object(p, &name, self.record_fields(record, scope).map_err(context)?),
            TypeDefKind::Flags(flags) => object(p, &name, flag_fields(flags)),
            TypeDefKind::Variant(variant) => union(p, &name, self.variant_cases(variant, Flow::Lifted, scope).map_err(context)?),
            TypeDefKind::Enum(e) => union(p, &name, enum_cases(e)),
            kind => {
                let ts = self.kind(kind, Flow::Lifted, scope).map_err(context)?;
                p.line(format!("export type {name} = {ts};"));
            }
        }
        Ok(())
    }
}

fn object(p: &mut Printer, name: &str, fields: Vec<Member<'_>>) {
    p.open(format!("export interface {name}"));
    for field in fields {
        p.doc(field.docs, &[]);
        p.line(format!("{};", field.text));
    }
    p.close("");
}

fn union(p: &mut Printer, name: &str, cases: Vec<Member<'_>>) {
    let one_line = format!("export type {name} = {};", cases.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | "));
    if cases.iter().all(|c| c.docs.is_empty()) && one_line.len() <= UNION_LINE {
        p.line(one_line);
        return;
    }
    p.line(format!("export type {name} ="));
    p.indent();
    let last = cases.len().saturating_sub(1);
    for (i, case) in cases.iter().enumerate() {
        p.doc(case.docs, &[]);
        p.line(format!("| {}{}", case.text, if i == last { ";" } else { "" }));
    }
    p.dedent();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dts::{test_world, Side, World};

    /// The declarations of the types of `interface i { <body> }`.
    fn declare(body: &str) -> String {
        let (resolve, world) = test_world(&format!("package t:t;\ninterface i {{\n{body}\n}}\nworld w {{ export i; }}\n"));
        let w = World::new(&resolve, world, Side::Host);
        let iface = resolve.interfaces.iter().find(|(_, i)| i.name.as_deref() == Some("i")).unwrap().0;
        let mut p = Printer::default();
        w.interface_types(&mut p, iface, Scope::Export(iface)).unwrap();
        p.finish()
    }

    #[test]
    fn records_have_camel_case_fields_and_optional_options() {
        assert_eq!(
            declare("/// A person.\nrecord person {\n/// Given name.\nfirst-name: string,\nnick: option<string>,\nage: u8 }"),
            "/** A person. */\nexport interface Person {\n  /** Given name. */\n  firstName: string;\n  nick?: string | undefined;\n  age: number;\n}\n"
        );
    }

    #[test]
    fn flags_are_optional_booleans() {
        assert_eq!(
            declare("flags perms { read, exec-now }"),
            "export interface Perms {\n  read?: boolean;\n  execNow?: boolean;\n}\n"
        );
    }

    #[test]
    fn variants_and_enums_are_unions() {
        assert_eq!(
            declare("variant v { none, some(u64) }\nenum color { red, green-blue }"),
            "export type V = { tag: \"none\" } | { tag: \"some\"; val: bigint };\nexport type Color = \"red\" | \"green-blue\";\n"
        );
        assert_eq!(
            declare("enum e {\n/// The first.\na,\nb }"),
            "export type E =\n  /** The first. */\n  | \"a\"\n  | \"b\";\n"
        );
    }

    #[test]
    fn other_named_types_are_aliases() {
        assert_eq!(
            declare("type bytes = list<u8>;\ntype pair = tuple<u32, string>;\ntype maybe = option<bytes>;\ntype r = result<u32, string>;"),
            "export type Bytes = Uint8Array;\nexport type Pair = [number, string];\nexport type Maybe = Bytes | undefined;\nexport type R = { tag: \"ok\"; val: number } | { tag: \"err\"; val: string };\n"
        );
    }

    #[test]
    fn resources_are_left_to_the_caller() {
        assert_eq!(declare("resource blob;\ntype b = blob;"), "export type B = Blob;\n");
    }
}
