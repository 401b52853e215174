//! Sinks: where clean events and quarantine records go. A sink confirms per record; the
//! pipeline acknowledges the source only after every record of a batch is confirmed.

mod file;

use crate::view::View;

pub use file::{FileSink, NullSink};

/// One record to write. `Debug` prints lengths only.
#[derive(Clone)]
pub struct OutRecord {
    /// Encoded bytes (one JSON document, no newline).
    pub payload: Vec<u8>,
    /// Key (the CloudEvent `id` for clean events, or the redacted source key; never a PHI
    /// field as such).
    pub key: Key,
    /// Headers allowlisted at the source (name, value).
    pub headers: Vec<(String, Vec<u8>)>,
}

impl OutRecord {
    /// A record without headers.
    pub fn new(payload: Vec<u8>, key: impl Into<Key>) -> OutRecord {
        OutRecord {
            payload,
            key: key.into(),
            headers: Vec::new(),
        }
    }
}

/// The most bytes a [`Key`] holds without a heap allocation: a CloudEvent id of Event
/// Streams (`EZ` and 32 hex digits) or a UUID fits.
const KEY_INLINE: usize = 46;

/// A record key: bytes, short ones held inline. Every clean event carries one (its
/// CloudEvent `id` by default); a key of its own on the heap would be one more allocation
/// an event, made on a worker and freed on the writer thread. Reads as `&[u8]`; `Debug`
/// prints its length only.
#[derive(Clone)]
pub struct Key(KeyRepr);

#[derive(Clone)]
enum KeyRepr {
    Inline { len: u8, bytes: [u8; KEY_INLINE] },
    Heap(Vec<u8>),
}

impl Default for Key {
    fn default() -> Key {
        Key(KeyRepr::Inline {
            len: 0,
            bytes: [0; KEY_INLINE],
        })
    }
}

impl From<&[u8]> for Key {
    fn from(b: &[u8]) -> Key {
        match u8::try_from(b.len()) {
            Ok(len) if b.len() <= KEY_INLINE => {
                let mut bytes = [0; KEY_INLINE];
                bytes[..b.len()].copy_from_slice(b);
                Key(KeyRepr::Inline { len, bytes })
            }
            _ => Key(KeyRepr::Heap(b.to_vec())),
        }
    }
}

impl From<Vec<u8>> for Key {
    /// Kept where it is: the vector is already allocated.
    fn from(v: Vec<u8>) -> Key {
        Key(KeyRepr::Heap(v))
    }
}

impl std::ops::Deref for Key {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.0 {
            KeyRepr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            KeyRepr::Heap(v) => v,
        }
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        **self == **other
    }
}

impl Eq for Key {}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key {{ len: {} }}", self.len())
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

/// `key_field`: take the clean record's key (Kafka key, Kinesis partition key) from a field of
/// the clean, already redacted event instead of its `id`, e.g. `data.accountSid` to keep one
/// account's events in order, or `data.messageSid` for one message's status callbacks. Only
/// the envelope's `id`, `type`, `source`, `subject` and SID fields are allowed: never a field
/// that carries PHI. Events without the field keep their default key. The processor reads the
/// field from the event it has just encoded, so the sink never parses a record again.
#[derive(Clone, Debug, Default)]
pub struct KeyField(Option<Vec<String>>);

impl KeyField {
    /// Check a configured path.
    pub fn parse(path: Option<&str>) -> anyhow::Result<KeyField> {
        let Some(p) = path else {
            return Ok(KeyField(None));
        };
        let last = p.rsplit('.').next().unwrap_or(p).to_ascii_lowercase();
        let envelope = matches!(p, "id" | "type" | "source" | "subject");
        let sid = p.starts_with("data.") && last.ends_with("sid") && !p.contains(['/', '~']);
        if !envelope && !sid {
            anyhow::bail!(
                "only id, type, source, subject or a data.…Sid field may key records (never a PHI field)"
            );
        }
        Ok(KeyField(Some(p.split('.').map(String::from).collect())))
    }

    /// The configured path (`data.accountSid`), if any.
    pub fn path(&self) -> Option<String> {
        self.0.as_ref().map(|p| p.join("."))
    }

    /// The key a clean event gets from the field: its string value if present and not
    /// empty, else `None` (the default key stays).
    pub fn extract<'a>(&self, ev: impl View<'a>) -> Option<Vec<u8>> {
        key_of(self.field(ev)?.as_str()?)
    }

    /// The configured field of an event, if it has it.
    pub fn field<'a, V: View<'a>>(&self, ev: V) -> Option<V> {
        let path = self.0.as_ref()?;
        let mut v = ev;
        for seg in path {
            v = v.get(seg.as_str())?;
        }
        Some(v)
    }
}

/// A key from a field's string value: `None` for an empty one.
pub fn key_of(s: &str) -> Option<Vec<u8>> {
    (!s.is_empty()).then(|| s.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key reads back the bytes it was made from, inline up to its limit and on the heap
    /// past it; the two compare by content; `Debug` prints the length only.
    #[test]
    fn keys_read_back_inline_or_not() {
        for n in [0, 1, KEY_INLINE - 1, KEY_INLINE, KEY_INLINE + 1, 300] {
            let bytes: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            let k = Key::from(&bytes[..]);
            assert_eq!(&k[..], &bytes[..], "{n} bytes");
            assert_eq!(
                matches!(k.0, KeyRepr::Inline { .. }),
                n <= KEY_INLINE,
                "{n} bytes"
            );
            assert_eq!(k, Key::from(bytes.clone()), "{n} bytes");
            assert_eq!(format!("{k:?}"), format!("Key {{ len: {n} }}"));
        }
        assert_ne!(Key::from(&b"EZ01"[..]), Key::from(&b"EZ02"[..]));
        assert!(Key::default().is_empty());
    }

    #[test]
    fn key_field_reads_a_string_field_of_the_clean_event() {
        let mut raw =
            br#"{"id":"EZ1","data":{"accountSid":"AC1","countSid":3,"emptySid":""}}"#.to_vec();
        let ev = simd_json::to_borrowed_value(&mut raw).unwrap_or_else(|e| panic!("{e}"));
        let get = |p: &str| {
            KeyField::parse(Some(p))
                .unwrap_or_else(|e| panic!("{e}"))
                .extract(&ev)
        };
        assert_eq!(get("data.accountSid"), Some(b"AC1".to_vec()));
        assert_eq!(get("id"), Some(b"EZ1".to_vec()));
        // absent, empty or not a string: the default key stays
        assert_eq!(get("data.messageSid"), None);
        assert_eq!(get("data.emptySid"), None);
        assert_eq!(get("data.countSid"), None);
        assert_eq!(KeyField::default().extract(&ev), None);
    }

    #[test]
    fn key_field_takes_only_non_phi_fields() {
        assert!(KeyField::parse(Some("data.accountSid")).is_ok());
        assert!(KeyField::parse(Some("type")).is_ok());
        assert!(KeyField::parse(Some("data.to")).is_err());
        assert!(KeyField::parse(Some("data.body")).is_err());
        assert!(KeyField::parse(Some("data.messageSid/x")).is_err());
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
    /// True when the sink keeps nothing (`null`): the runner then does not build records
    /// for it (it still counts them).
    fn discards(&self) -> bool {
        false
    }
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
