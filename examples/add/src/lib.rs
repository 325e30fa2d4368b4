//! The smallest useful component: `add(a, b)`, with wrapping arithmetic.

wit_bindgen::generate!({ path: "wit", world: "adder" });

struct Adder;

impl Guest for Adder {
    fn add(a: u32, b: u32) -> u32 {
        a.wrapping_add(b)
    }
}

export!(Adder);
