//! The domain of Thaw: what a check-in, a journal entry, a rating or a
//! moment in time *is*, and the rules that keep them valid.
//!
//! This crate is pure: no I/O, no async, no clock it did not get handed
//! (see [`clock::Clock`]). Everything a person can type passes through a
//! validating constructor here, so a value of a type from this crate is
//! already known to be good, whichever interface (command line, web,
//! import) it came from.
//!
//! Start reading at [`checkin`]: a [`checkin::CheckinDraft`] is what an
//! interface collects, [`checkin::CheckinDraft::validate`] turns it into a
//! [`checkin::Checkin`] or an [`error::InputError`] that names the field.
//!
//! Deliberately not here: storage (`thaw-store`), files and settings on
//! disk (`thaw-app`), the terminal and HTTP (`thaw`, later `thaw-web`).

pub mod account;
pub mod activity;
pub mod checkin;
pub mod clock;
pub mod crisis;
pub mod days;
pub mod engage;
pub mod error;
pub mod feelings;
pub mod grounding;
pub mod id;
pub mod journal;
pub mod library;
pub mod moment;
pub mod plan;
pub mod quick_hash;
pub mod rating;
pub mod recur;
pub mod risk;
pub mod screener;
pub mod settings;
pub mod text;

pub use checkin::{Checkin, CheckinDraft};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::InputError;
pub use id::{OwnerId, new_id};
pub use journal::{JournalDraft, JournalEntry, JournalQuery};
pub use moment::Moment;
pub use rating::Rating;
pub use settings::Settings;
