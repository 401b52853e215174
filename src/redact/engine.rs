//! The engine: the compiled matcher, the transforms per label and the field rules, and the
//! redaction of text with them.

use super::{
    BuildError, CompiledFields, Label, Matcher, PatternSet, Span, Transforms, WorkerScratch,
};

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

/// Matcher + transforms + field rules: the whole engine.
#[derive(Debug)]
pub struct Engine {
    pub(super) matcher: Matcher,
    pub(super) transforms: Transforms,
    pub(super) fields: CompiledFields,
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
        Engine::tagging(&PatternSet::embedded()?, year)
    }

    /// `set`'s patterns with every label tagged (the default transforms; `year` is the one
    /// `generalize` would count ages from).
    pub fn tagging(set: &PatternSet, year: i32) -> Result<Engine, BuildError> {
        let t = Transforms::new(year, set.dictionary("restricted_zip3").to_vec());
        Engine::new(set, t)
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
        WorkerScratch::new(self.matcher.scratch())
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
        self.redact_text_onto(text, ws, out, stats)
    }

    /// [`Engine::redact_text_into`], appending to `out` (left as it was when nothing was
    /// found).
    pub(crate) fn redact_text_onto(
        &self,
        text: &str,
        ws: &mut WorkerScratch,
        out: &mut String,
        stats: &mut RedactStats,
    ) -> bool {
        let spans = self.matcher.detect(text, &mut ws.scratch);
        if spans.is_empty() {
            return false;
        }
        // (room for a tag per span: growing from empty took four reallocations an event)
        out.reserve(text.len() + 16 * spans.len());
        let mut last = 0;
        // (whether a span may run over a line break: searched once in the text)
        let lines = memchr::memchr(b'\n', text.as_bytes()).is_some();
        for s in spans {
            out.push_str(&text[last..s.start]);
            self.transforms
                .apply_lines(s.label, &text[s.start..s.end], lines, out);
            stats.add(s.label);
            last = s.end;
        }
        out.push_str(&text[last..]);
        true
    }
}
