//! Loading `patterns/`: the pattern files (TOML), the dictionaries they reference and the cue
//! lists of the name and place detector. This is data reviewed like code: every pattern carries
//! `match` and `no_match` examples that the test suite checks.
//!
//! The default set is embedded in the binary (so `phigate scan` needs no files); a deployment
//! points `patterns_dir` at its own copy, and adds pattern files (e.g. its MRN format) with
//! `extra_files`, without recompiling.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::error::BuildError;
use super::label::Label;
use super::validators::Validator;

/// The manifest, `patterns/phigate.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    /// Version stamped on every output event (`phigatepatterns`).
    version: String,
    /// Pattern files, relative to the manifest.
    pattern_files: Vec<String>,
    /// Cue lists for the name/place detector, relative to the manifest.
    cues: String,
    /// Field rules for event redaction, relative to the manifest.
    fields: String,
    /// Dictionaries by role, relative to the manifest.
    dictionaries: BTreeMap<String, String>,
}

/// One file of `[[pattern]]` tables, and the regex fragments they share.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    /// Named pieces of regex that this file's patterns write as `{{fragment:NAME}}` (one
    /// list of holidays for two patterns): expanded when the file is read.
    #[serde(default)]
    fragments: BTreeMap<String, String>,
    #[serde(default)]
    pattern: Vec<PatternSpec>,
}

/// One regex pattern. See `patterns/README.md` for the field reference.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    /// Stable id (`phone.nanp`): shown in `phigate detect --explain`, metrics never.
    pub id: String,
    /// What a match is, or `keep` for shapes that must never be redacted (Twilio SIDs, tags).
    pub label: PatternLabel,
    /// Regular expression (regex-automata syntax). `{{dict:NAME}}` expands to an alternation
    /// of that dictionary's entries, `{{fragment:NAME}}` to the file's fragment of that name.
    /// A group named `phi` narrows the span to that group.
    pub regex: String,
    /// Optional post-filter.
    #[serde(default)]
    pub validator: Option<Validator>,
    /// When set, a match counts only if one of these words (case-insensitive) ends within
    /// `cue_window` bytes before it.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Bytes before the match searched for a cue.
    #[serde(default = "default_cue_window")]
    pub cue_window: usize,
    /// A cue may also start within `cue_window` bytes after the match ("… 788-063-Office").
    #[serde(default)]
    pub cues_after: bool,
    /// Higher runs first where two patterns could match at the same place.
    #[serde(default)]
    pub priority: i32,
    /// Case-insensitive matching.
    #[serde(default)]
    pub case_insensitive: bool,
    /// Examples that must yield a span of this pattern.
    #[serde(default, rename = "match")]
    pub matches: Vec<String>,
    /// Examples that must not yield a span of this pattern.
    #[serde(default)]
    pub no_match: Vec<String>,
    /// Which file it came from (for errors).
    #[serde(skip)]
    pub origin: String,
}

impl PatternSpec {
    /// Does the regex name dictionary `role` (`{{dict:ROLE}}`)?
    pub fn names_dictionary(&self, role: &str) -> bool {
        self.regex.contains(&format!("{{{{dict:{role}}}}}"))
    }
}

fn default_cue_window() -> usize {
    32
}

/// A label, or `keep`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternLabel {
    /// Redact as this label.
    Phi(Label),
    /// Protect: spans overlapping a keep match are not redacted.
    Keep,
}

impl<'de> Deserialize<'de> for PatternLabel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "keep" {
            return Ok(PatternLabel::Keep);
        }
        s.parse()
            .map(PatternLabel::Phi)
            .map_err(serde::de::Error::custom)
    }
}

/// A cue list as a set of lower-case words.
pub(crate) fn word_set<S: AsRef<str>>(v: impl IntoIterator<Item = S>) -> FxHashSet<Box<str>> {
    v.into_iter()
        .map(|w| w.as_ref().to_lowercase().into_boxed_str())
        .collect()
}

/// Whether `s` starts with `w` in any ASCII case.
pub(crate) fn starts_with_ascii_ci(s: &[u8], w: &[u8]) -> bool {
    s.len() >= w.len() && s[..w.len()].eq_ignore_ascii_case(w)
}

/// Whether `s` ends with `w` in any ASCII case.
pub(crate) fn ends_with_ascii_ci(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    s.len() >= w.len() && s[s.len() - w.len()..].eq_ignore_ascii_case(w)
}

/// Whether a set of [`word_set`] holds `word` in any ASCII case. Short words are lower-cased
/// on the stack: this runs for many words of every text.
pub(crate) fn contains_ascii_ci(set: &FxHashSet<Box<str>>, word: &str) -> bool {
    let b = word.as_bytes();
    let mut buf = [0u8; 24];
    if b.len() <= buf.len() {
        for (d, c) in buf.iter_mut().zip(b) {
            *d = c.to_ascii_lowercase();
        }
        // lower-casing ASCII bytes keeps UTF-8 valid
        std::str::from_utf8(&buf[..b.len()]).is_ok_and(|w| set.contains(w))
    } else {
        set.contains(word.to_ascii_lowercase().as_str())
    }
}

/// Word lists for the name and place detector (`patterns/cues.toml`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// Titles before a name: `dr`, `mrs`, …
    pub titles: Vec<String>,
    /// Relations before a name: `wife`, `son`, …
    pub relations: Vec<String>,
    /// Phrases that introduce a name: `my name is`, `this is`, …
    pub name_intros: Vec<String>,
    /// Phrases after which the next word is a name only if it is in a name list.
    pub weak_name_intros: Vec<String>,
    /// Words after which a capitalised word at message start is a name: `hi`, `dear`, …
    pub greetings: Vec<String>,
    /// Prepositions before a place: `in`, `from`, …
    pub place_prepositions: Vec<String>,
    /// Words after a facility name: `hospital`, `clinic`, …
    pub facility_words: Vec<String>,
    /// Words that are never names even when in a name list (clinical vocabulary, pronouns).
    pub never_names: Vec<String>,
    /// Verbs that, right after an unknown capitalised word opening a sentence, make it a
    /// subject, hence a name (`is`, `spent`, `lives`, …).
    #[serde(default)]
    pub subject_verbs: Vec<String>,
    /// Speech verbs: after one, "`<name>` to `<word>`" names whom the person spoke to (`said`,
    /// `whispered`), so a word that is a first name and a town there is the person.
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// What "is" or "was" says of a person (`person`, `reliable`, `sick`): after a given name
    /// that is a word, opening a sentence, it makes the word the person.
    #[serde(default)]
    pub person_traits: Vec<String>,
    /// Generational and degree suffixes that end a name (`jr`, `iii`, `dds`): one right
    /// after a name is part of it.
    #[serde(default)]
    pub name_suffixes: Vec<String>,
    /// Phrases after which an unknown word is a place (a facility or ward): `transferred to`.
    #[serde(default)]
    pub place_intros: Vec<String>,
    /// Facility words strong enough to make the one or two plain words between a preposition
    /// and them a facility name ("to sacred heart hospital").
    #[serde(default)]
    pub strong_facility_words: Vec<String>,
    /// Generic words before a facility word that name no facility ("outside hospital").
    #[serde(default)]
    pub facility_modifiers: Vec<String>,
    /// Phrases after which a run starting with a house number is an address: `lives at`.
    #[serde(default)]
    pub address_intros: Vec<String>,
    /// Titles after which any word is a name (`dr`, `mrs`); other titles (`pa`, `rn`) need a
    /// name-like word.
    #[serde(default)]
    pub strong_titles: Vec<String>,
    /// Word endings of drug and clinical vocabulary (`olol`, `pril`, `itis`): a word of six
    /// letters or more ending so is never a name.
    #[serde(default)]
    pub clinical_suffixes: Vec<String>,
    /// Facility words that name a facility together with the word before them, in any case
    /// (`memorial`: "MAPLE MEMORIAL").
    #[serde(default)]
    pub facility_name_words: Vec<String>,
    /// Facility words (of `facility_words`) that open the facility's name before it, as
    /// Spanish, Portuguese and French order them: "Hospital San José", "Clínica del Valle".
    #[serde(default)]
    pub facility_openers: Vec<String>,
    /// Words that open a saint's name after a facility opener, in the languages that put the
    /// facility word first (`san`, `santa`, `sainte`: "Hospital San Rafael").
    #[serde(default)]
    pub saint_words: Vec<String>,
    /// Words that make the unanchored address rules worth running on a text (`address`,
    /// `corner`, `zip`).
    #[serde(default)]
    pub address_cue_words: Vec<String>,
    /// Particles inside street names (`rue`, `de`, `ul`).
    #[serde(default)]
    pub street_particles: Vec<String>,
    /// Street words written after the street's name, before the house number (Hungarian
    /// `utca`, `út`): particles too, and with a number after them they make the words
    /// before them a street, whatever their case.
    #[serde(default)]
    pub street_words_after_name: Vec<String>,
    /// Street words written before the street's name (`trg`, `rue`, `calle`): particles
    /// too; with a house number after the name, or before the word, they make a street of
    /// the words between, whatever their case.
    #[serde(default)]
    pub street_openers: Vec<String>,
    /// Titles only in lower case, on a line in Vietnamese (`anh`, `em`): "anh Long" is a
    /// title and a name, "Lan Anh" a name.
    #[serde(default)]
    pub lower_case_titles: Vec<String>,
    /// Words of two syllables, of a language written with spaces between its syllables, whose
    /// syllables are names of the lists alone (Vietnamese `bảo hiểm`, insurance; `bình
    /// thường`, normal; `hồ sơ`, a file): in lower case on a line in that language they are
    /// no names.
    #[serde(default)]
    pub compound_words: Vec<String>,
    /// Relation words only in lower case, on a line in Spanish (`nieto`, `primo`): "su
    /// nieto Breezy"; "Nieto" and "Primo" are names on a line in English.
    #[serde(default)]
    pub lower_case_relations: Vec<String>,
    /// Pronouns of other languages that are names of the lists too (`ella`, `tu`): no name
    /// on a line in their language, in any case.
    #[serde(default)]
    pub foreign_pronouns: Vec<String>,
    /// Kin words that are titles before a name on a line in their language (Tagalog `tito`,
    /// `lola`), in any case: "Tito Juan"; given names of the lists some of them.
    #[serde(default)]
    pub foreign_titles: Vec<String>,
    /// Common street types, in any case (`street`, `st`, `ave`): after an ordinal they
    /// make a street ("on 3rd street"), and after "and" they end the second street of a
    /// crossing ("5th ave and main st").
    #[serde(default)]
    pub street_types: Vec<String>,
    /// Particles inside personal names (`van`, `de`, `ibn`).
    #[serde(default)]
    pub name_particles: Vec<String>,
    /// The name particles that open a surname in English text, in lower case before a
    /// capitalised name (`de`, `van`; not `la`, `al`).
    #[serde(default)]
    pub surname_openers: Vec<String>,
    /// Verbs of residence: "in" and a word in no list after one is a place (`lives`).
    #[serde(default)]
    pub residence_verbs: Vec<String>,
    /// Verbs of arrival: "from" and a word in no list after one is a place (`arrived`).
    #[serde(default)]
    pub arrival_verbs: Vec<String>,
    /// Professional credentials written after a name (`rn`, `md`).
    #[serde(default)]
    pub credentials: Vec<String>,
    /// Words before an initial that make "B. Unknownword" a name (`per`, `paged`).
    #[serde(default)]
    pub initial_cues: Vec<String>,
    /// Units of a dose (`mg`, `cc`, `/hr`): a one-word name right before a dose is a drug
    /// ("Zestril 40mg").
    #[serde(default)]
    pub dose_units: Vec<String>,
    /// Prepositions before a street named first and its house number after ("lives on Rua
    /// Mina 50").
    #[serde(default)]
    pub street_intros: Vec<String>,
    /// Devices, scales and signs named after a person: the word before them is an eponym, not
    /// a name (`cath`, `scale`: "quinton cath", "Riker scale").
    #[serde(default)]
    pub eponym_followers: Vec<String>,
    /// Names of devices, dressings and findings in clinical notes that are people's names
    /// too (`hickman`, `brady`): standing alone, with no title, given name or greeting by
    /// them, they are no name ("hickman to be placed", "brady to the 40s").
    #[serde(default)]
    pub clinical_eponyms: Vec<String>,
    /// Words after "Word," opening a line that make the word a name called (`can`, `please`).
    #[serde(default)]
    pub vocative_followers: Vec<String>,
    /// What only a person does, after a subject's verb on a line in capitals: a word in no
    /// list before them is a name ("ORSKAVIK IS SPEAKING WITH", "ORSKAVIK DOES NOT CALL").
    #[serde(default)]
    pub person_predicates: Vec<String>,
    /// What a patient has, after "has" or "had" and up to two words (`appt`, `checkup`): a
    /// given name that is a word too, opening its sentence before them, is a person
    /// ("Jasmine has an appt", "Summer has a dental cleaning").
    #[serde(default)]
    pub care_objects: Vec<String>,
    /// What a patient is, right after "is" or "was" (`scheduled`, `seen`): the same ("Hope
    /// was seen by the nurse"; "due" the code reads itself, only before "for her", "for his":
    /// "Rose is due for her flu shot").
    #[serde(default)]
    pub care_states: Vec<String>,
    /// Given names that are also function words ("will", "may"): a name right before a
    /// capitalised surname inside a mixed-case sentence.
    #[serde(default)]
    pub function_word_given_names: Vec<String>,
    /// Months that are no given names ("october"): a name of one such word alone is a
    /// date's month.
    #[serde(default)]
    pub month_words: Vec<String>,
    /// Given names that the English word list holds for a sense nobody writes in a message
    /// or a note ("maria", the plural of "mare"; "john"): they are taken as names, not words.
    #[serde(default)]
    pub given_names_not_words: Vec<String>,
    /// Words of endearment that the name lists hold too ("hun", "bae", "bud"): in lower case
    /// they address a person and are no name ("thanks hun").
    #[serde(default)]
    pub endearments: Vec<String>,
    /// Imperatives that open a sentence before a first name and are no part of it ("Call
    /// Maria", "Page Ingrid").
    #[serde(default)]
    pub imperative_verbs: Vec<String>,
    /// Field names whose value is a person ("Patient: TAMSK, VELKA"): a surname, a comma and
    /// a given name after one, in no word list, are a name.
    #[serde(default)]
    pub person_fields: Vec<String>,
    /// Verbs of contact after a first name opening a clause in a note ("social: dale phoned").
    #[serde(default)]
    pub contact_verbs: Vec<String>,
    /// Words that may follow a ward number (`for`, `when`: "bellweather 6 for monitoring").
    #[serde(default)]
    pub ward_number_followers: Vec<String>,
    /// Words that end the run after an address phrase (`and`, `with`, pronouns).
    #[serde(default)]
    pub address_run_stops: Vec<String>,
    /// Words of time or age after a number (`pm`, `yrs`, `days`): such a number after an
    /// address phrase is no house number.
    #[serde(default)]
    pub time_words: Vec<String>,
    /// Words after a greeting and a given name that is an English verb too (`you`, `all`)
    /// that make it the verb: "thanks see you", "hi hope you are well".
    #[serde(default)]
    pub greeting_verb_objects: Vec<String>,
    /// Departments and service desks (`billing`, `front desk`): after a name cue ("Attn:
    /// Billing", "This is Scheduling at …") one of these is no person's name.
    #[serde(default)]
    pub departments: Vec<String>,
    /// Words no street name holds ("70-95 SR TO ST" is no street): the `street` validator.
    #[serde(default)]
    pub street_glue_words: Vec<String>,
    /// Words before a number pair that make it a setting or a score, not a date (`peep`,
    /// `strength`): the date validators.
    #[serde(default)]
    pub setting_words: Vec<String>,
    /// Sides (`r`, `left`): before a setting word they make it a body site, so what follows
    /// may be a date ("R AC 11/17": the right antecubital fossa, not assist control).
    #[serde(default)]
    pub site_side_words: Vec<String>,
    /// Words before an x/10 that make it a pain score (`c/o 3/10`).
    #[serde(default)]
    pub pain_words_before: Vec<String>,
    /// Words after an x/10 that make it a pain score (`5/10 pain`).
    #[serde(default)]
    pub pain_words_after: Vec<String>,
    /// Words that make an x/10 a pain score from a few words before it, in the same clause
    /// (`Pain: 4/10`, `rates her back pain a 5/10`, `HA 7/10`).
    #[serde(default)]
    pub pain_words_near: Vec<String>,
    /// Words of an event with a date (`admitted`, `dob`): a number pair after them, or after
    /// them and "on", is a date even in the shape of a fraction or a score (`admitted 3/4`).
    #[serde(default)]
    pub date_event_words: Vec<String>,
    /// Units after a number that make it a quantity, not a year (`2000 ml`); compared as
    /// prefixes of what follows, so `"u "` holds its space.
    #[serde(default)]
    pub quantity_units: Vec<String>,
    /// Words that start a new field or clause instead of an address line (`phone`, `email`,
    /// pronouns): address blocks stop at them.
    #[serde(default)]
    pub address_block_stops: Vec<String>,
    /// Unit words inside an address block (`apt`, `suite`, `box`).
    #[serde(default)]
    pub address_unit_words: Vec<String>,
    /// Field names ending in "address" that hold no postal address (`email`, `ip`).
    #[serde(default)]
    pub not_postal_fields: Vec<String>,
    /// Words that name a part of a country before it (`southern`: "serving Southern
    /// Italy"): with a country after them, a span is no identifier, as the country alone is
    /// none; with a state's name, a place smaller than the state ("Southern California").
    #[serde(default)]
    pub region_words: Vec<String>,
    /// Small lower-case words inside place names (`nad`: "Kostelec nad Labem", `am`:
    /// "Frankfurt am Main"): an address block grows over one when a capitalised word
    /// follows on its line.
    #[serde(default)]
    pub place_particles: Vec<String>,
    /// Common words of other languages that US patients write (Spanish: `tiene`, `llegó`),
    /// read as words: in lower case they join no name beside them ("mi hijo Mateo tiene
    /// fiebre").
    #[serde(default)]
    pub foreign_words: Vec<String>,
    /// Words of other languages that only say a line is written in one (Spanish: `nieto`,
    /// `silla`), names of the lists some of them: on such a line with capitals, a word in
    /// lower case that no cue list knows is no name.
    #[serde(default)]
    pub foreign_line_words: Vec<String>,
    /// Vietnamese words typed without diacritics, as on an English keyboard (`khong`, `duoc`,
    /// `lich`): two on a line, a quarter of its words, make it a line in Vietnamese.
    #[serde(default)]
    pub vietnamese_ascii_words: Vec<String>,
    /// Vietnamese titles typed without diacritics (`chi`, `co`, `ong`, `bac`, `si`): titles on
    /// such a line only.
    #[serde(default)]
    pub vietnamese_ascii_titles: Vec<String>,
}

/// Everything loaded from a patterns directory, before compilation.
#[derive(Clone, Debug)]
pub struct PatternSet {
    /// Version from the manifest; user files append `+user`.
    pub version: String,
    /// All regex patterns.
    pub patterns: Vec<PatternSpec>,
    /// Cue lists.
    pub cues: Cues,
    /// Dictionaries by role, lower-cased entries.
    pub dictionaries: BTreeMap<String, Dictionary>,
    /// Field rules for event redaction.
    pub fields: FieldRules,
}

/// How event fields are treated (`patterns/fields.toml`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRules {
    /// Kept as they are.
    #[serde(default)]
    pub keep: Vec<String>,
    /// One identifier as a whole.
    #[serde(default)]
    pub whole: BTreeMap<String, Label>,
    /// Strings holding JSON.
    #[serde(default)]
    pub json: Vec<String>,
    /// Customer-defined JSON (keys scanned, key hints apply).
    #[serde(default)]
    pub customer: Vec<String>,
    /// URLs and form bodies.
    #[serde(default)]
    pub form: Vec<String>,
    /// Base64 text.
    #[serde(default)]
    pub base64: Vec<String>,
    /// Key hints inside customer JSON.
    #[serde(default)]
    pub key_hints: BTreeMap<String, Label>,
    /// Words before a key hint that say whose value it is ("caller" of "caller_city").
    #[serde(default)]
    pub key_hint_prefixes: Vec<String>,
}

/// Where pattern data comes from: the embedded default or a directory.
enum Origin<'a> {
    Embedded,
    Dir(&'a Path),
}

/// The default `patterns/` directory compiled into the binary.
static EMBEDDED: &[(&str, &str)] = &[
    ("phigate.toml", include_str!("../../patterns/phigate.toml")),
    (
        "identifiers.toml",
        include_str!("../../patterns/identifiers.toml"),
    ),
    ("cues.toml", include_str!("../../patterns/cues.toml")),
    ("fields.toml", include_str!("../../patterns/fields.toml")),
    (
        "dicts/first_names.txt",
        include_str!("../../patterns/dicts/first_names.txt"),
    ),
    (
        "dicts/surnames.txt",
        include_str!("../../patterns/dicts/surnames.txt"),
    ),
    (
        "dicts/english_words.txt",
        include_str!("../../patterns/dicts/english_words.txt"),
    ),
    (
        "dicts/first_names_that_are_words.txt",
        include_str!("../../patterns/dicts/first_names_that_are_words.txt"),
    ),
    (
        "dicts/surnames_that_are_words.txt",
        include_str!("../../patterns/dicts/surnames_that_are_words.txt"),
    ),
    (
        "dicts/places.txt",
        include_str!("../../patterns/dicts/places.txt"),
    ),
    (
        "dicts/countries.txt",
        include_str!("../../patterns/dicts/countries.txt"),
    ),
    (
        "dicts/street_suffixes.txt",
        include_str!("../../patterns/dicts/street_suffixes.txt"),
    ),
    (
        "dicts/secondary_units.txt",
        include_str!("../../patterns/dicts/secondary_units.txt"),
    ),
    (
        "dicts/states.txt",
        include_str!("../../patterns/dicts/states.txt"),
    ),
    (
        "dicts/restricted_zip3.txt",
        include_str!("../../patterns/dicts/restricted_zip3.txt"),
    ),
    (
        "dicts/clinical_terms.txt",
        include_str!("../../patterns/dicts/clinical_terms.txt"),
    ),
    (
        "dicts/common_names.txt",
        include_str!("../../patterns/dicts/common_names.txt"),
    ),
    (
        "dicts/vocabulary.txt",
        include_str!("../../patterns/dicts/vocabulary.txt"),
    ),
];

impl Origin<'_> {
    fn read(&self, rel: &str) -> Result<String, BuildError> {
        match self {
            Origin::Embedded => EMBEDDED
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(_, s)| (*s).to_string())
                .ok_or_else(|| BuildError::Io {
                    path: PathBuf::from(rel),
                    message: "not embedded".into(),
                }),
            Origin::Dir(d) => read_file(&d.join(rel)),
        }
    }
}

fn read_file(p: &Path) -> Result<String, BuildError> {
    std::fs::read_to_string(p).map_err(|e| BuildError::Io {
        path: p.to_path_buf(),
        message: e.kind().to_string(),
    })
}

/// A dictionary's entries, lower-cased, in the order of its file: one entry a line, `#`
/// comments and blank lines left out, each line trimmed.
///
/// The entries are ranges of the lower-cased text (half a million of them load at start-up:
/// an allocation and a copy each cost more than finding them). The text is lower-cased whole
/// (a line's lower-case form depends on nothing outside it), lines are found with `memchr` and
/// trimmed of ASCII blanks without decoding chars: the entries are those that `str::lines`,
/// `str::trim` and `str::to_lowercase` give (a test holds them to it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dictionary {
    /// The lower-cased text.
    text: String,
    /// Each entry's range in `text`.
    entries: Vec<(usize, usize)>,
}

impl Dictionary {
    /// Read dictionary text.
    pub fn parse(text: &str) -> Dictionary {
        let mut lower = if text.is_ascii() {
            text.to_owned()
        } else {
            // (`str::to_lowercase` reads char by char from the first non-ASCII byte on:
            // only the lines that hold one go through it)
            let mut lower = String::with_capacity(text.len() + 16);
            let b = text.as_bytes();
            let mut copied = 0;
            while let Some(k) = b[copied..].iter().position(|&c| c >= 0x80) {
                let at = copied + k;
                let from = memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1);
                let to = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i);
                lower.push_str(&text[copied..from]);
                lower.push_str(&text[from..to].to_lowercase());
                copied = to;
            }
            lower.push_str(&text[copied..]);
            lower
        };
        // (what `to_lowercase` wrote holds no ASCII capital)
        lower.make_ascii_lowercase();
        let mut entries = Vec::with_capacity(lower.len() / 8);
        let mut start = 0;
        let bytes = lower.as_bytes();
        for end in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
            let line = &lower[start..end];
            let mut from = start;
            start = end + 1;
            // trimmed: ASCII blanks by byte; other blanks (a non-ASCII byte at either end) by
            // char
            let mut l = line.trim_ascii_start();
            from += line.len() - l.len();
            l = l.trim_ascii_end();
            if l.as_bytes().first().is_some_and(|&b| b >= 0x80)
                || l.as_bytes().last().is_some_and(|&b| b >= 0x80)
            {
                let t = l.trim_start();
                from += l.len() - t.len();
                l = t.trim_end();
            }
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            entries.push((from, from + l.len()));
        }
        Dictionary {
            text: lower,
            entries,
        }
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in order.
    pub fn iter(&self) -> Entries<'_> {
        Entries {
            text: &self.text,
            ranges: self.entries.iter(),
        }
    }

    /// Add the entries of `other` after these.
    pub fn extend(&mut self, other: &Dictionary) {
        self.text.push('\n');
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.entries
            .extend(other.entries.iter().map(|&(a, b)| (base + a, base + b)));
    }

    /// Each entry as a `String`.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

/// The entries of a [`Dictionary`], in order.
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    text: &'a str,
    ranges: std::slice::Iter<'a, (usize, usize)>,
}

impl<'a> Iterator for Entries<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.ranges.next().map(|&(a, b)| &self.text[a..b])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ranges.size_hint()
    }
}

impl ExactSizeIterator for Entries<'_> {}

impl<'a> IntoIterator for &'a Dictionary {
    type Item = &'a str;
    type IntoIter = Entries<'a>;

    fn into_iter(self) -> Entries<'a> {
        self.iter()
    }
}

fn parse_patterns(text: &str, origin: &str) -> Result<Vec<PatternSpec>, BuildError> {
    let file: PatternFile = toml::from_str(text).map_err(|e| BuildError::Toml {
        file: origin.to_string(),
        message: toml_position(&e, text),
    })?;
    file.pattern
        .into_iter()
        .map(|mut p| {
            p.origin = origin.to_string();
            p.regex = expand_fragments(&p, &file.fragments)?;
            Ok(p)
        })
        .collect()
}

/// `p`'s regex with each `{{fragment:NAME}}` replaced by its file's fragment `NAME` (a
/// fragment holds no fragment of its own).
fn expand_fragments(
    p: &PatternSpec,
    fragments: &BTreeMap<String, String>,
) -> Result<String, BuildError> {
    const OPEN: &str = "{{fragment:";
    let mut out = String::with_capacity(p.regex.len());
    let mut rest = p.regex.as_str();
    while let Some(pos) = rest.find(OPEN) {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + OPEN.len()..];
        let name = after.find("}}").map(|close| &after[..close]);
        let Some(fragment) = name.and_then(|n| fragments.get(n)) else {
            return Err(BuildError::UnknownFragment {
                id: p.id.clone(),
                file: p.origin.clone(),
                fragment: name.unwrap_or("(unclosed)").to_string(),
            });
        };
        out.push_str(fragment);
        rest = &after[name.map_or(0, str::len) + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A TOML error as "line N, column M: message" without quoting the offending input.
pub fn toml_position(e: &toml::de::Error, text: &str) -> String {
    let msg = e.message().to_string();
    match e.span() {
        Some(span) => {
            let start = span.start.min(text.len());
            // (serde reports a key that a table read whole does not know, an enum's tagged
            // by one of its keys, at the table: the key's own line is where to look)
            let at = unknown_key_at(&msg, text, start).unwrap_or(start);
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("line {line}, column {col}: {msg}")
        }
        None => msg,
    }
}

/// Where the key that `msg` ("unknown field `kind`, expected …") names opens a line of the
/// table whose header starts at `from`, before the next header, if it does.
fn unknown_key_at(msg: &str, text: &str, from: usize) -> Option<usize> {
    let key = msg.strip_prefix("unknown field `")?.split('`').next()?;
    if !text.is_char_boundary(from) || !text[from..].starts_with('[') {
        return None;
    }
    let quoted = format!("\"{key}\"");
    // (the lines after the header's)
    let mut lines = text[from..].split_inclusive('\n');
    let mut at = from + lines.next()?.len();
    for line in lines {
        let content = line.trim_start();
        if content.starts_with('[') {
            return None;
        }
        let rest = content
            .strip_prefix(key)
            .or_else(|| content.strip_prefix(quoted.as_str()));
        if rest.is_some_and(|r| r.trim_start().starts_with('=')) {
            return Some(at + line.len() - content.len());
        }
        at += line.len();
    }
    None
}

impl PatternSet {
    /// The default set compiled into the binary.
    pub fn embedded() -> Result<PatternSet, BuildError> {
        Self::load_from(&Origin::Embedded)
    }

    /// A patterns directory laid out like `patterns/` (a `phigate.toml` manifest).
    pub fn from_dir(dir: &Path) -> Result<PatternSet, BuildError> {
        Self::load_from(&Origin::Dir(dir))
    }

    fn load_from(origin: &Origin<'_>) -> Result<PatternSet, BuildError> {
        let mtext = origin.read("phigate.toml")?;
        let manifest: Manifest = toml::from_str(&mtext).map_err(|e| BuildError::Toml {
            file: "phigate.toml".into(),
            message: toml_position(&e, &mtext),
        })?;
        let mut patterns = Vec::new();
        for f in &manifest.pattern_files {
            patterns.extend(parse_patterns(&origin.read(f)?, f)?);
        }
        let ctext = origin.read(&manifest.cues)?;
        let cues: Cues = toml::from_str(&ctext).map_err(|e| BuildError::Toml {
            file: manifest.cues.clone(),
            message: toml_position(&e, &ctext),
        })?;
        let mut dictionaries = BTreeMap::new();
        for (role, path) in &manifest.dictionaries {
            dictionaries.insert(role.clone(), Dictionary::parse(&origin.read(path)?));
        }
        let ftext = origin.read(&manifest.fields)?;
        let fields: FieldRules = toml::from_str(&ftext).map_err(|e| BuildError::Toml {
            file: manifest.fields.clone(),
            message: toml_position(&e, &ftext),
        })?;
        Ok(PatternSet {
            version: manifest.version,
            patterns,
            cues,
            dictionaries,
            fields,
        })
    }

    /// Add a user's pattern file (its patterns join the same compiled automaton).
    pub fn add_file(&mut self, path: &Path) -> Result<(), BuildError> {
        let text = read_file(path)?;
        self.patterns
            .extend(parse_patterns(&text, &path.display().to_string())?);
        if !self.version.ends_with("+user") {
            self.version.push_str("+user");
        }
        Ok(())
    }

    /// Add entries to a dictionary role (e.g. a deployment's own surnames). The role must be
    /// one the set has (its manifest's) or one a pattern names (`{{dict:ROLE}}`): entries
    /// under a misspelt role ("surname") would otherwise be loaded and never read.
    pub fn add_dictionary(&mut self, role: &str, path: &Path) -> Result<(), BuildError> {
        if !self.dictionaries.contains_key(role)
            && !self.patterns.iter().any(|p| p.names_dictionary(role))
        {
            let known: Vec<&str> = self.dictionaries.keys().map(String::as_str).collect();
            return Err(BuildError::UnknownRole {
                role: role.to_string(),
                known: known.join(", "),
            });
        }
        let entries = Dictionary::parse(&read_file(path)?);
        self.dictionaries
            .entry(role.to_string())
            .or_default()
            .extend(&entries);
        if !self.version.ends_with("+user") {
            self.version.push_str("+user");
        }
        Ok(())
    }

    /// A dictionary by role, empty if absent.
    pub fn dictionary(&self, role: &str) -> &Dictionary {
        static EMPTY: Dictionary = Dictionary {
            text: String::new(),
            entries: Vec::new(),
        };
        self.dictionaries.get(role).unwrap_or(&EMPTY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key that a table read whole does not know is reported on its own line, not at the
    /// table's header (serde gives the table's position for an enum tagged by a key).
    #[test]
    fn an_unknown_key_is_placed_on_its_line() {
        let text = "[pipeline]\nworkers = 2\n\n[source]\nkind = \"file\"\n  path = 3\n";
        let e = toml::from_str::<crate::config::Config>(text)
            .err()
            .unwrap_or_else(|| panic!("the config parsed"));
        let pos = toml_position(&e, text);
        assert!(pos.contains("unknown field `path`"), "{pos}");
        assert!(pos.starts_with("line 6, column 3: "), "{pos}");
    }

    /// A deployment's entries go to a role the set has or a pattern names; a misspelt role is
    /// an error that lists the roles, before the file is read.
    #[test]
    fn extra_dictionary_entries_need_a_role_that_is_read() {
        let dir = std::env::temp_dir().join(format!("phigate-roles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let (staff, ids, pattern) = (
            dir.join("staff.txt"),
            dir.join("ids.txt"),
            dir.join("p.toml"),
        );
        std::fs::write(&staff, "Velkaro\n").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&ids, "zq-17\n").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            &pattern,
            "[[pattern]]\nid = \"ward\"\nlabel = \"OTHER_ID\"\nregex = '\\b(?:{{dict:ward_codes}})\\b'\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        set.add_dictionary("surnames", &staff)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(set.dictionary("surnames").iter().any(|w| w == "velkaro"));
        let err = set
            .add_dictionary("surname", &staff)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("unknown dictionary role `surname`"),
            "{err}"
        );
        assert!(
            err.contains("first_names, ") && err.contains("surnames"),
            "{err}"
        );
        // (the role a deployment's own pattern names)
        assert!(set.add_dictionary("ward_codes", &ids).is_err());
        set.add_file(&pattern).unwrap_or_else(|e| panic!("{e}"));
        set.add_dictionary("ward_codes", &ids)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(set.dictionary("ward_codes").to_vec(), ["zq-17"]);
        std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    }

    /// A pattern file's fragments are written into its patterns' regexes; a fragment the
    /// file does not define is an error that names the pattern, the file and the fragment.
    #[test]
    fn fragments_expand_within_their_file() {
        let text = "[fragments]\npets = 'cat|dog'\n\n[[pattern]]\nid = \"pet\"\nlabel = \"OTHER_ID\"\nregex = '\\b(?:{{fragment:pets}})-\\d+ {{fragment:pets}}'\n";
        let p = parse_patterns(text, "pets.toml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p[0].regex, r"\b(?:cat|dog)-\d+ cat|dog");
        for (regex, named) in [
            ("{{fragment:fish}}", "fish"),
            ("x{{fragment:pets", "(unclosed)"),
        ] {
            let text = format!(
                "[fragments]\npets = 'cat'\n[[pattern]]\nid = \"pet\"\nlabel = \"OTHER_ID\"\nregex = '{regex}'\n"
            );
            let err = parse_patterns(&text, "pets.toml")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert_eq!(
                err,
                format!("pattern `pet` (pets.toml): unknown fragment `{named}`")
            );
        }
    }

    #[test]
    fn dictionary_lines_are_trimmed_and_lower_cased_as_str_would() {
        let text =
            "Smith\r\n  o'brien \n# comment\n\n\u{a0}Ñúñez\u{2003}\nÉCOLE\n\t#x\nΣΟΦΙΑΣ\nzoë\nlast";
        let by_str = |text: &str| -> Vec<String> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect()
        };
        let d = Dictionary::parse(text);
        assert_eq!(d.to_vec(), by_str(text));
        for (path, text) in EMBEDDED.iter().filter(|(p, _)| p.starts_with("dicts/")) {
            assert_eq!(Dictionary::parse(text).to_vec(), by_str(text), "{path}");
        }
        assert_eq!((d.len(), d.iter().len()), (7, 7));
        let mut twice = d.clone();
        twice.extend(&Dictionary::parse("Ab\nc"));
        assert_eq!(
            twice.iter().skip(6).collect::<Vec<_>>(),
            ["last", "ab", "c"]
        );
        assert!(Dictionary::parse("# only a comment\n\n").is_empty());
    }

    #[test]
    fn word_sets_match_in_any_ascii_case() {
        let set = word_set(&["Apt".to_string(), "über".to_string()]);
        for w in ["apt", "APT", "aPt", "über", "ÜBER".to_lowercase().as_str()] {
            assert!(contains_ascii_ci(&set, w), "{w}");
        }
        let long = "x".repeat(40);
        for w in ["ap", "apts", "", long.as_str()] {
            assert!(!contains_ascii_ci(&set, w), "{w}");
        }
        let set = word_set(std::slice::from_ref(&long));
        assert!(contains_ascii_ci(&set, &long.to_ascii_uppercase()));
    }
}
