//! Multi-user mode's accounts: sign-up, sign-in with optional second
//! factor, sessions, password change, personal API tokens, and account
//! deletion that leaves nothing behind.
//!
//! The yardstick is OWASP ASVS level 2: passwords hashed with Argon2id
//! (19 MiB, 2 passes, 1 lane), checked only for length and against common
//! passwords; session and API tokens of 256 random bits, stored only as
//! SHA-256 hashes; idle and absolute session expiry; failed sign-ins
//! counted per account and per address in the database (shared by every
//! app server) and answered "too many attempts" past the limit; every
//! comparison of secrets in constant time. Everything lives in the store,
//! so an app server keeps no state of its own.
//!
//! Authentication events are written to stderr in UTC, with the person's
//! random id at most: never an email, an address, a password or a token.
//!
//! Deliberately not here: cookies, CSRF and HTTP (`thaw-web`).

use std::sync::Arc;
use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};
use thaw_core::account::{self, TotpSecret};
use thaw_core::{InputError, OwnerId, Settings};
use thaw_store::{ApiTokenRecord, Store, StoreError};
use zeroize::Zeroizing;

use crate::{AppError, Thaw};

/// Who may create an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Signup {
    /// Anyone who can reach the server.
    #[default]
    Open,
    /// Only someone holding a partner invite code.
    Invite,
    /// Nobody (accounts exist already).
    Closed,
}

impl std::str::FromStr for Signup {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, InputError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(Self::Open),
            "invite" => Ok(Self::Invite),
            "closed" => Ok(Self::Closed),
            _ => Err(InputError::new("signup", s, "open, invite or closed")),
        }
    }
}

/// The rules of a hosted server.
#[derive(Debug, Clone)]
pub struct Policy {
    pub signup: Signup,
    /// A session unused this long ends (default 30 minutes).
    pub session_idle: Duration,
    /// A session ends this long after sign-in, used or not (default 12 h).
    pub session_max: Duration,
    /// Failed sign-ins per account allowed in `failure_window`.
    pub max_failures_per_account: i64,
    /// Failed sign-ins per address allowed in `failure_window`.
    pub max_failures_per_address: i64,
    /// New accounts per address allowed in `failure_window` (hashing a
    /// password is deliberately costly).
    pub max_signups_per_address: i64,
    pub failure_window: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            signup: Signup::Open,
            session_idle: Duration::from_secs(30 * 60),
            session_max: Duration::from_secs(12 * 3600),
            max_failures_per_account: 10,
            max_failures_per_address: 50,
            max_signups_per_address: 10,
            failure_window: Duration::from_secs(60),
        }
    }
}

/// A session token as handed to the browser. Never printed.
pub struct SessionToken(Zeroizing<String>);

impl SessionToken {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(…)")
    }
}

/// A new session: the token for the cookie and the CSRF token derived
/// from it.
#[derive(Debug)]
pub struct NewSession {
    pub person: OwnerId,
    pub token: SessionToken,
    pub csrf: String,
}

/// A signed-in person, as a request sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signed {
    pub person: OwnerId,
    /// True when signed in by a personal API token (no CSRF needed).
    pub by_api_token: bool,
}

/// Accounts on one store.
#[derive(Clone)]
pub struct Accounts {
    store: Arc<Store>,
    policy: Policy,
}

const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
const ARGON2_PASSES: u32 = 2;
const ARGON2_LANES: u32 = 1;
/// How stale `last_seen` may get before a request writes it again.
const TOUCH_EVERY_US: i64 = 60_000_000;

fn argon2() -> Result<argon2::Argon2<'static>, AppError> {
    let params = argon2::Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES, None)
        .map_err(|e| internal(format!("password hashing settings: {e}")))?;
    Ok(argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        params,
    ))
}

fn internal(what: String) -> AppError {
    AppError::Io {
        what,
        source: std::io::Error::other("internal"),
    }
}

/// Hashes a password (Argon2id, a fresh random salt; the PHC string).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| internal(format!("no random numbers: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| internal(format!("salt: {e}")))?;
    Ok(argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| internal(format!("password hashing: {e}")))?
        .to_string())
}

/// True when `password` matches the PHC string `hash`.
pub fn verify_password(hash: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    argon2().is_ok_and(|a| a.verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A fresh 256-bit token, hex.
pub fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| internal(format!("no random numbers: {e}")))?;
    Ok(hex(&bytes))
}

/// SHA-256 of a secret, hex: what the store keeps instead of the secret.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The CSRF token of a session: derived from the session token, so it
/// needs no storage and is as unguessable as the session itself.
pub fn csrf_for(session_token: &str) -> String {
    hex(&Sha256::digest(
        format!("thaw-csrf\0{session_token}").as_bytes(),
    ))
}

/// Compares without leaking where the first difference is.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now_us() -> i64 {
    jiff::Timestamp::now().as_microsecond()
}

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

/// Writes one authentication event to stderr: UTC time, event, outcome,
/// and at most the person's random id.
pub fn log_event(event: &str, outcome: &str, person: Option<OwnerId>) {
    let at = jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ");
    match person {
        Some(p) => eprintln!("{at} auth event={event} outcome={outcome} person={}", p.0),
        None => eprintln!("{at} auth event={event} outcome={outcome}"),
    }
}

fn unauthorized() -> AppError {
    AppError::Unauthorized("that email and password do not match an account here".into())
}

impl Accounts {
    pub fn new(store: Arc<Store>, policy: Policy) -> Self {
        Self { store, policy }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// [`Accounts::sign_up`] for a request from `address`, at most
    /// `max_signups_per_address` a minute from one address.
    pub fn sign_up_from(
        &self,
        address: &str,
        email: &str,
        password: &str,
        invite: Option<&str>,
    ) -> Result<OwnerId, AppError> {
        let key = token_hash(&format!("sign-up:{address}"));
        let window = micros(self.policy.failure_window);
        let since = now_us() - window;
        if self.store.login_failures(&key, since)? >= self.policy.max_signups_per_address {
            log_event("sign-up", "rate-limited", None);
            return Err(AppError::RateLimited);
        }
        self.store.record_login_failure(&[&key], since - window)?;
        self.sign_up(email, password, invite)
    }

    /// Creates an account. In invite-only mode `invite` must be a live
    /// partner invite code (it is used up later, when accepted).
    pub fn sign_up(
        &self,
        email: &str,
        password: &str,
        invite: Option<&str>,
    ) -> Result<OwnerId, AppError> {
        let email = account::normalize_email(email)?;
        account::check_password(password, &email)?;
        match self.policy.signup {
            Signup::Open => {}
            Signup::Closed => {
                return Err(AppError::Refused(
                    "this server is not taking new accounts; ask whoever runs it".into(),
                ));
            }
            Signup::Invite => {
                let live = match invite {
                    Some(code) => self
                        .store
                        .invite_owner(
                            &token_hash(&crate::partners::normalize_code(code)),
                            now_us(),
                        )?
                        .is_some(),
                    None => false,
                };
                if !live {
                    return Err(InputError::new(
                        "invite",
                        invite.unwrap_or(""),
                        "the invite code someone here gave you (this server takes new accounts by invitation)",
                    )
                    .into());
                }
            }
        }
        let hash = hash_password(password)?;
        match self.store.create_account(&email, &hash) {
            Ok(person) => {
                log_event("sign-up", "ok", Some(person));
                Ok(person)
            }
            Err(StoreError::Conflict(_)) => Err(InputError::new(
                "email",
                &email,
                "an email address without an account here yet (sign in instead)",
            )
            .into()),
            Err(e) => Err(e.into()),
        }
    }

    /// Signs in. Past the failure limit for the account or the address
    /// the answer is [`AppError::RateLimited`], right password or not.
    pub fn log_in(
        &self,
        email: &str,
        password: &str,
        totp: Option<&str>,
        address: &str,
    ) -> Result<NewSession, AppError> {
        let email = email.trim().to_lowercase();
        let keys = [
            token_hash(&format!("account:{email}")),
            token_hash(&format!("address:{address}")),
        ];
        let since = now_us() - micros(self.policy.failure_window);
        if self.store.login_failures(&keys[0], since)? >= self.policy.max_failures_per_account
            || self.store.login_failures(&keys[1], since)? >= self.policy.max_failures_per_address
        {
            log_event("login", "rate-limited", None);
            return Err(AppError::RateLimited);
        }
        let record = self.store.account_by_email(&email)?;
        let fail = |what: &str| -> Result<NewSession, AppError> {
            self.store.record_login_failure(
                &[&keys[0], &keys[1]],
                since - micros(self.policy.failure_window),
            )?;
            log_event("login", what, None);
            Err(unauthorized())
        };
        let Some(record) = record else {
            // The same work as a real check, so timing does not tell
            // which emails have accounts.
            let _ = verify_password(dummy_hash(), password);
            return fail("failure");
        };
        if !verify_password(&record.password_hash, password) {
            return fail("failure");
        }
        if let Some(secret) = &record.totp_secret {
            let secret = TotpSecret::from_base32(secret)?;
            let Some(code) = totp.filter(|c| !c.trim().is_empty()) else {
                log_event("login", "second-factor-needed", Some(record.person));
                return Err(AppError::Unauthorized(
                    "enter the 6-digit code from your authenticator app too".into(),
                ));
            };
            let step = account::verify_totp_step(&secret, code, jiff::Timestamp::now().as_second())
                .and_then(|s| i64::try_from(s).ok());
            let Some(step) = step else {
                return fail("second-factor-failure");
            };
            if !self.store.use_totp_step(record.person, step)? {
                return fail("second-factor-reused");
            }
        }
        self.store.clear_login_failures(&keys[0])?;
        let session = self.start_session(record.person)?;
        log_event("login", "ok", Some(record.person));
        Ok(session)
    }

    fn start_session(&self, person: OwnerId) -> Result<NewSession, AppError> {
        let token = new_token()?;
        self.store.create_session(&token_hash(&token), person)?;
        let csrf = csrf_for(&token);
        Ok(NewSession {
            person,
            token: SessionToken(Zeroizing::new(token)),
            csrf,
        })
    }

    /// The person a session token belongs to, if it is live; keeps it
    /// alive (at most one write a minute).
    pub fn session(&self, token: &str) -> Result<Option<OwnerId>, AppError> {
        let hash = token_hash(token);
        let Some(s) = self.store.session(&hash)? else {
            return Ok(None);
        };
        let now = now_us();
        if now - s.last_seen_us > micros(self.policy.session_idle)
            || now - s.created_us > micros(self.policy.session_max)
        {
            self.store.delete_session(&hash)?;
            log_event("session", "expired", Some(s.person));
            return Ok(None);
        }
        if now - s.last_seen_us > TOUCH_EVERY_US {
            self.store.touch_session(&hash, now)?;
        }
        Ok(Some(s.person))
    }

    pub fn log_out(&self, token: &str) -> Result<(), AppError> {
        let hash = token_hash(token);
        if let Some(s) = self.store.session(&hash)? {
            log_event("logout", "ok", Some(s.person));
        }
        Ok(self.store.delete_session(&hash)?)
    }

    /// Changes the password (the current one is asked again); every other
    /// session of theirs ends.
    pub fn change_password(
        &self,
        person: OwnerId,
        current: &str,
        new: &str,
        keep_session: Option<&str>,
    ) -> Result<(), AppError> {
        let record = self.store.account(person)?.ok_or(AppError::NotFound)?;
        if !verify_password(&record.password_hash, current) {
            log_event("password-change", "failure", Some(person));
            return Err(
                InputError::new("current_password", "(hidden)", "your current password").into(),
            );
        }
        account::check_password(new, &record.email)?;
        let hash = hash_password(new)?;
        self.store
            .set_password(person, &hash, keep_session.map(token_hash).as_deref())?;
        log_event("password-change", "ok", Some(person));
        Ok(())
    }

    /// Starts turning on a second factor: a new secret and its otpauth
    /// link, to be confirmed with [`Accounts::confirm_totp`].
    pub fn new_totp_secret(&self, person: OwnerId) -> Result<(String, String), AppError> {
        let record = self.store.account(person)?.ok_or(AppError::NotFound)?;
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes).map_err(|e| internal(format!("no random numbers: {e}")))?;
        let secret = TotpSecret::from_bytes(bytes);
        let uri = account::otpauth_uri(&secret, &record.email, "Thaw");
        Ok((secret.to_base32(), uri))
    }

    /// Turns the second factor on once a code from the app matches.
    pub fn confirm_totp(&self, person: OwnerId, secret: &str, code: &str) -> Result<(), AppError> {
        let parsed = TotpSecret::from_base32(secret)?;
        let step = account::verify_totp_step(&parsed, code, jiff::Timestamp::now().as_second())
            .and_then(|s| i64::try_from(s).ok())
            .ok_or_else(|| {
                InputError::new(
                    "code",
                    code,
                    "the 6-digit code your authenticator app shows now",
                )
            })?;
        self.store.set_totp(person, Some(&parsed.to_base32()))?;
        // The code that turned it on is used up too.
        self.store.use_totp_step(person, step)?;
        log_event("second-factor", "on", Some(person));
        Ok(())
    }

    pub fn disable_totp(&self, person: OwnerId, password: &str) -> Result<(), AppError> {
        let record = self.store.account(person)?.ok_or(AppError::NotFound)?;
        if !verify_password(&record.password_hash, password) {
            return Err(InputError::new("password", "(hidden)", "your password").into());
        }
        self.store.set_totp(person, None)?;
        log_event("second-factor", "off", Some(person));
        Ok(())
    }

    /// Deletes the account and every row of the person's, in every table.
    pub fn delete_account(&self, person: OwnerId, password: &str) -> Result<(), AppError> {
        let record = self.store.account(person)?.ok_or(AppError::NotFound)?;
        if !verify_password(&record.password_hash, password) {
            return Err(InputError::new("password", "(hidden)", "your password").into());
        }
        self.store
            .clear_login_failures(&token_hash(&format!("account:{}", record.email)))?;
        self.store.delete_person(person)?;
        log_event("account-delete", "ok", Some(person));
        Ok(())
    }

    /// A new personal API token; the secret is shown once and only its
    /// hash kept.
    pub fn create_api_token(
        &self,
        person: OwnerId,
        name: &str,
    ) -> Result<(uuid::Uuid, String), AppError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(InputError::new(
                "name",
                name,
                "a short name for the token (up to 80 characters)",
            )
            .into());
        }
        let token = format!("thaw_{}", new_token()?);
        let id = self
            .store
            .create_api_token(person, &token_hash(&token), name)?;
        log_event("api-token", "created", Some(person));
        Ok((id, token))
    }

    pub fn api_tokens(&self, person: OwnerId) -> Result<Vec<ApiTokenRecord>, AppError> {
        Ok(self.store.api_tokens(person)?)
    }

    pub fn revoke_api_token(&self, person: OwnerId, id: uuid::Uuid) -> Result<(), AppError> {
        if self.store.delete_api_token(person, id)? {
            log_event("api-token", "revoked", Some(person));
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The person a personal API token belongs to.
    pub fn api_token_person(&self, token: &str) -> Result<Option<OwnerId>, AppError> {
        Ok(self.store.api_token_person(&token_hash(token))?)
    }

    /// A person's settings (defaults until they change one).
    pub fn settings(&self, person: OwnerId) -> Result<Settings, AppError> {
        match self.store.person_settings(person)? {
            Some(text) => crate::data_dir::parse_settings(&text, "your settings"),
            None => Ok(Settings::default()),
        }
    }

    pub fn save_settings(&self, person: OwnerId, settings: &Settings) -> Result<(), AppError> {
        let text = toml::to_string(settings).map_err(|e| AppError::Settings {
            path: "your settings".into(),
            message: e.to_string(),
        })?;
        Ok(self.store.save_person_settings(person, &text)?)
    }

    /// The person's own Thaw: their data and settings on the shared store.
    pub fn thaw_for(&self, person: OwnerId) -> Result<Thaw, AppError> {
        Ok(Thaw::new(
            Arc::clone(&self.store),
            person,
            self.settings(person)?,
        ))
    }
}

/// A hash of a password nobody has, verified when an email has no
/// account so that both cases take the same time.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accounts() -> (tempfile::TempDir, Accounts) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("t.db")).unwrap();
        (dir, Accounts::new(Arc::new(store), Policy::default()))
    }

    #[test]
    fn sign_up_then_sign_in_gives_a_session_that_signs_out() {
        let (_d, a) = accounts();
        let me = a
            .sign_up(" Ana@Example.org ", "a long passphrase 4 me", None)
            .unwrap();
        let s = a
            .log_in(
                "ana@example.org",
                "a long passphrase 4 me",
                None,
                "10.0.0.1",
            )
            .unwrap();
        assert_eq!(s.person, me);
        assert_eq!(s.token.expose().len(), 64);
        assert_eq!(s.csrf, csrf_for(s.token.expose()));
        assert_eq!(a.session(s.token.expose()).unwrap(), Some(me));
        a.log_out(s.token.expose()).unwrap();
        assert_eq!(a.session(s.token.expose()).unwrap(), None);
        assert!(matches!(
            a.sign_up("ana@example.org", "another long one", None),
            Err(AppError::Input(_))
        ));
    }

    #[test]
    fn weak_passwords_and_wrong_ones_are_refused() {
        let (_d, a) = accounts();
        assert!(a.sign_up("b@example.org", "short", None).is_err());
        assert!(a.sign_up("b@example.org", "password123", None).is_err());
        a.sign_up("b@example.org", "a long passphrase 4 me", None)
            .unwrap();
        assert!(matches!(
            a.log_in("b@example.org", "wrong", None, "x"),
            Err(AppError::Unauthorized(_))
        ));
        assert!(matches!(
            a.log_in("nobody@example.org", "wrong", None, "x"),
            Err(AppError::Unauthorized(_))
        ));
    }

    #[test]
    fn the_eleventh_failure_in_a_minute_is_rate_limited_even_with_the_right_password() {
        let (_d, a) = accounts();
        a.sign_up("c@example.org", "a long passphrase 4 me", None)
            .unwrap();
        for _ in 0..10 {
            assert!(matches!(
                a.log_in("c@example.org", "wrong", None, "addr"),
                Err(AppError::Unauthorized(_))
            ));
        }
        assert!(matches!(
            a.log_in("c@example.org", "a long passphrase 4 me", None, "addr"),
            Err(AppError::RateLimited)
        ));
    }

    #[test]
    fn invite_only_and_closed_sign_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open_sqlite(&dir.path().join("t.db")).unwrap());
        let closed = Accounts::new(
            Arc::clone(&store),
            Policy {
                signup: Signup::Closed,
                ..Policy::default()
            },
        );
        assert!(matches!(
            closed.sign_up("d@example.org", "a long passphrase 4 me", None),
            Err(AppError::Refused(_))
        ));
        let invite = Accounts::new(
            store,
            Policy {
                signup: Signup::Invite,
                ..Policy::default()
            },
        );
        assert!(matches!(
            invite.sign_up("d@example.org", "a long passphrase 4 me", None),
            Err(AppError::Input(_))
        ));
    }

    #[test]
    fn a_password_change_ends_other_sessions_and_deletion_removes_the_person() {
        let (_d, a) = accounts();
        let me = a
            .sign_up("e@example.org", "a long passphrase 4 me", None)
            .unwrap();
        let one = a
            .log_in("e@example.org", "a long passphrase 4 me", None, "x")
            .unwrap();
        let two = a
            .log_in("e@example.org", "a long passphrase 4 me", None, "x")
            .unwrap();
        a.change_password(
            me,
            "a long passphrase 4 me",
            "another fine passphrase",
            Some(one.token.expose()),
        )
        .unwrap();
        assert_eq!(a.session(one.token.expose()).unwrap(), Some(me));
        assert_eq!(a.session(two.token.expose()).unwrap(), None);
        let (_, token) = a.create_api_token(me, "phone").unwrap();
        assert_eq!(a.api_token_person(&token).unwrap(), Some(me));
        a.delete_account(me, "another fine passphrase").unwrap();
        assert_eq!(a.session(one.token.expose()).unwrap(), None);
        assert_eq!(a.api_token_person(&token).unwrap(), None);
        assert!(a.store().account(me).unwrap().is_none());
    }

    #[test]
    fn the_dummy_hash_parses_so_unknown_emails_cost_the_same() {
        assert!(PasswordHash::new(dummy_hash()).is_ok());
    }
}
