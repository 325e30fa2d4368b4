//! The WIT world of a component binary, as wit-component decodes it (with the docs of its
//! `package-docs` section).

use super::without_data::without_data;
use crate::error::Error;
use wasmparser::names::{ComponentName, ComponentNameKind};
use wasmparser::component_types::{ComponentAnyTypeId, ComponentEntityType};
use wasmparser::{ComponentExternalKind, ComponentTypeRef, Parser, Payload, Validator};
use wit_parser::{Resolve, WorldId};

/// Decodes the world of a component. wit-parser panics on valid components that WIT cannot
/// express, which are refused first: one that imports or exports something other than an
/// instance under an interface's name (`ns:pkg/iface`), and one with a type that is not a
/// value type or a resource where WIT would name it (`check_types`).
pub fn decode(bytes: &[u8]) -> Result<(Resolve, WorldId), Error> {
    let names = check_names(bytes)?;
    let bytes = without_data(bytes, 1 << 20)?;
    check_types(&bytes, &names)?;
    match wit_component::decode(&bytes) {
        Ok(wit_component::DecodedWasm::Component(resolve, world)) => Ok((resolve, world)),
        Ok(wit_component::DecodedWasm::WitPackage(..)) => Err(Error::new("the binary is a WIT package, not a component")),
        Err(e) => Err(Error::new(format!("cannot read its WIT: {e:#}"))),
    }
}

/// The component's top-level imports and exports.
#[derive(Default)]
struct Names {
    imports: Vec<String>,
    exports: Vec<String>,
}

/// Refuses a top-level import or export named like an interface that is not an instance;
/// returns the top-level names.
fn check_names(bytes: &[u8]) -> Result<Names, Error> {
    let mut all = Names::default();
    let mut depth = 0u32;
    for payload in Parser::new(0).parse_all(bytes) {
        let (names, into): (Vec<(&str, bool)>, _) = match payload? {
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => {
                depth += 1;
                continue;
            }
            Payload::End(_) => {
                depth = depth.saturating_sub(1);
                continue;
            }
            Payload::ComponentImportSection(reader) if depth == 0 => (
                reader
                    .into_iter()
                    .map(|import| import.map(|i| (i.name.name, matches!(i.ty, ComponentTypeRef::Instance(_)))))
                    .collect::<Result<_, _>>()?,
                &mut all.imports,
            ),
            Payload::ComponentExportSection(reader) if depth == 0 => (
                reader
                    .into_iter()
                    .map(|export| export.map(|e| (e.name.name, e.kind == ComponentExternalKind::Instance)))
                    .collect::<Result<_, _>>()?,
                &mut all.exports,
            ),
            _ => continue,
        };
        for (name, is_instance) in names {
            let interface = ComponentName::new(name, 0).is_ok_and(|n| matches!(n.kind(), ComponentNameKind::Interface(_)));
            if interface && !is_instance {
                return Err(Error::new(format!("`{name}` is named like an interface but is not an instance, which WIT cannot express")));
            }
            into.push(name.to_string());
        }
    }
    Ok(all)
}

/// Refuses a type WIT cannot name: one imported or exported at the top level, or exported by
/// an imported or exported instance, that is a function, instance or component type rather
/// than a value type or a resource (`(import "t" (type (eq 0)))` with type 0 a `func`).
fn check_types(bytes: &[u8], names: &Names) -> Result<(), Error> {
    let types = Validator::new_with_features(crate::parse::features()).validate_all(bytes)?;
    let types = types.as_ref();
    let items = names
        .imports
        .iter()
        .filter_map(|name| Some((name, types.component_item_for_import(name)?)))
        .chain(names.exports.iter().filter_map(|name| Some((name, types.component_item_for_export(name)?))));
    for (name, item) in items {
        let exported = match item.ty {
            ComponentEntityType::Instance(id) => types[id].exports.iter().map(|(n, i)| (format!("{name}: {n}"), i.ty)).collect(),
            ty => vec![(name.clone(), ty)],
        };
        for (name, ty) in exported {
            if let ComponentEntityType::Type { referenced, .. } = ty
                && !matches!(referenced, ComponentAnyTypeId::Defined(_) | ComponentAnyTypeId::Resource(_))
            {
                return Err(Error::new(format!("type `{name}` is a function, instance or component type, which WIT cannot express")));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_named_like_an_interface_is_refused() {
        // A valid component (the spec's `validation/extern-names.wast`) that wit-parser panics on.
        let bytes = wat::parse_str(r#"(component (import "wasi:http/types" (func)))"#).unwrap();
        let err = decode(&bytes).unwrap_err();
        assert!(err.to_string().contains("`wasi:http/types` is named like an interface but is not an instance"), "{err}");
    }

    #[test]
    fn a_type_that_is_a_function_type_is_refused() {
        // Valid components that wit-parser panics on (the first found by `transpile_bytes`).
        for (wat, name) in [
            (r#"(component (type (func)) (import "t1" (type (eq 0))))"#, "t1"),
            (r#"(component (import "i" (instance (type (func)) (export "t" (type (eq 0))))))"#, "i: t"),
            (r#"(component (import "ns:pkg/iface" (instance (type (instance)) (export "t" (type (eq 0))))))"#, "ns:pkg/iface: t"),
        ] {
            let err = decode(&wat::parse_str(wat).unwrap()).unwrap_err();
            assert!(err.to_string().contains(&format!("type `{name}` is a function, instance or component type")), "{err}");
        }
    }

    #[test]
    fn the_docs_of_a_package_docs_section_come_along() {
        let mut resolve = Resolve::default();
        let package = resolve
            .push_str("t.wit", "package root:component;\n/// Adds numbers.\nworld root { export add: func(a: u32) -> u32; }")
            .unwrap();
        let docs = wit_parser::PackageMetadata::extract(&resolve, package).encode().unwrap();
        let data: String = docs.iter().map(|b| format!("\\{b:02x}")).collect();
        let wat = format!(
            r#"(component
              (core module $m (func (export "add") (param i32) (result i32) local.get 0))
              (core instance $i (instantiate $m))
              (func (export "add") (param "a" u32) (result u32) (canon lift (core func $i "add")))
              (@custom "package-docs" "{data}"))"#
        );
        let (resolve, world) = decode(&wat::parse_str(wat).unwrap()).unwrap();
        assert_eq!(resolve.worlds[world].docs.contents.as_deref(), Some("Adds numbers."));
    }

    #[test]
    fn a_component_decodes_to_its_world() {
        let bytes = wat::parse_str(r#"(component (import "ns:pkg/iface" (instance)) (import "log" (func)))"#).unwrap();
        let (resolve, world) = decode(&bytes).unwrap();
        assert_eq!(resolve.worlds[world].imports.len(), 2);
    }
}
