//! FHIR R4 export (`thaw export fhir`): what a person has measured, in the
//! form health records read, to bring to a clinician.
//!
//! The document is one `Bundle` of type `collection` (JSON). Every entry
//! has a `fullUrl` of `urn:uuid:<id>` and every reference points at one of
//! those, so the bundle stands alone:
//!
//! - **Patient**: one, with no name and no identifier, only a stable id
//!   (derived from the person's owner id, so the same person gets the same
//!   id in every export). Everything else names it as `subject`.
//! - **Per screener taken** (oldest first):
//!   - a `QuestionnaireResponse` (id = the screening's own id), `status`
//!     `completed`, `authored` = when it was taken (with the offset it was
//!     recorded at), `questionnaire` = the instrument's canonical URL
//!     ([`questionnaire_url`]: LOINC's form URL `http://loinc.org/q/<panel>`
//!     where LOINC has a panel, `urn:thaw:questionnaire:<key>` otherwise),
//!     and one `item` per question: `linkId` = the item number (`"1"` …),
//!     `text` = the published wording, `answer` = `[{"valueInteger": n}]`.
//!     A declined item (PHQ-9 item 9) has no `answer`. The item numbers
//!     are Thaw's; they are not the `linkId`s inside LOINC's own
//!     Questionnaire resources, so the response names the instrument but
//!     is not claimed to validate against LOINC's form definition.
//!   - an `Observation` of the total: `status` `final`, category `survey`,
//!     `code` = the LOINC total-score code where one exists ([`codes`]),
//!     `valueInteger` = the total, always computed here from the answers
//!     (a declined item counts 0), `interpretation` = the band in words
//!     where the instrument has bands or a cut-off, `note` = a sentence a
//!     clinician can read (total, band, item 9 declined or above 0),
//!     `effectiveDateTime` = when it was taken, `derivedFrom` = the
//!     QuestionnaireResponse. WHO-5 adds a `component` with the percentage
//!     score (raw × 4).
//! - **Per day with ratings** (the day in the person's time zone, oldest
//!   first): one `Observation` for mood and one for numbness, each only
//!   when that day has at least one such rating. `code` is text only
//!   ("Daily mood (0–10, self-rated)", "Daily numbness (0–10,
//!   self-rated)"): no LOINC code fits a Thaw rating. `effectiveDateTime`
//!   is the date (`2026-03-01`), `valueQuantity` the mean of the day's
//!   ratings (two decimals) with unit `score`, UCUM code `{score}`, and a
//!   `note` says how many ratings it is the mean of and which end is which.
//!   Mood and numbness are separate Observations rather than components
//!   of one, so a record system can chart and search each on its own.
//!
//! LOINC codes (system `http://loinc.org`): PHQ-9 panel 44249-1, total
//! 44261-6; GAD-7 panel 69737-5, total 70274-6; PHQ-2 panel 55757-9, total
//! 55758-7. PHQ-8 and WHO-5 are written with text codes ("PHQ-8 total
//! score", "WHO-5 Well-Being Index raw score"): we found no LOINC code for
//! them we could verify, and a wrong code is worse than none.
//!
//! The output is deterministic: the same records, owner and export time
//! give the same bytes (ids are derived, never random).

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};
use serde_json::{Value, json};
use thaw_core::screener::{Instrument, Score, Screening};
use thaw_core::{Checkin, Moment};
use uuid::Uuid;

use crate::json::Everything;

/// The LOINC code system.
pub const LOINC: &str = "http://loinc.org";
/// The UCUM unit system.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// HL7's observation categories (`survey`).
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
/// The `code.text` of a daily mood Observation.
pub const DAILY_MOOD: &str = "Daily mood (0–10, self-rated)";
/// The `code.text` of a daily numbness Observation.
pub const DAILY_NUMBNESS: &str = "Daily numbness (0–10, self-rated)";

/// How an instrument is coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Codes {
    /// The LOINC panel (the form as a whole), if LOINC has one.
    pub panel: Option<&'static str>,
    /// The LOINC total-score code and its display name, if LOINC has one.
    pub total: Option<(&'static str, &'static str)>,
    /// The words for the total score.
    pub text: &'static str,
}

/// The codes for `instrument`'s total score.
pub fn codes(instrument: Instrument) -> Codes {
    match instrument {
        Instrument::Phq9 => Codes {
            panel: Some("44249-1"),
            total: Some((
                "44261-6",
                "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
            )),
            text: "PHQ-9 total score",
        },
        Instrument::Gad7 => Codes {
            panel: Some("69737-5"),
            total: Some((
                "70274-6",
                "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
            )),
            text: "GAD-7 total score",
        },
        Instrument::Phq2 => Codes {
            panel: Some("55757-9"),
            total: Some((
                "55758-7",
                "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]",
            )),
            text: "PHQ-2 total score",
        },
        Instrument::Phq8 => Codes {
            panel: None,
            total: None,
            text: "PHQ-8 total score",
        },
        Instrument::Who5 => Codes {
            panel: None,
            total: None,
            text: "WHO-5 Well-Being Index raw score",
        },
    }
}

/// The canonical URL of the instrument's questionnaire: LOINC's form for
/// a LOINC panel, a Thaw URN otherwise.
pub fn questionnaire_url(instrument: Instrument) -> String {
    match codes(instrument).panel {
        Some(panel) => format!("{LOINC}/q/{panel}"),
        None => format!("urn:thaw:questionnaire:{}", instrument.key()),
    }
}

/// A short instrument label (`PHQ-9`).
fn label(instrument: Instrument) -> &'static str {
    match instrument {
        Instrument::Phq9 => "PHQ-9",
        Instrument::Phq8 => "PHQ-8",
        Instrument::Phq2 => "PHQ-2",
        Instrument::Gad7 => "GAD-7",
        Instrument::Who5 => "WHO-5",
    }
}

/// The band (or cut-off) a total falls in, in words (`moderate (10–14)`);
/// `None` when the instrument has neither.
pub fn band_words(instrument: Instrument, score: &Score) -> Option<String> {
    if let Some(band) = instrument
        .bands()
        .iter()
        .find(|b| (b.low..=b.high).contains(&score.total))
    {
        return Some(format!(
            "{} ({}–{})",
            band.severity.words(),
            band.low,
            band.high
        ));
    }
    match (score.positive_screen, score.poor_wellbeing) {
        (Some(true), _) => Some("positive screen (3 or more)".into()),
        (Some(false), _) => Some("negative screen (below 3)".into()),
        (_, Some(true)) => Some("poor well-being (raw score below 13)".into()),
        (_, Some(false)) => Some("not in the poor well-being range (13 or more)".into()),
        _ => None,
    }
}

/// A sentence about a result for a clinician: total, band, item 9.
/// Describes, never diagnoses.
pub fn result_note(s: &Screening, score: &Score) -> String {
    let i = s.instrument;
    let mut note = format!("{} total {} of {}", label(i), score.total, i.total_max());
    if let Some(pct) = score.percentage {
        note.push_str(&format!(" (percentage score {pct} of 100)"));
    }
    match (i.bands().is_empty(), band_words(i, score)) {
        (false, Some(words)) => note.push_str(&format!(", in the range often called {words}.")),
        (true, Some(words)) => note.push_str(&format!(": {words}.")),
        (_, None) => note.push('.'),
    }
    if score.item9_declined {
        note.push_str(" Item 9 was declined; it counts 0 in the total.");
    } else if score.item9_positive {
        if let Some(Some(v)) = s.answers.get(8) {
            let words = i
                .options()
                .iter()
                .find(|(value, _)| value == v)
                .map_or("", |(_, w)| *w);
            note.push_str(&format!(
                " Item 9 (thoughts of being better off dead or of hurting oneself) was answered {v} ({words})."
            ));
        }
    }
    note.push_str(" Self-reported in Thaw; the total is computed from the item answers.");
    note
}

/// Writes the bundle for `all`, with `patient` as the Patient's id
/// (see [`patient_id`]); pretty-printed.
pub fn write_fhir(all: &Everything<'_>, patient: Uuid) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&bundle(all, patient))
}

/// The stable, anonymous Patient id for an owner: derived from the owner
/// id so it stays the same across exports without revealing it.
pub fn patient_id(owner: Uuid) -> Uuid {
    derived_id(&[b"thaw-fhir-patient", owner.as_bytes()])
}

/// The bundle as a JSON value.
pub fn bundle(all: &Everything<'_>, patient: Uuid) -> Value {
    let tz = TimeZone::get(all.timezone).unwrap_or(TimeZone::UTC);
    let subject = json!({"reference": urn(patient)});
    let mut entries = vec![entry(
        patient,
        json!({"resourceType": "Patient", "id": patient}),
    )];

    let mut screenings: Vec<&Screening> = all.screenings.iter().collect();
    screenings.sort_by_key(|s| (s.at.micros(), s.id));
    for s in screenings {
        entries.push(entry(s.id, questionnaire_response(s, &subject)));
        let obs_id = derived_id(&[b"thaw-fhir-screening-observation", s.id.as_bytes()]);
        entries.push(entry(obs_id, screening_observation(s, obs_id, &subject)));
    }

    for day in daily(all.checkins, &tz) {
        for (kind, text, meaning, mean) in [
            ("mood", DAILY_MOOD, "0 = very low, 10 = very good", day.mood),
            (
                "numbness",
                DAILY_NUMBNESS,
                "0 = feelings fully present, 10 = completely numb",
                day.numbness,
            ),
        ] {
            let Some((value, n)) = mean else { continue };
            let date = day.date.to_string();
            let id = derived_id(&[
                b"thaw-fhir-daily",
                patient.as_bytes(),
                kind.as_bytes(),
                date.as_bytes(),
            ]);
            let ratings = if n == 1 { "rating" } else { "ratings" };
            entries.push(entry(
                id,
                json!({
                    "resourceType": "Observation",
                    "id": id,
                    "status": "final",
                    "category": [survey()],
                    "code": {"text": text},
                    "subject": subject,
                    "effectiveDateTime": date,
                    "valueQuantity": {
                        "value": (value * 100.0).round() / 100.0,
                        "unit": "score",
                        "system": UCUM,
                        "code": "{score}",
                    },
                    "note": [{"text": format!("Mean of the day's {n} {kind} {ratings} ({meaning}).")}],
                }),
            ));
        }
    }

    let stamp = Moment::new(all.exported_at, Offset::UTC);
    let bundle_id = derived_id(&[
        b"thaw-fhir-bundle",
        patient.as_bytes(),
        &stamp.micros().to_be_bytes(),
    ]);
    json!({
        "resourceType": "Bundle",
        "id": bundle_id,
        "type": "collection",
        "timestamp": stamp.to_string(),
        "entry": entries,
    })
}

fn questionnaire_response(s: &Screening, subject: &Value) -> Value {
    let items: Vec<Value> = s
        .instrument
        .items()
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut item = json!({"linkId": (i + 1).to_string(), "text": text});
            if let (Some(Some(v)), Some(map)) = (s.answers.get(i), item.as_object_mut()) {
                map.insert("answer".into(), json!([{"valueInteger": v}]));
            }
            item
        })
        .collect();
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": s.id,
        "questionnaire": questionnaire_url(s.instrument),
        "status": "completed",
        "subject": subject,
        "authored": date_time(&s.at),
        "item": items,
    })
}

fn screening_observation(s: &Screening, id: Uuid, subject: &Value) -> Value {
    let score = s.score();
    let c = codes(s.instrument);
    let code = match c.total {
        Some((code, display)) => json!({
            "coding": [{"system": LOINC, "code": code, "display": display}],
            "text": c.text,
        }),
        None => json!({"text": c.text}),
    };
    let mut obs = json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": [survey()],
        "code": code,
        "subject": subject,
        "effectiveDateTime": date_time(&s.at),
        "valueInteger": score.total,
        "note": [{"text": result_note(s, &score)}],
        "derivedFrom": [{"reference": urn(s.id)}],
    });
    if let Some(map) = obs.as_object_mut() {
        if let Some(words) = band_words(s.instrument, &score) {
            map.insert("interpretation".into(), json!([{"text": words}]));
        }
        if let Some(pct) = score.percentage {
            map.insert(
                "component".into(),
                json!([{
                    "code": {"text": "WHO-5 percentage score (raw score × 4)"},
                    "valueInteger": pct,
                }]),
            );
        }
    }
    obs
}

fn survey() -> Value {
    json!({"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]})
}

fn entry(id: Uuid, resource: Value) -> Value {
    json!({"fullUrl": urn(id), "resource": resource})
}

fn urn(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

/// A FHIR `dateTime` at the offset it was recorded at; in UTC when that
/// offset is not whole minutes (FHIR offsets are `±hh:mm`).
fn date_time(m: &Moment) -> String {
    if m.offset_seconds() % 60 == 0 {
        m.to_string()
    } else {
        Moment::new(m.timestamp(), Offset::UTC).to_string()
    }
}

/// One day's mean mood and numbness, each with how many ratings it is the
/// mean of.
struct Day {
    date: Date,
    mood: Option<(f64, u32)>,
    numbness: Option<(f64, u32)>,
}

fn daily(checkins: &[Checkin], tz: &TimeZone) -> Vec<Day> {
    let mut days: BTreeMap<Date, [(u32, u32); 2]> = BTreeMap::new();
    for c in checkins {
        let acc = days.entry(c.at.local_date(tz)).or_default();
        for (slot, rating) in acc.iter_mut().zip([c.mood, c.numbness]) {
            if let Some(r) = rating {
                slot.0 += u32::from(r.get());
                slot.1 += 1;
            }
        }
    }
    let mean = |(sum, n): (u32, u32)| (n > 0).then(|| (f64::from(sum) / f64::from(n), n));
    days.into_iter()
        .map(|(date, [mood, numbness])| Day {
            date,
            mood: mean(mood),
            numbness: mean(numbness),
        })
        .collect()
}

/// A name-based UUID (version 8, RFC 9562) from the parts: FNV-1a (128
/// bit) over each part and its length. Stable across runs and platforms.
fn derived_id(parts: &[&[u8]]) -> Uuid {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for part in parts {
        for b in (part.len() as u64).to_be_bytes().iter().chain(part.iter()) {
            h ^= u128::from(*b);
            h = h.wrapping_mul(PRIME);
        }
    }
    uuid::Builder::from_custom_bytes(h.to_be_bytes()).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::CheckinDraft;

    fn at(text: &str) -> Moment {
        Moment::parse("at", text, &TimeZone::UTC).unwrap()
    }

    fn screening(i: Instrument, when: &str, answers: &str) -> Screening {
        let answers = thaw_core::screener::parse_answers(i, answers).unwrap();
        Screening::new(Uuid::now_v7(), i, at(when), answers).unwrap()
    }

    fn checkin(when: &str, mood: Option<&str>, numb: Option<&str>) -> Checkin {
        CheckinDraft {
            mood: mood.map(Into::into),
            numbness: numb.map(Into::into),
            ..Default::default()
        }
        .validate(Uuid::now_v7(), at(when))
        .unwrap()
    }

    struct Data {
        checkins: Vec<Checkin>,
        screenings: Vec<Screening>,
    }

    impl Data {
        fn all(&self) -> Everything<'_> {
            Everything {
                exported_at: "2026-03-10T12:00:00Z".parse().unwrap(),
                timezone: "America/New_York",
                checkins: &self.checkins,
                activities: &[],
                activity_logs: &[],
                grounding: &[],
                journal: &[],
                screenings: &self.screenings,
                safety_plan: None,
                relapse_plan: None,
                values: &[],
                value_actions: &[],
                wins: &[],
                social_steps: &[],
                social_attempts: &[],
                selfcare: &[],
                selfcare_logs: &[],
            }
        }
    }

    fn sample() -> Data {
        Data {
            checkins: vec![
                checkin("2026-03-01T09:00:00-05:00", Some("4"), Some("7")),
                checkin("2026-03-01T23:30:00-05:00", Some("5"), None),
                // 01:00 in Berlin is still 2026-03-01 in New York.
                checkin("2026-03-02T01:00:00+01:00", Some("6"), None),
                checkin("2026-03-03T10:00:00-05:00", None, None),
            ],
            screenings: vec![
                screening(
                    Instrument::Phq9,
                    "2026-03-02T08:00:00-05:00",
                    "1,2,2,1,0,1,2,2,-",
                ),
                screening(
                    Instrument::Gad7,
                    "2026-03-02T08:05:00-05:00",
                    "3,3,2,2,1,1,0",
                ),
                screening(Instrument::Phq2, "2026-03-02T08:10:00-05:00", "2,1"),
                screening(
                    Instrument::Phq8,
                    "2026-03-02T08:15:00-05:00",
                    "1,1,1,1,1,1,1,1",
                ),
                screening(Instrument::Who5, "2026-03-02T08:20:00-05:00", "2,3,2,2,3"),
            ],
        }
    }

    fn resources(b: &Value) -> Vec<&Value> {
        b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .collect()
    }

    fn observation<'a>(b: &'a Value, code_text: &str) -> Vec<&'a Value> {
        resources(b)
            .into_iter()
            .filter(|r| r["resourceType"] == "Observation" && r["code"]["text"] == code_text)
            .collect()
    }

    #[test]
    fn the_bundle_is_a_collection_with_a_patient_everything_references() {
        let data = sample();
        let patient = patient_id(Uuid::nil());
        let b = bundle(&data.all(), patient);
        assert_eq!(b["resourceType"], "Bundle");
        assert_eq!(b["type"], "collection");
        assert_eq!(b["timestamp"], "2026-03-10T12:00:00+00:00");
        assert!(Uuid::parse_str(b["id"].as_str().unwrap()).is_ok());
        let patient_ref = format!("urn:uuid:{patient}");
        for e in b["entry"].as_array().unwrap() {
            let r = &e["resource"];
            assert_eq!(
                e["fullUrl"],
                format!("urn:uuid:{}", r["id"].as_str().unwrap())
            );
            if r["resourceType"] == "Patient" {
                assert!(r.get("name").is_none() && r.get("identifier").is_none());
            } else {
                assert_eq!(r["subject"]["reference"], patient_ref.as_str());
            }
        }
        // Deterministic: the same input gives the same bytes.
        assert_eq!(
            write_fhir(&data.all(), patient).unwrap(),
            write_fhir(&data.all(), patient).unwrap()
        );
    }

    #[test]
    fn screeners_carry_their_loinc_codes_and_a_derived_total() {
        let data = sample();
        let b = bundle(&data.all(), patient_id(Uuid::nil()));
        let text = b.to_string();
        for code in [
            "44249-1", "44261-6", "69737-5", "70274-6", "55757-9", "55758-7",
        ] {
            assert!(text.contains(code), "{code} missing");
        }
        let phq9 = observation(&b, "PHQ-9 total score");
        assert_eq!(phq9.len(), 1);
        let phq9 = phq9[0];
        assert_eq!(phq9["code"]["coding"][0]["system"], LOINC);
        assert_eq!(phq9["code"]["coding"][0]["code"], "44261-6");
        assert_eq!(
            phq9["valueInteger"], 11,
            "1+2+2+1+0+1+2+2, item 9 declined = 0"
        );
        assert_eq!(phq9["interpretation"][0]["text"], "moderate (10–14)");
        assert_eq!(phq9["status"], "final");
        assert_eq!(phq9["category"][0]["coding"][0]["code"], "survey");
        assert_eq!(phq9["effectiveDateTime"], "2026-03-02T08:00:00-05:00");
        let note = phq9["note"][0]["text"].as_str().unwrap();
        assert!(
            note.contains("moderate") && note.contains("Item 9 was declined"),
            "{note}"
        );

        let gad7 = observation(&b, "GAD-7 total score")[0];
        assert_eq!(gad7["code"]["coding"][0]["code"], "70274-6");
        assert_eq!(gad7["valueInteger"], 12);
        let phq2 = observation(&b, "PHQ-2 total score")[0];
        assert_eq!(phq2["code"]["coding"][0]["code"], "55758-7");
        assert_eq!(
            phq2["interpretation"][0]["text"],
            "positive screen (3 or more)"
        );
        let phq8 = observation(&b, "PHQ-8 total score")[0];
        assert!(phq8["code"].get("coding").is_none());
        assert_eq!(phq8["valueInteger"], 8);
        let who5 = observation(&b, "WHO-5 Well-Being Index raw score")[0];
        assert!(who5["code"].get("coding").is_none());
        assert_eq!(who5["valueInteger"], 12);
        assert_eq!(who5["component"][0]["valueInteger"], 48);
        assert_eq!(
            who5["interpretation"][0]["text"],
            "poor well-being (raw score below 13)"
        );
    }

    #[test]
    fn the_total_is_derived_from_the_answers_and_a_declined_item_has_no_answer() {
        let data = sample();
        let b = bundle(&data.all(), patient_id(Uuid::nil()));
        let phq9 = &data.screenings[0];
        let qr = resources(&b)
            .into_iter()
            .find(|r| {
                r["resourceType"] == "QuestionnaireResponse" && r["id"] == phq9.id.to_string()
            })
            .unwrap();
        assert_eq!(qr["status"], "completed");
        assert_eq!(qr["questionnaire"], "http://loinc.org/q/44249-1");
        assert_eq!(qr["authored"], "2026-03-02T08:00:00-05:00");
        let items = qr["item"].as_array().unwrap();
        assert_eq!(items.len(), 9);
        assert_eq!(items[0]["linkId"], "1");
        assert_eq!(
            items[0]["text"],
            "Little interest or pleasure in doing things"
        );
        assert_eq!(items[1]["answer"][0]["valueInteger"], 2);
        assert!(
            items[8].get("answer").is_none(),
            "declined item 9 has no answer"
        );
        let sum: i64 = items
            .iter()
            .filter_map(|i| i["answer"][0]["valueInteger"].as_i64())
            .sum();
        let obs = observation(&b, "PHQ-9 total score")[0];
        assert_eq!(obs["valueInteger"].as_i64(), Some(sum));
        assert_eq!(
            obs["derivedFrom"][0]["reference"],
            format!("urn:uuid:{}", phq9.id)
        );
        let who5 = &data.screenings[4];
        let qr = resources(&b)
            .into_iter()
            .find(|r| r["id"] == who5.id.to_string())
            .unwrap();
        assert_eq!(qr["questionnaire"], "urn:thaw:questionnaire:who5");
    }

    #[test]
    fn item_9_above_zero_is_named_in_the_note() {
        let s = screening(
            Instrument::Phq9,
            "2026-03-02T08:00:00Z",
            "0,0,0,0,0,0,0,0,1",
        );
        let note = result_note(&s, &s.score());
        assert!(
            note.contains("Item 9") && note.contains("answered 1 (Several days)"),
            "{note}"
        );
    }

    #[test]
    fn daily_values_are_day_means_in_the_persons_zone() {
        let data = sample();
        let b = bundle(&data.all(), patient_id(Uuid::nil()));
        let mood = observation(&b, DAILY_MOOD);
        let dates: Vec<_> = mood
            .iter()
            .map(|o| o["effectiveDateTime"].clone())
            .collect();
        // 2026-03-03 had a check-in but no mood rating: no Observation.
        assert_eq!(dates, vec![json!("2026-03-01")]);
        let q = &mood[0]["valueQuantity"];
        assert_eq!(q["value"], 5.0, "mean of 4, 5 and 6");
        assert_eq!(q["unit"], "score");
        assert_eq!(q["system"], UCUM);
        assert_eq!(q["code"], "{score}");
        assert!(
            mood[0]["note"][0]["text"]
                .as_str()
                .unwrap()
                .contains("3 mood ratings")
        );
        let numb = observation(&b, DAILY_NUMBNESS);
        assert_eq!(numb.len(), 1);
        assert_eq!(numb[0]["valueQuantity"]["value"], 7.0);
    }

    #[test]
    fn means_are_rounded_to_two_decimals() {
        let data = Data {
            checkins: vec![
                checkin("2026-03-01T09:00:00Z", Some("1"), None),
                checkin("2026-03-01T10:00:00Z", Some("1"), None),
                checkin("2026-03-01T11:00:00Z", Some("2"), None),
            ],
            screenings: vec![],
        };
        let b = bundle(&data.all(), Uuid::nil());
        assert_eq!(
            observation(&b, DAILY_MOOD)[0]["valueQuantity"]["value"],
            1.33
        );
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = patient_id(Uuid::nil());
        assert_eq!(a, patient_id(Uuid::nil()));
        assert_ne!(a, patient_id(Uuid::max()));
        assert_ne!(a, Uuid::nil());
        assert_eq!(a.get_version_num(), 8);
        assert_ne!(derived_id(&[b"ab", b"c"]), derived_id(&[b"a", b"bc"]));
    }

    #[test]
    fn an_offset_with_seconds_is_written_in_utc() {
        let m = Moment::from_parts(0, 3_208).unwrap();
        assert_eq!(date_time(&m), "1970-01-01T00:00:00+00:00");
    }
}
