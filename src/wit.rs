//! Reading a WIT world for `ferry types`, `ferry guest-types` and `ferry componentize`.

use std::path::{Path, PathBuf};
use ferry_transpiler::wit::{Features, one_line, select_world};
use wit_parser::{Resolve, WorldId};

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
        let features = Features { names: self.features.clone(), all: self.all_features };
        load(&self.wit, self.world.as_deref(), &features)
    }
}

/// Parses and resolves the WIT at `path` (a file, or a directory with `deps/`), with the
/// `@unstable` `features`, and picks `world`.
pub fn load(path: &Path, world: Option<&str>, features: &Features) -> Result<(Resolve, WorldId), String> {
    let mut resolve = features.resolve();
    let (package, _) = resolve.push_path(path).map_err(|e| one_line(&resolve, e.as_ref()))?;
    let world = select_world(&resolve, package, world, &path.display().to_string())?;
    Ok((resolve, world))
}
