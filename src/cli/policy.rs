//! `phigate policy explain FILE`: per event, the decision and the rule that made it.

use std::io::{BufRead, Write};
use std::path::Path;

use simd_json::prelude::{MutableObject, ValueAsScalar, ValueBuilder, ValueObjectAccess, Writable};
use simd_json::{BorrowedValue, OwnedValue};

use crate::policy::{Date, Decision, Policy};

/// Print one JSON line per event: line, index (in an array), id, decision, product, reason,
/// rule and its citation. Event ids are Twilio event SIDs, not PHI; nothing else of the
/// content is printed.
pub fn explain(
    policy: &Policy,
    today: Date,
    file: &Path,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let f = std::fs::File::open(file)
        .map_err(|e| anyhow::anyhow!("opening {}: {}", file.display(), e.kind()))?;
    for (i, line) in std::io::BufReader::new(f).split(b'\n').enumerate() {
        let mut line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let n = i + 1;
        let Ok(v) = simd_json::to_borrowed_value(&mut line) else {
            writeln!(
                out,
                "{{\"line\":{n},\"decision\":\"quarantine\",\"reason\":\"invalid_json\"}}"
            )?;
            continue;
        };
        let items: Vec<(Option<usize>, BorrowedValue<'_>)> = match v {
            BorrowedValue::Array(a) => a
                .into_iter()
                .enumerate()
                .map(|(k, e)| (Some(k), e))
                .collect(),
            e => vec![(None, e)],
        };
        for (idx, ev) in items {
            let mut o = OwnedValue::object();
            let _ = o.try_insert("line", n as u64);
            if let Some(k) = idx {
                let _ = o.try_insert("index", k as u64);
            }
            if let Some(id) = ev.get("id").and_then(|x| x.as_str()) {
                let _ = o.try_insert("id", id);
            }
            match policy.judge(&ev, today) {
                Decision::Forward { product, rule } => {
                    let _ = o.try_insert("decision", "forward");
                    let _ = o.try_insert("product", product);
                    let _ = o.try_insert("cite", policy.cite(&rule).unwrap_or(""));
                    let _ = o.try_insert("rule", rule);
                }
                Decision::Drop {
                    product,
                    reason,
                    rule,
                } => {
                    let _ = o.try_insert("decision", "drop");
                    let _ = o.try_insert("product", product);
                    let _ = o.try_insert("reason", reason.as_str());
                    let _ = o.try_insert("cite", policy.cite(&rule).unwrap_or("built-in check"));
                    let _ = o.try_insert("rule", rule);
                }
                Decision::Quarantine { reason } => {
                    let _ = o.try_insert("decision", "quarantine");
                    let _ = o.try_insert("reason", reason);
                }
            }
            writeln!(out, "{}", o.encode())?;
        }
    }
    Ok(())
}
