//! Encryption at rest for the SQLite store, through SQLCipher.
//!
//! A passphrase becomes a 256-bit raw key by Argon2id (64 MiB, 3 passes,
//! one lane) over a random 16-byte salt. SQLCipher is handed the key *and*
//! the salt (`x'<key><salt>'`), and keeps that salt as the first 16 bytes
//! of the file, so an encrypted database or backup carries everything but
//! the passphrase: no side file to lose. A plaintext database starts with
//! `SQLite format 3\0`; anything else in those bytes is a salt.
//!
//! Every page (and every WAL frame) is encrypted with AES-256 and
//! authenticated with HMAC-SHA512, so a wrong key fails on the first read
//! as "not a database" ([`StoreError::WrongKey`]), never as noise.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroize;

use crate::StoreError;

/// Bytes of salt at the head of an encrypted database.
pub const SALT_LEN: usize = 16;
const KEY_LEN: usize = 32;
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Argon2id cost: 64 MiB of memory, 3 passes, 1 lane (RFC 9106's
/// second recommendation, with one lane for small machines).
const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
const ARGON2_PASSES: u32 = 3;
const ARGON2_LANES: u32 = 1;

/// The salt at the head of an encrypted database.
pub type Salt = [u8; SALT_LEN];

/// A raw SQLCipher key and the salt it was derived with. Wiped from
/// memory when dropped; never printed.
#[derive(Clone)]
pub struct Key {
    bytes: [u8; KEY_LEN],
    salt: Salt,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl Key {
    /// Derives the key for `passphrase` with `salt` (Argon2id; about a
    /// tenth of a second).
    pub fn derive(passphrase: &str, salt: Salt) -> Result<Self, StoreError> {
        let params = argon2::Params::new(
            ARGON2_MEMORY_KIB,
            ARGON2_PASSES,
            ARGON2_LANES,
            Some(KEY_LEN),
        )
        .map_err(|e| StoreError::Query(format!("key derivation settings: {e}")))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut bytes = [0u8; KEY_LEN];
        argon
            .hash_password_into(passphrase.as_bytes(), &salt, &mut bytes)
            .map_err(|e| StoreError::Query(format!("key derivation: {e}")))?;
        Ok(Self { bytes, salt })
    }

    /// Derives a key for `passphrase` with a fresh random salt.
    pub fn generate(passphrase: &str) -> Result<Self, StoreError> {
        let mut salt = [0u8; SALT_LEN];
        getrandom::fill(&mut salt)
            .map_err(|e| StoreError::Query(format!("no random numbers for a salt: {e}")))?;
        // SQLCipher reads a file whose head is the plaintext header as
        // plaintext; a salt that spelled it (2^-128) is drawn again.
        if &salt == PLAINTEXT_HEADER {
            return Self::generate(passphrase);
        }
        Self::derive(passphrase, salt)
    }

    pub fn salt(&self) -> Salt {
        self.salt
    }

    /// The `PRAGMA key` / `ATTACH … KEY` literal: a blob of key then salt.
    fn literal(&self) -> String {
        let mut hex = String::with_capacity(2 * (KEY_LEN + SALT_LEN) + 3);
        hex.push_str("x'");
        for b in self.bytes.iter().chain(self.salt.iter()) {
            hex.push_str(&format!("{b:02x}"));
        }
        hex.push('\'');
        hex
    }
}

/// What the head of a database file says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one (a database not yet written).
    Missing,
    Plaintext,
    /// Encrypted with the salt it begins with.
    Encrypted(Salt),
}

/// Reads the first bytes of `path` to tell a plaintext database from an
/// encrypted one.
pub fn file_kind(path: &Path) -> std::io::Result<FileKind> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(e),
    };
    let mut head = [0u8; SALT_LEN];
    let mut filled = 0;
    while filled < SALT_LEN {
        let n = file.read(&mut head[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(match filled {
        0 => FileKind::Missing,
        SALT_LEN if &head != PLAINTEXT_HEADER => FileKind::Encrypted(head),
        // A short file is not a database either way; SQLite says so.
        _ => FileKind::Plaintext,
    })
}

/// Hands `conn` its key and proves the key opens the file: SQLCipher only
/// notices a wrong key when it first reads a page.
pub(crate) fn apply(conn: &Connection, key: &Key) -> Result<(), StoreError> {
    quiet(conn);
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", key.literal()))
        .map_err(|e| StoreError::Open(e.to_string()))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(key_error)
}

/// SQLCipher logs a wrong key to stderr; Thaw says it in words instead.
/// The filter on log sources is global and, unlike the log level, not
/// reset when SQLCipher takes its first key.
fn quiet(conn: &Connection) {
    let _ = conn.query_row("PRAGMA cipher_log_source = NONE", [], |_| Ok(()));
}

/// A failure on first read of a keyed database is a wrong key.
pub(crate) fn key_error(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::NotADatabase
                || f.code == rusqlite::ErrorCode::DatabaseCorrupt =>
        {
            StoreError::WrongKey
        }
        _ => StoreError::Open(e.to_string()),
    }
}

/// Opens `path` directly (not through a [`crate::Store`]), keyed if
/// `key` is given.
pub(crate) fn open_raw(
    path: &Path,
    key: Option<&Key>,
    flags: OpenFlags,
) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| StoreError::Open(format!("{}: {e}", path.display())))?;
    if let Some(key) = key {
        apply(&conn, key)?;
    }
    Ok(conn)
}

/// Writes a consistent copy of the database open on `conn` to the new
/// file `to`, encrypted with `to_key` (plaintext when `None`). The copy
/// is taken in one read transaction, so writers elsewhere do not tear it.
pub(crate) fn export_to(
    conn: &Connection,
    to: &Path,
    to_key: Option<&Key>,
) -> Result<(), StoreError> {
    let err = |e: rusqlite::Error| StoreError::Open(format!("{}: {e}", to.display()));
    quiet(conn);
    // An empty key attaches a plaintext database.
    let key = match to_key {
        Some(k) => format!("\"{}\"", k.literal()),
        None => "''".to_owned(),
    };
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS thaw_export KEY {key}"),
        [to.to_string_lossy()],
    )
    .map_err(err)?;
    let copied = conn
        .execute_batch("BEGIN; SELECT sqlcipher_export('thaw_export'); COMMIT;")
        .map_err(err);
    if copied.is_err() {
        let _ = conn.execute_batch("ROLLBACK;");
    }
    // The copy carries the schema version SQLite keeps in its header.
    let version: i64 = conn
        .query_row("PRAGMA main.user_version", [], |r| r.get(0))
        .map_err(err)?;
    let detached = conn
        .execute_batch(&format!(
            "PRAGMA thaw_export.user_version = {version}; DETACH DATABASE thaw_export;"
        ))
        .map_err(err);
    copied.and(detached)
}

/// Copies the database file at `from` (keyed with `from_key`) to the new
/// file `to`, re-encrypted with `to_key` or decrypted when `None`.
pub fn reencrypt(
    from: &Path,
    from_key: Option<&Key>,
    to: &Path,
    to_key: Option<&Key>,
) -> Result<(), StoreError> {
    let conn = open_raw(
        from,
        from_key,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    export_to(&conn, to, to_key)?;
    conn.close()
        .map_err(|(_, e)| StoreError::Open(format!("{}: {e}", from.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain_db(path: &Path, note: &str) {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch("CREATE TABLE t (note TEXT); PRAGMA user_version = 7;")
            .unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", [note]).unwrap();
    }

    fn contains(path: &Path, needle: &str) -> bool {
        let bytes = std::fs::read(path).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn an_encrypted_copy_hides_the_text_and_opens_only_with_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        plain_db(&plain, "zebra-secret-note");
        assert_eq!(file_kind(&plain).unwrap(), FileKind::Plaintext);
        assert!(contains(&plain, "zebra-secret-note"));

        let key = Key::generate("correct horse battery").unwrap();
        let secret = dir.path().join("secret.db");
        reencrypt(&plain, None, &secret, Some(&key)).unwrap();
        assert_eq!(file_kind(&secret).unwrap(), FileKind::Encrypted(key.salt()));
        assert!(!contains(&secret, "zebra-secret-note"));
        assert!(!contains(&secret, "SQLite format 3"));

        // The same passphrase with the file's own salt opens it.
        let again = Key::derive("correct horse battery", key.salt()).unwrap();
        let conn = open_raw(&secret, Some(&again), OpenFlags::default()).unwrap();
        let note: String = conn
            .query_row("SELECT note FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(note, "zebra-secret-note");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 7);

        let wrong = Key::derive("wrong", key.salt()).unwrap();
        assert!(matches!(
            open_raw(&secret, Some(&wrong), OpenFlags::default()),
            Err(StoreError::WrongKey)
        ));

        // And back to plaintext.
        let back = dir.path().join("back.db");
        reencrypt(&secret, Some(&again), &back, None).unwrap();
        assert_eq!(file_kind(&back).unwrap(), FileKind::Plaintext);
        assert!(contains(&back, "zebra-secret-note"));
    }

    #[test]
    fn the_head_of_a_file_tells_its_kind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        assert_eq!(file_kind(&p).unwrap(), FileKind::Missing);
        std::fs::write(&p, b"").unwrap();
        assert_eq!(file_kind(&p).unwrap(), FileKind::Missing);
        std::fs::write(&p, b"short").unwrap();
        assert_eq!(file_kind(&p).unwrap(), FileKind::Plaintext);
        std::fs::write(&p, [7u8; 32]).unwrap();
        assert_eq!(file_kind(&p).unwrap(), FileKind::Encrypted([7u8; 16]));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever a file holds, a keyed open answers "wrong key" or an
        /// error; it never panics and never writes to the file.
        #[test]
        fn any_file_opened_with_a_key_is_refused_cleanly(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..9000)) {
            static KEY: std::sync::OnceLock<Key> = std::sync::OnceLock::new();
            let key = KEY.get_or_init(|| Key::derive("a passphrase", [9; 16]).unwrap());
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("any.db");
            std::fs::write(&path, &bytes).unwrap();
            let kind = file_kind(&path).unwrap();
            proptest::prop_assert_eq!(
                matches!(kind, FileKind::Encrypted(_)),
                bytes.len() >= SALT_LEN && &bytes[..SALT_LEN] != PLAINTEXT_HEADER
            );
            if !bytes.is_empty() {
                let opened = open_raw(&path, Some(key), OpenFlags::SQLITE_OPEN_READ_WRITE);
                proptest::prop_assert!(opened.is_err());
                proptest::prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
            }
        }
    }

    #[test]
    fn keys_differ_by_passphrase_and_salt_and_never_print() {
        let a = Key::derive("one passphrase", [1; 16]).unwrap();
        let b = Key::derive("one passphrase", [2; 16]).unwrap();
        let c = Key::derive("another one", [1; 16]).unwrap();
        assert_ne!(a.literal(), b.literal());
        assert_ne!(a.literal(), c.literal());
        assert_eq!(
            a.literal(),
            Key::derive("one passphrase", [1; 16]).unwrap().literal()
        );
        assert_eq!(format!("{a:?}"), "Key(…)");
    }
}
