//! Every sentence the full-screen exercise shows, in one place, so the
//! voice can be read (and later translated) together: short, calm,
//! never blaming.

pub const ASK_BEFORE: &str = "How numb do you feel right now? 0–10, Enter to skip";
pub const ASK_AFTER: &str = "And now? How numb do you feel? 0–10, Enter to skip";
pub const SCALE: &str = "0 = feelings fully present · 10 = completely numb";
pub const RATING_AGAIN: &str = "That needs a whole number from 0 to 10, or Enter to skip.";
pub const FINISHED: &str = "That's the whole exercise. Thank you for staying with it.";

pub const PAUSED: &str = "Paused — space to go on";
pub const TYPE_HERE: &str = "Type what you notice, if you like (it stays on this screen only).";

pub const HINT_STEP: &str = "space pause · enter next · q quit";
pub const HINT_TYPING: &str = "type what you notice · enter next · tab pause · esc quit";
pub const HINT_PAUSED: &str = "space go on · q quit";
pub const HINT_RATING: &str = "type 0–10, then enter · enter alone skips · q quit";

/// The seconds left in a step, as a line under its words.
pub fn seconds_left(seconds: u32) -> String {
    if seconds == 1 {
        "1 second".to_owned()
    } else {
        format!("{seconds} seconds")
    }
}

/// Minutes and seconds, like `1:05`.
pub fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

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

    #[test]
    fn times_read_as_a_clock() {
        assert_eq!(super::clock(65), "1:05");
        assert_eq!(super::seconds_left(1), "1 second");
    }
}
