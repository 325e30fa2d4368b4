//! Functions and resource classes. A function whose whole result is a `result<T, E>` returns
//! `T` in JS and signals `E` by throwing (`ComponentError` from an export, any value from a
//! host import), so its declaration returns `T` and documents the throw.
//!
//! A resource is a class in one of two forms. The side that calls it (a host calling the
//! component's exports, a guest calling its imports) gets a `class` with `[Symbol.dispose]()`.
//! The side that implements it (a host's import, a guest's export) gets an `interface` for
//! its objects and an object type for its class (`new (...)` and statics), which any class
//! of the user's with those members satisfies; `[Symbol.dispose]` is optional there.

use super::printer::Printer;
use super::types::kind_of;
use super::{Role, Scope, Side, World};
use crate::error::Error;
use crate::names::{lower_camel, lower_camel_property};
use wit_parser::{Function, FunctionKind, InterfaceId, TypeDefKind, TypeId, TypeOwner, WorldItem};

/// A function's parameters and result as TS, and JSDoc tags for what the types cannot say.
pub struct Signature {
    pub params: String,
    pub result: String,
    pub tags: Vec<String>,
}

impl Signature {
    /// `(a: A): R`, for a function or method declaration.
    pub fn method(&self) -> String {
        format!("({}): {}", self.params, self.result)
    }

    /// `(a: A) => R`, for a function type.
    pub fn arrow(&self) -> String {
        format!("({}) => {}", self.params, self.result)
    }
}

impl World<'_> {
    /// The signature of `f` as `role` sees it, written in `scope`.
    pub fn signature(&self, f: &Function, role: Role, scope: Scope) -> Result<Signature, Error> {
        self.signature_of(f, role, scope).map_err(|e| Error::new(format!("function `{}`: {e}", f.name)))
    }

    fn signature_of(&self, f: &Function, role: Role, scope: Scope) -> Result<Signature, Error> {
        let skip = match f.kind {
            FunctionKind::Freestanding | FunctionKind::Static(_) | FunctionKind::Constructor(_) => 0,
            FunctionKind::Method(_) => 1,
            FunctionKind::AsyncFreestanding | FunctionKind::AsyncMethod(_) | FunctionKind::AsyncStatic(_) => {
                return Err(Error::new("async functions are not supported yet"));
            }
            _ => return Err(Error::new("getters and setters are not supported yet")),
        };
        let Some(params) = f.params.get(skip..) else {
            return Err(Error::new("a method needs a `self` parameter"));
        };
        let params = params
            .iter()
            .map(|param| Ok(format!("{}: {}", lower_camel(&param.name), self.ts(&param.ty, role.params(), scope)?)))
            .collect::<Result<Vec<_>, Error>>()?
            .join(", ");
        let mut tags = Vec::new();
        let result = match f.result {
            None => "void".to_string(),
            Some(ty) => match kind_of(self.resolve, ty) {
                Some(TypeDefKind::Result(r)) => {
                    let payload = match &r.err {
                        Some(err) => format!("the error value (`{}`)", self.ts(err, role.results(), scope)?),
                        None => "`undefined` (the error has no value)".to_string(),
                    };
                    tags.push(match (role, self.side) {
                        (Role::Caller, Side::Host) => format!("@throws {{ComponentError}} if the component returns an error; its `payload` is {payload}"),
                        (Role::Caller, Side::Guest) => format!("@throws if the call returns an error: an error whose `payload` is {payload}"),
                        (Role::Callee, _) => format!(
                            "@throws to return an error, which is the thrown value, or its `payload` property if it has one: {payload}"
                        ),
                    });
                    match &r.ok {
                        Some(ok) => self.ts(ok, role.results(), scope)?,
                        None => "void".to_string(),
                    }
                }
                _ => self.ts(&ty, role.results(), scope)?,
            },
        };
        let result = match role {
            _ if !self.is_async(f, role, scope) => result,
            Role::Caller => format!("Promise<{result}>"),
            Role::Callee => format!("{result} | Promise<{result}>"),
        };
        Ok(Signature { params, result, tags })
    }

    /// Whether `f`'s whole result is a `result`, which makes a caller's module export
    /// `ComponentError`.
    pub fn returns_result(&self, f: &Function) -> bool {
        f.result.is_some_and(|ty| matches!(kind_of(self.resolve, ty), Some(TypeDefKind::Result(_))))
    }

    /// The functions of `interface` that are not resource members.
    pub fn free_functions(&self, interface: InterfaceId) -> impl Iterator<Item = &Function> {
        self.resolve.interfaces[interface].functions.values().filter(|f| f.kind.resource().is_none())
    }

    /// The constructor, methods and statics of `resource`: functions of its interface, or
    /// world-level imports for a world-level resource.
    fn members(&self, resource: TypeId) -> impl Iterator<Item = &Function> {
        let (interface, world) = match self.resolve.types[resource].owner {
            TypeOwner::Interface(i) => (Some(i), None),
            TypeOwner::World(w) => (None, Some(w)),
            TypeOwner::None => (None, None),
        };
        let in_interface = interface.into_iter().flat_map(|i| self.resolve.interfaces[i].functions.values());
        let in_world = world.into_iter().flat_map(|w| self.resolve.worlds[w].imports.values()).filter_map(|item| match item {
            WorldItem::Function(f) => Some(f),
            _ => None,
        });
        in_interface.chain(in_world).filter(move |f| f.kind.resource() == Some(resource))
    }

    /// The declarations of `resource`'s class in the form `role` needs (see the module docs),
    /// each starting with `prefix`: `export ` in a namespace or an interface's ambient module,
    /// `declare ` at the main file's top level, nothing in a world-level resource's own module.
    pub fn resource_class(&self, p: &mut Printer, prefix: &str, resource: TypeId, scope: Scope, role: Role) -> Result<(), Error> {
        match role {
            Role::Caller => self.caller_class(p, prefix, resource, scope),
            Role::Callee => {
                // An interface is a type: it needs no `declare`.
                self.callee_instance(p, if prefix == "declare " { "" } else { prefix }, resource, scope)?;
                let head = format!("{prefix}const {}", self.type_name(resource));
                self.callee_statics(p, &head, resource, scope)
            }
        }
    }

    /// `export function name(...): R;`, documented.
    pub fn function_decl(&self, p: &mut Printer, f: &Function, role: Role, scope: Scope) -> Result<(), Error> {
        let sig = self.signature(f, role, scope)?;
        p.doc(&f.docs, &sig.tags);
        p.line(format!("export function {}{};", lower_camel(&f.name), sig.method()));
        Ok(())
    }

    /// `name(...): R;` as a member of an object type, documented.
    pub fn function_member(&self, p: &mut Printer, key: &str, f: &Function, role: Role, scope: Scope) -> Result<(), Error> {
        let sig = self.signature(f, role, scope)?;
        p.doc(&f.docs, &sig.tags);
        p.line(format!("{key}{};", sig.method()));
        Ok(())
    }

    /// The class of a resource the component implements (or, for a guest, its imports):
    /// `<prefix>class R { ... }`.
    fn caller_class(&self, p: &mut Printer, prefix: &str, resource: TypeId, scope: Scope) -> Result<(), Error> {
        let class = self.type_name(resource);
        p.doc(&self.resolve.types[resource].docs, &[]);
        p.open(format!("{prefix}class {class}"));
        if !self.members(resource).any(|f| matches!(f.kind, FunctionKind::Constructor(_))) {
            p.comment(&format!("`{class}` has no constructor: only functions of the world make its objects."));
            p.line("private constructor();");
        }
        for f in self.members(resource) {
            let sig = self.signature(f, Role::Caller, scope)?;
            p.doc(&f.docs, &sig.tags);
            p.line(match f.kind {
                FunctionKind::Constructor(_) => format!("constructor({});", sig.params),
                FunctionKind::Static(_) => format!("static {}{};", lower_camel_property(f.item_name()), sig.method()),
                _ => format!("{}{};", lower_camel_property(f.item_name()), sig.method()),
            });
        }
        p.comment("Drops the handle; the object cannot be used afterwards.");
        p.line("[Symbol.dispose](): void;");
        p.close("");
        Ok(())
    }

    /// The objects of a resource JS implements: `<prefix>interface R { ...methods }`.
    pub fn callee_instance(&self, p: &mut Printer, prefix: &str, resource: TypeId, scope: Scope) -> Result<(), Error> {
        p.doc(&self.resolve.types[resource].docs, &[]);
        p.open(format!("{prefix}interface {}", self.type_name(resource)));
        for f in self.members(resource).filter(|f| matches!(f.kind, FunctionKind::Method(_))) {
            self.function_member(p, &lower_camel_property(f.item_name()), f, Role::Callee, scope)?;
        }
        p.comment("Called, if present, when the component drops its handle.");
        p.line("[Symbol.dispose]?(): void;");
        p.close("");
        Ok(())
    }

    /// The class of a resource JS implements, as the type of `head` (`export const R`, or a
    /// member `R`): `{ new (...): R; static(...): T }`.
    pub fn callee_statics(&self, p: &mut Printer, head: &str, resource: TypeId, scope: Scope) -> Result<(), Error> {
        p.open(format!("{head}:"));
        for f in self.members(resource) {
            match f.kind {
                FunctionKind::Constructor(_) => self.function_member(p, "new ", f, Role::Callee, scope)?,
                FunctionKind::Static(_) => self.function_member(p, &lower_camel_property(f.item_name()), f, Role::Callee, scope)?,
                _ => {}
            }
        }
        p.close(";");
        Ok(())
    }

    /// The resources of `interface` that are aliases of another's (`use`, `type b = a`), with
    /// the class each names, as `typeof` it in `scope`.
    pub fn resource_aliases(&self, interface: InterfaceId, scope: Scope) -> Result<Vec<(String, String)>, Error> {
        let mut aliases = Vec::new();
        for id in self.resolve.interfaces[interface].types.values() {
            let TypeDefKind::Type(target) = self.resolve.types[*id].kind else { continue };
            let wit_parser::Type::Id(resource) = super::types::dealias(self.resolve, target) else { continue };
            if self.is_resource(resource)
                && let Some(class) = self.qualified(resource, scope)?
            {
                aliases.push((self.type_name(*id), format!("typeof {class}")));
            }
        }
        Ok(aliases)
    }
}

#[cfg(test)]
mod tests {
    use crate::dts::printer::Printer;
    use crate::dts::{test_world, Role, Scope, Side, World};

    /// The block of `interface i { <body> }` as the world's `side` declares it for `role`.
    fn block(body: &str, side: Side, role: Role) -> String {
        let (resolve, world) = test_world(&format!("package t:t;\ninterface i {{\n{body}\n}}\nworld w {{ export i; }}\n"));
        let w = World::new(&resolve, world, side);
        let id = resolve.interfaces.iter().find(|(_, i)| i.name.as_deref() == Some("i")).unwrap().0;
        let mut p = Printer::default();
        w.interface_block(&mut p, id, Scope::Export(id), role).unwrap();
        p.finish()
    }

    #[test]
    fn a_whole_result_returns_ok_and_documents_the_throw() {
        let wit = "f: func(x: u64) -> result<u64, string>;\ng: func() -> result;";
        assert_eq!(
            block(wit, Side::Host, Role::Caller),
            "/** @throws {ComponentError} if the component returns an error; its `payload` is the error value (`string`) */\n\
             export function f(x: bigint | number): bigint;\n\
             /** @throws {ComponentError} if the component returns an error; its `payload` is `undefined` (the error has no value) */\n\
             export function g(): void;\n"
        );
        // Implemented in JS: the arguments are lifted, the result is lowered.
        assert!(block(wit, Side::Host, Role::Callee).contains(
            "/** @throws to return an error, which is the thrown value, or its `payload` property if it has one: the error value (`string`) */\nexport function f(x: bigint): bigint | number;"
        ));
    }

    #[test]
    fn names_are_camel_case_and_reserved_words_escaped() {
        assert_eq!(block("get-thing: func(delete: u8, new-value: u8);", Side::Host, Role::Caller), "export function getThing(delete$: number, newValue: number): void;\n");
        assert_eq!(block("delete: func();", Side::Host, Role::Caller), "export function delete$(): void;\n");
    }

    #[test]
    fn a_resource_the_component_implements_is_a_class() {
        let wit = "resource blob-store {\n/// Opens one.\nconstructor(name: string);\nget-x: func(i: u32) -> u32;\nmake: static func() -> blob-store;\n}\nresource handle;";
        assert_eq!(
            block(wit, Side::Host, Role::Caller),
            "export class BlobStore {\n  /** Opens one. */\n  constructor(name: string);\n  getX(i: number): number;\n  static make(): BlobStore;\n  \
             /** Drops the handle; the object cannot be used afterwards. */\n  [Symbol.dispose](): void;\n}\n\
             export class Handle {\n  /** `Handle` has no constructor: only functions of the world make its objects. */\n  private constructor();\n  \
             /** Drops the handle; the object cannot be used afterwards. */\n  [Symbol.dispose](): void;\n}\n"
        );
    }

    #[test]
    fn a_resource_js_implements_is_an_interface_and_a_class_type() {
        let wit = "resource counter {\nconstructor(start: s64);\nget: func() -> s64;\nmax: static func(a: borrow<counter>, b: borrow<counter>) -> s64;\n}";
        assert_eq!(
            block(wit, Side::Host, Role::Callee),
            "export interface Counter {\n  get(): bigint | number;\n  /** Called, if present, when the component drops its handle. */\n  [Symbol.dispose]?(): void;\n}\n\
             export const Counter: {\n  new (start: bigint): Counter;\n  max(a: Counter, b: Counter): bigint | number;\n};\n"
        );
    }

    #[test]
    fn async_functions_are_refused() {
        let (resolve, world) = test_world("package t:t;\nworld w { export f: async func(); }");
        let w = World::new(&resolve, world, Side::Host);
        let wit_parser::WorldItem::Function(f) = &resolve.worlds[world].exports[0] else { panic!() };
        let err = w.signature(f, Role::Caller, Scope::Top).err().unwrap();
        assert_eq!(err.to_string(), "function `f`: async functions are not supported yet");
    }
}
