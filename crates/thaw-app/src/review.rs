//! The weekly review and the monthly look-back ("look how far"): what a
//! person did and how their days went, gathered from what is already
//! stored, and said in kind, honest words.
//!
//! [`Thaw::week_review`] looks at the seven calendar days (in the person's
//! time zone) ending on a day: how many had a check-in, mood, numbness and
//! energy against the week before, the wins, the value actions, the
//! activities (any size counts; skipped is information), the grounding
//! sessions with numbness before and after, and one suggestion for next
//! week drawn from the insights. [`Thaw::month_review`] sets the last 30
//! days beside the 30 before (or the days since the first check-in, when
//! that is more recent) and remembers the first win.
//!
//! Deliberately not here: statistics of their own (the suggestion reads
//! [`Thaw::insights`]) and any way of showing a gap. Days without a
//! check-in are never listed, a smaller count is never set against a
//! larger one in words, and nothing resets.
//!
//! Every sentence lives at the end of this file: the [`words`] constants
//! and the `*_words` functions ([`week_words`], [`month_words`]), so the
//! voice can be read in one place. Start reading at [`WeekReview`].

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use thaw_core::activity::{ActivityLog, GroundingSession, Tier};
use thaw_core::engage::{ValueAction, Win, value_action_for};
use thaw_core::{Checkin, InputError, Moment, Rating};
use thaw_insights::Insights;
use thaw_store::Span;

use crate::today::TECHNIQUES;
use crate::words::review as words;
use crate::{AppError, Thaw, day_span};

/// Days in a weekly review.
pub const WEEK_DAYS: u32 = 7;
/// Days in each half of the monthly look-back.
pub const MONTH_DAYS: u32 = 30;
/// Days of insights the suggestion for next week reads.
pub const SUGGESTION_DAYS: u32 = 90;
/// Days a value may go without an action before it is suggested.
pub const VALUE_QUIET_DAYS: u32 = 28;
/// Differences smaller than this (points on the 0–10 scale) read as
/// "about the same".
pub const ABOUT_THE_SAME: f64 = 0.5;
/// Differences from this size on are no longer "a little".
pub const CLEARLY: f64 = 1.5;

// ------------------------------------------------------------------ data

/// A rating the reviews compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    Mood,
    Numbness,
    Energy,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Mood, Measure::Numbness, Measure::Energy];

    fn of(self, c: &Checkin) -> Option<Rating> {
        match self {
            Measure::Mood => c.mood,
            Measure::Numbness => c.numbness,
            Measure::Energy => c.energy,
        }
    }

    /// Numbness is better lower; mood and energy higher.
    pub fn lower_is_better(self) -> bool {
        matches!(self, Measure::Numbness)
    }
}

/// How a rating moved from one period to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Numbness lower, or mood or energy higher, by at least
    /// [`ABOUT_THE_SAME`].
    Better,
    AboutTheSame,
    /// The other way, by at least [`ABOUT_THE_SAME`].
    Harder,
}

/// One rating, now against before: each the mean of its period's day
/// values (a day's value is the mean of that day's ratings).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub measure: Measure,
    /// This period's mean (null without a rating in it).
    pub now: Option<f64>,
    /// Days of this period with this rating.
    pub days_now: usize,
    /// The earlier period's mean.
    pub before: Option<f64>,
    pub days_before: usize,
    /// `now − before`, only when both periods have ratings.
    pub difference: Option<f64>,
    /// Only when both periods have ratings.
    pub direction: Option<Direction>,
}

impl Change {
    fn new(measure: Measure, now: &[f64], before: &[f64]) -> Self {
        let now_mean = mean(now);
        let before_mean = mean(before);
        let difference = match (now_mean, before_mean) {
            (Some(n), Some(b)) => Some(n - b),
            _ => None,
        };
        let direction = difference.map(|d| {
            let gain = if measure.lower_is_better() { -d } else { d };
            if gain.abs() < ABOUT_THE_SAME {
                Direction::AboutTheSame
            } else if gain > 0.0 {
                Direction::Better
            } else {
                Direction::Harder
            }
        });
        Self {
            measure,
            now: now_mean,
            days_now: now.len(),
            before: before_mean,
            days_before: before.len(),
            difference,
            direction,
        }
    }
}

/// An activity in the week: every size counts as done; skipped is
/// information, never a failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityWeek {
    pub name: String,
    /// Logged as done or partly done, in any size.
    pub times: usize,
    /// Of those, in the small or minimal version.
    pub smaller: usize,
    /// Logged as skipped.
    pub skipped: usize,
}

/// A grounding session, as the review shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroundingItem {
    /// `breaths`, `senses`, `54321`, `body-scan`, or another name.
    pub technique: String,
    /// What the exercise is called ("five slow breaths").
    pub title: String,
    pub at: Moment,
    pub duration_s: u32,
    /// Numbness before, 0–10.
    pub before: Option<u8>,
    /// Numbness after, 0–10.
    pub after: Option<u8>,
}

/// Where the suggestion for next week comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionKind {
    /// An activity that goes with less numb days.
    Activity,
    /// The grounding exercise that has eased numbness most.
    Grounding,
    /// An activity that was more enjoyable than expected.
    Enjoyment,
    /// A core value with no action lately.
    Value,
    /// Not enough check-ins yet for patterns.
    Checkin,
    /// The gentle default: one small thing, planned.
    Plan,
}

/// One small thing to try next week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    /// The activity, technique key or value it is about.
    pub about: Option<String>,
    /// The suggestion, in words.
    pub text: String,
}

/// The week before the review's week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekBefore {
    pub from: Date,
    pub to: Date,
    pub days_with_checkins: usize,
}

/// A gentle weekly review (`thaw week`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekReview {
    pub from: Date,
    pub to: Date,
    /// Always 7.
    pub days: u32,
    /// Days of the seven with at least one check-in.
    pub days_with_checkins: usize,
    pub week_before: WeekBefore,
    /// Mood, numbness and energy, this week against the week before.
    pub compared: Vec<Change>,
    pub wins: Vec<Win>,
    pub value_actions: Vec<ValueAction>,
    /// Most often first.
    pub activities: Vec<ActivityWeek>,
    /// Oldest first.
    pub grounding: Vec<GroundingItem>,
    pub suggestion: Suggestion,
}

/// Counts over one period of the monthly look-back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    /// Calendar days in the period.
    pub days: u32,
    pub days_with_checkins: usize,
    pub wins: usize,
    /// Activity logs done or partly done, in any size.
    pub activities_done: usize,
    pub value_actions: usize,
    pub grounding_sessions: usize,
}

/// The monthly look-back, "look how far" (`thaw month`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthReview {
    /// The last 30 days.
    pub now: Period,
    /// The 30 days before them, starting no earlier than the first
    /// check-in; null when the first check-in is within the last 30 days.
    pub before: Option<Period>,
    /// Mood, numbness and energy, now against before.
    pub compared: Vec<Change>,
    /// The day of the first check-in ever (up to the last day).
    pub first_checkin: Option<Date>,
    /// Check-ins from the first through the last day.
    pub checkins_since_start: u64,
    pub wins_since_start: usize,
    pub first_win: Option<Win>,
    /// The most recent win, when it is not the first.
    pub latest_win: Option<Win>,
}

// ------------------------------------------------------------- use cases

impl Thaw {
    /// The weekly review of the seven days ending on `until`.
    pub fn week_review(&self, until: Date) -> Result<WeekReview, AppError> {
        let tz = self.settings.time_zone();
        let from = back(until, i64::from(WEEK_DAYS) - 1)?;
        let before_to = back(until, i64::from(WEEK_DAYS))?;
        let before_from = back(until, 2 * i64::from(WEEK_DAYS) - 1)?;
        let both = span(&tz, before_from, until)?;
        let week = span(&tz, from, until)?;

        let checkins = self.store.checkins_for_insights(self.owner, both)?;
        let now = DayRatings::of(&checkins, &tz, from, until);
        let before = DayRatings::of(&checkins, &tz, before_from, before_to);
        let logs = self.store.activity_logs(self.owner, week)?;
        let sessions = self.store.grounding_sessions(self.owner, week)?;

        Ok(WeekReview {
            from,
            to: until,
            days: WEEK_DAYS,
            days_with_checkins: now.days(),
            week_before: WeekBefore {
                from: before_from,
                to: before_to,
                days_with_checkins: before.days(),
            },
            compared: now.compare(&before),
            wins: self.store.wins(self.owner, week)?,
            value_actions: self.store.value_actions(self.owner, week)?,
            activities: activity_week(&logs),
            grounding: sessions.iter().map(grounding_item).collect(),
            suggestion: self.suggestion(until)?,
        })
    }

    /// The monthly look-back over the 30 days ending on `until`.
    pub fn month_review(&self, until: Date) -> Result<MonthReview, AppError> {
        let tz = self.settings.time_zone();
        let from = back(until, i64::from(MONTH_DAYS) - 1)?;
        let before_to = back(until, i64::from(MONTH_DAYS))?;
        let earliest = back(until, 2 * i64::from(MONTH_DAYS) - 1)?;
        let to_end = span(&tz, until, until)?;
        let up_to_until = Span {
            from_us: None,
            to_us: to_end.to_us,
        };
        let (checkins_since_start, first_us) =
            self.store.checkin_extent(self.owner, up_to_until)?;
        let first_checkin = first_us
            .and_then(|us| jiff::Timestamp::from_microsecond(us).ok())
            .map(|ts| ts.to_zoned(tz.clone()).date());
        let before_from = match first_checkin {
            Some(first) if first <= before_to => Some(first.max(earliest)),
            _ => None,
        };
        let reach_from = before_from.unwrap_or(from);
        let all = span(&tz, reach_from, until)?;

        let checkins = self.store.checkins_for_insights(self.owner, all)?;
        let logs = self.store.activity_logs(self.owner, all)?;
        let actions = self.store.value_actions(self.owner, all)?;
        let sessions = self.store.grounding_sessions(self.owner, all)?;
        let wins = self.store.wins(self.owner, up_to_until)?;

        let count = |a: Date, b: Date| {
            let inside = |m: &Moment| {
                let d = m.local_date(&tz);
                a <= d && d <= b
            };
            Period {
                from: a,
                to: b,
                days: days_between(a, b),
                days_with_checkins: DayRatings::of(&checkins, &tz, a, b).days(),
                wins: wins.iter().filter(|w| inside(&w.at)).count(),
                activities_done: logs
                    .iter()
                    .filter(|l| l.status.happened() && inside(&l.at))
                    .count(),
                value_actions: actions.iter().filter(|v| inside(&v.at)).count(),
                grounding_sessions: sessions.iter().filter(|s| inside(&s.at)).count(),
            }
        };
        let now = count(from, until);
        let before = before_from.map(|b| count(b, before_to));
        let now_days = DayRatings::of(&checkins, &tz, from, until);
        let before_days = match before_from {
            Some(b) => DayRatings::of(&checkins, &tz, b, before_to),
            None => DayRatings::default(),
        };
        let first_win = wins.first().cloned();
        let latest_win = match (wins.first(), wins.last()) {
            (Some(f), Some(l)) if f.id != l.id => Some(l.clone()),
            _ => None,
        };
        Ok(MonthReview {
            now,
            before,
            compared: now_days.compare(&before_days),
            first_checkin,
            checkins_since_start,
            wins_since_start: wins.len(),
            first_win,
            latest_win,
        })
    }

    /// One small thing for the week after `until`, from the insights of
    /// the [`SUGGESTION_DAYS`] days ending on it; a gentle default when
    /// they say little yet.
    fn suggestion(&self, until: Date) -> Result<Suggestion, AppError> {
        let insights = self.insights(SUGGESTION_DAYS, until)?;
        if let Some(s) = from_insights(&insights) {
            return Ok(s);
        }
        let quiet_from = back(until, i64::from(VALUE_QUIET_DAYS) - 1)?;
        let recent = self.value_actions(Some(quiet_from), Some(until))?;
        let day_number =
            usize::try_from((until - Date::constant(2000, 1, 1)).get_days()).unwrap_or(0);
        if let Some(value) = self
            .values()?
            .into_iter()
            .find(|v| !recent.iter().any(|a| a.value == v.name))
        {
            let action = value_action_for(&value.name, day_number);
            return Ok(Suggestion {
                kind: SuggestionKind::Value,
                text: words::suggest_value(&value.name, &action),
                about: Some(value.name),
            });
        }
        Ok(
            if insights.window.days_with_checkins < crate::insights::ENOUGH_DAYS {
                Suggestion {
                    kind: SuggestionKind::Checkin,
                    about: None,
                    text: words::SUGGEST_CHECKIN.to_owned(),
                }
            } else {
                Suggestion {
                    kind: SuggestionKind::Plan,
                    about: None,
                    text: words::SUGGEST_PLAN.to_owned(),
                }
            },
        )
    }
}

/// The suggestion the insights support, if any: an activity that goes
/// with clearly less numb days, then the grounding exercise that eased
/// numbness most (two sessions or more), then an activity that has been
/// more enjoyable than expected (three times or more).
pub fn from_insights(i: &Insights) -> Option<Suggestion> {
    let activity = i
        .activities
        .iter()
        .filter(|a| a.enough_data)
        .filter_map(|a| {
            let d = a.numbness_diff?;
            let [_, hi] = a.numbness_ci95?;
            (d < 0.0 && hi < 0.0).then_some((a, d))
        })
        .min_by(|x, y| x.1.total_cmp(&y.1));
    if let Some((a, d)) = activity {
        return Some(Suggestion {
            kind: SuggestionKind::Activity,
            about: Some(a.name.clone()),
            text: words::suggest_activity(&a.name, -d, a.days_with),
        });
    }
    let grounding = i
        .coping
        .iter()
        .filter(|c| c.sessions >= 2 && c.mean_numbness_change <= -ABOUT_THE_SAME)
        .min_by(|x, y| x.mean_numbness_change.total_cmp(&y.mean_numbness_change));
    if let Some(c) = grounding {
        return Some(Suggestion {
            kind: SuggestionKind::Grounding,
            about: Some(c.technique.clone()),
            text: words::suggest_grounding(
                technique_title(&c.technique),
                -c.mean_numbness_change,
                c.sessions,
            ),
        });
    }
    let enjoyed = i
        .prediction_gap
        .iter()
        .filter(|g| g.n >= 3 && g.mean_actual_minus_predicted >= ABOUT_THE_SAME)
        .max_by(|x, y| {
            x.mean_actual_minus_predicted
                .total_cmp(&y.mean_actual_minus_predicted)
        });
    enjoyed.map(|g| Suggestion {
        kind: SuggestionKind::Enjoyment,
        about: Some(g.activity.clone()),
        text: words::suggest_enjoyment(&g.activity, g.mean_actual_minus_predicted, g.n),
    })
}

// --------------------------------------------------------------- helpers

/// The day `n` days before `day`; a day outside the calendar names the
/// field a person typed.
fn back(day: Date, n: i64) -> Result<Date, InputError> {
    day.checked_sub(jiff::Span::new().days(n))
        .map_err(|_| out_of_range(day))
}

fn out_of_range(day: Date) -> InputError {
    InputError::new(
        "until",
        day.to_string(),
        "use a date between the years 1 and 9999",
    )
}

/// The instants of the days `from` through `to`, refusing a range the
/// calendar cannot place as the day a person typed.
fn span(tz: &jiff::tz::TimeZone, from: Date, to: Date) -> Result<Span, InputError> {
    day_span(tz, Some(from), Some(to)).map_err(|_| out_of_range(to))
}

/// Calendar days from `a` through `b`, both included.
fn days_between(a: Date, b: Date) -> u32 {
    u32::try_from((b - a).get_days() + 1).unwrap_or(0)
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The day values of each rating over a run of days, in the person's zone.
#[derive(Debug, Default)]
struct DayRatings {
    /// Days with at least one check-in.
    days: usize,
    /// Each day's mean, per measure (in the order of [`Measure::ALL`]).
    values: [Vec<f64>; 3],
}

impl DayRatings {
    fn of(checkins: &[Checkin], tz: &jiff::tz::TimeZone, from: Date, to: Date) -> Self {
        let mut by_day: BTreeMap<Date, Vec<&Checkin>> = BTreeMap::new();
        for c in checkins {
            let d = c.at.local_date(tz);
            if from <= d && d <= to {
                by_day.entry(d).or_default().push(c);
            }
        }
        let day_values = |m: Measure| -> Vec<f64> {
            by_day
                .values()
                .filter_map(|day| {
                    let ratings: Vec<f64> = day
                        .iter()
                        .filter_map(|c| m.of(c))
                        .map(|r| f64::from(r.get()))
                        .collect();
                    mean(&ratings)
                })
                .collect()
        };
        Self {
            days: by_day.len(),
            values: Measure::ALL.map(day_values),
        }
    }

    fn days(&self) -> usize {
        self.days
    }

    fn compare(&self, before: &DayRatings) -> Vec<Change> {
        Measure::ALL
            .iter()
            .zip(self.values.iter().zip(before.values.iter()))
            .map(|(m, (now, then))| Change::new(*m, now, then))
            .collect()
    }
}

/// The week's logs by activity, most often first.
fn activity_week(logs: &[ActivityLog]) -> Vec<ActivityWeek> {
    let mut by_name: BTreeMap<&str, ActivityWeek> = BTreeMap::new();
    for log in logs {
        let a = by_name
            .entry(log.activity.as_str())
            .or_insert_with(|| ActivityWeek {
                name: log.activity.clone(),
                times: 0,
                smaller: 0,
                skipped: 0,
            });
        if log.status.happened() {
            a.times += 1;
            if log.tier != Tier::Full {
                a.smaller += 1;
            }
        } else {
            a.skipped += 1;
        }
    }
    let mut list: Vec<ActivityWeek> = by_name.into_values().collect();
    list.sort_by(|x, y| y.times.cmp(&x.times).then_with(|| x.name.cmp(&y.name)));
    list
}

/// How a technique is named in a sentence.
fn technique_title(key: &str) -> &str {
    TECHNIQUES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, title)| title)
}

fn grounding_item(s: &GroundingSession) -> GroundingItem {
    GroundingItem {
        technique: s.technique.clone(),
        title: technique_title(&s.technique).to_owned(),
        at: s.at,
        duration_s: s.duration_s,
        before: s.before.map(Rating::get),
        after: s.after.map(Rating::get),
    }
}

// ------------------------------------------------------------------ words

/// The weekly review in sentences; the lists (wins, actions, activities,
/// grounding) are laid out by each interface with [`activity_words`] and
/// [`grounding_words`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekWords {
    /// "Mon 23 Mar to Sun 29 Mar".
    pub dates: String,
    /// How many days had a check-in, kindly; or what to do first.
    pub checkins: String,
    /// True when the week has no check-in (the interface shows how to
    /// check in).
    pub no_checkins: bool,
    /// One sentence per rating both weeks have.
    pub compared: Vec<String>,
    /// How the comparison is made (days, and that small differences can
    /// be chance), or when it will appear.
    pub compared_note: Option<String>,
    /// A gentle line when some comparison went the harder way.
    pub harder: Option<String>,
    /// When the week has check-ins but nothing else was noted.
    pub quiet: Option<String>,
    /// When something was skipped: skipped is information.
    pub skipped: Option<String>,
    /// The suggestion for next week.
    pub suggestion: String,
}

/// The monthly look-back in sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthWords {
    /// "28 Feb to 29 Mar".
    pub dates: String,
    /// What these 30 days held, each with "up from" when it grew; empty
    /// when nothing was recorded.
    pub counts: Vec<String>,
    /// When nothing was recorded in these 30 days: what to do first.
    pub empty: Option<String>,
    /// One sentence per rating both periods have.
    pub compared: Vec<String>,
    pub compared_note: Option<String>,
    pub harder: Option<String>,
    /// "Since your first check-in on 3 January: …".
    pub since: Option<String>,
    /// The first win, and the latest.
    pub first_win: Option<String>,
    pub latest_win: Option<String>,
}

/// The weekly review in words.
pub fn week_words(r: &WeekReview) -> WeekWords {
    let dates = format!("{} to {}", short_day(r.from), short_day(r.to));
    let no_checkins = r.days_with_checkins == 0;
    let checkins = words::week_checkins(r.days_with_checkins);
    let compared = compared_words(&r.compared, words::THE_WEEK_BEFORE);
    let compared_note = if compared.is_empty() {
        (!no_checkins).then(|| words::WEEK_COMPARE_LATER.to_owned())
    } else {
        Some(words::compare_basis(
            r.days_with_checkins,
            r.week_before.days_with_checkins,
            "this week",
            words::THE_WEEK_BEFORE,
        ))
    };
    let nothing_noted = r.wins.is_empty()
        && r.value_actions.is_empty()
        && r.activities.iter().all(|a| a.times == 0)
        && r.grounding.is_empty();
    WeekWords {
        dates,
        checkins,
        no_checkins,
        harder: harder_words(&r.compared),
        compared,
        compared_note,
        quiet: (nothing_noted && !no_checkins).then(|| words::WEEK_QUIET.to_owned()),
        skipped: r
            .activities
            .iter()
            .any(|a| a.skipped > 0)
            .then(|| words::SKIPPED.to_owned()),
        suggestion: r.suggestion.text.clone(),
    }
}

/// The monthly look-back in words.
pub fn month_words(r: &MonthReview) -> MonthWords {
    let dates = format!("{} to {}", short_day(r.now.from), short_day(r.now.to));
    let before = r.before.as_ref();
    let was = |f: fn(&Period) -> usize| before.map(f);
    let n = &r.now;
    let counts: Vec<String> = [
        words::count_checkin_days(n.days_with_checkins, was(|p| p.days_with_checkins)),
        words::count_wins(n.wins, was(|p| p.wins)),
        words::count_activities(n.activities_done, was(|p| p.activities_done)),
        words::count_value_actions(n.value_actions, was(|p| p.value_actions)),
        words::count_grounding(n.grounding_sessions, was(|p| p.grounding_sessions)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let then = before.map_or_else(
        || words::THE_DAYS_BEFORE.to_owned(),
        |p| words::the_days_before(p.days),
    );
    let compared = compared_words(&r.compared, &then);
    let compared_note = match before {
        Some(p) if !compared.is_empty() => Some(words::compare_basis(
            n.days_with_checkins,
            p.days_with_checkins,
            "in these 30 days",
            &format!("in {then}"),
        )),
        None if r.first_checkin.is_some() => Some(words::MONTH_COMPARE_LATER.to_owned()),
        _ => None,
    };
    let empty = counts.is_empty().then(|| {
        if r.first_checkin.is_some() || r.wins_since_start > 0 {
            words::MONTH_QUIET.to_owned()
        } else {
            words::MONTH_EMPTY.to_owned()
        }
    });
    MonthWords {
        dates,
        counts,
        empty,
        harder: harder_words(&r.compared),
        compared,
        compared_note,
        since: r
            .first_checkin
            .map(|d| words::since_start(d, r.checkins_since_start, r.wins_since_start)),
        first_win: r
            .first_win
            .as_ref()
            .map(|w| words::first_win(&w.text, w.at.zoned().date())),
        latest_win: r
            .latest_win
            .as_ref()
            .map(|w| words::latest_win(&w.text, w.at.zoned().date())),
    }
}

/// One sentence per rating that both periods have.
fn compared_words(changes: &[Change], then: &str) -> Vec<String> {
    changes
        .iter()
        .filter_map(|c| words::change(c, then))
        .collect()
}

/// A kind line for a stretch that went the harder way (and not when
/// something else went better: then the sentences say enough).
fn harder_words(changes: &[Change]) -> Option<String> {
    let went = |d: Direction| changes.iter().any(|c| c.direction == Some(d));
    (went(Direction::Harder) && !went(Direction::Better)).then(|| words::HARDER.to_owned())
}

/// An activity's week: "3 times, 1 in a smaller version", "skipped once".
pub fn activity_words(a: &ActivityWeek) -> String {
    let mut parts = Vec::new();
    if a.times > 0 {
        let mut done = words::times(a.times);
        match a.smaller {
            0 => {}
            s if s == a.times && s > 1 => done.push_str(", all in a smaller version"),
            s if s == a.times => done.push_str(", in a smaller version"),
            s => done.push_str(&format!(", {s} in a smaller version")),
        }
        parts.push(done);
    }
    if a.skipped > 0 {
        parts.push(format!("skipped {}", words::times(a.skipped)));
    }
    parts.join("; ")
}

/// A grounding session's numbness: "numbness 7, then 5".
pub fn grounding_words(g: &GroundingItem) -> Option<String> {
    match (g.before, g.after) {
        (Some(b), Some(a)) => Some(format!("numbness {b}, then {a}")),
        (Some(b), None) => Some(format!("numbness {b} before")),
        (None, Some(a)) => Some(format!("numbness {a} after")),
        (None, None) => None,
    }
}

/// "Mon 23 Mar".
pub fn short_day(d: Date) -> String {
    d.strftime("%a %-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::activity::Status;
    use thaw_core::{CheckinDraft, FixedClock, Settings, new_id};
    use thaw_store::Store;

    const BLAME: [&str; 9] = [
        "missed",
        "failed",
        "streak",
        "broke your",
        "you should",
        "only ",
        "worse",
        "gap",
        "behind",
    ];

    struct Fixture {
        _dir: tempfile::TempDir,
        thaw: Thaw,
        tz: jiff::tz::TimeZone,
    }

    /// A Thaw on a fresh folder, in `zone`.
    fn fixture(zone: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("thaw.db")).unwrap();
        let owner = store.local_person().unwrap();
        let mut settings = Settings::default();
        settings.set("timezone", zone).unwrap();
        let tz = settings.time_zone();
        Fixture {
            _dir: dir,
            thaw: Thaw::new(store, owner, settings),
            tz,
        }
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    impl Fixture {
        fn at(&self, local: &str) -> Moment {
            Moment::parse("at", local, &self.tz).unwrap()
        }

        fn checkin(&self, local: &str, mood: u8, numbness: u8, energy: Option<u8>) {
            let c = CheckinDraft {
                mood: Some(mood.to_string()),
                numbness: Some(numbness.to_string()),
                energy: energy.map(|e| e.to_string()),
                ..Default::default()
            }
            .validate(new_id(), self.at(local))
            .unwrap();
            self.thaw.save_checkin(&c).unwrap();
        }

        fn win(&self, local: &str, text: &str) {
            let w = Win {
                id: new_id(),
                at: self.at(local),
                text: text.into(),
            };
            self.thaw.add_win(&w).unwrap();
        }

        fn log(&self, local: &str, name: &str, tier: Tier, status: Status) {
            let log = ActivityLog {
                id: new_id(),
                activity: name.into(),
                at: self.at(local),
                tier,
                status,
                predicted: None,
                actual: None,
                note: None,
            };
            self.thaw.log_activity(&log).unwrap();
        }

        fn ground(&self, local: &str, technique: &str, before: u8, after: u8) {
            let s = GroundingSession {
                id: new_id(),
                technique: technique.into(),
                at: self.at(local),
                duration_s: 60,
                before: Rating::new("before", before.into()).ok(),
                after: Rating::new("after", after.into()).ok(),
            };
            self.thaw.save_grounding(&s).unwrap();
        }
    }

    fn all_week_words(w: &WeekWords) -> String {
        let mut all = vec![w.dates.clone(), w.checkins.clone(), w.suggestion.clone()];
        all.extend(w.compared.iter().cloned());
        all.extend(
            [&w.compared_note, &w.harder, &w.quiet, &w.skipped]
                .into_iter()
                .flatten()
                .cloned(),
        );
        all.join("\n")
    }

    fn all_month_words(w: &MonthWords) -> String {
        let mut all = vec![w.dates.clone()];
        all.extend(w.counts.iter().cloned());
        all.extend(w.compared.iter().cloned());
        all.extend(
            [
                &w.empty,
                &w.compared_note,
                &w.harder,
                &w.since,
                &w.first_win,
                &w.latest_win,
            ]
            .into_iter()
            .flatten()
            .cloned(),
        );
        all.join("\n")
    }

    fn never_blames(text: &str) {
        let lower = text.to_lowercase();
        for bad in BLAME {
            assert!(!lower.contains(bad), "{bad:?} in: {text}");
        }
    }

    #[test]
    fn an_empty_week_says_what_to_do_next() {
        let f = fixture("UTC");
        let r = f.thaw.week_review(d("2026-03-29")).unwrap();
        assert_eq!(
            (r.from, r.to, r.days),
            (d("2026-03-23"), d("2026-03-29"), 7)
        );
        assert_eq!(r.days_with_checkins, 0);
        assert!(r.compared.iter().all(|c| c.direction.is_none()));
        assert_eq!(r.suggestion.kind, SuggestionKind::Checkin);
        let w = week_words(&r);
        assert!(w.no_checkins);
        assert_eq!(w.checkins, words::NO_CHECKINS_WEEK);
        assert!(w.compared.is_empty() && w.compared_note.is_none());
        assert!(w.quiet.is_none(), "one empty state is enough");
        never_blames(&all_week_words(&w));
    }

    #[test]
    fn a_quiet_week_counts_its_check_ins_kindly_and_waits_to_compare() {
        let f = fixture("UTC");
        f.checkin("2026-03-24 09:00", 4, 7, None);
        f.checkin("2026-03-24 21:00", 6, 5, None);
        f.checkin("2026-03-27 09:00", 5, 6, None);
        let r = f.thaw.week_review(d("2026-03-29")).unwrap();
        assert_eq!(r.days_with_checkins, 2);
        let mood = &r.compared[0];
        assert_eq!(
            (mood.now, mood.days_now),
            (Some(5.0), 2),
            "day values, not check-ins"
        );
        assert_eq!((mood.before, mood.direction), (None, None));
        let w = week_words(&r);
        assert!(w.checkins.contains("2 days"), "{}", w.checkins);
        assert!(w.compared.is_empty(), "only when both weeks have data");
        assert_eq!(w.compared_note.as_deref(), Some(words::WEEK_COMPARE_LATER));
        assert_eq!(w.quiet.as_deref(), Some(words::WEEK_QUIET));
        never_blames(&all_week_words(&w));
    }

    #[test]
    fn a_better_week_says_what_went_a_little_better() {
        let f = fixture("UTC");
        for day in 16..=20 {
            f.checkin(&format!("2026-03-{day} 09:00"), 4, 7, Some(3));
        }
        for day in 23..=29 {
            f.checkin(&format!("2026-03-{day} 09:00"), 5, 5, Some(3));
        }
        f.win("2026-03-25 12:00", "made tea and drank it warm");
        f.log("2026-03-24 10:00", "short walk", Tier::Full, Status::Done);
        f.log(
            "2026-03-26 10:00",
            "short walk",
            Tier::Small,
            Status::Partial,
        );
        f.log("2026-03-27 10:00", "call Sam", Tier::Full, Status::Skipped);
        f.ground("2026-03-28 20:00", "breaths", 7, 5);
        let r = f.thaw.week_review(d("2026-03-29")).unwrap();
        assert_eq!(r.days_with_checkins, 7);
        assert_eq!(r.week_before.days_with_checkins, 5);
        let by = |m: Measure| r.compared.iter().find(|c| c.measure == m).unwrap();
        assert_eq!(by(Measure::Mood).direction, Some(Direction::Better));
        assert_eq!(by(Measure::Numbness).direction, Some(Direction::Better));
        assert_eq!(by(Measure::Numbness).difference, Some(-2.0));
        assert_eq!(by(Measure::Energy).direction, Some(Direction::AboutTheSame));
        assert_eq!(r.wins.len(), 1);
        assert_eq!(
            r.activities,
            vec![
                ActivityWeek {
                    name: "short walk".into(),
                    times: 2,
                    smaller: 1,
                    skipped: 0
                },
                ActivityWeek {
                    name: "call Sam".into(),
                    times: 0,
                    smaller: 0,
                    skipped: 1
                },
            ]
        );
        assert_eq!(
            activity_words(&r.activities[0]),
            "twice, 1 in a smaller version"
        );
        assert_eq!(activity_words(&r.activities[1]), "skipped once");
        assert_eq!(r.grounding.len(), 1);
        assert_eq!(r.grounding[0].title, "five slow breaths");
        assert_eq!(
            grounding_words(&r.grounding[0]).as_deref(),
            Some("numbness 7, then 5")
        );
        let w = week_words(&r);
        assert!(w.checkins.contains("all 7 days"));
        assert_eq!(
            w.compared,
            vec![
                "Mood: a little higher than the week before (5.0, was 4.0).",
                "Numbness: eased since the week before (5.0, was 7.0).",
                "Energy: about the same as the week before (about 3.0).",
            ]
        );
        assert!(
            w.compared_note
                .unwrap()
                .contains("7 days this week, 5 days the week before")
        );
        assert!(w.harder.is_none() && w.quiet.is_none());
        assert_eq!(w.skipped.as_deref(), Some(words::SKIPPED));
        never_blames(&all_week_words(&week_words(&r)));
    }

    #[test]
    fn a_harder_week_is_named_plainly_and_kindly() {
        let f = fixture("UTC");
        for day in 16..=22 {
            f.checkin(&format!("2026-03-{day} 09:00"), 6, 4, Some(6));
        }
        for day in [23, 25, 27] {
            f.checkin(&format!("2026-03-{day} 09:00"), 5, 6, Some(3));
        }
        let r = f.thaw.week_review(d("2026-03-29")).unwrap();
        assert!(
            r.compared
                .iter()
                .all(|c| c.direction == Some(Direction::Harder)),
            "{:?}",
            r.compared
        );
        let w = week_words(&r);
        assert_eq!(
            w.compared,
            vec![
                "Mood: a little lower than the week before (5.0, was 6.0).",
                "Numbness: higher than the week before (6.0, was 4.0).",
                "Energy: lower than the week before (3.0, was 6.0).",
            ]
        );
        assert_eq!(w.harder.as_deref(), Some(words::HARDER));
        assert!(w.checkins.contains("3 days"));
        never_blames(&all_week_words(&w));
    }

    #[test]
    fn tiny_differences_read_about_the_same() {
        let c = Change::new(Measure::Numbness, &[5.2, 5.0], &[5.0, 4.9]);
        assert_eq!(c.direction, Some(Direction::AboutTheSame));
        let c = Change::new(Measure::Numbness, &[4.4], &[5.0]);
        assert_eq!(c.direction, Some(Direction::Better));
        assert_eq!(
            words::change(&c, "the week before").unwrap(),
            "Numbness: eased a little since the week before (4.4, was 5.0)."
        );
        let c = Change::new(Measure::Mood, &[], &[5.0]);
        assert_eq!((c.difference, c.direction), (None, None));
        assert!(words::change(&c, "x").is_none());
        let lower_energy = Change::new(Measure::Energy, &[3.0], &[5.0]);
        assert_eq!(lower_energy.direction, Some(Direction::Harder));
        assert_eq!(
            harder_words(std::slice::from_ref(&lower_energy)).as_deref(),
            Some(words::HARDER)
        );
        let less_numb = Change::new(Measure::Numbness, &[4.0], &[7.0]);
        assert_eq!(
            harder_words(&[less_numb, lower_energy]),
            None,
            "a mixed week is said by its sentences"
        );
    }

    #[test]
    fn a_dst_week_holds_its_seven_local_days() {
        // Europe/Berlin moves to summer time on Sunday 29 March 2026.
        let f = fixture("Europe/Berlin");
        f.checkin("2026-03-22 23:30", 2, 9, None); // the week before
        f.checkin("2026-03-23 00:30", 4, 6, None); // first day (still the 22nd in UTC)
        f.checkin("2026-03-29 23:30", 6, 4, None); // last day, after the change
        f.checkin("2026-03-30 00:15", 9, 1, None); // the next week
        f.win("2026-03-29 23:45", "a late win");
        let r = f.thaw.week_review(d("2026-03-29")).unwrap();
        assert_eq!(r.days_with_checkins, 2);
        assert_eq!(r.week_before.days_with_checkins, 1);
        assert_eq!(r.compared[0].now, Some(5.0));
        assert_eq!(r.compared[0].before, Some(2.0));
        assert_eq!(r.wins.len(), 1, "23:45 on the last local day belongs to it");
        // And the autumn change, on Sunday 25 October.
        let f = fixture("Europe/Berlin");
        f.checkin("2026-10-25 02:30", 5, 5, None);
        f.checkin("2026-10-25 23:59", 5, 5, None);
        let r = f.thaw.week_review(d("2026-10-25")).unwrap();
        assert_eq!(r.days_with_checkins, 1);
        assert_eq!(r.compared[0].days_now, 1);
    }

    #[test]
    fn the_suggestion_comes_from_the_insights_then_values_then_a_gentle_default() {
        let f = fixture("UTC");
        // Ten days: on five of them a walk and less numbness.
        for day in 1..=20 {
            let walked = day % 2 == 0;
            let numb = if walked { 3 } else { 7 } + u8::from(day % 4 == 0);
            f.checkin(&format!("2026-03-{day:02} 09:00"), 5, numb, None);
            if walked {
                f.log(
                    &format!("2026-03-{day:02} 10:00"),
                    "walk",
                    Tier::Full,
                    Status::Done,
                );
            }
        }
        let s = f.thaw.week_review(d("2026-03-21")).unwrap().suggestion;
        assert_eq!(s.kind, SuggestionKind::Activity);
        assert_eq!(s.about.as_deref(), Some("walk"));
        assert!(
            s.text.contains("\u{201c}walk\u{201d}") && s.text.contains("10 days"),
            "{}",
            s.text
        );
        never_blames(&s.text);

        let f = fixture("UTC");
        for day in 1..=3 {
            f.ground(&format!("2026-03-{day:02} 20:00"), "senses", 7, 5);
            f.ground(&format!("2026-03-{day:02} 21:00"), "breaths", 7, 6);
        }
        let s = f.thaw.week_review(d("2026-03-21")).unwrap().suggestion;
        assert_eq!(s.kind, SuggestionKind::Grounding);
        assert_eq!(s.about.as_deref(), Some("senses"));
        assert!(s.text.contains("three physical sensations"), "{}", s.text);

        let f = fixture("UTC");
        let clock = FixedClock("2026-03-21T12:00:00Z".parse().unwrap());
        f.thaw
            .add_value(&crate::engage::prepare_value("calm", None).unwrap())
            .unwrap();
        f.thaw
            .add_value(&crate::engage::prepare_value("connection", None).unwrap())
            .unwrap();
        f.thaw
            .act_on_value(
                "calm",
                "sat by the window",
                Some("2026-03-20 10:00"),
                &clock,
            )
            .unwrap();
        let s = f.thaw.week_review(d("2026-03-21")).unwrap().suggestion;
        assert_eq!(s.kind, SuggestionKind::Value);
        assert_eq!(
            s.about.as_deref(),
            Some("connection"),
            "the value with no action yet"
        );
        assert!(
            s.text
                .starts_with("Something small for connection next week")
        );

        let f = fixture("UTC");
        for day in 1..=10 {
            f.checkin(&format!("2026-03-{day:02} 09:00"), 5, 5, None);
        }
        let s = f.thaw.week_review(d("2026-03-21")).unwrap().suggestion;
        assert_eq!(s.kind, SuggestionKind::Plan);
        assert_eq!(s.text, words::SUGGEST_PLAN);
    }

    #[test]
    fn an_empty_month_says_where_to_start() {
        let f = fixture("UTC");
        let r = f.thaw.month_review(d("2026-03-30")).unwrap();
        assert_eq!(
            (r.now.from, r.now.to, r.now.days),
            (d("2026-03-01"), d("2026-03-30"), 30)
        );
        assert_eq!((r.before.as_ref(), r.first_checkin), (None, None));
        let w = month_words(&r);
        assert!(w.counts.is_empty());
        assert_eq!(w.empty.as_deref(), Some(words::MONTH_EMPTY));
        assert!(w.since.is_none() && w.first_win.is_none() && w.compared_note.is_none());
        never_blames(&all_month_words(&w));
    }

    #[test]
    fn a_month_looks_back_to_the_first_check_in_and_counts_kindly() {
        let f = fixture("UTC");
        // Started on 20 January: the 30 days before 1 March begin on 30 January.
        f.checkin("2026-01-20 09:00", 3, 8, None);
        for day in 10..=20 {
            f.checkin(&format!("2026-02-{day} 09:00"), 3, 8, None);
        }
        f.win("2026-02-12 10:00", "got up");
        f.win("2026-02-13 10:00", "replied to Jo");
        f.win("2026-02-14 10:00", "a shower");
        for day in 1..=30 {
            if day % 2 == 0 {
                f.checkin(&format!("2026-03-{day:02} 09:00"), 6, 5, None);
            }
        }
        f.win("2026-03-20 10:00", "called Sam");
        f.log("2026-03-21 10:00", "walk", Tier::Minimal, Status::Done);
        f.ground("2026-03-22 10:00", "breaths", 6, 5);
        let r = f.thaw.month_review(d("2026-03-30")).unwrap();
        let before = r.before.clone().unwrap();
        assert_eq!(
            (before.from, before.to, before.days),
            (d("2026-01-30"), d("2026-02-28"), 30)
        );
        assert_eq!((before.days_with_checkins, before.wins), (11, 3));
        assert_eq!(
            (
                r.now.days_with_checkins,
                r.now.wins,
                r.now.activities_done,
                r.now.grounding_sessions
            ),
            (15, 1, 1, 1)
        );
        assert_eq!(r.first_checkin, Some(d("2026-01-20")));
        assert_eq!((r.checkins_since_start, r.wins_since_start), (27, 4));
        assert_eq!(r.first_win.as_ref().unwrap().text, "got up");
        assert_eq!(r.latest_win.as_ref().unwrap().text, "called Sam");
        let w = month_words(&r);
        assert_eq!(
            w.counts,
            vec![
                "15 days with a check-in (up from 11)",
                "1 small win noted",
                "1 activity done, in any size (up from none)",
                "1 grounding exercise (up from none)",
            ],
            "fewer wins is never set against more"
        );
        assert_eq!(
            w.compared[0],
            "Mood: higher than the 30 days before (6.0, was 3.0)."
        );
        assert_eq!(
            w.compared[1],
            "Numbness: eased since the 30 days before (5.0, was 8.0)."
        );
        assert!(
            w.since
                .unwrap()
                .contains("20 January 2026: 27 check-ins and 4 small wins")
        );
        assert!(w.first_win.unwrap().contains("got up"));
        assert!(w.latest_win.unwrap().contains("called Sam"));
        never_blames(&all_month_words(&month_words(&r)));

        // Started within the month: nothing to compare yet, said kindly.
        let f = fixture("UTC");
        f.checkin("2026-03-25 09:00", 5, 5, None);
        let r = f.thaw.month_review(d("2026-03-30")).unwrap();
        assert!(r.before.is_none());
        let w = month_words(&r);
        assert_eq!(w.counts, vec!["1 day with a check-in"]);
        assert_eq!(w.compared_note.as_deref(), Some(words::MONTH_COMPARE_LATER));
        assert!(w.since.unwrap().contains("1 check-in."));
    }

    #[test]
    fn a_quiet_month_after_busier_ones_says_nothing_of_a_gap() {
        let f = fixture("UTC");
        for day in 1..=28 {
            f.checkin(&format!("2026-02-{day:02} 09:00"), 6, 4, None);
        }
        let r = f.thaw.month_review(d("2026-03-30")).unwrap();
        assert_eq!(r.now.days_with_checkins, 0);
        let w = month_words(&r);
        assert!(w.counts.is_empty());
        assert_eq!(w.empty.as_deref(), Some(words::MONTH_QUIET));
        assert!(w.compared.is_empty());
        never_blames(&all_month_words(&w));
    }

    #[test]
    fn a_day_outside_the_calendar_names_until() {
        let f = fixture("UTC");
        let err = f.thaw.week_review(Date::MIN).unwrap_err();
        match err {
            AppError::Input(e) => assert_eq!(e.field, "until"),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn the_words_never_blame() {
        let source = include_str!("words.rs");
        let (_, sentences) = source.split_once("pub mod review").unwrap();
        for bad in [
            "missed",
            "failed",
            "streak",
            "broke your",
            "you should",
            "worse",
        ] {
            assert!(!sentences.to_lowercase().contains(bad), "{bad}");
        }
    }
}
