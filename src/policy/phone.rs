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
    match phonenumber::parse(None, &e164) {
        Ok(n) => match n.country().id() {
            Some(Id::US | Id::PR | Id::GU | Id::VI | Id::AS | Id::MP) => Origin::Us,
            _ => Origin::NonUs,
        },
        Err(_) => Origin::NonUs,
    }
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
}
