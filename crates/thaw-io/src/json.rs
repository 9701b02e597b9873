//! The Thaw JSON document: `thaw export json` and `thaw import json`.

use jiff::Timestamp;
use jiff::tz::Offset;
use serde::Serialize;
use serde_json::{Map, Value, json};
use thaw_core::activity::{Activity, ActivityLog, GroundingSession, Status, Tier};
use thaw_core::engage::{
    self, SelfCare, SelfCareLog, SocialAttempt, SocialStep, Value as CoreValue, ValueAction, Win,
};
use thaw_core::plan::{Plan, PlanKind};
use thaw_core::screener::{self, Instrument, Screening};
use thaw_core::{Checkin, CheckinDraft, InputError, JournalDraft, JournalEntry, Moment, Rating};
use thaw_store::Batch;
use uuid::Uuid;

/// The `format` every document carries.
pub const FORMAT: &str = "thaw";
/// The newest `version` this program writes and reads.
pub const VERSION: u64 = 1;

/// Why a document was refused.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("this file is not JSON we can read ({0})")]
    NotJson(String),
    #[error("this file is not a Thaw export (its \"format\" is not \"thaw\")")]
    NotThaw,
    #[error(
        "this file was written by a newer Thaw (version {0}; this Thaw reads up to {VERSION}); update Thaw to import it"
    )]
    Newer(u64),
    #[error(transparent)]
    Record(#[from] InputError),
}

/// Everything a person has, as the export writes it.
pub struct Everything<'a> {
    pub exported_at: Timestamp,
    pub timezone: &'a str,
    pub checkins: &'a [Checkin],
    pub activities: &'a [Activity],
    pub activity_logs: &'a [ActivityLog],
    pub grounding: &'a [GroundingSession],
    /// Oldest first.
    pub journal: &'a [JournalEntry],
    pub screenings: &'a [Screening],
    pub safety_plan: Option<&'a Plan>,
    pub relapse_plan: Option<&'a Plan>,
    pub values: &'a [CoreValue],
    pub value_actions: &'a [ValueAction],
    pub wins: &'a [Win],
    pub social_steps: &'a [SocialStep],
    pub social_attempts: &'a [SocialAttempt],
    pub selfcare: &'a [SelfCare],
    pub selfcare_logs: &'a [SelfCareLog],
}

#[derive(Serialize)]
struct ScreeningDoc<'a> {
    id: Uuid,
    instrument: Instrument,
    at: Moment,
    answers: &'a [Option<u8>],
}

/// Writes the document (pretty-printed, records in a fixed order).
pub fn write(all: &Everything<'_>) -> Result<String, serde_json::Error> {
    let screeners: Vec<ScreeningDoc> = all
        .screenings
        .iter()
        .map(|s| ScreeningDoc {
            id: s.id,
            instrument: s.instrument,
            at: s.at,
            answers: &s.answers,
        })
        .collect();
    let doc = json!({
        "format": FORMAT,
        "version": VERSION,
        "exported_at": Moment::new(all.exported_at, Offset::UTC),
        "timezone": all.timezone,
        "checkins": all.checkins,
        "activities": all.activities,
        "activity_logs": all.activity_logs,
        "grounding_sessions": all.grounding,
        "journal": all.journal,
        "screeners": screeners,
        "values": all.values,
        "value_actions": all.value_actions,
        "wins": all.wins,
        "social_steps": all.social_steps,
        "social_attempts": all.social_attempts,
        "selfcare": all.selfcare,
        "selfcare_logs": all.selfcare_logs,
        "safety_plan": all.safety_plan.map(Plan::to_json),
        "relapse_plan": all.relapse_plan.map(Plan::to_json),
    });
    serde_json::to_string_pretty(&doc)
}

/// What a document holds, checked.
#[derive(Debug, Clone)]
pub struct Read {
    pub timezone: Option<String>,
    pub batch: Batch,
}

/// Reads and checks a whole document; nothing partial is ever returned.
pub fn read(text: &str) -> Result<Read, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError::NotJson(e.to_string()))?;
    let Some(doc) = value.as_object() else {
        return Err(ReadError::NotThaw);
    };
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ReadError::NotThaw);
    }
    match doc.get("version").and_then(Value::as_u64) {
        Some(v) if v > VERSION => return Err(ReadError::Newer(v)),
        Some(_) => {}
        None => {
            return Err(InputError::new(
                "version",
                doc.get("version").map(Value::to_string).unwrap_or_default(),
                "a whole number",
            )
            .into());
        }
    }
    let timezone = match doc.get("timezone") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(InputError::new(
                "timezone",
                other.to_string(),
                "a time zone name like Europe/Berlin",
            )
            .into());
        }
    };
    let mut batch = Batch {
        checkins: records(doc, "checkins", checkin)?,
        activities: records(doc, "activities", activity)?,
        activity_logs: records(doc, "activity_logs", activity_log)?,
        grounding: records(doc, "grounding_sessions", grounding)?,
        journal: records(doc, "journal", journal)?,
        screenings: records(doc, "screeners", screening)?,
        plans: Vec::new(),
        values: records(doc, "values", core_value)?,
        value_actions: records(doc, "value_actions", value_action)?,
        wins: records(doc, "wins", win)?,
        social_steps: records(doc, "social_steps", social_step)?,
        social_attempts: records(doc, "social_attempts", social_attempt)?,
        selfcare: records(doc, "selfcare", selfcare)?,
        selfcare_logs: records(doc, "selfcare_logs", selfcare_log)?,
    };
    for (key, kind) in [
        ("safety_plan", PlanKind::Safety),
        ("relapse_plan", PlanKind::Relapse),
    ] {
        if let Some(plan) = plan(doc, key, kind)? {
            batch.plans.push(plan);
        }
    }
    Ok(Read { timezone, batch })
}

/// Reads the list `key` with `f`, naming the position of a bad record.
fn records<T>(
    doc: &Map<String, Value>,
    key: &str,
    f: fn(&Rec) -> Result<T, InputError>,
) -> Result<Vec<T>, InputError> {
    match doc.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("{key}[{i}]");
                match item.as_object() {
                    Some(map) => f(&Rec { map, path: &path }),
                    None => Err(InputError::new(
                        path,
                        item.to_string(),
                        "each record is a JSON object",
                    )),
                }
            })
            .collect(),
        Some(other) => Err(InputError::new(key, other.to_string(), "a list of records")),
    }
}

/// One record, read field by field; errors name `path.field`.
struct Rec<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl Rec<'_> {
    fn field(&self, name: &str) -> String {
        format!("{}.{name}", self.path)
    }

    fn err(&self, name: &str, value: &Value, allowed: &str) -> InputError {
        InputError::new(self.field(name), value.to_string(), allowed)
    }

    /// Re-homes an error from the domain's checks under this record.
    fn within(&self, e: InputError) -> InputError {
        InputError {
            field: self.field(&e.field),
            ..e
        }
    }

    fn id(&self) -> Result<Uuid, InputError> {
        match self.map.get("id") {
            None | Some(Value::Null) => Ok(thaw_core::new_id()),
            Some(Value::String(s)) => {
                Uuid::parse_str(s).map_err(|_| self.err("id", &Value::String(s.clone()), "a UUID"))
            }
            Some(other) => Err(self.err("id", other, "a UUID")),
        }
    }

    fn at(&self) -> Result<Moment, InputError> {
        let allowed = "an RFC 3339 time with an offset, like 2026-03-01T08:30:00+01:00";
        match self.map.get("at") {
            Some(v @ Value::String(_)) => {
                serde_json::from_value::<Moment>(v.clone()).map_err(|_| self.err("at", v, allowed))
            }
            Some(other) => Err(self.err("at", other, allowed)),
            None => Err(InputError::new(self.field("at"), "", allowed)),
        }
    }

    fn text(&self, name: &str) -> Result<Option<String>, InputError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.err(name, other, "text, or null")),
        }
    }

    fn required(&self, name: &str) -> Result<String, InputError> {
        self.text(name)?
            .ok_or_else(|| InputError::new(self.field(name), "", "required text"))
    }

    fn list(&self, name: &str) -> Result<Vec<String>, InputError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| self.err(name, i, "a list of text"))
                })
                .collect(),
            Some(other) => Err(self.err(name, other, "a list of text")),
        }
    }

    /// A rating as the domain's draft wants it (checked there).
    fn rating_text(&self, name: &str) -> Result<Option<String>, InputError> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(self.err(name, other, "a whole number from 0 to 10, or null")),
        }
    }

    /// A whole number from 0 to 100 (difficulty, comfort).
    fn percent(&self, name: &str) -> Result<u8, InputError> {
        match self.map.get(name) {
            Some(Value::Number(n)) => engage::parse_percent(&self.field(name), &n.to_string()),
            Some(other) => Err(self.err(name, other, engage::PERCENT_ALLOWED)),
            None => Err(InputError::new(
                self.field(name),
                "",
                engage::PERCENT_ALLOWED,
            )),
        }
    }

    fn rating(&self, name: &str) -> Result<Option<Rating>, InputError> {
        self.rating_text(name)?
            .map(|t| Rating::parse(&self.field(name), &t))
            .transpose()
    }
}

fn checkin(r: &Rec) -> Result<Checkin, InputError> {
    let draft = CheckinDraft {
        mood: r.rating_text("mood")?,
        numbness: r.rating_text("numbness")?,
        energy: r.rating_text("energy")?,
        pleasure: r.rating_text("pleasure")?,
        connection: r.rating_text("connection")?,
        sensations: r.list("sensations")?,
        triggers: r.list("triggers")?,
        note: r.text("note")?,
        plan: r.text("plan")?,
    };
    draft.validate(r.id()?, r.at()?).map_err(|e| r.within(e))
}

fn activity(r: &Rec) -> Result<Activity, InputError> {
    Activity {
        name: r.required("name")?,
        small: r.text("small")?,
        minimal: r.text("minimal")?,
        expect: r.text("expect")?,
        values: r.list("values")?,
        every: r.text("every")?,
        time: r.text("time")?,
    }
    .checked()
    .map_err(|e| r.within(e))
}

fn activity_log(r: &Rec) -> Result<ActivityLog, InputError> {
    let tier = r
        .text("tier")?
        .map(|t| Tier::parse(&r.field("tier"), &t))
        .transpose()?
        .unwrap_or(Tier::Full);
    let status = r
        .text("status")?
        .map(|s| Status::parse(&r.field("status"), &s))
        .transpose()?
        .unwrap_or(Status::Done);
    let activity =
        thaw_core::text::label("activity", &r.required("activity")?).map_err(|e| r.within(e))?;
    let note = thaw_core::text::optional_text(
        "note",
        r.text("note")?.as_deref(),
        thaw_core::text::NOTE_MAX,
    )
    .map_err(|e| r.within(e))?;
    Ok(ActivityLog {
        id: r.id()?,
        activity,
        at: r.at()?,
        tier,
        status,
        predicted: r.rating("predicted")?,
        actual: r.rating("actual")?,
        note,
    })
}

fn grounding(r: &Rec) -> Result<GroundingSession, InputError> {
    let duration_s = match r.map.get("duration_s") {
        None | Some(Value::Null) => 0,
        Some(Value::Number(n)) => {
            n.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    r.err(
                        "duration_s",
                        &Value::Number(n.clone()),
                        "whole seconds, 0 or more",
                    )
                })?
        }
        Some(other) => return Err(r.err("duration_s", other, "whole seconds, 0 or more")),
    };
    let technique =
        thaw_core::text::label("technique", &r.required("technique")?).map_err(|e| r.within(e))?;
    Ok(GroundingSession {
        id: r.id()?,
        technique,
        at: r.at()?,
        duration_s,
        before: r.rating("before")?,
        after: r.rating("after")?,
    })
}

fn journal(r: &Rec) -> Result<JournalEntry, InputError> {
    let for_therapy = match r.map.get("for_therapy") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(r.err("for_therapy", other, "true or false")),
    };
    let draft = JournalDraft {
        text: r.required("text")?,
        tags: r.list("tags")?,
        for_therapy,
    };
    draft.validate(r.id()?, r.at()?).map_err(|e| r.within(e))
}

fn screening(r: &Rec) -> Result<Screening, InputError> {
    let instrument = Instrument::parse(&r.field("instrument"), &r.required("instrument")?)?;
    let answers = match r.map.get("answers") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::Null => Ok("-".to_owned()),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(r.err("answers", other, "whole numbers (null for a declined item)")),
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => return Err(r.err("answers", other, "a list of answers")),
        None => return Err(InputError::new(r.field("answers"), "", "a list of answers")),
    };
    let answers =
        screener::parse_answers(instrument, &answers.join(",")).map_err(|e| r.within(e))?;
    Screening::new(r.id()?, instrument, r.at()?, answers).map_err(|e| r.within(e))
}

fn core_value(r: &Rec) -> Result<CoreValue, InputError> {
    CoreValue {
        name: r.required("name")?,
        why: r.text("why")?,
    }
    .checked()
    .map_err(|e| r.within(e))
}

fn value_action(r: &Rec) -> Result<ValueAction, InputError> {
    ValueAction {
        id: r.id()?,
        value: r.required("value")?,
        at: r.at()?,
        text: r.required("text")?,
    }
    .checked()
    .map_err(|e| r.within(e))
}

fn win(r: &Rec) -> Result<Win, InputError> {
    Win {
        id: r.id()?,
        at: r.at()?,
        text: r.required("text")?,
    }
    .checked()
    .map_err(|e| r.within(e))
}

fn social_step(r: &Rec) -> Result<SocialStep, InputError> {
    SocialStep {
        name: r.required("name")?,
        difficulty: r.percent("difficulty")?,
    }
    .checked()
    .map_err(|e| r.within(e))
}

fn social_attempt(r: &Rec) -> Result<SocialAttempt, InputError> {
    SocialAttempt {
        id: r.id()?,
        step: r.required("step")?,
        at: r.at()?,
        comfort: r.percent("comfort")?,
    }
    .checked()
    .map_err(|e| r.within(e))
}

fn selfcare(r: &Rec) -> Result<SelfCare, InputError> {
    SelfCare {
        name: r.required("name")?,
        every: r.text("every")?,
        time: r.text("time")?,
    }
    .checked()
    .map_err(|e| r.within(e))
}

fn selfcare_log(r: &Rec) -> Result<SelfCareLog, InputError> {
    let name = thaw_core::text::label("name", &r.required("name")?).map_err(|e| r.within(e))?;
    Ok(SelfCareLog {
        id: r.id()?,
        name,
        at: r.at()?,
    })
}

fn plan(doc: &Map<String, Value>, key: &str, kind: PlanKind) -> Result<Option<Plan>, InputError> {
    match doc.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => {
            let rec = Rec { map, path: key };
            let sections = map
                .keys()
                .map(|k| {
                    // The key first: an unknown one (even blank) is
                    // refused as `section`, before its value is read.
                    kind.section_index(k).map_err(|e| rec.within(e))?;
                    Ok((k.clone(), rec.list(k)?))
                })
                .collect::<Result<Vec<_>, InputError>>()?;
            Plan::from_sections(kind, &sections)
                .map(Some)
                .map_err(|e| rec.within(e))
        }
        Some(other) => Err(InputError::new(
            key,
            other.to_string(),
            "an object of sections, each a list of text",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Found by fuzzing (`fuzz/fuzz_targets/json_import.rs`): a plan with a
    /// blank section key was refused naming a blank field.
    #[test]
    fn regression_a_blank_plan_section_is_refused_as_section() {
        for plan in [
            r#"{"": 1}"#,
            r#"{"": [1]}"#,
            r#"{" ": 1}"#,
            r#"{"hobbies": 5}"#,
        ] {
            let text = doc(&format!(r#""safety_plan": {plan}"#));
            let err = read(&text).unwrap_err().to_string();
            assert!(err.contains("safety_plan.section"), "{plan}: {err}");
        }
    }

    fn doc(records: &str) -> String {
        format!(
            r#"{{"format": "thaw", "version": 1, "exported_at": "2026-03-01T08:30:00Z", "timezone": "Europe/Berlin", {records}}}"#
        )
    }

    #[test]
    fn a_bad_record_is_named_by_position_and_field() {
        let cases = [
            (
                r#""checkins": [{"at": "2026-02-27T09:05:00+01:00"}, {"at": "2026-02-27T09:05:00+01:00", "mood": 11}]"#,
                "checkins[1].mood",
            ),
            (r#""checkins": [{"at": "tuesday"}]"#, "checkins[0].at"),
            (
                r#""checkins": [{"at": "2026-02-27 09:05"}]"#,
                "checkins[0].at",
            ),
            (
                r#""screeners": [{"instrument": "phq10", "at": "2026-02-27T09:05:00+01:00", "answers": [1]}]"#,
                "screeners[0].instrument",
            ),
            (
                r#""screeners": [{"instrument": "phq2", "at": "2026-02-27T09:05:00+01:00", "answers": [1, 9]}]"#,
                "screeners[0].answers",
            ),
            (
                r#""activity_logs": [{"activity": "walk", "at": "2026-02-27T09:05:00+01:00", "tier": "huge"}]"#,
                "activity_logs[0].tier",
            ),
            (
                r#""grounding_sessions": [{"technique": "breaths", "at": "2026-02-27T09:05:00+01:00", "before": -1}]"#,
                "grounding_sessions[0].before",
            ),
            (
                r#""journal": [{"at": "2026-02-27T09:05:00+01:00", "text": "   "}]"#,
                "journal[0].text",
            ),
            (
                r#""safety_plan": {"hobbies": ["x"]}"#,
                "safety_plan.section",
            ),
        ];
        for (records, field) in cases {
            match read(&doc(records)) {
                Err(ReadError::Record(e)) => assert_eq!(e.field, field, "{records}"),
                other => panic!("{records}: {other:?}"),
            }
        }
    }

    #[test]
    fn not_thaw_newer_and_not_json_are_refused_clearly() {
        assert!(matches!(
            read("{\"format\": \"daylio\", \"version\": 1}"),
            Err(ReadError::NotThaw)
        ));
        assert!(matches!(
            read("{\"format\": \"thaw\", \"version\": 2}"),
            Err(ReadError::Newer(2))
        ));
        assert!(matches!(
            read("{\"format\": \"thaw\""),
            Err(ReadError::NotJson(_))
        ));
    }

    #[test]
    fn unknown_fields_are_ignored_and_missing_ids_are_made() {
        let r = read(&doc(r#""future": {"x": 1}, "checkins": [{"at": "2026-02-27T09:05:00+01:00", "mood": 4, "colour": "blue"}]"#)).unwrap();
        assert_eq!(r.batch.checkins.len(), 1);
        assert_eq!(r.timezone.as_deref(), Some("Europe/Berlin"));
    }

    proptest! {
        #[test]
        fn reading_never_panics(text in "\\PC{0,300}") {
            let _ = read(&text);
            let _ = read(&doc(&format!(r#""checkins": [{{"at": {text:?}}}]"#)));
        }
    }
}
