//! Places: towns and facilities by list and cue, and the streets and towns the regex
//! patterns do not shape.

use rustc_hash::FxHashSet;

use super::build::{word_pair_hash, Lexicon};
use super::detect::{is_state_phrase, partner_after};
use super::flags::{
    ADDRESS_CUE, EPONYM_NEXT, FACILITY, FACILITY_NAME, FIRST, GREETING, LAST, MODIFIER,
    NAME_PARTICLE, NEVER, PARTICLE, PLACE, PLACE_PREFIX, PLACE_WORDS, PREP, RELATION, STATE,
    STREET_INTRO, STRONG_FACILITY, SUFFIX, TITLE, UNIT, VERB, WORD,
};
use super::names::{acronym_head, after_name_line, honorific, is_proper, sentence_end_between};
use super::scratch::LexScratch;
use super::token::{after_field_colon, LineCase, Shape, Token};
use crate::redact::label::Label;
use crate::redact::span::{possessive_len, Span};

impl Lexicon {
    /// "St" or "Saint": the word that opens a saint's place ("St. Mary's").
    fn is_saint(s: &LexScratch, t: &Token) -> bool {
        Self::lw_is(s, t, "st") || Self::lw_is(s, t, "saint")
    }

    /// Where the facility's name ends that facility word `i` opens, as Spanish, Portuguese
    /// and French order them ("Hospital San José", "Clínica del Valle", "Hôpital
    /// Saint-Louis", "Hospital General de Tijuana"): on a line in mixed case, the capitalised
    /// words right after it (name particles in lower case between them), to the last that is
    /// no English word, a facility word or a saint's, one of them at least no English word
    /// ("Hospital Course", "Clinic Visit Summary" name nothing). After the word in lower
    /// case, only a name that opens with a saint's word or holds a particle ("el hospital San
    /// Rafael"; "the hospital Marisol works at" names a person). (Out of line: asked only at
    /// facility words.)
    #[inline(never)]
    fn facility_name_after(&self, s: &LexScratch, i: usize) -> Option<usize> {
        let t = &s.tokens[i];
        if t.case != LineCase::Mixed || !self.facility_openers.contains(Self::lw(s, t)) {
            return None;
        }
        let saint = |x: &Token| self.saint_words.contains(Self::lw(s, x));
        let (mut end, mut named, mut particle) = (None, false, false);
        let mut j = i + 1;
        while j < s.tokens.len() && j - i <= 6 {
            let x = &s.tokens[j];
            if !x.joined_prev || !x.alpha || x.label.is_some_and(|l| l != Label::Name) {
                break;
            }
            if x.shape == Shape::Lower {
                // a particle, then a capitalised word: "del Valle", "de la Raza"
                let opens = |y: &Token| y.joined_prev && y.alpha && y.shape == Shape::Capitalized;
                let mut k = j;
                while k < s.tokens.len()
                    && k - j < 2
                    && s.tokens[k].shape == Shape::Lower
                    && s.tokens[k].flags & (NAME_PARTICLE | PARTICLE) != 0
                    && (k == j || s.tokens[k].joined_prev)
                {
                    k += 1;
                }
                if k == j || !s.tokens.get(k).is_some_and(opens) {
                    break;
                }
                particle = true;
                j = k;
                continue;
            }
            if x.shape != Shape::Capitalized || x.flags & (NEVER | TITLE | RELATION | STATE) != 0 {
                break;
            }
            // (an English word inside, "Clínica Familiar de Salinas", not at the end: "Clinic
            // Jelka Visit" ends before "Visit")
            if x.flags & WORD == 0 || x.flags & FACILITY != 0 || saint(x) {
                named |= x.flags & WORD == 0 && !saint(x);
                end = Some(j);
            }
            j += 1;
        }
        let end = end?;
        let opened = t.shape != Shape::Lower || particle || saint(&s.tokens[i + 1]);
        (named && opened).then_some(end)
    }

    pub(super) fn mark_places(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        let mut i = 0;
        while i < n {
            // most tokens: a number, or an English word that is no place, facility word or
            // street suffix (and not "saint"). Every rule below wants one of those, an
            // unknown word, a proper noun (no English word) or a token that is neither word
            // nor number; skipped in a loop of their own.
            while i < n && {
                let t = &s.tokens[i];
                t.numeric
                    || t.alpha
                        && t.flags & (WORD | PLACE | PLACE_PREFIX | FACILITY | SUFFIX) == WORD
                        && !Self::lw_is(s, t, "saint")
            } {
                i += 1;
            }
            if i == n {
                break;
            }
            let t = s.tokens[i];
            if !t.alpha {
                // "to BELLWEATHER7": a ward written with its number, right after a preposition
                // (not across a tag: "on [NAME] aaaaa0" reads as no place in either pass)
                if !t.numeric
                    && t.label.is_none()
                    && after_place_prep(s, i)
                    && ward_glued(&text[t.start..t.end])
                    && self.ward_letters(&s.lower[t.lrange()])
                {
                    s.tokens[i].label = Some(Label::Address);
                }
                if !t.numeric && is_ordinal(&text.as_bytes()[t.start..t.end]) {
                    ordinal_crossing(text, s, i, &self.street_types);
                }
                i += 1;
                continue;
            }
            // "from orskavik ew", "AT VELKARO EW": a word in no list right before "EW" (the
            // emergency ward) names the hospital
            // (the word is visited, "ew" is not: a clinical term is skipped above)
            if s.tokens.get(i + 1).is_some_and(|nx| {
                nx.flags & NEVER != 0
                    && nx.end - nx.start == 2
                    && nx.joined_prev
                    && Self::lw_is(s, nx, "ew")
            }) && t.label.is_none_or(|l| l == Label::Name)
                && self.unknown_not_misspelt(s, &t)
            {
                s.tokens[i].label = Some(Label::Address);
            }
            // "counts were low at orskavik.", "Cx sent at ORSKAVIK, then…": a word in no list
            // after "at" that ends a clause or a line names a place (on a line in capitals,
            // where such words are abbreviations as often, "K AT TMSKV.", only one that reads
            // as a word: "SENT TO ED AT VELKARO."); so do two such words ("AT VELKA TAMSKO,")
            // ("at" is a street intro: a flag says most words are not it)
            // ("@" for "at" in notes too: "AIDE IN ICU @ VELKARO.", not an address's "@")
            if i > 0
                && (s.tokens[i - 1].flags & STREET_INTRO != 0
                    && t.joined_prev
                    && Self::lw_is(s, &s.tokens[i - 1], "at")
                    || (t.start >= 3 && &text.as_bytes()[t.start - 3..t.start] == b" @ "))
            {
                let place_word = |x: &Token| {
                    x.alpha
                        && x.label.is_none()
                        && (x.case != LineCase::Flat
                            || x.shape != Shape::Upper
                            || reads_as_word(Self::lw(s, x)))
                        && self.unknown_not_misspelt(s, x)
                };
                // (a dash and a blank end a clause in notes too: "at orskavik- 2 units"; so
                // does the line's end: "after the meeting at orskavik⏎")
                let ends_clause = |x: &Token| {
                    let rest = &text[x.end..];
                    rest.starts_with(['.', ',', ';']) || rest.starts_with("- ") || {
                        let rest = rest.trim_start_matches([' ', '\t']);
                        rest.is_empty() || rest.starts_with(['\n', '\r'])
                    }
                };
                if place_word(&t) {
                    let last = if ends_clause(&t) {
                        Some(i)
                    } else {
                        s.tokens
                            .get(i + 1)
                            .filter(|nx| &text[t.end..nx.start] == " " && place_word(nx))
                            .filter(|nx| ends_clause(nx))
                            .map(|_| i + 1)
                    };
                    if let Some(last) = last {
                        for x in &mut s.tokens[i..=last] {
                            x.label = Some(Label::Address);
                        }
                    }
                }
            }
            // multi-word or single-word places from the gazetteer
            let mut matched = 0;
            // (a place of several words is looked up only when its first two words open
            // one: "the team" opens none, and most word pairs after "the" or "fall" do not)
            let opens_phrase = t.flags & PLACE_PREFIX != 0
                && s.tokens.get(i + 1).is_some_and(|x| {
                    x.joined_prev
                        && x.alpha
                        && self
                            .place_pairs
                            .contains(&word_pair_hash(Self::lw(s, &t), Self::lw(s, x)))
                });
            // an English word that opens no place here, and is no place, facility, street
            // or particle word itself ("clear", "home" of "Clear Lake", "Home Valley"): no
            // rule below takes it (each wants one of those flags, a word in no list, or is
            // the rule for "St." and "Saint")
            if !opens_phrase
                && t.flags & (WORD | PLACE | FACILITY | SUFFIX | PARTICLE) == WORD
                && !Self::is_saint(s, &t)
            {
                i += 1;
                continue;
            }
            if !opens_phrase {
                matched = usize::from(t.flags & PLACE != 0);
            } else {
                for k in (1..=self.max_place_words.min(n - i)).rev() {
                    if k == 1 {
                        // a one-word place is flagged on the word itself
                        if t.flags & PLACE != 0 {
                            matched = 1;
                        }
                        break;
                    }
                    if t.flags & (PLACE_WORDS << (k - 2)) == 0
                        || !(i + 1..i + k).all(|j| s.tokens[j].joined_prev && s.tokens[j].alpha)
                    {
                        continue;
                    }
                    s.phrase.clear();
                    for j in i..i + k {
                        if j > i {
                            s.phrase.push(' ');
                        }
                        let tj = s.tokens[j];
                        s.phrase.push_str(&s.lower[tj.lrange()]);
                    }
                    if self.places.contains(s.phrase.as_str()) {
                        matched = k;
                        break;
                    }
                }
            }
            // "this brackwell maryland's clinic", "in Orskavik, Ohio": an unknown word right
            // before a state's name (even one its capital made a name); "in Orskavik": a
            // capitalised one after "in" or "near" is a town, not a person, and so is one
            // after a person and "is from" ("Pt is from Velkton originally"; not "message
            // from Velkton", "the card is from Jelka")
            let unknown = t.flags & (WORD | NEVER | TITLE | RELATION | STATE | FACILITY) == 0
                && t.label
                    .is_none_or(|l| l == Label::Name && t.flags & (FIRST | LAST) == 0)
                && t.end - t.start >= 4;
            let in_town = || {
                t.label == Some(Label::Name)
                    && t.shape == Shape::Capitalized
                    && t.case == LineCase::Mixed
                    && t.joined_prev
                    && i > 0
                    && (matches!(Self::lw(s, &s.tokens[i - 1]), "in" | "near")
                        || from_after_be(s, i - 1))
                    && !s
                        .tokens
                        .get(i + 1)
                        .is_some_and(|x| x.joined_prev && x.label == Some(Label::Name))
                    && !text[t.end..].starts_with('\'')
            };
            if matched == 0
                && unknown
                && (s.tokens.get(i + 1).is_some_and(|x| {
                    state_after_town(text, &t, x)
                        && (x.joined_prev && &text[t.end..x.start] == " "
                            || &text[t.end..x.start] == ", ")
                }) || in_town()
                    || self.state_phrase_after_town(text, s, i))
            {
                s.tokens[i].label = Some(Label::Address);
                i += 1;
                continue;
            }
            if matched > 0 {
                let prep = i > 0 && self.has_prep_before(text, s, i);
                // "MOVED TO CEDAR FALLS IN MAY": where case says nothing, a place of two or
                // more English words after a movement or residence phrase
                let all_words = s.tokens[i..i + matched]
                    .iter()
                    .all(|x| x.flags & (WORD | NEVER) != 0);
                let flat_after_intro = prep
                    && matched >= 2
                    && t.case == LineCase::Flat
                    && all_words
                    && (1..=self.prev_phrases(s, text, i, 3))
                        .any(|k| self.place_intros.contains(Self::phrase_of(s, k)));
                let toks = &s.tokens[i..i + matched];
                let any_never = toks
                    .iter()
                    .any(|x| x.flags & NEVER != 0 || x.flags & (STATE | TITLE) != 0);
                let capitalised = toks
                    .iter()
                    .all(|x| x.shape == Shape::Capitalized || x.shape == Shape::Upper)
                    && t.case == LineCase::Mixed;
                // "this easton maryland's clinic": a place right before a state's name
                // (or its code before a ZIP code, after a comma too: "Salem, OR 97301")
                let before_state = s.tokens.get(i + matched).is_some_and(|x| {
                    let gap = &text[s.tokens[i + matched - 1].end..x.start];
                    state_after_town(text, &s.tokens[i + matched - 1], x)
                        && (x.joined_prev || gap == ", " && x.lrange().len() == 2)
                });
                // "SCREENED BY HOLY CROSS REHAB": a place of two or more English words right
                // before a facility word names the facility, whatever the case
                let before_facility = matched >= 2
                    && all_words
                    && s.tokens
                        .get(i + matched)
                        .is_some_and(|x| x.joined_prev && x.alpha && x.flags & FACILITY != 0);
                // "via Hickman cath", "drawn from Quinton line": a town before an eponym's
                // follower is the eponym
                let before_eponym_follower = s
                    .tokens
                    .get(i + matched)
                    .is_some_and(|x| x.joined_prev && x.alpha && x.flags & EPONYM_NEXT != 0);
                let accept = !any_never
                    && !before_eponym_follower
                    && (before_state
                        || before_facility
                        || (!all_words
                            && (prep
                                || capitalised
                                || t.case == LineCase::Flat
                                    && toks.iter().any(|x| x.flags & (FIRST | LAST) == 0)))
                        || (all_words && prep && capitalised && !t.sentence_start)
                        || flat_after_intro
                        || (all_words
                            && matched == 1
                            // (the word before tested here as well as in the call: asked
                            // of every one-word place, the call alone cost the note 0.3%)
                            && i >= 3
                            && matches!(Self::lw(s, &s.tokens[i - 1]), "in" | "from")
                            && residence_clause_ends(self, text, s, i)));
                if accept {
                    // (or a capital initial and a capitalised word: "from Sydney A Berthiaume";
                    // or a capital initial with its period that closes the text, the line or
                    // the clause: "from: Carlos M.")
                    let next_is_name = s
                        .tokens
                        .get(i + matched)
                        .is_some_and(|x| x.joined_prev && x.label == Some(Label::Name))
                        || middle_initial_after(text, s, i + matched)
                        || closing_initial_after(text, s, i + matched);
                    let names = toks.iter().all(|x| x.flags & (FIRST | LAST) != 0);
                    // "talked to Logan", "shouted at Gary": after a phrase that introduces a
                    // person, a name that is also a town is the person
                    let introduced = names
                        && prep
                        && (1..=self.prev_phrases(s, text, i, 3))
                            .any(|k| self.strong_intros.contains(Self::phrase_of(s, k)));
                    // "said Velkaro to Tyler": a speech verb, a name, "to", and a name that
                    // is also a town: the person spoken to
                    let spoken_to = names
                        && matched == 1
                        && i >= 3
                        && t.joined_prev
                        && s.tokens[i - 1].joined_prev
                        && s.tokens[i - 2].joined_prev
                        && s.tokens[i - 2].label == Some(Label::Name)
                        && Self::lw_is(s, &s.tokens[i - 1], "to")
                        && self.speech_verbs.contains(Self::lw(s, &s.tokens[i - 3]));
                    // "Mrs. Haverford-Lund", "Mrs. Lund-Haverford": a town right after an
                    // honorific (no street type, as "Dr" is), or after a name and a hyphen,
                    // is a person's name
                    let honorific = i > 0 && t.joined_prev && {
                        let p = &s.tokens[i - 1];
                        honorific(Self::lw(s, p))
                            || (p.label == Some(Label::Name) && &text[p.end..t.start] == "-")
                    };
                    let person = honorific
                        || (names
                            && !before_state
                            && !before_facility
                            && (!prep || next_is_name || introduced || spoken_to));
                    if !person {
                        for j in i..i + matched {
                            s.tokens[j].label = Some(Label::Address);
                        }
                    }
                    // (a town that is a facility word too names its facility with the words
                    // before it, as the facility word does below: "Kellmoor Centre")
                    if !(matched == 1 && t.flags & FACILITY != 0) {
                        i += matched;
                        continue;
                    }
                }
            }
            // "Hospital San José", "la Clínica del Valle": a facility word that opens the
            // facility's name, and the name after it (`facility_openers`)
            if t.flags & FACILITY != 0 {
                if let Some(end) = self.facility_name_after(s, i) {
                    for x in &mut s.tokens[i..=end] {
                        x.label = Some(Label::Address);
                    }
                    i = end + 1;
                    continue;
                }
            }
            // "Kim Ward called", "ask Sam House": a facility word that is a listed surname,
            // after a listed given name that is no English word and opens its run of
            // capitals after no place's preposition (`given_name_alone`), names a person
            if t.flags & (FACILITY | LAST | STRONG_FACILITY) == FACILITY | LAST
                && i > 0
                && t.joined_prev
                && t.case == LineCase::Mixed
                && t.shape == Shape::Capitalized
                && given_name_alone(s, i - 1)
            {
                s.tokens[i - 1].label = Some(Label::Name);
                s.tokens[i].label = Some(Label::Name);
                i += 1;
                continue;
            }
            // words before a facility word: "Ashgrove Hospital", "brennick hosp"
            if t.flags & FACILITY != 0 && i > 0 && t.joined_prev {
                let mut j = i;
                let mut taken = 0;
                // "MAPLE MEMORIAL", "Cedar Regional": these words name the facility with the
                // word before them, even an English word where case says nothing
                let name_word = t.flags & FACILITY_NAME != 0;
                // "Kellmoor Nursing Home": the first word of a facility word of two words is
                // part of it, not of the name before it
                if i >= 2 && {
                    let (p, w) = (Self::lw(s, &s.tokens[i - 1]), Self::lw(s, &t));
                    self.facility_pairs
                        .iter()
                        .any(|(a, b)| **a == *p && **b == *w)
                } {
                    j -= 1;
                }
                while j > 0 && taken < 3 {
                    let p = s.tokens[j - 1];
                    // (a name particle in lower case is an article there: "en el hospital")
                    // (nor across a sentence's end after a word: "WANT TO BE REINTUBATED.
                    // MICU", not "Mt. Sinai Hospital")
                    if !s.tokens[j].joined_prev
                        || (s.tokens[j].sentence_start && sentence_end_between(text, s, j - 1, j))
                        || !p.alpha
                        || p.flags & (NEVER | PREP | TITLE | FACILITY) != 0
                        || p.flags & NAME_PARTICLE != 0 && p.shape == Shape::Lower
                    {
                        break;
                    }
                    // (a word in lower case with capitals inside, "eBay", "iPhone", is a
                    // brand's or a typo's, no facility's name)
                    let camel =
                        p.shape == Shape::Other && text.as_bytes()[p.start].is_ascii_lowercase();
                    // (a field's colon before a word of the name lists is no sentence's end
                    // that explains its capital: "From: Mercy Hospital", "Where: Mercy
                    // Clinic"; not "Notes: Admitted Hospital day 3")
                    let proper = !camel
                        && (p.flags & WORD == 0
                            || (p.case == LineCase::Mixed
                                && p.shape != Shape::Lower
                                && (!p.sentence_start
                                    || p.flags & (FIRST | LAST) != 0
                                        && after_field_colon(text, p.start)))
                            || (name_word
                                && taken == 0
                                && p.case == LineCase::Flat
                                && p.end - p.start >= 4
                                && p.flags & (STATE | RELATION | MODIFIER | VERB) == 0));
                    if !proper {
                        break;
                    }
                    s.tokens[j - 1].label = Some(Label::Address);
                    taken += 1;
                    j -= 1;
                }
                if taken > 0 && name_word {
                    s.tokens[i].label = Some(Label::Address);
                }
                // "Memorial Hospital", "General Clinic": in mixed case a capitalised facility
                // word before a capitalised strong one is the facility's name
                let p = s.tokens[i - 1];
                if taken == 0
                    && t.flags & STRONG_FACILITY != 0
                    && t.case == LineCase::Mixed
                    && t.shape == Shape::Capitalized
                    && p.alpha
                    && p.flags & FACILITY != 0
                    && p.flags & STRONG_FACILITY == 0
                    && p.shape == Shape::Capitalized
                    && !p.sentence_start
                {
                    s.tokens[i - 1].label = Some(Label::Address);
                    s.tokens[i].label = Some(Label::Address);
                    taken = 1;
                }
                // "university of vermont hospital": a hospital named after a university
                // named after its place (not the university alone: "studied at the
                // University of Milford" names the town, which the place rules find)
                if Self::lw_is(s, &t, "university") && i + 3 < n {
                    let (of, x, h) = (s.tokens[i + 1], s.tokens[i + 2], s.tokens[i + 3]);
                    if Self::lw_is(s, &of, "of")
                        && of.joined_prev
                        && x.joined_prev
                        && x.alpha
                        && x.flags & (STATE | PLACE | PLACE_PREFIX) != 0
                        && h.joined_prev
                        && h.alpha
                        && h.flags & FACILITY != 0
                    {
                        for k in i..=i + 2 {
                            s.tokens[k].label = Some(Label::Address);
                        }
                    }
                }
                // "to sacred heart hospital": one or two plain words between a preposition
                // and a strong facility word name it, whatever their case
                if taken == 0 && t.flags & STRONG_FACILITY != 0 {
                    for k in [2usize, 1] {
                        if i < k + 1 {
                            continue;
                        }
                        let run = i - k..i;
                        let ok = run.clone().all(|j| {
                            let x = s.tokens[j];
                            x.alpha
                                && s.tokens[j + 1].joined_prev
                                && x.end - x.start >= 3
                                && x.flags
                                    & (NEVER
                                        | PREP
                                        | TITLE
                                        | FACILITY
                                        | STATE
                                        | MODIFIER
                                        | RELATION)
                                    == 0
                        });
                        let before = s.tokens[i - k - 1];
                        if ok
                            && before.alpha
                            && before.flags & PREP != 0
                            && s.tokens[i - k].joined_prev
                        {
                            for j in run {
                                s.tokens[j].label = Some(Label::Address);
                            }
                            break;
                        }
                    }
                }
            }
            // "transferred to bellweather 4", "sent to KMH", "lives in Orsk": an unknown word
            // after a movement or residence phrase (short ones only as abbreviations:
            // capitals, or a flat-case line), even one its capital made a name
            // (and a listed surname that no given name shares after "in" and a verb of
            // residence or birth: "was born in Guadalajara", a surname of the lists; no one
            // is born in a person)
            let len = t.end - t.start;
            if (t
                .label
                .is_none_or(|l| l == Label::Name && t.flags & LAST == 0)
                || t.label == Some(Label::Name)
                    && i > 1
                    && Self::lw_is(s, &s.tokens[i - 1], "in")
                    && residence_or_arrival_before(self, text, s, i))
                && t.flags & (WORD | NEVER | FACILITY | STATE | TITLE | RELATION | FIRST) == 0
                && (len >= 4
                    || (len >= 2
                        && t.alpha
                        && (t.shape == Shape::Upper || t.case == LineCase::Flat)))
                && i > 1
            {
                // "transferred to 209 ostermoor": a room number of three or four digits may
                // come first (not a count: "sent to 3 labs", "to 100 units")
                let plural = self.plural_of_word(&text.as_bytes()[t.start..t.end]);
                let room = s.tokens[i - 1].numeric
                    && (3..=4).contains(&(s.tokens[i - 1].end - s.tokens[i - 1].start))
                    && s.tokens[i - 1].label.is_none()
                    && t.joined_prev
                    && s.tokens[i - 1].joined_prev
                    && len >= 5
                    && !plural;
                let at = if room { i - 1 } else { i };
                // (a relation word and "from" move a person too: "daughter from orskavik")
                let relation_from = at >= 2
                    && s.tokens[at - 1].alpha
                    && s.tokens[at - 1].joined_prev
                    && s.tokens[at].joined_prev
                    && s.tokens[at - 2].flags & RELATION != 0
                    && Self::lw_is(s, &s.tokens[at - 1], "from");
                // ("admitted to the orskavik for…": the intro may come before "the")
                let the_before = at >= 2
                    && s.tokens[at].joined_prev
                    && s.tokens[at - 1].joined_prev
                    && Self::lw_is(s, &s.tokens[at - 1], "the");
                let intro_at = |s: &mut LexScratch, at| {
                    (1..=self.prev_phrases(s, text, at, 3))
                        .any(|k| self.place_intros.contains(Self::phrase_of(s, k)))
                };
                let found = (relation_from
                    || intro_at(s, at)
                    || (the_before && intro_at(s, at - 1))
                    // (and no misspelt word: "came up from hosiptal ew")
                    || residence_or_arrival_before(self, text, s, at) && !self.near_word(Self::lw(s, &t))
                    || self.place_after_from_ends_clause(text, s, at, i))
                    // (not a word of the vocabulary: "sent to fluoroscopy")
                    && !self.in_vocabulary(Self::lw(s, &t));
                if found {
                    for j in at..=i {
                        s.tokens[j].label = Some(Label::Address);
                    }
                    // "lives in Orskavik del Tamsko": the rest of the place, which its
                    // capitals and particle had made a name; "lives in orskavik tamsko":
                    // where case says nothing, words in no list (a surname list aside) and
                    // no misspelt word ("sent to orskavik todya")
                    let mut end = i;
                    let mut j = i + 1;
                    while j < n && j - i <= 3 {
                        let x = s.tokens[j];
                        // (a town's name joined by a hyphen goes whole, "Budel-Dorplein"; not
                        // an English word, "PRE-ILLNESS")
                        if x.alpha
                            && x.joined_prev
                            && x.flags & WORD == 0
                            && &text[s.tokens[j - 1].end..x.start] == "-"
                        {
                            end = j;
                            j += 1;
                            continue;
                        }
                        if x.joined_prev
                            && x.label.is_none()
                            && x.case == LineCase::Flat
                            && x.flags & FIRST == 0
                            && self.in_no_list(s, &x)
                            && !self.near_word(Self::lw(s, &x))
                        {
                            end = j;
                            j += 1;
                            continue;
                        }
                        if !(x.joined_prev && x.alpha && x.label == Some(Label::Name)) {
                            break;
                        }
                        if x.flags & (NAME_PARTICLE | PARTICLE) == 0 {
                            if x.shape != Shape::Capitalized || x.flags & (FIRST | LAST) != 0 {
                                break;
                            }
                            end = j;
                        }
                        j += 1;
                    }
                    for j in i + 1..=end {
                        s.tokens[j].label = Some(Label::Address);
                    }
                }
            }
            // "to bellweather 6", "ON BELLWEATHER 2", "PLAN: BELLWEATHER 2 ONCE A BED OPENS":
            // an unknown word before a one-digit ward number, right after a preposition (not
            // across a tag) or opening a clause
            if t.label.is_none()
                && t.flags & (WORD | NEVER | FACILITY | STATE | TITLE | RELATION | FIRST) == 0
                && len >= 5
                && (t.sentence_start || after_place_prep(s, i))
                && !self.clinical_ending(Self::lw(s, &t))
            {
                let numbered = s.tokens.get(i + 1).is_some_and(|nx| {
                    nx.joined_prev
                        && nx.numeric
                        && nx.end - nx.start == 1
                        // (not a date's month: "mrsa 5/21 neg")
                        && !s.in_pattern(nx.start)
                        && text[t.end..nx.start].bytes().all(|c| c == b' ')
                        && ward_number_ends(text, nx.end, &self.ward_number_followers)
                });
                if numbered {
                    s.tokens[i].label = Some(Label::Address);
                }
            }
            // "on Marl Hills Street", "on 3rd Ave", "on Michigan Ave": capitalised words (or
            // an ordinal) and a street suffix after a preposition name a street
            if t.flags & SUFFIX != 0
                && t.shape == Shape::Capitalized
                && t.case == LineCase::Mixed
                && t.joined_prev
                && i >= 2
            {
                let mut j = i;
                while j > 0 && i - j < 2 {
                    let p = s.tokens[j - 1];
                    let ok = s.tokens[j].joined_prev
                        && (p.alpha && p.shape == Shape::Capitalized
                            || is_ordinal(&text.as_bytes()[p.start..p.end]))
                        && !p.sentence_start
                        && p.flags & (NEVER | TITLE | PREP) == 0
                        && (p.flags & STATE == 0 || self.state_street(text, s, &t))
                        && p.label.is_none_or(|l| l == Label::Name);
                    if !ok {
                        break;
                    }
                    j -= 1;
                }
                if j < i && after_place_prep(s, j) {
                    for k in j..=i {
                        s.tokens[k].label = Some(Label::Address);
                    }
                }
            }
            // "on 3rd street", "at 5TH AVE": see `ordinal_street` (out of line; the word
            // before must be of letters and digits, as an ordinal is: "is" is a street
            // type too, Isle)
            if t.flags & SUFFIX != 0
                && t.shape != Shape::Capitalized
                && i >= 2
                && !s.tokens[i - 1].alpha
                && !s.tokens[i - 1].numeric
            {
                ordinal_street(text, s, i, &self.street_types);
            }
            // "St. Mary's", "Saint Joseph"
            if Self::is_saint(s, &t) && i + 1 < n {
                let nx = s.tokens[i + 1];
                // "to St. Velkaro": the period after a capitalised "St" ends no sentence
                // when "St" opens the name (after a street's name, "Elm St. Velkaro
                // called", it may)
                let opens = t.shape == Shape::Capitalized
                    && (i == 0
                        || !t.joined_prev
                        || !(s.tokens[i - 1].numeric
                            || s.tokens[i - 1].alpha && s.tokens[i - 1].shape != Shape::Lower));
                if nx.alpha
                    && nx.joined_prev
                    && nx.flags & NEVER == 0
                    && (nx.flags & FIRST != 0 || nx.shape == Shape::Capitalized)
                    && (!nx.sentence_start || opens)
                    || (nx.alpha
                        && nx.joined_prev
                        && nx.flags & FIRST != 0
                        && nx.flags & NEVER == 0)
                {
                    s.tokens[i + 1].label = Some(Label::Address);
                    // the saint's word is the place's too ("St. Brigid" is one place)
                    if opens {
                        s.tokens[i].label = Some(Label::Address);
                    }
                } else if t.case == LineCase::Flat
                    && nx.alpha
                    && nx.joined_prev
                    && nx.label.is_none()
                    && nx.end - nx.start >= 4
                    && after_place_prep(s, i)
                    && self.unknown_not_misspelt(s, &nx)
                {
                    // "TO GO TO ST. VELKARO ON…", where case says nothing: a word in no list
                    // after a place preposition's "St" (not "RHYTHM ST. VELKARO…", sinus
                    // tachycardia and a new sentence)
                    s.tokens[i].label = Some(Label::Address);
                    s.tokens[i + 1].label = Some(Label::Address);
                }
            }
            // "Velkaro tamsko útja 3.": a street word after the street's name
            if t.flags & PARTICLE != 0 && self.street_after_name(text, s, i) {
                i += 2;
                continue;
            }
            // European street shape: Proper [particle|Proper]* number
            if t.case == LineCase::Mixed && is_proper(&t) {
                let mut j = i + 1;
                while j < n
                    && j - i < 5
                    && s.tokens[j].joined_prev
                    && (is_proper(&s.tokens[j]) || self.street_particle(text, s, j))
                {
                    j += 1;
                }
                // a listed given name and one more word before a pattern's number, a year,
                // are a person and a date ("Maria Lopez 1999"), and the surname with the year
                // no street either
                if j == i + 2
                    && j < n
                    && t.flags & FIRST != 0
                    && s.tokens[j].numeric
                    && s.tokens[j].joined_prev
                    && s.in_pattern(s.tokens[j].start)
                {
                    i = j + 1;
                    continue;
                }
                if j < n
                    && s.tokens[j].joined_prev
                    && s.tokens[j].numeric
                    && s.tokens[j].end - s.tokens[j].start <= 5
                    && !text[s.tokens[j - 1].end..s.tokens[j].start].contains('-')
                    && !measure_after(text, s, s.tokens[j].end)
                    && s.tokens[i].end - s.tokens[i].start >= 4
                    // (a word of the vocabulary before a number is a measure: "Keppra 34")
                    && !self.in_vocabulary(Self::lw(s, &t))
                    // (and so is a word that opens with an abbreviation in capitals:
                    // "SVsat 68", "CPAPof 12")
                    && !acronym_head(&text.as_bytes()[t.start..t.end])
                {
                    let mut from = i;
                    if i > 0 && self.street_particle(text, s, i - 1) && s.tokens[i].joined_prev {
                        from = i - 1;
                    }
                    // "C/ Velkaro Tamsko 88": Spanish "calle", written "C/" (not the end of
                    // "w/c/")
                    if from > 0
                        && Self::lw_is(s, &s.tokens[from - 1], "c")
                        && !text[..s.tokens[from - 1].start].ends_with('/')
                        && matches!(
                            &text[s.tokens[from - 1].end..s.tokens[from].start],
                            "/" | "/ "
                        )
                    {
                        from -= 1;
                    }
                    if from > 0
                        && s.tokens[from - 1].numeric
                        && s.tokens[from].joined_prev
                        && (3..=6).contains(&(s.tokens[from - 1].end - s.tokens[from - 1].start))
                    {
                        from -= 1;
                    }
                    for k in from..=j {
                        s.tokens[k].label = Some(Label::Address);
                    }
                    i = j + 1;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Is token `j` a particle of a street's name? A street word's abbreviation ("u." for
    /// utca) only with its period: "Marisol u 2" is no street.
    fn street_particle(&self, text: &str, s: &LexScratch, j: usize) -> bool {
        let t = &s.tokens[j];
        t.flags & PARTICLE != 0 && self.street_abbrev(text, s, t) != Some(false)
    }

    /// Is token `t` a street word that is written abbreviated with a period ("u.", "krt.")?
    /// If so, whether the text has the period after it.
    fn street_abbrev(&self, text: &str, s: &LexScratch, t: &Token) -> Option<bool> {
        self.street_abbrevs_after_name
            .contains(Self::lw(s, t))
            .then(|| text.as_bytes().get(t.end) == Some(&b'.'))
    }

    /// "Velkaro tamsko útja 3.", "enter on brisanko út 98": a street word (token `i`) written
    /// after the name, before a house number, makes a street of up to three words before
    /// it, whatever their case (up to a preposition, a verb, or an English word in lower
    /// case). Labels the street and its number, and says whether it did. (Out of line: most
    /// particles are no such word.)
    #[inline(never)]
    fn street_after_name(&self, text: &str, s: &mut LexScratch, i: usize) -> bool {
        let t = &s.tokens[i];
        if !(t.joined_prev
            && t.label.is_none()
            && s.tokens.get(i + 1).is_some_and(|x| {
                // (not a pattern's match, a year: merged, the date's label would win)
                x.numeric
                    && x.joined_prev
                    && x.end - x.start <= 5
                    && !unit_after(text, x.end)
                    && !s.in_pattern(x.start)
            })
            && (self.street_words_after_name.contains(Self::lw(s, t))
                || self.street_abbrev(text, s, t) == Some(true)))
        {
            return false;
        }
        let mut from = i;
        while from > 0 && i - from < 3 && s.tokens[from].joined_prev && {
            let w = &s.tokens[from - 1];
            w.alpha
                && w.label
                    .is_none_or(|l| l == Label::Name || l == Label::Address)
                && w.flags & (NEVER | PREP | STREET_INTRO | VERB | TITLE | UNIT) == 0
                && !(w.flags & WORD != 0 && w.shape == Shape::Lower)
        } {
            from -= 1;
        }
        // a street word that is an English word too ("gate", "tee") needs a word in no
        // English list before it: "Olav Duuns gate 134", not "North Gate 4"
        if from == i
            || s.tokens[i].flags & WORD != 0
                && s.tokens[from..i]
                    .iter()
                    .all(|w| w.flags & WORD != 0 || w.end - w.start < 3)
        {
            return false;
        }
        for k in from..=i + 1 {
            s.tokens[k].label = Some(Label::Address);
        }
        true
    }

    /// "lives at 412 9 Rue Lavande", "drops you off at 5520 brekkeveien 14": after an
    /// address phrase, a run starting with a house number, up to the end of the clause, is an
    /// address when it also holds a word; then [`Self::mark_streets_before_house_numbers`].
    /// (Out of line: inlined into `detect`, a change here moved the tokenizer's registers,
    /// +0.5% of `detect/sms` and `detect/note`.)
    #[inline(never)]
    pub(super) fn mark_addresses_after_intros(&self, text: &str, s: &mut LexScratch) {
        let n = s.tokens.len();
        // (the first token has no intro; a run taken whole is not visited again)
        let mut next = 1;
        for k in 0..s.numerics.len() {
            let i = s.numerics[k] as usize;
            if i < next || s.tokens[i].label.is_some() {
                continue;
            }
            next = i + 1;
            let intro = (1..=self.prev_phrases(s, text, i, 4))
                .any(|k| self.address_intros.contains(Self::phrase_of(s, k)))
                || after_name_line(text, &s.tokens, i);
            if !intro {
                continue;
            }
            let mut end = i;
            let mut words = 0;
            while end + 1 < n && end + 1 - i < 8 {
                let nx = s.tokens[end + 1];
                let gap = &text[s.tokens[end].end..nx.start];
                // (clinical abbreviations are fine inside: "rue" de …, "de" is a state code)
                // ("lives at 80% of…": a share, not a house number)
                if gap.contains(['\n', '.', '!', '?', ';', '(', ')', '%'])
                    || gap.trim().len() > 1
                    || (nx.alpha && self.address_run_stops.contains(Self::lw(s, &nx)))
                {
                    break;
                }
                words += usize::from(nx.alpha);
                end += 1;
            }
            // "at 5 pm", "at 10 and": a number alone or with time words is no address
            let last = s.tokens[end];
            let time_word = |x: &Token| self.time_words.contains(Self::lw(s, x));
            // "sent to 3 labs", "to 300 samples": a count of a plain lower-case plural
            let count = words == 1 && end == i + 1 && {
                let w = s.tokens[end];
                w.shape == Shape::Lower && self.plural_of_word(&text.as_bytes()[w.start..w.end])
            };
            if words > 0
                && !count
                && !(i + 1..=end).any(|j| time_word(&s.tokens[j]))
                && last.end > last.start
            {
                for j in i..=end {
                    if s.tokens[j].label.is_none() || s.tokens[j].label == Some(Label::Name) {
                        s.tokens[j].label = Some(Label::Address);
                    }
                }
            }
            next = end + 1;
        }
        // (here, out of `detect`: called there, they moved the tokenizer's registers, +0.5%
        // and +0.8%)
        if s.flags_any & (SUFFIX | ADDRESS_CUE) != 0 {
            self.mark_streets_before_house_numbers(text, s);
        }
        if s.flags_any & PARTICLE != 0 && !s.numerics.is_empty() {
            self.mark_streets_with_openers(text, s);
        }
    }

    /// A state's name may name a street before a common street type (token `t`: "on
    /// Michigan Ave"), not before "Dr" or "St." ("from Texas Dr. Lindqvist", "in Ohio St.
    /// Mary's"). (Out of line: asked only after a state's name.)
    #[inline(never)]
    fn state_street(&self, text: &str, s: &LexScratch, t: &Token) -> bool {
        self.street_types.contains(Self::lw(s, t))
            && !(Self::lw_is(s, t, "st") && text[t.end..].starts_with('.'))
    }

    /// A time word follows token `k` ("5 pm", "10 and … o'clock"): the number before it is
    /// a time, no house number.
    fn time_word_after(&self, s: &LexScratch, k: usize) -> bool {
        s.tokens
            .get(k + 1)
            .is_some_and(|x| x.joined_prev && x.alpha && self.time_words.contains(Self::lw(s, x)))
    }

    fn has_prep_before(&self, text: &str, s: &mut LexScratch, i: usize) -> bool {
        (1..=self.prev_phrases(s, text, i, 2)).any(|k| self.preps.contains(Self::phrase_of(s, k)))
    }
    /// Streets opened by a street word (`street_openers`): "Trg revolucije 95", "942 Trg
    /// revolucije 61", "náměstí Velkara 5" (the word, one to three words of any case that
    /// are no lower-case English word, and a house number), and "40 rue des Velkaro", "12
    /// calle Tamsko" (a house number, the word, and the words after it up to the end of the
    /// clause). An opener that is an English word too ("via", "rue") takes only capitalised
    /// names or particles before the number ("via PEG 30" is a feed), and after a number
    /// only with a particle next ("2 via email"). Visits the numbers only. (Out of line:
    /// asked only of texts with a street particle.)
    #[inline(never)]
    fn mark_streets_with_openers(&self, text: &str, s: &mut LexScratch) {
        let free = |x: &Token| {
            x.label
                .is_none_or(|l| l == Label::Name || l == Label::Address)
        };
        let stop = |x: &Token| {
            x.flags & (VERB | PREP | NEVER | TITLE | UNIT | STREET_INTRO) != 0
                && x.flags & PARTICLE == 0
        };
        let opener = |s: &LexScratch, x: &Token| {
            x.flags & PARTICLE != 0 && self.street_openers.contains(Self::lw(s, x))
        };
        for m in 0..s.numerics.len() {
            let k = s.numerics[m] as usize;
            let num = s.tokens[k];
            if !house_number(text, &num) || !free(&num) {
                continue;
            }
            let mut span = None;
            // the opener before the number (not a measure: "5%", "67 yo", "12-14", "5 pm";
            // nor a pattern's match, a year: the date would take the street's label when
            // the spans merge, and "Via Velkaro 1999" become a year)
            if k >= 2
                && num.joined_prev
                && !measure_after(text, s, num.end)
                && !self.time_word_after(s, k)
                && !s.in_pattern(num.start)
            {
                let mut j = k - 1;
                while j + 4 > k {
                    let w = &s.tokens[j];
                    if !(w.alpha && free(w)) || stop(w) {
                        break;
                    }
                    if j + 1 < k && opener(s, w) {
                        let english = w.flags & WORD != 0;
                        let fits = |x: &Token| {
                            x.flags & PARTICLE != 0
                                || if english {
                                    is_proper(x) && x.case == LineCase::Mixed
                                } else {
                                    !(x.flags & WORD != 0 && x.shape == Shape::Lower)
                                }
                        };
                        if s.tokens[j + 1..k].iter().all(fits) {
                            span = Some((j, k));
                        }
                        break;
                    }
                    if j == 0 || !w.joined_prev {
                        break;
                    }
                    j -= 1;
                }
            }
            // the opener after the number
            if span.is_none() {
                if let (Some(o), Some(x)) = (s.tokens.get(k + 1), s.tokens.get(k + 2)) {
                    if o.joined_prev
                        && &text[num.end..o.start] == " "
                        && opener(s, o)
                        && x.joined_prev
                        && x.alpha
                        && !stop(x)
                        && (x.flags & PARTICLE != 0
                            || o.flags & WORD == 0
                                && !(x.flags & WORD != 0 && x.shape == Shape::Lower))
                    {
                        let mut end = k + 2;
                        while let Some(y) = s.tokens.get(end + 1) {
                            // (nor over a sentence's end: "… 8654 Calle Ocho. Need help")
                            if !(y.joined_prev
                                && (y.alpha || house_number(text, y))
                                && free(y)
                                && !stop(y)
                                && end - k < 7
                                && !self.time_word_after(s, end))
                                || (y.sentence_start && sentence_end_between(text, s, end, end + 1))
                            {
                                break;
                            }
                            end += 1;
                        }
                        span = Some((k, end));
                    }
                }
            }
            let Some((mut from, to)) = span else {
                continue;
            };
            // "942 Trg revolucije 61", "33703 40 rue des …": a number before it
            if from > 0
                && house_number(text, &s.tokens[from - 1])
                && s.tokens[from].joined_prev
                && &text[s.tokens[from - 1].end..s.tokens[from].start] == " "
            {
                from -= 1;
            }
            for t in &mut s.tokens[from..=to] {
                t.label = Some(Label::Address);
            }
        }
    }

    /// A house number of one to five digits after one to three capitalised words on a
    /// mixed-case line is a street address when the last of the words is a street type
    /// ("Elm Street 3501 is my address", whatever comes before it) or when an address phrase
    /// comes before the first in a text with an address cue word ("the address is Rincon
    /// 3501"); not a number with a time word or a unit after it ("Main Street 5 pm", "Elm
    /// Street 10%"). Visits the numbers only.
    fn mark_streets_before_house_numbers(&self, text: &str, s: &mut LexScratch) {
        let capitalised =
            |x: &Token| x.alpha && x.shape == Shape::Capitalized && x.case == LineCase::Mixed;
        let name_word =
            |x: &Token| capitalised(x) && x.flags & (NEVER | TITLE | STATE | GREETING | UNIT) == 0;
        for n in 0..s.numerics.len() {
            let k = s.numerics[n] as usize;
            if k == 0 {
                continue;
            }
            let (num, w) = (&s.tokens[k], &s.tokens[k - 1]);
            let typed = w.flags & SUFFIX != 0 && capitalised(w) && !w.sentence_start;
            if !(typed || name_word(w))
                || !num.joined_prev
                || &text[w.end..num.start] != " "
                || !house_number(text, num)
                || num.label.is_some_and(|l| l != Label::Address)
                || unit_after(text, num.end)
                || self.time_word_after(s, k)
            {
                continue;
            }
            let mut first = k - 1;
            while first > 0
                && k - first < 4
                && !s.tokens[first].sentence_start
                && s.tokens[first].joined_prev
                && name_word(&s.tokens[first - 1])
            {
                first -= 1;
            }
            // (the address phrase only in a text that names an address, "the address is
            // Rincon 3501"; elsewhere a capitalised word and a number are more often a drug
            // and its dose, and the phrase's lookup is spared)
            let found = if typed {
                first < k - 1
            } else {
                first > 0
                    && s.flags_any & ADDRESS_CUE != 0
                    && (1..=self.prev_phrases(s, text, first, 4))
                        .any(|p| self.address_intros.contains(Self::phrase_of(s, p)))
            };
            if found {
                for t in &mut s.tokens[first..=k] {
                    t.label = Some(Label::Address);
                }
            }
        }
    }
}

/// Token `k` is a capital initial (its period, if any, then a space) joined to the token
/// before it, and a capitalised word follows, no street type: the middle initial and the
/// surname of a name whose given name comes before ("Sydney A Berthiaume", "Paris J.
/// Okafor"; not "Boston A Street").
fn middle_initial_after(text: &str, s: &LexScratch, k: usize) -> bool {
    let (Some(x), Some(y)) = (s.tokens.get(k), s.tokens.get(k + 1)) else {
        return false;
    };
    capital_initial(text, s, k)
        && matches!(&text[x.end..y.start], " " | ". ")
        && y.alpha
        && y.shape == Shape::Capitalized
        && y.case == LineCase::Mixed
        && y.end - y.start >= 2
        && y.flags & SUFFIX == 0
}

/// Token `k` is a capital initial joined to the token before it by one space, with its
/// period, and the text, the line or the clause ends after it: the initial of a surname
/// after a given name ("from: Carlos M.", "- Sydney T., RN").
fn closing_initial_after(text: &str, s: &LexScratch, k: usize) -> bool {
    let Some(x) = s.tokens.get(k) else {
        return false;
    };
    capital_initial(text, s, k)
        && text[x.end..].starts_with('.')
        && text[x.end + 1..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '\n' | '\r' | ','))
}

/// Token `k` is a listed given name that is no English word, capitalised, and opens its run
/// of capitalised words after no place's preposition: "Kim" in "call Kim Ward", not in
/// "Grace Kim House" or "moved to Austin Manor". (A given name that is a town too, as "Kim"
/// is, stays a given name: the place rule's label on it alone does not count.)
fn given_name_alone(s: &LexScratch, k: usize) -> bool {
    let p = &s.tokens[k];
    p.flags & (FIRST | WORD | STATE | NEVER | TITLE | FACILITY) == FIRST
        && p.shape == Shape::Capitalized
        && match p.label {
            None | Some(Label::Name) => true,
            Some(Label::Address) => k == 0 || s.tokens[k - 1].label != Some(Label::Address),
            Some(_) => false,
        }
        && (k == 0
            || !p.joined_prev
            || p.sentence_start
            || !is_proper(&s.tokens[k - 1]) && s.tokens[k - 1].flags & PREP == 0)
}

/// Token `k` (there is one, after another) is a capital letter alone, one space after the
/// token before it: an initial where a name is read.
pub(super) fn capital_initial(text: &str, s: &LexScratch, k: usize) -> bool {
    let x = &s.tokens[k];
    x.alpha
        && x.end - x.start == 1
        && x.shape == Shape::Upper
        && x.joined_prev
        && &text[s.tokens[k - 1].end..x.start] == " "
}

/// Token `t` is a number that may be a house number: one to five ASCII digits.
fn house_number(text: &str, t: &Token) -> bool {
    t.numeric
        && (1..=5).contains(&(t.end - t.start))
        && text[t.start..t.end].bytes().all(|c| c.is_ascii_digit())
}

/// A percent sign, a slash or a colon right after a number at `end` makes it a share, a
/// ratio or a time, not a house number ("80%", "12/5", "10:30").
fn unit_after(text: &str, end: usize) -> bool {
    matches!(text.as_bytes().get(end), Some(b'%' | b'/' | b':'))
}

/// The number that ends at `end` is a measure, no house number: a share, ratio or time
/// ([`unit_after`]), an age ([`age_after`]), or the first of a range or a decimal ("12-14",
/// "98.6"). A digit a pattern found is no second number: it becomes a tag, and the
/// redacted text reads `62701-[PHONE]` (redaction stays idempotent).
fn measure_after(text: &str, s: &LexScratch, end: usize) -> bool {
    let after = &text.as_bytes()[end..];
    unit_after(text, end)
        || age_after(after)
        || matches!(after.first(), Some(b'-' | b'.'))
            && after.get(1).is_some_and(u8::is_ascii_digit)
            && !s.in_pattern(end + 1)
}

/// `after` (the text after a number) opens with an age's word: "yo", "y/o", "y.o.", "year",
/// "yr" ("Mrs Torvane 67 yo female": a name and an age, no street and its number).
fn age_after(after: &[u8]) -> bool {
    let rest = after.trim_ascii_start();
    let word = |w: &[u8]| {
        rest.len() >= w.len()
            && rest[..w.len()].eq_ignore_ascii_case(w)
            && rest.get(w.len()).is_none_or(|c| !c.is_ascii_alphabetic())
    };
    (rest.len() < after.len() || after.first() == Some(&b'-'))
        && (word(b"yo") || word(b"y/o") || word(b"y.o") || word(b"yr") || word(b"yrs"))
        || rest.len() >= 4 && rest[..4].eq_ignore_ascii_case(b"year")
        || after.len() >= 5 && after[..5].eq_ignore_ascii_case(b"-year")
}

/// Token `i` comes right after a preposition before a place ("to", "at", … and "on": "on
/// Elm Street", "on bellweather 2"), joined to it (`joined_prev`: not across a tag or a
/// line break).
fn after_place_prep(s: &LexScratch, i: usize) -> bool {
    i > 0 && s.tokens[i].joined_prev && {
        let p = &s.tokens[i - 1];
        p.flags & PREP != 0 || Lexicon::lw_is(s, p, "on")
    }
}

/// Five or more letters and one digit: a ward written with its number ("BELLWEATHER7").
fn ward_glued(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 6
        && b[b.len() - 1].is_ascii_digit()
        && b[..b.len() - 1].iter().all(u8::is_ascii_alphabetic)
}

/// Places in no list by the words around them: out of line, asked only of rare words.
impl Lexicon {
    /// The letters of a ward glued to its number ([`ward_glued`], lower-cased `lw`) are a
    /// word in no list: not a drug or word with its dose or frequency glued on
    /// ("combivent4", "combiventQ4", "albuterolq6"). (Out of line: asked only of such a
    /// word after a preposition.)
    #[inline(never)]
    fn ward_letters(&self, lw: &str) -> bool {
        let letters = &lw[..lw.len() - 1];
        let listed = |w: &str| {
            self.lookup(w) & (WORD | NEVER) != 0 || self.in_vocabulary(w) || self.clinical_ending(w)
        };
        !listed(letters) && !letters.strip_suffix(['q', 'x']).is_some_and(listed)
    }

    /// "A CONSULT FROM THE DRESKOVEL.", "(FROM VENDORQUO)", "RECORDS FROM DORDRE, MD": a
    /// word in no list that reads as a word ([`reads_as_word`]: not "OETT") and is neither
    /// misspelt nor a plural ("from hemrroids."), no name its capitals made, after "from" or
    /// "from the" and ending its clause (token `i`, `at` with a room number before it), is
    /// where someone or something came from. (Out of line: asked only of such a word.)
    #[inline(never)]
    fn place_after_from_ends_clause(
        &self,
        text: &str,
        s: &LexScratch,
        at: usize,
        i: usize,
    ) -> bool {
        let t = &s.tokens[i];
        let mut k = at;
        if k >= 1 && s.tokens[k].joined_prev && Self::lw_is(s, &s.tokens[k - 1], "the") {
            k -= 1;
        }
        t.label.is_none()
            && t.alpha
            && k >= 1
            && s.tokens[k].joined_prev
            && Self::lw_is(s, &s.tokens[k - 1], "from")
            && text.as_bytes().get(t.end).is_none_or(|&c| {
                matches!(
                    c,
                    b'.' | b',' | b';' | b':' | b')' | b'"' | b'?' | b'!' | b'\n' | b'\r'
                )
            })
            && self.in_no_list(s, t)
            && reads_as_word(Self::lw(s, t))
            && !Self::lw(s, t).ends_with('s')
            && !self.near_word(Self::lw(s, t))
    }
}

/// What may follow a ward number: the end of the clause or a word that starts a new part of
/// it ("… 6 for monitoring", "… 2 once a bed opens"), not a unit ("levophed 5 mcg").
fn ward_number_ends(text: &str, at: usize, followers: &FxHashSet<Box<str>>) -> bool {
    let rest = text[at..].trim_start_matches([' ', '\t']);
    let Some(c) = rest.bytes().next() else {
        return true;
    };
    if matches!(c, b',' | b';' | b':' | b'\n' | b'\r' | b')' | b'/') {
        return true;
    }
    if c == b'.' {
        return !rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    followers.contains(word.as_str())
}

/// "lives on Rua Velkara 50.", "at Tamsko Orskavik 2906": after a street preposition, two to four
/// capitalised words (particles between them), at least one no English word, and a house
/// number that ends the clause make a street address, even when the words are names.
pub(super) fn mark_streets_before_numbers(text: &str, s: &mut LexScratch) {
    let n = s.tokens.len();
    let mut i = 1;
    while i + 2 < n {
        // (the cue first, by reference: a token is a wide copy)
        if s.tokens[i - 1].flags & STREET_INTRO == 0 {
            i += 1;
            continue;
        }
        let p = s.tokens[i - 1];
        let t = s.tokens[i];
        if !p.alpha
            || p.flags & STREET_INTRO == 0
            || !t.joined_prev
            || t.case != LineCase::Mixed
            || t.shape != Shape::Capitalized
        {
            i += 1;
            continue;
        }
        let mut j = i;
        let (mut words, mut unknown) = (0, false);
        while j < n && j - i < 5 {
            let x = s.tokens[j];
            if !x.alpha
                || !x.joined_prev
                || x.flags & (NEVER | TITLE | UNIT | STATE | GREETING) != 0
                || !(x.shape == Shape::Capitalized
                    || x.flags & (PARTICLE | NAME_PARTICLE) != 0 && j > i)
                || x.label
                    .is_some_and(|l| l != Label::Name && l != Label::Address)
            {
                break;
            }
            words += usize::from(x.shape == Shape::Capitalized);
            unknown |= x.flags & WORD == 0;
            j += 1;
        }
        let Some(num) = s.tokens.get(j) else {
            break;
        };
        let after_ok = match s.tokens.get(j + 1) {
            None => {
                text[num.end..].trim().is_empty()
                    || text[num.end..]
                        .trim_start()
                        .starts_with(['.', ',', '?', '!', ')', ';'])
            }
            Some(nx) => {
                let gap = &text[num.end..nx.start];
                gap.contains(['\n', '.', ',', '?', '!', ')', ';'])
                    || nx.flags & (UNIT | SUFFIX) != 0
            }
        };
        let digits = house_number(text, num);
        if (2..=4).contains(&words)
            && unknown
            && digits
            && num.joined_prev
            && num.label.is_none_or(|l| l == Label::Address)
            && after_ok
        {
            for k in i..=j {
                s.tokens[k].label = Some(Label::Address);
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

/// "went to Mark's", "staying at Velkaro's house": a place of one word in the possessive is its
/// owner's name, a person's (a name in the lists, or a word in none). A place of more words
/// keeps it ("St. Mary's", "Martha's Vineyard"), and an eponym stays what it was ("question
/// of wilson's disease"). `spans` are those `emit` just made of `s.tokens`, in order. (Out of
/// line: inlined into `detect`, even a test of each span moved the tokenizer's code there
/// and cost ~1% of `detect/note` in instructions.)
#[inline(never)]
pub(super) fn owners_of_places(lex: &Lexicon, text: &str, s: &LexScratch, spans: &mut [Span]) {
    for sp in spans.iter_mut().filter(|sp| sp.label == Label::Address) {
        let cut = possessive_len(&text.as_bytes()[sp.start..sp.end]);
        if cut == 0 {
            continue;
        }
        // the span's one token (tokens are in order)
        let i = s.tokens.partition_point(|t| t.start < sp.start);
        let Some(t) = s
            .tokens
            .get(i)
            .filter(|t| t.start == sp.start && t.end == sp.end)
        else {
            continue;
        };
        if t.alpha
            && !s
                .tokens
                .get(i + 1)
                .is_some_and(|nx| nx.joined_prev && nx.flags & EPONYM_NEXT != 0)
            && (t.flags & (FIRST | LAST) != 0 || lex.in_no_list(s, t))
        {
            sp.label = Label::Name;
            sp.end -= cut;
        }
    }
}

/// Is token `k` "from" after a pronoun, "pt" or a relation word and a form of "be" ("she is
/// from", "Pt was from", "her son is from", "I am from")? Then a capitalised word after it
/// says where someone comes from, not who sent something ("the card is from Jelka").
fn from_after_be(s: &LexScratch, k: usize) -> bool {
    if k < 2
        || !s.tokens[k].joined_prev
        || !s.tokens[k - 1].joined_prev
        || !Lexicon::lw_is(s, &s.tokens[k], "from")
        || !matches!(
            Lexicon::lw(s, &s.tokens[k - 1]),
            "is" | "was" | "are" | "were" | "am"
        )
    {
        return false;
    }
    let p = &s.tokens[k - 2];
    // (not after a name: "Jouko is from Velkton" as often names a company, "… is from
    // Acme")
    p.flags & RELATION != 0
        || matches!(
            Lexicon::lw(s, p),
            "he" | "she" | "they" | "we" | "i" | "pt" | "patient" | "who"
        )
}

/// Is `x` a state after a town: its name ("Orskavik, Ohio"), or its USPS code in capitals
/// before a ZIP code ("Velkton, MD 20814", "Velkton MD 20814-1234"; not "Velkton, MD aware",
/// the credential of a name), or, after a capitalised town on a mixed-case line, one that
/// closes a clause ("Pt from Tamsvik, MA, lives with dtr."; see [`code_closes_clause`])?
fn state_after_town(text: &str, town: &Token, x: &Token) -> bool {
    x.alpha
        && x.flags & STATE != 0
        && (x.lrange().len() >= 4
            || (x.shape == Shape::Upper
                && x.end - x.start == 2
                && (zip_at(text, x.end)
                    || town.shape == Shape::Capitalized && code_closes_clause(text, x))))
}

/// Is `x`, a state's code in capitals, on a mixed-case line and right before the end of a
/// clause (a comma, a period, a semicolon, a closing parenthesis, a line break or the
/// text's end), and no credential ("Torvane, MD.", "PA", "DC"), company form ("PostNL NV",
/// "Acme CO") or word in capitals ("Thanks Jelka, OK.", "IN", "ME")?
fn code_closes_clause(text: &str, x: &Token) -> bool {
    x.case == LineCase::Mixed
        && !matches!(
            &text[x.start..x.end],
            "MD" | "PA" | "DC" | "NV" | "CO" | "OK" | "IN" | "ME" | "HI" | "OR" | "OH" | "AL"
        )
        && text.as_bytes().get(x.end).is_none_or(|&c| {
            matches!(c, b',' | b';' | b')' | b'\n' | b'\r')
                || c == b'.'
                    && !text
                        .as_bytes()
                        .get(x.end + 1)
                        .is_some_and(u8::is_ascii_alphanumeric)
        })
}

/// Does a US ZIP code (five digits, or nine with a hyphen) follow `at`, after a period or a
/// comma, blanks, or both (something must come between: "MD20814" is no state and ZIP)?
fn zip_at(text: &str, at: usize) -> bool {
    let rest = text[at..]
        .trim_start_matches(['.', ','])
        .trim_start_matches([' ', '\t']);
    let b = rest.as_bytes();
    let digits = |from: usize, n: usize| {
        b.get(from..from + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let end = if digits(0, 5) && b.get(5) == Some(&b'-') && digits(6, 4) {
        10
    } else {
        5
    };
    rest.len() < text.len() - at
        && digits(0, 5)
        && !b.get(end).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// "in barra do lindo 15000 in its …", "in Quinta do Vale 3610-114", "in Bielsko-Biała
/// 43-300": after "in", one to four words, the last of them no English word, and a postal
/// code of four or five digits, or two groups joined by a hyphen (2–5 digits, then 3–4) or
/// a space (3, then 2: "in Velkby 840 24"), make a town with its code.
pub(super) fn mark_towns_before_postal_codes(text: &str, s: &mut LexScratch) {
    for k in 0..s.numerics.len() {
        let i = s.numerics[k] as usize;
        let c = &s.tokens[i];
        // (two or three digits only before a hyphen and three or four more: "44-335")
        // (or three and two more after a space, as Sweden writes them: "840 24")
        let digits = c.end - c.start;
        let second_part = s.tokens.get(i + 1).is_some_and(|nx| {
            let (gap, n) = (&text[c.end..nx.start], nx.end - nx.start);
            nx.numeric
                && (gap == "-" && (3..=4).contains(&n) || gap == " " && digits == 3 && n == 2)
                && text[nx.start..nx.end].bytes().all(|b| b.is_ascii_digit())
        });
        // (a town's words and code that the street rule took for a street and its house
        // number are read again: "in ARENDAL 4844")
        if i < 2
            || !((4..=5).contains(&digits) || (2..=3).contains(&digits) && second_part)
            || !text[c.start..c.end].bytes().all(|b| b.is_ascii_digit())
            || !c.joined_prev
            || c.label.is_some_and(|l| l != Label::Address)
        {
            continue;
        }
        // the code ends there: no unit, no decimal, no further digits
        let end = if second_part { i + 1 } else { i };
        // the code closes the clause: punctuation, the end, or a function word next ("… 15000
        // in its mission"), not a unit or a noun ("10000 cells")
        let after = &text[s.tokens[end].end..];
        let closes = match s.tokens.get(end + 1) {
            None => !after
                .trim_start()
                .starts_with(|ch: char| ch.is_alphanumeric()),
            Some(nx) => {
                let gap = &text[s.tokens[end].end..nx.start];
                (gap.contains(['\n', ',', ';', '?', '!', ')']) || gap.trim() == ".")
                    || (gap.trim().is_empty() && nx.alpha && nx.flags & (PREP | NEVER) != 0)
            }
        };
        if !closes || after.starts_with(|ch: char| ch.is_alphanumeric()) {
            continue;
        }
        // the word before the code is no plain word, unless capitalised; a district letter
        // counts ("Aarhus C 8310")
        let last = s.tokens[i - 1];
        let district = last.end - last.start == 1 && last.shape == Shape::Upper;
        // (after a street type the street rule's number is a house number: "in Velkaro
        // Street 1234")
        if !last.alpha
            || last.flags & (WORD | NEVER | UNIT) != 0
                && last.shape != Shape::Capitalized
                && !district
            || last.flags & SUFFIX != 0 && c.label.is_some()
        {
            continue;
        }
        // back over the town's words to "in"
        let mut j = i;
        let mut found = None;
        while j > 0 && i - j < 5 {
            let t = s.tokens[j - 1];
            // (words apart by spaces, or joined by a hyphen: "Bielsko-Biała")
            let gap = &text[t.end..s.tokens[j].start];
            if !s.tokens[j].joined_prev || !t.alpha || !(gap.trim().is_empty() || gap == "-") {
                break;
            }
            if Lexicon::lw_is(s, &t, "in") && j < i {
                found = Some(j);
                break;
            }
            // (a lower-case particle inside the town's name is no verb: "in porto do tamsk
            // 3610-114")
            let particle = t.flags & PARTICLE != 0 && t.shape == Shape::Lower && j < i;
            if !particle && t.flags & (NEVER | TITLE | RELATION | VERB) != 0
                || t.label
                    .is_some_and(|l| l != Label::Name && l != Label::Address)
            {
                break;
            }
            j -= 1;
        }
        if let Some(first) = found {
            // (the code is a ZIP, and stays one when the address block grows over it: see
            // `address::split_postal_codes`)
            for k in first..=end {
                s.tokens[k].label = Some(if k < i { Label::Address } else { Label::Zip });
            }
        }
    }
}

/// "LIVES WITH SON AND FAMILY IN ORSKAVIK", "DAUGHTER TO ARRIVE 9/9 @ 1900 FROM ORSKAVIK":
/// token `at` follows "in" with a verb of residence earlier in the same sentence, or "from"
/// with a verb of arrival (up to six words back, no sentence or clause break between; the
/// verbs are `residence_verbs` and `arrival_verbs` in the cues).
/// (Out of line: asked only of a word in no list after no intro phrase.)
#[inline(never)]
fn residence_or_arrival_before(lex: &Lexicon, text: &str, s: &LexScratch, at: usize) -> bool {
    if at < 3 || !s.tokens[at].joined_prev {
        return false;
    }
    let verbs = match Lexicon::lw(s, &s.tokens[at - 1]) {
        "in" => &lex.residence_verbs,
        "from" => &lex.arrival_verbs,
        _ => return false,
    };
    let mut j = at - 1;
    while j > 0 && at - j <= 7 {
        let gap = &text[s.tokens[j - 1].end..s.tokens[j].start];
        if s.tokens[j].sentence_start || gap.contains(['.', ';', ':', '\n', '!', '?']) {
            return false;
        }
        if verbs.contains(Lexicon::lw(s, &s.tokens[j - 1])) {
            return true;
        }
        j -= 1;
    }
    false
}

/// "daughter lives in phoenix, will fly in", "came from mobile.": a town that is also a
/// word (token `at`), in any case, where a verb of residence or arrival and "in" or "from"
/// lead to it and its clause ends with it ("lives in mobile home" does not).
/// (Out of line: asked only of a one-word place that is also a word, no other rule took.)
#[inline(never)]
fn residence_clause_ends(lex: &Lexicon, text: &str, s: &LexScratch, at: usize) -> bool {
    residence_or_arrival_before(lex, text, s, at)
        && s.tokens.get(at + 1).is_none_or(|x| {
            !x.joined_prev
                || text[s.tokens[at].end..x.start].contains([',', '.', ';', ':', '!', '?', ')'])
                || matches!(
                    Lexicon::lw(s, x),
                    "with" | "and" | "now" | "alone" | "since"
                )
        })
}

/// "on 3rd street", "at 5TH AVE": an ordinal and a common street type (`street_types`; token `i`, not
/// capitalised: [`Lexicon::mark_places`] takes those) after a preposition name a street in
/// any case (not "in 3rd place", "at 1st light"). (Out of line: inlined into
/// `mark_places`' loop it cost ~1% of `detect/sms`.)
#[inline(never)]
fn ordinal_street(text: &str, s: &mut LexScratch, i: usize, street_types: &FxHashSet<Box<str>>) {
    let (p, t) = (s.tokens[i - 1], s.tokens[i]);
    if t.joined_prev
        && t.label.is_none()
        && street_types.contains(Lexicon::lw(s, &t))
        && is_ordinal(&text.as_bytes()[p.start..p.end])
        && &text[p.end..t.start] == " "
        && p.label.is_none()
        && after_place_prep(s, i - 1)
    {
        s.tokens[i - 1].label = Some(Label::Address);
        s.tokens[i].label = Some(Label::Address);
    }
}

/// "on 5th and Pine", "at Main & 3rd", "at 5th and 42nd": a crossing of an ordinal street
/// (token `i`) and a capitalised word or another ordinal, joined by "and" or "&", after a
/// preposition, is one address, with a street type after it if one follows. A second
/// ordinal ends the text or its clause, or a street type follows it ("on 1st and 2nd shift"
/// is no crossing); a given name that is no word is a person ("in 2nd and Mary came 3rd").
/// (Out of line: ordinals are rare.)
#[inline(never)]
fn ordinal_crossing(text: &str, s: &mut LexScratch, i: usize, street_types: &FxHashSet<Box<str>>) {
    let n = s.tokens.len();
    // (joined by "and" or "&" only)
    let partner = |s: &LexScratch, a: usize| partner_after(text, s, a, false);
    let street_type_at = |s: &LexScratch, k: usize| {
        s.tokens
            .get(k)
            .is_some_and(|x| x.joined_prev && x.alpha && street_types.contains(Lexicon::lw(s, x)))
    };
    let ordinal = |s: &LexScratch, k: usize| {
        let x = &s.tokens[k];
        !x.alpha && !x.numeric && is_ordinal(&text.as_bytes()[x.start..x.end])
    };
    let word = |s: &LexScratch, k: usize| {
        let x = &s.tokens[k];
        x.alpha
            && x.shape == Shape::Capitalized
            && x.case == LineCase::Mixed
            && !x.sentence_start
            && x.flags & (NEVER | TITLE | RELATION | STATE) == 0
            // (a given name that is no word is a person: "came in 2nd and Mary came 3rd")
            && (x.flags & FIRST == 0 || x.flags & WORD != 0)
            && x.label.is_none_or(|l| l == Label::Name || l == Label::Address)
    };
    // a second ordinal: a street type after it, or the end of its clause
    let ordinal_ends = |s: &LexScratch, k: usize| {
        street_type_at(s, k + 1)
            || s.tokens.get(k + 1).is_none_or(|x| {
                !x.joined_prev
                    || text[s.tokens[k].end..x.start].contains([',', '.', ';', ':', '!', '?', ')'])
            })
    };
    let (first, last) = if let Some(k) = partner(s, i).filter(|_| after_place_prep(s, i)) {
        if !(word(s, k) || (ordinal(s, k) && ordinal_ends(s, k))) {
            return;
        }
        (i, k)
    } else {
        // "at Main & 3rd": the word first
        let Some(k) = (1..=2)
            .filter_map(|d| i.checked_sub(d))
            .find(|&k| partner(s, k) == Some(i))
        else {
            return;
        };
        if !(word(s, k) && after_place_prep(s, k)) {
            return;
        }
        (k, i)
    };
    let last = if last + 1 < n && street_type_at(s, last + 1) {
        last + 1
    } else {
        last
    };
    for t in &mut s.tokens[first..=last] {
        if t.label.is_none_or(|l| l == Label::Name) {
            t.label = Some(Label::Address);
        }
    }
}

/// An ordinal in figures: "3rd", "42nd", "101ST".
fn is_ordinal(w: &[u8]) -> bool {
    w.len() >= 3
        && w[..w.len() - 2].iter().all(u8::is_ascii_digit)
        && [b"st", b"nd", b"rd", b"th"]
            .iter()
            .any(|x| w[w.len() - 2..].eq_ignore_ascii_case(*x))
}

/// Does the lower-case word `lw` read as a word rather than an abbreviation: five letters or
/// more, two vowels or more, never four consonants in a row ("orskavik", not "tmskv" or
/// "nppvs")? (`y` counts as a vowel.)
pub(super) fn reads_as_word(lw: &str) -> bool {
    let (mut vowels, mut run) = (0, 0);
    for b in lw.bytes() {
        if matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
            vowels += 1;
            run = 0;
        } else {
            run += 1;
            if run >= 4 || !b.is_ascii_lowercase() {
                return false;
            }
        }
    }
    lw.len() >= 5 && vowels >= 2
}

/// Is token `i` (a capitalised name) the town of "in West Velkton", "near North Angela": a
/// capitalised compass word right before it, after "in" or "near", and no name or
/// possessive after it ("in West Jelka Torvane's room" is a person's)? (Out of line: asked
/// only of names of two words that open with a short English word.)
#[cold]
#[inline(never)]
pub(super) fn compass_town(text: &str, s: &LexScratch, i: usize) -> bool {
    if i < 2 {
        return false;
    }
    let (c, t) = (&s.tokens[i - 1], &s.tokens[i]);
    c.shape == Shape::Capitalized
        && c.joined_prev
        && &text[c.end..t.start] == " "
        && crate::redact::address::compass_word(Lexicon::lw(s, c))
        && matches!(Lexicon::lw(s, &s.tokens[i - 2]), "in" | "near")
        && !s
            .tokens
            .get(i + 1)
            .is_some_and(|y| y.joined_prev && y.label == Some(Label::Name))
        && !text[t.end..].starts_with(['\'', '\u{2019}'])
}

impl Lexicon {
    /// Is a state of two or three words (`state_phrases`) right after token `i` and a comma
    /// ("Velkton, North Carolina")? (Out of line: asked only of unknown words.)
    #[cold]
    #[inline(never)]
    fn state_phrase_after_town(&self, text: &str, s: &LexScratch, i: usize) -> bool {
        let Some(x) = s.tokens.get(i + 1) else {
            return false;
        };
        let lw = Self::lw(s, x).as_bytes();
        &text[s.tokens[i].end..x.start] == ", "
            && x.shape == Shape::Capitalized
            && self.state_firsts.may_hold(lw)
            && (2..=3).any(|k| {
                i + 1 + k <= s.tokens.len() && is_state_phrase(self, text, s, i + 1, i + 1 + k)
            })
    }
}
