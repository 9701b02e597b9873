//! Every sentence the report and the charts say, in one place, so the
//! HTML and the PDF say the same things and the voice can be read (and
//! later translated) together. The report is read by a clinician: plain,
//! exact, honest about uncertainty, and never a diagnosis. Chart
//! descriptions are read by the person too (the web app shows them).
//!
//! The workspace's copy test (`crates/thaw/tests/copy.rs`) reads these.

use std::fmt::Display;

/// The report's title.
pub const TITLE: &str = "Thaw report for my clinician";

/// The chart's caption, the same words in the HTML and the PDF.
pub const CHART_CAPTION: &str = "Mood and numbness, daily means, with spikes marked";

/// Said under every patterns section.
pub const NOT_CAUSES: &str = "These are patterns that go together, not proof of what causes what.";

/// Said when the period has no screener result.
pub const NO_SCREENINGS: &str =
    "No screener results (PHQ-9, GAD-7, WHO-5 or others) in this period.";

pub const NOT_A_DIAGNOSIS: &str =
    "Self-reported in the Thaw app. Scores describe ranges; they are not a diagnosis.";
/// After "Period: FROM to TO (N days)".
pub fn made(at: impl Display, tz: impl Display) -> String {
    format!("Made {at} ({tz}).")
}

// Headings.
pub const AT_A_GLANCE: &str = "At a glance";
pub const MOOD_AND_NUMBNESS: &str = "Mood and numbness";
pub const SCREENER_SCORES: &str = "Screener scores";
pub const HELPED: &str = "What helped and what did not";
pub const THERAPY_ENTRIES: &str = "Journal entries marked for therapy";
pub const SAFETY_PLAN: &str = "Safety plan";

/// How to read the chart (after its caption).
pub const CHART_KEY: &str = "Scale 0 to 10. Mood: solid line, round markers (higher is better). Numbness: dashed line, square markers (higher is more numb). Spikes: rings. Numbness trend: dotted line.";
pub const NO_CHECKINS: &str = "No check-ins in this period.";
pub fn usual_numbness(median: f64) -> String {
    format!("Usual numbness (median of daily means): {median:.1} out of 10.")
}
pub const NO_SPIKES: &str = "No spikes in numbness above the level of the 4 weeks before.";
pub const RELIABLE_CHANGE: &str = "Reliable change: 5 points for PHQ-9 and PHQ-8, 4 for GAD-7, 3 raw points for WHO-5; smaller changes are within measurement noise. PHQ-9 item 9 asks about thoughts of being better off dead or of self-harm.";

/// `days` like "3 days".
pub fn too_few_days(days: &str) -> String {
    format!(
        "Not enough data yet: {days} with check-ins. Patterns start to show after a week or two."
    )
}
pub const NO_PATTERNS: &str = "No activities or grounding exercises recorded in this period.";
pub fn more_not_shown(n: usize) -> String {
    format!("{n} more not shown, to keep this short.")
}
pub const HOW_ACTIVITY: &str = "for an activity, mean numbness on days with it minus days without";
pub const HOW_GROUNDING: &str = "for a grounding exercise, numbness after minus before";
/// `how` is the `HOW_*` that apply, joined.
pub fn difference_note(how: &str) -> String {
    format!("Numbness difference: {how} (negative is less numb).")
}

pub const NONE_IN_PERIOD: &str = "None in this period.";
pub fn most_recent(shown: usize, earlier: usize) -> String {
    format!("The {shown} most recent are shown; {earlier} earlier in the period are in the app.")
}
pub fn shortened(chars: usize) -> String {
    format!("Shortened; the full entry ({chars} characters) is in the app.")
}

pub fn footer(tz: impl Display) -> String {
    format!(
        "Days are calendar days in {tz}. Each day's value is the mean of that day's ratings. Mood: 0 very low, 10 very good. Numbness: 0 feelings fully present, 10 completely numb. Spikes: days at least 2 robust standard deviations above the 28 days before. Trend: Theil-Sen slope with Sen's 95% interval."
    )
}
pub const PDF_MISSING_CHARACTERS: &str = "Some characters could not be shown in this PDF and appear as \"?\"; the HTML report shows them all.";

// At a glance and the patterns, from the view model.

/// `checkins` like "42 check-ins".
pub fn coverage(with: usize, days: usize, percent: impl Display, checkins: &str) -> String {
    format!("{with} of {days} days ({percent}%) have a check-in; {checkins} in all.")
}
/// `days` like "5 days".
pub fn longest_gap(days: &str) -> String {
    format!(" Longest stretch without one: {days}.")
}
pub fn averages(parts: &str) -> String {
    format!("Average of daily means: {parts}.")
}
pub fn mood_average(m: f64) -> String {
    format!("mood {m:.1}/10 (higher is better)")
}
pub fn numbness_average(n: f64) -> String {
    format!("numbness {n:.1}/10 (higher is more numb)")
}
pub fn latest_screening(
    name: impl Display,
    total: impl Display,
    date: impl Display,
    range: impl Display,
) -> String {
    format!("Latest {name}: {total} on {date} ({range}).")
}
/// `days` like "2 days"; `list` the dates with their values.
pub fn spiked(days: &str, list: &str) -> String {
    format!("Numbness spiked well above the level of the 4 weeks before on {days}: {list}.")
}
pub fn rising(per_week: &str, ci: &str) -> String {
    format!("Numbness has been slowly rising, about {per_week} a week{ci}.")
}
pub fn easing(per_week: &str, ci: &str) -> String {
    format!("Numbness has been easing, about {per_week} a week{ci}.")
}
pub const NO_TREND: &str = "No clear trend in numbness over the period.";

pub const HELPED_READING: &str = "went with lower numbness";
pub const HARDER_READING: &str = "went with higher numbness";
pub const CHANCE_READING: &str = "could still be chance";
pub const TOO_FEW_READING: &str = "not enough data yet";

pub const NO_SAFETY_PLAN: &str = "No safety plan has been written in Thaw yet.";
pub const SAFETY_PLAN_FOLLOWS: &str =
    "A safety plan exists in Thaw. Its content, as written, follows.";
pub const SAFETY_PLAN_NOT_INCLUDED: &str = "A safety plan exists in Thaw. Its content is not included in this report; the person can share it with you.";

// Chart descriptions (for screen readers, and shown under charts).

pub fn no_checkins_between(from: impl Display, to: impl Display) -> String {
    format!("No check-ins between {from} and {to} yet.")
}
pub fn days_between(days: usize, from: impl Display, to: impl Display) -> String {
    let s = if days == 1 { "" } else { "s" };
    format!("{days} day{s} with check-ins between {from} and {to}.")
}
pub fn average_mood(m: f64) -> String {
    format!(" Average mood {m:.1} out of 10.")
}
pub fn average_numbness(n: f64) -> String {
    format!(" Average numbness {n:.1} out of 10.")
}
/// `parts` like " mood 4.0 numbness 6.5".
pub fn latest_day(date: impl Display, parts: &str) -> String {
    format!(" Latest day, {date}:{parts}.")
}
pub fn numbness_days(days: usize, from: impl Display, to: impl Display) -> String {
    format!("Numbness on {days} days between {from} and {to}.")
}
pub fn spikes_on(dates: &str) -> String {
    format!(" Spikes above your usual level on {dates}.")
}
pub fn trend_line(per_week: f64) -> String {
    format!(" Trend line: {per_week:+.2} points per week.")
}
pub const NO_INTERVAL: &str = " (not enough data for an interval). ";
pub fn screener_title(name: &str) -> String {
    format!("{name} totals over time")
}
pub fn results(n: usize) -> String {
    format!("{n} results.")
}
pub fn in_range(band: &str) -> String {
    format!(", in the range often called {band}")
}
