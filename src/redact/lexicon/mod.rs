//! Names and places: a tokenizer, hashed dictionaries and context rules.
//!
//! Shaped identifiers are the regex automaton's job; names and places have no shape, so this
//! detector works on word tokens. A token is looked up once (lower-cased, in `FxHashSet`s: the
//! measurements in `benches/README.md` show hashed token sets beat a 200k-pattern Aho-Corasick
//! automaton for whole-word dictionaries) and the rules then combine what is known about it:
//!
//! * a word in a name list that is not an English word ("Przybylo", "Catherine") is a name;
//! * a name that is also a word ("Will", "Hope", "Brown", "King") needs a cue: a title or
//!   relation before it ("dr king", "son bill"), an introduction ("my name is"), a neighbouring
//!   name ("Hope Brown"), or capitalisation in the middle of a mixed-case sentence;
//! * a capitalised word that is in no English word list and no clinical list ("Toskvik") is
//!   taken for a proper noun: a name, or a place when a place cue says so; inside a sentence,
//!   a word of the `vocabulary` list (drug and device names, medical words: "Xarelto") is
//!   not, unless a cue, a place preposition or a neighbouring name says so, nor is one
//!   opening a sentence before "and", one before a number ("Keppra 34" is no street) or
//!   one after a cue and an initial ("per B. Keppra"), nor a lower-case one after a title
//!   or relation word;
//! * places come from the Census place list (gated like names), from words before a facility
//!   word ("Ashgrove Hospital"), and from street shapes the regex does not know (a proper noun
//!   followed by a house number, as in most of Europe).
//!
//! Capitalisation can only add evidence: all-lower-case and ALL-CAPS lines (SMS, clinical
//! notes) are read with dictionaries and cues alone.
//!
//! # Layout
//! * `build`: the [`Lexicon`], compiled from the pattern set's dictionaries and cue lists
//!   into one word map, and the lookups the rules use; `flags` holds the word classes.
//! * `token`: the tokenizer (words, their shapes, lines and their case); `scratch`: the
//!   per-worker [`LexScratch`] it fills.
//! * `detect`: the entry point, which runs the rules in rounds and emits spans.
//! * `names`, `name_layout`, `places`, `clinical`: the rules, by what they find (names by
//!   word and context, names by where they stand, places and streets) or drop (eponyms,
//!   drugs, words in the company of words); `name_growth`: how a found name grows over its
//!   neighbours, initials and particles.

mod build;
mod clinical;
mod detect;
mod flags;
mod name_growth;
mod name_layout;
mod names;
mod places;
mod scratch;
#[cfg(test)]
mod tests;
mod token;

pub(super) use build::{Lexicon, TownOrState};
pub(super) use detect::case_changes_under;
pub(super) use scratch::LexScratch;
pub(super) use token::line_start;
