//! The PHI detection and redaction engine. No I/O, no async, no Kafka or AWS types: usable from
//! the pipeline, the CLI, benches and fuzzers alike.
//!
//! # How it works
//! * [`PatternSet`] loads `patterns/` (embedded by default): regex patterns with ids, labels,
//!   validators, cues and examples; dictionaries; cue lists; field rules.
//! * [`Matcher`] compiles every regex into one multi-pattern `regex-automata` automaton (one
//!   NFA, searched by lazy DFAs forward and back, with a PikeVM where a lazy DFA gives up),
//!   the cue words into one Aho-Corasick automaton and the dictionaries into hashed token
//!   sets. It is immutable and `Send + Sync`; each worker owns a [`WorkerScratch`]. A pattern
//!   that fails to compile, or matches the empty string, is refused by id.
//! * [`Engine`] adds per-label [`Transforms`] and the field rules, and redacts text
//!   ([`Engine::redact_text`]) or whole parsed events ([`Engine::redact_value`]).
//!
//! # Guarantees
//! * Spans are UTF-8 byte ranges on char boundaries, sorted and disjoint; overlapping candidates
//!   merge deterministically (the higher-priority pattern's label wins, the union is covered).
//! * Redaction is idempotent for what it produced: tags (`[NAME]`), HMAC tokens, masks
//!   (`+1 (202) 555-XXXX`) and `90+` are protected by `keep` patterns (a token inside another
//!   pattern's match too) and never re-detected, and the name and place rules read a mask or
//!   `90+` as the span it was made from; a generalized field value (a ZIP's `200`, a year)
//!   generalizes to itself. The name and place rules read a
//!   pattern's match as the tag it will become: the words inside it are no words to them, and
//!   no cue reaches across it ("Dad a@b.example Xy" reads like "Dad \[EMAIL\] Xy"). A second
//!   pass never un-redacts anything. A match that ends a sentence keeps the period outside
//!   its tag ("\[ADDRESS\]."), and the rules read it so in both passes. A line's case (mixed,
//!   or flat: ALL CAPS or all lower case) is judged from its words; when the words left
//!   once the found names are tags would judge it otherwise (its only capital was in a
//!   name), the text is read again with the found words as tags-to-be, at most three
//!   times, and what every reading found is kept (once more after address blocks grow, if
//!   they took in words that judged a line). See Limits for what the property test
//!   covers.
//! * Invisible format characters (zero-width spaces and joiners, direction marks and
//!   isolates, the soft hyphen, the byte-order mark, the variation selectors and the keycap
//!   that make a digit an emoji) and look-alikes of ASCII (the hyphen, non-breaking
//!   hyphen, figure and en dashes and the minus sign; the fullwidth forms; the decimal
//!   digits of the Arabic, Indic, Thai, Lao, Tibetan, Myanmar, Khmer and Mongolian
//!   scripts; the mathematical alphanumeric symbols, styled letters and digits; the
//!   circled letters and one-figure digits) hide no identifier: a text that holds one is read without the former and with the
//!   latter as their ASCII, and each span found is mapped back onto the text as given,
//!   covering what is inside it and no invisible character around it ("555-\u{200B}0147"
//!   and "202–555–0147" are one PHONE each). HMAC tokens are computed on the same reading,
//!   so a pseudonym does not change with them.
//! * Nothing here logs, and no error carries input text: errors name pattern ids, files and
//!   JSON paths.
//! * Time grows about linearly with a text's length on every adversarial shape tried (a
//!   megabyte of one unit repeated, "1-1-1-…", is read in under a second; see
//!   `robustness::megabyte_runs_of_one_unit_are_read_in_one_pass` and `benches/LOG.md`,
//!   session 36): evidence, not a proof. A pattern of your own
//!   that opens with an unbounded run of a class (`[a-z0-9]+@…`) can break this: a
//!   rejected candidate restarts the search one char on, and each restart reads the run to
//!   its end (`patterns/README.md`); [`Matcher::slow_openings`] names such patterns, and
//!   `phigate check` and `run` warn about each.
//!
//! # Limits
//! * Detection is rules and dictionaries, not a statistical model. Names that are in no list,
//!   lower-cased and without any cue ("saw bob today") can be missed; see the accuracy figures
//!   in `benches/README.md` and `docs/accuracy.md` for what that costs on real text.
//! * Voice transcripts write numbers in words. Dates said aloud ("january fifth nineteen
//!   fifty two") and numbers said digit by digit ("five five five one two …": a phone number
//!   near a phone cue, nine digits near "social" an SSN, six digits or more otherwise an
//!   `OTHER_ID`) are found; numbers said as amounts ("one twenty three main street",
//!   "twelve thirty four") are not.
//! * The word lists are English, with the function words and cues of Spanish, Vietnamese,
//!   Tagalog, Portuguese, French, Haitian Creole and Russian messages as US patients write
//!   them ("me llamo …", "mi hijo …", "chị Lan", "tên là …", "si Maria", "aqui é …",
//!   "L'infirmière …", "manman m …", "Это …"), and the greetings of a dozen languages (those
//!   of several words, "bom dia", where they open a line). On a line written in Cyrillic,
//!   Greek or Armenian a capital says what it says in English; Russian dates and streets
//!   ("28 февраля", "ул. Ленина, д. 5") are found. On a line in Vietnamese (two words with
//!   letters only Vietnamese writes, as many words outside ASCII as in it) a word in lower
//!   case is no name where the writer uses capitals, and a name is found by its capital
//!   ("anh Long"); a Vietnamese line written all in lower case is read by its cues only (a
//!   title, a greeting, "tôi là …", "… ơi"), a name there being a syllable of the name
//!   lists, so a rare name in lower case without a cue is missed, and a short line with
//!   few Vietnamese letters is read as English (its syllables can be taken for names).
//!   Vietnamese typed without diacritics is read so by two words no English word spells
//!   ("khong", "thuoc"), its titles and intros typed so too ("chi lan oi", "toi la …"). Spanish
//!   articles opening a sentence ("El paciente", "Las citas") are no names. Arabic names
//!   are found only after what introduces or addresses a person ("أنا …", "مرحبا …",
//!   "الدكتور …", "المريضة …");
//!   the script has no capitals, and a name elsewhere in Arabic text is missed;
//!   a name with Latin diacritics is looked up as the Census and SSA lists write it
//!   ("josé" as "jose"). Messages in other languages are read with English rules: their
//!   words in no list can be taken for names (over-redaction), and their own cues are not
//!   known. In Chinese and Korean text a name is found before an honorific or a role
//!   ("王先生", "李小明医生", "김민수님", "박지훈 씨"), after a self-introduction ("我是…",
//!   "저는 …입니다") or as a person's field ("病人：…", "환자: …"), with a common surname
//!   first; dates written with 年/月/日 or 년/월/일 and numbers after the words for an account
//!   number are found. Other names in such text, and Japanese names, are not; a span is
//!   never widened over text without spaces (a Chinese clause), so what is not found there
//!   stays as written.
//! * Digits written as letters ("2O2-555-O147", a letter O for a zero), as superscripts or
//!   subscripts, or in scripts not listed above are read as written, and such a number is
//!   missed; so is a footnote's superscript after a name ("Smith²" is no name).
//! * Identifiers split across separate JSON fields are judged field by field.
//! * Some context rules also read the raw characters around a word (a period, a hyphen, a
//!   line start), and those differ between a match and its tag: idempotence rests on the
//!   property test and the found cases in `tests/integration/robustness.rs`, not on a proof.
//!   Numbers inside a match stay visible to the address rules (a house number read as a year
//!   still opens its address).
//! * The property test runs on pieces separated by whitespace and on pieces glued together
//!   ("555-0147Dr. Marisol"), and every case it found is fixed and kept as a found case.
//!   That is evidence, not a proof: the rules read context (capitals, cues, line starts),
//!   and the found cases show how a tag can change it. The known ways are handled: words
//!   inside a match are no words, a line's case is judged again without its found names, a
//!   span takes the whole apostrophe-joined word it ends in (but for a name's possessive,
//!   which stays outside it: "\[NAME\]'s dog"), no cue is read inside our own
//!   output or across it, no rule takes a tag for the start of the text, and when an address
//!   block grows over words that judged its line's case, the text is read once more with
//!   the final spans as tags-to-be.
//! * Images, audio and other media behind URLs are not inspected; URL query values are.
//! * A single text longer than 1 GiB is not read word by word: the name and place rules cover
//!   it whole with one `OTHER_ID` span (fail closed). The pipeline's records are far smaller
//!   (`max_record_bytes`, 1 MiB by default).

mod address;
mod engine;
mod error;
mod examples;
mod fold;
mod json;
mod label;
mod lexicon;
mod matcher;
mod patterns;
mod span;
mod transform;
mod validators;
mod wordmap;
mod worker;

pub use engine::{Engine, RedactStats};
pub use error::BuildError;
pub use examples::{example_failures, ExampleFailure, ExampleFault};
pub use json::{CompiledFields, Edits, RedactError, MAX_DEPTH};
pub use label::{Label, UnknownLabel};
pub use matcher::{CompiledPattern, Matcher, Scratch};
/// (the policy compares prefixes in any case the same way)
pub(crate) use patterns::starts_with_ascii_ci;
pub use patterns::{toml_position, Cues, FieldRules, PatternLabel, PatternSet, PatternSpec};
pub use span::{Span, SpanOrigin};
pub use transform::{normalize, HmacKey, Secret, TransformKind, TransformSpec, Transforms};
pub use validators::Validator;
/// (the pipeline's JSON writer reads strings eight bytes at a time the same way)
pub(crate) use wordmap::load_le;
pub use worker::{ScratchPool, WorkerScratch};
