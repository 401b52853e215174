//! The `match` / `no_match` examples of pattern files, checked the way `cargo test` checks
//! the embedded ones: each pattern compiled alone (so that another pattern cannot hide a
//! broken one, or take its match), with only the dictionaries its regex names.
//!
//! `phigate check`, `run`, `detect` and `scan` check a deployment's own pattern files so at
//! start-up: a pattern whose examples fail does not do what its author wrote, and the
//! pipeline refuses to start with it rather than leave its identifiers unredacted.

use std::fmt;
use std::ops::Range;

use super::matcher::Matcher;
use super::patterns::{PatternLabel, PatternSet, PatternSpec};
use super::span::SpanOrigin;
use super::BuildError;

/// What is wrong with one pattern's examples. Examples are numbered from 1 in file order;
/// their text is never printed (a deployment may have written a real-looking identifier).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExampleFault {
    /// No `match` examples: nothing shows what the pattern finds.
    NoMatchExamples,
    /// No `no_match` examples: nothing shows what it leaves alone.
    NoNoMatchExamples,
    /// `match` example n yields no span of the pattern (a `keep` pattern: no match of it).
    Missed(usize),
    /// `no_match` example n yields a span of the pattern (a `keep` pattern: a match of it).
    Matched(usize),
}

/// One fault of one pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The pattern's id.
    pub id: String,
    /// The file it came from.
    pub origin: String,
    /// What is wrong.
    pub fault: ExampleFault,
}

impl ExampleFailure {
    /// A missing list of examples, rather than an example that fails.
    pub fn is_missing(&self) -> bool {
        matches!(
            self.fault,
            ExampleFault::NoMatchExamples | ExampleFault::NoNoMatchExamples
        )
    }
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pattern `{}` ({}): ", self.id, self.origin)?;
        match self.fault {
            ExampleFault::NoMatchExamples => {
                write!(f, "has no `match` examples: nothing checks what it finds")
            }
            ExampleFault::NoNoMatchExamples => {
                write!(
                    f,
                    "has no `no_match` examples: nothing checks what it leaves"
                )
            }
            ExampleFault::Missed(n) => write!(f, "`match` example #{n} yields no span of it"),
            ExampleFault::Matched(n) => write!(f, "`no_match` example #{n} yields a span of it"),
        }
    }
}

/// The pattern `p` of `set` alone, with the cue lists and the dictionaries its regex names.
fn alone(set: &PatternSet, p: &PatternSpec) -> PatternSet {
    PatternSet {
        version: set.version.clone(),
        patterns: vec![p.clone()],
        cues: set.cues.clone(),
        dictionaries: set
            .dictionaries
            .iter()
            .filter(|(role, _)| p.names_dictionary(role))
            .map(|(role, d)| (role.clone(), d.clone()))
            .collect(),
        fields: Default::default(),
    }
}

/// Check the examples of the patterns at `which` (indices into `set.patterns`). Every fault
/// is listed, in pattern order; an error only when a pattern does not compile alone.
pub fn example_failures(
    set: &PatternSet,
    which: Range<usize>,
) -> Result<Vec<ExampleFailure>, BuildError> {
    let mut out = Vec::new();
    for p in &set.patterns[which] {
        let fail = |fault| ExampleFailure {
            id: p.id.clone(),
            origin: p.origin.clone(),
            fault,
        };
        if p.matches.is_empty() {
            out.push(fail(ExampleFault::NoMatchExamples));
        }
        if p.no_match.is_empty() {
            out.push(fail(ExampleFault::NoNoMatchExamples));
        }
        if p.matches.is_empty() && p.no_match.is_empty() {
            continue;
        }
        let m = Matcher::build(&alone(set, p))?;
        let mut sc = m.scratch();
        // a span of the pattern, or for a `keep` pattern a region it protects
        let mut hits = |text: &str| match p.label {
            PatternLabel::Keep => {
                m.detect(text, &mut sc);
                !sc.keeps.is_empty()
            }
            PatternLabel::Phi(_) => m
                .detect(text, &mut sc)
                .iter()
                .any(|s| s.origin == SpanOrigin::Pattern(0)),
        };
        for (k, ex) in p.matches.iter().enumerate() {
            if !hits(ex) {
                out.push(fail(ExampleFault::Missed(k + 1)));
            }
        }
        for (k, ex) in p.no_match.iter().enumerate() {
            if hits(ex) {
                out.push(fail(ExampleFault::Matched(k + 1)));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[pattern]]
id = "mrn.acme"
label = "MRN"
regex = '\bACME-\d{6}\b'
match = ["chart ACME-123456 today", "ACME-654321"]
no_match = ["ACME-12345", "ACME-1234567"]

[[pattern]]
id = "mrn.acme_wrong"
label = "MRN"
regex = '\bACM-\d{6}\b'
match = ["ACME-123456", "ACM-123456"]
no_match = ["ACM-123456"]

[[pattern]]
id = "keep.ticket"
label = "keep"
regex = '\bTKT-\d{4}\b'
match = ["TKT-1234", "TKT-12"]
no_match = ["TKT-99999"]

[[pattern]]
id = "mrn.bare"
label = "MRN"
regex = '\bBARE-\d{6}\b'
"#;

    fn set_with_file() -> (PatternSet, Range<usize>) {
        let mut set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let from = set.patterns.len();
        // (a directory per call: the tests run in parallel, and each removes its own)
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("phigate-examples-{}-{call}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("acme.toml");
        std::fs::write(&path, FILE).unwrap_or_else(|e| panic!("{e}"));
        set.add_file(&path).unwrap_or_else(|e| panic!("{e}"));
        std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let to = set.patterns.len();
        (set, from..to)
    }

    /// A correct pattern passes; a wrong one fails on exactly the examples it gets wrong;
    /// a `keep` pattern's examples are checked by its matches; missing lists are listed.
    #[test]
    fn a_deployments_examples_are_checked_one_by_one() {
        let (set, user) = set_with_file();
        let faults: Vec<(String, ExampleFault)> = example_failures(&set, user)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|f| (f.id, f.fault))
            .collect();
        let f = |id: &str, fault| (id.to_string(), fault);
        assert_eq!(
            faults,
            [
                f("mrn.acme_wrong", ExampleFault::Missed(1)),
                f("mrn.acme_wrong", ExampleFault::Matched(1)),
                f("keep.ticket", ExampleFault::Missed(2)),
                f("mrn.bare", ExampleFault::NoMatchExamples),
                f("mrn.bare", ExampleFault::NoNoMatchExamples),
            ]
        );
    }

    /// A failure names the pattern, its file and the example's number, never its text.
    #[test]
    fn a_failure_names_the_pattern_and_the_example_number() {
        let (set, user) = set_with_file();
        let failures = example_failures(&set, user).unwrap_or_else(|e| panic!("{e}"));
        let text = failures[0].to_string();
        assert!(text.starts_with("pattern `mrn.acme_wrong` ("), "{text}");
        assert!(text.contains("acme.toml"), "{text}");
        assert!(
            text.ends_with("`match` example #1 yields no span of it"),
            "{text}"
        );
        assert!(!text.contains("ACM"), "{text}");
        assert!(failures[3].is_missing() && !failures[0].is_missing());
    }
}
