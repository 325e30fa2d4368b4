//! The clock of `performance` and the timers: milliseconds on the monotonic clock since the
//! time origin, which is the first reading at run time. A reading while the engine is
//! pre-initialised starts an origin of its own, which the first run-time reading replaces:
//! the snapshot's clock and the running component's have nothing in common.

use std::cell::Cell;

use rquickjs::{Ctx, Function, Object};

use crate::wasi_p1::{self, p1};

/// The origin: whether it was taken at run time, its monotonic and wall-clock times (ns).
#[derive(Clone, Copy)]
struct Origin {
    run_time: bool,
    monotonic: u64,
    wall: u64,
}

thread_local! {
    static ORIGIN: Cell<Option<Origin>> = const { Cell::new(None) };
}

pub fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("now", Function::new(ctx.clone(), now)?)?;
    native.set("timeOrigin", Function::new(ctx.clone(), time_origin)?)?;
    Ok(())
}

fn origin() -> Origin {
    let run_time = wasi_p1::at_run_time();
    match ORIGIN.get() {
        Some(origin) if origin.run_time == run_time => origin,
        _ => {
            let origin = Origin { run_time, monotonic: p1::monotonic_ns(), wall: p1::realtime_ns() };
            ORIGIN.set(Some(origin));
            origin
        }
    }
}

/// Milliseconds since the time origin.
pub fn now() -> f64 {
    let origin = origin();
    p1::monotonic_ns().saturating_sub(origin.monotonic) as f64 / 1e6
}

/// The time origin in milliseconds since the Unix epoch.
fn time_origin() -> f64 {
    origin().wall as f64 / 1e6
}
