//! Naming: how many different sensations a person put words to, week by
//! week. Numbness often comes with "I can't tell what I feel"; a growing
//! vocabulary is a sign of feelings coming back into reach, even before
//! the numbness ratings move. This section goes beyond the spec.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use jiff::{Span, ToSpan};
use serde::{Deserialize, Serialize};

use crate::days::{Dated, Window};
use crate::triggers::label_key;

/// One ISO week in the `naming` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamingWeek {
    /// The Monday the week starts on (may be before the window).
    pub week_start: Date,
    /// Distinct sensations (trimmed, case-insensitive) named in the
    /// week's check-ins that are in the window.
    pub distinct_sensations: usize,
}

/// The Monday of `day`'s ISO week, if the calendar has it.
fn monday_of(day: Date) -> Option<Date> {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(Span::new().try_days(back).ok()?).ok()
}

/// One entry per ISO week overlapping the window, oldest first.
pub(crate) fn naming(window: &Window, in_window: &[Dated<'_>]) -> Vec<NamingWeek> {
    let mut words: BTreeMap<Date, BTreeSet<String>> = BTreeMap::new();
    for dated in in_window {
        let Some(monday) = monday_of(dated.day) else {
            continue;
        };
        let week = words.entry(monday).or_default();
        for sensation in &dated.checkin.sensations {
            let key = label_key(sensation);
            if !key.is_empty() {
                week.insert(key);
            }
        }
    }
    if !window.contains(window.to) {
        return Vec::new();
    }
    // Only the calendar's first days lack a Monday before them.
    let first = monday_of(window.from).unwrap_or(window.from);
    first
        .series(1.week())
        .take_while(|monday| *monday <= window.to)
        .map(|week_start| NamingWeek {
            week_start,
            distinct_sensations: words.get(&week_start).map_or(0, BTreeSet::len),
        })
        .collect()
}
