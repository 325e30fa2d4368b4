//! The world's functions as the core module sees them: each import and export gets an index
//! (the engine calls import `i` and is called for export `i`), its core name as wit-component
//! expects it, and its flattened core signature.

use wit_parser::abi::{AbiVariant, WasmSignature, WasmType};
use wit_parser::{
    Function, LiftLowerAbi, ManglingAndAbi, Resolve, WasmExport, WasmExportKind, WasmImport, WorldId, WorldItem,
    WorldKey,
};

/// How the core module names imports and exports: wit-component's legacy, synchronous names.
const MANGLING: ManglingAndAbi = ManglingAndAbi::Legacy(LiftLowerAbi::Sync);

/// A world function the component imports, as a core import.
#[derive(Debug, Clone)]
pub struct CoreImport {
    pub module: String,
    pub name: String,
    /// The lowered signature: spilled parameters as one pointer, spilled results through a
    /// trailing return-pointer parameter.
    pub signature: CoreSignature,
}

/// A world function the component exports, as a core export.
#[derive(Debug, Clone)]
pub struct CoreExport {
    pub name: String,
    /// The export name of its post-return function.
    pub post_return: String,
    /// The lifted signature: spilled parameters as one pointer, spilled results as a
    /// returned pointer.
    pub signature: CoreSignature,
}

/// A core function type in the value types the link step emits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreSignature {
    pub params: Vec<wasm_encoder::ValType>,
    pub results: Vec<wasm_encoder::ValType>,
}

/// The world's functions, imports and exports each in a fixed order: world-level functions
/// and interfaces as the world lists them, an interface's functions as it lists them.
#[derive(Debug, Default)]
pub struct Bindings {
    pub imports: Vec<CoreImport>,
    pub exports: Vec<CoreExport>,
}

impl Bindings {
    pub fn new(resolve: &Resolve, world: WorldId) -> Bindings {
        let world = &resolve.worlds[world];
        let mut bindings = Bindings::default();
        for (key, item) in &world.imports {
            for (interface, func) in functions(resolve, key, item) {
                let (module, name) = resolve.wasm_import_name(MANGLING, WasmImport::Func { interface, func });
                let signature = core_signature(&resolve.wasm_signature(AbiVariant::GuestImport, func));
                bindings.imports.push(CoreImport { module, name, signature });
            }
        }
        for (key, item) in &world.exports {
            for (interface, func) in functions(resolve, key, item) {
                let name = |kind| resolve.wasm_export_name(MANGLING, WasmExport::Func { interface, func, kind });
                let signature = core_signature(&resolve.wasm_signature(AbiVariant::GuestExport, func));
                bindings.exports.push(CoreExport {
                    name: name(WasmExportKind::Normal),
                    post_return: name(WasmExportKind::PostReturn),
                    signature,
                });
            }
        }
        bindings
    }
}

/// The functions a world item brings: itself, or an interface's functions, with the key of the
/// interface they belong to (`None` at world level).
fn functions<'a>(
    resolve: &'a Resolve,
    key: &'a WorldKey,
    item: &'a WorldItem,
) -> Vec<(Option<&'a WorldKey>, &'a Function)> {
    match item {
        WorldItem::Function(func) => vec![(None, func)],
        WorldItem::Interface { id, .. } => resolve.interfaces[*id].functions.values().map(|f| (Some(key), f)).collect(),
        WorldItem::Type { .. } => Vec::new(),
    }
}

fn core_signature(signature: &WasmSignature) -> CoreSignature {
    let convert = |types: &[WasmType]| types.iter().map(|t| val_type(*t)).collect();
    CoreSignature { params: convert(&signature.params), results: convert(&signature.results) }
}

/// wasm32: pointers and lengths are `i32`.
fn val_type(ty: WasmType) -> wasm_encoder::ValType {
    use wasm_encoder::ValType;
    match ty {
        WasmType::I32 | WasmType::Pointer | WasmType::Length => ValType::I32,
        WasmType::I64 | WasmType::PointerOrI64 => ValType::I64,
        WasmType::F32 => ValType::F32,
        WasmType::F64 => ValType::F64,
    }
}
