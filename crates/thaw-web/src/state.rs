//! The server's state, and [`Scope`]: what one request may touch.
//!
//! Local mode holds the one person's open Thaw and the one-time login
//! token; multi-user mode holds the accounts on a shared store and opens
//! a person's Thaw per request, for whoever the session says they are.
//! Handlers take a [`Scope`], never the state itself, so the same handler
//! serves both modes and can only reach its own person's data.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use thaw_app::accounts::{Accounts, Signed};
use thaw_app::{AppError, Thaw};
use thaw_core::Clock;

use crate::Config;
use crate::errors::ApiError;

/// Multi-user mode's settings.
#[derive(Debug, Clone, Default)]
pub struct Hosted {
    /// The address people use (`https://…` turns on `__Host-` + Secure
    /// cookies and HSTS); invite links start with it.
    pub public_url: Option<String>,
    /// Take the client address from the proxy's `X-Forwarded-For`.
    pub trust_proxy: bool,
}

impl Hosted {
    pub fn secure(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

pub(crate) enum Mode {
    Local {
        thaw: Arc<Thaw>,
        access: Arc<LocalAccess>,
    },
    Multi {
        accounts: Accounts,
        hosted: Hosted,
    },
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    pub(crate) mode: Arc<Mode>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) addr: SocketAddr,
    pub(crate) data_dir: Arc<str>,
    /// Bounds how many store calls run at once: a few threads doing the
    /// work beat many threads switching between each other.
    store_slots: Arc<tokio::sync::Semaphore>,
    /// Password hashing (deliberately slow) runs in its own, smaller pool,
    /// so sign-ins never hold up everyone else's requests.
    hashing_slots: Arc<tokio::sync::Semaphore>,
    /// The check-in form's choices with nothing picked, rendered once.
    pub(crate) empty_choices: Arc<str>,
}

impl AppState {
    fn with_mode(mode: Mode, clock: Arc<dyn Clock>, config: &Config) -> Self {
        Self {
            mode: Arc::new(mode),
            clock,
            addr: config.addr,
            data_dir: config.data_dir.as_str().into(),
            store_slots: Arc::new(tokio::sync::Semaphore::new(store_slots())),
            hashing_slots: Arc::new(tokio::sync::Semaphore::new(hashing_slots())),
            empty_choices: crate::pages::Choices::render_empty()
                .unwrap_or_default()
                .into(),
        }
    }

    pub(crate) fn local(thaw: Thaw, clock: Arc<dyn Clock>, config: &Config) -> Self {
        let mode = Mode::Local {
            thaw: Arc::new(thaw),
            access: Arc::new(LocalAccess::new(config.addr)),
        };
        Self::with_mode(mode, clock, config)
    }

    pub(crate) fn multi(
        accounts: Accounts,
        hosted: Hosted,
        clock: Arc<dyn Clock>,
        config: &Config,
    ) -> Self {
        Self::with_mode(Mode::Multi { accounts, hosted }, clock, config)
    }

    /// The login link to print (with the one-time token); in multi-user
    /// mode, the sign-in page.
    pub fn login_url(&self) -> String {
        match self.mode.as_ref() {
            Mode::Local { access, .. } => access.login_url(),
            Mode::Multi { hosted, .. } => {
                let base = hosted
                    .public_url
                    .clone()
                    .unwrap_or_else(|| format!("http://{}", self.addr));
                format!("{}/login", base.trim_end_matches('/'))
            }
        }
    }

    pub(crate) fn local_access(&self) -> Option<&LocalAccess> {
        match self.mode.as_ref() {
            Mode::Local { access, .. } => Some(access),
            Mode::Multi { .. } => None,
        }
    }

    pub(crate) fn local_thaw(&self) -> Option<Arc<Thaw>> {
        match self.mode.as_ref() {
            Mode::Local { thaw, .. } => Some(Arc::clone(thaw)),
            Mode::Multi { .. } => None,
        }
    }

    pub(crate) fn accounts(&self) -> Option<&Accounts> {
        match self.mode.as_ref() {
            Mode::Multi { accounts, .. } => Some(accounts),
            Mode::Local { .. } => None,
        }
    }

    pub(crate) fn hosted(&self) -> Option<&Hosted> {
        match self.mode.as_ref() {
            Mode::Multi { hosted, .. } => Some(hosted),
            Mode::Local { .. } => None,
        }
    }

    /// Runs blocking work (the store is synchronous) on a blocking
    /// thread, a bounded number at a time.
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        Self::blocking_in(&self.store_slots, f).await
    }

    /// Like [`AppState::blocking`], for work that hashes a password
    /// (sign-up, sign-in, password checks): its own pool of slots.
    pub(crate) async fn hashing<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        Self::blocking_in(&self.hashing_slots, f).await
    }

    async fn blocking_in<T: Send + 'static>(
        slots: &tokio::sync::Semaphore,
        f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let _slot = slots.acquire().await.map_err(|e| AppError::Io {
            what: "the server is shutting down".into(),
            source: std::io::Error::other(e),
        })?;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| AppError::Io {
                what: "a background task stopped".into(),
                source: std::io::Error::other(e),
            })?
    }
}

/// The signed-in person's Thaw, opened by the session layer in the same
/// trip to the store that found them.
#[derive(Clone)]
pub(crate) struct SignedThaw(pub(crate) Arc<Thaw>);

/// What one request may touch: the signed-in person's own Thaw (in local
/// mode, the one person's), and the shared state.
#[derive(Clone)]
pub struct Scope {
    pub(crate) thaw: Arc<Thaw>,
    pub(crate) signed: Option<Signed>,
    state: AppState,
}

impl std::ops::Deref for Scope {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.state
    }
}

impl Scope {
    /// Runs a use case on this person's Thaw, on a blocking thread.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Thaw) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let thaw = Arc::clone(&self.thaw);
        self.state.blocking(move || f(&thaw)).await
    }

    pub(crate) fn state(&self) -> &AppState {
        &self.state
    }
}

impl FromRequestParts<AppState> for Scope {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match state.mode.as_ref() {
            Mode::Local { thaw, .. } => Ok(Scope {
                thaw: Arc::clone(thaw),
                signed: None,
                state: state.clone(),
            }),
            Mode::Multi { accounts, .. } => {
                // The session layer put it there; without it, nobody.
                let Some(signed) = parts.extensions.get::<Signed>().copied() else {
                    return Err(ApiError::refused(
                        axum::http::StatusCode::UNAUTHORIZED,
                        crate::words::SIGN_IN_FIRST,
                    )
                    .into_response());
                };
                if let Some(SignedThaw(thaw)) = parts.extensions.get::<SignedThaw>().cloned() {
                    return Ok(Scope {
                        thaw,
                        signed: Some(signed),
                        state: state.clone(),
                    });
                }
                let accounts = accounts.clone();
                let thaw = state
                    .blocking(move || accounts.thaw_for(signed.person))
                    .await
                    .map_err(|e| ApiError::from(e).into_response())?;
                Ok(Scope {
                    thaw: Arc::new(thaw),
                    signed: Some(signed),
                    state: state.clone(),
                })
            }
        }
    }
}

/// One password hash per core at most; the rest wait their turn.
fn hashing_slots() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Two store calls per core: enough to overlap waiting on the disk.
fn store_slots() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) * 2
}

/// Who may use a local server: whoever opened the one-time link.
pub struct LocalAccess {
    addr: SocketAddr,
    /// The `Host` values that mean this server (DNS rebinding defence).
    hosts: Vec<String>,
    token: Mutex<Option<String>>,
    sessions: Mutex<HashSet<String>>,
}

impl LocalAccess {
    pub(crate) fn new(addr: SocketAddr) -> Self {
        let port = addr.port();
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        let own = addr.to_string();
        if !hosts.contains(&own) {
            hosts.push(own);
        }
        Self {
            addr,
            hosts,
            token: Mutex::new(Some(random_token())),
            sessions: Mutex::new(HashSet::new()),
        }
    }

    pub fn login_url(&self) -> String {
        let token = self
            .token
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .unwrap_or_default();
        format!("http://{}/login?token={token}", self.addr)
    }

    pub(crate) fn is_own_host(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    pub(crate) fn is_own_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.is_own_host(host))
    }

    /// Trades the one-time token for a new session; `None` if the token is
    /// wrong or was already used.
    pub(crate) fn redeem(&self, offered: &str) -> Option<String> {
        let mut token = self.token.lock().unwrap_or_else(|p| p.into_inner());
        let matches = token
            .as_deref()
            .is_some_and(|t| constant_time_eq(t.as_bytes(), offered.as_bytes()));
        if !matches {
            return None;
        }
        *token = None;
        let session = random_token();
        self.sessions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(session.clone());
        Some(session)
    }

    pub(crate) fn is_session(&self, offered: &str) -> bool {
        self.sessions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(offered)
    }
}

/// 256 random bits, hex-encoded.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    if getrandom::fill(&mut bytes).is_err() {
        // Without an OS random source no token is safe: refuse everyone.
        return String::new();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without leaking where the first difference is.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_works_once() {
        let access = LocalAccess::new("127.0.0.1:7878".parse().unwrap());
        let url = access.login_url();
        let token = url.split("token=").nth(1).unwrap().to_owned();
        assert_eq!(token.len(), 64);
        assert!(access.redeem("wrong").is_none());
        let session = access.redeem(&token).unwrap();
        assert!(access.is_session(&session));
        assert!(access.redeem(&token).is_none(), "one time only");
        assert!(!access.is_session(&token));
    }

    #[test]
    fn only_this_servers_names_are_accepted() {
        let access = LocalAccess::new("127.0.0.1:7878".parse().unwrap());
        assert!(access.is_own_host("127.0.0.1:7878") && access.is_own_host("localhost:7878"));
        assert!(!access.is_own_host("attacker.example") && !access.is_own_host("127.0.0.1:7879"));
        assert!(access.is_own_origin("http://localhost:7878"));
        assert!(!access.is_own_origin("http://evil.example") && !access.is_own_origin("null"));
    }

    #[test]
    fn an_empty_token_never_matches() {
        assert!(!constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc") && !constant_time_eq(b"abc", b"abd"));
    }
}
