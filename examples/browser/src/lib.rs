//! Markdown to HTML with pulldown-cmark: the component the browser example renders with.

use pulldown_cmark::{Options, Parser, html};

wit_bindgen::generate!({ path: "wit", world: "markdown" });

struct Markdown;

impl Guest for Markdown {
    fn render(source: String) -> String {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        let mut out = String::with_capacity(source.len() * 3 / 2);
        html::push_html(&mut out, Parser::new_ext(&source, options));
        out
    }
}

export!(Markdown);
