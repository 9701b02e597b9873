//! Test and benchmark helpers: start the real `thaw serve` on a free
//! loopback port and talk plain HTTP/1.1 to it, and fill a store with
//! years of data. Used only by tests and benches (a dev-dependency).
//!
//! The HTTP client is deliberately tiny (std `TcpStream`, no TLS, no
//! redirects followed) so that tests see exactly what the server sent.

pub mod cli;
pub mod hosted;
pub mod http;
pub mod pg;
pub mod seed;
pub mod server;
pub mod web;
