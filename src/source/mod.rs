//! Sources: where raw records come from. Every source reports a [`Position`] per record and
//! receives acknowledgements, in source order, only after the sinks confirmed.

mod file;

pub use file::FileSource;

use std::fmt;
use std::sync::Arc;

/// Where a record came from. Printable: it never holds content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Position {
    /// A line of a file (1-based) at a byte offset.
    File {
        /// File name (`-` for stdin).
        path: Arc<str>,
        /// Line number, 1-based.
        line: u64,
        /// Byte offset of the line start.
        offset: u64,
    },
    /// A Kafka record.
    Kafka {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: i32,
        /// Offset.
        offset: i64,
    },
    /// A Kinesis record.
    Kinesis {
        /// Shard id.
        shard: Arc<str>,
        /// Sequence number.
        sequence: Arc<str>,
    },
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::File { path, line, offset } => write!(f, "{path}:{line} (byte {offset})"),
            Position::Kafka {
                topic,
                partition,
                offset,
            } => write!(f, "{topic}/{partition}@{offset}"),
            Position::Kinesis { shard, sequence } => write!(f, "{shard}@{sequence}"),
        }
    }
}

/// One raw record. `Debug` prints lengths only.
#[derive(Clone)]
pub struct Record {
    /// The bytes: one CloudEvent or a JSON array of them.
    pub payload: Vec<u8>,
    /// Source key (Kafka key, Kinesis partition key), only when the source is configured to
    /// keep it; it goes through the engine first. PHI-bearing: never logged.
    pub key: Option<Vec<u8>>,
    /// Source headers that passed the allowlist (name, value). PHI-bearing values.
    pub headers: Vec<(String, Vec<u8>)>,
    /// Where it came from.
    pub position: Position,
    /// When it was read (for end-to-end latency, which the pipeline measures from a batch's
    /// oldest record): a source may give the records it read in one go one time, as the
    /// file source does with its first line's.
    pub read_at: std::time::Instant,
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Record {{ payload_len: {}, key_len: {:?}, headers: {}, position: {} }}",
            self.payload.len(),
            self.key.as_ref().map(Vec::len),
            self.headers.len(),
            self.position
        )
    }
}

/// Limits for one batch.
#[derive(Clone, Copy, Debug)]
pub struct BatchLimits {
    /// Records at most.
    pub max_records: usize,
    /// Payload bytes at most (a single larger record still forms a batch of one).
    pub max_bytes: usize,
    /// How long to wait for more records once one arrived.
    pub linger: std::time::Duration,
}

/// A source failed. Carries positions, never content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// I/O error at a position.
    #[error("read error at {at}: {message}")]
    Io { at: String, message: String },
    /// Broker/service error; `retryable` says whether trying again may help.
    #[error("source error ({message}), retryable: {retryable}")]
    Service { message: String, retryable: bool },
}

/// What a source returns for one call.
#[derive(Debug)]
pub enum Poll {
    /// Some records, in source order.
    Records(Vec<Record>),
    /// Nothing right now (streaming sources).
    Idle,
    /// Finite input is exhausted.
    End,
}

/// A source of raw records.
pub trait Source: Send {
    /// Name for metrics (`file`, `kafka`, `kinesis`).
    fn kind(&self) -> &'static str;
    /// Read up to one batch.
    fn poll(&mut self, limits: &BatchLimits) -> Result<Poll, SourceError>;
    /// Everything up to and including these positions was handled (written, dropped or
    /// quarantined, and confirmed). Called in source order.
    fn commit(&mut self, done: &[Position]) -> Result<(), SourceError>;
    /// Lag in records, where the source knows it.
    fn lag(&self) -> Option<i64> {
        None
    }
    /// Lag in milliseconds, where the source knows it (Kinesis `MillisBehindLatest`).
    fn lag_ms(&self) -> Option<i64> {
        None
    }
}
