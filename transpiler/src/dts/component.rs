//! The WIT world of a component binary, as wit-component decodes it (with the docs of its
//! `package-docs` section).

use super::without_data::without_data;
use crate::error::Error;
use wasmparser::names::{ComponentName, ComponentNameKind};
use wasmparser::{ComponentExternalKind, ComponentTypeRef, Parser, Payload};
use wit_parser::{Resolve, WorldId};

/// Decodes the world of a component. wit-parser panics on a valid component that imports or
/// exports something other than an instance under an interface's name (`ns:pkg/iface`),
/// which WIT cannot express, so such a component is refused first.
pub fn decode(bytes: &[u8]) -> Result<(Resolve, WorldId), Error> {
    check_names(bytes)?;
    let bytes = without_data(bytes, 1 << 20)?;
    match wit_component::decode(&bytes) {
        Ok(wit_component::DecodedWasm::Component(resolve, world)) => Ok((resolve, world)),
        Ok(wit_component::DecodedWasm::WitPackage(..)) => Err(Error::new("the binary is a WIT package, not a component")),
        Err(e) => Err(Error::new(format!("cannot read its WIT: {e:#}"))),
    }
}

/// Refuses a top-level import or export named like an interface that is not an instance.
fn check_names(bytes: &[u8]) -> Result<(), Error> {
    let mut depth = 0u32;
    for payload in Parser::new(0).parse_all(bytes) {
        let names: Vec<(&str, bool)> = match payload? {
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => {
                depth += 1;
                continue;
            }
            Payload::End(_) => {
                depth = depth.saturating_sub(1);
                continue;
            }
            Payload::ComponentImportSection(reader) if depth == 0 => reader
                .into_iter()
                .map(|import| import.map(|i| (i.name.name, matches!(i.ty, ComponentTypeRef::Instance(_)))))
                .collect::<Result<_, _>>()?,
            Payload::ComponentExportSection(reader) if depth == 0 => reader
                .into_iter()
                .map(|export| export.map(|e| (e.name.name, e.kind == ComponentExternalKind::Instance)))
                .collect::<Result<_, _>>()?,
            _ => continue,
        };
        for (name, is_instance) in names {
            let interface = ComponentName::new(name, 0).is_ok_and(|n| matches!(n.kind(), ComponentNameKind::Interface(_)));
            if interface && !is_instance {
                return Err(Error::new(format!("`{name}` is named like an interface but is not an instance, which WIT cannot express")));
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
