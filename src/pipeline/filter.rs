//! Output shaping after redaction: the output profile and the per-sink "minimum necessary"
//! filter (field allowlist/denylist, allowed event types).

use serde::Deserialize;
use simd_json::prelude::{MutableObject, ValueBuilder, ValueObjectAccess};
use std::borrow::Cow;

use simd_json::BorrowedValue;

use crate::policy::get_path;

/// What the clean stream keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Envelope, SIDs and timestamps kept; PHI redacted (for HIPAA-compliant sinks).
    #[default]
    MinimumNecessary,
    /// Also every date (envelope `time` included) generalised to the year, and SIDs that link
    /// to a person removed.
    SafeHarbor,
}

/// Per-sink filter, from config.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DestinationFilter {
    /// If set, only these dotted paths (e.g. `data.messageStatus`) are kept, plus the envelope.
    #[serde(default)]
    pub fields_allow: Option<Vec<String>>,
    /// Dotted paths removed.
    #[serde(default)]
    pub fields_deny: Vec<String>,
    /// If set, only events whose type starts with one of these are written (others dropped as
    /// `type_not_allowed`).
    #[serde(default)]
    pub types: Option<Vec<String>>,
}

/// The CloudEvents attributes an allowlist always keeps. (phigate's own extension
/// attributes are written after the filter: see `Processor`.)
const ENVELOPE: &[&str] = &[
    "specversion",
    "type",
    "source",
    "id",
    "dataschema",
    "datacontenttype",
    "time",
];

impl DestinationFilter {
    /// Does the sink accept this type?
    pub fn accepts(&self, ty: &str) -> bool {
        self.types
            .as_ref()
            .is_none_or(|ts| ts.iter().any(|t| ty.starts_with(t.as_str())))
    }

    /// Does [`DestinationFilter::apply`] change events (an allow- or denylist)?
    pub fn reshapes(&self) -> bool {
        !self.fields_deny.is_empty() || self.fields_allow.is_some()
    }

    /// Apply allow/deny to an event: `true` when it has either, and so may have removed or
    /// moved members.
    pub fn apply(&self, ev: &mut BorrowedValue<'_>) -> bool {
        for p in &self.fields_deny {
            remove_path(ev, p);
        }
        if let Some(allow) = &self.fields_allow {
            let mut kept = BorrowedValue::object();
            for k in ENVELOPE {
                if let Some(v) = ev.get(*k) {
                    let _ = kept.try_insert(*k, v.clone());
                }
            }
            for p in allow {
                if let Some(v) = get_path(&*ev, p) {
                    set_path(&mut kept, p, v.clone());
                }
            }
            *ev = kept;
        }
        self.reshapes()
    }
}

fn set_path<'v>(root: &mut BorrowedValue<'v>, path: &str, val: BorrowedValue<'v>) {
    let parts: Vec<&str> = path.split('.').collect();
    let mut cur = root;
    for (i, part) in parts.iter().enumerate() {
        let BorrowedValue::Object(o) = cur else {
            return;
        };
        if i + 1 == parts.len() {
            o.insert(Cow::Owned((*part).to_string()), val);
            return;
        }
        if !o.contains_key(*part) {
            o.insert(Cow::Owned((*part).to_string()), BorrowedValue::object());
        }
        let Some(next) = o.get_mut(*part) else { return };
        cur = next;
    }
}

fn remove_path(root: &mut BorrowedValue<'_>, path: &str) {
    let (head, last) = match path.rsplit_once('.') {
        Some((h, l)) => (Some(h), l),
        None => (None, path),
    };
    let mut cur = root;
    if let Some(h) = head {
        for part in h.split('.') {
            let BorrowedValue::Object(o) = cur else {
                return;
            };
            let Some(next) = o.get_mut(part) else { return };
            cur = next;
        }
    }
    if let BorrowedValue::Object(o) = cur {
        o.remove(last);
    }
}

/// Safe Harbor profile: dates to the year, person-linked SIDs removed, SIDs in `source`
/// replaced.
pub fn safe_harbor(ev: &mut BorrowedValue<'_>) {
    fn walk(v: &mut BorrowedValue<'_>, depth: usize) {
        if depth > 64 {
            return;
        }
        match v {
            BorrowedValue::Object(o) => {
                let sid_keys: Vec<String> = o
                    .keys()
                    .filter(|k| is_sid_key(k))
                    .map(|k| k.to_string())
                    .collect();
                for k in sid_keys {
                    o.remove(k.as_str());
                }
                for (_, val) in o.iter_mut() {
                    walk(val, depth + 1);
                }
            }
            BorrowedValue::Array(a) => a.iter_mut().for_each(|x| walk(x, depth + 1)),
            BorrowedValue::String(s) => {
                if let Some(y) = timestamp_year(s) {
                    *s = Cow::Owned(y);
                }
            }
            BorrowedValue::Static(_) => {}
        }
    }
    if let BorrowedValue::Object(o) = ev {
        if let Some(BorrowedValue::String(t)) = o.get_mut("time") {
            if let Some(y) = timestamp_year(t) {
                *t = Cow::Owned(y);
            }
        }
        if let Some(BorrowedValue::String(s)) = o.get_mut("source") {
            *s = Cow::Owned(replace_sids(s));
        }
        if let Some(d) = o.get_mut("data") {
            walk(d, 0);
        }
    }
}

fn is_sid_key(k: &str) -> bool {
    let l = k.to_ascii_lowercase();
    (l.ends_with("sid") || l.ends_with("_sid"))
        && !l.starts_with("account")
        && !l.contains("service")
        && !l.starts_with("workspace")
        && !l.starts_with("flow")
}

/// `2026-05-04T15:02:11Z`, `Mon, 04 May 2026 17:20:45 +0000`, `2605041502` → the year.
fn timestamp_year(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
        return Some(s[..4].to_string());
    }
    if b.len() >= 25 && b.len() <= 31 && b[3] == b',' {
        let y = s.split_whitespace().nth(3)?;
        if y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()) {
            return Some(y.to_string());
        }
    }
    None
}

fn replace_sids(s: &str) -> String {
    s.split('/')
        .map(|seg| {
            let base = seg.trim_end_matches(".json");
            let b = base.as_bytes();
            if b.len() == 34
                && b[..2].iter().all(u8::is_ascii_uppercase)
                && b[2..].iter().all(u8::is_ascii_hexdigit)
                && !base.starts_with("AC")
            {
                "[SID]".to_string()
            } else {
                seg.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_and_sids() {
        assert_eq!(
            timestamp_year("2026-05-04T15:02:11.412Z").as_deref(),
            Some("2026")
        );
        assert_eq!(
            timestamp_year("Mon, 04 May 2026 17:20:45 +0000").as_deref(),
            Some("2026")
        );
        assert_eq!(timestamp_year("DELIVERED"), None);
        assert_eq!(replace_sids("/2010-04-01/Accounts/ACe268443e43d93dab7ebef303bbe9642f/Messages/SM9bdab36abd4002a5ba799112841e27ee.json"), "/2010-04-01/Accounts/ACe268443e43d93dab7ebef303bbe9642f/Messages/[SID]");
        assert!(is_sid_key("messageSid") && is_sid_key("CallSid") && !is_sid_key("accountSid"));
    }
}
