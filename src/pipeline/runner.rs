//! The streaming runtime: a reader thread fills a bounded queue of batches; the main loop
//! processes each batch in the rayon pool (one worker scratch per thread); a writer thread
//! turns the results into sink records (de-duplication and quarantine lines included),
//! writes its clean events and quarantine records (while the next batch is processed) and
//! only once they are confirmed sends the batch's positions back to the reader thread, which
//! commits them to the source, in source order (and frees the batch's payloads, which it
//! allocated: memory goes back to the thread that took it). A poison record never stops the
//! loop: it is quarantined. Shutdown (SIGINT/SIGTERM or end of input) stops reading, drains
//! what was read, flushes, commits and returns.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::process::{Outcome, Processor};
use crate::policy::DropReason;
use crate::redact::{Label, RedactStats};
use crate::sink::{AtomicSink, Key, OutRecord, Sink, SinkError};
use crate::source::{BatchLimits, Poll, Position, Record, Source, SourceError};
use crate::telemetry::Metrics;

/// Runtime options.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Batch limits.
    pub limits: BatchLimits,
    /// Batches buffered between reader and processor.
    pub queue_batches: usize,
    /// De-duplicate CloudEvent ids within this many recent ids (0 = off).
    pub dedup_window: usize,
    /// Sink retries before giving up (exponential backoff from 100 ms).
    pub sink_retries: u32,
    /// Records a sink refuses for good go to quarantine (`true`) or stop the run.
    pub quarantine_rejected: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            limits: BatchLimits {
                max_records: 1024,
                max_bytes: 4 << 20,
                linger: Duration::from_millis(50),
            },
            queue_batches: 4,
            dedup_window: 0,
            sink_retries: 5,
            quarantine_rejected: true,
        }
    }
}

/// Totals of a run (also printed by `phigate scan`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Raw records read.
    pub records: u64,
    /// Events decoded.
    pub events: u64,
    /// Clean events written.
    pub sent: u64,
    /// Dropped by policy.
    pub dropped: u64,
    /// Quarantined.
    pub quarantined: u64,
    /// Duplicates removed.
    pub duplicates: u64,
    /// Redactions.
    pub redactions: RedactStats,
}

impl Summary {
    /// Add another run's totals.
    pub fn merge(&mut self, o: &Summary) {
        self.records += o.records;
        self.events += o.events;
        self.sent += o.sent;
        self.dropped += o.dropped;
        self.quarantined += o.quarantined;
        self.duplicates += o.duplicates;
        self.redactions.merge(&o.redactions);
    }
}

/// The run stopped on an error it cannot get past (a sink that keeps failing).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The source failed.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// A sink failed after retries; nothing of the failing batch was committed.
    #[error(transparent)]
    Sink(#[from] SinkError),
}

struct Dedup {
    window: usize,
    set: FxHashSet<Vec<u8>>,
    order: VecDeque<Vec<u8>>,
}

impl Dedup {
    fn seen(&mut self, id: &[u8]) -> bool {
        if self.window == 0 || id.is_empty() {
            return false;
        }
        if self.set.contains(id) {
            return true;
        }
        self.set.insert(id.to_vec());
        self.order.push_back(id.to_vec());
        if self.order.len() > self.window {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        false
    }
}

/// A quarantine line: reason, position, time, raw bytes (base64). PHI: goes only to the
/// quarantine sink.
pub fn quarantine_line(reason: &str, pos: &Position, index: Option<usize>, raw: &[u8]) -> Vec<u8> {
    use super::encode::write_string as string;
    use std::io::Write as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut o = Vec::with_capacity(160 + raw.len() / 3 * 4);
    o.extend_from_slice(b"{\"reason\":");
    string(reason, &mut o);
    o.extend_from_slice(b",\"source\":{\"kind\":");
    // (writes to a Vec cannot fail)
    match pos {
        Position::File { path, line, offset } => {
            o.extend_from_slice(b"\"file\",\"path\":");
            string(path, &mut o);
            let _ = write!(o, ",\"line\":{line},\"offset\":{offset}");
        }
        Position::Kafka {
            topic,
            partition,
            offset,
        } => {
            o.extend_from_slice(b"\"kafka\",\"topic\":");
            string(topic, &mut o);
            let _ = write!(o, ",\"partition\":{partition},\"offset\":{offset}");
        }
        Position::Kinesis { shard, sequence } => {
            o.extend_from_slice(b"\"kinesis\",\"shard\":");
            string(shard, &mut o);
            o.extend_from_slice(b",\"sequence\":");
            string(sequence, &mut o);
        }
    }
    o.push(b'}');
    if let Some(i) = index {
        let _ = write!(o, ",\"index\":{i}");
    }
    o.extend_from_slice(b",\"time\":");
    string(&now_rfc3339(), &mut o);
    o.extend_from_slice(b",\"raw\":\"");
    let start = o.len();
    o.resize(start + base64::encoded_len(raw.len(), true).unwrap_or(0), 0);
    let n = b64.encode_slice(raw, &mut o[start..]).unwrap_or(0);
    o.truncate(start + n);
    o.extend_from_slice(b"\"}");
    o
}

/// Current UTC time as RFC 3339 with seconds.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = crate::policy::Date::from_unix_days(secs.div_euclid(86_400)).ymd();
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Call `attempt_write` until it succeeds, fails for good (`retryable` says no), runs out of
/// retries, or shutdown was asked for after a first failure; exponential backoff from 100 ms.
fn with_retry(
    kind: &str,
    retries: u32,
    metrics: &Metrics,
    shutdown: &AtomicBool,
    retryable: impl Fn(&SinkError) -> bool,
    mut attempt_write: impl FnMut() -> Result<(), SinkError>,
) -> Result<(), SinkError> {
    let mut attempt = 0;
    loop {
        let Err(e) = attempt_write() else {
            return Ok(());
        };
        metrics.sink_errors.with_label_values(&[kind]).inc();
        if !retryable(&e) || attempt >= retries || shutdown.load(Ordering::Relaxed) && attempt > 0 {
            return Err(e);
        }
        tracing::warn!(sink = kind, attempt, error = %e, "Sink write failed, retrying the batch");
        std::thread::sleep(Duration::from_millis(100 << attempt.min(6)));
        attempt += 1;
    }
}

fn write_with_retry(
    sink: &mut dyn Sink,
    batch: &[OutRecord],
    retries: u32,
    metrics: &Metrics,
    shutdown: &AtomicBool,
) -> Result<(), SinkError> {
    let kind = sink.kind();
    with_retry(
        kind,
        retries,
        metrics,
        shutdown,
        |e| {
            matches!(
                e,
                SinkError::Service {
                    retryable: true,
                    ..
                } | SinkError::Io { .. }
            )
        },
        || sink.write_batch(batch),
    )
}

/// Clean records, then quarantine records, each confirmed. Records a sink refuses for good
/// are quarantined (`sink_rejected`) when `opts.quarantine_rejected`, else the run stops.
#[allow(clippy::too_many_arguments)]
fn write_pair(
    sink: &mut dyn Sink,
    quarantine: &mut dyn Sink,
    clean: &mut Vec<OutRecord>,
    clean_pos: &mut Vec<usize>,
    positions: &[Position],
    quar: &mut Vec<OutRecord>,
    qreasons: &mut Vec<&'static str>,
    opts: &RunOptions,
    metrics: &Metrics,
    shutdown: &AtomicBool,
) -> Result<(), SinkError> {
    match write_with_retry(sink, clean, opts.sink_retries, metrics, shutdown) {
        Ok(()) => {}
        Err(SinkError::Rejected {
            sink: name,
            indices,
            message,
        }) => {
            if !opts.quarantine_rejected {
                return Err(SinkError::Rejected {
                    sink: name,
                    indices,
                    message,
                });
            }
            tracing::warn!(
                sink = name.as_str(),
                records = indices.len(),
                "Sink refused records; quarantining them (sink_rejected)"
            );
            // the rest of the batch was written; the refused ones go to quarantine
            let mut keep = Vec::with_capacity(clean.len());
            for (i, (r, p)) in clean.drain(..).zip(clean_pos.drain(..)).enumerate() {
                if indices.contains(&i) {
                    quar.push(OutRecord::new(
                        quarantine_line(
                            super::reason::SINK_REJECTED,
                            &positions[p],
                            None,
                            &r.payload,
                        ),
                        Vec::new(),
                    ));
                    qreasons.push(super::reason::SINK_REJECTED);
                } else {
                    keep.push(r);
                }
            }
            *clean = keep;
        }
        Err(e) => return Err(e),
    }
    write_with_retry(quarantine, quar, opts.sink_retries, metrics, shutdown)
}

/// Where a batch goes.
pub enum Outputs<'a> {
    /// Clean records to one sink, quarantine records to another, each confirmed before the
    /// source is acknowledged (at-least-once).
    Pair {
        /// Clean events.
        sink: &'a mut dyn Sink,
        /// Quarantine records.
        quarantine: &'a mut dyn Sink,
    },
    /// Both and the source positions in one transaction (exactly-once).
    Atomic(&'a mut dyn AtomicSink),
}

impl Outputs<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Outputs::Pair { sink, .. } => sink.kind(),
            Outputs::Atomic(a) => a.kind(),
        }
    }
}

fn atomic_with_retry(
    sink: &mut dyn AtomicSink,
    clean: &[OutRecord],
    quar: &[OutRecord],
    done: &[Position],
    retries: u32,
    metrics: &Metrics,
    shutdown: &AtomicBool,
) -> Result<(), SinkError> {
    let kind = sink.kind();
    with_retry(
        kind,
        retries,
        metrics,
        shutdown,
        |e| {
            matches!(
                e,
                SinkError::Service {
                    retryable: true,
                    ..
                }
            )
        },
        || sink.write_atomic(clean, quar, done),
    )
}

/// A processed batch on its way to the sinks.
struct Prepared {
    clean: Vec<OutRecord>,
    /// The source record of each clean record, as an index into `positions`.
    clean_pos: Vec<usize>,
    quar: Vec<OutRecord>,
    qreasons: Vec<&'static str>,
    dropped: Vec<(&'static str, DropReason)>,
    stats: RedactStats,
    events: u64,
    duplicates: u64,
    positions: Vec<Position>,
    /// The records' payloads, done with: they go back to the reader thread with the
    /// positions and are freed there, by the thread that allocated them (a free on another
    /// thread costs more, and the writer is the busiest thread after the workers).
    spent: Vec<Vec<u8>>,
    oldest: Instant,
}

/// A confirmed batch, back to the reader thread: the positions to commit, and the payloads
/// to free there.
struct Confirmed {
    positions: Vec<Position>,
    spent: Vec<Vec<u8>>,
}

/// What processing made of one record: outcomes, redaction counts, the redacted source key
/// and the redacted allowlisted headers.
type PerRecord = (
    Outcomes,
    RedactStats,
    Option<Vec<u8>>,
    Vec<(String, Vec<u8>)>,
);

/// A record's outcomes: most records hold one event, kept inline (a list of its own would
/// be one more allocation an event, made on a worker and freed on the writer thread).
enum Outcomes {
    One(Outcome),
    Many(Vec<Outcome>),
}

impl Outcomes {
    /// Take what `out` holds (left empty, its capacity kept for the next record).
    fn take(out: &mut Vec<Outcome>) -> Outcomes {
        if out.len() == 1 {
            if let Some(one) = out.pop() {
                return Outcomes::One(one);
            }
        }
        Outcomes::Many(std::mem::take(out))
    }
}

impl IntoIterator for Outcomes {
    type Item = Outcome;
    type IntoIter = std::iter::Chain<std::option::IntoIter<Outcome>, std::vec::IntoIter<Outcome>>;

    fn into_iter(self) -> Self::IntoIter {
        match self {
            Outcomes::One(o) => Some(o).into_iter().chain(Vec::new()),
            Outcomes::Many(v) => None.into_iter().chain(v),
        }
    }
}

/// A batch after the parallel stage, before the writer thread turns it into sink records.
struct Processed {
    batch: Vec<Record>,
    per_record: Vec<PerRecord>,
    oldest: Instant,
}

/// Decode, judge and redact one batch in the rayon pool. Only the parallel work happens
/// here; the bookkeeping ([`assemble`]) runs on the writer thread, so the pool goes on to
/// the next batch at once instead of idling while one thread does it.
fn process_batch(
    batch: Vec<Record>,
    processor: &Processor,
    scratches: &crate::redact::ScratchPool,
    metrics: &Metrics,
) -> Processed {
    let t0 = Instant::now();
    let oldest = batch.iter().map(|r| r.read_at).min().unwrap_or(t0);
    // a new day may bring other dated rules: every record of the batch is judged by them
    if let Some(day) = processor.refresh_date() {
        tracing::info!(date = %day, "Processing date changed: dated policy rules selected again");
    }
    let per_record: Vec<PerRecord> = batch
        .par_iter()
        // (one outcome list per rayon job, reused record after record)
        .map_init(Vec::new, |out, rec| {
            // one scratch per pool thread, kept across batches (warm regex caches)
            scratches.with(&processor.engine, |ws| {
                out.clear();
                let mut st = RedactStats::default();
                // fail closed: a bug in the engine quarantines the record, never the process
                let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    processor.process(&rec.payload, ws, &mut st, out)
                }));
                if done.is_err() {
                    *ws = processor.engine.worker();
                    st = RedactStats::default();
                    out.clear();
                    out.push(Outcome::Quarantined {
                        reason: super::reason::REDACT_FAILED,
                        raw: rec.payload.clone(),
                        index: None,
                    });
                }
                // a kept source key goes through the engine; a key that is not UTF-8 cannot
                // be judged and is replaced by the event id
                let key = rec
                    .key
                    .as_deref()
                    .and_then(|k| std::str::from_utf8(k).ok())
                    .map(|k| {
                        if processor.redact {
                            processor.engine.redact_text(k, ws, &mut st).into_bytes()
                        } else {
                            k.as_bytes().to_vec()
                        }
                    });
                // allowlisted header values too; values that are not UTF-8 are dropped
                let headers: Vec<(String, Vec<u8>)> = rec
                    .headers
                    .iter()
                    .filter_map(|(name, v)| {
                        let v = std::str::from_utf8(v).ok()?;
                        Some((
                            name.clone(),
                            if processor.redact {
                                processor.engine.redact_text(v, ws, &mut st).into_bytes()
                            } else {
                                v.as_bytes().to_vec()
                            },
                        ))
                    })
                    .collect();
                (Outcomes::take(out), st, key, headers)
            })
        })
        .collect();
    metrics.batch_duration.observe(t0.elapsed().as_secs_f64());
    Processed {
        batch,
        per_record,
        oldest,
    }
}

/// Turn processed records into sink records and counts, in source order (de-duplication
/// included). Quarantine records are built only when `keep_quarantine` (the quarantine sink
/// keeps what it gets); they are counted either way.
fn assemble(processed: Processed, dedup: &mut Dedup, keep_quarantine: bool) -> Prepared {
    let Processed {
        batch,
        per_record,
        oldest,
    } = processed;
    let mut p = Prepared {
        clean: Vec::with_capacity(batch.len()),
        clean_pos: Vec::new(),
        quar: Vec::new(),
        qreasons: Vec::new(),
        dropped: Vec::new(),
        stats: RedactStats::default(),
        events: 0,
        duplicates: 0,
        positions: Vec::with_capacity(batch.len()),
        spent: Vec::with_capacity(batch.len()),
        oldest,
    };
    // (records are taken apart, not cloned: their positions move to the list the source
    // commits, and no reference count is touched here and on the reader thread alike)
    for (rec, (outs, st, key, headers)) in batch.into_iter().zip(per_record) {
        let at = p.positions.len();
        p.positions.push(rec.position);
        p.spent.push(rec.payload);
        p.stats.merge(&st);
        for o in outs {
            p.events += 1;
            match o {
                Outcome::Clean {
                    bytes,
                    id,
                    key: field_key,
                    product,
                } => {
                    if dedup.seen(&id) {
                        p.duplicates += 1;
                        p.dropped.push((product, DropReason::Duplicate));
                    } else {
                        p.clean.push(OutRecord {
                            payload: bytes,
                            key: field_key.or_else(|| key.clone()).map_or(id, Key::from),
                            headers: headers.clone(),
                        });
                        p.clean_pos.push(at);
                    }
                }
                Outcome::Dropped { product, reason } => p.dropped.push((product, reason)),
                Outcome::Quarantined { reason, raw, index } => {
                    p.qreasons.push(reason);
                    if keep_quarantine {
                        p.quar.push(OutRecord::new(
                            quarantine_line(reason, &p.positions[at], index, &raw),
                            Vec::new(),
                        ));
                    }
                }
            }
        }
    }
    p
}

/// How many times each value occurs, in the order each first occurs (a batch holds a few
/// distinct label sets at most: a list beats a map).
fn tally<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<(T, u64)> {
    let mut counts: Vec<(T, u64)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(seen, _)| *seen == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    counts
}

/// Write prepared batches, count them once confirmed and acknowledge them in order; stops at
/// the first batch a sink fails for good.
#[allow(clippy::too_many_arguments)]
fn write_loop(
    prep_rx: mpsc::Receiver<Processed>,
    mut dedup: Dedup,
    outputs: &mut Outputs<'_>,
    commit_tx: mpsc::Sender<Confirmed>,
    opts: &RunOptions,
    metrics: &Metrics,
    shutdown: &AtomicBool,
    source_kind: &'static str,
    sink_kind: &'static str,
) -> (Summary, Result<(), RunError>) {
    let mut summary = Summary::default();
    let labels: Vec<_> = Label::ALL
        .iter()
        .map(|l| metrics.redactions.with_label_values(&[l.as_str()]))
        .collect();
    let keep_quarantine = match outputs {
        Outputs::Pair { quarantine, .. } => !quarantine.discards(),
        Outputs::Atomic(_) => true,
    };
    while let Ok(processed) = prep_rx.recv() {
        let mut p = assemble(processed, &mut dedup, keep_quarantine);
        let written = match outputs {
            Outputs::Pair { sink, quarantine } => write_pair(
                &mut **sink,
                &mut **quarantine,
                &mut p.clean,
                &mut p.clean_pos,
                &p.positions,
                &mut p.quar,
                &mut p.qreasons,
                opts,
                metrics,
                shutdown,
            ),
            Outputs::Atomic(a) => atomic_with_retry(
                &mut **a,
                &p.clean,
                &p.quar,
                &p.positions,
                opts.sink_retries,
                metrics,
                shutdown,
            ),
        };
        if let Err(e) = written {
            tracing::error!(
                sink = sink_kind,
                records = p.clean.len(),
                quarantine = p.quar.len(),
                error = %e,
                "Sink failed for good (or after its retries); stopping without committing the batch"
            );
            return (summary, Err(e.into()));
        }
        // confirmed: count, then acknowledge in source order
        metrics
            .events_received
            .with_label_values(&[source_kind])
            .inc_by(p.events);
        metrics
            .events_sent
            .with_label_values(&[sink_kind])
            .inc_by(p.clean.len() as u64);
        // (one counter lookup per distinct label set of the batch, not one per event)
        for ((prod, r), n) in tally(p.dropped.iter().copied()) {
            metrics
                .events_dropped
                .with_label_values(&[prod, r.as_str()])
                .inc_by(n);
        }
        for (q, n) in tally(p.qreasons.iter().copied()) {
            metrics.events_quarantined.with_label_values(&[q]).inc_by(n);
        }
        for (i, c) in p.stats.by_label.iter().enumerate() {
            if *c > 0 {
                labels[i].inc_by(*c);
            }
        }
        metrics
            .end_to_end_latency
            .observe(p.oldest.elapsed().as_secs_f64());
        summary.records += p.positions.len() as u64;
        summary.events += p.events;
        summary.sent += p.clean.len() as u64;
        summary.dropped += p.dropped.len() as u64;
        summary.duplicates += p.duplicates;
        summary.quarantined += p.qreasons.len() as u64;
        summary.redactions.merge(&p.stats);
        tracing::debug!(
            records = p.positions.len(),
            sent = p.clean.len(),
            dropped = p.dropped.len(),
            quarantined = p.qreasons.len(),
            "Batch confirmed"
        );
        let confirmed = Confirmed {
            positions: p.positions,
            spent: p.spent,
        };
        if commit_tx.send(confirmed).is_err() {
            break;
        }
    }
    (summary, Ok(()))
}

/// Run until the source ends or `shutdown` is set.
pub fn run(
    mut source: Box<dyn Source>,
    mut outputs: Outputs<'_>,
    processor: &Processor,
    metrics: &Metrics,
    opts: &RunOptions,
    shutdown: Arc<AtomicBool>,
) -> Result<Summary, RunError> {
    let source_kind = source.kind();
    let (batch_tx, batch_rx) = mpsc::sync_channel::<Vec<Record>>(opts.queue_batches.max(1));
    let (commit_tx, commit_rx) = mpsc::channel::<Confirmed>();
    let limits = opts.limits;
    // this run's own stop flag (the caller's `shutdown` is the process-wide signal flag and
    // may be reused for a restarted run)
    let finished = Arc::new(AtomicBool::new(false));
    let stop_run = finished.clone();
    let signal = shutdown.clone();
    let m = metrics.clone();
    let reader = std::thread::Builder::new()
        .name("phigate-source".into())
        .spawn(move || -> Result<(), SourceError> {
            let mut batch_tx = Some(batch_tx);
            let mut ended = false;
            loop {
                // acknowledgements first, in the order they were sent
                loop {
                    match if ended {
                        commit_rx
                            .recv()
                            .map_err(|_| mpsc::TryRecvError::Disconnected)
                    } else {
                        commit_rx.try_recv()
                    } {
                        Ok(Confirmed { positions, spent }) => {
                            source.commit(&positions)?;
                            // (the payloads are freed by the thread that allocated them)
                            drop(spent);
                            m.commits.inc();
                        }
                        Err(mpsc::TryRecvError::Empty) => break,
                        Err(mpsc::TryRecvError::Disconnected) => return Ok(()),
                    }
                }
                if ended {
                    continue;
                }
                if stop_run.load(Ordering::Relaxed) || signal.load(Ordering::Relaxed) {
                    ended = true;
                    batch_tx = None;
                    continue;
                }
                match source.poll(&limits) {
                    Ok(Poll::Records(recs)) => {
                        m.records_received
                            .with_label_values(&[source.kind()])
                            .inc_by(recs.len() as u64);
                        if let Some(ms) = source.lag_ms() {
                            m.source_lag_ms.with_label_values(&[source.kind()]).set(ms);
                        }
                        if let Some(lag) = source.lag() {
                            m.source_lag_records
                                .with_label_values(&[source.kind()])
                                .set(lag);
                        }
                        if batch_tx.as_ref().is_none_or(|tx| tx.send(recs).is_err()) {
                            ended = true;
                        }
                    }
                    Ok(Poll::Idle) => std::thread::sleep(Duration::from_millis(5)),
                    Ok(Poll::End) => {
                        ended = true;
                    }
                    Err(e) => {
                        m.source_errors.with_label_values(&[source.kind()]).inc();
                        return Err(e);
                    }
                }
                if ended {
                    // closing the batch channel tells the processor the input is over
                    batch_tx = None;
                }
            }
        })
        .map_err(|e| SourceError::Io {
            at: "reader thread".into(),
            message: e.to_string(),
        })?;

    let dedup = Dedup {
        window: opts.dedup_window,
        set: FxHashSet::default(),
        order: VecDeque::new(),
    };
    let sink_kind = outputs.kind();
    metrics.ready.set(1);
    let scratches = crate::redact::ScratchPool::new(&processor.engine);
    // one prepared batch waits while the writer has another in flight: processing overlaps
    // the sink's confirmation, acknowledgements stay in source order
    let (prep_tx, prep_rx) = mpsc::sync_channel::<Processed>(1);
    let writer_stop = finished.clone();
    let (summary, result) = std::thread::scope(|sc| {
        let writer = sc.spawn(move || {
            let r = write_loop(
                prep_rx,
                dedup,
                &mut outputs,
                commit_tx,
                opts,
                metrics,
                &shutdown,
                source_kind,
                sink_kind,
            );
            if r.1.is_err() {
                // stop reading: the processor waiting for input sees the end
                writer_stop.store(true, Ordering::Relaxed);
            }
            r
        });
        while let Ok(batch) = batch_rx.recv() {
            let p = process_batch(batch, processor, &scratches, metrics);
            if prep_tx.send(p).is_err() {
                break;
            }
        }
        drop(prep_tx);
        writer.join().unwrap_or_else(|_| {
            (
                Summary::default(),
                Err(RunError::Sink(SinkError::Io {
                    sink: "writer thread".into(),
                    message: "panicked".into(),
                })),
            )
        })
    });
    metrics.ready.set(0);
    finished.store(true, Ordering::Relaxed);
    drop(batch_rx);
    let reader_result = reader.join().unwrap_or_else(|_| {
        Err(SourceError::Io {
            at: "reader thread".into(),
            message: "panicked".into(),
        })
    });
    result?;
    reader_result?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runner reads the clock before each batch: a processor whose date follows it,
    /// started on the eve of Video's end of life, drops a Video event in its next batch.
    #[test]
    fn each_batch_is_judged_by_the_rules_of_its_day() {
        use super::super::filter::Profile;
        use super::super::process::tests::{eve_of_video_eol, VIDEO_EVENT};
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        for follow_clock in [false, true] {
            let mut processor =
                crate::cli::scan::default_processor(eve_of_video_eol(), Profile::MinimumNecessary)
                    .unwrap_or_else(|e| panic!("{e}"));
            processor.follow_clock = follow_clock;
            let metrics = Metrics::new(processor.policy.products(), "file", &["null"]);
            let record = Record {
                payload: VIDEO_EVENT.as_bytes().to_vec(),
                key: None,
                headers: Vec::new(),
                position: Position::File {
                    path: "in.jsonl".into(),
                    line: 1,
                    offset: 0,
                },
                read_at: Instant::now(),
            };
            let processed = pool.install(|| {
                let scratches = crate::redact::ScratchPool::new(&processor.engine);
                process_batch(vec![record], &processor, &scratches, &metrics)
            });
            let outcomes: Vec<Outcome> = processed
                .per_record
                .into_iter()
                .flat_map(|(o, ..)| o)
                .collect();
            let dropped = matches!(outcomes.as_slice(), [Outcome::Dropped { .. }]);
            assert_eq!(dropped, follow_clock, "{outcomes:?}");
        }
    }

    #[test]
    fn a_tally_counts_each_value_in_first_seen_order() {
        assert_eq!(
            tally(["b", "a", "b", "b", "c", "a"]),
            [("b", 3), ("a", 2), ("c", 1)]
        );
        assert!(tally(Vec::<u8>::new()).is_empty());
    }

    #[test]
    fn a_quarantine_line_is_one_json_object_with_the_raw_bytes_in_base64() {
        use simd_json::prelude::*;
        let raw: &[u8] = b"{\"a\":\"\xff\xfe\" \n}";
        let positions = [
            Position::File {
                path: "in \"q\"\\dir/\u{7}.jsonl".into(),
                line: 7,
                offset: 1234,
            },
            Position::Kafka {
                topic: "twilio".into(),
                partition: 3,
                offset: 99,
            },
            Position::Kinesis {
                shard: "shardId-000".into(),
                sequence: "4960".into(),
            },
        ];
        for (n, pos) in positions.iter().enumerate() {
            let index = (n == 1).then_some(2);
            let mut line = quarantine_line("not_json", pos, index, raw);
            assert!(!line.contains(&b'\n'));
            let v = simd_json::to_owned_value(&mut line).expect("valid JSON");
            assert_eq!(v["reason"].as_str(), Some("not_json"));
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(v["raw"].as_str().expect("raw is a string"))
                .expect("raw is base64");
            assert_eq!(decoded, raw);
            assert_eq!(v["time"].as_str().map(str::len), Some(20));
            assert_eq!(
                v.get("index").and_then(|i| i.as_u64()),
                index.map(|i| i as u64)
            );
            let src = &v["source"];
            match pos {
                Position::File { path, line, offset } => {
                    assert_eq!(src["kind"].as_str(), Some("file"));
                    assert_eq!(src["path"].as_str(), Some(&**path));
                    assert_eq!(src["line"].as_u64(), Some(*line));
                    assert_eq!(src["offset"].as_u64(), Some(*offset));
                }
                Position::Kafka {
                    topic,
                    partition,
                    offset,
                } => {
                    assert_eq!(src["kind"].as_str(), Some("kafka"));
                    assert_eq!(src["topic"].as_str(), Some(&**topic));
                    assert_eq!(src["partition"].as_i64(), Some(i64::from(*partition)));
                    assert_eq!(src["offset"].as_i64(), Some(*offset));
                }
                Position::Kinesis { shard, sequence } => {
                    assert_eq!(src["kind"].as_str(), Some("kinesis"));
                    assert_eq!(src["shard"].as_str(), Some(&**shard));
                    assert_eq!(src["sequence"].as_str(), Some(&**sequence));
                }
            }
        }
    }

    /// Refuses the records at `refuse` (indices into the batch) for good, and keeps the rest.
    struct Refusing {
        refuse: Vec<usize>,
        kept: Vec<Vec<u8>>,
    }

    impl Sink for Refusing {
        fn kind(&self) -> &'static str {
            "null"
        }
        fn write_batch(&mut self, batch: &[OutRecord]) -> Result<(), SinkError> {
            let refused: Vec<usize> = self
                .refuse
                .iter()
                .copied()
                .filter(|&i| i < batch.len())
                .collect();
            for (i, r) in batch.iter().enumerate() {
                if !refused.contains(&i) {
                    self.kept.push(r.payload.clone());
                }
            }
            if refused.is_empty() {
                return Ok(());
            }
            Err(SinkError::Rejected {
                sink: "null".into(),
                indices: refused,
                message: "too large".into(),
            })
        }
    }

    /// A record the clean sink refuses goes to quarantine with the position of the source
    /// record it came from (clean records of a batch need not be one per source record).
    #[test]
    fn refused_records_are_quarantined_with_their_source_position() {
        let file: Arc<str> = Arc::from("in.jsonl");
        let positions: Vec<Position> = (1..=4)
            .map(|line| Position::File {
                path: file.clone(),
                line,
                offset: 100 * line,
            })
            .collect();
        // clean events from source records 0, 2 and 3 (record 1 was dropped)
        let mut clean: Vec<OutRecord> = [b"a", b"c", b"d"]
            .iter()
            .map(|p| OutRecord::new(p.to_vec(), Vec::new()))
            .collect();
        let mut clean_pos = vec![0, 2, 3];
        let (mut quar, mut qreasons) = (Vec::new(), Vec::new());
        let mut sink = Refusing {
            refuse: vec![1],
            kept: Vec::new(),
        };
        let mut quarantine = Refusing {
            refuse: Vec::new(),
            kept: Vec::new(),
        };
        let metrics = Metrics::new(&[], "file", &["null"]);
        let written = write_pair(
            &mut sink,
            &mut quarantine,
            &mut clean,
            &mut clean_pos,
            &positions,
            &mut quar,
            &mut qreasons,
            &RunOptions::default(),
            &metrics,
            &AtomicBool::new(false),
        );
        assert!(written.is_ok(), "{written:?}");
        assert_eq!(sink.kept, vec![b"a".to_vec(), b"d".to_vec()]);
        assert_eq!(qreasons, vec![super::super::reason::SINK_REJECTED]);
        let [line] = quarantine.kept.as_slice() else {
            panic!("one quarantine record: {:?}", quarantine.kept.len());
        };
        let mut line = line.clone();
        let v = simd_json::to_owned_value(&mut line).unwrap_or_else(|e| panic!("{e}"));
        use simd_json::prelude::*;
        let source = v.get("source").unwrap_or_else(|| panic!("source"));
        assert_eq!(source.get("line").and_then(|l| l.as_u64()), Some(3));
        assert_eq!(source.get("offset").and_then(|l| l.as_u64()), Some(300));
    }
}
