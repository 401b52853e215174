//! The detector's entry point: rounds of tokenizing and rules, and the spans they emit.

use rustc_hash::FxHashSet;

use super::build::{word_pair_hash, Lexicon};
use super::clinical::drop_eponyms;
use super::flags::{
    is_title, COMMON, CREDENTIAL, EPONYM_NEXT, FACILITY, GREETING, NAME_PARTICLE, PHRASE_END, PREP,
    RELATION, STREET_INTRO, TITLE, WORD,
};
use super::places::{
    compass_town, mark_streets_before_numbers, mark_towns_before_postal_codes, owners_of_places,
};
use super::scratch::{raise_ends, LexScratch};
use super::token::{LineCase, LineCounts, Shape, Token, MAX_TEXT};
use crate::redact::label::Label;
use crate::redact::span::{possessive_len, Span, SpanOrigin};

impl Lexicon {
    /// Find name and place spans in `text`, appending to `out`. What `out` already holds are
    /// the regex patterns' spans: they become tags on redaction, so they are read as tags
    /// here too. The words with letters inside them are no tokens, no cue reaches across
    /// them, and the word after one does not open a sentence unless a period follows it.
    /// Numbers inside them stay tokens (a house number read as a year opens its address).
    ///
    /// A text longer than [`MAX_TEXT`] is not read: it becomes one span (fail closed).
    pub fn detect(&self, text: &str, s: &mut LexScratch, out: &mut Vec<Span>) {
        if text.len() > MAX_TEXT {
            // (no tokens: what [`case_changes_under`] reads afterwards is this text's)
            s.tokens.clear();
            s.lines.clear();
            s.own_output.clear();
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
            s.covered
                .extend(s.opaque.iter().map(|&(start, end)| (start, end, end)));
            s.covered.sort_unstable();
            raise_ends(&mut s.covered);
            self.tokenize(text, s);
            address_cue |= s.address_cue;
            if s.tokens.is_empty() {
                break;
            }
            if !self.greeting_phrases.is_empty() {
                self.mark_greeting_phrases(s);
            }
            if s.lines.iter().any(|(_, c)| c.mixed_with_capitals()) {
                self.read_capital_runs_as_names(s);
            }
            self.mark_names(text, s);
            if s.colon {
                self.mark_person_fields(text, s);
            }
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
            if s.flags_any & TITLE != 0 {
                self.names_before_and_title(s);
            }
            if s.flags_any & NAME_PARTICLE != 0 {
                self.mark_opening_particles(s);
            }
            if s.flags_any & EPONYM_NEXT != 0 {
                drop_eponyms(s);
            }
            self.drop_clinical_eponyms(text, s);
            self.drop_drugs(text, s);
            self.drop_names_among_words(text, s);
            let emitted = out.len();
            if emit(text, s, self, out) && mark_found_places_again(s) {
                out.truncate(emitted);
                emit(text, s, self, out);
            }
            if !case_changes_without_labelled(s)
                && !self.language_changes(text, s, |t| t.label.is_some())
            {
                break;
            }
        }
        s.address_cue = address_cue;
    }

    /// A greeting of two words or more ("Buenos dias", "Bom dia", "Guten Tag", "Добрый
    /// день") opening a line, or after a greeting of one word that opens it ("Hi, good
    /// morning"), is read as words, its last word a greeting: the name after it is not grown
    /// over it ("dias" and "Bom" are in the name lists), and is read as a name after a
    /// greeting ("Bom dia Leonor"). The lexicon's word lists know single words only; this
    /// finds the phrases. (Line openings only: a check at every sentence's start cost 3–5%
    /// of `detect`'s instructions, benches/LOG.md, session 63.)
    #[inline(never)]
    fn mark_greeting_phrases(&self, s: &mut LexScratch) {
        for l in 0..s.lines.len() {
            let line = s.line_tokens(l);
            let mut i = line.start;
            while i + 2 < line.end && i < line.start + 2 && s.tokens[i].flags & GREETING != 0 {
                i += 1;
            }
            if i + 1 >= line.end {
                continue;
            }
            let t = &s.tokens[i];
            if !t.alpha {
                continue;
            }
            // (the first byte and the length first: most lines open with no greeting)
            let lw = Self::lw(s, t);
            let shape = lw.as_bytes().first().map_or(0, |&b| {
                self.greeting_first_shapes[usize::from(b)] & 1 << lw.len().min(15)
            });
            if shape == 0 {
                continue;
            }
            let len = self.greeting_phrases.iter().find_map(|p| {
                let fits = i + p.len() <= line.end
                    && p.iter().enumerate().all(|(k, w)| {
                        let x = &s.tokens[i + k];
                        (k == 0 || x.joined_prev) && Self::lw_is(s, x, w)
                    });
                fits.then_some(p.len())
            });
            if let Some(len) = len {
                // (only the last word is the greeting: a capitalised word after a greeting
                // is a name called, "Hi Tag", which "Guten Tag" is not)
                for k in 0..len {
                    s.forget_strong_name(s.tokens[i + k].flags);
                    s.tokens[i + k].flags = if k + 1 == len { GREETING | WORD } else { WORD };
                }
                s.flags_any |= GREETING | WORD;
            }
        }
    }

    /// On a line in mixed case, two or three words in capitals side by side that are in no
    /// list and no misspelt English word read as a capitalised name would ("Rx for JELKA
    /// TORVANE is ready", "JELKA TORVANE - appt confirmed"): the name rules then judge them
    /// by their context as they judge "Jelka Torvane". One such word alone stays as it is
    /// (notes write their short forms in capitals).
    #[inline(never)]
    fn read_capital_runs_as_names(&self, s: &mut LexScratch) {
        // (a word in no list has four letters at least: most words in capitals in notes have
        // fewer, and the search passes them over)
        let candidate = |t: &Token| {
            t.shape == Shape::Upper && t.end - t.start >= 4 && t.case == LineCase::Mixed
        };
        let mut i = 0;
        while let Some(k) = s.tokens[i..].iter().position(candidate) {
            let from = i + k;
            let to = from
                + 1
                + s.tokens[from + 1..]
                    .iter()
                    .take_while(|t| t.joined_prev && candidate(t))
                    .count();
            if (2..=3).contains(&(to - from))
                && (from..to).all(|k| self.unknown_not_misspelt(s, &s.tokens[k]))
            {
                for t in &mut s.tokens[from..to] {
                    t.shape = Shape::Capitalized;
                }
            }
            i = to;
        }
    }

    pub(super) fn lw<'a>(s: &'a LexScratch, t: &Token) -> &'a str {
        &s.lower[t.lrange()]
    }

    /// Is the token, lower-cased, the word `w`? (The length first, and no char-boundary
    /// checks: most tokens are tested against a word in a loop over all of them.)
    #[inline]
    pub(super) fn lw_is(s: &LexScratch, t: &Token, w: &str) -> bool {
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
    pub(super) fn prev_phrases(
        &self,
        s: &mut LexScratch,
        text: &str,
        i: usize,
        max_k: usize,
    ) -> usize {
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
        // (nor a slash after a relation word, which joins alternatives: "friend/lawyer")
        if s.tokens[i].after_tag
            || gap.contains('\n')
            || gap.contains(['.', '!', '?', ';'])
                && !gap.trim().is_empty()
                && !is_title(s.tokens[i - 1].flags)
            || (gap.contains('/') && s.tokens[i - 1].flags & RELATION != 0)
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

    /// The phrase of the last `k` words [`Self::prev_phrases`] built.
    pub(super) fn phrase_of(s: &LexScratch, k: usize) -> &str {
        &s.phrase[s.phrase_starts[k]..]
    }

    /// Does a phrase of `set` (of at most `max_k` words: `strong_intros`…) end just before
    /// token `i`? (`mark_places` and `mark_message_senders` still spell it out: through
    /// this call, their code generation cost `detect/sms` 1.7–1.9% more instructions.)
    #[inline(always)]
    pub(super) fn phrase_before(
        &self,
        s: &mut LexScratch,
        text: &str,
        i: usize,
        max_k: usize,
        set: &FxHashSet<Box<str>>,
    ) -> bool {
        (1..=self.prev_phrases(s, text, i, max_k)).any(|k| set.contains(Self::phrase_of(s, k)))
    }

    /// Does an intro, weak ("with", "thanks") or strong ("talked to", "my name is"), end
    /// just before token `i`? (Out of line: asked only once other cues have failed.)
    #[inline(never)]
    pub(super) fn intro_before(&self, s: &mut LexScratch, text: &str, i: usize) -> bool {
        (1..=self.prev_phrases(s, text, i, 3)).any(|k| {
            let p = Self::phrase_of(s, k);
            self.weak_intros.contains(p) || self.strong_intros.contains(p)
        })
    }
}

/// How many times [`Lexicon::detect`] reads a text at most (see there).
const MAX_ROUNDS: usize = 3;

/// Line `k`'s counts once the tokens `gone` picks no longer count.
fn counts_without(s: &LexScratch, k: usize, mut gone: impl FnMut(&Token) -> bool) -> LineCounts {
    let mut left = s.lines[k].1;
    for t in s.tokens[s.line_tokens(k)].iter().filter(|t| gone(t)) {
        left.add(t, -1);
    }
    left
}

/// Would a line read in another case once `spans` (sorted by start, disjoint: the matcher's
/// final spans) are tags? The rounds of [`Lexicon::detect`] judge each line with the words
/// that stay words, but an address block grows after them (`address::extend`) and may take
/// in words that judged a line: "AA Ę" after "123 Main St Apt 4" make a line read in capitals,
/// where a capitalised word in no list is no name; inside the tag, they no longer do, and the
/// next redaction would find the name. When this says so, the matcher reads the text again
/// with the final spans as tags-to-be. (Only lines where a span took in a word no rule had
/// found: the rounds already judged the others.)
pub(in crate::redact) fn case_changes_under(s: &LexScratch, spans: &[Span]) -> bool {
    let mut next = 0;
    (0..s.lines.len()).any(|k| {
        let mut inside_any = false;
        let left = counts_without(s, k, |t| {
            while next < spans.len() && spans[next].end <= t.start {
                next += 1;
            }
            let inside = spans
                .get(next)
                .is_some_and(|sp| sp.start <= t.start && t.end <= sp.end);
            inside_any |= inside && t.label.is_none();
            inside || t.label.is_some()
        });
        inside_any && left.flat() != s.lines[k].1.flat()
    })
}

/// Does token `t` lie inside one of `spans` (sorted by start, disjoint)?
fn inside_spans(spans: &[Span], t: &Token) -> bool {
    let k = spans.partition_point(|sp| sp.end <= t.start);
    spans
        .get(k)
        .is_some_and(|sp| sp.start <= t.start && t.end <= sp.end)
}

impl Lexicon {
    /// Would a line be read in another language once `spans` (the matcher's final spans,
    /// as in [`case_changes_under`]) are tags?
    pub(in crate::redact) fn language_changes_under(
        &self,
        text: &str,
        s: &LexScratch,
        spans: &[Span],
    ) -> bool {
        self.language_changes(text, s, |t| t.label.is_some() || inside_spans(spans, t))
    }
}

/// Would a line read in another case once its found words are tags?
fn case_changes_without_labelled(s: &LexScratch) -> bool {
    (0..s.lines.len()).any(|k| {
        let left = counts_without(s, k, |t| t.label.is_some());
        left.flat() != s.lines[k].1.flat()
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

/// "Giovanna Rodrigues MD": "MD" after a name of two words or more written with spaces, one
/// space before it, is part of the name as a suffix is (as the synthetic messages write it);
/// after a surname alone, a comma or a hyphenated name, it stays outside ("Halvek MD", "J.
/// Yi, MD", "Stord-Painter MD", as notes write it). (Asked only of a capitalised word of
/// two to four letters after a name.)
#[cold]
fn full_name_md(text: &str, toks: &[Token], i: usize, j: usize) -> bool {
    let b = text.as_bytes();
    &b[toks[j].start..toks[j].end] == b"MD"
        && j - i >= 2
        && (i + 1..=j).all(|k| &b[toks[k - 1].end..toks[k].start] == b" ")
}

/// The token that "and" (or "or", with `or`) after token `a` pairs it with, or the token right
/// after `a` when only "&" stands between them: its index ("Wisdom and Discipline", "Mystery
/// & Suspense", "5th and Pine"). Not across a tag.
pub(super) fn partner_after(text: &str, s: &LexScratch, a: usize, or: bool) -> Option<usize> {
    let nx = s.tokens.get(a + 1)?;
    if nx.after_tag {
        return None;
    }
    if text[s.tokens[a].end..nx.start].trim() == "&" {
        return Some(a + 1);
    }
    let p = s.tokens.get(a + 2)?;
    (nx.joined_prev
        && p.joined_prev
        && (Lexicon::lw_is(s, nx, "and") || (or && Lexicon::lw_is(s, nx, "or"))))
    .then_some(a + 2)
}

/// A word in no English list that the rules found as a place somewhere in the text names
/// the same place wherever else the text writes it, with no cue there ("TRANSFERRED TO
/// VELKMOOR 3 … NOTES FROM F-MICU/VELKMOOR/CCU"), and so does the word with a number glued
/// to it ("VELKMOOR3", a ward). (Places only: a name found once is found again by the
/// rules that found it, and a word in no list taken for a name — a misspelt word, a drug —
/// would be taken everywhere.)
///
/// Returns whether it labelled a token. (Called only when [`emit`] says a place holds such a
/// word: most texts name none.)
#[cold]
#[inline(never)]
fn mark_found_places_again(s: &mut LexScratch) -> bool {
    // the found words: at most a few, as ranges of the lower-case buffer
    let mut found = [(0u32, 0u32); 8];
    let mut n = 0;
    for t in &s.tokens {
        if t.label == Some(Label::Address)
            && unlisted_place_word(t)
            && n < found.len()
            && !found[..n].iter().any(|&(a, b)| {
                s.lower.as_bytes()[a as usize..b as usize] == s.lower.as_bytes()[t.lrange()]
            })
        {
            found[n] = (t.lstart, t.lend);
            n += 1;
        }
    }
    let mut marked = false;
    let lower = s.lower.as_bytes();
    for t in &mut s.tokens {
        if t.label.is_some() || t.numeric || t.alpha && t.flags & WORD != 0 {
            continue;
        }
        let w = &lower[t.lrange()];
        for &(a, b) in &found[..n] {
            let f = &lower[a as usize..b as usize];
            let same = if t.alpha {
                w == f
            } else {
                w.len() > f.len() && w.starts_with(f) && w[f.len()..].iter().all(u8::is_ascii_digit)
            };
            if same {
                t.label = Some(Label::Address);
                marked = true;
                break;
            }
        }
    }
    marked
}

/// A word of a place that [`mark_found_places_again`] looks for elsewhere in the text: in no
/// English list, of four letters or more.
fn unlisted_place_word(t: &Token) -> bool {
    t.alpha && t.flags & WORD == 0 && t.lend - t.lstart >= 4
}

/// Turn labelled tokens into spans, joining runs of the same label; a name takes in a
/// suffix right after it (the lexicon's `name_suffixes`: "Joseph Probst DVM", "Mark Hill
/// III") and leaves out a possessive; a place of one word in the possessive is its owner
/// ([`owners_of_places`]). Returns whether a place holds a word that
/// [`mark_found_places_again`] looks for. (Out of line: inlined into `detect`, it made the
/// tokenizer's code there ~1% dearer in instructions.)
#[inline(never)]
fn emit(text: &str, s: &LexScratch, lex: &Lexicon, out: &mut Vec<Span>) -> bool {
    let emitted = out.len();
    let mut unlisted_place = false;
    // (an address of one word with an apostrophe may be its owner's name: see below)
    let mut owner = false;
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
        // (a possessive ends a name: "Maria's Jelka Torvane" is two people, "Acme's Jelka
        // Torvane" a firm's person)
        while j < toks.len()
            && toks[j].label == Some(label)
            && toks[j].joined_prev
            && !(label == Label::Name && toks[j - 1].ends_in_possessive(text))
        {
            end = toks[j].end;
            j += 1;
        }
        owner |= label == Label::Address && j == i + 1 && toks[i].apostrophe;
        unlisted_place |= label == Label::Address && toks[i..j].iter().any(unlisted_place_word);

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
                    && (lex.name_suffixes.contains(&s.lower[nx.lrange()])
                        || full_name_md(text, toks, i, j))
                {
                    end = nx.end;
                    j += 1;
                }
            }
        }
        // a possessive stays outside a name: "[NAME]'s dog" reads as the text did, and a
        // pseudonym of "Jennifer's" is that of "Jennifer"
        if label == Label::Name && toks[j - 1].apostrophe {
            end -= possessive_len(&text.as_bytes()[start..end]);
        }
        // a state of two words or more is no identifier, and a compass word and a name
        // after "in" are a town: see `multi_word_reading` (most spans open with no state's
        // first word, nor with an English word of four or five letters: two tests and on)
        let mut label = label;
        if j - i >= 2 && j - i <= 4 && (label == Label::Name || label == Label::Address) {
            let lw = &s.lower.as_bytes()[toks[i].lrange()];
            let may_state = lex.state_firsts.may_hold(lw);
            let may_compass = j - i == 2
                && label == Label::Name
                && toks[i].flags & WORD != 0
                && (4..=5).contains(&lw.len());
            if may_state || may_compass {
                match multi_word_reading(lex, text, s, i, j, label) {
                    Some(l) => label = l,
                    None => {
                        i = j;
                        continue;
                    }
                }
            }
        }
        // a name of one word may be none: see `lone_name_reading` (most are no facility
        // word or credential, nor of a month's first and last letters and length: a few
        // tests and on)
        if label == Label::Name && j == i + 1 {
            let t = &toks[i];
            let lw = &s.lower.as_bytes()[t.lrange()];
            if t.flags & (FACILITY | WORD | COMMON) == FACILITY | WORD
                || t.flags & CREDENTIAL != 0
                || lex.month_ends.may_hold(lw)
            {
                match lone_name_reading(lex, s, i) {
                    Some(l) => label = l,
                    None => {
                        i = j;
                        continue;
                    }
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
    if owner {
        owners_of_places(lex, text, s, &mut out[emitted..]);
    }
    unlisted_place
}

/// What a name of one word, token `i`, is when it is no person's: nothing, for a facility
/// word alone after a preposition ("d/c to Rehab tomorrow", "screening for Rehab": the
/// facility's kind; not a common surname, "spoke to Ward"), or for a credential in capitals
/// ("T. Orsk, RN, BSN"); a date, for a month no one is named by ("since October", "it was
/// July": a date's month; not after a title, "Dr. March"). Otherwise the name. (Out of
/// line: asked only of names that may be one of those.)
#[cold]
#[inline(never)]
fn lone_name_reading(lex: &Lexicon, s: &LexScratch, i: usize) -> Option<Label> {
    let toks = &s.tokens;
    let t = &toks[i];
    let joined_after = |f: u32| i > 0 && t.joined_prev && toks[i - 1].flags & f != 0;
    if t.flags & (FACILITY | WORD | COMMON) == FACILITY | WORD
        && (joined_after(PREP) || i > 0 && t.joined_prev && Lexicon::lw_is(s, &toks[i - 1], "for"))
    {
        return None;
    }
    // a credential in capitals alone, after another ("T. Orsk, RN, BSN"): no name
    if t.flags & CREDENTIAL != 0 && t.shape == Shape::Upper {
        return None;
    }
    if !joined_after(TITLE) && lex.month_words.contains(&s.lower[t.lrange()]) {
        return Some(Label::Date);
    }
    Some(Label::Name)
}

/// What a span of tokens `i..j` (two to four words), read as `label`, is: nothing, for a
/// state of two words or more that names no town ("lives in North Carolina", "moved to New
/// Jersey": no identifier, as a state of one word is none); a town, for a name of a compass
/// word and a capitalised word after "in" or "near" ("grew up in West Velkton", "I live in
/// North Angela"; see [`compass_town`]). Otherwise `label`. (Out of line: asked only of
/// spans that open with a state's first word or a short English word.)
#[cold]
#[inline(never)]
fn multi_word_reading(
    lex: &Lexicon,
    text: &str,
    s: &LexScratch,
    i: usize,
    j: usize,
    label: Label,
) -> Option<Label> {
    if is_state_phrase(lex, text, s, i, j) {
        return None;
    }
    if label == Label::Name
        && j == i + 2
        && s.tokens[i + 1].shape == Shape::Capitalized
        && s.tokens[i + 1].case == LineCase::Mixed
        && compass_town(text, s, i + 1)
    {
        return Some(Label::Address);
    }
    Some(label)
}

/// Are tokens `i..j`, one space between each, a state of `state_phrases` ("North
/// Carolina")? (Out of line: asked only of spans whose first word opens one.)
#[cold]
#[inline(never)]
pub(super) fn is_state_phrase(
    lex: &Lexicon,
    text: &str,
    s: &LexScratch,
    i: usize,
    j: usize,
) -> bool {
    let toks = &s.tokens[i..j];
    if toks.windows(2).any(|w| &text[w[0].end..w[1].start] != " ") {
        return false;
    }
    let mut phrase = String::new();
    for (k, t) in toks.iter().enumerate() {
        if k > 0 {
            phrase.push(' ');
        }
        phrase.push_str(&s.lower[t.lrange()]);
    }
    lex.state_phrases.contains(phrase.as_str())
}
