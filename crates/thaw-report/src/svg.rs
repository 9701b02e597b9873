//! SVG charts.

use std::fmt::Write;

use jiff::civil::Date;
use thaw_core::days::DayPoint;
use thaw_core::screener::Instrument;

use crate::words;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 34.0;

/// A series: its class, how to read its value, its default colour, its dash.
type Series = (
    &'static str,
    fn(&DayPoint) -> Option<f64>,
    &'static str,
    &'static str,
);

/// Horizontal grid lines with their values on the left.
fn grid(svg: &mut String, values: &[f64], y: impl Fn(f64) -> f64) {
    for &v in values {
        let _ = write!(
            svg,
            r##"<line class="grid" x1="{LEFT}" x2="{}" y1="{:.1}" y2="{:.1}" stroke="#999" stroke-opacity="0.4"/><text class="axis" x="{}" y="{:.1}" text-anchor="end" font-size="11" fill="currentColor">{v}</text>"##,
            WIDTH - RIGHT,
            y(v),
            y(v),
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
}

/// Dates along the bottom edge.
fn date_labels(svg: &mut String, dates: &[(Date, &str)], x: impl Fn(Date) -> f64) {
    for &(d, anchor) in dates {
        let _ = write!(
            svg,
            r#"<text class="axis" x="{:.1}" y="{}" text-anchor="{anchor}" font-size="11" fill="currentColor">{}</text>"#,
            x(d),
            HEIGHT - 10.0,
            d.strftime("%-d %b")
        );
    }
}

/// Escapes text for SVG/XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Mood and numbness per day from `from` to `to` (0–10 on the y axis).
/// Mood is a solid line with round markers, numbness a dashed line with
/// square markers. `points` are the days that have values, oldest first.
pub fn mood_numbness_chart(points: &[DayPoint], from: Date, to: Date) -> String {
    let span_days = (to - from).get_days().max(1) as f64;
    let x = |d: Date| LEFT + (WIDTH - LEFT - RIGHT) * ((d - from).get_days() as f64 / span_days);
    let y = |v: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v / 10.0);

    let mut svg = String::new();
    let desc = describe(points, from, to);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" class="chart">"#
    );
    let _ = write!(
        svg,
        r#"<title id="chart-title">Mood and numbness, {from} to {to}</title><desc id="chart-desc">{}</desc>"#,
        escape(&desc)
    );
    // Grid and axis labels.
    grid(&mut svg, &[0.0, 5.0, 10.0], y);
    let mid = from
        .checked_add(jiff::Span::new().days((span_days / 2.0) as i64))
        .unwrap_or(from);
    date_labels(
        &mut svg,
        &[(from, "start"), (mid, "middle"), (to, "end")],
        x,
    );
    // Legend.
    let _ = write!(
        svg,
        r##"<g class="legend" font-size="12" fill="currentColor"><line class="mood" x1="{LEFT}" x2="{}" y1="14" y2="14" stroke="#2f6fb0" stroke-width="2.5"/><circle class="mood" cx="{}" cy="14" r="3.5" fill="#2f6fb0"/><text x="{}" y="18">Mood (higher is better)</text><line class="numbness" x1="{}" x2="{}" y1="14" y2="14" stroke="#b05a2f" stroke-width="2.5" stroke-dasharray="6 4"/><rect class="numbness" x="{}" y="10.5" width="7" height="7" fill="#b05a2f"/><text x="{}" y="18">Numbness (higher is more numb)</text></g>"##,
        LEFT + 24.0,
        LEFT + 12.0,
        LEFT + 30.0,
        LEFT + 210.0,
        LEFT + 234.0,
        LEFT + 218.5,
        LEFT + 240.0
    );
    // Series.
    let series: [Series; 2] = [
        ("mood", |p| p.mood, "#2f6fb0", ""),
        (
            "numbness",
            |p| p.numbness,
            "#b05a2f",
            r#" stroke-dasharray="6 4""#,
        ),
    ];
    for (class, value, color, dash) in series {
        let coords: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|p| value(p).map(|v| (x(p.date), y(v))))
            .collect();
        if coords.len() > 1 {
            let path: Vec<String> = coords
                .iter()
                .map(|(a, b)| format!("{a:.1},{b:.1}"))
                .collect();
            let _ = write!(
                svg,
                r#"<polyline class="{class}" points="{}" fill="none" stroke="{color}" stroke-width="2.5" stroke-linejoin="round"{dash}/>"#,
                path.join(" ")
            );
        }
        // Markers tell the series apart without colour; past a season of
        // days they would crowd out the lines (which differ by dash too).
        let markers = if coords.len() <= 120 {
            coords.as_slice()
        } else {
            &[]
        };
        for &(a, b) in markers {
            if class == "mood" {
                let _ = write!(
                    svg,
                    r#"<circle class="{class}" cx="{a:.1}" cy="{b:.1}" r="3.5" fill="{color}"/>"#
                );
            } else {
                let _ = write!(
                    svg,
                    r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="7" height="7" fill="{color}"/>"#,
                    a - 3.5,
                    b - 3.5
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Numbness per day with spikes marked (a ring and a "spike" label) and
/// the trend line (dotted), for the insights page and `--chart`.
/// `trend` is (value at `from`, change per day).
pub fn numbness_insights_chart(
    points: &[DayPoint],
    spikes: &[Date],
    trend: Option<(f64, f64)>,
    from: Date,
    to: Date,
) -> String {
    let span_days = (to - from).get_days().max(1) as f64;
    let x = |d: Date| LEFT + (WIDTH - LEFT - RIGHT) * ((d - from).get_days() as f64 / span_days);
    let y = |v: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v.clamp(0.0, 10.0) / 10.0);
    let values: Vec<(Date, f64)> = points
        .iter()
        .filter_map(|p| p.numbness.map(|n| (p.date, n)))
        .collect();
    let mut desc = words::numbness_days(values.len(), from, to);
    if !spikes.is_empty() {
        let list: Vec<String> = spikes.iter().map(ToString::to_string).collect();
        desc.push_str(&words::spikes_on(&list.join(", ")));
    }
    if let Some((_, per_day)) = trend {
        desc.push_str(&words::trend_line(per_day * 7.0));
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="numb-title numb-desc" class="chart"><title id="numb-title">Numbness over time, {from} to {to}</title><desc id="numb-desc">{}</desc>"#,
        escape(&desc)
    );
    grid(&mut svg, &[0.0, 5.0, 10.0], y);
    date_labels(&mut svg, &[(from, "start"), (to, "end")], x);
    let _ = write!(
        svg,
        r##"<g class="legend" font-size="12" fill="currentColor"><rect class="numbness" x="{LEFT}" y="10.5" width="7" height="7" fill="#b05a2f"/><text x="{}" y="18">Numbness per day</text><circle cx="{}" cy="14" r="6" fill="none" stroke="currentColor" stroke-width="2"/><text x="{}" y="18">Spike</text><line x1="{}" x2="{}" y1="14" y2="14" stroke="currentColor" stroke-width="2" stroke-dasharray="2 3"/><text x="{}" y="18">Trend</text></g>"##,
        LEFT + 12.0,
        LEFT + 150.0,
        LEFT + 160.0,
        LEFT + 220.0,
        LEFT + 244.0,
        LEFT + 250.0
    );
    if values.len() > 1 {
        let path: Vec<String> = values
            .iter()
            .map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v)))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline class="numbness" points="{}" fill="none" stroke="#b05a2f" stroke-width="2" stroke-dasharray="6 4"/>"##,
            path.join(" ")
        );
    }
    if values.len() <= 120 {
        for (d, v) in &values {
            let _ = write!(
                svg,
                r##"<rect class="numbness" x="{:.1}" y="{:.1}" width="6" height="6" fill="#b05a2f"/>"##,
                x(*d) - 3.0,
                y(*v) - 3.0
            );
        }
    }
    for d in spikes {
        if let Some((_, v)) = values.iter().find(|(day, _)| day == d) {
            let _ = write!(
                svg,
                r#"<circle class="spike" cx="{:.1}" cy="{:.1}" r="8" fill="none" stroke="currentColor" stroke-width="2"><title>Spike on {d}: {v:.1}</title></circle>"#,
                x(*d),
                y(*v)
            );
        }
    }
    if let Some((start, per_day)) = trend {
        let end = start + per_day * span_days;
        let _ = write!(
            svg,
            r#"<line class="trend" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="currentColor" stroke-width="2" stroke-dasharray="2 3"/>"#,
            x(from),
            y(start),
            x(to),
            y(end)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One row of an interval chart: a label, an estimate and its 95%
/// interval (when there is enough data for one).
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalRow {
    pub label: String,
    pub estimate: f64,
    pub interval: Option<(f64, f64)>,
}

/// Estimates with their intervals around a zero line (activity effects,
/// coping before/after). `what` names the quantity in the text
/// alternative ("difference in numbness").
pub fn interval_chart(id: &str, title: &str, what: &str, rows: &[IntervalRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let row_h = 30.0;
    let height = TOP + row_h * rows.len() as f64 + BOTTOM;
    let label_w = 180.0;
    let extent = rows
        .iter()
        .flat_map(|r| {
            [
                r.estimate.abs(),
                r.interval.map_or(0.0, |(a, b)| a.abs().max(b.abs())),
            ]
        })
        .fold(1.0_f64, f64::max)
        .ceil();
    let x = |v: f64| label_w + (WIDTH - label_w - RIGHT) * ((v + extent) / (2.0 * extent));
    let mut desc = String::new();
    for r in rows {
        let _ = write!(desc, "{}: {what} {:+.1}", r.label, r.estimate);
        match r.interval {
            Some((lo, hi)) => {
                let _ = write!(desc, " (95% interval {lo:+.1} to {hi:+.1}). ");
            }
            None => desc.push_str(words::NO_INTERVAL),
        }
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-title {id}-desc" class="chart"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc.trim())
    );
    let _ = write!(
        svg,
        r##"<line class="zero" x1="{:.1}" x2="{:.1}" y1="{}" y2="{:.1}" stroke="currentColor" stroke-width="1.5"/><text class="axis" x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="currentColor">0</text><text class="axis" x="{:.1}" y="{:.1}" text-anchor="start" font-size="11" fill="currentColor">−{extent}</text><text class="axis" x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="currentColor">+{extent}</text>"##,
        x(0.0),
        x(0.0),
        TOP - 10.0,
        height - BOTTOM + 4.0,
        x(0.0),
        height - 12.0,
        x(-extent),
        height - 12.0,
        x(extent),
        height - 12.0
    );
    for (i, r) in rows.iter().enumerate() {
        let cy = TOP + row_h * i as f64 + row_h / 2.0;
        let _ = write!(
            svg,
            r#"<text class="axis" x="{:.1}" y="{:.1}" text-anchor="end" font-size="12" fill="currentColor">{}</text>"#,
            label_w - 10.0,
            cy + 4.0,
            escape(&r.label)
        );
        if let Some((lo, hi)) = r.interval {
            let _ = write!(
                svg,
                r##"<line class="mood" x1="{:.1}" x2="{:.1}" y1="{cy:.1}" y2="{cy:.1}" stroke="#2f6fb0" stroke-width="3"/>"##,
                x(lo),
                x(hi)
            );
        }
        let _ = write!(
            svg,
            r##"<circle class="mood" cx="{:.1}" cy="{cy:.1}" r="5" fill="#2f6fb0"/>"##,
            x(r.estimate)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One screener result for the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScorePoint {
    pub date: Date,
    pub total: u8,
}

/// A screener's totals over time over its severity bands, each band shaded
/// and labelled in words (so the picture reads without colour).
pub fn screening_chart(instrument: Instrument, points: &[ScorePoint]) -> String {
    let max = f64::from(instrument.total_max());
    let (from, to) = match (points.first(), points.last()) {
        (Some(a), Some(b)) if b.date > a.date => (a.date, b.date),
        (Some(a), _) => (
            a.date.yesterday().unwrap_or(a.date),
            a.date.tomorrow().unwrap_or(a.date),
        ),
        _ => return String::new(),
    };
    let span_days = (to - from).get_days().max(1) as f64;
    let right = RIGHT + 118.0;
    let x = |d: Date| LEFT + (WIDTH - LEFT - right) * ((d - from).get_days() as f64 / span_days);
    let y = |v: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v / max);
    let title = words::screener_title(&instrument.key().to_uppercase());
    let mut desc = words::results(points.len());
    if let Some(last) = points.last() {
        let band = instrument
            .bands()
            .iter()
            .find(|b| (b.low..=b.high).contains(&last.total));
        let _ = write!(desc, " Latest: {} on {}", last.total, last.date);
        if let Some(b) = band {
            desc.push_str(&words::in_range(b.severity.words()));
        }
        desc.push('.');
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="score-title score-desc" class="chart"><title id="score-title">{}</title><desc id="score-desc">{}</desc>"#,
        escape(&title),
        escape(&desc)
    );
    for (i, b) in instrument.bands().iter().enumerate() {
        let top = y(f64::from(b.high)
            + if i + 1 == instrument.bands().len() {
                0.0
            } else {
                1.0
            });
        let bottom = y(f64::from(b.low));
        let _ = write!(
            svg,
            r##"<rect class="band band-{i}" x="{LEFT}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="#999" fill-opacity="{:.2}"/><text class="axis" x="{:.1}" y="{:.1}" font-size="11" fill="currentColor">{} ({}–{})</text>"##,
            WIDTH - LEFT - right,
            bottom - top,
            0.06 + 0.05 * i as f64,
            WIDTH - right + 6.0,
            (top + bottom) / 2.0 + 4.0,
            b.severity.words(),
            b.low,
            b.high
        );
    }
    for v in [0.0, max] {
        let _ = write!(
            svg,
            r#"<text class="axis" x="{}" y="{:.1}" text-anchor="end" font-size="11" fill="currentColor">{v}</text>"#,
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
    for (d, anchor) in [(from, "start"), (to, "end")] {
        let _ = write!(
            svg,
            r#"<text class="axis" x="{:.1}" y="{}" text-anchor="{anchor}" font-size="11" fill="currentColor">{}</text>"#,
            x(d),
            HEIGHT - 10.0,
            d.strftime("%-d %b %Y")
        );
    }
    let coords: Vec<String> = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.date), y(f64::from(p.total))))
        .collect();
    if coords.len() > 1 {
        let _ = write!(
            svg,
            r##"<polyline class="mood" points="{}" fill="none" stroke="#2f6fb0" stroke-width="2.5"/>"##,
            coords.join(" ")
        );
    }
    for p in points {
        let _ = write!(
            svg,
            r##"<circle class="mood" cx="{:.1}" cy="{:.1}" r="4" fill="#2f6fb0"/>"##,
            x(p.date),
            y(f64::from(p.total))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The chart in words, for screen readers and anyone who prefers text.
pub fn describe(points: &[DayPoint], from: Date, to: Date) -> String {
    let days = points.len();
    if days == 0 {
        return words::no_checkins_between(from, to);
    }
    let avg = |f: fn(&DayPoint) -> Option<f64>| {
        let vals: Vec<f64> = points.iter().filter_map(f).collect();
        (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64)
    };
    let mut text = words::days_between(days, from, to);
    if let Some(m) = avg(|p| p.mood) {
        text.push_str(&words::average_mood(m));
    }
    if let Some(n) = avg(|p| p.numbness) {
        text.push_str(&words::average_numbness(n));
    }
    if let Some(last) = points
        .iter()
        .rev()
        .find(|p| p.mood.is_some() || p.numbness.is_some())
    {
        let part =
            |name: &str, v: Option<f64>| v.map(|v| format!(" {name} {v:.1}")).unwrap_or_default();
        text.push_str(&words::latest_day(
            last.date,
            &format!(
                "{}{}",
                part("mood", last.mood),
                part("numbness", last.numbness)
            ),
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn p(date: &str, mood: Option<f64>, numbness: Option<f64>) -> DayPoint {
        DayPoint {
            date: d(date),
            mood,
            numbness,
            checkins: 1,
        }
    }

    #[test]
    fn chart_has_text_alternative_and_both_series_in_distinct_shapes() {
        let points = [
            p("2026-03-01", Some(4.0), Some(7.0)),
            p("2026-03-02", Some(5.0), Some(6.0)),
            p("2026-03-04", None, Some(5.0)),
        ];
        let svg = mood_numbness_chart(&points, d("2026-03-01"), d("2026-03-30"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#) && svg.contains("<title") && svg.contains("<desc"));
        assert_eq!(
            svg.matches("<circle class=\"mood\"").count(),
            2 + 1,
            "two days plus the legend"
        );
        assert_eq!(svg.matches("<rect class=\"numbness\"").count(), 3 + 1);
        assert!(
            svg.contains("stroke-dasharray"),
            "numbness differs by line style, not only colour"
        );
        assert!(!svg.contains("style="), "no inline style (CSP)");
    }

    #[test]
    fn values_map_to_the_plot_area() {
        let points = [
            p("2026-03-01", Some(10.0), Some(0.0)),
            p("2026-03-31", Some(0.0), Some(10.0)),
        ];
        let svg = mood_numbness_chart(&points, d("2026-03-01"), d("2026-03-31"));
        assert!(
            svg.contains(&format!(
                "{LEFT:.1},{TOP:.1} {:.1},{:.1}",
                WIDTH - RIGHT,
                HEIGHT - BOTTOM
            )),
            "{svg}"
        );
    }

    #[test]
    fn description_says_what_the_chart_shows() {
        assert!(describe(&[], d("2026-03-01"), d("2026-03-30")).contains("No check-ins"));
        let text = describe(
            &[p("2026-03-01", Some(4.0), Some(8.0))],
            d("2026-03-01"),
            d("2026-03-30"),
        );
        assert!(
            text.contains("1 day with")
                && text.contains("mood 4.0")
                && text.contains("numbness 8.0"),
            "{text}"
        );
    }

    #[test]
    fn screening_chart_labels_every_band_in_words() {
        let points = [
            ScorePoint {
                date: d("2026-01-01"),
                total: 16,
            },
            ScorePoint {
                date: d("2026-03-01"),
                total: 9,
            },
        ];
        let svg = screening_chart(Instrument::Phq9, &points);
        for words in [
            "minimal (0–4)",
            "mild (5–9)",
            "moderate (10–14)",
            "moderately severe (15–19)",
            "severe (20–27)",
        ] {
            assert!(svg.contains(words), "{words}");
        }
        assert!(svg.contains("Latest: 9 on 2026-03-01, in the range often called mild"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(screening_chart(Instrument::Phq9, &[]).is_empty());
    }

    #[test]
    fn insights_chart_marks_spikes_and_the_trend() {
        let points = [
            p("2026-03-01", None, Some(3.0)),
            p("2026-03-10", None, Some(9.0)),
            p("2026-03-20", None, Some(4.0)),
        ];
        let svg = numbness_insights_chart(
            &points,
            &[d("2026-03-10")],
            Some((3.0, 0.05)),
            d("2026-03-01"),
            d("2026-03-30"),
        );
        assert!(svg.contains("Spike on 2026-03-10: 9.0") && svg.contains(r#"class="trend""#));
        assert!(
            svg.contains("Spikes above your usual level on 2026-03-10")
                && svg.contains("+0.35 points per week")
        );
    }

    #[test]
    fn interval_chart_says_when_there_is_no_interval() {
        let rows = [
            IntervalRow {
                label: "walk".into(),
                estimate: -1.2,
                interval: Some((-2.0, -0.4)),
            },
            IntervalRow {
                label: "rare thing".into(),
                estimate: 0.5,
                interval: None,
            },
        ];
        let svg = interval_chart("acts", "Activities", "difference in numbness", &rows);
        assert!(svg.contains("walk: difference in numbness -1.2 (95% interval -2.0 to -0.4)"));
        assert!(svg.contains("rare thing: difference in numbness +0.5 (not enough data"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(interval_chart("x", "t", "w", &[]).is_empty());
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
