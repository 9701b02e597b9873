//! What the full-screen exercise is doing, and what each key does to it.
//!
//! Pure: no terminal, no clock. Every call is told what time it is, so a
//! test presses keys and moves time by hand, exactly. The event loop in
//! [`crate::term`] only turns terminal events into [`Key`]s and calls
//! [`handle_key`] and [`App::tick`].

use jiff::{SignedDuration, Timestamp};
use thaw_core::Rating;
use thaw_core::grounding::{Run, Script, State};

use crate::{Outcome, words};

/// A key, as the exercise understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Tab,
    Esc,
    /// Ctrl-C (or Ctrl-D): in raw mode these arrive as keys, not signals.
    Interrupt,
    Other,
}

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Numbness before the exercise.
    Before,
    Exercise,
    /// Numbness after a completed exercise.
    After,
    /// Finished or quit: the loop ends.
    Closed,
}

/// What the screen shows beyond the run itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    pub screen: Screen,
    /// The rating being typed, or what the person notices in a step that
    /// lets them type. Kept on screen only, never stored.
    pub typed: String,
    /// Earlier lines noticed in this exercise, newest last (screen only).
    pub noticed: Vec<String>,
    /// A gentle word about the last key (a rating out of range).
    pub note: Option<&'static str>,
}

/// How many noticed lines stay on screen.
const NOTICED_KEPT: usize = 3;
/// The longest line a person can type in a step.
const TYPED_MAX: usize = 200;

/// One person doing one exercise in the terminal.
#[derive(Debug, Clone)]
pub struct App {
    pub run: Run,
    pub view: ViewState,
    before: Option<Rating>,
    after: Option<Rating>,
    ask_after: bool,
    /// The exercise itself has begun (the before question is answered).
    started: bool,
    /// Active time, fixed when the exercise ended or was quit.
    ended_active: Option<SignedDuration>,
    seen_step: usize,
}

impl App {
    /// Asks numbness first unless `before` is already known; asks it again
    /// after a completed exercise when `ask_after`.
    pub fn new(script: Script, before: Option<Rating>, ask_after: bool, now: Timestamp) -> Self {
        let started = before.is_some();
        Self {
            run: Run::new(script, now),
            view: ViewState {
                screen: if started {
                    Screen::Exercise
                } else {
                    Screen::Before
                },
                typed: String::new(),
                noticed: Vec::new(),
                note: None,
            },
            before,
            after: None,
            ask_after,
            started,
            ended_active: None,
            seen_step: 0,
        }
    }

    pub fn screen(&self) -> Screen {
        self.view.screen
    }

    pub fn is_closed(&self) -> bool {
        self.view.screen == Screen::Closed
    }

    /// Lets time pass: the run moves through every step whose time is up,
    /// and an exercise that has ended moves on to the after question.
    pub fn tick(&mut self, now: Timestamp) {
        if self.view.screen != Screen::Exercise {
            return;
        }
        self.run.tick(now);
        if self.run.step_index() != self.seen_step {
            self.keep_typed();
            self.seen_step = self.run.step_index();
        }
        if self.run.is_done() {
            self.ended_active = Some(self.run.active(now));
            self.view.typed.clear();
            self.view.screen = if self.ask_after {
                Screen::After
            } else {
                Screen::Closed
            };
        }
    }

    /// Stops where it is; what was done still counts.
    pub fn quit(&mut self, now: Timestamp) {
        if self.view.screen == Screen::Exercise && self.ended_active.is_none() {
            self.ended_active = Some(self.run.active(now));
        }
        self.view.screen = Screen::Closed;
    }

    /// What happened, for recording.
    pub fn outcome(&self, now: Timestamp) -> Outcome {
        let active = match (self.started, self.ended_active) {
            (false, _) => SignedDuration::ZERO,
            (true, Some(d)) => d,
            (true, None) => self.run.active(now),
        };
        let seconds = active.as_secs_f64().round().clamp(0.0, f64::from(u32::MAX));
        Outcome {
            completed: self.started && self.run.is_done(),
            active_seconds: seconds as u32,
            before: self.before,
            after: self.after,
        }
    }

    fn start(&mut self, now: Timestamp) {
        self.run = Run::new(self.run.script.clone(), now);
        self.started = true;
        self.seen_step = 0;
        self.view.screen = Screen::Exercise;
    }

    /// Moves what was typed in a step to the noticed lines.
    fn keep_typed(&mut self) {
        let typed = std::mem::take(&mut self.view.typed);
        let typed = typed.trim();
        if !typed.is_empty() {
            self.view.noticed.push(typed.to_owned());
            let extra = self.view.noticed.len().saturating_sub(NOTICED_KEPT);
            self.view.noticed.drain(..extra);
        }
    }
}

/// What `key` does at `now`.
pub fn handle_key(app: &mut App, key: Key, now: Timestamp) {
    app.tick(now);
    match app.view.screen {
        Screen::Before | Screen::After => rating_key(app, key, now),
        Screen::Exercise => exercise_key(app, key, now),
        Screen::Closed => {}
    }
    app.tick(now);
}

fn rating_key(app: &mut App, key: Key, now: Timestamp) {
    match key {
        Key::Char(c) if c.is_ascii_digit() => {
            if app.view.typed.len() < 2 {
                app.view.typed.push(c);
            }
            app.view.note = None;
        }
        Key::Backspace => {
            app.view.typed.pop();
        }
        Key::Enter => {
            let field = if app.view.screen == Screen::Before {
                "before"
            } else {
                "after"
            };
            let typed = std::mem::take(&mut app.view.typed);
            let rating = if typed.is_empty() {
                Ok(None)
            } else {
                Rating::parse(field, &typed).map(Some)
            };
            match rating {
                Ok(rating) => {
                    app.view.note = None;
                    if app.view.screen == Screen::Before {
                        app.before = rating;
                        app.start(now);
                    } else {
                        app.after = rating;
                        app.view.screen = Screen::Closed;
                    }
                }
                Err(_) => app.view.note = Some(words::RATING_AGAIN),
            }
        }
        Key::Char('q' | 'Q') | Key::Esc | Key::Interrupt => app.quit(now),
        _ => {}
    }
}

fn exercise_key(app: &mut App, key: Key, now: Timestamp) {
    let paused = matches!(app.run.state(), State::Paused { .. });
    let typing = app.run.step().is_some_and(|s| s.may_type);
    match key {
        Key::Esc | Key::Interrupt => app.quit(now),
        _ if paused => match key {
            Key::Char(' ') | Key::Enter | Key::Tab => app.run.resume(now),
            Key::Char('q' | 'Q') => app.quit(now),
            _ => {}
        },
        _ if typing => match key {
            Key::Char(c) if app.view.typed.chars().count() < TYPED_MAX => app.view.typed.push(c),
            Key::Backspace => {
                app.view.typed.pop();
            }
            Key::Enter => {
                app.keep_typed();
                app.run.next(now);
            }
            Key::Tab => app.run.pause(now),
            _ => {}
        },
        Key::Char(' ') | Key::Tab => app.run.pause(now),
        Key::Enter => app.run.next(now),
        Key::Char('q' | 'Q') => app.quit(now),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::grounding::{Pace, Technique, script};

    fn at(s: f64) -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap() + SignedDuration::from_secs_f64(s)
    }

    fn rating(n: i64) -> Option<Rating> {
        Some(Rating::new("r", n).unwrap())
    }

    fn typed(app: &mut App, text: &str, now: Timestamp) {
        for c in text.chars() {
            handle_key(app, Key::Char(c), now);
        }
    }

    #[test]
    fn every_exercise_runs_to_completion_on_a_fake_clock() {
        for technique in Technique::ALL {
            let script = script(technique, Pace::default());
            let total = script.seconds();
            let mut app = App::new(script, None, true, at(0.0));
            assert_eq!(app.screen(), Screen::Before);
            // Three seconds to answer; the exercise starts on Enter.
            typed(&mut app, "7", at(3.0));
            handle_key(&mut app, Key::Enter, at(3.0));
            assert_eq!(app.screen(), Screen::Exercise, "{technique:?}");
            for s in 3..3 + total {
                app.tick(at(f64::from(s)));
                assert_eq!(app.screen(), Screen::Exercise, "{technique:?} at {s}");
            }
            app.tick(at(f64::from(3 + total)));
            assert_eq!(app.screen(), Screen::After, "{technique:?}");
            typed(&mut app, "5", at(f64::from(total) + 20.0));
            handle_key(&mut app, Key::Enter, at(f64::from(total) + 20.0));
            assert!(app.is_closed());
            let outcome = app.outcome(at(f64::from(total) + 30.0));
            assert_eq!(
                outcome,
                Outcome {
                    completed: true,
                    active_seconds: total,
                    before: rating(7),
                    after: rating(5),
                },
                "{technique:?}: the questions' time is not counted"
            );
        }
    }

    #[test]
    fn quitting_early_keeps_what_was_done_and_asks_nothing_more() {
        let mut app = App::new(
            script(Technique::Breaths, Pace::default()),
            rating(6),
            true,
            at(0.0),
        );
        assert_eq!(app.screen(), Screen::Exercise, "before was given");
        app.tick(at(12.0));
        handle_key(&mut app, Key::Char('q'), at(12.4));
        assert!(app.is_closed());
        let outcome = app.outcome(at(40.0));
        assert!(!outcome.completed);
        assert_eq!(outcome.active_seconds, 12);
        assert_eq!((outcome.before, outcome.after), (rating(6), None));

        for key in [Key::Interrupt, Key::Esc] {
            let mut app = App::new(
                script(Technique::Senses, Pace::default()),
                None,
                true,
                at(0.0),
            );
            handle_key(&mut app, Key::Enter, at(1.0));
            handle_key(&mut app, key, at(5.0));
            assert!(app.is_closed(), "{key:?}");
            assert_eq!(app.outcome(at(9.0)).active_seconds, 4);
        }

        let mut app = App::new(
            script(Technique::Senses, Pace::default()),
            None,
            true,
            at(0.0),
        );
        handle_key(&mut app, Key::Char('q'), at(2.0));
        assert!(app.is_closed(), "q quits on the rating screen too");
        let outcome = app.outcome(at(2.0));
        assert_eq!((outcome.completed, outcome.active_seconds), (false, 0));
    }

    #[test]
    fn ratings_are_checked_and_skippable() {
        let mut app = App::new(
            script(Technique::Senses, Pace::default()),
            None,
            true,
            at(0.0),
        );
        typed(&mut app, "123", at(1.0));
        assert_eq!(app.view.typed, "12", "two digits at most");
        typed(&mut app, "x", at(1.0));
        handle_key(&mut app, Key::Enter, at(1.0));
        assert_eq!(app.screen(), Screen::Before);
        assert_eq!(app.view.note, Some(words::RATING_AGAIN));
        typed(&mut app, "12", at(1.0));
        handle_key(&mut app, Key::Backspace, at(1.0));
        assert_eq!(app.view.note, None);
        handle_key(&mut app, Key::Enter, at(2.0));
        assert_eq!(app.outcome(at(2.0)).before, rating(1));
        // Skip to the end, then skip the after question.
        for _ in 0..5 {
            handle_key(&mut app, Key::Enter, at(3.0));
        }
        assert_eq!(app.screen(), Screen::After);
        handle_key(&mut app, Key::Enter, at(4.0));
        assert!(app.is_closed());
        let outcome = app.outcome(at(4.0));
        assert!(outcome.completed);
        assert_eq!((outcome.active_seconds, outcome.after), (1, None));
    }

    #[test]
    fn without_the_after_question_the_end_closes() {
        let mut app = App::new(
            script(Technique::Breaths, Pace::default()),
            rating(4),
            false,
            at(0.0),
        );
        app.tick(at(200.0));
        assert!(app.is_closed());
        assert!(app.outcome(at(200.0)).completed);
    }

    #[test]
    fn space_pauses_and_paused_time_does_not_count() {
        let mut app = App::new(
            script(Technique::Breaths, Pace::default()),
            rating(5),
            true,
            at(0.0),
        );
        handle_key(&mut app, Key::Char(' '), at(2.0));
        assert!(matches!(app.run.state(), State::Paused { .. }));
        handle_key(&mut app, Key::Enter, at(62.0));
        assert_eq!(app.run.state(), &State::Running, "Enter goes on too");
        handle_key(&mut app, Key::Char('q'), at(63.0));
        assert_eq!(app.outcome(at(63.0)).active_seconds, 3);
    }

    #[test]
    fn typed_words_stay_on_screen_and_q_is_a_letter_there() {
        let mut app = App::new(
            script(Technique::FiveFourThreeTwoOne, Pace::default()),
            rating(5),
            true,
            at(0.0),
        );
        handle_key(&mut app, Key::Enter, at(1.0));
        assert!(app.run.step().unwrap().may_type);
        typed(&mut app, "a quilt, the sky", at(2.0));
        assert!(!app.is_closed(), "q is part of the words");
        assert_eq!(app.view.typed, "a quilt, the sky");
        handle_key(&mut app, Key::Enter, at(3.0));
        assert_eq!(app.view.noticed, ["a quilt, the sky"]);
        assert_eq!(app.view.typed, "");
        assert_eq!(app.run.step_index(), 2);
        // Time running out keeps the words too.
        typed(&mut app, "cup ", at(4.0));
        app.tick(at(40.0));
        assert_eq!(app.run.step_index(), 3);
        assert_eq!(app.view.noticed, ["a quilt, the sky", "cup"]);
        handle_key(&mut app, Key::Tab, at(41.0));
        assert!(matches!(app.run.state(), State::Paused { .. }));
        handle_key(&mut app, Key::Char(' '), at(50.0));
        assert_eq!(app.run.state(), &State::Running);
        handle_key(&mut app, Key::Esc, at(51.0));
        assert!(app.is_closed());
    }
}
