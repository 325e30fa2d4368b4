//! `--async-mode jspi` in the emitted JS: which trampolines are async functions passed to
//! core code as `new WebAssembly.Suspending(...)`, and which export wrappers call their core
//! function through `WebAssembly.promising(...)` and return promises. [`crate::jspi`] decides
//! by name; this applies it to the plan.
//!
//! JSPI suspends Wasm frames only, and an adapter between two inner components is JS. So an
//! adapter into a component instance that may suspend is itself async: it calls the callee
//! through `WebAssembly.promising` and awaits it, and the caller's core code imports it as
//! `Suspending`, which suspends the caller in turn.

use crate::error::Error;
use crate::jspi::{resolve, unversioned, WASI_BLOCKING};
use crate::names::js_string;
use crate::plan::{Export, FuncDef, Lifted, Plan, Trampoline};
use crate::{AsyncMode, Options};
use std::collections::{BTreeSet, HashSet};

pub struct Jspi {
    /// Host trampolines that may suspend, by index.
    suspending: BTreeSet<u32>,
    /// Exported functions that return promises.
    promising: HashSet<*const Lifted>,
    mode: AsyncMode,
}

impl Jspi {
    pub fn new(plan: &Plan, options: &Options) -> Result<Self, Error> {
        let mut exports = Vec::new();
        exported_funcs(&plan.exports, "", &mut exports);
        let imports = plan.imports.iter().flat_map(|import| import.funcs.iter().map(String::as_str));
        let funcs = resolve(options, imports, exports.iter().map(|(name, _)| name.as_str()))?;
        let mut suspending = BTreeSet::new();
        // The component instances whose core code may suspend.
        let mut suspends = BTreeSet::new();
        for (t, trampoline) in plan.trampolines.iter().enumerate() {
            if let Trampoline::Host { func, instance, .. } = trampoline
                && funcs.imports.contains(&plan.host_name(func))
            {
                suspending.insert(t as u32);
                suspends.insert(*instance);
            }
        }
        // An adapter into an instance that may suspend suspends its caller: to a fixpoint.
        let mut grew = true;
        while grew {
            grew = false;
            for (t, trampoline) in plan.trampolines.iter().enumerate() {
                if let Trampoline::Adapter { instance, callee, options, .. } = trampoline
                    && suspends.contains(&callee.instance)
                    && !suspending.contains(&(t as u32))
                {
                    if options.is_async || callee.options.is_async {
                        return Err(Error::new(
                            "--async-mode jspi: an async import is reachable through a `canon lift async` or `canon lower async` \
                             call between inner components, which ferry cannot suspend yet",
                        ));
                    }
                    suspending.insert(t as u32);
                    grew |= suspends.insert(*instance);
                }
            }
        }
        let promising = exports.iter().filter(|(name, _)| funcs.exports.contains(name)).map(|(_, lifted)| *lifted).collect();
        Ok(Jspi { suspending, promising, mode: options.async_mode })
    }

    /// Whether trampoline `t` (a host import or an adapter) is an async function that core
    /// code imports as `Suspending`.
    pub fn suspends(&self, t: u32) -> bool {
        self.suspending.contains(&t)
    }

    pub fn suspends_any(&self) -> bool {
        !self.suspending.is_empty()
    }

    /// Whether the export wrapper of `lifted` awaits a promising core function.
    pub fn is_promising(&self, lifted: &Lifted) -> bool {
        self.promising.contains(&(lifted as *const Lifted))
    }

    /// If a sync call of host function `name` must check that it did not return a Promise,
    /// the arguments of `notAPromise` after the value: WASI's blocking calls are answered with
    /// a Promise by a browser host that has to wait.
    pub fn promise_refusal(&self, name: &str) -> Option<String> {
        let name = unversioned(name);
        WASI_BLOCKING.contains(&name.as_str()).then(|| match self.mode {
            AsyncMode::Sync => js_string(&name),
            AsyncMode::Jspi => format!("{}, 'list it in --async-imports'", js_string(&name)),
        })
    }
}

/// `new WebAssembly.Suspending(f)`: what core code imports for async trampoline `f`.
pub fn suspending(f: &str) -> String {
    format!("new WebAssembly.Suspending({f})")
}

/// `WebAssembly.promising(f)`: core function `f`, called so that it may suspend.
pub fn promising(f: &str) -> String {
    format!("WebAssembly.promising({f})")
}

/// The lifted functions among `exports`, by full name (`iface#[method]r.get`).
fn exported_funcs(exports: &[(String, Export)], prefix: &str, out: &mut Vec<(String, *const Lifted)>) {
    for (name, export) in exports {
        let name = format!("{prefix}{name}");
        match export {
            Export::Func(FuncDef::Lifted(lifted)) => out.push((name, std::rc::Rc::as_ptr(lifted))),
            Export::Instance(items) => exported_funcs(items, &format!("{name}#"), out),
            Export::Func(FuncDef::Host(_)) | Export::Resource(_) | Export::Module(_) => {}
        }
    }
}
