//! Detected spans and the deterministic merge of overlapping ones.

use super::label::Label;

/// Where a span came from: a regex pattern (by index) or the name/place lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanOrigin {
    /// Index into the matcher's pattern list.
    Pattern(usize),
    /// The dictionary-and-context detector.
    Lexicon,
}

/// A detected identifier: UTF-8 byte offsets into the scanned text, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub origin: SpanOrigin,
}

/// A char of a script written without spaces between words (Han, Hiragana, Katakana), or of
/// Hangul, whose words carry their particles and endings: a run of them is a clause or a
/// word with its endings, and a span is not widened over one ("王先生，…" names "王", not
/// the clause; "김민수입니다" names "김민수"; "(202) 555-0147로" ends at the number), and a
/// word of them that runs on past a match is read from the match's end (the lexicon's
/// tokenizer).
pub fn unspaced_script(c: char) -> bool {
    matches!(c,
            '\u{1100}'..='\u{11FF}' | '\u{3040}'..='\u{30FF}' | '\u{3130}'..='\u{318F}'
            | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// A span of `text[start..end]` that ends in a sentence's final period (one followed by
/// whitespace or the end): the period stays outside the span, so the tag it becomes does not
/// take the sentence end with it (`"12 Elm St."` → `"[ADDRESS]."`).
pub fn ends_in_sentence_period(text: &[u8], start: usize, end: usize) -> bool {
    end - start >= 2 && text[end - 1] == b'.' && text.get(end).is_none_or(u8::is_ascii_whitespace)
}

/// The length in bytes of the possessive that ends `b` ("'s", "’s", in either case), or 0:
/// a name's possessive stays outside its span (`"Jennifer's dog"` → `"[NAME]'s dog"`).
pub fn possessive_len(b: &[u8]) -> usize {
    match b {
        [.., b'\'', b's' | b'S'] => 2,
        [.., 0xE2, 0x80, 0x99, b's' | b'S'] => 4,
        _ => 0,
    }
}

/// Sort and merge overlapping spans in place. Where spans overlap, the union is kept and the
/// label of the span with the better `rank` (lower value) wins; equal ranks keep the earlier
/// span's label. Spans that only touch stay separate. The result is sorted and disjoint, and
/// the same input always gives the same output.
pub fn merge(spans: &mut Vec<Span>, rank: impl Fn(&Span) -> i64) {
    merge_by(spans, &rank, |s, cur| rank(s) < rank(cur));
}

/// [`merge`] where `better(s, cur)` says whether the later span `s` gives its label to the
/// union instead of `cur`, for preferences that depend on both spans; `rank` still orders
/// spans that start and end together.
pub fn merge_by(
    spans: &mut Vec<Span>,
    rank: impl Fn(&Span) -> i64,
    better: impl Fn(&Span, &Span) -> bool,
) {
    if spans.len() < 2 {
        return;
    }
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), rank(s)));
    // compact in place: `w` is the union being grown, everything after it is still to read
    let mut w = 0;
    for r in 1..spans.len() {
        let s = spans[r];
        let cur = &mut spans[w];
        if s.start < cur.end {
            if better(&s, cur) {
                cur.label = s.label;
                cur.origin = s.origin;
            }
            cur.end = cur.end.max(s.end);
        } else {
            w += 1;
            spans[w] = s;
        }
    }
    spans.truncate(w + 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize, label: Label, r: usize) -> Span {
        Span {
            start,
            end,
            label,
            origin: SpanOrigin::Pattern(r),
        }
    }

    #[test]
    fn merges_overlaps_by_rank_and_keeps_touching_apart() {
        let rank = |s: &Span| match s.origin {
            SpanOrigin::Pattern(i) => i as i64,
            SpanOrigin::Lexicon => 1000,
        };
        let mut v = vec![
            sp(5, 9, Label::Name, 5),
            sp(0, 6, Label::Date, 1),
            sp(9, 12, Label::Zip, 2),
        ];
        merge(&mut v, rank);
        assert_eq!(v, vec![sp(0, 9, Label::Date, 1), sp(9, 12, Label::Zip, 2)]);
        // order of input does not matter
        let mut w = vec![
            sp(9, 12, Label::Zip, 2),
            sp(0, 6, Label::Date, 1),
            sp(5, 9, Label::Name, 5),
        ];
        merge(&mut w, rank);
        assert_eq!(v, w);
    }

    #[test]
    fn merge_by_lets_a_pair_decide() {
        // an address keeps a date that starts inside it and ends before it does
        let better = |s: &Span, cur: &Span| match (s.label, cur.label) {
            (Label::Date, Label::Address) if s.end < cur.end => false,
            _ => s.origin == SpanOrigin::Pattern(0),
        };
        let lex = |start, end| Span {
            start,
            end,
            label: Label::Address,
            origin: SpanOrigin::Lexicon,
        };
        let mut v = vec![sp(0, 4, Label::Date, 0), lex(0, 27)];
        merge_by(&mut v, |_| 0, better);
        assert_eq!(v, vec![lex(0, 27)]);
        let mut w = vec![sp(6, 10, Label::Date, 0), lex(0, 10)];
        merge_by(&mut w, |_| 0, better);
        assert_eq!(w, vec![sp(0, 10, Label::Date, 0)]);
    }
}
