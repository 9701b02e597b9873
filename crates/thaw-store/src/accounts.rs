//! Storage for multi-user mode's accounts: sign-in details, sessions
//! (only token hashes), login failures for rate limiting (keyed by a hash,
//! never an address or email), per-person settings and personal API
//! tokens. Everything an app server needs lives here, so app servers keep
//! no state of their own.
//!
//! Deliberately not here: hashing, policies and expiry rules (`thaw-app`).

use thaw_core::OwnerId;
use uuid::Uuid;

use crate::conn::in_transaction;
use crate::{Store, StoreError, now_us};

/// What the store keeps of an account.
#[derive(Clone)]
pub struct AccountRecord {
    pub person: OwnerId,
    pub email: String,
    /// The PHC string of the password's Argon2id hash.
    pub password_hash: String,
    /// The base32 TOTP secret, when a second factor is on.
    pub totp_secret: Option<String>,
    pub created_us: i64,
}

impl std::fmt::Debug for AccountRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountRecord")
            .field("person", &self.person)
            .finish_non_exhaustive()
    }
}

/// A session as stored: whose, and when it began and was last used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionRecord {
    pub person: OwnerId,
    pub created_us: i64,
    pub last_seen_us: i64,
}

/// A personal API token as listed (its secret is never kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: Uuid,
    pub name: String,
    pub created_us: i64,
}

const ACCOUNT_COLUMNS: &str = "person_id, email, password_hash, totp_secret, created_us";

fn account(row: &crate::value::Row) -> Result<AccountRecord, StoreError> {
    Ok(AccountRecord {
        person: OwnerId(row.uuid(0)?),
        email: row.text(1)?,
        password_hash: row.text(2)?,
        totp_secret: row.opt_text(3)?,
        created_us: row.int(4)?,
    })
}

impl Store {
    /// A new person with an account. An email already taken is
    /// [`StoreError::Conflict`].
    pub fn create_account(&self, email: &str, password_hash: &str) -> Result<OwnerId, StoreError> {
        let id = thaw_core::new_id();
        let now = now_us();
        self.with_conn(|c| {
            in_transaction(c, |c| {
                c.execute(
                    "INSERT INTO people (id, kind, created_us) VALUES ($1, 'account', $2)",
                    &[id.into(), now.into()],
                )?;
                c.execute(
                    "INSERT INTO accounts (person_id, email, password_hash, created_us, password_changed_us)
                     VALUES ($1, $2, $3, $4, $4)",
                    &[id.into(), email.into(), password_hash.into(), now.into()],
                )?;
                Ok(OwnerId(id))
            })
        })
    }

    pub fn account_by_email(&self, email: &str) -> Result<Option<AccountRecord>, StoreError> {
        self.with_conn(|c| {
            c.query(
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE email = $1"),
                &[email.into()],
            )?
            .first()
            .map(account)
            .transpose()
        })
    }

    pub fn account(&self, person: OwnerId) -> Result<Option<AccountRecord>, StoreError> {
        self.with_conn(|c| {
            c.query(
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE person_id = $1"),
                &[person.0.into()],
            )?
            .first()
            .map(account)
            .transpose()
        })
    }

    /// Replaces the password hash and ends every session but `keep`.
    pub fn set_password(
        &self,
        person: OwnerId,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<(), StoreError> {
        self.with_conn(|c| {
            in_transaction(c, |c| {
                c.execute(
                    "UPDATE accounts SET password_hash = $2, password_changed_us = $3 WHERE person_id = $1",
                    &[person.0.into(), password_hash.into(), now_us().into()],
                )?;
                c.execute(
                    "DELETE FROM sessions WHERE person_id = $1 AND token_hash <> $2",
                    &[person.0.into(), keep.unwrap_or("").into()],
                )?;
                Ok(())
            })
        })
    }

    /// Turns the second factor on (with its base32 secret) or off.
    pub fn set_totp(&self, person: OwnerId, secret: Option<&str>) -> Result<(), StoreError> {
        let secret = secret.map_or(crate::value::Value::Null, Into::into);
        self.with_conn(|c| {
            c.execute(
                "UPDATE accounts SET totp_secret = $2, totp_last_step = NULL WHERE person_id = $1",
                &[person.0.into(), secret],
            )
            .map(|_| ())
        })
    }

    /// Uses up a second-factor time step: false when that step (or a
    /// later one) was already used, so a code works once, on any server.
    pub fn use_totp_step(&self, person: OwnerId, step: i64) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            Ok(c.execute(
                "UPDATE accounts SET totp_last_step = $2
                 WHERE person_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
                &[person.0.into(), step.into()],
            )? > 0)
        })
    }

    // ------------------------------------------------------------ sessions

    pub fn create_session(&self, token_hash: &str, person: OwnerId) -> Result<(), StoreError> {
        let now = now_us();
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO sessions (token_hash, person_id, created_us, last_seen_us) VALUES ($1, $2, $3, $3)",
                &[token_hash.into(), person.0.into(), now.into()],
            )
            .map(|_| ())
        })
    }

    pub fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT person_id, created_us, last_seen_us FROM sessions WHERE token_hash = $1",
                &[token_hash.into()],
            )?
            .first()
            .map(|row| {
                Ok(SessionRecord {
                    person: OwnerId(row.uuid(0)?),
                    created_us: row.int(1)?,
                    last_seen_us: row.int(2)?,
                })
            })
            .transpose()
        })
    }

    pub fn touch_session(&self, token_hash: &str, at_us: i64) -> Result<(), StoreError> {
        self.with_conn(|c| {
            c.execute(
                "UPDATE sessions SET last_seen_us = $2 WHERE token_hash = $1",
                &[token_hash.into(), at_us.into()],
            )
            .map(|_| ())
        })
    }

    pub fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.with_conn(|c| {
            c.execute(
                "DELETE FROM sessions WHERE token_hash = $1",
                &[token_hash.into()],
            )
            .map(|_| ())
        })
    }

    /// Removes sessions idle since `idle_before` or begun before
    /// `created_before`.
    pub fn prune_sessions(&self, idle_before: i64, created_before: i64) -> Result<u64, StoreError> {
        self.with_conn(|c| {
            c.execute(
                "DELETE FROM sessions WHERE last_seen_us < $1 OR created_us < $2",
                &[idle_before.into(), created_before.into()],
            )
        })
    }

    // ------------------------------------------------------ login failures

    /// Failures under `key_hash` since `since_us`.
    pub fn login_failures(&self, key_hash: &str, since_us: i64) -> Result<i64, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT COUNT(*) FROM login_failures WHERE key_hash = $1 AND at_us >= $2",
                &[key_hash.into(), since_us.into()],
            )?
            .first()
            .map_or(Ok(0), |row| row.int(0))
        })
    }

    /// Records one failure under each key, and forgets failures older
    /// than `forget_before_us`.
    pub fn record_login_failure(
        &self,
        keys: &[&str],
        forget_before_us: i64,
    ) -> Result<(), StoreError> {
        let now = now_us();
        self.with_conn(|c| {
            in_transaction(c, |c| {
                for key in keys {
                    c.execute(
                        "INSERT INTO login_failures (key_hash, at_us) VALUES ($1, $2)",
                        &[(*key).into(), now.into()],
                    )?;
                }
                c.execute(
                    "DELETE FROM login_failures WHERE at_us < $1",
                    &[forget_before_us.into()],
                )?;
                Ok(())
            })
        })
    }

    pub fn clear_login_failures(&self, key_hash: &str) -> Result<(), StoreError> {
        self.with_conn(|c| {
            c.execute(
                "DELETE FROM login_failures WHERE key_hash = $1",
                &[key_hash.into()],
            )
            .map(|_| ())
        })
    }

    // ------------------------------------------------------------ settings

    /// A person's settings file text (multi-user mode keeps it here).
    pub fn person_settings(&self, person: OwnerId) -> Result<Option<String>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT settings FROM person_settings WHERE person_id = $1",
                &[person.0.into()],
            )?
            .first()
            .map(|row| row.text(0))
            .transpose()
        })
    }

    pub fn save_person_settings(&self, person: OwnerId, text: &str) -> Result<(), StoreError> {
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO person_settings (person_id, settings) VALUES ($1, $2)
                 ON CONFLICT (person_id) DO UPDATE SET settings = excluded.settings",
                &[person.0.into(), text.into()],
            )
            .map(|_| ())
        })
    }

    // ---------------------------------------------------------- API tokens

    pub fn create_api_token(
        &self,
        person: OwnerId,
        token_hash: &str,
        name: &str,
    ) -> Result<Uuid, StoreError> {
        let id = thaw_core::new_id();
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO api_tokens (id, person_id, token_hash, name, created_us) VALUES ($1, $2, $3, $4, $5)",
                &[id.into(), person.0.into(), token_hash.into(), name.into(), now_us().into()],
            )
        })?;
        Ok(id)
    }

    pub fn api_token_person(&self, token_hash: &str) -> Result<Option<OwnerId>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT person_id FROM api_tokens WHERE token_hash = $1",
                &[token_hash.into()],
            )?
            .first()
            .map(|row| Ok(OwnerId(row.uuid(0)?)))
            .transpose()
        })
    }

    pub fn api_tokens(&self, person: OwnerId) -> Result<Vec<ApiTokenRecord>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT id, name, created_us FROM api_tokens WHERE person_id = $1 ORDER BY created_us",
                &[person.0.into()],
            )?
            .iter()
            .map(|row| {
                Ok(ApiTokenRecord {
                    id: row.uuid(0)?,
                    name: row.text(1)?,
                    created_us: row.int(2)?,
                })
            })
            .collect()
        })
    }

    /// Revokes a token of `person`'s; false if they have none by that id.
    pub fn delete_api_token(&self, person: OwnerId, id: Uuid) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            Ok(c.execute(
                "DELETE FROM api_tokens WHERE person_id = $1 AND id = $2",
                &[person.0.into(), id.into()],
            )? > 0)
        })
    }
}
