//! `phigate detect [FILE]`: JSONL `{"id", "text"}` in, one `{"id", "spans"}` line out per input
//! line, in order. Offsets are UTF-8 bytes, end exclusive. Bad lines give
//! `{"line": N, "error": CODE}` and never echo content; so does a line the engine fails on
//! (an internal error, `engine_failed`), and the run goes on with the next line.

use std::io::{BufRead, Write};

use rayon::prelude::*;
use simd_json::prelude::{ValueAsScalar, ValueObjectAccess, Writable};

use crate::redact::{Engine, WorkerScratch};

/// Error codes for lines that cannot be scanned.
pub const ERR_INVALID_JSON: &str = "invalid_json";
/// The line is JSON but has no string `text`.
pub const ERR_NO_TEXT: &str = "missing_text";
/// The line is not UTF-8.
pub const ERR_NOT_UTF8: &str = "invalid_utf8";
/// The engine failed on the line (a panic: a bug). No spans are claimed for it; the panic
/// hook prints where, never the message (it could quote the text).
pub const ERR_ENGINE: &str = "engine_failed";

/// `f`'s output line, or the `engine_failed` error line for `line_no` if `f` panics.
fn guarded(line_no: usize, f: impl FnOnce() -> String) -> String {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| format!("{{\"line\":{line_no},\"error\":\"{ERR_ENGINE}\"}}"))
}

/// Process one line into its output line (without the newline).
pub fn detect_line(
    engine: &Engine,
    ws: &mut WorkerScratch,
    line_no: usize,
    line: &[u8],
    explain: bool,
) -> String {
    let mut buf = line.to_vec();
    let Ok(v) = simd_json::to_owned_value(&mut buf) else {
        let code = if std::str::from_utf8(line).is_err() {
            ERR_NOT_UTF8
        } else {
            ERR_INVALID_JSON
        };
        return format!("{{\"line\":{line_no},\"error\":\"{code}\"}}");
    };
    let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
        return format!("{{\"line\":{line_no},\"error\":\"{ERR_NO_TEXT}\"}}");
    };
    let id = v
        .get("id")
        .map_or_else(|| "null".to_string(), |i| i.encode());
    let spans = engine.detect(text, ws);
    let mut out = String::with_capacity(32 + spans.len() * 48);
    out.push_str("{\"id\":");
    out.push_str(&id);
    out.push_str(",\"spans\":[");
    for (i, s) in spans.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"start\":{},\"end\":{},\"label\":\"{}\"",
            s.start, s.end, s.label
        ));
        if explain {
            let origin = match s.origin {
                crate::redact::SpanOrigin::Pattern(p) => engine.matcher().patterns()[p].id.clone(),
                crate::redact::SpanOrigin::Lexicon => "lexicon".into(),
            };
            out.push_str(&format!(",\"pattern\":\"{origin}\""));
        }
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// Run over a reader, writing to a writer, a batch of lines at a time in parallel. A read
/// error names the input (`name`: its path, or "stdin") and the line, never content.
pub fn run(
    engine: &Engine,
    name: &str,
    input: impl BufRead,
    mut out: impl Write,
    explain: bool,
) -> std::io::Result<u64> {
    const BATCH: usize = 2048;
    let mut lines: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH);
    let mut n = 0u64;
    let scratches = crate::redact::ScratchPool::new(engine);
    let flush = |lines: &mut Vec<(usize, Vec<u8>)>, out: &mut dyn Write| -> std::io::Result<()> {
        let results: Vec<String> = lines
            .par_iter()
            .map(|(no, l)| {
                guarded(*no, || {
                    scratches.with(engine, |ws| detect_line(engine, ws, *no, l, explain))
                })
            })
            .collect();
        for r in results {
            out.write_all(r.as_bytes())?;
            out.write_all(b"\n")?;
        }
        lines.clear();
        Ok(())
    };
    for (i, line) in input.split(b'\n').enumerate() {
        let mut line = line.map_err(|e| {
            std::io::Error::new(e.kind(), format!("read error at {name}:{}: {e}", i + 1))
        })?;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        n += 1;
        lines.push((i + 1, line));
        if lines.len() == BATCH {
            flush(&mut lines, &mut out)?;
        }
    }
    flush(&mut lines, &mut out)?;
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_lines_error() {
        assert_eq!(guarded(7, || "{\"id\":1}".into()), "{\"id\":1}");
        let out = guarded(7, || panic!("internal"));
        assert_eq!(out, "{\"line\":7,\"error\":\"engine_failed\"}");
    }
}
