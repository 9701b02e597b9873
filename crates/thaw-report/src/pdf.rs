//! The clinician report as a PDF, written in Rust with `pdf-writer`: no
//! browser, no font files. Text is set in the PDF's built-in Helvetica
//! and Helvetica-Bold (WinAnsi encoding) with real text operators, so it
//! can be searched, copied and extracted (`pdftotext`); characters
//! outside WinAnsi are mapped to a near equivalent ("−" to "-", "≤" to
//! "<="), emoji are dropped, and anything else becomes "?" with a note
//! that the HTML report shows every character. The chart is vector
//! lines. A4, with as many pages as the content needs (one or two for a
//! typical 90 days), each with a footer and its page number.

use pdf_writer::types::LineCapStyle;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::report::{ChartMarks, PatternKind, Report, plural};
use crate::words::{self, CHART_CAPTION, NO_SCREENINGS, NOT_CAUSES, TITLE};

const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const MARGIN_TOP: f32 = 50.0;
const MARGIN_BOTTOM: f32 = 58.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

const BODY: f32 = 9.5;
const SMALL: f32 = 8.5;

const MOOD: (f32, f32, f32) = (0.184, 0.435, 0.690);
const NUMB: (f32, f32, f32) = (0.690, 0.353, 0.184);

/// The report as a PDF document.
pub fn render_pdf(r: &Report) -> Vec<u8> {
    let mut doc = Doc::new();
    layout(&mut doc, r);
    doc.finish(r)
}

fn layout(doc: &mut Doc, r: &Report) {
    doc.text_line(MARGIN_X, Font::Bold, 17.0, TITLE);
    doc.gap(4.0);
    doc.paragraph(
        &format!(
            "Period: {} to {} ({}). {}",
            r.from,
            r.to,
            plural(r.coverage.days_in_period, "day", "days"),
            words::made(r.generated_at.strftime("%Y-%m-%d %H:%M"), &r.timezone)
        ),
        Font::Regular,
        BODY,
    );
    doc.paragraph(words::NOT_A_DIAGNOSIS, Font::Regular, BODY);

    doc.heading(words::AT_A_GLANCE);
    for line in r.at_a_glance() {
        doc.bullet(&line);
    }

    doc.heading_with_room(words::MOOD_AND_NUMBNESS, CHART_H + 40.0);
    doc.chart(r);
    doc.paragraph(&format!("{CHART_CAPTION}."), Font::Bold, SMALL);
    doc.paragraph(words::CHART_KEY, Font::Regular, SMALL);
    doc.gap(4.0);
    if r.days.is_empty() {
        doc.paragraph(words::NO_CHECKINS, Font::Regular, BODY);
    } else {
        if let Some(m) = r.numbness_median {
            doc.paragraph(&words::usual_numbness(m), Font::Regular, BODY);
        }
        if r.spikes.is_empty() {
            doc.paragraph(words::NO_SPIKES, Font::Regular, BODY);
        }
    }

    doc.heading(words::SCREENER_SCORES);
    if r.screenings.is_empty() {
        doc.paragraph(NO_SCREENINGS, Font::Regular, BODY);
    } else {
        let rows: Vec<Vec<String>> = r
            .screenings
            .iter()
            .map(|s| {
                vec![
                    s.date.to_string(),
                    s.short_name().to_owned(),
                    s.total_words(),
                    s.band_words(),
                    s.change.words(),
                ]
            })
            .collect();
        doc.table(
            &[
                ("Date", 62.0),
                ("Screener", 52.0),
                ("Total", 48.0),
                ("Range", 135.0),
                ("Change since previous", TEXT_W - 297.0),
            ],
            &rows,
        );
        doc.paragraph(words::RELIABLE_CHANGE, Font::Regular, SMALL);
    }

    doc.heading(words::HELPED);
    if r.too_few_days {
        doc.paragraph(
            &words::too_few_days(&plural(r.coverage.days_with_checkin, "day", "days")),
            Font::Regular,
            BODY,
        );
    }
    if r.patterns.is_empty() {
        doc.paragraph(words::NO_PATTERNS, Font::Regular, BODY);
    } else {
        let rows: Vec<Vec<String>> = r
            .patterns
            .iter()
            .map(|p| {
                vec![
                    format!("{} ({})", p.name, p.kind.words()),
                    p.n_words(),
                    p.estimate_words(),
                    p.reading.words().to_owned(),
                ]
            })
            .collect();
        doc.table(
            &[
                ("What", 150.0),
                ("n", 105.0),
                ("Numbness difference", 120.0),
                ("Reading", TEXT_W - 375.0),
            ],
            &rows,
        );
        if r.patterns_left_out > 0 {
            doc.paragraph(
                &words::more_not_shown(r.patterns_left_out),
                Font::Regular,
                SMALL,
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
        doc.paragraph(
            &format!("{} {NOT_CAUSES}", words::difference_note(&how.join("; "))),
            Font::Regular,
            SMALL,
        );
    }

    doc.heading(words::THERAPY_ENTRIES);
    if r.therapy_entries.is_empty() {
        doc.paragraph(words::NONE_IN_PERIOD, Font::Regular, BODY);
    }
    if r.therapy_entries_left_out > 0 {
        doc.paragraph(
            &words::most_recent(r.therapy_entries.len(), r.therapy_entries_left_out),
            Font::Regular,
            SMALL,
        );
    }
    for e in &r.therapy_entries {
        let mut title = e.date.to_string();
        if !e.tags.is_empty() {
            title.push_str(&format!(" ({})", e.tags.join(", ")));
        }
        // Keep an entry's date with at least its first lines.
        doc.ensure(BODY * 1.4 * 3.0);
        doc.gap(3.0);
        doc.paragraph(&title, Font::Bold, BODY);
        doc.paragraph(&e.text, Font::Regular, BODY);
        if let Some(n) = e.shortened_from {
            doc.paragraph(&words::shortened(n), Font::Regular, SMALL);
        }
    }

    doc.heading(words::SAFETY_PLAN);
    doc.paragraph(r.safety_plan.words(), Font::Regular, BODY);
    if let Some(sections) = &r.safety_plan.sections {
        for (title, items) in sections {
            doc.ensure(BODY * 1.4 * 2.0);
            doc.gap(2.0);
            doc.paragraph(title, Font::Bold, BODY);
            for item in items {
                doc.bullet(item);
            }
        }
    }

    doc.gap(8.0);
    doc.paragraph(&words::footer(&r.timezone), Font::Regular, SMALL);
    if doc.lost_characters {
        doc.paragraph(words::PDF_MISSING_CHARACTERS, Font::Regular, SMALL);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Font {
    Regular,
    Bold,
}

impl Font {
    fn name(self) -> Name<'static> {
        match self {
            Font::Regular => REGULAR,
            Font::Bold => BOLD,
        }
    }
}

/// Pages being laid out, top to bottom.
struct Doc {
    /// The pages already full.
    done: Vec<Content>,
    /// The page being filled.
    current: Content,
    /// The baseline cursor on the current page (PDF units, from the bottom).
    y: f32,
    lost_characters: bool,
}

const CHART_H: f32 = 175.0;

impl Doc {
    fn new() -> Self {
        Self {
            done: Vec::new(),
            current: Content::new(),
            y: PAGE_H - MARGIN_TOP,
            lost_characters: false,
        }
    }

    fn page(&mut self) -> &mut Content {
        &mut self.current
    }

    fn new_page(&mut self) {
        let full = std::mem::replace(&mut self.current, Content::new());
        self.done.push(full);
        self.y = PAGE_H - MARGIN_TOP;
    }

    /// Starts a new page unless `height` fits below the cursor.
    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN_BOTTOM {
            self.new_page();
        }
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn encode(&mut self, text: &str) -> Vec<u8> {
        let (bytes, lost) = win_ansi(text);
        self.lost_characters |= lost;
        bytes
    }

    /// One line of text at the cursor (which moves down a line).
    fn text_line(&mut self, x: f32, font: Font, size: f32, text: &str) {
        let leading = size * 1.4;
        self.ensure(leading);
        self.y -= size;
        let bytes = self.encode(text);
        let y = self.y;
        self.page()
            .begin_text()
            .set_font(font.name(), size)
            .next_line(x, y)
            .show(Str(&bytes))
            .end_text();
        self.y -= leading - size;
    }

    /// Text placed at a point, without moving the cursor.
    fn text_at(&mut self, x: f32, y: f32, font: Font, size: f32, text: &str) {
        let bytes = self.encode(text);
        self.page()
            .begin_text()
            .set_font(font.name(), size)
            .next_line(x, y)
            .show(Str(&bytes))
            .end_text();
    }

    fn paragraph(&mut self, text: &str, font: Font, size: f32) {
        self.paragraph_at(MARGIN_X, TEXT_W, text, font, size);
    }

    fn paragraph_at(&mut self, x: f32, width: f32, text: &str, font: Font, size: f32) {
        for line in wrap(text, font, size, width) {
            self.text_line(x, font, size, &line);
        }
    }

    fn bullet(&mut self, text: &str) {
        let lines = wrap(text, Font::Regular, BODY, TEXT_W - 12.0);
        self.ensure(BODY * 1.4);
        let y = self.y - BODY;
        self.text_at(MARGIN_X + 2.0, y, Font::Regular, BODY, "\u{2022}");
        for line in lines {
            self.text_line(MARGIN_X + 12.0, Font::Regular, BODY, &line);
        }
    }

    fn heading(&mut self, text: &str) {
        self.heading_with_room(text, 48.0);
    }

    /// A section heading with a rule under it, kept with `room` of what follows.
    fn heading_with_room(&mut self, text: &str, room: f32) {
        self.gap(8.0);
        self.ensure(18.0 + room);
        self.text_line(MARGIN_X, Font::Bold, 12.5, text);
        let y = self.y + 2.0;
        self.page()
            .set_stroke_gray(0.7)
            .set_line_width(0.6)
            .move_to(MARGIN_X, y)
            .line_to(MARGIN_X + TEXT_W, y)
            .stroke()
            .set_stroke_gray(0.0);
        self.gap(4.0);
    }

    /// A table with a bold header row (repeated on a new page), cells
    /// wrapped to their column, rows never split across pages.
    fn table(&mut self, columns: &[(&str, f32)], rows: &[Vec<String>]) {
        let size = SMALL + 0.5;
        let leading = size * 1.35;
        let pad = 3.0;
        let header_h = leading + pad;
        let mut header_due = true;
        for row in rows {
            let cells: Vec<Vec<String>> = columns
                .iter()
                .enumerate()
                .map(|(i, (_, w))| {
                    let text = row.get(i).map(String::as_str).unwrap_or("");
                    wrap(text, Font::Regular, size, w - 6.0)
                })
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let row_h = lines as f32 * leading + pad;
            if self.y - row_h - if header_due { header_h } else { 0.0 } < MARGIN_BOTTOM {
                self.new_page();
                header_due = true;
            }
            if header_due {
                self.table_row(
                    columns,
                    &columns
                        .iter()
                        .map(|(t, _)| vec![(*t).to_owned()])
                        .collect::<Vec<_>>(),
                    Font::Bold,
                    size,
                    leading,
                    1.0,
                );
                header_due = false;
            }
            self.table_row(columns, &cells, Font::Regular, size, leading, 0.4);
        }
        self.gap(3.0);
    }

    fn table_row(
        &mut self,
        columns: &[(&str, f32)],
        cells: &[Vec<String>],
        font: Font,
        size: f32,
        leading: f32,
        rule: f32,
    ) {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let top = self.y;
        let mut x = MARGIN_X;
        for ((_, w), lines_of_cell) in columns.iter().zip(cells) {
            for (i, line) in lines_of_cell.iter().enumerate() {
                let y = top - size - i as f32 * leading;
                self.text_at(x, y, font, size, line);
            }
            x += w;
        }
        self.y = top - lines as f32 * leading - 3.0;
        let y = self.y + 1.0;
        self.page()
            .set_stroke_gray(0.75)
            .set_line_width(rule)
            .move_to(MARGIN_X, y)
            .line_to(MARGIN_X + TEXT_W, y)
            .stroke()
            .set_stroke_gray(0.0);
    }

    /// The mood and numbness chart as vector lines.
    fn chart(&mut self, r: &Report) {
        self.ensure(CHART_H);
        let top = self.y;
        let bottom = top - CHART_H;
        let (left, right) = (MARGIN_X + 22.0, MARGIN_X + TEXT_W - 4.0);
        let (plot_top, plot_bottom) = (top - 26.0, bottom + 18.0);
        let x = |t: f64| left + (right - left) * t as f32;
        let y = |v: f64| plot_bottom + (plot_top - plot_bottom) * (v as f32 / 10.0);

        // Grid and scale.
        for v in [0.0, 5.0, 10.0] {
            self.page()
                .set_stroke_gray(0.8)
                .set_line_width(0.5)
                .move_to(left, y(v))
                .line_to(right, y(v))
                .stroke();
            let label = format!("{v}");
            let w = text_width(&label, Font::Regular, 7.5);
            self.text_at(left - 5.0 - w, y(v) - 2.5, Font::Regular, 7.5, &label);
        }
        self.page().set_stroke_gray(0.0);
        let span = (r.to - r.from).get_days();
        let mid = r
            .from
            .checked_add(jiff::Span::new().days(span / 2))
            .unwrap_or(r.from);
        let mut dates = vec![(r.from, 0.0, 0.0)];
        if span >= 4 {
            dates.push((mid, 0.5, 0.5));
        }
        dates.push((r.to, 1.0, 1.0));
        for (date, t, anchor) in dates {
            let label = date.strftime("%-d %b %Y").to_string();
            let w = text_width(&label, Font::Regular, 7.5);
            self.text_at(x(t) - w * anchor, bottom + 4.0, Font::Regular, 7.5, &label);
        }

        // Legend.
        let ly = top - 9.0;
        let mut lx = left;
        self.series_style(MOOD, &[]);
        self.page().move_to(lx, ly).line_to(lx + 20.0, ly).stroke();
        dot(self.page(), lx + 10.0, ly, 2.4, MOOD);
        self.text_at(lx + 24.0, ly - 3.0, Font::Regular, 8.0, "Mood");
        lx += 70.0;
        self.series_style(NUMB, &[4.0, 3.0]);
        self.page().move_to(lx, ly).line_to(lx + 20.0, ly).stroke();
        square(self.page(), lx + 10.0, ly, 4.4, NUMB);
        self.text_at(lx + 24.0, ly - 3.0, Font::Regular, 8.0, "Numbness");
        lx += 88.0;
        self.series_style((0.0, 0.0, 0.0), &[]);
        self.page().set_line_width(1.0);
        ring(self.page(), lx + 5.0, ly, 4.5);
        self.text_at(lx + 14.0, ly - 3.0, Font::Regular, 8.0, "Spike");
        lx += 56.0;
        self.series_style((0.0, 0.0, 0.0), &[1.5, 2.0]);
        self.page().move_to(lx, ly).line_to(lx + 20.0, ly).stroke();
        self.text_at(lx + 24.0, ly - 3.0, Font::Regular, 8.0, "Numbness trend");

        let ChartMarks {
            mood,
            numbness,
            spikes,
            trend,
        } = r.chart_marks();
        let markers = mood.len().max(numbness.len()) <= 120;
        for (series, color, dash) in [(&mood, MOOD, &[][..]), (&numbness, NUMB, &[4.0, 3.0][..])] {
            if series.len() > 1 {
                self.series_style(color, dash);
                let page = self.page();
                for (i, &(t, v)) in series.iter().enumerate() {
                    if i == 0 {
                        page.move_to(x(t), y(v));
                    } else {
                        page.line_to(x(t), y(v));
                    }
                }
                page.stroke();
            }
        }
        if markers {
            for &(t, v) in &mood {
                dot(self.page(), x(t), y(v), 1.9, MOOD);
            }
            for &(t, v) in &numbness {
                square(self.page(), x(t), y(v), 3.6, NUMB);
            }
        }
        self.series_style((0.0, 0.0, 0.0), &[]);
        self.page().set_line_width(1.0);
        for &(t, v) in &spikes {
            ring(self.page(), x(t), y(v), 5.0);
        }
        if let Some(((t0, v0), (t1, v1))) = trend {
            self.series_style((0.0, 0.0, 0.0), &[1.5, 2.0]);
            self.page()
                .set_line_width(1.4)
                .move_to(x(t0), y(v0))
                .line_to(x(t1), y(v1))
                .stroke();
        }
        self.series_style((0.0, 0.0, 0.0), &[]);
        self.y = bottom - 4.0;
    }

    fn series_style(&mut self, (r, g, b): (f32, f32, f32), dash: &[f32]) {
        self.page()
            .set_stroke_rgb(r, g, b)
            .set_line_width(1.4)
            .set_line_cap(LineCapStyle::ButtCap)
            .set_dash_pattern(dash.iter().copied(), 0.0);
    }

    /// Adds the footers and writes the document.
    fn finish(self, r: &Report) -> Vec<u8> {
        let mut pages = self.done;
        pages.push(self.current);
        let total = pages.len();
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let info = Ref::new(3);
        let regular = Ref::new(4);
        let bold = Ref::new(5);
        let page_ids: Vec<Ref> = (0..total).map(|i| Ref::new(6 + 2 * i as i32)).collect();
        {
            let mut c = pdf.catalog(catalog);
            c.pages(tree);
            c.lang(TextStr("en"));
            c.viewer_preferences().display_doc_title(true);
        }
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(total as i32);
        let title = format!("{TITLE}, {} to {}", r.from, r.to);
        pdf.document_info(info)
            .title(TextStr(&title))
            .creator(TextStr("Thaw"))
            .producer(TextStr("Thaw (pdf-writer)"));
        for (id, font) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
            pdf.type1_font(id)
                .base_font(Name(font.as_bytes()))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        let footer_left = format!("{TITLE} - {} to {}", r.from, r.to);
        for (index, mut content) in pages.into_iter().enumerate() {
            let page_id = Ref::new(6 + 2 * index as i32);
            let content_id = Ref::new(7 + 2 * index as i32);
            let number = format!("Page {} of {total}", index + 1);
            let (left, _) = win_ansi(&footer_left);
            let (right, _) = win_ansi(&number);
            let right_x = PAGE_W - MARGIN_X - text_width(&number, Font::Regular, 8.0);
            content
                .set_fill_gray(0.3)
                .begin_text()
                .set_font(REGULAR, 8.0)
                .next_line(MARGIN_X, 30.0)
                .show(Str(&left))
                .end_text()
                .begin_text()
                .set_font(REGULAR, 8.0)
                .next_line(right_x, 30.0)
                .show(Str(&right))
                .end_text()
                .set_fill_gray(0.0);
            let mut page = pdf.page(page_id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
                .parent(tree)
                .contents(content_id);
            page.resources()
                .fonts()
                .pair(REGULAR, regular)
                .pair(BOLD, bold);
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        pdf.finish()
    }
}

/// A filled round marker (four Bézier arcs).
fn dot(c: &mut Content, cx: f32, cy: f32, r: f32, (red, g, b): (f32, f32, f32)) {
    c.set_fill_rgb(red, g, b);
    circle_path(c, cx, cy, r);
    c.fill_nonzero().set_fill_gray(0.0);
}

/// A ring (stroked circle) in the current stroke style.
fn ring(c: &mut Content, cx: f32, cy: f32, r: f32) {
    circle_path(c, cx, cy, r);
    c.close_and_stroke();
}

fn circle_path(c: &mut Content, cx: f32, cy: f32, r: f32) {
    let k = 0.552_284_8 * r;
    c.move_to(cx + r, cy)
        .cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r)
        .cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy)
        .cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r)
        .cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
}

fn square(c: &mut Content, cx: f32, cy: f32, side: f32, (red, g, b): (f32, f32, f32)) {
    c.set_fill_rgb(red, g, b)
        .rect(cx - side / 2.0, cy - side / 2.0, side, side)
        .fill_nonzero()
        .set_fill_gray(0.0);
}

/// Breaks `text` into lines no wider than `width` (a word longer than
/// the line is broken inside); newlines in the text are kept.
fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    let width = width * 0.98;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, font, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the whole line: break it.
            let mut piece = String::new();
            for ch in word.chars() {
                piece.push(ch);
                if text_width(&piece, font, size) > width {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(ch);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

/// The width of `text` in points, in Helvetica (Bold) at `size`.
fn text_width(text: &str, font: Font, size: f32) -> f32 {
    let (bytes, _) = win_ansi(text);
    let units: u32 = bytes.iter().map(|&b| u32::from(glyph_width(b, font))).sum();
    units as f32 * size / 1000.0
}

/// Helvetica's and Helvetica-Bold's advance widths (per 1000 em) for
/// ASCII 32–126, from Adobe's font metrics.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0..?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P.._
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // `..o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p..~
];

fn glyph_width(byte: u8, font: Font) -> u16 {
    let table = match font {
        Font::Regular => &HELVETICA,
        Font::Bold => &HELVETICA_BOLD,
    };
    match byte {
        32..=126 => table[usize::from(byte - 32)],
        0x85 | 0x97 | 0x99 | 0x89 => 1000,
        0x91 | 0x92 | 0x82 => 278,
        0x93 | 0x94 | 0x84 => 500,
        0x95 => 350,
        0xA0 => 278,
        0xCC..=0xCF | 0xEC..=0xEF => 278,
        0xC0..=0xDF => 722,
        0xE0..=0xFF if font == Font::Bold => 611,
        _ => 556,
    }
}

/// Encodes text in WinAnsi (Windows-1252) for the built-in fonts. Answers
/// the bytes and whether a character had to become "?".
pub fn win_ansi(text: &str) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(text.len());
    let mut lost = false;
    for ch in text.chars() {
        let code = u32::from(ch);
        match ch {
            ' '..='~' => out.push(code as u8),
            '\t' | '\n' | '\r' => out.push(b' '),
            '\u{a0}'..='\u{ff}' => out.push(code as u8),
            '€' => out.push(0x80),
            '‚' => out.push(0x82),
            'ƒ' => out.push(0x83),
            '„' => out.push(0x84),
            '…' => out.push(0x85),
            '†' => out.push(0x86),
            '‡' => out.push(0x87),
            'ˆ' => out.push(0x88),
            '‰' => out.push(0x89),
            'Š' => out.push(0x8A),
            '‹' => out.push(0x8B),
            'Œ' => out.push(0x8C),
            'Ž' => out.push(0x8E),
            '\u{2018}' => out.push(0x91),
            '\u{2019}' => out.push(0x92),
            '\u{201C}' => out.push(0x93),
            '\u{201D}' => out.push(0x94),
            '•' => out.push(0x95),
            '–' => out.push(0x96),
            '—' | '\u{2015}' => out.push(0x97),
            '˜' => out.push(0x98),
            '™' => out.push(0x99),
            'š' => out.push(0x9A),
            '›' => out.push(0x9B),
            'œ' => out.push(0x9C),
            'ž' => out.push(0x9E),
            'Ÿ' => out.push(0x9F),
            '\u{2010}'..='\u{2012}' | '\u{2212}' => out.push(b'-'),
            '\u{2032}' => out.push(b'\''),
            '\u{2033}' => out.push(b'"'),
            '≤' => out.extend_from_slice(b"<="),
            '≥' => out.extend_from_slice(b">="),
            '≠' => out.extend_from_slice(b"!="),
            '→' => out.extend_from_slice(b"->"),
            '←' => out.extend_from_slice(b"<-"),
            '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(b' '),
            // Invisible joiners, marks and selectors: nothing to show.
            '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' => {}
            c if is_emoji(c) => {}
            c if c.is_control() => {}
            _ => {
                out.push(b'?');
                lost = true;
            }
        }
    }
    (out, lost)
}

/// Pictographs, which are dropped from the PDF rather than shown as "?".
fn is_emoji(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xE0020..=0xE007F
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::tests::sample;
    use std::process::Command;

    fn pages(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf);
        text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
    }

    /// The text `pdftotext` extracts, or `None` (with a note) when it is
    /// not installed — unless `THAW_PDF_TESTS=1`, which makes that a failure.
    fn pdftotext(pdf: &[u8]) -> Option<String> {
        let required = std::env::var("THAW_PDF_TESTS").is_ok_and(|v| v == "1");
        let dir = tempdir();
        let path = dir.join("report.pdf");
        std::fs::write(&path, pdf).unwrap();
        match Command::new("pdftotext").arg(&path).arg("-").output() {
            Ok(out) => {
                assert!(
                    out.status.success(),
                    "pdftotext failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let _ = std::fs::remove_dir_all(&dir);
                Some(String::from_utf8_lossy(&out.stdout).into_owned())
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                assert!(!required, "THAW_PDF_TESTS=1 but pdftotext can't run: {e}");
                eprintln!(
                    "skipping the pdftotext check: pdftotext is not installed (poppler-utils)"
                );
                None
            }
        }
    }

    fn tempdir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "thaw-report-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_pdf_whose_text_can_be_extracted() {
        let pdf = render_pdf(&sample());
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.ends_with(b"%%EOF") || pdf.ends_with(b"%%EOF\n"));
        assert!(String::from_utf8_lossy(&pdf).contains("/BaseFont /Helvetica"));
        assert!(pages(&pdf) <= 2, "one to two pages for 90 days");
        if let Some(text) = pdftotext(&pdf) {
            assert!(text.contains("PHQ-9"), "{text}");
            assert!(text.contains("14 of 27"), "the total: {text}");
            assert!(text.contains(CHART_CAPTION), "the caption: {text}");
            assert!(text.contains("walk <outside> (activity)"), "{text}");
            assert!(
                text.contains("Numb after calls with dad. <script>alert(1)</script>"),
                "{text}"
            );
            assert!(text.contains("Page 1 of"), "{text}");
        }
    }

    #[test]
    fn a_long_report_flows_onto_more_pages_with_footers() {
        let mut r = sample();
        let entry = r.therapy_entries[0].clone();
        r.therapy_entries = (0..40).map(|_| entry.clone()).collect();
        let pdf = render_pdf(&r);
        let n = pages(&pdf);
        assert!(n >= 2, "{n}");
        if let Some(text) = pdftotext(&pdf) {
            assert!(text.contains(&format!("Page {n} of {n}")), "{text}");
        }
    }

    #[test]
    fn text_outside_win_ansi_is_mapped_dropped_or_marked() {
        assert_eq!(
            win_ansi("a – b − c ≤ 3 é").0,
            b"a \x96 b - c <= 3 \xe9".to_vec()
        );
        assert_eq!(
            win_ansi("tired \u{1F62D}\u{FE0F} today"),
            (b"tired  today".to_vec(), false)
        );
        assert_eq!(win_ansi("Привет"), (b"??????".to_vec(), true));
        let mut r = sample();
        r.therapy_entries[0].text = "Мне грустно".into();
        let pdf = render_pdf(&r);
        if let Some(text) = pdftotext(&pdf) {
            assert!(text.contains("the HTML report shows them all"), "{text}");
        }
    }

    #[test]
    fn wrapping_keeps_lines_inside_the_width() {
        let text = "word ".repeat(100) + &"x".repeat(300);
        let lines = wrap(&text, Font::Regular, BODY, 200.0);
        assert!(lines.len() > 5);
        for line in &lines {
            assert!(text_width(line, Font::Regular, BODY) <= 200.0, "{line}");
        }
        assert_eq!(wrap("a\nb", Font::Regular, BODY, 200.0), vec!["a", "b"]);
    }

    #[test]
    fn helvetica_widths_match_the_metrics() {
        assert_eq!(glyph_width(b' ', Font::Regular), 278);
        assert_eq!(glyph_width(b'm', Font::Regular), 833);
        assert_eq!(glyph_width(b'~', Font::Regular), 584);
        assert_eq!(glyph_width(b'W', Font::Bold), 944);
        assert_eq!(glyph_width(b'~', Font::Bold), 584);
    }
}
