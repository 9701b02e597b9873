//! Journal entries, the reflective prompts that open an empty page, and
//! the rules for searching.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::InputError;
use crate::moment::Moment;
use crate::text::{self, JOURNAL_MAX};

/// A saved journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JournalEntry {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: Uuid,
    /// RFC 3339 with the offset it was recorded at.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Moment,
    pub text: String,
    pub tags: Vec<String>,
    /// Marked to bring to therapy.
    pub for_therapy: bool,
}

/// What an interface collects for a new entry.
#[derive(Debug, Clone, Default)]
pub struct JournalDraft {
    pub text: String,
    pub tags: Vec<String>,
    pub for_therapy: bool,
}

impl JournalDraft {
    pub fn validate(&self, id: Uuid, at: Moment) -> Result<JournalEntry, InputError> {
        let Some(text) = text::optional_text("text", Some(&self.text), JOURNAL_MAX)? else {
            return Err(InputError::new("text", &self.text, "write at least a word"));
        };
        Ok(JournalEntry {
            id,
            at,
            text,
            tags: text::labels("tag", &self.tags)?,
            for_therapy: self.for_therapy,
        })
    }
}

/// How to narrow the journal list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalQuery {
    /// Words to find; each must appear (as a word or the start of one).
    pub words: Vec<String>,
    pub tag: Option<String>,
    pub for_therapy_only: bool,
}

impl JournalQuery {
    /// Builds a query from what a person typed in a search box.
    pub fn new(
        search: Option<&str>,
        tag: Option<&str>,
        for_therapy_only: bool,
    ) -> Result<Self, InputError> {
        let words = match search {
            Some(s) => {
                let words = search_words(s);
                if words.is_empty() {
                    return Err(InputError::new(
                        "search",
                        s,
                        "search for at least one word with letters or digits",
                    ));
                }
                words
            }
            None => Vec::new(),
        };
        let tag = tag.map(|t| text::label("tag", t)).transpose()?;
        Ok(Self {
            words,
            tag,
            for_therapy_only,
        })
    }
}

/// Splits search text into lowercase words of letters and digits, the
/// same way both stores split the entries, so no search syntax can leak
/// through.
pub fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(16)
        .collect()
}

/// Prompts for an empty page. One is offered each day, in turn.
pub const PROMPTS: &[&str] = &[
    "What is one small thing you noticed today, even if it felt faint?",
    "Where in your body do you feel the most right now?",
    "What did you do today that took more effort than anyone could see?",
    "When did you feel even a little closer to someone recently?",
    "What used to bring you comfort? What is the smallest version of it?",
    "What would you like your trusted person to know about this week?",
    "What felt a little less heavy today than yesterday?",
    "If numbness could speak, what might it be protecting you from?",
    "What is one thing you'd like to bring up in therapy?",
    "What matters to you, even when you can't feel it right now?",
    "Describe one ordinary moment from today in detail.",
    "What would a kind friend say to you about today?",
];

/// The prompt for a given day (a day number such as days since an epoch).
pub fn prompt_for_day(day_number: i64) -> &'static str {
    let len = PROMPTS.len() as i64;
    let index = usize::try_from(day_number.rem_euclid(len)).unwrap_or(0);
    PROMPTS
        .get(index)
        .copied()
        .unwrap_or("What is on your mind?")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn search_words_strip_syntax() {
        assert_eq!(search_words("bakery"), ["bakery"]);
        assert_eq!(
            search_words("\"smell\" AND bread*"),
            ["smell", "and", "bread"]
        );
        assert_eq!(search_words("don't — café!"), ["don", "t", "café"]);
        assert!(search_words("*** ---").is_empty());
    }

    #[test]
    fn a_search_without_words_is_refused() {
        assert_eq!(
            JournalQuery::new(Some("!!"), None, false)
                .unwrap_err()
                .field,
            "search"
        );
    }

    #[test]
    fn an_empty_entry_is_refused() {
        let draft = JournalDraft {
            text: "  \n ".into(),
            ..Default::default()
        };
        let at = Moment::from_parts(0, 0).unwrap();
        assert_eq!(draft.validate(Uuid::nil(), at).unwrap_err().field, "text");
    }

    #[test]
    fn prompts_rotate_by_day() {
        assert_ne!(prompt_for_day(0), prompt_for_day(1));
        assert_eq!(prompt_for_day(-1), PROMPTS[PROMPTS.len() - 1]);
    }

    proptest! {
        #[test]
        fn search_words_are_only_letters_and_digits(s in "\\PC{0,80}") {
            for w in search_words(&s) {
                prop_assert!(!w.is_empty());
                prop_assert!(w.chars().all(char::is_alphanumeric));
            }
        }
    }
}
