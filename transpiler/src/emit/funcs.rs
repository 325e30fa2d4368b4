//! The JS functions of a module: export wrappers (JS calls a lifted function), trampolines
//! that core code calls (host imports, adapters between inner components, builtins).

use super::code::Body;
use super::values::{Cx, FlatIn, Gen};
use super::Emitter;
use crate::abi::{self, Flat, MAX_FLAT_ASYNC_PARAMS, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS};
use crate::model::{FuncType, ResourceKey, TypeDef, ValType};
use crate::names::{js_string, lower_camel, lower_camel_property, FuncName};
use crate::plan::{HostFunc, Lifted, RuntimeBuiltin, RuntimeResource, Trampoline};

/// What entering an instance for a call must take care of.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// JS arguments are checked inside (their lowering has effects): a `TypeError` before
    /// the core call leaves the instance usable.
    checks_inside: bool,
    /// The call may lend handles to the instance: their count starts at 0.
    resets_borrows: bool,
    /// Owned handles moved in from JS are given back if the call fails before the core call.
    undoes_moves: bool,
}

/// Who is on the other side of a call's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Peer {
    /// Another component instance (an adapter).
    Component,
    /// JS calling an export.
    JsCaller,
    /// A JS function called by the component.
    JsCallee,
}

/// How an export wrapper is declared: a function, or a member of a resource class.
pub struct WrapperForm {
    /// What precedes the parameter list: `function doIt`, `constructor`, `static make`, `getX`.
    pub head: String,
    /// The name error messages use: `doIt`, `new Point`, `Point.getX`.
    pub display: String,
    /// The first parameter is `this` (a method's `self`).
    pub method: bool,
}

/// What a function does when its whole result is a `result`: exports return `ok` or throw a
/// `ComponentError`; host imports return `ok` or throw.
fn whole_result(ty: &FuncType, types: &crate::model::TypeTable) -> bool {
    matches!(ty.result.and_then(|t| types.def(t)), Some(TypeDef::Result(..)))
}

/// Whether lowering a value of `ty` has effects, so must happen inside the call's `try`:
/// `realloc` calls (strings and lists live in memory), handles added to a table.
fn lowering_has_effects(types: &crate::model::TypeTable, ty: ValType) -> bool {
    types.contains(ty, &|t, def| {
        t == ValType::String || matches!(def, Some(TypeDef::List(_) | TypeDef::Map(..) | TypeDef::Own(_) | TypeDef::Borrow(_)))
    })
}

/// The flat core params of `ty`, or `None` if there are more than `max` (they go in memory).
fn flat_params(types: &crate::model::TypeTable, ty: &FuncType, max: usize) -> Option<Vec<Flat>> {
    abi::flatten(types, ty.params.iter().map(|p| p.1), max)
}

/// The flat core results of `ty`, or `None` if there are more than `max` (they go in memory).
fn flat_results(types: &crate::model::TypeTable, ty: &FuncType, max: usize) -> Option<Vec<Flat>> {
    abi::flatten(types, ty.result, max)
}

/// The params of `ty` as one tuple type, for when they are passed in memory: its size, its
/// alignment and each param's offset.
fn params_layout(types: &crate::model::TypeTable, ty: &FuncType) -> (u64, u32, Vec<u64>) {
    let tys = ty.params.iter().map(|p| p.1);
    let offsets = abi::field_offsets(types, tys.clone());
    let align = tys.clone().map(|t| abi::align(types, t)).max().unwrap_or(1);
    let end = ty.params.iter().zip(&offsets).map(|(p, o)| o + u64::from(abi::size(types, p.1))).max().unwrap_or(0);
    (end.next_multiple_of(u64::from(align)), align, offsets)
}

impl Emitter<'_> {
    fn values(&mut self) -> Gen<'_> {
        Gen {
            types: &self.model.types,
            resources: &self.plan.resources,
            classes: &self.classes,
            helpers: &mut self.helpers,
            shared: &mut self.shared,
            state: &mut self.state,
        }
    }

    /// Lowers JS values `args` (one per param) into `cx`; returns the core arguments.
    fn lower_params(&mut self, b: &mut Body, cx: &Cx, ty: &FuncType, args: &[String], wh: &[Option<String>]) -> Vec<String> {
        let types = &self.model.types;
        if flat_params(types, ty, MAX_FLAT_PARAMS).is_some() {
            let mut out = Vec::new();
            for (i, (_, t)) in ty.params.iter().enumerate() {
                let flats = self.values().lower_flat(b, cx, *t, &args[i], wh[i].as_deref());
                out.extend(flats.into_iter().map(|f| f.0));
            }
            return out;
        }
        let (size, align, offsets) = params_layout(types, ty);
        self.helpers.use_helper("alloc");
        let ptr = b.tmp("params");
        b.line(format!("const {ptr} = alloc({}, {}, {align}, {size});", cx.realloc.as_deref().unwrap_or("undefined"), cx.memory.as_deref().unwrap_or("undefined")));
        for (i, (_, t)) in ty.params.iter().enumerate() {
            let at = format!("{ptr} + {}", offsets[i]);
            self.values().store(b, cx, *t, &args[i], &at, wh[i].as_deref());
        }
        vec![ptr]
    }

    /// Lifts params that core code passed (flat `vals`, or a pointer to them) out of `cx`.
    fn lift_params(&mut self, b: &mut Body, cx: &Cx, ty: &FuncType, vals: &[String], limit: usize) -> Vec<String> {
        let types = &self.model.types;
        if let Some(flats) = flat_params(types, ty, limit) {
            let mut input = FlatIn::new(vals.iter().cloned().zip(flats).collect());
            return ty.params.iter().map(|(_, t)| {
                let v = self.values().lift_flat(b, cx, *t, &mut input);
                b.bind(v)
            }).collect();
        }
        let (size, align, offsets) = params_layout(types, ty);
        let ptr = &vals[0];
        self.check_range(b, cx, ptr, size, align);
        let dv = b.tmp("dv");
        b.line(format!("const {dv} = {}();", cx.view.as_deref().unwrap_or("undefined")));
        ty.params.iter().enumerate().map(|(i, (_, t))| {
            let v = self.values().load(b, cx, *t, &dv, &format!("{ptr} + {}", offsets[i]));
            b.bind(v)
        }).collect()
    }

    /// Traps unless `[ptr, ptr + size)` is aligned and inside `cx`'s memory.
    fn check_range(&mut self, b: &mut Body, cx: &Cx, ptr: &str, size: u64, align: u32) {
        self.helpers.use_helper("trap");
        b.line(format!("{ptr} >>>= 0;"));
        if align > 1 {
            b.line(format!("if ({ptr} & {}) trap('unaligned pointer');", align - 1));
        }
        b.line(format!("if ({ptr} + {size} > {}.buffer.byteLength) trap('pointer out of bounds of memory');", cx.memory.as_deref().unwrap_or("undefined")));
    }

    /// Calls a lifted core function with lowered args and lifts its result; returns the JS
    /// result expression (or `None`). Post-return runs after lifting, with leaving forbidden.
    /// A `promising` call goes through `WebAssembly.promising` and is awaited: the core code
    /// may suspend in an async import.
    fn call_lifted(&mut self, b: &mut Body, callee: &Lifted, cx: &Cx, args: &[String], promising: bool) -> Option<String> {
        let types = &self.model.types;
        let func = self.core_binding(&callee.func, promising);
        let results = flat_results(types, &callee.ty, MAX_FLAT_RESULTS);
        let call = format!("{}{func}({})", if promising { "await " } else { "" }, args.join(", "));
        let Some(result_ty) = callee.ty.result else {
            b.line(format!("{call};"));
            self.post_return(b, callee, &[]);
            return None;
        };
        let ret = b.tmp("ret");
        b.line(format!("const {ret} = {call};"));
        let value = if let Some(results) = results {
            let v = self.values().lift_flat(b, cx, result_ty, &mut FlatIn::new(vec![(ret.clone(), results[0])]));
            b.bind(v)
        } else {
            let (size, align) = (abi::size(types, result_ty).into(), abi::align(types, result_ty));
            let ptr = b.tmp("ptr");
            b.line(format!("let {ptr} = {ret};"));
            self.check_range(b, cx, &ptr, size, align);
            let dv = b.tmp("dv");
            b.line(format!("const {dv} = {}();", cx.view.as_deref().unwrap_or("undefined")));
            let v = self.values().load(b, cx, result_ty, &dv, &ptr);
            b.bind(v)
        };
        self.post_return(b, callee, &[ret]);
        Some(value)
    }

    fn post_return(&mut self, b: &mut Body, callee: &Lifted, args: &[String]) {
        if let Some(post) = &callee.options.post_return {
            let post = self.core_ref(post);
            let i = callee.instance;
            self.may_leave.insert(i);
            b.line(format!("mayLeave{i} = false;"));
            b.line(format!("{post}({});", args.join(", ")));
            b.line(format!("mayLeave{i} = true;"));
        }
    }

    fn cx_of(&mut self, options: &crate::plan::Options, instance: u32, resources: &[(ResourceKey, u32)], peer: Peer) -> Cx {
        let memory = options.memory.as_ref().map(|m| self.core_ref(m));
        let view = memory.as_ref().map(|m| self.view_of(m));
        let realloc = options.realloc.as_ref().map(|r| self.core_ref(r));
        Cx {
            memory,
            view,
            realloc,
            encoding: options.encoding,
            instance,
            resources: resources.to_vec(),
            js: peer != Peer::Component,
            undo_moves: peer == Peer::JsCaller,
        }
    }

    /// Enters component instance `i` for a call; `body` runs inside; an exception poisons the
    /// instance, except one thrown before the core call that is not a trap: a value that
    /// failed its check, or the host's own error from a getter or a proxy while lowering
    /// (`alloc` turns anything the component's realloc throws into a trap).
    fn entered(
        &mut self,
        b: &mut Body,
        i: u32,
        entry: Entry,
        body: impl FnOnce(&mut Self, &mut Body, Option<&str>) -> Option<String>,
    ) -> Option<String> {
        let Entry { checks_inside, resets_borrows, undoes_moves } = entry;
        self.states.insert(i);
        self.helpers.use_helper("enter-error");
        b.line(format!("if (state{i} !== 0) enterError(state{i});"));
        b.line(format!("state{i} = 1;"));
        if self.contexts.contains(&i) {
            b.line(format!("context{i}.fill(0);"));
        }
        if resets_borrows {
            self.state.borrows.insert(i);
            b.line(format!("borrows{i} = 0;"));
        }
        let called = checks_inside.then(|| {
            let c = b.tmp("called");
            b.line(format!("let {c} = false;"));
            c
        });
        let result = b.tmp("result");
        b.line(format!("let {result};"));
        b.open("try");
        let value = body(self, b, called.as_deref());
        match &value {
            Some(v) => b.line(format!("{result} = {v};")),
            None => b.remove_line(&format!("let {result};")),
        }
        b.reopen("} catch (e) {");
        match &called {
            Some(c) => b.line(format!("state{i} = !{c} && !(e instanceof WebAssembly.RuntimeError) ? 0 : 2;")),
            None => b.line(format!("state{i} = 2;")),
        }
        if let (true, Some(c)) = (undoes_moves, &called) {
            self.helpers.use_helper("resource-moves");
            b.line(format!("if (!{c}) undoResourceMoves();"));
        }
        b.line("throw e;");
        b.close();
        b.line(format!("state{i} = 0;"));
        value.map(|_| result)
    }

    /// An export wrapper: JS calls a function lifted out of a component.
    pub fn export_function(&mut self, form: &WrapperForm, callee: &Lifted) -> String {
        let types = &self.model.types;
        let ty = &callee.ty;
        let declared = &ty.params[usize::from(form.method).min(ty.params.len())..];
        let mut params: Vec<String> = declared.iter().map(|(n, _)| self.local_name(&lower_camel(n))).collect();
        let cx = self.cx_of(&callee.options, callee.instance, &callee.resources, Peer::JsCaller);
        let promising = self.jspi.is_promising(callee);
        let head = match (promising, form.head.strip_prefix("static ")) {
            (false, _) => form.head.clone(),
            (true, Some(name)) => format!("static async {name}"),
            (true, None) => format!("async {}", form.head),
        };
        let mut b = Body::default();
        b.open(format!("{head}({})", params.join(", ")));
        if form.method {
            params.insert(0, "this".to_string());
        }
        let wh: Vec<Option<String>> = ty
            .params
            .iter()
            .enumerate()
            .map(|(i, (n, _))| {
                let what = if form.method && i == 0 { "this".to_string() } else { format!("parameter \"{}\"", lower_camel_property(n)) };
                Some(js_string(&format!("{}: {what}", form.display)))
            })
            .collect();
        let spills = flat_params(types, ty, MAX_FLAT_PARAMS).is_none();
        let inside = spills || ty.params.iter().any(|p| lowering_has_effects(types, p.1));
        let mut pre = Vec::new();
        if !inside {
            pre = self.lower_params(&mut b, &cx, ty, &params, &wh);
        }
        let has_borrows = !callee.resources.is_empty();
        let moves = ty.params.iter().any(|p| types.contains(p.1, &|_, def| matches!(def, Some(TypeDef::Own(_)))));
        let entry = Entry { checks_inside: inside, resets_borrows: has_borrows, undoes_moves: moves };
        let result = self.entered(&mut b, callee.instance, entry, |this, b, called| {
            let args = if let Some(called) = called {
                let args = this.lower_params(b, &cx, ty, &params, &wh);
                b.line(format!("{called} = true;"));
                args
            } else {
                pre
            };
            if moves {
                b.line("movedResources.length = 0;");
            }
            let value = this.call_lifted(b, callee, &cx, &args, promising);
            if has_borrows {
                this.helpers.use_helper("trap");
                b.line(format!("if (borrows{} !== 0) trap('borrow handles still remain at the end of the call');", callee.instance));
            }
            value
        });
        if let Some(result) = result {
            if whole_result(ty, types) {
                self.helpers.use_helper("component-error");
                b.line(format!("if ({result}.tag === 'err') throw new ComponentError({result}.val);"));
                b.line(format!("return {result}.val;"));
            } else {
                b.line(format!("return {result};"));
            }
        }
        b.close();
        b.finish()
    }

    /// The core function for a trampoline.
    pub fn trampoline(&mut self, index: usize, trampoline: &Trampoline) -> String {
        let name = format!("trampoline{index}");
        match trampoline {
            Trampoline::Host { func, ty, options, instance, resources } => {
                self.host_trampoline(index, func, ty, options, *instance, resources)
            }
            Trampoline::Adapter { ty, options, instance, resources, callee } => {
                self.adapter(index, ty, options, *instance, resources, callee)
            }
            Trampoline::Builtin { builtin, instance } => self.builtin(&name, builtin, *instance),
        }
    }

    /// The core signature's parameter names for a lowered function: flat params (or one
    /// pointer to them) and a return pointer when results go through memory. An async lower
    /// takes at most 4 flat params and always returns results through memory.
    fn core_params(&self, ty: &FuncType, is_async: bool) -> (Vec<String>, Option<String>) {
        let types = &self.model.types;
        let limit = if is_async { MAX_FLAT_ASYNC_PARAMS } else { MAX_FLAT_PARAMS };
        let params = match flat_params(types, ty, limit) {
            Some(flats) => (0..flats.len()).map(|i| format!("arg{i}")).collect(),
            None => vec!["params".to_string()],
        };
        let results_limit = if is_async { 0 } else { MAX_FLAT_RESULTS };
        let retptr = flat_results(types, ty, results_limit).is_none().then(|| "retptr".to_string());
        (params, retptr)
    }

    /// Lowers `value` as the result of a call made by core code of `cx`: returned flat, or
    /// stored at `retptr`.
    fn lower_result(&mut self, b: &mut Body, cx: &Cx, ty: ValType, value: &str, retptr: Option<&str>, wh: Option<&str>) {
        let types = &self.model.types;
        match retptr {
            None => {
                let flats = self.values().lower_flat(b, cx, ty, value, wh);
                b.line(format!("return {};", flats[0].0));
            }
            Some(ptr) => {
                let (size, align) = (abi::size(types, ty).into(), abi::align(types, ty));
                self.check_range(b, cx, ptr, size, align);
                self.values().store(b, cx, ty, value, ptr, wh);
            }
        }
    }

    /// Trampoline `index`, of a host function. One that suspends is an async function that
    /// awaits what the host returns (core code imports it as `WebAssembly.Suspending`).
    fn host_trampoline(
        &mut self,
        index: usize,
        func: &HostFunc,
        ty: &FuncType,
        options: &crate::plan::Options,
        instance: u32,
        resources: &[(ResourceKey, u32)],
    ) -> String {
        let suspends = self.jspi.suspends(index as u32);
        let types = &self.model.types;
        let host = self.host_ref(func);
        let cx = self.cx_of(options, instance, resources, Peer::JsCallee);
        let (params, retptr) = self.core_params(ty, false);
        let mut all = params.clone();
        all.extend(retptr.clone());
        let mut b = Body::default();
        b.open(format!("{}function trampoline{index}({})", if suspends { "async " } else { "" }, all.join(", ")));
        self.leave_check(&mut b, instance);
        let args = self.lift_params(&mut b, &cx, ty, &params, MAX_FLAT_PARAMS);
        let mut call = match FuncName::parse(self.plan.host_func_name(func)) {
            FuncName::Constructor { .. } => format!("new {host}({})", args.join(", ")),
            FuncName::Method { .. } => format!("{host}.call({})", args.join(", ")),
            FuncName::Freestanding(_) | FuncName::Static { .. } => format!("{host}({})", args.join(", ")),
        };
        let host_name = self.plan.host_name(func);
        if suspends {
            call = format!("await {call}");
        } else if let Some(args) = self.jspi.promise_refusal(&host_name) {
            self.helpers.use_helper("not-a-promise");
            call = format!("notAPromise({call}, {args})");
        }
        // Handles lent to the host are returned when it returns.
        let lends = ty.params.iter().any(|p| types.contains(p.1, &|_, def| matches!(def, Some(TypeDef::Borrow(_)))));
        let release = |b: &mut Body| {
            if lends {
                b.line(format!("for (const entry of lent{instance}) entry.lends--;"));
                b.line(format!("lent{instance}.length = 0;"));
            }
        };
        if let Some(result_ty) = ty.result {
            let ret = b.tmp("ret");
            if whole_result(ty, types) {
                b.line(format!("let {ret};"));
                b.open("try");
                b.line(format!("{ret} = {{ tag: 'ok', val: {call} }};"));
                b.reopen("} catch (e) {");
                // A trap the host raises stays a trap; anything else thrown is the error value.
                b.line("if (e instanceof WebAssembly.RuntimeError) throw e;");
                b.line(format!("{ret} = {{ tag: 'err', val: e !== null && typeof e === 'object' && 'payload' in e ? e.payload : e }};"));
                b.close();
            } else {
                b.line(format!("const {ret} = {call};"));
            }
            release(&mut b);
            let wh = js_string(&format!("{host_name}: result"));
            self.lower_result(&mut b, &cx, result_ty, &ret, retptr.as_deref(), Some(&wh));
        } else {
            b.line(format!("{call};"));
            release(&mut b);
        }
        b.close();
        b.finish()
    }

    fn leave_check(&mut self, b: &mut Body, instance: u32) {
        self.may_leave.insert(instance);
        self.helpers.use_helper("trap");
        b.line(format!("if (!mayLeave{instance}) trap('cannot leave component instance');"));
    }

    /// Trampoline `index`: an adapter from one inner component's core code to a function
    /// lifted out of another. One into an instance that may suspend is an async function that
    /// awaits the callee (core code imports it as `WebAssembly.Suspending`).
    fn adapter(
        &mut self,
        index: usize,
        ty: &FuncType,
        options: &crate::plan::Options,
        instance: u32,
        resources: &[(crate::model::ResourceKey, u32)],
        callee: &Lifted,
    ) -> String {
        let suspends = self.jspi.suspends(index as u32);
        let caller_cx = self.cx_of(options, instance, resources, Peer::Component);
        let callee_cx = self.cx_of(&callee.options, callee.instance, &callee.resources, Peer::Component);
        let (params, retptr) = self.core_params(ty, options.is_async);
        let mut all = params.clone();
        all.extend(retptr.clone());
        let mut b = Body::default();
        b.open(format!("{}function trampoline{index}({})", if suspends { "async " } else { "" }, all.join(", ")));
        self.leave_check(&mut b, instance);
        let limit = if options.is_async { MAX_FLAT_ASYNC_PARAMS } else { MAX_FLAT_PARAMS };
        let values = self.lift_params(&mut b, &caller_cx, ty, &params, limit);
        let lends = self.state.lends.contains(&instance);
        let none: Vec<Option<String>> = vec![None; values.len()];
        let entry = Entry { resets_borrows: !callee.resources.is_empty(), ..Entry::default() };
        let result = self.entered(&mut b, callee.instance, entry, |this, b, _| {
            let args = this.lower_params(b, &callee_cx, &callee.ty, &values, &none);
            let value = if callee.options.is_async {
                this.call_async_lifted(b, callee, &args)
            } else {
                this.call_lifted(b, callee, &callee_cx, &args, suspends)
            };
            if !callee.resources.is_empty() {
                this.helpers.use_helper("trap");
                b.line(format!("if (borrows{} !== 0) trap('borrow handles still remain at the end of the call');", callee.instance));
            }
            value
        });
        if lends || self.state.lends.contains(&instance) {
            b.line(format!("for (const entry of lent{instance}) entry.lends--;"));
            b.line(format!("lent{instance}.length = 0;"));
        }
        if let (Some(result), Some(result_ty)) = (result, ty.result) {
            self.lower_result(&mut b, &caller_cx, result_ty, &result, retptr.as_deref(), None);
        }
        if options.is_async {
            // The callee finished before returning: status RETURNED, no subtask.
            b.line("return 2;");
        }
        b.close();
        b.finish()
    }

    /// Calls a stackful async-lifted core function, which must deliver its result through
    /// `task.return` before it returns: ferry does not run blocked async calls yet.
    fn call_async_lifted(&mut self, b: &mut Body, callee: &Lifted, args: &[String]) -> Option<String> {
        let i = callee.instance;
        self.task_returns.insert(i);
        self.helpers.use_helper("trap");
        let func = self.core_ref(&callee.func);
        let (done, value) = (b.tmp("returned"), b.tmp("value"));
        b.line(format!("let {done} = false, {value};"));
        b.line(format!("taskReturn{i} = (v) => {{ {done} = true; {value} = v; }};"));
        b.line(format!("{func}({});", args.join(", ")));
        b.line(format!("taskReturn{i} = null;"));
        b.line(format!("if (!{done}) trap('async function returned without calling `task.return`: blocking async calls are not supported by ferry yet');"));
        callee.ty.result.map(|_| value)
    }

    /// Ends the resource `rep` of resource `r` whose last owned handle was dropped from
    /// instance `from` (`None`: from JS): a component's destructor runs inside its instance,
    /// a host object's `[Symbol.dispose]` is called if it has one.
    pub fn destroy(&mut self, b: &mut Body, r: u32, rep: &str, from: Option<u32>) {
        match &self.plan.resources[r as usize] {
            RuntimeResource::Guest { dtor: None, .. } => {}
            RuntimeResource::Guest { instance, dtor: Some(dtor) } => {
                let (owner, dtor) = (*instance, self.core_ref(dtor));
                if from == Some(owner) {
                    b.line(format!("{dtor}({rep});"));
                } else {
                    self.entered(b, owner, Entry::default(), |_, b, _| {
                        b.line(format!("{dtor}({rep});"));
                        None
                    });
                }
            }
            RuntimeResource::Host { .. } => {
                self.helpers.use_helper("resource-object");
                b.line(format!("{rep}[symbolDispose]?.();"));
            }
        }
    }

    fn builtin(&mut self, name: &str, builtin: &RuntimeBuiltin, i: u32) -> String {
        let mut b = Body::default();
        match builtin {
            RuntimeBuiltin::ResourceNew(r) => {
                b.open(format!("function {name}(rep)"));
                self.leave_check(&mut b, i);
                self.state.tables.insert(i);
                b.line(format!("return table{i}.add({{ resource: {r}, rep, own: true, lends: 0 }});"));
            }
            RuntimeBuiltin::ResourceRep(r) => {
                b.open(format!("function {name}(handle)"));
                self.state.tables.insert(i);
                b.line(format!("return table{i}.get(handle, {r}).rep;"));
            }
            RuntimeBuiltin::ResourceDrop(r) => {
                b.open(format!("function {name}(handle)"));
                self.leave_check(&mut b, i);
                self.state.tables.insert(i);
                b.line(format!("const entry = table{i}.remove(handle, {r});"));
                b.open("if (!entry.own)");
                self.state.borrows.insert(i);
                b.line(format!("borrows{i}--;"));
                b.line("return;");
                b.close();
                b.line("if (entry.lends !== 0) trap('cannot remove owned resource while borrowed');");
                self.destroy(&mut b, *r, "entry.rep", Some(i));
            }
            RuntimeBuiltin::TaskReturn { result, options, resources } => {
                self.task_returns.insert(i);
                let cx = self.cx_of(options, i, resources, Peer::Component);
                let ty = FuncType { params: result.iter().map(|t| ("result".to_string(), *t)).collect(), result: None, is_async: false };
                let (params, _) = self.core_params(&ty, false);
                b.open(format!("function {name}({})", params.join(", ")));
                self.leave_check(&mut b, i);
                b.line(format!("const deliver = taskReturn{i};"));
                b.line("if (deliver === null) trap('`task.return` called outside an async call, or twice');");
                b.line(format!("taskReturn{i} = null;"));
                let values = self.lift_params(&mut b, &cx, &ty, &params, MAX_FLAT_PARAMS);
                b.line(format!("deliver({});", values.first().map(String::as_str).unwrap_or("")));
            }
            RuntimeBuiltin::ContextGet(slot) => {
                self.contexts.insert(i);
                b.open(format!("function {name}()"));
                b.line(format!("return context{i}[{slot}];"));
            }
            RuntimeBuiltin::ContextSet(slot) => {
                self.contexts.insert(i);
                b.open(format!("function {name}(value)"));
                b.line(format!("context{i}[{slot}] = value;"));
            }
            RuntimeBuiltin::BackpressureInc | RuntimeBuiltin::BackpressureDec => {
                self.backpressure.insert(i);
                self.helpers.use_helper("trap");
                b.open(format!("function {name}()"));
                if matches!(builtin, RuntimeBuiltin::BackpressureInc) {
                    b.line(format!("if (backpressure{i} === 0xffff) trap('backpressure counter overflow');"));
                    b.line(format!("backpressure{i}++;"));
                } else {
                    b.line(format!("if (backpressure{i} === 0) trap('backpressure counter underflow');"));
                    b.line(format!("backpressure{i}--;"));
                }
            }
            RuntimeBuiltin::Unsupported(what) => {
                b.open(format!("function {name}()"));
                self.leave_check(&mut b, i);
                b.line(format!("trap({});", js_string(&format!("`{what}` is not supported by ferry yet"))));
            }
        }
        b.close();
        b.finish()
    }
}

