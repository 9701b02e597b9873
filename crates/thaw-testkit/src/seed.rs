//! Years of plausible data, written straight through the store.

use std::path::Path;

use thaw_core::{CheckinDraft, Moment};
use thaw_store::{Store, StoreError};

/// Ten years of check-ins (`count` of them, evenly spread, ending around
/// 2027) into the SQLite database at `db`; answers how many were written.
pub fn ten_years_of_checkins(db: &Path, count: i64) -> Result<usize, StoreError> {
    const TEN_YEARS_S: i64 = 10 * 365 * 86_400 + 2 * 86_400;
    let store = Store::open_sqlite(db)?;
    let owner = store.local_person()?;
    let start_us: i64 = 1_500_000_000 * 1_000_000;
    let mut batch = Vec::new();
    let mut total = 0;
    for slot in 0..count {
        let offset_s = slot * TEN_YEARS_S / count.max(1);
        let Some(at) = Moment::from_parts(start_us + offset_s * 1_000_000, 3600) else {
            continue;
        };
        let draft = CheckinDraft {
            mood: Some((slot % 11).to_string()),
            numbness: Some(((slot / 7) % 11).to_string()),
            energy: Some(((slot / 3) % 11).to_string()),
            sensations: vec!["I feel detached".into()],
            triggers: if slot % 4 == 0 {
                vec!["poor sleep".into()]
            } else {
                vec![]
            },
            note: (slot % 3 == 0).then(|| "an ordinary day, a little flat".to_owned()),
            ..Default::default()
        };
        let Ok(checkin) = draft.validate(thaw_core::new_id(), at) else {
            continue;
        };
        batch.push(checkin);
        if batch.len() == 5000 {
            total += store.insert_checkins(owner, &batch)?;
            batch.clear();
        }
    }
    total += store.insert_checkins(owner, &batch)?;
    Ok(total)
}

/// Ten years of activity logs (`count`, spread over `activities`
/// activities, evenly in time) into the SQLite database at `db`.
pub fn ten_years_of_activity_logs(
    db: &Path,
    activities: usize,
    count: i64,
) -> Result<usize, StoreError> {
    use thaw_core::activity::{ActivityLog, Status, Tier};
    const TEN_YEARS_S: i64 = 10 * 365 * 86_400 + 2 * 86_400;
    let store = Store::open_sqlite(db)?;
    let owner = store.local_person()?;
    let start_us: i64 = 1_500_000_000 * 1_000_000;
    let names: Vec<String> = (0..activities.max(1))
        .map(|i| format!("activity {i:02}"))
        .collect();
    let mut batch = thaw_store::Batch::default();
    let mut total = 0;
    for slot in 0..count {
        let offset_s = slot * TEN_YEARS_S / count.max(1);
        let Some(at) = Moment::from_parts(start_us + offset_s * 1_000_000 + 3_600_000_000, 3600)
        else {
            continue;
        };
        let rating = |n: i64| thaw_core::Rating::new("seed", n % 11).ok();
        let name = names
            .get(usize::try_from(slot).unwrap_or(0) % names.len())
            .cloned()
            .unwrap_or_default();
        batch.activity_logs.push(ActivityLog {
            id: thaw_core::new_id(),
            activity: name,
            at,
            tier: Tier::Full,
            status: if slot % 5 == 0 {
                Status::Partial
            } else {
                Status::Done
            },
            predicted: rating(slot / 3),
            actual: rating(slot / 2),
            note: None,
        });
        if batch.activity_logs.len() == 5000 {
            total += store.import(owner, &batch, false)?.activity_logs;
            batch.activity_logs.clear();
        }
    }
    total += store.import(owner, &batch, false)?.activity_logs;
    Ok(total)
}
