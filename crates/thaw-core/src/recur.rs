//! Recurrence (being written).
