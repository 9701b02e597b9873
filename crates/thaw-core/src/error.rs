//! The one error type for input a person gave us that we cannot accept.
//!
//! Every [`InputError`] names the field, the value that was given and what
//! is allowed instead, so each interface can show a message that helps
//! (the command line exits 2 with it, the web answers 400 with it).

use std::fmt;

/// Input that was refused: which field, what was given, what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The field's name as people see it (`mood`, `at`, `timezone`, …).
    pub field: String,
    /// What was given, shortened if long.
    pub value: String,
    /// What would be accepted, in plain words.
    pub allowed: String,
}

impl InputError {
    pub fn new(
        field: impl Into<String>,
        value: impl AsRef<str>,
        allowed: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            value: shorten(value.as_ref()),
            allowed: allowed.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {:?} can't be used here; {}",
            self.field, self.value, self.allowed
        )
    }
}

impl std::error::Error for InputError {}

fn shorten(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        let mut short: String = value.chars().take(MAX).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_field_value_and_what_is_allowed() {
        let e = InputError::new("mood", "11", "use a whole number from 0 to 10");
        assert_eq!(
            e.to_string(),
            "mood: \"11\" can't be used here; use a whole number from 0 to 10"
        );
    }

    #[test]
    fn long_values_are_shortened() {
        let e = InputError::new("note", "x".repeat(500), "at most 10000 characters");
        assert!(e.value.chars().count() <= 61);
    }
}
