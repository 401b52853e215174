//! Field-aware redaction of a parsed event (`simd-json` borrowed values: strings stay slices
//! of the input until one is redacted).
//!
//! * keep-fields (SIDs, statuses, timestamps) are left alone;
//! * whole-value fields (`to`, `from`, `CallerName`, `fromZip`, …) get their label's transform
//!   without scanning;
//! * JSON-in-a-string fields (TaskRouter `task_attributes`, error-log `payload`) are parsed,
//!   walked and re-encoded; inside customer-defined JSON object keys are scanned like values and
//!   key hints (`name`, `dob`, `mrn`, …) apply;
//! * URL and form fields keep scheme, host and path and redact every query value;
//! * base64 fields (TwiML bodies) are decoded, scanned and re-encoded;
//! * every other string is scanned with the full matcher.
//!
//! Anything that cannot be decoded where the rules say it must be (bad base64, non-UTF-8,
//! nesting deeper than [`MAX_DEPTH`]) is an error: the pipeline quarantines the event rather
//! than forward something it could not read.

use base64::Engine as _;
use rustc_hash::FxHashMap;
use simd_json::prelude::Writable;
use std::borrow::Cow;

use simd_json::{BorrowedValue, Node};

use super::label::Label;
use super::patterns::FieldRules;
use super::wordmap::WordMap;
use super::{Engine, RedactStats, WorkerScratch};
use crate::view::TapeView;

/// Deepest nesting of objects/arrays (including JSON decoded from strings) that is walked.
pub const MAX_DEPTH: usize = 64;

/// Why an event could not be redacted. Carries the JSON path of the field, never its value.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedactError {
    /// A base64 field did not decode to UTF-8 text.
    #[error("field {path}: not decodable base64 text")]
    Base64 { path: String },
    /// Nested too deep.
    #[error("field {path}: nesting deeper than {MAX_DEPTH}")]
    TooDeep { path: String },
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rule {
    Keep,
    Whole(Label),
    Json,
    Form,
    Base64,
}

/// Field rules compiled to one lookup per key: a `WordMap` (names of up to 16 bytes
/// compare inline, with no string comparison) from the field name to its rule and whether
/// it holds customer-defined JSON.
#[derive(Debug)]
pub struct CompiledFields {
    rules: WordMap,
    /// Normalised key → a `WHOLE` code of its label, as `rules` holds one (keys of up to 16
    /// bytes probed in place); with each key also after each prefix of whose value it is
    /// ("caller" + "city").
    hints: WordMap,
}

impl Default for CompiledFields {
    fn default() -> CompiledFields {
        CompiledFields::new(&FieldRules::default())
    }
}

// rule codes in the word map: the kind in the low byte, a label's index in the next
const KEEP: u32 = 1;
const JSON: u32 = 2;
const FORM: u32 = 3;
const BASE64: u32 = 4;
const WHOLE: u32 = 5;
const KIND: u32 = 0xff;
const CUSTOMER: u32 = 1 << 16;

impl CompiledFields {
    /// Compile from the pattern set's `fields.toml`.
    pub fn new(f: &FieldRules) -> CompiledFields {
        let mut codes: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut set = |k: &str, code: u32| {
            // a later list's rule replaces an earlier one's; the customer bit stays
            let c = codes.entry(k.into()).or_insert(0);
            *c = (*c & CUSTOMER) | code;
        };
        for k in &f.keep {
            set(k, KEEP);
        }
        for (k, l) in &f.whole {
            set(k, whole_code(*l));
        }
        for k in &f.json {
            set(k, JSON);
        }
        for k in &f.form {
            set(k, FORM);
        }
        for k in &f.base64 {
            set(k, BASE64);
        }
        for k in &f.customer {
            *codes.entry(k.as_str().into()).or_insert(0) |= CUSTOMER;
        }
        CompiledFields {
            rules: WordMap::from_map(codes),
            // every prefix joined to every hint's key, then the hints themselves (a key named
            // whole keeps its own hint): one probe a key, as before the prefixes
            hints: WordMap::from_map(
                f.key_hint_prefixes
                    .iter()
                    .map(|p| normalise_key(p))
                    .flat_map(|p| {
                        f.key_hints
                            .iter()
                            .map(move |(k, v)| (format!("{p}{k}").into(), whole_code(*v)))
                    })
                    .chain(
                        f.key_hints
                            .iter()
                            .map(|(k, v)| (k.as_str().into(), whole_code(*v))),
                    )
                    .collect(),
            ),
        }
    }

    /// The code of a field name: its rule and its customer bit (0 when it has neither).
    #[inline]
    fn code(&self, key: &str) -> u32 {
        self.rules.get(key)
    }

    /// The rule of a field name, if it has one.
    #[inline]
    fn rule(&self, key: &str) -> Option<Rule> {
        rule_of(self.code(key))
    }

    fn hint(&self, key: &str) -> Option<Label> {
        // short ASCII keys (nearly all) are normalised on the stack
        let mut buf = [0u8; 32];
        if key.len() <= buf.len() && key.is_ascii() {
            let mut n = 0;
            for b in key.bytes().filter(|b| key_byte_kept(*b)) {
                buf[n] = b.to_ascii_lowercase();
                n += 1;
            }
            let k = std::str::from_utf8(&buf[..n]).ok()?;
            return Self::label_of_hint(self.hints.get(k));
        }
        Self::label_of_hint(self.hints.get(&normalise_key(key)))
    }

    fn label_of_hint(code: u32) -> Option<Label> {
        match rule_of(code) {
            Some(Rule::Whole(l)) => Some(l),
            _ => None,
        }
    }
}

/// Is this byte of a key kept when keys are compared (separators are not)?
fn key_byte_kept(b: u8) -> bool {
    !matches!(b, b'_' | b'-' | b' ')
}

/// A customer key as hints are written: lower case, without `_`, `-` and spaces.
fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_ascii() || key_byte_kept(*c as u8))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The code of a whole-value rule with transform label `l` (see [`rule_of`]).
fn whole_code(l: Label) -> u32 {
    WHOLE | (l.index() as u32) << 8
}

/// The rule a field's code says, if any.
#[inline]
fn rule_of(code: u32) -> Option<Rule> {
    Some(match code & KIND {
        KEEP => Rule::Keep,
        JSON => Rule::Json,
        FORM => Rule::Form,
        BASE64 => Rule::Base64,
        WHOLE => Rule::Whole(Label::ALL[(code >> 8 & 0xff) as usize]),
        _ => return None,
    })
}

/// The rule a string leaf follows: a key hint's label first; in customer JSON, a key that
/// happens to be a Twilio keep-field name is the customer's word, not Twilio's: scanned.
#[inline]
fn leaf_rule(rule: Option<Rule>, hint: Option<Label>, ctx: Ctx) -> Option<Rule> {
    match (rule, hint) {
        (_, Some(l)) => Some(Rule::Whole(l)),
        (Some(Rule::Keep), _) if ctx.customer => None,
        (r, None) => r,
    }
}

/// The strings a walk on a tape replaced, in the record's order: for each, the address of
/// its content in the parsed input, and its new text. The texts share one buffer, kept
/// between records (no allocation per replaced string).
#[derive(Debug, Default)]
pub struct Edits {
    /// (address, end of its text in `text`); a text starts where the one before ends.
    at: Vec<(usize, usize)>,
    text: String,
}

impl Edits {
    /// No edits.
    pub fn clear(&mut self) {
        self.at.clear();
        self.text.clear();
    }

    /// One more edit: the string whose content starts at `addr` becomes `text`.
    pub fn push(&mut self, addr: usize, text: &str) {
        self.text.push_str(text);
        self.at.push((addr, self.text.len()));
    }

    /// Each edit: the address of the replaced string's content, and its new text.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &str)> {
        let mut from = 0;
        self.at.iter().map(move |&(addr, end)| {
            let t = &self.text[from..end];
            from = end;
            (addr, t)
        })
    }

    /// The new text of the string whose content starts at `addr`, if it was replaced.
    pub fn get(&self, addr: usize) -> Option<&str> {
        let i = self.at.binary_search_by_key(&addr, |e| e.0).ok()?;
        let from = if i == 0 { 0 } else { self.at[i - 1].1 };
        Some(&self.text[from..self.at[i].1])
    }
}

impl RedactError {
    /// The same error one level further out: `seg` (a key or an index) goes in front of its
    /// path. Paths are built on the way out, so a walk without errors allocates none.
    fn within(self, seg: &str) -> RedactError {
        let nest = |path: String| match path.strip_prefix('$') {
            Some(rest) => format!("$.{seg}{rest}"),
            None => path,
        };
        match self {
            RedactError::Base64 { path } => RedactError::Base64 { path: nest(path) },
            RedactError::TooDeep { path } => RedactError::TooDeep { path: nest(path) },
        }
    }
}

#[derive(Clone, Copy)]
struct Ctx {
    customer: bool,
    depth: usize,
    /// Inside JSON decoded from a string (which is written anew whole), not the event's own
    /// tree.
    decoded: bool,
}

impl Engine {
    /// Redact every string of a parsed event in place, following the field rules. Strings
    /// are replaced by owned ones; a member renamed or retyped (customer JSON in the event's
    /// own tree: a key that held PHI, a number under a PHI key) sets `ws.reshaped`.
    pub fn redact_value(
        &self,
        v: &mut BorrowedValue<'_>,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
    ) -> Result<(), RedactError> {
        ws.reshaped = false;
        self.walk(
            v,
            None,
            None,
            Ctx {
                customer: false,
                depth: 0,
                decoded: false,
            },
            ws,
            stats,
        )
    }

    /// `hint` is the label that `key`'s name says its value holds, in customer JSON (the
    /// caller's lookup: it needs it too).
    fn walk(
        &self,
        v: &mut BorrowedValue<'_>,
        key: Option<&str>,
        hint: Option<Label>,
        ctx: Ctx,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
    ) -> Result<(), RedactError> {
        let (rule, customer) = self.key_rule(key, ctx)?;
        let f = &self.fields;
        match v {
            BorrowedValue::String(s) => {
                let mut out = String::new();
                if self.leaf(
                    s,
                    leaf_rule(rule, hint, ctx),
                    customer,
                    ctx,
                    ws,
                    stats,
                    &mut out,
                )? {
                    *s = Cow::Owned(out);
                }
            }
            BorrowedValue::Array(a) => {
                for (i, item) in a.iter_mut().enumerate() {
                    self.walk(
                        item,
                        key,
                        hint,
                        Ctx {
                            depth: ctx.depth + 1,
                            ..ctx
                        },
                        ws,
                        stats,
                    )
                    .map_err(|e| e.within(&i.to_string()))?;
                }
            }
            BorrowedValue::Object(o) => {
                let inner = Ctx {
                    customer,
                    depth: ctx.depth + 1,
                    ..ctx
                };
                let mut renames: Vec<(String, String)> = Vec::new();
                for (k, item) in o.iter_mut() {
                    let hint = if customer { f.hint(k) } else { None };
                    self.walk(item, Some(k), hint, inner, ws, stats)
                        .map_err(|e| e.within(if customer { "*" } else { k }))?;
                    if customer && hint.is_none() {
                        let mut out = String::new();
                        if self.redact_text_into(k, ws, &mut out, stats) {
                            renames.push((k.to_string(), out));
                        }
                    }
                }
                if !renames.is_empty() && !ctx.decoded {
                    ws.reshaped = true;
                }
                for (old, new) in renames {
                    if let Some(val) = o.remove(old.as_str()) {
                        let mut name = new;
                        while o.contains_key(name.as_str()) {
                            name.push('_');
                        }
                        o.insert(Cow::Owned(name), val);
                    }
                }
            }
            BorrowedValue::Static(n) => {
                // a number under a PHI key in customer JSON (`"phone": 2025550147`)
                if let Some(l) = hint {
                    if !matches!(
                        n,
                        simd_json::StaticNode::Null | simd_json::StaticNode::Bool(_)
                    ) {
                        let text = BorrowedValue::Static(*n).encode();
                        let mut out = String::with_capacity(text.len() + 16);
                        self.transforms.apply(l, &text, &mut out);
                        stats.add(l);
                        *v = BorrowedValue::String(Cow::Owned(out));
                        ws.reshaped |= !ctx.decoded;
                    }
                }
            }
        }
        Ok(())
    }

    /// The rule of a value under `key`, and whether it is customer JSON (one lookup gives
    /// both); an error past [`MAX_DEPTH`].
    #[inline]
    fn key_rule(&self, key: Option<&str>, ctx: Ctx) -> Result<(Option<Rule>, bool), RedactError> {
        if ctx.depth > MAX_DEPTH {
            return Err(RedactError::TooDeep { path: "$".into() });
        }
        let code = key.map_or(0, |k| self.fields.code(k));
        Ok((rule_of(code), ctx.customer || code & CUSTOMER != 0))
    }

    /// A string's replacement under its rule, appended to `out`: `false`, with `out` as it
    /// was, when the string stays as it is.
    #[allow(clippy::too_many_arguments)]
    fn leaf(
        &self,
        s: &str,
        rule: Option<Rule>,
        customer: bool,
        ctx: Ctx,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
        out: &mut String,
    ) -> Result<bool, RedactError> {
        Ok(match rule {
            Some(Rule::Keep) => false,
            Some(Rule::Whole(l)) => {
                if s.is_empty() || self.is_own_output(s) {
                    false
                } else {
                    // (room for a tag, a mask or most tokens: growing from empty took two
                    // reallocations per field)
                    out.reserve(s.len() + 16);
                    self.transforms.apply(l, s, out);
                    stats.add(l);
                    true
                }
            }
            Some(Rule::Json) => {
                let mut bytes = s.as_bytes().to_vec();
                let parsed = if bytes.first().is_some_and(|b| *b == b'{' || *b == b'[') {
                    ws.parse(&mut bytes).ok()
                } else {
                    None
                };
                match parsed {
                    Some(mut inner) => {
                        self.walk(
                            &mut inner,
                            None,
                            None,
                            Ctx {
                                customer,
                                depth: ctx.depth + 1,
                                decoded: true,
                            },
                            ws,
                            stats,
                        )?;
                        out.push_str(&inner.encode());
                        true
                    }
                    None => self.redact_text_onto(s, ws, out, stats),
                }
            }
            Some(Rule::Form) => match self.redact_form(s, ws, stats) {
                Some(form) => {
                    out.push_str(&form);
                    true
                }
                None => false,
            },
            Some(Rule::Base64) => {
                if s.is_empty() {
                    false
                } else {
                    let decoded = base64::engine::general_purpose::STANDARD
                        .decode(s.as_bytes())
                        .ok()
                        .and_then(|b| String::from_utf8(b).ok())
                        .ok_or_else(|| RedactError::Base64 { path: "$".into() })?;
                    let mut text = String::new();
                    let found = self.redact_text_onto(&decoded, ws, &mut text, stats);
                    if found {
                        base64::engine::general_purpose::STANDARD.encode_string(text, out);
                    }
                    found
                }
            }
            None => self.redact_text_onto(s, ws, out, stats),
        })
    }

    /// [`Engine::redact_value`] on the tape of a single-event record, without a tree: each
    /// replaced string goes to `edits` (cleared first), in the record's order. The member of
    /// the event's `data` whose key starts at address `skip` (Message Tagging `tags`, which
    /// the caller cuts) is left out.
    /// `Ok(false)` when the event would have to be reshaped (a key of customer JSON renamed,
    /// a number under a PHI key turned into a string): the caller then walks the tree, and
    /// what this call collected and counted is to be thrown away.
    pub fn redact_tape(
        &self,
        ev: TapeView<'_, '_>,
        skip: usize,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
        edits: &mut Edits,
    ) -> Result<bool, RedactError> {
        let ctx = Ctx {
            customer: false,
            depth: 0,
            decoded: false,
        };
        edits.clear();
        self.walk_tape(ev, None, None, ctx, skip, ws, stats, edits)
    }

    /// [`Engine::walk`] on a tape (see [`Engine::redact_tape`]).
    #[allow(clippy::too_many_arguments)]
    fn walk_tape(
        &self,
        v: TapeView<'_, '_>,
        key: Option<&str>,
        hint: Option<Label>,
        ctx: Ctx,
        skip: usize,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
        edits: &mut Edits,
    ) -> Result<bool, RedactError> {
        let (rule, customer) = self.key_rule(key, ctx)?;
        let f = &self.fields;
        match v.head() {
            Node::String(s) => match leaf_rule(rule, hint, ctx) {
                // (most leaves: SIDs, statuses, timestamps, without a call)
                Some(Rule::Keep) => {}
                r => {
                    if self.leaf(s, r, customer, ctx, ws, stats, &mut edits.text)? {
                        edits.at.push((s.as_ptr() as usize, edits.text.len()));
                    }
                }
            },
            Node::Array { .. } => {
                for (i, item) in v.input_elements().enumerate() {
                    let inner = Ctx {
                        depth: ctx.depth + 1,
                        ..ctx
                    };
                    if !self
                        .walk_tape(item, key, hint, inner, skip, ws, stats, edits)
                        .map_err(|e| e.within(&i.to_string()))?
                    {
                        return Ok(false);
                    }
                }
            }
            Node::Object { .. } => {
                let inner = Ctx {
                    customer,
                    depth: ctx.depth + 1,
                    ..ctx
                };
                for (k, item) in v.input_members() {
                    if k.as_ptr() as usize == skip {
                        continue;
                    }
                    let hint = if customer { f.hint(k) } else { None };
                    if !self
                        .walk_tape(item, Some(k), hint, inner, skip, ws, stats, edits)
                        .map_err(|e| e.within(if customer { "*" } else { k }))?
                    {
                        return Ok(false);
                    }
                    if customer
                        && hint.is_none()
                        && !self.matcher.detect(k, &mut ws.scratch).is_empty()
                    {
                        // a key to rename: only the tree can
                        return Ok(false);
                    }
                }
            }
            Node::Static(n) => {
                if hint.is_some()
                    && !matches!(
                        n,
                        simd_json::StaticNode::Null | simd_json::StaticNode::Bool(_)
                    )
                {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    /// Output of our own transforms is left alone (idempotence for whole-value fields).
    fn is_own_output(&self, s: &str) -> bool {
        let b = s.as_bytes();
        if b.len() >= 3 && b[0] == b'[' && b[b.len() - 1] == b']' {
            return s[1..s.len() - 1].parse::<Label>().is_ok();
        }
        // a token, LABEL-BODY: it starts with a capital (phone numbers, most values, do
        // not), and its hyphen is within a label's length of the start (searching the whole
        // value cost ~250 instructions per event)
        if let Some(i) = b
            .first()
            .filter(|c| c.is_ascii_uppercase())
            .and_then(|_| b.iter().take(Label::MAX_LEN + 1).position(|&c| c == b'-'))
        {
            if s[..i].parse::<Label>().is_ok() && super::transform::is_token_body(&b[i + 1..]) {
                return true;
            }
        }
        s.ends_with("XXXX") && !s.trim_end_matches('X').chars().any(char::is_alphabetic)
    }

    /// The URL or form with every query value redacted; `None` when there is no query.
    fn redact_form(
        &self,
        s: &str,
        ws: &mut WorkerScratch,
        stats: &mut RedactStats,
    ) -> Option<String> {
        let (base, query) = match s.find('?') {
            Some(i) => (&s[..=i], &s[i + 1..]),
            None if s.contains('=') && !s.contains("://") => ("", s),
            None => return None,
        };
        let mut out = String::with_capacity(s.len());
        out.push_str(base);
        for (n, pair) in query.split('&').enumerate() {
            if n > 0 {
                out.push('&');
            }
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            out.push_str(k);
            if !pair.contains('=') {
                continue;
            }
            out.push('=');
            let key = percent_decode(k);
            let val = percent_decode(v);
            let mut red = String::new();
            match self.fields.rule(key.as_str()) {
                Some(Rule::Keep) => red.push_str(&val),
                Some(Rule::Whole(l)) if !val.is_empty() => {
                    self.transforms.apply(l, &val, &mut red);
                    stats.add(l);
                }
                _ => {
                    if !self.redact_text_into(&val, ws, &mut red, stats) {
                        red = val.clone();
                    }
                }
            }
            percent_encode(&red, &mut out);
        }
        Some(out)
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len()
                && b[i + 1].is_ascii_hexdigit()
                && b[i + 2].is_ascii_hexdigit() =>
            {
                let hex = |c: u8| {
                    if c.is_ascii_digit() {
                        c - b'0'
                    } else {
                        (c | 0x20) - b'a' + 10
                    }
                };
                out.push(hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent_encode(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~[]".contains(&b) {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_round_trip() {
        let mut o = String::new();
        percent_encode("a b+c/é", &mut o);
        assert_eq!(percent_decode(&o), "a b+c/é");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("50%"), "50%");
    }

    #[test]
    fn key_hints_ignore_case_and_separators() {
        let mut f = FieldRules::default();
        f.key_hints.insert("patientname".into(), Label::Name);
        f.key_hints.insert(
            "émergencycontactphonenumberofthepatient".into(),
            Label::Phone,
        );
        let c = CompiledFields::new(&f);
        for k in [
            "patientName",
            "Patient_Name",
            "patient-name",
            "PATIENT NAME",
        ] {
            assert_eq!(c.hint(k), Some(Label::Name), "{k}");
        }
        // longer than the stack buffer, and not ASCII
        assert_eq!(
            c.hint("Émergency_Contact_Phone_Number_Of_The_Patient"),
            Some(Label::Phone)
        );
        assert_eq!(c.hint("patient"), None);
        assert_eq!(c.hint("patientnames"), None);
    }

    /// The shipped hints give identifiers in customer JSON their own label: an insurance or
    /// member id is an account number, not any other identifier.
    #[test]
    fn shipped_key_hints_label_ids() {
        let set = crate::redact::PatternSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let c = CompiledFields::new(&set.fields);
        for (k, want) in [
            ("insuranceId", Label::Account),
            ("member_id", Label::Account),
            ("patientMemberId", Label::Account),
            ("policyNumber", Label::Account),
            ("drivers_license", Label::License),
            ("customerName", Label::Name),
            ("passport", Label::OtherId),
            ("employee id", Label::OtherId),
            ("health_card_number", Label::Account),
            ("vin", Label::Vehicle),
            ("fax", Label::Phone),
        ] {
            assert_eq!(c.hint(k), Some(want), "{k}");
        }
    }

    /// A key of a prefix that says whose value it is and a hint's key takes that hint;
    /// a key the hints name whole keeps its own; other words before a hint take none.
    #[test]
    fn key_hints_after_a_prefix_of_whose_value() {
        let mut f = FieldRules::default();
        f.key_hints.insert("city".into(), Label::Address);
        f.key_hints.insert("phone".into(), Label::Phone);
        f.key_hints.insert("callerphone".into(), Label::Name);
        f.key_hint_prefixes = vec!["caller".into(), "Emergency_Contact".into()];
        let c = CompiledFields::new(&f);
        for (k, want) in [
            ("caller_city", Some(Label::Address)),
            ("CallerCity", Some(Label::Address)),
            ("emergency-contact-phone", Some(Label::Phone)),
            ("callerPhone", Some(Label::Name)),
            ("velocity", None),
            ("destination_city", None),
            ("caller", None),
            ("caller_", None),
        ] {
            assert_eq!(c.hint(k), want, "{k}");
        }
    }

    /// Errors name the schema path of the field (customer keys as `*`), never a value.
    #[test]
    fn errors_name_the_path() {
        let engine = Engine::embedded_default(2026).unwrap_or_else(|e| panic!("{e}"));
        let mut ws = engine.worker();
        let mut run = |json: &str| {
            let mut b = json.as_bytes().to_vec();
            let mut v = simd_json::to_borrowed_value(&mut b).unwrap_or_else(|e| panic!("{e}"));
            let mut st = RedactStats::default();
            engine
                .redact_value(&mut v, &mut ws, &mut st)
                .err()
                .map(|e| e.to_string())
        };
        assert_eq!(
            run(r#"{"data":{"items":[{"ok":"x"},{"responseBody":"not base64 !"}]}}"#).as_deref(),
            Some("field $.data.items.1.responseBody: not decodable base64 text")
        );
        assert_eq!(
            run(r#"{"data":{"task_attributes":"{\"secret key\":[{\"responseBody\":\"%%\"}]}"}}"#)
                .as_deref(),
            Some("field $.data.task_attributes.*.0.*: not decodable base64 text")
        );
        let deep = format!(
            "{}1{}",
            "[".repeat(MAX_DEPTH + 2),
            "]".repeat(MAX_DEPTH + 2)
        );
        let err = run(&deep).unwrap_or_default();
        assert!(err.starts_with("field $.0.0.0."), "{err}");
        assert_eq!(run(r#"{"data":{"body":"call me"}}"#), None);
    }
}
