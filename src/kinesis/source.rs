//! The reading side: every shard, checkpoints after confirmation, parents before children.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_sdk_kinesis::types::ShardIteratorType;
use serde::{Deserialize, Serialize};

use super::connection::{code, describe, KinesisConnection};
use super::lease::{Lease, LeaseConfig, Leases, SHARD_END};
use crate::source::{BatchLimits, Poll, Position, Record, Source, SourceError};

/// Where a shard without a checkpoint starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// The oldest record kept.
    #[default]
    TrimHorizon,
    /// Only new records.
    Latest,
    /// From `start_timestamp`.
    AtTimestamp,
}

/// `[source] kind = "kinesis"`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KinesisSourceConfig {
    /// Connection.
    #[serde(flatten)]
    pub connection: KinesisConnection,
    /// Start position of shards without a checkpoint (child shards always start at their
    /// beginning).
    #[serde(default)]
    pub start: Start,
    /// RFC 3339 time for `start = "at_timestamp"`.
    pub start_timestamp: Option<String>,
    /// Local checkpoint file (single replica). Exactly one of `checkpoint_file` and `leases`.
    pub checkpoint_file: Option<PathBuf>,
    /// Share shards among replicas through a DynamoDB lease table (KCL shape).
    pub leases: Option<LeaseConfig>,
    /// Enhanced fan-out: records pushed over `SubscribeToShard` to this registered stream
    /// consumer (created if missing) instead of polled with `GetRecords`.
    pub enhanced_fan_out: Option<FanOutConfig>,
    /// `GetRecords` limit per call (≤ 10000).
    #[serde(default = "default_max_records")]
    pub max_records_per_call: i32,
    /// Wait before polling a shard again after an empty response (ms).
    #[serde(default = "default_poll")]
    pub poll_interval_ms: u64,
    /// How often the shard list is refreshed (ms).
    #[serde(default = "default_refresh")]
    pub shard_refresh_ms: u64,
    /// Pass the partition key through the engine and use it as the clean key (default: the
    /// event `id`).
    #[serde(default)]
    pub keep_source_key: bool,
    /// Backfills, tests and benchmarks: end the run when no shard returned a record for this
    /// long (ms) and all read records were checkpointed.
    #[serde(default)]
    pub exit_when_idle_ms: Option<u64>,
}

/// `[source.enhanced_fan_out]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FanOutConfig {
    /// Stream consumer name (one per application; replicas share it).
    pub consumer_name: String,
}

impl Checkpoints {
    fn empty(stream: &str) -> Checkpoints {
        Checkpoints {
            stream: stream.to_string(),
            shards: BTreeMap::new(),
        }
    }
}

/// Read the checkpoint file of `stream` (a missing file is an empty one). Errors name the
/// file and position, never its content.
fn load_checkpoints(path: &std::path::Path, stream: &str) -> anyhow::Result<Checkpoints> {
    match std::fs::read(path) {
        Ok(b) => {
            let s: Checkpoints = serde_json::from_slice(&b).map_err(|e| {
                anyhow::anyhow!(
                    "source.checkpoint_file {}: line {} column {}: not a checkpoint file",
                    path.display(),
                    e.line(),
                    e.column()
                )
            })?;
            if s.stream != stream {
                anyhow::bail!(
                    "source.checkpoint_file {}: belongs to another stream",
                    path.display()
                );
            }
            Ok(s)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Checkpoints::empty(stream)),
        Err(e) => anyhow::bail!("source.checkpoint_file {}: {}", path.display(), e.kind()),
    }
}

/// Enhanced fan-out state: the consumer and one subscription per shard being read.
struct FanOut {
    consumer_arn: String,
    subs:
        BTreeMap<Arc<str>, aws_sdk_kinesis::operation::subscribe_to_shard::SubscribeToShardOutput>,
}

/// Register (or find) the stream consumer and wait until it is active.
fn register_consumer(
    rt: &tokio::runtime::Runtime,
    client: &aws_sdk_kinesis::Client,
    stream: &str,
    name: &str,
) -> anyhow::Result<String> {
    use aws_sdk_kinesis::types::ConsumerStatus;
    rt.block_on(async {
        let d = client
            .describe_stream_summary()
            .stream_name(stream)
            .send()
            .await
            .map_err(|e| anyhow::anyhow!("source: describe stream {stream}: {}", describe(&e)))?;
        let arn = d
            .stream_description_summary()
            .map(|s| s.stream_arn().to_string())
            .unwrap_or_default();
        match client
            .register_stream_consumer()
            .stream_arn(&arn)
            .consumer_name(name)
            .send()
            .await
        {
            Ok(_) => tracing::info!(consumer = name, "Registered Kinesis stream consumer"),
            Err(e) if code(&e).as_deref() == Some("ResourceInUseException") => {}
            Err(e) => anyhow::bail!(
                "source.enhanced_fan_out: register consumer {name}: {}",
                describe(&e)
            ),
        }
        for _ in 0..300 {
            if let Ok(c) = client
                .describe_stream_consumer()
                .stream_arn(&arn)
                .consumer_name(name)
                .send()
                .await
            {
                if let Some(c) = c.consumer_description() {
                    if *c.consumer_status() == ConsumerStatus::Active {
                        return Ok(c.consumer_arn().to_string());
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("source.enhanced_fan_out: consumer {name} did not become active")
    })
}

fn default_max_records() -> i32 {
    1000
}
fn default_poll() -> u64 {
    500
}
fn default_refresh() -> u64 {
    10_000
}

/// The checkpoint file.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Checkpoints {
    stream: String,
    shards: BTreeMap<String, ShardCheckpoint>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct ShardCheckpoint {
    /// Last sequence number confirmed.
    sequence: Option<String>,
    /// Read to its end and everything confirmed (`SHARD_END`).
    ended: bool,
}

struct Shard {
    id: Arc<str>,
    parents: Vec<String>,
    iterator: Option<String>,
    /// Read from the beginning (a child shard, or a shard new since the last refresh).
    from_start: bool,
    read_to_end: bool,
    last_read: Option<String>,
    next_call: Instant,
    /// Start position from the shard's lease (`TRIM_HORIZON`/`LATEST`/`AT_TIMESTAMP`).
    initial: Option<Start>,
    /// Closed by a reshard (has an ending sequence number): drained with `GetRecords` even
    /// with enhanced fan-out, so its end is seen.
    closed: bool,
}

/// Reads every shard of one stream.
pub struct KinesisSource {
    rt: tokio::runtime::Runtime,
    client: aws_sdk_kinesis::Client,
    cfg: KinesisSourceConfig,
    shards: Vec<Shard>,
    state: Checkpoints,
    refreshed: Option<Instant>,
    next: usize,
    last_record: Instant,
    millis_behind: BTreeMap<Arc<str>, i64>,
    start_ts: Option<aws_smithy_types::DateTime>,
    first_listing: bool,
    leases: Option<Leases>,
    efo: Option<FanOut>,
    /// Shards whose checkpoint changed since the last write (file or lease table).
    dirty_shards: BTreeSet<String>,
}

impl KinesisSource {
    /// Connect and load the checkpoint file.
    pub fn new(cfg: &KinesisSourceConfig, allow_plaintext: bool) -> anyhow::Result<Self> {
        let rt = super::connection::runtime()?;
        let client = super::connection::client(&rt, &cfg.connection, "source", allow_plaintext)?;
        let start_ts = match (&cfg.start, &cfg.start_timestamp) {
            (Start::AtTimestamp, Some(t)) => Some(
                aws_smithy_types::DateTime::from_str(
                    t,
                    aws_smithy_types::date_time::Format::DateTime,
                )
                .map_err(|_| anyhow::anyhow!("source.start_timestamp: not an RFC 3339 time"))?,
            ),
            (Start::AtTimestamp, None) => {
                anyhow::bail!("source.start_timestamp is required for start = \"at_timestamp\"")
            }
            _ => None,
        };
        let leases = match (&cfg.checkpoint_file, &cfg.leases) {
            (Some(_), None) => None,
            (None, Some(l)) => Some(Leases::new(&rt, l, &cfg.connection, allow_plaintext)?),
            _ => anyhow::bail!(
                "source: set exactly one of checkpoint_file (one replica) and [source.leases] (several)"
            ),
        };
        let efo = match &cfg.enhanced_fan_out {
            Some(f) => Some(FanOut {
                consumer_arn: register_consumer(
                    &rt,
                    &client,
                    &cfg.connection.stream,
                    &f.consumer_name,
                )?,
                subs: BTreeMap::new(),
            }),
            None => None,
        };
        let state = match &cfg.checkpoint_file {
            Some(path) => load_checkpoints(path, &cfg.connection.stream)?,
            None => Checkpoints::empty(&cfg.connection.stream),
        };
        Ok(KinesisSource {
            rt,
            client,
            cfg: cfg.clone(),
            shards: Vec::new(),
            state,
            refreshed: None,
            next: 0,
            last_record: Instant::now(),
            millis_behind: BTreeMap::new(),
            start_ts,
            first_listing: true,
            leases,
            efo,
            dirty_shards: BTreeSet::new(),
        })
    }

    fn err(message: String) -> SourceError {
        SourceError::Service {
            message,
            retryable: true,
        }
    }

    fn refresh(&mut self) -> Result<(), SourceError> {
        let mut listed = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let req = match &token {
                Some(t) => self.client.list_shards().next_token(t),
                None => self
                    .client
                    .list_shards()
                    .stream_name(&self.cfg.connection.stream),
            };
            let out = self
                .rt
                .block_on(req.send())
                .map_err(|e| Self::err(format!("kinesis ListShards: {}", describe(&e))))?;
            listed.extend(out.shards().iter().cloned());
            token = out.next_token().map(String::from);
            if token.is_none() {
                break;
            }
        }
        for s in listed {
            let closed = s
                .sequence_number_range()
                .is_some_and(|r| r.ending_sequence_number().is_some());
            if let Some(x) = self.shards.iter_mut().find(|x| &*x.id == s.shard_id()) {
                if closed && !x.closed {
                    x.closed = true;
                    if let Some(efo) = self.efo.as_mut() {
                        // drain the rest by polling from what was read
                        efo.subs.remove(&x.id);
                        x.iterator = None;
                    }
                }
                continue;
            }
            let parents: Vec<String> = [s.parent_shard_id(), s.adjacent_parent_shard_id()]
                .into_iter()
                .flatten()
                .map(String::from)
                .collect();
            self.shards.push(Shard {
                id: s.shard_id().into(),
                // shards that appear after the first listing are children of a reshard
                from_start: !self.first_listing || !parents.is_empty(),
                parents,
                iterator: None,
                read_to_end: false,
                last_read: None,
                next_call: Instant::now(),
                initial: None,
                closed,
            });
        }
        self.first_listing = false;
        self.refreshed = Some(Instant::now());
        Ok(())
    }

    fn ended(&self, id: &str) -> bool {
        self.state.shards.get(id).is_some_and(|c| c.ended)
    }

    /// A shard may be read once all parents still listed were read to their end and
    /// checkpointed (parents past retention are gone from the listing).
    fn readable(&self, i: usize) -> bool {
        let s = &self.shards[i];
        !self.ended(&s.id)
            && self.leases.as_ref().is_none_or(|l| l.holds(&s.id))
            && !s.read_to_end
            && s.parents
                .iter()
                .all(|p| self.ended(p) || !self.shards.iter().any(|x| &*x.id == p.as_str()))
    }

    /// Where reading shard `i` (re)starts: after what was read or checkpointed, else the
    /// shard's start position.
    fn start_of(
        &self,
        i: usize,
    ) -> (
        ShardIteratorType,
        Option<String>,
        Option<aws_smithy_types::DateTime>,
    ) {
        let s = &self.shards[i];
        let after = s.last_read.clone().or_else(|| {
            self.state
                .shards
                .get(&*s.id)
                .and_then(|c| c.sequence.clone())
        });
        let (from_start, start) = match s.initial {
            Some(st) => (false, st),
            None => (s.from_start, self.cfg.start),
        };
        match (after, from_start, start) {
            (Some(seq), _, _) => (ShardIteratorType::AfterSequenceNumber, Some(seq), None),
            (None, true, _) | (None, false, Start::TrimHorizon) => {
                (ShardIteratorType::TrimHorizon, None, None)
            }
            (None, false, Start::Latest) => (ShardIteratorType::Latest, None, None),
            (None, false, Start::AtTimestamp) => {
                (ShardIteratorType::AtTimestamp, None, self.start_ts)
            }
        }
    }

    fn iterator(&mut self, i: usize) -> Result<Option<String>, SourceError> {
        let (kind, seq, ts) = self.start_of(i);
        let s = &self.shards[i];
        let req = self
            .client
            .get_shard_iterator()
            .stream_name(&self.cfg.connection.stream)
            .shard_id(&*s.id)
            .shard_iterator_type(kind)
            .set_starting_sequence_number(seq)
            .set_timestamp(ts);
        match self.rt.block_on(req.send()) {
            Ok(o) => Ok(o.shard_iterator().map(String::from)),
            Err(e) if code(&e).as_deref() == Some("ResourceNotFoundException") => Ok(None),
            Err(e) => Err(Self::err(format!(
                "kinesis GetShardIterator {}: {}",
                s.id,
                describe(&e)
            ))),
        }
    }

    fn record(&self, shard: &Arc<str>, r: &aws_sdk_kinesis::types::Record) -> Record {
        Record {
            payload: r.data().as_ref().to_vec(),
            key: if self.cfg.keep_source_key {
                r.partition_key().map(|k| k.as_bytes().to_vec())
            } else {
                None
            },
            headers: Vec::new(),
            position: Position::Kinesis {
                shard: shard.clone(),
                sequence: r.sequence_number().into(),
            },
            read_at: Instant::now(),
        }
    }

    /// Enhanced fan-out: read what shard `i`'s subscription pushed, (re)subscribing first
    /// when there is none (a subscription lasts five minutes).
    fn read_pushed(
        &mut self,
        i: usize,
        out: &mut Vec<Record>,
        bytes: &mut usize,
    ) -> Result<(), SourceError> {
        use aws_sdk_kinesis::types::{StartingPosition, SubscribeToShardEventStream};
        let id = self.shards[i].id.clone();
        let Some(efo) = self.efo.as_mut() else {
            return Ok(());
        };
        if !efo.subs.contains_key(&id) {
            let arn = efo.consumer_arn.clone();
            let (kind, seq, ts) = self.start_of(i);
            let pos = StartingPosition::builder()
                .r#type(kind)
                .set_sequence_number(seq)
                .set_timestamp(ts)
                .build()
                .map_err(|_| Self::err("kinesis SubscribeToShard: bad starting position".into()))?;
            let req = self
                .client
                .subscribe_to_shard()
                .consumer_arn(arn)
                .shard_id(&*id)
                .starting_position(pos);
            match self.rt.block_on(req.send()) {
                Ok(o) => {
                    tracing::info!(shard = &*id, "Kinesis subscription opened");
                    if let Some(efo) = self.efo.as_mut() {
                        efo.subs.insert(id.clone(), o);
                    }
                }
                Err(e) => match code(&e).as_deref() {
                    Some("ResourceNotFoundException") => {
                        self.shards[i].read_to_end = true;
                        self.maybe_end(i);
                        return Ok(());
                    }
                    // the previous subscription of this consumer is still open, or limits
                    Some("ResourceInUseException") | Some("LimitExceededException") => {
                        self.shards[i].next_call = Instant::now() + Duration::from_secs(1);
                        return Ok(());
                    }
                    _ => {
                        return Err(Self::err(format!(
                            "kinesis SubscribeToShard {id}: {}",
                            describe(&e)
                        )))
                    }
                },
            }
        }
        let Some(rx) = self.efo.as_mut().and_then(|e| e.subs.get_mut(&id)) else {
            return Ok(());
        };
        let got = self.rt.block_on(async {
            tokio::time::timeout(Duration::from_millis(20), rx.event_stream.recv()).await
        });
        match got {
            // nothing pushed yet
            Err(_) => Ok(()),
            Ok(Ok(Some(SubscribeToShardEventStream::SubscribeToShardEvent(ev)))) => {
                for r in ev.records() {
                    let rec = self.record(&id, r);
                    *bytes += rec.payload.len();
                    self.shards[i].last_read = Some(r.sequence_number().to_string());
                    out.push(rec);
                }
                self.millis_behind
                    .insert(id.clone(), ev.millis_behind_latest());
                if !ev.child_shards().is_empty() || ev.continuation_sequence_number().is_empty() {
                    // SHARD_END: the children are read once this shard is checkpointed
                    if let Some(efo) = self.efo.as_mut() {
                        efo.subs.remove(&id);
                    }
                    self.shards[i].read_to_end = true;
                    self.maybe_end(i);
                }
                Ok(())
            }
            Ok(Ok(Some(_))) => Ok(()),
            // the subscription ended (after five minutes) or failed: subscribe again from
            // what was read
            Ok(Ok(None)) | Ok(Err(_)) => {
                if let Some(efo) = self.efo.as_mut() {
                    efo.subs.remove(&id);
                }
                Ok(())
            }
        }
    }

    /// Everything read from this shard so far was confirmed (checkpointed).
    fn confirmed(&self, s: &Shard) -> bool {
        let cp = self
            .state
            .shards
            .get(&*s.id)
            .and_then(|c| c.sequence.as_deref());
        match (&s.last_read, cp) {
            (None, _) => true,
            (Some(r), Some(c)) => seq_cmp(c, r) != std::cmp::Ordering::Less,
            (Some(_), None) => false,
        }
    }

    /// Mark a shard ended when it was read to its end and everything read was confirmed.
    fn maybe_end(&mut self, i: usize) {
        let s = &self.shards[i];
        if !s.read_to_end || self.ended(&s.id) {
            return;
        }
        if self.confirmed(s) {
            self.state.shards.entry(s.id.to_string()).or_default().ended = true;
            self.dirty_shards.insert(s.id.to_string());
            // look for children now
            self.refreshed = None;
            tracing::info!(
                shard = &*s.id,
                "Kinesis shard finished (SHARD_END checkpointed)"
            );
        }
    }

    fn save(&mut self) -> Result<(), SourceError> {
        if self.dirty_shards.is_empty() {
            return Ok(());
        }
        if self.leases.is_some() {
            return self.save_leases();
        }
        let Some(path) = &self.cfg.checkpoint_file else {
            return Ok(());
        };
        let io = |e: std::io::Error| SourceError::Io {
            at: path.display().to_string(),
            message: e.kind().to_string(),
        };
        let tmp = path.with_extension("tmp");
        let bytes = serde_json::to_vec_pretty(&self.state).map_err(|e| SourceError::Io {
            at: path.display().to_string(),
            message: e.to_string(),
        })?;
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp).map_err(io)?;
            f.write_all(&bytes).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)?;
        self.dirty_shards.clear();
        Ok(())
    }
}

impl KinesisSource {
    /// Lease mode: renew held leases, and every failover period sync leases with the shard
    /// list, refresh the view of other replicas' checkpoints and take leases (the KCL's lease
    /// renewer, shard syncer and lease taker).
    fn coordinate(&mut self) -> Result<(), SourceError> {
        let Some(mut l) = self.leases.take() else {
            return Ok(());
        };
        let r = self.coordinate_with(&mut l);
        self.leases = Some(l);
        r
    }

    fn coordinate_with(&mut self, l: &mut Leases) -> Result<(), SourceError> {
        if l.renew_due() {
            for k in l.renew(&self.rt).map_err(Self::err)? {
                self.forget(&k);
            }
        }
        if !l.take_due() {
            return Ok(());
        }
        let mut all = l.scan(&self.rt).map_err(Self::err)?;
        let first = all.is_empty();
        let listed: BTreeSet<&str> = self.shards.iter().map(|s| &*s.id).collect();
        let mut created = false;
        for s in &self.shards {
            if all.iter().any(|x| x.key == *s.id) {
                continue;
            }
            // as the KCL: the configured start for the shards of a new table, the beginning
            // for children and for shards that appear later
            let has_listed_parent = s.parents.iter().any(|p| listed.contains(p.as_str()));
            let cp = match (first && !has_listed_parent, self.cfg.start) {
                (true, Start::Latest) => "LATEST",
                (true, Start::AtTimestamp) => "AT_TIMESTAMP",
                _ => "TRIM_HORIZON",
            };
            l.create(&self.rt, &s.id, &s.parents, cp)
                .map_err(Self::err)?;
            created = true;
        }
        if created {
            all = l.scan(&self.rt).map_err(Self::err)?;
        }
        for x in &all {
            if !l.holds(&x.key) {
                self.adopt_checkpoint(x);
            }
        }
        let take: Vec<_> = l.to_take(&all).into_iter().cloned().collect();
        for x in take {
            if !self.shards.iter().any(|s| *s.id == x.key) {
                // a lease for a shard this replica has not listed yet
                self.refreshed = None;
                continue;
            }
            if l.take(&self.rt, &x).map_err(Self::err)? {
                self.adopt_checkpoint(&x);
                self.forget(&x.key);
                if let Some(s) = self.shards.iter_mut().find(|s| *s.id == x.key) {
                    s.initial = Some(match x.checkpoint.as_deref() {
                        Some("LATEST") => Start::Latest,
                        Some("AT_TIMESTAMP") => Start::AtTimestamp,
                        _ => Start::TrimHorizon,
                    });
                }
            }
        }
        Ok(())
    }

    /// Take a lease's checkpoint as this replica's view of the shard's progress.
    fn adopt_checkpoint(&mut self, x: &Lease) {
        let e = self.state.shards.entry(x.key.clone()).or_default();
        e.ended = x.finished();
        e.sequence = x.checkpoint.clone().filter(|c| is_sequence(c));
    }

    /// Stop reading a shard (lease lost, or newly taken): what was read and not checkpointed
    /// is read again from the lease's checkpoint.
    fn forget(&mut self, shard: &str) {
        if let Some(s) = self.shards.iter_mut().find(|s| &*s.id == shard) {
            s.iterator = None;
            s.last_read = None;
            s.read_to_end = false;
        }
        self.millis_behind.remove(shard);
        self.dirty_shards.remove(shard);
        if let Some(efo) = self.efo.as_mut() {
            efo.subs.remove(shard);
        }
    }

    /// Lease mode: write changed checkpoints to the lease table; a finished shard's lease is
    /// given back once `SHARD_END` is written.
    fn save_leases(&mut self) -> Result<(), SourceError> {
        let Some(mut l) = self.leases.take() else {
            return Ok(());
        };
        let mut lost = Vec::new();
        let mut res = Ok(());
        for k in std::mem::take(&mut self.dirty_shards) {
            let Some(cp) = self.state.shards.get(&k) else {
                continue;
            };
            let value = match (cp.ended, &cp.sequence) {
                (true, _) => SHARD_END.to_string(),
                (false, Some(s)) => s.clone(),
                (false, None) => continue,
            };
            match l.checkpoint(&self.rt, &k, &value) {
                Ok(true) if cp.ended => l.release(&self.rt, &k),
                Ok(true) => {}
                Ok(false) => lost.push(k),
                Err(e) => {
                    self.dirty_shards.insert(k);
                    res = Err(Self::err(e));
                }
            }
        }
        self.leases = Some(l);
        for k in lost {
            self.forget(&k);
        }
        res
    }
}

/// A sequence number, not one of the KCL's sentinel checkpoints.
fn is_sequence(c: &str) -> bool {
    !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())
}

impl Drop for KinesisSource {
    fn drop(&mut self) {
        if let Some(mut l) = self.leases.take() {
            // checkpoints were written at every commit: give the leases back so other
            // replicas need not wait for them to expire
            l.release_all(&self.rt);
        }
    }
}

impl Source for KinesisSource {
    fn kind(&self) -> &'static str {
        "kinesis"
    }

    fn poll(&mut self, limits: &BatchLimits) -> Result<Poll, SourceError> {
        if self
            .refreshed
            .is_none_or(|r| r.elapsed() >= Duration::from_millis(self.cfg.shard_refresh_ms))
        {
            self.refresh()?;
        }
        if self.leases.is_some() {
            self.coordinate()?;
        }
        let mut out = Vec::new();
        let mut bytes = 0usize;
        let n = self.shards.len();
        for step in 0..n {
            if out.len() >= limits.max_records || bytes >= limits.max_bytes {
                break;
            }
            let i = (self.next + step) % n;
            if !self.readable(i) || self.shards[i].next_call > Instant::now() {
                continue;
            }
            if self.efo.is_some() && !self.shards[i].closed {
                self.read_pushed(i, &mut out, &mut bytes)?;
                continue;
            }
            if self.shards[i].iterator.is_none() {
                match self.iterator(i)? {
                    Some(it) => self.shards[i].iterator = Some(it),
                    None => {
                        self.shards[i].read_to_end = true;
                        self.maybe_end(i);
                        continue;
                    }
                }
            }
            let Some(it) = self.shards[i].iterator.clone() else {
                continue;
            };
            let want = (limits.max_records - out.len()).clamp(1, 10_000) as i32;
            let req = self
                .client
                .get_records()
                .shard_iterator(it)
                .limit(want.min(self.cfg.max_records_per_call));
            let res = self.rt.block_on(req.send());
            let s = &mut self.shards[i];
            // at most 5 GetRecords per shard per second
            s.next_call = Instant::now() + Duration::from_millis(200);
            let o = match res {
                Ok(o) => o,
                Err(e) => match code(&e).as_deref() {
                    Some("ExpiredIteratorException") => {
                        s.iterator = None;
                        continue;
                    }
                    Some("ProvisionedThroughputExceededException")
                    | Some("LimitExceededException") => {
                        s.next_call = Instant::now() + Duration::from_secs(1);
                        continue;
                    }
                    _ => {
                        return Err(Self::err(format!(
                            "kinesis GetRecords {}: {}",
                            s.id,
                            describe(&e)
                        )))
                    }
                },
            };
            if let Some(m) = o.millis_behind_latest() {
                self.millis_behind.insert(s.id.clone(), m);
            }
            if o.records().is_empty() {
                s.next_call = Instant::now() + Duration::from_millis(self.cfg.poll_interval_ms);
            }
            let id = s.id.clone();
            for r in o.records() {
                let rec = self.record(&id, r);
                bytes += rec.payload.len();
                out.push(rec);
            }
            let s = &mut self.shards[i];
            if let Some(last) = o.records().last() {
                s.last_read = Some(last.sequence_number().to_string());
            }
            s.iterator = o.next_shard_iterator().map(String::from);
            if s.iterator.is_none() {
                s.read_to_end = true;
                self.maybe_end(i);
            }
        }
        self.next = self.next.wrapping_add(1);
        self.save()?;
        if !out.is_empty() {
            self.last_record = Instant::now();
            return Ok(Poll::Records(out));
        }
        if let Some(idle) = self.cfg.exit_when_idle_ms {
            let all_confirmed = self.shards.iter().all(|s| self.confirmed(s));
            if all_confirmed && self.last_record.elapsed() >= Duration::from_millis(idle) {
                tracing::info!("Kinesis source idle; ending the run (exit_when_idle_ms)");
                return Ok(Poll::End);
            }
        }
        Ok(Poll::Idle)
    }

    fn commit(&mut self, done: &[Position]) -> Result<(), SourceError> {
        for p in done {
            if let Position::Kinesis { shard, sequence } = p {
                let cp = self.state.shards.entry(shard.to_string()).or_default();
                if cp
                    .sequence
                    .as_deref()
                    .is_none_or(|c| seq_cmp(sequence, c) == std::cmp::Ordering::Greater)
                {
                    cp.sequence = Some(sequence.to_string());
                    self.dirty_shards.insert(shard.to_string());
                }
            }
        }
        for i in 0..self.shards.len() {
            self.maybe_end(i);
        }
        self.save()
    }

    fn lag_ms(&self) -> Option<i64> {
        self.millis_behind.values().copied().max()
    }
}

/// Compare Kinesis sequence numbers (decimal strings of up to 128 bits).
fn seq_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}
