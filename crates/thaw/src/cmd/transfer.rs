//! `thaw import` and `thaw export`.

use std::io::Write;
use std::path::Path;

use serde_json::json;
use thaw_core::InputError;
use thaw_store::Counts;

use crate::cli::{ExportArgs, ImportArgs};
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
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect()
}

pub fn export(ctx: &Ctx, args: ExportArgs) -> Result<(), Failure> {
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
