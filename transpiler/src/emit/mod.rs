//! Prints the ES module for a [`Plan`]: imports, the runtime helpers in use, per-instance
//! state, trampolines, export wrappers and the instantiation sequence, in one of the three
//! instantiation modes.

mod code;
mod funcs;
mod jspi;
mod resources;
mod runtime;
mod values;

use crate::error::Error;
use crate::model::Model;
use crate::names::{interface_short_name, is_identifier, js_string, lower_camel, lower_camel_property, property_key, unique_export_names, upper_camel, FuncName};
use crate::specifier::resolve_specifier;
use crate::plan::{CoreDef, CoreInstanceArg, CoreModuleRef, Export, FuncDef, HostFunc, Plan, RuntimeBuiltin, RuntimeResource, Trampoline};
use crate::{ExportKind, Instantiation, Options, Output};
use code::Body;
use runtime::HelperSet;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;
use funcs::WrapperForm;
use values::{InstanceState, SharedFns};

pub fn emit<'a>(model: &Model, plan: &Plan, bytes: &'a [u8], options: &Options) -> Result<Output<'a>, Error> {
    let classes = resources::class_names(plan, is_generated_name);
    check_classes(plan, &classes)?;
    let jspi = jspi::Jspi::new(plan, options)?;
    let mut emitter = Emitter {
        classes,
        host_classes: BTreeSet::new(),
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
        host_indices: HashMap::new(),
        jspi,
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
    /// Variables bound to core exports after instantiation: `core<n>`, or `promising<n>` for
    /// one wrapped with `WebAssembly.promising` (the `bool`).
    core_vars: HashMap<(CoreDef, bool), String>,
    core_binds: Vec<CoreBind>,
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
    /// Each of `hosts` by (import, path): components may call thousands.
    host_indices: HashMap<(usize, Vec<String>), usize>,
    /// The class binding of every resource that can cross to JS.
    classes: HashMap<u32, String>,
    /// Which imports suspend and which exports return promises (`--async-mode jspi`).
    jspi: jspi::Jspi,
    /// Host classes the module binds, by import and export path.
    host_classes: BTreeSet<(usize, Vec<String>)>,
}

/// Every component-defined resource in an exported function's signature must have a class:
/// the component exports its type (validation makes sure of that).
fn check_classes(plan: &Plan, classes: &HashMap<u32, String>) -> Result<(), Error> {
    let mut stack: Vec<(String, &Export)> = plan.exports.iter().map(|(n, e)| (n.clone(), e)).collect();
    while let Some((name, export)) = stack.pop() {
        match export {
            Export::Func(FuncDef::Lifted(lifted)) => {
                if lifted.resources.iter().any(|(_, r)| !classes.contains_key(r)) {
                    return Err(Error::new(format!("exported function `{name}` uses a resource type the component does not export")));
                }
            }
            Export::Instance(items) => stack.extend(items.iter().map(|(n, e)| (format!("{name}#{n}"), e))),
            Export::Func(FuncDef::Host(_)) | Export::Resource(_) | Export::Module(_) => {}
        }
    }
    Ok(())
}

impl Emitter<'_> {
    fn core_ref(&mut self, def: &CoreDef) -> String {
        self.core_binding(def, false)
    }

    /// The variable holding core item `def`, wrapped with `WebAssembly.promising` if
    /// `promising` (a trampoline is JS already: it is never wrapped).
    fn core_binding(&mut self, def: &CoreDef, promising: bool) -> String {
        match def {
            CoreDef::Trampoline(t) => format!("trampoline{t}"),
            CoreDef::Export { instance, name } => {
                let key = (def.clone(), promising);
                if let Some(var) = self.core_vars.get(&key) {
                    return var.clone();
                }
                let var = format!("{}{}", if promising { "promising" } else { "core" }, self.core_vars.len());
                self.core_vars.insert(key, var.clone());
                self.core_binds.push(CoreBind { instance: *instance, name: name.clone(), var: var.clone(), promising });
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
        let next = self.hosts.len();
        let index = *self.host_indices.entry(key.clone()).or_insert(next);
        if index == next {
            self.hosts.push(key);
        }
        format!("host{index}")
    }

    /// A binding name for `name` that cannot shadow generated names.
    fn local_name(&self, name: &str) -> String {
        if is_generated_name(name) { format!("{name}$") } else { name.to_string() }
    }

    fn module<'b>(mut self, bytes: &'b [u8]) -> Result<Output<'b>, Error> {
        let mut functions = String::new();
        for (i, trampoline) in self.plan.trampolines.iter().enumerate() {
            functions.push_str(&self.trampoline(i, trampoline));
        }
        let mut exported = Vec::new(); // (export name, binding, kind)
        let mut interfaces = String::new();
        let mut members = HashMap::new();
        resources::class_members(&self.plan.exports, &mut members)?;
        let js_names = export_names(&self.plan.exports);
        for ((name, export), js_name) in self.plan.exports.iter().zip(js_names) {
            let Some(js_name) = js_name else { continue };
            match export {
                Export::Func(func) => {
                    let binding = self.local_name(&js_name);
                    self.func_binding(&binding, &js_name, func, &mut functions);
                    exported.push((js_name, binding, ExportKind::Function));
                }
                Export::Resource(r) => exported.push((js_name, self.class_binding(*r), ExportKind::Class)),
                Export::Module(module) => exported.push((js_name, self.module_value(*module)?, ExportKind::Module)),
                Export::Instance(items) => {
                    let binding = self.local_name(&js_name);
                    let object = self.instance_object(&binding, &js_name, items, &mut functions, &mut members)?;
                    interfaces.push_str(&format!("const {binding} = {object};\n"));
                    exported.push((js_name, binding.clone(), ExportKind::Instance));
                    if self.options.namespaced_exports && name.contains(':') {
                        exported.push((name.clone(), binding, ExportKind::Instance));
                    }
                }
            }
        }
        let mut classes: Vec<(u32, resources::Members<'_>)> = self
            .classes
            .keys()
            .filter(|r| self.plan.resources[**r as usize].instance().is_some())
            .map(|r| (*r, members.remove(r).unwrap_or_default()))
            .collect();
        classes.sort_by_key(|(r, _)| *r);
        for (r, members) in &classes {
            functions.push_str(&self.resource_class(*r, members)?);
        }
        functions.insert_str(0, &self.resource_support());
        let files = self.module_files(bytes);
        let (imports, host_bindings, specifiers) = self.host_imports()?;
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

        let mut out_files = vec![(format!("{}.js", self.options.name), Cow::Owned(js.into_bytes()))];
        for file in files.into_iter().filter(|f| f.inline.is_none()) {
            out_files.push((file.name, Cow::Borrowed(file.bytes)));
        }
        Ok(Output {
            files: out_files,
            imports: specifiers,
            exports: exported.into_iter().map(|(name, _, kind)| (name, kind)).collect(),
            warnings: Vec::new(),
        })
    }

    /// The JS object for an exported instance: its functions (bound as `<prefix>$<name>`),
    /// resource classes and nested instances.
    fn instance_object<'p>(
        &mut self,
        prefix: &str,
        display: &str,
        items: &'p [(String, Export)],
        functions: &mut String,
        members: &mut HashMap<u32, resources::Members<'p>>,
    ) -> Result<String, Error> {
        resources::class_members(items, members)?;
        let mut fields = Vec::new();
        for ((_, export), key) in items.iter().zip(export_names(items)) {
            let Some(key) = key else { continue };
            let value = match export {
                Export::Func(func) => {
                    let binding = format!("{prefix}${key}");
                    self.func_binding(&binding, &format!("{display}.{key}"), func, functions);
                    binding
                }
                Export::Resource(r) => self.class_binding(*r),
                Export::Module(module) => self.module_value(*module)?,
                Export::Instance(items) => {
                    self.instance_object(&format!("{prefix}${key}"), &format!("{display}.{key}"), items, functions, members)?
                }
            };
            let key = if is_identifier(&key) { key } else { js_string(&key) };
            fields.push(if key == value { key } else { format!("{key}: {value}") });
        }
        Ok(format!("{{ {} }}", fields.join(", ")))
    }

    /// The variable holding a core module, for exporting it. With `--tla-compat` the modules
    /// are compiled inside the `$init` function, where an export cannot reach them.
    fn module_value(&mut self, module: CoreModuleRef) -> Result<String, Error> {
        if self.options.tla_compat && self.options.instantiation == Instantiation::Automatic {
            return Err(Error::new("exporting a core module is not supported with --tla-compat"));
        }
        Ok(module_var(module))
    }

    /// The binding of a resource's class, noting a host class as used.
    fn class_binding(&mut self, r: u32) -> String {
        if let RuntimeResource::Host { import, path } = &self.plan.resources[r as usize] {
            self.host_classes.insert((*import, path.clone()));
        }
        self.classes[&r].clone()
    }

    /// Binds an exported function: `display` is how messages name it (`iface.doIt`).
    fn func_binding(&mut self, binding: &str, display: &str, func: &FuncDef, functions: &mut String) {
        match func {
            FuncDef::Lifted(lifted) => {
                let form = WrapperForm { head: format!("function {binding}"), display: display.to_string(), method: false };
                functions.push_str(&self.export_function(&form, lifted))
            }
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

    /// The host class a resource function belongs to, as import and export path.
    fn host_func_class(&self, import: usize, path: &[String]) -> Result<Option<(usize, Vec<String>)>, Error> {
        let name = self.plan.host_item_name(import, path);
        let Some(resource) = FuncName::parse(name).resource() else { return Ok(None) };
        if let Some((_, parent)) = path.split_last() {
            let mut path = parent.to_vec();
            path.push(resource.to_string());
            return Ok(Some((import, path)));
        }
        let import = self.plan.imports.iter().position(|i| i.name == resource).ok_or_else(|| {
            Error::new(format!("import `{name}`: its resource type `{resource}` is not imported"))
        })?;
        Ok(Some((import, Vec::new())))
    }

    /// ES imports (automatic mode), the statements binding `class<..>` and `host<n>`, and the
    /// specifiers.
    fn host_imports(&mut self) -> Result<(String, String, Vec<String>), Error> {
        for r in std::mem::take(&mut self.state.host_classes) {
            self.class_binding(r);
        }
        let mut funcs = Vec::new();
        for (index, (import, path)) in self.hosts.iter().enumerate() {
            let class = self.host_func_class(*import, path)?;
            if let Some(class) = &class {
                self.host_classes.insert(class.clone());
            }
            funcs.push((index, *import, path.clone(), class));
        }
        let mut out = HostBindings::default();
        for (import, path) in &self.host_classes {
            let props: Vec<String> = match path.split_last() {
                Some((last, parents)) => parents.iter().map(|p| lower_camel(p)).chain([upper_camel(last)]).collect(),
                None => Vec::new(),
            };
            self.bind_import(&mut out, &resources::host_class_var(*import, path), *import, &props, ImportKind::Class);
        }
        for (index, func_import, func_path, class) in funcs {
            let host = format!("host{index}");
            let Some((import, path)) = class else {
                let props: Vec<String> = func_path.iter().map(|p| lower_camel(p)).collect();
                self.bind_import(&mut out, &host, func_import, &props, ImportKind::Function);
                continue;
            };
            let class = resources::host_class_var(import, &path);
            let (expr, what) = match FuncName::parse(self.plan.host_item_name(func_import, &func_path)) {
                FuncName::Method { name, .. } => {
                    let name = lower_camel_property(name);
                    (format!("{class}.prototype.{name}"), format!("method `{name}`"))
                }
                FuncName::Static { name, .. } => {
                    let name = lower_camel_property(name);
                    (format!("{class}.{name}?.bind({class})"), format!("static method `{name}`"))
                }
                _ => (class.clone(), "constructor".to_string()),
            };
            out.bindings.push_str(&format!("const {host} = {expr};\n"));
            let resource = path.last().map(String::as_str).unwrap_or(&self.plan.imports[import].name);
            let message = format!("missing import: the {what} of class {} must be a function", upper_camel(resource));
            out.bindings.push_str(&format!("if (typeof {host} !== 'function') throw new TypeError({});\n", js_string(&message)));
        }
        for (k, (import, path)) in self.plan.host_modules.iter().enumerate() {
            let props: Vec<String> = path.iter().map(|p| lower_camel(p)).collect();
            self.bind_import(&mut out, &module_var(CoreModuleRef::Host(k)), *import, &props, ImportKind::Module);
        }
        Ok((out.imports, out.bindings, out.specifiers))
    }

    /// Binds `var` to export `props` (a property path) of host import `import`: an ES import in
    /// automatic mode, a lookup in `imports` otherwise, checked to be a function.
    fn bind_import(&self, out: &mut HostBindings, var: &str, import: usize, props: &[String], kind: ImportKind) {
        let automatic = self.options.instantiation == Instantiation::Automatic;
        let name = &self.plan.imports[import].name;
        let (specifier, export) = resolve_specifier(&self.options.import_map(), self.plan.imports.iter().map(|i| i.name.as_str()), name);
        if !out.specifiers.contains(&specifier) {
            out.specifiers.push(specifier.clone());
        }
        let described = format!(
            "import {} {}",
            js_string(&specifier),
            if props.is_empty() { "(its default export)".to_string() } else { format!("`{}`", props.join(".")) }
        );
        if automatic && export.is_none() && props.len() <= 1 {
            let imported = props.first().map(String::as_str).unwrap_or("default");
            out.imports.push_str(&format!("import {{ {} as {var} }} from {};\n", property_key(imported), js_string(&specifier)));
            return;
        }
        if !out.modules.contains_key(&import) {
            let module = format!("import{import}");
            if automatic {
                let export = export.clone().unwrap_or_else(|| "default".to_string());
                out.imports.push_str(&format!("import {{ {} as {module} }} from {};\n", property_key(&export), js_string(&specifier)));
            } else {
                let mut expr = format!("imports[{}]", js_string(&specifier));
                if let Some(export) = &export {
                    expr = format!("{expr}?.[{}]", js_string(export));
                } else if props.is_empty() {
                    expr = format!("({} ? {expr} : {expr}?.default)", kind.test(&expr));
                }
                out.bindings.push_str(&format!("const {module} = {expr};\n"));
            }
            out.modules.insert(import, module);
        }
        let access: String = props.iter().map(|p| format!("?.{p}")).collect();
        out.bindings.push_str(&format!("const {var} = {}{access};\n", out.modules[&import]));
        out.bindings.push_str(&format!(
            "if (!{}) throw new TypeError({});\n",
            kind.test(var),
            js_string(&format!("missing import: {described} must be {}", kind.described()))
        ));
    }

    fn state_declarations(&mut self) -> String {
        let mut b = Body::default();
        if !self.plan.instances.is_empty() {
            let vars: Vec<String> = (0..self.plan.instances.len()).map(|i| format!("exports{i}")).collect();
            b.line(format!("let {};", vars.join(", ")));
        }
        if !self.core_binds.is_empty() {
            let vars: Vec<String> = self.core_binds.iter().map(|bind| bind.var.clone()).collect();
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
    fn instantiation(&mut self, files: &[CoreFile<'_>]) -> String {
        let mode = self.options.instantiation;
        let awaits = if mode == Instantiation::Sync { "" } else { "await " };
        let mut b = Body::default();
        if self.jspi.suspends_any() || self.core_binds.iter().any(|bind| bind.promising) {
            self.helpers.use_helper("require-jspi");
            b.line("requireJspi();");
        }
        let loads: Vec<String> = files
            .iter()
            .map(|file| match (&file.inline, mode) {
                (Some(data), Instantiation::Sync) => format!("new WebAssembly.Module(base64Bytes({}))", js_string(data)),
                (Some(data), _) => format!("WebAssembly.compile(base64Bytes({}))", js_string(data)),
                (None, Instantiation::Automatic) => format!("loadCoreModule(new URL({}, import.meta.url))", js_string(&file.name)),
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
            b.line(format!("exports{i} = ({awaits}{instantiate}({}, {{ {} }})).exports;", module_var(instance.module), args.join(", ")));
            for bind in self.core_binds.iter().filter(|bind| bind.instance as usize == i) {
                let export = format!("exports{}[{}]", bind.instance, js_string(&bind.name));
                let value = if bind.promising { jspi::promising(&export) } else { export };
                b.line(format!("{} = {value};", bind.var));
            }
        }
        b.finish()
    }

    fn core_expr(&self, def: &CoreDef) -> String {
        match def {
            CoreDef::Trampoline(t) if self.jspi.suspends(*t) => jspi::suspending(&format!("trampoline{t}")),
            CoreDef::Trampoline(t) => format!("trampoline{t}"),
            CoreDef::Export { instance, name } => format!("exports{instance}[{}]", js_string(name)),
        }
    }
}

/// A core export bound to a variable after its instance exists.
struct CoreBind {
    instance: u32,
    name: String,
    var: String,
    /// Bound wrapped with `WebAssembly.promising`.
    promising: bool,
}

/// The variable holding a core module: `module<n>` (compiled from `.core<n>.wasm`), or
/// `hostModule<k>` (given by the host).
fn module_var(module: CoreModuleRef) -> String {
    match module {
        CoreModuleRef::File(n) => format!("module{n}"),
        CoreModuleRef::Host(k) => format!("hostModule{k}"),
    }
}

/// What a host import must be.
#[derive(Debug, Clone, Copy)]
enum ImportKind {
    Function,
    Class,
    Module,
}

impl ImportKind {
    /// A JS test that `value` is one.
    fn test(self, value: &str) -> String {
        match self {
            ImportKind::Function | ImportKind::Class => format!("(typeof {value} === 'function')"),
            ImportKind::Module => format!("({value} instanceof WebAssembly.Module)"),
        }
    }

    fn described(self) -> &'static str {
        match self {
            ImportKind::Function => "a function",
            ImportKind::Class => "a class",
            ImportKind::Module => "a WebAssembly.Module",
        }
    }
}

/// What binding host imports produces.
#[derive(Default)]
struct HostBindings {
    /// ES import declarations (automatic mode).
    imports: String,
    /// Statements binding `class<..>`, `host<n>` and the `import<n>` modules they come from.
    bindings: String,
    specifiers: Vec<String>,
    modules: HashMap<usize, String>,
}

struct CoreFile<'b> {
    name: String,
    bytes: &'b [u8],
    inline: Option<String>,
}

/// The JS name of each export in one scope (`None` for a resource's member function, which
/// lives on its class): functions and instances lowerCamelCase, resource classes
/// UpperCamelCase, an interface by its short name; clashes as [`unique_export_names`] settles them.
fn export_names(scope: &[(String, Export)]) -> Vec<Option<String>> {
    let base = |name: &str, export: &Export| match export {
        Export::Func(_) if FuncName::parse(name).resource().is_some() => None,
        Export::Func(_) | Export::Module(_) => Some(lower_camel(name)),
        Export::Resource(_) => Some(upper_camel(name)),
        Export::Instance(_) => Some(interface_short_name(name)),
    };
    unique_export_names(scope.iter().map(|(name, export)| (base(name, export), name.contains(':'))).collect())
}

/// Names the generated code uses for itself: helpers and `<word><number>` locals and state.
fn is_generated_name(name: &str) -> bool {
    let digits = name.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let numbered = !digits.is_empty() && digits.len() < name.len() && digits.chars().all(|c| c.is_ascii_digit());
    numbered
        || helper_names().contains(name)
        || matches!(
            name,
            "instantiate" | "getCoreModule" | "imports" | "instantiateCore" | "params" | "retptr" | "entry" | "value"
                | "where" | "e" | "ptr" | "len" | "dv" | "out" | "i" | "rep" | "handle"
        )
}

/// Whether a helper's source declares `name` at top level.
/// The top-level names the runtime helpers define, read from their sources once.
fn helper_names() -> &'static HashSet<&'static str> {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let lines = runtime::HELPERS.iter().flat_map(|h| h.source.lines());
        let defined = lines.filter_map(|line| {
            ["function ", "async function ", "class ", "const ", "let "].iter().find_map(|kw| line.strip_prefix(kw))
        });
        defined.filter_map(|rest| rest.split(['(', ' ', '=']).next()).collect()
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
