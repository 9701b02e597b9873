//! Identifiers: time-ordered UUIDs (version 7) for every record, and the
//! [`OwnerId`] that every stored row carries, even in local mode.

use std::fmt;

use uuid::Uuid;

/// A new time-ordered id (UUID v7), so ids sort roughly by creation.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The person a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OwnerId(pub Uuid);

impl fmt::Display for OwnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
