//! Activities: adding them (with smaller versions and a schedule) and
//! logging doing them.

use thaw_core::activity::{Activity, ActivityLog, Status, Tier, check_time};
use thaw_core::recur::Rule;
use thaw_core::{Clock, InputError, Rating, Settings, new_id};

use crate::{AppError, Thaw, moment_or_now, words};

/// What `thaw activity add` collects.
#[derive(Debug, Clone, Default)]
pub struct ActivityDraft {
    pub name: String,
    pub small: Option<String>,
    pub minimal: Option<String>,
    pub expect: Option<String>,
    pub values: Vec<String>,
    pub every: Option<String>,
    pub time: Option<String>,
}

/// Checks an activity; a name from the starter library brings its
/// smaller versions and expectation unless given. The schedule is stored
/// as a canonical RRULE.
pub fn prepare_activity(d: &ActivityDraft) -> Result<Activity, InputError> {
    let starter = thaw_core::library::find(&d.name);
    let every = d
        .every
        .as_deref()
        .map(|e| Rule::parse("every", e).map(|r| r.to_rrule()))
        .transpose()?;
    let time = d
        .time
        .as_deref()
        .map(|t| check_time("time", t))
        .transpose()?;
    let pick = |given: &Option<String>, default: Option<&str>| {
        given.clone().or_else(|| default.map(str::to_owned))
    };
    Activity {
        name: d.name.clone(),
        small: pick(&d.small, starter.map(|s| s.small)),
        minimal: pick(&d.minimal, starter.map(|s| s.minimal)),
        expect: pick(&d.expect, starter.map(|s| s.expect)),
        values: if d.values.is_empty() {
            starter
                .map(|s| s.values.iter().map(|v| (*v).to_owned()).collect())
                .unwrap_or_default()
        } else {
            d.values.clone()
        },
        every,
        time,
    }
    .checked()
}

/// What `thaw activity log` collects.
#[derive(Debug, Clone, Default)]
pub struct LogDraft {
    pub activity: String,
    pub tier: Option<String>,
    pub status: Option<String>,
    pub predicted: Option<String>,
    pub actual: Option<String>,
    pub at: Option<String>,
    pub note: Option<String>,
}

/// Checks a log, without storing anything.
pub fn prepare_log(
    d: &LogDraft,
    settings: &Settings,
    clock: &dyn Clock,
) -> Result<ActivityLog, InputError> {
    let rating =
        |field: &str, v: &Option<String>| v.as_deref().map(|t| Rating::parse(field, t)).transpose();
    Ok(ActivityLog {
        id: new_id(),
        activity: thaw_core::text::label("activity", &d.activity)?,
        at: moment_or_now(d.at.as_deref(), settings, clock)?,
        tier: d
            .tier
            .as_deref()
            .map(|t| Tier::parse("tier", t))
            .transpose()?
            .unwrap_or(Tier::Full),
        status: d
            .status
            .as_deref()
            .map(|s| Status::parse("status", s))
            .transpose()?
            .unwrap_or(Status::Done),
        predicted: rating("predicted", &d.predicted)?,
        actual: rating("actual", &d.actual)?,
        note: thaw_core::text::optional_text("note", d.note.as_deref(), thaw_core::text::NOTE_MAX)?,
    })
}

/// The enjoyment gap, kindly: `None` without both numbers.
pub fn gap_words(log: &ActivityLog) -> Option<String> {
    let (p, a) = (
        i16::from(log.predicted?.get()),
        i16::from(log.actual?.get()),
    );
    Some(match a - p {
        d if d > 0 => words::enjoyed_more(d),
        0 => words::ENJOYED_AS_EXPECTED.to_owned(),
        d => words::enjoyed_less(-d),
    })
}

impl Thaw {
    pub fn save_activity(&self, a: &thaw_core::activity::Activity) -> Result<(), AppError> {
        Ok(self.store.save_activity(self.owner, a)?)
    }

    pub fn activities(&self) -> Result<Vec<thaw_core::activity::Activity>, AppError> {
        Ok(self.store.activities(self.owner)?)
    }

    pub fn log_activity(&self, log: &ActivityLog) -> Result<(), AppError> {
        Ok(self.store.insert_activity_log(self.owner, log)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_are_checked_and_stored_canonically() {
        let a = prepare_activity(&ActivityDraft {
            name: "walk".into(),
            every: Some("mon,wed,fri".into()),
            time: Some("08:00".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(a.every.as_deref(), Some("FREQ=WEEKLY;BYDAY=MO,WE,FR"));
        let bad = prepare_activity(&ActivityDraft {
            name: "walk".into(),
            every: Some("FREQ=HOURLY".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(bad.field, "every");
        let bad = prepare_activity(&ActivityDraft {
            name: "walk".into(),
            time: Some("8am".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(bad.field, "time");
    }

    #[test]
    fn the_gap_is_said_kindly() {
        let mut log = prepare_log(
            &LogDraft {
                activity: "walk".into(),
                predicted: Some("3".into()),
                actual: Some("6".into()),
                ..Default::default()
            },
            &Settings::default(),
            &thaw_core::SystemClock,
        )
        .unwrap();
        assert!(
            gap_words(&log)
                .unwrap()
                .contains("better than you expected, by 3")
        );
        log.actual = Rating::new("a", 1).ok();
        let words = gap_words(&log).unwrap();
        assert!(words.contains("still did it") && !words.to_lowercase().contains("fail"));
        assert_eq!(
            prepare_log(
                &LogDraft {
                    activity: "walk".into(),
                    status: Some("failed".into()),
                    ..Default::default()
                },
                &Settings::default(),
                &thaw_core::SystemClock
            )
            .unwrap_err()
            .field,
            "status"
        );
    }
}
