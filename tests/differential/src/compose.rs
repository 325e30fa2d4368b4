//! Composes a batch's two components without a composition tool: the outer component's
//! imports `echo<i>` are the inner component's exports. The composition imports what the
//! inner component imports, declared by a verbatim copy of the inner component's leading
//! type and import sections (the host's `res`, the named types, `inner<i>`), instantiates
//! the inner component with them, the outer one with the same types and the inner
//! instance's `echo<i>`, and exports what the outer instance exports.

use wasm_encoder::{
    Alias, Component, ComponentAliasSection, ComponentExportKind, ComponentExportSection, ComponentInstanceSection,
    ComponentSectionId, RawSection,
};
use wasmparser::{ComponentExternalKind, ComponentTypeRef, Parser, Payload};

/// An import of a component: its name, kind and index in the component's index space.
struct Import {
    name: String,
    kind: ComponentExportKind,
    index: u32,
}

/// What a component's sections before its first core module declare.
struct Preamble<'a> {
    /// The sections, as (id, contents).
    sections: Vec<(u8, &'a [u8])>,
    imports: Vec<Import>,
    /// Functions and types declared so far (the next indices).
    funcs: u32,
}

fn preamble(bytes: &[u8]) -> Result<Preamble<'_>, String> {
    let mut out = Preamble { sections: Vec::new(), imports: Vec::new(), funcs: 0 };
    let mut types = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| e.to_string())?;
        match &payload {
            Payload::Version { .. } => continue,
            Payload::ComponentTypeSection(s) => types += s.count(),
            Payload::ComponentImportSection(s) => {
                for import in s.clone() {
                    let import = import.map_err(|e| e.to_string())?;
                    let (kind, index) = match import.ty {
                        ComponentTypeRef::Type(_) => (ComponentExportKind::Type, &mut types),
                        ComponentTypeRef::Func(_) => (ComponentExportKind::Func, &mut out.funcs),
                        other => return Err(format!("unexpected import kind {other:?}")),
                    };
                    out.imports.push(Import { name: import.name.name.to_string(), kind, index: *index });
                    *index += 1;
                }
            }
            Payload::ComponentAliasSection(s) => {
                for alias in s.clone() {
                    match alias.map_err(|e| e.to_string())? {
                        wasmparser::ComponentAlias::InstanceExport { kind: ComponentExternalKind::Type, .. }
                        | wasmparser::ComponentAlias::Outer { .. } => types += 1,
                        other => return Err(format!("unexpected alias {other:?}")),
                    }
                }
            }
            _ => break,
        }
        let (id, range) = payload.as_section().expect("type, import and alias sections are sections");
        out.sections.push((id, &bytes[range.start as usize..range.end as usize]));
    }
    Ok(out)
}

/// The names a component exports (its functions: these components export nothing else).
fn export_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        if let Payload::ComponentExportSection(s) = payload.map_err(|e| e.to_string())? {
            for export in s {
                names.push(export.map_err(|e| e.to_string())?.name.name.to_string());
            }
        }
    }
    Ok(names)
}

/// The composition of `outer` (importing `echo<i>`) over `inner` (exporting them).
pub fn compose(outer: &[u8], inner: &[u8]) -> Result<Vec<u8>, String> {
    let declared = preamble(inner).map_err(|e| format!("the inner component: {e}"))?;
    let outer_imports = preamble(outer).map_err(|e| format!("the outer component: {e}"))?.imports;
    let mut component = Component::new();
    for (id, data) in &declared.sections {
        component.section(&RawSection { id: *id, data });
    }
    component.section(&RawSection { id: ComponentSectionId::Component as u8, data: inner });
    component.section(&RawSection { id: ComponentSectionId::Component as u8, data: outer });

    let mut instances = ComponentInstanceSection::new();
    instances.instantiate(0, declared.imports.iter().map(|i| (i.name.as_str(), i.kind, i.index)));
    component.section(&instances);

    // The outer component's `echo<i>`: the inner instance's exports.
    let mut aliases = ComponentAliasSection::new();
    let mut funcs = declared.funcs;
    let mut args = Vec::new();
    for import in &outer_imports {
        if import.kind == ComponentExportKind::Func {
            aliases.alias(Alias::InstanceExport { instance: 0, kind: ComponentExportKind::Func, name: &import.name });
            args.push((import.name.as_str(), ComponentExportKind::Func, funcs));
            funcs += 1;
        } else {
            let same = declared.imports.iter().find(|i| i.name == import.name && i.kind == import.kind);
            let same = same.ok_or_else(|| format!("the inner component does not import {}", import.name))?;
            args.push((import.name.as_str(), import.kind, same.index));
        }
    }
    component.section(&aliases);
    let mut instances = ComponentInstanceSection::new();
    instances.instantiate(1, args);
    component.section(&instances);

    let mut aliases = ComponentAliasSection::new();
    let mut exports = ComponentExportSection::new();
    for name in export_names(outer)? {
        aliases.alias(Alias::InstanceExport { instance: 1, kind: ComponentExportKind::Func, name: &name });
        exports.export(name.as_str(), ComponentExportKind::Func, funcs, None);
        funcs += 1;
    }
    component.section(&aliases);
    component.section(&exports);
    let bytes = component.finish();
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&bytes)
        .map_err(|e| format!("the composed component is invalid: {e}"))?;
    Ok(bytes)
}
