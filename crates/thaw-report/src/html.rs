//! The clinician report as one self-contained HTML file: no script, no
//! outside resources (a `Content-Security-Policy` meta tag says so to the
//! browser that opens it), its style inline, the chart an inline SVG with
//! a text alternative, tables with captions and header scopes, and print
//! rules for A4 that keep tables and the chart whole on a page.

use std::fmt::Write;

use crate::report::{ChartMarks, PatternKind, Report, plural};
use crate::svg::escape;
use crate::words::{self, CHART_CAPTION, NO_SCREENINGS, NOT_CAUSES, TITLE};

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
.page { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 2rem; }
h1 { font-size: 1.55rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.4rem 0 .4rem; padding-bottom: .15rem; border-bottom: 1px solid #c8c8c8; }
h3 { font-size: 1rem; margin: .8rem 0 .2rem; }
p { margin: .3rem 0; }
.meta { color: #444; margin: 0; }
.note { color: #444; font-size: .9em; }
ul { margin: .3rem 0; padding-left: 1.3rem; }
figure { margin: .4rem 0; }
figure svg { width: 100%; height: auto; display: block; color: #1a1a1a; }
figcaption { font-size: .9em; color: #333; margin-top: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; font-size: .92em; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid #ddd; }
thead th { border-bottom: 2px solid #888; }
.num { white-space: nowrap; }
.entry { margin: .4rem 0 .6rem; }
.entry p { white-space: pre-line; margin: .1rem 0; }
.entry h3 { font-size: .95rem; margin: 0; }
.tags { color: #444; font-weight: normal; }
footer { margin-top: 1.5rem; border-top: 1px solid #c8c8c8; padding-top: .4rem; color: #444; font-size: .85em; }
@page { size: A4; margin: 14mm 14mm 15mm; }
@media print {
  body { font-size: 9.5pt; line-height: 1.35; }
  .page { max-width: none; padding: 0; }
  nav, .no-print { display: none; }
  h2 { margin-top: .9rem; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, .entry, tr { break-inside: avoid; page-break-inside: avoid; }
  figure svg { max-height: 70mm; }
  svg * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"#;

const MOOD: &str = "#2f6fb0";
const NUMB: &str = "#b05a2f";

/// The report as a standalone HTML document.
pub fn render_html(r: &Report) -> String {
    let mut h = String::with_capacity(16 * 1024);
    let period = format!("{} to {}", r.from, r.to);
    let _ = write!(
        h,
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Thaw">
<title>{title}, {period}</title>
<style>{STYLE}</style>
</head>
<body>
<div class="page">
<header>
<h1>{title}</h1>
<p class="meta">Period: <strong>{period}</strong> ({days}). {made}</p>
<p class="meta">{not_a_diagnosis}</p>
</header>
<main>
"#,
        title = escape(TITLE),
        days = plural(r.coverage.days_in_period, "day", "days"),
        made = escape(&words::made(
            r.generated_at.strftime("%Y-%m-%d %H:%M"),
            &r.timezone
        )),
        not_a_diagnosis = words::NOT_A_DIAGNOSIS,
    );

    // At a glance.
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"glance\">\n<h2 id=\"glance\">{}</h2>\n<ul>",
        words::AT_A_GLANCE
    );
    for line in r.at_a_glance() {
        let _ = writeln!(h, "<li>{}</li>", escape(&line));
    }
    h.push_str("</ul>\n</section>\n");

    // The chart.
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"moods\">\n<h2 id=\"moods\">{}</h2>\n<figure>",
        words::MOOD_AND_NUMBNESS
    );
    h.push_str(&chart_svg(r));
    let _ = writeln!(
        h,
        "\n<figcaption>{CHART_CAPTION}. {}</figcaption>\n</figure>",
        words::CHART_KEY
    );
    if r.days.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", words::NO_CHECKINS);
    } else {
        if let Some(m) = r.numbness_median {
            let _ = writeln!(h, "<p>{}</p>", words::usual_numbness(m));
        }
        if r.spikes.is_empty() {
            let _ = writeln!(h, "<p>{}</p>", words::NO_SPIKES);
        }
    }
    h.push_str("</section>\n");

    // Screeners.
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"screeners\">\n<h2 id=\"screeners\">{}</h2>",
        words::SCREENER_SCORES
    );
    if r.screenings.is_empty() {
        let _ = writeln!(h, "<p>{NO_SCREENINGS}</p>");
    } else {
        h.push_str(
            "<table>\n<caption>Screener results in the period, oldest first</caption>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Screener</th><th scope=\"col\">Total</th><th scope=\"col\">Range</th><th scope=\"col\">Change since previous</th></tr></thead>\n<tbody>\n",
        );
        for s in &r.screenings {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\" class=\"num\">{}</th><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                s.date,
                s.short_name(),
                s.total_words(),
                escape(&s.band_words()),
                escape(&s.change.words())
            );
        }
        let _ = writeln!(
            h,
            "</tbody>\n</table>\n<p class=\"note\">{}</p>",
            words::RELIABLE_CHANGE
        );
    }
    h.push_str("</section>\n");

    // What helped.
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"helped\">\n<h2 id=\"helped\">{}</h2>",
        words::HELPED
    );
    if r.too_few_days {
        let _ = writeln!(
            h,
            "<p>{}</p>",
            words::too_few_days(&plural(r.coverage.days_with_checkin, "day", "days"))
        );
    }
    if r.patterns.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", words::NO_PATTERNS);
    } else {
        h.push_str(
            "<table>\n<caption>Numbness with each activity and grounding exercise</caption>\n<thead><tr><th scope=\"col\">What</th><th scope=\"col\">n</th><th scope=\"col\">Numbness difference</th><th scope=\"col\">Reading</th></tr></thead>\n<tbody>\n",
        );
        for p in &r.patterns {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{} <span class=\"tags\">({})</span></th><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&p.name),
                p.kind.words(),
                p.n_words(),
                p.estimate_words(),
                p.reading.words()
            );
        }
        h.push_str("</tbody>\n</table>\n");
        if r.patterns_left_out > 0 {
            let _ = writeln!(
                h,
                "<p class=\"note\">{}</p>",
                words::more_not_shown(r.patterns_left_out)
            );
        }
        let has = |k: PatternKind| r.patterns.iter().any(|p| p.kind == k);
        let mut how = Vec::new();
        if has(PatternKind::Activity) {
            how.push(words::HOW_ACTIVITY);
        }
        if has(PatternKind::Grounding) {
            how.push(words::HOW_GROUNDING);
        }
        let _ = writeln!(
            h,
            "<p class=\"note\">{} {}</p>",
            words::difference_note(&how.join("; ")),
            escape(NOT_CAUSES)
        );
    }
    h.push_str("</section>\n");

    // Journal.
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"journal\">\n<h2 id=\"journal\">{}</h2>",
        words::THERAPY_ENTRIES
    );
    if r.therapy_entries.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", words::NONE_IN_PERIOD);
    }
    if r.therapy_entries_left_out > 0 {
        let _ = writeln!(
            h,
            "<p class=\"note\">{}</p>",
            words::most_recent(r.therapy_entries.len(), r.therapy_entries_left_out)
        );
    }
    for e in &r.therapy_entries {
        let tags = if e.tags.is_empty() {
            String::new()
        } else {
            format!(
                " <span class=\"tags\">({})</span>",
                escape(&e.tags.join(", "))
            )
        };
        let _ = write!(
            h,
            "<div class=\"entry\">\n<h3>{}{tags}</h3>\n<p>{}</p>\n",
            e.date,
            escape(&e.text)
        );
        if let Some(n) = e.shortened_from {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", words::shortened(n));
        }
        h.push_str("</div>\n");
    }
    h.push_str("</section>\n");

    // Safety plan.
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"safety\">\n<h2 id=\"safety\">{}</h2>",
        words::SAFETY_PLAN
    );
    let _ = writeln!(h, "<p>{}</p>", r.safety_plan.words());
    if let Some(sections) = &r.safety_plan.sections {
        for (title, items) in sections {
            let _ = writeln!(h, "<h3>{}</h3>\n<ul>", escape(title));
            for item in items {
                let _ = writeln!(h, "<li>{}</li>", escape(item));
            }
            h.push_str("</ul>\n");
        }
    }
    h.push_str("</section>\n</main>\n");

    let _ = write!(
        h,
        "<footer>\n<p>{}</p>\n</footer>\n</div>\n</body>\n</html>\n",
        escape(&words::footer(&r.timezone))
    );
    h
}

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 30.0;

/// The mood and numbness chart as inline SVG, drawn from the same marks
/// as the PDF's.
fn chart_svg(r: &Report) -> String {
    let ChartMarks {
        mood,
        numbness,
        spikes,
        trend,
    } = r.chart_marks();
    let x = |t: f64| LEFT + (W - LEFT - RIGHT) * t;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / 10.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-title chart-desc"><title id="chart-title">{}, {} to {}</title><desc id="chart-desc">{}</desc>"#,
        CHART_CAPTION,
        r.from,
        r.to,
        escape(&r.chart_description())
    );
    for v in [0.0, 5.0, 10.0] {
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{}" y1="{:.1}" y2="{:.1}" stroke="#999" stroke-opacity="0.5"/><text x="{}" y="{:.1}" text-anchor="end" font-size="11" fill="currentColor">{v}</text>"##,
            W - RIGHT,
            y(v),
            y(v),
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
    let mid = r
        .from
        .checked_add(jiff::Span::new().days((r.to - r.from).get_days() / 2))
        .unwrap_or(r.from);
    for (date, t, anchor) in [
        (r.from, 0.0, "start"),
        (mid, 0.5, "middle"),
        (r.to, 1.0, "end"),
    ] {
        if anchor == "middle" && (r.to - r.from).get_days() < 4 {
            continue;
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{}" text-anchor="{anchor}" font-size="11" fill="currentColor">{}</text>"#,
            x(t),
            H - 8.0,
            date.strftime("%-d %b %Y")
        );
    }
    // Legend.
    let _ = write!(
        s,
        r##"<g font-size="11" fill="currentColor"><line x1="{LEFT}" x2="{}" y1="12" y2="12" stroke="{MOOD}" stroke-width="2.5"/><circle cx="{}" cy="12" r="3" fill="{MOOD}"/><text x="{}" y="16">Mood</text><line x1="{}" x2="{}" y1="12" y2="12" stroke="{NUMB}" stroke-width="2.5" stroke-dasharray="6 4"/><rect x="{}" y="9" width="6" height="6" fill="{NUMB}"/><text x="{}" y="16">Numbness</text><circle cx="{}" cy="12" r="6" fill="none" stroke="currentColor" stroke-width="1.5"/><text x="{}" y="16">Spike</text><line x1="{}" x2="{}" y1="12" y2="12" stroke="currentColor" stroke-width="2" stroke-dasharray="2 3"/><text x="{}" y="16">Numbness trend</text></g>"##,
        LEFT + 24.0,
        LEFT + 12.0,
        LEFT + 30.0,
        LEFT + 80.0,
        LEFT + 104.0,
        LEFT + 89.0,
        LEFT + 110.0,
        LEFT + 188.0,
        LEFT + 198.0,
        LEFT + 240.0,
        LEFT + 264.0,
        LEFT + 270.0,
    );
    let points = |series: &[(f64, f64)]| -> String {
        series
            .iter()
            .map(|&(t, v)| format!("{:.1},{:.1}", x(t), y(v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if mood.len() > 1 {
        let _ = write!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{MOOD}" stroke-width="2" stroke-linejoin="round"/>"#,
            points(&mood)
        );
    }
    if numbness.len() > 1 {
        let _ = write!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{NUMB}" stroke-width="2" stroke-linejoin="round" stroke-dasharray="6 4"/>"#,
            points(&numbness)
        );
    }
    let markers = mood.len().max(numbness.len()) <= 120;
    if markers {
        for &(t, v) in &mood {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="2.6" fill="{MOOD}"/>"#,
                x(t),
                y(v)
            );
        }
        for &(t, v) in &numbness {
            let _ = write!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="5" height="5" fill="{NUMB}"/>"#,
                x(t) - 2.5,
                y(v) - 2.5
            );
        }
    }
    for &(t, v) in &spikes {
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="7" fill="none" stroke="currentColor" stroke-width="1.5"/>"#,
            x(t),
            y(v)
        );
    }
    if let Some(((t0, v0), (t1, v1))) = trend {
        let _ = write!(
            s,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="currentColor" stroke-width="2" stroke-dasharray="2 3"/>"#,
            x(t0),
            y(v0),
            x(t1),
            y(v1)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::{
        Change, Coverage, PatternRow, Reading, SafetyPlanView, ScreenerRow, TherapyEntry,
    };
    use jiff::civil::Date;
    use thaw_core::days::DayPoint;
    use thaw_core::screener::Instrument;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    pub(crate) fn sample() -> Report {
        Report {
            from: d("2026-01-01"),
            to: d("2026-03-31"),
            generated_at: "2026-04-01T09:30:00".parse().unwrap(),
            timezone: "Europe/Berlin".into(),
            coverage: Coverage {
                days_in_period: 90,
                days_with_checkin: 60,
                checkins: 70,
                longest_gap_days: 5,
            },
            days: (0..60)
                .map(|i| DayPoint {
                    date: d("2026-01-01")
                        .checked_add(jiff::Span::new().days(i))
                        .unwrap(),
                    mood: Some(5.0 + (i % 3) as f64),
                    numbness: Some(6.0 - (i % 4) as f64),
                    checkins: 1,
                })
                .collect(),
            mood_mean: Some(6.0),
            numbness_mean: Some(4.5),
            numbness_median: Some(4.5),
            spikes: vec![crate::report::SpikeRow {
                date: d("2026-02-01"),
                value: 9.0,
                robust_z: 3.0,
            }],
            trend: None,
            too_few_days: false,
            patterns: vec![PatternRow {
                kind: PatternKind::Activity,
                name: "walk <outside>".into(),
                n: 12,
                n_without: Some(40),
                estimate: Some(-1.2),
                ci95: Some([-2.0, -0.4]),
                reading: Reading::Helped,
            }],
            patterns_left_out: 0,
            screenings: vec![ScreenerRow {
                instrument: Instrument::Phq9,
                date: d("2026-03-01"),
                total: 14,
                max: 27,
                band: "moderate".into(),
                change: Change::First,
                item9: Some(Some(0)),
            }],
            therapy_entries: vec![TherapyEntry {
                date: d("2026-03-02"),
                tags: vec!["dad".into()],
                text: "Numb after calls with dad. <script>alert(1)</script>".into(),
                shortened_from: None,
            }],
            therapy_entries_left_out: 0,
            safety_plan: SafetyPlanView {
                exists: true,
                included: false,
                sections: None,
            },
        }
    }

    #[test]
    fn a_standalone_accessible_document_without_script() {
        let html = render_html(&sample());
        assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
        assert!(!html.to_lowercase().contains("<script"), "no script at all");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
        assert_eq!(html.matches("<h1>").count(), 1);
        for heading in [
            "At a glance",
            "Mood and numbness",
            "Screener scores",
            "What helped and what did not",
            "Journal entries marked for therapy",
            "Safety plan",
        ] {
            assert!(html.contains(&format!("\">{heading}</h2>")), "{heading}");
        }
        assert!(html.contains(&format!("<figcaption>{CHART_CAPTION}.")));
        assert!(
            html.contains("<title id=\"chart-title\">")
                && html.contains("<desc id=\"chart-desc\">")
        );
        assert_eq!(html.matches("<caption>").count(), 2);
        assert!(html.contains("<th scope=\"col\">Total</th>"));
        assert!(html.contains("<th scope=\"row\" class=\"num\">2026-03-01</th><td>PHQ-9</td><td class=\"num\">14 of 27</td><td>moderate; item 9: 0</td>"));
        assert!(html.contains("walk &lt;outside&gt;"));
        assert!(html.contains("12 days (vs 40 without)"));
        assert!(html.contains("@media print") && html.contains("size: A4"));
        assert!(html.contains("A safety plan exists in Thaw. Its content is not included"));
        assert!(html.contains("Latest PHQ-9: 14 of 27 on 2026-03-01 (moderate; item 9: 0)."));
    }

    #[test]
    fn the_chart_marks_spikes_and_draws_both_series() {
        let svg = chart_svg(&sample());
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert_eq!(svg.matches("r=\"7\"").count(), 1, "one spike ring");
        assert!(svg.contains("stroke-dasharray=\"6 4\""));
        assert!(svg.contains(
            "spiked well above the level of the 4 weeks before on 1 day: 2026-02-01 (9.0)"
        ));
    }

    #[test]
    fn safety_plan_content_only_when_included() {
        let mut r = sample();
        r.safety_plan = SafetyPlanView {
            exists: true,
            included: true,
            sections: Some(vec![(
                "People I can ask for help".into(),
                vec!["Sam 0123".into()],
            )]),
        };
        let html = render_html(&r);
        assert!(
            html.contains("<h3>People I can ask for help</h3>")
                && html.contains("<li>Sam 0123</li>")
        );
        assert!(!render_html(&sample()).contains("Sam 0123"));
    }
}
