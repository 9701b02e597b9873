//! `thaw ground TECHNIQUE`: a guided grounding exercise.
//!
//! Full-screen (`thaw-tui`) when standard input and output are both a
//! terminal; otherwise, or with `--no-tui`, each step is a line with its
//! timing ([`Guide`]), for screen readers and scripts. Either way the same
//! script from `thaw_core::grounding` sets the pace, and the session is
//! recorded at the end, also when the person stops early.
//!
//! In the plain form a step waits its time or until a line arrives on
//! standard input (Enter: ready, on now). A reader thread hands lines over
//! a channel and the wait is that channel's timeout, so piped input moves
//! on at once and, once it ends, the steps keep their real time.

use std::io::{self, BufRead, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use thaw_app::grounding::{numbness, prepare_grounding};
use thaw_core::grounding::{Pace, Run, Script, Technique, script};
use thaw_core::{Clock, InputError, Rating};
use thaw_tui::Outcome;

use crate::{Ctx, Failure, out, words};

/// What was typed on the command line, unchecked.
pub struct Asked<'a> {
    pub technique: &'a str,
    pub no_tui: bool,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub pace: Option<&'a str>,
}

pub fn run(ctx: &Ctx, asked: Asked<'_>) -> Result<(), Failure> {
    // Everything typed is checked before anything is shown or stored.
    let technique = Technique::parse("technique", asked.technique)?;
    let before = numbness("before", asked.before)?;
    let after = numbness("after", asked.after)?;
    let pace = match asked.pace {
        None => Pace::default(),
        Some(p) if technique == Technique::Breaths => Pace::parse("pace", p)?,
        Some(p) => {
            return Err(InputError::new("pace", p, words::GROUND_PACE_BREATHS_ONLY).into());
        }
    };
    let script = script(technique, pace);
    let settings = ctx.data.load_settings()?;
    let thaw = ctx.open()?;
    let at = thaw_app::moment_or_now(None, &settings, ctx.clock.as_ref())?;

    let stdin_terminal = io::stdin().is_terminal();
    let full_screen = !asked.no_tui
        && !ctx.out.plain
        && stdin_terminal
        && io::stdout().is_terminal()
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    let mut shown = Ok(());
    let outcome = match full_screen
        .then(|| thaw_tui::run_tui(script.clone(), before, after.is_none(), ctx.clock.as_ref()))
    {
        Some(Ok(outcome)) => outcome,
        tui => {
            if let Some(Err(e)) = tui {
                out::note(format!("{} ({e}).", words::GROUND_NO_SCREEN));
            }
            let (input, _keep) = read_lines()?;
            let mut guide = Guide {
                // With --json, stdout carries only the one document.
                out: if ctx.out.json {
                    Box::new(io::stderr()) as Box<dyn Write>
                } else {
                    Box::new(io::stdout())
                },
                input: &input,
                echo: stdin_terminal,
                ask: stdin_terminal,
                clock: ctx.clock.as_ref(),
            };
            let (outcome, result) = guide.run(script, before, after);
            shown = result;
            outcome
        }
    };

    let after = after.or(outcome.after);
    let session = prepare_grounding(technique, at, outcome.active_seconds, outcome.before, after);
    thaw.save_grounding(&session)?;
    // Saved first: a closed pipe mid-exercise still keeps what was done.
    shown?;
    if ctx.out.json {
        return Ok(ctx.out.json(&session)?);
    }
    ctx.out.line(ctx.out.strong(&words::ground_closing(
        outcome.completed,
        outcome.active_seconds,
    )))?;
    if let Some(ratings) =
        words::ground_ratings(outcome.before.map(Rating::get), after.map(Rating::get))
    {
        ctx.out.line(ratings)?;
        if outcome.before.is_some() && after.is_some() {
            ctx.out.line(ctx.out.quiet(words::GROUND_INSIGHTS))?;
        }
    }
    Ok(())
}

/// A line from standard input, or its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Line(String),
    End,
}

/// Reads standard input on a thread of its own, a line at a time. The
/// second sender is kept by the caller so the channel stays open after
/// the input ends: waits then last their full time.
fn read_lines() -> io::Result<(Receiver<Input>, Sender<Input>)> {
    let (tx, rx) = mpsc::channel();
    let keep = tx.clone();
    std::thread::Builder::new()
        .name("stdin".to_owned())
        .spawn(move || {
            for line in io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                if tx.send(Input::Line(line)).is_err() {
                    return;
                }
            }
            let _ = tx.send(Input::End);
        })?;
    Ok((rx, keep))
}

/// The exercise as plain lines.
pub struct Guide<'a, W: Write> {
    pub out: W,
    pub input: &'a Receiver<Input>,
    /// The terminal shows what is typed, Enter included (else a pipe).
    pub echo: bool,
    /// Ask the numbness questions that were not given.
    pub ask: bool,
    pub clock: &'a dyn Clock,
}

/// Where a plain exercise is.
struct Progress {
    run: Run,
    started: bool,
    before: Option<Rating>,
    after: Option<Rating>,
    /// Active time, fixed when the exercise ended or was stopped.
    ended: Option<SignedDuration>,
}

impl Progress {
    fn end(&mut self, now: Timestamp) {
        if self.started && self.ended.is_none() {
            self.ended = Some(self.run.active(now));
        }
    }

    fn outcome(&self, now: Timestamp) -> Outcome {
        let active = match (self.started, self.ended) {
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
}

/// A numbness question's answer.
enum Answer {
    Rating(Option<Rating>),
    Stop,
}

impl<W: Write> Guide<'_, W> {
    /// Runs `script`, asking what was not given (when it may ask). Answers
    /// what happened, and whether writing went well: a failing output ends
    /// the exercise early, and what was done still counts.
    pub fn run(
        &mut self,
        script: Script,
        before: Option<Rating>,
        after: Option<Rating>,
    ) -> (Outcome, io::Result<()>) {
        let mut progress = Progress {
            run: Run::new(script, self.clock.now()),
            started: false,
            before,
            after,
            ended: None,
        };
        let result = self.steps(&mut progress);
        progress.end(self.clock.now());
        (progress.outcome(self.clock.now()), result)
    }

    fn steps(&mut self, p: &mut Progress) -> io::Result<()> {
        let script = p.run.script.clone();
        writeln!(self.out, "{}", script.title)?;
        writeln!(self.out, "{}", script.technique.about())?;
        writeln!(self.out, "{}", words::GROUND_PLAIN_HOW)?;
        if p.before.is_none() && self.ask {
            match self.rating(words::GROUND_ASK_BEFORE, "before")? {
                Answer::Rating(r) => p.before = r,
                Answer::Stop => return Ok(()),
            }
        }
        p.run = Run::new(script, self.clock.now());
        p.started = true;
        while !p.run.is_done() {
            if self.step(p)? {
                return Ok(());
            }
        }
        p.end(self.clock.now());
        if p.after.is_none() && self.ask {
            if let Answer::Rating(r) = self.rating(words::GROUND_ASK_AFTER, "after")? {
                p.after = r;
            }
        }
        Ok(())
    }

    /// Shows the current step and waits until it is over. Answers whether
    /// the person stopped.
    fn step(&mut self, p: &mut Progress) -> io::Result<bool> {
        let index = p.run.step_index();
        let Some(step) = p.run.step().cloned() else {
            return Ok(false);
        };
        let elapsed = u32::try_from(p.run.active(self.clock.now()).as_secs()).unwrap_or(0);
        write!(
            self.out,
            "[{}] {} — {} s",
            thaw_tui::words::clock(elapsed),
            step.words,
            step.seconds
        )?;
        if step.may_type {
            write!(self.out, " {}\n  › ", words::GROUND_TYPE_HINT)?;
        } else {
            writeln!(self.out)?;
        }
        self.out.flush()?;
        let mut line_open = step.may_type;
        loop {
            let now = self.clock.now();
            p.run.tick(now);
            if p.run.is_done() || p.run.step_index() != index {
                break;
            }
            let wait = time_left(&p.run, now);
            match self.input.recv_timeout(wait) {
                Ok(Input::Line(text)) => {
                    if line_open && !self.echo {
                        writeln!(self.out)?;
                    }
                    line_open = false;
                    if is_stop(&text) {
                        p.end(self.clock.now());
                        return Ok(true);
                    }
                    p.run.next(self.clock.now());
                }
                Ok(Input::End) | Err(RecvTimeoutError::Timeout) => {}
                // Not while the caller keeps its sender; wait all the same.
                Err(RecvTimeoutError::Disconnected) => std::thread::sleep(wait),
            }
        }
        if line_open {
            writeln!(self.out)?;
        }
        if p.run.is_done() {
            p.end(self.clock.now());
        }
        Ok(false)
    }

    fn rating(&mut self, question: &str, field: &str) -> io::Result<Answer> {
        loop {
            write!(self.out, "{question}: ")?;
            self.out.flush()?;
            let Ok(Input::Line(text)) = self.input.recv() else {
                writeln!(self.out)?;
                return Ok(Answer::Rating(None));
            };
            if !self.echo {
                writeln!(self.out)?;
            }
            if is_stop(&text) {
                return Ok(Answer::Stop);
            }
            match numbness(field, Some(&text)) {
                Ok(rating) => return Ok(Answer::Rating(rating)),
                Err(_) => writeln!(self.out, "{}", words::ASK_AGAIN)?,
            }
        }
    }
}

/// `q` (or `quit`, `stop`) alone on a line stops the exercise.
fn is_stop(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "q" | "quit" | "stop"
    )
}

/// How long until the current step's time is up (a moment more, so the
/// next look finds it over).
fn time_left(run: &Run, now: Timestamp) -> Duration {
    let seconds = run.step().map_or(0.0, |s| {
        f64::from(s.seconds) * (1.0 - run.step_fraction(now))
    });
    Duration::try_from_secs_f64(seconds).unwrap_or(Duration::ZERO) + Duration::from_millis(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::FixedClock;

    fn clock() -> FixedClock {
        FixedClock(Timestamp::from_second(1_800_000_000).unwrap())
    }

    /// Runs `technique` with `typed` already waiting on the input.
    fn guided(
        technique: Technique,
        typed: &[&str],
        ask: bool,
        before: Option<Rating>,
    ) -> (Outcome, String) {
        let (tx, rx) = mpsc::channel();
        for line in typed {
            tx.send(Input::Line((*line).to_owned())).unwrap();
        }
        tx.send(Input::End).unwrap();
        let clock = clock();
        let mut out = Vec::new();
        let mut guide = Guide {
            out: &mut out,
            input: &rx,
            echo: false,
            ask,
            clock: &clock,
        };
        let (outcome, result) = guide.run(script(technique, Pace::default()), before, None);
        result.unwrap();
        (outcome, String::from_utf8(out).unwrap())
    }

    #[test]
    fn every_exercise_completes_with_a_line_per_step() {
        for technique in Technique::ALL {
            let steps = script(technique, Pace::default()).steps;
            let enters = vec![""; steps.len()];
            let (outcome, out) = guided(technique, &enters, false, None);
            assert!(outcome.completed, "{technique:?}:\n{out}");
            assert_eq!(outcome.before, None, "not asked without a terminal");
            for step in &steps {
                assert!(
                    out.contains(&format!("{} — {} s", step.words, step.seconds)),
                    "{technique:?}: {}\n{out}",
                    step.words
                );
            }
            assert!(out.starts_with(technique.title()), "{out}");
        }
    }

    #[test]
    fn the_lines_carry_their_timing() {
        let (_, out) = guided(Technique::Breaths, &[""; 20], false, None);
        assert!(
            out.contains("[0:00] Breathe in slowly (one of five) — 4 s"),
            "{out}"
        );
        let (_, out) = guided(
            Technique::FiveFourThreeTwoOne,
            &["", "a lamp", "", "", "", "", ""],
            false,
            None,
        );
        assert!(
            out.contains(&format!(
                "[0:00] Five things you can see. — 30 s {}\n  › \n",
                words::GROUND_TYPE_HINT
            )),
            "a typed line ends its line: {out}"
        );
    }

    #[test]
    fn q_stops_and_what_was_done_counts() {
        let (outcome, out) = guided(Technique::Senses, &["", "", "q", ""], true, None);
        assert!(!outcome.completed);
        assert_eq!(outcome.before, None, "Enter skipped the question");
        assert!(out.contains("One: notice"), "{out}");
        assert!(!out.contains("Two: notice"), "{out}");
        assert!(
            !out.contains(words::GROUND_ASK_AFTER),
            "not asked after a stop"
        );
    }

    #[test]
    fn numbness_is_asked_on_a_terminal_and_checked() {
        let mut typed = vec!["12", "7"];
        typed.extend([""; 5]);
        typed.push("4");
        let (outcome, out) = guided(Technique::Senses, &typed, true, None);
        assert!(outcome.completed, "{out}");
        assert_eq!(outcome.before.map(Rating::get), Some(7));
        assert_eq!(outcome.after.map(Rating::get), Some(4));
        assert_eq!(out.matches(words::ASK_AGAIN).count(), 1, "{out}");

        let given = Rating::new("before", 3).ok();
        let (outcome, out) = guided(Technique::Senses, &[""; 5], true, given);
        assert_eq!(outcome.before, given);
        assert!(
            !out.contains(words::GROUND_ASK_BEFORE),
            "given, so not asked"
        );
        assert!(out.contains(words::GROUND_ASK_AFTER), "{out}");
        assert_eq!(outcome.after, None, "the end of input skips it");
    }

    #[test]
    fn a_failing_output_ends_early_and_keeps_the_outcome() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let (_tx, rx) = mpsc::channel();
        let clock = clock();
        let mut guide = Guide {
            out: Closed,
            input: &rx,
            echo: false,
            ask: false,
            clock: &clock,
        };
        let before = Rating::new("before", 2).ok();
        let (outcome, result) =
            guide.run(script(Technique::Breaths, Pace::default()), before, None);
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!((outcome.completed, outcome.before), (false, before));
    }

    #[test]
    fn stop_words_and_waits() {
        assert!(is_stop(" Q ") && is_stop("stop") && !is_stop("a quilt"));
        let run = Run::new(script(Technique::Breaths, Pace::default()), clock().0);
        let wait = time_left(&run, clock().0 + SignedDuration::from_secs(2));
        assert_eq!(wait, Duration::from_millis(3002));
    }
}
