//! The producer side: an idempotent producer whose delivery reports confirm each record, and
//! the exactly-once variant that writes a batch and its source offsets in one transaction.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use rdkafka::consumer::Consumer;
use rdkafka::error::KafkaError;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{BaseProducer, BaseRecord, DeliveryResult, Producer, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::ClientContext;
use serde::Deserialize;

use super::source::{offsets_after, to_tpl, SharedConsumer};
use super::{describe, KafkaConnection, LogContext};
use crate::pipeline::DestinationFilter;
use crate::sink::{OutRecord, Sink, SinkError};
use crate::source::Position;

/// `[sink] kind = "kafka"` (also for `[quarantine]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaSinkConfig {
    /// Connection.
    #[serde(flatten)]
    pub connection: KafkaConnection,
    /// Destination topic.
    pub topic: String,
    /// Create the topic at start-up if it is missing (examples, tests).
    #[serde(default)]
    pub create_topic: bool,
    /// Partitions for a created topic.
    #[serde(default = "default_partitions")]
    pub create_partitions: i32,
    /// Replication factor for a created topic (-1: the broker's default).
    #[serde(default = "default_replication")]
    pub create_replication: i32,
    /// How long a record may take to be delivered before it counts as failed (ms).
    #[serde(default = "default_delivery_timeout")]
    pub delivery_timeout_ms: u32,
    /// Key clean records by this field of the clean event (`data.accountSid`, …) instead of
    /// its `id`; only envelope attributes and SID fields (see [`crate::sink::KeyField`]). The
    /// processor reads it; the clean sink only (a quarantine sink with it is refused).
    #[serde(default)]
    pub key_field: Option<String>,
    /// Minimum-necessary filter.
    #[serde(default, flatten)]
    pub filter: DestinationFilter,
}

fn default_partitions() -> i32 {
    3
}
fn default_replication() -> i32 {
    -1
}
fn default_delivery_timeout() -> u32 {
    120_000
}

/// Delivery results of the batch in flight, by record index.
#[derive(Default)]
pub struct Deliveries {
    results: Mutex<Vec<Option<Result<(), RDKafkaErrorCode>>>>,
}

impl Deliveries {
    fn reset(&self, n: usize) {
        if let Ok(mut r) = self.results.lock() {
            r.clear();
            r.resize(n, None);
        }
    }

    /// (pending, failed indices with codes).
    fn state(&self) -> (usize, Vec<(usize, RDKafkaErrorCode)>) {
        let Ok(r) = self.results.lock() else {
            return (0, Vec::new());
        };
        let pending = r.iter().filter(|x| x.is_none()).count();
        let failed = r
            .iter()
            .enumerate()
            .filter_map(|(i, x)| match x {
                Some(Err(c)) => Some((i, *c)),
                _ => None,
            })
            .collect();
        (pending, failed)
    }
}

/// Producer context: delivery reports into [`Deliveries`].
pub struct SinkContext {
    log: LogContext,
    deliveries: Deliveries,
}

impl ClientContext for SinkContext {
    fn log(&self, level: rdkafka::config::RDKafkaLogLevel, fac: &str, msg: &str) {
        self.log.log(level, fac, msg);
    }
    fn error(&self, error: KafkaError, reason: &str) {
        self.log.error(error, reason);
    }
}

impl ProducerContext for SinkContext {
    type DeliveryOpaque = usize;

    fn delivery(&self, result: &DeliveryResult<'_>, index: usize) {
        if let Ok(mut r) = self.deliveries.results.lock() {
            if let Some(slot) = r.get_mut(index) {
                *slot = Some(match result {
                    Ok(_) => Ok(()),
                    Err((e, _)) => Err(e.rdkafka_error_code().unwrap_or(RDKafkaErrorCode::Fail)),
                });
            }
        }
    }
}

/// Codes after which retrying the same record cannot help.
fn permanent(code: RDKafkaErrorCode) -> bool {
    matches!(
        code,
        RDKafkaErrorCode::MessageSizeTooLarge
            | RDKafkaErrorCode::InvalidRecord
            | RDKafkaErrorCode::InvalidMessage
            | RDKafkaErrorCode::TopicAuthorizationFailed
            | RDKafkaErrorCode::InvalidMessageSize
    )
}

fn producer(
    conn: &KafkaConnection,
    prefix: &str,
    allow_plaintext: bool,
    delivery_timeout_ms: u32,
    transactional_id: Option<&str>,
) -> anyhow::Result<BaseProducer<SinkContext>> {
    let mut c = conn.client_config(prefix, allow_plaintext)?;
    c.set("enable.idempotence", "true")
        .set("acks", "all")
        .set("message.timeout.ms", delivery_timeout_ms.to_string())
        .set("linger.ms", "5");
    if let Some(id) = transactional_id {
        c.set("transactional.id", id)
            // librdkafka: message.timeout.ms <= transaction.timeout.ms
            .set(
                "transaction.timeout.ms",
                delivery_timeout_ms.max(60_000).to_string(),
            );
    }
    c.create_with_context(SinkContext {
        log: LogContext,
        deliveries: Deliveries::default(),
    })
    .map_err(|e| anyhow::anyhow!("{prefix}: cannot create producer: {}", describe(&e)))
}

/// Create the topic at start-up when the config asks for it.
fn ensure_topic(cfg: &KafkaSinkConfig, prefix: &str, allow_plaintext: bool) -> anyhow::Result<()> {
    if !cfg.create_topic {
        return Ok(());
    }
    super::create_topics(
        &cfg.connection,
        prefix,
        allow_plaintext,
        &[&cfg.topic],
        cfg.create_partitions,
        cfg.create_replication,
    )
}

fn headers_of(r: &OutRecord) -> Option<OwnedHeaders> {
    if r.headers.is_empty() {
        return None;
    }
    let mut h = OwnedHeaders::new_with_capacity(r.headers.len());
    for (k, v) in &r.headers {
        h = h.insert(Header {
            key: k,
            value: Some(v),
        });
    }
    Some(h)
}

/// Enqueue records (index `base + i`), serving delivery reports while the local queue is
/// full.
fn enqueue(
    p: &BaseProducer<SinkContext>,
    topic: &str,
    records: &[OutRecord],
    only: Option<&[usize]>,
    base: usize,
    sink: &str,
) -> Result<(), SinkError> {
    let all: Vec<usize>;
    let idx = match only {
        Some(i) => i,
        None => {
            all = (0..records.len()).collect();
            &all
        }
    };
    for &i in idx {
        let r = &records[i];
        let mut rec = BaseRecord::with_opaque_to(topic, base + i).payload(&r.payload[..]);
        if !r.key.is_empty() {
            rec = rec.key(&r.key[..]);
        }
        if let Some(h) = headers_of(r) {
            rec = rec.headers(h);
        }
        let mut rec = rec;
        loop {
            match p.send(rec) {
                Ok(()) => break,
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                    rec = back;
                    p.poll(Duration::from_millis(50));
                }
                Err((e, _)) => {
                    return Err(SinkError::Service {
                        sink: sink.into(),
                        message: format!("enqueue: {}", describe(&e)),
                        retryable: !matches!(
                            e.rdkafka_error_code(),
                            Some(c) if permanent(c)
                        ),
                    })
                }
            }
        }
    }
    Ok(())
}

/// Wait until every report of the batch arrived; returns failures.
fn await_reports(
    p: &BaseProducer<SinkContext>,
    timeout: Duration,
    sink: &str,
) -> Result<Vec<(usize, RDKafkaErrorCode)>, SinkError> {
    let deadline = Instant::now() + timeout;
    loop {
        let (pending, failed) = p.context().deliveries.state();
        if pending == 0 {
            return Ok(failed);
        }
        if Instant::now() > deadline {
            return Err(SinkError::Service {
                sink: sink.into(),
                message: format!("{pending} deliveries not confirmed in time"),
                retryable: true,
            });
        }
        p.poll(Duration::from_millis(20));
    }
}

/// Idempotent producer to one topic (at-least-once mode).
pub struct KafkaSink {
    producer: BaseProducer<SinkContext>,
    topic: String,
    name: String,
    timeout: Duration,
    retries: u32,
}

impl KafkaSink {
    /// Connect (and create the topic when asked).
    pub fn new(cfg: &KafkaSinkConfig, prefix: &str, allow_plaintext: bool) -> anyhow::Result<Self> {
        ensure_topic(cfg, prefix, allow_plaintext)?;
        Ok(KafkaSink {
            producer: producer(
                &cfg.connection,
                prefix,
                allow_plaintext,
                cfg.delivery_timeout_ms,
                None,
            )?,
            topic: cfg.topic.clone(),
            name: format!("kafka:{}", cfg.topic),
            timeout: Duration::from_millis(u64::from(cfg.delivery_timeout_ms) + 5_000),
            retries: 3,
        })
    }
}

impl Sink for KafkaSink {
    fn kind(&self) -> &'static str {
        "kafka"
    }

    fn write_batch(&mut self, batch: &[OutRecord]) -> Result<(), SinkError> {
        if batch.is_empty() {
            return Ok(());
        }
        let d = &self.producer.context().deliveries;
        d.reset(batch.len());
        enqueue(&self.producer, &self.topic, batch, None, 0, &self.name)?;
        let mut failed = await_reports(&self.producer, self.timeout, &self.name)?;
        let mut attempt = 0;
        while !failed.is_empty() {
            let rejected: Vec<usize> = failed
                .iter()
                .filter(|(_, c)| permanent(*c))
                .map(|(i, _)| *i)
                .collect();
            if !rejected.is_empty() {
                return Err(SinkError::Rejected {
                    sink: self.name.clone(),
                    indices: rejected,
                    message: format!("{:?}", failed[0].1),
                });
            }
            if attempt >= self.retries {
                return Err(SinkError::Service {
                    sink: self.name.clone(),
                    message: format!("{} records failed ({:?})", failed.len(), failed[0].1),
                    retryable: true,
                });
            }
            attempt += 1;
            tracing::warn!(
                sink = self.name.as_str(),
                failed = failed.len(),
                attempt,
                "Kafka deliveries failed; retrying those records"
            );
            std::thread::sleep(Duration::from_millis(100 << attempt));
            let idx: Vec<usize> = failed.iter().map(|(i, _)| *i).collect();
            d.reset(batch.len());
            // only the retried indices are awaited: mark the others delivered
            if let Ok(mut r) = d.results.lock() {
                for (i, slot) in r.iter_mut().enumerate() {
                    if !idx.contains(&i) {
                        *slot = Some(Ok(()));
                    }
                }
            }
            enqueue(
                &self.producer,
                &self.topic,
                batch,
                Some(&idx),
                0,
                &self.name,
            )?;
            failed = await_reports(&self.producer, self.timeout, &self.name)?;
        }
        Ok(())
    }
}

/// Exactly-once: the clean and quarantine records of a batch and the source offsets up to
/// it, in one transaction. Requires the sink and the source on the same cluster.
pub struct KafkaTxnSink {
    producer: BaseProducer<SinkContext>,
    consumer: SharedConsumer,
    clean_topic: String,
    quarantine_topic: String,
    timeout: Duration,
}

impl KafkaTxnSink {
    /// Connect, create topics when asked, and initialise transactions (fencing any previous
    /// instance with the same `transactional_id`).
    pub fn new(
        clean: &KafkaSinkConfig,
        quarantine: &KafkaSinkConfig,
        consumer: SharedConsumer,
        transactional_id: &str,
        allow_plaintext: bool,
    ) -> anyhow::Result<Self> {
        ensure_topic(clean, "sink", allow_plaintext)?;
        ensure_topic(quarantine, "quarantine", allow_plaintext)?;
        let producer = producer(
            &clean.connection,
            "sink",
            allow_plaintext,
            clean.delivery_timeout_ms,
            Some(transactional_id),
        )?;
        producer
            .init_transactions(Duration::from_secs(30))
            .map_err(|e| anyhow::anyhow!("sink: init transactions: {}", describe(&e)))?;
        Ok(KafkaTxnSink {
            producer,
            consumer,
            clean_topic: clean.topic.clone(),
            quarantine_topic: quarantine.topic.clone(),
            timeout: Duration::from_millis(u64::from(clean.delivery_timeout_ms) + 5_000),
        })
    }

    fn fail(&self, e: &KafkaError, stage: &str) -> SinkError {
        let (fatal, abort) = match e {
            KafkaError::Transaction(t) => (t.is_fatal(), t.txn_requires_abort()),
            _ => (false, true),
        };
        let _ = abort;
        if !fatal {
            if let Err(a) = self.producer.abort_transaction(self.timeout) {
                tracing::warn!(error = %describe(&a), "Kafka abort_transaction failed");
                return SinkError::Service {
                    sink: "kafka-txn".into(),
                    message: format!("{stage}: {}; abort failed: {}", describe(e), describe(&a)),
                    retryable: false,
                };
            }
        }
        SinkError::Service {
            sink: "kafka-txn".into(),
            message: format!("{stage}: {}", describe(e)),
            retryable: !fatal,
        }
    }
}

impl crate::sink::AtomicSink for KafkaTxnSink {
    fn kind(&self) -> &'static str {
        "kafka"
    }

    fn write_atomic(
        &mut self,
        clean: &[OutRecord],
        quarantine: &[OutRecord],
        done: &[Position],
    ) -> Result<(), SinkError> {
        let p = &self.producer;
        p.begin_transaction().map_err(|e| self.fail(&e, "begin"))?;
        p.context().deliveries.reset(clean.len() + quarantine.len());
        let sent = enqueue(p, &self.clean_topic, clean, None, 0, "kafka-txn").and_then(|()| {
            enqueue(
                p,
                &self.quarantine_topic,
                quarantine,
                None,
                clean.len(),
                "kafka-txn",
            )
        });
        if let Err(e) = sent.and_then(|()| await_reports(p, self.timeout, "kafka-txn")) {
            let _ = p.abort_transaction(self.timeout);
            return Err(e);
        }
        let (_, failed) = p.context().deliveries.state();
        if let Some((_, code)) = failed.first() {
            let _ = p.abort_transaction(self.timeout);
            return Err(SinkError::Service {
                sink: "kafka-txn".into(),
                message: format!(
                    "{} records failed ({code:?}); transaction aborted",
                    failed.len()
                ),
                retryable: true,
            });
        }
        let offsets = offsets_after(done);
        if !offsets.is_empty() {
            let meta = self
                .consumer
                .group_metadata()
                .ok_or_else(|| SinkError::Service {
                    sink: "kafka-txn".into(),
                    message: "no consumer group metadata".into(),
                    retryable: true,
                });
            let meta = match meta {
                Ok(m) => m,
                Err(e) => {
                    let _ = p.abort_transaction(self.timeout);
                    return Err(e);
                }
            };
            p.send_offsets_to_transaction(&to_tpl(&offsets), &meta, self.timeout)
                .map_err(|e| self.fail(&e, "send offsets"))?;
        }
        p.commit_transaction(self.timeout)
            .map_err(|e| self.fail(&e, "commit"))
    }
}
