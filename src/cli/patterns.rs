//! The pattern set of `detect` and `scan` when a deployment brings its own files.

use std::path::{Path, PathBuf};

use crate::config::{slow_opening_warnings, Config, PatternsConfig};
use crate::redact::{Engine, PatternSet};

/// The pattern set of `detect` and `scan`: the embedded one, or the `[patterns]` settings of
/// a service config, with the `--patterns` files added as `extra_files`. The examples of the
/// deployment's own patterns are checked first (see [`PatternsConfig::pattern_set`]);
/// warnings go to stderr.
fn pattern_set(config: Option<&Path>, extra: &[PathBuf]) -> anyhow::Result<PatternSet> {
    let mut settings = match config {
        Some(p) => Config::load(p)?.patterns,
        None => PatternsConfig::default(),
    };
    settings.extra_files.extend(extra.iter().cloned());
    let mut warnings = Vec::new();
    // (each message names the file and pattern it is about)
    let set = settings
        .pattern_set(&mut warnings)
        .map_err(|e| match config {
            Some(p) => anyhow::anyhow!("config {}: {e}", p.display()),
            None => anyhow::anyhow!("--patterns: {}", e.message),
        })?;
    for w in warnings {
        eprintln!("phigate: warning: {w}");
    }
    Ok(set)
}

/// The engine of `detect` and `scan`: the embedded patterns, or a config's, with `extra`
/// files added (their examples checked first), every label tagged (`year` is the one
/// `generalize` counts ages from). Warnings about its patterns go to stderr.
pub fn engine(config: Option<&Path>, extra: &[PathBuf], year: i32) -> anyhow::Result<Engine> {
    let engine = Engine::tagging(&pattern_set(config, extra)?, year)?;
    for w in slow_opening_warnings(engine.matcher()) {
        eprintln!("phigate: warning: {w}");
    }
    Ok(engine)
}
