//! Insights over ten years of data (36,000 check-ins, 20 activities,
//! 40,000 activity logs): the engine alone, the whole `thaw insights`
//! command, and — for scale — the time to only read those rows from
//! SQLite. Target: the whole command under 3× the bare read.
//!
//! Run with `cargo bench -p thaw --bench insights`.

use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use thaw_store::{Span, Store};

fn bench(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let data = dir.path().join("data");
    let db = data.join("thaw.db");
    if std::fs::create_dir_all(&data).is_err()
        || thaw_testkit::seed::ten_years_of_checkins(&db, 36_000).is_err()
        || thaw_testkit::seed::ten_years_of_activity_logs(&db, 20, 40_000).is_err()
        || std::fs::write(data.join("config.toml"), "timezone = \"Europe/Berlin\"\n").is_err()
    {
        eprintln!("could not seed the benchmark's data");
        return;
    }
    let Ok(store) = Store::open_sqlite(&db) else {
        return;
    };
    let Ok(owner) = store.local_person() else {
        return;
    };
    let read_all = || {
        let checkins = store.checkins(owner, Span::default()).unwrap_or_default();
        let logs = store
            .activity_logs(owner, Span::default())
            .unwrap_or_default();
        (checkins, logs)
    };
    let (checkins, logs) = read_all();
    println!(
        "store: {} check-ins, {} activity logs",
        checkins.len(),
        logs.len()
    );
    let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap_or(jiff::tz::TimeZone::UTC);
    let until: jiff::civil::Date = "2027-07-01".parse().unwrap_or_default();

    let mut group = c.benchmark_group("insights over ten years of data");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("read every row from SQLite (bare read)", |b| {
        b.iter(read_all)
    });
    for days in [90u32, 365] {
        group.bench_function(format!("engine alone, {days}-day window"), |b| {
            b.iter(|| {
                thaw_insights::insights(&thaw_insights::Input {
                    tz: &tz,
                    until,
                    days,
                    checkins: &checkins,
                    activity_logs: &logs,
                    grounding: &[],
                })
            })
        });
        group.bench_function(
            format!("whole `thaw --json insights --days {days}` command"),
            |b| {
                b.iter(|| {
                    let ok = Command::new(env!("CARGO_BIN_EXE_thaw"))
                        .arg("--data-dir")
                        .arg(&data)
                        .args([
                            "--json",
                            "insights",
                            "--days",
                            &days.to_string(),
                            "--until",
                            "2027-07-01",
                        ])
                        .stdout(Stdio::null())
                        .status()
                        .is_ok_and(|s| s.success());
                    assert!(ok, "thaw insights failed");
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
