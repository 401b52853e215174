//! How a found name grows: over neighbouring name words and initials (to a fixpoint), the
//! unknown word before "and" and a title, and the particles that open a surname.

use super::build::Lexicon;
use super::flags::{
    is_title, COMMON, EPONYM_NEXT, FACILITY, FIRST, GREETING, INITIAL_CUE, LAST, NAME_PARTICLE,
    NEVER, PREP, RELATION, STATE, STRONG_TITLE, STRONG_TITLE_DOT, SUFFIX, TITLE, UNIT, VERB, WORD,
};
use super::names::{name_neighbour, sentence_end_between, strong_title_before, title_initial};
use super::scratch::LexScratch;
use super::token::{LineCase, Shape, Token};
use crate::redact::label::Label;

impl Lexicon {
    /// "met with velkaro and dr tamsko", "ORSKAV AND DR. TAMSKO": before "and" and a
    /// name that a title introduces, a word in no list that reads as a word names a
    /// person too.
    /// (Out of line, and only when the text has a title: inlined, it changed how the
    /// tokenizer's loop in [`Lexicon::detect`] was compiled, +3% instructions.)
    #[inline(never)]
    pub(super) fn names_before_and_title(&self, s: &mut LexScratch) {
        // a word of `min` letters or more, not yet labelled, in no list, that reads as a
        // word and is no misspelt one
        let word_in_no_list = |s: &LexScratch, t: &Token, min: usize| {
            t.alpha
                && t.label.is_none()
                && t.end - t.start >= min
                && super::places::reads_as_word(Self::lw(s, t))
                && self.unknown_not_misspelt(s, t)
        };
        let mut from = 3;
        while let Some(i) = s.next_name(from) {
            from = i + 1;
            // (the title and "and" first, by reference: most names have neither before them)
            let (and, p) = (&s.tokens[i - 2], &s.tokens[i - 1]);
            if !(is_title(p.flags)
                && p.joined_prev
                && s.tokens[i].joined_prev
                && and.joined_prev
                && Self::lw_is(s, and, "and"))
            {
                continue;
            }
            let x = s.tokens[i - 3];
            if word_in_no_list(s, &x, 4) && !self.clinical_ending(Self::lw(s, &x)) {
                s.set_name(i - 3);
                // and such a word right before it, the first name: "MIRDO ORSKAV AND DR…"
                if i >= 4 && x.joined_prev && word_in_no_list(s, &s.tokens[i - 4], 3) {
                    s.set_name(i - 4);
                }
            }
        }
    }

    /// Token `i + 1` (capitalised, as token `i`, a name that is no English word) follows it
    /// after a hyphen alone, or after one space with a capitalised name of the lists that is
    /// no English word or a common name (or one with letters outside ASCII) after it by one
    /// space too, no sentence's start and no word of `never_names` (see
    /// [`Self::expand_names`]). (Out of line: asked only of a capitalised word after a
    /// capitalised name.)
    #[inline(never)]
    fn middle_or_hyphened(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let (m, t) = (&s.tokens[i], &s.tokens[i + 1]);
        // (only after a name that is no English word: not "Eaton Vance Tax-Managed", "Rain
        // Industries Ltd", words taken for names by their capital)
        if m.flags & WORD != 0 {
            return false;
        }
        let gap = &text[m.end..t.start];
        if gap == "-" {
            return true;
        }
        // (a possessive ends a name: "KOUHATSU INCORPORATED's Ferko")
        gap == " "
            && !t.sentence_start
            && !t.apostrophe
            && t.flags & (NEVER | VERB) == 0
            && s.tokens.get(i + 2).is_some_and(|k| {
                // (and before a name of the lists that is no English word or a common one,
                // "Smith", or one with letters outside ASCII: not "Arcturus Therapeutics
                // Ltd", "New India Assurance Company Ltd")
                k.label == Some(Label::Name)
                    && k.shape == Shape::Capitalized
                    && (k.flags & (FIRST | LAST) != 0
                        && (k.flags & WORD == 0 || k.flags & COMMON != 0)
                        || k.foreign())
                    && &text[t.end..k.start] == " "
            })
    }

    /// Grow names over neighbouring name-like tokens and initials, to a fixpoint.
    pub(super) fn expand_names(&self, text: &str, s: &mut LexScratch) {
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
            if i == 0 || !(m.alpha && m.shape == Shape::Upper && m.joined_prev) {
                continue;
            }
            if m.end - m.start == 1
                && s.tokens[i - 1].flags & (STRONG_TITLE | STRONG_TITLE_DOT) != 0
                && title_initial(text, s, i)
            {
                s.set_name(i);
                continue;
            }
            if i + 1 == n {
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
        // "DRS HALVEK AND MORRINGTON", "daughters velkara and orsmina": after a name with a
        // title or a relation word before it, "and" and a word in no list (or only in the name
        // lists) name a second person
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
                && (is_title(p.flags) || p.flags & RELATION != 0)
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
                    // (a possessive ends a name: "MARIA'S CELL", "Maria's Cell")
                    if !s.tokens[b].joined_prev || s.tokens[a].ends_in_possessive(text) {
                        continue;
                    }
                    // no name runs on across a sentence's end ("It's Yusuf. Running late"):
                    // a period joins only after an initial or a short abbreviation ("J.
                    // Smith", "St. Cyr")
                    if s.tokens[b].sentence_start && sentence_end_between(text, s, a, b) {
                        continue;
                    }
                    let t = s.tokens[j];
                    // on a line in mixed case, a word in lower case right after a capitalised
                    // given name, or a name after a title, is no part of it unless a list says
                    // so: a name's parts share its capital ("Sofía dejó", "Ana llegó tarde",
                    // "El Dr. Herrera pidió", "Héctor Rivera venció": the verbs of other
                    // languages are in no list). (After a word that is no given name, a
                    // place may go on in lower case: "Novo mesto", "Velký průhon")
                    let lower_after_capital = j == i + 1
                        && lower_beside_capitalised(&s.tokens[i], &t)
                        && (s.tokens[i].flags & FIRST != 0
                            || (i > 0 && {
                                let p = &s.tokens[i - 1];
                                p.flags & TITLE != 0
                                    || (p.label == Some(Label::Name)
                                        && p.flags & FIRST != 0
                                        && p.shape == Shape::Capitalized
                                        && s.tokens[i].joined_prev)
                            }))
                        && t.flags & (FIRST | LAST | NAME_PARTICLE) == 0;
                    // nor, before a capitalised given name, a word in lower case that no
                    // list has as a given name: surnames follow ("non mwen se Jocelyn
                    // Etienne": "se" is a surname of the lists)
                    let lower_before_given = j + 1 == i
                        && lower_beside_capitalised(&s.tokens[i], &t)
                        && s.tokens[i].flags & FIRST != 0
                        && t.flags & (FIRST | NAME_PARTICLE) == 0;
                    if lower_after_capital || lower_before_given {
                        continue;
                    }
                    // a word opening the sentence that is no common name is no part of the
                    // name after it: "Call Maria at 10", "Thank Ingrid" (but "Will Smith")
                    if j < i && t.sentence_start && t.flags & WORD != 0 && t.flags & COMMON == 0 {
                        continue;
                    }
                    // nor an imperative before a given name, or one that is no given name
                    // itself before a surname: "Call Maria", "Call Rincon" ("Page Olsen" is
                    // a name)
                    if j < i
                        && t.sentence_start
                        && (s.tokens[i].flags & FIRST != 0 || t.flags & FIRST == 0)
                        && crate::redact::patterns::contains_ascii_ci(
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
                    // "my name is john smith": see `Self::intro_surname` (the flags first, the
                    // rest out of line: most neighbours are no common surname)
                    let intro_surname = j == i + 1
                        && t.flags & (LAST | COMMON) == LAST | COMMON
                        && self.intro_surname(text, s, i);
                    // "Anna Bilge Smith", "Gülzadiye Bilge Akça": a capitalised word between
                    // two capitalised parts of a name inside a mixed-case sentence, a space on
                    // either side, is its middle name, even a word; "Marie-Theres Schuster":
                    // a capitalised part after a hyphen is the name's too, even a word of
                    // `never_names` ("theres" is a text message's "there's")
                    let middle_or_hyphened = j == i + 1
                        && t.alpha
                        && t.case == LineCase::Mixed
                        && t.shape == Shape::Capitalized
                        && s.tokens[i].shape == Shape::Capitalized
                        && t.end - t.start >= 3
                        && t.flags & (TITLE | RELATION | STATE | FACILITY | GREETING | PREP) == 0
                        && self.middle_or_hyphened(text, s, i);
                    if name_neighbour(&t)
                        || surname_after_first
                        || cased_surname
                        || function_word_first
                        || unknown_after
                        || intro_surname
                        || middle_or_hyphened
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
                            // (before the particles, a given name that is also a word is
                            // the name's first part: "Maria de la Cruz", "Rose van Dijk";
                            // "Contact de la Cruz" is no name)
                            && (s.tokens[k].flags & WORD == 0
                                || s.tokens[k].flags & FIRST != 0
                                || j > i)
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
                        // (on a line in mixed case, a letter in lower case after a capitalised
                        // name and without a period is a word, no initial: "Dra. Ruiz a las
                        // 10", "Ana y Rosa")
                        let lower_word = lower_beside_capitalised(&s.tokens[i], &t)
                            && text.as_bytes().get(t.end) != Some(&b'.');
                        let surname = !lower_word
                            && (between_names
                                || (k.alpha
                                    && k.joined_prev
                                    && k.label.is_none()
                                    && k.end - k.start >= 3
                                    && k.flags & (NEVER | TITLE | STATE | RELATION) == 0
                                    && k.flags & WORD == 0
                                    && (k.flags & LAST != 0
                                        || k.foreign()
                                        // "eric g. velmorova": an unknown word after a first
                                        // name and an initial, as right after a first name
                                        // (or after any name, with the initial's period,
                                        // a word in no list at all: "kowalczyk t. brisanko")
                                        || ((s.tokens[i].flags & FIRST != 0
                                            || (text.as_bytes().get(t.end) == Some(&b'.')
                                                && self.in_no_list(s, &k)))
                                            && k.end - k.start >= 4
                                            && k.flags & VERB == 0
                                            && !self.clinical_ending(Self::lw(s, &k))))));
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

impl Lexicon {
    /// "de Vaan began…", "than early van de Noort", "says van den Heuvel": one or two
    /// particles, the first one opening no other language's phrase ("de", "van"; not "la",
    /// "do" or "al"), in lower case right before a capitalised name that is no given name
    /// and after no capitalised word or number, open its surname. After the other name
    /// rules, so that such a particle takes in nothing more ("casa de Maria").
    /// (Out of line, and only on a text with a particle.)
    #[inline(never)]
    pub(super) fn mark_opening_particles(&self, s: &mut LexScratch) {
        let mut from = 1;
        while let Some(i) = s.next_name(from) {
            from = i + 1;
            let t = s.tokens[i];
            // (nor a given name, a surname of the lists too or not: "los resultados de
            // Andrés Álvarez", "mamá de Juan"; surnames that particles open are no given
            // names, "de Vaan", "van de Noort")
            if t.shape != Shape::Capitalized || t.case != LineCase::Mixed || t.flags & FIRST != 0 {
                continue;
            }
            // (a particle right before it may be taken already, and the inner one of two
            // may be any name particle: "van der Torre", "van den Heuvel")
            let mut lo = i;
            while lo > 0 && i - lo < 2 && s.tokens[lo].joined_prev && {
                let p = &s.tokens[lo - 1];
                p.label.is_none_or(|l| l == Label::Name)
                    && p.flags & NAME_PARTICLE != 0
                    && p.shape == Shape::Lower
            } {
                lo -= 1;
            }
            while lo < i && !self.surname_particle(s, lo) {
                lo += 1;
            }
            if lo == i || s.tokens[lo..i].iter().all(|x| x.label == Some(Label::Name)) {
                continue;
            }
            let opens = lo == 0 || !s.tokens[lo].joined_prev || {
                let k = s.tokens[lo - 1];
                k.alpha && k.shape != Shape::Capitalized
            };
            if opens {
                for x in lo..i {
                    s.set_name(x);
                }
            }
        }
    }

    /// Token `x` is a particle in lower case that opens a surname and no phrase of another
    /// language in English text (`surname_openers` in the cues).
    fn surname_particle(&self, s: &LexScratch, x: usize) -> bool {
        let t = &s.tokens[x];
        t.flags & NAME_PARTICLE != 0
            && t.shape == Shape::Lower
            && self.surname_openers.contains(Self::lw(s, t))
    }
}

/// `t`, a word right beside the capitalised name `name` (after it or before it), is in
/// lower case on a line in mixed case: the name's capital does not reach it (see
/// `expand_names`).
#[inline]
fn lower_beside_capitalised(name: &Token, t: &Token) -> bool {
    t.shape == Shape::Lower && t.case == LineCase::Mixed && name.shape == Shape::Capitalized
}
