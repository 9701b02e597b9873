//! The clinician report's view model: one to two pages that a clinician
//! reads in two minutes — the period and how well it is covered by
//! check-ins, mood and numbness with spikes and the trend, screener scores
//! with their bands and reliable change, what helped and what did not
//! (with n), journal entries marked for therapy, and whether a safety plan
//! exists (its content only when the person chose to include it).
//!
//! [`build`] is pure: data in, [`Report`] out. The HTML ([`crate::html`])
//! and the PDF ([`crate::pdf`]) both render this one model, so they say
//! the same things. The words are honest about uncertainty in the same
//! way the app is: an interval that holds zero "could still be chance",
//! too few days is "not enough data yet", and patterns are never causes.

use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use thaw_core::days::{DayPoint, day_points};
use thaw_core::plan::Plan;
use thaw_core::screener::{Instrument, Screening};
use thaw_core::{Checkin, JournalEntry};
use thaw_insights::{Direction, Insights};

use crate::words;
pub use crate::words::{CHART_CAPTION, NO_SCREENINGS, NOT_CAUSES, TITLE};

/// Journal entries longer than this (in characters) are shortened.
pub const ENTRY_MAX_CHARS: usize = 400;
/// At most this many journal entries are shown (the most recent).
pub const MAX_ENTRIES: usize = 6;
/// At most this many rows of what helped and what did not.
pub const MAX_PATTERNS: usize = 8;
/// Fewer days with check-ins than this and patterns are "not enough data yet".
pub const ENOUGH_DAYS: usize = 7;

/// Everything the report is built from. Check-ins and journal entries
/// outside the period are ignored; screenings before the period are used
/// only as the "previous" result for reliable change.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub from: Date,
    pub to: Date,
    /// The person's time zone: it defines "a day".
    pub tz: &'a TimeZone,
    pub now: Timestamp,
    pub checkins: &'a [Checkin],
    /// The insights over exactly `from..=to`.
    pub insights: &'a Insights,
    /// Every screener result, in any order.
    pub screenings: &'a [Screening],
    /// Journal entries (only those marked for therapy are used).
    pub journal: &'a [JournalEntry],
    pub safety_plan: Option<&'a Plan>,
    /// The person chose to include the safety plan's content.
    pub include_safety_plan: bool,
}

/// The report, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub from: Date,
    pub to: Date,
    /// When it was made, on the person's wall clock.
    pub generated_at: DateTime,
    /// The person's time zone (IANA name, or "UTC").
    pub timezone: String,
    pub coverage: Coverage,
    /// The days with a check-in, oldest first, with their mean mood and numbness.
    pub days: Vec<DayPoint>,
    pub mood_mean: Option<f64>,
    pub numbness_mean: Option<f64>,
    /// The median of the days' numbness (the usual level over the period).
    pub numbness_median: Option<f64>,
    pub spikes: Vec<SpikeRow>,
    pub trend: Option<TrendRow>,
    /// True when there are too few days for patterns to mean much.
    pub too_few_days: bool,
    /// What helped and what did not, helped first.
    pub patterns: Vec<PatternRow>,
    /// Rows left out to keep the report short.
    pub patterns_left_out: usize,
    /// Screener results in the period, oldest first.
    pub screenings: Vec<ScreenerRow>,
    /// Journal entries marked for therapy, oldest first.
    pub therapy_entries: Vec<TherapyEntry>,
    /// Earlier entries marked for therapy that were left out.
    pub therapy_entries_left_out: usize,
    pub safety_plan: SafetyPlanView,
}

/// How much of the period has check-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub days_in_period: usize,
    pub days_with_checkin: usize,
    pub checkins: usize,
    /// The longest run of days in the period without any check-in.
    pub longest_gap_days: usize,
}

impl Coverage {
    /// Days with a check-in as a whole percentage of the period.
    pub fn percent(&self) -> usize {
        if self.days_in_period == 0 {
            return 0;
        }
        (self.days_with_checkin * 100 + self.days_in_period / 2) / self.days_in_period
    }

    /// "61 of 90 days (68%), 75 check-ins; longest gap 6 days."
    pub fn words(&self) -> String {
        let mut text = words::coverage(
            self.days_with_checkin,
            self.days_in_period,
            self.percent(),
            &plural(self.checkins, "check-in", "check-ins"),
        );
        if self.longest_gap_days > 1 && self.days_with_checkin > 0 {
            text.push_str(&words::longest_gap(&plural(
                self.longest_gap_days,
                "day",
                "days",
            )));
        }
        text
    }
}

/// A day whose numbness stood well above the 4 weeks before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpikeRow {
    pub date: Date,
    pub value: f64,
    pub robust_z: f64,
}

/// The numbness trend, in numbers and in words.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    pub per_week: f64,
    pub ci95: [f64; 2],
    pub direction: Direction,
    pub words: String,
    /// The trend line's value on the period's first day (for the chart).
    pub start: f64,
    /// Its change per day (for the chart).
    pub per_day: f64,
}

/// What a row of "what helped" is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    /// An activity: numbness on days with it versus days without.
    Activity,
    /// A grounding exercise: numbness after minus before.
    Grounding,
}

impl PatternKind {
    pub fn words(self) -> &'static str {
        match self {
            PatternKind::Activity => "activity",
            PatternKind::Grounding => "grounding exercise",
        }
    }
}

/// How to read a row, honest about uncertainty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reading {
    /// Lower numbness, and the interval stays below zero.
    Helped,
    /// Higher numbness, and the interval stays above zero.
    Harder,
    /// The interval holds zero.
    CouldBeChance,
    /// Too few days or sessions for an interval.
    NotEnoughData,
}

impl Reading {
    pub fn words(self) -> &'static str {
        match self {
            Reading::Helped => words::HELPED_READING,
            Reading::Harder => words::HARDER_READING,
            Reading::CouldBeChance => words::CHANCE_READING,
            Reading::NotEnoughData => words::TOO_FEW_READING,
        }
    }
}

/// One activity or grounding exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternRow {
    pub kind: PatternKind,
    pub name: String,
    /// Days with the activity, or sessions of the exercise.
    pub n: usize,
    /// Activities: days without it (the comparison).
    pub n_without: Option<usize>,
    /// The difference in numbness (activity) or the mean change (exercise).
    pub estimate: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub reading: Reading,
}

impl PatternRow {
    /// "12 days (vs 40 without)" or "5 sessions".
    pub fn n_words(&self) -> String {
        match (self.kind, self.n_without) {
            (PatternKind::Activity, Some(without)) => {
                format!("{} (vs {without} without)", plural(self.n, "day", "days"))
            }
            (PatternKind::Activity, None) => plural(self.n, "day", "days"),
            (PatternKind::Grounding, _) => plural(self.n, "session", "sessions"),
        }
    }

    /// "-1.2 (95% CI -2.0 to -0.4)" or "-".
    pub fn estimate_words(&self) -> String {
        match (self.estimate, self.ci95) {
            (Some(e), Some([lo, hi])) => format!("{e:+.1} (95% CI {lo:+.1} to {hi:+.1})"),
            (Some(e), None) => format!("{e:+.1}"),
            (None, _) => "-".to_owned(),
        }
    }
}

/// One screener result.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenerRow {
    pub instrument: Instrument,
    pub date: Date,
    pub total: u8,
    pub max: u8,
    /// The band or cut-off in words ("moderate", "positive screen (3 or more)").
    pub band: String,
    pub change: Change,
    /// PHQ-9 only: item 9's answer (`Some(None)`: declined).
    pub item9: Option<Option<u8>>,
}

impl ScreenerRow {
    /// "PHQ-9", "GAD-7", …
    pub fn short_name(&self) -> &'static str {
        short_name(self.instrument)
    }

    /// "12 of 27".
    pub fn total_words(&self) -> String {
        format!("{} of {}", self.total, self.max)
    }

    /// The band, with item 9 for a PHQ-9.
    pub fn band_words(&self) -> String {
        match self.item9 {
            Some(Some(v)) => format!("{}; item 9: {v}", self.band),
            Some(None) => format!("{}; item 9: declined", self.band),
            None => self.band.clone(),
        }
    }
}

/// The change since the previous result of the same screener.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// No earlier result.
    First,
    /// The screener has no established reliable-change threshold (PHQ-2).
    NoThreshold { diff: i16, since: Date },
    /// Smaller than measurement noise.
    WithinNoise {
        diff: i16,
        threshold: u8,
        since: Date,
    },
    /// At least the reliable-change threshold.
    Reliable {
        diff: i16,
        threshold: u8,
        since: Date,
        better: bool,
    },
}

impl Change {
    pub fn words(&self) -> String {
        match self {
            Change::First => "first result".to_owned(),
            Change::NoThreshold { diff, since } => {
                format!("{diff:+} since {since} (no reliable-change threshold)")
            }
            Change::WithinNoise {
                diff,
                threshold,
                since,
            } => format!("{diff:+} since {since}: within noise (reliable change {threshold}+)"),
            Change::Reliable {
                diff,
                threshold,
                since,
                better,
            } => format!(
                "{diff:+} since {since}: reliable {} (threshold {threshold})",
                if *better { "improvement" } else { "worsening" }
            ),
        }
    }
}

/// A journal entry marked for therapy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TherapyEntry {
    pub date: Date,
    pub tags: Vec<String>,
    /// The text, shortened to about [`ENTRY_MAX_CHARS`] characters.
    pub text: String,
    /// When shortened: the full length in characters.
    pub shortened_from: Option<usize>,
}

/// The safety plan: whether it exists, and its content only if chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyPlanView {
    pub exists: bool,
    /// The person chose to include the content.
    pub included: bool,
    /// (section title, items) for sections with items; `None` unless
    /// included and existing.
    pub sections: Option<Vec<(String, Vec<String>)>>,
}

impl SafetyPlanView {
    pub fn words(&self) -> &'static str {
        match (self.exists, self.sections.is_some()) {
            (false, _) => words::NO_SAFETY_PLAN,
            (true, true) => words::SAFETY_PLAN_FOLLOWS,
            (true, false) => words::SAFETY_PLAN_NOT_INCLUDED,
        }
    }
}

impl Report {
    /// The latest result of a screener in the period.
    pub fn latest(&self, instrument: Instrument) -> Option<&ScreenerRow> {
        self.screenings
            .iter()
            .rev()
            .find(|s| s.instrument == instrument)
    }

    /// Short sentences for the top of the report.
    pub fn at_a_glance(&self) -> Vec<String> {
        let mut lines = vec![self.coverage.words()];
        match (self.mood_mean, self.numbness_mean) {
            (None, None) => {}
            (m, n) => {
                let mut parts = Vec::new();
                if let Some(m) = m {
                    parts.push(words::mood_average(m));
                }
                if let Some(n) = n {
                    parts.push(words::numbness_average(n));
                }
                lines.push(words::averages(&parts.join(", ")));
            }
        }
        if let Some(t) = &self.trend {
            lines.push(t.words.clone());
        }
        if !self.spikes.is_empty() {
            lines.push(spikes_words(&self.spikes));
        }
        for instrument in [Instrument::Phq9, Instrument::Gad7] {
            if let Some(s) = self.latest(instrument) {
                lines.push(words::latest_screening(
                    s.short_name(),
                    s.total_words(),
                    s.date,
                    s.band_words(),
                ));
            }
        }
        lines
    }

    /// The chart's text alternative.
    pub fn chart_description(&self) -> String {
        let mut text = crate::svg::describe(&self.days, self.from, self.to);
        if !self.spikes.is_empty() {
            text.push(' ');
            text.push_str(&spikes_words(&self.spikes));
        }
        if let Some(t) = &self.trend {
            text.push(' ');
            text.push_str(&t.words);
        }
        text
    }

    /// The chart's marks in the period's own units: x from 0 (the first
    /// day) to 1 (the last), y from 0 to 10.
    pub fn chart_marks(&self) -> ChartMarks {
        let span = ((self.to - self.from).get_days().max(1)) as f64;
        let x = |d: Date| ((d - self.from).get_days() as f64 / span).clamp(0.0, 1.0);
        let series = |f: fn(&DayPoint) -> Option<f64>| -> Vec<(f64, f64)> {
            self.days
                .iter()
                .filter_map(|p| f(p).map(|v| (x(p.date), v.clamp(0.0, 10.0))))
                .collect()
        };
        let trend = self.trend.as_ref().and_then(|t| {
            clip_line(t.start, t.per_day * span).map(|(t0, t1)| {
                (
                    (t0, t.start + t.per_day * span * t0),
                    (t1, t.start + t.per_day * span * t1),
                )
            })
        });
        ChartMarks {
            mood: series(|p| p.mood),
            numbness: series(|p| p.numbness),
            spikes: self
                .spikes
                .iter()
                .map(|s| (x(s.date), s.value.clamp(0.0, 10.0)))
                .collect(),
            trend,
        }
    }
}

/// What the chart draws, in the period's own units (see
/// [`Report::chart_marks`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartMarks {
    pub mood: Vec<(f64, f64)>,
    pub numbness: Vec<(f64, f64)>,
    pub spikes: Vec<(f64, f64)>,
    /// The numbness trend line's two ends, clipped to 0–10.
    pub trend: Option<((f64, f64), (f64, f64))>,
}

/// The part `t0..=t1` of 0..=1 where `start + rise * t` stays within 0–10.
fn clip_line(start: f64, rise: f64) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    if rise.abs() < 1e-12 {
        return (0.0..=10.0).contains(&start).then_some((0.0, 1.0));
    }
    let a = (0.0 - start) / rise;
    let b = (10.0 - start) / rise;
    lo = lo.max(a.min(b));
    hi = hi.min(a.max(b));
    (lo < hi).then_some((lo, hi))
}

fn spikes_words(spikes: &[SpikeRow]) -> String {
    let list: Vec<String> = spikes
        .iter()
        .map(|s| format!("{} ({:.1})", s.date, s.value))
        .collect();
    words::spiked(&plural(spikes.len(), "day", "days"), &list.join(", "))
}

/// "1 day", "3 days".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The short name clinicians use.
pub fn short_name(instrument: Instrument) -> &'static str {
    match instrument {
        Instrument::Phq9 => "PHQ-9",
        Instrument::Phq8 => "PHQ-8",
        Instrument::Phq2 => "PHQ-2",
        Instrument::Gad7 => "GAD-7",
        Instrument::Who5 => "WHO-5",
    }
}

fn points(x: f64) -> String {
    let x = x.abs();
    if (x - 1.0).abs() < 0.05 {
        "1 point".to_owned()
    } else {
        format!("{x:.1} points")
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Builds the report from the data.
pub fn build(input: &ReportInput<'_>) -> Report {
    let (from, to) = (input.from, input.to);
    let tz = input.tz;
    let in_period: Vec<Checkin> = input
        .checkins
        .iter()
        .filter(|c| (from..=to).contains(&c.at.local_date(tz)))
        .cloned()
        .collect();
    let days = day_points(&in_period, tz, from, to);
    let days_in_period = usize::try_from((to - from).get_days() + 1).unwrap_or(0);
    let coverage = Coverage {
        days_in_period,
        days_with_checkin: days.len(),
        checkins: in_period.len(),
        longest_gap_days: longest_gap(&days, from, to),
    };
    let i = input.insights;
    let numbness_median = i.numbness.baseline_median;
    let span = (to - from).get_days() as f64;
    let trend = match (&i.numbness.trend, numbness_median) {
        (Some(t), Some(median)) => {
            let per_day = t.slope_per_week / 7.0;
            let ci = format!("; 95% interval {:+.1} to {:+.1}", t.ci95[0], t.ci95[1]);
            let words = match t.direction {
                Direction::Rising => words::rising(&points(t.slope_per_week), &ci),
                Direction::Falling => words::easing(&points(t.slope_per_week), &ci),
                Direction::Flat => words::NO_TREND.to_owned(),
            };
            Some(TrendRow {
                per_week: t.slope_per_week,
                ci95: t.ci95,
                direction: t.direction,
                words,
                start: median - per_day * span / 2.0,
                per_day,
            })
        }
        _ => None,
    };
    let (patterns, patterns_left_out) = patterns(i);
    let (therapy_entries, therapy_entries_left_out) = therapy_entries(input);
    let safety_exists = input.safety_plan.is_some_and(|p| !p.is_empty());
    let sections = (input.include_safety_plan && safety_exists).then(|| {
        input
            .safety_plan
            .map(|p| {
                p.sections()
                    .filter(|(_, items)| !items.is_empty())
                    .map(|(s, items)| (s.title.to_owned(), items.to_vec()))
                    .collect()
            })
            .unwrap_or_default()
    });
    Report {
        from,
        to,
        generated_at: input.now.to_zoned(tz.clone()).datetime(),
        timezone: tz.iana_name().unwrap_or("UTC").to_owned(),
        coverage,
        mood_mean: mean(days.iter().filter_map(|p| p.mood)),
        numbness_mean: mean(days.iter().filter_map(|p| p.numbness)),
        days,
        numbness_median,
        spikes: i
            .numbness
            .spikes
            .iter()
            .map(|s| SpikeRow {
                date: s.date,
                value: s.value,
                robust_z: s.robust_z,
            })
            .collect(),
        trend,
        too_few_days: i.window.days_with_checkins < ENOUGH_DAYS,
        patterns,
        patterns_left_out,
        screenings: screener_rows(input),
        therapy_entries,
        therapy_entries_left_out,
        safety_plan: SafetyPlanView {
            exists: safety_exists,
            included: input.include_safety_plan,
            sections,
        },
    }
}

/// The longest run of days in `from..=to` without a check-in.
fn longest_gap(days: &[DayPoint], from: Date, to: Date) -> usize {
    let with: BTreeSet<Date> = days.iter().map(|p| p.date).collect();
    let (mut longest, mut run) = (0, 0);
    let mut day = from;
    while day <= to {
        if with.contains(&day) {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    longest
}

fn reading(estimate: f64, ci: Option<[f64; 2]>) -> Reading {
    match ci {
        Some([_, hi]) if hi < 0.0 && estimate < 0.0 => Reading::Helped,
        Some([lo, _]) if lo > 0.0 && estimate > 0.0 => Reading::Harder,
        _ => Reading::CouldBeChance,
    }
}

/// Activities and grounding exercises, helped first; the rows past
/// [`MAX_PATTERNS`] are counted, not shown.
fn patterns(i: &Insights) -> (Vec<PatternRow>, usize) {
    let mut rows: Vec<PatternRow> = Vec::new();
    for a in &i.activities {
        let reading = match (a.enough_data, a.numbness_diff) {
            (true, Some(d)) => reading(d, a.numbness_ci95),
            _ => Reading::NotEnoughData,
        };
        rows.push(PatternRow {
            kind: PatternKind::Activity,
            name: a.name.clone(),
            n: a.days_with,
            n_without: Some(a.days_without),
            estimate: a.numbness_diff,
            ci95: if reading == Reading::NotEnoughData {
                None
            } else {
                a.numbness_ci95
            },
            reading,
        });
    }
    for c in &i.coping {
        let reading = match c.ci95 {
            Some(_) => reading(c.mean_numbness_change, c.ci95),
            None => Reading::NotEnoughData,
        };
        rows.push(PatternRow {
            kind: PatternKind::Grounding,
            // The exercise's name as people know it, not its stored key.
            name: thaw_core::grounding::Technique::parse("technique", &c.technique)
                .map_or_else(|_| c.technique.clone(), |t| t.title().to_owned()),
            n: c.sessions,
            n_without: None,
            estimate: Some(c.mean_numbness_change),
            ci95: c.ci95,
            reading,
        });
    }
    rows.sort_by(|a, b| {
        a.reading
            .cmp(&b.reading)
            .then_with(|| {
                let key = |r: &PatternRow| match r.reading {
                    Reading::Harder => -r.estimate.unwrap_or(0.0),
                    _ => r.estimate.unwrap_or(0.0),
                };
                key(a).total_cmp(&key(b))
            })
            .then_with(|| b.n.cmp(&a.n))
            .then_with(|| a.name.cmp(&b.name))
    });
    let left_out = rows.len().saturating_sub(MAX_PATTERNS);
    rows.truncate(MAX_PATTERNS);
    (rows, left_out)
}

/// The screener results in the period, each with its change since the
/// previous result of the same screener (which may be before the period).
fn screener_rows(input: &ReportInput<'_>) -> Vec<ScreenerRow> {
    let mut all: Vec<&Screening> = input.screenings.iter().collect();
    all.sort_by_key(|s| s.at.micros());
    let mut rows = Vec::new();
    for (index, s) in all.iter().enumerate() {
        let date = s.at.local_date(input.tz);
        if !(input.from..=input.to).contains(&date) {
            continue;
        }
        let score = s.score();
        let previous = all[..index]
            .iter()
            .rev()
            .find(|p| p.instrument == s.instrument);
        let change = match previous {
            None => Change::First,
            Some(p) => {
                let diff = i16::from(score.total) - i16::from(p.score().total);
                let since = p.at.local_date(input.tz);
                match s.instrument.reliable_change() {
                    None => Change::NoThreshold { diff, since },
                    Some(threshold) if diff.unsigned_abs() < u16::from(threshold) => {
                        Change::WithinNoise {
                            diff,
                            threshold,
                            since,
                        }
                    }
                    Some(threshold) => Change::Reliable {
                        diff,
                        threshold,
                        since,
                        better: (diff < 0) == s.instrument.higher_is_worse(),
                    },
                }
            }
        };
        let band = match s.instrument {
            Instrument::Phq2 => {
                if score.positive_screen == Some(true) {
                    "positive screen (3 or more)".to_owned()
                } else {
                    "below the cut-off of 3".to_owned()
                }
            }
            Instrument::Who5 => {
                let pct = score.percentage.unwrap_or(0);
                if score.poor_wellbeing == Some(true) {
                    format!("{pct} of 100; below 52 suggests low well-being")
                } else {
                    format!("{pct} of 100")
                }
            }
            _ => score
                .severity
                .map_or_else(|| "-".to_owned(), |sev| sev.words().to_owned()),
        };
        rows.push(ScreenerRow {
            instrument: s.instrument,
            date,
            total: score.total,
            max: s.instrument.total_max(),
            band,
            change,
            item9: (s.instrument == Instrument::Phq9).then(|| s.answers.get(8).copied().flatten()),
        });
    }
    rows
}

/// The entries marked for therapy in the period: the most recent
/// [`MAX_ENTRIES`], oldest first, each shortened to about
/// [`ENTRY_MAX_CHARS`] characters.
fn therapy_entries(input: &ReportInput<'_>) -> (Vec<TherapyEntry>, usize) {
    let mut marked: Vec<&JournalEntry> = input
        .journal
        .iter()
        .filter(|e| e.for_therapy && (input.from..=input.to).contains(&e.at.local_date(input.tz)))
        .collect();
    marked.sort_by_key(|e| e.at.micros());
    let left_out = marked.len().saturating_sub(MAX_ENTRIES);
    let entries = marked[left_out..]
        .iter()
        .map(|e| {
            let (text, shortened_from) = shorten(&e.text, ENTRY_MAX_CHARS);
            TherapyEntry {
                date: e.at.local_date(input.tz),
                tags: e.tags.clone(),
                text,
                shortened_from,
            }
        })
        .collect();
    (entries, left_out)
}

/// Tidies an entry's text (no runs of blank lines, no trailing space)
/// and shortens it to about `max` characters at a word boundary.
pub fn shorten(text: &str, max: usize) -> (String, Option<usize>) {
    let mut tidy = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        if !tidy.is_empty() {
            tidy.push('\n');
        }
        tidy.push_str(line);
    }
    let total = tidy.chars().count();
    if total <= max {
        return (tidy, None);
    }
    let cut: String = tidy.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if at > max / 2 => cut[..at].to_owned(),
        _ => cut,
    };
    (format!("{}…", cut.trim_end()), Some(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::plan::PlanKind;
    use thaw_core::{CheckinDraft, JournalDraft, Moment};
    use thaw_insights::{ActivityInsight, CopingInsight, Spike, Trend};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn at(s: &str) -> Moment {
        Moment::parse("at", s, &TimeZone::UTC).unwrap()
    }

    fn checkin(when: &str, mood: u8, numb: u8) -> Checkin {
        CheckinDraft {
            mood: Some(mood.to_string()),
            numbness: Some(numb.to_string()),
            ..Default::default()
        }
        .validate(thaw_core::new_id(), at(when))
        .unwrap()
    }

    fn screening(when: &str, instrument: Instrument, answers: Vec<Option<u8>>) -> Screening {
        Screening::new(thaw_core::new_id(), instrument, at(when), answers).unwrap()
    }

    fn phq9(when: &str, total: u8, item9: Option<u8>) -> Screening {
        let mut left = total - item9.unwrap_or(0);
        let mut answers: Vec<Option<u8>> = (0..8)
            .map(|_| {
                let v = left.min(3);
                left -= v;
                Some(v)
            })
            .collect();
        answers.push(item9);
        screening(when, Instrument::Phq9, answers)
    }

    fn journal(when: &str, text: &str, for_therapy: bool) -> JournalEntry {
        JournalDraft {
            text: text.into(),
            tags: vec![],
            for_therapy,
        }
        .validate(thaw_core::new_id(), at(when))
        .unwrap()
    }

    fn insights(from: Date, to: Date, days_with: usize) -> Insights {
        Insights {
            window: thaw_insights::WindowSummary {
                from,
                to,
                days_with_checkins: days_with,
            },
            numbness: thaw_insights::NumbnessInsight {
                baseline_median: Some(5.0),
                spikes: vec![Spike {
                    date: d("2026-03-05"),
                    value: 9.0,
                    robust_z: 3.1,
                }],
                trend: Some(Trend {
                    slope_per_week: 0.7,
                    ci95: [0.2, 1.1],
                    direction: Direction::Rising,
                }),
            },
            activities: vec![
                ActivityInsight {
                    name: "walk".into(),
                    days_with: 12,
                    days_without: 18,
                    numbness_diff: Some(-1.5),
                    numbness_ci95: Some([-2.5, -0.5]),
                    mood_diff: None,
                    mood_ci95: None,
                    enough_data: true,
                    next_day_days_with: 0,
                    next_day_numbness_diff: None,
                    next_day_numbness_ci95: None,
                },
                ActivityInsight {
                    name: "scrolling".into(),
                    days_with: 8,
                    days_without: 22,
                    numbness_diff: Some(0.4),
                    numbness_ci95: Some([-0.6, 1.4]),
                    mood_diff: None,
                    mood_ci95: None,
                    enough_data: true,
                    next_day_days_with: 0,
                    next_day_numbness_diff: None,
                    next_day_numbness_ci95: None,
                },
                ActivityInsight {
                    name: "painting".into(),
                    days_with: 2,
                    days_without: 28,
                    numbness_diff: Some(-3.0),
                    numbness_ci95: None,
                    mood_diff: None,
                    mood_ci95: None,
                    enough_data: false,
                    next_day_days_with: 0,
                    next_day_numbness_diff: None,
                    next_day_numbness_ci95: None,
                },
            ],
            coping: vec![CopingInsight {
                technique: "breaths".into(),
                sessions: 6,
                mean_numbness_change: -1.0,
                ci95: Some([-1.6, -0.4]),
            }],
            triggers: vec![],
            prediction_gap: vec![],
            naming: vec![],
        }
    }

    struct Data {
        checkins: Vec<Checkin>,
        screenings: Vec<Screening>,
        journal: Vec<JournalEntry>,
        plan: Plan,
        insights: Insights,
        tz: TimeZone,
    }

    fn data() -> Data {
        let (from, to) = (d("2026-03-01"), d("2026-03-30"));
        let mut checkins = vec![
            checkin("2026-02-27T10:00:00Z", 1, 9), // before the period
            checkin("2026-03-01T09:00:00Z", 4, 6),
            checkin("2026-03-01T20:00:00Z", 6, 4), // same day: mean 5 / 5
            checkin("2026-03-02T09:00:00Z", 5, 5),
        ];
        // A gap from 03-03 to 03-09 (7 days), then a check-in every day to the end.
        for day in 10..=30 {
            checkins.push(checkin(&format!("2026-03-{day:02}T12:00:00Z"), 6, 4));
        }
        let plan = Plan::from_sections(
            PlanKind::Safety,
            &[("people".to_owned(), vec!["Call Sam 0123 456".to_owned()])],
        )
        .unwrap();
        Data {
            checkins,
            screenings: vec![
                phq9("2026-02-01T10:00:00Z", 16, Some(0)),
                phq9("2026-03-03T10:00:00Z", 10, Some(1)),
                phq9("2026-03-20T10:00:00Z", 8, None),
                screening(
                    "2026-03-04T10:00:00Z",
                    Instrument::Phq2,
                    vec![Some(2), Some(2)],
                ),
            ],
            journal: vec![
                journal("2026-03-05T10:00:00Z", "Numb after calls with dad.", true),
                journal("2026-03-06T10:00:00Z", "private thoughts", false),
                journal("2026-01-05T10:00:00Z", "long ago, for therapy", true),
            ],
            plan,
            insights: insights(from, to, 24),
            tz: TimeZone::UTC,
        }
    }

    fn report_of(data: &Data, include_safety_plan: bool) -> Report {
        build(&ReportInput {
            include_safety_plan,
            ..input_of(data)
        })
    }

    #[test]
    fn coverage_counts_days_in_the_period_only() {
        let r = report_of(&data(), false);
        assert_eq!(
            r.coverage,
            Coverage {
                days_in_period: 30,
                days_with_checkin: 23,
                checkins: 24,
                longest_gap_days: 7,
            }
        );
        assert_eq!(r.coverage.percent(), 77);
        assert!(r.coverage.words().starts_with("23 of 30 days (77%)"));
        assert!(
            r.coverage
                .words()
                .contains("Longest stretch without one: 7 days.")
        );
        assert_eq!(r.days.len(), 23);
        assert_eq!(r.days[0].mood, Some(5.0), "a day's value is its mean");
        assert_eq!(r.generated_at.to_string(), "2026-03-31T08:00:00");
    }

    #[test]
    fn screeners_show_band_item_9_and_reliable_change_against_the_previous() {
        let r = report_of(&data(), false);
        let rows: Vec<(String, String, String)> = r
            .screenings
            .iter()
            .map(|s| (s.short_name().to_owned(), s.total_words(), s.change.words()))
            .collect();
        assert_eq!(rows.len(), 3, "the February PHQ-9 is only the previous");
        assert_eq!(rows[0].0, "PHQ-9");
        assert_eq!(rows[0].1, "10 of 27");
        assert_eq!(
            r.screenings[0].change,
            Change::Reliable {
                diff: -6,
                threshold: 5,
                since: d("2026-02-01"),
                better: true
            }
        );
        assert!(rows[0].2.contains("reliable improvement"));
        assert_eq!(r.screenings[0].band_words(), "moderate; item 9: 1");
        assert_eq!(rows[1].0, "PHQ-2");
        assert_eq!(r.screenings[1].change, Change::First);
        assert_eq!(r.screenings[1].band, "positive screen (3 or more)");
        assert!(matches!(
            r.screenings[2].change,
            Change::WithinNoise { diff: -2, .. }
        ));
        assert_eq!(r.screenings[2].band_words(), "mild; item 9: declined");
        assert_eq!(r.latest(Instrument::Phq9).map(|s| s.total), Some(8));
        assert!(
            r.at_a_glance()
                .iter()
                .any(|l| l == "Latest PHQ-9: 8 of 27 on 2026-03-20 (mild; item 9: declined).")
        );
    }

    #[test]
    fn safety_plan_content_is_hidden_unless_chosen() {
        let data = data();
        let hidden = report_of(&data, false);
        assert!(hidden.safety_plan.exists);
        assert_eq!(hidden.safety_plan.sections, None);
        assert!(hidden.safety_plan.words().contains("not included"));
        let shown = report_of(&data, true);
        assert_eq!(
            shown.safety_plan.sections,
            Some(vec![(
                "People I can ask for help".to_owned(),
                vec!["Call Sam 0123 456".to_owned()]
            )])
        );
        let none = build(&ReportInput {
            safety_plan: None,
            include_safety_plan: true,
            ..input_of(&data)
        });
        assert!(!none.safety_plan.exists);
        assert_eq!(none.safety_plan.sections, None);
        let empty = Plan::starter(PlanKind::Safety);
        let starter = build(&ReportInput {
            safety_plan: Some(&empty),
            ..input_of(&data)
        });
        assert!(!starter.safety_plan.exists, "an empty plan is no plan");
    }

    fn input_of(data: &Data) -> ReportInput<'_> {
        ReportInput {
            from: d("2026-03-01"),
            to: d("2026-03-30"),
            tz: &data.tz,
            now: "2026-03-31T08:00:00Z".parse().unwrap(),
            checkins: &data.checkins,
            insights: &data.insights,
            screenings: &data.screenings,
            journal: &data.journal,
            safety_plan: Some(&data.plan),
            include_safety_plan: false,
        }
    }

    #[test]
    fn only_entries_marked_for_therapy_in_the_period() {
        let r = report_of(&data(), false);
        assert_eq!(r.therapy_entries.len(), 1);
        assert_eq!(r.therapy_entries[0].text, "Numb after calls with dad.");
        assert_eq!(r.therapy_entries[0].date, d("2026-03-05"));
        assert_eq!(r.therapy_entries_left_out, 0);
    }

    #[test]
    fn long_entries_are_shortened_at_a_word_with_a_note() {
        let long = "word ".repeat(200);
        let (text, from) = shorten(&long, 600);
        assert_eq!(from, Some(999));
        assert!(
            text.ends_with("word…") && text.chars().count() <= 601,
            "{text}"
        );
        let (tidy, none) = shorten("  a\n\n\n\nb  \n", 600);
        assert_eq!((tidy.as_str(), none), ("a\n\nb", None));
    }

    #[test]
    fn patterns_say_what_helped_with_n_and_honest_uncertainty() {
        let r = report_of(&data(), false);
        let rows: Vec<(&str, Reading, String)> = r
            .patterns
            .iter()
            .map(|p| (p.name.as_str(), p.reading, p.n_words()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "walk",
                    Reading::Helped,
                    "12 days (vs 18 without)".to_owned()
                ),
                (
                    "Five slow breaths",
                    Reading::Helped,
                    "6 sessions".to_owned()
                ),
                (
                    "scrolling",
                    Reading::CouldBeChance,
                    "8 days (vs 22 without)".to_owned()
                ),
                (
                    "painting",
                    Reading::NotEnoughData,
                    "2 days (vs 28 without)".to_owned()
                ),
            ]
        );
        assert_eq!(r.patterns[0].estimate_words(), "-1.5 (95% CI -2.5 to -0.5)");
        assert_eq!(
            r.patterns[3].estimate_words(),
            "-3.0",
            "no interval without enough data"
        );
        assert!(!r.too_few_days);
    }

    #[test]
    fn the_trend_and_spikes_are_in_words_and_in_the_chart() {
        let r = report_of(&data(), false);
        let t = r.trend.as_ref().unwrap();
        assert_eq!(
            t.words,
            "Numbness has been slowly rising, about 0.7 points a week; 95% interval +0.2 to +1.1."
        );
        let marks = r.chart_marks();
        assert_eq!(marks.mood.len(), 23);
        assert_eq!(marks.spikes, vec![(4.0 / 29.0, 9.0)]);
        let ((x0, y0), (x1, y1)) = marks.trend.unwrap();
        assert!(
            (x0, x1) == (0.0, 1.0) && y0 < y1,
            "rising across the period"
        );
        assert!(r.chart_description().contains(
            "spiked well above the level of the 4 weeks before on 1 day: 2026-03-05 (9.0)"
        ));
    }

    #[test]
    fn a_trend_line_is_clipped_to_the_scale() {
        assert_eq!(clip_line(5.0, 0.0), Some((0.0, 1.0)));
        assert_eq!(clip_line(5.0, 10.0), Some((0.0, 0.5)));
        assert_eq!(clip_line(12.0, 1.0), None);
    }
}
