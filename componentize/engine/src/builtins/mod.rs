//! The globals every program gets, installed by `init` before the user's code runs (and so in
//! the snapshot): `console`, `TextEncoder`/`TextDecoder`, timers and `queueMicrotask`,
//! `crypto`, `performance`, `fetch` with `Request`, `Response` and `Headers`, and a
//! `Math.random` seeded at run time.
//!
//! Each builtin is a small JS file (the API surface, evaluated once at pre-initialisation,
//! so parsed at componentize time) over a few Rust functions in its `.rs` twin, passed to it
//! as `native`. The JS is not built into the engine: the host sends it in the schema
//! (`componentize/src/builtin_sources.rs`), and `init` frees it once evaluated. The WASI
//! they use goes through preview 1 (`wasi_p1`), except wasi:http, which has none: `fetch`
//! calls the world's imports as user code does (see `fetch.rs`). Whether a builtin is
//! available follows the world's imports, the same at init as at run time: one
//! whose WASI interface is missing, or turned off with `--disable`, throws an Error naming it
//! when used.

mod console;
mod crypto;
mod encoding;
mod fetch;
mod performance;
mod pollables;
pub mod timers;
mod utf8;

use ferry_componentize_schema::{Schema, disabled};
use rquickjs::context::EvalOptions;
use rquickjs::{Ctx, Function, Object, Value};

use crate::wasi_p1::{self, Imports};

pub fn init(ctx: &Ctx<'_>, schema: &Schema) -> rquickjs::Result<()> {
    let imports = wasi_p1::init(schema);
    let native = Object::new(ctx.clone())?;
    native.set("unavailable", unavailable(ctx, schema, &imports)?)?;
    console::add_natives(ctx, &native)?;
    encoding::add_natives(ctx, &native)?;
    performance::add_natives(ctx, &native)?;
    timers::add_natives(ctx, &native)?;
    crypto::add_natives(ctx, &native)?;
    fetch::add_natives(ctx, &native)?;
    pollables::add_natives(ctx, &native)?;
    // Shared between the builtins' JS: `inspect`, `uncaught`, `unavailableMessage`, `timers`,
    // `whenReady`, `Headers`.
    let internal = Object::new(ctx.clone())?;
    // Each file is a function expression of (native, internal). QuickJS keeps the source of
    // every function for `toString` (tried: compiling without it, by writing the bytecode
    // stripped and reading it back, leaves the snapshot as big, the parse's freed memory in it).
    // The JS comes in the schema (`Schema::builtins`), by name.
    let run = |name: &str| -> rquickjs::Result<Value<'_>> {
        let Some(source) = schema.builtins.iter().find(|m| m.name == name) else {
            return Err(rquickjs::Exception::throw_message(ctx, &format!("the schema lacks the builtin `{name}`")));
        };
        let mut options = EvalOptions::default();
        options.global = true;
        options.strict = true;
        options.filename = Some(format!("ferry:{name}"));
        let install: Function = ctx.eval_with_options(source.text.as_str(), options)?;
        install.call((native.clone(), internal.clone()))
    };
    run("console")?;
    run("encoding")?;
    run("performance")?;
    timers::init(ctx, run("timers")?)?;
    run("crypto")?;
    // Only a program that uses the http group has it (the world then imports wasi:http): it
    // costs the snapshot some 37 KB.
    let why: Object = native.get("unavailable")?;
    if why.contains_key("http")? {
        run("http_unavailable")?;
    } else {
        // fetch waits for pollables along with the timers: the event loop's wait step is
        // `pollables.js`'s, which calls the timers' own when no pollable is waited for.
        timers::init(ctx, run("pollables")?)?;
        run("headers")?;
        run("fetch")?;
    }
    if why.contains_key("wallClock")? {
        run("date_unavailable")?;
    }
    if imports.random() && schema.disabled & disabled::RANDOM == 0 {
        crypto::replace_math_random(ctx)?;
    }
    Ok(())
}

/// Why each capability is unavailable, for the JS to throw: `--disable <flag>`, or the WASI
/// interface the world lacks; no property if it is available.
fn unavailable<'js>(ctx: &Ctx<'js>, schema: &Schema, imports: &Imports) -> rquickjs::Result<Object<'js>> {
    let off = schema.disabled;
    let why = Object::new(ctx.clone())?;
    let set = |name: &str, (flag, bit): (&str, u32), missing: Option<&str>| match missing {
        _ if off & bit != 0 => why.set(name, format!("--disable {flag}")),
        Some(interface) => why.set(name, interface),
        None => Ok(()),
    };
    let missing = |present: bool, interface| (!present).then_some(interface);
    let stdio = ("stdio", disabled::STDIO);
    let clocks = ("clocks", disabled::CLOCKS);
    let monotonic_clock = missing(imports.monotonic_clock(), "wasi:clocks/monotonic-clock");
    set("stdout", stdio, missing(imports.stdout(), "wasi:cli/stdout"))?;
    set("stderr", stdio, missing(imports.stderr(), "wasi:cli/stderr"))?;
    set("monotonicClock", clocks, monotonic_clock)?;
    set("wallClock", clocks, missing(imports.wall_clock(), "wasi:clocks/wall-clock"))?;
    set("timers", clocks, monotonic_clock.or(missing(imports.sleep(), "wasi:io/poll")))?;
    set("random", ("random", disabled::RANDOM), missing(imports.random(), "wasi:random/random"))?;
    set("http", ("http", disabled::HTTP), missing(fetch::available(schema), "wasi:http/outgoing-handler"))?;
    Ok(why)
}

