//! The JS runtime helpers a generated module may need. Each is a real JS file in `runtime/`;
//! a module gets only the helpers its code uses, plus what those depend on.

use std::collections::BTreeSet;

pub struct Helper {
    pub name: &'static str,
    pub source: &'static str,
    pub deps: &'static [&'static str],
}

macro_rules! helpers {
    ($($name:literal => [$($dep:literal),*]),* $(,)?) => {
        /// In output order: classes and `let`s before the functions that use them.
        pub const HELPERS: &[Helper] = &[
            $(Helper { name: $name, source: include_str!(concat!("runtime/", $name, ".js")), deps: &[$($dep),*] }),*
        ];
    };
}

helpers! {
    "trap" => [],
    "bad-value" => [],
    "component-error" => [],
    "enter-error" => ["trap"],
    "float-bits" => [],
    "lift-char" => ["trap"],
    "lower-char" => ["bad-value"],
    "lower-int64" => ["bad-value"],
    "check-string" => ["bad-value"],
    "check-array" => ["bad-value"],
    "list-too-long" => [],
    "check-object" => ["bad-value"],
    "lift-string-utf8" => ["trap"],
    "lift-string-utf16" => ["trap"],
    "lift-string-compact" => ["lift-string-utf16", "trap"],
    "lowered-length" => [],
    "alloc" => ["trap"],
    "lower-string-utf8" => ["alloc", "lowered-length"],
    "lower-string-utf16" => ["alloc", "lowered-length"],
    "lower-string-compact" => ["lower-string-utf16", "alloc", "lowered-length"],
    "handle-table" => ["trap"],
    "resource-object" => ["bad-value"],
    "resource-moves" => [],
    "load-core-module" => [],
    "base64-module" => [],
    "require-jspi" => [],
    "not-a-promise" => ["trap"],
}

/// The helpers a module uses, with their dependencies, in output order.
#[derive(Default)]
pub struct HelperSet {
    used: BTreeSet<&'static str>,
}

impl HelperSet {
    pub fn use_helper(&mut self, name: &'static str) {
        if !self.used.insert(name) {
            return;
        }
        let helper = HELPERS.iter().find(|h| h.name == name).expect("helper is listed");
        for dep in helper.deps {
            self.use_helper(dep);
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }

    /// The helpers' code, without their whole-line comments: those document the sources here,
    /// and every module would carry them.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for helper in HELPERS.iter().filter(|h| self.used.contains(h.name)) {
            for line in helper.source.lines().filter(|line| !line.trim_start().starts_with("//")) {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dependency_is_a_helper() {
        for helper in HELPERS {
            for dep in helper.deps {
                assert!(HELPERS.iter().any(|h| h.name == *dep), "{} needs unknown {dep}", helper.name);
            }
        }
    }

    #[test]
    fn dependencies_come_along() {
        let mut set = HelperSet::default();
        set.use_helper("lower-string-compact");
        assert!(set.contains("alloc") && set.contains("trap") && set.contains("lowered-length"));
        assert!(!set.contains("handle-table"));
    }

    #[test]
    fn rendered_helpers_keep_code_but_not_comment_lines() {
        let mut set = HelperSet::default();
        set.use_helper("alloc");
        let code = set.render();
        assert!(code.contains("function alloc(") && code.contains("function trap("));
        assert!(!code.contains("//"), "{code}");
    }
}
