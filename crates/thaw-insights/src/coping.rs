//! Coping: how numbness changed across each kind of grounding exercise,
//! from the ratings given just before and just after it.
//!
//! A negative change means numbness went down: the exercise helped, at
//! least for that moment. Sessions without both ratings are left out.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use thaw_core::activity::GroundingSession;

use crate::days::{Window, local_day};
use crate::stats;

/// The fewest sessions for an interval.
pub const MIN_SESSIONS: usize = 3;

/// One technique in the `coping` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopingInsight {
    pub technique: String,
    pub sessions: usize,
    /// Mean of after minus before (negative: it helped).
    pub mean_numbness_change: f64,
    /// Student's t 95% interval of that mean; `None` below 3 sessions.
    pub ci95: Option<[f64; 2]>,
}

/// Each technique with sessions in the window that have both ratings,
/// sorted by technique.
pub(crate) fn coping(
    sessions: &[GroundingSession],
    tz: &TimeZone,
    window: &Window,
) -> Vec<CopingInsight> {
    let mut changes: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for session in sessions {
        if let (Some(before), Some(after)) = (session.before, session.after) {
            if window.contains(local_day(&session.at, tz)) {
                changes
                    .entry(session.technique.as_str())
                    .or_default()
                    .push(f64::from(after.get()) - f64::from(before.get()));
            }
        }
    }
    changes
        .into_iter()
        .filter_map(|(technique, change)| {
            Some(CopingInsight {
                technique: technique.to_owned(),
                sessions: change.len(),
                mean_numbness_change: stats::mean(&change)?,
                ci95: if change.len() >= MIN_SESSIONS {
                    stats::mean_interval(&change)
                } else {
                    None
                },
            })
        })
        .collect()
}
