//! The use cases of Thaw — record a check-in, list check-ins, write and
//! search the journal, change a setting — shared by every interface.
//!
//! The command line (and later the web app) parse what a person typed,
//! call a function here, and show the answer; neither holds a rule of its
//! own. Each use case runs in two steps: a pure `prepare_*` that checks
//! the input and builds the record (so bad input never touches the disk),
//! then a method on [`Thaw`] that stores it.
//!
//! The data folder (settings file and SQLite database) is in
//! [`data_dir`]. Start reading at [`Thaw`].

pub mod accounts;
pub mod activities;
pub mod backup;
pub mod calendar;
pub mod data_dir;
pub mod doctor;
pub mod encryption;
pub mod engage;
pub mod export;
pub mod grounding;
pub mod insights;
pub mod mail;
pub mod partners;
pub mod report;
pub mod review;
pub mod safety;
pub mod start;
pub mod today;
pub mod transfer;
pub mod week;
pub mod words;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use thaw_core::journal::JournalQuery;
use thaw_core::{
    Checkin, CheckinDraft, Clock, InputError, JournalDraft, JournalEntry, Moment, OwnerId,
    Settings, new_id,
};
use thaw_store::{Span, Store, StoreError};

pub use data_dir::DataDir;

/// What can go wrong in a use case. Interfaces map these exhaustively:
/// `Input` is the person's to fix (exit 2, HTTP 400), the rest are ours
/// or the machine's (exit 1, HTTP 500).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "the settings file {path} can't be read: {message}. Fix it by hand, or delete it to go back to the defaults"
    )]
    Settings { path: String, message: String },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the data folder {folder} is encrypted: set THAW_PASSPHRASE, or run thaw in a terminal to be asked for the passphrase"
    )]
    Locked { folder: String },
    #[error("that passphrase does not open {what}. Nothing was changed; try again")]
    WrongPassphrase { what: String },
    /// A request that does not fit the folder's state (encrypting an
    /// encrypted folder); nothing was changed.
    #[error("{0}")]
    Refused(String),
    /// Multi-user mode: not signed in, or the sign-in was not accepted.
    #[error("{0}")]
    Unauthorized(String),
    /// Multi-user mode: nothing of that name that this person may see
    /// (never says whether it exists).
    #[error("there is nothing here")]
    NotFound,
    /// Too many attempts in a short time.
    #[error("too many attempts; wait a minute and try again")]
    RateLimited,
}

/// An open Thaw: one person's data and settings, and a clock.
pub struct Thaw {
    pub(crate) store: std::sync::Arc<Store>,
    pub(crate) owner: OwnerId,
    pub(crate) settings: Settings,
    /// The data folder's lock, held shared while this lives (opened by
    /// [`DataDir::open`]), so the database file is not replaced under it.
    pub(crate) folder_lock: Option<thaw_store::FolderLock>,
}

impl Thaw {
    pub fn new(
        store: impl Into<std::sync::Arc<Store>>,
        owner: OwnerId,
        settings: Settings,
    ) -> Self {
        Self {
            store: store.into(),
            owner,
            settings,
            folder_lock: None,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn owner(&self) -> OwnerId {
        self.owner
    }

    /// Stores a prepared check-in; when this returns, it is on disk.
    pub fn save_checkin(&self, checkin: &Checkin) -> Result<(), AppError> {
        Ok(self.store.insert_checkin(self.owner, checkin)?)
    }

    /// Check-ins from day `from` through day `to` (both inclusive, in the
    /// person's time zone), oldest first.
    pub fn checkins(&self, from: Option<Date>, to: Option<Date>) -> Result<Vec<Checkin>, AppError> {
        let span = day_span(&self.settings.time_zone(), from, to)?;
        Ok(self.store.checkins(self.owner, span)?)
    }

    /// One check-in by id (`None` when there is none).
    pub fn checkin(&self, id: uuid::Uuid) -> Result<Option<Checkin>, AppError> {
        Ok(self.store.checkin(self.owner, id)?)
    }

    /// True before anything was recorded (no check-in, no journal entry).
    pub fn is_empty(&self) -> Result<bool, AppError> {
        Ok(self.store.is_empty(self.owner)?)
    }

    /// Answers when the database does (for health checks).
    pub fn ping(&self) -> Result<(), AppError> {
        Ok(self.store.ping()?)
    }

    /// The last `days` calendar days ending on `today`: the check-ins
    /// (oldest first) and each day's mean mood and numbness.
    pub fn history(&self, today: Date, days: i32) -> Result<History, AppError> {
        let tz = self.settings.time_zone();
        let from = today
            .checked_sub(jiff::Span::new().days(i64::from(days.max(1) - 1)))
            .map_err(|_| {
                InputError::new(
                    "days",
                    days.to_string(),
                    "use a number of days from 1 to 3650",
                )
            })?;
        let checkins = self.checkins(Some(from), Some(today))?;
        let points = thaw_core::days::day_points(&checkins, &tz, from, today);
        Ok(History {
            from,
            to: today,
            checkins,
            points,
        })
    }

    pub fn count_checkins(&self) -> Result<u64, AppError> {
        Ok(self.store.count_checkins(self.owner)?)
    }

    /// Stores a prepared journal entry; when this returns, it is on disk.
    pub fn save_journal(&self, entry: &JournalEntry) -> Result<(), AppError> {
        Ok(self.store.insert_journal(self.owner, entry)?)
    }

    /// Journal entries matching `query`, newest first.
    pub fn journal(&self, query: &JournalQuery) -> Result<Vec<JournalEntry>, AppError> {
        Ok(self.store.journal(self.owner, query)?)
    }
}

/// A span of days, its check-ins and its day values.
#[derive(Debug, Clone)]
pub struct History {
    pub from: Date,
    pub to: Date,
    pub checkins: Vec<Checkin>,
    pub points: Vec<thaw_core::days::DayPoint>,
}

/// Today's date in the person's time zone.
pub fn today(settings: &Settings, clock: &dyn Clock) -> Date {
    clock.now().to_zoned(settings.time_zone()).date()
}

/// Today's reflective prompt for an empty journal page (a new one each day).
pub fn journal_prompt(settings: &Settings, clock: &dyn Clock) -> &'static str {
    let days = (today(settings, clock) - Date::constant(2000, 1, 1)).get_days();
    thaw_core::journal::prompt_for_day(days.into())
}

/// Reads an optional time the person gave (`--at`), or "now".
pub fn moment_or_now(
    at: Option<&str>,
    settings: &Settings,
    clock: &dyn Clock,
) -> Result<Moment, InputError> {
    let tz = settings.time_zone();
    match at {
        Some(text) => Moment::parse("at", text, &tz),
        None => Ok(Moment::now_in(clock.now(), &tz)),
    }
}

/// Checks a check-in and builds it, without storing anything.
pub fn prepare_checkin(
    draft: &CheckinDraft,
    at: Option<&str>,
    settings: &Settings,
    clock: &dyn Clock,
) -> Result<Checkin, InputError> {
    let at = moment_or_now(at, settings, clock)?;
    draft.validate(new_id(), at)
}

/// Checks a journal entry and builds it, without storing anything.
pub fn prepare_journal(
    draft: &JournalDraft,
    at: Option<&str>,
    settings: &Settings,
    clock: &dyn Clock,
) -> Result<JournalEntry, InputError> {
    let at = moment_or_now(at, settings, clock)?;
    draft.validate(new_id(), at)
}

/// Parses a calendar day (`YYYY-MM-DD`) that a person gave for `field`.
pub fn parse_date(field: &str, text: &str) -> Result<Date, InputError> {
    let trimmed = text.trim();
    if trimmed.len() != 10 {
        return Err(InputError::new(field, text, "use a date like 2026-03-01"));
    }
    trimmed
        .parse::<Date>()
        .map_err(|_| InputError::new(field, text, "use a date like 2026-03-01"))
}

/// The instants from the start of day `from` to the end of day `to` in `tz`.
pub fn day_span(tz: &TimeZone, from: Option<Date>, to: Option<Date>) -> Result<Span, InputError> {
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(InputError::new(
                "from",
                f.to_string(),
                format!("use a day on or before --to ({t})"),
            ));
        }
    }
    let start = |d: Date, field: &str| {
        d.to_zoned(tz.clone())
            .map(|z| z.timestamp().as_microsecond())
            .map_err(|_| {
                InputError::new(
                    field,
                    d.to_string(),
                    "use a date between the years 1 and 9999",
                )
            })
    };
    let from_us = from.map(|d| start(d, "from")).transpose()?;
    let to_us = match to {
        Some(d) => match d.tomorrow() {
            Ok(next) => Some(start(next, "to")?),
            Err(_) => None,
        },
        None => None,
    };
    Ok(Span { from_us, to_us })
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::FixedClock;

    #[test]
    fn a_day_span_follows_the_persons_zone_across_dst() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let day = parse_date("from", "2026-03-29").unwrap();
        let span = day_span(&tz, Some(day), Some(day)).unwrap();
        let hours = (span.to_us.unwrap() - span.from_us.unwrap()) / 3_600_000_000;
        assert_eq!(hours, 23, "the spring-forward day is 23 hours long");
    }

    #[test]
    fn from_after_to_is_refused() {
        let tz = TimeZone::UTC;
        let err = day_span(
            &tz,
            Some(parse_date("from", "2026-03-02").unwrap()),
            Some(parse_date("to", "2026-03-01").unwrap()),
        )
        .unwrap_err();
        assert_eq!(err.field, "from");
    }

    #[test]
    fn bad_dates_name_their_field() {
        assert_eq!(parse_date("to", "tomorrow").unwrap_err().field, "to");
        assert_eq!(parse_date("to", "2026-02-30").unwrap_err().field, "to");
    }

    #[test]
    fn prepare_refuses_bad_time_before_anything_else() {
        let clock = FixedClock("2026-03-01T12:00:00Z".parse().unwrap());
        let err = prepare_checkin(
            &CheckinDraft::default(),
            Some("yesterdayish"),
            &Settings::default(),
            &clock,
        )
        .unwrap_err();
        assert_eq!(err.field, "at");
    }

    #[test]
    fn now_is_recorded_at_the_persons_offset() {
        let clock = FixedClock("2026-07-01T12:00:00Z".parse().unwrap());
        let mut settings = Settings::default();
        settings.set("timezone", "Europe/Berlin").unwrap();
        let c = prepare_checkin(&CheckinDraft::default(), None, &settings, &clock).unwrap();
        assert_eq!(c.at.to_string(), "2026-07-01T14:00:00+02:00");
    }
}
