//! Security, layered once around the whole router.
//!
//! Local mode:
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
//!
//! Multi-user mode (`thaw serve --multi-user`), in place of the one-time
//! link: [`require_session`] takes the session cookie (`__Host-` and
//! Secure behind TLS) or a personal API token and marks the request with
//! who signed in ([`Signed`]); [`check_csrf`] refuses any state-changing
//! request signed by cookie without the session's CSRF token (header
//! `X-CSRF-Token` or form field `csrf_token`), and [`csrf_forms`] writes
//! that field into every form of every page, so no form can forget it;
//! [`headers`] adds HSTS behind TLS.

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use thaw_app::accounts::{self, Signed};

use crate::AppState;
use crate::errors::{ApiError, refused_page};
use crate::words;

pub const SESSION_COOKIE: &str = "thaw_session";
/// The cookie's name behind TLS: the `__Host-` prefix pins it to this
/// host, path `/`, Secure.
pub const SECURE_SESSION_COOKIE: &str = "__Host-thaw_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf_token";
/// The largest form body the CSRF check reads.
const MAX_FORM_BYTES: usize = 1 << 20;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(access) = state.local_access() else {
        // Hosted behind a proxy that answers to the public name.
        return next.run(request).await;
    };
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    match host {
        Some(h) if access.is_own_host(h) => next.run(request).await,
        _ => (StatusCode::MISDIRECTED_REQUEST, words::OTHER_HOST).into_response(),
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
            words::OTHER_SITE,
        );
    }
    next.run(request).await
}

/// True unless the browser says the request came from elsewhere.
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else {
            return false;
        };
        return match (state.local_access(), state.hosted()) {
            (Some(access), _) => access.is_own_origin(origin),
            (None, Some(hosted)) => {
                let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
                hosted
                    .public_url
                    .as_deref()
                    .is_some_and(|u| u.trim_end_matches('/').eq_ignore_ascii_case(origin))
                    || host.is_some_and(|h| {
                        origin
                            .strip_prefix("http://")
                            .or_else(|| origin.strip_prefix("https://"))
                            == Some(h)
                    })
            }
            (None, None) => false,
        };
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
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(accounts) = state.accounts().cloned() {
        let cookie = session_cookie(request.headers()).map(str::to_owned);
        let bearer = bearer_token(request.headers()).map(str::to_owned);
        // Who it is and their own Thaw, in one trip to the store.
        let found = state
            .blocking(move || {
                let signed = if let Some(token) = bearer {
                    accounts.api_token_person(&token)?.map(|person| Signed {
                        person,
                        by_api_token: true,
                    })
                } else if let Some(token) = cookie {
                    accounts.session(&token)?.map(|person| Signed {
                        person,
                        by_api_token: false,
                    })
                } else {
                    None
                };
                match signed {
                    Some(s) => Ok(Some((s, accounts.thaw_for(s.person)?))),
                    None => Ok(None),
                }
            })
            .await;
        return match found {
            Ok(Some((signed, thaw))) => {
                request.extensions_mut().insert(signed);
                request
                    .extensions_mut()
                    .insert(crate::state::SignedThaw(std::sync::Arc::new(thaw)));
                next.run(request).await
            }
            Ok(None)
                if !request.uri().path().starts_with("/api/")
                    && request.method() == Method::GET =>
            {
                let here = request
                    .uri()
                    .path_and_query()
                    .map_or("/", |p| p.as_str())
                    .to_owned();
                let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
                Redirect::to(&format!("/login?next={next}")).into_response()
            }
            Ok(None) => refused(
                request.uri().path(),
                StatusCode::UNAUTHORIZED,
                words::SIGN_IN_FIRST,
            ),
            Err(e) => ApiError::from(e).into_response(),
        };
    }
    let has_session = session_cookie(request.headers()).is_some_and(|s| {
        state
            .local_access()
            .is_some_and(|access| access.is_session(s))
    });
    if has_session {
        next.run(request).await
    } else {
        refused(
            request.uri().path(),
            StatusCode::UNAUTHORIZED,
            words::OPEN_THE_LINK,
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

/// The session cookie's value (either name).
pub(crate) fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE || *name == SECURE_SESSION_COOKIE)
        .map(|(_, value)| value)
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The `Set-Cookie` value that starts a multi-user session (`None` ends
/// it).
pub(crate) fn session_set_cookie(state: &AppState, token: Option<&str>) -> Option<HeaderValue> {
    let secure = state.hosted().is_some_and(crate::Hosted::secure);
    let name = if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    };
    let flags = if secure { "; Secure" } else { "" };
    let cookie = match token {
        Some(t) => format!("{name}={t}; HttpOnly; SameSite=Strict; Path=/{flags}"),
        None => format!("{name}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{flags}"),
    };
    HeaderValue::from_str(&cookie).ok()
}

/// Multi-user mode: a state-changing request signed by cookie must carry
/// the session's CSRF token (header, or form field for plain forms).
/// Requests signed by an API token need none.
pub async fn check_csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.accounts().is_none()
        || matches!(
            *request.method(),
            Method::GET | Method::HEAD | Method::OPTIONS
        )
        || request
            .extensions()
            .get::<Signed>()
            .is_some_and(|s| s.by_api_token)
    {
        return next.run(request).await;
    }
    let Some(session) = session_cookie(request.headers()).map(str::to_owned) else {
        return next.run(request).await;
    };
    let expected = accounts::csrf_for(&session);
    let header = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(given) = header {
        return if accounts::constant_time_eq(given.as_bytes(), expected.as_bytes()) {
            next.run(request).await
        } else {
            csrf_refused(request.uri().path())
        };
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return csrf_refused(request.uri().path());
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
        return csrf_refused(parts.uri.path());
    };
    let given = form_urlencoded_field(&bytes, CSRF_FIELD);
    if given.is_some_and(|g| accounts::constant_time_eq(g.as_bytes(), expected.as_bytes())) {
        next.run(Request::from_parts(parts, Body::from(bytes)))
            .await
    } else {
        csrf_refused(parts.uri.path())
    }
}

fn csrf_refused(path: &str) -> Response {
    let message = if path.starts_with("/api/") {
        words::CSRF_MISSING_API
    } else {
        words::FORM_EXPIRED
    };
    refused(path, StatusCode::FORBIDDEN, message)
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    body.split(|b| *b == b'&').find_map(|pair| {
        let text = std::str::from_utf8(pair).ok()?;
        let (k, v) = text.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

/// Multi-user mode: writes the session's CSRF token into every
/// `<form method="post">` of every page, so no template can forget it.
pub async fn csrf_forms(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let session = match state.accounts() {
        Some(_) => session_cookie(request.headers()).map(str::to_owned),
        None => None,
    };
    let response = next.run(request).await;
    let Some(session) = session else {
        return response;
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 8 << 20).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let html = String::from_utf8_lossy(&bytes);
    let field = format!(
        "<input type=\"hidden\" name=\"{CSRF_FIELD}\" value=\"{}\">",
        accounts::csrf_for(&session)
    );
    let out = insert_after_post_forms(&html, &field)
        .replace(HOSTED_NAV_MARKER, HOSTED_NAV)
        .replace(LOCAL_FOOT, HOSTED_FOOT);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(out))
}

/// Where a page built for both modes wants hosted mode's links.
const HOSTED_NAV_MARKER: &str = "<!--hosted-nav-->";
const HOSTED_NAV: &str = r#"<nav aria-label="You and your people" class="steps-nav"><ul><li><a href="/partners">Your people</a></li><li><a href="/account">Account</a></li></ul></nav>"#;
const LOCAL_FOOT: &str = words::LOCAL_FOOT;
const HOSTED_FOOT: &str = words::HOSTED_FOOT;

/// Puts `field` right after the opening tag of each POST form.
pub(crate) fn insert_after_post_forms(html: &str, field: &str) -> String {
    let mut out = String::with_capacity(html.len() + field.len() * 4);
    let mut rest = html;
    while let Some(at) = rest.find("<form") {
        let Some(end) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at..at + end + 1];
        out.push_str(&rest[..at + end + 1]);
        if tag.to_ascii_lowercase().contains("method=\"post\"") {
            out.push_str(field);
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

#[derive(Deserialize)]
pub struct LoginQuery {
    token: Option<String>,
    /// Multi-user mode: where to go after signing in.
    next: Option<String>,
}

/// The one-time link: trades the token for a session cookie.
pub async fn login(State(state): State<AppState>, Query(q): Query<LoginQuery>) -> Response {
    if state.accounts().is_some() {
        return crate::hosted::login_page(State(state), q.next).await;
    }
    match q
        .token
        .as_deref()
        .and_then(|t| state.local_access().and_then(|a| a.redeem(t)))
    {
        Some(session) => {
            let cookie = format!("{SESSION_COOKIE}={session}; HttpOnly; SameSite=Strict; Path=/");
            let mut response = Redirect::to("/").into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        None => refused_page(StatusCode::UNAUTHORIZED, words::LINK_USED),
    }
}

pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let is_static = request.uri().path().starts_with("/static/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    if state.hosted().is_some_and(crate::Hosted::secure) {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
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
    fn every_post_form_gets_the_field_and_others_do_not() {
        let html = r#"<form method="get" action="/x"><input></form><form class="a" method="post" action="/y">"#;
        let out = insert_after_post_forms(html, "<i>");
        assert_eq!(
            out,
            r#"<form method="get" action="/x"><input></form><form class="a" method="post" action="/y"><i>"#
        );
        assert_eq!(
            form_urlencoded_field(b"a=1&csrf_token=abc&b=2", CSRF_FIELD).as_deref(),
            Some("abc")
        );
        assert_eq!(form_urlencoded_field(b"a=1", CSRF_FIELD), None);
    }

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
