//! The wire formats: what Thaw reads from and writes to files. Today the
//! Thaw JSON document (`shared/spec/export-format.md`); Daylio and other
//! apps' exports, CSV, FHIR and iCalendar join it here.
//!
//! Reading is strict and all-or-nothing: every record is checked before
//! anything is returned, and a refusal names the record's position and
//! field (`checkins[2].mood`). Writing is deterministic (records in a
//! fixed order), so export → import → export gives the same document.

pub mod bearable;
pub mod csv_export;
pub mod csv_read;
pub mod daylio;
pub mod emoods;
pub mod fhir;
pub mod ics;
pub mod import;
pub mod jrnl;
pub mod json;
