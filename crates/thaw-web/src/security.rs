//! Local-mode security, layered once around the whole router:
//!
//! - [`check_host`]: only requests addressed to this server's own names
//!   (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`) are answered, so a
//!   web page that rebinds its DNS name to 127.0.0.1 gets nothing.
//! - [`check_origin`]: a state-changing request from another origin (a
//!   cross-site form or fetch) is refused before it reaches a handler.
//! - [`require_session`]: pages and the API need the session cookie that
//!   only the one-time link ([`login`]) hands out (HttpOnly,
//!   SameSite=Strict).
//! - [`headers`]: CSP without inline script, no framing, no sniffing, no
//!   referrer beyond this origin, no caching of personal pages.

use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::AppState;
use crate::errors::{ApiError, refused_page};

pub const SESSION_COOKIE: &str = "thaw_session";

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    match host {
        Some(h) if state.access.is_own_host(h) => next.run(request).await,
        _ => (
            StatusCode::MISDIRECTED_REQUEST,
            "This server only answers to its own address.",
        )
            .into_response(),
    }
}

pub async fn check_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !same_origin(&state, request.headers()) {
        return refused(
            request.uri().path(),
            StatusCode::FORBIDDEN,
            "This request came from another site, so it was refused.",
        );
    }
    next.run(request).await
}

/// True unless the browser says the request came from elsewhere.
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN) {
        return origin.to_str().is_ok_and(|o| state.access.is_own_origin(o));
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => site == "same-origin" || site == "none",
        // No Origin and no Fetch Metadata: not a browser's cross-site
        // request (browsers send Origin on every cross-site POST).
        None => true,
    }
}

pub async fn require_session(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let has_session = session_cookie(request.headers()).is_some_and(|s| state.access.is_session(s));
    if has_session {
        next.run(request).await
    } else {
        refused(
            request.uri().path(),
            StatusCode::UNAUTHORIZED,
            "Open the link that `thaw serve` printed in your terminal to start.",
        )
    }
}

fn refused(path: &str, status: StatusCode, message: &str) -> Response {
    if path.starts_with("/api/") {
        ApiError::refused(status, message).into_response()
    } else {
        refused_page(status, message)
    }
}

fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
}

#[derive(Deserialize)]
pub struct LoginQuery {
    token: Option<String>,
}

/// The one-time link: trades the token for a session cookie.
pub async fn login(State(state): State<AppState>, Query(q): Query<LoginQuery>) -> Response {
    match q.token.as_deref().and_then(|t| state.access.redeem(t)) {
        Some(session) => {
            let cookie = format!("{SESSION_COOKIE}={session}; HttpOnly; SameSite=Strict; Path=/");
            let mut response = Redirect::to("/").into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        None => refused_page(
            StatusCode::UNAUTHORIZED,
            "This link has already been used, or it is not the one `thaw serve` printed. If this browser \
was already signed in, go to the start page; otherwise restart `thaw serve` for a new link.",
        ),
    }
}

pub async fn headers(request: Request, next: Next) -> Response {
    let is_static = request.uri().path().starts_with("/static/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !is_static {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; thaw_session=abc; b=2"),
        );
        assert_eq!(session_cookie(&h), Some("abc"));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("thaw_sessionx=abc"),
        );
        assert_eq!(session_cookie(&h), None);
    }
}
