//! Triggers: how numbness differed on days a check-in named a trigger
//! ("poor sleep", "conflict") from the other days.
//!
//! Triggers are free text, so " Poor sleep" and "poor sleep" are the same
//! trigger: they are compared trimmed and case-insensitively, and shown as
//! first written (the spelling of the earliest check-in that used it).

use std::collections::{BTreeSet, HashMap};
use thaw_core::quick_hash::QuickHash;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::compare::{ByValue, Comparison, flags};
use crate::days::Dated;

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

/// Labels (triggers, sensations) numbered by their key, each spelling
/// keyed only once.
#[derive(Debug, Default)]
pub(crate) struct Labels<'a> {
    by_spelling: HashMap<&'a str, usize, QuickHash>,
    by_key: HashMap<String, usize>,
    keys: Vec<String>,
}

/// `label.trim()`, skipping the Unicode-aware scan in the usual case of a
/// label that starts and ends with a visible ASCII character.
pub(crate) fn trimmed(label: &str) -> &str {
    let visible =
        |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace());
    let bytes = label.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        label
    } else {
        label.trim()
    }
}

impl<'a> Labels<'a> {
    /// The number of the key of `raw`, `None` when it is blank. Numbers
    /// count up from 0 in the order keys are first seen.
    pub fn id(&mut self, raw: &'a str) -> Option<usize> {
        let spelling = trimmed(raw);
        if spelling.is_empty() {
            return None;
        }
        if let Some(&id) = self.by_spelling.get(spelling) {
            return Some(id);
        }
        let key = label_key(spelling);
        let id = match self.by_key.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.keys.len();
                self.keys.push(key.clone());
                self.by_key.insert(key, id);
                id
            }
        };
        self.by_spelling.insert(spelling, id);
        Some(id)
    }

    /// The key numbered `id`.
    pub fn key(&self, id: usize) -> &str {
        self.keys.get(id).map_or("", String::as_str)
    }
}

/// Every trigger named in the window's check-ins, sorted by its key.
pub(crate) fn triggers(in_window: &[Dated<'_>], numbness: &ByValue) -> Vec<TriggerInsight> {
    struct Seen<'a> {
        first: (Timestamp, &'a str),
        days: BTreeSet<Date>,
    }
    let mut labels = Labels::default();
    // By key number.
    let mut seen: Vec<Option<Seen<'_>>> = Vec::new();
    for dated in in_window {
        let at = dated.checkin.at.timestamp();
        for raw in &dated.checkin.triggers {
            let Some(id) = labels.id(raw) else {
                continue;
            };
            let spelling = trimmed(raw);
            if seen.len() <= id {
                seen.resize_with(id + 1, || None);
            }
            let entry = seen[id].get_or_insert_with(|| Seen {
                first: (at, spelling),
                days: BTreeSet::new(),
            });
            entry.first = entry.first.min((at, spelling));
            entry.days.insert(dated.day);
        }
    }
    let mut by_key: Vec<(&str, Seen<'_>)> = seen
        .into_iter()
        .enumerate()
        .filter_map(|(id, seen)| Some((labels.key(id), seen?)))
        .collect();
    by_key.sort_unstable_by(|a, b| a.0.cmp(b.0));
    by_key
        .into_iter()
        .map(|(_, Seen { first, days })| {
            let numb = Comparison::split(numbness, &flags(&numbness.days, days));
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
