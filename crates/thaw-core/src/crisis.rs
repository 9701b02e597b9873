//! Crisis resources: who a person can call or text, right now, in their
//! country, plus the local emergency number and a short international
//! fallback for anywhere not listed.
//!
//! The list lives in `data/crisis_lines.json` and is compiled into the
//! binary with `include_str!`. This module never makes a network call and
//! never reads a file at run time: a person in crisis may be offline, and
//! a number that has to be fetched first is a number that may not come.
//!
//! Every entry carries the address of the page that confirmed it
//! (`source`, the organisation's own site or a government page) and the
//! day it was checked (`verified`). Apps have shipped dead hotline numbers,
//! so the tests below refuse an entry without an `https://` source, a
//! verified date in a sane range, or any way to reach it. [`data_age_days`]
//! tells a health check how long ago the oldest entry was checked, so
//! stale data shows up before it hurts anyone.
//!
//! Start at [`directory`], then [`for_country`]; [`Resources::refs`] gives
//! the flat list the JSON API returns. Deliberately not here: choosing the
//! person's country (that comes from settings) and any wording shown around
//! the numbers (the interfaces own that).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The checked-in list, compiled into the binary.
const DATA: &str = include_str!("../data/crisis_lines.json");

/// One way to reach a person: a phone line, a text line, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrisisLine {
    pub name: String,
    /// A number to call, written the way the service writes it ("116 123").
    pub phone: Option<String>,
    /// How to text, written as an instruction ("Text SHOUT to 85258").
    pub text: Option<String>,
    pub url: Option<String>,
    /// Opening hours as the service gives them ("24/7"); `None` when the
    /// source did not say.
    pub hours: Option<String>,
    /// A short, plain description.
    pub about: Option<String>,
    /// The page that confirmed the number.
    pub source: String,
    /// The day the number was checked against `source`.
    pub verified: Date,
}

/// The lines for one country, with its emergency number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryLines {
    /// ISO 3166-1 alpha-2, uppercase ("GB").
    pub country: String,
    /// The country's name in English.
    pub name: String,
    /// The local emergency number ("999").
    pub emergency: String,
    pub lines: Vec<CrisisLine>,
}

/// Everything in the data file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    /// Directories that work from anywhere, used when the country is
    /// unknown or not listed.
    pub international: Vec<CrisisLine>,
    pub countries: Vec<CountryLines>,
}

/// The built-in data could not be read. Only a broken build can cause
/// this; the tests below parse the same text.
#[derive(Debug, thiserror::Error)]
pub enum CrisisDataError {
    #[error("the built-in list of crisis lines could not be read: {0}")]
    Parse(#[from] serde_json::Error),
}

/// Parses the built-in list. Cheap enough to call whenever it is needed;
/// nothing is cached.
pub fn directory() -> Result<Directory, CrisisDataError> {
    Ok(serde_json::from_str(DATA)?)
}

/// What to show one person: their country's lines (if listed), its
/// emergency number, and the international fallback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resources {
    pub country: Option<CountryLines>,
    pub international: Vec<CrisisLine>,
    pub emergency: Option<String>,
}

/// Picks the lines for `code` (ISO 3166-1 alpha-2, any case, surrounding
/// spaces ignored). An unknown code, or none, gives only the international
/// list and no emergency number.
pub fn for_country(dir: &Directory, code: Option<&str>) -> Resources {
    let found = code.map(str::trim).filter(|c| !c.is_empty()).and_then(|c| {
        dir.countries
            .iter()
            .find(|lines| lines.country.eq_ignore_ascii_case(c))
    });
    Resources {
        country: found.cloned(),
        international: dir.international.clone(),
        emergency: found.map(|lines| lines.emergency.clone()),
    }
}

/// One entry of the JSON API's list: a name, at least one way to reach
/// it, and where it applies (a country code, or `"international"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceRef {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub country: String,
}

impl ResourceRef {
    fn from_line(line: &CrisisLine, country: &str) -> Self {
        Self {
            name: line.name.clone(),
            phone: line.phone.clone(),
            text: line.text.clone(),
            url: line.url.clone(),
            country: country.to_owned(),
        }
    }
}

/// The `country` value of international entries in [`ResourceRef`].
pub const INTERNATIONAL: &str = "international";

impl Resources {
    /// The country's lines first, then the international ones. Never
    /// empty: the data always has an international entry (a test holds
    /// it to that).
    pub fn refs(&self) -> Vec<ResourceRef> {
        let local = self.country.iter().flat_map(|c| {
            c.lines
                .iter()
                .map(move |line| ResourceRef::from_line(line, &c.country))
        });
        let international = self
            .international
            .iter()
            .map(|line| ResourceRef::from_line(line, INTERNATIONAL));
        local.chain(international).collect()
    }
}

/// Days from the oldest `verified` date to `today`; 0 for an empty
/// directory. A health check can warn when this grows large.
pub fn data_age_days(dir: &Directory, today: Date) -> i64 {
    let oldest = dir
        .countries
        .iter()
        .flat_map(|c| c.lines.iter())
        .chain(dir.international.iter())
        .map(|line| line.verified)
        .min();
    match oldest {
        None => 0,
        // Two civil dates are at most ~7.3 million days apart, so this
        // cannot overflow; if it ever did, "very old" is the safe answer.
        Some(date) => match today.since(date) {
            Ok(span) => i64::from(span.get_days()),
            Err(_) => i64::MAX,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use jiff::civil::date;

    use super::*;

    fn all_lines(dir: &Directory) -> impl Iterator<Item = (&str, &CrisisLine)> {
        dir.countries
            .iter()
            .flat_map(|c| c.lines.iter().map(move |l| (c.country.as_str(), l)))
            .chain(dir.international.iter().map(|l| (INTERNATIONAL, l)))
    }

    fn has(value: &Option<String>) -> bool {
        value.as_deref().is_some_and(|v| !v.trim().is_empty())
    }

    #[test]
    fn the_file_parses() {
        let dir = directory().unwrap();
        assert!(!dir.international.is_empty());
    }

    #[test]
    fn at_least_25_countries() {
        assert!(directory().unwrap().countries.len() >= 25);
    }

    #[test]
    fn every_entry_has_an_https_source_and_a_sane_verified_date() {
        let dir = directory().unwrap();
        let earliest = date(2025, 1, 1);
        let latest = date(2026, 11, 25);
        for (country, line) in all_lines(&dir) {
            assert!(
                line.source.starts_with("https://") && line.source.len() > "https://".len(),
                "{country} {}: source {:?}",
                line.name,
                line.source
            );
            assert!(
                line.verified >= earliest && line.verified <= latest,
                "{country} {}: verified {}",
                line.name,
                line.verified
            );
            assert!(
                !line.name.trim().is_empty(),
                "{country}: a line has no name"
            );
        }
    }

    #[test]
    fn every_entry_can_be_reached() {
        let dir = directory().unwrap();
        for (country, line) in all_lines(&dir) {
            assert!(
                has(&line.phone) || has(&line.text) || has(&line.url),
                "{country} {}: no phone, text or url",
                line.name
            );
            if let Some(url) = &line.url {
                assert!(
                    url.starts_with("https://"),
                    "{country} {}: url {url}",
                    line.name
                );
            }
        }
    }

    #[test]
    fn every_country_has_an_emergency_number_and_a_line_to_call_or_text() {
        let dir = directory().unwrap();
        for c in &dir.countries {
            assert!(
                !c.emergency.trim().is_empty() && c.emergency.chars().all(|ch| ch.is_ascii_digit()),
                "{}: emergency {:?}",
                c.country,
                c.emergency
            );
            assert!(
                c.lines.iter().any(|l| has(&l.phone) || has(&l.text)),
                "{}: nothing to call or text",
                c.country
            );
            assert!(!c.name.trim().is_empty(), "{}: no name", c.country);
        }
    }

    #[test]
    fn country_codes_are_unique_and_two_uppercase_letters() {
        let dir = directory().unwrap();
        let mut seen = HashSet::new();
        for c in &dir.countries {
            assert!(
                c.country.len() == 2 && c.country.chars().all(|ch| ch.is_ascii_uppercase()),
                "bad code {:?}",
                c.country
            );
            assert!(
                seen.insert(c.country.as_str()),
                "{} listed twice",
                c.country
            );
        }
    }

    fn phones(res: &Resources) -> Vec<String> {
        res.refs().into_iter().filter_map(|r| r.phone).collect()
    }

    #[test]
    fn gb_lists_samaritans_116_123() {
        let dir = directory().unwrap();
        assert!(phones(&for_country(&dir, Some("GB"))).contains(&"116 123".to_owned()));
    }

    #[test]
    fn us_lists_988() {
        let dir = directory().unwrap();
        let res = for_country(&dir, Some("US"));
        assert!(phones(&res).contains(&"988".to_owned()));
        assert_eq!(res.emergency.as_deref(), Some("911"));
    }

    #[test]
    fn lookup_ignores_case_and_spaces() {
        let dir = directory().unwrap();
        let lower = for_country(&dir, Some("gb"));
        assert_eq!(
            lower.country.as_ref().map(|c| c.country.as_str()),
            Some("GB")
        );
        assert_eq!(lower.emergency.as_deref(), Some("999"));
        assert_eq!(lower, for_country(&dir, Some(" Gb ")));
        let refs = lower.refs();
        assert_eq!(refs.first().map(|r| r.country.as_str()), Some("GB"));
        assert_eq!(refs.last().map(|r| r.country.as_str()), Some(INTERNATIONAL));
    }

    #[test]
    fn unknown_or_missing_country_gives_the_international_list() {
        let dir = directory().unwrap();
        for code in [Some("ZZ"), None, Some(""), Some("GBR")] {
            let res = for_country(&dir, code);
            assert_eq!(res.country, None, "{code:?}");
            assert_eq!(res.emergency, None, "{code:?}");
            assert_eq!(res.international, dir.international, "{code:?}");
            let refs = res.refs();
            assert!(!refs.is_empty(), "{code:?}");
            assert!(refs.iter().all(|r| r.country == INTERNATIONAL), "{code:?}");
        }
    }

    #[test]
    fn refs_serialize_without_empty_fields() {
        let dir = directory().unwrap();
        let json = serde_json::to_value(for_country(&dir, Some("GB")).refs()).unwrap();
        let list = json.as_array().unwrap();
        assert!(!list.is_empty());
        for item in list {
            let obj = item.as_object().unwrap();
            assert!(obj.contains_key("name") && obj.contains_key("country"));
            assert!(
                ["phone", "text", "url"]
                    .iter()
                    .any(|k| obj.contains_key(*k))
            );
            assert!(obj.values().all(|v| !v.is_null()), "{obj:?}");
        }
    }

    #[test]
    fn data_age_counts_from_the_oldest_check() {
        let dir = directory().unwrap();
        let oldest = all_lines(&dir).map(|(_, l)| l.verified).min().unwrap();
        assert_eq!(data_age_days(&dir, oldest), 0);
        assert_eq!(
            data_age_days(
                &dir,
                oldest.checked_add(jiff::Span::new().days(30)).unwrap()
            ),
            30
        );
        let empty = Directory {
            international: Vec::new(),
            countries: Vec::new(),
        };
        assert_eq!(data_age_days(&empty, oldest), 0);
    }
}
