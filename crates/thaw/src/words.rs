//! Every sentence the command line says to a person, in one place, so the
//! voice can be read (and later translated) together: short, warm,
//! concrete, never blaming.

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

pub const FIRST_RUN: &str = "Welcome to Thaw. What you record is kept only on this machine, in";
pub const FIRST_RUN_PRIVATE: &str =
    "Nothing leaves it: no accounts, no telemetry. Thaw does not replace professional care.";

/// The very first `thaw` (three lines; the folder follows the second).
pub const WELCOME_WHAT: &str = "Welcome to Thaw. It helps you notice numbness, see your own patterns, and take small, kind steps back toward feeling.";
pub const WELCOME_WHERE: &str = "What you record stays in one file on this machine, in";
pub const WELCOME_PRIVATE: &str = "Nothing leaves it: no account, no cloud, no tracking. Thaw does not replace professional care.";
pub const START_NOT_YET: &str = "No check-in yet today.";
pub const START_CHECKED_IN: &str = "Checked in at";
pub const START_NO_PLAN: &str = "Nothing planned for today.";
pub const START_PLAN: &str = "Today's plan:";
pub const START_DUE: &str = "Its time has come:";
pub const START_RELAPSE: &str =
    "Numbness has been high on several days. Your relapse plan is ready when you are.";
pub const START_NEXT: &str = "Next, if you like:";
pub const START_MORE: &str =
    "Everything else: thaw --help. If you need someone right now: thaw help-now";

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
