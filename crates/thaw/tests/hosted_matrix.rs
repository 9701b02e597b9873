//! The authorization matrix of hosted mode, driven from the router's own
//! route list (`thaw_web::route_table`, the same list `thaw serve` builds
//! its router from), so a new route cannot be missed.
//!
//! For every private route and every method it answers (read from the
//! `Allow` header of a 405), against the real server:
//! - without a session: 401 (or, for a page, a redirect to `/login`);
//! - as a stranger, and as a partner without the grant: 404 on anything
//!   addressed by the owner's ids, and never any of the owner's words
//!   anywhere;
//! - afterwards the owner's data is exactly as it was.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use serde_json::{Value, json};
use thaw_testkit::hosted::{self, HostedServer};
use thaw_testkit::http::Response;

const PASSWORD: &str = "a long passphrase 4 me";

/// A running `thaw serve --multi-user`, and where its SQLite database
/// lives when it has one.
struct Server {
    server: HostedServer,
    _dir: tempfile::TempDir,
}

fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let url = hosted::test_database_url().unwrap_or_else(|| hosted::sqlite_url(dir.path(), "m.db"));
    let server = HostedServer::start(Path::new(env!("CARGO_BIN_EXE_thaw")), &url).unwrap();
    Server { server, _dir: dir }
}

/// A signed-in person, by personal API token (no CSRF needed, so the
/// matrix sees authorization, not CSRF).
struct Who {
    bearer: String,
    cookie: String,
    csrf: String,
}

fn call(s: &Server, method: &str, path: &str, who: Option<&Who>, body: Option<&Value>) -> Response {
    let headers: Vec<(&str, &str)> = who
        .map(|w| ("Authorization", w.bearer.as_str()))
        .into_iter()
        .collect();
    s.server.request_json(method, path, &headers, body).unwrap()
}

fn person(s: &Server, name: &str) -> Who {
    let email = format!("{name}-{}@example.org", uuid::Uuid::now_v7().simple());
    let mut conn = s.server.connect().unwrap();
    assert_eq!(
        hosted::sign_up(&mut conn, &email, PASSWORD).unwrap().status,
        201
    );
    let session = hosted::sign_in(&mut conn, &email, PASSWORD).unwrap();
    let made = s
        .server
        .post(
            "/api/v1/tokens",
            &session.headers(),
            r#"{"name": "matrix"}"#,
        )
        .unwrap();
    assert_eq!(made.status, 201, "{}", made.body);
    let token: Value = serde_json::from_str(&made.body).unwrap();
    Who {
        bearer: format!("Bearer {}", token["token"].as_str().unwrap()),
        cookie: session.cookie,
        csrf: session.csrf,
    }
}

fn json_of(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or(Value::Null)
}

/// Everything of the owner's that the matrix must leave untouched.
fn owner_snapshot(s: &Server, owner: &Who) -> Vec<String> {
    [
        "/api/v1/checkins",
        "/api/v1/journal",
        "/api/v1/values",
        "/api/v1/activities",
        "/api/v1/wins",
        "/api/v1/selfcare",
        "/api/v1/screeners",
        "/api/v1/safety-plan",
        "/api/v1/tokens",
    ]
    .iter()
    .map(|p| {
        let r = call(s, "GET", p, Some(owner), None);
        format!("{p} {} {}", r.status, r.body)
    })
    .chain(std::iter::once({
        // What the owner shares (the partner's own choices are theirs).
        let r = call(s, "GET", "/api/v1/partners", Some(owner), None);
        json_of(&r)[0]["my_sharing"].to_string()
    }))
    .collect()
}

#[test]
fn every_route_refuses_strangers_and_partners_without_the_grant() {
    let s = start();
    let marker = format!("zz-owner-{}", uuid::Uuid::now_v7().simple());
    let owner = person(&s, "ana");
    let partner = person(&s, "ben");
    let stranger = person(&s, "cy");

    // The owner's data, each piece carrying the marker.
    let checkin = call(
        &s,
        "POST",
        "/api/v1/checkins",
        Some(&owner),
        Some(
            &json!({"mood": 4, "numbness": 7, "plan": "a shared plan, granted to the partner", "note": format!("note {marker}")}),
        ),
    );
    assert_eq!(checkin.status, 201, "{}", checkin.body);
    let checkin_id = json_of(&checkin)["id"].as_str().unwrap().to_owned();
    call(
        &s,
        "POST",
        "/api/v1/journal",
        Some(&owner),
        Some(&json!({"text": format!("journal {marker}")})),
    );
    // Names appear in paths, where a stranger may type them too; the
    // marker lives in the fields only the owner wrote.
    let plain = uuid::Uuid::now_v7().simple().to_string();
    let value = format!("calm-{plain}");
    call(
        &s,
        "POST",
        "/api/v1/values",
        Some(&owner),
        Some(&json!({"name": value, "why": marker})),
    );
    let activity = format!("walk-{plain}");
    call(
        &s,
        "POST",
        "/api/v1/activities",
        Some(&owner),
        Some(&json!({"name": activity, "note": marker})),
    );
    call(
        &s,
        "POST",
        &format!("/api/v1/activities/{activity}/logs"),
        Some(&owner),
        Some(&json!({"note": format!("log {marker}")})),
    );
    call(
        &s,
        "POST",
        "/api/v1/selfcare",
        Some(&owner),
        Some(&json!({"name": format!("{marker}-care")})),
    );
    call(
        &s,
        "POST",
        "/api/v1/wins",
        Some(&owner),
        Some(&json!({"text": format!("win {marker}")})),
    );
    let invite = call(&s, "POST", "/api/v1/partners/invites", Some(&owner), None);
    let code = json_of(&invite)["code"].as_str().unwrap().to_owned();
    let accepted = call(
        &s,
        "POST",
        "/api/v1/partners/accept",
        Some(&partner),
        Some(&json!({"code": code})),
    );
    let partnership = json_of(&accepted)["partner_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The partner may see today's plan (granted), so the plan's marker is
    // expected there and only there.
    let granted = format!("/api/v1/partners/{partnership}/today");
    let owner_token_id = json_of(&call(&s, "GET", "/api/v1/tokens", Some(&owner), None))["tokens"]
        [0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let before = owner_snapshot(&s, &owner);
    let table = thaw_web::route_table(true);
    // A path that is also public (sign-in's POST beside sign-out's
    // DELETE) answers some methods to anyone by design.
    let public: Vec<String> = table
        .iter()
        .filter(|r| r.public)
        .map(|r| r.path.clone())
        .collect();
    let routes: Vec<_> = table.into_iter().filter(|r| !r.public).collect();
    assert!(
        routes.len() > 60,
        "the route list is the router's: {}",
        routes.len()
    );

    let mut checked = 0;
    for route in &routes {
        // The owner's ids in every parameter.
        let path = route
            .path
            .replace(
                "{id}",
                if route.path.contains("partners") {
                    &partnership
                } else if route.path.contains("tokens") {
                    &owner_token_id
                } else {
                    &checkin_id
                },
            )
            .replace(
                "{name}",
                if route.path.contains("values") {
                    &value
                } else {
                    &activity
                },
            )
            .replace("{technique}", "breaths")
            .replace("{key}", "phq9")
            .replace("{file}", "4-4-6.css");
        let allow = call(&s, "PATCH", &path, Some(&owner), None);
        assert_eq!(allow.status, 405, "PATCH {path} should be 405 with Allow");
        let methods: Vec<String> = allow
            .header("allow")
            .unwrap_or_default()
            .split(',')
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty() && m != "HEAD")
            .collect();
        assert!(!methods.is_empty(), "no methods for {path}");
        for method in &methods {
            let body = (method != "GET").then(|| json!({}));
            // Nobody signed in.
            let anon = call(&s, method, &path, None, body.as_ref());
            if public.contains(&route.path) {
                assert!(!anon.body.contains(&marker));
            } else {
                let to_login = anon.status == 303
                    && anon
                        .header("location")
                        .is_some_and(|l| l.starts_with("/login?next="));
                assert!(
                    anon.status == 401 || to_login,
                    "{method} {path} without a session answered {}",
                    anon.status
                );
            }
            for (who, name) in [(&stranger, "stranger"), (&partner, "partner")] {
                let ours = path.contains(&partnership);
                if name == "partner" && ours {
                    // The partner's own side of the partnership: today's
                    // shared snapshot and the exchange page are granted;
                    // ending it is theirs to do (tested elsewhere, not
                    // here, where it would end the matrix).
                    let granted_read =
                        method == "GET" && (path == granted || route.path == "/partners/{id}");
                    if granted_read || method == "DELETE" || path.ends_with("/revoke") {
                        continue;
                    }
                }
                let r = call(&s, method, &path, Some(who), body.as_ref());
                let unshared = ["journal", "screeners", "insights"]
                    .iter()
                    .any(|w| route.path.ends_with(w));
                if name == "partner" && ours && unshared {
                    assert_eq!(
                        r.status, 404,
                        "{method} {path} as the partner without the grant: {}",
                        r.body
                    );
                }
                assert!(r.status != 500, "{method} {path} as {name}: 500 {}", r.body);
                assert!(
                    !r.body.contains(&marker),
                    "{method} {path} as {name} leaked the owner's data: {}",
                    r.body
                );
                let addressed = path.contains(&partnership)
                    || path.contains(&checkin_id)
                    || path.contains(&owner_token_id);
                if name == "stranger" && addressed && route.path.starts_with("/api/") {
                    assert_eq!(r.status, 404, "{method} {path} as {name}: {}", r.body);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked} requests checked");
    for (after, before) in owner_snapshot(&s, &owner).iter().zip(&before) {
        assert!(after == before, "the owner's data changed: {after:.300}");
    }
    // The granted read works, and the stranger's and partner's sessions
    // were never the owner's.
    assert_eq!(call(&s, "GET", &granted, Some(&partner), None).status, 200);
    let _ = (&owner.cookie, &owner.csrf);
}
