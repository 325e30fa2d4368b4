//! Links the pre-initialised engine to a world: the engine is generic, with one import and one
//! entry point for every function; this step gives its module the world's own core imports
//! and exports, with the exact signatures wit-component expects.
//!
//! The engine's side of the contract:
//! - it exports `memory`, `cabi_realloc`, and `ferry_slots() -> i32`, the address of a buffer
//!   of 8-byte slots (17: the most flat parameters, 16, plus a return pointer);
//! - `ferry_call(i)` runs export `i` (an index into `Bindings::exports`) with its flat
//!   parameters in slots 0.. and leaves its flat result (if any) in slot 0;
//!   `ferry_post_return(i)` frees what the last call of export `i` returned;
//! - to call import `i` it puts the flat parameters in slots 0.. and calls its one import,
//!   `ferry:host` `call(i)`, which leaves the flat result (if any) in slot 0.
//!
//! Each slot holds one flat value stored at the slot's address with its own store
//! instruction (`i32.store`, `i64.store`, `f32.store`, `f64.store`).
//!
//! The link: `ferry:host/call` becomes a defined function (the dispatcher) that loads the
//! slots and calls the world's import `i`; each world export becomes a function that stores
//! its parameters in the slots and calls `ferry_call`. The engine's other exports are
//! dropped but for `memory` and `cabi_realloc`; its function indices shift accordingly.
//! Its `wasi_snapshot_preview1` imports become calls of its own `ferry_p1_<name>` exports.

use std::borrow::Cow;
use std::convert::Infallible;

use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{
    CodeSection, CustomSection, ExportKind, ExportSection, Function, FunctionSection, ImportSection, Instruction,
    MemArg, Module, TypeSection, ValType,
};
use wasmparser::{Parser, Payload, TypeRef};

use crate::bindings::{Bindings, CoreSignature};

/// The engine's one import.
const HOST_CALL: (&str, &str) = ("ferry:host", "call");
/// Engine exports the link calls, and the ones it keeps as they are.
const SLOTS: &str = "ferry_slots";
const CALL: &str = "ferry_call";
const POST_RETURN: &str = "ferry_post_return";
const KEPT: [&str; 2] = ["memory", "cabi_realloc"];
/// The engine's preview 1 imports (wasi-libc's), each replaced by the engine's own
/// `ferry_p1_<name>`, which implements it over the world's WASI 0.2 imports: the component
/// imports no preview 1 adapter, only the WASI interfaces the program uses.
const WASI_P1: &str = "wasi_snapshot_preview1";
const P1_PREFIX: &str = "ferry_p1_";

/// Why the engine module could not be linked: it does not keep the contract above, or is not
/// valid Wasm. Either way a bug in the engine build, named as precisely as it can be.
#[derive(Debug)]
pub struct LinkError(pub String);

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the engine module: {}", self.0)
    }
}

impl std::error::Error for LinkError {}

impl From<wasmparser::BinaryReaderError> for LinkError {
    fn from(e: wasmparser::BinaryReaderError) -> LinkError {
        LinkError(format!("{} (at byte offset {:#x})", e.message(), e.offset()))
    }
}

impl From<reencode::Error<Infallible>> for LinkError {
    fn from(e: reencode::Error<Infallible>) -> LinkError {
        LinkError(e.to_string())
    }
}

/// What the link needs to know of the engine before rewriting it.
struct Layout {
    types: u32,
    defined_funcs: u32,
    /// Type index of `ferry:host/call`.
    host_call_type: u32,
    /// What each imported function becomes, by its index.
    imports: Vec<ImportFate>,
    slots: u32,
    call: u32,
    post_return: u32,
}

/// What becomes of one of the engine's function imports.
#[derive(Clone, Copy)]
enum ImportFate {
    /// `ferry:host/call`: the dispatcher.
    Dispatcher,
    /// A WASI preview 1 function: the engine's own `ferry_p1_<name>`, at this index.
    Engine(u32),
    /// Kept as an import, at this position among the kept ones.
    Kept(u32),
}

impl Layout {
    fn read(engine: &[u8]) -> Result<Layout, LinkError> {
        let (mut types, mut defined_funcs) = (0, 0);
        let (mut host_call_type, mut slots, mut call, mut post_return) = (None, None, None, None);
        let mut p1_imports = Vec::new();
        let mut exports = std::collections::HashMap::new();
        let mut imports = Vec::new();
        for payload in Parser::new(0).parse_all(engine) {
            match payload? {
                Payload::TypeSection(section) => {
                    for group in section {
                        types += group?.types().len() as u32;
                    }
                }
                Payload::ImportSection(section) => {
                    for import in section.into_imports() {
                        let import = import?;
                        if let TypeRef::Func(ty) = import.ty {
                            if (import.module, import.name) == HOST_CALL {
                                host_call_type = Some(ty);
                                imports.push(ImportFate::Dispatcher);
                            } else if import.module == WASI_P1 {
                                p1_imports.push((imports.len(), import.name.to_string()));
                                imports.push(ImportFate::Engine(0));
                            } else {
                                let kept = imports.iter().filter(|f| matches!(f, ImportFate::Kept(_))).count();
                                imports.push(ImportFate::Kept(kept as u32));
                            }
                        }
                    }
                }
                Payload::FunctionSection(section) => defined_funcs = section.count(),
                Payload::ExportSection(section) => {
                    for export in section {
                        let export = export?;
                        if export.kind == wasmparser::ExternalKind::Func {
                            exports.insert(export.name.to_string(), export.index);
                        }
                        let slot = match export.name {
                            SLOTS => &mut slots,
                            CALL => &mut call,
                            POST_RETURN => &mut post_return,
                            _ => continue,
                        };
                        *slot = Some(export.index);
                    }
                }
                _ => {}
            }
        }
        for (at, name) in p1_imports {
            let implementation = format!("{P1_PREFIX}{name}");
            let index = exports.get(&implementation).copied().ok_or_else(|| {
                LinkError(format!("it imports `{WASI_P1}.{name}` but exports no `{implementation}` to stand in for it"))
            })?;
            imports[at] = ImportFate::Engine(index);
        }
        let missing = |what: &str| LinkError(format!("it has no {what}"));
        Ok(Layout {
            types,
            defined_funcs,
            host_call_type: host_call_type.ok_or_else(|| missing("import `ferry:host/call`"))?,
            imports,
            slots: slots.ok_or_else(|| missing("export `ferry_slots`"))?,
            call: call.ok_or_else(|| missing("export `ferry_call`"))?,
            post_return: post_return.ok_or_else(|| missing("export `ferry_post_return`"))?,
        })
    }

    fn kept_imports(&self) -> u32 {
        self.imports.iter().filter(|f| matches!(f, ImportFate::Kept(_))).count() as u32
    }
}

/// Function indices from the engine's numbering to the linked module's: the kept imports,
/// then the world's imports, then the engine's functions, then the dispatcher (which the
/// host call becomes) and the export wrappers. Preview 1 imports become calls of the
/// engine's own stand-ins.
struct Renumber {
    imports: Vec<ImportFate>,
    /// Where the engine's defined functions start.
    first_defined: u32,
    dispatcher: u32,
}

impl Reencode for Renumber {
    type Error = Infallible;

    fn function_index(&mut self, func: u32) -> Result<u32, reencode::Error<Infallible>> {
        let defined = |f: u32| self.first_defined + f - self.imports.len() as u32;
        Ok(match self.imports.get(func as usize) {
            Some(ImportFate::Dispatcher) => self.dispatcher,
            Some(ImportFate::Engine(f)) => defined(*f),
            Some(ImportFate::Kept(k)) => *k,
            None => defined(func),
        })
    }
}

/// The engine module linked to the world's `bindings` (see the module docs).
pub fn link(engine: &[u8], bindings: &Bindings) -> Result<Vec<u8>, LinkError> {
    let layout = Layout::read(engine)?;
    let kept_imports = layout.kept_imports();
    let first_defined = kept_imports + bindings.imports.len() as u32;
    let dispatcher = first_defined + layout.defined_funcs;
    let mut renumber = Renumber { imports: layout.imports.clone(), first_defined, dispatcher };
    let engine_fns = EngineFns {
        slots: renumber.function_index(layout.slots)?,
        call: renumber.function_index(layout.call)?,
        post_return: renumber.function_index(layout.post_return)?,
        first_world_import: kept_imports,
    };

    // New types, in order: one per world import, then one per export and per post-return.
    let mut new_types = Vec::new();
    let mut add_type = |signature: &CoreSignature| {
        new_types.push(signature.clone());
        layout.types + new_types.len() as u32 - 1
    };
    let import_types: Vec<u32> = bindings.imports.iter().map(|i| add_type(&i.signature)).collect();
    let export_types: Vec<(u32, Option<u32>)> = bindings
        .exports
        .iter()
        .map(|e| {
            let post = e.post_return.as_ref().map(|_| CoreSignature { params: e.signature.results.clone(), results: Vec::new() });
            (add_type(&e.signature), post.map(|post| add_type(&post)))
        })
        .collect();
    // The wrappers' function indices, after the dispatcher: each export, then its post-return.
    let mut next = dispatcher;
    let export_indices: Vec<(u32, Option<u32>)> = export_types
        .iter()
        .map(|(_, post)| {
            next += 1;
            let export = next;
            (export, post.map(|_| {
                next += 1;
                next
            }))
        })
        .collect();

    let mut module = Module::new();
    let mut code: Option<(CodeSection, u32)> = None;
    for payload in Parser::new(0).parse_all(engine) {
        match payload? {
            Payload::Version { .. } | Payload::End(_) => {}
            Payload::TypeSection(section) => {
                let mut types = TypeSection::new();
                renumber.parse_type_section(&mut types, section)?;
                for signature in &new_types {
                    types.ty().function(signature.params.iter().copied(), signature.results.iter().copied());
                }
                module.section(&types);
            }
            Payload::ImportSection(section) => {
                let mut imports = ImportSection::new();
                for import in section.into_imports() {
                    let import = import?;
                    if (import.module, import.name) != HOST_CALL && import.module != WASI_P1 {
                        renumber.parse_import(&mut imports, import)?;
                    }
                }
                for (import, ty) in bindings.imports.iter().zip(&import_types) {
                    imports.import(&import.module, &import.name, wasm_encoder::EntityType::Function(*ty));
                }
                module.section(&imports);
            }
            Payload::FunctionSection(section) => {
                let mut functions = FunctionSection::new();
                renumber.parse_function_section(&mut functions, section)?;
                functions.function(layout.host_call_type);
                for (export, post) in &export_types {
                    functions.function(*export);
                    if let Some(post) = post {
                        functions.function(*post);
                    }
                }
                module.section(&functions);
            }
            Payload::ExportSection(section) => {
                let mut exports = ExportSection::new();
                for export in section {
                    let export = export?;
                    if KEPT.contains(&export.name) {
                        renumber.parse_export(&mut exports, export)?;
                    }
                }
                for (export, (index, post_index)) in bindings.exports.iter().zip(&export_indices) {
                    exports.export(&export.name, ExportKind::Func, *index);
                    if let (Some(name), Some(post_index)) = (&export.post_return, post_index) {
                        exports.export(name, ExportKind::Func, *post_index);
                    }
                }
                module.section(&exports);
            }
            Payload::CodeSectionStart { count, .. } => {
                code = Some((CodeSection::new(), count));
            }
            Payload::CodeSectionEntry(body) => {
                let (section, remaining) = code.as_mut().expect("a code entry comes after the code section start");
                renumber.parse_function_body(section, body)?;
                *remaining -= 1;
                if *remaining == 0 {
                    let (mut section, _) = code.take().expect("just matched");
                    section.function(&dispatcher_body(&engine_fns, bindings));
                    for (i, export) in bindings.exports.iter().enumerate() {
                        section.function(&export_body(&engine_fns, i as u32, &export.signature));
                        if export.post_return.is_some() {
                            section.function(&post_return_body(&engine_fns, i as u32));
                        }
                    }
                    module.section(&section);
                }
            }
            Payload::CustomSection(section) if section.name() == "name" => {
                // Function names would need renumbering; the component does not need them.
            }
            Payload::CustomSection(section) => {
                module.section(&CustomSection { name: Cow::Borrowed(section.name()), data: Cow::Borrowed(section.data()) });
            }
            other => copy_section(&mut renumber, &mut module, other)?,
        }
    }
    Ok(module.finish())
}

/// The other sections, renumbered as they are.
fn copy_section(renumber: &mut Renumber, module: &mut Module, payload: Payload<'_>) -> Result<(), LinkError> {
    match payload {
        Payload::TableSection(section) => {
            let mut tables = wasm_encoder::TableSection::new();
            renumber.parse_table_section(&mut tables, section)?;
            module.section(&tables);
        }
        Payload::MemorySection(section) => {
            let mut memories = wasm_encoder::MemorySection::new();
            renumber.parse_memory_section(&mut memories, section)?;
            module.section(&memories);
        }
        Payload::TagSection(section) => {
            let mut tags = wasm_encoder::TagSection::new();
            renumber.parse_tag_section(&mut tags, section)?;
            module.section(&tags);
        }
        Payload::GlobalSection(section) => {
            let mut globals = wasm_encoder::GlobalSection::new();
            renumber.parse_global_section(&mut globals, section)?;
            module.section(&globals);
        }
        Payload::StartSection { func, .. } => {
            module.section(&wasm_encoder::StartSection { function_index: renumber.function_index(func)? });
        }
        Payload::ElementSection(section) => {
            let mut elements = wasm_encoder::ElementSection::new();
            renumber.parse_element_section(&mut elements, section)?;
            module.section(&elements);
        }
        Payload::DataCountSection { count, .. } => {
            module.section(&wasm_encoder::DataCountSection { count });
        }
        Payload::DataSection(section) => {
            let mut data = wasm_encoder::DataSection::new();
            renumber.parse_data_section(&mut data, section)?;
            module.section(&data);
        }
        other => {
            let what = other.as_section().map_or_else(|| "an unexpected payload".to_string(), |(id, range)| {
                format!("section {id} at byte offset {:#x}", range.start)
            });
            return Err(LinkError(format!("{what} is not one the link knows")));
        }
    }
    Ok(())
}

/// The linked module's indices of the engine functions the generated code calls.
struct EngineFns {
    slots: u32,
    call: u32,
    post_return: u32,
    /// The index of the world's first import.
    first_world_import: u32,
}

fn mem(ty: ValType, slot: u32) -> MemArg {
    let align = match ty {
        ValType::I64 | ValType::F64 => 3,
        _ => 2,
    };
    MemArg { offset: u64::from(slot) * 8, align, target: wasm_encoder::MemArgTarget::Memory(0), ordering: None }
}

fn load(ty: ValType, slot: u32) -> Instruction<'static> {
    match ty {
        ValType::I32 => Instruction::I32Load(mem(ty, slot)),
        ValType::I64 => Instruction::I64Load(mem(ty, slot)),
        ValType::F32 => Instruction::F32Load(mem(ty, slot)),
        ValType::F64 => Instruction::F64Load(mem(ty, slot)),
        _ => unreachable!("flat types are numbers"),
    }
}

fn store(ty: ValType, slot: u32) -> Instruction<'static> {
    match ty {
        ValType::I32 => Instruction::I32Store(mem(ty, slot)),
        ValType::I64 => Instruction::I64Store(mem(ty, slot)),
        ValType::F32 => Instruction::F32Store(mem(ty, slot)),
        ValType::F64 => Instruction::F64Store(mem(ty, slot)),
        _ => unreachable!("flat types are numbers"),
    }
}

/// `ferry:host/call(i)`: loads import `i`'s parameters from the slots, calls it, stores its
/// result in slot 0. A `br_table` over one block per import.
fn dispatcher_body(engine: &EngineFns, bindings: &Bindings) -> Function {
    // Locals: 0 the import index (the parameter), 1 the slots' address.
    let mut f = Function::new([(1, ValType::I32)]);
    f.instruction(&Instruction::Call(engine.slots));
    f.instruction(&Instruction::LocalSet(1));
    let count = bindings.imports.len() as u32;
    f.instruction(&Instruction::Block(wasm_encoder::BlockType::Empty));
    for _ in 0..count {
        f.instruction(&Instruction::Block(wasm_encoder::BlockType::Empty));
    }
    f.instruction(&Instruction::LocalGet(0));
    f.instruction(&Instruction::BrTable(Cow::Owned((0..count).collect()), count));
    for (i, import) in bindings.imports.iter().enumerate() {
        f.instruction(&Instruction::End);
        let signature = &import.signature;
        let result = signature.results.first().copied();
        if result.is_some() {
            f.instruction(&Instruction::LocalGet(1));
        }
        for (slot, ty) in signature.params.iter().enumerate() {
            f.instruction(&Instruction::LocalGet(1));
            f.instruction(&load(*ty, slot as u32));
        }
        f.instruction(&Instruction::Call(engine.first_world_import + i as u32));
        if let Some(ty) = result {
            f.instruction(&store(ty, 0));
        }
        f.instruction(&Instruction::Return);
    }
    f.instruction(&Instruction::End);
    // An index past the last import: the engine broke the contract.
    f.instruction(&Instruction::Unreachable);
    f.instruction(&Instruction::End);
    f
}

/// World export `index`: stores its parameters in the slots, runs `ferry_call(index)`, and
/// returns slot 0 as its result.
fn export_body(engine: &EngineFns, index: u32, signature: &CoreSignature) -> Function {
    let slots = signature.params.len() as u32;
    let mut f = Function::new([(1, ValType::I32)]);
    f.instruction(&Instruction::Call(engine.slots));
    f.instruction(&Instruction::LocalSet(slots));
    for (slot, ty) in signature.params.iter().enumerate() {
        f.instruction(&Instruction::LocalGet(slots));
        f.instruction(&Instruction::LocalGet(slot as u32));
        f.instruction(&store(*ty, slot as u32));
    }
    f.instruction(&Instruction::I32Const(index as i32));
    f.instruction(&Instruction::Call(engine.call));
    if let Some(ty) = signature.results.first() {
        f.instruction(&Instruction::LocalGet(slots));
        f.instruction(&load(*ty, 0));
    }
    f.instruction(&Instruction::End);
    f
}

/// The post-return of world export `index`: `ferry_post_return(index)`.
fn post_return_body(engine: &EngineFns, index: u32) -> Function {
    let mut f = Function::new([]);
    f.instruction(&Instruction::I32Const(index as i32));
    f.instruction(&Instruction::Call(engine.post_return));
    f.instruction(&Instruction::End);
    f
}

#[cfg(test)]
mod tests;
