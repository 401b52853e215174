//! Engine benchmarks: `detect` throughput on SMS- and note-length text (each one message read
//! over and over) and on a mix of different SMS-length messages, whole-event redaction (the
//! pipeline's own code for a record: parse → judge → redact every string → serialize, on
//! simd-json's tape and through the value tree), and the floor in the same run (simd-json
//! parse + serialize alone, a plain byte scan), and the two ways of finding dictionary words
//! that the engine could use: hashed token sets (what it uses) against one Aho-Corasick
//! automaton of every dictionary entry. Results: benches/README.md.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use phigate::redact::{Engine, Matcher, PatternSet, RedactStats};
use rustc_hash::FxHashMap;
use simd_json::prelude::*;

// the allocator of the `phigate` binary (src/main.rs), so the benches time the shipped build
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SMS: &str = "Hi Marisol, this is a reminder of your appointment on 3/14 with Dr. Hargreaves at 10:30. Reply C to confirm or call (202) 555-0147.";
const NOTE: &str = "Nursing progress note 0700-1900. Pt is a 67 yo woman admitted 9/3 s/p fall at home. Neuro: A&Ox3, follows commands, MAE. CV: HR 70-90 NSR, BP 110-130/60s, no ectopy. Resp: LS clear bilat, sats 95-99% on 2L NC. GI: abd soft, +BS, tolerating clears. GU: foley draining clear yellow urine. Social: husband Frank and daughter Maria visited, updated by Dr. Okonkwo. Plan: transfer to floor tomorrow if stable, PT consult. Contact daughter at 617-555-0199 with changes.";

fn messaging_event(i: usize) -> String {
    serde_json::json!({
        "specversion": "1.0", "type": "com.twilio.messaging.message.delivered",
        "source": "/2010-04-01/Accounts/ACe268443e43d93dab7ebef303bbe9642f/Messages/SM9bdab36abd4002a5ba799112841e27ee.json",
        "id": format!("EZcd3dc8b6cffb41e4163dcbd857ca{i:04}"), "dataschema": "https://events-schemas.twilio.com/Messaging.MessageStatus/8",
        "datacontenttype": "application/json", "time": "2026-05-04T15:02:11.412Z",
        "data": {"messageSid": "SM9bdab36abd4002a5ba799112841e27ee", "timestamp": "2026-05-04T15:02:11.412Z", "accountSid": "ACe268443e43d93dab7ebef303bbe9642f",
            "eventName": "com.twilio.messaging.message.delivered", "apiVersion": "2010-04-01", "from": "+12025550100", "to": "+12025550147", "messageStatus": "DELIVERED",
            "messagingServiceSid": "MGe0883e3a4ba9b1d54a7ee62972802f97", "body": SMS, "statusCallBackUrl": "https://hooks.example-clinic.test/twilio/status",
            "mnc": "260", "mcc": "310", "rawDlrDoneDate": "2605041502", "numberOfSegments": 1, "dateUpdated": "2026-05-04T15:02:11.000Z"}
    })
    .to_string()
}

/// SMS-length messages that differ from one another, as a stream's do: templates of our own
/// (no corpus text), with given names and surnames drawn from the shipped Census/SSA lists,
/// and random dates, times, numbers and phone numbers. `detect/sms` reads one message over
/// and over, which lets the CPU learn every branch of it; this mix does not.
fn sms_mix(n: usize) -> Vec<String> {
    const TEMPLATES: &[&str] = &[
        "Hi {F}, your appointment with Dr. {L} is on {D} at {T}. Reply Y to confirm or call {P}.",
        "This is {F} {L}, date of birth {D}. Can someone call me back at {P} about my refill?",
        "Reminder: {F}, your lab work is due {M} {d}. Questions? Call the clinic at {P}.",
        "{F} {L} missed the {T} visit today. Please reschedule before {D}.",
        "hey its {f} again, running late, be there around {T}",
        "Your prescription is ready for pickup at {N} {S} Street. Reply STOP to opt out.",
        "Dr. {L} asked me to tell you the results look fine. Take care, {F}",
        "Please send the forms to {f}.{l}@example.org by Friday. Thanks!",
        "my mom {F} {L} is in room {N}, can the nurse call {P} when she is awake",
        "Thank you for visiting today. Your next appointment is {M} {d} at {T} with {F} {L}, NP.",
    ];
    const MONTHS: &[&str] = &[
        "January", "March", "May", "June", "August", "October", "Dec",
    ];
    let words = |list: &'static str| -> Vec<&'static str> {
        list.lines()
            .filter(|l| {
                !l.starts_with('#') && l.len() >= 3 && l.bytes().all(|b| b.is_ascii_lowercase())
            })
            .collect()
    };
    let firsts = words(include_str!("../patterns/dicts/first_names.txt"));
    let lasts = words(include_str!("../patterns/dicts/surnames.txt"));
    let cap = |w: &str| format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
    let mut r = phigate::gen::Rng::new(7);
    (0..n)
        .map(|_| {
            let (f, l) = (r.pick(&firsts), r.pick(&lasts));
            let fields = [
                ("{F}", cap(f)),
                ("{L}", cap(l)),
                ("{f}", f.to_string()),
                ("{l}", l.to_string()),
                ("{S}", cap(r.pick(&lasts))),
                (
                    "{D}",
                    format!(
                        "{}/{}/{}",
                        1 + r.below(12),
                        1 + r.below(28),
                        1930 + r.below(90)
                    ),
                ),
                ("{T}", format!("{}:{:02}", 1 + r.below(12), 5 * r.below(12))),
                (
                    "{P}",
                    format!("({}) 555-{:04}", 201 + r.below(700), r.below(10_000)),
                ),
                ("{M}", r.pick(MONTHS).to_string()),
                ("{d}", (1 + r.below(28)).to_string()),
                ("{N}", (10 + r.below(9_000)).to_string()),
            ];
            let mut t = r.pick(TEMPLATES).to_string();
            for (k, v) in fields {
                t = t.replace(k, &v);
            }
            t
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    let mut g = c.benchmark_group("compile");
    g.sample_size(10);
    g.bench_function("matcher_build", |b| {
        b.iter(|| Matcher::build(&set).map(|m| m.patterns().len()))
    });
    g.finish();

    let engine = Engine::embedded_default(2026).unwrap_or_else(|e| panic!("{e}"));
    let mut ws = engine.worker();
    let mut g = c.benchmark_group("detect");
    for (name, text) in [("sms", SMS.to_string()), ("note", NOTE.to_string())] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| engine.detect(&text, &mut ws).len()));
    }
    let mix = sms_mix(512);
    g.throughput(Throughput::Bytes(
        mix.as_slice().iter().map(|t| t.len() as u64).sum(),
    ));
    g.bench_function("sms_mix", |b| {
        b.iter(|| {
            mix.as_slice()
                .iter()
                .map(|t| engine.detect(t, &mut ws).len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Bytes(NOTE.len() as u64));
    g.bench_function("floor_byte_scan", |b| {
        b.iter(|| NOTE.bytes().filter(|c| c.is_ascii_digit()).count())
    });
    g.finish();

    let events: Vec<String> = (0..64).map(messaging_event).collect();
    // (the floor parses as the pipeline's tree does: into a reused copy of the record, with
    // simd-json's buffers and tape kept between records, `WorkerScratch::parse`)
    let mut input: Vec<u8> = Vec::new();
    let mut g = c.benchmark_group("event");
    g.throughput(Throughput::Elements(events.len() as u64));
    // the pipeline's own code for a record (`Processor::process`, scan's defaults): parse,
    // judge (policy), redact every string, write (the record's bytes with the redacted
    // strings spliced in, and the extension attributes); on simd-json's tape, and, to
    // compare, through the value tree
    let today = "2026-11-22".parse().unwrap_or_else(|e| panic!("{e}"));
    let on_tape =
        phigate::cli::scan::default_processor(today, phigate::pipeline::Profile::MinimumNecessary)
            .unwrap_or_else(|e| panic!("{e}"));
    let mut on_tree =
        phigate::cli::scan::default_processor(today, phigate::pipeline::Profile::MinimumNecessary)
            .unwrap_or_else(|e| panic!("{e}"));
    on_tree.tape = false;
    let mut outcomes = Vec::new();
    for (name, p) in [
        ("redact_messaging_900b", &on_tape),
        ("redact_messaging_900b_tree", &on_tree),
    ] {
        let mut pws = p.engine.worker();
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut st = RedactStats::default();
                outcomes.clear();
                for e in &events {
                    p.process(e.as_bytes(), &mut pws, &mut st, &mut outcomes);
                }
                // (every event is forwarded: a clean event each)
                assert_eq!(outcomes.len(), events.len());
                st
            })
        });
    }
    // (its own buffers and tape, kept between records the same way)
    let mut floor = engine.worker();
    g.bench_function("floor_parse_serialize", |b| {
        b.iter(|| {
            let mut n = 0;
            for e in &events {
                input.clear();
                input.extend_from_slice(e.as_bytes());
                let v = floor.parse(&mut input).unwrap_or_else(|e| panic!("{e}"));
                n += v.encode().len();
            }
            n
        })
    });
    g.finish();
    // (parsed once: only the writing is timed, simd-json's and the pipeline's)
    let mut bufs: Vec<Vec<u8>> = events
        .as_slice()
        .iter()
        .map(|e| e.as_bytes().to_vec())
        .collect();
    let values: Vec<_> = bufs
        .iter_mut()
        .map(|b| simd_json::to_borrowed_value(b).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let mut g = c.benchmark_group("serialize");
    g.throughput(Throughput::Elements(events.len() as u64));
    g.bench_function("simd_json_write", |b| {
        let mut out = Vec::with_capacity(1 << 16);
        b.iter(|| {
            out.clear();
            for v in &values {
                let _ = v.write(&mut out);
            }
            out.len()
        })
    });
    g.bench_function("ours", |b| {
        let mut out = Vec::with_capacity(1 << 16);
        b.iter(|| {
            out.clear();
            for v in &values {
                phigate::pipeline::write_value(v, &mut out);
            }
            out.len()
        })
    });
    g.finish();
}

/// Every dictionary entry of the embedded set, with one role bit per dictionary.
fn dictionary_entries(set: &PatternSet) -> FxHashMap<String, u32> {
    let mut words: FxHashMap<String, u32> = FxHashMap::default();
    for (bit, list) in set.dictionaries.values().enumerate() {
        for w in list {
            *words.entry(w.to_string()).or_insert(0) |= 1 << (bit % 32);
        }
    }
    words
}

/// Hashed token sets: split the text into words (ASCII letters, digits, inner apostrophes),
/// lower-case each into a buffer and look it up. Phrases are looked up word by word the same way.
fn hashed_lookup(words: &FxHashMap<String, u32>, text: &str, buf: &mut String) -> u32 {
    let mut acc = 0u32;
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
    {
        buf.clear();
        buf.push_str(w);
        buf.make_ascii_lowercase();
        acc ^= words.get(buf.as_str()).copied().unwrap_or(0);
    }
    acc
}

/// One automaton of all entries: leftmost-longest matches, ASCII case-insensitive, kept only
/// where they are whole words.
fn aho_corasick_lookup(ac: &AhoCorasick, roles: &[u32], text: &str) -> u32 {
    let b = text.as_bytes();
    let edge = |i: usize| i == 0 || i >= b.len() || !b[i].is_ascii_alphanumeric();
    let mut acc = 0u32;
    for m in ac.find_iter(text) {
        if edge(m.start().wrapping_sub(1)) && edge(m.end()) {
            acc ^= roles[m.pattern().as_usize()];
        }
    }
    acc
}

fn dictionary_benches(c: &mut Criterion) {
    let set = PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    let words = dictionary_entries(&set);
    let (entries, roles): (Vec<&str>, Vec<u32>) =
        words.iter().map(|(w, r)| (w.as_str(), *r)).unzip();
    let build_ac = || {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&entries)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let mut g = c.benchmark_group("dictionary_build");
    g.sample_size(10);
    g.bench_function("hashed", |b| b.iter(|| dictionary_entries(&set).len()));
    g.bench_function("aho_corasick", |b| b.iter(|| build_ac().patterns_len()));
    g.finish();

    let ac = build_ac();
    let mut buf = String::new();
    let mut g = c.benchmark_group("dictionary");
    for (name, text) in [("sms", SMS), ("note", NOTE)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("hashed/{name}"), |b| {
            b.iter(|| hashed_lookup(&words, text, &mut buf))
        });
        g.bench_function(format!("aho_corasick/{name}"), |b| {
            b.iter(|| aho_corasick_lookup(&ac, &roles, text))
        });
    }
    g.finish();
}

criterion_group!(engine_benches, benches, dictionary_benches);
criterion_main!(engine_benches);
