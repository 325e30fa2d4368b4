//! Reading a WIT world for `ferry types`, `ferry guest-types` and `ferry componentize`.

use std::path::{Path, PathBuf};
use wit_parser::{ParseError, Resolve, ResolveError, WorldId};

/// Where the WIT is and which world of it, with the `@unstable` features to include.
#[derive(clap::Args)]
pub struct WitArgs {
    /// A `.wit` file, or a directory of them (a package, its dependencies in `deps/`).
    wit: PathBuf,

    /// The world to declare: `name` in the package, or `ns:pkg/name` (default: the package's
    /// only world).
    #[arg(long)]
    world: Option<String>,

    /// Include the items marked `@unstable(feature = NAME)`. Repeatable.
    #[arg(long = "feature", value_name = "NAME")]
    features: Vec<String>,

    /// Include every `@unstable` item.
    #[arg(long)]
    all_features: bool,
}

impl WitArgs {
    /// Parses and resolves the WIT (with `@since`/`@unstable` gating) and picks the world.
    pub fn load(&self) -> Result<(Resolve, WorldId), String> {
        load(&self.wit, self.world.as_deref(), &self.features, self.all_features)
    }
}

/// Parses and resolves the WIT at `path` (a file, or a directory with `deps/`), with the
/// `@unstable` `features` (or all of them), and picks `world`.
pub fn load(path: &Path, world: Option<&str>, features: &[String], all_features: bool) -> Result<(Resolve, WorldId), String> {
    let mut resolve = Resolve { all_features, ..Resolve::default() };
    resolve.features.extend(features.iter().cloned());
    let (package, _) = resolve.push_path(path).map_err(|e| one_line(&resolve, e.as_ref()))?;
    let world = resolve
        .select_world(&[package], world)
        .map_err(|e| format!("{}: {}", path.display(), one_line(&resolve, e.as_ref())))?;
    Ok((resolve, world))
}

/// A wit-parser error as one line: `file:line:col: message` for an error in a WIT source
/// (the innermost one), else its chain of messages (`failed to read ...: No such file ...`).
fn one_line(resolve: &Resolve, error: &(dyn std::error::Error + 'static)) -> String {
    let chain: Vec<&(dyn std::error::Error + 'static)> = std::iter::successors(Some(error), |e| e.source()).collect();
    let located = chain.iter().rev().find_map(|e| {
        if let Some(e) = e.downcast_ref::<ParseError>() {
            Some((e.kind().span(), e.to_string()))
        } else {
            e.downcast_ref::<ResolveError>().map(|e| (e.kind().span(), e.to_string()))
        }
    });
    let message = match located {
        Some((span, message)) if span.is_known() => format!("{}: {message}", resolve.render_location(span)),
        _ => chain.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(": "),
    };
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

    #[test]
    fn wit_errors_name_file_line_col() {
        assert_eq!(error_of("package a:b;\ninterface i {\n  f: func() -> strin;\n}\n"), "x.wit:3:16: name `strin` does not exist");
        assert_eq!(error_of("package a:b;\ninterface i {\n  f: func() ->;\n}\n"), "x.wit:3:15: expected a type, found ';'");
    }
}
