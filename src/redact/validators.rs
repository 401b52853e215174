//! Post-filters for regex candidates: check digits and range rules that a regular expression
//! cannot express. Each validator sees the candidate and the text around it (for context rules
//! such as "not part of a lab string"), never logs it, and answers yes or no.

use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::borrow::Cow;

use super::patterns::{ends_with_ascii_ci, starts_with_ascii_ci, word_set};

/// Context words some validators read, from `cues.toml`: words inside no street name, words
/// before a number pair that make it a setting, pain-score words, and the units after a
/// number that make it a quantity rather than a year. Lower case.
#[derive(Clone, Debug, Default)]
pub struct ValidatorWords {
    street_glue: FxHashSet<Box<str>>,
    setting: FxHashSet<Box<str>>,
    /// For each first letter a–z of a setting word of ASCII letters, its lengths (bit `n`:
    /// `n` letters, up to 15): most words after a date are told apart by these alone.
    setting_shapes: [u16; 26],
    site_sides: FxHashSet<Box<str>>,
    pain_before: FxHashSet<Box<str>>,
    pain_after: FxHashSet<Box<str>>,
    pain_near: FxHashSet<Box<str>>,
    date_events: FxHashSet<Box<str>>,
    quantity_units: Vec<Box<str>>,
    /// Secondary unit designators (`apt`, `ste`, `bldg`, `rm`, …), which a street may end
    /// with, abbreviated with a period.
    secondary_units: FxHashSet<Box<str>>,
}

impl ValidatorWords {
    /// The lists of a pattern set's cue file and its secondary-unit dictionary.
    pub fn new(set: &super::patterns::PatternSet) -> ValidatorWords {
        let c = &set.cues;
        ValidatorWords {
            secondary_units: word_set(set.dictionary("secondary_units")),
            street_glue: word_set(&c.street_glue_words),
            setting: word_set(&c.setting_words),
            setting_shapes: shapes_of(&c.setting_words),
            site_sides: word_set(&c.site_side_words),
            pain_before: word_set(&c.pain_words_before),
            pain_after: word_set(&c.pain_words_after),
            pain_near: word_set(&c.pain_words_near),
            date_events: word_set(&c.date_event_words),
            quantity_units: c
                .quantity_units
                .iter()
                .map(|w| w.to_lowercase().into_boxed_str())
                .collect(),
        }
    }

    /// A setting word other than "of" comes right after `end` and its blanks ("10/5
    /// BIPAP"): a word of ASCII letters, no digit or other letter glued to it.
    fn setting_after(&self, text: &str, end: usize) -> bool {
        let b = text.as_bytes();
        let mut i = end;
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        // (the first letter first: most words begin with one no setting word does)
        let Some(lengths) = b
            .get(i)
            .filter(|c| c.is_ascii_alphabetic())
            .map(|&c| self.setting_shapes[usize::from((c | 0x20) - b'a')])
            .filter(|&l| l != 0)
        else {
            return false;
        };
        let from = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let n = i - from;
        if n >= 16
            || lengths & (1 << n) == 0
            || b.get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
        {
            return false;
        }
        let mut buf = [0u8; 16];
        buf[..n].copy_from_slice(&b[from..i]);
        buf[..n].make_ascii_lowercase();
        // (ASCII letters: valid UTF-8)
        std::str::from_utf8(&buf[..n]).is_ok_and(|w| w != "of" && self.setting.contains(w))
    }

    /// A word of an event with a date comes just before `start`, or before "on" there:
    /// "admitted 3/4", "seen on 4/4". (Out of line: asked only of a fraction's or a score's
    /// shape.)
    #[inline(never)]
    fn event_before(&self, text: &str, start: usize) -> bool {
        let Some(w) = prev_word(text, start) else {
            return false;
        };
        if self.date_events.contains(&*w) {
            return true;
        }
        w == "on"
            && word_before_word(text, start, 2).is_some_and(|w| self.date_events.contains(&*w))
    }

    /// A word of `pain_words_near` comes within the six words before `start`, in the same
    /// clause (blanks, commas, colons, slashes and other numbers may come between; no
    /// sentence end, semicolon or line break), and no preposition of a date right before
    /// `start` ("pain on 3/10"): "Pain: 4/10", "rates her back pain a 5/10", "HA 7/10",
    /// "Pain 0/10 at rest, 3/10 with movement". (ASCII only: a char outside it ends the
    /// search.)
    fn pain_near_before(&self, text: &str, start: usize) -> bool {
        if prev_word(text, start)
            .is_some_and(|w| matches!(&*w, "on" | "since" | "from" | "until" | "by" | "of"))
        {
            return false;
        }
        let b = text.as_bytes();
        let mut at = start;
        for _ in 0..6 {
            while at > 0 && matches!(b[at - 1], b' ' | b'\t' | b',' | b':' | b'/' | b'-' | b'(') {
                at -= 1;
            }
            let mut from = at;
            while from > 0 && b[from - 1].is_ascii_alphanumeric() {
                from -= 1;
            }
            if from == at {
                return false;
            }
            if self.pain_near.contains(&*lowered(&text[from..at])) {
                return true;
            }
            at = from;
        }
        false
    }

    /// A setting word comes just before `start`, and no side before it ("R AC 11/17" is
    /// a line's site and its date).
    fn setting_before(&self, text: &str, start: usize) -> bool {
        prev_word(text, start)
            .is_some_and(|w| self.setting.contains(&*w) && !self.side_before(text, start, w.len()))
    }

    /// A side word comes before the word of `len` bytes that ends before `start` (blanks
    /// between). (Out of line: asked only after a setting word.)
    #[inline(never)]
    fn side_before(&self, text: &str, start: usize, len: usize) -> bool {
        word_before_word(text, start, len).is_some_and(|w| self.site_sides.contains(&*w))
    }
}

/// The word, lower-cased, before the word of `len` bytes that ends before `start` (blanks
/// between): what [`prev_word`] gives twice over.
fn word_before_word(text: &str, start: usize, len: usize) -> Option<Cow<'_, str>> {
    let before = text[..start].trim_end();
    let at = before.len().checked_sub(len)?;
    before
        .is_char_boundary(at)
        .then(|| prev_word(before, at))
        .flatten()
}

/// A named validator that a pattern file can reference with `validator = "..."`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    /// Luhn (mod 10) over the digits: payment cards, IMEI.
    Luhn,
    /// NPI: Luhn over `80840` + the ten digits.
    Npi,
    /// DEA registration number check digit.
    Dea,
    /// VIN check digit (position 9), ISO 3779 transliteration.
    Vin,
    /// SSN area/group/serial rules (no 000/666/9xx area, no 00 group, no 0000 serial).
    Ssn,
    /// IBAN mod-97 = 1.
    Iban,
    /// IPv4 octets ≤ 255 and not a version-like or lab-like context.
    Ipv4,
    /// North American number: area code and exchange start with 2-9.
    Nanp,
    /// Calendar date: month 1-12, day 1-31, not inside a lab string like `7.45/33/80`.
    Date,
    /// A bare year 1900-2099 that is not a quantity (`2000 mL`).
    Year,
    /// A range of two month/day dates (`3/11-3/12`): both calendar dates, in order, not a
    /// ventilator setting.
    DateRange,
    /// A digit run with at least 7 digits (international phone shapes).
    PhoneDigits,
    /// A token that has at least one digit.
    HasDigit,
    /// A street address: one line, and not a number inside a measurement (`2.4`, `18-23`).
    Street,
    /// A bare domain: `word.xx` with one label, a two-letter country TLD and no path reads as
    /// a missing space after a sentence ("dressing.pt", "shift.hr"), not a domain.
    Domain,
}

impl Validator {
    /// Does the candidate `text[start..end]` pass?
    pub fn check(self, text: &str, start: usize, end: usize, words: &ValidatorWords) -> bool {
        let cand = &text[start..end];
        match self {
            // (a tag after a card's digits may stand for more digits: see `tag_follows`)
            Validator::Luhn => luhn(digits(cand).as_slice()) && !tag_follows(text, end),
            Validator::Npi => {
                let d = digits(cand);
                if d.len() != 10 {
                    return false;
                }
                let mut full = vec![8, 0, 8, 4, 0];
                full.extend_from_slice(&d);
                luhn(&full)
            }
            Validator::Dea => dea(cand),
            Validator::Vin => vin(cand),
            Validator::Ssn => ssn(cand),
            Validator::Iban => iban(cand),
            Validator::Ipv4 => ipv4(text, start, end),
            Validator::Nanp => nanp(cand),
            Validator::Date => date(text, start, end, words),
            Validator::DateRange => date_range(text, start, end, words),
            Validator::Year => year(text, start, end, words),
            Validator::PhoneDigits => {
                let n = cand.bytes().filter(u8::is_ascii_digit).count();
                (7..=15).contains(&n)
                    && !lab_context(&around(text, start, end))
                    && !time_range(cand)
                    && !before_street_word(text, end)
                    && !tag_follows(text, end)
            }
            Validator::HasDigit => cand.bytes().any(|b| b.is_ascii_digit()),
            Validator::Domain => {
                let (host, path) = cand.split_once('/').unwrap_or((cand, ""));
                let mut labels = host.split('.');
                let two_letter_pair = matches!(
                    (labels.next(), labels.next(), labels.next()),
                    (Some(_), Some(tld), None) if tld.len() == 2
                );
                !(two_letter_pair && path.is_empty())
            }
            Validator::Street => {
                let Around { prev, prev2, .. } = around(text, start, end);
                // street names do not hold function words ("70-95 SR TO ST", "2 units with
                // ST"): those are sentences that happen to end in a suffix-like word
                // ("la" in lower case is the Spanish article, "3 de la tarde", not Lane)
                // (nor is a house number the minutes of a time: "at 11:45 Oak Dr", "à 11:45
                // avec le Dr Martin")
                !cand.contains('\n')
                    && !cand.ends_with(" la")
                    && (!matches!(prev, Some(b'.' | b'-' | b'/' | b',' | b':')) || !digit(prev2))
                    // (a glue word capitalised alone is a street's name: "6523 Por Street")
                    && !cand.split_whitespace().skip(1).any(|w| {
                        super::patterns::contains_ascii_ci(&words.street_glue, w)
                            && !capitalised_word(w)
                    })
                    && !sentence_inside(cand, &words.secondary_units)
                    // (nor does "and" follow a house number: "born in 1929 and still
                    // drives" is a year and a sentence ending in a verb)
                    && !cand
                        .split_whitespace()
                        .nth(1)
                        .is_some_and(|w| w.eq_ignore_ascii_case("and") || w == "&")
            }
        }
    }
}

/// A word of two letters or more that ends in a period inside a street candidate, other than
/// the abbreviations street names hold ("St. James", "Mt. Vernon", "MLK Jr.") and a unit's
/// designator ("Elm Avenue Apt. 958"): the candidate runs over the end of a sentence
/// ("2-4 BEAT BURSTS NOTED. DR. HALVEK AWARE", "4529 Calle Sánchez. Su enfermera").
fn sentence_inside(cand: &str, units: &FxHashSet<Box<str>>) -> bool {
    let mut words = cand.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if words.peek().is_none() {
            break;
        }
        if let Some(core) = w.strip_suffix('.') {
            if core.chars().nth(1).is_some()
                && core.chars().all(char::is_alphabetic)
                && ![
                    "st", "mt", "ft", "jr", "sr", "dr", "pt", "ste", "ave", "rd", "no", "av",
                    "avda", "ul", "pl", "bd",
                ]
                .iter()
                .any(|a| core.eq_ignore_ascii_case(a))
                && !super::patterns::contains_ascii_ci(units, core)
            {
                return true;
            }
        }
    }
    false
}

/// "2100-2300", "930-1130": two clock times, not a phone number.
fn time_range(cand: &str) -> bool {
    let clock = |p: &str| {
        let b = p.as_bytes();
        (3..=4).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) && {
            let v = b.iter().fold(0, |v: u32, &d| v * 10 + u32::from(d - b'0'));
            v / 100 <= 24 && v % 100 < 60
        }
    };
    // two parts: one hyphen
    match cand.split_once('-') {
        Some((a, b)) if !b.contains('-') => clock(a.trim()) && clock(b.trim()),
        _ => false,
    }
}

/// The numbers of `s` (its digit runs that fit a `u32`; longer runs are skipped), when it
/// holds at most `N` of them.
fn numbers<const N: usize>(s: &str) -> Option<([u32; N], usize)> {
    let mut out = [0; N];
    let mut n = 0;
    // (by bytes: a char outside ASCII is no digit, and all its bytes are none either)
    for p in s.as_bytes().split(|c| !c.is_ascii_digit()) {
        let v = p.iter().try_fold(0u32, |v, &d| {
            v.checked_mul(10)?.checked_add(u32::from(d - b'0'))
        });
        match v {
            Some(v) if !p.is_empty() => {
                *out.get_mut(n)? = v;
                n += 1;
            }
            _ => {}
        }
    }
    Some((out, n))
}

fn digits(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
}

/// Luhn over a digit slice (most significant first).
pub fn luhn(d: &[u8]) -> bool {
    if d.len() < 2 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &x) in d.iter().rev().enumerate() {
        let mut v = u32::from(x);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

fn dea(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 9 || !b[0].is_ascii_alphabetic() || !b[1].is_ascii_alphanumeric() {
        return false;
    }
    let d: Vec<u32> = b[2..]
        .iter()
        .filter(|c| c.is_ascii_digit())
        .map(|c| u32::from(c - b'0'))
        .collect();
    if d.len() != 7 {
        return false;
    }
    let sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
    sum % 10 == d[6]
}

fn vin(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 17 || !b.iter().any(u8::is_ascii_digit) || !b.iter().any(u8::is_ascii_alphabetic)
    {
        return false;
    }
    const W: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let mut sum = 0;
    for (i, c) in b.iter().enumerate() {
        let v = match c.to_ascii_uppercase() {
            d @ b'0'..=b'9' => u32::from(d - b'0'),
            b'A' | b'J' => 1,
            b'B' | b'K' | b'S' => 2,
            b'C' | b'L' | b'T' => 3,
            b'D' | b'M' | b'U' => 4,
            b'E' | b'N' | b'V' => 5,
            b'F' | b'W' => 6,
            b'G' | b'P' | b'X' => 7,
            b'H' | b'Y' => 8,
            b'R' | b'Z' => 9,
            _ => return false,
        };
        sum += v * W[i];
    }
    let check = sum % 11;
    let expect = if check == 10 {
        b'X'
    } else {
        b'0' + check as u8
    };
    b[8].to_ascii_uppercase() == expect
}

fn ssn(s: &str) -> bool {
    let d = digits(s);
    if d.len() != 9 {
        return false;
    }
    let area = u32::from(d[0]) * 100 + u32::from(d[1]) * 10 + u32::from(d[2]);
    let group = u32::from(d[3]) * 10 + u32::from(d[4]);
    let serial: u32 = d[5..].iter().fold(0, |a, &x| a * 10 + u32::from(x));
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

fn iban(s: &str) -> bool {
    let b: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if b.len() < 15 || b.len() > 34 {
        return false;
    }
    let mut rem: u64 = 0;
    for &c in b[4..].iter().chain(b[..4].iter()) {
        let v = match c {
            b'0'..=b'9' => u64::from(c - b'0'),
            b'A'..=b'Z' => u64::from(c - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

fn ipv4(text: &str, start: usize, end: usize) -> bool {
    let parts: Vec<&str> = text[start..end].split('.').collect();
    if parts.len() != 4
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 3 || p.parse::<u16>().map_or(true, |v| v > 255))
    {
        return false;
    }
    // "version 1.2.3.4" and section numbers are not addresses.
    let before = text[..start].trim_end();
    !(ends_with_ascii_ci(before, "version")
        || ends_with_ascii_ci(before, "v")
        || lab_context(&around(text, start, end)))
}

fn nanp(s: &str) -> bool {
    // an extension (x123, ext. 12) is not part of the number
    // (by bytes: `c | 0x20` is `x` or `e` for those four letters alone)
    let b = s.as_bytes();
    let main = &b[..b
        .iter()
        .position(|&c| matches!(c | 0x20, b'x' | b'e'))
        .unwrap_or(b.len())];
    // (more than eleven digits: no NANP number)
    let mut buf = [0u8; 11];
    let mut n = 0;
    for &c in main {
        if c.is_ascii_digit() {
            if let Some(slot) = buf.get_mut(n) {
                *slot = c - b'0';
            }
            n += 1;
        }
    }
    if n > buf.len() {
        return false;
    }
    let d = if n == 11 && buf[0] == 1 {
        &buf[1..]
    } else {
        &buf[..n]
    };
    // an exchange code starting with 0 or 1 is not dialable, but a number written in
    // groups ("617-104-2298", "(617) 104 2298") is still a phone number someone wrote down;
    // ten bare digits need a valid exchange to be taken for one
    let grouped = main
        .iter()
        .skip_while(|&&c| c == b'+')
        .any(|c| !c.is_ascii_digit());
    // nor is an area code starting with 0 or 1, but one in parentheses is written as one
    // ("(078)806-7674": its last seven digits alone were found, by the seven-digit pattern)
    let area_in_parens = main.contains(&b'(');
    d.len() == 10 && (d[0] >= 2 || area_in_parens) && (d[3] >= 2 || grouped)
}

/// The two bytes before and the two after a candidate.
struct Around {
    prev: Option<u8>,
    prev2: Option<u8>,
    next: Option<u8>,
    next2: Option<u8>,
}

fn around(text: &str, start: usize, end: usize) -> Around {
    let b = text.as_bytes();
    // a tag of ours two bytes away reads as a digit: it stands where the first pass read what
    // it replaced, often digits ("555-0147,0 and dr" refused a house number glued to a
    // number; "[PHONE],0 and dr" must refuse it too), and every context these bytes judge
    // refuses a candidate, so a second pass refuses no less than the first
    let tag_closes = |i: usize| b[i] == b']' && super::matcher::in_own_output(text, i, i);
    Around {
        prev: start.checked_sub(1).map(|i| b[i]),
        prev2: start
            .checked_sub(2)
            .map(|i| if tag_closes(i) { b'0' } else { b[i] }),
        next: b.get(end).copied(),
        next2: b.get(end + 1).map(|&c| {
            if own_output_opens(text, end + 1) {
                b'0'
            } else {
                c
            }
        }),
    }
}

fn digit(c: Option<u8>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// True when the candidate sits inside a slash- or dot-separated run of numbers, as in lab
/// results (`7.45/33/80`, `91/42/7.36/25/-1`) or blood pressures.
fn lab_context(a: &Around) -> bool {
    let &Around {
        prev,
        prev2,
        next,
        next2,
    } = a;
    let slashy = |c: Option<u8>| matches!(c, Some(b'/'));
    (slashy(prev) && (digit(prev2) || prev2 == Some(b'.')))
        || (slashy(next) && (digit(next2) || next2 == Some(b'-')))
        || (prev == Some(b'.') && digit(prev2))
        || (next == Some(b'.') && digit(next2))
}

/// Around a numeric date candidate: a percentage or another slash after it ("10/5/40%",
/// "10/5/.50"), a range ("4-6/2-4", "3-4/10"), an apostrophe ("2/70's"), or a setting
/// written after a period ("600x12x.7/5"): ventilator settings, scores and ranges.
fn setting_context(text: &str, start: usize, a: &Around, words: &ValidatorWords) -> bool {
    let &Around {
        prev,
        prev2,
        next,
        next2,
    } = a;
    matches!(next, Some(b'%' | b'/' | b'\''))
        || (next == Some(b'-') && digit(next2))
        || (prev == Some(b'-') && digit(prev2))
        || (prev == Some(b'.')
            && prev2.is_some_and(|c| c.is_ascii_alphanumeric())
            && !sentence_end_before(text, start - 1, words))
}

/// A word of four letters or more, no setting word, ends just before the period at `dot`: a
/// sentence end with its space missing ("moved to Kellerman.8/31."), not a setting
/// ("600x12x.7/5", "peep.10/5").
fn sentence_end_before(text: &str, dot: usize, words: &ValidatorWords) -> bool {
    let b = &text.as_bytes()[..dot];
    let letters = b
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let word = &text[dot - letters..dot];
    letters >= 4
        && !b[..b.len() - letters]
            .last()
            .is_some_and(u8::is_ascii_digit)
        && !super::patterns::contains_ascii_ci(&words.setting, word)
        && !super::patterns::contains_ascii_ci(&words.pain_before, word)
}

/// The word just after `end`, lower-cased.
fn next_word(text: &str, end: usize) -> Option<Cow<'_, str>> {
    let rest = text[end..].trim_start();
    let w = &rest[..rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len())];
    (!w.is_empty()).then(|| lowered(w))
}

/// For each first letter a–z, the lengths (bit `n`, `n` < 16) of the words of ASCII letters
/// in `words` that begin with it.
fn shapes_of(words: &[String]) -> [u16; 26] {
    let mut t = [0u16; 26];
    for w in words {
        let b = w.as_bytes();
        if (2..16).contains(&b.len()) && b.iter().all(u8::is_ascii_alphabetic) {
            t[usize::from(b[0].to_ascii_lowercase() - b'a')] |= 1 << b.len();
        }
    }
    t
}

/// `after` (the text after the number `first`, blanks trimmed) opens with a dash and a clock
/// time of four digits that no year range reads ("-0700", "- 2300"; not "2001-2005"): the
/// number before was the first time of a range.
fn clock_after_dash(after: &[u8], first: u32) -> bool {
    let Some(rest) = after.strip_prefix(b"-") else {
        return false;
    };
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    match rest {
        [h1, h2, m1, m2, tail @ ..] if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) => {
            let hh = u32::from((h1 - b'0') * 10 + (h2 - b'0'));
            let mm = u32::from((m1 - b'0') * 10 + (m2 - b'0'));
            let year = (1900..=2099).contains(&(hh * 100 + mm)) && hh * 100 + mm > first;
            hh <= 24 && mm < 60 && !year && !tail.first().is_some_and(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// `w` is written with a capital and then lower-case letters only ("Por", not "POR" or "por").
fn capitalised_word(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && {
        let rest = c.as_str();
        !rest.is_empty() && rest.chars().all(char::is_lowercase)
    }
}

/// The text before `start` when a comma (and blanks) end it: "bipap, " before "10/5".
fn comma_before(text: &str, start: usize) -> Option<&str> {
    let b = text.as_bytes();
    let mut j = start;
    while j > 0 && matches!(b[j - 1], b' ' | b'\t') {
        j -= 1;
    }
    (j > 0 && b[j - 1] == b',').then(|| &text[..j - 1])
}

/// `w` lower-cased, borrowed when it already is (lower-case ASCII, most words).
fn lowered(w: &str) -> Cow<'_, str> {
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

fn date(text: &str, start: usize, end: usize, words: &ValidatorWords) -> bool {
    let cand = &text[start..end];
    // (the bytes around it, read once for both tests)
    let a = around(text, start, end);
    if lab_context(&a) {
        return false;
    }
    if !cand.contains('-') && !cand.contains('.') && setting_context(text, start, &a, words) {
        return false;
    }
    // glued to a ventilator setting word ("ac12/10/40"), not to "on"
    if text[..start].ends_with(|c: char| c.is_ascii_alphabetic())
        && words.setting_before(text, start)
    {
        return false;
    }
    // (more than three numbers: not a shape this validator judges)
    let Some((nums, n)) = numbers::<3>(cand) else {
        return true;
    };
    match &nums[..n] {
        [y, m, d] if *y >= 1000 => (1..=12).contains(m) && (1..=31).contains(d),
        [m, d, _] => {
            ((1..=12).contains(m) && (1..=31).contains(d))
                || ((1..=12).contains(d) && (1..=31).contains(m))
        }
        [m, d] => {
            // without a year, "5/5" (strength), "1/2" (fractions) and "10/5" after a
            // ventilator setting are not dates
            let fraction = matches!((m, d), (1, 2..=4) | (2, 3) | (3, 4));
            // (a comma may come between: "on bipap, 10/5"; or the setting word after it:
            // "10/5 BIPAP"; not "of" there, "10/5 of last year", nor "x", one letter)
            let before_comma = comma_before(text, start);
            let setting = words.setting_before(text, start)
                || before_comma.is_some_and(|b| words.setting_before(b, b.len()))
                || words.setting_after(text, end);
            // "c/o 3/10 pain", "cp 5/10", "c/o CP, 5/10": a pain score
            let pain = *d == 10
                && *m <= 10
                && (prev_word(text, start).is_some_and(|w| words.pain_before.contains(&*w))
                    || before_comma.is_some_and(|b| {
                        prev_word(b, b.len()).is_some_and(|w| words.pain_before.contains(&*w))
                    })
                    || next_word(text, end).is_some_and(|w| words.pain_after.contains(&*w))
                    || text[..start].trim_end().ends_with('#')
                    || words.pain_near_before(text, start));
            let valid = (1..=12).contains(m) && (1..=31).contains(d) && !pain;
            let mm_yy = (1..=12).contains(m)
                && *d >= 32
                && cand.split('/').nth(1).is_some_and(|p| p.len() == 2);
            // "5/5", "4/4" are scores more often than dates; "9/9", "10/10" are dates unless
            // a scale word comes before them; either is a date after the word of an event
            // with a date ("admitted 3/4", "seen on 4/4")
            (valid || mm_yy)
                && !setting
                && ((m != d || *m >= 6) && !fraction || words.event_before(text, start))
        }
        _ => true,
    }
}

fn date_range(text: &str, start: usize, end: usize, words: &ValidatorWords) -> bool {
    let cand = &text[start..end];
    let Some(([m1, d1, m2, d2], 4)) = numbers::<4>(cand) else {
        return false;
    };
    let day = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    // in order, or over a year end (12/30-1/2)
    let ordered = (m1, d1) < (m2, d2) || (m1 == 12 && m2 == 1);
    day(m1, d1)
        && day(m2, d2)
        && ordered
        && {
            let a = around(text, start, end);
            !lab_context(&a) && !setting_context(text, start, &a, words)
        }
        && !words.setting_before(text, start)
}

/// "located at 4410 2291 Rue Varenne": digit groups followed by a capitalised word are a
/// house number and street number, not a phone number (a phone is followed by punctuation,
/// the end, or a word such as "Office", "ext", "or").
fn before_street_word(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let w = &rest[..rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len())];
    let capitalised =
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().nth(1).is_some();
    let mut lower = [0u8; 16];
    let key: Cow<'_, str> = if w.is_ascii() && w.len() <= lower.len() {
        lower[..w.len()].copy_from_slice(w.as_bytes());
        lower[..w.len()].make_ascii_lowercase();
        Cow::Borrowed(std::str::from_utf8(&lower[..w.len()]).unwrap_or_default())
    } else {
        Cow::Owned(w.to_lowercase())
    };
    capitalised
        && !matches!(
            &*key,
            "ext"
                | "extension"
                | "office"
                | "mobile"
                | "cell"
                | "home"
                | "work"
                | "fax"
                | "tel"
                | "phone"
                | "or"
                | "and"
                | "call"
                | "text"
                | "thanks"
                | "thank"
                | "please"
                | "is"
                | "i"
                | "it"
                | "we"
                | "you"
                | "my"
                | "the"
                | "if"
                | "for"
                | "from"
                | "at"
                | "on"
                | "to"
                | "mon"
                | "tue"
                | "wed"
                | "thu"
                | "fri"
                | "sat"
                | "sun"
                | "desk"
        )
}

/// A tag of ours follows `end`, across at most three blanks, dashes, periods or an opening
/// parenthesis. It stands where the first pass read what it replaced: a capitalised word,
/// which refuses digits before it as a phone number (`"at (202) 555-01470 [NAME]"`, see
/// [`before_street_word`]), or more digits, which made the candidate too long and hid the
/// shorter one at its start (`"62701 12 ([PHONE])"` was "62701 12 (301 273 45166)", too many
/// digits for a phone; `"273-451661212 [ADDRESS]"` was "273-451661212 123 Main St", no card
/// number by Luhn). Refused here too, the second pass finds no more than the first (where
/// the first took the digits, they are a tag already).
fn tag_follows(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    let gap = b[end..]
        .iter()
        .take(3)
        .take_while(|c| matches!(c, b' ' | b'\t' | b'-' | b'.' | b'('))
        .count();
    own_output_opens(text, end + gap)
}

/// Does our own output open at byte `i` with its bracket (`"[PHONE]"`)?
fn own_output_opens(text: &str, i: usize) -> bool {
    text.as_bytes().get(i) == Some(&b'[') && super::matcher::in_own_output(text, i + 1, i + 1)
}

/// The word just before `start`, lower-cased.
fn prev_word(text: &str, start: usize) -> Option<Cow<'_, str>> {
    // (ASCII blanks byte by byte, the ones `trim_end` takes, 0x09–0x0D and the space; it
    // decodes chars, for a blank outside ASCII)
    let mut cut = start;
    while cut > 0 && matches!(text.as_bytes()[cut - 1], b'\t'..=b'\r' | b' ') {
        cut -= 1;
    }
    let before = if cut > 0 && text.as_bytes()[cut - 1] >= 0x80 {
        text[..cut].trim_end()
    } else {
        &text[..cut]
    };
    // ASCII letters and digits byte by byte; a word that reaches a char outside ASCII is
    // read by char
    let b = before.as_bytes();
    let mut from = b.len();
    while from > 0 && b[from - 1].is_ascii_alphanumeric() {
        from -= 1;
    }
    if from == 0 || b[from - 1] < 0x80 {
        return (from < b.len()).then(|| lowered(&before[from..]));
    }
    let from = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()?
        .0;
    Some(lowered(&before[from..]))
}

fn year(text: &str, start: usize, end: usize, words: &ValidatorWords) -> bool {
    let Ok(y) = text[start..end].trim_start_matches('\'').parse::<u32>() else {
        return false;
    };
    if text[start..end].starts_with('\'') {
        return true;
    }
    if !(1900..=2099).contains(&y) || lab_context(&around(text, start, end)) {
        return false;
    }
    let after = text[end..].trim_start().as_bytes();
    let quantity = words
        .quantity_units
        .iter()
        .any(|w| starts_with_ascii_ci(after, w.as_bytes()));
    if quantity
        || text[..start]
            .trim_end()
            .ends_with(['#', '$', ':', '~', '@'])
    {
        return false;
    }
    // 1900-1959 and 2000-2059 read as clock times (19:30, 20:00) in clinical notes: they count
    // as years only after a year cue
    let time_like = (y / 100 == 19 || y / 100 == 20) && y % 100 < 60;
    // "CVA 2011,", "S/P CABG 1962." in a history list: after an all-caps abbreviation and
    // before the end of the item
    let after_acronym = {
        let before = text[..start].trim_end_matches(' ');
        // (by bytes: the last non-alphanumeric byte ends its character)
        let w: &str = &before[before
            .bytes()
            .rposition(|c| !c.is_ascii_alphanumeric())
            .map_or(0, |i| i + 1)..];
        (2..=5).contains(&w.len())
            && w.bytes().all(|c| c.is_ascii_uppercase())
            && before.len() < start
            // (a preposition in capitals is no abbreviation: "LABS DUE AT 2000.")
            && !matches!(w, "AT" | "BY" | "TO" | "ON" | "UP" | "OR" | "AND" | "TIL" | "DUE")
    };
    // (or what the item goes on with, "CVA 2008 with right hemi", "MI 2011 w/ stent", when
    // the number is no round one: "NS 2000 with KCl" is a volume)
    let item_end = match text.as_bytes().get(end) {
        None => true,
        Some(b',' | b';' | b')' | b'\n' | b'\r') => true,
        Some(b'.') => !text.as_bytes().get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(b' ') => {
            let rest = text[end..].trim_start_matches(' ').as_bytes();
            matches!(rest.first(), Some(b'\n' | b',' | b';'))
                || (starts_with_ascii_ci(rest, b"with ") || starts_with_ascii_ci(rest, b"w/"))
                    && y % 50 != 0
        }
        _ => false,
    };
    // "1900-0700", "1900 - 0700": a shift, two clock times (the second no year that would
    // make the two a range of years, "2001-2005")
    if time_like && clock_after_dash(after, y) {
        return false;
    }
    if time_like && after_acronym && item_end {
        return true;
    }
    if time_like {
        let cue = prev_word(text, start).is_some_and(|w| {
            [
                "in",
                "since",
                "during",
                "of",
                "born",
                "dob",
                "year",
                "circa",
                "its",
                "a",
                "from",
                "until",
                "till",
                "before",
                "after",
                "early",
                "late",
                "mid",
                "spring",
                "summer",
                "fall",
                "autumn",
                "winter",
                "jan",
                "january",
                "feb",
                "february",
                "mar",
                "march",
                "apr",
                "april",
                "may",
                "jun",
                "june",
                "jul",
                "july",
                "aug",
                "august",
                "sep",
                "sept",
                "september",
                "oct",
                "october",
                "nov",
                "november",
                "dec",
                "december",
                "class",
                "graduated",
                "married",
                "died",
                "founded",
                "established",
                "est",
            ]
            .contains(&&*w)
                || w.chars().all(|c| c.is_ascii_digit())
        }) || text[..start].trim_end().ends_with([',', '\'']);
        return cue;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> ValidatorWords {
        let set = super::super::patterns::PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        ValidatorWords::new(&set)
    }

    fn ok(v: Validator, s: &str) -> bool {
        v.check(s, 0, s.len(), &words())
    }

    #[test]
    fn table() {
        let cases: &[(Validator, &str, bool)] = &[
            (Validator::Luhn, "4111 1111 1111 1111", true),
            (Validator::Luhn, "4111 1111 1111 1112", false),
            (Validator::Npi, "1234567893", true),
            (Validator::Npi, "1234567890", false),
            (Validator::Dea, "AB1234563", true),
            (Validator::Dea, "AB1234564", false),
            (Validator::Vin, "1M8GDM9AXKP042788", true),
            (Validator::Vin, "1M8GDM9A1KP042788", false),
            (Validator::Ssn, "123-45-1034", true),
            (Validator::Ssn, "666-45-1034", false),
            (Validator::Ssn, "123-00-1034", false),
            (Validator::Iban, "GB82WEST12345698765432", true),
            (Validator::Iban, "GB82WEST12345698765431", false),
            (Validator::Ipv4, "192.168.1.20", true),
            (Validator::Ipv4, "300.1.1.1", false),
            (Validator::Nanp, "(202) 555-0147", true),
            (Validator::Nanp, "102-555-0147", false),
            // an extension is no part of the number, in either case
            (Validator::Nanp, "202-555-0147 x12", true),
            (Validator::Nanp, "202-555-0147 EXT. 12", true),
            (Validator::Nanp, "+1 202 555 0147", true),
            (Validator::Nanp, "+12025550147", true),
            // an exchange starting with 1: only when written in groups
            (Validator::Nanp, "(617) 104 2298", true),
            (Validator::Nanp, "6171042298", false),
            (Validator::Nanp, "202555014799", false),
            (Validator::Date, "7/22", true),
            (Validator::Date, "120/80", false),
            (Validator::Date, "2026-05-04", true),
            (Validator::Year, "1992", true),
            (Validator::Year, "2130", false),
        ];
        for (v, s, want) in cases {
            assert_eq!(ok(*v, s), *want, "{v:?} on case of length {}", s.len());
        }
    }

    /// `prev_word` trims the blanks `str::trim_end` trims, ASCII or not.
    #[test]
    fn prev_word_skips_every_blank() {
        for gap in [
            " ",
            "\t",
            "\x0B",
            "\x0C",
            "\r\n",
            "\u{a0}",
            " \u{2003} ",
            "",
        ] {
            let text = format!("set to PEEP{gap}10/5");
            let start = text.len() - 4;
            let by_trim = {
                let before = text[..start].trim_end();
                let from = before
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphanumeric())
                    .last()
                    .map_or(before.len(), |(i, _)| i);
                (from < before.len()).then(|| before[from..].to_lowercase())
            };
            assert_eq!(
                prev_word(&text, start).map(|w| w.into_owned()),
                by_trim,
                "{gap:?}"
            );
        }
    }

    #[test]
    fn lab_strings_are_not_dates_or_years() {
        let t = "abg 7.45/33/80 today";
        let s = t.find("33/80").unwrap_or(0);
        assert!(!Validator::Date.check(t, s, s + 5, &words()));
        let t = "gave 2000 ml";
        assert!(!Validator::Year.check(t, 5, 9, &words()));
    }
}
