//! Risk detection (being written).
