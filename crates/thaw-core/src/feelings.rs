//! The named-sensations vocabulary: concrete statements that turn a vague
//! "I feel nothing" into words a person can notice, track and share.
//!
//! Grouped the way numbness tends to show up. A person may always use
//! their own words too; these are a starting point, never a checklist.

/// A group of related statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeelingGroup {
    /// Stable key (`detachment`, `interest`, `energy`, `body`, `emotion`).
    pub key: &'static str,
    /// The heading people read.
    pub title: &'static str,
    /// A line that says what the group is about.
    pub hint: &'static str,
    pub statements: &'static [&'static str],
}

/// The whole vocabulary, in the order it is shown.
pub const VOCABULARY: &[FeelingGroup] = &[
    FeelingGroup {
        key: "detachment",
        title: "Distance from yourself and the world",
        hint: "When things feel far away or not quite real.",
        statements: &[
            "I feel detached",
            "I'm going through the motions",
            "Things feel far away, like behind glass",
            "I feel like I'm watching my life from outside",
            "My emotions feel distant or unreliable",
            "I can't quite reach my feelings",
            "The world feels flat, like it lost its colour",
            "I feel disconnected from people I love",
            "I'm here, but not really present",
        ],
    },
    FeelingGroup {
        key: "interest",
        title: "Less interest or pleasure",
        hint: "When what used to matter doesn't land the way it did.",
        statements: &[
            "I don't care about things I used to",
            "Nothing sounds good right now",
            "Good news doesn't really land",
            "I can't look forward to anything",
            "Music and food taste muted",
            "I'm not curious about much",
            "I'd rather not see anyone",
            "I did something nice and felt little",
        ],
    },
    FeelingGroup {
        key: "energy",
        title: "Energy and effort",
        hint: "When everything costs more than it should.",
        statements: &[
            "My energy is capped at a low level",
            "Small tasks feel heavy",
            "Getting started is the hardest part",
            "I'm tired even after resting",
            "My thoughts feel slow or foggy",
            "I can't concentrate for long",
            "I keep putting things off",
            "I need a lot of time to recover from people",
        ],
    },
    FeelingGroup {
        key: "body",
        title: "In the body",
        hint: "Numbness often shows up physically first.",
        statements: &[
            "My chest feels hollow or heavy",
            "My body feels heavy",
            "My face feels blank or frozen",
            "There's tightness in my throat",
            "My shoulders are tense",
            "My stomach feels knotted or empty",
            "I feel cold or shut down",
            "I can barely feel my body",
            "My sleep is off",
            "My appetite is off",
        ],
    },
    FeelingGroup {
        key: "emotion",
        title: "Emotion words",
        hint: "Even faint ones count. Naming them helps them move.",
        statements: &[
            "empty",
            "flat",
            "numb",
            "restless",
            "irritable",
            "lonely",
            "sad",
            "anxious",
            "overwhelmed",
            "ashamed",
            "guilty",
            "hopeless",
            "calm",
            "content",
            "relieved",
            "hopeful",
            "a flicker of joy",
            "grateful",
        ],
    },
];

/// Every statement, in order.
pub fn all() -> impl Iterator<Item = &'static str> {
    VOCABULARY.iter().flat_map(|g| g.statements.iter().copied())
}

/// Finds statements that contain `words` (case-insensitive), to help a
/// person pick one while typing.
pub fn suggest(words: &str) -> Vec<&'static str> {
    let needle = words.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    all()
        .filter(|s| s.to_lowercase().contains(&needle))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_five_groups_and_at_least_forty_statements() {
        let keys: Vec<_> = VOCABULARY.iter().map(|g| g.key).collect();
        assert_eq!(
            keys,
            ["detachment", "interest", "energy", "body", "emotion"]
        );
        assert!(all().count() >= 40, "{}", all().count());
    }

    #[test]
    fn has_the_statements_from_the_article() {
        for s in [
            "I feel detached",
            "I don't care about things I used to",
            "My energy is capped at a low level",
        ] {
            assert!(all().any(|x| x == s), "{s}");
        }
    }

    #[test]
    fn statements_are_unique_and_fit_a_label() {
        let mut seen = std::collections::HashSet::new();
        for s in all() {
            assert!(seen.insert(s.to_lowercase()), "duplicate: {s}");
            assert!(crate::text::label("feel", s).is_ok(), "{s}");
        }
    }

    #[test]
    fn suggest_finds_by_a_word() {
        assert!(suggest("detach").contains(&"I feel detached"));
        assert!(suggest("  ").is_empty());
    }
}
