//! Per-worker state: the matcher's scratch and the JSON parse buffers, and a pool that keeps
//! one per rayon thread.

use super::{Engine, Scratch};

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
    /// The tape of the record being processed (the one above is [`WorkerScratch::parse`]'s,
    /// which redaction uses for JSON inside strings while this one is in use), kept empty
    /// between records.
    pub event_tape: simd_json::Tape<'static>,
    /// [`Engine::redact_tape`]'s replaced strings, kept between records for their
    /// allocation.
    pub edits: super::Edits,
    /// Set by [`Engine::redact_value`] when it renamed or retyped a member of the event's
    /// own tree (not of JSON decoded from a string): the event's members then no longer
    /// match its record's, and it must be written anew. Cleared by each call.
    pub reshaped: bool,
}

impl WorkerScratch {
    /// Around a matcher's scratch, with empty parse buffers.
    pub(super) fn new(scratch: Scratch) -> WorkerScratch {
        WorkerScratch {
            scratch,
            json: simd_json::Buffers::default(),
            json_input: Vec::new(),
            json_tape: simd_json::Tape(Vec::new()),
            event_tape: simd_json::Tape(Vec::new()),
            edits: super::Edits::default(),
            reshaped: false,
        }
    }

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
