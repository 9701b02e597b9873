//! The re-engagement pages: today's plan (`/plan`), activities and the
//! starter library (`/activities`), a proposed week (`/plan/week`), core
//! values (`/values`), the social ladder (`/social`), small wins
//! (`/wins`) and self-care anchors (`/selfcare`).
//!
//! Like [`crate::pages`], handlers hold no rules: they read the form, call
//! the use cases in `thaw_app` (`activities`, `today`, `engage`, `week`)
//! and fill a view model for the template. A refused form is shown again
//! with what was typed and a message that names the field (status 400),
//! and nothing is written; a saved one redirects (303) to its page with a
//! short confirmation chosen from [`words`], never echoed from the URL.
//!
//! Deliberately not here: the calendar feed and its page, and any JSON
//! (the API lives in `api.rs` and `api_engage.rs`).

use askama::Template;
use axum::body::Bytes;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::civil::Date;
use serde::Deserialize;
use thaw_app::AppError;
use thaw_app::activities::{ActivityDraft, LogDraft, gap_words, prepare_activity, prepare_log};
use thaw_app::engage::{
    default_anchors, ladder_words, prepare_selfcare, prepare_social_step, prepare_value,
    prepare_win,
};
use thaw_app::today::{LOW_ENERGY, TodayItem};
use thaw_app::week::days_words;
use thaw_core::activity::{Activity, Status, Tier};
use thaw_core::engage::{MAX_VALUES, SocialAttempt, VALUE_CHOICES};
use thaw_core::library::{Area, LIBRARY};
use thaw_core::{Moment, Rating};

use crate::Scope;
use crate::errors::{PageError, render};
use crate::forms::{FormData, split_list};
use crate::problems::Problems;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .route("/plan", get(plan))
        .route("/plan/week", get(week).post(accept_week))
        .route("/activities", get(activities).post(add_activity))
        .route("/activities/log", post(log_activity))
        .route("/activities/starter", post(add_starter))
        .route("/values", get(values).post(add_value))
        .route("/values/remove", post(remove_value))
        .route("/values/action", post(value_action))
        .route("/social", get(social).post(add_step))
        .route("/social/try", post(try_step))
        .route("/wins", get(wins).post(add_win))
        .route("/selfcare", get(selfcare).post(add_selfcare))
        .route("/selfcare/keep", post(keep_selfcare))
        .route("/selfcare/remove", post(remove_selfcare))
        .route("/selfcare/done", post(selfcare_done))
}

use crate::words::engage as words;

/// A confirmation for `key`, from a fixed list.
fn flash(key: Option<&str>) -> Option<&'static str> {
    Some(match key? {
        "value" => words::VALUE_DONE,
        "selfcare-done" => words::SELFCARE_DONE,
        "activity" => words::ACTIVITY_SAVED,
        "starter" => words::STARTER_ADDED,
        "week" => words::WEEK_SET,
        "week-none" => words::WEEK_NONE,
        "value-saved" => words::VALUE_SAVED,
        "value-removed" => words::VALUE_LET_GO,
        "step" => words::STEP_ADDED,
        "win" => words::WIN_SAVED,
        "kept" => words::ANCHORS_KEPT,
        "anchor" => words::ANCHOR_SAVED,
        "anchor-removed" => words::ANCHOR_REMOVED,
        _ => return None,
    })
}

// ------------------------------------------------------------- helpers

fn own(s: Option<&str>) -> Option<String> {
    s.map(|t| t.trim().to_owned())
}

fn text(s: Option<&str>) -> String {
    s.unwrap_or_default().to_owned()
}

fn today(state: &Scope) -> Date {
    thaw_app::today(state.thaw.settings(), state.clock.as_ref())
}

fn see_other(to: &str) -> Result<Response, PageError> {
    Ok(Redirect::to(to).into_response())
}

/// "Monday 2 March".
fn day_words(d: Date) -> String {
    d.strftime("%A %-d %B").to_string()
}

/// "mon,wed,fri at 08:00", "daily", "at 08:00", or nothing.
fn when_words(every: Option<&str>, time: Option<&str>) -> Option<String> {
    match (every.map(days_words), time) {
        (Some(d), Some(t)) => Some(format!("{d} at {t}")),
        (Some(d), None) => Some(d),
        (None, Some(t)) => Some(format!("at {t}")),
        (None, None) => None,
    }
}

/// The name of an activity version a person reads.
fn tier_words(t: Tier) -> &'static str {
    match t {
        Tier::Full => "Full version",
        Tier::Small => "Smaller version",
        Tier::Minimal => "Smallest version",
    }
}

/// A steadiness score as shown: a percentage, never a bare zero.
fn steadiness_words(score: u8) -> String {
    if score == 0 {
        words::STEADINESS_START.to_owned()
    } else {
        format!("{score}%")
    }
}

/// "one", "two", "three" (the numbers these pages say in words).
fn number_words(n: usize) -> String {
    match n {
        1 => "one".into(),
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        5 => "five".into(),
        n => n.to_string(),
    }
}

/// The first letter in capitals ("serves your value" → "Serves your value").
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Where a small "done" button sends the person back to.
fn back_to(form: &FormData, own_page: &str, key: &str) -> String {
    let energy = form
        .get("energy")
        .and_then(|e| Rating::parse("energy", e).ok())
        .map(|r| format!("energy={r}&"))
        .unwrap_or_default();
    match form.get("back") {
        Some("plan") => format!("/plan?{energy}saved={key}"),
        _ => format!("{own_page}?saved={key}"),
    }
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

// ---------------------------------------------------------------- plan

struct EnergyOption {
    value: u8,
    checked: bool,
}

struct ItemView {
    activity: String,
    /// The activities page with the log form filled in for this one.
    log_href: String,
    time: Option<String>,
    tier: &'static str,
    smaller: bool,
    text: String,
    expect: Option<String>,
    done: bool,
}

impl ItemView {
    fn new(i: &TodayItem) -> Self {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("log", &i.activity)
            .append_pair("tier", i.tier.key())
            .finish();
        Self {
            activity: i.activity.clone(),
            log_href: format!("/activities?{query}#log"),
            time: i.time.clone(),
            tier: tier_words(i.tier),
            smaller: i.tier != Tier::Full,
            text: i.text.clone(),
            expect: i.expect.clone(),
            done: i.done,
        }
    }
}

struct AnchorView {
    name: String,
    when: Option<String>,
    hint: Option<String>,
    done: bool,
    removable: bool,
}

struct ValueItemView {
    value: String,
    action: String,
    done: bool,
}

#[derive(Template)]
#[template(path = "today_plan.html")]
struct PlanPage {
    nav: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    day: String,
    energy_options: Vec<EnergyOption>,
    from_checkin: bool,
    /// The energy the person chose here ("" when it came from a check-in).
    energy_given: String,
    energy_words: String,
    items: Vec<ItemView>,
    maybe_today: Vec<ItemView>,
    selfcare: Vec<AnchorView>,
    values: Vec<ValueItemView>,
    grounding_title: String,
    grounding_why: String,
    relapse: Option<Vec<String>>,
    has_activities: bool,
}

#[derive(Deserialize)]
struct PlanQuery {
    energy: Option<String>,
    saved: Option<String>,
}

async fn plan(state: Scope, Query(q): Query<PlanQuery>) -> Result<Response, PageError> {
    let given = q.energy.as_deref().filter(|e| !e.trim().is_empty());
    let (energy, problem) = match given.map(|e| Rating::parse("energy", e)).transpose() {
        Ok(r) => (r.map(Rating::get), Problems::default()),
        Err(e) => (None, Problems::new("energy", &e)),
    };
    let date = today(&state);
    let (plan, has_activities) = state
        .run(move |thaw| {
            Ok((
                thaw.today_plan(date, energy)?,
                !thaw.activities()?.is_empty(),
            ))
        })
        .await?;
    let energy_words = match (plan.energy, energy) {
        (None, _) => words::ENERGY_NONE.to_owned(),
        (Some(e), given) => {
            let from = if given.is_some() {
                format!("Fitted to energy {e}.")
            } else {
                format!("Fitted to energy {e}, from today's check-in.")
            };
            if e <= LOW_ENERGY {
                format!("{from} {}", words::ENERGY_LOW)
            } else {
                from
            }
        }
    };
    let page = PlanPage {
        nav: "plan",
        flash: flash(q.saved.as_deref()),
        day: day_words(plan.date),
        energy_options: (0..=10)
            .map(|n| EnergyOption {
                value: n,
                checked: energy == Some(n),
            })
            .collect(),
        from_checkin: energy.is_none(),
        energy_given: energy.map(|e| e.to_string()).unwrap_or_default(),
        energy_words,
        items: plan.items.iter().map(ItemView::new).collect(),
        maybe_today: plan.maybe_today.iter().map(ItemView::new).collect(),
        selfcare: plan
            .selfcare
            .iter()
            .map(|s| AnchorView {
                name: s.name.clone(),
                when: s.time.as_deref().map(|t| format!("around {t}")),
                hint: s.hint.clone(),
                done: s.done,
                removable: false,
            })
            .collect(),
        values: plan
            .values
            .iter()
            .map(|v| ValueItemView {
                value: v.value.clone(),
                action: v.action.clone(),
                done: v.done,
            })
            .collect(),
        grounding_title: plan.grounding.title.clone(),
        grounding_why: plan.grounding.why.clone(),
        relapse: plan.relapse_plan.clone().filter(|r| !r.is_empty()),
        has_activities,
        problem,
    };
    Ok(render(page.problem.status(), &page))
}

// ---------------------------------------------------------- activities

struct ActivityView {
    name: String,
    when: Option<String>,
    small: Option<String>,
    minimal: Option<String>,
    expect: Option<String>,
    values: String,
    /// "64%", or kind words while it is still near nothing.
    steadiness: Option<String>,
}

struct StarterView {
    name: &'static str,
    full: &'static str,
    minimal: &'static str,
    expect: &'static str,
    mine: bool,
}

struct AreaView {
    key: &'static str,
    title: &'static str,
    starters: Vec<StarterView>,
}

/// What the add form holds (empty, or what was sent back).
#[derive(Default)]
struct ActivityForm {
    name: String,
    small: String,
    minimal: String,
    expect: String,
    values: String,
    every: String,
    time: String,
}

/// What the log form holds.
#[derive(Default)]
struct LogForm {
    activity: String,
    tier: String,
    status: String,
    predicted: String,
    actual: String,
    note: String,
}

struct NameOption {
    name: String,
    selected: bool,
}

/// One radio button of a small fixed group.
struct Choice {
    value: &'static str,
    label: &'static str,
    checked: bool,
}

fn choices(list: &[(&'static str, &'static str)], current: &str) -> Vec<Choice> {
    let current = if list.iter().any(|(v, _)| *v == current) {
        current
    } else {
        list.first().map(|(v, _)| *v).unwrap_or_default()
    };
    list.iter()
        .map(|&(value, label)| Choice {
            value,
            label,
            checked: value == current,
        })
        .collect()
}

const TIERS: [(&str, &str); 3] = [
    ("full", "The full version"),
    ("small", "A smaller version"),
    ("minimal", "The smallest version"),
];

const STATUSES: [(&str, &str); 3] = [
    ("done", "Did it"),
    ("partial", "Did part of it"),
    ("skipped", "Not this time"),
];

#[derive(Template)]
#[template(path = "activities.html")]
struct ActivitiesPage {
    nav: &'static str,
    flash: Option<&'static str>,
    gap: Option<String>,
    problem: Problems,
    activities: Vec<ActivityView>,
    add: ActivityForm,
    log: LogForm,
    log_options: Vec<NameOption>,
    tiers: Vec<Choice>,
    statuses: Vec<Choice>,
    areas: Vec<AreaView>,
    library_open: bool,
    library_count: usize,
}

#[derive(Deserialize, Default)]
struct ActivitiesQuery {
    saved: Option<String>,
    logged: Option<String>,
    p: Option<String>,
    a: Option<String>,
    log: Option<String>,
    tier: Option<String>,
}

async fn activities(state: Scope, Query(q): Query<ActivitiesQuery>) -> Result<Response, PageError> {
    let logged = q
        .logged
        .as_deref()
        .and_then(|s| Status::parse("status", s).ok());
    let mut message = flash(q.saved.as_deref());
    let mut gap = None;
    if let Some(status) = logged {
        message = Some(if status == Status::Skipped {
            words::SKIPPED
        } else {
            words::ACTIVITY_DONE
        });
        // The gap in words, from the two numbers the log carried.
        let draft = LogDraft {
            activity: "it".into(),
            predicted: q.p.clone(),
            actual: q.a.clone(),
            ..Default::default()
        };
        gap = prepare_log(&draft, state.thaw.settings(), state.clock.as_ref())
            .ok()
            .and_then(|l| gap_words(&l));
    }
    let log = LogForm {
        activity: text(q.log.as_deref()),
        tier: text(q.tier.as_deref()),
        ..Default::default()
    };
    let mut page =
        activities_page(&state, Problems::default(), ActivityForm::default(), log).await?;
    page.flash = message;
    page.gap = gap;
    Ok(render(StatusCode::OK, &page))
}

async fn activities_page(
    state: &Scope,
    problem: Problems,
    add: ActivityForm,
    log: LogForm,
) -> Result<ActivitiesPage, PageError> {
    let date = today(state);
    let (mine, steadiness) = state
        .run(move |thaw| Ok((thaw.activities()?, thaw.steadiness(date)?)))
        .await?;
    let has = |name: &str| mine.iter().any(|a| a.name.eq_ignore_ascii_case(name));
    let areas = Area::ALL
        .iter()
        .map(|&area| AreaView {
            key: area.key(),
            title: area.title(),
            starters: LIBRARY
                .iter()
                .filter(|s| s.area == area)
                .map(|s| StarterView {
                    name: s.name,
                    full: s.full,
                    minimal: s.minimal,
                    expect: s.expect,
                    mine: has(s.name),
                })
                .collect(),
        })
        .filter(|a| !a.starters.is_empty())
        .collect();
    let log_options = mine
        .iter()
        .map(|a| NameOption {
            name: a.name.clone(),
            selected: a.name.eq_ignore_ascii_case(log.activity.trim()),
        })
        .collect();
    Ok(ActivitiesPage {
        nav: "activities",
        flash: None,
        gap: None,
        problem,
        library_open: mine.is_empty(),
        library_count: LIBRARY.len(),
        activities: mine
            .iter()
            .map(|a| ActivityView {
                name: a.name.clone(),
                when: when_words(a.every.as_deref(), a.time.as_deref()),
                small: a.small.clone(),
                minimal: a.minimal.clone(),
                expect: a.expect.clone(),
                values: a.values.join(", "),
                steadiness: steadiness
                    .iter()
                    .find(|s| s.activity == a.name)
                    .map(|s| steadiness_words(s.score)),
            })
            .collect(),
        tiers: choices(&TIERS, log.tier.trim()),
        statuses: choices(&STATUSES, log.status.trim()),
        log_options,
        add,
        log,
        areas,
    })
}

async fn refused_activities(
    state: &Scope,
    problem: Problems,
    add: ActivityForm,
    log: LogForm,
) -> Result<Response, PageError> {
    let page = activities_page(state, problem, add, log).await?;
    Ok(render(page.problem.status(), &page))
}

async fn add_activity(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let draft = ActivityDraft {
        name: text(f.get("name")),
        small: own(f.get("small")),
        minimal: own(f.get("minimal")),
        expect: own(f.get("expect")),
        values: f.all("values").flat_map(split_list).collect(),
        every: own(f.get("every")),
        time: own(f.get("time")),
    };
    let activity = match prepare_activity(&draft) {
        Ok(a) => a,
        Err(e) => {
            let typed = ActivityForm {
                name: draft.name.clone(),
                small: text(f.get("small")),
                minimal: text(f.get("minimal")),
                expect: text(f.get("expect")),
                values: draft.values.join(", "),
                every: text(f.get("every")),
                time: text(f.get("time")),
            };
            return refused_activities(&state, Problems::new("add", &e), typed, LogForm::default())
                .await;
        }
    };
    state.run(move |thaw| thaw.save_activity(&activity)).await?;
    see_other("/activities?saved=activity")
}

async fn add_starter(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let draft = ActivityDraft {
        name: text(f.get("name")),
        ..Default::default()
    };
    let activity = match prepare_activity(&draft) {
        Ok(a) => a,
        Err(e) => {
            return refused_activities(
                &state,
                Problems::new("library", &e),
                ActivityForm::default(),
                LogForm::default(),
            )
            .await;
        }
    };
    state
        .run(move |thaw| {
            // Adding an idea twice keeps what the person already made of it.
            let have = thaw
                .activities()?
                .iter()
                .any(|a| a.name.eq_ignore_ascii_case(&activity.name));
            if have {
                Ok(())
            } else {
                thaw.save_activity(&activity)
            }
        })
        .await?;
    see_other("/activities?saved=starter")
}

async fn log_activity(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let draft = LogDraft {
        activity: text(f.get("activity")),
        tier: own(f.get("tier")),
        status: own(f.get("status")),
        predicted: own(f.get("predicted")),
        actual: own(f.get("actual")),
        at: None,
        note: own(f.get("note")),
    };
    let log = match prepare_log(&draft, state.thaw.settings(), state.clock.as_ref()) {
        Ok(l) => l,
        Err(e) => {
            let typed = LogForm {
                activity: draft.activity.clone(),
                tier: text(f.get("tier")),
                status: text(f.get("status")),
                predicted: text(f.get("predicted")),
                actual: text(f.get("actual")),
                note: text(f.get("note")),
            };
            return refused_activities(
                &state,
                Problems::new("log", &e),
                ActivityForm::default(),
                typed,
            )
            .await;
        }
    };
    let to = {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("logged", log.status.key());
        if let (Some(p), Some(a)) = (log.predicted, log.actual) {
            query
                .append_pair("p", &p.to_string())
                .append_pair("a", &a.to_string());
        }
        format!("/activities?{}", query.finish())
    };
    state.run(move |thaw| thaw.log_activity(&log)).await?;
    see_other(&to)
}

// ---------------------------------------------------------------- week

struct WeekItemView {
    index: usize,
    name: String,
    days: String,
    time: String,
    why: String,
    small: Option<String>,
    expect: Option<String>,
    checked: bool,
    days_invalid: bool,
    time_invalid: bool,
}

#[derive(Template)]
#[template(path = "week.html")]
struct WeekPage {
    nav: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    week_of: String,
    items: Vec<WeekItemView>,
}

async fn week(state: Scope, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    let date = today(&state);
    let proposal = state.run(move |thaw| thaw.propose_week(date)).await?;
    let page = WeekPage {
        nav: "week",
        flash: flash(q.saved.as_deref()),
        problem: Problems::default(),
        week_of: day_words(proposal.week_of),
        items: proposal
            .items
            .iter()
            .enumerate()
            .map(|(index, p)| WeekItemView {
                index,
                name: p.activity.name.clone(),
                days: p.days.clone(),
                time: p.activity.time.clone().unwrap_or_default(),
                why: sentence(&p.why),
                small: p.activity.small.clone(),
                expect: p.activity.expect.clone(),
                checked: true,
                days_invalid: false,
                time_invalid: false,
            })
            .collect(),
    };
    Ok(render(StatusCode::OK, &page))
}

/// The most items one week form may carry.
const WEEK_FORM_MAX: usize = 20;

async fn accept_week(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let date = today(&state);
    let (proposal, mine) = state
        .run(move |thaw| Ok((thaw.propose_week(date)?, thaw.activities()?)))
        .await?;
    let taken: Vec<&str> = f.all("take").collect();
    let mut rows = Vec::new();
    let mut accepted: Vec<Activity> = Vec::new();
    let mut refused: Option<Problems> = None;
    for index in 0..WEEK_FORM_MAX {
        let Some(name) = f.all(&format!("name-{index}")).next().map(str::trim) else {
            break;
        };
        let days = text(f.get(&format!("days-{index}")));
        let time = text(f.get(&format!("time-{index}")));
        let checked = taken.contains(&index.to_string().as_str());
        // The smaller versions come from the proposal, or the person's own
        // activity of that name (a starter's are filled in by the check).
        let proposed = proposal
            .items
            .iter()
            .find(|p| p.activity.name.eq_ignore_ascii_case(name));
        let base = proposed
            .map(|p| &p.activity)
            .or_else(|| mine.iter().find(|a| a.name.eq_ignore_ascii_case(name)));
        rows.push(WeekItemView {
            index,
            name: name.to_owned(),
            days: days.clone(),
            time: time.clone(),
            why: proposed.map(|p| sentence(&p.why)).unwrap_or_default(),
            small: base.and_then(|b| b.small.clone()),
            expect: base.and_then(|b| b.expect.clone()),
            checked,
            days_invalid: false,
            time_invalid: false,
        });
        if !checked || refused.is_some() {
            continue;
        }
        let draft = ActivityDraft {
            name: name.to_owned(),
            small: base.and_then(|b| b.small.clone()),
            minimal: base.and_then(|b| b.minimal.clone()),
            expect: base.and_then(|b| b.expect.clone()),
            values: base.map(|b| b.values.clone()).unwrap_or_default(),
            every: Some(days).filter(|d| !d.trim().is_empty()),
            time: Some(time).filter(|t| !t.trim().is_empty()),
        };
        match prepare_activity(&draft) {
            Ok(a) => accepted.push(a),
            Err(e) => {
                let input = match e.field.as_str() {
                    "every" => "days",
                    "time" => "time",
                    _ => "name",
                };
                if let Some(row) = rows.last_mut() {
                    row.days_invalid = input == "days";
                    row.time_invalid = input == "time";
                }
                refused = Some(Problems::with(
                    "week",
                    format!("{input}-{index}"),
                    format!(
                        "Item {} (\"{name}\"), {input} — {:?}: {}.",
                        index + 1,
                        e.value,
                        e.allowed
                    ),
                ));
            }
        }
    }
    if let Some(problem) = refused {
        let page = WeekPage {
            nav: "week",
            flash: None,
            problem,
            week_of: day_words(proposal.week_of),
            items: rows,
        };
        return Ok(render(StatusCode::BAD_REQUEST, &page));
    }
    if accepted.is_empty() {
        return see_other("/plan/week?saved=week-none");
    }
    state.run(move |thaw| thaw.accept_week(&accepted)).await?;
    see_other("/activities?saved=week")
}

// -------------------------------------------------------------- values

struct ValueChoiceView {
    id: String,
    name: &'static str,
    about: &'static str,
    chosen: bool,
    checked: bool,
}

struct MyValueView {
    name: String,
    why: Option<String>,
}

struct ActionRow {
    when: String,
    value: String,
    text: String,
}

#[derive(Default)]
struct ValueForm {
    value: String,
    own: String,
    why: String,
}

#[derive(Default)]
struct ActionForm {
    value: String,
    text: String,
}

#[derive(Template)]
#[template(path = "values.html")]
struct ValuesPage {
    nav: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    mine: Vec<MyValueView>,
    full: bool,
    max: String,
    choices: Vec<ValueChoiceView>,
    form: ValueForm,
    action: ActionForm,
    action_options: Vec<NameOption>,
    recent: Vec<ActionRow>,
}

async fn values(state: Scope, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    let mut page = values_page(
        &state,
        Problems::default(),
        ValueForm::default(),
        ActionForm::default(),
    )
    .await?;
    page.flash = flash(q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

async fn values_page(
    state: &Scope,
    problem: Problems,
    form: ValueForm,
    action: ActionForm,
) -> Result<ValuesPage, PageError> {
    let date = today(state);
    let from = date.checked_sub(jiff::Span::new().days(29)).unwrap_or(date);
    let (mine, actions) = state
        .run(move |thaw| Ok((thaw.values()?, thaw.value_actions(Some(from), Some(date))?)))
        .await?;
    let picked = form.value.trim().to_lowercase();
    let choices = VALUE_CHOICES
        .iter()
        .map(|c| ValueChoiceView {
            id: format!("value-{}", c.name),
            name: c.name,
            about: c.about,
            chosen: mine.iter().any(|m| m.name == c.name),
            checked: picked == c.name,
        })
        .collect();
    let wanted = action.value.trim().to_lowercase();
    Ok(ValuesPage {
        nav: "values",
        flash: None,
        problem,
        full: mine.len() >= MAX_VALUES,
        max: number_words(MAX_VALUES),
        choices,
        action_options: mine
            .iter()
            .map(|m| NameOption {
                name: m.name.clone(),
                selected: m.name == wanted,
            })
            .collect(),
        mine: mine
            .iter()
            .map(|m| MyValueView {
                name: m.name.clone(),
                why: m.why.clone(),
            })
            .collect(),
        recent: actions
            .iter()
            .rev()
            .take(20)
            .map(|a| ActionRow {
                when: a.at.zoned().strftime("%a %-d %b").to_string(),
                value: a.value.clone(),
                text: a.text.clone(),
            })
            .collect(),
        form,
        action,
    })
}

async fn refused_values(
    state: &Scope,
    problem: Problems,
    form: ValueForm,
    action: ActionForm,
) -> Result<Response, PageError> {
    let page = values_page(state, problem, form, action).await?;
    Ok(render(page.problem.status(), &page))
}

async fn add_value(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let typed = ValueForm {
        value: text(f.get("value")),
        own: text(f.get("own")),
        why: text(f.get("why")),
    };
    // The person's own words win over a listed choice.
    let name = f.get("own").or(f.get("value")).unwrap_or_default();
    let value = match prepare_value(name, f.get("why")) {
        Ok(v) => v,
        Err(e) => {
            return refused_values(
                &state,
                Problems::new("value", &e),
                typed,
                ActionForm::default(),
            )
            .await;
        }
    };
    match state.run(move |thaw| thaw.add_value(&value)).await {
        Ok(_) => see_other("/values?saved=value-saved"),
        Err(AppError::Input(e)) => {
            refused_values(
                &state,
                Problems::new("value", &e),
                typed,
                ActionForm::default(),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

async fn remove_value(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let name = text(f.get("name"));
    state.run(move |thaw| thaw.remove_value(&name)).await?;
    see_other("/values?saved=value-removed")
}

async fn value_action(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let value = text(f.get("value"));
    let done = text(f.get("text"));
    let typed = ActionForm {
        value: value.clone(),
        text: done.clone(),
    };
    let clock = state.clock.clone();
    match state
        .run(move |thaw| thaw.act_on_value(&value, &done, None, clock.as_ref()))
        .await
    {
        Ok(_) => see_other(&back_to(&f, "/values", "value")),
        Err(AppError::Input(e)) => {
            refused_values(
                &state,
                Problems::new("action", &e),
                ValueForm::default(),
                typed,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

// -------------------------------------------------------------- social

struct RungView {
    name: String,
    difficulty: u8,
    attempts: usize,
    comfort: Option<u8>,
    next: bool,
}

#[derive(Default)]
struct StepForm {
    step: String,
    difficulty: String,
}

#[derive(Default)]
struct TryForm {
    step: String,
    comfort: String,
}

#[derive(Template)]
#[template(path = "social.html")]
struct SocialPage {
    nav: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    rungs: Vec<RungView>,
    suggestion: Option<String>,
    add: StepForm,
    attempt: TryForm,
    step_options: Vec<NameOption>,
}

#[derive(Deserialize, Default)]
struct SocialQuery {
    saved: Option<String>,
    tried: Option<String>,
    comfort: Option<String>,
}

async fn social(state: Scope, Query(q): Query<SocialQuery>) -> Result<Response, PageError> {
    let tried = match (q.tried.as_deref(), q.comfort.as_deref()) {
        (Some(step), Some(comfort)) => thaw_core::engage::parse_percent("comfort", comfort)
            .ok()
            .map(|c| (step.to_owned(), c)),
        _ => None,
    };
    let mut page = social_page(
        &state,
        Problems::default(),
        StepForm::default(),
        TryForm::default(),
        tried.clone(),
    )
    .await?;
    page.flash = if tried.is_some() {
        Some(words::STEP_TRIED)
    } else {
        flash(q.saved.as_deref())
    };
    Ok(render(StatusCode::OK, &page))
}

async fn social_page(
    state: &Scope,
    problem: Problems,
    add: StepForm,
    attempt: TryForm,
    tried: Option<(String, u8)>,
) -> Result<SocialPage, PageError> {
    let view = state.run(|thaw| thaw.ladder()).await?;
    // The attempt just recorded, for the suggestion's words.
    let latest = tried
        .filter(|(step, _)| view.steps.iter().any(|r| r.name == *step))
        .map(|(step, comfort)| SocialAttempt {
            id: thaw_core::new_id(),
            step,
            at: Moment::now_in(state.clock.now(), &state.thaw.settings().time_zone()),
            comfort,
        });
    let wanted = attempt.step.trim().to_lowercase();
    Ok(SocialPage {
        nav: "social",
        flash: None,
        problem,
        suggestion: ladder_words(&view, latest.as_ref()),
        step_options: view
            .steps
            .iter()
            .map(|r| NameOption {
                name: r.name.clone(),
                selected: r.name.to_lowercase() == wanted,
            })
            .collect(),
        rungs: view
            .steps
            .iter()
            .map(|r| RungView {
                name: r.name.clone(),
                difficulty: r.difficulty,
                attempts: r.attempts,
                comfort: r.latest_comfort,
                next: view.next.as_deref() == Some(r.name.as_str()),
            })
            .collect(),
        add,
        attempt,
    })
}

async fn refused_social(
    state: &Scope,
    problem: Problems,
    add: StepForm,
    attempt: TryForm,
) -> Result<Response, PageError> {
    let page = social_page(state, problem, add, attempt, None).await?;
    Ok(render(page.problem.status(), &page))
}

async fn add_step(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let typed = StepForm {
        step: text(f.get("step")),
        difficulty: text(f.get("difficulty")),
    };
    let step = match prepare_social_step(&typed.step, &typed.difficulty) {
        Ok(s) => s,
        Err(e) => {
            return refused_social(&state, Problems::new("step", &e), typed, TryForm::default())
                .await;
        }
    };
    state.run(move |thaw| thaw.add_social_step(&step)).await?;
    see_other("/social?saved=step")
}

async fn try_step(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let typed = TryForm {
        step: text(f.get("step")),
        comfort: text(f.get("comfort")),
    };
    let (step, comfort) = (typed.step.clone(), typed.comfort.clone());
    let clock = state.clock.clone();
    match state
        .run(move |thaw| thaw.try_social_step(&step, &comfort, None, clock.as_ref()))
        .await
    {
        Ok(attempt) => {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("tried", &attempt.step)
                .append_pair("comfort", &attempt.comfort.to_string())
                .finish();
            see_other(&format!("/social?{query}"))
        }
        Err(AppError::Input(e)) => {
            refused_social(&state, Problems::new("try", &e), StepForm::default(), typed).await
        }
        Err(other) => Err(other.into()),
    }
}

// ---------------------------------------------------------------- wins

struct WinRow {
    when: String,
    text: String,
}

struct DoneRow {
    name: String,
    times: String,
}

#[derive(Template)]
#[template(path = "wins.html")]
struct WinsPage {
    nav: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    text: String,
    from: String,
    to: String,
    wins: Vec<WinRow>,
    actions: Vec<ActionRow>,
    done: Vec<DoneRow>,
}

fn times_words(n: usize) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

async fn wins(state: Scope, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    let mut page = wins_page(&state, Problems::default(), String::new()).await?;
    page.flash = flash(q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

async fn wins_page(state: &Scope, problem: Problems, typed: String) -> Result<WinsPage, PageError> {
    let date = today(state);
    let back = state.run(move |thaw| thaw.look_back(date)).await?;
    let short = |d: Date| d.strftime("%a %-d %b").to_string();
    Ok(WinsPage {
        nav: "wins",
        flash: None,
        problem,
        text: typed,
        from: short(back.from),
        to: short(back.to),
        wins: back
            .wins
            .iter()
            .rev()
            .map(|w| WinRow {
                when: w.at.zoned().strftime("%a %-d %b").to_string(),
                text: w.text.clone(),
            })
            .collect(),
        actions: back
            .value_actions
            .iter()
            .rev()
            .map(|a| ActionRow {
                when: a.at.zoned().strftime("%a %-d %b").to_string(),
                value: a.value.clone(),
                text: a.text.clone(),
            })
            .collect(),
        done: back
            .activities_done
            .iter()
            .map(|(name, n)| DoneRow {
                name: name.clone(),
                times: times_words(*n),
            })
            .collect(),
    })
}

async fn add_win(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let typed = text(f.get("text"));
    let win = match prepare_win(&typed, None, state.thaw.settings(), state.clock.as_ref()) {
        Ok(w) => w,
        Err(e) => {
            let page = wins_page(&state, Problems::new("win", &e), typed).await?;
            return Ok(render(StatusCode::BAD_REQUEST, &page));
        }
    };
    state.run(move |thaw| thaw.add_win(&win)).await?;
    see_other("/wins?saved=win")
}

// ------------------------------------------------------------ self-care

#[derive(Default)]
struct AnchorForm {
    name: String,
    every: String,
    time: String,
}

#[derive(Template)]
#[template(path = "selfcare.html")]
struct SelfcarePage {
    nav: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    suggested: bool,
    anchors: Vec<AnchorView>,
    form: AnchorForm,
}

async fn selfcare(state: Scope, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    let mut page = selfcare_page(&state, Problems::default(), AnchorForm::default()).await?;
    page.flash = flash(q.saved.as_deref());
    Ok(render(StatusCode::OK, &page))
}

async fn selfcare_page(
    state: &Scope,
    problem: Problems,
    form: AnchorForm,
) -> Result<SelfcarePage, PageError> {
    let date = today(state);
    let (list, plan) = state
        .run(move |thaw| Ok((thaw.selfcare()?, thaw.today_plan(date, None)?)))
        .await?;
    let anchors = list
        .anchors
        .iter()
        .map(|a| AnchorView {
            name: a.name.clone(),
            when: when_words(a.every.as_deref(), a.time.as_deref()),
            hint: a.hint().map(str::to_owned),
            done: plan.selfcare.iter().any(|s| s.name == a.name && s.done),
            removable: !list.suggested,
        })
        .collect();
    Ok(SelfcarePage {
        nav: "selfcare",
        flash: None,
        problem,
        suggested: list.suggested,
        anchors,
        form,
    })
}

async fn refused_selfcare(
    state: &Scope,
    problem: Problems,
    form: AnchorForm,
) -> Result<Response, PageError> {
    let page = selfcare_page(state, problem, form).await?;
    Ok(render(page.problem.status(), &page))
}

async fn add_selfcare(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let typed = AnchorForm {
        name: text(f.get("name")),
        every: text(f.get("every")),
        time: text(f.get("time")),
    };
    let anchor = match prepare_selfcare(&typed.name, f.get("every"), f.get("time")) {
        Ok(a) => a,
        Err(e) => return refused_selfcare(&state, Problems::new("anchor", &e), typed).await,
    };
    state.run(move |thaw| thaw.add_selfcare(&anchor)).await?;
    see_other("/selfcare?saved=anchor")
}

async fn keep_selfcare(state: Scope) -> Result<Response, PageError> {
    state
        .run(|thaw| {
            if thaw.selfcare()?.suggested {
                for anchor in default_anchors() {
                    thaw.add_selfcare(&anchor)?;
                }
            }
            Ok(())
        })
        .await?;
    see_other("/selfcare?saved=kept")
}

async fn remove_selfcare(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let name = text(f.get("name"));
    state.run(move |thaw| thaw.remove_selfcare(&name)).await?;
    see_other("/selfcare?saved=anchor-removed")
}

async fn selfcare_done(state: Scope, body: Bytes) -> Result<Response, PageError> {
    let f = FormData::parse(&body);
    let name = text(f.get("name"));
    let clock = state.clock.clone();
    match state
        .run(move |thaw| thaw.selfcare_done(&name, None, clock.as_ref()))
        .await
    {
        Ok(_) => see_other(&back_to(&f, "/selfcare", "selfcare-done")),
        Err(AppError::Input(e)) => {
            refused_selfcare(&state, Problems::new("done", &e), AnchorForm::default()).await
        }
        Err(other) => Err(other.into()),
    }
}
