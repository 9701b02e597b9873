//! The server's state: the open Thaw, the clock, and local-mode access
//! (the one-time login token and the sessions it opened).

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use thaw_app::{AppError, Thaw};
use thaw_core::Clock;

use crate::Config;

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    pub(crate) thaw: Arc<Thaw>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) access: Arc<LocalAccess>,
    pub(crate) data_dir: Arc<str>,
    /// Bounds how many store calls run at once: a few threads doing the
    /// work beat many threads switching between each other.
    store_slots: Arc<tokio::sync::Semaphore>,
    /// The check-in form's choices with nothing picked, rendered once.
    pub(crate) empty_choices: Arc<str>,
}

impl AppState {
    pub(crate) fn new(thaw: Thaw, clock: Arc<dyn Clock>, config: &Config) -> Self {
        Self {
            thaw: Arc::new(thaw),
            clock,
            access: Arc::new(LocalAccess::new(config.addr)),
            data_dir: config.data_dir.as_str().into(),
            store_slots: Arc::new(tokio::sync::Semaphore::new(store_slots())),
            empty_choices: crate::pages::Choices::render_empty()
                .unwrap_or_default()
                .into(),
        }
    }

    /// The login link to print (with the one-time token).
    pub fn login_url(&self) -> String {
        self.access.login_url()
    }

    /// Runs a use case on a blocking thread (the store is synchronous).
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Thaw) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let thaw = self.thaw.clone();
        let _slot = self.store_slots.acquire().await.map_err(|e| AppError::Io {
            what: "the server is shutting down".into(),
            source: std::io::Error::other(e),
        })?;
        tokio::task::spawn_blocking(move || f(&thaw))
            .await
            .map_err(|e| AppError::Io {
                what: "a background task stopped".into(),
                source: std::io::Error::other(e),
            })?
    }
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
    fn new(addr: SocketAddr) -> Self {
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
