//! `test:pipeline/text` with utf16 strings, by hand (world `upper`).

#[path = "../../../raw_abi.rs"]
mod abi;

use abi::{Encoding, read_string, ret_area, write_list, write_string};

const ENC: Encoding = Encoding::Utf16;

#[unsafe(export_name = "test:pipeline/text#shout")]
unsafe extern "C" fn shout(ptr: *const u8, len: u32) -> *mut u32 {
    let s = unsafe { read_string(ENC, ptr, len) }.to_uppercase();
    let (p, l) = write_string(ENC, &s);
    ret_area(&[p, l])
}

/// `words`: `len` (ptr, len) pairs; returns `summary` {count, longest, lengths}.
#[unsafe(export_name = "test:pipeline/text#summarize")]
unsafe extern "C" fn summarize(ptr: *const u32, len: u32) -> *mut u32 {
    let pairs = unsafe { std::slice::from_raw_parts(ptr, 2 * len as usize) };
    let words: Vec<String> = pairs.chunks(2).map(|w| unsafe { read_string(ENC, w[0] as *const u8, w[1]) }).collect();
    let lengths: Vec<u32> = words.iter().map(|w| w.chars().count() as u32).collect();
    // The first of the longest.
    let longest = words.iter().rev().max_by_key(|w| w.chars().count()).map_or("", |w| w.as_str());
    let (sp, sl) = write_string(ENC, longest);
    let (lp, ll) = write_list(&lengths);
    ret_area(&[len, sp, sl, lp, ll])
}
