//! A fresh, empty PostgreSQL database per test or benchmark, dropped
//! again when done.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io;

pub use postgres;
use postgres::{Client, NoTls};

/// Drops its database when dropped (`DROP DATABASE … WITH (FORCE)`,
/// which also ends any connection still open to it).
#[derive(Debug)]
pub struct Guard {
    admin_url: String,
    name: String,
}

impl Guard {
    /// The database's name (`thaw_t_…`).
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let dropped = Client::connect(&self.admin_url, NoTls).and_then(|mut c| {
            c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
        });
        if let Err(e) = dropped {
            eprintln!("could not drop test database {}: {e}", self.name);
        }
    }
}

/// Creates an empty database `thaw_t_<random>` on the server of
/// `base_url` (any database URL of it, e.g.
/// `postgres://postgres@127.0.0.1:5432/thaw_dev`) and answers its URL and
/// the guard that drops it.
pub fn fresh_database(base_url: &str) -> io::Result<(String, Guard)> {
    let name = format!("thaw_t_{}", random_suffix());
    let mut admin = Client::connect(base_url, NoTls).map_err(io::Error::other)?;
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .map_err(io::Error::other)?;
    let url = with_database(base_url, &name)?;
    Ok((
        url,
        Guard {
            admin_url: base_url.to_owned(),
            name,
        },
    ))
}

/// A plain connection to `url`, for checking what a server stored.
pub fn connect(url: &str) -> io::Result<Client> {
    Client::connect(url, NoTls).map_err(io::Error::other)
}

/// The first column of the first row of `sql` (a `COUNT(*)`, say).
pub fn query_i64(url: &str, sql: &str) -> io::Result<i64> {
    let row = connect(url)?
        .query_one(sql, &[])
        .map_err(io::Error::other)?;
    row.try_get(0).map_err(io::Error::other)
}

/// `url` with its database name replaced by `name` (query kept).
fn with_database(url: &str, name: &str) -> io::Result<String> {
    let scheme_end = url
        .find("://")
        .map(|i| i + 3)
        .ok_or_else(|| io::Error::other(format!("not a database URL: {url}")))?;
    let (head, query) = match url.find('?') {
        Some(q) => url.split_at(q),
        None => (url, ""),
    };
    let authority_end = head[scheme_end..]
        .find('/')
        .map_or(head.len(), |i| scheme_end + i);
    Ok(format!("{}/{name}{query}", &head[..authority_end]))
}

/// 16 hex digits that differ between calls and between processes.
fn random_suffix() -> String {
    let mut h = RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced_and_the_rest_kept() {
        let cases = [
            (
                "postgres://postgres@127.0.0.1:5432/thaw_dev",
                "postgres://postgres@127.0.0.1:5432/x",
            ),
            (
                "postgres://u:p@h/db?sslmode=disable",
                "postgres://u:p@h/x?sslmode=disable",
            ),
            ("postgresql://h:5432", "postgresql://h:5432/x"),
        ];
        for (from, to) in cases {
            assert_eq!(with_database(from, "x").ok().as_deref(), Some(to), "{from}");
        }
        assert_ne!(random_suffix(), random_suffix());
    }
}
