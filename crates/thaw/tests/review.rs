//! End-to-end: the weekly review and the monthly look-back through the
//! real binary (`thaw week`, `thaw --json week`, `thaw month`) and the
//! real server (`/week`, `/month`, `/api/v1/review/week|month`).

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use jiff::civil::Date;
use serde_json::Value;
use thaw_testkit::cli::Cli;
use thaw_testkit::web::Web;

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

fn thaw() -> Cli {
    Cli::new(bin())
}

/// Words that have no place in a review.
fn never_blames(text: &str) {
    let lower = text.to_lowercase();
    for bad in [
        "missed",
        "failed",
        "streak",
        "broke your",
        "you should",
        "worse",
    ] {
        assert!(!lower.contains(bad), "{bad:?} in: {text}");
    }
}

/// Today in UTC (the runner sets TZ=UTC), and "N days ago at 09:00".
fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

fn days_ago(n: i64) -> String {
    let d = today().checked_sub(jiff::Span::new().days(n)).unwrap();
    format!("{d} 09:00")
}

#[test]
fn an_empty_week_and_month_say_what_to_do_next() {
    let t = thaw();
    let week = t.ok(&["week", "--until", "2026-03-29"]);
    assert!(
        week.starts_with("Your week, Mon 23 Mar to Sun 29 Mar\n"),
        "{week}"
    );
    assert!(week.contains("No check-ins this week yet"), "{week}");
    assert!(week.contains("thaw checkin"), "{week}");
    never_blames(&week);
    let json = t.json(&["week", "--until", "2026-03-29"]);
    assert_eq!(json["from"], "2026-03-23");
    assert_eq!(json["to"], "2026-03-29");
    assert_eq!(json["days"], 7);
    assert_eq!(json["days_with_checkins"], 0);
    assert_eq!(json["week_before"]["from"], "2026-03-16");
    assert_eq!(json["compared"].as_array().unwrap().len(), 3);
    assert_eq!(json["compared"][1]["measure"], "numbness");
    assert_eq!(json["compared"][1]["direction"], Value::Null);
    assert_eq!(json["suggestion"]["kind"], "checkin");

    let month = t.ok(&["month", "--until", "2026-03-29"]);
    assert!(
        month.starts_with("Look how far: Sat 28 Feb to Sun 29 Mar\n"),
        "{month}"
    );
    assert!(month.contains("Nothing recorded yet") && month.contains("thaw checkin"));
    never_blames(&month);
    let json = t.json(&["month", "--until", "2026-03-29"]);
    assert_eq!(json["now"]["days"], 30);
    assert_eq!(json["before"], Value::Null);
    assert_eq!(json["first_checkin"], Value::Null);

    // A day that isn't one is refused, naming the flag.
    let out = t.run(&["week", "--until", "sunday"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--until") && err.contains("2026-03-01"),
        "{err}"
    );
}

#[test]
fn a_week_of_small_things_is_reviewed_kindly_and_the_month_looks_back() {
    let t = thaw();
    for n in 7..=11 {
        t.ok(&[
            "checkin",
            "--mood",
            "4",
            "--numbness",
            "7",
            "--at",
            &days_ago(n),
        ]);
    }
    for n in 0..=3 {
        t.ok(&[
            "checkin",
            "--mood",
            "6",
            "--numbness",
            "4",
            "--at",
            &days_ago(n),
        ]);
    }
    t.ok(&["values", "add", "calm"]);
    t.ok(&[
        "values",
        "act",
        "calm",
        "sat by the window",
        "--at",
        &days_ago(1),
    ]);
    t.ok(&[
        "wins",
        "add",
        "made tea and drank it warm",
        "--at",
        &days_ago(2),
    ]);
    t.ok(&["activity", "add", "short walk"]);
    t.ok(&["activity", "add", "call Sam"]);
    t.ok(&[
        "activity",
        "log",
        "short walk",
        "--tier",
        "small",
        "--at",
        &days_ago(1),
    ]);
    t.ok(&["activity", "log", "short walk", "--at", &days_ago(2)]);
    t.ok(&[
        "activity",
        "log",
        "call Sam",
        "--status",
        "skipped",
        "--at",
        &days_ago(3),
    ]);
    let grounded = t.piped(
        &[
            "ground", "senses", "--no-tui", "--before", "7", "--after", "5",
        ],
        &[b'\n'; 40],
    );
    assert!(grounded.status.success());

    let week = t.ok(&["week"]);
    assert!(
        week.contains("You checked in on 4 days this week."),
        "{week}"
    );
    assert!(week.contains("Compared with the week before"), "{week}");
    assert!(
        week.contains("Mood: higher than the week before (6.0, was 4.0)."),
        "{week}"
    );
    assert!(
        week.contains("Numbness: eased since the week before (4.0, was 7.0)."),
        "{week}"
    );
    assert!(week.contains("4 days this week, 5 days the week before"));
    assert!(week.contains("made tea and drank it warm"), "{week}");
    assert!(week.contains("sat by the window (calm)"), "{week}");
    assert!(
        week.contains("  short walk  twice, 1 in a smaller version\n  call Sam    skipped once\n"),
        "aligned: {week}"
    );
    assert!(week.contains("Skipped is information too"), "{week}");
    assert!(
        week.contains("three physical sensations  numbness 7, then 5"),
        "{week}"
    );
    assert!(week.contains("For next week"), "{week}");
    assert!(week.contains("thaw plan week"), "{week}");
    never_blames(&week);

    let json = t.json(&["week"]);
    assert_eq!(json["to"], today().to_string());
    assert_eq!(json["days_with_checkins"], 4);
    assert_eq!(json["week_before"]["days_with_checkins"], 5);
    assert_eq!(json["compared"][0]["direction"], "better");
    assert_eq!(json["compared"][1]["difference"], -3.0);
    assert_eq!(json["wins"][0]["text"], "made tea and drank it warm");
    assert_eq!(json["value_actions"][0]["value"], "calm");
    assert_eq!(json["activities"][0]["name"], "short walk");
    assert_eq!(json["activities"][0]["times"], 2);
    assert_eq!(json["activities"][0]["smaller"], 1);
    assert_eq!(json["activities"][1]["skipped"], 1);
    assert_eq!(json["grounding"][0]["technique"], "senses");
    assert_eq!(json["grounding"][0]["before"], 7);
    assert_eq!(json["grounding"][0]["after"], 5);
    assert_eq!(json["suggestion"]["kind"], "plan");

    let month = t.ok(&["month"]);
    for line in [
        "9 days with a check-in",
        "1 small win noted",
        "2 activities done, in any size",
        "1 thing done for your values",
        "1 grounding exercise",
        "9 check-ins and 1 small win",
        "Your first win noted here: \u{201c}made tea and drank it warm\u{201d}",
    ] {
        assert!(month.contains(line), "{line}: {month}");
    }
    never_blames(&month);
    let json = t.json(&["month"]);
    assert_eq!(json["now"]["days_with_checkins"], 9);
    assert_eq!(
        json["before"],
        Value::Null,
        "it all began within these 30 days"
    );
    assert_eq!(json["checkins_since_start"], 9);
    assert_eq!(json["first_win"]["text"], "made tea and drank it warm");
    assert_eq!(json["latest_win"], Value::Null);
}

#[test]
fn a_dst_week_in_berlin_holds_its_seven_local_days() {
    let t = thaw();
    t.ok(&["config", "set", "timezone", "Europe/Berlin"]);
    // 00:30 on Monday is still Sunday in UTC; 23:30 on the last Sunday
    // (summer time since 02:00 that day) is 21:30 UTC.
    t.ok(&["checkin", "--mood", "2", "--at", "2026-03-22 23:30"]);
    t.ok(&["checkin", "--mood", "4", "--at", "2026-03-23 00:30"]);
    t.ok(&["checkin", "--mood", "6", "--at", "2026-03-29 23:30"]);
    t.ok(&["checkin", "--mood", "9", "--at", "2026-03-30 00:15"]);
    let json = t.json(&["week", "--until", "2026-03-29"]);
    assert_eq!(json["days_with_checkins"], 2);
    assert_eq!(json["compared"][0]["now"], 5.0);
    assert_eq!(json["compared"][0]["before"], 2.0);
    assert_eq!(json["week_before"]["days_with_checkins"], 1);
}

#[test]
fn the_pages_and_the_api_through_the_real_server() {
    let w = Web::start(bin());
    for path in ["/week", "/month"] {
        let page = w.get(path);
        assert_eq!(page.status, 200, "{path}");
        assert!(page.body.contains("href=\"/help-now\""), "{path}");
        assert!(page.body.contains("href=\"/\""), "{path} offers a check-in");
        never_blames(&page.body);
    }
    let week = w.get("/week").body;
    assert!(
        week.contains("href=\"/week\" aria-current=\"page\""),
        "marked in the nav"
    );
    assert!(week.contains("No check-ins this week yet"));
    assert!(week.contains("Check in now"));
    assert!(week.contains("href=\"/month\""));
    let month = w.get("/month").body;
    assert!(month.contains("<h1>Look how far</h1>"));
    assert!(month.contains("Nothing recorded yet"));
    assert!(
        w.get("/")
            .body
            .contains("<a href=\"/month\">how far you've come</a>"),
        "the start page links to the look-back"
    );
    assert_eq!(w.get("/week?until=nope").status, 400);
    assert_eq!(w.get("/month?until=2026-02-30").status, 400);

    for (at, mood, numbness) in [
        ("2026-03-17 09:00", "4", "7"),
        ("2026-03-19 09:00", "4", "7"),
        ("2026-03-24 09:00", "6", "5"),
        ("2026-03-26 09:00", "6", "4"),
    ] {
        w.cli(&[
            "--json",
            "checkin",
            "--mood",
            mood,
            "--numbness",
            numbness,
            "--at",
            at,
        ]);
    }
    w.cli(&[
        "--json",
        "wins",
        "add",
        "replied to Jo",
        "--at",
        "2026-03-25 10:00",
    ]);
    let week = w.get("/week?until=2026-03-29").body;
    for line in [
        "Mon 23 Mar to Sun 29 Mar",
        "You checked in on 2 days this week.",
        "Mood: higher than the week before (6.0, was 4.0).",
        "Numbness: eased since the week before (4.5, was 7.0).",
        "replied to Jo",
        "For next week",
        "href=\"/week?until=2026-03-22\"",
        "href=\"/week?until=2026-04-05\"",
    ] {
        assert!(week.contains(line), "{line}");
    }
    let month = w.get("/month?until=2026-03-29").body;
    assert!(month.contains("4 days with a check-in"), "{month}");
    assert!(month.contains("1 small win noted"));
    assert!(month.contains("Since the start"));

    let api = w.get("/api/v1/review/week?until=2026-03-29");
    assert_eq!(api.status, 200);
    let api: Value = serde_json::from_str(&api.body).unwrap();
    let cli = w.cli(&["--json", "week", "--until", "2026-03-29"]);
    assert_eq!(api, cli, "the API answers what --json prints");
    assert_eq!(api["days_with_checkins"], 2);
    let api = w.get("/api/v1/review/month?until=2026-03-29");
    assert_eq!(api.status, 200);
    let api: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(api, w.cli(&["--json", "month", "--until", "2026-03-29"]));
    assert_eq!(api["now"]["days_with_checkins"], 4);

    let bad = w.get("/api/v1/review/week?until=soon");
    assert_eq!(bad.status, 400);
    let bad: Value = serde_json::from_str(&bad.body).unwrap();
    assert_eq!(bad["error"]["field"], "until");
    let doc: Value = serde_json::from_str(&w.get("/api/openapi.json").body).unwrap();
    assert!(doc["paths"]["/api/v1/review/week"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/review/month"]["get"].is_object());
}
