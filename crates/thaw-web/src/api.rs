//! The JSON API under `/api/v1/`: the same resources and field names as
//! the command line's `--json`. The OpenAPI document at
//! `/api/openapi.json` is generated from these handlers and types.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use thaw_core::journal::JournalQuery;
use thaw_core::plan::{Plan, PlanKind};
use thaw_core::screener::Instrument;
use thaw_core::{Checkin, InputError, JournalEntry};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;

use crate::errors::{ApiError, ErrorBody};
use crate::forms::JsonFields;
use crate::routes::Routes;
use crate::{AppState, Scope};

pub fn routes() -> Routes {
    Routes::new()
        .route("/checkins", get(list_checkins).post(create_checkin))
        .route("/checkins/{id}", get(get_checkin))
        .route("/journal", get(list_journal).post(create_journal))
        .route("/feelings", get(feelings))
        .route("/screeners", get(list_screeners).post(create_screener))
        .route("/crisis-resources", get(crisis_resources))
        .route("/safety-plan", get(get_safety_plan).put(put_safety_plan))
        .route("/relapse-plan", get(get_relapse_plan).put(put_relapse_plan))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Thaw",
        description = "Check-ins, journal and the rest of a person's Thaw. Field names match `thaw --json`."
    ),
    paths(
        list_checkins,
        create_checkin,
        get_checkin,
        list_journal,
        create_journal,
        feelings,
        healthz,
        crate::api_engage::list_activities,
        crate::api_engage::create_activity,
        crate::api_engage::log_named_activity,
        crate::api_engage::create_activity_log,
        crate::api_engage::list_activity_logs,
        crate::api_engage::today,
        crate::api_engage::propose_week,
        crate::api_engage::accept_week,
        crate::api_engage::list_values,
        crate::api_engage::create_value,
        crate::api_engage::delete_value,
        crate::api_engage::create_value_action,
        crate::api_engage::list_value_actions,
        crate::api_engage::list_wins,
        crate::api_engage::create_win,
        crate::api_engage::look_back,
        crate::api_engage::social,
        crate::api_engage::create_social_step,
        crate::api_engage::create_social_attempt,
        crate::api_engage::list_selfcare,
        crate::api_engage::create_selfcare,
        crate::api_engage::delete_selfcare,
        crate::api_engage::selfcare_done,
        crate::api_review::week,
        crate::api_review::month
    ),
    components(schemas(
        Checkin,
        JournalEntry,
        CheckinList,
        EntryList,
        CheckinInput,
        JournalInput,
        FeelingGroup,
        FeelingList,
        ErrorBody,
        thaw_core::activity::Activity,
        thaw_core::activity::ActivityLog,
        thaw_core::activity::Tier,
        thaw_core::activity::Status,
        crate::api_engage::CoreValue,
        thaw_core::engage::ValueAction,
        thaw_core::engage::Win,
        thaw_core::engage::SocialStep,
        thaw_core::engage::SocialAttempt,
        thaw_core::engage::LadderView,
        thaw_core::engage::LadderRung,
        thaw_core::engage::SelfCare,
        thaw_core::engage::SelfCareLog,
        crate::api_engage::ActivityItem,
        crate::api_engage::ActivityList,
        crate::api_engage::StarterItem,
        crate::api_engage::ActivityInput,
        crate::api_engage::LogItem,
        crate::api_engage::LogList,
        crate::api_engage::LogInput,
        crate::api_engage::WeekInput,
        crate::api_engage::AcceptedWeek,
        crate::api_engage::ValueList,
        crate::api_engage::ValueChoice,
        crate::api_engage::ValueInput,
        crate::api_engage::ValueActionInput,
        crate::api_engage::ValueActionList,
        crate::api_engage::WinList,
        crate::api_engage::WinInput,
        crate::api_engage::SocialView,
        crate::api_engage::SocialStepInput,
        crate::api_engage::SocialAttemptInput,
        crate::api_engage::AttemptSaved,
        crate::api_engage::SelfCareList,
        crate::api_engage::SelfCareInput,
        crate::api_engage::SelfCareDoneInput,
        crate::api_engage::doc::TodayPlan,
        crate::api_engage::doc::TodayItem,
        crate::api_engage::doc::SelfCareItem,
        crate::api_engage::doc::ValueItem,
        crate::api_engage::doc::GroundingSuggestion,
        crate::api_engage::doc::WeekProposal,
        crate::api_engage::doc::Proposed,
        crate::api_engage::doc::LookBack,
        crate::api_review::doc::WeekReview,
        crate::api_review::doc::WeekBefore,
        crate::api_review::doc::Change,
        crate::api_review::doc::Measure,
        crate::api_review::doc::Direction,
        crate::api_review::doc::ActivityWeek,
        crate::api_review::doc::GroundingItem,
        crate::api_review::doc::Suggestion,
        crate::api_review::doc::SuggestionKind,
        crate::api_review::doc::MonthReview,
        crate::api_review::doc::Period
    ))
)]
struct ApiDoc;

/// The OpenAPI document, generated from the code.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

pub async fn openapi_json() -> Response {
    Json(openapi()).into_response()
}

/// Answers `ok` when the database answers.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "The database answers", body = String), (status = 503, description = "The database does not answer")))]
pub async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    let local = state.local_thaw();
    let accounts = state.accounts().cloned();
    let pinged = state
        .blocking(move || match (local, accounts) {
            (Some(thaw), _) => thaw.ping(),
            (None, Some(accounts)) => Ok(accounts.store().ping()?),
            (None, None) => Ok(()),
        })
        .await;
    match pinged {
        Ok(()) => "ok".into_response(),
        Err(e) => {
            eprintln!("thaw serve: health check: {e}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the database does not answer",
            )
                .into_response()
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CheckinList {
    pub checkins: Vec<Checkin>,
}

#[derive(Deserialize, IntoParams)]
pub struct CheckinsQuery {
    /// First day (YYYY-MM-DD, in the person's time zone).
    from: Option<String>,
    /// Last day (YYYY-MM-DD, in the person's time zone).
    to: Option<String>,
}

/// Check-ins, oldest first.
#[utoipa::path(get, path = "/api/v1/checkins", params(CheckinsQuery), responses((status = 200, body = CheckinList), (status = 400, body = ErrorBody)))]
async fn list_checkins(
    state: Scope,
    Query(q): Query<CheckinsQuery>,
) -> Result<Json<CheckinList>, ApiError> {
    let from = q
        .from
        .as_deref()
        .map(|d| thaw_app::parse_date("from", d))
        .transpose()?;
    let to =
        q.to.as_deref()
            .map(|d| thaw_app::parse_date("to", d))
            .transpose()?;
    let checkins = state.run(move |thaw| thaw.checkins(from, to)).await?;
    Ok(Json(CheckinList { checkins }))
}

/// A new check-in: every field is optional.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field in `forms`
pub struct CheckinInput {
    #[schema(minimum = 0, maximum = 10)]
    mood: Option<u8>,
    #[schema(minimum = 0, maximum = 10)]
    numbness: Option<u8>,
    #[schema(minimum = 0, maximum = 10)]
    energy: Option<u8>,
    #[schema(minimum = 0, maximum = 10)]
    pleasure: Option<u8>,
    #[schema(minimum = 0, maximum = 10)]
    connection: Option<u8>,
    sensations: Option<Vec<String>>,
    triggers: Option<Vec<String>>,
    note: Option<String>,
    plan: Option<String>,
    /// RFC 3339, or a local "YYYY-MM-DD HH:MM"; default now.
    at: Option<String>,
}

fn json_body(body: &Bytes) -> Result<JsonFields, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(ApiError::bad_json)?;
    Ok(JsonFields::new(value)?)
}

/// Record a check-in. Nothing is written when a field is refused.
#[utoipa::path(post, path = "/api/v1/checkins", request_body = CheckinInput, responses((status = 201, body = Checkin), (status = 400, body = ErrorBody)))]
async fn create_checkin(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let (draft, at) = json_body(&body)?.checkin()?;
    let settings = state.thaw.settings().clone();
    let checkin =
        thaw_app::prepare_checkin(&draft, at.as_deref(), &settings, state.clock.as_ref())?;
    let saved = checkin.clone();
    state.run(move |thaw| thaw.save_checkin(&saved)).await?;
    let location = format!("/api/v1/checkins/{}", checkin.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(checkin),
    )
        .into_response())
}

/// One check-in.
#[utoipa::path(get, path = "/api/v1/checkins/{id}", params(("id" = String, Path, description = "The check-in's id")), responses((status = 200, body = Checkin), (status = 404, body = ErrorBody)))]
async fn get_checkin(state: Scope, Path(id): Path<String>) -> Result<Json<Checkin>, ApiError> {
    let Ok(id) = Uuid::parse_str(&id) else {
        return Err(ApiError::not_found("check-in"));
    };
    match state.run(move |thaw| thaw.checkin(id)).await? {
        Some(c) => Ok(Json(c)),
        None => Err(ApiError::not_found("check-in")),
    }
}

#[derive(Serialize, ToSchema)]
pub struct EntryList {
    pub entries: Vec<JournalEntry>,
}

#[derive(Deserialize, IntoParams)]
pub struct JournalListQuery {
    /// Words to find (each must appear; a word's start is enough).
    search: Option<String>,
    /// Only entries with this tag.
    tag: Option<String>,
    /// Only entries marked for therapy.
    for_therapy: Option<bool>,
}

/// Journal entries, newest first.
#[utoipa::path(get, path = "/api/v1/journal", params(JournalListQuery), responses((status = 200, body = EntryList), (status = 400, body = ErrorBody)))]
async fn list_journal(
    state: Scope,
    Query(q): Query<JournalListQuery>,
) -> Result<Json<EntryList>, ApiError> {
    let query = JournalQuery::new(
        q.search.as_deref(),
        q.tag.as_deref(),
        q.for_therapy.unwrap_or(false),
    )?;
    let entries = state.run(move |thaw| thaw.journal(&query)).await?;
    Ok(Json(EntryList { entries }))
}

/// A new journal entry.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field in `forms`
pub struct JournalInput {
    text: String,
    tags: Option<Vec<String>>,
    for_therapy: Option<bool>,
    /// RFC 3339, or a local "YYYY-MM-DD HH:MM"; default now.
    at: Option<String>,
}

/// Write a journal entry.
#[utoipa::path(post, path = "/api/v1/journal", request_body = JournalInput, responses((status = 201, body = JournalEntry), (status = 400, body = ErrorBody)))]
async fn create_journal(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let (draft, at) = json_body(&body)?.journal()?;
    let settings = state.thaw.settings().clone();
    let entry = thaw_app::prepare_journal(&draft, at.as_deref(), &settings, state.clock.as_ref())?;
    let saved = entry.clone();
    state.run(move |thaw| thaw.save_journal(&saved)).await?;
    let body = with_safety(&state, &entry, &entry.text)?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct FeelingGroup {
    key: &'static str,
    title: &'static str,
    hint: &'static str,
    statements: Vec<&'static str>,
}

#[derive(Serialize, ToSchema)]
pub struct FeelingList {
    groups: Vec<FeelingGroup>,
}

/// The vocabulary of named sensations, grouped.
#[utoipa::path(get, path = "/api/v1/feelings", responses((status = 200, body = FeelingList)))]
async fn feelings() -> Json<FeelingList> {
    let groups = thaw_core::feelings::VOCABULARY
        .iter()
        .map(|g| FeelingGroup {
            key: g.key,
            title: g.title,
            hint: g.hint,
            statements: g.statements.to_vec(),
        })
        .collect();
    Json(FeelingList { groups })
}

/// For tests that hold the OpenAPI document to the JSON really sent:
/// the sorted keys on either side.
#[cfg(test)]
pub(crate) mod schema_keys {
    use serde_json::Value as JsonValue;

    /// The properties a schema names, from the whole document.
    pub fn properties(doc: &JsonValue, schema: &str) -> Vec<String> {
        let mut keys: Vec<String> = doc["components"]["schemas"][schema]["properties"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }

    pub fn keys(value: &JsonValue) -> Vec<String> {
        let mut keys: Vec<String> = value
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_openapi_document_lists_every_route() {
        let doc = serde_json::to_value(openapi()).unwrap();
        for path in [
            "/api/v1/checkins",
            "/api/v1/checkins/{id}",
            "/api/v1/journal",
            "/api/v1/feelings",
            "/healthz",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path}");
        }
        let checkin = &doc["components"]["schemas"]["Checkin"]["properties"];
        for field in [
            "id",
            "at",
            "mood",
            "numbness",
            "energy",
            "pleasure",
            "connection",
            "sensations",
            "triggers",
            "note",
            "plan",
        ] {
            assert!(checkin.get(field).is_some(), "{field}");
        }
    }
}

/// A saved record as JSON, with `risk_flag` and `crisis_resources`.
fn with_safety<T: Serialize>(
    state: &Scope,
    item: &T,
    text: &str,
) -> Result<serde_json::Value, ApiError> {
    let resources = thaw_app::safety::resources_for_text(state.thaw.settings(), text)?;
    let mut value = serde_json::to_value(item).map_err(|e| {
        ApiError::from(thaw_app::AppError::Io {
            what: "JSON".into(),
            source: std::io::Error::other(e),
        })
    })?;
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "risk_flag".into(),
            serde_json::Value::Bool(resources.is_some()),
        );
        map.insert(
            "crisis_resources".into(),
            serde_json::to_value(&resources).unwrap_or(serde_json::Value::Null),
        );
    }
    Ok(value)
}

/// A screener's answers: one per item, `null` to decline PHQ-9 item 9.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the body; read field by field below
pub struct ScreenerInput {
    /// phq9, phq8, phq2, gad7 or who5.
    instrument: String,
    answers: Vec<Option<u8>>,
    /// RFC 3339, or a local "YYYY-MM-DD HH:MM"; default now.
    at: Option<String>,
}

/// A screener result: the spec's fields (`total`, `severity`,
/// `item9_positive`, `crisis_resources`, and `positive_screen` for PHQ-2,
/// `percentage` and `poor_wellbeing` for WHO-5), plus `summary` and `change`.
#[derive(ToSchema)]
#[allow(dead_code)] // documents ScreeningReport, which is serialized directly
pub struct ScreeningDoc {
    id: String,
    instrument: String,
    at: String,
    answers: Vec<Option<u8>>,
    total: u8,
    severity: Option<String>,
    item9_positive: bool,
    item9_declined: bool,
    positive_screen: Option<bool>,
    percentage: Option<u8>,
    poor_wellbeing: Option<bool>,
    crisis_resources: Option<Vec<ResourceDoc>>,
    summary: String,
    change: Option<String>,
}

/// One crisis resource.
#[derive(ToSchema)]
#[allow(dead_code)] // documents thaw_core::crisis::ResourceRef
pub struct ResourceDoc {
    name: String,
    phone: Option<String>,
    text: Option<String>,
    url: Option<String>,
    /// The country code, or "international".
    country: String,
}

#[derive(ToSchema)]
#[allow(dead_code)] // documents the crisis-resources answer
pub struct ResourcesDoc {
    country: Option<String>,
    emergency: Option<String>,
    resources: Vec<ResourceDoc>,
}

#[derive(Deserialize, IntoParams)]
pub struct ScreenersQuery {
    /// Only this instrument.
    instrument: Option<String>,
}

/// Screener results, oldest first, each with the change since the one before.
#[utoipa::path(get, path = "/api/v1/screeners", params(ScreenersQuery), responses((status = 200, body = Vec<ScreeningDoc>), (status = 400, body = ErrorBody)))]
async fn list_screeners(
    state: Scope,
    Query(q): Query<ScreenersQuery>,
) -> Result<Response, ApiError> {
    let instrument = q
        .instrument
        .as_deref()
        .map(|i| Instrument::parse("instrument", i))
        .transpose()?;
    let reports = state.run(move |thaw| thaw.screenings(instrument)).await?;
    Ok(Json(serde_json::json!({ "screenings": reports })).into_response())
}

/// Record a screener. Wrong counts or values are refused and nothing is written.
#[utoipa::path(post, path = "/api/v1/screeners", request_body = ScreenerInput, responses((status = 201, body = ScreeningDoc), (status = 400, body = ErrorBody)))]
async fn create_screener(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(&body).map_err(ApiError::bad_json)?;
    let instrument = match value.get("instrument") {
        Some(serde_json::Value::String(s)) => Instrument::parse("instrument", s)?,
        other => {
            return Err(InputError::new(
                "instrument",
                other.map(ToString::to_string).unwrap_or_default(),
                "use one of: phq9, phq8, phq2, gad7, who5",
            )
            .into());
        }
    };
    let answers = match value.get("answers") {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                serde_json::Value::Null => Ok("-".to_owned()),
                serde_json::Value::Number(n) => Ok(n.to_string()),
                other => Err(InputError::new(
                    "answers",
                    other.to_string(),
                    "use whole numbers (null declines PHQ-9 item 9)",
                )),
            })
            .collect::<Result<Vec<_>, _>>()?
            .join(","),
        other => {
            return Err(InputError::new(
                "answers",
                other.map(ToString::to_string).unwrap_or_default(),
                "send a list of answers",
            )
            .into());
        }
    };
    let at = match value.get("at") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    let settings = state.thaw.settings().clone();
    let screening = thaw_app::safety::prepare_screening(
        instrument,
        &answers,
        at.as_deref(),
        &settings,
        state.clock.as_ref(),
    )?;
    let report = state
        .run(move |thaw| thaw.save_screening(&screening))
        .await?;
    Ok((StatusCode::CREATED, Json(report)).into_response())
}

/// Crisis lines for the person's country (or the international directory).
#[utoipa::path(get, path = "/api/v1/crisis-resources", responses((status = 200, body = ResourcesDoc)))]
async fn crisis_resources(state: Scope) -> Result<Response, ApiError> {
    let r = thaw_app::safety::resources(state.thaw.settings())?;
    Ok(Json(serde_json::json!({
        "country": r.country.as_ref().map(|c| c.country.clone()),
        "emergency": r.country.as_ref().map(|c| c.emergency.clone()),
        "resources": r.refs(),
    }))
    .into_response())
}

async fn get_plan(state: &Scope, kind: PlanKind) -> Result<Response, ApiError> {
    let plan = state.run(move |thaw| thaw.plan(kind)).await?;
    Ok(Json(plan.to_json()).into_response())
}

async fn put_plan(state: &Scope, kind: PlanKind, body: &Bytes) -> Result<Response, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(ApiError::bad_json)?;
    let Some(map) = value.as_object() else {
        return Err(InputError::new(
            "body",
            value.to_string(),
            "send an object of sections, each a list of strings",
        )
        .into());
    };
    let mut sections = Vec::new();
    for (key, items) in map {
        // The key first: an unknown one (even blank) is refused as
        // `section`, before its value is read.
        kind.section_index(key)?;
        let list = match items {
            serde_json::Value::Array(a) => a
                .iter()
                .map(|i| {
                    i.as_str().map(str::to_owned).ok_or_else(|| {
                        InputError::new(key.as_str(), i.to_string(), "use a list of strings")
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
            serde_json::Value::Null => Vec::new(),
            other => {
                return Err(InputError::new(
                    key.as_str(),
                    other.to_string(),
                    "use a list of strings",
                )
                .into());
            }
        };
        sections.push((key.clone(), list));
    }
    let plan = Plan::from_sections(kind, &sections)?;
    let saved = plan.clone();
    state.run(move |thaw| thaw.save_plan(&saved)).await?;
    Ok(Json(plan.to_json()).into_response())
}

/// The safety plan (Stanley–Brown sections), keyed by section.
#[utoipa::path(get, path = "/api/v1/safety-plan", responses((status = 200, description = "warning_signs, coping, distractions, people, professionals, safe_environment, reasons_for_living: lists of strings")))]
async fn get_safety_plan(state: Scope) -> Result<Response, ApiError> {
    get_plan(&state, PlanKind::Safety).await
}

/// Replace the safety plan.
#[utoipa::path(put, path = "/api/v1/safety-plan", responses((status = 200, description = "The saved plan"), (status = 400, body = ErrorBody)))]
async fn put_safety_plan(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    put_plan(&state, PlanKind::Safety, &body).await
}

/// The relapse plan: warning_signs and steps.
#[utoipa::path(get, path = "/api/v1/relapse-plan", responses((status = 200, description = "warning_signs and steps: lists of strings")))]
async fn get_relapse_plan(state: Scope) -> Result<Response, ApiError> {
    get_plan(&state, PlanKind::Relapse).await
}

/// Replace the relapse plan.
#[utoipa::path(put, path = "/api/v1/relapse-plan", responses((status = 200, description = "The saved plan"), (status = 400, body = ErrorBody)))]
async fn put_relapse_plan(state: Scope, body: Bytes) -> Result<Response, ApiError> {
    put_plan(&state, PlanKind::Relapse, &body).await
}
