//! `--async-mode jspi` in the emitted JS: which trampolines are async functions passed to
//! core code as `new WebAssembly.Suspending(...)`, and which export wrappers call their core
//! function through `WebAssembly.promising(...)` and return promises. [`crate::jspi`] decides
//! by name; this applies it to the plan.

use crate::error::Error;
use crate::jspi::{resolve, unversioned, WASI_BLOCKING};
use crate::plan::{Export, FuncDef, Lifted, Plan, Trampoline};
use crate::{AsyncMode, Options};
use std::collections::{BTreeSet, HashSet};

pub struct Jspi {
    /// Host trampolines that may suspend, by index.
    suspending: BTreeSet<u32>,
    /// Exported functions that return promises.
    promising: HashSet<*const Lifted>,
    /// Sync mode: a blocking WASI call returning a Promise is refused with a clear trap.
    refuses_promises: bool,
}

impl Jspi {
    pub fn new(plan: &Plan, options: &Options) -> Result<Self, Error> {
        let mut exports = Vec::new();
        exported_funcs(&plan.exports, "", &mut exports);
        let imports = plan.imports.iter().flat_map(|import| import.funcs.iter().map(String::as_str));
        let funcs = resolve(options, imports, exports.iter().map(|(name, _)| name.as_str()))?;
        let mut suspending = BTreeSet::new();
        for (t, trampoline) in plan.trampolines.iter().enumerate() {
            let Trampoline::Host { func, instance, .. } = trampoline else { continue };
            let name = plan.host_name(func);
            if !funcs.imports.contains(&name) {
                continue;
            }
            // JSPI suspends Wasm frames only: a JS adapter between two components on the stack
            // (nested components calling each other) cannot be suspended.
            let adapted = plan.trampolines.iter().any(|t| matches!(t, Trampoline::Adapter { callee, .. } if callee.instance == *instance));
            if adapted {
                return Err(Error::new(format!(
                    "--async-mode jspi: async import `{}` is called by a component that another component inside this one calls \
                     through an adapter, and JSPI cannot suspend through it (not supported yet)",
                    unversioned(&name)
                )));
            }
            suspending.insert(t as u32);
        }
        let promising = exports.iter().filter(|(name, _)| funcs.exports.contains(name)).map(|(_, lifted)| *lifted).collect();
        Ok(Jspi { suspending, promising, refuses_promises: options.async_mode == AsyncMode::Sync })
    }

    /// Whether trampoline `t` is an async function that core code imports as `Suspending`.
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

    /// Whether a sync call of host function `name` must check that it did not return a
    /// Promise: in sync mode, for WASI's blocking calls, which a browser host answers with a
    /// Promise when it has to wait.
    pub fn refuses_promise(&self, name: &str) -> bool {
        self.refuses_promises && WASI_BLOCKING.contains(&unversioned(name).as_str())
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
