//! Lowering: JS values into the canonical ABI's memory layout, checked as the conventions
//! say (wrong kinds of values: `TypeError`; integers out of range: `RangeError`; never a
//! silent wrap).

use ferry_componentize_schema::{Type, TypeId};
use rquickjs::{BigInt, Class, Coerced, Ctx, Exception, Result, Value, qjs};

use super::layout::payload_offset;
use super::{cases, fields, store_discriminant, store_flags};
use crate::memory::{Block, alloc_block, free, store, write_bytes};
use crate::resources::{self, Handle};
use crate::state::State;

/// A short description of a JS value for error messages: `a string`, `undefined`, `1.5`.
pub fn what(value: &Value<'_>) -> String {
    if value.is_number() {
        return number_string(value);
    }
    match value.type_name() {
        name @ ("undefined" | "null") => name.to_string(),
        name @ ("object" | "array") => format!("an {name}"),
        name => format!("a {name}"),
    }
}

/// A number as JS shows it (without Rust's float formatting, which is big code).
fn number_string(value: &Value<'_>) -> String {
    value.get::<Coerced<String>>().map(|s| s.0).unwrap_or_default()
}

/// One lowering: what it allocated (freed by whoever owns the lowered value) and the
/// instances whose handles it moves.
pub struct Lower<'a, 'js> {
    pub ctx: Ctx<'js>,
    st: &'a State,
    pub allocs: Vec<Block>,
    moved: Vec<Class<'js, Handle>>,
    /// Where in the value the lowering is: after a failure, where it failed.
    path: Vec<Step<'a>>,
}

/// A step into a value: a record field or flag (`.name`), a variant's payload (`.val`), a
/// tuple or list item (`[i]`).
enum Step<'a> {
    Key(&'a str),
    Index(u32),
}

impl<'a, 'js> Lower<'a, 'js> {
    pub fn new(ctx: &Ctx<'js>, st: &'a State) -> Lower<'a, 'js> {
        Lower { ctx: ctx.clone(), st, allocs: Vec::new(), moved: Vec::new(), path: Vec::new() }
    }

    /// The lowering succeeded: instances whose owned handles it took are dead from now on.
    /// Returns the allocations.
    pub fn commit(self) -> Vec<Block> {
        for instance in &self.moved {
            resources::moved(instance);
        }
        self.allocs
    }

    /// The lowering of `what` (`argument 1 of \`log\``) failed with `error`: frees what it
    /// allocated, and returns the error with where it happened added to its message (unless
    /// `what` is `None`: the message says it).
    pub fn abort(self, error: rquickjs::Error, what: Option<&str>) -> rquickjs::Error {
        self.allocs.iter().copied().for_each(free);
        let Some(what) = what else { return error };
        let mut at = String::new();
        for step in &self.path {
            match step {
                Step::Key(key) => at.push_str(&format!(".{key}")),
                Step::Index(i) => at.push_str(&format!("[{i}]")),
            }
        }
        let place = if at.is_empty() { what.to_string() } else { format!("{what}, at {at}") };
        locate(&self.ctx, error, &place)
    }

    /// Lowers `value` as a `ty` at `ptr`, one `step` into the value being lowered.
    fn mem_at(&mut self, step: Step<'a>, ty: TypeId, value: &Value<'js>, ptr: u32) -> Result<()> {
        self.path.push(step);
        self.mem(ty, value, ptr)?;
        self.path.pop();
        Ok(())
    }

    fn alloc(&mut self, size: u32, align: u32) -> u32 {
        let ptr = alloc_block(size, align);
        self.allocs.push(Block { ptr, size, align });
        ptr
    }

    fn type_error<T>(&self, message: &str) -> Result<T> {
        Err(Exception::throw_type(&self.ctx, message))
    }

    fn expected<T>(&self, expected: &str, value: &Value<'js>) -> Result<T> {
        self.type_error(&format!("expected {expected}, got {}", what(value)))
    }

    /// Stores `value` as a `ty` at `ptr`.
    pub fn mem(&mut self, ty: TypeId, value: &Value<'js>, ptr: u32) -> Result<()> {
        let st = self.st;
        match &st.schema.types[ty as usize] {
            Type::Bool => store(ptr, u8::from(value.get::<Coerced<bool>>()?.0)),
            Type::S8 => store(ptr, self.integer(value, "s8", i8::MIN.into(), i8::MAX.into())? as i8),
            Type::U8 => store(ptr, self.integer(value, "u8", 0, u8::MAX.into())? as u8),
            Type::S16 => store(ptr, self.integer(value, "s16", i16::MIN.into(), i16::MAX.into())? as i16),
            Type::U16 => store(ptr, self.integer(value, "u16", 0, u16::MAX.into())? as u16),
            Type::S32 => store(ptr, self.integer(value, "s32", i32::MIN.into(), i32::MAX.into())? as i32),
            Type::U32 => store(ptr, self.integer(value, "u32", 0, u32::MAX.into())? as u32),
            Type::S64 => store(ptr, self.int64(value, true)?),
            Type::U64 => store(ptr, self.int64(value, false)?),
            Type::F32 => store(ptr, self.number(value, "f32")? as f32),
            Type::F64 => store(ptr, self.number(value, "f64")?),
            Type::Char => {
                let s = match value.as_string() {
                    Some(s) => s.to_string()?,
                    None => return self.expected("a char (a string of one code point)", value),
                };
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => store(ptr, c as u32),
                    _ => return self.type_error(&format!("expected a char (a string of one code point), got {s:?}")),
                }
            }
            Type::String => {
                let Some(s) = value.as_string() else { return self.expected("a string", value) };
                let s = s.to_string()?;
                let at = self.alloc(s.len() as u32, 1);
                write_bytes(at, s.as_bytes());
                store(ptr, at);
                store(ptr + 4, s.len() as u32);
            }
            Type::List(elem) => self.list(*elem, value, ptr)?,
            Type::Record(rec) => {
                let Some(object) = value.as_object() else { return self.expected("a record (an object)", value) };
                let offsets = fields(&st.layouts, rec.iter().map(|(_, t)| t));
                for ((name, _), (t, offset)) in rec.iter().zip(offsets) {
                    let field: Value = object.get(name.as_str())?;
                    self.mem_at(Step::Key(name), t, &field, ptr + offset)?;
                }
            }
            Type::Tuple(items) => {
                let Some(object) = value.as_object() else { return self.expected("a tuple (an array)", value) };
                for (i, (t, offset)) in fields(&st.layouts, items.iter()).into_iter().enumerate() {
                    let item: Value = object.get(i as u32)?;
                    self.mem_at(Step::Index(i as u32), t, &item, ptr + offset)?;
                }
            }
            ty_def @ Type::Variant(named) => {
                let names: Vec<&str> = named.iter().map(|(n, _)| n.as_str()).collect();
                let (case, payload) = self.tagged(value, &names)?;
                self.case(ty_def, case, payload.as_ref(), ptr, true)?;
            }
            Type::Enum(names) => {
                let case = value.as_string().map(|s| s.to_string()).transpose()?;
                match case.as_deref().and_then(|c| names.iter().position(|n| n == c)) {
                    Some(i) => store_discriminant(ptr, names.len(), i as u32),
                    None => {
                        return self.type_error(&format!(
                            "expected one of {}, got {}",
                            quoted(names.iter().map(String::as_str)),
                            case.map_or_else(|| what(value), |c| format!("'{c}'"))
                        ));
                    }
                }
            }
            ty_def @ Type::Option(inner) => {
                if value.is_undefined() || value.is_null() {
                    store_discriminant(ptr, 2, 0);
                } else if matches!(st.schema.types[*inner as usize], Type::Option(_)) {
                    // option<option<T>>: the outer one is tagged, so that none and some(none) differ.
                    let (case, payload) = self.tagged(value, &["none", "some"])?;
                    self.case(ty_def, case, payload.as_ref(), ptr, true)?;
                } else {
                    self.case(ty_def, 1, Some(value), ptr, false)?;
                }
            }
            ty_def @ Type::Result { .. } => {
                let (case, payload) = self.tagged(value, &["ok", "err"])?;
                self.case(ty_def, case, payload.as_ref(), ptr, true)?;
            }
            Type::Flags(names) => {
                let Some(object) = value.as_object() else {
                    return self.expected("flags (an object of booleans)", value);
                };
                let mut words = vec![0u32; names.len().div_ceil(32)];
                for (i, name) in names.iter().enumerate() {
                    if object.get::<_, Coerced<bool>>(name.as_str())?.0 {
                        words[i / 32] |= 1 << (i % 32);
                    }
                }
                store_flags(ptr, names.len(), &words);
            }
            Type::Own(r) | Type::Borrow(r) => {
                let own = matches!(st.schema.types[ty as usize], Type::Own(_));
                let handle = if st.schema.resources[*r as usize].exported {
                    if own {
                        resources::exported_own(&self.ctx, st, *r, value)?
                    } else {
                        resources::exported_borrow(&self.ctx, st, *r, value)?
                    }
                } else {
                    let (handle, moved) = resources::imported_handle(&self.ctx, st, *r, value, own)?;
                    self.moved.extend(moved);
                    handle
                };
                store(ptr, handle);
            }
        }
        Ok(())
    }

    /// `{ tag, val }`: the case's index among `names` and its `val`.
    fn tagged(&self, value: &Value<'js>, names: &[&str]) -> Result<(usize, Option<Value<'js>>)> {
        let expected = || format!("{{ tag, val }} with a tag of {}", quoted(names.iter().copied()));
        let Some(object) = value.as_object() else { return self.expected(&expected(), value) };
        let tag: Value = object.get("tag")?;
        let tag = tag.as_string().map(|s| s.to_string()).transpose()?;
        match tag.as_deref().and_then(|t| names.iter().position(|n| *n == t)) {
            Some(case) => Ok((case, Some(object.get("val")?))),
            None => self.type_error(&format!(
                "expected {}, got the tag {}",
                expected(),
                tag.map_or("undefined".into(), |t| format!("'{t}'"))
            )),
        }
    }

    /// Stores case `case` (0: `ok`, 1: `err`) of the `result` type `ty`, with `payload`.
    pub fn result_case(&mut self, ty: TypeId, case: usize, payload: &Value<'js>, ptr: u32) -> Result<()> {
        let st = self.st;
        self.case(&st.schema.types[ty as usize], case, Some(payload), ptr, false)
    }

    /// Stores case `case` of variant-like `ty_def` with its payload (when the case has one):
    /// the `val` of a `{ tag, val }` when `tagged`, else (an option's `some`) the value itself.
    fn case(&mut self, ty_def: &Type, case: usize, payload: Option<&Value<'js>>, ptr: u32, tagged: bool) -> Result<()> {
        let st = self.st;
        let all = cases(ty_def);
        store_discriminant(ptr, all.len(), case as u32);
        if let Some(t) = all[case] {
            let at = payload_offset(all.len(), st.layouts.payload_align(all.iter().copied()));
            let undefined = Value::new_undefined(self.ctx.clone());
            let payload = payload.unwrap_or(&undefined);
            match tagged {
                true => self.mem_at(Step::Key("val"), t, payload, ptr + at)?,
                false => self.mem(t, payload, ptr + at)?,
            }
        }
        Ok(())
    }

    fn list(&mut self, elem: TypeId, value: &Value<'js>, ptr: u32) -> Result<()> {
        let st = self.st;
        let layout = st.layouts.get(elem);
        let (size, align) = (layout.size, layout.align);
        // A typed array of the element type: its bytes as they are.
        let kind = super::typed::kind(&st.schema.types[elem as usize]);
        let bytes = kind.and_then(|kind| super::typed::bytes(&self.ctx, value, kind));
        if let Some(bytes) = bytes {
            let at = self.alloc(bytes.len() as u32, align);
            write_bytes(at, &bytes);
            store(ptr, at);
            store(ptr + 4, bytes.len() as u32 / size);
            return Ok(());
        }
        let Some(object) = value.as_object() else { return self.expected("a list (an array)", value) };
        let length: Value = object.get("length")?;
        let Some(len) = length.as_number().filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n * f64::from(size) < 4e9)
        else {
            return self.expected("a list (an array-like object with a length)", value);
        };
        let len = len as u32;
        let at = self.alloc(len * size, align);
        for i in 0..len {
            let item: Value = object.get(i)?;
            self.mem_at(Step::Index(i), elem, &item, at + i * size)?;
        }
        store(ptr, at);
        store(ptr + 4, len);
        Ok(())
    }

    fn number(&self, value: &Value<'js>, ty: &str) -> Result<f64> {
        match value.as_number() {
            Some(n) => Ok(n),
            None => self.expected(&format!("a {ty} (a number)"), value),
        }
    }

    fn integer(&self, value: &Value<'js>, ty: &str, min: i64, max: i64) -> Result<f64> {
        let n = self.number(value, ty)?;
        if n.fract() != 0.0 {
            return self.type_error(&format!("expected a {ty} (an integer), got {}", number_string(value)));
        }
        if n < min as f64 || n > max as f64 {
            let message = format!("{} is out of range for {ty} ({min} to {max})", number_string(value));
            return Err(Exception::throw_range(&self.ctx, &message));
        }
        Ok(n)
    }

    /// A `s64` or `u64`: a BigInt in range, or a safe-integer number.
    fn int64(&self, value: &Value<'js>, signed: bool) -> Result<u64> {
        let ty = if signed { "s64" } else { "u64" };
        let out_of_range =
            |shown: String| Err(Exception::throw_range(&self.ctx, &format!("{shown} is out of range for {ty}")));
        if let Some(n) = value.as_number() {
            const SAFE: f64 = 9_007_199_254_740_991.0;
            if n.fract() != 0.0 || n.abs() > SAFE {
                return self.type_error(&format!(
                    "expected a {ty} (a BigInt, or a safe integer), got {}",
                    number_string(value)
                ));
            }
            if !signed && n < 0.0 {
                return out_of_range(number_string(value));
            }
            return Ok(n as i64 as u64);
        }
        if !value.is_big_int() {
            return self.expected(&format!("a {ty} (a BigInt)"), value);
        }
        let ctx = self.ctx.as_raw().as_ptr();
        // The BigInt modulo 2^64; in range if converting back gives the same value.
        let (bits, back) = unsafe {
            if signed {
                let mut v = 0i64;
                qjs::JS_ToBigInt64(ctx, &mut v, value.as_raw());
                (v as u64, BigInt::from_i64(self.ctx.clone(), v)?)
            } else {
                let mut v = 0u64;
                qjs::JS_ToBigUint64(ctx, &mut v, value.as_raw());
                (v, BigInt::from_u64(self.ctx.clone(), v)?)
            }
        };
        if !unsafe { qjs::JS_IsSameValue(ctx, value.as_raw(), back.as_raw()) } {
            let shown = value.get::<Coerced<String>>().map(|s| s.0).unwrap_or_default();
            return out_of_range(format!("{shown}n"));
        }
        Ok(bits)
    }
}

fn quoted<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}

/// `error` with `(in <place>)` added to its message, if it is an Error thrown from JS.
fn locate(ctx: &Ctx<'_>, error: rquickjs::Error, place: &str) -> rquickjs::Error {
    let thrown = crate::errors::exception(ctx, error);
    if let Some(object) = thrown.as_object().filter(|_| thrown.is_error()) {
        if let Ok(message) = object.get::<_, String>("message") {
            let _ = object.set("message", format!("{message} (in {place})"));
        }
    }
    ctx.throw(thrown)
}
