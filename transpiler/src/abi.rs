//! Canonical ABI layout: sizes, alignments, discriminants and flattening of value types.

use crate::model::{TypeDef, TypeTable, ValType};

pub const MAX_FLAT_PARAMS: usize = 16;
pub const MAX_FLAT_RESULTS: usize = 1;
pub const MAX_FLAT_ASYNC_PARAMS: usize = 4;

/// A core value type in a flattened signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flat {
    I32,
    I64,
    F32,
    F64,
}

pub fn align(types: &TypeTable, ty: ValType) -> u32 {
    match ty {
        ValType::Bool | ValType::S8 | ValType::U8 => 1,
        ValType::S16 | ValType::U16 => 2,
        ValType::S32 | ValType::U32 | ValType::F32 | ValType::Char => 4,
        ValType::S64 | ValType::U64 | ValType::F64 => 8,
        ValType::String | ValType::ErrorContext => 4,
        ValType::Defined(index) => match types.get(index) {
            TypeDef::List(_) | TypeDef::Map(..) => 4,
            TypeDef::FixedList(t, _) => align(types, *t),
            TypeDef::Record(fields) => fields.iter().map(|f| align(types, f.1)).max().unwrap_or(1),
            TypeDef::Tuple(tys) => tys.iter().map(|t| align(types, *t)).max().unwrap_or(1),
            TypeDef::Flags(names) => flags_size(names.len()).clamp(1, 4),
            TypeDef::Own(_) | TypeDef::Borrow(_) | TypeDef::Future(_) | TypeDef::Stream(_) => 4,
            _ => {
                let (cases, count) = variant_cases(types, ty);
                cases.iter().flatten().map(|t| align(types, *t)).fold(discriminant_size(count), u32::max)
            }
        },
    }
}

pub fn size(types: &TypeTable, ty: ValType) -> u32 {
    match ty {
        ValType::Bool | ValType::S8 | ValType::U8 => 1,
        ValType::S16 | ValType::U16 => 2,
        ValType::S32 | ValType::U32 | ValType::F32 | ValType::Char | ValType::ErrorContext => 4,
        ValType::S64 | ValType::U64 | ValType::F64 => 8,
        ValType::String => 8,
        ValType::Defined(index) => match types.get(index) {
            TypeDef::List(_) | TypeDef::Map(..) => 8,
            TypeDef::FixedList(t, n) => size(types, *t) * n,
            TypeDef::Record(fields) => record_size(types, fields.iter().map(|f| f.1)),
            TypeDef::Tuple(tys) => record_size(types, tys.iter().copied()),
            TypeDef::Flags(names) => flags_size(names.len()),
            TypeDef::Own(_) | TypeDef::Borrow(_) | TypeDef::Future(_) | TypeDef::Stream(_) => 4,
            _ => {
                let (cases, _) = variant_cases(types, ty);
                let payload_offset = variant_payload_offset(types, ty);
                let max_case = cases.iter().flatten().map(|t| size(types, *t)).max().unwrap_or(0);
                align_to(payload_offset + max_case, align(types, ty))
            }
        },
    }
}

/// Byte offsets of each field of a record or tuple.
pub fn field_offsets(types: &TypeTable, tys: impl Iterator<Item = ValType>) -> Vec<u32> {
    let mut offset = 0;
    tys.map(|t| {
        offset = align_to(offset, align(types, t));
        let here = offset;
        offset += size(types, t);
        here
    })
    .collect()
}

fn record_size(types: &TypeTable, tys: impl Iterator<Item = ValType> + Clone) -> u32 {
    let mut offset = 0;
    let mut max_align = 1;
    for t in tys {
        let a = align(types, t);
        max_align = max_align.max(a);
        offset = align_to(offset, a) + size(types, t);
    }
    align_to(offset, max_align)
}

/// Where a variant's payload starts, after its discriminant.
pub fn variant_payload_offset(types: &TypeTable, ty: ValType) -> u32 {
    let (cases, count) = variant_cases(types, ty);
    let max_case_align = cases.iter().flatten().map(|t| align(types, *t)).max().unwrap_or(1);
    align_to(discriminant_size(count), max_case_align)
}

/// The payload types of a variant-like type (variant, enum, option, result) and its case count.
pub fn variant_cases(types: &TypeTable, ty: ValType) -> (Vec<Option<ValType>>, usize) {
    let cases = match types.def(ty) {
        Some(TypeDef::Variant(cases)) => cases.iter().map(|c| c.1).collect(),
        Some(TypeDef::Enum(names)) => vec![None; names.len()],
        Some(TypeDef::Option(t)) => vec![None, Some(*t)],
        Some(TypeDef::Result(ok, err)) => vec![*ok, *err],
        _ => unreachable!("not a variant-like type"),
    };
    let count = cases.len();
    (cases, count)
}

pub fn discriminant_size(cases: usize) -> u32 {
    if cases <= 1 << 8 {
        1
    } else if cases <= 1 << 16 {
        2
    } else {
        4
    }
}

pub fn flags_size(count: usize) -> u32 {
    match count {
        0 => 0,
        1..=8 => 1,
        9..=16 => 2,
        _ => 4 * count.div_ceil(32) as u32,
    }
}

pub fn align_to(offset: u32, align: u32) -> u32 {
    offset.div_ceil(align) * align
}

pub fn flatten(types: &TypeTable, ty: ValType, out: &mut Vec<Flat>) {
    match ty {
        ValType::S64 | ValType::U64 => out.push(Flat::I64),
        ValType::F32 => out.push(Flat::F32),
        ValType::F64 => out.push(Flat::F64),
        ValType::String => out.extend([Flat::I32, Flat::I32]),
        ValType::Defined(index) => match types.get(index) {
            TypeDef::List(_) | TypeDef::Map(..) => out.extend([Flat::I32, Flat::I32]),
            TypeDef::FixedList(t, n) => {
                for _ in 0..*n {
                    flatten(types, *t, out);
                }
            }
            TypeDef::Record(fields) => fields.iter().for_each(|f| flatten(types, f.1, out)),
            TypeDef::Tuple(tys) => tys.iter().for_each(|t| flatten(types, *t, out)),
            TypeDef::Flags(names) => out.extend(std::iter::repeat_n(Flat::I32, names.len().div_ceil(32))),
            TypeDef::Own(_) | TypeDef::Borrow(_) | TypeDef::Future(_) | TypeDef::Stream(_) => out.push(Flat::I32),
            _ => out.extend(flatten_variant(types, ty)),
        },
        _ => out.push(Flat::I32),
    }
}

pub fn flat(types: &TypeTable, ty: ValType) -> Vec<Flat> {
    let mut out = Vec::new();
    flatten(types, ty, &mut out);
    out
}

/// The discriminant followed by the join of every case's flattening.
pub fn flatten_variant(types: &TypeTable, ty: ValType) -> Vec<Flat> {
    let (cases, _) = variant_cases(types, ty);
    let mut joined: Vec<Flat> = Vec::new();
    for case in cases.iter().flatten() {
        for (i, f) in flat(types, *case).into_iter().enumerate() {
            match joined.get_mut(i) {
                Some(existing) => *existing = join(*existing, f),
                None => joined.push(f),
            }
        }
    }
    let mut out = vec![Flat::I32];
    out.extend(joined);
    out
}

fn join(a: Flat, b: Flat) -> Flat {
    match (a, b) {
        _ if a == b => a,
        (Flat::I32, Flat::F32) | (Flat::F32, Flat::I32) => Flat::I32,
        _ => Flat::I64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeDef;

    #[test]
    fn layouts() {
        let mut types = TypeTable::default();
        let record = types.intern(TypeDef::Record(vec![("a".into(), ValType::U8), ("b".into(), ValType::U64), ("c".into(), ValType::U16)]));
        assert_eq!((size(&types, record), align(&types, record)), (24, 8));
        assert_eq!(field_offsets(&types, [ValType::U8, ValType::U64, ValType::U16].into_iter()), vec![0, 8, 16]);
        let variant = types.intern(TypeDef::Variant(vec![("a".into(), Some(ValType::F32)), ("b".into(), Some(ValType::U64)), ("c".into(), None)]));
        assert_eq!(flat(&types, variant), vec![Flat::I32, Flat::I64]);
        assert_eq!((size(&types, variant), align(&types, variant)), (16, 8));
        let option = types.intern(TypeDef::Option(ValType::F32));
        assert_eq!(flat(&types, option), vec![Flat::I32, Flat::F32]);
        let flags = types.intern(TypeDef::Flags((0..40).map(|i| format!("f{i}")).collect()));
        assert_eq!((size(&types, flags), align(&types, flags)), (8, 4));
        assert_eq!(flat(&types, flags), vec![Flat::I32, Flat::I32]);
    }
}
