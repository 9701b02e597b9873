//! Moving a person's data in and out: the Thaw JSON document.

use jiff::Timestamp;
use thaw_core::InputError;
use thaw_core::plan::PlanKind;
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

impl Thaw {
    /// Everything this person has, as a Thaw JSON document.
    pub fn export_json(&self, now: Timestamp) -> Result<String, AppError> {
        let all = Span::default();
        let checkins = self.store.checkins(self.owner, all)?;
        let activities = self.store.activities(self.owner)?;
        let activity_logs = self.store.activity_logs(self.owner, all)?;
        let grounding = self.store.grounding_sessions(self.owner, all)?;
        let mut journal = self
            .store
            .journal(self.owner, &thaw_core::JournalQuery::default())?;
        journal.reverse();
        let screenings = self.store.screenings(self.owner, None)?;
        let safety = self.store.plan(self.owner, PlanKind::Safety)?;
        let relapse = self.store.plan(self.owner, PlanKind::Relapse)?;
        let values = self.store.values(self.owner)?;
        let value_actions = self.store.value_actions(self.owner, all)?;
        let wins = self.store.wins(self.owner, all)?;
        let social_steps = self.store.social_steps(self.owner)?;
        let social_attempts = self.store.social_attempts(self.owner, all)?;
        let selfcare = self.store.selfcare(self.owner)?;
        let selfcare_logs = self.store.selfcare_logs(self.owner, all)?;
        let tz = self.settings.time_zone();
        let timezone = tz.iana_name().unwrap_or("UTC");
        let doc = Everything {
            exported_at: now,
            timezone,
            checkins: &checkins,
            activities: &activities,
            activity_logs: &activity_logs,
            grounding: &grounding,
            journal: &journal,
            screenings: &screenings,
            safety_plan: safety.as_ref(),
            relapse_plan: relapse.as_ref(),
            values: &values,
            value_actions: &value_actions,
            wins: &wins,
            social_steps: &social_steps,
            social_attempts: &social_attempts,
            selfcare: &selfcare,
            selfcare_logs: &selfcare_logs,
        };
        json::write(&doc).map_err(|e| AppError::Io {
            what: "could not write the export".into(),
            source: std::io::Error::other(e),
        })
    }

    /// Imports a checked document in one transaction, skipping what is
    /// already here; with `dry_run`, only counts.
    pub fn import_json(&self, read: &Read, dry_run: bool) -> Result<Counts, AppError> {
        Ok(self.store.import(self.owner, &read.batch, dry_run)?)
    }
}
