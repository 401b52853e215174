//! The policy file (`patterns/policy.toml`) and the decision for one event.

use std::borrow::Cow;

use crate::redact::starts_with_ascii_ci;
use crate::view::View;
use serde::Deserialize;

use super::date::Date;
use super::phone::{classify, Origin};

/// Why an event was dropped (a fixed set: these are metric label values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// The product is not a HIPAA Eligible Service (on the processing date).
    ProductNotEligible,
    /// WhatsApp traffic.
    ChannelWhatsapp,
    /// Facebook Messenger traffic.
    ChannelMessenger,
    /// E-mail traffic.
    ChannelEmail,
    /// Another channel that is not eligible (e.g. Verify e-mail).
    ChannelNotEligible,
    /// The end user's number is not a US number.
    NonUsNumber,
    /// The account is not in `hipaa_accounts`.
    AccountNotDesignated,
    /// A duplicate CloudEvent `id` inside the de-duplication window.
    Duplicate,
    /// The sink's allowlist of event types excludes it.
    TypeNotAllowed,
}

impl DropReason {
    /// Every reason, in metric registration order.
    pub const ALL: [DropReason; 9] = [
        DropReason::ProductNotEligible,
        DropReason::ChannelWhatsapp,
        DropReason::ChannelMessenger,
        DropReason::ChannelEmail,
        DropReason::ChannelNotEligible,
        DropReason::NonUsNumber,
        DropReason::AccountNotDesignated,
        DropReason::Duplicate,
        DropReason::TypeNotAllowed,
    ];

    /// Label value.
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::ProductNotEligible => "product_not_eligible",
            DropReason::ChannelWhatsapp => "channel_whatsapp",
            DropReason::ChannelMessenger => "channel_messenger",
            DropReason::ChannelEmail => "channel_email",
            DropReason::ChannelNotEligible => "channel_not_eligible",
            DropReason::NonUsNumber => "non_us_number",
            DropReason::AccountNotDesignated => "account_not_designated",
            DropReason::Duplicate => "duplicate",
            DropReason::TypeNotAllowed => "type_not_allowed",
        }
    }

    fn parse(s: &str) -> Option<DropReason> {
        DropReason::ALL.iter().copied().find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    version: String,
    #[serde(default)]
    rule: Vec<RuleSpec>,
    #[serde(default)]
    channel: Vec<ChannelSpec>,
    #[serde(default)]
    end_user: Vec<EndUserSpec>,
}

/// One product rule.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Stable id, shown by `phigate policy explain`.
    pub id: String,
    /// Product label (metrics).
    pub product: String,
    /// Event type prefixes.
    pub types: Vec<String>,
    /// `eligible` or `not_eligible`.
    pub decision: Eligibility,
    /// Seed document and passage it follows.
    pub cite: String,
    /// In force from this date (inclusive).
    #[serde(default)]
    pub from: Option<Date>,
    /// In force until this date (exclusive).
    #[serde(default)]
    pub until: Option<Date>,
}

/// Eligible or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    /// May carry PHI downstream (after redaction).
    Eligible,
    /// Dropped.
    NotEligible,
}

/// A channel rule.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelSpec {
    /// Stable id.
    pub id: String,
    /// Drop reason code.
    pub reason: String,
    /// Field names (any depth under `data`).
    pub fields: Vec<String>,
    /// Value prefixes (case-insensitive).
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Whole values (case-insensitive).
    #[serde(default)]
    pub values: Vec<String>,
    /// Any non-empty value.
    #[serde(default)]
    pub any_value: bool,
    /// Seed citation.
    pub cite: String,
}

/// Where the end user's number is, by type.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndUserSpec {
    /// Type prefixes.
    pub types: Vec<String>,
    /// Paths below `data`.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Path of a direction field (`inbound…` / `outbound…`).
    #[serde(default)]
    pub direction: Option<String>,
    /// Paths when inbound.
    #[serde(default)]
    pub inbound_paths: Vec<String>,
    /// Paths when outbound.
    #[serde(default)]
    pub outbound_paths: Vec<String>,
}

/// The policy file failed to load.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// Could not read the file.
    #[error("cannot read policy {path}: {message}")]
    Io { path: String, message: String },
    /// Bad TOML or unknown key.
    #[error("policy {path}: {message}")]
    Toml { path: String, message: String },
    /// A rule names an unknown drop reason.
    #[error("policy {path}: channel rule `{id}` has unknown reason (see docs for the fixed set)")]
    Reason { path: String, id: String },
}

/// What happens to an event. The rule id borrows from the policy (no allocation per event);
/// [`Decision::into_owned`] detaches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision<'p> {
    /// Eligible: redact and forward.
    Forward {
        /// Product label.
        product: &'static str,
        /// Rule id.
        rule: Cow<'p, str>,
    },
    /// Not eligible: counted, never forwarded.
    Drop {
        /// Product label.
        product: &'static str,
        /// Why.
        reason: DropReason,
        /// Rule id (or a built-in check name).
        rule: Cow<'p, str>,
    },
    /// Cannot be judged: quarantined.
    Quarantine {
        /// Quarantine reason code.
        reason: &'static str,
    },
}

impl Decision<'_> {
    /// The same decision, owning its rule id.
    pub fn into_owned(self) -> Decision<'static> {
        match self {
            Decision::Forward { product, rule } => Decision::Forward {
                product,
                rule: Cow::Owned(rule.into_owned()),
            },
            Decision::Drop {
                product,
                reason,
                rule,
            } => Decision::Drop {
                product,
                reason,
                rule: Cow::Owned(rule.into_owned()),
            },
            Decision::Quarantine { reason } => Decision::Quarantine { reason },
        }
    }
}

/// Account options that come from the pipeline config, not the policy file.
#[derive(Clone, Debug, Default)]
pub struct PolicyOptions {
    /// HIPAA-designated account SIDs; empty = not checked.
    pub hipaa_accounts: Vec<String>,
    /// Enforce US-only end users (default true).
    pub us_only: bool,
}

/// The loaded policy. Product labels are interned to `&'static str` so metrics never see
/// record content.
#[derive(Debug)]
pub struct Policy {
    version: String,
    rules: Vec<(RuleSpec, &'static str)>,
    /// Every rule's type prefixes, grouped by their first `type_key_len` bytes (the length of
    /// the shortest prefix), as (rule, prefix) positions in file order: an event's type finds
    /// the few prefixes it can start with in one lookup instead of comparing all of them.
    type_index: TypeIndex,
    type_key_len: usize,
    channels: Vec<(ChannelSpec, DropReason)>,
    /// Field name → the channel rules (indices, ascending) that look at it.
    channel_fields: ChannelFields,
    end_users: Vec<EndUserSpec>,
    opts: PolicyOptions,
    products: Vec<&'static str>,
}

/// Field name → the channel rules (indices, ascending) that look at it, behind a filter on
/// the name's first byte and length: most keys of an event are no channel field, and the
/// filter turns them away without hashing them.
#[derive(Debug, Default)]
struct ChannelFields {
    map: rustc_hash::FxHashMap<String, Vec<usize>>,
    first_bytes: [u64; 4],
    /// Bit n: some field is n bytes long (bit 63: 63 or more).
    lengths: u64,
}

impl ChannelFields {
    fn add(&mut self, field: &str, rule: usize) {
        let v = self.map.entry(field.to_string()).or_default();
        if !v.contains(&rule) {
            v.push(rule);
        }
        if let Some(&b) = field.as_bytes().first() {
            self.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        self.lengths |= 1 << field.len().min(63);
    }

    #[inline]
    fn get(&self, key: &str) -> Option<&[usize]> {
        if self.lengths & (1 << key.len().min(63)) == 0 {
            return None;
        }
        if let Some(&b) = key.as_bytes().first() {
            if self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) == 0 {
                return None;
            }
        }
        self.map.get(key).map(Vec::as_slice)
    }
}

/// Type prefixes by their first bytes: (rule, prefix) positions in `rules` and its `types`.
type TypeIndex = rustc_hash::FxHashMap<Box<[u8]>, Vec<(usize, usize)>>;

/// The type-prefix index of [`Policy`]: prefixes keyed by their first `k` bytes, `k` the
/// length of the shortest, as (rule, prefix) positions in file order.
fn index_types(rules: &[(RuleSpec, &'static str)]) -> (TypeIndex, usize) {
    let k = rules
        .iter()
        .flat_map(|r| r.0.types.iter().map(String::len))
        .min()
        .unwrap_or(0);
    let mut index = TypeIndex::default();
    for (i, r) in rules.iter().enumerate() {
        for (j, p) in r.0.types.iter().enumerate() {
            index
                .entry(p.as_bytes()[..k].into())
                .or_default()
                .push((i, j));
        }
    }
    (index, k)
}

static EMBEDDED: &str = include_str!("../../patterns/policy.toml");

impl Policy {
    /// The embedded default policy.
    pub fn embedded(opts: PolicyOptions) -> Result<Policy, PolicyError> {
        Self::parse(EMBEDDED, "patterns/policy.toml (embedded)", opts)
    }

    /// Load a policy file.
    pub fn from_path(path: &std::path::Path, opts: PolicyOptions) -> Result<Policy, PolicyError> {
        let text = std::fs::read_to_string(path).map_err(|e| PolicyError::Io {
            path: path.display().to_string(),
            message: e.kind().to_string(),
        })?;
        Self::parse(&text, &path.display().to_string(), opts)
    }

    /// Parse policy text.
    pub fn parse(text: &str, path: &str, opts: PolicyOptions) -> Result<Policy, PolicyError> {
        let f: PolicyFile = toml::from_str(text).map_err(|e| PolicyError::Toml {
            path: path.into(),
            message: crate::redact::toml_position(&e, text),
        })?;
        let mut products: Vec<&'static str> = Vec::new();
        let mut intern = |p: &str| -> &'static str {
            if let Some(x) = products.iter().find(|x| **x == p) {
                return x;
            }
            let leaked: &'static str = Box::leak(p.to_string().into_boxed_str());
            products.push(leaked);
            leaked
        };
        let rules: Vec<(RuleSpec, &'static str)> = f
            .rule
            .into_iter()
            .map(|r| {
                let p = intern(&r.product);
                (r, p)
            })
            .collect();
        let (type_index, type_key_len) = index_types(&rules);
        intern("unknown");
        let mut channels = Vec::new();
        for c in f.channel {
            let reason = DropReason::parse(&c.reason).ok_or_else(|| PolicyError::Reason {
                path: path.into(),
                id: c.id.clone(),
            })?;
            channels.push((c, reason));
        }
        let mut channel_fields = ChannelFields::default();
        for (i, (c, _)) in channels.iter().enumerate() {
            for f in &c.fields {
                channel_fields.add(f, i);
            }
        }
        Ok(Policy {
            version: f.version,
            rules,
            type_index,
            type_key_len,
            channels,
            channel_fields,
            end_users: f.end_user,
            opts,
            products,
        })
    }

    /// Version stamped on output.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Every product label the policy can produce (for metric registration).
    pub fn products(&self) -> &[&'static str] {
        &self.products
    }

    /// The account options.
    pub fn options(&self) -> &PolicyOptions {
        &self.opts
    }

    fn product_rule(&self, ty: &str, today: Date) -> Option<&(RuleSpec, &'static str)> {
        let key = ty.as_bytes().get(..self.type_key_len)?;
        let mut best: Option<(&(RuleSpec, &'static str), usize)> = None;
        for &(i, j) in self.type_index.get(key)? {
            let r = &self.rules[i];
            if r.0.from.is_some_and(|f| today < f) || r.0.until.is_some_and(|u| today >= u) {
                continue;
            }
            let prefix = &r.0.types[j];
            if ty.starts_with(prefix.as_str()) && best.is_none_or(|(_, l)| prefix.len() > l) {
                best = Some((r, prefix.len()));
            }
        }
        best.map(|(r, _)| r)
    }

    /// Judge one parsed event on the processing date `today`.
    pub fn judge<'a>(&self, ev: impl View<'a>, today: Date) -> Decision<'_> {
        let (Some(ty), Some(_id), Some(_sv)) = (
            ev.get("type").and_then(|v| v.as_str()),
            ev.get("id").and_then(|v| v.as_str()),
            ev.get("specversion").and_then(|v| v.as_str()),
        ) else {
            return Decision::Quarantine {
                reason: crate::pipeline::reason::NOT_CLOUDEVENT,
            };
        };
        let Some((rule, product)) = self.product_rule(ty, today) else {
            return Decision::Quarantine {
                reason: crate::pipeline::reason::UNKNOWN_TYPE,
            };
        };
        if rule.decision == Eligibility::NotEligible {
            return Decision::Drop {
                product,
                reason: DropReason::ProductNotEligible,
                rule: Cow::Borrowed(&rule.id),
            };
        }
        let data = ev.get("data");
        if let Some(d) = data {
            // one walk of the payload for all channel rules; the first rule that hits wins
            let mut first = usize::MAX;
            channel_hits(d, &self.channels, &self.channel_fields, 0, &mut first);
            if let Some((c, reason)) = self.channels.get(first) {
                return Decision::Drop {
                    product,
                    reason: *reason,
                    rule: Cow::Borrowed(&c.id),
                };
            }
        }
        if !self.opts.hipaa_accounts.is_empty() {
            let acct = account_sid(ev);
            if !acct.is_some_and(|a| self.opts.hipaa_accounts.iter().any(|h| h == a)) {
                return Decision::Drop {
                    product,
                    reason: DropReason::AccountNotDesignated,
                    rule: Cow::Borrowed("hipaa_accounts"),
                };
            }
        }
        if self.opts.us_only {
            if let (Some(d), Some(eu)) = (
                data,
                self.end_users
                    .iter()
                    .find(|e| e.types.iter().any(|t| ty.starts_with(t.as_str()))),
            ) {
                let paths: &[String] = match &eu.direction {
                    Some(dp) => match get_path(d, dp).and_then(|v| v.as_str()) {
                        Some(dir) if starts_with_ascii_ci(dir.as_bytes(), b"outbound") => {
                            &eu.outbound_paths
                        }
                        Some(_) => &eu.inbound_paths,
                        None => &[],
                    },
                    None => &eu.paths,
                };
                for p in paths {
                    if let Some(addr) = get_path(d, p).and_then(|v| v.as_str()) {
                        if classify(addr) == Origin::NonUs {
                            return Decision::Drop {
                                product,
                                reason: DropReason::NonUsNumber,
                                rule: Cow::Owned(format!("us_only:{p}")),
                            };
                        }
                    }
                }
            }
        }
        Decision::Forward {
            product,
            rule: Cow::Borrowed(&rule.id),
        }
    }

    /// The rule behind an id, for `policy explain`.
    pub fn cite(&self, rule_id: &str) -> Option<&str> {
        self.rules
            .iter()
            .map(|(r, _)| (r.id.as_str(), r.cite.as_str()))
            .chain(
                self.channels
                    .iter()
                    .map(|(c, _)| (c.id.as_str(), c.cite.as_str())),
            )
            .find(|(id, _)| *id == rule_id)
            .map(|(_, c)| c)
    }
}

/// The value at a dotted path (`request.parameters.From`).
pub fn get_path<'a, V: View<'a>>(v: V, path: &str) -> Option<V> {
    // (`split('.')`, byte by byte: the paths are short, and the general search cost more
    // than the lookups)
    let (mut cur, mut rest) = (v, path);
    while let Some(i) = rest.bytes().position(|c| c == b'.') {
        cur = cur.get(&rest[..i])?;
        rest = &rest[i + 1..];
    }
    cur.get(rest)
}

/// Lower `first` to the index of the first channel rule that matches somewhere in `v`.
fn channel_hits<'a>(
    v: impl View<'a>,
    channels: &[(ChannelSpec, DropReason)],
    fields: &ChannelFields,
    depth: usize,
    first: &mut usize,
) {
    if depth > 16 || *first == 0 {
        return;
    }
    if v.is_object() {
        for (k, val) in v.members() {
            if let Some(ids) = fields.get(k) {
                for &i in ids.iter().take_while(|&&i| i < *first) {
                    if value_hits(val, &channels[i].0) {
                        *first = i;
                        break;
                    }
                }
            }
            // (leaves, most members, without a call each)
            if val.is_container() {
                channel_hits(val, channels, fields, depth + 1, first);
            }
        }
    } else {
        for x in v.elements().filter(|x| x.is_container()) {
            channel_hits(x, channels, fields, depth + 1, first);
        }
    }
}

fn value_hits<'a>(v: impl View<'a>, c: &ChannelSpec) -> bool {
    if let Some(s) = v.as_str() {
        // case-insensitive, without allocating: this runs on every field of every event
        (c.any_value && !s.is_empty())
            || c.prefixes
                .iter()
                .any(|p| starts_with_ascii_ci(s.as_bytes(), p.as_bytes()))
            || c.values.iter().any(|x| s.eq_ignore_ascii_case(x))
    } else if v.is_object() {
        c.any_value
    } else {
        v.elements().any(|x| value_hits(x, c))
    }
}

/// The account SID of an event: from `data` (three casings, Voice request parameters) or the
/// `source` path.
pub fn account_sid<'a>(ev: impl View<'a>) -> Option<&'a str> {
    let d = ev.get("data");
    for p in [
        "accountSid",
        "AccountSid",
        "account_sid",
        "request.parameters.AccountSid",
    ] {
        if let Some(s) = d.and_then(|d| get_path(d, p)).and_then(|v| v.as_str()) {
            return Some(s);
        }
    }
    let src = ev.get("source")?.as_str()?;
    let i = src.find("/Accounts/")? + "/Accounts/".len();
    let rest = &src[i..];
    Some(rest.split('/').next().unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the type index replaced: every prefix of every rule in force, compared in order.
    fn product_rule_by_scan(p: &Policy, ty: &str, today: Date) -> Option<String> {
        let mut best: Option<(&RuleSpec, usize)> = None;
        for (r, _) in &p.rules {
            if r.from.is_some_and(|f| today < f) || r.until.is_some_and(|u| today >= u) {
                continue;
            }
            for prefix in &r.types {
                if ty.starts_with(prefix.as_str()) && best.is_none_or(|(_, l)| prefix.len() > l) {
                    best = Some((r, prefix.len()));
                }
            }
        }
        best.map(|(r, _)| r.id.clone())
    }

    #[test]
    fn the_type_index_picks_the_rule_a_scan_of_every_prefix_picks() {
        // prefixes that share their first bytes, nest, repeat, and come and go by date
        let crafted = r#"
            version = "t"
            [[rule]]
            id = "a"
            product = "p"
            types = ["com.x.a.", "com.x.ab."]
            decision = "eligible"
            cite = "-"
            [[rule]]
            id = "a-long"
            product = "p"
            types = ["com.x.a.b."]
            decision = "not_eligible"
            cite = "-"
            until = "2026-06-01"
            [[rule]]
            id = "a-long-later"
            product = "q"
            types = ["com.x.a.b.", "com.x.a.b."]
            decision = "eligible"
            cite = "-"
            from = "2026-06-01"
            [[rule]]
            id = "same-length-twin"
            product = "q"
            types = ["com.x.a.c.", "com.x.a.b."]
            decision = "eligible"
            cite = "-"
            [[rule]]
            id = "short"
            product = "q"
            types = ["com.y"]
            decision = "eligible"
            cite = "-"
        "#;
        let opts = || PolicyOptions {
            hipaa_accounts: vec![],
            us_only: true,
        };
        let policies = [
            Policy::parse(crafted, "crafted", opts()).unwrap_or_else(|e| panic!("{e}")),
            Policy::embedded(opts()).unwrap_or_else(|e| panic!("{e}")),
        ];
        let dates = ["2020-01-01", "2026-05-31", "2026-06-01", "2030-01-01"]
            .map(|d| d.parse::<Date>().unwrap_or_else(|e| panic!("{e}")));
        let mut rng = crate::gen::Rng::new(11);
        let tails = ["", ".", "a", "b.", "x.y", "é", "com."];
        let mut checked = 0;
        for p in &policies {
            let mut types: Vec<String> = vec![String::new(), "c".into(), "com".into()];
            for (r, _) in &p.rules {
                for prefix in &r.types {
                    for cut in 0..=prefix.len() {
                        if prefix.is_char_boundary(cut) {
                            let tail = rng.pick(&tails);
                            types.push(format!("{}{tail}", &prefix[..cut]));
                        }
                    }
                }
            }
            for ty in &types {
                for &d in &dates {
                    let by_index = p.product_rule(ty, d).map(|(r, _)| r.id.clone());
                    assert_eq!(by_index, product_rule_by_scan(p, ty, d), "{ty:?} on {d:?}");
                    checked += usize::from(by_index.is_some());
                }
            }
        }
        // (the types above are not all unknown)
        assert!(checked > 100, "{checked}");
    }

    /// The field filter turns away only names that are no field: every field (and the empty
    /// name, if it is one) is found, with its rules; names of other lengths or first bytes
    /// are not.
    #[test]
    fn channel_fields_find_their_fields_and_only_them() {
        let mut f = ChannelFields::default();
        let names = ["to", "From", "contact_channel_address", "ü-field", "a"];
        for (i, n) in names.iter().enumerate() {
            f.add(n, i);
            f.add(n, i + 10);
        }
        f.add("to", 10);
        for (i, n) in names.iter().enumerate() {
            assert_eq!(f.get(n), Some(&[i, i + 10][..]), "{n}");
        }
        for n in [
            "",
            "t",
            "tO",
            "from",
            "ab",
            "x",
            "contact_channel_addresS",
            "ü-fielD",
        ] {
            assert_eq!(f.get(n), None, "{n}");
        }
        f.add("", 3);
        assert_eq!(f.get(""), Some(&[3][..]));
    }
}
