//! Subcommands. Flags are parsed and validated first, then turned into working objects.

pub mod detect;
pub mod patterns;
pub mod policy;
pub mod scan;
pub mod service;
