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

/// A difference on the 0–10 scale, unsigned: "1 point", "0.7 points".
pub(crate) fn points(x: f64) -> String {
    let x = x.abs();
    if (x - 1.0).abs() < 0.05 {
        "1 point".to_owned()
    } else {
        format!("{x:.1} points")
    }
}

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

// ------------------------------------------------------------ the start screen

/// The next steps the start screen offers: the words of each one's link
/// on the web, and why it might help now.
pub mod start {
    pub const CHECKIN_LABEL: &str = "Check in";
    pub const CHECKIN_WHY: &str =
        "How are you right now? About a minute; every question is optional.";
    pub const RELAPSE_LABEL: &str = "Your relapse plan";
    pub const RELAPSE_WHY: &str =
        "Numbness has been high on several days. Your own steps back are here.";
    pub const PLAN_WEEK_LABEL: &str = "Plan a week";
    pub const PLAN_WEEK_WHY: &str =
        "Pick a few small activities for regular days; you can change them any time.";
    pub const TODAY_LABEL: &str = "Today's plan";
    pub const TODAY_WHY: &str = "Today's plan, in the version that fits your energy.";
    pub const GROUND_SENSES_LABEL: &str = "Three sensations";
    pub const GROUND_SENSES_WHY: &str = "Two quiet minutes: notice three things your body feels.";
    pub const GROUND_BREATHS_LABEL: &str = "Five slow breaths";
    pub const GROUND_BREATHS_WHY: &str = "Five slow breaths, paced for you.";
    pub const WEEK_LABEL: &str = "Your week";
    pub const WEEK_WHY: &str =
        "A gentle look back at your week: what went a little better, your wins.";
    pub const INSIGHTS_LABEL: &str = "Your patterns";
    pub const INSIGHTS_WHY: &str = "Your patterns: what goes with better days, and what helps.";
    pub const WIN_LABEL: &str = "Write down a win";
    pub const WIN_WHY: &str = "Write down one small thing that went all right today.";
    pub const JOURNAL_LABEL: &str = "Write in your journal";
    pub const JOURNAL_WHY: &str = "A few lines in your journal, with a prompt if you like.";
}

// ------------------------------------------------------------ the doctor

/// What `thaw doctor` finds, and what to do about it. A command-line
/// check-up, so its fixes name commands.
pub mod doctor {
    use std::fmt::Display;

    pub const MADE_ON_FIRST_CHECKIN: &str = "It is made with your first check-in: thaw checkin";
    pub fn no_folder(root: impl Display) -> String {
        format!("There is no data folder at {root} yet.")
    }
    pub fn folder_ok(root: impl Display) -> String {
        format!("{root} is there and only you can open it.")
    }
    pub fn folder_open(root: impl Display, mode: u32) -> String {
        format!("Other users of this computer can look into {root} (permissions {mode:o}).")
    }
    pub fn fix_folder_open(root: impl Display) -> String {
        format!("Make it yours alone: chmod 700 {root}")
    }

    pub const SETTINGS_OK: &str = "The settings file reads well.";
    pub fn fix_settings(path: impl Display) -> String {
        format!("Edit {path} by hand, or delete it and set things again with thaw config set")
    }

    pub const NO_DATABASE: &str = "No database yet; nothing has been recorded.";
    pub fn unreadable(db: impl Display, e: &dyn Display) -> String {
        format!("{db} can't be read: {e}.")
    }
    pub fn fix_unreadable(db: impl Display) -> String {
        format!("Check that this user owns it: ls -l {db}")
    }
    pub const ENCRYPTED: &str = "The database is encrypted.";
    pub const NOT_ENCRYPTED: &str =
        "The database is not encrypted; it is protected by this account's permissions.";
    pub const FIX_NOT_ENCRYPTED: &str = "To lock it with a passphrase as well: thaw encrypt";
    pub const NEEDS_PASSPHRASE: &str = "Not checked inside: that needs the passphrase.";
    pub const FIX_NEEDS_PASSPHRASE: &str =
        "Run thaw doctor in a terminal to be asked, or set THAW_PASSPHRASE";
    pub const WRONG_PASSPHRASE: &str =
        "That passphrase does not open the database (or its first page is damaged).";
    pub const FIX_WRONG_PASSPHRASE: &str =
        "Run thaw doctor again and check the passphrase; nothing was changed.";
    pub fn whole(checkins: i64) -> String {
        let s = if checkins == 1 { "" } else { "s" };
        format!(
            "The database is whole (SQLite's integrity check passes) and holds {checkins} check-in{s}."
        )
    }
    pub fn damaged(db: impl Display, why: &dyn Display) -> String {
        format!("The database {db} is damaged: {why}.")
    }
    pub fn fix_restore(backup: impl Display) -> String {
        format!(
            "Restore your latest backup (the damaged file is kept beside it): thaw restore {backup}"
        )
    }
    pub fn fix_no_backup(dir: impl Display, db: impl Display) -> String {
        format!(
            "Restore a backup if you have one: thaw restore FILE. Without one, first keep a copy of the folder as it is (cp -a {dir} {dir}.damaged); sqlite3's .recover can often save most of {db}."
        )
    }

    pub fn schema_latest(version: i64) -> String {
        format!("The schema is up to date (version {version}).")
    }
    pub fn schema_older(found: i64, latest: i64) -> String {
        format!(
            "The schema is at version {found}; this Thaw brings it to {latest} the next time it opens it."
        )
    }
    pub fn schema_newer(found: i64, known: i64) -> String {
        format!(
            "The database was written by a newer Thaw (schema {found}; this one knows up to {known})."
        )
    }
    pub const FIX_SCHEMA_NEWER: &str =
        "Update Thaw, then run thaw doctor again. Your data is untouched.";

    pub fn timezone_set(zone: impl Display) -> String {
        format!("Days begin and end in {zone}.")
    }
    pub fn timezone_system(zone: impl Display) -> String {
        format!("Days begin and end in this computer's time zone, {zone}.")
    }
    pub const TIMEZONE_UNKNOWN: &str =
        "Days begin and end in UTC: this computer does not say its time zone.";
    pub const FIX_TIMEZONE: &str =
        "Set yours, if that's not it: thaw config set timezone Europe/Berlin";

    pub const NO_COUNTRY: &str = "No country is set, so thaw help-now shows international directories rather than local numbers.";
    pub const FIX_COUNTRY: &str = "Set yours (two letters): thaw config set country GB";
    pub fn no_local_lines(country: impl Display) -> String {
        format!(
            "Thaw has no local crisis lines for {country} yet; thaw help-now shows international directories."
        )
    }
    pub const FIX_NO_LOCAL_LINES: &str =
        "Keep your local emergency number in your safety plan: thaw safety-plan edit";
    pub fn crisis_data_ok(country: &str, verified: impl Display) -> String {
        format!("Crisis lines for {country} (checked {verified}).")
    }
    pub fn crisis_data_old(country: &str, verified: impl Display) -> String {
        format!("The crisis lines for {country} were last checked on {verified}, over a year ago.")
    }
    pub const FIX_CRISIS_DATA_OLD: &str =
        "Numbers rarely change, but check them at the sources thaw help-now lists, or update Thaw.";
    pub fn crisis_data_broken(e: &dyn Display) -> String {
        format!("The crisis-line data built into Thaw can't be read: {e}.")
    }
    pub const FIX_REINSTALL: &str = "Reinstall Thaw.";

    pub fn disk_ok(free: &str) -> String {
        format!("{free} free.")
    }
    pub fn disk_tight(free: &str) -> String {
        format!("{free} free; enough for now, tight for backups.")
    }
    pub fn disk_low(free: &str) -> String {
        format!("Only {free} free; a check-in may not fit.")
    }
    pub const FIX_DISK: &str =
        "Make room on this disk (old downloads, caches), or move the folder with --data-dir.";

    pub const NO_BACKUP: &str = "No backup made by thaw backup is on this machine.";
    pub const FIX_BACKUP: &str = "Make one now: thaw backup ~/thaw-$(date +%F).backup";
    pub fn backup_ok(path: impl Display) -> String {
        format!("The newest backup is {path}.")
    }
    pub fn backup_old(path: impl Display, days: impl Display) -> String {
        format!("The newest backup, {path}, is {days} days old.")
    }
}

// ------------------------------------------------------------ the reviews

/// Every sentence the reviews say, in one place: short, warm, concrete,
/// honest about small numbers, and never blaming. A smaller count is
/// never set against a larger one; a harder stretch is named plainly and
/// kindly.
pub mod review {
    use jiff::civil::Date;

    use crate::review::{CLEARLY, Change, Direction, Measure};

    pub const THE_WEEK_BEFORE: &str = "the week before";
    pub const THE_DAYS_BEFORE: &str = "the days before";

    pub const NO_CHECKINS_WEEK: &str = "No check-ins this week yet. A check-in takes a minute.";
    pub const WEEK_COMPARE_LATER: &str =
        "When two weeks in a row have check-ins, this shows how they compare.";
    pub const MONTH_COMPARE_LATER: &str =
        "Once there are check-ins from before these 30 days, this shows how far you've come.";
    pub const HARDER: &str =
        "Some stretches are heavier. Noticing it is already a way of looking after yourself.";
    pub const WEEK_QUIET: &str = "A quiet week on paper. Getting through it counts. When something small goes okay, note it as a win.";
    pub const SKIPPED: &str = "Skipped is information too: it shows what didn't fit this week.";
    pub const MONTH_EMPTY: &str =
        "Nothing recorded yet. A first check-in takes a minute, and this page fills in from there.";
    pub const MONTH_QUIET: &str = "A quiet stretch on paper. Getting through it counts. A check-in takes a minute whenever you're ready.";

    pub const SUGGEST_CHECKIN: &str = "Next week, a check-in on a few days is plenty. After a week or two, patterns start to show and suggestions get more personal.";
    pub const SUGGEST_PLAN: &str =
        "Next week, one small thing on a day or two is plenty. Its smallest version counts.";

    use super::points;

    /// "once", "twice", "3 times".
    pub fn times(n: usize) -> String {
        match n {
            1 => "once".to_owned(),
            2 => "twice".to_owned(),
            n => format!("{n} times"),
        }
    }

    fn plural(n: usize, one: &str, many: &str) -> String {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    }

    /// The week's check-in days, never as a gap.
    pub fn week_checkins(days: usize) -> String {
        match days {
            0 => NO_CHECKINS_WEEK.to_owned(),
            1 => "You checked in on 1 day this week. That one counts.".to_owned(),
            7 => "You checked in on all 7 days this week. Thank you for noticing how you are."
                .to_owned(),
            n => format!(
                "You checked in on {n} days this week. Each one is a moment of noticing how you are."
            ),
        }
    }

    /// "the 30 days before", "the 12 days before".
    pub fn the_days_before(days: u32) -> String {
        if days == 1 {
            "the day before".to_owned()
        } else {
            format!("the {days} days before")
        }
    }

    /// One rating now against `then`, when both have a value.
    pub fn change(c: &Change, then: &str) -> Option<String> {
        let (now, before, direction) = (c.now?, c.before?, c.direction?);
        let name = match c.measure {
            Measure::Mood => "Mood",
            Measure::Numbness => "Numbness",
            Measure::Energy => "Energy",
        };
        let diff = (now - before).abs();
        let little = if diff < CLEARLY { "a little " } else { "" };
        let numbers = format!("({now:.1}, was {before:.1})");
        Some(match (direction, c.measure.lower_is_better()) {
            (Direction::AboutTheSame, _) => {
                format!("{name}: about the same as {then} (about {now:.1}).")
            }
            (Direction::Better, true) => format!("{name}: eased {little}since {then} {numbers}."),
            (Direction::Better, false) => format!("{name}: {little}higher than {then} {numbers}."),
            (Direction::Harder, true) => format!("{name}: {little}higher than {then} {numbers}."),
            (Direction::Harder, false) => format!("{name}: {little}lower than {then} {numbers}."),
        })
    }

    /// How the comparison was made, honestly.
    pub fn compare_basis(days_now: usize, days_then: usize, now: &str, then: &str) -> String {
        format!(
            "Numbers are out of 10, averaged over your days with check-ins ({} {now}, {} {then}). Small differences can be chance.",
            plural(days_now, "day", "days"),
            plural(days_then, "day", "days"),
        )
    }

    /// " (up from 3)" when a count grew; nothing otherwise.
    fn up_from(now: usize, before: Option<usize>) -> String {
        match before {
            Some(0) if now > 0 => " (up from none)".to_owned(),
            Some(b) if now > b => format!(" (up from {b})"),
            _ => String::new(),
        }
    }

    pub fn count_checkin_days(n: usize, before: Option<usize>) -> Option<String> {
        (n > 0).then(|| {
            format!(
                "{} with a check-in{}",
                plural(n, "day", "days"),
                up_from(n, before)
            )
        })
    }

    pub fn count_wins(n: usize, before: Option<usize>) -> Option<String> {
        (n > 0).then(|| {
            format!(
                "{} noted{}",
                plural(n, "small win", "small wins"),
                up_from(n, before)
            )
        })
    }

    pub fn count_activities(n: usize, before: Option<usize>) -> Option<String> {
        (n > 0).then(|| {
            format!(
                "{}, in any size{}",
                plural(n, "activity done", "activities done"),
                up_from(n, before)
            )
        })
    }

    pub fn count_value_actions(n: usize, before: Option<usize>) -> Option<String> {
        (n > 0).then(|| {
            format!(
                "{} done for your values{}",
                plural(n, "thing", "things"),
                up_from(n, before)
            )
        })
    }

    pub fn count_grounding(n: usize, before: Option<usize>) -> Option<String> {
        (n > 0).then(|| {
            format!(
                "{}{}",
                plural(n, "grounding exercise", "grounding exercises"),
                up_from(n, before)
            )
        })
    }

    /// "Since your first check-in on 3 January 2026: 143 check-ins and 38 small wins."
    pub fn since_start(first: Date, checkins: u64, wins: usize) -> String {
        let checkins = if checkins == 1 {
            "1 check-in".to_owned()
        } else {
            format!("{checkins} check-ins")
        };
        let wins = match wins {
            0 => String::new(),
            n => format!(" and {}", plural(n, "small win", "small wins")),
        };
        format!(
            "Since your first check-in on {}: {checkins}{wins}. Each one was a moment of noticing.",
            first.strftime("%-d %B %Y")
        )
    }

    pub fn first_win(text: &str, day: Date) -> String {
        format!(
            "Your first win noted here: \u{201c}{text}\u{201d} ({}).",
            day.strftime("%-d %B %Y")
        )
    }

    pub fn latest_win(text: &str, day: Date) -> String {
        format!(
            "The latest: \u{201c}{text}\u{201d} ({}).",
            day.strftime("%-d %B %Y")
        )
    }

    pub fn suggest_activity(name: &str, lower_by: f64, days_with: usize) -> String {
        format!(
            "On days with \u{201c}{name}\u{201d}, numbness has been about {} lower ({} with it). Next week, maybe give it a day or two, in whatever size fits.",
            points(lower_by),
            plural(days_with, "day", "days"),
        )
    }

    pub fn suggest_grounding(title: &str, eased_by: f64, sessions: usize) -> String {
        format!(
            "After {title}, numbness has eased by about {} on average ({}). Worth keeping close next week, for when the here-and-now feels far away.",
            points(eased_by),
            times(sessions),
        )
    }

    pub fn suggest_enjoyment(name: &str, more_by: f64, n: usize) -> String {
        format!(
            "\u{201c}{name}\u{201d} has been more enjoyable than you expected, by about {} on average ({}). Worth remembering next week if it starts to feel pointless.",
            points(more_by),
            times(n),
        )
    }

    pub fn suggest_value(value: &str, action: &str) -> String {
        format!("Something small for {value} next week, if it fits: {action}.")
    }
}
