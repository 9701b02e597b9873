//! Exports for other programs: FHIR R4 (for health records) and a folder
//! of CSV files (for spreadsheets). The formats are in `thaw_io::fhir` and
//! `thaw_io::csv_export`; this module loads the data and writes the files.
//!
//! The CSV folder is written carefully:
//! - a missing folder is created owner-only (0700 on Unix);
//! - an existing folder must be empty or an earlier Thaw CSV export (its
//!   `README.txt` starts with the marker line and it holds nothing but
//!   Thaw's files); anything else is refused with an input error on `out`,
//!   so an export never mixes with or overwrites someone's other files;
//! - each file is written owner-only (0600) to a hidden temporary file in
//!   the folder, flushed to disk, then renamed over its final name, so a
//!   file is either the old one or the complete new one, never half
//!   written, and a symlink in the folder is replaced, never followed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use thaw_core::InputError;
use thaw_io::{csv_export, fhir};

use crate::{AppError, Thaw};

/// What `out` accepts, in plain words.
const OUT_ALLOWED: &str =
    "choose a new or empty folder, or the folder of an earlier Thaw CSV export";

impl Thaw {
    /// Everything this person has measured as a FHIR R4 Bundle (JSON),
    /// with an anonymous Patient whose id is stable across exports.
    pub fn export_fhir(&self, now: Timestamp) -> Result<String, AppError> {
        let data = self.load_all()?;
        fhir::write_fhir(&data.everything(now), fhir::patient_id(self.owner.0)).map_err(|e| {
            AppError::Io {
                what: "could not write the FHIR export".into(),
                source: std::io::Error::other(e),
            }
        })
    }

    /// Writes the CSV tables into the folder `dir` (see the module notes
    /// for which folders are accepted) and returns the files written, in
    /// order, `README.txt` first.
    pub fn export_csv(&self, dir: &Path, now: Timestamp) -> Result<Vec<PathBuf>, AppError> {
        // The folder is checked before anything is loaded or written.
        prepare_folder(dir)?;
        let data = self.load_all()?;
        let files = csv_export::write_csv(&data.everything(now));
        let mut written = Vec::with_capacity(files.len());
        for (name, content) in files {
            let path = dir.join(&name);
            write_private(dir, &name, content.as_bytes())?;
            written.push(path);
        }
        Ok(written)
    }
}

/// Creates `dir` owner-only when it is missing; refuses a folder that
/// holds anything but an earlier Thaw CSV export.
fn prepare_folder(dir: &Path) -> Result<(), AppError> {
    let refuse = |why: String| InputError::new("out", dir.display().to_string(), why);
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut builder = fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            return builder.create(dir).map_err(|e| AppError::Io {
                what: format!("could not create the folder {}", dir.display()),
                source: e,
            });
        }
        Err(e) => {
            return Err(AppError::Io {
                what: format!("could not look at {}", dir.display()),
                source: e,
            });
        }
        Ok(_) => {}
    }
    // `metadata` follows a symlink to a folder, which is fine to write in.
    if !dir.is_dir() {
        return Err(refuse(format!("this is a file, not a folder; {OUT_ALLOWED}")).into());
    }
    let read_error = |e| AppError::Io {
        what: format!("could not read the folder {}", dir.display()),
        source: e,
    };
    let mut strangers = Vec::new();
    let mut any = false;
    for entry in fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        any = true;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map_err(read_error)?.is_file();
        if !(is_file && (csv_export::FILES.contains(&name.as_str()) || is_temp(&name))) {
            strangers.push(name);
        }
    }
    if !any {
        return Ok(());
    }
    if !strangers.is_empty() {
        strangers.sort();
        let shown: Vec<&str> = strangers.iter().take(3).map(String::as_str).collect();
        let more = if strangers.len() > 3 { ", …" } else { "" };
        return Err(refuse(format!(
            "it holds other files ({}{more}); {OUT_ALLOWED}",
            shown.join(", ")
        ))
        .into());
    }
    let readme = fs::read_to_string(dir.join(csv_export::README)).unwrap_or_default();
    let first = readme.trim_start_matches('\u{feff}').lines().next();
    if first.map(str::trim) != Some(csv_export::MARKER) {
        return Err(refuse(format!(
            "it holds files that are not from a Thaw CSV export; {OUT_ALLOWED}"
        ))
        .into());
    }
    Ok(())
}

/// The hidden temporary name a file is written under before its rename.
fn temp_name(name: &str) -> String {
    format!(".{name}.tmp")
}

/// True for a temporary file an interrupted export left behind.
fn is_temp(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
        .is_some_and(|n| csv_export::FILES.contains(&n))
}

/// Writes `content` to `dir/name` owner-only: to a fresh temporary file
/// first (never through an existing one or a symlink), then renamed.
fn write_private(dir: &Path, name: &str, content: &[u8]) -> Result<(), AppError> {
    let path = dir.join(name);
    let temp = dir.join(temp_name(name));
    let io = |e| AppError::Io {
        what: format!("could not write {}", path.display()),
        source: e,
    };
    match fs::remove_file(&temp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
        _ => {}
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = options.open(&temp).and_then(|mut file| {
        file.write_all(content)?;
        file.sync_all()
    });
    let result = result.and_then(|()| fs::rename(&temp, &path));
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(io(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DataDir;
    use thaw_core::screener::{self, Instrument, Screening};
    use thaw_core::{CheckinDraft, Moment};

    fn now() -> Timestamp {
        "2026-03-10T12:00:00Z".parse().unwrap()
    }

    fn thaw(root: &Path) -> Thaw {
        let thaw = DataDir::new(root.join("data")).open().unwrap();
        let at = |t: &str| Moment::parse("at", t, &jiff::tz::TimeZone::UTC).unwrap();
        let checkin = CheckinDraft {
            mood: Some("4".into()),
            numbness: Some("7".into()),
            note: Some("=HYPERLINK(\"x\"), and more".into()),
            ..Default::default()
        }
        .validate(thaw_core::new_id(), at("2026-03-01T09:00:00Z"))
        .unwrap();
        thaw.save_checkin(&checkin).unwrap();
        let answers = screener::parse_answers(Instrument::Phq9, "1,2,2,1,0,1,2,2,-").unwrap();
        let s = Screening::new(
            thaw_core::new_id(),
            Instrument::Phq9,
            at("2026-03-02T08:00:00Z"),
            answers,
        )
        .unwrap();
        thaw.store().insert_screening(thaw.owner(), &s).unwrap();
        thaw
    }

    #[test]
    fn fhir_carries_the_screening_and_a_stable_patient() {
        let tmp = tempfile::tempdir().unwrap();
        let thaw = thaw(tmp.path());
        let a = thaw.export_fhir(now()).unwrap();
        let b = thaw.export_fhir(now()).unwrap();
        assert_eq!(a, b, "the same data and time give the same bundle");
        assert!(a.contains("\"resourceType\": \"Bundle\""));
        assert!(a.contains("44261-6") && a.contains("44249-1"));
        let patient = format!(
            "\"reference\": \"urn:uuid:{}\"",
            fhir::patient_id(thaw.owner().0)
        );
        assert!(a.contains(&patient), "{a}");
    }

    #[test]
    fn csv_goes_into_a_new_private_folder_and_again_into_the_same() {
        let tmp = tempfile::tempdir().unwrap();
        let thaw = thaw(tmp.path());
        let out = tmp.path().join("export").join("csv");
        let files = thaw.export_csv(&out, now()).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, csv_export::FILES);
        let checkins = fs::read_to_string(out.join("checkins.csv")).unwrap();
        assert!(
            checkins.contains("\"'=HYPERLINK(\"\"x\"\"), and more\""),
            "{checkins}"
        );
        let screeners = fs::read_to_string(out.join("screeners.csv")).unwrap();
        assert!(
            screeners.contains(",declined,11,27,moderate (10–14),"),
            "{screeners}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&out), 0o700);
            for f in &files {
                assert_eq!(mode(f), 0o600, "{}", f.display());
            }
        }
        // An earlier export, even with a temporary file an interrupted
        // run left, is written over.
        fs::write(out.join(".wins.csv.tmp"), "half").unwrap();
        fs::write(out.join("wins.csv"), "old").unwrap();
        thaw.export_csv(&out, now()).unwrap();
        assert!(
            fs::read_to_string(out.join("wins.csv"))
                .unwrap()
                .contains("id,at,local_date,text")
        );
        assert!(!out.join(".wins.csv.tmp").exists());
    }

    #[test]
    fn an_empty_existing_folder_is_used_as_it_is() {
        let tmp = tempfile::tempdir().unwrap();
        let thaw = thaw(tmp.path());
        let out = tmp.path().join("empty");
        fs::create_dir(&out).unwrap();
        assert_eq!(
            thaw.export_csv(&out, now()).unwrap().len(),
            csv_export::FILES.len()
        );
    }

    #[test]
    fn a_folder_with_other_files_or_a_file_is_refused_and_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let thaw = thaw(tmp.path());
        let out = tmp.path().join("photos");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("holiday.jpg"), "jpeg").unwrap();
        match thaw.export_csv(&out, now()) {
            Err(AppError::Input(e)) => {
                assert_eq!(e.field, "out");
                assert!(e.allowed.contains("holiday.jpg"), "{}", e.allowed);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            fs::read_dir(&out).unwrap().count(),
            1,
            "nothing was written"
        );

        // Thaw's file names without the README marker are not ours either.
        let fake = tmp.path().join("fake");
        fs::create_dir(&fake).unwrap();
        fs::write(fake.join("checkins.csv"), "mine").unwrap();
        fs::write(fake.join("README.txt"), "my own notes").unwrap();
        match thaw.export_csv(&fake, now()) {
            Err(AppError::Input(e)) => assert_eq!(e.field, "out"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            fs::read_to_string(fake.join("checkins.csv")).unwrap(),
            "mine"
        );

        let file = tmp.path().join("file.csv");
        fs::write(&file, "x").unwrap();
        match thaw.export_csv(&file, now()) {
            Err(AppError::Input(e)) => assert_eq!(e.field, "out"),
            other => panic!("{other:?}"),
        }
    }
}
