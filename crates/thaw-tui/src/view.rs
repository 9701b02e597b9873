//! Drawing: pure functions of a run, a moment and the view state into a
//! ratatui buffer. Nothing here reads the clock or the terminal, so a test
//! draws any moment of any exercise into a `TestBackend` and reads it back.
//!
//! Everything is readable without colour: the breathing shape is made of
//! block characters, the progress bar of full and light blocks, and
//! emphasis is bold or dim only.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget};
use thaw_core::grounding::{Run, State};

use crate::app::{App, Screen, ViewState};
use crate::words;

/// The widest a line of words gets, for easy reading.
const READING_WIDTH: u16 = 72;
/// The breathing shape's largest radius, in half rows.
const SHAPE_MAX_RADIUS: f64 = 18.0;

/// The shape's cells: full, upper half, lower half (block characters).
pub const SHAPE_GLYPHS: [&str; 3] = ["█", "▀", "▄"];
/// The dotted ring that shows how far a full breath goes.
pub const GUIDE_GLYPH: &str = "·";
/// The progress bar: done, still to come.
pub const BAR_DONE: &str = "█";
pub const BAR_TODO: &str = "░";

/// Draws the whole screen for `app` at `now`.
pub fn render_app(frame: &mut Frame, app: &App, now: Timestamp) {
    render(frame, &app.run, now, &app.view);
}

/// Draws the screen: a rating question, or the exercise at `now`.
pub fn render(frame: &mut Frame, run: &Run, now: Timestamp, view: &ViewState) {
    let area = frame.area();
    draw(frame.buffer_mut(), area, run, now, view);
}

/// [`render`], into any buffer.
pub fn draw(buf: &mut Buffer, area: Rect, run: &Run, now: Timestamp, view: &ViewState) {
    match view.screen {
        Screen::Before | Screen::After => draw_rating(buf, area, run, view),
        Screen::Exercise | Screen::Closed => draw_exercise(buf, area, run, now, view),
    }
}

/// Where each part of the exercise screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub shape: Rect,
    pub words: Rect,
    pub left: Rect,
    pub typed: Rect,
    pub progress: Rect,
    pub hint: Rect,
}

/// Lays out the exercise screen for a step whose words take
/// `words_lines` lines and whose typing takes `typed_lines`.
pub fn exercise_areas(area: Rect, words_lines: u16, typed_lines: u16) -> Areas {
    use Constraint::{Fill, Length};
    let [_, title, _, shape, _, words, left, typed, _, progress, hint] = Layout::vertical([
        Length(1),
        Length(1),
        Length(1),
        Fill(1),
        Length(1),
        Length(words_lines),
        Length(1),
        Length(typed_lines),
        Length(1),
        Length(1),
        Length(1),
    ])
    .areas(area);
    Areas {
        title,
        shape,
        words,
        left,
        typed,
        progress,
        hint,
    }
}

fn reading_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(4).clamp(1, READING_WIDTH))
}

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

fn centered<'a>(lines: Vec<Line<'a>>, style: Style) -> Paragraph<'a> {
    Paragraph::new(Text::from(lines))
        .style(style)
        .alignment(Alignment::Center)
}

fn draw_exercise(buf: &mut Buffer, area: Rect, run: &Run, now: Timestamp, view: &ViewState) {
    let width = reading_width(area);
    let step = run.step();
    let step_words = wrap(step.map_or("", |s| s.words.as_str()), width);
    let paused = matches!(run.state(), State::Paused { .. });
    let typing = step.is_some_and(|s| s.may_type) && !run.is_done();
    let typed_lines: Vec<Line> = if typing {
        let mut lines = vec![Line::styled(words::TYPE_HERE, dim())];
        lines.extend(
            view.noticed
                .iter()
                .map(|n| Line::styled(format!("· {}", tail(n, width.saturating_sub(2))), dim())),
        );
        lines.push(Line::from(format!(
            "› {}_",
            tail(&view.typed, width.saturating_sub(3))
        )));
        lines
    } else {
        Vec::new()
    };
    let areas = exercise_areas(
        area,
        to_u16(step_words.len().max(1)),
        to_u16(typed_lines.len()),
    );

    centered(vec![Line::from(run.script.title)], bold()).render(areas.title, buf);
    draw_shape(buf, areas.shape, run.shape(now));
    centered(step_words.into_iter().map(Line::from).collect(), bold()).render(areas.words, buf);
    let left = if paused {
        Line::styled(words::PAUSED, bold())
    } else if run.is_done() {
        Line::default()
    } else {
        Line::styled(words::seconds_left(run.step_seconds_left(now)), dim())
    };
    centered(vec![left], Style::new()).render(areas.left, buf);
    centered(typed_lines, Style::new()).render(areas.typed, buf);
    let total = run.script.seconds();
    let bar = progress_line(run.progress(now), total, width);
    centered(vec![Line::from(bar)], Style::new()).render(areas.progress, buf);
    let hint = if paused {
        words::HINT_PAUSED
    } else if typing {
        words::HINT_TYPING
    } else {
        words::HINT_STEP
    };
    centered(vec![Line::from(hint)], dim()).render(areas.hint, buf);
}

fn draw_rating(buf: &mut Buffer, area: Rect, run: &Run, view: &ViewState) {
    use Constraint::{Fill, Length};
    let width = reading_width(area);
    let (lead, question) = if view.screen == Screen::Before {
        (run.script.technique.about(), words::ASK_BEFORE)
    } else {
        (words::FINISHED, words::ASK_AFTER)
    };
    let lead = wrap(lead, width);
    let question = wrap(question, width);
    let [
        _,
        title,
        _,
        lead_area,
        _,
        question_area,
        scale,
        _,
        input,
        note,
        _,
        hint,
    ] = Layout::vertical([
        Length(1),
        Length(1),
        Length(1),
        Length(to_u16(lead.len())),
        Fill(1),
        Length(to_u16(question.len())),
        Length(1),
        Length(1),
        Length(1),
        Length(1),
        Fill(1),
        Length(1),
    ])
    .areas(area);
    centered(vec![Line::from(run.script.title)], bold()).render(title, buf);
    centered(lead.into_iter().map(Line::from).collect(), dim()).render(lead_area, buf);
    centered(question.into_iter().map(Line::from).collect(), bold()).render(question_area, buf);
    centered(vec![Line::from(words::SCALE)], dim()).render(scale, buf);
    centered(vec![Line::from(format!("› {}_", view.typed))], bold()).render(input, buf);
    if let Some(text) = view.note {
        centered(vec![Line::from(text)], Style::new()).render(note, buf);
    }
    centered(vec![Line::from(words::HINT_RATING)], dim()).render(hint, buf);
}

/// The breathing shape: a round of block characters, centred in `area`,
/// whose radius follows `size` (0.0 small, 1.0 full), inside a dotted
/// ring that shows where a full breath reaches.
///
/// Each cell holds two "pixels" (its upper and lower half), and a
/// terminal cell is about twice as tall as wide, so the pixels are close
/// to square and the round looks round.
pub fn draw_shape(buf: &mut Buffer, area: Rect, size: f64) {
    let (w, h) = (f64::from(area.width), f64::from(area.height));
    let largest = (h - 0.5).min(w / 2.0 - 1.0).min(SHAPE_MAX_RADIUS);
    if largest < 1.0 {
        return;
    }
    let smallest = (largest * 0.2).max(1.0);
    let radius = smallest + (largest - smallest) * size.clamp(0.0, 1.0);
    let (cx, cy) = (w / 2.0, h);
    for row in 0..area.height {
        for col in 0..area.width {
            let dx = f64::from(col) + 0.5 - cx;
            let upper = f64::from(row) * 2.0 + 0.5 - cy;
            let lower = upper + 1.0;
            let inside = |dy: f64| dx * dx + dy * dy <= radius * radius;
            let on_guide = |dy: f64| ((dx * dx + dy * dy).sqrt() - largest).abs() < 0.5;
            let glyph = match (inside(upper), inside(lower)) {
                (true, true) => SHAPE_GLYPHS[0],
                (true, false) => SHAPE_GLYPHS[1],
                (false, true) => SHAPE_GLYPHS[2],
                (false, false) if on_guide(upper) || on_guide(lower) => GUIDE_GLYPH,
                (false, false) => continue,
            };
            if let Some(cell) = buf.cell_mut((area.x + col, area.y + row)) {
                cell.set_symbol(glyph);
            }
        }
    }
}

/// A bar of `width` columns or less, with the time done and the whole
/// exercise's time: `█████░░░░░  0:42 of 1:45`.
pub fn progress_line(progress: f64, total_seconds: u32, width: usize) -> String {
    let progress = progress.clamp(0.0, 1.0);
    let done_seconds = (progress * f64::from(total_seconds)).floor() as u32;
    let label = format!(
        "{} of {}",
        words::clock(done_seconds),
        words::clock(total_seconds)
    );
    let bar_width = width.saturating_sub(label.chars().count() + 2).min(48);
    let done = ((progress * bar_width as f64).round() as usize).min(bar_width);
    format!(
        "{}{}  {label}",
        BAR_DONE.repeat(done),
        BAR_TODO.repeat(bar_width - done)
    )
}

/// Greedy word wrap at `width` characters (a longer word gets a line of
/// its own, cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word: String = word.chars().take(width).collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The last `width` characters of `text` (what is being typed stays in
/// view).
fn tail(text: &str, width: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(width)).collect()
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Key, handle_key};
    use jiff::SignedDuration;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use thaw_core::Rating;
    use thaw_core::grounding::{Pace, Technique, script};

    fn at(s: f64) -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap() + SignedDuration::from_secs_f64(s)
    }

    fn frame(app: &App, now: Timestamp) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal.draw(|f| render_app(f, app, now)).unwrap();
        terminal.backend().buffer().clone()
    }

    fn text(buf: &Buffer) -> String {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                (area.left()..area.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Filled half-cells of the breathing shape.
    fn shape_pixels(buf: &Buffer, area: Rect) -> usize {
        area.positions()
            .map(|p| match buf[p].symbol() {
                "█" => 2,
                "▀" | "▄" => 1,
                _ => 0,
            })
            .sum()
    }

    fn count(buf: &Buffer, area: Rect, glyph: &str) -> usize {
        area.positions()
            .filter(|p| buf[*p].symbol() == glyph)
            .count()
    }

    fn breaths() -> App {
        let before = Rating::new("before", 6).ok();
        App::new(
            script(Technique::Breaths, Pace::default()),
            before,
            true,
            at(0.0),
        )
    }

    /// The areas the renderer used for the breath steps (two lines of words
    /// at most, no typing).
    fn areas_for(buf: &Buffer, words_lines: u16) -> Areas {
        exercise_areas(buf.area, words_lines, 0)
    }

    #[test]
    fn a_breath_grows_holds_and_shrinks_on_screen_and_the_bar_fills() {
        // 4-4-6 after five seconds of words: in 5–9 s, hold 9–13, out 13–19.
        let mut app = breaths();
        let mut seen = Vec::new();
        for (t, words) in [
            (5.0, "Breathe in slowly (one of five)"),
            (7.0, "Breathe in slowly (one of five)"),
            (11.0, "Hold, gently"),
            (16.0, "Breathe out, slowly, all the way"),
        ] {
            app.tick(at(t));
            let buf = frame(&app, at(t));
            let screen = text(&buf);
            assert!(screen.contains(words), "at {t} s:\n{screen}");
            assert!(screen.contains("Five slow breaths"), "{screen}");
            assert!(screen.contains(words::HINT_STEP), "{screen}");
            let areas = areas_for(&buf, 1);
            seen.push((
                shape_pixels(&buf, areas.shape),
                count(&buf, areas.progress, BAR_DONE),
                screen,
            ));
        }
        let shape: Vec<usize> = seen.iter().map(|s| s.0).collect();
        let bar: Vec<usize> = seen.iter().map(|s| s.1).collect();
        assert!(
            shape[0] < shape[1] && shape[1] < shape[2],
            "it grows to full: {shape:?}"
        );
        assert!(
            shape[3] < shape[2],
            "it shrinks on the out-breath: {shape:?}"
        );
        assert!(shape[0] > 0, "the shape is visible at rest");
        assert!(
            bar.windows(2).all(|w| w[0] <= w[1]) && bar[0] < bar[3],
            "the bar fills: {bar:?}"
        );
        assert!(seen[1].2.contains("2 seconds"), "{}", seen[1].2);
        assert!(seen[2].2.contains("0:11 of 1:20"), "{}", seen[2].2);
    }

    #[test]
    fn the_paused_screen_says_so() {
        let mut app = breaths();
        handle_key(&mut app, Key::Char(' '), at(6.0));
        let screen = text(&frame(&app, at(30.0)));
        assert!(screen.contains(words::PAUSED), "{screen}");
        assert!(screen.contains(words::HINT_PAUSED), "{screen}");
        assert!(screen.contains("Breathe in slowly"), "time stood still");
    }

    #[test]
    fn the_rating_screens_ask_with_the_title_in_view() {
        let mut app = App::new(
            script(Technique::Senses, Pace::default()),
            None,
            true,
            at(0.0),
        );
        handle_key(&mut app, Key::Char('7'), at(1.0));
        let screen = text(&frame(&app, at(1.0)));
        for part in [
            "Three physical sensations",
            words::ASK_BEFORE,
            words::SCALE,
            "› 7_",
            words::HINT_RATING,
        ] {
            assert!(screen.contains(part), "{part}:\n{screen}");
        }
        handle_key(&mut app, Key::Char('7'), at(1.0));
        handle_key(&mut app, Key::Enter, at(1.0));
        let screen = text(&frame(&app, at(1.0)));
        assert!(screen.contains(words::RATING_AGAIN), "{screen}");
        handle_key(&mut app, Key::Enter, at(2.0));
        app.tick(at(200.0));
        let screen = text(&frame(&app, at(200.0)));
        assert!(
            screen.contains(words::ASK_AFTER) && screen.contains(words::FINISHED),
            "{screen}"
        );
    }

    #[test]
    fn what_is_typed_shows_on_screen() {
        let mut app = App::new(
            script(Technique::FiveFourThreeTwoOne, Pace::default()),
            Rating::new("before", 5).ok(),
            false,
            at(0.0),
        );
        handle_key(&mut app, Key::Enter, at(1.0));
        for c in "lamp, window".chars() {
            handle_key(&mut app, Key::Char(c), at(2.0));
        }
        let screen = text(&frame(&app, at(2.0)));
        assert!(
            screen.contains("› lamp, window_") && screen.contains(words::HINT_TYPING),
            "{screen}"
        );
        handle_key(&mut app, Key::Enter, at(3.0));
        let screen = text(&frame(&app, at(3.0)));
        assert!(screen.contains("· lamp, window"), "{screen}");
        assert!(screen.contains("Four things you can touch"), "{screen}");
    }

    #[test]
    fn every_moment_of_every_exercise_draws_on_any_size() {
        for technique in Technique::ALL {
            let mut app = App::new(script(technique, Pace::default()), None, true, at(0.0));
            for (w, h) in [(100, 30), (40, 12), (12, 4), (1, 1), (0, 0)] {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| render_app(f, &app, at(0.0))).unwrap();
            }
            handle_key(&mut app, Key::Enter, at(0.0));
            let total = app.run.script.seconds();
            for s in 0..=total + 1 {
                let now = at(f64::from(s) + 0.5);
                app.tick(now);
                for (w, h) in [(100, 30), (20, 6)] {
                    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                    terminal.draw(|f| render_app(f, &app, now)).unwrap();
                }
            }
        }
    }

    #[test]
    fn words_wrap_at_the_reading_width() {
        assert_eq!(
            wrap("Breathe in slowly (one of five)", 12),
            ["Breathe in", "slowly (one", "of five)"]
        );
        assert_eq!(wrap("", 10), Vec::<String>::new());
        assert_eq!(wrap("abcdef", 3), ["abc"]);
        assert_eq!(progress_line(0.5, 100, 20), "███░░░  0:50 of 1:40");
    }
}
