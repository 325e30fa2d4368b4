//! World `run` of `test:pipeline`: calls the imported `text` interface.

wit_bindgen::generate!({ path: "../wit", world: "run" });

use test::pipeline::text;

struct Component;

impl Guest for Component {
    fn run(s: String) -> String {
        format!("[{}]", text::shout(&s))
    }

    fn run_summary(s: String) -> String {
        let words: Vec<String> = s.split_whitespace().map(String::from).collect();
        let sum = text::summarize(&words);
        let lengths: Vec<String> = sum.lengths.iter().map(u32::to_string).collect();
        format!("{} words, longest '{}', lengths {}", sum.count, sum.longest, lengths.join(","))
    }
}

export!(Component);
