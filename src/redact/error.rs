//! Errors of the engine. They name files, pattern ids and positions, never input text.

use std::path::PathBuf;

/// Building the matcher failed: a pattern file, dictionary or regex is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Io { path: PathBuf, message: String },
    /// A TOML file does not parse or has unknown keys.
    #[error("{file}: {message}")]
    Toml { file: String, message: String },
    /// A regex does not compile.
    #[error("pattern `{id}` ({file}): {message}")]
    Regex {
        id: String,
        file: String,
        message: String,
    },
    /// An automaton of all the patterns together (`(all)`, `(all, reversed)`, `(cues)`) does
    /// not compile although each pattern does alone: the union is too big.
    #[error("the automaton `{automaton}` of all patterns together: {message} (each pattern compiles alone)")]
    Union { automaton: String, message: String },
    /// A pattern references a dictionary that does not exist.
    #[error("pattern `{id}`: unknown dictionary `{dict}`")]
    UnknownDictionary { id: String, dict: String },
    /// A pattern references a fragment its file does not define.
    #[error("pattern `{id}` ({file}): unknown fragment `{fragment}`")]
    UnknownFragment {
        id: String,
        file: String,
        fragment: String,
    },
    /// Extra dictionary entries for a role nothing reads.
    #[error("unknown dictionary role `{role}`: the roles are {known}, and those a pattern names as {{{{dict:ROLE}}}}")]
    UnknownRole { role: String, known: String },
    /// Two patterns share an id.
    #[error("duplicate pattern id `{0}`")]
    DuplicateId(String),
    /// A transform is configured wrongly.
    #[error("transform for {label}: {message}")]
    Transform { label: String, message: String },
}
