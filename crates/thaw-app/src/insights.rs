//! Patterns: the insights over a window of days, and the words that say
//! them to a person — honest about uncertainty and small samples, never
//! claiming a cause, and pointing to one next step.

use jiff::civil::Date;
use thaw_insights::numbness::Direction;
use thaw_insights::{Input, Insights};

use crate::{AppError, Thaw, day_span};

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
}

fn points(x: f64) -> String {
    let x = x.abs();
    if (x - 1.0).abs() < 0.05 {
        "1 point".to_owned()
    } else {
        format!("{x:.1} points")
    }
}

fn interval(ci: Option<[f64; 2]>) -> String {
    ci.map(|[lo, hi]| format!("; 95% interval {lo:+.1} to {hi:+.1}"))
        .unwrap_or_default()
}

fn includes_zero(ci: Option<[f64; 2]>) -> bool {
    ci.is_some_and(|[lo, hi]| lo <= 0.0 && hi >= 0.0)
}

/// The insights in words.
pub fn summarize(i: &Insights) -> Summary {
    let mut s = Summary::default();
    let days = i.window.days_with_checkins;
    if days < ENOUGH_DAYS {
        s.sentences.push(format!(
            "Not enough data yet: {days} day{} with check-ins between {} and {}. After a week or two of check-ins, patterns start to show.",
            if days == 1 { "" } else { "s" },
            i.window.from,
            i.window.to
        ));
        s.next_step = Some("A quick check-in each day is enough: thaw checkin".to_owned());
        return s;
    }
    if let Some(median) = i.numbness.baseline_median {
        s.sentences.push(format!("Your usual numbness in these days was about {median:.1} out of 10 ({days} days with check-ins)."));
    }
    if let Some(last) = i.numbness.spikes.last() {
        let n = i.numbness.spikes.len();
        s.sentences.push(format!(
            "Numbness rose well above your usual level on {n} day{}, most recently {} ({:.1}).",
            if n == 1 { "" } else { "s" },
            last.date,
            last.value
        ));
        s.offer_relapse_plan = true;
    }
    if let Some(t) = &i.numbness.trend {
        let per_week = points(t.slope_per_week);
        let ci = interval(Some(t.ci95));
        s.sentences.push(match t.direction {
            Direction::Rising => {
                s.offer_relapse_plan = true;
                format!("Numbness has been slowly rising, about {per_week} a week{ci}. Noticing it early is exactly what helps.")
            }
            Direction::Falling => format!("Numbness has been easing, about {per_week} a week{ci}."),
            Direction::Flat => "No clear trend in numbness over these days.".to_owned(),
        });
    }
    let mut best: Option<(&str, f64)> = None;
    for a in &i.activities {
        match (a.enough_data, a.numbness_diff) {
            (true, Some(d)) => {
                let way = if d < 0.0 { "lower" } else { "higher" };
                let chance = if includes_zero(a.numbness_ci95) {
                    " That could still be chance."
                } else {
                    ""
                };
                s.sentences.push(format!(
                    "On days you did \"{}\", numbness was about {} {way} (based on {} days with it and {} without{}).{chance}",
                    a.name,
                    points(d),
                    a.days_with,
                    a.days_without,
                    interval(a.numbness_ci95)
                ));
                if d < 0.0 && !includes_zero(a.numbness_ci95) && best.is_none_or(|(_, b)| d < b) {
                    best = Some((&a.name, d));
                }
            }
            _ => s.sentences.push(format!(
                "\"{}\": not enough data yet ({} days with it).",
                a.name, a.days_with
            )),
        }
    }
    for t in &i.triggers {
        if let (true, Some(d)) = (t.enough_data, t.numbness_diff) {
            let way = if d < 0.0 { "lower" } else { "higher" };
            s.sentences.push(format!(
                "On days with \"{}\", numbness was about {} {way} ({} days{}).",
                t.trigger,
                points(d),
                t.days_with,
                interval(t.numbness_ci95)
            ));
        }
    }
    for c in &i.coping {
        let change = if c.mean_numbness_change < 0.0 {
            "eased by"
        } else {
            "rose by"
        };
        match c.ci95 {
            Some(_) => s.sentences.push(format!(
                "After \"{}\", numbness {change} about {} on average ({} sessions{}).",
                c.technique,
                points(c.mean_numbness_change),
                c.sessions,
                interval(c.ci95)
            )),
            None => s.sentences.push(format!(
                "\"{}\": {} session{} so far; a few more will show how it fits you.",
                c.technique,
                c.sessions,
                if c.sessions == 1 { "" } else { "s" }
            )),
        }
    }
    for g in &i.prediction_gap {
        if g.n >= 3 && g.mean_actual_minus_predicted.abs() >= 0.5 {
            let how = if g.mean_actual_minus_predicted > 0.0 {
                "more"
            } else {
                "less"
            };
            s.sentences.push(format!(
                "\"{}\" was {how} enjoyable than you expected, by about {} on average ({} times).",
                g.activity,
                points(g.mean_actual_minus_predicted),
                g.n
            ));
        }
    }
    s.sentences
        .push("These are patterns that go together, not proof of what causes what.".to_owned());
    s.next_step = Some(match best {
        Some((name, _)) => format!("Something to try: plan \"{name}\" (or its smallest version) on a few days this week."),
        None => "Something to try: log an activity after you do it (thaw activity log NAME), so patterns can show.".to_owned(),
    });
    s
}
