//! Naming: how many different sensations a person put words to, week by
//! week. Numbness often comes with "I can't tell what I feel"; a growing
//! vocabulary is a sign of feelings coming back into reach, even before
//! the numbness ratings move. This section goes beyond the spec.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::{Span, ToSpan};
use serde::{Deserialize, Serialize};

use crate::days::{Dated, Window};
use crate::triggers::Labels;

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
    let mut labels = Labels::default();
    // The numbers of the sensations named in each week, by Monday.
    let mut words: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    // Check-ins mostly come in time order: the last day's Monday is kept.
    let mut last: Option<(Date, Date)> = None;
    for dated in in_window {
        if dated.checkin.sensations.is_empty() {
            continue;
        }
        let monday = match last {
            Some((day, monday)) if day == dated.day => monday,
            _ => {
                let Some(monday) = monday_of(dated.day) else {
                    continue;
                };
                last = Some((dated.day, monday));
                monday
            }
        };
        let week = words.entry(monday).or_default();
        week.extend(dated.checkin.sensations.iter().filter_map(|s| labels.id(s)));
    }
    let distinct: BTreeMap<Date, usize> = words
        .into_iter()
        .map(|(monday, mut ids)| {
            ids.sort_unstable();
            ids.dedup();
            (monday, ids.len())
        })
        .collect();
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
            distinct_sensations: distinct.get(&week_start).copied().unwrap_or(0),
        })
        .collect()
}
