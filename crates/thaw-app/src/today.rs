//! Today: the day's scheduled activities, in the version that fits the
//! energy there is, the self-care anchors, one small action for each core
//! value, and a grounding suggestion. Adjust, never abandon: low energy
//! offers the smaller or smallest version instead of dropping the item.
//! Nothing is shown as failed: what was not done yesterday quietly rolls
//! over as "maybe today".

use jiff::civil::{Date, Time};
use serde::Serialize;
use thaw_core::activity::{Activity, ActivityLog, Tier};
use thaw_core::engage::{SelfCare, value_action_for};
use thaw_core::recur::Rule;

use crate::{AppError, Thaw, day_span, words};

/// Energy at or below this offers the small version.
pub const LOW_ENERGY: u8 = 4;
/// Energy at or below this offers the smallest version.
pub const VERY_LOW_ENERGY: u8 = 2;

/// One thing on today's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayItem {
    pub activity: String,
    /// HH:MM, if the activity has a time.
    pub time: Option<String>,
    /// Which version is offered.
    pub tier: Tier,
    /// What to do, in that version.
    pub text: String,
    pub expect: Option<String>,
    /// Logged as done or partly done today.
    pub done: bool,
}

/// A self-care anchor on today's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelfCareItem {
    pub name: String,
    pub time: Option<String>,
    /// A few gentle words ("a glass of water").
    pub hint: Option<String>,
    pub done: bool,
}

/// One small action for one core value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueItem {
    pub value: String,
    pub action: String,
    /// Something was recorded for this value today.
    pub done: bool,
}

/// A grounding exercise worth trying today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroundingSuggestion {
    /// `breaths`, `senses`, `54321` or `body-scan`.
    pub technique: String,
    pub title: String,
    pub why: String,
}

/// The grounding exercises: key, title, minutes.
pub const TECHNIQUES: &[(&str, &str)] = &[
    ("breaths", "five slow breaths"),
    ("senses", "three physical sensations"),
    ("54321", "5-4-3-2-1 senses"),
    ("body-scan", "a five-minute body scan"),
];

/// The day's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayPlan {
    pub date: Date,
    /// The energy the plan is fitted to (given, or today's latest check-in).
    pub energy: Option<u8>,
    pub items: Vec<TodayItem>,
    /// Yesterday's scheduled items that were not logged: offered again,
    /// only if it fits ("maybe tomorrow" has become today).
    pub maybe_today: Vec<TodayItem>,
    pub selfcare: Vec<SelfCareItem>,
    /// One small action for each core value (up to three).
    pub values: Vec<ValueItem>,
    pub grounding: GroundingSuggestion,
    /// The relapse plan's items, when recent days look like numbness returning.
    pub relapse_plan: Option<Vec<String>>,
    /// How many activities the person has, scheduled today or not.
    #[serde(skip)]
    pub activities_known: usize,
}

/// The version of `a` that fits `energy`; never nothing.
pub fn fit(a: &Activity, energy: Option<u8>) -> (Tier, String) {
    let full = || (Tier::Full, a.name.clone());
    match energy {
        Some(e) if e <= VERY_LOW_ENERGY => a
            .minimal
            .clone()
            .map(|m| (Tier::Minimal, m))
            .or_else(|| a.small.clone().map(|s| (Tier::Small, s)))
            .unwrap_or_else(full),
        Some(e) if e <= LOW_ENERGY => a
            .small
            .clone()
            .map(|s| (Tier::Small, s))
            .or_else(|| a.minimal.clone().map(|m| (Tier::Minimal, m)))
            .unwrap_or_else(full),
        _ => full(),
    }
}

impl Thaw {
    /// The plan for `date`, fitted to `energy` (or the latest check-in's).
    pub fn today_plan(&self, date: Date, energy: Option<u8>) -> Result<TodayPlan, AppError> {
        let tz = self.settings.time_zone();
        let energy = match energy {
            Some(e) => Some(e),
            None => self
                .checkins(Some(date), Some(date))?
                .iter()
                .rev()
                .find_map(|c| c.energy.map(|e| e.get())),
        };
        let tz_day = |d: Date| day_span(&tz, Some(d), Some(d));
        let logs_today = self.store.activity_logs(self.owner, tz_day(date)?)?;
        let activities = self.activities()?;
        let starts = self.store.activity_starts(self.owner)?;
        let start_of = |a: &Activity| {
            starts
                .get(&a.name)
                .and_then(|us| jiff::Timestamp::from_microsecond(*us).ok())
                .map(|ts| ts.to_zoned(tz.clone()).date())
                .unwrap_or(date)
                .min(date)
        };
        let item = |a: &Activity, logs: &[ActivityLog]| {
            let (tier, text) = fit(a, energy);
            TodayItem {
                activity: a.name.clone(),
                time: a.time.clone(),
                tier,
                text,
                expect: a.expect.clone(),
                done: logs
                    .iter()
                    .any(|l| l.activity == a.name && l.status.happened()),
            }
        };
        let scheduled = |a: &Activity, day: Date| {
            a.every
                .as_deref()
                .and_then(|e| Rule::parse("every", e).ok())
                .is_some_and(|rule| rule.occurs_on(start_of(a), day))
        };
        let mut items: Vec<TodayItem> = activities
            .iter()
            .filter(|a| scheduled(a, date))
            .map(|a| item(a, &logs_today))
            .collect();
        sort_by_time(&mut items);
        let mut maybe_today = Vec::new();
        if let Ok(yesterday) = date.yesterday() {
            let logs_yesterday = self.store.activity_logs(self.owner, tz_day(yesterday)?)?;
            maybe_today = activities
                .iter()
                .filter(|a| scheduled(a, yesterday) && !scheduled(a, date))
                .filter(|a| !logs_yesterday.iter().any(|l| l.activity == a.name))
                .map(|a| item(a, &logs_today))
                .collect();
            sort_by_time(&mut maybe_today);
        }
        let selfcare_logs = self.store.selfcare_logs(self.owner, tz_day(date)?)?;
        let selfcare_starts = self.store.selfcare_starts(self.owner)?;
        let list = self.selfcare()?;
        let mut selfcare: Vec<SelfCareItem> = list
            .anchors
            .iter()
            .filter(|s| {
                let start = selfcare_starts
                    .get(&s.name)
                    .and_then(|us| jiff::Timestamp::from_microsecond(*us).ok())
                    .map(|ts| ts.to_zoned(tz.clone()).date())
                    .unwrap_or(date)
                    .min(date);
                s.every
                    .as_deref()
                    .and_then(|e| Rule::parse("every", e).ok())
                    .is_none_or(|rule| rule.occurs_on(start, date))
            })
            .map(|s: &SelfCare| SelfCareItem {
                name: s.name.clone(),
                time: s.time.clone(),
                hint: s.hint().map(str::to_owned),
                done: selfcare_logs.iter().any(|l| l.name == s.name),
            })
            .collect();
        selfcare.sort_by(|x, y| {
            let t = |i: &SelfCareItem| i.time.as_deref().and_then(|t| t.parse::<Time>().ok());
            t(x).cmp(&t(y)).then_with(|| x.name.cmp(&y.name))
        });
        let day_number =
            usize::try_from((date - Date::constant(2000, 1, 1)).get_days()).unwrap_or(0);
        let actions_today = self.store.value_actions(self.owner, tz_day(date)?)?;
        let values = self
            .values()?
            .into_iter()
            .take(thaw_core::engage::MAX_VALUES)
            .map(|v| ValueItem {
                action: value_action_for(&v.name, day_number),
                done: actions_today.iter().any(|a| a.value == v.name),
                value: v.name,
            })
            .collect();
        let grounding = self.grounding_suggestion(date, day_number)?;
        let relapse_plan = if self.numbness_returning(date)? {
            Some(
                self.plan(thaw_core::plan::PlanKind::Relapse)?
                    .items
                    .into_iter()
                    .flatten()
                    .collect(),
            )
        } else {
            None
        };
        Ok(TodayPlan {
            date,
            energy,
            items,
            maybe_today,
            selfcare,
            values,
            grounding,
            relapse_plan,
            activities_known: activities.len(),
        })
    }
}

impl Thaw {
    /// The exercise that has helped most (the largest mean drop in
    /// numbness over at least two sessions in the last 90 days), or one
    /// in turn, so each gets tried.
    fn grounding_suggestion(
        &self,
        date: Date,
        day_number: usize,
    ) -> Result<GroundingSuggestion, AppError> {
        let from = date.checked_sub(jiff::Span::new().days(89)).unwrap_or(date);
        let span = day_span(&self.settings.time_zone(), Some(from), Some(date))?;
        let easing = self.store.grounding_easing(self.owner, span)?;
        let mut best: Option<(&str, &str, f64, usize)> = None;
        for (key, title) in TECHNIQUES {
            let Some((_, n, sum)) = easing.iter().find(|(t, _, _)| t == key) else {
                continue;
            };
            let n = usize::try_from(*n).unwrap_or(usize::MAX);
            if n < 2 {
                continue;
            }
            let mean = *sum as f64 / n as f64;
            if mean > 0.0 && best.is_none_or(|b| mean > b.2) {
                best = Some((key, title, mean, n));
            }
        }
        Ok(match best {
            Some((key, title, mean, n)) => GroundingSuggestion {
                technique: (*key).to_owned(),
                title: (*title).to_owned(),
                why: words::grounding_helped(n, mean),
            },
            None => {
                let (key, title) = TECHNIQUES[day_number % TECHNIQUES.len()];
                GroundingSuggestion {
                    technique: key.to_owned(),
                    title: title.to_owned(),
                    why: words::GROUNDING_TRY.to_owned(),
                }
            }
        })
    }
}

fn sort_by_time(items: &mut [TodayItem]) {
    items.sort_by(|x, y| {
        let t = |i: &TodayItem| i.time.as_deref().and_then(|t| t.parse::<Time>().ok());
        t(x).cmp(&t(y)).then_with(|| x.activity.cmp(&y.activity))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk() -> Activity {
        Activity {
            name: "walk".into(),
            small: Some("walk to the corner".into()),
            minimal: Some("step outside for a minute".into()),
            expect: None,
            values: Vec::new(),
            every: None,
            time: None,
        }
    }

    #[test]
    fn low_energy_offers_a_smaller_version_never_nothing() {
        assert_eq!(fit(&walk(), Some(8)).0, Tier::Full);
        assert_eq!(fit(&walk(), None).0, Tier::Full);
        assert_eq!(
            fit(&walk(), Some(4)),
            (Tier::Small, "walk to the corner".into())
        );
        assert_eq!(
            fit(&walk(), Some(2)),
            (Tier::Minimal, "step outside for a minute".into())
        );
        let bare = Activity {
            small: None,
            minimal: None,
            ..walk()
        };
        assert_eq!(
            fit(&bare, Some(0)),
            (Tier::Full, "walk".into()),
            "without smaller versions, the activity itself"
        );
    }
}
