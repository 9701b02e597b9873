//! The backend interface: what a SQLite or PostgreSQL connection must do
//! so that the shared store logic can run on it. Everything above this
//! trait is written once.

use crate::StoreError;
use crate::value::{Row, Value};

/// Which database a connection talks to, for the few places where the SQL
/// truly differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection to one database.
///
/// SQL uses `$1, $2, …` placeholders on both backends (SQLite binds them
/// by name, so order and reuse work exactly as on PostgreSQL).
pub(crate) trait Conn: Send {
    fn backend(&self) -> Backend;
    /// Runs one statement; answers the number of rows changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, StoreError>;
    /// Runs one query; answers all rows.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError>;
    /// Runs several statements without parameters (migrations).
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;
    /// Starts a transaction that will write (SQLite takes the write lock
    /// now, so two writers never deadlock on an upgrade).
    fn begin_write(&mut self) -> Result<(), StoreError>;
    /// The turn every write transaction of this store takes in this
    /// process, if the backend wants one (SQLite: see [`WriteGate`]).
    fn write_gate(&self) -> Option<WriteGate> {
        None
    }
}

/// One writer at a time among a store's SQLite connections in this
/// process. SQLite lets only one connection write anyway; without a turn
/// taken here, the others meet its lock and its busy handler, which
/// sleeps in growing steps (up to 100 ms) between tries, so under many
/// concurrent writes (`thaw serve`) a few of them waited hundreds of
/// milliseconds. Waiting on a mutex instead wakes the next writer the
/// moment the last one commits. Other processes still meet SQLite's lock
/// and its busy timeout.
pub(crate) type WriteGate = std::sync::Arc<std::sync::Mutex<()>>;

/// Waits for the write turn of `gate`, if there is one; the turn ends
/// when the answer is dropped.
pub(crate) fn take_turn(gate: &Option<WriteGate>) -> Option<std::sync::MutexGuard<'_, ()>> {
    gate.as_ref()
        .map(|g| g.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Runs `f` in a write transaction: committed if it returns `Ok`, rolled
/// back otherwise. After `Ok`, the data is durable.
pub(crate) fn in_transaction<T>(
    conn: &mut dyn Conn,
    f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let gate = conn.write_gate();
    let _turn = take_turn(&gate);
    conn.begin_write()?;
    match f(conn) {
        Ok(value) => {
            conn.batch("COMMIT")?;
            Ok(value)
        }
        Err(e) => {
            // The original error matters more than a failed rollback; a
            // connection whose rollback failed is dropped by the pool.
            let _ = conn.batch("ROLLBACK");
            Err(e)
        }
    }
}
