//! How long the risk detector takes on a journal entry: a typical one
//! (about 2,000 characters) and the longest allowed (a 100,000-character
//! run-on sentence full of near misses).
//!
//! Run with `cargo bench -p thaw-core --bench risk`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use thaw_core::risk::assess;

/// The fastest mean of several batches, so a busy machine reads fairly.
fn time(text: &str, runs: u32) -> Duration {
    (0..10)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..runs {
                black_box(assess(black_box(text)));
            }
            started.elapsed() / runs
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let typical = format!(
        "{} I don't want to be here anymore.",
        "Today was long and grey and I felt flat the whole time, nothing much happened at work and the commute was slow. ".repeat(20)
    );
    let run_on = "I cut myself shaving, ".repeat(100_000 / 22);
    println!(
        "risk detector: {:?} per {}-character entry",
        time(&typical, 200),
        typical.len()
    );
    println!(
        "risk detector: {:?} per {}-character run-on entry",
        time(&run_on, 3),
        run_on.len()
    );
}
