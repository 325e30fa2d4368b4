//! Lifting: JS values from the canonical ABI's memory layout. What comes from the host is
//! checked as the canonical ABI says: a bad discriminant, char or UTF-8 traps. Strings and
//! lists the host allocated in our memory are freed once read (the receiver owns them).

use ferry_componentize_schema::{Type, TypeId};
use rquickjs::{Array, BigInt, Class, Ctx, Object, Result, Value};

use super::layout::payload_offset;
use super::{cases, fields, load_discriminant, load_flags};
use crate::errors::trap;
use crate::memory::{Block, bytes, free, load};
use crate::resources::{self, Handle};
use crate::state::State;

/// One lifting: the borrows of imported resources it made instances for (an export ends
/// them when it returns).
pub struct Lift<'a, 'js> {
    pub ctx: Ctx<'js>,
    st: &'a State,
    pub borrows: Vec<Class<'js, Handle>>,
}

impl<'a, 'js> Lift<'a, 'js> {
    pub fn new(ctx: &Ctx<'js>, st: &'a State) -> Lift<'a, 'js> {
        Lift { ctx: ctx.clone(), st, borrows: Vec::new() }
    }

    /// The `ty` stored at `ptr`.
    pub fn mem(&mut self, ty: TypeId, ptr: u32) -> Result<Value<'js>> {
        let st = self.st;
        let ctx = self.ctx.clone();
        let int = |n: i32| Ok(Value::new_int(ctx.clone(), n));
        match &st.schema.types[ty as usize] {
            Type::Bool => Ok(Value::new_bool(ctx, load::<u8>(ptr) != 0)),
            Type::S8 => int(load::<i8>(ptr).into()),
            Type::U8 => int(load::<u8>(ptr).into()),
            Type::S16 => int(load::<i16>(ptr).into()),
            Type::U16 => int(load::<u16>(ptr).into()),
            Type::S32 => int(load::<i32>(ptr)),
            Type::U32 => Ok(Value::new_number(ctx, load::<u32>(ptr).into())),
            Type::S64 => Ok(BigInt::from_i64(ctx, load::<i64>(ptr))?.into_value()),
            Type::U64 => Ok(BigInt::from_u64(ctx, load::<u64>(ptr))?.into_value()),
            Type::F32 => Ok(Value::new_float(ctx, load::<f32>(ptr).into())),
            Type::F64 => Ok(Value::new_float(ctx, load::<f64>(ptr))),
            Type::Char => {
                let code = load::<u32>(ptr);
                let Some(c) = char::from_u32(code) else { trap(&format!("invalid char {code:#x} from the host")) };
                Ok(rquickjs::String::from_str(ctx, c.encode_utf8(&mut [0; 4]))?.into_value())
            }
            Type::String => {
                let (at, len) = (load::<u32>(ptr), load::<u32>(ptr + 4));
                let Ok(s) = std::str::from_utf8(bytes(at, len)) else {
                    trap("invalid UTF-8 in a string from the host")
                };
                let value = rquickjs::String::from_str(ctx, s)?.into_value();
                free(Block { ptr: at, size: len, align: 1 });
                Ok(value)
            }
            Type::List(elem) => self.list(*elem, load::<u32>(ptr), load::<u32>(ptr + 4)),
            Type::Record(rec) => {
                let object = Object::new(ctx)?;
                let offsets = fields(&st.layouts, rec.iter().map(|(_, t)| t));
                for ((name, _), (t, offset)) in rec.iter().zip(offsets) {
                    object.set(name.as_str(), self.mem(t, ptr + offset)?)?;
                }
                Ok(object.into_value())
            }
            Type::Tuple(items) => {
                let array = Array::new(ctx)?;
                for (i, (t, offset)) in fields(&st.layouts, items.iter()).into_iter().enumerate() {
                    array.set(i, self.mem(t, ptr + offset)?)?;
                }
                Ok(array.into_value())
            }
            ty_def @ Type::Variant(named) => {
                let (case, payload) = self.case(ty_def, ptr)?;
                let object = Object::new(ctx)?;
                object.set("tag", named[case].0.as_str())?;
                if let Some(payload) = payload {
                    object.set("val", payload)?;
                }
                Ok(object.into_value())
            }
            ty_def @ Type::Enum(names) => {
                let (case, _) = self.case(ty_def, ptr)?;
                Ok(rquickjs::String::from_str(ctx, &names[case])?.into_value())
            }
            ty_def @ Type::Option(inner) => match self.case(ty_def, ptr)? {
                (0, _) => Ok(Value::new_undefined(ctx)),
                (_, payload) => {
                    let payload = payload.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
                    if matches!(st.schema.types[*inner as usize], Type::Option(_)) {
                        tagged(&ctx, "some", payload)
                    } else {
                        Ok(payload)
                    }
                }
            },
            ty_def @ Type::Result { .. } => {
                let (case, payload) = self.case(ty_def, ptr)?;
                let payload = payload.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
                tagged(&ctx, if case == 0 { "ok" } else { "err" }, payload)
            }
            Type::Flags(names) => {
                let words = load_flags(ptr, names.len());
                let object = Object::new(ctx)?;
                for (i, name) in names.iter().enumerate() {
                    object.set(name.as_str(), words[i / 32] & (1 << (i % 32)) != 0)?;
                }
                Ok(object.into_value())
            }
            Type::Own(r) => {
                let handle = load::<u32>(ptr);
                if st.schema.resources[*r as usize].exported {
                    Ok(resources::lift_exported_own(&ctx, st, *r, handle))
                } else {
                    Ok(resources::wrap(&ctx, st, *r, handle, false)?.into_value())
                }
            }
            Type::Borrow(r) => {
                let handle = load::<u32>(ptr);
                if st.schema.resources[*r as usize].exported {
                    Ok(resources::lift_exported_borrow(&ctx, st, *r, handle))
                } else {
                    let instance = resources::wrap(&ctx, st, *r, handle, true)?;
                    self.borrows.push(instance.clone());
                    Ok(instance.into_value())
                }
            }
        }
    }

    /// The case of a variant-like type at `ptr` and its payload, if it has one.
    fn case(&mut self, ty_def: &Type, ptr: u32) -> Result<(usize, Option<Value<'js>>)> {
        let all = cases(ty_def);
        let case = load_discriminant(ptr, all.len()) as usize;
        if case >= all.len() {
            trap(&format!("invalid discriminant {case} from the host (the type has {} cases)", all.len()));
        }
        let payload = match all[case] {
            Some(t) => {
                let at = payload_offset(all.len(), self.st.layouts.payload_align(all.iter().copied()));
                Some(self.mem(t, ptr + at)?)
            }
            None => None,
        };
        Ok((case, payload))
    }

    fn list(&mut self, elem: TypeId, at: u32, len: u32) -> Result<Value<'js>> {
        let st = self.st;
        let layout = st.layouts.get(elem);
        let (size, align) = (layout.size, layout.align);
        let Some(total) = len.checked_mul(size) else {
            trap(&format!("a list of {len} elements from the host is too long"))
        };
        if !at.is_multiple_of(align) {
            trap(&format!("a list from the host is at {at:#x}, not aligned to {align}"));
        }
        let ctx = &self.ctx;
        let typed = super::typed::kind(&st.schema.types[elem as usize])
            .map(|kind| super::typed::new(ctx, kind, bytes(at, total)));
        let value = match typed {
            Some(value) => value?,
            None => {
                let array = Array::new(ctx.clone())?;
                for i in 0..len {
                    array.set(i as usize, self.mem(elem, at + i * size)?)?;
                }
                array.into_value()
            }
        };
        free(Block { ptr: at, size: total, align });
        Ok(value)
    }
}

/// `{ tag, val }`.
pub fn tagged<'js>(ctx: &Ctx<'js>, tag: &str, val: Value<'js>) -> Result<Value<'js>> {
    let object = Object::new(ctx.clone())?;
    object.set("tag", tag)?;
    object.set("val", val)?;
    Ok(object.into_value())
}
