//! Moving a person's data in and out: the Thaw JSON document.

use jiff::Timestamp;
use thaw_core::activity::{Activity, ActivityLog, GroundingSession};
use thaw_core::engage::{
    SelfCare, SelfCareLog, SocialAttempt, SocialStep, Value as CoreValue, ValueAction, Win,
};
use thaw_core::plan::{Plan, PlanKind};
use thaw_core::screener::Screening;
use thaw_core::{Checkin, InputError, JournalEntry};
use thaw_io::json::{self, Everything, Read, ReadError};
use thaw_store::{Counts, Span};

use crate::{AppError, Thaw};

/// Reads and checks a document (nothing is written).
pub fn read_json(text: &str) -> Result<Read, AppError> {
    json::read(text).map_err(|e| match e {
        ReadError::Record(e) => AppError::Input(e),
        other => AppError::Input(InputError::new("file", "", other.to_string())),
    })
}

/// Reads and checks another app's export (Daylio, Bearable, eMoods,
/// jrnl), reading wall-clock times in the person's time zone and mood
/// labels with `mood_map` (from `--mood-map`). Nothing is written.
pub fn read_import(
    format: thaw_io::import::ImportKind,
    text: &str,
    settings: &thaw_core::Settings,
    mood_map: &[(String, u8)],
) -> Result<thaw_io::import::Imported, AppError> {
    read_import_with(format, text, settings, mood_map, &mut |_, _| {})
}

/// [`read_import`], telling `progress` how many rows are checked.
pub fn read_import_with(
    format: thaw_io::import::ImportKind,
    text: &str,
    settings: &thaw_core::Settings,
    mood_map: &[(String, u8)],
    progress: thaw_io::import::Progress<'_>,
) -> Result<thaw_io::import::Imported, AppError> {
    let opts = thaw_io::import::ImportOptions {
        tz: settings.time_zone(),
        mood_map: mood_map.to_vec(),
    };
    Ok(thaw_io::import::read(format, text, &opts, progress)?)
}

/// What `--mood-map` accepts, in plain words.
pub const MOOD_MAP_ALLOWED: &str = "LABEL=N: a mood label from the file and a whole number from 0 (very low) to 10 (very good), like --mood-map \"irritable=3\"";

/// One `--mood-map LABEL=N`: the label (trimmed, not empty) and N, 0–10.
pub fn parse_mood_map(text: &str) -> Result<(String, u8), InputError> {
    let refuse = || InputError::new("mood-map", text, MOOD_MAP_ALLOWED);
    let (label, number) = text.rsplit_once('=').ok_or_else(refuse)?;
    let label = label.trim();
    if label.is_empty() || label.chars().any(char::is_control) {
        return Err(refuse());
    }
    let number: u8 = number
        .trim()
        .parse()
        .ok()
        .filter(|n| *n <= thaw_core::Rating::MAX)
        .ok_or_else(refuse)?;
    Ok((label.to_owned(), number))
}

impl Thaw {
    /// Everything this person has, as a Thaw JSON document.
    pub fn export_json(&self, now: Timestamp) -> Result<String, AppError> {
        let data = self.load_all()?;
        json::write(&data.everything(now)).map_err(|e| AppError::Io {
            what: "could not write the export".into(),
            source: std::io::Error::other(e),
        })
    }

    /// Loads everything this person has, for an export (see
    /// [`AllData::everything`]).
    pub fn load_all(&self) -> Result<AllData, AppError> {
        let all = Span::default();
        let mut journal = self
            .store
            .journal(self.owner, &thaw_core::JournalQuery::default())?;
        journal.reverse();
        let tz = self.settings.time_zone();
        Ok(AllData {
            timezone: tz.iana_name().unwrap_or("UTC").to_owned(),
            checkins: self.store.checkins(self.owner, all)?,
            activities: self.store.activities(self.owner)?,
            activity_logs: self.store.activity_logs(self.owner, all)?,
            grounding: self.store.grounding_sessions(self.owner, all)?,
            journal,
            screenings: self.store.screenings(self.owner, None)?,
            safety_plan: self.store.plan(self.owner, PlanKind::Safety)?,
            relapse_plan: self.store.plan(self.owner, PlanKind::Relapse)?,
            values: self.store.values(self.owner)?,
            value_actions: self.store.value_actions(self.owner, all)?,
            wins: self.store.wins(self.owner, all)?,
            social_steps: self.store.social_steps(self.owner)?,
            social_attempts: self.store.social_attempts(self.owner, all)?,
            selfcare: self.store.selfcare(self.owner)?,
            selfcare_logs: self.store.selfcare_logs(self.owner, all)?,
        })
    }

    /// Imports a checked document in one transaction, skipping what is
    /// already here; with `dry_run`, only counts.
    pub fn import_json(&self, read: &Read, dry_run: bool) -> Result<Counts, AppError> {
        Ok(self.store.import(self.owner, &read.batch, dry_run)?)
    }
}

/// Everything a person has, loaded once and owned; every export format
/// borrows it as an [`Everything`].
#[derive(Debug, Clone)]
pub struct AllData {
    /// The person's IANA time zone (`UTC` when it has no name).
    pub timezone: String,
    pub checkins: Vec<Checkin>,
    pub activities: Vec<Activity>,
    pub activity_logs: Vec<ActivityLog>,
    pub grounding: Vec<GroundingSession>,
    /// Oldest first.
    pub journal: Vec<JournalEntry>,
    pub screenings: Vec<Screening>,
    pub safety_plan: Option<Plan>,
    pub relapse_plan: Option<Plan>,
    pub values: Vec<CoreValue>,
    pub value_actions: Vec<ValueAction>,
    pub wins: Vec<Win>,
    pub social_steps: Vec<SocialStep>,
    pub social_attempts: Vec<SocialAttempt>,
    pub selfcare: Vec<SelfCare>,
    pub selfcare_logs: Vec<SelfCareLog>,
}

impl AllData {
    /// The data as the writers take it, stamped `exported_at`.
    pub fn everything(&self, exported_at: Timestamp) -> Everything<'_> {
        Everything {
            exported_at,
            timezone: &self.timezone,
            checkins: &self.checkins,
            activities: &self.activities,
            activity_logs: &self.activity_logs,
            grounding: &self.grounding,
            journal: &self.journal,
            screenings: &self.screenings,
            safety_plan: self.safety_plan.as_ref(),
            relapse_plan: self.relapse_plan.as_ref(),
            values: &self.values,
            value_actions: &self.value_actions,
            wins: &self.wins,
            social_steps: &self.social_steps,
            social_attempts: &self.social_attempts,
            selfcare: &self.selfcare,
            selfcare_logs: &self.selfcare_logs,
        }
    }
}

impl Thaw {
    /// Imports a checked batch from any importer in one transaction,
    /// skipping every record whose id is already here (so a second
    /// import of the same file adds nothing); with `dry_run`, only counts.
    pub fn import_batch(
        &self,
        batch: &thaw_store::Batch,
        dry_run: bool,
    ) -> Result<Counts, AppError> {
        Ok(self.store.import(self.owner, batch, dry_run)?)
    }
}

#[cfg(test)]
mod import_tests {
    use super::*;

    #[test]
    fn mood_map_reads_label_equals_number() {
        assert_eq!(parse_mood_map("irritable=3"), Ok(("irritable".into(), 3)));
        assert_eq!(parse_mood_map(" so-so = 10 "), Ok(("so-so".into(), 10)));
        assert_eq!(parse_mood_map("a=b=0"), Ok(("a=b".into(), 0)));
        for bad in [
            "irritable",
            "=3",
            "irritable=11",
            "irritable=-1",
            "irritable=x",
            "",
        ] {
            let e = parse_mood_map(bad).unwrap_err();
            assert_eq!(e.field, "mood-map", "{bad}");
        }
    }

    #[test]
    fn read_import_uses_the_persons_time_zone_and_mood_map() {
        let mut settings = thaw_core::Settings::default();
        settings.set("timezone", "Asia/Tokyo").unwrap();
        let text = "full_date,time,mood\n2026-02-03,8:00 pm,irritable\n";
        let r = read_import(
            thaw_io::import::ImportKind::Daylio,
            text,
            &settings,
            &[("Irritable".into(), 2)],
        )
        .unwrap();
        let c = &r.batch.checkins[0];
        assert_eq!(c.at.to_string(), "2026-02-03T20:00:00+09:00");
        assert_eq!(c.mood.map(|m| m.get()), Some(2));
        let e = read_import(
            thaw_io::import::ImportKind::Daylio,
            "full_date,time,mood\n2026-02-03,31:00 pm,good\n",
            &settings,
            &[],
        )
        .unwrap_err();
        assert!(matches!(e, AppError::Input(e) if e.field == "line 2: time"));
    }
}
