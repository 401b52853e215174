//! Tokens: the tokenizer's pass over a text, the words it finds and the shape and case of
//! each, and the lines they make up.

use super::build::{word_pair_hash, Lexicon};
use super::flags::{
    ADDRESS_CUE, COMMON, FIRST, FOREIGN, GREETING, LAST, NAME_PARTICLE, NEVER, PARTICLE,
    PHRASE_END, PLACE, PLACE_PREFIX, RELATION, STATE, TITLE, WORD,
};
use super::scratch::{is_strong_name, raise_ends, LexScratch};
use crate::redact::label::Label;
use crate::redact::span::unspaced_script;
use crate::redact::transform::{is_token_body, TOKEN_CHARS};
use crate::redact::wordmap::{bytes_in_range, key_prefix, load_le, put_key_byte, HIGH};

/// How capitalisation can be read on a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineCase {
    /// Ordinary mixed case: capitals carry information.
    Mixed,
    /// ALL CAPS or all lower case: they do not.
    Flat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Lower,
    Capitalized,
    Upper,
    Other,
}

/// One word or number token.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Range in the scratch lower-case buffer (possessive `'s` stripped): an ASCII word's
    /// own range, since the buffer starts with the whole text lower-cased.
    pub(super) lstart: u32,
    pub(super) lend: u32,
    pub(super) alpha: bool,
    pub(super) numeric: bool,
    /// Only ASCII bytes.
    pub(super) ascii: bool,
    pub(super) shape: Shape,
    pub(super) flags: u32,
    pub(super) case: LineCase,
    pub(super) sentence_start: bool,
    /// Only whitespace (no line break), a hyphen or an initial's period separates it from the
    /// previous token.
    pub(super) joined_prev: bool,
    /// A tag (or a pattern match, a tag-to-be) comes between it and the previous token: no
    /// cue before the tag reaches it (`"Dad [EMAIL] Xy"` is not `"Dad Xy"`).
    pub(super) after_tag: bool,
    /// It may hold an apostrophe (' or ’; a non-ASCII word: a byte 0xE2, which ’ starts
    /// with).
    pub(super) apostrophe: bool,
    /// Letters outside ASCII of the script or language its line is written in (a Cyrillic
    /// word on a line in Russian, a word with diacritics on a line in Vietnamese): no sign
    /// of a name from another language, which such letters are in an English text
    /// ("Dvořáková"). See [`Lexicon::mark_native_lines`].
    pub(super) native: bool,
    pub(super) label: Option<Label>,
}

/// The longest text the lexicon reads (1 GiB): its lower-case buffer (the text, then the
/// lower-case forms of its non-ASCII words, at most 1.5 times their length) must stay within
/// the 32-bit offsets of [`Token`].
pub const MAX_TEXT: usize = 1 << 30;

impl Token {
    /// Letters outside ASCII that are not of its line's own script ([`Token::native`]): the
    /// sign of a name from another language ("Dvořáková" in an English note).
    #[inline]
    pub(super) fn foreign(&self) -> bool {
        !self.ascii && !self.native
    }

    /// Does the word end in a possessive "'s" or "’s" ("Maria's")? (The apostrophe bit first:
    /// most words hold none.)
    #[inline]
    pub(super) fn ends_in_possessive(&self, text: &str) -> bool {
        self.apostrophe
            && crate::redact::span::possessive_len(&text.as_bytes()[self.start..self.end]) > 0
    }

    /// The word's range in the scratch lower-case buffer.
    #[inline]
    pub(super) fn lrange(&self) -> std::ops::Range<usize> {
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
pub(super) const ALNUM: u8 = ALPHA | DIGIT;
const UPPER: u8 = 4;
/// An ASCII byte that separates words on a line: no letter or digit, no line break.
const PLAIN_SEP: u8 = 8;

/// Letter/digit/upper-case class of each ASCII byte, or [`PLAIN_SEP`] (0 for the bytes of
/// other chars).
pub(super) static ASCII_CLASS: [u8; 256] = {
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
/// lower-cased and packed as [`WordMap`](crate::redact::wordmap::WordMap) keys are. A word
/// the eight-byte scan leaves (one with letters outside ASCII, an apostrophe, or more than 16
/// bytes) gets its end and bits from [`AsciiWord::slow`] and no key, so that the tokenizer's
/// loop reads every word alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct AsciiWord {
    pub(super) end: usize,
    /// What it holds, as `AW_*` bits: a letter, a lower-case letter, an upper-case letter,
    /// an upper-case first letter (what its shape needs), a digit, an apostrophe ("O'Brien",
    /// "Mary's"; only then can it end in a possessive). One byte instead of six flags: the
    /// tokenizer's loop keeps it in one register.
    bits: u8,
    pub(super) key: [u64; 2],
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
    /// back cost 2–3% of `detect`'s instructions (benches/LOG.md, session 15); and
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
    pub(super) fn scan(bytes: &[u8], start: usize) -> Option<AsciiWord> {
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
    pub(super) fn scan_bytes(bytes: &[u8], start: usize) -> Option<AsciiWord> {
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
    pub(super) fn shape(&self) -> Shape {
        AW_SHAPES[usize::from(self.bits & 15)]
    }

    fn letters(&self) -> bool {
        self.bits & AW_LETTERS != 0
    }

    fn digits(&self) -> bool {
        self.bits & AW_DIGITS != 0
    }

    pub(super) fn apostrophe(&self) -> bool {
        self.bits & AW_APOSTROPHE != 0
    }

    /// The packed key of the word's first `n` bytes (`n` ≤ 16).
    pub(super) fn key_of(&self, n: usize) -> [u64; 2] {
        key_prefix(self.key, n)
    }
}

impl Lexicon {
    pub(super) fn tokenize(&self, text: &str, s: &mut LexScratch) {
        s.tokens.clear();
        s.numerics.clear();
        s.own_output.clear();
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
            let mut aw = if b < 0x80 {
                AsciiWord::scan_or(bytes, start, || keyless(AsciiWord::slow(text, start)))
            } else {
                keyless(AsciiWord::by_chars(text, start))
            };
            // a match that starts inside a word of a script without spaces ends the word
            // there ("卡号" of "卡号김민수님"), as its tag will
            if next_match > start
                && next_match < aw.end
                && aw.bits & AW_ASCII == 0
                && cjk_edge(text, next_match)
            {
                aw = keyless(AsciiWord::by_chars(&text[..next_match], start));
            }
            let (end, has_alpha, has_digit) = (aw.end, aw.letters(), aw.digits());
            i = end;
            let wb = &bytes[start..end];
            // our own output ([NAME], NAME-ABCDEFGH2345, [AGE_OVER_89]) is not text: skip it
            // (labels are ASCII capitals: only such a word is looked at)
            if aw.bits & (AW_SCANNED | AW_FIRST_UPPER | AW_LOWER) == AW_SCANNED | AW_FIRST_UPPER {
                if let Some((label_end, after_bracket)) = own_output_at(text, start, end) {
                    let tag_start = start - usize::from(after_bracket);
                    s.own_output
                        .push((tag_start, label_end + usize::from(after_bracket)));
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
                // a word of a script without spaces runs on past the match, which ends inside
                // it ("王" of "王先生", "3월 14일" of "14일Zürich"): its rest is read as a word
                // of its own, after the tag, as the redacted text ("[NAME]先生") will read;
                // so is a word's rest outside ASCII after our own output that ends at an ASCII
                // word boundary inside it ("Àb" of "PHONE-ABCDEFGH2345Àb": the next reading
                // finds the token as such, and the word after it; a span of ours widens over
                // such a rest instead, "555-0147é", and the tag takes it)
                if end > reach && i == end && rest_is_a_word(text, &s.opaque, reach) {
                    i = reach;
                    last_end = reach;
                    barrier = reach;
                    continue;
                }
                last_end = i;
                // (a sentence's final period will stand outside the tag: "[ADDRESS].")
                let mut tag_end = reach.max(end);
                if crate::redact::span::ends_in_sentence_period(bytes, start, tag_end) {
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
            if aw.apostrophe() && crate::redact::span::possessive_len(wb) > 0 {
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
            s.strong_names += u32::from(is_strong_name(flags));
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
                native: false,
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
        // (the lower-case forms of words outside ASCII follow the text's: a flag set in the
        // loop above cost 1.2% of `detect`'s instructions on the SMS, a register less; and a
        // word only another language has, "tiene", "nieto", sets `FOREIGN`)
        if s.lower.len() > text.len() || s.flags_any & FOREIGN != 0 {
            self.mark_native_lines(text, s);
        }
    }

    /// On a line written in a cased script other than Latin (three words in Cyrillic,
    /// Greek or Armenian at least, more than its words in ASCII), its words in that script
    /// are `native`: there a capital opening a sentence, or a word in no list beside a name,
    /// says no more than it does in an English line ("Напоминаем о приёме" had been a name,
    /// as "Dvořáková" opening a sentence of an English text is one). A Russian name on an
    /// English line keeps the reading of a foreign name. The same holds on a line in
    /// Vietnamese (two words at least with letters only Vietnamese writes, more words
    /// outside ASCII than in it), whose words outside ASCII are `native`; there, besides,
    /// capitals tell names from syllables that fold to names of the lists (see below). And
    /// on a line in Spanish or another language of `foreign_words` and
    /// `foreign_line_words`, capitals tell names from its words (see below).
    #[cold]
    #[inline(never)]
    fn mark_native_lines(&self, text: &str, s: &mut LexScratch) {
        for l in 0..s.lines.len() {
            let range = s.line_tokens(l);
            let toks = &s.tokens[range.clone()];
            let language = self.line_language(text, toks, &s.lower, |_| true);
            if language == LineLanguage::NonLatin {
                for t in &mut s.tokens[range] {
                    t.native = cased_non_latin(text, t);
                }
            } else if language == LineLanguage::Vietnamese {
                // Vietnamese writes its names with capitals, and its syllables, folded, are
                // surnames and given names of the lists ("sẵn sàng", "cháu", "sau"): where
                // the writer uses capitals, a word in lower case that no cue list knows (a
                // title, a relation) is no name. Read on the line's text, names included:
                // a second reading without the names found finds the rest of the line in
                // lower case.
                let capitals = line_has_capitals(text, toks);
                // (a word of two syllables in lower case, "bảo hiểm", "bình thường", is a
                // word: its syllables, alone, are names of the lists)
                for k in range.start + 1..range.end {
                    let (a, b) = (&s.tokens[k - 1], &s.tokens[k]);
                    if a.shape == Shape::Lower
                        && b.shape == Shape::Lower
                        && b.joined_prev
                        && &text[a.end..b.start] == " "
                        && self
                            .compound_words
                            .contains(&word_pair_hash(&s.lower[a.lrange()], &s.lower[b.lrange()]))
                    {
                        for j in k - 1..=k {
                            s.forget_strong_name(s.tokens[j].flags);
                            let t = &mut s.tokens[j];
                            t.flags = (t.flags & !(FIRST | LAST | TITLE)) | WORD | NEVER;
                        }
                    }
                }
                if !capitals {
                    self.cue_only_names(text, s, range.clone());
                }
                for t in &mut s.tokens[range] {
                    t.native = t.alpha && !t.ascii;
                    // and a name of the lists capitalised inside a sentence is the name,
                    // not the English word ("anh Long", "em An đây", "tôi là Mai Võ")
                    if t.shape == Shape::Capitalized
                        && !t.sentence_start
                        && t.flags & (FIRST | LAST) != 0
                    {
                        t.flags &= !(WORD | NEVER);
                    }
                    if t.shape != Shape::Lower {
                        continue;
                    }
                    // ("anh Long": a title in lower case only, "Lan Anh" is a name)
                    if self.vietnamese_lower_title(&s.lower, t) {
                        t.flags |= TITLE;
                    } else if capitals && plain_lower(t) {
                        t.flags |= NEVER;
                    }
                }
            } else if language == LineLanguage::Foreign {
                // A line in another language written in Latin letters, Spanish most often
                // ("Mi papá Carlos se siente mejor"): its words that are names of the lists
                // are its own nouns and pronouns ("nieto", "silla", "se"). A word of the
                // language (`FOREIGN`) in lower case is no name there ("Hola, su nieto
                // Juan", "una silla de ruedas"), nor one opening a sentence, its capital
                // the sentence's ("Hablé con la mamá de Sofía"), unless a common name of
                // the lists ("Domingo llamó"), nor a pronoun in any case ("Ella tiene
                // cita"). Where the writer capitalises inside a sentence, names too, no
                // word in lower case that no cue list knows is a name either ("primo" of
                // "mi primo Andrés"); capitals at sentence starts alone say nothing of
                // names, as keyboards put them there ("Soy rosa mendoza y mi teléfono…").
                // (a word after a title is left to the name rules: "chào chú mai")
                let names_capitalised = capital_inside_sentence(text, toks, &s.covered);
                for k in range {
                    let after_title =
                        k > 0 && s.tokens[k].joined_prev && s.tokens[k - 1].flags & TITLE != 0;
                    // (or before what an earlier round found, or our own tag: "ni Lola
                    // [NAME]")
                    let before_name = {
                        let end = s.tokens[k].end;
                        let at =
                            end + text[end..].len() - text[end..].trim_start_matches(' ').len();
                        at > end
                            && (s.tokens.get(k + 1).is_some_and(|x| {
                                x.start == at && x.alpha && x.shape == Shape::Capitalized
                            }) || s.covered.iter().any(|c| c.0 == at)
                                || s.own_output.iter().any(|o| o.0 == at))
                    };
                    // (nor a word after a hyphen and a capitalised word, the second part of
                    // a name: "Jean-baptiste"; "pronto-socorro" is a word)
                    let hyphened = k > 0
                        && s.tokens[k - 1].shape == Shape::Capitalized
                        && text[s.tokens[k - 1].end..s.tokens[k].start] == *"-";
                    let t = &mut s.tokens[k];
                    if after_title || hyphened {
                        continue;
                    }
                    // ("Tito Juan", "Kuya Mark": a kin word before a name is its title, in
                    // any case; alone, "si Lola", it may be the name)
                    if before_name && self.foreign_titles.contains(&s.lower[t.lrange()]) {
                        t.flags |= TITLE;
                    // ("su nieto Breezy": a relation word, in lower case only)
                    } else if t.shape == Shape::Lower
                        && self.lower_case_relations.contains(&s.lower[t.lrange()])
                    {
                        t.flags |= RELATION;
                    } else if t.alpha
                        && plain_lower(t)
                        && (t.shape == Shape::Lower
                            && (names_capitalised || t.flags & FOREIGN != 0)
                            || self.foreign_pronouns.contains(&s.lower[t.lrange()])
                            || t.shape == Shape::Capitalized
                                && t.sentence_start
                                && t.flags & (FOREIGN | COMMON) == FOREIGN)
                    {
                        t.flags |= NEVER;
                    }
                }
            }
        }
    }

    /// A title only in lower case on a line in Vietnamese (`lower_case_titles`: "anh
    /// Trung"), or typed without diacritics (`vietnamese_ascii_titles`: "chi lan").
    fn vietnamese_lower_title(&self, lower: &str, t: &Token) -> bool {
        let lw = &lower[t.lrange()];
        t.shape == Shape::Lower
            && (self.lower_case_titles.contains(lw) || self.vietnamese_ascii_titles.contains(lw))
    }

    /// On a line in Vietnamese written all in lower case, where no capital tells a name
    /// from a syllable that folds to one of the lists ("đúng" → Dung, "chứng" → Chung, "hai",
    /// "cho"), a name is read only where something names a person: right after a title
    /// ("chị lan", "bác sĩ minh", "em vy"), a greeting ("chào lan") or a name intro ("tôi là
    /// đạt", "tên là bảo"), after a colon, or before the call "ơi" ("lan ơi"), but not
    /// before a person ("anh cho em hỏi": the verb between two); and up to two syllables
    /// after such a one ("chị thu hà", "tên là nguyễn văn hùng"); each a syllable of the
    /// name lists ("anh ghé" is "you drop by"). Any other word in lower case that no cue
    /// list knows is no name there. (Cold: only lines in Vietnamese.)
    #[cold]
    #[inline(never)]
    fn cue_only_names(&self, text: &str, s: &mut LexScratch, range: std::ops::Range<usize>) {
        // (how many more syllables may continue a name cued before)
        let mut chain = 0u8;
        for k in range.clone() {
            let t = s.tokens[k];
            let candidate = t.shape == Shape::Lower && plain_lower(&t);
            // (a syllable of the name lists: after "anh", "em", a verb is as likely, "anh
            // ghé", "em đến")
            // (not a Vietnamese word typed without diacritics: "em bi ngua", "anh gui")
            let listed = t.flags & (FIRST | LAST) != 0
                && !(t.ascii && self.vietnamese_ascii_words.contains(&s.lower[t.lrange()]));
            let prev_cue = k > range.start && t.joined_prev && {
                let p = &s.tokens[k - 1];
                p.flags & (TITLE | GREETING) != 0 || self.vietnamese_lower_title(&s.lower, p)
            };
            let after_colon = k > range.start && text[s.tokens[k - 1].end..t.start].contains(':');
            let before_call = s.tokens.get(k + 1).is_some_and(|x| {
                x.joined_prev
                    && x.start == t.end + 1
                    && (Self::lw_is(s, x, "ơi") || Self::lw_is(s, x, "oi"))
            });
            // (not a verb between two people: "anh cho em hỏi", "em cho bé uống")
            let before_person = s.tokens.get(k + 1).is_some_and(|x| {
                x.joined_prev
                    && x.shape == Shape::Lower
                    && (x.flags & TITLE != 0
                        || self.lower_case_titles.contains(&s.lower[x.lrange()])
                        || Self::lw_is(s, x, "tôi")
                        || Self::lw_is(s, x, "toi"))
            });
            let may_name = candidate && listed && !before_person;
            let cued = may_name
                && (prev_cue || after_colon || before_call || self.intro_before(s, text, k));
            let continued = may_name && chain > 0 && t.joined_prev && t.flags & WORD == 0;
            // (an English word that is a Vietnamese name, "chị an ơi", "tôi là my", is the
            // name where something names a person)
            if cued {
                s.tokens[k].flags &= !NEVER;
            }
            if candidate && !cued && !continued {
                s.forget_strong_name(t.flags);
                s.tokens[k].flags |= NEVER;
            }
            chain = if cued && t.flags & WORD == 0 {
                2
            } else if continued {
                chain - 1
            } else {
                0
            };
        }
    }

    /// The language the line of `toks` is read in, counting only the tokens `keep` takes
    /// (all of them, or those the redacted text will still have: see
    /// [`Lexicon::language_changes`]).
    /// - `NonLatin`: three words at least in Greek, Cyrillic or Armenian letters, more than
    ///   its words in ASCII;
    /// - `Vietnamese`: two words at least with letters only Vietnamese writes (ơ ư đ ă ĩ ũ
    ///   and the tone marks on vowels of U+1EA0–U+1EF9, "ạ", "ế", "ờ"), or one in lower
    ///   case and two words of `foreign_words` with other letters outside ASCII ("chào",
    ///   "nhé"); as many words outside ASCII as in it at least;
    /// - `Foreign`: two words at least that only another language has (`FOREIGN`), more
    ///   than its English words (not counted as English: the particles, "la", "de", the
    ///   words of two letters, "me", "no", and the words of `foreign_words` that English has
    ///   too, "mas", "sin", which both languages have).
    pub(super) fn line_language(
        &self,
        text: &str,
        toks: &[Token],
        lower: &str,
        keep: impl Fn(&Token) -> bool,
    ) -> LineLanguage {
        let count = |f: &dyn Fn(&Token) -> bool| toks.iter().filter(|t| keep(t) && f(t)).count();
        let native = count(&|t| cased_non_latin(text, t));
        let ascii = count(&|t| t.alpha && t.ascii && t.end - t.start > 1);
        if native >= 3 && native > ascii {
            return LineLanguage::NonLatin;
        }
        // (or one such word in lower case, and two words of another language with letters
        // outside ASCII, "chào", "nhé", which a line in Vietnamese keeps once its names are
        // tags: "chào [NAME], anh ghé lấy toa nhé")
        // (typed without diacritics: two words of `vietnamese_ascii_words` at least, a
        // quarter of its words; they are `FOREIGN`, which an English line has none of)
        let typed_plain = || {
            let plain = count(&|t| {
                t.ascii
                    && t.flags & FOREIGN != 0
                    && self.vietnamese_ascii_words.contains(&lower[t.lrange()])
            });
            plain >= 2 && plain * 4 >= count(&|t| t.alpha)
        };
        let viet = count(&|t| vietnamese(text, t));
        if (viet >= 2
            || viet == 1
                && count(&|t| vietnamese(text, t) && t.shape == Shape::Lower) == 1
                && count(&|t| !t.ascii && t.flags & FOREIGN != 0 && !vietnamese(text, t)) >= 2)
            && count(&|t| t.alpha && !t.ascii) >= ascii
            || typed_plain()
        {
            return LineLanguage::Vietnamese;
        }
        let foreign = count(&|t| t.flags & FOREIGN != 0);
        let english = count(&|t| {
            t.alpha
                && t.end - t.start > 2
                && t.flags & (WORD | FOREIGN | NAME_PARTICLE | PARTICLE) == WORD
                && !self.shared_foreign_words.contains(&lower[t.lrange()])
        });
        if foreign >= 2 && foreign > english {
            LineLanguage::Foreign
        } else {
            LineLanguage::English
        }
    }

    /// Would a line be read in another language once the tokens `gone` picks are tags: the
    /// words found (the rounds of [`Lexicon::detect`]), or those an address block grew over
    /// too (the matcher, after it)? As the line's case is asked (`case_changes_under`):
    /// then the text is read again with them as tags-to-be, so that redacted text reads
    /// the same ("é Springfield, IL 123 Main St Apt 4 Springfield, IL sons velkaro", whose
    /// address took in a French word, "il"), or, in another language, read as capitalising
    /// inside its sentences or not. Asked only of a text `mark_native_lines` reads.
    pub(super) fn language_changes(
        &self,
        text: &str,
        s: &LexScratch,
        gone: impl Fn(&Token) -> bool,
    ) -> bool {
        (s.lower.len() > text.len() || s.flags_any & FOREIGN != 0)
            && (0..s.lines.len()).any(|l| {
                let toks = &s.tokens[s.line_tokens(l)];
                if !toks.iter().any(&gone) {
                    return false;
                }
                let language = self.line_language(text, toks, &s.lower, |_| true);
                if language != self.line_language(text, toks, &s.lower, |t| !gone(t)) {
                    return true;
                }
                // (and on a line in another language, whether its writer capitalises inside
                // sentences, which the words gone may have shown: "é – Zürich 8001 St")
                language == LineLanguage::Foreign && capitals_change(text, s, toks, &gone)
            })
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
}

/// The language a line is read in (see [`Lexicon::line_language`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineLanguage {
    English,
    /// Greek, Cyrillic or Armenian letters.
    NonLatin,
    Vietnamese,
    /// Another language of `foreign_words` and `foreign_line_words`.
    Foreign,
}

/// A word in a cased script other than Latin: Greek, Cyrillic, Armenian.
fn cased_non_latin(text: &str, t: &Token) -> bool {
    t.alpha
        && !t.ascii
        && text[t.start..t.end]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}' | '\u{0531}'..='\u{058F}'))
}

/// A word with letters only Vietnamese writes.
fn vietnamese(text: &str, t: &Token) -> bool {
    t.alpha
        && !t.ascii
        && text[t.start..t.end]
            .chars()
            .any(|c| ('\u{1EA0}'..='\u{1EF9}').contains(&c) || "ơƠưƯđĐăĂĩĨũŨ".contains(c))
}

/// The text of the line that `toks` (at least one) are on, names and tags included.
fn line_text<'t>(text: &'t str, toks: &[Token]) -> &'t str {
    let last = toks[toks.len() - 1].end;
    let to = text[last..].find('\n').map_or(text.len(), |i| last + i);
    &text[line_start(text, toks[0].start)..to]
}

/// Whether the text of the line that `toks` (at least one) are on has a capital, names
/// included: a second reading, without the names found, finds the rest of the line in lower
/// case.
fn line_has_capitals(text: &str, toks: &[Token]) -> bool {
    line_text(text, toks).chars().any(char::is_uppercase)
}

/// Whether the line that `toks` (at least one) are on has a capital inside a sentence:
/// after a word or a comma, not opening the text or following a sentence's end. Read on
/// the line's text, where our own tags count as capitals (`[NAME]`), and each of `tags`
/// (sorted ranges, each end the furthest so far, as `covered`'s: what the patterns found,
/// which will be a tag) is read as its tag, a capital where its words hold one: redacted
/// text finds no name the text did not ("é – Zürich 8001 St" holds no capital inside a
/// sentence once the address is a tag).
fn capital_inside_sentence(text: &str, toks: &[Token], tags: &[(usize, usize, usize)]) -> bool {
    let line = line_text(text, toks);
    let base = line.as_ptr() as usize - text.as_ptr() as usize;
    let mut before = None;
    let mut prev_blank = true;
    let (mut k, mut skip_to) = (tags.partition_point(|t| t.1 <= base), 0);
    for (i, c) in line.char_indices() {
        let at = base + i;
        if at < skip_to {
            continue;
        }
        while k < tags.len() && tags[k].1 <= at {
            k += 1;
        }
        let tag = k < tags.len() && tags[k].0 <= at;
        // (a tag-to-be counts where its words held a capital: one of a date or a number, read
        // as no capital here, may count in the redacted text, where it can only take names
        // away)
        let opens = tag && text[at..tags[k].1].chars().any(char::is_uppercase)
            || !tag && c.is_uppercase()
            || (c == '[' && line[i + 1..].starts_with(|d: char| d.is_ascii_uppercase()));
        if opens
            && prev_blank
            && before.is_some_and(|b: char| b.is_alphanumeric() || matches!(b, ',' | ';'))
        {
            return true;
        }
        if tag {
            // (past the tag-to-be, which ends in its bracket)
            skip_to = tags[k].1;
            prev_blank = false;
            before = Some(']');
            continue;
        }
        prev_blank = c.is_whitespace();
        if !prev_blank {
            before = Some(c);
        }
    }
    false
}

/// Would the line of `toks` read differently as capitalising inside its sentences once the
/// tokens `gone` picks are tags ([`capital_inside_sentence`])? (Out of line: asked only of
/// lines in another language.)
#[cold]
#[inline(never)]
fn capitals_change(
    text: &str,
    s: &LexScratch,
    toks: &[Token],
    gone: &dyn Fn(&Token) -> bool,
) -> bool {
    let mut tags = s.covered.clone();
    tags.extend(
        toks.iter()
            .filter(|t| gone(t))
            .map(|t| (t.start, t.end, t.end)),
    );
    tags.sort_unstable();
    raise_ends(&mut tags);
    capital_inside_sentence(text, toks, &s.covered) != capital_inside_sentence(text, toks, &tags)
}

/// A word that no cue list knows (no title, relation, particle …): the lists of words, names
/// and places at most.
fn plain_lower(t: &Token) -> bool {
    t.flags
        & !(WORD
            | FIRST
            | LAST
            | COMMON
            | PLACE
            | PLACE_PREFIX
            | STATE
            | NEVER
            | FOREIGN
            | PHRASE_END)
        == 0
}

/// The word at `start` read char by char (one the ASCII scan does not read whole): where it
/// ends, and whether it has letters and digits. Apostrophes between letters stay inside
/// ("O'Brien", "Mary’s"). Out of the tokenizer's loop, which it would crowd.
#[cold]
#[inline(never)]
fn word_by_chars(text: &str, start: usize) -> (usize, bool, bool) {
    let bytes = text.as_bytes();
    let (mut end, mut has_alpha, mut has_digit) = (start, false, false);
    // (a run of a script without spaces is a word apart from letters and digits of other
    // scripts glued to it: "ORSKAVIK卡号" is "ORSKAVIK" and "卡号", as a tag between them
    // would leave them; see `unspaced_script`)
    let mut unspaced = None;
    while end < bytes.len() {
        let d = bytes[end];
        let (alpha, digit, dlen, apostrophe, cjk) = if d < 0x80 {
            let cls = ASCII_CLASS[usize::from(d)];
            (cls & ALPHA != 0, cls & DIGIT != 0, 1, d == b'\'', false)
        } else {
            let (c, n) = char_at(text, end);
            (
                c.is_alphabetic(),
                c.is_numeric(),
                n,
                c == '\u{2019}',
                unspaced_script(c),
            )
        };
        if (alpha || digit) && *unspaced.get_or_insert(cjk) != cjk {
            break;
        }
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
    // an HMAC token's body is ours too, and no word: "NAME-ABCDEFGHJKLM 12" had read
    // "ABCDEFGHJKLM 12" as a ward and its number (and a label before a hyphen is ours only
    // with a token's body after it: "PHONE-ABCDEFGH2345Dr" is a word, as "PHONE" of the
    // redacted "PHONE[ADDRESS]" will be)
    let body = label_end + 1;
    let token = after == Some(b'-')
        && bytes
            .get(body..body + TOKEN_CHARS)
            .is_some_and(is_token_body)
        && bytes
            .get(body + TOKEN_CHARS)
            .is_none_or(|c| !c.is_ascii_alphanumeric());
    if !((before == Some(b'[') && after == Some(b']') || token)
        && text[start..label_end].parse::<Label>().is_ok())
    {
        return None;
    }
    let label_end = if token { body + TOKEN_CHARS } else { label_end };
    Some((label_end, after == Some(b']')))
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
pub(in crate::redact) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Only blanks from the start of the text to `at`: a word there opens the text.
pub(super) fn text_blank_before(text: &str, at: usize) -> bool {
    text.as_bytes()[..at].iter().all(u8::is_ascii_whitespace)
}

/// A word's rest after a match that ends at byte `reach` inside it is read as a word of its
/// own (see the tokenizer): after a char of a script without spaces, or one outside ASCII
/// after our own output (`opaque`).
#[cold]
#[inline(never)]
fn rest_is_a_word(text: &str, opaque: &[(usize, usize)], reach: usize) -> bool {
    !text.as_bytes()[reach].is_ascii() && opaque.iter().any(|o| o.1 == reach)
        || cjk_edge(text, reach)
}

/// A char of a script without spaces (or Hangul) on either side of byte `at`, inside a
/// word ([`unspaced_script`]).
#[cold]
#[inline(never)]
fn cjk_edge(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(unspaced_script)
        || text[at..].chars().next().is_some_and(unspaced_script)
}

/// `at` opens its line: the text's start, or right after a line break.
pub(super) fn opens_line(text: &str, at: usize) -> bool {
    at == 0 || text.as_bytes()[at - 1] == b'\n'
}

/// The word at `at` opens the words after a field's colon on its line: "From: Mercy",
/// "Reminder: Kay," (a letter before the colon; not a time's, "10:30").
pub(super) fn after_field_colon(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    before.len() < at
        && before.ends_with(':')
        && before.as_bytes()[..before.len() - 1]
            .last()
            .is_some_and(u8::is_ascii_alphabetic)
}

/// Only blanks from the start of its line to `at`. (Read back from `at`, to the first char
/// that is no blank: asked of every word, it must not read the whole line each time.)
pub(super) fn line_blank_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .rev()
        .find(|&c| c == '\n' || !c.is_whitespace())
        .is_none_or(|c| c == '\n')
}

/// Only blanks from `at` to the end of its line (read on from `at`, as
/// [`line_blank_before`] reads back).
pub(super) fn line_blank_after(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .find(|&c| c == '\n' || !c.is_whitespace())
        .is_none_or(|c| c == '\n')
}

/// The last byte before `at`, past spaces and tabs, is one of `bytes` (all ASCII).
pub(super) fn after_blanks(text: &str, at: usize, bytes: &[u8]) -> bool {
    let b = &text.as_bytes()[..at];
    b.iter()
        .rposition(|&c| c != b' ' && c != b'\t')
        .is_some_and(|p| bytes.contains(&b[p]))
}

/// The last three bytes of a word as one integer.
pub(super) fn tail3(b: &[u8]) -> u32 {
    let n = b.len();
    u32::from(b[n - 3]) << 16 | u32::from(b[n - 2]) << 8 | u32::from(b[n - 1])
}

/// The word's capitalisation; `ascii` says whether it has only ASCII bytes.
pub(super) fn shape_of(w: &str, ascii: bool) -> Shape {
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

/// The words that judge a line's case (see [`LineCounts::flat`]).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct LineCounts {
    words: u32,
    upper: u32,
    pub(super) lower: u32,
    /// Capitalised words that start a sentence: a writer who capitalises sentence starts
    /// capitalises names too.
    capitalised_starts: u32,
}

impl LineCounts {
    /// Count (`by` = 1) or leave out (`by` = -1) a token; words of one letter do not count.
    pub(super) fn add(&mut self, t: &Token, by: i32) {
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

    /// Is the line in mixed case, with two words in capitals or more? (An ALL CAPS line has
    /// them too, but there capitals say nothing.)
    pub(super) fn mixed_with_capitals(&self) -> bool {
        self.upper >= 2 && !self.flat()
    }

    /// Is the line flat: ALL CAPS, or all lower case?
    pub(super) fn flat(&self) -> bool {
        let (n, upper, lower) = (self.words, self.upper, self.lower);
        n > 0
            && ((n >= 3 && upper * 10 >= n * 7)
                || (n >= 4 && lower == n)
                || (n >= 6 && lower * 10 >= n * 9 && upper == 0 && self.capitalised_starts == 0))
    }
}
