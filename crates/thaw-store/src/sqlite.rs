//! The SQLite backend: the embedded default, one file in the data folder.
//!
//! Opened in WAL mode with `synchronous=FULL` (a confirmed write survives
//! a power cut), foreign keys on, and a busy timeout so that several
//! `thaw` processes at once wait for each other instead of failing.

use std::path::Path;
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags};
use uuid::Uuid;

use crate::StoreError;
use crate::cipher::{self, Key};
use crate::conn::{Backend, Conn};
use crate::value::{Row, Value};

pub(crate) struct SqliteConn {
    conn: Connection,
}

impl SqliteConn {
    pub(crate) fn open(path: &Path, key: Option<&Key>) -> Result<Self, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::Open(format!("{}: {e}", path.display())))?;
        conn.busy_timeout(Duration::from_secs(10))
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
        Ok(Self { conn })
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
