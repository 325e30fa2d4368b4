//! What the CLI test files share: a scratch directory and a one-function component.

use std::path::PathBuf;

/// A component whose only export is `add: func(a: u32, b: u32) -> u32`.
pub const ADD_COMPONENT: &str = r#"
(component
  (core module $m (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
  (core instance $i (instantiate $m))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add"))))
"#;

/// A fresh, empty directory for one test: `<tmp>/ferry-<suite>-<pid>-<name>`.
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ferry-{suite}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
