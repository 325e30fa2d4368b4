//! `bench:calls`: the call-cost benchmark component. Each export takes the shape of value the
//! benchmark measures and returns it unchanged (so the cost is the crossing, not the work);
//! `call-host` calls the host's import in a loop, for the cost of the way back.

wit_bindgen::generate!({ path: "wit", world: "calls" });

use bench::calls::host;
use exports::bench::calls::api::{self, Body, Value};
use std::cell::Cell;

struct Component;

struct Counter {
    count: Cell<u32>,
}

impl api::GuestCounter for Counter {
    fn new(start: u32) -> Self {
        Counter { count: Cell::new(start) }
    }

    fn add(&self, n: u32) -> u32 {
        let count = self.count.get().wrapping_add(n);
        self.count.set(count);
        count
    }
}

impl api::Guest for Component {
    type Counter = Counter;

    fn add(a: u32, b: u32) -> u32 {
        a.wrapping_add(b)
    }

    fn echo_string(s: String) -> String {
        s
    }

    fn echo_bytes(bytes: Vec<u8>) -> Vec<u8> {
        bytes
    }

    fn echo_body(b: Body) -> Body {
        b
    }

    fn echo_value(v: Value) -> Value {
        v
    }

    fn call_host(n: u32) -> u32 {
        (0..n).fold(0, |_, i| host::noop(i))
    }
}

export!(Component);
