//! Settings a person can change with `thaw config set KEY VALUE`, and the
//! checks each value must pass. Reading and writing the file lives in
//! `thaw-app`.

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::error::InputError;

/// Every setting. Unset means "use the sensible default".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// An IANA time zone name; defines "a day" everywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// An ISO 3166-1 alpha-2 country code, for crisis resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A key people can use with `thaw config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingKey {
    pub name: &'static str,
    pub about: &'static str,
}

/// The keys, in the order they are listed.
pub const KEYS: &[SettingKey] = &[
    SettingKey {
        name: "timezone",
        about: "your time zone, like Europe/Berlin; it decides where a day begins and ends",
    },
    SettingKey {
        name: "country",
        about: "your country as a two-letter code, like DE or US; it picks the crisis lines shown",
    },
];

fn unknown_key(key: &str) -> InputError {
    let names: Vec<_> = KEYS.iter().map(|k| k.name).collect();
    InputError::new("key", key, format!("use one of: {}", names.join(", ")))
}

impl Settings {
    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Result<Option<&str>, InputError> {
        match key {
            "timezone" => Ok(self.timezone.as_deref()),
            "country" => Ok(self.country.as_deref()),
            _ => Err(unknown_key(key)),
        }
    }

    /// Checks and sets `key`; an empty value unsets it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), InputError> {
        let value = value.trim();
        match key {
            "timezone" => {
                self.timezone = if value.is_empty() {
                    None
                } else {
                    Some(check_timezone(value)?)
                }
            }
            "country" => {
                self.country = if value.is_empty() {
                    None
                } else {
                    Some(check_country(value)?)
                }
            }
            _ => return Err(unknown_key(key)),
        }
        Ok(())
    }

    /// The person's time zone: the setting, else the system's, else UTC.
    pub fn time_zone(&self) -> TimeZone {
        self.timezone
            .as_deref()
            .and_then(|name| TimeZone::get(name).ok())
            .unwrap_or_else(TimeZone::system)
    }
}

fn check_timezone(value: &str) -> Result<String, InputError> {
    match TimeZone::get(value) {
        Ok(tz) => Ok(tz.iana_name().unwrap_or(value).to_owned()),
        Err(_) => Err(InputError::new(
            "timezone",
            value,
            "use a time zone name like Europe/Berlin, America/New_York or UTC",
        )),
    }
}

fn check_country(value: &str) -> Result<String, InputError> {
    if value.len() == 2 && value.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(InputError::new(
            "country",
            value,
            "use a two-letter country code like DE, GB or US",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_values_are_kept_and_normalized() {
        let mut s = Settings::default();
        s.set("timezone", "Europe/Berlin").unwrap();
        s.set("country", "de").unwrap();
        assert_eq!(s.get("timezone").unwrap(), Some("Europe/Berlin"));
        assert_eq!(s.get("country").unwrap(), Some("DE"));
        assert_eq!(s.time_zone().iana_name(), Some("Europe/Berlin"));
    }

    #[test]
    fn bad_values_name_the_key_and_change_nothing() {
        let mut s = Settings::default();
        assert_eq!(
            s.set("timezone", "Mars/Olympus").unwrap_err().field,
            "timezone"
        );
        assert_eq!(s.set("country", "Germany").unwrap_err().field, "country");
        assert_eq!(s.set("colour", "blue").unwrap_err().field, "key");
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn empty_value_unsets() {
        let mut s = Settings::default();
        s.set("country", "GB").unwrap();
        s.set("country", "").unwrap();
        assert_eq!(s.get("country").unwrap(), None);
    }
}
