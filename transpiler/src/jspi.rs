//! `--async-mode jspi`: which imported functions suspend the component through JSPI
//! (`WebAssembly.Suspending`) and which exported functions become promises
//! (`WebAssembly.promising`). One rule, applied to function names, so that the emitted JS
//! (names from the plan) and the declarations (names from the WIT) agree.
//!
//! Names are written as jco writes them: `iface#func` for a function of an interface
//! (`wasi:io/poll#poll`, `wasi:io/poll#[method]pollable.block`), the bare name for a
//! world-level function. A name without a version also matches the versioned one.

use crate::error::Error;
use crate::names::FuncName;
use crate::{AsyncMode, Options};
use std::collections::BTreeSet;

/// The imports that are async without `--async-imports`: WASI 0.2's calls that block.
pub const WASI_BLOCKING: &[&str] = &[
    "wasi:io/poll#poll",
    "wasi:io/poll#[method]pollable.block",
    "wasi:io/streams#[method]input-stream.blocking-read",
    "wasi:io/streams#[method]input-stream.blocking-skip",
    "wasi:io/streams#[method]output-stream.blocking-write-and-flush",
    "wasi:io/streams#[method]output-stream.blocking-flush",
    "wasi:io/streams#[method]output-stream.blocking-splice",
];

/// The functions that are async, by their full names as the component spells them
/// (`wasi:io/poll@0.2.6#poll`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AsyncFuncs {
    pub imports: BTreeSet<String>,
    pub exports: BTreeSet<String>,
}

impl AsyncFuncs {
    pub fn is_empty(&self) -> bool {
        self.imports.is_empty() && self.exports.is_empty()
    }
}

/// Applies `options` to a component's imported and exported function names.
///
/// Sync mode has no async functions (and refuses the lists). In jspi mode the imports are
/// `async_imports` (each must exist) or those of [`WASI_BLOCKING`] the component has; the
/// exports are `async_exports` (each must exist, and not be a constructor, which cannot
/// return a promise) or, when any import is async, every export but the constructors.
pub fn resolve<'a>(
    options: &Options,
    imports: impl IntoIterator<Item = &'a str>,
    exports: impl IntoIterator<Item = &'a str>,
) -> Result<AsyncFuncs, Error> {
    if options.async_mode == AsyncMode::Sync {
        if options.async_imports.is_some() || options.async_exports.is_some() {
            return Err(Error::new("--async-imports and --async-exports need --async-mode jspi"));
        }
        return Ok(AsyncFuncs::default());
    }
    let imports: Vec<&str> = imports.into_iter().collect();
    let exports: Vec<&str> = exports.into_iter().collect();
    let async_imports = match &options.async_imports {
        Some(names) => select(names, &imports, "--async-imports", "import")?,
        None => imports.iter().filter(|name| WASI_BLOCKING.contains(&unversioned(name).as_str())).map(|n| n.to_string()).collect(),
    };
    let is_constructor = |name: &str| matches!(FuncName::parse(member_name(name)), FuncName::Constructor { .. });
    let async_exports = match &options.async_exports {
        Some(names) => {
            let selected = select(names, &exports, "--async-exports", "export")?;
            if let Some(constructor) = selected.iter().find(|name| is_constructor(name)) {
                return Err(Error::new(format!(
                    "--async-exports: `{constructor}` is a constructor, which cannot return a Promise"
                )));
            }
            selected
        }
        None if async_imports.is_empty() => BTreeSet::new(),
        None => exports.iter().filter(|name| !is_constructor(name)).map(|n| n.to_string()).collect(),
    };
    Ok(AsyncFuncs { imports: async_imports, exports: async_exports })
}

/// The functions of `known` that `names` name; an unknown name is an error that lists
/// close matches.
fn select(names: &[String], known: &[&str], flag: &str, what: &str) -> Result<BTreeSet<String>, Error> {
    let mut selected = BTreeSet::new();
    for name in names {
        let matches: Vec<&&str> = known.iter().filter(|k| *k == name || unversioned(k) == *name).collect();
        if matches.is_empty() {
            let close = close_matches(name, known);
            let hint = if close.is_empty() { String::new() } else { format!("; did you mean {}?", close.join(", ")) };
            return Err(Error::new(format!("{flag}: the component has no {what}ed function `{name}`{hint}")));
        }
        selected.extend(matches.into_iter().map(|k| k.to_string()));
    }
    Ok(selected)
}

/// Up to five of `known` that look like `name`: the same function in another interface, or
/// a few edits away.
fn close_matches(name: &str, known: &[&str]) -> Vec<String> {
    let mut close: Vec<String> = known
        .iter()
        .map(|k| unversioned(k))
        .filter(|k| member_name(k) == member_name(name) || edit_distance(k, name) <= 3.max(name.len() / 5))
        .map(|k| format!("`{k}`"))
        .collect();
    close.dedup();
    close.truncate(5);
    close
}

/// `wasi:io/poll@0.2.6#poll` -> `wasi:io/poll#poll`.
pub fn unversioned(name: &str) -> String {
    match name.split_once('#') {
        Some((interface, member)) => {
            let interface = interface.split_once('@').map_or(interface, |(base, _)| base);
            format!("{interface}#{member}")
        }
        None => name.to_string(),
    }
}

/// The function's own name: what follows the last `#`.
fn member_name(name: &str) -> &str {
    name.rsplit_once('#').map_or(name, |(_, member)| member)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMPORTS: &[&str] = &["wasi:io/poll@0.2.6#poll", "wasi:io/poll@0.2.6#[method]pollable.ready", "sleep-then-echo", "log"];
    const EXPORTS: &[&str] = &["run", "ns:pkg/iface#[constructor]thing", "ns:pkg/iface#[method]thing.get"];

    fn jspi(imports: Option<&[&str]>, exports: Option<&[&str]>) -> Options {
        let list = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
        Options {
            async_mode: AsyncMode::Jspi,
            async_imports: imports.map(list),
            async_exports: exports.map(list),
            ..Options::default()
        }
    }

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_default_is_wasi_blocking_calls_and_every_export_but_constructors() {
        let funcs = resolve(&jspi(None, None), IMPORTS.iter().copied(), EXPORTS.iter().copied()).unwrap();
        assert_eq!(funcs.imports, set(&["wasi:io/poll@0.2.6#poll"]));
        assert_eq!(funcs.exports, set(&["run", "ns:pkg/iface#[method]thing.get"]));
    }

    #[test]
    fn without_async_imports_no_export_is_async() {
        let funcs = resolve(&jspi(None, None), ["log"], EXPORTS.iter().copied()).unwrap();
        assert!(funcs.is_empty());
    }

    #[test]
    fn lists_select_by_name_with_or_without_version() {
        let options = jspi(Some(&["sleep-then-echo", "wasi:io/poll#[method]pollable.ready"]), Some(&["run"]));
        let funcs = resolve(&options, IMPORTS.iter().copied(), EXPORTS.iter().copied()).unwrap();
        assert_eq!(funcs.imports, set(&["sleep-then-echo", "wasi:io/poll@0.2.6#[method]pollable.ready"]));
        assert_eq!(funcs.exports, set(&["run"]));
    }

    #[test]
    fn unknown_names_are_errors_with_close_matches() {
        let err = resolve(&jspi(Some(&["sleep-then-echoo"]), None), IMPORTS.iter().copied(), EXPORTS.iter().copied()).unwrap_err();
        assert_eq!(err.to_string(), "--async-imports: the component has no imported function `sleep-then-echoo`; did you mean `sleep-then-echo`?");
        let err = resolve(&jspi(Some(&["wasi:io/streams#poll"]), None), IMPORTS.iter().copied(), EXPORTS.iter().copied()).unwrap_err();
        assert_eq!(err.to_string(), "--async-imports: the component has no imported function `wasi:io/streams#poll`; did you mean `wasi:io/poll#poll`?");
        let err = resolve(&jspi(None, Some(&["nothing-like-it"])), IMPORTS.iter().copied(), EXPORTS.iter().copied()).unwrap_err();
        assert_eq!(err.to_string(), "--async-exports: the component has no exported function `nothing-like-it`");
    }

    #[test]
    fn a_constructor_cannot_be_async() {
        let options = jspi(None, Some(&["ns:pkg/iface#[constructor]thing"]));
        let err = resolve(&options, IMPORTS.iter().copied(), EXPORTS.iter().copied()).unwrap_err();
        assert!(err.to_string().contains("is a constructor, which cannot return a Promise"), "{err}");
    }

    #[test]
    fn sync_mode_refuses_the_lists() {
        let options = Options { async_imports: Some(vec!["log".into()]), ..Options::default() };
        assert!(resolve(&options, IMPORTS.iter().copied(), EXPORTS.iter().copied()).is_err());
        assert!(resolve(&Options::default(), IMPORTS.iter().copied(), EXPORTS.iter().copied()).unwrap().is_empty());
    }

    #[test]
    fn versions_are_dropped_from_the_interface_only() {
        assert_eq!(unversioned("wasi:io/poll@0.2.6#poll"), "wasi:io/poll#poll");
        assert_eq!(unversioned("run"), "run");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
