//! `phigate run --config FILE`: the service configuration (TOML). Every key is documented
//! here and in `docs/config.md`; unknown keys are rejected. Secrets come from the environment
//! or files and never print (`Secret`'s `Debug` is `**REDACTED**`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::pipeline::{DestinationFilter, Processor, Profile, RunOptions};
use crate::policy::{Date, Policy, PolicyOptions};
use crate::redact::{Engine, HmacKey, Label, PatternSet, Secret, TransformSpec, Transforms};
use crate::sink::KeyField;
use crate::source::BatchLimits;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where raw events come from.
    pub source: SourceConfig,
    /// Where clean events go.
    pub sink: SinkConfig,
    /// Where quarantine records go (PHI: same guardrails as any sink).
    pub quarantine: SinkConfig,
    /// Runtime settings.
    #[serde(default)]
    pub pipeline: PipelineConfig,
    /// Eligibility policy settings.
    #[serde(default)]
    pub policy: PolicyConfig,
    /// Pattern set settings.
    #[serde(default)]
    pub patterns: PatternsConfig,
    /// Transform per label (`[transforms.PHONE] kind = "mask"`); unlisted labels are tagged.
    #[serde(default)]
    pub transforms: BTreeMap<String, TransformSpec>,
    /// HMAC key for `hmac` transforms.
    #[serde(default)]
    pub hmac: Option<HmacConfig>,
    /// Metrics and health endpoints.
    #[serde(default)]
    pub http: HttpConfig,
    /// Guardrails.
    #[serde(default)]
    pub security: SecurityConfig,
}

/// A source.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SourceConfig {
    /// JSONL files read in order (`-` = stdin).
    File {
        /// Paths.
        paths: Vec<PathBuf>,
    },
    /// Kafka consumer group.
    Kafka(Box<crate::kafka::KafkaSourceConfig>),
    /// Kinesis stream, every shard.
    Kinesis(Box<crate::kinesis::KinesisSourceConfig>),
}

/// A sink.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SinkConfig {
    /// JSONL file, appended (`-` = stdout).
    File {
        /// Path.
        path: PathBuf,
        /// Minimum-necessary filter.
        #[serde(default, flatten)]
        filter: DestinationFilter,
    },
    /// Discard (count only).
    Null {},
    /// Kafka producer.
    Kafka(Box<crate::kafka::KafkaSinkConfig>),
    /// Kinesis PutRecords.
    Kinesis(Box<crate::kinesis::KinesisSinkConfig>),
}

impl SinkConfig {
    /// The configured `key_field` (Kafka and Kinesis sinks only).
    fn key_field(&self) -> Option<&str> {
        match self {
            SinkConfig::Kafka(k) => k.key_field.as_deref(),
            SinkConfig::Kinesis(k) => k.key_field.as_deref(),
            _ => None,
        }
    }
}

/// Runtime settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineConfig {
    /// Redaction worker threads (0 = one per core).
    pub workers: usize,
    /// Records per batch at most.
    pub batch_max_records: usize,
    /// Payload bytes per batch at most.
    pub batch_max_bytes: usize,
    /// Wait for a batch to fill, in ms.
    pub linger_ms: u64,
    /// Batches buffered between reader and workers.
    pub queue_batches: usize,
    /// De-duplicate CloudEvent ids within this many recent ids (0 = off).
    pub dedup_window: usize,
    /// `minimum_necessary` (default) or `safe_harbor`.
    pub profile: Profile,
    /// Larger records are quarantined.
    pub max_record_bytes: usize,
    /// Sink retries before the run stops (nothing is committed past a failing batch).
    pub sink_retries: u32,
    /// `at_least_once` (default) or `exactly_once` (Kafka to Kafka on one cluster: the
    /// batch and its source offsets in one transaction).
    pub delivery: Delivery,
    /// Exactly-once: the producer's `transactional.id` (stable per replica, so a restarted
    /// replica fences its previous incarnation). Default: `phigate-<group>-<hostname>`.
    pub transactional_id: Option<String>,
    /// Records a sink refuses for good (too large, invalid) go to quarantine (`quarantine`,
    /// default) or stop the run (`stop`).
    pub on_sink_reject: OnReject,
}

/// Delivery guarantee.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Offsets after sink confirmation; a crash may repeat events.
    #[default]
    AtLeastOnce,
    /// Kafka transactions; `read_committed` consumers see every event once.
    ExactlyOnce,
}

/// What to do with records a sink refuses for good.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnReject {
    /// Quarantine them (`sink_rejected`) and go on.
    #[default]
    Quarantine,
    /// Stop the run without committing the batch.
    Stop,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            workers: 0,
            batch_max_records: 1024,
            batch_max_bytes: 4 << 20,
            linger_ms: 50,
            queue_batches: 4,
            dedup_window: 0,
            profile: Profile::MinimumNecessary,
            max_record_bytes: 1 << 20,
            sink_retries: 5,
            delivery: Delivery::AtLeastOnce,
            transactional_id: None,
            on_sink_reject: OnReject::Quarantine,
        }
    }
}

/// Policy settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyConfig {
    /// A policy file instead of the embedded one.
    pub path: Option<PathBuf>,
    /// HIPAA-designated account SIDs; when empty, start-up warns and accounts are not checked.
    pub hipaa_accounts: Vec<String>,
    /// Drop events whose end user is not a US number.
    pub us_only: bool,
    /// Processing date for dated rules (default: today, UTC). For tests and replays.
    pub processing_date: Option<Date>,
}

impl Default for PolicyConfig {
    fn default() -> Self {
        PolicyConfig {
            path: None,
            hipaa_accounts: Vec::new(),
            us_only: true,
            processing_date: None,
        }
    }
}

/// Pattern settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PatternsConfig {
    /// A patterns directory instead of the embedded one.
    pub dir: Option<PathBuf>,
    /// Extra pattern files (e.g. the deployment's MRN format).
    pub extra_files: Vec<PathBuf>,
    /// Extra dictionary entries by role (`surnames = ["/etc/phigate/staff.txt"]`).
    pub extra_dictionaries: BTreeMap<String, Vec<PathBuf>>,
}

/// What is wrong with the `[patterns]` settings: the key and the message.
#[derive(Debug, thiserror::Error)]
#[error("{key}: {message}")]
pub struct PatternsError {
    /// `patterns.dir`, `patterns.extra_files` or `patterns.extra_dictionaries`.
    pub key: &'static str,
    /// What went wrong (names files and pattern ids, never an example's text).
    pub message: String,
}

impl PatternsConfig {
    /// The pattern set these settings describe: the embedded one or `dir`, then the extra
    /// files and dictionaries. The `match` / `no_match` examples of the deployment's own
    /// patterns (every pattern of `dir`, and those of the extra files) are checked as `cargo
    /// test` checks the embedded ones: an example that fails is an error, a pattern without
    /// examples a warning (appended to `warnings`).
    pub fn pattern_set(&self, warnings: &mut Vec<String>) -> Result<PatternSet, PatternsError> {
        let err = |key: &'static str| {
            move |e: crate::redact::BuildError| PatternsError {
                key,
                message: e.to_string(),
            }
        };
        let mut set = match &self.dir {
            Some(d) => PatternSet::from_dir(d),
            None => PatternSet::embedded(),
        }
        .map_err(err("patterns.dir"))?;
        // (the embedded patterns' examples are checked by the test suite)
        let own_from = if self.dir.is_some() {
            0
        } else {
            set.patterns.len()
        };
        for f in &self.extra_files {
            set.add_file(f).map_err(err("patterns.extra_files"))?;
        }
        for (role, files) in &self.extra_dictionaries {
            for f in files {
                set.add_dictionary(role, f)
                    .map_err(err("patterns.extra_dictionaries"))?;
            }
        }
        let key = if self.dir.is_some() {
            "patterns.dir"
        } else {
            "patterns.extra_files"
        };
        let (missing, failed): (Vec<_>, Vec<_>) =
            crate::redact::example_failures(&set, own_from..set.patterns.len())
                .map_err(err(key))?
                .into_iter()
                .partition(crate::redact::ExampleFailure::is_missing);
        if !failed.is_empty() {
            let list: Vec<String> = failed.iter().map(ToString::to_string).collect();
            return Err(PatternsError {
                key,
                message: list.join("; "),
            });
        }
        warnings.extend(missing.iter().map(ToString::to_string));
        Ok(set)
    }
}

/// A start-up warning for each pattern that opens with a class repeated without bound
/// ([`Matcher::slow_openings`](crate::redact::Matcher::slow_openings)).
pub fn slow_opening_warnings(m: &crate::redact::Matcher) -> impl Iterator<Item = String> + '_ {
    m.slow_openings().iter().map(|id| {
        format!(
            "pattern {id} opens with a class repeated without bound: a long run of that class can take time quadratic in its length; bound it, as {{1,64}} (patterns/README.md)"
        )
    })
}

/// HMAC key source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HmacConfig {
    /// Key id stamped on output (`phigatehmackey`).
    pub key_id: String,
    /// Environment variable holding the key.
    pub key_env: Option<String>,
    /// File holding the key (e.g. a mounted Secret).
    pub key_file: Option<PathBuf>,
}

/// HTTP endpoints.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    /// Listen address for /metrics, /healthz, /readyz; empty = off.
    pub listen: String,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            listen: "127.0.0.1:9898".into(),
        }
    }
}

/// Guardrails.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// Allow sources and sinks without transport encryption (local testing only; warned).
    pub allow_plaintext: bool,
}

/// Config errors name the file and position or key, never secret values.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Read error.
    #[error("cannot read config {path}: {message}")]
    Io { path: String, message: String },
    /// Parse error (line/column).
    #[error("config {path}: {message}")]
    Parse { path: String, message: String },
    /// A value is invalid.
    #[error("config {path}: {key}: {message}")]
    Invalid {
        path: String,
        key: String,
        message: String,
    },
}

/// What `run` builds from a config.
pub struct Built {
    /// Shared processor.
    pub processor: Processor,
    /// Runtime options.
    pub run: RunOptions,
    /// Worker threads.
    pub workers: usize,
    /// Warnings to log at start-up.
    pub warnings: Vec<String>,
}

impl Config {
    /// Load and parse.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let p = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Io {
            path: p.clone(),
            message: e.kind().to_string(),
        })?;
        toml::from_str(&text).or_else(|e| {
            // Helm's toToml writes the integers of values.yaml as floats (`10000.0`): accept
            // integral floats, and otherwise report the first error with its position
            helm_integers(&text).ok_or_else(|| ConfigError::Parse {
                path: p,
                message: crate::redact::toml_position(&e, &text),
            })
        })
    }

    /// Validate and build the working objects.
    pub fn build(&self, path: &str) -> Result<Built, ConfigError> {
        let inv = |key: &str, message: String| ConfigError::Invalid {
            path: path.into(),
            key: key.into(),
            message,
        };
        let mut warnings = Vec::new();
        if self.security.allow_plaintext {
            warnings.push("security.allow_plaintext = true: sources and sinks may run without transport encryption".into());
        }
        let opts = PolicyOptions {
            hipaa_accounts: self.policy.hipaa_accounts.clone(),
            us_only: self.policy.us_only,
        };
        if opts.hipaa_accounts.is_empty() {
            warnings.push("policy.hipaa_accounts is not set: events of every account are accepted; subaccounts are not HIPAA-designated automatically".into());
        }
        let policy = match &self.policy.path {
            Some(p) => Policy::from_path(p, opts),
            None => Policy::embedded(opts),
        }
        .map_err(|e| inv("policy.path", e.to_string()))?;
        let set = self
            .patterns
            .pattern_set(&mut warnings)
            .map_err(|e| inv(e.key, e.message))?;
        let today = self.policy.processing_date.unwrap_or_else(Date::today_utc);
        let mut transforms = Transforms::new(
            today.year() as i32,
            set.dictionary("restricted_zip3").to_vec(),
        );
        if let Some(h) = &self.hmac {
            let key = match (&h.key_env, &h.key_file) {
                (Some(env), None) => std::env::var(env)
                    .map_err(|_| {
                        inv(
                            "hmac.key_env",
                            format!("environment variable {env} is not set"),
                        )
                    })?
                    .into_bytes(),
                (None, Some(f)) => {
                    std::fs::read(f).map_err(|e| inv("hmac.key_file", e.kind().to_string()))?
                }
                _ => return Err(inv("hmac", "set exactly one of key_env, key_file".into())),
            };
            let key: Vec<u8> = key
                .into_iter()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            if key.len() < 16 {
                return Err(inv("hmac", "the key must be at least 16 bytes".into()));
            }
            transforms.set_hmac_key(HmacKey {
                id: h.key_id.clone(),
                key: Secret(key),
            });
        }
        for (label, spec) in &self.transforms {
            let l: Label = label.parse().map_err(|e: crate::redact::UnknownLabel| {
                inv(&format!("transforms.{label}"), e.to_string())
            })?;
            transforms
                .set(l, spec.clone())
                .map_err(|e| inv(&format!("transforms.{label}"), e.to_string()))?;
        }
        let engine = Engine::new(&set, transforms).map_err(|e| inv("patterns", e.to_string()))?;
        warnings.extend(slow_opening_warnings(engine.matcher()));
        let filter = match &self.sink {
            SinkConfig::File { filter, .. } => filter.clone(),
            SinkConfig::Kafka(k) => k.filter.clone(),
            SinkConfig::Kinesis(k) => k.filter.clone(),
            _ => DestinationFilter::default(),
        };
        let p = &self.pipeline;
        if p.batch_max_records == 0 || p.batch_max_bytes == 0 {
            return Err(inv("pipeline.batch_max_records", "must be > 0".into()));
        }
        let key_field = KeyField::parse(self.sink.key_field())
            .map_err(|e| inv("sink.key_field", e.to_string()))?;
        if self.quarantine.key_field().is_some() {
            return Err(inv(
                "quarantine.key_field",
                "quarantine records have no key: only the clean sink takes a key_field".into(),
            ));
        }
        let mut processor = Processor::new(engine, policy, p.profile, today);
        processor.follow_clock = self.policy.processing_date.is_none();
        processor.filter = filter;
        processor.max_record_bytes = p.max_record_bytes;
        processor.key_field = key_field;
        let run = RunOptions {
            limits: BatchLimits {
                max_records: p.batch_max_records,
                max_bytes: p.batch_max_bytes,
                linger: Duration::from_millis(p.linger_ms),
            },
            queue_batches: p.queue_batches,
            dedup_window: p.dedup_window,
            sink_retries: p.sink_retries,
            quarantine_rejected: p.on_sink_reject == OnReject::Quarantine,
        };
        if p.delivery == Delivery::ExactlyOnce {
            match (&self.source, &self.sink, &self.quarantine) {
                (SourceConfig::Kafka(s), SinkConfig::Kafka(k), SinkConfig::Kafka(q)) => {
                    if s.connection.brokers != k.connection.brokers
                        || k.connection.brokers != q.connection.brokers
                    {
                        return Err(inv(
                            "pipeline.delivery",
                            "exactly_once needs source, sink and quarantine on the same Kafka cluster (same brokers)".into(),
                        ));
                    }
                }
                _ => {
                    return Err(inv(
                        "pipeline.delivery",
                        "exactly_once needs a Kafka source, sink and quarantine".into(),
                    ))
                }
            }
        }
        Ok(Built {
            processor,
            run,
            workers: p.workers,
            warnings,
        })
    }
}

/// The source kind name.
pub fn source_kind(s: &SourceConfig) -> &'static str {
    match s {
        SourceConfig::File { .. } => "file",
        SourceConfig::Kafka(_) => "kafka",
        SourceConfig::Kinesis(_) => "kinesis",
    }
}

/// The sink kind name.
pub fn sink_kind(s: &SinkConfig) -> &'static str {
    match s {
        SinkConfig::File { .. } => "file",
        SinkConfig::Null {} => "null",
        SinkConfig::Kafka(_) => "kafka",
        SinkConfig::Kinesis(_) => "kinesis",
    }
}

/// `text` parsed with integral floats (`10000.0`) read as integers, if that makes it a config.
fn helm_integers(text: &str) -> Option<Config> {
    fn walk(v: &mut toml::Value) -> bool {
        match v {
            toml::Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
                *v = toml::Value::Integer(*f as i64);
                true
            }
            toml::Value::Table(t) => t.iter_mut().fold(false, |a, (_, x)| walk(x) | a),
            toml::Value::Array(a) => a.iter_mut().fold(false, |a, x| walk(x) | a),
            _ => false,
        }
    }
    let mut v = toml::Value::Table(text.parse::<toml::Table>().ok()?);
    if !walk(&mut v) {
        return None;
    }
    v.try_into().ok()
}

/// This machine's host name (`HOSTNAME`, else `/etc/hostname`, else `local`): the pod name on
/// Kubernetes. Used for default transactional and lease worker ids.
pub fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "local".into())
}
