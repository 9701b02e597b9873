//! Reading what a browser form or an API body sent into the drafts of
//! `thaw-core`. Repeated form fields (`feel=a&feel=b`) are kept, and every
//! refusal names its field.

use serde_json::{Map, Value};
use thaw_core::{CheckinDraft, InputError, JournalDraft};

/// A decoded `application/x-www-form-urlencoded` body.
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &[u8]) -> Self {
        Self(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first non-empty value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn checkin(&self) -> CheckinDraft {
        let own = |s: Option<&str>| s.map(str::to_owned);
        let mut sensations: Vec<String> = self.all("feel").map(str::to_owned).collect();
        sensations.extend(self.all("feel_own").flat_map(split_list));
        CheckinDraft {
            mood: own(self.get("mood")),
            numbness: own(self.get("numbness")),
            energy: own(self.get("energy")),
            pleasure: own(self.get("pleasure")),
            connection: own(self.get("connection")),
            sensations,
            triggers: self.all("triggers").flat_map(split_list).collect(),
            note: own(self.get("note")),
            plan: own(self.get("plan")),
        }
    }

    pub fn journal(&self) -> JournalDraft {
        JournalDraft {
            text: self.get("text").unwrap_or_default().to_owned(),
            tags: self.all("tags").flat_map(split_list).collect(),
            for_therapy: self.get("for_therapy").is_some(),
        }
    }
}

/// "a, b,, c" → ["a", "b", "c"].
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A JSON body's fields, read strictly: a wrong type names its field.
pub struct JsonFields(Map<String, Value>);

impl JsonFields {
    pub fn new(value: Value) -> Result<Self, InputError> {
        match value {
            Value::Object(map) => Ok(Self(map)),
            other => Err(InputError::new(
                "body",
                other.to_string(),
                "send a JSON object",
            )),
        }
    }

    /// A rating: a whole number (checked 0–10 later) or null.
    fn rating(&self, name: &str) -> Result<Option<String>, InputError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(InputError::new(
                name,
                other.to_string(),
                "use a whole number from 0 to 10, or null",
            )),
        }
    }

    fn text(&self, name: &str) -> Result<Option<String>, InputError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(InputError::new(
                name,
                other.to_string(),
                "use a string, or null",
            )),
        }
    }

    fn list(&self, name: &str) -> Result<Vec<String>, InputError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(InputError::new(
                        name,
                        other.to_string(),
                        "use a list of strings",
                    )),
                })
                .collect(),
            Some(other) => Err(InputError::new(
                name,
                other.to_string(),
                "use a list of strings",
            )),
        }
    }

    fn flag(&self, name: &str) -> Result<bool, InputError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(InputError::new(
                name,
                other.to_string(),
                "use true or false",
            )),
        }
    }

    /// The check-in fields and the optional `at`.
    pub fn checkin(&self) -> Result<(CheckinDraft, Option<String>), InputError> {
        let draft = CheckinDraft {
            mood: self.rating("mood")?,
            numbness: self.rating("numbness")?,
            energy: self.rating("energy")?,
            pleasure: self.rating("pleasure")?,
            connection: self.rating("connection")?,
            sensations: self.list("sensations")?,
            triggers: self.list("triggers")?,
            note: self.text("note")?,
            plan: self.text("plan")?,
        };
        Ok((draft, self.text("at")?))
    }

    /// The journal fields and the optional `at`.
    pub fn journal(&self) -> Result<(JournalDraft, Option<String>), InputError> {
        let draft = JournalDraft {
            text: self.text("text")?.unwrap_or_default(),
            tags: self.list("tags")?,
            for_therapy: self.flag("for_therapy")?,
        };
        Ok((draft, self.text("at")?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    proptest! {
        /// Whatever a browser or a script sends, reading it never panics,
        /// and what passes is then judged by the domain's rules.
        #[test]
        fn any_form_body_reads_without_panic(body in proptest::collection::vec(any::<u8>(), 0..300)) {
            let f = FormData::parse(&body);
            let _ = f.checkin().validate(uuid::Uuid::nil(), thaw_core::Moment::from_parts(0, 0).unwrap());
            let _ = f.journal();
        }

        #[test]
        fn any_json_value_reads_without_panic(text in "\\PC{0,120}") {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                if let Ok(fields) = JsonFields::new(value) {
                    if let Ok((draft, _)) = fields.checkin() {
                        let _ = draft.validate(uuid::Uuid::nil(), thaw_core::Moment::from_parts(0, 0).unwrap());
                    }
                    let _ = fields.journal();
                }
            }
        }

        #[test]
        fn ratings_in_json_are_accepted_only_from_0_to_10(n in -1000i64..1000) {
            let fields = JsonFields::new(json!({ "mood": n })).unwrap();
            let (draft, _) = fields.checkin().unwrap();
            let ok = draft.validate(uuid::Uuid::nil(), thaw_core::Moment::from_parts(0, 0).unwrap()).is_ok();
            prop_assert_eq!(ok, (0..=10).contains(&n));
        }
    }

    #[test]
    fn form_keeps_repeated_chips_and_own_words() {
        let f = FormData::parse(b"mood=4&numbness=&feel=I+feel+detached&feel=flat&feel_own=foggy%2C+heavy&triggers=poor+sleep&plan=walk");
        let d = f.checkin();
        assert_eq!(d.mood.as_deref(), Some("4"));
        assert_eq!(d.numbness, None, "an empty choice is a skipped rating");
        assert_eq!(d.sensations, ["I feel detached", "flat", "foggy", "heavy"]);
        assert_eq!(d.triggers, ["poor sleep"]);
    }

    #[test]
    fn json_wrong_types_name_their_field() {
        let f = JsonFields::new(json!({"mood": "4"})).unwrap();
        assert_eq!(f.checkin().unwrap_err().field, "mood");
        let f = JsonFields::new(json!({"sensations": "flat"})).unwrap();
        assert_eq!(f.checkin().unwrap_err().field, "sensations");
        let f = JsonFields::new(json!({"mood": 11, "unknown": true})).unwrap();
        assert_eq!(
            f.checkin().unwrap().0.mood.as_deref(),
            Some("11"),
            "range is checked by the domain"
        );
        assert_eq!(JsonFields::new(json!([1])).err().unwrap().field, "body");
    }
}
