//! `thaw`: the command line. The only crate that knows the terminal.
//!
//! It parses what a person typed ([`cli`]), calls a use case in
//! `thaw-app`, and prints the answer ([`out`]) as words for people or as
//! JSON for scripts. Every failure is mapped here, in one place, to an
//! exit status: 2 for input the person can fix (nothing is written), 1
//! for anything else, 0 when a reader closed the pipe early.
//!
//! Commands live in [`cmd`], one file each; the sentences they say live
//! in [`words`].

mod ask;
mod cli;
mod cmd;
mod out;
mod passphrase;
mod words;

use std::io;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use thaw_app::{AppError, DataDir, Thaw};
use thaw_core::{Clock, InputError, SystemClock};

use crate::cli::{Cli, Command};
use crate::out::Out;

/// Why a command did not finish.
#[derive(Debug)]
pub enum Failure {
    /// Something the person typed or gave (exit 2).
    Input(InputError),
    /// A failure of ours or of the machine (exit 1).
    App(AppError),
    /// Writing or reading the terminal failed (exit 1; a closed pipe is 0).
    Io(io::Error),
    /// The command has already said what is wrong (exit 1, nothing more).
    Reported,
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::Input(e)
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Input(e) => Failure::Input(e),
            other => Failure::App(other),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// What every command gets: where the data is, how to print, the clock.
pub struct Ctx {
    pub data: DataDir,
    pub out: Out,
    pub clock: Arc<dyn Clock>,
}

impl Ctx {
    /// Opens the data folder, saying hello on the very first use.
    pub fn open(&self) -> Result<Thaw, Failure> {
        let first = self.data.is_new();
        let thaw = self.data.open()?;
        if first {
            // The same three lines as the start screen's welcome, on
            // stderr so a command's own output stays clean.
            out::note(words::WELCOME_WHAT);
            out::note(format!(
                "{} {}.",
                words::WELCOME_WHERE,
                self.data.root().display()
            ));
            out::note(words::WELCOME_PRIVATE);
        }
        Ok(thaw)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Input(e)) => {
            out::note(format!(
                "thaw: {}. {}",
                describe_input(&e),
                words::NOTHING_SAVED
            ));
            ExitCode::from(2)
        }
        Err(Failure::App(e)) => {
            out::note(format!("thaw: {e}"));
            ExitCode::from(1)
        }
        Err(Failure::Io(e)) => {
            out::note(format!("thaw: {e}"));
            ExitCode::from(1)
        }
        Err(Failure::Reported) => ExitCode::from(1),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    // These need no data folder.
    match &cli.command {
        Some(Command::Completions { shell }) => return cmd::docs::completions(*shell),
        Some(Command::Man { dir }) => return cmd::docs::man(dir.as_deref()),
        _ => {}
    }
    let ctx = Ctx {
        data: DataDir::resolve(cli.data_dir.as_deref())?.with_passphrase(passphrase::source()),
        out: Out::new(cli.json, cli.plain),
        clock: Arc::new(SystemClock),
    };
    let Some(command) = cli.command else {
        return cmd::start::show(&ctx);
    };
    match command {
        Command::Checkin(args) => cmd::checkin::record(&ctx, args),
        Command::Checkins(args) => cmd::checkin::list(&ctx, args),
        Command::Feelings => cmd::feelings::show(&ctx),
        Command::Journal(journal) => cmd::journal::run(&ctx, journal),
        Command::Screen(args) => cmd::screen::run(&ctx, args),
        Command::HelpNow => cmd::safety::help_now(&ctx),
        Command::SafetyPlan { action } => {
            cmd::safety::plan(&ctx, thaw_core::plan::PlanKind::Safety, action)
        }
        Command::RelapsePlan { action } => {
            cmd::safety::plan(&ctx, thaw_core::plan::PlanKind::Relapse, action)
        }
        Command::Activity { action } => cmd::activity::run(&ctx, action),
        Command::Activities => cmd::activity::list(&ctx),
        Command::Today { energy, date } => {
            cmd::today::run(&ctx, energy.as_deref(), date.as_deref())
        }
        Command::Ground {
            technique,
            no_tui,
            before,
            after,
            pace,
        } => cmd::ground::run(
            &ctx,
            cmd::ground::Asked {
                technique: &technique,
                no_tui,
                before: before.as_deref(),
                after: after.as_deref(),
                pace: pace.as_deref(),
            },
        ),
        Command::Plan { action } => cmd::week::run(&ctx, action),
        Command::Values { action } => cmd::values::run(&ctx, action),
        Command::Social { action } => cmd::social::run(&ctx, action),
        Command::Wins { action } => cmd::wins::run(&ctx, action),
        Command::Selfcare { action } => cmd::selfcare::run(&ctx, action),
        Command::Week(args) => cmd::review::week(&ctx, args),
        Command::Month(args) => cmd::review::month(&ctx, args),
        Command::Insights(args) => cmd::insights::run(&ctx, args),
        Command::Import(args) => cmd::transfer::import(&ctx, args),
        Command::Export(args) => cmd::transfer::export(&ctx, args),
        Command::Report(args) => cmd::report::run(&ctx, args),
        Command::Backup { file } => cmd::backup::backup(&ctx, &file),
        Command::Restore { file } => cmd::backup::restore(&ctx, &file),
        Command::Forget {
            everything: _,
            backups,
            yes,
        } => cmd::backup::forget(&ctx, backups, yes),
        Command::Encrypt { change } => cmd::encrypt::encrypt(&ctx, change),
        Command::Decrypt => cmd::encrypt::decrypt(&ctx),
        Command::Migrate { database_url } => cmd::serve::migrate(&ctx, &database_url),
        Command::Serve(args) => cmd::serve::run(&ctx, args),
        Command::Config { action } => cmd::config::run(&ctx, action),
        Command::Doctor => cmd::doctor::run(&ctx),
        Command::Completions { .. } | Command::Man { .. } => Ok(()),
    }
}

/// An input error in the command line's terms: flags as `--flag`.
fn describe_input(e: &InputError) -> String {
    const FLAGS: &[&str] = &[
        "mood",
        "numbness",
        "energy",
        "pleasure",
        "connection",
        "feel",
        "trigger",
        "note",
        "plan",
        "at",
        "from",
        "to",
        "search",
        "tag",
        "addr",
        "answers",
        "until",
        "days",
        "every",
        "time",
        "small",
        "minimal",
        "expect",
        "value",
        "tier",
        "status",
        "predicted",
        "actual",
        "date",
        "why",
        "difficulty",
        "comfort",
        "skip",
        "before",
        "after",
        "pace",
        "out",
        "mood-map",
    ];
    let name = if FLAGS.contains(&e.field.as_str()) {
        format!("--{}", e.field)
    } else {
        e.field.clone()
    };
    format!("{name} {:?}: {}", e.value, e.allowed)
}
