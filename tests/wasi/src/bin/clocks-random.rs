//! clocks-random [no-sleep]: clocks and randomness, printed only as booleans so the output is
//! deterministic. Exits 0 when every check holds, 1 otherwise.
//!   - a 50 ms thread::sleep measured on the monotonic clock (Instant) lasts >= 50 ms, < 10 s
//!     (not with `no-sleep`, for hosts that cannot block: a browser without JSPI)
//!   - Instant never goes backwards; a zero sleep returns
//!   - SystemTime::now() is after 2020-01-01 and before 2100-01-01
//!   - random bytes from getentropy (wasi:random/random) are not all zero, two draws differ
//!   - a HashMap (std's random keys) works

use std::collections::HashMap;
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

unsafe extern "C" {
    /// wasi-libc: fills `len` (<= 256) bytes from wasi:random/random.get-random-bytes.
    fn getentropy(buf: *mut u8, len: usize) -> i32;
}

fn entropy() -> [u8; 32] {
    let mut b = [0u8; 32];
    let rc = unsafe { getentropy(b.as_mut_ptr(), b.len()) };
    assert_eq!(rc, 0, "getentropy failed");
    b
}

fn main() {
    let mut failed = 0;
    let mut check = |label: &str, ok: bool| {
        println!("{label}: {ok}");
        failed += !ok as u32;
    };

    let sleeps = std::env::args().nth(1).as_deref() != Some("no-sleep");
    let t0 = Instant::now();
    if sleeps {
        sleep(Duration::from_millis(50));
        let slept = t0.elapsed();
        check(
            "sleep 50ms: elapsed >= 50ms",
            slept >= Duration::from_millis(50),
        );
        check("sleep 50ms: elapsed < 10s", slept < Duration::from_secs(10));
    }
    let t1 = Instant::now();
    sleep(Duration::ZERO);
    let t2 = Instant::now();
    check("instant monotonic", t2 >= t1 && t1 >= t0);

    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    check("system time after 2020-01-01", now > 1_577_836_800);
    check("system time before 2100-01-01", now < 4_102_444_800);
    if sleeps {
        let a = SystemTime::now();
        sleep(Duration::from_millis(20));
        check(
            "system time advances over a 20ms sleep",
            SystemTime::now() > a,
        );
    }

    let (r1, r2) = (entropy(), entropy());
    check("random bytes not all zero", r1.iter().any(|&b| b != 0));
    check("two random draws differ", r1 != r2);
    let distinct = {
        let mut s = r1.to_vec();
        s.sort();
        s.dedup();
        s.len()
    };
    check("32 random bytes have > 8 distinct values", distinct > 8);

    let mut m = HashMap::new();
    m.insert("k", 1);
    check("hashmap works", m.get("k") == Some(&1));

    std::process::exit(if failed == 0 { 0 } else { 1 });
}
