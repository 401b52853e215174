//! phigate makes Twilio Event Streams safe to analyse under HIPAA: it judges each CloudEvent
//! against a versioned eligibility policy, redacts PHI with a compiled matcher, applies
//! per-sink field allowlists and forwards the clean event, committing source positions only
//! after the sinks confirmed.
//!
//! The engine ([`redact`]) has no I/O; the pipeline (`pipeline`, `source`, `sink`) moves
//! bytes; the binary (`main.rs`, [`cli`]) is thin glue.

pub mod cli;
pub mod redact;
