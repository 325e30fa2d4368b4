//! The timers' natives and `run_next`, which the engine's event loop calls when no job is
//! left; the timers themselves are in `timers.js`, and the wait step is `timers.js`'s
//! `runNext`, or `pollables.js`'s when fetch is installed.

use std::cell::RefCell;
use std::time::Duration;

use rquickjs::{Ctx, Function, Object, Persistent, Value};

thread_local! {
    /// `runNext` of `timers.js`, or of `pollables.js` (which calls it when no pollable is
    /// waited for).
    static RUN_NEXT: RefCell<Option<Persistent<Function<'static>>>> = const { RefCell::new(None) };
}

pub fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("sleep", Function::new(ctx.clone(), sleep)?)?;
    Ok(())
}

pub fn init<'js>(ctx: &Ctx<'js>, run_next: Value<'js>) -> rquickjs::Result<()> {
    let run_next = Function::from_value(run_next)?;
    RUN_NEXT.set(Some(Persistent::save(ctx, run_next)));
    Ok(())
}

/// `sleep(ms)`: through preview 1 `poll_oneoff` (`std::thread::sleep`).
fn sleep(ms: f64) {
    if ms > 0.0 {
        std::thread::sleep(Duration::from_secs_f64(ms / 1e3));
    }
}

/// If a timer is pending (or, with `pollables.js`, a job waits for a pollable), waits until
/// the earliest is due and runs its callback (an interval is set again) or resolves the
/// ready pollables' promises; returns false if there is nothing to wait for. An exception
/// from the callback is uncaught: printed on stderr (`Uncaught ...` with its stack), then the
/// engine traps, as Node exits.
pub fn run_next(ctx: &Ctx<'_>) -> bool {
    let Some(run_next) = RUN_NEXT.with_borrow(Clone::clone) else { return false };
    match run_next.restore(ctx).and_then(|f| f.call(())) {
        Ok(ran) => ran,
        Err(error) => crate::errors::uncaught(ctx, error),
    }
}
