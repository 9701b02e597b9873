//! What every importer of another app's export shares: the options it
//! reads with, what it gives back, ids that make a second import of the
//! same file add nothing, and the small parsers (dates, times, notes) the
//! CSV formats have in common.
//!
//! Each importer ([`crate::daylio`], [`crate::bearable`],
//! [`crate::emoods`], [`crate::jrnl`]) checks the whole file before it
//! returns: a refusal is an [`InputError`] whose field names the line
//! (`line 7: time`) or the record (`entries[3].date`), and nothing
//! partial is ever returned.
//!
//! **Ids.** A record's id is a UUID (version 8, RFC 4122 variant) made
//! from the SHA-256 of the source app's name and the record's content
//! (date, time, mood, activities, note, …). The same row gives the same
//! id on every import, and the store skips ids it already has, so
//! importing a file twice adds nothing. A row edited in the other app
//! and exported again is a new record.
//!
//! **Times.** Wall-clock times are read in the person's time zone
//! ([`ImportOptions::tz`]): a time that does not exist (the spring-forward
//! gap) moves forward by the gap, a time that happens twice (the autumn
//! fall-back) takes the earlier instant. Records that only carry a day are
//! placed at 12:00 local time ([`MIDDAY`]), so they always land on their
//! own day.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use sha2::{Digest, Sha256};
use thaw_core::{InputError, Moment};
use thaw_store::Batch;
use uuid::Uuid;

/// How to read another app's export.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The person's time zone: wall-clock times in the file are read here.
    pub tz: TimeZone,
    /// Labels the person mapped to a mood (`--mood-map LABEL=N`), 0–10.
    /// Compared without case; they win over the built-in labels.
    pub mood_map: Vec<(String, u8)>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            tz: TimeZone::UTC,
            mood_map: Vec::new(),
        }
    }
}

/// A whole file, read and checked.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The records to store (the store skips ids it already has).
    pub batch: Batch,
    /// Data rows (or entries) the file held.
    pub rows: usize,
    /// What was imported differently from how the file had it (a mood
    /// label without a number, a column that was left out), for people.
    pub warnings: Vec<String>,
}

/// The apps whose exports Thaw reads (besides its own JSON document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Daylio,
    Bearable,
    Emoods,
    Jrnl,
}

impl ImportKind {
    /// The name people and the command line use.
    pub fn name(self) -> &'static str {
        match self {
            ImportKind::Daylio => "daylio",
            ImportKind::Bearable => "bearable",
            ImportKind::Emoods => "emoods",
            ImportKind::Jrnl => "jrnl",
        }
    }
}

/// Told how far reading has come: `(done, total)` rows.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Reads a file of `kind`; `progress` hears how far checking has come.
pub fn read(
    kind: ImportKind,
    text: &str,
    opts: &ImportOptions,
    progress: Progress<'_>,
) -> Result<Imported, InputError> {
    match kind {
        ImportKind::Daylio => crate::daylio::read_with(text, opts, progress),
        ImportKind::Bearable => crate::bearable::read_with(text, opts, progress),
        ImportKind::Emoods => crate::emoods::read_with(text, opts, progress),
        ImportKind::Jrnl => crate::jrnl::read_with(text, opts, progress),
    }
}

/// Where day-only records are placed: midday, local time.
pub const MIDDAY: Time = Time::constant(12, 0, 0, 0);

/// The id of a record from `source`, made from its content `parts`.
///
/// Each part is length-prefixed, so `("ab", "c")` and `("a", "bc")`
/// differ.
pub fn derived_id(source: &str, parts: &[&str]) -> Uuid {
    let mut hash = Sha256::new();
    for part in std::iter::once(source).chain(parts.iter().copied()) {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    let digest = hash.finalize();
    let mut bytes = [0u8; 16];
    for (b, d) in bytes.iter_mut().zip(digest.iter()) {
        *b = *d;
    }
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The field name of `column` on `line`, as errors show it.
pub fn at_line(line: usize, column: &str) -> String {
    format!("line {line}: {column}")
}

/// Re-homes an error from the domain's checks under `prefix`
/// (`line 7: note`, `entries[2].text`).
pub fn within(prefix: &str, sep: &str, e: InputError) -> InputError {
    InputError {
        field: format!("{prefix}{sep}{}", e.field),
        ..e
    }
}

/// `date` at `time` in `tz`, DST-correct (a gap moves forward, a repeat
/// takes the earlier instant).
pub fn local_moment(
    field: &str,
    date: Date,
    time: Time,
    tz: &TimeZone,
) -> Result<Moment, InputError> {
    let zoned = thaw_core::recur::at_local(date, time, tz).ok_or_else(|| {
        InputError::new(
            field,
            format!("{date} {time}"),
            "a date and time this time zone can show",
        )
    })?;
    Ok(Moment::new(zoned.timestamp(), zoned.offset()))
}

/// What [`parse_time`] accepts, in plain words.
pub const TIME_ALLOWED: &str =
    "a time of day like 14:58, 8:00 pm or 10:04 AM (hours 0–23, or 1–12 with am/pm)";

/// A clock time as exports write it: `14:58`, `8:00 pm`, `10:04 AM`,
/// `9:12am`, `10:00 p.m.`, `07:30:15`.
pub fn parse_time(text: &str) -> Option<Time> {
    let t = text.trim().to_ascii_lowercase();
    let (clock, half) = if let Some(rest) = strip_suffix_any(&t, &["am", "a.m.", "a.m"]) {
        (rest.trim_end(), Some(false))
    } else if let Some(rest) = strip_suffix_any(&t, &["pm", "p.m.", "p.m"]) {
        (rest.trim_end(), Some(true))
    } else {
        (t.as_str(), None)
    };
    let mut parts = clock.split(':');
    let hour = small_number(parts.next()?, 2)?;
    let minute = small_number(parts.next()?, 2)?;
    let second = match parts.next() {
        Some(s) => small_number(s, 2)?,
        None => 0,
    };
    if parts.next().is_some() || minute > 59 || second > 59 {
        return None;
    }
    let minute_part = clock.split(':').nth(1)?;
    if minute_part.len() != 2 {
        return None;
    }
    let hour = match half {
        None if hour <= 23 => hour,
        Some(pm) if (1..=12).contains(&hour) => (hour % 12) + if pm { 12 } else { 0 },
        _ => return None,
    };
    Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        0,
    )
    .ok()
}

fn strip_suffix_any<'a>(text: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    suffixes.iter().find_map(|s| text.strip_suffix(s))
}

/// 1 to `max_digits` ASCII digits.
fn small_number(text: &str, max_digits: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// What [`parse_iso_date`] accepts.
pub const ISO_DATE_ALLOWED: &str = "a date like 2026-02-03 (year-month-day)";

/// `YYYY-MM-DD` (also `YYYY/MM/DD`); anything after the date (a time,
/// `T00:00:00Z`) is ignored.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let head = t.get(..10)?;
    let rest = &t[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let normal = head.replace('/', "-");
    let b = normal.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    normal.parse().ok()
}

/// An English month name or its three-letter abbreviation (`Feb`,
/// `February`, `Sept`), 1–12.
pub fn english_month(text: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let t = text.trim().trim_end_matches('.').to_lowercase();
    if t.len() < 3 {
        return None;
    }
    let position = MONTHS
        .iter()
        .position(|m| *m == t || (m.starts_with(&t) && (t.len() == 3 || t == "sept")))?;
    i8::try_from(position + 1).ok()
}

/// A day of the month, with or without an English ordinal suffix
/// (`3`, `03`, `3rd`, `22nd`).
pub fn day_of_month(text: &str) -> Option<i8> {
    let t = text.trim().to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .unwrap_or(&t);
    let n = small_number(digits, 2)?;
    i8::try_from(n).ok().filter(|d| (1..=31).contains(d))
}

/// A note from an app that writes HTML: `<br>` (any spelling) becomes a
/// new line, the basic entities are unescaped, line endings become
/// `\n`, and the ends are trimmed.
pub fn clean_note(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        match line_break_tag(tail) {
            Some(len) => {
                out.push('\n');
                rest = &tail[len..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    unescape_entities(&out).trim().to_owned()
}

/// The length of a `<br>`, `<br/>`, `<br />`, `<BR>` tag at the start of
/// `text`.
fn line_break_tag(text: &str) -> Option<usize> {
    let lower = text.get(..3)?.to_ascii_lowercase();
    if lower != "<br" {
        return None;
    }
    let after = &text[3..];
    let inner = after.len() - after.trim_start().len();
    let after = after.trim_start();
    if let Some(rest) = after.strip_prefix("/>") {
        return Some(text.len() - rest.len());
    }
    if after.starts_with('>') {
        return Some(3 + inner + 1);
    }
    None
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;`, `&nbsp;` and
/// numeric references; anything else is left as written.
fn unescape_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let decoded = tail
            .get(1..tail.len().min(12))
            .and_then(|window| window.find(';'))
            .and_then(|end| {
                let name = &tail[1..=end];
                entity(name).map(|c| (c, end + 2))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        }
    }
}

/// `title` and `body` as one text: "title\n\nbody" (either may be
/// missing).
pub fn join_title(title: &str, body: &str) -> String {
    match (title.trim(), body.trim()) {
        ("", b) => b.to_owned(),
        (t, "") => t.to_owned(),
        (t, b) => format!("{t}\n\n{b}"),
    }
}

/// A header name as compared: lower case, `_`/`-` as spaces, spaces
/// collapsed.
pub fn header_key(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The number for a mood label from the person's `--mood-map`, compared
/// without case.
pub fn mapped_mood(opts: &ImportOptions, label: &str) -> Option<u8> {
    let key = label.trim().to_lowercase();
    opts.mood_map
        .iter()
        .rev()
        .find(|(l, _)| l.trim().to_lowercase() == key)
        .map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn times_in_every_spelling() {
        for (text, expected) in [
            ("10:00 pm", "22:00:00"),
            ("10:04 AM", "10:04:00"),
            ("14:58", "14:58:00"),
            ("8:00 pm", "20:00:00"),
            ("8:00pm", "20:00:00"),
            ("12:30 am", "00:30:00"),
            ("12:30 pm", "12:30:00"),
            ("0:44", "00:44:00"),
            ("07:30:15", "07:30:15"),
            ("10:00 p.m.", "22:00:00"),
            (" 9:12 am ", "09:12:00"),
        ] {
            assert_eq!(
                parse_time(text).map(|t| t.to_string()).as_deref(),
                Some(expected),
                "{text}"
            );
        }
        for bad in [
            "31:00 pm", "24:00", "13:00 pm", "0:30 am", "9:5", "9:60", "", "noon", "9", "9:00 xm",
            "-1:00", "1:2:3:4",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_and_months() {
        assert_eq!(
            parse_iso_date("2026-02-03").map(|d| d.to_string()),
            Some("2026-02-03".into())
        );
        assert!(parse_iso_date("2026-02-03T00:00:00Z").is_some());
        assert!(parse_iso_date("2026/02/03").is_some());
        for bad in ["2026-02-30", "03.02.2026", "2026-2-3", "", "2026-02-03x"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        assert_eq!(english_month("February"), Some(2));
        assert_eq!(english_month("feb"), Some(2));
        assert_eq!(english_month("Sept"), Some(9));
        assert_eq!(english_month("Februar"), None);
        assert_eq!(english_month("ma"), None);
        assert_eq!(day_of_month("22nd"), Some(22));
        assert_eq!(day_of_month("3"), Some(3));
        assert_eq!(day_of_month("32"), None);
    }

    #[test]
    fn notes_lose_their_html_but_keep_their_words() {
        assert_eq!(
            clean_note("one<br>two<br/>three<BR />four"),
            "one\ntwo\nthree\nfour"
        );
        assert_eq!(
            clean_note("Tom &amp; Jo &lt;3 &quot;yes&quot; &#39;ok&#39; &#x1F600;"),
            "Tom & Jo <3 \"yes\" 'ok' 😀"
        );
        assert_eq!(clean_note("a &lt;br&gt; b"), "a <br> b");
        assert_eq!(
            clean_note("x < y & z &unknown; <b>"),
            "x < y & z &unknown; <b>"
        );
        assert_eq!(clean_note("line\r\nnext\r"), "line\nnext");
    }

    #[test]
    fn derived_ids_are_stable_v8_and_separate_their_parts() {
        let a = derived_id("daylio", &["ab", "c"]);
        assert_eq!(a, derived_id("daylio", &["ab", "c"]));
        assert_ne!(a, derived_id("daylio", &["a", "bc"]));
        assert_ne!(a, derived_id("bearable", &["ab", "c"]));
        assert_eq!(a.get_version_num(), 8);
        assert_eq!(a.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn header_names_compare_loosely() {
        assert_eq!(header_key(" Full_Date "), "full date");
        assert_eq!(header_key("\u{feff}time of  day"), "time of day");
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in "\\PC{0,30}") {
            let _ = parse_time(&s);
            let _ = parse_iso_date(&s);
            let _ = english_month(&s);
            let _ = day_of_month(&s);
            let _ = clean_note(&s);
        }

        #[test]
        fn importers_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let text = String::from_utf8_lossy(&bytes);
            let opts = ImportOptions::default();
            let heads = [
                "",
                "full_date,date,weekday,time,mood,activities,note\n",
                "year,date,weekday,time,mood,activities,note\n2026,",
                "date,weekday,time of day,category,rating/amount,detail,notes\n",
                "date,elevated,depressed,irritable,anxiety,weight,sleep,medications,notes\n",
                "{\"entries\": [{\"date\": ",
            ];
            for head in heads {
                let input = format!("{head}{text}");
                for kind in [ImportKind::Daylio, ImportKind::Bearable, ImportKind::Emoods, ImportKind::Jrnl] {
                    let _ = read(kind, &input, &opts, &mut |_, _| {});
                }
            }
        }

        #[test]
        fn daylio_rows_of_arbitrary_cells_never_panic(cells in proptest::collection::vec("\\PC{0,16}", 7)) {
            let row = cells.iter().map(|c| crate::csv_read::quote(c)).collect::<Vec<_>>().join(",");
            let text = format!("full_date,date,weekday,time,mood,activities,note\n{row}\n");
            let _ = crate::daylio::read(&text, &ImportOptions::default());
        }
    }
}
