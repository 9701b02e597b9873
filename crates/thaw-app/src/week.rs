//! "Schedule it regularly for a week" as one step: a proposed week of a
//! few activities, which the person accepts as it is or adjusts.
//!
//! The proposal prefers the person's own unscheduled activities, then
//! starters that serve their core values, from different life areas, and
//! never more than three: a week that fits is worth more than a full one.

use jiff::civil::{Date, Weekday};
use serde::Serialize;
use thaw_core::activity::Activity;
use thaw_core::library::{Area, LIBRARY, Starter};
use thaw_core::recur::Rule;

use crate::{AppError, Thaw, words};

/// How many activities a proposed week holds.
pub const WEEK_SIZE: usize = 3;

/// One proposed activity with its days and time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposed {
    /// The activity, with `every` and `time` set as proposed.
    pub activity: Activity,
    /// The days, as a person reads them ("mon,wed,fri").
    pub days: String,
    /// Why this one ("serves your value: connection").
    pub why: String,
}

/// A proposed week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekProposal {
    /// The Monday of the week.
    pub week_of: Date,
    pub items: Vec<Proposed>,
}

/// The days each proposed slot takes, in turn.
const DAY_PATTERNS: [&str; WEEK_SIZE] = ["mon,wed,fri", "tue,thu", "sat,sun"];

fn time_for(area: Option<Area>) -> &'static str {
    match area {
        Some(Area::Body | Area::Nature) => "10:00",
        Some(Area::Mastery) => "11:00",
        Some(Area::Connection) => "18:00",
        Some(Area::Creativity) => "19:00",
        Some(Area::Meaning) => "20:00",
        Some(Area::Rest) => "21:00",
        None => "10:00",
    }
}

/// The week's proposal for a person with `activities` and core `values`,
/// for the week that holds `date`. The same inputs give the same week;
/// the next week rotates to other starters.
pub fn propose(activities: &[Activity], values: &[String], date: Date) -> WeekProposal {
    let offset = i64::from(date.weekday().to_monday_zero_offset());
    let week_of = date
        .checked_sub(jiff::Span::new().days(offset))
        .unwrap_or(date);
    let scheduled = |name: &str| {
        activities
            .iter()
            .any(|a| a.name.eq_ignore_ascii_case(name) && a.every.is_some())
    };
    let mut picks: Vec<(Activity, Option<Area>, String)> = activities
        .iter()
        .filter(|a| a.every.is_none())
        .take(WEEK_SIZE)
        .map(|a| {
            let area = thaw_core::library::find(&a.name).map(|s| s.area);
            (a.clone(), area, words::WEEK_YOUR_OWN.to_owned())
        })
        .collect();
    let week_number =
        usize::try_from((week_of - Date::constant(2000, 1, 3)).get_days() / 7).unwrap_or(0);
    let serves = |s: &Starter| s.values.iter().find(|v| values.iter().any(|w| w == *v));
    let mut starters: Vec<&Starter> = LIBRARY
        .iter()
        .filter(|s| !scheduled(s.name) && !picks.iter().any(|p| p.0.name == s.name))
        .collect();
    if !starters.is_empty() {
        let turn = week_number % starters.len();
        starters.rotate_left(turn);
    }
    // Starters that serve a value first, then the rest; one per area.
    starters.sort_by_key(|s| serves(s).is_none());
    for s in starters {
        if picks.len() >= WEEK_SIZE {
            break;
        }
        if picks.iter().any(|p| p.1 == Some(s.area)) {
            continue;
        }
        let why = match serves(s) {
            Some(v) => words::week_serves(v),
            None => words::week_area(s.area.title()),
        };
        picks.push((s.to_activity(), Some(s.area), why));
    }
    let items = picks
        .into_iter()
        .zip(DAY_PATTERNS)
        .map(|((mut activity, area, why), days)| {
            activity.every = Rule::parse("every", days).ok().map(|r| r.to_rrule());
            activity.time = Some(time_for(area).to_owned());
            Proposed {
                activity,
                days: days.to_owned(),
                why,
            }
        })
        .collect();
    WeekProposal { week_of, items }
}

/// Days as a person reads them, from a rule ("mon,wed,fri", "daily").
pub fn days_words(every: &str) -> String {
    let Ok(rule) = Rule::parse("every", every) else {
        return every.to_owned();
    };
    if rule.by_day.is_empty() {
        use thaw_core::recur::Freq;
        let unit = match rule.freq {
            Freq::Daily => ("daily", "days"),
            Freq::Weekly => ("weekly", "weeks"),
            Freq::Monthly => ("monthly", "months"),
        };
        return if rule.interval == 1 {
            unit.0.to_owned()
        } else {
            format!("every {} {}", rule.interval, unit.1)
        };
    }
    rule.by_day
        .iter()
        .map(|d| match d {
            Weekday::Monday => "mon",
            Weekday::Tuesday => "tue",
            Weekday::Wednesday => "wed",
            Weekday::Thursday => "thu",
            Weekday::Friday => "fri",
            Weekday::Saturday => "sat",
            Weekday::Sunday => "sun",
        })
        .collect::<Vec<_>>()
        .join(",")
}

impl Thaw {
    /// This week's proposal for the person.
    pub fn propose_week(&self, date: Date) -> Result<WeekProposal, AppError> {
        let activities = self.activities()?;
        let values: Vec<String> = self.values()?.into_iter().map(|v| v.name).collect();
        Ok(propose(&activities, &values, date))
    }

    /// Saves the accepted (perhaps adjusted) activities with their
    /// schedules, all at once.
    pub fn accept_week(&self, accepted: &[Activity]) -> Result<(), AppError> {
        let checked = accepted
            .iter()
            .map(|a| a.clone().checked())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.store.save_activities(self.owner, &checked)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_week_holds_three_activities_from_different_areas() {
        let p = propose(&[], &[], date("2026-03-25"));
        assert_eq!(p.week_of, date("2026-03-23"));
        assert_eq!(p.items.len(), WEEK_SIZE);
        let areas: Vec<_> = p
            .items
            .iter()
            .map(|i| thaw_core::library::find(&i.activity.name).map(|s| s.area))
            .collect();
        assert!(areas[0] != areas[1] && areas[1] != areas[2] && areas[0] != areas[2]);
        assert_eq!(
            p.items[0].activity.every.as_deref(),
            Some("FREQ=WEEKLY;BYDAY=MO,WE,FR")
        );
        assert!(p.items.iter().all(|i| i.activity.small.is_some()));
        assert_eq!(
            p,
            propose(&[], &[], date("2026-03-29")),
            "same week, same plan"
        );
        assert_ne!(p.items, propose(&[], &[], date("2026-03-30")).items);
    }

    #[test]
    fn values_and_own_activities_come_first_and_scheduled_ones_are_left_alone() {
        let own = Activity {
            name: "bake bread".into(),
            small: None,
            minimal: None,
            expect: None,
            values: Vec::new(),
            every: None,
            time: None,
        };
        let p = propose(&[own], &["nature".into()], date("2026-03-25"));
        assert_eq!(p.items[0].activity.name, "bake bread");
        assert!(p.items[1].why.contains("nature"), "{:?}", p.items[1]);
        let scheduled = Activity {
            every: Some("daily".into()),
            ..p.items[1].activity.clone()
        };
        let again = propose(
            std::slice::from_ref(&scheduled),
            &["nature".into()],
            date("2026-03-25"),
        );
        assert!(
            again
                .items
                .iter()
                .all(|i| i.activity.name != scheduled.name)
        );
    }

    #[test]
    fn days_read_back_as_words() {
        assert_eq!(days_words("FREQ=WEEKLY;BYDAY=MO,WE,FR"), "mon,wed,fri");
        assert_eq!(days_words("FREQ=DAILY"), "daily");
        assert_eq!(days_words("FREQ=WEEKLY;INTERVAL=2"), "every 2 weeks");
    }
}
