//! Address blocks: a detected street line usually continues with unit, city, region, postal
//! code and country, on the same line or the next few ("123 Main St\nSuite 5\nSpringfield, IL
//! 62701"). Once an address anchor is found, the span grows over what follows while it looks
//! like an address line, and back over a house number or "the corner of".

use super::label::Label;
use super::span::{Span, SpanOrigin};

/// Words that start a new field, not an address line.
const STOP: &[&str] = &[
    "mobile",
    "desk",
    "fax",
    "phone",
    "tel",
    "telephone",
    "email",
    "e-mail",
    "website",
    "web",
    "name",
    "address",
    "date",
    "when",
    "where",
    "i",
    "it",
    "the",
    "this",
    "that",
    "we",
    "he",
    "she",
    "they",
    "you",
    "my",
    "our",
    "please",
    "thanks",
    "thank",
    "regards",
    "and",
    "or",
    "but",
    "for",
    "if",
    "to",
    "in",
    "at",
    "on",
    "is",
    "was",
    "from",
    "after",
    "before",
    "bot",
    "user",
    "cell",
    "home",
    "work",
    "office",
    "url",
    "dob",
    "ssn",
];

const UNITS: &[&str] = &[
    "apt",
    "apartment",
    "suite",
    "ste",
    "unit",
    "box",
    "floor",
    "fl",
    "room",
    "rm",
    "bldg",
    "building",
    "psc",
    "apo",
    "fpo",
    "dpo",
    "po",
];

/// Extend every ADDRESS span; `spans` stays sorted and disjoint.
pub fn extend(text: &str, spans: &mut [Span]) {
    let n = spans.len();
    for i in 0..n {
        if spans[i].label != Label::Address {
            continue;
        }
        // lexicon spans (a city taken for a name) are absorbed; regex spans are not
        let limit = spans[i + 1..]
            .iter()
            .find(|s| s.origin != SpanOrigin::Lexicon)
            .map_or(text.len(), |s| s.start);
        spans[i].end = grow_right(text, spans[i].start, spans[i].end, limit);
        let floor = if i > 0 { spans[i - 1].end } else { 0 };
        spans[i].start = grow_left(text, spans[i].start, floor);
    }
}

/// Most letters of the line around `at` are capitals (an ALL-CAPS note): capitalisation says
/// nothing there.
fn caps_line(text: &str, at: usize) -> bool {
    let s = super::lexicon::line_start(text, at);
    let e = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let (mut up, mut letters) = (0usize, 0usize);
    for c in text[s..e].chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        up += usize::from(c.is_uppercase());
    }
    letters >= 12 && up * 10 >= letters * 8
}

fn grow_right(text: &str, anchor: usize, mut end: usize, limit: usize) -> usize {
    let b = text.as_bytes();
    let caps = caps_line(text, anchor);
    let start_end = end;
    let mut lines = 0;
    let mut after_unit = false;
    loop {
        let mut p = end;
        let mut newlines = 0;
        while p < limit
            && matches!(
                b[p],
                b' ' | b'\t' | b',' | b'>' | b'\n' | b'\r' | b'?' | b'*'
            )
        {
            if b[p] == b'\n' {
                newlines += 1;
            }
            p += 1;
        }
        if after_unit && p < limit && b[p] == b'.' {
            p += 1;
            while p < limit && b[p] == b' ' {
                p += 1;
            }
        }
        if newlines > 2 || p >= limit || p - end > 12 {
            break;
        }
        // the next word (letters, digits, inner . - ' and a trailing parenthesised part)
        let w_start = p;
        while p < limit {
            let c = text[p..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric()
                || ((c == '-' || c == '\'' || c == '.')
                    && p > w_start
                    && text[p + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric))
            {
                p += c.len_utf8();
            } else {
                break;
            }
        }
        if p == w_start {
            break;
        }
        let word = &text[w_start..p];
        let lower = word.to_lowercase();
        let first = word.chars().next().unwrap_or(' ');
        let digits = word.bytes().all(|c| c.is_ascii_digit());
        let is_label_field = text[p..].starts_with(':');
        let ok = !is_label_field
            && !STOP.contains(&lower.as_str())
            && ((digits && (2..=6).contains(&word.len()))
                || (after_unit && first.is_alphanumeric())
                || UNITS.contains(&lower.as_str())
                || lower == "nan"
                || (first.is_uppercase() && !caps));
        if !ok {
            break;
        }
        after_unit = UNITS.contains(&lower.as_str());
        if newlines > 0 {
            lines += 1;
            if lines > 4 {
                break;
            }
        }
        end = p;
        // "(Greek)" after a country
        if text[end..limit.min(text.len())].starts_with(" (") {
            if let Some(close) = text[end..limit].find(')') {
                if close < 24 && !text[end..end + close].contains('\n') {
                    end += close + 1;
                }
            }
        }
        if end - start_end > 160 {
            break;
        }
    }
    end
}

fn grow_left(text: &str, mut start: usize, floor: usize) -> usize {
    // an earlier span may already have grown over this one
    let floor = floor.min(start);
    let before = &text[floor..start];
    let trimmed = before.trim_end_matches([' ', '\t']);
    // a house number or postal code right before
    let digits: usize = trimmed.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 6 && trimmed.len() < before.len() {
        let s = floor + trimmed.len() - digits;
        if s == floor || !text.as_bytes()[s - 1].is_ascii_alphanumeric() {
            start = s;
        }
    }
    let before = &text[floor..start];
    let lower = before.to_lowercase();
    for cue in ["the corner of ", "corner of "] {
        if lower.ends_with(cue) {
            start -= cue.len();
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_over_a_block_and_stops_at_fields() {
        let t = "Address: 12 Elm Street\nSuite 4\nSpringfield, IL 62701\nMobile: 555";
        let s = t.find("12").unwrap_or(0);
        let e = t.find("Street").unwrap_or(0) + 6;
        let mut v = vec![Span {
            start: s,
            end: e,
            label: Label::Address,
            origin: SpanOrigin::Lexicon,
        }];
        extend(t, &mut v);
        assert_eq!(
            &t[v[0].start..v[0].end],
            "12 Elm Street\nSuite 4\nSpringfield, IL 62701"
        );
    }
}
