//! A small writer for JS source: indented lines and fresh temporaries.

/// Indentation stops growing at this depth: code for a type nested 100 deep would otherwise
/// carry a square of the depth in spaces.
const MAX_INDENT: usize = 16;

#[derive(Default)]
pub struct Body {
    code: String,
    indent: usize,
    next_tmp: u32,
}

impl Body {
    pub fn line(&mut self, text: impl AsRef<str>) {
        for _ in 0..self.indent.min(MAX_INDENT) {
            self.code.push_str("  ");
        }
        self.code.push_str(text.as_ref());
        self.code.push('\n');
    }

    /// Writes `head {` and indents until the matching [`Body::close`].
    pub fn open(&mut self, head: impl AsRef<str>) {
        self.line(format!("{} {{", head.as_ref()));
        self.indent += 1;
    }

    pub fn close(&mut self) {
        self.close_with("}");
    }

    /// Ends one block and opens the next at the same depth: `} else {`.
    pub fn reopen(&mut self, text: &str) {
        self.indent -= 1;
        self.line(text);
        self.indent += 1;
    }

    pub fn close_with(&mut self, text: &str) {
        self.indent -= 1;
        self.line(text);
    }

    /// A fresh local name.
    pub fn tmp(&mut self, prefix: &str) -> String {
        self.next_tmp += 1;
        format!("{prefix}{}", self.next_tmp)
    }

    /// Binds `expr` to a fresh local unless it already is a plain name.
    pub fn bind(&mut self, expr: String) -> String {
        if crate::names::is_identifier(&expr) {
            return expr;
        }
        let t = self.tmp("v");
        self.line(format!("const {t} = {expr};"));
        t
    }

    /// Removes the last line that reads exactly `text` (at any indentation): for a
    /// declaration that turned out not to be needed.
    pub fn remove_line(&mut self, text: &str) {
        let needle = format!("{text}\n");
        if let Some(at) = self.code.rfind(&needle) {
            let start = self.code[..at].rfind('\n').map_or(0, |n| n + 1);
            if self.code[start..at].chars().all(|c| c == ' ') {
                self.code.replace_range(start..at + needle.len(), "");
            }
        }
    }

    pub fn finish(self) -> String {
        self.code
    }
}
