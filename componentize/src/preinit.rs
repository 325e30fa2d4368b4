//! Pre-initialises the engine: runs its init on the user's JS module once, at build time, and
//! snapshots the result with wizer, so that the component parses and runs no top-level code
//! when it is instantiated.
//!
//! The engine's side of the contract (a wasm32-wasip1 reactor), called in this order:
//! 1. `_initialize()`: the reactor's constructors;
//! 2. `cabi_realloc(0, 0, 1, len) -> ptr`: room for the input, which the host then writes to
//!    `memory` at `ptr`;
//! 3. `ferry_init(ptr, len) -> status`: takes the input (freeing it) and evaluates the module;
//!    0 on success, otherwise non-zero after writing the error to fd 2.
//!
//! While it runs, the engine sees the imports in `imports`: output captured, deterministic
//! randomness, the real time, and a trap for any other import, `ferry:host/call` included.
//!
//! The snapshot exports neither `_initialize` nor `ferry_init` (wizer drops both) and has no
//! start function: its constructors already ran, and running them again would reset the
//! state the snapshot holds. Its other exports, `memory` and `cabi_realloc` among them, stay.
//!
//! We drive wizer's two halves (`instrument`, `snapshot`) with our own wasmtime rather than
//! `Wizer::run`, which needs wizer's `wasmtime` feature (async, GC, threads, a cache, ...).

mod imports;
pub(crate) mod segments;
#[cfg(test)]
mod tests;

use std::future::Future;
use std::pin::pin;
use std::sync::mpsc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use wasmtime::{Config, Engine, Instance, Linker, Module, Store, Strategy, Trap, TypedFunc, Val, WasmBacktrace};
use wasmtime_wizer::{InstanceState, SnapshotVal, ValType, Wizer};

use imports::{InitHost, ProcExit};

const INITIALIZE: &str = "_initialize";
const REALLOC: &str = "cabi_realloc";
const INIT: &str = "ferry_init";
const MEMORY: &str = "memory";

/// What the engine wrote to fd 1 and fd 2 while its init ran.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// The engine with the user's module evaluated in it.
#[derive(Debug)]
pub struct Preinitialized {
    /// The snapshot: a core module whose memory and globals hold the initialised state.
    pub module: Vec<u8>,
    pub output: Output,
}

/// Bounds on the init: it runs the user's top level, which may loop or allocate forever.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time for the whole init.
    pub time: Duration,
    /// The most linear memory the engine may grow to; past it, allocations fail (a JS
    /// "out of memory" error).
    pub memory: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { time: Duration::from_secs(60), memory: 1 << 30 }
    }
}

/// Why pre-initialisation failed.
#[derive(Debug)]
pub enum PreinitError {
    /// The engine module is not valid, not one wizer and wasmtime accept, or does not keep the
    /// contract: a bug in the engine build.
    BadEngine(String),
    /// This machine cannot run the engine (Winch compiles for x86-64 and aarch64 only).
    UnsupportedHost(String),
    /// The input does not fit in 32-bit memory.
    InputTooLarge(usize),
    /// `ferry_init` returned `status`: the user's JS failed (a syntax error, a thrown
    /// exception), and `output.stderr` says how, with its JS stack.
    InitFailed { status: i32, output: Output },
    /// The engine trapped: `message` is the trap (with its wasm backtrace, if any).
    Trap { message: String, output: Output },
    /// The engine called `proc_exit(code)`.
    Exit { code: i32, output: Output },
    /// The init ran past `Limits::time` (a top level that loops, say).
    TimedOut { limit: Duration, output: Output },
    /// The engine ran out of stack: the module nests too deeply for QuickJS to compile it, or
    /// its top level recurses too deeply.
    StackExhausted { output: Output },
}

impl std::fmt::Display for PreinitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (output, summary) = match self {
            PreinitError::BadEngine(why) => return write!(f, "the engine module: {why}"),
            PreinitError::UnsupportedHost(why) => return write!(f, "cannot run the engine on this machine: {why}"),
            PreinitError::InputTooLarge(len) => return write!(f, "the engine's input is too large ({len} bytes)"),
            PreinitError::InitFailed { status, output } => {
                // The engine's stderr is the JS error itself.
                let stderr = String::from_utf8_lossy(&output.stderr);
                return match stderr.trim_end() {
                    "" => write!(f, "evaluating the JS module failed (status {status}), with no error message"),
                    stderr => write!(f, "evaluating the JS module failed:\n{stderr}"),
                };
            }
            PreinitError::Trap { message, output } => (output, format!("the engine trapped: {message}")),
            PreinitError::Exit { code, output } => (output, format!("the engine exited with code {code}")),
            PreinitError::StackExhausted { output } => {
                (output, "the engine ran out of stack evaluating it: the code nests or recurses too deeply".to_string())
            }
            PreinitError::TimedOut { limit, output } => (
                output,
                format!("the module's top level ran for more than {} s (--init-timeout)", limit.as_secs_f64()),
            ),
        };
        write!(f, "{summary}")?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        match stderr.trim_end() {
            "" => Ok(()),
            stderr => write!(f, "\nits stderr:\n{stderr}"),
        }
    }
}

impl std::error::Error for PreinitError {}

/// The most native stack the engine's wasm may use during init. Under Winch a frame of the
/// engine takes more native stack than shadow stack (`STACK_POINTER`), so with wasmtime's
/// default of 512 KiB code nested a few hundred deep would trap, though QuickJS would
/// compile it. With this much, the shadow stack runs out first.
const WASM_STACK: usize = 48 << 20;
/// The init's thread: room for `WASM_STACK` and the host's own frames.
const THREAD_STACK: usize = WASM_STACK + (16 << 20);
/// The engine's shadow stack pointer (LLVM's `__stack_pointer`, the engine's first global,
/// which wizer's instrumentation exports). The shadow stack is the first MiB of memory; on
/// WASI QuickJS checks no stack depth, so code that nests or recurses too deeply runs it out
/// and the next store below address 0 traps as out of bounds.
const STACK_POINTER: &str = "__wizer_global_0";
/// A stack pointer this close to 0 (or wrapped past it) at an out-of-bounds trap: the
/// shadow stack ran out.
const STACK_MARGIN: u32 = 64 << 10;

/// Runs the engine's init on `input` (what `ferry_init` reads: the user's program) within
/// `limits`, and snapshots the result. It runs on a thread of its own, whose stack is big
/// enough for `WASM_STACK`.
pub fn preinitialize(engine: &[u8], input: &[u8], limits: Limits) -> Result<Preinitialized, PreinitError> {
    std::thread::scope(|scope| {
        let init = std::thread::Builder::new()
            .name("ferry-preinit".into())
            .stack_size(THREAD_STACK)
            .spawn_scoped(scope, || preinitialize_here(engine, input, limits))
            .map_err(|e| PreinitError::UnsupportedHost(format!("cannot start a thread to run it: {e}")))?;
        init.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn preinitialize_here(engine: &[u8], input: &[u8], limits: Limits) -> Result<Preinitialized, PreinitError> {
    let len = u32::try_from(input.len()).map_err(|_| PreinitError::InputTooLarge(input.len()))?;
    let mut wizer = Wizer::new();
    wizer.init_func(INIT);
    let (context, instrumented) = wizer.instrument(engine).map_err(bad_engine)?;

    let runtime = runtime()?;
    let module = Module::new(&runtime, &instrumented).map_err(bad_engine)?;
    let mut linker = Linker::new(&runtime);
    imports::add_to_linker(&mut linker).map_err(bad_engine)?;
    linker.define_unknown_imports_as_traps(&module).map_err(bad_engine)?;
    let linked = linker.instantiate_pre(&module).map_err(bad_engine)?;
    let mut store = Store::new(&runtime, InitHost::new(limits.memory));
    store.limiter(|host| &mut host.limits);
    // Past the deadline, the engine's next epoch check traps with `Trap::Interrupt`.
    store.set_epoch_deadline(1);
    let _deadline = Deadline::start(&runtime, limits.time);
    let failed = |store: &mut Store<InitHost>, error| call_failed(store, error, limits.time);
    let instance = linked.instantiate(&mut store).map_err(|e| failed(&mut store, e))?;

    let initialize: TypedFunc<(), ()> = export(&instance, &mut store, INITIALIZE)?;
    let realloc: TypedFunc<(u32, u32, u32, u32), u32> = export(&instance, &mut store, REALLOC)?;
    let init: TypedFunc<(u32, u32), i32> = export(&instance, &mut store, INIT)?;
    let memory = instance
        .get_memory(&mut store, MEMORY)
        .ok_or_else(|| PreinitError::BadEngine(format!("it has no memory export `{MEMORY}`")))?;

    initialize.call(&mut store, ()).map_err(|e| failed(&mut store, e))?;
    let ptr = realloc.call(&mut store, (0, 0, 1, len)).map_err(|e| failed(&mut store, e))?;
    memory
        .write(&mut store, ptr as usize, input)
        .map_err(|_| PreinitError::BadEngine(format!("`{REALLOC}` returned {ptr:#x}, where {len} bytes do not fit")))?;
    let stack_top = stack_pointer(&mut store, &instance);
    let status = init.call(&mut store, (ptr, len)).map_err(|error| {
        let out_of_bounds = error.downcast_ref::<Trap>() == Some(&Trap::MemoryOutOfBounds);
        match (out_of_bounds, stack_top, stack_pointer(&mut store, &instance)) {
            (true, Some(top), Some(sp)) if sp < STACK_MARGIN || sp > top => {
                PreinitError::StackExhausted { output: take_output(&mut store) }
            }
            _ => failed(&mut store, error),
        }
    })?;
    if status != 0 {
        return Err(PreinitError::InitFailed { status, output: take_output(&mut store) });
    }

    let data_start = segments::data_start(engine).map_err(|e| PreinitError::BadEngine(e.to_string()))?;
    if let Some(sp) = stack_pointer(&mut store, &instance) {
        zero_dead_stack(memory.data_mut(&mut store), sp, data_start);
    }

    let mut state = InitializedState { store: &mut store, instance, missing: None };
    let module = poll_once(wizer.snapshot(&context, &mut state))
        .ok_or_else(|| PreinitError::BadEngine("wizer's snapshot did not finish".into()))?
        .map_err(bad_engine)?;
    if let Some(missing) = state.missing {
        return Err(PreinitError::BadEngine(format!("its instrumented export `{missing}` is missing")));
    }
    let module = segments::merge(&module).map_err(|e| PreinitError::BadEngine(format!("its snapshot: {e}")))?;
    Ok(Preinitialized { module, output: take_output(&mut store) })
}

/// The wasmtime engine that runs the init. Winch, the baseline compiler: the init code runs
/// once, so compile time is what counts, and Winch compiles the engine several times faster
/// than Cranelift (in the spike, ~0.2 s to instantiate and run it against 0.6 to 1.2 s). It
/// does not make ferry smaller: Winch emits code with Cranelift's assemblers. There is no
/// compilation cache (wasmtime's `cache` feature is off): each run compiles afresh. Big
/// inputs do not favour Cranelift either: a 5 MB bundle's init is QuickJS compiling it (its
/// scope resolution, which grows faster than linearly with the top-level declarations), and
/// with Cranelift it took 20.7 s against Winch's 17.6 s, the compile included.
fn runtime() -> Result<Engine, PreinitError> {
    let mut config = Config::new();
    config.strategy(Strategy::Winch);
    config.epoch_interruption(true);
    // wasmtime wants the stack of async calls no smaller; nothing here runs async.
    config.max_wasm_stack(WASM_STACK).async_stack_size(THREAD_STACK);
    Engine::new(&config).map_err(|e| PreinitError::UnsupportedHost(format!("{e:#}")))
}

fn export<P, R>(instance: &Instance, store: &mut Store<InitHost>, name: &str) -> Result<TypedFunc<P, R>, PreinitError>
where
    P: wasmtime::WasmParams,
    R: wasmtime::WasmResults,
{
    let func = instance
        .get_func(&mut *store, name)
        .ok_or_else(|| PreinitError::BadEngine(format!("it has no function export `{name}`")))?;
    func.typed(&*store).map_err(|e| PreinitError::BadEngine(format!("its export `{name}`: {e:#}")))
}

fn bad_engine(error: wasmtime::Error) -> PreinitError {
    PreinitError::BadEngine(format!("{error:#}"))
}

/// Ends the engine's epoch when `limit` has passed, unless dropped first.
struct Deadline(Option<mpsc::Sender<()>>);

impl Deadline {
    fn start(runtime: &Engine, limit: Duration) -> Deadline {
        let (done, wait) = mpsc::channel::<()>();
        let runtime = runtime.clone();
        std::thread::spawn(move || {
            if wait.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
                runtime.increment_epoch();
            }
        });
        Deadline(Some(done))
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        // Wakes the thread, which then ends without touching the epoch.
        if let Some(done) = self.0.take() {
            let _ = done.send(());
        }
    }
}

/// The error for a call into the engine (or its start function) that did not return.
fn call_failed(store: &mut Store<InitHost>, error: wasmtime::Error, time_limit: Duration) -> PreinitError {
    let output = take_output(store);
    if let Some(ProcExit(code)) = error.downcast_ref::<ProcExit>() {
        return PreinitError::Exit { code: *code, output };
    }
    if error.downcast_ref::<Trap>() == Some(&Trap::Interrupt) {
        return PreinitError::TimedOut { limit: time_limit, output };
    }
    if error.downcast_ref::<Trap>() == Some(&Trap::StackOverflow) {
        return PreinitError::StackExhausted { output };
    }
    // The trap itself, or the error a host function (`ferry:host/call`, say) trapped with.
    let mut message = error.root_cause().to_string();
    if let Some(backtrace) = error.downcast_ref::<WasmBacktrace>() {
        message = format!("{message}\n{backtrace}");
    }
    PreinitError::Trap { message, output }
}

/// Zeroes the shadow stack below the stack pointer `sp`: the frames the init left there are
/// dead, and would otherwise be snapshotted (about 27 KB for a hello world). Only when the
/// stack lies below the static data, which starts at `data_start` (LLVM's `--stack-first`,
/// as Rust lays out its wasm targets); elsewhere its bottom is unknown and nothing is zeroed.
fn zero_dead_stack(memory: &mut [u8], sp: u32, data_start: u32) {
    if sp <= data_start {
        let end = (sp as usize).min(memory.len());
        memory[..end].fill(0);
    }
}

/// The engine's shadow stack pointer now, if it has one where expected.
fn stack_pointer(store: &mut Store<InitHost>, instance: &Instance) -> Option<u32> {
    match instance.get_global(&mut *store, STACK_POINTER)?.get(&mut *store) {
        Val::I32(sp) => Some(sp as u32),
        _ => None,
    }
}

fn take_output(store: &mut Store<InitHost>) -> Output {
    std::mem::take(&mut store.data_mut().output)
}

/// Lets wizer read the initialised globals and memories, which its instrumentation exported.
/// Wizer's trait cannot fail, so a missing export is recorded and reported afterwards.
struct InitializedState<'a> {
    store: &'a mut Store<InitHost>,
    instance: Instance,
    missing: Option<String>,
}

impl InstanceState for InitializedState<'_> {
    fn global_get(&mut self, name: &str, _: ValType) -> impl Future<Output = SnapshotVal> + Send {
        let value = self.instance.get_global(&mut *self.store, name).map(|g| g.get(&mut *self.store));
        std::future::ready(match value {
            Some(Val::I32(x)) => SnapshotVal::I32(x),
            Some(Val::I64(x)) => SnapshotVal::I64(x),
            Some(Val::F32(x)) => SnapshotVal::F32(x),
            Some(Val::F64(x)) => SnapshotVal::F64(x),
            Some(Val::V128(x)) => SnapshotVal::V128(x.as_u128()),
            // Wizer refuses mutable reference-typed globals before this runs.
            _ => {
                self.missing.get_or_insert_with(|| name.to_string());
                SnapshotVal::I32(0)
            }
        })
    }

    fn memory_contents(&mut self, name: &str, contents: impl FnOnce(&[u8]) + Send) -> impl Future<Output = ()> + Send {
        match self.instance.get_memory(&mut *self.store, name) {
            Some(memory) => contents(memory.data(&*self.store)),
            None => {
                self.missing.get_or_insert_with(|| name.to_string());
                contents(&[]);
            }
        }
        std::future::ready(())
    }
}

/// Wizer's `snapshot` is `async` for embedders whose reads suspend; ours never do, so one
/// poll finishes it.
fn poll_once<F: Future>(future: F) -> Option<F::Output> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}
