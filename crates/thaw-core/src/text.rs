//! Cleaning free text a person typed: labels (a sensation, a trigger, a
//! tag) and longer text (a note, a plan, a journal entry).

use crate::error::InputError;

/// Longest label (sensation, trigger, tag), in characters.
pub const LABEL_MAX: usize = 200;
/// Longest note or plan, in characters.
pub const NOTE_MAX: usize = 10_000;
/// Longest journal entry, in characters.
pub const JOURNAL_MAX: usize = 100_000;

/// A short label: trimmed, inner whitespace collapsed, not empty, not too
/// long, no control characters.
pub fn label(field: &str, raw: &str) -> Result<String, InputError> {
    let cleaned = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        return Err(InputError::new(
            field,
            raw,
            "write a few words, or leave it out",
        ));
    }
    if cleaned.chars().count() > LABEL_MAX {
        return Err(InputError::new(
            field,
            raw,
            format!("keep it under {LABEL_MAX} characters"),
        ));
    }
    if cleaned.chars().any(char::is_control) {
        return Err(InputError::new(
            field,
            raw,
            "use plain text without control characters",
        ));
    }
    Ok(cleaned)
}

/// Labels, cleaned and without repeats (compared without case), in the
/// order given.
pub fn labels(field: &str, raw: &[String]) -> Result<Vec<String>, InputError> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for item in raw {
        let l = label(field, item)?;
        if !out.iter().any(|o| o.to_lowercase() == l.to_lowercase()) {
            out.push(l);
        }
    }
    Ok(out)
}

/// Optional longer text: trimmed; blank becomes `None`.
pub fn optional_text(
    field: &str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>, InputError> {
    let Some(raw) = raw else { return Ok(None) };
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > max {
        return Err(InputError::new(
            field,
            raw,
            format!("keep it under {max} characters"),
        ));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(InputError::new(
            field,
            raw,
            "use plain text without control characters",
        ));
    }
    Ok(Some(trimmed.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_tidied_and_deduplicated() {
        let got = labels(
            "feel",
            &[
                "  I feel   detached ".into(),
                "i feel detached".into(),
                "tired".into(),
            ],
        )
        .unwrap();
        assert_eq!(got, vec!["I feel detached", "tired"]);
    }

    #[test]
    fn empty_and_overlong_labels_are_refused() {
        assert_eq!(label("trigger", "   ").unwrap_err().field, "trigger");
        assert!(label("trigger", &"x".repeat(LABEL_MAX + 1)).is_err());
        assert!(label("trigger", "a\u{7}b").is_err());
    }

    #[test]
    fn blank_text_is_none_and_newlines_are_kept() {
        assert_eq!(optional_text("note", Some("  "), NOTE_MAX).unwrap(), None);
        assert_eq!(
            optional_text("note", Some(" a\nb "), NOTE_MAX)
                .unwrap()
                .as_deref(),
            Some("a\nb")
        );
        assert!(optional_text("note", Some("\u{0}"), NOTE_MAX).is_err());
    }
}
