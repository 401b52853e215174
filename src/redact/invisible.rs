//! Invisible format characters inside identifiers: a zero-width space in a phone number
//! ("555-\u{200B}0147"), a byte-order mark before a surname, a direction mark around a
//! number, a soft hyphen inside a name. They do not show, they come with pasted text and
//! some keyboards, and one of them was enough to hide a phone number, an SSN or a date
//! from every pattern. The matcher reads a text without them and maps what it found back
//! onto the text as given: a span then covers the invisible characters inside it, never
//! those around it.

/// The byte length of the invisible format character at `b[i..]`, 0 if none there: the
/// soft hyphen (U+00AD), the zero-width space, non-joiner and joiner and the direction
/// marks (U+200B–U+200F), the bidirectional embeddings and overrides (U+202A–U+202E), the
/// word joiner and invisible operators (U+2060–U+2064), the bidirectional isolates
/// (U+2066–U+2069) and the zero-width no-break space or byte-order mark (U+FEFF).
#[inline]
fn len_at(b: &[u8], i: usize) -> usize {
    match b[i..] {
        [0xC2, 0xAD, ..] => 2,
        [0xE2, 0x80, 0x8B..=0x8F | 0xAA..=0xAE, ..]
        | [0xE2, 0x81, 0xA0..=0xA4 | 0xA6..=0xA9, ..]
        | [0xEF, 0xBB, 0xBF, ..] => 3,
        _ => 0,
    }
}

/// Where the first invisible format character of `text` starts, if it holds one. (A text
/// in ASCII, most texts, is answered by the standard library's word-at-a-time test;
/// `memchr3` alone cost 150 instructions a text of 131 bytes, its set-up included.)
#[inline]
pub(super) fn first(text: &str) -> Option<usize> {
    if text.is_ascii() {
        return None;
    }
    first_from(text.as_bytes(), 0)
}

/// [`first`] from byte `from` on (out of line: asked only of a text outside ASCII).
#[cold]
#[inline(never)]
fn first_from(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(k) = memchr::memchr3(0xC2, 0xE2, 0xEF, &b[at..]) {
        let i = at + k;
        if len_at(b, i) > 0 {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// `text` without its invisible format characters into `out`, and into `map` the byte
/// offset in `text` of each byte of `out`, with `text.len()` after the last (`first` is
/// where the first such character starts, as [`first`] gave it).
pub(super) fn strip(text: &str, first: usize, out: &mut String, map: &mut Vec<u32>) {
    out.clear();
    map.clear();
    let b = text.as_bytes();
    let mut copied = 0;
    let mut i = first;
    while i < b.len() {
        let n = len_at(b, i);
        if n == 0 {
            i += 1;
            continue;
        }
        out.push_str(&text[copied..i]);
        map.extend((copied..i).map(offset));
        i += n;
        copied = i;
    }
    out.push_str(&text[copied..]);
    map.extend((copied..=b.len()).map(offset));
}

/// `text` without its invisible format characters (borrowed when it holds none).
pub(super) fn without(text: &str) -> std::borrow::Cow<'_, str> {
    match first(text) {
        None => std::borrow::Cow::Borrowed(text),
        Some(at) => {
            let (mut out, mut map) = (String::new(), Vec::new());
            strip(text, at, &mut out, &mut map);
            std::borrow::Cow::Owned(out)
        }
    }
}

/// A byte offset as the map holds it (the matcher strips only texts below 4 GiB: see
/// [`MAX_LEN`]).
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The longest text read without its invisible characters; a longer one is read as given.
pub(super) const MAX_LEN: usize = u32::MAX as usize;

/// The range in the original text of `start..end` (`start < end`) in the stripped one:
/// from its first byte to just after its last, so that it holds the invisible characters
/// between them and none around it.
pub(super) fn to_original(map: &[u32], start: usize, end: usize) -> (usize, usize) {
    (map[start] as usize, map[end - 1] as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invisible_character_is_found_and_nothing_else() {
        let invisible = [
            '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}',
            '\u{202E}', '\u{2060}', '\u{2064}', '\u{2066}', '\u{2069}', '\u{FEFF}',
        ];
        for c in invisible {
            let text = format!("ab{c}cd");
            assert_eq!(first(&text), Some(2), "U+{:04X}", c as u32);
        }
        // visible characters with the same lead bytes stay: a no-break space, a dash,
        // quotes, an ellipsis, U+2065 (unassigned), a replacement character
        for c in [
            '\u{A0}', '©', '—', '“', '…', '\u{2065}', '\u{2070}', '\u{FFFD}', 'é',
        ] {
            let text = format!("ab{c}cd");
            assert_eq!(first(&text), None, "U+{:04X}", c as u32);
        }
        assert_eq!(first(""), None);
        assert_eq!(first("plain ascii"), None);
    }

    #[test]
    fn stripped_text_maps_back_to_the_original() {
        let text = "\u{FEFF}call 555-\u{200B}0147\u{200E} or Mari\u{AD}sol é\u{200D}";
        let at = first(text).unwrap_or_else(|| panic!("none found"));
        let (mut out, mut map) = (String::new(), Vec::new());
        strip(text, at, &mut out, &mut map);
        assert_eq!(out, "call 555-0147 or Marisol é");
        assert_eq!(map.len(), out.len() + 1);
        assert_eq!(*map.last().unwrap_or(&0) as usize, text.len());
        // every byte of the stripped text is the byte the map points at
        for (k, &o) in map[..out.len()].iter().enumerate() {
            assert_eq!(out.as_bytes()[k], text.as_bytes()[o as usize], "byte {k}");
        }
        // a span holds the invisible characters inside it, none around it
        let phone = out.find("555-0147").unwrap_or(0);
        let (a, b) = to_original(&map, phone, phone + "555-0147".len());
        assert_eq!(&text[a..b], "555-\u{200B}0147");
        assert_eq!(without(text), out);
        assert!(matches!(
            without("plain"),
            std::borrow::Cow::Borrowed("plain")
        ));
        let name = out.find("Marisol").unwrap_or(0);
        let (a, b) = to_original(&map, name, name + "Marisol".len());
        assert_eq!(&text[a..b], "Mari\u{AD}sol");
        let e = out.find('é').unwrap_or(0);
        let (a, b) = to_original(&map, e, e + 'é'.len_utf8());
        assert_eq!(&text[a..b], "é");
    }
}
