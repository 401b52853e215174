//! The documentation's configs stay valid: every TOML block of `docs/config.md` and every
//! file in `examples/` parses as a phigate config (unknown keys are errors).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn toml_blocks(md: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, l) in md.lines().enumerate() {
        match (&mut cur, l.trim_start()) {
            (None, "```toml") => cur = Some((i + 2, String::new())),
            (Some(_), "```") => out.extend(cur.take()),
            (Some((_, b)), _) => {
                b.push_str(l);
                b.push('\n');
            }
            _ => {}
        }
    }
    out
}

fn parses(path: &Path) -> Result<(), String> {
    phigate::config::Config::load(path)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn docs_config_examples_parse() {
    let md = std::fs::read_to_string(root().join("docs/config.md"))
        .unwrap_or_else(|e| panic!("docs/config.md: {e}"));
    let blocks = toml_blocks(&md);
    assert!(blocks.len() >= 5, "docs/config.md has its examples");
    let dir = crate::common::tempdir("docs-config");
    for (line, b) in &blocks {
        let p = dir.join(format!("block-{line}.toml"));
        std::fs::write(&p, b).unwrap_or_else(|e| panic!("{e}"));
        if let Err(e) = parses(&p) {
            panic!("docs/config.md block at line {line}: {e}");
        }
    }
    let mut n = 0;
    for e in std::fs::read_dir(root().join("examples")).unwrap_or_else(|e| panic!("{e}")) {
        let p = e.unwrap_or_else(|e| panic!("{e}")).path();
        if p.extension().is_some_and(|x| x == "toml") {
            parses(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            n += 1;
        }
    }
    assert!(n >= 4, "examples/*.toml");
}

#[test]
fn docs_config_parser_finds_errors() {
    // the check above can fail: an unknown key in a block is reported
    let dir = crate::common::tempdir("docs-config-bad");
    let p = dir.join("bad.toml");
    std::fs::write(
        &p,
        "[source]\nkind = \"file\"\npaths = []\nbogus = 1\n[sink]\nkind = \"null\"\n[quarantine]\nkind = \"null\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let e = parses(&p).expect_err("unknown key rejected");
    assert!(e.contains("bad.toml"), "{e}");
    assert_eq!(toml_blocks("x\n```toml\na = 1\n```\n").len(), 1);
}

/// Helm's toToml renders the integers of values.yaml as floats; such configs load, while a
/// fractional value for an integer key is still an error with its line.
#[test]
fn helm_rendered_integers_load() {
    let dir = crate::common::tempdir("docs-config-helm");
    let base = "[source]\nkind = \"file\"\npaths = []\n[sink]\nkind = \"null\"\n[quarantine]\nkind = \"null\"\n[pipeline]\n";
    let p = dir.join("helm.toml");
    std::fs::write(&p, format!("{base}batch_max_records = 500.0\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let c = phigate::config::Config::load(&p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.pipeline.batch_max_records, 500);
    std::fs::write(&p, format!("{base}batch_max_records = 500.5\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let e = parses(&p).expect_err("a fraction is not a count");
    assert!(e.contains("line 9"), "{e}");
}

/// `key_field` is checked when the config is built: a PHI field, or a key field on the
/// quarantine, is an error that names its key.
#[test]
fn key_field_is_checked_at_build() {
    let dir = crate::common::tempdir("docs-config-key");
    let p = dir.join("key.toml");
    let config = |sink_key: &str, quarantine_key: &str| {
        format!(
            "[source]\nkind = \"file\"\npaths = []\n\
             [sink]\nkind = \"kafka\"\nbrokers = \"127.0.0.1:9\"\ntopic = \"clean\"\n{sink_key}\n\
             [quarantine]\nkind = \"kafka\"\nbrokers = \"127.0.0.1:9\"\ntopic = \"q\"\n{quarantine_key}\n\
             [security]\nallow_plaintext = true\n[http]\nlisten = \"\"\n"
        )
    };
    let build = |text: String| {
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        let c = phigate::config::Config::load(&p).unwrap_or_else(|e| panic!("{e}"));
        c.build(&p.display().to_string())
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    assert_eq!(build(config("key_field = \"data.accountSid\"", "")), Ok(()));
    let e = build(config("key_field = \"data.body\"", "")).expect_err("PHI field");
    assert!(e.contains("sink.key_field"), "{e}");
    let e = build(config("", "key_field = \"data.accountSid\"")).expect_err("quarantine key");
    assert!(e.contains("quarantine.key_field"), "{e}");
}

/// A deployment's pattern that opens with a class repeated without bound is built, with a
/// warning that names it (shown by `phigate check` and logged by `run`).
#[test]
fn a_pattern_opening_with_an_unbounded_class_is_warned_about() {
    let dir = crate::common::tempdir("docs-config-slow-pattern");
    let pat = dir.join("slow.toml");
    std::fs::write(
        &pat,
        "[[pattern]]\nid = \"acme.slow\"\nlabel = \"MRN\"\nregex = '[A-Z0-9]+-MRN'\nmatch = [\"AB12-MRN\"]\nno_match = [\"x\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let p = dir.join("slow-config.toml");
    std::fs::write(
        &p,
        format!(
            "[source]\nkind = \"file\"\npaths = []\n[sink]\nkind = \"null\"\n[quarantine]\nkind = \"null\"\n\
             [patterns]\nextra_files = [{:?}]\n",
            pat.display().to_string()
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let c = phigate::config::Config::load(&p).unwrap_or_else(|e| panic!("{e}"));
    let built = c
        .build(&p.display().to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let slow: Vec<&String> = built
        .warnings
        .iter()
        .filter(|w| w.contains("without bound"))
        .collect();
    assert_eq!(slow.len(), 1, "{:?}", built.warnings);
    assert!(slow[0].contains("acme.slow"), "{}", slow[0]);
}

/// The project's own paths that `text` names: markdown links (not URLs or anchors), resolved
/// from `dir`, and paths in backticks under a top-level directory of the repository, resolved
/// from the root. What the test command makes (`.ci/work/`) is left out.
fn named_paths(text: &str, dir: &Path) -> Vec<PathBuf> {
    const TOP: [&str; 9] = [
        "src/",
        "scripts/",
        "tests/",
        "patterns/",
        "docs/",
        "benches/",
        "helm/",
        "examples/",
        ".ci/",
    ];
    let mut out = Vec::new();
    for (k, _) in text.match_indices("](") {
        let rest = &text[k + 2..];
        let Some(end) = rest.find(')') else { continue };
        let target = rest[..end].split('#').next().unwrap_or("");
        if target.is_empty() || target.contains(':') || target.contains(char::is_whitespace) {
            continue;
        }
        out.push(dir.join(target));
    }
    for piece in text.split('`').skip(1).step_by(2) {
        let plain = piece
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./-".contains(&b));
        if plain && TOP.iter().any(|t| piece.starts_with(t)) && !piece.starts_with(".ci/work") {
            out.push(root().join(piece.trim_end_matches('/')));
        }
    }
    out
}

/// Every file and directory the documents name exists: a moved or renamed file leaves no
/// dangling reference in the README, the contributors' and security guides, `docs/`,
/// `benches/README.md` or `patterns/README.md`.
#[test]
fn documents_name_only_paths_that_exist() {
    let mut docs = vec![
        root().join("README.md"),
        root().join("CONTRIBUTING.md"),
        root().join("SECURITY.md"),
        root().join("benches/README.md"),
        root().join("patterns/README.md"),
    ];
    for e in std::fs::read_dir(root().join("docs")).unwrap_or_else(|e| panic!("{e}")) {
        let p = e.unwrap_or_else(|e| panic!("{e}")).path();
        if p.extension().is_some_and(|x| x == "md") {
            docs.push(p);
        }
    }
    let mut named = 0;
    for doc in &docs {
        let text =
            std::fs::read_to_string(doc).unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
        let dir = doc.parent().unwrap_or_else(|| Path::new("."));
        for p in named_paths(&text, dir) {
            assert!(
                p.exists(),
                "{} names {}, which does not exist",
                doc.display(),
                p.display()
            );
            named += 1;
        }
    }
    assert!(
        named >= 50,
        "the documents name {named} paths: the search finds them"
    );
    // and it can fail: a link and a path that do not exist are found
    let missing = named_paths("see [x](nowhere.md) and `src/nowhere.rs`", &root());
    assert_eq!(missing.len(), 2);
    assert!(missing.iter().all(|p| !p.exists()));
}
