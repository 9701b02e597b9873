//! Builders shared by the integration tests: check-ins, logs and sessions
//! from a few plain values, and a one-call way to run the engine.

#![allow(dead_code)] // Each test file uses a different part of this.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use thaw_core::activity::{ActivityLog, GroundingSession, Status, Tier};
use thaw_core::{Checkin, Moment, Rating};
use thaw_insights::{Input, Insights, insights};
use uuid::Uuid;

pub fn date(s: &str) -> Date {
    s.parse().unwrap()
}

pub fn rating(v: u8) -> Rating {
    Rating::new("test", i64::from(v)).unwrap()
}

/// A moment from RFC 3339 text, or a local `YYYY-MM-DD HH:MM` in `tz`.
pub fn moment(text: &str, tz: &TimeZone) -> Moment {
    Moment::parse("at", text, tz).unwrap()
}

/// The instant of local `minute` on day `day` (0-based) of a span of
/// `span_days` days ending on `last`, in `tz` (a gap or fold resolved as
/// most software does).
pub fn at_in_span(tz: &TimeZone, last: &str, span_days: i64, day: i64, minute: i64) -> Moment {
    use jiff::ToSpan;
    let first = date(last).checked_sub((span_days - 1).days()).unwrap();
    let local = first
        .checked_add(day.days())
        .unwrap()
        .to_datetime(jiff::civil::Time::midnight())
        .checked_add(minute.minutes())
        .unwrap();
    let zoned = tz.to_ambiguous_zoned(local).compatible().unwrap();
    Moment::new(zoned.timestamp(), zoned.offset())
}

/// The label at `index` of `labels` as a one-or-none list of tags.
pub fn tag(index: Option<usize>, labels: &[&str]) -> Vec<String> {
    index.map(|i| labels[i].to_owned()).into_iter().collect()
}

pub fn checkin(at: Moment, mood: Option<u8>, numbness: Option<u8>) -> Checkin {
    Checkin {
        id: Uuid::now_v7(),
        at,
        mood: mood.map(rating),
        numbness: numbness.map(rating),
        energy: None,
        pleasure: None,
        connection: None,
        sensations: Vec::new(),
        triggers: Vec::new(),
        note: None,
        plan: None,
    }
}

pub fn activity_log(activity: &str, at: Moment, status: Status) -> ActivityLog {
    ActivityLog {
        id: Uuid::now_v7(),
        activity: activity.to_owned(),
        at,
        tier: Tier::Full,
        status,
        predicted: None,
        actual: None,
        note: None,
    }
}

pub fn session(
    technique: &str,
    at: Moment,
    before: Option<u8>,
    after: Option<u8>,
) -> GroundingSession {
    GroundingSession {
        id: Uuid::now_v7(),
        technique: technique.to_owned(),
        at,
        duration_s: 120,
        before: before.map(rating),
        after: after.map(rating),
    }
}

/// Everything the engine reads, owned.
#[derive(Debug, Clone)]
pub struct Data {
    pub tz: TimeZone,
    pub until: Date,
    pub days: u32,
    pub checkins: Vec<Checkin>,
    pub logs: Vec<ActivityLog>,
    pub sessions: Vec<GroundingSession>,
}

impl Data {
    pub fn new(tz: &str, until: &str, days: u32) -> Self {
        Self {
            tz: TimeZone::get(tz).unwrap(),
            until: date(until),
            days,
            checkins: Vec::new(),
            logs: Vec::new(),
            sessions: Vec::new(),
        }
    }

    pub fn run(&self) -> Insights {
        insights(&Input {
            tz: &self.tz,
            until: self.until,
            days: self.days,
            checkins: &self.checkins,
            activity_logs: &self.logs,
            grounding: &self.sessions,
        })
    }
}
