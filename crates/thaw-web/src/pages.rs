//! The pages people see: today (the check-in), history (a chart and the
//! list), journal (write, search). Each handler gathers data through the
//! use cases and fills a view model; the templates only lay it out.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use thaw_app::AppError;
use thaw_core::journal::JournalQuery;
use thaw_core::{Checkin, CheckinDraft, InputError, JournalEntry};

use crate::Scope;
use crate::errors::{PageError, refused_page, render};
use crate::forms::FormData;
use crate::problems::describe;
use crate::routes::Routes;
use crate::safety_pages::{RISK_OPENING, SupportView, support_for};

pub fn routes() -> Routes {
    Routes::new()
        .route("/", get(today))
        .route("/checkin", post(save_checkin))
        .route("/history", get(history))
        .route("/insights", get(insights))
        .route("/journal", get(journal).post(save_journal))
}

const STYLE_CSS: &str = include_str!("../static/style.css");
const GROUND_JS: &str = include_str!("../static/ground.js");
const MANIFEST: &str = include_str!("../static/manifest.webmanifest");
const ICON_SVG: &str = include_str!("../static/icon.svg");
const ICON_192: &[u8] = include_bytes!("../static/icon-192.png");
const ICON_512: &[u8] = include_bytes!("../static/icon-512.png");
const ICON_MASKABLE_512: &[u8] = include_bytes!("../static/icon-maskable-512.png");

pub async fn static_file(Path(file): Path<String>) -> Response {
    match file.as_str() {
        "style.css" => (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "max-age=300"),
            ],
            STYLE_CSS,
        )
            .into_response(),
        "ground.js" => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "max-age=300"),
            ],
            GROUND_JS,
        )
            .into_response(),
        "manifest.webmanifest" => day_cached("application/manifest+json", MANIFEST.as_bytes()),
        "icon.svg" => day_cached("image/svg+xml", ICON_SVG.as_bytes()),
        "icon-192.png" => day_cached("image/png", ICON_192),
        "icon-512.png" => day_cached("image/png", ICON_512),
        "icon-maskable-512.png" => day_cached("image/png", ICON_MASKABLE_512),
        _ => not_found().await,
    }
}

/// A file that changes only with a new release, kept for a day.
fn day_cached(content_type: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=86400"),
        ],
        body,
    )
        .into_response()
}

pub async fn not_found() -> Response {
    refused_page(StatusCode::NOT_FOUND, crate::words::NO_PAGE)
}

// ---------------------------------------------------------------- today

struct RatingOption {
    value: u8,
    checked: bool,
}

struct RatingField {
    name: &'static str,
    label: &'static str,
    low: &'static str,
    high: &'static str,
    skip_checked: bool,
    options: Vec<RatingOption>,
}

struct Chip {
    id: String,
    value: &'static str,
    checked: bool,
}

struct ChipGroup {
    title: &'static str,
    hint: &'static str,
    open: bool,
    chips: Vec<Chip>,
}

/// A check-in as one line of a list.
struct CheckinRow {
    when: String,
    ratings: String,
    words: String,
}

/// The rating buttons and sensation chips of the check-in form.
#[derive(Template)]
#[template(path = "checkin_choices.html")]
pub(crate) struct Choices {
    ratings: Vec<RatingField>,
    groups: Vec<ChipGroup>,
}

impl Choices {
    /// The choices with nothing picked: the same for every visit, so the
    /// app renders them once ([`crate::AppState`] keeps the markup).
    pub(crate) fn render_empty() -> Result<String, askama::Error> {
        Self::filled(&CheckinDraft::default()).0.render()
    }

    /// The choices with `draft`'s picks, and the sensations that are not
    /// in the vocabulary (the "own words" field).
    fn filled(draft: &CheckinDraft) -> (Self, String) {
        let (ratings, groups, own) = TodayPage::form(draft);
        (Self { ratings, groups }, own)
    }
}

#[derive(Template)]
#[template(path = "today.html")]
struct TodayPage {
    nav: &'static str,
    support: Option<SupportView>,
    relapse: Option<Vec<String>>,
    first_run: Option<String>,
    saved: bool,
    error: Option<String>,
    choices: String,
    feel_own: String,
    triggers: String,
    plan: String,
    note: String,
    today: Vec<CheckinRow>,
    /// The day at a glance and the next steps (as `thaw` shows them).
    start: thaw_app::start::StartScreen,
}

const RATINGS: [(&str, &str, &str, &str); 5] = [
    ("mood", "Mood", "very low", "very good"),
    (
        "numbness",
        "Numbness",
        "feelings fully present",
        "completely numb",
    ),
    ("energy", "Energy", "none", "plenty"),
    (
        "pleasure",
        "Pleasure or interest in things",
        "none",
        "a lot",
    ),
    ("connection", "Connection to people", "cut off", "close"),
];

impl TodayPage {
    /// The form, filled with `draft` (empty, or what was sent back).
    fn form(draft: &CheckinDraft) -> (Vec<RatingField>, Vec<ChipGroup>, String) {
        let given = [
            &draft.mood,
            &draft.numbness,
            &draft.energy,
            &draft.pleasure,
            &draft.connection,
        ];
        let ratings = RATINGS
            .iter()
            .zip(given)
            .map(|(&(name, label, low, high), value)| {
                let value = value.as_deref().map(str::trim);
                RatingField {
                    name,
                    label,
                    low,
                    high,
                    skip_checked: value.is_none(),
                    options: (0..=10)
                        .map(|n| RatingOption {
                            value: n,
                            checked: value == Some(n.to_string().as_str()),
                        })
                        .collect(),
                }
            })
            .collect();
        let vocabulary: Vec<&str> = thaw_core::feelings::all().collect();
        let groups = thaw_core::feelings::VOCABULARY
            .iter()
            .enumerate()
            .map(|(gi, g)| ChipGroup {
                title: g.title,
                hint: g.hint,
                open: gi == 0
                    || g.statements
                        .iter()
                        .any(|s| draft.sensations.iter().any(|d| d == s)),
                chips: g
                    .statements
                    .iter()
                    .enumerate()
                    .map(|(ci, s)| Chip {
                        id: format!("feel-{gi}-{ci}"),
                        value: s,
                        checked: draft.sensations.iter().any(|d| d == s),
                    })
                    .collect(),
            })
            .collect();
        let own: Vec<&str> = draft
            .sensations
            .iter()
            .map(String::as_str)
            .filter(|s| !vocabulary.contains(s))
            .collect();
        (ratings, groups, own.join(", "))
    }
}

#[derive(Deserialize)]
struct TodayQuery {
    saved: Option<String>,
    support: Option<String>,
}

async fn today(state: Scope, Query(q): Query<TodayQuery>) -> Result<Response, PageError> {
    let support = q
        .support
        .is_some()
        .then(|| support_for(&state, RISK_OPENING))
        .transpose()?;
    today_page(
        &state,
        q.saved.is_some(),
        support,
        None,
        &CheckinDraft::default(),
    )
    .await
}

async fn today_page(
    state: &Scope,
    saved: bool,
    support: Option<SupportView>,
    error: Option<InputError>,
    draft: &CheckinDraft,
) -> Result<Response, PageError> {
    let settings = state.thaw.settings().clone();
    let day = thaw_app::today(&settings, state.clock.as_ref());
    let now = state.clock.now();
    let (empty, start) = state
        .run(move |thaw| Ok((thaw.is_empty()?, thaw.start_screen(day, now)?)))
        .await?;
    let (choices, feel_own) = if draft.has_no_ratings() && draft.sensations.is_empty() {
        (state.empty_choices.to_string(), String::new())
    } else {
        let (choices, own) = Choices::filled(draft);
        (
            choices.render().map_err(|e| AppError::Io {
                what: "the check-in form".into(),
                source: std::io::Error::other(e),
            })?,
            own,
        )
    };
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = TodayPage {
        nav: "today",
        support,
        relapse: start.relapse_plan.clone(),
        // The local notice (one file on this computer) is not true of a
        // hosted server.
        first_run: (empty && state.local_access().is_some()).then(|| state.data_dir.to_string()),
        saved,
        error: error.map(|e| describe(&e)),
        choices,
        feel_own,
        triggers: draft.triggers.join(", "),
        plan: draft.plan.clone().unwrap_or_default(),
        note: draft.note.clone().unwrap_or_default(),
        today: start.today.iter().rev().map(|c| row(c, "%H:%M")).collect(),
        start,
    };
    Ok(render(status, &page))
}

async fn save_checkin(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let draft = FormData::parse(&body).checkin();
    let settings = state.thaw.settings().clone();
    let checkin = match thaw_app::prepare_checkin(&draft, None, &settings, state.clock.as_ref()) {
        Ok(c) => c,
        Err(e) => return today_page(&state, false, None, Some(e), &draft).await,
    };
    let risk = thaw_core::risk::assess(&checkin_words(&checkin)).flagged;
    state.run(move |thaw| thaw.save_checkin(&checkin)).await?;
    Ok(Redirect::to(if risk {
        "/?saved=1&support=1"
    } else {
        "/?saved=1"
    })
    .into_response())
}

/// The words of a check-in, for the risk check.
pub(crate) fn checkin_words(c: &Checkin) -> String {
    [
        c.sensations.join(". "),
        c.triggers.join(". "),
        c.note.clone().unwrap_or_default(),
        c.plan.clone().unwrap_or_default(),
    ]
    .join(". ")
}

fn row(c: &Checkin, when: &str) -> CheckinRow {
    let ratings: Vec<String> = c
        .ratings()
        .iter()
        .filter_map(|(name, r)| r.map(|r| format!("{name} {r}")))
        .collect();
    let mut words = c.sensations.clone();
    if !c.triggers.is_empty() {
        words.push(format!("after: {}", c.triggers.join(", ")));
    }
    if let Some(plan) = &c.plan {
        words.push(format!("plan: {plan}"));
    }
    if let Some(note) = &c.note {
        words.push(format!("note: {note}"));
    }
    CheckinRow {
        when: c.at.zoned().strftime(when).to_string(),
        ratings: if ratings.is_empty() {
            "no ratings".to_owned()
        } else {
            ratings.join(" · ")
        },
        words: words.join("; "),
    }
}

// -------------------------------------------------------------- history

struct Range {
    days: i32,
    label: &'static str,
    current: bool,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    nav: &'static str,
    ranges: Vec<Range>,
    chart: String,
    description: String,
    rows: Vec<CheckinRow>,
}

#[derive(Deserialize)]
struct HistoryQuery {
    days: Option<String>,
}

/// The `days` of a page's query: 1 to 3650, `default` when absent.
fn days_param(given: Option<&str>, default: i32) -> Result<i32, PageError> {
    match given.map(str::parse::<i32>) {
        None => Ok(default),
        Some(Ok(n)) if (1..=3650).contains(&n) => Ok(n),
        Some(_) => Err(AppError::Input(InputError::new(
            "days",
            given.unwrap_or_default(),
            "use a number of days from 1 to 3650",
        ))
        .into()),
    }
}

/// The range links of a page, with the current one marked.
fn range_links(list: &[(i32, &'static str)], days: i32) -> Vec<Range> {
    list.iter()
        .map(|&(d, label)| Range {
            days: d,
            label,
            current: d == days,
        })
        .collect()
}

const RANGES: [(i32, &str); 4] = [
    (7, "7 days"),
    (30, "30 days"),
    (90, "90 days"),
    (365, "A year"),
];

async fn history(state: Scope, Query(q): Query<HistoryQuery>) -> Result<Response, PageError> {
    let days = days_param(q.days.as_deref(), 30)?;
    let settings = state.thaw.settings().clone();
    let today = thaw_app::today(&settings, state.clock.as_ref());
    let h = state.run(move |thaw| thaw.history(today, days)).await?;
    let page = HistoryPage {
        nav: "history",
        ranges: range_links(&RANGES, days),
        chart: thaw_report::svg::mood_numbness_chart(&h.points, h.from, h.to),
        description: thaw_report::svg::describe(&h.points, h.from, h.to),
        rows: h
            .checkins
            .iter()
            .rev()
            .map(|c| row(c, "%a %-d %b %H:%M"))
            .collect(),
    };
    Ok(render(StatusCode::OK, &page))
}

// -------------------------------------------------------------- journal

struct EntryRow {
    when: String,
    tags: Vec<String>,
    for_therapy: bool,
    paragraphs: Vec<String>,
}

#[derive(Template)]
#[template(path = "journal.html")]
struct JournalPage {
    nav: &'static str,
    support: Option<SupportView>,
    saved: bool,
    error: Option<String>,
    prompt: &'static str,
    text: String,
    tags: String,
    for_therapy: bool,
    q: String,
    tag: String,
    therapy_only: bool,
    filtered: bool,
    entries: Vec<EntryRow>,
}

#[derive(Deserialize, Default)]
struct JournalPageQuery {
    q: Option<String>,
    tag: Option<String>,
    therapy: Option<String>,
    saved: Option<String>,
    support: Option<String>,
}

async fn journal(state: Scope, Query(q): Query<JournalPageQuery>) -> Result<Response, PageError> {
    journal_page(&state, q, None, &thaw_core::JournalDraft::default()).await
}

async fn journal_page(
    state: &Scope,
    q: JournalPageQuery,
    error: Option<InputError>,
    draft: &thaw_core::JournalDraft,
) -> Result<Response, PageError> {
    let search = q.q.as_deref().filter(|s| !s.trim().is_empty());
    let tag = q.tag.as_deref().filter(|s| !s.trim().is_empty());
    let therapy_only = q.therapy.is_some();
    let query = JournalQuery::new(search, tag, therapy_only).map_err(AppError::Input)?;
    let filtered = query != JournalQuery::default();
    let entries: Vec<JournalEntry> = state.run(move |thaw| thaw.journal(&query)).await?;
    let settings = state.thaw.settings().clone();
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let support = q
        .support
        .is_some()
        .then(|| support_for(state, RISK_OPENING))
        .transpose()?;
    let page = JournalPage {
        nav: "journal",
        support,
        saved: q.saved.is_some(),
        error: error.map(|e| describe(&e)),
        prompt: thaw_app::journal_prompt(&settings, state.clock.as_ref()),
        text: draft.text.clone(),
        tags: draft.tags.join(", "),
        for_therapy: draft.for_therapy,
        q: search.unwrap_or_default().to_owned(),
        tag: tag.unwrap_or_default().to_owned(),
        therapy_only,
        filtered,
        entries: entries
            .iter()
            .map(|e| EntryRow {
                when: e.at.zoned().strftime("%a %-d %b %Y, %H:%M").to_string(),
                tags: e.tags.clone(),
                for_therapy: e.for_therapy,
                paragraphs: e.text.split("\n\n").map(str::to_owned).collect(),
            })
            .collect(),
    };
    Ok(render(status, &page))
}

async fn save_journal(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let draft = FormData::parse(&body).journal();
    let settings = state.thaw.settings().clone();
    let entry = match thaw_app::prepare_journal(&draft, None, &settings, state.clock.as_ref()) {
        Ok(e) => e,
        Err(e) => return journal_page(&state, JournalPageQuery::default(), Some(e), &draft).await,
    };
    let risk = thaw_core::risk::assess(&entry.text).flagged;
    state.run(move |thaw| thaw.save_journal(&entry)).await?;
    Ok(Redirect::to(if risk {
        "/journal?saved=1&support=1"
    } else {
        "/journal?saved=1"
    })
    .into_response())
}

// ------------------------------------------------------------- insights

#[derive(Template)]
#[template(path = "insights.html")]
struct InsightsPage {
    nav: &'static str,
    ranges: Vec<Range>,
    from: String,
    to: String,
    sentences: Vec<String>,
    next_step: Option<String>,
    relapse: Option<Vec<String>>,
    numbness_chart: String,
    activities_chart: String,
    coping_chart: String,
}

const INSIGHT_RANGES: [(i32, &str); 4] = [
    (30, "30 days"),
    (90, "90 days"),
    (180, "180 days"),
    (365, "A year"),
];

async fn insights(state: Scope, Query(q): Query<HistoryQuery>) -> Result<Response, PageError> {
    let days = days_param(q.days.as_deref(), 90)?;
    let settings = state.thaw.settings().clone();
    let today = thaw_app::today(&settings, state.clock.as_ref());
    let (i, history, plan) = state
        .run(move |thaw| {
            let i = thaw.insights(u32::try_from(days).unwrap_or(90), today)?;
            let history = thaw.history(today, days)?;
            let plan = thaw.plan(thaw_core::plan::PlanKind::Relapse)?;
            Ok((i, history, plan))
        })
        .await?;
    let summary = thaw_app::insights::summarize(&i);
    let page = InsightsPage {
        nav: "insights",
        ranges: range_links(&INSIGHT_RANGES, days),
        from: i.window.from.to_string(),
        to: i.window.to.to_string(),
        relapse: summary
            .offer_relapse_plan
            .then(|| plan.items.iter().flatten().cloned().collect()),
        sentences: summary.sentences,
        next_step: summary.next_step,
        numbness_chart: if i.window.days_with_checkins == 0 {
            String::new()
        } else {
            thaw_report::insights::numbness_chart(&i, &history.points)
        },
        activities_chart: thaw_report::insights::activities_chart(&i),
        coping_chart: thaw_report::insights::coping_chart(&i),
    };
    Ok(render(StatusCode::OK, &page))
}
