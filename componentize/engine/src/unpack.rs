//! `ferry_unpack`: decompresses the memory image of a component built with
//! `ferry componentize --compress-memory` (`componentize/src/compress.rs`). The component's
//! start function calls it, before anything else runs, on a fresh memory that holds
//! nothing of the image yet: its code must read no memory but its arguments and its stack
//! (no statics, no constant tables), and write none but `dst` and its stack.

mod codec;
mod decode;

/// Decodes the `src_len` bytes at `src` into the `dst_len` bytes at `dst`; traps if they are
/// not an image of that length.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_unpack(src: u32, src_len: u32, dst: u32, dst_len: u32) {
    let src = unsafe { std::slice::from_raw_parts(src as *const u8, src_len as usize) };
    let dst = unsafe { std::slice::from_raw_parts_mut(dst as *mut u8, dst_len as usize) };
    if !decode::decode(src, dst) {
        core::arch::wasm32::unreachable()
    }
}
