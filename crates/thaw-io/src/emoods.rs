//! eMoods' `entry.csv` (`thaw import emoods FILE`).
//!
//! **Layout.** One row per day, under a header such as
//! `date,elevated,depressed,irritable,anxiety,weight,sleep,medications,notes`.
//! Columns are found by name (`depression`, `irritability`,
//! `hours slept`, `medication`, `note` are read too); `date` is required,
//! columns Thaw has no place for are listed in a warning. A date is
//! `2026-02-01`, optionally followed by a time (`2026-02-01 21:30`);
//! without one the check-in is placed at 12:00 local time. A row with
//! nothing but its date is left out (a warning counts them).
//!
//! **Mapping.** eMoods rates the day's most extreme moods on 0–3
//! (none, mild, moderate, severe; the words are accepted too). Thaw's
//! mood runs from 0 (very low) to 10 (very good); only `depressed` maps
//! onto it, since elevation is a different direction, not a better mood:
//!
//! | eMoods depressed | Thaw mood |
//! |---|---|
//! | 0 none | 6 |
//! | 1 mild | 4 |
//! | 2 moderate | 2 |
//! | 3 severe | 0 |
//!
//! (No depression is not necessarily a good day, so it lands just above
//! the middle.) Every rating, including `depressed`, is also kept word
//! for word in the check-in's note, one line each:
//! `eMoods: depressed mild (1/3), elevated none (0/3), irritable none
//! (0/3), anxiety moderate (2/3)`, then `Sleep: 7.5 hours`,
//! `Weight: 70.2`, `Medications: …`, then the row's notes.
//!
//! **Ids.** From SHA-256 of `emoods` + the row's values in header order,
//! so importing the same file again adds nothing.

use jiff::civil::Time;
use thaw_core::{CheckinDraft, InputError};

use crate::csv_read::{Table, cell};
use crate::import::{
    ISO_DATE_ALLOWED, ImportOptions, Imported, MIDDAY, Progress, TIME_ALLOWED, at_line, clean_note,
    derived_id, local_moment, parse_iso_date, parse_time, within,
};

const SOURCE: &str = "emoods";

/// eMoods' depressed 0–3 onto Thaw's mood 0–10.
pub const DEPRESSED_TO_MOOD: [u8; 4] = [6, 4, 2, 0];

const SEVERITIES: [&str; 4] = ["none", "mild", "moderate", "severe"];

const SEVERITY_ALLOWED: &str = "0, 1, 2 or 3 (none, mild, moderate, severe), or empty";

/// The rated columns, in the order the note lists them.
const RATED: [(&str, &[&str]); 4] = [
    ("depressed", &["depressed", "depression", "depressed mood"]),
    ("elevated", &["elevated", "elevation", "elevated mood"]),
    ("irritable", &["irritable", "irritability"]),
    ("anxiety", &["anxiety", "anxious"]),
];

const SLEEP: &[&str] = &["sleep", "hours slept", "hours of sleep", "sleep hours"];
const WEIGHT: &[&str] = &["weight"];
const MEDICATIONS: &[&str] = &["medications", "medication", "meds"];
const NOTES: &[&str] = &["notes", "note"];
const PSYCHOTIC: &[&str] = &["psychotic symptoms", "psychotic", "psychosis"];
const DATE: &[&str] = &["date", "entry date", "day"];

/// Reads and checks a whole eMoods `entry.csv`.
pub fn read(text: &str, opts: &ImportOptions) -> Result<Imported, InputError> {
    read_with(text, opts, &mut |_, _| {})
}

/// [`read`], telling `progress` how many rows are checked.
pub fn read_with(
    text: &str,
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<Imported, InputError> {
    let table = Table::read(text)?;
    let Some(date) = table.column(DATE) else {
        return Err(InputError::new(
            "line 1: header",
            table.columns.join(","),
            "an eMoods entry.csv: its first line names the columns, among them date, depressed, elevated, irritable, anxiety, sleep and notes",
        ));
    };
    let rated: Vec<(&str, Option<usize>)> = RATED
        .iter()
        .map(|(name, aliases)| (*name, table.column(aliases)))
        .collect();
    let sleep = table.column(SLEEP);
    let weight = table.column(WEIGHT);
    let medications = table.column(MEDICATIONS);
    let notes = table.column(NOTES);
    let psychotic = table.column(PSYCHOTIC);

    let known: Vec<usize> = [Some(date), sleep, weight, medications, notes, psychotic]
        .into_iter()
        .chain(rated.iter().map(|(_, c)| *c))
        .flatten()
        .collect();
    let mut out = Imported {
        rows: table.rows.len(),
        ..Imported::default()
    };
    let ignored: Vec<&str> = (0..table.columns.len())
        .filter(|i| !known.contains(i))
        .map(|i| table.name(i))
        .filter(|n| !n.is_empty())
        .collect();
    if !ignored.is_empty() {
        out.warnings.push(format!(
            "these columns were not imported, as Thaw has no place for them: {}",
            ignored.join(", ")
        ));
    }

    let total = table.rows.len();
    let mut empty = 0usize;
    for (n, row) in table.rows.iter().enumerate() {
        let line = row.line;
        let raw_date = cell(row, Some(date));
        let day = parse_iso_date(raw_date)
            .ok_or_else(|| InputError::new(at_line(line, "date"), raw_date, ISO_DATE_ALLOWED))?;
        let time = time_after_date(raw_date)
            .ok_or_else(|| InputError::new(at_line(line, "date"), raw_date, TIME_ALLOWED))?;
        let at = local_moment(&at_line(line, "date"), day, time, &opts.tz)?;

        let mut ratings = Vec::new();
        let mut mood = None;
        for (name, col) in &rated {
            let raw = cell(row, *col);
            let Some(level) = severity(raw)
                .map_err(|()| InputError::new(at_line(line, name), raw, SEVERITY_ALLOWED))?
            else {
                continue;
            };
            if *name == "depressed" {
                mood = DEPRESSED_TO_MOOD.get(usize::from(level)).copied();
            }
            let word = SEVERITIES.get(usize::from(level)).copied().unwrap_or("");
            ratings.push(format!("{name} {word} ({level}/3)"));
        }

        let mut lines = Vec::new();
        if !ratings.is_empty() {
            lines.push(format!("eMoods: {}", ratings.join(", ")));
        }
        let slept = cell(row, sleep).trim();
        if !slept.is_empty() {
            let hours: f64 = slept.replace(',', ".").parse().map_err(|_| {
                InputError::new(at_line(line, "sleep"), slept, "hours slept, like 7 or 7.5")
            })?;
            if !(0.0..=24.0).contains(&hours) {
                return Err(InputError::new(
                    at_line(line, "sleep"),
                    slept,
                    "hours slept, from 0 to 24",
                ));
            }
            lines.push(format!("Sleep: {slept} hours"));
        }
        for (label, col) in [
            ("Weight", weight),
            ("Medications", medications),
            ("Psychotic symptoms", psychotic),
        ] {
            let value = clean_note(cell(row, col));
            if !value.is_empty() {
                lines.push(format!("{label}: {value}"));
            }
        }
        let note = clean_note(cell(row, notes));
        if !note.is_empty() {
            lines.push(note);
        }

        if mood.is_none() && lines.is_empty() {
            empty += 1;
            progress(n + 1, total);
            continue;
        }
        let values: Vec<&str> = row.fields.iter().map(String::as_str).collect();
        let id = derived_id(SOURCE, &values);
        let checkin = CheckinDraft {
            mood: mood.map(|m| m.to_string()),
            note: Some(lines.join("\n")),
            ..CheckinDraft::default()
        }
        .validate(id, at)
        .map_err(|e| within(&format!("line {line}"), ": ", e))?;
        out.batch.checkins.push(checkin);
        progress(n + 1, total);
    }
    if empty > 0 {
        out.warnings.push(format!(
            "{empty} row{} held only a date and {} left out",
            if empty == 1 { "" } else { "s" },
            if empty == 1 { "was" } else { "were" }
        ));
    }
    Ok(out)
}

/// The time after the date (`2026-02-01 21:30`, `2026-02-01T21:30:00`),
/// or midday when there is none; `None` when what follows is no time.
fn time_after_date(raw: &str) -> Option<Time> {
    let rest = raw.trim().get(10..)?.trim_start_matches(['T', 't', ' ']);
    let rest = rest.trim_end_matches('Z');
    if rest.is_empty() {
        return Some(MIDDAY);
    }
    parse_time(rest)
}

/// 0–3 or the word; `Ok(None)` when empty.
fn severity(raw: &str) -> Result<Option<u8>, ()> {
    let t = raw.trim().to_lowercase();
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(i) = SEVERITIES.iter().position(|s| *s == t) {
        return u8::try_from(i).map(Some).map_err(|_| ());
    }
    let t = t.strip_suffix(".0").unwrap_or(&t);
    match t.parse::<u8>() {
        Ok(n) if n <= 3 => Ok(Some(n)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn opts() -> ImportOptions {
        ImportOptions {
            tz: TimeZone::get("America/New_York").unwrap(),
            mood_map: Vec::new(),
        }
    }

    #[test]
    fn the_documented_mapping() {
        let text = "date,elevated,depressed,irritable,anxiety,weight,sleep,medications,notes\n\
2026-02-01,0,1,0,2,70.2,7.5,\"Example med 10mg\",\"Quiet day, \"\"numb\"\"\"\n\
2026-02-02,1,0,0,0,,8,,\n\
2026-02-03 21:30,,3,,,,,,\n\
2026-02-04,,,,,,,,\n";
        let r = read(text, &opts()).unwrap();
        assert_eq!(r.rows, 4);
        assert_eq!(r.warnings, ["1 row held only a date and was left out"]);
        let cs = &r.batch.checkins;
        let moods: Vec<_> = cs.iter().map(|c| c.mood.map(|m| m.get())).collect();
        assert_eq!(moods, [Some(4), Some(6), Some(0)]);
        assert_eq!(cs[0].at.to_string(), "2026-02-01T12:00:00-05:00");
        assert_eq!(
            cs[0].note.as_deref(),
            Some(
                "eMoods: depressed mild (1/3), elevated none (0/3), irritable none (0/3), anxiety moderate (2/3)\nSleep: 7.5 hours\nWeight: 70.2\nMedications: Example med 10mg\nQuiet day, \"numb\""
            )
        );
        assert_eq!(cs[2].at.to_string(), "2026-02-03T21:30:00-05:00");
        assert_eq!(
            cs[2].note.as_deref(),
            Some("eMoods: depressed severe (3/3)")
        );
    }

    #[test]
    fn header_case_extra_columns_and_words() {
        let r = read(
            "DATE,Depressed,Mystery,NOTES\n2026-02-01,Moderate,x,hi\n",
            &opts(),
        )
        .unwrap();
        assert_eq!(r.batch.checkins[0].mood.map(|m| m.get()), Some(2));
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].contains("mystery"));
    }

    #[test]
    fn bad_values_name_their_line() {
        let head = "date,elevated,depressed,sleep\n";
        for (row, field) in [
            ("2026-02-01,0,4,7", "line 2: depressed"),
            ("2026-02-01,high,0,7", "line 2: elevated"),
            ("02/01/2026,0,0,7", "line 2: date"),
            ("2026-02-01,0,0,lots", "line 2: sleep"),
            ("2026-02-01 31:00,0,0,7", "line 2: date"),
        ] {
            let e = read(&format!("{head}{row}\n"), &opts()).unwrap_err();
            assert_eq!(e.field, field, "{row}");
        }
        assert_eq!(
            read("mood,note\n1,2\n", &opts()).unwrap_err().field,
            "line 1: header"
        );
    }
}
