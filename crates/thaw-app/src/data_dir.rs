//! The data folder: where a person's Thaw lives on their machine.
//!
//! ```text
//! <data folder>/
//!   thaw.db        the SQLite database (plus thaw.db-wal, thaw.db-shm)
//!   config.toml    settings (`thaw config set …`)
//!   thaw.lock      empty; its lock says who is using the folder
//! ```
//! Every open [`Thaw`] holds the folder's lock shared; what replaces the
//! database file (encryption, restore, forget) takes it alone and refuses
//! while anyone else holds it (`thaw serve` running, say).
//! Chosen by `--data-dir`, else `THAW_DATA_DIR`, else the platform's user
//! data folder (`~/.local/share/thaw` on Linux). Created on first use,
//! readable by its owner only.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use thaw_core::Settings;
use thaw_store::{FileKind, FolderLock, Key, Store, StoreError};

use crate::{AppError, Thaw};

/// Asked for the passphrase of an encrypted data folder (or backup) when
/// one must be opened; `None` when there is no way to get one. The
/// command line reads `THAW_PASSPHRASE` or prompts.
pub type PassphraseSource = Arc<dyn Fn(&Path) -> Option<String> + Send + Sync>;

const DB_FILE: &str = "thaw.db";
const CONFIG_FILE: &str = "config.toml";
pub(crate) const LOCK_FILE: &str = "thaw.lock";
/// How long opening waits for an encryption, restore or forget that is
/// replacing the database (they take seconds).
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// A data folder (which may not exist yet).
#[derive(Clone)]
pub struct DataDir {
    root: PathBuf,
    passphrase: Option<PassphraseSource>,
}

impl std::fmt::Debug for DataDir {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataDir")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl DataDir {
    /// A data folder at `root` (made absolute, so messages show where).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let root = std::path::absolute(&root).unwrap_or(root);
        Self {
            root,
            passphrase: None,
        }
    }

    /// Where the passphrase comes from if the folder is encrypted.
    pub fn with_passphrase(mut self, source: PassphraseSource) -> Self {
        self.passphrase = Some(source);
        self
    }

    /// Asks the passphrase source for the passphrase of `what`.
    pub(crate) fn passphrase(&self, what: &Path) -> Result<String, AppError> {
        self.passphrase
            .as_ref()
            .and_then(|ask| ask(what))
            .ok_or_else(|| AppError::Locked {
                folder: self.root.display().to_string(),
            })
    }

    /// True when the database is encrypted (`thaw encrypt`).
    pub fn is_encrypted(&self) -> Result<bool, AppError> {
        Ok(matches!(self.db_kind()?, FileKind::Encrypted(_)))
    }

    pub(crate) fn db_kind(&self) -> Result<FileKind, AppError> {
        let db = self.db_path();
        thaw_store::cipher::file_kind(&db)
            .map_err(|e| io_error(format!("could not read {}", db.display()), e))
    }

    /// The key that opens the database, if it is encrypted.
    pub(crate) fn current_key(&self) -> Result<Option<Key>, AppError> {
        match self.db_kind()? {
            FileKind::Encrypted(salt) => {
                let passphrase = zeroize::Zeroizing::new(self.passphrase(&self.root)?);
                Ok(Some(Key::derive(&passphrase, salt)?))
            }
            FileKind::Missing | FileKind::Plaintext => Ok(None),
        }
    }

    /// The folder from `--data-dir`, else `THAW_DATA_DIR`, else the
    /// platform default.
    pub fn resolve(flag: Option<&Path>) -> Result<Self, AppError> {
        if let Some(dir) = flag {
            return Ok(Self::new(dir));
        }
        if let Some(dir) = std::env::var_os("THAW_DATA_DIR").filter(|d| !d.is_empty()) {
            return Ok(Self::new(PathBuf::from(dir)));
        }
        match dirs::data_dir() {
            Some(base) => Ok(Self::new(base.join("thaw"))),
            None => Err(AppError::Io {
                what: "could not find your data folder; pass --data-dir DIR or set THAW_DATA_DIR"
                    .into(),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            }),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }

    pub fn lock_path(&self) -> PathBuf {
        self.root.join(LOCK_FILE)
    }

    /// Takes the folder's lock alone, for what replaces the database
    /// file; refused while any Thaw has the folder open. The folder must
    /// exist.
    pub(crate) fn lock_alone(&self) -> Result<FolderLock, AppError> {
        FolderLock::try_exclusive(&self.lock_path())?.ok_or_else(|| {
            AppError::Refused(format!(
                "Thaw is still using the data folder {} (is `thaw serve` running?); stop it and try again. Nothing was changed",
                self.root.display()
            ))
        })
    }

    /// Takes the folder's lock shared, waiting while an encryption,
    /// restore or forget finishes.
    fn lock_shared(&self) -> Result<FolderLock, AppError> {
        FolderLock::shared(&self.lock_path(), LOCK_WAIT).map_err(|e| match e {
            StoreError::Busy(_) => AppError::Refused(format!(
                "the data folder {} is being changed (encrypted, restored or forgotten) and that did not finish in {} seconds; try again",
                self.root.display(),
                LOCK_WAIT.as_secs()
            )),
            other => other.into(),
        })
    }

    /// True before the first thing was ever stored here.
    pub fn is_new(&self) -> bool {
        !self.db_path().exists()
    }

    /// The settings; defaults when there is no file yet. Reads only.
    pub fn load_settings(&self) -> Result<Settings, AppError> {
        let path = self.config_path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(e) => return Err(io_error(format!("could not read {}", path.display()), e)),
        };
        parse_settings(&text, &path.display().to_string())
    }

    /// Writes the settings atomically (a crash leaves the old or the new
    /// file, never half of one).
    pub fn save_settings(&self, settings: &Settings) -> Result<(), AppError> {
        self.create()?;
        let text = toml::to_string(settings).map_err(|e| AppError::Settings {
            path: self.config_path().display().to_string(),
            message: e.to_string(),
        })?;
        let header = crate::words::SETTINGS_HEADER;
        let tmp = self.root.join(format!("{CONFIG_FILE}.tmp"));
        let write = || -> std::io::Result<()> {
            let mut file = fs::File::create(&tmp)?;
            file.write_all(header.as_bytes())?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            fs::rename(&tmp, self.config_path())?;
            fs::File::open(&self.root)?.sync_all()
        };
        write().map_err(|e| {
            io_error(
                format!("could not save {}", self.config_path().display()),
                e,
            )
        })
    }

    /// Creates the folder (owner-only) if needed.
    pub(crate) fn create(&self) -> Result<(), AppError> {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&self.root).map_err(|e| {
            io_error(
                format!("could not create the data folder {}", self.root.display()),
                e,
            )
        })
    }

    /// Opens the database (creating folder and database on first use) for
    /// the one local person.
    pub fn open(&self) -> Result<Thaw, AppError> {
        self.create()?;
        // Before anything is read: an encryption or restore that finishes
        // meanwhile changes the key, the database and the settings.
        let lock = self.lock_shared()?;
        let settings = self.load_settings()?;
        let db = self.db_path();
        if !db.exists() {
            // Created owner-only before SQLite sees it; its -wal and -shm
            // files take the same permissions.
            let mut options = fs::OpenOptions::new();
            options.write(true).create(true).truncate(false);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            options
                .open(&db)
                .map_err(|e| io_error(format!("could not create {}", db.display()), e))?;
        }
        let store = self.open_store(self.current_key()?)?;
        let owner = store.local_person()?;
        let mut thaw = Thaw::new(store, owner, settings);
        thaw.folder_lock = Some(lock);
        Ok(thaw)
    }

    /// Opens the database file with `key` (plaintext when `None`).
    pub(crate) fn open_store(&self, key: Option<Key>) -> Result<Store, AppError> {
        let db = self.db_path();
        let opened = match key {
            Some(key) => Store::open_sqlite_encrypted(&db, key),
            None => Store::open_sqlite(&db),
        };
        opened.map_err(|e| match e {
            StoreError::WrongKey => AppError::WrongPassphrase {
                what: format!("the data folder {}", self.root.display()),
            },
            other => other.into(),
        })
    }
}

/// Reads settings from a settings file's text, checked as `thaw config
/// set` would check them; `origin` names where the text came from.
pub fn parse_settings(text: &str, origin: &str) -> Result<Settings, AppError> {
    let settings: Settings = toml::from_str(text).map_err(|e| AppError::Settings {
        path: origin.to_owned(),
        message: e.message().to_owned(),
    })?;
    // A hand-edited file is checked like `thaw config set` would.
    let mut checked = Settings::default();
    for key in thaw_core::settings::KEYS {
        if let Some(value) = settings.get(key.name)? {
            checked
                .set(key.name, value)
                .map_err(|e| AppError::Settings {
                    path: origin.to_owned(),
                    message: e.to_string(),
                })?;
        }
    }
    Ok(checked)
}

fn io_error(what: String, source: std::io::Error) -> AppError {
    AppError::Io { what, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_missing_file_is_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("d"));
        assert_eq!(data.load_settings().unwrap(), Settings::default());
        assert!(!data.root().exists(), "reading settings creates nothing");
        let mut s = Settings::default();
        s.set("timezone", "Asia/Tokyo").unwrap();
        data.save_settings(&s).unwrap();
        assert_eq!(data.load_settings().unwrap(), s);
    }

    #[test]
    fn a_broken_settings_file_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        fs::write(data.config_path(), "timezone = \"Mars/Base\"\n").unwrap();
        let err = data.load_settings().unwrap_err().to_string();
        assert!(
            err.contains("config.toml") && err.contains("delete it"),
            "{err}"
        );
        fs::write(data.config_path(), "timezone = [").unwrap();
        assert!(matches!(
            data.load_settings(),
            Err(AppError::Settings { .. })
        ));
    }

    #[test]
    fn an_open_thaw_holds_the_folder_lock_shared() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("d"));
        let one = data.open().unwrap();
        let two = data.open().unwrap();
        assert!(matches!(data.lock_alone(), Err(AppError::Refused(_))));
        drop(one);
        assert!(data.lock_alone().is_err(), "the other one still has it");
        drop(two);
        let alone = data.lock_alone().unwrap();
        drop(alone);
        assert_eq!(fs::metadata(data.lock_path()).unwrap().len(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn the_folder_and_database_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("d"));
        assert!(data.is_new());
        data.open().unwrap();
        assert!(!data.is_new());
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(data.root()), 0o700);
        assert_eq!(mode(&data.db_path()), 0o600);
        assert_eq!(mode(&data.lock_path()), 0o600);
    }
}
