//! Is an end user's address a US number? Uses libphonenumber's numbering-plan data (the
//! `phonenumber` crate) because +1 also covers Canada and the Caribbean.

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
    let a = addr.trim();
    let lower = a.to_ascii_lowercase();
    if lower.starts_with("client:") || lower.starts_with("sip:") || a.is_empty() {
        return Origin::NotANumber;
    }
    // channel prefixes (sms:, rcs:, whatsapp: are judged elsewhere) do not change the number
    let num = a.split_once(':').map_or(a, |(p, rest)| {
        if p.chars().all(|c| c.is_ascii_alphabetic()) {
            rest
        } else {
            a
        }
    });
    let digits: String = num.chars().filter(char::is_ascii_digit).collect();
    if !num
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        || digits.is_empty()
    {
        return Origin::NotANumber;
    }
    if !num.trim_start().starts_with('+') && (5..=6).contains(&digits.len()) {
        return Origin::Us; // US short code
    }
    let e164 = if num.trim_start().starts_with('+') {
        format!("+{digits}")
    } else if digits.len() == 10 {
        format!("+1{digits}")
    } else if digits.len() == 11 && digits.starts_with('1') {
        format!("+{digits}")
    } else {
        return Origin::NonUs;
    };
    // only +1 (NANP) numbers can be US; within +1 the area code decides, from a table built
    // once from libphonenumber's data (parsing every number costs more than redacting it)
    let Some(national) = e164.strip_prefix("+1") else {
        return Origin::NonUs;
    };
    if national.len() == 10 {
        if let Ok(npa) = national[..3].parse::<usize>() {
            if let Some(us) = nanp_table()[npa] {
                return if us { Origin::Us } else { Origin::NonUs };
            }
        }
    }
    parse_origin(&e164)
}

/// Build the area-code table on a background thread now (about 0.1 s of libphonenumber
/// parsing), so that it overlaps the matcher's compilation instead of delaying the first
/// batch. Returns at once; a lookup that comes first waits for the table.
pub fn warm_up() {
    let spawned = std::thread::Builder::new()
        .name("phigate-nanp".into())
        .spawn(|| {
            nanp_table();
        });
    // without a thread, the first lookup builds the table
    drop(spawned);
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

/// Area code → US (territories included) or not, for every NANP area code libphonenumber
/// places in a region; `None` where no sample number of the area code is placed (those
/// numbers are parsed one by one).
fn nanp_table() -> &'static [Option<bool>; 1000] {
    static TABLE: std::sync::OnceLock<[Option<bool>; 1000]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
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
    })
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
        ];
        for (a, want) in cases {
            assert_eq!(classify(a), want, "case {a}");
        }
    }

    /// The area-code table gives libphonenumber's answer for every valid NANP number tried.
    #[test]
    fn area_code_table_agrees_with_full_parsing() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut checked = 0;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let npa = 200 + x % 800;
            let rest = 2_000_000 + (x >> 20) % 8_000_000;
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
