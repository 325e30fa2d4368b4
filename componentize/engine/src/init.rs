//! `ferry_init`: the one-time setup wizer snapshots. Decodes the schema, makes the runtime,
//! the builtins and the imports' modules and classes, evaluates the user's entry module (its
//! top-level `await` included) and finds every export in it.

use ferry_componentize_schema::Schema;
use rquickjs::{Context, Ctx, Runtime, Symbol};

use crate::errors::{describe, exception};
use crate::exports::{self, Settled};
use crate::memory::{Block, bytes, free};
use crate::modules::{self, Modules, Names};
use crate::rejections;
use crate::resources;
use crate::scrub::QuickJsHeap;
use crate::state::{Js, Named, State, install};

/// Runs init on the schema at `ptr..ptr+len` (from `cabi_realloc(0, 0, 1, len)`; freed
/// here). 0 on success; otherwise 1, after saying why on stderr. Call it inside
/// `scrub::while_initializing`, so that what it frees leaves the snapshot.
pub fn init(ptr: u32, len: u32) -> i32 {
    let schema = Schema::decode(bytes(ptr, len));
    free(Block { ptr, size: len, align: 1 });
    let mut schema = match schema {
        Ok(schema) => schema,
        Err(error) => return fail(&format!("ferry engine: the schema cannot be read: {error}")),
    };
    if schema.modules.is_empty() {
        return fail("ferry engine: the schema has no modules");
    }
    let started = Runtime::new_with_alloc(QuickJsHeap).and_then(|rt| Context::full(&rt).map(|cx| (rt, cx)));
    let (runtime, context) = match started {
        Ok(pair) => pair,
        Err(error) => return fail(&format!("ferry engine: cannot start QuickJS: {error}")),
    };
    runtime.set_loader(Names, Modules);
    rejections::track(&runtime);
    let builtins = context.with(|ctx| {
        rejections::start(&ctx)
            .and_then(|()| crate::builtins::init(&ctx, &schema))
            .map_err(|e| describe(&exception(&ctx, e)))
    });
    // QuickJS keeps what it needs of them.
    schema.builtins = Vec::new();
    if let Err(message) = builtins {
        return fail(&format!("ferry engine: installing the builtins failed: {message}"));
    }
    let entry = schema.modules[0].name.clone();
    let mut modules = Named::default();
    for module in std::mem::take(&mut schema.modules) {
        modules.insert(module.name, Some(module.text));
    }
    let st = install(State::new(runtime, context, schema, modules));
    let status = st.context.with(|ctx| match run(&ctx, st, &entry) {
        Ok(()) => 0,
        Err(message) => fail(&message),
    });
    st.initializing.set(false);
    // What init made and dropped goes now, while frees still zero.
    st.context.runtime().run_gc();
    status
}

fn fail(message: &str) -> i32 {
    eprintln!("{message}");
    1
}

fn run<'js>(ctx: &Ctx<'js>, st: &'static State, entry: &str) -> Result<(), String> {
    let js = make_js(ctx, st)
        .map_err(|e| format!("ferry engine: setting up the imports failed: {}", describe(&exception(ctx, e))))?;
    if st.js.set(js).is_err() {
        return Err("ferry engine: initialised twice".into());
    }
    let source = st.take_source(entry).unwrap_or_default();
    let thrown = |e| uncaught(entry, &exception(ctx, e));
    let (module, promise) = modules::declare(ctx, entry, source).and_then(|m| m.eval()).map_err(thrown)?;
    match exports::settle(ctx, promise.into_value()) {
        Settled::Value(_) => {}
        Settled::Thrown(error) => return Err(thrown(error)),
        Settled::Never => return Err(format!("the top level of {entry} awaits a promise that never settles")),
    }
    let namespace = module.namespace().map_err(thrown)?;
    let resolved = exports::resolve(ctx, st, entry, &namespace)?;
    if st.exports.set(resolved).is_err() {
        return Err("ferry engine: initialised twice".into());
    }
    while ctx.execute_pending_job() {}
    match rejections::take(ctx) {
        Some(reason) => Err(format!("Uncaught (in promise) {}", describe(&reason))),
        None => Ok(()),
    }
}

/// What the top level of `entry` (or of a module it imports) threw: an error with its stack,
/// which says where; anything else with the entry's name, as it carries no place.
fn uncaught(entry: &str, value: &rquickjs::Value<'_>) -> String {
    let has_stack = value
        .as_object()
        .and_then(|object| object.get::<_, Option<String>>("stack").ok().flatten())
        .is_some_and(|stack| !stack.trim().is_empty());
    match has_stack {
        true => describe(value),
        false => format!("evaluating {entry} threw {}", describe(value)),
    }
}

/// The JS values later calls use: `ComponentError` (also a global), the imported resources'
/// classes and the imports' modules.
fn make_js<'js>(ctx: &Ctx<'js>, st: &State) -> rquickjs::Result<Js> {
    let component_error: rquickjs::Constructor = ctx.eval(include_str!("js/component_error.js"))?;
    ctx.globals().set("ComponentError", component_error.clone())?;
    let mut imported = Vec::with_capacity(st.schema.resources.len());
    for (r, resource) in st.schema.resources.iter().enumerate() {
        imported.push(if resource.exported { None } else { Some(resources::imported_class(ctx, st, r as u32)?) });
    }
    let namespaces = modules::namespaces(ctx, st, &imported)?;
    Ok(Js {
        imported,
        component_error: rquickjs::Persistent::save(ctx, component_error),
        rep_key: rquickjs::Persistent::save(ctx, Symbol::with_description(ctx.clone(), "ferry.rep")?),
        namespaces,
    })
}
