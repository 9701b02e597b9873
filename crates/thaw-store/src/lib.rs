//! Durable storage for Thaw, on SQLite (embedded, the default) or
//! PostgreSQL (hosted), behind one [`Store`].
//!
//! The store logic and its SQL are written once, in the subset both
//! databases share (`$1` placeholders, `ON CONFLICT`, integer
//! microseconds for times); a backend only supplies a connection
//! ([`conn::Conn`]) and overrides the few statements that truly differ
//! (full-text search). Every row belongs to a person: each method takes
//! the [`OwnerId`] whose data it reads or writes, and never crosses it.
//!
//! Start reading at [`Store`]; the schema lives in `migrations/`, one
//! append-only list per backend (see [`migrate`]). The conformance story
//! that both backends must pass is `tests/story.rs`.
//!
//! Deliberately not here: validation (the domain types from `thaw-core`
//! arrive already valid) and anything about files other than the
//! database itself.

mod accounts;
mod backup;
pub mod cipher;
mod conn;
mod engage;
mod migrate;
mod partners;
mod postgres;
mod sqlite;
mod value;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use thaw_core::activity::{Activity, ActivityLog, GroundingSession, Status, Tier};
use thaw_core::journal::JournalQuery;
use thaw_core::plan::{Plan, PlanKind};
use thaw_core::quick_hash::QuickHash as IdHash;
use thaw_core::screener::{self, Instrument, Screening};
use thaw_core::{Checkin, JournalEntry, Moment, OwnerId, Rating};
use uuid::Uuid;

pub use accounts::{AccountRecord, ApiTokenRecord, SessionRecord};
pub use backup::{BackupInfo, unwrap_backup, verify_database};
pub use cipher::{FileKind, Key};
pub use conn::Backend;
use conn::{Conn, in_transaction};
pub use partners::{AuditRecord, NoteRecord, PartnershipRecord, Sharing};
pub use sqlite::FolderLock;

/// The newest schema version this program knows for `backend`.
pub fn latest_schema(backend: Backend) -> i64 {
    migrate::latest(backend)
}
use value::{Row, Value};

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not open the database ({0})")]
    Open(String),
    #[error("the database stayed busy for too long ({0})")]
    Busy(String),
    #[error("the database holds something unexpected ({0})")]
    Corrupt(String),
    #[error("the database refused a write that conflicts with what it holds ({0})")]
    Conflict(String),
    #[error("a database query failed ({0})")]
    Query(String),
    #[error(
        "this database was written by a newer Thaw (schema {found}; this Thaw knows up to {known}); update Thaw to open it"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("that passphrase does not open this database")]
    WrongKey,
}

/// A half-open span of time `[from, to)` in UTC microseconds; `None` is
/// open-ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    pub from_us: Option<i64>,
    pub to_us: Option<i64>,
}

impl Span {
    fn bounds(self) -> (i64, i64) {
        (
            self.from_us.unwrap_or(i64::MIN),
            self.to_us.unwrap_or(i64::MAX),
        )
    }
}

/// How long opening waits for other processes that hold the database.
const OPEN_PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

enum Opener {
    /// The file, its key, and the write turn its connections share.
    Sqlite(PathBuf, Option<Key>, conn::WriteGate),
    Postgres(String),
}

impl Opener {
    fn open(&self) -> Result<Box<dyn Conn>, StoreError> {
        Ok(match self {
            Opener::Sqlite(path, key, gate) => Box::new(sqlite::SqliteConn::open_gated(
                path,
                key.as_ref(),
                gate.clone(),
            )?),
            Opener::Postgres(url) => Box::new(postgres::PgConn::open(url)?),
        })
    }
}

thread_local! {
    /// The connection [`Store::read_together`] holds for this thread, with
    /// the address of its store.
    static PINNED: std::cell::RefCell<Option<(usize, Box<dyn Conn>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The store: opens connections as needed, keeps idle ones for reuse.
/// Safe to share between threads.
pub struct Store {
    backend: Backend,
    opener: Opener,
    idle: Mutex<Vec<Box<dyn Conn>>>,
    schema_version: i64,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the SQLite database at `path` and brings
    /// its schema up to date.
    pub fn open_sqlite(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(
            Backend::Sqlite,
            Opener::Sqlite(path.to_path_buf(), None, conn::WriteGate::default()),
        )
    }

    /// Opens the SQLite database at `path` encrypted with `key` (see
    /// [`cipher`]); a new file is created encrypted. A wrong key is
    /// [`StoreError::WrongKey`].
    pub fn open_sqlite_encrypted(path: &Path, key: Key) -> Result<Self, StoreError> {
        Self::open_with(
            Backend::Sqlite,
            Opener::Sqlite(path.to_path_buf(), Some(key), conn::WriteGate::default()),
        )
    }

    /// True when this store's file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key().is_some()
    }

    /// The key this store's file is encrypted with, if it is.
    pub fn key(&self) -> Option<&Key> {
        match &self.opener {
            Opener::Sqlite(_, key, _) => key.as_ref(),
            Opener::Postgres(_) => None,
        }
    }

    /// Connects to PostgreSQL at `url` and brings its schema up to date.
    pub fn open_postgres(url: &str) -> Result<Self, StoreError> {
        Self::open_with(Backend::Postgres, Opener::Postgres(url.to_owned()))
    }

    /// Opens `sqlite://PATH`, `postgres://…` or `postgresql://…`.
    pub fn open_url(url: &str) -> Result<Self, StoreError> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            Self::open_sqlite(Path::new(path))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Self::open_postgres(url)
        } else {
            Err(StoreError::Open(
                "a database URL starts with sqlite:// or postgres://".to_owned(),
            ))
        }
    }

    fn open_with(backend: Backend, opener: Opener) -> Result<Self, StoreError> {
        // Several `thaw` processes opening one new (or interrupted)
        // database at once can meet SQLite's locks where its busy handler
        // does not wait (switching to WAL, rolling back a journal left by
        // a killed process); they take turns here instead of failing.
        let started = std::time::Instant::now();
        let (conn, schema_version) = loop {
            let attempt = opener.open().and_then(|mut conn| {
                let version = migrate::run(conn.as_mut())?;
                Ok((conn, version))
            });
            match attempt {
                Err(StoreError::Busy(_)) if started.elapsed() < OPEN_PATIENCE => {
                    std::thread::sleep(std::time::Duration::from_millis(15));
                }
                other => break other?,
            }
        };
        Ok(Self {
            backend,
            opener,
            idle: Mutex::new(vec![conn]),
            schema_version,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> i64 {
        self.schema_version
    }

    /// The newest schema version this program knows.
    pub fn latest_schema_version(&self) -> i64 {
        migrate::latest(self.backend)
    }

    /// Folds SQLite's write-ahead log into the database file and empties
    /// it, so the file alone holds everything (before it is copied or
    /// replaced as a file). [`StoreError::Busy`] when another connection
    /// kept it from finishing. Nothing to do on PostgreSQL.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        // One row: busy (0 or 1), frames in the log, frames checkpointed.
        let rows = self.with_conn(|c| c.query("PRAGMA wal_checkpoint(TRUNCATE)", &[]))?;
        match rows.first().map(|r| r.int(0)).transpose()? {
            Some(0) => Ok(()),
            _ => Err(StoreError::Busy(
                "another connection kept the write-ahead log from being checkpointed".into(),
            )),
        }
    }

    /// Runs `f`, whose reads of this store (on this thread) all see one
    /// moment: on SQLite they share one connection and one read
    /// transaction, which also spares each query taking the log's locks
    /// anew (a page that asks a dozen questions asks them at once). For
    /// reads only: a write inside `f` fails (SQLite allows no write
    /// transaction inside a read one). Elsewhere `f` simply runs.
    pub fn read_together<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let key = self.pin_key();
        let already = PINNED.with(|p| p.borrow().as_ref().is_some_and(|(k, _)| *k == key));
        if self.backend != Backend::Sqlite || already {
            return f();
        }
        let mut conn = self.take_conn()?;
        conn.batch("BEGIN")?;
        PINNED.with(|p| *p.borrow_mut() = Some((key, conn)));
        // Unpinned and ended even if `f` panics, so this thread's next
        // reads do not land in a stale transaction.
        struct Unpin<'s>(&'s Store);
        impl Drop for Unpin<'_> {
            fn drop(&mut self) {
                if let Some((_, mut conn)) = PINNED.with(|p| p.borrow_mut().take()) {
                    if conn.batch("COMMIT").is_ok() {
                        self.0.give_back(conn);
                    }
                }
            }
        }
        let _unpin = Unpin(self);
        f()
    }

    fn pin_key(&self) -> usize {
        std::ptr::from_ref(self) as usize
    }

    fn take_conn(&self) -> Result<Box<dyn Conn>, StoreError> {
        let pooled = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match pooled {
            Some(c) => Ok(c),
            None => self.opener.open(),
        }
    }

    fn give_back(&self, conn: Box<dyn Conn>) {
        self.idle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(conn);
    }

    fn with_conn<T>(
        &self,
        f: impl FnOnce(&mut dyn Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let key = self.pin_key();
        let pinned = PINNED.with(|p| {
            let mut p = p.borrow_mut();
            match p.take() {
                Some((k, conn)) if k == key => Some(conn),
                other => {
                    *p = other;
                    None
                }
            }
        });
        if let Some(mut conn) = pinned {
            let result = f(conn.as_mut());
            PINNED.with(|p| *p.borrow_mut() = Some((key, conn)));
            return result;
        }
        let pooled = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let mut conn = match pooled {
            Some(c) => c,
            None => self.opener.open()?,
        };
        let result = f(conn.as_mut());
        // A connection that failed to open or lost its server is dropped;
        // any other failure leaves it usable (its transaction rolled back).
        if !matches!(result, Err(StoreError::Open(_))) {
            self.idle
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(conn);
        }
        result
    }

    /// The one person of local mode, created on first use.
    pub fn local_person(&self) -> Result<OwnerId, StoreError> {
        self.with_conn(|c| {
            let find = "SELECT id FROM people WHERE kind = $1";
            if let Some(row) = c.query(find, &["local".into()])?.first() {
                return Ok(OwnerId(row.uuid(0)?));
            }
            c.execute(
                "INSERT INTO people (id, kind, created_us) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[thaw_core::new_id().into(), "local".into(), now_us().into()],
            )?;
            let rows = c.query(find, &["local".into()])?;
            let row = rows.first().ok_or_else(|| StoreError::Corrupt("the local person vanished".into()))?;
            Ok(OwnerId(row.uuid(0)?))
        })
    }

    /// A new person with an account (multi-user mode).
    pub fn create_person(&self) -> Result<OwnerId, StoreError> {
        let id = thaw_core::new_id();
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO people (id, kind, created_us) VALUES ($1, $2, $3)",
                &[id.into(), "account".into(), now_us().into()],
            )
        })?;
        Ok(OwnerId(id))
    }

    /// Deletes a person and every row that belongs to them.
    pub fn delete_person(&self, owner: OwnerId) -> Result<(), StoreError> {
        self.with_conn(|c| {
            in_transaction(c, |c| {
                c.execute("DELETE FROM people WHERE id = $1", &[owner.0.into()])?;
                Ok(())
            })
        })
    }

    /// Saves one check-in. When this returns `Ok`, it is on disk.
    pub fn insert_checkin(&self, owner: OwnerId, checkin: &Checkin) -> Result<(), StoreError> {
        self.with_conn(|c| in_transaction(c, |c| insert_checkin(c, owner, checkin).map(|_| ())))
    }

    /// Saves many check-ins in one transaction, skipping ids already
    /// present; answers how many were new.
    pub fn insert_checkins(
        &self,
        owner: OwnerId,
        checkins: &[Checkin],
    ) -> Result<usize, StoreError> {
        self.with_conn(|c| {
            in_transaction(c, |c| {
                let mut added = 0;
                for checkin in checkins {
                    if insert_checkin(c, owner, checkin)? {
                        added += 1;
                    }
                }
                Ok(added)
            })
        })
    }

    /// A person's check-ins in `span`, oldest first.
    pub fn checkins(&self, owner: OwnerId, span: Span) -> Result<Vec<Checkin>, StoreError> {
        let (from, to) = span.bounds();
        self.load_checkins(
            "c.at_us >= $2 AND c.at_us < $3",
            &[owner.0.into(), from.into(), to.into()],
        )
    }

    /// One of a person's check-ins by id (`None` if it is not theirs).
    pub fn checkin(&self, owner: OwnerId, id: Uuid) -> Result<Option<Checkin>, StoreError> {
        Ok(self
            .load_checkins("c.id = $2", &[owner.0.into(), id.into()])?
            .pop())
    }

    /// A person's check-ins in `span`, oldest first, as the insights need
    /// them: ratings, sensations and triggers, but not the free text —
    /// `note` and `plan` are always `None` here. Over years of check-ins
    /// this reads and copies far less than [`Store::checkins`].
    pub fn checkins_for_insights(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<Vec<Checkin>, StoreError> {
        let (from, to) = span.bounds();
        let params = [owner.0.into(), from.into(), to.into()];
        self.with_conn(|c| {
            let tiebreak = format!("c.{}", index_order(c.backend()));
            let mut checkins = c
                .query(
                    &format!(
                        "SELECT c.id, c.at_us, c.offset_s, c.mood, c.numbness, c.energy, c.pleasure, c.connection
                         FROM checkins c WHERE c.owner_id = $1 AND c.at_us >= $2 AND c.at_us < $3
                         ORDER BY c.at_us, {tiebreak}"
                    ),
                    &params,
                )?
                .iter()
                .map(ratings_row)
                .collect::<Result<Vec<_>, StoreError>>()?;
            // When the span holds most of the stored check-ins (a window
            // of years), one scan of the tag table is much cheaper than
            // looking up each check-in's tags through the index.
            if c.backend() == Backend::Sqlite && checkins.len() >= SCAN_TAGS_FROM {
                let stored = c.query("SELECT max(rowid) FROM checkins", &[])?;
                // max(rowid) ≥ the number of rows (everyone's check-ins).
                let stored = stored.first().map_or(Ok(None), |row| row.opt_int(0))?;
                let most = stored.is_some_and(|n| i64::try_from(2 * checkins.len()).is_ok_and(|twice| twice >= n));
                if most && attach_tags_by_scan(c, owner, &mut checkins)? {
                    return Ok(checkins);
                }
                for checkin in &mut checkins {
                    checkin.sensations.clear();
                    checkin.triggers.clear();
                }
            }
            attach_tags_by_join(c, &params, &tiebreak, &mut checkins)?;
            Ok(checkins)
        })
    }

    /// Check-ins of `$1` (the owner) that match `filter`, with their tags.
    fn load_checkins(&self, filter: &str, params: &[Value]) -> Result<Vec<Checkin>, StoreError> {
        self.with_conn(|c| {
            let rows = c.query(
                &format!(
                    "SELECT c.id, c.at_us, c.offset_s, c.mood, c.numbness, c.energy, c.pleasure, c.connection, c.note, c.plan
                     FROM checkins c WHERE c.owner_id = $1 AND {filter} ORDER BY c.at_us, c.id"
                ),
                params,
            )?;
            let tag_rows = c.query(
                &format!(
                    "SELECT t.checkin_id, t.kind, t.text FROM checkin_tags t
                     JOIN checkins c ON c.id = t.checkin_id
                     WHERE c.owner_id = $1 AND {filter}
                     ORDER BY t.checkin_id, t.kind, t.position"
                ),
                params,
            )?;
            let mut tags: HashMap<Uuid, (Vec<String>, Vec<String>)> = HashMap::new();
            for row in &tag_rows {
                let entry = tags.entry(row.uuid(0)?).or_default();
                match row.text(1)?.as_str() {
                    "sensation" => entry.0.push(row.text(2)?),
                    _ => entry.1.push(row.text(2)?),
                }
            }
            rows.iter()
                .map(|row| {
                    let mut checkin = ratings_row(row)?;
                    (checkin.sensations, checkin.triggers) =
                        tags.remove(&checkin.id).unwrap_or_default();
                    checkin.note = row.opt_text(8)?;
                    checkin.plan = row.opt_text(9)?;
                    Ok(checkin)
                })
                .collect()
        })
    }

    /// True when a person has no check-in and no journal entry yet.
    pub fn is_empty(&self, owner: OwnerId) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            let rows = c.query(
                "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM checkins WHERE owner_id = $1 LIMIT 1) a)
                      + (SELECT COUNT(*) FROM (SELECT 1 FROM journal_entries WHERE owner_id = $1 LIMIT 1) b)",
                &[owner.0.into()],
            )?;
            Ok(rows.first().map(|r| r.int(0)).transpose()?.unwrap_or(0) == 0)
        })
    }

    /// True when the database answers (for health checks).
    pub fn ping(&self) -> Result<(), StoreError> {
        self.with_conn(|c| c.query("SELECT 1", &[]).map(|_| ()))
    }

    /// How many check-ins a person has.
    pub fn count_checkins(&self, owner: OwnerId) -> Result<u64, StoreError> {
        self.with_conn(|c| {
            let rows = c.query(
                "SELECT COUNT(*) FROM checkins WHERE owner_id = $1",
                &[owner.0.into()],
            )?;
            let n = rows.first().map(|r| r.int(0)).transpose()?.unwrap_or(0);
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }

    /// A person's check-ins in `span`, oldest first, with their moments
    /// and ratings only: no sensations, triggers, note or plan. For
    /// counting days and day values, where reading the words would be
    /// wasted.
    pub fn checkin_ratings(&self, owner: OwnerId, span: Span) -> Result<Vec<Checkin>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            let tiebreak = format!("c.{}", index_order(c.backend()));
            c.query(
                &format!(
                    "SELECT c.id, c.at_us, c.offset_s, c.mood, c.numbness, c.energy, c.pleasure, c.connection
                     FROM checkins c WHERE c.owner_id = $1 AND c.at_us >= $2 AND c.at_us < $3
                     ORDER BY c.at_us, {tiebreak}"
                ),
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(ratings_row)
            .collect()
        })
    }

    /// The instants (UTC microseconds) of a person's check-ins in `span`,
    /// in order: what counting days needs, read from the index alone.
    pub fn checkin_instants(&self, owner: OwnerId, span: Span) -> Result<Vec<i64>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            c.query(
                "SELECT at_us FROM checkins WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3
                 ORDER BY at_us",
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(|row| row.int(0))
            .collect()
        })
    }

    /// How many check-ins a person has in `span`, and the instant of the
    /// earliest (UTC microseconds; `None` when there is none).
    pub fn checkin_extent(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<(u64, Option<i64>), StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            let rows = c.query(
                "SELECT COUNT(*), MIN(at_us) FROM checkins
                 WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3",
                &[owner.0.into(), from.into(), to.into()],
            )?;
            let Some(row) = rows.first() else {
                return Ok((0, None));
            };
            Ok((u64::try_from(row.int(0)?).unwrap_or(0), row.opt_int(1)?))
        })
    }

    /// Saves one journal entry. When this returns `Ok`, it is on disk.
    pub fn insert_journal(&self, owner: OwnerId, entry: &JournalEntry) -> Result<(), StoreError> {
        self.with_conn(|c| in_transaction(c, |c| insert_journal(c, owner, entry).map(|_| ())))
    }

    /// A person's journal entries that match `query`, newest first.
    pub fn journal(
        &self,
        owner: OwnerId,
        query: &JournalQuery,
    ) -> Result<Vec<JournalEntry>, StoreError> {
        let mut sql = String::from(
            "SELECT e.id, e.at_us, e.offset_s, e.text, e.for_therapy FROM journal_entries e WHERE e.owner_id = $1",
        );
        let mut params: Vec<Value> = vec![owner.0.into()];
        if !query.words.is_empty() {
            params.push(search_expression(self.backend, &query.words).into());
            sql.push_str(&match self.backend {
                Backend::Sqlite => format!(
                    " AND e.rowid IN (SELECT rowid FROM journal_fts WHERE journal_fts MATCH ${})",
                    params.len()
                ),
                Backend::Postgres => {
                    format!(" AND e.search @@ to_tsquery('simple', ${})", params.len())
                }
            });
        }
        if let Some(tag) = &query.tag {
            params.push(tag.as_str().into());
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM journal_tags t WHERE t.entry_id = e.id AND lower(t.tag) = lower(${}))",
                params.len()
            ));
        }
        if query.for_therapy_only {
            params.push(true.into());
            sql.push_str(&format!(" AND e.for_therapy = ${}", params.len()));
        }
        sql.push_str(" ORDER BY e.at_us DESC, e.id DESC");
        self.with_conn(|c| {
            let rows = c.query(&sql, &params)?;
            let tag_rows = c.query(
                "SELECT entry_id, tag FROM journal_tags WHERE owner_id = $1 ORDER BY entry_id, position",
                &[owner.0.into()],
            )?;
            let mut tags: HashMap<Uuid, Vec<String>> = HashMap::new();
            for row in &tag_rows {
                tags.entry(row.uuid(0)?).or_default().push(row.text(1)?);
            }
            rows.iter()
                .map(|row| {
                    let id = row.uuid(0)?;
                    Ok(JournalEntry {
                        id,
                        at: moment(row, 1)?,
                        text: row.text(3)?,
                        tags: tags.remove(&id).unwrap_or_default(),
                        for_therapy: row.bool(4)?,
                    })
                })
                .collect()
        })
    }
}

impl Store {
    /// Saves a screener result. When this returns `Ok`, it is on disk.
    pub fn insert_screening(&self, owner: OwnerId, s: &Screening) -> Result<(), StoreError> {
        self.with_conn(|c| in_transaction(c, |c| insert_screening(c, owner, s).map(|_| ())))
    }

    /// A person's screener results, oldest first (one instrument, or all).
    pub fn screenings(
        &self,
        owner: OwnerId,
        instrument: Option<Instrument>,
    ) -> Result<Vec<Screening>, StoreError> {
        let mut sql = String::from(
            "SELECT id, instrument, at_us, offset_s, answers FROM screenings WHERE owner_id = $1",
        );
        let mut params: Vec<Value> = vec![owner.0.into()];
        if let Some(i) = instrument {
            params.push(i.key().into());
            sql.push_str(" AND instrument = $2");
        }
        sql.push_str(" ORDER BY at_us, id");
        self.with_conn(|c| {
            c.query(&sql, &params)?
                .iter()
                .map(|row| {
                    let corrupt = |e: thaw_core::InputError| StoreError::Corrupt(e.to_string());
                    let instrument =
                        Instrument::parse("instrument", &row.text(1)?).map_err(corrupt)?;
                    let answers =
                        screener::parse_answers(instrument, &row.text(4)?).map_err(corrupt)?;
                    Ok(Screening {
                        id: row.uuid(0)?,
                        instrument,
                        at: moment(row, 2)?,
                        answers,
                    })
                })
                .collect()
        })
    }

    /// Replaces a person's plan of this kind with `plan`.
    pub fn save_plan(&self, owner: OwnerId, plan: &Plan) -> Result<(), StoreError> {
        self.with_conn(|c| in_transaction(c, |c| save_plan(c, owner, plan)))
    }

    /// A person's plan of this kind, if they ever saved one.
    pub fn plan(&self, owner: OwnerId, kind: PlanKind) -> Result<Option<Plan>, StoreError> {
        self.with_conn(|c| {
            let saved = c.query("SELECT 1 FROM plans WHERE owner_id = $1 AND plan = $2", &[owner.0.into(), kind.key().into()])?;
            if saved.is_empty() {
                return Ok(None);
            }
            let rows = c.query(
                "SELECT section, text FROM plan_items WHERE owner_id = $1 AND plan = $2 ORDER BY section, position",
                &[owner.0.into(), kind.key().into()],
            )?;
            let mut sections: Vec<(String, Vec<String>)> = Vec::new();
            for row in &rows {
                let section = row.text(0)?;
                match sections.last_mut() {
                    Some((s, items)) if *s == section => items.push(row.text(1)?),
                    _ => sections.push((section, vec![row.text(1)?])),
                }
            }
            Plan::from_sections(kind, &sections).map(Some).map_err(|e| StoreError::Corrupt(e.to_string()))
        })
    }
}

impl Store {
    /// Adds an activity to a person's library, or updates the one with its name.
    pub fn save_activity(&self, owner: OwnerId, a: &Activity) -> Result<(), StoreError> {
        self.with_conn(|c| in_transaction(c, |c| save_activity(c, owner, a, true).map(|_| ())))
    }

    /// Adds or updates several activities, all or none.
    pub fn save_activities(&self, owner: OwnerId, list: &[Activity]) -> Result<(), StoreError> {
        self.with_conn(|c| {
            in_transaction(c, |c| {
                for a in list {
                    save_activity(c, owner, a, true)?;
                }
                Ok(())
            })
        })
    }

    /// A person's activities, by name.
    pub fn activities(&self, owner: OwnerId) -> Result<Vec<Activity>, StoreError> {
        self.with_conn(|c| {
            let values = c.query(
                "SELECT activity, value FROM activity_values WHERE owner_id = $1 ORDER BY activity, position",
                &[owner.0.into()],
            )?;
            let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
            for row in &values {
                by_name.entry(row.text(0)?).or_default().push(row.text(1)?);
            }
            c.query(
                "SELECT name, small, minimal, expect, every, time_of_day FROM activities WHERE owner_id = $1 ORDER BY name",
                &[owner.0.into()],
            )?
            .iter()
            .map(|row| {
                let name = row.text(0)?;
                Ok(Activity {
                    values: by_name.remove(&name).unwrap_or_default(),
                    name,
                    small: row.opt_text(1)?,
                    minimal: row.opt_text(2)?,
                    expect: row.opt_text(3)?,
                    every: row.opt_text(4)?,
                    time: row.opt_text(5)?,
                })
            })
            .collect()
        })
    }

    /// When each of a person's activities was added (UTC microseconds),
    /// by name: the day a schedule starts from.
    pub fn activity_starts(&self, owner: OwnerId) -> Result<HashMap<String, i64>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT name, created_us FROM activities WHERE owner_id = $1",
                &[owner.0.into()],
            )?
            .iter()
            .map(|row| Ok((row.text(0)?, row.int(1)?)))
            .collect()
        })
    }

    /// Saves an activity log (creating the activity if it is new).
    pub fn insert_activity_log(&self, owner: OwnerId, log: &ActivityLog) -> Result<(), StoreError> {
        self.with_conn(|c| in_transaction(c, |c| insert_activity_log(c, owner, log).map(|_| ())))
    }

    /// A person's activity logs in `span`, oldest first.
    pub fn activity_logs(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<Vec<ActivityLog>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            c.query(
                "SELECT id, activity, at_us, offset_s, tier, status, predicted, actual, note FROM activity_logs
                 WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3 ORDER BY at_us, id",
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(|row| {
                let corrupt = |e: thaw_core::InputError| StoreError::Corrupt(e.to_string());
                Ok(ActivityLog {
                    id: row.uuid(0)?,
                    activity: row.text(1)?,
                    at: moment(row, 2)?,
                    tier: Tier::parse("tier", &row.text(4)?).map_err(corrupt)?,
                    status: Status::parse("status", &row.text(5)?).map_err(corrupt)?,
                    predicted: rating(row, 6)?,
                    actual: rating(row, 7)?,
                    note: row.opt_text(8)?,
                })
            })
            .collect()
        })
    }

    /// A person's activity logs in `span`, oldest first, as the insights
    /// need them: without their notes (`note` is always `None` here).
    pub fn activity_logs_for_insights(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<Vec<ActivityLog>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            let tiebreak = index_order(c.backend());
            c.query(
                &format!(
                    "SELECT id, activity, at_us, offset_s,
                            CASE tier WHEN 'full' THEN 0 WHEN 'small' THEN 1 WHEN 'minimal' THEN 2 END,
                            CASE status WHEN 'done' THEN 0 WHEN 'partial' THEN 1 WHEN 'skipped' THEN 2 END,
                            predicted, actual FROM activity_logs
                     WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3 ORDER BY at_us, {tiebreak}"
                ),
                &[owner.0.into(), from.into(), to.into()],
            )?
            .into_iter()
            .map(|mut row| {
                // The tier and status as numbers (no text to copy); NULL
                // for anything else the database might hold.
                let tier = match row.opt_int(4)? {
                    Some(0) => Tier::Full,
                    Some(1) => Tier::Small,
                    Some(2) => Tier::Minimal,
                    _ => return Err(StoreError::Corrupt("an activity log has an unknown tier".into())),
                };
                let status = match row.opt_int(5)? {
                    Some(0) => Status::Done,
                    Some(1) => Status::Partial,
                    Some(2) => Status::Skipped,
                    _ => return Err(StoreError::Corrupt("an activity log has an unknown status".into())),
                };
                Ok(ActivityLog {
                    id: row.uuid(0)?,
                    activity: take_text(&mut row, 1)?,
                    at: moment(&row, 2)?,
                    tier,
                    status,
                    predicted: rating(&row, 6)?,
                    actual: rating(&row, 7)?,
                    note: None,
                })
            })
            .collect()
        })
    }

    /// Saves a grounding session.
    pub fn insert_grounding(&self, owner: OwnerId, g: &GroundingSession) -> Result<(), StoreError> {
        self.with_conn(|c| in_transaction(c, |c| insert_grounding(c, owner, g).map(|_| ())))
    }

    /// How much grounding eased numbness in `span`, per technique: the
    /// sessions rated before and after, and the sum of (before − after).
    /// In the order of the techniques' names.
    pub fn grounding_easing(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<Vec<(String, u64, i64)>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            c.query(
                "SELECT technique, COUNT(*), SUM(numbness_before - numbness_after) FROM grounding_sessions
                 WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3
                   AND numbness_before IS NOT NULL AND numbness_after IS NOT NULL
                 GROUP BY technique ORDER BY technique",
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(|row| {
                let n = u64::try_from(row.int(1)?).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                Ok((row.text(0)?, n, row.int(2)?))
            })
            .collect()
        })
    }

    /// A person's grounding sessions in `span`, oldest first.
    pub fn grounding_sessions(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<Vec<GroundingSession>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            c.query(
                "SELECT id, technique, at_us, offset_s, duration_s, numbness_before, numbness_after FROM grounding_sessions
                 WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3 ORDER BY at_us, id",
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(|row| {
                Ok(GroundingSession {
                    id: row.uuid(0)?,
                    technique: row.text(1)?,
                    at: moment(row, 2)?,
                    duration_s: u32::try_from(row.int(4)?).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    before: rating(row, 5)?,
                    after: rating(row, 6)?,
                })
            })
            .collect()
        })
    }

    /// Writes a whole batch in one transaction: every record whose id (or
    /// activity name, or plan) is already there is skipped. With `dry_run`
    /// the transaction is rolled back: the counts say what would be added.
    pub fn import(
        &self,
        owner: OwnerId,
        batch: &Batch,
        dry_run: bool,
    ) -> Result<Counts, StoreError> {
        self.with_conn(|c| {
            let gate = c.write_gate();
            let _turn = conn::take_turn(&gate);
            c.begin_write()?;
            let result = import_batch(c, owner, batch);
            match result {
                Ok(counts) if !dry_run => {
                    c.batch("COMMIT")?;
                    Ok(counts)
                }
                other => {
                    c.batch("ROLLBACK")?;
                    other
                }
            }
        })
    }
}

/// Everything an import brings, already checked.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub checkins: Vec<Checkin>,
    pub activities: Vec<Activity>,
    pub activity_logs: Vec<ActivityLog>,
    pub grounding: Vec<GroundingSession>,
    pub journal: Vec<JournalEntry>,
    pub screenings: Vec<Screening>,
    pub plans: Vec<Plan>,
    pub values: Vec<thaw_core::engage::Value>,
    pub value_actions: Vec<thaw_core::engage::ValueAction>,
    pub wins: Vec<thaw_core::engage::Win>,
    pub social_steps: Vec<thaw_core::engage::SocialStep>,
    pub social_attempts: Vec<thaw_core::engage::SocialAttempt>,
    pub selfcare: Vec<thaw_core::engage::SelfCare>,
    pub selfcare_logs: Vec<thaw_core::engage::SelfCareLog>,
}

/// How many records of each kind were new.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub checkins: usize,
    pub activities: usize,
    pub activity_logs: usize,
    pub grounding: usize,
    pub journal: usize,
    pub screenings: usize,
    pub plans: usize,
    pub values: usize,
    pub value_actions: usize,
    pub wins: usize,
    pub social_steps: usize,
    pub social_attempts: usize,
    pub selfcare: usize,
    pub selfcare_logs: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.checkins
            + self.activities
            + self.activity_logs
            + self.grounding
            + self.journal
            + self.screenings
            + self.plans
            + self.values
            + self.value_actions
            + self.wins
            + self.social_steps
            + self.social_attempts
            + self.selfcare
            + self.selfcare_logs
    }
}

fn import_batch(c: &mut dyn Conn, owner: OwnerId, b: &Batch) -> Result<Counts, StoreError> {
    let mut n = Counts::default();
    for a in &b.activities {
        n.activities += usize::from(save_activity(c, owner, a, false)?);
    }
    for x in &b.checkins {
        n.checkins += usize::from(insert_checkin(c, owner, x)?);
    }
    for x in &b.activity_logs {
        n.activity_logs += usize::from(insert_activity_log(c, owner, x)?);
    }
    for x in &b.grounding {
        n.grounding += usize::from(insert_grounding(c, owner, x)?);
    }
    for x in &b.journal {
        n.journal += usize::from(insert_journal(c, owner, x)?);
    }
    for x in &b.screenings {
        n.screenings += usize::from(insert_screening(c, owner, x)?);
    }
    for p in &b.plans {
        let saved = c.query(
            "SELECT 1 FROM plans WHERE owner_id = $1 AND plan = $2",
            &[owner.0.into(), p.kind.key().into()],
        )?;
        if saved.is_empty() {
            save_plan(c, owner, p)?;
            n.plans += 1;
        }
    }
    for x in &b.values {
        n.values += usize::from(engage::save_value(c, owner, x, false)?);
    }
    for x in &b.value_actions {
        n.value_actions += usize::from(engage::insert_value_action(c, owner, x)?);
    }
    for x in &b.wins {
        n.wins += usize::from(engage::insert_win(c, owner, x)?);
    }
    for x in &b.social_steps {
        n.social_steps += usize::from(engage::save_social_step(c, owner, x, false)?);
    }
    for x in &b.social_attempts {
        n.social_attempts += usize::from(engage::insert_social_attempt(c, owner, x)?);
    }
    for x in &b.selfcare {
        n.selfcare += usize::from(engage::save_selfcare(c, owner, x, false)?);
    }
    for x in &b.selfcare_logs {
        n.selfcare_logs += usize::from(engage::insert_selfcare_log(c, owner, x)?);
    }
    Ok(n)
}

/// Adds an activity; with `replace`, updates one of the same name.
/// Answers true when it was new.
fn save_activity(
    c: &mut dyn Conn,
    owner: OwnerId,
    a: &Activity,
    replace: bool,
) -> Result<bool, StoreError> {
    let conflict = if replace {
        "ON CONFLICT (owner_id, name) DO UPDATE SET small = excluded.small, minimal = excluded.minimal,
         expect = excluded.expect, every = excluded.every, time_of_day = excluded.time_of_day"
    } else {
        "ON CONFLICT (owner_id, name) DO NOTHING"
    };
    let existed = !c
        .query(
            "SELECT 1 FROM activities WHERE owner_id = $1 AND name = $2",
            &[owner.0.into(), a.name.as_str().into()],
        )?
        .is_empty();
    if existed && !replace {
        return Ok(false);
    }
    c.execute(
        &format!(
            "INSERT INTO activities (owner_id, name, small, minimal, expect, every, time_of_day, created_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) {conflict}"
        ),
        &[
            owner.0.into(),
            a.name.as_str().into(),
            a.small.as_deref().into(),
            a.minimal.as_deref().into(),
            a.expect.as_deref().into(),
            a.every.as_deref().into(),
            a.time.as_deref().into(),
            now_us().into(),
        ],
    )?;
    c.execute(
        "DELETE FROM activity_values WHERE owner_id = $1 AND activity = $2",
        &[owner.0.into(), a.name.as_str().into()],
    )?;
    for (position, value) in a.values.iter().enumerate() {
        c.execute(
            "INSERT INTO activity_values (owner_id, activity, position, value) VALUES ($1, $2, $3, $4)",
            &[owner.0.into(), a.name.as_str().into(), position_value(position), value.as_str().into()],
        )?;
    }
    Ok(!existed)
}

fn insert_activity_log(
    c: &mut dyn Conn,
    owner: OwnerId,
    log: &ActivityLog,
) -> Result<bool, StoreError> {
    let bare = Activity {
        name: log.activity.clone(),
        small: None,
        minimal: None,
        expect: None,
        values: Vec::new(),
        every: None,
        time: None,
    };
    save_activity(c, owner, &bare, false)?;
    let r = |r: Option<Rating>| Value::from(r.map(|r| i64::from(r.get())));
    let added = c.execute(
        "INSERT INTO activity_logs (id, owner_id, activity, at_us, offset_s, tier, status, predicted, actual, note, created_us)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING",
        &[
            log.id.into(),
            owner.0.into(),
            log.activity.as_str().into(),
            log.at.micros().into(),
            log.at.offset_seconds().into(),
            log.tier.key().into(),
            log.status.key().into(),
            r(log.predicted),
            r(log.actual),
            log.note.as_deref().into(),
            now_us().into(),
        ],
    )?;
    Ok(added > 0)
}

fn insert_grounding(
    c: &mut dyn Conn,
    owner: OwnerId,
    g: &GroundingSession,
) -> Result<bool, StoreError> {
    let r = |r: Option<Rating>| Value::from(r.map(|r| i64::from(r.get())));
    let added = c.execute(
        "INSERT INTO grounding_sessions (id, owner_id, technique, at_us, offset_s, duration_s, numbness_before, numbness_after, created_us)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING",
        &[
            g.id.into(),
            owner.0.into(),
            g.technique.as_str().into(),
            g.at.micros().into(),
            g.at.offset_seconds().into(),
            Value::Int(i64::from(g.duration_s)),
            r(g.before),
            r(g.after),
            now_us().into(),
        ],
    )?;
    Ok(added > 0)
}

fn insert_journal(
    c: &mut dyn Conn,
    owner: OwnerId,
    entry: &JournalEntry,
) -> Result<bool, StoreError> {
    let added = c.execute(
        "INSERT INTO journal_entries (id, owner_id, at_us, offset_s, text, for_therapy, created_us)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        &[
            entry.id.into(),
            owner.0.into(),
            entry.at.micros().into(),
            entry.at.offset_seconds().into(),
            entry.text.as_str().into(),
            entry.for_therapy.into(),
            now_us().into(),
        ],
    )?;
    if added == 0 {
        return Ok(false);
    }
    for (position, tag) in entry.tags.iter().enumerate() {
        c.execute(
            "INSERT INTO journal_tags (entry_id, owner_id, position, tag) VALUES ($1, $2, $3, $4)",
            &[
                entry.id.into(),
                owner.0.into(),
                position_value(position),
                tag.as_str().into(),
            ],
        )?;
    }
    Ok(true)
}

fn insert_screening(c: &mut dyn Conn, owner: OwnerId, s: &Screening) -> Result<bool, StoreError> {
    let added = c.execute(
        "INSERT INTO screenings (id, owner_id, instrument, at_us, offset_s, answers, created_us)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        &[
            s.id.into(),
            owner.0.into(),
            s.instrument.key().into(),
            s.at.micros().into(),
            s.at.offset_seconds().into(),
            screener::answers_text(&s.answers).into(),
            now_us().into(),
        ],
    )?;
    Ok(added > 0)
}

fn save_plan(c: &mut dyn Conn, owner: OwnerId, plan: &Plan) -> Result<(), StoreError> {
    let kind = plan.kind.key();
    c.execute(
        "INSERT INTO plans (owner_id, plan, updated_us) VALUES ($1, $2, $3)
         ON CONFLICT (owner_id, plan) DO UPDATE SET updated_us = excluded.updated_us",
        &[owner.0.into(), kind.into(), now_us().into()],
    )?;
    c.execute(
        "DELETE FROM plan_items WHERE owner_id = $1 AND plan = $2",
        &[owner.0.into(), kind.into()],
    )?;
    for (section, items) in plan.sections() {
        for (position, text) in items.iter().enumerate() {
            c.execute(
                "INSERT INTO plan_items (owner_id, plan, section, position, text) VALUES ($1, $2, $3, $4, $5)",
                &[owner.0.into(), kind.into(), section.key.into(), position_value(position), text.as_str().into()],
            )?;
        }
    }
    Ok(())
}

/// Inserts a check-in and its tags; answers false if its id was already
/// stored (nothing is changed then).
fn insert_checkin(c: &mut dyn Conn, owner: OwnerId, checkin: &Checkin) -> Result<bool, StoreError> {
    let r = |r: Option<Rating>| Value::from(r.map(|r| i64::from(r.get())));
    let added = c.execute(
        "INSERT INTO checkins (id, owner_id, at_us, offset_s, mood, numbness, energy, pleasure, connection, note, plan, created_us)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (id) DO NOTHING",
        &[
            checkin.id.into(),
            owner.0.into(),
            checkin.at.micros().into(),
            checkin.at.offset_seconds().into(),
            r(checkin.mood),
            r(checkin.numbness),
            r(checkin.energy),
            r(checkin.pleasure),
            r(checkin.connection),
            checkin.note.as_deref().into(),
            checkin.plan.as_deref().into(),
            now_us().into(),
        ],
    )?;
    if added == 0 {
        return Ok(false);
    }
    let tagged = [
        ("sensation", &checkin.sensations),
        ("trigger", &checkin.triggers),
    ];
    for (kind, texts) in tagged {
        for (position, text) in texts.iter().enumerate() {
            c.execute(
                "INSERT INTO checkin_tags (checkin_id, owner_id, kind, position, text) VALUES ($1, $2, $3, $4, $5)",
                &[checkin.id.into(), owner.0.into(), kind.into(), position_value(position), text.as_str().into()],
            )?;
        }
    }
    Ok(true)
}

/// The full-text expression for `words` (letters and digits only, so no
/// search syntax can come from a person): every word, as a word start.
fn search_expression(backend: Backend, words: &[String]) -> String {
    match backend {
        Backend::Sqlite => words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
        Backend::Postgres => words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

fn position_value(position: usize) -> Value {
    Value::Int(i64::try_from(position).unwrap_or(i64::MAX))
}

/// A check-in's id, time and ratings from a row that starts `id, at_us,
/// offset_s, mood, numbness, energy, pleasure, connection`; no tags and no
/// The column that orders rows tied in time: on SQLite the rowid, the
/// order of the index it reads anyway (sorting by id would cost a sort of
/// every row); on PostgreSQL the id.
fn index_order(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "id",
    }
}

/// free text yet.
fn ratings_row(row: &Row) -> Result<Checkin, StoreError> {
    Ok(Checkin {
        id: row.uuid(0)?,
        at: moment(row, 1)?,
        mood: rating(row, 3)?,
        numbness: rating(row, 4)?,
        energy: rating(row, 5)?,
        pleasure: rating(row, 6)?,
        connection: rating(row, 7)?,
        sensations: Vec::new(),
        triggers: Vec::new(),
        note: None,
        plan: None,
    })
}

fn moment(row: &Row, first: usize) -> Result<Moment, StoreError> {
    let micros = row.int(first)?;
    let offset = row.int(first + 1)?;
    i32::try_from(offset)
        .ok()
        .and_then(|o| Moment::from_parts(micros, o))
        .ok_or_else(|| {
            StoreError::Corrupt(format!(
                "a stored time is out of range ({micros}, {offset})"
            ))
        })
}

/// From this many check-ins on, [`Store::checkins_for_insights`] may read
/// their tags with one scan of the tag table.
const SCAN_TAGS_FROM: usize = 1000;

/// Adds the tags of `checkins` (read with `params`: owner, from, to),
/// read in the same order as the check-ins (`ORDER BY c.at_us,
/// {tiebreak}`), so that the two lists are walked together.
fn attach_tags_by_join(
    c: &mut dyn Conn,
    params: &[Value],
    tiebreak: &str,
    checkins: &mut [Checkin],
) -> Result<(), StoreError> {
    let tag_rows = c.query(
        &format!(
            "SELECT t.checkin_id, t.kind = 'sensation', t.text
             FROM checkins c JOIN checkin_tags t ON t.checkin_id = c.id
             WHERE c.owner_id = $1 AND c.at_us >= $2 AND c.at_us < $3
             ORDER BY c.at_us, {tiebreak}, t.kind, t.position"
        ),
        params,
    )?;
    let mut next = 0;
    // Only needed if the two reads disagree (a check-in written between
    // them): then by id, and tags of unknown ids are left out.
    let mut by_id: Option<HashMap<Uuid, usize, IdHash>> = None;
    for mut row in tag_rows {
        let id = row.uuid(0)?;
        let found = match &by_id {
            Some(map) => map.get(&id).copied(),
            None => match checkins
                .get(next..)
                .and_then(|rest| rest.iter().position(|c| c.id == id))
            {
                Some(step) => Some(next + step),
                None => {
                    let map = index_by_id(checkins);
                    let found = map.get(&id).copied();
                    by_id = Some(map);
                    found
                }
            },
        };
        let Some(at) = found else { continue };
        next = at;
        let is_sensation = row.bool(1)?;
        let text = take_text(&mut row, 2)?;
        if let Some(checkin) = checkins.get_mut(at) {
            if is_sensation {
                checkin.sensations.push(text);
            } else {
                checkin.triggers.push(text);
            }
        }
    }
    Ok(())
}

/// Adds the tags of `checkins` (all the owner's) from one scan of the tag
/// table (SQLite only: `+` keeps it from going through the owner index,
/// row by row). The table is read in its own order, in which each
/// check-in's tags are normally in position order; answers `false`, with
/// the tags incomplete, when they were not, for the caller to read them
/// another way.
fn attach_tags_by_scan(
    c: &mut dyn Conn,
    owner: OwnerId,
    checkins: &mut [Checkin],
) -> Result<bool, StoreError> {
    let tag_rows = c.query(
        "SELECT checkin_id, kind = 'sensation', position, text FROM checkin_tags WHERE +owner_id = $1",
        &[owner.0.into()],
    )?;
    let by_id = index_by_id(checkins);
    // The last position added per check-in, sensations and triggers.
    let mut last = vec![[i64::MIN; 2]; checkins.len()];
    for mut row in tag_rows {
        let Some(&at) = by_id.get(&row.uuid(0)?) else {
            continue;
        };
        let is_sensation = row.bool(1)?;
        let position = row.int(2)?;
        let (Some(checkin), Some(last)) = (checkins.get_mut(at), last.get_mut(at)) else {
            continue;
        };
        let last = &mut last[usize::from(is_sensation)];
        if position <= *last {
            return Ok(false);
        }
        *last = position;
        let text = take_text(&mut row, 3)?;
        if is_sensation {
            checkin.sensations.push(text);
        } else {
            checkin.triggers.push(text);
        }
    }
    Ok(true)
}

/// Each check-in's place in `checkins`, by id.
fn index_by_id(checkins: &[Checkin]) -> HashMap<Uuid, usize, IdHash> {
    let mut map = HashMap::with_capacity_and_hasher(checkins.len(), IdHash);
    for (i, checkin) in checkins.iter().enumerate() {
        map.insert(checkin.id, i);
    }
    map
}

/// Text column `i` of `row`, moved out of it (the row keeps a NULL).
fn take_text(row: &mut Row, i: usize) -> Result<String, StoreError> {
    match row.0.get_mut(i).map(|v| std::mem::replace(v, Value::Null)) {
        Some(Value::Text(t)) => Ok(t),
        other => Err(StoreError::Corrupt(format!(
            "column {i}: expected text, found {other:?}"
        ))),
    }
}

fn rating(row: &Row, i: usize) -> Result<Option<Rating>, StoreError> {
    row.opt_int(i)?
        .map(|n| Rating::new("rating", n).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}

fn now_us() -> i64 {
    jiff::Timestamp::now().as_microsecond()
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::{CheckinDraft, JournalDraft};

    fn one_checkin(store: &Store, me: OwnerId, us: i64) {
        let at = Moment::from_parts(us, 0).unwrap();
        store
            .insert_checkin(
                me,
                &CheckinDraft::default()
                    .validate(thaw_core::new_id(), at)
                    .unwrap(),
            )
            .unwrap();
    }

    #[test]
    fn reads_together_see_one_moment_and_refuse_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open_sqlite(&path).unwrap();
        let elsewhere = Store::open_sqlite(&path).unwrap();
        let me = store.local_person().unwrap();
        one_checkin(&store, me, 1_000_000);
        let seen = store
            .read_together(|| {
                let before = store.count_checkins(me)?;
                // Another connection commits meanwhile.
                one_checkin(&elsewhere, me, 2_000_000);
                let after = store.checkins(me, Span::default())?.len();
                let write = store.insert_checkin(
                    me,
                    &CheckinDraft::default()
                        .validate(thaw_core::new_id(), Moment::from_parts(3, 0).unwrap())
                        .unwrap(),
                );
                Ok::<_, StoreError>((before, after, write.is_err()))
            })
            .unwrap();
        assert_eq!(seen, (1, 1, true), "one moment; no write inside");
        assert_eq!(
            store.count_checkins(me).unwrap(),
            2,
            "afterwards, the new one"
        );
        // Nested: the inner call reads in the same moment.
        let n = store
            .read_together(|| store.read_together(|| store.count_checkins(me)))
            .unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn forgetting_a_person_leaves_no_row_in_any_sqlite_table() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("t.db")).unwrap();
        let me = store.local_person().unwrap();
        let at = Moment::from_parts(1_000_000, 3600).unwrap();
        let c = CheckinDraft {
            sensations: vec!["numb".into()],
            triggers: vec!["work".into()],
            ..Default::default()
        };
        store
            .insert_checkin(me, &c.validate(thaw_core::new_id(), at).unwrap())
            .unwrap();
        let j = JournalDraft {
            text: "a quiet day".into(),
            tags: vec!["home".into()],
            for_therapy: true,
        };
        store
            .insert_journal(me, &j.validate(thaw_core::new_id(), at).unwrap())
            .unwrap();
        store.delete_person(me).unwrap();
        store
            .with_conn(|c| {
                let tables = c.query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'journal_fts_%' AND name <> 'schema_migrations'",
                    &[],
                )?;
                assert!(tables.len() >= 5);
                for t in tables {
                    let name = t.text(0)?;
                    let n = c.query(&format!("SELECT COUNT(*) FROM {name}"), &[])?[0].int(0)?;
                    assert_eq!(n, 0, "{name} still has rows");
                }
                Ok(())
            })
            .unwrap();
    }

    /// Fills `store` with check-ins (tags, notes) and activity logs for
    /// two people, and checks that the insights' loaders answer what
    /// `checkins` and `activity_logs` do, without the free text, through
    /// both ways of reading tags.
    fn insight_loaders_agree(store: &Store) {
        let me = store.create_person().unwrap();
        let other = store.create_person().unwrap();
        let rating = |n: i64| Some(Rating::new("rating", n.rem_euclid(11)).unwrap());
        let checkin = |i: i64| Checkin {
            id: thaw_core::new_id(),
            // Some share a time, to check ties.
            at: Moment::from_parts(1_700_000_000_000_000 + (i / 2) * 3_600_000_000, 3600).unwrap(),
            mood: rating(i),
            numbness: if i % 7 == 0 { None } else { rating(i * 3) },
            energy: rating(i + 1),
            pleasure: None,
            connection: rating(i * 5),
            sensations: (0..i % 4)
                .map(|k| format!("sensation {}", (i + k) % 9))
                .collect(),
            triggers: (0..i % 3)
                .map(|k| format!("Trigger {}", (i * k) % 5))
                .collect(),
            note: (i % 2 == 0).then(|| format!("note {i}")),
            plan: (i % 5 == 0).then(|| "a plan".to_owned()),
        };
        let mine: Vec<Checkin> = (0..1_200).map(checkin).collect();
        let theirs: Vec<Checkin> = (0..60).map(checkin).collect();
        store.insert_checkins(me, &mine).unwrap();
        store.insert_checkins(other, &theirs).unwrap();
        let walk = Activity {
            name: "walk".into(),
            small: None,
            minimal: None,
            expect: None,
            values: Vec::new(),
            every: None,
            time: None,
        };
        store.save_activity(me, &walk).unwrap();
        for i in 0..40_i64 {
            let log = ActivityLog {
                id: thaw_core::new_id(),
                activity: "walk".into(),
                at: Moment::from_parts(1_700_000_000_000_000 + i * 86_400_000_000, 0).unwrap(),
                tier: [Tier::Full, Tier::Small, Tier::Minimal][(i % 3) as usize],
                status: [Status::Done, Status::Partial, Status::Skipped][(i % 3) as usize],
                predicted: rating(i),
                actual: (i % 4 != 0).then(|| rating(i + 2)).flatten(),
                note: (i % 2 == 0).then(|| "nice".to_owned()),
            };
            store.insert_activity_log(me, &log).unwrap();
        }

        let by_time = |mut list: Vec<Checkin>| {
            list.sort_by_key(|c| (c.at.micros(), c.id));
            list
        };
        let check = |span: Span| {
            let expected: Vec<Checkin> = store
                .checkins(me, span)
                .unwrap()
                .into_iter()
                .map(|c| Checkin {
                    note: None,
                    plan: None,
                    ..c
                })
                .collect();
            let got = store.checkins_for_insights(me, span).unwrap();
            assert!(
                got.windows(2).all(|w| w[0].at.micros() <= w[1].at.micros()),
                "oldest first"
            );
            assert_eq!(by_time(got), by_time(expected));
            let logs: Vec<ActivityLog> = store
                .activity_logs(me, span)
                .unwrap()
                .into_iter()
                .map(|l| ActivityLog { note: None, ..l })
                .collect();
            assert_eq!(store.activity_logs_for_insights(me, span).unwrap(), logs);
        };
        let hour = 3_600_000_000;
        // Everything (one scan of the tags), a part (tags by check-in).
        check(Span::default());
        check(Span {
            from_us: Some(1_700_000_000_000_000 + 100 * hour),
            to_us: Some(1_700_000_000_000_000 + 300 * hour),
        });
        check(Span {
            from_us: Some(0),
            to_us: Some(1),
        });
        assert_eq!(
            store
                .checkins_for_insights(me, Span::default())
                .unwrap()
                .len(),
            1_200
        );
    }

    #[test]
    fn the_insights_loaders_answer_what_the_full_ones_do_on_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("t.db")).unwrap();
        insight_loaders_agree(&store);
        // Tags stored out of position order (as rewritten rows could be):
        // the scan notices it, and they are read by check-in instead.
        let (owner, id) = store
            .with_conn(|c| {
                let rows = c.query(
                    "SELECT owner_id, checkin_id FROM checkin_tags WHERE kind = 'sensation' AND position = 1
                     ORDER BY (SELECT COUNT(*) FROM checkins c WHERE c.owner_id = checkin_tags.owner_id) DESC LIMIT 1",
                    &[],
                )?;
                Ok((OwnerId(rows[0].uuid(0)?), rows[0].uuid(1)?))
            })
            .unwrap();
        store
            .with_conn(|c| {
                let tags = c.query(
                    "SELECT kind, position, text FROM checkin_tags WHERE checkin_id = $1 ORDER BY kind, position",
                    &[id.into()],
                )?;
                c.execute("DELETE FROM checkin_tags WHERE checkin_id = $1", &[id.into()])?;
                for tag in tags.iter().rev() {
                    c.execute(
                        "INSERT INTO checkin_tags (checkin_id, owner_id, kind, position, text) VALUES ($1, $2, $3, $4, $5)",
                        &[id.into(), owner.0.into(), tag.text(0)?.into(), tag.int(1)?.into(), tag.text(2)?.into()],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        let mut untagged = store.checkins_for_insights(owner, Span::default()).unwrap();
        for c in &mut untagged {
            c.sensations.clear();
            c.triggers.clear();
        }
        let in_order = store
            .with_conn(|c| attach_tags_by_scan(c, owner, &mut untagged))
            .unwrap();
        assert!(!in_order, "the scan notices tags out of position order");
        let mut expected: Vec<Checkin> = store
            .checkins(owner, Span::default())
            .unwrap()
            .into_iter()
            .map(|c| Checkin {
                note: None,
                plan: None,
                ..c
            })
            .collect();
        let mut got = store.checkins_for_insights(owner, Span::default()).unwrap();
        got.sort_by_key(|c| (c.at.micros(), c.id));
        expected.sort_by_key(|c| (c.at.micros(), c.id));
        assert_eq!(got, expected);
    }

    #[test]
    fn the_insights_loaders_answer_what_the_full_ones_do_on_postgres() {
        let Some(url) = std::env::var("THAW_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            eprintln!("THAW_TEST_DATABASE_URL is not set: skipping the PostgreSQL loaders");
            return;
        };
        insight_loaders_agree(&Store::open_postgres(&url).unwrap());
    }

    #[test]
    fn a_newer_schema_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open_sqlite(&path).unwrap();
        store
            .with_conn(|c| c.execute("INSERT INTO schema_migrations (version, name, applied_us) VALUES (999, 'future', 0)", &[]))
            .unwrap();
        let err = Store::open_sqlite(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::NewerSchema { found: 999, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("update Thaw"));
    }
}
