//! Recurrence: when a scheduled activity or self-care anchor happens.
//!
//! A well-tested subset of RFC 5545 RRULE — `FREQ` DAILY, WEEKLY or
//! MONTHLY, `INTERVAL`, `BYDAY` (without ordinals), `BYMONTHDAY`, `COUNT`,
//! `UNTIL`, `WKST` — plus the shorthands people type: `daily`,
//! `weekdays`, `weekends`, `weekly`, `monthly`, or a list of days like
//! `mon,wed,fri`.
//!
//! A rule yields calendar dates; a time of day in the person's zone turns
//! each date into an instant with the zone's own rules ([`at_local`]), so
//! 08:00 stays 08:00 across DST changes. Nothing here ever adds 24 hours.
//! Why our own subset: see `docs/decisions/004-own-recurrence-subset.md`.

use std::fmt::Write;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Zoned};

use crate::error::InputError;

/// How often the rule repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
}

/// A checked recurrence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    pub by_day: Vec<Weekday>,
    /// 1..=31, or -31..=-1 counted from the month's end.
    pub by_month_day: Vec<i8>,
    pub count: Option<u32>,
    pub until: Option<Date>,
    pub week_start: Weekday,
}

/// What `--every` accepts, in plain words.
pub const EVERY_ALLOWED: &str = "use daily, weekdays, weekends, weekly, monthly, days like mon,wed,fri, or an RRULE like FREQ=WEEKLY;BYDAY=MO,WE,FR";

/// The longest span a rule is followed, so no rule can loop for ever.
const MAX_DAYS: i64 = 366 * 100;

fn weekday(text: &str) -> Option<Weekday> {
    Some(match text.trim().to_ascii_lowercase().as_str() {
        "mo" | "mon" | "monday" => Weekday::Monday,
        "tu" | "tue" | "tues" | "tuesday" => Weekday::Tuesday,
        "we" | "wed" | "wednesday" => Weekday::Wednesday,
        "th" | "thu" | "thur" | "thurs" | "thursday" => Weekday::Thursday,
        "fr" | "fri" | "friday" => Weekday::Friday,
        "sa" | "sat" | "saturday" => Weekday::Saturday,
        "su" | "sun" | "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn code(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "MO",
        Weekday::Tuesday => "TU",
        Weekday::Wednesday => "WE",
        Weekday::Thursday => "TH",
        Weekday::Friday => "FR",
        Weekday::Saturday => "SA",
        Weekday::Sunday => "SU",
    }
}

impl Rule {
    fn every(freq: Freq, by_day: Vec<Weekday>) -> Self {
        Self {
            freq,
            interval: 1,
            by_day,
            by_month_day: Vec::new(),
            count: None,
            until: None,
            week_start: Weekday::Monday,
        }
    }

    /// Parses a shorthand or an RRULE; `field` names it in the error.
    pub fn parse(field: &str, text: &str) -> Result<Self, InputError> {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        use Weekday::*;
        let shorthand = match lower.as_str() {
            "daily" | "every day" => Some(Self::every(Freq::Daily, Vec::new())),
            "weekdays" => Some(Self::every(
                Freq::Weekly,
                vec![Monday, Tuesday, Wednesday, Thursday, Friday],
            )),
            "weekends" => Some(Self::every(Freq::Weekly, vec![Saturday, Sunday])),
            "weekly" => Some(Self::every(Freq::Weekly, Vec::new())),
            "monthly" => Some(Self::every(Freq::Monthly, Vec::new())),
            _ => None,
        };
        if let Some(rule) = shorthand {
            return Ok(rule);
        }
        if !lower.contains('=') {
            let days: Option<Vec<Weekday>> = lower
                .split([',', ' '])
                .filter(|d| !d.is_empty())
                .map(weekday)
                .collect();
            return match days {
                Some(days) if !days.is_empty() => Ok(Self::every(Freq::Weekly, dedup(days))),
                _ => Err(InputError::new(field, text, EVERY_ALLOWED)),
            };
        }
        Self::parse_rrule(field, trimmed)
    }

    fn parse_rrule(field: &str, text: &str) -> Result<Self, InputError> {
        let body = text
            .strip_prefix("RRULE:")
            .or_else(|| text.strip_prefix("rrule:"))
            .unwrap_or(text);
        let refuse = |why: &str| InputError::new(field, text, format!("{why}; {EVERY_ALLOWED}"));
        let mut freq = None;
        let mut rule = Self::every(Freq::Daily, Vec::new());
        for part in body.split(';').filter(|p| !p.trim().is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                return Err(refuse(&format!("{part:?} is not KEY=VALUE")));
            };
            let value = value.trim();
            match key.trim().to_ascii_uppercase().as_str() {
                "FREQ" => {
                    freq = Some(match value.to_ascii_uppercase().as_str() {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        other => {
                            return Err(refuse(&format!(
                                "FREQ={other} is not supported (DAILY, WEEKLY or MONTHLY)"
                            )));
                        }
                    })
                }
                "INTERVAL" => {
                    rule.interval = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=366).contains(n))
                        .ok_or_else(|| refuse("INTERVAL is a whole number from 1 to 366"))?
                }
                "BYDAY" => {
                    let days: Option<Vec<Weekday>> = value
                        .split(',')
                        .map(|d| weekday(d).filter(|_| d.trim().len() == 2))
                        .collect();
                    rule.by_day = dedup(days.filter(|d| !d.is_empty()).ok_or_else(|| {
                        refuse("BYDAY takes MO,TU,WE,TH,FR,SA,SU (no numbers like 1MO)")
                    })?);
                }
                "BYMONTHDAY" => {
                    let days: Option<Vec<i8>> = value
                        .split(',')
                        .map(|d| {
                            d.trim()
                                .parse::<i8>()
                                .ok()
                                .filter(|n| (1..=31).contains(n) || (-31..=-1).contains(n))
                        })
                        .collect();
                    rule.by_month_day = days
                        .filter(|d| !d.is_empty())
                        .ok_or_else(|| refuse("BYMONTHDAY takes days 1 to 31 or -1 to -31"))?;
                }
                "COUNT" => {
                    rule.count = Some(
                        value
                            .parse()
                            .ok()
                            .filter(|n| (1..=10_000).contains(n))
                            .ok_or_else(|| refuse("COUNT is a whole number from 1 to 10000"))?,
                    )
                }
                "UNTIL" => {
                    let digits = value
                        .get(..8)
                        .filter(|d| d.chars().all(|c| c.is_ascii_digit()));
                    let date = digits.and_then(|d| {
                        format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8])
                            .parse::<Date>()
                            .ok()
                    });
                    rule.until = Some(date.ok_or_else(|| {
                        refuse("UNTIL is a date like 20261231 or 20261231T235959Z")
                    })?);
                }
                "WKST" => {
                    rule.week_start = weekday(value)
                        .filter(|_| value.len() == 2)
                        .ok_or_else(|| refuse("WKST takes MO … SU"))?
                }
                other => return Err(refuse(&format!("{other} is not supported"))),
            }
        }
        rule.freq = freq.ok_or_else(|| refuse("an RRULE needs FREQ"))?;
        if rule.count.is_some() && rule.until.is_some() {
            return Err(refuse("use COUNT or UNTIL, not both"));
        }
        Ok(rule)
    }

    /// The rule as a canonical RRULE (for storage and calendars).
    pub fn to_rrule(&self) -> String {
        let mut out = format!(
            "FREQ={}",
            match self.freq {
                Freq::Daily => "DAILY",
                Freq::Weekly => "WEEKLY",
                Freq::Monthly => "MONTHLY",
            }
        );
        if self.interval != 1 {
            let _ = write!(out, ";INTERVAL={}", self.interval);
        }
        if !self.by_day.is_empty() {
            let days: Vec<&str> = self.by_day.iter().map(|d| code(*d)).collect();
            let _ = write!(out, ";BYDAY={}", days.join(","));
        }
        if !self.by_month_day.is_empty() {
            let days: Vec<String> = self.by_month_day.iter().map(ToString::to_string).collect();
            let _ = write!(out, ";BYMONTHDAY={}", days.join(","));
        }
        if let Some(c) = self.count {
            let _ = write!(out, ";COUNT={c}");
        }
        if let Some(u) = self.until {
            let _ = write!(out, ";UNTIL={}", u.strftime("%Y%m%d"));
        }
        if self.week_start != Weekday::Monday {
            let _ = write!(out, ";WKST={}", code(self.week_start));
        }
        out
    }

    /// True when `date` matches the rule's pattern for a series starting
    /// on `start` (ignoring COUNT and UNTIL).
    fn matches(&self, start: Date, date: Date) -> bool {
        if date < start {
            return false;
        }
        let interval = i64::from(self.interval.max(1));
        let month_day_ok = |d: Date| {
            self.by_month_day.is_empty()
                || self.by_month_day.iter().any(|&md| {
                    let md = i16::from(md);
                    let last = i16::from(d.days_in_month());
                    let wanted = if md > 0 { md } else { last + 1 + md };
                    i16::from(d.day()) == wanted
                })
        };
        let day_ok = |d: Date, default: Weekday| {
            if self.by_day.is_empty() {
                d.weekday() == default
            } else {
                self.by_day.contains(&d.weekday())
            }
        };
        match self.freq {
            Freq::Daily => {
                (date - start)
                    .get_days()
                    .rem_euclid(i32::try_from(interval).unwrap_or(1))
                    == 0
                    && (self.by_day.is_empty() || self.by_day.contains(&date.weekday()))
                    && month_day_ok(date)
            }
            Freq::Weekly => {
                let week_of = |d: Date| {
                    let back = (d.weekday().to_monday_zero_offset()
                        - self.week_start.to_monday_zero_offset())
                    .rem_euclid(7);
                    d.checked_sub(Span::new().days(i64::from(back)))
                        .unwrap_or(d)
                };
                let weeks = i64::from((week_of(date) - week_of(start)).get_days()) / 7;
                weeks % interval == 0 && day_ok(date, start.weekday()) && month_day_ok(date)
            }
            Freq::Monthly => {
                let months = (i64::from(date.year()) - i64::from(start.year())) * 12
                    + i64::from(date.month())
                    - i64::from(start.month());
                let day_fits = if self.by_month_day.is_empty() && self.by_day.is_empty() {
                    date.day() == start.day()
                } else {
                    month_day_ok(date)
                        && (self.by_day.is_empty() || self.by_day.contains(&date.weekday()))
                };
                months % interval == 0 && day_fits
            }
        }
    }

    /// The dates from `from` through `to` on which a series that starts on
    /// `start` happens (COUNT is counted from `start`).
    pub fn dates(&self, start: Date, from: Date, to: Date) -> Vec<Date> {
        let end = [
            Some(to),
            self.until,
            start.checked_add(Span::new().days(MAX_DAYS)).ok(),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(to);
        let mut out = Vec::new();
        let mut seen = 0u32;
        let mut day = start;
        while day <= end {
            if self.matches(start, day) {
                seen += 1;
                if self.count.is_some_and(|c| seen > c) {
                    break;
                }
                if day >= from {
                    out.push(day);
                }
            }
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        out
    }

    /// True when the series that starts on `start` happens on `date`.
    pub fn occurs_on(&self, start: Date, date: Date) -> bool {
        self.dates(start, date, date).first() == Some(&date)
    }
}

fn dedup(days: Vec<Weekday>) -> Vec<Weekday> {
    let mut out: Vec<Weekday> = Vec::with_capacity(days.len());
    for d in days {
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out.sort_by_key(|d| d.to_monday_zero_offset());
    out
}

/// `date` at `time` in `tz`: a time in a spring-forward gap moves
/// forward, a repeated one takes the earlier instant.
pub fn at_local(date: Date, time: Time, tz: &TimeZone) -> Option<Zoned> {
    tz.to_ambiguous_zoned(date.to_datetime(time))
        .compatible()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn dates(rule: &str, start: &str, from: &str, to: &str) -> Vec<String> {
        Rule::parse("every", rule)
            .unwrap()
            .dates(d(start), d(from), d(to))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn shorthands_mean_what_people_expect() {
        assert_eq!(
            Rule::parse("every", "mon,wed,fri").unwrap().to_rrule(),
            "FREQ=WEEKLY;BYDAY=MO,WE,FR"
        );
        assert_eq!(
            Rule::parse("every", "Weekdays").unwrap().to_rrule(),
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
        );
        assert_eq!(
            Rule::parse("every", "daily").unwrap().to_rrule(),
            "FREQ=DAILY"
        );
        // 2026-03-02 is a Monday.
        assert_eq!(
            dates("mon,wed,fri", "2026-03-02", "2026-03-02", "2026-03-08"),
            ["2026-03-02", "2026-03-04", "2026-03-06"]
        );
        assert_eq!(
            dates("weekends", "2026-03-02", "2026-03-02", "2026-03-08"),
            ["2026-03-07", "2026-03-08"]
        );
    }

    #[test]
    fn interval_count_and_until() {
        assert_eq!(
            dates(
                "FREQ=DAILY;INTERVAL=3;COUNT=3",
                "2026-01-30",
                "2026-01-01",
                "2026-12-31"
            ),
            ["2026-01-30", "2026-02-02", "2026-02-05"]
        );
        assert_eq!(
            dates(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
                "2026-03-02",
                "2026-03-01",
                "2026-03-31"
            ),
            ["2026-03-03", "2026-03-17", "2026-03-31"]
        );
        assert_eq!(
            dates(
                "FREQ=DAILY;UNTIL=20260304",
                "2026-03-02",
                "2026-03-01",
                "2026-03-31"
            ),
            ["2026-03-02", "2026-03-03", "2026-03-04"]
        );
        assert_eq!(
            dates(
                "RRULE:FREQ=WEEKLY;COUNT=2",
                "2026-03-04",
                "2026-03-01",
                "2026-04-30"
            ),
            ["2026-03-04", "2026-03-11"]
        );
    }

    #[test]
    fn monthly_skips_days_a_month_does_not_have() {
        assert_eq!(
            dates("FREQ=MONTHLY", "2026-01-31", "2026-01-01", "2026-05-31"),
            ["2026-01-31", "2026-03-31", "2026-05-31"]
        );
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                "2026-01-01",
                "2026-01-01",
                "2026-03-31"
            ),
            ["2026-01-31", "2026-02-28", "2026-03-31"]
        );
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYMONTHDAY=1,15",
                "2026-01-01",
                "2026-02-01",
                "2026-02-28"
            ),
            ["2026-02-01", "2026-02-15"]
        );
    }

    #[test]
    fn eight_o_clock_stays_eight_o_clock_across_dst() {
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let rule = Rule::parse("every", "daily").unwrap();
        for date in rule.dates(d("2026-03-27"), d("2026-03-27"), d("2026-03-31")) {
            let z = at_local(date, Time::constant(8, 0, 0, 0), &berlin).unwrap();
            assert_eq!((z.hour(), z.minute()), (8, 0), "{date}");
        }
        let before = at_local(d("2026-03-28"), Time::constant(8, 0, 0, 0), &berlin).unwrap();
        let after = at_local(d("2026-03-29"), Time::constant(8, 0, 0, 0), &berlin).unwrap();
        assert_eq!(
            (after.timestamp().as_second() - before.timestamp().as_second()) / 3600,
            23,
            "the spring-forward night is an hour shorter"
        );
        let gap = at_local(d("2026-03-29"), Time::constant(2, 30, 0, 0), &berlin).unwrap();
        assert_eq!(gap.hour(), 3, "a time in the gap moves forward");
    }

    #[test]
    fn bad_rules_name_the_problem() {
        for bad in [
            "sometimes",
            "FREQ=HOURLY",
            "FREQ=WEEKLY;BYDAY=1MO",
            "FREQ=DAILY;COUNT=3;UNTIL=20260101",
            "BYDAY=MO",
            "FREQ=DAILY;INTERVAL=0",
            "FREQ=MONTHLY;BYMONTHDAY=32",
            "FREQ=DAILY;BYSETPOS=1",
            "FREQ=DAILY;UNTIL=soon",
        ] {
            let err = Rule::parse("every", bad).unwrap_err();
            assert_eq!(err.field, "every", "{bad}");
            assert!(err.allowed.contains("RRULE"), "{bad}: {}", err.allowed);
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,60}") {
            let _ = Rule::parse("every", &text);
        }

        #[test]
        fn canonical_form_round_trips_and_dates_are_in_order(
            freq in 0..3usize, interval in 1..5u32, days in proptest::collection::vec(0..7usize, 0..4), count in proptest::option::of(1..20u32),
            start_offset in 0..400i64,
        ) {
            let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
            let mut text = format!("FREQ={};INTERVAL={interval}", ["DAILY", "WEEKLY", "MONTHLY"][freq]);
            if !days.is_empty() {
                let list: Vec<&str> = days.iter().map(|i| weekdays[*i]).collect();
                text.push_str(&format!(";BYDAY={}", list.join(",")));
            }
            if let Some(c) = count {
                text.push_str(&format!(";COUNT={c}"));
            }
            let rule = Rule::parse("every", &text).unwrap();
            prop_assert_eq!(Rule::parse("every", &rule.to_rrule()).unwrap(), rule.clone());
            let start = d("2025-01-01").checked_add(Span::new().days(start_offset)).unwrap();
            let got = rule.dates(start, start, d("2028-12-31"));
            prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(got.iter().all(|x| *x >= start));
            if let Some(c) = count {
                prop_assert!(got.len() <= c as usize);
            }
        }
    }
}
