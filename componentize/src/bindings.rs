//! The world's functions as the core module sees them and as the engine sees them: each import
//! and export gets an index (the engine calls import `i` and is called for export `i`), its
//! core name as wit-component expects it, its flattened core signature, and its entry in the
//! engine's `Schema` (JS names and value types). Resources bring their canonical built-ins:
//! `[resource-drop]` for every resource, `[resource-new]`/`[resource-rep]` imports and a
//! `[dtor]` export for the ones the component exports.

mod types;

use ferry_componentize_schema::{Func, FuncKind, Resource, Schema};
use ferry_transpiler::names::{lower_camel, lower_camel_property, upper_camel};
use wit_parser::abi::{AbiVariant, WasmSignature, WasmType};
use wit_parser::{
    Function, FunctionKind, LiftLowerAbi, ManglingAndAbi, Resolve, ResourceIntrinsic, TypeDefKind, TypeId,
    WasmExport, WasmExportKind, WasmImport, WorldId, WorldItem, WorldKey,
};

use types::TypeTable;

/// How the core module names imports and exports: wit-component's legacy, synchronous names.
const MANGLING: ManglingAndAbi = ManglingAndAbi::Legacy(LiftLowerAbi::Sync);

/// A world function (or resource built-in) the component imports, as a core import.
#[derive(Debug, Clone)]
pub struct CoreImport {
    pub module: String,
    pub name: String,
    /// The lowered signature: spilled parameters as one pointer, spilled results through a
    /// trailing return-pointer parameter.
    pub signature: CoreSignature,
}

/// A world function (or resource destructor) the component exports, as a core export.
#[derive(Debug, Clone)]
pub struct CoreExport {
    pub name: String,
    /// The export name of its post-return function; a destructor has none.
    pub post_return: Option<String>,
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

/// A world the engine cannot serve: a function or type of a kind not supported yet.
#[derive(Debug)]
pub struct BindingsError(pub String);

impl std::fmt::Display for BindingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BindingsError {}

/// The world's functions, imports and exports each in a fixed order: world-level functions
/// and interfaces as the world lists them, an interface's resources' built-ins before its
/// functions. `schema.imports[i]` describes `imports[i]`, and likewise for exports; the
/// schema's `modules` and `disabled` are left for the caller.
#[derive(Debug, Default)]
pub struct Bindings {
    pub imports: Vec<CoreImport>,
    pub exports: Vec<CoreExport>,
    pub schema: Schema,
}

impl Bindings {
    pub fn new(resolve: &Resolve, world: WorldId) -> Result<Bindings, BindingsError> {
        let mut builder = Builder { resolve, bindings: Bindings::default(), types: TypeTable::default() };
        let world = &resolve.worlds[world];
        for (key, item) in &world.imports {
            builder.import(key, item)?;
        }
        for (key, item) in &world.exports {
            builder.export(key, item)?;
        }
        let Builder { mut bindings, types, .. } = builder;
        (bindings.schema.types, bindings.schema.resources) = types.finish();
        Ok(bindings)
    }
}

struct Builder<'a> {
    resolve: &'a Resolve,
    bindings: Bindings,
    types: TypeTable,
}

impl Builder<'_> {
    fn import(&mut self, key: &WorldKey, item: &WorldItem) -> Result<(), BindingsError> {
        match item {
            WorldItem::Function(func) => self.import_func(None, func),
            WorldItem::Interface { id, .. } => {
                let interface = &self.resolve.interfaces[*id];
                let namespace = self.resolve.name_world_key(key);
                for &ty in interface.types.values() {
                    self.imported_resource(Some(key), Some(&namespace), ty);
                }
                for func in interface.functions.values() {
                    self.import_func(Some(key), func)?;
                }
                Ok(())
            }
            WorldItem::Type { id, .. } => {
                // A world-level resource's class is the module named after it (`blob`).
                let name = self.resolve.name_world_key(key);
                self.imported_resource(None, Some(&name), *id);
                Ok(())
            }
        }
    }

    fn export(&mut self, key: &WorldKey, item: &WorldItem) -> Result<(), BindingsError> {
        match item {
            WorldItem::Function(func) => self.export_func(None, func),
            WorldItem::Interface { id, .. } => {
                let interface = &self.resolve.interfaces[*id];
                let object = lower_camel(match key {
                    WorldKey::Name(name) => name,
                    WorldKey::Interface(_) => interface.name.as_deref().unwrap_or_default(),
                });
                for &ty in interface.types.values() {
                    self.exported_resource(key, &object, ty);
                }
                for func in interface.functions.values() {
                    self.export_func(Some((key, &object)), func)?;
                }
                Ok(())
            }
            WorldItem::Type { .. } => Ok(()),
        }
    }

    /// A resource the host defines: its class, found in the JS module `namespace` (the
    /// interface's, or the resource's own for one the world defines), and its `[resource-drop]`.
    fn imported_resource(&mut self, key: Option<&WorldKey>, namespace: Option<&str>, ty: TypeId) {
        let def = &self.resolve.types[ty];
        if !matches!(def.kind, TypeDefKind::Resource) {
            return;
        }
        let name = upper_camel(def.name.as_deref().unwrap_or_default());
        let r = self.types.add_resource(ty, Resource { namespace: namespace.map(String::from), name, exported: false });
        self.intrinsic(key, ty, ResourceIntrinsic::ImportedDrop, FuncKind::ResourceDrop(r), namespace);
    }

    /// A resource the JS module defines: its `[resource-new]`, `[resource-rep]`,
    /// `[resource-drop]` imports and its `[dtor]` export.
    fn exported_resource(&mut self, key: &WorldKey, object: &str, ty: TypeId) {
        let def = &self.resolve.types[ty];
        if !matches!(def.kind, TypeDefKind::Resource) {
            return;
        }
        let name = upper_camel(def.name.as_deref().unwrap_or_default());
        let namespace = Some(object.to_string());
        let r = self.types.add_resource(ty, Resource { namespace: namespace.clone(), name, exported: true });
        let intrinsics = [
            (ResourceIntrinsic::ExportedNew, FuncKind::ResourceNew(r)),
            (ResourceIntrinsic::ExportedRep, FuncKind::ResourceRep(r)),
            (ResourceIntrinsic::ExportedDrop, FuncKind::ResourceDrop(r)),
        ];
        for (intrinsic, kind) in intrinsics {
            self.intrinsic(Some(key), ty, intrinsic, kind, Some(object));
        }
        let name = self.resolve.wasm_export_name(MANGLING, WasmExport::ResourceDtor { interface: key, resource: ty });
        self.bindings.exports.push(CoreExport { name, post_return: None, signature: i32_signature(1, 0) });
        self.bindings.schema.exports.push(intrinsic_func(namespace, FuncKind::Dtor(r)));
    }

    fn intrinsic(
        &mut self,
        key: Option<&WorldKey>,
        resource: TypeId,
        intrinsic: ResourceIntrinsic,
        kind: FuncKind,
        namespace: Option<&str>,
    ) {
        let results = match intrinsic {
            ResourceIntrinsic::ExportedNew | ResourceIntrinsic::ExportedRep => 1,
            ResourceIntrinsic::ImportedDrop | ResourceIntrinsic::ExportedDrop => 0,
        };
        let (module, name) =
            self.resolve.wasm_import_name(MANGLING, WasmImport::ResourceIntrinsic { interface: key, resource, intrinsic });
        self.bindings.imports.push(CoreImport { module, name, signature: i32_signature(1, results) });
        self.bindings.schema.imports.push(intrinsic_func(namespace.map(String::from), kind));
    }

    fn import_func(&mut self, key: Option<&WorldKey>, func: &Function) -> Result<(), BindingsError> {
        let namespace = key.map(|key| self.resolve.name_world_key(key));
        let described = self.describe(namespace, func)?;
        let (module, name) = self.resolve.wasm_import_name(MANGLING, WasmImport::Func { interface: key, func });
        let signature = core_signature(&self.resolve.wasm_signature(AbiVariant::GuestImport, func));
        self.bindings.imports.push(CoreImport { module, name, signature });
        self.bindings.schema.imports.push(described);
        Ok(())
    }

    fn export_func(&mut self, interface: Option<(&WorldKey, &str)>, func: &Function) -> Result<(), BindingsError> {
        let described = self.describe(interface.map(|(_, object)| object.to_string()), func)?;
        let key = interface.map(|(key, _)| key);
        let name = |kind| self.resolve.wasm_export_name(MANGLING, WasmExport::Func { interface: key, func, kind });
        let signature = core_signature(&self.resolve.wasm_signature(AbiVariant::GuestExport, func));
        self.bindings.exports.push(CoreExport {
            name: name(WasmExportKind::Normal),
            post_return: Some(name(WasmExportKind::PostReturn)),
            signature,
        });
        self.bindings.schema.exports.push(described);
        Ok(())
    }

    /// `func` as the engine sees it: JS name, kind and value types.
    fn describe(&mut self, namespace: Option<String>, func: &Function) -> Result<Func, BindingsError> {
        let unsupported = |what: &str| BindingsError(format!("function `{}`: {what} are not supported yet", func.name));
        let resource = |types: &mut TypeTable, id: TypeId| types.resource_of(self.resolve, id).ok_or_else(|| unsupported("resources of an unknown kind"));
        let method_name = || lower_camel_property(func.item_name());
        let (kind, name) = match func.kind {
            FunctionKind::Freestanding => (FuncKind::Free, lower_camel(&func.name)),
            FunctionKind::Method(id) => (FuncKind::Method(resource(&mut self.types, id)?), method_name()),
            FunctionKind::Static(id) => (FuncKind::Static(resource(&mut self.types, id)?), method_name()),
            FunctionKind::Constructor(id) => {
                let r = resource(&mut self.types, id)?;
                (FuncKind::Constructor(r), upper_camel(self.resolve.types[id].name.as_deref().unwrap_or_default()))
            }
            _ => return Err(unsupported("async functions, getters and setters")),
        };
        let mut params = Vec::with_capacity(func.params.len());
        for param in &func.params {
            params.push(self.types.add(self.resolve, &param.ty).map_err(&unsupported)?);
        }
        let result = match &func.result {
            Some(ty) => Some(self.types.add(self.resolve, ty).map_err(&unsupported)?),
            None => None,
        };
        Ok(Func { namespace, name, kind, params, result })
    }
}

/// A resource built-in's schema entry: its types are implied by its kind.
fn intrinsic_func(namespace: Option<String>, kind: FuncKind) -> Func {
    Func { namespace, name: String::new(), kind, params: Vec::new(), result: None }
}

fn i32_signature(params: usize, results: usize) -> CoreSignature {
    use wasm_encoder::ValType;
    CoreSignature { params: vec![ValType::I32; params], results: vec![ValType::I32; results] }
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

#[cfg(test)]
mod tests;
