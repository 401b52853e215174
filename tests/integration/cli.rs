//! The command line: as a shell pipes it (a consumer that stops reading early, `| head`),
//! what `check` prints, and pattern files of your own.

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

/// A deployment's pattern file on `detect` and `scan` (`--patterns`) and through a config's
/// `[patterns]` (`detect --config`, `check`): its identifiers are found only with it, and a
/// file whose examples fail stops the command with an error that names the pattern, the file
/// and the example's number, never the example (nor a backtrace).
#[test]
fn a_pattern_file_of_your_own_is_checked_then_used() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = crate::common::tempdir("cli-patterns");
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        p
    };
    let good = write(
        "acme.toml",
        "[[pattern]]\nid = \"mrn.acme\"\nlabel = \"MRN\"\nregex = '\\bzq\\d{6}\\b'\n\
         match = [\"see zq123456 today\"]\nno_match = [\"zq12345\"]\n",
    );
    // (its one `match` example has a letter too few for its regex: "QXZ" is no "QXZW")
    let bad = write(
        "bad.toml",
        "[[pattern]]\nid = \"mrn.bad\"\nlabel = \"MRN\"\nregex = '\\bQXZW-\\d{6}\\b'\n\
         match = [\"QXZ-987654\"]\nno_match = [\"ok\"]\n",
    );
    let texts = write(
        "texts.jsonl",
        "{\"id\":\"a\",\"text\":\"see zq123456 is ready\"}\n",
    );
    let event = write(
        "events.jsonl",
        concat!(
            r#"{"data":{"accountSid":"ACe268443e43d93dab7ebef303bbe9642f","body":"See zq123456 is ready","#,
            r#""from":"+16175555647","messageSid":"SMa658d2631454d701158f2b84030f003b","to":"+12025550100"},"#,
            r#""id":"EZ6d6722e523f9ce21a903544e1cc74aec","source":"/2010-04-01/Accounts/ACe268443e43d93dab7ebef303bbe9642f/Messages/SMce2f1f67234cf8fd7be81b99f5556576.json","#,
            r#""specversion":"1.0","time":"2026-05-04T15:02:11.412Z","type":"com.twilio.messaging.inbound-message.received"}"#,
            "\n"
        ),
    );
    let config = |name: &str, pattern_file: &Path| {
        let text = std::fs::read_to_string(root.join("examples/local.toml"))
            .unwrap_or_else(|e| panic!("{e}"))
            .replace(
                "[http]\n",
                &format!(
                    "[patterns]\nextra_files = [{:?}]\n\n[http]\n",
                    pattern_file.display().to_string()
                ),
            );
        write(name, &text)
    };
    let (good_cfg, bad_cfg) = (config("good.toml", &good), config("bad-cfg.toml", &bad));
    // (with backtraces asked for, as a shell set up for debugging asks: an error of the
    // user's input prints its message and causes, no stack of our frames)
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(env!("CARGO_BIN_EXE_phigate"))
            .args(args)
            .env("RUST_BACKTRACE", "1")
            .env_remove("RUST_LIB_BACKTRACE")
            .output()
            .unwrap_or_else(|e| panic!("spawning phigate: {e}"));
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.success(), text(&out.stdout), text(&out.stderr))
    };
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let (detect, flag, cfg) = (os("detect"), os("--patterns"), os("--config"));

    // detect: nothing without the file; an MRN with it, from a flag or a config
    let mrn = "{\"id\":\"a\",\"spans\":[{\"start\":4,\"end\":12,\"label\":\"MRN\"}]}";
    let (ok, out, _) = run(&[detect, texts.as_os_str()]);
    assert!(ok && out.trim() == "{\"id\":\"a\",\"spans\":[]}", "{out}");
    for args in [
        [detect, flag, good.as_os_str(), texts.as_os_str()],
        [detect, cfg, good_cfg.as_os_str(), texts.as_os_str()],
    ] {
        let (ok, out, err) = run(&args);
        assert!(ok, "{args:?}: {err}");
        assert_eq!(out.trim(), mrn, "{args:?}");
    }
    // scan: redacted with it, and the patterns' version says so
    let (ok, out, err) = run(&[os("scan"), event.as_os_str()]);
    assert!(ok && out.contains("See zq123456 is"), "{err}");
    let (ok, out, err) = run(&[os("scan"), flag, good.as_os_str(), event.as_os_str()]);
    assert!(ok, "{err}");
    assert!(out.contains("\"body\":\"See [MRN] is ready\""), "{out}");
    assert!(out.contains("+user\""), "{out}");
    // check: valid with the good file
    let (ok, _, err) = run(&[os("check"), cfg, good_cfg.as_os_str()]);
    assert!(ok, "{err}");

    // the bad file, by every door: an error, no output
    for args in [
        vec![detect, flag, bad.as_os_str(), texts.as_os_str()],
        vec![detect, cfg, bad_cfg.as_os_str(), texts.as_os_str()],
        vec![os("scan"), flag, bad.as_os_str(), event.as_os_str()],
        vec![os("check"), cfg, bad_cfg.as_os_str()],
    ] {
        let (ok, out, err) = run(&args);
        assert!(!ok, "{args:?} succeeded");
        assert!(out.is_empty(), "{args:?} wrote {} bytes", out.len());
        let want = "pattern `mrn.bad` (";
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(
            err.contains("bad.toml): `match` example #1 yields no span of it"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("QXZ"),
            "{args:?}: the example's text in the error"
        );
        assert!(!err.contains("acktrace"), "{args:?}: {err}");
    }
}

/// An input that cannot be read: `detect` and `scan` fail with an error that names the input
/// and the line, and `detect` still prints what it read before.
#[test]
fn an_unreadable_input_is_named_with_its_line() {
    let dir = crate::common::tempdir("cli-unreadable");
    for cmd in ["detect", "scan"] {
        let out = Command::new(env!("CARGO_BIN_EXE_phigate"))
            .arg(cmd)
            .arg(&dir)
            .env("RUST_BACKTRACE", "0")
            .output()
            .unwrap_or_else(|e| panic!("spawning phigate: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{cmd}: {}", out.status);
        let at = format!("read error at {}:1: ", dir.display());
        assert!(stderr.contains(&at), "{cmd}: {stderr}");
    }
}
