//! ferry's JS engine: QuickJS (through rquickjs) with the canonical ABI around it, so that a
//! JS module can be a component. A WASI reactor: `_initialize` runs the constructors,
//! `ferry_init` evaluates the user's program once (at build time, under wizer), then the
//! linked component calls `ferry_call(i)` for its exports. The contract with the host side is
//! in `componentize/src/link.rs`.
//!
//! - `init`: `ferry_init`: the schema, the runtime, the builtins, the entry module;
//! - `modules`: the loader (the user's modules, the imports' synthetic modules);
//! - `imports`, `exports`: calls out of and into the component;
//! - `resources`: imported resources' classes, exported resources' table;
//! - `abi`: layouts, lifting and lowering;
//! - `memory`, `host`: `cabi_realloc`, loads and stores, the slots;
//! - `state`, `errors`: the state later calls use; messages and traps;
//! - `builtins`, `wasi_p1`: the globals (`console`, timers, ...) and WASI preview 1;
//! - `unpack`: decompresses a compressed memory image at instantiation.

mod abi;
mod builtins;
mod errors;
mod exports;
mod host;
mod imports;
mod init;
mod memory;
mod modules;
mod rejections;
mod resources;
mod scrub;
mod state;
mod unpack;
mod wasi_p1;

unsafe extern "C" {
    /// Synthesised by wasm-ld: runs the C and Rust static constructors.
    fn __wasm_call_ctors();
}

/// The WASI reactor entry point (what wasi-libc's `crt1-reactor.o` defines): the host or
/// wizer calls it once before any other export. Exporting it also stops wasm-ld from
/// wrapping every export in constructor and destructor calls, as it does for a command.
#[unsafe(no_mangle)]
pub extern "C" fn _initialize() {
    unsafe { __wasm_call_ctors() }
}

/// `ferry_init(ptr, len)`: see `init::init`.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_init(ptr: u32, len: u32) -> i32 {
    let status = scrub::while_initializing(|| init::init(ptr, len));
    memory::zero_dead_stack();
    status
}

/// `ferry_call(i)`: runs export `i` (see `exports::call`).
#[unsafe(no_mangle)]
pub extern "C" fn ferry_call(index: u32) {
    exports::call(index)
}

/// `ferry_post_return(i)`: frees what the last call of export `i` returned.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_post_return(index: u32) {
    exports::post_return(index)
}
