//! A hand-written canonical ABI for strings, shared (through `#[path]`) by the
//! components whose string encoding wit-bindgen's Rust generator cannot produce:
//! `utf16` and `latin1+utf16` (`compact-utf16` to `wasm-tools component embed`).
//! Returned values are leaked: these components live only for a test.

#![allow(dead_code)] // each user takes only the parts it needs

use std::alloc::{Layout, alloc, realloc};
use std::cell::UnsafeCell;

#[derive(Clone, Copy, PartialEq)]
pub enum Encoding {
    Utf8,
    Utf16,
    /// latin1+utf16: `len` with bit 31 set means utf16 code units, else latin1 bytes.
    CompactUtf16,
}

pub const UTF16_TAG: u32 = 1 << 31;

#[unsafe(no_mangle)]
unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size == 0 {
        return align as *mut u8;
    }
    unsafe {
        if old.is_null() || old_size == 0 {
            alloc(Layout::from_size_align_unchecked(new_size, align))
        } else {
            realloc(old, Layout::from_size_align_unchecked(old_size, align), new_size)
        }
    }
}

/// The code units of a string as the caller passed it (utf8 bytes, utf16 units or
/// latin1 bytes, widened to u16).
pub unsafe fn code_units(enc: Encoding, ptr: *const u8, len: u32) -> Vec<u16> {
    let bytes = |n: u32| unsafe { std::slice::from_raw_parts(ptr, n as usize) }.iter().map(|&b| b as u16).collect();
    let units = |n: u32| unsafe { std::slice::from_raw_parts(ptr as *const u16, n as usize) }.to_vec();
    match enc {
        Encoding::Utf8 => bytes(len),
        Encoding::Utf16 => units(len),
        Encoding::CompactUtf16 if len & UTF16_TAG != 0 => units(len & !UTF16_TAG),
        Encoding::CompactUtf16 => bytes(len),
    }
}

/// The number of code units in a string, from its `len`.
pub fn unit_count(enc: Encoding, len: u32) -> u32 {
    if enc == Encoding::CompactUtf16 { len & !UTF16_TAG } else { len }
}

pub unsafe fn read_string(enc: Encoding, ptr: *const u8, len: u32) -> String {
    let units = unsafe { code_units(enc, ptr, len) };
    match enc {
        Encoding::Utf8 => String::from_utf8_lossy(&units.iter().map(|&u| u as u8).collect::<Vec<_>>()).into_owned(),
        // latin1 bytes are the code points U+0000..U+00FF, which are also utf16 units.
        _ => String::from_utf16_lossy(&units),
    }
}

/// Copies `bytes` into a new allocation aligned to `align` (leaked); returns its address.
fn alloc_copy(bytes: &[u8], align: usize) -> u32 {
    unsafe {
        let p = cabi_realloc(std::ptr::null_mut(), 0, align, bytes.len());
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
        p as u32
    }
}

/// Stores `s` in the encoding, returning the `(ptr, len)` pair the ABI wants.
/// (latin1+utf16 strings are aligned to 2 even when they are latin1.)
pub fn write_string(enc: Encoding, s: &str) -> (u32, u32) {
    let latin1 = enc == Encoding::CompactUtf16 && s.chars().all(|c| (c as u32) < 256);
    if enc == Encoding::Utf8 {
        (alloc_copy(s.as_bytes(), 1), s.len() as u32)
    } else if latin1 {
        let b: Vec<u8> = s.chars().map(|c| c as u8).collect();
        (alloc_copy(&b, 2), b.len() as u32)
    } else {
        let b: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let tag = if enc == Encoding::CompactUtf16 { UTF16_TAG } else { 0 };
        (alloc_copy(&b, 2), (b.len() / 2) as u32 | tag)
    }
}

pub fn write_list<T: Copy>(items: &[T]) -> (u32, u32) {
    let bytes = unsafe { std::slice::from_raw_parts(items.as_ptr() as *const u8, size_of_val(items)) };
    (alloc_copy(bytes, align_of::<T>()), items.len() as u32)
}

/// The return area: a function whose results do not fit one core value writes
/// them here and returns its address.
struct RetArea(UnsafeCell<[u32; 8]>);
unsafe impl Sync for RetArea {}
static RET: RetArea = RetArea(UnsafeCell::new([0; 8]));

pub fn ret_area(words: &[u32]) -> *mut u32 {
    let p = RET.0.get() as *mut u32;
    for (i, w) in words.iter().enumerate() {
        unsafe { *p.add(i) = *w };
    }
    p
}
