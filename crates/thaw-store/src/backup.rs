//! Backups of the SQLite store: a consistent copy taken while other
//! connections (the web app, another `thaw`) keep writing, and the checks
//! a copy must pass before it may replace a database.
//!
//! A backup is itself a SQLite database: `VACUUM INTO` writes a
//! transactionally consistent, compacted copy, and a `backup_meta` table
//! carries what lives outside the database (the settings file), so one
//! file holds everything. The backup of an encrypted store is encrypted
//! with the same key and salt (made with `sqlcipher_export` in one read
//! transaction), so the same passphrase opens it.

use std::path::Path;

use rusqlite::{OpenFlags, OptionalExtension};

use crate::cipher::{self, Key};
use crate::conn::Backend;
use crate::{Opener, Store, StoreError, migrate};

/// What a verified backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub schema_version: i64,
    pub checkins: i64,
    /// The settings file's text at the time of the backup, if it had one.
    pub settings: Option<String>,
}

fn sqlite_err(path: &Path, e: rusqlite::Error) -> StoreError {
    StoreError::Open(format!("{}: {e}", path.display()))
}

impl Store {
    /// Writes a consistent copy of the whole database to `to` (which must
    /// not exist yet), with `settings` (the settings file's text) inside.
    pub fn backup_to(&self, to: &Path, settings: Option<&str>) -> Result<(), StoreError> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Query(
                "backups of a PostgreSQL store are made with pg_dump".into(),
            ));
        }
        let key = match &self.opener {
            Opener::Sqlite(path, Some(key), _) => {
                let conn = cipher::open_raw(path, Some(key), OpenFlags::default())?;
                cipher::export_to(&conn, to, Some(key))?;
                Some(key)
            }
            _ => {
                let target = to.to_string_lossy().into_owned();
                self.with_conn(|c| c.execute("VACUUM INTO $1", &[target.as_str().into()]))?;
                None
            }
        };
        let conn = cipher::open_raw(to, key, OpenFlags::default())?;
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE;
             CREATE TABLE backup_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);",
        )
        .map_err(|e| sqlite_err(to, e))?;
        if let Some(text) = settings {
            conn.execute(
                "INSERT INTO backup_meta (key, value) VALUES ('settings', ?1)",
                [text],
            )
            .map_err(|e| sqlite_err(to, e))?;
        }
        conn.close().map_err(|(_, e)| sqlite_err(to, e))?;
        Ok(())
    }
}

/// Checks that `path` (a database or a backup) is a whole, readable Thaw
/// database this program can use: SQLite's integrity check passes, its schema is not newer than
/// ours, and it has the tables a Thaw database has. An encrypted backup
/// needs its `key`.
pub fn verify_database(path: &Path, key: Option<&Key>) -> Result<BackupInfo, StoreError> {
    let conn = cipher::open_raw(
        path,
        key,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let bad = |why: String| StoreError::Corrupt(format!("it is not a usable Thaw database: {why}"));
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if check != "ok" {
        return Err(bad(format!("the integrity check says {check}")));
    }
    let schema_version: i64 = conn
        .query_row("SELECT MAX(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .map_err(|_| bad("it has no Thaw schema".into()))?;
    let known = migrate::latest(Backend::Sqlite);
    if schema_version > known {
        return Err(StoreError::NewerSchema {
            found: schema_version,
            known,
        });
    }
    let checkins: i64 = conn
        .query_row("SELECT COUNT(*) FROM checkins", [], |r| r.get(0))
        .map_err(|_| bad("it has no check-ins table".into()))?;
    let has_meta: bool = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'backup_meta'",
            [],
            |_| Ok(true),
        )
        .optional()
        .map_err(|e| bad(e.to_string()))?
        .unwrap_or(false);
    let settings = if has_meta {
        conn.query_row(
            "SELECT value FROM backup_meta WHERE key = 'settings'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| bad(e.to_string()))?
    } else {
        None
    };
    Ok(BackupInfo {
        schema_version,
        checkins,
        settings,
    })
}

/// Turns a copied backup at `path` back into a plain database: drops the
/// backup's own table.
pub fn unwrap_backup(path: &Path, key: Option<&Key>) -> Result<(), StoreError> {
    let conn = cipher::open_raw(path, key, OpenFlags::default())?;
    conn.execute_batch("DROP TABLE IF EXISTS backup_meta;")
        .map_err(|e| sqlite_err(path, e))?;
    conn.close().map_err(|(_, e)| sqlite_err(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;
    use thaw_core::CheckinDraft;

    #[test]
    fn a_backup_is_consistent_verifiable_and_carries_the_settings() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("thaw.db")).unwrap();
        let me = store.local_person().unwrap();
        let at = thaw_core::Moment::from_parts(1_000_000, 3600).unwrap();
        let c = CheckinDraft {
            mood: Some("4".into()),
            ..Default::default()
        };
        store
            .insert_checkin(me, &c.validate(thaw_core::new_id(), at).unwrap())
            .unwrap();
        let copy = dir.path().join("copy.thawbackup");
        store
            .backup_to(&copy, Some("timezone = \"Europe/Berlin\"\n"))
            .unwrap();
        let info = verify_database(&copy, None).unwrap();
        assert_eq!(info.checkins, 1);
        assert_eq!(info.schema_version, store.latest_schema_version());
        assert_eq!(
            info.settings.as_deref(),
            Some("timezone = \"Europe/Berlin\"\n")
        );
        assert!(store.backup_to(&copy, None).is_err(), "never overwrites");
        unwrap_backup(&copy, None).unwrap();
        let restored = Store::open_sqlite(&copy).unwrap();
        assert_eq!(restored.count_checkins(me).unwrap(), 1);
    }

    #[test]
    fn the_backup_of_an_encrypted_store_is_encrypted_with_the_same_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let key = Key::generate("correct horse battery").unwrap();
        let store = Store::open_sqlite_encrypted(&dir.path().join("thaw.db"), key.clone()).unwrap();
        assert!(store.is_encrypted());
        let me = store.local_person().unwrap();
        let at = thaw_core::Moment::from_parts(1_000_000, 3600).unwrap();
        let c = CheckinDraft {
            mood: Some("4".into()),
            note: Some("zebra-secret-note".into()),
            ..Default::default()
        };
        store
            .insert_checkin(me, &c.validate(thaw_core::new_id(), at).unwrap())
            .unwrap();
        let copy = dir.path().join("copy.thawbackup");
        store.backup_to(&copy, Some("country = \"DE\"\n")).unwrap();
        let bytes = std::fs::read(&copy).unwrap();
        assert!(
            !bytes.windows(5).any(|w| w == b"zebra"),
            "no plaintext in the backup"
        );
        assert_eq!(
            cipher::file_kind(&copy).unwrap(),
            cipher::FileKind::Encrypted(key.salt())
        );
        assert!(verify_database(&copy, None).is_err(), "not without the key");
        let again = Key::derive("correct horse battery", key.salt()).unwrap();
        assert_eq!(verify_database(&copy, Some(&again)).unwrap().checkins, 1);
        unwrap_backup(&copy, Some(&again)).unwrap();
        let restored = Store::open_sqlite_encrypted(&copy, again).unwrap();
        assert_eq!(restored.count_checkins(me).unwrap(), 1);
    }

    fn add_checkins(store: &Store, n: usize) {
        let me = store.local_person().unwrap();
        for i in 0..n {
            let at = thaw_core::Moment::from_parts(1_000_000 + i as i64, 3600).unwrap();
            let c = CheckinDraft {
                mood: Some("4".into()),
                note: Some(format!("note {i}")),
                ..Default::default()
            };
            store
                .insert_checkin(me, &c.validate(thaw_core::new_id(), at).unwrap())
                .unwrap();
        }
    }

    fn log_len(db: &Path) -> u64 {
        std::fs::metadata(format!("{}-wal", db.display()))
            .map(|m| m.len())
            .unwrap_or(0)
    }

    #[test]
    fn what_is_only_in_the_log_is_backed_up_and_a_checkpoint_empties_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thaw.db");
        add_checkins(&Store::open_sqlite(&db).unwrap(), 3);
        assert!(log_len(&db) > 0, "closed without a checkpoint");
        let store = Store::open_sqlite(&db).unwrap();
        let copy = dir.path().join("copy.thawbackup");
        store.backup_to(&copy, None).unwrap();
        assert_eq!(verify_database(&copy, None).unwrap().checkins, 3);

        store.checkpoint().unwrap();
        assert_eq!(log_len(&db), 0);
        drop(store);
        // The file alone now holds everything.
        std::fs::remove_file(format!("{}-wal", db.display())).unwrap();
        std::fs::remove_file(format!("{}-shm", db.display())).unwrap();
        let store = Store::open_sqlite(&db).unwrap();
        assert_eq!(
            store.count_checkins(store.local_person().unwrap()).unwrap(),
            3
        );
    }

    #[test]
    fn a_store_kept_open_keeps_its_log_bounded() {
        // `thaw serve` keeps one store open for hours: SQLite's automatic
        // checkpoint (at 1,000 pages) keeps the log from growing.
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thaw.db");
        let store = Store::open_sqlite(&db).unwrap();
        // About four pages each: 2,400 pages written in all.
        add_checkins(&store, 600);
        let page = 4096 + 24;
        assert!(
            log_len(&db) <= 1100 * page,
            "the log grew to {} bytes",
            log_len(&db)
        );
        assert_eq!(
            store.count_checkins(store.local_person().unwrap()).unwrap(),
            600
        );
    }

    #[test]
    fn one_command_after_another_keeps_the_log_bounded() {
        // Each `thaw checkin` opens the store, writes, and closes it. Closing
        // leaves the log, until it passes the limit: then it is emptied.
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("thaw.db");
        let mut largest = 0;
        let mut emptied = false;
        for _ in 0..150 {
            add_checkins(&Store::open_sqlite(&db).unwrap(), 1);
            let len = log_len(&db);
            emptied |= len < largest;
            largest = largest.max(len);
        }
        assert!(emptied, "the log was emptied on the way");
        assert!(
            largest <= crate::sqlite::CLOSE_CHECKPOINT_BYTES + 16 * (4096 + 24),
            "the log grew to {largest} bytes"
        );
        let store = Store::open_sqlite(&db).unwrap();
        assert_eq!(
            store.count_checkins(store.local_person().unwrap()).unwrap(),
            150
        );
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk");
        std::fs::write(&junk, b"not a database at all, just words").unwrap();
        assert!(verify_database(&junk, None).is_err());
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert!(
            verify_database(&other, None)
                .unwrap_err()
                .to_string()
                .contains("Thaw schema")
        );
    }
}
