//! What the engine's imports do while its init runs: a minimal WASI preview 1 that captures
//! output and is deterministic where it can be, and a `ferry:host` that refuses to be called.
//! Every other import traps when called (the linker defines them so).

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use wasmtime::{Caller, Extern, Linker, Result, StoreLimits, StoreLimitsBuilder, bail};

use super::Output;

const WASI: &str = "wasi_snapshot_preview1";

/// The WASI errno values the shim returns.
const SUCCESS: i32 = 0;
const EBADF: i32 = 8;
const EFAULT: i32 = 21;
const EINVAL: i32 = 28;
const ENOTSUP: i32 = 58;

/// WASI clock ids.
const REALTIME: u32 = 0;
const MONOTONIC: u32 = 1;

/// Why `ferry:host/call` traps during init.
pub(super) const IMPORT_AT_TOP_LEVEL: &str = "a WIT import was called while the module's top level ran; \
     imports can be called only from exported functions";

/// The store's data while the engine initialises.
pub(super) struct InitHost {
    pub(super) output: Output,
    pub(super) limits: StoreLimits,
    random: Xorshift,
    started: Instant,
}

impl InitHost {
    /// `memory`: the most bytes of linear memory the engine may have.
    pub(super) fn new(memory: usize) -> InitHost {
        let limits = StoreLimitsBuilder::new().memory_size(memory).build();
        InitHost { output: Output::default(), limits, random: Xorshift(SEED), started: Instant::now() }
    }
}

/// The error `proc_exit(code)` stops the init with.
#[derive(Debug)]
pub(super) struct ProcExit(pub(super) i32);

impl std::fmt::Display for ProcExit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the engine called proc_exit({})", self.0)
    }
}

impl std::error::Error for ProcExit {}

pub(super) fn add_to_linker(linker: &mut Linker<InitHost>) -> Result<()> {
    linker.func_wrap("ferry:host", "call", |_: Caller<'_, InitHost>, _import: u32| -> Result<()> {
        bail!("{IMPORT_AT_TOP_LEVEL}")
    })?;
    linker.func_wrap(WASI, "fd_write", fd_write)?;
    linker.func_wrap(WASI, "random_get", random_get)?;
    linker.func_wrap(WASI, "clock_time_get", clock_time_get)?;
    linker.func_wrap(WASI, "environ_sizes_get", environ_sizes_get)?;
    linker.func_wrap(WASI, "environ_get", |_: Caller<'_, InitHost>, _environ: u32, _buf: u32| SUCCESS)?;
    linker.func_wrap(WASI, "fd_close", |_: Caller<'_, InitHost>, _fd: u32| EBADF)?;
    linker.func_wrap(WASI, "fd_fdstat_get", |_: Caller<'_, InitHost>, _fd: u32, _stat: u32| EBADF)?;
    linker
        .func_wrap(WASI, "fd_seek", |_: Caller<'_, InitHost>, _fd: u32, _offset: i64, _whence: u32, _to: u32| EBADF)?;
    linker.func_wrap(WASI, "poll_oneoff", poll_oneoff)?;
    linker.func_wrap(WASI, "proc_exit", |_: Caller<'_, InitHost>, code: i32| -> Result<()> {
        Err(ProcExit(code).into())
    })?;
    Ok(())
}

/// `fd_write(fd, iovs, iovs_len, nwritten)`: fd 1 and 2 go to the captured output.
fn fd_write(mut caller: Caller<'_, InitHost>, fd: u32, iovs: u32, iovs_len: u32, nwritten: u32) -> Result<i32> {
    let (memory, host) = memory(&mut caller)?;
    let sink = match fd {
        1 => &mut host.output.stdout,
        2 => &mut host.output.stderr,
        _ => return Ok(EBADF),
    };
    let mut written = 0u32;
    for i in 0..iovs_len {
        let Some(iov) = i.checked_mul(8).and_then(|offset| iovs.checked_add(offset)) else {
            return Ok(EFAULT);
        };
        let Some(bytes) = read_u32(memory, iov)
            .zip(read_u32(memory, iov.wrapping_add(4)))
            .and_then(|(buf, len)| slice(memory, buf, len))
        else {
            return Ok(EFAULT);
        };
        sink.extend_from_slice(bytes);
        written = written.wrapping_add(bytes.len() as u32);
    }
    Ok(status(write_bytes(memory, nwritten, &written.to_le_bytes())))
}

/// `random_get(buf, len)`.
fn random_get(mut caller: Caller<'_, InitHost>, buf: u32, len: u32) -> Result<i32> {
    let (memory, host) = memory(&mut caller)?;
    Ok(match slice_mut(memory, buf, len) {
        Some(bytes) => {
            host.random.fill(bytes);
            SUCCESS
        }
        None => EFAULT,
    })
}

/// `clock_time_get(id, precision, time)`: the real time, in nanoseconds.
fn clock_time_get(mut caller: Caller<'_, InitHost>, id: u32, _precision: i64, time: u32) -> Result<i32> {
    let (memory, host) = memory(&mut caller)?;
    let nanos = match id {
        REALTIME => SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default(),
        MONOTONIC => host.started.elapsed(),
        _ => return Ok(EINVAL),
    };
    let nanos = u64::try_from(nanos.as_nanos()).unwrap_or(u64::MAX);
    Ok(status(write_bytes(memory, time, &nanos.to_le_bytes())))
}

/// `poll_oneoff(subscriptions, events, count, nevents)` for clock subscriptions only (a timer
/// awaited at the top level): really waits until the earliest is due, and reports every one
/// due by then.
fn poll_oneoff(mut caller: Caller<'_, InitHost>, subscriptions: u32, events: u32, count: u32, nevents: u32) -> Result<i32> {
    const SUBSCRIPTION: u32 = 48;
    const EVENT: u32 = 32;
    const CLOCK: u8 = 0;
    const ABSTIME: u16 = 1;
    let (memory, host) = memory(&mut caller)?;
    let now = host.started.elapsed();
    let mut due = Vec::new();
    for i in 0..count {
        let at = |offset: u32| i.checked_mul(SUBSCRIPTION).and_then(|o| subscriptions.checked_add(o)?.checked_add(offset));
        let Some(sub) = at(0).and_then(|start| slice(memory, start, SUBSCRIPTION)) else { return Ok(EFAULT) };
        if sub[8] != CLOCK {
            return Ok(ENOTSUP);
        }
        let userdata = u64::from_le_bytes(sub[0..8].try_into().expect("8 bytes"));
        let id = u32::from_le_bytes(sub[16..20].try_into().expect("4 bytes"));
        let timeout = Duration::from_nanos(u64::from_le_bytes(sub[24..32].try_into().expect("8 bytes")));
        let flags = u16::from_le_bytes(sub[40..42].try_into().expect("2 bytes"));
        let deadline = match (id, flags & ABSTIME != 0) {
            (_, false) => now + timeout,
            (MONOTONIC, true) => timeout,
            (REALTIME, true) => {
                let wall = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
                now + timeout.saturating_sub(wall)
            }
            _ => return Ok(EINVAL),
        };
        due.push((deadline, userdata));
    }
    let Some(earliest) = due.iter().map(|(deadline, _)| *deadline).min() else { return Ok(EINVAL) };
    std::thread::sleep(earliest.saturating_sub(host.started.elapsed()));
    let mut written = 0u32;
    for (_, userdata) in due.into_iter().filter(|(deadline, _)| *deadline <= earliest) {
        let mut event = [0u8; EVENT as usize];
        event[0..8].copy_from_slice(&userdata.to_le_bytes());
        event[10] = CLOCK;
        let Some(at) = written.checked_mul(EVENT).and_then(|o| events.checked_add(o)) else { return Ok(EFAULT) };
        if write_bytes(memory, at, &event).is_none() {
            return Ok(EFAULT);
        }
        written += 1;
    }
    Ok(status(write_bytes(memory, nevents, &written.to_le_bytes())))
}

/// `environ_sizes_get(count, size)`: no environment variables.
fn environ_sizes_get(mut caller: Caller<'_, InitHost>, count: u32, size: u32) -> Result<i32> {
    let (memory, _) = memory(&mut caller)?;
    let written = write_bytes(memory, count, &0u32.to_le_bytes()).and(write_bytes(memory, size, &0u32.to_le_bytes()));
    Ok(status(written))
}

fn memory<'a>(caller: &'a mut Caller<'_, InitHost>) -> Result<(&'a mut [u8], &'a mut InitHost)> {
    match caller.get_export("memory") {
        Some(Extern::Memory(memory)) => Ok(memory.data_and_store_mut(caller)),
        _ => bail!("the engine called WASI without exporting its `memory`"),
    }
}

/// The errno for a guest pointer that was (`Some`) or was not in bounds.
fn status(in_bounds: Option<()>) -> i32 {
    if in_bounds.is_some() { SUCCESS } else { EFAULT }
}

fn slice(memory: &[u8], ptr: u32, len: u32) -> Option<&[u8]> {
    memory.get(ptr as usize..(ptr as usize).checked_add(len as usize)?)
}

fn slice_mut(memory: &mut [u8], ptr: u32, len: u32) -> Option<&mut [u8]> {
    memory.get_mut(ptr as usize..(ptr as usize).checked_add(len as usize)?)
}

fn read_u32(memory: &[u8], ptr: u32) -> Option<u32> {
    Some(u32::from_le_bytes(slice(memory, ptr, 4)?.try_into().ok()?))
}

fn write_bytes(memory: &mut [u8], ptr: u32, bytes: &[u8]) -> Option<()> {
    slice_mut(memory, ptr, bytes.len() as u32)?.copy_from_slice(bytes);
    Some(())
}

const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// `random_get`'s bytes: a fixed-seed xorshift64, so that whatever the engine derives from
/// randomness at init (hash seeds, for one) is the same in every snapshot of the same input.
struct Xorshift(u64);

impl Xorshift {
    fn fill(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            chunk.copy_from_slice(&self.0.to_le_bytes()[..chunk.len()]);
        }
    }
}
