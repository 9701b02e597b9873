//! A [`Moment`]: when something happened, as a UTC instant plus the UTC
//! offset the person was at. Keeping the offset means "which local day was
//! this for them" is always answerable, and `at` is shown back exactly as
//! it was given (`2026-03-01T23:30:00-05:00` stays `-05:00`).
//!
//! Precision is whole microseconds, which is what the stores keep; a
//! `Moment` never holds more than can be stored, so what is written is
//! exactly what is read back.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InputError;

/// What `--at` (and any time field) accepts, in plain words.
pub const AT_ALLOWED: &str =
    "use a time like 2026-03-01T08:30:00+01:00 (RFC 3339) or a local time like 2026-03-01 08:30";

/// An instant with the offset it was recorded at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Moment {
    micros: i64,
    offset_seconds: i32,
}

impl Moment {
    /// Builds a moment from stored parts, checking both are in range.
    pub fn from_parts(micros: i64, offset_seconds: i32) -> Option<Self> {
        let ts = Timestamp::from_microsecond(micros).ok()?;
        let offset = Offset::from_seconds(offset_seconds).ok()?;
        Some(Self::new(ts, offset))
    }

    /// A moment at `ts`, seen at `offset` (truncated to microseconds).
    pub fn new(ts: Timestamp, offset: Offset) -> Self {
        let micros = ts.as_microsecond();
        Self {
            micros,
            offset_seconds: offset.seconds(),
        }
    }

    /// "Now" in the person's time zone.
    pub fn now_in(now: Timestamp, tz: &TimeZone) -> Self {
        Self::new(now, tz.to_offset(now))
    }

    /// Parses what a person or a file gave as a time.
    ///
    /// Accepts RFC 3339 with an offset (the offset is kept) or a local
    /// date-time `YYYY-MM-DD HH:MM[:SS]` read in `tz` (DST-correct: a time
    /// that falls in a gap moves forward, a repeated one takes the earlier).
    pub fn parse(field: &str, text: &str, tz: &TimeZone) -> Result<Self, InputError> {
        let trimmed = text.trim();
        let refuse = || InputError::new(field, text, AT_ALLOWED);
        if let Some(offset) = rfc3339_offset(trimmed) {
            let ts = Timestamp::from_str(trimmed).map_err(|_| refuse())?;
            return Ok(Self::new(ts, offset));
        }
        // Only `YYYY-MM-DD HH:MM[:SS]`: a bare date would parse as midnight,
        // which a person who typed only a date most likely did not mean, and
        // a trailing offset the check above refused must not be ignored.
        let shaped = matches!(trimmed.len(), 16 | 19)
            && trimmed.contains([' ', 'T', 't'])
            && trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | ':' | ' ' | 'T' | 't'));
        if !shaped {
            return Err(refuse());
        }
        let dt = DateTime::from_str(trimmed).map_err(|_| refuse())?;
        let zoned = tz
            .to_ambiguous_zoned(dt)
            .compatible()
            .map_err(|_| refuse())?;
        Ok(Self::new(zoned.timestamp(), zoned.offset()))
    }

    pub fn timestamp(&self) -> Timestamp {
        // In range by construction.
        Timestamp::from_microsecond(self.micros).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    pub fn offset(&self) -> Offset {
        Offset::from_seconds(self.offset_seconds).unwrap_or(Offset::UTC)
    }

    /// Microseconds since the Unix epoch (UTC), as stored.
    pub fn micros(&self) -> i64 {
        self.micros
    }

    /// The original UTC offset in seconds, as stored.
    pub fn offset_seconds(&self) -> i32 {
        self.offset_seconds
    }

    /// The calendar day this moment falls on in `tz`.
    pub fn local_date(&self, tz: &TimeZone) -> Date {
        self.timestamp().to_zoned(tz.clone()).date()
    }

    /// This moment at its original offset.
    pub fn zoned(&self) -> Zoned {
        self.timestamp().to_zoned(TimeZone::fixed(self.offset()))
    }
}

/// The offset at the end of an RFC 3339 time (`Z` or `±HH:MM`), if the
/// text ends like one.
fn rfc3339_offset(text: &str) -> Option<Offset> {
    if !text.contains([' ', 'T', 't']) {
        return None;
    }
    if text.ends_with(['Z', 'z']) {
        return Some(Offset::UTC);
    }
    let tail = text.get(text.len().checked_sub(6)?..)?;
    let bytes = tail.as_bytes();
    let sign = match bytes.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if bytes.get(3) != Some(&b':') {
        return None;
    }
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.timestamp().display_with_offset(self.offset()))
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match rfc3339_offset(&text) {
            Some(offset) => {
                let ts = Timestamp::from_str(&text).map_err(serde::de::Error::custom)?;
                Ok(Self::new(ts, offset))
            }
            None => Err(serde::de::Error::custom(format!(
                "{text:?} is not an RFC 3339 time with an offset"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").unwrap()
    }

    #[test]
    fn rfc3339_keeps_the_original_offset() {
        let m = Moment::parse("at", "2026-03-01T23:30:00-05:00", &berlin()).unwrap();
        assert_eq!(m.to_string(), "2026-03-01T23:30:00-05:00");
        assert_eq!(m.offset_seconds(), -5 * 3600);
        assert_eq!(m.timestamp().to_string(), "2026-03-02T04:30:00Z");
    }

    #[test]
    fn late_night_entry_lands_on_its_local_day() {
        let m = Moment::parse("at", "2026-03-01T23:30:00-05:00", &berlin()).unwrap();
        let new_york = TimeZone::get("America/New_York").unwrap();
        assert_eq!(m.local_date(&new_york).to_string(), "2026-03-01");
        assert_eq!(m.local_date(&berlin()).to_string(), "2026-03-02");
    }

    #[test]
    fn local_time_is_read_in_the_persons_zone() {
        let m = Moment::parse("at", "2026-03-01 08:30", &berlin()).unwrap();
        assert_eq!(m.to_string(), "2026-03-01T08:30:00+01:00");
        let summer = Moment::parse("at", "2026-07-01 08:30", &berlin()).unwrap();
        assert_eq!(summer.to_string(), "2026-07-01T08:30:00+02:00");
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward() {
        // Berlin skipped 02:00–03:00 on 2026-03-29.
        let m = Moment::parse("at", "2026-03-29 02:30", &berlin()).unwrap();
        assert_eq!(m.to_string(), "2026-03-29T03:30:00+02:00");
    }

    #[test]
    fn nonsense_is_refused_with_the_field_name() {
        for bad in [
            "yesterdayish",
            "",
            "2026-13-01 08:00",
            "2026-03-01",
            "08:30",
            "2026-03-01T25:00:00Z",
            "2026-03-01T08:00:00+24:00",
        ] {
            let err = Moment::parse("at", bad, &berlin()).unwrap_err();
            assert_eq!(err.field, "at", "{bad}");
        }
    }

    #[test]
    fn json_round_trip_is_exact() {
        let m = Moment::parse("at", "2026-02-27T09:05:00.123456+01:00", &berlin()).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"2026-02-27T09:05:00.123456+01:00\"");
        assert_eq!(serde_json::from_str::<Moment>(&json).unwrap(), m);
        assert!(serde_json::from_str::<Moment>("\"2026-02-27 09:05\"").is_err());
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = Moment::parse("at", &s, &TimeZone::UTC);
        }

        #[test]
        fn display_then_parse_is_identity(
            secs in -2_000_000_000i64..4_000_000_000i64,
            micros in 0i64..1_000_000,
            offset_min in -840i32..=840i32,
        ) {
            let m = Moment::from_parts(secs * 1_000_000 + micros, offset_min * 60).unwrap();
            let back = Moment::parse("at", &m.to_string(), &TimeZone::UTC).unwrap();
            prop_assert_eq!(back, m);
        }
    }
}
