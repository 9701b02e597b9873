//! Versioned, append-only migrations, one list per backend, run
//! automatically when a store opens.
//!
//! A released migration is never edited: a change to the schema is a new
//! file. On PostgreSQL the run holds an advisory lock, so several app
//! servers starting at once apply each migration exactly once.

use crate::StoreError;
use crate::conn::{Backend, Conn, in_transaction};
use crate::value::Value;

struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/sqlite/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "screenings_and_plans",
        sql: include_str!("../migrations/sqlite/0002_screenings_and_plans.sql"),
    },
    Migration {
        version: 3,
        name: "activities_and_grounding",
        sql: include_str!("../migrations/sqlite/0003_activities_and_grounding.sql"),
    },
    Migration {
        version: 4,
        name: "values_wins_social_selfcare",
        sql: include_str!("../migrations/sqlite/0004_values_wins_social_selfcare.sql"),
    },
    Migration {
        version: 5,
        name: "accounts_and_partners",
        sql: include_str!("../migrations/sqlite/0005_accounts_and_partners.sql"),
    },
];

const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "screenings_and_plans",
        sql: include_str!("../migrations/postgres/0002_screenings_and_plans.sql"),
    },
    Migration {
        version: 3,
        name: "activities_and_grounding",
        sql: include_str!("../migrations/postgres/0003_activities_and_grounding.sql"),
    },
    Migration {
        version: 4,
        name: "values_wins_social_selfcare",
        sql: include_str!("../migrations/postgres/0004_values_wins_social_selfcare.sql"),
    },
    Migration {
        version: 5,
        name: "accounts_and_partners",
        sql: include_str!("../migrations/postgres/0005_accounts_and_partners.sql"),
    },
];

/// An arbitrary, fixed key for PostgreSQL's advisory lock ("thaw" in ASCII).
const PG_LOCK_KEY: i64 = 0x7468_6177;

fn migrations(backend: Backend) -> &'static [Migration] {
    match backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    }
}

/// The newest schema version this program knows for `backend`.
pub(crate) fn latest(backend: Backend) -> i64 {
    migrations(backend).last().map_or(0, |m| m.version)
}

/// The schema version the database is at (0 when new).
pub(crate) fn current(conn: &mut dyn Conn) -> Result<i64, StoreError> {
    let rows = conn.query("SELECT MAX(version) FROM schema_migrations", &[])?;
    Ok(rows
        .first()
        .map(|r| r.opt_int(0))
        .transpose()?
        .flatten()
        .unwrap_or(0))
}

/// Brings the database to the newest schema; answers its version.
pub(crate) fn run(conn: &mut dyn Conn) -> Result<i64, StoreError> {
    let backend = conn.backend();
    let known = latest(backend);
    // Fast path for every start after the first: one small read.
    if let Ok(version) = current(conn) {
        if version == known {
            return Ok(version);
        }
        if version > known {
            return Err(StoreError::NewerSchema {
                found: version,
                known,
            });
        }
    }
    in_transaction(conn, |c| {
        if backend == Backend::Postgres {
            c.execute(
                "SELECT pg_advisory_xact_lock($1)",
                &[Value::Int(PG_LOCK_KEY)],
            )?;
        }
        c.batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_us BIGINT NOT NULL
            )",
        )?;
        let version = current(c)?;
        if version > known {
            return Err(StoreError::NewerSchema {
                found: version,
                known,
            });
        }
        for m in migrations(backend).iter().filter(|m| m.version > version) {
            c.batch(m.sql).map_err(|e| {
                StoreError::Query(format!("migration {:04} {}: {e}", m.version, m.name))
            })?;
            c.execute(
                "INSERT INTO schema_migrations (version, name, applied_us) VALUES ($1, $2, $3)",
                &[
                    Value::Int(m.version),
                    m.name.into(),
                    Value::Int(now_micros()),
                ],
            )?;
        }
        Ok(known)
    })
}

fn now_micros() -> i64 {
    jiff::Timestamp::now().as_microsecond()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one_on_both_backends() {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            for (i, m) in migrations(backend).iter().enumerate() {
                assert_eq!(m.version, i as i64 + 1, "{backend:?} {}", m.name);
            }
        }
        assert_eq!(
            latest(Backend::Sqlite),
            latest(Backend::Postgres),
            "the backends' schemas move together"
        );
    }
}
