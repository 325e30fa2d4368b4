//! `--compress-memory`: the snapshot's memory image, compressed. The data segments that fill
//! memory 0 at instantiation become one image (from its first non-zero byte to its last)
//! compressed into one passive segment, and a start function, run at instantiation before
//! any export can be, restores it:
//!
//! 1. grows memory by enough pages for a scratch area holding the compressed image (the
//!    memory is fresh: it holds nothing of the image yet);
//! 2. `memory.init`s the compressed image into the scratch, and drops the segment;
//! 3. calls the engine's decoder for the format, `ferry_unpack_fast` or `ferry_unpack_small`
//!    `(src, len, dst, dst_len)` (`engine/src/unpack.rs`: it touches only its arguments and
//!    its stack), to decompress the image into its place;
//! 4. zeroes the scratch.
//!
//! That is when the image lies above the shadow stack, where the decoder's frames go, as it
//! does once `preinit` zeroed the dead stack. Otherwise the scratch also holds the
//! decompressed image, which the start function `memory.copy`s to its place once the
//! decoder returned.
//!
//! The memory ends up as the snapshot had it, plus the zeroed scratch pages at the end.
//! The allocator (wasi-libc's dlmalloc) tracks its own top: when it next grows memory, it
//! gets pages that do not follow its top and takes them as a new segment; the scratch
//! pages stay unused.
//!
//! Two formats (`Codec`), each decoded by the engine's code that this crate shares:
//! - `fast` (`lz`, `engine/src/unpack/lz.rs`), the default: LZ77 in whole bytes, as LZ4 lays
//!   it out. A hello world's 512 KB image decodes in well under a millisecond.
//! - `small` (`encode`, `engine/src/unpack/codec.rs`): LZ77 with an adaptive binary range
//!   coder. On QuickJS's heap it does about as well as xz (a hello world's image takes a
//!   third less than with `fast`), but decodes some twenty times slower.
//!
//! The encoded image is decoded again here before it is used: an encoder bug is an error at
//! componentize time, not a broken component.

#[path = "../engine/src/unpack/codec.rs"]
mod codec;
#[path = "../engine/src/unpack/decode.rs"]
mod decode;
mod encode;
mod lz;
#[path = "../engine/src/unpack/lz.rs"]
mod lz_format;
mod price;
#[cfg(test)]
mod tests;

use wasm_encoder::{
    CodeSection, DataCountSection, DataSection, Function, FunctionSection, Instruction, Module, RawSection, StartSection,
    TypeSection, ValType,
};
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasmparser::{BinaryReaderError, ExternalKind, Operator, Parser, Payload, TypeRef};
use wit_parser::{Resolve, WorldId, WorldKey};

use crate::preinit::segments::active_offset;

/// The format for a component of `world` when the user chose none: `fast`, but no
/// compression for a server (a world that exports `wasi:http/incoming-handler`), whose host
/// makes an instance per request and maps an uncompressed image in without copying it.
pub fn default_codec(resolve: &Resolve, world: WorldId) -> Option<Codec> {
    let serves_http = resolve.worlds[world].exports.keys().any(|key| match key {
        WorldKey::Interface(id) => resolve.id_of(*id).is_some_and(|name| name.starts_with("wasi:http/incoming-handler")),
        WorldKey::Name(_) => false,
    });
    (!serves_http).then_some(Codec::Fast)
}

/// A format's decoder: fills the slice with the image the bytes encode, or says they do not.
type Decoder = fn(&[u8], &mut [u8]) -> bool;

/// How the memory image is compressed (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Fast,
    Small,
}

impl Codec {
    /// The engine's decoder of the format (see `engine/src/unpack.rs`).
    fn unpack_export(self) -> &'static str {
        match self {
            Codec::Fast => "ferry_unpack_fast",
            Codec::Small => "ferry_unpack_small",
        }
    }

    /// `image` compressed, once it decodes back to itself.
    fn encode(self, image: &[u8]) -> Result<Vec<u8>, CompressError> {
        let (packed, decode): (_, Decoder) = match self {
            Codec::Fast => (lz::encode(image), lz_format::decode),
            Codec::Small => (encode::encode(image), decode::decode),
        };
        let mut decoded = vec![0; image.len()];
        match decode(&packed, &mut decoded) && decoded == image {
            true => Ok(packed),
            false => Err(CompressError(format!("the {self:?} encoding of the {}-byte image does not decode to it", image.len()))),
        }
    }
}
const PAGE: u64 = 1 << 16;
/// 4 GiB, a 32-bit memory's most.
const MAX_PAGES: u64 = 1 << 16;

/// Why the snapshot cannot be compressed: it is not the module the engine build makes.
#[derive(Debug)]
pub struct CompressError(pub String);

impl std::fmt::Display for CompressError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "compressing the snapshot's memory: {}", self.0)
    }
}

impl std::error::Error for CompressError {}

impl From<BinaryReaderError> for CompressError {
    fn from(e: BinaryReaderError) -> CompressError {
        CompressError(format!("{} (at byte offset {:#x})", e.message(), e.offset()))
    }
}

fn reencode_error(e: wasm_encoder::reencode::Error) -> CompressError {
    CompressError(e.to_string())
}

/// What `memory 0` starts with, as its active segments at constant offsets write it.
struct Image {
    /// Where its first non-zero byte goes.
    offset: u32,
    bytes: Vec<u8>,
}

/// What the rewrite needs to know of the module.
struct Layout {
    types: u32,
    imported_funcs: u32,
    defined_funcs: u32,
    unpack: u32,
    /// Memory 0's initial size and maximum, in pages.
    pages: (u64, Option<u64>),
    /// Where the shadow stack starts, growing down: the initial value of the first global
    /// (LLVM's `__stack_pointer`), if it is an `i32` constant.
    stack_top: Option<u32>,
    image: Option<Image>,
    /// The data section as it will be, but for the compressed image: segments that are not
    /// part of the image, raw, at their indices (code may name them); an image segment
    /// before one of them becomes an empty passive segment, to keep them where they are.
    other_segments: Vec<Option<std::ops::Range<usize>>>,
}

/// `module` (a snapshot of the engine) with its memory image compressed (see above), or
/// as it is if its memory starts all zero.
pub fn compress(module: &[u8], codec: Codec) -> Result<Vec<u8>, CompressError> {
    let layout = Layout::read(module, codec.unpack_export())?;
    let Some(image) = &layout.image else {
        return Ok(module.to_vec());
    };
    let packed = codec.encode(&image.bytes)?;
    let in_place = layout.stack_top.is_some_and(|top| image.offset >= top);
    let plan = Scratch::plan(packed.len(), image.bytes.len(), in_place, layout.pages)?;
    let segment = layout.other_segments.len() as u32;

    let mut out = Module::new();
    let mut code: Option<(CodeSection, u32)> = None;
    let mut data_count_written = false;
    for payload in Parser::new(0).parse_all(module) {
        let payload = payload?;
        match &payload {
            Payload::TypeSection(section) => {
                let mut types = TypeSection::new();
                RoundtripReencoder.parse_type_section(&mut types, section.clone()).map_err(reencode_error)?;
                types.ty().function([], []);
                out.section(&types);
                continue;
            }
            Payload::FunctionSection(section) => {
                let mut functions = FunctionSection::new();
                RoundtripReencoder.parse_function_section(&mut functions, section.clone()).map_err(reencode_error)?;
                functions.function(layout.types);
                out.section(&functions);
                continue;
            }
            Payload::StartSection { .. } => return Err(CompressError("it already has a start function".into())),
            Payload::DataCountSection { .. } => {
                out.section(&DataCountSection { count: segment + 1 });
                data_count_written = true;
                continue;
            }
            Payload::CodeSectionStart { count, .. } => {
                if !data_count_written {
                    out.section(&DataCountSection { count: segment + 1 });
                }
                code = Some((CodeSection::new(), *count));
                continue;
            }
            Payload::CodeSectionEntry(body) => {
                let (section, remaining) = code.as_mut().expect("a code entry comes after the code section start");
                section.raw(&module[body.range().start as usize..body.range().end as usize]);
                *remaining -= 1;
                if *remaining == 0 {
                    let (mut section, _) = code.take().expect("just matched");
                    section.function(&plan.start_body(image, packed.len() as u32, segment, layout.unpack));
                    out.section(&section);
                }
                continue;
            }
            Payload::DataSection(_) => {
                let mut data = DataSection::new();
                for segment in &layout.other_segments {
                    match segment {
                        Some(range) => data.raw(&module[range.clone()]),
                        None => data.passive([]),
                    };
                }
                data.passive(packed.iter().copied());
                out.section(&data);
                continue;
            }
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            out.section(&RawSection { id, data: &module[range.start as usize..range.end as usize] });
        }
        if let Payload::ExportSection(_) = payload {
            let index = layout.imported_funcs + layout.defined_funcs;
            out.section(&StartSection { function_index: index });
        }
    }
    Ok(out.finish())
}

impl Layout {
    fn read(module: &[u8], unpack_export: &str) -> Result<Layout, CompressError> {
        let (mut types, mut imported_funcs, mut defined_funcs) = (0, 0, 0);
        let (mut unpack, mut pages, mut stack_top) = (None, None, None);
        let mut segments = Vec::new();
        let mut image = ImageBuilder::default();
        for payload in Parser::new(0).parse_all(module) {
            match payload? {
                Payload::TypeSection(section) => types = section.count(),
                Payload::ImportSection(section) => {
                    for import in section.into_imports() {
                        match import?.ty {
                            TypeRef::Func(_) => imported_funcs += 1,
                            TypeRef::Memory(_) => return Err(CompressError("it imports a memory".into())),
                            _ => {}
                        }
                    }
                }
                Payload::FunctionSection(section) => defined_funcs = section.count(),
                Payload::MemorySection(section) => {
                    if let Some(first) = section.into_iter().next() {
                        let first = first?;
                        if first.memory64 || first.page_size_log2.is_some() {
                            return Err(CompressError("its memory is not a 32-bit one of 64 KiB pages".into()));
                        }
                        pages = Some((first.initial, first.maximum));
                    }
                }
                Payload::ExportSection(section) => {
                    for export in section {
                        let export = export?;
                        if export.name == unpack_export && export.kind == ExternalKind::Func {
                            unpack = Some(export.index);
                        }
                    }
                }
                Payload::GlobalSection(section) => {
                    if let Some(first) = section.into_iter().next() {
                        let mut init = first?.init_expr.get_operators_reader();
                        if let (Operator::I32Const { value }, Operator::End) = (init.read()?, init.read()?) {
                            stack_top = Some(value as u32);
                        }
                    }
                }
                Payload::DataSection(section) => {
                    for segment in section {
                        let segment = segment?;
                        let range = segment.range.start as usize..segment.range.end as usize;
                        match active_offset(&segment)? {
                            Some(offset) => {
                                image.write(offset, segment.data);
                                segments.push(None);
                            }
                            None => segments.push(Some(range)),
                        }
                    }
                }
                _ => {}
            }
        }
        let pages = pages.ok_or_else(|| CompressError("it defines no memory".into()))?;
        // Image segments after the last other one need no placeholder.
        let kept = segments.iter().rposition(Option::is_some).map_or(0, |last| last + 1);
        segments.truncate(kept);
        Ok(Layout {
            types,
            imported_funcs,
            defined_funcs,
            unpack: unpack.ok_or_else(|| CompressError(format!("it has no function export `{unpack_export}`")))?,
            pages,
            stack_top,
            image: image.finish(),
            other_segments: segments,
        })
    }
}

/// The image, built segment by segment: a later segment overwrites an earlier one.
#[derive(Default)]
struct ImageBuilder {
    writes: Vec<(u64, Vec<u8>)>,
}

impl ImageBuilder {
    fn write(&mut self, offset: u32, data: &[u8]) {
        self.writes.push((u64::from(offset), data.to_vec()));
    }

    fn finish(self) -> Option<Image> {
        let start = self.writes.iter().filter(|(_, d)| !d.is_empty()).map(|(o, _)| *o).min()?;
        let end = self.writes.iter().map(|(o, d)| o + d.len() as u64).max()?;
        let mut bytes = vec![0; (end - start) as usize];
        for (offset, data) in &self.writes {
            if !data.is_empty() {
                let at = (offset - start) as usize;
                bytes[at..at + data.len()].copy_from_slice(data);
            }
        }
        // Trim zero bytes at both ends: the memory starts zero.
        let first = bytes.iter().position(|&b| b != 0)?;
        let last = bytes.iter().rposition(|&b| b != 0).expect("a non-zero byte exists");
        Some(Image { offset: (start + first as u64) as u32, bytes: bytes[first..=last].to_vec() })
    }
}

/// The scratch area the start function grows memory by: the compressed image at its start,
/// then, unless the image is decoded in place, the decompressed one.
struct Scratch {
    pages: u32,
    /// Where the decompressed image goes, from the scratch's start; `None` in place.
    out: Option<u32>,
    len: u32,
}

impl Scratch {
    /// The plan for a `packed`-byte compressed image of `image` bytes, decoded `in_place` or
    /// not, in a memory of `(initial, maximum)` pages.
    fn plan(packed: usize, image: usize, in_place: bool, (initial, max): (u64, Option<u64>)) -> Result<Scratch, CompressError> {
        let out = (!in_place).then(|| (packed as u64).next_multiple_of(16));
        let len = out.map_or(packed as u64, |out| out + image as u64);
        let pages = len.div_ceil(PAGE);
        let max = max.unwrap_or(MAX_PAGES).min(MAX_PAGES);
        if initial + pages > max {
            return Err(CompressError(format!("no room for a {len}-byte scratch area")));
        }
        Ok(Scratch { pages: pages as u32, out: out.map(|out| out as u32), len: len as u32 })
    }

    /// The start function (see the module docs). Local 0 is the scratch's address.
    fn start_body(&self, image: &Image, packed: u32, segment: u32, unpack: u32) -> Function {
        let mut f = Function::new([(1, ValType::I32)]);
        let base = || Instruction::LocalGet(0);
        let i32 = |value: u32| Instruction::I32Const(value as i32);
        f.instruction(&i32(self.pages))
            .instruction(&Instruction::MemoryGrow(0))
            .instruction(&Instruction::LocalTee(0))
            .instruction(&Instruction::I32Const(-1))
            .instruction(&Instruction::I32Eq)
            .instruction(&Instruction::If(wasm_encoder::BlockType::Empty))
            .instruction(&Instruction::Unreachable)
            .instruction(&Instruction::End)
            .instruction(&base())
            .instruction(&Instruction::I32Const(16))
            .instruction(&Instruction::I32Shl)
            .instruction(&Instruction::LocalSet(0));
        // The compressed image into the scratch.
        f.instruction(&base())
            .instruction(&i32(0))
            .instruction(&i32(packed))
            .instruction(&Instruction::MemoryInit { mem: 0, data_index: segment })
            .instruction(&Instruction::DataDrop(segment));
        // The decoder: (src, len, dst, dst_len), dst the image's place or the scratch's.
        f.instruction(&base()).instruction(&i32(packed));
        match self.out {
            None => f.instruction(&i32(image.offset)),
            Some(out) => f.instruction(&base()).instruction(&i32(out)).instruction(&Instruction::I32Add),
        };
        f.instruction(&i32(image.bytes.len() as u32)).instruction(&Instruction::Call(unpack));
        if let Some(out) = self.out {
            // To its place, now that no decoder frame is there.
            f.instruction(&i32(image.offset))
                .instruction(&base())
                .instruction(&i32(out))
                .instruction(&Instruction::I32Add)
                .instruction(&i32(image.bytes.len() as u32))
                .instruction(&Instruction::MemoryCopy { src_mem: 0, dst_mem: 0 });
        }
        f.instruction(&base())
            .instruction(&i32(0))
            .instruction(&i32(self.len))
            .instruction(&Instruction::MemoryFill(0))
            .instruction(&Instruction::End);
        f
    }
}
