//! Bearable's CSV export (`thaw import bearable FILE`).
//!
//! **Layout.** One row per thing logged, under the header
//! `date,weekday,time of day,category,rating/amount,detail,notes`
//! (newer exports add `date formatted`, a `YYYY-MM-DD` copy of the date,
//! after `date`). Columns are found by name; extra ones are ignored.
//! `date` reads as `22nd Sep 2020`, `Sep 22 2020` or `2020-09-22`;
//! `time of day` is a clock time (`09:53`, `3:04`, `8:00 pm`), a part of
//! the day (`pre`, `am`, `mid`, `pm`), `all day`, or empty.
//!
//! **Mapping.** Times are read in the person's time zone.
//!
//! | Bearable row | becomes in Thaw |
//! |---|---|
//! | `Mood`, rating 0–10 | a check-in's mood, as is; the detail's words (`Meh \| Anxious`) become its feelings, `notes` its note |
//! | `Energy`, rating 1–5 | the same check-in's energy: 1→1, 2→3, 3→5, 4→7, 5→9 |
//! | `Symptom` (`Headache (Mild)`) | a line of the day's note: `Symptoms: pm: Headache (Mild)` |
//! | `Factors`, `Food Diary factors`, `Sleep factors` (`Caffeine \| Walk`) | triggers on the day's check-in |
//! | `Sleep` (`7:15`, `Asleep 02:30 - 09:45`) | a note line `Sleep: 7:15 (Asleep 02:30 - 09:45)` |
//! | `Sleep quality` (1–5) | a note line `Sleep quality: 2/5 Poor` |
//! | `Meds/Supplements` (`50`, `Hydroxyzine (mg)`) | a note line `Meds/Supplements: 3:04: Hydroxyzine 50 mg` |
//! | `Gratitudes` | a note line `Grateful for: …` |
//! | anything else (`Food Diary`, health measurements, custom ratings) | a note line `Category: amount detail` |
//!
//! Mood and energy rows logged at the same time of the same day make one
//! check-in (a part of the day is placed at pre 03:00, am 09:00, mid
//! 15:00, pm 21:00; all day or none at 12:00). Everything else of a day
//! is gathered into one check-in at 12:00 local time with no ratings:
//! its triggers are the day's factors and its note lists the rest, in
//! the order of the file. The detail's feelings and factors are labels,
//! repeats dropped.
//!
//! **Ids.** From SHA-256 of `bearable` + the rows each check-in is made
//! of, so importing the same file again adds nothing.

use jiff::civil::{Date, Time};
use thaw_core::{CheckinDraft, InputError};

use crate::csv_read::{Record, Table, cell};
use crate::import::{
    ISO_DATE_ALLOWED, ImportOptions, Imported, MIDDAY, Progress, TIME_ALLOWED, at_line, clean_note,
    day_of_month, derived_id, english_month, local_moment, parse_iso_date, parse_time, within,
};

const SOURCE: &str = "bearable";

const HEADER_ALLOWED: &str = "a Bearable CSV export: its first line names the columns date, time of day, category, rating/amount, detail and notes";

const DATE_ALLOWED: &str = "a date like 22nd Sep 2020 or 2020-09-22";

/// Where each part of Bearable's day is placed.
const PARTS_OF_DAY: [(&str, Time); 7] = [
    ("pre", Time::constant(3, 0, 0, 0)),
    ("am", Time::constant(9, 0, 0, 0)),
    ("mid", Time::constant(15, 0, 0, 0)),
    ("pm", Time::constant(21, 0, 0, 0)),
    ("all day", MIDDAY),
    ("allday", MIDDAY),
    ("", MIDDAY),
];

/// Energy 1–5 onto Thaw's 0–10.
pub const ENERGY: [(u8, u8); 5] = [(1, 1), (2, 3), (3, 5), (4, 7), (5, 9)];

/// One row, read.
struct Row<'a> {
    line: usize,
    day: Date,
    /// As written (`09:53`, `pm`, ``).
    when: &'a str,
    time: Time,
    category: &'a str,
    amount: &'a str,
    detail: &'a str,
    notes: String,
}

/// A timed check-in being gathered from mood and energy rows.
struct Slot<'a> {
    day: Date,
    time: Time,
    line: usize,
    mood: Option<&'a Row<'a>>,
    energy: Option<&'a Row<'a>>,
}

/// Reads and checks a whole Bearable export.
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
    let date = table.column(&["date"]);
    let formatted = table.column(&["date formatted", "formatted date"]);
    let when = table.column(&["time of day", "time"]);
    let category = table.column(&["category"]);
    let amount = table.column(&["rating/amount", "rating", "amount"]);
    let detail = table.column(&["detail", "details"]);
    let notes = table.column(&["notes", "note"]);
    if (date.is_none() && formatted.is_none()) || category.is_none() {
        return Err(InputError::new(
            "line 1: header",
            table.columns.join(","),
            HEADER_ALLOWED,
        ));
    }
    let total = table.rows.len();
    let mut rows = Vec::with_capacity(total);
    for (n, record) in table.rows.iter().enumerate() {
        rows.push(read_row(
            record, date, formatted, when, category, amount, detail, notes,
        )?);
        progress(n + 1, total);
    }

    // Timed check-ins from mood and energy; the rest by day.
    let mut moments: Vec<Slot> = Vec::new();
    let mut days: Vec<(Date, Vec<&Row>)> = Vec::new();
    for row in &rows {
        let kind = row.category.trim().to_lowercase();
        if kind == "mood" || kind == "energy" {
            let is_mood = kind == "mood";
            let free = moments.iter_mut().find(|m| {
                m.day == row.day
                    && m.time == row.time
                    && if is_mood {
                        m.mood.is_none()
                    } else {
                        m.energy.is_none()
                    }
            });
            let slot = match free {
                Some(m) => m,
                None => {
                    moments.push(Slot {
                        day: row.day,
                        time: row.time,
                        line: row.line,
                        mood: None,
                        energy: None,
                    });
                    let last = moments.len() - 1;
                    &mut moments[last]
                }
            };
            if is_mood {
                slot.mood = Some(row);
            } else {
                slot.energy = Some(row);
            }
        } else {
            match days.iter_mut().find(|(d, _)| *d == row.day) {
                Some((_, list)) => list.push(row),
                None => days.push((row.day, vec![row])),
            }
        }
    }

    let mut out = Imported {
        rows: total,
        ..Imported::default()
    };
    for m in &moments {
        out.batch.checkins.push(timed_checkin(m, opts)?);
    }
    for (day, list) in &days {
        if let Some(c) = day_checkin(*day, list, opts)? {
            out.batch.checkins.push(c);
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn read_row<'a>(
    record: &'a Record,
    date: Option<usize>,
    formatted: Option<usize>,
    when: Option<usize>,
    category: Option<usize>,
    amount: Option<usize>,
    detail: Option<usize>,
    notes: Option<usize>,
) -> Result<Row<'a>, InputError> {
    let line = record.line;
    let day = match formatted
        .map(|c| cell(record, Some(c)))
        .filter(|t| !t.trim().is_empty())
    {
        Some(raw) => parse_iso_date(raw).ok_or_else(|| {
            InputError::new(at_line(line, "date formatted"), raw, ISO_DATE_ALLOWED)
        })?,
        None => {
            let raw = cell(record, date);
            parse_date(raw)
                .ok_or_else(|| InputError::new(at_line(line, "date"), raw, DATE_ALLOWED))?
        }
    };
    let when_raw = cell(record, when);
    let key = when_raw.trim().to_lowercase();
    let time = match PARTS_OF_DAY.iter().find(|(k, _)| *k == key) {
        Some((_, t)) => *t,
        None => parse_time(when_raw).ok_or_else(|| {
            InputError::new(
                at_line(line, "time of day"),
                when_raw,
                format!("{TIME_ALLOWED}, or pre, am, mid, pm or all day"),
            )
        })?,
    };
    let category = cell(record, category).trim();
    if category.is_empty() {
        return Err(InputError::new(
            at_line(line, "category"),
            "",
            "a category like Mood, Energy, Symptom or Factors",
        ));
    }
    Ok(Row {
        line,
        day,
        when: when_raw.trim(),
        time,
        category,
        amount: cell(record, amount).trim(),
        detail: cell(record, detail).trim(),
        notes: clean_note(cell(record, notes)),
    })
}

/// `22nd Sep 2020`, `22 September 2020`, `Sep 22, 2020` or `2020-09-22`.
fn parse_date(text: &str) -> Option<Date> {
    if let Some(d) = parse_iso_date(text) {
        return Some(d);
    }
    let cleaned = text.replace(',', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let [a, b, y] = words.as_slice() else {
        return None;
    };
    let year: i16 = y.parse().ok()?;
    let (month, day) = match (day_of_month(a), english_month(b)) {
        (Some(d), Some(m)) => (m, d),
        _ => (english_month(a)?, day_of_month(b)?),
    };
    Date::new(year, month, day).ok()
}

/// A whole number from a rating cell (`6`, `6.0`).
fn whole(text: &str) -> Option<i64> {
    let t = text.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    t.parse().ok()
}

/// Labels split on `|`, trimmed, blanks dropped.
fn split_pipes(text: &str) -> Vec<String> {
    text.split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn content(row: &Row) -> String {
    [
        row.day.to_string().as_str(),
        row.when,
        row.category,
        row.amount,
        row.detail,
        row.notes.as_str(),
    ]
    .join("\u{1f}")
}

fn timed_checkin(m: &Slot, opts: &ImportOptions) -> Result<thaw_core::Checkin, InputError> {
    let line = m.line;
    let mood = match m.mood {
        Some(row) => match whole(row.amount) {
            Some(n) if (0..=10).contains(&n) => Some(n.to_string()),
            _ if row.amount.is_empty() => None,
            _ => {
                return Err(InputError::new(
                    at_line(row.line, "rating/amount"),
                    row.amount,
                    "a mood from 0 to 10",
                ));
            }
        },
        None => None,
    };
    let energy = match m.energy {
        Some(row) => match whole(row.amount) {
            Some(n) => match ENERGY.iter().find(|(e, _)| i64::from(*e) == n) {
                Some((_, thaw)) => Some(thaw.to_string()),
                None => {
                    return Err(InputError::new(
                        at_line(row.line, "rating/amount"),
                        row.amount,
                        "an energy level from 1 to 5",
                    ));
                }
            },
            None if row.amount.is_empty() => None,
            None => {
                return Err(InputError::new(
                    at_line(row.line, "rating/amount"),
                    row.amount,
                    "an energy level from 1 to 5",
                ));
            }
        },
        None => None,
    };
    let rows: Vec<&Row> = m.mood.iter().chain(m.energy.iter()).copied().collect();
    let feelings = m.mood.map(|r| split_pipes(r.detail)).unwrap_or_default();
    let note = rows
        .iter()
        .map(|r| r.notes.as_str())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let parts: Vec<String> = rows.iter().map(|r| content(r)).collect();
    let part_refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    let id = derived_id(SOURCE, &part_refs);
    let at = local_moment(&at_line(line, "time of day"), m.day, m.time, &opts.tz)?;
    CheckinDraft {
        mood,
        energy,
        sensations: feelings,
        note: Some(note),
        ..CheckinDraft::default()
    }
    .validate(id, at)
    .map_err(|e| within(&format!("line {line}"), ": ", rename_field(e)))
}

/// The domain names a feeling `feel`; in this file it is the detail.
fn rename_field(e: InputError) -> InputError {
    if e.field == "feel" || e.field == "trigger" {
        InputError {
            field: "detail".into(),
            ..e
        }
    } else {
        e
    }
}

/// "Hydroxyzine (mg)" with amount 50 → "Hydroxyzine 50 mg".
fn dose(amount: &str, detail: &str) -> String {
    if let Some(open) = detail.rfind(" (") {
        if let Some(unit) = detail[open + 2..].strip_suffix(')') {
            if !amount.is_empty() && !unit.is_empty() {
                return format!("{} {amount} {unit}", &detail[..open]);
            }
        }
    }
    [amount, detail]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn day_checkin(
    day: Date,
    rows: &[&Row],
    opts: &ImportOptions,
) -> Result<Option<thaw_core::Checkin>, InputError> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut triggers: Vec<String> = Vec::new();
    // (heading, items) in first-seen order.
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut extra_notes: Vec<&str> = Vec::new();
    for row in rows {
        let kind = row.category.to_lowercase();
        let when = match row.when.to_lowercase().as_str() {
            "" | "all day" | "allday" => String::new(),
            _ => format!("{}: ", row.when),
        };
        let (heading, item) = match kind.as_str() {
            "factors" | "food diary factors" | "sleep factors" => {
                for f in split_pipes(row.detail) {
                    let key = f.to_lowercase();
                    if !triggers.iter().any(|t| t.to_lowercase() == key) {
                        triggers.push(f);
                    }
                }
                if !row.notes.is_empty() {
                    extra_notes.push(&row.notes);
                }
                continue;
            }
            "symptom" | "symptoms" => ("Symptoms".to_owned(), format!("{when}{}", row.detail)),
            "sleep" => {
                let item = match (row.amount.is_empty(), row.detail.is_empty()) {
                    (false, false) => format!("{} ({})", row.amount, row.detail),
                    (false, true) => row.amount.to_owned(),
                    _ => row.detail.to_owned(),
                };
                ("Sleep".to_owned(), item)
            }
            "sleep quality" => (
                "Sleep quality".to_owned(),
                [format!("{}/5", row.amount), row.detail.to_owned()]
                    .into_iter()
                    .filter(|s| !s.is_empty() && s != "/5")
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            "meds/supplements" | "medication" | "meds" => (
                row.category.to_owned(),
                format!("{when}{}", dose(row.amount, row.detail)),
            ),
            "gratitudes" | "gratitude" => ("Grateful for".to_owned(), row.detail.to_owned()),
            _ => (
                row.category.to_owned(),
                format!(
                    "{when}{}",
                    [row.amount, row.detail]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            ),
        };
        if !row.notes.is_empty() {
            extra_notes.push(&row.notes);
        }
        let item = item.trim().trim_end_matches(':').trim().to_owned();
        if item.is_empty() {
            continue;
        }
        match sections.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, items)) => items.push(item),
            None => sections.push((heading, vec![item])),
        }
    }
    let mut lines: Vec<String> = sections
        .into_iter()
        .map(|(h, items)| format!("{h}: {}", items.join("; ")))
        .collect();
    for n in extra_notes {
        if !lines.iter().any(|l| l == n) {
            lines.push(n.to_owned());
        }
    }
    if lines.is_empty() && triggers.is_empty() {
        return Ok(None);
    }
    let parts: Vec<String> = rows.iter().map(|r| content(r)).collect();
    let mut part_refs: Vec<&str> = vec!["day"];
    part_refs.extend(parts.iter().map(String::as_str));
    let id = derived_id(SOURCE, &part_refs);
    let line = first.line;
    let at = local_moment(&at_line(line, "date"), day, MIDDAY, &opts.tz)?;
    CheckinDraft {
        triggers,
        note: Some(lines.join("\n")),
        ..CheckinDraft::default()
    }
    .validate(id, at)
    .map(Some)
    .map_err(|e| within(&format!("line {line}"), ": ", rename_field(e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn opts() -> ImportOptions {
        ImportOptions {
            tz: TimeZone::get("Europe/Berlin").unwrap(),
            mood_map: Vec::new(),
        }
    }

    const SAMPLE: &str = "date,weekday,time of day,category,rating/amount,detail,notes\n\
\"3rd Feb 2026\",\"Tuesday\",\"09:15\",\"Mood\",\"4\",\"Meh | Flat\",\"Slow start, \"\"foggy\"\"\"\n\
\"3rd Feb 2026\",\"Tuesday\",\"09:15\",\"Energy\",\"2\",\"Poor\",\"\"\n\
\"3rd Feb 2026\",\"Tuesday\",\"pm\",\"Symptom\",\"2\",\"Numbness (Moderate)\",\"\"\n\
\"3rd Feb 2026\",\"Tuesday\",\"all day\",\"Factors\",\"\",\"Poor sleep | Alone\",\"\"\n\
\"3rd Feb 2026\",\"Tuesday\",\"8:00\",\"Meds/Supplements\",\"10\",\"Example med (mg)\",\"\"\n\
\"3rd Feb 2026\",\"Tuesday\",\"\",\"Sleep\",\"6:30\",\"Asleep 00:30 - 07:00\",\"\"\n\
\"4th Feb 2026\",\"Wednesday\",\"am\",\"Mood\",\"7\",\"Calm\",\"\"\n\
\"4th Feb 2026\",\"Wednesday\",\"21:00\",\"Gratitudes\",\"\",\"A call with my sister\",\"\"\n";

    #[test]
    fn the_sample_maps_as_documented() {
        let r = read(SAMPLE, &opts()).unwrap();
        assert_eq!(r.rows, 8);
        let cs = &r.batch.checkins;
        assert_eq!(cs.len(), 4, "{cs:#?}");
        // Mood and energy at 09:15 make one check-in.
        assert_eq!(cs[0].at.to_string(), "2026-02-03T09:15:00+01:00");
        assert_eq!(cs[0].mood.map(|m| m.get()), Some(4));
        assert_eq!(cs[0].energy.map(|m| m.get()), Some(3));
        assert_eq!(cs[0].sensations, ["Meh", "Flat"]);
        assert_eq!(cs[0].note.as_deref(), Some("Slow start, \"foggy\""));
        // A part of the day: am → 09:00.
        assert_eq!(cs[1].at.to_string(), "2026-02-04T09:00:00+01:00");
        assert_eq!(cs[1].mood.map(|m| m.get()), Some(7));
        // The day's other rows: one check-in at noon.
        assert_eq!(cs[2].at.to_string(), "2026-02-03T12:00:00+01:00");
        assert!(cs[2].has_no_ratings());
        assert_eq!(cs[2].triggers, ["Poor sleep", "Alone"]);
        assert_eq!(
            cs[2].note.as_deref(),
            Some(
                "Symptoms: pm: Numbness (Moderate)\nMeds/Supplements: 8:00: Example med 10 mg\nSleep: 6:30 (Asleep 00:30 - 07:00)"
            )
        );
        assert_eq!(
            cs[3].note.as_deref(),
            Some("Grateful for: A call with my sister")
        );
        let again = read(SAMPLE, &opts()).unwrap();
        let ids = |r: &Imported| r.batch.checkins.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(&r), ids(&again));
    }

    #[test]
    fn newer_exports_with_date_formatted() {
        let r = read(
            "date,date formatted,weekday,time of day,category,rating/amount,detail,notes\n\
x,2026-02-03,Tuesday,14:00,Mood,6,,\n",
            &opts(),
        )
        .unwrap();
        assert_eq!(
            r.batch.checkins[0].at.to_string(),
            "2026-02-03T14:00:00+01:00"
        );
    }

    #[test]
    fn bad_values_name_their_line() {
        let head = "date,weekday,time of day,category,rating/amount,detail,notes\n";
        for (row, field) in [
            ("3rd Feb 2026,Tuesday,25:00,Mood,4,,", "line 2: time of day"),
            ("Feb 30th 2026,Tuesday,09:00,Mood,4,,", "line 2: date"),
            (
                "3rd Feb 2026,Tuesday,09:00,Mood,11,,",
                "line 2: rating/amount",
            ),
            (
                "3rd Feb 2026,Tuesday,09:00,Energy,7,,",
                "line 2: rating/amount",
            ),
            ("3rd Feb 2026,Tuesday,09:00,,4,,", "line 2: category"),
        ] {
            let e = read(&format!("{head}{row}\n"), &opts()).unwrap_err();
            assert_eq!(e.field, field, "{row}");
        }
        assert_eq!(
            read("a,b\n1,2\n", &opts()).unwrap_err().field,
            "line 1: header"
        );
    }

    #[test]
    fn dates_in_every_spelling() {
        for text in [
            "22nd Sep 2020",
            "Sep 22 2020",
            "September 22, 2020",
            "2020-09-22",
        ] {
            assert_eq!(
                parse_date(text).map(|d| d.to_string()).as_deref(),
                Some("2020-09-22"),
                "{text}"
            );
        }
        assert_eq!(parse_date("22. September 2020"), None);
    }
}
