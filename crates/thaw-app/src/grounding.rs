//! Grounding sessions: an exercise done (or begun) with numbness before
//! and after, both skippable. The pacing itself lives in
//! `thaw_core::grounding`; this records what happened.

use thaw_core::activity::GroundingSession;
use thaw_core::grounding::Technique;
use thaw_core::{InputError, Moment, Rating, new_id};

use crate::{AppError, Thaw};

/// Reads an optional numbness rating (`before`/`after`) as typed.
pub fn numbness(field: &str, typed: Option<&str>) -> Result<Option<Rating>, InputError> {
    typed
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Rating::parse(field, t))
        .transpose()
}

/// Builds a session, without storing it.
pub fn prepare_grounding(
    technique: Technique,
    at: Moment,
    duration_s: u32,
    before: Option<Rating>,
    after: Option<Rating>,
) -> GroundingSession {
    GroundingSession {
        id: new_id(),
        technique: technique.key().to_owned(),
        at,
        duration_s,
        before,
        after,
    }
}

impl Thaw {
    /// Stores a session; when this returns, it is on disk.
    pub fn save_grounding(&self, session: &GroundingSession) -> Result<(), AppError> {
        Ok(self.store.insert_grounding(self.owner, session)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_optional_and_checked() {
        assert_eq!(numbness("before", None).unwrap(), None);
        assert_eq!(numbness("before", Some(" ")).unwrap(), None);
        assert_eq!(
            numbness("after", Some("5")).unwrap().map(Rating::get),
            Some(5)
        );
        assert_eq!(numbness("after", Some("11")).unwrap_err().field, "after");
    }
}
