//! Arbitrary bytes into `transpile`: an error is fine, a panic is not. The first
//! `OPTION_BYTES` bytes choose the options, the rest is the component (the seed corpus is the
//! repo's test components behind that many zero bytes: `scripts/fuzz.sh` makes it).
#![no_main]

use arbitrary::Unstructured;
use ferry_fuzz::{OPTION_BYTES, options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (option_bytes, component) = data.split_at(data.len().min(OPTION_BYTES));
    let Ok(options) = options(&mut Unstructured::new(option_bytes), &[], &[], true) else { return };
    let _ = ferry_transpiler::transpile(component, &options);
});
