//! The JSON API under `/api/v1/`: the same resources and field names as
//! the command line's `--json`. The OpenAPI document at
//! `/api/openapi.json` is generated from these handlers and types.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use thaw_core::journal::JournalQuery;
use thaw_core::{Checkin, JournalEntry};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::errors::{ApiError, ErrorBody};
use crate::forms::JsonFields;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/checkins", get(list_checkins).post(create_checkin))
        .route("/checkins/{id}", get(get_checkin))
        .route("/journal", get(list_journal).post(create_journal))
        .route("/feelings", get(feelings))
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
        healthz
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
        ErrorBody
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
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.run(|thaw| thaw.ping()).await {
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
    State(state): State<AppState>,
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
async fn create_checkin(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
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
async fn get_checkin(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Checkin>, ApiError> {
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
    State(state): State<AppState>,
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
async fn create_journal(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    let (draft, at) = json_body(&body)?.journal()?;
    let settings = state.thaw.settings().clone();
    let entry = thaw_app::prepare_journal(&draft, at.as_deref(), &settings, state.clock.as_ref())?;
    let saved = entry.clone();
    state.run(move |thaw| thaw.save_journal(&saved)).await?;
    Ok((StatusCode::CREATED, Json(entry)).into_response())
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
