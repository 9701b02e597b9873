//! Writing to the terminal: JSON for scripts, words for people, colour
//! only on a terminal and never when `NO_COLOR` is set.
//!
//! `--plain` (or `THAW_PLAIN=1`) is for screen readers: no colour, and
//! every line goes through [`plainly`], which turns the marks people see
//! at a glance (✓, bullets, arrows) into words or nothing. Commands that
//! animate (the grounding view, progress bars) look at [`Out::plain`].

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

/// Where and how a command prints.
pub struct Out {
    pub json: bool,
    /// Plain output for screen readers: no colour, no symbols, no animation.
    pub plain: bool,
    color: bool,
}

impl Out {
    pub fn new(json: bool, plain: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            json,
            plain,
            color: !json && !plain && !no_color && io::stdout().is_terminal(),
        }
    }

    /// Prints `value` as the one JSON document of this command.
    pub fn json<T: Serialize>(&self, value: &T) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        // A reader that closed the pipe early stays a closed pipe (exit 0).
        serde_json::to_writer_pretty(&mut stdout, value).map_err(|e| match e.io_error_kind() {
            Some(kind) => io::Error::from(kind),
            None => io::Error::other(e),
        })?;
        writeln!(stdout)
    }

    /// Prints one line for people.
    pub fn line(&self, text: impl AsRef<str>) -> io::Result<()> {
        let text = text.as_ref();
        if self.plain {
            writeln!(io::stdout().lock(), "{}", plainly(text))
        } else {
            writeln!(io::stdout().lock(), "{text}")
        }
    }

    /// Text in a soft emphasis (bold), when colour is on.
    pub fn strong(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Quieter text (dim), when colour is on.
    pub fn quiet(&self, text: &str) -> String {
        self.paint("2", text)
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// A note on stderr (never mixed into stdout, so `--json` stays clean).
pub fn note(text: impl AsRef<str>) {
    // If stderr is gone there is nobody to tell.
    let _ = writeln!(io::stderr().lock(), "{}", text.as_ref());
}

/// A line as a screen reader should hear it: "✓" becomes "done:", a
/// middle dot between words ("mood 4 · numbness 7") a comma, an arrow
/// "to"; bullets and decorations go. Letters, digits and ordinary
/// punctuation are left alone.
pub fn plainly(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let between_words =
            || out.ends_with(' ') && !out.ends_with("  ") && out.trim_end().chars().count() > 0;
        match c {
            '·' if between_words() && chars.peek() == Some(&' ') => {
                out.pop();
                out.push(',');
            }
            '→' if between_words() => out.push_str("to"),
            '✓' => {
                out.push_str("done");
                if chars.peek() == Some(&' ') {
                    out.push(':');
                }
            }
            '·' | '♡' | '→' => {
                if chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            '›' => out.push('>'),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plainly;

    #[test]
    fn plain_lines_carry_words_instead_of_symbols() {
        assert_eq!(plainly("  08:00  ✓ walk"), "  08:00  done: walk");
        assert_eq!(plainly("  · I feel detached"), "  I feel detached");
        assert_eq!(plainly("mood 4 · numbness 7"), "mood 4, numbness 7");
        assert_eq!(
            plainly("  ♡ Mon  tea (connection)"),
            "  Mon  tea (connection)"
        );
        assert_eq!(plainly("30 → 60"), "30 to 60");
        assert_eq!(plainly("Saved — thank you…"), "Saved — thank you…");
    }

    #[test]
    fn nothing_a_plain_line_keeps_is_outside_ordinary_text() {
        let shown = plainly("✓ · ♡ › → ·x");
        assert!(shown.is_ascii(), "{shown}");
    }
}
