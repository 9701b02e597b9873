//! `thaw import json`: the Thaw JSON document (`thaw_io::json::read`, what
//! `thaw_app::transfer::read_json` calls).
//!
//! Input: the file's bytes (non-UTF-8 is refused before the reader, as the
//! command line reads the file into a `String`).
//!
//! Properties, beyond "no panic":
//! - a document that is read holds only valid values (ratings 0–10,
//!   percentages 0–100, screener answers in range and of the right count,
//!   labels not blank), and export → import → export gives the same
//!   document: what was read, written back and read again is unchanged
//!   (so every value the reader accepts, it accepts again);
//! - a refusal is the right kind (not JSON only when it is not JSON, not
//!   Thaw only when `format` is not `thaw`, newer only for a newer
//!   version), and a refused record names a field of the document
//!   (`checkins[2].mood`, no part of it blank) whose list really has that
//!   position.
#![no_main]

use jiff::Timestamp;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use thaw_core::plan::PlanKind;
use thaw_io::json::{self, Everything, FORMAT, Read, ReadError, VERSION};

/// The document's keys that a record error may start with.
const KEYS: &[&str] = &[
    "version",
    "timezone",
    "checkins",
    "activities",
    "activity_logs",
    "grounding_sessions",
    "journal",
    "screeners",
    "values",
    "value_actions",
    "wins",
    "social_steps",
    "social_attempts",
    "selfcare",
    "selfcare_logs",
    "safety_plan",
    "relapse_plan",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match json::read(text) {
        Ok(read) => accepted(&read),
        Err(e) => refused(text, e),
    }
});

fn accepted(read: &Read) {
    let b = &read.batch;
    for c in &b.checkins {
        for (name, r) in c.ratings() {
            assert!(r.is_none_or(|r| r.get() <= 10), "checkin {name} {r:?}");
        }
        assert!(
            c.sensations
                .iter()
                .chain(&c.triggers)
                .all(|l| !l.trim().is_empty())
        );
    }
    for l in &b.activity_logs {
        assert!(!l.activity.trim().is_empty(), "blank activity in a log");
        assert!(
            l.predicted.is_none_or(|r| r.get() <= 10) && l.actual.is_none_or(|r| r.get() <= 10)
        );
    }
    for g in &b.grounding {
        assert!(!g.technique.trim().is_empty());
        assert!(g.before.is_none_or(|r| r.get() <= 10) && g.after.is_none_or(|r| r.get() <= 10));
    }
    for a in &b.activities {
        assert!(!a.name.trim().is_empty(), "blank activity name");
    }
    for j in &b.journal {
        assert!(!j.text.trim().is_empty(), "blank journal entry");
    }
    for s in &b.screenings {
        let i = s.instrument;
        assert_eq!(s.answers.len(), i.items().len(), "{i:?} answer count");
        for (n, a) in s.answers.iter().enumerate() {
            match a {
                Some(a) => assert!(*a <= i.item_max(), "{i:?} answer {n} = {a}"),
                None => assert!(i.may_decline(n), "{i:?} answer {n} declined"),
            }
        }
    }
    for s in &b.social_steps {
        assert!(s.difficulty <= 100, "difficulty {}", s.difficulty);
    }
    for a in &b.social_attempts {
        assert!(a.comfort <= 100, "comfort {}", a.comfort);
    }
    assert!(
        b.plans
            .iter()
            .filter(|p| p.kind == PlanKind::Safety)
            .count()
            <= 1
            && b.plans
                .iter()
                .filter(|p| p.kind == PlanKind::Relapse)
                .count()
                <= 1
    );

    // export → import → export gives the same document.
    let first = write(read);
    let again = match json::read(&first) {
        Ok(r) => r,
        Err(e) => panic!("a document Thaw wrote is refused on import: {e}\n{first}"),
    };
    let second = write(&again);
    assert_eq!(
        first, second,
        "export → import → export changed the document"
    );
}

fn write(read: &Read) -> String {
    let b = &read.batch;
    let plan = |kind| b.plans.iter().find(|p| p.kind == kind);
    let all = Everything {
        exported_at: Timestamp::UNIX_EPOCH,
        timezone: read.timezone.as_deref().unwrap_or("UTC"),
        checkins: &b.checkins,
        activities: &b.activities,
        activity_logs: &b.activity_logs,
        grounding: &b.grounding,
        journal: &b.journal,
        screenings: &b.screenings,
        safety_plan: plan(PlanKind::Safety),
        relapse_plan: plan(PlanKind::Relapse),
        values: &b.values,
        value_actions: &b.value_actions,
        wins: &b.wins,
        social_steps: &b.social_steps,
        social_attempts: &b.social_attempts,
        selfcare: &b.selfcare,
        selfcare_logs: &b.selfcare_logs,
    };
    match json::write(&all) {
        Ok(doc) => doc,
        Err(e) => panic!("a document that was read cannot be written: {e}"),
    }
}

fn refused(text: &str, e: ReadError) {
    let parsed = serde_json::from_str::<Value>(text.strip_prefix('\u{feff}').unwrap_or(text));
    let doc = match (&e, parsed) {
        (ReadError::NotJson(_), Ok(_)) => panic!("JSON that parses was called not JSON: {e}"),
        (ReadError::NotJson(_), Err(_)) => return,
        (_, Err(p)) => panic!("text that is not JSON ({p}) was refused as {e:?}"),
        (_, Ok(doc)) => doc,
    };
    let format_ok = doc.get("format").and_then(Value::as_str) == Some(FORMAT);
    match e {
        ReadError::NotJson(_) => unreachable!(),
        ReadError::NotThaw => assert!(
            !format_ok,
            "a \"format\": \"thaw\" document was called not Thaw"
        ),
        ReadError::Newer(v) => {
            assert!(format_ok);
            assert!(v > VERSION, "version {v} is not newer than {VERSION}");
            assert_eq!(doc.get("version").and_then(Value::as_u64), Some(v));
        }
        ReadError::Record(e) => {
            assert!(
                format_ok,
                "a record of a non-Thaw document was checked: {e}"
            );
            assert!(
                !e.allowed.trim().is_empty(),
                "the refusal says nothing of what is allowed: {e:?}"
            );
            let field = e.field.as_str();
            let top_len = field.find(['[', '.']).unwrap_or(field.len());
            let top = &field[..top_len];
            assert!(
                KEYS.contains(&top),
                "the refusal does not name a field of the document: {e:?}"
            );
            assert!(
                field.split('.').all(|part| !part.trim().is_empty()),
                "the refusal names a blank field: {e:?}"
            );
            if let Some(rest) = field[top_len..].strip_prefix('[') {
                let index: usize = rest
                    .split(']')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("a malformed position in {field:?}"));
                let len = doc.get(top).and_then(Value::as_array).map_or(0, Vec::len);
                assert!(
                    index < len,
                    "{field:?} names record {index} of a list of {len}"
                );
            }
        }
    }
}
