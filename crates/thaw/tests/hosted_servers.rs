//! Hosted mode with several app servers: two real `thaw serve
//! --multi-user` processes, started at the same moment on one fresh
//! PostgreSQL database, must both come up (migrations applied exactly
//! once) and be interchangeable: a session started on one works on the
//! other, and what one saves the other reads.
//!
//! Needs `THAW_TEST_DATABASE_URL` (any database on the server, e.g.
//! `postgres://postgres@127.0.0.1:5432/thaw_dev`; each run creates and
//! drops its own `thaw_t_…` databases). Without it the tests pass with a
//! note.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use thaw_testkit::hosted::{self, HostedServer};
use thaw_testkit::pg;

/// Fresh databases, each with two servers started at once.
const ATTEMPTS: usize = 3;
const PASSWORD: &str = "a long passphrase for two servers";

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

fn base_url() -> Option<String> {
    let url = hosted::test_database_url();
    if url.is_none() {
        eprintln!("THAW_TEST_DATABASE_URL is not set: skipping the hosted-servers test");
    }
    url
}

/// Spawns both before waiting for either, so their migrations race.
fn start_two_at_once(url: &str) -> (HostedServer, HostedServer) {
    let a = hosted::spawn(bin(), url).unwrap();
    let b = hosted::spawn(bin(), url).unwrap();
    let (a, b) = (a.ready(), b.ready());
    match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => panic!(
            "both servers should start:\n A: {:?}\n B: {:?}",
            a.err(),
            b.err()
        ),
    }
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// Each migration recorded exactly once, versions 1, 2, … with no gap.
fn assert_migrations_ran_once(url: &str) {
    let mut db = pg::connect(url).unwrap();
    let rows = db
        .query(
            "SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version",
            &[],
        )
        .unwrap();
    let versions: Vec<(i64, i64)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert!(versions.len() >= 5, "all migrations applied: {versions:?}");
    for (i, (version, count)) in versions.iter().enumerate() {
        assert_eq!(*version, i as i64 + 1, "no gap: {versions:?}");
        assert_eq!(*count, 1, "version {version} applied once: {versions:?}");
    }
}

#[test]
fn two_servers_started_at_once_share_one_fresh_database() {
    let Some(base) = base_url() else { return };
    for attempt in 0..ATTEMPTS {
        let (url, _drop_database) = pg::fresh_database(&base).unwrap();
        let (mut a, mut b) = start_two_at_once(&url);
        assert_ne!(a.addr, b.addr);
        for (name, s) in [("A", &a), ("B", &b)] {
            assert!(
                s.banner.contains("(PostgreSQL)"),
                "{name} says its store: {}",
                s.banner
            );
            s.healthy(Duration::from_secs(10))
                .unwrap_or_else(|e| panic!("attempt {attempt}: {name} healthy: {e}"));
        }
        assert!(a.is_running(), "A still runs:\n{}", a.stderr_tail());
        assert!(b.is_running(), "B still runs:\n{}", b.stderr_tail());
        assert_migrations_ran_once(&url);

        // Sign up and in through A ...
        let email = format!("ana{attempt}@example.org");
        let mut on_a = a.connect().unwrap();
        let made = hosted::sign_up(&mut on_a, &email, PASSWORD).unwrap();
        assert_eq!(made.status, 201, "{}", made.body);
        let ana = hosted::sign_in(&mut on_a, &email, PASSWORD).unwrap();

        // ... and use that session on B: the cookie is honoured, and so is
        // (and only) its CSRF token.
        let plan = format!("call my sister (attempt {attempt})");
        let body = serde_json::json!({ "mood": 4, "numbness": 6, "plan": plan }).to_string();
        let without = b
            .post(
                "/api/v1/checkins",
                &[
                    ("Cookie", ana.cookie.as_str()),
                    ("Content-Type", "application/json"),
                ],
                &body,
            )
            .unwrap();
        assert_eq!(
            without.status, 403,
            "B wants the CSRF token: {}",
            without.body
        );
        let saved = b.post("/api/v1/checkins", &ana.headers(), &body).unwrap();
        assert_eq!(saved.status, 201, "B saves: {}", saved.body);
        let id = json(&saved.body)["id"].as_str().unwrap().to_owned();

        // A reads what B saved.
        let listed = a
            .get("/api/v1/checkins", &[("Cookie", ana.cookie.as_str())])
            .unwrap();
        assert_eq!(listed.status, 200, "{}", listed.body);
        let listed = json(&listed.body);
        let checkins = listed["checkins"].as_array().unwrap();
        assert_eq!(checkins.len(), 1, "{listed}");
        assert_eq!(checkins[0]["id"], id.as_str());
        assert_eq!(checkins[0]["plan"], plan.as_str());
        assert_eq!(checkins[0]["mood"], 4);

        // A partnership across the two: invited on A, accepted on B, read
        // on A.
        let ben_email = format!("ben{attempt}@example.org");
        let mut on_b = b.connect().unwrap();
        let made = hosted::sign_up(&mut on_b, &ben_email, PASSWORD).unwrap();
        assert_eq!(made.status, 201, "{}", made.body);
        let ben = hosted::sign_in(&mut on_b, &ben_email, PASSWORD).unwrap();
        let invite = a
            .post("/api/v1/partners/invites", &ana.headers(), "")
            .unwrap();
        assert_eq!(invite.status, 201, "{}", invite.body);
        let code = json(&invite.body)["code"].as_str().unwrap().to_owned();
        let accepted = b
            .post(
                "/api/v1/partners/accept",
                &ben.headers(),
                &serde_json::json!({ "code": code }).to_string(),
            )
            .unwrap();
        assert_eq!(accepted.status, 200, "{}", accepted.body);
        let partner = json(&accepted.body)["partner_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let today = a
            .get(
                &format!("/api/v1/partners/{partner}/today"),
                &[("Cookie", ben.cookie.as_str())],
            )
            .unwrap();
        assert_eq!(today.status, 200, "{}", today.body);
        let today = json(&today.body);
        assert_eq!(today["plan"], plan.as_str(), "{today}");
        assert_eq!(today["snapshot"]["mood"], 4, "{today}");

        let stored = pg::query_i64(&url, "SELECT COUNT(*) FROM checkins").unwrap();
        assert_eq!(stored, 1);
        assert!(a.is_running() && b.is_running(), "neither server stopped");
        a.stop().unwrap();
        b.stop().unwrap();
    }
}
