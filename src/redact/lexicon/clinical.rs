//! Words that look like names but are none: the eponyms and drugs of clinical text, and
//! words in the company of words ("Wisdom and Discipline", "Killed My Baby").

use super::build::Lexicon;
use super::detect::partner_after;
use super::flags::{
    COMMON, EPONYM_NEXT, FACILITY, FIRST, GREETING, LAST, NEVER, RELATION, TITLE, WORD,
};
use super::names::{lone_name, name_run_end, name_stands_alone, speaker_label, subject_like};
use super::scratch::LexScratch;
use super::token::{line_blank_after, line_blank_before, line_start, LineCase, Shape, Token};
use crate::redact::label::Label;
use crate::redact::patterns::starts_with_ascii_ci;

impl Lexicon {
    /// "hickman to be placed", "brady to the 40s", "IN CARE VUE", "Passy Muir": a name of one
    /// or two words, each of them a clinical eponym (a device, graft or finding that is a
    /// person's name too), is no name when it stands alone: no title or relation before it and
    /// no other name beside it ("Dr. Brady", "Tom Brady" stay), and nothing around it that
    /// shows a person: a greeting or sign-off before it on its line ("Hi Brady", "Thanks,
    /// Perla"), an imperative ("Tell Brady"), a name phrase ("this is Brady", "my name is
    /// Perla", "ask for Quinton"), a verb after it ("Perla called", "Brady will…"), a
    /// speaker's colon ("Brady: are you …") or a name called ("Perla, can you…"), or a line
    /// of its own ("Regards,\nBrady"). Names in messages come with such context;
    /// the eponyms of notes come without.
    pub(super) fn drop_clinical_eponyms(&self, text: &str, s: &mut LexScratch) {
        let mut from = 0;
        while let Some(i) = s.next_name(from) {
            let is_name = |x: &Token| x.label == Some(Label::Name);
            let last = name_run_end(&s.tokens, i);
            from = last + 1;
            if last - i > 1
                || !is_name(&s.tokens[i])
                || !name_stands_alone(&s.tokens, i, last)
                || !(i..=last).all(|j| self.clinical_eponyms.contains(Self::lw(s, &s.tokens[j])))
            {
                continue;
            }
            let (t, l) = (s.tokens[i], s.tokens[last]);
            let line_from = line_start(text, t.start);
            let cued = (i > 0
                && s.tokens[i - 1].start >= line_from
                && (s.tokens[i - 1].flags & GREETING != 0
                    || (t.joined_prev
                        && s.tokens[i - 1].sentence_start
                        && self.imperative_verbs.contains(Self::lw(s, &s.tokens[i - 1])))))
                || speaker_label(text, &l)
                || self.contact_verb_at(text, s, last + 1, t.shape)
                // (a subject: "Brady will pick it up", "Perla, can you…"; not "kling and
                // pads", "the hickman is out")
                || (subject_like(text, &s.tokens, last, &self.vocative_followers)
                    && !s.tokens.get(last + 1).is_some_and(|nx| Self::lw_is(s, nx, "and"))
                    && !(i > 0
                        && t.joined_prev
                        && matches!(Self::lw(s, &s.tokens[i - 1]), "the" | "a" | "an" | "of")))
                || (line_blank_before(text, t.start) && line_blank_after(text, l.end))
                || self.phrase_before(s, text, i, 3, &self.strong_intros);
            if !cued {
                for t in &mut s.tokens[i..=last] {
                    t.label = None;
                }
            }
        }
    }

    /// "Zestril 40mg", "Peptamen at 10cc/hr", "Nepro @ 35/hr": a one-word name right
    /// before a dose is the drug, unless a title or relation comes before it.
    /// (It visits the names `name_bits` holds after [`Self::expand_names`]: no rule labels a
    /// name after it, so they are all there.)
    pub(super) fn drop_drugs(&self, text: &str, s: &mut LexScratch) {
        if self.dose_units.is_empty() {
            return;
        }
        let mut from = 0;
        while let Some(i) = s.next_name(from) {
            from = i + 1;
            if lone_name(&s.tokens, i) && self.dose_after(&text[s.tokens[i].end..]) {
                s.tokens[i].label = None;
            }
        }
    }

    /// Names that are words, in the company of words: a one-word name that is also a word,
    /// capitalised on a line in mixed case (where capitals say something), with no title or
    /// relation word before it, is a word when [`paired_with_word`] or [`in_title`] says so;
    /// and a one-word name of eight letters or more in no list at all, one edit from a word
    /// ([`Lexicon::near_word`]), is that word misspelt. (Out of line: inlined into `detect`,
    /// it moved the tokenizer's code there and cost ~3% of `detect/note` in instructions.)
    #[inline(never)]
    pub(super) fn drop_names_among_words(&self, text: &str, s: &mut LexScratch) {
        let mut from = 0;
        while let Some(i) = s.next_name(from) {
            from = i + 1;
            // (most names are no words: one test and on)
            let t = &s.tokens[i];
            if t.flags & (WORD | FIRST | LAST) == 0 {
                // "Contineud to improve", "Integrilinn was stopped": a long word in no
                // list, one edit from a word, alone, with no cue before it and no speech verb
                // after it ("Quarantino shouted at …"), is that word misspelt (eight letters of the
                // word itself: "Brizen's daughter" is a person's)
                if t.lrange().len() >= 8
                    && lone_name(&s.tokens, i)
                    && !s.tokens.get(i + 1).is_some_and(|x| {
                        x.joined_prev && self.speech_verbs.contains(Self::lw(s, x))
                    })
                    && self.near_word(Self::lw(s, t))
                    && !(t.apostrophe && self.owner_of_person_thing(text, s, i))
                {
                    s.tokens[i].label = None;
                }
                continue;
            }
            if t.flags & WORD == 0 || t.shape != Shape::Capitalized || t.case != LineCase::Mixed {
                continue;
            }
            if lone_name(&s.tokens, i) && (paired_with_word(text, s, i) || in_title(s, i)) {
                s.tokens[i].label = None;
            } else if let Some(last) = self.words_after_the(s, i) {
                for t in &mut s.tokens[i..=last] {
                    t.label = None;
                }
                from = last + 1;
            }
        }
    }

    /// "The Princess Royal arrived", "the Hope Foundation": a name of two words or more right
    /// after "the", every word of it an English word capitalised on a mixed-case line, is a
    /// title or an organisation's name, not a person's, unless a relation or residence word
    /// follows ("the Young family", "the Brown House"). Its last token, if so. (A name of one
    /// word is [`paired_with_word`]'s and [`in_title`]'s; "the Johnsons'", a family, is no
    /// English word.)
    fn words_after_the(&self, s: &LexScratch, i: usize) -> Option<usize> {
        let t = &s.tokens[i];
        if i == 0 || !t.joined_prev || !Self::lw_is(s, &s.tokens[i - 1], "the") {
            return None;
        }
        let last = name_run_end(&s.tokens, i);
        let words = s.tokens[i..=last].iter().all(|x| {
            x.flags & WORD != 0
                && x.shape == Shape::Capitalized
                && x.case == LineCase::Mixed
                && !x.apostrophe
        });
        let nx = s.tokens.get(last + 1).filter(|nx| nx.joined_prev);
        let residents = nx.is_some_and(|nx| nx.flags & (RELATION | FACILITY) != 0);
        // (a name of one word, before another capitalised word: "the Hope Foundation")
        let named_thing = nx.is_some_and(|nx| {
            nx.alpha
                && nx.label.is_none()
                && nx.flags & WORD != 0
                && nx.shape == Shape::Capitalized
                && nx.case == LineCase::Mixed
        });
        ((last > i || named_thing) && words && !residents).then_some(last)
    }

    /// A word of four letters or more that is an English word's plural ("labs", "samples",
    /// "cities").
    pub(super) fn plural_of_word(&self, w: &[u8]) -> bool {
        let n = w.len();
        if n <= 3 || !w[n - 1].eq_ignore_ascii_case(&b's') {
            return false;
        }
        if self.flags.get_ascii_lower(&w[..n - 1]) & WORD != 0 {
            return true;
        }
        // "countries", "cities": a word in "y" (the stem and its "y", on the stack)
        let mut y = [0u8; 32];
        n > 4 && n - 2 <= y.len() && w[n - 3..n - 1].eq_ignore_ascii_case(b"ie") && {
            y[..n - 3].copy_from_slice(&w[..n - 3]);
            y[n - 3] = b'y';
            self.flags.get_ascii_lower(&y[..n - 2]) & WORD != 0
        }
    }

    /// Whether `rest` opens with a dose: "40mg", " @ 35/hr", " at 15cc/hour".
    fn dose_after(&self, rest: &str) -> bool {
        let mut r = rest.trim_start_matches([' ', '\t']);
        for lead in ["@", "at ", "to "] {
            if starts_with_ascii_ci(r.as_bytes(), lead.as_bytes()) {
                r = r[lead.len()..].trim_start_matches([' ', '\t']);
                break;
            }
        }
        let digits = r
            .bytes()
            .take_while(|c| c.is_ascii_digit() || *c == b'.')
            .count();
        if digits == 0 || !r.as_bytes()[0].is_ascii_digit() {
            return false;
        }
        let unit = r[digits..].trim_start_matches(' ').as_bytes();
        self.dose_units.iter().any(|u| {
            let u = u.as_bytes();
            starts_with_ascii_ci(unit, u)
                && unit.get(u.len()).is_none_or(|c| !c.is_ascii_alphabetic())
        })
    }
}

/// "quinton cath", "Riker scale": a one-word name right before a device, scale or sign named
/// after a person is the eponym, unless a title or relation comes before it.
/// (It visits the names `name_bits` holds after [`Lexicon::expand_names`]: no rule labels a
/// name after it, so they are all there.)
pub(super) fn drop_eponyms(s: &mut LexScratch) {
    let mut from = 0;
    while let Some(i) = s.next_name(from).filter(|&i| i + 1 < s.tokens.len()) {
        from = i + 1;
        let nx = s.tokens[i + 1];
        if !(nx.joined_prev
            && nx.flags & EPONYM_NEXT != 0
            && s.tokens[i].label == Some(Label::Name))
        {
            continue;
        }
        if nx.label.is_none() && lone_name(&s.tokens, i) {
            s.tokens[i].label = None;
        } else if nx.label.is_none()
            && i > 0
            && s.tokens[i].joined_prev
            && s.tokens[i - 1].label == Some(Label::Name)
            && s.tokens[i - 1].flags & FIRST == 0
            && name_stands_alone(&s.tokens, i - 1, i)
        {
            // "Passee Muir valve": two surnames before the follower, no given name first
            s.tokens[i - 1].label = None;
            s.tokens[i].label = None;
        } else if nx.label == Some(Label::Name)
            && s.tokens[i].flags & FIRST == 0
            && name_stands_alone(&s.tokens, i, i + 1)
        {
            // "bair hugger": a surname before a follower that is a surname too (no given
            // name first: "Mary Hugger" is a person)
            s.tokens[i].label = None;
            s.tokens[i + 1].label = None;
            from = i + 2;
        }
    }
}

/// "Capitalized words like Wisdom and Discipline", "Kids & Family, Mystery & Suspense": the
/// name at `i` is paired by "and", "or" or "&" with a capitalised word that no rule named and
/// that is no common name ("Discipline"; rare names that are words too, "Courage",
/// "Kindness"): names pair with names ("Grace and Bob", "Hope and Faith" stay), words with
/// words. Not with a relation or title ("Rose and Family").
fn paired_with_word(text: &str, s: &LexScratch, i: usize) -> bool {
    let partner_is_word = |k: usize| {
        let p = &s.tokens[k];
        p.alpha
            && p.label.is_none()
            && p.shape == Shape::Capitalized
            && p.end - p.start >= 3
            && p.flags & WORD != 0
            && p.flags & (COMMON | NEVER | TITLE | RELATION | GREETING) == 0
    };
    let paired_after = |a: usize| partner_after(text, s, a, true);
    paired_after(i).is_some_and(partner_is_word)
        || (i >= 1 && paired_after(i - 1) == Some(i) && partner_is_word(i - 1))
        || (i >= 2 && paired_after(i - 2) == Some(i) && partner_is_word(i - 2))
}

/// "Killed My Baby", "Carry Me Back": the name at `i` follows a capitalised possessive
/// ("My", "Your", "Our", "Their", "His") or comes before a capitalised object pronoun ("Me",
/// "Him", "Us", "Them") inside a sentence: a word of a title in title case, since a name
/// neither follows "my" nor takes an object.
fn in_title(s: &LexScratch, i: usize) -> bool {
    let t = &s.tokens[i];
    let capital_inside =
        |x: &Token| x.shape == Shape::Capitalized && !x.sentence_start && x.label.is_none();
    (i > 0 && t.joined_prev && {
        let p = &s.tokens[i - 1];
        capital_inside(p) && matches!(Lexicon::lw(s, p), "my" | "your" | "our" | "their" | "his")
    }) || s.tokens.get(i + 1).is_some_and(|nx| {
        nx.joined_prev
            && capital_inside(nx)
            && matches!(Lexicon::lw(s, nx), "me" | "him" | "us" | "them")
    })
}
