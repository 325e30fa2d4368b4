//! `ferry componentize`: a JS module and a WIT world in, a component out.
//!
//! The pipeline (`pipeline`): the sources are read, types stripped (`sources`); the world gets
//! the WASI imports the JS builtins in use need (`builtin_imports`); its functions get fixed
//! indices and a description for the engine (`bindings`); the QuickJS engine (`engine/`, built
//! for wasm32-wasip1) evaluates the module and is snapshotted (`preinit`), its memory image
//! compressed unless `--compress-memory=none` (`compress`); `link` gives it
//! core functions of the world's exact signatures, `dead_code` drops the functions only the
//! init could reach, and wit-component wraps the result as a component (`component`).

pub mod bindings;
pub mod builtin_imports;
pub mod builtin_sources;
pub mod component;
pub mod compress;
pub mod dead_code;
pub mod link;
pub mod pipeline;
pub mod preinit;
pub mod sources;
