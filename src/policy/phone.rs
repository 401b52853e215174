//! Is an end user's address a US number? Uses libphonenumber's numbering-plan data (the
//! `phonenumber` crate) because +1 also covers Canada and the Caribbean.

use crate::redact::starts_with_ascii_ci;
use phonenumber::country::Id;

/// What an end-user address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A US number, territories included (PR, GU, VI, AS, MP), or a short code.
    Us,
    /// A number of another country.
    NonUs,
    /// Not a phone number (`client:`, `sip:`, an identity): judged by product alone.
    NotANumber,
}

/// Classify an address as found in a Twilio payload.
pub fn classify(addr: &str) -> Origin {
    // most addresses are E.164 +1 numbers ("+1" and ten digits): the general path below
    // reads them the same way, at several times the cost
    if let [b'+', b'1', national @ ..] = addr.as_bytes() {
        if national.len() == 10 && national.iter().all(u8::is_ascii_digit) {
            return nanp_origin(&addr.as_bytes()[1..]);
        }
    }
    classify_any(addr)
}

/// [`classify`] for every form of address.
fn classify_any(addr: &str) -> Origin {
    let a = addr.trim();
    let has_prefix = |p: &str| starts_with_ascii_ci(a.as_bytes(), p.as_bytes());
    if has_prefix("client:") || has_prefix("sip:") || a.is_empty() {
        return Origin::NotANumber;
    }
    // channel prefixes (sms:, rcs:, whatsapp: are judged elsewhere) do not change the number
    let num = a.split_once(':').map_or(a, |(p, rest)| {
        if p.bytes().all(|c| c.is_ascii_alphabetic()) {
            rest
        } else {
            a
        }
    });
    if !num
        .bytes()
        .all(|c| c.is_ascii_digit() || b" +-().".contains(&c))
    {
        return Origin::NotANumber;
    }
    // the digits, without allocating: at most 15 in E.164; longer is no number of any plan
    let mut digits = [0u8; 16];
    let mut nd = 0;
    for c in num.bytes().filter(u8::is_ascii_digit) {
        if nd == digits.len() {
            return Origin::NonUs;
        }
        digits[nd] = c;
        nd += 1;
    }
    let digits = &digits[..nd];
    if digits.is_empty() {
        return Origin::NotANumber;
    }
    let plus = num.trim_start().starts_with('+');
    if !plus && (5..=6).contains(&digits.len()) {
        return Origin::Us; // US short code
    }
    // the E.164 digits after '+'
    if plus || (digits.len() == 11 && digits[0] == b'1') {
        nanp_origin(digits)
    } else if digits.len() == 10 {
        let mut full = [0u8; 11];
        full[0] = b'1';
        full[1..].copy_from_slice(digits);
        nanp_origin(&full)
    } else {
        Origin::NonUs
    }
}

/// Origin of E.164 digits (without the '+'): only +1 (NANP) numbers can be US; within +1 the
/// area code decides, from a table built from libphonenumber's data (parsing every number
/// costs more than redacting it).
fn nanp_origin(e164: &[u8]) -> Origin {
    let Some(national) = e164.strip_prefix(b"1") else {
        return Origin::NonUs;
    };
    if national.len() == 10 {
        let npa = national[..3]
            .iter()
            .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
        if let Some(us) = nanp_table()[npa] {
            return if us { Origin::Us } else { Origin::NonUs };
        }
    }
    let text = format!("+{}", String::from_utf8_lossy(e164));
    parse_origin(&text)
}

fn is_us(id: Id) -> bool {
    matches!(id, Id::US | Id::PR | Id::GU | Id::VI | Id::AS | Id::MP)
}

/// The full libphonenumber answer for an E.164 string.
fn parse_origin(e164: &str) -> Origin {
    match phonenumber::parse(None, e164) {
        Ok(n) => match n.country().id() {
            Some(id) if is_us(id) => Origin::Us,
            _ => Origin::NonUs,
        },
        Err(_) => Origin::NonUs,
    }
}

/// The area-code table as shipped in `patterns/nanp_area_codes.txt`.
static NANP_FILE: &str = include_str!("../../patterns/nanp_area_codes.txt");

/// Area code → US (territories included) or not, for every NANP area code libphonenumber
/// places in a region; `None` where no sample number of the area code is placed (those
/// numbers are parsed one by one). Read from `patterns/nanp_area_codes.txt`, which a test
/// checks against libphonenumber's data (deriving it at start-up took 0.1 s of parsing).
fn nanp_table() -> &'static [Option<bool>; 1000] {
    static TABLE: std::sync::OnceLock<[Option<bool>; 1000]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| parse_nanp_file(NANP_FILE).unwrap_or_else(|_| derive_nanp_table()))
}

/// Parse the shipped table: lines `US <npa> …` and `OTHER <npa> …`; `#` starts a comment.
fn parse_nanp_file(text: &str) -> Result<[Option<bool>; 1000], usize> {
    let mut t = [None; 1000];
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default();
        let mut words = line.split_whitespace();
        let us = match words.next() {
            None => continue,
            Some("US") => true,
            Some("OTHER") => false,
            Some(_) => return Err(n + 1),
        };
        for w in words {
            match w.parse::<usize>() {
                Ok(npa) if (200..1000).contains(&npa) => t[npa] = Some(us),
                _ => return Err(n + 1),
            }
        }
    }
    Ok(t)
}

/// The table from libphonenumber itself: a few sample numbers per area code.
fn derive_nanp_table() -> [Option<bool>; 1000] {
    const SAMPLES: [&str; 4] = ["2345678", "5550123", "8675309", "4561234"];
    let mut t = [None; 1000];
    for (npa, slot) in t.iter_mut().enumerate().skip(200) {
        for s in SAMPLES {
            if let Ok(n) = phonenumber::parse(None, format!("+1{npa}{s}")) {
                if let Some(id) = n.country().id() {
                    *slot = Some(is_us(id));
                    break;
                }
            }
        }
    }
    t
}

/// The shipped file's text for a table (what `PHIGATE_BLESS=1` writes).
#[cfg(test)]
fn render_nanp_file(t: &[Option<bool>; 1000]) -> String {
    let mut out = String::from(
        "# NANP area codes: US (territories PR, GU, VI, AS, MP included) or another country,\n\
         # as libphonenumber's metadata (the `phonenumber` crate) places them. Area codes not\n\
         # listed are checked number by number. Regenerate after updating the crate:\n\
         #   PHIGATE_BLESS=1 cargo test --lib nanp_file\n",
    );
    for (kind, us) in [("US", true), ("OTHER", false)] {
        let codes: Vec<String> = (200..1000)
            .filter(|&n| t[n] == Some(us))
            .map(|n| n.to_string())
            .collect();
        for chunk in codes.chunks(20) {
            out.push_str(kind);
            out.push(' ');
            out.push_str(&chunk.join(" "));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            ("+12025550147", Origin::Us),
            ("+17875550123", Origin::Us),    // Puerto Rico
            ("+16715550123", Origin::Us),    // Guam
            ("+14165550123", Origin::NonUs), // Toronto
            ("+18765550123", Origin::NonUs), // Jamaica
            ("+447911123456", Origin::NonUs),
            ("whatsapp:+12025550147", Origin::Us),
            ("client:alice", Origin::NotANumber),
            ("sip:bob@example.test", Origin::NotANumber),
            ("89898", Origin::Us),
            ("2025550147", Origin::Us),
            ("12025550147", Origin::Us),
            ("+1 (202) 555-0147", Origin::Us),
            ("sms:+1 416 555 0123", Origin::NonUs),
            ("+44 20 7946 0958", Origin::NonUs),
            ("+12025550147123456789", Origin::NonUs),
            ("CLIENT:Bob", Origin::NotANumber),
            ("+1-202-ABC", Origin::NotANumber),
            ("()", Origin::NotANumber),
            ("0147", Origin::NonUs),
        ];
        for (a, want) in cases {
            assert_eq!(classify(a), want, "case {a}");
        }
    }

    /// The E.164 shortcut answers as the general path does, on +1 numbers of every area
    /// code and on near misses (other lengths, other country codes, spaces, letters).
    #[test]
    fn e164_shortcut_answers_as_the_general_path() {
        let mut rng = crate::gen::Rng::new(14);
        let alphabet = ["+", "1", "0", "2", "5", "9", " ", "x"];
        let mut text = String::new();
        let mut shortcut = 0;
        for i in 0..60_000 {
            if i % 2 == 0 {
                text = format!("+1{:010}", rng.below(10_000_000_000));
            } else {
                rng.text_into(&mut text, &alphabet, 14, 4, 4);
                if rng.below(2) == 0 {
                    text.insert_str(0, "+1");
                }
            }
            let b = text.as_bytes();
            shortcut += usize::from(b.len() == 12 && b.starts_with(b"+1"));
            assert_eq!(classify(&text), classify_any(&text), "{text:?}");
        }
        assert!(shortcut > 30_000, "only {shortcut} shortcuts");
    }

    /// The shipped table is what libphonenumber's data says today.
    #[test]
    fn nanp_file_matches_libphonenumber() {
        let derived = derive_nanp_table();
        let want = render_nanp_file(&derived);
        if std::env::var_os("PHIGATE_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/patterns/nanp_area_codes.txt");
            std::fs::write(path, &want).unwrap_or_else(|e| panic!("{path}: {e}"));
            return;
        }
        assert_eq!(parse_nanp_file(NANP_FILE), Ok(derived));
        assert_eq!(
            NANP_FILE, want,
            "regenerate with PHIGATE_BLESS=1 cargo test --lib nanp_file"
        );
        assert!(derived.iter().filter(|x| **x == Some(true)).count() > 300);
        assert!(derived.iter().filter(|x| **x == Some(false)).count() > 30);
        assert_eq!(parse_nanp_file("US 201 2020"), Err(1));
        assert_eq!(parse_nanp_file("# x\nCANADA 204"), Err(2));
    }

    /// The area-code table gives libphonenumber's answer for every valid NANP number tried.
    #[test]
    fn area_code_table_agrees_with_full_parsing() {
        let mut rng = crate::gen::Rng::new(13);
        let mut checked = 0;
        for _ in 0..20_000 {
            let npa = 200 + rng.below(800);
            let rest = 2_000_000 + rng.below(8_000_000);
            let e164 = format!("+1{npa}{rest}");
            let Ok(n) = phonenumber::parse(None, &e164) else {
                continue;
            };
            if !phonenumber::is_valid(&n) {
                continue;
            }
            checked += 1;
            assert_eq!(classify(&e164), parse_origin(&e164), "{e164}");
        }
        assert!(checked > 1000, "only {checked} valid numbers tried");
    }
}
