//! The canonical ABI between JS values and the component's core values.
//!
//! JS values are lowered into and lifted from the memory layout only (`lower`, `lift`); flat
//! values convert to and from that layout here, by type alone, without JS. A flat value is a
//! `u64` holding its bits: `i32` and `f32` in the low 32 bits (zero-extended), `i64` and `f64`
//! in all 64. With that representation the canonical ABI's coercions between joined variant
//! payload types (`f32` <-> `i32`, `i32`/`f32` -> `i64` zero-extended, `f64` <-> `i64`) are
//! the identity, and a slot is read and written as one `u64` whatever its core type.

pub mod layout;
pub mod lift;
pub mod lower;
mod typed;

use ferry_componentize_schema::{Type, TypeId};

use crate::errors::trap;
use crate::memory::{load, store};
use layout::{Layouts, align_to, discriminant_size, flags_size, payload_offset};

/// The payload types of a variant-like type's cases, in case order.
pub fn cases(ty: &Type) -> Vec<Option<TypeId>> {
    match ty {
        Type::Variant(cases) => cases.iter().map(|(_, t)| *t).collect(),
        Type::Enum(names) => vec![None; names.len()],
        Type::Option(t) => vec![None, Some(*t)],
        Type::Result { ok, err } => vec![*ok, *err],
        _ => Vec::new(),
    }
}

/// Fields laid out in memory one after another: each one's type and offset.
pub fn fields<'a>(layouts: &Layouts, types: impl Iterator<Item = &'a TypeId>) -> Vec<(TypeId, u32)> {
    let mut offset = 0;
    types
        .map(|t| {
            let l = layouts.get(*t);
            offset = align_to(offset, l.align);
            let at = offset;
            offset += l.size;
            (*t, at)
        })
        .collect()
}

pub fn load_discriminant(ptr: u32, cases: usize) -> u32 {
    match discriminant_size(cases) {
        1 => u32::from(load::<u8>(ptr)),
        2 => u32::from(load::<u16>(ptr)),
        _ => load::<u32>(ptr),
    }
}

pub fn store_discriminant(ptr: u32, cases: usize, value: u32) {
    match discriminant_size(cases) {
        1 => store(ptr, value as u8),
        2 => store(ptr, value as u16),
        _ => store(ptr, value),
    }
}

/// Flags as `i32` words, from memory (1, 2 or 4-byte units).
pub fn load_flags(ptr: u32, count: usize) -> Vec<u32> {
    match flags_size(count) {
        0 => Vec::new(),
        1 => vec![u32::from(load::<u8>(ptr))],
        2 => vec![u32::from(load::<u16>(ptr))],
        _ => (0..count.div_ceil(32) as u32).map(|i| load::<u32>(ptr + 4 * i)).collect(),
    }
}

pub fn store_flags(ptr: u32, count: usize, words: &[u32]) {
    match flags_size(count) {
        0 => {}
        1 => store(ptr, words[0] as u8),
        2 => store(ptr, words[0] as u16),
        _ => {
            for (i, w) in words.iter().enumerate() {
                store(ptr + 4 * i as u32, *w);
            }
        }
    }
}

/// Stores the flat values of a `ty` (taken from `flat`) at `ptr` in its memory layout, as the
/// canonical ABI's `lift_flat` followed by `store` would. Traps on a discriminant out of range.
pub fn flat_to_mem(types: &[Type], layouts: &Layouts, ty: TypeId, flat: &mut dyn Iterator<Item = u64>, ptr: u32) {
    let mut next = || flat.next().unwrap_or_else(|| trap("ferry engine: too few flat values"));
    match &types[ty as usize] {
        Type::Bool => store(ptr, u8::from(next() as u32 != 0)),
        Type::S8 | Type::U8 => store(ptr, next() as u8),
        Type::S16 | Type::U16 => store(ptr, next() as u16),
        Type::S32 | Type::U32 | Type::F32 | Type::Char | Type::Own(_) | Type::Borrow(_) => store(ptr, next() as u32),
        Type::S64 | Type::U64 | Type::F64 => store(ptr, next()),
        Type::String | Type::List(_) => {
            store(ptr, next() as u32);
            store(ptr + 4, next() as u32);
        }
        Type::Record(rec) => {
            for (t, offset) in fields(layouts, rec.iter().map(|(_, t)| t)) {
                flat_to_mem(types, layouts, t, flat, ptr + offset);
            }
        }
        Type::Tuple(items) => {
            for (t, offset) in fields(layouts, items.iter()) {
                flat_to_mem(types, layouts, t, flat, ptr + offset);
            }
        }
        Type::Flags(names) => {
            let words: Vec<u32> = (0..names.len().div_ceil(32)).map(|_| next() as u32).collect();
            store_flags(ptr, names.len(), &words);
        }
        ty_def @ (Type::Variant(_) | Type::Enum(_) | Type::Option(_) | Type::Result { .. }) => {
            let cases = cases(ty_def);
            let disc = next() as u32;
            let Some(case) = cases.get(disc as usize) else {
                trap(&format!("invalid variant discriminant {disc} from the host ({} cases)", cases.len()))
            };
            store_discriminant(ptr, cases.len(), disc);
            // The payload takes the first positions of the joined ones; the rest is padding.
            let joined = layouts.get(ty).flat.len() - 1;
            let mut payload: Vec<u64> = (0..joined).map(|_| next()).collect();
            if let Some(t) = case {
                let at = payload_offset(cases.len(), layouts.payload_align(cases.iter().copied()));
                let used = layouts.get(*t).flat.len();
                payload.truncate(used);
                flat_to_mem(types, layouts, *t, &mut payload.into_iter(), ptr + at);
            }
        }
    }
}

/// Appends the flat values of the `ty` stored at `ptr`, as `load` followed by `lower_flat`.
/// The memory was written by the engine's lowering, so it is valid.
pub fn mem_to_flat(types: &[Type], layouts: &Layouts, ty: TypeId, ptr: u32, out: &mut Vec<u64>) {
    match &types[ty as usize] {
        Type::Bool | Type::U8 => out.push(u64::from(load::<u8>(ptr))),
        Type::S8 => out.push(u64::from(load::<i8>(ptr) as i32 as u32)),
        Type::U16 => out.push(u64::from(load::<u16>(ptr))),
        Type::S16 => out.push(u64::from(load::<i16>(ptr) as i32 as u32)),
        Type::S32 | Type::U32 | Type::F32 | Type::Char | Type::Own(_) | Type::Borrow(_) => {
            out.push(u64::from(load::<u32>(ptr)))
        }
        Type::S64 | Type::U64 | Type::F64 => out.push(load::<u64>(ptr)),
        Type::String | Type::List(_) => {
            out.push(u64::from(load::<u32>(ptr)));
            out.push(u64::from(load::<u32>(ptr + 4)));
        }
        Type::Record(rec) => {
            for (t, offset) in fields(layouts, rec.iter().map(|(_, t)| t)) {
                mem_to_flat(types, layouts, t, ptr + offset, out);
            }
        }
        Type::Tuple(items) => {
            for (t, offset) in fields(layouts, items.iter()) {
                mem_to_flat(types, layouts, t, ptr + offset, out);
            }
        }
        Type::Flags(names) => out.extend(load_flags(ptr, names.len()).into_iter().map(u64::from)),
        ty_def @ (Type::Variant(_) | Type::Enum(_) | Type::Option(_) | Type::Result { .. }) => {
            let cases = cases(ty_def);
            let disc = load_discriminant(ptr, cases.len());
            out.push(u64::from(disc));
            let start = out.len();
            if let Some(Some(t)) = cases.get(disc as usize) {
                let at = payload_offset(cases.len(), layouts.payload_align(cases.iter().copied()));
                mem_to_flat(types, layouts, *t, ptr + at, out);
            }
            out.resize(start + layouts.get(ty).flat.len() - 1, 0);
        }
    }
}
