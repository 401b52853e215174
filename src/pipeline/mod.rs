//! The pipeline: source → decode → policy → redact → filter → encode → sink → acknowledgement
//! → source commit. Delivery semantics, ordering and failure modes: README.md, "Design
//! (delivery, ordering, failure)". A record of one event is processed on simd-json's tape,
//! without a value tree, where the event allows (`Processor::on_tape`).

mod encode;
mod filter;
mod process;
pub mod reason;
mod runner;

pub use encode::write_value;
pub use filter::{safe_harbor, DestinationFilter, Profile};
pub use process::{Outcome, Processor};
pub use runner::{now_rfc3339, quarantine_line, run, Outputs, RunError, RunOptions, Summary};
