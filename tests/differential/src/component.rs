//! One batch's component: a WIT world with `import echo<i>` and `export pass<i>` of the same
//! type for every case, and a core module whose `pass<i>` hands its flat arguments to
//! `echo<i>` unchanged and returns what it returned. The import and the export share the
//! canonical options, so the flat (or in-memory) form of the argument is valid for both.
//! (The inner component of a composed batch is the same with other names: `export echo<i>`
//! passing to `import inner<i>`.)

use wasm_encoder::{
    CodeSection, ConstExpr, EntityType, ExportKind, ExportSection, Function, FunctionSection, GlobalSection,
    GlobalType, ImportSection, MemorySection, MemoryType, Module, TypeSection, ValType,
};
use wit_component::{ComponentEncoder, StringEncoding};
use wit_parser::abi::{AbiVariant, WasmSignature, WasmType};
use wit_parser::{Resolve, SizeAlign, WorldItem, WorldKey};

/// Where the bump allocator starts. It never frees: memory grows as the calls go on, so
/// that `memory.grow` happens at any point of a lowering, not just in large values.
const HEAP_START: i32 = 16;

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

    let mut module = core_module(&resolve, &sizes, world, names)?;
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

/// The exports `pass<i>`, each with its import `echo<i>` (same name after the prefix).
struct Case<'a> {
    name: String,
    import: WasmSignature,
    export: WasmSignature,
    func: &'a wit_parser::Function,
}

fn core_module(resolve: &Resolve, sizes: &SizeAlign, world: wit_parser::WorldId, names: Names) -> Result<Vec<u8>, String> {
    let world = &resolve.worlds[world];
    let mut cases = Vec::new();
    for (key, item) in &world.exports {
        let (WorldKey::Name(name), WorldItem::Function(func)) = (key, item) else {
            return Err(format!("unexpected export {key:?}"));
        };
        let case = name.strip_prefix(names.export).ok_or_else(|| format!("unexpected export {name}"))?;
        cases.push(Case {
            name: case.to_string(),
            import: resolve.wasm_signature(AbiVariant::GuestImport, func),
            export: resolve.wasm_signature(AbiVariant::GuestExport, func),
            func,
        });
    }

    let mut types = TypeSection::new();
    let mut imports = ImportSection::new();
    let mut functions = FunctionSection::new();
    let mut code = CodeSection::new();
    let mut exports = ExportSection::new();
    let n = cases.len() as u32;
    // Function indices: the imports echo<i> 0..n, `[resource-drop]res`, then cabi_realloc,
    // then each pass<i>. Type indices are the same up to cabi_realloc's.
    for (i, case) in cases.iter().enumerate() {
        types.ty().function(val_types(&case.import.params), val_types(&case.import.results));
        imports.import("$root", &format!("{}{}", names.import, case.name), EntityType::Function(i as u32));
    }
    let drop = n;
    types.ty().function([ValType::I32], []);
    imports.import("$root", "[resource-drop]res", EntityType::Function(drop));
    let realloc = n + 1;
    types.ty().function([ValType::I32; 4], [ValType::I32]);
    functions.function(realloc);
    code.function(&realloc_body());
    exports.export("cabi_realloc", ExportKind::Func, realloc);

    let imported = Imported { drop, realloc };
    for (i, case) in cases.iter().enumerate() {
        let i = i as u32;
        let pass = realloc + 1 + i;
        types.ty().function(val_types(&case.export.params), val_types(&case.export.results));
        functions.function(pass);
        exports.export(&format!("{}{}", names.export, case.name), ExportKind::Func, pass);
        code.function(&pass_body(case, i, &imported, sizes)?);
    }

    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    exports.export("memory", ExportKind::Memory, 0);
    let mut globals = GlobalSection::new();
    globals.global(
        GlobalType { val_type: ValType::I32, mutable: true, shared: false },
        &ConstExpr::i32_const(HEAP_START),
    );

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

/// The functions every `pass<i>` may call besides its import.
struct Imported {
    drop: u32,
    realloc: u32,
}

/// `pass<i>`: its parameters to `echo<i>` as they are. When the import writes its result
/// through a pointer, a scratch area from the allocator takes it, and the export returns
/// that pointer (the same layout the export's lifting reads). A lent `b: borrow<res>` is
/// dropped before returning, as the component model requires of a borrowed handle.
fn pass_body(case: &Case, import: u32, imported: &Imported, sizes: &SizeAlign) -> Result<Function, String> {
    let mut f = Function::new([(1, ValType::I32)]);
    let scratch = case.export.params.len() as u32;
    let mut ins = f.instructions();
    if case.import.retptr {
        let ty = case.func.result.as_ref().ok_or("a return pointer without a result")?;
        ins.i32_const(0)
            .i32_const(0)
            .i32_const(sizes.align(ty).align_wasm32() as i32)
            .i32_const(sizes.size(ty).size_wasm32() as i32)
            .call(imported.realloc)
            .local_set(scratch);
    }
    for p in 0..case.export.params.len() as u32 {
        ins.local_get(p);
    }
    if case.import.retptr {
        ins.local_get(scratch).call(import).local_get(scratch);
    } else {
        if case.import.results != case.export.results {
            return Err(format!("case {}: the import and the export return different core values", case.name));
        }
        ins.call(import);
    }
    if case.func.params.len() == 2 {
        // The borrow is the last flat parameter, or the second field of the parameters'
        // record in memory when they are passed indirectly.
        if case.export.indirect_params {
            let offsets = sizes.field_offsets(case.func.params.iter().map(|p| &p.ty));
            let offset = offsets[1].0.size_wasm32() as u64;
            ins.local_get(0).i32_load(wasm_encoder::MemArg { offset, align: 2, target: wasm_encoder::MemArgTarget::Memory(0), ordering: None });
        } else {
            ins.local_get(scratch - 1);
        }
        ins.call(imported.drop);
    }
    ins.end();
    Ok(f)
}

/// `cabi_realloc(old, old_size, align, new_size)`: a bump allocator over global 0 that grows
/// memory as needed and copies the old bytes when reallocating.
fn realloc_body() -> Function {
    let (old, old_size, align, new_size, ptr, pages) = (0, 1, 2, 3, 4, 5);
    let mut f = Function::new([(2, ValType::I32)]);
    f.instructions()
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
