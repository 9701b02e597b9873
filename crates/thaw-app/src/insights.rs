//! Patterns: the insights over a window of days, and the words that say
//! them to a person — honest about uncertainty and small samples, never
//! claiming a cause, and pointing to one next step.

use jiff::civil::Date;
use thaw_insights::numbness::Direction;
use thaw_insights::{Input, Insights};

use crate::words::points;
use crate::{AppError, Thaw, day_span, words};

/// Days before the window whose check-ins the spike baseline needs.
const BASELINE_DAYS: i64 = 28;

impl Thaw {
    /// The insights over the `days` calendar days ending on `until`.
    pub fn insights(&self, days: u32, until: Date) -> Result<Insights, AppError> {
        let tz = self.settings.time_zone();
        let from = until
            .checked_sub(jiff::Span::new().days(i64::from(days.max(1)) - 1))
            .map_err(|_| {
                thaw_core::InputError::new(
                    "days",
                    days.to_string(),
                    "use a number of days from 1 to 3650",
                )
            })?;
        let history_from = from
            .checked_sub(jiff::Span::new().days(BASELINE_DAYS))
            .unwrap_or(from);
        // Only what the insights read: no notes or plans.
        let history = day_span(&tz, Some(history_from), Some(until))?;
        let checkins = self.store.checkins_for_insights(self.owner, history)?;
        let span = day_span(&tz, Some(from), Some(until))?;
        let activity_logs = self.store.activity_logs_for_insights(self.owner, span)?;
        let grounding = self.store.grounding_sessions(self.owner, span)?;
        Ok(thaw_insights::insights(&Input {
            tz: &tz,
            until,
            days,
            checkins: &checkins,
            activity_logs: &activity_logs,
            grounding: &grounding,
        }))
    }
}

/// Fewer days than this and the summary says "not enough data yet".
pub const ENOUGH_DAYS: usize = 7;

/// What the insights say, as short sentences for people.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub sentences: Vec<String>,
    /// True when a spike or a rising trend suggests offering the relapse plan.
    pub offer_relapse_plan: bool,
    /// One small thing to try next.
    pub next_step: Option<String>,
    /// The command that does `next_step`, for the command line (the web
    /// links its page instead).
    pub next_command: Option<&'static str>,
}

fn interval(ci: Option<[f64; 2]>) -> String {
    ci.map(|[lo, hi]| format!("; 95% interval {lo:+.1} to {hi:+.1}"))
        .unwrap_or_default()
}

fn includes_zero(ci: Option<[f64; 2]>) -> bool {
    ci.is_some_and(|[lo, hi]| lo <= 0.0 && hi >= 0.0)
}

fn way(d: f64) -> &'static str {
    if d < 0.0 { "lower" } else { "higher" }
}

/// The insights in words.
pub fn summarize(i: &Insights) -> Summary {
    let mut s = Summary::default();
    let days = i.window.days_with_checkins;
    if days < ENOUGH_DAYS {
        s.sentences
            .push(words::not_enough_days(days, i.window.from, i.window.to));
        s.next_step = Some(words::NEXT_CHECK_IN.to_owned());
        s.next_command = Some("thaw checkin");
        return s;
    }
    if let Some(median) = i.numbness.baseline_median {
        s.sentences.push(words::usual_numbness(median, days));
    }
    if let Some(last) = i.numbness.spikes.last() {
        s.sentences.push(words::spikes(
            i.numbness.spikes.len(),
            last.date,
            last.value,
        ));
        s.offer_relapse_plan = true;
    }
    if let Some(t) = &i.numbness.trend {
        let per_week = points(t.slope_per_week);
        let ci = interval(Some(t.ci95));
        s.sentences.push(match t.direction {
            Direction::Rising => {
                s.offer_relapse_plan = true;
                words::rising(&per_week, &ci)
            }
            Direction::Falling => words::easing(&per_week, &ci),
            Direction::Flat => words::NO_TREND.to_owned(),
        });
    }
    let mut best: Option<(&str, f64)> = None;
    for a in &i.activities {
        match (a.enough_data, a.numbness_diff) {
            (true, Some(d)) => {
                s.sentences.push(words::activity_difference(
                    &a.name,
                    &points(d),
                    way(d),
                    (a.days_with, a.days_without),
                    &interval(a.numbness_ci95),
                    includes_zero(a.numbness_ci95),
                ));
                if d < 0.0 && !includes_zero(a.numbness_ci95) && best.is_none_or(|(_, b)| d < b) {
                    best = Some((&a.name, d));
                }
            }
            _ => s
                .sentences
                .push(words::activity_too_few(&a.name, a.days_with)),
        }
    }
    for t in &i.triggers {
        if let (true, Some(d)) = (t.enough_data, t.numbness_diff) {
            s.sentences.push(words::trigger_difference(
                &t.trigger,
                &points(d),
                way(d),
                t.days_with,
                &interval(t.numbness_ci95),
            ));
        }
    }
    for c in &i.coping {
        // The exercise's name as the person knows it, not its key.
        let technique = thaw_core::grounding::Technique::parse("technique", &c.technique)
            .map_or(c.technique.as_str(), |t| t.title());
        let change = if c.mean_numbness_change < 0.0 {
            "eased by"
        } else {
            "rose by"
        };
        s.sentences.push(match c.ci95 {
            Some(_) => words::grounding_change(
                technique,
                change,
                &points(c.mean_numbness_change),
                c.sessions,
                &interval(c.ci95),
            ),
            None => words::grounding_too_few(technique, c.sessions),
        });
    }
    for g in &i.prediction_gap {
        if g.n >= 3 && g.mean_actual_minus_predicted.abs() >= 0.5 {
            let how = if g.mean_actual_minus_predicted > 0.0 {
                "more"
            } else {
                "less"
            };
            s.sentences.push(words::enjoyment_gap(
                &g.activity,
                how,
                &points(g.mean_actual_minus_predicted),
                g.n,
            ));
        }
    }
    s.sentences.push(words::NOT_CAUSES.to_owned());
    match best {
        Some((name, _)) => s.next_step = Some(words::next_plan(name)),
        None => {
            s.next_step = Some(words::NEXT_NOTE_ACTIVITY.to_owned());
            s.next_command = Some("thaw activity log NAME");
        }
    }
    s
}
