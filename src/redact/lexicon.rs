//! Names and places: a tokenizer, hashed dictionaries and context rules.
//!
//! Shaped identifiers are the regex automaton's job; names and places have no shape, so this
//! detector works on word tokens. A token is looked up once (lower-cased, in `FxHashSet`s: the
//! measurements in `benches/README.md` show hashed token sets beat a 200k-pattern Aho-Corasick
//! automaton for whole-word dictionaries) and the rules then combine what is known about it:
//!
//! * a word in a name list that is not an English word ("Przybylo", "Catherine") is a name;
//! * a name that is also a word ("Will", "Hope", "Brown", "King") needs a cue: a title or
//!   relation before it ("dr king", "son bill"), an introduction ("my name is"), a neighbouring
//!   name ("Hope Brown"), or capitalisation in the middle of a mixed-case sentence;
//! * a capitalised word that is in no English word list and no clinical list ("Toskvik") is
//!   taken for a proper noun: a name, or a place when a place cue says so; inside a sentence,
//!   a word of the `vocabulary` list (drug and device names, medical words: "Xarelto") is
//!   not, unless a cue, a place preposition or a neighbouring name says so, nor is one
//!   opening a sentence before "and", one before a number ("Keppra 34" is no street) or
//!   one after a cue and an initial ("per B. Keppra"), nor a lower-case one after a title
//!   or relation word;
//! * places come from the Census place list (gated like names), from words before a facility
//!   word ("Ashgrove Hospital"), and from street shapes the regex does not know (a proper noun
//!   followed by a house number, as in most of Europe).
//!
//! Capitalisation can only add evidence: all-lower-case and ALL-CAPS lines (SMS, clinical
//! notes) are read with dictionaries and cues alone.

use rustc_hash::FxHashSet;

use super::label::Label;
use super::patterns::{word_set, PatternSet};
use super::span::{Span, SpanOrigin};
use super::wordmap::{bytes_in_range, key_prefix, load_le, put_key_byte, WordMap, HIGH};

const WORD: u32 = 1; // an English word (or clinical term)
const FIRST: u32 = 1 << 1;
const LAST: u32 = 1 << 2;
const NEVER: u32 = 1 << 3; // never a name (pronouns, clinical terms)
const PLACE: u32 = 1 << 4; // single-word place
const TITLE: u32 = 1 << 5;
const RELATION: u32 = 1 << 6;
const FACILITY: u32 = 1 << 7;
const SUFFIX: u32 = 1 << 8;
const PLACE_PREFIX: u32 = 1 << 9; // first word of a multi-word place
const PARTICLE: u32 = 1 << 10; // de, van, ul. … inside street names
const GREETING: u32 = 1 << 11;
const PREP: u32 = 1 << 12;
const STATE: u32 = 1 << 13;
const COMMON: u32 = 1 << 14; // a common first name or surname
const NAME_PARTICLE: u32 = 1 << 15; // van, de, ten … inside names
const VERB: u32 = 1 << 16; // a verb that follows a subject: is, spent, lives …
const STRONG_FACILITY: u32 = 1 << 17; // hospital, clinic … (see cues.toml)
const MODIFIER: u32 = 1 << 18; // outside, local … before a facility word
const STRONG_TITLE: u32 = 1 << 19; // dr, mrs …: whatever follows is a name
const STRONG_TITLE_DOT: u32 = 1 << 20; // mr., ms.: the same, with their period only
const PHRASE_END: u32 = 1 << 21; // last word of some cue phrase: only then is a lookup worth it
const FACILITY_NAME: u32 = 1 << 22; // memorial, regional: part of the facility's name
const ADDRESS_CUE: u32 = 1 << 23; // address, zip …: worth running the unanchored address rules
/// First word of a place of 2, 3 or 4 words (bit `PLACE_WORDS << (k - 2)`): only those
/// phrase lengths are looked up.
const PLACE_WORDS: u32 = 1 << 24;
// (bits 25 and 26 are PLACE_WORDS for 3 and 4 words)
const CREDENTIAL: u32 = 1 << 27; // rn, md … after a name
const INITIAL_CUE: u32 = 1 << 28; // per, paged … before "B. Surname"
const EPONYM_NEXT: u32 = 1 << 29; // cath, scale …: the word before is an eponym
const UNIT: u32 = 1 << 30; // apt, suite …: opens an address unit, never part of a name
const STREET_INTRO: u32 = 1 << 31; // on, at …: before "Rua Velkara 50"

/// How capitalisation can be read on a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineCase {
    /// Ordinary mixed case: capitals carry information.
    Mixed,
    /// ALL CAPS or all lower case: they do not.
    Flat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Lower,
    Capitalized,
    Upper,
    Other,
}

/// One word or number token.
#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
    /// Range in the scratch lower-case buffer (possessive `'s` stripped): an ASCII word's
    /// own range, since the buffer starts with the whole text lower-cased.
    lstart: u32,
    lend: u32,
    alpha: bool,
    numeric: bool,
    /// Only ASCII bytes.
    ascii: bool,
    shape: Shape,
    flags: u32,
    case: LineCase,
    sentence_start: bool,
    /// Only whitespace (no line break), a hyphen or an initial's period separates it from the
    /// previous token.
    joined_prev: bool,
    /// A tag (or a pattern match, a tag-to-be) comes between it and the previous token: no
    /// cue before the tag reaches it (`"Dad [EMAIL] Xy"` is not `"Dad Xy"`).
    after_tag: bool,
    /// It may hold an apostrophe (' or ’; a non-ASCII word: a byte 0xE2, which ’ starts
    /// with).
    apostrophe: bool,
    label: Option<Label>,
}

/// The longest text the lexicon reads (1 GiB): its lower-case buffer (the text, then the
/// lower-case forms of its non-ASCII words, at most 1.5 times their length) must stay within
/// the 32-bit offsets of [`Token`].
pub const MAX_TEXT: usize = 1 << 30;

impl Token {
    /// The word's range in the scratch lower-case buffer.
    #[inline]
    fn lrange(&self) -> std::ops::Range<usize> {
        self.lstart as usize..self.lend as usize
    }
}

/// The character starting at byte `i` (a char boundary) and its length; ASCII without
/// decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        let c = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        (c, c.len_utf8())
    }
}

const ALPHA: u8 = 1;
const DIGIT: u8 = 2;
const ALNUM: u8 = ALPHA | DIGIT;
const UPPER: u8 = 4;
/// An ASCII byte that separates words on a line: no letter or digit, no line break.
const PLAIN_SEP: u8 = 8;

/// Letter/digit/upper-case class of each ASCII byte, or [`PLAIN_SEP`] (0 for the bytes of
/// other chars).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALPHA | UPPER
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii() && c != b'\n' {
            PLAIN_SEP
        } else {
            0
        };
        b += 1;
    }
    t
};

/// What the tokenizer gathers about an ASCII word while it scans it, so that nothing reads
/// the word's bytes twice: where it ends, its capitalisation, and its first 16 bytes
/// lower-cased and packed as [`WordMap`] keys are. A word the eight-byte scan leaves (one
/// with letters outside ASCII, an apostrophe, or more than 16 bytes) gets its end and bits
/// from [`AsciiWord::slow`] and no key, so that the tokenizer's loop reads every word alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct AsciiWord {
    end: usize,
    /// What it holds, as `AW_*` bits: a letter, a lower-case letter, an upper-case letter,
    /// an upper-case first letter (what its shape needs), a digit, an apostrophe ("O'Brien",
    /// "Mary's"; only then can it end in a possessive). One byte instead of six flags: the
    /// tokenizer's loop keeps it in one register.
    bits: u8,
    key: [u64; 2],
}

const AW_LETTERS: u8 = 1;
const AW_LOWER: u8 = 2;
const AW_UPPER: u8 = 4;
const AW_FIRST_UPPER: u8 = 8;
const AW_DIGITS: u8 = 16;
const AW_APOSTROPHE: u8 = 32;
/// The ASCII scan read it whole: its `key` holds its first 16 bytes.
const AW_SCANNED: u8 = 64;
/// Only ASCII bytes (every word the ASCII scan read whole, and some others).
const AW_ASCII: u8 = 128;

/// [`AsciiWord::shape`] by the word's first four bits.
static AW_SHAPES: [Shape; 16] = {
    let mut t = [Shape::Other; 16];
    let mut b = 0;
    while b < 16 {
        let bits = b as u8;
        t[b] = if bits & AW_LETTERS == 0 {
            Shape::Other
        } else if bits & AW_FIRST_UPPER != 0 {
            if bits & AW_LOWER == 0 {
                Shape::Upper
            } else {
                Shape::Capitalized
            }
        } else if bits & AW_UPPER == 0 {
            Shape::Lower
        } else {
            Shape::Other
        };
        b += 1;
    }
    t
};

impl AsciiWord {
    /// Scan the word that starts at `start` (an ASCII letter or digit): letters, digits and
    /// apostrophes between a letter and a letter ("O'Brien", "Mary's").
    ///
    /// Eight bytes at a time (the text's last bytes zero-filled) while the word fits in its
    /// first 16 bytes and ends on a plain separator or the text's end (most words);
    /// otherwise `slow()` reads it (the tokenizer's, [`AsciiWord::slow`], reads it byte by
    /// byte, or by char when it runs into a non-ASCII byte). Inlined
    /// into the tokenizer: out of line, the call and the result written to memory and read
    /// back cost 2–3% of `detect`'s instructions (benches/README.md, session 15); and
    /// returning the word itself rather than an `Option` keeps it in registers (0.8–0.9%,
    /// session 23).
    #[inline(always)]
    fn scan_or(bytes: &[u8], start: usize, slow: impl FnOnce() -> AsciiWord) -> AsciiWord {
        let mut w = AsciiWord {
            end: start,
            bits: 0,
            key: [0; 2],
        };
        for half in 0..2 {
            let at = start + 8 * half;
            let x = match bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
                Some(Ok(window)) => u64::from_le_bytes(window),
                // the text's last bytes, zero-filled: a zero byte ends the word
                _ => load_le(&bytes[at.min(bytes.len())..]),
            };
            let up = bytes_in_range(x, b'A', b'Z');
            let low = bytes_in_range(x, b'a', b'z');
            let letters = up | low;
            let digits = bytes_in_range(x, b'0', b'9');
            let stop = !(letters | digits) & HIGH;
            // bytes of the word in this window, and a mask of them
            let n = (stop.trailing_zeros() / 8) as usize;
            // (the bits below the first stop byte; all of them when there is none)
            let mask = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
            let (letters, up) = (letters & mask, up & mask);
            // (the first letter is upper case: only if no letter came before this window)
            let first_upper = u8::from(up & letters & letters.wrapping_neg() != 0) & !w.bits;
            w.bits |= first_upper << 3
                | u8::from(letters != 0)
                | u8::from(low & mask != 0) << 1
                | u8::from(up != 0) << 2
                | u8::from(digits & mask != 0) << 4;
            // lower-cased: an upper-case byte's high bit, moved to 0x20, is OR-ed in
            w.key[half] = (x | (up >> 2)) & mask;
            if n < 8 {
                let end = at + n;
                return match bytes.get(end) {
                    Some(&c) if c >= 0x80 => slow(),
                    // an apostrophe may continue the word ("O'Brien")
                    Some(b'\'') if w.bits & AW_LETTERS != 0 => slow(),
                    _ => AsciiWord {
                        end,
                        bits: w.bits | AW_SCANNED | AW_ASCII,
                        ..w
                    },
                };
            }
        }
        slow()
    }

    /// [`AsciiWord::scan_or`] as an `Option`: `None` when the word runs into a non-ASCII
    /// byte.
    #[cfg(test)]
    fn scan(bytes: &[u8], start: usize) -> Option<AsciiWord> {
        let none = AsciiWord {
            end: usize::MAX,
            bits: 0,
            key: [0; 2],
        };
        let w = AsciiWord::scan_or(bytes, start, || {
            AsciiWord::scan_bytes(bytes, start).unwrap_or(none)
        });
        (w.end != usize::MAX).then_some(w)
    }

    /// The word at `start` when [`AsciiWord::scan_or`]'s eight-byte steps cannot read it:
    /// byte by byte, or by char when it runs into a non-ASCII byte. Its end and bits only,
    /// which come back in two registers (a whole word comes back through memory, and the
    /// tokenizer would then keep every word it reads there): such a word is looked up
    /// without a key.
    #[cold]
    #[inline(never)]
    fn slow(text: &str, start: usize) -> (usize, u8) {
        match AsciiWord::scan_bytes(text.as_bytes(), start) {
            Some(w) => (w.end, w.bits & !AW_SCANNED),
            None => AsciiWord::by_chars(text, start),
        }
    }

    /// [`AsciiWord::scan_or`] byte by byte: `None` when the word runs into a non-ASCII byte.
    fn scan_bytes(bytes: &[u8], start: usize) -> Option<AsciiWord> {
        let mut bits = 0u8;
        let mut key = [0u64; 2];
        let mut end = start;
        while end < bytes.len() {
            let d = bytes[end];
            if d >= 0x80 {
                return None;
            }
            let cls = ASCII_CLASS[usize::from(d)];
            if cls & ALNUM == 0 {
                if d != b'\'' || bits & AW_LETTERS == 0 {
                    break;
                }
                match bytes.get(end + 1) {
                    Some(&c) if c >= 0x80 => return None,
                    Some(&c) if ASCII_CLASS[usize::from(c)] & ALPHA != 0 => bits |= AW_APOSTROPHE,
                    _ => break,
                }
            }
            let at = end - start;
            if cls & ALPHA != 0 {
                if bits & AW_LETTERS == 0 && cls & UPPER != 0 {
                    bits |= AW_FIRST_UPPER;
                }
                bits |= AW_LETTERS | if cls & UPPER != 0 { AW_UPPER } else { AW_LOWER };
            }
            if cls & DIGIT != 0 {
                bits |= AW_DIGITS;
            }
            if at < 16 {
                put_key_byte(&mut key, at, d | ((cls & UPPER) << 3));
            }
            end += 1;
        }
        Some(AsciiWord {
            end,
            bits: bits | AW_SCANNED | AW_ASCII,
            key,
        })
    }

    /// The word that starts at `start` (a letter or digit, ASCII or not) when the ASCII
    /// scan did not read it: by char ([`word_by_chars`]), its shape by [`shape_of`]; its end
    /// and bits. (Out of line: most words are read by the scan.)
    #[cold]
    #[inline(never)]
    fn by_chars(text: &str, start: usize) -> (usize, u8) {
        let (end, letters, digits) = word_by_chars(text, start);
        let wb = &text.as_bytes()[start..end];
        let ascii = wb.is_ascii();
        // the shape as the bits that [`AsciiWord::shape`] reads back
        let shape_bits = match shape_of(&text[start..end], ascii) {
            Shape::Upper => AW_FIRST_UPPER,
            Shape::Capitalized => AW_FIRST_UPPER | AW_LOWER,
            Shape::Lower => AW_LOWER,
            Shape::Other => AW_UPPER,
        };
        let mut bits = if letters { AW_LETTERS | shape_bits } else { 0 };
        if digits {
            bits |= AW_DIGITS;
        }
        if wb.iter().any(|&c| c == b'\'' || c == 0xE2) {
            bits |= AW_APOSTROPHE;
        }
        if ascii {
            bits |= AW_ASCII;
        }
        (end, bits)
    }

    /// The same as [`shape_of`] on the word.
    #[inline]
    fn shape(&self) -> Shape {
        AW_SHAPES[usize::from(self.bits & 15)]
    }

    fn letters(&self) -> bool {
        self.bits & AW_LETTERS != 0
    }

    fn digits(&self) -> bool {
        self.bits & AW_DIGITS != 0
    }

    fn apostrophe(&self) -> bool {
        self.bits & AW_APOSTROPHE != 0
    }

    /// The packed key of the word's first `n` bytes (`n` ≤ 16).
    fn key_of(&self, n: usize) -> [u64; 2] {
        key_prefix(self.key, n)
    }
}

/// Per-worker scratch for the lexicon.
#[derive(Default)]
pub struct LexScratch {
    /// The last text held "address", "corner" or a postal-code word: only then is
    /// [`super::address::find_unanchored`] worth running.
    pub(crate) address_cue: bool,
    tokens: Vec<Token>,
    /// The indices of the numeric tokens, in order: the rules that start from a number (an
    /// address after its intro, a town before its postal code) visit only these.
    numerics: Vec<u32>,
    /// The flags of all tokens OR-ed: a rule whose cue word is in no token is skipped.
    flags_any: u32,
    /// How many tokens are first names that are no English words (counted as they come).
    strong_names: u32,
    /// The text holds a colon (the rules for lists and fields after one look for it).
    colon: bool,
    /// The text lower-cased (ASCII letters), then the lower-case forms of its non-ASCII words.
    lower: String,
    phrase: String,
    /// Byte ranges the regex patterns found, sorted by start, each end raised to the furthest
    /// end so far: redaction turns them into tags, which are no words, so the tokenizer reads
    /// them as tags (see [`Lexicon::detect`]). The third field is that end again, over the
    /// ranges whose numbers are no tokens either (see [`numbers_stay`]).
    covered: Vec<(usize, usize, usize)>,
    /// Where each line's tokens start, and the words that judged its case.
    lines: Vec<(usize, LineCounts)>,
    /// Where the phrase of the last `k` words starts in `phrase` (see
    /// [`Lexicon::prev_phrases`]).
    phrase_starts: [usize; 8],
    /// One bit per token labelled NAME, while [`Lexicon::expand_names`] grows names: its
    /// rules start from a name, and visit only those (see [`LexScratch::next_name`]).
    name_bits: Vec<u64>,
}

impl LexScratch {
    /// The tokens of line `k` (the tokenizer notes where each line starts).
    fn line_tokens(&self, k: usize) -> std::ops::Range<usize> {
        self.lines[k].0..self.lines.get(k + 1).map_or(self.tokens.len(), |l| l.0)
    }

    /// The first token at `from` or after it labelled NAME, as `name_bits` has it. Read
    /// afresh on each call, so a loop that labels a later token visits it too, as a loop over
    /// all tokens would.
    fn next_name(&self, from: usize) -> Option<usize> {
        let mut w = from / 64;
        let mut x = self.name_bits.get(w)? & (u64::MAX << (from % 64));
        while x == 0 {
            w += 1;
            x = *self.name_bits.get(w)?;
        }
        Some(w * 64 + x.trailing_zeros() as usize)
    }

    /// Label token `k` NAME, in `name_bits` too.
    fn set_name(&mut self, k: usize) {
        self.tokens[k].label = Some(Label::Name);
        self.name_bits[k / 64] |= 1 << (k % 64);
    }

    /// Is byte `at` inside what a regex pattern found?
    fn in_pattern(&self, at: usize) -> bool {
        let k = self.covered.partition_point(|&(a, _, _)| a <= at);
        k > 0 && at < self.covered[k - 1].1
    }
}

impl std::fmt::Debug for LexScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LexScratch {{ tokens: {} }}", self.tokens.len())
    }
}

/// The compiled dictionaries and cue phrases. Immutable, shared by all workers.
pub struct Lexicon {
    flags: WordMap,
    places: FxHashSet<Box<str>>,
    /// [`word_pair_hash`] of the first two words of every place of several words.
    place_pairs: FxHashSet<u64>,
    /// [`word_pair_hash`] of the last two words of every cue phrase of two words or more
    /// (see [`Lexicon::prev_phrases`]).
    phrase_pairs: FxHashSet<u64>,
    strong_intros: FxHashSet<Box<str>>,
    /// Units of a dose ("mg", "cc/hr"), lower case: a word before a dose is a drug.
    dose_units: Vec<Box<str>>,
    weak_intros: FxHashSet<Box<str>>,
    preps: FxHashSet<Box<str>>,
    place_intros: FxHashSet<Box<str>>,
    address_intros: FxHashSet<Box<str>>,
    /// Clinical word endings, looked up by the distinct lengths in `suffix_lens`.
    clinical_suffixes: FxHashSet<Box<str>>,
    suffix_lens: Vec<usize>,
    /// The last three bytes of every clinical suffix, for a quick no (`None` if a suffix is
    /// shorter than that).
    suffix_tails: Option<FxHashSet<u32>>,
    /// Vocabulary in no name list (the `vocabulary` dictionary: drug and device names,
    /// medical and general words): capitalised inside a sentence, such a word is no name
    /// by its capital alone ("restarted Xarelto"), and no place after a movement phrase.
    vocabulary: WordMap,
    /// [`deletion_key`] of every English word of four letters or more, whole and with each
    /// of its letters left out in turn: [`Lexicon::near_word`] finds a word one edit away
    /// with a few lookups a letter instead of one for every letter of the alphabet.
    deletions: FxHashSet<u64>,
    max_place_words: usize,
    /// Words after "Word," opening a line that make it a name called.
    vocative_followers: FxHashSet<Box<str>>,
    /// What only a person does, after a subject's verb on a line in capitals (rule 8).
    person_predicates: FxHashSet<Box<str>>,
    /// Verbs of contact after a first name opening a clause ("social: dale phoned").
    contact_verbs: FxHashSet<Box<str>>,
    /// Imperatives that open a sentence and are no part of the given name after them.
    imperative_verbs: FxHashSet<Box<str>>,
    /// Given names that are also function words ("will", "may").
    function_word_given_names: FxHashSet<Box<str>>,
    /// Words that may follow a ward number.
    ward_number_followers: FxHashSet<Box<str>>,
    /// Words that end the run after an address phrase.
    address_run_stops: FxHashSet<Box<str>>,
    /// Street words after the street's name ("utca"), lower case.
    street_words_after_name: FxHashSet<Box<str>>,
    /// Speech verbs ("said"), lower case.
    speech_verbs: FxHashSet<Box<str>>,
    /// Devices and findings that are names too ("hickman", "brady"), lower case.
    clinical_eponyms: FxHashSet<Box<str>>,
    /// Suffixes that end a name ("jr", "dds"), lower case.
    name_suffixes: FxHashSet<Box<str>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Lexicon {{ words: {}, places: {} }}",
            self.flags.len(),
            self.places.len()
        )
    }
}

/// The dictionary role of [`Lexicon::in_vocabulary`]'s words.
const VOCABULARY: &str = "vocabulary";

/// OR `f` into the flags of `w`, keyed as the tokenizer looks words up: a possessive 's
/// dropped ("children's").
fn add_flags(flags: &mut WordMap, w: &str, f: u32) {
    flags.insert_or(w.strip_suffix("'s").unwrap_or(w), f);
}

fn norm_phrase(s: &str) -> String {
    // words as the tokenizer gives them: lower case, a possessive 's dropped ("wife's",
    // "it's in" match "wife", "it in")
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '/'))
        .filter(|w| !w.is_empty())
        .map(|w| w.strip_suffix("'s").unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Lexicon {
    /// Build from a loaded pattern set.
    pub fn build(set: &PatternSet) -> Lexicon {
        // room for every dictionary entry (cue words are few, and the map grows if need be)
        // (the vocabulary has a map of its own)
        let entries = set
            .dictionaries
            .iter()
            .filter(|(role, _)| *role != VOCABULARY)
            .map(|(_, words)| words.len())
            .sum::<usize>();
        let mut flags = WordMap::with_capacity(entries);
        let mut add = |w: &str, f: u32| add_flags(&mut flags, w, f);
        let mut deletions = FxHashSet::default();
        let mut add_deletions = |w: &str| {
            let w = w.strip_suffix("'s").unwrap_or(w).to_ascii_lowercase();
            let b = w.as_bytes();
            if b.len() >= 4 && b.iter().all(u8::is_ascii_lowercase) {
                deletions.insert(deletion_key(&[b], WHOLE));
                for k in 0..b.len() {
                    deletions.insert(deletion_key(&[&b[..k], &b[k + 1..]], k));
                }
            }
        };
        for w in set.dictionary("english_words") {
            add(w, WORD);
            add_deletions(w);
        }
        for w in set.dictionary("first_names") {
            add(w, FIRST);
        }
        for w in set.dictionary("surnames") {
            add(w, LAST);
        }
        // Names that are words: make sure they carry WORD even if the word list lacks them
        // (month names are capitalised in word lists).
        for w in set.dictionary("first_names_that_are_words") {
            add(w, WORD | FIRST);
            add_deletions(w);
        }
        for w in set.dictionary("surnames_that_are_words") {
            add(w, WORD | LAST);
            add_deletions(w);
        }
        for w in set.dictionary("common_names") {
            add(w, COMMON);
        }
        for w in set.dictionary("clinical_terms") {
            add(w, WORD | NEVER);
            add_deletions(w);
        }
        let vocab = set.dictionary(VOCABULARY);
        let mut vocabulary = WordMap::with_capacity(vocab.len());
        for w in vocab {
            vocabulary.insert_or(w, 1);
        }
        // cue lists whose every word carries one flag
        let c = &set.cues;
        for (list, f) in [
            (&c.never_names, NEVER),
            (&c.subject_verbs, VERB),
            (&c.strong_facility_words, STRONG_FACILITY),
            (&c.facility_modifiers, MODIFIER),
            (&c.facility_name_words, FACILITY_NAME),
            (&c.address_cue_words, ADDRESS_CUE),
            (&c.credentials, CREDENTIAL),
            (&c.initial_cues, INITIAL_CUE),
            (&c.eponym_followers, EPONYM_NEXT),
            (&c.address_unit_words, UNIT),
            (&c.street_intros, STREET_INTRO),
        ] {
            for w in list {
                add(w, f);
            }
        }
        for w in &set.cues.strong_titles {
            // "mr." and "ms." are strong only with their period ("mild MR", "MS given")
            let f = if w.ends_with('.') {
                STRONG_TITLE_DOT
            } else {
                STRONG_TITLE
            };
            // (every strong title is a title: the rules that skip a word after no title
            // rely on it)
            add(w.trim_end_matches('.'), f | TITLE);
        }
        for w in &set.cues.titles {
            add(w.trim_end_matches('.'), TITLE);
        }
        for w in &set.cues.relations {
            if !w.contains(' ') {
                add(w, RELATION);
            }
        }
        // a phrase's first word ("nursing" of "nursing home") is no facility word by itself
        for w in set.cues.facility_words.iter().filter(|w| !w.contains(' ')) {
            add(w, FACILITY);
        }
        for w in set.dictionary("street_suffixes") {
            add(w, SUFFIX);
        }
        for w in set.dictionary("states") {
            if !w.contains(' ') {
                add(w, STATE);
            }
        }
        for w in &set.cues.greetings {
            if !w.contains(' ') {
                add(w, GREETING);
            }
        }
        for w in set
            .cues
            .street_particles
            .iter()
            .chain(&set.cues.street_words_after_name)
        {
            add(w, PARTICLE);
        }
        for w in &set.cues.name_particles {
            add(w, NAME_PARTICLE);
        }
        let mut places: FxHashSet<Box<str>> = FxHashSet::default();
        let mut place_pairs: FxHashSet<u64> = FxHashSet::default();
        let mut max_place_words = 1;
        for p in set.dictionary("places") {
            let n = norm_phrase(p);
            let words = n.split(' ').count();
            max_place_words = max_place_words.max(words.min(4));
            if words == 1 {
                add(&n, PLACE);
            } else {
                let mut w = n.split(' ');
                let (first, second) = (w.next().unwrap_or(""), w.next().unwrap_or(""));
                let len_bit = if words <= 4 {
                    PLACE_WORDS << (words - 2)
                } else {
                    0
                };
                add(first, PLACE_PREFIX | len_bit);
                place_pairs.insert(word_pair_hash(first, second));
            }
            places.insert(n.into());
        }
        let mut preps: FxHashSet<Box<str>> = FxHashSet::default();
        for p in &set.cues.place_prepositions {
            let n = norm_phrase(p);
            if !n.contains(' ') {
                add(&n, PREP);
            }
            preps.insert(n.into());
        }
        let phrases = |v: &[String]| {
            v.iter()
                .map(|s| norm_phrase(s).into_boxed_str())
                .collect::<FxHashSet<_>>()
        };
        let mut strong_intros = phrases(&set.cues.name_intros);
        for r in &set.cues.relations {
            strong_intros.insert(norm_phrase(r).into());
        }
        let weak_intros = phrases(&set.cues.weak_name_intros);
        let place_intros = phrases(&set.cues.place_intros);
        let address_intros = phrases(&set.cues.address_intros);
        let clinical_suffixes: FxHashSet<Box<str>> = set
            .cues
            .clinical_suffixes
            .iter()
            .map(|s| s.to_lowercase().into_boxed_str())
            .collect();
        let mut suffix_lens: Vec<usize> = clinical_suffixes.iter().map(|s| s.len()).collect();
        suffix_lens.sort_unstable();
        suffix_lens.dedup();
        // the quick check holds only if every suffix has at least three bytes
        let suffix_tails = clinical_suffixes.iter().all(|s| s.len() >= 3).then(|| {
            clinical_suffixes
                .iter()
                .map(|s| tail3(s.as_bytes()))
                .collect()
        });
        let mut lex = Lexicon {
            flags,
            places,
            place_pairs,
            phrase_pairs: FxHashSet::default(),
            strong_intros,
            dose_units: set
                .cues
                .dose_units
                .iter()
                .map(|u| u.to_lowercase().into_boxed_str())
                .collect(),
            weak_intros,
            preps,
            place_intros,
            address_intros,
            clinical_suffixes,
            suffix_lens,
            suffix_tails,
            vocabulary,
            deletions,
            max_place_words,
            vocative_followers: word_set(&set.cues.vocative_followers),
            person_predicates: word_set(&set.cues.person_predicates),
            contact_verbs: word_set(&set.cues.contact_verbs),
            imperative_verbs: word_set(&set.cues.imperative_verbs),
            function_word_given_names: word_set(&set.cues.function_word_given_names),
            ward_number_followers: word_set(&set.cues.ward_number_followers),
            address_run_stops: word_set(&set.cues.address_run_stops),
            street_words_after_name: word_set(&set.cues.street_words_after_name),
            speech_verbs: word_set(&set.cues.speech_verbs),
            name_suffixes: word_set(&set.cues.name_suffixes),
            clinical_eponyms: word_set(&set.cues.clinical_eponyms),
        };
        // every cue phrase's last word is flagged, and its last two words (of a phrase of
        // two or more) hashed, so that `prev_phrases` looks up only what may end a cue
        let mut ends = Vec::new();
        for p in lex.cue_phrase_sets().into_iter().flatten() {
            let mut words = p.rsplit(' ');
            if let Some(last) = words.next() {
                let pair = words.next().map(|before| word_pair_hash(before, last));
                ends.push((last.to_string(), pair));
            }
        }
        for (last, pair) in ends {
            add_flags(&mut lex.flags, &last, PHRASE_END);
            lex.phrase_pairs.extend(pair);
        }
        lex
    }

    /// The sets of cue phrases [`Lexicon::prev_phrases`] finds before a word: name intros
    /// (strong and weak), place and address intros, and place prepositions.
    fn cue_phrase_sets(&self) -> [&FxHashSet<Box<str>>; 5] {
        [
            &self.strong_intros,
            &self.weak_intros,
            &self.place_intros,
            &self.address_intros,
            &self.preps,
        ]
    }

    /// The flags of a word the tokenizer's packed key does not hold: its first `n` bytes
    /// when it is ASCII and longer than 16 bytes (`n` leaves a possessive out); otherwise its
    /// lower-case form `lw` (`n` is that form's length, which may exceed the word's). Out of
    /// its loop.
    #[cold]
    #[inline(never)]
    fn flags_slow(&self, ascii: bool, word: &[u8], n: usize, lw: &str) -> u32 {
        if ascii {
            self.flags.get_ascii_lower(&word[..n])
        } else {
            self.lookup(lw)
        }
    }

    /// A drug or clinical word ending ("-olol", "-itis").
    fn clinical_ending(&self, lw: &str) -> bool {
        // most words end in no suffix's last three bytes: one integer lookup says so
        let b = lw.as_bytes();
        if let Some(tails) = &self.suffix_tails {
            if b.len() < 3 || !tails.contains(&tail3(b)) {
                return false;
            }
        }
        self.suffix_lens.iter().any(|&n| {
            n <= lw.len()
                && lw.is_char_boundary(lw.len() - n)
                && self.clinical_suffixes.contains(&lw[lw.len() - n..])
        })
    }

    fn lookup(&self, w: &str) -> u32 {
        self.flags.get(w)
    }

    /// Token `k` is a verb of contact ("called", "aware", …) joined to the word before it,
    /// in lower case or in the case `shape` of the name before it.
    fn contact_verb_at(&self, text: &str, s: &LexScratch, k: usize, shape: Shape) -> bool {
        s.tokens.get(k).is_some_and(|v| {
            v.joined_prev
                && v.alpha
                && (v.shape == Shape::Lower || v.shape == shape)
                && super::patterns::contains_ascii_ci(&self.contact_verbs, &text[v.start..v.end])
        })
    }

    /// A word of four letters or more in no list at all, not even the vocabulary, and
    /// without a clinical ending: a rare name more often than jargon. (Listed names may be
    /// such words too: callers that want none test FIRST and LAST.)
    fn in_no_list(&self, s: &LexScratch, t: &Token) -> bool {
        const LISTED: u32 = WORD
            | NEVER
            | TITLE
            | RELATION
            | STATE
            | FACILITY
            | SUFFIX
            | UNIT
            | VERB
            | GREETING
            | CREDENTIAL
            | PLACE;
        t.alpha
            && t.ascii
            && t.end - t.start >= 4
            && t.flags & LISTED == 0
            && !self.in_vocabulary(Self::lw(s, t))
            && !self.clinical_ending(Self::lw(s, t))
    }

    /// A word in no list at all ([`Self::in_no_list`]), or one with letters outside ASCII
    /// that is no English word ("žilková").
    fn unknown_word(&self, s: &LexScratch, t: &Token) -> bool {
        if t.ascii {
            self.in_no_list(s, t)
        } else {
            t.alpha && t.flags & WORD == 0 && t.end - t.start >= 3
        }
    }

    /// Is the lower-case word `lw` of five letters or more one edit from an English word: a
    /// letter left out, added, changed, or two swapped ("mediciene", "stomack",
    /// "breathign")? A misspelling, then, more likely than a rare name. (Not the
    /// vocabulary: it holds so many rare words that invented names came within one edit of
    /// them.) About four lookups a letter, with the deletion keys built at start-up (a
    /// lookup for every letter of the alphabet at every place cost 5.5 s per megabyte of
    /// text made of such words).
    fn near_word(&self, lw: &str) -> bool {
        let b = lw.as_bytes();
        if b.len() < 5 || !b.iter().all(u8::is_ascii_lowercase) {
            return false;
        }
        let known = |parts: &[&[u8]], at: usize| self.deletions.contains(&deletion_key(parts, at));
        (0..b.len()).any(|k| {
            let (head, tail) = (&b[..k], &b[k + 1..]);
            // a letter added: without it, a word; a letter changed: a word without its
            // letter at the same place reads the same; two swapped
            known(&[head, tail], WHOLE)
                || known(&[head, tail], k)
                || (k + 1 < b.len()
                    && b[k] != b[k + 1]
                    && known(&[head, &[b[k + 1], b[k]], &b[k + 2..]], WHOLE))
        })
        // a letter left out: a word without one of its letters reads `lw`
        || (0..=b.len()).any(|k| known(&[b], k))
    }

    /// Is the lower-cased word `lw` in the vocabulary (a word of no name list: drug and
    /// device names, medical and general words)?
    fn in_vocabulary(&self, lw: &str) -> bool {
        self.vocabulary.get(lw) != 0
    }

    /// The name flags of a lower-cased word written with an apostrophe after its first
    /// letter ("o'hara"), looked up without it ("ohara").
    #[cold]
    fn elided_name_flags(&self, lw: &str, buf: &mut String) -> u32 {
        let Some((head, tail)) = lw.split_once('\'') else {
            return 0;
        };
        if head.chars().count() != 1 || tail.is_empty() {
            return 0;
        }
        buf.clear();
        buf.push_str(head);
        buf.push_str(tail);
        self.lookup(buf) & (FIRST | LAST | COMMON)
    }

    /// Find name and place spans in `text`, appending to `out`. What `out` already holds are
    /// the regex patterns' spans: they become tags on redaction, so they are read as tags
    /// here too. The words with letters inside them are no tokens, no cue reaches across
    /// them, and the word after one does not open a sentence unless a period follows it.
    /// Numbers inside them stay tokens (a house number read as a year opens its address).
    ///
    /// A text longer than [`MAX_TEXT`] is not read: it becomes one span (fail closed).
    pub fn detect(&self, text: &str, s: &mut LexScratch, out: &mut Vec<Span>) {
        if text.len() > MAX_TEXT {
            out.push(Span {
                start: 0,
                end: text.len(),
                label: Label::OtherId,
                origin: SpanOrigin::Lexicon,
            });
            return;
        }
        let mut address_cue = false;
        s.colon = memchr::memchr(b':', text.as_bytes()).is_some();
        // Redaction must be idempotent, and a line's case is judged from its words: a name
        // found on it becomes a tag, which is no word, and the redacted line may read
        // differently (" 92 yo wea … é Marisol" has a capital only in the name; without it
        // the line is flat, and "wea" a place). When the words left after this round would
        // judge a line differently, the found words become tags-to-be, like pattern
        // matches, and the text is read again; what is found is kept from every round.
        for _round in 0..MAX_ROUNDS {
            s.covered.clear();
            s.covered.extend(out.iter().map(|sp| {
                let stay = numbers_stay(sp.label, &text.as_bytes()[sp.start..sp.end]);
                let numbers_go = if stay { 0 } else { sp.end };
                (sp.start, sp.end, numbers_go)
            }));
            s.covered.sort_unstable();
            // each end becomes the furthest end so far, so one binary search answers
            // "covered?"
            let (mut reach, mut reach_numbers) = (0, 0);
            for r in &mut s.covered {
                reach = reach.max(r.1);
                r.1 = reach;
                reach_numbers = reach_numbers.max(r.2);
                r.2 = reach_numbers;
            }
            self.tokenize(text, s);
            address_cue |= s.address_cue;
            if s.tokens.is_empty() {
                break;
            }
            self.mark_names(text, s);
            self.mark_name_lines(text, s);
            self.mark_name_lists(text, s);
            self.mark_message_senders(text, s);
            self.mark_places(text, s);
            self.mark_addresses_after_intros(text, s);
            if s.flags_any & STREET_INTRO != 0 {
                mark_streets_before_numbers(text, s);
            }
            mark_towns_before_postal_codes(text, s);
            self.expand_names(text, s);
            if s.flags_any & EPONYM_NEXT != 0 {
                drop_eponyms(s);
            }
            self.drop_clinical_eponyms(text, s);
            self.drop_drugs(text, s);
            emit(text, s, &self.name_suffixes, out);
            if !case_changes_without_labelled(s) {
                break;
            }
        }
        s.address_cue = address_cue;
    }

    fn tokenize(&self, text: &str, s: &mut LexScratch) {
        s.tokens.clear();
        s.numerics.clear();
        // the whole text lower-cased at once: an ASCII word's lower-case form is then at its
        // own offsets, and only non-ASCII words are appended after the text
        s.lower.clear();
        s.lower.push_str(text);
        s.lower.make_ascii_lowercase();
        s.lines.clear();
        s.flags_any = 0;
        s.strong_names = 0;
        let bytes = text.as_bytes();
        let mut line_start_tok = 0;
        let mut last_end = 0usize;
        // where the last tag (or pattern match, a tag-to-be) ended, if no word came since
        // (`NO_BARRIER` otherwise: a plain `usize` keeps the loop's state in fewer registers)
        const NO_BARRIER: usize = usize::MAX;
        let mut barrier = NO_BARRIER;
        // the pattern matches starting at or before the current word (words come in order),
        // where the next one starts, and how far those seen reach
        let mut seen_matches = 0usize;
        let mut next_match = s.covered.first().map_or(usize::MAX, |c| c.0);
        let mut reach = 0usize;
        // the current line's words, counted as they come
        let mut counts = LineCounts::default();
        let mut i = 0usize;
        while i < bytes.len() {
            // plain ASCII separators in a loop of their own (most gaps are one space): the
            // outer loop's state stays where it is
            while bytes
                .get(i)
                .is_some_and(|&c| ASCII_CLASS[usize::from(c)] & PLAIN_SEP != 0)
            {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            // the separators left: a line break, and the ones that are not ASCII (by char)
            if b == b'\n' {
                Self::finish_line(s, line_start_tok, std::mem::take(&mut counts));
                line_start_tok = s.tokens.len();
                i += 1;
                continue;
            }
            if b >= 0x80 {
                let (c, clen) = char_at(text, i);
                if !c.is_alphanumeric() {
                    i += clen;
                    continue;
                }
            }
            let start = i;
            let keyless = |(end, bits)| AsciiWord {
                end,
                bits,
                key: [0; 2],
            };
            let aw = if b < 0x80 {
                AsciiWord::scan_or(bytes, start, || keyless(AsciiWord::slow(text, start)))
            } else {
                keyless(AsciiWord::by_chars(text, start))
            };
            let (end, has_alpha, has_digit) = (aw.end, aw.letters(), aw.digits());
            i = end;
            let wb = &bytes[start..end];
            // our own output ([NAME], NAME-ABCDEFGH2345, [AGE_OVER_89]) is not text: skip it
            // (labels are ASCII capitals: only such a word is looked at)
            if aw.bits & (AW_SCANNED | AW_FIRST_UPPER | AW_LOWER) == AW_SCANNED | AW_FIRST_UPPER {
                if let Some((label_end, after_bracket)) = own_output_at(text, start, end) {
                    i = label_end;
                    last_end = label_end;
                    barrier = label_end + usize::from(after_bracket);
                    continue;
                }
            }
            // a word inside what a pattern found becomes part of a tag on redaction, and
            // tags are no words: skip it here too, so that the redacted text reads the same
            // (numbers stay where they may be a house number: one read as a year still opens
            // its address; see `numbers_stay`)
            // (the covered ends were raised to the furthest end so far: the last one seen
            // reaches furthest)
            while next_match <= start {
                reach = s.covered[seen_matches].1;
                seen_matches += 1;
                next_match = s.covered.get(seen_matches).map_or(usize::MAX, |c| c.0);
            }
            // (how far the numbers go is read only inside a match: one value less for the
            // loop to keep in a register)
            if start < reach && (has_alpha || start < s.covered[seen_matches - 1].2) {
                // a match whose numbers go too goes whole: on to its end at once, unless a
                // word or a line runs on past it (the word would be read from its middle, the
                // line not closed)
                let numbers_go_to = s.covered[seen_matches - 1].2;
                if numbers_go_to > end
                    && bytes.get(numbers_go_to).is_none_or(|&c| {
                        c != b'\'' && (c == b'\n' || ASCII_CLASS[usize::from(c)] & PLAIN_SEP != 0)
                    })
                    && !bytes[end..numbers_go_to].contains(&b'\n')
                {
                    i = numbers_go_to;
                }
                last_end = i;
                // (a sentence's final period will stand outside the tag: "[ADDRESS].")
                let mut tag_end = reach.max(end);
                if super::span::ends_in_sentence_period(bytes, start, tag_end) {
                    tag_end -= 1;
                }
                barrier = tag_end;
                continue;
            }
            let ascii = aw.bits & AW_ASCII != 0;
            let (lstart, mut lend) = if ascii {
                (start, end)
            } else {
                push_lower(&mut s.lower, &text[start..end])
            };
            // a possessive 's (or ’s) is left out of the lower-case range (both spell two bytes
            // there: ’ is lower-cased to ')
            // (a word holds no apostrophe unless its bits say it may)
            if aw.apostrophe() && wb.len() >= 2 && matches!(wb[wb.len() - 1], b's' | b'S') && {
                let q = &wb[..wb.len() - 1];
                q.ends_with(b"'") || q.ends_with("\u{2019}".as_bytes())
            } {
                lend -= 2;
            }
            let shape = aw.shape();
            // (most words follow a word and one space: the word before ended there, so the
            // gap is that space, and no sentence starts there)
            let after_word = start >= 2
                && bytes[start - 1] == b' '
                && ASCII_CLASS[usize::from(bytes[start - 2])] & ALNUM != 0;
            let joined_prev = !s.tokens.is_empty()
                && barrier == NO_BARRIER
                && (after_word || {
                    let gap = &bytes[last_end..start];
                    gap.len() <= 3 && gap.iter().all(|g| matches!(g, b' ' | b'-' | b'.' | b'\t'))
                });
            let sentence_start = !after_word && {
                let mut j = start;
                while j > 0
                    && matches!(
                        bytes[j - 1],
                        b' ' | b'\t' | b'"' | b'\'' | b'(' | b'>' | b'*' | b'['
                    )
                {
                    j -= 1;
                }
                // the text's start, or a sentence's end before the blanks (not a tag, which
                // ends in a bracket; and every sentence end is ASCII, so one byte says it)
                barrier != j
                    && (j == 0
                        || matches!(
                            bytes[j - 1],
                            b'.' | b'!' | b'?' | b':' | b';' | b'\n' | b'\r' | b'-' | b'|'
                        ))
            };
            let apostrophe = aw.apostrophe();
            let flags = if has_alpha && !has_digit {
                let n = lend - lstart;
                let f = if aw.bits & AW_SCANNED != 0 && n <= 16 {
                    // (the scan's key holds the whole word: cut only a possessive off)
                    let key = if n == end - start {
                        aw.key
                    } else {
                        aw.key_of(n)
                    };
                    self.flags.get_packed(key, n)
                } else {
                    self.flags_slow(ascii, wb, n, &s.lower[lstart..lend])
                };
                // "O'Hara", "D'Angelo": the name lists write them without the apostrophe
                if apostrophe
                    && f & (FIRST | LAST) == 0
                    && (wb.get(1) == Some(&b'\'') || wb[1..].starts_with("\u{2019}".as_bytes()))
                {
                    f | self.elided_name_flags(&s.lower[lstart..lend], &mut s.phrase)
                } else {
                    f
                }
            } else {
                0
            };
            s.flags_any |= flags;
            s.strong_names += u32::from(flags & (FIRST | WORD) == FIRST);
            let token = Token {
                start,
                end,
                // (within 32 bits: see MAX_TEXT)
                lstart: lstart as u32,
                lend: lend as u32,
                alpha: has_alpha && !has_digit,
                numeric: has_digit && !has_alpha,
                ascii,
                shape,
                flags,
                case: LineCase::Mixed,
                sentence_start,
                joined_prev,
                after_tag: barrier != NO_BARRIER,
                apostrophe,
                label: None,
            };
            counts.add(&token, 1);
            if token.numeric {
                // (within 32 bits: a token is at least a byte of a text within MAX_TEXT)
                s.numerics.push(s.tokens.len() as u32);
            }
            s.tokens.push(token);
            last_end = end;
            barrier = NO_BARRIER;
        }
        Self::finish_line(s, line_start_tok, counts);
        s.address_cue = s.flags_any & ADDRESS_CUE != 0;
    }

    /// Decide whether capitalisation means anything on the line just tokenized.
    fn finish_line(s: &mut LexScratch, from: usize, counts: LineCounts) {
        // (words inside what a pattern found, "a@b.example", are no tokens: they become a tag,
        // and counting them would judge the line differently in the redacted text)
        if counts.flat() {
            for t in &mut s.tokens[from..] {
                t.case = LineCase::Flat;
            }
        }
        s.lines.push((from, counts));
    }

    fn lw<'a>(s: &'a LexScratch, t: &Token) -> &'a str {
        &s.lower[t.lrange()]
    }

    /// Is the token, lower-cased, the word `w`? (The length first, and no char-boundary
    /// checks: most tokens are tested against a word in a loop over all of them.)
    #[inline]
    fn lw_is(s: &LexScratch, t: &Token, w: &str) -> bool {
        (t.lend - t.lstart) as usize == w.len() && &s.lower.as_bytes()[t.lrange()] == w.as_bytes()
    }

    /// The phrases of 1 to `max_k` tokens ending just before token `i`, as far as they are
    /// joined and could be a cue phrase: builds the longest in `s.phrase` and returns how many
    /// words it has (0: none).
    /// The phrase of `k` of them is [`Self::phrase_of`]`(s, k)`, its last `k` words.
    ///
    /// (The first test inline, the rest out of line: most words before a token end no cue
    /// phrase, and most callers ask at every token they visit.)
    #[inline(always)]
    fn prev_phrases(&self, s: &mut LexScratch, text: &str, i: usize, max_k: usize) -> usize {
        if i == 0 || s.tokens[i - 1].flags & PHRASE_END == 0 {
            return 0;
        }
        self.prev_phrases_joined(s, text, i, max_k)
    }

    /// [`Self::prev_phrases`] once the word before token `i` may end a cue phrase.
    #[inline(never)]
    fn prev_phrases_joined(&self, s: &mut LexScratch, text: &str, i: usize, max_k: usize) -> usize {
        // the gap before token i must not be a line break, a tag or a sentence end
        let gap = &text[s.tokens[i - 1].end..s.tokens[i].start];
        if s.tokens[i].after_tag
            || gap.contains('\n')
            || gap.contains(['.', '!', '?', ';'])
                && !gap.trim().is_empty()
                && !is_title(s.tokens[i - 1].flags)
        {
            return 0;
        }
        // how far back the words are joined (a comma or colon inside multi-word cues only at
        // the end)
        let mut k = 1;
        while k < max_k && k < i {
            let j = i - k;
            if !s.tokens[j].joined_prev {
                let gap = &text[s.tokens[j - 1].end..s.tokens[j].start];
                if gap.contains('\n') || gap.trim().len() > 1 {
                    break;
                }
            }
            k += 1;
        }
        // a phrase of two words or more ends with a pair of words that ends some cue phrase
        // (most pairs end none: then only the last word is worth a lookup)
        if k >= 2
            && !self.phrase_pairs.contains(&word_pair_hash(
                Self::lw(s, &s.tokens[i - 2]),
                Self::lw(s, &s.tokens[i - 1]),
            ))
        {
            k = 1;
        }
        s.phrase.clear();
        for j in i - k..i {
            if j > i - k {
                s.phrase.push(' ');
            }
            let t = &s.tokens[j];
            s.phrase_starts[i - j] = s.phrase.len();
            s.phrase.push_str(&s.lower[t.lrange()]);
        }
        k
    }

    /// Do token `i` and the word after it make a staff role that introduces a name ("case
    /// manager", "social worker")?
    fn opens_role(&self, s: &LexScratch, i: usize) -> bool {
        let Some(nx) = s.tokens.get(i + 1).filter(|nx| nx.alpha && nx.joined_prev) else {
            return false;
        };
        let mut role = String::with_capacity(24);
        role.push_str(Self::lw(s, &s.tokens[i]));
        role.push(' ');
        role.push_str(Self::lw(s, nx));
        self.strong_intros.contains(role.as_str())
    }

    /// Does token `i` open the answer to a question for a name: the question ends in
    /// "name" or in "name" and a few words after "on" or "for" ("What's the name on
    /// the account?"), and one speaker's label may come between ("User: ")?
    fn answers_name_question(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let asked = |gap: &str| matches!(gap, "? " | "?  " | "?\n");
        let t = &s.tokens[i];
        let p = &s.tokens[i - 1];
        // the token that ends the question
        let q = if asked(&text[p.end..t.start]) {
            i - 1
        } else if i >= 2
            && matches!(&text[p.end..t.start], ": " | ":  ")
            && p.alpha
            && p.shape == Shape::Capitalized
            && p.flags & (FIRST | LAST) == 0
            && asked(&text[s.tokens[i - 2].end..p.start])
        {
            i - 2
        } else {
            return false;
        };
        (0..=3.min(q)).any(|k| {
            let at = q - k;
            Self::lw_is(s, &s.tokens[at], "name")
                && (k == 0
                    || (s.tokens[at + 1].alpha
                        && matches!(Self::lw(s, &s.tokens[at + 1]), "on" | "for")
                        && (at + 1..=q).all(|j| s.tokens[j].joined_prev && s.tokens[j].alpha)))
        })
    }

    /// Senders naming themselves in a text message, in whatever case: a listed given name
    /// (no English word) that closes the message after a dash, after a greeting or a cue
    /// phrase and its comma ("running late - lateef", "ok thanks, lateef", "thank you,
    /// lateef"), or alone on its last line, or that follows an "it's"
    /// opening a line ("hey its lateef again", "it's Lateef, running late"); after the dash,
    /// capitalised on a line in mixed case, also a given name that is a word ("- Rob"). On
    /// a line in lower case a rare given name alone is no name, and these cues are not the
    /// intros the other rules read. It looks at the last token and at the first one or two
    /// of each line only.
    fn mark_message_senders(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        // a listed given name, unlabelled, of three letters or more, with none of the flags
        // in `not` (a given name's flags imply it is a word of letters)
        let listed = |t: &Token, not: u32| {
            t.label.is_none() && t.end - t.start >= 3 && t.flags & FIRST != 0 && t.flags & not == 0
        };
        const NO_SENDER: u32 = NEVER | TITLE | RELATION | STATE | FACILITY | UNIT | GREETING;
        // (no English word either, nor a credential)
        let given = |t: &Token| listed(t, NO_SENDER | WORD | CREDENTIAL);
        let closes = |end: usize| {
            text[end..]
                .bytes()
                .all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'.' | b'!' | b')'))
        };
        if n >= 2 {
            let (p, t) = (s.tokens[n - 2], s.tokens[n - 1]);
            let gap = text[p.end..t.start].trim_matches([' ', '\t']);
            // (a sentence may end before the dash: "in today? - Rob")
            let dash = matches!(
                gap.trim_start_matches(['.', '?', '!', ' ']),
                "-" | "\u{2013}" | "\u{2014}" | "~"
            );
            // (after a comma, a greeting or a cue phrase: "ok thanks, lateef", "thank you,
            // lateef"; alone on the message's last line after other lines: a signature)
            let after_cue = dash
                || (gap == ","
                    && p.alpha
                    && (p.flags & GREETING != 0
                        || (1..=self.prev_phrases(s, text, n - 1, 3)).any(|k| {
                            let ph = Self::phrase_of(s, k);
                            self.weak_intros.contains(ph) || self.strong_intros.contains(ph)
                        })))
                || {
                    // (a line of its own: only line breaks after the sentence before it)
                    let brk = gap.trim_start_matches(['.', '?', '!', ',']);
                    !brk.is_empty() && brk.bytes().all(|c| matches!(c, b'\n' | b'\r' | b' '))
                };
            // (after a dash, capitalised on a line in mixed case, a given name that is also a
            // word: "see you at 5 - Rob")
            let worded = dash
                && t.shape == Shape::Capitalized
                && t.case == LineCase::Mixed
                && listed(&t, NO_SENDER);
            if after_cue && !t.after_tag && (given(&t) || worded) && closes(t.end) {
                s.tokens[n - 1].label = Some(Label::Name);
            }
        }
        // ("it's" opens its line, or follows a greeting that does: one or two tokens a line)
        for k in 0..s.lines.len() {
            let first = s.lines[k].0;
            let opens = |i: usize| {
                let m = &s.tokens[i];
                let w = &text.as_bytes()[m.start..m.end];
                m.flags & NEVER != 0
                    && (w.eq_ignore_ascii_case(b"its")
                        || w.eq_ignore_ascii_case(b"it's")
                        || w.eq_ignore_ascii_case("it\u{2019}s".as_bytes()))
            };
            let end = s.line_tokens(k).end;
            let Some(i) = [first, first + 1].into_iter().find(|&i| {
                i + 1 < end && (i == first || s.tokens[first].flags & GREETING != 0) && opens(i)
            }) else {
                continue;
            };
            let t = s.tokens[i + 1];
            let then = text[t.end..].trim_start_matches([' ', '\t']);
            let ends = then.is_empty()
                || then.starts_with([',', '.', '!', '-', '\n'])
                || s.tokens.get(i + 2).is_some_and(|x| {
                    &text[t.end..x.start] == " " && matches!(Self::lw(s, x), "again" | "here")
                });
            if t.joined_prev && &text[s.tokens[i].end..t.start] == " " && given(&t) && ends {
                s.tokens[i + 1].label = Some(Label::Name);
            }
        }
    }

    /// Does token `i` stand alone on the line after a sign-off ("Regards,\nHope"): a
    /// greeting or a strong name intro ends the line before, a comma at most after it?
    fn signs_off(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        i > 0 && {
            let t = &s.tokens[i];
            let p = &s.tokens[i - 1];
            let gap = text[p.end..t.start].trim_matches([' ', '\t', '\r']);
            matches!(gap, "\n" | ",\n")
                && line_blank_after(text, t.end)
                && (p.flags & GREETING != 0 || self.strong_intros.contains(Self::lw(s, p)))
        }
    }

    /// Does "here" follow token `i` after one space, and a comma, dash, period, "!" or line
    /// end after it: a sender naming themselves ("Amber here, running late")?
    fn here_after(s: &LexScratch, text: &str, i: usize) -> bool {
        let t = &s.tokens[i];
        s.tokens.get(i + 1).is_some_and(|nx| {
            Self::lw_is(s, nx, "here")
                && &text[t.end..nx.start] == " "
                && text[nx.end..]
                    .trim_start_matches(' ')
                    .starts_with([',', '-', '.', '!', '\n'])
        })
    }

    /// The phrase of the last `k` words [`Self::prev_phrases`] built.
    fn phrase_of(s: &LexScratch, k: usize) -> &str {
        &s.phrase[s.phrase_starts[k]..]
    }

    /// Can no rule of [`Self::mark_names`] take token `i`? Judged by reference (a token is a
    /// wide copy), before the rules, for most tokens:
    /// - no word; a word never a name alone unless capitalised on a mixed-case line (the
    ///   rules for those read it there);
    /// - a lower-case English word in no name list and no given name, not after a title or
    ///   relation word (every rule wants a listed name, an unknown word, capitals, or such a
    ///   cue); when it is a surname ("card", "list"), only two rules take it: the answer to
    ///   a question for a name (2g, after "?" or ":") and a surname after an initial and its
    ///   period (6, "j. card rn");
    /// - a capitalised word or one in capitals in no name list and no cue itself ("Reply",
    ///   "Neuro", "LS"): only the cues before a name take it (4: a title or relation word
    ///   before it, or, capitalised, a greeting or the end of a cue phrase), and capitalised,
    ///   2g.
    #[inline(always)]
    fn no_name_rule_takes(text: &str, s: &LexScratch, i: usize) -> bool {
        let t = &s.tokens[i];
        if !t.alpha {
            return true;
        }
        if t.flags & NEVER != 0 {
            return t.shape != Shape::Capitalized || t.case != LineCase::Mixed;
        }
        let plain_word = t.flags & (WORD | FIRST) == WORD
            && match t.shape {
                Shape::Lower => true,
                Shape::Capitalized | Shape::Upper => {
                    t.flags & (LAST | TITLE | RELATION | STATE) == 0
                }
                Shape::Other => false,
            };
        if !plain_word {
            return false;
        }
        let Some(p) = i.checked_sub(1).map(|k| &s.tokens[k]) else {
            return true;
        };
        if p.flags & (TITLE | RELATION) != 0 {
            return false;
        }
        let after = text.as_bytes()[p.end];
        match t.shape {
            Shape::Upper => true,
            Shape::Capitalized => {
                p.flags & (GREETING | PHRASE_END) == 0 && !matches!(after, b'?' | b':')
            }
            _ => {
                t.flags & LAST == 0
                    || match after {
                        b'?' | b':' => false,
                        b'.' => p.end - p.start > 1,
                        _ => true,
                    }
            }
        }
    }

    fn mark_names(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        for i in 0..n {
            if Self::no_name_rule_takes(text, s, i) {
                continue;
            }
            let t = s.tokens[i];
            if t.flags & NEVER != 0 {
                // "Dr. Art Lindqvist": after a strong title, a capitalised word that is never a
                // name alone is the first name when a capitalised surname follows
                let p = (i > 0).then(|| s.tokens[i - 1]);
                let titled =
                    p.is_some_and(|p| strong_title_before(text, &p, &t) && adjacent(text, &p, &t));
                let surname_next = s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.joined_prev
                        && nx.alpha
                        && nx.shape == Shape::Capitalized
                        && nx.end - nx.start >= 3
                        && nx.flags & (NEVER | TITLE | STATE | FACILITY | UNIT) == 0
                });
                // (the word is capitalised on a mixed-case line: the skip above saw to it)
                if titled && surname_next && t.end - t.start >= 2 {
                    s.tokens[i].label = Some(Label::Name);
                    s.tokens[i + 1].label = Some(Label::Name);
                } else if titled
                    && t.end - t.start >= 3
                    && t.flags & (FIRST | LAST) != 0
                    && t.flags & (TITLE | RELATION | GREETING) == 0
                    && p.is_some_and(|p| p.shape == Shape::Capitalized)
                {
                    // "Mr. Akin", "Mrs. English": a listed name after a capitalised strong
                    // title, even a word that is never a name alone (not "MS. Pt": the
                    // title is in capitals)
                    s.tokens[i].label = Some(Label::Name);
                }
                continue;
            }
            let len = t.end - t.start;
            let f = t.flags;
            let in_names = f & (FIRST | LAST) != 0;
            let is_word = f & WORD != 0;
            let mixed = t.case == LineCase::Mixed;
            let abbrev = t.shape == Shape::Upper && len <= 3 && mixed;
            // a credential right after it: "… Tallow MD", "q. tamsen rrt"
            let credential = s
                .tokens
                .get(i + 1)
                .is_some_and(|nx| nx.joined_prev && nx.alpha && nx.flags & CREDENTIAL != 0);
            // plural or possessive abbreviations ("ABGs", "PIVs", "LFT's") are never names
            let word_text = &text[t.start..t.end];
            // (the last byte first: most words do not end in "s")
            let caps_plural = word_text.ends_with('s') && {
                let core = word_text
                    .strip_suffix("'s")
                    .or_else(|| word_text.strip_suffix('s'))
                    .unwrap_or(word_text);
                core.len() >= 2
                    && core.len() < word_text.len()
                    && core.bytes().all(|b| b.is_ascii_uppercase())
            };
            if caps_plural {
                continue;
            }
            // a letter or two and a verb contraction ("D/C'd", "I'll") is no name
            // (only a word the tokenizer saw an apostrophe in: the char search decodes every
            // char)
            if let Some((head, tail)) = t
                .apostrophe
                .then(|| word_text.split_once(['\'', '\u{2019}']))
                .flatten()
            {
                if head.chars().count() <= 2
                    && ["d", "ll", "ve", "re", "m", "t"]
                        .iter()
                        .any(|c| tail.eq_ignore_ascii_case(c))
                {
                    continue;
                }
            }
            // drug and clinical word endings ("Atenolol", "Tachycardic", "Doxacurium")
            let lw = &s.lower[t.lrange()];
            if lw.len() >= 6 && self.clinical_ending(lw) {
                continue;
            }
            // 1. dictionary names that are not words (in lower-case text a surname alone is
            // more often an eponym, "hickman", "brady": there only first names count)
            let mut name = in_names
                && f & COMMON != 0
                && !is_word
                && len >= 3
                && !abbrev
                && (t.shape != Shape::Lower || mixed || f & FIRST != 0)
                && f & (STATE | FACILITY | SUFFIX | TITLE | RELATION) == 0;
            // 1b. a state that is a given name too, capitalised inside a sentence right
            // before a listed surname taken so: "add Virginia Adkins" (see 2c)
            if name
                && i > 0
                && f & LAST != 0
                && !is_word
                && mixed
                && t.shape == Shape::Capitalized
                && t.joined_prev
            {
                let p = s.tokens[i - 1];
                if p.alpha
                    && p.label.is_none()
                    && p.flags & (STATE | FIRST) == STATE | FIRST
                    && p.shape == Shape::Capitalized
                    && !p.sentence_start
                {
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 2. proper nouns by capitalisation on mixed-case lines
            // (a capitalised unknown word opening a sentence is no evidence: notes capitalise
            // their jargon there)
            if !name
                && mixed
                && !is_word
                && len >= 2
                && !abbrev
                && (if t.sentence_start {
                    in_names
                        || (subject_like(text, &s.tokens, i, &self.vocative_followers)
                            // (a word of the vocabulary before "and" opens a list of drugs
                            // or findings: "Xarelto and Keppra given")
                            && !(s.tokens.get(i + 1).is_some_and(|nx| Self::lw_is(s, nx, "and"))
                                && self.in_vocabulary(lw)))
                } else {
                    // (the vocabulary holds no listed name nor, as far as GeoNames knows,
                    // a town; after a place preposition a word of it still counts, for the
                    // towns GeoNames lacks: "drove from X")
                    in_names
                        || !self.in_vocabulary(lw)
                        || (i > 0
                            && s.tokens[i - 1].flags & PREP != 0
                            && s.tokens[i - 1].alpha
                            && t.joined_prev
                            // ("2mg of Keppra": "of" and "via" say nothing of a place)
                            && !matches!(Self::lw(s, &s.tokens[i - 1]), "of" | "via"))
                })
                && f & (STATE | TITLE) == 0
                && (t.shape == Shape::Capitalized
                    || (t.shape == Shape::Upper && len >= 4 && in_names))
            {
                name = true;
            }
            // 2b. a capitalised surname inside a sentence before a credential in capitals,
            // even a word, or a word in no list at all: "Kresby-Tallow MD performed"
            if !name
                && mixed
                && credential
                && (f & LAST != 0 || self.in_no_list(s, &t))
                && (!t.sentence_start
                    || (i > 0
                        && &text[s.tokens[i - 1].end..t.start] == "-"
                        && s.tokens[i - 1].shape == Shape::Capitalized))
                && len >= 3
                && t.shape == Shape::Capitalized
                && f & (STATE | TITLE | FACILITY | RELATION) == 0
                && s.tokens[i + 1].shape == Shape::Upper
            {
                name = true;
            }
            // 2c. a listed surname that is no word, after a first name in the same case,
            // even a first name that is a word: "the frank weller version", "WILL OSTRANDER";
            // a state that is a first name too, capitalised: "add Virginia Harjo"
            if !name
                && i > 0
                && f & LAST != 0
                && !is_word
                && len >= 4
                && f & (STATE | FACILITY | TITLE | RELATION | SUFFIX | EPONYM_NEXT) == 0
            {
                let p = s.tokens[i - 1];
                if t.joined_prev
                    && p.alpha
                    && p.flags & FIRST != 0
                    && p.flags & (NEVER | TITLE | RELATION | PREP) == 0
                    && (p.flags & STATE == 0 || t.shape == Shape::Capitalized)
                    && p.shape == t.shape
                    && p.end - p.start >= 3
                    && !p.sentence_start
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 2d. an unknown word with non-ASCII letters before a subject verb, in any case:
            // "dvořáková began writing"; opening the text, a word in no list at all (not even
            // the vocabulary) too: "velkaro had given him the keys"
            if !name
                && !is_word
                && len >= 4
                && f & (STATE | FACILITY | TITLE | RELATION) == 0
                && subject_verb_after(s, i)
                && (!t.ascii
                    || (text[..t.start].bytes().all(|c| c.is_ascii_whitespace())
                        && f & (FIRST | LAST | NEVER | GREETING | CREDENTIAL) == 0
                        && !self.in_vocabulary(lw)
                        && !self.clinical_ending(lw)))
            {
                name = true;
            }
            // 2d'. a common given name that is also a word, capitalised, opening the text
            // before a verb of what a person does: "Holly had given him the keys", "Harry
            // spent a year" (not "is", "has" and the modals: "Hope is all we have left")
            if !name
                && is_word
                && mixed
                && len >= 3
                && t.shape == Shape::Capitalized
                && f & (FIRST | COMMON) == FIRST | COMMON
                && f & (NEVER | STATE | FACILITY | TITLE | RELATION | GREETING) == 0
                && subject_verb_after(s, i)
                && !matches!(
                    Self::lw(s, &s.tokens[i + 1]),
                    "and" | "is" | "was" | "has" | "will" | "would" | "can" | "could"
                )
                && text[..t.start].bytes().all(|c| c.is_ascii_whitespace())
            {
                name = true;
            }
            // 2e. a common first name opening a clause, even a word, or a word in no list at
            // all (not even the vocabulary), and at most one unknown word after it, before a
            // verb of contact: "social: dale phoned", "rosa quint aware", "social: dtr
            // velka called"
            let opens_clause = t.sentence_start
                || (i > 0 && s.tokens[i - 1].flags & RELATION != 0 && t.joined_prev);
            if !name
                && opens_clause
                && len >= 3
                && !abbrev
                && f & (STATE | FACILITY | TITLE | RELATION | UNIT | PREP) == 0
                && !text[..t.start].ends_with('-')
                && ((f & FIRST != 0 && f & COMMON != 0)
                    || (f & LAST == 0 && self.in_no_list(s, &t)))
            {
                let verb_at = |k: usize| self.contact_verb_at(text, s, k, t.shape);
                if verb_at(i + 1) {
                    name = true;
                } else if verb_at(i + 2) {
                    let nx = s.tokens[i + 1];
                    if nx.joined_prev
                        && nx.alpha
                        && nx.shape == t.shape
                        && nx.end - nx.start >= 3
                        && nx.flags & (WORD | NEVER | STATE | FACILITY | TITLE | RELATION | UNIT)
                            == 0
                    {
                        name = true;
                        s.tokens[i + 1].label = Some(Label::Name);
                    }
                }
            }
            // 2g. the answer to a question for a name: "What's your last name? Velkaro",
            // "What's the name on the account? Velkaro", and in a transcript after the
            // speaker's label: "…name? User: Velkaro"
            // (a byte test first: a question mark or a colon before a word is rare)
            if !name
                && i > 0
                && matches!(text.as_bytes()[s.tokens[i - 1].end], b'?' | b':')
                && len >= 2
                && f & (NEVER | GREETING | TITLE | RELATION) == 0
                && (!is_word || in_names || t.shape == Shape::Capitalized)
                && self.answers_name_question(text, s, i)
            {
                name = true;
            }
            // 2h. a word in no list, an initial and another such word or a listed surname,
            // in any case: "velkaro t. brisand", "ORVIK P ZANDEL"
            // (the letter first: most words have none after them)
            if !name && s.tokens.get(i + 1).is_some_and(|m| m.end - m.start == 1) {
                if let (Some(m), Some(k)) = (s.tokens.get(i + 1), s.tokens.get(i + 2)) {
                    let (m, k) = (*m, *k);
                    if ((f & (FIRST | WORD) == FIRST && len >= 3)
                        || (f & LAST == 0 && self.in_no_list(s, &t)))
                        && m.alpha
                        && m.joined_prev
                        && k.joined_prev
                        && m.label.is_none()
                        && k.label.is_none()
                        && matches!(&text[t.end..m.start], " ")
                        // (without its period, not a letter that is a word or a note's
                        // short form: "w" with, "x" times, "q" every, "r" right …)
                        && match &text[m.end..k.start] {
                            " " => !matches!(
                                Self::lw(s, &m),
                                "a" | "i" | "o" | "w" | "x" | "q" | "c" | "s" | "p" | "r" | "l"
                            ),
                            ". " => true,
                            _ => false,
                        }
                        && (k.flags & (LAST | WORD) == LAST || self.in_no_list(s, &k))
                        && k.end - k.start >= 3
                    {
                        name = true;
                        s.tokens[i + 1].label = Some(Label::Name);
                        s.tokens[i + 2].label = Some(Label::Name);
                    }
                }
            }
            // 2i. a word in no list at all (not even the vocabulary) before a listed surname
            // that is no word, in its case: "with velkaro hargreaves"
            if !name
                && i > 0
                && f & (LAST | WORD) == LAST
                // (short surnames are often a note's short forms: "supp", "tabs")
                && len >= 5
                && t.joined_prev
                && f & (STATE | FACILITY | TITLE | RELATION | SUFFIX | EPONYM_NEXT) == 0
            {
                let p = s.tokens[i - 1];
                // (opening a sentence, only as its subject: "velkaro morales is 70")
                if p.shape == t.shape
                    && (!p.sentence_start || subject_verb_after(s, i))
                    && p.label.is_none()
                    && &text[p.end..t.start] == " "
                    && p.flags & (FIRST | LAST) == 0
                    && self.in_no_list(s, &p)
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 2f. an initial opening a clause, then a listed surname, even a word, or a word
            // in no list at all (not even the vocabulary), before a verb of contact:
            // "K HALVERSON NOTIFIED", "r. tamsen aware of plan"
            if !name
                && i > 0
                && (f & LAST != 0 || self.in_no_list(s, &t))
                && len >= 3
                && !abbrev
                && f & (STATE | FACILITY | TITLE | RELATION | UNIT | PREP) == 0
                && t.joined_prev
            {
                let p = s.tokens[i - 1];
                if p.alpha
                    && p.end - p.start == 1
                    && p.label.is_none()
                    // (a lower-case letter only with its period: "a smith" is an article)
                    && match &text[p.end..t.start] {
                        " " => p.shape == Shape::Upper,
                        ". " => true,
                        _ => false,
                    }
                    && (p.sentence_start || after_blanks(text, p.start, b",;:(\n"))
                    && (t.shape == Shape::Upper || t.shape == Shape::Capitalized)
                    && self.contact_verb_at(text, s, i + 1, t.shape)
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 3. capitalised common names that are words, in mid-sentence (a rare name that is
            // a word, "a Shadow", "United Kingdom", stays a word)
            if !name
                && mixed
                && in_names
                && is_word
                && !t.sentence_start
                && t.shape == Shape::Capitalized
                && f & FIRST != 0
                && f & COMMON != 0
                && f & (STATE | FACILITY | SUFFIX | TITLE) == 0
            {
                name = true;
            }
            // 3b. … and opening a sentence, when the name is called ("Rose, can you call me
            // back?"), a person's verb follows ("Mark will pick it up", "Grace called"), or it
            // names the sender ("Amber here,") or an owner ("Hope's refill"); alone on the
            // line after a sign-off ("Regards,\nHope"), 3e below takes it
            // (not "is", "has", "can"…: "Hope is all we have", "Faith can wait")
            // (a street type only before a speech or contact verb, or as an owner: "Ford
            // called", "Brooks's refill"; a street will do things too: "Park will reopen")
            if !name
                && mixed
                && is_word
                && t.sentence_start
                && t.shape == Shape::Capitalized
                && f & (FIRST | COMMON | NEVER) == FIRST | COMMON
                && f & (STATE | FACILITY | TITLE | RELATION) == 0
            {
                let street_type = f & SUFFIX != 0;
                let person_verb = s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.joined_prev
                        && nx.shape == Shape::Lower
                        && (self.speech_verbs.contains(Self::lw(s, nx))
                            || self.contact_verb_at(text, s, i + 1, t.shape)
                            || (!street_type && Self::lw_is(s, nx, "will")))
                });
                // "Amber here, running late", "Hope's refill is ready": a sender naming
                // themselves, a possessive
                let here = !street_type && Self::here_after(s, text, i);
                let possessive = word_text.ends_with("'s") || word_text.ends_with("\u{2019}s");
                // (a street type only when called at a line's start: "Forest, can you call
                // me back?"; not inside a list of them, "… Lake, Forest and River")
                if person_verb
                    || here
                    || possessive
                    || ((!street_type || t.start == line_start(text, t.start))
                        && subject_like(text, &s.tokens, i, &self.vocative_followers)
                        && text[t.end..].starts_with(','))
                {
                    name = true;
                }
            }
            // 3e. a listed given name, even a word or a street type, alone on the line after a
            // sign-off: "Regards,\nHope", "Regards,\nForest", "Thanks,\nDale"
            if !name
                && mixed
                && t.sentence_start
                && t.shape == Shape::Capitalized
                && f & FIRST != 0
                && f & (NEVER | STATE | FACILITY | TITLE | RELATION) == 0
                && self.signs_off(text, s, i)
            {
                name = true;
            }
            // 3d. a sender naming themselves at the start of a line, a word in no list in any
            // case: "brisanko here, running late", "VELKARO HERE - CALL ME"
            if !name
                && t.sentence_start
                && Self::here_after(s, text, i)
                && line_blank_before(text, t.start)
                && self.unknown_word(s, &t)
                && !self.near_word(Self::lw(s, &t))
            {
                name = true;
            }
            // 3c. a line that holds only a surname, a comma and a given name, and perhaps a
            // middle name or initial, is a name written last name first, in any case, even
            // when its words are words or street types: "Browning, Maria", "BREWER, ANA L.",
            // "Groves, Tamsin"
            if !name
                && f & LAST != 0
                && f & (NEVER | GREETING | TITLE | RELATION | STATE | FACILITY) == 0
                && t.shape != Shape::Lower
                && len >= 2
                && line_blank_before(text, t.start)
            {
                let last_first = s.tokens.get(i + 1).is_some_and(|nx| {
                    let rest = text[nx.end..].split('\n').next().unwrap_or("").trim();
                    let rest = rest.strip_suffix('.').unwrap_or(rest);
                    nx.alpha
                        && nx.flags & (FIRST | NEVER | GREETING | TITLE | RELATION) == FIRST
                        && nx.shape == t.shape
                        && &text[t.end..nx.start] == ", "
                        && !rest.contains([' ', '\t', ',', ':', ';'])
                        && rest
                            .chars()
                            .all(|c| c.is_alphabetic() || c == '.' || c == '-')
                });
                if last_first {
                    name = true;
                    s.tokens[i + 1].label = Some(Label::Name);
                }
            }
            // 4. cues before the token
            // (a relation or title word is a cue, not a name: "visited by son"; a state that
            // is also a given name only after a title or relation word: "daughter Georgia")
            let state_name = f & STATE != 0 && f & FIRST != 0;
            // (a relation word after a strong title is a surname: "Dr. Child", "Mr. Brothers")
            if !name
                && i > 0
                && (f & (RELATION | TITLE) == 0
                    || (f & TITLE == 0
                        && t.end - t.start >= 2
                        && strong_title_before(text, &s.tokens[i - 1], &t)))
                && (f & STATE == 0
                    || (state_name && s.tokens[i - 1].flags & (TITLE | RELATION) != 0))
            {
                let prev = s.tokens[i - 1];
                // an English word after a cue is a name only if it is a common name or
                // capitalised in mixed case ("pa line", "family members" are not names)
                // (a lower-case word that is only a common surname is a word: "call me back")
                let strong_ok = !is_word
                    || (in_names && f & COMMON != 0 && (f & FIRST != 0 || t.shape != Shape::Lower))
                    || (mixed && t.shape == Shape::Capitalized);
                // after a weak cue ("to", "with", "no"…) short tokens are abbreviations and
                // flat-case ones must be common names ("to ST", "with CI", "to lis")
                let weak_ok = in_names
                    && len >= 3
                    && (!is_word || (mixed && t.shape == Shape::Capitalized))
                    && (f & COMMON != 0 || (mixed && t.shape == Shape::Capitalized));
                // after "dr", "mrs" … any word is a name ("DR ELM", "Dr. Rose Park")
                let after_strong_title =
                    t.end - t.start >= 2 && strong_title_before(text, &prev, &t);
                // a speech verb after a relation word or cue phrase is no name unless
                // capitalised in mixed case: "wife said she…", "SON ASKED ABOUT…"; "her
                // brother Said called"
                let speech_verb = |s: &LexScratch| {
                    is_word
                        && !(mixed && t.shape == Shape::Capitalized)
                        && self.speech_verbs.contains(Self::lw(s, &t))
                };
                if prev.alpha
                    && (is_title(prev.flags) || prev.flags & RELATION != 0)
                    // (a lower-case word of the vocabulary is no name after a title or a
                    // relation word alone: "sr. keppra runs", SR the rhythm)
                    && ((strong_ok
                        && !(t.shape == Shape::Lower
                            && !is_word
                            && self.in_vocabulary(lw))
                        && !speech_verb(s))
                        || after_strong_title)
                    && adjacent(text, &prev, &t)
                    // a title is followed by a space (after its period), not a hyphen, and
                    // only "dr", "mrs" … by a bare period: "SR-ST" is a rhythm, "drs.rt" a
                    // dressing, "DR.HALVEK" a doctor
                    && !(is_title(prev.flags)
                        && (text[prev.end..t.start].contains('-')
                            || (!text[prev.end..t.start].contains([' ', '\t'])
                                && prev.flags & (STRONG_TITLE | STRONG_TITLE_DOT) == 0)))
                {
                    name = true;
                    // "Dr. Sample Example": a capitalised word right after the cued name
                    if mixed && i + 1 < n {
                        let nx = s.tokens[i + 1];
                        if nx.joined_prev
                            && nx.alpha
                            && nx.shape == Shape::Capitalized
                            && nx.flags & (NEVER | TITLE | STATE) == 0
                            && !nx.sentence_start
                        {
                            s.tokens[i + 1].label = Some(Label::Name);
                        }
                    }
                } else if prev.alpha
                    && prev.flags & GREETING != 0
                    && strong_ok
                    // (the greeting opens the text or a sentence: not "[NAME], OK ae", where
                    // a tag comes first)
                    && s.tokens[i - 1].sentence_start
                    && adjacent(text, &prev, &t)
                {
                    name = true;
                } else {
                    for k in 1..=self.prev_phrases(s, text, i, 3) {
                        let p = Self::phrase_of(s, k);
                        // (the plural of a word is none: "speaking to robots"; nor a word
                        // that opens a role, itself a cue: "speak with case manager")
                        if ((strong_ok
                            && self.strong_intros.contains(p)
                            && (is_word || !self.plural_of_word(&text.as_bytes()[t.start..t.end]))
                            && !(is_word && self.opens_role(s, i)))
                            || (weak_ok && self.weak_intros.contains(p)))
                            && !speech_verb(s)
                        {
                            name = true;
                            break;
                        }
                    }
                }
            }
            // 2j. two words in no list at all (not even the vocabulary), in lower case or on
            // a line in one case, before a verb or a credential, or after a cue: "velkaro
            // brisanko will assess", "spoke with VELKARO BRISANKO", "velkaro brisanko np";
            // capitalised inside a sentence on a line in lower case, anywhere: "rn
            // specialist, Velkaro Brisanko, today"
            // (the next word first: most words have no such neighbour)
            let capitals_on_flat = !mixed && t.shape == Shape::Capitalized && !t.sentence_start;
            if !name
                && (t.shape == Shape::Lower || !mixed)
                && !is_word
                && s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.shape == t.shape
                        && nx.flags & WORD == 0
                        && nx.label.is_none()
                        && &text[t.end..nx.start] == " "
                })
                && self.unknown_word(s, &t)
                && self.unknown_word(s, &s.tokens[i + 1])
                // (two misspelt words are no name: "to mediciene stomack", "BREATHIGN MEDICIENE";
                // misspellings are seldom capitalised inside a sentence)
                && (capitals_on_flat
                    || (!self.near_word(Self::lw(s, &t))
                        && !self.near_word(Self::lw(s, &s.tokens[i + 1]))))
            {
                let after = capitals_on_flat
                    || s.tokens.get(i + 2).is_some_and(|v| {
                        v.joined_prev
                            && v.alpha
                            && (v.flags & CREDENTIAL != 0
                                || (v.flags & VERB != 0
                                    && (v.shape == Shape::Lower || v.shape == t.shape)
                                    && !Self::lw_is(s, v, "and")))
                    })
                    || self.contact_verb_at(text, s, i + 2, t.shape);
                let cued = after
                    || (1..=self.prev_phrases(s, text, i, 3)).any(|k| {
                        let p = Self::phrase_of(s, k);
                        self.weak_intros.contains(p) || self.strong_intros.contains(p)
                    });
                if cued {
                    name = true;
                    s.tokens[i + 1].label = Some(Label::Name);
                }
            }
            // 6. an initial with a period before a surname: "E. HALVORSEN", "d. okafor"
            if !name && i > 0 && len >= 3 && f & (STATE | FACILITY | TITLE | RELATION) == 0 {
                let prev = s.tokens[i - 1];
                let gap = &text[prev.end..t.start];
                // an unknown word counts too when a cue comes before the initial ("per B.
                // OSTRAVIK", "reported to D. Vendt") or a credential after the word ("q. vendler
                // rrt")
                // (no cue reaches across a tag: "Dr. [ADDRESS] a. Xyz")
                let cued = i >= 2 && s.tokens[i - 2].flags & INITIAL_CUE != 0 && !prev.after_tag;
                // or the initial opens a clause inside a sentence and the word is in no list
                // at all, nor one edit from a word: "nsg (d. velkaro and j. tamsko) verified"
                // (not at a line's start: "A. FALLS", "P. TURNING" head a note's items)
                let opens_clause = || {
                    after_blanks(text, prev.start, b"(,;")
                        && self.in_no_list(s, &t)
                        && !self.near_word(Self::lw(s, &t))
                };
                let unknown = f & (WORD | NEVER) == 0
                    && len >= 4
                    && !self.clinical_ending(Self::lw(s, &t))
                    && (cued || credential || opens_clause())
                    && !self.in_vocabulary(Self::lw(s, &t));
                // a surname that is also a word counts before a credential ("j. lander rn")
                // (on an ALL-CAPS line, capitals say nothing: there a word needs to be a
                // common surname, "J. SMITH" but not "O. SEE")
                // (nor after a letter of a note's S/O/A/P items opening a sentence on such
                // a line: "O. SEE VS SHEET", "A. SEE ABOVE")
                let soap_item = || {
                    prev.sentence_start
                        && matches!(text.as_bytes()[prev.start], b'S' | b'O' | b'A' | b'P')
                };
                let surname = (f & LAST != 0
                    && (!is_word
                        || (t.shape != Shape::Lower
                            && (mixed || (f & COMMON != 0 && !soap_item())))
                        || credential))
                    || unknown;
                let standalone =
                    prev.start == 0 || text[..prev.start].ends_with([' ', '\t', '\n', '(', ',']);
                if prev.alpha
                    && prev.end - prev.start == 1
                    && standalone
                    && (gap == ". " || gap == ".  ")
                    && surname
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 5. a speaker label opening a line of dialogue: "Orsko: "Who are you?""
            // (in lower case, a word in no list at all: "velkaro: "who are you?""; an
            // English word only when it is a given name or a common surname: "Hope: …",
            // "Brewer: …", not a message's heading, "Reminder: your visit…")
            if !name
                && ((t.shape == Shape::Capitalized
                    && f & (TITLE | STATE | FACILITY | RELATION) == 0
                    && (!is_word || (in_names && f & (FIRST | COMMON) != 0)))
                    || (t.shape == Shape::Lower && self.in_no_list(s, &t)))
                && speaker_label(text, &t)
            {
                name = true;
            }
            // 6. whom a note cites after "per", whatever the case: a word in no list before
            // a comma ("per orskavik, he…", "PER VELKARO, PLAN…"), or a single letter and
            // such a word ("per k orskavik"); "per policy," and "per cta," are no names,
            // nor a word before a comma and a number
            // ("per" is an initial cue: a flag says most words are not it)
            let per = |x: &Token| x.flags & INITIAL_CUE != 0 && Self::lw_is(s, x, "per");
            if !name && i > 0 && t.joined_prev {
                let p = s.tokens[i - 1];
                // (a clause goes on after the comma: "per velkarol, 12 units/hr" is a dose)
                let clause_after = |t: &Token| {
                    text[t.end..]
                        .strip_prefix(',')
                        .map(|r| r.trim_start_matches([' ', '\t']))
                        .is_some_and(|r| r.starts_with(|c: char| c.is_alphabetic()))
                };
                if per(&p)
                    && clause_after(&t)
                    && self.in_no_list(s, &t)
                    && !self.near_word(Self::lw(s, &t))
                {
                    name = true;
                } else if i > 1
                    && p.alpha
                    && p.end - p.start == 1
                    && p.label.is_none()
                    && p.joined_prev
                    && per(&s.tokens[i - 2])
                    && &text[p.end..t.start] == " "
                    && self.in_no_list(s, &t)
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 7. one or two words in no list opening a sentence, before "from" and a service
            // or a place, in any case: a person and where they come from ("velkaro tamsko from
            // speech in to eval", "ORSKAVIK FROM PT IN TO SEE PT"); not a verb's form
            if !name && t.sentence_start && self.in_no_list(s, &t) {
                let second = s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.joined_prev
                        && nx.label.is_none()
                        && &text[t.end..nx.start] == " "
                        && self.in_no_list(s, nx)
                        && !self.near_word(Self::lw(s, nx))
                });
                let f_at = i + 1 + usize::from(second);
                let from = s.tokens.get(f_at).is_some_and(|x| {
                    x.alpha
                        && x.joined_prev
                        && Self::lw_is(s, x, "from")
                        && s.tokens
                            .get(f_at + 1)
                            .is_some_and(|y| y.alpha && y.joined_prev)
                });
                // (a misspelt verb is no name: "- duiresing from the drip")
                let lw = Self::lw(s, &t);
                if from && !lw.ends_with("ing") && !lw.ends_with("ed") && !self.near_word(lw) {
                    name = true;
                    if second {
                        s.tokens[i + 1].label = Some(Label::Name);
                    }
                }
            }
            // 8. on a line in capitals, a word in no list before a subject's verb and what only
            // a person does: "BUT ORSKAVIK DOES NOT CALL…", "TAMSKOVIN IS SPEAKING WITH…"
            if !name
                && t.case == LineCase::Flat
                && t.shape == Shape::Upper
                && len >= 5
                && s.tokens.get(i + 1).is_some_and(|v| {
                    v.joined_prev
                        && (v.flags & VERB != 0 || matches!(Self::lw(s, v), "does" | "did"))
                })
                && s.tokens.get(i + 2).is_some_and(|p| {
                    p.alpha && p.joined_prev && self.person_predicates.contains(Self::lw(s, p))
                })
                && self.in_no_list(s, &t)
                && !self.near_word(Self::lw(s, &t))
            {
                name = true;
            }
            if name {
                s.tokens[i].label = Some(Label::Name);
            }
        }
    }

    /// A line that holds only a name opens a signature or contact block ("marguerite okafor\n
    /// procurement lead"): two to four words, each a name from the lists, an
    /// initial, or unknown, at least one a first name, and the line is the text's first or
    /// follows a blank line, and another line follows.
    fn mark_name_lines(&self, text: &str, s: &mut LexScratch) {
        for line in 0..s.lines.len() {
            let std::ops::Range { start: i, end: j } = s.line_tokens(line);
            self.mark_signature(text, s, i, j);
            // two to four words: anything else is no name line
            if !(2..=4).contains(&(j - i)) {
                continue;
            }
            let toks = &s.tokens[i..j];
            let ls = line_start(text, toks[0].start);
            let le = text[toks[toks.len() - 1].end..]
                .find('\n')
                .map_or(text.len(), |k| toks[toks.len() - 1].end + k);
            // the first line, or the line before is blank (quote markers aside)
            let opens_block = text[..ls].trim().is_empty() || {
                let prev = line_start(text, ls - 1);
                text[prev..ls - 1]
                    .trim_matches([' ', '\t', '\r', '?', '>', '*'])
                    .is_empty()
            };
            let more = !text[le..].trim().is_empty();
            // "Miriam Thimble": after a capitalised first name, a capitalised word may be
            // the surname even when it is an English word
            let first_name_opens = toks[0].flags & FIRST != 0
                && toks[0].shape == Shape::Capitalized
                && toks[0].case == LineCase::Mixed
                && toks.len() <= 3;
            let shape_ok = (2..=4).contains(&toks.len())
                && toks.iter().enumerate().all(|(k, t)| {
                    t.alpha
                        && t.label.is_none_or(|l| l == Label::Name)
                        && t.flags & (NEVER | TITLE | STATE | FACILITY | RELATION | SUFFIX) == 0
                        && (t.end - t.start == 1
                            || t.flags & WORD == 0
                            || (t.flags & (FIRST | LAST) != 0 && t.flags & COMMON != 0)
                            || (k > 0 && first_name_opens && t.shape == Shape::Capitalized))
                })
                // a first name or surname from the lists, or an unknown non-ASCII word, or
                // else two words or more in no list at all and no misspelling
                && (toks.iter().any(|t| {
                    t.end - t.start >= 3
                        && (t.flags & (FIRST | LAST) != 0 || (!t.ascii && t.flags & WORD == 0))
                }) || (toks.iter().filter(|t| t.end - t.start > 1).count() >= 2
                    && toks.iter().all(|t| {
                        t.end - t.start == 1
                            || (self.in_no_list(s, t) && !self.near_word(Self::lw(s, t)))
                    })))
                && toks
                    .windows(2)
                    .all(|w| matches!(&text[w[0].end..w[1].start], " " | ". " | "-"))
                && text[ls..toks[0].start]
                    .bytes()
                    .all(|c| matches!(c, b' ' | b'\t' | b'?' | b'>' | b'*'))
                && text[toks[toks.len() - 1].end..le].trim().is_empty();
            if shape_ok && opens_block && more {
                for k in i..j {
                    s.tokens[k].label = Some(Label::Name);
                }
            }
        }
    }

    /// "Patient: ORSINI, VELKARO": a field's name, then a surname, a comma and the given name
    /// ending the line. (Out of line: it runs only on texts with a colon.) Called by
    /// [`Self::expand_names`], with `name_bits` current.
    #[inline(never)]
    fn mark_field_names(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        let mut from = 0;
        while let Some(i) = s.next_name(from).filter(|&i| i + 1 < n) {
            from = i + 1;
            let (t, g) = (&s.tokens[i], &s.tokens[i + 1]);
            if g.label.is_none()
                && &text[t.end..g.start] == ", "
                && g.alpha
                && g.shape == t.shape
                && ((g.flags & FIRST != 0 && (g.flags & WORD == 0 || g.flags & COMMON != 0))
                    || self.in_no_list(s, g))
                && line_blank_after(text, g.end)
                && after_blanks(text, t.start, b":")
            {
                s.set_name(i + 1);
            }
        }
    }

    /// A signature line, tokens `i..j`: two to five words of a name and a credential ending
    /// the line ("Kesta V. Orlund, RRT", "tova prinz rn"). The words are names when none is
    /// a plain English word or one of the vocabulary, unless a name list holds it.
    fn mark_signature(&self, text: &str, s: &mut LexScratch, i: usize, j: usize) {
        if j - i < 3 || s.tokens[j - 1].flags & CREDENTIAL == 0 {
            return;
        }
        let cred = s.tokens[j - 1];
        // the name opens the line, or a sentence on it: "… NEBS GIVEN. TOVAK ORLUND RRT"
        // (not the period of an initial: "Tovak G. Orlund")
        let after_sentence = |k: usize| {
            s.tokens[k - 1].end - s.tokens[k - 1].start > 1
                && text[s.tokens[k - 1].end..s.tokens[k].start]
                    .trim_end()
                    .ends_with(['.', ';'])
        };
        let first = (i + 1..j - 2)
            .rev()
            .take(4)
            .find(|&k| after_sentence(k))
            .unwrap_or(i);
        let toks = &s.tokens[first..j - 1];
        if !(2..=5).contains(&toks.len()) {
            return;
        }
        let last = toks[toks.len() - 1];
        let ls = line_start(text, toks[0].start);
        let ok = matches!(&text[last.end..cred.start], " " | ", " | ",")
            && line_blank_after(text, cred.end)
            && (first > i
                || text[ls..toks[0].start]
                    .bytes()
                    .all(|c| c == b' ' || c == b'\t'))
            && toks
                .windows(2)
                .all(|w| matches!(&text[w[0].end..w[1].start], " " | ". " | "-"))
            && toks.iter().any(|t| t.end - t.start >= 3)
            && toks.iter().all(|t| {
                let len = t.end - t.start;
                // (a capital letter is an initial, even "A" or "I")
                let initial = len == 1 && t.shape == Shape::Upper;
                t.alpha
                    && t.label.is_none_or(|l| l == Label::Name)
                    && (initial
                        || t.flags
                            & (NEVER | TITLE | STATE | FACILITY | RELATION | SUFFIX | UNIT | VERB)
                            == 0)
                    && (len == 1
                        || t.flags & (FIRST | LAST) != 0
                        || (t.flags & WORD == 0
                            && len >= 3
                            && !self.in_vocabulary(Self::lw(s, t))
                            && !self.clinical_ending(Self::lw(s, t))))
            });
        if ok {
            for t in &mut s.tokens[first..j - 1] {
                t.label = Some(Label::Name);
            }
        }
    }

    /// A list of single words ("marta, oskar, pamela and bo") where at least two thirds
    /// are first names, two of them no English words, and none is only an English word or
    /// never a name: every item is a name, lower case or not.
    fn mark_name_lists(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        // a list needs two first names that are no words: most texts have fewer
        let strong_names = s.strong_names.min(2) as usize;
        // (or one, for a list after a colon that holds words in no list at all: "they had
        // 3: velka, orsin and tamsk", "founded by 3 friends: Velka, Marisol and Tamsk")
        // (or none, for such a list of three or more joined by "and": "they had 3: velka,
        // orsin and tamsk")
        let colon = s.colon;
        if strong_names < 2 && !colon {
            return;
        }
        let conj = |s: &LexScratch, k: usize| matches!(Self::lw(s, &s.tokens[k]), "and" | "or");
        let gap = |s: &LexScratch, a: usize, b: usize| &text[s.tokens[a].end..s.tokens[b].start];
        // (the colons in turn: each search starts where the last one ended)
        let bytes = text.as_bytes();
        let mut colons = memchr::memchr_iter(b':', bytes);
        let mut i = 0;
        while i < n {
            if strong_names < 2 {
                // only lists after a colon: go to the first token after the next colon that
                // a word and a comma, "and" or "or" follow (most colons open no list:
                // "Neuro: A&Ox3", "CV: HR 70")
                let from = s.tokens[i].start;
                let colon_at = loop {
                    let Some(c) = colons.next() else {
                        break None;
                    };
                    if c < from {
                        continue;
                    }
                    let mut p = c + 1;
                    while bytes.get(p).is_some_and(|&b| b == b' ' || b == b'\t') {
                        p += 1;
                    }
                    let word = p;
                    while bytes
                        .get(p)
                        .is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0x80)
                    {
                        p += 1;
                    }
                    let rest = &bytes[p..];
                    if p > word
                        && (rest.starts_with(b",")
                            || rest.starts_with(b" and ")
                            || rest.starts_with(b" or "))
                    {
                        break Some(c);
                    }
                };
                let Some(colon_at) = colon_at else {
                    break;
                };
                i += s.tokens[i..].partition_point(|t| t.start <= colon_at);
                if i >= n {
                    break;
                }
            }
            // the items of a list starting at token i: words joined by ", ", ", and ", " and "
            let (mut items, mut firsts, mut strong, mut ok) = (0usize, 0usize, 0usize, true);
            let after_colon = colon && after_blanks(text, s.tokens[i].start, b":");
            if strong_names < 2 && !after_colon {
                i += 1;
                continue;
            }
            // after a colon: every item a listed name or a word in no list at all (not even
            // the vocabulary), and one of them a first name that is no word, or else the
            // list joined by "and" (see `unknown_list`)
            let mut joined_by_and = false;
            let mut k = i;
            let mut last = i;
            loop {
                let t = s.tokens[k];
                if !t.alpha || conj(s, k) || t.label.is_some_and(|l| l != Label::Name) {
                    break;
                }
                items += 1;
                last = k;
                firsts += usize::from(t.flags & FIRST != 0);
                strong += usize::from(t.flags & FIRST != 0 && t.flags & WORD == 0);
                ok &= t.flags & (NEVER | TITLE | STATE | FACILITY | RELATION | SUFFIX) == 0
                    && (t.flags & WORD == 0 || t.flags & (FIRST | LAST) != 0);
                if k + 1 >= n {
                    break;
                }
                let g = gap(s, k, k + 1);
                let next = match g {
                    ", " | "," => {
                        if k + 2 < n && conj(s, k + 1) && gap(s, k + 1, k + 2) == " " {
                            joined_by_and = true;
                            k + 2
                        } else {
                            k + 1
                        }
                    }
                    " " if k + 2 < n && conj(s, k + 1) && gap(s, k + 1, k + 2) == " " => {
                        joined_by_and = true;
                        k + 2
                    }
                    _ => break,
                };
                k = next;
            }
            // (without a first name, no item may be a misspelt word: "abd: sofft, distnded
            // and tendr")
            // nor run on into a word ("…, Kalmdata and Brightpath Ventures": firms); all
            // items but the first already names by their capitals will do too ("founders:
            // Ordel, Velkaro and Tamsko", the first opening a clause)
            let unknown_list = || {
                let items = || (i..=last).filter(|&j| !conj(s, j));
                joined_by_and
                    && !(last + 1 < n && s.tokens[last + 1].alpha && gap(s, last, last + 1) == " ")
                    // (a listed first name is no misspelling, even one that is a word:
                    // "kids: maria, orskavik and brisanko")
                    && (items().all(|j| {
                        s.tokens[j].flags & FIRST != 0
                            || !self.near_word(Self::lw(s, &s.tokens[j]))
                    })
                        || (s.tokens[i].shape == Shape::Capitalized
                            && items()
                                .skip(1)
                                .all(|j| s.tokens[j].label == Some(Label::Name))))
            };
            // (the items' words looked up only for a list long enough)
            let unknown_ok = || {
                after_colon
                    && (i..=last).all(|j| {
                        let t = &s.tokens[j];
                        conj(s, j) || t.flags & (FIRST | LAST) != 0 || self.in_no_list(s, t)
                    })
            };
            if items >= 3
                && ok
                && (strong >= 2 && firsts * 3 >= items * 2
                    || unknown_ok() && (strong >= 1 || unknown_list()))
            {
                for j in i..=last {
                    if !conj(s, j) {
                        s.tokens[j].label = Some(Label::Name);
                    }
                }
                i = last + 1;
            } else {
                i += 1;
            }
        }
    }

    /// "St" or "Saint": the word that opens a saint's place ("St. Mary's").
    fn is_saint(s: &LexScratch, t: &Token) -> bool {
        Self::lw_is(s, t, "st") || Self::lw_is(s, t, "saint")
    }

    fn mark_places(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        let mut i = 0;
        while i < n {
            // most tokens: a number, or an English word that is no place, facility word or
            // street suffix (and not "saint"). Every rule below wants one of those, an
            // unknown word, a proper noun (no English word) or a token that is neither word
            // nor number; skipped in a loop of their own.
            while i < n && {
                let t = &s.tokens[i];
                t.numeric
                    || t.alpha
                        && t.flags & (WORD | PLACE | PLACE_PREFIX | FACILITY | SUFFIX) == WORD
                        && !Self::lw_is(s, t, "saint")
            } {
                i += 1;
            }
            if i == n {
                break;
            }
            let t = s.tokens[i];
            if !t.alpha {
                // "to BELLWEATHER7": a ward written with its number, after a preposition
                if !t.numeric
                    && t.label.is_none()
                    && i > 0
                    && place_prep(s, i - 1)
                    && ward_glued(&text[t.start..t.end])
                {
                    s.tokens[i].label = Some(Label::Address);
                }
                i += 1;
                continue;
            }
            // "from orskavik ew", "AT VELKARO EW": a word in no list right before "EW" (the
            // emergency ward) names the hospital
            // (the word is visited, "ew" is not: a clinical term is skipped above)
            if s.tokens.get(i + 1).is_some_and(|nx| {
                nx.flags & NEVER != 0
                    && nx.end - nx.start == 2
                    && nx.joined_prev
                    && Self::lw_is(s, nx, "ew")
            }) && t.label.is_none_or(|l| l == Label::Name)
                && self.unknown_word(s, &t)
                && !self.near_word(Self::lw(s, &t))
            {
                s.tokens[i].label = Some(Label::Address);
            }
            // "counts were low at orskavik.", "Cx sent at ORSKAVIK, then…": a word in no list
            // after "at" that ends a clause names a place (not on a line in capitals, where
            // such words are abbreviations as often: "K AT TAMSKOV.")
            // ("at" is a street intro: a flag says most words are not it)
            if i > 0
                && s.tokens[i - 1].flags & STREET_INTRO != 0
                && t.joined_prev
                && t.label.is_none()
                && !(t.case == LineCase::Flat && t.shape == Shape::Upper)
                && text[t.end..].starts_with(['.', ',', ';'])
                && Self::lw_is(s, &s.tokens[i - 1], "at")
                && self.unknown_word(s, &t)
                && !self.near_word(Self::lw(s, &t))
            {
                s.tokens[i].label = Some(Label::Address);
            }
            // multi-word or single-word places from the gazetteer
            let mut matched = 0;
            // (a place of several words is looked up only when its first two words open
            // one: "the team" opens none, and most word pairs after "the" or "fall" do not)
            let opens_phrase = t.flags & PLACE_PREFIX != 0
                && s.tokens.get(i + 1).is_some_and(|x| {
                    x.joined_prev
                        && x.alpha
                        && self
                            .place_pairs
                            .contains(&word_pair_hash(Self::lw(s, &t), Self::lw(s, x)))
                });
            // an English word that opens no place here, and is no place, facility, street
            // or particle word itself ("clear", "home" of "Clear Lake", "Home Valley"): no
            // rule below takes it (each wants one of those flags, a word in no list, or is
            // the rule for "St." and "Saint")
            if !opens_phrase
                && t.flags & (WORD | PLACE | FACILITY | SUFFIX | PARTICLE) == WORD
                && !Self::is_saint(s, &t)
            {
                i += 1;
                continue;
            }
            if !opens_phrase {
                matched = usize::from(t.flags & PLACE != 0);
            } else {
                for k in (1..=self.max_place_words.min(n - i)).rev() {
                    if k == 1 {
                        // a one-word place is flagged on the word itself
                        if t.flags & PLACE != 0 {
                            matched = 1;
                        }
                        break;
                    }
                    if t.flags & (PLACE_WORDS << (k - 2)) == 0
                        || !(i + 1..i + k).all(|j| s.tokens[j].joined_prev && s.tokens[j].alpha)
                    {
                        continue;
                    }
                    s.phrase.clear();
                    for j in i..i + k {
                        if j > i {
                            s.phrase.push(' ');
                        }
                        let tj = s.tokens[j];
                        s.phrase.push_str(&s.lower[tj.lrange()]);
                    }
                    if self.places.contains(s.phrase.as_str()) {
                        matched = k;
                        break;
                    }
                }
            }
            // "this brackwell maryland's clinic", "in Orskavik, Ohio": an unknown word right
            // before a state's name (even one its capital made a name); "in Orskavik": a
            // capitalised one after "in" or "near" is a town, not a person
            let unknown = t.flags & (WORD | NEVER | TITLE | RELATION | STATE | FACILITY) == 0
                && t.label
                    .is_none_or(|l| l == Label::Name && t.flags & (FIRST | LAST) == 0)
                && t.end - t.start >= 4;
            let in_town = || {
                t.label == Some(Label::Name)
                    && t.shape == Shape::Capitalized
                    && t.case == LineCase::Mixed
                    && t.joined_prev
                    && i > 0
                    && matches!(Self::lw(s, &s.tokens[i - 1]), "in" | "near")
                    && !s
                        .tokens
                        .get(i + 1)
                        .is_some_and(|x| x.joined_prev && x.label == Some(Label::Name))
                    && !text[t.end..].starts_with('\'')
            };
            if matched == 0
                && unknown
                && (s.tokens.get(i + 1).is_some_and(|x| {
                    x.alpha
                        && x.flags & STATE != 0
                        && x.lrange().len() >= 4
                        && (x.joined_prev && &text[t.end..x.start] == " "
                            || &text[t.end..x.start] == ", ")
                }) || in_town())
            {
                s.tokens[i].label = Some(Label::Address);
                i += 1;
                continue;
            }
            if matched > 0 {
                let prep = i > 0 && self.has_prep_before(text, s, i);
                // "MOVED TO CEDAR FALLS IN MAY": where case says nothing, a place of two or
                // more English words after a movement or residence phrase
                let all_words = s.tokens[i..i + matched]
                    .iter()
                    .all(|x| x.flags & (WORD | NEVER) != 0);
                let flat_after_intro = prep
                    && matched >= 2
                    && t.case == LineCase::Flat
                    && all_words
                    && (1..=self.prev_phrases(s, text, i, 3))
                        .any(|k| self.place_intros.contains(Self::phrase_of(s, k)));
                let toks = &s.tokens[i..i + matched];
                let any_never = toks
                    .iter()
                    .any(|x| x.flags & NEVER != 0 || x.flags & (STATE | TITLE) != 0);
                let capitalised = toks
                    .iter()
                    .all(|x| x.shape == Shape::Capitalized || x.shape == Shape::Upper)
                    && t.case == LineCase::Mixed;
                // "this easton maryland's clinic": a place right before a state's name
                let before_state = s.tokens.get(i + matched).is_some_and(|x| {
                    x.joined_prev && x.alpha && x.flags & STATE != 0 && x.lrange().len() >= 4
                });
                let accept = !any_never
                    && (before_state
                        || (!all_words
                            && (prep
                                || capitalised
                                || t.case == LineCase::Flat
                                    && toks.iter().any(|x| x.flags & (FIRST | LAST) == 0)))
                        || (all_words && prep && capitalised && !t.sentence_start)
                        || flat_after_intro);
                if accept {
                    let next_is_name = s
                        .tokens
                        .get(i + matched)
                        .is_some_and(|x| x.joined_prev && x.label == Some(Label::Name));
                    let names = toks.iter().all(|x| x.flags & (FIRST | LAST) != 0);
                    // "talked to Logan", "shouted at Gary": after a phrase that introduces a
                    // person, a name that is also a town is the person
                    let introduced = names
                        && prep
                        && (1..=self.prev_phrases(s, text, i, 3))
                            .any(|k| self.strong_intros.contains(Self::phrase_of(s, k)));
                    // "said Velkaro to Tyler": a speech verb, a name, "to", and a name that
                    // is also a town: the person spoken to
                    let spoken_to = names
                        && matched == 1
                        && i >= 3
                        && t.joined_prev
                        && s.tokens[i - 1].joined_prev
                        && s.tokens[i - 2].joined_prev
                        && s.tokens[i - 2].label == Some(Label::Name)
                        && Self::lw_is(s, &s.tokens[i - 1], "to")
                        && self.speech_verbs.contains(Self::lw(s, &s.tokens[i - 3]));
                    let person = names
                        && !before_state
                        && (!prep || next_is_name || introduced || spoken_to);
                    if !person {
                        for j in i..i + matched {
                            s.tokens[j].label = Some(Label::Address);
                        }
                    }
                    i += matched;
                    continue;
                }
            }
            // words before a facility word: "Ashgrove Hospital", "brennick hosp"
            if t.flags & FACILITY != 0 && i > 0 && t.joined_prev {
                let mut j = i;
                let mut taken = 0;
                // "MAPLE MEMORIAL", "Cedar Regional": these words name the facility with the
                // word before them, even an English word where case says nothing
                let name_word = t.flags & FACILITY_NAME != 0;
                while j > 0 && taken < 3 {
                    let p = s.tokens[j - 1];
                    if !s.tokens[j].joined_prev
                        || !p.alpha
                        || p.flags & (NEVER | PREP | TITLE | FACILITY) != 0
                    {
                        break;
                    }
                    // (a word in lower case with capitals inside, "eBay", "iPhone", is a
                    // brand's or a typo's, no facility's name)
                    let camel =
                        p.shape == Shape::Other && text.as_bytes()[p.start].is_ascii_lowercase();
                    let proper = !camel
                        && (p.flags & WORD == 0
                            || (p.case == LineCase::Mixed
                                && p.shape != Shape::Lower
                                && !p.sentence_start)
                            || (name_word
                                && taken == 0
                                && p.case == LineCase::Flat
                                && p.end - p.start >= 4
                                && p.flags & (STATE | RELATION | MODIFIER | VERB) == 0));
                    if !proper {
                        break;
                    }
                    s.tokens[j - 1].label = Some(Label::Address);
                    taken += 1;
                    j -= 1;
                }
                if taken > 0 && name_word {
                    s.tokens[i].label = Some(Label::Address);
                }
                // "Memorial Hospital", "General Clinic": in mixed case a capitalised facility
                // word before a capitalised strong one is the facility's name
                let p = s.tokens[i - 1];
                if taken == 0
                    && t.flags & STRONG_FACILITY != 0
                    && t.case == LineCase::Mixed
                    && t.shape == Shape::Capitalized
                    && p.alpha
                    && p.flags & FACILITY != 0
                    && p.flags & STRONG_FACILITY == 0
                    && p.shape == Shape::Capitalized
                    && !p.sentence_start
                {
                    s.tokens[i - 1].label = Some(Label::Address);
                    s.tokens[i].label = Some(Label::Address);
                    taken = 1;
                }
                // "university of vermont": a university named after its place
                if Self::lw_is(s, &t, "university") && i + 2 < n {
                    let (of, x) = (s.tokens[i + 1], s.tokens[i + 2]);
                    if Self::lw_is(s, &of, "of")
                        && of.joined_prev
                        && x.joined_prev
                        && x.alpha
                        && x.flags & (STATE | PLACE | PLACE_PREFIX) != 0
                    {
                        for k in i..=i + 2 {
                            s.tokens[k].label = Some(Label::Address);
                        }
                    }
                }
                // "to sacred heart hospital": one or two plain words between a preposition
                // and a strong facility word name it, whatever their case
                if taken == 0 && t.flags & STRONG_FACILITY != 0 {
                    for k in [2usize, 1] {
                        if i < k + 1 {
                            continue;
                        }
                        let run = i - k..i;
                        let ok = run.clone().all(|j| {
                            let x = s.tokens[j];
                            x.alpha
                                && s.tokens[j + 1].joined_prev
                                && x.end - x.start >= 3
                                && x.flags
                                    & (NEVER
                                        | PREP
                                        | TITLE
                                        | FACILITY
                                        | STATE
                                        | MODIFIER
                                        | RELATION)
                                    == 0
                        });
                        let before = s.tokens[i - k - 1];
                        if ok
                            && before.alpha
                            && before.flags & PREP != 0
                            && s.tokens[i - k].joined_prev
                        {
                            for j in run {
                                s.tokens[j].label = Some(Label::Address);
                            }
                            break;
                        }
                    }
                }
            }
            // "transferred to bellweather 4", "sent to KMH", "lives in Orsk": an unknown word
            // after a movement or residence phrase (short ones only as abbreviations:
            // capitals, or a flat-case line), even one its capital made a name
            let len = t.end - t.start;
            if t.label
                .is_none_or(|l| l == Label::Name && t.flags & LAST == 0)
                && t.flags & (WORD | NEVER | FACILITY | STATE | TITLE | RELATION | FIRST) == 0
                && (len >= 4
                    || (len >= 2
                        && t.alpha
                        && (t.shape == Shape::Upper || t.case == LineCase::Flat)))
                && i > 1
            {
                // "transferred to 209 ostermoor": a room number of three or four digits may
                // come first (not a count: "sent to 3 labs", "to 100 units")
                let plural = self.plural_of_word(&text.as_bytes()[t.start..t.end]);
                let room = s.tokens[i - 1].numeric
                    && (3..=4).contains(&(s.tokens[i - 1].end - s.tokens[i - 1].start))
                    && s.tokens[i - 1].label.is_none()
                    && t.joined_prev
                    && s.tokens[i - 1].joined_prev
                    && len >= 5
                    && !plural;
                let at = if room { i - 1 } else { i };
                // (a relation word and "from" move a person too: "daughter from orskavik")
                let relation_from = at >= 2
                    && s.tokens[at - 1].alpha
                    && s.tokens[at - 1].joined_prev
                    && s.tokens[at].joined_prev
                    && s.tokens[at - 2].flags & RELATION != 0
                    && Self::lw_is(s, &s.tokens[at - 1], "from");
                let found = (relation_from
                    || (1..=self.prev_phrases(s, text, at, 3))
                        .any(|k| self.place_intros.contains(Self::phrase_of(s, k))))
                    // (not a word of the vocabulary: "sent to fluoroscopy")
                    && !self.in_vocabulary(Self::lw(s, &t));
                if found {
                    for j in at..=i {
                        s.tokens[j].label = Some(Label::Address);
                    }
                    // "lives in Orskavik del Tamsko": the rest of the place, which its
                    // capitals and particle had made a name; "lives in orskavik tamsko":
                    // where case says nothing, words in no list (a surname list aside) and
                    // no misspelt word ("sent to orskavik todya")
                    let mut end = i;
                    let mut j = i + 1;
                    while j < n && j - i <= 3 {
                        let x = s.tokens[j];
                        if x.joined_prev
                            && x.label.is_none()
                            && x.case == LineCase::Flat
                            && x.flags & FIRST == 0
                            && self.in_no_list(s, &x)
                            && !self.near_word(Self::lw(s, &x))
                        {
                            end = j;
                            j += 1;
                            continue;
                        }
                        if !(x.joined_prev && x.alpha && x.label == Some(Label::Name)) {
                            break;
                        }
                        if x.flags & (NAME_PARTICLE | PARTICLE) == 0 {
                            if x.shape != Shape::Capitalized || x.flags & (FIRST | LAST) != 0 {
                                break;
                            }
                            end = j;
                        }
                        j += 1;
                    }
                    for j in i + 1..=end {
                        s.tokens[j].label = Some(Label::Address);
                    }
                }
            }
            // "to bellweather 6", "ON BELLWEATHER 2", "PLAN: BELLWEATHER 2 ONCE A BED OPENS":
            // an unknown word before a one-digit ward number, after a preposition or opening
            // a clause
            if t.label.is_none()
                && t.flags & (WORD | NEVER | FACILITY | STATE | TITLE | RELATION | FIRST) == 0
                && len >= 5
                && (t.sentence_start || (i > 0 && place_prep(s, i - 1)))
                && !self.clinical_ending(Self::lw(s, &t))
            {
                let numbered = s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.joined_prev
                        && nx.numeric
                        && nx.end - nx.start == 1
                        // (not a date's month: "mrsa 5/21 neg")
                        && !s.in_pattern(nx.start)
                        && text[t.end..nx.start].bytes().all(|c| c == b' ')
                        && ward_number_ends(text, nx.end, &self.ward_number_followers)
                });
                if numbered {
                    s.tokens[i].label = Some(Label::Address);
                }
            }
            // "on Marl Hills Street": capitalised words and a street suffix after a
            // preposition name a street
            if t.flags & SUFFIX != 0
                && t.shape == Shape::Capitalized
                && t.case == LineCase::Mixed
                && t.joined_prev
                && i >= 2
            {
                let mut j = i;
                while j > 0 && i - j < 2 {
                    let p = s.tokens[j - 1];
                    let ok = s.tokens[j].joined_prev
                        && p.alpha
                        && p.shape == Shape::Capitalized
                        && !p.sentence_start
                        && p.flags & (NEVER | TITLE | STATE | PREP) == 0
                        && p.label.is_none_or(|l| l == Label::Name);
                    if !ok {
                        break;
                    }
                    j -= 1;
                }
                if j < i && j > 0 && place_prep(s, j - 1) && s.tokens[j].joined_prev {
                    for k in j..=i {
                        s.tokens[k].label = Some(Label::Address);
                    }
                }
            }
            // "St. Mary's", "Saint Joseph"
            if Self::is_saint(s, &t) && i + 1 < n {
                let nx = s.tokens[i + 1];
                // "to St. Velkaro": the period after a capitalised "St" ends no sentence
                // when "St" opens the name (after a street's name, "Elm St. Velkaro
                // called", it may)
                let opens = t.shape == Shape::Capitalized
                    && (i == 0
                        || !t.joined_prev
                        || !(s.tokens[i - 1].numeric
                            || s.tokens[i - 1].alpha && s.tokens[i - 1].shape != Shape::Lower));
                if nx.alpha
                    && nx.joined_prev
                    && nx.flags & NEVER == 0
                    && (nx.flags & FIRST != 0 || nx.shape == Shape::Capitalized)
                    && (!nx.sentence_start || opens)
                    || (nx.alpha
                        && nx.joined_prev
                        && nx.flags & FIRST != 0
                        && nx.flags & NEVER == 0)
                {
                    s.tokens[i + 1].label = Some(Label::Address);
                    // the saint's word is the place's too ("St. Brigid" is one place)
                    if opens {
                        s.tokens[i].label = Some(Label::Address);
                    }
                }
            }
            // "Velkaro tamsko útja 3.": a street word after the street's name
            if t.flags & PARTICLE != 0 && self.street_after_name(text, s, i) {
                i += 2;
                continue;
            }
            // European street shape: Proper [particle|Proper]* number
            if t.case == LineCase::Mixed && is_proper(&t) {
                let mut j = i + 1;
                while j < n
                    && j - i < 5
                    && s.tokens[j].joined_prev
                    && (is_proper(&s.tokens[j]) || s.tokens[j].flags & PARTICLE != 0)
                {
                    j += 1;
                }
                let measurement = |k: usize| {
                    let after = &text.as_bytes()[s.tokens[k].end..];
                    unit_after(text, s.tokens[k].end)
                        || (matches!(after.first(), Some(b'-' | b'.'))
                            && after.get(1).is_some_and(u8::is_ascii_digit))
                };
                if j < n
                    && s.tokens[j].joined_prev
                    && s.tokens[j].numeric
                    && s.tokens[j].end - s.tokens[j].start <= 5
                    && !text[s.tokens[j - 1].end..s.tokens[j].start].contains('-')
                    && !measurement(j)
                    && s.tokens[i].end - s.tokens[i].start >= 4
                    // (a word of the vocabulary before a number is a measure: "Keppra 34")
                    && !self.in_vocabulary(Self::lw(s, &t))
                {
                    let mut from = i;
                    if i > 0 && s.tokens[i - 1].flags & PARTICLE != 0 && s.tokens[i].joined_prev {
                        from = i - 1;
                    }
                    // "C/ Velkaro Tamsko 88": Spanish "calle", written "C/" (not the end of
                    // "w/c/")
                    if from > 0
                        && Self::lw_is(s, &s.tokens[from - 1], "c")
                        && !text[..s.tokens[from - 1].start].ends_with('/')
                        && matches!(
                            &text[s.tokens[from - 1].end..s.tokens[from].start],
                            "/" | "/ "
                        )
                    {
                        from -= 1;
                    }
                    if from > 0
                        && s.tokens[from - 1].numeric
                        && s.tokens[from].joined_prev
                        && (3..=6).contains(&(s.tokens[from - 1].end - s.tokens[from - 1].start))
                    {
                        from -= 1;
                    }
                    for k in from..=j {
                        s.tokens[k].label = Some(Label::Address);
                    }
                    i = j + 1;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// "Velkaro tamsko útja 3.", "enter on brisanko út 98": a street word (token `i`) written
    /// after the name, before a house number, makes a street of up to three words before
    /// it, whatever their case (up to a preposition, a verb, or an English word in lower
    /// case). Labels the street and its number, and says whether it did. (Out of line: most
    /// particles are no such word.)
    #[inline(never)]
    fn street_after_name(&self, text: &str, s: &mut LexScratch, i: usize) -> bool {
        let t = &s.tokens[i];
        if !(t.joined_prev
            && t.label.is_none()
            && s.tokens.get(i + 1).is_some_and(|x| {
                x.numeric && x.joined_prev && x.end - x.start <= 5 && !unit_after(text, x.end)
            })
            && self.street_words_after_name.contains(Self::lw(s, t)))
        {
            return false;
        }
        let mut from = i;
        while from > 0 && i - from < 3 && s.tokens[from].joined_prev && {
            let w = &s.tokens[from - 1];
            w.alpha
                && w.label
                    .is_none_or(|l| l == Label::Name || l == Label::Address)
                && w.flags & (NEVER | PREP | STREET_INTRO | VERB | TITLE | UNIT) == 0
                && !(w.flags & WORD != 0 && w.shape == Shape::Lower)
        } {
            from -= 1;
        }
        if from == i {
            return false;
        }
        for k in from..=i + 1 {
            s.tokens[k].label = Some(Label::Address);
        }
        true
    }

    /// "lives at 412 9 Rue Lavande", "drops you off at 5520 brekkeveien 14": after an
    /// address phrase, a run starting with a house number, up to the end of the clause, is an
    /// address when it also holds a word.
    fn mark_addresses_after_intros(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        // (the first token has no intro; a run taken whole is not visited again)
        let mut next = 1;
        for k in 0..s.numerics.len() {
            let i = s.numerics[k] as usize;
            if i < next || s.tokens[i].label.is_some() {
                continue;
            }
            next = i + 1;
            let intro = (1..=self.prev_phrases(s, text, i, 4))
                .any(|k| self.address_intros.contains(Self::phrase_of(s, k)))
                || after_name_line(text, &s.tokens, i);
            if !intro {
                continue;
            }
            let mut end = i;
            let mut words = 0;
            while end + 1 < n && end + 1 - i < 8 {
                let nx = s.tokens[end + 1];
                let gap = &text[s.tokens[end].end..nx.start];
                // (clinical abbreviations are fine inside: "rue" de …, "de" is a state code)
                // ("lives at 80% of…": a share, not a house number)
                if gap.contains(['\n', '.', '!', '?', ';', '(', ')', '%'])
                    || gap.trim().len() > 1
                    || (nx.alpha && self.address_run_stops.contains(Self::lw(s, &nx)))
                {
                    break;
                }
                words += usize::from(nx.alpha);
                end += 1;
            }
            // "at 5 pm", "at 10 and": a number alone or with time words is no address
            let last = s.tokens[end];
            let time_word = |x: &Token| {
                matches!(
                    Self::lw(s, x),
                    "am" | "pm"
                        | "o'clock"
                        | "oclock"
                        | "hour"
                        | "hours"
                        | "hr"
                        | "hrs"
                        | "min"
                        | "mins"
                        | "minute"
                        | "minutes"
                        | "second"
                        | "seconds"
                        | "day"
                        | "days"
                        | "week"
                        | "weeks"
                        | "month"
                        | "months"
                        | "year"
                        | "years"
                )
            };
            // "sent to 3 labs", "to 300 samples": a count of a plain lower-case plural
            let count = words == 1 && end == i + 1 && {
                let w = s.tokens[end];
                w.shape == Shape::Lower && self.plural_of_word(&text.as_bytes()[w.start..w.end])
            };
            if words > 0
                && !count
                && !(i + 1..=end).any(|j| time_word(&s.tokens[j]))
                && last.end > last.start
            {
                for j in i..=end {
                    if s.tokens[j].label.is_none() || s.tokens[j].label == Some(Label::Name) {
                        s.tokens[j].label = Some(Label::Address);
                    }
                }
            }
            next = end + 1;
        }
    }

    /// "hickman to be placed", "brady to the 40s", "IN CARE VUE", "Passy Muir": a name of one
    /// or two words, each of them a clinical eponym (a device, graft or finding that is a
    /// person's name too), is no name when it stands alone: no title or relation before it and
    /// no other name beside it ("Dr. Brady", "Tom Brady" stay), and nothing around it that
    /// shows a person: a greeting or sign-off before it on its line ("Hi Brady", "Thanks,
    /// Perla"), an imperative ("Tell Brady"), a name phrase ("this is Brady", "my name is
    /// Perla", "ask for Quinton"), a verb after it ("Perla called", "Brady will…"), a
    /// speaker's colon ("Brady: are you …") or a name called ("Perla, can you…"), or a line
    /// of its own ("Regards,\nBrady"). Names in messages come with such context;
    /// the eponyms of notes come without.
    fn drop_clinical_eponyms(&self, text: &str, s: &mut LexScratch) {
        let mut from = 0;
        while let Some(i) = s.next_name(from) {
            let is_name = |x: &Token| x.label == Some(Label::Name);
            let mut last = i;
            while s
                .tokens
                .get(last + 1)
                .is_some_and(|x| x.joined_prev && is_name(x))
            {
                last += 1;
            }
            from = last + 1;
            if last - i > 1
                || !is_name(&s.tokens[i])
                || !name_stands_alone(&s.tokens, i, last)
                || !(i..=last).all(|j| self.clinical_eponyms.contains(Self::lw(s, &s.tokens[j])))
            {
                continue;
            }
            let (t, l) = (s.tokens[i], s.tokens[last]);
            let line_from = line_start(text, t.start);
            let cued = (i > 0
                && s.tokens[i - 1].start >= line_from
                && (s.tokens[i - 1].flags & GREETING != 0
                    || (t.joined_prev
                        && s.tokens[i - 1].sentence_start
                        && self.imperative_verbs.contains(Self::lw(s, &s.tokens[i - 1])))))
                || speaker_label(text, &l)
                || self.contact_verb_at(text, s, last + 1, t.shape)
                // (a subject: "Brady will pick it up", "Perla, can you…"; not "kling and
                // pads", "the hickman is out")
                || (subject_like(text, &s.tokens, last, &self.vocative_followers)
                    && !s.tokens.get(last + 1).is_some_and(|nx| Self::lw_is(s, nx, "and"))
                    && !(i > 0
                        && t.joined_prev
                        && matches!(Self::lw(s, &s.tokens[i - 1]), "the" | "a" | "an" | "of")))
                || (line_blank_before(text, t.start) && line_blank_after(text, l.end))
                || (1..=self.prev_phrases(s, text, i, 3))
                    .any(|k| self.strong_intros.contains(Self::phrase_of(s, k)));
            if !cued {
                for t in &mut s.tokens[i..=last] {
                    t.label = None;
                }
            }
        }
    }

    /// "Zestril 40mg", "Peptamen at 10cc/hr", "Nepro @ 35/hr": a one-word name right
    /// before a dose is the drug, unless a title or relation comes before it.
    /// (It visits the names `name_bits` holds after [`Self::expand_names`]: no rule labels a
    /// name after it, so they are all there.)
    fn drop_drugs(&self, text: &str, s: &mut LexScratch) {
        if self.dose_units.is_empty() {
            return;
        }
        let mut from = 0;
        while let Some(i) = s.next_name(from) {
            from = i + 1;
            if lone_name(&s.tokens, i) && self.dose_after(&text[s.tokens[i].end..]) {
                s.tokens[i].label = None;
            }
        }
    }

    /// A word of four letters or more that is an English word's plural ("labs", "samples").
    fn plural_of_word(&self, w: &[u8]) -> bool {
        w.len() > 3
            && w[w.len() - 1].eq_ignore_ascii_case(&b's')
            && self.flags.get_ascii_lower(&w[..w.len() - 1]) & WORD != 0
    }

    /// Whether `rest` opens with a dose: "40mg", " @ 35/hr", " at 15cc/hour".
    fn dose_after(&self, rest: &str) -> bool {
        let mut r = rest.trim_start_matches([' ', '\t']);
        for lead in ["@", "at ", "to "] {
            if r.len() >= lead.len()
                && r.as_bytes()[..lead.len()].eq_ignore_ascii_case(lead.as_bytes())
            {
                r = r[lead.len()..].trim_start_matches([' ', '\t']);
                break;
            }
        }
        let digits = r
            .bytes()
            .take_while(|c| c.is_ascii_digit() || *c == b'.')
            .count();
        if digits == 0 || !r.as_bytes()[0].is_ascii_digit() {
            return false;
        }
        let unit = r[digits..].trim_start_matches(' ').as_bytes();
        self.dose_units.iter().any(|u| {
            let u = u.as_bytes();
            unit.len() >= u.len()
                && unit[..u.len()].eq_ignore_ascii_case(u)
                && unit.get(u.len()).is_none_or(|c| !c.is_ascii_alphabetic())
        })
    }

    fn has_prep_before(&self, text: &str, s: &mut LexScratch, i: usize) -> bool {
        (1..=self.prev_phrases(s, text, i, 2)).any(|k| self.preps.contains(Self::phrase_of(s, k)))
    }

    /// Grow names over neighbouring name-like tokens and initials, to a fixpoint.
    fn expand_names(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        // every rule after the first starts from a token labelled NAME, and visits only
        // those: the first rule's pass over all tokens notes them in `name_bits` as it goes
        // (a label it gives is noted at once)
        s.name_bits.clear();
        s.name_bits.resize(n.div_ceil(64), 0);
        // "Brannagh I. Toskvik", "Oskar A Lindqvist": a capital initial between two
        // capitalised words is a middle initial, even "I" and "A"
        for i in 0..n {
            let m = &s.tokens[i];
            s.name_bits[i / 64] |= u64::from(m.label == Some(Label::Name)) << (i % 64);
            if i == 0 || i + 1 == n || !(m.alpha && m.shape == Shape::Upper && m.joined_prev) {
                continue;
            }
            let (a, m, b) = (s.tokens[i - 1], s.tokens[i], s.tokens[i + 1]);
            let part = |x: &Token| {
                x.alpha
                    && x.shape == Shape::Capitalized
                    && x.end - x.start >= 2
                    && x.flags & (NEVER | TITLE | STATE | FACILITY | RELATION) == 0
            };
            let namey = |x: &Token| {
                x.label == Some(Label::Name) || x.flags & (FIRST | LAST) != 0 || x.flags & WORD == 0
            };
            if m.alpha
                && (m.end - m.start == 1 || !m.ascii && s.lower[m.lrange()].chars().count() == 1)
                && m.shape == Shape::Upper
                && m.case == LineCase::Mixed
                && m.joined_prev
                && b.joined_prev
                && part(&a)
                && part(&b)
                && (namey(&a) && namey(&b))
                && [a.label, m.label, b.label]
                    .iter()
                    .all(|l| l.is_none_or(|l| l == Label::Name))
            {
                for k in i - 1..=i + 1 {
                    s.set_name(k);
                }
            }
        }
        if s.next_name(0).is_none() {
            return;
        }
        // "(k. ostrova and …", "per d ross", "-> J. Chang": a lone letter right before a name,
        // opening a clause or after a cue, is its initial
        let mut from = 1;
        while let Some(i) = s.next_name(from) {
            from = i + 1;
            let (m, t) = (s.tokens[i - 1], s.tokens[i]);
            if m.label.is_some()
                || !m.alpha
                || m.end - m.start != 1
                || m.flags & NEVER != 0 && m.shape != Shape::Upper
                || !t.joined_prev
            {
                continue;
            }
            let gap = &text[m.end..t.start];
            // (opening the text: nothing but blanks and quotes before it, not a tag either,
            // so that the redacted text reads the same)
            let first = text[..m.start]
                .bytes()
                .all(|c| c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'(' | b'>' | b'*'));
            let opens = first
                || (i >= 2 && s.tokens[i - 2].flags & INITIAL_CUE != 0 && !m.after_tag)
                || text[..m.start]
                    .trim_end_matches([' ', '\t'])
                    .ends_with(['(', '>', '\n', ',', ':', ';'])
                // "… KCL GIVEN. E. HALVEK AWARE": a letter with its period opening a sentence
                || (gap == ". " && m.sentence_start && m.shape == Shape::Upper);
            if (gap == ". " || gap == " ") && opens && (first || !m.sentence_start || gap == ". ") {
                s.set_name(i - 1);
            }
        }
        // "Dr. Justin Fennel": a capitalised word right after a name that a strong title
        // introduces is its surname, even a word
        let mut from = 1;
        while let Some(i) = s.next_name(from).filter(|&i| i + 1 < n) {
            from = i + 1;
            let (p, t, nx) = (s.tokens[i - 1], s.tokens[i], s.tokens[i + 1]);
            if strong_title_before(text, &p, &t)
                && t.joined_prev
                && nx.joined_prev
                && text[t.end..nx.start].trim().is_empty()
                && nx.label.is_none()
                && nx.alpha
                && nx.case == LineCase::Mixed
                && nx.shape == Shape::Capitalized
                && nx.end - nx.start >= 3
                && nx.flags & (NEVER | TITLE | STATE | UNIT | FACILITY | EPONYM_NEXT) == 0
            {
                s.set_name(i + 1);
            }
        }
        // "DRS HALVEK AND MORRINGTON": after a titled name, "and" and an unknown word name a
        // second person
        let mut from = 1;
        while let Some(i) = s.next_name(from).filter(|&i| i + 2 < n) {
            from = i + 1;
            let (p, t, and, x) = (
                s.tokens[i - 1],
                s.tokens[i],
                s.tokens[i + 1],
                s.tokens[i + 2],
            );
            if t.label == Some(Label::Name)
                && is_title(p.flags)
                && and.alpha
                && Self::lw_is(s, &and, "and")
                && x.alpha
                && x.joined_prev
                && x.label.is_none()
                && x.end - x.start >= 3
                && x.flags & (WORD | NEVER | TITLE | RELATION | STATE | FACILITY | UNIT) == 0
                && !self.clinical_ending(Self::lw(s, &x))
            {
                s.set_name(i + 2);
            }
        }
        // "Cliff and Mortensen were…", "Hale and Brennick": in mixed case a capitalised word
        // from the name lists joined by "and" to a capitalised name is a name too, even a word
        // at the start of a sentence
        let mut from = 2;
        while let Some(i) = s.next_name(from) {
            from = i + 1;
            let (x, and, t) = (s.tokens[i - 2], s.tokens[i - 1], s.tokens[i]);
            if t.label == Some(Label::Name)
                && t.shape == Shape::Capitalized
                && and.joined_prev
                && t.joined_prev
                && and.alpha
                && and.shape == Shape::Lower
                && Self::lw_is(s, &and, "and")
                && x.label.is_none()
                && !text[..x.start].ends_with('-')
                && x.alpha
                && x.case == LineCase::Mixed
                && x.shape == Shape::Capitalized
                && x.end - x.start >= 3
                && x.flags & (FIRST | LAST) != 0
                && x.flags & (NEVER | TITLE | RELATION | STATE | FACILITY | GREETING) == 0
            {
                s.set_name(i - 2);
            }
        }
        if s.colon {
            self.mark_field_names(text, s);
        }
        let mut changed = true;
        while changed {
            changed = false;
            let mut from = 0;
            while let Some(i) = s.next_name(from) {
                from = i + 1;
                for j in [i.wrapping_sub(1), i + 1] {
                    if j >= n || s.tokens[j].label.is_some() {
                        continue;
                    }
                    let (a, b) = if j < i { (j, i) } else { (i, j) };
                    if !s.tokens[b].joined_prev {
                        continue;
                    }
                    let t = s.tokens[j];
                    // a word opening the sentence that is no common name is no part of the
                    // name after it: "Call Maria at 10", "Thank Ingrid" (but "Will Smith")
                    if j < i && t.sentence_start && t.flags & WORD != 0 && t.flags & COMMON == 0 {
                        continue;
                    }
                    // nor an imperative before a given name: "Call Maria" ("Page Olsen" is
                    // a name)
                    if j < i
                        && t.sentence_start
                        && s.tokens[i].flags & FIRST != 0
                        && super::patterns::contains_ascii_ci(
                            &self.imperative_verbs,
                            &text[t.start..t.end],
                        )
                    {
                        continue;
                    }
                    // the end of a hyphenated phrase is no name: "SON-IN-LAW Pieter"
                    if j < i
                        && j > 0
                        && &text[s.tokens[j - 1].end..t.start] == "-"
                        && s.tokens[j - 1].flags & (NEVER | RELATION) != 0
                    {
                        continue;
                    }
                    // "leona briskovar", "MARTA OSTRAVIK": an unknown word right after a
                    // first name is its surname, whatever the case
                    let surname_after_first = j == i + 1
                        && s.tokens[i].flags & FIRST != 0
                        && t.alpha
                        && t.end - t.start >= 4
                        && t.flags
                            & (WORD | NEVER | TITLE | RELATION | STATE | FACILITY | SUFFIX | VERB)
                            == 0
                        && !self.clinical_ending(Self::lw(s, &t));
                    // "Nora Lane", "Tomas Park": a capitalised surname inside a sentence
                    // right after a capitalised first name is its surname, even a word (a
                    // street suffix too: a street named so is PHI all the same). On a line
                    // in lower case the two capitals stand out all the more
                    let cased_surname = j == i + 1
                        && s.tokens[i].flags & FIRST != 0
                        && s.tokens[i].shape == Shape::Capitalized
                        && t.alpha
                        && t.shape == Shape::Capitalized
                        && !t.sentence_start
                        && t.end - t.start >= 3
                        && t.flags & LAST != 0
                        && t.flags & (NEVER | TITLE | RELATION | STATE | FACILITY | GREETING) == 0;
                    // "with Will Smith", "saw May Johnson": a given name that is also a
                    // function word (a modal, a month) is a name right before a capitalised
                    // surname inside a mixed-case sentence
                    let function_word_first = j + 1 == i
                        && t.flags & NEVER != 0
                        && t.alpha
                        && t.case == LineCase::Mixed
                        && t.shape == Shape::Capitalized
                        && !t.sentence_start
                        && s.tokens[i].shape == Shape::Capitalized
                        && s.tokens[i].flags & LAST != 0
                        && self.function_word_given_names.contains(Self::lw(s, &t));
                    // "dr. fridek valkor", "Niece, Ilse VORMANN": a word in no list at all,
                    // not even the vocabulary, right after a listed name or one a title or
                    // relation word introduces is its next part, in any case (jargon sits in
                    // the vocabulary, or has a clinical ending; a misspelt word after a word
                    // taken for a name by its capital alone is left: "Hemocath placment")
                    // (a name in lower case or on a line in one case was found by its
                    // context, not by its capital: "my name is velkaro brisanko")
                    let unknown_after = j == i + 1
                        && (s.tokens[i].flags & (FIRST | LAST) != 0
                            || (i > 0 && s.tokens[i - 1].flags & (TITLE | RELATION) != 0)
                            || ((s.tokens[i].shape == Shape::Lower
                                || s.tokens[i].case == LineCase::Flat)
                                && t.shape == s.tokens[i].shape))
                        // (a hyphen may open a sentence, "Resp- clear", but not inside a
                        // word: "Halvek-Orlund")
                        && (!t.sentence_start || &text[s.tokens[i].end..t.start] == "-")
                        && t.flags & FIRST == 0
                        && self.in_no_list(s, &t);
                    if name_neighbour(&t)
                        || surname_after_first
                        || cased_surname
                        || function_word_first
                        || unknown_after
                    {
                        s.set_name(j);
                        changed = true;
                    } else if t.flags & NAME_PARTICLE != 0
                        && t.shape == Shape::Lower
                        && t.case == LineCase::Mixed
                    {
                        // "Annelien ten Brink", "Maike van de Velde": one or two particles
                        // join two capitalised parts (after the first part, the second may be
                        // a word: "ten Pas")
                        let step = |x: usize| if j < i { x.wrapping_sub(1) } else { x + 1 };
                        let mut k = step(j);
                        let mut last_particle = j;
                        if k < n
                            && s.tokens[k].flags & NAME_PARTICLE != 0
                            && s.tokens[k].shape == Shape::Lower
                            && s.tokens[if j < i { j } else { k }].joined_prev
                        {
                            last_particle = k;
                            k = step(k);
                        }
                        let hi = if j < i { last_particle } else { k };
                        if k < n
                            && s.tokens[hi].joined_prev
                            && s.tokens[k].label.is_none_or(|l| l == Label::Name)
                            && s.tokens[k].alpha
                            && s.tokens[k].shape == Shape::Capitalized
                            && s.tokens[k].flags & NEVER == 0
                            && (s.tokens[k].flags & WORD == 0 || j > i)
                        {
                            let (lo, hi) = if j < i { (k, j) } else { (j, k) };
                            for x in lo..=hi {
                                s.set_name(x);
                            }
                            changed = true;
                        }
                    } else if j == i + 1 && t.alpha && t.end - t.start == 1 && j + 1 < n {
                        // "patricia k thompson", "moira t vendle": a lower-case initial between
                        // a name and a surname
                        let k = s.tokens[j + 1];
                        // "MARTA A. HOLLOWAY-MARKS", "dan i. marlowe": a capital or a period
                        // marks a letter between two parts of a name as its initial, in any
                        // case
                        let between_names = k.label == Some(Label::Name)
                            && k.joined_prev
                            && (t.shape == Shape::Upper
                                || text.as_bytes().get(t.end) == Some(&b'.'));
                        let surname = between_names
                            || (k.alpha
                                && k.joined_prev
                                && k.label.is_none()
                                && k.end - k.start >= 3
                                && k.flags & (NEVER | TITLE | STATE | RELATION) == 0
                                && k.flags & WORD == 0
                                && (k.flags & LAST != 0
                                    || !k.ascii
                                    // "eric g. velmorova": an unknown word after a first
                                    // name and an initial, as right after a first name
                                    // (or after any name, with the initial's period,
                                    // a word in no list at all: "kowalczyk t. brisanko")
                                    || ((s.tokens[i].flags & FIRST != 0
                                        || (text.as_bytes().get(t.end) == Some(&b'.')
                                            && self.in_no_list(s, &k)))
                                        && k.end - k.start >= 4
                                        && k.flags & VERB == 0
                                        && !self.clinical_ending(Self::lw(s, &k)))));
                        if surname {
                            s.set_name(j);
                            s.set_name(j + 1);
                            changed = true;
                        }
                    }
                    let _ = a;
                }
            }
        }
    }
}

/// A percent sign, a slash or a colon right after a number at `end` makes it a share, a
/// ratio or a time, not a house number ("80%", "12/5", "10:30").
fn unit_after(text: &str, end: usize) -> bool {
    matches!(text.as_bytes().get(end), Some(b'%' | b'/' | b':'))
}

/// Token `i` is a preposition before a place ("to", "at", … and "on": "on Elm Street",
/// "on bellweather 2").
fn place_prep(s: &LexScratch, i: usize) -> bool {
    let t = &s.tokens[i];
    t.flags & PREP != 0 || Lexicon::lw_is(s, t, "on")
}

/// Five or more letters and one digit: a ward written with its number ("BELLWEATHER7").
fn ward_glued(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 6
        && b[b.len() - 1].is_ascii_digit()
        && b[..b.len() - 1].iter().all(u8::is_ascii_alphabetic)
}

/// What may follow a ward number: the end of the clause or a word that starts a new part of
/// it ("… 6 for monitoring", "… 2 once a bed opens"), not a unit ("levophed 5 mcg").
fn ward_number_ends(text: &str, at: usize, followers: &FxHashSet<Box<str>>) -> bool {
    let rest = text[at..].trim_start_matches([' ', '\t']);
    let Some(c) = rest.bytes().next() else {
        return true;
    };
    if matches!(c, b',' | b';' | b':' | b'\n' | b'\r' | b')' | b'/') {
        return true;
    }
    if c == b'.' {
        return !rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    followers.contains(word.as_str())
}

/// The word at `start` read char by char (one the ASCII scan does not read whole): where it
/// ends, and whether it has letters and digits. Apostrophes between letters stay inside
/// ("O'Brien", "Mary’s"). Out of the tokenizer's loop, which it would crowd.
#[cold]
#[inline(never)]
fn word_by_chars(text: &str, start: usize) -> (usize, bool, bool) {
    let bytes = text.as_bytes();
    let (mut end, mut has_alpha, mut has_digit) = (start, false, false);
    while end < bytes.len() {
        let d = bytes[end];
        let (alpha, digit, dlen, apostrophe) = if d < 0x80 {
            let cls = ASCII_CLASS[usize::from(d)];
            (cls & ALPHA != 0, cls & DIGIT != 0, 1, d == b'\'')
        } else {
            let (c, n) = char_at(text, end);
            (c.is_alphabetic(), c.is_numeric(), n, c == '\u{2019}')
        };
        if alpha || digit {
            has_alpha |= alpha;
            has_digit |= digit;
            end += dlen;
        } else if apostrophe
            && has_alpha
            && end + dlen < bytes.len()
            && char_at(text, end + dlen).0.is_alphabetic()
        {
            end += dlen;
        } else {
            break;
        }
    }
    (end, has_alpha, has_digit)
}

/// Is the word of capitals at `start..end` our own output, a tag (`[NAME]`, `[AGE_OVER_89]`:
/// a label may hold underscores, which end a word) or a token's label (`NAME-ABCDEFGH2345`)?
/// Where the label ends, and whether a `]` closes it.
///
/// A `]`, a `-` or the `_` inside a label follows every one: that byte is tested inline, in
/// the tokenizer's loop (most words of capitals are abbreviations, "NSR", "GU"); the rest is
/// out of it.
#[inline(always)]
fn own_output_at(text: &str, start: usize, end: usize) -> Option<(usize, bool)> {
    if !matches!(text.as_bytes().get(end), Some(b']' | b'-' | b'_')) {
        return None;
    }
    own_output_label(text, start, end)
}

/// [`own_output_at`] past its quick test.
#[cold]
#[inline(never)]
fn own_output_label(text: &str, start: usize, end: usize) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let before = bytes[..start].last().copied();
    let label_end = if bytes.get(end) == Some(&b'_') {
        end + bytes[end..]
            .iter()
            .position(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_'))
            .unwrap_or(bytes.len() - end)
    } else {
        end
    };
    let after = bytes.get(label_end).copied();
    ((before == Some(b'[') && after == Some(b']') || after == Some(b'-'))
        && text[start..label_end].parse::<Label>().is_ok())
    .then_some((label_end, after == Some(b']')))
}

/// Append the lower-case form of a word that is not ASCII to `lower` (’ as '), and return
/// its range there. Out of the tokenizer's loop.
#[cold]
#[inline(never)]
fn push_lower(lower: &mut String, word: &str) -> (usize, usize) {
    let from = lower.len();
    for ch in word.chars() {
        if ch == '\u{2019}' {
            lower.push('\'');
        } else {
            lower.extend(ch.to_lowercase());
        }
    }
    (from, lower.len())
}

/// Byte offset where the line holding byte `at` starts.
pub(super) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Only blanks from the start of its line to `at`.
fn line_blank_before(text: &str, at: usize) -> bool {
    text[line_start(text, at)..at].trim().is_empty()
}

/// Only blanks from `at` to the end of its line.
fn line_blank_after(text: &str, at: usize) -> bool {
    text[at..]
        .split('\n')
        .next()
        .is_some_and(|r| r.trim().is_empty())
}

/// The last byte before `at`, past spaces and tabs, is one of `bytes` (all ASCII).
fn after_blanks(text: &str, at: usize, bytes: &[u8]) -> bool {
    let b = &text.as_bytes()[..at];
    b.iter()
        .rposition(|&c| c != b' ' && c != b'\t')
        .is_some_and(|p| bytes.contains(&b[p]))
}

/// Token `i + 1` is a subject verb in lower case joined to token `i` ("velkaro had …").
fn subject_verb_after(s: &LexScratch, i: usize) -> bool {
    s.tokens
        .get(i + 1)
        .is_some_and(|nx| nx.joined_prev && nx.shape == Shape::Lower && nx.flags & VERB != 0)
}

/// Token `i` opens its line (after quote markers such as "> ") and the line before it holds
/// only a name: the second line of a postal address block ("Velka Tamskova\n2224 …").
fn after_name_line(text: &str, toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    // most tokens do not open a line: no line break since the previous token
    let gap_from = if i == 0 { 0 } else { toks[i - 1].end };
    if !text.as_bytes()[gap_from..t.start].contains(&b'\n') {
        return false;
    }
    let start = line_start(text, t.start);
    if start == 0 || text[start..t.start].chars().any(char::is_alphanumeric) {
        return false;
    }
    // the previous non-empty line
    let before = text[..start].trim_end();
    let prev_start = line_start(before, before.len());
    let prev: Vec<&Token> = toks[..i]
        .iter()
        .filter(|x| x.start >= prev_start && x.end <= before.len())
        .collect();
    !prev.is_empty() && prev.iter().all(|x| x.alpha && x.label == Some(Label::Name))
}

/// `t` opens its line and is followed by a colon and a line of dialogue: quoted, or with a
/// first- or second-person word ("Oskarine: What a day" is not; "Oskarine: You saved me" is). Note
/// headers ("Resp: LS clear", "Neuro: A+Ox3") carry neither.
fn speaker_label(text: &str, t: &Token) -> bool {
    let Some(rest) = text[t.end..].strip_prefix(':') else {
        return false;
    };
    if !line_blank_before(text, t.start) {
        return false;
    }
    let line = rest.split('\n').next().unwrap_or("");
    if !line.starts_with([' ', '"', '\u{201c}']) {
        return false;
    }
    let l = line.trim_start();
    l.starts_with(['"', '\u{201c}', '\''])
        || l.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "i" | "i'm"
                        | "me"
                        | "my"
                        | "you"
                        | "you're"
                        | "your"
                        | "we"
                        | "us"
                        | "our"
                        | "what"
                        | "who"
                        | "why"
                        | "how"
                )
            })
}

/// "lives on Rua Velkara 50.", "at Tamsko Orskavik 2906": after a street preposition, two to four
/// capitalised words (particles between them), at least one no English word, and a house
/// number that ends the clause make a street address, even when the words are names.
fn mark_streets_before_numbers(text: &str, s: &mut LexScratch) {
    let n = s.tokens.len();
    let mut i = 1;
    while i + 2 < n {
        // (the cue first, by reference: a token is a wide copy)
        if s.tokens[i - 1].flags & STREET_INTRO == 0 {
            i += 1;
            continue;
        }
        let p = s.tokens[i - 1];
        let t = s.tokens[i];
        if !p.alpha
            || p.flags & STREET_INTRO == 0
            || !t.joined_prev
            || t.case != LineCase::Mixed
            || t.shape != Shape::Capitalized
        {
            i += 1;
            continue;
        }
        let mut j = i;
        let (mut words, mut unknown) = (0, false);
        while j < n && j - i < 5 {
            let x = s.tokens[j];
            if !x.alpha
                || !x.joined_prev
                || x.flags & (NEVER | TITLE | UNIT | STATE | GREETING) != 0
                || !(x.shape == Shape::Capitalized
                    || x.flags & (PARTICLE | NAME_PARTICLE) != 0 && j > i)
                || x.label
                    .is_some_and(|l| l != Label::Name && l != Label::Address)
            {
                break;
            }
            words += usize::from(x.shape == Shape::Capitalized);
            unknown |= x.flags & WORD == 0;
            j += 1;
        }
        let Some(num) = s.tokens.get(j) else {
            break;
        };
        let after_ok = match s.tokens.get(j + 1) {
            None => {
                text[num.end..].trim().is_empty()
                    || text[num.end..]
                        .trim_start()
                        .starts_with(['.', ',', '?', '!', ')', ';'])
            }
            Some(nx) => {
                let gap = &text[num.end..nx.start];
                gap.contains(['\n', '.', ',', '?', '!', ')', ';'])
                    || nx.flags & (UNIT | SUFFIX) != 0
            }
        };
        let digits = num.numeric
            && (1..=5).contains(&(num.end - num.start))
            && text[num.start..num.end].bytes().all(|c| c.is_ascii_digit());
        if (2..=4).contains(&words)
            && unknown
            && digits
            && num.joined_prev
            && num.label.is_none_or(|l| l == Label::Address)
            && after_ok
        {
            for k in i..=j {
                s.tokens[k].label = Some(Label::Address);
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

/// "in barra do lindo 15000 in its …", "in Quinta do Vale 3610-114": after "in", one to
/// four words, the last of them no English word, and a postal code of four or five digits
/// (or two groups joined by a hyphen) make a town with its code.
fn mark_towns_before_postal_codes(text: &str, s: &mut LexScratch) {
    for k in 0..s.numerics.len() {
        let i = s.numerics[k] as usize;
        let c = &s.tokens[i];
        if i < 2
            || !(4..=5).contains(&(c.end - c.start))
            || !text[c.start..c.end].bytes().all(|b| b.is_ascii_digit())
            || !c.joined_prev
            || c.label.is_some()
        {
            continue;
        }
        let c = *c;
        // the code ends there: no unit, no decimal, no further digits
        let mut end = i;
        if let Some(nx) = s.tokens.get(i + 1) {
            if nx.numeric && &text[c.end..nx.start] == "-" && (3..=4).contains(&(nx.end - nx.start))
            {
                end = i + 1;
            }
        }
        // the code closes the clause: punctuation, the end, or a function word next ("… 15000
        // in its mission"), not a unit or a noun ("10000 cells")
        let after = &text[s.tokens[end].end..];
        let closes = match s.tokens.get(end + 1) {
            None => !after
                .trim_start()
                .starts_with(|ch: char| ch.is_alphanumeric()),
            Some(nx) => {
                let gap = &text[s.tokens[end].end..nx.start];
                (gap.contains(['\n', ',', ';', '?', '!', ')']) || gap.trim() == ".")
                    || (gap.trim().is_empty() && nx.alpha && nx.flags & (PREP | NEVER) != 0)
            }
        };
        if !closes || after.starts_with(|ch: char| ch.is_alphanumeric()) {
            continue;
        }
        // the word before the code is no plain word, unless capitalised; a district letter
        // counts ("Aarhus C 8310")
        let last = s.tokens[i - 1];
        let district = last.end - last.start == 1 && last.shape == Shape::Upper;
        if !last.alpha
            || last.flags & (WORD | NEVER | UNIT) != 0
                && last.shape != Shape::Capitalized
                && !district
        {
            continue;
        }
        // back over the town's words to "in"
        let mut j = i;
        let mut found = None;
        while j > 0 && i - j < 5 {
            let t = s.tokens[j - 1];
            if !s.tokens[j].joined_prev
                || !t.alpha
                || !text[t.end..s.tokens[j].start].trim().is_empty()
            {
                break;
            }
            if Lexicon::lw_is(s, &t, "in") && j < i {
                found = Some(j);
                break;
            }
            if t.flags & (NEVER | TITLE | RELATION | VERB) != 0
                || t.label
                    .is_some_and(|l| l != Label::Name && l != Label::Address)
            {
                break;
            }
            j -= 1;
        }
        if let Some(first) = found {
            for k in first..=end {
                s.tokens[k].label = Some(Label::Address);
            }
        }
    }
}

/// "quinton cath", "Riker scale": a one-word name right before a device, scale or sign named
/// after a person is the eponym, unless a title or relation comes before it.
/// (It visits the names `name_bits` holds after [`Lexicon::expand_names`]: no rule labels a
/// name after it, so they are all there.)
fn drop_eponyms(s: &mut LexScratch) {
    let mut from = 0;
    while let Some(i) = s.next_name(from).filter(|&i| i + 1 < s.tokens.len()) {
        from = i + 1;
        let nx = s.tokens[i + 1];
        if !(nx.joined_prev
            && nx.flags & EPONYM_NEXT != 0
            && s.tokens[i].label == Some(Label::Name))
        {
            continue;
        }
        if nx.label.is_none() && lone_name(&s.tokens, i) {
            s.tokens[i].label = None;
        } else if nx.label.is_none()
            && i > 0
            && s.tokens[i].joined_prev
            && s.tokens[i - 1].label == Some(Label::Name)
            && s.tokens[i - 1].flags & FIRST == 0
            && name_stands_alone(&s.tokens, i - 1, i)
        {
            // "Passee Muir valve": two surnames before the follower, no given name first
            s.tokens[i - 1].label = None;
            s.tokens[i].label = None;
        } else if nx.label == Some(Label::Name)
            && s.tokens[i].flags & FIRST == 0
            && name_stands_alone(&s.tokens, i, i + 1)
        {
            // "bair hugger": a surname before a follower that is a surname too (no given
            // name first: "Mary Hugger" is a person)
            s.tokens[i].label = None;
            s.tokens[i + 1].label = None;
            from = i + 2;
        }
    }
}

/// Token `i` is a one-word name: no name joins it on either side, and no title or relation
/// introduces it (what may be an eponym or a drug rather than a person).
fn lone_name(toks: &[Token], i: usize) -> bool {
    toks[i].label == Some(Label::Name) && name_stands_alone(toks, i, i)
}

/// Tokens `first..=last` are a name of that many words and no more: no name joins them on
/// either side, and no title or relation word introduces them.
fn name_stands_alone(toks: &[Token], first: usize, last: usize) -> bool {
    let is_name = |x: &Token| x.label == Some(Label::Name);
    !toks
        .get(last + 1)
        .is_some_and(|nx| nx.joined_prev && is_name(nx))
        && (first == 0
            || !toks[first].joined_prev
            || (!is_name(&toks[first - 1]) && toks[first - 1].flags & (TITLE | RELATION) == 0))
}

/// A strong title ("dr", "mrs"; "mr." and "ms." with their period) right before `t`.
fn strong_title_before(text: &str, p: &Token, t: &Token) -> bool {
    p.alpha
        && (p.flags & STRONG_TITLE != 0
            || (p.flags & STRONG_TITLE_DOT != 0 && text[p.end..t.start].starts_with('.')))
}

/// An unknown capitalised word opening a sentence reads as a name when it has non-ASCII
/// letters (jargon is ASCII), is followed by a subject verb ("Tavish spent"), a name particle
/// ("Annelien ten Brink") or a capitalised name after a comma ("Orvell, Graves and …").
fn subject_like(
    text: &str,
    toks: &[Token],
    i: usize,
    vocative_followers: &FxHashSet<Box<str>>,
) -> bool {
    let t = &toks[i];
    if !text[t.start..t.end].is_ascii() {
        return true;
    }
    let Some(nx) = toks.get(i + 1) else {
        return false;
    };
    let gap = &text[t.end..nx.start];
    if gap.contains('\n') || !nx.alpha {
        return false;
    }
    if gap.trim().is_empty() {
        nx.shape == Shape::Lower && nx.flags & (VERB | NAME_PARTICLE) != 0
    } else if gap.trim() == "," && t.start == line_start(text, t.start) {
        // "Oskarine, can you call me back?": a name called at the start of a line
        super::patterns::contains_ascii_ci(vocative_followers, &text[nx.start..nx.end])
    } else {
        gap.trim() == ","
            && nx.shape == Shape::Capitalized
            && nx.flags & (FIRST | LAST) != 0
            && nx.flags & NEVER == 0
    }
}

fn is_title(f: u32) -> bool {
    f & TITLE != 0
}

fn is_proper(t: &Token) -> bool {
    t.alpha
        && t.flags & (WORD | NEVER | STATE) == 0
        && (t.shape == Shape::Capitalized || t.shape == Shape::Upper && t.end - t.start >= 4)
}

/// Can `t` extend an adjacent name?
fn name_neighbour(t: &Token) -> bool {
    if !t.alpha
        || t.flags & (NEVER | TITLE | RELATION | STATE | FACILITY | SUFFIX | GREETING | UNIT) != 0
    {
        return false;
    }
    let len = t.end - t.start;
    let initial = len == 1 && t.shape == Shape::Upper;
    if initial {
        return true;
    }
    let in_names = t.flags & (FIRST | LAST) != 0;
    // "radka dvořáčeková": an unknown word with non-ASCII letters next to a name, in any case
    if !t.ascii && t.flags & WORD == 0 && len >= 3 {
        return true;
    }
    match t.case {
        LineCase::Mixed => {
            (in_names && t.shape != Shape::Lower)
                || (t.flags & WORD == 0 && t.shape == Shape::Capitalized)
                || (in_names && t.flags & WORD == 0)
        }
        LineCase::Flat => in_names && t.flags & WORD == 0,
    }
}

fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.end..b.start];
    !gap.contains('\n')
        && gap.len() <= 4
        && gap
            .chars()
            .all(|c| c == ' ' || c == '.' || c == ',' || c == ':' || c == '-' || c == '\t')
}

/// [`deletion_key`]'s place for a whole word.
const WHOLE: usize = usize::MAX;

/// The key of a word with its letter at `at` left out (or of a whole word, `at` =
/// [`WHOLE`]), written as the bytes of `parts` in turn: FNV-1a over the bytes, then the
/// place (see [`Lexicon::near_word`]).
fn deletion_key(parts: &[&[u8]], at: usize) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for &c in parts.iter().copied().flatten() {
        h = (h ^ u64::from(c)).wrapping_mul(PRIME);
    }
    (h ^ at as u64).wrapping_mul(PRIME)
}

/// A hash of two lower-cased words as a phrase writes them ("the dalles"), without building
/// the phrase.
fn word_pair_hash(first: &str, second: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(first.as_bytes());
    h.write_u8(b' ');
    h.write(second.as_bytes());
    h.finish()
}

/// The last three bytes of a word as one integer.
fn tail3(b: &[u8]) -> u32 {
    let n = b.len();
    u32::from(b[n - 3]) << 16 | u32::from(b[n - 2]) << 8 | u32::from(b[n - 1])
}

/// The word's capitalisation; `ascii` says whether it has only ASCII bytes.
fn shape_of(w: &str, ascii: bool) -> Shape {
    // (first letter upper?, all other letters upper?, all other letters lower?)
    let mut first: Option<bool> = None;
    let (mut rest_upper, mut rest_lower) = (true, true);
    let mut visit = |up: bool, low: bool| match first {
        None => first = Some(up),
        Some(_) => {
            rest_upper &= up;
            rest_lower &= low;
        }
    };
    if ascii {
        for b in w.bytes().filter(u8::is_ascii_alphabetic) {
            visit(b.is_ascii_uppercase(), b.is_ascii_lowercase());
        }
    } else {
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            visit(c.is_uppercase(), c.is_lowercase());
        }
    }
    match first {
        None => Shape::Other,
        Some(true) if rest_upper => Shape::Upper,
        // McDonald, O'Brien, DeShawn count as capitalised too
        Some(true) => Shape::Capitalized,
        Some(false) if rest_lower => Shape::Lower,
        Some(false) => Shape::Other,
    }
}

/// How many times [`Lexicon::detect`] reads a text at most (see there).
const MAX_ROUNDS: usize = 3;

/// The words that judge a line's case (see [`LineCounts::flat`]).
#[derive(Clone, Copy, Debug, Default)]
struct LineCounts {
    words: u32,
    upper: u32,
    lower: u32,
    /// Capitalised words that start a sentence: a writer who capitalises sentence starts
    /// capitalises names too.
    capitalised_starts: u32,
}

impl LineCounts {
    /// Count (`by` = 1) or leave out (`by` = -1) a token; words of one letter do not count.
    fn add(&mut self, t: &Token, by: i32) {
        if t.alpha && t.end - t.start > 1 {
            let by = by as u32;
            self.words = self.words.wrapping_add(by);
            if t.shape == Shape::Upper {
                self.upper = self.upper.wrapping_add(by);
            }
            if t.shape == Shape::Lower {
                self.lower = self.lower.wrapping_add(by);
            }
            if t.sentence_start && t.shape == Shape::Capitalized {
                self.capitalised_starts = self.capitalised_starts.wrapping_add(by);
            }
        }
    }

    /// Is the line flat: ALL CAPS, or all lower case?
    fn flat(&self) -> bool {
        let (n, upper, lower) = (self.words, self.upper, self.lower);
        n > 0
            && ((n >= 3 && upper * 10 >= n * 7)
                || (n >= 4 && lower == n)
                || (n >= 6 && lower * 10 >= n * 9 && upper == 0 && self.capitalised_starts == 0))
    }
}

/// Would a line read in another case once its found words are tags?
fn case_changes_without_labelled(s: &LexScratch) -> bool {
    (0..s.lines.len()).any(|k| {
        let counts = s.lines[k].1;
        let mut left = counts;
        for t in s.tokens[s.line_tokens(k)]
            .iter()
            .filter(|t| t.label.is_some())
        {
            left.add(t, -1);
        }
        left.flat() != counts.flat()
    })
}

/// Do the numbers inside a span of this label and these bytes stay tokens while the words
/// inside it do not? Where they may be a house number: an age, a ZIP code or an address keeps
/// them, and so does a date of one or two numbers (a house number that a pattern read as a
/// year still opens its address, "2060 Avenida …"; a ZIP code still closes one), or a phone
/// number written as digits and spaces alone ("at 48213 7710 Velkaro St"). Inside a date
/// with a slash or of three numbers, a phone number with its punctuation ("(202)
/// 555-0147"), an email, an identifier, they go with the words: the redacted text holds a tag
/// there, which is no number either.
fn numbers_stay(label: Label, span: &[u8]) -> bool {
    match label {
        // (a year, or two numbers that could be a range of house numbers, "2060-2062"; not
        // "3/14" or "2026-05-04")
        Label::Date => {
            let numbers = span
                .iter()
                .enumerate()
                .filter(|&(k, c)| c.is_ascii_digit() && (k == 0 || !span[k - 1].is_ascii_digit()))
                .count();
            !span.contains(&b'/') && numbers <= 2
        }
        Label::AgeOver89 | Label::Zip | Label::Address => true,
        Label::Phone => !span.iter().any(|c| matches!(c, b'(' | b'-' | b'+' | b'.')),
        _ => false,
    }
}

/// Turn labelled tokens into spans, joining runs of the same label; a name takes in a
/// suffix right after it (`suffixes`: "Joseph Probst DVM", "Mark Hill III").
fn emit(text: &str, s: &LexScratch, suffixes: &FxHashSet<Box<str>>, out: &mut Vec<Span>) {
    let toks = &s.tokens[..];
    let mut i = 0;
    while i < toks.len() {
        let Some(label) = toks[i].label else {
            i += 1;
            continue;
        };
        let start = toks[i].start;
        let mut end = toks[i].end;
        let mut j = i + 1;
        while j < toks.len() && toks[j].label == Some(label) && toks[j].joined_prev {
            end = toks[j].end;
            j += 1;
        }
        // an initial's period belongs to the name
        if label == Label::Name
            && end - toks[j - 1].start == 1
            && text.as_bytes().get(end) == Some(&b'.')
        {
            end += 1;
        }
        if label == Label::Name {
            if let Some(nx) = toks.get(j) {
                if nx.label.is_none()
                    && nx.alpha
                    && nx.joined_prev
                    && (2..=4).contains(&(nx.end - nx.start))
                    && nx.shape != Shape::Lower
                    && suffixes.contains(&s.lower[nx.lrange()])
                {
                    end = nx.end;
                    j += 1;
                }
            }
        }
        out.push(Span {
            start,
            end,
            label,
            origin: SpanOrigin::Lexicon,
        });
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the tokenizer gathers while scanning an ASCII word is what `shape_of` and the
    /// word map's own packing compute from the finished word.
    #[test]
    fn scanned_ascii_words_read_like_finished_ones() {
        let mut map = WordMap::with_capacity(4);
        let words = [
            "a",
            "A",
            "ab",
            "Ab",
            "AB",
            "aB",
            "o'brien",
            "O'Brien",
            "McDonald",
            "DeShawn",
            "ALLCAPS",
            "x1",
            "12",
            "Abcdefgh",
            "abcdefghi",
            "ABCDEFGHIJKLMNOP",
            "Mary's",
            "abcdefghijklmnopqrstu",
        ];
        for (i, w) in words.iter().enumerate() {
            map.insert_or(&w.to_ascii_lowercase(), 1 << i);
        }
        // where a scan stops, and when it leaves the word to the general scan
        let end = |w: &str| AsciiWord::scan(w.as_bytes(), 0).map(|a| a.end);
        assert_eq!(end("abc def"), Some(3));
        assert_eq!(end("ab'"), Some(2));
        assert_eq!(end("ab'1"), Some(2));
        assert_eq!(end("12'ab"), Some(2));
        assert_eq!(end("ab's."), Some(4));
        assert_eq!(end("abü"), None);
        assert_eq!(end("ab'ü"), None);
        for w in words {
            let aw = AsciiWord::scan(w.as_bytes(), 0).unwrap_or_else(|| panic!("{w}"));
            assert_eq!(aw.end, w.len(), "{w}");
            assert_eq!(aw.shape(), shape_of(w, true), "{w}");
            assert_eq!(aw.apostrophe(), w.contains('\''), "{w}");
            if w.len() <= 16 {
                let want = map.get(&w.to_ascii_lowercase());
                assert!(want != 0, "{w}");
                // (the tokenizer looks a whole word up by the scan's key as it is)
                assert_eq!(map.get_packed(aw.key, w.len()), want, "{w}");
            }
            // a prefix (the word without its possessive) is looked up as itself
            if w.len() > 2 && w.len() <= 18 {
                let n = w.len() - 2;
                let want = map.get(&w[..n].to_ascii_lowercase());
                assert_eq!(map.get_packed(aw.key_of(n), n), want, "{w}");
            }
        }
    }

    /// `near_word` with its deletion keys answers what trying every edit answers: words one
    /// edit from an English word (made from list words by each kind of edit) and words far
    /// from any (invented of syllables).
    #[test]
    fn near_word_matches_every_edit_tried() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let lex = Lexicon::build(&set);
        let is_word = |w: &[u8]| std::str::from_utf8(w).is_ok_and(|w| lex.flags.get(w) & WORD != 0);
        // every edit, one letter of the alphabet at a time
        let brute = |lw: &str| {
            let b = lw.as_bytes();
            if b.len() < 5 || !b.iter().all(u8::is_ascii_lowercase) {
                return false;
            }
            let mut found = false;
            for k in 0..=b.len() {
                let mut edits = Vec::new();
                if k < b.len() {
                    edits.push([&b[..k], &b[k + 1..]].concat());
                }
                if k + 1 < b.len() {
                    let mut w = b.to_vec();
                    w.swap(k, k + 1);
                    edits.push(w);
                }
                for c in b'a'..=b'z' {
                    if k < b.len() && c != b[k] {
                        let mut w = b.to_vec();
                        w[k] = c;
                        edits.push(w);
                    }
                    edits.push([&b[..k], &[c], &b[k..]].concat());
                }
                found |= edits.iter().any(|w| is_word(w));
            }
            found
        };
        let mut rng = crate::gen::Rng::new(21);
        let syllables = [
            "ka", "lo", "mir", "ven", "tas", "bri", "dor", "el", "san", "vik",
        ];
        let words: Vec<&str> = set
            .dictionary("english_words")
            .iter()
            .map(String::as_str)
            .filter(|w| w.len() >= 5 && w.bytes().all(|c| c.is_ascii_lowercase()))
            .collect();
        assert!(words.len() > 1000);
        let (mut near, mut far) = (0, 0);
        for _ in 0..3000 {
            let r = rng.next_u64();
            let w = if r % 2 == 0 {
                // a list word with one edit
                let mut w = words[(r / 2) as usize % words.len()].as_bytes().to_vec();
                let k = rng.below(w.len() as u64) as usize;
                let c = b'a' + rng.below(26) as u8;
                match rng.below(4) {
                    0 => {
                        w.remove(k);
                    }
                    1 => w.insert(k, c),
                    2 => w[k] = c,
                    _ => {
                        let j = (k + 1).min(w.len() - 1);
                        w.swap(k, j);
                    }
                }
                String::from_utf8(w).unwrap_or_default()
            } else {
                (0..2 + rng.below(3))
                    .map(|_| syllables[rng.below(syllables.len() as u64) as usize])
                    .collect()
            };
            // (an edit that gave a word again: a word is no name to its callers anyway)
            if is_word(w.as_bytes()) {
                continue;
            }
            let want = brute(&w);
            assert_eq!(lex.near_word(&w), want, "{w}");
            if want {
                near += 1;
            } else {
                far += 1;
            }
        }
        // both answers were tried often
        assert!(near > 500 && far > 500, "{near} near, {far} far");
    }

    /// The eight-bytes-at-a-time scan reads every word as the byte-by-byte one does: words
    /// of every length around the window edges, capitals, digits, apostrophes, non-ASCII
    /// bytes, the end of the text.
    #[test]
    fn word_scan_by_eight_bytes_matches_byte_by_byte() {
        let alphabet: &[&str] = &["a", "Z", "m", "Q", "0", "9", "'", " ", "-", "é", "_", "@"];
        // a reproducible stream of short texts
        let mut rng = crate::gen::Rng::new(8);
        let mut text = String::new();
        for _ in 0..20_000 {
            text.clear();
            let len = rng.below(28) as usize;
            for _ in 0..len {
                // mostly letters, so that long words occur
                let r = rng.next_u64();
                let i = if r % 4 == 0 {
                    (r / 4) as usize % alphabet.len()
                } else {
                    (r / 4) as usize % 4
                };
                text.push_str(alphabet[i]);
            }
            let b = text.as_bytes();
            for start in 0..b.len() {
                if b[start] < 0x80 && ASCII_CLASS[usize::from(b[start])] & ALNUM != 0 {
                    assert_eq!(
                        AsciiWord::scan(b, start),
                        AsciiWord::scan_bytes(b, start),
                        "{text:?} at {start}"
                    );
                }
            }
        }
    }

    /// The tokenizer's shortcut for a word after a word and a space gives the sentence
    /// starts that walking back over blanks, quotes and brackets gives, and the joins that
    /// reading the gap gives.
    #[test]
    fn sentence_starts_with_and_without_the_shortcut() {
        let alphabet: &[&str] = &[
            "a", "b", "7", " ", ".", "\n", "\"", "'", "(", "[", "*", ",", ":", "é", "\t", "-",
        ];
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let lex = Lexicon::build(&set);
        let mut s = LexScratch::default();
        let mut rng = crate::gen::Rng::new(9);
        let mut text = String::new();
        let mut after_word = 0;
        for _ in 0..5_000 {
            rng.text_into(&mut text, alphabet, 40, alphabet.len(), 1);
            s.covered.clear();
            lex.tokenize(&text, &mut s);
            let b = text.as_bytes();
            let mut prev_end = None;
            for t in &s.tokens {
                let mut j = t.start;
                while j > 0
                    && matches!(
                        b[j - 1],
                        b' ' | b'\t' | b'"' | b'\'' | b'(' | b'>' | b'*' | b'['
                    )
                {
                    j -= 1;
                }
                let prev = text[..j].chars().next_back();
                let expected = matches!(
                    prev,
                    None | Some('.' | '!' | '?' | ':' | ';' | '\n' | '\r' | '-' | '|')
                );
                assert_eq!(t.sentence_start, expected, "{text:?} at {}", t.start);
                // (no tags and no pattern matches here: the gap is the one after the
                // previous token)
                let gap = prev_end.map(|e| &b[e..t.start]);
                let joined = gap.is_some_and(|g| {
                    g.len() <= 3 && g.iter().all(|c| matches!(c, b' ' | b'-' | b'.' | b'\t'))
                });
                assert_eq!(t.joined_prev, joined, "{text:?} at {}", t.start);
                prev_end = Some(t.end);
                after_word += usize::from(
                    j + 1 == t.start && prev.is_some_and(|c| c.is_ascii_alphanumeric()),
                );
            }
        }
        assert!(after_word > 1000, "only {after_word} words after a word");
    }

    #[test]
    fn phrases_are_normalised_like_tokens() {
        // the tokenizer drops a possessive 's, so cue phrases must too
        assert_eq!(norm_phrase("It's in"), "it in");
        assert_eq!(norm_phrase("wife's"), "wife");
        assert_eq!(norm_phrase("St. Mary's  Hospital"), "st mary hospital");
        assert_eq!(norm_phrase("o'brien"), "o'brien");
    }

    /// The word-pair filter in `prev_phrases` never hides a cue phrase: each phrase of each
    /// set, written out before a number, is found before it.
    #[test]
    fn every_cue_phrase_is_found_before_a_word() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let lex = Lexicon::build(&set);
        let mut s = LexScratch::default();
        let mut multi = 0;
        for p in lex.cue_phrase_sets().into_iter().flatten() {
            let text = format!("{p} 12");
            s.covered.clear();
            lex.tokenize(&text, &mut s);
            let i = s.tokens.len() - 1;
            let words = p.split(' ').count();
            // (a phrase the tokenizer splits otherwise, "drop-off", is never looked up)
            let written: Vec<&str> = s.tokens[..i].iter().map(|t| Lexicon::lw(&s, t)).collect();
            if written.len() != words || written.join(" ") != **p {
                continue;
            }
            multi += usize::from(words > 1);
            let k = lex.prev_phrases(&mut s, &text, i, words);
            assert!(
                (1..=k).any(|k| Lexicon::phrase_of(&s, k) == &**p),
                "cue phrase {p:?} not found"
            );
        }
        assert!(multi > 50, "only {multi} phrases of several words checked");
    }

    #[test]
    fn clinical_endings_with_and_without_the_quick_check() {
        let mut set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let yes = ["metoprolol", "lisinopril", "bronchitis", "osis"];
        let no = ["marisol", "os", "", "hargreaves", "pril x"];
        let lex = Lexicon::build(&set);
        assert!(lex.suffix_tails.is_some());
        for w in yes {
            assert!(lex.clinical_ending(w), "{w}");
        }
        for w in no {
            assert!(!lex.clinical_ending(w), "{w}");
        }
        // a two-byte suffix turns the quick check off instead of hiding it
        set.cues.clinical_suffixes.push("ia".into());
        let lex = Lexicon::build(&set);
        assert!(lex.suffix_tails.is_none());
        assert!(lex.clinical_ending("anemia") && lex.clinical_ending("metoprolol"));
        assert!(!lex.clinical_ending("marisol"));
    }

    /// Does a span of `label` in `out` cover byte `at`?
    fn covers(out: &[Span], at: usize, label: Label) -> bool {
        out.iter()
            .any(|sp| sp.label == label && sp.start <= at && at < sp.end)
    }

    /// Does a span of `label` cover the first letter of `word` (any ASCII case) in `text`?
    fn labelled_at(lex: &Lexicon, text: &str, word: &str, label: Label) -> bool {
        let mut out = Vec::new();
        lex.detect(text, &mut LexScratch::default(), &mut out);
        let at = text
            .to_ascii_lowercase()
            .find(word)
            .unwrap_or_else(|| panic!("{word} not in {text}"));
        covers(&out, at, label)
    }

    /// `word` is a name in each text of `named` and in none of `not_named`.
    fn assert_named(lex: &Lexicon, word: &str, named: &[&str], not_named: &[&str]) {
        for text in named {
            assert!(labelled_at(lex, text, word, Label::Name), "{text}");
        }
        for text in not_named {
            assert!(!labelled_at(lex, text, word, Label::Name), "{text}");
        }
    }

    /// `mark_names` skips a lower-case word that is also a surname but no given name
    /// ("card") unless one of the two rules that take it could: those texts still name it,
    /// as does a word after a title, a deployment's strong title included; the same word
    /// elsewhere stays a word.
    #[test]
    fn lower_case_surnames_that_are_words_skipped_only_where_no_rule_takes_them() {
        let mut set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        set.cues.strong_titles.push("pastor".into());
        let lex = Lexicon::build(&set);
        let f = lex.lookup("card");
        assert_eq!(f & (WORD | FIRST | LAST | NEVER), WORD | LAST, "{f:b}");
        assert_named(
            &lex,
            "card",
            &[
                "seen by j. card rn today",
                "what is your last name? card",
                "what is your last name? User: card",
                "pt seen by dr card today",
                "pt seen by pastor card today",
            ],
            &[
                "bring your card and a list",
                "seen by j. doe with card rn",
                "seen by a card rn",
            ],
        );
    }

    /// `mark_names` skips a capitalised word or one in capitals in no name list and no cue
    /// ("Lantern") unless a rule could take it: after a question for a name, a title, a
    /// relation word, a greeting or a cue phrase it is still a name; elsewhere a word.
    #[test]
    fn capitalised_words_skipped_only_where_no_rule_takes_them() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let lex = Lexicon::build(&set);
        let f = lex.lookup("lantern");
        let cue = FIRST | LAST | NEVER | TITLE | RELATION | STATE | GREETING | PHRASE_END;
        assert_eq!(f & (WORD | cue), WORD, "{f:b}");
        assert_named(
            &lex,
            "lantern",
            &[
                "What is your last name? Lantern",
                "Seen today by Dr. Lantern at noon.",
                "The patient and her husband Lantern arrived.",
                "Hello Lantern, your order is ready.",
                "Please speak with Lantern about it.",
                "Seen today by Dr. LANTERN at noon.",
            ],
            &[
                "The Lantern is lit. Bring the Lantern inside.",
                "Ask about the LANTERN at the desk.",
            ],
        );
    }

    /// `mark_places` skips an English word that opens no place where it stands and is no
    /// place, facility, street or particle word, but not "saint" or "st", whose own rule
    /// takes the word after them.
    #[test]
    fn saint_is_not_skipped_with_the_plain_words() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let lex = Lexicon::build(&set);
        let f = lex.lookup("saint");
        assert_eq!(
            f & (WORD | PLACE | FACILITY | SUFFIX | PARTICLE),
            WORD,
            "{f:b}"
        );
        let text = "she moved to saint-maria last year";
        assert!(labelled_at(&lex, text, "maria", Label::Address), "{text}");
    }

    /// The numbers inside what a pattern found are no tokens when the redacted text holds a
    /// tag there (a phone number with its punctuation, an email), and stay tokens where they
    /// may be a house number (a year, a phone number of digits and spaces alone): there they
    /// still open the address after them. Such a match is passed over at once, but not a
    /// word that runs on past its end, nor a line break inside it.
    #[test]
    fn numbers_inside_a_match_stay_only_where_they_may_open_an_address() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let lex = Lexicon::build(&set);
        // the tokens of `text` (numbers with `#`) and its lines when a pattern found `found`
        let tokens = |text: &str, found: &str, label: Label| {
            let start = text.find(found).unwrap_or_else(|| panic!("{found}"));
            let mut out = vec![Span {
                start,
                end: start + found.len(),
                label,
                origin: SpanOrigin::Pattern(0),
            }];
            let mut s = LexScratch::default();
            lex.detect(text, &mut s, &mut out);
            let words: Vec<String> = s
                .tokens
                .iter()
                .map(|t| {
                    format!(
                        "{}{}",
                        if t.numeric { "#" } else { "" },
                        &text[t.start..t.end]
                    )
                })
                .collect();
            (words.join(" "), s.lines.len(), out)
        };
        let call = "call (202) 555-0147 or 555-0199 at 9";
        // (text, what the pattern found, its label, the tokens left)
        for (text, found, label, left) in [
            (
                call,
                "(202) 555-0147",
                Label::Phone,
                "call or #555 #0199 at #9",
            ),
            (
                call,
                "555-0199",
                Label::Email,
                "call #202 #555 #0147 or at #9",
            ),
            (
                call,
                "555-0199",
                Label::Date,
                "call #202 #555 #0147 or #555 #0199 at #9",
            ),
            ("seen on 3/14 at 9", "3/14", Label::Date, "seen on at #9"),
            (
                "seen 2026-05-04 at 9",
                "2026-05-04",
                Label::Date,
                "seen at #9",
            ),
            (
                "seen May 3, 2020 at 9",
                "May 3, 2020",
                Label::Date,
                "seen #3 #2020 at #9",
            ),
            ("seen 2060 at 9", "2060", Label::Date, "seen #2060 at #9"),
            ("call 555-0147x now", "555-0147", Label::Phone, "call now"),
        ] {
            assert_eq!(
                tokens(text, found, label).0,
                left,
                "{label:?} {found:?} in {text:?}"
            );
        }
        let lines = tokens("call 555-\n0147 now", "555-\n0147", Label::Phone);
        assert_eq!((lines.0.as_str(), lines.1), ("call now", 2));
        let text = "the office is at 48213 7710 Velkaro St, open late";
        let (kept, _, out) = tokens(text, "48213 7710", Label::Phone);
        assert!(kept.ends_with("at #48213 #7710"), "{kept}");
        let street = text.find("Velkaro").unwrap_or_else(|| panic!("{text}"));
        assert!(covers(&out, street, Label::Address), "{out:?}");
    }

    /// A text the lexicon cannot index is one span, not a slice of one.
    #[test]
    fn texts_beyond_the_limit_are_covered_whole() {
        let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let lex = Lexicon::build(&set);
        let mut out = Vec::new();
        let text = "Marisol ".repeat(MAX_TEXT / 8 + 1);
        lex.detect(&text, &mut LexScratch::default(), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].start, out[0].end, out[0].label),
            (0, text.len(), Label::OtherId)
        );
    }
}
