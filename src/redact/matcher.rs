//! The compiled matcher: every regex pattern in one multi-pattern `regex-automata` automaton,
//! cue words in one Aho-Corasick automaton, validators as post-filters, and the lexicon for
//! names and places. Immutable and `Send + Sync`; each worker brings a [`Scratch`].

use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_automata::hybrid;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::{self, pikevm::PikeVM};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, Match, PatternID, PatternSet as RegexPatternSet};

use super::address::AddressWords;
use super::error::BuildError;
use super::fold::{self, Origins};
use super::label::Label;
use super::lexicon::{case_changes_under, LexScratch, Lexicon};
use super::patterns::{contains_ascii_ci, word_set, PatternLabel, PatternSet, PatternSpec};
use super::span::{merge, merge_by, possessive_len, unspaced_script, Span, SpanOrigin};
use super::transform::TOKEN_CHARS;
use super::validators::{Validator, ValidatorWords};
use super::wordmap::EndsFilter;

/// Lazy-DFA cache per worker scratch.
const HYBRID_CACHE_BYTES: usize = 32 << 20;

/// The most heap one pattern's NFA may take alone (`meta::Regex`'s default): a user pattern
/// such as `(?:\w{100}){100}` fails to build, named, instead of taking minutes and gigabytes.
const PATTERN_NFA_LIMIT: Option<usize> = Some(10 << 20);

/// The most heap the NFA of the union may take. The embedded patterns' reversed union alone
/// takes about 7 MiB (more while it is built): at [`PATTERN_NFA_LIMIT`] a deployment's file
/// with one pattern of Unicode classes (`\p{Lu}\p{Ll}{2,20}`, ~1 MiB reversed) did not
/// start. A pattern too big alone still fails, named, once the union passes this (in under
/// a second and ~200 MB of heap for `(?:\w{100}){100}`).
const UNION_NFA_LIMIT: Option<usize> = Some(64 << 20);

/// What the matcher keeps of each pattern after compiling.
#[derive(Clone, Debug)]
pub struct CompiledPattern {
    /// Stable id from the pattern file.
    pub id: String,
    /// Label, or keep.
    pub label: PatternLabel,
    validator: Option<Validator>,
    /// Indices into the cue automaton's patterns; empty = no cue needed.
    cue_ids: Vec<usize>,
    cue_window: usize,
    cues_after: bool,
    /// Capture group indices that narrow the span (`phi`, `phi2`, …), in `alone`.
    phi_groups: Vec<usize>,
    /// This pattern compiled by itself, for its capture groups: resolving them in the
    /// union of all patterns would make the backtracker clear a visited set the size of every
    /// pattern's NFA for each match.
    alone: Option<Regex>,
}

/// Per-worker mutable state: regex caches and buffers. Create one per thread with
/// [`Matcher::scratch`]; never share it.
pub struct Scratch {
    cache: hybrid::dfa::Cache,
    /// The PikeVMs' caches, made at their first use: a PikeVM cache holds a slot table the
    /// size of the union's NFA (~140M instructions to make, per worker, and rarely used).
    pike_cache: Option<thompson::pikevm::Cache>,
    any_cache: hybrid::dfa::Cache,
    any_pike_cache: Option<thompson::pikevm::Cache>,
    rev_cache: hybrid::dfa::Cache,
    any_hits: RegexPatternSet,
    /// Cache and captures of each pattern's own regex (`None` without `phi` groups).
    alone: Vec<Option<(meta::Cache, Captures)>>,
    pub(crate) spans: Vec<Span>,
    /// The regions `keep` patterns matched in the last text.
    pub(super) keeps: Vec<(usize, usize)>,
    /// Postal codes the lexicon found after a town (see `address::split_postal_codes`).
    postal_codes: Vec<(usize, usize)>,
    cue_hits: Vec<(usize, usize, usize)>,
    cues_scanned: bool,
    /// the lower-cased words of a span, looked up as a country
    key: String,
    lex: LexScratch,
    /// A text as the matcher reads it, when that is not as written, and where each of its
    /// bytes came from (see `fold`).
    folded: String,
    origins: Origins,
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scratch {{ spans: {} }}", self.spans.len())
    }
}

/// The immutable, shared detector.
pub struct Matcher {
    /// The union of all patterns, leftmost-first, searched forward: where the first match
    /// ends and which pattern it is (its start is found by `rev`). A lazy DFA over the
    /// union's NFA, which keeps only each pattern's implicit group (the narrowing to `phi`
    /// groups is each pattern's own regex), with one start state per pattern for the
    /// anchored searches of one pattern.
    fwd: hybrid::dfa::DFA,
    /// The same NFA in a PikeVM: whole matches where a lazy DFA gives up (a Unicode word
    /// boundary before a char outside ASCII) or the reverse search finds no start.
    pike: PikeVM,
    /// The same patterns with `MatchKind::All`: after a validator rejects a match, one
    /// anchored overlapping search says which other patterns match at that start (instead of
    /// one anchored search per remaining pattern). A lazy DFA over the same NFA as `fwd`,
    /// and a PikeVM for a text where it gives up.
    any: hybrid::dfa::DFA,
    any_pike: PikeVM,
    /// The patterns reversed, one start state each: a match's start, found back from its end
    /// for the one pattern that matched (the union's own reverse search reads every
    /// pattern's states at once, and its lazy DFA took ~400M instructions per worker to warm
    /// up; benches/LOG.md, session 36).
    rev: hybrid::dfa::DFA,
    patterns: Vec<CompiledPattern>,
    cues: AhoCorasick,
    /// Ids of the patterns that open with an unbounded class ([`Matcher::slow_openings`]).
    slow_openings: Vec<String>,
    lexicon: Lexicon,
    /// Context words of the validators (`cues.toml`).
    validator_words: ValidatorWords,
    /// Words of the address-block rules (`cues.toml`).
    address_words: AddressWords,
    /// Country names (`countries` dictionary): a bare country is no identifier.
    countries: Countries,
    version: String,
    /// How long [`Matcher::build`] took, for `phigate check` and the start-up log.
    pub build_time: std::time::Duration,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Matcher {{ patterns: {}, version: {} }}",
            self.patterns.len(),
            self.version
        )
    }
}

fn expand_dicts(spec: &PatternSpec, set: &PatternSet) -> Result<String, BuildError> {
    let mut out = String::with_capacity(spec.regex.len());
    let mut rest = spec.regex.as_str();
    while let Some(pos) = rest.find("{{dict:") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 7..];
        let Some(close) = after.find("}}") else {
            return Err(pattern_error(spec, "unclosed {{dict:"));
        };
        let name = &after[..close];
        let entries = set
            .dictionaries
            .get(name)
            .ok_or_else(|| BuildError::UnknownDictionary {
                id: spec.id.clone(),
                dict: name.to_string(),
            })?;
        let mut sorted: Vec<&str> = entries.iter().collect();
        // longest first so that alternation prefers "avenue" over "ave"
        sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        sorted.dedup();
        let alt: Vec<String> = sorted.iter().map(|e| regex_syntax_escape(e)).collect();
        out.push_str(&alt.join("|"));
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `\b` → `(?-u:\b)`: an ASCII word boundary. With Unicode word boundaries the lazy DFA
/// gives up on any non-ASCII text and the search falls back to the PikeVM, many times slower.
/// The difference only shows next to non-ASCII letters ("José5551234" has a boundary before
/// the digits with ASCII rules), where a boundary can only add a match, never split a
/// character: one side of an ASCII boundary is always an ASCII word byte.
fn ascii_word_boundaries(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + 16);
    let mut chars = src.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // (`\b{start}`, `\b{end-half}` and the others with their braces)
            Some('b') if chars.as_str().starts_with('{') => {
                let rest = chars.as_str();
                let close = rest.find('}').map_or(rest.len(), |k| k + 1);
                out.push_str("(?-u:\\b");
                out.push_str(&rest[..close]);
                out.push(')');
                chars = rest[close..].chars();
            }
            Some('b') => out.push_str("(?-u:\\b)"),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Does the regex open with a class repeated without bound (`[a-z0-9]+@…`, after any
/// look-around or group)? From every start in a long run of that class the automaton reads
/// to the run's end, so a candidate rejected at each start costs time quadratic in the run
/// (`patterns/README.md`). A literal, or a bounded repetition, first is fine.
fn opens_with_unbounded_class(h: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match h.kind() {
        HirKind::Capture(c) => opens_with_unbounded_class(&c.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .find(|p| !matches!(p.kind(), HirKind::Look(_)))
            .is_some_and(opens_with_unbounded_class),
        HirKind::Alternation(alts) => alts.iter().any(opens_with_unbounded_class),
        HirKind::Repetition(r) => {
            r.max.is_none() && matches!(r.sub.kind(), HirKind::Class(_))
                || opens_with_unbounded_class(&r.sub)
        }
        _ => false,
    }
}

/// An error in pattern `p`, named by its id and file.
fn pattern_error(p: &PatternSpec, message: impl Into<String>) -> BuildError {
    BuildError::Regex {
        id: p.id.clone(),
        file: p.origin.clone(),
        message: message.into(),
    }
}

/// One pattern compiled alone, as the union's patterns are (its captures narrow a match to
/// its `phi` group).
fn build_alone(src: &str) -> Result<Regex, String> {
    Regex::builder()
        .syntax(syntax::Config::new().unicode(true))
        .configure(Regex::config().nfa_size_limit(PATTERN_NFA_LIMIT))
        .build(src)
        .map_err(|e| e.to_string())
}

/// The union of the patterns did not compile although each parsed: name the first pattern
/// that does not compile alone either (a size limit), or the union.
fn union_error(
    specs: &[&PatternSpec],
    sources: &[String],
    union: &str,
    e: impl std::fmt::Display,
) -> BuildError {
    for (p, src) in specs.iter().zip(sources) {
        if let Err(message) = build_alone(src) {
            return pattern_error(p, message);
        }
    }
    union_failure(union, e)
}

/// An error of an automaton of the union (or of the cue automaton) that no one pattern
/// caused: named by what failed, `(all)`, `(all, reversed)`, `(cues)`.
fn union_failure(union: &str, e: impl std::fmt::Display) -> BuildError {
    BuildError::Union {
        automaton: union.into(),
        message: e.to_string(),
    }
}

/// Is the whole regex one group named `phi…` (`"(?P<phi>a|b)"`)? Then the group's span is the
/// match's, and resolving captures for it (a second search per match) is wasted. Reads
/// escapes and character classes so that a parenthesis inside them does not count; anything
/// it does not understand answers no (captures are then resolved, which is only slower).
fn whole_pattern_is_phi(src: &str) -> bool {
    let Some(rest) = src
        .strip_prefix("(?P<phi")
        .or_else(|| src.strip_prefix("(?<phi"))
    else {
        return false;
    };
    let b = rest.as_bytes();
    let mut depth = 1usize;
    let mut class = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' => {
                class += 1;
                // a `]` first in a class is a literal
                if b.get(i + 1) == Some(&b'^') {
                    i += 1;
                }
                if b.get(i + 1) == Some(&b']') {
                    i += 1;
                }
            }
            b']' if class > 0 => class -= 1,
            b'(' if class == 0 => depth += 1,
            b')' if class == 0 => {
                depth -= 1;
                if depth == 0 {
                    return i + 1 == b.len();
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

fn regex_syntax_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~ ".contains(c) {
            if c == ' ' {
                o.push_str("\\s+");
                continue;
            }
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// The NFA of the union of the patterns' parses, forward or reversed. Forward, it keeps
/// each pattern's implicit group only (the PikeVM reports a match's start by it); a reverse
/// NFA keeps none. An error names the pattern that is too big alone, if one is.
fn union_nfa(
    specs: &[&PatternSpec],
    sources: &[String],
    hirs: &[regex_syntax::hir::Hir],
    reverse: bool,
) -> Result<thompson::NFA, BuildError> {
    let union = if reverse { "(all, reversed)" } else { "(all)" };
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .reverse(reverse)
                .which_captures(if reverse {
                    thompson::WhichCaptures::None
                } else {
                    thompson::WhichCaptures::Implicit
                })
                .nfa_size_limit(UNION_NFA_LIMIT),
        )
        .build_many_from_hir(hirs)
        .map_err(|e| union_error(specs, sources, union, e))
}

/// A PikeVM over `nfa`: the fallback where a lazy DFA of the same NFA gives up. `union` names
/// the automaton in an error, as [`lazy_dfa`]'s does.
fn pike_vm(
    nfa: thompson::NFA,
    kind: regex_automata::MatchKind,
    union: &str,
) -> Result<PikeVM, BuildError> {
    PikeVM::builder()
        .configure(PikeVM::config().match_kind(kind))
        .build_from_nfa(nfa)
        .map_err(|e| union_failure(union, e))
}

/// A lazy DFA over `nfa` (one start state per pattern if `per_pattern`, for
/// `Anchored::Pattern` searches). It gives up, for the PikeVM, where a Unicode word boundary
/// meets a byte outside ASCII. The union of all patterns has many states: with the default
/// 2 MiB cache the lazy DFA cleared it over and over and spent most of its time rebuilding
/// states (measured in benches/LOG.md, 2026-11-30), hence [`HYBRID_CACHE_BYTES`].
fn lazy_dfa(
    nfa: thompson::NFA,
    kind: regex_automata::MatchKind,
    per_pattern: bool,
    union: &str,
) -> Result<hybrid::dfa::DFA, BuildError> {
    hybrid::dfa::DFA::builder()
        .configure(
            hybrid::dfa::DFA::config()
                .match_kind(kind)
                .starts_for_each_pattern(per_pattern)
                .unicode_word_boundary(true)
                .cache_capacity(HYBRID_CACHE_BYTES),
        )
        .build_from_nfa(nfa)
        .map_err(|e| union_failure(union, e))
}

/// What [`Matcher::build_regexes`] compiles: the matcher's regexes, patterns and cues.
struct Compiled {
    fwd: hybrid::dfa::DFA,
    pike: PikeVM,
    any: hybrid::dfa::DFA,
    any_pike: PikeVM,
    rev: hybrid::dfa::DFA,
    patterns: Vec<CompiledPattern>,
    cues: AhoCorasick,
    slow_openings: Vec<String>,
}

impl Matcher {
    /// Compile a pattern set. Errors name the pattern id and file.
    pub fn build(set: &PatternSet) -> Result<Matcher, BuildError> {
        let t0 = Instant::now();
        let mut specs: Vec<&PatternSpec> = set.patterns.iter().collect();
        // stable: higher priority first, then file order
        specs.sort_by_key(|p| std::cmp::Reverse(p.priority));
        let mut seen = std::collections::HashSet::new();
        for p in &specs {
            if !seen.insert(p.id.as_str()) {
                return Err(BuildError::DuplicateId(p.id.clone()));
            }
        }
        // the dictionaries (about as slow as the regexes) are hashed on a second thread
        std::thread::scope(|scope| {
            let lexicon = scope.spawn(|| Lexicon::build(set));
            let built = Self::build_regexes(set, &specs);
            let lexicon = lexicon
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            let Compiled {
                fwd,
                pike,
                any,
                any_pike,
                rev,
                patterns,
                cues,
                slow_openings,
            } = built?;
            Ok(Matcher {
                fwd,
                pike,
                any,
                any_pike,
                rev,
                patterns,
                cues,
                slow_openings,
                lexicon,
                validator_words: ValidatorWords::new(set),
                address_words: AddressWords::from_cues(&set.cues),
                countries: Countries::new(word_set(set.dictionary("countries")))
                    .with_regions(word_set(&set.cues.region_words), set.dictionary("states")),
                version: set.version.clone(),
                build_time: t0.elapsed(),
            })
        })
    }

    /// The union's automata (forward, overlapping, reversed, and the PikeVMs), each pattern's
    /// own regex, the cue automaton, and the patterns that open with an unbounded class.
    fn build_regexes(set: &PatternSet, specs: &[&PatternSpec]) -> Result<Compiled, BuildError> {
        let mut sources = Vec::with_capacity(specs.len());
        let mut hirs = Vec::with_capacity(specs.len());
        let mut slow_openings = Vec::new();
        let mut cue_words: Vec<String> = Vec::new();
        let mut compiled = Vec::with_capacity(specs.len());
        for p in specs {
            let body = expand_dicts(p, set)?;
            let body = ascii_word_boundaries(&body);
            // (a `phi` group around the whole pattern narrows nothing: the match is the span)
            let whole_phi = whole_pattern_is_phi(&body);
            let src = if p.case_insensitive {
                format!("(?i:{body})")
            } else {
                body
            };
            // parse each pattern alone first so a syntax error names it (only a pattern with a
            // `phi` group inside needs a regex of its own, and compiling the others too cost
            // an eighth of start-up); the automata below are compiled from these parses
            // rather than from the sources, which each would parse again
            let hir = regex_automata::util::syntax::parse_with(
                &src,
                &syntax::Config::new().unicode(true),
            )
            .map_err(|e| pattern_error(p, e.to_string()))?;
            // a pattern that matches nothing at all would be found everywhere (and the lazy
            // DFAs' searches do not keep an empty match from splitting a char)
            if hir.properties().minimum_len() == Some(0) {
                return Err(pattern_error(p, "it matches the empty string"));
            }
            if opens_with_unbounded_class(&hir) {
                slow_openings.push(p.id.clone());
            }
            // (a group's name is in the source as written: no "<phi", no `phi` group)
            let alone = if !whole_phi && src.contains("<phi") {
                // (searched only anchored, within a match already found, for its groups:
                // the one-pass DFA or the backtracker does that, and the lazy DFAs, with the
                // reverse NFA they need, would only be compiled)
                Some(
                    Regex::builder()
                        .configure(Regex::config().hybrid(false).dfa(false))
                        .build_from_hir(&hir)
                        .map_err(|e| pattern_error(p, e.to_string()))?,
                )
            } else {
                None
            };
            hirs.push(hir);
            let mut cue_ids = Vec::new();
            for c in &p.cues {
                let c = c.to_lowercase();
                let idx = match cue_words.iter().position(|w| *w == c) {
                    Some(i) => i,
                    None => {
                        cue_words.push(c);
                        cue_words.len() - 1
                    }
                };
                cue_ids.push(idx);
            }
            compiled.push(CompiledPattern {
                id: p.id.clone(),
                label: p.label,
                validator: p.validator,
                cue_ids,
                cue_window: p.cue_window,
                cues_after: p.cues_after,
                phi_groups: Vec::new(),
                alone,
            });
            sources.push(src);
        }
        // one NFA, compiled once, for the union's forward automata (a `meta::Regex` compiled
        // its own, a second with its reverse, and each of its parses again: 340M instructions
        // of start-up; benches/LOG.md, session 37)
        let nfa = union_nfa(specs, &sources, &hirs, false)?;
        let fwd = lazy_dfa(
            nfa.clone(),
            regex_automata::MatchKind::LeftmostFirst,
            true,
            "(all)",
        )?;
        let pike = pike_vm(
            nfa.clone(),
            regex_automata::MatchKind::LeftmostFirst,
            "(all)",
        )?;
        let any = lazy_dfa(
            nfa.clone(),
            regex_automata::MatchKind::All,
            false,
            "(all, overlapping)",
        )?;
        let any_pike = pike_vm(nfa, regex_automata::MatchKind::All, "(all, overlapping)")?;
        // the union reversed, each pattern with its own start state
        let rev_nfa = union_nfa(specs, &sources, &hirs, true)?;
        let rev = lazy_dfa(
            rev_nfa,
            regex_automata::MatchKind::All,
            true,
            "(all, reversed)",
        )?;
        for cp in compiled.iter_mut() {
            if let Some(alone) = &cp.alone {
                let info = alone.group_info();
                for (gi, name) in info.pattern_names(PatternID::ZERO).enumerate() {
                    if name.is_some_and(|n| n.starts_with("phi")) {
                        cp.phi_groups.push(gi);
                    }
                }
            }
            if cp.phi_groups.is_empty() {
                cp.alone = None;
            }
        }
        let cues = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&cue_words)
            .map_err(|e| union_failure("(cues)", e))?;
        Ok(Compiled {
            fwd,
            pike,
            any,
            any_pike,
            rev,
            patterns: compiled,
            cues,
            slow_openings,
        })
    }

    /// Ids of the patterns that open with a class repeated without bound (`[a-z0-9]+@…`): a
    /// long run of that class can take time quadratic in its length (`patterns/README.md`).
    /// None of the embedded patterns does; a deployment's own may, and `phigate check` and
    /// `run` warn about each.
    pub fn slow_openings(&self) -> &[String] {
        &self.slow_openings
    }

    /// Version of the pattern set this matcher was built from.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The compiled patterns, in priority order.
    pub fn patterns(&self) -> &[CompiledPattern] {
        &self.patterns
    }

    /// Fresh per-worker scratch.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            cache: self.fwd.create_cache(),
            pike_cache: None,
            any_cache: self.any.create_cache(),
            any_pike_cache: None,
            rev_cache: self.rev.create_cache(),
            any_hits: RegexPatternSet::new(self.any_pike.get_nfa().pattern_len()),
            alone: self
                .patterns
                .iter()
                .map(|p| {
                    p.alone
                        .as_ref()
                        .map(|r| (r.create_cache(), r.create_captures()))
                })
                .collect(),
            spans: Vec::new(),
            keeps: Vec::new(),
            postal_codes: Vec::new(),
            cue_hits: Vec::new(),
            cues_scanned: false,
            key: String::new(),
            lex: LexScratch::default(),
            folded: String::new(),
            origins: Origins::default(),
        }
    }

    /// Detect identifiers in `text`. Returns sorted, disjoint spans (UTF-8 byte offsets on
    /// char boundaries). The slice lives in `scratch` until the next call. (Out of line:
    /// `scripts/instructions.sh` counts what runs inside it.)
    #[inline(never)]
    pub fn detect<'s>(&self, text: &str, scratch: &'s mut Scratch) -> &'s [Span] {
        // (a text in ASCII, most texts, is answered by the standard library's word-at-a-time
        // test alone: nothing to fold, no CJK date)
        if text.is_ascii() {
            return self.detect_as_given(text, scratch, true);
        }
        match fold::first_outside_ascii(text.as_bytes()) {
            Some(at) if text.len() <= fold::MAX_LEN => self.detect_folded(text, at, scratch),
            _ => self.detect_as_given(text, scratch, false),
        }
    }

    /// [`Matcher::detect`] on a text that holds invisible format characters or look-alikes
    /// of ASCII (from byte `at`): the text is read without the one and with the other as
    /// their ASCII, and the spans found are mapped back onto it (see `fold`). (Out of line:
    /// few texts hold one.)
    #[cold]
    #[inline(never)]
    fn detect_folded<'s>(&self, text: &str, at: usize, scratch: &'s mut Scratch) -> &'s [Span] {
        let mut folded = std::mem::take(&mut scratch.folded);
        let mut origins = std::mem::take(&mut scratch.origins);
        fold::fold(text, at, &mut folded, &mut origins);
        self.detect_as_given(&folded, scratch, false);
        for sp in &mut scratch.spans {
            (sp.start, sp.end) = origins.to_original(sp.start, sp.end);
        }
        scratch.folded = folded;
        scratch.origins = origins;
        &scratch.spans
    }

    /// [`Matcher::detect`] on a text read as given (`ascii`: it holds only ASCII).
    fn detect_as_given<'s>(&self, text: &str, scratch: &'s mut Scratch, ascii: bool) -> &'s [Span] {
        scratch.spans.clear();
        scratch.keeps.clear();
        scratch.lex.opaque.clear();
        scratch.cues_scanned = false;
        self.regex_spans(text, scratch);
        // (月 and 월 open with these bytes: one pass over a text outside ASCII says most hold
        // neither)
        if !ascii && memchr::memchr2(0xE6, 0xEC, text.as_bytes()).is_some() {
            cjk_dates(text, &mut scratch.spans);
        }
        self.lexicon
            .detect(text, &mut scratch.lex, &mut scratch.spans);
        // the postal codes the lexicon found after a town: ZIPs, whatever address block
        // grows over them below
        scratch.postal_codes.clear();
        scratch.postal_codes.extend(
            scratch
                .spans
                .iter()
                .filter(|s| s.label == Label::Zip && s.origin == SpanOrigin::Lexicon)
                .map(|s| (s.start, s.end)),
        );
        // our own output that a pattern's match took in, opening before it ("MRN
        // MRN-7VTYHRFEALPD": the cue, then a token whose body starts with a digit), hid it
        // from the keep pattern, whose match starts later; the tokenizer saw it
        if !scratch.lex.own_output.is_empty() {
            scratch.keeps.extend_from_slice(&scratch.lex.own_output);
            scratch.keeps.sort_unstable();
            scratch.keeps.dedup();
        }
        subtract_keeps(text, scratch);
        let rank = |s: &Span| match s.origin {
            SpanOrigin::Pattern(i) => i as i64,
            SpanOrigin::Lexicon => i64::MAX,
        };
        // an address keeps its label over what it grew across
        let address_first = |s: &Span| {
            if s.label == Label::Address {
                -1
            } else {
                rank(s)
            }
        };
        // a number that opens an address or sits inside it is a house number, not a year
        // ("2060 Avenida Lindqvist 1277"), and so is one that ends it after two words or
        // more ("Via Velkaro 1999"); a year after one word may be a year after a month's
        // name ("Juni 2019"), and other labels keep their rank. (`s` never starts before
        // `cur`, and a span that starts with `cur` is no longer than it.)
        let better = |s: &Span, cur: &Span| match (s.label, cur.label) {
            (Label::Date, Label::Address)
                if s.end < cur.end || words_before_year(text, cur.start, s.start) =>
            {
                false
            }
            _ => rank(s) < rank(cur),
        };
        merge_by(&mut scratch.spans, rank, better);
        if widen_to_runs(text, &mut scratch.spans) {
            merge_by(&mut scratch.spans, rank, better);
            // (a span widened to its run does not take in our own output glued to it: the
            // name "Àb" of "PHONE-ABCDEFGH2345Àb" had grown over the token before it, which
            // the next redaction then found as a name)
            subtract_keeps(text, scratch);
        }
        if scratch.lex.address_cue
            && super::address::find_unanchored(text, &mut scratch.spans, &self.address_words)
        {
            merge(&mut scratch.spans, address_first);
        }
        if scratch.spans.iter().any(|s| s.label == Label::Address) {
            super::address::extend(text, &mut scratch.spans, &self.address_words, &self.lexicon);
            // the address rules work on ASCII word edges: widen again ("Ᾰaº0 Zürich")
            widen_to_runs(text, &mut scratch.spans);
            merge(&mut scratch.spans, address_first);
            // (nor does an address grow over our own output: "C/ Dr NAME-MCMOUKPDMW6C")
            subtract_keeps(text, scratch);
            // a block that grew over words that judged its line's case: read the text again
            // as the next redaction will, with every span a tag-to-be (idempotence)
            // (and one over words that judged its line's language)
            if case_changes_under(&scratch.lex, &scratch.spans)
                || self
                    .lexicon
                    .language_changes_under(text, &scratch.lex, &scratch.spans)
            {
                self.lexicon
                    .detect(text, &mut scratch.lex, &mut scratch.spans);
                // (what a keep pattern matched stays out of what this reading finds too:
                // "Merry Christmas from the staff of Sunrise Clinic!")
                subtract_keeps(text, scratch);
                widen_to_runs(text, &mut scratch.spans);
                merge(&mut scratch.spans, address_first);
            }
            if scratch.lex.address_cue {
                super::address::split_typed_corners(text, &mut scratch.spans);
            }
            super::address::drop_doubled_street_types(
                text,
                &mut scratch.spans,
                &self.address_words,
                &self.lexicon,
            );
        }
        if !scratch.postal_codes.is_empty() {
            super::address::split_postal_codes(text, &mut scratch.spans, &scratch.postal_codes);
        }
        if !self.countries.names.is_empty() {
            self.drop_bare_countries(text, &mut scratch.spans, &mut scratch.key);
        }
        // a period that ends a sentence stays outside the span ("12 Elm St." → "[ADDRESS]."):
        // inside, the tag would take the sentence end with it, and the redacted text would
        // read differently the next time (redaction must be idempotent)
        for sp in &mut scratch.spans {
            if super::span::ends_in_sentence_period(text.as_bytes(), sp.start, sp.end) {
                sp.end -= 1;
            }
        }
        &scratch.spans
    }

    /// A span that is a country and nothing else ("flew to Slovenia", "serving Southern
    /// Italy": a part of it named by `region_words`) is no identifier: Safe Harbor keeps
    /// geography down to the state. One that closes an address block
    /// ("…, Springfield, Portugal") stays with it.
    fn drop_bare_countries(&self, text: &str, spans: &mut Vec<Span>, key: &mut String) {
        let mut prev_address_end: Option<usize> = None;
        let mut grew = false;
        spans.retain_mut(|sp| {
            // "in Southern California": a part of a state, named by a region word taken for
            // a surname, is a place smaller than the state, with the state's name
            if !matches!(sp.label, Label::Name | Label::Address) {
                prev_address_end = None;
                return true;
            }
            let words = &text[sp.start..sp.end];
            let region = self.countries.region_word_at(words);
            if region == Some(words.len()) && sp.label == Label::Name {
                if let Some(n) = self.countries.state_after(&text[sp.end..], key) {
                    sp.label = Label::Address;
                    sp.end += n;
                    grew = true;
                } else if self.countries.country_after(&text[sp.end..], key).is_some() {
                    // "serving Southern Switzerland": the region word taken for a surname
                    // names a part of a country, no identifier either
                    prev_address_end = None;
                    return false;
                }
            }
            let after_address = prev_address_end.is_some_and(|e| {
                text[e..sp.start]
                    .bytes()
                    .all(|c| matches!(c, b' ' | b',' | b'\n' | b'\r' | b'\t'))
            });
            let keep = after_address
                || sp.end - sp.start > 40
                || !(self.countries.holds(words, key)
                    || region.is_some_and(|n| {
                        n < words.len() && self.countries.holds(&words[n + 1..], key)
                    }));
            if keep {
                prev_address_end = (sp.label == Label::Address).then_some(sp.end);
            }
            keep
        });
        // (a state's name a span held already: one span)
        if grew {
            merge(spans, |s| i64::from(s.label != Label::Address));
        }
    }

    fn regex_spans(&self, text: &str, s: &mut Scratch) {
        let mut at = 0;
        while at <= text.len() {
            let input = Input::new(text).range(at..);
            let Some(m) = self.search_from(s, &input) else {
                break;
            };
            let mut pid = m.pattern().as_usize();
            let mut span = (m.start(), m.end());
            // where the accepted match ends: the search goes on from there
            let mut match_end = m.end();
            let mut accepted = self.accept(text, s, pid, &mut span);
            if !accepted {
                // another pattern may still match at the same place: find which ones do in
                // one search, then take the first of them that is accepted
                s.any_hits.clear();
                let here = Input::new(text).range(m.start()..).anchored(Anchored::Yes);
                if self
                    .any
                    .try_which_overlapping_matches(&mut s.any_cache, &here, &mut s.any_hits)
                    .is_err()
                {
                    s.any_hits.clear();
                    self.any_pike.which_overlapping_matches(
                        s.any_pike_cache
                            .get_or_insert_with(|| self.any_pike.create_cache()),
                        &here,
                        &mut s.any_hits,
                    );
                }
                for q in pid + 1..self.patterns.len() {
                    if !s.any_hits.contains(PatternID::must(q)) {
                        continue;
                    }
                    let inp = Input::new(text)
                        .range(m.start()..)
                        .anchored(Anchored::Pattern(PatternID::must(q)));
                    if let Some(m2) = self.anchored_match(s, &inp) {
                        let mut sp = (m2.start(), m2.end());
                        if self.accept(text, s, q, &mut sp) {
                            pid = q;
                            span = sp;
                            match_end = m2.end();
                            accepted = true;
                            break;
                        }
                    }
                }
            }
            if accepted {
                let p = &self.patterns[pid];
                match p.label {
                    PatternLabel::Keep => {
                        s.keeps.push(span);
                        let kept = &text.as_bytes()[span.0..span.1];
                        // (and what a keep found glued to the letters before it, inside a
                        // word the tokenizer reads from its start: "ϒPHONE-ABCDEFGH2345Àb"
                        // is read as "[NAME]PHONE-ABCDEFGH2345Àb" will be, "Àb" a word)
                        if kept.ends_with(b"XXXX")
                            || kept.ends_with(b"90+")
                            || text[..span.0]
                                .chars()
                                .next_back()
                                .is_some_and(char::is_alphanumeric)
                        {
                            s.lex.opaque.push(span);
                        }
                    }
                    PatternLabel::Phi(label) => {
                        let (a, b) = trim_span(text, span.0, span.1, label);
                        // "age 90+": our own generalized age, which a cue pattern's match
                        // took in before the keep pattern's could start, is kept
                        if a < b && &text.as_bytes()[a..b] == b"90" && text[b..].starts_with('+') {
                            s.keeps.push((a, b + 1));
                            s.lex.opaque.push((a, b + 1));
                        } else if a < b {
                            s.spans.push(Span {
                                start: a,
                                end: b,
                                label,
                                origin: SpanOrigin::Pattern(pid),
                            });
                        }
                    }
                }
                // (the rejected longer candidate "555-0147010 92" must not hide what
                // follows the accepted "555-0147010")
                at = if match_end > m.start() {
                    match_end.max(span.1)
                } else {
                    next_char(text, match_end)
                };
            } else {
                at = next_char(text, m.start());
            }
        }
    }

    /// The union's leftmost-first match in `input`: its end and pattern by the forward
    /// search, its start by the reverse search of that one pattern. (The same match as the
    /// PikeVM's: no match starts before the one found, so the earliest start of its pattern
    /// that ends there is its start. The PikeVM is the fallback when a lazy DFA gives up.)
    fn search_from(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        let half = match self.fwd.try_search_fwd(&mut s.cache, input) {
            Ok(half) => half?,
            Err(_) => return self.pike_find(s, input),
        };
        let (pid, end) = (half.pattern(), half.offset());
        if end == input.start() {
            return Some(Match::new(pid, end..end));
        }
        let back = Input::new(input.haystack())
            .span(input.start()..end)
            .anchored(Anchored::Pattern(pid))
            .earliest(false);
        match self.rev.try_search_rev(&mut s.rev_cache, &back) {
            Ok(Some(start)) => Some(Match::new(pid, start.offset()..end)),
            _ => self.pike_find(s, input),
        }
    }

    /// The PikeVM's leftmost-first match in `input`.
    fn pike_find(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        let cache = s.pike_cache.get_or_insert_with(|| self.pike.create_cache());
        self.pike.find(cache, input.clone())
    }

    /// The match of an anchored search (`Anchored::Pattern`): it starts where the input
    /// does, and the forward search says where it ends.
    fn anchored_match(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        match self.fwd.try_search_fwd(&mut s.cache, input) {
            Ok(half) => half.map(|h| Match::new(h.pattern(), input.start()..h.offset())),
            Err(_) => self.pike_find(s, input),
        }
    }

    /// Validate, check cues and narrow to the `phi` group.
    fn accept(&self, text: &str, s: &mut Scratch, pid: usize, span: &mut (usize, usize)) -> bool {
        let p = &self.patterns[pid];
        if let (Some(alone), Some((cache, caps))) = (&p.alone, &mut s.alone[pid]) {
            // the match is known: bound the search by it (look-around still sees the
            // text outside the range)
            let inp = Input::new(text)
                .range(span.0..span.1)
                .anchored(Anchored::Yes);
            alone.search_captures_with(cache, &inp, caps);
            let found = p.phi_groups.iter().find_map(|&g| caps.get_group(g));
            match found {
                Some(g) => *span = (g.start, g.end),
                None => return false,
            }
        }
        if let Some(v) = p.validator {
            if !v.check(text, span.0, span.1, &self.validator_words) {
                return false;
            }
        }
        if !p.cue_ids.is_empty() {
            self.scan_cues(text, s);
            let (a, b) = *span;
            let w = p.cue_window;
            let after = p.cues_after.then_some((b, b + w));
            let longest = self.cues.max_pattern_len();
            if !cue_near(text, s, p, (a.saturating_sub(w), a), after, longest) {
                return false;
            }
        }
        true
    }

    /// Find the cue words of `text` once per text (whole words only).
    fn scan_cues(&self, text: &str, s: &mut Scratch) {
        if s.cues_scanned {
            return;
        }
        s.cue_hits.clear();
        for m in self.cues.find_overlapping_iter(text) {
            s.cue_hits
                .push((m.pattern().as_usize(), m.start(), m.end()));
        }
        let b = text.as_bytes();
        s.cue_hits.retain(|&(_, start, end)| {
            (end >= b.len()
                || !b[end].is_ascii_alphanumeric()
                || !b[end - 1].is_ascii_alphanumeric())
                && (start == 0
                    || !b[start - 1].is_ascii_alphanumeric()
                    || !b[start].is_ascii_alphanumeric())
                && !in_own_output(text, start, end)
        });
        // (found in order of their ends, which `cue_near` searches by; sorted should a
        // version of the automaton report them otherwise)
        if !s.cue_hits.is_sorted_by_key(|h| h.2) {
            s.cue_hits.sort_by_key(|h| h.2);
        }
        s.cues_scanned = true;
    }
}

/// Is `start..end` part of our own output: a tag (`"[PHONE]"`, `"[AGE_OVER_89]"`) or an HMAC
/// token ("PHONE-ABCDEFGH2345")? A cue word there ("phone", "age") is no cue: it was not in
/// the text the first pass read, and redaction must be idempotent.
pub(super) fn in_own_output(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let label_byte = |c: u8| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_';
    let mut l = start;
    while l > 0 && label_byte(b[l - 1]) {
        l -= 1;
    }
    let mut r = end;
    while r < b.len() && label_byte(b[r]) {
        r += 1;
    }
    if l == r || text[l..r].parse::<Label>().is_err() {
        return false;
    }
    let tag = l > 0 && b[l - 1] == b'[' && b.get(r) == Some(&b']');
    // (a token whose body a first pass took into a span of its own, "PHONE-[ADDRESS]", is
    // still ours: its label was no cue to that pass either)
    let token = b.get(r) == Some(&b'-')
        && (b
            .get(r + 1..r + 1 + TOKEN_CHARS)
            .is_some_and(super::transform::is_token_body)
            || b.get(r + 1) == Some(&b'[') && {
                // (a tag right after: its label and closing bracket, without a recursive call
                // that a long run of "[NAME-[NAME-…" would take deep)
                let mut j = r + 2;
                while j < b.len() && label_byte(b[j]) {
                    j += 1;
                }
                b.get(j) == Some(&b']') && text[r + 2..j].parse::<Label>().is_ok()
            });
    tag || token
}

/// Does one of `p`'s cues end within `before` (inclusive), or start within `after`, with
/// none of our own output between it and the match? A tag is shorter than what it replaced,
/// so a cue across one may be in reach only in redacted text; a second pass must not find
/// more than the first.
fn cue_near(
    text: &str,
    s: &Scratch,
    p: &CompiledPattern,
    before: (usize, usize),
    after: Option<(usize, usize)>,
    longest: usize,
) -> bool {
    // (the hits are sorted by their ends: only those that end inside a window are read, not
    // every cue of the text for every candidate, which made a text of many candidates and
    // cues quadratic)
    let ending_in = |lo: usize, hi: usize| {
        let from = s.cue_hits.partition_point(|h| h.2 < lo);
        s.cue_hits[from..].iter().take_while(move |h| h.2 <= hi)
    };
    ending_in(before.0, before.1)
        .any(|&(ci, _, end)| p.cue_ids.contains(&ci) && !holds_own_output(text, end, before.1))
        || after.is_some_and(|(lo, hi)| {
            // (a cue that starts in `lo..=hi` ends at most `longest` bytes after `hi`)
            ending_in(lo, hi.saturating_add(longest)).any(|&(ci, start, _)| {
                p.cue_ids.contains(&ci)
                    && start >= lo
                    && start <= hi
                    && !holds_own_output(text, lo, start)
            })
        })
}

/// Does `text[a..b]` hold a tag or an HMAC token of ours?
fn holds_own_output(text: &str, a: usize, b: usize) -> bool {
    let bytes = text.as_bytes();
    let mut i = a;
    while i < b {
        if bytes[i].is_ascii_uppercase() && (i == 0 || !bytes[i - 1].is_ascii_uppercase()) {
            let mut j = i;
            while j < b && (bytes[j].is_ascii_uppercase() || bytes[j] == b'_') {
                j += 1;
            }
            if in_own_output(text, i, j) {
                return true;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    false
}

/// Take what `keep` patterns matched out of the spans: our own output is never redacted
/// again, but what a span covers beyond it still is ("…XXXX Marisol" as one address span
/// keeps "Marisol").
fn subtract_keeps(text: &str, scratch: &mut Scratch) {
    if scratch.keeps.is_empty() {
        return;
    }
    let keeps = std::mem::take(&mut scratch.keeps);
    let spans = std::mem::take(&mut scratch.spans);
    for sp in spans {
        let mut from = sp.start;
        for &(a, b) in keeps.iter().filter(|&&(a, b)| sp.start < b && a < sp.end) {
            push_trimmed(text, &mut scratch.spans, sp, from, a.max(from));
            from = from.max(b);
        }
        push_trimmed(text, &mut scratch.spans, sp, from, sp.end);
    }
    scratch.keeps = keeps;
}

/// Two words or more from `from` to `to` (the start of a date inside an address): the
/// date is the address's house number, no year after a month's name.
fn words_before_year(text: &str, from: usize, to: usize) -> bool {
    from < to && text[from..to].split_whitespace().nth(1).is_some()
}

fn widen_to_runs(text: &str, spans: &mut [Span]) -> bool {
    let mut widened = false;
    for sp in spans.iter_mut() {
        let (a, b) = (sp.start, sp.end);
        sp.start = run_start(text, sp.start);
        sp.end = run_end(text, sp.end);
        // (a name's possessive stays outside it, as the lexicon left it: "[NAME]'s")
        if sp.end != b
            && sp.label == Label::Name
            && possessive_len(&text.as_bytes()[b..sp.end]) == sp.end - b
        {
            sp.end = b;
        }
        widened |= a != sp.start || b != sp.end;
    }
    widened
}

fn next_char(text: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < text.len() && !text.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// The part `a..b` of `sp`, without surrounding blanks or punctuation, if any word is left.
fn push_trimmed(text: &str, out: &mut Vec<Span>, sp: Span, a: usize, b: usize) {
    if a >= b {
        return;
    }
    let (a, b) = trim_span(text, a, b, sp.label);
    if text[a..b].chars().any(char::is_alphanumeric) {
        out.push(Span {
            start: a,
            end: b,
            ..sp
        });
    }
}

/// URLs and e-mails do not end in sentence punctuation; whitespace never starts or ends a span.
fn trim_span(text: &str, mut a: usize, mut b: usize, label: Label) -> (usize, usize) {
    let bytes = text.as_bytes();
    while a < b && bytes[a].is_ascii_whitespace() {
        a += 1;
    }
    while b > a
        && (bytes[b - 1].is_ascii_whitespace()
            || (matches!(label, Label::Url | Label::Email)
                && b".,;:!?)'\"".contains(&bytes[b - 1])))
    {
        b -= 1;
    }
    (a, b)
}

/// Dates written with the characters of Chinese and Japanese (年 year, 月 month, 日/号 day)
/// or of Korean (년, 월, 일): "1972年6月18日", "6月18日", "2026년 3월 14일", "3월 14일", added to
/// `spans` as the lexicon's (a match of the patterns inside one is dropped; `spans` stay
/// sorted). Found by this code, in texts that hold 月 or 월, and not by a pattern of the
/// union automaton: a pattern that opens with digits there adds states after every number
/// of every text (+4.7% instructions per `scan` line; benches/LOG.md, session 64).
#[inline(never)]
fn cjk_dates(text: &str, spans: &mut Vec<Span>) {
    let scripts: [(char, char, &[char]); 2] =
        [('月', '年', &['日', '号', '號']), ('월', '년', &['일'])];
    let before = spans.len();
    for (month, year, days) in scripts {
        let mut from = 0;
        while let Some(off) = text[from..].find(month) {
            let m = from + off;
            from = m + month.len_utf8();
            if let Some((start, end)) = cjk_date_at(text, m, month, year, days) {
                spans.push(Span {
                    start,
                    end,
                    label: Label::Date,
                    origin: SpanOrigin::Lexicon,
                });
            }
        }
    }
    if spans.len() == before {
        return;
    }
    let found = spans.split_off(before);
    spans.retain(|s| !found.iter().any(|d| d.start <= s.start && s.end <= d.end));
    spans.extend(found);
    spans.sort_by_key(|s| (s.start, s.end));
}

/// The date around the month character at byte `m`: a month (1–12) right before it, an
/// optional year (19xx, 20xx) and year character before that, a day (1–31) and a day
/// character after it; blanks allowed between the parts.
fn cjk_date_at(
    text: &str,
    m: usize,
    month: char,
    year: char,
    days: &[char],
) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let blanks_back = |mut i: usize| {
        while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
            i -= 1;
        }
        i
    };
    let digits_back = |i: usize| {
        let mut j = i;
        while j > 0 && b[j - 1].is_ascii_digit() {
            j -= 1;
        }
        j
    };
    let value = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
    // the month (its whole run of digits: "123月" is no month)
    let m_end = blanks_back(m);
    let m_start = digits_back(m_end);
    if !(1..=2).contains(&(m_end - m_start))
        || !value(m_start..m_end).is_some_and(|v| (1..=12).contains(&v))
    {
        return None;
    }
    let mut start = m_start;
    // the year, if any
    let y_mark = blanks_back(m_start);
    if text[..y_mark].ends_with(year) {
        let y_end = blanks_back(y_mark - year.len_utf8());
        let y_start = digits_back(y_end);
        if y_end - y_start == 4 && matches!(&text[y_start..y_start + 2], "19" | "20") {
            start = y_start;
        }
    }
    // the day
    let rest = &text[m + month.len_utf8()..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let d_len = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&d_len)
        || !trimmed[..d_len]
            .parse::<u32>()
            .is_ok_and(|v| (1..=31).contains(&v))
    {
        return None;
    }
    let after = trimmed[d_len..].trim_start_matches([' ', '\t']);
    let day = days.iter().find(|&&d| after.starts_with(d))?;
    let end = text.len() - after.len() + day.len_utf8();
    // (not right after an ASCII period, where the patterns' dates never open either: read
    // after "5." the date had made its number a decimal's, after "[PHONE]." a ward's)
    if start > 0 && b[start - 1] == b'.' {
        return None;
    }
    Some((start, end))
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Both sides of a boundary are letters or digits of one word: no char of a script without
/// spaces on either side.
fn joins_word(prev: Option<char>, cur: Option<char>) -> bool {
    is_word_char(prev)
        && is_word_char(cur)
        && !prev.is_some_and(unspaced_script)
        && !cur.is_some_and(unspaced_script)
}

fn is_apostrophe(c: Option<char>) -> bool {
    matches!(c, Some('\'' | '\u{2019}'))
}

/// Does the run of letters and digits that ends at `i` hold a letter?
fn run_has_letter(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .any(char::is_alphabetic)
}

/// An ASCII byte that is no letter or digit: no run of them holds it (an apostrophe may
/// still join two, see [`run_start`]).
fn no_run_in(c: u8) -> bool {
    c < 0x80 && !c.is_ascii_alphanumeric()
}

/// Move `i` left while both sides of it are letters/digits, and across an apostrophe
/// inside a word the way the tokenizer joins one ("O'Brien": a letter after it, a letter
/// before it in the word).
fn run_start(text: &str, mut i: usize) -> usize {
    // (most spans start at a word's edge: an ASCII byte that no run crosses, on either side)
    let b = text.as_bytes();
    if i == 0 || i == b.len() || no_run_in(b[i]) || no_run_in(b[i - 1]) && b[i - 1] != b'\'' {
        return i;
    }
    loop {
        let prev = text[..i].chars().next_back();
        let cur = text[i..].chars().next();
        if joins_word(prev, cur) {
            i -= prev.map_or(1, char::len_utf8);
        } else if is_apostrophe(prev) && cur.is_some_and(char::is_alphabetic) {
            let j = i - prev.map_or(1, char::len_utf8);
            match text[..j].chars().next_back() {
                Some(p) if p.is_alphanumeric() && run_has_letter(text, j) => i = j - p.len_utf8(),
                _ => return i,
            }
        } else {
            return i;
        }
    }
}

/// Move `i` right while both sides of it are letters/digits, and across an apostrophe
/// inside a word (see [`run_start`]).
fn run_end(text: &str, mut i: usize) -> usize {
    // (most spans end at a word's edge: an ASCII byte that no run crosses, on either side)
    let b = text.as_bytes();
    if i == 0 || i == b.len() || no_run_in(b[i - 1]) || no_run_in(b[i]) && b[i] != b'\'' {
        return i;
    }
    loop {
        let prev = text[..i].chars().next_back();
        let cur = text[i..].chars().next();
        if joins_word(prev, cur) {
            i += cur.map_or(1, char::len_utf8);
        } else if is_apostrophe(cur) && is_word_char(prev) && run_has_letter(text, i) {
            let j = i + cur.map_or(1, char::len_utf8);
            match text[j..].chars().next() {
                Some(n) if n.is_alphabetic() => i = j + n.len_utf8(),
                _ => return i,
            }
        } else {
            return i;
        }
    }
}

/// The country list, and what its names' ends and lengths allow: most spans it is asked
/// about are names, and one that begins or ends with a letter no country of its length does
/// is answered without building its key.
struct Countries {
    names: rustc_hash::FxHashSet<Box<str>>,
    /// The names' lengths by their first and last letters.
    ends: EndsFilter,
    /// Words that name a part of a country before it (`region_words`: "southern").
    region_words: rustc_hash::FxHashSet<Box<str>>,
    /// Their first letters (bit 0: a) and their lengths in bytes (below 64), as bits.
    region_firsts: u32,
    region_lengths: u64,
    /// The names of the states (the `states` dictionary without its two-letter codes).
    states: rustc_hash::FxHashSet<Box<str>>,
}

impl Countries {
    fn new(names: rustc_hash::FxHashSet<Box<str>>) -> Countries {
        let ends = EndsFilter::new(names.iter().map(|n| &**n));
        Countries {
            names,
            ends,
            region_words: rustc_hash::FxHashSet::default(),
            region_firsts: 0,
            region_lengths: 0,
            states: rustc_hash::FxHashSet::default(),
        }
    }

    fn with_regions(
        self,
        region_words: rustc_hash::FxHashSet<Box<str>>,
        states: &super::patterns::Dictionary,
    ) -> Countries {
        let (mut region_firsts, mut region_lengths) = (0u32, 0u64);
        for r in &region_words {
            if let Some(&c) = r.as_bytes().first().filter(|c| c.is_ascii_lowercase()) {
                region_firsts |= 1 << (c - b'a');
            }
            if r.len() < 64 {
                region_lengths |= 1 << r.len();
            }
        }
        Countries {
            region_words,
            region_firsts,
            region_lengths,
            states: states
                .iter()
                .filter(|s| s.len() > 2)
                .map(Into::into)
                .collect(),
            ..self
        }
    }

    /// The length of " State Name" (one to three capitalised words, a space before them)
    /// that opens `after`, the longest that is a state's name.
    fn state_after(&self, after: &str, key: &mut String) -> Option<usize> {
        Self::longest_after(after, |words| {
            phrase_key(words, key);
            self.states.contains(key.as_str())
        })
    }

    /// The same for a country's name (" Switzerland", " Czech Republic").
    fn country_after(&self, after: &str, key: &mut String) -> Option<usize> {
        Self::longest_after(after, |words| self.holds(words, key))
    }

    /// The length of the longest run of one to three capitalised ASCII words, a space before
    /// them, opening `after`, that `is` takes (its space included).
    fn longest_after(after: &str, mut is: impl FnMut(&str) -> bool) -> Option<usize> {
        let rest = after.strip_prefix(' ')?;
        let (mut ends, mut words) = ([0usize; 3], 0);
        let mut at = 0;
        while words < 3 {
            let word = &rest[at..];
            if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
                break;
            }
            let len = word
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(word.len());
            ends[words] = at + len;
            words += 1;
            if !word[len..].starts_with(' ') {
                break;
            }
            at += len + 1;
        }
        ends[..words]
            .iter()
            .rev()
            .find_map(|&e| is(&rest[..e]).then_some(e + 1))
    }

    /// The length of the region word that opens `w`, before a space or `w`'s end. (Its
    /// first letter and its length first, from masks: most spans asked about are names,
    /// and a name seldom opens with a region word's letter and length both.)
    #[inline]
    fn region_word_at(&self, w: &str) -> Option<usize> {
        let b = w.as_bytes();
        let first = b.first()?.to_ascii_lowercase();
        if !first.is_ascii_lowercase() || self.region_firsts & 1 << (first - b'a') == 0 {
            return None;
        }
        // (a space is ASCII: the prefix before it ends on a char boundary)
        let n = b
            .iter()
            .take(64)
            .position(|&c| c == b' ')
            .unwrap_or(b.len());
        (n < 64
            && self.region_lengths & 1 << n != 0
            && contains_ascii_ci(&self.region_words, &w[..n]))
        .then_some(n)
    }

    /// Whether `words`, its words lower-cased and joined by one space ([`phrase_key`], built
    /// in `key`), is a country name.
    #[inline]
    fn holds(&self, words: &str, key: &mut String) -> bool {
        let b = words.as_bytes();
        if let Some(lengths) = self.ends.lengths_for(b) {
            // its key begins and ends with the same letters, lower-cased
            if lengths == 0 {
                return false;
            }
            // ASCII without white space (or control characters) is its own key's length
            if lengths & EndsFilter::length_bit(b.len()) == 0
                && b.iter().all(|&c| c > b' ' && c < 0x7f)
            {
                return false;
            }
        }
        phrase_key(words, key);
        self.names.contains(key.as_str())
    }
}

/// `words` lower-cased, its words (split at white space) joined by one space, into `key`: a
/// span as the country list writes it. ASCII text is split at ASCII white space, its words
/// copied whole and the key lower-cased once; other text word by word with `to_lowercase`.
fn phrase_key(words: &str, key: &mut String) {
    key.clear();
    if words.is_ascii() {
        // (the white space of `split_whitespace` in ASCII: vertical tab included)
        let space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r');
        for w in words.split(space).filter(|w| !w.is_empty()) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(w);
        }
        key.make_ascii_lowercase();
        return;
    }
    for w in words.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&w.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The country key built by the ASCII path is the one `split_whitespace` and
    /// `to_lowercase` build.
    #[test]
    fn phrase_keys_of_the_ascii_path_and_by_chars_agree() {
        let alphabet = [
            " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "A", "b", "Z", "-", "É", "ß", "\u{a0}",
        ];
        let mut rng = crate::gen::Rng::new(11);
        let (mut key, mut text) = (String::new(), String::new());
        let mut ascii = 0;
        for _ in 0..20_000 {
            // mostly ASCII, so that the ASCII path runs
            rng.text_into(&mut text, &alphabet, 12, 10, 8);
            let want: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
            phrase_key(&text, &mut key);
            assert_eq!(key, want.join(" "), "{text:?}");
            ascii += usize::from(text.is_ascii());
        }
        assert!(ascii > 5_000, "only {ascii} ASCII texts");
    }

    /// What the country list answers from a name's ends and length is what its key
    /// answers, for the list's names in any case and spacing, and for words around them.
    #[test]
    fn countries_by_ends_and_length_agree_with_their_keys() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let names = word_set(set.dictionary("countries"));
        let countries = Countries::new(names.clone());
        let mut words: Vec<&str> = names.iter().flat_map(|n| n.split(' ')).collect();
        words.extend([
            "Hargreave",
            "Mali.",
            "X",
            "",
            "\u{c5}land",
            "Chad\t",
            "Peru1",
        ]);
        words.sort_unstable();
        let alphabet: Vec<&str> = [" ", "  ", "\t", "\n"].into_iter().chain(words).collect();
        let mut rng = crate::gen::Rng::new(13);
        let (mut key, mut want_key, mut text) = (String::new(), String::new(), String::new());
        let mut cases = names.iter().map(|n| n.to_uppercase()).collect::<Vec<_>>();
        cases.extend(names.iter().map(|n| n.replace(' ', "\t ")));
        let (mut found, mut answered) = (0, 0);
        for i in 0..60_000 {
            if i < cases.len() {
                text.clone_from(&cases[i]);
            } else {
                rng.text_into(&mut text, &alphabet, 4, 1, 1);
            }
            phrase_key(&text, &mut want_key);
            let want = names.contains(want_key.as_str());
            assert_eq!(countries.holds(&text, &mut key), want, "{text:?}");
            found += usize::from(want);
            answered += usize::from(
                countries
                    .ends
                    .lengths_for(text.as_bytes())
                    .is_some_and(|l| l & EndsFilter::length_bit(text.len()) == 0),
            );
        }
        assert!(found > 2 * names.len(), "only {found} countries");
        assert!(answered > 10_000, "only {answered} answered by their ends");
    }

    /// `phone.with_cue` spells out, group by group, that a candidate holds at least 7
    /// digits (its validator's minimum): candidates with fewer ("70-90", "110-130") cost a
    /// rejected search each. At every start of generated strings, it must match exactly
    /// where the plain form matches with at least 7 digits, and end at the same place.
    #[test]
    fn phone_with_cue_is_its_plain_form_with_seven_digits() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let spec = set.patterns.iter().find(|p| p.id == "phone.with_cue");
        let spec = spec.unwrap_or_else(|| panic!("phone.with_cue is gone"));
        let compile =
            |src: &str| Regex::new(&ascii_word_boundaries(src)).unwrap_or_else(|e| panic!("{e}"));
        let strict = compile(&spec.regex);
        let plain = compile(r"\(?\b\d{2,5}\)?(?:[ \t.-]\(?\d{2,5}\)?){1,4}|\b\d{8,12}\b");
        let alphabet = b"0123456789012345678901234 -.()\txa";
        let mut rng = crate::gen::Rng::new(12);
        let mut next = |n: usize| rng.below(n as u64) as usize;
        let mut candidates = 0;
        for _ in 0..20_000 {
            let len = 1 + next(30);
            let text: String = (0..len)
                .map(|_| char::from(alphabet[next(alphabet.len())]))
                .collect();
            for start in 0..=text.len() {
                let at = |re: &Regex| {
                    re.search(&Input::new(&text).range(start..).anchored(Anchored::Yes))
                        .map(|m| m.range())
                };
                let expected = at(&plain)
                    .filter(|r| text[r.clone()].bytes().filter(u8::is_ascii_digit).count() >= 7);
                candidates += usize::from(expected.is_some());
                assert_eq!(at(&strict), expected, "{text:?} from {start}");
            }
        }
        // (the generator reaches the interesting cases)
        assert!(candidates > 1_000, "{candidates}");
    }

    /// Every pattern example, texts with chars outside ASCII, and random texts of the chars
    /// identifiers are made of (a fixed xorshift: the same texts every run).
    fn texts_of_identifier_chars(set: &PatternSet) -> Vec<String> {
        let mut texts: Vec<String> = set
            .patterns
            .iter()
            .flat_map(|p| p.matches.iter().chain(&p.no_match).cloned())
            .collect();
        texts.extend(
            [
                "Zürich 8001, tel. +41 44 123 45 67 · née 12.03.1950 — réf. ÄB-123456",
                "call 202-555-0147 or (202) 555 0148, 1/2/2020 and 2020-01-02T10:00Z",
                "ΑΒΓ 123-45-6789 ✓ a@b.example http://x.example/a?b=1 10.0.0.1",
            ]
            .map(String::from),
        );
        let alphabet: Vec<char> = "0123456789-/.:()+@ ,#xXaAmMeEsStTpPé–\n".chars().collect();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2000 {
            let len = next() % 40;
            let t: String = (0..len)
                .map(|_| {
                    // (digits twice as often: most patterns are numbers)
                    let k = (next() >> 33) as usize % (alphabet.len() + 10);
                    alphabet[k % alphabet.len()]
                })
                .collect();
            texts.push(t);
        }
        texts
    }

    /// The forward search with one pattern's reverse search finds the union's own match
    /// (the PikeVM's) from every start, on every pattern example, on texts with chars
    /// outside ASCII and on random texts of the chars identifiers are made of.
    #[test]
    fn the_start_of_one_pattern_is_the_start_of_the_unions_match() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let m = Matcher::build(&set).unwrap_or_else(|e| panic!("{e}"));
        let mut s = m.scratch();
        let mut compared = 0;
        for text in &texts_of_identifier_chars(&set) {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let input = Input::new(text.as_str()).range(at..);
                let ours = m.search_from(&mut s, &input);
                let union = m.pike_find(&mut s, &input);
                assert_eq!(
                    ours,
                    union,
                    "from byte {at} of a text of {} bytes",
                    text.len()
                );
                compared += usize::from(union.is_some());
            }
        }
        assert!(compared > 1000, "only {compared} matches compared");
    }

    /// The lazy DFA that says which patterns match at a start reports exactly those that an
    /// anchored search of each finds there, at every start of a match of the union (where
    /// the matcher asks); its PikeVM fallback reports all of them too. (The PikeVM may report
    /// more: with `MatchKind::All` it seeds its start state again at later bytes while
    /// threads live, even in an anchored search, regex-automata 0.4.18. The matcher runs an
    /// anchored search for each pattern reported, so such extras cost time, not matches.)
    #[test]
    fn the_overlapping_search_reports_the_patterns_that_match_at_the_start() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let m = Matcher::build(&set).unwrap_or_else(|e| panic!("{e}"));
        let mut s = m.scratch();
        let mut pike = RegexPatternSet::new(m.patterns.len());
        let (mut compared, mut several) = (0, 0);
        for text in &texts_of_identifier_chars(&set) {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let input = Input::new(text.as_str()).range(at..);
                let Some(u) = m.pike_find(&mut s, &input) else {
                    continue;
                };
                let here = Input::new(text.as_str())
                    .range(u.start()..)
                    .anchored(Anchored::Yes);
                s.any_hits.clear();
                pike.clear();
                let cache = s
                    .any_pike_cache
                    .get_or_insert_with(|| m.any_pike.create_cache());
                m.any_pike
                    .which_overlapping_matches(cache, &here, &mut pike);
                if m.any
                    .try_which_overlapping_matches(&mut s.any_cache, &here, &mut s.any_hits)
                    .is_err()
                {
                    continue;
                }
                for q in (0..m.patterns.len()).map(PatternID::must) {
                    let alone = here.clone().anchored(Anchored::Pattern(q));
                    let matches = m.pike_find(&mut s, &alone).is_some();
                    assert_eq!(
                        s.any_hits.contains(q),
                        matches,
                        "pattern {} at byte {} of a text",
                        m.patterns[q.as_usize()].id,
                        u.start()
                    );
                    assert!(!matches || pike.contains(q), "the fallback misses one");
                }
                compared += 1;
                several += usize::from(s.any_hits.len() > 1);
            }
        }
        assert!(compared > 1000, "only {compared} starts compared");
        assert!(several > 200, "only {several} starts with several patterns");
    }

    /// A deployment's own MRN pattern: no validator, no cues, case as written.
    fn own_pattern(set: &PatternSet, id: &str, regex: &str) -> PatternSpec {
        let mut p = set.patterns[0].clone();
        p.id = id.into();
        p.regex = regex.into();
        p.label = PatternLabel::Phi(Label::Mrn);
        p.validator = None;
        p.cues.clear();
        p.case_insensitive = false;
        p.priority = 10;
        p
    }

    /// Where a lazy DFA gives up, the PikeVM answers: a deployment's pattern with a Unicode
    /// non-boundary (`\B`, which is not made ASCII) makes the lazy DFAs quit on every text
    /// with a byte outside ASCII, and its matches there are still found, as are the
    /// embedded patterns' (fail closed: no lost detection when the fast path cannot run).
    #[test]
    fn matches_are_found_where_the_lazy_dfas_give_up() {
        let mut set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let p = own_pattern(&set, "test.unicode_non_boundary", r"ZQ\d{6}\B");
        set.patterns.push(p);
        let m = Matcher::build(&set).unwrap_or_else(|e| panic!("{e}"));
        let mut s = m.scratch();
        let text = "chart ZQ123456é, call 202-555-0147, née 12.03.1950";
        assert!(
            m.fwd
                .try_search_fwd(&mut s.cache, &Input::new(text))
                .is_err(),
            "the lazy DFA was expected to give up on this text"
        );
        let found: Vec<(&str, Label)> = m
            .detect(text, &mut s)
            .iter()
            .map(|sp| (&text[sp.start..sp.end], sp.label))
            .collect();
        // (a span covers the whole word it falls in: "ZQ123456é")
        for want in [
            ("ZQ123456", Label::Mrn),
            ("202-555-0147", Label::Phone),
            ("12.03.1950", Label::Date),
        ] {
            assert!(
                found
                    .iter()
                    .any(|&(t, l)| t.contains(want.0) && l == want.1),
                "{want:?} in {found:?}"
            );
        }
        // the same text in ASCII: the lazy DFAs answer, and find the same
        let ascii = text.replace('é', "e");
        let again = m.detect(&ascii, &mut s).len();
        assert_eq!(again, found.len());
    }

    #[test]
    fn patterns_that_open_with_an_unbounded_class_are_named() {
        let parse = |src: &str| {
            regex_automata::util::syntax::parse_with(src, &syntax::Config::new().unicode(true))
                .unwrap_or_else(|e| panic!("{e}"))
        };
        for (src, slow) in [
            (r"[A-Za-z0-9._%+-]+@x\.example", true),
            (r"\b[a-z]+@", true),
            (r"(?P<phi>\d+)-x", true),
            (r"(?:[a-z]+x)+y", true),
            (r"mrn:\s*\d+|\w*z", true),
            (r"https?://[a-z]+", false),
            (r"\b[a-z]{1,64}@", false),
            (r"(?i:mrn)\s*\d+", false),
            (r"\d{3}-\d+", false),
        ] {
            assert_eq!(opens_with_unbounded_class(&parse(src)), slow, "{src}");
        }
        let mut set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let m = Matcher::build(&set).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.slow_openings(), &[] as &[String], "embedded patterns");
        let p = own_pattern(&set, "test.slow_opening", r"[A-Z0-9]+-MRN");
        set.patterns.push(p);
        let m = Matcher::build(&set).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.slow_openings(), ["test.slow_opening".to_string()]);
    }

    #[test]
    fn a_phi_group_around_the_whole_pattern_is_seen() {
        for whole in [
            r"(?P<phi>\d{3}|\(\d\))",
            r"(?<phi>[)(]\d+)",
            r"(?P<phi2>[]a]\))",
            r"(?P<phi>[^]\\)]x)",
        ] {
            assert!(whole_pattern_is_phi(whole), "{whole}");
        }
        for part in [
            r"(?P<phi>\d+) yo",
            r"(?P<phi>\d+)|x",
            r"x(?P<phi>\d+)",
            r"(?P<phi>\d+\)",
            r"(?P<phi>[)]",
            r"(?P<other>\d+)",
        ] {
            assert!(!whole_pattern_is_phi(part), "{part}");
        }
    }

    #[test]
    fn word_boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(
            ascii_word_boundaries(r"\b\d{3}\\b\.x\b"),
            r"(?-u:\b)\d{3}\\b\.x(?-u:\b)"
        );
        // the lazy DFA keeps going over non-ASCII text, and matches stay on char boundaries
        let re = Regex::new(&ascii_word_boundaries(r"\b\d{7}\b")).unwrap_or_else(|e| panic!("{e}"));
        let text = "José 5551234 und Müller5551234é";
        let found: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(found, vec![6..13]);
        for r in &found {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        // a boundary with its braces stays whole
        assert_eq!(
            ascii_word_boundaries(r"D\.C\.\b{end-half}|\bx"),
            r"D\.C\.(?-u:\b{end-half})|(?-u:\b)x"
        );
        let re = Regex::new(&ascii_word_boundaries(r"\bD\.C\.\b{end-half}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let found: Vec<_> = re.find_iter("D.C.3 D.C. D.C.").map(|m| m.range()).collect();
        assert_eq!(found, vec![6..10, 11..15]);
    }
}
