use std::path::PathBuf;

use super::*;
use crate::sources::Location;

const WORLD: &str = "package test:p;
    interface store { get: func() -> u32; }
    world w {
      record pair { a: u32 }
      resource blob { size: func() -> u32; }
      import store;
      import log: func(p: pair);
    }";

fn check(specifiers: &[&str]) -> Result<(), Error> {
    let mut resolve = Resolve::default();
    let package = resolve.push_str("test.wit", WORLD).unwrap();
    let world = resolve.select_world(&[package], Some("w")).unwrap();
    let at = Location { file: PathBuf::from("app.js"), line: 1, col: 2 };
    let imports: Vec<WitImport> =
        specifiers.iter().map(|s| WitImport { specifier: s.to_string(), at: at.clone() }).collect();
    check_imports(&resolve, world, &imports)
}

#[test]
fn interfaces_world_functions_and_world_resources_are_importable() {
    check(&["test:p/store", "log", "blob"]).unwrap();
}

#[test]
fn a_world_type_that_is_no_resource_is_not_importable() {
    let err = check(&["pair"]).unwrap_err().to_string();
    assert!(
        err.starts_with("app.js:1:2: `pair` is not an import of world `w` (it imports: test:p/store, blob, log);"),
        "{err}"
    );
}
