//! Kafka source and sink (`rdkafka`, vendored librdkafka).
//!
//! - [`KafkaSource`]: a consumer-group member with manual offsets. An offset is committed only
//!   after every record up to it was written, dropped or quarantined and the sinks confirmed.
//!   On a rebalance, in-flight work of revoked partitions is still finished but its offsets are
//!   not committed by this member (the new owner reprocesses it: at-least-once).
//! - [`KafkaSink`]: an idempotent producer; delivery reports drive the acknowledgements.
//! - [`KafkaTxnSink`]: exactly-once mode: clean records, quarantine records and the source
//!   offsets of one batch are written in one Kafka transaction (`send_offsets_to_transaction`),
//!   so a `read_committed` consumer sees each event once even across crashes.
//!
//! Connection settings ([`KafkaConnection`]) are shared by both sides: TLS files, SASL with
//! secrets from the environment or files (never logged, never printed by `Debug`), and a
//! librdkafka option passthrough for everything else.

mod client;
mod connection;
mod sink;
mod source;

pub use client::{create_topics, describe, is_rebalance_error, LogContext};
pub use connection::{KafkaConfigError, KafkaConnection, SaslConfig, TlsConfig};
pub use sink::{KafkaSink, KafkaSinkConfig, KafkaTxnSink};
pub use source::{KafkaSource, KafkaSourceConfig};
