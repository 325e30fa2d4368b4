//! Reading a WIT world for `ferry types`: shared by the native CLI (`src/wit.rs`, which reads
//! files and directories) and the npm package's Wasm core (which is given the sources), so
//! that both resolve the same WIT the same way and word its errors alike.

use crate::Options;
use wit_parser::{ParseError, PackageId, Resolve, ResolveError, SourceMap, UnresolvedPackageGroup, WorldId};

/// Which `@unstable` features of the WIT to include.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Include the items marked `@unstable(feature = NAME)` for these names.
    pub names: Vec<String>,
    /// Include every `@unstable` item.
    pub all: bool,
}

impl Features {
    /// An empty `Resolve` that gates `@unstable` items by these features.
    pub fn resolve(&self) -> Resolve {
        let mut resolve = Resolve { all_features: self.all, ..Resolve::default() };
        resolve.features.extend(self.names.iter().cloned());
        resolve
    }
}

/// One WIT file: the path its errors name, and its text.
pub type Source = (String, String);

/// Parses and resolves a package given as sources (`main`, the files of one package) with its
/// dependencies (`deps`, one list of files per package, as in a `deps/` directory), as
/// `Resolve::push_path` does with a directory, and picks `world` (named in errors by `label`,
/// the path the WIT came from).
pub fn load_sources(
    main: &[Source],
    deps: &[Vec<Source>],
    world: Option<&str>,
    features: &Features,
    label: &str,
) -> Result<(Resolve, WorldId), String> {
    let mut resolve = features.resolve();
    let main_group = parse(main)?;
    let dep_groups = deps.iter().map(|files| parse(files)).collect::<Result<Vec<_>, _>>()?;
    let package = resolve.push_groups(main_group, dep_groups).map_err(|e| one_line(&resolve, &e))?;
    let world = select_world(&resolve, package, world, label)?;
    Ok((resolve, world))
}

/// Picks `world` of `package` (default: its only world); `label` names the WIT in errors.
pub fn select_world(resolve: &Resolve, package: PackageId, world: Option<&str>, label: &str) -> Result<WorldId, String> {
    resolve.select_world(&[package], world).map_err(|e| format!("{label}: {}", one_line(resolve, e.as_ref())))
}

/// The declarations `ferry types` writes for `world`: those of a module transpiled with
/// `options`, named `name` (default: the world's name).
pub fn world_types(
    resolve: &Resolve,
    world: WorldId,
    name: Option<String>,
    options: Options,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let world_name = &resolve.worlds[world].name;
    let options = Options { name: name.unwrap_or_else(|| world_name.clone()), ..options };
    crate::types(resolve, world, &options).map_err(|e| format!("world `{world_name}`: {e}"))
}

/// Parses the files of one package.
fn parse(files: &[Source]) -> Result<UnresolvedPackageGroup, String> {
    let mut map = SourceMap::new();
    for (path, text) in files {
        map.push_str(path, text.as_str());
    }
    map.parse().map_err(|(map, e)| {
        let span = e.kind().span();
        if span.is_known() { collapse(&format!("{}: {e}", map.render_location(span))) } else { collapse(&e.to_string()) }
    })
}

/// A wit-parser error as one line: `file:line:col: message` for an error in a WIT source
/// (the innermost one), else its chain of messages (`failed to read ...: No such file ...`).
pub fn one_line(resolve: &Resolve, error: &(dyn std::error::Error + 'static)) -> String {
    let chain: Vec<&(dyn std::error::Error + 'static)> = std::iter::successors(Some(error), |e| e.source()).collect();
    let spanned = chain.iter().rev().find_map(|e| {
        if let Some(e) = e.downcast_ref::<ParseError>() {
            Some((e.kind().span(), e.to_string()))
        } else {
            e.downcast_ref::<ResolveError>().map(|e| (e.kind().span(), e.to_string()))
        }
    });
    match spanned {
        Some((span, message)) if span.is_known() => collapse(&format!("{}: {message}", resolve.render_location(span))),
        _ => collapse(&chain.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(": ")),
    }
}

fn collapse(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(src: &str) -> String {
        let mut resolve = Resolve::default();
        let e = resolve.push_str("x.wit", src).unwrap_err();
        one_line(&resolve, e.as_ref())
    }

    fn load(main: &[(&str, &str)], deps: &[&[(&str, &str)]]) -> Result<(Resolve, WorldId), String> {
        let files = |f: &[(&str, &str)]| f.iter().map(|(p, s)| (p.to_string(), s.to_string())).collect::<Vec<_>>();
        load_sources(&files(main), &deps.iter().map(|d| files(d)).collect::<Vec<_>>(), None, &Features::default(), "dir")
    }

    #[test]
    fn wit_errors_name_file_line_col() {
        assert_eq!(error_of("package a:b;\ninterface i {\n  f: func() -> strin;\n}\n"), "x.wit:3:16: name `strin` does not exist");
        assert_eq!(error_of("package a:b;\ninterface i {\n  f: func() ->;\n}\n"), "x.wit:3:15: expected a type, found ';'");
    }

    #[test]
    fn sources_give_the_errors_files_give() {
        let syntax = load(&[("w.wit", "package a:b;\ninterface i {\n  f: func() ->;\n}\n")], &[]).unwrap_err();
        assert_eq!(syntax, "w.wit:3:15: expected a type, found ';'");
        let unresolved = load(&[("w.wit", "package a:b;\ninterface i {\n  f: func() -> strin;\n}\n")], &[]).unwrap_err();
        assert_eq!(unresolved, "w.wit:3:16: name `strin` does not exist");
        let no_world = load(&[("w.wit", "package a:b;\ninterface i {}\n")], &[]).unwrap_err();
        assert!(no_world.starts_with("dir: "), "{no_world}");
    }

    #[test]
    fn dependencies_resolve_from_their_own_packages() {
        let main = [("w.wit", "package a:b;\nworld w { import c:d/i; }\n")];
        let (resolve, world) = load(&main, &[&[("deps/d.wit", "package c:d;\ninterface i { f: func(); }\n")]]).unwrap();
        assert_eq!(resolve.worlds[world].name, "w");
        let missing = load(&main, &[]).unwrap_err();
        assert!(missing.contains("c:d"), "{missing}");
    }
}
