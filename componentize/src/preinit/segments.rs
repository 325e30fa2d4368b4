//! Fewer, larger data segments for the snapshot. Wizer writes one active segment per run of
//! non-zero bytes (merging runs at most 4 bytes apart), but a segment's header costs 6 to 9
//! bytes (flags, `i32.const` and its offset, `end`, length): the snapshot of QuickJS's heap
//! has thousands of runs a few zero bytes apart. This pass merges two neighbouring active
//! segments of memory 0 whenever the zero bytes between them take less room than the second
//! one's header; everything else in the module is copied as it is.

use std::borrow::Cow;

use wasm_encoder::{ConstExpr, DataCountSection, DataSection, Module, RawSection};
use wasmparser::{BinaryReaderError, DataKind, Operator, Parser, Payload};

/// One segment as it will be written: active at `offset` (in memory 0) or passive.
enum Segment<'a> {
    Active { offset: u32, data: Cow<'a, [u8]> },
    /// Any other segment, encoded as it was, at its index (code may name a passive segment
    /// in `memory.init` or `data.drop`).
    Other(&'a [u8]),
}

/// `module` with its data segments merged (see above), or `module` itself if it has no data
/// section. Errors only if `module` cannot be parsed.
pub fn merge(module: &[u8]) -> Result<Vec<u8>, BinaryReaderError> {
    let mut segments = None;
    for payload in Parser::new(0).parse_all(module) {
        if let Payload::DataSection(reader) = payload? {
            segments = Some(merged(module, reader)?);
        }
    }
    let Some(segments) = segments else {
        return Ok(module.to_vec());
    };

    let mut out = Module::new();
    for payload in Parser::new(0).parse_all(module) {
        match payload? {
            Payload::DataCountSection { .. } => {
                out.section(&DataCountSection { count: segments.len() as u32 });
            }
            Payload::DataSection(_) => {
                let mut data = DataSection::new();
                for segment in &segments {
                    match segment {
                        Segment::Active { offset, data: bytes } => {
                            data.active(0, &ConstExpr::i32_const(*offset as i32), bytes.iter().copied());
                        }
                        Segment::Other(raw) => {
                            data.raw(raw);
                        }
                    }
                }
                out.section(&data);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    out.section(&RawSection { id, data: &module[range.start as usize..range.end as usize] });
                }
            }
        }
    }
    Ok(out.finish())
}

/// The segments of a data section, neighbouring active ones merged.
fn merged<'a>(
    module: &'a [u8],
    reader: wasmparser::DataSectionReader<'a>,
) -> Result<Vec<Segment<'a>>, BinaryReaderError> {
    let mut segments: Vec<Segment<'_>> = Vec::new();
    for segment in reader {
        let segment = segment?;
        let Some(offset) = active_offset(&segment)? else {
            segments.push(Segment::Other(&module[segment.range.start as usize..segment.range.end as usize]));
            continue;
        };
        if let Some(Segment::Active { offset: prev, data }) = segments.last_mut() {
            let end = u64::from(*prev) + data.len() as u64;
            // Only forward, without overlap: a later segment overwrites an earlier one.
            if u64::from(offset) >= end {
                let gap = (u64::from(offset) - end) as usize;
                if gap < header_len(offset, segment.data.len()) {
                    let data = data.to_mut();
                    data.resize(data.len() + gap, 0);
                    data.extend_from_slice(segment.data);
                    continue;
                }
            }
        }
        segments.push(Segment::Active { offset, data: Cow::Borrowed(segment.data) });
    }
    Ok(segments)
}

/// Where `module`'s static data starts: the lowest offset of its active segments of memory 0
/// (`u32::MAX` if it has none).
pub(crate) fn data_start(module: &[u8]) -> Result<u32, BinaryReaderError> {
    let mut start = u32::MAX;
    for payload in Parser::new(0).parse_all(module) {
        if let Payload::DataSection(reader) = payload? {
            for segment in reader {
                if let Some(offset) = active_offset(&segment?)? {
                    start = start.min(offset);
                }
            }
        }
    }
    Ok(start)
}

/// The offset of an active segment of memory 0 at a constant `i32` offset; `None` for any
/// other segment.
pub(crate) fn active_offset(segment: &wasmparser::Data<'_>) -> Result<Option<u32>, BinaryReaderError> {
    let DataKind::Active { memory_index: 0, offset_expr } = &segment.kind else {
        return Ok(None);
    };
    let mut ops = offset_expr.get_operators_reader();
    let Operator::I32Const { value } = ops.read()? else {
        return Ok(None);
    };
    if !matches!(ops.read()?, Operator::End) || !ops.eof() {
        return Ok(None);
    }
    Ok(Some(value as u32))
}

/// The bytes an active segment of memory 0 takes besides its data.
fn header_len(offset: u32, len: usize) -> usize {
    // flags 0, `i32.const`, the offset (signed LEB128), `end`, the length (LEB128)
    1 + 1 + sleb_len(i64::from(offset as i32)) + 1 + uleb_len(len as u64)
}

fn sleb_len(mut value: i64) -> usize {
    let mut n = 1;
    while !(-64..64).contains(&value) {
        value >>= 7;
        n += 1;
    }
    n
}

fn uleb_len(mut value: u64) -> usize {
    let mut n = 1;
    while value >= 0x80 {
        value >>= 7;
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests;
