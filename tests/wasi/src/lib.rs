//! What the WASI test programs share: one way to print a result, so that every program's
//! output is deterministic and shows exactly what the host answered (the `io::ErrorKind` and
//! the raw errno, which wasi-libc derives from the WASI error code).

use std::fmt::Debug;
use std::io;

/// `Err(<kind>, errno <n>)`: the error's kind and raw OS error, never its message alone.
pub fn err(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(n) => format!("Err({:?}, errno {n})", e.kind()),
        None => format!("Err({:?}, {e})", e.kind()),
    }
}

/// `Ok(<value>)` or `Err(<kind>, errno <n>)`.
pub fn show<T: Debug>(r: &io::Result<T>) -> String {
    match r {
        Ok(v) => format!("Ok({v:?})"),
        Err(e) => err(e),
    }
}

/// Prints `<label>: <result>` on stdout and returns the result.
pub fn step<T: Debug>(label: &str, r: io::Result<T>) -> io::Result<T> {
    println!("{label}: {}", show(&r));
    r
}

/// FNV-1a, 64 bits: a checksum of bytes that needs no crate.
pub fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

unsafe extern "C" {
    /// wasi-libc's symlink(2) (std's own `symlink_path` is unstable).
    #[link_name = "symlink"]
    fn libc_symlink(target: *const std::ffi::c_char, link: *const std::ffi::c_char) -> i32;
}

/// Creates the symlink `link` with the text `target` (through wasi-libc, as std would).
pub fn symlink(target: &str, link: impl AsRef<std::path::Path>) -> io::Result<()> {
    let cstr = |s: &str| {
        std::ffi::CString::new(s).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    };
    let link = link
        .as_ref()
        .to_str()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "link path not UTF-8"))?;
    let (t, l) = (cstr(target)?, cstr(link)?);
    if unsafe { libc_symlink(t.as_ptr(), l.as_ptr()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
