//! Activities (ordinary, comforting things, with smaller versions),
//! logs of doing them, and grounding sessions with before/after
//! numbness. The full commands arrive with re-engagement and grounding;
//! the records exist now so insights and import/export can use them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::InputError;
use crate::moment::Moment;
use crate::rating::Rating;
use crate::text;

/// An activity in the person's library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub name: String,
    #[serde(default)]
    pub small: Option<String>,
    #[serde(default)]
    pub minimal: Option<String>,
    /// A tiny, doable expectation ("notice one small detail").
    #[serde(default)]
    pub expect: Option<String>,
    #[serde(default)]
    pub values: Vec<String>,
    /// An RFC 5545 RRULE or a shorthand (`daily`, `mon,wed,fri`).
    #[serde(default)]
    pub every: Option<String>,
    /// A time of day, `HH:MM`, in the person's time zone.
    #[serde(default)]
    pub time: Option<String>,
}

impl Activity {
    /// Checks every field (the name is required).
    pub fn checked(self) -> Result<Self, InputError> {
        Ok(Self {
            name: text::label("name", &self.name)?,
            small: text::optional_text("small", self.small.as_deref(), text::LABEL_MAX)?,
            minimal: text::optional_text("minimal", self.minimal.as_deref(), text::LABEL_MAX)?,
            expect: text::optional_text("expect", self.expect.as_deref(), text::LABEL_MAX)?,
            values: text::labels("values", &self.values)?,
            every: text::optional_text("every", self.every.as_deref(), text::LABEL_MAX)?,
            time: self
                .time
                .as_deref()
                .map(|t| check_time("time", t))
                .transpose()?,
        })
    }
}

/// Checks a time of day `HH:MM`.
pub fn check_time(field: &str, text: &str) -> Result<String, InputError> {
    let t = text.trim();
    let ok = t.len() == 5
        && t.as_bytes().get(2) == Some(&b':')
        && t.get(..2)
            .and_then(|h| h.parse::<u8>().ok())
            .is_some_and(|h| h < 24)
        && t.get(3..)
            .and_then(|m| m.parse::<u8>().ok())
            .is_some_and(|m| m < 60);
    if ok {
        Ok(t.to_owned())
    } else {
        Err(InputError::new(field, text, "use a time of day like 08:30"))
    }
}

/// Which version of an activity was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Full,
    Small,
    Minimal,
}

/// How it went. Nothing here is a failure: skipped is information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Done,
    Partial,
    Skipped,
}

impl Tier {
    pub fn key(self) -> &'static str {
        match self {
            Tier::Full => "full",
            Tier::Small => "small",
            Tier::Minimal => "minimal",
        }
    }

    pub fn parse(field: &str, text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "full" => Ok(Tier::Full),
            "small" => Ok(Tier::Small),
            "minimal" => Ok(Tier::Minimal),
            _ => Err(InputError::new(field, text, "use full, small or minimal")),
        }
    }
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Partial => "partial",
            Status::Skipped => "skipped",
        }
    }

    pub fn parse(field: &str, text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "done" => Ok(Status::Done),
            "partial" => Ok(Status::Partial),
            "skipped" => Ok(Status::Skipped),
            _ => Err(InputError::new(field, text, "use done, partial or skipped")),
        }
    }

    /// Done or partial: the activity happened.
    pub fn happened(self) -> bool {
        matches!(self, Status::Done | Status::Partial)
    }
}

/// A log of doing (or not doing) an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityLog {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: Uuid,
    /// The activity's name.
    pub activity: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime, example = "2026-03-01T23:30:00-05:00"))]
    pub at: Moment,
    pub tier: Tier,
    pub status: Status,
    /// Predicted enjoyment, 0–10.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 0, maximum = 10))]
    pub predicted: Option<Rating>,
    /// Actual enjoyment, 0–10.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 0, maximum = 10))]
    pub actual: Option<Rating>,
    pub note: Option<String>,
}

/// A guided grounding exercise, with numbness before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundingSession {
    pub id: Uuid,
    /// `breaths`, `senses`, `54321`, `body-scan`, or another name.
    pub technique: String,
    pub at: Moment,
    pub duration_s: u32,
    pub before: Option<Rating>,
    pub after: Option<Rating>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_are_checked() {
        assert_eq!(check_time("time", "08:00").unwrap(), "08:00");
        for bad in ["8:00", "24:00", "08:60", "noon", ""] {
            assert_eq!(check_time("time", bad).unwrap_err().field, "time", "{bad}");
        }
    }

    #[test]
    fn a_log_reads_the_export_format() {
        let log: ActivityLog = serde_json::from_str(
            r#"{"id": "00000000-0000-0000-0000-000000000001", "activity": "walk", "at": "2026-03-01T08:00:00+01:00",
                "tier": "small", "status": "partial", "predicted": 3, "actual": 6, "note": null}"#,
        )
        .unwrap();
        assert_eq!((log.tier, log.status), (Tier::Small, Status::Partial));
        assert!(log.status.happened());
        assert!(serde_json::from_str::<ActivityLog>(r#"{"id": "00000000-0000-0000-0000-000000000001", "activity": "walk", "at": "2026-03-01T08:00:00+01:00", "tier": "huge", "status": "done"}"#).is_err());
    }
}
