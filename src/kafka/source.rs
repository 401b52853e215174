//! The consumer side: one consumer-group member, manual offsets, commits in source order.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::message::{Headers, Message};
use rdkafka::{ClientContext, Offset, TopicPartitionList};
use serde::Deserialize;

use super::{describe, is_rebalance_error, KafkaConnection, LogContext};
use crate::source::{BatchLimits, Poll, Position, Record, Source, SourceError};

/// `[source] kind = "kafka"`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaSourceConfig {
    /// Connection.
    #[serde(flatten)]
    pub connection: KafkaConnection,
    /// Topics to consume.
    pub topics: Vec<String>,
    /// Consumer group id; replicas with the same id share the partitions.
    pub group_id: String,
    /// Where a new group starts: `earliest` (default) or `latest`.
    #[serde(default = "default_start")]
    pub start: String,
    /// Pass the source key through the engine and use it as the clean key (default: the
    /// clean key is the event `id`).
    #[serde(default)]
    pub keep_source_key: bool,
    /// Source headers kept (by exact name); all others are dropped at read time.
    #[serde(default)]
    pub headers_allow: Vec<String>,
    /// Consumer session timeout (ms); also bounds how fast a dead replica's partitions move.
    #[serde(default = "default_session")]
    pub session_timeout_ms: u32,
    /// Backfills, tests and benchmarks: end the run once partitions were assigned and no
    /// record arrived for this long (ms). Default: run until stopped.
    #[serde(default)]
    pub exit_when_idle_ms: Option<u64>,
}

fn default_start() -> String {
    "earliest".into()
}

fn default_session() -> u32 {
    10_000
}

/// Partitions this member currently owns, kept by the rebalance callbacks.
#[derive(Default)]
pub struct Ownership {
    owned: Mutex<HashSet<(String, i32)>>,
}

/// Consumer context: logs through tracing, tracks the assignment.
pub struct SourceContext {
    log: LogContext,
    /// Current assignment.
    pub ownership: Arc<Ownership>,
}

impl ClientContext for SourceContext {
    fn log(&self, level: rdkafka::config::RDKafkaLogLevel, fac: &str, msg: &str) {
        self.log.log(level, fac, msg);
    }
    fn error(&self, error: rdkafka::error::KafkaError, reason: &str) {
        self.log.error(error, reason);
    }
}

impl ConsumerContext for SourceContext {
    fn post_rebalance(&self, _c: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let Ok(mut owned) = self.ownership.owned.lock() else {
            return;
        };
        match rebalance {
            Rebalance::Assign(tpl) => {
                for e in tpl.elements() {
                    owned.insert((e.topic().to_string(), e.partition()));
                }
                tracing::info!(
                    assigned = tpl.count(),
                    owned = owned.len(),
                    "Kafka partitions assigned"
                );
            }
            Rebalance::Revoke(tpl) => {
                for e in tpl.elements() {
                    owned.remove(&(e.topic().to_string(), e.partition()));
                }
                tracing::info!(
                    revoked = tpl.count(),
                    owned = owned.len(),
                    "Kafka partitions revoked; their in-flight work will not be committed here"
                );
            }
            Rebalance::Error(e) => {
                tracing::warn!(error = %describe(e), "Kafka rebalance error");
            }
        }
    }
}

/// The consumer type shared with the exactly-once sink.
pub type SharedConsumer = Arc<BaseConsumer<SourceContext>>;

/// A Kafka consumer-group member.
pub struct KafkaSource {
    consumer: SharedConsumer,
    ownership: Arc<Ownership>,
    keep_key: bool,
    headers_allow: Vec<String>,
    /// Offsets are committed by the exactly-once sink's transactions instead.
    transactional: bool,
    topics: HashMap<String, Arc<str>>,
    lag: Option<i64>,
    lag_at: Instant,
    exit_when_idle: Option<Duration>,
    last_record: Option<Instant>,
}

impl KafkaSource {
    /// Connect and subscribe. `transactional`: offsets are committed inside the sink's
    /// transactions, not by this source.
    pub fn new(
        cfg: &KafkaSourceConfig,
        allow_plaintext: bool,
        transactional: bool,
    ) -> anyhow::Result<KafkaSource> {
        let mut c = cfg.connection.client_config("source", allow_plaintext)?;
        if cfg.topics.is_empty() {
            anyhow::bail!("source.topics: at least one topic is required");
        }
        if !matches!(cfg.start.as_str(), "earliest" | "latest") {
            anyhow::bail!("source.start: must be `earliest` or `latest`");
        }
        c.set("group.id", &cfg.group_id)
            .set("enable.auto.commit", "false")
            .set("enable.auto.offset.store", "false")
            .set("auto.offset.reset", &cfg.start)
            // never read an upstream transaction that was aborted
            .set("isolation.level", "read_committed")
            .set("session.timeout.ms", cfg.session_timeout_ms.to_string())
            .set(
                "heartbeat.interval.ms",
                (cfg.session_timeout_ms / 10).max(100).to_string(),
            )
            .set("enable.partition.eof", "false");
        let ownership = Arc::new(Ownership::default());
        let consumer: BaseConsumer<SourceContext> = c
            .create_with_context(SourceContext {
                log: LogContext,
                ownership: ownership.clone(),
            })
            .map_err(|e| anyhow::anyhow!("source: cannot create consumer: {}", describe(&e)))?;
        let topics: Vec<&str> = cfg.topics.iter().map(String::as_str).collect();
        consumer
            .subscribe(&topics)
            .map_err(|e| anyhow::anyhow!("source: cannot subscribe: {}", describe(&e)))?;
        Ok(KafkaSource {
            consumer: Arc::new(consumer),
            ownership,
            keep_key: cfg.keep_source_key,
            headers_allow: cfg.headers_allow.clone(),
            transactional,
            topics: HashMap::new(),
            lag: None,
            lag_at: Instant::now(),
            exit_when_idle: cfg.exit_when_idle_ms.map(Duration::from_millis),
            last_record: None,
        })
    }

    /// The consumer, for the exactly-once sink (group metadata).
    pub fn consumer(&self) -> SharedConsumer {
        self.consumer.clone()
    }

    fn refresh_lag(&mut self) {
        if self.lag_at.elapsed() < Duration::from_secs(5) {
            return;
        }
        self.lag_at = Instant::now();
        let Ok(pos) = self.consumer.position() else {
            return;
        };
        let mut lag = 0i64;
        for e in pos.elements() {
            let Ok((_, high)) = self.consumer.fetch_watermarks(
                e.topic(),
                e.partition(),
                Duration::from_millis(500),
            ) else {
                return;
            };
            let at = match e.offset() {
                Offset::Offset(o) => o,
                // nothing consumed yet in this partition: all of it is lag (approximately)
                _ => 0,
            };
            lag += (high - at).max(0);
        }
        self.lag = Some(lag);
    }
}

/// The offsets to commit for these positions: per partition, the highest offset + 1.
pub fn offsets_after(done: &[Position]) -> BTreeMap<(Arc<str>, i32), i64> {
    let mut next: BTreeMap<(Arc<str>, i32), i64> = BTreeMap::new();
    for p in done {
        if let Position::Kafka {
            topic,
            partition,
            offset,
        } = p
        {
            let e = next.entry((topic.clone(), *partition)).or_insert(0);
            *e = (*e).max(offset + 1);
        }
    }
    next
}

/// A partition list with these offsets.
pub fn to_tpl(offsets: &BTreeMap<(Arc<str>, i32), i64>) -> TopicPartitionList {
    let mut tpl = TopicPartitionList::new();
    for ((t, p), o) in offsets {
        // cannot fail for a non-negative offset
        let _ = tpl.add_partition_offset(t, *p, Offset::Offset(*o));
    }
    tpl
}

impl Source for KafkaSource {
    fn kind(&self) -> &'static str {
        "kafka"
    }

    fn poll(&mut self, limits: &BatchLimits) -> Result<Poll, SourceError> {
        let mut out = Vec::new();
        let mut bytes = 0usize;
        let start = Instant::now();
        let mut first: Option<Instant> = None;
        while out.len() < limits.max_records && bytes < limits.max_bytes {
            let wait = match first {
                Some(f) => match limits.linger.checked_sub(f.elapsed()) {
                    Some(w) => w,
                    None => break,
                },
                None => {
                    if start.elapsed() > Duration::from_millis(200) {
                        break;
                    }
                    Duration::from_millis(100)
                }
            };
            match self.consumer.poll(wait) {
                None => {
                    if first.is_none() {
                        break;
                    }
                }
                Some(Ok(m)) => {
                    first.get_or_insert_with(Instant::now);
                    let topic = match self.topics.get(m.topic()) {
                        Some(t) => t.clone(),
                        None => {
                            let t: Arc<str> = m.topic().into();
                            self.topics.insert(m.topic().to_string(), t.clone());
                            t
                        }
                    };
                    let payload = m.payload().unwrap_or_default().to_vec();
                    bytes += payload.len();
                    let mut headers = Vec::new();
                    if !self.headers_allow.is_empty() {
                        if let Some(h) = m.headers() {
                            for h in h.iter() {
                                if self.headers_allow.iter().any(|a| a == h.key) {
                                    headers.push((
                                        h.key.to_string(),
                                        h.value.unwrap_or_default().to_vec(),
                                    ));
                                }
                            }
                        }
                    }
                    out.push(Record {
                        payload,
                        key: if self.keep_key {
                            m.key().map(<[u8]>::to_vec)
                        } else {
                            None
                        },
                        headers,
                        position: Position::Kafka {
                            topic,
                            partition: m.partition(),
                            offset: m.offset(),
                        },
                        read_at: Instant::now(),
                    });
                }
                Some(Err(e)) => {
                    if matches!(e, rdkafka::error::KafkaError::MessageConsumptionFatal(_)) {
                        return Err(SourceError::Service {
                            message: format!("kafka consumer: {}", describe(&e)),
                            retryable: true,
                        });
                    }
                    tracing::warn!(error = %describe(&e), "Kafka consumer error (transient)");
                    break;
                }
            }
        }
        self.refresh_lag();
        if out.is_empty() {
            if let Some(idle) = self.exit_when_idle {
                let owned = self.ownership.owned.lock().map_or(0, |o| o.len());
                if owned > 0 {
                    let since = *self.last_record.get_or_insert_with(Instant::now);
                    if since.elapsed() >= idle {
                        tracing::info!("Kafka source idle; ending the run (exit_when_idle_ms)");
                        return Ok(Poll::End);
                    }
                }
            }
            Ok(Poll::Idle)
        } else {
            self.last_record = Some(Instant::now());
            Ok(Poll::Records(out))
        }
    }

    fn commit(&mut self, done: &[Position]) -> Result<(), SourceError> {
        if self.transactional {
            // committed inside the sink's transaction
            return Ok(());
        }
        let mut next = offsets_after(done);
        if let Ok(owned) = self.ownership.owned.lock() {
            next.retain(|(t, p), _| owned.contains(&(t.to_string(), *p)));
        }
        if next.is_empty() {
            return Ok(());
        }
        match self.consumer.commit(&to_tpl(&next), CommitMode::Sync) {
            Ok(()) => Ok(()),
            Err(e) if is_rebalance_error(&e) => {
                // the partitions moved on; the new owner reprocesses from its last commit
                tracing::warn!(error = %describe(&e), "Kafka commit skipped: group rebalanced");
                Ok(())
            }
            Err(e) => Err(SourceError::Service {
                message: format!("kafka commit: {}", describe(&e)),
                retryable: true,
            }),
        }
    }

    fn lag(&self) -> Option<i64> {
        self.lag
    }
}
