//! Names found by their words and context: the name rules (how a found name grows over its
//! neighbours is `name_growth`'s).

use rustc_hash::FxHashSet;

use super::build::Lexicon;
use super::flags::{
    is_title, COMMON, CREDENTIAL, EPONYM_NEXT, FACILITY, FIRST, FOREIGN, GREETING, INITIAL_CUE,
    LAST, NAME_PARTICLE, NEVER, PHRASE_END, PLACE, PLACE_PREFIX, PREP, RELATION, STATE,
    STRONG_TITLE, STRONG_TITLE_DOT, SUFFIX, TITLE, UNIT, VERB, WORD,
};
use super::places::capital_initial;
use super::scratch::LexScratch;
use super::token::{
    after_blanks, after_field_colon, line_blank_before, line_start, opens_line, text_blank_before,
    LineCase, Shape, Token,
};
use crate::redact::label::Label;
use crate::redact::span::possessive_len;

/// Does `w` hold an ASCII letter three times in a row ("sooo", "pleeease")? (Out of line:
/// asked only of words in no list.)
#[inline(never)]
fn tripled_letter(w: &[u8]) -> bool {
    w.windows(3)
        .any(|x| x[0] == x[1] && x[1] == x[2] && x[0].is_ascii_alphabetic())
}

impl Lexicon {
    /// Token `k` is a verb of contact ("called", "aware", …) joined to the word before it,
    /// in lower case or in the case `shape` of the name before it.
    pub(super) fn contact_verb_at(
        &self,
        text: &str,
        s: &LexScratch,
        k: usize,
        shape: Shape,
    ) -> bool {
        s.tokens.get(k).is_some_and(|v| {
            v.joined_prev
                && v.alpha
                && (v.shape == Shape::Lower || v.shape == shape)
                && crate::redact::patterns::contains_ascii_ci(
                    &self.contact_verbs,
                    &text[v.start..v.end],
                )
        })
    }

    /// Can no rule of [`Self::mark_names`] take token `i`? Judged by reference (a token is a
    /// wide copy), before the rules, for most tokens:
    /// - no word; a word never a name alone unless capitalised on a mixed-case line right
    ///   after a strong title (the rules for those read it there: "Dr. Art Lindqvist");
    /// - a lower-case English word in no name list and no given name, not after a title or
    ///   relation word (every rule wants a listed name, an unknown word, capitals, or such a
    ///   cue); when it is a surname ("card", "list"), only two rules take it: the answer to
    ///   a question for a name (2g, after "?" or ":") and a surname after an initial and its
    ///   period (6, "j. card rn");
    /// - a capitalised word or one in capitals in no name list and no cue itself ("Reply",
    ///   "Neuro", "LS"): only the cues before a name take it (4: a title or relation word
    ///   before it, or, capitalised, a greeting or the end of a cue phrase), and capitalised,
    ///   2g;
    /// - a word in no list with a letter three times over ("sooo"), a word stretched.
    #[inline(always)]
    fn no_name_rule_takes(text: &str, s: &LexScratch, i: usize) -> bool {
        let t = &s.tokens[i];
        if !t.alpha {
            return true;
        }
        if t.flags & NEVER != 0 {
            // (both of its rules want a strong title right before it)
            return t.shape != Shape::Capitalized
                || t.case != LineCase::Mixed
                || i.checked_sub(1)
                    .is_none_or(|k| s.tokens[k].flags & (STRONG_TITLE | STRONG_TITLE_DOT) == 0);
        }
        // "this is sooo good", "i'm wayyy tired": a word in no list with a letter three
        // times over is a word stretched, as chat writes it; no name is written so
        if t.flags == 0 && t.end - t.start >= 4 {
            return tripled_letter(&s.lower.as_bytes()[t.lrange()]);
        }
        let plain_word = t.flags & (WORD | FIRST) == WORD
            && match t.shape {
                Shape::Lower => true,
                Shape::Capitalized | Shape::Upper => {
                    t.flags & (LAST | TITLE | RELATION | STATE) == 0
                }
                Shape::Other => false,
            };
        if !plain_word {
            // "El paciente llamó", "La Dra. Ruiz", "De acuerdo": a name particle that is
            // no common given name, opening a sentence before a word in lower case or a
            // title, is an article or a preposition (not "Al called", "Van picked", nor "El
            // Louza"). (Asked here, of the words that are no plain word only: at the top it
            // cost every word of the SMS a test)
            return t.flags & (NAME_PARTICLE | COMMON) == NAME_PARTICLE
                && t.sentence_start
                && t.shape == Shape::Capitalized
                && s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.joined_prev
                        && nx.alpha
                        && ((nx.shape == Shape::Lower && nx.case == LineCase::Mixed)
                            || nx.flags & TITLE != 0)
                });
        }
        let Some(p) = i.checked_sub(1).map(|k| &s.tokens[k]) else {
            return true;
        };
        if p.flags & (TITLE | RELATION) != 0 {
            return false;
        }
        let after = text.as_bytes()[p.end];
        match t.shape {
            Shape::Upper => true,
            Shape::Capitalized => {
                p.flags & (GREETING | PHRASE_END) == 0 && !matches!(after, b'?' | b':')
            }
            _ => {
                t.flags & LAST == 0
                    || match after {
                        b'?' | b':' => false,
                        b'.' => p.end - p.start > 1,
                        _ => true,
                    }
            }
        }
    }

    pub(super) fn mark_names(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        for i in 0..n {
            if Self::no_name_rule_takes(text, s, i) {
                continue;
            }
            let t = s.tokens[i];
            if t.flags & NEVER != 0 {
                // "Dr. Art Lindqvist": after a strong title, a capitalised word that is never a
                // name alone is the first name when a capitalised surname follows
                let p = (i > 0).then(|| s.tokens[i - 1]);
                let titled =
                    p.is_some_and(|p| strong_title_before(text, &p, &t) && adjacent(text, &p, &t));
                let surname_next = s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.joined_prev
                        && nx.alpha
                        && nx.shape == Shape::Capitalized
                        && nx.end - nx.start >= 3
                        && nx.flags & (NEVER | TITLE | STATE | FACILITY | UNIT) == 0
                });
                // (the word is capitalised on a mixed-case line: the skip above saw to it)
                if titled && surname_next && t.end - t.start >= 2 {
                    s.tokens[i].label = Some(Label::Name);
                    s.tokens[i + 1].label = Some(Label::Name);
                } else if titled
                    && t.end - t.start >= 3
                    && t.flags & (FIRST | LAST) != 0
                    && t.flags & (TITLE | RELATION | GREETING) == 0
                    && p.is_some_and(|p| p.shape == Shape::Capitalized)
                {
                    // "Mr. Akin", "Mrs. English": a listed name after a capitalised strong
                    // title, even a word that is never a name alone (not "MS. Pt": the
                    // title is in capitals)
                    s.tokens[i].label = Some(Label::Name);
                }
                continue;
            }
            let len = t.end - t.start;
            let f = t.flags;
            let in_names = f & (FIRST | LAST) != 0;
            let is_word = f & WORD != 0;
            let mixed = t.case == LineCase::Mixed;
            let abbrev = t.shape == Shape::Upper && len <= 3 && mixed;
            // a credential right after it: "… Tallow MD", "q. tamsen rrt"
            let credential = s
                .tokens
                .get(i + 1)
                .is_some_and(|nx| nx.joined_prev && nx.alpha && nx.flags & CREDENTIAL != 0);
            // plural or possessive abbreviations ("ABGs", "PIVs", "LFT's") are never names
            let word_text = &text[t.start..t.end];
            // (the last byte first: most words do not end in "s")
            let caps_plural = word_text.ends_with('s') && {
                let core = word_text
                    .strip_suffix("'s")
                    .or_else(|| word_text.strip_suffix('s'))
                    .unwrap_or(word_text);
                core.len() >= 2
                    && core.len() < word_text.len()
                    && core.bytes().all(|b| b.is_ascii_uppercase())
            };
            if caps_plural {
                continue;
            }
            // a letter or two and a verb contraction ("D/C'd", "I'll") is no name
            // (only a word the tokenizer saw an apostrophe in: the char search decodes every
            // char)
            if let Some((head, tail)) = t
                .apostrophe
                .then(|| word_text.split_once(['\'', '\u{2019}']))
                .flatten()
            {
                if head.chars().count() <= 2
                    && ["d", "ll", "ve", "re", "m", "t"]
                        .iter()
                        .any(|c| tail.eq_ignore_ascii_case(c))
                {
                    continue;
                }
            }
            // drug and clinical word endings ("Atenolol", "Tachycardic", "Doxacurium")
            let lw = &s.lower[t.lrange()];
            if lw.len() >= 6 && self.clinical_ending(lw) {
                continue;
            }
            // 1. dictionary names that are not words (in lower-case text a surname alone is
            // more often an eponym, "hickman", "brady": there only first names count)
            let mut name = in_names
                && f & COMMON != 0
                && !is_word
                && len >= 3
                && !abbrev
                && (t.shape != Shape::Lower || mixed || f & FIRST != 0)
                && f & (STATE | FACILITY | SUFFIX | TITLE | RELATION) == 0
                && !lower_particle(&t);
            // 1b. a state that is a given name too, capitalised inside a sentence right
            // before a listed surname taken so: "add Virginia Adkins" (see 2c)
            if name
                && i > 0
                && f & LAST != 0
                && !is_word
                && mixed
                && t.shape == Shape::Capitalized
                && t.joined_prev
            {
                let p = s.tokens[i - 1];
                if p.alpha
                    && p.label.is_none()
                    && p.flags & (STATE | FIRST) == STATE | FIRST
                    && p.shape == Shape::Capitalized
                    && !p.sentence_start
                {
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 2. proper nouns by capitalisation on mixed-case lines
            // (a capitalised unknown word opening a sentence is no evidence: notes capitalise
            // their jargon there)
            if !name
                && mixed
                && !is_word
                && len >= 2
                && !abbrev
                && (if t.sentence_start {
                    in_names
                        // (or a possessive of a word in no list that is no misspelt one,
                        // before a word in lower case: "Jelka's appointment is at 3")
                        || (t.ends_in_possessive(text)
                            && self.unknown_not_misspelt(s, &t)
                            && s.tokens.get(i + 1).is_some_and(|nx| {
                                nx.joined_prev && nx.alpha && nx.shape == Shape::Lower
                            }))
                        || (subject_like(text, &s.tokens, i, &self.vocative_followers)
                            // (a word of the vocabulary only before a verb of what a person
                            // does, "Valida spent a year": jargon and shorthand take "is",
                            // "has", the modals, and "and" opens a list of drugs or findings,
                            // "Appt is set", "Xarelto and Keppra given")
                            && !(self.in_vocabulary(lw)
                                && s.tokens.get(i + 1).is_some_and(|nx| {
                                    let v = Self::lw(s, nx);
                                    // (nor before where a person is: "Zofran at bedside")
                                    weak_subject_verb(v)
                                        || v == "had"
                                        || present_after(text, &s.tokens, i + 1)
                                })))
                } else {
                    // (the vocabulary holds no listed name nor, as far as GeoNames knows,
                    // a town; after a place preposition a word of it still counts, for the
                    // towns GeoNames lacks: "drove from X")
                    // (a word one edit from a clinical term is a misspelt drug more often
                    // than a name: "Remains on Labetelol", "Hold Captoril")
                    in_names
                        || (!self.in_vocabulary(lw)
                            && !self.near_clinical_term(lw)
                            && !self.letter_and_word(lw)
                            && !acronym_head(&text.as_bytes()[t.start..t.end]))
                        || (i > 0
                            && s.tokens[i - 1].flags & PREP != 0
                            && s.tokens[i - 1].alpha
                            && t.joined_prev
                            // ("2mg of Keppra": "of" and "via" say nothing of a place)
                            && !matches!(Self::lw(s, &s.tokens[i - 1]), "of" | "via"))
                })
                // (nor a relation word that is no English word, "tell Abuela I said hi",
                // "Bestie is here", unless a name comes right before it: "Loic Hermano"; nor
                // a street type in no name list, "Blvd", "Exp" of "Insp/Exp"; nor one right
                // after a tag, unless a common name: "drops you off at [ADDRESS] St." is what
                // a street closed by a second type becomes, see
                // `address::drop_doubled_street_types`)
                && f & (STATE | TITLE) == 0
                && f & (SUFFIX | FIRST | LAST) != SUFFIX
                && !(t.after_tag && f & (SUFFIX | COMMON) == SUFFIX)
                && (f & RELATION == 0
                    || (i > 0
                        && t.joined_prev
                        && s.tokens[i - 1].label == Some(Label::Name)))
                && (t.shape == Shape::Capitalized
                    || (t.shape == Shape::Upper && len >= 4 && in_names))
            {
                name = true;
            }
            // 2b. a capitalised surname inside a sentence before a credential in capitals,
            // even a word, or a word in no list at all: "Kresby-Tallow MD performed"
            if !name
                && mixed
                && credential
                && (f & LAST != 0 || self.in_no_list(s, &t))
                && (!t.sentence_start
                    || (i > 0
                        && &text[s.tokens[i - 1].end..t.start] == "-"
                        && s.tokens[i - 1].shape == Shape::Capitalized))
                && len >= 3
                && t.shape == Shape::Capitalized
                && f & (STATE | TITLE | FACILITY | RELATION) == 0
                && s.tokens[i + 1].shape == Shape::Upper
            {
                name = true;
            }
            // 2c. a listed surname that is no word, after a first name in the same case,
            // even a first name that is a word: "the frank weller version", "WILL OSTRANDER";
            // a state that is a first name too, capitalised: "add Virginia Harjo"
            if !name
                && i > 0
                && f & LAST != 0
                && !is_word
                && len >= 4
                && f & (STATE | FACILITY | TITLE | RELATION | SUFFIX | EPONYM_NEXT) == 0
            {
                let p = s.tokens[i - 1];
                if t.joined_prev
                    && p.alpha
                    && p.flags & FIRST != 0
                    && p.flags & (NEVER | TITLE | RELATION | PREP) == 0
                    && (p.flags & STATE == 0 || t.shape == Shape::Capitalized)
                    && p.shape == t.shape
                    && p.end - p.start >= 3
                    && !p.sentence_start
                    && !lower_particle(&p)
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 2d. an unknown word with non-ASCII letters before a subject verb, in any case:
            // "dvořáková began writing"; opening the text, a word in no list at all (not even
            // the vocabulary) too: "velkaro had given him the keys"
            if !name
                && !is_word
                && len >= 4
                && f & (STATE | FACILITY | TITLE | RELATION) == 0
                && subject_verb_after(s, i)
                && (t.foreign()
                    || (text_blank_before(text, t.start)
                        && f & (FIRST | LAST | NEVER | GREETING | CREDENTIAL) == 0
                        && !self.in_vocabulary(lw)
                        && !self.clinical_ending(lw)))
            {
                name = true;
            }
            // 2d'. a common given name that is also a word, capitalised, opening the text
            // before a verb of what a person does: "Holly had given him the keys", "Harry
            // spent a year" (not "is", "has" and the modals: "Hope is all we have left");
            // or opening its sentence before "has" and what a patient has, or "is" and what
            // a patient is (`care_objects`, `care_states`): "Reminder: Jasmine has an appt
            // at 4", "Rose is due for her flu shot"
            if !name
                && is_word
                && mixed
                && len >= 3
                && t.shape == Shape::Capitalized
                && f & (FIRST | COMMON) == FIRST | COMMON
                && f & (NEVER | STATE | FACILITY | TITLE | RELATION | GREETING) == 0
                && subject_verb_after(s, i)
                && (!weak_subject_verb(Self::lw(s, &s.tokens[i + 1]))
                    && text_blank_before(text, t.start)
                    || t.sentence_start && self.cared_for_after(s, i))
            {
                name = true;
            }
            // 2e. a common first name opening a clause, even a word, or a word in no list at
            // all (not even the vocabulary), and at most one unknown word or an initial after
            // it, before a verb of contact: "social: dale phoned", "rosa quint aware",
            // "social: dtr velka called", "Jelka T. called"
            let opens_clause = t.sentence_start
                || (i > 0 && s.tokens[i - 1].flags & RELATION != 0 && t.joined_prev);
            if !name
                && opens_clause
                && len >= 3
                && !abbrev
                && f & (STATE | FACILITY | TITLE | RELATION | UNIT | PREP) == 0
                && !text[..t.start].ends_with('-')
                && ((f & FIRST != 0 && f & COMMON != 0)
                    || (f & LAST == 0 && self.in_no_list(s, &t)))
            {
                let verb_at = |k: usize| self.contact_verb_at(text, s, k, t.shape);
                if verb_at(i + 1) {
                    name = true;
                } else if verb_at(i + 2) {
                    let nx = s.tokens[i + 1];
                    if nx.joined_prev
                        && nx.alpha
                        && nx.shape == t.shape
                        && nx.end - nx.start >= 3
                        && nx.flags & (WORD | NEVER | STATE | FACILITY | TITLE | RELATION | UNIT)
                            == 0
                    {
                        name = true;
                        s.tokens[i + 1].label = Some(Label::Name);
                    } else if nx.alpha
                        && nx.end - nx.start == 1
                        && (nx.shape == Shape::Upper || t.shape == Shape::Lower)
                        && &text[t.end..nx.start] == " "
                        && text[nx.end..].starts_with(". ")
                    {
                        // or an initial: "Jelka T. called"
                        name = true;
                        s.tokens[i + 1].label = Some(Label::Name);
                    }
                }
            }
            // 2g. the answer to a question for a name: "What's your last name? Velkaro",
            // "What's the name on the account? Velkaro", and in a transcript after the
            // speaker's label: "…name? User: Velkaro"
            // (a byte test first: a question mark or a colon before a word is rare)
            if !name
                && i > 0
                && matches!(text.as_bytes()[s.tokens[i - 1].end], b'?' | b':')
                && len >= 2
                && f & (NEVER | GREETING | TITLE | RELATION) == 0
                && (!is_word || in_names || t.shape == Shape::Capitalized)
                && self.answers_name_question(text, s, i)
            {
                name = true;
            }
            // 2h. a word in no list, an initial and another such word or a listed surname,
            // in any case: "velkaro t. brisand", "ORVIK P ZANDEL"
            // (the letter first: most words have none after them)
            if !name && s.tokens.get(i + 1).is_some_and(|m| m.end - m.start == 1) {
                if let (Some(m), Some(k)) = (s.tokens.get(i + 1), s.tokens.get(i + 2)) {
                    let (m, k) = (*m, *k);
                    if ((f & (FIRST | WORD) == FIRST && len >= 3)
                        || (f & LAST == 0 && self.in_no_list(s, &t)))
                        && m.alpha
                        && m.joined_prev
                        && k.joined_prev
                        && m.label.is_none()
                        && k.label.is_none()
                        && matches!(&text[t.end..m.start], " ")
                        // (without its period, not a letter that is a word or a note's
                        // short form: "w" with, "x" times, "q" every, "r" right …)
                        && match &text[m.end..k.start] {
                            " " => !matches!(
                                Self::lw(s, &m),
                                "a" | "i" | "o" | "w" | "x" | "q" | "c" | "s" | "p" | "r" | "l"
                            ),
                            ". " => true,
                            _ => false,
                        }
                        && (k.flags & (LAST | WORD) == LAST || self.in_no_list(s, &k))
                        && k.end - k.start >= 3
                    {
                        name = true;
                        s.tokens[i + 1].label = Some(Label::Name);
                        s.tokens[i + 2].label = Some(Label::Name);
                    }
                }
            }
            // 2i. a word in no list at all (not even the vocabulary) before a listed surname
            // that is no word, in its case: "with velkaro hargreaves"; or before a common
            // surname that is a word too, both capitalised on a mixed-case line, when a
            // subject's verb follows: "Virpi Hull lives at …"
            // (short surnames are often a note's short forms: "supp", "tabs")
            if !name
                && i > 0
                && (f & (LAST | WORD) == LAST && len >= 5
                    || f & (LAST | WORD | COMMON) == LAST | WORD | COMMON
                        && capitalised_subject(s, i))
                && t.joined_prev
                && f & (STATE | FACILITY | TITLE | RELATION | SUFFIX | EPONYM_NEXT) == 0
            {
                let p = s.tokens[i - 1];
                // (opening a sentence, only as its subject: "velkaro morales is 70")
                if p.shape == t.shape
                    && (!p.sentence_start || subject_verb_after(s, i))
                    && p.label.is_none()
                    && &text[p.end..t.start] == " "
                    && p.flags & (FIRST | LAST) == 0
                    && self.in_no_list(s, &p)
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 2f. an initial opening a clause, then a listed surname, even a word, or a word
            // in no list at all (not even the vocabulary), before a verb of contact:
            // "K HALVERSON NOTIFIED", "r. tamsen aware of plan"
            if !name
                && i > 0
                && (f & LAST != 0 || self.in_no_list(s, &t))
                && len >= 3
                && !abbrev
                && f & (STATE | FACILITY | TITLE | RELATION | UNIT | PREP) == 0
                && t.joined_prev
            {
                let p = s.tokens[i - 1];
                if p.alpha
                    && p.end - p.start == 1
                    && p.label.is_none()
                    // (a lower-case letter only with its period: "a smith" is an article)
                    && match &text[p.end..t.start] {
                        " " => p.shape == Shape::Upper,
                        ". " => true,
                        _ => false,
                    }
                    && (p.sentence_start || after_blanks(text, p.start, b",;:(\n"))
                    && (t.shape == Shape::Upper || t.shape == Shape::Capitalized)
                    && self.contact_verb_at(text, s, i + 1, t.shape)
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 3. capitalised common names that are words, in mid-sentence (a rare name that is
            // a word, "a Shadow", "United Kingdom", stays a word)
            if !name
                && mixed
                && in_names
                && is_word
                && !t.sentence_start
                && t.shape == Shape::Capitalized
                && f & FIRST != 0
                && f & COMMON != 0
                && f & (STATE | FACILITY | SUFFIX | TITLE) == 0
                // (a relation word only beside a word that reads as a name: "Niece and Son
                // came in" is family, "Son Tran", "Yansel Son" are names)
                && (f & RELATION == 0 || beside_proper_word(s, i))
                && !(text.as_bytes().get(t.end) == Some(&b':') && heading_word(text, s, i))
                && !(t.joined_prev && s.tokens[i - 1].numeric && ward_direction(s, i))
            {
                name = true;
            }
            // 3b. … and opening a sentence, when the name is called ("Rose, can you call me
            // back?"), a person's verb follows ("Mark will pick it up", "Grace called"), or it
            // names the sender ("Amber here,") or an owner ("Hope's refill"); alone on the
            // line after a sign-off ("Regards,\nHope"), 3e below takes it
            // (not "is", "has", "can"…: "Hope is all we have", "Faith can wait")
            // (a street type only before a speech or contact verb, or as an owner: "Ford
            // called", "Brooks's refill"; a street will do things too: "Park will reopen")
            if !name
                && mixed
                && is_word
                && t.sentence_start
                && t.shape == Shape::Capitalized
                && f & (FIRST | COMMON | NEVER) == FIRST | COMMON
                && f & (STATE | FACILITY | TITLE | RELATION) == 0
            {
                let street_type = f & SUFFIX != 0;
                let person_verb = s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.joined_prev
                        && nx.shape == Shape::Lower
                        && (self.speech_verbs.contains(Self::lw(s, nx))
                            || self.contact_verb_at(text, s, i + 1, t.shape)
                            || (!street_type && Self::lw_is(s, nx, "will")))
                });
                // "Amber here, running late", "Hope's refill is ready": a sender naming
                // themselves, a possessive
                let here = !street_type && Self::here_after(s, text, i);
                let possessive = crate::redact::span::possessive_len(word_text.as_bytes()) > 0;
                // (a street type only when called at a line's start: "Forest, can you call
                // me back?"; not inside a list of them, "… Lake, Forest and River")
                if person_verb
                    || here
                    || possessive
                    || self.described_as_person(text, s, i)
                    || ((!street_type || opens_line(text, t.start))
                        && subject_like(text, &s.tokens, i, &self.vocative_followers)
                        && text[t.end..].starts_with(','))
                {
                    name = true;
                }
            }
            // 3e. a listed given name, even a word or a street type, alone on the line after a
            // sign-off: "Regards,\nHope", "Regards,\nForest", "Thanks,\nDale"; a word in no
            // list that is no misspelt one, in any case: "Thanks!\nTorvane", "regards,\njelka"
            if !name
                && t.sentence_start
                && f & (NEVER | STATE | FACILITY | TITLE | RELATION) == 0
                && (mixed && t.shape == Shape::Capitalized && f & FIRST != 0
                    || f & (WORD | FIRST | LAST) == 0 && len >= 3)
                && self.signs_off(text, s, i)
                && (f & FIRST != 0 || self.unknown_not_misspelt(s, &t))
            {
                name = true;
            }
            // 3d. a sender naming themselves at the start of a line, a word in no list in any
            // case: "brisanko here, running late", "VELKARO HERE - CALL ME"
            if !name
                && t.sentence_start
                && Self::here_after(s, text, i)
                && line_blank_before(text, t.start)
                && self.unknown_not_misspelt(s, &t)
            {
                name = true;
            }
            // 3c. a line that holds only a surname, a comma and a given name, and perhaps a
            // middle name or initial, is a name written last name first, in any case, even
            // when its words are words or street types: "Browning, Maria", "BREWER, ANA L.",
            // "Groves, Tamsin"
            if !name
                && f & LAST != 0
                && f & (NEVER | GREETING | TITLE | RELATION | STATE | FACILITY) == 0
                && t.shape != Shape::Lower
                && len >= 2
                && line_blank_before(text, t.start)
            {
                let last_first = s.tokens.get(i + 1).is_some_and(|nx| {
                    let rest = text[nx.end..].split('\n').next().unwrap_or("").trim();
                    let rest = rest.strip_suffix('.').unwrap_or(rest);
                    nx.alpha
                        && nx.flags & (FIRST | NEVER | GREETING | TITLE | RELATION) == FIRST
                        && nx.shape == t.shape
                        && &text[t.end..nx.start] == ", "
                        && !rest.contains([' ', '\t', ',', ':', ';'])
                        && rest
                            .chars()
                            .all(|c| c.is_alphabetic() || c == '.' || c == '-')
                });
                if last_first {
                    name = true;
                    s.tokens[i + 1].label = Some(Label::Name);
                }
            }
            // 3f. a family by its name: "the" and the plural of a common surname, capitalised
            // on a mixed-case line ("at the Johnsons' house", "the Garcias are here"; not
            // "the Browns" of a word, "browns")
            if !name
                && mixed
                && !is_word
                && t.shape == Shape::Capitalized
                && len >= 4
                && word_text.ends_with('s')
                && i > 0
                && t.joined_prev
                && Self::lw_is(s, &s.tokens[i - 1], "the")
                && self.flags.get_ascii_lower(&word_text.as_bytes()[..len - 1]) & (LAST | COMMON)
                    == LAST | COMMON
            {
                name = true;
            }
            // 3g. a name's possessive right before a relation word or what a person is
            // reached at, in any case: "it's kelvorn's mom", "Tell trassa's dad", "velkaro's
            // number is …" (not "the baby's dad": see `Self::named_before_relation`)
            if !name && t.apostrophe && self.named_before_relation(text, s, i) {
                name = true;
            }
            // 3h. a name right before its relation word in parentheses, in any case:
            // "BRANWEN (DAUGHTER) CALLED", "calls from velkor (dtr)": a given name or a
            // surname of the lists (a common one if it is a word too, "HOPE (DAUGHTER)"), or
            // a word in no list that is no misspelt word
            if !name
                && len >= 3
                && s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.flags & RELATION != 0
                        && &text[t.end..nx.start] == " ("
                        && text[nx.end..].starts_with(')')
                })
                && f & (NEVER | GREETING | TITLE | RELATION | STATE | FACILITY | PREP) == 0
                && if in_names {
                    !is_word || f & COMMON != 0
                } else {
                    !is_word && self.unknown_not_misspelt(s, &t)
                }
            {
                name = true;
            }
            // 3i. a capitalised word in no list opening a sentence, right before a capital
            // initial and its period: "Jelka V. needs a note for work" (a name of the lists
            // is found so already, "Maria V.", and one inside a sentence by its capital; not
            // a company's form, "Mediaset S.p.A.")
            if !name
                && mixed
                && t.sentence_start
                && t.shape == Shape::Capitalized
                && len >= 3
                && f & (WORD | FIRST | LAST | NEVER | TITLE | RELATION) == 0
                && i + 1 < n
                && capital_initial(text, s, i + 1)
                && text[s.tokens[i + 1].end..]
                    .strip_prefix('.')
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\n', ',', '(']))
                && self.unknown_not_misspelt(s, &t)
            {
                name = true;
            }
            // 4. cues before the token
            // (a relation or title word is a cue, not a name: "visited by son"; a state that
            // is also a given name only after a title or relation word: "daughter Georgia")
            let state_name = f & STATE != 0 && f & FIRST != 0;
            // (a relation word after a strong title is a surname: "Dr. Child", "Mr. Brothers")
            if !name
                && i > 0
                && (f & (RELATION | TITLE) == 0
                    || (f & TITLE == 0
                        && t.end - t.start >= 2
                        && strong_title_before(text, &s.tokens[i - 1], &t)))
                && (f & STATE == 0
                    || (state_name && s.tokens[i - 1].flags & (TITLE | RELATION) != 0))
            {
                let prev = s.tokens[i - 1];
                // an English word after a cue is a name only if it is a common name or
                // capitalised in mixed case ("pa line", "family members" are not names)
                // (a lower-case word that is only a common surname is a word: "call me back")
                // (nor, after a relation word on a line in one case, a word that is only a
                // surname, "DAUGHTER CALL IN AM", "WIFE GOOD SUPPORT"; a word one edit from
                // an English word stays a name there, "BROTHER BRIDRE": names in no list come
                // that close to words as often as misspellings do)
                let flat_after_relation = !mixed && prev.flags & RELATION != 0;
                let strong_ok = !is_word
                    || (in_names
                        && f & COMMON != 0
                        && (f & FIRST != 0 || (t.shape != Shape::Lower && !flat_after_relation)))
                    || (mixed && t.shape == Shape::Capitalized);
                // after a weak cue ("to", "with", "no"…) short tokens are abbreviations and
                // flat-case ones must be common names ("to ST", "with CI", "to lis")
                // (an English word then only when a given name or a common name too: "with
                // Rose", "to Baker"; not "back to Floor", "line infection with Staph")
                let weak_ok = in_names
                    && len >= 3
                    && (!is_word
                        || (mixed && t.shape == Shape::Capitalized && f & (FIRST | COMMON) != 0))
                    && (f & COMMON != 0 || (mixed && t.shape == Shape::Capitalized));
                // a speech verb after a relation word or cue phrase is no name unless
                // capitalised in mixed case: "wife said she…", "SON ASKED ABOUT…"; "her
                // brother Said called"
                let speech_verb = |s: &LexScratch| {
                    is_word
                        && !(mixed && t.shape == Shape::Capitalized)
                        && self.speech_verbs.contains(Self::lw(s, &t))
                };
                // (a lower-case word of the vocabulary that is no English word: no name after
                // a title or a relation word alone, "sr. keppra runs", SR the rhythm; "wife
                // msg left")
                let vocabulary_word =
                    || t.shape == Shape::Lower && !is_word && self.in_vocabulary(lw);
                // (nor a preposition in lower case: "reached wife via text"; nor, after a
                // relation word, a name particle in lower case, which is the preposition of
                // "la mamá de Sofía", "el hijo del señor Ortega", as the second reading
                // finds it too, "la mamá de [NAME] ayer": a surname it opens is found with
                // the surname, "son de Vaan"; on a line in lower case, only one before a
                // word in no list, "son de vaan", not "hija de la [NAME]")
                let lower_preposition = t.shape == Shape::Lower
                    && (f & PREP != 0
                        || (prev.flags & RELATION != 0
                            && f & NAME_PARTICLE != 0
                            && (mixed
                                || !s.tokens.get(i + 1).is_some_and(|x| {
                                    x.alpha
                                        && x.joined_prev
                                        && !x.after_tag
                                        && x.flags & (WORD | NAME_PARTICLE) == 0
                                }))));
                // (a name particle in lower case after a title opens the surname only if
                // one follows it, capitalised, or in no list on a line in lower case: "Dr.
                // de la Cruz", "dr. de la cruz"; not "un doctor de familia")
                let title_particle_alone = t.shape == Shape::Lower
                    && f & NAME_PARTICLE != 0
                    && is_title(prev.flags)
                    && !particles_open_name(s, i, mixed);
                // an English word in no name list is no name after a period, where its
                // capital is the sentence's ("seen by MD. Pressure dressing on"; "Dr.
                // Pressure" is), nor before a colon ("Family Support: fair")
                let plain_word = || is_word && !in_names && plain_word_after_cue(text, &prev, &t);
                // after "dr", "mrs" … any word is a name ("DR ELM", "Dr. Rose Park"), but no
                // speech verb ("my doctor said", "DR SAID") nor a lower-case English word
                // that is no given name or common surname ("the dr office", "doctor
                // appointment"; "dr white", "dr rose" stay names)
                let after_strong_title = t.end - t.start >= 2
                    && strong_title_before(text, &prev, &t)
                    && !(t.shape == Shape::Lower
                        && is_word
                        && !lower_word_named(text, s, &prev, f))
                    && !speech_verb(s);
                // (nor a facility word in no name list after a relation word: "Orsk Family
                // Practice", "Family Dental")
                let facility_after_relation =
                    f & FACILITY != 0 && !in_names && prev.flags & RELATION != 0;
                // a title in capitals on a mixed-case line before a capitalised English word
                // in no name list is an abbreviation, and the word's capital the sentence's
                // or a heading's: "watch MS. Resume feeds" (the mental status; "DR.
                // Torvane", "NP Jelka", "MR. JELKA …" stay names)
                let caps_abbreviation = mixed
                    && prev.shape == Shape::Upper
                    && t.shape == Shape::Capitalized
                    && is_word
                    && !in_names;
                if prev.alpha
                    && !caps_abbreviation
                    && !title_particle_alone
                    && (is_title(prev.flags) || prev.flags & RELATION != 0)
                    && ((strong_ok
                        && !vocabulary_word()
                        && !lower_preposition
                        && !speech_verb(s)
                        && !facility_after_relation)
                        || after_strong_title)
                    && adjacent(text, &prev, &t)
                    // a title is followed by a space (after its period), not a hyphen, and
                    // only "dr", "mrs" … by a bare period: "SR-ST" is a rhythm, "drs.rt" a
                    // dressing, "DR.HALVEK" a doctor
                    && !(is_title(prev.flags)
                        && (text[prev.end..t.start].contains('-')
                            || (!text[prev.end..t.start].contains([' ', '\t'])
                                && prev.flags & (STRONG_TITLE | STRONG_TITLE_DOT) == 0)))
                    // (an honorific is never a field's label: "MS: Alert and oriented" is
                    // the mental status)
                    && !(text[prev.end..t.start].contains(':') && honorific(Self::lw(s, &prev)))
                    // a relation word that ends a sentence names no one in the next: "Spoke
                    // with family. Keep them updated", "call from son. Found her keys" (a short
                    // form's period may be its own: "dtr. Rose")
                    && !(t.sentence_start && relation_ends_sentence(text, s, i))
                    // (nor any word after a title's possessive: "an md's... many questions")
                    && !plain_word()
                    && !(prev.apostrophe && is_title(prev.flags) && possessive_title(text, &prev))
                {
                    name = true;
                    // "Dr. Sample Example": a capitalised word right after the cued name
                    if mixed && i + 1 < n {
                        let nx = s.tokens[i + 1];
                        if nx.joined_prev
                            && nx.alpha
                            && nx.shape == Shape::Capitalized
                            && nx.flags & (NEVER | TITLE | STATE) == 0
                            && !nx.sentence_start
                        {
                            s.tokens[i + 1].label = Some(Label::Name);
                        }
                    }
                } else if strong_ok && self.relation_is_before(s, i) {
                    // "pt's son is krovan", "HCP IS KELVORN (SON)": whom a relation word
                    // names after "is" / "are", and a second one after "and" ("proxies are
                    // kelvorn and trassa")
                    name = true;
                    if s.tokens
                        .get(i + 1)
                        .is_some_and(|x| Self::lw_is(s, x, "and"))
                        && s.tokens.get(i + 2).is_some_and(|x| x.shape == t.shape)
                        && self.named_after_relation(s, i + 2)
                    {
                        s.tokens[i + 2].label = Some(Label::Name);
                    }
                } else if prev.alpha
                    && prev.flags & GREETING != 0
                    && strong_ok
                    // (the greeting opens the text or a sentence: not "[NAME], OK ae", where
                    // a tag comes first)
                    && s.tokens[i - 1].sentence_start
                    && adjacent(text, &prev, &t)
                    && !(t.shape == Shape::Lower && is_word && self.verb_after_greeting(text, s, i))
                    // (nor a particle in lower case: "Hola, le habla …")
                    && !lower_particle(&t)
                {
                    name = true;
                } else {
                    // (after a relation word alone, as above, through the cue phrases too:
                    // "mom appt tmrw", "wife via text", "Family Practice")
                    let no_name_after_relation = facility_after_relation
                        || prev.flags & RELATION != 0
                            && (lower_preposition || vocabulary_word() || plain_word());
                    for k in 1..=self.prev_phrases(s, text, i, 3) {
                        let p = Self::phrase_of(s, k);
                        // (the plural of a word is none: "speaking to robots"; nor a word
                        // that opens a role, itself a cue: "speak with case manager")
                        // (after "I'm" a word that is a surname alone says how one is: "I'm
                        // Ready", "I'M TIRED", "I'M READY TO GO"; not "I'm Grace", nor a
                        // surname a name follows)
                        let how_one_is = is_word
                            && f & FIRST == 0
                            && matches!(p, "i'm" | "i am" | "im")
                            && !s.tokens.get(i + 1).is_some_and(|nx| {
                                nx.joined_prev
                                    && nx.alpha
                                    && nx.flags & (FIRST | LAST) != 0
                                    && nx.flags & NEVER == 0
                            });
                        let no_name_after_relation = k == 1 && no_name_after_relation;
                        // (after "this is" an English word says what it is, not who: in no
                        // name list, "This is Important", "This is Urgent, call us"; or
                        // before a lower-case English word that names the thing, "This is
                        // Great news"; not "This is Hope from the clinic", "This is Grace
                        // calling", "This is Sunny again")
                        let what_it_is =
                            is_word && p == "this is" && (!in_names || self.noun_after(text, s, i));
                        if ((strong_ok
                            && self.strong_intros.contains(p)
                            && (is_word || !self.plural_of_word(&text.as_bytes()[t.start..t.end]))
                            && !(is_word && self.opens_role(s, i))
                            && !how_one_is
                            && !what_it_is
                            && !no_name_after_relation)
                            || (weak_ok && self.weak_intros.contains(p) && !how_one_is))
                            && !speech_verb(s)
                            // (nor a department: "Attn: Billing", "this is Scheduling")
                            && !(is_word && self.department_at(text, s, i))
                        {
                            name = true;
                            break;
                        }
                    }
                }
            }
            // 4b. whom one is asked to tell, ask or remind to do something, in any case: a
            // given name, even a word, or a word in no list that is no misspelt one ("pls
            // tell jelka to call me", "ask dale to bring it", "let jelka know"); not a
            // pronoun, role or relation word ("tell him to", "ask staff to", "tell mom to").
            // 4c. whom a message addresses after "you" and a comma, closing it: "love you,
            // jelka", "thank you, dale!" (a word of endearment stays none: see below)
            if !name
                && i > 0
                && len >= 3
                && t.alpha
                && f & (NEVER | TITLE | RELATION | STATE | FACILITY | GREETING | PREP) == 0
                && (f & FIRST != 0 || !is_word)
                && self.asked_to_act_or_addressed(text, s, i)
            {
                name = true;
            }
            // 4d. a sender naming themselves after "it's", "its" or "it is", in any case: a
            // word in no list that is no misspelt one ("it's jelka from the clinic"); not an
            // English word, capitalised or not ("It's Official", "its fine"); so too after
            // "im" or "soy" opening a message or following its greeting, before a comma, the
            // end or what goes on with a person ("hi, im velkarina, can you…", "hola, soy
            // sharlize de …"; not "im tryna reach", slang a given name spells), where a word
            // of another language says how one is ("soy paciente")
            if !name
                && !is_word
                && len >= 3
                && t.alpha
                && f & (NEVER | TITLE | RELATION | STATE | FACILITY | GREETING | PREP) == 0
                && (after_its(text, s, i)
                    || f & FOREIGN == 0
                        && self_intro_opens(text, s, i)
                        && self.self_named_closes(text, s, i))
                && self.unknown_not_misspelt(s, &t)
            {
                name = true;
            }
            // 2j. two words in no list at all (not even the vocabulary), in lower case or on
            // a line in one case, before a verb or a credential, or after a cue: "velkaro
            // brisanko will assess", "spoke with VELKARO BRISANKO", "velkaro brisanko np";
            // capitalised inside a sentence on a line in lower case, anywhere: "rn
            // specialist, Velkaro Brisanko, today"
            // (the next word first: most words have no such neighbour)
            let capitals_on_flat = !mixed && t.shape == Shape::Capitalized && !t.sentence_start;
            // (the second word right after, or after a middle initial, even "a" or "i":
            // "velkaro a brisanko")
            let second_at = |j: usize| {
                s.tokens.get(j).is_some_and(|nx| {
                    nx.shape == t.shape
                        && nx.flags & WORD == 0
                        && nx.label.is_none()
                        && &text[s.tokens[j - 1].end..nx.start] == " "
                })
            };
            let second = if !name && (t.shape == Shape::Lower || !mixed) && !is_word {
                if second_at(i + 1) {
                    Some(i + 1)
                } else {
                    s.tokens
                        .get(i + 1)
                        .filter(|m| {
                            m.alpha
                                && m.end - m.start == 1
                                && m.label.is_none()
                                && &text[t.end..m.start] == " "
                        })
                        .and_then(|_| second_at(i + 2).then_some(i + 2))
                }
            } else {
                None
            };
            if let Some(j) = second.filter(|&j| {
                self.unknown_word(s, &t)
                    && self.unknown_word(s, &s.tokens[j])
                    // (two misspelt words are no name: "to mediciene stomack", "BREATHIGN
                    // MEDICIENE"; misspellings are seldom capitalised inside a sentence)
                    && (capitals_on_flat
                        || (!self.near_word(Self::lw(s, &t))
                            && !self.near_word(Self::lw(s, &s.tokens[j]))))
            }) {
                let after = capitals_on_flat
                    || s.tokens.get(j + 1).is_some_and(|v| {
                        v.joined_prev
                            && v.alpha
                            && (v.flags & CREDENTIAL != 0
                                || (v.flags & VERB != 0
                                    && (v.shape == Shape::Lower || v.shape == t.shape)
                                    && !Self::lw_is(s, v, "and")))
                    })
                    || self.contact_verb_at(text, s, j + 1, t.shape)
                    // or the second in the possessive, not after an article: "velkaro
                    // brisanko's trial" (but "the velkaro tamsko's clinic")
                    || (s.tokens[j].apostrophe
                        && s.tokens[j].lend as usize + 2 == s.tokens[j].end
                        && !(i > 0
                            && s.tokens[i].joined_prev
                            && matches!(Self::lw(s, &s.tokens[i - 1]), "the" | "a" | "an")));
                let cued = after || self.intro_before(s, text, i);
                if cued {
                    name = true;
                    for k in i + 1..=j {
                        s.tokens[k].label = Some(Label::Name);
                    }
                }
            }
            // 6. an initial with a period before a surname: "E. HALVORSEN", "d. okafor"
            if !name && i > 0 && len >= 3 && f & (STATE | FACILITY | TITLE | RELATION) == 0 {
                let prev = s.tokens[i - 1];
                let gap = &text[prev.end..t.start];
                // an unknown word counts too when a cue comes before the initial ("per B.
                // OSTRAVIK", "reported to D. Vendt") or a credential after the word ("q. vendler
                // rrt")
                // (no cue reaches across a tag: "Dr. [ADDRESS] a. Xyz")
                // (or a title, "Attending: B. Tamsko"; or a strong intro, see below)
                let cued =
                    i >= 2 && !prev.after_tag && s.tokens[i - 2].flags & (INITIAL_CUE | TITLE) != 0;
                // or the initial opens a clause inside a sentence and the word is in no list
                // at all, nor one edit from a word: "nsg (d. velkaro and j. tamsko) verified"
                // (not at a line's start: "A. FALLS", "P. TURNING" head a note's items)
                let opens_clause = || {
                    after_blanks(text, prev.start, b"(,;")
                        && self.in_no_list(s, &t)
                        && !self.near_word(Self::lw(s, &t))
                };
                let unknown = f & (WORD | NEVER) == 0
                    && len >= 4
                    && !self.clinical_ending(Self::lw(s, &t))
                    && (cued
                        || credential
                        || opens_clause()
                        || self.strong_intro_before_initial(s, text, i))
                    && !self.in_vocabulary(Self::lw(s, &t));
                // a surname that is also a word counts before a credential ("j. lander rn")
                // (on an ALL-CAPS line, capitals say nothing: there a word needs to be a
                // common surname, "J. SMITH" but not "O. SEE")
                // (nor after a letter of a note's S/O/A/P items opening a sentence on such
                // a line: "O. SEE VS SHEET", "A. SEE ABOVE")
                let soap_item = || {
                    prev.sentence_start
                        && matches!(text.as_bytes()[prev.start], b'S' | b'O' | b'A' | b'P')
                };
                let surname = (f & LAST != 0
                    && (!is_word
                        || (t.shape != Shape::Lower
                            && (mixed || (f & COMMON != 0 && !soap_item())))
                        || credential))
                    || unknown;
                let standalone =
                    prev.start == 0 || text[..prev.start].ends_with([' ', '\t', '\n', '(', ',']);
                if prev.alpha
                    && prev.end - prev.start == 1
                    && standalone
                    && (gap == ". " || gap == ".  ")
                    && surname
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 5. a speaker label opening a line of dialogue: "Orsko: "Who are you?""
            // (in lower case, a word in no list at all: "velkaro: "who are you?""; an
            // English word only when it is a given name or a common surname: "Hope: …",
            // "Brewer: …", not a message's heading, "Reminder: your visit…")
            if !name
                && ((t.shape == Shape::Capitalized
                    && f & (TITLE | STATE | FACILITY | RELATION) == 0
                    && (!is_word || (in_names && f & (FIRST | COMMON) != 0)))
                    || (t.shape == Shape::Lower && self.in_no_list(s, &t)))
                && speaker_label(text, &t)
            {
                name = true;
            }
            // 6. whom a note cites after "per", whatever the case: a word in no list before
            // a comma ("per orskavik, he…", "PER VELKARO, PLAN…"), or a single letter and
            // such a word ("per k orskavik"); "per policy," and "per cta," are no names,
            // nor a word before a comma and a number
            // ("per" is an initial cue: a flag says most words are not it)
            let per = |x: &Token| x.flags & INITIAL_CUE != 0 && Self::lw_is(s, x, "per");
            if !name && i > 0 && t.joined_prev {
                let p = s.tokens[i - 1];
                // (a clause goes on after the comma: "per velkarol, 12 units/hr" is a dose)
                let clause_after = |t: &Token| {
                    text[t.end..]
                        .strip_prefix(',')
                        .map(|r| r.trim_start_matches([' ', '\t']))
                        .is_some_and(|r| r.starts_with(|c: char| c.is_alphabetic()))
                };
                if per(&p)
                    && clause_after(&t)
                    && self.in_no_list(s, &t)
                    && !self.near_word(Self::lw(s, &t))
                {
                    name = true;
                } else if i > 1
                    && p.alpha
                    && p.end - p.start == 1
                    && p.label.is_none()
                    && p.joined_prev
                    && per(&s.tokens[i - 2])
                    && &text[p.end..t.start] == " "
                    && self.in_no_list(s, &t)
                {
                    name = true;
                    s.tokens[i - 1].label = Some(Label::Name);
                }
            }
            // 7. one to three words in no list opening a sentence, before "from" and a
            // service or a place, in any case: a person and where they come from ("velkaro
            // tamsko from speech in to eval", "ORSKAVIK FROM PT IN TO SEE PT", a middle name
            // too), or two or three before "of" ("TAMSKO VELKARO OF SOCIAL WORK"); not a
            // verb's form
            if !name && t.sentence_start && self.in_no_list(s, &t) {
                let more = (i + 1..i + 3)
                    .take_while(|&k| {
                        s.tokens.get(k).is_some_and(|nx| {
                            nx.joined_prev
                                && nx.label.is_none()
                                && &text[s.tokens[k - 1].end..nx.start] == " "
                                && self.in_no_list(s, nx)
                                && !self.near_word(Self::lw(s, nx))
                        })
                    })
                    .count();
                let f_at = i + 1 + more;
                // (or "of" after two words or more: "KAPESDOR SANQUO OF HOSPITAL LEGAL")
                let from = s.tokens.get(f_at).is_some_and(|x| {
                    x.alpha
                        && x.joined_prev
                        && (Self::lw_is(s, x, "from") || (more > 0 && Self::lw_is(s, x, "of")))
                        && s.tokens
                            .get(f_at + 1)
                            .is_some_and(|y| y.alpha && y.joined_prev)
                });
                // (a misspelt verb is no name: "- duiresing from the drip")
                let lw = Self::lw(s, &t);
                if from && !lw.ends_with("ing") && !lw.ends_with("ed") && !self.near_word(lw) {
                    name = true;
                    for k in i + 1..f_at {
                        s.tokens[k].label = Some(Label::Name);
                    }
                }
            }
            // 7b. a given name that is a word too, capitalised, opening a sentence before "is
            // from" and a capitalised name: a person and the firm or place they come from
            // ("Ruby is from Velkaro Inc.", "Marina is from ORSK PLC"); not "Hope is from the
            // start"
            if !name
                && t.sentence_start
                && t.shape == Shape::Capitalized
                && is_word
                && f & FIRST != 0
                && f & (TITLE | STATE | FACILITY | RELATION | NEVER) == 0
            {
                let next = |k: usize| {
                    s.tokens.get(i + k).filter(|x| {
                        x.alpha && x.joined_prev && &text[s.tokens[i + k - 1].end..x.start] == " "
                    })
                };
                let is_from = next(1).is_some_and(|x| Self::lw_is(s, x, "is"))
                    && next(2).is_some_and(|x| Self::lw_is(s, x, "from"))
                    && next(3).is_some_and(|x| x.shape != Shape::Lower);
                if is_from {
                    name = true;
                }
            }
            // 8. on a line in capitals, a word in no list before a subject's verb and what only
            // a person does: "BUT ORSKAVIK DOES NOT CALL…", "TAMSKOVIN IS SPEAKING WITH…"
            if !name
                && t.case == LineCase::Flat
                && t.shape == Shape::Upper
                && len >= 5
                && s.tokens.get(i + 1).is_some_and(|v| {
                    v.joined_prev
                        && (v.flags & VERB != 0 || matches!(Self::lw(s, v), "does" | "did"))
                })
                && s.tokens.get(i + 2).is_some_and(|p| {
                    p.alpha && p.joined_prev && self.person_predicates.contains(Self::lw(s, p))
                })
                && self.in_no_list(s, &t)
                && !self.near_word(Self::lw(s, &t))
            {
                name = true;
            }
            // 7. a capitalised word with a possessive before a relation or what a person is
            // reached at, even opening a sentence ("Brizen's daughter called", "here's
            // Liberata's address"): a person, though one edit from a word ("brazen",
            // "liberate"); not a word of the vocabulary ("Medicare's phone number")
            if !name && t.apostrophe && self.owner_of_person_thing(text, s, i) {
                name = true;
            }
            // a word of endearment in lower case is how one addresses a person, not a name:
            // "thanks hun", "ok bae see u at 5" ("Hun Sen", "Bae Jin-woo" stay names)
            if name && !(t.shape == Shape::Lower && self.is_endearment(s, &t)) {
                s.tokens[i].label = Some(Label::Name);
            }
        }
    }

    /// Is `t` a word of endearment (`endearments` in the cues)? (Out of line: asked only of
    /// words in lower case that a rule took for a name.)
    #[cold]
    #[inline(never)]
    fn is_endearment(&self, s: &LexScratch, t: &Token) -> bool {
        self.endearments.contains(Self::lw(s, t))
    }

    /// "my name is john smith", "this is mary brown calling": token `i + 1`, a common
    /// surname (even a word) in the case of token `i`, a given name that a name intro opens
    /// (not a relation word), is the name's surname: a voice transcript writes no capitals.
    /// (Out of line: inlined into [`Self::expand_names`]' loop it cost 2% of `detect/sms`.)
    #[inline(never)]
    pub(super) fn intro_surname(&self, text: &str, s: &mut LexScratch, i: usize) -> bool {
        let (m, t) = (s.tokens[i], s.tokens[i + 1]);
        t.alpha
            && t.end - t.start >= 3
            && t.shape == m.shape
            && t.flags & (NEVER | TITLE | RELATION | STATE | FACILITY | GREETING | VERB | PREP) == 0
            && m.flags & FIRST != 0
            && &text[m.end..t.start] == " "
            // (an intro, not a relation word: "BROTHER THOMAS VIA SW")
            && i > 0
            && s.tokens[i - 1].flags & RELATION == 0
            && self.phrase_before(s, text, i, 3, &self.strong_intros)
    }

    /// After token `i`, "has" or "had" and, within the next three words in lower case joined
    /// to it, one of `care_objects` ("has an appt", "had a dental cleaning"); or "is" or
    /// "was" and right after it one of `care_states` ("was seen"), or "due for" and "her",
    /// "his" or "their" ("is due for her flu shot"). (Out of line and cold: asked only of a
    /// given name that is a word, before a subject's verb.)
    #[cold]
    #[inline(never)]
    fn cared_for_after(&self, s: &LexScratch, i: usize) -> bool {
        let Some(v) = s.tokens.get(i + 1) else {
            return false;
        };
        let joined_lower = |k: usize| {
            s.tokens
                .get(k)
                .filter(|x| x.joined_prev && x.shape == Shape::Lower)
        };
        if Self::lw_is(s, v, "has") || Self::lw_is(s, v, "had") {
            (i + 2..i + 5)
                .map_while(joined_lower)
                .any(|x| self.care_objects.contains(Self::lw(s, x)))
        } else if Self::lw_is(s, v, "is") || Self::lw_is(s, v, "was") {
            // ("due" only before "for" and a person's possessive: "Bill is due on the 5th"
            // is the invoice)
            joined_lower(i + 2).is_some_and(|x| {
                self.care_states.contains(Self::lw(s, x))
                    || (Self::lw_is(s, x, "due") || Self::lw_is(s, x, "overdue"))
                        && joined_lower(i + 3).is_some_and(|y| Self::lw_is(s, y, "for"))
                        && joined_lower(i + 4).is_some_and(|y| {
                            ["her", "his", "their"].iter().any(|w| Self::lw_is(s, y, w))
                        })
            })
        } else {
            false
        }
    }

    /// Token `i` sits between "tell", "ask" or "remind" and "to", or between "let" and
    /// "know", joined to both by a space ("tell jelka to", "let jelka know"); or it follows
    /// "you" (or "u", "ya") and a comma and closes its sentence: the text's or the line's end,
    /// or "!", "?" or "." and then one of them or a space ("love you, jelka"); or it follows a
    /// verb of reaching someone and comes before a word that closes the request ("call
    /// jelka back", "tell jelka thanks"). And, when in no name list,
    /// it is no misspelt word nor a word of the vocabulary ("ask pcp to").
    /// (Out of line: asked only of a word that could be a name there.)
    #[inline(never)]
    fn asked_to_act_or_addressed(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let (p, t) = (&s.tokens[i - 1], &s.tokens[i]);
        let asked = s.tokens.get(i + 1).is_some_and(|nx| {
            let follows = if Self::lw_is(s, nx, "to") {
                ["tell", "ask", "remind"]
                    .iter()
                    .any(|w| Self::lw_is(s, p, w))
            } else {
                Self::lw_is(s, nx, "know") && Self::lw_is(s, p, "let")
            };
            follows && &text[p.end..t.start] == " " && &text[t.end..nx.start] == " "
        });
        // whom one calls, texts or tells, before what closes the request: "pls call jelka
        // back", "text velko when you land", "tell jelka thanks" (a word in no list, or a
        // listed name that is no word: "call bill back" may be the invoice; not before the
        // text's end, where a note puts its own shorthand after the verb)
        let contacted = || {
            t.flags & WORD == 0
                && &text[p.end..t.start] == " "
                && CONTACT_VERBS.iter().any(|w| Self::lw_is(s, p, w))
                && s.tokens.get(i + 1).is_some_and(|nx| {
                    &text[t.end..nx.start] == " "
                        && REQUEST_CLOSERS.iter().any(|w| Self::lw_is(s, nx, w))
                })
        };
        let addressed = || {
            let rest = &text[t.end..];
            let after = rest.trim_start_matches(['!', '?', '.']);
            let closes = after.is_empty()
                || after.starts_with(['\n', '\r'])
                || (after.len() < rest.len() && after.starts_with(' '));
            closes
                && &text[p.end..t.start] == ", "
                && ["you", "u", "ya"].iter().any(|w| Self::lw_is(s, p, w))
        };
        (asked || addressed() || contacted())
            && (t.flags & (FIRST | LAST) != 0 || self.unknown_not_misspelt(s, t))
    }
}

/// Token `i` follows "it's" (or "it’s"), "its" or "it is", joined by one space.
fn after_its(text: &str, s: &LexScratch, i: usize) -> bool {
    let word = |k: usize| &text[s.tokens[k].start..s.tokens[k].end];
    let spaced = |k: usize| &text[s.tokens[k].end..s.tokens[k + 1].start] == " ";
    i > 0
        && spaced(i - 1)
        && (["it's", "it\u{2019}s", "its"]
            .iter()
            .any(|w| word(i - 1).eq_ignore_ascii_case(w))
            || i > 1
                && word(i - 1).eq_ignore_ascii_case("is")
                && word(i - 2).eq_ignore_ascii_case("it")
                && spaced(i - 2))
}

/// Token `i` follows "im" or "soy" (one space between) that opens its sentence or follows a
/// greeting ("hi, im …", "hola soy …", "yo soy …"): a sender naming themselves.
fn self_intro_opens(text: &str, s: &LexScratch, i: usize) -> bool {
    if i == 0 || &text[s.tokens[i - 1].end..s.tokens[i].start] != " " {
        return false;
    }
    let intro = &s.tokens[i - 1];
    let w = &text[intro.start..intro.end];
    // ("IM" in capitals opens a sentence of a note as the route, intramuscular: "IM
    // velkarin, effective"; only after a greeting is it "I'm")
    (w.eq_ignore_ascii_case("im") || w.eq_ignore_ascii_case("soy"))
        && (intro.sentence_start && w != "IM"
            || i > 1 && {
                let before = &s.tokens[i - 2];
                (before.flags & GREETING != 0 || Lexicon::lw_is(s, before, "yo"))
                    && !intro.after_tag
            })
}

impl Lexicon {
    /// What follows a sender's name after "im" or "soy" ([`self_intro_opens`], token `i`): the
    /// end or a punctuation mark, a surname (of the surname list and no English word, or in no
    /// list; one that is a word too before the end or a punctuation mark: "soy kelda dolt, mi
    /// fecha…"), a word that goes on with a person ("de la clínica", "from the office",
    /// "again", "and") or one that follows whom a message addresses (`vocative_followers`:
    /// "hi im velkarina can you call me", "… i need a refill"). (Not "here": "im outta here".)
    fn self_named_closes(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let closes = |k: usize| {
            let rest = text[s.tokens[k].end..].trim_start_matches([' ', '\t']);
            rest.is_empty()
                || rest.starts_with([',', '.', '!', '?', ';', ':', '\n', '\r', '-', '('])
        };
        closes(i)
            || s.tokens.get(i + 1).is_some_and(|nx| {
                nx.alpha
                    && nx.joined_prev
                    && (nx.flags & (LAST | WORD) == LAST
                        || nx.flags == 0
                        || nx.flags & LAST != 0 && closes(i + 1)
                        || matches!(
                            Self::lw(s, nx),
                            "de" | "del" | "from" | "again" | "calling" | "and"
                        )
                        || self.vocative_followers.contains(Self::lw(s, nx)))
            })
    }
}

/// Verbs of reaching or meeting someone, before whom they reach or meet
/// ([`Lexicon::asked_to_act_or_addressed`]).
const CONTACT_VERBS: [&str; 13] = [
    "call", "text", "tell", "remind", "message", "called", "texted", "told", "reminded", "saw",
    "met", "visited", "visit",
];

/// Words that close a request after whom it is made to: "call jelka back", "text velko when".
const REQUEST_CLOSERS: [&str; 14] = [
    "back",
    "when",
    "about",
    "tomorrow",
    "today",
    "tonight",
    "now",
    "later",
    "asap",
    "please",
    "pls",
    "thanks",
    "if",
    "yesterday",
];

/// "is", "has", the modals and "and": words after a subject that say nothing of a person
/// ("Hope is all we have left", "Appt is set", "Xarelto and Keppra given").
fn weak_subject_verb(w: &str) -> bool {
    matches!(
        w,
        "and" | "is" | "was" | "has" | "will" | "would" | "can" | "could"
    )
}

/// Token `i` is capitalised on a mixed-case line, three letters or more, and a subject's verb
/// follows it ("… Hull lives at"). (Out of line: asked of a common surname that is a word
/// too; inlined, it moved `mark_names`' registers, +0.4% of `detect/note`.)
#[inline(never)]
fn capitalised_subject(s: &LexScratch, i: usize) -> bool {
    let t = &s.tokens[i];
    t.case == LineCase::Mixed
        && t.shape == Shape::Capitalized
        && t.end - t.start >= 3
        && subject_verb_after(s, i)
}

/// Token `i + 1` is a subject verb in lower case joined to token `i` ("velkaro had …").
fn subject_verb_after(s: &LexScratch, i: usize) -> bool {
    s.tokens
        .get(i + 1)
        .is_some_and(|nx| nx.joined_prev && nx.shape == Shape::Lower && nx.flags & VERB != 0)
}

/// Token `i` opens its line (after quote markers such as "> ") and the line before it holds
/// only a name: the second line of a postal address block ("Velka Tamskova\n2224 …").
pub(super) fn after_name_line(text: &str, toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    // most tokens do not open a line: no line break since the previous token
    let gap_from = if i == 0 { 0 } else { toks[i - 1].end };
    if !text.as_bytes()[gap_from..t.start].contains(&b'\n') {
        return false;
    }
    let start = line_start(text, t.start);
    if start == 0 || text[start..t.start].chars().any(char::is_alphanumeric) {
        return false;
    }
    // the previous non-empty line
    let before = text[..start].trim_end();
    let prev_start = line_start(before, before.len());
    // (tokens come in order: the previous line's are one run of them, found by two binary
    // searches rather than a pass over every token before this one for every line)
    let toks = &toks[..i];
    let from = toks.partition_point(|x| x.start < prev_start);
    let to = toks.partition_point(|x| x.end <= before.len());
    let prev = &toks[from..to.max(from)];
    !prev.is_empty() && prev.iter().all(|x| x.alpha && x.label == Some(Label::Name))
}

/// `t` opens its line and is followed by a colon and a line of dialogue: quoted, or with a
/// first- or second-person word ("Oskarine: What a day" is not; "Oskarine: You saved me" is). Note
/// headers ("Resp: LS clear", "Neuro: A+Ox3") carry neither.
pub(super) fn speaker_label(text: &str, t: &Token) -> bool {
    let Some(rest) = text[t.end..].strip_prefix(':') else {
        return false;
    };
    if !line_blank_before(text, t.start) {
        return false;
    }
    let line = rest.split('\n').next().unwrap_or("");
    if !line.starts_with([' ', '"', '\u{201c}']) {
        return false;
    }
    let l = line.trim_start();
    l.starts_with(['"', '\u{201c}', '\''])
        || l.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "i" | "i'm"
                        | "me"
                        | "my"
                        | "you"
                        | "you're"
                        | "your"
                        | "we"
                        | "us"
                        | "our"
                        | "what"
                        | "who"
                        | "why"
                        | "how"
                )
            })
}

/// Token `i` is a one-word name: no name joins it on either side, and no title or relation
/// introduces it (what may be an eponym or a drug rather than a person).
pub(super) fn lone_name(toks: &[Token], i: usize) -> bool {
    toks[i].label == Some(Label::Name) && name_stands_alone(toks, i, i)
}

impl Lexicon {
    /// "Mark is a very sympathetic person", "Lea is very reliable", "Hope was sick": "is" or
    /// "was" after token `i`, then at most three lower-case words and one of the
    /// `person_traits`, in the same clause. (Out of line: asked only of a given name that is
    /// a word and opens a sentence.)
    #[inline(never)]
    fn described_as_person(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let plain_after = |k: usize| {
            s.tokens.get(k).filter(|x| {
                x.alpha && x.shape == Shape::Lower && &text[s.tokens[k - 1].end..x.start] == " "
            })
        };
        if !plain_after(i + 1).is_some_and(|x| matches!(Self::lw(s, x), "is" | "was")) {
            return false;
        }
        (i + 2..i + 6)
            .map_while(plain_after)
            .any(|x| self.person_traits.contains(Self::lw(s, x)))
    }

    /// A relation word and "is" or "are" (or "was", "were") come right before token `i`, on
    /// one line and in one clause: "pt's son is krovan", "HCP IS KELVORN". Not a word of the
    /// vocabulary or one edit from a word, when token `i` is in no name list: "family is
    /// supportve" says how they are.
    fn relation_is_before(&self, s: &LexScratch, i: usize) -> bool {
        let [.., r, p, _] = &s.tokens[..=i] else {
            return false;
        };
        r.alpha
            && r.flags & RELATION != 0
            && p.joined_prev
            && matches!(Self::lw(s, p), "is" | "are" | "was" | "were")
            && self.named_after_relation(s, i)
    }

    /// Token `i`, a lower-case English word after a greeting, is a verb there: an object
    /// (`greeting_verb_objects`) follows it after one space ("thanks see you", "hi hope you
    /// are well"). (Out of line: asked only of such a word.)
    #[inline(never)]
    fn verb_after_greeting(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        s.tokens.get(i + 1).is_some_and(|x| {
            &text[s.tokens[i].end..x.start] == " "
                && x.shape == Shape::Lower
                && self.greeting_verb_objects.contains(Self::lw(s, x))
        })
    }

    /// Token `i` is a department or service desk (`cues.toml`, `departments`), alone or
    /// with the word after it: "Billing", "Front Desk", "Medical Records". (Out of line:
    /// asked only of an English word after a name cue.)
    #[inline(never)]
    fn department_at(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let t = &s.tokens[i];
        self.departments.contains(Self::lw(s, t))
            || s.tokens.get(i + 1).is_some_and(|x| {
                x.alpha && &text[t.end..x.start] == " " && Self::pair_in(&self.departments, s, t, x)
            })
    }

    /// Token `i` comes right before (one space) a lower-case English word that names a thing
    /// after an adjective: no preposition, verb or pronoun, no "-ing" form ("Sarah
    /// calling") and no adverb that follows a name that introduces itself ("Grace again").
    /// (A surname in lower case is an English word there: "Great news".)
    /// (Out of line: asked only after "this is".)
    #[inline(never)]
    fn noun_after(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        s.tokens.get(i + 1).is_some_and(|x| {
            let lw = Self::lw(s, x);
            &text[s.tokens[i].end..x.start] == " "
                && x.alpha
                && x.shape == Shape::Lower
                && x.flags & (WORD | PREP | VERB | NEVER | GREETING) == WORD
                && !lw.ends_with("ing")
                && !SELF_INTRO_FOLLOWERS.contains(&lw)
        })
    }

    /// Token `i` is a word with a possessive that can be a name ([`Self::may_be_named`]; a
    /// word in no list only in ASCII) right before a relation word or what a person is
    /// reached at: "kelvorn's mom", "Maria's husband", "velkaro's number is …"; not "the
    /// baby's dad", "the patient's wife", "my son's teacher", "the clinic's number".
    /// (Out of line: asked only of a word with an apostrophe.)
    #[inline(never)]
    fn named_before_relation(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let t = &s.tokens[i];
        s.tokens.get(i + 1).is_some_and(|r| {
            r.alpha
                && (r.flags & RELATION != 0 || reaches_a_person(Self::lw(s, r)))
                && &text[t.end..r.start] == " "
                && possessive_len(&text.as_bytes()[t.start..t.end]) > 0
                && t.lend - t.lstart >= 3
                && (t.flags & (FIRST | LAST) != 0 || t.ascii)
                && self.may_be_named(s, t)
        })
    }

    /// Token `i`, joined to the word before it, can be whom a relation word names there:
    /// three letters or more, and a listed name or a word in no list that is no word of the
    /// vocabulary and not one edit from a word.
    fn named_after_relation(&self, s: &LexScratch, i: usize) -> bool {
        let t = &s.tokens[i];
        t.alpha && t.joined_prev && !t.after_tag && t.end - t.start >= 3 && self.may_be_named(s, t)
    }

    /// Is token `i` a word after an initial and its period that a strong intro ends before
    /// ("Name: B. Tamsko", "signed B. Tamsko")? (Out of line: asked only of words in no
    /// list after a letter.)
    #[cold]
    #[inline(never)]
    fn strong_intro_before_initial(&self, s: &mut LexScratch, text: &str, i: usize) -> bool {
        let p = &s.tokens[i - 1];
        i >= 2
            && p.alpha
            && p.end - p.start == 1
            && !p.after_tag
            && matches!(&text[p.end..s.tokens[i].start], ". " | ".  ")
            && self.phrase_before(s, text, i - 1, 3, &self.strong_intros)
    }

    /// Is token `i` a capitalised word in no list, with a possessive, on a mixed-case line,
    /// right before a relation word or what a person is reached at ("Brizen's daughter",
    /// "Liberata's address", "Gantam's kid")? (Out of line: asked only of words with an
    /// apostrophe.)
    #[cold]
    #[inline(never)]
    pub(super) fn owner_of_person_thing(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let t = &s.tokens[i];
        let Some(nx) = s.tokens.get(i + 1) else {
            return false;
        };
        t.alpha
            && t.shape == Shape::Capitalized
            && t.case == LineCase::Mixed
            && t.lrange().len() >= 3
            && possessive_len(&text.as_bytes()[t.start..t.end]) > 0
            && t.flags
                & (WORD
                    | NEVER
                    | VERB
                    | UNIT
                    | FACILITY
                    | TITLE
                    | RELATION
                    | STATE
                    | PLACE
                    | PLACE_PREFIX)
                == 0
            && nx.joined_prev
            && nx.alpha
            && nx.shape == Shape::Lower
            && (nx.flags & RELATION != 0
                || reaches_a_person(Self::lw(s, nx))
                || matches!(Self::lw(s, nx), "birthday" | "kid" | "kids"))
            && !self.in_vocabulary(Self::lw(s, t))
    }

    /// Can the word `t` name a person beside a relation word: no English word nor cue, and a
    /// listed name or a word in no list that is no word of the vocabulary and not one edit
    /// from a word?
    fn may_be_named(&self, s: &LexScratch, t: &Token) -> bool {
        t.flags & (NEVER | VERB | UNIT | FACILITY | TITLE | RELATION | STATE | WORD) == 0
            && (t.flags & (FIRST | LAST) != 0 || {
                let lw = Self::lw(s, t);
                !self.in_vocabulary(lw) && !self.near_word(lw)
            })
    }
}

/// Is `w` what a person is reached at ("velkaro's number", "Liberata's address")?
fn reaches_a_person(w: &str) -> bool {
    matches!(w, "address" | "phone" | "number" | "email" | "cell")
}

/// The last token of the name that token `i` opens: the names joined after it.
pub(super) fn name_run_end(toks: &[Token], i: usize) -> usize {
    let mut last = i;
    while toks
        .get(last + 1)
        .is_some_and(|x| x.joined_prev && x.label == Some(Label::Name))
    {
        last += 1;
    }
    last
}

/// Tokens `first..=last` are a name of that many words and no more: no name joins them on
/// either side, and no title or relation word introduces them.
pub(super) fn name_stands_alone(toks: &[Token], first: usize, last: usize) -> bool {
    let is_name = |x: &Token| x.label == Some(Label::Name);
    !toks
        .get(last + 1)
        .is_some_and(|nx| nx.joined_prev && is_name(nx))
        && (first == 0
            || !toks[first].joined_prev
            || (!is_name(&toks[first - 1]) && toks[first - 1].flags & (TITLE | RELATION) == 0))
}

/// Is the lower-case word `lw` an honorific ("mr", "mrs", "ms", "miss", "mx"): a title of
/// a person's name only, where "dr" also opens a street type ("Texas Dr")?
pub(super) fn honorific(lw: &str) -> bool {
    matches!(lw, "mr" | "mrs" | "ms" | "miss" | "mx")
}

/// May a lower-case English word with flags `f` name a person after the strong title `p`?
/// A given name may ("dr rose"), a common surname ("dr white") and, after the title's
/// period, any surname ("dr. brisk"), but not after "miss" in lower case, the verb as often
/// as the title ("I will miss work", "miss church").
fn lower_word_named(text: &str, s: &LexScratch, p: &Token, f: u32) -> bool {
    let surname = f & LAST != 0 && (f & COMMON != 0 || text.as_bytes().get(p.end) == Some(&b'.'));
    f & FIRST != 0 || (surname && !(p.shape == Shape::Lower && Lexicon::lw_is(s, p, "miss")))
}

/// A strong title ("dr", "mrs"; "mr." and "ms." with their period) right before `t`; not
/// one with a possessive, which names no one after it ("the doctor's office").
#[inline(always)]
pub(super) fn strong_title_before(text: &str, p: &Token, t: &Token) -> bool {
    p.alpha
        && (p.flags & STRONG_TITLE != 0
            || (p.flags & STRONG_TITLE_DOT != 0 && text[p.end..t.start].starts_with('.')))
        && !(p.apostrophe && possessive_title(text, p))
}

/// Does the title `p` end in a possessive? (Out of line: few titles hold an apostrophe.)
#[cold]
#[inline(never)]
fn possessive_title(text: &str, p: &Token) -> bool {
    possessive_len(&text.as_bytes()[p.start..p.end]) > 0
}

/// "Thanks, Dr. K", "-Mrs. B", "Dr. K will call": a capital letter alone (token `i`, not
/// labelled) after a capitalised strong title on a mixed-case line is the initial that
/// names the person, when the text ends after it, a punctuation mark follows, or a
/// lower-case word ("Dr. K. Lindqvist" and "Dr. K Lindqvist" are for the rules of whole
/// names). (Out of line: few texts have a title before a letter.)
#[inline(never)]
pub(super) fn title_initial(text: &str, s: &LexScratch, i: usize) -> bool {
    let (p, t) = (&s.tokens[i - 1], &s.tokens[i]);
    if t.label.is_some()
        || t.case != LineCase::Mixed
        || p.shape != Shape::Capitalized
        || !strong_title_before(text, p, t)
        || !matches!(&text.as_bytes()[p.end..t.start], b" " | b". " | b".")
    {
        return false;
    }
    match text.as_bytes()[t.end..] {
        [] | [b'.' | b',' | b'!' | b'?' | b';' | b')'] => true,
        [b'.' | b',' | b'!' | b'?' | b';' | b')', c, ..] => c.is_ascii_whitespace(),
        [b' ', c, ..] => c.is_ascii_lowercase(),
        [b'\n' | b'\r', ..] => true,
        _ => false,
    }
}

/// An unknown capitalised word opening a sentence reads as a name when it has non-ASCII
/// letters (jargon is ASCII), is followed by a subject verb ("Tavish spent"), a name particle
/// ("Annelien ten Brink") or a capitalised name after a comma ("Orvell, Graves and …").
pub(super) fn subject_like(
    text: &str,
    toks: &[Token],
    i: usize,
    vocative_followers: &FxHashSet<Box<str>>,
) -> bool {
    let t = &toks[i];
    if t.foreign() {
        return true;
    }
    let Some(nx) = toks.get(i + 1) else {
        return false;
    };
    let gap = &text[t.end..nx.start];
    if gap.contains('\n') || !nx.alpha {
        return false;
    }
    let sep = gap.trim();
    // a credential in capitals after the name, with its comma or without: "Torvane, NP at
    // bedside", "Torvane RN aware"; one that is a state's code too only before a word in
    // lower case ("Torvane, MD aware"; not the town of "Velkton, MD 20814")
    if (sep.is_empty() || sep == ",")
        && nx.shape == Shape::Upper
        && nx.flags & CREDENTIAL != 0
        && (nx.flags & STATE == 0
            || toks
                .get(i + 2)
                .is_some_and(|v| v.joined_prev && v.alpha && v.shape == Shape::Lower))
    {
        return true;
    }
    let called =
        || crate::redact::patterns::contains_ascii_ci(vocative_followers, &text[nx.start..nx.end]);
    if sep.is_empty() {
        (nx.shape == Shape::Lower
            && (nx.flags & (VERB | NAME_PARTICLE) != 0 || present_after(text, toks, i + 1)))
            // (or a capitalised surname and then a verb of what a person does, not "is" or
            // "has": "Ottoline Brisk called"; not "Limoneira Company is"; or what says who
            // the person is: "Ottoline Brisk, the billing clerk, said", "Ottoline Brisk of
            // Velkaro Holdings")
            || (nx.shape == Shape::Capitalized
                && nx.flags & (LAST | NEVER) == LAST
                && toks.get(i + 2).is_some_and(|v| {
                    let w = &text[v.start..v.end];
                    v.shape == Shape::Lower
                        && (v.joined_prev && v.flags & VERB != 0 && !weak_subject_verb(w)
                            || (w == "the" && &text[nx.end..v.start] == ", ")
                            || (matches!(w, "of" | "from")
                                && v.joined_prev
                                && toks.get(i + 3).is_some_and(|o| {
                                    o.joined_prev && o.shape != Shape::Lower
                                })))
                }))
    } else if sep == "," && opens_line(text, t.start) {
        // "Oskarine, can you call me back?": a name called at the start of a line
        called()
    } else {
        sep == ","
            && (nx.shape == Shape::Capitalized
                && nx.flags & (FIRST | LAST) != 0
                && nx.flags & NEVER == 0
                // (or called after a heading's colon: "Reminder: Kay, your lab work is due")
                || after_field_colon(text, t.start) && called())
    }
}

/// Do the words from token `j` on say where a person is, as notes write it after a name:
/// "at bedside", "at the bedside", "in to visit", "here with", "here to"? Or whose family it
/// is: "Orsk family updated", "Orsk family at bedside". (Out of line: asked of words in no
/// list that open a sentence.)
#[cold]
#[inline(never)]
fn present_after(text: &str, toks: &[Token], j: usize) -> bool {
    let word = |k: usize| {
        toks.get(k)
            .filter(|x| x.alpha && x.joined_prev)
            .map_or("", |x| &text[x.start..x.end])
    };
    match word(j) {
        "at" => word(j + 1) == "bedside" || (word(j + 1) == "the" && word(j + 2) == "bedside"),
        "in" => word(j + 1) == "to" && word(j + 2) == "visit",
        "here" => matches!(word(j + 1), "with" | "to"),
        "family" => true,
        _ => false,
    }
}

pub(super) fn is_proper(t: &Token) -> bool {
    t.alpha
        && t.flags & (WORD | NEVER | STATE) == 0
        && (t.shape == Shape::Capitalized || t.shape == Shape::Upper && t.end - t.start >= 4)
}

/// Is token `i` a compass word, which after a number names a ward or a wing ("transferred
/// to 6 North", "on 7 West")? (Out of line: asked only of names after a number.)
#[cold]
#[inline(never)]
fn ward_direction(s: &LexScratch, i: usize) -> bool {
    crate::redact::address::compass_word(Lexicon::lw(s, &s.tokens[i]))
}

/// Is token `i`, before a colon, a heading's second word after a slash ("Mobility/Comfort:
/// walked", "Safety/Hope:")? Not after a given name that is no word ("Mary/Rose: call
/// back"). (Out of line: asked only of names that are words before a colon.)
#[cold]
#[inline(never)]
fn heading_word(text: &str, s: &LexScratch, i: usize) -> bool {
    i > 0
        && &text[s.tokens[i - 1].end..s.tokens[i].start] == "/"
        && s.tokens[i - 1].flags & (FIRST | WORD) != FIRST
}

/// Is token `i` right beside a capitalised word that is no English word, before or after it
/// ("Son Tran", "Yansel Son")? (Out of line: asked only of relation words that are names
/// too.)
#[cold]
#[inline(never)]
fn beside_proper_word(s: &LexScratch, i: usize) -> bool {
    let proper = |x: &Token| x.alpha && x.shape == Shape::Capitalized && x.flags & WORD == 0;
    (i > 0 && s.tokens[i].joined_prev && proper(&s.tokens[i - 1]))
        || s.tokens
            .get(i + 1)
            .is_some_and(|x| x.joined_prev && proper(x))
}

/// Does the word open with two capitals or more and go on in lower case, an abbreviation run
/// into a word ("SVsat", "CPAPof", "DDDpaced")? Such a word is no name in no list, nor a
/// street's name before a number. (Not an Irish or Italian surname whose apostrophe was
/// dropped: "OBrien", "DAngelo".)
pub(super) fn acronym_head(w: &[u8]) -> bool {
    let caps = w.iter().take_while(|c| c.is_ascii_uppercase()).count();
    caps >= 2
        && w.get(caps).is_some_and(u8::is_ascii_lowercase)
        && !(caps == 2 && matches!(w[0], b'O' | b'D'))
}

/// Do the name particles from token `i` on (at most two more after it, in lower case) lead
/// to a name: a capitalised word, or on a line in lower case (`mixed` false) a word in no
/// list of words or particles? (Out of line: asked only of a particle after a title.)
#[cold]
#[inline(never)]
fn particles_open_name(s: &LexScratch, i: usize, mixed: bool) -> bool {
    let mut j = i + 1;
    while j <= i + 2
        && s.tokens.get(j).is_some_and(|x| {
            x.joined_prev && x.shape == Shape::Lower && x.flags & NAME_PARTICLE != 0
        })
    {
        j += 1;
    }
    s.tokens.get(j).is_some_and(|x| {
        x.alpha
            && x.joined_prev
            && !x.after_tag
            && (x.shape == Shape::Capitalized || (!mixed && x.flags & (WORD | NAME_PARTICLE) == 0))
    })
}

/// A particle in lower case on a mixed-case line is the particle, not the given name it
/// also is: "la cita del jueves", "mi cita del martes" ("Del called" is a name).
fn lower_particle(t: &Token) -> bool {
    t.shape == Shape::Lower && t.case == LineCase::Mixed && t.flags & NAME_PARTICLE != 0
}

/// Can `t` extend an adjacent name?
pub(super) fn name_neighbour(t: &Token) -> bool {
    if !t.alpha
        || t.flags & (NEVER | TITLE | RELATION | STATE | FACILITY | SUFFIX | GREETING | UNIT) != 0
    {
        return false;
    }
    let len = t.end - t.start;
    let initial = len == 1 && t.shape == Shape::Upper;
    if initial {
        return true;
    }
    // (a particle in lower case joins a name only before its next capitalised part, "Marie
    // le Pen": see `expand_names`; not "Ana Pérez le dijo")
    if lower_particle(t) {
        return false;
    }
    let in_names = t.flags & (FIRST | LAST) != 0;
    // "radka dvořáčeková": an unknown word with non-ASCII letters next to a name, in any case
    if t.foreign() && t.flags & WORD == 0 && len >= 3 {
        return true;
    }
    match t.case {
        LineCase::Mixed => {
            (in_names && t.shape != Shape::Lower)
                || (t.flags & WORD == 0 && t.shape == Shape::Capitalized)
                || (in_names && t.flags & WORD == 0)
        }
        LineCase::Flat => in_names && t.flags & WORD == 0,
    }
}

fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.end..b.start];
    !gap.contains('\n')
        && gap.len() <= 4
        && gap
            .chars()
            .all(|c| c == ' ' || c == '.' || c == ',' || c == ':' || c == '-' || c == '\t')
}

/// Is token `t`, after the cue `p`, the first word of a sentence after a period that no
/// strong title owns ("MD. Pressure"; not "Dr. Pressure", "Mr. Keep"), or a field's label
/// before a colon ("Family Support: fair")? (Out of line: asked only of English words in no
/// name list after a cue.)
#[cold]
#[inline(never)]
fn plain_word_after_cue(text: &str, p: &Token, t: &Token) -> bool {
    let after_period = t.sentence_start
        && text[p.end..t.start].contains('.')
        && p.flags & (STRONG_TITLE | STRONG_TITLE_DOT) == 0;
    after_period
        || text[t.end..]
            .trim_start_matches([' ', '\t'])
            .starts_with(':')
}

/// Token `i - 1` is a relation word written out (an English word, not a short form such as
/// "dtr") and a period after it ends the sentence before token `i` ([`sentence_end_between`],
/// which no title's period does). (Out of line: asked only when token `i` opens a sentence.)
#[cold]
#[inline(never)]
fn relation_ends_sentence(text: &str, s: &LexScratch, i: usize) -> bool {
    s.tokens[i - 1].flags & (RELATION | WORD) == RELATION | WORD
        && sentence_end_between(text, s, i - 1, i)
}

/// A period ends a sentence between tokens `a` and `b = a + 1`: not after an initial, a short
/// abbreviation or a title ("J. Smith", "St. Cyr", "Dr. Lee"). (Out of line: asked only when
/// `b` opens a sentence.) The name rules and the facility rule ("REINTUBATED. MICU" is no
/// facility's name) read sentences alike.
#[cold]
#[inline(never)]
pub(super) fn sentence_end_between(text: &str, s: &LexScratch, a: usize, b: usize) -> bool {
    let (x, y) = (&s.tokens[a], &s.tokens[b]);
    x.end - x.start > 2 && x.flags & TITLE == 0 && text.as_bytes()[x.end..y.start].contains(&b'.')
}

/// Lower-case words that follow a name introducing itself ("This is Grace again"): after
/// them the word after "this is" stays a name ([`Lexicon::noun_after`]).
const SELF_INTRO_FOLLOWERS: [&str; 14] = [
    "again", "here", "there", "back", "too", "now", "today", "and", "or", "just", "also", "btw",
    "lol", "speaking",
];
