//! `thaw report`: the clinician report, as PDF or HTML by the file name.

use std::io::Write;
use std::path::Path;

use serde_json::json;
use thaw_core::InputError;
use thaw_report::report::{Report, plural};

use crate::cli::ReportArgs;
use crate::{Ctx, Failure, words};

/// The formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Html,
}

impl Format {
    /// The format a file name asks for (`--out` names the file).
    fn of(path: &Path) -> Result<Self, InputError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("pdf") => Ok(Format::Pdf),
            Some("html" | "htm") => Ok(Format::Html),
            _ => Err(InputError::new(
                "out",
                path.display().to_string(),
                "end the file name in .pdf or .html, like report.pdf",
            )),
        }
    }

    fn key(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<(), Failure> {
    // Everything the person typed is checked before the data is opened.
    let format = Format::of(&args.out)?;
    let from = args
        .from
        .as_deref()
        .map(|t| thaw_app::parse_date("from", t))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|t| thaw_app::parse_date("to", t))
        .transpose()?;
    let thaw = ctx.open()?;
    let report = thaw.report(from, to, args.with_safety_plan, ctx.clock.now())?;
    let bytes = match format {
        Format::Pdf => thaw_report::pdf::render_pdf(&report),
        Format::Html => thaw_report::html::render_html(&report).into_bytes(),
    };
    write_private(&args.out, &bytes)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&json!({
            "written": args.out.display().to_string(),
            "format": format.key(),
            "from": report.from.to_string(),
            "to": report.to.to_string(),
            "days": report.coverage.days_in_period,
            "days_with_checkin": report.coverage.days_with_checkin,
            "screenings": report.screenings.len(),
            "therapy_entries": report.therapy_entries.len() + report.therapy_entries_left_out,
            "safety_plan_exists": report.safety_plan.exists,
            "safety_plan_included": report.safety_plan.sections.is_some(),
        }))?);
    }
    ctx.out.line(words::report_written(
        &args.out,
        report.from,
        report.to,
        &holds(&report),
    ))?;
    ctx.out.line(words::REPORT_PRIVATE)?;
    Ok(())
}

/// What the report holds, in a few words.
fn holds(r: &Report) -> String {
    let mut parts = vec![
        words::report_days(
            r.coverage.days_with_checkin,
            &plural(r.coverage.days_in_period, "day", "days"),
        ),
        plural(r.screenings.len(), "check-up result", "check-up results"),
        plural(
            r.therapy_entries.len(),
            "journal entry for therapy",
            "journal entries for therapy",
        ),
    ];
    parts.push(
        match (r.safety_plan.exists, r.safety_plan.sections.is_some()) {
            (false, _) => words::REPORT_NO_SAFETY_PLAN,
            (true, true) => words::REPORT_SAFETY_PLAN_FULL,
            (true, false) => words::REPORT_SAFETY_PLAN_EXISTS,
        }
        .to_owned(),
    );
    parts.join(", ")
}

/// Writes a file readable only by its owner (0600), atomically: to a
/// temporary file beside it, flushed, then renamed over the name.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".thaw-report-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| Failure::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_file_name() {
        assert_eq!(Format::of(Path::new("r.pdf")).unwrap(), Format::Pdf);
        assert_eq!(Format::of(Path::new("dir/R.PDF")).unwrap(), Format::Pdf);
        assert_eq!(Format::of(Path::new("r.html")).unwrap(), Format::Html);
        assert_eq!(Format::of(Path::new("r.htm")).unwrap(), Format::Html);
        for bad in ["r.txt", "report", "-"] {
            assert_eq!(Format::of(Path::new(bad)).unwrap_err().field, "out");
        }
    }
}
