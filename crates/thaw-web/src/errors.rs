//! Every failure mapped to a response, in one place: JSON errors for the
//! API (`{"error": {"code", "message", "field"}}`), kind pages for people.

use crate::words;
use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use thaw_app::AppError;
use thaw_core::InputError;
use utoipa::ToSchema;

/// An API error and its status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorDetail,
}

/// The error document of the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable code: `invalid`, `bad_json`, `not_found`, `unauthorized`, `forbidden`, `internal`.
    pub code: &'static str,
    /// What happened, in plain words.
    pub message: String,
    /// The field that was refused, when one was.
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
        field: Option<String>,
    ) -> Self {
        Self {
            status,
            body: ErrorDetail {
                code,
                message: message.into(),
                field,
            },
        }
    }

    pub fn refused(status: StatusCode, message: &str) -> Self {
        let code = if status == StatusCode::UNAUTHORIZED {
            "unauthorized"
        } else {
            "forbidden"
        };
        Self::new(status, code, message, None)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            words::no_such_id(what),
            None,
        )
    }

    pub fn bad_json(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad_json",
            words::bad_json(detail),
            None,
        )
    }
}

impl From<InputError> for ApiError {
    fn from(e: InputError) -> Self {
        let message = words::input_refused_api(&e.value, &e.field, &e.allowed);
        Self::new(StatusCode::BAD_REQUEST, "invalid", message, Some(e.field))
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Input(e) => e.into(),
            AppError::NotFound => Self::new(
                StatusCode::NOT_FOUND,
                "not_found",
                words::NOTHING_HERE,
                None,
            ),
            AppError::Unauthorized(message) => {
                Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message, None)
            }
            AppError::RateLimited => Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                words::TOO_MANY,
                None,
            ),
            AppError::Refused(message) => Self::new(StatusCode::CONFLICT, "refused", message, None),
            other => {
                log_failure(&other);
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    words::OUR_SIDE,
                    None,
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody { error: self.body })).into_response()
    }
}

/// A failure shown to a person as a page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self.0 {
            AppError::Input(e) => refused_page(
                StatusCode::BAD_REQUEST,
                &words::input_refused_page(&e.value, &e.field, &e.allowed),
            ),
            AppError::NotFound => refused_page(StatusCode::NOT_FOUND, words::NOTHING_HERE_PAGE),
            AppError::Unauthorized(message) => refused_page(StatusCode::UNAUTHORIZED, &message),
            AppError::RateLimited => refused_page(StatusCode::TOO_MANY_REQUESTS, words::TOO_MANY),
            AppError::Refused(message) => refused_page(StatusCode::CONFLICT, &message),
            other => {
                log_failure(&other);
                refused_page(StatusCode::INTERNAL_SERVER_ERROR, words::OUR_SIDE_PAGE)
            }
        }
    }
}

/// Failures of ours go to the terminal that runs the server (never
/// personal data: the error names a file or a query, not its content).
fn log_failure(e: &AppError) {
    eprintln!("thaw serve: {e}");
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    title: &'a str,
    message: &'a str,
}

/// A small page that says why a request was refused and what to do.
pub fn refused_page(status: StatusCode, message: &str) -> Response {
    let title = match status {
        StatusCode::UNAUTHORIZED => words::TITLE_UNAUTHORIZED,
        StatusCode::TOO_MANY_REQUESTS => words::TITLE_TOO_MANY,
        StatusCode::FORBIDDEN => words::TITLE_FORBIDDEN,
        StatusCode::NOT_FOUND => words::TITLE_NOT_FOUND,
        StatusCode::BAD_REQUEST => words::TITLE_BAD_INPUT,
        _ => words::TITLE_OTHER,
    };
    render(status, &MessagePage { title, message })
}

/// Renders a template, or a plain 500 if the template itself fails.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            eprintln!("thaw serve: a page failed to render: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, words::OUR_SIDE_SHORT).into_response()
        }
    }
}
