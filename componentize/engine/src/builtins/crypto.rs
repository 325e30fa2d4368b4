//! `crypto`'s native (random bytes; the API is in `crypto.js`) and `Math.random`.
//!
//! QuickJS seeds its `Math.random` when the context is made, at pre-initialisation, so every
//! run of the component would draw the same numbers. When the world has WASI random, it is
//! replaced by xorshift128+ (QuickJS's own generator) seeded from it at the first use at
//! run time.

use std::cell::Cell;

use rquickjs::{Ctx, Exception, Function, Object, TypedArray};

use crate::wasi_p1::{self, p1};

pub fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("randomFill", Function::new(ctx.clone(), random_fill)?)?;
    Ok(())
}

/// `randomFill(bytes)`.
fn random_fill<'js>(ctx: Ctx<'js>, bytes: TypedArray<'js, u8>) -> rquickjs::Result<()> {
    let Some(raw) = bytes.as_raw() else { return Ok(()) };
    // No JS runs while the slice is in use.
    if p1::fill_random(unsafe { &mut *raw.as_ptr() }) {
        Ok(())
    } else {
        Err(Exception::throw_message(&ctx, "the WASI random call failed"))
    }
}

/// The generator's state, and whether it was seeded at run time (`None`: not yet seeded).
struct Xorshift {
    state: Cell<[u64; 2]>,
    seeded_at_run_time: Cell<Option<bool>>,
}

thread_local! {
    static RANDOM: Xorshift = const { Xorshift { state: Cell::new([0; 2]), seeded_at_run_time: Cell::new(None) } };
}

pub fn replace_math_random(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let math: Object = ctx.globals().get("Math")?;
    math.set("random", Function::new(ctx.clone(), math_random)?.with_name("random")?)
}

/// A double in [0, 1) from the top 52 bits of xorshift128+.
fn math_random() -> f64 {
    RANDOM.with(|random| {
        let run_time = wasi_p1::at_run_time();
        if random.seeded_at_run_time.get() != Some(run_time) {
            let mut seed = [0u8; 16];
            p1::fill_random(&mut seed);
            let a = u64::from_le_bytes(seed[..8].try_into().unwrap_or_default());
            let b = u64::from_le_bytes(seed[8..].try_into().unwrap_or_default());
            // An all-zero state would stay zero.
            random.state.set([a | 1, b]);
            random.seeded_at_run_time.set(Some(run_time));
        }
        let [mut s1, s0] = random.state.get();
        s1 ^= s1 << 23;
        s1 ^= s1 >> 17;
        s1 ^= s0 ^ (s0 >> 26);
        random.state.set([s0, s1]);
        // 52 random bits as the mantissa of a double in [1, 2).
        f64::from_bits(0x3ff0_0000_0000_0000 | (s0.wrapping_add(s1) >> 12)) - 1.0
    })
}
