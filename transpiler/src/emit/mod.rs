//! Prints the ES module for a [`Plan`]: imports, the runtime helpers in use, per-instance
//! state, trampolines, export wrappers and the instantiation sequence, in one of the three
//! instantiation modes.

mod code;
mod funcs;
mod runtime;
mod values;

use crate::error::Error;
use crate::model::Model;
use crate::names::{interface_short_name, import_specifier, is_identifier, js_string, lower_camel};
use crate::plan::{CoreDef, CoreInstanceArg, Export, FuncDef, HostFunc, Plan, RuntimeBuiltin, Trampoline};
use crate::{ExportKind, Instantiation, Options, Output};
use code::Body;
use runtime::HelperSet;
use std::collections::{BTreeSet, HashMap};
use values::{InstanceState, SharedFns};

pub fn emit(model: &Model, plan: &Plan, bytes: &[u8], options: &Options) -> Result<Output, Error> {
    let mut emitter = Emitter {
        model,
        plan,
        options,
        helpers: HelperSet::default(),
        shared: SharedFns::default(),
        state: InstanceState::default(),
        core_vars: HashMap::new(),
        core_binds: Vec::new(),
        views: BTreeSet::new(),
        states: BTreeSet::new(),
        may_leave: BTreeSet::new(),
        contexts: BTreeSet::new(),
        backpressure: BTreeSet::new(),
        task_returns: BTreeSet::new(),
        hosts: Vec::new(),
    };
    for trampoline in &plan.trampolines {
        if let Trampoline::Builtin { builtin: RuntimeBuiltin::ContextGet(_) | RuntimeBuiltin::ContextSet(_), instance } = trampoline {
            emitter.contexts.insert(*instance);
        }
    }
    emitter.module(bytes)
}

pub struct Emitter<'a> {
    model: &'a Model,
    plan: &'a Plan,
    options: &'a Options,
    helpers: HelperSet,
    shared: SharedFns,
    state: InstanceState,
    /// Variables bound to core exports after instantiation: `core<n>`.
    core_vars: HashMap<CoreDef, String>,
    core_binds: Vec<(u32, String, String)>,
    /// Memory variables that need a `view<n>()`.
    views: BTreeSet<String>,
    states: BTreeSet<u32>,
    may_leave: BTreeSet<u32>,
    contexts: BTreeSet<u32>,
    backpressure: BTreeSet<u32>,
    /// Instances with async-lifted functions: `taskReturn<i>` receives `task.return`'s value.
    task_returns: BTreeSet<u32>,
    /// Host functions the code calls, each bound to `host<n>`.
    hosts: Vec<(usize, Vec<String>)>,
}

impl Emitter<'_> {
    fn core_ref(&mut self, def: &CoreDef) -> String {
        match def {
            CoreDef::Trampoline(t) => format!("trampoline{t}"),
            CoreDef::Export { instance, name } => {
                if let Some(var) = self.core_vars.get(def) {
                    return var.clone();
                }
                let var = format!("core{}", self.core_vars.len());
                self.core_vars.insert(def.clone(), var.clone());
                self.core_binds.push((*instance, name.clone(), var.clone()));
                var
            }
        }
    }

    fn view_of(&mut self, memory: &str) -> String {
        self.views.insert(memory.to_string());
        memory.replacen("core", "view", 1)
    }

    fn host_ref(&mut self, func: &HostFunc) -> String {
        let key = (func.import, func.path.clone());
        let index = match self.hosts.iter().position(|h| *h == key) {
            Some(i) => i,
            None => {
                self.hosts.push(key);
                self.hosts.len() - 1
            }
        };
        format!("host{index}")
    }

    /// A binding name for `name` that cannot shadow generated names.
    fn local_name(&self, name: &str) -> String {
        if is_generated_name(name) { format!("{name}$") } else { name.to_string() }
    }

    fn module(mut self, bytes: &[u8]) -> Result<Output, Error> {
        let mut functions = String::new();
        for (i, trampoline) in self.plan.trampolines.iter().enumerate() {
            functions.push_str(&self.trampoline(i, trampoline));
        }
        let mut exported = Vec::new(); // (export name, binding, kind)
        let mut interfaces = String::new();
        for (name, export) in &self.plan.exports {
            match export {
                Export::Func(func) => {
                    let binding = self.local_name(&lower_camel(name));
                    self.func_binding(&binding, func, &mut functions);
                    exported.push((lower_camel(name), binding, ExportKind::Function));
                }
                Export::Instance(items) => {
                    let short = self.local_name(&interface_short_name(name));
                    let mut fields = Vec::new();
                    for (inner, export) in items {
                        let Export::Func(func) = export else {
                            return Err(Error::new(format!("export `{name}`: nested instance exports are not supported")));
                        };
                        let key = lower_camel(inner);
                        let binding = format!("{short}${key}");
                        self.func_binding(&binding, func, &mut functions);
                        fields.push(format!("{key}: {binding}"));
                    }
                    interfaces.push_str(&format!("const {short} = {{ {} }};\n", fields.join(", ")));
                    exported.push((interface_short_name(name), short.clone(), ExportKind::Instance));
                    if self.options.namespaced_exports && name.contains(':') {
                        exported.push((name.clone(), short, ExportKind::Instance));
                    }
                }
            }
        }
        let files = self.module_files(bytes);
        let (imports, host_bindings, specifiers) = self.host_imports();
        let state = self.state_declarations();
        let init = self.instantiation(&files);

        let mut js = String::new();
        js.push_str(&format!("// Generated by ferry {} from a WebAssembly component. Do not edit.\n", env!("CARGO_PKG_VERSION")));
        let automatic = self.options.instantiation == Instantiation::Automatic;
        if automatic {
            js.push_str(&imports);
        }
        if automatic && files.iter().any(|f| f.inline.is_none()) {
            self.helpers.use_helper("load-core-module");
        }
        if files.iter().any(|f| f.inline.is_some()) {
            self.helpers.use_helper("base64-module");
        }
        js.push_str(&self.helpers.render());
        let body = [host_bindings, state, std::mem::take(&mut self.shared.code), functions, interfaces].concat();
        let export_list = |exported: &[(String, String, ExportKind)]| -> Vec<String> {
            exported
                .iter()
                .map(|(name, binding, _)| {
                    if name == binding {
                        name.clone()
                    } else if is_identifier(name) {
                        format!("{binding} as {name}")
                    } else {
                        format!("{binding} as {}", js_string(name))
                    }
                })
                .collect()
        };
        let mut module_exports = Vec::new();
        match self.options.instantiation {
            Instantiation::Automatic => {
                js.push_str(&body);
                if self.options.tla_compat {
                    js.push_str("export const $init = (async () => {\n");
                    js.push_str(&indent(&init));
                    js.push_str("})();\n");
                } else {
                    js.push_str(&init);
                }
                module_exports.extend(export_list(&exported));
            }
            Instantiation::Async | Instantiation::Sync => {
                let is_async = self.options.instantiation == Instantiation::Async;
                let default_core = if is_async {
                    "WebAssembly.instantiate"
                } else {
                    "(module, imports) => new WebAssembly.Instance(module, imports)"
                };
                js.push_str(&format!(
                    "export {}function instantiate(getCoreModule, imports = {{}}, instantiateCore = {default_core}) {{\n",
                    if is_async { "async " } else { "" }
                ));
                js.push_str(&indent(&body));
                js.push_str(&indent(&init));
                let fields: Vec<String> = exported
                    .iter()
                    .map(|(name, binding, _)| {
                        let key = if is_identifier(name) { name.clone() } else { js_string(name) };
                        if &key == binding { key } else { format!("{key}: {binding}") }
                    })
                    .collect();
                js.push_str(&format!("  return {{ {} }};\n}}\n", fields.join(", ")));
            }
        }
        if self.helpers.contains("component-error") {
            module_exports.push("ComponentError".to_string());
        }
        if !module_exports.is_empty() {
            js.push_str(&format!("export {{ {} }};\n", module_exports.join(", ")));
        }

        let mut out_files = vec![(format!("{}.js", self.options.name), js.into_bytes())];
        for file in files.into_iter().filter(|f| f.inline.is_none()) {
            out_files.push((file.name, file.bytes.to_vec()));
        }
        Ok(Output {
            files: out_files,
            imports: specifiers,
            exports: exported.into_iter().map(|(name, _, kind)| (name, kind)).collect(),
        })
    }

    fn func_binding(&mut self, binding: &str, func: &FuncDef, functions: &mut String) {
        match func {
            FuncDef::Lifted(lifted) => functions.push_str(&self.export_function(binding, lifted)),
            FuncDef::Host(host) => {
                let host = self.host_ref(host);
                functions.push_str(&format!("const {binding} = {host};\n"));
            }
        }
    }

    fn module_files<'b>(&self, bytes: &'b [u8]) -> Vec<CoreFile<'b>> {
        self.plan
            .modules
            .iter()
            .enumerate()
            .map(|(i, module)| {
                let range = self.model.modules[module.0 as usize].range.clone();
                let data = &bytes[range];
                let name = if i == 0 {
                    format!("{}.core.wasm", self.options.name)
                } else {
                    format!("{}.core{}.wasm", self.options.name, i + 1)
                };
                let inline = (data.len() < self.options.base64_cutoff).then(|| base64(data));
                CoreFile { name, bytes: data, inline }
            })
            .collect()
    }

    /// ES imports (automatic mode), the statements binding `host<n>`, and the specifiers.
    fn host_imports(&self) -> (String, String, Vec<String>) {
        let automatic = self.options.instantiation == Instantiation::Automatic;
        let mut imports = String::new();
        let mut bindings = String::new();
        let mut specifiers = Vec::new();
        let mut bound_modules: HashMap<usize, String> = HashMap::new();
        for (index, (import, path)) in self.hosts.iter().enumerate() {
            let name = &self.plan.imports[*import].name;
            let (specifier, export) = self.resolve_specifier(name);
            if !specifiers.contains(&specifier) {
                specifiers.push(specifier.clone());
            }
            let host = format!("host{index}");
            let props: Vec<String> = path.iter().map(|p| lower_camel(p)).collect();
            let what = format!("import {} {}", js_string(&specifier), if props.is_empty() { "(its default export)".to_string() } else { format!("`{}`", props.join(".")) });
            if automatic && export.is_none() && props.len() == 1 {
                imports.push_str(&format!("import {{ {} as {host} }} from {};\n", props[0], js_string(&specifier)));
                continue;
            }
            if automatic && export.is_none() && props.is_empty() {
                imports.push_str(&format!("import {host} from {};\n", js_string(&specifier)));
                continue;
            }
            let module = bound_modules.entry(*import).or_insert_with(|| {
                let var = format!("import{import}");
                if automatic {
                    let export = export.clone().unwrap_or_else(|| "default".to_string());
                    imports.push_str(&format!("import {{ {export} as {var} }} from {};\n", js_string(&specifier)));
                } else {
                    let mut expr = format!("imports[{}]", js_string(&specifier));
                    if let Some(export) = &export {
                        expr = format!("{expr}?.[{}]", js_string(export));
                    } else if props.is_empty() {
                        expr = format!("(typeof {expr} === 'function' ? {expr} : {expr}?.default)");
                    }
                    bindings.push_str(&format!("const {var} = {expr};\n"));
                }
                var
            });
            let access: String = props.iter().map(|p| format!("?.{p}")).collect();
            bindings.push_str(&format!("const {host} = {module}{access};\n"));
            bindings.push_str(&format!(
                "if (typeof {host} !== 'function') throw new TypeError({});\n",
                js_string(&format!("missing import: {what} must be a function"))
            ));
        }
        (imports, bindings, specifiers)
    }

    /// The specifier an import name maps to, and the export named by `#name` in a `--map`
    /// target.
    fn resolve_specifier(&self, name: &str) -> (String, Option<String>) {
        let base = import_specifier(name);
        for (pattern, target) in &self.options.map {
            let mapped = match pattern.strip_suffix('*') {
                Some(prefix) => [base, name]
                    .iter()
                    .find_map(|n| n.strip_prefix(prefix))
                    .map(|rest| target.replace('*', rest)),
                None => (pattern == base || pattern == name).then(|| target.clone()),
            };
            if let Some(mapped) = mapped {
                return match mapped.split_once('#') {
                    Some((spec, export)) => (spec.to_string(), Some(export.to_string())),
                    None => (mapped, None),
                };
            }
        }
        (base.to_string(), None)
    }

    fn state_declarations(&mut self) -> String {
        let mut b = Body::default();
        if !self.plan.instances.is_empty() {
            let vars: Vec<String> = (0..self.plan.instances.len()).map(|i| format!("exports{i}")).collect();
            b.line(format!("let {};", vars.join(", ")));
        }
        if !self.core_binds.is_empty() {
            let vars: Vec<String> = self.core_binds.iter().map(|(_, _, v)| v.clone()).collect();
            b.line(format!("let {};", vars.join(", ")));
        }
        for memory in &self.views {
            let n = &memory["core".len()..];
            b.line(format!("let dv{n} = new DataView(new ArrayBuffer(0));"));
            b.line(format!(
                "const view{n} = () => (dv{n}.buffer === {memory}.buffer ? dv{n} : (dv{n} = new DataView({memory}.buffer)));"
            ));
        }
        for i in &self.states {
            b.line(format!("let state{i} = 0;"));
        }
        for i in &self.may_leave {
            b.line(format!("let mayLeave{i} = true;"));
        }
        for i in &self.state.tables.clone() {
            self.helpers.use_helper("handle-table");
            b.line(format!("const table{i} = new HandleTable();"));
        }
        for i in &self.state.lends {
            b.line(format!("const lent{i} = [];"));
        }
        for i in &self.state.borrows {
            b.line(format!("let borrows{i} = 0;"));
        }
        for i in &self.contexts {
            b.line(format!("const context{i} = [0, 0];"));
        }
        for i in &self.backpressure {
            b.line(format!("let backpressure{i} = 0;"));
        }
        for i in &self.task_returns {
            b.line(format!("let taskReturn{i} = null;"));
        }
        b.finish()
    }

    /// Compiles the core modules and instantiates them in order, binding `core<n>` after
    /// each instance exists.
    fn instantiation(&self, files: &[CoreFile<'_>]) -> String {
        let mode = self.options.instantiation;
        let awaits = if mode == Instantiation::Sync { "" } else { "await " };
        let mut b = Body::default();
        let loads: Vec<String> = files
            .iter()
            .map(|file| match (&file.inline, mode) {
                (Some(data), Instantiation::Sync) => format!("new WebAssembly.Module(base64Bytes({}))", js_string(data)),
                (Some(data), _) => format!("WebAssembly.compile(base64Bytes({}))", js_string(data)),
                (None, Instantiation::Automatic) => format!("loadCoreModule({})", js_string(&file.name)),
                (None, _) => format!("getCoreModule({})", js_string(&file.name)),
            })
            .collect();
        if !loads.is_empty() {
            let names: Vec<String> = (0..loads.len()).map(|i| format!("module{i}")).collect();
            if mode == Instantiation::Sync {
                for (name, load) in names.iter().zip(&loads) {
                    b.line(format!("const {name} = {load};"));
                }
            } else {
                b.line(format!("const [{}] = await Promise.all([{}]);", names.join(", "), loads.join(", ")));
            }
        }
        let instantiate = if mode == Instantiation::Automatic { "WebAssembly.instantiate" } else { "instantiateCore" };
        for (i, instance) in self.plan.instances.iter().enumerate() {
            let args: Vec<String> = instance
                .args
                .iter()
                .map(|(name, arg)| {
                    let value = match arg {
                        CoreInstanceArg::Instance(j) => format!("exports{j}"),
                        CoreInstanceArg::Items(items) => {
                            let fields: Vec<String> = items
                                .iter()
                                .map(|(field, def)| format!("{}: {}", js_string(field), self.core_expr(def)))
                                .collect();
                            format!("{{ {} }}", fields.join(", "))
                        }
                    };
                    format!("{}: {value}", js_string(name))
                })
                .collect();
            b.line(format!("exports{i} = ({awaits}{instantiate}(module{}, {{ {} }})).exports;", instance.module, args.join(", ")));
            for (instance, name, var) in self.core_binds.iter().filter(|(inst, _, _)| *inst as usize == i) {
                b.line(format!("{var} = exports{instance}[{}];", js_string(name)));
            }
        }
        b.finish()
    }

    fn core_expr(&self, def: &CoreDef) -> String {
        match def {
            CoreDef::Trampoline(t) => format!("trampoline{t}"),
            CoreDef::Export { instance, name } => format!("exports{instance}[{}]", js_string(name)),
        }
    }
}

struct CoreFile<'b> {
    name: String,
    bytes: &'b [u8],
    inline: Option<String>,
}

/// Names the generated code uses for itself: helpers and `<word><number>` locals and state.
fn is_generated_name(name: &str) -> bool {
    let digits = name.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let numbered = !digits.is_empty() && digits.len() < name.len() && digits.chars().all(|c| c.is_ascii_digit());
    numbered
        || runtime::HELPERS.iter().any(|h| defines(h.source, name))
        || matches!(
            name,
            "instantiate" | "getCoreModule" | "imports" | "instantiateCore" | "params" | "retptr" | "entry" | "value"
                | "where" | "e" | "ptr" | "len" | "dv" | "out" | "i" | "rep" | "handle"
        )
}

/// Whether a helper's source declares `name` at top level.
fn defines(source: &str, name: &str) -> bool {
    source.lines().any(|line| {
        ["function ", "async function ", "class ", "const ", "let "].iter().any(|kw| {
            line.strip_prefix(kw).is_some_and(|rest| {
                rest.strip_prefix(name).is_some_and(|after| after.starts_with(['(', ' ', '=']))
            })
        })
    })
}

fn indent(code: &str) -> String {
    code.lines().map(|l| if l.is_empty() { "\n".to_string() } else { format!("  {l}\n") }).collect()
}

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_encodes() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0, 255, 128, 7]), "AP+ABw==");
    }

    #[test]
    fn generated_names_are_recognised() {
        assert!(is_generated_name("core12"));
        assert!(is_generated_name("trap"));
        assert!(is_generated_name("loweredLength"));
        assert!(!is_generated_name("add"));
        assert!(!is_generated_name("getThing"));
    }
}
