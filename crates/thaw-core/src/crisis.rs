//! Crisis resources (being written).
