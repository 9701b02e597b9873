//! Backup, restore and forget: the data folder as a whole.
//!
//! - `backup` writes one file (a consistent SQLite copy with the settings
//!   inside) while the web app may keep writing; it never overwrites.
//! - `restore` checks a backup completely before touching anything, then
//!   keeps the current database beside it (`thaw.db.before-restore-…`)
//!   and puts the backup in its place.
//! - `forget` deletes everything Thaw keeps in the folder, and on request
//!   the backups it made.
//!
//! Restore and forget replace or delete the database file, so they hold
//! the data folder's lock alone and refuse while any Thaw (`thaw serve`,
//! say) has the folder open. The database's write-ahead log and its index
//! (`thaw.db-wal`, `thaw.db-shm`) stay between commands and hold
//! committed data: they move or go together with the database.

use std::fs;
use std::path::{Path, PathBuf};

use thaw_core::InputError;
use thaw_store::{FileKind, Key, StoreError};

use crate::data_dir::LOCK_FILE;
use crate::{AppError, DataDir};

const BACKUP_LIST: &str = "backups.txt";
pub(crate) const KEPT_PREFIX: &str = "thaw.db.before-restore-";

/// What a backup wrote.
#[derive(Debug, Clone)]
pub struct Backup {
    pub path: PathBuf,
    pub checkins: i64,
    /// Encrypted with the folder's passphrase.
    pub encrypted: bool,
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    pub checkins: i64,
    /// Where the database that was replaced is kept, if there was one.
    pub kept: Option<PathBuf>,
    /// Whether the restored database is encrypted (a backup keeps the
    /// encryption of the folder it was made from).
    pub encrypted: bool,
    /// Whether the database it replaced was.
    pub was_encrypted: bool,
}

fn io(what: String) -> impl FnOnce(std::io::Error) -> AppError {
    move |source| AppError::Io { what, source }
}

pub(crate) fn private_file(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    let _ = path;
    Ok(())
}

impl DataDir {
    /// Writes a backup of everything to `to`, which must not exist yet.
    pub fn backup(&self, to: &Path) -> Result<Backup, AppError> {
        if to.exists() {
            return Err(InputError::new(
                "file",
                to.display().to_string(),
                "a file name that does not exist yet (a backup never overwrites)",
            )
            .into());
        }
        let to = std::path::absolute(to).unwrap_or_else(|_| to.to_path_buf());
        let thaw = self.open()?;
        let settings = match fs::read_to_string(self.config_path()) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(io(format!(
                    "could not read {}",
                    self.config_path().display()
                ))(e));
            }
        };
        thaw.store().backup_to(&to, settings.as_deref())?;
        private_file(&to).map_err(io(format!("could not protect {}", to.display())))?;
        let info = thaw_store::verify_database(&to, thaw.store().key())?;
        let list = self.root().join(BACKUP_LIST);
        let mut known = fs::read_to_string(&list).unwrap_or_default();
        known.push_str(&format!("{}\n", to.display()));
        fs::write(&list, known).map_err(io(format!("could not write {}", list.display())))?;
        Ok(Backup {
            path: to,
            checkins: info.checkins,
            encrypted: thaw.store().is_encrypted(),
        })
    }

    /// Replaces the database with the backup at `from`, after checking it
    /// completely; the current database is kept beside it.
    pub fn restore(&self, from: &Path, now: jiff::Timestamp) -> Result<Restored, AppError> {
        let kind = thaw_store::cipher::file_kind(from)
            .map_err(io(format!("could not read {}", from.display())))?;
        let key = match kind {
            FileKind::Encrypted(salt) => Some(Key::derive(&self.passphrase(from)?, salt)?),
            FileKind::Missing | FileKind::Plaintext => None,
        };
        let was_encrypted = self.is_encrypted()?;
        let info = thaw_store::verify_database(from, key.as_ref()).map_err(|e| match e {
            StoreError::NewerSchema { .. } => AppError::Store(e),
            StoreError::WrongKey => AppError::WrongPassphrase {
                what: format!("the backup {}", from.display()),
            },
            other => {
                let why = match other {
                    StoreError::Corrupt(m) | StoreError::Open(m) => m,
                    e => e.to_string(),
                };
                AppError::Input(InputError::new(
                    "file",
                    from.display().to_string(),
                    format!("a file written by `thaw backup` ({why})"),
                ))
            }
        })?;
        let root = self.root();
        fs::create_dir_all(root).map_err(io(format!("could not create {}", root.display())))?;
        let _alone = self.lock_alone()?;
        let staging = root.join("thaw.db.restoring");
        let remove_staging = || {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = fs::remove_file(format!("{}{suffix}", staging.display()));
            }
        };
        // Also the log of a restore that was cut short.
        remove_staging();
        if let Err(e) = stage(from, &staging, key.as_ref()) {
            remove_staging();
            return Err(e);
        }
        let db = self.db_path();
        let kept = if db.exists() {
            let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
            let kept = root.join(format!("{KEPT_PREFIX}{stamp}"));
            // The database with its log: committed check-ins may still be
            // only in the log.
            for suffix in ["", "-wal", "-shm"] {
                let old = PathBuf::from(format!("{}{suffix}", db.display()));
                if old.exists() {
                    let new = PathBuf::from(format!("{}{suffix}", kept.display()));
                    fs::rename(&old, &new)
                        .map_err(io(format!("could not keep {}", old.display())))?;
                }
            }
            Some(kept)
        } else {
            None
        };
        fs::rename(&staging, &db)
            .map_err(io(format!("could not put {} in place", db.display())))?;
        // Its log was emptied by the checkpoint.
        remove_staging();
        if let Some(text) = info.settings {
            let path = self.config_path();
            let tmp = root.join("config.toml.restoring");
            fs::write(&tmp, text).map_err(io(format!("could not write {}", tmp.display())))?;
            fs::rename(&tmp, &path).map_err(io(format!("could not write {}", path.display())))?;
            // A settings file that no longer reads is reported, not kept silently.
            self.load_settings()?;
        }
        Ok(Restored {
            checkins: info.checkins,
            kept,
            encrypted: key.is_some(),
            was_encrypted,
        })
    }

    /// Everything `forget` would delete: the database and its journal
    /// files, the settings, the lock file, databases kept by restores;
    /// with `backups`, the backup files Thaw made and their list.
    pub fn forget_list(&self, backups: bool) -> Vec<PathBuf> {
        let root = self.root();
        // The list of backups stays while the backups do, so a later
        // `forget --backups` still finds them.
        let list_too = if backups { Some(BACKUP_LIST) } else { None };
        let mut files: Vec<PathBuf> = [
            "thaw.db",
            "thaw.db-wal",
            "thaw.db-shm",
            "config.toml",
            LOCK_FILE,
        ]
        .into_iter()
        .chain(list_too)
        .map(|f| root.join(f))
        .filter(|p| p.exists())
        .collect();
        if let Ok(entries) = fs::read_dir(root) {
            let mut kept: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(KEPT_PREFIX))
                })
                .collect();
            kept.sort();
            files.extend(kept);
        }
        if backups {
            for p in self.made_backups() {
                if !files.contains(&p) {
                    files.push(p);
                }
            }
        }
        files
    }

    /// The backup files `thaw backup` made that are still there.
    pub fn made_backups(&self) -> Vec<PathBuf> {
        let list = fs::read_to_string(self.root().join(BACKUP_LIST)).unwrap_or_default();
        list.lines()
            .map(PathBuf::from)
            .filter(|p| p.is_file())
            .collect()
    }

    /// Deletes what [`DataDir::forget_list`] names, and the folder when it
    /// is left empty.
    pub fn forget(&self, backups: bool) -> Result<Vec<PathBuf>, AppError> {
        if !self.root().is_dir() {
            return Ok(Vec::new());
        }
        let alone = self.lock_alone()?;
        let files = self.forget_list(backups);
        let lock = self.lock_path();
        for f in files.iter().filter(|f| **f != lock) {
            fs::remove_file(f).map_err(io(format!("could not delete {}", f.display())))?;
        }
        // Unix deletes the lock file while it is held (anyone waiting for
        // it then locks a new one); Windows only once it is let go.
        #[cfg(unix)]
        let _ = fs::remove_file(&lock);
        drop(alone);
        #[cfg(not(unix))]
        let _ = fs::remove_file(&lock);
        // Only an empty folder goes; anything else in it was not Thaw's.
        let _ = fs::remove_dir(self.root());
        Ok(files)
    }
}

/// Copies the backup `from` to `staging` and makes it a database of this
/// version, all of it in the one file.
fn stage(from: &Path, staging: &Path, key: Option<&Key>) -> Result<(), AppError> {
    fs::copy(from, staging).map_err(io(format!("could not copy {}", from.display())))?;
    private_file(staging).map_err(io(format!("could not protect {}", staging.display())))?;
    thaw_store::unwrap_backup(staging, key)?;
    // Opening brings an older backup up to this version's schema; the
    // checkpoint puts all of it in the file, not in its log.
    let store = match key {
        Some(key) => thaw_store::Store::open_sqlite_encrypted(staging, key.clone())?,
        None => thaw_store::Store::open_sqlite(staging)?,
    };
    store.checkpoint()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::CheckinDraft;

    fn checkin(dir: &DataDir, mood: &str) {
        let thaw = dir.open().unwrap();
        let c = crate::prepare_checkin(
            &CheckinDraft {
                mood: Some(mood.into()),
                ..Default::default()
            },
            None,
            thaw.settings(),
            &thaw_core::SystemClock,
        )
        .unwrap();
        thaw.save_checkin(&c).unwrap();
    }

    #[test]
    fn backup_forget_restore_gives_everything_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        let mut settings = thaw_core::Settings::default();
        settings.set("timezone", "Europe/Berlin").unwrap();
        dir.save_settings(&settings).unwrap();
        checkin(&dir, "4");
        let file = tmp.path().join("my.backup");
        assert_eq!(dir.backup(&file).unwrap().checkins, 1);
        assert!(dir.backup(&file).is_err(), "never overwrites");

        let gone = dir.forget(true).unwrap();
        assert!(
            gone.contains(&file),
            "asked to, it deletes the backups it made"
        );
        assert!(!dir.root().exists());

        let file = tmp.path().join("second.backup");
        checkin(&dir, "5");
        dir.save_settings(&settings).unwrap();
        dir.backup(&file).unwrap();
        dir.forget(false).unwrap();
        assert!(file.exists(), "backups stay unless asked");
        checkin(&dir, "9");
        let restored = dir.restore(&file, jiff::Timestamp::now()).unwrap();
        assert_eq!(restored.checkins, 1);
        assert!(restored.kept.as_ref().is_some_and(|k| k.exists()));
        let thaw = dir.open().unwrap();
        assert_eq!(thaw.count_checkins().unwrap(), 1);
        assert_eq!(
            thaw.settings().get("timezone").unwrap(),
            Some("Europe/Berlin")
        );
    }

    #[test]
    fn restore_keeps_the_database_with_its_log_and_forget_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        checkin(&dir, "4");
        let file = tmp.path().join("my.backup");
        dir.backup(&file).unwrap();
        checkin(&dir, "5");
        checkin(&dir, "6");
        assert!(
            fs::metadata(dir.root().join("thaw.db-wal")).unwrap().len() > 0,
            "the last check-ins are in the log"
        );

        let serving = dir.open().unwrap();
        let refused = dir.restore(&file, jiff::Timestamp::now()).unwrap_err();
        assert!(
            matches!(&refused, AppError::Refused(m) if m.contains("thaw serve")),
            "{refused}"
        );
        assert!(matches!(dir.forget(false), Err(AppError::Refused(_))));
        assert_eq!(serving.count_checkins().unwrap(), 3, "nothing changed");
        drop(serving);

        let restored = dir.restore(&file, jiff::Timestamp::now()).unwrap();
        let kept = restored.kept.unwrap();
        let old = thaw_store::Store::open_sqlite(&kept).unwrap();
        assert_eq!(old.count_checkins(old.local_person().unwrap()).unwrap(), 3);
        drop(old);
        let names: Vec<String> = fs::read_dir(dir.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.contains("restoring")),
            "no staging file left: {names:?}"
        );
        assert_eq!(dir.open().unwrap().count_checkins().unwrap(), 1);

        let gone = dir.forget(true).unwrap();
        assert!(gone.contains(&dir.lock_path()), "{gone:?}");
        assert!(!dir.root().exists(), "nothing left");
    }

    #[test]
    fn a_broken_backup_is_refused_and_nothing_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        checkin(&dir, "4");
        let junk = tmp.path().join("junk");
        fs::write(&junk, "SQLite format 3\0 but not really").unwrap();
        let err = dir.restore(&junk, jiff::Timestamp::now()).unwrap_err();
        assert!(
            matches!(err, AppError::Input(ref e) if e.field == "file"),
            "{err}"
        );
        assert_eq!(dir.open().unwrap().count_checkins().unwrap(), 1);
    }
}
