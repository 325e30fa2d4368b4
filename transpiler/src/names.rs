//! WIT names to JS names, as `shared/js-conventions.md` fixes them.

/// `get-thing` -> `getThing`; a JS reserved word gets a `$` suffix.
pub fn lower_camel(kebab: &str) -> String {
    escape_reserved(lower_camel_property(kebab))
}

/// `get-thing` -> `getThing` for a property name (record field, flag), where reserved words
/// need no escaping.
pub fn lower_camel_property(kebab: &str) -> String {
    let mut out = String::with_capacity(kebab.len());
    let mut upper_next = false;
    for c in kebab.chars() {
        if c == '-' {
            upper_next = true;
        } else if upper_next {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `blob-store` -> `BlobStore`: the class of a resource, the name of a type.
pub fn upper_camel(kebab: &str) -> String {
    let camel = lower_camel_property(kebab);
    let mut chars = camel.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => camel,
    }
}

/// What a function name says it is: resource functions are named `[constructor]r`,
/// `[method]r.name` and `[static]r.name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuncName<'a> {
    Freestanding(&'a str),
    Constructor { resource: &'a str },
    Method { resource: &'a str, name: &'a str },
    Static { resource: &'a str, name: &'a str },
}

impl<'a> FuncName<'a> {
    pub fn parse(name: &'a str) -> Self {
        let member = |rest: &'a str| rest.split_once('.');
        if let Some(resource) = name.strip_prefix("[constructor]") {
            return FuncName::Constructor { resource };
        }
        if let Some((resource, name)) = name.strip_prefix("[method]").and_then(member) {
            return FuncName::Method { resource, name };
        }
        if let Some((resource, name)) = name.strip_prefix("[static]").and_then(member) {
            return FuncName::Static { resource, name };
        }
        FuncName::Freestanding(name)
    }

    /// The resource the function belongs to, if any.
    pub fn resource(&self) -> Option<&'a str> {
        match *self {
            FuncName::Freestanding(_) => None,
            FuncName::Constructor { resource } | FuncName::Method { resource, .. } | FuncName::Static { resource, .. } => {
                Some(resource)
            }
        }
    }
}

fn escape_reserved(name: String) -> String {
    if is_reserved(&name) { name + "$" } else { name }
}

/// Words that cannot be a JS binding name (ES2023 reserved words, strict-mode and module
/// reserved words, and the few globals a generated module must not shadow).
pub fn is_reserved(name: &str) -> bool {
    matches!(
        name,
        "await" | "break" | "case" | "catch" | "class" | "const" | "continue" | "debugger"
            | "default" | "delete" | "do" | "else" | "enum" | "export" | "extends" | "false"
            | "finally" | "for" | "function" | "if" | "import" | "in" | "instanceof" | "new"
            | "null" | "return" | "super" | "switch" | "this" | "throw" | "true" | "try"
            | "typeof" | "var" | "void" | "while" | "with" | "yield" | "let" | "static"
            | "implements" | "interface" | "package" | "private" | "protected" | "public"
            | "arguments" | "eval" | "undefined" | "NaN" | "Infinity"
    )
}

/// The import specifier for an interface name: `ns:pkg/iface@1.2.3` -> `ns:pkg/iface`.
pub fn import_specifier(name: &str) -> &str {
    match name.find('@') {
        Some(at) if name.contains('/') => &name[..at],
        _ => name,
    }
}

/// The short JS name of an interface: `ns:pkg/iface@1.2.3` -> `iface`; a plain name is
/// camel-cased.
pub fn interface_short_name(name: &str) -> String {
    let base = import_specifier(name);
    let short = base.rsplit('/').next().unwrap_or(base);
    lower_camel(short)
}

/// The JS names of one scope's exports, from each export's base name (`None`: it has no name
/// of its own, as a resource's method) and whether it is an interface named by its package
/// (`ns:pkg/iface`). A name that clashes with one given before it gets `$1`, `$2`, ...; plain
/// names are given out before interface short names, so a world's `name` function keeps
/// `name` when it also exports `ns:pkg/name`. The module and its `.d.ts` both name by this.
pub fn unique_export_names(bases: Vec<(Option<String>, bool)>) -> Vec<Option<String>> {
    let mut names: Vec<Option<String>> = vec![None; bases.len()];
    let mut taken = std::collections::BTreeSet::new();
    for pass_interfaces in [false, true] {
        for (i, (base, is_interface)) in bases.iter().enumerate() {
            let Some(base) = base.as_ref().filter(|_| *is_interface == pass_interfaces) else { continue };
            let mut js = base.clone();
            for n in 1.. {
                if taken.insert(js.clone()) {
                    break;
                }
                js = format!("{base}${n}");
            }
            names[i] = Some(js);
        }
    }
    names
}

/// A name where JS takes an identifier or a string literal (a property key, a module's export
/// name in `import { "a:b" as x }`): bare when it is an identifier, quoted otherwise.
pub fn property_key(name: &str) -> String {
    if is_identifier(name) { name.to_string() } else { js_string(name) }
}

/// A JS string literal for `s`, double-quoted.
pub fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` can be written as a bare JS identifier (property key or binding).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c == '$' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c == '$' || c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_cases() {
        assert_eq!(lower_camel("get-thing"), "getThing");
        assert_eq!(lower_camel("i-to-b"), "iToB");
        assert_eq!(lower_camel("enum"), "enum$");
        assert_eq!(lower_camel("a-b-c"), "aBC");
        assert_eq!(upper_camel("blob-store"), "BlobStore");
        assert_eq!(upper_camel("r"), "R");
    }

    #[test]
    fn resource_function_names() {
        assert_eq!(FuncName::parse("[constructor]blob"), FuncName::Constructor { resource: "blob" });
        assert_eq!(FuncName::parse("[method]blob.get-x"), FuncName::Method { resource: "blob", name: "get-x" });
        assert_eq!(FuncName::parse("[static]blob.make"), FuncName::Static { resource: "blob", name: "make" });
        assert_eq!(FuncName::parse("get-x"), FuncName::Freestanding("get-x"));
        assert_eq!(FuncName::parse("[method]nodot"), FuncName::Freestanding("[method]nodot"));
    }

    #[test]
    fn specifiers() {
        assert_eq!(import_specifier("ns:pkg/iface@1.2.3"), "ns:pkg/iface");
        assert_eq!(import_specifier("log"), "log");
        assert_eq!(interface_short_name("ns:pkg/iface@1.2.3"), "iface");
        assert_eq!(interface_short_name("my-iface"), "myIface");
    }

    #[test]
    fn string_literals() {
        assert_eq!(js_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert!(is_identifier("doIt$"));
        assert!(!is_identifier("ns:pkg/x"));
    }
}
