//! The command-line surface: every command, flag and help text. The names
//! here are a contract (`shared/spec/cli.md`); add freely, rename never.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "thaw",
    version = VERSION,
    about = "Notice emotional numbness, see your patterns, and re-engage with life in small, kind steps.",
    long_about = "Thaw helps you notice emotional numbness, see your own patterns, and re-engage \
with life at your own pace. Everything stays on this machine, in your data folder.\n\n\
Thaw is not a replacement for professional care.",
    after_help = "Examples:\n  thaw                   (today at a glance, and what might help next)\n  thaw checkin --mood 4 --numbness 7 --feel \"I feel detached\"\n  thaw checkins --from 2026-03-01\n  thaw journal \"A small thing I noticed today\" --tag outside\n  thaw feelings"
)]
pub struct Cli {
    /// Where your data lives (default: $THAW_DATA_DIR, else your user data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print one JSON document on stdout instead of words for people.
    #[arg(long, global = true)]
    pub json: bool,

    /// Plain output for screen readers: no colour, symbols or box drawing, no animation.
    #[arg(long, global = true, env = "THAW_PLAIN", value_parser = clap::builder::BoolishValueParser::new())]
    pub plain: bool,

    /// Without a command: today at a glance and the next useful steps.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `thaw --version`: the version and the commit it was built from.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("THAW_COMMIT"), ")");

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record how you are right now (every answer is optional).
    #[command(
        allow_negative_numbers = true,
        long_about = "Record how you are right now. Ratings are whole numbers from 0 to 10; every one is optional.\n\
Numbness: 0 = feelings fully present, 10 = completely numb.\n\n\
With no rating flags in a terminal, Thaw asks one short question at a time; press Enter to skip any.",
        after_help = "Examples:\n  thaw checkin\n  thaw checkin --mood 4 --numbness 7 --energy 3 --feel \"I feel detached\" --trigger \"poor sleep\" --plan \"short walk\"\n  thaw checkin --numbness 8 --at \"2026-03-01 22:30\""
    )]
    Checkin(CheckinArgs),

    /// List your check-ins, oldest first.
    #[command(
        after_help = "Examples:\n  thaw checkins\n  thaw checkins --from 2026-03-01 --to 2026-03-31\n  thaw --json checkins"
    )]
    Checkins(CheckinsArgs),

    /// Words for how numbness can feel: concrete statements, grouped.
    #[command(
        after_help = "Use any of them with: thaw checkin --feel \"I feel detached\"\nYour own words are always welcome too."
    )]
    Feelings,

    /// Write in your journal (no TEXT: opens your $EDITOR with a prompt), or read it.
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  thaw journal \"Walked past the bakery; the smell reached me\" --tag outside\n  thaw journal --for-therapy\n  thaw journal list --search bakery\n  thaw journal list --for-therapy"
    )]
    Journal(JournalCommand),

    /// A validated questionnaire (PHQ-9, PHQ-8, PHQ-2, GAD-7, WHO-5), or your past results.
    #[command(
        args_conflicts_with_subcommands = true,
        long_about = "Take a validated questionnaire, one question at a time, or give all answers with --answers.\n\
Results describe a range; they are not a diagnosis.\n\n\
Instruments: phq9 (depression), phq8 (depression, without the item on self-harm), phq2 (two quick questions), gad7 (anxiety), who5 (well-being).",
        after_help = "Examples:\n  thaw screen phq9\n  thaw screen gad7 --answers 1,2,1,0,1,2,1\n  thaw screen phq9 --answers 1,1,2,1,0,1,0,0,-     (- declines item 9)\n  thaw screen history phq9"
    )]
    Screen(ScreenCommand),

    /// Crisis lines for your country, right now.
    #[command(after_help = "Set your country for local numbers: thaw config set country GB")]
    HelpNow,

    /// Your safety plan: warning signs, coping, people, professionals, a safer place, reasons for living.
    #[command(
        after_help = "Examples:\n  thaw safety-plan\n  thaw safety-plan edit        (opens $EDITOR, or reads the plan from a pipe)"
    )]
    SafetyPlan {
        #[command(subcommand)]
        action: Option<PlanAction>,
    },

    /// Your relapse plan: early warning signs and your steps back.
    #[command(after_help = "Examples:\n  thaw relapse-plan\n  thaw relapse-plan edit")]
    RelapsePlan {
        #[command(subcommand)]
        action: Option<PlanAction>,
    },

    /// Add an activity (with smaller versions and a schedule), or log doing one.
    #[command(
        after_help = "Examples:\n  thaw activity add walk --small \"walk to the corner\" --minimal \"step outside for a minute\" --every mon,wed,fri --time 08:00\n  thaw activity add \"short walk\"          (from the starter library: its smaller versions come along)\n  thaw activity log walk --tier small --predicted 3 --actual 6"
    )]
    Activity {
        #[command(subcommand)]
        action: ActivityAction,
    },

    /// Your activities with their schedules (and ideas to start with).
    #[command(after_help = "Example:\n  thaw activities")]
    Activities,

    /// Today's plan: activities in the version that fits your energy, self-care, a value action, a grounding idea.
    #[command(
        allow_negative_numbers = true,
        after_help = "Examples:\n  thaw today\n  thaw today --energy 2        (offers the smaller versions)\n  thaw today --date 2026-03-04"
    )]
    Today {
        /// Your energy now, 0–10 (default: today's latest check-in). 4 or less offers smaller versions.
        #[arg(long, value_name = "0-10")]
        energy: Option<String>,
        /// Another day (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },

    /// A guided grounding exercise: slow breaths, three sensations, 5-4-3-2-1, or a body scan.
    #[command(
        allow_negative_numbers = true,
        long_about = "A guided grounding exercise, paced for you, full-screen in the terminal: a breathing \
shape, the words for each step, and a progress bar. Space pauses, Enter moves on when you're ready, q stops \
at any time (what you did is still saved).\n\n\
Numbness is asked before and after (Enter skips); or give it with --before and --after. \
Numbness: 0 = feelings fully present, 10 = completely numb.\n\n\
--no-tui prints each step as a line with its timing, for screen readers and scripts: each step waits \
its time, Enter moves on sooner, q then Enter stops. Without a terminal this happens by itself.",
        after_help = "Examples:\n  thaw ground breaths\n  thaw ground breaths --pace 4-7-8\n  thaw ground senses --no-tui --before 7 --after 5\n  thaw ground 54321\n  thaw ground body-scan"
    )]
    Ground {
        /// breaths (five slow breaths), senses (three physical sensations), 54321 (5-4-3-2-1 senses) or body-scan (about five minutes).
        #[arg(value_name = "TECHNIQUE")]
        technique: String,
        /// Print the steps as timed lines instead of the full-screen view (for screen readers and scripts).
        #[arg(long)]
        no_tui: bool,
        /// Numbness before, 0 (feelings fully present) to 10 (completely numb); not asked when given.
        #[arg(long, value_name = "0-10")]
        before: Option<String>,
        /// Numbness after, 0–10; not asked when given.
        #[arg(long, value_name = "0-10")]
        after: Option<String>,
        /// Breathing pace in seconds, in-hold-out, like 4-7-8 (breaths only; default 4-4-6).
        #[arg(long, value_name = "IN-HOLD-OUT")]
        pace: Option<String>,
    },

    /// Plan a week: a few activities on regular days, proposed for you to accept or adjust.
    #[command(
        after_help = "Examples:\n  thaw plan week                       (in a terminal: asks about each one)\n  thaw plan week --accept\n  thaw plan week --accept --skip \"short walk\" --days \"stretch=tue,thu\" --time \"stretch=18:30\""
    )]
    Plan {
        #[command(subcommand)]
        action: PlanCommand,
    },

    /// Your core values (up to three) and the small things you do for them.
    #[command(
        after_help = "Examples:\n  thaw values add connection --why \"people keep me warm\"\n  thaw values\n  thaw values act connection \"called my sister\"\n  thaw values remove connection"
    )]
    Values {
        #[command(subcommand)]
        action: Option<ValuesAction>,
    },

    /// The social ladder: small social steps, easiest first, and how trying them felt.
    #[command(
        after_help = "Difficulty and comfort are 0 to 100.\n\nExamples:\n  thaw social add \"text a friend\" --difficulty 20\n  thaw social try \"text a friend\" --comfort 60\n  thaw social"
    )]
    Social {
        #[command(subcommand)]
        action: Option<SocialAction>,
    },

    /// Small wins: write one down; look back gently on the week.
    #[command(
        after_help = "Examples:\n  thaw wins add \"made tea and drank it while warm\"\n  thaw wins"
    )]
    Wins {
        #[command(subcommand)]
        action: Option<WinsAction>,
    },

    /// A gentle look back at the week: check-ins, what went a little better, wins, one idea for next week.
    #[command(
        long_about = "A gentle look back at the seven days ending today (or on --until), in your time zone: \
how many days had a check-in, mood, numbness and energy against the week before (only when both weeks have \
check-ins; small differences are called about the same), your wins, what you did for your values, your \
activities in any size (skipped is information, never a failure), grounding with numbness before and after, \
and one small suggestion for next week drawn from your patterns.",
        after_help = "Examples:\n  thaw week\n  thaw week --until 2026-03-29\n  thaw --json week"
    )]
    Week(ReviewArgs),

    /// Look how far you've come: the last 30 days beside the 30 before, and your first win.
    #[command(
        long_about = "Look how far you've come: the 30 days ending today (or on --until) beside the 30 days \
before them (or the days since your first check-in): days with a check-in, wins, activities done, things done \
for your values, grounding, mood and numbness then and now, and your first win beside the latest.",
        after_help = "Examples:\n  thaw month\n  thaw month --until 2026-03-31\n  thaw --json month"
    )]
    Month(ReviewArgs),

    /// Self-care anchors (sleep, meals, movement, social contact, hydration, sunlight) and their reminders.
    #[command(
        after_help = "Examples:\n  thaw selfcare\n  thaw selfcare add hydration --every daily --time 10:00\n  thaw selfcare done hydration"
    )]
    Selfcare {
        #[command(subcommand)]
        action: Option<SelfcareAction>,
    },

    /// Your patterns: numbness spikes and trend, what goes with better days, what helps.
    #[command(
        long_about = "Patterns over the last N days (default 90): when numbness spikes against your own usual level, \
whether it is slowly rising or easing, which activities and triggers go with better or harder days, which grounding \
exercises help, and how enjoyment compares with what you expected. Patterns that go together, never proof of a cause.",
        after_help = "Examples:\n  thaw insights\n  thaw insights --days 30\n  thaw insights --days 180 --until 2026-03-01 --chart numbness.svg\n  thaw --json insights"
    )]
    Insights(InsightsArgs),

    /// Bring data in from a file (importing the same file twice adds nothing).
    #[command(
        after_help = "Examples:\n  thaw import json thaw-export.json --dry-run\n  thaw import json thaw-export.json\n  thaw import daylio daylio_export.csv --dry-run\n  thaw import daylio daylio_export.csv --mood-map \"irritable=3\" --mood-map \"fine=6\"\n  thaw import bearable bearable-export.csv\n  thaw import emoods entry.csv\n  thaw import jrnl journal.json          (made with: jrnl --export json > journal.json)\n\nTimes in the file are read in your time zone (thaw config set timezone ZONE).\nDaylio moods: awful 1, bad 3, meh 5, good 7, rad 9 on Thaw's 0-10 scale; map your own labels with --mood-map."
    )]
    Import(ImportArgs),

    /// Write all your data to a file.
    #[command(
        after_help = "Examples:\n  thaw export json --out thaw-export.json\n  thaw export json --out - | less\n  thaw export ics --out thaw.ics          (open it with your calendar app)\n  thaw export csv --out thaw-csv/         (a folder: one file per table)\n  thaw export fhir --out thaw-fhir.json   (for a clinic's health record)"
    )]
    Export(ExportArgs),

    /// Write a one- to two-page report to bring to your clinician (HTML or PDF).
    #[command(
        long_about = "A report a clinician can read in two minutes: the period and how many days have a check-in, \
mood and numbness over time with spikes and the trend, your screener scores with their ranges and reliable change, \
what helped and what did not (with how many days it is based on), journal entries you marked for therapy, and whether \
you have a safety plan. Its content is included only with --with-safety-plan. The format follows the file name: \
.pdf or .html (which prints cleanly).",
        after_help = "Examples:\n  thaw report --out report.pdf\n  thaw report --out report.html --from 2026-01-01 --to 2026-03-31\n  thaw report --out report.pdf --with-safety-plan"
    )]
    Report(ReportArgs),

    /// Write a backup of everything to one file (safe while the web app runs).
    #[command(
        after_help = "Examples:\n  thaw backup ~/thaw-2026-11-25.backup\n  thaw restore ~/thaw-2026-11-25.backup"
    )]
    Backup {
        /// The backup file to write (it must not exist yet).
        file: PathBuf,
    },

    /// Put a backup back in place (checked first; the current data is kept beside it).
    #[command(after_help = "Example:\n  thaw restore ~/thaw-2026-11-25.backup")]
    Restore {
        /// A file written by `thaw backup`.
        file: PathBuf,
    },

    /// Encrypt your data folder with a passphrase (or change the passphrase).
    #[command(
        long_about = "Encrypt your data folder with a passphrase. From then on Thaw asks for it \
(or reads THAW_PASSPHRASE) whenever it opens your data, and the database file holds no readable \
text. Keep the passphrase safe: without it nobody can open your data, not even you.\n\n\
The passphrase comes from THAW_PASSPHRASE, or Thaw asks for it twice in a terminal. \
It must be at least 8 characters; a few words you will remember work well.",
        after_help = "Examples:\n  thaw encrypt\n  THAW_PASSPHRASE='correct horse battery' thaw encrypt\n  thaw encrypt --change        (new passphrase from a prompt or THAW_NEW_PASSPHRASE)\n  thaw decrypt                 (turn encryption off)"
    )]
    Encrypt {
        /// Change the passphrase of an already encrypted folder.
        #[arg(long)]
        change: bool,
    },

    /// Turn encryption off again (asks for the passphrase).
    #[command(after_help = "Example:\n  thaw decrypt")]
    Decrypt,

    /// Delete all your data from this machine, after you confirm.
    #[command(
        after_help = "Examples:\n  thaw forget --everything\n  thaw forget --everything --backups     (also the backup files Thaw made)"
    )]
    Forget {
        /// Everything: check-ins, journal, plans, activities, settings.
        #[arg(long, required = true)]
        everything: bool,
        /// Also delete the backup files `thaw backup` made.
        #[arg(long)]
        backups: bool,
        /// Don't ask (for scripts).
        #[arg(long)]
        yes: bool,
    },

    /// Open Thaw in your browser: a private web app on this computer.
    #[command(
        long_about = "Start the web app on this computer. It listens only on this machine (127.0.0.1), prints a \
link that works once, and opens your browser. Nothing is reachable from the network.",
        after_help = "Examples:\n  thaw serve\n  thaw serve --no-open --addr 127.0.0.1:8080"
    )]
    Serve(ServeArgs),

    /// Bring a hosted database's schema up to date, then exit (thaw serve also does it at start).
    #[command(
        after_help = "Example:\n  thaw migrate --database-url postgres://thaw@127.0.0.1/thaw\n\nSafe while servers run: on PostgreSQL migrations take turns under a lock."
    )]
    Migrate {
        /// The database: postgres://… or sqlite://PATH.
        #[arg(
            long,
            value_name = "URL",
            env = "THAW_DATABASE_URL",
            hide_env_values = true
        )]
        database_url: String,
    },

    /// Read or change a setting (timezone, country).
    #[command(
        after_help = "Examples:\n  thaw config get\n  thaw config set timezone Europe/Berlin\n  thaw config set country DE"
    )]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },

    /// Check the health of your data folder: the database, settings, disk space, backups.
    #[command(
        long_about = "Check the health of your data folder and say what to do about anything found: \
the folder's permissions, the settings file, the database (SQLite's integrity check, its schema version, \
encryption), your time zone, your country and how recently its crisis lines were checked, free disk space \
and backups. It only reads; it changes nothing.\n\n\
Exit status: 0 when nothing needs fixing (notes are fine), 1 when something does.",
        after_help = "Examples:\n  thaw doctor\n  thaw --json doctor"
    )]
    Doctor,

    /// Print shell completions: bash, zsh or fish.
    #[command(
        after_help = "Load them now, or keep them:\n  source <(thaw completions bash)\n  thaw completions bash > ~/.local/share/bash-completion/completions/thaw\n  thaw completions zsh > ~/.zfunc/_thaw          (with fpath+=~/.zfunc before compinit)\n  thaw completions fish > ~/.config/fish/completions/thaw.fish"
    )]
    Completions {
        /// bash, zsh or fish.
        #[arg(value_name = "SHELL")]
        shell: CompletionShell,
    },

    /// Print the manual page (or write one page per command into a folder).
    #[command(
        after_help = "Examples:\n  thaw man | man -l -\n  thaw man --dir ~/.local/share/man/man1      (then: man thaw, man thaw-checkin)"
    )]
    Man {
        /// Write thaw.1 and a thaw-COMMAND.1 page for each command into DIR.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The shells `thaw completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// Mood, 0 (very low) to 10 (very good).
    #[arg(long, value_name = "0-10")]
    pub mood: Option<String>,
    /// Numbness, 0 (feelings fully present) to 10 (completely numb).
    #[arg(long, value_name = "0-10")]
    pub numbness: Option<String>,
    /// Energy, 0 (none) to 10 (plenty).
    #[arg(long, value_name = "0-10")]
    pub energy: Option<String>,
    /// Pleasure or interest in things, 0 (none) to 10 (a lot).
    #[arg(long, value_name = "0-10")]
    pub pleasure: Option<String>,
    /// Connection to people, 0 (cut off) to 10 (close).
    #[arg(long, value_name = "0-10")]
    pub connection: Option<String>,
    /// A named sensation, from `thaw feelings` or your own words (repeatable).
    #[arg(long = "feel", value_name = "TEXT")]
    pub feel: Vec<String>,
    /// Something that may have set it off, like "poor sleep" (repeatable).
    #[arg(long, value_name = "TAG")]
    pub trigger: Vec<String>,
    /// A note in your own words.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// A small plan for the day.
    #[arg(long, value_name = "TEXT")]
    pub plan: Option<String>,
    /// When (default now): 2026-03-01T08:30:00+01:00 or a local "2026-03-01 08:30".
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct ScreenCommand {
    #[command(subcommand)]
    pub history: Option<ScreenHistory>,
    /// phq9, phq8, phq2, gad7 or who5.
    #[arg(value_name = "INSTRUMENT")]
    pub instrument: Option<String>,
    /// All answers at once, separated by commas (PHQ-9 item 9 may be - to decline).
    #[arg(long, value_name = "A,B,C…", allow_hyphen_values = true)]
    pub answers: Option<String>,
    /// When (default now).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ScreenHistory {
    /// Your past results, oldest first, with changes that are larger than noise.
    History {
        /// Only this instrument.
        instrument: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// Show the plan (the default).
    Show,
    /// Edit it in $EDITOR (or pipe the text in).
    Edit,
}

#[derive(Debug, Subcommand)]
pub enum ActivityAction {
    /// Add an activity, or change the one with this name.
    Add {
        /// Its name, like "walk" or "coffee with a friend".
        name: String,
        /// A smaller version for lower-energy days.
        #[arg(long, value_name = "TEXT")]
        small: Option<String>,
        /// The smallest version, for the hardest days.
        #[arg(long, value_name = "TEXT")]
        minimal: Option<String>,
        /// A tiny, doable expectation, like "notice one small detail".
        #[arg(long, value_name = "TEXT")]
        expect: Option<String>,
        /// A value it serves (repeatable).
        #[arg(long, value_name = "V")]
        value: Vec<String>,
        /// How often: daily, weekdays, mon,wed,fri, or an RRULE.
        #[arg(long, value_name = "RRULE_OR_SHORTHAND")]
        every: Option<String>,
        /// A time of day, HH:MM, in your time zone.
        #[arg(long, value_name = "HH:MM")]
        time: Option<String>,
    },
    /// Log doing it (or not: skipped is information, never a failure).
    #[command(allow_negative_numbers = true)]
    Log {
        name: String,
        /// full, small or minimal.
        #[arg(long, value_name = "TIER")]
        tier: Option<String>,
        /// done, partial or skipped.
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// How much you expected to enjoy it, 0–10.
        #[arg(long, value_name = "0-10")]
        predicted: Option<String>,
        /// How much you did enjoy it, 0–10.
        #[arg(long, value_name = "0-10")]
        actual: Option<String>,
        /// When (default now).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Propose this week's schedule, then accept or adjust it.
    Week {
        /// Accept the proposal (with any --skip, --days, --time changes) without asking.
        #[arg(long)]
        accept: bool,
        /// Leave this activity out (repeatable).
        #[arg(long, value_name = "NAME")]
        skip: Vec<String>,
        /// Other days for one activity: NAME=DAYS, like "stretch=tue,thu" (repeatable).
        #[arg(long, value_name = "NAME=DAYS")]
        days: Vec<String>,
        /// Another time for one activity: NAME=HH:MM (repeatable).
        #[arg(long, value_name = "NAME=HH:MM")]
        time: Vec<String>,
        /// Plan the week that holds this day (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ValuesAction {
    /// Choose a core value (up to three), with why it matters.
    Add {
        /// A value like connection, health, creativity, nature, learning, kindness, calm, purpose, play, care, or your own.
        value: String,
        /// Why it matters to you.
        #[arg(long, value_name = "TEXT")]
        why: Option<String>,
    },
    /// Your values, with recent actions (the default).
    List,
    /// Record something you did for a value.
    Act {
        value: String,
        /// What you did.
        text: String,
        /// When (default now).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Let a value go (what you did for it stays).
    Remove { value: String },
}

#[derive(Debug, Subcommand)]
pub enum SocialAction {
    /// Add a step to your ladder, or change its difficulty.
    Add {
        /// The step, like "text a friend".
        step: String,
        /// How hard it feels, 0 (easy) to 100 (very hard).
        #[arg(long, value_name = "0-100")]
        difficulty: String,
    },
    /// Your ladder and a next step (the default).
    List,
    /// Record trying a step, and how comfortable it felt.
    #[command(allow_negative_numbers = true)]
    Try {
        step: String,
        /// How comfortable it felt, 0 (very uneasy) to 100 (at ease).
        #[arg(long, value_name = "0-100")]
        comfort: String,
        /// When (default now).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum WinsAction {
    /// Write down a small win.
    Add {
        text: String,
        /// When (default now).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// This week's look-back and your recent wins (the default).
    List,
}

#[derive(Debug, Subcommand)]
pub enum SelfcareAction {
    /// Your anchors, and which are done today (the default).
    List,
    /// Add an anchor with a reminder, or change one.
    Add {
        /// sleep, meals, movement, social contact, hydration, sunlight, or your own.
        name: String,
        /// How often: daily, weekdays, mon,wed,fri, or an RRULE.
        #[arg(long, value_name = "RRULE_OR_SHORTHAND")]
        every: Option<String>,
        /// A time of day, HH:MM, in your time zone.
        #[arg(long, value_name = "HH:MM")]
        time: Option<String>,
    },
    /// Mark an anchor looked after today.
    Done {
        name: String,
        /// When (default now).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Remove an anchor.
    Remove { name: String },
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The last day to look at (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct InsightsArgs {
    /// How many calendar days to look at.
    #[arg(long, value_name = "N", default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// The last day (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Also write the numbness chart (spikes and trend) as an SVG file.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportFormat {
    /// A Thaw JSON export.
    Json,
    /// Daylio's CSV export (moods by label: see --mood-map).
    Daylio,
    /// Bearable's CSV export (mood, energy, symptoms, factors).
    Bearable,
    /// eMoods' entry.csv (daily mood ratings, sleep, medications, notes).
    Emoods,
    /// jrnl's JSON export (jrnl --export json), as journal entries.
    Jrnl,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The kind of file.
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The file to import.
    pub file: PathBuf,
    /// Show what would be imported, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Give a mood label its number on Thaw's 0-10 scale (repeatable), e.g. "irritable=3".
    #[arg(long = "mood-map", value_name = "LABEL=N")]
    pub mood_map: Vec<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// The Thaw JSON document: everything, lossless.
    Json,
    /// An iCalendar file of your scheduled activities and self-care, with reminders.
    Ics,
    /// A folder of spreadsheet-friendly CSV files, one per kind of record.
    Csv,
    /// A FHIR R4 Bundle for health records: screeners with LOINC codes, daily mood.
    Fhir,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// Where to write (- for standard output).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day of the period (YYYY-MM-DD; default: the 90 days ending on --to).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the period (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Where to write: a file name ending in .pdf or .html.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Include what your safety plan says (by default, only that you have one).
    #[arg(long)]
    pub with_safety_plan: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen. Local mode accepts only this computer's addresses (127.0.0.1, ::1); port 0 picks a free one.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    pub addr: String,
    /// Serve many people with accounts (hosted mode).
    #[arg(long)]
    pub multi_user: bool,
    /// The database for multi-user mode: postgres://… or sqlite://PATH.
    #[arg(
        long,
        value_name = "URL",
        env = "THAW_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// Multi-user: the address people use (https://… turns on Secure cookies and HSTS).
    #[arg(long, value_name = "URL", env = "THAW_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Multi-user: who may create an account: open, invite (with a partner's invite code) or closed.
    #[arg(long, value_name = "WHO", env = "THAW_SIGNUP", default_value = "open")]
    pub signup: String,
    /// Multi-user: minutes an unused session lasts.
    #[arg(
        long,
        value_name = "MINUTES",
        env = "THAW_SESSION_IDLE",
        default_value_t = 30
    )]
    pub session_idle: u64,
    /// Multi-user: hours a session lasts at most.
    #[arg(
        long,
        value_name = "HOURS",
        env = "THAW_SESSION_MAX",
        default_value_t = 12
    )]
    pub session_max: u64,
    /// Multi-user: new accounts allowed per minute from one address.
    #[arg(
        long,
        value_name = "N",
        env = "THAW_MAX_SIGNUPS_PER_MINUTE",
        default_value_t = 10
    )]
    pub max_signups_per_minute: u32,
    /// Multi-user: take client addresses (for rate limiting) from X-Forwarded-For; only behind your own proxy.
    #[arg(long, env = "THAW_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Multi-user: a mail relay for gentle reminder emails (plain SMTP, e.g. smtp://127.0.0.1:25).
    #[arg(
        long,
        value_name = "URL",
        env = "THAW_SMTP_URL",
        requires = "smtp_from"
    )]
    pub smtp_url: Option<String>,
    /// Multi-user: the sender address of those emails.
    #[arg(long, value_name = "ADDRESS", env = "THAW_SMTP_FROM")]
    pub smtp_from: Option<String>,
    /// Don't open a browser; just print the link.
    #[arg(long)]
    pub no_open: bool,
}

#[derive(Debug, Args)]
pub struct CheckinsArgs {
    /// First day to show (YYYY-MM-DD, in your time zone).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day to show (YYYY-MM-DD, in your time zone).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct JournalCommand {
    #[command(subcommand)]
    pub list: Option<JournalList>,
    #[command(flatten)]
    pub write: JournalWrite,
}

#[derive(Debug, Args)]
pub struct JournalWrite {
    /// The entry. Leave it out to write in your $EDITOR (or pipe it in).
    pub text: Option<String>,
    /// A tag to find it by later (repeatable).
    #[arg(long, value_name = "T")]
    pub tag: Vec<String>,
    /// Mark it to bring to therapy.
    #[arg(long)]
    pub for_therapy: bool,
    /// When (default now): 2026-03-01T08:30:00+01:00 or a local "2026-03-01 08:30".
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum JournalList {
    /// Read and search your entries, newest first.
    #[command(
        after_help = "Examples:\n  thaw journal list\n  thaw journal list --search \"bread walk\"\n  thaw journal list --tag outside --for-therapy"
    )]
    List {
        /// Words to find (each must appear; a word's start is enough).
        #[arg(long, value_name = "WORDS")]
        search: Option<String>,
        /// Only entries with this tag.
        #[arg(long, value_name = "T")]
        tag: Option<String>,
        /// Only entries marked for therapy.
        #[arg(long)]
        for_therapy: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Show one setting, or all of them.
    Get {
        /// timezone or country (leave out to see all).
        key: Option<String>,
    },
    /// Change a setting (an empty VALUE goes back to the default).
    Set {
        /// timezone or country.
        key: String,
        /// The new value, like Europe/Berlin or DE.
        value: String,
    },
}
