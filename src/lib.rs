//! phigate makes Twilio Event Streams safe to analyse under HIPAA: it judges each CloudEvent
//! against a versioned eligibility policy, redacts PHI with a compiled matcher, applies
//! per-sink field allowlists and forwards the clean event, committing source positions only
//! after the sinks confirmed.
//!
//! The engine ([`redact`]) has no I/O; the [`pipeline`] moves records between a [`source`]
//! and [`sink`]s; the binary (`main.rs`, [`cli`]) is thin glue.

pub mod cli;
pub mod config;
pub mod gen;
pub mod kafka;
pub mod kinesis;
pub mod pipeline;
pub mod policy;
pub mod redact;
pub mod sink;
pub mod source;
pub mod telemetry;
pub mod view;
