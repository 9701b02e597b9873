//! jrnl's JSON export (`jrnl --export json > journal.json`, then
//! `thaw import jrnl journal.json`).
//!
//! **Layout.** `{"tags": {...}, "entries": [{"date": "2026-02-01",
//! "time": "09:00", "title": "…", "body": "…", "tags": ["@work"],
//! "starred": false}]}`; a bare list of entries is read too, and fields
//! Thaw has no place for are ignored.
//!
//! **Mapping.** Each entry becomes a journal entry:
//!
//! | jrnl | Thaw journal |
//! |---|---|
//! | `date` + `time` | when, read in the person's time zone (no time: 12:00) |
//! | `title` + `body` | the text: the title, a blank line, the body |
//! | `tags` | tags, without the leading `@` or `#` |
//! | `starred: true` | the tag `starred` (a star is not "for therapy": `for_therapy` stays false) |
//!
//! A refusal names the entry and field (`entries[3].date`).
//!
//! **Ids.** From SHA-256 of `jrnl` + date + time + title + body, so
//! importing the same file again adds nothing.

use serde_json::{Map, Value};
use thaw_core::{InputError, JournalDraft};

use crate::import::{
    ISO_DATE_ALLOWED, ImportOptions, Imported, MIDDAY, Progress, TIME_ALLOWED, derived_id,
    join_title, local_moment, parse_iso_date, parse_time, within,
};

const SOURCE: &str = "jrnl";

/// Reads and checks a whole jrnl JSON export.
pub fn read(text: &str, opts: &ImportOptions) -> Result<Imported, InputError> {
    read_with(text, opts, &mut |_, _| {})
}

/// [`read`], telling `progress` how many entries are checked.
pub fn read_with(
    text: &str,
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<Imported, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        InputError::new(
            "file",
            e.to_string(),
            "a jrnl JSON export (made with: jrnl --export json)",
        )
    })?;
    let entries = match &doc {
        Value::Array(items) => items,
        Value::Object(map) => match map.get("entries") {
            Some(Value::Array(items)) => items,
            other => {
                return Err(InputError::new(
                    "entries",
                    other.map(Value::to_string).unwrap_or_default(),
                    "a list of journal entries (a jrnl JSON export has \"entries\": [...])",
                ));
            }
        },
        other => {
            return Err(InputError::new(
                "file",
                other.to_string(),
                "a jrnl JSON export (made with: jrnl --export json)",
            ));
        }
    };
    let mut out = Imported {
        rows: entries.len(),
        ..Imported::default()
    };
    let total = entries.len();
    for (i, item) in entries.iter().enumerate() {
        let path = format!("entries[{i}]");
        let Some(map) = item.as_object() else {
            return Err(InputError::new(
                path,
                item.to_string(),
                "each entry is a JSON object",
            ));
        };
        out.batch.journal.push(entry(&path, map, opts)?);
        progress(i + 1, total);
    }
    Ok(out)
}

fn text<'a>(path: &str, map: &'a Map<String, Value>, name: &str) -> Result<&'a str, InputError> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(""),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(InputError::new(
            format!("{path}.{name}"),
            other.to_string(),
            "text",
        )),
    }
}

fn entry(
    path: &str,
    map: &Map<String, Value>,
    opts: &ImportOptions,
) -> Result<thaw_core::JournalEntry, InputError> {
    let field = |name: &str| format!("{path}.{name}");
    let date = text(path, map, "date")?;
    let day = parse_iso_date(date)
        .ok_or_else(|| InputError::new(field("date"), date, ISO_DATE_ALLOWED))?;
    // The time may be its own field or follow the date.
    let time_text = match text(path, map, "time")? {
        "" => date
            .trim()
            .get(10..)
            .unwrap_or("")
            .trim_start_matches(['T', 't', ' ']),
        t => t,
    };
    let time = if time_text.trim().is_empty() {
        MIDDAY
    } else {
        parse_time(time_text)
            .ok_or_else(|| InputError::new(field("time"), time_text, TIME_ALLOWED))?
    };
    let at = local_moment(&field("time"), day, time, &opts.tz)?;
    let title = text(path, map, "title")?;
    let body = text(path, map, "body")?;
    let mut tags: Vec<String> = match map.get("tags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|t| {
                t.as_str()
                    .map(|s| s.trim().trim_start_matches(['@', '#']).to_owned())
                    .ok_or_else(|| InputError::new(field("tags"), t.to_string(), "a list of tags"))
            })
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect(),
        Some(other) => {
            return Err(InputError::new(
                field("tags"),
                other.to_string(),
                "a list of tags",
            ));
        }
    };
    match map.get("starred") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => tags.push("starred".to_owned()),
        Some(other) => {
            return Err(InputError::new(
                field("starred"),
                other.to_string(),
                "true or false",
            ));
        }
    }
    let id = derived_id(SOURCE, &[&day.to_string(), &time.to_string(), title, body]);
    JournalDraft {
        text: join_title(title, body),
        tags,
        for_therapy: false,
    }
    .validate(id, at)
    .map_err(|e| within(path, ".", e))
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

    #[test]
    fn entries_become_journal_entries() {
        let text = r##"{"tags": {"@work": 1},
          "entries": [
            {"date": "2026-02-01", "time": "09:00", "title": "Monday again.", "body": "Felt far away at @work.\nTea helped.", "tags": ["@work"], "starred": true},
            {"date": "2026-02-02", "time": "21:15", "title": "Short one.", "body": "", "tags": ["#calm", "@Calm"], "starred": false}
          ]}"##;
        let r = read(text, &opts()).unwrap();
        assert_eq!(r.rows, 2);
        let j = &r.batch.journal;
        assert_eq!(j[0].at.to_string(), "2026-02-01T09:00:00+01:00");
        assert_eq!(
            j[0].text,
            "Monday again.\n\nFelt far away at @work.\nTea helped."
        );
        assert_eq!(j[0].tags, ["work", "starred"]);
        assert!(!j[0].for_therapy);
        assert_eq!(j[1].text, "Short one.");
        assert_eq!(j[1].tags, ["calm"]);
        let again = read(text, &opts()).unwrap();
        assert_eq!(j[0].id, again.batch.journal[0].id);
        assert_ne!(j[0].id, j[1].id);
    }

    #[test]
    fn refusals_name_the_entry_and_field() {
        for (entries, field) in [
            (
                r#"[{"date": "01/02/2026", "title": "x"}]"#,
                "entries[0].date",
            ),
            (
                r#"[{"date": "2026-02-01", "time": "25:00", "title": "x"}]"#,
                "entries[0].time",
            ),
            (
                r#"[{"date": "2026-02-01", "title": "x"}, {"date": "2026-02-01", "title": " ", "body": ""}]"#,
                "entries[1].text",
            ),
            (
                r#"[{"date": "2026-02-01", "title": "x", "starred": "yes"}]"#,
                "entries[0].starred",
            ),
            (
                r#"[{"date": "2026-02-01", "title": "x", "tags": "work"}]"#,
                "entries[0].tags",
            ),
            (r#"[3]"#, "entries[0]"),
        ] {
            let e = read(&format!(r#"{{"entries": {entries}}}"#), &opts()).unwrap_err();
            assert_eq!(e.field, field, "{entries}");
        }
        assert_eq!(read("not json", &opts()).unwrap_err().field, "file");
        assert_eq!(read("{}", &opts()).unwrap_err().field, "entries");
    }

    #[test]
    fn a_bare_list_and_a_time_after_the_date() {
        let r = read(
            r#"[{"date": "2026-02-01 07:30", "title": "Early."}]"#,
            &opts(),
        )
        .unwrap();
        assert_eq!(
            r.batch.journal[0].at.to_string(),
            "2026-02-01T07:30:00+01:00"
        );
    }
}
