//! How long `thaw checkin` with flags takes, end to end (process start,
//! opening the database, the durable write, printing), on a store that
//! already holds ten years of check-ins (30,000).
//!
//! Run with `cargo bench -p thaw --bench checkin`. Prints the median and
//! the 95th percentile of 50 runs. Target: median under 15 ms.

use std::error::Error;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 50;

fn main() -> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data)?;
    let seeded = thaw_testkit::seed::ten_years_of_checkins(&data.join("thaw.db"), 30_000)?;

    let run = || -> Result<Duration, Box<dyn Error>> {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_thaw"))
            .arg("--data-dir")
            .arg(&data)
            .args(["checkin", "--mood", "4", "--numbness", "7", "--energy", "3"])
            .args([
                "--feel",
                "I feel detached",
                "--trigger",
                "poor sleep",
                "--plan",
                "short walk",
            ])
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
