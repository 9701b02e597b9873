//! `thaw import` and `thaw export`.

use std::io::Write;
use std::path::Path;

use serde_json::json;
use thaw_core::InputError;
use thaw_store::Counts;

use crate::cli::{ExportArgs, ExportFormat, ImportArgs};
use crate::{Ctx, Failure, words};

pub fn import(ctx: &Ctx, args: ImportArgs) -> Result<(), Failure> {
    use crate::cli::ImportFormat;
    use thaw_io::import::ImportKind;
    let kind = match args.format {
        ImportFormat::Json => None,
        ImportFormat::Daylio => Some(ImportKind::Daylio),
        ImportFormat::Bearable => Some(ImportKind::Bearable),
        ImportFormat::Emoods => Some(ImportKind::Emoods),
        ImportFormat::Jrnl => Some(ImportKind::Jrnl),
    };
    // Flags first, then the file: everything is checked before the
    // database is even opened.
    let mood_map = args
        .mood_map
        .iter()
        .map(|m| thaw_app::transfer::parse_mood_map(m))
        .collect::<Result<Vec<_>, _>>()?;
    let text = std::fs::read_to_string(&args.file).map_err(|e| {
        InputError::new(
            "file",
            args.file.display().to_string(),
            format!("a file Thaw can read ({e})"),
        )
    })?;
    let Some(kind) = kind else {
        if !mood_map.is_empty() {
            crate::out::note(words::MOOD_MAP_IGNORED);
        }
        return import_json(ctx, &args, &text);
    };
    if !mood_map.is_empty() && kind != ImportKind::Daylio {
        crate::out::note(words::MOOD_MAP_IGNORED);
    }
    let settings = ctx.data.load_settings()?;
    // No animation for scripts (--json) or screen readers (--plain).
    let mut bar = Bar::new(ctx.out.json || ctx.out.plain);
    let imported = thaw_app::transfer::read_import_with(
        kind,
        &text,
        &settings,
        &mood_map,
        &mut |done, total| bar.show(done, total),
    );
    let imported = match imported {
        Ok(imported) => imported,
        Err(e) => {
            let _ = bar.clear();
            return Err(e.into());
        }
    };
    // Opening may greet a new data folder on stderr: not over the bar.
    let drawn = bar.clear();
    let thaw = ctx.open()?;
    if drawn {
        bar.saving();
    }
    let counts = thaw.import_batch(&imported.batch, args.dry_run);
    let _ = bar.clear();
    let counts = counts?;
    if settings.timezone.is_none() {
        let zone = settings.time_zone();
        crate::out::note(words::import_time_zone(
            zone.iana_name().unwrap_or("its local time"),
        ));
    }
    for w in &imported.warnings {
        crate::out::note(format!("thaw: {w}"));
    }
    if ctx.out.json {
        return Ok(ctx.out.json(&json!({
            "dry_run": args.dry_run,
            "rows": imported.rows,
            "added": counts_json(&counts),
            "warnings": imported.warnings,
        }))?);
    }
    summary(ctx, args.dry_run, &counts)
}

fn import_json(ctx: &Ctx, args: &ImportArgs, text: &str) -> Result<(), Failure> {
    // Everything is checked before the database is even opened.
    let read = thaw_app::transfer::read_json(text)?;
    let thaw = ctx.open()?;
    let counts = thaw.import_json(&read, args.dry_run)?;
    if !args.dry_run {
        adopt_timezone(ctx, read.timezone.as_deref())?;
    }
    if ctx.out.json {
        return Ok(ctx
            .out
            .json(&json!({ "dry_run": args.dry_run, "added": counts_json(&counts) }))?);
    }
    summary(ctx, args.dry_run, &counts)
}

/// The one line an import ends with.
fn summary(ctx: &Ctx, dry_run: bool, counts: &Counts) -> Result<(), Failure> {
    let parts = describe(counts);
    let line = match (dry_run, parts.is_empty()) {
        (_, true) => words::IMPORT_NOTHING_NEW.to_owned(),
        (true, false) => words::import_dry_run(&parts.join(", ")),
        (false, false) => words::imported(&parts.join(", ")),
    };
    ctx.out.line(line)?;
    Ok(())
}

/// Files with more rows than this show a progress bar.
const BAR_FROM: usize = 2_000;
const BAR_WIDTH: usize = 20;

/// A one-line progress bar on stderr, only on a terminal, never with
/// `--json`, and only for files of more than [`BAR_FROM`] rows.
struct Bar {
    on: bool,
    shown: Option<usize>,
}

impl Bar {
    fn new(json: bool) -> Self {
        use std::io::IsTerminal;
        Self {
            on: !json && std::io::stderr().is_terminal(),
            shown: None,
        }
    }

    fn show(&mut self, done: usize, total: usize) {
        if !self.on || total <= BAR_FROM {
            return;
        }
        let percent = done.min(total) * 100 / total;
        if self.shown == Some(percent) {
            return;
        }
        self.shown = Some(percent);
        let filled = percent * BAR_WIDTH / 100;
        self.draw(&format!(
            "[{}{}] {percent:>3}% of {total} rows checked",
            "#".repeat(filled),
            "-".repeat(BAR_WIDTH - filled)
        ));
    }

    fn saving(&mut self) {
        self.shown = Some(100);
        self.draw(&format!(
            "[{}] 100% checked; saving…",
            "#".repeat(BAR_WIDTH)
        ));
    }

    /// Clears the bar; answers whether one was drawn.
    fn clear(&mut self) -> bool {
        let drawn = self.shown.take().is_some();
        if drawn {
            self.draw("");
        }
        drawn
    }

    fn draw(&self, text: &str) {
        // If stderr is gone there is nobody to show it to.
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{text:<60}\r{text}");
        let _ = err.flush();
        if text.is_empty() {
            let _ = write!(err, "\r");
        }
    }
}

/// A document's time zone becomes the person's when they have none set,
/// so a moved data folder keeps its days.
fn adopt_timezone(ctx: &Ctx, timezone: Option<&str>) -> Result<(), Failure> {
    let mut settings = ctx.data.load_settings()?;
    if let (None, Some(tz)) = (&settings.timezone, timezone) {
        if settings.set("timezone", tz).is_ok() {
            ctx.data.save_settings(&settings)?;
        }
    }
    Ok(())
}

fn counts_json(c: &Counts) -> serde_json::Value {
    json!({
        "checkins": c.checkins, "activities": c.activities, "activity_logs": c.activity_logs,
        "grounding_sessions": c.grounding, "journal": c.journal, "screeners": c.screenings, "plans": c.plans,
        "values": c.values, "value_actions": c.value_actions, "wins": c.wins, "social_steps": c.social_steps,
        "social_attempts": c.social_attempts, "selfcare": c.selfcare, "selfcare_logs": c.selfcare_logs,
    })
}

fn describe(c: &Counts) -> Vec<String> {
    [
        (c.checkins, "check-in", "check-ins"),
        (c.activities, "activity", "activities"),
        (c.activity_logs, "activity record", "activity records"),
        (c.grounding, "grounding session", "grounding sessions"),
        (c.journal, "journal entry", "journal entries"),
        (c.screenings, "check-up result", "check-up results"),
        (c.plans, "plan", "plans"),
        (c.values, "value", "values"),
        (c.value_actions, "value action", "value actions"),
        (c.wins, "win", "wins"),
        (c.social_steps, "social step", "social steps"),
        (c.social_attempts, "social attempt", "social attempts"),
        (c.selfcare, "self-care anchor", "self-care anchors"),
        (c.selfcare_logs, "self-care record", "self-care records"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect()
}

pub fn export(ctx: &Ctx, args: ExportArgs) -> Result<(), Failure> {
    match args.format {
        ExportFormat::Ics => return export_ics(ctx, &args.out),
        ExportFormat::Csv => return export_csv(ctx, &args.out),
        ExportFormat::Fhir => return export_fhir(ctx, &args.out),
        ExportFormat::Json => {}
    }
    let thaw = ctx.open()?;
    let doc = thaw.export_json(ctx.clock.now())?;
    if args.out == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(doc.as_bytes())?;
        return Ok(writeln!(stdout)?);
    }
    write_private(&args.out, doc.as_bytes())?;
    if ctx.out.json {
        return Ok(ctx
            .out
            .json(&json!({ "written": args.out.display().to_string() }))?);
    }
    ctx.out.line(words::exported_json(&args.out))?;
    Ok(())
}

/// A folder of CSV files, one per table.
fn export_csv(ctx: &Ctx, out: &Path) -> Result<(), Failure> {
    if out == Path::new("-") {
        return Err(InputError::new("out", "-", "a folder (CSV is one file per table)").into());
    }
    let thaw = ctx.open()?;
    let files = thaw.export_csv(out, ctx.clock.now())?;
    if ctx.out.json {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        return Ok(ctx.out.json(&json!({ "written": names }))?);
    }
    ctx.out.line(words::exported_csv(files.len(), out))?;
    Ok(())
}

/// A FHIR R4 Bundle for a health record.
fn export_fhir(ctx: &Ctx, out: &Path) -> Result<(), Failure> {
    let thaw = ctx.open()?;
    let doc = thaw.export_fhir(ctx.clock.now())?;
    if out == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(doc.as_bytes())?;
        return Ok(writeln!(stdout)?);
    }
    write_private(out, doc.as_bytes())?;
    if ctx.out.json {
        return Ok(ctx
            .out
            .json(&json!({ "written": out.display().to_string() }))?);
    }
    ctx.out.line(words::exported_fhir(out))?;
    Ok(())
}

/// The calendar of scheduled activities and self-care, with reminders.
fn export_ics(ctx: &Ctx, out: &Path) -> Result<(), Failure> {
    let thaw = ctx.open()?;
    let cal = thaw.calendar(ctx.clock.now())?;
    if out == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return Ok(stdout.write_all(cal.ics.as_bytes())?);
    }
    write_private(out, cal.ics.as_bytes())?;
    if ctx.out.json {
        return Ok(ctx.out.json(&json!({
            "written": out.display().to_string(),
            "events": cal.events,
            "without_time": cal.without_time,
        }))?);
    }
    if cal.events == 0 {
        ctx.out.line(words::exported_ics_empty(out))?;
    } else {
        ctx.out.line(words::exported_ics(out, cal.events))?;
    }
    if !cal.without_time.is_empty() {
        ctx.out
            .line(words::ics_without_time(&cal.without_time.join(", ")))?;
    }
    Ok(())
}

/// Writes a file readable only by its owner, atomically.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".thaw-export-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| Failure::Io(e.error))?;
    Ok(())
}
