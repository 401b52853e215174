//! File → file through the whole pipeline: generated traffic and Twilio's example events.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use phigate::cli::scan::{scan, ScanArgs};
use phigate::gen::{generate, Expect};

#[test]
fn generated_traffic_is_judged_and_redacted() {
    let dir = crate::common::tempdir("e2e-gen");
    let input = dir.join("in.jsonl");
    let out = dir.join("out.jsonl");
    let quar = dir.join("q.jsonl");
    let lines = generate(7, 1500);
    std::fs::write(
        &input,
        lines
            .iter()
            .map(|g| g.line.clone() + "\n")
            .collect::<String>(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let args = ScanArgs {
        files: vec![input],
        quarantine: Some(quar.clone()),
        output: Some(out.clone()),
        workers: 2,
        date: "2026-11-22".parse().ok(),
        ..Default::default()
    };
    let s = scan(&args, Arc::new(AtomicBool::new(false))).unwrap_or_else(|e| panic!("{e}"));
    let want = |x: Expect| lines.iter().filter(|g| g.expect == x).count() as u64;
    assert_eq!(s.sent, want(Expect::Forward));
    assert_eq!(s.dropped, want(Expect::Drop));
    assert_eq!(s.quarantined, want(Expect::Quarantine));
    let clean = std::fs::read_to_string(&out).unwrap_or_default();
    assert_eq!(clean.lines().count() as u64, s.sent);
    // no planted PHI survives, in any forwarded event
    let leaks = crate::common::planted_leaks(&clean, &lines);
    assert_eq!(leaks, 0, "planted values found in clean output");
    // non-PHI survives: every clean line keeps its id, type, SIDs and the version stamps
    for l in clean.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
        assert!(v["id"].as_str().is_some_and(|s| s.starts_with("EZ")));
        assert!(v["type"]
            .as_str()
            .is_some_and(|s| s.starts_with("com.twilio.")));
        assert!(v["phigatepolicy"].is_string() && v["phigatepatterns"].is_string());
        assert!(v["data"].get("tags").is_none(), "message tags are removed");
    }
    assert!(clean.contains("\"messageStatus\":\"DELIVERED\""));
    // quarantine lines carry reason, position and raw bytes
    let q = std::fs::read_to_string(&quar).unwrap_or_default();
    assert_eq!(q.lines().count() as u64, s.quarantined);
    for l in q.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
        assert!(["invalid_json", "unknown_type"].contains(&v["reason"].as_str().unwrap_or("")));
        assert!(v["source"]["line"].as_u64().is_some_and(|n| n >= 1));
        assert!(v["raw"].as_str().is_some_and(|r| !r.is_empty()));
    }
    // replay after a "fix": the quarantine file feeds back through the pipeline
    let replayed = phigate::cli::service::replay(&quar, None, Arc::new(AtomicBool::new(false)));
    assert!(replayed.is_ok_and(|r| r.records == s.quarantined));
}

#[test]
fn reference_examples_are_judged_and_redacted() {
    let Some(shared) = crate::common::shared("Twilio example events") else {
        return;
    };
    let dir = crate::common::tempdir("e2e-examples");
    let input = dir.join("ex.jsonl");
    let mut text = String::new();
    let mut names = Vec::new();
    for e in std::fs::read_dir(shared.join("reference/twilio/examples"))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "json") {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap_or_default())
                    .unwrap_or_else(|e| panic!("{e}"));
            text.push_str(&v.to_string());
            text.push('\n');
            names.push(e.file_name());
        }
    }
    std::fs::write(&input, &text).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("out.jsonl");
    let args = ScanArgs {
        files: vec![input],
        output: Some(out.clone()),
        workers: 1,
        date: "2026-11-22".parse().ok(),
        ..Default::default()
    };
    let s = scan(&args, Arc::new(AtomicBool::new(false))).unwrap_or_else(|e| panic!("{e}"));
    // 10 single events + a batch of 2; only the WhatsApp one is dropped
    assert_eq!(s.events, 12);
    assert_eq!(s.dropped, 1);
    assert_eq!(s.quarantined, 0);
    let clean = std::fs::read_to_string(&out).unwrap_or_default();
    for phi in [
        "+12025550147",
        "Jane",
        "Testpatient",
        "TESTPATIENT",
        "jane.testpatient@example.invalid",
        "Sample Example",
        "20001",
        "20005",
        "WASHINGTON",
        "Fakename",
    ] {
        assert!(
            !clean.contains(phi),
            "PHI example value survived (length {})",
            phi.len()
        );
    }
    for keep in [
        "SM9bdab36abd4002a5ba799112841e27ee",
        "\"messageStatus\":\"DELIVERED\"",
        "com.twilio.voice.status-callback.call.completed",
        "\"CallStatus\":\"completed\"",
        "blood sugar was 310",
    ] {
        assert!(clean.contains(keep), "non-PHI value lost: {keep}");
    }
    // the error log's nested JSON was walked: its phone and body are redacted inside the string
    assert!(clean.contains("[PHONE]") && !clean.contains("+12025550147"));
}

/// `pipeline.dedup_window`: a redelivered event (same CloudEvent `id`) is dropped and counted
/// as a duplicate; without the window it is forwarded twice.
#[test]
fn dedup_window_drops_redelivered_events() {
    let dir = crate::common::tempdir("e2e-dedup");
    let input = dir.join("in.jsonl");
    let lines = generate(11, 400);
    let again: Vec<&phigate::gen::Generated> = lines
        .iter()
        .filter(|g| g.expect == Expect::Forward && !g.line.starts_with('['))
        .take(50)
        .collect();
    let mut text: String = lines.iter().map(|g| g.line.clone() + "\n").collect();
    text.extend(again.iter().map(|g| g.line.clone() + "\n"));
    std::fs::write(&input, text).unwrap_or_else(|e| panic!("{e}"));
    let ids = |path: &std::path::Path| -> std::collections::BTreeMap<String, usize> {
        let mut m = std::collections::BTreeMap::new();
        for l in std::fs::read_to_string(path).unwrap_or_default().lines() {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
            *m.entry(v["id"].as_str().unwrap_or_default().to_string())
                .or_insert(0) += 1;
        }
        m
    };
    for window in [100_000usize, 0] {
        let out = dir.join(format!("out-{window}.jsonl"));
        let cfg = dir.join(format!("dedup-{window}.toml"));
        std::fs::write(
            &cfg,
            format!(
                "[source]\nkind = \"file\"\npaths = [\"{}\"]\n\n[sink]\nkind = \"file\"\npath = \"{}\"\n\n\
                 [quarantine]\nkind = \"null\"\n\n[pipeline]\ndedup_window = {window}\nworkers = 1\n\n\
                 [policy]\nprocessing_date = \"2026-11-22\"\n\n[http]\nlisten = \"\"\n",
                input.display(),
                out.display()
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let log = dir.join(format!("dedup-{window}.log"));
        let mut p = crate::common::Phigate::start(&cfg, log.clone(), &[]);
        assert!(p.wait(60).success(), "{}", crate::common::tail(&log));
        let seen = ids(&out);
        let twice = seen.values().filter(|c| **c > 1).count();
        if window > 0 {
            assert_eq!(twice, 0, "a redelivered event passed the dedup window");
            let summary = std::fs::read_to_string(&log).unwrap_or_default();
            assert!(
                summary.contains(&format!("{} duplicates", again.len())),
                "duplicates counted: {}",
                crate::common::tail(&log)
            );
        } else {
            assert_eq!(twice, again.len(), "without the window both copies arrive");
        }
    }
}
