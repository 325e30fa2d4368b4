//! The module specifier a host import is loaded from: shared by the emitted JS (`import ...
//! from`, `imports[...]`) and its declarations (ambient modules, `ImportObject`).

use crate::names::{import_specifier, lower_camel_property};

/// Where `wasi:*` imports come from by default: the subpaths of ferry's WASI host package,
/// one object per interface (`wasi:cli/terminal-input` -> `terminalInput` of `.../cli`),
/// the layout of `@bytecodealliance/preview2-shim`.
pub const WASI_SHIM_MAP: &[(&str, &str)] = &[
    ("wasi:cli/*", "@ferry-wasm/shims/cli#*"),
    ("wasi:clocks/*", "@ferry-wasm/shims/clocks#*"),
    ("wasi:filesystem/*", "@ferry-wasm/shims/filesystem#*"),
    ("wasi:http/*", "@ferry-wasm/shims/http#*"),
    ("wasi:io/*", "@ferry-wasm/shims/io#*"),
    ("wasi:random/*", "@ferry-wasm/shims/random#*"),
    ("wasi:sockets/*", "@ferry-wasm/shims/sockets#*"),
];

/// The specifier of import `name` before `--map`: its name without the version
/// (`ns:pkg/iface@1.2.3` -> `ns:pkg/iface`), unless another of the component's imports
/// (`names`) differs from it only in version; then the full name, to keep them apart.
pub fn base_specifier<'a, 'n>(names: impl IntoIterator<Item = &'a str>, name: &'n str) -> &'n str {
    let versioned = |other: &str| other != name && import_specifier(other) == import_specifier(name);
    if names.into_iter().any(versioned) { name } else { import_specifier(name) }
}

/// The specifier import `name` (one of `names`) maps to through `map` (`(pattern, target)`
/// pairs, tried in order; a pattern may end in `*`, replaced into the target's `*`), and the
/// export named by a `#name` suffix of the target. A `*` in the export name is replaced
/// camel-cased, as an export is a JS name (`#*` with `terminal-input` -> `terminalInput`).
pub fn resolve_specifier<'a>(
    map: &[(String, String)],
    names: impl IntoIterator<Item = &'a str>,
    name: &str,
) -> (String, Option<String>) {
    let base = base_specifier(names, name);
    for (pattern, target) in map {
        let mapped = match pattern.strip_suffix('*') {
            Some(prefix) => [base, name].iter().find_map(|n| n.strip_prefix(prefix)),
            None => (pattern == base || pattern == name).then_some(""),
        };
        if let Some(rest) = mapped {
            return match target.split_once('#') {
                Some((spec, export)) => (spec.replace('*', rest), Some(export.replace('*', &lower_camel_property(rest)))),
                None => (target.replace('*', rest), None),
            };
        }
    }
    (base.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_OTHERS: [&str; 0] = [];

    fn map(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn unmapped_drops_the_version_unless_two_versions_are_imported() {
        assert_eq!(resolve_specifier(&[], ["ns:pkg/iface@1.2.3"], "ns:pkg/iface@1.2.3"), ("ns:pkg/iface".to_string(), None));
        let both = ["ns:pkg/iface@1.0.0", "ns:pkg/iface@2.0.0"];
        assert_eq!(base_specifier(both, "ns:pkg/iface@2.0.0"), "ns:pkg/iface@2.0.0");
    }

    #[test]
    fn exact_and_wildcard_patterns() {
        let m = map(&[("ns:pkg/log", "./log.js"), ("wasi:*", "@host/wasi/*#impl")]);
        assert_eq!(resolve_specifier(&m, NO_OTHERS, "ns:pkg/log@1.0.0"), ("./log.js".to_string(), None));
        assert_eq!(
            resolve_specifier(&m, NO_OTHERS, "wasi:cli/stdout@0.2.0"),
            ("@host/wasi/cli/stdout".to_string(), Some("impl".to_string()))
        );
        assert_eq!(resolve_specifier(&m, NO_OTHERS, "other"), ("other".to_string(), None));
    }

    #[test]
    fn a_star_in_the_export_is_camel_cased() {
        let m: Vec<(String, String)> = WASI_SHIM_MAP.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(
            resolve_specifier(&m, NO_OTHERS, "wasi:cli/terminal-input@0.2.3"),
            ("@ferry-wasm/shims/cli".to_string(), Some("terminalInput".to_string()))
        );
        assert_eq!(
            resolve_specifier(&m, NO_OTHERS, "wasi:io/streams@0.2.0"),
            ("@ferry-wasm/shims/io".to_string(), Some("streams".to_string()))
        );
    }
}
