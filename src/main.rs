//! The `phigate` binary: parse the command line, build the working objects, run.

use std::io::{BufReader, BufWriter};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

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
    /// Detect PHI spans in JSONL {"id","text"} lines (stdin when no FILE).
    Detect {
        /// Input file (JSONL).
        file: Option<PathBuf>,
        /// Add the pattern id that produced each span.
        #[arg(long)]
        explain: bool,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Detect { file, explain } => {
            let engine = Engine::embedded_default(2026).context("building the default engine")?;
            let out = BufWriter::new(std::io::stdout().lock());
            match file {
                Some(p) => {
                    let f = std::fs::File::open(&p)
                        .with_context(|| format!("opening {}", p.display()))?;
                    phigate::cli::detect::run(&engine, BufReader::new(f), out, explain)?;
                }
                None => {
                    phigate::cli::detect::run(&engine, std::io::stdin().lock(), out, explain)?;
                }
            }
        }
    }
    Ok(())
}
