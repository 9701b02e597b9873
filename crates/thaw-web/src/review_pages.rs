//! The gentle weekly review (`/week`) and the monthly look-back
//! (`/month`, "look how far"), the pages of `thaw week` and `thaw month`.
//!
//! Like every page module, handlers hold no rules: they call
//! `Thaw::week_review` / `Thaw::month_review` and lay out the sentences
//! of `thaw_app::review` (`week_words`, `month_words`). The few words
//! that belong to the web alone (link labels) are in [`words`]. Both
//! pages take `?until=YYYY-MM-DD` (default today) and link to the
//! neighbouring weeks or months; there are no forms.
//!
//! Deliberately not here: the JSON, which lives in `api_review.rs`.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use jiff::civil::Date;
use serde::Deserialize;
use thaw_app::AppError;
use thaw_app::review::{
    MONTH_DAYS, Suggestion, SuggestionKind, WEEK_DAYS, activity_words, grounding_words,
    month_words, short_day, week_words,
};
use thaw_app::today::TECHNIQUES;

use crate::Scope;
use crate::errors::{PageError, render};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .route("/week", get(week))
        .route("/month", get(month))
}

/// The words these pages say on their own (the review's sentences come
/// from `thaw_app::review`).
mod words {
    pub const CHECK_IN: &str = "Check in now";
    pub const NOTE_A_WIN: &str = "Note a small win";
    pub const OPEN_EXERCISE: &str = "Open the exercise";
    pub const GROUNDING: &str = "Grounding exercises";
    pub const VALUES: &str = "Your values";
    pub const TODAY_PLAN: &str = "Today's plan";
    pub const PLAN_WEEK: &str = "Plan a few things for the week";
}

#[derive(Deserialize)]
struct UntilQuery {
    until: Option<String>,
}

/// The day a page looks back from: `?until=`, or today.
fn until_of(state: &Scope, q: &UntilQuery) -> Result<(Date, Date), PageError> {
    let today = thaw_app::today(state.thaw.settings(), state.clock.as_ref());
    let until = match q.until.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => thaw_app::parse_date("until", text).map_err(AppError::Input)?,
        None => today,
    };
    Ok((until, today))
}

/// A link to the same page ending `days` earlier.
fn earlier(path: &str, until: Date, days: i64) -> Option<String> {
    until
        .checked_sub(jiff::Span::new().days(days))
        .ok()
        .map(|d| format!("{path}?until={d}"))
}

/// A link to the same page ending `days` later, never past today; none
/// when the page already ends today (or later).
fn later(path: &str, until: Date, days: i64, today: Date) -> Option<String> {
    if until >= today {
        return None;
    }
    Some(match until.checked_add(jiff::Span::new().days(days)) {
        Ok(d) if d < today => format!("{path}?until={d}"),
        _ => path.to_owned(),
    })
}

/// A link that goes with the suggestion: where to do it.
struct Link {
    href: String,
    label: &'static str,
}

fn next_link(s: &Suggestion) -> Link {
    let link = |href: &str, label| Link {
        href: href.to_owned(),
        label,
    };
    match s.kind {
        SuggestionKind::Grounding => match s.about.as_deref() {
            Some(key) if TECHNIQUES.iter().any(|(k, _)| *k == key) => Link {
                href: format!("/ground/{key}"),
                label: words::OPEN_EXERCISE,
            },
            _ => link("/ground", words::GROUNDING),
        },
        SuggestionKind::Value => link("/values", words::VALUES),
        SuggestionKind::Checkin => link("/", words::CHECK_IN),
        SuggestionKind::Enjoyment => link("/plan", words::TODAY_PLAN),
        SuggestionKind::Activity | SuggestionKind::Plan => link("/plan/week", words::PLAN_WEEK),
    }
}

// ------------------------------------------------------------------ week

struct WinRow {
    when: String,
    text: String,
}

struct ActionRow {
    when: String,
    value: String,
    text: String,
}

struct ActivityRow {
    name: String,
    words: String,
}

struct GroundRow {
    when: String,
    title: String,
    numbness: Option<String>,
}

#[derive(Template)]
#[template(path = "review_week.html")]
struct WeekPage {
    nav: &'static str,
    dates: String,
    checkins: String,
    no_checkins: bool,
    compared: Vec<String>,
    notes: Vec<String>,
    wins: Vec<WinRow>,
    actions: Vec<ActionRow>,
    activities: Vec<ActivityRow>,
    skipped: Option<String>,
    grounding: Vec<GroundRow>,
    quiet: Option<String>,
    suggestion: String,
    next: Link,
    earlier: Option<String>,
    later: Option<String>,
    check_in: &'static str,
    note_a_win: &'static str,
}

/// "Tue 24 Mar".
fn when(m: &thaw_core::Moment) -> String {
    m.zoned().strftime("%a %-d %b").to_string()
}

async fn week(state: Scope, Query(q): Query<UntilQuery>) -> Result<Response, PageError> {
    let (until, today) = until_of(&state, &q)?;
    let r = state.run(move |thaw| thaw.week_review(until)).await?;
    let w = week_words(&r);
    let step = i64::from(WEEK_DAYS);
    let page = WeekPage {
        nav: "review",
        dates: w.dates,
        checkins: w.checkins,
        no_checkins: w.no_checkins,
        compared: w.compared,
        notes: [w.compared_note, w.harder].into_iter().flatten().collect(),
        wins: r
            .wins
            .iter()
            .map(|x| WinRow {
                when: when(&x.at),
                text: x.text.clone(),
            })
            .collect(),
        actions: r
            .value_actions
            .iter()
            .map(|a| ActionRow {
                when: when(&a.at),
                value: a.value.clone(),
                text: a.text.clone(),
            })
            .collect(),
        activities: r
            .activities
            .iter()
            .map(|a| ActivityRow {
                name: a.name.clone(),
                words: activity_words(a),
            })
            .collect(),
        skipped: w.skipped,
        grounding: r
            .grounding
            .iter()
            .map(|g| GroundRow {
                when: when(&g.at),
                title: g.title.clone(),
                numbness: grounding_words(g),
            })
            .collect(),
        quiet: w.quiet,
        next: next_link(&r.suggestion),
        suggestion: w.suggestion,
        earlier: earlier("/week", until, step),
        later: later("/week", until, step, today),
        check_in: words::CHECK_IN,
        note_a_win: words::NOTE_A_WIN,
    };
    Ok(render(StatusCode::OK, &page))
}

// ----------------------------------------------------------------- month

#[derive(Template)]
#[template(path = "review_month.html")]
struct MonthPage {
    nav: &'static str,
    dates: String,
    counts: Vec<String>,
    empty: Option<String>,
    compared: Vec<String>,
    notes: Vec<String>,
    since: Vec<String>,
    before: Option<String>,
    earlier: Option<String>,
    later: Option<String>,
    check_in: &'static str,
}

async fn month(state: Scope, Query(q): Query<UntilQuery>) -> Result<Response, PageError> {
    let (until, today) = until_of(&state, &q)?;
    let r = state.run(move |thaw| thaw.month_review(until)).await?;
    let w = month_words(&r);
    let step = i64::from(MONTH_DAYS);
    let before = r
        .before
        .as_ref()
        .filter(|_| !w.compared.is_empty())
        .map(|p| format!("{} to {}", short_day(p.from), short_day(p.to)));
    let page = MonthPage {
        nav: "month",
        dates: w.dates,
        counts: w.counts,
        empty: w.empty,
        compared: w.compared,
        notes: [w.compared_note, w.harder].into_iter().flatten().collect(),
        since: [w.since, w.first_win, w.latest_win]
            .into_iter()
            .flatten()
            .collect(),
        before,
        earlier: earlier("/month", until, step),
        later: later("/month", until, step, today),
        check_in: words::CHECK_IN,
    };
    Ok(render(StatusCode::OK, &page))
}
