//! Kinesis source and sink against a real Kinesis API server (kinesis-local, started by
//! `scripts/test.sh`), with a third-party client (boto3) putting raw events and reading the
//! clean stream.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::common::{client, server, tail, traffic, unique, Phigate};

static SERIAL: Mutex<()> = Mutex::new(());

fn write_config(dir: &Path, endpoint: &str, raw: &str, clean: &str) -> PathBuf {
    let text = format!(
        r#"
[source]
kind = "kinesis"
stream = "{raw}"
region = "us-east-1"
endpoint = "{endpoint}"
checkpoint_file = "{cp}"
poll_interval_ms = 100
shard_refresh_ms = 1000
exit_when_idle_ms = 4000

[sink]
kind = "kinesis"
stream = "{clean}"
region = "us-east-1"
endpoint = "{endpoint}"
create_stream_shards = 2

[quarantine]
kind = "file"
path = "{q}"

[pipeline]
batch_max_records = 200
workers = 1

[policy]
processing_date = "2026-11-22"

[security]
allow_plaintext = true

[http]
listen = ""
"#,
        cp = dir.join("checkpoints.json").display(),
        q = dir.join("quarantine.jsonl").display(),
    );
    let p = dir.join("phigate.toml");
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
    p
}

fn put(endpoint: &str, stream: &str, file: &Path, shards: usize) {
    client(
        "kinesis_client.py",
        &[
            "put",
            "--endpoint",
            endpoint,
            "--stream",
            stream,
            "--file",
            &file.display().to_string(),
            "--shards",
            &shards.to_string(),
        ],
    );
}

/// key → count, and all values.
fn read(
    endpoint: &str,
    stream: &str,
    out: &Path,
    expect: usize,
) -> (BTreeMap<String, usize>, String) {
    client(
        "kinesis_client.py",
        &[
            "read",
            "--endpoint",
            endpoint,
            "--stream",
            stream,
            "--out",
            &out.display().to_string(),
            "--expect-unique",
            &expect.to_string(),
            "--after",
            "2",
        ],
    );
    let mut keys = BTreeMap::new();
    let mut values = String::new();
    for l in std::fs::read_to_string(out).unwrap_or_default().lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
        *keys
            .entry(v["key"].as_str().unwrap_or_default().to_string())
            .or_insert(0) += 1;
        values.push_str(v["value"].as_str().unwrap_or_default());
        values.push('\n');
    }
    (keys, values)
}

fn run_to_idle(cfg: &Path, log: PathBuf) {
    let mut p = Phigate::start(cfg, log.clone(), &[]);
    let st = p.wait(180);
    assert!(st.success(), "phigate failed: {}", tail(&log));
}

/// Two shards; records put, then a shard split, then more records (into the children); one
/// run reads parents before children; a restart reads only what is new. Polling.
#[test]
fn kinesis_shards_resharding_and_restart() {
    resharding_and_restart(false);
}

/// The same with enhanced fan-out (`SubscribeToShard`, served by kinesis-local).
#[test]
fn kinesis_enhanced_fan_out_resharding_and_restart() {
    resharding_and_restart(true);
}

fn resharding_and_restart(efo: bool) {
    let Some(endpoint) = server("KINESIS_ENDPOINT", "Kinesis test") else {
        return;
    };
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = crate::common::tempdir(if efo { "kinesis-efo" } else { "kinesis-split" });
    let raw = unique("raw");
    let clean = unique("clean");
    let f1 = dir.join("a.jsonl");
    let f2 = dir.join("b.jsonl");
    let f3 = dir.join("c.jsonl");
    let (fwd1, drop1, _, lines1) = traffic(&f1, 41, 1200);
    let (fwd2, drop2, _, lines2) = traffic(&f2, 42, 1200);
    let (fwd3, _, _, _) = traffic(&f3, 43, 300);
    put(&endpoint, &raw, &f1, 2);
    let parent = client(
        "kinesis_client.py",
        &["split", "--endpoint", &endpoint, "--stream", &raw],
    );
    put(&endpoint, &raw, &f2, 2);
    let cfg = write_config(&dir, &endpoint, &raw, &clean);
    if efo {
        let text = std::fs::read_to_string(&cfg).unwrap_or_default().replacen(
            "\n[sink]",
            "\n[source.enhanced_fan_out]\nconsumer_name = \"phigate-test\"\n\n[sink]",
            1,
        );
        std::fs::write(&cfg, text).unwrap_or_else(|e| panic!("{e}"));
    }
    run_to_idle(&cfg, dir.join("phigate.log"));
    if efo {
        let log = std::fs::read_to_string(dir.join("phigate.log")).unwrap_or_default();
        assert!(
            log.contains("Kinesis subscription opened"),
            "records came through SubscribeToShard"
        );
    }

    let mut fwd = fwd1.clone();
    fwd.extend(fwd2.iter().cloned());
    let (keys, values) = read(&endpoint, &clean, &dir.join("clean1.jsonl"), fwd.len());
    let missing = fwd.iter().filter(|k| !keys.contains_key(*k)).count();
    assert_eq!(missing, 0, "{missing} eligible events missing");
    for d in drop1.iter().chain(drop2.iter()) {
        assert!(
            !keys.contains_key(d),
            "a non-eligible event reached the clean stream"
        );
    }
    assert_eq!(
        keys.len(),
        fwd.len(),
        "only eligible events, keyed by event id"
    );
    let leaks = crate::common::planted_leaks(&values, lines1.iter().chain(lines2.iter()));
    assert_eq!(leaks, 0, "planted PHI reached the clean stream");

    // parent before children: in processing order (the quarantine file is written batch by
    // batch), no record of the split shard comes after a record of its children
    let shards = client(
        "kinesis_client.py",
        &["shards", "--endpoint", &endpoint, "--stream", &raw],
    );
    let children: Vec<String> = shards
        .lines()
        .filter(|l| l.split_whitespace().nth(1) == Some(parent.as_str()))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    assert_eq!(children.len(), 2, "the split made two children");
    let q = std::fs::read_to_string(dir.join("quarantine.jsonl")).unwrap_or_default();
    let order: Vec<String> = q
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["source"]["shard"].as_str().map(String::from))
        .collect();
    let last_parent = order.iter().rposition(|s| *s == parent);
    let first_child = order.iter().position(|s| children.contains(s));
    assert!(last_parent.is_some() && first_child.is_some());
    assert!(
        last_parent < first_child,
        "a child shard was read before its parent was finished"
    );
    let cp = std::fs::read_to_string(dir.join("checkpoints.json")).unwrap_or_default();
    let cpv: serde_json::Value = serde_json::from_str(&cp).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        cpv["shards"][&parent]["ended"], true,
        "SHARD_END checkpointed"
    );

    // restart from the checkpoint: only the new records are processed
    put(&endpoint, &raw, &f3, 2);
    run_to_idle(&cfg, dir.join("phigate2.log"));
    let mut all = fwd.clone();
    all.extend(fwd3.iter().cloned());
    let (keys, _) = read(&endpoint, &clean, &dir.join("clean2.jsonl"), all.len());
    assert!(
        all.iter().all(|k| keys.contains_key(k)),
        "new events arrived"
    );
    let dups: usize = keys.values().map(|c| c - 1).sum();
    assert_eq!(
        dups, 0,
        "a restart from the checkpoint re-processed confirmed records"
    );
}

/// Partial `PutRecords` failures and throttling, injected by a proxy in front of the real
/// server: exactly the failed records are retried, nothing is lost or doubled.
#[test]
fn kinesis_partial_failures_and_throttling_are_retried() {
    let Some(endpoint) = server("KINESIS_ENDPOINT", "Kinesis fault test") else {
        return;
    };
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = crate::common::tempdir("kinesis-faults");
    let port = crate::common::free_port();
    let mut proxy = std::process::Command::new(crate::common::python())
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/clients/fault_proxy.py"))
        .args(["--listen", &port.to_string(), "--upstream", &endpoint])
        .args([
            "--fail-ratio",
            "0.3",
            "--throttle-every",
            "3",
            "--seed",
            "5",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting the proxy: {e}"));
    let proxy_url = format!("http://127.0.0.1:{port}");
    crate::common::wait_port(port, "proxy");
    let raw = unique("fraw");
    let clean = unique("fclean");
    let f = dir.join("a.jsonl");
    let (fwd, _, _, _) = traffic(&f, 51, 1500);
    put(&endpoint, &raw, &f, 2);
    // the source reads the real server; the sink writes through the proxy
    let cfg = write_config(&dir, &endpoint, &raw, &clean);
    let text = std::fs::read_to_string(&cfg).unwrap_or_default();
    let i = text.find("[sink]").unwrap_or(0);
    let text = format!(
        "{}{}",
        &text[..i],
        text[i..].replacen(&endpoint, &proxy_url, 1)
    );
    std::fs::write(&cfg, text).unwrap_or_else(|e| panic!("{e}"));
    run_to_idle(&cfg, dir.join("phigate.log"));
    let stats = {
        use std::io::{Read, Write};
        let mut s =
            std::net::TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("{e}"));
        let _ = s.write_all(b"GET /__stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let mut b = String::new();
        let _ = s.read_to_string(&mut b);
        b
    };
    crate::common::signal(proxy.id(), "TERM");
    let _ = proxy.wait();
    let body = stats.split("\r\n\r\n").nth(1).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        v["failed_entries"].as_u64().is_some_and(|n| n > 0),
        "faults were injected"
    );
    assert!(
        v["throttled_calls"].as_u64().is_some_and(|n| n > 0),
        "throttling was injected"
    );
    let (keys, _) = read(&endpoint, &clean, &dir.join("clean.jsonl"), fwd.len());
    assert!(
        fwd.iter().all(|k| keys.contains_key(k)),
        "failed records were retried"
    );
    assert_eq!(keys.len(), fwd.len());
    let dups: usize = keys.values().map(|c| c - 1).sum();
    assert_eq!(dups, 0, "only the failed records were retried");
}

/// A lease-mode config for one replica: the source's checkpoint file replaced by a DynamoDB
/// lease table at the same (moto) endpoint, no idle exit.
fn write_lease_config(
    dir: &Path,
    name: &str,
    endpoint: &str,
    raw: &str,
    clean: &str,
    table: &str,
) -> PathBuf {
    let sub = dir.join(name);
    std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
    let p = write_config(&sub, endpoint, raw, clean);
    let text = std::fs::read_to_string(&p).unwrap_or_default();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("checkpoint_file") && !l.starts_with("exit_when_idle_ms"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = text.replacen(
        "\n[sink]",
        &format!(
            "\n[source.leases]\ntable = \"{table}\"\ncreate_table = true\nfailover_time_ms = 2000\n\n[sink]"
        ),
        1,
    );
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
    p
}

/// The lease table as a third-party client (boto3) reads it: shard → owner.
fn lease_owners(endpoint: &str, table: &str) -> BTreeMap<String, Option<String>> {
    client(
        "kinesis_client.py",
        &["leases", "--endpoint", endpoint, "--stream", table],
    )
    .lines()
    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
    .map(|v| {
        (
            v["leaseKey"].as_str().unwrap_or_default().to_string(),
            v["leaseOwner"].as_str().map(String::from),
        )
    })
    .collect()
}

fn wait_for_owners(
    endpoint: &str,
    table: &str,
    what: &str,
    ok: impl Fn(&BTreeMap<String, usize>) -> bool,
) -> BTreeMap<String, Option<String>> {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(90);
    loop {
        let leases = lease_owners(endpoint, table);
        let mut per: BTreeMap<String, usize> = BTreeMap::new();
        for o in leases.values().flatten() {
            *per.entry(o.clone()).or_insert(0) += 1;
        }
        if ok(&per) {
            return leases;
        }
        assert!(
            std::time::Instant::now() < end,
            "{what}: leases per owner never settled: {per:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

/// Two replicas share a four-shard stream through a DynamoDB lease table (moto serves Kinesis
/// and DynamoDB); one is killed with SIGKILL, the other takes its shards over after the
/// failover time; no eligible event is lost; a clean stop gives the leases back.
#[test]
fn kinesis_leases_two_replicas_share_and_take_over() {
    let Some(endpoint) = server("MOTO_ENDPOINT", "Kinesis lease test (moto)") else {
        return;
    };
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = crate::common::tempdir("kinesis-leases");
    let raw = unique("lraw");
    let clean = unique("lclean");
    let table = unique("leases");
    let f1 = dir.join("a.jsonl");
    let f2 = dir.join("b.jsonl");
    let (fwd1, drop1, _, _) = traffic(&f1, 61, 1200);
    let (fwd2, drop2, _, _) = traffic(&f2, 62, 1200);
    put(&endpoint, &raw, &f1, 4);
    let cfg_a = write_lease_config(&dir, "a", &endpoint, &raw, &clean, &table);
    let cfg_b = write_lease_config(&dir, "b", &endpoint, &raw, &clean, &table);
    let mut a = Phigate::start(&cfg_a, dir.join("a.log"), &[]);
    let mut b = Phigate::start(&cfg_b, dir.join("b.log"), &[]);

    // the replicas split the four shards two and two
    let before = wait_for_owners(&endpoint, &table, "two replicas", |per| {
        per.len() == 2 && per.values().all(|c| *c == 2)
    });
    assert_eq!(before.len(), 4, "one lease per shard");
    let (keys, _) = read(&endpoint, &clean, &dir.join("clean1.jsonl"), fwd1.len());
    assert!(
        fwd1.iter().all(|k| keys.contains_key(k)),
        "both replicas together processed every eligible event; a: {} b: {}",
        tail(&a.log),
        tail(&b.log)
    );

    // kill one replica without a chance to give its leases back
    a.signal("KILL");
    let _ = a.wait(10);
    put(&endpoint, &raw, &f2, 4);
    let after = wait_for_owners(&endpoint, &table, "takeover", |per| {
        per.len() == 1 && per.values().all(|c| *c == 4)
    });
    let survivor = after.values().flatten().next().cloned().unwrap_or_default();
    assert!(
        before.values().flatten().any(|o| *o == survivor),
        "the surviving replica took the dead one's leases"
    );
    let mut fwd = fwd1.clone();
    fwd.extend(fwd2.iter().cloned());
    let (keys, _) = read(&endpoint, &clean, &dir.join("clean2.jsonl"), fwd.len());
    let missing = fwd.iter().filter(|k| !keys.contains_key(*k)).count();
    assert_eq!(
        missing,
        0,
        "{missing} eligible events lost in the takeover; b: {}",
        tail(&b.log)
    );
    for d in drop1.iter().chain(drop2.iter()) {
        assert!(
            !keys.contains_key(d),
            "a non-eligible event reached the clean stream"
        );
    }
    let dups: usize = keys.values().map(|c| c - 1).sum();
    eprintln!(
        "lease takeover: {} eligible, {dups} duplicates (at-least-once)",
        fwd.len()
    );

    // a clean stop writes its checkpoints and releases its leases
    b.signal("TERM");
    assert!(b.wait(60).success(), "b: {}", tail(&b.log));
    let end = lease_owners(&endpoint, &table);
    assert!(
        end.values().all(Option::is_none),
        "leases released on a clean stop: {end:?}"
    );
}
