//! Multi-user mode's own routes: accounts and sessions (public), and
//! partners, the daily exchange, the audit log, personal API tokens and
//! account settings (behind the session layer).
//!
//! Handlers hold no rules: sign-in policy is in `thaw_app::accounts`, and
//! every read of a partner's data goes through
//! `thaw_app::partners::authorize` (a missing grant is 404).

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{delete, get, post, put};
use serde::Deserialize;
use serde_json::json;
use thaw_app::AppError;
use thaw_app::accounts::{Accounts, NewSession};
use thaw_app::partners::SharingView;
use thaw_core::{Clock, OwnerId};
use uuid::Uuid;

use crate::errors::{ApiError, PageError, render};
use crate::forms::FormData;
use crate::routes::Routes;
use crate::security::session_set_cookie;
use crate::{AppState, Scope};

/// Routes anyone may call (they create or start a session).
pub fn public_routes() -> Routes {
    Routes::new()
        .route("/api/v1/accounts", post(api_sign_up))
        .route("/api/v1/sessions", post(api_log_in))
        .route("/signup", get(signup_page).post(signup_form))
        .route("/login", post(login_form))
}

/// Routes behind the session layer.
pub fn routes() -> Routes {
    Routes::new()
        .route("/logout", post(logout_form))
        .route("/api/v1/sessions", delete(api_log_out))
        .route("/api/v1/partners", get(api_partners))
        .route("/api/v1/partners/invites", post(api_invite))
        .route("/api/v1/partners/accept", post(api_accept))
        .route("/api/v1/partners/{id}", delete(api_revoke))
        .route("/api/v1/partners/{id}/sharing", put(api_sharing))
        .route("/api/v1/partners/{id}/today", get(api_partner_today))
        .route("/api/v1/partners/{id}/journal", get(api_partner_journal))
        .route(
            "/api/v1/partners/{id}/screeners",
            get(api_partner_screeners),
        )
        .route("/api/v1/partners/{id}/insights", get(api_partner_insights))
        .route("/api/v1/partners/{id}/notes", post(api_note))
        .route("/api/v1/audit", get(api_audit))
        .route("/api/v1/tokens", get(api_tokens).post(api_create_token))
        .route("/api/v1/tokens/{id}", delete(api_revoke_token))
        .route("/api/v1/account/password", put(api_password))
        .route("/api/v1/account", delete(api_delete_account))
        .route(
            "/api/v1/account/totp",
            post(api_totp_start)
                .put(api_totp_confirm)
                .delete(api_totp_off),
        )
}

fn accounts(state: &AppState) -> Result<Accounts, ApiError> {
    state.accounts().cloned().ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            crate::words::NO_ACCOUNTS,
            None,
        )
    })
}

fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(ApiError::bad_json)
}

/// The client's address for rate limiting: the socket's peer, or behind
/// a trusted proxy the first address it forwarded.
fn client_address(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    if state.hosted().is_some_and(|h| h.trust_proxy) {
        if let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return first.trim().to_owned();
        }
    }
    peer.map_or_else(|| "unknown".to_owned(), |p| p.ip().to_string())
}

fn peer(request: &Request) -> Option<SocketAddr> {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
}

fn person(scope: &Scope) -> Result<OwnerId, ApiError> {
    scope
        .signed
        .map(|s| s.person)
        .ok_or_else(|| ApiError::refused(StatusCode::UNAUTHORIZED, crate::words::SIGN_IN_FIRST))
}

fn parse_id(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| ApiError::from(AppError::NotFound))
}

// ------------------------------------------------------------ accounts

#[derive(Deserialize)]
struct SignUp {
    email: String,
    password: String,
    #[serde(default)]
    invite: Option<String>,
}

async fn api_sign_up(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, ApiError> {
    let accounts = accounts(&state)?;
    let address = client_address(&state, request.headers(), peer(&request));
    let bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .map_err(ApiError::bad_json)?;
    let b: SignUp = body(&bytes)?;
    let person = state
        .hashing(move || {
            accounts.sign_up_from(&address, &b.email, &b.password, b.invite.as_deref())
        })
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": person.0 }))).into_response())
}

#[derive(Deserialize)]
struct LogIn {
    email: String,
    password: String,
    #[serde(default)]
    totp: Option<String>,
}

async fn log_in(state: &AppState, address: String, b: LogIn) -> Result<NewSession, AppError> {
    let accounts = state.accounts().cloned().ok_or(AppError::NotFound)?;
    state
        .hashing(move || accounts.log_in(&b.email, &b.password, b.totp.as_deref(), &address))
        .await
}

fn with_session_cookie(state: &AppState, mut response: Response, token: Option<&str>) -> Response {
    if let Some(value) = session_set_cookie(state, token) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

async fn api_log_in(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let address = client_address(&state, request.headers(), peer(&request));
    let bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .map_err(ApiError::bad_json)?;
    let b: LogIn = body(&bytes)?;
    let session = log_in(&state, address, b).await?;
    let response =
        Json(json!({ "csrf_token": session.csrf, "person_id": session.person.0 })).into_response();
    Ok(with_session_cookie(
        &state,
        response,
        Some(session.token.expose()),
    ))
}

async fn api_log_out(scope: Scope, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = crate::security::session_cookie(&headers).map(str::to_owned) {
        let accounts = accounts(scope.state())?;
        scope
            .state()
            .blocking(move || accounts.log_out(&token))
            .await?;
    }
    Ok(with_session_cookie(
        scope.state(),
        StatusCode::NO_CONTENT.into_response(),
        None,
    ))
}

/// Which pool of blocking threads a request's work runs in.
#[derive(Clone, Copy)]
enum Pool {
    Store,
    /// Work that checks a password (deliberately slow).
    Hashing,
}

/// Runs `f` for the signed-in person on a blocking thread: the one shape
/// of every handler below.
async fn for_me<T: Send + 'static>(
    scope: &Scope,
    pool: Pool,
    f: impl FnOnce(&Accounts, OwnerId, &dyn Clock) -> Result<T, AppError> + Send + 'static,
) -> Result<T, ApiError> {
    let me = person(scope)?;
    let accounts = accounts(scope.state())?;
    let clock = Arc::clone(&scope.clock);
    let work = move || f(&accounts, me, clock.as_ref());
    Ok(match pool {
        Pool::Store => scope.state().blocking(work).await?,
        Pool::Hashing => scope.state().hashing(work).await?,
    })
}

fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct PasswordChange {
    current_password: String,
    new_password: String,
}

async fn api_password(
    scope: Scope,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let b: PasswordChange = body(&bytes)?;
    let keep = crate::security::session_cookie(&headers).map(str::to_owned);
    for_me(&scope, Pool::Hashing, move |a, me, _| {
        a.change_password(me, &b.current_password, &b.new_password, keep.as_deref())
    })
    .await?;
    Ok(no_content())
}

#[derive(Deserialize)]
struct Confirm {
    password: String,
}

async fn api_delete_account(scope: Scope, bytes: Bytes) -> Result<Response, ApiError> {
    let b: Confirm = body(&bytes)?;
    for_me(&scope, Pool::Hashing, move |a, me, _| {
        a.delete_account(me, &b.password)
    })
    .await?;
    Ok(with_session_cookie(scope.state(), no_content(), None))
}

/// A new second-factor secret (not on until confirmed with a code).
async fn api_totp_start(scope: Scope) -> Result<Response, ApiError> {
    let (secret, uri) = for_me(&scope, Pool::Store, |a, me, _| a.new_totp_secret(me)).await?;
    Ok(Json(json!({ "secret": secret, "otpauth_uri": uri })).into_response())
}

#[derive(Deserialize)]
struct TotpConfirm {
    secret: String,
    code: String,
}

async fn api_totp_confirm(scope: Scope, bytes: Bytes) -> Result<Response, ApiError> {
    let b: TotpConfirm = body(&bytes)?;
    for_me(&scope, Pool::Store, move |a, me, _| {
        a.confirm_totp(me, &b.secret, &b.code)
    })
    .await?;
    Ok(no_content())
}

async fn api_totp_off(scope: Scope, bytes: Bytes) -> Result<Response, ApiError> {
    let b: Confirm = body(&bytes)?;
    for_me(&scope, Pool::Hashing, move |a, me, _| {
        a.disable_totp(me, &b.password)
    })
    .await?;
    Ok(no_content())
}

#[derive(Deserialize)]
struct TokenName {
    name: String,
}

async fn api_tokens(scope: Scope) -> Result<Response, ApiError> {
    let list = for_me(&scope, Pool::Store, |a, me, _| a.api_tokens(me)).await?;
    let list: Vec<_> = list
        .into_iter()
        .map(|t| json!({ "id": t.id, "name": t.name, "created_at": jiff::Timestamp::from_microsecond(t.created_us).ok() }))
        .collect();
    Ok(Json(json!({ "tokens": list })).into_response())
}

async fn api_create_token(scope: Scope, bytes: Bytes) -> Result<Response, ApiError> {
    let b: TokenName = body(&bytes)?;
    let (id, token) = for_me(&scope, Pool::Store, move |a, me, _| {
        a.create_api_token(me, &b.name)
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": id, "token": token })),
    )
        .into_response())
}

async fn api_revoke_token(scope: Scope, Path(id): Path<String>) -> Result<Response, ApiError> {
    // No body is read: an unknown or foreign id is 404.
    let id = parse_id(&id)?;
    for_me(&scope, Pool::Store, move |a, me, _| {
        a.revoke_api_token(me, id)
    })
    .await?;
    Ok(no_content())
}

// ------------------------------------------------------------ partners

async fn api_partners(scope: Scope) -> Result<Response, ApiError> {
    let partners = for_me(&scope, Pool::Store, |a, me, _| a.partners(me)).await?;
    Ok(Json(partners).into_response())
}

async fn api_invite(scope: Scope, headers: HeaderMap) -> Result<Response, ApiError> {
    let invite = for_me(&scope, Pool::Store, |a, me, _| a.invite(me)).await?;
    let base = public_base(scope.state(), &headers);
    let link = format!(
        "{base}/partners/accept?code={}",
        thaw_app::partners::normalize_code(&invite.code)
    );
    Ok((
        StatusCode::CREATED,
        Json(json!({ "code": invite.code, "link": link, "expires_at": invite.expires_at })),
    )
        .into_response())
}

/// The address people use: the configured public URL, else this
/// request's own host.
pub(crate) fn public_base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = state.hosted().and_then(|h| h.public_url.clone()) {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map_or_else(|| state.addr.to_string(), str::to_owned);
    format!("http://{host}")
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

async fn api_accept(scope: Scope, bytes: Bytes) -> Result<Response, ApiError> {
    let b: Code = body(&bytes)?;
    let id = for_me(&scope, Pool::Store, move |a, me, _| a.accept(me, &b.code)).await?;
    Ok(Json(json!({ "partner_id": id })).into_response())
}

/// Whether the signed-in person is part of partnership `id`, asked before
/// a body is read, so that someone else's id is 404 whatever they send.
async fn member(scope: &Scope, id: Uuid) -> Result<(), ApiError> {
    for_me(scope, Pool::Store, move |a, me, _| {
        a.partner(me, id).map(|_| ())
    })
    .await
}

async fn api_sharing(
    scope: Scope,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    member(&scope, id).await?;
    let b: SharingView = body(&bytes)?;
    let view = for_me(&scope, Pool::Store, move |a, me, _| {
        a.set_sharing(me, id, &b)
    })
    .await?;
    Ok(Json(view).into_response())
}

async fn api_revoke(scope: Scope, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    for_me(&scope, Pool::Store, move |a, me, _| a.revoke(me, id)).await?;
    Ok(no_content())
}

async fn api_partner_today(scope: Scope, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let today = for_me(&scope, Pool::Store, move |a, me, clock| {
        a.partner_today(me, id, clock)
    })
    .await?;
    Ok(Json(today).into_response())
}

async fn api_partner_journal(scope: Scope, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let entries = for_me(&scope, Pool::Store, move |a, me, _| {
        a.partner_journal(me, id)
    })
    .await?;
    Ok(Json(json!({ "entries": entries })).into_response())
}

async fn api_partner_screeners(scope: Scope, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let results = for_me(&scope, Pool::Store, move |a, me, _| {
        a.partner_screeners(me, id)
    })
    .await?;
    Ok(Json(json!({ "screenings": results })).into_response())
}

async fn api_partner_insights(scope: Scope, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let summary = for_me(&scope, Pool::Store, move |a, me, clock| {
        a.partner_insights(me, id, clock)
    })
    .await?;
    Ok(
        Json(json!({ "sentences": summary.sentences, "next_step": summary.next_step }))
            .into_response(),
    )
}

#[derive(Deserialize)]
struct NoteBody {
    text: String,
}

async fn api_note(
    scope: Scope,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    member(&scope, id).await?;
    let b: NoteBody = body(&bytes)?;
    let note = for_me(&scope, Pool::Store, move |a, me, _| {
        a.send_note(me, id, &b.text)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(note)).into_response())
}

async fn api_audit(scope: Scope) -> Result<Response, ApiError> {
    let log = for_me(&scope, Pool::Store, |a, me, _| a.audit_log(me)).await?;
    Ok(Json(log).into_response())
}

// --------------------------------------------------------------- pages

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage<'a> {
    signup: bool,
    open_signup: bool,
    email: &'a str,
    invite: &'a str,
    /// Where to go after signing in (a path on this site).
    next: &'a str,
    /// The sign-up link, carrying an invite code from `next`.
    signup_link: String,
    problem: Option<String>,
}

/// A path on this site to go to after signing in; anything else (another
/// site, a scheme) is dropped.
fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    ok.then_some(next)
}

struct SignIn<'a> {
    signup: bool,
    email: &'a str,
    invite: &'a str,
    next: &'a str,
}

fn signin_page(
    state: &AppState,
    status: StatusCode,
    form: SignIn<'_>,
    problem: Option<String>,
) -> Response {
    let open_signup = state
        .accounts()
        .is_some_and(|a| a.policy().signup != thaw_app::accounts::Signup::Closed);
    // An invite link opened while signed out: offer sign-up with its code.
    let code = form
        .next
        .strip_prefix("/partners/accept?code=")
        .map(thaw_app::partners::normalize_code);
    let signup_link = match code {
        Some(code) => format!("/signup?code={code}"),
        None => "/signup".to_owned(),
    };
    render(
        status,
        &SignInPage {
            signup: form.signup,
            open_signup,
            email: form.email,
            invite: form.invite,
            next: form.next,
            signup_link,
            problem,
        },
    )
}

/// `GET /login` in multi-user mode.
pub async fn login_page(State(state): State<AppState>, next: Option<String>) -> Response {
    let next = next.as_deref().and_then(safe_next).unwrap_or("");
    let form = SignIn {
        signup: false,
        email: "",
        invite: "",
        next,
    };
    signin_page(&state, StatusCode::OK, form, None)
}

#[derive(Deserialize)]
struct CodeQuery {
    code: Option<String>,
}

async fn signup_page(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<CodeQuery>,
) -> Response {
    if state.accounts().is_none() {
        return crate::pages::not_found().await;
    }
    let code = q.code.as_deref().map(thaw_app::partners::normalize_code);
    let form = SignIn {
        signup: true,
        email: "",
        invite: code.as_deref().unwrap_or(""),
        next: "",
    };
    signin_page(&state, StatusCode::OK, form, None)
}

fn problem_words(e: &AppError) -> String {
    match e {
        AppError::Input(e) => format!("{}: {}.", e.field.replace('_', " "), e.allowed),
        AppError::Unauthorized(m) | AppError::Refused(m) => format!("{m}."),
        AppError::RateLimited => crate::words::TOO_MANY.into(),
        _ => crate::words::OUR_SIDE.into(),
    }
}

async fn login_form(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, PageError> {
    if state.accounts().is_none() {
        return Ok(crate::pages::not_found().await);
    }
    let address = client_address(&state, request.headers(), peer(&request));
    let bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let form = FormData::parse(&bytes);
    let email = form.get("email").unwrap_or("").to_owned();
    let next = form
        .get("next")
        .and_then(safe_next)
        .unwrap_or("")
        .to_owned();
    let b = LogIn {
        email: email.clone(),
        password: form.get("password").unwrap_or("").to_owned(),
        totp: form.get("totp").map(str::to_owned),
    };
    match log_in(&state, address, b).await {
        Ok(session) => Ok(with_session_cookie(
            &state,
            Redirect::to(if next.is_empty() { "/" } else { &next }).into_response(),
            Some(session.token.expose()),
        )),
        Err(e) => {
            let status = match e {
                AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
                AppError::Input(_) => StatusCode::BAD_REQUEST,
                _ => StatusCode::UNAUTHORIZED,
            };
            let form = SignIn {
                signup: false,
                email: &email,
                invite: "",
                next: &next,
            };
            Ok(signin_page(&state, status, form, Some(problem_words(&e))))
        }
    }
}

async fn signup_form(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, PageError> {
    let Some(accounts) = state.accounts().cloned() else {
        return Ok(crate::pages::not_found().await);
    };
    let address = client_address(&state, request.headers(), peer(&request));
    let bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let form = FormData::parse(&bytes);
    let email = form.get("email").unwrap_or("").to_owned();
    let password = form.get("password").unwrap_or("").to_owned();
    let invite = form.get("invite").map(str::to_owned);
    let (e2, p2, i2, a2) = (
        email.clone(),
        password.clone(),
        invite.clone(),
        address.clone(),
    );
    let made = state
        .hashing(move || accounts.sign_up_from(&a2, &e2, &p2, i2.as_deref()))
        .await;
    if let Err(e) = made {
        let form = SignIn {
            signup: true,
            email: &email,
            invite: invite.as_deref().unwrap_or(""),
            next: "",
        };
        return Ok(signin_page(
            &state,
            StatusCode::BAD_REQUEST,
            form,
            Some(problem_words(&e)),
        ));
    }
    let b = LogIn {
        email,
        password,
        totp: None,
    };
    let session = log_in(&state, address, b).await?;
    let next = match invite {
        Some(code) => format!(
            "/partners?code={}",
            thaw_app::partners::normalize_code(&code)
        ),
        None => "/".to_owned(),
    };
    Ok(with_session_cookie(
        &state,
        Redirect::to(&next).into_response(),
        Some(session.token.expose()),
    ))
}

async fn logout_form(scope: Scope, headers: HeaderMap) -> Result<Response, PageError> {
    if let (Some(token), Some(accounts)) = (
        crate::security::session_cookie(&headers).map(str::to_owned),
        scope.state().accounts().cloned(),
    ) {
        scope
            .state()
            .blocking(move || accounts.log_out(&token))
            .await?;
    }
    Ok(with_session_cookie(
        scope.state(),
        Redirect::to("/login").into_response(),
        None,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_followed_after_sign_in() {
        assert_eq!(
            safe_next("/partners/accept?code=AB"),
            Some("/partners/accept?code=AB")
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "javascript:x",
            "",
            "/a\nb",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
