//! CSV export (`thaw export csv FOLDER`): one file per table, for
//! spreadsheets. The JSON document stays the lossless export; this one is
//! for looking at, sorting and charting.
//!
//! Every file:
//! - is UTF-8 and starts with a byte-order mark (so Excel reads accents
//!   and emoji correctly; LibreOffice, Google Sheets, pandas with
//!   `encoding="utf-8-sig"` and R's `readr` skip it), then a header row;
//! - follows RFC 4180: fields separated by commas, rows ending in CRLF, a
//!   field holding a comma, a double quote, CR or LF is wrapped in double
//!   quotes with its quotes doubled (notes keep their line breaks);
//! - writes times as RFC 3339 with the offset they were recorded at
//!   (`at`), next to `local_date`, the calendar day in the person's time
//!   zone, which is the day Thaw counts the record on;
//! - leaves a cell empty for "not given" (an unrated mood, no note);
//! - neutralises formulas: a cell of **free text** (anything the person
//!   wrote: notes, labels, names, journal text, plan items) that starts
//!   with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in
//!   front, so a spreadsheet shows it as text instead of running it.
//!   Values Thaw generates (ids, times, numbers, keys like `done`) are
//!   never changed. A note that really starts with `-` therefore reads
//!   `'- …` here; the JSON export has it exactly.
//!
//! Lists (a check-in's sensations and triggers, an activity's values, a
//! journal entry's tags) are joined with `; ` in one column so a row stays
//! one record. Because a label may itself contain `;`, sensations and
//! triggers are also written one per row in `checkin_sensations.csv` and
//! `checkin_triggers.csv`, exact and ready for pivot tables.
//!
//! [`write_csv`] returns the files in a fixed order, [`README`] first;
//! the same records give the same bytes.

use jiff::tz::{Offset, TimeZone};
use thaw_core::screener::Instrument;
use thaw_core::{Moment, Rating};

use crate::fhir;
use crate::json::Everything;

/// The file that explains the others; its first line is [`MARKER`].
pub const README: &str = "README.txt";
/// The first line of [`README`]: how a folder is recognised as an
/// earlier Thaw CSV export.
pub const MARKER: &str = "Thaw CSV export";
/// Every file [`write_csv`] writes, in order.
pub const FILES: [&str; 17] = [
    README,
    "checkins.csv",
    "checkin_sensations.csv",
    "checkin_triggers.csv",
    "activities.csv",
    "activity_logs.csv",
    "grounding_sessions.csv",
    "journal.csv",
    "screeners.csv",
    "values.csv",
    "value_actions.csv",
    "wins.csv",
    "social_steps.csv",
    "social_attempts.csv",
    "selfcare.csv",
    "selfcare_logs.csv",
    "plans.csv",
];

/// The most items any screener has (PHQ-9): `item1` … `item9`.
const MAX_ITEMS: usize = 9;

/// Writes every table as (file name, content), [`README`] first.
pub fn write_csv(all: &Everything<'_>) -> Vec<(String, String)> {
    let tz = TimeZone::get(all.timezone).unwrap_or(TimeZone::UTC);
    let when = |m: &Moment| [m.to_string(), m.local_date(&tz).to_string()];
    let mut files = vec![(README.to_owned(), readme(all))];
    let mut add = |name: &str, table: Table| files.push((name.to_owned(), table.out));

    let mut checkins = Table::new(&[
        "id",
        "at",
        "local_date",
        "mood",
        "numbness",
        "energy",
        "pleasure",
        "connection",
        "sensations",
        "triggers",
        "note",
        "plan",
    ]);
    let mut sensations = Table::new(&["checkin_id", "at", "local_date", "sensation"]);
    let mut triggers = Table::new(&["checkin_id", "at", "local_date", "trigger"]);
    for c in all.checkins {
        let [at, day] = when(&c.at);
        checkins.row([
            c.id.to_string(),
            at.clone(),
            day.clone(),
            rating(c.mood),
            rating(c.numbness),
            rating(c.energy),
            rating(c.pleasure),
            rating(c.connection),
            list(&c.sensations),
            list(&c.triggers),
            free_opt(c.note.as_deref()),
            free_opt(c.plan.as_deref()),
        ]);
        for (table, labels) in [
            (&mut sensations, &c.sensations),
            (&mut triggers, &c.triggers),
        ] {
            for l in labels {
                table.row([c.id.to_string(), at.clone(), day.clone(), free(l)]);
            }
        }
    }
    add("checkins.csv", checkins);
    add("checkin_sensations.csv", sensations);
    add("checkin_triggers.csv", triggers);

    let mut activities = Table::new(&[
        "name", "small", "minimal", "expect", "values", "every", "time",
    ]);
    for a in all.activities {
        activities.row([
            free(&a.name),
            free_opt(a.small.as_deref()),
            free_opt(a.minimal.as_deref()),
            free_opt(a.expect.as_deref()),
            list(&a.values),
            free_opt(a.every.as_deref()),
            a.time.clone().unwrap_or_default(),
        ]);
    }
    add("activities.csv", activities);

    let mut logs = Table::new(&[
        "id",
        "activity",
        "at",
        "local_date",
        "tier",
        "status",
        "predicted",
        "actual",
        "note",
    ]);
    for l in all.activity_logs {
        let [at, day] = when(&l.at);
        logs.row([
            l.id.to_string(),
            free(&l.activity),
            at,
            day,
            l.tier.key().to_owned(),
            l.status.key().to_owned(),
            rating(l.predicted),
            rating(l.actual),
            free_opt(l.note.as_deref()),
        ]);
    }
    add("activity_logs.csv", logs);

    let mut grounding = Table::new(&[
        "id",
        "technique",
        "at",
        "local_date",
        "duration_s",
        "before",
        "after",
    ]);
    for g in all.grounding {
        let [at, day] = when(&g.at);
        grounding.row([
            g.id.to_string(),
            free(&g.technique),
            at,
            day,
            g.duration_s.to_string(),
            rating(g.before),
            rating(g.after),
        ]);
    }
    add("grounding_sessions.csv", grounding);

    let mut journal = Table::new(&["id", "at", "local_date", "for_therapy", "tags", "text"]);
    for j in all.journal {
        let [at, day] = when(&j.at);
        journal.row([
            j.id.to_string(),
            at,
            day,
            j.for_therapy.to_string(),
            list(&j.tags),
            free(&j.text),
        ]);
    }
    add("journal.csv", journal);

    let mut header: Vec<String> = ["id", "instrument", "at", "local_date"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    header.extend((1..=MAX_ITEMS).map(|i| format!("item{i}")));
    header.extend(
        ["total", "total_max", "severity", "who5_percentage"]
            .iter()
            .map(|h| (*h).to_owned()),
    );
    let mut screeners = Table::new(&header);
    for s in all.screenings {
        let [at, day] = when(&s.at);
        let score = s.score();
        let mut row = vec![s.id.to_string(), s.instrument.key().to_owned(), at, day];
        row.extend((0..MAX_ITEMS).map(|i| match s.answers.get(i) {
            Some(Some(v)) => v.to_string(),
            Some(None) => "declined".to_owned(),
            None => String::new(),
        }));
        row.push(score.total.to_string());
        row.push(s.instrument.total_max().to_string());
        row.push(fhir::band_words(s.instrument, &score).unwrap_or_default());
        row.push(score.percentage.map(|p| p.to_string()).unwrap_or_default());
        screeners.row(row);
    }
    add("screeners.csv", screeners);

    let mut values = Table::new(&["name", "why"]);
    for v in all.values {
        values.row([free(&v.name), free_opt(v.why.as_deref())]);
    }
    add("values.csv", values);

    let mut actions = Table::new(&["id", "value", "at", "local_date", "text"]);
    for a in all.value_actions {
        let [at, day] = when(&a.at);
        actions.row([a.id.to_string(), free(&a.value), at, day, free(&a.text)]);
    }
    add("value_actions.csv", actions);

    let mut wins = Table::new(&["id", "at", "local_date", "text"]);
    for w in all.wins {
        let [at, day] = when(&w.at);
        wins.row([w.id.to_string(), at, day, free(&w.text)]);
    }
    add("wins.csv", wins);

    let mut steps = Table::new(&["name", "difficulty"]);
    for s in all.social_steps {
        steps.row([free(&s.name), s.difficulty.to_string()]);
    }
    add("social_steps.csv", steps);

    let mut attempts = Table::new(&["id", "step", "at", "local_date", "comfort"]);
    for a in all.social_attempts {
        let [at, day] = when(&a.at);
        attempts.row([
            a.id.to_string(),
            free(&a.step),
            at,
            day,
            a.comfort.to_string(),
        ]);
    }
    add("social_attempts.csv", attempts);

    let mut selfcare = Table::new(&["name", "every", "time"]);
    for s in all.selfcare {
        selfcare.row([
            free(&s.name),
            free_opt(s.every.as_deref()),
            s.time.clone().unwrap_or_default(),
        ]);
    }
    add("selfcare.csv", selfcare);

    let mut selfcare_logs = Table::new(&["id", "name", "at", "local_date"]);
    for l in all.selfcare_logs {
        let [at, day] = when(&l.at);
        selfcare_logs.row([l.id.to_string(), free(&l.name), at, day]);
    }
    add("selfcare_logs.csv", selfcare_logs);

    let mut plans = Table::new(&["plan", "section", "section_title", "position", "text"]);
    for plan in [all.safety_plan, all.relapse_plan].into_iter().flatten() {
        for (section, items) in plan.sections() {
            for (i, item) in items.iter().enumerate() {
                plans.row([
                    plan.kind.key().to_owned(),
                    section.key.to_owned(),
                    section.title.to_owned(),
                    (i + 1).to_string(),
                    free(item),
                ]);
            }
        }
    }
    add("plans.csv", plans);
    files
}

/// One CSV file being written.
struct Table {
    out: String,
}

impl Table {
    fn new<S: AsRef<str>>(header: &[S]) -> Self {
        let mut t = Self {
            out: String::from("\u{feff}"),
        };
        t.row(header.iter().map(|h| h.as_ref().to_owned()));
        t
    }

    /// Appends a row of finished cells (already neutralised where free
    /// text), quoting as RFC 4180 asks.
    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&quote(&cell));
        }
        self.out.push_str("\r\n");
    }
}

/// A field as RFC 4180 writes it.
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Free text, with a leading `'` when a spreadsheet would read it as a
/// formula.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn free(text: &str) -> String {
    neutralise(text)
}

fn free_opt(text: Option<&str>) -> String {
    text.map(neutralise).unwrap_or_default()
}

fn list(labels: &[String]) -> String {
    neutralise(&labels.join("; "))
}

fn rating(r: Option<Rating>) -> String {
    r.map(|r| r.get().to_string()).unwrap_or_default()
}

fn readme(all: &Everything<'_>) -> String {
    let exported = Moment::new(all.exported_at, Offset::UTC);
    let instruments: Vec<&str> = thaw_core::screener::INSTRUMENTS
        .iter()
        .map(|i: &Instrument| i.key())
        .collect();
    let text = format!(
        "{MARKER}
Exported at {exported}; the person's time zone is {tz}.

These files hold everything in Thaw as spreadsheet tables. The JSON
export (thaw export json) is the exact copy that Thaw can import again;
these files are for reading, sorting and charting.

How the files are written
- UTF-8 with a byte-order mark, a header row, commas between fields,
  CRLF line ends. A field with a comma, a double quote or a line break
  is in double quotes, with its double quotes doubled (RFC 4180).
- at: when it happened, RFC 3339 with the UTC offset it was recorded
  at (2026-03-01T23:30:00-05:00). local_date: the calendar day in the
  time zone above, the day Thaw counts it on.
- An empty cell means not given (an unrated mood, no note).
- Text you wrote that starts with =, +, - or @ has a ' in front, so a
  spreadsheet shows it instead of running it as a formula. Numbers,
  times and ids are never changed.
- Lists (sensations, triggers, values, tags) are joined with \"; \".

The files
- checkins.csv: one row per check-in. mood, numbness, energy, pleasure
  and connection are 0 to 10 (mood: 0 very low, 10 very good; numbness:
  0 feelings fully present, 10 completely numb). note, plan: your words.
- checkin_sensations.csv, checkin_triggers.csv: one row per sensation or
  trigger named in a check-in (checkin_id is the check-in's id): exact
  even when a label contains \";\", and ready for pivot tables.
- activities.csv: your activity library, with the smaller (small) and
  smallest (minimal) versions, what to expect, values, schedule (every,
  an RFC 5545 rule or shorthand) and time of day.
- activity_logs.csv: each time an activity was done, partly done or
  skipped: tier (full, small, minimal), status (done, partial, skipped),
  predicted and actual enjoyment (0 to 10).
- grounding_sessions.csv: grounding exercises: technique, duration in
  seconds, numbness before and after (0 to 10).
- journal.csv: journal entries, oldest first; for_therapy is true for
  entries marked to bring to therapy.
- screeners.csv: questionnaires ({instruments}). item1 to itemN are
  the answers in order (declined: a declined item, counted 0; empty: the
  questionnaire has fewer items). total is computed from the answers;
  total_max is the highest possible total; severity is the range the
  total falls in (for PHQ-2 and WHO-5, their cut-off); who5_percentage
  is the WHO-5 raw total times 4. A score describes a range; it is not a
  diagnosis.
- values.csv, value_actions.csv: your values, why they matter, and the
  small actions you took for them.
- wins.csv: small wins.
- social_steps.csv, social_attempts.csv: your social ladder (difficulty
  0 to 100) and each try (comfort 0 to 100).
- selfcare.csv, selfcare_logs.csv: self-care anchors with their reminder
  schedule, and each time you looked after one.
- plans.csv: your safety plan and relapse plan, one row per item, in
  order within each section.
",
        tz = all.timezone,
        instruments = instruments.join(", "),
    );
    text.replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::plan::{Plan, PlanKind};
    use thaw_core::screener::Screening;
    use thaw_core::{Checkin, CheckinDraft, JournalDraft, JournalEntry};
    use uuid::Uuid;

    fn at(text: &str) -> Moment {
        Moment::parse("at", text, &TimeZone::UTC).unwrap()
    }

    struct Data {
        checkins: Vec<Checkin>,
        journal: Vec<JournalEntry>,
        screenings: Vec<Screening>,
        safety: Plan,
    }

    impl Data {
        fn all(&self) -> Everything<'_> {
            Everything {
                exported_at: "2026-03-10T12:00:00Z".parse().unwrap(),
                timezone: "Europe/Berlin",
                checkins: &self.checkins,
                activities: &[],
                activity_logs: &[],
                grounding: &[],
                journal: &self.journal,
                screenings: &self.screenings,
                safety_plan: Some(&self.safety),
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
        let checkin = CheckinDraft {
            mood: Some("4".into()),
            sensations: vec!["heavy; flat".into(), "=cold".into()],
            triggers: vec!["poor sleep".into()],
            note: Some("Said \"fine\", wasn't.\nSecond line, with a comma".into()),
            plan: Some("-walk".into()),
            ..Default::default()
        }
        .validate(Uuid::nil(), at("2026-03-01T23:30:00Z"))
        .unwrap();
        let journal = JournalDraft {
            text: "@home =SUM(A1:A9)".into(),
            tags: vec!["+1".into()],
            for_therapy: true,
        }
        .validate(Uuid::nil(), at("2026-03-02T08:00:00+01:00"))
        .unwrap();
        let answers =
            thaw_core::screener::parse_answers(Instrument::Phq9, "1,2,2,1,0,1,2,2,-").unwrap();
        let screening = Screening::new(
            Uuid::nil(),
            Instrument::Phq9,
            at("2026-03-02T08:00:00+01:00"),
            answers,
        )
        .unwrap();
        let safety = Plan::from_sections(
            PlanKind::Safety,
            &[("people".into(), vec!["Sam, 0123 456".into()])],
        )
        .unwrap();
        Data {
            checkins: vec![checkin],
            journal: vec![journal],
            screenings: vec![screening],
            safety,
        }
    }

    fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
        &files.iter().find(|(n, _)| n == name).unwrap().1
    }

    /// A small RFC 4180 reader, to read back what was written.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix('\u{feff}').unwrap();
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "rows end in CRLF");
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        assert!(
            field.is_empty() && row.is_empty(),
            "the last row ends in CRLF"
        );
        rows
    }

    #[test]
    fn every_file_is_written_with_its_header() {
        let data = sample();
        let files = write_csv(&data.all());
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, FILES);
        assert!(file(&files, README).starts_with(MARKER));
        for (name, content) in files.iter().filter(|(n, _)| n != README) {
            assert!(content.starts_with('\u{feff}'), "{name}");
            let rows = parse(content);
            let header = &rows[0];
            assert!(!header.is_empty(), "{name}");
            for row in &rows[1..] {
                assert_eq!(row.len(), header.len(), "{name}: {row:?}");
            }
            // Tables of things that happened carry both time columns.
            let untimed = [
                "activities.csv",
                "values.csv",
                "social_steps.csv",
                "selfcare.csv",
                "plans.csv",
            ];
            if !untimed.contains(&name.as_str()) {
                assert!(header.contains(&"at".to_owned()), "{name}");
                assert!(header.contains(&"local_date".to_owned()), "{name}");
            }
        }
        let empty = Data {
            checkins: vec![],
            journal: vec![],
            screenings: vec![],
            safety: Plan::starter(PlanKind::Safety),
        };
        for (name, content) in write_csv(&empty.all()) {
            if name != README {
                assert_eq!(parse(&content).len(), 1, "{name}: only the header");
            }
        }
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
        assert_eq!(quote("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(quote(""), "");

        let data = sample();
        let files = write_csv(&data.all());
        let rows = parse(file(&files, "checkins.csv"));
        let header = &rows[0];
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let row = &rows[1];
        assert_eq!(
            row[col("note")],
            "Said \"fine\", wasn't.\nSecond line, with a comma"
        );
        assert_eq!(row[col("at")], "2026-03-01T23:30:00+00:00");
        assert_eq!(row[col("local_date")], "2026-03-02", "00:30 in Berlin");
        assert_eq!(row[col("mood")], "4");
        assert_eq!(row[col("numbness")], "", "not given is empty");
        let sensations = parse(file(&files, "checkin_sensations.csv"));
        assert_eq!(sensations[1][3], "heavy; flat", "exact, one per row");
        assert_eq!(sensations[2][3], "'=cold");
    }

    #[test]
    fn free_text_formulas_are_neutralised_and_data_is_not() {
        for (text, want) in [
            ("=1+1", "'=1+1"),
            ("+49 30 123", "'+49 30 123"),
            ("-walk", "'-walk"),
            ("@home", "'@home"),
            ("\tx", "'\tx"),
            ("walk", "walk"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(neutralise(text), want, "{text}");
        }
        let data = sample();
        let files = write_csv(&data.all());
        let checkins = parse(file(&files, "checkins.csv"));
        let header = &checkins[0];
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(checkins[1][col("plan")], "'-walk");
        assert_eq!(checkins[1][col("sensations")], "heavy; flat; =cold");
        let journal = parse(file(&files, "journal.csv"));
        assert_eq!(journal[1][5], "'@home =SUM(A1:A9)");
        assert_eq!(journal[1][4], "'+1");
        assert_eq!(journal[1][3], "true");
        // Offsets like -05:00 are data, not formulas.
        assert_eq!(journal[1][1], "2026-03-02T08:00:00+01:00");
    }

    #[test]
    fn screeners_have_item_columns_a_derived_total_and_severity() {
        let data = sample();
        let files = write_csv(&data.all());
        let rows = parse(file(&files, "screeners.csv"));
        assert_eq!(
            rows[0],
            [
                "id",
                "instrument",
                "at",
                "local_date",
                "item1",
                "item2",
                "item3",
                "item4",
                "item5",
                "item6",
                "item7",
                "item8",
                "item9",
                "total",
                "total_max",
                "severity",
                "who5_percentage"
            ]
        );
        let row = &rows[1];
        assert_eq!(row[1], "phq9");
        assert_eq!(
            &row[4..13],
            ["1", "2", "2", "1", "0", "1", "2", "2", "declined"]
        );
        assert_eq!(row[13], "11");
        assert_eq!(row[14], "27");
        assert_eq!(row[15], "moderate (10–14)");
        assert_eq!(row[16], "");
    }

    #[test]
    fn plans_are_one_row_per_item() {
        let data = sample();
        let files = write_csv(&data.all());
        let rows = parse(file(&files, "plans.csv"));
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            [
                "safety",
                "people",
                "People I can ask for help",
                "1",
                "Sam, 0123 456"
            ]
        );
    }
}
