//! Every sentence the web app writes from Rust, in one place, so the
//! voice can be read (and later translated) together: short, warm,
//! concrete, never blaming. Page text lives in `templates/*.html`; the
//! words of thaw-app (patterns, suggestions, crisis openings) come from
//! `thaw_app::words`. The workspace's copy test
//! (`crates/thaw/tests/copy.rs`) reads all of them.

// ------------------------------------------------------ refusals (any page)

/// A value refused by a check, in the JSON API.
pub fn input_refused_api(value: &str, field: &str, allowed: &str) -> String {
    format!("{value:?} can't be used for {field}; {allowed}")
}
/// A value refused by a check, on a page.
pub fn input_refused_page(value: &str, field: &str, allowed: &str) -> String {
    format!("{value:?} can't be used for {field}; {allowed}.")
}
pub fn no_such_id(what: &str) -> String {
    format!("No {what} with that id.")
}
pub fn bad_json(detail: impl std::fmt::Display) -> String {
    format!("The body is not a JSON object we can read: {detail}")
}
pub fn no_such_name(what: &str, name: &str) -> String {
    format!("No {what} named {name:?}.")
}
pub fn unreadable_name(e: impl std::fmt::Display) -> String {
    format!("The name in the address can't be read: {e}")
}
pub const NOTHING_HERE: &str = "There is nothing here.";
pub const NOTHING_HERE_PAGE: &str =
    "There is nothing here, or nothing shared with you. The start page is at /.";
pub const TOO_MANY: &str = "Too many attempts. Wait a minute, then try again.";
pub const OUR_SIDE: &str = "Something went wrong on our side; nothing was changed.";
pub const OUR_SIDE_PAGE: &str = "Something went wrong on our side, and nothing was changed. Try again in a moment; the server's log says more.";
pub const OUR_SIDE_SHORT: &str = "Something went wrong on our side.";
pub const NO_PAGE: &str = "There is no page at this address. The start page is at /.";
pub const NO_ACCOUNTS: &str = "This server runs for one person; it has no accounts.";

/// The title of a refusal page, by what happened.
pub const TITLE_UNAUTHORIZED: &str = "Open Thaw from your terminal";
pub const TITLE_TOO_MANY: &str = "Slow down a little";
pub const TITLE_FORBIDDEN: &str = "Refused";
pub const TITLE_NOT_FOUND: &str = "Not here";
pub const TITLE_BAD_INPUT: &str = "That can't be used";
pub const TITLE_OTHER: &str = "Something went wrong";

// ------------------------------------------------------------ security

pub const OTHER_HOST: &str = "This server only answers to its own address.";
pub const OTHER_SITE: &str = "This request came from another site, so it was refused.";
pub const SIGN_IN_FIRST: &str = "Sign in first.";
pub const OPEN_THE_LINK: &str =
    "Open the link that `thaw serve` printed in your terminal to start.";
pub const LINK_USED: &str = "This link has already been used, or it is not the one `thaw serve` printed. If this browser was already signed in, go to the start page; otherwise restart `thaw serve` for a new link.";
/// A form sent without this session's CSRF token (an old page, another
/// tab): said plainly on a page; scripts of the API get the header's name.
pub const FORM_EXPIRED: &str =
    "This form is from an earlier visit, so nothing was saved. Reload the page and try again.";
pub const CSRF_MISSING_API: &str = "This request did not carry the session's CSRF token (the X-CSRF-Token header), so nothing was saved.";
pub const LOCAL_FOOT: &str = "Your data stays on this computer.";
pub const HOSTED_FOOT: &str =
    "Your data is kept on this server; only the people you choose see what you share.";

// ------------------------------------------------------ plans, calendar

pub const SAFETY_PLAN_INTRO: &str = "Write it when things are calmer, so it is ready for a hard moment. Each part is a step to try, in order, until you feel safer.";
pub const RELAPSE_PLAN_INTRO: &str = "What numbness returning looks like for you, and the small steps that helped before. Thaw shows it when recent days look like that.";
pub const FEED_GONE: &str =
    "This calendar link is not (or no longer) valid. Make a new one on the Calendar page.";

/// What the re-engagement pages say on their own.
pub mod engage {
    pub const VALUE_DONE: &str = "Noted. That was for something that matters to you.";
    pub const SELFCARE_DONE: &str = "Noted. Looking after yourself counts.";
    pub const ACTIVITY_SAVED: &str = "Saved to your activities.";
    pub const STARTER_ADDED: &str =
        "Added to your activities. Change anything about it with the form below.";
    pub const WEEK_SET: &str =
        "Your week is set. Today's plan shows what's on each day, in a size that fits.";
    pub const WEEK_NONE: &str = "Nothing was chosen, so nothing changed. That's fine too.";
    pub const ACTIVITY_DONE: &str = "Noted. Doing it at all is the step.";
    pub const SKIPPED: &str =
        "Noted. Skipping is information; maybe tomorrow, maybe a smaller version.";
    pub const VALUE_SAVED: &str = "Saved your value.";
    pub const VALUE_LET_GO: &str = "Let go. What you did for it is kept.";
    pub const STEP_ADDED: &str = "Added to your ladder.";
    pub const STEP_TRIED: &str = "Noted. Trying at all is how comfort grows.";
    pub const WIN_SAVED: &str = "Saved. That counts.";
    pub const ANCHORS_KEPT: &str = "These are yours now. Change or remove any of them.";
    pub const ANCHOR_SAVED: &str = "Saved.";
    pub const ANCHOR_REMOVED: &str = "Removed. You can add it again any time.";

    pub const ENERGY_NONE: &str = "No energy given yet, so the full versions are shown. If today feels heavier, pick a number and the plan gets smaller.";
    pub const STEADINESS_START: &str = "ready when you are";
    pub const ENERGY_LOW: &str = "Smaller versions are offered today: adjust, never abandon.";
}

/// What the grounding pages say on their own, and every word the timer
/// script shows (read from the page's data attributes).
pub mod grounding {
    pub const SAVED: &str = "Saved. Taking those minutes was the step, whatever the numbers say.";
    pub const SAVED_UNRATED: &str =
        "Saved. Rating is optional; the minutes you took count just the same.";
    pub const NO_EXERCISE: &str =
        "There is no grounding exercise at this address. All four are listed at /ground.";
    pub const NO_PACE: &str = "There is no breathing pace at this address.";
    pub const BEFORE: &str = "How numb do you feel right now?";
    pub const AFTER: &str = "How numb do you feel now?";
    pub const UNRATED: &str = "no ratings";

    // For the timer script (read from the page's data attributes).
    pub const START: &str = "Start the timer";
    pub const AGAIN: &str = "Start again";
    pub const PAUSE: &str = "Pause";
    pub const RESUME: &str = "Resume";
    pub const PAUSED: &str = "Paused. Resume whenever you're ready.";
    pub const FINISHED: &str =
        "That's the whole exercise. If you like, say how numb you feel now, then press Done.";
}

/// What the hosted pages (your people, one exchange, Account) say on their
/// own.
pub mod hosted {
    pub const ACCEPTED: &str =
        "You are connected. Below is what you share with them; change it whenever you like.";
    pub const REVOKED: &str =
        "Ended. From now on neither of you sees anything of the other's here.";
    pub const NOTE_SENT: &str = "Sent. They will see it when they next look.";
    pub const SHARING_SAVED: &str = "Saved. From now on they see only what is ticked.";
    pub const SETTINGS_SAVED: &str = "Saved. Days now begin and end in your time zone.";
    pub const PASSWORD_CHANGED: &str =
        "Your password is changed. Anywhere else you were signed in is signed out.";
    pub const TOTP_ON: &str =
        "The second step is on. When you sign in, Thaw asks for a code from your app too.";
    pub const TOTP_OFF: &str = "The second step is off. Your password alone signs you in.";
    pub const TOKEN_REVOKED: &str =
        "The token is revoked. Anything that used it can no longer reach your data.";

    pub const INVITE_SEES: &str = "By default they see your latest check-in of the day (mood, numbness and energy) and your small plan for the day.";
    pub const INVITE_NEVER: &str = "They never see your journal, check-up results or patterns unless you choose to share them, and never anything from a safety check or your safety plan. Either of you can end it at any time.";
    pub const NOTHING_SHARED: &str = "nothing right now";

    pub const REVOKE_CONFIRM: &str = "tick the box to confirm; ending it takes effect at once";
    pub const DELETE_CONFIRM: &str =
        "tick the box to confirm that everything of yours here is deleted, at once";
}
