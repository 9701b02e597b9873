//! A check-in: five ratings (all optional), named sensations, triggers, a
//! note and a small plan, at a moment. Only the time is required.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::InputError;
use crate::moment::Moment;
use crate::rating::Rating;
use crate::text::{self, NOTE_MAX};

/// A saved check-in, with the field names of the spec's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Checkin {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: Uuid,
    /// RFC 3339 with the offset it was recorded at.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime, example = "2026-03-01T23:30:00-05:00"))]
    pub at: Moment,
    /// 0 (very low) to 10 (very good).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 0, maximum = 10))]
    pub mood: Option<Rating>,
    /// 0 = feelings fully present, 10 = completely numb.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 0, maximum = 10))]
    pub numbness: Option<Rating>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 0, maximum = 10))]
    pub energy: Option<Rating>,
    /// Pleasure or interest in things.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 0, maximum = 10))]
    pub pleasure: Option<Rating>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 0, maximum = 10))]
    pub connection: Option<Rating>,
    pub sensations: Vec<String>,
    pub triggers: Vec<String>,
    pub note: Option<String>,
    pub plan: Option<String>,
}

impl Checkin {
    /// True when no rating was given (only words, or nothing at all).
    pub fn has_no_ratings(&self) -> bool {
        self.ratings().iter().all(|(_, r)| r.is_none())
    }

    /// The five ratings with their names, in the order they are asked.
    pub fn ratings(&self) -> [(&'static str, Option<Rating>); 5] {
        [
            ("mood", self.mood),
            ("numbness", self.numbness),
            ("energy", self.energy),
            ("pleasure", self.pleasure),
            ("connection", self.connection),
        ]
    }
}

/// What an interface collects before validation: raw ratings as typed,
/// raw labels, raw text.
#[derive(Debug, Clone, Default)]
pub struct CheckinDraft {
    pub mood: Option<String>,
    pub numbness: Option<String>,
    pub energy: Option<String>,
    pub pleasure: Option<String>,
    pub connection: Option<String>,
    pub sensations: Vec<String>,
    pub triggers: Vec<String>,
    pub note: Option<String>,
    pub plan: Option<String>,
}

impl CheckinDraft {
    /// True when no rating was given at all.
    pub fn has_no_ratings(&self) -> bool {
        [
            &self.mood,
            &self.numbness,
            &self.energy,
            &self.pleasure,
            &self.connection,
        ]
        .iter()
        .all(|r| r.is_none())
    }

    /// Checks every field; the first problem is returned, naming its field.
    pub fn validate(&self, id: Uuid, at: Moment) -> Result<Checkin, InputError> {
        let rating = |field: &str, raw: &Option<String>| {
            raw.as_deref().map(|t| Rating::parse(field, t)).transpose()
        };
        Ok(Checkin {
            id,
            at,
            mood: rating("mood", &self.mood)?,
            numbness: rating("numbness", &self.numbness)?,
            energy: rating("energy", &self.energy)?,
            pleasure: rating("pleasure", &self.pleasure)?,
            connection: rating("connection", &self.connection)?,
            sensations: text::labels("feel", &self.sensations)?,
            triggers: text::labels("trigger", &self.triggers)?,
            note: text::optional_text("note", self.note.as_deref(), NOTE_MAX)?,
            plan: text::optional_text("plan", self.plan.as_deref(), NOTE_MAX)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn at() -> Moment {
        Moment::parse("at", "2026-03-01T23:30:00-05:00", &TimeZone::UTC).unwrap()
    }

    #[test]
    fn the_spec_example_serializes_to_the_spec_json() {
        let draft = CheckinDraft {
            mood: Some("4".into()),
            numbness: Some("7".into()),
            energy: Some("3".into()),
            sensations: vec!["I feel detached".into()],
            triggers: vec!["poor sleep".into()],
            plan: Some("short walk".into()),
            ..Default::default()
        };
        let c = draft.validate(Uuid::nil(), at()).unwrap();
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "id": "00000000-0000-0000-0000-000000000000",
                "at": "2026-03-01T23:30:00-05:00",
                "mood": 4, "numbness": 7, "energy": 3, "pleasure": null, "connection": null,
                "sensations": ["I feel detached"], "triggers": ["poor sleep"],
                "note": null, "plan": "short walk"
            })
        );
    }

    #[test]
    fn the_first_bad_field_is_named() {
        let draft = CheckinDraft {
            mood: Some("4".into()),
            numbness: Some("-1".into()),
            energy: Some("abc".into()),
            ..Default::default()
        };
        assert_eq!(
            draft.validate(Uuid::nil(), at()).unwrap_err().field,
            "numbness"
        );
    }

    #[test]
    fn an_empty_check_in_is_allowed() {
        let c = CheckinDraft::default().validate(Uuid::nil(), at()).unwrap();
        assert!(c.has_no_ratings());
    }
}
