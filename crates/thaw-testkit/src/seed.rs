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
