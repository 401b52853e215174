//! Address blocks: a detected street line usually continues with unit, city, region, postal
//! code and country, on the same line or the next few ("123 Main St\nSuite 5\nSpringfield, IL
//! 62701"). Once an address anchor is found, the span grows over what follows while it looks
//! like an address line, and back over a house number or "the corner of".

use rustc_hash::FxHashSet;

use super::label::Label;
use super::lexicon::{Lexicon, TownOrState};
use super::patterns::{
    contains_ascii_ci, ends_with_ascii_ci, starts_with_ascii_ci, word_set, Cues,
};
use super::span::{Span, SpanOrigin};

/// Words of the address rules, from `cues.toml`: words that start a new field or clause
/// instead of an address line (`address_block_stops`), unit words (`address_unit_words`) and
/// field names ending in "address" that hold no postal address (`not_postal_fields`), the
/// strong titles that open a name (`strong_titles`, without their periods) and the verbs
/// that open a request (`imperative_verbs`: "Contact 12 Elm St" names no street "Contact").
/// Lower case.
#[derive(Clone, Debug, Default)]
pub struct AddressWords {
    stop: FxHashSet<Box<str>>,
    units: FxHashSet<Box<str>>,
    not_postal: FxHashSet<Box<str>>,
    place_particles: FxHashSet<Box<str>>,
    titles: FxHashSet<Box<str>>,
    street_types: FxHashSet<Box<str>>,
    street_openers: FxHashSet<Box<str>>,
    imperatives: FxHashSet<Box<str>>,
}

impl AddressWords {
    /// The lists of a cue file.
    pub fn from_cues(c: &Cues) -> AddressWords {
        AddressWords {
            stop: word_set(&c.address_block_stops),
            units: word_set(&c.address_unit_words),
            not_postal: word_set(&c.not_postal_fields),
            place_particles: word_set(&c.place_particles),
            titles: word_set(c.strong_titles.iter().map(|t| t.trim_end_matches('.'))),
            street_types: word_set(&c.street_types),
            street_openers: word_set(&c.street_openers),
            imperatives: word_set(&c.imperative_verbs),
        }
    }

    /// A word that starts a new field or clause, in any ASCII case.
    fn is_stop(&self, word: &str) -> bool {
        contains_ascii_ci(&self.stop, word)
    }

    /// A street type (`street_types`), in any ASCII case, its period left out ("Ave.").
    fn is_street_type(&self, word: &str) -> bool {
        contains_ascii_ci(&self.street_types, word.trim_end_matches('.'))
    }

    /// Words that end a "the corner of X and Y" run.
    fn ends_corner_run(&self, word: &str) -> bool {
        !word.eq_ignore_ascii_case("and") && self.is_stop(word)
    }
}

/// The next postal-code label at or after `from`: where its value may start. Labels: "zip",
/// "zip code", "zipcode", "postal code", "postcode", then ":" or " is".
fn find_zip_label(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() {
        let c = b[i].to_ascii_lowercase();
        if (c == b'z' || c == b'p') && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            for label in ["zip code", "zipcode", "zip", "postal code", "postcode"] {
                let l = label.len();
                if b.len() >= i + l && b[i..i + l].eq_ignore_ascii_case(label.as_bytes()) {
                    let mut e = i + l;
                    while e < b.len() && b[e] == b' ' {
                        e += 1;
                    }
                    if b.get(e) == Some(&b':') {
                        return Some(e + 1);
                    }
                    if b.len() >= e + 3 && b[e..e + 3].eq_ignore_ascii_case(b"is ") {
                        return Some(e + 3);
                    }
                    break;
                }
            }
        }
        i += 1;
    }
    None
}

/// Byte offset of the next "corner of " (any ASCII case) at or after `from`.
fn find_corner(text: &str, from: usize) -> Option<usize> {
    // (each "o" in turn, in either case: a search for the lower-case and the upper-case
    // spelling from every candidate read to the text's end for the one that was not there)
    let b = text.as_bytes();
    let mut at = from;
    loop {
        let o = at + memchr::memchr2(b'o', b'O', b.get(at..)?)?;
        if o > 0 && b.len() >= o + 9 && b[o - 1..o + 9].eq_ignore_ascii_case(b"corner of ") {
            return Some(o - 1);
        }
        at = o + 1;
    }
}

/// How many words (runs of letters, digits and hyphens; `limit` at most) stand on `text`'s
/// line before `at`, and the last of them, read back from `at`: a line of many fields is not
/// read whole for each of them.
fn words_back_on_line(text: &str, at: usize, limit: usize) -> (usize, Option<&str>) {
    let (mut words, mut last, mut word_end) = (0, None, None);
    let mut line_from = 0;
    for (i, c) in text[..at].char_indices().rev() {
        if c == '\n' {
            line_from = i + 1;
            break;
        }
        let in_word = c.is_alphanumeric() || c == '-';
        match word_end {
            None if in_word => word_end = Some(i + c.len_utf8()),
            Some(e) if !in_word => {
                words += 1;
                last = last.or(Some(&text[i + c.len_utf8()..e]));
                word_end = None;
                if words >= limit {
                    return (words, last);
                }
            }
            _ => {}
        }
    }
    // (a word that opens the line)
    if let Some(e) = word_end {
        words += 1;
        last = last.or(Some(&text[line_from..e]));
    }
    (words, last)
}

/// The end of the line that holds an offset, remembered for the offsets after it on the
/// same line (the fields of one line are not each read to its end).
#[derive(Default)]
struct LineEnd(Option<(usize, usize)>);

impl LineEnd {
    fn of(&mut self, text: &str, at: usize) -> usize {
        match self.0 {
            // (no line break from where it was searched to that end: `at` in between is on
            // the same line)
            Some((from, e)) if from <= at && at <= e => e,
            _ => {
                let e = text[at..].find('\n').map_or(text.len(), |i| at + i);
                self.0 = Some((at, e));
                e
            }
        }
    }
}

/// Address spans that need no street pattern, appended to `spans` (unsorted):
/// - the value of an address field ("Address: 17 Rue …", or "address:" alone on its line and
///   the value on the next non-empty one), to the end of its line;
/// - "the corner of X and Y", up to the end of the clause.
///
/// Returns whether any was found.
pub fn find_unanchored(text: &str, spans: &mut Vec<Span>, aw: &AddressWords) -> bool {
    let before = spans.len();
    debug_assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    let b = text.as_bytes();
    let mut line_end = LineEnd::default();
    // address fields: every colon whose field name is "… address"
    let mut from = 0;
    while let Some(off) = text[from..].find(':') {
        let colon = from + off;
        from = colon + 1;
        let name = text[..colon].trim_end_matches([' ', '\t']);
        let Some(head) = name.len().checked_sub(7) else {
            continue;
        };
        if !name.is_char_boundary(head) || !name[head..].eq_ignore_ascii_case("address") {
            continue;
        }
        // the field name opens its line ("Home address:" allowed, "my email address:" not)
        let (words, last) = words_back_on_line(name, head, 3);
        if words > 2
            || last.is_some_and(|w| contains_ascii_ci(&aw.not_postal, w))
            || (head > 0 && b[head - 1].is_ascii_alphanumeric())
        {
            continue;
        }
        // the value: the rest of this line, or the next non-empty line
        let mut v = colon + 1;
        let mut newlines = 0;
        while v < b.len() && matches!(b[v], b' ' | b'\t' | b'\r' | b'\n') {
            newlines += usize::from(b[v] == b'\n');
            v += 1;
        }
        if newlines > 2 || v >= b.len() {
            continue;
        }
        let mut end = line_end.of(text, v);
        // "Billing address: Ana Lind\n  12 Elm Road": a first line that is a name, before a
        // line that opens with a house number, names the addressee; the address starts below
        // (the spans found before are sorted and disjoint: only the last one that starts at
        // or before the value can hold it)
        let line = text[v..end].trim_end_matches([' ', '\t', '\r']);
        // (only those: the spans this function appends come unsorted, and a binary search
        // over them too could land anywhere)
        let found = &spans[..before];
        let addressee = found[..found.partition_point(|s| s.start <= v)]
            .last()
            .is_some_and(|s| s.label == Label::Name && s.end >= v + line.len());
        if addressee && end < b.len() {
            let next = end + 1 + text[end + 1..].len()
                - text[end + 1..].trim_start_matches([' ', '\t']).len();
            if b.get(next).is_some_and(u8::is_ascii_digit) {
                v = next;
                end = line_end.of(text, v);
            }
        }
        let line = &text[v..end];
        let value = line[..value_sentence_end(line, aw)].trim_end_matches([' ', '\t', '\r', '.']);
        if value.is_empty() || value.len() > 200 || !value.chars().any(char::is_alphanumeric) {
            continue;
        }
        spans.push(Span {
            start: v,
            end: v + value.len(),
            label: Label::Address,
            origin: SpanOrigin::Lexicon,
        });
    }
    // postal codes after their label: "ZIP: 48213-040", "my zip code is 4417 KD",
    // "postal code: B0J 2H0" (any country's shape: digits, letters, one space or hyphen)
    let mut from = 0;
    while let Some(label_end) = find_zip_label(text, from) {
        from = label_end;
        let mut v = label_end;
        while v < b.len() && b[v] == b' ' {
            v += 1;
        }
        let mut e = v;
        let mut sep = None;
        while e < b.len() && e - v < 10 {
            match b[e] {
                c if c.is_ascii_alphanumeric() => e += 1,
                b' ' | b'-'
                    if sep.is_none() && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric) =>
                {
                    sep = Some(e);
                    e += 1;
                }
                _ => break,
            }
        }
        // a second part after a space is a code's ("4417 KD", "B0J 2H0"): a digit, or one
        // to three capitals; a word is not ("my zip is 60614 and …")
        if let Some(at) = sep.filter(|&at| b[at] == b' ') {
            let tail = &b[at + 1..e];
            if !(tail.iter().any(u8::is_ascii_digit)
                || tail.len() <= 3 && tail.iter().all(u8::is_ascii_uppercase))
            {
                e = at;
            }
        }
        let value = &text[v..e];
        let digits = value.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 3 && !text[e..].chars().next().is_some_and(char::is_alphanumeric) {
            spans.push(Span {
                start: v,
                end: e,
                label: Label::Zip,
                origin: SpanOrigin::Lexicon,
            });
        }
    }
    // "the corner of X and Y"
    let mut from = 0;
    while let Some(at) = find_corner(text, from) {
        from = at + 10;
        if at > 0 && b[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let mut p = at + 10;
        let mut end = p;
        let mut words = 0;
        let mut ands = 0;
        while words < 12 {
            while p < b.len() && b[p] == b' ' {
                p += 1;
            }
            let w_start = p;
            p = word_end(text, p, b.len());
            if p == w_start {
                break;
            }
            let w = &text[w_start..p];
            if aw.ends_corner_run(w) {
                break;
            }
            if w.eq_ignore_ascii_case("and") {
                ands += 1;
                if ands > 1 || words == 0 {
                    break;
                }
            } else {
                end = p;
            }
            words += 1;
            // a trailing abbreviation period ("Str.") stays inside; a comma or other
            // punctuation ends the clause
            if p < b.len() && b[p] == b'.' && (p + 1 >= b.len() || b[p + 1] == b' ') {
                if ands == 0 {
                    end = p + 1;
                    p += 1;
                    continue;
                }
                break;
            }
            if p < b.len() && b[p] != b' ' {
                break;
            }
        }
        if words >= 2 && end > at + 10 {
            let the = at >= 4 && b[at - 4..at].eq_ignore_ascii_case(b"the ");
            spans.push(Span {
                start: if the { at - 4 } else { at },
                end,
                label: Label::Address,
                origin: SpanOrigin::Lexicon,
            });
        }
    }
    spans.len() > before
}

/// End of the word starting at `from` (before `limit`): letters, digits and inner `.`, `-`,
/// `'` between them ("St.John", "El-Jazzar", "O'Neil").
fn word_end(text: &str, from: usize, limit: usize) -> usize {
    let mut p = from;
    while p < limit {
        let c = text[p..].chars().next().unwrap_or(' ');
        if is_letter_like(c)
            || ((c == '-' || c == '\'' || c == '.')
                && p > from
                && text[p + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_letter_like))
        {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    p
}

/// Does the word that ends at `p` read as a sentence's first word: a `?` or `!` right
/// after it, or a space and a lower-case word? (Not a period: "St." and "Apt." have one.)
fn opens_sentence(text: &str, p: usize) -> bool {
    let rest = &text.as_bytes()[p..];
    match rest {
        [b'?' | b'!', ..] => true,
        [b' ', c, ..] => c.is_ascii_lowercase(),
        _ => false,
    }
}

/// Where a field's value ends inside its line: at a sentence that follows it on the line
/// ("Address: 77 Birch Rd. Thanks for asking!"): a `!` or `?` and a capital after it, or a
/// period and a capitalised word that opens a sentence ([`opens_sentence`]; not a unit,
/// "12 Elm St. Apt. 4").
fn value_sentence_end(value: &str, aw: &AddressWords) -> usize {
    let b = value.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if !matches!(c, b'.' | b'!' | b'?') || b.get(i + 1) != Some(&b' ') {
            continue;
        }
        let next = i + 2;
        if !b.get(next).is_some_and(u8::is_ascii_uppercase) {
            continue;
        }
        let w_end = word_end(value, next, value.len());
        if c != b'.'
            || !contains_ascii_ci(&aw.units, &value[next..w_end]) && opens_sentence(value, w_end)
        {
            return i + usize::from(c == b'.');
        }
    }
    value.len()
}

/// Byte length of the word (letters and hyphens) that ends `s`.
fn trailing_word_len(s: &str) -> usize {
    s.chars()
        .rev()
        .take_while(|c| is_letter_like(*c) || *c == '-')
        .map(char::len_utf8)
        .sum()
}

/// Letters and digits, and the increment sign that some text uses for a Greek capital delta.
fn is_letter_like(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{2206}'
}

/// Extend every ADDRESS span; `spans` stays sorted by start, and the caller merges the spans
/// an address grew over.
pub fn extend(text: &str, spans: &mut [Span], aw: &AddressWords, lex: &Lexicon) {
    let n = spans.len();
    let mut caps = CapsLines::default();
    // the first regex span after the current one: a cursor that only moves on (searched
    // from each address span, a text of lexicon spans only was read to its end each time)
    let mut next_regex = 0;
    for i in 0..n {
        if spans[i].label != Label::Address {
            continue;
        }
        if next_regex <= i {
            next_regex = i + 1;
            while next_regex < n && spans[next_regex].origin == SpanOrigin::Lexicon {
                next_regex += 1;
            }
        }
        // lexicon spans (a city taken for a name) are absorbed; regex spans are not
        let limit = spans.get(next_regex).map_or(text.len(), |s| s.start);
        spans[i].end = grow_right(
            text,
            spans[i].start,
            spans[i].end,
            limit,
            aw,
            lex,
            &mut caps,
        );
        // "4380 r joão a pereira 2 suite 9": two pieces of one street line
        if let Some(next) = spans[i + 1..].iter().find(|s| s.start >= spans[i].end) {
            if next.label == Label::Address && short_street_gap(&text[spans[i].end..next.start], aw)
            {
                spans[i].end = grow_right(
                    text,
                    spans[i].start,
                    next.end,
                    limit.max(next.end),
                    aw,
                    lex,
                    &mut caps,
                );
            }
        }
        if let Some(e) = crossing_end(text, spans[i].start, spans[i].end, aw) {
            spans[i].end = e;
        }
        // back over lexicon spans too ("3310 Fjellvik gata 12" with a name inside)
        let floor = spans[..i]
            .iter()
            .rev()
            .find(|s| s.origin != SpanOrigin::Lexicon || s.label == Label::Address)
            .map_or(0, |s| s.end);
        spans[i].start = grow_left(text, spans[i].start, floor, aw, &mut caps);
        // "on C. Velkarostraat 88", "on R Tamskova 11": a capital initial after a
        // preposition, before a street named after a person or Portuguese "R" (rua) before
        // its name ("vitamin A. Springfield Hospital" keeps its "A.")
        let (st, b) = (spans[i].start, text.as_bytes());
        let initial = if st >= floor + 3 && &b[st - 2..st] == b". " {
            3
        } else {
            2
        };
        if st >= floor + initial
            && b[st].is_ascii_uppercase()
            && b[st - 1] == b' '
            && b[st - initial].is_ascii_uppercase()
            // (not the article or the pronoun: "at A Velkaro Hospital")
            && (initial == 3 || !matches!(b[st - 2], b'A' | b'I'))
            && [" on ", " at ", " in ", " to ", " from ", " near "]
                .iter()
                .any(|p| text[..st - initial].ends_with(p))
        {
            spans[i].start = st - initial;
        }
        // "Velkar and 27 Tamsko Avenue", "Velkar and Tamskovej 99": a corner named by one
        // word (taken for a name) and a street with its number, before or after its name
        let (st, b) = (spans[i].start, text.as_bytes());
        let numbered = b.get(st).is_some_and(u8::is_ascii_digit)
            || text[st..].chars().next().is_some_and(char::is_uppercase)
                && b[spans[i].end - 1].is_ascii_digit()
                && b[st..spans[i].end].contains(&b' ');
        if numbered {
            if let Some(before) = text[..st].strip_suffix(" and ") {
                let word = spans[..i].iter().rev().find(|s| s.end <= before.len());
                if let Some(w) = word.filter(|w| {
                    w.end == before.len()
                        && w.origin == SpanOrigin::Lexicon
                        && w.label == Label::Name
                        && !text[w.start..w.end].contains(char::is_whitespace)
                }) {
                    spans[i].start = w.start;
                }
            }
        }
    }
}

/// "the corner of Elm Road St. and Tamsko Loop St.": where each of a corner's two streets is
/// closed by the type "St.", they are two addresses, and the corner's words are no part of
/// them (as the synthetic corpus labels them; a corner written as an address's one value,
/// "the corner of Elm Road and Tamsko Loop", stays one span). The types stay inside, unless a
/// street closed twice leaves its second out ([`drop_doubled_street_types`]). `spans` stay
/// sorted and disjoint.
pub fn split_typed_corners(text: &str, spans: &mut Vec<Span>) {
    for k in (0..spans.len()).rev() {
        let sp = spans[k];
        if sp.label != Label::Address {
            continue;
        }
        let run = &text[sp.start..sp.end];
        let Some(cue) = ["the corner of ", "corner of "]
            .into_iter()
            .find(|c| starts_with_ascii_ci(run.as_bytes(), c.as_bytes()))
        else {
            continue;
        };
        let first_start = sp.start + cue.len();
        let Some(at) = text[first_start..sp.end].find(" St. and ") else {
            continue;
        };
        let (first_end, second_start) = (first_start + at + 3, first_start + at + 9);
        if !text[..sp.end].ends_with(" St") {
            continue;
        }
        let second_end = sp.end;
        let has_alnum = |a: usize, b: usize| a < b && text[a..b].chars().any(char::is_alphanumeric);
        if !has_alnum(first_start, first_end) || !has_alnum(second_start, second_end) {
            continue;
        }
        let part = |start, end| Span { start, end, ..sp };
        spans[k] = part(first_start, first_end);
        spans.insert(k + 1, part(second_start, second_end));
    }
}

/// "at 11 Velkmoor Road St.", "on Tamsko Loop Street", "at 87 Velkarova 68 St.", "on 20 Rue
/// Orsk Velkar St.": a street already closed by its type after its name, by its number
/// after its name (the house number last, as much of Europe writes it), or opened by its
/// type ("Rue", "Avenue", "Av"), and then given "St" or "Street" again. The second type is
/// no part of the address (as the synthetic corpus labels it): it is left outside the span.
/// After the tag it reads as no name (a street type right after a tag is none, see the
/// lexicon's name rules), so redaction stays idempotent. A street of a type alone after its
/// number ("123 Park St", "5 Hill Street") keeps its "St": "Park" is its name there.
#[inline(never)]
pub fn drop_doubled_street_types(text: &str, spans: &mut [Span], aw: &AddressWords, lex: &Lexicon) {
    for sp in spans.iter_mut().filter(|sp| sp.label == Label::Address) {
        let run = &text[sp.start..sp.end];
        let tail = run.strip_suffix('.').unwrap_or(run);
        let Some(type_len) = [" st", " street"]
            .into_iter()
            .find(|t| ends_with_ascii_ci(tail, t))
            .map(str::len)
        else {
            continue;
        };
        // (only before what cannot go on with an address: the text's or the line's end,
        // or a word in lower case that is no unit, "St. the first three months", "Street
        // were"; before "– Apt 5" the type left alone would open an address of its own in
        // the redacted text)
        let rest = text[sp.end..].strip_prefix('.').unwrap_or(&text[sp.end..]);
        let ends = rest.trim_start_matches([' ', '\t']).is_empty()
            || rest.starts_with(['\n', '\r'])
            || rest.strip_prefix(' ').is_some_and(|r| {
                let w = &r[..r.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(r.len())];
                !w.is_empty() && !contains_ascii_ci(&aw.units, w)
            });
        if !ends {
            continue;
        }
        // (ASCII before the type's blank: a char boundary)
        let head = tail[..tail.len() - type_len].trim_end();
        // the words before the type, numbers and all ("87", "Velkarova", "68"), without
        // the punctuation that closes them ("62.", "Rd,")
        let words = || {
            head.split(' ')
                .map(|w| w.trim_end_matches(['.', ',']))
                .filter(|w| !w.is_empty())
        };
        let mut back = words().rev();
        let (Some(prev), before_prev) = (back.next(), back.next()) else {
            continue;
        };
        let number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
        let named = |w: &str| {
            w.chars().count() >= 3
                && w.chars().all(char::is_alphabetic)
                && !contains_ascii_ci(&aw.units, w)
                && !compass_word(w)
        };
        let type_last = || {
            lex.is_street_suffix(prev) && !number(prev) && before_prev.is_some_and(|w| !number(w))
        };
        let number_last = || number(prev) && before_prev.is_some_and(named);
        // (the street's first word, house numbers left out, and how many follow it: "Rue"
        // and one at least, "Rue Velkar"; a type that is no opener and two, "Av Sidi
        // Velkar"; not "123 Park", not "Park Lane")
        let type_first = || {
            if before_prev.is_some_and(number) {
                return false;
            }
            let mut street = words().skip_while(|w| number(w));
            let first = street.next();
            let after_first = street.count();
            after_first >= 1
                && first.is_some_and(|w| {
                    contains_ascii_ci(&aw.street_openers, w)
                        || lex.is_street_suffix(w) && after_first >= 2
                })
        };
        if before_prev.is_some() && (type_last() || number_last() || type_first()) {
            sp.end = sp.start + head.len();
        }
    }
}

/// Is `w` (any case) a compass word: "north", "south", "east", "west"? (Before a house number
/// a street's direction, after one a ward's wing: "6 North".)
pub(crate) fn compass_word(w: &str) -> bool {
    ["north", "south", "east", "west"]
        .iter()
        .any(|d| w.eq_ignore_ascii_case(d))
}

/// A postal code the lexicon found after a town ("in Bjert 6091", "in Quinta do Vale
/// 3610-114": `codes`) is a ZIP of its own, whatever address block grew over it: labels
/// choose the transform (a ZIP may be generalised to its first three digits, an address never
/// is). The code that closes a block of street lines stays inside the block's ADDRESS span:
/// such a block is one address, as the corpora label it (and a number that ends a one-line
/// block is as often a house number, "Rua Velkara 50"). `spans` stay sorted and disjoint.
pub fn split_postal_codes(text: &str, spans: &mut Vec<Span>, codes: &[(usize, usize)]) {
    for &(at, end) in codes {
        let Some(k) = spans
            .iter()
            .position(|sp| sp.label == Label::Address && sp.start < at && sp.end == end)
        else {
            continue;
        };
        let sp = spans[k];
        let head_end = at
            - text[sp.start..at]
                .bytes()
                .rev()
                .take_while(|c| matches!(c, b' ' | b'\t' | b','))
                .count();
        if head_end == sp.start {
            continue;
        }
        spans[k].end = head_end;
        spans.insert(
            k + 1,
            Span {
                start: at,
                end,
                label: Label::Zip,
                origin: sp.origin,
            },
        );
    }
}

/// A street that opens with its type abbreviated in lower case before its capitalised name:
/// "ul. Velkarska", "al. Tamska" (one to three letters and a period).
fn abbreviated_street_type(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    (1..=3).contains(&n)
        && b.get(n) == Some(&b'.')
        && b.get(n + 1) == Some(&b' ')
        && s[n + 2..].starts_with(char::is_uppercase)
}

/// ", ON", ", IN": a two-capital region code after a comma, even when it spells a function
/// word. `word` starts at `w_start`.
fn region_code(text: &str, w_start: usize, word: &str) -> bool {
    word.len() == 2
        && word.bytes().all(|c| c.is_ascii_uppercase())
        && text[..w_start]
            .trim_end_matches([' ', '\n', '\r', '\t'])
            .ends_with(',')
}

/// A postal code with a hyphen: "53-320", "3610-114", "62701-4410".
fn hyphenated_postal(word: &str) -> bool {
    word.split_once('-').is_some_and(|(a, b)| {
        (2..=5).contains(&a.len())
            && (3..=4).contains(&b.len())
            && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
    })
}

/// Where the crossing that the street at `start..end` opens ends: "5th Ave and Main St",
/// "Main St & Elm Ave", "5th ave. and main st": a street that ends in a common street type
/// (`street_types`), "and" or "&", then up to three words (letters, or three characters or
/// more opening with a digit: an ordinal, "42nd", and also a number) and a street type, on
/// one line, in any case.
fn crossing_end(text: &str, start: usize, end: usize, aw: &AddressWords) -> Option<usize> {
    let own = text[start..end].trim_end_matches('.');
    if !aw.is_street_type(&own[own.len() - trailing_word_len(own)..]) {
        return None;
    }
    let rest = text[end..].strip_prefix('.').unwrap_or(&text[end..]);
    let after = rest
        .strip_prefix(" and ")
        .or_else(|| rest.strip_prefix(" AND "))
        .or_else(|| rest.strip_prefix(" & "))?;
    let mut p = text.len() - after.len();
    for words in 0..4 {
        let w_end = word_end(text, p, text.len());
        let word = &text[p..w_end];
        if word.is_empty() {
            return None;
        }
        if words > 0 && aw.is_street_type(word) {
            return Some(w_end - usize::from(word.ends_with('.')));
        }
        let ordinal = word.len() >= 3 && word.as_bytes()[0].is_ascii_digit();
        if !(ordinal || word.chars().all(char::is_alphabetic)) || aw.is_stop(word) {
            return None;
        }
        p = w_end + usize::from(text.as_bytes().get(w_end) == Some(&b' '));
        if p == w_end {
            return None;
        }
    }
    None
}

/// The gap between two address pieces is part of the block when it is only a line break
/// ("… 81\n Suite 7"), or, on one line, at most 24 bytes of words and spaces with no clause
/// word longer than a letter ("r joão a pereira").
fn short_street_gap(gap: &str, aw: &AddressWords) -> bool {
    // "Oren and Skarvika 41": a corner named by two places
    if gap.trim_matches([' ', '\t', '\r']) == "\n" || gap.eq_ignore_ascii_case(" and ") {
        return true;
    }
    gap.len() <= 24
        && gap.starts_with(' ')
        && gap.ends_with(' ')
        && gap.chars().all(|c| c == ' ' || is_letter_like(c))
        && gap
            .split(' ')
            .filter(|w| !w.is_empty())
            .all(|w| w.chars().count() == 1 || !aw.is_stop(w))
}

/// [`CapsLines::caps_line`] of the last line asked about: the rules of one text ask about
/// the same line for each span on it, and each answer reads the whole line.
#[derive(Default)]
struct CapsLines(Option<(usize, usize, bool)>);

impl CapsLines {
    /// Most letters of the line around `at` are capitals (an ALL-CAPS note): capitalisation
    /// says nothing there.
    fn caps_line(&mut self, text: &str, at: usize) -> bool {
        // (a line is the bytes from after a line break to the next one, that break's
        // offset included: every offset in that range has the same line)
        if let Some((s, e, caps)) = self.0 {
            if (s..=e).contains(&at) {
                return caps;
            }
        }
        let s = super::lexicon::line_start(text, at);
        let e = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let (up, letters) = letter_counts(&text[s..e]);
        let caps = letters >= 12 && up * 10 >= letters * 8;
        self.0 = Some((s, e, caps));
        caps
    }
}

/// The capitals and the letters of `line`: ASCII byte by byte (a loop the compiler
/// vectorises), other text by chars.
fn letter_counts(line: &str) -> (usize, usize) {
    let (mut up, mut letters) = (0usize, 0usize);
    if line.is_ascii() {
        for &b in line.as_bytes() {
            letters += usize::from(b.is_ascii_alphabetic());
            up += usize::from(b.is_ascii_uppercase());
        }
        return (up, letters);
    }
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        up += usize::from(c.is_uppercase());
    }
    (up, letters)
}

fn grow_right(
    text: &str,
    anchor: usize,
    mut end: usize,
    limit: usize,
    aw: &AddressWords,
    lex: &Lexicon,
    caps_lines: &mut CapsLines,
) -> usize {
    let b = text.as_bytes();
    // "… 40 Elm Street. Then …": a period after a whole word ends the sentence, one after an
    // abbreviation ("St.", "Ave.") does not
    if let Some(before) = text[anchor..end].strip_suffix('.') {
        if trailing_word_len(before) > 4 {
            return end;
        }
    }
    let start_end = end;
    let mut lines = 0;
    let mut after_unit = false;
    // an address in lower case goes on over a town and a state ("45 elm st, springfield
    // il", "12 oak ave, austin, tx"), which no capital marks: a town (of one to three
    // words) after the street or its unit, a state's code right after the town, a state's
    // name after either
    let lower_case = !text[anchor..end].contains(|c: char| c.is_uppercase());
    let mut town: Option<TownOrState> = None;
    loop {
        let mut p = end;
        let mut newlines = 0;
        while p < limit
            && matches!(
                b[p],
                b' ' | b'\t' | b',' | b'>' | b'\n' | b'\r' | b'?' | b'*' | b'}'
            )
        {
            if b[p] == b'\n' {
                newlines += 1;
            }
            p += 1;
        }
        // "Dombos u. 41.", "Tarnai rkp. 7.": the period of a short abbreviation
        let abbrev = {
            let letters = text[..end]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count();
            (1..=3).contains(&letters)
                && text[..end]
                    .chars()
                    .rev()
                    .nth(letters)
                    .is_none_or(|c| c == ' ' || c == '\n')
        };
        // "Dombos u. 41.\nPorto Velho": a house number's period at the end of its line
        let number_line_end = p == end
            && end > 0
            && b[end - 1].is_ascii_digit()
            && b.get(end + 1).is_some_and(|c| *c == b'\n' || *c == b'\r');
        // (the span may end in its abbreviation's period already: "Elm Ave.")
        let mut crossed_period = b[end - 1] == b'.';
        if (after_unit || abbrev || number_line_end) && p == end && p < limit && b[p] == b'.' {
            crossed_period = true;
            p += 1;
            while p < limit && matches!(b[p], b' ' | b'\t' | b',' | b'\n' | b'\r') {
                newlines += usize::from(b[p] == b'\n');
                p += 1;
            }
        }
        if newlines > 2 || p >= limit || p - end > 12 {
            break;
        }
        // the next word (letters, digits, inner . - ' and a trailing parenthesised part)
        let w_start = p;
        p = word_end(text, p, limit);
        if p == w_start {
            break;
        }
        // (a town of two or three words in a lower-case block: "san antonio", "fort worth")
        let town_words = if lower_case && newlines == 0 && town.is_none() {
            lex.lower_case_town_of_words(text, w_start, limit)
        } else {
            None
        };
        if let Some(e) = town_words {
            p = e;
        }
        let word = &text[w_start..p];
        // a line opened by a title starts a name, never an address line ("at velkaro⏎Dr.
        // Smith will call"; "Dr" is a street type only after the street's name)
        if newlines > 0 && contains_ascii_ci(&aw.titles, word.trim_end_matches('.')) {
            break;
        }
        let unit = contains_ascii_ci(&aw.units, word);
        let first = word.chars().next().unwrap_or(' ');
        let digits = word.bytes().all(|c| c.is_ascii_digit());
        let is_label_field = text[p..].starts_with(':');
        let region = region_code(text, w_start, word);
        let lower_place = if town_words.is_some() {
            Some(TownOrState::Town)
        } else if lower_case && newlines == 0 && first.is_ascii_lowercase() {
            match (lex.lower_case_town_or_state(word), town) {
                (Some(TownOrState::Town), None) => Some(TownOrState::Town),
                (Some(TownOrState::State), Some(TownOrState::Town)) => Some(TownOrState::State),
                (Some(TownOrState::State), None) if word.len() > 2 => Some(TownOrState::State),
                _ => None,
            }
        } else {
            None
        };
        let ok = !is_label_field
            && (region || !aw.is_stop(word))
            && ((digits && (2..=6).contains(&word.len()))
                || hyphenated_postal(word)
                || (after_unit && first.is_alphanumeric())
                || unit
                || word.eq_ignore_ascii_case("nan")
                || lower_place.is_some()
                // "Kostelec nad Labem": a particle inside a place's name
                || (first.is_lowercase()
                    && aw.place_particles.contains(word)
                    && text[p..]
                        .strip_prefix(' ')
                        .is_some_and(|r| r.starts_with(char::is_uppercase)))
                // (the line's case is read only when it decides: a line is long next to its
                // words, and most words are taken or refused before)
                || ((first.is_uppercase() || first == '\u{2206}')
                    && !caps_lines.caps_line(text, anchor)));
        // "1420 Elm Ave. Questions? Call us": after the abbreviation's period, a capital
        // that a lower-case word or a sentence's end follows opens the next sentence; a
        // town goes on to a comma, a region or its postal code ("12 Oak St. Springfield, IL")
        if !ok
            || crossed_period && !unit && !region && first.is_uppercase() && opens_sentence(text, p)
        {
            break;
        }
        after_unit = unit;
        town = lower_place.or(town.map(|_| TownOrState::State));
        if newlines > 0 {
            lines += 1;
            if lines > 4 {
                break;
            }
        }
        end = p;
        if text[end..limit.min(text.len())].starts_with(" (") {
            if let Some(n) = gloss_len(text, end + 1, limit) {
                end += 1 + n;
            }
        }
        if end - start_end > 160 {
            break;
        }
    }
    // "in Laaxheim, Riverbend Data Partners is a nonprofit": capitals after the comma that a
    // verb follows are the sentence's subject, not a region
    // (the comma first: most addresses grow over none, and end at no verb)
    let verb_next = || {
        ["is", "was", "are", "were", "has", "have", "will"]
            .iter()
            .any(|v| {
                text[end..]
                    .strip_prefix(' ')
                    .and_then(|r| r.strip_prefix(v))
                    .is_some_and(|r| r.starts_with([' ', '\n']))
            })
    };
    if end > start_end && text[start_end..end].starts_with(',') && verb_next() {
        return start_end;
    }
    postal_tail(text, anchor, end, limit, aw).unwrap_or(end)
}

/// A short gloss in parentheses at `at` on one line, such as "(Greek)" after a country: its
/// length, closing parenthesis included.
fn gloss_len(text: &str, at: usize, limit: usize) -> Option<usize> {
    let close = text[at..limit].find(')')?;
    (close <= 24 && !text[at..at + close].contains('\n')).then_some(close + 1)
}

/// "… 389 Elm Rd\nmarsh vale\n, wc\n 81245", "Apt. 4, Dolní u Lesa, Czech Republic 33156":
/// where the word-by-word growth stops (a lower-case city, a small particle), the block still
/// runs on when a postal code closes it within a few short lines of plain words. Returns the
/// end of that postal code.
///
/// Where the block so far has capitals, a lower-case word in the tail must be a particle of
/// up to three letters ("u", "nad", "do"): "17 Elm Lane\nsome lines later 4410" is no block.
fn postal_tail(
    text: &str,
    start: usize,
    end: usize,
    limit: usize,
    aw: &AddressWords,
) -> Option<usize> {
    let b = text.as_bytes();
    let cased = text[start..end].chars().any(char::is_uppercase);
    let mut limit = limit.min(end + 120);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let (mut p, mut words, mut newlines) = (end, 0, 0);
    loop {
        while p < limit
            && (matches!(b[p], b' ' | b'\t' | b',' | b'>' | b'\n' | b'\r')
                || matches!(b[p], b'?' | b'}') && marks_open_line(&b[..p]))
        {
            newlines += usize::from(b[p] == b'\n');
            p += 1;
        }
        if p >= limit || newlines > 4 {
            return None;
        }
        if b[p] == b'(' {
            if words == 0 {
                return None;
            }
            p += gloss_len(text, p, limit)?;
            continue;
        }
        let w_start = p;
        p = word_end(text, p, limit);
        if p == w_start {
            return None;
        }
        let word = &text[w_start..p];
        let digits = word.bytes().all(|c| c.is_ascii_digit());
        if digits || hyphenated_postal(word) {
            // the postal code: the block's last token, and at least one word before it
            let last = b.get(p).is_none_or(|c| {
                matches!(c, b'\n' | b'\r' | b'.' | b',' | b';' | b'?' | b'!' | b')')
                    || c.is_ascii_whitespace()
                        && text[p..]
                            .trim_start_matches([' ', '\t'])
                            .starts_with(['\n', '\r'])
                    || text[p..].trim_start_matches([' ', '\t']).is_empty()
            });
            let postal = !digits || (4..=6).contains(&word.len());
            return (postal && words > 0 && last).then_some(p);
        }
        // letters only, no clause words, no field names; a period only after an abbreviation
        let region = region_code(text, w_start, word);
        if word.bytes().any(|c| c.is_ascii_digit())
            || (!region && aw.is_stop(word))
            || (cased && word.chars().count() > 3 && !word.chars().any(char::is_uppercase))
            || text[p..].starts_with(':')
        {
            return None;
        }
        if b.get(p) == Some(&b'.') {
            if word.chars().count() > 3 {
                return None;
            }
            p += 1;
        }
        words += 1;
        if words > 8 {
            return None;
        }
    }
}

/// "it's in 3310 Fjellvik gata 12\n Suite 9", "is 4410 2291 Rue Varenne Apt. 4": back
/// over the words of the street line (the line before, if the span opens its line) to the
/// house number that starts it. Up to six words, stopping at punctuation and function words.
fn grow_left_to_number(text: &str, start: usize, floor: usize, aw: &AddressWords) -> usize {
    let b = text.as_bytes();
    let mut p = start;
    let mut newline = false;
    let mut best = start;
    let mut words = 0;
    let first = word_end(text, start, text.len());
    let unit_first = contains_ascii_ci(&aw.units, &text[start..first]);
    while p > floor && words < 6 {
        // the gap before the next word back: spaces, at most one line break
        let mut q = p;
        // (a quoted reply's ">" opening a line counts as space, and so do the question
        // marks that stand for characters lost to a wrong encoding: "??? Apt. 5")
        while q > floor
            && (matches!(b[q - 1], b' ' | b'\t' | b'\r' | b'\n')
                || matches!(b[q - 1], b'>' | b'?' | b'}') && marks_open_line(&b[..q]))
        {
            if b[q - 1] == b'\n' {
                if newline || words > 0 {
                    return best;
                }
                newline = true;
            }
            q -= 1;
        }
        let mut w_end = q;
        // "Pestel rkp. 27. Apt. 6": the period after a house number or a short abbreviation
        // (only before a unit word: in notes "… 12. PCWP 14" ends a sentence)
        let dot = unit_first && q > floor && b[q - 1] == b'.';
        if dot {
            q -= 1;
        }
        while q > floor {
            let c = text[..q].chars().next_back().unwrap_or(' ');
            // inner periods and hyphens belong to the word ("St.John", "El-Jazzar")
            let inside = q < w_end - usize::from(dot);
            let hyphen = c == '-'
                && inside
                && q - 1 > floor
                && text[..q - 1]
                    .chars()
                    .next_back()
                    .is_some_and(is_letter_like);
            if is_letter_like(c) || (c == '.' && inside) || hyphen {
                q -= c.len_utf8();
            } else {
                break;
            }
        }
        if dot {
            let w = &text[q..w_end - 1];
            let number = !w.is_empty() && w.bytes().all(|c| c.is_ascii_digit());
            if !(number || (1..=3).contains(&w.chars().count())) {
                break;
            }
            w_end -= 1;
        }
        if q == w_end || w_end == p && p != start {
            break;
        }
        let word = &text[q..w_end];
        if aw.is_stop(word) {
            break;
        }
        words += 1;
        if word.len() <= 6 && word.bytes().all(|c| c.is_ascii_digit()) && !hyphen_joined(b, q) {
            best = q;
        }
        p = q;
    }
    best
}

/// A number starting at `at` ends a number that a hyphen joins to digits before it: the
/// last group of a phone's ("555-0147 Apt 9"), a range's ("12-14"), no house number.
fn hyphen_joined(b: &[u8], at: usize) -> bool {
    at >= 2 && b[at - 1] == b'-' && b[at - 2].is_ascii_digit()
}

/// Does `b` end in a run of ">", "?", "}", blanks that opens its line (or the text)? (The
/// "}}" opening lines of some generated letters, a template's braces, is such a run too.)
fn marks_open_line(b: &[u8]) -> bool {
    b.iter()
        .rev()
        .take_while(|&&c| c != b'\n')
        .all(|c| matches!(c, b'>' | b'?' | b'}' | b' ' | b'\t'))
}

/// "Varsakivi tänav 87 …", "with Linden Court 420 …": a block that opens with its house
/// number may have the street name before it (European order): up to three words on the same
/// line, back to a function word or punctuation, the first of them capitalised.
fn grow_left_over_street_name(
    text: &str,
    start: usize,
    floor: usize,
    aw: &AddressWords,
    caps: &mut CapsLines,
) -> usize {
    if !text.as_bytes().get(start).is_some_and(u8::is_ascii_digit)
        || named_after_number(text, start, aw)
    {
        return start;
    }
    let mut p = start;
    let mut best = start;
    for _ in 0..3 {
        let before = &text[floor..p];
        let trimmed = before.trim_end_matches(' ');
        if trimmed.len() == before.len() && p != start || trimmed.len() + 1 < before.len() {
            break;
        }
        let w_len = trailing_word_len(trimmed);
        if w_len == 0 {
            break;
        }
        let w_start = floor + trimmed.len() - w_len;
        let word = &text[w_start..floor + trimmed.len()];
        if aw.is_stop(word)
            || contains_ascii_ci(&aw.units, word)
            || contains_ascii_ci(&aw.imperatives, word)
        {
            break;
        }
        // capitalised, not all capitals ("PT HAS 2 …" is a note, not a street)
        if word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).any(char::is_lowercase)
        {
            best = w_start;
        }
        p = w_start;
    }
    // (an ALL-CAPS line has no street names by case: read only when one was found)
    if best != start && caps.caps_line(text, start) {
        return start;
    }
    best
}

/// The street that opens at the house number at `start` is named after it, in US order:
/// one to three words and a street type on the same line ("7699 Elm Road"), or a street
/// type that opens the street's name ("200 rue Blanc", "12 Rua do Sol"). Its name is
/// there, and the words before the number are none of it ("Hello 7699 Elm Road", "Pumunta
/// ka sa 7699 Domingo Road", "Pharmacie au 200 rue Blanc").
fn named_after_number(text: &str, start: usize, aw: &AddressWords) -> bool {
    let line = text[start..].split('\n').next().unwrap_or("");
    let mut words = line.split([' ', '\t']).filter(|w| !w.is_empty());
    words.next();
    words
        .take(4)
        .map(|w| w.trim_end_matches([',', '.']))
        .enumerate()
        .any(|(k, w)| {
            if k == 0 {
                contains_ascii_ci(&aw.street_openers, w)
            } else {
                aw.is_street_type(w)
            }
        })
}

fn grow_left(
    text: &str,
    mut start: usize,
    floor: usize,
    aw: &AddressWords,
    caps: &mut CapsLines,
) -> usize {
    // an earlier span may already have grown over this one
    let floor = floor.min(start);
    start = grow_left_to_number(text, start, floor, aw);
    start = grow_left_over_street_name(text, start, floor, aw, caps);
    let before = &text[floor..start];
    let trimmed = before.trim_end_matches([' ', '\t']);
    // a house number or postal code right before
    let digits: usize = trimmed.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 6 && trimmed.len() < before.len() {
        let s = floor + trimmed.len() - digits;
        if s == floor
            || !text.as_bytes()[s - 1].is_ascii_alphanumeric() && !hyphen_joined(text.as_bytes(), s)
        {
            start = s;
        }
    }
    let before = &text[floor..start];
    // "to Velkara and Tamskovägen 15": a street named together with the word before it, as
    // at a corner, when that word opens the clause (the street may open with a lower-case
    // abbreviation of its type: "Velkara and ul. Orskarska 28")
    if text[start..].starts_with(char::is_uppercase) || abbreviated_street_type(&text[start..]) {
        if let Some(rest) = before.strip_suffix(" and ") {
            let w_len = trailing_word_len(rest);
            let (head, word) = rest.split_at(rest.len() - w_len);
            let head = head.trim_end_matches(' ');
            let opens = head.is_empty()
                || head.ends_with([':', '?', '\n'])
                || ["to", "is", "at", "on"].iter().any(|w| {
                    head.len() > w.len()
                        && ends_with_ascii_ci(head, w)
                        && head.as_bytes()[head.len() - w.len() - 1] == b' '
                });
            // (the word stands alone: the text's start, a blank or a line break before it)
            let alone = rest.len() == w_len
                || matches!(
                    rest.as_bytes()[rest.len() - w_len - 1],
                    b' ' | b'\t' | b'\n'
                );
            if word.chars().count() >= 2
                && word.starts_with(char::is_uppercase)
                && !aw.is_stop(word)
                && alone
                && opens
            {
                return floor + rest.len() - w_len;
            }
        }
    }
    for cue in ["the corner of ", "corner of "] {
        if ends_with_ascii_ci(before, cue) {
            start -= cue.len();
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A remembered line answers as reading the line afresh does, whatever offsets are asked
    /// about in whatever order.
    #[test]
    fn remembered_caps_lines_answer_as_fresh_ones() {
        let alphabet = ["ABCDEFG ", "HIJKLMN ", "abc ", "\n", "É", "x"];
        let mut rng = crate::gen::Rng::new(13);
        let mut text = String::new();
        let mut memo = CapsLines::default();
        let (mut caps, mut plain) = (0, 0);
        for _ in 0..2_000 {
            rng.text_into(&mut text, &alphabet, 24, alphabet.len(), 1);
            memo.0 = None;
            for _ in 0..20 {
                let at = rng.below(text.len() as u64 + 1) as usize;
                if !text.is_char_boundary(at) {
                    continue;
                }
                let want = CapsLines::default().caps_line(&text, at);
                assert_eq!(memo.caps_line(&text, at), want, "{text:?} at {at}");
                caps += usize::from(want);
                plain += usize::from(!want);
            }
        }
        assert!(
            caps > 1_000 && plain > 1_000,
            "{caps} capital lines, {plain} others"
        );
    }

    /// Letters and capitals counted byte by byte on ASCII lines are the ones counted by chars.
    #[test]
    fn letter_counts_by_bytes_and_by_chars_agree() {
        let alphabet = [
            "A", "z", "Q", "7", " ", "-", "_", "@", "[", "`", "{", "É", "ß", "ǅ",
        ];
        let mut rng = crate::gen::Rng::new(12);
        let mut line = String::new();
        let mut ascii = 0;
        for _ in 0..20_000 {
            // mostly ASCII, so that the byte loop runs
            rng.text_into(&mut line, &alphabet, 40, 11, 6);
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            let up = line
                .chars()
                .filter(|c| c.is_alphabetic() && c.is_uppercase())
                .count();
            assert_eq!(letter_counts(&line), (up, letters), "{line:?}");
            ascii += usize::from(line.is_ascii());
        }
        assert!(ascii > 5_000, "only {ascii} ASCII lines");
    }

    fn words() -> AddressWords {
        let set = super::super::patterns::PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        AddressWords::from_cues(&set.cues)
    }

    /// The embedded set's lexicon, built once for the tests that grow addresses.
    fn lexicon() -> &'static Lexicon {
        static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEX.get_or_init(|| {
            let set =
                super::super::patterns::PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
            Lexicon::build(&set)
        })
    }

    #[test]
    fn unanchored_fields_and_corners_on_char_boundaries() {
        let t =
            "é corner of Elm 4 and Oak Rise. ÅCORNER OF Main 5 AND Pine Rd\nAddress:\n\nø 7 Gata";
        let mut v = Vec::new();
        assert!(find_unanchored(t, &mut v, &words()));
        let got: Vec<&str> = v.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            got,
            vec![
                "ø 7 Gata",
                "corner of Elm 4 and Oak Rise",
                "CORNER OF Main 5 AND Pine Rd"
            ]
        );
        let t = "zip: 48213-040\nZip Code is 4417 KD. zipper: 123\nmy zip is 60614 and that's it\n\
                 ZIP: B0J 2H0, zip is 02139 Now";
        let mut v = Vec::new();
        assert!(find_unanchored(t, &mut v, &words()));
        let got: Vec<&str> = v.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            got,
            vec!["48213-040", "4417 KD", "60614", "B0J 2H0", "02139"]
        );
        // no field value: an e-mail address label, or nothing after the colon
        let mut v = Vec::new();
        assert!(!find_unanchored(
            "Email address: x@y.z\nAddress:",
            &mut v,
            &words()
        ));
    }

    #[test]
    fn postal_tail_stops_on_a_char_boundary() {
        // the look-ahead window ends 120 bytes on, here inside a two-byte character
        let t = format!("at 12 Elm Road\n(({}", "é".repeat(100));
        let start = t.find("12").unwrap_or(0);
        let mut v = vec![Span {
            start,
            end: start + "12 Elm Road".len(),
            label: Label::Address,
            origin: SpanOrigin::Pattern(0),
        }];
        extend(&t, &mut v, &words(), lexicon());
        assert_eq!(&t[v[0].start..v[0].end], "12 Elm Road");
    }

    #[test]
    fn pieces_of_one_block_join() {
        let span = |t: &str, piece: &str| {
            let start = t.find(piece).unwrap_or(0);
            Span {
                start,
                end: start + piece.len(),
                label: Label::Address,
                origin: SpanOrigin::Pattern(0),
            }
        };
        let covered = |t: &str, pieces: [&str; 2]| {
            let mut v = vec![span(t, pieces[0]), span(t, pieces[1])];
            extend(t, &mut v, &words(), lexicon());
            t[v[0].start..v[0].end].to_string()
        };
        // a line break, or a few words on one line, between two pieces
        let t = "at 40 Vale Road\n  Suite 7\nlater";
        assert_eq!(
            covered(t, ["40 Vale Road", "Suite 7"]),
            "40 Vale Road\n  Suite 7"
        );
        let t = "to 5110 r tomé a vilar 8 suite 40, ok";
        assert_eq!(
            covered(t, ["5110 r tomé", "8 suite 40"]),
            "5110 r tomé a vilar 8 suite 40"
        );
        // not over a clause word or two line breaks
        let t = "to 12 Elm Road and then 8 suite 40";
        assert_eq!(covered(t, ["12 Elm Road", "8 suite 40"]), "12 Elm Road");
        let t = "at 40 Vale Road\n\nSuite 7";
        assert_eq!(covered(t, ["40 Vale Road", "Suite 7"]), "40 Vale Road");
    }

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
        extend(t, &mut v, &words(), lexicon());
        assert_eq!(
            &t[v[0].start..v[0].end],
            "12 Elm Street\nSuite 4\nSpringfield, IL 62701"
        );
    }

    #[test]
    fn a_town_code_leaves_its_block_and_no_other_span_moves() {
        let t = "in Velkstad, 4817 and at 9 Elm St 4817";
        let at = |w: &str, from: usize| from + t[from..].find(w).unwrap_or(0);
        let span = |start: usize, end: usize| Span {
            start,
            end,
            label: Label::Address,
            origin: SpanOrigin::Lexicon,
        };
        let town = at("Velkstad", 0);
        let code = at("4817", 0);
        let street = at("9 Elm", 0);
        let mut v = vec![span(town, code + 4), span(street, t.len())];
        // the first code closes the town's span; the second was found by no town rule
        split_postal_codes(t, &mut v, &[(code, code + 4)]);
        let got: Vec<(&str, Label)> = v.iter().map(|s| (&t[s.start..s.end], s.label)).collect();
        assert_eq!(
            got,
            [
                ("Velkstad", Label::Address),
                ("4817", Label::Zip),
                ("9 Elm St 4817", Label::Address)
            ]
        );
        // a code that is the whole span, or that no span ends with, changes nothing
        let mut w = vec![span(code, code + 4)];
        split_postal_codes(t, &mut w, &[(code, code + 4), (town, town + 3)]);
        assert_eq!((w.len(), w[0].label), (1, Label::Address));
    }
}
