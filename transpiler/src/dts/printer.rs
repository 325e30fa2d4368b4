//! A small writer for declaration files: indented lines, blocks and JSDoc comments.

use wit_parser::Docs;

#[derive(Default)]
pub struct Printer {
    text: String,
    depth: usize,
}

impl Printer {
    pub fn line(&mut self, text: impl AsRef<str>) {
        for _ in 0..self.depth {
            self.text.push_str("  ");
        }
        self.text.push_str(text.as_ref());
        self.text.push('\n');
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// Writes `head {` and indents until the matching [`Printer::close`].
    pub fn open(&mut self, head: impl AsRef<str>) {
        self.line(format!("{} {{", head.as_ref()));
        self.indent();
    }

    /// Ends a block with `}` followed by `tail` (`""`, `";"`).
    pub fn close(&mut self, tail: &str) {
        self.dedent();
        self.line(format!("}}{tail}"));
    }

    pub fn indent(&mut self) {
        self.depth += 1;
    }

    pub fn dedent(&mut self) {
        self.depth -= 1;
    }

    /// A JSDoc comment of the WIT docs and `tags` (`@throws ...`), if there is anything to say.
    pub fn doc(&mut self, docs: &Docs, tags: &[String]) {
        let text = docs.contents.as_deref().map(str::trim_end).filter(|t| !t.is_empty());
        let lines: Vec<&str> = text.into_iter().flat_map(str::lines).chain(tags.iter().map(String::as_str)).collect();
        match lines.as_slice() {
            [] => {}
            [one] => self.line(format!("/** {} */", escape(one))),
            many => {
                self.line("/**");
                for line in many {
                    let line = escape(line);
                    self.line(if line.is_empty() { " *".to_string() } else { format!(" * {line}") });
                }
                self.line(" */");
            }
        }
    }

    /// A JSDoc comment of `text` (one or more lines) alone.
    pub fn comment(&mut self, text: &str) {
        self.doc(&Docs { contents: Some(text.to_string()) }, &[]);
    }

    /// Appends what another printer wrote, indented to this one's depth.
    pub fn append(&mut self, other: Printer) {
        for line in other.text.lines() {
            if line.is_empty() { self.blank() } else { self.line(line) }
        }
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// Doc text cannot end the comment early.
fn escape(line: &str) -> String {
    line.trim_end().replace("*/", "*\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(text: &str) -> Docs {
        Docs { contents: Some(text.to_string()) }
    }

    #[test]
    fn writes_blocks_and_comments() {
        let mut p = Printer::default();
        p.doc(&docs("One line."), &[]);
        p.open("declare module \"m\"");
        p.doc(&docs("First.\n\nSecond */ here."), &["@throws x".to_string()]);
        p.line("export function f(): void;");
        p.doc(&Docs::default(), &[]);
        p.close("");
        assert_eq!(
            p.finish(),
            "/** One line. */\ndeclare module \"m\" {\n  /**\n   * First.\n   *\n   * Second *\\/ here.\n   * @throws x\n   */\n  export function f(): void;\n}\n"
        );
    }
}
