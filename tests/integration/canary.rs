//! Canary test: unique PHI strings sent down every path (redacted field, dropped WhatsApp
//! event, non-US event, quarantined malformed record, a failing sink, a Kafka-style record key)
//! with logs at trace level and a `/metrics` scrape. The canaries may appear only in the
//! quarantine output.

use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use base64::Engine as _;
use phigate::cli::scan::default_processor;
use phigate::pipeline::{run, Outputs, Profile, RunOptions};
use phigate::sink::{OutRecord, Sink, SinkError};
use phigate::source::{BatchLimits, Poll, Position, Record, Source, SourceError};
use phigate::telemetry::Metrics;

const CANARIES: [&str; 8] = [
    "Zqxcanaryone",
    "zqxcanarytwo",
    "zqxcanarythree",
    "zqxcanaryfour",
    "zqxcanaryfive",
    "zqxcanarysix",
    // the source key and an allowlisted header value (phone numbers) go through the engine
    "2025550199",
    "555-0148",
];

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);
impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map(|mut v| v.extend_from_slice(b)).ok();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct VecSource {
    batches: Vec<Vec<(Vec<u8>, Vec<u8>)>>,
}
impl Source for VecSource {
    fn kind(&self) -> &'static str {
        "kafka"
    }
    fn poll(&mut self, _l: &BatchLimits) -> Result<Poll, SourceError> {
        if self.batches.is_empty() {
            return Ok(Poll::End);
        }
        let b = self.batches.remove(0);
        Ok(Poll::Records(
            b.into_iter()
                .enumerate()
                .map(|(i, (payload, key))| Record {
                    payload,
                    // as a source configured with keep_source_key / headers_allow delivers them
                    key: Some(key),
                    headers: vec![("x-caller".into(), b"call +1 (202) 555-0148 now".to_vec())],
                    position: Position::Kafka {
                        topic: "events.raw".into(),
                        partition: 0,
                        offset: i as i64,
                    },
                    read_at: Instant::now(),
                })
                .collect(),
        ))
    }
    fn commit(&mut self, _d: &[Position]) -> Result<(), SourceError> {
        Ok(())
    }
}

#[derive(Default)]
struct CaptureSink(Vec<OutRecord>);
impl Sink for CaptureSink {
    fn kind(&self) -> &'static str {
        "file"
    }
    fn write_batch(&mut self, b: &[OutRecord]) -> Result<(), SinkError> {
        self.0.extend_from_slice(b);
        Ok(())
    }
}

struct FailSink;
impl Sink for FailSink {
    fn kind(&self) -> &'static str {
        "kafka"
    }
    fn write_batch(&mut self, _b: &[OutRecord]) -> Result<(), SinkError> {
        Err(SinkError::Service {
            sink: "kafka".into(),
            message: "broker unavailable".into(),
            retryable: true,
        })
    }
}

fn event(ty: &str, data: serde_json::Value, n: u32) -> Vec<u8> {
    serde_json::json!({"specversion": "1.0", "type": ty, "id": format!("EZ{n:032}"), "source": "/x", "data": data}).to_string().into_bytes()
}

#[test]
fn canaries_appear_only_in_quarantine() {
    let logs = Buf::default();
    let lw = logs.clone();
    let _ = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || lw.clone())
        .with_ansi(false)
        .try_init();

    let today = "2026-11-22".parse().unwrap_or_else(|e| panic!("{e}"));
    let processor =
        default_processor(today, Profile::MinimumNecessary).unwrap_or_else(|e| panic!("{e}"));
    let metrics = Metrics::new(processor.policy.products(), "kafka", &["file", "kafka"]);
    let stop = Arc::new(AtomicBool::new(false));
    let addr = phigate::telemetry::http::serve("127.0.0.1:0", metrics.clone(), stop.clone())
        .unwrap_or_else(|e| panic!("{e}"));

    let records = vec![
        (
            event(
                "com.twilio.messaging.message.delivered",
                serde_json::json!({"to": "+12025550147", "body": "Hi Zqxcanaryone, write to zqxcanarytwo@canary.example"}),
                1,
            ),
            b"+12025550199".to_vec(),
        ),
        (
            event(
                "com.twilio.messaging.inbound-message.received",
                serde_json::json!({"from": "whatsapp:+12025550147", "body": "zqxcanarythree"}),
                2,
            ),
            b"k2".to_vec(),
        ),
        (
            event(
                "com.twilio.messaging.message.delivered",
                serde_json::json!({"to": "+447911123456", "body": "zqxcanaryfour"}),
                3,
            ),
            b"k3".to_vec(),
        ),
        (
            b"{\"specversion\":\"1.0\",\"body\":\"zqxcanaryfive\"".to_vec(),
            b"k4".to_vec(),
        ),
    ];
    let mut clean = CaptureSink::default();
    let mut quarantine = CaptureSink::default();
    let summary = run(
        Box::new(VecSource {
            batches: vec![records],
        }),
        Outputs::Pair {
            sink: &mut clean,
            quarantine: &mut quarantine,
        },
        &processor,
        &metrics,
        &RunOptions::default(),
        Arc::new(AtomicBool::new(false)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (summary.sent, summary.dropped, summary.quarantined),
        (1, 2, 1)
    );

    // a failing sink: the run stops with an error that must not carry content
    let failing = vec![(
        event(
            "com.twilio.messaging.message.delivered",
            serde_json::json!({"to": "+12025550147", "body": "zqxcanarysix"}),
            5,
        ),
        b"k5".to_vec(),
    )];
    let mut q2 = CaptureSink::default();
    let opts = RunOptions {
        sink_retries: 1,
        ..RunOptions::default()
    };
    let err = run(
        Box::new(VecSource {
            batches: vec![failing],
        }),
        Outputs::Pair {
            sink: &mut FailSink,
            quarantine: &mut q2,
        },
        &processor,
        &metrics,
        &opts,
        Arc::new(AtomicBool::new(false)),
    )
    .err()
    .map(|e| format!("{e} {e:?}"))
    .unwrap_or_else(|| panic!("a failing sink must fail the run"));

    let scrape = {
        use std::io::Read;
        let mut s = std::net::TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
        let _ = s.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut body = String::new();
        let _ = s.read_to_string(&mut body);
        body
    };
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(scrape.contains(
        "phigate_events_dropped_total{product=\"messaging\",reason=\"channel_whatsapp\"} 1"
    ));
    assert!(scrape.contains("phigate_events_quarantined_total{reason=\"invalid_json\"} 1"));

    let clean_text: String = clean
        .0
        .iter()
        .map(|r| {
            format!(
                "{}|{}|{:?}\n",
                String::from_utf8_lossy(&r.payload),
                String::from_utf8_lossy(&r.key),
                r.headers
                    .iter()
                    .map(|(k, v)| format!("{k}={}", String::from_utf8_lossy(v)))
                    .collect::<Vec<_>>()
            )
        })
        .collect();
    let quarantine_text: String = quarantine
        .0
        .iter()
        .map(|r| {
            let v: serde_json::Value = serde_json::from_slice(&r.payload).unwrap_or_default();
            let raw = base64::engine::general_purpose::STANDARD
                .decode(v["raw"].as_str().unwrap_or_default())
                .unwrap_or_default();
            format!(
                "{}{}",
                String::from_utf8_lossy(&r.payload),
                String::from_utf8_lossy(&raw)
            )
        })
        .collect();
    let log_text =
        String::from_utf8_lossy(&logs.0.lock().map(|v| v.clone()).unwrap_or_default()).to_string();
    assert!(
        log_text.contains("Batch confirmed"),
        "trace/debug logging was captured"
    );
    for c in CANARIES {
        let lc = c.to_lowercase();
        for (place, text) in [
            ("clean output", &clean_text),
            ("logs", &log_text),
            ("metrics", &scrape),
            ("sink error", &err),
        ] {
            assert!(
                !text.to_lowercase().contains(&lc),
                "a canary reached the {place}"
            );
        }
    }
    assert!(
        clean_text.contains("x-caller="),
        "the allowlisted header reaches the clean sink (redacted)"
    );
    assert!(
        quarantine_text.contains("zqxcanaryfive"),
        "the malformed record is kept in quarantine"
    );
}
