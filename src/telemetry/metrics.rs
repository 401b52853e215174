//! Every metric phigate exports, registered once with fixed label sets. The names are a
//! contract that the chart's dashboard and alerts rely on (`docs/metrics.md`). Label values
//! come from fixed sets (products from the policy file, reason codes, labels), never from
//! record content. Hot paths update pre-resolved handles once per batch.

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge,
    IntGaugeVec, Opts, Registry, TextEncoder,
};

use crate::pipeline::reason;
use crate::policy::DropReason;
use crate::redact::Label;

/// All metric handles.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    /// Raw records read, by source kind.
    pub records_received: IntCounterVec,
    /// CloudEvents decoded (array elements counted singly), by source kind.
    pub events_received: IntCounterVec,
    /// Clean events confirmed by a sink, by sink kind.
    pub events_sent: IntCounterVec,
    /// Events dropped by policy, by product and reason.
    pub events_dropped: IntCounterVec,
    /// Events quarantined, by reason.
    pub events_quarantined: IntCounterVec,
    /// Redactions, by label.
    pub redactions: IntCounterVec,
    /// Sink write failures, by sink kind.
    pub sink_errors: IntCounterVec,
    /// Source read failures, by source kind.
    pub source_errors: IntCounterVec,
    /// Processing time of one batch (decode → encode, all workers).
    pub batch_duration: Histogram,
    /// Time from read to sink confirmation, per batch (its oldest record).
    pub end_to_end_latency: Histogram,
    /// Records waiting between stages, by queue.
    pub queue_depth: IntGaugeVec,
    /// Source lag in records where known (Kafka consumer lag).
    pub source_lag_records: IntGaugeVec,
    /// Age of the last record read, in ms, where known (Kinesis iterator age).
    pub source_lag_ms: IntGaugeVec,
    /// Batches committed to the source.
    pub commits: IntCounter,
    /// Pipeline restarts after a source or sink failure (streaming sources).
    pub restarts: IntCounter,
    /// 1 when the pipeline is running and ready.
    pub ready: IntGauge,
    /// Versions in use (value 1).
    pub build_info: IntGaugeVec,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

fn counter(r: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    let c = IntCounterVec::new(Opts::new(name, help), labels)
        .unwrap_or_else(|e| panic!("metric {name}: {e}"));
    r.register(Box::new(c.clone()))
        .unwrap_or_else(|e| panic!("metric {name}: {e}"));
    c
}

fn gauge(r: &Registry, name: &str, help: &str, labels: &[&str]) -> IntGaugeVec {
    let g = IntGaugeVec::new(Opts::new(name, help), labels)
        .unwrap_or_else(|e| panic!("metric {name}: {e}"));
    r.register(Box::new(g.clone()))
        .unwrap_or_else(|e| panic!("metric {name}: {e}"));
    g
}

fn histogram(r: &Registry, name: &str, help: &str, buckets: Vec<f64>) -> Histogram {
    let h = HistogramVec::new(HistogramOpts::new(name, help).buckets(buckets), &[])
        .unwrap_or_else(|e| panic!("metric {name}: {e}"));
    r.register(Box::new(h.clone()))
        .unwrap_or_else(|e| panic!("metric {name}: {e}"));
    h.with_label_values::<&str>(&[])
}

impl Metrics {
    /// Register everything; `products` are the policy's product labels.
    #[allow(clippy::expect_used)]
    pub fn new(products: &[&'static str], source: &str, sinks: &[&str]) -> Metrics {
        let r = Registry::new();
        let m = Metrics {
            records_received: counter(
                &r,
                "phigate_records_received_total",
                "Raw records read from the source.",
                &["source"],
            ),
            events_received: counter(
                &r,
                "phigate_events_received_total",
                "CloudEvents read (array elements counted singly).",
                &["source"],
            ),
            events_sent: counter(
                &r,
                "phigate_events_sent_total",
                "Clean events confirmed by a sink.",
                &["sink"],
            ),
            events_dropped: counter(
                &r,
                "phigate_events_dropped_total",
                "Events dropped by the eligibility policy.",
                &["product", "reason"],
            ),
            events_quarantined: counter(
                &r,
                "phigate_events_quarantined_total",
                "Events or records sent to quarantine.",
                &["reason"],
            ),
            redactions: counter(
                &r,
                "phigate_redactions_total",
                "Identifiers redacted.",
                &["label"],
            ),
            sink_errors: counter(
                &r,
                "phigate_sink_errors_total",
                "Failed sink writes.",
                &["sink"],
            ),
            source_errors: counter(
                &r,
                "phigate_source_errors_total",
                "Failed source reads or commits.",
                &["source"],
            ),
            batch_duration: histogram(
                &r,
                "phigate_batch_duration_seconds",
                "Processing time of one batch.",
                prometheus::exponential_buckets(0.0005, 2.0, 16).unwrap_or_default(),
            ),
            end_to_end_latency: histogram(
                &r,
                "phigate_end_to_end_latency_seconds",
                "Time from read to sink confirmation.",
                prometheus::exponential_buckets(0.001, 2.0, 18).unwrap_or_default(),
            ),
            queue_depth: gauge(
                &r,
                "phigate_queue_depth",
                "Batches waiting between stages.",
                &["queue"],
            ),
            source_lag_records: gauge(
                &r,
                "phigate_source_lag_records",
                "Records behind the head of the source, where known.",
                &["source"],
            ),
            source_lag_ms: gauge(
                &r,
                "phigate_source_lag_milliseconds",
                "Age of the newest record read, where known.",
                &["source"],
            ),
            commits: {
                let c = IntCounter::new(
                    "phigate_source_commits_total",
                    "Acknowledgements committed to the source.",
                )
                .expect("static metric");
                r.register(Box::new(c.clone())).expect("static metric");
                c
            },
            restarts: {
                let c = IntCounter::new(
                    "phigate_restarts_total",
                    "Pipeline restarts after a source or sink failure.",
                )
                .expect("static metric");
                r.register(Box::new(c.clone())).expect("static metric");
                c
            },
            ready: {
                let g = IntGauge::new("phigate_ready", "1 when the pipeline is ready.")
                    .expect("static metric");
                r.register(Box::new(g.clone())).expect("static metric");
                g
            },
            build_info: gauge(
                &r,
                "phigate_build_info",
                "Versions in use.",
                &["version", "policy", "patterns"],
            ),
            registry: r,
        };
        // pre-register every fixed label combination, so dashboards show zeros
        m.records_received.with_label_values(&[source]);
        m.events_received.with_label_values(&[source]);
        m.source_errors.with_label_values(&[source]);
        // lag is 0 until the source reports it (files never do)
        m.source_lag_records.with_label_values(&[source]);
        m.source_lag_ms.with_label_values(&[source]);
        for s in sinks {
            m.events_sent.with_label_values(&[s]);
            m.sink_errors.with_label_values(&[s]);
        }
        for p in products {
            for d in DropReason::ALL {
                m.events_dropped.with_label_values(&[p, d.as_str()]);
            }
        }
        for q in reason::ALL {
            m.events_quarantined.with_label_values(&[q]);
        }
        for l in Label::ALL {
            m.redactions.with_label_values(&[l.as_str()]);
        }
        for q in ["source", "sink"] {
            m.queue_depth.with_label_values(&[q]);
        }
        m
    }

    /// Prometheus text format.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buf);
        String::from_utf8(buf).unwrap_or_default()
    }
}
