//! JSONL files and stdin: one record a line. A JSON array spanning one line is one record.

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::{BatchLimits, Poll, Position, Record, Source, SourceError};

/// Reads files one after another (or stdin for `-`).
pub struct FileSource {
    paths: Vec<PathBuf>,
    current: Option<(Arc<str>, Box<dyn BufRead + Send>)>,
    line: u64,
    offset: u64,
    committed: u64,
    /// A line that crosses the end of the reader's buffer is gathered here, reused: each
    /// record then still gets one exact-size allocation (see `next_line`).
    line_buf: Vec<u8>,
}

impl FileSource {
    /// Files in order; `-` is stdin.
    pub fn new(paths: Vec<PathBuf>) -> FileSource {
        FileSource {
            paths,
            current: None,
            line: 0,
            offset: 0,
            committed: 0,
            line_buf: Vec::new(),
        }
    }

    /// Lines confirmed so far (all files).
    pub fn committed(&self) -> u64 {
        self.committed
    }

    fn open_next(&mut self) -> Result<bool, SourceError> {
        if self.paths.is_empty() {
            return Ok(false);
        }
        let p = self.paths.remove(0);
        let name: Arc<str> = p.display().to_string().into();
        let reader: Box<dyn BufRead + Send> = if p.as_os_str() == "-" {
            Box::new(std::io::BufReader::with_capacity(1 << 20, std::io::stdin()))
        } else {
            let f = std::fs::File::open(&p).map_err(|e| SourceError::Io {
                at: name.to_string(),
                message: e.kind().to_string(),
            })?;
            Box::new(std::io::BufReader::with_capacity(1 << 20, f))
        };
        self.current = Some((name, reader));
        self.line = 0;
        self.offset = 0;
        Ok(true)
    }
}

/// `BufRead::read_until(b'\n', buf)`, with the `memchr` crate's vectorised search instead of
/// std's word-at-a-time one (which took 1.4 instructions per byte).
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut n = 0;
    loop {
        let avail = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(n);
        }
        let (take, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        buf.extend_from_slice(&avail[..take]);
        reader.consume(take);
        n += take;
        if done {
            return Ok(n);
        }
    }
}

/// The next line without its line break (`\n`, and any `\r` before it), and how many bytes
/// it took from the reader (0 at the end). A line that is whole in the reader's buffer, as
/// nearly all are, is copied once, to its exact size; one that crosses the buffer's end is
/// gathered in `spill` first.
fn next_line(reader: &mut dyn BufRead, spill: &mut Vec<u8>) -> std::io::Result<(usize, Vec<u8>)> {
    let trimmed = |b: &[u8]| {
        let keep = b
            .iter()
            .rposition(|c| *c != b'\n' && *c != b'\r')
            .map_or(0, |i| i + 1);
        b[..keep].to_vec()
    };
    let avail = loop {
        match reader.fill_buf() {
            Ok(b) => break b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    if let Some(i) = memchr::memchr(b'\n', avail) {
        let line = trimmed(&avail[..i]);
        reader.consume(i + 1);
        return Ok((i + 1, line));
    }
    spill.clear();
    let n = read_line(reader, spill)?;
    Ok((n, trimmed(spill)))
}

impl Source for FileSource {
    fn kind(&self) -> &'static str {
        "file"
    }

    fn poll(&mut self, limits: &BatchLimits) -> Result<Poll, SourceError> {
        // (a batch is usually full: sized once instead of doubling ten times)
        let mut out = Vec::with_capacity(limits.max_records.min(4096));
        let mut bytes = 0;
        // the batch's records share the time its first line was read: the pipeline measures
        // latency from a batch's oldest record, and a clock read per line took 0.5% of a
        // `scan`'s CPU
        let mut read_at = None;
        while out.len() < limits.max_records && bytes < limits.max_bytes {
            if self.current.is_none() && !self.open_next()? {
                break;
            }
            let Some((name, reader)) = self.current.as_mut() else {
                break;
            };
            let (n, payload) =
                next_line(&mut **reader, &mut self.line_buf).map_err(|e| SourceError::Io {
                    at: format!("{name}:{}", self.line + 1),
                    message: e.kind().to_string(),
                })?;
            if n == 0 {
                self.current = None;
                continue;
            }
            self.line += 1;
            let offset = self.offset;
            self.offset += n as u64;
            if payload.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            bytes += payload.len();
            out.push(Record {
                payload,
                key: None,
                headers: Vec::new(),
                position: Position::File {
                    path: name.clone(),
                    line: self.line,
                    offset,
                },
                read_at: *read_at.get_or_insert_with(Instant::now),
            });
        }
        if out.is_empty() {
            Ok(Poll::End)
        } else {
            Ok(Poll::Records(out))
        }
    }

    fn commit(&mut self, done: &[Position]) -> Result<(), SourceError> {
        self.committed += done.len() as u64;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the same lines as `read_until`, across buffer refills of every size.
    #[test]
    fn read_line_matches_read_until() {
        let text = b"{\"a\":1}\n\n  \r\n{\"b\":\"x\\ny\"}\r\nlast line without newline";
        for cap in 1..=text.len() + 1 {
            let mut ours = std::io::BufReader::with_capacity(cap, &text[..]);
            let mut std_reader = std::io::BufReader::with_capacity(cap, &text[..]);
            loop {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let n = read_line(&mut ours, &mut a).unwrap_or_else(|e| panic!("{e}"));
                let m = std_reader
                    .read_until(b'\n', &mut b)
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!((n, &a), (m, &b), "buffer of {cap} bytes");
                if n == 0 {
                    break;
                }
            }
        }
    }

    /// `next_line` gives what `read_until` gives, less the line break, whether the line is
    /// whole in the reader's buffer or not.
    #[test]
    fn next_line_is_a_line_without_its_break() {
        let text = b"{\"a\":1}\n\n  \r\n{\"b\":\"x\\ny\"}\r\r\nlast line without newline";
        for cap in 1..=text.len() + 1 {
            let mut ours = std::io::BufReader::with_capacity(cap, &text[..]);
            let mut std_reader = std::io::BufReader::with_capacity(cap, &text[..]);
            let mut spill = Vec::new();
            loop {
                let (n, line) = next_line(&mut ours, &mut spill).unwrap_or_else(|e| panic!("{e}"));
                let mut b = Vec::new();
                let m = std_reader
                    .read_until(b'\n', &mut b)
                    .unwrap_or_else(|e| panic!("{e}"));
                while b.last().is_some_and(|c| *c == b'\n' || *c == b'\r') {
                    b.pop();
                }
                assert_eq!((n, &line), (m, &b), "buffer of {cap} bytes");
                if n == 0 {
                    break;
                }
            }
        }
    }
}
