//! The calendar: scheduled activities and self-care anchors as iCalendar,
//! with alarms and the person's time zone, so a phone reminds them
//! without a notification service of ours. The same document is written
//! by `thaw export ics` and served at a secret, revocable feed URL.
//!
//! Only the feed secret's SHA-256 is stored; the secret itself is shown
//! once, when it is made.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use sha2::{Digest, Sha256};
use thaw_io::ics::{CalendarEntry, write_calendar};

use crate::engage::schedule;
use crate::{AppError, Thaw, words};

/// Minutes before an activity the phone reminds.
pub const ACTIVITY_ALARM_MINUTES: u32 = 10;
/// Minutes an activity takes in the calendar.
pub const ACTIVITY_MINUTES: u32 = 30;
/// Minutes a self-care reminder takes in the calendar.
pub const SELFCARE_MINUTES: u32 = 15;

/// The calendar and what it left out.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub ics: String,
    pub events: usize,
    /// Scheduled things without a time of day (a reminder needs one).
    pub without_time: Vec<String>,
}

/// The feed secret's stored form.
pub fn feed_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a series starts in the calendar: a schedule without COUNT is
/// drawn from five years before it was made, in whole periods so its
/// rhythm (every other week, the 31st) is unchanged. Calendars then
/// show it beside older history and imported data lines up; a series
/// with COUNT starts where it was made, as its count runs from there.
pub fn series_start(rule: &thaw_core::recur::Rule, created: Date) -> Date {
    use thaw_core::recur::Freq;
    if rule.count.is_some() {
        return created;
    }
    let k = i64::from(rule.interval);
    let back = match rule.freq {
        Freq::Daily => jiff::Span::new().days(5 * 364 * k),
        Freq::Weekly => jiff::Span::new().weeks(5 * 52 * k),
        Freq::Monthly => jiff::Span::new().months(60 * k),
    };
    created.checked_sub(back).unwrap_or(created)
}

fn uid(kind: &str, name: &str) -> String {
    let digest = feed_hash(name);
    format!("{kind}-{}@thaw", &digest[..16])
}

impl Thaw {
    /// The person's calendar, stamped `now`.
    pub fn calendar(&self, now: Timestamp) -> Result<Calendar, AppError> {
        let tz = self.settings.time_zone();
        let today = now.to_zoned(tz.clone()).date();
        let start_of = |created: Option<&i64>| -> Date {
            created
                .and_then(|us| Timestamp::from_microsecond(*us).ok())
                .map(|ts| ts.to_zoned(tz.clone()).date())
                .unwrap_or(today)
        };
        let mut entries = Vec::new();
        let mut without_time = Vec::new();
        let starts = self.store.activity_starts(self.owner)?;
        for a in self.activities()? {
            let Some(rule) = schedule(&a) else { continue };
            let Some(time) = a.time.as_deref().and_then(|t| t.parse::<Time>().ok()) else {
                without_time.push(a.name.clone());
                continue;
            };
            let mut description = Vec::new();
            if let Some(s) = &a.small {
                description.push(format!("Smaller: {s}."));
            }
            if let Some(m) = &a.minimal {
                description.push(format!("Smallest: {m}."));
            }
            if let Some(e) = &a.expect {
                description.push(format!("Just: {e}."));
            }
            entries.push(CalendarEntry {
                uid: uid("activity", &a.name),
                summary: a.name.clone(),
                description: (!description.is_empty()).then(|| description.join(" ")),
                start: series_start(&rule, start_of(starts.get(&a.name))),
                rule,
                time,
                duration_minutes: ACTIVITY_MINUTES,
                alarm_minutes_before: ACTIVITY_ALARM_MINUTES,
            });
        }
        let starts = self.store.selfcare_starts(self.owner)?;
        for s in self.store.selfcare(self.owner)? {
            let Some(rule) = s
                .every
                .as_deref()
                .and_then(|e| thaw_core::recur::Rule::parse("every", e).ok())
            else {
                continue;
            };
            let Some(time) = s.time.as_deref().and_then(|t| t.parse::<Time>().ok()) else {
                without_time.push(s.name.clone());
                continue;
            };
            entries.push(CalendarEntry {
                uid: uid("selfcare", &s.name),
                summary: s.name.clone(),
                description: s.hint().map(words::calendar_hint),
                start: series_start(&rule, start_of(starts.get(&s.name))),
                rule,
                time,
                duration_minutes: SELFCARE_MINUTES,
                alarm_minutes_before: 0,
            });
        }
        let events = entries.len();
        Ok(Calendar {
            ics: write_calendar(&entries, &tz, now),
            events,
            without_time,
        })
    }

    /// Makes a new secret feed link (revoking any earlier one) and answers
    /// the secret, which is stored only as a hash.
    pub fn new_calendar_feed(&self) -> Result<String, AppError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| AppError::Io {
            what: "could not make a secret link (no random source)".into(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        self.store
            .set_calendar_feed(self.owner, &feed_hash(&token))?;
        Ok(token)
    }

    /// Turns the feed off; its link stops working at once.
    pub fn remove_calendar_feed(&self) -> Result<bool, AppError> {
        Ok(self.store.remove_calendar_feed(self.owner)?)
    }

    pub fn has_calendar_feed(&self) -> Result<bool, AppError> {
        Ok(self.store.has_calendar_feed(self.owner)?)
    }

    /// True when `token` opens this person's feed.
    pub fn calendar_feed_is(&self, token: &str) -> Result<bool, AppError> {
        if token.is_empty() || token.len() > 128 {
            return Ok(false);
        }
        Ok(self.store.calendar_feed_owner(&feed_hash(token))? == Some(self.owner))
    }
}

impl crate::accounts::Accounts {
    /// Multi-user mode: the Thaw of whoever `token` opens the feed of.
    pub fn thaw_by_calendar_feed(&self, token: &str) -> Result<Option<Thaw>, AppError> {
        if token.is_empty() || token.len() > 128 {
            return Ok(None);
        }
        match self.store().calendar_feed_owner(&feed_hash(token))? {
            Some(owner) => Ok(Some(self.thaw_for(owner)?)),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::recur::Rule;

    #[test]
    fn a_series_starts_years_back_in_whole_periods_unless_counted() {
        let made: Date = "2026-11-25".parse().unwrap();
        let every_other = Rule::parse("every", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE").unwrap();
        let start = series_start(&every_other, made);
        assert!(start < "2022-01-01".parse().unwrap());
        assert!(
            every_other.occurs_on(start, made),
            "the rhythm is unchanged"
        );
        let monthly = Rule::parse("every", "FREQ=MONTHLY;BYMONTHDAY=31").unwrap();
        assert_eq!(series_start(&monthly, made).day(), 25);
        let counted = Rule::parse("every", "FREQ=DAILY;COUNT=5").unwrap();
        assert_eq!(series_start(&counted, made), made);
    }
}
