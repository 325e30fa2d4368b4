//! `ferry componentize`: a JS module and a WIT world in, a component out.
//!
//! The pipeline: the world's functions get fixed indices (`bindings`); the QuickJS engine
//! (`engine/`, built for wasm32-wasip1) is pre-initialised with the user's module; `link` then
//! gives the engine core functions of the world's exact signatures, and wit-component wraps
//! the result, with the WASI preview 1 adapter, as a component.

pub mod bindings;
pub mod component;
pub mod link;
