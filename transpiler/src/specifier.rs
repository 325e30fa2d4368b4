//! The module specifier a host import is loaded from: shared by the emitted JS (`import ...
//! from`, `imports[...]`) and its declarations (ambient modules, `ImportObject`).

use crate::names::import_specifier;

/// The specifier of import `name` before `--map`: its name without the version
/// (`ns:pkg/iface@1.2.3` -> `ns:pkg/iface`), unless another of the component's imports
/// (`names`) differs from it only in version; then the full name, to keep them apart.
pub fn base_specifier<'a, 'n>(names: impl IntoIterator<Item = &'a str>, name: &'n str) -> &'n str {
    let versioned = |other: &str| other != name && import_specifier(other) == import_specifier(name);
    if names.into_iter().any(versioned) { name } else { import_specifier(name) }
}

/// The specifier import `name` (one of `names`) maps to through `map` (`(pattern, target)`
/// pairs, tried in order; a pattern may end in `*`, replaced into the target's `*`), and the
/// export named by a `#name` suffix of the target.
pub fn resolve_specifier<'a>(
    map: &[(String, String)],
    names: impl IntoIterator<Item = &'a str>,
    name: &str,
) -> (String, Option<String>) {
    let base = base_specifier(names, name);
    for (pattern, target) in map {
        let mapped = match pattern.strip_suffix('*') {
            Some(prefix) => [base, name].iter().find_map(|n| n.strip_prefix(prefix)).map(|rest| target.replace('*', rest)),
            None => (pattern == base || pattern == name).then(|| target.clone()),
        };
        if let Some(mapped) = mapped {
            return match mapped.split_once('#') {
                Some((spec, export)) => (spec.to_string(), Some(export.to_string())),
                None => (mapped, None),
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
}
