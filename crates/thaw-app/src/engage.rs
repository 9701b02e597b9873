//! Values and value actions, wins and the weekly look-back, the social
//! ladder, self-care anchors, and the forgiving steadiness of scheduled
//! activities. Each use case checks first (`prepare_*`, pure) and stores
//! second, as everywhere in this crate.

use jiff::civil::Date;
use serde::Serialize;
use thaw_core::activity::Activity;
use thaw_core::engage::{
    self, ANCHORS, COMFORTABLE, LadderView, MAX_VALUES, SelfCare, SelfCareLog, SocialAttempt,
    SocialStep, Value, ValueAction, Win, forgiving_score,
};
use thaw_core::recur::Rule;
use thaw_core::{Clock, InputError, Settings, new_id, text};

use crate::{AppError, Thaw, day_span, moment_or_now, today, words};

/// Checks a core value a person chose.
pub fn prepare_value(name: &str, why: Option<&str>) -> Result<Value, InputError> {
    Value {
        name: name.to_owned(),
        why: why.map(str::to_owned),
    }
    .checked()
}

/// Checks a win, without storing anything.
pub fn prepare_win(
    text: &str,
    at: Option<&str>,
    settings: &Settings,
    clock: &dyn Clock,
) -> Result<Win, InputError> {
    Win {
        id: new_id(),
        at: moment_or_now(at, settings, clock)?,
        text: text.to_owned(),
    }
    .checked()
}

/// Checks a step for the social ladder (`difficulty` 0–100 as typed).
pub fn prepare_social_step(name: &str, difficulty: &str) -> Result<SocialStep, InputError> {
    SocialStep {
        name: name.to_owned(),
        difficulty: engage::parse_percent("difficulty", difficulty)?,
    }
    .checked()
}

/// Checks a self-care anchor and its schedule.
pub fn prepare_selfcare(
    name: &str,
    every: Option<&str>,
    time: Option<&str>,
) -> Result<SelfCare, InputError> {
    SelfCare {
        name: name.to_owned(),
        every: every.map(str::to_owned),
        time: time.map(str::to_owned),
    }
    .checked()
}

/// The anchors a person has, or the six defaults when they have set none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelfCareList {
    /// True when these are the defaults, not yet the person's own.
    pub suggested: bool,
    pub anchors: Vec<SelfCare>,
}

/// One week of small good things, for a gentle look back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookBack {
    pub from: Date,
    pub to: Date,
    pub wins: Vec<Win>,
    pub value_actions: Vec<ValueAction>,
    /// Activities done (fully or in part), with how many times.
    pub activities_done: Vec<(String, usize)>,
}

/// A scheduled activity's forgiving steadiness, 0–100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Steadiness {
    pub activity: String,
    pub score: u8,
}

impl Thaw {
    /// Adds a core value (up to three) or updates its why.
    pub fn add_value(&self, v: &Value) -> Result<bool, AppError> {
        let have = self.store.values(self.owner)?;
        if !have.iter().any(|h| h.name == v.name) && have.len() >= MAX_VALUES {
            let names: Vec<&str> = have.iter().map(|h| h.name.as_str()).collect();
            return Err(InputError::new(
                "value",
                &v.name,
                format!(
                    "keep up to {MAX_VALUES} core values (you have {}); let one go first",
                    names.join(", ")
                ),
            )
            .into());
        }
        Ok(self.store.save_value(self.owner, v)?)
    }

    pub fn values(&self) -> Result<Vec<Value>, AppError> {
        Ok(self.store.values(self.owner)?)
    }

    /// Lets a value go; answers false when there was none by that name.
    pub fn remove_value(&self, name: &str) -> Result<bool, AppError> {
        Ok(self
            .store
            .remove_value(self.owner, &name.trim().to_lowercase())?)
    }

    /// Records something done for one of the person's values.
    pub fn act_on_value(
        &self,
        value: &str,
        text: &str,
        at: Option<&str>,
        clock: &dyn Clock,
    ) -> Result<ValueAction, AppError> {
        let action = ValueAction {
            id: new_id(),
            value: value.to_owned(),
            at: moment_or_now(at, &self.settings, clock)?,
            text: text.to_owned(),
        }
        .checked()?;
        let have = self.values()?;
        if !have.iter().any(|v| v.name == action.value) {
            let allowed = if have.is_empty() {
                "choose it as a core value first".to_owned()
            } else {
                let names: Vec<&str> = have.iter().map(|v| v.name.as_str()).collect();
                format!(
                    "use one of your values ({}), or choose it as a core value first",
                    names.join(", ")
                )
            };
            return Err(InputError::new("value", value, allowed).into());
        }
        self.store.insert_value_action(self.owner, &action)?;
        Ok(action)
    }

    /// Value actions from day `from` through day `to`.
    pub fn value_actions(
        &self,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<ValueAction>, AppError> {
        let span = day_span(&self.settings.time_zone(), from, to)?;
        Ok(self.store.value_actions(self.owner, span)?)
    }

    pub fn add_win(&self, w: &Win) -> Result<(), AppError> {
        Ok(self.store.insert_win(self.owner, w)?)
    }

    /// Wins from day `from` through day `to`, oldest first.
    pub fn wins(&self, from: Option<Date>, to: Option<Date>) -> Result<Vec<Win>, AppError> {
        let span = day_span(&self.settings.time_zone(), from, to)?;
        Ok(self.store.wins(self.owner, span)?)
    }

    /// The seven days ending on `to`: wins, value actions, activities done.
    pub fn look_back(&self, to: Date) -> Result<LookBack, AppError> {
        let from = to.checked_sub(jiff::Span::new().days(6)).unwrap_or(to);
        let span = day_span(&self.settings.time_zone(), Some(from), Some(to))?;
        let mut done: Vec<(String, usize)> = Vec::new();
        for log in self.store.activity_logs(self.owner, span)? {
            if !log.status.happened() {
                continue;
            }
            match done.iter_mut().find(|(name, _)| *name == log.activity) {
                Some((_, n)) => *n += 1,
                None => done.push((log.activity, 1)),
            }
        }
        done.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(LookBack {
            from,
            to,
            wins: self.store.wins(self.owner, span)?,
            value_actions: self.store.value_actions(self.owner, span)?,
            activities_done: done,
        })
    }

    pub fn add_social_step(&self, s: &SocialStep) -> Result<bool, AppError> {
        Ok(self.store.save_social_step(self.owner, s)?)
    }

    /// Records trying a step that is on the ladder.
    pub fn try_social_step(
        &self,
        step: &str,
        comfort: &str,
        at: Option<&str>,
        clock: &dyn Clock,
    ) -> Result<SocialAttempt, AppError> {
        let attempt = SocialAttempt {
            id: new_id(),
            step: text::label("step", step)?,
            at: moment_or_now(at, &self.settings, clock)?,
            comfort: engage::parse_percent("comfort", comfort)?,
        }
        .checked()?;
        let steps = self.store.social_steps(self.owner)?;
        let Some(known) = steps
            .iter()
            .find(|s| s.name.to_lowercase() == attempt.step.to_lowercase())
        else {
            let allowed = if steps.is_empty() {
                "add it to your ladder first, with how hard it feels".to_owned()
            } else {
                let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
                format!(
                    "use a step on your ladder ({}), or add it to the ladder first",
                    names.join(", ")
                )
            };
            return Err(InputError::new("step", step, allowed).into());
        };
        let attempt = SocialAttempt {
            step: known.name.clone(),
            ..attempt
        };
        self.store.insert_social_attempt(self.owner, &attempt)?;
        Ok(attempt)
    }

    /// The ladder, easiest first, with the suggested next step.
    pub fn ladder(&self) -> Result<LadderView, AppError> {
        let steps = self.store.social_steps(self.owner)?;
        let attempts = self
            .store
            .social_attempts(self.owner, thaw_store::Span::default())?;
        Ok(engage::ladder(&steps, &attempts))
    }

    pub fn add_selfcare(&self, s: &SelfCare) -> Result<bool, AppError> {
        Ok(self.store.save_selfcare(self.owner, s)?)
    }

    pub fn remove_selfcare(&self, name: &str) -> Result<bool, AppError> {
        Ok(self.store.remove_selfcare(self.owner, name.trim())?)
    }

    /// The person's anchors, or the six defaults as suggestions.
    pub fn selfcare(&self) -> Result<SelfCareList, AppError> {
        let mine = self.store.selfcare(self.owner)?;
        if mine.is_empty() {
            return Ok(SelfCareList {
                suggested: true,
                anchors: default_anchors(),
            });
        }
        Ok(SelfCareList {
            suggested: false,
            anchors: mine,
        })
    }

    /// Records looking after one anchor (one of the person's, or one of
    /// the six).
    pub fn selfcare_done(
        &self,
        name: &str,
        at: Option<&str>,
        clock: &dyn Clock,
    ) -> Result<SelfCareLog, AppError> {
        let wanted = text::label("name", name)?;
        let list = self.selfcare()?;
        let known = list
            .anchors
            .iter()
            .map(|a| a.name.clone())
            .chain(ANCHORS.iter().map(|a| a.0.to_owned()))
            .find(|n| n.to_lowercase() == wanted.to_lowercase());
        let Some(known) = known else {
            let names: Vec<String> = list.anchors.iter().map(|a| a.name.clone()).collect();
            return Err(InputError::new(
                "name",
                name,
                format!(
                    "use one of your anchors ({}), or add it as an anchor first",
                    names.join(", ")
                ),
            )
            .into());
        };
        let log = SelfCareLog {
            id: new_id(),
            name: known,
            at: moment_or_now(at, &self.settings, clock)?,
        };
        self.store.insert_selfcare_log(self.owner, &log)?;
        Ok(log)
    }

    /// Each scheduled activity's forgiving steadiness over the last 90
    /// days up to `until`: every scheduled day nudges it up (done or
    /// partly done, in any size) or gently down; it never resets.
    pub fn steadiness(&self, until: Date) -> Result<Vec<Steadiness>, AppError> {
        let tz = self.settings.time_zone();
        let from = until
            .checked_sub(jiff::Span::new().days(89))
            .unwrap_or(until);
        let span = day_span(&tz, Some(from), Some(until))?;
        let logs = self.store.activity_logs(self.owner, span)?;
        let starts = self.store.activity_starts(self.owner)?;
        let mut out = Vec::new();
        for a in self.activities()? {
            let Some(rule) = schedule(&a) else { continue };
            let start = starts
                .get(&a.name)
                .and_then(|us| jiff::Timestamp::from_microsecond(*us).ok())
                .map(|ts| ts.to_zoned(tz.clone()).date())
                .unwrap_or(until)
                .min(until);
            let dates = rule.dates(start, from.max(start), until);
            if dates.is_empty() {
                continue;
            }
            let done_on = |d: &Date| {
                logs.iter().any(|l| {
                    l.activity == a.name && l.status.happened() && l.at.local_date(&tz) == *d
                })
            };
            // The last day counts once it is done; until then it is still open.
            let dates: Vec<Date> = dates
                .into_iter()
                .filter(|d| *d < until || done_on(d))
                .collect();
            if dates.is_empty() {
                continue;
            }
            let happened = dates.iter().map(done_on);
            let score = (forgiving_score(happened) * 100.0)
                .round()
                .clamp(0.0, 100.0);
            out.push(Steadiness {
                activity: a.name.clone(),
                score: score as u8,
            });
        }
        Ok(out)
    }

    /// Today's date for this person.
    pub fn today(&self, clock: &dyn Clock) -> Date {
        today(&self.settings, clock)
    }
}

/// The six anchors with their gentle default times, daily.
pub fn default_anchors() -> Vec<SelfCare> {
    ANCHORS
        .iter()
        .map(|(name, time, _)| SelfCare {
            name: (*name).to_owned(),
            every: Some("FREQ=DAILY".to_owned()),
            time: Some((*time).to_owned()),
        })
        .collect()
}

/// An activity's schedule, if it has one that reads.
pub fn schedule(a: &Activity) -> Option<Rule> {
    a.every
        .as_deref()
        .and_then(|e| Rule::parse("every", e).ok())
}

/// Words for the ladder's suggestion: when comfort with the latest step
/// has grown, the next one, offered, never pushed.
pub fn ladder_words(view: &LadderView, latest: Option<&SocialAttempt>) -> Option<String> {
    let next = view.next.as_deref();
    match (latest, next) {
        (Some(a), Some(n)) if a.comfort >= COMFORTABLE && a.step != n => {
            Some(words::ladder_grown(&a.step, a.comfort, n))
        }
        (Some(a), Some(n)) if a.step == n => Some(words::ladder_again(n)),
        (_, Some(n)) => Some(words::ladder_next(n)),
        (_, None) if !view.steps.is_empty() => Some(words::LADDER_ALL_EASIER.to_owned()),
        _ => None,
    }
}
