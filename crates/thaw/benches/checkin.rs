//! How long `thaw checkin` with flags takes, end to end (process start,
//! opening the database, the durable write, printing), on a store that
//! already holds ten years of check-ins (about 30,000).
//!
//! Run with `cargo bench -p thaw --bench checkin`. Prints the median and
//! the 95th percentile of 50 runs. Target: median under 15 ms.

use std::error::Error;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use thaw_core::{CheckinDraft, Moment};
use thaw_store::Store;

const CHECKINS: i64 = 30_000;
const TEN_YEARS_S: i64 = 10 * 365 * 86_400 + 2 * 86_400;
const RUNS: usize = 50;

fn main() -> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data)?;
    let seeded = seed(&data.join("thaw.db"))?;

    let run = || -> Result<Duration, Box<dyn Error>> {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_thaw"))
            .arg("--data-dir")
            .arg(&data)
            .args([
                "checkin",
                "--mood",
                "4",
                "--numbness",
                "7",
                "--energy",
                "3",
                "--feel",
                "I feel detached",
            ])
            .args(["--trigger", "poor sleep", "--plan", "short walk"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        let took = start.elapsed();
        if !status.success() {
            return Err(format!("thaw checkin exited with {status}").into());
        }
        Ok(took)
    };
    for _ in 0..3 {
        run()?; // warm the page cache
    }
    let mut times = (0..RUNS).map(|_| run()).collect::<Result<Vec<_>, _>>()?;
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[RUNS / 2]);
    let p95 = ms(times[(RUNS * 95).div_ceil(100) - 1]);
    println!(
        "thaw checkin with flags, store of {seeded} check-ins: median {median:.2} ms, p95 {p95:.2} ms ({RUNS} runs; target: median < 15 ms)"
    );
    Ok(())
}

/// Ten years of check-ins, written straight through the store.
fn seed(db: &std::path::Path) -> Result<usize, Box<dyn Error>> {
    let store = Store::open_sqlite(db)?;
    let owner = store.local_person()?;
    let start = jiff::Timestamp::from_second(1_500_000_000)?;
    let mut batch = Vec::new();
    let mut total = 0;
    for slot in 0..CHECKINS {
        let offset_s = slot * TEN_YEARS_S / CHECKINS;
        let at = Moment::from_parts(start.as_microsecond() + offset_s * 1_000_000, 3600)
            .ok_or("time out of range")?;
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
        batch.push(draft.validate(thaw_core::new_id(), at)?);
        if batch.len() == 5000 {
            total += store.insert_checkins(owner, &batch)?;
            batch.clear();
        }
    }
    total += store.insert_checkins(owner, &batch)?;
    Ok(total)
}
