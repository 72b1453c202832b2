//! Dates as feeds write them: RFC 3339 / ISO 8601, RFC 822 and its many broken cousins.
//!
//! [`parse_date`] never fails loudly: a date it cannot read is `None`, and the item is still
//! ingested (the pipeline falls back to the time it first saw the item).
//!
//! Accepted, among others:
//! - `2024-03-05T14:30:00+07:00`, `2024-03-05 14:30:00Z`, `2024-03-05T14:30:00.123456789Z`,
//!   `20240305T143000Z`, `2024-03-05` (midnight UTC), `2024-03` (the first of the month),
//!   `2024/03/05 14:30`;
//! - `Tue, 05 Mar 2024 14:30:00 GMT`, `5 Mar 2024 14:30 +0700`, `Tuesday, 5 March 2024
//!   14:30:00 ICT`-like junk with an unknown zone name (read as UTC), a wrong weekday, a
//!   two-digit year, `24:00:00`, `EST`/`PDT`/military zones, `+07:00`, `Mar 5, 2024 2:30 PM`.
//!
//! Without a zone the time is taken as UTC.

use herald_domain::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

/// Longest input considered; anything longer is not a date.
const MAX_LEN: usize = 128;

/// Reads a date as feeds write them; `None` if it is not one.
#[must_use]
pub fn parse_date(input: &str) -> Option<Timestamp> {
    let s = input.trim();
    if s.is_empty() || s.len() > MAX_LEN {
        return None;
    }
    parse_iso(s).or_else(|| parse_rfc822(s))
}

/// The parts of a date as read, before validation.
#[derive(Debug, Default, Clone, Copy)]
struct Parts {
    year: i16,
    month: i8,
    day: i8,
    hour: i8,
    minute: i8,
    second: i8,
    nanos: i32,
    /// Offset east of UTC in seconds.
    offset: i32,
}

impl Parts {
    fn timestamp(self) -> Option<Timestamp> {
        let date = Date::new(self.year, self.month, self.day).ok()?;
        // `24:00:00` is the end of the day: midnight of the next.
        let (hour, date) = if self.hour == 24 && self.minute == 0 && self.second == 0 {
            (0, date.tomorrow().ok()?)
        } else {
            (self.hour, date)
        };
        // A leap second is read as the second before it.
        let second = self.second.min(59);
        let time = Time::new(hour, self.minute, second, self.nanos).ok()?;
        let offset = Offset::from_seconds(self.offset).ok()?;
        offset.to_timestamp(DateTime::from_parts(date, time)).ok()
    }
}

/// A cursor over ASCII digits and separators.
struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, min: usize, max: usize) -> Option<i64> {
        let start = self.i;
        while self.i < self.s.len() && self.i - start < max && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        let len = self.i - start;
        if len < min {
            self.i = start;
            return None;
        }
        self.s[start..self.i]
            .iter()
            .try_fold(0i64, |acc, b| Some(acc * 10 + i64::from(b - b'0')))
    }

    fn eat(&mut self, options: &[u8]) -> Option<u8> {
        let b = *self.s.get(self.i)?;
        options.contains(&b).then(|| {
            self.i += 1;
            b
        })
    }

    fn skip_spaces(&mut self) {
        while self.s.get(self.i).is_some_and(|b| *b == b' ') {
            self.i += 1;
        }
    }

    fn rest(&self) -> &[u8] {
        &self.s[self.i.min(self.s.len())..]
    }
}

fn small<T: TryFrom<i64>>(v: i64) -> Option<T> {
    T::try_from(v).ok()
}

/// RFC 3339 and the ISO 8601 shapes feeds use.
fn parse_iso(s: &str) -> Option<Timestamp> {
    let mut c = Cursor {
        s: s.as_bytes(),
        i: 0,
    };
    let year = c.digits(4, 4)?;
    let sep = c.eat(b"-/.");
    let month = c.digits(if sep.is_some() { 1 } else { 2 }, 2)?;
    let mut p = Parts {
        year: small(year)?,
        month: small(month)?,
        day: 1,
        ..Parts::default()
    };
    if c.rest().is_empty() {
        return p.timestamp();
    }
    if let Some(sep) = sep {
        c.eat(&[sep])?;
    }
    p.day = small(c.digits(if sep.is_some() { 1 } else { 2 }, 2)?)?;
    if c.rest().is_empty() {
        return p.timestamp();
    }
    if c.eat(b"Tt").is_none() {
        c.eat(b" ")?;
        c.skip_spaces();
    }
    p.hour = small(c.digits(1, 2)?)?;
    let colon = c.eat(b":").is_some();
    p.minute = small(c.digits(2, 2)?)?;
    if !colon || c.eat(b":").is_some() {
        if let Some(sec) = c.digits(2, 2) {
            p.second = small(sec)?;
            if c.eat(b".,").is_some() {
                let start = c.i;
                let frac = c.digits(1, 18)?;
                let len = c.i - start;
                p.nanos = small(scale_fraction(frac, len))?;
            }
        } else if !colon {
            // `20240305T1430` has no seconds; so be it.
        } else {
            return None;
        }
    }
    c.skip_spaces();
    p.offset = parse_zone(std::str::from_utf8(c.rest()).ok()?)?;
    p.timestamp()
}

/// A fraction of `len` digits as nanoseconds.
fn scale_fraction(frac: i64, len: usize) -> i64 {
    match len {
        0..=9 => frac * 10i64.pow(u32::try_from(9 - len).unwrap_or(0)),
        _ => frac / 10i64.pow(u32::try_from(len - 9).unwrap_or(0)),
    }
}

/// A zone: empty (UTC), `Z`, `UTC`, a US or military name, `+07:00`, `+0700`, `+07`.
fn parse_zone(zone: &str) -> Option<i32> {
    let zone = zone.trim().trim_start_matches('(').trim_end_matches(')');
    if zone.is_empty() {
        return Some(0);
    }
    if let Some(seconds) = named_zone(zone) {
        return Some(seconds);
    }
    let zone = zone
        .strip_prefix("GMT")
        .or_else(|| zone.strip_prefix("UTC"))
        .unwrap_or(zone);
    let (sign, digits) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 18 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

/// Zone names of RFC 822 and military single letters; `None` for anything else.
fn named_zone(name: &str) -> Option<i32> {
    let hours = match name.to_ascii_uppercase().as_str() {
        "Z" | "UT" | "UTC" | "GMT" => 0,
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        military if military.len() == 1 => {
            let c = military.as_bytes()[0];
            match c {
                b'A'..=b'I' => i32::from(c - b'A') + 1,
                b'K'..=b'M' => i32::from(c - b'K') + 10,
                b'N'..=b'Y' => -(i32::from(c - b'N') + 1),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(hours * 3600)
}

fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = word.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == prefix)?;
    // "Sept", "March", "Mrz" would need more; the prefix and plausible length suffice.
    (lower.len() <= 9 && lower.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| small::<i8>(i64::try_from(i).unwrap_or(0) + 1))
        .flatten()
}

/// RFC 822/1123/2822 and their broken forms, read token by token in any order.
fn parse_rfc822(s: &str) -> Option<Timestamp> {
    let mut year: Option<i64> = None;
    let mut month: Option<i8> = None;
    let mut day: Option<i64> = None;
    let mut time: Option<(i8, i8, i8, i32)> = None;
    let mut offset: Option<i32> = None;
    let mut pm: Option<bool> = None;

    let tokens = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .flat_map(|t| {
            // `05-Mar-2024` and `05.Mar.2024`
            if t.contains(':') || t.starts_with(['+', '-']) {
                vec![t]
            } else {
                t.split(['-', '.', '/']).filter(|p| !p.is_empty()).collect()
            }
        });
    for token in tokens {
        let token = token.trim_matches(['(', ')']);
        if token.is_empty() {
            continue;
        }
        if token.starts_with(['+', '-']) {
            offset = Some(parse_zone(token)?);
        } else if token.contains(':') {
            // A time, perhaps with a zone stuck to it: `14:30:00Z`, `14:30:00+0700`.
            let split = token
                .char_indices()
                .skip(1)
                .find(|&(_, c)| c == '+' || c == '-' || c.is_ascii_alphabetic())
                .map_or(token.len(), |(i, _)| i);
            let (clock, zone) = token.split_at(split);
            time = Some(parse_clock(clock)?);
            if !zone.is_empty() {
                offset = Some(parse_zone(zone)?);
            }
        } else if token.bytes().all(|b| b.is_ascii_digit()) {
            let value: i64 = token.parse().ok()?;
            match token.len() {
                4 if year.is_none() => year = Some(value),
                1 | 2 if day.is_none() => day = Some(value),
                2 if year.is_none() => {
                    year = Some(if value < 50 {
                        2000 + value
                    } else {
                        1900 + value
                    })
                }
                _ => return None,
            }
        } else if let Some(m) = month_number(token).filter(|_| month.is_none()) {
            month = Some(m);
        } else if token.eq_ignore_ascii_case("am") || token.eq_ignore_ascii_case("pm") {
            pm = Some(token.eq_ignore_ascii_case("pm"));
        } else if let Some(z) = named_zone(token).filter(|_| offset.is_none()) {
            offset = Some(z);
        }
        // Anything else (a weekday, "at", an unknown zone abbreviation) is ignored.
    }
    let (mut hour, minute, second, nanos) = time.unwrap_or((0, 0, 0, 0));
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    Parts {
        year: small(year?)?,
        month: month?,
        day: small(day?)?,
        hour,
        minute,
        second,
        nanos,
        offset: offset.unwrap_or(0),
    }
    .timestamp()
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff`.
fn parse_clock(clock: &str) -> Option<(i8, i8, i8, i32)> {
    let mut parts = clock.split(':');
    let hour = parts.next()?.parse::<i8>().ok()?;
    let minute = parts.next()?.parse::<i8>().ok()?;
    let (second, nanos) = match parts.next() {
        Some(sec) => {
            let (whole, frac) = sec.split_once(['.', ',']).unwrap_or((sec, ""));
            let nanos = if frac.is_empty() {
                0
            } else {
                let digits: String = frac.chars().take(9).collect();
                let value: i64 = digits.parse().ok()?;
                small(scale_fraction(value, digits.len()))?
            };
            (whole.parse::<i8>().ok()?, nanos)
        }
        None => (0, 0),
    };
    if parts.next().is_some() {
        return None;
    }
    Some((hour, minute, second, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> String {
        parse_date(s).map_or_else(|| "none".to_owned(), |t| t.to_string())
    }

    #[test]
    fn reads_rfc3339_and_iso_8601_shapes() {
        assert_eq!(at("2024-03-05T14:30:00+07:00"), "2024-03-05T07:30:00Z");
        assert_eq!(at("2024-03-05T14:30:00.5Z"), "2024-03-05T14:30:00.5Z");
        assert_eq!(at("2024-03-05 14:30:00 +0330"), "2024-03-05T11:00:00Z");
        assert_eq!(at("20240305T143000Z"), "2024-03-05T14:30:00Z");
        assert_eq!(at("2024-03-05"), "2024-03-05T00:00:00Z");
        assert_eq!(at("2024-03"), "2024-03-01T00:00:00Z");
        assert_eq!(at("2024/03/05 14:30"), "2024-03-05T14:30:00Z");
        assert_eq!(at("2003-12-31T10:14:55-08:00"), "2003-12-31T18:14:55Z");
    }

    #[test]
    fn reads_rfc822_and_its_usual_breakage() {
        assert_eq!(at("Tue, 05 Mar 2024 14:30:00 GMT"), "2024-03-05T14:30:00Z");
        assert_eq!(at("Sat, 05 Mar 2024 14:30:00 GMT"), "2024-03-05T14:30:00Z");
        assert_eq!(at("Thurs, 5 March 2024 9:05 +0700"), "2024-03-05T02:05:00Z");
        assert_eq!(at("Tue, 05 Mar 24 14:30:00 EST"), "2024-03-05T19:30:00Z");
        assert_eq!(at("05 Mar 2024 24:00:00 UTC"), "2024-03-06T00:00:00Z");
        assert_eq!(at("Mar 5, 2024 2:30 PM"), "2024-03-05T14:30:00Z");
        assert_eq!(
            at("Tue, 05 Mar 2024 14:30:00 +07:00"),
            "2024-03-05T07:30:00Z"
        );
        assert_eq!(at("Tue, 05-Mar-2024 14:30:00 ICT"), "2024-03-05T14:30:00Z");
        assert_eq!(at("Tue, 05 Mar 2024 14:30:00Z"), "2024-03-05T14:30:00Z");
        assert_eq!(at("31 Dec 2003 10:14:55 Z"), "2003-12-31T10:14:55Z");
    }

    #[test]
    fn junk_is_none_and_never_panics() {
        for junk in [
            "",
            "yesterday",
            "2024-13-45",
            "31 Feb 2024",
            "99999999999999999999 Mar 2024",
            "Tue, 05 Mar 2024 99:99:99 GMT",
            "2024-03-05T14:30:00+99:00",
            "2024-03-05T14:30:00.99999999999999999999999Z",
            "::::",
            "+",
            "ٍ۱۴۰۳/۰۱/۰۱",
            &"1".repeat(500),
        ] {
            assert_eq!(at(junk), "none", "{junk}");
        }
    }
}
