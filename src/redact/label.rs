//! The identifier classes the engine detects: the Safe Harbor identifiers that occur in text.

use std::fmt;
use std::str::FromStr;

/// One class of identifier. The label chooses the transform, so a date called a name is a bug
/// even when the characters are covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Name,
    Phone,
    Email,
    Ssn,
    Mrn,
    Date,
    AgeOver89,
    Address,
    Zip,
    Url,
    Ip,
    Account,
    License,
    Vehicle,
    Device,
    OtherId,
}

impl Label {
    /// Every label, in a fixed order (metrics are registered in this order).
    pub const ALL: [Label; 16] = [
        Label::Name,
        Label::Phone,
        Label::Email,
        Label::Ssn,
        Label::Mrn,
        Label::Date,
        Label::AgeOver89,
        Label::Address,
        Label::Zip,
        Label::Url,
        Label::Ip,
        Label::Account,
        Label::License,
        Label::Vehicle,
        Label::Device,
        Label::OtherId,
    ];

    /// The length of the longest name ("AGE_OVER_89").
    pub const MAX_LEN: usize = {
        let mut max = 0;
        let mut i = 0;
        while i < Label::ALL.len() {
            let n = Label::ALL[i].as_str().len();
            if n > max {
                max = n;
            }
            i += 1;
        }
        max
    };

    /// The upper-case name used in tags (`[NAME]`), config files and metric labels.
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Name => "NAME",
            Label::Phone => "PHONE",
            Label::Email => "EMAIL",
            Label::Ssn => "SSN",
            Label::Mrn => "MRN",
            Label::Date => "DATE",
            Label::AgeOver89 => "AGE_OVER_89",
            Label::Address => "ADDRESS",
            Label::Zip => "ZIP",
            Label::Url => "URL",
            Label::Ip => "IP",
            Label::Account => "ACCOUNT",
            Label::License => "LICENSE",
            Label::Vehicle => "VEHICLE",
            Label::Device => "DEVICE",
            Label::OtherId => "OTHER_ID",
        }
    }

    /// Dense index, `0..16`.
    pub fn index(self) -> usize {
        Label::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the label names.
#[derive(Debug, thiserror::Error)]
#[error("unknown label (expected one of NAME, PHONE, EMAIL, SSN, MRN, DATE, AGE_OVER_89, ADDRESS, ZIP, URL, IP, ACCOUNT, LICENSE, VEHICLE, DEVICE, OTHER_ID)")]
pub struct UnknownLabel;

impl FromStr for Label {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // (most strings tried are no label at all: words, numbers, dates)
        if s.len() > Label::MAX_LEN || !s.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
            return Err(UnknownLabel);
        }
        Label::ALL
            .iter()
            .copied()
            .find(|l| l.as_str() == s)
            .ok_or(UnknownLabel)
    }
}

impl<'de> serde::Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_len_is_the_longest_name() {
        let longest = Label::ALL.iter().map(|l| l.as_str().len()).max();
        assert_eq!(longest, Some(Label::MAX_LEN));
        // every name starts with a capital, which `from_str` checks first
        for l in Label::ALL {
            assert_eq!(l.as_str().parse::<Label>().ok(), Some(l));
        }
    }

    #[test]
    fn round_trips_every_label() {
        for l in Label::ALL {
            assert_eq!(l.as_str().parse::<Label>().ok(), Some(l));
            assert_eq!(Label::ALL[l.index()], l);
        }
        assert!("name".parse::<Label>().is_err());
    }
}
