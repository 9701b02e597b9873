//! The starter activity library (being written).
