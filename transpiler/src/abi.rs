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

/// The size of a value of `ty` in memory. The validator keeps every value type below 256 MiB,
/// so this cannot overflow.
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

/// Byte offsets of each field of a record or tuple. In 64 bits: a function's parameters
/// passed in memory are laid out as a tuple, which the validator does not bound as it bounds
/// every value type (below 256 MiB), and a thousand of them may pass 4 GiB (`alloc` traps
/// then, as no 32-bit memory holds them).
pub fn field_offsets(types: &TypeTable, tys: impl Iterator<Item = ValType>) -> Vec<u64> {
    let mut offset = 0u64;
    tys.map(|t| {
        offset = offset.next_multiple_of(u64::from(align(types, t)));
        let here = offset;
        offset += u64::from(size(types, t));
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

/// The flattening of `tys` one after another, or `None` if it takes more than `max` core
/// values. The canonical ABI passes anything longer through memory, so callers never need
/// the values past the limit: stopping there keeps a huge type (a fixed-length list of
/// millions of elements) as cheap as a small one.
pub fn flatten(types: &TypeTable, tys: impl IntoIterator<Item = ValType>, max: usize) -> Option<Vec<Flat>> {
    let mut out = Vec::new();
    tys.into_iter().all(|t| push_flat(types, t, &mut out, max)).then_some(out)
}

/// The flattening of `ty`, or `None` past `max` core values (see [`flatten`]).
pub fn flat(types: &TypeTable, ty: ValType, max: usize) -> Option<Vec<Flat>> {
    flatten(types, [ty], max)
}

/// Appends the flattening of `ty` to `out`; false once `out` would hold more than `max`.
fn push_flat(types: &TypeTable, ty: ValType, out: &mut Vec<Flat>, max: usize) -> bool {
    fn push(out: &mut Vec<Flat>, flats: &[Flat], max: usize) -> bool {
        out.extend_from_slice(flats);
        out.len() <= max
    }
    match ty {
        ValType::S64 | ValType::U64 => push(out, &[Flat::I64], max),
        ValType::F32 => push(out, &[Flat::F32], max),
        ValType::F64 => push(out, &[Flat::F64], max),
        ValType::String => push(out, &[Flat::I32, Flat::I32], max),
        ValType::Defined(index) => match types.get(index) {
            TypeDef::List(_) | TypeDef::Map(..) => push(out, &[Flat::I32, Flat::I32], max),
            // Every type flattens to at least one value, so this stops after `max + 1` elements.
            TypeDef::FixedList(t, n) => (0..*n).all(|_| push_flat(types, *t, out, max)),
            TypeDef::Record(fields) => fields.iter().all(|f| push_flat(types, f.1, out, max)),
            TypeDef::Tuple(tys) => tys.iter().all(|t| push_flat(types, *t, out, max)),
            TypeDef::Flags(names) => (0..names.len().div_ceil(32)).all(|_| push(out, &[Flat::I32], max)),
            TypeDef::Own(_) | TypeDef::Borrow(_) | TypeDef::Future(_) | TypeDef::Stream(_) => push(out, &[Flat::I32], max),
            _ => match flatten_variant(types, ty, max.saturating_sub(out.len())) {
                Some(flats) => push(out, &flats, max),
                None => false,
            },
        },
        _ => push(out, &[Flat::I32], max),
    }
}

/// The discriminant followed by the join of every case's flattening, or `None` past `max`
/// core values.
pub fn flatten_variant(types: &TypeTable, ty: ValType, max: usize) -> Option<Vec<Flat>> {
    let payload_max = max.checked_sub(1)?;
    let (cases, _) = variant_cases(types, ty);
    let mut joined: Vec<Flat> = Vec::new();
    for case in cases.iter().flatten() {
        for (i, f) in flat(types, *case, payload_max)?.into_iter().enumerate() {
            match joined.get_mut(i) {
                Some(existing) => *existing = join(*existing, f),
                None => joined.push(f),
            }
        }
    }
    let mut out = vec![Flat::I32];
    out.extend(joined);
    Some(out)
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
        assert_eq!(flat(&types, variant, MAX_FLAT_PARAMS), Some(vec![Flat::I32, Flat::I64]));
        assert_eq!((size(&types, variant), align(&types, variant)), (16, 8));
        let option = types.intern(TypeDef::Option(ValType::F32));
        assert_eq!(flat(&types, option, MAX_FLAT_PARAMS), Some(vec![Flat::I32, Flat::F32]));
        let flags = types.intern(TypeDef::Flags((0..40).map(|i| format!("f{i}")).collect()));
        assert_eq!((size(&types, flags), align(&types, flags)), (8, 4));
        assert_eq!(flat(&types, flags, MAX_FLAT_PARAMS), Some(vec![Flat::I32, Flat::I32]));
    }

    #[test]
    fn flattening_stops_past_the_limit() {
        let mut types = TypeTable::default();
        let three = types.intern(TypeDef::FixedList(ValType::F32, 3));
        assert_eq!(flat(&types, three, 3), Some(vec![Flat::F32; 3]));
        assert_eq!(flat(&types, three, 2), None);
        assert_eq!(flatten(&types, [three, ValType::U64], 4), Some(vec![Flat::F32, Flat::F32, Flat::F32, Flat::I64]));
        assert_eq!(flatten(&types, [three, ValType::U64], 3), None);
        // 2^40 elements if unrolled: answered after the limit's worth.
        let mut huge = ValType::U8;
        for _ in 0..4 {
            huge = types.intern(TypeDef::FixedList(huge, 1024));
        }
        assert_eq!(flat(&types, huge, MAX_FLAT_PARAMS), None);
        assert_eq!((size(&types, three), align(&types, three)), (12, 4));
        // A variant is as long as its longest case, plus the discriminant.
        let variant = types.intern(TypeDef::Variant(vec![("small".into(), Some(three)), ("huge".into(), Some(huge))]));
        assert_eq!(flat(&types, variant, MAX_FLAT_PARAMS), None);
        let option = types.intern(TypeDef::Option(three));
        assert_eq!(flatten_variant(&types, option, 4), Some(vec![Flat::I32, Flat::F32, Flat::F32, Flat::F32]));
        assert_eq!(flatten_variant(&types, option, 3), None);
        assert_eq!(flatten_variant(&types, option, 0), None);
    }

    #[test]
    fn field_offsets_pass_4_gib() {
        let mut types = TypeTable::default();
        let big = types.intern(TypeDef::FixedList(ValType::U8, (1 << 28) - 1));
        let offsets = field_offsets(&types, std::iter::repeat_n(big, 17));
        assert_eq!(offsets[16], 16 * ((1 << 28) - 1));
    }
}
