//! The engine's linear memory as the canonical ABI uses it: `cabi_realloc` for the host, and
//! the allocations, loads and stores lifting and lowering make. Addresses are `u32`s (wasm32).

use std::alloc::{Layout, alloc, dealloc, realloc};

/// A block of memory: who frees it needs its size and alignment.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub ptr: u32,
    pub size: u32,
    pub align: u32,
}

fn layout(size: u32, align: u32) -> Layout {
    match Layout::from_size_align(size as usize, align as usize) {
        Ok(layout) => layout,
        Err(_) => crate::errors::trap(&format!("bad allocation: {size} bytes aligned to {align}")),
    }
}

/// `size` bytes aligned to `align`; a zero-sized block is the (dangling) address `align`.
pub fn alloc_block(size: u32, align: u32) -> u32 {
    if size == 0 {
        return align;
    }
    let ptr = unsafe { alloc(layout(size, align)) };
    if ptr.is_null() {
        crate::errors::trap(&format!("out of memory allocating {size} bytes"));
    }
    ptr as u32
}

pub fn free(block: Block) {
    if block.size != 0 {
        unsafe { dealloc(block.ptr as *mut u8, layout(block.size, block.align)) }
    }
}

/// `cabi_realloc`: how the host puts strings, lists and spilled parameters into our memory.
#[unsafe(no_mangle)]
pub extern "C" fn cabi_realloc(old_ptr: u32, old_size: u32, align: u32, new_size: u32) -> u32 {
    match (old_size, new_size) {
        (0, _) => alloc_block(new_size, align),
        (_, 0) => {
            free(Block { ptr: old_ptr, size: old_size, align });
            align
        }
        _ => {
            let ptr = unsafe { realloc(old_ptr as *mut u8, layout(old_size, align), new_size as usize) };
            if ptr.is_null() {
                crate::errors::trap(&format!("out of memory allocating {new_size} bytes"));
            }
            ptr as u32
        }
    }
}

/// Reads a `T` at `ptr` (any alignment: the host's layout is aligned, but nothing checks).
pub fn load<T: Copy>(ptr: u32) -> T {
    unsafe { (ptr as *const T).read_unaligned() }
}

pub fn store<T: Copy>(ptr: u32, value: T) {
    unsafe { (ptr as *mut T).write_unaligned(value) }
}

pub fn bytes<'a>(ptr: u32, len: u32) -> &'a [u8] {
    if len == 0 {
        return &[];
    }
    unsafe { std::slice::from_raw_parts(ptr as *const u8, len as usize) }
}

pub fn write_bytes(ptr: u32, data: &[u8]) {
    if !data.is_empty() {
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), ptr as *mut u8, data.len()) }
    }
}

unsafe extern "C" {
    /// The lowest address of the stack, which grows down to it (wasm-ld defines it).
    static __stack_low: u8;
}

/// Zeroes the stack below the caller's frame: the frames of the calls init made, dead now,
/// but in the snapshot all the same. `inline(never)`, so that this frame is below the
/// caller's; a margin below it is left for the zeroing itself.
#[inline(never)]
pub fn zero_dead_stack() {
    const MARGIN: usize = 1024;
    let here = std::hint::black_box(0u8);
    let low = (&raw const __stack_low) as usize;
    let top = (&raw const here) as usize - MARGIN;
    if top > low {
        unsafe { std::ptr::write_bytes(low as *mut u8, 0, top - low) };
    }
}
