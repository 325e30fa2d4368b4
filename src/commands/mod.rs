pub mod componentize;
pub mod guest_types;
pub mod run;
pub mod serve;
pub mod transpile;
pub mod types;
