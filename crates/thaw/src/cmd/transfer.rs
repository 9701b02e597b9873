//! `thaw import` and `thaw export`.

use std::io::Write;
use std::path::Path;

use serde_json::json;
use thaw_core::InputError;
use thaw_store::Counts;

use crate::cli::{ExportArgs, ExportFormat, ImportArgs};
use crate::{Ctx, Failure};

pub fn import(ctx: &Ctx, args: ImportArgs) -> Result<(), Failure> {
    let text = std::fs::read_to_string(&args.file).map_err(|e| {
        InputError::new(
            "file",
            args.file.display().to_string(),
            format!("a file Thaw can read ({e})"),
        )
    })?;
    // Everything is checked before the database is even opened.
    let read = thaw_app::transfer::read_json(&text)?;
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
    let parts = describe(&counts);
    let line = match (args.dry_run, parts.is_empty()) {
        (_, true) => "Nothing new: everything in this file is already here.".to_owned(),
        (true, false) => format!(
            "Would import {}. Nothing was written (dry run).",
            parts.join(", ")
        ),
        (false, false) => format!("Imported {}.", parts.join(", ")),
    };
    ctx.out.line(line)?;
    Ok(())
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
        (c.activity_logs, "activity log", "activity logs"),
        (c.grounding, "grounding session", "grounding sessions"),
        (c.journal, "journal entry", "journal entries"),
        (c.screenings, "screener result", "screener results"),
        (c.plans, "plan", "plans"),
        (c.values, "value", "values"),
        (c.value_actions, "value action", "value actions"),
        (c.wins, "win", "wins"),
        (c.social_steps, "social step", "social steps"),
        (c.social_attempts, "social attempt", "social attempts"),
        (c.selfcare, "self-care anchor", "self-care anchors"),
        (c.selfcare_logs, "self-care log", "self-care logs"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect()
}

pub fn export(ctx: &Ctx, args: ExportArgs) -> Result<(), Failure> {
    if let ExportFormat::Ics = args.format {
        return export_ics(ctx, &args.out);
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
    ctx.out.line(format!(
        "Wrote everything to {}. Keep it somewhere safe: it is all your data, unencrypted.",
        args.out.display()
    ))?;
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
        ctx.out.line(format!(
            "Wrote {}, still empty: nothing has a schedule and a time yet. Add one with: thaw activity add walk --every mon,wed,fri --time 08:00",
            out.display()
        ))?;
    } else {
        ctx.out.line(format!(
            "Wrote {} with {} reminder{}. Open it with your calendar app; your phone will remind you.",
            out.display(),
            cal.events,
            if cal.events == 1 { "" } else { "s" }
        ))?;
    }
    if !cal.without_time.is_empty() {
        ctx.out.line(format!(
            "Left out for now, as they have no time of day: {}. Give one a time with --time HH:MM.",
            cal.without_time.join(", ")
        ))?;
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
