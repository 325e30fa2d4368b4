//! World `consumer` of `test:cells`: uses the `cell` resource of the imported `cells`
//! (the provider's, once composed) and passes cells to and from JS.

wit_bindgen::generate!({ path: "../wit", world: "consumer" });

use exports::test::cells::user::Guest;
use test::cells::cells::Cell;

struct Component;

impl Guest for Component {
    fn make(v: u32) -> Cell {
        Cell::new(v)
    }

    fn double(c: &Cell) {
        c.set(c.get() * 2)
    }

    fn take(c: Cell) -> u32 {
        c.get()
    }

    fn sum(a: &Cell, b: &Cell) -> u32 {
        a.get() + b.get()
    }
}

export!(Component);
