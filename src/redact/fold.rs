//! Characters that hide an identifier from patterns written in ASCII, and how the matcher
//! reads around them. Invisible format characters: a zero-width space in a phone number
//! ("555-\u{200B}0147"), a byte-order mark before a surname, a direction mark around a
//! number, a soft hyphen inside a name, the variation selector and the enclosing keycap
//! that make a digit an emoji ("2️⃣0️⃣2️⃣…"); they do not show as characters of their own,
//! and they come with pasted text and some keyboards. Look-alikes: dashes other than the
//! hyphen-minus between the groups of a number ("202–555–0147", with en dashes; the
//! non-breaking hyphen, the minus sign), the fullwidth forms of ASCII ("２０２-５５５-０１４７")
//! and the digits of other scripts ("٢٠٢-٥٥٥-٠١٤٧", "२०२-५५५-०१४७"), the mathematical
//! alphanumeric symbols ("𝟐𝟎𝟐-𝟓𝟓𝟓-𝟎𝟏𝟒𝟕", "𝐌𝐚𝐫𝐢𝐬𝐨𝐥": styled text, as some keyboards and
//! web tools make it) and the circled digits and letters ("②⓪②-⑤⑤⑤"). One of them was
//! enough to hide a phone number, an SSN or a date from every pattern. The matcher reads a
//! text with the invisible characters left out and the look-alikes as the ASCII they stand
//! for, and maps what it found back onto the text as given: a span then covers the
//! characters inside it, never invisible ones around it.

/// What the matcher reads for the character at `b[i..]`: `None` when it reads it as
/// written, otherwise its byte length and the ASCII byte read for it (none for an invisible
/// one). Invisible: the soft hyphen (U+00AD), the zero-width space, non-joiner and joiner
/// and the direction marks (U+200B–U+200F), the bidirectional embeddings and overrides
/// (U+202A–U+202E), the word joiner and invisible operators (U+2060–U+2064), the
/// bidirectional isolates (U+2066–U+2069), the combining enclosing keycap (U+20E3), the
/// variation selectors (U+FE00–U+FE0F) and the zero-width no-break space or byte-order mark
/// (U+FEFF). A hyphen-minus: the hyphen, the non-breaking hyphen, the figure dash and
/// the en dash (U+2010–U+2013), the minus sign (U+2212) and the small hyphen-minus
/// (U+FE63); not the em dash, which parts words in prose ("Maria—she called"). Its ASCII
/// form: a fullwidth form of ASCII (U+FF01–U+FF5E); a mathematical alphanumeric symbol,
/// a letter or digit in bold, italic, script, double-struck… (U+1D400–U+1D6A3,
/// U+1D7CE–U+1D7FF); a circled letter (U+24B6–U+24E9). Its digit: a decimal digit of the
/// Arabic-Indic (U+0660–U+0669), Eastern Arabic-Indic (U+06F0–U+06F9), Devanagari and
/// the other Indic scripts through Sinhala (U+0966… U+0DEF, ten blocks), Thai, Lao,
/// Tibetan, Myanmar, Khmer and Mongolian scripts; a circled or negative circled digit of
/// one figure (⓪, ①–⑨, ⓿, ❶–❾, ➀–➈, ➊–➒; "⑩" and above are two digits and stay as they
/// are). Not the superscript and subscript digits: a footnote's mark after a word ("Smith¹")
/// would become part of it.
#[inline]
fn fold_at(b: &[u8], i: usize) -> Option<(usize, Option<u8>)> {
    match b[i..] {
        [0xC2, 0xAD, ..] => Some((2, None)),
        [0xE2, 0x80, 0x8B..=0x8F | 0xAA..=0xAE, ..]
        | [0xE2, 0x81, 0xA0..=0xA4 | 0xA6..=0xA9, ..]
        | [0xE2, 0x83, 0xA3, ..]
        | [0xEF, 0xB8, 0x80..=0x8F, ..]
        | [0xEF, 0xBB, 0xBF, ..] => Some((3, None)),
        [0xE2, 0x80, 0x90..=0x93, ..] | [0xE2, 0x88, 0x92, ..] | [0xEF, 0xB9, 0xA3, ..] => {
            Some((3, Some(b'-')))
        }
        // U+FF01–U+FF3F and U+FF40–U+FF5E: '!' + the offset from U+FF01
        [0xEF, 0xBC, c @ 0x81..=0xBF, ..] => Some((3, Some(c - 0x81 + b'!'))),
        [0xEF, 0xBD, c @ 0x80..=0x9E, ..] => Some((3, Some(c - 0x80 + b'`'))),
        [0xD9, c @ 0xA0..=0xA9, ..] => Some((2, Some(c - 0xA0 + b'0'))),
        [0xDB, c @ 0xB0..=0xB9, ..] => Some((2, Some(c - 0xB0 + b'0'))),
        // the Indic scripts' digits, U+0966 (Devanagari) to U+0DE6 (Sinhala) in steps of
        // U+80: the second byte odd, A5 to B7
        [0xE0, m @ 0xA5..=0xB7, c @ 0xA6..=0xAF, ..] if m % 2 == 1 => {
            Some((3, Some(c - 0xA6 + b'0')))
        }
        // Thai U+0E50, Lao U+0ED0, Tibetan U+0F20, Myanmar U+1040, Khmer U+17E0,
        // Mongolian U+1810
        [0xE0, 0xB9 | 0xBB, c @ 0x90..=0x99, ..]
        | [0xE1, 0x81, c @ 0x80..=0x89, ..]
        | [0xE1, 0xA0, c @ 0x90..=0x99, ..] => Some((3, Some((c & 0x0F) + b'0'))),
        [0xE0, 0xBC, c @ 0xA0..=0xA9, ..] | [0xE1, 0x9F, c @ 0xA0..=0xA9, ..] => {
            Some((3, Some(c - 0xA0 + b'0')))
        }
        // ①–⑨ U+2460–U+2468; Ⓐ–Ⓩ U+24B6–U+24CF, ⓐ–ⓩ U+24D0–U+24E9, ⓪ U+24EA, ⓿ U+24FF;
        // ❶–❾ U+2776–U+277E, ➀–➈ U+2780–U+2788, ➊–➒ U+278A–U+2792
        [0xE2, 0x91, c @ 0xA0..=0xA8, ..] => Some((3, Some(c - 0xA0 + b'1'))),
        [0xE2, 0x92, c @ 0xB6..=0xBF, ..] => Some((3, Some(c - 0xB6 + b'A'))),
        [0xE2, 0x93, c @ 0x80..=0x8F, ..] => Some((3, Some(c - 0x80 + b'K'))),
        [0xE2, 0x93, c @ 0x90..=0xA9, ..] => Some((3, Some(c - 0x90 + b'a'))),
        [0xE2, 0x93, 0xAA | 0xBF, ..] => Some((3, Some(b'0'))),
        [0xE2, 0x9D, c @ 0xB6..=0xBE, ..] => Some((3, Some(c - 0xB6 + b'1'))),
        [0xE2, 0x9E, c @ 0x80..=0x88, ..] => Some((3, Some(c - 0x80 + b'1'))),
        [0xE2, 0x9E, c @ 0x8A..=0x92, ..] => Some((3, Some(c - 0x8A + b'1'))),
        [0xF0, 0x9D, hi @ 0x90..=0x9F, lo @ 0x80..=0xBF, ..] => {
            mathematical(u32::from(hi - 0x90) << 6 | u32::from(lo - 0x80)).map(|c| (4, Some(c)))
        }
        _ => None,
    }
}

/// The ASCII letter or digit of the mathematical alphanumeric symbol U+1D400 + `k`: thirteen
/// alphabets of 52 letters (A–Z, a–z) from U+1D400, five sets of ten digits from U+1D7CE;
/// none for the Greek letters between. (The alphabets' few unassigned code points, whose
/// letters stand in the Letterlike Symbols block, would read as the letter of their place.)
fn mathematical(k: u32) -> Option<u8> {
    let ascii = |base: u8, k: u32| base + u8::try_from(k).unwrap_or(0);
    match k {
        0..=675 => Some(match k % 52 {
            upper @ 0..=25 => ascii(b'A', upper),
            lower => ascii(b'a', lower - 26),
        }),
        0x3CE..=0x3FF => Some(ascii(b'0', (k - 0x3CE) % 10)),
        _ => None,
    }
}

/// Where the first character that the matcher reads otherwise ([`fold_at`]) starts in
/// `text`, if it holds one. (A text in ASCII, most texts, is answered by the standard
/// library's word-at-a-time test alone: [`Matcher::detect`](super::matcher::Matcher::detect)
/// asks that first; a first version looked for the lead bytes with `memchr3` in every
/// text, 150 instructions a text of 131 bytes.)
#[inline]
pub(super) fn first(text: &str) -> Option<usize> {
    if text.is_ascii() {
        return None;
    }
    first_outside_ascii(text.as_bytes())
}

/// Where the first character that the matcher reads otherwise starts, in a text outside
/// ASCII, by the lead bytes of what [`fold_at`] folds (a unit test holds the two to each
/// other). Out of line: few texts get here.
#[cold]
#[inline(never)]
pub(super) fn first_outside_ascii(b: &[u8]) -> Option<usize> {
    (0..b.len()).find(|&i| {
        matches!(b[i], 0xC2 | 0xD9 | 0xDB | 0xE0..=0xE2 | 0xEF | 0xF0) && fold_at(b, i).is_some()
    })
}

/// Where each byte the matcher read came from in the text as given: the offset of the
/// byte (or of the character it stands for) and the offset just after it.
#[derive(Debug, Default)]
pub(super) struct Origins {
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Origins {
    /// The range in the original text of `start..end` (`start < end`) in the text read:
    /// from its first byte to just after its last, so that it holds the invisible
    /// characters between them and none around it.
    pub(super) fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.starts[start] as usize, self.ends[end - 1] as usize)
    }

    fn push_copied(&mut self, from: usize, to: usize) {
        self.starts.extend((from..to).map(offset));
        self.ends.extend((from + 1..=to).map(offset));
    }
}

/// `text` as the matcher reads it into `out` (invisible characters left out, look-alikes
/// as their ASCII: see [`fold_at`]), and into `origins` where each byte of `out` came from
/// (`first` is where the first such character starts, as [`first`] gave it).
pub(super) fn fold(text: &str, first: usize, out: &mut String, origins: &mut Origins) {
    out.clear();
    origins.starts.clear();
    origins.ends.clear();
    let b = text.as_bytes();
    let mut copied = 0;
    let mut i = first;
    while i < b.len() {
        let Some((n, ascii)) = fold_at(b, i) else {
            i += 1;
            continue;
        };
        out.push_str(&text[copied..i]);
        origins.push_copied(copied, i);
        if let Some(c) = ascii {
            out.push(char::from(c));
            origins.starts.push(offset(i));
            origins.ends.push(offset(i + n));
        }
        i += n;
        copied = i;
    }
    out.push_str(&text[copied..]);
    origins.push_copied(copied, b.len());
}

/// `text` as the matcher reads it ([`fold`]; borrowed when it reads it as written).
pub(super) fn folded(text: &str) -> std::borrow::Cow<'_, str> {
    match first(text) {
        None => std::borrow::Cow::Borrowed(text),
        Some(at) => {
            let (mut out, mut origins) = (String::new(), Origins::default());
            fold(text, at, &mut out, &mut origins);
            std::borrow::Cow::Owned(out)
        }
    }
}

/// A byte offset as the maps hold it (the matcher folds only texts below 4 GiB: see
/// [`MAX_LEN`]).
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The longest text the matcher folds; a longer one is read as given.
pub(super) const MAX_LEN: usize = u32::MAX as usize;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folded_character_is_found_and_nothing_else() {
        // one character each
        let folded = concat!(
            "\u{AD}\u{200B}\u{200C}\u{200D}\u{200E}\u{200F}\u{202A}\u{202E}\u{2060}\u{2064}",
            "\u{2066}\u{2069}\u{FEFF}\u{2010}\u{2011}\u{2012}\u{2013}\u{2212}\u{FE63}\u{FF01}",
            "\u{FF10}\u{FF3F}\u{FF40}\u{FF5E}\u{660}\u{669}\u{6F0}\u{6F9}\u{20E3}\u{FE00}",
            "\u{FE0F}\u{966}\u{DEF}\u{E50}\u{ED9}\u{F20}\u{1049}\u{17E0}\u{1819}①⑨ⒶⓏⓐⓩ⓪⓿❶❾➀➈➊➒",
            "\u{1D400}\u{1D6A3}\u{1D7CE}\u{1D7FF}",
        );
        for c in folded.chars() {
            let text = format!("ab{c}cd");
            assert_eq!(first(&text), Some(2), "U+{:04X}", c as u32);
        }
        // characters read as written with the same lead bytes: a no-break space, the em
        // dash, quotes, an ellipsis, U+2065 (unassigned), the fullwidth forms beyond ASCII
        // ("｟", "￠"), a replacement character; letters and signs beside the digits of
        // other scripts, superscripts and subscripts, circled numbers of two digits, the
        // mathematical Greek letters, emoji
        let as_written = concat!(
            "\u{A0}©—“…\u{2065}\u{2070}\u{FF5F}\u{FFE0}\u{FFFD}é\u{65F}\u{66A}\u{6EF}\u{6FA}بक",
            "\u{965}\u{970}\u{9E5}\u{A65}ก\u{E5A}ກ\u{F2A}\u{104A}\u{17EA}¹²⁴₀⑩⑳⓫❿➉➓\u{1D6A4}",
            "\u{1D6A8}\u{1D7CB}😀\u{1F600}𝄞",
        );
        for c in as_written.chars() {
            let text = format!("ab{c}cd");
            assert_eq!(first(&text), None, "U+{:04X}", c as u32);
        }
        assert_eq!(first(""), None);
        assert_eq!(first("plain ascii"), None);
    }

    #[test]
    fn fullwidth_forms_read_as_their_ascii() {
        let wide: String = (0xFF01..=0xFF5E).filter_map(char::from_u32).collect();
        let ascii: String = (0x21..=0x7E_u8).map(char::from).collect();
        assert_eq!(folded(&wide), ascii);
        assert_eq!(folded("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹"), "0123456789 0123456789");
    }

    #[test]
    fn digits_of_other_scripts_and_styled_letters_read_as_ascii() {
        let digits =
            |zero: u32| -> String { (zero..zero + 10).filter_map(char::from_u32).collect() };
        let indic = [
            0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
        ];
        for zero in indic
            .into_iter()
            .chain([0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0x1810])
        {
            assert_eq!(folded(&digits(zero)), "0123456789", "U+{zero:04X}");
        }
        // the five sets of mathematical digits: bold, double-struck, sans-serif, its bold,
        // monospace
        for set in 0..5 {
            assert_eq!(
                folded(&digits(0x1D7CE + 10 * set)),
                "0123456789",
                "set {set}"
            );
        }
        let letters: String = ('A'..='Z').chain('a'..='z').collect();
        for alphabet in 0..13 {
            let styled: String = (0..52)
                .filter_map(|k| char::from_u32(0x1D400 + 52 * alphabet + k))
                .collect();
            assert_eq!(folded(&styled), letters, "alphabet {alphabet}");
        }
        assert_eq!(folded("𝐌𝐚𝐫𝐢𝐬𝐨𝐥 𝘏𝘢𝘳𝘨𝘳𝘦𝘢𝘷𝘦𝘴 𝟐𝟎𝟐"), "Marisol Hargreaves 202");
        assert_eq!(folded("⓪①②③④⑤⑥⑦⑧⑨ ⓿❶❾➀➈➊➒"), "0123456789 0191919");
        let circled: String = (0x24B6..=0x24E9).filter_map(char::from_u32).collect();
        assert_eq!(folded(&circled), letters);
        // read as written: a superscript, a two-digit circled number, a Greek bold letter
        assert_eq!(folded("Smith¹ ⑩ \u{1D6A8}"), "Smith¹ ⑩ \u{1D6A8}");
    }

    #[test]
    fn folded_text_maps_back_to_the_original() {
        let text = "\u{FEFF}call 555-\u{200B}0147\u{200E} or ２０２–５５５ Mari\u{AD}sol é\u{200D}";
        let at = first(text).unwrap_or_else(|| panic!("none found"));
        let (mut out, mut origins) = (String::new(), Origins::default());
        fold(text, at, &mut out, &mut origins);
        assert_eq!(out, "call 555-0147 or 202-555 Marisol é");
        assert_eq!(folded(text), out);
        assert!(matches!(
            folded("plain"),
            std::borrow::Cow::Borrowed("plain")
        ));
        assert_eq!(origins.starts.len(), out.len());
        assert_eq!(origins.ends.len(), out.len());
        let span = |s: &str| {
            let k = out.find(s).unwrap_or(0);
            let (a, b) = origins.to_original(k, k + s.len());
            &text[a..b]
        };
        // a span holds the invisible characters inside it, none around it
        assert_eq!(span("555-0147"), "555-\u{200B}0147");
        assert_eq!(span("202-555"), "２０２–５５５");
        assert_eq!(span("2"), "２");
        assert_eq!(span("Marisol"), "Mari\u{AD}sol");
        assert_eq!(span("é"), "é");
        assert_eq!(span("call"), "call");
    }
}
