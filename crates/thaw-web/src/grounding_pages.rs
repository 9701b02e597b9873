//! The grounding exercises (`/ground`): the four exercises, with a pace
//! choice for the breathing one; each exercise's page; and recording a
//! session with numbness before and after (both skippable), which feeds
//! the coping part of the insights so a person learns which one fits them.
//!
//! The scripts come from `thaw_core::grounding` and sessions are stored
//! through `thaw_app::grounding`; this module only lays them out. Every
//! page works without JavaScript: the whole script is a numbered list to
//! follow at one's own pace, and the breathing shape is animated by CSS
//! alone. The one script, `/static/ground.js`, is only the timer: it marks
//! the current step, counts its seconds down, pauses, moves on, and fills
//! in how long the exercise took. Every word it shows comes from the page.
//!
//! The motion is CSP-clean (no inline style anywhere): whatever depends on
//! the pace — a looping breath cycle for the page without the timer, and
//! each phase's length for the timer — comes from a tiny stylesheet
//! generated per pace, `/ground/pace/{in-hold-out}.css`, all of it inside
//! `prefers-reduced-motion: no-preference`. With reduced motion nothing
//! moves: the words say the phase and the shape changes size without
//! motion.
//!
//! Deliberately not here: pacing rules and storage (`thaw-core`,
//! `thaw-app`), and any JSON.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use thaw_app::grounding::{numbness, prepare_grounding};
use thaw_app::today::TECHNIQUES;
use thaw_core::activity::GroundingSession;
use thaw_core::grounding::{Cue, Pace, Technique, script};
use thaw_core::{InputError, Moment, Rating};

use crate::Scope;
use crate::errors::{PageError, refused_page, render};
use crate::forms::FormData;
use crate::problems::Problems;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .route("/ground", get(index))
        .route("/ground/{technique}", get(exercise).post(save))
        .route("/ground/pace/{file}", get(pace_css))
}

use crate::words::grounding as words;

/// A confirmation for `key`, from a fixed list.
fn flash(key: Option<&str>) -> Option<&'static str> {
    Some(match key? {
        "session" => words::SAVED,
        "session-unrated" => words::SAVED_UNRATED,
        _ => return None,
    })
}

/// The longest session recorded, whatever a page reports (two hours).
const MAX_DURATION_S: u32 = 2 * 60 * 60;

/// How many past sessions `/ground` lists.
const RECENT: usize = 5;

/// How far back `/ground` looks for them.
const RECENT_DAYS: i64 = 90;

// ------------------------------------------------------------- helpers

fn no_such_exercise() -> Response {
    refused_page(StatusCode::NOT_FOUND, words::NO_EXERCISE)
}

/// "about a minute", "about 5 minutes".
fn length_words(seconds: u32) -> String {
    match (seconds + 30) / 60 {
        0 | 1 => "about a minute".to_owned(),
        n => format!("about {n} minutes"),
    }
}

/// A step's or a session's time: "4 seconds", "about 2 minutes".
fn seconds_words(seconds: u32) -> String {
    match seconds {
        1 => "1 second".to_owned(),
        s if s < 60 => format!("{s} seconds"),
        s => length_words(s),
    }
}

/// "numbness 7 → 5", and kind words when a rating was skipped.
fn numbness_words(before: Option<Rating>, after: Option<Rating>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => format!("numbness {b} → {a}"),
        (Some(b), None) => format!("numbness {b} before"),
        (None, Some(a)) => format!("numbness {a} after"),
        (None, None) => words::UNRATED.to_owned(),
    }
}

/// The pace asked for: the person's own words win over a listed choice;
/// nothing given is the gentle default. Only breathing has a pace.
fn pace_for(
    technique: Technique,
    choice: Option<&str>,
    own: Option<&str>,
) -> Result<Pace, InputError> {
    if technique != Technique::Breaths {
        return Ok(Pace::default());
    }
    match (given(choice), given(own)) {
        (_, Some(own)) => Pace::parse("pace", own),
        (Some("own"), None) => Pace::parse("pace", ""),
        (Some(choice), None) => Pace::parse("pace", choice),
        (None, None) => Ok(Pace::default()),
    }
}

/// A field's trimmed text, unless it is empty.
fn given(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|t| !t.is_empty())
}

/// How long the exercise took: what the timer reported, or (without
/// JavaScript) the script's full length; capped either way.
fn duration(typed: Option<&str>, full: u32) -> Result<u32, InputError> {
    match given(typed) {
        None => Ok(full.min(MAX_DURATION_S)),
        Some(t) => t
            .parse::<u32>()
            .map(|s| s.min(MAX_DURATION_S))
            .map_err(|_| InputError::new("duration_s", t, "use whole seconds, like 90")),
    }
}

/// Where today's plan's grounding suggestion leads. The plan names its
/// exercise by a title from `thaw_app::today::TECHNIQUES`, so the key is
/// found there; anything else leads to the list of all four.
pub(crate) fn suggestion_href(title: &str) -> String {
    TECHNIQUES
        .iter()
        .find(|(_, t)| t.eq_ignore_ascii_case(title.trim()))
        .map_or_else(|| "/ground".to_owned(), |(key, _)| format!("/ground/{key}"))
}

// --------------------------------------------------------------- index

struct ExerciseCard {
    key: &'static str,
    title: &'static str,
    about: &'static str,
    length: String,
}

/// One radio button of the pace choice.
struct PaceChoice {
    value: &'static str,
    label: &'static str,
    checked: bool,
}

const PACES: [(&str, &str); 3] = [
    (
        "4-4-6",
        "4-4-6: in for 4, hold for 4, out for 6. Gentle, with a longer out-breath.",
    ),
    (
        "4-7-8",
        "4-7-8: in for 4, hold for 7, out for 8. Slower, with a long hold.",
    ),
    ("own", "My own pace (type it below)"),
];

/// What the pace form holds (empty, or what was sent back).
#[derive(Default)]
struct PaceForm {
    choice: String,
    own: String,
}

struct SessionRow {
    title: String,
    when: String,
    length: String,
    numbness: String,
}

#[derive(Template)]
#[template(path = "ground.html")]
struct IndexPage {
    nav: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    exercises: Vec<ExerciseCard>,
    paces: Vec<PaceChoice>,
    own: String,
    recent: Vec<SessionRow>,
}

#[derive(Deserialize, Default)]
struct IndexQuery {
    saved: Option<String>,
}

async fn index(state: Scope, Query(q): Query<IndexQuery>) -> Result<Response, PageError> {
    let mut page = index_page(&state, Problems::default(), PaceForm::default()).await?;
    page.flash = flash(q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

async fn index_page(
    state: &Scope,
    problem: Problems,
    form: PaceForm,
) -> Result<IndexPage, PageError> {
    let recent = recent_sessions(state).await?;
    let picked = if form.own.trim().is_empty() {
        form.choice.trim()
    } else {
        "own"
    };
    let picked = if PACES.iter().any(|(v, _)| *v == picked) {
        picked
    } else {
        "4-4-6"
    };
    Ok(IndexPage {
        nav: "ground",
        flash: None,
        problem,
        exercises: Technique::ALL
            .into_iter()
            .map(|t| ExerciseCard {
                key: t.key(),
                title: t.title(),
                about: t.about(),
                length: length_words(script(t, Pace::default()).seconds()),
            })
            .collect(),
        paces: PACES
            .iter()
            .map(|&(value, label)| PaceChoice {
                value,
                label,
                checked: value == picked,
            })
            .collect(),
        own: form.own,
        recent: recent
            .iter()
            .rev()
            .take(RECENT)
            .map(|s| SessionRow {
                title: Technique::parse("technique", &s.technique)
                    .map(|t| t.title().to_owned())
                    .unwrap_or_else(|_| s.technique.clone()),
                when: s.at.zoned().strftime("%a %-d %b, %H:%M").to_string(),
                length: seconds_words(s.duration_s),
                numbness: numbness_words(s.before, s.after),
            })
            .collect(),
    })
}

/// The sessions of the last [`RECENT_DAYS`] days, oldest first.
async fn recent_sessions(state: &Scope) -> Result<Vec<GroundingSession>, PageError> {
    let date = thaw_app::today(state.thaw.settings(), state.clock.as_ref());
    let from = date
        .checked_sub(jiff::Span::new().days(RECENT_DAYS - 1))
        .unwrap_or(date);
    Ok(state
        .run(move |thaw| {
            let span = thaw_app::day_span(&thaw.settings().time_zone(), Some(from), None)?;
            Ok(thaw.store().grounding_sessions(thaw.owner(), span)?)
        })
        .await?)
}

/// The list page again, with the pace form refused (status 400).
async fn refused_pace(
    state: &Scope,
    e: &InputError,
    form: PaceForm,
) -> Result<Response, PageError> {
    let page = index_page(state, Problems::new("pace", e), form).await?;
    Ok(render(page.problem.status(), &page))
}

// ------------------------------------------------------------ exercise

struct BreathView {
    /// "4-7-8".
    words: String,
    inhale: u32,
    hold: u32,
    exhale: u32,
}

struct StepView {
    number: usize,
    /// `inhale`, `hold`, `exhale` or `notice` (the timer reads it).
    cue: &'static str,
    words: String,
    seconds: u32,
    length: String,
    may_type: bool,
}

struct RatingOption {
    value: u8,
    checked: bool,
}

/// The before or after rating, with what was picked.
struct RatingGroup {
    name: &'static str,
    legend: &'static str,
    skip_checked: bool,
    invalid: bool,
    options: Vec<RatingOption>,
}

impl RatingGroup {
    fn new(name: &'static str, legend: &'static str, typed: &str, problem: &Problems) -> Self {
        let typed = typed.trim();
        Self {
            name,
            legend,
            skip_checked: typed.is_empty(),
            invalid: problem.invalid("done", name),
            options: (0..=10)
                .map(|value| RatingOption {
                    value,
                    checked: typed == value.to_string(),
                })
                .collect(),
        }
    }
}

/// The timer's words, handed to the script through data attributes.
struct TimerWords {
    start: &'static str,
    again: &'static str,
    pause: &'static str,
    resume: &'static str,
    paused: &'static str,
    finished: &'static str,
}

const TIMER_WORDS: TimerWords = TimerWords {
    start: words::START,
    again: words::AGAIN,
    pause: words::PAUSE,
    resume: words::RESUME,
    paused: words::PAUSED,
    finished: words::FINISHED,
};

#[derive(Template)]
#[template(path = "ground_exercise.html")]
struct ExercisePage {
    nav: &'static str,
    problem: Problems,
    key: &'static str,
    title: &'static str,
    about: &'static str,
    length: String,
    breath: Option<BreathView>,
    steps: Vec<StepView>,
    /// The whole script's seconds.
    total: u32,
    before: RatingGroup,
    after: RatingGroup,
    timer: TimerWords,
}

impl ExercisePage {
    fn new(technique: Technique, pace: Pace, before: &str, after: &str, problem: Problems) -> Self {
        let script = script(technique, pace);
        Self {
            nav: "ground",
            key: technique.key(),
            title: technique.title(),
            about: technique.about(),
            length: length_words(script.seconds()),
            breath: (technique == Technique::Breaths).then(|| BreathView {
                words: pace.words(),
                inhale: pace.inhale,
                hold: pace.hold,
                exhale: pace.exhale,
            }),
            total: script.seconds(),
            steps: script
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| StepView {
                    number: i + 1,
                    cue: match s.cue {
                        Cue::Inhale => "inhale",
                        Cue::Hold => "hold",
                        Cue::Exhale => "exhale",
                        Cue::Notice => "notice",
                    },
                    words: s.words.clone(),
                    seconds: s.seconds,
                    length: seconds_words(s.seconds),
                    may_type: s.may_type,
                })
                .collect(),
            before: RatingGroup::new("before", words::BEFORE, before, &problem),
            after: RatingGroup::new("after", words::AFTER, after, &problem),
            timer: TIMER_WORDS,
            problem,
        }
    }
}

#[derive(Deserialize, Default)]
struct PaceQuery {
    pace: Option<String>,
    own: Option<String>,
}

async fn exercise(
    state: Scope,
    Path(key): Path<String>,
    Query(q): Query<PaceQuery>,
) -> Result<Response, PageError> {
    let Ok(technique) = Technique::parse("technique", &key) else {
        return Ok(no_such_exercise());
    };
    let pace = match pace_for(technique, q.pace.as_deref(), q.own.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            let form = PaceForm {
                choice: q.pace.unwrap_or_default(),
                own: q.own.unwrap_or_default(),
            };
            return refused_pace(&state, &e, form).await;
        }
    };
    let page = ExercisePage::new(technique, pace, "", "", Problems::default());
    Ok(render(StatusCode::OK, &page))
}

async fn save(state: Scope, Path(key): Path<String>, body: Bytes) -> Result<Response, PageError> {
    let Ok(technique) = Technique::parse("technique", &key) else {
        return Ok(no_such_exercise());
    };
    let f = FormData::parse(&body);
    let pace = match pace_for(technique, f.get("pace"), f.get("own")) {
        Ok(p) => p,
        Err(e) => {
            let form = PaceForm {
                choice: f.get("pace").unwrap_or_default().to_owned(),
                own: f.get("own").unwrap_or_default().to_owned(),
            };
            return refused_pace(&state, &e, form).await;
        }
    };
    let full = script(technique, pace).seconds();
    let checked = numbness("before", f.get("before")).and_then(|before| {
        let after = numbness("after", f.get("after"))?;
        Ok((before, after, duration(f.get("duration_s"), full)?))
    });
    let (before, after, duration_s) = match checked {
        Ok(c) => c,
        Err(e) => {
            let typed = |name| f.get(name).unwrap_or_default();
            let page = ExercisePage::new(
                technique,
                pace,
                typed("before"),
                typed("after"),
                Problems::new("done", &e),
            );
            return Ok(render(page.problem.status(), &page));
        }
    };
    let at = Moment::now_in(state.clock.now(), &state.thaw.settings().time_zone());
    let session = prepare_grounding(technique, at, duration_s, before, after);
    // Each session has its own new id: a double submit stores two, and
    // neither fails.
    state.run(move |thaw| thaw.save_grounding(&session)).await?;
    let saved = if before.is_some() || after.is_some() {
        "session"
    } else {
        "session-unrated"
    };
    Ok(Redirect::to(&format!("/ground?saved={saved}")).into_response())
}

// ----------------------------------------------------- the pace's motion

/// `/ground/pace/4-7-8.css`: the breathing shape's motion for one pace.
async fn pace_css(Path(file): Path<String>) -> Response {
    match file
        .strip_suffix(".css")
        .and_then(|p| Pace::parse("pace", p).ok())
    {
        Some(pace) => (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "max-age=86400"),
            ],
            pace_stylesheet(pace),
        )
            .into_response(),
        None => refused_page(StatusCode::NOT_FOUND, words::NO_PACE),
    }
}

/// The stylesheet for `pace`. Without the timer the shape loops through
/// one breath (grow, stay full, shrink) and the words beside it follow;
/// with the timer each phase runs its own length, started by the script
/// setting `data-phase`. All of it only when motion is welcome.
fn pace_stylesheet(pace: Pace) -> String {
    let name = pace.words();
    let (i, h, e) = (pace.inhale, pace.hold, pace.exhale);
    let total = i + h + e;
    // Where the breath is full, and where it starts to leave, in percent.
    let pct = |s: u32| f64::from(s) * 100.0 / f64::from(total.max(1));
    let full = pct(i);
    let out = pct(i + h);
    let b = format!(".breath.pace-{name}");
    format!(
        "/* Breathing at {name}: in {i} s, hold {h} s, out {e} s. Made by Thaw for /ground/breaths. */
@media (prefers-reduced-motion: no-preference) {{
  {b}:not(.timed) .shape {{ animation: thaw-cycle-{name} {total}s ease-in-out infinite; }}
  {b}:not(.timed) .phase-words {{ display: grid; justify-content: center; }}
  {b}:not(.timed) .ph {{ grid-area: 1 / 1; visibility: hidden; }}
  {b}:not(.timed) .ph::before {{ content: none; }}
  {b}:not(.timed) .ph-in {{ animation: thaw-say-in-{name} {total}s step-end infinite; }}
  {b}:not(.timed) .ph-hold {{ animation: thaw-say-hold-{name} {total}s step-end infinite; }}
  {b}:not(.timed) .ph-out {{ animation: thaw-say-out-{name} {total}s step-end infinite; }}
  {b}.timed[data-phase=\"in\"] .shape {{ animation-name: thaw-grow; animation-duration: {i}s; animation-timing-function: ease-in-out; animation-fill-mode: both; }}
  {b}.timed[data-phase=\"out\"] .shape {{ animation-name: thaw-shrink; animation-duration: {e}s; animation-timing-function: ease-in-out; animation-fill-mode: both; }}
  @keyframes thaw-cycle-{name} {{
    0% {{ transform: scale(.5); }}
    {full:.3}% {{ transform: scale(1); }}
    {out:.3}% {{ transform: scale(1); }}
    100% {{ transform: scale(.5); }}
  }}
  @keyframes thaw-say-in-{name} {{ 0% {{ visibility: visible; }} {full:.3}% {{ visibility: hidden; }} 100% {{ visibility: hidden; }} }}
  @keyframes thaw-say-hold-{name} {{ 0% {{ visibility: hidden; }} {full:.3}% {{ visibility: visible; }} {out:.3}% {{ visibility: hidden; }} 100% {{ visibility: hidden; }} }}
  @keyframes thaw-say-out-{name} {{ 0% {{ visibility: hidden; }} {out:.3}% {{ visibility: visible; }} 100% {{ visibility: visible; }} }}
}}
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_pace_wins_and_only_breathing_has_one() {
        let b = Technique::Breaths;
        assert_eq!(pace_for(b, None, None).unwrap(), Pace::default());
        assert_eq!(pace_for(b, Some("4-7-8"), None).unwrap().words(), "4-7-8");
        assert_eq!(
            pace_for(b, Some("4-4-6"), Some("5-2-7")).unwrap().words(),
            "5-2-7"
        );
        assert_eq!(pace_for(b, Some("own"), None).unwrap_err().field, "pace");
        assert_eq!(pace_for(b, Some("9-9"), None).unwrap_err().field, "pace");
        assert_eq!(
            pace_for(Technique::Senses, Some("nonsense"), None).unwrap(),
            Pace::default()
        );
    }

    #[test]
    fn duration_is_the_full_script_without_a_timer_and_capped() {
        assert_eq!(duration(None, 80).unwrap(), 80);
        assert_eq!(duration(Some(" 42 "), 80).unwrap(), 42);
        assert_eq!(duration(Some("999999"), 80).unwrap(), MAX_DURATION_S);
        assert_eq!(duration(Some("-3"), 80).unwrap_err().field, "duration_s");
    }

    #[test]
    fn words_for_lengths_and_ratings() {
        assert_eq!(length_words(80), "about a minute");
        assert_eq!(length_words(300), "about 5 minutes");
        assert_eq!(seconds_words(4), "4 seconds");
        assert_eq!(seconds_words(1), "1 second");
        let r = |n| Rating::parse("r", n).ok();
        assert_eq!(numbness_words(r("7"), r("5")), "numbness 7 → 5");
        assert_eq!(numbness_words(r("3"), r("6")), "numbness 3 → 6");
        assert_eq!(numbness_words(None, r("5")), "numbness 5 after");
        assert_eq!(numbness_words(None, None), words::UNRATED);
    }

    #[test]
    fn the_plans_suggestion_leads_to_its_exercise() {
        for (key, title) in TECHNIQUES {
            assert_eq!(suggestion_href(title), format!("/ground/{key}"));
            assert!(Technique::parse("technique", key).is_ok(), "{key}");
        }
        assert_eq!(suggestion_href("something else"), "/ground");
    }

    #[test]
    fn the_pace_stylesheet_is_timed_by_the_pace_and_only_when_motion_is_welcome() {
        let css = pace_stylesheet(Pace::parse("pace", "4-7-8").unwrap());
        assert!(css.contains("@media (prefers-reduced-motion: no-preference)"));
        assert!(css.contains("thaw-cycle-4-7-8 19s ease-in-out infinite"));
        assert!(css.contains("21.053% { transform: scale(1); }"));
        assert!(css.contains("57.895% { transform: scale(1); }"));
        assert!(css.contains("animation-name: thaw-grow; animation-duration: 4s;"));
        assert!(css.contains("animation-name: thaw-shrink; animation-duration: 8s;"));
        let outside = css
            .split("@media")
            .next()
            .unwrap_or_default()
            .replace(|c: char| c.is_whitespace(), "");
        assert!(
            outside.starts_with("/*") && outside.ends_with("*/"),
            "{outside}"
        );
        assert_eq!(css.matches('{').count(), css.matches('}').count());
    }
}
