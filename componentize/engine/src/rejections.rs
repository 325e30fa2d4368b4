//! Promise rejections that nothing handles, as Node treats them: an error. QuickJS tells a
//! tracker of each promise rejected while it has no handler, and of each handler added to
//! one later; the tracker keeps the unhandled ones in a JS `Map` (promise -> reason). Once an
//! export's jobs have run (or the top level's, at init), one still there is reported like an
//! uncaught exception.

use std::cell::{Cell, RefCell};

use rquickjs::function::{Args, This};
use rquickjs::{Ctx, Function, Object, Persistent, Runtime, Value};

thread_local! {
    static UNHANDLED: RefCell<Option<Persistent<Object<'static>>>> = const { RefCell::new(None) };
    /// Whether the map may hold a rejection: until one is tracked, every export call skips
    /// the map (the usual case, and a hot path).
    static MAYBE_UNHANDLED: Cell<bool> = const { Cell::new(false) };
}

/// Has `runtime` tell the tracker (outside `Context::with`: this locks the runtime).
pub fn track(runtime: &Runtime) {
    runtime.set_host_promise_rejection_tracker(Some(Box::new(|ctx, promise, reason, is_handled| {
        MAYBE_UNHANDLED.set(MAYBE_UNHANDLED.get() || !is_handled);
        // An error here (out of memory) would only lose the report; there is no one to tell.
        let _ = if is_handled { call(&ctx, "delete", &[promise]) } else { call(&ctx, "set", &[promise, reason]) };
    })));
}

/// Makes the map the tracker keeps; rejections before this are not tracked.
pub fn start(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let map: Object = ctx.eval("new Map()")?;
    UNHANDLED.set(Some(Persistent::save(ctx, map)));
    Ok(())
}

/// `promise` is handled after all: its rejection is the export's (or the top level's) result.
pub fn forget<'js>(ctx: &Ctx<'js>, promise: Value<'js>) {
    if MAYBE_UNHANDLED.get() {
        let _ = call(ctx, "delete", &[promise]);
    }
}

/// The reason of a rejection still unhandled, forgotten as it is taken.
pub fn take<'js>(ctx: &Ctx<'js>) -> Option<Value<'js>> {
    if !MAYBE_UNHANDLED.get() {
        return None;
    }
    let map = map(ctx)?;
    let entries: Function = map.get("entries").ok()?;
    let iterator: Object = entries.call((This(map.clone()),)).ok()?;
    let next: Function = iterator.get("next").ok()?;
    let step: Object = next.call((This(iterator),)).ok()?;
    if step.get::<_, bool>("done").unwrap_or(true) {
        MAYBE_UNHANDLED.set(false);
        return None;
    }
    let entry: rquickjs::Array = step.get("value").ok()?;
    let (promise, reason): (Value, Value) = (entry.get(0).ok()?, entry.get(1).ok()?);
    forget(ctx, promise);
    Some(reason)
}

fn map<'js>(ctx: &Ctx<'js>) -> Option<Object<'js>> {
    UNHANDLED.with_borrow(|map| map.clone().and_then(|m| m.restore(ctx).ok()))
}

/// `Map.prototype[method]` on the map, with `args` after it (`this`).
fn call<'js>(ctx: &Ctx<'js>, method: &str, args: &[Value<'js>]) -> rquickjs::Result<()> {
    let Some(map) = map(ctx) else { return Ok(()) };
    let function: Function = map.get(method)?;
    let mut call = Args::new(ctx.clone(), args.len());
    call.this(map)?;
    call.push_args(args.iter().cloned())?;
    function.call_arg::<()>(call)
}
