//! WASI preview 1 over the world's WASI 0.2 imports: the `ferry_p1_<name>` exports that the
//! link calls in place of the engine's `wasi_snapshot_preview1.<name>` imports, so that the
//! component imports no preview 1 at run time. Only the functions the engine imports (from
//! wasi-libc, Rust's std and QuickJS) are here; a new import in the engine build must get one.
//!
//! During pre-initialisation these exports are never called: the engine's preview 1 imports
//! go to the init host's shim. After the link every call lands here, which is how
//! `at_run_time` tells the two apart.
//!
//! A function whose WASI 0.2 import is not in the world returns ENOSYS, except `fd_write`,
//! which drops the output (printing must not fail because stdio is off) and `proc_exit`,
//! which traps either way.

use std::cell::{Cell, OnceCell};

use ferry_componentize_schema::{FuncKind, Schema, Type};

use crate::host::{SLOTS, call_import};

// Errno values (`wasi_snapshot_preview1` `errno`).
const SUCCESS: i32 = 0;
const EBADF: i32 = 8;
const EINVAL: i32 = 28;
const EIO: i32 = 29;
const ENOSYS: i32 = 52;

// Clock ids.
const REALTIME: u32 = 0;
const MONOTONIC: u32 = 1;

/// `blocking-write-and-flush` takes at most this many bytes a call (wasmtime traps beyond).
const MAX_BLOCKING_WRITE: usize = 4096;

/// An output stream of the world: `get-stdout` or `get-stderr`, and the functions on what it
/// returns.
#[derive(Debug, Clone, Copy)]
struct Stream {
    get: u32,
    blocking_write_and_flush: u32,
    /// `[resource-drop]error`, for the error a failed write hands over; `None` if the world
    /// lacks it (the handle then leaks: the write failed anyway).
    drop_error: Option<u32>,
}

/// The monotonic clock with what sleeping needs: subscribing and blocking on a pollable.
#[derive(Debug, Clone, Copy)]
struct Sleep {
    now: u32,
    subscribe_instant: u32,
    block: u32,
    drop_pollable: u32,
}

/// The indices (into `Schema::imports`) of the WASI 0.2 functions the layer calls; `None`
/// where the world does not import them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Imports {
    stdout: Option<Stream>,
    stderr: Option<Stream>,
    wall_now: Option<u32>,
    monotonic_now: Option<u32>,
    sleep: Option<Sleep>,
    random_bytes: Option<u32>,
}

impl Imports {
    /// Finds the functions by interface name without its version; a method through the
    /// function that returns its resource (the stream `get-stdout` returns), not by the
    /// resource's name.
    pub fn find(schema: &Schema) -> Imports {
        let find = Finder(schema);
        let stream = |interface, get_name| {
            let get = find.free(interface, get_name)?;
            let resource = find.owned_result(get)?;
            let write = find.method(resource, "blockingWriteAndFlush")?;
            find.drop(resource)?;
            Some(Stream { get, blocking_write_and_flush: write, drop_error: find.stream_error_drop(write) })
        };
        let monotonic_now = find.free("wasi:clocks/monotonic-clock", "now");
        let sleep = (|| {
            let subscribe_instant = find.free("wasi:clocks/monotonic-clock", "subscribeInstant")?;
            let pollable = find.owned_result(subscribe_instant)?;
            Some(Sleep {
                now: monotonic_now?,
                subscribe_instant,
                block: find.method(pollable, "block")?,
                drop_pollable: find.drop(pollable)?,
            })
        })();
        Imports {
            stdout: stream("wasi:cli/stdout", "getStdout"),
            stderr: stream("wasi:cli/stderr", "getStderr"),
            wall_now: find.free("wasi:clocks/wall-clock", "now"),
            monotonic_now,
            sleep,
            random_bytes: find.free("wasi:random/random", "getRandomBytes"),
        }
    }

    pub fn stdout(&self) -> bool {
        self.stdout.is_some()
    }

    pub fn stderr(&self) -> bool {
        self.stderr.is_some()
    }

    /// The wall clock's `now` (for `Date`).
    pub fn wall_clock(&self) -> bool {
        self.wall_now.is_some()
    }

    /// The monotonic clock's `now` (for `performance.now`).
    pub fn monotonic_clock(&self) -> bool {
        self.monotonic_now.is_some()
    }

    /// The monotonic clock and pollables (for timers).
    pub fn sleep(&self) -> bool {
        self.sleep.is_some()
    }

    pub fn random(&self) -> bool {
        self.random_bytes.is_some()
    }
}

/// Finds world imports in the schema by the names the engine gives them.
pub struct Finder<'a>(pub &'a Schema);

impl Finder<'_> {
    fn index(&self, found: impl Fn(&ferry_componentize_schema::Func) -> bool) -> Option<u32> {
        self.0.imports.iter().position(found).map(|i| i as u32)
    }

    /// A free function of `interface` (`wasi:cli/stdout`, matched at any version).
    pub fn free(&self, interface: &str, name: &str) -> Option<u32> {
        self.index(|f| {
            f.kind == FuncKind::Free
                && f.name == name
                && f.namespace.as_deref().is_some_and(|ns| ns.split('@').next() == Some(interface))
        })
    }

    fn method(&self, resource: u32, name: &str) -> Option<u32> {
        self.index(|f| f.kind == FuncKind::Method(resource) && f.name == name)
    }

    fn drop(&self, resource: u32) -> Option<u32> {
        self.index(|f| f.kind == FuncKind::ResourceDrop(resource))
    }

    /// The resource whose handle import `func` returns as `own<_>`.
    fn owned_result(&self, func: u32) -> Option<u32> {
        match self.ty(self.0.imports[func as usize].result?)? {
            Type::Own(resource) => Some(*resource),
            _ => None,
        }
    }

    /// `[resource-drop]error` for the `error` in `result<_, stream-error>` that `write`
    /// returns (`stream-error`'s first case, `last-operation-failed(error)`).
    fn stream_error_drop(&self, write: u32) -> Option<u32> {
        let Type::Result { err: Some(err), .. } = self.ty(self.0.imports[write as usize].result?)? else {
            return None;
        };
        let Type::Variant(cases) = self.ty(*err)? else { return None };
        let Type::Own(error) = self.ty(cases.first()?.1?)? else { return None };
        self.drop(*error)
    }

    fn ty(&self, id: u32) -> Option<&Type> {
        self.0.types.get(id as usize)
    }
}

thread_local! {
    static IMPORTS: Cell<Imports> = Cell::new(Imports::default());
    /// The handles `get-stdout` and `get-stderr` returned, got at the first write.
    static STDOUT: OnceCell<i32> = const { OnceCell::new() };
    static STDERR: OnceCell<i32> = const { OnceCell::new() };
    static RUN_TIME: Cell<bool> = const { Cell::new(false) };
}

/// Resolves the imports the layer calls from the world's schema, once, during
/// pre-initialisation (the result is in the snapshot).
pub fn init(schema: &Schema) -> Imports {
    let imports = Imports::find(schema);
    IMPORTS.set(imports);
    imports
}

/// Whether the engine runs in the linked component rather than under the init host. The
/// first call at run time probes: `fd_close` of a descriptor that never exists goes to the
/// init host's shim during pre-initialisation, and to `ferry_p1_fd_close` (which notes the
/// run time) after the link.
pub fn at_run_time() -> bool {
    if !RUN_TIME.get() {
        unsafe { p1::fd_close(PROBE_FD) };
    }
    RUN_TIME.get()
}

/// The descriptor `at_run_time` closes.
const PROBE_FD: u32 = u32::MAX;

/// The engine's own calls of preview 1 functions that std does not wrap.
pub mod p1 {
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    unsafe extern "C" {
        pub fn fd_close(fd: u32) -> i32;
        pub fn random_get(buf: *mut u8, len: usize) -> i32;
        pub fn clock_time_get(id: u32, precision: u64, time: *mut u64) -> i32;
    }

    /// The monotonic clock in nanoseconds (0 if there is none).
    pub fn monotonic_ns() -> u64 {
        let mut time = 0;
        unsafe { clock_time_get(super::MONOTONIC, 1, &mut time) };
        time
    }

    /// The wall clock in nanoseconds since the Unix epoch (0 if there is none).
    pub fn realtime_ns() -> u64 {
        let mut time = 0;
        unsafe { clock_time_get(super::REALTIME, 1, &mut time) };
        time
    }

    /// Fills `buf` with random bytes; false if there is no randomness.
    pub fn fill_random(buf: &mut [u8]) -> bool {
        unsafe { random_get(buf.as_mut_ptr(), buf.len()) == 0 }
    }
}

fn imports() -> Imports {
    IMPORTS.get()
}

/// `fd_write(fd, iovs, iovs_len, nwritten)`: fd 1 and 2 to the world's stdout and stderr,
/// written and flushed before returning; without that stream the bytes are dropped (and
/// reported written).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferry_p1_fd_write(fd: u32, iovs: *const [usize; 2], iovs_len: usize, nwritten: *mut usize) -> i32 {
    let (stream, cell) = match fd {
        1 => (imports().stdout, &STDOUT),
        2 => (imports().stderr, &STDERR),
        _ => return EBADF,
    };
    let iovs = unsafe { std::slice::from_raw_parts(iovs, iovs_len) };
    let mut written = 0;
    for &[buf, len] in iovs {
        if let Some(stream) = stream {
            let handle = cell.with(|cell| *cell.get_or_init(|| call_i32(stream.get)));
            let bytes = unsafe { std::slice::from_raw_parts(buf as *const u8, len) };
            for chunk in bytes.chunks(MAX_BLOCKING_WRITE) {
                if let Err(errno) = blocking_write_and_flush(stream, handle, chunk) {
                    unsafe { nwritten.write(written) };
                    return errno;
                }
                written += chunk.len();
            }
        } else {
            written += len;
        }
    }
    unsafe { nwritten.write(written) };
    SUCCESS
}

/// The return area of `result<_, stream-error>`.
#[repr(C, align(4))]
struct WriteResult {
    is_err: u8,
    /// `stream-error`: 0 `last-operation-failed(error)`, 1 `closed`.
    error_case: u8,
    error: i32,
}

fn blocking_write_and_flush(stream: Stream, handle: i32, bytes: &[u8]) -> Result<(), i32> {
    let mut result = WriteResult { is_err: 0, error_case: 0, error: 0 };
    SLOTS.set_i32(0, handle);
    SLOTS.set_i32(1, bytes.as_ptr() as i32);
    SLOTS.set_i32(2, bytes.len() as i32);
    SLOTS.set_i32(3, (&raw mut result) as i32);
    call_import(stream.blocking_write_and_flush);
    if result.is_err == 0 {
        return Ok(());
    }
    if result.error_case == 0
        && let Some(drop_error) = stream.drop_error
    {
        SLOTS.set_i32(0, result.error);
        call_import(drop_error);
    }
    Err(EIO)
}

/// `clock_time_get(id, precision, time)`: realtime from the wall clock, monotonic from the
/// monotonic clock, in nanoseconds.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferry_p1_clock_time_get(id: u32, _precision: u64, time: *mut u64) -> i32 {
    let nanos = match id {
        REALTIME => {
            let Some(now) = imports().wall_now else { return ENOSYS };
            #[repr(C)]
            struct Datetime {
                seconds: u64,
                nanoseconds: u32,
            }
            let mut datetime = Datetime { seconds: 0, nanoseconds: 0 };
            SLOTS.set_i32(0, (&raw mut datetime) as i32);
            call_import(now);
            datetime.seconds.saturating_mul(1_000_000_000).saturating_add(u64::from(datetime.nanoseconds))
        }
        MONOTONIC => match imports().monotonic_now {
            Some(now) => call_i64(now) as u64,
            None => return ENOSYS,
        },
        _ => return EINVAL,
    };
    unsafe { time.write(nanos) };
    SUCCESS
}

/// `random_get(buf, len)`: bytes from `get-random-bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferry_p1_random_get(buf: *mut u8, len: usize) -> i32 {
    let Some(random_bytes) = imports().random_bytes else { return ENOSYS };
    // `list<u8>`: the host allocates it in our memory through `cabi_realloc`.
    let mut list = [0usize; 2];
    SLOTS.set_i64(0, len as i64);
    SLOTS.set_i32(1, list.as_mut_ptr() as i32);
    call_import(random_bytes);
    let [ptr, got] = list;
    unsafe { std::ptr::copy_nonoverlapping(ptr as *const u8, buf, got.min(len)) };
    if got != 0 {
        unsafe { std::alloc::dealloc(ptr as *mut u8, std::alloc::Layout::from_size_align_unchecked(got, 1)) };
    }
    if got < len { EIO } else { SUCCESS }
}

/// `poll_oneoff(in, out, nsubscriptions, nevents)`: clock subscriptions only (what
/// `std::thread::sleep` uses); waits for the earliest and reports every one that is due.
/// A descriptor subscription is reported at once with EBADF.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferry_p1_poll_oneoff(
    subscriptions: *const Subscription,
    events: *mut Event,
    count: usize,
    nevents: *mut usize,
) -> i32 {
    if count == 0 {
        return EINVAL;
    }
    let Some(sleep) = imports().sleep else { return ENOSYS };
    let subscriptions = unsafe { std::slice::from_raw_parts(subscriptions, count) };
    let now = call_i64(sleep.now) as u64;
    // Each subscription's deadline on the monotonic clock; `None` for a descriptor.
    let deadline = |s: &Subscription| -> Option<u64> {
        if s.tag != EVENTTYPE_CLOCK {
            return None;
        }
        let absolute = s.flags & SUBSCRIPTION_CLOCK_ABSTIME != 0;
        Some(match (s.clock_id, absolute) {
            (MONOTONIC, true) => s.timeout,
            (REALTIME, true) => {
                let mut wall = 0;
                unsafe { ferry_p1_clock_time_get(REALTIME, 1, &mut wall) };
                now.saturating_add(s.timeout.saturating_sub(wall))
            }
            _ => now.saturating_add(s.timeout),
        })
    };
    let has_fd = subscriptions.iter().any(|s| s.tag != EVENTTYPE_CLOCK);
    let earliest = subscriptions.iter().filter_map(deadline).min();
    let now = match earliest {
        Some(when) if !has_fd && when > now => {
            SLOTS.set_i64(0, when as i64);
            let pollable = call_i32(sleep.subscribe_instant);
            SLOTS.set_i32(0, pollable);
            call_import(sleep.block);
            SLOTS.set_i32(0, pollable);
            call_import(sleep.drop_pollable);
            when
        }
        _ => now,
    };
    let mut n = 0;
    for s in subscriptions {
        let error = match deadline(s) {
            Some(when) if when <= now => SUCCESS,
            Some(_) => continue,
            None => EBADF,
        };
        let event = Event { userdata: s.userdata, error: error as u16, tag: s.tag, fd_readwrite: [0; 2] };
        unsafe { events.add(n).write(event) };
        n += 1;
    }
    unsafe { nevents.write(n) };
    SUCCESS
}

const EVENTTYPE_CLOCK: u8 = 0;
const SUBSCRIPTION_CLOCK_ABSTIME: u16 = 1;

/// `subscription`, for every event type (the clock's fields overlap a descriptor's).
#[repr(C)]
pub struct Subscription {
    userdata: u64,
    tag: u8,
    // The union starts at offset 16.
    _pad: [u8; 7],
    clock_id: u32,
    timeout: u64,
    precision: u64,
    flags: u16,
}

/// `event`.
#[repr(C)]
pub struct Event {
    userdata: u64,
    error: u16,
    tag: u8,
    fd_readwrite: [u64; 2],
}

/// `environ_sizes_get(count, size)`: no environment variables.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferry_p1_environ_sizes_get(count: *mut usize, size: *mut usize) -> i32 {
    unsafe {
        count.write(0);
        size.write(0);
    }
    SUCCESS
}

/// `environ_get(environ, buf)`: nothing to write.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_p1_environ_get(_environ: usize, _buf: usize) -> i32 {
    SUCCESS
}

/// `fd_close(fd)`: there are no descriptors to close. Also `at_run_time`'s probe.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_p1_fd_close(_fd: u32) -> i32 {
    RUN_TIME.set(true);
    EBADF
}

/// `fd_seek(fd, offset, whence, newoffset)`: nothing is seekable.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_p1_fd_seek(_fd: u32, _offset: i64, _whence: u32, _newoffset: usize) -> i32 {
    EBADF
}

/// `fd_fdstat_get(fd, stat)`: fd 1 and 2 are write-only character devices (so wasi-libc
/// line-buffers them); there are no others.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferry_p1_fd_fdstat_get(fd: u32, stat: *mut [u64; 3]) -> i32 {
    const FILETYPE_CHARACTER_DEVICE: u64 = 2;
    const RIGHTS_FD_WRITE: u64 = 1 << 6;
    if fd != 1 && fd != 2 {
        return EBADF;
    }
    unsafe { stat.write([FILETYPE_CHARACTER_DEVICE, RIGHTS_FD_WRITE, 0]) };
    SUCCESS
}

/// `proc_exit(code)`: a component cannot exit; nothing in the engine means to, so it traps.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_p1_proc_exit(_code: u32) -> ! {
    std::process::abort()
}

fn call_i32(import: u32) -> i32 {
    call_import(import);
    SLOTS.get_i32(0)
}

fn call_i64(import: u32) -> i64 {
    call_import(import);
    SLOTS.get_i64(0)
}
