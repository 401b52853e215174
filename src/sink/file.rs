//! JSONL file / stdout sink, and a null sink that only counts.

use std::io::Write;
use std::path::PathBuf;

use super::{OutRecord, Sink, SinkError};

/// Appends one line per record; a batch is flushed (and fsynced for files) before it is
/// confirmed.
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
        let f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| SinkError::Io {
                sink: name.clone(),
                message: e.kind().to_string(),
            })?;
        let sync = f.try_clone().map_err(|e| SinkError::Io {
            sink: name.clone(),
            message: e.kind().to_string(),
        })?;
        Ok(FileSink {
            name,
            out: Box::new(std::io::BufWriter::with_capacity(1 << 20, f)),
            file: Some(sync),
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
