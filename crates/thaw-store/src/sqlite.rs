//! The SQLite backend: the embedded default, one file in the data folder.
//!
//! Opened in WAL mode with `synchronous=FULL` (a confirmed write survives
//! a power cut), foreign keys on, and a busy timeout so that several
//! `thaw` processes at once wait for each other instead of failing.
//!
//! Closing a connection does not checkpoint every time: the write-ahead
//! log (and its `-shm` index) stays beside the database between commands.
//! A command that writes one check-in thus syncs the log once (and the
//! folder once, which costs nothing when the log already exists) instead
//! of also copying pages into the database file and syncing it on its way
//! out, and recreating and syncing the log next time. What was committed
//! is in the synced log either way.
//!
//! The log is folded in and emptied (`wal_checkpoint(TRUNCATE)`) when a
//! connection closes with more than [`CLOSE_CHECKPOINT_BYTES`] in it:
//! once every few dozen check-ins. SQLite's automatic checkpoint (at
//! 1,000 pages, during a commit) cannot do that for short-lived
//! processes: it never truncates the log, and every process opening the
//! folder afresh rebuilds the `-shm` index from the log, forgetting what
//! was already copied, so the log would only grow, be read whole by every
//! command, and be copied again on every commit. For `thaw serve`, which
//! keeps its connections open for hours, the automatic checkpoint does
//! keep the log bounded (the index lives while the server does, and the
//! log is rewound after each checkpoint). Whatever replaces the database
//! file must first empty the log ([`crate::Store::checkpoint`]) while no
//! one else has it open ([`FolderLock`]).
//!
//! [`FolderLock`] is the data folder's lock: every open Thaw holds it
//! shared, and what replaces the database file holds it alone.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags};
use uuid::Uuid;

use crate::StoreError;
use crate::cipher::{self, Key};
use crate::conn::{Backend, Conn, WriteGate};
use crate::value::{Row, Value};

/// A connection that closes with a write-ahead log larger than this
/// checkpoints it and empties it (1 MiB: about 250 pages, some 60
/// check-ins).
pub(crate) const CLOSE_CHECKPOINT_BYTES: u64 = 1 << 20;

pub(crate) struct SqliteConn {
    conn: Connection,
    /// The database's write-ahead log.
    wal: PathBuf,
    /// The write turn shared with the store's other connections.
    gate: WriteGate,
}

impl Drop for SqliteConn {
    fn drop(&mut self) {
        let big = std::fs::metadata(&self.wal).is_ok_and(|m| m.len() > CLOSE_CHECKPOINT_BYTES);
        if big {
            // Best effort, and never waiting for others: if they keep it
            // from finishing, a later close tries again. Everything in the
            // log is durable either way.
            let _ = self.conn.busy_timeout(Duration::ZERO);
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
}

impl SqliteConn {
    /// A connection with a write turn of its own (tests).
    #[cfg(test)]
    pub(crate) fn open(path: &Path, key: Option<&Key>) -> Result<Self, StoreError> {
        Self::open_gated(path, key, WriteGate::default())
    }

    /// A connection that takes its write turn from `gate`.
    pub(crate) fn open_gated(
        path: &Path,
        key: Option<&Key>,
        gate: WriteGate,
    ) -> Result<Self, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::Open(format!("{}: {e}", path.display())))?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(sqlite_err)?;
        // No checkpoint on close (see the module comment).
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .map_err(sqlite_err)?;
        if let Some(key) = key {
            cipher::apply(&conn, key)?;
        }
        // journal_mode answers a row, so it is read rather than executed.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(sqlite_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Open(format!(
                "{}: could not switch to WAL mode (got {mode})",
                path.display()
            )));
        }
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(sqlite_err)?;
        // Named after the file as SQLite resolved it (symbolic links too).
        let mut wal = conn
            .path()
            .map_or_else(|| path.as_os_str().to_owned(), Into::into);
        wal.push("-wal");
        Ok(Self {
            conn,
            wal: PathBuf::from(wal),
            gate,
        })
    }

    fn prepare_bound<'c>(
        conn: &'c Connection,
        sql: &str,
        params: &[Value],
    ) -> Result<rusqlite::CachedStatement<'c>, StoreError> {
        let mut stmt = conn.prepare_cached(sql).map_err(sqlite_err)?;
        for (i, value) in params.iter().enumerate() {
            let name = format!("${}", i + 1);
            let Some(index) = stmt.parameter_index(&name).map_err(sqlite_err)? else {
                return Err(StoreError::Query(format!(
                    "parameter {name} is not used in: {sql}"
                )));
            };
            stmt.raw_bind_parameter(index, SqliteValue(value))
                .map_err(sqlite_err)?;
        }
        Ok(stmt)
    }
}

struct SqliteValue<'a>(&'a Value);

impl rusqlite::ToSql for SqliteValue<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            Value::Null => ToSqlOutput::Owned(rusqlite::types::Value::Null),
            Value::Int(n) => ToSqlOutput::Owned(rusqlite::types::Value::Integer(*n)),
            Value::Real(x) => ToSqlOutput::Owned(rusqlite::types::Value::Real(*x)),
            Value::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Value::Uuid(u) => ToSqlOutput::Borrowed(ValueRef::Blob(u.as_bytes())),
            Value::Bool(b) => ToSqlOutput::Owned(rusqlite::types::Value::Integer(i64::from(*b))),
        })
    }
}

fn read_value(v: ValueRef<'_>) -> Result<Value, StoreError> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::Int(n),
        ValueRef::Real(x) => Value::Real(x),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => {
            Value::Uuid(Uuid::from_slice(b).map_err(|e| StoreError::Corrupt(e.to_string()))?)
        }
    })
}

fn sqlite_err(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::DatabaseBusy
                || f.code == rusqlite::ErrorCode::DatabaseLocked =>
        {
            StoreError::Busy(e.to_string())
        }
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::NotADatabase
                || f.code == rusqlite::ErrorCode::DatabaseCorrupt =>
        {
            StoreError::Corrupt(e.to_string())
        }
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(e.to_string())
        }
        _ => StoreError::Query(e.to_string()),
    }
}

impl Conn for SqliteConn {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, StoreError> {
        let mut stmt = Self::prepare_bound(&self.conn, sql, params)?;
        let changed = stmt.raw_execute().map_err(sqlite_err)?;
        Ok(changed as u64)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        let mut stmt = Self::prepare_bound(&self.conn, sql, params)?;
        let width = stmt.column_count();
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(sqlite_err)? {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(read_value(row.get_ref(i).map_err(sqlite_err)?)?);
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.conn.execute_batch(sql).map_err(sqlite_err)
    }

    fn begin_write(&mut self) -> Result<(), StoreError> {
        self.batch("BEGIN IMMEDIATE")
    }

    fn write_gate(&self) -> Option<WriteGate> {
        Some(self.gate.clone())
    }
}

/// The lock of a data folder, held on a lock file beside the database:
/// shared by every open Thaw (the command line, `thaw serve`) for as long
/// as it lives, and alone by what replaces the database file (encryption,
/// restore, forget), which must not run while anyone else reads or writes.
///
/// The lock file is an empty SQLite database, and the lock is SQLite's
/// own file lock on it: a read transaction held open is the shared lock,
/// `BEGIN EXCLUSIVE` the exclusive one. That is the same portable locking
/// SQLite uses for every database (POSIX locks on Unix, `LockFileEx` on
/// Windows), needs no newer toolchain than the workspace's, and is
/// released by the operating system when a process dies, even by
/// SIGKILL. Nothing is ever written to the file.
pub struct FolderLock {
    // Held only to keep the lock; a mutex so that a Thaw holding it can
    // be shared between threads.
    _conn: std::sync::Mutex<Connection>,
}

impl std::fmt::Debug for FolderLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FolderLock")
    }
}

impl FolderLock {
    /// Takes the lock at `path` shared (creating the file), waiting up to
    /// `wait` while someone holds it alone; [`StoreError::Busy`] after that.
    pub fn shared(path: &Path, wait: Duration) -> Result<Self, StoreError> {
        loop {
            let (conn, before) = Self::open(path)?;
            let err = |e| lock_err(path, e);
            conn.busy_timeout(wait).map_err(err)?;
            conn.execute_batch("BEGIN").map_err(err)?;
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
                .map_err(err)?;
            if same_file(path, &before) {
                return Ok(Self {
                    _conn: std::sync::Mutex::new(conn),
                });
            }
            // The file was deleted (`thaw forget`) while this waited:
            // a lock on it would guard nothing.
        }
    }

    /// Takes the lock at `path` alone (creating the file); `None` at once
    /// when anyone else holds it.
    pub fn try_exclusive(path: &Path) -> Result<Option<Self>, StoreError> {
        let (conn, before) = Self::open(path)?;
        conn.busy_timeout(Duration::ZERO)
            .map_err(|e| lock_err(path, e))?;
        match conn
            .execute_batch("BEGIN EXCLUSIVE")
            .map_err(|e| lock_err(path, e))
        {
            Ok(()) => {}
            Err(StoreError::Busy(_)) => return Ok(None),
            Err(e) => return Err(e),
        }
        if !same_file(path, &before) {
            return Ok(None);
        }
        Ok(Some(Self {
            _conn: std::sync::Mutex::new(conn),
        }))
    }

    fn open(path: &Path) -> Result<(Connection, std::fs::Metadata), StoreError> {
        let failed = |e: std::io::Error| StoreError::Open(format!("{}: {e}", path.display()));
        // Only a new file is opened here (owner-only): closing a file
        // would drop the POSIX locks this process holds on it, such as
        // another Thaw's in this process. SQLite guards its own.
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(path) {
            Ok(_new) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(failed(e)),
        }
        let before = std::fs::metadata(path).map_err(failed)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::Open(format!("{}: {e}", path.display())))?;
        Ok((conn, before))
    }
}

/// Busy stays busy; anything else names the lock file (which holds
/// nothing, and may be deleted when no Thaw runs).
fn lock_err(path: &Path, e: rusqlite::Error) -> StoreError {
    match sqlite_err(e) {
        StoreError::Busy(m) => StoreError::Busy(m),
        other => StoreError::Open(format!(
            "the lock file {}: {other} (it holds nothing; delete it when no Thaw is running)",
            path.display()
        )),
    }
}

/// True when `path` is still the file `before` describes.
fn same_file(path: &Path, before: &std::fs::Metadata) -> bool {
    let Ok(now) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        now.dev() == before.dev() && now.ino() == before.ino()
    }
    #[cfg(not(unix))]
    {
        // Windows does not delete a file SQLite holds open.
        let _ = (now, before);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma(conn: &mut SqliteConn, name: &str) -> Value {
        conn.query(&format!("PRAGMA {name}"), &[])
            .unwrap()
            .remove(0)
            .0
            .remove(0)
    }

    #[test]
    fn opens_durable_wal_with_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = SqliteConn::open(&dir.path().join("t.db"), None).unwrap();
        assert_eq!(pragma(&mut conn, "journal_mode"), Value::Text("wal".into()));
        assert_eq!(pragma(&mut conn, "synchronous"), Value::Int(2), "2 is FULL");
        assert_eq!(pragma(&mut conn, "foreign_keys"), Value::Int(1));
    }

    #[test]
    fn closing_keeps_the_log_and_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let mut conn = SqliteConn::open(&path, None).unwrap();
            conn.batch("CREATE TABLE t (x TEXT)").unwrap();
            conn.execute("INSERT INTO t VALUES ($1)", &["kept".into()])
                .unwrap();
        }
        let wal = dir.path().join("t.db-wal");
        assert!(
            std::fs::metadata(&wal).unwrap().len() > 0,
            "no checkpoint on close: the commit is in the log"
        );
        let mut again = SqliteConn::open(&path, None).unwrap();
        let rows = again.query("SELECT x FROM t", &[]).unwrap();
        assert_eq!(rows[0].0, vec![Value::Text("kept".into())]);
    }

    #[test]
    fn the_folder_lock_is_shared_by_many_and_exclusive_for_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("thaw.lock");
        let wait = Duration::from_millis(50);
        let a = FolderLock::shared(&path, wait).unwrap();
        let b = FolderLock::shared(&path, wait).unwrap();
        assert!(FolderLock::try_exclusive(&path).unwrap().is_none());
        drop(a);
        assert!(FolderLock::try_exclusive(&path).unwrap().is_none());
        drop(b);
        let only = FolderLock::try_exclusive(&path).unwrap().unwrap();
        assert!(FolderLock::try_exclusive(&path).unwrap().is_none());
        assert!(matches!(
            FolderLock::shared(&path, wait),
            Err(StoreError::Busy(_))
        ));
        drop(only);
        drop(FolderLock::shared(&path, wait).unwrap());
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            0,
            "nothing is written to the lock file"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("thaw.lock")]);
    }

    #[test]
    fn a_waiting_shared_lock_gets_the_lock_once_the_exclusive_one_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("thaw.lock");
        let only = FolderLock::try_exclusive(&path).unwrap().unwrap();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || FolderLock::shared(&path, Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(100));
        // What `thaw forget` does: the lock file goes while it is held.
        std::fs::remove_file(&path).unwrap();
        drop(only);
        let shared = waiter.join().unwrap().unwrap();
        assert!(
            path.exists(),
            "the waiter locked a new file, not the deleted one"
        );
        assert!(FolderLock::try_exclusive(&path).unwrap().is_none());
        drop(shared);
    }

    #[test]
    fn placeholders_bind_by_number_in_any_order_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = SqliteConn::open(&dir.path().join("t.db"), None).unwrap();
        let rows = conn
            .query("SELECT $2, $1, $2 + $1", &[Value::Int(1), Value::Int(10)])
            .unwrap();
        assert_eq!(
            rows[0].0,
            vec![Value::Int(10), Value::Int(1), Value::Int(11)]
        );
        assert!(
            conn.query("SELECT $1", &[Value::Int(1), Value::Int(2)])
                .is_err(),
            "an unused parameter is a bug"
        );
    }
}
