//! Accuracy regression: the engine on `../shared/corpus/dev.jsonl`, scored by the corpus's own
//! `score.py`. The char thresholds are the goal (recall 0.99, precision 0.85), which this
//! version meets on the dev corpus (0.9960 / 0.9252 on 2026-12-07, see benches/README.md);
//! the per-label ones are the measured floor of this version. Both catch regressions.

use std::io::Write;
use std::process::Command;

const MIN_RECALL_ALNUM: f64 = 0.99;
const MIN_PRECISION: f64 = 0.85;
/// Typed overlap recall per label (a gold span found with its own label): labels choose the
/// transform, so a covered SSN called DEVICE is still a bug. Floors of this version.
const MIN_TYPED_RECALL: &[(&str, f64)] = &[
    ("NAME", 0.985),
    ("ADDRESS", 0.97),
    ("DATE", 0.975),
    ("PHONE", 0.965),
    // (0.676: a town's postal code is a ZIP; the code closing a block of street lines stays
    // in its ADDRESS, as dev labels it more often)
    ("ZIP", 0.65),
    ("SSN", 0.99),
    ("EMAIL", 0.99),
    ("URL", 0.99),
    ("IP", 0.99),
    ("ACCOUNT", 0.99),
];

#[test]
fn dev_corpus_scores_above_floor() {
    let Some(shared) = crate::common::shared("the accuracy test") else {
        return;
    };
    let dev = shared.join("corpus/dev.jsonl");
    let input = std::fs::read(&dev).unwrap_or_else(|e| panic!("{e}"));
    let v = detect_and_score(&shared, "accuracy", &dev, input);
    let r = v["overall"]["char_recall_alnum"].as_f64().unwrap_or(0.0);
    let p = v["overall"]["char_precision"].as_f64().unwrap_or(0.0);
    let _ = writeln!(
        std::io::stderr(),
        "dev corpus: char_recall_alnum {r:.4}, char_precision {p:.4}"
    );
    assert!(
        r >= MIN_RECALL_ALNUM,
        "char recall (alnum) {r:.4} < {MIN_RECALL_ALNUM}"
    );
    assert!(
        p >= MIN_PRECISION,
        "char precision {p:.4} < {MIN_PRECISION}"
    );
    let low: Vec<String> = MIN_TYPED_RECALL
        .iter()
        .filter_map(|&(label, min)| {
            let got = v["per_label"][label]["overlap_r"].as_f64().unwrap_or(0.0);
            (got < min).then(|| format!("{label} {got:.3} < {min}"))
        })
        .collect();
    assert!(low.is_empty(), "typed overlap recall below floor: {low:?}");
}

/// Recall floors on dev with a third, and with all, of the name words replaced by invented
/// ones. With a third, the version of 2026-12-03 (session 28) scores 0.9922 (0.9804 before the
/// context rules for words in no list); with all, 0.9872 (0.9726 before the rules for such
/// words where case says nothing: lower case, a line in one case). Session 41's: 0.9932 and
/// 0.9888.
const MIN_RECALL_UNSEEN_NAMES: [(u64, f64); 2] = [(3, 0.990), (1, 0.986)];

/// The same with the words of places (ADDRESS spans) invented: a third of them, then all.
/// The version of session 28 scores 0.9913 and 0.9854 (session 26's, before its movement
/// phrases of clinical notes, "tx to", "med-flighted to": 0.9892 and 0.9811); session 41's,
/// with words after "at" on lines in capitals, 0.9928 and 0.9893.
const MIN_RECALL_UNSEEN_PLACES: [(u64, f64); 2] = [(3, 0.990), (1, 0.987)];

/// Words of an address that are kept when its place words are invented: street types, unit
/// words, states and countries (the project's own lists), and the fixed words of military and
/// post-box addresses and particles.
const KEPT_ADDRESS_WORDS: &[&str] = &[
    "box", "po", "dpo", "fpo", "apo", "ae", "aa", "ap", "uscgc", "usns", "usnv", "uss", "psc",
    "cmr", "unit", "nan", "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east",
    "west", "of", "the", "and", "de", "la", "le", "du", "del", "van", "von", "der", "st", "mt",
    "fort", "ft", "saint",
];

/// Names and places in no dictionary: about a quarter of dev's name words are in none, and the
/// held-out corpus has its own names and places. This test makes dev harder in that one way:
/// every third word (by a fixed pseudo-random draw), then every word, of each gold NAME span,
/// and then of each ADDRESS span (but its street types, units, states and countries), becomes
/// an invented word of syllables ("Velkaro", "BRISANKO"), in the case of the word it
/// replaces, and the gold spans move with it. A version that leans on its lists instead of
/// context falls below the floor here before it does on dev.
#[test]
fn invented_names_and_places_score_above_floor() {
    let Some(shared) = crate::common::shared("the accuracy test with invented names") else {
        return;
    };
    let dev =
        std::fs::read_to_string(shared.join("corpus/dev.jsonl")).unwrap_or_else(|e| panic!("{e}"));
    let set = phigate::redact::PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    let mut kept: std::collections::HashSet<String> =
        KEPT_ADDRESS_WORDS.iter().map(|w| w.to_string()).collect();
    for role in ["street_suffixes", "secondary_units", "states", "countries"] {
        kept.extend(
            set.dictionary(role)
                .iter()
                .flat_map(|e| e.split_whitespace())
                .map(str::to_lowercase),
        );
    }
    let runs = MIN_RECALL_UNSEEN_NAMES
        .iter()
        .map(|&(one_in, floor)| ("NAME", one_in, floor))
        .chain(
            MIN_RECALL_UNSEEN_PLACES
                .iter()
                .map(|&(one_in, floor)| ("ADDRESS", one_in, floor)),
        );
    let mut low = Vec::new();
    for (label, one_in, floor) in runs {
        let name = format!("accuracy-invented-{label}-{one_in}");
        let gold = crate::common::tempdir(&format!("{name}-gold")).join("gold.jsonl");
        let mut rng = 0x9E37_79B9_7F4A_7C15_u64;
        let mut changed = 0usize;
        let mut lines = String::new();
        let keep = |w: &str| {
            if label == "NAME" {
                NAME_KEEP.contains(&w)
            } else {
                kept.contains(w)
            }
        };
        for line in dev.lines().filter(|l| !l.trim().is_empty()) {
            let (out, n) = invent_words(line, &mut rng, one_in, label, &keep);
            changed += n;
            lines.push_str(&out);
            lines.push('\n');
        }
        assert!(changed > 200, "only {changed} {label} words replaced");
        std::fs::write(&gold, &lines).unwrap_or_else(|e| panic!("{e}"));
        let v = detect_and_score(&shared, &name, &gold, lines.into_bytes());
        let r = v["overall"]["char_recall_alnum"].as_f64().unwrap_or(0.0);
        let _ = writeln!(
            std::io::stderr(),
            "dev corpus, 1 in {one_in} {label} words invented ({changed}): char_recall_alnum {r:.4}"
        );
        if r < floor {
            low.push(format!("{label} 1 in {one_in}: {r:.4} < {floor}"));
        }
    }
    assert!(
        low.is_empty(),
        "char recall (alnum) with invented words below floor: {low:?}"
    );
}

/// Name words that stay: titles and suffixes.
const NAME_KEEP: [&str; 12] = [
    "dr", "mr", "mrs", "ms", "md", "dds", "phd", "jr", "sr", "ii", "iii", "miss",
];

/// `phigate detect` (in-process) on `input`, scored by `score.py` against `gold`.
fn detect_and_score(
    shared: &std::path::Path,
    name: &str,
    gold: &std::path::Path,
    input: Vec<u8>,
) -> serde_json::Value {
    let dir = crate::common::tempdir(name);
    let pred = dir.join("pred.jsonl");
    let engine = phigate::redact::Engine::embedded_default(2026).unwrap_or_else(|e| panic!("{e}"));
    let out = std::fs::File::create(&pred).unwrap_or_else(|e| panic!("{e}"));
    phigate::cli::detect::run(
        &engine,
        name,
        std::io::Cursor::new(input),
        std::io::BufWriter::new(out),
        false,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let json = dir.join("score.json");
    let st = Command::new("python3")
        .arg(shared.join("corpus/score.py"))
        .args(["--gold"])
        .arg(gold)
        .args(["--pred"])
        .arg(&pred)
        .args(["--pred-offsets", "bytes", "--quiet", "--json"])
        .arg(&json)
        .status()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    assert!(st.success(), "score.py failed");
    serde_json::from_str(
        &std::fs::read_to_string(&json)
            .unwrap_or_default()
            .replace("-Infinity", "null")
            .replace("NaN", "null"),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// One gold line with one in `one_in` of the words of its `label` spans (by the draw)
/// invented, but those `keep` holds (lower case); how many were.
fn invent_words(
    line: &str,
    rng: &mut u64,
    one_in: u64,
    label: &str,
    keep: &dyn Fn(&str) -> bool,
) -> (String, usize) {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mir", "ven", "tas", "bri", "dor", "el", "san", "vik", "ro", "ul", "zen",
        "quo", "bel", "gan", "hol", "ost", "nu", "dre", "sko", "vel", "tam", "pes",
    ];
    let mut next = || {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng
    };
    let mut v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
    let text: Vec<char> = v["text"].as_str().unwrap_or_default().chars().collect();
    let mut spans = v["spans"].as_array().cloned().unwrap_or_default();
    let at = |s: &serde_json::Value, k: &str| s[k].as_u64().unwrap_or(0) as usize;
    spans.sort_by_key(|s| at(s, "start"));
    if spans
        .windows(2)
        .any(|w| at(&w[1], "start") < at(&w[0], "end"))
    {
        return (line.to_string(), 0);
    }
    let (mut out, mut pos, mut n) = (Vec::with_capacity(text.len()), 0, 0);
    for s in &mut spans {
        let (a, b) = (at(s, "start"), at(s, "end"));
        out.extend_from_slice(&text[pos..a]);
        let start = out.len();
        let mut k = if s["label"] == label { a } else { b };
        out.extend_from_slice(&text[a..k]);
        while k < b {
            let word_end = (k..b).find(|&j| !text[j].is_alphabetic()).unwrap_or(b);
            if word_end == k {
                out.push(text[k]);
                k += 1;
                continue;
            }
            let word: String = text[k..word_end].iter().collect();
            let kept = word.chars().count() < 2 || keep(&word.to_lowercase());
            if kept || next() % one_in != 0 {
                out.extend(word.chars());
            } else {
                let parts = 2 + (next() % 2) as usize;
                let new: String = (0..parts)
                    .map(|_| SYLLABLES[(next() % SYLLABLES.len() as u64) as usize])
                    .collect();
                let upper = word.chars().all(|c| !c.is_lowercase());
                let lower = word.chars().next().is_some_and(char::is_lowercase);
                let new = if upper {
                    new.to_uppercase()
                } else if lower {
                    new
                } else {
                    let mut c = new.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                };
                out.extend(new.chars());
                n += 1;
            }
            k = word_end;
        }
        s["start"] = serde_json::json!(start);
        s["end"] = serde_json::json!(out.len());
        pos = b;
    }
    out.extend_from_slice(&text[pos..]);
    v["text"] = serde_json::Value::String(out.into_iter().collect());
    v["spans"] = serde_json::Value::Array(spans);
    (v.to_string(), n)
}
