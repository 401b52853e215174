//! Calendar dates for rule validity and the processing date (UTC, proleptic Gregorian).

use std::fmt;
use std::str::FromStr;

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i64,
}

impl Date {
    /// From year, month (1-12), day (1-31); `None` if invalid.
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date {
            days: days_from_civil(y, m, d),
        })
    }

    /// The day `days` after 1970-01-01.
    pub fn from_unix_days(days: i64) -> Date {
        Date { days }
    }

    /// Today in UTC.
    pub fn today_utc() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Date {
            days: secs.div_euclid(86_400),
        }
    }

    /// Days since 1970-01-01.
    pub fn unix_days(self) -> i64 {
        self.days
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }

    /// The year.
    pub fn year(self) -> i64 {
        self.ymd().0
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

// Howard Hinnant's algorithms.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Not a `YYYY-MM-DD` date.
#[derive(Debug, thiserror::Error)]
#[error("expected a date as YYYY-MM-DD")]
pub struct BadDate;

impl FromStr for Date {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Date, BadDate> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next().and_then(|p| p.parse().ok()).ok_or(BadDate)?;
        let m = it.next().and_then(|p| p.parse().ok()).ok_or(BadDate)?;
        let d = it.next().and_then(|p| p.parse().ok()).ok_or(BadDate)?;
        Date::from_ymd(y, m, d).ok_or(BadDate)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in ["1970-01-01", "2000-02-29", "2026-12-05", "1899-12-31"] {
            assert_eq!(
                s.parse::<Date>().map(|d| d.to_string()).ok().as_deref(),
                Some(s)
            );
        }
        assert!("2026-02-30".parse::<Date>().is_err());
        assert!(Date::today_utc().year() >= 2024);
    }
}
