//! Validates a component binary with wasmparser and records each component definition in
//! ferry's [`model`](crate::model), converting types through the validator as it goes.

use crate::error::Error;
use crate::model::*;
use std::collections::HashMap;
use wasmparser::component_types::{
    ComponentAnyTypeId, ComponentDefinedType, ComponentDefinedTypeId, ComponentEntityType,
    ComponentFuncTypeId, ComponentValType as VType,
};
use wasmparser::types::TypesRef;
use wasmparser::{
    CanonicalFunction, CanonicalOption, ComponentAlias, ComponentExternalKind,
    ComponentOuterAliasKind, ComponentType, ComponentTypeRef, Encoding, ExternalKind, Instance,
    Parser, Payload, PrimitiveValType, ValidPayload, Validator, WasmFeatures,
};

const COMPONENT_LAYER: [u8; 4] = [0x0d, 0x00, 0x01, 0x00];

/// The features ferry accepts: the validator's defaults plus the component model proposals
/// the conformance suite exercises. What ferry cannot run is refused later, by name.
pub fn features() -> WasmFeatures {
    WasmFeatures::default()
        | WasmFeatures::CM_MORE_ASYNC_BUILTINS
        | WasmFeatures::CM_THREADING
        | WasmFeatures::CM_ASYNC_STACKFUL
        | WasmFeatures::CM_FIXED_LENGTH_LISTS
        | WasmFeatures::CM_MAP
        | WasmFeatures::CM_IMPLEMENTS
        | WasmFeatures::CM_ERROR_CONTEXT
}

pub fn parse(bytes: &[u8]) -> Result<Model, Error> {
    check_header(bytes)?;
    let mut validator = Validator::new_with_features(features());
    let mut builder = Builder::default();
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload?;
        if let ValidPayload::Func(func, body) = validator.payload(&payload)? {
            func.into_validator(Default::default()).validate(&body)?;
        }
        builder.visit(&payload, &validator)?;
    }
    if builder.components.is_empty() {
        return Err(Error::at(bytes.len() as u64, "truncated component: it ends before its first section"));
    }
    Ok(Model { types: builder.types, modules: builder.modules, components: builder.components })
}

/// Names the two most common mistakes before the validator gives a generic message.
fn check_header(bytes: &[u8]) -> Result<(), Error> {
    if bytes.len() < 4 || &bytes[..4] != b"\0asm" {
        return Err(Error::at(0, "not a WebAssembly binary (it does not start with `\\0asm`)"));
    }
    if bytes.len() < 8 {
        return Err(Error::at(bytes.len() as u64, "truncated WebAssembly header"));
    }
    if bytes[4..8] != COMPONENT_LAYER && bytes[6..8] == [0, 0] {
        return Err(Error::at(
            4,
            "this is a core WebAssembly module, not a component; wrap it into a component first \
             (for example with `wasm-tools component new`)",
        ));
    }
    Ok(())
}

enum Frame {
    Module,
    Component { def: ComponentDef, funcs: u32, types: u32, instances: u32 },
}

#[derive(Default)]
struct Builder {
    types: TypeTable,
    modules: Vec<CoreModule>,
    components: Vec<ComponentDef>,
    stack: Vec<Frame>,
    converted: HashMap<ComponentDefinedTypeId, ValType>,
}

impl Builder {
    fn visit(&mut self, payload: &Payload<'_>, validator: &Validator) -> Result<(), Error> {
        match payload {
            Payload::Version { encoding: Encoding::Component, .. } => {
                self.stack.push(Frame::Component { def: ComponentDef::default(), funcs: 0, types: 0, instances: 0 });
                return Ok(());
            }
            Payload::End(_) => {
                if let Some(Frame::Component { def, .. }) = self.stack.pop() {
                    self.components.push(def);
                    let index = ComponentIndex(self.components.len() as u32 - 1);
                    if let Some(Frame::Component { def, .. }) = self.stack.last_mut() {
                        def.inits.push(Init::Component(index));
                    }
                }
                return Ok(());
            }
            _ => {}
        }
        // Only sections of a component (not of a core module inside it) concern us.
        if !matches!(self.stack.last(), Some(Frame::Component { .. })) {
            return Ok(());
        }
        let types = validator.types(0).expect("the validator is inside this component");
        match payload {
            Payload::ModuleSection { unchecked_range, .. } => {
                let index = ModuleIndex(self.modules.len() as u32);
                self.modules.push(CoreModule { range: unchecked_range.start as usize..unchecked_range.end as usize });
                self.push(Init::CoreModule(index));
                self.stack.push(Frame::Module);
            }
            Payload::InstanceSection(reader) => {
                for instance in reader.clone() {
                    let init = match instance? {
                        Instance::Instantiate { module_index, args } => Init::CoreInstantiate {
                            module: module_index,
                            args: args.iter().map(|a| (a.name.to_string(), a.index)).collect(),
                        },
                        Instance::FromExports(exports) => Init::CoreInstanceFromExports(
                            exports.iter().map(|e| (e.name.to_string(), core_sort(e.kind), e.index)).collect(),
                        ),
                    };
                    self.push(init);
                }
            }
            Payload::ComponentInstanceSection(reader) => {
                for instance in reader.clone() {
                    let init = match instance? {
                        wasmparser::ComponentInstance::Instantiate { component_index, args } => Init::Instantiate {
                            component: component_index,
                            args: args.iter().map(|a| (a.name.to_string(), item(a.kind, a.index))).collect(),
                        },
                        wasmparser::ComponentInstance::FromExports(exports) => Init::InstanceFromExports(
                            exports.iter().map(|e| (e.name.full_name().into_owned(), item(e.kind, e.index))).collect(),
                        ),
                    };
                    self.push(init);
                    self.count(Sort::Instance, &types);
                }
            }
            Payload::ComponentAliasSection(reader) => {
                for alias in reader.clone() {
                    let init = match alias? {
                        ComponentAlias::InstanceExport { kind, instance_index, name } => {
                            let sort = sort(kind);
                            let resource = if sort == Sort::Instance { None } else { self.count(sort, &types) };
                            Init::AliasExport { sort, instance: instance_index, name: name.to_string(), resource }
                        }
                        ComponentAlias::CoreInstanceExport { kind, instance_index, name } => {
                            Init::CoreAliasExport { sort: core_sort(kind), instance: instance_index, name: name.to_string() }
                        }
                        ComponentAlias::Outer { kind, count, index } => {
                            let sort = match kind {
                                ComponentOuterAliasKind::CoreModule => Sort::Module,
                                ComponentOuterAliasKind::Type => Sort::Type,
                                ComponentOuterAliasKind::Component => Sort::Component,
                                ComponentOuterAliasKind::CoreType => continue,
                            };
                            let resource = self.count(sort, &types);
                            Init::AliasOuter { sort, count, index, resource }
                        }
                    };
                    let new_instance = matches!(init, Init::AliasExport { sort: Sort::Instance, .. });
                    self.push(init);
                    if new_instance {
                        self.count(Sort::Instance, &types);
                    }
                }
            }
            Payload::ComponentTypeSection(reader) => {
                for ty in reader.clone() {
                    let ty = ty?;
                    let index = self.count(Sort::Type, &types);
                    let init = match (ty, index) {
                        (ComponentType::Resource { dtor, .. }, Some(key)) => Init::Resource { key, dtor },
                        _ => Init::Type,
                    };
                    self.push(init);
                }
            }
            Payload::ComponentCanonicalSection(reader) => {
                for item in reader.clone().into_iter_with_offsets() {
                    let (offset, func) = item?;
                    let init = self.canonical(func, &types, offset)?;
                    self.push(init);
                }
            }
            Payload::ComponentImportSection(reader) => {
                for import in reader.clone() {
                    let import = import?;
                    let name = import.name.full_name().into_owned();
                    let entity = types.component_item_for_import(import.name.name).map(|i| i.ty);
                    let mut shape = self.shape(entity, &types)?;
                    let sort = import_sort(&import.ty);
                    // Signatures here name the resource by the new type index's key.
                    if sort != Sort::Instance
                        && let Some(key) = self.count(sort, &types)
                    {
                        shape = Shape::Type(Some(key));
                    }
                    self.push(Init::Import { name, shape });
                    if sort == Sort::Instance {
                        self.count(sort, &types);
                    }
                }
            }
            Payload::ComponentExportSection(reader) => {
                for export in reader.clone() {
                    let export = export?;
                    let name = export.name.full_name().into_owned();
                    let entity = types.component_item_for_export(export.name.name).map(|i| i.ty);
                    let mut shape = self.shape(entity, &types)?;
                    let sort = sort(export.kind);
                    if sort != Sort::Instance
                        && let Some(key) = self.count(sort, &types)
                    {
                        shape = Shape::Type(Some(key));
                    }
                    self.push(Init::Export { name, item: ItemRef { sort, index: export.index }, shape });
                    if sort == Sort::Instance {
                        self.count(sort, &types);
                    }
                }
            }
            Payload::ComponentStartSection { range, .. } => {
                return Err(Error::at(range.start, "component start functions are not supported"));
            }
            _ => {}
        }
        Ok(())
    }

    fn push(&mut self, init: Init) {
        if let Some(Frame::Component { def, .. }) = self.stack.last_mut() {
            def.inits.push(init);
        }
    }

    /// Counts a new item of `sort` in the current component; for a type, returns its resource
    /// key when the new type is a resource.
    fn count(&mut self, sort: Sort, types: &TypesRef<'_>) -> Option<ResourceKey> {
        let Some(Frame::Component { funcs, types: type_count, instances, def }) = self.stack.last_mut() else {
            return None;
        };
        match sort {
            Sort::Func => *funcs += 1,
            Sort::Instance => {
                let index = *instances;
                *instances += 1;
                let mut resources = Vec::new();
                instance_resources(types, types.component_instance_at(index), &mut Vec::new(), &mut resources);
                if !resources.is_empty() {
                    def.inits.push(Init::InstanceResources { instance: index, resources });
                }
            }
            Sort::Type => {
                let index = *type_count;
                *type_count += 1;
                if let ComponentAnyTypeId::Resource(r) = types.component_any_type_at(index) {
                    return Some(r.resource());
                }
            }
            _ => {}
        }
        None
    }

    fn canonical(&mut self, func: CanonicalFunction, types: &TypesRef<'_>, offset: u64) -> Result<Init, Error> {
        let resource = |index: u32| match types.component_any_type_at(index) {
            ComponentAnyTypeId::Resource(r) => Ok(r.resource()),
            _ => Err(Error::at(offset, "resource builtin on a type that is not a resource")),
        };
        let builtin = |b| Ok(Init::Builtin(b));
        let unsupported = |name| Ok(Init::Builtin(Builtin::Unsupported(name)));
        match func {
            CanonicalFunction::Lift { core_func_index, type_index, options } => {
                self.count(Sort::Func, types);
                let ComponentAnyTypeId::Func(id) = types.component_any_type_at(type_index) else {
                    return Err(Error::at(offset, "canon lift with a type that is not a function type"));
                };
                let ty = self.func_type(id, types)?;
                Ok(Init::Lift { core_func: core_func_index, ty, options: canon_options(&options) })
            }
            CanonicalFunction::Lower { func_index, options } => {
                let ty = self.func_type(types.component_function_at(func_index), types)?;
                Ok(Init::Lower { func: func_index, ty, options: canon_options(&options) })
            }
            CanonicalFunction::ResourceNew { resource: r } => builtin(Builtin::ResourceNew(resource(r)?)),
            CanonicalFunction::ResourceRep { resource: r } => builtin(Builtin::ResourceRep(resource(r)?)),
            CanonicalFunction::ResourceDrop { resource: r } => builtin(Builtin::ResourceDrop(resource(r)?)),
            CanonicalFunction::TaskReturn { result, options } => {
                let result = match result {
                    Some(wasmparser::ComponentValType::Primitive(p)) => Some(primitive(p)),
                    Some(wasmparser::ComponentValType::Type(index)) => {
                        Some(self.val_type(VType::Type(types.component_defined_type_at(index)), types)?)
                    }
                    None => None,
                };
                builtin(Builtin::TaskReturn { result, options: canon_options(&options) })
            }
            CanonicalFunction::ContextGet { slot, .. } => builtin(Builtin::ContextGet(slot)),
            CanonicalFunction::ContextSet { slot, .. } => builtin(Builtin::ContextSet(slot)),
            CanonicalFunction::BackpressureInc => builtin(Builtin::BackpressureInc),
            CanonicalFunction::BackpressureDec => builtin(Builtin::BackpressureDec),
            other => unsupported(canonical_name(&other)),
        }
    }

    fn func_type(&mut self, id: ComponentFuncTypeId, types: &TypesRef<'_>) -> Result<FuncType, Error> {
        let ty = &types[id];
        let mut params = Vec::with_capacity(ty.params.len());
        for (name, param) in ty.params.iter() {
            params.push((name.to_string(), self.val_type(*param, types)?));
        }
        let result = match ty.result {
            Some(result) => Some(self.val_type(result, types)?),
            None => None,
        };
        Ok(FuncType { params, result, is_async: ty.async_ })
    }

    fn val_type(&mut self, ty: VType, types: &TypesRef<'_>) -> Result<ValType, Error> {
        let id = match ty {
            VType::Primitive(p) => return Ok(primitive(p)),
            VType::Type(id) => id,
        };
        if let Some(&converted) = self.converted.get(&id) {
            return Ok(converted);
        }
        let mut val = |ty: VType| self.val_type(ty, types);
        let def = match &types[id] {
            ComponentDefinedType::Primitive(p) => return Ok(primitive(*p)),
            ComponentDefinedType::Record(r) => {
                TypeDef::Record(r.fields.iter().map(|(n, t)| Ok((n.to_string(), val(*t)?))).collect::<Result<_, Error>>()?)
            }
            ComponentDefinedType::Variant(v) => TypeDef::Variant(
                v.cases.iter().map(|(n, c)| Ok((n.to_string(), c.ty.map(&mut val).transpose()?))).collect::<Result<_, Error>>()?,
            ),
            ComponentDefinedType::List { element, .. } => TypeDef::List(val(*element)?),
            ComponentDefinedType::FixedLengthList { element, length, .. } => TypeDef::FixedList(val(*element)?, *length),
            ComponentDefinedType::Map { key, value, .. } => {
                let (key, value) = (val(*key)?, val(*value)?);
                self.types.intern(TypeDef::Tuple(vec![key, value]));
                TypeDef::Map(key, value)
            }
            ComponentDefinedType::Tuple(t) => TypeDef::Tuple(t.types.iter().map(|t| val(*t)).collect::<Result<_, Error>>()?),
            ComponentDefinedType::Flags(names) => TypeDef::Flags(names.iter().map(|n| n.to_string()).collect()),
            ComponentDefinedType::Enum(names) => TypeDef::Enum(names.iter().map(|n| n.to_string()).collect()),
            ComponentDefinedType::Option { ty, .. } => TypeDef::Option(val(*ty)?),
            ComponentDefinedType::Result { ok, err, .. } => {
                TypeDef::Result(ok.map(&mut val).transpose()?, err.map(&mut val).transpose()?)
            }
            ComponentDefinedType::Own(r) => TypeDef::Own(r.resource()),
            ComponentDefinedType::Borrow(r) => TypeDef::Borrow(r.resource()),
            ComponentDefinedType::Future { ty, .. } => TypeDef::Future(ty.map(&mut val).transpose()?),
            ComponentDefinedType::Stream { ty, .. } => TypeDef::Stream(ty.map(&mut val).transpose()?),
        };
        let converted = self.types.intern(def);
        self.converted.insert(id, converted);
        Ok(converted)
    }

    fn shape(&mut self, entity: Option<ComponentEntityType>, types: &TypesRef<'_>) -> Result<Shape, Error> {
        Ok(match entity {
            Some(ComponentEntityType::Func(_)) => Shape::Func,
            Some(ComponentEntityType::Instance(id)) => {
                let mut exports = Vec::new();
                for (name, item) in types[id].exports.iter() {
                    exports.push((item.full_name(name).into_owned(), self.shape(Some(item.ty), types)?));
                }
                Shape::Instance(exports)
            }
            Some(ComponentEntityType::Type { created, .. }) => match created {
                ComponentAnyTypeId::Resource(r) => Shape::Type(Some(r.resource())),
                _ => Shape::Type(None),
            },
            Some(ComponentEntityType::Module(_)) => Shape::Module,
            Some(ComponentEntityType::Component(_)) => Shape::Component,
            Some(ComponentEntityType::Value(_)) | None => Shape::Value,
        })
    }
}

/// Collects the resource keys an instance type exports, with their export paths.
fn instance_resources(
    types: &TypesRef<'_>,
    id: wasmparser::component_types::ComponentInstanceTypeId,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, ResourceKey)>,
) {
    for (name, item) in types[id].exports.iter() {
        path.push(name.clone());
        match item.ty {
            ComponentEntityType::Type { created, referenced } => {
                for ty in [created, referenced] {
                    if let ComponentAnyTypeId::Resource(r) = ty {
                        out.push((path.clone(), r.resource()));
                    }
                }
            }
            ComponentEntityType::Instance(inner) => instance_resources(types, inner, path, out),
            _ => {}
        }
        path.pop();
    }
}

fn canon_options(options: &[CanonicalOption]) -> CanonOptions {
    let mut out = CanonOptions {
        encoding: StringEncoding::Utf8,
        memory: None,
        realloc: None,
        post_return: None,
        is_async: false,
        callback: None,
    };
    for option in options {
        match *option {
            CanonicalOption::UTF8 => out.encoding = StringEncoding::Utf8,
            CanonicalOption::UTF16 => out.encoding = StringEncoding::Utf16,
            CanonicalOption::CompactUTF16 => out.encoding = StringEncoding::CompactUtf16,
            CanonicalOption::Memory(m) => out.memory = Some(m),
            CanonicalOption::Realloc(f) => out.realloc = Some(f),
            CanonicalOption::PostReturn(f) => out.post_return = Some(f),
            CanonicalOption::Async => out.is_async = true,
            CanonicalOption::Callback(f) => out.callback = Some(f),
            CanonicalOption::CoreType(_) | CanonicalOption::Gc => {}
        }
    }
    out
}

fn canonical_name(func: &CanonicalFunction) -> &'static str {
    use CanonicalFunction as F;
    match func {
        F::TaskReturn { .. } => "task.return",
        F::TaskCancel => "task.cancel",
        F::ThreadYield => "thread.yield",
        F::ThreadIndex => "thread.index",
        F::SubtaskDrop => "subtask.drop",
        F::SubtaskCancel { .. } => "subtask.cancel",
        F::StreamNew { .. } => "stream.new",
        F::StreamRead { .. } => "stream.read",
        F::StreamWrite { .. } => "stream.write",
        F::StreamCancelRead { .. } => "stream.cancel-read",
        F::StreamCancelWrite { .. } => "stream.cancel-write",
        F::StreamDropReadable { .. } => "stream.drop-readable",
        F::StreamDropWritable { .. } => "stream.drop-writable",
        F::FutureNew { .. } => "future.new",
        F::FutureRead { .. } => "future.read",
        F::FutureWrite { .. } => "future.write",
        F::FutureCancelRead { .. } => "future.cancel-read",
        F::FutureCancelWrite { .. } => "future.cancel-write",
        F::FutureDropReadable { .. } => "future.drop-readable",
        F::FutureDropWritable { .. } => "future.drop-writable",
        F::ErrorContextNew { .. } => "error-context.new",
        F::ErrorContextDebugMessage { .. } => "error-context.debug-message",
        F::ErrorContextDrop => "error-context.drop",
        F::WaitableSetNew => "waitable-set.new",
        F::WaitableSetWait { .. } => "waitable-set.wait",
        F::WaitableSetPoll { .. } => "waitable-set.poll",
        F::WaitableSetDrop => "waitable-set.drop",
        F::WaitableJoin => "waitable.join",
        _ => "a threading builtin",
    }
}

fn primitive(p: PrimitiveValType) -> ValType {
    match p {
        PrimitiveValType::Bool => ValType::Bool,
        PrimitiveValType::S8 => ValType::S8,
        PrimitiveValType::U8 => ValType::U8,
        PrimitiveValType::S16 => ValType::S16,
        PrimitiveValType::U16 => ValType::U16,
        PrimitiveValType::S32 => ValType::S32,
        PrimitiveValType::U32 => ValType::U32,
        PrimitiveValType::S64 => ValType::S64,
        PrimitiveValType::U64 => ValType::U64,
        PrimitiveValType::F32 => ValType::F32,
        PrimitiveValType::F64 => ValType::F64,
        PrimitiveValType::Char => ValType::Char,
        PrimitiveValType::String => ValType::String,
        PrimitiveValType::ErrorContext => ValType::ErrorContext,
    }
}

fn sort(kind: ComponentExternalKind) -> Sort {
    match kind {
        ComponentExternalKind::Module => Sort::Module,
        ComponentExternalKind::Func => Sort::Func,
        ComponentExternalKind::Value => Sort::Value,
        ComponentExternalKind::Type => Sort::Type,
        ComponentExternalKind::Instance => Sort::Instance,
        ComponentExternalKind::Component => Sort::Component,
    }
}

fn import_sort(ty: &ComponentTypeRef) -> Sort {
    match ty {
        ComponentTypeRef::Module(_) => Sort::Module,
        ComponentTypeRef::Func(_) => Sort::Func,
        ComponentTypeRef::Value(_) => Sort::Value,
        ComponentTypeRef::Type(_) => Sort::Type,
        ComponentTypeRef::Instance(_) => Sort::Instance,
        ComponentTypeRef::Component(_) => Sort::Component,
    }
}

fn item(kind: ComponentExternalKind, index: u32) -> ItemRef {
    ItemRef { sort: sort(kind), index }
}

fn core_sort(kind: ExternalKind) -> CoreSort {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => CoreSort::Func,
        ExternalKind::Table => CoreSort::Table,
        ExternalKind::Memory => CoreSort::Memory,
        ExternalKind::Global => CoreSort::Global,
        ExternalKind::Tag => CoreSort::Tag,
    }
}
