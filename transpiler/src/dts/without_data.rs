//! A copy of a component whose core modules' data segments are empty, for decoding its WIT.
//! wit-component reads a binary a section at a time into a buffer of its own, so a 100 MB
//! data segment would cost another 100 MB; the types do not depend on the data.

use crate::error::Error;
use std::borrow::Cow;
use wasmparser::{BinaryReader, DataKind, DataSectionReader};

const CORE_MODULE_SECTION: u8 = 1;
const COMPONENT_SECTION: u8 = 4;
const DATA_SECTION: u8 = 11;
/// The magic number and version (or layer) every module and component starts with.
const PREAMBLE: usize = 8;

/// `bytes` (a valid component) with every data segment's bytes removed; borrowed as it is
/// when its segments hold less than `min_data` bytes in all, not worth a copy.
pub fn without_data(bytes: &[u8], min_data: usize) -> Result<Cow<'_, [u8]>, Error> {
    if data_bytes(bytes, false)? < min_data {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len() - data_bytes(bytes, false)?);
    rewrite(bytes, false, &mut out)?;
    Ok(Cow::Owned(out))
}

/// The sections of the module or component `bytes`: (id, contents' range in `bytes`).
fn sections(bytes: &[u8]) -> Result<Vec<(u8, std::ops::Range<usize>)>, Error> {
    let mut reader = BinaryReader::new(bytes, 0);
    reader.read_bytes(PREAMBLE)?;
    let mut out = Vec::new();
    while !reader.eof() {
        let id = reader.read_u8()?;
        let len = reader.read_var_u32()? as usize;
        let start = reader.current_position();
        reader.read_bytes(len)?;
        out.push((id, start..start + len));
    }
    Ok(out)
}

/// How many bytes the data segments of `bytes` (a module if `module`) and everything nested
/// in it hold.
fn data_bytes(bytes: &[u8], module: bool) -> Result<usize, Error> {
    let mut total = 0;
    for (id, range) in sections(bytes)? {
        total += match (module, id) {
            (true, DATA_SECTION) => segments(&bytes[range.clone()], range.start)?.iter().map(|s| s.1).sum(),
            (false, CORE_MODULE_SECTION) => data_bytes(&bytes[range], true)?,
            (false, COMPONENT_SECTION) => data_bytes(&bytes[range], false)?,
            _ => 0,
        };
    }
    Ok(total)
}

/// Each segment of a data section: its bytes before the data (flags, memory, offset
/// expression) as a range of `contents`, and the data's length.
fn segments(contents: &[u8], at: usize) -> Result<Vec<(std::ops::Range<usize>, usize)>, Error> {
    let mut out = Vec::new();
    for data in DataSectionReader::new(BinaryReader::new(contents, at as u64))? {
        let data = data?;
        let start = data.range.start as usize - at;
        let head_end = match data.kind {
            DataKind::Active { offset_expr, .. } => {
                let mut ops = offset_expr.get_operators_reader();
                while !ops.eof() {
                    ops.read()?;
                }
                ops.original_position() as usize - at
            }
            DataKind::Passive => {
                let mut flags = BinaryReader::new(&contents[start..], 0);
                flags.read_var_u32()?;
                start + flags.current_position()
            }
        };
        out.push((start..head_end, data.data.len()));
    }
    Ok(out)
}

/// Appends `bytes` (a module if `module`) to `out` with its data segments emptied.
fn rewrite(bytes: &[u8], module: bool, out: &mut Vec<u8>) -> Result<(), Error> {
    out.extend_from_slice(&bytes[..PREAMBLE]);
    for (id, range) in sections(bytes)? {
        let contents = &bytes[range.clone()];
        let mut new = Vec::new();
        match (module, id) {
            (true, DATA_SECTION) => {
                let segments = segments(contents, range.start)?;
                leb(segments.len(), &mut new);
                for (head, _) in segments {
                    new.extend_from_slice(&contents[head]);
                    leb(0, &mut new);
                }
            }
            (false, CORE_MODULE_SECTION) => rewrite(contents, true, &mut new)?,
            (false, COMPONENT_SECTION) => rewrite(contents, false, &mut new)?,
            _ => {
                out.push(id);
                leb(contents.len(), out);
                out.extend_from_slice(contents);
                continue;
            }
        }
        out.push(id);
        leb(new.len(), out);
        out.extend_from_slice(&new);
    }
    Ok(())
}

fn leb(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPONENT: &str = r#"(component
        (core module $m
            (memory 1)
            (data (i32.const 16) "hello, world")
            (data "passive bytes")
            (func (export "f") (result i32) i32.const 1))
        (component $inner
            (core module $n (memory 1) (data (i32.const 0) "nested")))
        (core instance $i (instantiate $m))
        (func (export "f") (result u32) (canon lift (core func $i "f"))))"#;

    #[test]
    fn empties_every_segment_and_keeps_the_rest_valid() {
        let bytes = wat::parse_str(COMPONENT).unwrap();
        let stripped = without_data(&bytes, 1).unwrap();
        assert!(matches!(stripped, Cow::Owned(_)));
        assert_eq!(bytes.len() - stripped.len(), "hello, world".len() + "passive bytes".len() + "nested".len());
        assert_eq!(data_bytes(&stripped, false).unwrap(), 0);
        wasmparser::Validator::new().validate_all(&stripped).unwrap();
        let text = String::from_utf8_lossy(&stripped);
        assert!(!text.contains("hello") && !text.contains("passive") && !text.contains("nested"));
    }

    #[test]
    fn borrows_when_there_is_little_data() {
        let bytes = wat::parse_str(COMPONENT).unwrap();
        assert!(matches!(without_data(&bytes, 1000).unwrap(), Cow::Borrowed(_)));
    }
}
