//! A rating from 0 to 10: mood, numbness, energy, pleasure, connection,
//! enjoyment. The only way to get a [`Rating`] is through a check, so a
//! stored 11 is impossible.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::InputError;

/// What the command line and the web say is allowed for any rating.
pub const RATING_ALLOWED: &str = "use a whole number from 0 to 10";

/// A whole number from 0 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Rating(u8);

impl Rating {
    pub const MAX: u8 = 10;

    /// Checks a number; `field` names it in the error.
    pub fn new(field: &str, value: i64) -> Result<Self, InputError> {
        match u8::try_from(value) {
            Ok(v) if v <= Self::MAX => Ok(Self(v)),
            _ => Err(InputError::new(field, value.to_string(), RATING_ALLOWED)),
        }
    }

    /// Parses what a person typed ("7", " 7 "); `field` names it in the error.
    pub fn parse(field: &str, text: &str) -> Result<Self, InputError> {
        let trimmed = text.trim();
        match trimmed.parse::<i64>() {
            Ok(n) => Self::new(field, n).map_err(|_| InputError::new(field, text, RATING_ALLOWED)),
            Err(_) => Err(InputError::new(field, text, RATING_ALLOWED)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Rating {
    type Error = InputError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::new("rating", value)
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_zero_to_ten() {
        for n in 0..=10 {
            assert_eq!(Rating::new("mood", n).map(Rating::get), Ok(n as u8));
        }
    }

    #[test]
    fn refuses_out_of_range_and_names_the_field() {
        for (text, field) in [
            ("11", "mood"),
            ("-1", "numbness"),
            ("abc", "energy"),
            ("", "pleasure"),
            ("7.5", "connection"),
        ] {
            let err = Rating::parse(field, text).unwrap_err();
            assert_eq!(err.field, field);
            assert_eq!(err.value, text);
            assert!(err.allowed.contains("0 to 10"));
        }
    }

    #[test]
    fn json_refuses_eleven() {
        assert!(serde_json::from_str::<Rating>("11").is_err());
        assert_eq!(serde_json::from_str::<Rating>("7").unwrap().get(), 7);
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_only_accepts_0_to_10(s in "\\PC{0,12}") {
            if let Ok(r) = Rating::parse("mood", &s) {
                prop_assert!(r.get() <= 10);
                prop_assert_eq!(s.trim().parse::<i64>().ok(), Some(i64::from(r.get())));
            }
        }

        #[test]
        fn every_integer_is_judged_by_range(n in any::<i64>()) {
            prop_assert_eq!(Rating::new("mood", n).is_ok(), (0..=10).contains(&n));
        }
    }
}
