//! Kinesis source and sink (`aws-sdk-kinesis`).
//!
//! - [`KinesisSource`]: reads every shard of a stream with `GetShardIterator`/`GetRecords`
//!   (polling within the per-shard read limits), checkpoints the last sequence number per shard
//!   only after the sinks confirmed everything up to it, and reads a child shard only after
//!   its parents were read to their end and checkpointed (per-key order across resharding).
//!   Checkpoints live in a local file (single replica) or, with several replicas, in a
//!   DynamoDB lease table in the KCL's shape that also shares the shards among them
//!   ([`LeaseConfig`]).
//! - [`KinesisSink`]: `PutRecords` within the API limits, per-record partial failures and
//!   throttling retried with backoff; acknowledgements driven by success.
//!
//! Credentials come from the standard AWS chain (environment, profile, web identity for IRSA);
//! `endpoint` overrides the service address for local servers and must be `https://` unless
//! `security.allow_plaintext` is set.

mod connection;
mod lease;
mod sink;
mod source;

pub use connection::KinesisConnection;
pub use lease::LeaseConfig;
pub use sink::{KinesisSink, KinesisSinkConfig};
pub use source::{FanOutConfig, KinesisSource, KinesisSourceConfig};
