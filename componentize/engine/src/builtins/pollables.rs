//! The native of `pollables.js`: the world's wasi:io/poll and monotonic-clock imports as JS
//! sees them, to wait for pollables and timers with one `poll`.

use rquickjs::{Ctx, Exception, Function, Object, Result, Value};

use crate::modules;
use crate::state::state;

pub fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("pollImports", Function::new(ctx.clone(), poll_imports)?)?;
    Ok(())
}

/// `pollImports()`: `{ poll, subscribeDuration }`, wasi:io/poll's `poll` and
/// wasi:clocks/monotonic-clock's `subscribeDuration` as the world's import modules have them
/// (the second undefined without the clock: then no timer can be pending).
fn poll_imports(ctx: Ctx<'_>) -> Result<Object<'_>> {
    let st = state();
    let Some(poll) = modules::namespace(&ctx, st, "wasi:io/poll") else {
        return Err(Exception::throw_message(&ctx, "ferry engine: the world has no wasi:io/poll"));
    };
    let found = Object::new(ctx.clone())?;
    found.set("poll", poll.get::<_, Value>("poll")?)?;
    if let Some(clock) = modules::namespace(&ctx, st, "wasi:clocks/monotonic-clock") {
        found.set("subscribeDuration", clock.get::<_, Value>("subscribeDuration")?)?;
    }
    Ok(found)
}
