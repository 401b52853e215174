//! What sources and sinks share around librdkafka: its log routed to `tracing`, errors
//! described without values, and topic creation for examples and tests.

use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::{ClientContext, DefaultClientContext};
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::error::KafkaError;
use rdkafka::types::RDKafkaErrorCode;

use super::KafkaConnection;

/// Routes librdkafka's own log and error callbacks to `tracing` (they carry broker
/// addresses and codes, never record content).
#[derive(Clone, Default)]
pub struct LogContext;

impl ClientContext for LogContext {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, msg: &str) {
        match level {
            RDKafkaLogLevel::Emerg
            | RDKafkaLogLevel::Alert
            | RDKafkaLogLevel::Critical
            | RDKafkaLogLevel::Error
            | RDKafkaLogLevel::Warning => tracing::warn!(facility = fac, "librdkafka: {msg}"),
            _ => tracing::debug!(facility = fac, "librdkafka: {msg}"),
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        tracing::warn!(code = ?error.rdkafka_error_code(), "librdkafka error: {reason}");
    }
}

/// A librdkafka error as text without values: the variant and code only.
pub fn describe(e: &KafkaError) -> String {
    match e {
        // carries the offending property's value, which may be a secret
        KafkaError::ClientConfig(code, _, key, _) => format!("invalid property {key} ({code:?})"),
        other => other.to_string(),
    }
}

/// Does this error mean our group membership moved on (rebalance), not a failure?
pub fn is_rebalance_error(e: &KafkaError) -> bool {
    matches!(
        e.rdkafka_error_code(),
        Some(
            RDKafkaErrorCode::IllegalGeneration
                | RDKafkaErrorCode::UnknownMemberId
                | RDKafkaErrorCode::RebalanceInProgress
                | RDKafkaErrorCode::FencedInstanceId
                | RDKafkaErrorCode::StaleMemberEpoch
        )
    )
}

/// Create topics that do not exist yet (examples and tests; production topics are usually
/// managed elsewhere). Existing topics are left alone.
pub fn create_topics(
    conn: &KafkaConnection,
    prefix: &str,
    allow_plaintext: bool,
    topics: &[&str],
    partitions: i32,
    replication: i32,
) -> anyhow::Result<()> {
    let cfg = conn.client_config(prefix, allow_plaintext)?;
    let admin: AdminClient<DefaultClientContext> = cfg
        .create()
        .map_err(|e| anyhow::anyhow!("{prefix}: cannot create admin client: {}", describe(&e)))?;
    let new: Vec<NewTopic<'_>> = topics
        .iter()
        .map(|t| NewTopic::new(t, partitions, TopicReplication::Fixed(replication)))
        .collect();
    let opts = AdminOptions::new().request_timeout(Some(Duration::from_secs(30)));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    let results = rt
        .block_on(admin.create_topics(new.iter(), &opts))
        .map_err(|e| anyhow::anyhow!("{prefix}: create topics: {}", describe(&e)))?;
    for r in results {
        match r {
            Ok(t) => tracing::info!(topic = t.as_str(), "Created topic"),
            Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((t, code)) => anyhow::bail!("{prefix}: cannot create topic {t}: {code:?}"),
        }
    }
    Ok(())
}
