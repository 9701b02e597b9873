//! The calendar: a page to download it or make a secret feed link
//! (`/calendar`), the download itself (`/calendar.ics`), and the feed
//! (`/calendar/feed/{secret}`), which a calendar app polls without a
//! session: the secret in the link is the permission, and making a new
//! link or turning the feed off revokes the old one at once.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::errors::{PageError, refused_page, render};
use crate::routes::Routes;
use crate::{AppState, Scope};

/// The pages that need a session.
pub fn routes() -> Routes {
    Routes::new()
        .route("/calendar", get(page))
        .route("/calendar.ics", get(download))
        .route("/calendar/feed", post(new_feed))
        .route("/calendar/feed/off", post(feed_off))
}

/// The feed itself: public, opened by its secret.
pub fn public_routes() -> Routes {
    Routes::new().route("/calendar/feed/{secret}", get(feed))
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    nav: &'static str,
    has_feed: bool,
    /// The new link, shown once, right after it was made.
    new_link: Option<String>,
    turned_off: bool,
    events: usize,
    without_time: Vec<String>,
}

async fn show(
    state: &Scope,
    new_link: Option<String>,
    turned_off: bool,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let (has_feed, cal) = state
        .run(move |thaw| Ok((thaw.has_calendar_feed()?, thaw.calendar(now)?)))
        .await?;
    Ok(render(
        StatusCode::OK,
        &CalendarPage {
            nav: "calendar",
            has_feed,
            new_link,
            turned_off,
            events: cal.events,
            without_time: cal.without_time,
        },
    ))
}

async fn page(state: Scope) -> Result<Response, PageError> {
    show(&state, None, false).await
}

fn calendar_response(ics: String, download: bool) -> Response {
    let mut response = (StatusCode::OK, ics).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if download {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"thaw.ics\""),
        );
    }
    response
}

async fn download(state: Scope) -> Result<Response, PageError> {
    let now = state.clock.now();
    let cal = state.run(move |thaw| thaw.calendar(now)).await?;
    Ok(calendar_response(cal.ics, true))
}

async fn new_feed(state: Scope, headers: HeaderMap) -> Result<Response, PageError> {
    let secret = state.run(|thaw| thaw.new_calendar_feed()).await?;
    // The Host was already checked against this server's own address.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let link = format!("http://{host}/calendar/feed/{secret}");
    show(&state, Some(link), false).await
}

async fn feed_off(state: Scope) -> Result<Response, PageError> {
    state.run(|thaw| thaw.remove_calendar_feed()).await?;
    show(&state, None, true).await
}

/// Public, so it takes no [`Scope`]: the secret alone says whose it is.
async fn feed(State(state): State<AppState>, Path(secret): Path<String>) -> Response {
    let secret = secret.trim_end_matches(".ics").to_owned();
    let now = state.clock.now();
    let local = state.local_thaw();
    let accounts = state.accounts().cloned();
    let answer = state
        .blocking(move || {
            let thaw = match (local, accounts) {
                (Some(thaw), _) => thaw.calendar_feed_is(&secret)?.then_some(thaw),
                (None, Some(accounts)) => accounts
                    .thaw_by_calendar_feed(&secret)?
                    .map(std::sync::Arc::new),
                (None, None) => None,
            };
            match thaw {
                Some(thaw) => Ok(Some(thaw.calendar(now)?.ics)),
                None => Ok(None),
            }
        })
        .await;
    match answer {
        Ok(Some(ics)) => calendar_response(ics, false),
        Ok(None) => refused_page(StatusCode::NOT_FOUND, crate::words::FEED_GONE),
        Err(e) => PageError(e).into_response(),
    }
}
