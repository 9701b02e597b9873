//! The small things around activities that help a person re-engage:
//! core values and the actions that serve them, the graded social
//! ladder, small wins, and self-care anchors (sleep, meals, movement,
//! social contact, hydration, sunlight).
//!
//! Nothing here counts failures. Where consistency is shown at all it
//! is a [`forgiving_score`] that rises with each time and decays slowly,
//! never a streak that resets to zero.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::activity::check_time;
use crate::error::InputError;
use crate::moment::Moment;
use crate::recur::Rule;
use crate::text;

/// How many core values a person keeps at once.
pub const MAX_VALUES: usize = 3;

/// A value to choose from, with small actions that serve it.
#[derive(Debug, Clone, Copy)]
pub struct ValueChoice {
    pub name: &'static str,
    pub about: &'static str,
    /// Small actions, one of which today suggests.
    pub actions: &'static [&'static str],
}

/// Values a person may choose from (their own words are welcome too).
pub const VALUE_CHOICES: &[ValueChoice] = &[
    ValueChoice {
        name: "connection",
        about: "being close to the people who matter",
        actions: &[
            "send one person a short message",
            "ask someone how their day was, and listen",
            "share a photo or a song with a friend",
        ],
    },
    ValueChoice {
        name: "health",
        about: "looking after the body you live in",
        actions: &[
            "drink a glass of water slowly",
            "stretch for two minutes",
            "eat one thing that nourishes you",
        ],
    },
    ValueChoice {
        name: "creativity",
        about: "making something that was not there before",
        actions: &[
            "doodle for three minutes",
            "write one sentence about something you saw",
            "hum or play a few notes",
        ],
    },
    ValueChoice {
        name: "nature",
        about: "being part of the living world",
        actions: &[
            "look at the sky for a minute",
            "touch a plant or a tree",
            "open a window and listen outside",
        ],
    },
    ValueChoice {
        name: "learning",
        about: "growing and staying curious",
        actions: &[
            "read one page of something",
            "look up one thing you wondered about",
            "watch a short explainer",
        ],
    },
    ValueChoice {
        name: "kindness",
        about: "being gentle with others and yourself",
        actions: &[
            "do one small favour for someone",
            "say one kind thing to yourself",
            "thank someone for something small",
        ],
    },
    ValueChoice {
        name: "calm",
        about: "making room for quiet",
        actions: &[
            "take five slow breaths",
            "sit with a warm drink for a few minutes",
            "put your phone in another room for ten minutes",
        ],
    },
    ValueChoice {
        name: "purpose",
        about: "doing things that matter to you",
        actions: &[
            "do the smallest piece of one task that matters",
            "write down one thing you care about",
            "tidy one small surface",
        ],
    },
    ValueChoice {
        name: "play",
        about: "lightness, fun and curiosity",
        actions: &[
            "play one round of a simple game",
            "put on a song you used to love",
            "do something silly for a minute",
        ],
    },
    ValueChoice {
        name: "care",
        about: "tending to people, pets, plants and home",
        actions: &[
            "water a plant",
            "make your bed or fluff one pillow",
            "check in on someone who might need it",
        ],
    },
];

/// The listed value with this name, ignoring case.
pub fn value_choice(name: &str) -> Option<&'static ValueChoice> {
    let wanted = name.trim().to_lowercase();
    VALUE_CHOICES.iter().find(|v| v.name == wanted)
}

/// A small action for `value` on the `n`th day: listed values rotate
/// through their actions, a person's own value gets a gentle prompt.
pub fn value_action_for(value: &str, n: usize) -> String {
    match value_choice(value) {
        Some(v) if !v.actions.is_empty() => v.actions[n % v.actions.len()].to_owned(),
        _ => format!("one small thing, five minutes or less, for {value}"),
    }
}

/// A core value and why it matters to the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Value {
    pub name: String,
    #[serde(default)]
    pub why: Option<String>,
}

impl Value {
    pub fn checked(self) -> Result<Self, InputError> {
        Ok(Self {
            name: text::label("value", &self.name)?.to_lowercase(),
            why: text::optional_text("why", self.why.as_deref(), text::NOTE_MAX)?,
        })
    }
}

/// Something done in the service of a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueAction {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: Uuid,
    pub value: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime, example = "2026-03-01T23:30:00-05:00"))]
    pub at: Moment,
    pub text: String,
}

impl ValueAction {
    pub fn checked(self) -> Result<Self, InputError> {
        Ok(Self {
            value: text::label("value", &self.value)?.to_lowercase(),
            text: required_text("text", &self.text)?,
            ..self
        })
    }
}

/// A small win, captured quickly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Win {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: Uuid,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime, example = "2026-03-01T23:30:00-05:00"))]
    pub at: Moment,
    pub text: String,
}

impl Win {
    pub fn checked(self) -> Result<Self, InputError> {
        Ok(Self {
            text: required_text("text", &self.text)?,
            ..self
        })
    }
}

/// How uncomfortable a social step feels, or how comfortable an attempt
/// felt: 0 to 100.
pub const PERCENT_ALLOWED: &str = "use a whole number from 0 to 100";

/// Checks a 0–100 number a person typed.
pub fn parse_percent(field: &str, raw: &str) -> Result<u8, InputError> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| *n <= 100)
        .ok_or_else(|| InputError::new(field, raw, PERCENT_ALLOWED))
}

/// A step on the social ladder; `difficulty` 0 (easy) to 100 (very hard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocialStep {
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub difficulty: u8,
}

impl SocialStep {
    pub fn checked(self) -> Result<Self, InputError> {
        if self.difficulty > 100 {
            return Err(InputError::new(
                "difficulty",
                self.difficulty.to_string(),
                PERCENT_ALLOWED,
            ));
        }
        Ok(Self {
            name: text::label("step", &self.name)?,
            ..self
        })
    }
}

/// Trying a step; `comfort` 0 (very uneasy) to 100 (at ease).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocialAttempt {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: Uuid,
    pub step: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime, example = "2026-03-01T23:30:00-05:00"))]
    pub at: Moment,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub comfort: u8,
}

impl SocialAttempt {
    pub fn checked(self) -> Result<Self, InputError> {
        if self.comfort > 100 {
            return Err(InputError::new(
                "comfort",
                self.comfort.to_string(),
                PERCENT_ALLOWED,
            ));
        }
        Ok(Self {
            step: text::label("step", &self.step)?,
            ..self
        })
    }
}

/// Comfort at or above this on a step's latest attempt means it has grown
/// enough to think about the next step.
pub const COMFORTABLE: u8 = 60;

/// Where a person is on their ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LadderView {
    /// Steps from easiest to hardest, each with its latest comfort.
    pub steps: Vec<LadderRung>,
    /// The easiest step whose comfort has not grown yet.
    pub next: Option<String>,
}

/// A step with how its attempts went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LadderRung {
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub difficulty: u8,
    pub attempts: usize,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub latest_comfort: Option<u8>,
}

/// The ladder, easiest first, and the suggested next step: the easiest
/// one not yet tried to [`COMFORTABLE`]. `attempts` in time order.
pub fn ladder(steps: &[SocialStep], attempts: &[SocialAttempt]) -> LadderView {
    let mut rungs: Vec<LadderRung> = steps
        .iter()
        .map(|s| {
            let mine: Vec<&SocialAttempt> = attempts.iter().filter(|a| a.step == s.name).collect();
            LadderRung {
                name: s.name.clone(),
                difficulty: s.difficulty,
                attempts: mine.len(),
                latest_comfort: mine.last().map(|a| a.comfort),
            }
        })
        .collect();
    rungs.sort_by(|a, b| a.difficulty.cmp(&b.difficulty).then(a.name.cmp(&b.name)));
    let next = rungs
        .iter()
        .find(|r| r.latest_comfort.is_none_or(|c| c < COMFORTABLE))
        .map(|r| r.name.clone());
    LadderView { steps: rungs, next }
}

/// The six self-care anchors, with a gentle default time and a few words.
pub const ANCHORS: &[(&str, &str, &str)] = &[
    ("sleep", "22:30", "start winding down for bed"),
    ("meals", "12:30", "eat something, even something small"),
    ("movement", "17:00", "move your body for a few minutes"),
    (
        "social contact",
        "18:00",
        "one message or a few words with someone",
    ),
    ("hydration", "10:00", "a glass of water"),
    ("sunlight", "11:00", "a few minutes of daylight"),
];

/// A self-care anchor and its reminder schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelfCare {
    pub name: String,
    /// An RRULE or shorthand; stored as a canonical RRULE.
    #[serde(default)]
    pub every: Option<String>,
    /// HH:MM in the person's time zone.
    #[serde(default)]
    pub time: Option<String>,
}

impl SelfCare {
    /// Checks the name, schedule and time; the schedule becomes a
    /// canonical RRULE.
    pub fn checked(self) -> Result<Self, InputError> {
        Ok(Self {
            name: text::label("name", &self.name)?,
            every: self
                .every
                .as_deref()
                .map(|e| Rule::parse("every", e).map(|r| r.to_rrule()))
                .transpose()?,
            time: self
                .time
                .as_deref()
                .map(|t| check_time("time", t))
                .transpose()?,
        })
    }

    /// The words for an anchor, if it is one of the six.
    pub fn hint(&self) -> Option<&'static str> {
        let name = self.name.to_lowercase();
        ANCHORS.iter().find(|a| a.0 == name).map(|a| a.2)
    }
}

/// Looking after oneself in one of the anchors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelfCareLog {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: Uuid,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime, example = "2026-03-01T23:30:00-05:00"))]
    pub at: Moment,
}

/// How much one occurrence moves the score: the score halves after
/// thirteen occurrences in a row without the thing (as in Loop Habit
/// Tracker for a daily habit).
pub fn score_multiplier() -> f64 {
    0.5_f64.powf(1.0 / 13.0)
}

/// A forgiving measure of consistency from 0 to 1 over occurrences in
/// time order (`true` = it happened): each occurrence nudges the score
/// towards 1 or 0, so one gap costs little and nothing resets to zero.
pub fn forgiving_score(occurrences: impl IntoIterator<Item = bool>) -> f64 {
    let m = score_multiplier();
    occurrences.into_iter().fold(0.0, |s, happened| {
        s * m + if happened { 1.0 - m } else { 0.0 }
    })
}

fn required_text(field: &str, raw: &str) -> Result<String, InputError> {
    text::optional_text(field, Some(raw), text::NOTE_MAX)?
        .ok_or_else(|| InputError::new(field, raw, "write a few words"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_value_has_actions_and_others_get_a_prompt() {
        for v in VALUE_CHOICES {
            assert!(!v.actions.is_empty(), "{}", v.name);
        }
        assert_eq!(value_action_for("Calm", 0), "take five slow breaths");
        assert_ne!(value_action_for("calm", 0), value_action_for("calm", 1));
        assert!(value_action_for("honesty", 3).contains("honesty"));
    }

    #[test]
    fn the_ladder_suggests_the_easiest_step_not_yet_comfortable() {
        let steps = vec![
            SocialStep {
                name: "call mum".into(),
                difficulty: 60,
            },
            SocialStep {
                name: "text a friend".into(),
                difficulty: 20,
            },
        ];
        let at = Moment::from_parts(0, 0).unwrap();
        let attempt = |step: &str, comfort| SocialAttempt {
            id: crate::new_id(),
            step: step.into(),
            at,
            comfort,
        };
        assert_eq!(ladder(&steps, &[]).next.as_deref(), Some("text a friend"));
        let tried = [attempt("text a friend", 30), attempt("text a friend", 70)];
        let view = ladder(&steps, &tried);
        assert_eq!(view.next.as_deref(), Some("call mum"));
        assert_eq!(view.steps[0].attempts, 2);
        assert_eq!(view.steps[0].latest_comfort, Some(70));
    }

    #[test]
    fn the_score_forgives_a_gap_and_never_resets() {
        let steady = forgiving_score(std::iter::repeat_n(true, 30));
        let one_gap = forgiving_score(std::iter::repeat_n(true, 29).chain(std::iter::once(false)));
        assert!(
            one_gap > 0.0 && steady - one_gap < 0.1,
            "{steady} {one_gap}"
        );
        let after_two_weeks_away =
            forgiving_score(std::iter::repeat_n(true, 30).chain(std::iter::repeat_n(false, 14)));
        assert!(after_two_weeks_away > 0.3, "{after_two_weeks_away}");
        assert!(forgiving_score(std::iter::repeat_n(true, 1000)) <= 1.0);
    }

    #[test]
    fn bad_input_names_its_field() {
        assert_eq!(
            parse_percent("comfort", "101").unwrap_err().field,
            "comfort"
        );
        assert_eq!(
            parse_percent("difficulty", "-1").unwrap_err().field,
            "difficulty"
        );
        let care = SelfCare {
            name: "water".into(),
            every: Some("FREQ=YEARLY".into()),
            time: None,
        };
        assert_eq!(care.checked().unwrap_err().field, "every");
        let care = SelfCare {
            name: "water".into(),
            every: Some("daily".into()),
            time: Some("10:00".into()),
        };
        assert_eq!(care.checked().unwrap().every.as_deref(), Some("FREQ=DAILY"));
        let win = Win {
            id: crate::new_id(),
            at: Moment::from_parts(0, 0).unwrap(),
            text: "   ".into(),
        };
        assert_eq!(win.checked().unwrap_err().field, "text");
    }
}
