//! `thaw completions SHELL` and `thaw man`: generated from the command
//! definitions in [`crate::cli`], so they never fall behind them.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;
use roff::{Roff, roman};
use thaw_app::AppError;

use crate::Failure;
use crate::cli::{Cli, CompletionShell};

pub fn completions(shell: CompletionShell) -> Result<(), Failure> {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut command = Cli::command();
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut command, "thaw", &mut text);
    io::stdout().lock().write_all(&text)?;
    Ok(())
}

/// Prints `thaw.1`, or writes it and one page per command (and
/// subcommand: `thaw-activity-add.1`) into `dir`.
pub fn man(dir: Option<&Path>) -> Result<(), Failure> {
    let mut command = Cli::command()
        .version(crate::cli::VERSION)
        .disable_help_subcommand(true);
    let Some(dir) = dir else {
        let mut page = Vec::new();
        page_of(command).render(&mut page)?;
        io::stdout().lock().write_all(&page)?;
        return Ok(());
    };
    // Building gives each subcommand its page name ("thaw-checkin").
    command.build();
    fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let written = write_pages(command, dir)?;
    crate::out::note(format!(
        "Wrote {written} manual pages to {}. If it is on your MANPATH: man thaw",
        dir.display()
    ));
    Ok(())
}

fn write_pages(command: clap::Command, dir: &Path) -> Result<usize, Failure> {
    let mut written = 0;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        written += write_pages(sub.clone(), dir)?;
    }
    let page = page_of(command);
    let path = dir.join(page.get_filename());
    page.generate_to(dir).map_err(|e| io_error(&path, e))?;
    Ok(written + 1)
}

/// One manual page: clap_mangen's sections, then the examples from the
/// command's help, and for `thaw` itself the environment, files and exit
/// status.
struct Page {
    man: clap_mangen::Man,
    command: clap::Command,
    top: bool,
}

fn page_of(command: clap::Command) -> Page {
    let top = command.get_name() == "thaw";
    let man = clap_mangen::Man::new(command.clone())
        .date(env!("THAW_COMMIT_DATE"))
        .source(concat!("thaw ", env!("CARGO_PKG_VERSION")))
        .manual("Thaw");
    Page { man, command, top }
}

impl Page {
    fn get_filename(&self) -> String {
        self.man.get_filename()
    }

    fn generate_to(&self, dir: &Path) -> io::Result<()> {
        let mut page = Vec::new();
        self.render(&mut page)?;
        fs::write(dir.join(self.get_filename()), page)
    }

    fn render(&self, w: &mut dyn Write) -> io::Result<()> {
        let man = &self.man;
        man.render_title(w)?;
        man.render_name_section(w)?;
        man.render_synopsis_section(w)?;
        man.render_description_section(w)?;
        if self.command.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(w)?;
        }
        if self.command.has_subcommands() {
            man.render_subcommands_section(w)?;
        }
        let mut roff = Roff::new();
        if let Some(after) = self.command.get_after_help() {
            section(&mut roff, "EXAMPLES", &after.to_string());
        }
        if self.top {
            for (title, text) in TOP_SECTIONS {
                section(&mut roff, title, text);
            }
        }
        roff.to_writer(w)?;
        if self.command.get_version().is_some() {
            man.render_version_section(w)?;
        }
        Ok(())
    }
}

/// The sections only `thaw(1)` has.
const TOP_SECTIONS: [(&str, &str); 3] = [
    (
        "ENVIRONMENT",
        "THAW_DATA_DIR     the data folder (--data-dir wins)\n\
THAW_PASSPHRASE   the passphrase of an encrypted folder (else asked)\n\
THAW_PLAIN=1      plain output, as --plain\n\
NO_COLOR          no colour\n\
EDITOR            the editor for journal entries and plans\n\
THAW_DATABASE_URL the database of a hosted server (thaw serve --multi-user)",
    ),
    (
        "FILES",
        "DATA/thaw.db       everything you record (SQLite; encrypted after thaw encrypt)\n\
DATA/config.toml   your settings (thaw config)\n\
DATA/backups.txt   the backups thaw backup made\n\
DATA is $THAW_DATA_DIR, else $XDG_DATA_HOME/thaw (~/.local/share/thaw).",
    ),
    (
        "EXIT STATUS",
        "0  done\n\
1  something went wrong that is not your input; the message says what to do\n\
2  the input was not usable; the message names the field, the value and what is allowed, and nothing was saved",
    ),
];

/// A section of preformatted lines ("Examples:" headings dropped).
fn section(roff: &mut Roff, title: &str, text: &str) {
    roff.control("SH", [title]);
    roff.control("nf", []);
    for line in text.lines() {
        if line.trim_end().ends_with("Examples:") || line.trim_end() == "Example:" {
            continue;
        }
        roff.text([roman(line)]);
        roff.control("br", []);
    }
    roff.control("fi", []);
}

fn io_error(path: &Path, source: io::Error) -> Failure {
    Failure::App(AppError::Io {
        what: format!("could not write {}", path.display()),
        source,
    })
}
