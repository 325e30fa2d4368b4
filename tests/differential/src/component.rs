//! One batch's component: a WIT world with `import echo<i>` and `export pass<i>` of the same
//! type for every case, and a core module whose `pass<i>` hands its flat arguments to
//! `echo<i>` unchanged and returns what it returned. The import and the export share the
//! canonical options, so the flat (or in-memory) form of the argument is valid for both.
//! (The inner component of a composed batch is the same with other names: `export echo<i>`
//! passing to `import inner<i>`.) A case whose bytes can be compared also gets
//! `export layout<i>` (see `Kind::Layout`). The outer component also exports `reallocs`:
//! the `cabi_realloc` calls since the last `reallocs`, `(old_size, align, new_size)` each,
//! which is how a host's lowering allocates.

use wasm_encoder::{
    CodeSection, ConstExpr, EntityType, ExportKind, ExportSection, Function, FunctionSection, GlobalSection,
    GlobalType, ImportSection, MemorySection, MemoryType, Module, TypeSection, ValType,
};
use wit_component::{ComponentEncoder, StringEncoding};
use wit_parser::abi::{AbiVariant, WasmSignature, WasmType};
use wit_parser::{Resolve, SizeAlign, Type, TypeDefKind, WorldItem, WorldKey};

/// Where `reallocs` writes its result (a pointer and a length).
const REALLOCS_RESULT: i32 = 8;
/// The log of `cabi_realloc` calls: `(old_size, align, new_size)` each, as u32s.
const LOG_AT: i32 = 16;
const LOG_WORDS: i32 = 3 * 2048;
/// Where the bump allocator starts. It never frees: memory grows as the calls go on, so
/// that `memory.grow` happens at any point of a lowering, not just in large values.
const HEAP_START: i32 = LOG_AT + 4 * LOG_WORDS;

/// The function names of a component: `<import><i>` and `<export><i>`.
#[derive(Clone, Copy)]
pub struct Names {
    pub import: &'static str,
    pub export: &'static str,
}

/// Encodes `wit` (a package with one world) as a component whose strings use `encoding`.
pub fn build(wit: &str, encoding: StringEncoding, names: Names) -> Result<Vec<u8>, String> {
    let mut resolve = Resolve::default();
    let package = resolve.push_str("echo.wit", wit).map_err(|e| format!("WIT: {e:#}"))?;
    let world = resolve.select_world(&[package], None).map_err(|e| format!("WIT: {e:#}"))?;
    let mut sizes = SizeAlign::default();
    sizes.fill(&resolve).map_err(|e| format!("layout: {e:#}"))?;

    let mut module = core_module(&resolve, &sizes, world, names, encoding)?;
    wit_component::embed_component_metadata(&mut module, &resolve, world, encoding, false)
        .map_err(|e| format!("embedding the world: {e:#}"))?;
    let component = ComponentEncoder::default()
        .validate(true)
        .module(&module)
        .and_then(|e| e.encode())
        .map_err(|e| format!("encoding the component: {e:#}"))?;
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&component)
        .map_err(|e| format!("the component is invalid: {e}"))?;
    Ok(component)
}

fn val_type(t: WasmType) -> ValType {
    match t {
        WasmType::I32 | WasmType::Pointer | WasmType::Length => ValType::I32,
        WasmType::I64 | WasmType::PointerOrI64 => ValType::I64,
        WasmType::F32 => ValType::F32,
        WasmType::F64 => ValType::F64,
    }
}

fn val_types(ts: &[WasmType]) -> Vec<ValType> {
    ts.iter().copied().map(val_type).collect()
}

/// What an export does with its import (`<import><i>`, the same `i`).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// `<export><i>`: returns what the import returned.
    Pass,
    /// `layout<i>`: returns the bytes the host wrote for the import's result (through the
    /// return pointer, or its one flat value stored; for a string or list, its length field
    /// and its elements' bytes), then those of the parameters if the host passed them in
    /// memory, as a `list<u8>`.
    Layout,
}

/// A result that is a string or a list, whose elements `layout<i>` returns rather than the
/// pointer to them.
#[derive(Clone, Copy)]
enum Sequence {
    String(StringEncoding),
    /// A list of elements of this size.
    List(u32),
}

impl Sequence {
    fn of(resolve: &Resolve, sizes: &SizeAlign, ty: &Type, encoding: StringEncoding) -> Option<Sequence> {
        match ty {
            Type::String => Some(Sequence::String(encoding)),
            Type::Id(id) => match &resolve.types[*id].kind {
                TypeDefKind::List(elem) => Some(Sequence::List(sizes.size(elem).size_wasm32() as u32)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Turns the length field (on the stack) into the elements' size in bytes.
    fn byte_length(self, ins: &mut wasm_encoder::InstructionSink, scratch: u32) {
        match self {
            Sequence::String(StringEncoding::UTF8) => {}
            Sequence::String(StringEncoding::UTF16) => {
                ins.i32_const(1).i32_shl();
            }
            Sequence::String(StringEncoding::CompactUTF16) => {
                // Tagged with 1 << 31: UTF-16 code units, else Latin-1 bytes.
                ins.local_tee(scratch)
                    .i32_const(0x7fff_ffff)
                    .i32_and()
                    .i32_const(1)
                    .i32_shl()
                    .local_get(scratch)
                    .local_get(scratch)
                    .i32_const(i32::MIN)
                    .i32_and()
                    .select();
            }
            Sequence::List(size) => {
                ins.i32_const(size as i32).i32_mul();
            }
        }
    }
}

struct Export<'a> {
    name: &'a str,
    kind: Kind,
    /// The import's index among the functions.
    import: u32,
    /// The import's core signature (its function is the export's, but for the result).
    import_sig: WasmSignature,
    export_sig: WasmSignature,
    /// The import's function.
    func: &'a wit_parser::Function,
}

fn core_module(
    resolve: &Resolve,
    sizes: &SizeAlign,
    world: wit_parser::WorldId,
    names: Names,
    encoding: StringEncoding,
) -> Result<Vec<u8>, String> {
    let world = &resolve.worlds[world];
    let mut types = TypeSection::new();
    let mut imports = ImportSection::new();
    let mut functions = FunctionSection::new();
    let mut code = CodeSection::new();
    let mut exports = ExportSection::new();

    // Function and type indices alike: the imports <import><i>, `[resource-drop]res`,
    // cabi_realloc, then the exports.
    let mut imported_funcs = Vec::new();
    for item in world.imports.values() {
        if let WorldItem::Function(func) = item {
            let sig = resolve.wasm_signature(AbiVariant::GuestImport, func);
            types.ty().function(val_types(&sig.params), val_types(&sig.results));
            imports.import("$root", &func.name, EntityType::Function(imported_funcs.len() as u32));
            imported_funcs.push((func, sig));
        }
    }
    let drop = imported_funcs.len() as u32;
    types.ty().function([ValType::I32], []);
    imports.import("$root", "[resource-drop]res", EntityType::Function(drop));
    let realloc = drop + 1;
    types.ty().function([ValType::I32; 4], [ValType::I32]);
    functions.function(realloc);
    code.function(&realloc_body());
    exports.export("cabi_realloc", ExportKind::Func, realloc);

    let imported = Imported { drop, realloc };
    for (key, item) in &world.exports {
        let (WorldKey::Name(name), WorldItem::Function(func)) = (key, item) else {
            return Err(format!("unexpected export {key:?}"));
        };
        if name == "reallocs" {
            let index = realloc + 1 + functions.len() - 1;
            types.ty().function([], [ValType::I32]);
            functions.function(index);
            exports.export(name, ExportKind::Func, index);
            code.function(&reallocs_body());
            continue;
        }
        let (kind, case) = match (name.strip_prefix(names.export), name.strip_prefix("layout")) {
            (Some(case), _) => (Kind::Pass, case),
            (None, Some(case)) => (Kind::Layout, case),
            _ => return Err(format!("unexpected export {name}")),
        };
        let import_name = format!("{}{case}", names.import);
        let import = imported_funcs.iter().position(|(f, _)| f.name == import_name);
        let import = import.ok_or_else(|| format!("{name} has no import {import_name}"))?;
        let (import_func, import_sig) = &imported_funcs[import];
        let export = Export {
            name,
            kind,
            import: import as u32,
            import_sig: import_sig.clone(),
            export_sig: resolve.wasm_signature(AbiVariant::GuestExport, func),
            func: import_func,
        };
        let index = realloc + 1 + functions.len() - 1;
        types.ty().function(val_types(&export.export_sig.params), val_types(&export.export_sig.results));
        functions.function(index);
        exports.export(name, ExportKind::Func, index);
        let sequence = import_func.result.as_ref().and_then(|ty| Sequence::of(resolve, sizes, ty, encoding));
        code.function(&export_body(&export, &imported, sizes, sequence)?);
    }

    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    exports.export("memory", ExportKind::Memory, 0);
    // Global 0: the heap's end; global 1: the words in the realloc log.
    let mut globals = GlobalSection::new();
    globals.global(
        GlobalType { val_type: ValType::I32, mutable: true, shared: false },
        &ConstExpr::i32_const(HEAP_START),
    );
    globals.global(GlobalType { val_type: ValType::I32, mutable: true, shared: false }, &ConstExpr::i32_const(0));

    let mut module = Module::new();
    module
        .section(&types)
        .section(&imports)
        .section(&functions)
        .section(&memories)
        .section(&globals)
        .section(&exports)
        .section(&code);
    Ok(module.finish())
}

/// The functions every export may call besides its import.
struct Imported {
    drop: u32,
    realloc: u32,
}

/// `pass<i>`: its parameters to `echo<i>` as they are. When the import writes its result
/// through a pointer, a scratch area from the allocator takes it, and the export returns
/// that pointer (the same layout the export's lifting reads). A lent `b: borrow<res>` is
/// dropped before returning, as the component model requires of a borrowed handle.
/// `layout<i>` calls `echo<i>` alike, then returns the bytes (see `Kind::Layout`).
fn export_body(
    export: &Export,
    imported: &Imported,
    sizes: &SizeAlign,
    sequence: Option<Sequence>,
) -> Result<Function, String> {
    let params = export.export_sig.params.len() as u32;
    // Locals after the parameters: the result area, then for `layout<i>` the flat result,
    // the bytes and their length.
    let (area, flat_i32, flat_i64, flat_f32, flat_f64, bytes, len) =
        (params, params + 1, params + 2, params + 3, params + 4, params + 5, params + 6);
    let mut f = Function::new([(2, ValType::I32), (1, ValType::I64), (1, ValType::F32), (1, ValType::F64), (2, ValType::I32)]);
    let mut ins = f.instructions();
    let ty = export.func.result.as_ref().ok_or("an echo without a result")?;
    let retptr = export.import_sig.retptr;
    let alloc = |ins: &mut wasm_encoder::InstructionSink, align: u32, size: u32| {
        ins.i32_const(0).i32_const(0).i32_const(align as i32).i32_const(size as i32).call(imported.realloc);
    };
    if retptr {
        alloc(&mut ins, sizes.align(ty).align_wasm32() as u32, sizes.size(ty).size_wasm32() as u32);
        ins.local_set(area);
    }
    for p in 0..params {
        ins.local_get(p);
    }
    if retptr {
        ins.local_get(area);
    }
    ins.call(export.import);
    if export.kind == Kind::Pass && !retptr && export.import_sig.results != export.export_sig.results {
        return Err(format!("{}: the import and the export return different core values", export.name));
    }
    if export.kind == Kind::Layout {
        // The result's bytes: the area, its string's or list's, or the one flat value stored.
        if let Some(sequence) = sequence {
            // len = byte length; bytes = a new area: the length field, then the elements.
            ins.local_get(area).i32_load(mem_at(4));
            sequence.byte_length(&mut ins, flat_i32);
            ins.local_set(len);
            ins.i32_const(0).i32_const(0).i32_const(4).local_get(len).i32_const(4).i32_add().call(imported.realloc);
            ins.local_tee(bytes).local_get(area).i32_load(mem_at(4)).i32_store(mem_at(0));
            ins.local_get(bytes).i32_const(4).i32_add().local_get(area).i32_load(mem_at(0)).local_get(len).memory_copy(0, 0);
            ins.local_get(len).i32_const(4).i32_add().local_set(len);
        } else if retptr {
            ins.local_get(area).local_set(bytes);
            ins.i32_const(sizes.size(ty).size_wasm32() as i32).local_set(len);
        } else {
            let flat = *export.import_sig.results.first().ok_or("an echo without a core result")?;
            let (local, size) = match val_type(flat) {
                ValType::I32 => (flat_i32, 4),
                ValType::I64 => (flat_i64, 8),
                ValType::F32 => (flat_f32, 4),
                _ => (flat_f64, 8),
            };
            ins.local_set(local);
            alloc(&mut ins, 8, size);
            ins.local_tee(bytes).local_get(local);
            match val_type(flat) {
                ValType::I32 => ins.i32_store(mem_at(0)),
                ValType::I64 => ins.i64_store(mem_at(0)),
                ValType::F32 => ins.f32_store(mem_at(0)),
                _ => ins.f64_store(mem_at(0)),
            };
            ins.i32_const(size as i32).local_set(len);
        }
        if export.export_sig.indirect_params {
            // Then the parameters the host wrote: a new area with both.
            let size = sizes.params(export.func.params.iter().map(|p| &p.ty)).size.size_wasm32() as i32;
            ins.i32_const(0).i32_const(0).i32_const(1).local_get(len).i32_const(size).i32_add().call(imported.realloc);
            ins.local_tee(area).local_get(bytes).local_get(len).memory_copy(0, 0);
            ins.local_get(area).local_get(len).i32_add().local_get(0).i32_const(size).memory_copy(0, 0);
            ins.local_get(area).local_set(bytes);
            ins.local_get(len).i32_const(size).i32_add().local_set(len);
        }
        // The list<u8> is returned through a pointer to (bytes, len).
        alloc(&mut ins, 4, 8);
        ins.local_tee(area).local_get(bytes).i32_store(mem_at(0));
        ins.local_get(area).local_get(len).i32_store(mem_at(4));
    }
    if export.func.params.len() == 2 {
        // The borrow is the last flat parameter, or the second field of the parameters'
        // record in memory when they are passed indirectly.
        if export.export_sig.indirect_params {
            let offsets = sizes.field_offsets(export.func.params.iter().map(|p| &p.ty));
            ins.local_get(0).i32_load(mem_at(offsets[1].0.size_wasm32() as u64));
        } else {
            ins.local_get(params - 1);
        }
        ins.call(imported.drop);
    }
    match (export.kind, retptr) {
        (Kind::Layout, _) | (Kind::Pass, true) => ins.local_get(area),
        (Kind::Pass, false) => &mut ins,
    };
    ins.end();
    Ok(f)
}

/// A memory 0 access at `offset`, 4-byte aligned (the allocator's areas are).
fn mem_at(offset: u64) -> wasm_encoder::MemArg {
    wasm_encoder::MemArg { offset, align: 2, target: wasm_encoder::MemArgTarget::Memory(0), ordering: None }
}

/// `reallocs() -> list<u32>`: the log, which starts again empty.
fn reallocs_body() -> Function {
    let mut f = Function::new([]);
    f.instructions()
        .i32_const(REALLOCS_RESULT)
        .i32_const(LOG_AT)
        .i32_store(mem_at(0))
        .i32_const(REALLOCS_RESULT)
        .global_get(1)
        .i32_store(mem_at(4))
        .i32_const(0)
        .global_set(1)
        .i32_const(REALLOCS_RESULT)
        .end();
    f
}

/// `cabi_realloc(old, old_size, align, new_size)`: a bump allocator over global 0 that grows
/// memory as needed and copies the old bytes when reallocating; each call is logged while
/// the log has room.
fn realloc_body() -> Function {
    let (old, old_size, align, new_size, ptr, pages) = (0, 1, 2, 3, 4, 5);
    let mut f = Function::new([(2, ValType::I32)]);
    let mut ins = f.instructions();
    ins.global_get(1).i32_const(LOG_WORDS - 3).i32_le_s().if_(wasm_encoder::BlockType::Empty);
    for (i, arg) in [old_size, align, new_size].into_iter().enumerate() {
        ins.global_get(1)
            .i32_const(4)
            .i32_mul()
            .local_get(arg)
            .i32_store(mem_at(LOG_AT as u64 + 4 * i as u64));
    }
    ins.global_get(1).i32_const(3).i32_add().global_set(1).end();
    ins
        // ptr = (heap + align - 1) & -align
        .global_get(0)
        .local_get(align)
        .i32_add()
        .i32_const(1)
        .i32_sub()
        .i32_const(0)
        .local_get(align)
        .i32_sub()
        .i32_and()
        .local_tee(ptr)
        // heap = ptr + new_size
        .local_get(new_size)
        .i32_add()
        .global_set(0)
        // grow by the pages the new heap end needs beyond the current size
        .global_get(0)
        .i32_const(65535)
        .i32_add()
        .i32_const(16)
        .i32_shr_u()
        .memory_size(0)
        .i32_sub()
        .local_tee(pages)
        .i32_const(0)
        .i32_gt_s()
        .if_(wasm_encoder::BlockType::Empty)
        .local_get(pages)
        .memory_grow(0)
        .i32_const(-1)
        .i32_eq()
        .if_(wasm_encoder::BlockType::Empty)
        .unreachable()
        .end()
        .end()
        // copy min(old_size, new_size) bytes when reallocating
        .local_get(old)
        .if_(wasm_encoder::BlockType::Empty)
        .local_get(ptr)
        .local_get(old)
        .local_get(old_size)
        .local_get(new_size)
        .local_get(old_size)
        .local_get(new_size)
        .i32_lt_u()
        .select()
        .memory_copy(0, 0)
        .end()
        .local_get(ptr)
        .end();
    f
}
