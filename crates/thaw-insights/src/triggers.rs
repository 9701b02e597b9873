//! Triggers: how numbness differed on days a check-in named a trigger
//! ("poor sleep", "conflict") from the other days.
//!
//! Triggers are free text, so " Poor sleep" and "poor sleep" are the same
//! trigger: they are compared trimmed and case-insensitively, and shown as
//! first written (the spelling of the earliest check-in that used it).

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::compare::Comparison;
use crate::days::{Dated, DayValues};

/// One trigger in the `triggers` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriggerInsight {
    pub trigger: String,
    pub days_with: usize,
    pub days_without: usize,
    pub numbness_diff: Option<f64>,
    pub numbness_ci95: Option<[f64; 2]>,
    pub enough_data: bool,
}

/// The key two spellings of one trigger share.
pub(crate) fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// Every trigger named in the window's check-ins, sorted by its key.
pub(crate) fn triggers(in_window: &[Dated<'_>], numbness: &DayValues) -> Vec<TriggerInsight> {
    struct Seen<'a> {
        first: (Timestamp, &'a str),
        days: BTreeSet<Date>,
    }
    let mut seen: BTreeMap<String, Seen<'_>> = BTreeMap::new();
    for dated in in_window {
        let at = dated.checkin.at.timestamp();
        for raw in &dated.checkin.triggers {
            let spelling = raw.trim();
            if spelling.is_empty() {
                continue;
            }
            let entry = seen.entry(label_key(spelling)).or_insert_with(|| Seen {
                first: (at, spelling),
                days: BTreeSet::new(),
            });
            entry.first = entry.first.min((at, spelling));
            entry.days.insert(dated.day);
        }
    }
    seen.into_values()
        .map(|Seen { first, days }| {
            let numb = Comparison::of(numbness, |d| days.contains(&d));
            let enough_data = numb.enough_data();
            TriggerInsight {
                trigger: first.1.to_owned(),
                days_with: numb.days_with,
                days_without: numb.days_without,
                numbness_diff: numb.diff,
                numbness_ci95: numb.ci95.filter(|_| enough_data),
                enough_data,
            }
        })
        .collect()
}
