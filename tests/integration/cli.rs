//! The command line as a shell pipes it: a consumer that stops reading early (`| head`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

/// Run `phigate args…`, read the first line of its stdout, close the pipe and wait (at most a
/// minute) for it to exit; returns the exit status and what it wrote to stderr.
fn read_one_line_then_close(dir: &Path, args: &[&str]) -> (ExitStatus, String) {
    let err_path = dir.join("stderr.txt");
    let err = std::fs::File::create(&err_path).unwrap_or_else(|e| panic!("{e}"));
    let child = Command::new(env!("CARGO_BIN_EXE_phigate"))
        .args(args)
        // (a backtrace would only make the assertions on stderr harder to read)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdout(Stdio::piped())
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("spawning phigate: {e}"));
    // (killed if an assertion below fails first)
    let mut p = crate::common::Phigate {
        child,
        log: err_path.clone(),
    };
    let stdout = p.child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .unwrap_or_else(|e| panic!("reading stdout: {e}"));
    // (the reader is dropped here: the pipe closes)
    assert!(
        first.starts_with('{'),
        "first line is no JSON object ({} bytes)",
        first.len()
    );
    let status = p.wait(60);
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_else(|e| panic!("{e}"));
    (status, stderr)
}

#[test]
fn commands_that_only_write_stop_quietly_when_their_reader_goes_away() {
    let dir = crate::common::tempdir("cli-pipe");
    let (status, stderr) = read_one_line_then_close(&dir, &["gen", "--count", "1000000"]);
    assert!(status.success(), "gen: {status}; stderr: {stderr}");
    assert!(stderr.is_empty(), "gen wrote to stderr: {stderr}");

    // far more output than a pipe holds, so detect is still writing when the pipe closes
    let input = dir.join("texts.jsonl");
    let lines: String = (0..50_000)
        .map(|i| {
            format!(
                "{{\"id\":{i},\"text\":\"call me at 202-555-{:04} on 3/14\"}}\n",
                i % 10_000
            )
        })
        .collect();
    std::fs::write(&input, lines).unwrap_or_else(|e| panic!("{e}"));
    let path = input.to_string_lossy().into_owned();
    let (status, stderr) = read_one_line_then_close(&dir, &["detect", &path]);
    assert!(status.success(), "detect: {status}; stderr: {stderr}");
    assert!(
        !stderr.contains("rror"),
        "detect reported an error: {stderr}"
    );
}

#[test]
fn scan_stops_at_once_and_fails_when_stdout_closes() {
    let dir = crate::common::tempdir("cli-scan-pipe");
    let input = dir.join("events.jsonl");
    let mut text = String::new();
    for g in phigate::gen::generate(5, 20_000) {
        text.push_str(&g.line);
        text.push('\n');
    }
    std::fs::write(&input, text).unwrap_or_else(|e| panic!("{e}"));
    let path = input.to_string_lossy().into_owned();
    let (status, stderr) = read_one_line_then_close(&dir, &["scan", &path]);
    // the rest of the input was not delivered: that is a failure, said once, and a closed
    // pipe is not retried (each retry waited longer, for seconds, to no end)
    assert!(
        !status.success(),
        "scan exited {status} with its output cut off"
    );
    assert!(stderr.contains("broken pipe"), "stderr: {stderr}");
    assert!(!stderr.contains("retrying"), "stderr: {stderr}");
}

/// `phigate check` prints what would run: the worker count (one per core when 0, as the
/// example has it) and the processing date, fixed when the config pins it, else today's
/// in UTC, read again before each batch.
#[test]
fn check_prints_the_workers_and_whether_the_date_follows_the_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = |config: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_phigate"))
            .args(["check", "--config"])
            .arg(config)
            .current_dir(root)
            .output()
            .unwrap_or_else(|e| panic!("spawning phigate: {e}"));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "check: {}; {stdout}", out.status);
        stdout
    };
    let example = root.join("examples/local.toml");
    let out = check(&example);
    assert!(out.contains("pipeline: one worker per core ("), "{out}");
    assert!(
        out.contains("(today in UTC, read again before each batch)"),
        "{out}"
    );
    let dir = crate::common::tempdir("cli-check");
    let pinned = dir.join("pinned.toml");
    let text = std::fs::read_to_string(&example).unwrap_or_else(|e| panic!("{e}"));
    let text = text
        .replace("workers = 0 ", "workers = 3 ")
        .replace("[policy]\n", "[policy]\nprocessing_date = \"2026-12-04\"\n");
    std::fs::write(&pinned, text).unwrap_or_else(|e| panic!("{e}"));
    let out = check(&pinned);
    assert!(
        out.contains("pipeline: 3 workers; batches of up to "),
        "{out}"
    );
    assert!(out.contains("processing date: 2026-12-04 (fixed)"), "{out}");
}
