//! Sinks: where clean events and quarantine records go. A sink confirms per record; the
//! pipeline acknowledges the source only after every record of a batch is confirmed.

mod file;

pub use file::{FileSink, NullSink};

/// One record to write. `Debug` prints lengths only.
#[derive(Clone)]
pub struct OutRecord {
    /// Encoded bytes (one JSON document, no newline).
    pub payload: Vec<u8>,
    /// Key (the CloudEvent `id` for clean events, or the redacted source key; never a PHI
    /// field as such).
    pub key: Vec<u8>,
    /// Headers allowlisted at the source (name, value).
    pub headers: Vec<(String, Vec<u8>)>,
}

impl OutRecord {
    /// A record without headers.
    pub fn new(payload: Vec<u8>, key: Vec<u8>) -> OutRecord {
        OutRecord {
            payload,
            key,
            headers: Vec::new(),
        }
    }
}

impl std::fmt::Debug for OutRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "OutRecord {{ payload_len: {}, key_len: {} }}",
            self.payload.len(),
            self.key.len()
        )
    }
}

/// A sink failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SinkError {
    /// I/O error.
    #[error("sink {sink}: {message}")]
    Io { sink: String, message: String },
    /// Service error; `retryable` says whether trying again may help.
    #[error("sink {sink}: {message} (retryable: {retryable})")]
    Service {
        sink: String,
        message: String,
        retryable: bool,
    },
    /// These records (indices into the batch) were refused for good (too large, invalid);
    /// the others of the batch were written.
    #[error("sink {sink}: {} records refused ({message})", indices.len())]
    Rejected {
        sink: String,
        indices: Vec<usize>,
        message: String,
    },
}

/// A destination.
pub trait Sink: Send {
    /// Name for metrics (`file`, `stdout`, `kafka`, `kinesis`, `null`).
    fn kind(&self) -> &'static str;
    /// Write and confirm a batch: returns when every record is durable at the destination,
    /// or an error (nothing of the batch may be acknowledged then).
    fn write_batch(&mut self, batch: &[OutRecord]) -> Result<(), SinkError>;
}

/// Exactly-once destinations: clean records, quarantine records and the source positions
/// they complete are written atomically (all or nothing).
pub trait AtomicSink: Send {
    /// Name for metrics.
    fn kind(&self) -> &'static str;
    /// Write both record sets and commit `done` in one transaction.
    fn write_atomic(
        &mut self,
        clean: &[OutRecord],
        quarantine: &[OutRecord],
        done: &[crate::source::Position],
    ) -> Result<(), SinkError>;
}
