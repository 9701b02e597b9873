//! Encryption at rest for a data folder: turn it on, change the
//! passphrase, turn it off.
//!
//! Each is one rewrite of the database into a new file next to it
//! (`thaw.db.rewriting`), checked, then renamed over the old one, so a
//! crash leaves either the old database or the new one, whole. It holds
//! the data folder's lock alone (refused while `thaw serve` or another
//! command has the folder open), and first folds the write-ahead log into
//! the database file and empties it, so no log of the old file is left
//! beside the new one. The old file's bytes are overwritten with zeros
//! afterwards (best effort: a copy-on-write or flash file system may keep
//! old blocks elsewhere). The key scheme itself is in `thaw_store::cipher`.

use std::fs::{self, File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use thaw_core::InputError;
use thaw_store::{FileKind, FolderLock, Key, StoreError};

use crate::backup::KEPT_PREFIX;
use crate::{AppError, DataDir};

/// The shortest passphrase accepted when encryption is turned on.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// What turning encryption on did.
#[derive(Debug, Clone)]
pub struct Encrypted {
    pub checkins: i64,
    /// Databases kept by earlier restores, now encrypted too.
    pub kept_encrypted: usize,
    /// Backups made earlier with `thaw backup`: they stay as they were
    /// (plaintext), and the person is told where they are.
    pub plaintext_backups: Vec<PathBuf>,
}

/// Checks a new passphrase: long enough, not only spaces.
pub fn check_new_passphrase(passphrase: &str) -> Result<(), InputError> {
    if passphrase.trim().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(InputError::new(
            "passphrase",
            "(hidden)",
            format!(
                "a passphrase of at least {MIN_PASSPHRASE_CHARS} characters (a few words you will remember work well)"
            ),
        ));
    }
    Ok(())
}

fn io(what: String) -> impl FnOnce(std::io::Error) -> AppError {
    move |source| AppError::Io { what, source }
}

impl DataDir {
    /// Turns encryption on with `passphrase`; a new folder starts
    /// encrypted. Refused if it already is.
    pub fn encrypt(&self, passphrase: &str) -> Result<Encrypted, AppError> {
        check_new_passphrase(passphrase)?;
        if self.is_encrypted()? {
            return Err(AppError::Refused(format!(
                "the data folder {} is already encrypted; nothing was changed (to change the passphrase: thaw encrypt --change)",
                self.root().display()
            )));
        }
        let key = Key::generate(passphrase)?;
        self.create()?;
        let alone = self.lock_alone()?;
        if self.is_encrypted()? {
            return Err(AppError::Refused(format!(
                "the data folder {} was encrypted meanwhile; nothing was changed",
                self.root().display()
            )));
        }
        let checkins = self.rewrite(&alone, None, Some(&key))?;
        let mut kept_encrypted = 0;
        for kept in self.kept_copies()? {
            if thaw_store::cipher::file_kind(&kept)
                .map_err(io(format!("could not read {}", kept.display())))?
                == FileKind::Plaintext
            {
                replace_file(&kept, |to| {
                    thaw_store::cipher::reencrypt(
                        &kept,
                        None,
                        to,
                        Some(&Key::generate(passphrase)?),
                    )?;
                    Ok(())
                })?;
                // Its log, if it had one, was read into the new file.
                remove_log(&kept);
                kept_encrypted += 1;
            }
        }
        let plaintext_backups = self
            .made_backups()
            .into_iter()
            .filter(|p| matches!(thaw_store::cipher::file_kind(p), Ok(FileKind::Plaintext)))
            .collect();
        Ok(Encrypted {
            checkins,
            kept_encrypted,
            plaintext_backups,
        })
    }

    /// Re-encrypts with `new_passphrase` (the current one comes from the
    /// passphrase source).
    pub fn change_passphrase(&self, new_passphrase: &str) -> Result<i64, AppError> {
        check_new_passphrase(new_passphrase)?;
        let Some(old) = self.current_key()? else {
            return Err(not_encrypted(self));
        };
        let new = Key::generate(new_passphrase)?;
        let alone = self.lock_still_keyed(&old)?;
        self.rewrite(&alone, Some(&old), Some(&new))
    }

    /// Turns encryption off (the passphrase comes from the source).
    pub fn decrypt(&self) -> Result<i64, AppError> {
        let Some(old) = self.current_key()? else {
            return Err(not_encrypted(self));
        };
        let alone = self.lock_still_keyed(&old)?;
        self.rewrite(&alone, Some(&old), None)
    }

    /// The folder's lock alone, once the database is still the one `key`
    /// (from before the lock was taken) opens.
    fn lock_still_keyed(&self, key: &Key) -> Result<FolderLock, AppError> {
        let alone = self.lock_alone()?;
        if self.db_kind()? != FileKind::Encrypted(key.salt()) {
            return Err(AppError::Refused(format!(
                "the database in {} was changed meanwhile; nothing was changed, try again",
                self.root().display()
            )));
        }
        Ok(alone)
    }

    /// Rewrites the database from `from` (its current key) to `to`, and
    /// returns how many check-ins it holds. Runs holding the folder's
    /// lock alone.
    fn rewrite(
        &self,
        _alone: &FolderLock,
        from: Option<&Key>,
        to: Option<&Key>,
    ) -> Result<i64, AppError> {
        let db = self.db_path();
        let in_use = || {
            AppError::Refused(format!(
                "Thaw is still using {} (is `thaw serve` running?); stop it and try again. Nothing was changed",
                db.display()
            ))
        };
        // Opening brings the schema up to date (and makes a new folder's
        // database). The log is folded into the file and emptied, so the
        // file alone holds everything and the old log can go.
        let checkins = {
            let store = self.open_store(from.cloned())?;
            let owner = store.local_person()?;
            let checkins = store.count_checkins(owner)?;
            store.checkpoint().map_err(|e| match e {
                StoreError::Busy(_) => in_use(),
                other => other.into(),
            })?;
            checkins
        };
        let wal = PathBuf::from(format!("{}-wal", db.display()));
        if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(in_use());
        }
        let written = replace_file(&db, |tmp| {
            thaw_store::cipher::reencrypt(&db, from, tmp, to)?;
            let info = thaw_store::verify_database(tmp, to)?;
            if u64::try_from(info.checkins).ok() != Some(checkins) {
                return Err(AppError::Refused(format!(
                    "the rewritten database held {} check-ins instead of {checkins}; nothing was changed",
                    info.checkins
                )));
            }
            Ok(info.checkins)
        })?;
        // The old file's (empty) log and its index must not meet the new
        // file.
        remove_log(&db);
        Ok(written)
    }

    /// Databases kept beside the current one by earlier restores.
    fn kept_copies(&self) -> Result<Vec<PathBuf>, AppError> {
        let entries = match fs::read_dir(self.root()) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(format!("could not read {}", self.root().display()))(e)),
        };
        let mut kept: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with(KEPT_PREFIX) && !n.ends_with("-wal") && !n.ends_with("-shm")
                })
            })
            .collect();
        kept.sort();
        Ok(kept)
    }
}

/// Removes the write-ahead log and its index beside the database `db`.
fn remove_log(db: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

fn not_encrypted(dir: &DataDir) -> AppError {
    AppError::Refused(format!(
        "the data folder {} is not encrypted; nothing was changed (to turn encryption on: thaw encrypt)",
        dir.root().display()
    ))
}

/// Writes a replacement for `path` with `write` (into a new file beside
/// it), makes it durable, renames it over `path`, then overwrites the old
/// file's bytes with zeros. A failure before the rename leaves `path`
/// untouched.
fn replace_file<T>(
    path: &Path,
    write: impl FnOnce(&Path) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let tmp = PathBuf::from(format!("{}.rewriting", path.display()));
    let cleanup = |tmp: &Path| {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = fs::remove_file(format!("{}{suffix}", tmp.display()));
        }
    };
    cleanup(&tmp);
    let result = write(&tmp).and_then(|value| {
        crate::backup::private_file(&tmp)
            .and_then(|()| File::open(&tmp)?.sync_all())
            .map_err(io(format!("could not write {}", tmp.display())))?;
        Ok(value)
    });
    let value = match result {
        Ok(v) => v,
        Err(e) => {
            cleanup(&tmp);
            return Err(e);
        }
    };
    // Held open across the rename, so the old bytes can still be reached.
    let old = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(io(format!("could not open {}", path.display())))?;
    fs::rename(&tmp, path).map_err(io(format!("could not put {} in place", path.display())))?;
    if let Some(parent) = path.parent() {
        File::open(parent)
            .and_then(|d| d.sync_all())
            .map_err(io(format!("could not save {}", parent.display())))?;
    }
    cleanup(&tmp);
    // Best effort: the new file is already in place.
    let _ = wipe(old);
    Ok(value)
}

fn wipe(mut file: File) -> std::io::Result<()> {
    let len = file.metadata()?.len();
    file.seek(SeekFrom::Start(0))?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use thaw_core::CheckinDraft;

    fn with(dir: &DataDir, passphrase: &'static str) -> DataDir {
        dir.clone()
            .with_passphrase(Arc::new(move |_| Some(passphrase.to_owned())))
    }

    fn checkin(dir: &DataDir, note: &str) {
        let thaw = dir.open().unwrap();
        let c = crate::prepare_checkin(
            &CheckinDraft {
                mood: Some("5".into()),
                note: Some(note.into()),
                ..Default::default()
            },
            None,
            thaw.settings(),
            &thaw_core::SystemClock,
        )
        .unwrap();
        thaw.save_checkin(&c).unwrap();
    }

    fn folder_contains(dir: &Path, needle: &str) -> bool {
        fs::read_dir(dir).unwrap().flatten().any(|e| {
            let bytes = fs::read(e.path()).unwrap_or_default();
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
    }

    #[test]
    fn an_existing_folder_is_encrypted_in_place_and_opens_only_with_its_passphrase() {
        let tmp = tempfile::tempdir().unwrap();
        let plain = DataDir::new(tmp.path().join("d"));
        checkin(&plain, "zebra-before");
        assert!(folder_contains(plain.root(), "zebra-before"));

        let done = plain.encrypt("correct horse battery").unwrap();
        assert_eq!(done.checkins, 1);
        assert!(plain.is_encrypted().unwrap());
        let right = with(&plain, "correct horse battery");
        checkin(&right, "zebra-after");
        drop(right.open().unwrap());
        assert!(
            !folder_contains(plain.root(), "zebra-"),
            "no note in any file"
        );
        assert_eq!(right.open().unwrap().count_checkins().unwrap(), 2);

        assert!(matches!(plain.open(), Err(AppError::Locked { .. })));
        let wrong = with(&plain, "wrong");
        assert!(matches!(
            wrong.open(),
            Err(AppError::WrongPassphrase { .. })
        ));
        assert!(matches!(
            right.encrypt("another passphrase"),
            Err(AppError::Refused(_))
        ));

        // Change the passphrase, then turn encryption off again.
        right.change_passphrase("a brand new passphrase").unwrap();
        assert!(matches!(
            right.open(),
            Err(AppError::WrongPassphrase { .. })
        ));
        let changed = with(&plain, "a brand new passphrase");
        assert_eq!(changed.decrypt().unwrap(), 2);
        assert!(!plain.is_encrypted().unwrap());
        assert_eq!(plain.open().unwrap().count_checkins().unwrap(), 2);
        assert!(matches!(plain.decrypt(), Err(AppError::Refused(_))));
    }

    #[test]
    fn a_new_folder_starts_encrypted_and_a_short_passphrase_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("new"));
        assert!(matches!(dir.encrypt("short"), Err(AppError::Input(_))));
        assert!(!dir.root().exists(), "nothing written");
        dir.encrypt("correct horse battery").unwrap();
        let head = fs::read(dir.db_path()).unwrap();
        assert!(!head.starts_with(b"SQLite format 3"));
        let dir = with(&dir, "correct horse battery");
        checkin(&dir, "zebra-secret-note");
        drop(dir.open().unwrap());
        assert!(!folder_contains(dir.root(), "zebra-secret-note"));
    }

    #[test]
    fn nothing_is_rewritten_while_thaw_has_the_folder_open() {
        let tmp = tempfile::tempdir().unwrap();
        let plain = DataDir::new(tmp.path().join("d"));
        checkin(&plain, "zebra-open");
        let serving = plain.open().unwrap();
        let err = plain.encrypt("correct horse battery").unwrap_err();
        assert!(
            matches!(&err, AppError::Refused(m) if m.contains("thaw serve")),
            "{err}"
        );
        assert!(!plain.is_encrypted().unwrap(), "nothing was changed");
        drop(serving);
        plain.encrypt("correct horse battery").unwrap();
        let right = with(&plain, "correct horse battery");
        let serving = right.open().unwrap();
        assert!(matches!(
            right.change_passphrase("a brand new passphrase"),
            Err(AppError::Refused(_))
        ));
        assert!(matches!(right.decrypt(), Err(AppError::Refused(_))));
        assert_eq!(serving.count_checkins().unwrap(), 1);
    }

    #[test]
    fn a_copy_kept_by_a_restore_is_encrypted_with_its_log() {
        let tmp = tempfile::tempdir().unwrap();
        let plain = DataDir::new(tmp.path().join("d"));
        checkin(&plain, "zebra-early");
        let file = tmp.path().join("b.thawbackup");
        plain.backup(&file).unwrap();
        // Only in the database's log when the restore keeps it aside.
        checkin(&plain, "zebra-late");
        let kept = plain
            .restore(&file, jiff::Timestamp::now())
            .unwrap()
            .kept
            .unwrap();
        assert!(folder_contains(plain.root(), "zebra-late"));

        let done = plain.encrypt("correct horse battery").unwrap();
        assert_eq!((done.checkins, done.kept_encrypted), (1, 1));
        assert!(
            !folder_contains(plain.root(), "zebra-"),
            "no note in any file"
        );
        let again = Key::derive(
            "correct horse battery",
            match thaw_store::cipher::file_kind(&kept).unwrap() {
                FileKind::Encrypted(salt) => salt,
                other => panic!("{other:?}"),
            },
        )
        .unwrap();
        let store = thaw_store::Store::open_sqlite_encrypted(&kept, again).unwrap();
        let me = store.local_person().unwrap();
        assert_eq!(store.count_checkins(me).unwrap(), 2, "the log came along");
    }

    #[test]
    fn backups_of_an_encrypted_folder_restore_with_the_passphrase() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("d"));
        dir.encrypt("correct horse battery").unwrap();
        let dir = with(&dir, "correct horse battery");
        checkin(&dir, "zebra-one");
        let file = tmp.path().join("b.thawbackup");
        dir.backup(&file).unwrap();
        assert!(!fs::read(&file).unwrap().windows(5).any(|w| w == b"zebra"));
        dir.forget(false).unwrap();
        let wrong = with(&DataDir::new(dir.root()), "wrong passphrase");
        assert!(matches!(
            wrong.restore(&file, jiff::Timestamp::now()),
            Err(AppError::WrongPassphrase { .. })
        ));
        assert_eq!(
            dir.restore(&file, jiff::Timestamp::now()).unwrap().checkins,
            1
        );
        assert!(dir.is_encrypted().unwrap());
        assert_eq!(dir.open().unwrap().count_checkins().unwrap(), 1);
    }
}
