//! The fast image format, `--compress-memory fast` (the default): LZ77 in whole bytes, as
//! LZ4 lays it out but with offsets of any distance, decoded at memory-copy speed. The
//! stream is a list of sequences, each
//!
//! - a token: the literal count in its high nibble, the match length less `MIN_MATCH` in
//!   its low one; a nibble of 15 continues in the bytes that follow (each added, until one
//!   is below 255);
//! - the literals;
//! - unless the literals end the image: the match's offset back from the current position
//!   (LEB128, at least 1), then the rest of its length, if continued.
//!
//! The encoder is `componentize/src/compress/lz.rs`.

/// The shortest match a sequence codes.
pub const MIN_MATCH: usize = 4;
/// A nibble that continues in the following bytes.
pub const NIBBLE_MAX: usize = 15;

/// Fills `dst` with the image `src` encodes; false if `src` is not such an image of exactly
/// `dst.len()` bytes.
pub fn decode(src: &[u8], dst: &mut [u8]) -> bool {
    decode_into(src, dst).is_some()
}

/// Decodes with raw pointers after checking each bound by hand: slice indexing and its
/// checks doubled the decoding time (a hello world's image took a millisecond).
fn decode_into(src: &[u8], dst: &mut [u8]) -> Option<()> {
    let (mut at, mut pos) = (0usize, 0usize);
    let (from, to) = (src.as_ptr(), dst.as_mut_ptr());
    loop {
        let token = *src.get(at)?;
        at += 1;
        let literals = length(src, &mut at, usize::from(token >> 4))?;
        if literals > src.len() - at || literals > dst.len() - pos {
            return None;
        }
        // SAFETY: both ranges were just checked, and lie in different slices.
        unsafe { copy(from.add(at), to.add(pos), literals) };
        at += literals;
        pos += literals;
        if pos == dst.len() {
            return (at == src.len()).then_some(());
        }
        let offset = leb128(src, &mut at)?;
        let len = length(src, &mut at, usize::from(token & 15))?.checked_add(MIN_MATCH)?;
        if offset == 0 || offset > pos || len > dst.len() - pos {
            return None;
        }
        // The match may overlap what it writes (a run, at offset 1): what is already copied
        // repeats with period `offset`, so each copy can take twice as much as the last.
        let start = pos - offset;
        let mut copied = 0;
        while copied < len {
            let n = (offset + copied).min(len - copied);
            // SAFETY: `start + n <= pos + copied`: the ranges do not overlap, and both end
            // by `pos + len <= dst.len()`.
            unsafe { copy(to.add(start), to.add(pos + copied), n) };
            copied += n;
        }
        pos += len;
    }
}

/// Copies `len` bytes from `from` to `to`, which do not overlap. Up to 32 bytes, the most
/// sequences copy, with a few loads and stores that may overlap each other: a longer copy
/// is `memory.copy`, a call into the host that costs more than the bytes it moves when they
/// are few.
#[inline(always)]
unsafe fn copy(from: *const u8, to: *mut u8, len: usize) {
    use core::ptr::{read_unaligned as load, write_unaligned as store};
    unsafe {
        match len {
            0 => {}
            1..4 => {
                let (first, middle, last) = (*from, *from.add(len / 2), *from.add(len - 1));
                *to = first;
                *to.add(len / 2) = middle;
                *to.add(len - 1) = last;
            }
            4..8 => {
                let (head, tail) = (load(from as *const u32), load(from.add(len - 4) as *const u32));
                store(to as *mut u32, head);
                store(to.add(len - 4) as *mut u32, tail);
            }
            8..=16 => {
                let (head, tail) = (load(from as *const u64), load(from.add(len - 8) as *const u64));
                store(to as *mut u64, head);
                store(to.add(len - 8) as *mut u64, tail);
            }
            17..=32 => {
                let head = (load(from as *const u64), load(from.add(8) as *const u64));
                let tail = (load(from.add(len - 16) as *const u64), load(from.add(len - 8) as *const u64));
                store(to as *mut u64, head.0);
                store(to.add(8) as *mut u64, head.1);
                store(to.add(len - 16) as *mut u64, tail.0);
                store(to.add(len - 8) as *mut u64, tail.1);
            }
            _ => core::ptr::copy_nonoverlapping(from, to, len),
        }
    }
}

/// A length whose nibble is `nibble`, continued from `src[*at..]` if it is `NIBBLE_MAX`.
#[inline(always)]
fn length(src: &[u8], at: &mut usize, nibble: usize) -> Option<usize> {
    let mut len = nibble;
    if nibble == NIBBLE_MAX {
        loop {
            let byte = *src.get(*at)?;
            *at += 1;
            len = len.checked_add(usize::from(byte))?;
            if byte != 255 {
                break;
            }
        }
    }
    Some(len)
}

#[inline(always)]
fn leb128(src: &[u8], at: &mut usize) -> Option<usize> {
    let mut value = 0usize;
    for shift in (0..32).step_by(7) {
        let byte = *src.get(*at)?;
        *at += 1;
        value |= usize::from(byte & 0x7f).checked_shl(shift)?;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}
