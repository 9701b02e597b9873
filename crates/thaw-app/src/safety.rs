//! The safety layer's use cases: screeners with their reports, crisis
//! resources for the person's country, risk checks on what they write,
//! the safety plan and the relapse plan.
//!
//! Risk detection runs here, on this machine: text is never sent anywhere
//! to be classified, and nobody is told anything without consent the
//! person gave in advance.

use jiff::civil::Date;
use serde::Serialize;
use thaw_core::crisis::{self, ResourceRef, Resources};
use thaw_core::plan::{Plan, PlanKind};
use thaw_core::screener::{self, Instrument, Score, Screening};
use thaw_core::{Clock, InputError, Settings, new_id};

use crate::{AppError, Thaw, moment_or_now};

/// The opening words before crisis resources, the same in every
/// interface (they live with the crate's other words).
pub use crate::words::crisis as words;

/// Checks typed answers for an instrument and builds the result.
pub fn prepare_screening(
    instrument: Instrument,
    answers: &str,
    at: Option<&str>,
    settings: &Settings,
    clock: &dyn Clock,
) -> Result<Screening, InputError> {
    let at = moment_or_now(at, settings, clock)?;
    let answers = screener::parse_answers(instrument, answers)?;
    Screening::new(new_id(), instrument, at, answers)
}

/// The crisis resources for the person's country (or the international
/// directory when the country is unknown).
pub fn resources(settings: &Settings) -> Result<Resources, AppError> {
    let directory = crisis::directory().map_err(|e| AppError::Io {
        what: "the crisis-line list built into Thaw could not be read".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(crisis::for_country(&directory, settings.country.as_deref()))
}

/// The resources to show with something a person wrote, if it suggests
/// risk of suicide or self-harm (`None` when it does not).
pub fn resources_for_text(
    settings: &Settings,
    text: &str,
) -> Result<Option<Vec<ResourceRef>>, AppError> {
    if thaw_core::risk::assess(text).flagged {
        Ok(Some(resources(settings)?.refs()))
    } else {
        Ok(None)
    }
}

/// A screener result as shown and printed: the spec's JSON fields, plus
/// words that describe it and the change since last time.
#[derive(Debug, Clone, Serialize)]
pub struct ScreeningReport {
    pub id: uuid::Uuid,
    pub instrument: Instrument,
    pub at: thaw_core::Moment,
    pub answers: Vec<Option<u8>>,
    #[serde(flatten)]
    pub score: Score,
    /// Shown first whenever item 9 is above 0 (or declined).
    pub crisis_resources: Option<Vec<ResourceRef>>,
    /// What the total means, in words that never diagnose.
    pub summary: String,
    /// The change since the previous result of the same instrument, when
    /// it is larger than measurement noise.
    pub change: Option<String>,
}

/// A saved result and the previous one of its instrument, in words.
pub fn report(
    settings: &Settings,
    s: &Screening,
    previous: Option<&Screening>,
) -> Result<ScreeningReport, AppError> {
    let score = s.score();
    let crisis_resources = if score.item9_positive || score.item9_declined {
        Some(resources(settings)?.refs())
    } else {
        None
    };
    Ok(ScreeningReport {
        id: s.id,
        instrument: s.instrument,
        at: s.at,
        answers: s.answers.clone(),
        summary: screener::describe(s.instrument, &score),
        change: previous
            .and_then(|p| screener::change_note(s.instrument, p.score().total, score.total)),
        score,
        crisis_resources,
    })
}

impl Thaw {
    /// Stores a screener result; answers its report (with the change
    /// since the previous one).
    pub fn save_screening(&self, s: &Screening) -> Result<ScreeningReport, AppError> {
        let previous = self.store.screenings(self.owner, Some(s.instrument))?.pop();
        self.store.insert_screening(self.owner, s)?;
        report(&self.settings, s, previous.as_ref())
    }

    /// Screener results, oldest first, each with the change since the one before.
    pub fn screenings(
        &self,
        instrument: Option<Instrument>,
    ) -> Result<Vec<ScreeningReport>, AppError> {
        let all = self.store.screenings(self.owner, instrument)?;
        let mut out = Vec::with_capacity(all.len());
        for (i, s) in all.iter().enumerate() {
            let previous = all[..i].iter().rev().find(|p| p.instrument == s.instrument);
            out.push(report(&self.settings, s, previous)?);
        }
        Ok(out)
    }

    /// The person's plan of this kind (a starter plan until one is saved).
    pub fn plan(&self, kind: PlanKind) -> Result<Plan, AppError> {
        Ok(self
            .store
            .plan(self.owner, kind)?
            .unwrap_or_else(|| Plan::starter(kind)))
    }

    pub fn save_plan(&self, plan: &Plan) -> Result<(), AppError> {
        Ok(self.store.save_plan(self.owner, plan)?)
    }

    /// True when the recent days look like numbness returning (three of
    /// the last seven days at 7 or more), so the relapse plan is offered.
    pub fn numbness_returning(&self, today: Date) -> Result<bool, AppError> {
        let tz = self.settings.time_zone();
        let from = today
            .checked_sub(jiff::Span::new().days(6))
            .unwrap_or(today);
        // The ratings are all it needs (this runs on every Today page).
        let checkins = self
            .store
            .checkin_ratings(self.owner, crate::day_span(&tz, Some(from), Some(today))?)?;
        let points = thaw_core::days::day_points(&checkins, &tz, from, today);
        Ok(thaw_core::days::numbness_returning(&points, today))
    }
}
