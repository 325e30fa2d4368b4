//! The `test:strings/strings` world's exports by hand, in the encoding `crate::ENCODING`.

use crate::abi::{Encoding, code_units, read_string, ret_area, unit_count, write_list, write_string};
use crate::ENCODING;

const NON_BMP: &str = "é ❤ 🦀 𝄞";
const LATIN1: &str = "café ÿ ±";

fn ret_string(s: &str) -> *mut u32 {
    let (p, l) = write_string(ENCODING, s);
    ret_area(&[p, l])
}

#[unsafe(export_name = "echo")]
unsafe extern "C" fn echo(ptr: *const u8, len: u32) -> *mut u32 {
    ret_string(&unsafe { read_string(ENCODING, ptr, len) })
}

#[unsafe(export_name = "length")]
extern "C" fn length(_ptr: *const u8, len: u32) -> u32 {
    unit_count(ENCODING, len)
}

#[unsafe(export_name = "code-units")]
unsafe extern "C" fn code_units_(ptr: *const u8, len: u32) -> *mut u32 {
    let (p, l) = write_list(&unsafe { code_units(ENCODING, ptr, len) });
    ret_area(&[p, l])
}

#[unsafe(export_name = "non-bmp")]
extern "C" fn non_bmp() -> *mut u32 {
    ret_string(NON_BMP)
}

#[unsafe(export_name = "latin1-text")]
extern "C" fn latin1_text() -> *mut u32 {
    ret_string(LATIN1)
}

#[unsafe(export_name = "encoding")]
extern "C" fn encoding() -> *mut u32 {
    ret_string(match ENCODING {
        Encoding::Utf8 => "utf8",
        Encoding::Utf16 => "utf16",
        Encoding::CompactUtf16 => "latin1+utf16",
    })
}

/// `list<string>`: `len` elements of (ptr, len) at `ptr`.
#[unsafe(export_name = "concat")]
unsafe extern "C" fn concat(ptr: *const u32, len: u32) -> *mut u32 {
    let words = unsafe { std::slice::from_raw_parts(ptr, 2 * len as usize) };
    let s: String = words.chunks(2).map(|w| unsafe { read_string(ENCODING, w[0] as *const u8, w[1]) }).collect();
    ret_string(&s)
}
