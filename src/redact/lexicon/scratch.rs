//! Per-worker scratch of the name and place detector.

use super::flags::{FIRST, WORD};
use super::token::{LineCounts, Token};
use crate::redact::label::Label;

/// Per-worker scratch for the lexicon.
#[derive(Default)]
pub struct LexScratch {
    /// The last text held "address", "corner" or a postal-code word: only then is
    /// [`crate::redact::address::find_unanchored`] worth running.
    pub(crate) address_cue: bool,
    pub(super) tokens: Vec<Token>,
    /// The indices of the numeric tokens, in order: the rules that start from a number (an
    /// address after its intro, a town before its postal code) visit only these.
    pub(super) numerics: Vec<u32>,
    /// The flags of all tokens OR-ed: a rule whose cue word is in no token is skipped.
    pub(super) flags_any: u32,
    /// How many tokens are first names that are no English words (counted as they come,
    /// [`is_strong_name`]; a rule that makes one a word or no name says so,
    /// [`LexScratch::forget_strong_name`]).
    pub(super) strong_names: u32,
    /// The text holds a colon (the rules for lists and fields after one look for it).
    pub(super) colon: bool,
    /// The text lower-cased (ASCII letters), then the lower-case forms of its non-ASCII words.
    pub(super) lower: String,
    pub(super) phrase: String,
    /// Byte ranges the regex patterns found, sorted by start, each end raised to the furthest
    /// end so far: redaction turns them into tags, which are no words, so the tokenizer reads
    /// them as tags (see [`Lexicon::detect`](super::build::Lexicon::detect)). The third
    /// field is that end again, over the ranges whose numbers are no tokens either (see
    /// `numbers_stay` in `detect.rs`).
    pub(super) covered: Vec<(usize, usize, usize)>,
    /// Our own masked or generalized output that a `keep` pattern found ("(202) 555-XXXX",
    /// "90+"): set by the matcher before [`Lexicon::detect`](super::build::Lexicon::detect),
    /// which reads these ranges as it reads `covered`, as the first pass read the spans they
    /// were made from. A second pass must not read "555" before "-XXXX" as a house number.
    pub(crate) opaque: Vec<(usize, usize)>,
    /// The tags and tokens of ours the tokenizer passed over (`[NAME]`, `NAME-ABCDEFGHJKLM`),
    /// where they start and end: the matcher keeps them out of its spans, also where a
    /// pattern's match took one in (see `Matcher::detect`).
    pub(crate) own_output: Vec<(usize, usize)>,
    /// Where each line's tokens start, and the words that judged its case.
    pub(super) lines: Vec<(usize, LineCounts)>,
    /// Where the phrase of the last `k` words starts in `phrase` (see
    /// [`Lexicon::prev_phrases`](super::build::Lexicon::prev_phrases)).
    pub(super) phrase_starts: [usize; 8],
    /// One bit per token labelled NAME, while
    /// [`Lexicon::expand_names`](super::build::Lexicon::expand_names) grows names: its rules
    /// start from a name, and visit only those (see [`LexScratch::next_name`]).
    pub(super) name_bits: Vec<u64>,
}

/// Raise each end of `ranges` (sorted by start, as `covered`) to the furthest end so far, and
/// each numbers' end likewise, so that one binary search answers "covered?"
/// ([`LexScratch::in_pattern`]).
pub(super) fn raise_ends(ranges: &mut [(usize, usize, usize)]) {
    let (mut reach, mut reach_numbers) = (0, 0);
    for r in ranges {
        reach = reach.max(r.1);
        r.1 = reach;
        reach_numbers = reach_numbers.max(r.2);
        r.2 = reach_numbers;
    }
}

/// Token flags of a first name that is no English word, which
/// [`LexScratch::strong_names`] counts.
#[inline]
pub(super) fn is_strong_name(flags: u32) -> bool {
    flags & (FIRST | WORD) == FIRST
}

impl LexScratch {
    /// A token with these flags is no strong name any more (a rule made it a word or no
    /// name): [`LexScratch::strong_names`] stops counting it.
    pub(super) fn forget_strong_name(&mut self, flags: u32) {
        if is_strong_name(flags) {
            self.strong_names = self.strong_names.saturating_sub(1);
        }
    }

    /// The tokens of line `k` (the tokenizer notes where each line starts).
    pub(super) fn line_tokens(&self, k: usize) -> std::ops::Range<usize> {
        self.lines[k].0..self.lines.get(k + 1).map_or(self.tokens.len(), |l| l.0)
    }

    /// The first token at `from` or after it labelled NAME, as `name_bits` has it. Read
    /// afresh on each call, so a loop that labels a later token visits it too, as a loop over
    /// all tokens would.
    pub(super) fn next_name(&self, from: usize) -> Option<usize> {
        let mut w = from / 64;
        let mut x = self.name_bits.get(w)? & (u64::MAX << (from % 64));
        while x == 0 {
            w += 1;
            x = *self.name_bits.get(w)?;
        }
        Some(w * 64 + x.trailing_zeros() as usize)
    }

    /// Label token `k` NAME, in `name_bits` too.
    pub(super) fn set_name(&mut self, k: usize) {
        self.tokens[k].label = Some(Label::Name);
        self.name_bits[k / 64] |= 1 << (k % 64);
    }

    /// Is byte `at` inside what a regex pattern found?
    pub(super) fn in_pattern(&self, at: usize) -> bool {
        let k = self.covered.partition_point(|&(a, _, _)| a <= at);
        k > 0 && at < self.covered[k - 1].1
    }
}

impl std::fmt::Debug for LexScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LexScratch {{ tokens: {} }}", self.tokens.len())
    }
}
