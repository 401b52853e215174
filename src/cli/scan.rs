//! `phigate scan [FILE…]`: the whole pipeline with the default policy and patterns, no config
//! (`--patterns FILE` adds a pattern file of your own).
//! Clean events to stdout, one JSON line each; bad records to `--quarantine PATH` if given;
//! a summary of counts to stderr. Exit 0 when the input was processed.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crate::pipeline::{self, Processor, Profile, RunOptions, Summary};
use crate::policy::{Date, Policy, PolicyOptions};
use crate::redact::Engine;
use crate::sink::{FileSink, NullSink, Sink};
use crate::source::FileSource;
use crate::telemetry::Metrics;

/// Options of `scan`.
#[derive(Debug, Default)]
pub struct ScanArgs {
    /// Inputs (`-` or none = stdin).
    pub files: Vec<PathBuf>,
    /// Quarantine file.
    pub quarantine: Option<PathBuf>,
    /// Output (default stdout).
    pub output: Option<PathBuf>,
    /// Worker threads (0 = cores).
    pub workers: usize,
    /// Processing date override.
    pub date: Option<Date>,
    /// Safe Harbor profile.
    pub safe_harbor: bool,
    /// Extra pattern files (`--patterns`), examples checked first.
    pub patterns: Vec<PathBuf>,
    /// Redaction off (benchmark baseline).
    pub no_redact: bool,
}

/// The default processor (embedded patterns and policy).
pub fn default_processor(today: Date, profile: Profile) -> anyhow::Result<Processor> {
    processor_with(
        Engine::embedded_default(today.year() as i32)?,
        today,
        profile,
    )
}

/// The default policy around `engine`.
fn processor_with(engine: Engine, today: Date, profile: Profile) -> anyhow::Result<Processor> {
    let policy = Policy::embedded(PolicyOptions {
        hipaa_accounts: Vec::new(),
        us_only: true,
    })?;
    Ok(Processor::new(engine, policy, profile, today))
}

/// Run `scan`.
pub fn scan(a: &ScanArgs, shutdown: Arc<AtomicBool>) -> anyhow::Result<Summary> {
    let today = a.date.unwrap_or_else(Date::today_utc);
    let profile = if a.safe_harbor {
        Profile::SafeHarbor
    } else {
        Profile::MinimumNecessary
    };
    let mut processor = if a.patterns.is_empty() {
        default_processor(today, profile)?
    } else {
        let engine = super::patterns::engine(None, &a.patterns, today.year() as i32)?;
        processor_with(engine, today, profile)?
    };
    processor.redact = !a.no_redact;
    // (stdin may stream across midnight: without --date, the day's rules follow the clock)
    processor.follow_clock = a.date.is_none();
    let files = if a.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        a.files.clone()
    };
    let source = Box::new(FileSource::new(files));
    let mut sink = FileSink::open(a.output.as_ref().unwrap_or(&PathBuf::from("-")))?;
    let mut quarantine: Box<dyn Sink> = match &a.quarantine {
        Some(p) => Box::new(FileSink::open(p)?),
        None => Box::new(NullSink),
    };
    let metrics = Metrics::new(
        processor.policy.products(),
        "file",
        &[sink.kind(), quarantine.kind()],
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.workers)
        .build()?;
    let summary = pool.install(|| {
        pipeline::run(
            source,
            pipeline::Outputs::Pair {
                sink: &mut sink,
                quarantine: quarantine.as_mut(),
            },
            &processor,
            &metrics,
            &RunOptions::default(),
            shutdown,
        )
    })?;
    Ok(summary)
}

/// The stderr summary line(s).
pub fn print_summary(s: &Summary) {
    eprintln!(
        "phigate: {} records, {} events: {} clean, {} dropped, {} quarantined, {} duplicates; {} redactions",
        s.records,
        s.events,
        s.sent,
        s.dropped,
        s.quarantined,
        s.duplicates,
        s.redactions.total()
    );
}
