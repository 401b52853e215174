//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// `../shared` if present. Absent: skip (return None) locally, fail under `CI=true`.
pub fn shared(what: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.join("corpus").exists() {
        return Some(p);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but ../shared is missing (needed for {what})");
    }
    eprintln!("skipping {what}: ../shared not found");
    None
}

/// A fresh temporary directory under the target dir, named for the test process (two test
/// runs at once do not share one). The directories of the same name that earlier runs left
/// are removed when their process is gone (where `/proc` says so): the accuracy tests write
/// tens of megabytes each run.
pub fn tempdir(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    remove_stale(&root, name);
    let d = root.join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("tempdir: {e}"));
    d
}

/// Remove `root/{name}-{pid}` for every pid that is no running process.
fn remove_stale(root: &std::path::Path, name: &str) {
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let prefix = format!("{name}-");
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if !std::path::Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// A server endpoint from the environment (exported by `.ci/brokers.sh`). Absent: skip
/// locally, fail under `CI=true`.
pub fn server(var: &str, what: &str) -> Option<String> {
    if let Ok(v) = std::env::var(var) {
        if !v.is_empty() {
            return Some(v);
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but {var} is not set (needed for {what}); run scripts/test.sh");
    }
    eprintln!("skipping {what}: {var} not set (scripts/test.sh starts the servers)");
    None
}

/// The Python with the third-party clients (`.ci/brokers.sh` makes it).
pub fn python() -> PathBuf {
    std::env::var("PHIGATE_PYTHON").map_or_else(
        |_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".ci/work/venv/bin/python"),
        PathBuf::from,
    )
}

/// Run a third-party client script from `tests/clients/`; panics with its stderr on failure.
pub fn client(script: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(python())
        .arg(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/clients")
                .join(script),
        )
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running {script}: {e}"));
    assert!(
        out.status.success(),
        "{script} {:?} failed: {}",
        args.first(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A phigate child process (`phigate run` when [`Phigate::start`]ed), killed when dropped.
pub struct Phigate {
    /// The child.
    pub child: std::process::Child,
    /// Its stderr log.
    pub log: PathBuf,
}

impl Phigate {
    /// Start `phigate run --config cfg` (extra args appended), logging to `log`.
    pub fn start(cfg: &std::path::Path, log: PathBuf, extra: &[&str]) -> Phigate {
        let err = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap_or_else(|e| panic!("{e}"));
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_phigate"))
            .arg("run")
            .arg("--config")
            .arg(cfg)
            .args(extra)
            .env("PHIGATE_LOG", "info,phigate::pipeline=debug")
            .stdout(std::process::Stdio::null())
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("spawning phigate: {e}"));
        Phigate { child, log }
    }

    /// Send a signal by PID (`KILL`, `TERM`, `STOP`, `CONT`).
    pub fn signal(&self, sig: &str) {
        signal(self.child.id(), sig);
    }

    /// Wait for exit, at most `secs`; panics (after killing it) on timeout.
    pub fn wait(&mut self, secs: u64) -> std::process::ExitStatus {
        let end = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            if let Ok(Some(s)) = self.child.try_wait() {
                return s;
            }
            if std::time::Instant::now() > end {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "phigate did not exit within {secs} s; log tail: {}",
                    tail(&self.log)
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Phigate {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Send a signal to a process we started.
pub fn signal(pid: u32, sig: &str) {
    let _ = std::process::Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .status();
}

/// The last lines of a log (our own logs never carry PHI).
pub fn tail(p: &std::path::Path) -> String {
    let t = std::fs::read_to_string(p).unwrap_or_default();
    let lines: Vec<&str> = t.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// A unique name for topics, groups and streams (the servers are shared).
pub fn unique(name: &str) -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() % 1_000_000_000);
    format!("{name}-{}-{t}", std::process::id())
}

/// Generated traffic written to `path`; returns (forward ids, dropped ids, quarantined lines).
pub fn traffic(
    path: &std::path::Path,
    seed: u64,
    n: usize,
) -> (
    std::collections::BTreeSet<String>,
    std::collections::BTreeSet<String>,
    usize,
    Vec<phigate::gen::Generated>,
) {
    use phigate::gen::Expect;
    let lines = phigate::gen::generate(seed, n);
    std::fs::write(
        path,
        lines
            .iter()
            .map(|g| g.line.clone() + "\n")
            .collect::<String>(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let ids = |g: &phigate::gen::Generated| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(&g.line).unwrap_or_default();
        match v {
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|e| e["id"].as_str().map(String::from))
                .collect(),
            v => v["id"].as_str().map(String::from).into_iter().collect(),
        }
    };
    let mut fwd = std::collections::BTreeSet::new();
    let mut drop = std::collections::BTreeSet::new();
    let mut q = 0;
    for g in &lines {
        match g.expect {
            Expect::Forward => fwd.extend(ids(g)),
            Expect::Drop => drop.extend(ids(g)),
            Expect::Quarantine => q += 1,
        }
    }
    (fwd, drop, q, lines)
}

/// How many distinct values planted in the forwarded `lines` occur in `hay` as tokens (not
/// inside a longer run of letters/digits), in one pass: the leak check of every end-to-end
/// test, small or large.
pub fn planted_leaks<'a>(
    hay: &str,
    lines: impl IntoIterator<Item = &'a phigate::gen::Generated>,
) -> usize {
    let needles: Vec<&str> = lines
        .into_iter()
        .filter(|g| g.expect == phigate::gen::Expect::Forward)
        .flat_map(|g| g.planted.iter().map(String::as_str))
        .collect();
    leaked_tokens(hay, &needles)
}

fn leaked_tokens(hay: &str, needles: &[&str]) -> usize {
    // distinct needles: repeated patterns make the automaton's construction quadratic
    let needles: Vec<&str> = needles
        .iter()
        .copied()
        .filter(|n| !n.is_empty())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let ac = aho_corasick::AhoCorasick::new(&needles).unwrap_or_else(|e| panic!("{e}"));
    let mut found = vec![false; needles.len()];
    for m in ac.find_overlapping_iter(hay) {
        let before = hay[..m.start()].chars().next_back();
        let after = hay[m.end()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            found[m.pattern().as_usize()] = true;
        }
    }
    found.iter().filter(|f| **f).count()
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Wait until something accepts on 127.0.0.1:`port` (a server this test started).
pub fn wait_port(port: u16, what: &str) {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < end, "{what} did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
