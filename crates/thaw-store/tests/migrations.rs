//! Upgrades lose nothing: a database made by every released schema
//! version opens with this Thaw, is migrated to the newest schema, and
//! still holds every row it held, readable through the store.
//!
//! For each version `v` (1 through the newest), on SQLite and, when
//! `THAW_TEST_DATABASE_URL` is set, on a fresh PostgreSQL database:
//!
//! 1. the migration files `1..=v` are run directly (read from
//!    `migrations/<backend>/`, not through the store) and recorded in
//!    `schema_migrations` the way `src/migrate.rs` records them;
//! 2. the fixture rows below are written, in SQL, into every table that
//!    exists at `v`; a table without fixture rows fails the test, so a new
//!    migration cannot go untested;
//! 3. every table's rows are read raw (only the columns it had at `v`);
//! 4. `Store::open_sqlite` / `Store::open_postgres` migrates to the
//!    newest version;
//! 5. the raw rows are read again and must be identical, and everything
//!    the store API can read back (check-ins, journal with its full-text
//!    search, screenings, plans, activities, …, accounts and partners) is
//!    exactly the fixture.
//!
//! The versions are discovered from the files, so a new migration is
//! covered without touching this file, except to give its new tables
//! fixture rows (the test says which).

// Test code: a failed unwrap or a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use thaw_core::journal::JournalQuery;
use thaw_core::plan::PlanKind;
use thaw_core::screener::Instrument;
use thaw_core::{Moment, OwnerId};
use thaw_store::{Sharing, Span, Store};
use uuid::Uuid;

// ------------------------------------------------------------ the files

/// One migration file, as found on disk.
#[derive(Debug, Clone)]
struct MigrationFile {
    version: i64,
    /// The part after `NNNN_`, as `migrate.rs` names it.
    name: String,
    sql: String,
}

/// `migrations/<backend>/NNNN_name.sql`, in order; they must be
/// numbered 1, 2, 3, … without a gap.
fn migration_files(backend: &str) -> Vec<MigrationFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    paths.sort();
    let files: Vec<MigrationFile> = paths
        .iter()
        .map(|path| {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            let (number, name) = stem
                .split_once('_')
                .unwrap_or_else(|| panic!("{stem}: name migrations NNNN_name.sql"));
            MigrationFile {
                version: number
                    .parse()
                    .unwrap_or_else(|_| panic!("{stem}: name migrations NNNN_name.sql")),
                name: name.to_owned(),
                sql: std::fs::read_to_string(path).unwrap(),
            }
        })
        .collect();
    for (i, file) in files.iter().enumerate() {
        assert_eq!(
            file.version,
            i as i64 + 1,
            "{backend} migrations are numbered 1, 2, 3, … without a gap"
        );
    }
    assert!(!files.is_empty(), "no migrations in {}", dir.display());
    files
}

#[test]
fn both_backends_have_the_same_migrations_and_the_store_knows_them_all() {
    let sqlite = migration_files("sqlite");
    let postgres = migration_files("postgres");
    let names = |files: &[MigrationFile]| -> Vec<(i64, String)> {
        files.iter().map(|f| (f.version, f.name.clone())).collect()
    };
    assert_eq!(names(&sqlite), names(&postgres));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("t.db")).unwrap();
    assert_eq!(
        store.latest_schema_version(),
        sqlite.len() as i64,
        "every file in migrations/sqlite is listed in src/migrate.rs"
    );
}

// ------------------------------------------------------------- fixtures

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sqlite,
    Postgres,
}

/// A fixed, recognisable id for a fixture name (`me`, `c1`, …).
fn id(name: &str) -> Uuid {
    // FNV-1a: stable across runs and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 | u128::from(hash & 0xffff_ffff_ffff))
}

fn owner(name: &str) -> OwnerId {
    OwnerId(id(name))
}

/// `template` with every `#name` replaced by that fixture id, written as
/// the backend's literal for an id. (No fixture text contains `#`.)
fn sql_for(kind: Kind, template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '#' {
            out.push(c);
            continue;
        }
        let mut name = String::new();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_alphanumeric() || n == '_' {
                name.push(n);
                chars.next();
            } else {
                break;
            }
        }
        assert!(!name.is_empty(), "a lone # in {template}");
        let uuid = id(&name);
        match kind {
            Kind::Sqlite => out.push_str(&format!("X'{}'", uuid.simple())),
            Kind::Postgres => out.push_str(&format!("'{uuid}'::uuid")),
        }
    }
    out
}

/// 2026-03-01T23:30:00-05:00 and friends: (UTC microseconds, offset).
const T1: (i64, i32) = (1_772_425_800_000_000, -18_000);
const T2: (i64, i32) = (1_772_434_800_000_000, 3_600);
const T3: (i64, i32) = (1_772_521_200_000_000, 32_400);
/// A creation time for rows that need one.
const CREATED: i64 = 1_772_400_000_000_000;

/// The rows written into each table, in an order that satisfies every
/// foreign key. A table that exists at a version gets its rows; a table
/// that exists and is missing here fails the test.
fn fixtures() -> Vec<(&'static str, Vec<String>)> {
    let (t1, o1) = T1;
    let (t2, o2) = T2;
    let (t3, o3) = T3;
    let c = CREATED;
    let rows = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    vec![
        // 0001
        (
            "people",
            vec![
                format!("INSERT INTO people (id, kind, created_us) VALUES (#me, 'local', {c})"),
                format!("INSERT INTO people (id, kind, created_us) VALUES (#ann, 'account', {c})"),
                format!("INSERT INTO people (id, kind, created_us) VALUES (#bob, 'account', {c})"),
            ],
        ),
        (
            "checkins",
            vec![
                format!(
                    "INSERT INTO checkins (id, owner_id, at_us, offset_s, mood, numbness, energy, pleasure, connection, note, plan, created_us)
                     VALUES (#c1, #me, {t1}, {o1}, 4, 7, 3, 0, 10, 'Kaffee mit Jana ☕ — \"okay\", it''s fine.\nSecond line.', 'short walk', {c})"
                ),
                format!(
                    "INSERT INTO checkins (id, owner_id, at_us, offset_s, mood, numbness, energy, pleasure, connection, note, plan, created_us)
                     VALUES (#c2, #me, {t2}, {o2}, NULL, 5, NULL, NULL, NULL, NULL, NULL, {c})"
                ),
                format!(
                    "INSERT INTO checkins (id, owner_id, at_us, offset_s, mood, numbness, energy, pleasure, connection, note, plan, created_us)
                     VALUES (#c3, #ann, {t3}, {o3}, 6, NULL, NULL, NULL, NULL, 'not mine', NULL, {c})"
                ),
            ],
        ),
        (
            "checkin_tags",
            rows(&[
                "INSERT INTO checkin_tags (checkin_id, owner_id, kind, position, text) VALUES (#c1, #me, 'sensation', 0, 'I feel detached')",
                "INSERT INTO checkin_tags (checkin_id, owner_id, kind, position, text) VALUES (#c1, #me, 'sensation', 1, 'My chest feels hollow or heavy')",
                "INSERT INTO checkin_tags (checkin_id, owner_id, kind, position, text) VALUES (#c1, #me, 'trigger', 0, 'poor sleep')",
            ]),
        ),
        (
            "journal_entries",
            vec![
                format!(
                    "INSERT INTO journal_entries (id, owner_id, at_us, offset_s, text, for_therapy, created_us)
                     VALUES (#j1, #me, {t1}, {o1}, 'Walked past the bakery; the smell reached me.\nCafé «Übergang» 🌿', TRUE, {c})"
                ),
                format!(
                    "INSERT INTO journal_entries (id, owner_id, at_us, offset_s, text, for_therapy, created_us)
                     VALUES (#j2, #me, {t2}, {o2}, 'A flat, grey day.', FALSE, {c})"
                ),
            ],
        ),
        (
            "journal_tags",
            rows(&[
                "INSERT INTO journal_tags (entry_id, owner_id, position, tag) VALUES (#j1, #me, 0, 'outside')",
                "INSERT INTO journal_tags (entry_id, owner_id, position, tag) VALUES (#j1, #me, 1, 'Food')",
            ]),
        ),
        // 0002
        (
            "screenings",
            vec![
                format!(
                    "INSERT INTO screenings (id, owner_id, instrument, at_us, offset_s, answers, created_us)
                     VALUES (#s1, #me, 'phq9', {t1}, {o1}, '1,2,0,3,1,0,2,1,-', {c})"
                ),
                format!(
                    "INSERT INTO screenings (id, owner_id, instrument, at_us, offset_s, answers, created_us)
                     VALUES (#s2, #me, 'who5', {t2}, {o2}, '3,3,2,4,5', {c})"
                ),
            ],
        ),
        (
            "plans",
            vec![
                format!("INSERT INTO plans (owner_id, plan, updated_us) VALUES (#me, 'safety', {c})"),
                format!("INSERT INTO plans (owner_id, plan, updated_us) VALUES (#me, 'relapse', {c})"),
            ],
        ),
        (
            "plan_items",
            rows(&[
                "INSERT INTO plan_items (owner_id, plan, section, position, text) VALUES (#me, 'safety', 'warning_signs', 0, 'Staying in bed')",
                "INSERT INTO plan_items (owner_id, plan, section, position, text) VALUES (#me, 'safety', 'people', 0, 'My sister')",
                "INSERT INTO plan_items (owner_id, plan, section, position, text) VALUES (#me, 'safety', 'reasons_for_living', 0, 'The dog')",
                "INSERT INTO plan_items (owner_id, plan, section, position, text) VALUES (#me, 'safety', 'reasons_for_living', 1, 'Spring')",
                "INSERT INTO plan_items (owner_id, plan, section, position, text) VALUES (#me, 'relapse', 'warning_signs', 0, 'Music goes flat')",
                "INSERT INTO plan_items (owner_id, plan, section, position, text) VALUES (#me, 'relapse', 'steps', 0, 'Reach out')",
            ]),
        ),
        // 0003
        (
            "activities",
            vec![
                format!(
                    "INSERT INTO activities (owner_id, name, small, minimal, expect, every, time_of_day, created_us)
                     VALUES (#me, 'walk', 'walk to the corner', 'step outside', 'notice one small detail', 'FREQ=WEEKLY;BYDAY=MO,WE,FR', '08:00', {c})"
                ),
                format!(
                    "INSERT INTO activities (owner_id, name, small, minimal, expect, every, time_of_day, created_us)
                     VALUES (#me, 'cook', NULL, NULL, NULL, NULL, NULL, {c})"
                ),
            ],
        ),
        (
            "activity_values",
            rows(&[
                "INSERT INTO activity_values (owner_id, activity, position, value) VALUES (#me, 'walk', 0, 'health')",
                "INSERT INTO activity_values (owner_id, activity, position, value) VALUES (#me, 'walk', 1, 'nature')",
            ]),
        ),
        (
            "activity_logs",
            vec![
                format!(
                    "INSERT INTO activity_logs (id, owner_id, activity, at_us, offset_s, tier, status, predicted, actual, note, created_us)
                     VALUES (#l1, #me, 'walk', {t1}, {o1}, 'small', 'partial', 3, 6, 'rain, but \"nice\"', {c})"
                ),
                format!(
                    "INSERT INTO activity_logs (id, owner_id, activity, at_us, offset_s, tier, status, predicted, actual, note, created_us)
                     VALUES (#l2, #me, 'cook', {t2}, {o2}, 'full', 'skipped', NULL, NULL, NULL, {c})"
                ),
            ],
        ),
        (
            "grounding_sessions",
            vec![format!(
                "INSERT INTO grounding_sessions (id, owner_id, technique, at_us, offset_s, duration_s, numbness_before, numbness_after, created_us)
                 VALUES (#g1, #me, 'breaths', {t1}, {o1}, 70, 7, 5, {c})"
            )],
        ),
        // 0004
        (
            "core_values",
            vec![
                format!(
                    "INSERT INTO core_values (owner_id, name, why, position, created_us) VALUES (#me, 'connection', 'people keep me warm', 0, {c})"
                ),
                format!(
                    "INSERT INTO core_values (owner_id, name, why, position, created_us) VALUES (#me, 'calm', NULL, 1, {c})"
                ),
            ],
        ),
        (
            "value_actions",
            vec![format!(
                "INSERT INTO value_actions (id, owner_id, value, at_us, offset_s, text, created_us)
                 VALUES (#va1, #me, 'connection', {t1}, {o1}, 'called my sister', {c})"
            )],
        ),
        (
            "wins",
            vec![format!(
                "INSERT INTO wins (id, owner_id, at_us, offset_s, text, created_us) VALUES (#w1, #me, {t2}, {o2}, 'cooked, with \"care\"', {c})"
            )],
        ),
        (
            "social_steps",
            vec![
                format!(
                    "INSERT INTO social_steps (owner_id, name, difficulty, created_us) VALUES (#me, 'text a friend', 20, {c})"
                ),
                format!(
                    "INSERT INTO social_steps (owner_id, name, difficulty, created_us) VALUES (#me, 'call mum', 60, {c})"
                ),
            ],
        ),
        (
            "social_attempts",
            vec![format!(
                "INSERT INTO social_attempts (id, owner_id, step, at_us, offset_s, comfort, created_us)
                 VALUES (#sa1, #me, 'text a friend', {t1}, {o1}, 70, {c})"
            )],
        ),
        (
            "selfcare",
            vec![format!(
                "INSERT INTO selfcare (owner_id, name, every, time_of_day, created_us) VALUES (#me, 'hydration', 'FREQ=DAILY', '10:00', {c})"
            )],
        ),
        (
            "selfcare_logs",
            vec![format!(
                "INSERT INTO selfcare_logs (id, owner_id, name, at_us, offset_s, created_us) VALUES (#sl1, #me, 'hydration', {t2}, {o2}, {c})"
            )],
        ),
        (
            "calendar_feeds",
            vec![format!(
                "INSERT INTO calendar_feeds (owner_id, token_hash, created_us) VALUES (#me, 'feed-hash', {c})"
            )],
        ),
        // 0005
        (
            "accounts",
            vec![
                format!(
                    "INSERT INTO accounts (person_id, email, password_hash, totp_secret, totp_last_step, created_us, password_changed_us)
                     VALUES (#ann, 'ann@example.org', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', NULL, NULL, {c}, {c})"
                ),
                format!(
                    "INSERT INTO accounts (person_id, email, password_hash, totp_secret, totp_last_step, created_us, password_changed_us)
                     VALUES (#bob, 'bob@example.org', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$Ym9i', 'JBSWY3DPEHPK3PXP', 59000000, {c}, {c})"
                ),
            ],
        ),
        (
            "sessions",
            vec![format!(
                "INSERT INTO sessions (token_hash, person_id, created_us, last_seen_us) VALUES ('session-hash', #ann, {c}, {t1})"
            )],
        ),
        (
            "login_failures",
            vec![format!(
                "INSERT INTO login_failures (key_hash, at_us) VALUES ('failure-key', {t1})"
            )],
        ),
        (
            "person_settings",
            rows(&[
                "INSERT INTO person_settings (person_id, settings) VALUES (#ann, 'country = \"GB\"\ntimezone = \"Europe/London\"\n')",
            ]),
        ),
        (
            "api_tokens",
            vec![format!(
                "INSERT INTO api_tokens (id, person_id, token_hash, name, created_us) VALUES (#tok1, #ann, 'token-hash', 'laptop', {c})"
            )],
        ),
        (
            "invites",
            vec![format!(
                "INSERT INTO invites (code_hash, owner_id, created_us, expires_us) VALUES ('invite-hash', #ann, {c}, 9000000000000000)"
            )],
        ),
        (
            "partnerships",
            vec![format!(
                "INSERT INTO partnerships (id, inviter_id, invitee_id, created_us) VALUES (#p1, #ann, #bob, {c})"
            )],
        ),
        (
            "sharing",
            rows(&[
                "INSERT INTO sharing (partnership_id, sharer_id, snapshot, plan, screeners, insights, journal, relapse, checkin_by)
                 VALUES (#p1, #ann, TRUE, TRUE, FALSE, TRUE, FALSE, TRUE, '20:30')",
                "INSERT INTO sharing (partnership_id, sharer_id, snapshot, plan, screeners, insights, journal, relapse, checkin_by)
                 VALUES (#p1, #bob, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, NULL)",
            ]),
        ),
        (
            "partner_notes",
            vec![format!(
                "INSERT INTO partner_notes (id, partnership_id, from_id, to_id, text, at_us) VALUES (#n1, #p1, #bob, #ann, 'Thinking of you 💛', {t2})"
            )],
        ),
        (
            "audit_log",
            vec![format!(
                "INSERT INTO audit_log (id, owner_id, reader_id, what, at_us) VALUES (#au1, #ann, #bob, 'snapshot', {t3})"
            )],
        ),
        (
            "nudges",
            vec![format!(
                "INSERT INTO nudges (id, person_id, about_id, kind, day, at_us, emailed) VALUES (#nu1, #bob, #ann, 'checkin', '2026-03-01', {t3}, FALSE)"
            )],
        ),
    ]
}

// ------------------------------------------------------ raw connections

/// A plain connection, for what the test does behind the store's back.
enum Raw {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

/// Every table's rows, each row as text, sorted.
type Snapshot = BTreeMap<String, Vec<String>>;

impl Raw {
    fn kind(&self) -> Kind {
        match self {
            Raw::Sqlite(_) => Kind::Sqlite,
            Raw::Postgres(_) => Kind::Postgres,
        }
    }

    fn batch(&mut self, sql: &str) {
        match self {
            Raw::Sqlite(c) => c
                .execute_batch(sql)
                .unwrap_or_else(|e| panic!("{e}: {sql}")),
            Raw::Postgres(c) => c
                .batch_execute(sql)
                .unwrap_or_else(|e| panic!("{e}: {sql}")),
        }
    }

    /// One text per row of `sql` (one column, text or NULL).
    fn texts(&mut self, sql: &str) -> Vec<Option<String>> {
        match self {
            Raw::Sqlite(c) => {
                let mut stmt = c.prepare(sql).unwrap();
                stmt.query_map([], |r| r.get::<_, Option<String>>(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            }
            Raw::Postgres(c) => c
                .query(sql, &[])
                .unwrap()
                .iter()
                .map(|r| r.get::<_, Option<String>>(0))
                .collect(),
        }
    }

    /// The user tables (not `schema_migrations`, not SQLite's own, not
    /// the full-text index's shadow tables, which follow `journal_entries`).
    fn tables(&mut self) -> BTreeSet<String> {
        let sql = match self.kind() {
            Kind::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'journal\\_fts%' ESCAPE '\\'"
            }
            Kind::Postgres => {
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            }
        };
        self.texts(sql)
            .into_iter()
            .flatten()
            .filter(|t| t != "schema_migrations")
            .collect()
    }

    fn columns(&mut self, table: &str) -> Vec<String> {
        let sql = match self.kind() {
            Kind::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
            Kind::Postgres => format!(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position"
            ),
        };
        self.texts(&sql).into_iter().flatten().collect()
    }

    /// `table`'s rows, only `columns`, each row as one text, sorted.
    fn rows(&mut self, table: &str, columns: &[String]) -> Vec<String> {
        let mut rows: Vec<String> = match self {
            Raw::Sqlite(c) => {
                use rusqlite::types::ValueRef;
                let quoted: Vec<String> = columns.iter().map(|col| format!("\"{col}\"")).collect();
                let sql = format!("SELECT {} FROM {table}", quoted.join(", "));
                let mut stmt = c.prepare(&sql).unwrap();
                let mut out = Vec::new();
                let mut found = stmt.query([]).unwrap();
                while let Some(row) = found.next().unwrap() {
                    let cells: Vec<String> = (0..columns.len())
                        .map(|i| match row.get_ref(i).unwrap() {
                            ValueRef::Null => "NULL".to_owned(),
                            ValueRef::Integer(n) => format!("int {n}"),
                            ValueRef::Real(x) => format!("real {x:?}"),
                            ValueRef::Text(t) => format!("text {:?}", String::from_utf8_lossy(t)),
                            ValueRef::Blob(b) => format!(
                                "blob {}",
                                b.iter().map(|x| format!("{x:02x}")).collect::<String>()
                            ),
                        })
                        .collect();
                    out.push(cells.join(" | "));
                }
                out
            }
            Raw::Postgres(c) => {
                let select: Vec<String> = columns
                    .iter()
                    .map(|col| format!("\"{col}\"::text"))
                    .collect();
                let sql = format!("SELECT {} FROM {table}", select.join(", "));
                c.query(&sql, &[])
                    .unwrap()
                    .iter()
                    .map(|row| {
                        (0..columns.len())
                            .map(|i| {
                                row.get::<_, Option<String>>(i)
                                    .map_or("NULL".to_owned(), |t| format!("{t:?}"))
                            })
                            .collect::<Vec<_>>()
                            .join(" | ")
                    })
                    .collect()
            }
        };
        rows.sort();
        rows
    }

    /// Every table in `shape` (name → columns), those columns only.
    fn snapshot(&mut self, shape: &BTreeMap<String, Vec<String>>) -> Snapshot {
        shape
            .iter()
            .map(|(table, columns)| (table.clone(), self.rows(table, columns)))
            .collect()
    }

    /// (version, name) of every recorded migration.
    fn recorded(&mut self) -> Vec<String> {
        self.texts(
            "SELECT CAST(version AS TEXT) || ' ' || name FROM schema_migrations ORDER BY version",
        )
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Runs migrations `1..=v` from the files and records them as
/// `src/migrate.rs` does.
fn apply_files(raw: &mut Raw, files: &[MigrationFile], v: i64) {
    raw.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_us BIGINT NOT NULL
        )",
    );
    for file in files.iter().filter(|f| f.version <= v) {
        raw.batch(&format!(
            "BEGIN;\n{}\n;INSERT INTO schema_migrations (version, name, applied_us) VALUES ({}, '{}', {});\nCOMMIT;",
            file.sql, file.version, file.name, CREATED
        ));
    }
}

/// The tables in `tables` that `fixtures()` has no rows for.
fn without_fixtures(tables: &BTreeSet<String>) -> Vec<String> {
    let known: BTreeSet<&str> = fixtures().iter().map(|(t, _)| *t).collect();
    tables
        .iter()
        .filter(|t| !known.contains(t.as_str()))
        .cloned()
        .collect()
}

/// Writes the fixture rows of every table that exists; fails on a table
/// that has none.
fn insert_fixtures(raw: &mut Raw, v: i64) -> BTreeSet<String> {
    let tables = raw.tables();
    let missing = without_fixtures(&tables);
    assert!(
        missing.is_empty(),
        "{:?} at schema {v}: the tables {missing:?} have no fixture rows; add some to `fixtures()` in \
         crates/thaw-store/tests/migrations.rs (and their checks to `check_through_the_store`)",
        raw.kind()
    );
    let kind = raw.kind();
    for (table, rows) in fixtures() {
        if !tables.contains(table) {
            continue;
        }
        assert!(!rows.is_empty(), "{table} has an empty fixture");
        for row in rows {
            raw.batch(&sql_for(kind, &row));
        }
    }
    tables
}

// ------------------------------------------------------- the store's view

fn moment((micros, offset): (i64, i32)) -> Moment {
    Moment::from_parts(micros, offset).unwrap()
}

/// Everything the store can read back equals the fixture, for every
/// table that existed at the old version.
fn check_through_the_store(store: &Store, tables: &BTreeSet<String>) {
    let has = |t: &str| tables.contains(t);
    let me = owner("me");
    let (ann, bob) = (owner("ann"), owner("bob"));
    let all = Span::default();
    let ratings = |c: &thaw_core::Checkin| {
        [c.mood, c.numbness, c.energy, c.pleasure, c.connection].map(|r| r.map(|r| r.get()))
    };

    assert_eq!(
        store.local_person().unwrap(),
        me,
        "the local person is the one that was there"
    );

    let mine = store.checkins(me, all).unwrap();
    assert_eq!(
        mine.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![id("c1"), id("c2")]
    );
    let c1 = &mine[0];
    assert_eq!(c1.at, moment(T1));
    assert_eq!(c1.at.offset_seconds(), T1.1, "the offset is kept");
    assert_eq!(ratings(c1), [Some(4), Some(7), Some(3), Some(0), Some(10)]);
    assert_eq!(
        c1.sensations,
        vec!["I feel detached", "My chest feels hollow or heavy"]
    );
    assert_eq!(c1.triggers, vec!["poor sleep"]);
    assert_eq!(
        c1.note.as_deref(),
        Some("Kaffee mit Jana ☕ — \"okay\", it's fine.\nSecond line.")
    );
    assert_eq!(c1.plan.as_deref(), Some("short walk"));
    let c2 = &mine[1];
    assert_eq!(ratings(c2), [None, Some(5), None, None, None]);
    assert!(c2.note.is_none() && c2.plan.is_none() && c2.sensations.is_empty());
    assert_eq!(store.checkin(me, id("c1")).unwrap().as_ref(), Some(c1));
    assert_eq!(store.checkin(me, id("c3")).unwrap(), None, "not mine");
    assert_eq!(store.count_checkins(ann).unwrap(), 1);

    let journal = |words: Option<&str>, tag: Option<&str>, therapy: bool| -> Vec<Uuid> {
        let q = JournalQuery::new(words, tag, therapy).unwrap();
        store
            .journal(me, &q)
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    let entries = store
        .journal(me, &JournalQuery::new(None, None, false).unwrap())
        .unwrap();
    assert_eq!(
        entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![id("j2"), id("j1")],
        "newest first"
    );
    assert_eq!(
        entries[1].text,
        "Walked past the bakery; the smell reached me.\nCafé «Übergang» 🌿"
    );
    assert_eq!(entries[1].tags, vec!["outside", "Food"]);
    assert!(entries[1].for_therapy && !entries[0].for_therapy);
    assert_eq!(entries[1].at, moment(T1));
    assert_eq!(journal(Some("bakery"), None, false), vec![id("j1")]);
    assert_eq!(journal(Some("café"), None, false), vec![id("j1")]);
    assert_eq!(
        journal(Some("gre"), None, false),
        vec![id("j2")],
        "word starts"
    );
    assert_eq!(journal(None, Some("food"), false), vec![id("j1")]);
    assert_eq!(journal(None, None, true), vec![id("j1")]);

    if has("screenings") {
        let s = store.screenings(me, None).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].id, s[0].instrument), (id("s1"), Instrument::Phq9));
        assert_eq!(
            s[0].answers,
            vec![
                Some(1),
                Some(2),
                Some(0),
                Some(3),
                Some(1),
                Some(0),
                Some(2),
                Some(1),
                None
            ]
        );
        assert_eq!((s[1].id, s[1].instrument), (id("s2"), Instrument::Who5));
        assert_eq!(s[1].at, moment(T2));
        assert_eq!(
            store.screenings(me, Some(Instrument::Who5)).unwrap().len(),
            1
        );
    }
    if has("plans") {
        let safety = store.plan(me, PlanKind::Safety).unwrap().unwrap();
        let sections: Vec<(&str, Vec<String>)> = safety
            .sections()
            .filter(|(_, items)| !items.is_empty())
            .map(|(s, items)| (s.key, items.to_vec()))
            .collect();
        assert_eq!(
            sections,
            vec![
                ("warning_signs", vec!["Staying in bed".to_owned()]),
                ("people", vec!["My sister".to_owned()]),
                (
                    "reasons_for_living",
                    vec!["The dog".to_owned(), "Spring".to_owned()]
                ),
            ]
        );
        let relapse = store.plan(me, PlanKind::Relapse).unwrap().unwrap();
        assert_eq!(
            relapse.items,
            vec![
                vec!["Music goes flat".to_owned()],
                vec!["Reach out".to_owned()]
            ]
        );
        assert_eq!(store.plan(ann, PlanKind::Safety).unwrap(), None);
    }
    if has("activities") {
        let a = store.activities(me).unwrap();
        assert_eq!(
            a.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
            vec!["cook", "walk"]
        );
        let walk = &a[1];
        assert_eq!(walk.small.as_deref(), Some("walk to the corner"));
        assert_eq!(walk.minimal.as_deref(), Some("step outside"));
        assert_eq!(walk.expect.as_deref(), Some("notice one small detail"));
        assert_eq!(walk.values, vec!["health", "nature"]);
        assert_eq!(walk.every.as_deref(), Some("FREQ=WEEKLY;BYDAY=MO,WE,FR"));
        assert_eq!(walk.time.as_deref(), Some("08:00"));
        assert!(a[0].small.is_none() && a[0].values.is_empty());
        assert_eq!(
            store.activity_starts(me).unwrap().get("walk"),
            Some(&CREATED)
        );

        let logs = store.activity_logs(me, all).unwrap();
        assert_eq!(
            logs.iter().map(|l| l.id).collect::<Vec<_>>(),
            vec![id("l1"), id("l2")]
        );
        assert_eq!(
            (
                logs[0].activity.as_str(),
                logs[0].tier.key(),
                logs[0].status.key()
            ),
            ("walk", "small", "partial")
        );
        assert_eq!(
            (
                logs[0].predicted.map(|r| r.get()),
                logs[0].actual.map(|r| r.get())
            ),
            (Some(3), Some(6))
        );
        assert_eq!(logs[0].note.as_deref(), Some("rain, but \"nice\""));
        assert_eq!(logs[1].predicted, None);

        let g = store.grounding_sessions(me, all).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(
            (
                g[0].id,
                g[0].technique.as_str(),
                g[0].duration_s,
                g[0].before.map(|r| r.get()),
                g[0].after.map(|r| r.get())
            ),
            (id("g1"), "breaths", 70, Some(7), Some(5))
        );
    }
    if has("core_values") {
        let values = store.values(me).unwrap();
        assert_eq!(
            values
                .iter()
                .map(|v| (v.name.as_str(), v.why.as_deref()))
                .collect::<Vec<_>>(),
            vec![("connection", Some("people keep me warm")), ("calm", None)]
        );
        let actions = store.value_actions(me, all).unwrap();
        assert_eq!(
            actions
                .iter()
                .map(|a| (a.id, a.value.as_str(), a.text.as_str()))
                .collect::<Vec<_>>(),
            vec![(id("va1"), "connection", "called my sister")]
        );
        let wins = store.wins(me, all).unwrap();
        assert_eq!(
            wins.iter()
                .map(|w| (w.id, w.text.as_str(), w.at))
                .collect::<Vec<_>>(),
            vec![(id("w1"), "cooked, with \"care\"", moment(T2))]
        );
        let steps = store.social_steps(me).unwrap();
        assert_eq!(
            steps
                .iter()
                .map(|s| (s.name.as_str(), s.difficulty))
                .collect::<Vec<_>>(),
            vec![("text a friend", 20), ("call mum", 60)]
        );
        let attempts = store.social_attempts(me, all).unwrap();
        assert_eq!(
            attempts
                .iter()
                .map(|a| (a.id, a.step.as_str(), a.comfort))
                .collect::<Vec<_>>(),
            vec![(id("sa1"), "text a friend", 70)]
        );
        let selfcare = store.selfcare(me).unwrap();
        assert_eq!(
            selfcare
                .iter()
                .map(|s| (s.name.as_str(), s.every.as_deref(), s.time.as_deref()))
                .collect::<Vec<_>>(),
            vec![("hydration", Some("FREQ=DAILY"), Some("10:00"))]
        );
        let logs = store.selfcare_logs(me, all).unwrap();
        assert_eq!(
            logs.iter()
                .map(|l| (l.id, l.name.as_str(), l.at))
                .collect::<Vec<_>>(),
            vec![(id("sl1"), "hydration", moment(T2))]
        );
        assert!(store.has_calendar_feed(me).unwrap());
        assert_eq!(store.calendar_feed_owner("feed-hash").unwrap(), Some(me));
    }
    if has("accounts") {
        let a = store.account_by_email("ann@example.org").unwrap().unwrap();
        assert_eq!(a.person, ann);
        assert_eq!(
            a.password_hash,
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"
        );
        assert_eq!((a.totp_secret, a.created_us), (None, CREATED));
        let b = store.account(bob).unwrap().unwrap();
        assert_eq!(b.email, "bob@example.org");
        assert_eq!(b.totp_secret.as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert!(
            !store.use_totp_step(bob, 59_000_000).unwrap(),
            "a used time step stays used"
        );

        let s = store.session("session-hash").unwrap().unwrap();
        assert_eq!(
            (s.person, s.created_us, s.last_seen_us),
            (ann, CREATED, T1.0)
        );
        assert_eq!(store.login_failures("failure-key", 0).unwrap(), 1);
        assert_eq!(
            store.person_settings(ann).unwrap().as_deref(),
            Some("country = \"GB\"\ntimezone = \"Europe/London\"\n")
        );
        let tokens = store.api_tokens(ann).unwrap();
        assert_eq!(
            tokens
                .iter()
                .map(|t| (t.id, t.name.as_str(), t.created_us))
                .collect::<Vec<_>>(),
            vec![(id("tok1"), "laptop", CREATED)]
        );
        assert_eq!(store.api_token_person("token-hash").unwrap(), Some(ann));
        assert_eq!(
            store.invite_owner("invite-hash", CREATED).unwrap(),
            Some(ann)
        );

        let partnerships = store.partnerships(ann).unwrap();
        assert_eq!(partnerships.len(), 1);
        let p = &partnerships[0];
        assert_eq!(
            (p.id, p.other, p.other_email.as_str(), p.invited_by_me),
            (id("p1"), bob, "bob@example.org", true)
        );
        assert_eq!(
            p.mine,
            Sharing {
                snapshot: true,
                plan: true,
                screeners: false,
                insights: true,
                journal: false,
                relapse: true,
                checkin_by: Some("20:30".into()),
            }
        );
        assert_eq!(
            p.theirs,
            Sharing {
                snapshot: true,
                plan: false,
                screeners: false,
                insights: false,
                journal: false,
                relapse: false,
                checkin_by: None,
            }
        );
        let notes = store.partner_notes(id("p1"), 0).unwrap();
        assert_eq!(
            notes
                .iter()
                .map(|n| (n.id, n.from, n.text.as_str(), n.at_us))
                .collect::<Vec<_>>(),
            vec![(id("n1"), bob, "Thinking of you 💛", T2.0)]
        );
        let audit = store.audit_log(ann, 10).unwrap();
        assert_eq!(
            audit
                .iter()
                .map(|a| (a.reader, a.reader_email.as_deref(), a.what.as_str()))
                .collect::<Vec<_>>(),
            vec![(bob, Some("bob@example.org"), "snapshot")]
        );
        assert_eq!(
            store.nudges(bob, "2026-03-01").unwrap(),
            vec![(ann, "checkin".to_owned())]
        );
        assert_eq!(
            store.agreed_checkins().unwrap(),
            vec![(ann, "ann@example.org".to_owned(), bob, "20:30".to_owned())]
        );
    }
}

// ----------------------------------------------------------------- cases

/// One upgrade: a database at `v` made with `connect`, then opened with
/// `open` (which migrates), then checked.
fn upgrade_case(
    files: &[MigrationFile],
    v: i64,
    connect: &dyn Fn() -> Raw,
    open: &dyn Fn() -> Store,
) {
    let latest = files.len() as i64;
    let mut raw = connect();
    apply_files(&mut raw, files, v);
    let kind = raw.kind();
    let tables = insert_fixtures(&mut raw, v);
    let shape: BTreeMap<String, Vec<String>> =
        tables.iter().map(|t| (t.clone(), raw.columns(t))).collect();
    let before = raw.snapshot(&shape);
    for (table, rows) in &before {
        assert!(
            !rows.is_empty(),
            "{kind:?} v{v}: {table} got no fixture row"
        );
    }
    let recorded_before = raw.recorded();
    assert_eq!(recorded_before.len() as i64, v);
    drop(raw);

    let store = open();
    assert_eq!(
        (store.schema_version(), store.latest_schema_version()),
        (latest, latest),
        "{kind:?}: opening a v{v} database migrates it to the newest schema"
    );

    let mut raw = connect();
    let after = raw.snapshot(&shape);
    for (table, rows) in &before {
        assert_eq!(
            &after[table], rows,
            "{kind:?}: upgrading from v{v} changed the rows of {table}"
        );
    }
    let recorded = raw.recorded();
    assert_eq!(
        &recorded[..recorded_before.len()],
        &recorded_before[..],
        "{kind:?} v{v}: the migrations already recorded stay recorded"
    );
    assert_eq!(
        recorded,
        files
            .iter()
            .map(|f| format!("{} {}", f.version, f.name))
            .collect::<Vec<_>>(),
        "{kind:?} v{v}: each migration is recorded once, under its file's name"
    );
    let now_tables = raw.tables();
    assert!(
        tables.is_subset(&now_tables),
        "{kind:?} v{v}: tables vanished: {:?}",
        tables.difference(&now_tables).collect::<Vec<_>>()
    );
    drop(raw);

    check_through_the_store(&store, &tables);
    drop(store);
    // A second open finds nothing to do and changes nothing.
    let again = open();
    assert_eq!(again.schema_version(), latest);
    check_through_the_store(&again, &tables);
}

#[test]
fn every_sqlite_schema_upgrades_to_the_newest_without_loss() {
    let files = migration_files("sqlite");
    for v in 1..=files.len() as i64 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("thaw.db");
        let connect = || {
            let conn = rusqlite::Connection::open(&path).unwrap();
            // As the store opens it: foreign keys are checked, so the
            // fixture is a database the store could have written.
            conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
            Raw::Sqlite(conn)
        };
        upgrade_case(&files, v, &connect, &|| Store::open_sqlite(&path).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        let verdict: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(verdict, "ok", "v{v}");
        let fts: String = conn
            .query_row(
                "SELECT CASE WHEN (SELECT COUNT(*) FROM journal_fts WHERE journal_fts MATCH 'bakery') = 1 THEN 'ok' ELSE 'stale' END",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(fts, "ok", "v{v}: the full-text index follows the entries");
        eprintln!("sqlite: v{v} → v{} ok", files.len());
    }
}

#[test]
fn every_postgres_schema_upgrades_to_the_newest_without_loss() {
    let Some(base) = std::env::var("THAW_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("THAW_TEST_DATABASE_URL is not set: skipping the PostgreSQL upgrades");
        return;
    };
    let files = migration_files("postgres");
    for v in 1..=files.len() as i64 {
        let (url, _guard) = thaw_testkit::pg::fresh_database(&base).unwrap();
        let connect = || Raw::Postgres(thaw_testkit::pg::connect(&url).unwrap());
        upgrade_case(&files, v, &connect, &|| Store::open_postgres(&url).unwrap());
        eprintln!("postgres: v{v} → v{} ok", files.len());
    }
}

#[test]
fn a_table_without_fixture_rows_fails_the_test() {
    // The guard that keeps this test up to date: a migration that adds a
    // table nobody wrote fixture rows for is caught.
    let dir = tempfile::tempdir().unwrap();
    let mut raw = Raw::Sqlite(rusqlite::Connection::open(dir.path().join("t.db")).unwrap());
    let files = migration_files("sqlite");
    apply_files(&mut raw, &files, files.len() as i64);
    assert_eq!(without_fixtures(&raw.tables()), Vec::<String>::new());
    raw.batch("CREATE TABLE brand_new (id INTEGER PRIMARY KEY)");
    assert_eq!(
        without_fixtures(&raw.tables()),
        vec!["brand_new".to_owned()]
    );
}
