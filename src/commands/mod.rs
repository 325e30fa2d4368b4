pub mod transpile;
