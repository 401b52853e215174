//! The metric names and labels used by the chart's alert rules and Grafana dashboard are ones
//! a running phigate exports (scraped from the binary's /metrics), so they cannot drift.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::PathBuf;

fn scrape_running_phigate() -> String {
    let dir = crate::common::tempdir("chart-metrics");
    let cfg = dir.join("phigate.toml");
    std::fs::write(
        &cfg,
        format!(
            "[source]\nkind = \"file\"\npaths = [\"-\"]\n[sink]\nkind = \"null\"\n[quarantine]\nkind = \"file\"\npath = \"{}\"\n[http]\nlisten = \"127.0.0.1:0\"\n",
            dir.join("q.jsonl").display()
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let log = dir.join("phigate.log");
    let err = std::fs::File::create(&log).unwrap_or_else(|e| panic!("{e}"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_phigate"))
        .args(["run", "--config"])
        .arg(&cfg)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // one event through, so histograms have samples
    let line = phigate::gen::generate(1, 1)[0].line.clone() + "\n";
    if let Some(stdin) = child.stdin.as_mut() {
        let _ = stdin.write_all(line.as_bytes());
    }
    let mut addr = None;
    for _ in 0..200 {
        let t = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(i) = t.find("addr=") {
            addr = t[i + 5..].split_whitespace().next().map(String::from);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    let addr = addr.unwrap_or_else(|| panic!("no metrics address: {}", crate::common::tail(&log)));
    let mut body = String::new();
    let mut s = std::net::TcpStream::connect(&addr).unwrap_or_else(|e| panic!("{e}"));
    let _ = s.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let _ = s.read_to_string(&mut body);
    drop(child.stdin.take());
    let _ = child.wait();
    body
}

/// metric name -> label names, from the exposition text.
fn exported(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for l in text.lines().filter(|l| l.starts_with("phigate_")) {
        let name_end = l.find(['{', ' ']).unwrap_or(l.len());
        let mut name = l[..name_end].to_string();
        for suf in ["_bucket", "_sum", "_count"] {
            if let Some(b) = name.strip_suffix(suf) {
                if text.contains(&format!("# TYPE {b} histogram")) {
                    name = b.to_string();
                }
            }
        }
        let labels = m.entry(name).or_default();
        if let (Some(a), Some(b)) = (l.find('{'), l.find('}')) {
            for kv in l[a + 1..b].split(',') {
                if let Some((k, _)) = kv.split_once('=') {
                    labels.insert(k.to_string());
                }
            }
        }
        labels.insert("le".into());
    }
    m
}

#[test]
fn dashboard_and_alerts_use_exported_metrics() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("helm/phigate/files");
    let alerts =
        std::fs::read_to_string(root.join("alerts.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let dash =
        std::fs::read_to_string(root.join("dashboard.json")).unwrap_or_else(|e| panic!("{e}"));
    let metrics = exported(&scrape_running_phigate());
    assert!(metrics.len() > 10, "the scrape returned phigate metrics");
    // added by Prometheus / the Kubernetes scrape config, not by phigate
    let target_labels = ["namespace", "pod", "le"];
    let mut used = 0;
    for (what, text) in [("alerts", &alerts), ("dashboard", &dash)] {
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(off) = text[i..].find("phigate_") {
            let start = i + off;
            let mut end = start;
            while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
                end += 1;
            }
            i = end;
            let mut name = &text[start..end];
            for suf in ["_bucket", "_sum", "_count"] {
                if let Some(s) = name.strip_suffix(suf) {
                    if metrics.contains_key(s) {
                        name = s;
                    }
                }
            }
            let Some(labels) = metrics.get(name) else {
                // names that are not metrics: alert names are CamelCase, so any match is a metric
                panic!("{what} uses {name}, which phigate does not export");
            };
            used += 1;
            // labels in the selector that follows, e.g. phigate_x{reason="..."}
            if b.get(end) == Some(&b'{') {
                let close = text[end..].find('}').map_or(end, |c| end + c);
                for kv in text[end + 1..close].split(',') {
                    if let Some((k, _)) = kv.split_once(['=', '!']) {
                        let k = k.trim();
                        assert!(
                            labels.contains(k) || target_labels.contains(&k),
                            "{what}: {name} has no label {k}"
                        );
                    }
                }
            }
        }
        // every `by (...)` label is exported by some metric or added by the scrape
        for part in text.split("by (").skip(1) {
            let list = part.split(')').next().unwrap_or_default();
            for k in list.split(',').map(str::trim).filter(|k| !k.is_empty()) {
                assert!(
                    target_labels.contains(&k) || metrics.values().any(|l| l.contains(k)),
                    "{what}: grouping label {k} is not exported"
                );
            }
        }
    }
    assert!(
        used >= 15,
        "the dashboard and alerts were parsed ({used} metric uses)"
    );
}
