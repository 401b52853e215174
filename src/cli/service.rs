//! `phigate run --config FILE`, `phigate check --config FILE`, `phigate replay FILE`.

use std::io::BufRead;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use anyhow::Context;
use base64::Engine as _;
use simd_json::prelude::{ValueAsScalar, ValueObjectAccess};

use crate::config::{sink_kind, source_kind, Config, Delivery, SinkConfig, SourceConfig};
use crate::kafka::{KafkaSink, KafkaSource, KafkaTxnSink};
use crate::kinesis::{KinesisSink, KinesisSource};
use crate::pipeline::{self, Summary};
use crate::sink::{AtomicSink, FileSink, NullSink, Sink};
use crate::source::{FileSource, Source};
use crate::telemetry::Metrics;

fn open_sink(s: &SinkConfig, prefix: &str, allow_plaintext: bool) -> anyhow::Result<Box<dyn Sink>> {
    Ok(match s {
        SinkConfig::File { path, .. } => Box::new(FileSink::open(path)?),
        SinkConfig::Null {} => Box::new(NullSink),
        SinkConfig::Kafka(k) => Box::new(KafkaSink::new(k, prefix, allow_plaintext)?),
        SinkConfig::Kinesis(k) => Box::new(KinesisSink::new(k, prefix, allow_plaintext)?),
    })
}

/// Opened destinations.
enum Opened {
    Pair(Box<dyn Sink>, Box<dyn Sink>),
    Atomic(Box<dyn AtomicSink>),
}

/// Connect the source (unless one is `given`, e.g. by `replay`) and the sinks a config names.
fn open(cfg: &Config, given: Option<Box<dyn Source>>) -> anyhow::Result<(Box<dyn Source>, Opened)> {
    let ap = cfg.security.allow_plaintext;
    let exactly_once = cfg.pipeline.delivery == Delivery::ExactlyOnce;
    let source: Box<dyn Source> = match (given, &cfg.source) {
        (Some(src), _) => src,
        (None, SourceConfig::File { paths }) => Box::new(FileSource::new(paths.clone())),
        (None, SourceConfig::Kafka(k)) => {
            let ks = KafkaSource::new(k, ap, exactly_once)?;
            if exactly_once {
                let (SinkConfig::Kafka(c), SinkConfig::Kafka(q)) = (&cfg.sink, &cfg.quarantine)
                else {
                    anyhow::bail!("pipeline.delivery: exactly_once needs Kafka sinks");
                };
                let tid = cfg.pipeline.transactional_id.clone().unwrap_or_else(|| {
                    format!("phigate-{}-{}", k.group_id, crate::config::hostname())
                });
                let txn = KafkaTxnSink::new(c, q, ks.consumer(), &tid, ap)?;
                return Ok((Box::new(ks), Opened::Atomic(Box::new(txn))));
            }
            Box::new(ks)
        }
        (None, SourceConfig::Kinesis(k)) => Box::new(KinesisSource::new(k, ap)?),
    };
    Ok((
        source,
        Opened::Pair(
            open_sink(&cfg.sink, "sink", ap)?,
            open_sink(&cfg.quarantine, "quarantine", ap)?,
        ),
    ))
}

/// `check`: validate everything and print what would run.
pub fn check(path: &Path) -> anyhow::Result<()> {
    let cfg = Config::load(path)?;
    let built = cfg.build(&path.display().to_string())?;
    let p = &built.processor;
    println!("config: {} (valid)", path.display());
    println!("source: {}", source_kind(&cfg.source));
    let default_key = match &cfg.source {
        SourceConfig::Kafka(s) if s.keep_source_key => "the source key",
        SourceConfig::Kinesis(s) if s.keep_source_key => "the source key",
        _ => "id",
    };
    let key = match p.key_field.path() {
        Some(f) => format!("{f}, else {default_key}"),
        None => default_key.to_string(),
    };
    println!(
        "sink: {} (profile {:?}, records keyed by {key})",
        sink_kind(&cfg.sink),
        p.profile
    );
    println!("quarantine: {}", sink_kind(&cfg.quarantine));
    let limits = &built.run.limits;
    println!(
        "pipeline: {}; batches of up to {} records or {} bytes, {} ms linger",
        match built.workers {
            0 => format!(
                "one worker per core ({} here)",
                std::thread::available_parallelism().map_or(1, |n| n.get())
            ),
            1 => "1 worker".to_string(),
            n => format!("{n} workers"),
        },
        limits.max_records,
        limits.max_bytes,
        limits.linger.as_millis()
    );
    println!("policy: version {}", p.policy.version());
    println!(
        "patterns: version {}, {} regex patterns, compiled in {} ms",
        p.engine.matcher().version(),
        p.engine.matcher().patterns().len(),
        p.engine.matcher().build_time.as_millis()
    );
    let how = if p.follow_clock {
        "today in UTC, read again before each batch"
    } else {
        "fixed"
    };
    println!("processing date: {} ({how})", p.today());
    for w in &built.warnings {
        println!("warning: {w}");
    }
    Ok(())
}

/// Flags of `phigate run` that are not configuration.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunFlags {
    /// Benchmarks only: forward events without redaction (policy still applies).
    pub unsafe_passthrough: bool,
}

/// `run`: the service. A streaming source (Kafka, Kinesis) that fails after start-up is
/// reconnected with backoff, resuming from the last committed position; files are not
/// restarted (that would repeat them).
pub fn run(path: &Path, shutdown: Arc<AtomicBool>, flags: RunFlags) -> anyhow::Result<Summary> {
    let cfg = Config::load(path)?;
    let mut built = cfg.build(&path.display().to_string())?;
    if flags.unsafe_passthrough {
        built.processor.redact = false;
        tracing::error!(
            "--unsafe-passthrough: events are forwarded WITHOUT redaction (benchmarks only)"
        );
    }
    run_with(&cfg, built, None, shutdown)
}

fn run_with(
    cfg: &Config,
    built: crate::config::Built,
    source: Option<Box<dyn Source>>,
    shutdown: Arc<AtomicBool>,
) -> anyhow::Result<Summary> {
    for w in &built.warnings {
        tracing::warn!(warning = w.as_str(), "Configuration warning");
    }
    let metrics = Metrics::new(
        built.processor.policy.products(),
        source_kind(&cfg.source),
        &[sink_kind(&cfg.sink), sink_kind(&cfg.quarantine)],
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(built.workers)
        .build()?;
    let streaming = matches!(
        cfg.source,
        SourceConfig::Kafka(_) | SourceConfig::Kinesis(_)
    );
    let mut total = Summary::default();
    let mut given = source;
    let mut attempt = 0u32;
    let result = loop {
        let opened = open(cfg, given.take());
        let r = match opened {
            Ok((source, mut outputs)) => {
                tracing::info!(
                    source = source.kind(),
                    sink = sink_kind(&cfg.sink),
                    delivery = ?cfg.pipeline.delivery,
                    policy = built.processor.policy.version(),
                    patterns = built.processor.engine.matcher().version(),
                    compile_ms = built.processor.engine.matcher().build_time.as_millis() as u64,
                    "Pipeline starting"
                );
                let outs = match &mut outputs {
                    Opened::Pair(s, q) => pipeline::Outputs::Pair {
                        sink: s.as_mut(),
                        quarantine: q.as_mut(),
                    },
                    Opened::Atomic(a) => pipeline::Outputs::Atomic(a.as_mut()),
                };
                let r = pool.install(|| {
                    pipeline::run(
                        source,
                        outs,
                        &built.processor,
                        &metrics,
                        &built.run,
                        shutdown.clone(),
                    )
                });
                r.map_err(anyhow::Error::from)
            }
            // a config or connection error at start-up fails fast
            Err(e) if attempt == 0 => break Err(e),
            Err(e) => Err(e),
        };
        match r {
            Ok(s) => {
                total.merge(&s);
                break Ok(());
            }
            Err(e) if streaming && !shutdown.load(std::sync::atomic::Ordering::Relaxed) => {
                attempt += 1;
                metrics.restarts.inc();
                let wait = std::time::Duration::from_millis(500u64 << attempt.min(6));
                tracing::error!(error = %e, attempt, wait_ms = wait.as_millis() as u64, "Pipeline failed; reconnecting from the last committed position");
                let until = std::time::Instant::now() + wait;
                while std::time::Instant::now() < until
                    && !shutdown.load(std::sync::atomic::Ordering::Relaxed)
                {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            }
            Err(e) => break Err(e),
        }
    };
    stop_http.store(true, std::sync::atomic::Ordering::Relaxed);
    result?;
    tracing::info!(
        records = total.records,
        sent = total.sent,
        dropped = total.dropped,
        quarantined = total.quarantined,
        "Pipeline stopped"
    );
    Ok(total)
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
                Some(Box::new(FileSource::new(vec![tmp.clone()]))),
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
