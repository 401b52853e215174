//! The `phigate` binary: parse the command line, build the working objects, run.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use phigate::cli;
use phigate::policy::{Date, Policy, PolicyOptions};
use phigate::redact::Engine;

#[derive(Parser)]
#[command(
    name = "phigate",
    version,
    about = "Makes Twilio Event Streams safe to analyse under HIPAA"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Whole pipeline with default policy and patterns: CloudEvents (or JSON arrays) in, clean
    /// events out (stdout), summary on stderr.
    Scan {
        /// Input files (stdin when none).
        files: Vec<PathBuf>,
        /// Write quarantine records here (otherwise they are only counted).
        #[arg(long)]
        quarantine: Option<PathBuf>,
        /// Worker threads (0 = one per core).
        #[arg(long, default_value_t = 0)]
        workers: usize,
        /// Processing date for dated policy rules (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<Date>,
        /// Safe Harbor output profile (dates to the year, person-linked SIDs removed).
        #[arg(long)]
        safe_harbor: bool,
        /// An extra pattern file (your MRN format, say), as [patterns] extra_files;
        /// repeatable. Its examples are checked first.
        #[arg(long = "patterns", value_name = "FILE")]
        patterns: Vec<PathBuf>,
        /// Benchmark baseline only: skip redaction (output still contains PHI!).
        #[arg(long, hide = true)]
        no_redact: bool,
    },
    /// Detect PHI spans in JSONL {"id","text"} lines (stdin when no FILE).
    Detect {
        /// Input file (JSONL).
        file: Option<PathBuf>,
        /// Add the pattern id that produced each span.
        #[arg(long)]
        explain: bool,
        /// Use the [patterns] settings of a service config (its patterns dir, extra pattern
        /// files and dictionaries) instead of the embedded patterns; the rest is not read.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// An extra pattern file (your MRN format, say), as [patterns] extra_files;
        /// repeatable. Its examples are checked first.
        #[arg(long = "patterns", value_name = "FILE")]
        patterns: Vec<PathBuf>,
    },
    /// Run the service from a config file.
    Run {
        /// TOML config.
        #[arg(long)]
        config: PathBuf,
        /// Benchmarks only: forward events without redaction (the policy still applies).
        #[arg(long, hide = true)]
        unsafe_passthrough: bool,
    },
    /// Validate a config (with its policy and patterns) and print what would run.
    Check {
        /// TOML config.
        #[arg(long)]
        config: PathBuf,
    },
    /// Feed quarantine records back through the pipeline.
    Replay {
        /// Quarantine JSONL file.
        file: PathBuf,
        /// Config (default: like `scan`, to stdout).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Generate synthetic Twilio events (JSONL) with planted PHI.
    Gen {
        /// How many lines.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Policy tools.
    Policy {
        #[command(subcommand)]
        cmd: PolicyCmd,
    },
}

#[derive(Subcommand)]
enum PolicyCmd {
    /// Per event: the decision and the rule (with its citation) that made it.
    Explain {
        /// CloudEvents JSONL.
        file: PathBuf,
        /// Policy file (default: embedded).
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Processing date (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<Date>,
    },
}

fn shutdown_flag() -> anyhow::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, flag.clone())?;
    }
    Ok(flag)
}

/// Output that ends because its reader went away (`phigate gen | head`) is no error for the
/// commands that only write to stdout: they stop quietly, as Unix filters do.
fn unless_reader_left(r: anyhow::Result<()>) -> anyhow::Result<()> {
    match r {
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(())
        }
        r => r,
    }
}

/// An error as `anyhow` prints it (the message, then "Caused by:" and each cause), without
/// the backtrace it appends when `RUST_BACKTRACE` or `RUST_LIB_BACKTRACE` is set: a
/// configuration's or an input's error is the user's to mend, and a stack of our frames
/// after it only buries the message. (A panic still prints its own, content-free, backtrace.)
fn print_error(e: &anyhow::Error) {
    let mut text = format!("Error: {e}");
    let causes: Vec<_> = e.chain().skip(1).collect();
    if let [one] = causes[..] {
        text.push_str(&format!("\n\nCaused by:\n    {one}"));
    } else if !causes.is_empty() {
        text.push_str("\n\nCaused by:");
        for (k, c) in causes.iter().enumerate() {
            text.push_str(&format!("\n    {k}: {c}"));
        }
    }
    eprintln!("{text}");
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            print_error(&e);
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    phigate::telemetry::init_logging();
    phigate::telemetry::install_panic_hook();
    match cli.cmd {
        Cmd::Scan {
            files,
            quarantine,
            workers,
            date,
            safe_harbor,
            patterns,
            no_redact,
        } => {
            let args = cli::scan::ScanArgs {
                files,
                quarantine,
                output: None,
                workers,
                date,
                safe_harbor,
                patterns,
                no_redact,
            };
            let s = cli::scan::scan(&args, shutdown_flag()?)?;
            cli::scan::print_summary(&s);
        }
        Cmd::Detect {
            file,
            explain,
            config,
            patterns,
        } => {
            let year = Date::today_utc().year() as i32;
            let engine = if config.is_none() && patterns.is_empty() {
                Engine::embedded_default(year).context("building the default engine")?
            } else {
                cli::patterns::engine(config.as_deref(), &patterns, year)?
            };
            let out = BufWriter::new(std::io::stdout().lock());
            let done = match file {
                Some(p) => {
                    let f = std::fs::File::open(&p)
                        .with_context(|| format!("opening {}", p.display()))?;
                    let name = p.display().to_string();
                    cli::detect::run(&engine, &name, BufReader::new(f), out, explain)
                }
                None => cli::detect::run(&engine, "stdin", std::io::stdin().lock(), out, explain),
            };
            unless_reader_left(done.map(drop).map_err(anyhow::Error::from))?;
        }
        Cmd::Run {
            config,
            unsafe_passthrough,
        } => {
            let s = cli::service::run(
                &config,
                shutdown_flag()?,
                cli::service::RunFlags { unsafe_passthrough },
            )?;
            cli::scan::print_summary(&s);
        }
        Cmd::Check { config } => cli::service::check(&config)?,
        Cmd::Replay { file, config } => {
            let s = cli::service::replay(&file, config.as_deref(), shutdown_flag()?)?;
            cli::scan::print_summary(&s);
        }
        Cmd::Gen { count, seed } => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let mut r = phigate::gen::Rng::new(seed);
            let written = (0..count)
                .try_for_each(|_| {
                    let g = phigate::gen::one(&mut r);
                    out.write_all(g.line.as_bytes())?;
                    out.write_all(b"\n")
                })
                .and_then(|()| out.flush());
            unless_reader_left(written.map_err(anyhow::Error::from))?;
        }
        Cmd::Policy {
            cmd: PolicyCmd::Explain { file, policy, date },
        } => {
            let opts = PolicyOptions {
                hipaa_accounts: Vec::new(),
                us_only: true,
            };
            let p = match policy {
                Some(path) => Policy::from_path(&path, opts)?,
                None => Policy::embedded(opts)?,
            };
            unless_reader_left(cli::policy::explain(
                &p,
                date.unwrap_or_else(Date::today_utc),
                &file,
                BufWriter::new(std::io::stdout().lock()),
            ))?;
        }
    }
    Ok(())
}
