//! The decoders of a compressed memory image (`ferry componentize --compress-memory`,
//! `componentize/src/compress.rs`), one export per format. The component's start function
//! calls one, before anything else runs, on a fresh memory that holds nothing of the image
//! yet: its code must read no memory but its arguments and its stack (no statics, no
//! constant tables), and write none but `dst` and its stack. The one a component does not
//! call is dropped from it with the rest of the dead code.

mod codec;
mod decode;
mod lz;

/// Decodes the `src_len` bytes at `src`, in the `fast` format (`lz`), into the `dst_len`
/// bytes at `dst`; traps if they are not an image of that length.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_unpack_fast(src: u32, src_len: u32, dst: u32, dst_len: u32) {
    unpack(lz::decode, src, src_len, dst, dst_len)
}

/// As `ferry_unpack_fast`, in the `small` format (`codec`).
#[unsafe(no_mangle)]
pub extern "C" fn ferry_unpack_small(src: u32, src_len: u32, dst: u32, dst_len: u32) {
    unpack(decode::decode, src, src_len, dst, dst_len)
}

fn unpack(decode: fn(&[u8], &mut [u8]) -> bool, src: u32, src_len: u32, dst: u32, dst_len: u32) {
    let src = unsafe { std::slice::from_raw_parts(src as *const u8, src_len as usize) };
    let dst = unsafe { std::slice::from_raw_parts_mut(dst as *mut u8, dst_len as usize) };
    if !decode(src, dst) {
        core::arch::wasm32::unreachable()
    }
}
