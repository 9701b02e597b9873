//! The two personal plans: the safety plan (the Stanley–Brown sections)
//! and the relapse plan (warning signs and the core steps back). Each is a
//! list of short items per section, written by the person.
//!
//! Also the text form used to edit a plan in `$EDITOR` or a pipe:
//! `## Section` headings, one `- item` per line, `#` lines are help.

use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::text;

/// Which plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanKind {
    Safety,
    Relapse,
}

/// One section of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The key in JSON and storage (`warning_signs`, …).
    pub key: &'static str,
    pub title: &'static str,
    /// A gentle question that helps fill it in.
    pub prompt: &'static str,
}

const SAFETY: [Section; 7] = [
    Section {
        key: "warning_signs",
        title: "Warning signs",
        prompt: "Thoughts, feelings or situations that tell me a hard time may be starting.",
    },
    Section {
        key: "coping",
        title: "Things I can do on my own",
        prompt: "Ways to take my mind off things without contacting anyone: a walk, music, a shower.",
    },
    Section {
        key: "distractions",
        title: "People and places that help me feel better",
        prompt: "People to be around and places to go, without needing to talk about how I feel.",
    },
    Section {
        key: "people",
        title: "People I can ask for help",
        prompt: "Names and numbers of people I can tell that I am struggling.",
    },
    Section {
        key: "professionals",
        title: "Professionals and services",
        prompt: "My clinician, GP or therapist, a local urgent care service, a crisis line.",
    },
    Section {
        key: "safe_environment",
        title: "Making where I am safer",
        prompt: "Steps to keep things I could hurt myself with away, or to be with someone.",
    },
    Section {
        key: "reasons_for_living",
        title: "Reasons for living",
        prompt: "People, pets, plans or small things that matter to me, even faintly.",
    },
];

const RELAPSE: [Section; 2] = [
    Section {
        key: "warning_signs",
        title: "My early warning signs",
        prompt: "What numbness coming back looks like for me: sleeping more, cancelling plans, music going flat.",
    },
    Section {
        key: "steps",
        title: "My steps back",
        prompt: "Small steps that helped before.",
    },
];

/// The core steps a relapse plan starts with, in the person's voice.
pub const CORE_STEPS: [&str; 4] = [
    "Reach out: send one message to someone I trust",
    "Ground: five slow breaths, or name three things I can feel",
    "Re-establish one routine: a regular wake-up time, a meal, a short walk",
    "Revisit my values: one small action for something that matters to me",
];

impl PlanKind {
    pub fn sections(self) -> &'static [Section] {
        match self {
            PlanKind::Safety => &SAFETY,
            PlanKind::Relapse => &RELAPSE,
        }
    }

    /// Where section `key` stands in this kind's plan; an unknown key is
    /// refused as `section` (never as a field named after the key, which
    /// may be blank).
    pub fn section_index(self, key: &str) -> Result<usize, InputError> {
        self.sections()
            .iter()
            .position(|s| s.key == key)
            .ok_or_else(|| {
                let keys: Vec<_> = self.sections().iter().map(|s| s.key).collect();
                InputError::new("section", key, format!("use one of: {}", keys.join(", ")))
            })
    }

    pub fn key(self) -> &'static str {
        match self {
            PlanKind::Safety => "safety",
            PlanKind::Relapse => "relapse",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            PlanKind::Safety => "My safety plan",
            PlanKind::Relapse => "My relapse plan",
        }
    }
}

/// A plan: for each of its kind's sections, in order, the items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub kind: PlanKind,
    pub items: Vec<Vec<String>>,
}

impl Plan {
    /// An empty plan; a relapse plan starts with the core steps.
    pub fn starter(kind: PlanKind) -> Self {
        let mut items = vec![Vec::new(); kind.sections().len()];
        if kind == PlanKind::Relapse {
            if let Some(steps) = items.get_mut(1) {
                *steps = CORE_STEPS.iter().map(|s| (*s).to_owned()).collect();
            }
        }
        Self { kind, items }
    }

    /// Builds a plan from (section key, items), checking every item.
    pub fn from_sections(
        kind: PlanKind,
        sections: &[(String, Vec<String>)],
    ) -> Result<Self, InputError> {
        let mut items = vec![Vec::new(); kind.sections().len()];
        for (key, list) in sections {
            let index = kind.section_index(key)?;
            for item in list {
                if let Some(clean) = text::optional_text(key, Some(item), text::LABEL_MAX * 2)? {
                    if let Some(slot) = items.get_mut(index) {
                        slot.push(clean);
                    }
                }
            }
        }
        Ok(Self { kind, items })
    }

    pub fn is_empty(&self) -> bool {
        self.items.iter().all(Vec::is_empty)
    }

    /// (section, items) pairs in order.
    pub fn sections(&self) -> impl Iterator<Item = (&'static Section, &[String])> {
        self.kind
            .sections()
            .iter()
            .zip(self.items.iter().map(Vec::as_slice))
    }

    /// The text form for editing.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "# {}. One item per line, starting with \"- \". Lines starting with # are help and are not saved.\n",
            self.kind.title()
        );
        for (section, items) in self.sections() {
            out.push_str(&format!("\n## {}\n# {}\n", section.title, section.prompt));
            for item in items {
                out.push_str(&format!("- {item}\n"));
            }
        }
        out
    }

    /// Reads the text form back; a heading that is not a section is named.
    pub fn from_text(kind: PlanKind, text: &str) -> Result<Self, InputError> {
        let mut sections: Vec<(String, Vec<String>)> = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if let Some(title) = line.strip_prefix("## ") {
                let title = title.trim();
                let Some(section) = kind.sections().iter().find(|s| {
                    s.title.eq_ignore_ascii_case(title) || s.key.eq_ignore_ascii_case(title)
                }) else {
                    let titles: Vec<_> = kind.sections().iter().map(|s| s.title).collect();
                    return Err(InputError::new(
                        "section",
                        title,
                        format!("use the headings: {}", titles.join("; ")),
                    ));
                };
                sections.push((section.key.to_owned(), Vec::new()));
            } else if line.is_empty() || line.starts_with('#') {
                continue;
            } else {
                let item = line
                    .strip_prefix("- ")
                    .or_else(|| line.strip_prefix('-'))
                    .unwrap_or(line);
                match sections.last_mut() {
                    Some((_, items)) => items.push(item.to_owned()),
                    None => {
                        return Err(InputError::new(
                            "plan",
                            line,
                            "put each item under a ## heading",
                        ));
                    }
                }
            }
        }
        Self::from_sections(kind, &sections)
    }

    /// The plan as a JSON object keyed by section (the export format).
    pub fn to_json(&self) -> serde_json::Value {
        let map = self
            .sections()
            .map(|(s, items)| (s.key.to_owned(), serde_json::json!(items)))
            .collect::<serde_json::Map<_, _>>();
        serde_json::Value::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip_keeps_every_item() {
        let mut plan = Plan::starter(PlanKind::Safety);
        plan.items[0] = vec![
            "Staying in bed past noon".into(),
            "Not answering texts".into(),
        ];
        plan.items[6] = vec!["My sister's kids".into()];
        let back = Plan::from_text(PlanKind::Safety, &plan.to_text()).unwrap();
        assert_eq!(back, plan);
    }

    #[test]
    fn a_relapse_plan_starts_with_the_core_steps() {
        let plan = Plan::starter(PlanKind::Relapse);
        assert_eq!(plan.items[1].len(), 4);
        assert!(plan.items[1][0].starts_with("Reach out"));
        let json = plan.to_json();
        assert!(json["warning_signs"].as_array().unwrap().is_empty());
        assert_eq!(json["steps"].as_array().unwrap().len(), 4);
    }

    #[test]
    fn unknown_headings_and_loose_items_are_named() {
        assert_eq!(
            Plan::from_text(PlanKind::Safety, "## Hobbies\n- x")
                .unwrap_err()
                .field,
            "section"
        );
        assert_eq!(
            Plan::from_text(PlanKind::Safety, "- an item before any heading")
                .unwrap_err()
                .field,
            "plan"
        );
    }

    #[test]
    fn safety_plan_has_the_stanley_brown_sections_in_the_export_names() {
        let keys: Vec<_> = PlanKind::Safety.sections().iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            [
                "warning_signs",
                "coping",
                "distractions",
                "people",
                "professionals",
                "safe_environment",
                "reasons_for_living"
            ]
        );
    }
}
