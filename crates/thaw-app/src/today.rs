//! Today: the day's scheduled activities, in the version that fits the
//! energy there is. Adjust, never abandon: low energy offers the smaller
//! or smallest version instead of dropping the item.

use jiff::civil::{Date, Time};
use serde::Serialize;
use thaw_core::activity::{Activity, Tier};
use thaw_core::recur::Rule;

use crate::{AppError, Thaw};

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
}

/// The day's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayPlan {
    pub date: Date,
    /// The energy the plan is fitted to (given, or today's latest check-in).
    pub energy: Option<u8>,
    pub items: Vec<TodayItem>,
    /// The relapse plan's items, when recent days look like numbness returning.
    pub relapse_plan: Option<Vec<String>>,
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
        let starts = self.store.activity_starts(self.owner)?;
        let mut items = Vec::new();
        for a in self.activities()? {
            let Some(rule) = a
                .every
                .as_deref()
                .and_then(|e| Rule::parse("every", e).ok())
            else {
                continue;
            };
            let start = starts
                .get(&a.name)
                .and_then(|us| jiff::Timestamp::from_microsecond(*us).ok())
                .map(|ts| ts.to_zoned(tz.clone()).date())
                .unwrap_or(date)
                .min(date);
            if !rule.occurs_on(start, date) {
                continue;
            }
            let (tier, text) = fit(&a, energy);
            items.push(TodayItem {
                activity: a.name.clone(),
                time: a.time.clone(),
                tier,
                text,
                expect: a.expect.clone(),
            });
        }
        items.sort_by(|x, y| {
            let t = |i: &TodayItem| i.time.as_deref().and_then(|t| t.parse::<Time>().ok());
            t(x).cmp(&t(y)).then_with(|| x.activity.cmp(&y.activity))
        });
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
            relapse_plan,
        })
    }
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
