//! Every sentence the use cases write for a person, in one place, so the
//! voice can be read (and later translated) together: short, warm,
//! concrete, honest about numbers, never blaming.
//!
//! The interfaces show these as they are, so they name no command and no
//! page: the command line adds its command beside them
//! ([`crate::insights::Summary::next_command`]), the web its link. What a
//! refusal says about a field (`InputError`'s "what is allowed") stays
//! beside the check that makes it; the workspace's copy test
//! (`crates/thaw/tests/copy.rs`) reads those too.

/// "s" when `n` is not one.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

// ------------------------------------------------------------ patterns

/// Fewer days with check-ins than patterns need.
pub fn not_enough_days(
    days: usize,
    from: impl std::fmt::Display,
    to: impl std::fmt::Display,
) -> String {
    format!(
        "Not enough data yet: {days} day{} with check-ins between {from} and {to}. After a week or two of check-ins, patterns start to show.",
        plural(days)
    )
}
/// The next step while there are too few days.
pub const NEXT_CHECK_IN: &str = "A quick check-in each day is enough.";
/// The next step when no activity stands out yet.
pub const NEXT_NOTE_ACTIVITY: &str =
    "Something to try: after an activity, note how it went, so patterns can show.";

/// The next step when one activity went with less numbness.
pub fn next_plan(name: &str) -> String {
    format!("Something to try: plan \"{name}\" (or its smallest version) on a few days this week.")
}

pub fn usual_numbness(median: f64, days: usize) -> String {
    format!(
        "Your usual numbness in these days was about {median:.1} out of 10 ({days} days with check-ins)."
    )
}

pub fn spikes(n: usize, latest: impl std::fmt::Display, value: f64) -> String {
    format!(
        "Numbness rose well above your usual level on {n} day{}, most recently {latest} ({value:.1}).",
        plural(n)
    )
}

/// `per_week` like "0.4 points"; `ci` like "; 95% interval +0.1 to +0.7".
pub fn rising(per_week: &str, ci: &str) -> String {
    format!(
        "Numbness has been slowly rising, about {per_week} a week{ci}. Noticing it early is exactly what helps."
    )
}

pub fn easing(per_week: &str, ci: &str) -> String {
    format!("Numbness has been easing, about {per_week} a week{ci}.")
}

pub const NO_TREND: &str = "No clear trend in numbness over these days.";

/// An activity's difference; `way` is "lower" or "higher".
pub fn activity_difference(
    name: &str,
    points: &str,
    way: &str,
    (with, without): (usize, usize),
    ci: &str,
    maybe_chance: bool,
) -> String {
    let chance = if maybe_chance {
        " That could still be chance."
    } else {
        ""
    };
    format!(
        "On days you did \"{name}\", numbness was about {points} {way} (based on {with} days with it and {without} without{ci}).{chance}"
    )
}

pub fn activity_too_few(name: &str, days_with: usize) -> String {
    format!("\"{name}\": not enough data yet ({days_with} days with it).")
}

pub fn trigger_difference(trigger: &str, points: &str, way: &str, days: usize, ci: &str) -> String {
    format!("On days with \"{trigger}\", numbness was about {points} {way} ({days} days{ci}).")
}

/// "once", "3 times".
fn times(n: usize) -> String {
    if n == 1 {
        "once".to_owned()
    } else {
        format!("{n} times")
    }
}

/// `change` is "eased by" or "rose by".
pub fn grounding_change(
    technique: &str,
    change: &str,
    points: &str,
    sessions: usize,
    ci: &str,
) -> String {
    format!(
        "After \"{technique}\", numbness {change} about {points} on average ({}{ci}).",
        times(sessions)
    )
}

pub fn grounding_too_few(technique: &str, sessions: usize) -> String {
    format!(
        "\"{technique}\": {} so far; a few more times will show how it fits you.",
        times(sessions)
    )
}

/// `how` is "more" or "less".
pub fn enjoyment_gap(activity: &str, how: &str, points: &str, times: usize) -> String {
    format!(
        "\"{activity}\" was {how} enjoyable than you expected, by about {points} on average ({times} times)."
    )
}

pub const NOT_CAUSES: &str = "These are patterns that go together, not proof of what causes what.";

// ---------------------------------------------------------- activities

/// Enjoyment after an activity, compared with what was expected.
pub fn enjoyed_more(by: i16) -> String {
    format!(
        "It was better than you expected, by {by}. Worth remembering next time it feels pointless."
    )
}
pub const ENJOYED_AS_EXPECTED: &str = "About as you expected.";
pub fn enjoyed_less(by: i16) -> String {
    format!("Less than you hoped this time (by {by}). You still did it, and that counts.")
}

// ------------------------------------------------------------- ladder

pub fn ladder_grown(step: &str, comfort: impl std::fmt::Display, next: &str) -> String {
    format!(
        "Comfort with \"{step}\" has grown to {comfort}. When you're ready, the next step could be \"{next}\"."
    )
}
pub fn ladder_again(next: &str) -> String {
    format!(
        "Trying again when it feels possible is how comfort grows. \"{next}\" is still a good next step."
    )
}
pub fn ladder_next(next: &str) -> String {
    format!("A good next step: \"{next}\".")
}
pub const LADDER_ALL_EASIER: &str = "Every step on your ladder feels more comfortable now. Add a slightly harder one when you like.";

// ------------------------------------------------------- today, week

/// Why a grounding exercise is suggested, from the person's own sessions.
pub fn grounding_helped(times: usize, mean: f64) -> String {
    format!("Over your last {times} times, numbness eased by {mean:.1} on average after this one.")
}
pub const GROUNDING_TRY: &str = "A few minutes at your own pace. Rating numbness before and after shows which exercise suits you.";

/// Why an activity is in the proposed week.
pub const WEEK_YOUR_OWN: &str = "one of your own activities";
pub fn week_serves(value: &str) -> String {
    format!("serves your value: {value}")
}
pub fn week_area(area: &str) -> String {
    format!("something for {}", area.to_lowercase())
}

/// A self-care reminder's description in a calendar.
pub fn calendar_hint(hint: &str) -> String {
    format!("A gentle reminder: {hint}.")
}

// ------------------------------------------------------------ partners

/// To a partner, when the agreed check-in time passed without one.
pub fn partner_nudge(email: &str, by: &str) -> String {
    format!("{email} hoped to check in by {by}. No pressure: a kind note might be welcome.")
}
pub const REMINDER_SUBJECT: &str = "A gentle reminder from Thaw";
/// The reminder email's body.
pub fn reminder_body(by: &str) -> String {
    format!(
        "Hello,\n\nYou and your partner agreed on a short check-in by {by}. There is no rush and nothing to catch up on: whenever you are ready, a mood and one small plan is plenty.\n\nThaw\n"
    )
}

// -------------------------------------------------------------- safety

/// The opening words before crisis resources, the same in every
/// interface (safe-messaging: calm, direct, hopeful, no alarm).
pub mod crisis {
    /// After something written suggests risk.
    pub const RISK_OPENING: &str = "What you wrote sounds really heavy. If you are having thoughts of ending your life or hurting yourself, you don't have to hold them alone. You can talk to someone right now.";
    /// After PHQ-9 item 9 was answered above 0.
    pub const ITEM9_OPENING: &str = "You said you've had thoughts of being better off dead or of hurting yourself. Thank you for answering honestly. You don't have to hold this alone; you can talk to someone right now.";
    /// After PHQ-9 item 9 was declined.
    pub const ITEM9_DECLINED: &str = "You chose not to answer the last question, and that's okay. If things are hard, people are there to listen.";
}

// ------------------------------------------------------------ settings

/// The first line of the settings file.
pub const SETTINGS_HEADER: &str =
    "# Thaw settings. Change them with `thaw config set KEY VALUE`.\n";
