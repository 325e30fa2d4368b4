//! The world's exports: found in the JS module at init, run by `ferry_call(i)` with their
//! flat parameters in the slots, their results freed by `ferry_post_return(i)`.

use ferry_componentize_schema::{Func, FuncKind, ResourceId, Type};
use rquickjs::function::Args;
use rquickjs::promise::PromiseState;
use rquickjs::{Constructor, Ctx, Function, Object, Persistent, Promise, Result, Value};

use crate::abi::lift::Lift;
use crate::abi::lower::Lower;
use crate::abi::{flat_to_mem, mem_to_flat};
use crate::errors::{self, trap};
use crate::host::{MAX_FLAT_PARAMS, SLOTS};
use crate::memory::{Block, alloc_block, free};
use crate::rejections;
use crate::resources;
use crate::state::{State, restore, state};

/// What JS runs for an export.
pub enum Export {
    /// A function, called with `this` (the interface object, for an interface's function).
    Function { func: Persistent<Function<'static>>, this: Option<Persistent<Object<'static>>> },
    /// An exported resource's class: `new Class(...args)`.
    Constructor(Persistent<Constructor<'static>>),
    /// A method, looked up on the instance (its first parameter) when called.
    Method(String),
    /// Not called through `ferry_call` (a resource's destructor is found by its kind).
    None,
    /// An exported resource's class: what instances must be (the destructor's entry holds it
    /// too, so that `exported_class` finds every class).
    Class(ResourceId, Persistent<Constructor<'static>>),
}

/// Where the module's exports are found: JS names and what the world says they are.
fn describe(func: &Func, st: &State) -> String {
    match func.kind {
        FuncKind::Constructor(r) | FuncKind::Dtor(r) => format!("resource `{}`", st.resource_name(r)),
        FuncKind::Method(r) => format!("method `{}` of resource `{}`", func.name, st.resource_name(r)),
        FuncKind::Static(r) => format!("static function `{}` of resource `{}`", func.name, st.resource_name(r)),
        _ => format!("function `{}`", func.name),
    }
}

/// The value the module exports as `name` in `namespace` (an exported interface's object),
/// or why it cannot be found.
fn lookup<'js>(
    module: &str,
    exports: &Object<'js>,
    namespace: Option<&str>,
    name: &str,
    what: &str,
) -> std::result::Result<(Value<'js>, Option<Object<'js>>), String> {
    let get = |object: &Object<'js>, key: &str| {
        object.get::<_, Value>(key).map_err(|e| format!("{module}: reading export `{key}` failed: {e}"))
    };
    let Some(namespace) = namespace else {
        let value = get(exports, name)?;
        if value.is_undefined() {
            return Err(format!("{module} does not export `{name}` (the world exports {what})"));
        }
        return Ok((value, None));
    };
    let object = get(exports, namespace)?;
    let Some(object) = object.into_object() else {
        return Err(format!(
            "{module} does not export an object `{namespace}` (the world exports the interface `{namespace}`, with {what})"
        ));
    };
    let value = get(&object, name)?;
    if value.is_undefined() {
        return Err(format!(
            "{module}'s export `{namespace}` has no `{name}` (the world exports {what} in `{namespace}`)"
        ));
    }
    Ok((value, Some(object)))
}

fn class<'js>(
    module: &str,
    st: &State,
    exports: &Object<'js>,
    r: ResourceId,
) -> std::result::Result<Constructor<'js>, String> {
    let resource = &st.schema.resources[r as usize];
    let what = format!("resource `{}`", resource.name);
    let (value, _) = lookup(module, exports, resource.namespace.as_deref(), &resource.name, &what)?;
    match value.as_constructor() {
        Some(class) => Ok(class.clone()),
        None => Err(format!("{module}'s export `{}` is not a class (the world exports {what})", resource.name)),
    }
}

/// Finds every export in the entry module's `exports` (its namespace object).
pub fn resolve<'js>(
    ctx: &Ctx<'js>,
    st: &State,
    module: &str,
    exports: &Object<'js>,
) -> std::result::Result<Vec<Export>, String> {
    let mut resolved = Vec::with_capacity(st.schema.exports.len());
    for func in &st.schema.exports {
        let what = describe(func, st);
        let export = match func.kind {
            FuncKind::Free => {
                let (value, this) = lookup(module, exports, func.namespace.as_deref(), &func.name, &what)?;
                let Some(f) = value.as_function() else {
                    return Err(format!(
                        "{module}'s export `{}` is not a function (the world exports {what})",
                        func.name
                    ));
                };
                Export::Function {
                    func: Persistent::save(ctx, f.clone()),
                    this: this.map(|o| Persistent::save(ctx, o)),
                }
            }
            FuncKind::Constructor(r) => Export::Constructor(Persistent::save(ctx, class(module, st, exports, r)?)),
            FuncKind::Method(r) => {
                let class = class(module, st, exports, r)?;
                let prototype: Option<Object> = class.get("prototype").ok();
                let method = prototype.and_then(|p| p.get::<_, Value>(func.name.as_str()).ok());
                if !method.is_some_and(|m| m.is_function()) {
                    return Err(format!(
                        "class `{}` exported by {module} has no method `{}` (the world exports {what})",
                        st.resource_name(r),
                        func.name
                    ));
                }
                Export::Method(func.name.clone())
            }
            FuncKind::Static(r) => {
                let class = class(module, st, exports, r)?;
                let value: Value = class.get(func.name.as_str()).unwrap_or_else(|_| Value::new_undefined(ctx.clone()));
                let Some(f) = value.as_function() else {
                    return Err(format!(
                        "class `{}` exported by {module} has no static method `{}` (the world exports {what})",
                        st.resource_name(r),
                        func.name
                    ));
                };
                Export::Function {
                    func: Persistent::save(ctx, f.clone()),
                    this: class.into_value().into_object().map(|c| Persistent::save(ctx, c)),
                }
            }
            FuncKind::Dtor(r) => Export::Class(r, Persistent::save(ctx, class(module, st, exports, r)?)),
            _ => Export::None,
        };
        resolved.push(export);
    }
    // Exported resources with no functions of their own in the exports still need a class.
    for (r, resource) in st.schema.resources.iter().enumerate() {
        let r = r as ResourceId;
        let known = resolved.iter().any(|e| matches!(e, Export::Class(c, _) if *c == r));
        if resource.exported && !known {
            resolved.push(Export::Class(r, Persistent::save(ctx, class(module, st, exports, r)?)));
        }
    }
    Ok(resolved)
}

/// The class of exported resource `r`.
pub fn exported_class<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId) -> Constructor<'js> {
    let exports = st.exports.get().map(Vec::as_slice).unwrap_or_default();
    for export in exports {
        if let Export::Class(c, class) = export
            && *c == r
        {
            return restore(ctx, class);
        }
    }
    trap(&format!("ferry engine: no class for exported resource {}", st.resource_name(r)))
}

/// How a promise ended.
pub enum Settled<'js> {
    Value(Value<'js>),
    /// Rejected: the exception is pending.
    Thrown(rquickjs::Error),
    /// Nothing left that could settle it.
    Never,
}

/// `value`, or what it settles to if it is a thenable: runs the job queue, and when no job
/// is left waits for the next timer or pollable a job waits for (`timers::run_next`), until
/// it does.
pub fn settle<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> Settled<'js> {
    let thenable = value.as_object().is_some_and(|o| o.get::<_, Value>("then").is_ok_and(|t| t.is_function()));
    if !thenable {
        return Settled::Value(value);
    }
    let promise = match value.clone().into_promise() {
        Some(promise) => promise,
        None => match promise_resolve(ctx, value) {
            Ok(promise) => promise,
            Err(error) => return Settled::Thrown(error),
        },
    };
    loop {
        match promise.state() {
            PromiseState::Pending => {
                if !ctx.execute_pending_job() && !crate::builtins::timers::run_next(ctx) {
                    return Settled::Never;
                }
            }
            _ => {
                rejections::forget(ctx, promise.clone().into_value());
                return match promise.result::<Value>() {
                    Some(Ok(value)) => Settled::Value(value),
                    Some(Err(error)) => Settled::Thrown(error),
                    None => Settled::Never,
                };
            }
        }
    }
}

/// `Promise.resolve(value)`.
fn promise_resolve<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> Result<Promise<'js>> {
    let class: Object = ctx.globals().get("Promise")?;
    let resolve: Function = class.get("resolve")?;
    resolve.call((rquickjs::function::This(class), value))
}

/// `ferry_call(i)`: runs export `i`.
pub fn call(index: u32) {
    let st = state();
    if st.busy.replace(true) {
        match st.schema.exports[index as usize].kind {
            FuncKind::Dtor(_) if st.dropping_held.get() => {
                return resources::forget_handle(st, SLOTS.get_i32(0) as u32);
            }
            _ => trap("the component was entered while it was running an export (a re-entrant call)"),
        }
    }
    st.context.with(|ctx| run(&ctx, st, index as usize));
    st.busy.set(false);
}

fn run<'js>(ctx: &Ctx<'js>, st: &State, index: usize) {
    let func = &st.schema.exports[index];
    let exports = st.exports.get().expect("exports are resolved by init");
    if let FuncKind::Dtor(_) = func.kind {
        let rep = SLOTS.get_i32(0) as u32;
        if let Err(error) = resources::destroy(ctx, st, rep) {
            errors::uncaught(ctx, error);
        }
        return finish(ctx, st, index, Vec::new(), Vec::new(), &[]);
    }

    // The parameters: from the slots through memory, or from the memory slot 0 points to.
    let (tuple, offsets) = st.layouts.tuple(&func.params);
    let spilled = tuple.flat.len() > MAX_FLAT_PARAMS;
    let area = if spilled {
        Block { ptr: SLOTS.get_i32(0) as u32, size: tuple.size, align: tuple.align }
    } else {
        let ptr = alloc_block(tuple.size, tuple.align);
        let mut flat = (0..tuple.flat.len()).map(|slot| SLOTS.get_i64(slot) as u64);
        for (ty, offset) in func.params.iter().zip(&offsets) {
            flat_to_mem(&st.schema.types, &st.layouts, *ty, &mut flat, ptr + offset);
        }
        Block { ptr, size: tuple.size, align: tuple.align }
    };
    let mut lift = Lift::new(ctx, st);
    let mut args = Vec::with_capacity(func.params.len());
    for (ty, offset) in func.params.iter().zip(&offsets) {
        match lift.mem(*ty, area.ptr + offset) {
            Ok(value) => args.push(value),
            Err(error) => errors::uncaught(ctx, error),
        }
    }
    free(area);
    let borrows = lift.borrows;

    let returned = match &exports[index] {
        Export::Function { func: f, this } => {
            let mut call = Args::new(ctx.clone(), args.len());
            let this = this.as_ref().map(|t| restore(ctx, t).into_value());
            call.this(this.unwrap_or_else(|| Value::new_undefined(ctx.clone()))).and_then(|()| {
                call.push_args(args)?;
                restore(ctx, f).call_arg::<Value>(call)
            })
        }
        Export::Constructor(class) => {
            let mut call = Args::new(ctx.clone(), args.len());
            call.push_args(args).and_then(|()| call.construct::<Value>(&restore(ctx, class)))
        }
        Export::Method(name) => {
            let mut args = args.into_iter();
            let this = args.next().unwrap_or_else(|| Value::new_undefined(ctx.clone()));
            let method = this.as_object().map(|o| o.get::<_, Function>(name.as_str()));
            match method {
                Some(Ok(method)) => {
                    let rest: Vec<Value> = args.collect();
                    let mut call = Args::new(ctx.clone(), rest.len());
                    call.this(this).and_then(|()| {
                        call.push_args(rest)?;
                        method.call_arg::<Value>(call)
                    })
                }
                Some(Err(error)) => Err(error),
                None => trap(&format!("ferry engine: `{name}` called on a non-object")),
            }
        }
        Export::None | Export::Class(..) => trap("ferry engine: export index out of step with the schema"),
    };
    let settled = match returned {
        Ok(value) => settle(ctx, value),
        Err(error) => Settled::Thrown(error),
    };
    // A whole `result<T, E>`: returning gives `ok`, throwing gives `err` (the thrown value's
    // `payload`, or the value itself).
    let is_result = func.result.is_some_and(|t| matches!(st.schema.types[t as usize], Type::Result { .. }));
    // A command's `run` (`run.run`, as wasi:cli/run is exported) has an `err` without a
    // payload, which would lose a thrown Error's message: print it, as Node prints the error
    // that ends a program. (Other functions' `err`s are their callers' to report.)
    let is_command_run = func.name == "run" && func.namespace.as_deref() == Some("run");
    let returned = match settled {
        Settled::Value(value) if is_result => Returned::Case(0, value),
        Settled::Value(value) => Returned::Value(value),
        Settled::Thrown(error) if is_result => {
            let thrown = errors::exception(ctx, error);
            let with_payload = thrown.as_object().filter(|o| o.contains_key("payload").unwrap_or(false));
            if is_command_run && thrown.is_error() {
                eprintln!("{}", errors::describe(&thrown));
            }
            let payload = with_payload.map(|o| o.get::<_, Value>("payload")).unwrap_or_else(|| Ok(thrown.clone()));
            match payload.and_then(|p| lower_result(ctx, st, func, Returned::Case(1, p))) {
                Ok(lowered) => return finish(ctx, st, index, lowered.0, lowered.1, &borrows),
                Err(_) => {
                    ctx.catch();
                    errors::trap(&format!("Uncaught {}", errors::describe(&thrown)))
                }
            }
        }
        Settled::Thrown(error) => errors::uncaught(ctx, error),
        Settled::Never => trap(&format!("the promise returned by `{}` never settles", func.name)),
    };
    match lower_result(ctx, st, func, returned) {
        Ok((flat, allocs)) => finish(ctx, st, index, flat, allocs, &borrows),
        Err(error) => errors::uncaught(ctx, error),
    }
}

/// What an export gives back: its value, or, for a whole `result`, the payload of its case
/// (0: `ok`, returned; 1: `err`, thrown).
enum Returned<'js> {
    Value(Value<'js>),
    Case(usize, Value<'js>),
}

/// Lowers an export's result: its flat value, or a pointer to a return area holding it,
/// with what was allocated for it.
fn lower_result<'js>(ctx: &Ctx<'js>, st: &State, func: &Func, returned: Returned<'js>) -> Result<(Vec<u64>, Vec<Block>)> {
    let Some(ty) = func.result else { return Ok((Vec::new(), Vec::new())) };
    let layout = st.layouts.get(ty);
    let area = Block { ptr: alloc_block(layout.size, layout.align), size: layout.size, align: layout.align };
    let mut lower = Lower::new(ctx, st);
    let lowered = match &returned {
        Returned::Value(value) => lower.mem(ty, value, area.ptr),
        Returned::Case(case, payload) => lower.result_case(ty, *case, payload, area.ptr),
    };
    if let Err(error) = lowered {
        free(area);
        let what = match returned {
            Returned::Case(1, _) => format!("the error `{}` threw", func.name),
            _ => format!("the value `{}` returned", func.name),
        };
        return Err(lower.abort(error, Some(&what)));
    }
    let mut allocs = lower.commit();
    if layout.flat.len() > 1 {
        allocs.push(area);
        Ok((vec![u64::from(area.ptr)], allocs))
    } else {
        let mut flat = Vec::with_capacity(1);
        mem_to_flat(&st.schema.types, &st.layouts, ty, area.ptr, &mut flat);
        free(area);
        Ok((flat, allocs))
    }
}

/// The end of an export call: borrows ended, leaked handles dropped, queued jobs run (all of
/// which may call imports, so before the result goes into the slots), the result stored.
fn finish<'js>(
    ctx: &Ctx<'js>,
    st: &State,
    index: usize,
    flat: Vec<u64>,
    allocs: Vec<Block>,
    borrows: &[rquickjs::Class<'js, resources::Handle>],
) {
    while ctx.execute_pending_job() {}
    if let Some(reason) = rejections::take(ctx) {
        errors::trap(&format!("Uncaught (in promise) {}", errors::describe(&reason)));
    }
    for borrow in borrows {
        resources::end_borrow(st, borrow);
    }
    resources::drop_leaked();
    if let Err(error) = resources::drop_held(ctx, st) {
        errors::uncaught(ctx, error);
    }
    st.post_return.borrow_mut()[index] = allocs;
    for (slot, value) in flat.iter().enumerate() {
        SLOTS.set_i64(slot, *value as i64);
    }
}

/// `ferry_post_return(i)`: frees what the last call of export `i` returned.
pub fn post_return(index: u32) {
    let st = state();
    let allocs = std::mem::take(&mut st.post_return.borrow_mut()[index as usize]);
    allocs.into_iter().for_each(free);
}
