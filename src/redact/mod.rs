//! The PHI detection and redaction engine. No I/O, no async, no Kafka or AWS types: usable from
//! the pipeline, the CLI, benches and fuzzers alike.
//!
//! # How it works
//! * [`PatternSet`] loads `patterns/` (embedded by default): regex patterns with ids, labels,
//!   validators, cues and examples; dictionaries; cue lists; field rules.
//! * [`Matcher`] compiles every regex into one multi-pattern `regex-automata` automaton, the
//!   cue words into one Aho-Corasick automaton and the dictionaries into hashed token sets. It
//!   is immutable and `Send + Sync`; each worker owns a [`WorkerScratch`].
//! * [`Engine`] adds per-label [`Transforms`] and the field rules, and redacts text
//!   ([`Engine::redact_text`]) or whole parsed events ([`Engine::redact_value`]).
//!
//! # Guarantees
//! * Spans are UTF-8 byte ranges on char boundaries, sorted and disjoint; overlapping candidates
//!   merge deterministically (the higher-priority pattern's label wins, the union is covered).
//! * Redaction is idempotent for what it produced: tags (`[NAME]`), HMAC tokens and masks are
//!   protected by `keep` patterns and never re-detected. The name and place rules read a
//!   pattern's match as the tag it will become: the words inside it are no words to them, and
//!   no cue reaches across it ("Dad a@b.example Xy" reads like "Dad \[EMAIL\] Xy"). A second
//!   pass never un-redacts anything. A match that ends a sentence keeps the period outside
//!   its tag ("\[ADDRESS\]."), and the rules read it so in both passes. A line's case (mixed,
//!   or flat: ALL CAPS or all lower case) is judged from its words; when the words left
//!   once the found names are tags would judge it otherwise (its only capital was in a
//!   name), the text is read again with the found words as tags-to-be, at most three
//!   times, and what every reading found is kept. See Limits for what the property test
//!   covers.
//! * Nothing here logs, and no error carries input text: errors name pattern ids, files and
//!   JSON paths.
//!
//! # Limits
//! * Detection is rules and dictionaries, not a statistical model. Names that are in no list,
//!   lower-cased and without any cue ("saw bob today") can be missed; see the accuracy figures
//!   in `benches/README.md` for what that costs on real text.
//! * Identifiers split across separate JSON fields are judged field by field.
//! * Some context rules also read the raw characters around a word (a period, a hyphen, a
//!   line start), and those differ between a match and its tag: idempotence rests on the
//!   property test and the found cases in `tests/integration/robustness.rs`, not on a proof.
//!   Numbers inside a match stay visible to the address rules (a house number read as a year
//!   still opens its address).
//! * The property test runs on pieces separated by whitespace and on pieces glued together
//!   ("555-0147Dr. Marisol"), and every case it found is fixed and kept as a found case.
//!   That is evidence, not a proof: the rules read context (capitals, cues, line starts),
//!   and the found cases show how a tag can change it. The known ways are handled: words
//!   inside a match are no words, a line's case is judged again without its found names, a
//!   span takes the whole apostrophe-joined word it ends in, no cue is read inside our own
//!   output or across it, and no rule takes a tag for the start of the text.
//! * Images, audio and other media behind URLs are not inspected; URL query values are.
//! * A single text longer than 1 GiB is not read word by word: the name and place rules cover
//!   it whole with one `OTHER_ID` span (fail closed). The pipeline's records are far smaller
//!   (`max_record_bytes`, 1 MiB by default).

mod address;
mod error;
mod json;
mod label;
mod lexicon;
mod matcher;
mod patterns;
mod span;
mod transform;
mod validators;
mod wordmap;

pub use error::BuildError;
pub use json::{CompiledFields, RedactError, MAX_DEPTH};
pub use label::{Label, UnknownLabel};
pub use matcher::{CompiledPattern, Matcher, Scratch};
pub use patterns::{toml_position, Cues, FieldRules, PatternLabel, PatternSet, PatternSpec};
pub use span::{Span, SpanOrigin};
pub use transform::{normalize, HmacKey, Secret, TransformKind, TransformSpec, Transforms};
pub use validators::Validator;

/// Redactions counted by label (for `phigate_redactions_total{label}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedactStats {
    /// Index by [`Label::index`].
    pub by_label: [u64; 16],
}

impl RedactStats {
    /// Count one redaction.
    pub fn add(&mut self, l: Label) {
        self.by_label[l.index()] += 1;
    }

    /// Add another set of counts.
    pub fn merge(&mut self, o: &RedactStats) {
        for (a, b) in self.by_label.iter_mut().zip(o.by_label.iter()) {
            *a += b;
        }
    }

    /// Total redactions.
    pub fn total(&self) -> u64 {
        self.by_label.iter().sum()
    }
}

/// Per-worker state: the matcher's scratch and reusable JSON parse buffers.
pub struct WorkerScratch {
    /// Matcher scratch (regex caches, token buffers).
    pub scratch: Scratch,
    /// simd-json's parse buffers, kept between records (allocating them per record showed up
    /// as fresh-page faults in profiles).
    pub json: simd_json::Buffers,
    /// A copy of the record being parsed (simd-json parses in place).
    pub json_input: Vec<u8>,
    /// simd-json's tape, kept empty between records for its allocation (see
    /// [`WorkerScratch::parse`]).
    json_tape: simd_json::Tape<'static>,
}

impl WorkerScratch {
    /// Parse `input` in place with this scratch's buffers and tape:
    /// `simd_json::to_borrowed_value_with_buffers`, but without a fresh tape per record (its
    /// allocation, grown to the record's size, cost ~360 instructions per `scan` line).
    pub fn parse<'i>(
        &mut self,
        input: &'i mut [u8],
    ) -> simd_json::Result<simd_json::BorrowedValue<'i>> {
        // (`Tape::reset` empties it and gives it the lifetime of this input, then back)
        let mut tape = std::mem::replace(&mut self.json_tape, simd_json::Tape(Vec::new())).reset();
        let parsed = simd_json::fill_tape(input, &mut self.json, &mut tape)
            .map(|()| simd_json::value::lazy::Value::from_tape(tape.as_value()).into_value());
        self.json_tape = tape.reset();
        parsed
    }
}

impl std::fmt::Debug for WorkerScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WorkerScratch {{ {:?} }}", self.scratch)
    }
}

/// One [`WorkerScratch`] per rayon pool thread, kept for the whole run: a fresh scratch per
/// rayon split would start the lazy DFA cold again and again.
#[derive(Debug)]
pub struct ScratchPool {
    slots: Vec<std::sync::Mutex<WorkerScratch>>,
}

impl ScratchPool {
    /// One scratch per thread of the current rayon pool.
    pub fn new(engine: &Engine) -> ScratchPool {
        ScratchPool {
            slots: (0..rayon::current_num_threads().max(1))
                .map(|_| std::sync::Mutex::new(engine.worker()))
                .collect(),
        }
    }

    /// Run `f` with the calling pool thread's scratch. A panic inside `f` poisons it: the
    /// next call replaces it with a fresh one (whatever the panic left half-written is
    /// dropped) and keeps that for the rest of the run.
    pub fn with<R>(&self, engine: &Engine, f: impl FnOnce(&mut WorkerScratch) -> R) -> R {
        let slot = &self.slots[rayon::current_thread_index().unwrap_or(0) % self.slots.len()];
        let mut ws = slot.lock().unwrap_or_else(|poisoned| {
            let mut ws = poisoned.into_inner();
            *ws = engine.worker();
            slot.clear_poison();
            ws
        });
        f(&mut ws)
    }
}

/// Matcher + transforms + field rules: the whole engine.
#[derive(Debug)]
pub struct Engine {
    matcher: Matcher,
    transforms: Transforms,
    fields: CompiledFields,
}

impl Engine {
    /// Build from a loaded pattern set and configured transforms.
    pub fn new(set: &PatternSet, transforms: Transforms) -> Result<Engine, BuildError> {
        Ok(Engine {
            matcher: Matcher::build(set)?,
            transforms,
            fields: CompiledFields::new(&set.fields),
        })
    }

    /// The embedded default patterns with every label tagged.
    pub fn embedded_default(year: i32) -> Result<Engine, BuildError> {
        let set = PatternSet::embedded()?;
        let t = Transforms::new(year, set.dictionary("restricted_zip3").to_vec());
        Engine::new(&set, t)
    }

    /// The matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The transforms.
    pub fn transforms(&self) -> &Transforms {
        &self.transforms
    }

    /// Fresh per-worker scratch.
    pub fn worker(&self) -> WorkerScratch {
        WorkerScratch {
            scratch: self.matcher.scratch(),
            json: simd_json::Buffers::default(),
            json_input: Vec::new(),
            json_tape: simd_json::Tape(Vec::new()),
        }
    }

    /// Detect spans in text (see [`Matcher::detect`]).
    pub fn detect<'s>(&self, text: &str, ws: &'s mut WorkerScratch) -> &'s [Span] {
        self.matcher.detect(text, &mut ws.scratch)
    }

    /// Redact `text`, returning the result.
    pub fn redact_text(
        &self,
        text: &str,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
    ) -> String {
        let mut out = String::new();
        if self.redact_text_into(text, ws, &mut out, stats) {
            out
        } else {
            text.to_string()
        }
    }

    /// Redact `text` into `out` (cleared first). Returns false, leaving `out` empty, when
    /// nothing was found (the caller keeps the original without copying).
    pub fn redact_text_into(
        &self,
        text: &str,
        ws: &mut WorkerScratch,
        out: &mut String,
        stats: &mut RedactStats,
    ) -> bool {
        out.clear();
        let spans = self.matcher.detect(text, &mut ws.scratch);
        if spans.is_empty() {
            return false;
        }
        // (room for a tag per span: growing from empty took four reallocations an event)
        out.reserve(text.len() + 16 * spans.len());
        let mut last = 0;
        for s in spans {
            out.push_str(&text[last..s.start]);
            self.transforms.apply(s.label, &text[s.start..s.end], out);
            stats.add(s.label);
            last = s.end;
        }
        out.push_str(&text[last..]);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One scratch parses record after record (large after small, after a bad one) as
    /// simd-json parses each with fresh buffers and tape.
    #[test]
    fn a_kept_tape_parses_as_a_fresh_one() {
        let engine = Engine::embedded_default(2026).unwrap_or_else(|e| panic!("{e}"));
        let mut ws = engine.worker();
        let records = [
            r#"{"a":1}"#,
            r#"[{"type":"x","data":{"to":"+12025550100","n":[1,2.5,null,true]}},{"b":"\u00e9\n"}]"#,
            r#"{"a":"#,
            r#""just a string""#,
            r#"{"k":{"deep":[[[{"x":"y"}]]]},"s":"tab\tquote\"end"}"#,
            r#"{"a":1}"#,
        ];
        let mut parsed = 0;
        for r in records {
            let (mut mine, mut fresh) = (r.as_bytes().to_vec(), r.as_bytes().to_vec());
            let want = simd_json::to_borrowed_value(&mut fresh).map_err(|e| e.to_string());
            let got = ws.parse(&mut mine).map_err(|e| e.to_string());
            assert_eq!(got, want, "{r}");
            parsed += usize::from(got.is_ok());
        }
        assert_eq!(parsed, records.len() - 1);
    }

    /// After a panic inside `with`, the next call gets a working scratch, and the slot is
    /// usable again (not a fresh scratch per call for the rest of the run).
    #[test]
    fn a_panic_leaves_a_fresh_scratch_behind() {
        let engine = Engine::embedded_default(2026).unwrap_or_else(|e| panic!("{e}"));
        let pool = ScratchPool::new(&engine);
        let text = "call 617-555-0199 today";
        let want = pool.with(&engine, |ws| engine.detect(text, ws).len());
        let hit = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.with(&engine, |_| -> usize { panic!("internal") })
        }));
        assert!(hit.is_err());
        assert_eq!(pool.with(&engine, |ws| engine.detect(text, ws).len()), want);
        assert!(pool.slots.iter().all(|s| !s.is_poisoned()));
    }
}
