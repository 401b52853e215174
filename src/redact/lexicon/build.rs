//! The lexicon: dictionaries and cue lists compiled into one word map, and the lookups the
//! rules use.

use rustc_hash::FxHashSet;

use super::flags::{
    ADDRESS_CUE, COMMON, CREDENTIAL, EPONYM_NEXT, FACILITY, FACILITY_NAME, FIRST, FOREIGN,
    GREETING, INITIAL_CUE, LAST, MODIFIER, NAME_PARTICLE, NEVER, PARTICLE, PHRASE_END, PLACE,
    PLACE_WORDS, PREP, RELATION, STATE, STREET_INTRO, STRONG_FACILITY, STRONG_TITLE,
    STRONG_TITLE_DOT, SUFFIX, TITLE, UNIT, VERB, WORD,
};
use super::scratch::LexScratch;
use super::token::{tail3, Token};
use crate::redact::patterns::{word_set, PatternSet};
use crate::redact::span::unspaced_script;
use crate::redact::wordmap::{EndsFilter, WordMap};

/// See [`Lexicon::lower_case_town_or_state`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TownOrState {
    Town,
    State,
}

/// The compiled dictionaries and cue phrases. Immutable, shared by all workers.
pub struct Lexicon {
    pub(super) flags: WordMap,
    pub(super) places: FxHashSet<Box<str>>,
    /// [`word_pair_hash`] of the first two words of every place of several words.
    pub(super) place_pairs: FxHashSet<u64>,
    /// [`word_pair_hash`] of the last two words of every cue phrase of two words or more
    /// (see [`Lexicon::prev_phrases`]).
    pub(super) phrase_pairs: FxHashSet<u64>,
    /// The facility words of two words ("nursing home", a few), whose first word is no
    /// facility word alone.
    pub(super) facility_pairs: Vec<(Box<str>, Box<str>)>,
    pub(super) strong_intros: FxHashSet<Box<str>>,
    /// Units of a dose ("mg", "cc/hr"), lower case: a word before a dose is a drug.
    pub(super) dose_units: Vec<Box<str>>,
    pub(super) weak_intros: FxHashSet<Box<str>>,
    pub(super) preps: FxHashSet<Box<str>>,
    pub(super) place_intros: FxHashSet<Box<str>>,
    pub(super) address_intros: FxHashSet<Box<str>>,
    /// Clinical word endings, looked up by the distinct lengths in `suffix_lens`.
    pub(super) clinical_suffixes: FxHashSet<Box<str>>,
    suffix_lens: Vec<usize>,
    /// The last three bytes of every clinical suffix, for a quick no (`None` if a suffix is
    /// shorter than that).
    pub(super) suffix_tails: Option<FxHashSet<u32>>,
    /// Vocabulary in no name list (the `vocabulary` dictionary: drug and device names,
    /// medical and general words): capitalised inside a sentence, such a word is no name
    /// by its capital alone ("restarted Xarelto"), and no place after a movement phrase.
    vocabulary: WordMap,
    /// [`deletion_key`] of every English word of four letters or more, whole and with each
    /// of its letters left out in turn: [`Lexicon::near_word`] finds a word one edit away
    /// with a few lookups a letter instead of one for every letter of the alphabet.
    deletions: FxHashSet<u64>,
    /// The same keys of the clinical terms alone (drugs, devices, shorthand): for
    /// [`Lexicon::near_clinical_term`].
    clinical_deletions: FxHashSet<u64>,
    /// The first and the last two and three letters of the clinical terms of four letters
    /// or more, as bits (see [`Lexicon::near_clinical_term`]).
    clinical_ends: Box<WordEnds>,
    pub(super) max_place_words: usize,
    /// Words after "Word," opening a line that make it a name called.
    pub(super) vocative_followers: FxHashSet<Box<str>>,
    /// What only a person does, after a subject's verb on a line in capitals (rule 8).
    pub(super) person_predicates: FxHashSet<Box<str>>,
    /// What a patient has after "has" (`care_objects`) or is after "is" (`care_states`).
    pub(super) care_objects: FxHashSet<Box<str>>,
    pub(super) care_states: FxHashSet<Box<str>>,
    /// Verbs of contact after a first name opening a clause ("social: dale phoned").
    pub(super) contact_verbs: FxHashSet<Box<str>>,
    /// Name particles that open a surname in lower case ("de Vaan began…").
    pub(super) surname_openers: FxHashSet<Box<str>>,
    /// Verbs of residence: "lives … in Orskavik" names a place.
    pub(super) residence_verbs: FxHashSet<Box<str>>,
    /// Verbs of arrival: "arrived … from Orskavik" names a place.
    pub(super) arrival_verbs: FxHashSet<Box<str>>,
    /// Imperatives that open a sentence and are no part of the given name after them.
    pub(super) imperative_verbs: FxHashSet<Box<str>>,
    /// Field names whose value is a person ("patient", "member").
    pub(super) person_fields: FxHashSet<Box<str>>,
    /// Given names that are also function words ("will", "may").
    pub(super) function_word_given_names: FxHashSet<Box<str>>,
    /// Months that are no given names: a name of one such word alone is a date.
    pub(super) month_words: FxHashSet<Box<str>>,
    /// `month_words` by their first and last letters and length: most names are no month
    /// by this table alone, without hashing them.
    pub(super) month_ends: EndsFilter,
    /// States of two words or more that name no town of the place list ("north carolina",
    /// "west virginia"; not "new york"): no identifier, as a state of one word is none.
    pub(super) state_phrases: FxHashSet<Box<str>>,
    /// The first words of `state_phrases` by their ends and length.
    pub(super) state_firsts: EndsFilter,
    /// Words of endearment ("hun", "bae"): in lower case no name.
    pub(super) endearments: FxHashSet<Box<str>>,
    /// Words that may follow a ward number.
    pub(super) ward_number_followers: FxHashSet<Box<str>>,
    /// Words that end the run after an address phrase.
    pub(super) address_run_stops: FxHashSet<Box<str>>,
    /// Words of time or age after a number ("pm", "yrs"): it is no house number then.
    pub(super) time_words: FxHashSet<Box<str>>,
    pub(super) greeting_verb_objects: FxHashSet<Box<str>>,
    /// Departments and service desks, of one or two words (`cues.toml`, `departments`).
    pub(super) departments: FxHashSet<Box<str>>,
    /// The greetings of two words or more ("buenos días", "добрый день"), their words lower
    /// case, and their first words as bits of their lengths (up to 15) by their first byte,
    /// the quick no of [`Lexicon::mark_greeting_phrases`].
    pub(super) greeting_phrases: Vec<Box<[Box<str>]>>,
    pub(super) greeting_first_shapes: Box<[u16; 256]>,
    /// Street words after the street's name ("utca"), lower case.
    pub(super) street_words_after_name: FxHashSet<Box<str>>,
    /// The same written as abbreviations ("u." for utca), without their period, which the
    /// text must have after them.
    pub(super) street_abbrevs_after_name: FxHashSet<Box<str>>,
    pub(super) street_openers: FxHashSet<Box<str>>,
    /// Titles only in lower case on a line in Vietnamese (`lower_case_titles`).
    pub(super) lower_case_titles: FxHashSet<Box<str>>,
    /// Words of two syllables (`compound_words`), as [`word_pair_hash`]es of their
    /// syllables in lower case.
    pub(super) compound_words: FxHashSet<u64>,
    /// Vietnamese words and titles typed without diacritics (`vietnamese_ascii_words`,
    /// `vietnamese_ascii_titles`).
    pub(super) vietnamese_ascii_words: FxHashSet<Box<str>>,
    pub(super) vietnamese_ascii_titles: FxHashSet<Box<str>>,
    /// Relation words only in lower case on a line in Spanish (`lower_case_relations`).
    pub(super) lower_case_relations: FxHashSet<Box<str>>,
    /// Pronouns that are no names on a line in their language (`foreign_pronouns`).
    pub(super) foreign_pronouns: FxHashSet<Box<str>>,
    /// Titles before a name on a line in their language (`foreign_titles`).
    pub(super) foreign_titles: FxHashSet<Box<str>>,
    /// Facility words that open the facility's name (`facility_openers`).
    pub(super) facility_openers: FxHashSet<Box<str>>,
    /// Words that open a saint's name (`saint_words`).
    pub(super) saint_words: FxHashSet<Box<str>>,
    /// Words of `foreign_words` that English has too ("mas", "sin"): no sign of either
    /// language on a line.
    pub(super) shared_foreign_words: FxHashSet<Box<str>>,
    /// Common street types (`street_types`): an ordinal before one makes a street.
    pub(super) street_types: FxHashSet<Box<str>>,
    /// Speech verbs ("said"), lower case.
    pub(super) speech_verbs: FxHashSet<Box<str>>,
    pub(super) person_traits: FxHashSet<Box<str>>,
    /// Devices and findings that are names too ("hickman", "brady"), lower case.
    pub(super) clinical_eponyms: FxHashSet<Box<str>>,
    /// Suffixes that end a name ("jr", "dds"), lower case.
    pub(super) name_suffixes: FxHashSet<Box<str>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Lexicon {{ words: {}, places: {} }}",
            self.flags.len(),
            self.places.len()
        )
    }
}

/// The dictionary role of [`Lexicon::in_vocabulary`]'s words.
const VOCABULARY: &str = "vocabulary";

/// OR `f` into the flags of `w`, keyed as the tokenizer looks words up: a possessive 's
/// dropped ("children's").
/// (`FOREIGN` goes only to a word that is no English word already: "sin", "mal" and "tos"
/// are in both languages and say nothing of a line's.)
fn add_flags(flags: &mut WordMap, w: &str, f: u32) {
    let w = w.strip_suffix("'s").unwrap_or(w);
    let f = if f & FOREIGN != 0 && flags.get(w) & WORD != 0 {
        f & !FOREIGN
    } else {
        f
    };
    flags.insert_or(w, f);
}

/// The two words of an entry of two words ([`norm_phrase`]d: "memorial hospital", "bảo
/// hiểm"); `None` for one of another length.
fn two_words(w: &str) -> Option<(Box<str>, Box<str>)> {
    let n = norm_phrase(w);
    let (first, second) = n.split_once(' ')?;
    (!second.contains(' ')).then(|| (first.into(), second.into()))
}

pub(super) fn norm_phrase(s: &str) -> String {
    // words as the tokenizer gives them: lower case, a possessive 's dropped ("wife's",
    // "it's in" match "wife", "it in")
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '/'))
        .filter(|w| !w.is_empty())
        .map(|w| w.strip_suffix("'s").unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Lexicon {
    /// Build from a loaded pattern set.
    pub fn build(set: &PatternSet) -> Lexicon {
        // room for every dictionary entry (cue words are few, and the map grows if need be)
        // (the vocabulary has a map of its own)
        let entries = set
            .dictionaries
            .iter()
            .filter(|(role, _)| *role != VOCABULARY)
            .map(|(_, words)| words.len())
            .sum::<usize>();
        let mut flags = WordMap::with_capacity(entries);
        let mut add = |w: &str, f: u32| add_flags(&mut flags, w, f);
        // (sized for a key per letter and one per word of the word list, the most of them:
        // growing it rehashed it a dozen times at start-up)
        let mut deletions = FxHashSet::with_capacity_and_hasher(
            set.dictionary("english_words")
                .iter()
                .map(|w| w.len() + 1)
                .sum(),
            Default::default(),
        );
        let mut clinical_deletions = FxHashSet::default();
        let mut clinical_ends = Box::new(WordEnds::default());
        let mut add_deletions = |w: &str| insert_deletions(&mut deletions, w);
        // (given names whose word nobody writes are names only: see `given_names_not_words`)
        let not_words = word_set(&set.cues.given_names_not_words);
        for w in set.dictionary("english_words") {
            if not_words.contains(w) {
                continue;
            }
            add(w, WORD);
            add_deletions(w);
        }
        for w in set.dictionary("first_names") {
            add(w, FIRST);
        }
        for w in set.dictionary("surnames") {
            add(w, LAST);
        }
        // Names that are words: make sure they carry WORD even if the word list lacks them
        // (month names are capitalised in word lists).
        for w in set.dictionary("first_names_that_are_words") {
            if not_words.contains(w) {
                add(w, FIRST);
                continue;
            }
            add(w, WORD | FIRST);
            add_deletions(w);
        }
        for w in set.dictionary("surnames_that_are_words") {
            if not_words.contains(w) {
                add(w, LAST);
                continue;
            }
            add(w, WORD | LAST);
            add_deletions(w);
        }
        for w in set.dictionary("common_names") {
            add(w, COMMON);
        }
        for w in set.dictionary("clinical_terms") {
            add(w, WORD | NEVER);
            add_deletions(w);
            insert_deletions(&mut clinical_deletions, w);
            clinical_ends.insert_ends(w);
        }
        // (words of other languages are words too, for `near_word` as well; those that are
        // no English word say which language a line is in)
        for w in &set.cues.foreign_words {
            add(w, WORD | FOREIGN);
            add_deletions(w);
        }
        // (and those that only tell the language: before the cue lists, "hola" is one)
        for w in &set.cues.foreign_line_words {
            add(w, FOREIGN);
        }
        // (and the Vietnamese words typed without diacritics: they only tell the language)
        for w in &set.cues.vietnamese_ascii_words {
            add(w, FOREIGN);
        }
        let vocab = set.dictionary(VOCABULARY);
        let mut vocabulary = WordMap::with_capacity(vocab.len());
        for w in vocab {
            vocabulary.insert_or(w, 1);
        }
        // cue lists whose every word carries one flag
        let c = &set.cues;
        for (list, f) in [
            (&c.never_names, NEVER),
            (&c.subject_verbs, VERB),
            (&c.strong_facility_words, STRONG_FACILITY),
            (&c.facility_modifiers, MODIFIER),
            (&c.facility_name_words, FACILITY_NAME),
            (&c.address_cue_words, ADDRESS_CUE),
            (&c.credentials, CREDENTIAL),
            (&c.initial_cues, INITIAL_CUE),
            (&c.eponym_followers, EPONYM_NEXT),
            (&c.address_unit_words, UNIT),
            (&c.street_intros, STREET_INTRO),
        ] {
            for w in list {
                add(w, f);
            }
        }
        for w in &set.cues.strong_titles {
            // "mr." and "ms." are strong only with their period ("mild MR", "MS given")
            let f = if w.ends_with('.') {
                STRONG_TITLE_DOT
            } else {
                STRONG_TITLE
            };
            // (every strong title is a title: the rules that skip a word after no title
            // rely on it)
            add(w.trim_end_matches('.'), f | TITLE);
        }
        for w in &set.cues.titles {
            add(w.trim_end_matches('.'), TITLE);
        }
        for w in &set.cues.relations {
            if !w.contains(' ') {
                add(w, RELATION);
            }
        }
        // a phrase's first word ("nursing" of "nursing home") is no facility word by itself
        for w in set.cues.facility_words.iter().filter(|w| !w.contains(' ')) {
            add(w, FACILITY);
        }
        for w in set.dictionary("street_suffixes") {
            add(w, SUFFIX);
        }
        for w in set.dictionary("states") {
            if !w.contains(' ') {
                add(w, STATE);
            }
        }
        // a greeting is a word, whatever its language: the name after it is not grown over
        // it ("Olá Leonor", "Bonjour Mme Dubois": "ola" is a given name, "bonjour" a
        // surname), and a lone capitalised greeting is no name ("Здравствуйте")
        for w in &set.cues.greetings {
            if !w.contains(' ') {
                add(w, GREETING | WORD);
            }
        }
        for w in set
            .cues
            .street_particles
            .iter()
            .chain(&set.cues.street_words_after_name)
            .chain(&set.cues.street_openers)
        {
            // (an abbreviation's period is the text's, after the token)
            add(w.trim_end_matches('.'), PARTICLE);
        }
        for w in &set.cues.name_particles {
            add(w, NAME_PARTICLE);
        }
        let mut places: FxHashSet<Box<str>> = FxHashSet::default();
        let mut place_pairs: FxHashSet<u64> = FxHashSet::default();
        let mut max_place_words = 1;
        for p in set.dictionary("places") {
            let n = norm_phrase(p);
            let words = n.split(' ').count();
            max_place_words = max_place_words.max(words.min(4));
            if words == 1 {
                add(&n, PLACE);
            } else {
                let mut w = n.split(' ');
                let (first, second) = (w.next().unwrap_or(""), w.next().unwrap_or(""));
                // (a place of more than 4 words is looked up as none, and its first word
                // still opens a place: the bit for 4)
                add(first, PLACE_WORDS << (words.min(4) - 2));
                place_pairs.insert(word_pair_hash(first, second));
            }
            places.insert(n.into());
        }
        // states of more than one word that name no town ("north carolina", not "new
        // york"): kept, as single-word states are (see `emit`)
        let state_phrases: FxHashSet<Box<str>> = set
            .dictionary("states")
            .iter()
            .map(norm_phrase)
            .filter(|n| n.contains(' ') && !places.contains(n.as_str()))
            .map(Into::into)
            .collect();
        let state_firsts =
            EndsFilter::new(state_phrases.iter().filter_map(|n| n.split(' ').next()));
        let mut preps: FxHashSet<Box<str>> = FxHashSet::default();
        for p in &set.cues.place_prepositions {
            let n = norm_phrase(p);
            if !n.contains(' ') {
                add(&n, PREP);
            }
            preps.insert(n.into());
        }
        let phrases = |v: &[String]| {
            v.iter()
                .map(|s| norm_phrase(s).into_boxed_str())
                .collect::<FxHashSet<_>>()
        };
        let mut strong_intros = phrases(&set.cues.name_intros);
        for r in &set.cues.relations {
            strong_intros.insert(norm_phrase(r).into());
        }
        let weak_intros = phrases(&set.cues.weak_name_intros);
        let greeting_phrases: Vec<Box<[Box<str>]>> = set
            .cues
            .greetings
            .iter()
            .map(|g| norm_phrase(g))
            .filter(|g| g.contains(' '))
            .map(|g| g.split(' ').map(Box::from).collect())
            .collect();
        // (every phrase has two words or more, and no word is empty: `norm_phrase` drops those)
        let mut greeting_first_shapes = Box::new([0u16; 256]);
        for p in &greeting_phrases {
            let b = p[0].as_bytes();
            greeting_first_shapes[usize::from(b[0])] |= 1 << b.len().min(15);
        }
        let place_intros = phrases(&set.cues.place_intros);
        let address_intros = phrases(&set.cues.address_intros);
        let clinical_suffixes: FxHashSet<Box<str>> = set
            .cues
            .clinical_suffixes
            .iter()
            .map(|s| s.to_lowercase().into_boxed_str())
            .collect();
        let mut suffix_lens: Vec<usize> = clinical_suffixes.iter().map(|s| s.len()).collect();
        suffix_lens.sort_unstable();
        suffix_lens.dedup();
        // the quick check holds only if every suffix has at least three bytes
        let suffix_tails = clinical_suffixes.iter().all(|s| s.len() >= 3).then(|| {
            clinical_suffixes
                .iter()
                .map(|s| tail3(s.as_bytes()))
                .collect()
        });
        // (the words of other languages that English has too: `add_flags` gave them no
        // `FOREIGN`)
        let shared_foreign_words = set
            .cues
            .foreign_words
            .iter()
            .filter(|w| flags.get(w) & FOREIGN == 0)
            .map(|w| Box::from(w.as_str()))
            .collect();
        let mut lex = Lexicon {
            flags,
            places,
            place_pairs,
            phrase_pairs: FxHashSet::default(),
            facility_pairs: set
                .cues
                .facility_words
                .iter()
                .filter_map(|w| two_words(w))
                .collect(),
            strong_intros,
            dose_units: set
                .cues
                .dose_units
                .iter()
                .map(|u| u.to_lowercase().into_boxed_str())
                .collect(),
            weak_intros,
            preps,
            place_intros,
            address_intros,
            clinical_suffixes,
            suffix_lens,
            suffix_tails,
            vocabulary,
            deletions,
            clinical_deletions,
            clinical_ends,
            max_place_words,
            vocative_followers: word_set(&set.cues.vocative_followers),
            person_predicates: word_set(&set.cues.person_predicates),
            care_objects: word_set(&set.cues.care_objects),
            care_states: word_set(&set.cues.care_states),
            contact_verbs: word_set(&set.cues.contact_verbs),
            surname_openers: word_set(&set.cues.surname_openers),
            residence_verbs: word_set(&set.cues.residence_verbs),
            arrival_verbs: word_set(&set.cues.arrival_verbs),
            imperative_verbs: word_set(&set.cues.imperative_verbs),
            person_fields: word_set(&set.cues.person_fields),
            function_word_given_names: word_set(&set.cues.function_word_given_names),
            endearments: word_set(&set.cues.endearments),
            month_words: word_set(&set.cues.month_words),
            month_ends: EndsFilter::new(set.cues.month_words.iter().map(String::as_str)),
            state_firsts,
            state_phrases,
            ward_number_followers: word_set(&set.cues.ward_number_followers),
            address_run_stops: word_set(&set.cues.address_run_stops),
            time_words: word_set(&set.cues.time_words),
            greeting_verb_objects: word_set(&set.cues.greeting_verb_objects),
            departments: phrases(&set.cues.departments),
            greeting_first_shapes,
            greeting_phrases,
            street_words_after_name: word_set(
                set.cues
                    .street_words_after_name
                    .iter()
                    .filter(|w| !w.ends_with('.')),
            ),
            street_abbrevs_after_name: word_set(
                set.cues
                    .street_words_after_name
                    .iter()
                    .filter_map(|w| w.strip_suffix('.')),
            ),
            street_openers: word_set(&set.cues.street_openers),
            lower_case_titles: word_set(&set.cues.lower_case_titles),
            vietnamese_ascii_words: word_set(&set.cues.vietnamese_ascii_words),
            vietnamese_ascii_titles: word_set(&set.cues.vietnamese_ascii_titles),
            compound_words: set
                .cues
                .compound_words
                .iter()
                .filter_map(|w| two_words(w).map(|(a, b)| word_pair_hash(&a, &b)))
                .collect(),
            lower_case_relations: word_set(&set.cues.lower_case_relations),
            foreign_pronouns: word_set(&set.cues.foreign_pronouns),
            foreign_titles: word_set(&set.cues.foreign_titles),
            facility_openers: word_set(&set.cues.facility_openers),
            saint_words: word_set(&set.cues.saint_words),
            shared_foreign_words,
            street_types: word_set(&set.cues.street_types),
            speech_verbs: word_set(&set.cues.speech_verbs),
            person_traits: word_set(&set.cues.person_traits),
            name_suffixes: word_set(&set.cues.name_suffixes),
            clinical_eponyms: word_set(&set.cues.clinical_eponyms),
        };
        // every cue phrase's last word is flagged, and its last two words (of a phrase of
        // two or more) hashed, so that `prev_phrases` looks up only what may end a cue
        let mut ends = Vec::new();
        for p in lex.cue_phrase_sets().into_iter().flatten() {
            let mut words = p.rsplit(' ');
            if let Some(last) = words.next() {
                let pair = words.next().map(|before| word_pair_hash(before, last));
                ends.push((last.to_string(), pair));
            }
        }
        for (last, pair) in ends {
            add_flags(&mut lex.flags, &last, PHRASE_END);
            lex.phrase_pairs.extend(pair);
        }
        lex
    }

    /// The sets of cue phrases [`Lexicon::prev_phrases`] finds before a word: name intros
    /// (strong and weak), place and address intros, and place prepositions.
    pub(super) fn cue_phrase_sets(&self) -> [&FxHashSet<Box<str>>; 5] {
        [
            &self.strong_intros,
            &self.weak_intros,
            &self.place_intros,
            &self.address_intros,
            &self.preps,
        ]
    }

    /// The flags of a word the tokenizer's packed key does not hold: its first `n` bytes
    /// when it is ASCII and longer than 16 bytes (`n` leaves a possessive out); otherwise its
    /// lower-case form `lw` (`n` is that form's length, which may exceed the word's). Out of
    /// its loop.
    ///
    /// A word with Latin letters that carry a diacritic and in no list as written ("josé",
    /// "hernández", "nguyễn") is looked up without them, as the Census and SSA lists write
    /// names: it is a given name if that spelling is one, a surname only if a common one (a
    /// town, "Kraków", would otherwise be a person's name by a rare surname, "krakow"). A
    /// word a list knows as written keeps its own flags ("mamá", a relation word; "está").
    #[cold]
    #[inline(never)]
    pub(super) fn flags_slow(&self, ascii: bool, word: &[u8], n: usize, lw: &str) -> u32 {
        if ascii {
            return self.flags.get_ascii_lower(&word[..n]);
        }
        let f = self.lookup(lw);
        if f != 0 {
            return f;
        }
        let mut buf = [0u8; 32];
        match without_diacritics(lw, &mut buf) {
            Some(bare) => {
                let g = self.flags.get_ascii_lower(bare);
                if g & COMMON != 0 {
                    g & (FIRST | LAST | COMMON)
                } else {
                    g & FIRST
                }
            }
            // a word of Chinese, Japanese or Korean is named by the patterns (an honorific
            // after it, "王先生") or a person's field ("Patient: 王小明"), not by the
            // English rules: "[NAME]先生  and dr" names no "先生"
            None if lw.chars().next().is_some_and(unspaced_script) => NEVER,
            None => 0,
        }
    }

    /// A drug or clinical word ending ("-olol", "-itis").
    pub(super) fn clinical_ending(&self, lw: &str) -> bool {
        // most words end in no suffix's last three bytes: one integer lookup says so
        let b = lw.as_bytes();
        if let Some(tails) = &self.suffix_tails {
            if b.len() < 3 || !tails.contains(&tail3(b)) {
                return false;
            }
        }
        self.suffix_lens.iter().any(|&n| {
            n <= lw.len()
                && lw.is_char_boundary(lw.len() - n)
                && self.clinical_suffixes.contains(&lw[lw.len() - n..])
        })
    }

    pub(super) fn lookup(&self, w: &str) -> u32 {
        self.flags.get(w)
    }

    /// Is `word` (any case) a street type of the USPS list ("Road", "Gateway", "Av")?
    pub(crate) fn is_street_suffix(&self, word: &str) -> bool {
        self.flags.get_ascii_lower(word.as_bytes()) & SUFFIX != 0
    }

    /// What an address written in lower case goes on with after its street
    /// ([`crate::redact::address`]): a town of one word in the place list that is no English
    /// word ("springfield", "austin": a given name too), or a state's name or code ("texas",
    /// "il").
    pub(crate) fn lower_case_town_or_state(&self, word: &str) -> Option<TownOrState> {
        let f = self.flags.get_ascii_lower(word.as_bytes());
        if f & STATE != 0 {
            Some(TownOrState::State)
        } else if f & PLACE != 0 && f & (WORD | NEVER | TITLE | RELATION) == 0 {
            Some(TownOrState::Town)
        } else {
            None
        }
    }

    /// Where a town of two or three words in lower case that starts at `at` in `text` ends
    /// (before `limit`): the longest listed place of words of ASCII lower-case letters
    /// parted by one space ("san antonio", "fort worth"), for an address written in lower
    /// case ([`crate::redact::address`]).
    pub(crate) fn lower_case_town_of_words(
        &self,
        text: &str,
        at: usize,
        limit: usize,
    ) -> Option<usize> {
        let b = &text.as_bytes()[at..limit];
        let mut ends = [0usize; 3];
        let mut words = 0;
        let mut i = 0;
        while words < 3 {
            let n = b[i..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if n == 0 {
                break;
            }
            ends[words] = i + n;
            words += 1;
            if b.get(i + n) != Some(&b' ') {
                break;
            }
            i += n + 1;
        }
        // (ASCII letters and spaces: every end is a char boundary)
        (2..=words)
            .rev()
            .map(|k| at + ends[k - 1])
            .find(|&end| self.places.contains(&text[at..end]))
    }

    /// A word of four letters or more in no list at all, not even the vocabulary, and
    /// without a clinical ending: a rare name more often than jargon. (Listed names may be
    /// such words too: callers that want none test FIRST and LAST.)
    pub(super) fn in_no_list(&self, s: &LexScratch, t: &Token) -> bool {
        const LISTED: u32 = WORD
            | NEVER
            | TITLE
            | RELATION
            | STATE
            | FACILITY
            | SUFFIX
            | UNIT
            | VERB
            | GREETING
            | CREDENTIAL
            | PLACE;
        t.alpha
            && t.ascii
            && t.end - t.start >= 4
            && t.flags & LISTED == 0
            && !self.in_vocabulary(Self::lw(s, t))
            && !self.clinical_ending(Self::lw(s, t))
    }

    /// A word in no list at all ([`Self::in_no_list`]), or one with letters outside ASCII
    /// that is no English word ("žilková").
    pub(super) fn unknown_word(&self, s: &LexScratch, t: &Token) -> bool {
        if t.ascii {
            self.in_no_list(s, t)
        } else {
            t.alpha && t.flags & WORD == 0 && t.end - t.start >= 3
        }
    }

    /// Is the token a word in no list ([`Self::unknown_word`]) that is no misspelt English
    /// word either ([`Self::near_word`])?
    pub(super) fn unknown_not_misspelt(&self, s: &LexScratch, t: &Token) -> bool {
        self.unknown_word(s, t) && !self.near_word(Self::lw(s, t))
    }

    /// Is the lower-case word `lw` of five letters or more one edit from an English word: a
    /// letter left out, added, changed, or two swapped ("mediciene", "stomack",
    /// "breathign")? A misspelling, then, more likely than a rare name. (Not the
    /// vocabulary: it holds so many rare words that invented names came within one edit of
    /// them.) About four lookups a letter, with the deletion keys built at start-up (a
    /// lookup for every letter of the alphabet at every place cost 5.5 s per megabyte of
    /// text made of such words).
    pub(super) fn near_word(&self, lw: &str) -> bool {
        near(&self.deletions, lw)
    }

    /// Is `lw` a letter and an English word of four letters or more run together, as notes
    /// write "A-paced" and "I-time" ("apaced", "itime")? Shorthand, then, not a name.
    pub(super) fn letter_and_word(&self, lw: &str) -> bool {
        lw.len() >= 5
            && lw.as_bytes()[0].is_ascii_lowercase()
            && self.lookup(&lw[1..]) & (WORD | FIRST | LAST) == WORD
    }

    /// Is `lw` one edit from a clinical term ([`Lexicon::near_word`], with the clinical
    /// terms alone: "labetelol", "proprofol", "natricor")? A misspelt drug, then: notes
    /// capitalise drugs inside sentences as names are. (Not the English words: names in no
    /// list came within one edit of them too often, "Valida", "Warrane".)
    pub(super) fn near_clinical_term(&self, lw: &str) -> bool {
        // (one edit leaves a word of seven letters or more its first three letters or its
        // last three, and one of five or six its first two or its last two: most words
        // share neither with any term, and are answered without the four lookups a letter)
        if !self.clinical_ends.may_be_near(lw.as_bytes()) {
            return false;
        }
        near(&self.clinical_deletions, lw)
    }

    /// Is the lower-cased word `lw` in the vocabulary (a word of no name list: drug and
    /// device names, medical and general words)?
    pub(super) fn in_vocabulary(&self, lw: &str) -> bool {
        self.vocabulary.get(lw) != 0
    }

    /// The name flags of a lower-cased word written with an apostrophe after its first
    /// letter ("o'hara"), looked up without it ("ohara").
    #[cold]
    pub(super) fn elided_name_flags(&self, lw: &str, buf: &mut String) -> u32 {
        let Some((head, tail)) = lw.split_once('\'') else {
            return 0;
        };
        if head.chars().count() != 1 || tail.is_empty() {
            return 0;
        }
        buf.clear();
        buf.push_str(head);
        buf.push_str(tail);
        self.lookup(buf) & (FIRST | LAST | COMMON)
    }
}

/// The first and the last two and three letters (a–z) of some words, as bits, kept apart.
pub(super) struct WordEnds {
    first: [u64; TRIGRAM_WORDS],
    last: [u64; TRIGRAM_WORDS],
    first2: [u64; BIGRAM_WORDS],
    last2: [u64; BIGRAM_WORDS],
}

const TRIGRAM_WORDS: usize = (26 * 26 * 26usize).div_ceil(64);
const BIGRAM_WORDS: usize = (26 * 26usize).div_ceil(64);

impl Default for WordEnds {
    fn default() -> WordEnds {
        WordEnds {
            first: [0; TRIGRAM_WORDS],
            last: [0; TRIGRAM_WORDS],
            first2: [0; BIGRAM_WORDS],
            last2: [0; BIGRAM_WORDS],
        }
    }
}

impl WordEnds {
    /// The index of two or three bytes a–z.
    fn index(b: &[u8]) -> Option<usize> {
        b.iter()
            .all(u8::is_ascii_lowercase)
            .then(|| b.iter().fold(0, |i, &c| i * 26 + usize::from(c - b'a')))
    }

    fn set(bits: &mut [u64], t: &[u8]) {
        if let Some(i) = Self::index(t) {
            bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn has(bits: &[u64], t: &[u8]) -> bool {
        Self::index(t).is_some_and(|i| bits[i / 64] & 1 << (i % 64) != 0)
    }

    /// Note the first and the last letters of a word of four letters or more (a
    /// possessive's "'s" left out, as [`insert_deletions`] leaves it).
    fn insert_ends(&mut self, w: &str) {
        let b = w.strip_suffix("'s").unwrap_or(w).as_bytes();
        if b.len() < 4 {
            return;
        }
        Self::set(&mut self.first, &b[..3]);
        Self::set(&mut self.last, &b[b.len() - 3..]);
        Self::set(&mut self.first2, &b[..2]);
        Self::set(&mut self.last2, &b[b.len() - 2..]);
    }

    /// Can the word `b` be one edit from a word noted: does it open with the first three
    /// letters of one or end with the last three (seven letters or more), or the first or
    /// last two (five or six)? (Shorter: yes.)
    fn may_be_near(&self, b: &[u8]) -> bool {
        let n = b.len();
        if n >= 7 {
            Self::has(&self.first, &b[..3]) || Self::has(&self.last, &b[n - 3..])
        } else if n >= 5 {
            Self::has(&self.first2, &b[..2]) || Self::has(&self.last2, &b[n - 2..])
        } else {
            true
        }
    }
}

/// [`deletion_key`]s of a dictionary word of four letters or more, whole and with each of
/// its letters left out in turn (entries are lower-cased: one with a byte other than a-z
/// has no keys).
fn insert_deletions(keys: &mut FxHashSet<u64>, w: &str) {
    let b = w.strip_suffix("'s").unwrap_or(w).as_bytes();
    if b.len() >= 4 && b.iter().all(u8::is_ascii_lowercase) {
        keys.insert(deletion_key(&[b], WHOLE));
        for k in 0..b.len() {
            keys.insert(deletion_key(&[&b[..k], &b[k + 1..]], k));
        }
    }
}

/// Is the lower-case word `lw` of five letters or more one edit from a word whose
/// [`insert_deletions`] keys `keys` holds?
fn near(keys: &FxHashSet<u64>, lw: &str) -> bool {
    let b = lw.as_bytes();
    if b.len() < 5 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let known = |parts: &[&[u8]], at: usize| keys.contains(&deletion_key(parts, at));
    (0..b.len()).any(|k| {
        let (head, tail) = (&b[..k], &b[k + 1..]);
        // a letter added: without it, a word; a letter changed: a word without its
        // letter at the same place reads the same; two swapped
        known(&[head, tail], WHOLE)
            || known(&[head, tail], k)
            || (k + 1 < b.len()
                && b[k] != b[k + 1]
                && known(&[head, &[b[k + 1], b[k]], &b[k + 2..]], WHOLE))
    })
    // a letter left out: a word without one of its letters reads `lw`
    || (0..=b.len()).any(|k| known(&[b], k))
}

/// [`deletion_key`]'s place for a whole word.
const WHOLE: usize = usize::MAX;

/// The key of a word with its letter at `at` left out (or of a whole word, `at` =
/// [`WHOLE`]), written as the bytes of `parts` in turn: FNV-1a over the bytes, then the
/// place (see [`Lexicon::near_word`]).
fn deletion_key(parts: &[&[u8]], at: usize) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for &c in parts.iter().copied().flatten() {
        h = (h ^ u64::from(c)).wrapping_mul(PRIME);
    }
    (h ^ at as u64).wrapping_mul(PRIME)
}

/// A hash of two lower-cased words as a phrase writes them ("the dalles"), without building
/// the phrase.
pub(super) fn word_pair_hash(first: &str, second: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(first.as_bytes());
    h.write_u8(b' ');
    h.write(second.as_bytes());
    h.finish()
}

/// The lower-case Latin letters with diacritics (Latin-1, Latin Extended-A, the
/// Vietnamese letters) by the ASCII letter they carry.
const WITH_DIACRITICS: [(&str, u8); 19] = [
    ("àáâãäåāăąạảấầẩẫậắằẳẵặ", b'a'),
    ("çćĉċč", b'c'),
    ("ďđ", b'd'),
    ("èéêëēĕėęěẹẻẽếềểễệ", b'e'),
    ("ĝğġģ", b'g'),
    ("ĥ", b'h'),
    ("ìíîïĩīĭįıỉị", b'i'),
    ("ĵ", b'j'),
    ("ķ", b'k'),
    ("ĺļľł", b'l'),
    ("ñńņň", b'n'),
    ("òóôõöøōŏőơọỏốồổỗộớờởỡợ", b'o'),
    ("ŕŗř", b'r'),
    ("śŝşšș", b's'),
    ("ţťț", b't'),
    ("ùúûüũūŭůűųưụủứừửữự", b'u'),
    ("ŵ", b'w'),
    ("ýÿŷỳỵỷỹ", b'y'),
    ("źżž", b'z'),
];

/// `lw`, a lower-case word, with its Latin letters' diacritics left off ("josé" → "jose",
/// "nguyễn" → "nguyen", "bašić" → "basic", "łukasz" → "lukasz"), in `buf`; `None` when a
/// letter is none of those (Greek, Cyrillic, a ligature) or the word is longer than `buf`.
/// (Out of the tokenizer's loop: only a non-ASCII word in no list is read so.)
pub(super) fn without_diacritics<'b>(lw: &str, buf: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    let mut n = 0;
    for c in lw.chars() {
        let a = if c.is_ascii() {
            c as u8
        } else {
            WITH_DIACRITICS
                .iter()
                .find(|(letters, _)| letters.contains(c))?
                .1
        };
        *buf.get_mut(n)? = a;
        n += 1;
    }
    Some(&buf[..n])
}
