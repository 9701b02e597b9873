//! The JSON API for re-engagement: activities and their logs, today's
//! plan, the proposed week, core values and value actions, wins and the
//! weekly look-back, the social ladder and self-care anchors.
//!
//! Same rules as [`crate::api`]: bodies are read field by field (a wrong
//! type names its field), every check lives in `thaw-app`/`thaw-core`, and
//! nothing is written when a field is refused. Query parameters are read
//! by hand so that a refusal is always the API's error document.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use jiff::civil::Date;
use serde::Serialize;
use serde_json::{Map, Value as JsonValue};
use thaw_app::activities::{ActivityDraft, LogDraft, gap_words, prepare_activity, prepare_log};
use thaw_app::engage::{
    ladder_words, prepare_selfcare, prepare_social_step, prepare_value, prepare_win,
};
use thaw_core::activity::{Activity, ActivityLog};
use thaw_core::engage::{
    LadderRung, SelfCare, SelfCareLog, SocialAttempt, SocialStep, ValueAction, Win,
};
use thaw_core::{InputError, Rating};
use utoipa::{IntoParams, ToSchema};

use crate::Scope;
use crate::errors::{ApiError, ErrorBody};
use crate::routes::Routes;

/// A core value. (utoipa reads a type named plain `Value` as "any JSON",
/// so the schema positions use this name.)
pub type CoreValue = thaw_core::engage::Value;

pub fn routes() -> Routes {
    Routes::new()
        .route("/activities", get(list_activities).post(create_activity))
        .route("/activities/{name}/logs", post(log_named_activity))
        .route(
            "/activity-logs",
            get(list_activity_logs).post(create_activity_log),
        )
        .route("/today", get(today))
        .route("/plan/week", get(propose_week).post(accept_week))
        .route("/values", get(list_values).post(create_value))
        .route("/values/{name}", delete(delete_value))
        .route(
            "/value-actions",
            get(list_value_actions).post(create_value_action),
        )
        .route("/wins", get(list_wins).post(create_win))
        .route("/wins/week", get(look_back))
        .route("/social", get(social))
        .route("/social/steps", post(create_social_step))
        .route("/social/attempts", post(create_social_attempt))
        .route("/selfcare", get(list_selfcare).post(create_selfcare))
        .route("/selfcare/done", post(selfcare_done))
        .route("/selfcare/{name}", delete(delete_selfcare))
}

// ---------------------------------------------------------------------------
// Reading bodies, query strings and paths.

/// A JSON body's fields, read strictly: a wrong type names its field.
struct Body(Map<String, JsonValue>);

impl Body {
    fn parse(bytes: &Bytes) -> Result<Self, ApiError> {
        let value: JsonValue = serde_json::from_slice(bytes).map_err(ApiError::bad_json)?;
        Ok(Self::object("body", value)?)
    }

    fn object(field: &str, value: JsonValue) -> Result<Self, InputError> {
        match value {
            JsonValue::Object(map) => Ok(Self(map)),
            other => Err(InputError::new(
                field,
                other.to_string(),
                "send a JSON object",
            )),
        }
    }

    /// A string, or nothing (absent or null).
    fn text(&self, name: &str) -> Result<Option<String>, InputError> {
        match self.0.get(name) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(JsonValue::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(InputError::new(
                name,
                other.to_string(),
                "use a string, or null",
            )),
        }
    }

    /// A number as the domain reads typed numbers; its range is checked there.
    fn number(&self, name: &str, allowed: &str) -> Result<Option<String>, InputError> {
        match self.0.get(name) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(JsonValue::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(InputError::new(name, other.to_string(), allowed)),
        }
    }

    fn list(&self, name: &str) -> Result<Vec<String>, InputError> {
        let refuse = |v: &JsonValue| InputError::new(name, v.to_string(), "use a list of strings");
        match self.0.get(name) {
            None | Some(JsonValue::Null) => Ok(Vec::new()),
            Some(JsonValue::Array(items)) => items
                .iter()
                .map(|i| i.as_str().map(str::to_owned).ok_or_else(|| refuse(i)))
                .collect(),
            Some(other) => Err(refuse(other)),
        }
    }

    /// The fields of `thaw activity add`.
    fn activity(&self) -> Result<ActivityDraft, InputError> {
        Ok(ActivityDraft {
            name: self.text("name")?.unwrap_or_default(),
            small: self.text("small")?,
            minimal: self.text("minimal")?,
            expect: self.text("expect")?,
            values: self.list("values")?,
            every: self.text("every")?,
            time: self.text("time")?,
        })
    }

    /// The fields of `thaw activity log`.
    fn log(&self) -> Result<LogDraft, InputError> {
        const RATING: &str = "use a whole number from 0 to 10, or null";
        Ok(LogDraft {
            activity: self.text("activity")?.unwrap_or_default(),
            tier: self.text("tier")?,
            status: self.text("status")?,
            predicted: self.number("predicted", RATING)?,
            actual: self.number("actual", RATING)?,
            at: self.text("at")?,
            note: self.text("note")?,
        })
    }
}

/// A query string's parameters; an empty value counts as not given.
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub(crate) fn new(raw: Option<String>) -> Self {
        Self(
            form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn date(&self, name: &str) -> Result<Option<Date>, InputError> {
        self.get(name)
            .map(|d| thaw_app::parse_date(name, d))
            .transpose()
    }
}

/// A name from the path, or the API's error when it does not decode.
fn path_name(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    path.map(|Path(name)| name).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            crate::words::unreadable_name(e),
            Some("name".to_owned()),
        )
    })
}

fn created<T: Serialize>(body: T) -> Response {
    (StatusCode::CREATED, Json(body)).into_response()
}

/// 201 for something new, 200 for something updated.
fn created_or_updated<T: Serialize>(new: bool, body: T) -> Response {
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (status, Json(body)).into_response()
}

fn none_named(what: &str, name: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        crate::words::no_such_name(what, name),
        None,
    )
}

fn today_of(state: &Scope) -> Date {
    thaw_app::today(state.thaw.settings(), state.clock.as_ref())
}

// ---------------------------------------------------------------------------
// Activities and their logs.

/// An activity, with its forgiving steadiness when it is scheduled.
#[derive(Serialize, ToSchema)]
pub struct ActivityItem {
    #[serde(flatten)]
    activity: Activity,
    /// 0–100: rises with each scheduled day it happened (in any size),
    /// eases slowly when it did not; never resets. Null when unscheduled.
    #[schema(minimum = 0, maximum = 100)]
    steadiness: Option<u8>,
}

/// One of the starter library's activities.
#[derive(Serialize, ToSchema)]
pub struct StarterItem {
    name: &'static str,
    /// connection, body, nature, creativity, rest, mastery or meaning.
    area: &'static str,
    small: &'static str,
    minimal: &'static str,
    expect: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct ActivityList {
    activities: Vec<ActivityItem>,
    /// Ordinary, comforting things to start with (as `thaw --json activities`).
    starters: Vec<StarterItem>,
}

/// The person's activities, with steadiness, and the starter library.
#[utoipa::path(get, path = "/api/v1/activities", tag = "re-engagement", responses((status = 200, body = ActivityList)))]
pub(crate) async fn list_activities(state: Scope) -> Result<Response, ApiError> {
    let until = today_of(&state);
    let (activities, steadiness) = state
        .run(move |thaw| Ok((thaw.activities()?, thaw.steadiness(until)?)))
        .await?;
    let activities = activities
        .into_iter()
        .map(|activity| ActivityItem {
            steadiness: steadiness
                .iter()
                .find(|s| s.activity == activity.name)
                .map(|s| s.score),
            activity,
        })
        .collect();
    let starters = thaw_core::library::LIBRARY
        .iter()
        .map(|s| StarterItem {
            name: s.name,
            area: s.area.key(),
            small: s.small,
            minimal: s.minimal,
            expect: s.expect,
        })
        .collect();
    Ok(Json(ActivityList {
        activities,
        starters,
    })
    .into_response())
}

/// A new activity, as `thaw activity add` takes it.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field above
pub struct ActivityInput {
    name: String,
    /// A smaller version.
    small: Option<String>,
    /// The smallest version.
    minimal: Option<String>,
    /// A tiny, doable expectation.
    expect: Option<String>,
    values: Option<Vec<String>>,
    /// An RFC 5545 RRULE (`FREQ=WEEKLY;BYDAY=MO,WE,FR`) or a shorthand
    /// (`daily`, `mon,wed,fri`); stored as a canonical RRULE.
    every: Option<String>,
    /// HH:MM in the person's time zone.
    time: Option<String>,
}

/// Add an activity (or replace the one with that name). A starter's name
/// brings its smaller versions unless given.
#[utoipa::path(post, path = "/api/v1/activities", tag = "re-engagement", request_body = ActivityInput, responses((status = 201, body = Activity), (status = 400, body = ErrorBody)))]
pub(crate) async fn create_activity(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let activity = prepare_activity(&Body::parse(&body)?.activity()?)?;
    let saved = activity.clone();
    state.run(move |thaw| thaw.save_activity(&saved)).await?;
    Ok(created(activity))
}

/// A saved log, with the enjoyment gap in kind words.
#[derive(Serialize, ToSchema)]
pub struct LogItem {
    #[serde(flatten)]
    log: ActivityLog,
    /// "It was better than you expected, by 3…", or null without both numbers.
    gap: Option<String>,
}

impl LogItem {
    fn new(log: ActivityLog) -> Self {
        Self {
            gap: gap_words(&log),
            log,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct LogList {
    activity_logs: Vec<LogItem>,
}

/// A log of doing (or not doing) an activity, as `thaw activity log` takes it.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field above
pub struct LogInput {
    /// The activity's name (taken from the address on `/activities/{name}/logs`).
    activity: Option<String>,
    /// full (default), small or minimal.
    tier: Option<String>,
    /// done (default), partial or skipped.
    status: Option<String>,
    /// Expected enjoyment.
    #[schema(minimum = 0, maximum = 10)]
    predicted: Option<u8>,
    /// Actual enjoyment.
    #[schema(minimum = 0, maximum = 10)]
    actual: Option<u8>,
    /// RFC 3339, or a local "YYYY-MM-DD HH:MM"; default now.
    at: Option<String>,
    note: Option<String>,
}

async fn save_log(state: &Scope, draft: &LogDraft) -> Result<Response, ApiError> {
    let log = prepare_log(draft, state.thaw.settings(), state.clock.as_ref())?;
    let saved = log.clone();
    state.run(move |thaw| thaw.log_activity(&saved)).await?;
    Ok(created(LogItem::new(log)))
}

/// Log an activity.
#[utoipa::path(post, path = "/api/v1/activity-logs", tag = "re-engagement", request_body = LogInput, responses((status = 201, body = LogItem), (status = 400, body = ErrorBody)))]
pub(crate) async fn create_activity_log(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let draft = Body::parse(&body)?.log()?;
    save_log(&state, &draft).await
}

/// Log the activity named in the address.
#[utoipa::path(post, path = "/api/v1/activities/{name}/logs", tag = "re-engagement", params(("name" = String, Path, description = "The activity's name")), request_body = LogInput, responses((status = 201, body = LogItem), (status = 400, body = ErrorBody)))]
pub(crate) async fn log_named_activity(
    state: Scope,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let name = path_name(path)?;
    let draft = LogDraft {
        activity: name,
        ..Body::parse(&body)?.log()?
    };
    save_log(&state, &draft).await
}

/// A span of days.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; read by hand
pub struct DaysQuery {
    /// First day (YYYY-MM-DD, in the person's time zone).
    from: Option<String>,
    /// Last day (YYYY-MM-DD, in the person's time zone).
    to: Option<String>,
}

/// Activity logs, oldest first.
#[utoipa::path(get, path = "/api/v1/activity-logs", tag = "re-engagement", params(DaysQuery), responses((status = 200, body = LogList), (status = 400, body = ErrorBody)))]
pub(crate) async fn list_activity_logs(
    state: Scope,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = Params::new(raw);
    let (from, to) = (q.date("from")?, q.date("to")?);
    let span = thaw_app::day_span(&state.thaw.settings().time_zone(), from, to)?;
    let logs = state
        .run(move |thaw| Ok(thaw.store().activity_logs(thaw.owner(), span)?))
        .await?;
    Ok(Json(LogList {
        activity_logs: logs.into_iter().map(LogItem::new).collect(),
    })
    .into_response())
}

// ---------------------------------------------------------------------------
// Today and the week.

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; read by hand
pub struct TodayQuery {
    /// Energy right now, 0–10; default today's latest check-in's.
    energy: Option<u8>,
    /// The day (YYYY-MM-DD); default today.
    date: Option<String>,
}

/// Today's plan: each activity in the version that fits the energy,
/// yesterday's left-overs as "maybe today", self-care, one action per value.
#[utoipa::path(get, path = "/api/v1/today", tag = "re-engagement", params(TodayQuery), responses((status = 200, body = doc::TodayPlan), (status = 400, body = ErrorBody)))]
pub(crate) async fn today(state: Scope, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = Params::new(raw);
    let energy = q
        .get("energy")
        .map(|e| Rating::parse("energy", e).map(Rating::get))
        .transpose()?;
    let date = q.date("date")?.unwrap_or_else(|| today_of(&state));
    let plan = state.run(move |thaw| thaw.today_plan(date, energy)).await?;
    Ok(Json(plan).into_response())
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; read by hand
pub struct WeekQuery {
    /// A day in the week (YYYY-MM-DD); default today.
    date: Option<String>,
}

/// This week's proposal: up to three activities, with days and times.
#[utoipa::path(get, path = "/api/v1/plan/week", tag = "re-engagement", params(WeekQuery), responses((status = 200, body = doc::WeekProposal), (status = 400, body = ErrorBody)))]
pub(crate) async fn propose_week(
    state: Scope,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let date = Params::new(raw)
        .date("date")?
        .unwrap_or_else(|| today_of(&state));
    let proposal = state.run(move |thaw| thaw.propose_week(date)).await?;
    Ok(Json(proposal).into_response())
}

/// The accepted (perhaps adjusted) week.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field
pub struct WeekInput {
    activities: Vec<ActivityInput>,
}

#[derive(Serialize, ToSchema)]
pub struct AcceptedWeek {
    /// The activities as saved, schedules as canonical RRULEs.
    activities: Vec<Activity>,
}

/// Accept the week: every activity is checked first, and if one is
/// refused none is saved (the field is named `activities[i].field`).
#[utoipa::path(post, path = "/api/v1/plan/week", tag = "re-engagement", request_body = WeekInput, responses((status = 200, body = AcceptedWeek), (status = 400, body = ErrorBody)))]
pub(crate) async fn accept_week(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let body = Body::parse(&body)?;
    let items = match body.0.get("activities") {
        Some(JsonValue::Array(items)) => items.clone(),
        other => {
            return Err(InputError::new(
                "activities",
                other.map(ToString::to_string).unwrap_or_default(),
                "send a list of activities",
            )
            .into());
        }
    };
    let activities = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |e: InputError| InputError {
                field: format!("activities[{i}].{}", e.field),
                ..e
            };
            let draft = Body::object("activities", item)
                .map_err(|e| InputError {
                    field: format!("activities[{i}]"),
                    ..e
                })?
                .activity()
                .map_err(at)?;
            prepare_activity(&draft).map_err(at)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let saved = activities.clone();
    state.run(move |thaw| thaw.accept_week(&saved)).await?;
    Ok(Json(AcceptedWeek { activities }).into_response())
}

// ---------------------------------------------------------------------------
// Values and value actions.

#[derive(Serialize, ToSchema)]
pub struct ValueList {
    /// Up to three, in the order chosen.
    values: Vec<CoreValue>,
    /// Values to choose from (a person's own words are welcome too).
    choices: Vec<ValueChoice>,
}

/// A value to choose from.
#[derive(Serialize, ToSchema)]
pub struct ValueChoice {
    name: &'static str,
    about: &'static str,
}

/// The person's core values, and values to choose from.
#[utoipa::path(get, path = "/api/v1/values", tag = "re-engagement", responses((status = 200, body = ValueList)))]
pub(crate) async fn list_values(state: Scope) -> Result<Response, ApiError> {
    let values = state.run(|thaw| thaw.values()).await?;
    let choices = thaw_core::engage::VALUE_CHOICES
        .iter()
        .map(|c| ValueChoice {
            name: c.name,
            about: c.about,
        })
        .collect();
    Ok(Json(ValueList { values, choices }).into_response())
}

#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field
pub struct ValueInput {
    name: String,
    /// Why it matters.
    why: Option<String>,
}

/// Add a core value (up to three; a fourth is refused with field `value`),
/// or change the why of one.
#[utoipa::path(post, path = "/api/v1/values", tag = "re-engagement", request_body = ValueInput, responses((status = 201, description = "Added", body = CoreValue), (status = 200, description = "Its why was updated", body = CoreValue), (status = 400, body = ErrorBody)))]
pub(crate) async fn create_value(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let body = Body::parse(&body)?;
    let value = prepare_value(
        &body.text("name")?.unwrap_or_default(),
        body.text("why")?.as_deref(),
    )?;
    let saved = value.clone();
    let new = state.run(move |thaw| thaw.add_value(&saved)).await?;
    Ok(created_or_updated(new, value))
}

/// Let a value go (its recorded actions stay).
#[utoipa::path(delete, path = "/api/v1/values/{name}", tag = "re-engagement", params(("name" = String, Path, description = "The value's name")), responses((status = 204, description = "Removed"), (status = 404, body = ErrorBody)))]
pub(crate) async fn delete_value(
    state: Scope,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let name = path_name(path)?;
    let wanted = name.clone();
    if state.run(move |thaw| thaw.remove_value(&wanted)).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(none_named("core value", &name))
    }
}

#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field
pub struct ValueActionInput {
    /// One of the person's core values.
    value: String,
    /// What was done.
    text: String,
    /// RFC 3339, or a local "YYYY-MM-DD HH:MM"; default now.
    at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ValueActionList {
    value_actions: Vec<ValueAction>,
}

/// Record something done for a core value.
#[utoipa::path(post, path = "/api/v1/value-actions", tag = "re-engagement", request_body = ValueActionInput, responses((status = 201, body = ValueAction), (status = 400, body = ErrorBody)))]
pub(crate) async fn create_value_action(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let body = Body::parse(&body)?;
    let value = body.text("value")?.unwrap_or_default();
    let text = body.text("text")?.unwrap_or_default();
    let at = body.text("at")?;
    let clock = state.clock.clone();
    let action = state
        .run(move |thaw| thaw.act_on_value(&value, &text, at.as_deref(), clock.as_ref()))
        .await?;
    Ok(created(action))
}

/// Value actions, oldest first.
#[utoipa::path(get, path = "/api/v1/value-actions", tag = "re-engagement", params(DaysQuery), responses((status = 200, body = ValueActionList), (status = 400, body = ErrorBody)))]
pub(crate) async fn list_value_actions(
    state: Scope,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = Params::new(raw);
    let (from, to) = (q.date("from")?, q.date("to")?);
    let value_actions = state.run(move |thaw| thaw.value_actions(from, to)).await?;
    Ok(Json(ValueActionList { value_actions }).into_response())
}

// ---------------------------------------------------------------------------
// Wins and the look-back.

#[derive(Serialize, ToSchema)]
pub struct WinList {
    wins: Vec<Win>,
}

/// Wins, oldest first.
#[utoipa::path(get, path = "/api/v1/wins", tag = "re-engagement", params(DaysQuery), responses((status = 200, body = WinList), (status = 400, body = ErrorBody)))]
pub(crate) async fn list_wins(state: Scope, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = Params::new(raw);
    let (from, to) = (q.date("from")?, q.date("to")?);
    let wins = state.run(move |thaw| thaw.wins(from, to)).await?;
    Ok(Json(WinList { wins }).into_response())
}

#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field
pub struct WinInput {
    text: String,
    /// RFC 3339, or a local "YYYY-MM-DD HH:MM"; default now.
    at: Option<String>,
}

/// Capture a small win.
#[utoipa::path(post, path = "/api/v1/wins", tag = "re-engagement", request_body = WinInput, responses((status = 201, body = Win), (status = 400, body = ErrorBody)))]
pub(crate) async fn create_win(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let body = Body::parse(&body)?;
    let win = prepare_win(
        &body.text("text")?.unwrap_or_default(),
        body.text("at")?.as_deref(),
        state.thaw.settings(),
        state.clock.as_ref(),
    )?;
    let saved = win.clone();
    state.run(move |thaw| thaw.add_win(&saved)).await?;
    Ok(created(win))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; read by hand
pub struct LookBackQuery {
    /// The last day of the seven (YYYY-MM-DD); default today.
    until: Option<String>,
}

/// The week's look-back: wins, value actions and activities done.
#[utoipa::path(get, path = "/api/v1/wins/week", tag = "re-engagement", params(LookBackQuery), responses((status = 200, body = doc::LookBack), (status = 400, body = ErrorBody)))]
pub(crate) async fn look_back(state: Scope, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let until = Params::new(raw)
        .date("until")?
        .unwrap_or_else(|| today_of(&state));
    let week = state.run(move |thaw| thaw.look_back(until)).await?;
    Ok(Json(week).into_response())
}

// ---------------------------------------------------------------------------
// The social ladder.

/// The ladder, easiest first, with the next step offered (never pushed).
#[derive(Serialize, ToSchema)]
pub struct SocialView {
    steps: Vec<LadderRung>,
    /// The easiest step whose comfort has not grown yet.
    next: Option<String>,
    /// A few kind words about where to go from here.
    suggestion: Option<String>,
}

/// The social ladder.
#[utoipa::path(get, path = "/api/v1/social", tag = "re-engagement", responses((status = 200, body = SocialView)))]
pub(crate) async fn social(state: Scope) -> Result<Response, ApiError> {
    let view = state.run(|thaw| thaw.ladder()).await?;
    let suggestion = ladder_words(&view, None);
    Ok(Json(SocialView {
        steps: view.steps,
        next: view.next,
        suggestion,
    })
    .into_response())
}

#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field
pub struct SocialStepInput {
    name: String,
    /// 0 (easy) to 100 (very hard).
    #[schema(minimum = 0, maximum = 100)]
    difficulty: u8,
}

const PERCENT: &str = thaw_core::engage::PERCENT_ALLOWED;

/// Add a step to the ladder (or change its difficulty).
#[utoipa::path(post, path = "/api/v1/social/steps", tag = "re-engagement", request_body = SocialStepInput, responses((status = 201, description = "Added", body = SocialStep), (status = 200, description = "Its difficulty was changed", body = SocialStep), (status = 400, body = ErrorBody)))]
pub(crate) async fn create_social_step(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let body = Body::parse(&body)?;
    let step = prepare_social_step(
        &body.text("name")?.unwrap_or_default(),
        &body.number("difficulty", PERCENT)?.unwrap_or_default(),
    )?;
    let saved = step.clone();
    let new = state.run(move |thaw| thaw.add_social_step(&saved)).await?;
    Ok(created_or_updated(new, step))
}

#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field
pub struct SocialAttemptInput {
    /// A step on the ladder.
    step: String,
    /// 0 (very uneasy) to 100 (at ease).
    #[schema(minimum = 0, maximum = 100)]
    comfort: u8,
    /// RFC 3339, or a local "YYYY-MM-DD HH:MM"; default now.
    at: Option<String>,
}

/// A saved attempt and what might come next.
#[derive(Serialize, ToSchema)]
pub struct AttemptSaved {
    #[serde(flatten)]
    attempt: SocialAttempt,
    /// The easiest step whose comfort has not grown yet.
    next: Option<String>,
    /// When comfort has grown, the next step, offered (never pushed).
    suggestion: Option<String>,
}

/// Record trying a step on the ladder.
#[utoipa::path(post, path = "/api/v1/social/attempts", tag = "re-engagement", request_body = SocialAttemptInput, responses((status = 201, body = AttemptSaved), (status = 400, body = ErrorBody)))]
pub(crate) async fn create_social_attempt(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let body = Body::parse(&body)?;
    let step = body.text("step")?.unwrap_or_default();
    let comfort = body.number("comfort", PERCENT)?.unwrap_or_default();
    let at = body.text("at")?;
    let clock = state.clock.clone();
    let (attempt, view) = state
        .run(move |thaw| {
            let attempt = thaw.try_social_step(&step, &comfort, at.as_deref(), clock.as_ref())?;
            Ok((attempt, thaw.ladder()?))
        })
        .await?;
    let suggestion = ladder_words(&view, Some(&attempt));
    Ok(created(AttemptSaved {
        attempt,
        next: view.next,
        suggestion,
    }))
}

// ---------------------------------------------------------------------------
// Self-care anchors.

#[derive(ToSchema)]
#[allow(dead_code)] // documents the answer, built from thaw-app's types
pub struct SelfCareList {
    /// True when these are the six defaults, not yet the person's own.
    suggested: bool,
    anchors: Vec<SelfCare>,
    /// Today's anchors, with what was done (as on today's plan).
    today: Vec<doc::SelfCareItem>,
}

/// The person's self-care anchors (or the six defaults as suggestions),
/// and today's.
#[utoipa::path(get, path = "/api/v1/selfcare", tag = "re-engagement", responses((status = 200, body = SelfCareList)))]
pub(crate) async fn list_selfcare(state: Scope) -> Result<Response, ApiError> {
    let date = today_of(&state);
    let (list, plan) = state
        .run(move |thaw| Ok((thaw.selfcare()?, thaw.today_plan(date, None)?)))
        .await?;
    Ok(Json(serde_json::json!({
        "suggested": list.suggested,
        "anchors": list.anchors,
        "today": plan.selfcare,
    }))
    .into_response())
}

#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field
pub struct SelfCareInput {
    name: String,
    /// An RRULE or shorthand; stored as a canonical RRULE.
    every: Option<String>,
    /// HH:MM in the person's time zone.
    time: Option<String>,
}

/// Add a self-care anchor (or change its schedule).
#[utoipa::path(post, path = "/api/v1/selfcare", tag = "re-engagement", request_body = SelfCareInput, responses((status = 201, description = "Added", body = SelfCare), (status = 200, description = "Its schedule was changed", body = SelfCare), (status = 400, body = ErrorBody)))]
pub(crate) async fn create_selfcare(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let body = Body::parse(&body)?;
    let anchor = prepare_selfcare(
        &body.text("name")?.unwrap_or_default(),
        body.text("every")?.as_deref(),
        body.text("time")?.as_deref(),
    )?;
    let saved = anchor.clone();
    let new = state.run(move |thaw| thaw.add_selfcare(&saved)).await?;
    Ok(created_or_updated(new, anchor))
}

/// Remove a self-care anchor (its logs stay).
#[utoipa::path(delete, path = "/api/v1/selfcare/{name}", tag = "re-engagement", params(("name" = String, Path, description = "The anchor's name")), responses((status = 204, description = "Removed"), (status = 404, body = ErrorBody)))]
pub(crate) async fn delete_selfcare(
    state: Scope,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let name = path_name(path)?;
    let wanted = name.clone();
    if state.run(move |thaw| thaw.remove_selfcare(&wanted)).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(none_named("self-care anchor", &name))
    }
}

#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field
pub struct SelfCareDoneInput {
    /// One of the person's anchors, or one of the six.
    name: String,
    /// RFC 3339, or a local "YYYY-MM-DD HH:MM"; default now.
    at: Option<String>,
}

/// Record looking after one anchor.
#[utoipa::path(post, path = "/api/v1/selfcare/done", tag = "re-engagement", request_body = SelfCareDoneInput, responses((status = 201, body = SelfCareLog), (status = 400, body = ErrorBody)))]
pub(crate) async fn selfcare_done(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let body = Body::parse(&body)?;
    let name = body.text("name")?.unwrap_or_default();
    let at = body.text("at")?;
    let clock = state.clock.clone();
    let log = state
        .run(move |thaw| thaw.selfcare_done(&name, at.as_deref(), clock.as_ref()))
        .await?;
    Ok(created(log))
}

/// Schema descriptions of answers built in `thaw-app`, which are
/// serialized directly (tests below keep the two in step).
pub mod doc {
    #![allow(dead_code)] // documentation only
    use thaw_core::activity::{Activity, Tier};
    use thaw_core::engage::{ValueAction, Win};
    use utoipa::ToSchema;

    /// One thing on today's plan.
    #[derive(ToSchema)]
    pub struct TodayItem {
        activity: String,
        /// HH:MM, if the activity has a time.
        time: Option<String>,
        /// Which version is offered.
        tier: Tier,
        /// What to do, in that version.
        text: String,
        expect: Option<String>,
        /// Logged as done or partly done today.
        done: bool,
    }

    /// A self-care anchor on today's plan.
    #[derive(ToSchema)]
    pub struct SelfCareItem {
        name: String,
        time: Option<String>,
        /// A few gentle words ("a glass of water").
        hint: Option<String>,
        done: bool,
    }

    /// One small action for one core value.
    #[derive(ToSchema)]
    pub struct ValueItem {
        value: String,
        action: String,
        /// Something was recorded for this value today.
        done: bool,
    }

    /// A grounding exercise worth trying today.
    #[derive(ToSchema)]
    pub struct GroundingSuggestion {
        /// `breaths`, `senses`, `54321` or `body-scan`.
        technique: String,
        title: String,
        why: String,
    }

    /// The day's plan.
    #[derive(ToSchema)]
    pub struct TodayPlan {
        #[schema(format = Date)]
        date: String,
        /// The energy the plan is fitted to (given, or today's latest check-in).
        #[schema(minimum = 0, maximum = 10)]
        energy: Option<u8>,
        items: Vec<TodayItem>,
        /// Yesterday's scheduled items that were not logged, offered again.
        maybe_today: Vec<TodayItem>,
        selfcare: Vec<SelfCareItem>,
        values: Vec<ValueItem>,
        grounding: GroundingSuggestion,
        /// The relapse plan's items, when recent days look like numbness returning.
        relapse_plan: Option<Vec<String>>,
    }

    /// One proposed activity with its days and time.
    #[derive(ToSchema)]
    pub struct Proposed {
        /// The activity, with `every` and `time` set as proposed.
        activity: Activity,
        /// The days, as a person reads them ("mon,wed,fri").
        days: String,
        /// Why this one ("serves your value: connection").
        why: String,
    }

    /// A proposed week.
    #[derive(ToSchema)]
    pub struct WeekProposal {
        /// The Monday of the week.
        #[schema(format = Date)]
        week_of: String,
        items: Vec<Proposed>,
    }

    /// Seven days of small good things.
    #[derive(ToSchema)]
    pub struct LookBack {
        #[schema(format = Date)]
        from: String,
        #[schema(format = Date)]
        to: String,
        wins: Vec<Win>,
        value_actions: Vec<ValueAction>,
        /// Activities done (fully or in part): pairs of name and times, most first.
        #[schema(value_type = Vec<Vec<serde_json::Value>>, example = json!([["short walk", 3]]))]
        activities_done: Vec<(String, usize)>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    use crate::api::schema_keys::{keys, properties};

    #[test]
    fn the_documented_answers_match_what_is_sent() {
        let doc = serde_json::to_value(crate::api::openapi()).unwrap();
        let date: Date = "2026-03-25".parse().unwrap();
        let week = thaw_app::week::propose(&[], &[], date);
        let sent = serde_json::to_value(&week).unwrap();
        assert_eq!(properties(&doc, "WeekProposal"), keys(&sent));
        assert_eq!(properties(&doc, "Proposed"), keys(&sent["items"][0]));
        let plan = thaw_app::today::TodayPlan {
            date,
            energy: Some(3),
            items: vec![thaw_app::today::TodayItem {
                activity: "walk".into(),
                time: None,
                tier: thaw_core::activity::Tier::Small,
                text: "walk to the corner".into(),
                expect: None,
                done: false,
            }],
            maybe_today: Vec::new(),
            selfcare: vec![thaw_app::today::SelfCareItem {
                name: "sleep".into(),
                time: None,
                hint: None,
                done: false,
            }],
            values: vec![thaw_app::today::ValueItem {
                value: "calm".into(),
                action: "breathe".into(),
                done: false,
            }],
            grounding: thaw_app::today::GroundingSuggestion {
                technique: "breaths".into(),
                title: "five slow breaths".into(),
                why: "why".into(),
            },
            relapse_plan: None,
            activities_known: 1,
        };
        let sent = serde_json::to_value(&plan).unwrap();
        assert_eq!(properties(&doc, "TodayPlan"), keys(&sent));
        assert_eq!(properties(&doc, "TodayItem"), keys(&sent["items"][0]));
        assert_eq!(properties(&doc, "SelfCareItem"), keys(&sent["selfcare"][0]));
        assert_eq!(properties(&doc, "ValueItem"), keys(&sent["values"][0]));
        assert_eq!(
            properties(&doc, "GroundingSuggestion"),
            keys(&sent["grounding"])
        );
        let back = thaw_app::engage::LookBack {
            from: date,
            to: date,
            wins: Vec::new(),
            value_actions: Vec::new(),
            activities_done: vec![("walk".into(), 2)],
        };
        let sent = serde_json::to_value(&back).unwrap();
        assert_eq!(properties(&doc, "LookBack"), keys(&sent));
        assert_eq!(sent["activities_done"], json!([["walk", 2]]));
    }

    #[test]
    fn the_openapi_document_lists_every_engage_route() {
        let doc = serde_json::to_value(crate::api::openapi()).unwrap();
        for (path, method) in [
            ("/api/v1/activities", "get"),
            ("/api/v1/activities", "post"),
            ("/api/v1/activities/{name}/logs", "post"),
            ("/api/v1/activity-logs", "get"),
            ("/api/v1/activity-logs", "post"),
            ("/api/v1/today", "get"),
            ("/api/v1/plan/week", "get"),
            ("/api/v1/plan/week", "post"),
            ("/api/v1/values", "get"),
            ("/api/v1/values", "post"),
            ("/api/v1/values/{name}", "delete"),
            ("/api/v1/value-actions", "get"),
            ("/api/v1/value-actions", "post"),
            ("/api/v1/wins", "get"),
            ("/api/v1/wins", "post"),
            ("/api/v1/wins/week", "get"),
            ("/api/v1/social", "get"),
            ("/api/v1/social/steps", "post"),
            ("/api/v1/social/attempts", "post"),
            ("/api/v1/selfcare", "get"),
            ("/api/v1/selfcare", "post"),
            ("/api/v1/selfcare/{name}", "delete"),
            ("/api/v1/selfcare/done", "post"),
        ] {
            assert!(doc["paths"][path][method].is_object(), "{method} {path}");
        }
        for schema in [
            "Activity",
            "ActivityLog",
            "Value",
            "ValueAction",
            "Win",
            "SocialStep",
            "SocialAttempt",
            "LadderRung",
            "SelfCare",
            "SelfCareLog",
            "Tier",
            "Status",
        ] {
            assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
        }
    }

    #[test]
    fn wrong_types_name_their_field() {
        let body = Body::object("body", json!({"comfort": "lots", "values": "x"})).unwrap();
        assert_eq!(
            body.number("comfort", PERCENT).unwrap_err().field,
            "comfort"
        );
        assert_eq!(body.list("values").unwrap_err().field, "values");
        let body = Body::object("body", json!({"predicted": "3"})).unwrap();
        assert_eq!(body.log().unwrap_err().field, "predicted");
        assert_eq!(
            Body::object("body", json!([1])).err().unwrap().field,
            "body"
        );
        let not_json = Body::parse(&Bytes::from_static(b"{no")).err().unwrap();
        assert_eq!(not_json.body.code, "bad_json");
        let not_object = Body::parse(&Bytes::from_static(b"[1]")).err().unwrap();
        assert_eq!(not_object.body.field.as_deref(), Some("body"));
    }

    #[test]
    fn empty_query_values_count_as_not_given() {
        let q = Params::new(Some("from=&to=2026-03-01&to=2026-04-01&energy=+".into()));
        assert_eq!(q.get("from"), None);
        assert_eq!(q.get("to"), Some("2026-03-01"));
        assert_eq!(q.get("energy"), None);
        assert_eq!(q.date("to").unwrap(), Some("2026-03-01".parse().unwrap()));
        let bad = Params::new(Some("until=soon".into()));
        assert_eq!(bad.date("until").unwrap_err().field, "until");
        assert_eq!(Params::new(None).get("x"), None);
    }

    proptest! {
        /// Whatever a script sends, reading it never panics, and what
        /// passes is then judged by the domain's rules.
        #[test]
        fn any_json_body_reads_without_panic(text in "\\PC{0,120}") {
            if let Ok(value) = serde_json::from_str::<JsonValue>(&text) {
                if let Ok(body) = Body::object("body", value) {
                    if let Ok(draft) = body.activity() {
                        let _ = prepare_activity(&draft);
                    }
                    if let Ok(draft) = body.log() {
                        let _ = prepare_log(&draft, &thaw_core::Settings::default(), &thaw_core::SystemClock);
                    }
                    let _ = body.number("difficulty", PERCENT);
                }
            }
        }

        #[test]
        fn any_query_reads_without_panic(text in "\\PC{0,80}") {
            let q = Params::new(Some(text));
            let _ = q.date("from");
            let _ = q.get("energy").map(|e| Rating::parse("energy", e));
        }
    }
}
