//! Passes over the model, each in its own file.
pub mod accessors;
pub mod batches;
pub mod boxing;
pub mod conversions;
pub mod families;
pub mod lower;
pub mod operations;
pub mod required_choices;
pub mod resolve;
pub mod responses;
pub mod versions;
