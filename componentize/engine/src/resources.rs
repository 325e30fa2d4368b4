//! Resources in JS. An imported resource is a class the engine makes: each instance holds a
//! handle (in a native cell JS cannot see), its methods call the imports, and
//! `[Symbol.dispose]()` drops the handle. An exported resource is the user's class: the engine
//! keeps each instance it hands out in a table under a `rep` the host sees.
//!
//! Handles of the component's own resources that come to it (an `own<R>` parameter of an
//! export, the result of an import, or one the engine made to pass an instance to an import
//! as `borrow<R>`) are held by the instance's table entry during the export call: returned as
//! `own<R>`, the instance gives that handle back. When the export call ends the engine drops
//! the ones left; the canonical ABI then calls the destructor export (re-entrantly), which
//! only counts the handle gone: JS still has the instance, so it is not disposed of, and once
//! no handle is left it leaves the table.

use std::cell::{Cell, RefCell};

use ferry_componentize_schema::{FuncKind, ResourceId};
use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::function::{Rest, This};
use rquickjs::{Class, Constructor, Ctx, Exception, Function, JsLifetime, Object, Persistent, Result, Symbol, Value};

use crate::errors::trap;
use crate::imports;
use crate::state::{State, restore, state};

/// The native data of an instance of an imported resource's class.
pub struct Handle {
    resource: ResourceId,
    /// `None` once dropped, or moved into a call.
    handle: Cell<Option<u32>>,
    /// A borrow an export was given: dropped when the export returns, never moved.
    borrowed: bool,
}

unsafe impl<'js> JsLifetime<'js> for Handle {
    type Changed<'to> = Handle;
}

impl<'js> Trace<'js> for Handle {
    fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
}

impl<'js> JsClass<'js> for Handle {
    const NAME: &'static str = "ResourceHandle";
    type Mutable = Readable;

    fn prototype(_ctx: &Ctx<'js>) -> Result<Option<Object<'js>>> {
        Ok(None)
    }

    fn constructor(_ctx: &Ctx<'js>) -> Result<Option<Constructor<'js>>> {
        Ok(None)
    }
}

thread_local! {
    /// Owned handles whose instances were garbage-collected undisposed; dropped before the
    /// next import call or at the end of the export call (not from the collector: a drop is a
    /// host call, which could land in the middle of another one).
    static LEAKED: RefCell<Vec<(ResourceId, u32)>> = const { RefCell::new(Vec::new()) };
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let (false, Some(handle)) = (self.borrowed, self.handle.get()) {
            LEAKED.with(|leaked| leaked.borrow_mut().push((self.resource, handle)));
        }
    }
}

/// Drops the handles of collected instances (see `LEAKED`).
pub fn drop_leaked() {
    let leaked = LEAKED.with(|leaked| std::mem::take(&mut *leaked.borrow_mut()));
    for (resource, handle) in leaked {
        drop_handle(state(), resource, handle);
    }
}

fn drop_handle(st: &State, resource: ResourceId, handle: u32) {
    if let Some(drop) = st.resource_fns[resource as usize].drop {
        imports::call_raw(drop, &[handle]);
    }
}

/// An imported resource's class and the prototype its instances get.
pub struct ImportedClass {
    pub class: Persistent<Constructor<'static>>,
    pub prototype: Persistent<Object<'static>>,
}

/// Makes the class of imported resource `r`: its constructor (if the world imports one),
/// methods and static functions call the imports.
pub fn imported_class<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId) -> Result<ImportedClass> {
    let name = st.resource_name(r).to_string();
    let prototype = Object::new(ctx.clone())?;
    let constructor = st.schema.imports.iter().position(|f| f.kind == FuncKind::Constructor(r));
    let class_name = name.clone();
    let class = Constructor::new_prototype(ctx, prototype.clone(), move |ctx: Ctx<'js>, args: Rest<Value<'js>>| {
        match constructor {
            Some(index) => imports::call(&ctx, index as u32, args.0),
            None => Err(Exception::throw_type(
                &ctx,
                &format!("{class_name} has no constructor: its instances come from the functions that return them"),
            )),
        }
    })?;
    class.set_name(&name)?;
    for (index, func) in st.schema.imports.iter().enumerate() {
        let index = index as u32;
        match func.kind {
            FuncKind::Method(owner) if owner == r => {
                let method = Function::new(
                    ctx.clone(),
                    move |ctx: Ctx<'js>, this: This<Value<'js>>, args: Rest<Value<'js>>| {
                        let mut all = Vec::with_capacity(args.0.len() + 1);
                        all.push(this.0);
                        all.extend(args.0);
                        imports::call(&ctx, index, all)
                    },
                )?
                .with_name(&func.name)?;
                prototype.set(func.name.as_str(), method)?;
            }
            FuncKind::Static(owner) if owner == r => {
                class.set(func.name.as_str(), imports::function(ctx, index)?)?;
            }
            _ => {}
        }
    }
    let dispose = Function::new(ctx.clone(), |ctx: Ctx<'js>, this: This<Value<'js>>| dispose(&ctx, this.0))?
        .with_name("[Symbol.dispose]")?;
    prototype.set(symbol_dispose(ctx)?, dispose)?;
    Ok(ImportedClass { class: Persistent::save(ctx, class), prototype: Persistent::save(ctx, prototype) })
}

pub fn symbol_dispose<'js>(ctx: &Ctx<'js>) -> Result<Symbol<'js>> {
    ctx.globals().get::<_, Object>("Symbol")?.get("dispose")
}

/// `[Symbol.dispose]()` of an imported resource's instance: drops its handle, once.
fn dispose<'js>(ctx: &Ctx<'js>, this: Value<'js>) -> Result<()> {
    let Some(cell) = this.as_object().and_then(Class::<Handle>::from_object) else {
        return Err(Exception::throw_type(ctx, "[Symbol.dispose] called on an object that is not a resource"));
    };
    let data = cell.borrow();
    if let Some(handle) = data.handle.take() {
        drop_handle(state(), data.resource, handle);
    }
    Ok(())
}

/// An instance of imported resource `r` for `handle` (lifted from the host).
pub fn wrap<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId, handle: u32, borrowed: bool) -> Result<Class<'js, Handle>> {
    let Some(class) = &st.js().imported[r as usize] else {
        trap(&format!("ferry engine: no class for imported resource {}", st.resource_name(r)))
    };
    let prototype = restore(ctx, &class.prototype);
    Class::instance_proto(Handle { resource: r, handle: Cell::new(Some(handle)), borrowed }, prototype)
}

/// Ends the borrow an export was given (when it returns), unless JS disposed of it already.
pub fn end_borrow(st: &State, instance: &Class<'_, Handle>) {
    let data = instance.borrow();
    if let Some(handle) = data.handle.take() {
        drop_handle(st, data.resource, handle);
    }
}

/// The handle of an instance of imported resource `r` that JS passes to a call. `own`: the
/// handle moves into the call, and the instance is dead once `commit` runs.
pub fn imported_handle<'js>(
    ctx: &Ctx<'js>,
    st: &State,
    r: ResourceId,
    value: &Value<'js>,
    own: bool,
) -> Result<(u32, Option<Class<'js, Handle>>)> {
    let name = st.resource_name(r);
    let instance = value.as_object().and_then(Class::<Handle>::from_object);
    let Some(instance) = instance.filter(|i| i.borrow().resource == r) else {
        return Err(Exception::throw_type(ctx, &format!("expected a {name}, got {}", crate::abi::lower::what(value))));
    };
    let data = instance.borrow();
    let Some(handle) = data.handle.get() else {
        return Err(Exception::throw_type(
            ctx,
            &format!("this {name} was dropped (disposed of, or passed on as owned)"),
        ));
    };
    if own && data.borrowed {
        return Err(Exception::throw_type(ctx, &format!("this {name} is borrowed: it cannot be passed on as owned")));
    }
    drop(data);
    Ok((handle, own.then_some(instance)))
}

/// Marks an instance whose handle moved into a call as dead.
pub fn moved(instance: &Class<'_, Handle>) {
    instance.borrow().handle.set(None);
}

/// An instance of an exported resource the host holds handles to, by `rep`.
struct Entry {
    object: Persistent<Object<'static>>,
    resource: ResourceId,
    /// Owning handles made for it and not yet destroyed (the destructor export counts down).
    handles: u32,
    /// A handle of the engine's own it can hand out again instead of making a new one.
    held: Option<u32>,
}

/// The table of the instances of exported resources the host can name: a slab, a rep is an
/// index plus one (never 0).
#[derive(Default)]
pub struct Exported {
    entries: Vec<Option<Entry>>,
    /// Indices of the empty entries.
    free: Vec<usize>,
}

impl Exported {
    fn get(&self, rep: u32) -> Option<&Entry> {
        self.entries.get((rep as usize).wrapping_sub(1))?.as_ref()
    }

    fn get_mut(&mut self, rep: u32) -> Option<&mut Entry> {
        self.entries.get_mut((rep as usize).wrapping_sub(1))?.as_mut()
    }

    fn remove(&mut self, rep: u32) -> Option<Entry> {
        let index = (rep as usize).wrapping_sub(1);
        let entry = self.entries.get_mut(index)?.take()?;
        self.free.push(index);
        Some(entry)
    }

    fn insert(&mut self, entry: Entry) -> u32 {
        let index = match self.free.pop() {
            Some(index) => index,
            None => {
                self.entries.push(None);
                self.entries.len() - 1
            }
        };
        self.entries[index] = Some(entry);
        index as u32 + 1
    }
}

fn rep_of<'js>(ctx: &Ctx<'js>, st: &State, object: &Object<'js>) -> Result<Option<u32>> {
    object.get(restore(ctx, &st.js().rep_key))
}

/// Checks `value` is an instance of exported resource `r`'s class and gives it a rep (a
/// table entry) if it has none.
fn enter<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId, value: &Value<'js>) -> Result<u32> {
    let class = crate::exports::exported_class(ctx, st, r);
    let object = match value.as_object() {
        Some(object) if object.is_instance_of(&class) => object,
        _ => {
            let name = st.resource_name(r);
            return Err(Exception::throw_type(
                ctx,
                &format!("expected a {name}, got {}", crate::abi::lower::what(value)),
            ));
        }
    };
    if let Some(rep) = rep_of(ctx, st, object)?
        && st.exported.borrow().get(rep).is_some()
    {
        return Ok(rep);
    }
    let entry = Entry { object: Persistent::save(ctx, object.clone()), resource: r, handles: 0, held: None };
    let rep = st.exported.borrow_mut().insert(entry);
    object.set(restore(ctx, &st.js().rep_key), rep)?;
    Ok(rep)
}

fn new_handle(st: &State, r: ResourceId, rep: u32) -> u32 {
    let Some(new) = st.resource_fns[r as usize].new else {
        trap(&format!("ferry engine: no [resource-new] for {}", st.resource_name(r)))
    };
    let handle = imports::call_raw(new, &[rep]);
    if let Some(entry) = st.exported.borrow_mut().get_mut(rep) {
        entry.handles += 1;
    }
    handle
}

/// An instance of exported resource `r` passed as `own<R>`: a handle the receiver owns.
pub fn exported_own<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId, value: &Value<'js>) -> Result<u32> {
    let rep = enter(ctx, st, r, value)?;
    let held = st.exported.borrow_mut().get_mut(rep).and_then(|e| e.held.take());
    Ok(held.unwrap_or_else(|| new_handle(st, r, rep)))
}

/// An instance of exported resource `r` passed to an import as `borrow<R>`: a handle the
/// engine keeps.
pub fn exported_borrow<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId, value: &Value<'js>) -> Result<u32> {
    let rep = enter(ctx, st, r, value)?;
    let held = st.exported.borrow().get(rep).and_then(|e| e.held);
    Ok(match held {
        Some(handle) => handle,
        None => {
            let handle = new_handle(st, r, rep);
            if let Some(entry) = st.exported.borrow_mut().get_mut(rep) {
                entry.held = Some(handle);
            }
            handle
        }
    })
}

fn instance<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId, rep: u32) -> Value<'js> {
    match st.exported.borrow().get(rep) {
        Some(entry) => restore(ctx, &entry.object).into_value(),
        None => {
            trap(&format!("no {} has rep {rep} (the host passed a rep the engine never made)", st.resource_name(r)))
        }
    }
}

/// A borrow of exported resource `r` given to an export: the rep itself.
pub fn lift_exported_borrow<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId, rep: u32) -> Value<'js> {
    instance(ctx, st, r, rep)
}

/// An owned handle of exported resource `r` coming back: the engine keeps it (see the module
/// docs) and gives JS the instance.
pub fn lift_exported_own<'js>(ctx: &Ctx<'js>, st: &State, r: ResourceId, handle: u32) -> Value<'js> {
    let Some(rep_fn) = st.resource_fns[r as usize].rep else {
        trap(&format!("ferry engine: no [resource-rep] for {}", st.resource_name(r)))
    };
    let rep = imports::call_raw(rep_fn, &[handle]);
    let value = instance(ctx, st, r, rep);
    let old = st.exported.borrow_mut().get_mut(rep).and_then(|e| e.held.replace(handle));
    if let Some(old) = old {
        drop_own(st, r, old);
    }
    value
}

/// Drops the handles the engine holds (see the module docs), at the end of an export call.
pub fn drop_held<'js>(ctx: &Ctx<'js>, st: &State) -> Result<()> {
    let held: Vec<(u32, u32)> = st
        .exported
        .borrow_mut()
        .entries
        .iter_mut()
        .enumerate()
        .filter_map(|(i, e)| Some((i as u32 + 1, e.as_mut()?.held.take()?)))
        .collect();
    for (rep, handle) in held {
        let Some(r) = st.exported.borrow().get(rep).map(|e| e.resource) else { continue };
        drop_own(st, r, handle);
        let gone = st.exported.borrow().get(rep).is_some_and(|e| e.handles == 0);
        if gone {
            let entry = st.exported.borrow_mut().remove(rep).expect("just found");
            restore(ctx, &entry.object).remove(restore(ctx, &st.js().rep_key))?;
        }
    }
    Ok(())
}

/// Drops a handle of the engine's own resource `r` that it holds; the destructor export runs
/// re-entrantly (see `forget_handle`).
fn drop_own(st: &State, r: ResourceId, handle: u32) {
    if let Some(drop) = st.resource_fns[r as usize].drop {
        st.dropping_held.set(true);
        imports::call_raw(drop, &[handle]);
        st.dropping_held.set(false);
    }
}

/// The destructor export, called re-entrantly for a handle `drop_held` drops: one handle
/// fewer, nothing else (JS still has the instance).
pub fn forget_handle(st: &State, rep: u32) {
    if let Some(entry) = st.exported.borrow_mut().get_mut(rep) {
        entry.handles = entry.handles.saturating_sub(1);
    }
}

/// The destructor export of exported resource `r`: one handle of `rep` is gone; when none is
/// left the instance leaves the table and its `[Symbol.dispose]()` runs, if it has one.
pub fn destroy<'js>(ctx: &Ctx<'js>, st: &State, rep: u32) -> Result<()> {
    let object = {
        let mut table = st.exported.borrow_mut();
        let Some(entry) = table.get_mut(rep) else { return Ok(()) };
        entry.handles = entry.handles.saturating_sub(1);
        if entry.handles > 0 || entry.held.is_some() {
            return Ok(());
        }
        let entry = table.remove(rep).expect("just found");
        restore(ctx, &entry.object)
    };
    object.remove(restore(ctx, &st.js().rep_key))?;
    let dispose: Value = object.get(symbol_dispose(ctx)?)?;
    if let Some(dispose) = dispose.as_function() {
        dispose.call::<_, ()>((This(object.clone()),))?;
    }
    Ok(())
}
