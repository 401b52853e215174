//! Unit tests of the tokenizer, the lookups and the rules that skip words.

use super::build::{norm_phrase, without_diacritics, Lexicon};
use super::flags::{
    FACILITY, FIRST, GREETING, LAST, NEVER, PARTICLE, PHRASE_END, PLACE, RELATION, STATE, SUFFIX,
    TITLE, WORD,
};
use super::scratch::LexScratch;
use super::token::{
    line_blank_after, line_blank_before, line_start, opens_line, shape_of, AsciiWord, ALNUM,
    ASCII_CLASS, MAX_TEXT,
};
use crate::redact::label::Label;
use crate::redact::patterns::PatternSet;
use crate::redact::span::{Span, SpanOrigin};
use crate::redact::wordmap::{EndsFilter, WordMap};

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
    let lex = embedded_lexicon();
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
            after_word +=
                usize::from(j + 1 == t.start && prev.is_some_and(|c| c.is_ascii_alphanumeric()));
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
    let lex = embedded_lexicon();
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

/// The lexicon of the embedded pattern set.
fn embedded_lexicon() -> Lexicon {
    Lexicon::build(&PatternSet::embedded().unwrap_or_else(|e| panic!("{e}")))
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

/// In each `(text, word)` of `found` a span of `label` covers `word`; in none of `not_found`.
fn assert_labelled(
    lex: &Lexicon,
    label: Label,
    found: &[(&str, &str)],
    not_found: &[(&str, &str)],
) {
    for (text, w) in found {
        assert!(labelled_at(lex, text, w, label), "{text}: {w}");
    }
    for (text, w) in not_found {
        assert!(!labelled_at(lex, text, w, label), "{text}: {w}");
    }
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
    let lex = embedded_lexicon();
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

/// `mark_names` skips a word that is never a name alone ("Art") unless a strong title comes
/// right before it, which both of its rules want: after "Dr.", "Mr." (a title with its
/// period) or a deployment's strong title it is still a first name; capitalised elsewhere,
/// after a weaker title or in lower case, it stays a word.
#[test]
fn never_names_skipped_unless_a_strong_title_comes_before() {
    let mut set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    set.cues.strong_titles.push("pastor".into());
    let lex = Lexicon::build(&set);
    let f = lex.lookup("art");
    assert_eq!(f & (NEVER | FIRST), NEVER | FIRST, "{f:b}");
    assert_named(
        &lex,
        "art",
        &[
            "Orders signed by Dr. Art Lindqvist today",
            "Orders signed by Mr. Art Lindqvist today",
            "Orders signed by Pastor Art Lindqvist today",
            "Please call Mr. Art tomorrow.",
        ],
        &[
            "The Art Lindqvist exhibit opens today",
            "Orders signed by nurse Art Lindqvist today",
            "orders signed by dr. art lindqvist today",
            "Art class is at noon.",
        ],
    );
}

/// `mark_places` skips an English word that opens no place where it stands and is no
/// place, facility, street or particle word, but not "saint" or "st", whose own rule
/// takes the word after them.
#[test]
fn saint_is_not_skipped_with_the_plain_words() {
    let lex = embedded_lexicon();
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
    let lex = embedded_lexicon();
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
    let lex = embedded_lexicon();
    let mut out = Vec::new();
    let text = "Marisol ".repeat(MAX_TEXT / 8 + 1);
    lex.detect(&text, &mut LexScratch::default(), &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(
        (out[0].start, out[0].end, out[0].label),
        (0, text.len(), Label::OtherId)
    );
}

/// The line tests that read from `at` to the first char that is no blank answer as the
/// whole line's blanks do (`trim` of the line's part before or after `at`), at every char
/// boundary of texts with line breaks, carriage returns, tabs and blanks outside ASCII.
#[test]
fn line_tests_read_from_the_word_answer_as_the_whole_line() {
    let texts = [
        "",
        "a",
        " \t a\n  b c\n\n\r\n d ",
        "x\u{a0}\u{2003} \ny\u{2028}z",
        "  \n  ",
        "é é\n\té",
    ];
    let mut checked = 0;
    for text in texts {
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let before = text[line_start(text, at)..at].trim().is_empty();
            let after = text[at..]
                .split('\n')
                .next()
                .is_some_and(|r| r.trim().is_empty());
            assert_eq!(line_blank_before(text, at), before, "before byte {at}");
            assert_eq!(line_blank_after(text, at), after, "after byte {at}");
            assert_eq!(
                opens_line(text, at),
                line_start(text, at) == at,
                "opens at {at}"
            );
            checked += 1;
        }
    }
    assert!(checked > 40);
}

/// A given name that is also a word ("rose") opens a surname with particles before it, even
/// where its capital says nothing (the text's first word); a word that is no given name before
/// the particles stays a word.
#[test]
fn a_given_name_that_is_a_word_opens_a_surname_with_particles() {
    let lex = embedded_lexicon();
    let f = lex.lookup("rose");
    assert_eq!(f & (WORD | FIRST), WORD | FIRST, "{f:b}");
    assert_named(
        &lex,
        "rose",
        &[
            "Rose de la Cruz called today",
            "Rose de Cruz called today",
            "Contact Sgt. Rose today",
        ],
        &["The rose of the garden is red"],
    );
    assert_named(
        &lex,
        "cruz",
        &["Rose de la Cruz called today", "Contact de la Cruz today"],
        &[],
    );
    assert_named(&lex, "contact", &[], &["Contact de la Cruz today"]);
}

/// A given name in `given_names_not_words` is a given name and no word, whatever the word
/// lists hold ("maria", "john"); a name left out of it stays both ("rose").
#[test]
fn given_names_not_words_lose_their_word() {
    let lex = embedded_lexicon();
    for w in ["maria", "john", "hector"] {
        let f = lex.lookup(w);
        assert_eq!(f & (WORD | FIRST), FIRST, "{w}: {f:b}");
    }
    let f = lex.lookup("tom");
    assert_eq!(f & (WORD | FIRST), WORD | FIRST, "tom: {f:b}");
}

/// A town that is also a word ("phoenix", "mobile") is a place after a verb of residence or
/// arrival and "in" or "from", in any case, where its clause ends with it; in a noun phrase
/// ("mobile home") or without such a verb it stays a word.
#[test]
fn a_town_that_is_a_word_ends_a_clause_of_residence() {
    let lex = embedded_lexicon();
    for w in ["phoenix", "mobile"] {
        let f = lex.lookup(w);
        assert_eq!(f & (WORD | PLACE), WORD | PLACE, "{w}: {f:b}");
    }
    let place = |text: &str, w: &str| labelled_at(&lex, text, w, Label::Address);
    for text in [
        "daughter lives in phoenix, will fly in tomorrow",
        "pt lives in phoenix with wife",
        "DAUGHTER LIVES IN PHOENIX",
    ] {
        assert!(place(text, "phoenix"), "{text}");
    }
    assert!(place("she came from mobile.", "mobile"));
    assert!(!place("daughter lives in mobile home park", "mobile"));
    assert!(!place("a phoenix in the story, with wings", "phoenix"));
}

/// A street named by an ordinal ("3rd Ave", "5th Street") after a preposition is a place,
/// ordinal and suffix together; an ordinal elsewhere is no street.
#[test]
fn an_ordinal_and_a_street_suffix_name_a_street() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Address,
        &[
            ("the pharmacy on 3rd Ave is closed", "3rd"),
            ("the pharmacy on 3rd Ave is closed", "ave"),
            ("the pharmacy on 5th Street", "5th"),
            ("meet me on 42nd St at noon", "42nd"),
            ("I work at starbucks on 3rd street", "3rd"),
            ("I work at starbucks on 3rd street", "street"),
            ("WALGREENS ON 5TH AVE", "5th"),
        ],
        &[
            ("he came 3rd in the race", "3rd"),
            ("she finished in 3rd place", "3rd"),
        ],
    );
    assert!(!labelled_at(
        &lex,
        "the pharmacy on 3rd Ave is closed",
        "ave",
        Label::Name
    ));
}

/// Spanish greetings and the words that open a message to a patient are no names; a name
/// after a greeting still is.
#[test]
fn spanish_greetings_open_a_name_and_are_none() {
    let lex = embedded_lexicon();
    let text = "Hola María, su cita es mañana";
    assert!(!labelled_at(&lex, text, "hola", Label::Name), "{text}");
    assert!(labelled_at(&lex, text, "mar", Label::Name), "{text}");
    for (text, w) in [
        ("Llame al 555-0142 por favor", "llame"),
        ("Recordatorio: su cita es mañana", "recordatorio"),
        ("Gracias, Roberto", "gracias"),
        ("Fecha de nacimiento: 03/04/1961", "fecha"),
        ("Consulta el jueves 5 de junio", "consulta"),
    ] {
        assert!(!labelled_at(&lex, text, w, Label::Name), "{text}");
    }
    assert!(labelled_at(
        &lex,
        "Gracias, Roberto",
        "roberto",
        Label::Name
    ));
}

/// A voice transcript writes no capitals: after a name intro and a given name, a common
/// surname is the name's, even a word ("my name is john smith"); not after a relation word
/// or as a preposition.
#[test]
fn a_common_surname_after_an_introduced_given_name() {
    assert_labelled(
        &embedded_lexicon(),
        Label::Name,
        &[
            ("hi my name is john smith and my date of birth is", "smith"),
            ("this is mary brown calling about the bill", "brown"),
        ],
        &[
            ("CONTACT BROTHER THOMAS VIA SW DEPARTMENT", "via"),
            ("this is john well i wanted to ask", "well"),
            ("my name is john and i need help", "and"),
        ],
    );
}

/// A name in a script without case after a person's field: no capital marks it.
#[test]
fn a_caseless_name_after_a_person_field() {
    assert_labelled(
        &embedded_lexicon(),
        Label::Name,
        &[
            ("Patient: 王小明", "王"),
            ("Member: 김민수, DOB 3/4/1950", "김"),
        ],
        &[("Note: 王小明", "王")],
    );
}

/// A contraction is no part of the name beside it, with either apostrophe.
#[test]
fn contractions_join_no_name() {
    let (plain, curly) = (
        "Hi, I'm Priyanka's mother.",
        "Hi, I\u{2019}m Priyanka\u{2019}s mother.",
    );
    assert_labelled(
        &embedded_lexicon(),
        Label::Name,
        &[(plain, "priyanka"), (curly, "priyanka")],
        &[(plain, "i'm"), (curly, "i\u{2019}m")],
    );
}

/// A capital letter alone after a strong title names the person when the sentence ends
/// there or goes on in lower case ("Thanks, Dr. K"); not in capitals, where a title and a
/// letter say nothing, nor after a title in lower case.
#[test]
fn an_initial_after_a_title_names_the_person() {
    let lex = embedded_lexicon();
    // (the letter: where the string given with it is found last in the text)
    let named = |text: &str, letter: &str| {
        let mut out = Vec::new();
        lex.detect(text, &mut LexScratch::default(), &mut out);
        let at = text
            .rfind(letter)
            .unwrap_or_else(|| panic!("{letter} in {text}"));
        covers(&out, at, Label::Name)
    };
    for (text, letter) in [
        ("Thanks, Dr. K", "K"),
        ("See you soon -Mrs. B", "B"),
        ("Dr. K said the labs are fine", "K "),
        ("Ms. J. is here", "J."),
    ] {
        assert!(named(text, letter), "{text}");
    }
    for (text, letter) in [
        ("DR. K AWARE OF LABS", "K "),
        ("spoke with dr. k about it", "k "),
        ("Vitamin D is low", "D "),
    ] {
        assert!(!named(text, letter), "{text}");
    }
}

/// A state's name before a common street type after a preposition is a street ("on
/// Michigan Ave"), not before "Dr" or "St." that open a name.
#[test]
fn a_state_name_before_a_street_type_names_a_street() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Address,
        &[
            ("I am staying on Michigan Ave", "michigan"),
            ("I am staying on Michigan Ave", "ave"),
            ("the office on Washington St is closed", "washington"),
            ("we met on Pennsylvania Avenue", "pennsylvania"),
        ],
        &[
            ("she moved from Texas Dr. Lindqvist said", "texas"),
            ("born in Ohio St. Mary was there", "ohio"),
        ],
    );
}

/// The relation words of messages ("bf", "bestie", "stepmom", and Spanish "esposa")
/// introduce a name as the others do, and are none themselves; "hubby" and "nana", names
/// too, are no relation words.
#[test]
fn relation_words_of_messages_introduce_a_name() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("my bf kairo is driving me", "kairo"),
            ("my bestie tamsko will come", "tamsko"),
            ("her stepmom Velkara called", "velkara"),
            ("Thank you, Blanca Hubby, NP", "hubby"),
            ("mi esposa Velkara va a llamar", "velkara"),
        ],
        &[
            ("my bf is driving me", "is"),
            ("mi esposo Ramón va a llamar", "esposo"),
        ],
    );
}

/// A capitalised word inside a sentence one edit from a clinical term is a misspelt drug,
/// no name ("Remains on Labetelol"), nor is a letter and a word run together ("HR 70
/// Apaced"); a word in no list further from every term still is.
#[test]
fn a_misspelt_drug_is_no_name() {
    let lex = embedded_lexicon();
    assert!(lex.near_clinical_term("labetelol") && lex.near_clinical_term("proprofol"));
    assert!(!lex.near_clinical_term("velkaro") && !lex.near_clinical_term("labetalolxx"));
    assert_labelled(
        &lex,
        Label::Name,
        &[("Remains with Velkaro tonight.", "velkaro")],
        &[
            ("HR 70 Apaced, no ectopy", "apaced"),
            (
                "Remains on Labetelol titrating to keep SBP down.",
                "labetelol",
            ),
            (
                "Pts BP effected by the Proprofol. Pt currently on",
                "proprofol",
            ),
        ],
    );
}

/// The prefilter of [`Lexicon::near_clinical_term`] (a word's first or last two or three
/// letters) never turns away a word one edit from a term: every edit of five letters or
/// more of every clinical term (a letter changed, added, left out, two swapped) is still
/// found near a term.
#[test]
fn the_clinical_prefilter_keeps_every_edit() {
    let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    let lex = Lexicon::build(&set);
    let mut checked = 0;
    for term in set.dictionary("clinical_terms").iter() {
        let b = term.as_bytes();
        if b.len() < 4 || !b.iter().all(u8::is_ascii_lowercase) {
            continue;
        }
        let mut edits: Vec<Vec<u8>> = Vec::new();
        for k in 0..b.len() {
            let mut changed = b.to_vec();
            changed[k] = if b[k] == b'q' { b'x' } else { b'q' };
            edits.push(changed);
            edits.push([&b[..k], &b[k + 1..]].concat());
            edits.push([&b[..k], b"q", &b[k..]].concat());
            if k + 1 < b.len() && b[k] != b[k + 1] {
                let mut swapped = b.to_vec();
                swapped.swap(k, k + 1);
                edits.push(swapped);
            }
        }
        for e in edits.iter().filter(|e| e.len() >= 5) {
            let w = std::str::from_utf8(e).unwrap_or_else(|e| panic!("{e}"));
            assert!(lex.near_clinical_term(w), "{term} → {w}");
            checked += 1;
        }
    }
    assert!(checked > 4_000, "only {checked} edits");
}

/// Spanish as US patients write it: "en" opens a place ("vivo en Houston"), and an article
/// in lower case before a facility word is no part of its name ("estoy en el hospital").
#[test]
fn spanish_prepositions_and_articles_before_places() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Address,
        &[
            ("vivo en Houston con mi hija", "houston"),
            ("she is at sacred heart hospital", "sacred"),
        ],
        &[
            ("estoy en el hospital San José", "el"),
            ("estoy en el hospital San José", "estoy"),
        ],
    );
}

/// A one-word name that is also a word, paired by "and", "or" or "&" with a capitalised word
/// that no rule named and that is no common name, is a word: names pair with names, words
/// with words. Paired with a name, a relation or in lower case, it stays a name.
#[test]
fn a_name_paired_with_a_word_is_a_word() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("Tell Grace and Bob I said hi", "grace"),
            ("We miss Hope and Faith already", "hope"),
            ("Thanks, Rose and Family", "rose"),
        ],
        &[
            ("Genres: Kids & Family, Mystery & Horror", "mystery"),
            ("values such as Honesty and Courtesy come first", "honesty"),
            ("she signed up for Patience or Kindness week", "patience"),
            ("the Courtesy and Honesty award went to her", "honesty"),
        ],
    );
}

/// A possessive name before a sign, palsy or phenomenon named after a person is the
/// eponym: "Bell's palsy", "Raynaud's phenomenon"; with a title it is a person.
#[test]
fn a_possessive_before_a_clinical_follower_is_an_eponym() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[("Dr. Raynaud's phenomenon lecture", "raynaud")],
        &[
            ("Left sided Bell's palsy noted today.", "bell"),
            ("hands pale, Raynaud's phenomenon per pt", "raynaud"),
        ],
    );
}

/// In title case, a name that is also a word after a capitalised "My" or before a
/// capitalised "Me" is a word of the title; elsewhere it stays a name.
#[test]
fn a_name_after_my_or_before_me_in_title_case_is_a_word() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("I love Honey and Bob", "honey"),
            ("Tell Honey I said hi", "honey"),
        ],
        &[
            ("the song Bring Back My Honey was on", "honey"),
            ("an old song, \"Carry Me Back Home,\" played on", "carry"),
        ],
    );
}

/// An honorific with a colon after it is a note's label ("MS:", the mental status), not a
/// title: the capitalised word after it is no name; after "Ms." it is, and a relation word
/// with a colon still introduces one.
#[test]
fn an_honorific_with_a_colon_is_a_label() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("Seen by Ms. Calm today", "calm"),
            ("Wife: Velkara at bedside", "velkara"),
        ],
        &[("Neuro/MS: Calm and cooperative, follows commands.", "calm")],
    );
}

/// A relation word that is no English word ("Abuela", "Bestie") is no proper noun by its
/// capital: the name after it is the person; after a given name it is a surname.
#[test]
fn a_capitalised_relation_word_is_no_name() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("my Abuela Rosa is in the ER", "rosa"),
            ("appointment with Loic Hermano, NP.", "hermano"),
        ],
        &[
            ("Love you, tell Abuela I said hi", "abuela"),
            ("my Abuela Rosa is in the ER", "abuela"),
            ("Bestie is here with me", "bestie"),
        ],
    );
}

/// After "I'm" or "I am", an English word that is only a surname says how one is ("I'm
/// Ready"); a given name, or a surname a name follows, is still a name.
#[test]
fn a_surname_word_after_i_am_says_how_one_is() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("I'm Grace, the new nurse", "grace"),
            ("Hi, I am Velkaro Tamsko", "velkaro"),
        ],
        &[("I'm Ready when you are", "ready"), ("I am Ready", "ready")],
    );
}

/// A name does not run on across a sentence's end ("It's Yusuf. Running late"), while an
/// initial's period joins ("this is J. Running").
#[test]
fn a_name_ends_at_its_sentence() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("It's Yusuf. Running late", "yusuf"),
            ("Hi, this is J. Running from the clinic", "running"),
        ],
        &[
            ("It's Yusuf. Running late", "running"),
            ("Hi Maria. Running late today", "running"),
        ],
    );
}

/// A town's name right after an honorific, or after a name and a hyphen, is a person's:
/// "Mrs. Haverford-Lund", "Mrs. Lund-Haverford"; after "in" it stays a town.
#[test]
fn a_town_after_an_honorific_is_a_surname() {
    let lex = embedded_lexicon();
    for text in [
        "Mrs. Haverford called back",
        "daughter, Mrs. Haverford-Lund, requests a call",
        "Mrs. Lund-Haverford called back",
    ] {
        assert!(labelled_at(&lex, text, "haverford", Label::Name), "{text}");
        assert!(
            !labelled_at(&lex, text, "haverford", Label::Address),
            "{text}"
        );
    }
    assert!(labelled_at(
        &lex,
        "she lives in Haverford now",
        "haverford",
        Label::Address
    ));
}

/// Common Spanish words read as words (`foreign_words`): in lower case they join no name
/// ("mi hijo Mateo tiene fiebre", "Juan Pérez García llegó tarde"); a Spanish word that is
/// in a name list stays out of them ("with Amonte Por, NP").
#[test]
fn spanish_words_join_no_name() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("mi hijo Mateo tiene fiebre desde el lunes", "mateo"),
            ("Juan Pérez García llegó tarde a la cita", "garcía"),
            ("your appointment is at 12:00 with Amonte Por, NP.", "por"),
        ],
        &[
            ("mi hijo Mateo tiene fiebre desde el lunes", "tiene"),
            ("Juan Pérez García llegó tarde a la cita", "llegó"),
            ("Juan Pérez García llegó tarde a la cita", "tarde"),
        ],
    );
}

/// Spanish titles as US patients write them ("Dra.", "doctora", "Srta.") are titles: the
/// name after them is a name, the title is none.
#[test]
fn spanish_titles_introduce_a_name() {
    let lex = embedded_lexicon();
    assert_labelled(
        &lex,
        Label::Name,
        &[
            ("Su cita con la Dra. Benítez es mañana", "benítez"),
            ("Gracias Dra. Paz!", "paz"),
            ("la Srta. Lomeli llamó", "lomeli"),
        ],
        &[
            ("Su cita con la Dra. Benítez es mañana", "dra"),
            ("la Srta. Lomeli llamó", "srta"),
        ],
    );
}

/// A word's Latin letters without their diacritics, for the name lists' ASCII spellings;
/// other letters, and words longer than the buffer, have none.
#[test]
fn latin_letters_without_diacritics() {
    let mut buf = [0u8; 32];
    for (word, bare) in [
        ("josé", "jose"),
        ("hernández", "hernandez"),
        ("muñoz", "munoz"),
        ("nguyễn", "nguyen"),
        ("bašić", "basic"),
        ("łukasz", "lukasz"),
        ("müller", "muller"),
        ("çelik", "celik"),
        ("plain", "plain"),
    ] {
        let got = without_diacritics(word, &mut buf).map(|b| b.to_vec());
        assert_eq!(got.as_deref(), Some(bare.as_bytes()), "{word}");
    }
    for word in ["ольга", "σοφία", "ﬁona", "straße", &"é".repeat(33)] {
        assert!(without_diacritics(word, &mut buf).is_none(), "{word}");
    }
}

/// A word that no list knows as written but whose letters without their diacritics are a
/// name of the lists takes the lists' flags (a given name, a common surname); one the
/// lists know as written keeps its own ("mamá", a relation word).
#[test]
fn accented_names_take_the_flags_of_their_ascii_spelling() {
    let lex = embedded_lexicon();
    let slow = |w: &str| lex.flags_slow(false, w.as_bytes(), w.len(), w);
    assert_ne!(slow("josé") & FIRST, 0);
    assert_ne!(slow("hernández") & LAST, 0);
    assert_eq!(slow("mamá"), lex.lookup("mamá"));
    assert_ne!(slow("mamá") & RELATION, 0);
    assert_eq!(slow("ωμέγα"), 0);
}

/// The filter of a small word list by ends and length never rules out one of its words,
/// and rules out most others (names of the shipped lists against the shipped months); a
/// word that opens with no ASCII letter is never ruled out.
#[test]
fn ends_filters_keep_every_listed_word_and_rule_out_most_others() {
    let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    let months = &set.cues.month_words;
    assert!(months.len() >= 8);
    let t = EndsFilter::new(months.iter().map(String::as_str));
    for m in months {
        assert!(
            t.may_hold(m.as_bytes()),
            "month word ruled out (len {})",
            m.len()
        );
    }
    let names = set.dictionary("first_names");
    let passed = names
        .iter()
        .filter(|w| w.is_ascii() && t.may_hold(w.as_bytes()))
        .count();
    assert!(
        passed * 20 < names.len(),
        "{passed} of {} names pass the month filter",
        names.len()
    );
    let t = EndsFilter::new(["école"]);
    assert!(t.may_hold("école".as_bytes()));
    assert!(!t.may_hold(b"qz"));
}
