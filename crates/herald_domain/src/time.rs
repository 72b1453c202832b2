//! Time: stored in UTC, shown in the newsroom's time zone, read through a [`Clock`].

use std::fmt;
use std::str::FromStr;

pub use jiff::Timestamp;

/// Where "now" comes from, so tests and jobs can fix it.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[expect(clippy::disallowed_methods, reason = "the one real clock")]
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// The newsroom's time zone (an IANA name such as `Asia/Ho_Chi_Minh`), used to show dates
/// and to pick the calendar day a story belongs to.
#[derive(Clone, PartialEq)]
pub struct SiteTimeZone {
    name: String,
    zone: jiff::tz::TimeZone,
}

/// An unknown time zone name.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown time zone '{0}'")]
pub struct UnknownTimeZone(pub String);

impl SiteTimeZone {
    /// Looks a zone up by its IANA name in the bundled time zone database.
    pub fn parse(name: &str) -> Result<Self, UnknownTimeZone> {
        jiff::tz::TimeZone::get(name)
            .map(|zone| Self {
                name: name.to_owned(),
                zone,
            })
            .map_err(|_| UnknownTimeZone(name.to_owned()))
    }

    /// Coordinated Universal Time.
    #[must_use]
    pub fn utc() -> Self {
        Self {
            name: "UTC".to_owned(),
            zone: jiff::tz::TimeZone::UTC,
        }
    }

    /// The IANA name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone, for conversions.
    #[must_use]
    pub fn zone(&self) -> &jiff::tz::TimeZone {
        &self.zone
    }

    /// The civil date and time of an instant in this zone.
    #[must_use]
    pub fn civil(&self, at: Timestamp) -> jiff::civil::DateTime {
        at.to_zoned_datetime(self.zone.clone()).datetime()
    }
}

impl fmt::Debug for SiteTimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SiteTimeZone({})", self.name)
    }
}

impl FromStr for SiteTimeZone {
    type Err = UnknownTimeZone;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_the_site_time_zone() {
        let tz = SiteTimeZone::parse("Asia/Ho_Chi_Minh").unwrap();
        let late: Timestamp = "2026-11-25T20:30:00Z".parse().unwrap();
        let civil = tz.civil(late);
        assert_eq!((civil.day(), civil.hour()), (26, 3));
        assert!(SiteTimeZone::parse("Mars/Olympus").is_err());
    }
}
