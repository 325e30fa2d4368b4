//! Resources at the JS boundary. A resource defined by the component is a JS class whose
//! objects keep the handle's rep (`resourceRep`): its constructor, methods and statics are
//! the component's `[constructor]`/`[method]`/`[static]` exports, `[Symbol.dispose]()` drops
//! it, and a `FinalizationRegistry` drops objects collected without being disposed. A
//! resource defined by the host is the host's class; its objects are their own reps.

use super::code::Body;
use super::funcs::WrapperForm;
use super::{indent, Emitter};
use crate::error::Error;
use crate::names::{lower_camel_property, upper_camel, FuncName};
use crate::plan::{Export, FuncDef, Lifted, Plan, RuntimeResource};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// The functions a component-defined resource may need besides its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GuestFn {
    /// `resourceObject<r>(rep)`: a new object owning `rep`.
    Object,
    /// `moveResource<r>(value, where)`: takes the rep out of an object moving into a component.
    Move,
    /// `restoreResource<r>(value, rep)`: gives it back (the call was rejected before it ran).
    Restore,
}

/// The class binding of each resource that can cross to JS: a component-defined resource
/// is named after its first export (`BlobStore`), a host-defined one after its import
/// (`class<import>$BlobStore`).
pub fn class_names(plan: &Plan, is_taken: impl Fn(&str) -> bool) -> HashMap<u32, String> {
    let mut names = HashMap::new();
    let mut used = BTreeSet::new();
    let mut add = |r: u32, name: &str, names: &mut HashMap<u32, String>| {
        if names.contains_key(&r) || plan.resources[r as usize].instance().is_none() {
            return;
        }
        let base = upper_camel(name);
        let base = if is_taken(&base) { format!("{base}$") } else { base };
        let mut name = base.clone();
        for n in 2.. {
            if used.insert(name.clone()) {
                break;
            }
            name = format!("{base}{n}");
        }
        names.insert(r, name);
    };
    let mut stack: Vec<&[(String, Export)]> = vec![&plan.exports];
    while let Some(scope) = stack.pop() {
        for (name, export) in scope {
            match export {
                Export::Resource(r) => add(*r, name, &mut names),
                Export::Instance(items) => stack.push(items),
                Export::Func(_) | Export::Module(_) => {}
            }
        }
    }
    for (r, resource) in plan.resources.iter().enumerate() {
        if let RuntimeResource::Host { import, path } = resource {
            names.insert(r as u32, host_class_var(*import, path));
        }
    }
    names
}

/// The variable bound to the host's class for the resource exported at `path` of import
/// `import` (at the root when `path` is empty).
pub fn host_class_var(import: usize, path: &[String]) -> String {
    let mut var = format!("class{import}");
    for part in path {
        var.push('$');
        var.push_str(&upper_camel(part));
    }
    var
}

/// A resource class's member functions by export name (`[method]point.x`).
pub type Members<'p> = Vec<(&'p str, Rc<Lifted>)>;

/// The export functions of one scope (the root, or one exported instance) that belong to
/// resource classes, grouped by resource.
pub fn class_members<'p>(scope: &'p [(String, Export)], members: &mut HashMap<u32, Members<'p>>) -> Result<(), Error> {
    for (name, export) in scope {
        let Export::Func(func) = export else { continue };
        let Some(resource) = FuncName::parse(name).resource() else { continue };
        let r = scope
            .iter()
            .find_map(|(n, e)| match e {
                Export::Resource(r) if n == resource => Some(*r),
                _ => None,
            })
            .ok_or_else(|| Error::new(format!("export `{name}`: its resource type `{resource}` is not exported beside it")))?;
        match func {
            FuncDef::Lifted(lifted) => members.entry(r).or_default().push((name, lifted.clone())),
            FuncDef::Host(_) => {
                return Err(Error::new(format!("export `{name}`: re-exporting a host function as a resource member is not supported")));
            }
        }
    }
    Ok(())
}

impl Emitter<'_> {
    /// `class Name { ... }` for component-defined resource `r`, with its members.
    pub fn resource_class(&mut self, r: u32, members: &Members<'_>) -> Result<String, Error> {
        let class = self.classes[&r].clone();
        let mut body = String::new();
        let mut has_constructor = false;
        for (name, lifted) in members {
            let form = match FuncName::parse(name) {
                FuncName::Constructor { .. } => {
                    has_constructor = true;
                    WrapperForm { head: "constructor".into(), display: format!("new {class}"), method: false }
                }
                FuncName::Method { name, .. } => {
                    let js = lower_camel_property(name);
                    WrapperForm { head: js.clone(), display: format!("{class}.{js}"), method: true }
                }
                FuncName::Static { name, .. } => {
                    let js = lower_camel_property(name);
                    WrapperForm { head: format!("static {js}"), display: format!("{class}.{js}"), method: false }
                }
                FuncName::Freestanding(_) => unreachable!("class_members keeps resource functions only"),
            };
            if form.method && lifted.ty.params.is_empty() {
                return Err(Error::new(format!("export `{name}`: a method needs a `self` parameter")));
            }
            body.push_str(&self.export_function(&form, lifted));
        }
        self.helpers.use_helper("resource-object");
        let mut b = Body::default();
        if !has_constructor {
            b.open("constructor()");
            b.line(format!("throw new TypeError({});", crate::names::js_string(&format!("{class} has no constructor"))));
            b.close();
        }
        b.open("[symbolDispose]()");
        b.line("const rep = this[resourceRep];");
        b.line("if (rep === undefined) return;");
        if self.has_dtor(r) {
            // Dropped first: refused (the instance is running or trapped), the object keeps
            // its resource and may be disposed later.
            b.line(format!("dropResource{r}(rep);"));
            b.line(format!("finalizer{r}.unregister(this);"));
        }
        b.line("this[resourceRep] = undefined;");
        b.close();
        body.push_str(&b.finish());
        Ok(format!("class {class} {{\n{}}}\n", indent(&body)))
    }

    fn has_dtor(&self, r: u32) -> bool {
        matches!(self.plan.resources[r as usize], RuntimeResource::Guest { dtor: Some(_), .. })
    }

    /// The finalizer and drop function of every component-defined resource with a
    /// destructor that has a class, then the functions values code asked for.
    pub fn resource_support(&mut self) -> String {
        let mut b = Body::default();
        let mut classes: Vec<u32> = self.classes.keys().copied().filter(|r| self.has_dtor(*r)).collect();
        classes.sort_unstable();
        for r in classes {
            let owner = self.plan.resources[r as usize].instance().expect("guest resource");
            b.open(format!("function dropResource{r}(rep)"));
            self.destroy(&mut b, r, "rep", None);
            b.close();
            self.states.insert(owner);
            b.line(format!(
                "const finalizer{r} = new FinalizationRegistry((rep) => {{ if (state{owner} === 0) dropResource{r}(rep); }});"
            ));
        }
        for (r, f) in std::mem::take(&mut self.state.guest_objects) {
            let class = &self.classes[&r];
            let dtor = self.has_dtor(r);
            match f {
                GuestFn::Object => {
                    b.open(format!("function resourceObject{r}(rep)"));
                    b.line(format!("const object = Object.create({class}.prototype);"));
                    b.line("object[resourceRep] = rep;");
                    if dtor {
                        b.line(format!("finalizer{r}.register(object, rep, object);"));
                    }
                    b.line("return object;");
                }
                GuestFn::Move => {
                    b.open(format!("function moveResource{r}(value, where)"));
                    b.line(format!("const rep = resourceRepOf(value, {class}, where);"));
                    b.line("value[resourceRep] = undefined;");
                    if dtor {
                        b.line(format!("finalizer{r}.unregister(value);"));
                    }
                    b.line("return rep;");
                }
                GuestFn::Restore => {
                    b.open(format!("function restoreResource{r}(value, rep)"));
                    b.line("value[resourceRep] = rep;");
                    if dtor {
                        b.line(format!("finalizer{r}.register(value, rep, value);"));
                    }
                }
            }
            b.close();
        }
        b.finish()
    }
}
