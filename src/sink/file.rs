//! JSONL file / stdout sink, and a null sink that only counts.

use std::io::Write;
use std::path::PathBuf;

use super::{OutRecord, Sink, SinkError};

/// Appends one line per record; a batch is flushed (and fsynced for regular files) before
/// it is confirmed.
pub struct FileSink {
    name: String,
    out: Box<dyn Write + Send>,
    file: Option<std::fs::File>,
    kind: &'static str,
}

impl FileSink {
    /// A file (appended) or `-` for stdout.
    pub fn open(path: &PathBuf) -> Result<FileSink, SinkError> {
        if path.as_os_str() == "-" {
            return Ok(FileSink {
                name: "-".into(),
                out: Box::new(std::io::BufWriter::with_capacity(
                    1 << 20,
                    std::io::stdout(),
                )),
                file: None,
                kind: "stdout",
            });
        }
        let name = path.display().to_string();
        let io = |e: std::io::Error| SinkError::Io {
            sink: name.clone(),
            message: e.kind().to_string(),
        };
        let f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(io)?;
        // only a regular file is fsynced: a named pipe or a device (`/dev/null`) refuses it
        // (EINVAL), and for them the flush is all there is
        let sync = if f.metadata().map_err(io)?.is_file() {
            Some(f.try_clone().map_err(io)?)
        } else {
            None
        };
        Ok(FileSink {
            name,
            out: Box::new(std::io::BufWriter::with_capacity(1 << 20, f)),
            file: sync,
            kind: "file",
        })
    }

    /// Any writer (tests, benches).
    pub fn from_writer(name: &str, w: Box<dyn Write + Send>) -> FileSink {
        FileSink {
            name: name.into(),
            out: w,
            file: None,
            kind: "file",
        }
    }
}

impl Sink for FileSink {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn write_batch(&mut self, batch: &[OutRecord]) -> Result<(), SinkError> {
        let err = |e: std::io::Error| {
            let message = e.kind().to_string();
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                // the reader of the pipe went away (`phigate scan … | head`): for good, so no
                // retries; the run stops without confirming the batch
                SinkError::Service {
                    sink: self.name.clone(),
                    message,
                    retryable: false,
                }
            } else {
                SinkError::Io {
                    sink: self.name.clone(),
                    message,
                }
            }
        };
        for r in batch {
            self.out.write_all(&r.payload).map_err(err)?;
            self.out.write_all(b"\n").map_err(err)?;
        }
        self.out.flush().map_err(err)?;
        if let Some(f) = &self.file {
            f.sync_data().map_err(err)?;
        }
        Ok(())
    }
}

/// Accepts and discards (`phigate scan` without `--quarantine`: counted only).
#[derive(Debug, Default)]
pub struct NullSink;

impl Sink for NullSink {
    fn kind(&self) -> &'static str {
        "null"
    }
    fn write_batch(&mut self, _batch: &[OutRecord]) -> Result<(), SinkError> {
        Ok(())
    }
    fn discards(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A batch to a regular file is written and fsynced; to a device that refuses fsync
    /// (`/dev/null`, as a named pipe would) it is written and confirmed, not failed.
    #[test]
    fn a_batch_is_confirmed_on_a_file_and_on_a_device() {
        let batch = [OutRecord::new(b"{\"a\":1}".to_vec(), Vec::new())];
        let dir = std::env::temp_dir().join(format!("phigate-file-sink-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("out.jsonl");
        let mut sink = FileSink::open(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(sink.file.is_some());
        assert!(sink.write_batch(&batch).is_ok());
        let written = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written, b"{\"a\":1}\n");
        let _ = std::fs::remove_dir_all(&dir);
        let null = PathBuf::from("/dev/null");
        if null.exists() {
            let mut sink = FileSink::open(&null).unwrap_or_else(|e| panic!("{e}"));
            assert!(sink.file.is_none());
            let r = sink.write_batch(&batch);
            assert!(r.is_ok(), "{r:?}");
        }
    }
}
