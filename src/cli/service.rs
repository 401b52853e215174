//! `phigate run --config FILE`, `phigate check --config FILE`, `phigate replay FILE`.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use anyhow::Context;
use base64::Engine as _;
use simd_json::prelude::*;

use crate::config::{sink_kind, source_kind, Config, SinkConfig, SourceConfig};
use crate::pipeline::{self, Summary};
use crate::sink::{FileSink, NullSink, Sink};
use crate::source::{FileSource, Source};
use crate::telemetry::Metrics;

fn open_sink(s: &SinkConfig) -> anyhow::Result<Box<dyn Sink>> {
    Ok(match s {
        SinkConfig::File { path, .. } => Box::new(FileSink::open(path)?),
        SinkConfig::Null {} => Box::new(NullSink),
        other => anyhow::bail!(
            "sink kind `{}` is not available in this build",
            sink_kind(other)
        ),
    })
}

/// `check`: validate everything and print what would run.
pub fn check(path: &Path) -> anyhow::Result<()> {
    let cfg = Config::load(path)?;
    let built = cfg.build(&path.display().to_string())?;
    let p = &built.processor;
    println!("config: {} (valid)", path.display());
    println!("source: {}", source_kind(&cfg.source));
    println!("sink: {} (profile {:?})", sink_kind(&cfg.sink), p.profile);
    println!("quarantine: {}", sink_kind(&cfg.quarantine));
    println!("policy: version {}", p.policy.version());
    println!(
        "patterns: version {}, {} regex patterns, compiled in {} ms",
        p.engine.matcher().version(),
        p.engine.matcher().patterns().len(),
        p.engine.matcher().build_time.as_millis()
    );
    println!("processing date: {}", p.today);
    for w in &built.warnings {
        println!("warning: {w}");
    }
    Ok(())
}

/// `run`: the service.
pub fn run(path: &Path, shutdown: Arc<AtomicBool>) -> anyhow::Result<Summary> {
    let cfg = Config::load(path)?;
    let built = cfg.build(&path.display().to_string())?;
    for w in &built.warnings {
        tracing::warn!(warning = w.as_str(), "Configuration warning");
    }
    let source: Box<dyn Source> = match &cfg.source {
        SourceConfig::File { paths } => Box::new(FileSource::new(paths.clone())),
        other => anyhow::bail!(
            "source kind `{}` is not available in this build",
            source_kind(other)
        ),
    };
    run_with(&cfg, built, source, shutdown)
}

fn run_with(
    cfg: &Config,
    built: crate::config::Built,
    source: Box<dyn Source>,
    shutdown: Arc<AtomicBool>,
) -> anyhow::Result<Summary> {
    let mut sink = open_sink(&cfg.sink)?;
    let mut quarantine = open_sink(&cfg.quarantine)?;
    let metrics = Metrics::new(
        built.processor.policy.products(),
        source.kind(),
        &[sink.kind(), quarantine.kind()],
    );
    metrics
        .build_info
        .with_label_values(&[
            env!("CARGO_PKG_VERSION"),
            built.processor.policy.version(),
            built.processor.engine.matcher().version(),
        ])
        .set(1);
    let stop_http = Arc::new(AtomicBool::new(false));
    if !cfg.http.listen.is_empty() {
        let addr =
            crate::telemetry::http::serve(&cfg.http.listen, metrics.clone(), stop_http.clone())
                .with_context(|| format!("binding http.listen {}", cfg.http.listen))?;
        tracing::info!(%addr, "Serving /metrics, /healthz, /readyz");
    }
    tracing::info!(
        source = source.kind(),
        sink = sink.kind(),
        policy = built.processor.policy.version(),
        patterns = built.processor.engine.matcher().version(),
        compile_ms = built.processor.engine.matcher().build_time.as_millis() as u64,
        "Pipeline starting"
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(built.workers)
        .build()?;
    let r = pool.install(|| {
        pipeline::run(
            source,
            sink.as_mut(),
            quarantine.as_mut(),
            &built.processor,
            &metrics,
            &built.run,
            shutdown,
        )
    });
    stop_http.store(true, std::sync::atomic::Ordering::Relaxed);
    let s = r?;
    tracing::info!(
        records = s.records,
        sent = s.sent,
        dropped = s.dropped,
        quarantined = s.quarantined,
        "Pipeline stopped"
    );
    Ok(s)
}

/// `replay`: quarantine records (JSONL from a quarantine sink) back through the pipeline.
/// With `--config`, output goes to the configured sinks; otherwise like `scan` to stdout.
pub fn replay(
    file: &Path,
    config: Option<&Path>,
    shutdown: Arc<AtomicBool>,
) -> anyhow::Result<Summary> {
    let f = std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    // decode into a temporary JSONL of raw records
    let tmp = std::env::temp_dir().join(format!("phigate-replay-{}.jsonl", std::process::id()));
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
            let mut line = line
                .with_context(|| format!("{}:{}", file.display(), i + 1))?
                .into_bytes();
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let v = simd_json::to_owned_value(&mut line).map_err(|_| {
                anyhow::anyhow!(
                    "{}:{}: not a quarantine record (invalid JSON)",
                    file.display(),
                    i + 1
                )
            })?;
            let raw = v.get("raw").and_then(|r| r.as_str()).ok_or_else(|| {
                anyhow::anyhow!(
                    "{}:{}: not a quarantine record (no `raw`)",
                    file.display(),
                    i + 1
                )
            })?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(raw)
                .map_err(|_| {
                    anyhow::anyhow!("{}:{}: field `raw` is not base64", file.display(), i + 1)
                })?;
            use std::io::Write;
            out.write_all(
                &bytes
                    .iter()
                    .map(|b| if *b == b'\n' { b' ' } else { *b })
                    .collect::<Vec<u8>>(),
            )?;
            out.write_all(b"\n")?;
        }
    }
    let result = match config {
        Some(c) => {
            let cfg = Config::load(c)?;
            let built = cfg.build(&c.display().to_string())?;
            run_with(
                &cfg,
                built,
                Box::new(FileSource::new(vec![tmp.clone()])),
                shutdown,
            )
        }
        None => super::scan::scan(
            &super::scan::ScanArgs {
                files: vec![tmp.clone()],
                ..Default::default()
            },
            shutdown,
        ),
    };
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Default config path helper for docs.
pub fn example_path() -> PathBuf {
    PathBuf::from("examples/local.toml")
}
