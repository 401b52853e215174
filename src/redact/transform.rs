//! What replaces a detected identifier, per label: `tag` (default), `mask`, `hmac`,
//! `generalize` or `remove`.
//!
//! **HMAC tokens are pseudonyms derived from the data.** `hmac` renders a keyed HMAC-SHA256 of
//! a normalised value as `LABEL-<12 base32 chars>`, so the same phone number always maps to the
//! same token under one key (useful for joins and counts). Because the token is derived from
//! the identifier, 45 CFR 164.514(c) does not let it count as a de-identification code: output
//! that contains such tokens is still PHI and belongs in HIPAA-compliant sinks only. Rotate
//! keys by giving the new key a new `key_id`; the id is stamped on each output event.

use std::sync::atomic::{AtomicI32, Ordering};

use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

use super::error::BuildError;
use super::label::Label;

/// A secret that never prints.
#[derive(Clone, Default)]
pub struct Secret(pub Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("**REDACTED**")
    }
}

/// The kind of transform.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransformKind {
    /// `[LABEL]`; a span over a line break becomes one tag per line, so the text keeps
    /// its lines.
    #[default]
    Tag,
    /// Letters and digits replaced with `X`, keeping some leading or trailing ones.
    Mask,
    /// Keyed pseudonym `LABEL-XXXXXXXXXXXX` (still PHI, see module docs).
    Hmac,
    /// Dates to the year, ages over 89 to `90+`, ZIP codes to 3 digits (`000` if restricted).
    Generalize,
    /// Nothing.
    Remove,
}

/// One label's transform, as written in config (`[transforms.PHONE]`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransformSpec {
    /// What to do.
    pub kind: TransformKind,
    /// `mask`: keep this many leading letters/digits.
    #[serde(default)]
    pub keep_leading: usize,
    /// `mask`: keep this many trailing letters/digits.
    #[serde(default)]
    pub keep_trailing: usize,
    /// `mask`: mask only the last N letters/digits (Twilio's phone redaction is `mask_last = 4`).
    #[serde(default)]
    pub mask_last: Option<usize>,
}

/// An HMAC key with its id.
#[derive(Clone, Debug)]
pub struct HmacKey {
    /// Stamped on output (`phigatehmackey`), so consumers know which key made a token.
    pub id: String,
    /// The key bytes.
    pub key: Secret,
}

/// Transforms for every label, plus what they need.
#[derive(Debug)]
pub struct Transforms {
    specs: [TransformSpec; 16],
    hmac: Option<HmacKey>,
    /// Year of processing: years at or before `year - 90` imply an age over 89. It moves
    /// with the processing date ([`Transforms::set_year`]): a service running into a new
    /// year counts ages from it without a restart.
    year: AtomicI32,
    restricted_zip3: Vec<String>,
}

impl Clone for Transforms {
    fn clone(&self) -> Transforms {
        Transforms {
            specs: self.specs.clone(),
            hmac: self.hmac.clone(),
            year: AtomicI32::new(self.year()),
            restricted_zip3: self.restricted_zip3.clone(),
        }
    }
}

impl Transforms {
    /// All labels tagged.
    pub fn new(year: i32, restricted_zip3: Vec<String>) -> Transforms {
        Transforms {
            specs: Default::default(),
            hmac: None,
            year: AtomicI32::new(year),
            restricted_zip3,
        }
    }

    /// The year of processing.
    pub fn year(&self) -> i32 {
        self.year.load(Ordering::Relaxed)
    }

    /// Move the year of processing (the runner does, with the processing date).
    pub fn set_year(&self, year: i32) {
        self.year.store(year, Ordering::Relaxed);
    }

    /// Set one label's transform. `hmac` needs a key.
    pub fn set(&mut self, label: Label, spec: TransformSpec) -> Result<(), BuildError> {
        if spec.kind == TransformKind::Hmac && self.hmac.is_none() {
            return Err(BuildError::Transform {
                label: label.to_string(),
                message: "kind = \"hmac\" needs an HMAC key (hmac_key_file or hmac_key_env)".into(),
            });
        }
        self.specs[label.index()] = spec;
        Ok(())
    }

    /// Install the HMAC key (before `set` of hmac transforms).
    pub fn set_hmac_key(&mut self, key: HmacKey) {
        self.hmac = Some(key);
    }

    /// The key id in use, if any label uses hmac.
    pub fn hmac_key_id(&self) -> Option<&str> {
        if self.specs.iter().any(|s| s.kind == TransformKind::Hmac) {
            self.hmac.as_ref().map(|k| k.id.as_str())
        } else {
            None
        }
    }

    /// The spec of a label.
    pub fn spec(&self, label: Label) -> &TransformSpec {
        &self.specs[label.index()]
    }

    /// Append the replacement for `value` (detected as `label`) to `out`: one for the whole
    /// value (a field whose value is PHI as a whole).
    pub fn apply(&self, label: Label, value: &str, out: &mut String) {
        self.apply_lines(label, value, false, out);
    }

    /// [`Transforms::apply`] for a span found in a text; with `lines`, a tag is written for
    /// each line of `value` and its line breaks are kept (see `tag_lines`). The caller
    /// searches its text for a line break once, not every span.
    pub(crate) fn apply_lines(&self, label: Label, value: &str, lines: bool, out: &mut String) {
        let spec = &self.specs[label.index()];
        match spec.kind {
            TransformKind::Tag if lines => tag_lines(label, value, out),
            TransformKind::Tag => tag(label, out),
            TransformKind::Remove => {}
            TransformKind::Mask => mask(value, spec, out),
            TransformKind::Hmac => match &self.hmac {
                Some(k) => hmac_token(label, value, &k.key.0, out),
                None => tag(label, out),
            },
            TransformKind::Generalize => self.generalize(label, value, lines, out),
        }
    }

    fn generalize(&self, label: Label, value: &str, lines: bool, out: &mut String) {
        match label {
            Label::AgeOver89 => out.push_str("90+"),
            // ("90+" is this transform's own output: a field generalized twice stays so)
            Label::Date if value == "90+" => out.push_str("90+"),
            Label::Date => match find_year(&super::fold::folded(value)) {
                Some(y) if y <= self.year() - 90 => out.push_str("90+"),
                Some(y) => out.push_str(&y.to_string()),
                None => tag(label, out),
            },
            Label::Zip => {
                // only a US ZIP (digits, "-" before a ZIP+4) has a 3-digit prefix to keep;
                // other postal codes ("K1A 0B9", "4417 KD") become 000. Three digits are
                // such a prefix already, this transform's own output: a field generalized
                // twice stays as it was ("200", "000")
                let digits = value.bytes().take_while(u8::is_ascii_digit).count();
                let us = value.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                    && (digits == 5 || digits == 3 && value.len() == 3);
                let d: String = value.chars().filter(char::is_ascii_digit).take(3).collect();
                if us && d.len() == 3 && !self.restricted_zip3.contains(&d) {
                    out.push_str(&d);
                } else {
                    out.push_str("000");
                }
            }
            _ if lines => tag_lines(label, value, out),
            _ => tag(label, out),
        }
    }
}

/// `[LABEL]`, once for each line of `value` that holds more than white space, with the line
/// breaks kept ("ORSKAVIK⏎Springfield" → `"[ADDRESS]⏎[ADDRESS]"`). One tag for both would join
/// two lines, and the next pass would read their words as one line's (its case, its first
/// word): redaction would not be idempotent.
fn tag_lines(label: Label, value: &str, out: &mut String) {
    for (i, line) in value.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.trim().is_empty() {
            tag(label, out);
        }
        if line.ends_with('\r') {
            out.push('\r');
        }
    }
}

fn tag(label: Label, out: &mut String) {
    out.push('[');
    out.push_str(label.as_str());
    out.push(']');
}

fn mask(value: &str, spec: &TransformSpec, out: &mut String) {
    let n = value.chars().filter(|c| c.is_alphanumeric()).count();
    let (keep_lead, keep_trail) = match spec.mask_last {
        Some(m) => (n.saturating_sub(m), 0),
        None => (spec.keep_leading, spec.keep_trailing),
    };
    let mut i = 0;
    for c in value.chars() {
        if c.is_alphanumeric() {
            if i < keep_lead || i + keep_trail >= n {
                out.push(c);
            } else {
                out.push('X');
            }
            i += 1;
        } else {
            out.push(c);
        }
    }
}

/// The per-label normalised form that the HMAC is computed over.
pub fn normalize(label: Label, value: &str) -> String {
    // (read as the matcher reads it: invisible format characters are no part of the value,
    // "Mari\u{200B}sol" is "Marisol", and look-alikes are their ASCII, "２０２" is "202")
    let value = &*super::fold::folded(value);
    match label {
        Label::Phone => {
            let d: String = value.chars().filter(char::is_ascii_digit).collect();
            if d.len() == 10 {
                format!("1{d}")
            } else {
                d
            }
        }
        Label::Email => value.trim().to_lowercase(),
        Label::Name => value
            .split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" "),
        _ => value.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Base32 characters after `LABEL-` in an HMAC token.
pub(super) const TOKEN_CHARS: usize = 12;

/// Is `b` the part of an HMAC token after `LABEL-`: twelve characters of base32?
pub(super) fn is_token_body(b: &[u8]) -> bool {
    b.len() == TOKEN_CHARS
        && b.iter()
            .all(|&c| c.is_ascii_uppercase() || (b'2'..=b'7').contains(&c))
}

fn hmac_token(label: Label, value: &str, key: &[u8], out: &mut String) {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        tag(label, out);
        return;
    };
    mac.update(label.as_str().as_bytes());
    mac.update(b"\0");
    mac.update(normalize(label, value).as_bytes());
    let digest = mac.finalize().into_bytes();
    let b32 = data_encoding::BASE32_NOPAD.encode(&digest);
    out.push_str(label.as_str());
    out.push('-');
    out.push_str(&b32[..TOKEN_CHARS]);
}

fn find_year(v: &str) -> Option<i32> {
    let b = v.as_bytes();
    // digits alone: a compact date, year first ("19870904") or last ("03141961", "031461")
    if b.iter().all(u8::is_ascii_digit) {
        match b.len() {
            8 if matches!(&b[..2], b"19" | b"20") => return v[..4].parse().ok(),
            8 => return v[4..].parse().ok(),
            6 => return v[4..].parse().ok().map(century),
            _ => {}
        }
    }
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit())
        {
            let y: i32 = v[i..i + 4].parse().ok()?;
            if (1800..=2200).contains(&y) {
                return Some(y);
            }
        }
        i += 1;
    }
    // two-digit year after a slash or apostrophe: 10/19/09, '95
    let digits: Vec<&str> = v
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if (digits.len() == 3 || v.starts_with('\'')) && digits.last().is_some_and(|d| d.len() == 2) {
        return digits.last()?.parse().ok().map(century);
    }
    None
}

/// The year of a two-digit year: up to 30 this century, the last one above.
fn century(yy: i32) -> i32 {
    if yy <= 30 {
        2000 + yy
    } else {
        1900 + yy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Transforms {
        let mut t = Transforms::new(2026, vec!["036".into()]);
        t.set_hmac_key(HmacKey {
            id: "k1".into(),
            key: Secret(b"test-key".to_vec()),
        });
        t
    }

    fn run(t: &Transforms, l: Label, v: &str) -> String {
        let mut o = String::new();
        t.apply(l, v, &mut o);
        o
    }

    #[test]
    fn each_kind() {
        let mut tr = t();
        assert_eq!(run(&tr, Label::Name, "Jane"), "[NAME]");
        // a span over line breaks: a tag per line that held more than white space
        let mut o = String::new();
        let v = "12 Elm St \n  \r\n Springfield, IL";
        tr.apply_lines(Label::Address, v, true, &mut o);
        assert_eq!(o, "[ADDRESS]\n\r\n[ADDRESS]");
        // (a whole field's value is one tag)
        assert_eq!(run(&tr, Label::Address, v), "[ADDRESS]");
        tr.set(
            Label::Phone,
            TransformSpec {
                kind: TransformKind::Mask,
                mask_last: Some(4),
                ..Default::default()
            },
        )
        .ok();
        assert_eq!(run(&tr, Label::Phone, "+12025550147"), "+1202555XXXX");
        tr.set(
            Label::Date,
            TransformSpec {
                kind: TransformKind::Generalize,
                ..Default::default()
            },
        )
        .ok();
        assert_eq!(run(&tr, Label::Date, "2026-05-04"), "2026");
        assert_eq!(run(&tr, Label::Date, "3/4/1930"), "90+");
        // the year of processing moves with the processing date
        assert_eq!(run(&tr, Label::Date, "3/4/1937"), "1937");
        tr.set_year(2027);
        assert_eq!(run(&tr, Label::Date, "3/4/1937"), "90+");
        assert_eq!(run(&tr, Label::Date, "90+"), "90+");
        assert_eq!(run(&tr, Label::Date, "3/4/1938"), "1938");
        tr.set_year(2026);
        assert_eq!(run(&tr, Label::Date, "7/22"), "[DATE]");
        // compact dates, year first or last; digits the matcher reads as ASCII
        assert_eq!(run(&tr, Label::Date, "19870904"), "1987");
        assert_eq!(run(&tr, Label::Date, "03141961"), "1961");
        assert_eq!(run(&tr, Label::Date, "14031930"), "90+");
        assert_eq!(run(&tr, Label::Date, "031461"), "1961");
        assert_eq!(run(&tr, Label::Date, "0314196"), "[DATE]");
        assert_eq!(run(&tr, Label::Date, "０３/１４/１９６１"), "1961");
        assert_eq!(run(&tr, Label::Date, "𝟎𝟑-𝟏𝟒-𝟏𝟗𝟐𝟎"), "90+");
        tr.set(
            Label::Zip,
            TransformSpec {
                kind: TransformKind::Generalize,
                ..Default::default()
            },
        )
        .ok();
        assert_eq!(run(&tr, Label::Zip, "20001"), "200");
        assert_eq!(run(&tr, Label::Zip, "03601"), "000");
        assert_eq!(run(&tr, Label::Zip, "20001-1234"), "200");
        assert_eq!(run(&tr, Label::Zip, "K1A 0B9"), "000");
        assert_eq!(run(&tr, Label::Zip, "4417 KD"), "000");
        // (three digits are a prefix: what this transform gives, kept on a second pass)
        assert_eq!(run(&tr, Label::Zip, "200"), "200");
        assert_eq!(run(&tr, Label::Zip, "036"), "000");
        assert_eq!(run(&tr, Label::Zip, "000"), "000");
        assert_eq!(run(&tr, Label::Zip, "2000"), "000");
        tr.set(
            Label::Email,
            TransformSpec {
                kind: TransformKind::Remove,
                ..Default::default()
            },
        )
        .ok();
        assert_eq!(run(&tr, Label::Email, "a@b.org"), "");
    }

    #[test]
    fn hmac_is_keyed_and_normalised() {
        let mut tr = t();
        tr.set(
            Label::Phone,
            TransformSpec {
                kind: TransformKind::Hmac,
                ..Default::default()
            },
        )
        .ok();
        let a = run(&tr, Label::Phone, "+1 (202) 555-0147");
        let b = run(&tr, Label::Phone, "2025550147");
        assert_eq!(a, b);
        assert!(a.starts_with("PHONE-") && a.len() == 18, "token shape");
        let mut other = Transforms::new(2026, vec![]);
        other.set_hmac_key(HmacKey {
            id: "k2".into(),
            key: Secret(b"other".to_vec()),
        });
        other
            .set(
                Label::Phone,
                TransformSpec {
                    kind: TransformKind::Hmac,
                    ..Default::default()
                },
            )
            .ok();
        assert_ne!(run(&other, Label::Phone, "2025550147"), a);
        assert_eq!(format!("{:?}", Secret(b"x".to_vec())), "**REDACTED**");
    }

    #[test]
    fn hmac_needs_a_key() {
        let mut tr = Transforms::new(2026, vec![]);
        assert!(tr
            .set(
                Label::Name,
                TransformSpec {
                    kind: TransformKind::Hmac,
                    ..Default::default()
                }
            )
            .is_err());
    }
}
