//! The engine's side of the link contract (see `componentize/src/link.rs`): the slot buffer
//! that flat values pass through, and the one import through which every world import is
//! called.

use std::cell::UnsafeCell;

/// The most flat parameters a call passes in slots; one more slot holds a return pointer.
pub const MAX_FLAT_PARAMS: usize = 16;

/// 8-byte slots; each holds one flat value, stored with the store instruction of its core
/// type (`i32`, `i64`, `f32`, `f64`) at the slot's address, as the link's generated code
/// loads it.
#[repr(C, align(8))]
pub struct Slots(UnsafeCell<[u64; MAX_FLAT_PARAMS + 1]>);

// The engine is single-threaded (wasm32-wasip1 without threads).
unsafe impl Sync for Slots {}

pub static SLOTS: Slots = Slots(UnsafeCell::new([0; MAX_FLAT_PARAMS + 1]));

impl Slots {
    fn at(&self, i: usize) -> *mut u64 {
        assert!(i <= MAX_FLAT_PARAMS, "slot {i} out of range");
        unsafe { (self.0.get() as *mut u64).add(i) }
    }

    pub fn get_i32(&self, i: usize) -> i32 {
        unsafe { self.at(i).cast::<i32>().read() }
    }

    pub fn get_i64(&self, i: usize) -> i64 {
        unsafe { self.at(i).cast::<i64>().read() }
    }

    pub fn set_i32(&self, i: usize, v: i32) {
        unsafe { self.at(i).cast::<i32>().write(v) }
    }

    pub fn set_i64(&self, i: usize, v: i64) {
        unsafe { self.at(i).cast::<i64>().write(v) }
    }
}

/// `ferry_slots()`: the slot buffer's address, for the link's generated code.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_slots() -> *mut u64 {
    SLOTS.0.get().cast()
}

#[link(wasm_import_module = "ferry:host")]
unsafe extern "C" {
    #[link_name = "call"]
    fn host_call(index: u32);
}

/// Calls world import `index` (an index into `Schema::imports`): its flat parameters must be
/// in the slots (a return pointer, if the import has one, after them); its flat result, if
/// any, is in slot 0 afterwards.
pub fn call_import(index: u32) {
    unsafe { host_call(index) }
}
