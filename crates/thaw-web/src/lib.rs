//! The web app and its JSON API: the main way most people use Thaw
//! (`thaw serve`). The only crate that knows HTTP.
//!
//! Server-rendered HTML (askama templates in `templates/`, compiled into
//! the binary) with a small stylesheet of our own; every form works
//! without JavaScript. The JSON API under `/api/v1/` mirrors the command
//! line's `--json` shapes, and `/api/openapi.json` is generated from the
//! handlers and types in [`api`].
//!
//! Handlers hold no rules: they parse, call the use cases in `thaw-app`
//! (on a blocking thread, since the store is synchronous) and render.
//! Security is layered once, at router construction ([`router`]): host
//! check, origin check, session, headers — see [`security`].
//!
//! Multi-user mode (`thaw serve --multi-user`) serves the same pages and
//! API to many people on one store: handlers take a [`Scope`] (the
//! signed-in person's own Thaw), accounts and partners live in
//! [`hosted`], and the session and CSRF layers in [`security`].

pub mod api;
mod api_engage;
mod api_review;
mod calendar_pages;
mod engage_pages;
mod errors;
mod forms;
mod grounding_pages;
mod hosted;
mod hosted_pages;
mod pages;
mod problems;
mod report_pages;
mod review_pages;
mod routes;
mod safety_pages;
pub mod security;
mod state;
mod words;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use thaw_app::Thaw;
use thaw_app::accounts::Accounts;
use thaw_core::Clock;

pub use routes::RouteInfo;
use routes::Routes;
pub use state::{AppState, Hosted, LocalAccess, Scope};

/// Everything the server needs to start.
pub struct Config {
    /// The address actually bound (after port 0 was resolved).
    pub addr: SocketAddr,
    /// The data folder, shown in the first-run notice.
    pub data_dir: String,
}

/// Builds the whole local-mode app with its security layers.
pub fn router(thaw: Thaw, clock: Arc<dyn Clock>, config: &Config) -> (Router, AppState) {
    let state = AppState::local(thaw, clock, config);
    (build(&state), state)
}

/// Builds the multi-user app on `accounts`' store.
pub fn router_multi(
    accounts: Accounts,
    hosted: Hosted,
    clock: Arc<dyn Clock>,
    config: &Config,
) -> (Router, AppState) {
    let state = AppState::multi(accounts, hosted, clock, config);
    (build(&state), state)
}

/// The private routes (behind the session); hosted mode adds its own.
fn private_routes(hosted: bool) -> Routes {
    let mut private = Routes::new()
        .merge(pages::routes())
        .merge(safety_pages::routes())
        .merge(engage_pages::routes())
        .merge(calendar_pages::routes())
        .merge(grounding_pages::routes())
        .merge(report_pages::routes())
        .merge(review_pages::routes())
        .nest(
            "/api/v1",
            api::routes()
                .merge(api_engage::routes())
                .merge(api_review::routes()),
        );
    if hosted {
        private = private
            .merge(hosted::routes())
            .merge(hosted_pages::routes());
    }
    private
}

/// The routes anyone may reach.
fn public_routes(hosted: bool) -> Routes {
    let mut public = Routes::new()
        .route("/login", get(security::login))
        .route("/help-now", get(safety_pages::help_now))
        .route("/healthz", get(api::healthz))
        .route("/api/openapi.json", get(api::openapi_json))
        .route("/static/{file}", get(pages::static_file))
        .merge(calendar_pages::public_routes());
    if hosted {
        public = public.merge(hosted::public_routes());
    }
    public
}

/// Every route the server has in a mode (`hosted`: multi-user), from the
/// same lists the router is built from.
pub fn route_table(hosted: bool) -> Vec<RouteInfo> {
    let private = private_routes(hosted);
    let public = public_routes(hosted);
    let mut all: Vec<RouteInfo> = private
        .paths()
        .iter()
        .map(|p| RouteInfo {
            path: p.clone(),
            public: false,
        })
        .collect();
    all.extend(public.paths().iter().map(|p| RouteInfo {
        path: p.clone(),
        public: true,
    }));
    all
}

fn build(state: &AppState) -> Router {
    let hosted = state.accounts().is_some();
    let private = private_routes(hosted)
        .into_router()
        .layer(from_fn_with_state(state.clone(), security::csrf_forms))
        .layer(from_fn_with_state(state.clone(), security::check_csrf))
        .layer(from_fn_with_state(state.clone(), security::require_session));
    Router::new()
        .merge(private)
        .merge(public_routes(hosted).into_router())
        .fallback(pages::not_found)
        .layer(from_fn_with_state(state.clone(), security::check_origin))
        .layer(from_fn_with_state(state.clone(), security::check_host))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .with_state(state.clone())
}

/// Whether an address is on this machine only.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}
