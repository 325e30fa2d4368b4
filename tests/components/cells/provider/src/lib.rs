//! World `provider` of `test:cells`: defines the `cell` resource.

wit_bindgen::generate!({ path: "../wit", world: "provider" });

use exports::test::cells::cells::{Guest, GuestCell};
use std::cell::Cell;

struct Component;

struct MyCell(Cell<u32>);

impl GuestCell for MyCell {
    fn new(v: u32) -> Self {
        MyCell(Cell::new(v))
    }

    fn get(&self) -> u32 {
        self.0.get()
    }

    fn set(&self, v: u32) {
        self.0.set(v)
    }
}

impl Guest for Component {
    type Cell = MyCell;
}

export!(Component);
