pub mod guest_types;
pub mod transpile;
pub mod types;
