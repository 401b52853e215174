//! The writing side: `PutRecords` in batches within the API limits, retrying exactly the
//! records that failed.

use std::time::Duration;

use aws_sdk_kinesis::primitives::Blob;
use aws_sdk_kinesis::types::PutRecordsRequestEntry;
use serde::Deserialize;

use super::connection::{describe, KinesisConnection};
use crate::pipeline::DestinationFilter;
use crate::sink::{OutRecord, Sink, SinkError};

/// PutRecords limits.
const MAX_RECORDS: usize = 500;
const MAX_REQUEST_BYTES: usize = 5 << 20;
const MAX_RECORD_BYTES: usize = 1 << 20;

/// `[sink] kind = "kinesis"` (also for `[quarantine]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KinesisSinkConfig {
    /// Connection.
    #[serde(flatten)]
    pub connection: KinesisConnection,
    /// Attempts for records that keep failing (throttling, internal errors) before the
    /// batch fails.
    #[serde(default = "default_attempts")]
    pub max_attempts: u32,
    /// Partition key from this field of the clean event (`data.accountSid`, …) instead of its
    /// `id`; only envelope attributes and SID fields (see [`crate::sink::KeyField`]). The
    /// processor reads it; the clean sink only (a quarantine sink with it is refused).
    #[serde(default)]
    pub key_field: Option<String>,
    /// Minimum-necessary filter.
    #[serde(default, flatten)]
    pub filter: DestinationFilter,
}

fn default_attempts() -> u32 {
    10
}

/// PutRecords to one stream.
pub struct KinesisSink {
    rt: tokio::runtime::Runtime,
    client: aws_sdk_kinesis::Client,
    stream: String,
    name: String,
    attempts: u32,
}

impl KinesisSink {
    /// Connect (and create the stream when asked).
    pub fn new(
        cfg: &KinesisSinkConfig,
        prefix: &str,
        allow_plaintext: bool,
    ) -> anyhow::Result<Self> {
        let rt = super::connection::runtime()?;
        let client = super::connection::client(&rt, &cfg.connection, prefix, allow_plaintext)?;
        Ok(KinesisSink {
            rt,
            client,
            stream: cfg.connection.stream.clone(),
            name: format!("kinesis:{}", cfg.connection.stream),
            attempts: cfg.max_attempts.max(1),
        })
    }

    /// Put these records (indices into `batch`), retrying the failed ones.
    fn put(&self, batch: &[OutRecord], idx: &[usize]) -> Result<(), SinkError> {
        let mut pending: Vec<usize> = idx.to_vec();
        let mut attempt = 0u32;
        while !pending.is_empty() {
            attempt += 1;
            let entries: Vec<PutRecordsRequestEntry> = pending
                .iter()
                .map(|&i| {
                    let r = &batch[i];
                    let key = if r.key.is_empty() {
                        // quarantine records have no key: spread them
                        format!("q{i}")
                    } else {
                        String::from_utf8_lossy(&r.key).into_owned()
                    };
                    PutRecordsRequestEntry::builder()
                        .data(Blob::new(r.payload.clone()))
                        .partition_key(key.chars().take(256).collect::<String>())
                        .build()
                })
                .collect::<Result<_, _>>()
                .map_err(|_| SinkError::Service {
                    sink: self.name.clone(),
                    message: "cannot build PutRecords entries".into(),
                    retryable: false,
                })?;
            let res = self.rt.block_on(
                self.client
                    .put_records()
                    .stream_name(&self.stream)
                    .set_records(Some(entries))
                    .send(),
            );
            let backoff = Duration::from_millis((50u64 << attempt.min(7)).min(5_000));
            match res {
                Ok(o) => {
                    if o.failed_record_count().unwrap_or(0) == 0 {
                        return Ok(());
                    }
                    let mut again = Vec::new();
                    let mut throttled = 0;
                    for (k, e) in o.records().iter().enumerate() {
                        if e.error_code().is_some() {
                            if e.error_code() == Some("ProvisionedThroughputExceededException") {
                                throttled += 1;
                            }
                            if let Some(&i) = pending.get(k) {
                                again.push(i);
                            }
                        }
                    }
                    tracing::warn!(
                        sink = self.name.as_str(),
                        failed = again.len(),
                        throttled,
                        attempt,
                        "PutRecords partial failure; retrying the failed records"
                    );
                    pending = again;
                }
                Err(e) => {
                    tracing::warn!(sink = self.name.as_str(), attempt, error = %describe(&e), "PutRecords failed; retrying");
                }
            }
            if attempt >= self.attempts {
                return Err(SinkError::Service {
                    sink: self.name.clone(),
                    message: format!(
                        "{} records not accepted after {attempt} attempts",
                        pending.len()
                    ),
                    retryable: true,
                });
            }
            std::thread::sleep(backoff);
        }
        Ok(())
    }
}

impl Sink for KinesisSink {
    fn kind(&self) -> &'static str {
        "kinesis"
    }

    fn write_batch(&mut self, batch: &[OutRecord]) -> Result<(), SinkError> {
        // records over the per-record limit can never be written
        let too_big: Vec<usize> = batch
            .iter()
            .enumerate()
            .filter(|(_, r)| r.payload.len() + r.key.len() > MAX_RECORD_BYTES)
            .map(|(i, _)| i)
            .collect();
        let mut chunk = Vec::new();
        let mut bytes = 0;
        for (i, r) in batch.iter().enumerate() {
            if too_big.contains(&i) {
                continue;
            }
            let size = r.payload.len() + r.key.len().max(4);
            if chunk.len() == MAX_RECORDS || bytes + size > MAX_REQUEST_BYTES {
                self.put(batch, &chunk)?;
                chunk.clear();
                bytes = 0;
            }
            chunk.push(i);
            bytes += size;
        }
        if !chunk.is_empty() {
            self.put(batch, &chunk)?;
        }
        if !too_big.is_empty() {
            return Err(SinkError::Rejected {
                sink: self.name.clone(),
                indices: too_big,
                message: "record larger than 1 MiB".into(),
            });
        }
        Ok(())
    }
}
