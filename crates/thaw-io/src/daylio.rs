//! Daylio's CSV export (`thaw import daylio FILE`).
//!
//! **Layouts.** Columns are found by their header name, not position, so
//! all four layouts seen in the wild are read:
//! `year,date,weekday,time,mood,activities,note`;
//! `full_date,date,weekday,time,mood,activities,note`;
//! `full_date,date,weekday,time,mood,activities,note_title,note`;
//! `full_date,date,weekday,time,mood,activities,scales,note_title,note`.
//! Extra columns are ignored; header names compare without case.
//!
//! **When.** The day is `full_date` (`2026-02-03`). The oldest layout has
//! no `full_date`: there `year` is combined with `date` written in English
//! (`February 3`, `3 Feb`); a date in another language is refused with a
//! clear message, since its month names cannot be read reliably. The
//! time may be `10:00 pm`, `10:04 AM`, `8:00pm` or `14:58`. Both are read
//! in the person's time zone (DST-correct, see [`crate::import`]). Rows
//! may come newest first and a day may have several: order does not
//! matter.
//!
//! **Mood.** Daylio writes a label. The five built-in labels map onto
//! Thaw's 0–10 mood (case-insensitive):
//!
//! | Daylio | Thaw mood |
//! |--------|-----------|
//! | rad    | 9 |
//! | good   | 7 |
//! | meh    | 5 |
//! | bad    | 3 |
//! | awful  | 1 |
//!
//! Custom labels (and overrides of the five) come from
//! `--mood-map LABEL=N`. A label with no number imports its rows with the
//! mood unrated and one warning naming the label and the flag.
//!
//! **What each row becomes.** One check-in (mood, note) at the row's
//! time, plus one activity log per activity (status done, tier full) at
//! the same time. Activities are split on `|` with stray spaces trimmed
//! (repeats dropped). The note keeps commas, quotes, line breaks and
//! emoji; HTML line breaks (`<br>`, `<br/>`) become new lines and basic
//! entities (`&amp;`, `&quot;`, `&#39;`, …) are unescaped; `note_title`
//! and `note` are combined as "title", a blank line, then "note". The
//! `scales` column is not imported (a warning says so).
//!
//! **Ids.** From SHA-256 of `daylio` + date + time + mood label +
//! activities + note (activity logs add the activity's name), so
//! importing the same file again adds nothing.

use std::collections::BTreeMap;

use jiff::civil::Date;
use thaw_core::activity::{ActivityLog, Status, Tier};
use thaw_core::{CheckinDraft, InputError};

use crate::csv_read::{Table, cell};
use crate::import::{
    ISO_DATE_ALLOWED, ImportOptions, Imported, Progress, TIME_ALLOWED, at_line, clean_note,
    day_of_month, derived_id, english_month, join_title, local_moment, mapped_mood, parse_iso_date,
    parse_time, within,
};

/// The source name in derived ids.
const SOURCE: &str = "daylio";

/// Daylio's five built-in mood labels and where they land on 0–10.
pub const DEFAULT_MOODS: [(&str, u8); 5] = [
    ("rad", 9),
    ("good", 7),
    ("meh", 5),
    ("bad", 3),
    ("awful", 1),
];

const HEADER_ALLOWED: &str = "a Daylio CSV export: its first line names the columns, among them full_date (or year and date), time and mood";

const YEAR_DATE_ALLOWED: &str = "an English date like February 3 (this export has no full_date column, and its dates look localized: export again with Daylio's language set to English, or from a newer Daylio, whose exports have full_date)";

/// Reads and checks a whole Daylio export.
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
    let full_date = table.column(&["full_date"]);
    let year = table.column(&["year"]);
    let date = table.column(&["date"]);
    let time = table.column(&["time"]);
    let mood = table.column(&["mood"]);
    let activities = table.column(&["activities", "activity"]);
    let note_title = table.column(&["note_title", "title"]);
    let note = table.column(&["note", "notes"]);
    let scales = table.column(&["scales"]);
    let (Some(time), Some(mood)) = (time, mood) else {
        return Err(header_error(&table));
    };
    if full_date.is_none() && (year.is_none() || date.is_none()) {
        return Err(header_error(&table));
    }

    let mut out = Imported {
        rows: table.rows.len(),
        ..Imported::default()
    };
    let mut unmapped: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut scaled = 0usize;
    let total = table.rows.len();
    for (n, row) in table.rows.iter().enumerate() {
        let line = row.line;
        let day = match full_date {
            Some(col) => {
                let raw = cell(row, Some(col));
                parse_iso_date(raw).ok_or_else(|| {
                    InputError::new(at_line(line, "full_date"), raw, ISO_DATE_ALLOWED)
                })?
            }
            None => year_and_date(line, cell(row, year), cell(row, date))?,
        };
        let raw_time = cell(row, Some(time));
        let clock = parse_time(raw_time)
            .ok_or_else(|| InputError::new(at_line(line, "time"), raw_time, TIME_ALLOWED))?;
        let at = local_moment(&at_line(line, "time"), day, clock, &opts.tz)?;

        let label = cell(row, Some(mood)).trim();
        let number = if label.is_empty() {
            None
        } else {
            let found = mapped_mood(opts, label).or_else(|| default_mood(label));
            if found.is_none() {
                let order = unmapped.len();
                unmapped.entry(label.to_lowercase()).or_insert((order, 0)).1 += 1;
            }
            found
        };

        let names = split_activities(line, cell(row, activities))?;
        let text = join_title(
            &clean_note(cell(row, note_title)),
            &clean_note(cell(row, note)),
        );
        if !cell(row, scales).trim().is_empty() {
            scaled += 1;
        }

        let day_text = day.to_string();
        let time_text = clock.to_string();
        let label_key = label.to_lowercase();
        let joined = names.join("|");
        let id = derived_id(SOURCE, &[&day_text, &time_text, &label_key, &joined, &text]);
        let draft = CheckinDraft {
            mood: number.map(|n| n.to_string()),
            note: Some(text),
            ..CheckinDraft::default()
        };
        let checkin = draft
            .validate(id, at)
            .map_err(|e| within(&format!("line {line}"), ": ", e))?;
        out.batch.checkins.push(checkin);
        let id_text = id.to_string();
        for name in names {
            out.batch.activity_logs.push(ActivityLog {
                id: derived_id("daylio-activity", &[&id_text, &name.to_lowercase()]),
                activity: name,
                at,
                tier: Tier::Full,
                status: Status::Done,
                predicted: None,
                actual: None,
                note: None,
            });
        }
        progress(n + 1, total);
    }

    let mut labels: Vec<(String, (usize, usize))> = unmapped.into_iter().collect();
    labels.sort_by_key(|(_, (order, _))| *order);
    for (label, (_, count)) in labels {
        out.warnings.push(unmapped_warning(&label, count));
    }
    if scaled > 0 {
        out.warnings.push(format!(
            "the scales column ({scaled} row{}) was not imported: Thaw has no place for Daylio's scales yet",
            if scaled == 1 { "" } else { "s" }
        ));
    }
    Ok(out)
}

/// The warning for a mood label without a number.
fn unmapped_warning(label: &str, count: usize) -> String {
    let flag_label = label.replace('"', "");
    format!(
        "mood \"{label}\" is not one of Daylio's five (rad, good, meh, bad, awful), so {count} check-in{} {} no mood. \
Give it a number with --mood-map \"{flag_label}=N\" (N from 0 to 10); check-ins already imported stay as they are, so try it with --dry-run first.",
        if count == 1 { "" } else { "s" },
        if count == 1 { "has" } else { "have" },
    )
}

fn default_mood(label: &str) -> Option<u8> {
    let key = label.trim().to_lowercase();
    DEFAULT_MOODS
        .iter()
        .find(|(l, _)| *l == key)
        .map(|(_, n)| *n)
}

fn header_error(table: &Table) -> InputError {
    InputError::new("line 1: header", table.columns.join(","), HEADER_ALLOWED)
}

/// The oldest layout: `year` plus an English `date` (`February 3`,
/// `3 February`, `Feb 3`).
fn year_and_date(line: usize, year: &str, date: &str) -> Result<Date, InputError> {
    let y: i16 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=9999).contains(y))
        .ok_or_else(|| InputError::new(at_line(line, "year"), year, "a year like 2026"))?;
    let refuse = || InputError::new(at_line(line, "date"), date, YEAR_DATE_ALLOWED);
    let cleaned = date.replace(',', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let (month, day) = match words.as_slice() {
        [a, b] => match (english_month(a), day_of_month(b)) {
            (Some(m), Some(d)) => (m, d),
            _ => match (day_of_month(a), english_month(b)) {
                (Some(d), Some(m)) => (m, d),
                _ => return Err(refuse()),
            },
        },
        _ => return Err(refuse()),
    };
    Date::new(y, month, day).map_err(|_| refuse())
}

/// Activities split on `|`, trimmed, blanks and repeats dropped.
fn split_activities(line: usize, raw: &str) -> Result<Vec<String>, InputError> {
    let parts: Vec<String> = raw
        .split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    thaw_core::text::labels("activities", &parts)
        .map_err(|e| within(&format!("line {line}"), ": ", e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;
    use thaw_core::Checkin;

    fn berlin() -> ImportOptions {
        ImportOptions {
            tz: TimeZone::get("Europe/Berlin").unwrap(),
            mood_map: Vec::new(),
        }
    }

    fn only(text: &str) -> Checkin {
        let r = read(text, &berlin()).unwrap();
        assert_eq!(r.batch.checkins.len(), 1, "{text}");
        r.batch.checkins.into_iter().next().unwrap()
    }

    const SAMPLE: &str = "full_date,date,weekday,time,mood,activities,note\n\
2026-02-03,February 3,Tuesday,8:00 pm,good,walk | tea,Short walk before dinner\n\
2026-02-03,February 3,Tuesday,9:12 am,meh,work,\"Flat morning, \"\"autopilot\"\"\"\n\
2026-02-02,February 2,Monday,18:40,bad,bad sleep | work,\"Felt far away from everything, even music\"\n\
2026-02-01,February 1,Sunday,11:00 AM,rad,friends | cooking,\"Cooked with Jo, laughed, felt present\"\n\
2026-01-31,January 31,Saturday,3:05 pm,awful,,\"Stayed in bed.\nCouldn't reply to anyone.\"\n";

    #[test]
    fn the_sample_reads_every_row() {
        let r = read(SAMPLE, &berlin()).unwrap();
        assert_eq!(r.rows, 5);
        assert!(r.warnings.is_empty());
        let cs = &r.batch.checkins;
        assert_eq!(cs.len(), 5);
        assert_eq!(cs[0].at.to_string(), "2026-02-03T20:00:00+01:00");
        assert_eq!(cs[0].mood.map(|m| m.get()), Some(7));
        assert_eq!(cs[1].note.as_deref(), Some("Flat morning, \"autopilot\""));
        assert_eq!(cs[1].at.to_string(), "2026-02-03T09:12:00+01:00");
        assert_eq!(cs[3].mood.map(|m| m.get()), Some(9));
        assert_eq!(cs[4].mood.map(|m| m.get()), Some(1));
        assert_eq!(
            cs[4].note.as_deref(),
            Some("Stayed in bed.\nCouldn't reply to anyone.")
        );
        let logs: Vec<&str> = r
            .batch
            .activity_logs
            .iter()
            .map(|l| l.activity.as_str())
            .collect();
        assert_eq!(
            logs,
            [
                "walk",
                "tea",
                "work",
                "bad sleep",
                "work",
                "friends",
                "cooking"
            ]
        );
        assert!(
            r.batch
                .activity_logs
                .iter()
                .all(|l| l.status == Status::Done && l.tier == Tier::Full)
        );
        assert_eq!(r.batch.activity_logs[0].at, cs[0].at);
    }

    #[test]
    fn reading_twice_gives_the_same_ids() {
        let a = read(SAMPLE, &berlin()).unwrap().batch;
        let b = read(SAMPLE, &berlin()).unwrap().batch;
        let ids = |b: &thaw_store::Batch| {
            (
                b.checkins.iter().map(|c| c.id).collect::<Vec<_>>(),
                b.activity_logs.iter().map(|c| c.id).collect::<Vec<_>>(),
            )
        };
        assert_eq!(ids(&a), ids(&b));
        let mut all: Vec<_> = ids(&a).0;
        all.extend(ids(&a).1);
        let count = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), count, "every id is distinct");
    }

    #[test]
    fn all_four_header_layouts() {
        let layouts = [
            "year,date,weekday,time,mood,activities,note\n2026,February 3,Tuesday,10:00 pm,rad,walk,hello\n",
            "full_date,date,weekday,time,mood,activities,note\n2026-02-03,February 3,Tuesday,10:00 pm,rad,walk,hello\n",
            "full_date,date,weekday,time,mood,activities,note_title,note\n2026-02-03,February 3,Tuesday,10:00 pm,rad,walk,,hello\n",
            "full_date,date,weekday,time,mood,activities,scales,note_title,note\n2026-02-03,February 3,Tuesday,10:00 pm,rad,walk,,,hello\n",
        ];
        for text in layouts {
            let c = only(text);
            assert_eq!(c.at.to_string(), "2026-02-03T22:00:00+01:00", "{text}");
            assert_eq!(c.mood.map(|m| m.get()), Some(9), "{text}");
            assert_eq!(c.note.as_deref(), Some("hello"), "{text}");
        }
        // Columns in another order, other case, extra ones.
        let c = only("Mood,NOTE,Time,Full_Date,extra\nMEH,\"a, b\",14:58,2026-02-03,x\n");
        assert_eq!(c.mood.map(|m| m.get()), Some(5));
        assert_eq!(c.note.as_deref(), Some("a, b"));
    }

    #[test]
    fn the_year_layout_reads_english_dates_and_refuses_others() {
        let c =
            only("year,date,weekday,time,mood,activities,note\n2025,3 Feb,Monday,14:58,good,,\n");
        assert_eq!(c.at.to_string(), "2025-02-03T14:58:00+01:00");
        let e = read(
            "year,date,weekday,time,mood,activities,note\n2026,3. Februar,Dienstag,14:58,good,,\n",
            &berlin(),
        )
        .unwrap_err();
        assert_eq!(e.field, "line 2: date");
        assert!(e.allowed.contains("English"), "{}", e.allowed);
    }

    #[test]
    fn titles_html_and_entities_in_notes() {
        let c = only(
            "full_date,date,weekday,time,mood,activities,note_title,note\n2026-02-03,x,x,14:58,good,,Rough day,\"one<br>two<br/>three &amp; 😀\"\n",
        );
        assert_eq!(c.note.as_deref(), Some("Rough day\n\none\ntwo\nthree & 😀"));
    }

    #[test]
    fn activities_with_stray_spaces_and_repeats() {
        let r = read(
            "full_date,time,mood,activities,note\n2026-02-03,14:58,good,\"  walk |tea|| Walk |  reading  \",\n",
            &berlin(),
        )
        .unwrap();
        let names: Vec<&str> = r
            .batch
            .activity_logs
            .iter()
            .map(|l| l.activity.as_str())
            .collect();
        assert_eq!(names, ["walk", "tea", "reading"]);
    }

    #[test]
    fn dst_gap_moves_forward_and_repeat_takes_the_earlier() {
        // Berlin skipped 02:00–03:00 on 2026-03-29 and repeats 02:00–03:00 on 2026-10-25.
        let gap = only("full_date,time,mood\n2026-03-29,2:30 am,good\n");
        assert_eq!(gap.at.to_string(), "2026-03-29T03:30:00+02:00");
        let repeat = only("full_date,time,mood\n2026-10-25,2:30 am,good\n");
        assert_eq!(repeat.at.to_string(), "2026-10-25T02:30:00+02:00");
    }

    #[test]
    fn custom_labels_warn_and_the_mood_map_maps_them() {
        let text = "full_date,time,mood\n2026-02-03,14:58,Irritable\n2026-02-04,14:58,irritable\n2026-02-05,14:58,good\n";
        let r = read(text, &berlin()).unwrap();
        assert_eq!(r.batch.checkins.len(), 3);
        assert_eq!(r.batch.checkins[0].mood, None);
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].contains("\"irritable\""), "{}", r.warnings[0]);
        assert!(
            r.warnings[0].contains("--mood-map \"irritable=N\""),
            "{}",
            r.warnings[0]
        );
        assert!(r.warnings[0].contains("2 check-ins"), "{}", r.warnings[0]);

        let opts = ImportOptions {
            mood_map: vec![("IRRITABLE".into(), 4), ("good".into(), 8)],
            ..berlin()
        };
        let r = read(text, &opts).unwrap();
        assert!(r.warnings.is_empty());
        let moods: Vec<_> = r
            .batch
            .checkins
            .iter()
            .map(|c| c.mood.map(|m| m.get()))
            .collect();
        assert_eq!(moods, [Some(4), Some(4), Some(8)]);
    }

    #[test]
    fn a_bom_and_crlf_are_fine() {
        let c = only("\u{feff}full_date,time,mood,note\r\n2026-02-03,10:04 AM,good,\"a\r\nb\"\r\n");
        assert_eq!(c.note.as_deref(), Some("a\nb"));
        assert_eq!(c.at.to_string(), "2026-02-03T10:04:00+01:00");
    }

    #[test]
    fn malformed_rows_name_their_line_and_nothing_is_returned() {
        let cases = [
            (
                "full_date,time,mood\n2026-02-03,14:58,good\n2026-02-03,31:00 pm,good\n",
                "line 3: time",
            ),
            (
                "full_date,time,mood\n2026-02-30,14:58,good\n",
                "line 2: full_date",
            ),
            (
                "full_date,time,mood\n\n\n2026-02-03,14:58\n",
                "line 4: columns",
            ),
            (
                "full_date,time,mood,note\n2026-02-03,14:58,good,\"never\nends\n",
                "line 2: note",
            ),
            (
                "full_date,time,mood,note\n2026-02-03,14:58,good,\"x\"y\n",
                "line 2: note",
            ),
            ("date,time,mood\nFebruary 3,14:58,good\n", "line 1: header"),
            ("full_date,mood\n2026-02-03,good\n", "line 1: header"),
        ];
        for (text, field) in cases {
            let e = read(text, &berlin()).unwrap_err();
            assert_eq!(e.field, field, "{text}");
        }
        let e = read("full_date,time,mood\n2026-02-03,31:00 pm,good\n", &berlin()).unwrap_err();
        assert_eq!(e.value, "31:00 pm");
        assert!(e.allowed.contains("8:00 pm"));
    }

    #[test]
    fn the_portability_checks_truncated_file_names_its_line() {
        let mut text: String = SAMPLE.chars().take(300).collect();
        text.push_str("2026-01-20,January 20,Tuesday,31:00 pm,good,\"unterminated");
        let e = read(&text, &berlin()).unwrap_err();
        assert!(e.field.starts_with("line 4"), "{e}");
    }

    #[test]
    fn scales_are_named_in_a_warning() {
        let r = read(
            "full_date,time,mood,scales,note_title,note\n2026-02-03,14:58,good,sleep 3,,\n",
            &berlin(),
        )
        .unwrap();
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].contains("scales"));
    }

    #[test]
    fn an_empty_file_is_refused_and_a_header_only_file_is_empty() {
        assert_eq!(read("", &berlin()).unwrap_err().field, "file");
        let r = read("full_date,time,mood\n", &berlin()).unwrap();
        assert_eq!((r.rows, r.batch.checkins.len()), (0, 0));
    }
}
