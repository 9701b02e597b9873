//! Every sentence the command line says to a person, in one place, so the
//! voice can be read (and later translated) together: short, warm,
//! concrete, never blaming.
//!
//! Flag names, JSON keys and the layout of lists stay with their command;
//! the copy test (`tests/copy.rs`) reads every crate's words.

use std::path::Path;

pub const SAVED_CHECKIN: &str = "Saved. Thank you for checking in.";
pub const SAVED_CHECKIN_NUMB: &str = "Saved. Noticing the numbness is a real step; it counts.";
pub const SAVED_CHECKIN_EMPTY: &str = "Saved, just the moment. That counts too.";
pub const SAVED_JOURNAL: &str = "Saved to your journal.";
pub const SAVED_JOURNAL_THERAPY: &str = "Saved to your journal, marked to bring to therapy.";
pub const JOURNAL_NOTHING: &str = "Nothing saved. The page is here whenever you want it.";
pub const NOTHING_SAVED: &str = "Nothing was saved.";

pub const NO_CHECKINS: &str = "No check-ins yet. When you're ready: thaw checkin";
pub const NO_CHECKINS_IN_RANGE: &str =
    "No check-ins on these days. Try a wider range, or leave out --from and --to.";
pub const NO_JOURNAL: &str = "Your journal is empty. Write a first line with: thaw journal \"…\"";
pub const NO_JOURNAL_MATCH: &str = "Nothing matches. Try fewer or shorter words.";

/// The very first use of a data folder (three lines; the folder follows
/// the second): `thaw` prints them before the start screen, other
/// commands on stderr.
pub const WELCOME_WHAT: &str = "Welcome to Thaw. It helps you notice numbness, see your own patterns, and take small, kind steps back toward feeling.";
pub const WELCOME_WHERE: &str = "What you record stays in one file on this machine, in";
pub const WELCOME_PRIVATE: &str = "Nothing leaves it: no account, no cloud, no tracking. Thaw does not replace professional care.";
pub const START_NOT_YET: &str = "No check-in yet today.";
pub const START_CHECKED_IN: &str = "Checked in at";
pub const START_NO_PLAN: &str = "Nothing planned for today.";
pub fn start_plan(done: usize, planned: usize) -> String {
    format!("Today's plan: {done} of {planned} done (thaw today shows it).")
}
pub fn start_checkins_today(n: usize) -> String {
    format!(" ({n} check-ins today)")
}
pub const START_DUE: &str = "Its time has come:";
pub const START_RELAPSE: &str =
    "Numbness has been high on several days. Your relapse plan is ready when you are.";
pub const START_NEXT: &str = "Next, if you like:";
pub const START_MORE: &str =
    "Everything else: thaw --help. If you need someone right now: thaw help-now";

pub fn doctor_checking(folder: &str) -> String {
    format!("Checking {folder}")
}
/// The marks before each finding, padded to one width.
pub const DOCTOR_OK: &str = "ok     ";
pub const DOCTOR_NOTE: &str = "note   ";
pub const DOCTOR_PROBLEM: &str = "PROBLEM";
pub const DOCTOR_HEALTHY: &str = "All is well with your data folder.";
pub const DOCTOR_NOTES: &str = "Nothing needs fixing; a few things are worth knowing.";
pub const DOCTOR_PROBLEMS: &str =
    "Something needs fixing (above). Your data is untouched: the doctor only reads.";

pub const ASK_INTRO: &str = "A quick check-in. Press Enter to skip any question.";
pub const ASK_AGAIN: &str = "That needs a whole number from 0 to 10, or Enter to skip.";
pub const ASK_MOOD: &str = "Mood, 0 (very low) to 10 (very good)";
pub const ASK_NUMBNESS: &str = "Numbness, 0 (feelings fully present) to 10 (completely numb)";
pub const ASK_ENERGY: &str = "Energy, 0 (none) to 10 (plenty)";
pub const ASK_PLEASURE: &str = "Pleasure or interest in things, 0 (none) to 10 (a lot)";
pub const ASK_CONNECTION: &str = "Connection to people, 0 (cut off) to 10 (close)";
pub const ASK_FEEL: &str =
    "Any words for how it feels? (commas between; `thaw feelings` has ideas)";
pub const ASK_TRIGGER: &str = "Anything that may have set it off? (commas between)";
pub const ASK_PLAN: &str = "One small plan for today?";
pub const ASK_NOTE: &str = "Anything else you'd like to note?";

pub const FEELINGS_OUTRO: &str =
    "Use any of these, or your own words: thaw checkin --feel \"I feel detached\"";

pub const EDITOR_HELP: &str = "Lines starting with # are not saved. Save and close to keep the entry; leave it empty to keep nothing.";
pub const NO_EDITOR: &str = "Write the entry as TEXT (thaw journal \"…\"), pipe it in, or set $EDITOR to write it in your editor.";

pub const SERVE_LOOPBACK_ONLY: &str = "local mode listens only on this computer (127.0.0.1 or ::1), so nobody on the network can reach your data. To serve several people with accounts, use --multi-user with --database-url (hosted mode)";
pub const SERVE_NEEDS_DATABASE: &str = "a database for multi-user mode: --database-url postgres://… (or sqlite://PATH for a small group), or THAW_DATABASE_URL";
pub const SERVE_MULTI_RUNNING: &str = "Thaw is serving many people at";
pub const SERVE_MULTI_SIGNIN: &str = "People sign in at";
pub const SERVE_RUNNING: &str = "Thaw is running on this computer at";
pub const SERVE_OPEN: &str = "Open this link to start (it works once):";
pub const SERVE_STOP: &str = "Press Ctrl-C to stop. Your data stays in";

pub const HELP_NOW_TITLE: &str = "You can reach someone right now.";
pub const HELP_NOW_EMERGENCY: &str = "If you are in immediate danger, call";
pub const HELP_NOW_NO_COUNTRY: &str =
    "Tell Thaw your country for local numbers: thaw config set country GB (your two-letter code).";
pub const HELP_NOW_PLAN: &str = "Your safety plan: thaw safety-plan";
pub const SCREEN_NOT_DIAGNOSIS: &str = "This is a screening, not a diagnosis. Talking it over with a professional helps; Thaw does not replace care.";
pub const SCREEN_NEED_ANSWERS: &str =
    "give the answers with --answers, or run this in a terminal to be asked one question at a time";
pub const SCREEN_STOPPED: &str = "Stopped. Nothing was saved; you can start again any time.";
pub const SCREEN_ASK_AGAIN: &str = "Please answer with one of the numbers shown.";
pub const SCREEN_DECLINE_HINT: &str = "or - if you'd rather not answer";
pub const NO_SCREENINGS: &str =
    "No results yet. When you're ready: thaw screen phq9 (or phq2 for a quick two questions).";
pub const PLAN_SAVED: &str = "Saved your plan.";
pub const PLAN_EMPTY_SECTION: &str = "(nothing yet)";
pub const PLAN_EDIT_HINT: &str = "Change it with: thaw";
pub const RELAPSE_OFFER: &str = "Numbness has been high on several of the last seven days. That can be a sign it is coming back, and you noticed. Your relapse plan:";

pub const RELAPSE_OFFER_INSIGHTS: &str = "Numbness has had a spike or is slowly rising. That can be an early sign, and you noticed it. Your relapse plan:";

pub const TODAY_NOTHING: &str = "Nothing scheduled today. A free day is fine. To plan something small: thaw activity add \"short walk\" --every daily";
pub const TODAY_LOW_ENERGY: &str =
    "Energy is low, so here are the smaller versions. Any of them counts.";

pub const CONFIG_UNSET: &str = "not set";
pub fn config_saved(setting: &str) -> String {
    format!("Saved. {setting}")
}
pub fn settings_file(path: &Path) -> String {
    format!("Settings file: {}", path.display())
}

// What the other commands say. Sentences with a name or a number in them
// are small functions, so the sentence still reads as one.

/// "1 check-in", "3 check-ins".
pub fn checkins(n: i64) -> String {
    if n == 1 {
        "1 check-in".to_owned()
    } else {
        format!("{n} check-ins")
    }
}

pub fn activity_added(name: &str) -> String {
    format!("Added \"{name}\".")
}
pub const ACTIVITY_DONE: &str = "Noted. Doing it at all is the step.";
pub const ACTIVITY_SKIPPED: &str =
    "Noted. Skipping is information; maybe tomorrow, maybe a smaller version.";
pub const ACTIVITIES_NONE: &str =
    "No activities yet. Some ordinary, comforting things to start with:";
pub const ACTIVITIES_ADD_HINT: &str = "Add one (its smaller versions come along): thaw activity add \"short walk\" --every mon,wed,fri --time 08:00";
pub const STEADINESS_MEANS: &str = "(rises each time, eases slowly on gaps, never resets)";
/// Under an item of today's plan: its tiny, doable expectation.
pub fn just_this(expect: &str) -> String {
    format!("just this: {expect}")
}

pub fn backed_up(checkins_: i64, path: &Path) -> String {
    format!(
        "Backed up everything ({}) to {}.",
        checkins(checkins_),
        path.display()
    )
}
pub fn restored(file: &Path, checkins_: i64) -> String {
    format!("Restored {} ({}).", file.display(), checkins(checkins_))
}
pub fn restore_kept(kept: &Path) -> String {
    format!("What was here before is kept at {}.", kept.display())
}

pub fn already_encrypted(folder: &Path) -> String {
    format!(
        "the data folder {} is already encrypted; nothing was changed (to change the passphrase: thaw encrypt --change)",
        folder.display()
    )
}
pub fn not_encrypted(folder: &Path) -> String {
    format!(
        "the data folder {} is not encrypted; nothing was changed (to turn encryption on: thaw encrypt)",
        folder.display()
    )
}
pub fn encrypted(folder: &Path) -> String {
    format!("Encrypted your data folder {}.", folder.display())
}
pub fn kept_copies_encrypted(n: usize) -> String {
    format!("The {n} earlier copies kept by restores are encrypted too.")
}
pub fn decrypted(folder: &Path, checkins_: i64) -> String {
    format!(
        "Your data folder {} is no longer encrypted ({}).",
        folder.display(),
        checkins(checkins_)
    )
}
pub fn passphrase_for(what: &Path) -> String {
    format!("Passphrase for {}: ", what.display())
}

pub fn editor_ended(status: impl std::fmt::Display) -> String {
    format!("the editor ended with {status}; nothing was saved")
}

pub fn patterns_heading(from: impl std::fmt::Display, to: impl std::fmt::Display) -> String {
    format!("Patterns from {from} to {to}")
}
pub fn chart_written(path: &Path) -> String {
    format!("Wrote the chart to {}.", path.display())
}

pub fn report_written(
    path: &Path,
    from: impl std::fmt::Display,
    to: impl std::fmt::Display,
    holds: &str,
) -> String {
    format!(
        "Wrote {}: your report for {from} to {to} ({holds}).",
        path.display()
    )
}
pub const REPORT_PRIVATE: &str = "It is personal health information and is not encrypted: share it only with the people you choose.";
pub fn report_days(with_checkin: impl std::fmt::Display, days: &str) -> String {
    format!("{with_checkin} of {days} with a check-in")
}
pub const REPORT_NO_SAFETY_PLAN: &str = "no safety plan yet";
pub const REPORT_SAFETY_PLAN_FULL: &str = "your safety plan, in full";
pub const REPORT_SAFETY_PLAN_EXISTS: &str = "that you have a safety plan, not what it says";

pub const HELP_NOW_LOCAL_EMERGENCY: &str = "your local emergency number";

pub fn selfcare_added(name: &str) -> String {
    format!("Added \"{name}\" to your self-care anchors.")
}
pub fn changed(name: &str) -> String {
    format!("Changed \"{name}\".")
}
pub fn removed(name: &str) -> String {
    format!("Removed \"{name}\".")
}
pub const SELFCARE_CALENDAR_HINT: &str =
    "Your calendar can remind you: thaw export ics --out thaw.ics";
pub fn selfcare_done(name: &str) -> String {
    format!("Noted: {name}. Looking after the basics is looking after you.")
}
pub fn not_an_anchor(name: &str) -> String {
    format!("\"{name}\" is not one of your anchors; nothing changed.")
}
pub const SELFCARE_SUGGESTED: &str =
    "Six anchors that hold a day together. None are set yet; these are suggestions:";
pub const SELFCARE_HEADING: &str = "Your self-care anchors";
pub const SELFCARE_KEEP_HINT: &str =
    "Keep one with a reminder: thaw selfcare add hydration --every daily --time 10:00";
pub const SELFCARE_DONE_HINT: &str = "Mark one looked after: thaw selfcare done hydration";

pub fn step_added(name: &str, difficulty: impl std::fmt::Display) -> String {
    format!("Added \"{name}\" to your ladder (difficulty {difficulty}).")
}
pub fn step_changed(name: &str, difficulty: impl std::fmt::Display) -> String {
    format!("\"{name}\" now has difficulty {difficulty}.")
}
pub const LADDER_EMPTY: &str =
    "Your social ladder is empty. Start with steps that feel small, like:";
/// First steps for an empty ladder, with how hard they tend to feel.
pub const LADDER_IDEAS: [(&str, u8); 5] = [
    ("reply to one message", 10),
    ("text a friend", 20),
    ("say hello to a neighbour", 35),
    ("call someone for five minutes", 55),
    ("meet a friend for a coffee", 70),
];
pub const LADDER_HEADING: &str = "Your ladder, easiest first";
pub const STEP_NOT_TRIED: &str = "not tried yet";
pub fn step_tried(times: usize, comfort: impl std::fmt::Display) -> String {
    let s = if times == 1 { "" } else { "s" };
    format!("tried {times} time{s}, last comfort {comfort}")
}
pub fn step_noted(step: &str, comfort: impl std::fmt::Display) -> String {
    format!("Noted: \"{step}\", comfort {comfort}. Trying is the brave part.")
}

pub fn value_chosen(name: &str) -> String {
    format!("\"{name}\" is one of your core values now.")
}
pub fn value_why_updated(name: &str) -> String {
    format!("Updated why \"{name}\" matters.")
}
/// `name` as typed on a command line (quoted when it has a space).
pub fn value_act_hint(name: &str) -> String {
    format!("When you do something for it: thaw values act {name} \"…\"")
}
pub fn value_noted(value: &str) -> String {
    format!("Noted, for {value}. Small things done for what matters add up.")
}
pub fn value_let_go(name: &str) -> String {
    format!("Let \"{name}\" go. What you did for it stays in your history.")
}
pub fn not_a_value(name: &str) -> String {
    format!("\"{name}\" is not one of your values; nothing changed.")
}
pub fn values_none(max: usize) -> String {
    format!(
        "No core values yet. Choose up to {max} that matter to you, from these or in your own words:"
    )
}
pub const VALUES_ADD_HINT: &str = "Then: thaw values add connection --why \"people keep me warm\"";
pub fn value_idea(idea: &str) -> String {
    format!("a small idea: {idea}")
}
pub fn values_room(max: usize) -> String {
    format!("You can keep up to {max}: thaw values add NAME --why \"…\"")
}

pub fn week_heading(from: &str) -> String {
    format!("A week from {from}, if you like:")
}
pub const WEEK_SCHEDULED: &str = "Scheduled. Smaller versions are there on harder days:";
pub const WEEK_SEE_DAYS: &str = "See each day with: thaw today";

pub const WIN_KEPT: &str = "Kept. Small wins are real wins.";
pub fn wins_heading(from: &str, to: &str) -> String {
    format!("The week from {from} to {to}")
}
pub const WINS_QUIET_WEEK: &str = "A quiet week on paper. Getting through it counts. When something small goes okay, keep it: thaw wins add \"…\"";
pub const WINS_EARLIER: &str = "Earlier wins";
/// "once", "3 times".
pub fn times(n: usize) -> String {
    if n == 1 {
        "once".to_owned()
    } else {
        format!("{n} times")
    }
}

pub const MOOD_MAP_IGNORED: &str = "thaw: --mood-map is only used for Daylio files; ignored here.";
pub fn import_time_zone(zone: &str) -> String {
    format!(
        "thaw: times in this file were read as {zone}, this computer's time zone. If you live by another, set it before importing: thaw config set timezone ZONE"
    )
}
pub const IMPORT_NOTHING_NEW: &str = "Nothing new: everything in this file is already here.";
pub fn import_dry_run(what: &str) -> String {
    format!("Would import {what}. Nothing was written (dry run).")
}
pub fn imported(what: &str) -> String {
    format!("Imported {what}.")
}
pub fn exported_json(path: &Path) -> String {
    format!(
        "Wrote everything to {}. Keep it somewhere safe: it is all your data, unencrypted.",
        path.display()
    )
}
pub fn exported_csv(files: usize, folder: &Path) -> String {
    format!(
        "Wrote {files} files to {} (README.txt says what is where). Keep them somewhere safe: it is all your data, unencrypted.",
        folder.display()
    )
}
pub fn exported_fhir(path: &Path) -> String {
    format!(
        "Wrote a FHIR R4 bundle to {}: your check-up results (with LOINC codes) and daily mood and numbness.",
        path.display()
    )
}
pub fn exported_ics_empty(path: &Path) -> String {
    format!(
        "Wrote {}, still empty: nothing has a schedule and a time yet. Add one with: thaw activity add walk --every mon,wed,fri --time 08:00",
        path.display()
    )
}
pub fn exported_ics(path: &Path, events: usize) -> String {
    let s = if events == 1 { "" } else { "s" };
    format!(
        "Wrote {} with {events} reminder{s}. Open it with your calendar app; your phone will remind you.",
        path.display()
    )
}
pub fn ics_without_time(names: &str) -> String {
    format!(
        "Left out for now, as they have no time of day: {names}. Give one a time with --time HH:MM."
    )
}

pub fn cannot_listen(addr: impl std::fmt::Display, e: impl std::fmt::Display) -> String {
    format!(
        "could not listen on {addr} ({e}); is another Thaw running? Try --addr 127.0.0.1:0 for any free port"
    )
}
pub fn migrated(kind: &str, version: impl std::fmt::Display) -> String {
    format!("The {kind} database is at schema version {version}, the newest this Thaw knows.")
}
pub const SERVE_NO_BROWSER: &str = "(Could not open a browser here; open the link above yourself.)";
pub const SERVE_STOPPED: &str = "Stopped. Everything you saved is kept.";

/// The closing line after a check-in.
pub fn checkin_closing(numbness: Option<u8>, empty: bool) -> &'static str {
    match (empty, numbness) {
        (true, _) => SAVED_CHECKIN_EMPTY,
        (false, Some(n)) if n >= 7 => SAVED_CHECKIN_NUMB,
        _ => SAVED_CHECKIN,
    }
}

pub const WEEK_ASK_INTRO: &str = "A week that fits is worth more than a full one. For each: Enter keeps it, n leaves it out, or type other days (like tue,thu).";
pub const WEEK_ASK_KEEP: &str = "   Keep it?";
pub const WEEK_ASK_TIME: &str = "   Time";
pub const WEEK_EMPTY: &str = "Every starter activity is already scheduled. Change one with: thaw activity add NAME --every … --time …";
pub const WEEK_ACCEPT_HINT: &str = "Accept it as it is: thaw plan week --accept (in a terminal, `thaw plan week` asks about each one)";
pub const WEEK_NOTHING_KEPT: &str =
    "Nothing scheduled this time. That's fine; the proposal will be here whenever you want it.";
pub const TODAY_MAYBE: &str = "From yesterday, maybe today (only if it fits):";
pub const TODAY_SELFCARE: &str = "Self-care:";
pub const TODAY_VALUES: &str = "For what matters to you:";
pub const TODAY_GROUNDING: &str = "If the here-and-now feels far away:";

pub const GROUND_PACE_BREATHS_ONLY: &str =
    "a pace is for `thaw ground breaths`; leave it out for the other exercises";
pub const GROUND_PLAIN_HOW: &str = "Each step waits its time. Press Enter when you're ready sooner; q and Enter stops (what you did is saved).";
pub const GROUND_TYPE_HINT: &str = "(type what you notice if you like; it is not saved)";
pub const GROUND_ASK_BEFORE: &str =
    "Numbness right now, 0 (feelings fully present) to 10 (completely numb), Enter to skip";
pub const GROUND_ASK_AFTER: &str = "And now? Numbness 0 to 10, Enter to skip";
pub const GROUND_NO_SCREEN: &str =
    "The full-screen view could not start here, so the steps come as lines instead";
pub const GROUND_INSIGHTS: &str =
    "Over time, `thaw insights` shows which exercises ease numbness for you.";

/// A length of time in words: `45 s`, `1 min 20 s`, `5 min`.
pub fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// The closing line after a grounding exercise.
pub fn ground_closing(completed: bool, seconds: u32) -> String {
    if completed && seconds == 0 {
        "Done, and saved.".to_owned()
    } else if completed {
        format!("Done, and saved: {} of being here.", duration(seconds))
    } else if seconds == 0 {
        "Stopped, and saved. The exercise is here whenever you want it.".to_owned()
    } else {
        format!(
            "Stopped after {}, and saved. What you did counts.",
            duration(seconds)
        )
    }
}

/// Numbness before and after, with the scale's meaning.
pub fn ground_ratings(before: Option<u8>, after: Option<u8>) -> Option<String> {
    let scale = "(0 = feelings fully present, 10 = completely numb)";
    match (before, after) {
        (Some(b), Some(a)) => Some(format!("Numbness {b} before, {a} after {scale}.")),
        (Some(b), None) => Some(format!("Numbness {b} before {scale}.")),
        (None, Some(a)) => Some(format!("Numbness {a} after {scale}.")),
        (None, None) => None,
    }
}

pub const REVIEW_WEEK_TITLE: &str = "Your week,";
pub const REVIEW_MONTH_TITLE: &str = "Look how far:";
pub const REVIEW_CHECKIN_HINT: &str = "To check in: thaw checkin";
pub const REVIEW_COMPARED_WEEK: &str = "Compared with the week before";
pub const REVIEW_COMPARED_MONTH: &str = "Then and now";
pub const REVIEW_WINS: &str = "Wins";
pub const REVIEW_VALUES: &str = "For what matters to you";
pub const REVIEW_ACTIVITIES: &str = "Things you did";
pub const REVIEW_GROUNDING: &str = "Grounding";
pub const REVIEW_NEXT_WEEK: &str = "For next week";
pub const REVIEW_THESE_DAYS: &str = "These 30 days";
pub const REVIEW_SINCE: &str = "Since the start";
pub const REVIEW_SEE_MONTH: &str = "Further back: thaw month";

/// Which days the monthly look-back set beside these.
pub fn review_compared_with(from: &str, to: &str) -> String {
    format!("The days before: {from} to {to}.")
}

/// The command that goes with a review's suggestion.
pub fn review_next(kind: thaw_app::review::SuggestionKind, about: Option<&str>) -> String {
    use thaw_app::review::SuggestionKind as K;
    match (kind, about) {
        (K::Grounding, Some(technique)) => format!("thaw ground {technique}"),
        (K::Value, Some(value)) if value.contains(' ') => {
            format!("thaw values act \"{value}\" \"…\"")
        }
        (K::Value, Some(value)) => format!("thaw values act {value} \"…\""),
        (K::Checkin, _) => "thaw checkin".to_owned(),
        (K::Enjoyment, _) => "thaw today".to_owned(),
        _ => "thaw plan week".to_owned(),
    }
}

pub const BACKUP_KEEP_SAFE: &str = "Keep it somewhere safe: it holds all your data, unencrypted. Put it back with: thaw restore FILE";
pub const BACKUP_KEEP_SAFE_ENCRYPTED: &str =
    "It is encrypted with your passphrase. Put it back with: thaw restore FILE";
pub const RESTORED_UNENCRYPTED: &str = "The backup was not encrypted, so your data folder is not encrypted now. To encrypt it again: thaw encrypt";
pub const ENCRYPT_DONE: &str = "From now on Thaw asks for your passphrase (or reads THAW_PASSPHRASE). Keep it safe: without it nobody can open your data, not even you.";
pub const ENCRYPT_OLD_BACKUPS: &str = "Backups you made earlier are not encrypted. Delete them, or make a new backup and delete the old:";
pub const PASSPHRASE_NEW: &str = "New passphrase (at least 8 characters): ";
pub const PASSPHRASE_AGAIN: &str = "The same passphrase again: ";
pub const PASSPHRASE_CHANGED: &str =
    "Changed your passphrase. Backups made before still open with the old one.";
pub const FORGET_WARNING: &str = "This deletes all your Thaw data from this machine, in";
pub const FORGET_ASK: &str = "It can't be undone. Delete it all? Type y to confirm: ";
pub const FORGET_KEPT: &str = "Kept everything. Nothing was deleted.";
pub const FORGET_NEEDS_YES: &str =
    "Nothing was deleted: confirm by answering y, or pass --yes from a script.";
pub const FORGET_DONE: &str =
    "Deleted. Your Thaw data is gone from this machine. Take care of yourself.";
pub const FORGET_NOTHING: &str = "There is nothing of yours here to delete.";

#[cfg(test)]
mod tests {
    /// Wording that blames a person has no place in Thaw.
    #[test]
    fn no_blaming_words() {
        let source = include_str!("words.rs");
        let (strings, _) = source.split_once("#[cfg(test)]").unwrap();
        for bad in ["missed", "failed", "streak", "broke your", "you should"] {
            assert!(!strings.to_lowercase().contains(bad), "{bad}");
        }
    }
}
