//! The pipeline: source → decode → policy → redact → filter → encode → sink → acknowledgement
//! → source commit. See `docs/DESIGN.md` for delivery semantics, ordering and failure modes.

mod encode;
mod filter;
mod process;
pub mod reason;
mod runner;

pub use encode::{write_spliced, write_value};
pub use filter::{safe_harbor, DestinationFilter, Profile};
pub use process::{Outcome, Processor};
pub use runner::{now_rfc3339, quarantine_line, run, Outputs, RunError, RunOptions, Summary};
