//! What a dictionary lookup says about a word: one bit per word class or cue.

pub(super) const WORD: u32 = 1; // an English word (or clinical term)
pub(super) const FIRST: u32 = 1 << 1;
pub(super) const LAST: u32 = 1 << 2;
pub(super) const NEVER: u32 = 1 << 3; // never a name (pronouns, clinical terms)
pub(super) const PLACE: u32 = 1 << 4; // single-word place
pub(super) const TITLE: u32 = 1 << 5;
pub(super) const RELATION: u32 = 1 << 6;
pub(super) const FACILITY: u32 = 1 << 7;
pub(super) const SUFFIX: u32 = 1 << 8;
/// A word of another language (`cues.toml`, `foreign_words`) that is no English word:
/// "tiene", "llamó". Two on a line, more than its English words, make it a line in that
/// language (see `Lexicon::mark_native_lines`).
pub(super) const FOREIGN: u32 = 1 << 9;
pub(super) const PARTICLE: u32 = 1 << 10; // de, van, ul. … inside street names
pub(super) const GREETING: u32 = 1 << 11;
pub(super) const PREP: u32 = 1 << 12;
pub(super) const STATE: u32 = 1 << 13;
pub(super) const COMMON: u32 = 1 << 14; // a common first name or surname
pub(super) const NAME_PARTICLE: u32 = 1 << 15; // van, de, ten … inside names
pub(super) const VERB: u32 = 1 << 16; // a verb that follows a subject: is, spent, lives …
pub(super) const STRONG_FACILITY: u32 = 1 << 17; // hospital, clinic … (see cues.toml)
pub(super) const MODIFIER: u32 = 1 << 18; // outside, local … before a facility word
pub(super) const STRONG_TITLE: u32 = 1 << 19; // dr, mrs …: whatever follows is a name
pub(super) const STRONG_TITLE_DOT: u32 = 1 << 20; // mr., ms.: the same, with their period only
pub(super) const PHRASE_END: u32 = 1 << 21; // last word of some cue phrase: only then is a lookup worth it
pub(super) const FACILITY_NAME: u32 = 1 << 22; // memorial, regional: part of the facility's name
pub(super) const ADDRESS_CUE: u32 = 1 << 23; // address, zip …: worth running the unanchored address rules
/// First word of a place of 2, 3 or 4 words (bit `PLACE_WORDS << (k - 2)`): only those
/// phrase lengths are looked up.
pub(super) const PLACE_WORDS: u32 = 1 << 24;
// (bits 25 and 26 are PLACE_WORDS for 3 and 4 words, and 26 for more too)
/// First word of a multi-word place: any of the `PLACE_WORDS` bits.
pub(super) const PLACE_PREFIX: u32 = PLACE_WORDS * 0b111;
pub(super) const CREDENTIAL: u32 = 1 << 27; // rn, md … after a name
pub(super) const INITIAL_CUE: u32 = 1 << 28; // per, paged … before "B. Surname"
pub(super) const EPONYM_NEXT: u32 = 1 << 29; // cath, scale …: the word before is an eponym
pub(super) const UNIT: u32 = 1 << 30; // apt, suite …: opens an address unit, never part of a name
pub(super) const STREET_INTRO: u32 = 1 << 31; // on, at …: before "Rua Velkara 50"

pub(super) fn is_title(f: u32) -> bool {
    f & TITLE != 0
}
