//! One record through decode → policy → redact → filter → encode. Pure: no I/O, no shared
//! mutable state (but the processing date, which the runner moves between batches), so it
//! runs in parallel in rayon workers.

use simd_json::prelude::{
    MutableObject, TypedObjectValue, ValueAsScalar, ValueObjectAccess, Writable,
};
use simd_json::BorrowedValue;

use super::filter::{safe_harbor, DestinationFilter, Profile};
use super::{encode, reason};
use crate::policy::{Date, Decision, DropReason, Policy};
use crate::redact::{Edits, Engine, RedactStats, WorkerScratch};
use crate::sink::{key_of, Key, KeyField};
use crate::view::TapeView;

/// What became of one event (an array record yields several).
#[derive(Clone)]
pub enum Outcome {
    /// Redacted and encoded, for the clean sink.
    Clean {
        /// JSON bytes.
        bytes: Vec<u8>,
        /// CloudEvent id (de-duplication, and the record key by default).
        id: Key,
        /// The record key from the sink's `key_field`, when the event has it.
        key: Option<Vec<u8>>,
        /// Product label.
        product: &'static str,
    },
    /// Not eligible: counted, not forwarded.
    Dropped {
        /// Product label.
        product: &'static str,
        /// Why.
        reason: DropReason,
    },
    /// Quarantined with the raw bytes of the bad element (or record).
    Quarantined {
        /// Reason code.
        reason: &'static str,
        /// Raw bytes.
        raw: Vec<u8>,
        /// Index inside a JSON-array record.
        index: Option<usize>,
    },
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Clean { bytes, product, .. } => {
                write!(f, "Clean {{ len: {}, product: {product} }}", bytes.len())
            }
            Outcome::Dropped { product, reason } => write!(
                f,
                "Dropped {{ product: {product}, reason: {} }}",
                reason.as_str()
            ),
            Outcome::Quarantined { reason, raw, index } => write!(
                f,
                "Quarantined {{ reason: {reason}, len: {}, index: {index:?} }}",
                raw.len()
            ),
        }
    }
}

/// The magic prefix of a KPL aggregated record.
pub const KPL_MAGIC: [u8; 4] = [0xF3, 0x89, 0x9A, 0xC2];

/// Everything needed to process records; shared read-only by all workers.
#[derive(Debug)]
pub struct Processor {
    /// The redaction engine.
    pub engine: Engine,
    /// The eligibility policy.
    pub policy: Policy,
    /// Output profile.
    pub profile: Profile,
    /// The clean sink's filter.
    pub filter: DestinationFilter,
    /// The processing date that selects the policy's dated rules, as days since 1970-01-01:
    /// the date given at construction, or, when [`Processor::follow_clock`] is set, today's
    /// in UTC as [`Processor::refresh_date`] last read it (the runner does before each
    /// batch). Read with [`Processor::today`]; set with [`Processor::set_today`], which sets
    /// the engine's year with it.
    today: std::sync::atomic::AtomicI64,
    /// Follow the clock: a service running across midnight judges by the new day's rules
    /// from its first batch after midnight (Programmable Video stopped being eligible on
    /// 2026-12-05), without a restart. Off when the date is pinned (`--date`,
    /// `policy.processing_date`: tests and replays).
    pub follow_clock: bool,
    /// Larger records are quarantined as `too_large`.
    pub max_record_bytes: usize,
    /// Redaction off (pass-through benchmark baseline only).
    pub redact: bool,
    /// The clean sink's `key_field`.
    pub key_field: KeyField,
    /// Judge, redact and write a record of one event on simd-json's tape, without building
    /// its tree, where the event allows (see `Processor::on_tape`). On by default; off
    /// only to compare the two ways (tests, benches): they give the same outcomes.
    pub tape: bool,
    /// [`Processor::extension_members`], encoded at the first event (the fields above are
    /// not to change after that).
    extensions: std::sync::OnceLock<Vec<u8>>,
}

/// The CloudEvents extension attributes written last on every clean event, in this order:
/// the output profile (`safe_harbor` only), the policy's and the patterns' versions, and the
/// HMAC key's id when there is one. Any the record brought is replaced.
const EXTENSIONS: [&str; 4] = [
    "phigateprofile",
    "phigatepolicy",
    "phigatepatterns",
    "phigatehmackey",
];

/// What every name of [`EXTENSIONS`] starts with (a test holds them to it).
const EXTENSION_PREFIX: &str = "phigate";

/// A record that holds one event (not an array of them): its bytes, and the address of the
/// copy simd-json parsed in place, of which the event's unchanged strings are slices.
#[derive(Clone, Copy)]
struct Whole<'r> {
    bytes: &'r [u8],
    base: usize,
}

impl Processor {
    /// A processor with `scan`'s defaults: no destination filter, records up to 1 MiB,
    /// redaction on, the event id as the record key.
    pub fn new(engine: Engine, policy: Policy, profile: Profile, today: Date) -> Processor {
        let p = Processor {
            engine,
            policy,
            profile,
            filter: DestinationFilter::default(),
            today: std::sync::atomic::AtomicI64::new(0),
            follow_clock: false,
            max_record_bytes: 1 << 20,
            redact: true,
            key_field: KeyField::default(),
            tape: true,
            extensions: std::sync::OnceLock::new(),
        };
        p.set_today(today);
        p
    }

    /// The extension attributes as JSON members, each after a comma
    /// (`,"phigatepolicy":"…",…`), encoded on first use.
    fn extension_members(&self) -> &[u8] {
        self.extensions.get_or_init(|| {
            let values = [
                (self.profile == Profile::SafeHarbor).then_some("safe_harbor"),
                Some(self.policy.version()),
                Some(self.engine.matcher().version()),
                self.engine.transforms().hmac_key_id(),
            ];
            let mut out = Vec::new();
            for (k, v) in EXTENSIONS.iter().zip(values) {
                if let Some(v) = v {
                    out.push(b',');
                    out.extend_from_slice(BorrowedValue::from(*k).encode().as_bytes());
                    out.push(b':');
                    out.extend_from_slice(BorrowedValue::from(v).encode().as_bytes());
                }
            }
            out
        })
    }

    /// Process one raw record.
    pub fn process(
        &self,
        payload: &[u8],
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
        out: &mut Vec<Outcome>,
    ) {
        if payload.len() > self.max_record_bytes {
            out.push(Outcome::Quarantined {
                reason: reason::TOO_LARGE,
                raw: payload.to_vec(),
                index: None,
            });
            return;
        }
        // KPL-aggregated Kinesis record: detected and quarantined, never parsed as JSON
        if payload.starts_with(&KPL_MAGIC) {
            out.push(Outcome::Quarantined {
                reason: reason::AGGREGATED,
                raw: payload.to_vec(),
                index: None,
            });
            return;
        }
        // the parsed event borrows its strings from this copy, so it is taken out of the
        // scratch while the scratch is lent to the engine, and put back afterwards
        let mut input = std::mem::take(&mut ws.json_input);
        input.clear();
        input.extend_from_slice(payload);
        self.parsed(&mut input, payload, ws, stats, out);
        ws.json_input = input;
    }

    fn parsed(
        &self,
        input: &mut [u8],
        payload: &[u8],
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
        out: &mut Vec<Outcome>,
    ) {
        // (the address only: the parsed event's strings are slices from here)
        let base = input.as_ptr() as usize;
        // the record's tape, out of the scratch while the engine borrows the scratch
        let mut tape = std::mem::replace(&mut ws.event_tape, simd_json::Tape(Vec::new())).reset();
        let tree = match simd_json::fill_tape(input, &mut ws.json, &mut tape) {
            Err(_) => {
                let r = if std::str::from_utf8(payload).is_err() {
                    reason::INVALID_UTF8
                } else {
                    reason::INVALID_JSON
                };
                out.push(Outcome::Quarantined {
                    reason: r,
                    raw: payload.to_vec(),
                    index: None,
                });
                None
            }
            Ok(()) => {
                let on_tape =
                    self.tape && self.profile != Profile::SafeHarbor && !self.filter.reshapes();
                let on_tape = on_tape
                    && encode::splices(payload).is_some_and(|braces| {
                        TapeView::root(&tape.0).is_some_and(|ev| {
                            crate::view::View::is_object(ev)
                                && self.on_tape(ev, payload, braces, base, ws, stats, out)
                        })
                    });
                (!on_tape)
                    .then(|| simd_json::value::lazy::Value::from_tape(tape.as_value()).into_value())
            }
        };
        ws.event_tape = tape.reset();
        match tree {
            None => {}
            Some(BorrowedValue::Array(items)) => {
                for (i, ev) in items.into_iter().enumerate() {
                    self.event(ev, Some(i), None, ws, stats, out);
                }
            }
            Some(ev) => {
                let whole = Whole {
                    bytes: payload,
                    base,
                };
                self.event(ev, None, Some(whole), ws, stats, out)
            }
        }
    }

    /// The processing date in force.
    pub fn today(&self) -> Date {
        Date::from_unix_days(self.today.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// When the date follows the clock, read today's date in UTC again; the new date when it
    /// changed. (Once per batch: every record of a batch is judged by the same day's rules.)
    pub fn refresh_date(&self) -> Option<Date> {
        if !self.follow_clock {
            return None;
        }
        let now = Date::today_utc();
        if now == self.today() {
            return None;
        }
        self.set_today(now);
        Some(now)
    }

    /// Put `day` in force, and its year as the one the engine's transforms count ages from
    /// ("born 1937" implies over 89 in 2027). (Only the runner's thread moves the date, between
    /// batches: a load and a store are enough.)
    fn set_today(&self, day: Date) {
        self.today
            .store(day.unix_days(), std::sync::atomic::Ordering::Relaxed);
        self.engine.transforms().set_year(day.year() as i32);
    }

    /// The policy's decision and the sink's type filter on an event: the product of one to
    /// forward, or what became of it instead (`raw`: the bytes to quarantine).
    fn admit<'a>(
        &self,
        ev: impl crate::view::View<'a>,
        raw: impl FnOnce() -> Vec<u8>,
        index: Option<usize>,
    ) -> Result<&'static str, Outcome> {
        match self.policy.judge(ev, self.today()) {
            Decision::Quarantine { reason } => Err(Outcome::Quarantined {
                reason,
                raw: raw(),
                index,
            }),
            Decision::Drop {
                product, reason, ..
            } => Err(Outcome::Dropped { product, reason }),
            Decision::Forward { product, .. } => {
                let ty = ev.get("type").and_then(|t| t.as_str()).unwrap_or_default();
                if self.filter.accepts(ty) {
                    Ok(product)
                } else {
                    Err(Outcome::Dropped {
                        product,
                        reason: DropReason::TypeNotAllowed,
                    })
                }
            }
        }
    }

    /// A single-event record (`ev`, an object, on its tape) judged, redacted and written
    /// without building its tree: what [`Processor::event`] does, for a record that
    /// [`encode::splices`] accepts, in the default profile and without a field filter.
    /// `false`, with nothing pushed or counted, when the event needs the tree after all
    /// (extension attributes to replace, Message Tagging `tags` that cannot be cut from the
    /// record, a member to rename or retype).
    #[allow(clippy::too_many_arguments)]
    fn on_tape(
        &self,
        ev: TapeView<'_, '_>,
        payload: &[u8],
        braces: (usize, usize),
        base: usize,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
        out: &mut Vec<Outcome>,
    ) -> bool {
        let product = match self.admit(ev, || payload.to_vec(), None) {
            Ok(product) => product,
            Err(outcome) => {
                out.push(outcome);
                return true;
            }
        };
        // the envelope's members in one pass (the first of a name, as `get` finds it)
        let (mut data, mut id, mut extensions) = (None, None, false);
        for (k, v) in ev.input_members() {
            match k {
                "data" if data.is_none() => data = Some(v),
                "id" if id.is_none() => id = Some(v),
                _ => extensions |= k.starts_with(EXTENSION_PREFIX),
            }
        }
        if extensions {
            return false;
        }
        // Message Tagging: the member is cut from the record (and not redacted)
        let (mut skip, mut cut) = (0, None);
        if let Some(d) = data {
            let mut tags = d.input_members().filter(|(k, _)| *k == "tags");
            if let Some((k, _)) = tags.next() {
                skip = k.as_ptr() as usize;
                cut = encode::member_cut(payload, skip.wrapping_sub(base));
                if cut.is_none() || tags.next().is_some() {
                    return false;
                }
            }
        }
        let mut edits = std::mem::take(&mut ws.edits);
        edits.clear();
        let mut local = RedactStats::default();
        let redacted = if self.redact {
            self.engine
                .redact_tape(ev, skip, ws, &mut local, &mut edits)
        } else {
            Ok(true)
        };
        let done = match redacted {
            Ok(true) => {
                // a string as the clean event has it
                fn clean<'e, 'i: 'e>(v: TapeView<'_, 'i>, edits: &'e Edits) -> Option<&'e str> {
                    let s = v.input_str()?;
                    Some(edits.get(s.as_ptr() as usize).unwrap_or(s))
                }
                let id = id.and_then(|v| clean(v, &edits)).unwrap_or_default();
                let mut bytes = Vec::with_capacity(payload.len() + 256);
                encode::write_edits(payload, braces, base, &edits, cut, &mut bytes) && {
                    let key = self
                        .key_field
                        .field(ev)
                        .and_then(|v| clean(v, &edits))
                        .and_then(key_of);
                    stats.merge(&local);
                    self.finish(bytes, Key::from(id.as_bytes()), key, product, out);
                    true
                }
            }
            Ok(false) => false,
            Err(_) => {
                out.push(Outcome::Quarantined {
                    reason: reason::REDACT_FAILED,
                    raw: payload.to_vec(),
                    index: None,
                });
                true
            }
        };
        ws.edits = edits;
        done
    }

    /// A clean event's bytes (its members, without the closing brace) completed with the
    /// extension attributes, out.
    fn finish(
        &self,
        mut bytes: Vec<u8>,
        id: Key,
        key: Option<Vec<u8>>,
        product: &'static str,
        out: &mut Vec<Outcome>,
    ) {
        let members = self.extension_members();
        // (an empty object takes them without the leading comma)
        bytes.extend_from_slice(if bytes == b"{" {
            &members[1..]
        } else {
            members
        });
        bytes.push(b'}');
        out.push(Outcome::Clean {
            bytes,
            id,
            key,
            product,
        });
    }

    fn event(
        &self,
        mut ev: BorrowedValue<'_>,
        index: Option<usize>,
        whole: Option<Whole<'_>>,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
        out: &mut Vec<Outcome>,
    ) {
        let raw = whole.map(|w| w.bytes);
        let raw_of =
            |ev: &BorrowedValue<'_>| raw.map_or_else(|| ev.encode().into_bytes(), <[u8]>::to_vec);
        if !ev.is_object() {
            out.push(Outcome::Quarantined {
                reason: reason::NOT_CLOUDEVENT,
                raw: raw_of(&ev),
                index,
            });
            return;
        }
        match self.admit(&ev, || raw_of(&ev), index) {
            Err(outcome) => out.push(outcome),
            Ok(product) => {
                // the bytes to quarantine if this event fails below: the record itself, or
                // (an element of an array record) the element as it was before redaction
                let mut original = if raw.is_none() {
                    Some(ev.encode().into_bytes())
                } else {
                    None
                };
                let mut unredacted = || {
                    original
                        .take()
                        .unwrap_or_else(|| raw.map(<[u8]>::to_vec).unwrap_or_default())
                };
                // Message Tagging: customer tags must not carry PHI; removed, not redacted
                // (whether the event's members are still its record's: see `write_spliced`)
                let mut reshaped = false;
                let mut cut = None;
                if let Some(BorrowedValue::Object(d)) = ev.get_mut("data") {
                    // (`retain` keeps the other members in order, where `remove` would move
                    // the last into the gap; and it tells where the key was in the record,
                    // to leave the member out there too)
                    // (a record with two `tags` members has two to cut: only one cut is
                    // made, so such an event is written anew, with both gone)
                    let (mut tags, mut removed) = (None, 0);
                    if d.contains_key("tags") {
                        d.retain(|k, _| {
                            let keep = k != "tags";
                            if !keep {
                                tags = Some(k.as_ptr() as usize);
                                removed += 1;
                            }
                            keep
                        });
                    }
                    if let Some(addr) = tags {
                        cut = whole
                            .and_then(|w| encode::member_cut(w.bytes, addr.wrapping_sub(w.base)));
                        reshaped |= cut.is_none() || removed > 1;
                    }
                }
                // the extension attributes are written after the event's members (below), as
                // they would be inserted last: inserting them grew the parsed object, sized
                // for its own members, by a reallocation and copy per event. Any the record
                // brought (phigate's own output, read again) is replaced, and not redacted.
                // (one pass over the keys first: most records bring none, and each removal
                // searches the whole object)
                if let BorrowedValue::Object(o) = &mut ev {
                    if o.keys().any(|k| k.starts_with(EXTENSION_PREFIX)) {
                        for k in EXTENSIONS {
                            reshaped |= o.remove(k).is_some();
                        }
                    }
                }
                if self.redact {
                    let mut local = RedactStats::default();
                    if self.engine.redact_value(&mut ev, ws, &mut local).is_err() {
                        out.push(Outcome::Quarantined {
                            reason: reason::REDACT_FAILED,
                            raw: unredacted(),
                            index,
                        });
                        return;
                    }
                    stats.merge(&local);
                    reshaped |= ws.reshaped;
                }
                if self.profile == Profile::SafeHarbor {
                    safe_harbor(&mut ev);
                    reshaped = true;
                }
                reshaped |= self.filter.apply(&mut ev);
                let id = Key::from(
                    ev.get("id")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .as_bytes(),
                );
                // sized from the input once, instead of growing from 1 KiB per event
                let mut bytes = Vec::with_capacity(raw.map_or(1024, |r| r.len() + 256));
                // a record of one event whose members are still the record's: its own bytes,
                // with the replaced strings spliced in (far less to write); otherwise anew
                let spliced = match whole {
                    Some(w) if !reshaped => {
                        encode::write_spliced(&ev, w.base, w.bytes, cut, &mut bytes)
                    }
                    _ => false,
                };
                if !spliced {
                    encode::write_value(&ev, &mut bytes);
                }
                if !spliced && bytes.pop() != Some(b'}') {
                    // an object's JSON ends in a brace; if it ever did not, fail closed
                    out.push(Outcome::Quarantined {
                        reason: reason::REDACT_FAILED,
                        raw: unredacted(),
                        index,
                    });
                    return;
                }
                let key = self.key_field.extract(&ev);
                self.finish(bytes, id, key, product, out);
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::cli::scan::default_processor;

    #[test]
    fn every_extension_starts_with_the_prefix_the_check_for_them_reads() {
        assert!(EXTENSIONS.iter().all(|k| k.starts_with(EXTENSION_PREFIX)));
    }

    const EVENT: &str = r#"{"specversion":"1.0","type":"com.twilio.messaging.message.delivered","source":"/x","id":"EZ0001","time":"2026-05-04T15:02:11Z","data":{"accountSid":"ACaaaa","messageSid":"SMbbbb","from":"+12025550100","to":"+12025550147","body":"hi"}}"#;

    fn clean_key(p: &Processor) -> Option<Vec<u8>> {
        let mut ws = p.engine.worker();
        let mut st = RedactStats::default();
        let mut out = Vec::new();
        p.process(EVENT.as_bytes(), &mut ws, &mut st, &mut out);
        match out.as_slice() {
            [Outcome::Clean { key, id, .. }] => {
                assert_eq!(&id[..], b"EZ0001");
                key.clone()
            }
            other => panic!("not one clean event: {other:?}"),
        }
    }

    /// A Programmable Video event: eligible until 2026-12-05, not from that day on.
    pub(in crate::pipeline) const VIDEO_EVENT: &str = r#"{"specversion":"1.0","type":"com.twilio.video.room.created","source":"/v1/Rooms/RMaaaa","id":"EZv001","time":"2026-12-04T23:59:00Z","data":{"accountSid":"ACaaaa","roomSid":"RMaaaa"}}"#;

    /// The day before Video's end of life.
    pub(in crate::pipeline) fn eve_of_video_eol() -> Date {
        Date::from_ymd(2026, 12, 4).unwrap_or_else(|| panic!("date"))
    }

    fn video_outcome(p: &Processor) -> &'static str {
        let mut ws = p.engine.worker();
        let (mut st, mut out) = (RedactStats::default(), Vec::new());
        p.process(VIDEO_EVENT.as_bytes(), &mut ws, &mut st, &mut out);
        match out.as_slice() {
            [Outcome::Clean { .. }] => "clean",
            [Outcome::Dropped {
                product: "video",
                reason: DropReason::ProductNotEligible,
            }] => "dropped",
            other => panic!("not one video outcome: {other:?}"),
        }
    }

    /// A pinned date stays; a date that follows the clock moves to today's (in UTC) when
    /// refreshed, and with it the dated rules and the year ages are counted from: a
    /// processor started on 2025-12-31 forwards Video events until its first refresh, and
    /// drops them from then on. (Today is 2026-12-05 or later wherever this runs.)
    #[test]
    fn a_date_that_follows_the_clock_selects_the_new_days_rules() {
        let started = Date::from_ymd(2025, 12, 31).unwrap_or_else(|| panic!("date"));
        let mut p =
            default_processor(started, Profile::MinimumNecessary).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(video_outcome(&p), "clean");
        assert_eq!(p.refresh_date(), None, "a pinned date is not refreshed");
        assert_eq!(p.today(), started);
        assert_eq!(p.engine.transforms().year(), 2025);
        assert_eq!(video_outcome(&p), "clean");
        p.follow_clock = true;
        let first = p.refresh_date();
        assert_eq!(first, Some(p.today()));
        assert!(p.today() >= Date::from_ymd(2026, 12, 5).unwrap_or_else(|| panic!("date")));
        assert!(p.today() <= Date::today_utc());
        assert_eq!(i64::from(p.engine.transforms().year()), p.today().year());
        assert_eq!(video_outcome(&p), "dropped");
        // (the same day again is no change; only a midnight in between would be one)
        let again = p.refresh_date();
        assert!(
            again.is_none() || again > first,
            "{again:?} after {first:?}"
        );
    }

    /// The extension attributes come once, last, in their order, with this build's versions
    /// and the profile: one the record brought is replaced, as on a second run over
    /// phigate's own output, with or without an allowlist.
    #[test]
    fn extension_attributes_are_stamped_once() {
        let today = Date::from_ymd(2026, 11, 22).unwrap_or_else(|| panic!("date"));
        let stamped = EVENT.replacen(
            r#""id""#,
            r#""phigatepolicy":"old","phigateprofile":"old","id""#,
            1,
        );
        for profile in [Profile::MinimumNecessary, Profile::SafeHarbor] {
            for allow in [None, Some(vec!["data.messageSid".to_string()])] {
                let mut p = default_processor(today, profile).unwrap_or_else(|e| panic!("{e}"));
                p.filter.fields_allow = allow.clone();
                let mut ws = p.engine.worker();
                let mut st = RedactStats::default();
                let expected = format!(
                    r#"{}"phigatepolicy":"{}","phigatepatterns":"{}"}}"#,
                    if profile == Profile::SafeHarbor {
                        r#","phigateprofile":"safe_harbor","#
                    } else {
                        ","
                    },
                    p.policy.version(),
                    p.engine.matcher().version()
                );
                for record in [EVENT, stamped.as_str()] {
                    let mut out = Vec::new();
                    p.process(record.as_bytes(), &mut ws, &mut st, &mut out);
                    let [Outcome::Clean { bytes, .. }] = out.as_slice() else {
                        panic!("not one clean event: {out:?}");
                    };
                    let text = String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{e}"));
                    for k in EXTENSIONS {
                        assert!(text.matches(&format!("\"{k}\"")).count() <= 1, "{text}");
                    }
                    assert!(text.ends_with(&expected), "{text}");
                    let mut b = bytes.clone();
                    let v =
                        simd_json::to_owned_value(&mut b).unwrap_or_else(|e| panic!("{e}: {text}"));
                    assert_eq!(
                        v.get("phigatepolicy").and_then(|v| v.as_str()),
                        Some(p.policy.version())
                    );
                    assert_eq!(
                        v.get("data").and_then(|d| d.get("body")).is_some(),
                        allow.is_none(),
                        "{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn key_field_is_read_from_the_clean_event() {
        let today = Date::from_ymd(2026, 11, 22).unwrap_or_else(|| panic!("date"));
        let mut p =
            default_processor(today, Profile::MinimumNecessary).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(clean_key(&p), None);
        p.key_field = KeyField::parse(Some("data.accountSid")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(clean_key(&p), Some(b"ACaaaa".to_vec()));
        p.key_field = KeyField::parse(Some("data.messageSid")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(clean_key(&p), Some(b"SMbbbb".to_vec()));
        // the safe_harbor profile removes the SIDs that link to a person: the field is gone
        // from the clean event, and the record keeps its default key
        p.profile = Profile::SafeHarbor;
        assert_eq!(clean_key(&p), None);
    }

    /// What an outcome holds, for comparing two.
    fn fingerprint(o: &Outcome) -> (&'static str, Vec<u8>, Vec<u8>, Option<Vec<u8>>, String) {
        match o {
            Outcome::Clean {
                bytes,
                id,
                key,
                product,
            } => (
                "clean",
                bytes.clone(),
                id.to_vec(),
                key.clone(),
                product.to_string(),
            ),
            Outcome::Dropped { product, reason } => (
                "dropped",
                Vec::new(),
                Vec::new(),
                None,
                format!("{product} {}", reason.as_str()),
            ),
            Outcome::Quarantined { reason, raw, index } => (
                "quarantined",
                raw.clone(),
                Vec::new(),
                None,
                format!("{reason} {index:?}"),
            ),
        }
    }

    /// `record` with a space after each `,` and `:` between tokens (a line break when
    /// `newline`).
    fn spaced(record: &str, newline: bool) -> String {
        let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
        for c in record.chars() {
            out.push(c);
            if in_string {
                (in_string, escaped) = match (escaped, c) {
                    (true, _) => (true, false),
                    (false, '\\') => (true, true),
                    (false, '"') => (false, false),
                    _ => (true, false),
                };
            } else if c == '"' {
                in_string = true;
            } else if c == ',' || c == ':' {
                out.push(if newline { '\n' } else { ' ' });
            }
        }
        out
    }

    /// Records of one event are judged, redacted and written on the tape where they can be
    /// (without the tree): every outcome, and every count, is what the tree gives, on
    /// generated events and on variants that must go back to the tree (a customer key to
    /// rename, a number under a PHI key, extension attributes, two `tags`, line breaks).
    #[test]
    fn the_tape_and_the_tree_give_the_same_outcomes() {
        let today = Date::from_ymd(2026, 11, 22).unwrap_or_else(|| panic!("date"));
        let mut on =
            default_processor(today, Profile::MinimumNecessary).unwrap_or_else(|e| panic!("{e}"));
        let mut off =
            default_processor(today, Profile::MinimumNecessary).unwrap_or_else(|e| panic!("{e}"));
        off.tape = false;
        let mut ws = on.engine.worker();
        let in_data = |line: &str, member: &str| {
            line.replacen(r#""data":{"#, &format!(r#""data":{{{member},"#), 1)
        };
        let variants = |line: &str| -> Vec<(String, bool)> {
            vec![
                (line.to_string(), true),
                (spaced(line, false), true),
                // escapes the writer never makes: unescaping shortens strings in place
                (
                    line.replace(r#""body":""#, r#""body":"\u0041\/\u00e9 "#)
                        .replace(r#""id":"#, r#""i\u0064":"#),
                    true,
                ),
                (
                    in_data(
                        line,
                        r#""attributes":{"note":"call 202-555-0147","phone":null,"n":[1,"Marisol Okonkwo"]}"#,
                    ),
                    true,
                ),
                (
                    in_data(line, r#""attributes":{"Marisol Okonkwo":"x"}"#),
                    false,
                ),
                (in_data(line, r#""attributes":{"phone":2025550147}"#), false),
                (
                    in_data(line, r#""tags":{"a":"b"},"tags":{"c":"Velka"}"#),
                    false,
                ),
                (line.replacen('{', r#"{"phigatepolicy":"old","#, 1), false),
                (spaced(line, true), false),
            ]
        };
        let (mut events, mut on_tape) = (0, 0);
        for key_field in [None, Some("data.messageSid"), Some("id")] {
            let kf = KeyField::parse(key_field).unwrap_or_else(|e| panic!("{e}"));
            (on.key_field, off.key_field) = (kf.clone(), kf);
            for g in crate::gen::generate(7, 400) {
                let single = g.line.starts_with('{') && g.line.contains(r#""data":{"#);
                for (record, tape_ok) in variants(&g.line) {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let (mut sa, mut sb) = (RedactStats::default(), RedactStats::default());
                    on.process(record.as_bytes(), &mut ws, &mut sa, &mut a);
                    off.process(record.as_bytes(), &mut ws, &mut sb, &mut b);
                    let fa: Vec<_> = a.iter().map(fingerprint).collect();
                    let fb: Vec<_> = b.iter().map(fingerprint).collect();
                    assert!(fa == fb, "line {}: {a:?} against {b:?}", g.line.len());
                    // (Message Tagging `tags` never reach a clean sink, however many)
                    for (kind, bytes, ..) in &fa {
                        assert!(
                            *kind != "clean"
                                || !String::from_utf8_lossy(bytes).contains(r#""tags""#)
                        );
                    }
                    assert_eq!(sa, sb);
                    events += a.len();
                    // the variants that must stay on the tape do, those that must not do not
                    if single && matches!(a.as_slice(), [Outcome::Clean { .. }]) {
                        let mut buf = record.clone().into_bytes();
                        let base = buf.as_ptr() as usize;
                        let tape = simd_json::to_tape(&mut buf).unwrap_or_else(|e| panic!("{e}"));
                        let ev = TapeView::root(&tape.0).unwrap_or_else(|| panic!("a value"));
                        let braces = encode::splices(record.as_bytes());
                        let (mut st, mut o) = (RedactStats::default(), Vec::new());
                        let took = braces.is_some_and(|b| {
                            on.on_tape(ev, record.as_bytes(), b, base, &mut ws, &mut st, &mut o)
                        });
                        assert_eq!(took, tape_ok, "{}", record.len());
                        on_tape += usize::from(took);
                    }
                }
            }
        }
        assert!(
            events > 6000 && on_tape > 2000,
            "{events} events, {on_tape} on the tape"
        );
    }

    /// A record of one event comes out as its own bytes with the redacted values spliced in
    /// and `tags` cut out (spaces, number spellings and escapes kept); the same event in an
    /// array record, written anew, has the same value.
    #[test]
    fn a_record_keeps_its_bytes_around_what_was_redacted() {
        let today = Date::from_ymd(2026, 11, 22).unwrap_or_else(|| panic!("date"));
        let p =
            default_processor(today, Profile::MinimumNecessary).unwrap_or_else(|e| panic!("{e}"));
        let mut ws = p.engine.worker();
        let mut st = RedactStats::default();
        let record = r#"{"specversion":"1.0", "type":"com.twilio.messaging.message.delivered","source":"\/x","id":"EZ0002","data":{"from":"+12025550100","tags":{"k":["Velka \"Tamsk\""]},"price":-0.00750,"to":"+12025550147","body":"call Velka Tamsk on 202-555-0147"}}"#;
        let mut out = Vec::new();
        p.process(record.as_bytes(), &mut ws, &mut st, &mut out);
        p.process(format!("[{record}]").as_bytes(), &mut ws, &mut st, &mut out);
        let [Outcome::Clean { bytes: one, .. }, Outcome::Clean { bytes: anew, .. }] =
            out.as_slice()
        else {
            panic!("not two clean events: {out:?}");
        };
        let text = String::from_utf8_lossy(one);
        let tail = format!(
            r#","phigatepolicy":"{}","phigatepatterns":"{}"}}"#,
            p.policy.version(),
            p.engine.matcher().version()
        );
        assert_eq!(
            text,
            format!(
                r#"{{"specversion":"1.0", "type":"com.twilio.messaging.message.delivered","source":"\/x","id":"EZ0002","data":{{"from":"[PHONE]","price":-0.00750,"to":"[PHONE]","body":"call [NAME] on [PHONE]"}}{tail}"#
            )
        );
        let value =
            |b: &[u8]| simd_json::to_owned_value(&mut b.to_vec()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(value(one), value(anew));
        assert!(!String::from_utf8_lossy(anew).contains("tags"));
    }
}
