//! Zeroes memory as it is freed while `ferry_init` runs. Wizer snapshots every non-zero byte
//! of memory, and a block freed during init still holds what it held: the parser's and the
//! compiler's working memory, a big module's source, garbage the last GC collected. Freed
//! blocks that are zeroed drop out of the snapshot (wasi-libc's dlmalloc leaves only its own
//! few bytes of bookkeeping in them). Once init is over, frees are as they were.
//!
//! Both of the engine's allocators are covered: Rust's global allocator (`Scrubbing`) and
//! QuickJS's (`QuickJsHeap`, over the same libc malloc). QuickJS's small blocks (up to 512
//! bytes) come from its own arenas, which only see a free when a whole arena empties.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether frees zero their blocks. The snapshot holds it `false`.
static ACTIVE: AtomicBool = AtomicBool::new(false);

unsafe extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn calloc(count: usize, size: usize) -> *mut c_void;
    fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
    fn malloc_usable_size(ptr: *const c_void) -> usize;
}

/// Runs `init` with frees zeroing their blocks.
pub fn while_initializing<T>(init: impl FnOnce() -> T) -> T {
    ACTIVE.store(true, Ordering::Relaxed);
    let result = init();
    ACTIVE.store(false, Ordering::Relaxed);
    result
}

fn active() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// Zeroes all of the malloc'd block at `ptr` (its usable size: what an earlier owner of the
/// memory may have written too), if frees zero.
unsafe fn scrub(ptr: *mut u8) {
    if active() && !ptr.is_null() {
        unsafe { std::ptr::write_bytes(ptr, 0, malloc_usable_size(ptr.cast())) };
    }
}

/// Rust's global allocator: `System` (libc malloc), zeroing what it frees during init.
pub struct Scrubbing;

#[global_allocator]
static GLOBAL: Scrubbing = Scrubbing;

unsafe impl GlobalAlloc for Scrubbing {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            scrub(ptr);
            System.dealloc(ptr, layout);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !active() {
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // A realloc that moves the block frees the old one inside libc: move it here instead.
        unsafe {
            let new = self.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

/// QuickJS's allocator: libc malloc, as QuickJS's default is, zeroing what it frees during
/// init.
pub struct QuickJsHeap;

unsafe impl rquickjs::allocator::Allocator for QuickJsHeap {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        unsafe { malloc(size).cast() }
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        unsafe { calloc(count, size).cast() }
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        unsafe {
            scrub(ptr);
            free(ptr.cast());
        }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if !active() || ptr.is_null() {
            return unsafe { realloc(ptr.cast(), new_size).cast() };
        }
        unsafe {
            let old_size = malloc_usable_size(ptr.cast());
            if new_size <= old_size {
                // Shrinks in place; the tail it gives back is zeroed first.
                std::ptr::write_bytes(ptr.add(new_size), 0, old_size - new_size);
                return realloc(ptr.cast(), new_size).cast();
            }
            let new: *mut u8 = malloc(new_size).cast();
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, old_size);
                self.dealloc(ptr);
            }
            new
        }
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        unsafe { malloc_usable_size(ptr.cast()) }
    }
}
