//! Writing to the terminal: JSON for scripts, words for people, colour
//! only on a terminal and never when `NO_COLOR` is set.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

/// Where and how a command prints.
pub struct Out {
    pub json: bool,
    color: bool,
}

impl Out {
    pub fn new(json: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            json,
            color: !json && !no_color && io::stdout().is_terminal(),
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
        writeln!(io::stdout().lock(), "{}", text.as_ref())
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
