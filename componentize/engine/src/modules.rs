//! The module loader: the user's modules by name (relative specifiers resolved against the
//! importing module), and one synthetic module per imported interface (and per world-level
//! imported function or resource) whose exports are the import's functions and classes.

use ferry_componentize_schema::FuncKind;
use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Exception, Module, Object, Persistent, Result, qjs};

use crate::state::{Named, State, restore, state};

/// Resolves specifiers to module names.
pub struct Names;

/// Loads modules by the names `Names` gives.
pub struct Modules;

/// `base`'s directory joined with the relative `specifier`, `.` and `..` segments removed;
/// `None` if it climbs above the root.
fn join(base: &str, specifier: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for segment in specifier.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(segment),
        }
    }
    Some(parts.join("/"))
}

fn is_module(st: &State, name: &str) -> bool {
    st.modules.borrow().contains(name) || st.js().namespaces.contains(name)
}

impl Resolver for Names {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _: Option<ImportAttributes<'js>>,
    ) -> Result<String> {
        let st = state();
        let resolved = if name.starts_with("./") || name.starts_with("../") {
            join(base, name).filter(|n| is_module(st, n))
        } else if let Some(canonical) = st.aliases.get(name) {
            Some(canonical.clone())
        } else {
            Some(name.to_string()).filter(|n| is_module(st, n))
        };
        resolved
            .ok_or_else(|| Exception::throw_message(ctx, &format!("cannot find module `{name}` imported by {base}")))
    }
}

impl Loader for Modules {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _: Option<ImportAttributes<'js>>,
    ) -> Result<Module<'js, Declared>> {
        let st = state();
        if let Some(source) = st.take_source(name) {
            return declare(ctx, name, source);
        }
        let Some(namespace) = namespace(ctx, st, name) else {
            return Err(Exception::throw_message(ctx, &format!("cannot find module `{name}`")));
        };
        let mut source = String::from("const m = import.meta.ferry;\n");
        for key in namespace.keys::<String>() {
            let key = key?;
            source.push_str(&format!("export const {key} = m.{key};\n"));
        }
        if !name.contains(':') {
            // A world-level function or resource (the module's one export): also the default
            // export.
            source.push_str(&format!(
                "export default m.{};\n",
                namespace.keys::<String>().next().transpose()?.unwrap_or_default()
            ));
        }
        let module = Module::declare(ctx.clone(), name, source)?;
        module.meta()?.set("ferry", namespace)?;
        Ok(module)
    }
}

thread_local! {
    /// The source `compile` takes (NUL-terminated): `Module::from_load_fn` passes no data.
    static PENDING: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Compiles a module of the user's. rquickjs's `Module::declare` copies the source first, so
/// this compiles with QuickJS's `JS_Eval` itself.
pub fn declare<'js>(ctx: &Ctx<'js>, name: &str, source: String) -> Result<Module<'js, Declared>> {
    let mut bytes = source.into_bytes();
    bytes.push(0);
    PENDING.with(|pending| *pending.borrow_mut() = bytes);
    unsafe { Module::from_load_fn(ctx.clone(), name, compile) }
}

unsafe extern "C" fn compile(ctx: *mut qjs::JSContext, name: *const std::ffi::c_char) -> *mut qjs::JSModuleDef {
    let source = PENDING.with(|pending| std::mem::take(&mut *pending.borrow_mut()));
    let flags = qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_STRICT | qjs::JS_EVAL_FLAG_COMPILE_ONLY;
    let module = unsafe { qjs::JS_Eval(ctx, source.as_ptr().cast(), (source.len() - 1) as _, name, flags as _) };
    if unsafe { qjs::JS_IsException(module) } {
        return std::ptr::null_mut();
    }
    unsafe { qjs::JS_VALUE_GET_PTR(module).cast() }
}

/// The object behind the synthetic module of imported interface `interface` (with or
/// without its version), if the world imports it.
pub fn namespace<'js>(ctx: &Ctx<'js>, st: &State, interface: &str) -> Option<Object<'js>> {
    let name = st.aliases.get(interface).map_or(interface, String::as_str);
    st.js().namespaces.get(name).map(|namespace| restore(ctx, namespace))
}

/// The objects behind the synthetic modules: for each imported interface (by its namespace
/// as the world names it) its free functions and its resources' classes; for each
/// world-level imported function or resource an object with just that function or class.
pub fn namespaces<'js>(
    ctx: &Ctx<'js>,
    st: &State,
    classes: &[Option<crate::resources::ImportedClass>],
) -> Result<Named<Persistent<Object<'static>>>> {
    let mut objects: Named<Object<'js>> = Named::default();
    let mut object = |name: &str| -> Result<Object<'js>> {
        if let Some(o) = objects.get(name) {
            return Ok(o.clone());
        }
        let o = Object::new(ctx.clone())?;
        objects.insert(name.to_string(), o.clone());
        Ok(o)
    };
    for (index, func) in st.schema.imports.iter().enumerate() {
        if func.kind != FuncKind::Free {
            continue;
        }
        let f = crate::imports::function(ctx, index as u32)?;
        let module = func.namespace.as_deref().unwrap_or(&func.name);
        object(module)?.set(func.name.as_str(), f)?;
    }
    for (r, resource) in st.schema.resources.iter().enumerate() {
        if let (Some(namespace), Some(class), false) = (&resource.namespace, &classes[r], resource.exported) {
            object(namespace)?.set(resource.name.as_str(), restore(ctx, &class.class))?;
        }
    }
    let mut saved = Named::default();
    for (name, o) in objects.iter() {
        saved.insert(name.clone(), Persistent::save(ctx, o.clone()));
    }
    Ok(saved)
}
