//! `thaw doctor`: a look at the health of a data folder, each finding with
//! what to do about it.
//!
//! The doctor only reads: it never creates the folder, opens the database
//! for writing, runs a migration or takes a lock, so it is safe on a folder
//! that is damaged, half-restored or in use by `thaw serve`. It checks the
//! folder (present, owner-only), the settings file, the database (SQLite's
//! `integrity_check`, the schema version, whether it is encrypted), the
//! time zone, the country and the age of its crisis-line data, the free
//! disk space, and the backups.
//!
//! A finding is `ok`, a `note` (worth knowing, nothing is wrong) or a
//! `problem` (something to fix; the command exits 1).

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;
use thaw_store::{Backend, FileKind, Key, StoreError};

use crate::DataDir;
use crate::words::doctor as words;

/// Below this much free space a write may fail: a problem.
const LOW_DISK: u64 = 100 * 1024 * 1024;
/// Below this much free space backups may not fit: a note.
const SOME_DISK: u64 = 1024 * 1024 * 1024;
/// Crisis-line data older than this is worth checking again.
const CRISIS_DATA_DAYS: i32 = 365;
/// A backup older than this is worth renewing.
const BACKUP_DAYS: i64 = 30;

/// How a finding stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Note,
    Problem,
}

/// One thing the doctor looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What was checked: `folder`, `settings`, `database`, `schema`,
    /// `encryption`, `timezone`, `country`, `disk`, `backups`.
    pub check: &'static str,
    pub status: Status,
    /// What was found, in words.
    pub message: String,
    /// What to do, when there is something to do.
    pub fix: Option<String>,
}

/// Everything the doctor found.
#[derive(Debug, Clone, Serialize)]
pub struct Checkup {
    pub folder: String,
    /// False when any finding is a problem.
    pub healthy: bool,
    pub findings: Vec<Finding>,
}

fn finding(check: &'static str, status: Status, message: String, fix: Option<String>) -> Finding {
    Finding {
        check,
        status,
        message,
        fix,
    }
}

impl DataDir {
    /// Looks the folder over as of `today`. Reads only.
    pub fn doctor(&self, today: Date) -> Checkup {
        let mut findings = Vec::new();
        let root = self.root();
        if !root.is_dir() {
            findings.push(finding(
                "folder",
                Status::Note,
                words::no_folder(root.display()),
                Some(words::MADE_ON_FIRST_CHECKIN.into()),
            ));
        } else {
            findings.push(folder_permissions(root));
        }
        let settings = match self.load_settings() {
            Ok(s) => {
                findings.push(finding(
                    "settings",
                    Status::Ok,
                    words::SETTINGS_OK.into(),
                    None,
                ));
                Some(s)
            }
            Err(e) => {
                findings.push(finding(
                    "settings",
                    Status::Problem,
                    format!("{e}."),
                    Some(words::fix_settings(self.config_path().display())),
                ));
                None
            }
        };
        if root.is_dir() {
            findings.extend(self.database_findings());
        }
        let settings = settings.unwrap_or_default();
        findings.push(timezone_finding(&settings));
        findings.push(country_finding(&settings, today));
        if let Some(disk) = disk_finding(root) {
            findings.push(disk);
        }
        if self.db_path().exists() {
            findings.push(self.backups_finding(today));
        }
        Checkup {
            folder: root.display().to_string(),
            healthy: findings.iter().all(|f| f.status != Status::Problem),
            findings,
        }
    }

    fn database_findings(&self) -> Vec<Finding> {
        let db = self.db_path();
        let kind = match thaw_store::cipher::file_kind(&db) {
            Ok(kind) => kind,
            Err(e) => {
                return vec![finding(
                    "database",
                    Status::Problem,
                    words::unreadable(db.display(), &e),
                    Some(words::fix_unreadable(db.display())),
                )];
            }
        };
        let key = match kind {
            FileKind::Missing => {
                return vec![finding(
                    "database",
                    Status::Note,
                    words::NO_DATABASE.into(),
                    Some(words::MADE_ON_FIRST_CHECKIN.into()),
                )];
            }
            FileKind::Plaintext => None,
            FileKind::Encrypted(salt) => match self.passphrase(self.root()) {
                Ok(passphrase) => {
                    let passphrase = zeroize::Zeroizing::new(passphrase);
                    match Key::derive(&passphrase, salt) {
                        Ok(key) => Some(key),
                        Err(e) => return vec![database_problem(self, &e)],
                    }
                }
                Err(_) => {
                    return vec![
                        finding("encryption", Status::Ok, words::ENCRYPTED.into(), None),
                        finding(
                            "database",
                            Status::Note,
                            words::NEEDS_PASSPHRASE.into(),
                            Some(words::FIX_NEEDS_PASSPHRASE.into()),
                        ),
                    ];
                }
            },
        };
        let encryption = if key.is_some() {
            finding("encryption", Status::Ok, words::ENCRYPTED.into(), None)
        } else {
            finding(
                "encryption",
                Status::Note,
                words::NOT_ENCRYPTED.into(),
                Some(words::FIX_NOT_ENCRYPTED.into()),
            )
        };
        let latest = thaw_store::latest_schema(Backend::Sqlite);
        let mut out = match thaw_store::verify_database(&db, key.as_ref()) {
            Ok(info) => vec![
                finding("database", Status::Ok, words::whole(info.checkins), None),
                if info.schema_version == latest {
                    finding("schema", Status::Ok, words::schema_latest(latest), None)
                } else {
                    finding(
                        "schema",
                        Status::Note,
                        words::schema_older(info.schema_version, latest),
                        None,
                    )
                },
            ],
            Err(StoreError::NewerSchema { found, known }) => vec![finding(
                "schema",
                Status::Problem,
                words::schema_newer(found, known),
                Some(words::FIX_SCHEMA_NEWER.into()),
            )],
            Err(e) => vec![database_problem(self, &e)],
        };
        out.insert(0, encryption);
        out
    }

    fn backups_finding(&self, today: Date) -> Finding {
        let newest = self
            .made_backups()
            .into_iter()
            .filter_map(|p| {
                let modified = p.metadata().and_then(|m| m.modified()).ok()?;
                let at = jiff::Timestamp::try_from(modified).ok()?;
                Some((at, p))
            })
            .max_by_key(|(at, _)| *at);
        let fix = words::FIX_BACKUP.to_owned();
        match newest {
            None => finding("backups", Status::Note, words::NO_BACKUP.into(), Some(fix)),
            Some((at, path)) => {
                let zone = jiff::tz::TimeZone::UTC;
                let age = (today - at.to_zoned(zone).date()).get_days();
                if i64::from(age) > BACKUP_DAYS {
                    finding(
                        "backups",
                        Status::Note,
                        words::backup_old(path.display(), age),
                        Some(fix),
                    )
                } else {
                    finding(
                        "backups",
                        Status::Ok,
                        words::backup_ok(path.display()),
                        None,
                    )
                }
            }
        }
    }
}

/// The database can't be used: say so, and how to get the data back.
fn database_problem(dir: &DataDir, e: &StoreError) -> Finding {
    let db = dir.db_path();
    let message = match e {
        StoreError::WrongKey => words::WRONG_PASSPHRASE.to_owned(),
        other => words::damaged(db.display(), other),
    };
    let backup = dir.made_backups().into_iter().next_back();
    let fix = match (e, backup) {
        (StoreError::WrongKey, _) => words::FIX_WRONG_PASSPHRASE.to_owned(),
        (_, Some(backup)) => words::fix_restore(backup.display()),
        (_, None) => words::fix_no_backup(dir.root().display(), db.display()),
    };
    finding("database", Status::Problem, message, Some(fix))
}

fn folder_permissions(root: &Path) -> Finding {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = root
            .metadata()
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o700);
        if mode & 0o077 != 0 {
            return finding(
                "folder",
                Status::Problem,
                words::folder_open(root.display(), mode),
                Some(words::fix_folder_open(root.display())),
            );
        }
    }
    finding("folder", Status::Ok, words::folder_ok(root.display()), None)
}

fn timezone_finding(settings: &thaw_core::Settings) -> Finding {
    let fix = Some(words::FIX_TIMEZONE.into());
    match &settings.timezone {
        Some(zone) => finding("timezone", Status::Ok, words::timezone_set(zone), None),
        None => match settings.time_zone().iana_name() {
            Some(zone) if zone != "UTC" => {
                finding("timezone", Status::Ok, words::timezone_system(zone), None)
            }
            _ => finding(
                "timezone",
                Status::Note,
                words::TIMEZONE_UNKNOWN.into(),
                fix,
            ),
        },
    }
}

fn country_finding(settings: &thaw_core::Settings, today: Date) -> Finding {
    let Some(code) = settings.country.as_deref() else {
        return finding(
            "country",
            Status::Note,
            words::NO_COUNTRY.into(),
            Some(words::FIX_COUNTRY.into()),
        );
    };
    let directory = match thaw_core::crisis::directory() {
        Ok(d) => d,
        Err(e) => {
            return finding(
                "country",
                Status::Problem,
                words::crisis_data_broken(&e),
                Some(words::FIX_REINSTALL.into()),
            );
        }
    };
    let resources = thaw_core::crisis::for_country(&directory, Some(code));
    let Some(country) = resources.country else {
        return finding(
            "country",
            Status::Note,
            words::no_local_lines(code),
            Some(words::FIX_NO_LOCAL_LINES.into()),
        );
    };
    let oldest = country.lines.iter().map(|l| l.verified).min();
    match oldest {
        Some(verified) if (today - verified).get_days() > CRISIS_DATA_DAYS => finding(
            "country",
            Status::Note,
            words::crisis_data_old(&country.name, verified),
            Some(words::FIX_CRISIS_DATA_OLD.into()),
        ),
        Some(verified) => finding(
            "country",
            Status::Ok,
            words::crisis_data_ok(&country.name, verified),
            None,
        ),
        None => finding(
            "country",
            Status::Note,
            words::no_local_lines(&country.name),
            None,
        ),
    }
}

/// Free space where the data folder is (or would be); `None` where the
/// platform can't say.
fn disk_finding(root: &Path) -> Option<Finding> {
    #[cfg(unix)]
    {
        let existing = root.ancestors().find(|p| p.exists())?;
        let stats = rustix::fs::statvfs(existing).ok()?;
        let free = stats.f_bavail.saturating_mul(stats.f_frsize);
        let shown = human_bytes(free);
        let fix = Some(words::FIX_DISK.to_owned());
        Some(if free < LOW_DISK {
            finding("disk", Status::Problem, words::disk_low(&shown), fix)
        } else if free < SOME_DISK {
            finding("disk", Status::Note, words::disk_tight(&shown), fix)
        } else {
            finding("disk", Status::Ok, words::disk_ok(&shown), None)
        })
    }
    #[cfg(not(unix))]
    {
        let _ = root;
        None
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn today() -> Date {
        Date::constant(2026, 11, 26)
    }

    fn statuses(c: &Checkup) -> Vec<(&'static str, Status)> {
        c.findings.iter().map(|f| (f.check, f.status)).collect()
    }

    #[test]
    fn a_folder_that_does_not_exist_yet_is_fine_and_is_not_created() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("nothing-here"));
        let checkup = dir.doctor(today());
        assert!(checkup.healthy, "{checkup:#?}");
        assert!(!dir.root().exists());
    }

    #[test]
    fn a_healthy_folder_has_no_problems_and_is_left_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        drop(dir.open().unwrap());
        let before: Vec<_> = fs::read_dir(dir.root())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let checkup = dir.doctor(today());
        assert!(checkup.healthy, "{checkup:#?}");
        let found = statuses(&checkup);
        assert!(found.contains(&("database", Status::Ok)));
        assert!(found.contains(&("schema", Status::Ok)));
        assert!(found.contains(&("encryption", Status::Note)));
        let after: Vec<_> = fs::read_dir(dir.root())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(before, after);
    }

    #[test]
    fn a_truncated_database_is_a_problem_with_a_way_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        drop(dir.open().unwrap());
        let db = dir.db_path();
        let file = fs::OpenOptions::new().write(true).open(&db).unwrap();
        file.set_len(1000).unwrap();
        for journal in ["thaw.db-wal", "thaw.db-shm"] {
            let _ = fs::remove_file(dir.root().join(journal));
        }
        let checkup = dir.doctor(today());
        assert!(!checkup.healthy);
        let problem = checkup
            .findings
            .iter()
            .find(|f| f.status == Status::Problem)
            .unwrap();
        assert_eq!(problem.check, "database");
        assert!(problem.message.contains("damaged"), "{problem:?}");
        assert!(problem.fix.as_deref().unwrap().contains("thaw restore"));
    }

    #[test]
    fn a_folder_others_can_read_is_a_problem() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        drop(dir.open().unwrap());
        fs::set_permissions(dir.root(), fs::Permissions::from_mode(0o755)).unwrap();
        let checkup = dir.doctor(today());
        let folder = &checkup.findings[0];
        assert_eq!((folder.check, folder.status), ("folder", Status::Problem));
        assert!(
            folder
                .fix
                .as_deref()
                .unwrap()
                .starts_with("Make it yours alone: chmod 700")
        );
    }

    #[test]
    fn a_broken_settings_file_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("data"));
        drop(dir.open().unwrap());
        fs::write(dir.config_path(), "timezone = [").unwrap();
        let checkup = dir.doctor(today());
        assert!(statuses(&checkup).contains(&("settings", Status::Problem)));
    }

    #[test]
    fn old_crisis_data_and_an_unknown_country_are_notes() {
        let mut settings = thaw_core::Settings::default();
        settings.set("country", "GB").unwrap();
        assert_eq!(country_finding(&settings, today()).status, Status::Ok);
        let later = Date::constant(2029, 1, 1);
        let old = country_finding(&settings, later);
        assert_eq!(old.status, Status::Note);
        assert!(old.message.contains("over a year ago"), "{old:?}");
        assert_eq!(
            country_finding(&thaw_core::Settings::default(), today()).status,
            Status::Note
        );
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_bytes(512), "512 bytes");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024), "3.0 GiB");
    }
}
