//! End-to-end: `thaw report` through the real binary (both formats), and
//! the web app's report page and downloads over real HTTP.
//!
//! The PDF's text is checked with `pdftotext` (poppler-utils) when it is
//! installed; without it that check is skipped with a note, unless
//! `THAW_PDF_TESTS=1` (CI sets it), which makes a missing `pdftotext` a
//! failure.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use thaw_testkit::cli::Cli;
use thaw_testkit::server::Served;

const CAPTION: &str = "Mood and numbness, daily means, with spikes marked";

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

/// Three weeks of check-ins, two PHQ-9s (16 then 12: within noise; 12
/// then 6 would be reliable), a journal entry for therapy and one not,
/// and a safety plan.
fn seeded() -> Cli {
    let cli = Cli::new(bin());
    for day in 1..=21 {
        let mood = (3 + day % 4).to_string();
        let numb = (7 - day % 3).to_string();
        let at = format!("2026-03-{day:02} 20:00");
        cli.ok(&["checkin", "--mood", &mood, "--numbness", &numb, "--at", &at]);
    }
    cli.ok(&[
        "screen",
        "phq9",
        "--answers",
        "2,2,2,2,2,2,2,1,1",
        "--at",
        "2026-02-20 10:00",
    ]);
    cli.ok(&[
        "screen",
        "phq9",
        "--answers",
        "2,2,2,2,1,1,1,1,0",
        "--at",
        "2026-03-15 10:00",
    ]);
    cli.ok(&[
        "journal",
        "Numb after calls with dad; want to talk about it.",
        "--for-therapy",
        "--at",
        "2026-03-10 21:00",
    ]);
    cli.ok(&[
        "journal",
        "Only for me, not for the report.",
        "--at",
        "2026-03-11 21:00",
    ]);
    let plan = "## People I can ask for help\n- Sam on 0123 456789\n";
    let out = cli.piped(&["safety-plan", "edit"], plan.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    cli
}

/// The text `pdftotext` extracts, or `None` when it is not installed
/// (a failure under `THAW_PDF_TESTS=1`).
fn pdftotext(path: &Path) -> Option<String> {
    let required = std::env::var("THAW_PDF_TESTS").is_ok_and(|v| v == "1");
    match Command::new("pdftotext").arg(path).arg("-").output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "pdftotext failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(e) => {
            assert!(!required, "THAW_PDF_TESTS=1 but pdftotext can't run: {e}");
            eprintln!("skipping the pdftotext check: install poppler-utils ({e})");
            None
        }
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_pdf_report_with_the_phq9_total_and_the_chart_caption() {
    let cli = seeded();
    let out = cli.dir.path().join("report.pdf");
    let said = cli.ok(&[
        "report",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        said.contains("2026-03-01 to 2026-03-31")
            && said.contains("21 of 31 days with a check-in")
            && said.contains("that you have a safety plan, not what it says"),
        "{said}"
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600, "readable by its owner only");
    if let Some(text) = pdftotext(&out) {
        assert!(text.contains("PHQ-9"), "{text}");
        assert!(text.contains("12 of 27"), "the PHQ-9 total: {text}");
        assert!(text.contains(CAPTION), "the chart's caption: {text}");
        assert!(text.contains("Numb after calls with dad"), "{text}");
        assert!(!text.contains("Only for me"), "{text}");
        assert!(!text.contains("Sam on 0123"), "{text}");
        assert!(text.contains("A safety plan exists"), "{text}");
    }
}

#[test]
fn an_html_report_that_stands_alone_and_shows_the_plan_only_when_asked() {
    let cli = seeded();
    let out = cli.dir.path().join("report.html");
    let path = out.to_str().unwrap();
    let v = cli.json(&[
        "report",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        path,
    ]);
    assert_eq!(v["format"], "html");
    assert_eq!(v["days"], 31);
    assert_eq!(v["days_with_checkin"], 21);
    assert_eq!(v["screenings"], 1);
    assert_eq!(v["therapy_entries"], 1);
    assert_eq!(v["safety_plan_exists"], true);
    assert_eq!(v["safety_plan_included"], false);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("<td class=\"num\">12 of 27</td>"));
    assert!(
        html.contains("-4 since 2026-02-20: within noise"),
        "vs the result before the period"
    );
    assert!(html.contains(CAPTION));
    assert!(html.contains("Numb after calls with dad"));
    assert!(!html.contains("Sam on 0123"));

    cli.ok(&[
        "report",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        path,
        "--with-safety-plan",
    ]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Sam on 0123 456789"), "the plan, as chosen");
}

#[test]
fn an_empty_data_folder_still_gives_a_report_that_says_so() {
    let cli = Cli::new(bin());
    let out = cli.dir.path().join("r.pdf");
    let said = cli.ok(&["report", "--out", out.to_str().unwrap()]);
    assert!(said.contains("0 of 90 days with a check-in"), "{said}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    if let Some(text) = pdftotext(&out) {
        assert!(text.contains("No check-ins in this period."), "{text}");
        assert!(
            text.contains("PHQ-9"),
            "names the screeners it would show: {text}"
        );
        assert!(text.contains(CAPTION), "{text}");
        assert!(text.contains("No safety plan has been written"), "{text}");
    }
}

#[test]
fn a_file_name_without_pdf_or_html_is_refused_naming_out() {
    let cli = seeded();
    let out = cli.dir.path().join("report.docx");
    let run = cli.run(&["report", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("--out") && err.contains(".pdf or .html"),
        "{err}"
    );
    assert!(!out.exists());

    let run = cli.run(&[
        "report",
        "--from",
        "2026-04-01",
        "--to",
        "2026-03-01",
        "--out",
        "r.pdf",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--from"));
}

#[test]
fn the_web_app_offers_both_downloads() {
    let cli = seeded();
    let s = Served::start(bin(), &cli.data).unwrap();
    let cookie = s.login().unwrap();
    let auth = [("Cookie", cookie.as_str())];
    let page = s.get("/report", &auth).unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("formaction=\"/report.html\""));
    assert!(page.body.contains("name=\"safety_plan\""));

    let pdf = s
        .get("/report.pdf?from=2026-03-01&to=2026-03-31", &auth)
        .unwrap();
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(
        pdf.header("content-disposition"),
        Some("attachment; filename=\"thaw-report-2026-03-01-to-2026-03-31.pdf\"")
    );
    assert!(pdf.body.starts_with("%PDF-"));

    let html = s
        .get(
            "/report.html?from=2026-03-01&to=2026-03-31&safety_plan=1",
            &auth,
        )
        .unwrap();
    assert_eq!(html.status, 200);
    assert!(
        html.header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment;")),
        "downloaded, not shown under our CSP"
    );
    assert!(html.body.contains(CAPTION) && html.body.contains("12 of 27"));
    assert!(html.body.contains("Sam on 0123 456789"));

    let bad = s.get("/report.pdf?from=soon", &auth).unwrap();
    assert_eq!(bad.status, 400);
    assert_eq!(s.get("/report.pdf", &[]).unwrap().status, 401);
    s.stop().unwrap();
}
