//! `bench:add`: the small benchmark component, one exported function of two `u32`s.

wit_bindgen::generate!({ path: "wit", world: "add" });

struct Component;

impl Guest for Component {
    fn add(a: u32, b: u32) -> u32 {
        a.wrapping_add(b)
    }
}

export!(Component);
