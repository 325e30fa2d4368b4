//! Sizes, alignments and flattenings of the world's value types, as the canonical ABI defines
//! them (`elem_size`, `alignment`, `flatten_type`), worked out once per type at init.

use ferry_componentize_schema::{Type, TypeId};

/// A core value type a flattened value has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Core {
    I32,
    I64,
    F32,
    F64,
}

impl Core {
    /// The type one flat position has when the cases of a variant put `a` and `b` there.
    fn join(a: Core, b: Core) -> Core {
        match (a, b) {
            _ if a == b => a,
            (Core::I32, Core::F32) | (Core::F32, Core::I32) => Core::I32,
            _ => Core::I64,
        }
    }
}

/// A type's memory layout and flattening.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub size: u32,
    pub align: u32,
    pub flat: Vec<Core>,
}

/// The layouts of all the types of a schema, by `TypeId`.
pub struct Layouts(Vec<Layout>);

pub fn align_to(offset: u32, align: u32) -> u32 {
    offset.div_ceil(align) * align
}

/// The size (and alignment) of the discriminant of a variant with `cases` cases.
pub fn discriminant_size(cases: usize) -> u32 {
    match cases {
        0..=0x100 => 1,
        0x101..=0x1_0000 => 2,
        _ => 4,
    }
}

/// The size (and alignment) of the flags representation in memory; flat, one `i32` per 32.
pub fn flags_size(count: usize) -> u32 {
    match count {
        0 => 0,
        1..=8 => 1,
        9..=16 => 2,
        _ => 4 * count.div_ceil(32) as u32,
    }
}

/// Where the payload of a variant starts, after its discriminant.
pub fn payload_offset(cases: usize, payload_align: u32) -> u32 {
    align_to(discriminant_size(cases), payload_align)
}

impl Layouts {
    pub fn new(types: &[Type]) -> Layouts {
        let mut done: Vec<Option<Layout>> = vec![None; types.len()];
        for id in 0..types.len() {
            compute(types, &mut done, id as TypeId);
        }
        Layouts(done.into_iter().map(|l| l.expect("every type computed")).collect())
    }

    pub fn get(&self, ty: TypeId) -> &Layout {
        &self.0[ty as usize]
    }

    /// The layout of a tuple of `types` (the parameters of a function), with each one's offset.
    pub fn tuple(&self, types: &[TypeId]) -> (Layout, Vec<u32>) {
        let parts: Vec<&Layout> = types.iter().map(|t| self.get(*t)).collect();
        sequence(&parts)
    }

    /// The payload alignment of a variant's cases (1 when none has a payload).
    pub fn payload_align(&self, payloads: impl Iterator<Item = Option<TypeId>>) -> u32 {
        payloads.flatten().map(|t| self.get(t).align).max().unwrap_or(1)
    }
}

/// Fields laid out one after the other: the layout of the whole and each field's offset.
fn sequence(parts: &[&Layout]) -> (Layout, Vec<u32>) {
    let mut size = 0;
    let mut align = 1;
    let mut offsets = Vec::with_capacity(parts.len());
    let mut flat = Vec::new();
    for part in parts {
        size = align_to(size, part.align);
        offsets.push(size);
        size += part.size;
        align = align.max(part.align);
        flat.extend_from_slice(&part.flat);
    }
    (Layout { size: align_to(size, align), align, flat }, offsets)
}

fn compute(types: &[Type], done: &mut Vec<Option<Layout>>, id: TypeId) -> Layout {
    if let Some(layout) = &done[id as usize] {
        return layout.clone();
    }
    let mut of = |t: TypeId| compute(types, done, t);
    let scalar = |size: u32, core: Core| Layout { size, align: size, flat: vec![core] };
    let layout = match &types[id as usize] {
        Type::Bool | Type::S8 | Type::U8 => scalar(1, Core::I32),
        Type::S16 | Type::U16 => scalar(2, Core::I32),
        Type::S32 | Type::U32 | Type::Char | Type::Own(_) | Type::Borrow(_) => scalar(4, Core::I32),
        Type::S64 | Type::U64 => scalar(8, Core::I64),
        Type::F32 => scalar(4, Core::F32),
        Type::F64 => scalar(8, Core::F64),
        Type::String | Type::List(_) => Layout { size: 8, align: 4, flat: vec![Core::I32, Core::I32] },
        Type::Record(fields) => {
            let parts: Vec<Layout> = fields.iter().map(|(_, t)| of(*t)).collect();
            sequence(&parts.iter().collect::<Vec<_>>()).0
        }
        Type::Tuple(items) => {
            let parts: Vec<Layout> = items.iter().map(|t| of(*t)).collect();
            sequence(&parts.iter().collect::<Vec<_>>()).0
        }
        Type::Variant(cases) => {
            let payloads: Vec<Option<Layout>> = cases.iter().map(|(_, t)| t.map(&mut of)).collect();
            variant(&payloads)
        }
        Type::Enum(cases) => variant(&vec![None; cases.len()]),
        Type::Option(t) => variant(&[None, Some(of(*t))]),
        Type::Result { ok, err } => variant(&[ok.map(&mut of), err.map(&mut of)]),
        Type::Flags(names) => {
            let size = flags_size(names.len());
            Layout { size, align: size.clamp(1, 4), flat: vec![Core::I32; names.len().div_ceil(32)] }
        }
    };
    done[id as usize] = Some(layout.clone());
    layout
}

fn variant(payloads: &[Option<Layout>]) -> Layout {
    let disc = discriminant_size(payloads.len());
    let payload_align = payloads.iter().flatten().map(|l| l.align).max().unwrap_or(1);
    let payload_size = payloads.iter().flatten().map(|l| l.size).max().unwrap_or(0);
    let align = disc.max(payload_align);
    let size = align_to(align_to(disc, payload_align) + payload_size, align);
    let mut flat: Vec<Core> = Vec::new();
    for payload in payloads.iter().flatten() {
        for (i, core) in payload.flat.iter().enumerate() {
            match flat.get_mut(i) {
                Some(joined) => *joined = Core::join(*joined, *core),
                None => flat.push(*core),
            }
        }
    }
    flat.insert(0, Core::I32);
    Layout { size, align, flat }
}
