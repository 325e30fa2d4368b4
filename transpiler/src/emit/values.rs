//! Straight-line JS that lifts and lowers values of one type: between JS values and flat core
//! values, and between JS values and linear memory. Lists, and fixed-length lists in memory,
//! get one shared function per type and memory (their loop body is the element's code), so
//! that code grows with a type, never with its element count; everything else is inlined.

use super::code::Body;
use super::resources::GuestFn;
use super::runtime::HelperSet;
use crate::abi::{self, Flat};
use crate::model::*;
use crate::names::{js_string, lower_camel_property};
use crate::plan::RuntimeResource;
use std::collections::{BTreeSet, HashMap};

/// How one side of a canonical call reaches its component instance.
#[derive(Clone, Debug)]
pub struct Cx {
    /// The `WebAssembly.Memory` variable, if the options name a memory.
    pub memory: Option<String>,
    /// The function returning a current `DataView` of that memory.
    pub view: Option<String>,
    pub realloc: Option<String>,
    pub encoding: StringEncoding,
    /// The component instance whose handle table resources go through.
    pub instance: u32,
    pub resources: Vec<(ResourceKey, u32)>,
    /// The values cross to or from JS (an export called by JS, a host import) rather than
    /// another component instance: a resource defined by a component is then an object of
    /// its class instead of a rep.
    pub js: bool,
    /// Owned handles lowered from JS are recorded in `movedResources`, to be undone if the
    /// call fails before it reaches the component (an export's arguments).
    pub undo_moves: bool,
}

impl Cx {
    fn key(&self) -> String {
        format!(
            "{:?}/{:?}/{:?}/{}/{:?}/{}/{}",
            self.memory, self.realloc, self.encoding, self.instance, self.resources, self.js, self.undo_moves
        )
    }

    fn memory(&self) -> &str {
        self.memory.as_deref().unwrap_or("undefined")
    }

    fn view(&self) -> String {
        format!("{}()", self.view.as_deref().unwrap_or("undefined"))
    }

    fn realloc(&self) -> &str {
        self.realloc.as_deref().unwrap_or("undefined")
    }
}

/// Per-instance state that generated code refers to, so the module declares it.
#[derive(Default)]
pub struct InstanceState {
    pub tables: BTreeSet<u32>,
    /// Instances whose calls lend handles (`lent<i>`: entries to release after the call).
    pub lends: BTreeSet<u32>,
    /// Instances given borrowed handles (`borrows<i>`: how many are outstanding).
    pub borrows: BTreeSet<u32>,
    /// Functions of component-defined resources that cross to JS as objects.
    pub guest_objects: BTreeSet<(u32, GuestFn)>,
    /// Host-defined resources whose class the code checks against (`resourceClass<r>`).
    pub host_classes: BTreeSet<u32>,
}

/// Module-level functions generated for list types, keyed by what they do.
#[derive(Default)]
pub struct SharedFns {
    pub code: String,
    names: HashMap<String, String>,
}

/// A cursor over flat core values (JS expressions) with their core types.
pub struct FlatIn {
    vals: Vec<(String, Flat)>,
    pos: usize,
}

impl FlatIn {
    pub fn new(vals: Vec<(String, Flat)>) -> Self {
        FlatIn { vals, pos: 0 }
    }

    fn next(&mut self) -> (String, Flat) {
        let v = self.vals[self.pos].clone();
        self.pos += 1;
        v
    }
}

pub struct Gen<'a> {
    pub types: &'a TypeTable,
    pub resources: &'a [RuntimeResource],
    /// The JS class binding of each resource that crosses to JS.
    pub classes: &'a HashMap<u32, String>,
    pub helpers: &'a mut HelperSet,
    pub shared: &'a mut SharedFns,
    pub state: &'a mut InstanceState,
}

/// How a variant-like type looks in JS.
enum Repr<'t> {
    Variant(&'t [(String, Option<ValType>)]),
    Enum(&'t [String]),
    /// `tagged`: the payload is itself an option, so `some` is `{ tag: 'some', val }`.
    Option { tagged: bool },
    Result,
}

impl<'a> Gen<'a> {
    fn helper(&mut self, name: &'static str) {
        self.helpers.use_helper(name);
    }

    /// The WIT spelling of `ty` for error messages, cut short past 120 characters: a type
    /// nested deep has a check per level, each naming its type, and the output would grow with
    /// the square of the depth.
    fn wit(&self, ty: ValType) -> String {
        const MAX: usize = 120;
        let text = self.types.display(ty).to_string();
        match text.char_indices().nth(MAX) {
            Some((cut, _)) => format!("{}...", &text[..cut]),
            None => text,
        }
    }

    fn bad(&mut self, wh: &str, ty: ValType, v: &str) -> String {
        self.helper("bad-value");
        format!("throw badValue({wh}, {}, {v});", js_string(&self.wit(ty)))
    }

    fn resource(&self, cx: &Cx, key: &ResourceKey) -> u32 {
        cx.resources.iter().find(|(k, _)| k == key).map(|(_, r)| *r).expect("resource mapped by plan")
    }

    /// The JS class of a resource that crosses to JS (`emit` names every such resource).
    fn class(&self, r: u32) -> &'a str {
        let classes: &'a HashMap<u32, String> = self.classes;
        classes.get(&r).map(String::as_str).expect("every resource crossing to JS has a class")
    }

    fn is_guest(&self, r: u32) -> bool {
        self.resources[r as usize].instance().is_some()
    }

    fn repr(&self, ty: ValType) -> Repr<'a> {
        let types: &'a TypeTable = self.types;
        match types.def(ty) {
            Some(TypeDef::Variant(cases)) => Repr::Variant(cases),
            Some(TypeDef::Enum(names)) => Repr::Enum(names),
            Some(TypeDef::Option(t)) => Repr::Option { tagged: matches!(types.def(*t), Some(TypeDef::Option(_))) },
            Some(TypeDef::Result(..)) => Repr::Result,
            _ => unreachable!("not variant-like"),
        }
    }

    /// Where a variant-like value's payload is: `.val`, or the value itself for an option
    /// that is `T | undefined`.
    fn payload_path(&self, ty: ValType, wh: Option<&str>) -> Option<String> {
        match self.repr(ty) {
            Repr::Option { tagged: false } => wh.map(str::to_string),
            _ => at_path(wh, ".val"),
        }
    }

    /// The flattening of `ty`, a value passed as flat core values: there are at most
    /// `MAX_FLAT_PARAMS` of those (the caller went through memory otherwise).
    fn flat(&self, ty: ValType) -> Vec<Flat> {
        abi::flat(self.types, ty, abi::MAX_FLAT_PARAMS).expect("a value passed flat has few flat values")
    }

    /// The joined payload of a variant-like `ty` passed flat: its flattening after the
    /// discriminant.
    fn flat_payload(&self, ty: ValType) -> Vec<Flat> {
        let flats = abi::flatten_variant(self.types, ty, abi::MAX_FLAT_PARAMS).expect("a value passed flat has few flat values");
        flats[1..].to_vec()
    }

    // ---- lifting: core -> JS ----

    pub fn lift_flat(&mut self, b: &mut Body, cx: &Cx, ty: ValType, input: &mut FlatIn) -> String {
        match ty {
            ValType::Bool => format!("({} !== 0)", input.next().0),
            ValType::U8 => format!("({} & 255)", input.next().0),
            ValType::S8 => format!("({} << 24 >> 24)", input.next().0),
            ValType::U16 => format!("({} & 65535)", input.next().0),
            ValType::S16 => format!("({} << 16 >> 16)", input.next().0),
            ValType::U32 => format!("({} >>> 0)", input.next().0),
            ValType::S32 | ValType::S64 | ValType::F32 | ValType::F64 => input.next().0,
            ValType::U64 => format!("BigInt.asUintN(64, {})", input.next().0),
            ValType::Char => {
                self.helper("lift-char");
                format!("liftChar({})", input.next().0)
            }
            ValType::String => {
                let (ptr, len) = (input.next().0, input.next().0);
                self.lift_string(cx, &ptr, &len)
            }
            ValType::ErrorContext => self.unsupported(b, "error-context values", input.next().0),
            ValType::Defined(index) => match self.types.get(index) {
                TypeDef::List(_) | TypeDef::Map(..) => {
                    let (ptr, len) = (input.next().0, input.next().0);
                    let f = self.lift_list_fn(cx, ty);
                    format!("{f}({ptr}, {len})")
                }
                TypeDef::FixedList(t, n) => {
                    let items: Vec<String> = (0..*n)
                        .map(|_| {
                            let item = self.lift_flat(b, cx, *t, input);
                            self.in_order(b, *t, item)
                        })
                        .collect();
                    format!("[{}]", items.join(", "))
                }
                TypeDef::Record(fields) => {
                    let parts: Vec<String> = fields
                        .iter()
                        .map(|(name, t)| {
                            let field = self.lift_flat(b, cx, *t, input);
                            format!("{}: {}", lower_camel_property(name), self.in_order(b, *t, field))
                        })
                        .collect();
                    format!("{{ {} }}", parts.join(", "))
                }
                TypeDef::Tuple(tys) => {
                    let items: Vec<String> = tys
                        .iter()
                        .map(|t| {
                            let item = self.lift_flat(b, cx, *t, input);
                            self.in_order(b, *t, item)
                        })
                        .collect();
                    format!("[{}]", items.join(", "))
                }
                TypeDef::Flags(names) => {
                    let words: Vec<String> = (0..names.len().div_ceil(32)).map(|_| input.next().0).collect();
                    flags_object(names, &words)
                }
                TypeDef::Own(key) => {
                    let r = self.resource(cx, key);
                    self.state.tables.insert(cx.instance);
                    let rep = format!("table{}.takeOwn({}, {r})", cx.instance, input.next().0);
                    if cx.js && self.is_guest(r) {
                        self.state.guest_objects.insert((r, GuestFn::Object));
                        format!("resourceObject{r}({rep})")
                    } else {
                        rep
                    }
                }
                TypeDef::Borrow(key) => {
                    // Only host-defined resources are lent to JS (`plan` checks), and their
                    // rep is the host's object.
                    let r = self.resource(cx, key);
                    let h = input.next().0;
                    self.lift_borrow(b, cx, r, &h)
                }
                TypeDef::Future(_) | TypeDef::Stream(_) => self.unsupported(b, "streams and futures", input.next().0),
                TypeDef::Variant(_) | TypeDef::Enum(_) | TypeDef::Option(_) | TypeDef::Result(..) => {
                    let disc = input.next().0;
                    let joined = self.flat_payload(ty);
                    let payload: Vec<(String, Flat)> = joined.iter().map(|f| (input.next().0, *f)).collect();
                    let (cases, _) = abi::variant_cases(self.types, ty);
                    let out = b.tmp("v");
                    b.line(format!("let {out};"));
                    b.open(format!("switch ({disc})"));
                    for (i, case) in cases.iter().enumerate() {
                        b.open(format!("case {i}:"));
                        let val = case.map(|ct| {
                            let have = self.flat(ct);
                            let converted =
                                have.iter().zip(&payload).map(|(h, (v, w))| (self.lift_convert(v, *w, *h), *h)).collect();
                            self.lift_flat(b, cx, ct, &mut FlatIn::new(converted))
                        });
                        let js = self.variant_value(ty, i, val);
                        b.line(format!("{out} = {js};"));
                        b.line("break;");
                        b.close();
                    }
                    self.helper("trap");
                    b.line("default: trap('invalid variant discriminant');");
                    b.close();
                    out
                }
            },
        }
    }

    /// A part of a record, tuple or fixed list, lifted as `expr`: bound to a name at once
    /// when lifting it moves owned handles out of a table (an `own`, or a list or variant of
    /// them inline), so that handles leave in field order even when a later part is lifted by
    /// statements (a variant's `switch`) that would otherwise run before this expression. The
    /// canonical ABI frees them in that order, and the indices the table hands out next
    /// depend on it.
    fn in_order(&self, b: &mut Body, ty: ValType, expr: String) -> String {
        if self.types.contains(ty, &|_, def| matches!(def, Some(TypeDef::Own(_)))) { b.bind(expr) } else { expr }
    }

    fn unsupported(&mut self, b: &mut Body, what: &str, _value: String) -> String {
        self.helper("trap");
        let t = b.tmp("v");
        b.line(format!("const {t} = trap({});", js_string(&format!("{what} are not supported by ferry yet"))));
        t
    }

    fn lift_borrow(&mut self, b: &mut Body, cx: &Cx, r: u32, h: &str) -> String {
        self.state.tables.insert(cx.instance);
        self.state.lends.insert(cx.instance);
        let e = b.tmp("e");
        b.line(format!("const {e} = table{}.get({h}, {r});", cx.instance));
        b.line(format!("if ({e}.own) {{ {e}.lends++; lent{}.push({e}); }}", cx.instance));
        format!("{e}.rep")
    }

    /// The JS value of case `case` of a variant-like type, given its payload.
    fn variant_value(&self, ty: ValType, case: usize, payload: Option<String>) -> String {
        match self.repr(ty) {
            Repr::Variant(cases) => {
                let tag = js_string(&cases[case].0);
                match payload {
                    Some(p) => format!("{{ tag: {tag}, val: {p} }}"),
                    None => format!("{{ tag: {tag} }}"),
                }
            }
            Repr::Enum(names) => js_string(&names[case]),
            Repr::Option { tagged } => match (case, tagged) {
                (0, false) => "undefined".to_string(),
                (0, true) => "{ tag: 'none' }".to_string(),
                (_, false) => payload.unwrap_or_default(),
                (_, true) => format!("{{ tag: 'some', val: {} }}", payload.unwrap_or_default()),
            },
            Repr::Result => {
                let tag = if case == 0 { "'ok'" } else { "'err'" };
                format!("{{ tag: {tag}, val: {} }}", payload.unwrap_or_else(|| "undefined".to_string()))
            }
        }
    }

    /// Converts a joined variant payload value to the case's own core type.
    fn lift_convert(&mut self, v: &str, joined: Flat, case: Flat) -> String {
        match (joined, case) {
            (a, b) if a == b => v.to_string(),
            (Flat::I32, Flat::F32) => {
                self.helper("float-bits");
                format!("f32FromBits({v})")
            }
            (Flat::I64, Flat::I32) => format!("Number(BigInt.asIntN(32, {v}))"),
            (Flat::I64, Flat::F32) => {
                self.helper("float-bits");
                format!("f32FromBits(Number(BigInt.asIntN(32, {v})))")
            }
            (Flat::I64, Flat::F64) => {
                self.helper("float-bits");
                format!("f64FromBits({v})")
            }
            _ => unreachable!("join never widens this way"),
        }
    }

    fn lift_string(&mut self, cx: &Cx, ptr: &str, len: &str) -> String {
        let helper = match cx.encoding {
            StringEncoding::Utf8 => "liftStringUtf8",
            StringEncoding::Utf16 => "liftStringUtf16",
            StringEncoding::CompactUtf16 => "liftStringCompact",
        };
        self.helper(match cx.encoding {
            StringEncoding::Utf8 => "lift-string-utf8",
            StringEncoding::Utf16 => "lift-string-utf16",
            StringEncoding::CompactUtf16 => "lift-string-compact",
        });
        format!("{helper}({}, {ptr}, {len})", cx.memory())
    }

    /// Loads a value of `ty` from memory at `ptr` (already checked to be in bounds), through
    /// the `DataView` named `dv`.
    pub fn load(&mut self, b: &mut Body, cx: &Cx, ty: ValType, dv: &str, ptr: &str) -> String {
        let at = |off: u64| if off == 0 { ptr.to_string() } else { format!("{ptr} + {off}") };
        match ty {
            ValType::Bool => format!("({dv}.getUint8({ptr}) !== 0)"),
            ValType::U8 => format!("{dv}.getUint8({ptr})"),
            ValType::S8 => format!("{dv}.getInt8({ptr})"),
            ValType::U16 => format!("{dv}.getUint16({ptr}, true)"),
            ValType::S16 => format!("{dv}.getInt16({ptr}, true)"),
            ValType::U32 => format!("{dv}.getUint32({ptr}, true)"),
            ValType::S32 => format!("{dv}.getInt32({ptr}, true)"),
            ValType::U64 => format!("{dv}.getBigUint64({ptr}, true)"),
            ValType::S64 => format!("{dv}.getBigInt64({ptr}, true)"),
            ValType::F32 => format!("{dv}.getFloat32({ptr}, true)"),
            ValType::F64 => format!("{dv}.getFloat64({ptr}, true)"),
            ValType::Char => {
                self.helper("lift-char");
                format!("liftChar({dv}.getUint32({ptr}, true))")
            }
            ValType::String => {
                let (p, l) = (format!("{dv}.getUint32({ptr}, true)"), format!("{dv}.getUint32({}, true)", at(4)));
                self.lift_string(cx, &p, &l)
            }
            ValType::ErrorContext => self.unsupported(b, "error-context values", String::new()),
            ValType::Defined(index) => match self.types.get(index) {
                TypeDef::List(_) | TypeDef::Map(..) => {
                    let f = self.lift_list_fn(cx, ty);
                    format!("{f}({dv}.getUint32({ptr}, true), {dv}.getUint32({}, true))", at(4))
                }
                TypeDef::FixedList(..) => {
                    let f = self.lift_fixed_list_fn(cx, ty);
                    format!("{f}({dv}, {ptr})")
                }
                TypeDef::Record(fields) => {
                    let offsets = abi::field_offsets(self.types, fields.iter().map(|f| f.1));
                    let parts: Vec<String> = fields
                        .iter()
                        .zip(offsets)
                        .map(|((name, t), off)| {
                            let field = self.load(b, cx, *t, dv, &at(off));
                            format!("{}: {}", lower_camel_property(name), self.in_order(b, *t, field))
                        })
                        .collect();
                    format!("{{ {} }}", parts.join(", "))
                }
                TypeDef::Tuple(tys) => {
                    let offsets = abi::field_offsets(self.types, tys.iter().copied());
                    let items: Vec<String> = tys
                        .iter()
                        .zip(offsets)
                        .map(|(t, off)| {
                            let item = self.load(b, cx, *t, dv, &at(off));
                            self.in_order(b, *t, item)
                        })
                        .collect();
                    format!("[{}]", items.join(", "))
                }
                TypeDef::Flags(names) => {
                    let words: Vec<String> = match abi::flags_size(names.len()) {
                        1 => vec![format!("{dv}.getUint8({ptr})")],
                        2 => vec![format!("{dv}.getUint16({ptr}, true)")],
                        n => (0..n / 4).map(|i| format!("{dv}.getInt32({}, true)", at(u64::from(i) * 4))).collect(),
                    };
                    let words: Vec<String> = words.into_iter().map(|w| b.bind(w)).collect();
                    flags_object(names, &words)
                }
                TypeDef::Own(_) | TypeDef::Borrow(_) | TypeDef::Future(_) | TypeDef::Stream(_) => {
                    let h = format!("{dv}.getInt32({ptr}, true)");
                    self.lift_flat(b, cx, ty, &mut FlatIn::new(vec![(h, Flat::I32)]))
                }
                TypeDef::Variant(_) | TypeDef::Enum(_) | TypeDef::Option(_) | TypeDef::Result(..) => {
                    let (cases, count) = abi::variant_cases(self.types, ty);
                    let disc = match abi::discriminant_size(count) {
                        1 => format!("{dv}.getUint8({ptr})"),
                        2 => format!("{dv}.getUint16({ptr}, true)"),
                        _ => format!("{dv}.getUint32({ptr}, true)"),
                    };
                    let payload_at = at(abi::variant_payload_offset(self.types, ty).into());
                    let out = b.tmp("v");
                    b.line(format!("let {out};"));
                    b.open(format!("switch ({disc})"));
                    for (i, case) in cases.iter().enumerate() {
                        b.open(format!("case {i}:"));
                        let val = case.map(|ct| self.load(b, cx, ct, dv, &payload_at));
                        let js = self.variant_value(ty, i, val);
                        b.line(format!("{out} = {js};"));
                        b.line("break;");
                        b.close();
                    }
                    self.helper("trap");
                    b.line("default: trap('invalid variant discriminant');");
                    b.close();
                    out
                }
            },
        }
    }

    /// A shared function `(ptr, len) => list` for a list (or map) type read from `cx`'s memory.
    /// A map lifts to an array of `[key, value]` pairs: a map value may repeat a key, and a
    /// JS `Map` would drop all but the last.
    fn lift_list_fn(&mut self, cx: &Cx, ty: ValType) -> String {
        let (elem, is_map) = match self.types.def(ty) {
            Some(TypeDef::List(t)) => (*t, false),
            Some(TypeDef::Map(k, v)) => (self.map_entry(*k, *v), true),
            _ => unreachable!(),
        };
        self.shared_fn(format!("lift {ty:?} {}", cx.key()), "liftList", |g, b, name| {
            let (size, align) = (abi::size(g.types, elem), abi::align(g.types, elem));
            g.helper("trap");
            b.open(format!("function {name}(ptr, len)"));
            b.line("ptr >>>= 0;");
            b.line("len >>>= 0;");
            if align > 1 {
                b.line(format!("if (ptr & {}) trap('unaligned pointer');", align - 1));
            }
            b.line(format!("if (ptr + len * {size} > {}.buffer.byteLength) trap('list content out-of-bounds');", cx.memory()));
            if let Some(typed) = typed_array(elem).filter(|_| !is_map) {
                b.line(format!("return new {typed}({}.buffer.slice(ptr, ptr + len * {size}));", cx.memory()));
            } else {
                b.line(format!("const dv = {};", cx.view()));
                g.load_elements(b, cx, elem, "len");
                b.line("return out;");
            }
            b.close();
        })
    }

    /// A shared function `(dv, ptr) => array` for a fixed-length list read from `cx`'s memory
    /// at `ptr` (which the caller has checked) through the `DataView` `dv`. A loop even for a
    /// short one: measured on `tests/components/wat/fixed-lists.wat`, straight-line code for
    /// lists of 3 made the module larger and calls no faster.
    fn lift_fixed_list_fn(&mut self, cx: &Cx, ty: ValType) -> String {
        let Some(TypeDef::FixedList(elem, n)) = self.types.def(ty) else { unreachable!("not a fixed-length list") };
        let (elem, n) = (*elem, *n);
        self.shared_fn(format!("lift {ty:?} {}", cx.key()), "liftFixedList", |g, b, name| {
            b.open(format!("function {name}(dv, ptr)"));
            g.load_elements(b, cx, elem, &n.to_string());
            b.line("return out;");
            b.close();
        })
    }

    /// The loop that lifts `len` elements of `elem` laid out from `ptr` on into a new array
    /// `out`, reading memory through `dv`.
    fn load_elements(&mut self, b: &mut Body, cx: &Cx, elem: ValType, len: &str) {
        let size = abi::size(self.types, elem);
        b.line(format!("const out = new Array({len});"));
        b.open(format!("for (let i = 0; i < {len}; i++)"));
        let item = self.load(b, cx, elem, "dv", &format!("ptr + i * {size}"));
        b.line(format!("out[i] = {item};"));
        b.close();
    }

    /// The name of the module-level function for `key`, written by `write` the first time
    /// (named `prefix` and a number).
    fn shared_fn(&mut self, key: String, prefix: &str, write: impl FnOnce(&mut Self, &mut Body, &str)) -> String {
        if let Some(name) = self.shared.names.get(&key) {
            return name.clone();
        }
        let name = format!("{prefix}{}", self.shared.names.len());
        self.shared.names.insert(key, name.clone());
        let mut b = Body::default();
        write(self, &mut b, &name);
        self.shared.code.push_str(&b.finish());
        name
    }

    /// A map's elements are laid out as `tuple<K, V>`; `parse` interns that tuple with the map.
    fn map_entry(&self, k: ValType, v: ValType) -> ValType {
        self.types.find(&TypeDef::Tuple(vec![k, v])).expect("map entry tuple interned by parse")
    }

    // ---- lowering: JS -> core ----

    /// Lowers the JS value `v` to flat core values. `wh` is a JS expression naming where the
    /// value comes from for error messages, or `None` when the value came from lifting
    /// (inside an adapter) and so needs no checks.
    pub fn lower_flat(&mut self, b: &mut Body, cx: &Cx, ty: ValType, v: &str, wh: Option<&str>) -> Vec<(String, Flat)> {
        let one = |e: String| vec![(e, Flat::I32)];
        match ty {
            ValType::Bool => {
                if let Some(wh) = wh {
                    let err = self.bad(wh, ty, v);
                    b.line(format!("if (typeof {v} !== 'boolean') {err}"));
                }
                one(format!("({v} ? 1 : 0)"))
            }
            ValType::U8 | ValType::S8 | ValType::U16 | ValType::S16 | ValType::U32 | ValType::S32 => {
                if let Some(wh) = wh {
                    let check = int_check(ty, v);
                    let err = self.bad(wh, ty, v);
                    b.line(format!("if ({check}) {err}"));
                }
                one(v.to_string())
            }
            ValType::U64 | ValType::S64 => match wh {
                Some(wh) => {
                    self.helper("lower-int64");
                    let f = if ty == ValType::U64 { "lowerU64" } else { "lowerS64" };
                    // Bound here, not inlined into the core call: the check throws, and must
                    // throw before the instance is entered.
                    vec![(b.bind(format!("{f}({v}, {wh})")), Flat::I64)]
                }
                None => vec![(v.to_string(), Flat::I64)],
            },
            ValType::F32 | ValType::F64 => {
                if let Some(wh) = wh {
                    let err = self.bad(wh, ty, v);
                    b.line(format!("if (typeof {v} !== 'number') {err}"));
                }
                vec![(v.to_string(), if ty == ValType::F32 { Flat::F32 } else { Flat::F64 })]
            }
            ValType::Char => match wh {
                Some(wh) => {
                    self.helper("lower-char");
                    one(b.bind(format!("lowerChar({v}, {wh})")))
                }
                None => one(format!("{v}.codePointAt(0)")),
            },
            ValType::String => {
                let ptr = self.lower_string(b, cx, v, wh);
                let len = b.tmp("len");
                b.line(format!("const {len} = loweredLength;"));
                vec![(ptr, Flat::I32), (len, Flat::I32)]
            }
            ValType::ErrorContext => one(self.unsupported(b, "error-context values", String::new())),
            ValType::Defined(index) => match self.types.get(index) {
                TypeDef::List(_) | TypeDef::Map(..) => {
                    let f = self.lower_list_fn(cx, ty, wh.is_some());
                    let ptr = b.tmp("ptr");
                    let len = b.tmp("len");
                    b.line(format!("const {ptr} = {f}({v}{});", wh.map(|w| format!(", {w}")).unwrap_or_default()));
                    b.line(format!("const {len} = loweredLength;"));
                    vec![(ptr, Flat::I32), (len, Flat::I32)]
                }
                TypeDef::FixedList(t, n) => {
                    if let Some(wh) = wh {
                        self.check_array(b, wh, ty, v, *n);
                    }
                    let mut out = Vec::new();
                    for i in 0..*n {
                        let item = b.bind(format!("{v}[{i}]"));
                        out.extend(self.lower_flat(b, cx, *t, &item, at_path(wh, &format!("[{i}]")).as_deref()));
                    }
                    out
                }
                TypeDef::Record(fields) => {
                    if let Some(wh) = wh {
                        self.check_object(b, wh, ty, v);
                    }
                    let mut out = Vec::new();
                    for (name, t) in fields {
                        let field = b.tmp("f");
                        let access = property_access(name);
                        b.line(format!("const {field} = {v}{access};"));
                        out.extend(self.lower_flat(b, cx, *t, &field, at_path(wh, &access).as_deref()));
                    }
                    out
                }
                TypeDef::Tuple(tys) => {
                    if let Some(wh) = wh {
                        self.check_array(b, wh, ty, v, tys.len() as u32);
                    }
                    let mut out = Vec::new();
                    for (i, t) in tys.iter().enumerate() {
                        let item = b.tmp("f");
                        b.line(format!("const {item} = {v}[{i}];"));
                        out.extend(self.lower_flat(b, cx, *t, &item, at_path(wh, &format!("[{i}]")).as_deref()));
                    }
                    out
                }
                TypeDef::Flags(names) => {
                    if let Some(wh) = wh {
                        self.check_object(b, wh, ty, v);
                    }
                    // Bound here: the words read the object's properties, whose getters may
                    // throw, and must before the instance is entered.
                    flags_words(names, v).into_iter().map(|w| (b.bind(w), Flat::I32)).collect()
                }
                TypeDef::Own(key) => {
                    let r = self.resource(cx, key);
                    one(self.lower_own(b, cx, r, v, wh))
                }
                TypeDef::Borrow(key) => {
                    let r = self.resource(cx, key);
                    let rep = if cx.js { self.js_resource_rep(b, r, v, wh) } else { v.to_string() };
                    one(self.lower_borrow(b, cx, r, &rep))
                }
                TypeDef::Future(_) | TypeDef::Stream(_) => one(self.unsupported(b, "streams and futures", String::new())),
                TypeDef::Variant(_) | TypeDef::Enum(_) | TypeDef::Option(_) | TypeDef::Result(..) => {
                    let joined = self.flat_payload(ty);
                    let disc = b.tmp("d");
                    let slots: Vec<String> = joined.iter().map(|_| b.tmp("p")).collect();
                    let mut decl = vec![format!("{disc} = 0")];
                    decl.extend(slots.iter().zip(&joined).map(|(s, f)| format!("{s} = {}", zero(*f))));
                    b.line(format!("let {};", decl.join(", ")));
                    let payload_wh = self.payload_path(ty, wh);
                    self.match_variant(b, ty, v, wh, &disc, |g, b, payload| {
                        if let Some((ct, pv)) = payload {
                            let flats = g.lower_flat(b, cx, ct, &pv, payload_wh.as_deref());
                            for ((e, have), (slot, want)) in flats.into_iter().zip(slots.iter().zip(&joined)) {
                                let e = g.lower_convert(&e, have, *want);
                                b.line(format!("{slot} = {e};"));
                            }
                        }
                    });
                    let mut out = vec![(disc, Flat::I32)];
                    out.extend(slots.into_iter().zip(joined));
                    out
                }
            },
        }
    }

    /// The rep of a resource value from JS, checked: a guest resource's object gives up its
    /// rep (`moves`) or lends it; a host resource's object is its own rep.
    fn js_resource_rep(&mut self, b: &mut Body, r: u32, v: &str, wh: Option<&str>) -> String {
        self.helper("resource-object");
        let wh = wh.unwrap_or("undefined");
        let class = self.class(r);
        if self.is_guest(r) {
            b.bind(format!("resourceRepOf({v}, {class}, {wh})"))
        } else {
            self.state.host_classes.insert(r);
            b.line(format!("checkHostResource({v}, {class}, {wh});"));
            v.to_string()
        }
    }

    /// Puts an owned handle into `cx`'s table; from JS, the object's ownership moves with it.
    fn lower_own(&mut self, b: &mut Body, cx: &Cx, r: u32, v: &str, wh: Option<&str>) -> String {
        let i = cx.instance;
        self.state.tables.insert(i);
        let guest_object = cx.js && self.is_guest(r);
        let rep = if guest_object {
            self.helper("resource-object");
            self.state.guest_objects.insert((r, GuestFn::Move));
            b.bind(format!("moveResource{r}({v}, {})", wh.unwrap_or("undefined")))
        } else if cx.js {
            self.js_resource_rep(b, r, v, wh)
        } else {
            v.to_string()
        };
        let h = b.tmp("h");
        b.line(format!("const {h} = table{i}.add({{ resource: {r}, rep: {rep}, own: true, lends: 0 }});"));
        if cx.undo_moves {
            self.helper("resource-moves");
            let restore = if guest_object {
                self.state.guest_objects.insert((r, GuestFn::Restore));
                format!(" restoreResource{r}({v}, {rep});")
            } else {
                String::new()
            };
            b.line(format!("movedResources.push(() => {{ table{i}.remove({h}, {r});{restore} }});"));
        }
        h
    }

    fn lower_borrow(&mut self, b: &mut Body, cx: &Cx, r: u32, rep: &str) -> String {
        if self.resources[r as usize].instance() == Some(cx.instance) {
            return rep.to_string();
        }
        self.state.tables.insert(cx.instance);
        self.state.borrows.insert(cx.instance);
        let h = b.tmp("h");
        b.line(format!("const {h} = table{}.add({{ resource: {r}, rep: {rep}, own: false, lends: 0 }});", cx.instance));
        b.line(format!("borrows{}++;", cx.instance));
        h
    }

    /// Emits the dispatch on a JS variant-like value: sets `disc` and calls `case` for each
    /// case with its payload type and a name bound to the payload.
    fn match_variant(
        &mut self,
        b: &mut Body,
        ty: ValType,
        v: &str,
        wh: Option<&str>,
        disc: &str,
        mut case: impl FnMut(&mut Self, &mut Body, Option<(ValType, String)>),
    ) {
        let (cases, _) = abi::variant_cases(self.types, ty);
        let repr = self.repr(ty);
        let fail = match wh {
            Some(wh) => self.bad(wh, ty, v),
            None => "throw new TypeError('invalid variant');".to_string(),
        };
        let payload_of = |b: &mut Body, i: usize, expr: String| {
            cases[i].map(|ct| {
                let p = b.tmp("x");
                b.line(format!("const {p} = {expr};"));
                (ct, p)
            })
        };
        let tags: Vec<String> = match &repr {
            Repr::Variant(cs) => cs.iter().map(|c| c.0.clone()).collect(),
            Repr::Enum(names) => names.to_vec(),
            Repr::Option { .. } => vec!["none".into(), "some".into()],
            Repr::Result => vec!["ok".into(), "err".into()],
        };
        match repr {
            Repr::Option { tagged: false } => {
                b.open(format!("if ({v} !== undefined && {v} !== null)"));
                b.line(format!("{disc} = 1;"));
                let payload = payload_of(b, 1, v.to_string());
                case(self, b, payload);
                b.close();
            }
            Repr::Enum(_) => {
                b.open(format!("switch ({v})"));
                for (i, tag) in tags.iter().enumerate() {
                    b.line(format!("case {}: {disc} = {i}; break;", js_string(tag)));
                }
                b.line(format!("default: {fail}"));
                b.close();
            }
            Repr::Option { tagged: true } | Repr::Variant(_) | Repr::Result => {
                let is_option = matches!(repr, Repr::Option { .. });
                if is_option {
                    b.open(format!("if ({v} !== undefined && {v} !== null)"));
                }
                if wh.is_some() {
                    b.line(format!("if (typeof {v} !== 'object' || {v} === null) {fail}"));
                }
                b.open(format!("switch ({v}.tag)"));
                for (i, tag) in tags.iter().enumerate() {
                    b.open(format!("case {}:", js_string(tag)));
                    b.line(format!("{disc} = {i};"));
                    let payload = payload_of(b, i, format!("{v}.val"));
                    case(self, b, payload);
                    b.line("break;");
                    b.close();
                }
                b.line(format!("default: {fail}"));
                b.close();
                if is_option {
                    b.close();
                }
            }
        }
    }

    fn lower_convert(&mut self, v: &str, have: Flat, want: Flat) -> String {
        match (have, want) {
            (a, b) if a == b => v.to_string(),
            (Flat::F32, Flat::I32) => {
                self.helper("float-bits");
                format!("bitsFromF32({v})")
            }
            (Flat::I32, Flat::I64) => format!("BigInt({v} >>> 0)"),
            (Flat::F32, Flat::I64) => {
                self.helper("float-bits");
                format!("BigInt(bitsFromF32({v}) >>> 0)")
            }
            (Flat::F64, Flat::I64) => {
                self.helper("float-bits");
                format!("bitsFromF64({v})")
            }
            _ => unreachable!("join never narrows this way"),
        }
    }

    fn check_object(&mut self, b: &mut Body, wh: &str, ty: ValType, v: &str) {
        self.helper("check-object");
        b.line(format!("checkObject({v}, {wh}, {});", js_string(&self.wit(ty))));
    }

    /// Checks that `v` is array-like of length `len` (a tuple, a fixed-length list).
    fn check_array(&mut self, b: &mut Body, wh: &str, ty: ValType, v: &str, len: u32) {
        self.helper("check-array");
        let err = self.bad(wh, ty, v);
        b.line(format!("if (checkArray({v}, {wh}, {}) !== {len}) {err}", js_string(&self.wit(ty))));
    }

    /// Lowers a string into `cx`'s memory; returns the pointer (the length is left in
    /// `loweredLength`).
    fn lower_string(&mut self, b: &mut Body, cx: &Cx, v: &str, wh: Option<&str>) -> String {
        if let Some(wh) = wh {
            self.helper("check-string");
            b.line(format!("checkString({v}, {wh});"));
        }
        let (helper, f) = match cx.encoding {
            StringEncoding::Utf8 => ("lower-string-utf8", "lowerStringUtf8"),
            StringEncoding::Utf16 => ("lower-string-utf16", "lowerStringUtf16"),
            StringEncoding::CompactUtf16 => ("lower-string-compact", "lowerStringCompact"),
        };
        self.helper(helper);
        let ptr = b.tmp("ptr");
        b.line(format!("const {ptr} = {f}({v}, {}, {});", cx.memory(), cx.realloc()));
        ptr
    }

    /// Stores the JS value `v` of `ty` into memory at `ptr`.
    pub fn store(&mut self, b: &mut Body, cx: &Cx, ty: ValType, v: &str, ptr: &str, wh: Option<&str>) {
        let at = |off: u64| if off == 0 { ptr.to_string() } else { format!("{ptr} + {off}") };
        let view = cx.view();
        let set = |b: &mut Body, method: &str, at: &str, value: &str, le: bool| {
            let le = if le { ", true" } else { "" };
            b.line(format!("{view}.{method}({at}, {value}{le});"));
        };
        match ty {
            ValType::String => {
                let p = self.lower_string(b, cx, v, wh);
                set(b, "setUint32", ptr, &p, true);
                set(b, "setUint32", &at(4), "loweredLength", true);
            }
            ValType::Defined(index) if matches!(self.types.get(index), TypeDef::List(_) | TypeDef::Map(..)) => {
                let f = self.lower_list_fn(cx, ty, wh.is_some());
                let p = b.tmp("ptr");
                b.line(format!("const {p} = {f}({v}{});", wh.map(|w| format!(", {w}")).unwrap_or_default()));
                set(b, "setUint32", ptr, &p, true);
                set(b, "setUint32", &at(4), "loweredLength", true);
            }
            ValType::Defined(index) if matches!(self.types.get(index), TypeDef::FixedList(..)) => {
                let f = self.lower_fixed_list_fn(cx, ty, wh.is_some());
                b.line(format!("{f}({v}, {ptr}{});", wh.map(|w| format!(", {w}")).unwrap_or_default()));
            }
            ValType::Defined(index) if matches!(self.types.get(index), TypeDef::Record(_) | TypeDef::Tuple(_)) => {
                let (tys, names): (Vec<ValType>, Option<Vec<&String>>) = match self.types.get(index) {
                    TypeDef::Record(fields) => (fields.iter().map(|f| f.1).collect(), Some(fields.iter().map(|f| &f.0).collect())),
                    TypeDef::Tuple(tys) => (tys.clone(), None),
                    _ => unreachable!(),
                };
                if let Some(wh) = wh {
                    match names {
                        Some(_) => self.check_object(b, wh, ty, v),
                        None => self.check_array(b, wh, ty, v, tys.len() as u32),
                    }
                }
                let offsets = abi::field_offsets(self.types, tys.iter().copied());
                for (i, (t, off)) in tys.iter().zip(offsets).enumerate() {
                    let step = match &names {
                        Some(names) => property_access(names[i]),
                        None => format!("[{i}]"),
                    };
                    let field = b.bind(format!("{v}{step}"));
                    self.store(b, cx, *t, &field, &at(off), at_path(wh, &step).as_deref());
                }
            }
            ValType::Defined(index) if matches!(self.types.get(index), TypeDef::Variant(_) | TypeDef::Enum(_) | TypeDef::Option(_) | TypeDef::Result(..)) => {
                let (_, count) = abi::variant_cases(self.types, ty);
                let payload_at = at(abi::variant_payload_offset(self.types, ty).into());
                let disc = b.tmp("d");
                b.line(format!("let {disc} = 0;"));
                let disc_method = match abi::discriminant_size(count) {
                    1 => "setUint8",
                    2 => "setUint16",
                    _ => "setUint32",
                };
                let payload_wh = self.payload_path(ty, wh);
                self.match_variant(b, ty, v, wh, &disc, |g, b, payload| {
                    if let Some((ct, pv)) = payload {
                        g.store(b, cx, ct, &pv, &payload_at, payload_wh.as_deref());
                    }
                });
                set(b, disc_method, ptr, &disc, disc_method != "setUint8");
            }
            ValType::Defined(index) if matches!(self.types.get(index), TypeDef::Flags(_)) => {
                let TypeDef::Flags(names) = self.types.get(index) else { unreachable!() };
                if let Some(wh) = wh {
                    self.check_object(b, wh, ty, v);
                }
                let words = flags_words(names, v);
                match abi::flags_size(names.len()) {
                    1 => set(b, "setUint8", ptr, &words[0], false),
                    2 => set(b, "setUint16", ptr, &words[0], true),
                    _ => {
                        for (i, w) in words.iter().enumerate() {
                            set(b, "setInt32", &at(4 * i as u64), w, true);
                        }
                    }
                }
            }
            _ => {
                // Scalars and handles: lower to one flat value, then store it.
                let flats = self.lower_flat(b, cx, ty, v, wh);
                let (value, _) = &flats[0];
                let method = match ty {
                    ValType::Bool | ValType::U8 | ValType::S8 => "setUint8",
                    ValType::U16 | ValType::S16 => "setUint16",
                    ValType::U64 | ValType::S64 => "setBigInt64",
                    ValType::F32 => "setFloat32",
                    ValType::F64 => "setFloat64",
                    _ => "setInt32",
                };
                set(b, method, ptr, value, method != "setUint8");
            }
        }
    }

    /// A shared function `(value, where?) => ptr` (length in `loweredLength`) for a list or
    /// map type written into `cx`'s memory.
    fn lower_list_fn(&mut self, cx: &Cx, ty: ValType, checked: bool) -> String {
        let (elem, is_map) = match self.types.def(ty) {
            Some(TypeDef::List(t)) => (*t, false),
            Some(TypeDef::Map(k, v)) => (self.map_entry(*k, *v), true),
            _ => unreachable!(),
        };
        self.shared_fn(format!("lower {ty:?} {checked} {}", cx.key()), "lowerList", |g, b, name| {
            let (size, align) = (abi::size(g.types, elem), abi::align(g.types, elem));
            g.helper("alloc");
            g.helper("lowered-length");
            b.open(format!("function {name}(value{})", if checked { ", where" } else { "" }));
            if is_map {
                if checked {
                    let err = g.bad("where", ty, "value");
                    b.line(format!("if (typeof value !== 'object' || value === null || typeof value[Symbol.iterator] !== 'function') {err}"));
                }
                b.line("value = Array.from(value);");
                b.line("const len = value.length;");
            } else if checked {
                // The length is read once: a getter could answer differently the second time.
                g.helper("check-array");
                b.line(format!("const len = checkArray(value, where, {});", js_string(&g.wit(ty))));
            } else {
                b.line("const len = value.length;");
            }
            if checked {
                // Before realloc: a list that cannot fit in 32-bit memory is the caller's error.
                g.helper("list-too-long");
                b.line(format!("if (len * {size} > 0xffffffff) throw listTooLong(where, {}, len);", js_string(&g.wit(ty))));
            }
            b.line(format!("const ptr = alloc({}, {}, {align}, len * {size});", cx.realloc(), cx.memory()));
            let typed = typed_array(elem).filter(|_| !is_map);
            if let Some(typed) = typed {
                b.open(format!("if (value instanceof {typed})"));
                b.line(format!("new {typed}({}.buffer, ptr, len).set(value);", cx.memory()));
                b.reopen("} else {");
            }
            g.store_elements(b, cx, elem, "len", checked.then_some("where"));
            if typed.is_some() {
                b.close();
            }
            b.line("loweredLength = len;");
            b.line("return ptr;");
            b.close();
        })
    }

    /// A shared function `(value, ptr, where?)` that writes a fixed-length list into `cx`'s
    /// memory at `ptr` (which the caller has checked), checking it first when `checked`.
    fn lower_fixed_list_fn(&mut self, cx: &Cx, ty: ValType, checked: bool) -> String {
        let Some(TypeDef::FixedList(elem, n)) = self.types.def(ty) else { unreachable!("not a fixed-length list") };
        let (elem, n) = (*elem, *n);
        self.shared_fn(format!("lower {ty:?} {checked} {}", cx.key()), "lowerFixedList", |g, b, name| {
            b.open(format!("function {name}(value, ptr{})", if checked { ", where" } else { "" }));
            if checked {
                g.check_array(b, "where", ty, "value", n);
            }
            g.store_elements(b, cx, elem, &n.to_string(), checked.then_some("where"));
            b.close();
        })
    }

    /// The loop that stores `len` elements of `elem` of the array `value` from `ptr` on.
    fn store_elements(&mut self, b: &mut Body, cx: &Cx, elem: ValType, len: &str, wh: Option<&str>) {
        let size = abi::size(self.types, elem);
        b.open(format!("for (let i = 0; i < {len}; i++)"));
        let item = b.tmp("item");
        b.line(format!("const {item} = value[i];"));
        self.store(b, cx, elem, &item, &format!("ptr + i * {size}"), wh);
        b.close();
    }
}

fn zero(f: Flat) -> &'static str {
    if f == Flat::I64 { "0n" } else { "0" }
}

/// The typed array a list of `ty` lifts to, per the JS conventions.
fn typed_array(ty: ValType) -> Option<&'static str> {
    Some(match ty {
        ValType::U8 => "Uint8Array",
        ValType::S8 => "Int8Array",
        ValType::U16 => "Uint16Array",
        ValType::S16 => "Int16Array",
        ValType::U32 => "Uint32Array",
        ValType::S32 => "Int32Array",
        ValType::U64 => "BigUint64Array",
        ValType::S64 => "BigInt64Array",
        ValType::F32 => "Float32Array",
        ValType::F64 => "Float64Array",
        _ => return None,
    })
}

/// A JS condition that is true when `v` is not a valid value of the integer type `ty`.
fn int_check(ty: ValType, v: &str) -> String {
    let range = match ty {
        ValType::U8 => format!("({v} & 255) !== {v}"),
        ValType::S8 => format!("({v} << 24 >> 24) !== {v}"),
        ValType::U16 => format!("({v} & 65535) !== {v}"),
        ValType::S16 => format!("({v} << 16 >> 16) !== {v}"),
        ValType::U32 => format!("({v} >>> 0) !== {v}"),
        _ => format!("({v} | 0) !== {v}"),
    };
    // The bit operations would convert anything else: a bigint throws a TypeError that names
    // nothing, an object's `valueOf` would run.
    format!("typeof {v} !== 'number' || {range}")
}

fn flags_object(names: &[String], words: &[String]) -> String {
    let parts: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| format!("{}: ({} & {}) !== 0", lower_camel_property(name), words[i / 32], 1u32 << (i % 32) as i32))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

fn flags_words(names: &[String], v: &str) -> Vec<String> {
    names
        .chunks(32)
        .map(|chunk| {
            let bits: Vec<String> = chunk
                .iter()
                .enumerate()
                .map(|(i, name)| format!("({v}{} ? {} : 0)", property_access(name), (1u32 << i) as i32))
                .collect();
            format!("({})", bits.join(" | "))
        })
        .collect()
}

/// `.fooBar` for a WIT field name `foo-bar`.
fn property_access(wit_name: &str) -> String {
    format!(".{}", lower_camel_property(wit_name))
}

/// `wh` with `step` (`.field`, `[0]`, `.val`) added, for the messages of values inside a
/// parameter or result: `f: parameter "x".inner[1]`. Only where `wh` is a string literal (an
/// export's or import's own code); inside a list's shared function `where` names the list.
/// Past 200 characters the path stops growing (types nested 100 deep).
fn at_path(wh: Option<&str>, step: &str) -> Option<String> {
    let wh = wh?;
    match wh.strip_suffix('"') {
        Some(open) if wh.starts_with('"') && wh.len() > 1 && wh.len() < 200 => Some(format!("{open}{}\"", step.replace(['\\', '"'], ""))),
        _ => Some(wh.to_string()),
    }
}
