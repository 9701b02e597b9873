//! Grounding exercises as data: each is a script of timed steps with
//! words, and a [`Run`] follows one through time. Every interface (the
//! full-screen terminal, the plain `--no-tui` lines, the web page) shows
//! the same script; none keeps time of its own.
//!
//! Time is always handed in (`now`, a [`Timestamp`]), so a test drives an
//! exercise from start to end in microseconds, exactly.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::error::InputError;

/// The exercises, by the key the command line and the web use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Technique {
    /// Five slow breaths, paced.
    Breaths,
    /// Three physical sensations.
    Senses,
    /// 5-4-3-2-1: five things you see, four you can touch, …
    FiveFourThreeTwoOne,
    /// A five-minute body scan.
    BodyScan,
}

/// What `thaw ground` accepts, in plain words.
pub const TECHNIQUE_ALLOWED: &str = "use breaths, senses, 54321 or body-scan";

impl Technique {
    pub const ALL: [Technique; 4] = [
        Technique::Breaths,
        Technique::Senses,
        Technique::FiveFourThreeTwoOne,
        Technique::BodyScan,
    ];

    /// The stable key stored with a session (`breaths`, `senses`, `54321`, `body-scan`).
    pub fn key(self) -> &'static str {
        match self {
            Technique::Breaths => "breaths",
            Technique::Senses => "senses",
            Technique::FiveFourThreeTwoOne => "54321",
            Technique::BodyScan => "body-scan",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Technique::Breaths => "Five slow breaths",
            Technique::Senses => "Three physical sensations",
            Technique::FiveFourThreeTwoOne => "5-4-3-2-1 senses",
            Technique::BodyScan => "A five-minute body scan",
        }
    }

    /// One line on what it is and when it helps.
    pub fn about(self) -> &'static str {
        match self {
            Technique::Breaths => {
                "Slow breathing, paced for you. A longer out-breath tells the body it can settle."
            }
            Technique::Senses => {
                "Three things your body can feel right now. Noticing is enough; nothing has to change."
            }
            Technique::FiveFourThreeTwoOne => {
                "Five things you see, four you can touch, three you hear, two you smell, one you taste."
            }
            Technique::BodyScan => {
                "Attention moving slowly from your feet to your head, about five minutes."
            }
        }
    }

    pub fn parse(field: &str, text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "breaths" | "breath" | "breathing" => Ok(Technique::Breaths),
            "senses" | "sensations" => Ok(Technique::Senses),
            "54321" | "5-4-3-2-1" => Ok(Technique::FiveFourThreeTwoOne),
            "body-scan" | "bodyscan" | "body" => Ok(Technique::BodyScan),
            _ => Err(InputError::new(field, text, TECHNIQUE_ALLOWED)),
        }
    }
}

/// Breathing pace in whole seconds: in, hold, out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pace {
    pub inhale: u32,
    pub hold: u32,
    pub exhale: u32,
}

/// What `--pace` accepts.
pub const PACE_ALLOWED: &str =
    "use in-hold-out seconds like 4-4-6 or 4-7-8 (each 0 to 12; in and out at least 2)";

impl Default for Pace {
    /// 4-4-6: gentle, with the longer out-breath.
    fn default() -> Self {
        Self {
            inhale: 4,
            hold: 4,
            exhale: 6,
        }
    }
}

impl Pace {
    pub fn parse(field: &str, text: &str) -> Result<Self, InputError> {
        let parts: Vec<Option<u32>> = text
            .trim()
            .split(['-', ':', ' ', ','])
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<u32>().ok().filter(|n| *n <= 12))
            .collect();
        match parts.as_slice() {
            [Some(i), Some(h), Some(e)] if *i >= 2 && *e >= 2 => Ok(Self {
                inhale: *i,
                hold: *h,
                exhale: *e,
            }),
            _ => Err(InputError::new(field, text, PACE_ALLOWED)),
        }
    }

    pub fn words(self) -> String {
        format!("{}-{}-{}", self.inhale, self.hold, self.exhale)
    }
}

/// What a step asks of the body, which decides how the breathing shape
/// moves during it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// Breathe in: the shape grows.
    Inhale,
    /// Hold: the shape stays full.
    Hold,
    /// Breathe out: the shape shrinks.
    Exhale,
    /// Words to read and notice; moves on by itself after its time, or
    /// sooner when the person is ready.
    Notice,
}

/// One step of a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub cue: Cue,
    pub words: String,
    pub seconds: u32,
    /// The person may type what they notice (kept on screen only).
    pub may_type: bool,
}

impl Step {
    fn timed(cue: Cue, words: &str, seconds: u32) -> Self {
        Self {
            cue,
            words: words.to_owned(),
            seconds,
            may_type: false,
        }
    }

    fn notice(words: &str, seconds: u32) -> Self {
        Self::timed(Cue::Notice, words, seconds)
    }

    fn typed(words: &str, seconds: u32) -> Self {
        Self {
            may_type: true,
            ..Self::notice(words, seconds)
        }
    }
}

/// An exercise: its technique and its steps, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Script {
    pub technique: Technique,
    pub title: &'static str,
    pub steps: Vec<Step>,
}

impl Script {
    /// The whole script's length when every step runs its full time.
    pub fn seconds(&self) -> u32 {
        self.steps.iter().map(|s| s.seconds).sum()
    }
}

/// How many breaths the breathing exercise has.
pub const BREATHS: u32 = 5;

/// The script for `technique` (the pace matters only for breathing).
pub fn script(technique: Technique, pace: Pace) -> Script {
    let steps = match technique {
        Technique::Breaths => breaths(pace),
        Technique::Senses => vec![
            Step::notice(
                "Sit or stand however you are. Let your eyes rest on one spot.",
                8,
            ),
            Step::notice(
                "One: notice where your body touches something — feet on the floor, your back on the chair.",
                20,
            ),
            Step::notice(
                "Two: notice a temperature — the air on your hands, something warm or cool.",
                20,
            ),
            Step::notice(
                "Three: notice something moving inside — your breath, your heartbeat, your belly.",
                20,
            ),
            Step::notice("That's three. You were here for each of them.", 6),
        ],
        Technique::FiveFourThreeTwoOne => vec![
            Step::notice("Look around slowly. There is no right answer.", 6),
            Step::typed("Five things you can see.", 30),
            Step::typed("Four things you can touch. Touch them if you can.", 30),
            Step::typed("Three things you can hear, near or far.", 25),
            Step::typed("Two things you can smell (or like the smell of).", 20),
            Step::typed("One thing you can taste, or one good thing about you.", 15),
            Step::notice("You did all five. Notice how you are now.", 6),
        ],
        Technique::BodyScan => [
            ("Settle in. Let your breath be as it is.", 20),
            (
                "Bring your attention to your feet: the soles, the toes, the heels.",
                30,
            ),
            ("Move up to your lower legs and knees. Just notice.", 30),
            ("Your thighs and hips, and where you are supported.", 30),
            ("Your belly and lower back, rising and falling.", 30),
            ("Your chest and upper back. Any tightness can stay.", 30),
            ("Your hands and arms, all the way to the shoulders.", 30),
            (
                "Your neck and throat. Let the jaw soften if it wants to.",
                30,
            ),
            ("Your face: forehead, eyes, cheeks, mouth.", 30),
            ("Your whole body at once, here, breathing.", 30),
            ("Come back slowly. Wiggle your fingers. You're here.", 10),
        ]
        .into_iter()
        .map(|(w, s)| Step::notice(w, s))
        .collect(),
    };
    Script {
        technique,
        title: technique.title(),
        steps,
    }
}

fn breaths(pace: Pace) -> Vec<Step> {
    let mut steps = vec![Step::notice(
        "Sit comfortably. Follow the shape: it grows as you breathe in, shrinks as you breathe out.",
        5,
    )];
    for n in 1..=BREATHS {
        let ordinal = ["one", "two", "three", "four", "five"]
            .get(n as usize - 1)
            .copied()
            .unwrap_or("one more");
        steps.push(Step::timed(
            Cue::Inhale,
            &format!("Breathe in slowly ({ordinal} of five)"),
            pace.inhale,
        ));
        if pace.hold > 0 {
            steps.push(Step::timed(Cue::Hold, "Hold, gently", pace.hold));
        }
        steps.push(Step::timed(
            Cue::Exhale,
            "Breathe out, slowly, all the way",
            pace.exhale,
        ));
    }
    steps.push(Step::notice(
        "Five breaths. Notice how your body feels now.",
        5,
    ));
    steps
}

/// Where a run is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Running,
    Paused { since: Timestamp },
    Done,
}

/// One person following a script through time. Nothing here reads the
/// clock: every call is told what time it is.
#[derive(Debug, Clone)]
pub struct Run {
    pub script: Script,
    started: Timestamp,
    step: usize,
    /// When the current step began (paused time excluded).
    step_started: Timestamp,
    paused_total: SignedDuration,
    state: State,
}

impl Run {
    pub fn new(script: Script, now: Timestamp) -> Self {
        let state = if script.steps.is_empty() {
            State::Done
        } else {
            State::Running
        };
        Self {
            script,
            started: now,
            step: 0,
            step_started: now,
            paused_total: SignedDuration::ZERO,
            state,
        }
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    pub fn step_index(&self) -> usize {
        self.step
    }

    /// The current step (the last one once done).
    pub fn step(&self) -> Option<&Step> {
        self.script
            .steps
            .get(self.step.min(self.script.steps.len().saturating_sub(1)))
    }

    /// Moves through every step whose time is up.
    pub fn tick(&mut self, now: Timestamp) {
        if self.state != State::Running {
            return;
        }
        while let Some(step) = self.script.steps.get(self.step) {
            let ends = self.step_started + SignedDuration::from_secs(i64::from(step.seconds));
            if now < ends {
                return;
            }
            self.step_started = ends;
            self.advance();
        }
    }

    /// The person is ready: on to the next step now.
    pub fn next(&mut self, now: Timestamp) {
        if self.state != State::Running {
            return;
        }
        self.tick(now);
        if self.state == State::Running {
            self.step_started = now;
            self.advance();
        }
    }

    fn advance(&mut self) {
        self.step += 1;
        if self.step >= self.script.steps.len() {
            self.state = State::Done;
        }
    }

    pub fn pause(&mut self, now: Timestamp) {
        self.tick(now);
        if self.state == State::Running {
            self.state = State::Paused { since: now };
        }
    }

    pub fn resume(&mut self, now: Timestamp) {
        if let State::Paused { since } = self.state {
            let away = now.duration_since(since).max(SignedDuration::ZERO);
            self.paused_total += away;
            self.step_started += away;
            self.state = State::Running;
        }
    }

    /// Pauses a running exercise, resumes a paused one.
    pub fn toggle_pause(&mut self, now: Timestamp) {
        match self.state {
            State::Running => self.pause(now),
            State::Paused { .. } => self.resume(now),
            State::Done => {}
        }
    }

    /// Time spent in the exercise, without pauses.
    pub fn active(&self, now: Timestamp) -> SignedDuration {
        let until = match self.state {
            State::Paused { since } => since,
            _ => now,
        };
        (until.duration_since(self.started) - self.paused_total).max(SignedDuration::ZERO)
    }

    /// How far into the current step, 0.0 to 1.0.
    pub fn step_fraction(&self, now: Timestamp) -> f64 {
        let Some(step) = self.script.steps.get(self.step) else {
            return 1.0;
        };
        if step.seconds == 0 {
            return 1.0;
        }
        let at = match self.state {
            State::Paused { since } => since,
            _ => now,
        };
        let into = at.duration_since(self.step_started).as_secs_f64();
        (into / f64::from(step.seconds)).clamp(0.0, 1.0)
    }

    /// Seconds left in the current step, rounded up.
    pub fn step_seconds_left(&self, now: Timestamp) -> u32 {
        let Some(step) = self.script.steps.get(self.step) else {
            return 0;
        };
        let left = f64::from(step.seconds) * (1.0 - self.step_fraction(now));
        left.ceil().clamp(0.0, f64::from(step.seconds)) as u32
    }

    /// How far through the whole exercise, 0.0 to 1.0 (steps done count
    /// in full, the current one by its fraction).
    pub fn progress(&self, now: Timestamp) -> f64 {
        let total = f64::from(self.script.seconds());
        if self.is_done() || total == 0.0 {
            return 1.0;
        }
        let done: u32 = self.script.steps[..self.step]
            .iter()
            .map(|s| s.seconds)
            .sum();
        let current = self
            .script
            .steps
            .get(self.step)
            .map_or(0.0, |s| f64::from(s.seconds) * self.step_fraction(now));
        ((f64::from(done) + current) / total).clamp(0.0, 1.0)
    }

    /// The breathing shape's size, 0.0 (small) to 1.0 (full): it grows
    /// through an in-breath, stays full in a hold, shrinks through an
    /// out-breath, and rests small otherwise. Eased, so it feels like
    /// breath rather than a ruler.
    pub fn shape(&self, now: Timestamp) -> f64 {
        let Some(step) = self.script.steps.get(self.step) else {
            return 0.0;
        };
        let t = self.step_fraction(now);
        let ease = |x: f64| 0.5 - 0.5 * (std::f64::consts::PI * x).cos();
        match step.cue {
            Cue::Inhale => ease(t),
            Cue::Hold => 1.0,
            Cue::Exhale => 1.0 - ease(t),
            Cue::Notice => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap()
    }

    fn ms(s: f64) -> Timestamp {
        at(0) + SignedDuration::from_secs_f64(s)
    }

    #[test]
    fn every_exercise_runs_to_completion_on_a_fake_clock() {
        for technique in Technique::ALL {
            let script = script(technique, Pace::default());
            let total = script.seconds();
            let mut run = Run::new(script, at(0));
            run.tick(at(i64::from(total) - 1));
            assert!(!run.is_done(), "{technique:?} is not done a second early");
            run.tick(at(i64::from(total)));
            assert!(run.is_done(), "{technique:?}");
            assert_eq!(run.progress(at(i64::from(total))), 1.0);
            assert_eq!(run.active(at(i64::from(total))).as_secs(), i64::from(total));
        }
    }

    #[test]
    fn the_scripts_have_the_promised_shape() {
        let breaths = script(Technique::Breaths, Pace::default());
        let inhales = breaths
            .steps
            .iter()
            .filter(|s| s.cue == Cue::Inhale)
            .count();
        assert_eq!(inhales, 5);
        assert_eq!(script(Technique::BodyScan, Pace::default()).seconds(), 300);
        let senses = script(Technique::FiveFourThreeTwoOne, Pace::default());
        assert_eq!(senses.steps.iter().filter(|s| s.may_type).count(), 5);
        let counted = script(Technique::Senses, Pace::default());
        assert!(counted.steps[1].words.starts_with("One"));
        assert!(counted.steps[3].words.starts_with("Three"));
    }

    #[test]
    fn the_shape_grows_holds_and_shrinks_with_the_pace() {
        let pace = Pace::parse("pace", "4-7-8").unwrap();
        let mut run = Run::new(script(Technique::Breaths, pace), at(0));
        // 5 s of words, then breathe in for 4, hold 7, out 8.
        run.tick(ms(5.0));
        assert_eq!(run.step().unwrap().cue, Cue::Inhale);
        assert!(run.shape(ms(5.0)) < 0.01);
        assert!((run.shape(ms(7.0)) - 0.5).abs() < 0.01, "halfway in");
        run.tick(ms(9.5));
        assert_eq!(run.step().unwrap().cue, Cue::Hold);
        assert_eq!(run.shape(ms(9.5)), 1.0);
        run.tick(ms(16.0));
        assert_eq!(run.step().unwrap().cue, Cue::Exhale);
        assert!((run.shape(ms(20.0)) - 0.5).abs() < 0.01, "halfway out");
        assert_eq!(run.step_seconds_left(ms(20.0)), 4);
        assert_eq!(script(Technique::Breaths, pace).seconds(), 5 + 5 * 19 + 5);
    }

    #[test]
    fn pausing_stops_time_and_next_moves_on_at_once() {
        let mut run = Run::new(script(Technique::Senses, Pace::default()), at(0));
        run.tick(at(10));
        assert_eq!(run.step_index(), 1);
        run.pause(at(12));
        run.tick(at(500));
        assert_eq!(run.step_index(), 1, "nothing moves while paused");
        assert_eq!(run.active(at(500)).as_secs(), 12);
        run.resume(at(500));
        // Step 1 runs 8..28 s; 4 s were done before the pause, 16 remain.
        run.tick(at(515));
        assert_eq!(run.step_index(), 1, "paused time is not counted");
        run.tick(at(516));
        assert_eq!(run.step_index(), 2);
        run.next(at(520));
        assert_eq!(run.step_index(), 3, "ready sooner: on at once");
        run.toggle_pause(at(521));
        assert!(matches!(run.state(), State::Paused { .. }));
        run.toggle_pause(at(530));
        assert_eq!(run.state(), &State::Running);
    }

    #[test]
    fn paces_and_techniques_are_checked() {
        assert_eq!(Pace::parse("pace", "4-4-6").unwrap(), Pace::default());
        for bad in ["4-4", "1-4-6", "4-4-20", "fast", ""] {
            assert_eq!(Pace::parse("pace", bad).unwrap_err().field, "pace", "{bad}");
        }
        assert_eq!(
            Technique::parse("technique", "5-4-3-2-1").unwrap(),
            Technique::FiveFourThreeTwoOne
        );
        assert!(Technique::parse("technique", "yoga").is_err());
        for t in Technique::ALL {
            assert_eq!(Technique::parse("t", t.key()).unwrap(), t);
        }
    }
}
