//! `test:jspi`: exports that call imports the host implements as async functions under
//! `ferry transpile --async-mode jspi`: a string round trip, a list through memory, a
//! `result` the host may reject, and a method of a host resource.

wit_bindgen::generate!({ path: "wit", world: "jspi" });

use test::jspi::gates::Gate;

struct Component;

impl Guest for Component {
    fn echo(s: String) -> String {
        let first = sleep_then_echo(&s);
        tick();
        let second = sleep_then_echo(&first);
        format!("{first}|{second}")
    }

    fn doubled(n: u32) -> Vec<u32> {
        fetch_list(n).into_iter().map(|x| x * 2).collect()
    }

    fn attempt(fail: bool) -> Result<String, String> {
        fallible(fail).map(|text| text.to_uppercase())
    }

    fn through_gate(label: String, n: u32) -> u32 {
        Gate::new(&label).pass(n)
    }

    fn plain(x: u32) -> u32 {
        x + 1
    }
}

export!(Component);
