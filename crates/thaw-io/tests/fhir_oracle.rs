//! The FHIR export against an independent FHIR R4 model: Python's
//! `fhir.resources` (its R4B models, which R4 bundles parse with) must
//! load the whole bundle, every resource typed and every field known, and
//! must read back the codes, totals and answers we wrote.
//!
//! Runs when a Python with `fhir.resources` is found (`THAW_PYTHON`, else
//! `python3`); with `THAW_CALENDAR_ORACLE` set (CI sets it) its absence
//! fails the test.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

use jiff::tz::TimeZone;
use serde_json::Value;
use thaw_core::screener::{self, Instrument, Screening};
use thaw_core::{Checkin, CheckinDraft, Moment};
use thaw_io::fhir;
use thaw_io::json::Everything;
use uuid::Uuid;

const ORACLE: &str = r#"
import sys, json
from fhir.resources.R4B.bundle import Bundle
d = json.load(sys.stdin)
b = Bundle.model_validate(d) if hasattr(Bundle, "model_validate") else Bundle.parse_obj(d)
# Round trip through the model: nothing we wrote was unknown or dropped.
back = json.loads(b.model_dump_json() if hasattr(b, "model_dump_json") else b.json())
out = {"type": b.type, "id": b.id, "entries": [], "same_count": len(back["entry"]) == len(d["entry"])}
for e in b.entry:
    r = e.resource
    kind = r.get_resource_type() if hasattr(r, "get_resource_type") else r.resource_type
    row = {"fullUrl": e.fullUrl, "type": kind, "id": r.id}
    if kind == "QuestionnaireResponse":
        row["questionnaire"] = r.questionnaire
        row["status"] = r.status
        row["answers"] = [
            (i.answer[0].valueInteger if i.answer else None) for i in r.item
        ]
        row["subject"] = r.subject.reference
    if kind == "Observation":
        row["status"] = r.status
        row["codes"] = [c.code for c in (r.code.coding or [])]
        row["code_text"] = r.code.text
        row["systems"] = [c.system for c in (r.code.coding or [])]
        row["value_integer"] = r.valueInteger
        row["value_quantity"] = (
            {"value": float(r.valueQuantity.value), "system": r.valueQuantity.system,
             "code": r.valueQuantity.code, "unit": r.valueQuantity.unit}
            if r.valueQuantity is not None else None
        )
        row["effective"] = str(r.effectiveDateTime)
        row["derived_from"] = [x.reference for x in (r.derivedFrom or [])]
        row["interpretation"] = [x.text for x in (r.interpretation or [])]
        row["category"] = [c.code for x in (r.category or []) for c in (x.coding or [])]
        row["subject"] = r.subject.reference
    out["entries"].append(row)
json.dump(out, sys.stdout)
"#;

fn python() -> Option<String> {
    let candidates = std::env::var("THAW_PYTHON")
        .ok()
        .into_iter()
        .chain(["python3".to_owned(), "/usr/bin/python3".to_owned()]);
    for py in candidates {
        let ok = Command::new(&py)
            .args(["-c", "import fhir.resources.R4B.bundle"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(py);
        }
    }
    None
}

fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").unwrap()
}

fn checkin(at: &str, mood: Option<u8>, numbness: Option<u8>) -> Checkin {
    CheckinDraft {
        mood: mood.map(|m| m.to_string()),
        numbness: numbness.map(|n| n.to_string()),
        note: Some("a note, with \"quotes\"\nand a line".into()),
        ..Default::default()
    }
    .validate(Uuid::now_v7(), Moment::parse("at", at, &berlin()).unwrap())
    .unwrap()
}

fn screening(i: Instrument, at: &str, answers: &str) -> Screening {
    Screening::new(
        Uuid::now_v7(),
        i,
        Moment::parse("at", at, &berlin()).unwrap(),
        screener::parse_answers(i, answers).unwrap(),
    )
    .unwrap()
}

fn run(py: &str, input: &str) -> std::process::Output {
    let mut child = Command::new(py)
        .args(["-c", ORACLE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_bundle_loads_with_fhir_resources_and_reads_back() {
    let Some(py) = python() else {
        assert!(
            std::env::var_os("THAW_CALENDAR_ORACLE").is_none(),
            "THAW_CALENDAR_ORACLE is set but no Python with fhir.resources was found"
        );
        eprintln!("skipped: no Python with fhir.resources (set THAW_PYTHON)");
        return;
    };
    // Three weeks of check-ins across the spring DST change, some days
    // with several, some with only one of the two ratings.
    let mut checkins = Vec::new();
    for day in 15..=31 {
        checkins.push(checkin(
            &format!("2026-03-{day} 09:00"),
            Some(day % 11),
            Some((day * 3) % 11),
        ));
        if day % 3 == 0 {
            checkins.push(checkin(&format!("2026-03-{day} 22:30"), Some(2), None));
        }
    }
    checkins.push(checkin("2026-04-01 08:00", None, Some(9)));
    checkins.push(checkin("2026-04-02 08:00", None, None));
    let screenings = vec![
        screening(Instrument::Phq9, "2026-03-16 10:00", "1,2,2,1,0,1,2,2,-"),
        screening(Instrument::Phq9, "2026-03-30 10:00", "3,3,3,3,3,3,3,3,1"),
        screening(Instrument::Gad7, "2026-03-16 10:10", "3,3,2,2,1,1,0"),
        screening(Instrument::Phq2, "2026-03-17 10:00", "1,1"),
        screening(Instrument::Phq8, "2026-03-18 10:00", "0,1,2,3,0,1,2,3"),
        screening(Instrument::Who5, "2026-03-19 10:00", "5,4,3,2,1"),
    ];
    let all = Everything {
        exported_at: "2026-04-03T07:00:00.123456Z".parse().unwrap(),
        timezone: "Europe/Berlin",
        checkins: &checkins,
        activities: &[],
        activity_logs: &[],
        grounding: &[],
        journal: &[],
        screenings: &screenings,
        safety_plan: None,
        relapse_plan: None,
        values: &[],
        value_actions: &[],
        wins: &[],
        social_steps: &[],
        social_attempts: &[],
        selfcare: &[],
        selfcare_logs: &[],
    };
    let patient = fhir::patient_id(Uuid::now_v7());
    let text = fhir::write_fhir(&all, patient).unwrap();

    // The oracle is not vacuous: a field R4 does not have is refused.
    let mut broken: Value = serde_json::from_str(&text).unwrap();
    broken["entry"][1]["resource"]["score"] = Value::from(3);
    let refused = run(&py, &broken.to_string());
    assert!(!refused.status.success(), "an unknown field was accepted");

    let out = run(&py, &text);
    assert!(
        out.status.success(),
        "fhir.resources refused the bundle:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(theirs["type"], "collection");
    assert_eq!(theirs["same_count"], true);
    let entries = theirs["entries"].as_array().unwrap();
    let of = |kind: &str| -> Vec<&Value> { entries.iter().filter(|e| e["type"] == kind).collect() };

    let patients = of("Patient");
    assert_eq!(patients.len(), 1);
    assert_eq!(patients[0]["id"], patient.to_string());
    let patient_ref = format!("urn:uuid:{patient}");
    for e in entries {
        assert_eq!(
            e["fullUrl"],
            format!("urn:uuid:{}", e["id"].as_str().unwrap())
        );
        if e["type"] != "Patient" {
            assert_eq!(e["subject"], patient_ref.as_str());
        }
    }

    // One QuestionnaireResponse per screening, answers as written, the
    // declined item without an answer.
    let qrs = of("QuestionnaireResponse");
    assert_eq!(qrs.len(), screenings.len());
    let first = qrs
        .iter()
        .find(|q| q["id"] == screenings[0].id.to_string())
        .unwrap();
    assert_eq!(first["questionnaire"], "http://loinc.org/q/44249-1");
    assert_eq!(first["status"], "completed");
    assert_eq!(
        first["answers"],
        serde_json::json!([1, 2, 2, 1, 0, 1, 2, 2, null])
    );

    // One Observation per screening: LOINC codes, totals from the answers,
    // derived from its QuestionnaireResponse.
    let observations = of("Observation");
    let result = |s: &Screening| {
        observations
            .iter()
            .find(|o| o["derived_from"][0] == format!("urn:uuid:{}", s.id))
            .copied()
            .unwrap()
    };
    let expect = [
        (0, "44261-6", 11),
        (1, "44261-6", 25),
        (2, "70274-6", 12),
        (3, "55758-7", 2),
        (4, "", 12),
        (5, "", 15),
    ];
    for (i, code, total) in expect {
        let o = result(&screenings[i]);
        assert_eq!(o["status"], "final");
        assert_eq!(o["category"], serde_json::json!(["survey"]));
        assert_eq!(o["value_integer"], total, "{:?}", screenings[i].instrument);
        if code.is_empty() {
            assert_eq!(o["codes"], serde_json::json!([]));
        } else {
            assert_eq!(o["codes"], serde_json::json!([code]));
            assert_eq!(o["systems"], serde_json::json!(["http://loinc.org"]));
        }
    }
    assert_eq!(
        result(&screenings[0])["interpretation"],
        serde_json::json!(["moderate (10–14)"])
    );
    assert_eq!(
        result(&screenings[5])["code_text"],
        "WHO-5 Well-Being Index raw score"
    );
    for panel in ["44249-1", "69737-5", "55757-9"] {
        assert!(text.contains(panel), "{panel}");
    }

    // Daily mood and numbness: one per day that has such a rating.
    let daily = |code: &str| -> Vec<&Value> {
        observations
            .iter()
            .filter(|o| o["code_text"] == code)
            .copied()
            .collect()
    };
    let mood = daily(fhir::DAILY_MOOD);
    let numb = daily(fhir::DAILY_NUMBNESS);
    assert_eq!(mood.len(), 17, "2026-03-15 to 2026-03-31");
    assert_eq!(numb.len(), 18, "and 2026-04-01");
    assert_eq!(mood[0]["effective"], "2026-03-15");
    assert_eq!(mood[0]["value_quantity"]["value"], 3.0, "4 and 2");
    // 2026-03-18: 09:00 rated 18 % 11 = 7, 22:30 rated 2.
    let d18 = mood
        .iter()
        .find(|o| o["effective"] == "2026-03-18")
        .unwrap();
    assert_eq!(d18["value_quantity"]["value"], 4.5);
    assert_eq!(d18["value_quantity"]["system"], "http://unitsofmeasure.org");
    assert_eq!(d18["value_quantity"]["code"], "{score}");
    assert_eq!(d18["value_quantity"]["unit"], "score");
}
