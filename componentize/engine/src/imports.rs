//! Calling the world's imports from JS: arguments lowered into the slots (or memory), the
//! host called, the result lifted back.

use ferry_componentize_schema::{Func, FuncKind, Type};
use rquickjs::function::Rest;
use rquickjs::{Ctx, Exception, Function, Object, Result, Value};

use crate::abi::lift::Lift;
use crate::abi::lower::Lower;
use crate::abi::mem_to_flat;
use crate::host::{self, MAX_FLAT_PARAMS, SLOTS};
use crate::memory::{Block, alloc_block, free};
use crate::state::{State, restore, state};

/// Calls import `index` with raw `i32` parameters, returning slot 0 (the canonical
/// built-ins of resources: `[resource-drop]`, `[resource-new]`, `[resource-rep]`).
pub fn call_raw(index: u32, params: &[u32]) -> u32 {
    for (slot, param) in params.iter().enumerate() {
        SLOTS.set_i64(slot, i64::from(*param));
    }
    host::call_import(index);
    SLOTS.get_i32(0) as u32
}

/// The JS function for import `index` (a free or static function).
pub fn function<'js>(ctx: &Ctx<'js>, index: u32) -> Result<Function<'js>> {
    let name = &state().schema.imports[index as usize].name;
    Function::new(ctx.clone(), move |ctx: Ctx<'js>, args: Rest<Value<'js>>| call(&ctx, index, args.0))?.with_name(name)
}

/// The error for calling `what` (an import, or a builtin that calls imports) while the
/// module's top level runs: at build time, where there are no imports to call.
pub fn at_top_level(ctx: &Ctx<'_>, what: &str) -> rquickjs::Error {
    Exception::throw_message(
        ctx,
        &format!(
            "cannot call {what} while the module's top level runs (ferry componentize pre-initialises it); call it from an exported function"
        ),
    )
}

/// How an error names argument `i` of `func`: `argument 1 of \`Blob.merge\``; `None` for a
/// method's `this` (argument 0), whose errors say what is wrong with it.
fn argument(st: &State, func: &Func, i: usize) -> Option<String> {
    let name = match func.kind {
        FuncKind::Method(r) | FuncKind::Static(r) => format!("{}.{}", st.resource_name(r), func.name),
        FuncKind::Constructor(r) => format!("new {}", st.resource_name(r)),
        _ => func.name.clone(),
    };
    match func.kind {
        FuncKind::Method(_) if i == 0 => None,
        FuncKind::Method(_) => Some(format!("argument {i} of `{name}`")),
        _ => Some(format!("argument {} of `{name}`", i + 1)),
    }
}

/// Calls import `index` with JS arguments (for a method, `this` first).
pub fn call<'js>(ctx: &Ctx<'js>, index: u32, args: Vec<Value<'js>>) -> Result<Value<'js>> {
    let st = state();
    let func = &st.schema.imports[index as usize];
    if st.initializing.get() {
        return Err(at_top_level(ctx, &format!("import `{}`", func.name)));
    }
    // A safe point to drop the handles of collected instances (no call is half made).
    crate::resources::drop_leaked();
    // Lower the arguments into memory laid out as a tuple; flat, unless too many.
    let (tuple, offsets) = st.layouts.tuple(&func.params);
    let area = Block { ptr: alloc_block(tuple.size, tuple.align), size: tuple.size, align: tuple.align };
    let mut lower = Lower::new(ctx, st);
    for (i, (ty, offset)) in func.params.iter().zip(&offsets).enumerate() {
        let arg = args.get(i).cloned().unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        if let Err(error) = lower.mem(*ty, &arg, area.ptr + offset) {
            free(area);
            return Err(lower.abort(error, argument(st, func, i).as_deref()));
        }
    }
    let mut flat = Vec::new();
    if tuple.flat.len() > MAX_FLAT_PARAMS {
        flat.push(u64::from(area.ptr));
    } else {
        for (ty, offset) in func.params.iter().zip(&offsets) {
            mem_to_flat(&st.schema.types, &st.layouts, *ty, area.ptr + offset, &mut flat);
        }
    }
    let result = func.result.map(|t| (t, st.layouts.get(t)));
    let return_area = match result {
        Some((_, layout)) if layout.flat.len() > 1 => {
            let ptr = alloc_block(layout.size, layout.align);
            flat.push(u64::from(ptr));
            Some(Block { ptr, size: layout.size, align: layout.align })
        }
        _ => None,
    };
    let allocs = lower.commit();
    for (slot, value) in flat.iter().enumerate() {
        SLOTS.set_i64(slot, *value as i64);
    }
    host::call_import(index);
    allocs.into_iter().for_each(free);
    free(area);

    let Some((ty, layout)) = result else { return Ok(Value::new_undefined(ctx.clone())) };
    let from = match return_area {
        Some(block) => block,
        None => {
            // One flat value: into memory, to be lifted like the rest.
            let block = Block { ptr: alloc_block(layout.size, layout.align), size: layout.size, align: layout.align };
            let raw = SLOTS.get_i64(0) as u64;
            crate::abi::flat_to_mem(&st.schema.types, &st.layouts, ty, &mut std::iter::once(raw), block.ptr);
            block
        }
    };
    let value = Lift::new(ctx, st).mem(ty, from.ptr);
    free(from);
    let value = value?;
    match st.schema.types[ty as usize] {
        Type::Result { .. } => unwrap_result(ctx, st, value),
        _ => Ok(value),
    }
}

/// An import's whole `result<T, E>`: `ok` gives `T`, `err` throws a `ComponentError` with
/// the `E` as its `payload`.
fn unwrap_result<'js>(ctx: &Ctx<'js>, st: &State, value: Value<'js>) -> Result<Value<'js>> {
    let Some(object) = value.as_object() else { return Ok(value) };
    let tag: String = object.get("tag")?;
    let val: Value = object.get("val")?;
    if tag == "ok" {
        return Ok(val);
    }
    let class = restore(ctx, &st.js().component_error);
    let error: Object = class.construct((val,))?;
    Err(ctx.throw(error.into_value()))
}
