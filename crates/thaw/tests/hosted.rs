//! End-to-end through HTTP: `thaw serve --multi-user` on PostgreSQL when
//! `THAW_TEST_DATABASE_URL` is set (CI), else on SQLite — accounts,
//! partners and the exchange, CSRF, the login rate limit, cookie flags,
//! and account deletion that leaves no row behind.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use serde_json::{Value, json};
use thaw_testkit::hosted::{self, HostedServer};
use thaw_testkit::http::Response;

const PASSWORD: &str = "a long passphrase 4 me";

/// A running `thaw serve --multi-user`; killed when dropped.
struct Hosted {
    server: HostedServer,
    /// Where its SQLite database lives, when it has one.
    _dir: tempfile::TempDir,
    url: String,
}

impl Hosted {
    /// On PostgreSQL when the tests have one, else SQLite.
    fn start(extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = hosted::test_database_url()
            .unwrap_or_else(|| hosted::sqlite_url(dir.path(), "hosted.db"));
        Self::start_on(dir, url, extra)
    }

    /// On a SQLite file of its own (for limits that the other tests,
    /// sharing one PostgreSQL database from one address, would reach).
    fn start_alone(extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = hosted::sqlite_url(dir.path(), "alone.db");
        Self::start_on(dir, url, extra)
    }

    fn start_on(dir: tempfile::TempDir, url: String, extra: &[&str]) -> Self {
        let bin = Path::new(env!("CARGO_BIN_EXE_thaw"));
        let server = HostedServer::start_with(bin, &url, extra)
            .expect("thaw serve --multi-user printed its address");
        Self {
            server,
            _dir: dir,
            url,
        }
    }

    /// What the server wrote to stderr so far.
    fn log(&self) -> String {
        self.server.stderr_log()
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Response {
        self.server
            .request_json(method, path, headers, body)
            .unwrap()
    }

    /// A form post (`application/x-www-form-urlencoded`).
    fn form(&self, path: &str, headers: &[(&str, &str)], form: &str) -> Response {
        let mut all = headers.to_vec();
        all.push(("Content-Type", "application/x-www-form-urlencoded"));
        self.server.post(path, &all, form).unwrap()
    }

    /// `POST /api/v1/accounts` with `email` and [`PASSWORD`].
    fn sign_up(&self, email: &str) -> Response {
        hosted::sign_up(&mut self.server.connect().unwrap(), email, PASSWORD).unwrap()
    }

    /// `POST /api/v1/sessions` with these credentials (email, password
    /// and maybe a TOTP code).
    fn sign_in(&self, credentials: Value) -> Response {
        self.call("POST", "/api/v1/sessions", &[], Some(&credentials))
    }

    /// Signs up and in a new person with a unique email.
    fn person(&self, name: &str) -> Person {
        let email = format!("{name}-{}@example.org", uuid::Uuid::now_v7().simple());
        let mut conn = self.server.connect().unwrap();
        let made = hosted::sign_up(&mut conn, &email, PASSWORD).unwrap();
        assert_eq!(made.status, 201, "{}", made.body);
        let id = uuid::Uuid::parse_str(&text(&made, "id")).unwrap();
        let signed = hosted::sign_in_response(&mut conn, &email, PASSWORD).unwrap();
        assert_eq!(signed.status, 200, "{}", signed.body);
        let session = hosted::session_of(&signed).unwrap();
        Person {
            id,
            email,
            cookie: session.cookie,
            csrf: session.csrf,
        }
    }
}

struct Person {
    id: uuid::Uuid,
    email: String,
    cookie: String,
    csrf: String,
}

impl Person {
    fn get(&self, h: &Hosted, path: &str) -> Response {
        h.call("GET", path, &[("Cookie", &self.cookie)], None)
    }

    fn send(&self, h: &Hosted, method: &str, path: &str, b: Option<Value>) -> Response {
        h.call(
            method,
            path,
            &[("Cookie", &self.cookie), ("X-CSRF-Token", &self.csrf)],
            b.as_ref(),
        )
    }
}

fn body(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or(Value::Null)
}

/// The string field `name` of a JSON response.
fn text(r: &Response, name: &str) -> String {
    body(r)[name].as_str().unwrap().to_owned()
}

/// Makes `owner` and `partner` partners; answers the partnership's id.
fn partner_up(h: &Hosted, owner: &Person, partner: &Person) -> String {
    let invite = owner.send(h, "POST", "/api/v1/partners/invites", None);
    assert_eq!(invite.status, 201, "{}", invite.body);
    let code = text(&invite, "code");
    assert!(text(&invite, "link").contains("/partners/accept?code="));
    let accept = || {
        partner.send(
            h,
            "POST",
            "/api/v1/partners/accept",
            Some(json!({"code": code})),
        )
    };
    let accepted = accept();
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    let again = accept();
    assert_eq!(again.status, 400, "a code works once");
    text(&accepted, "partner_id")
}

#[test]
fn invite_accept_exchange_and_revoke_with_404_where_nothing_is_shared() {
    let h = Hosted::start(&[]);
    let owner = h.person("ana");
    let partner = h.person("ben");
    let stranger = h.person("cy");
    let id = partner_up(&h, &owner, &partner);

    let saved = owner.send(
        &h,
        "POST",
        "/api/v1/checkins",
        Some(json!({"mood": 4, "numbness": 7, "plan": "walk to the bakery", "note": "private note words"})),
    );
    assert_eq!(saved.status, 201, "{}", saved.body);
    owner.send(
        &h,
        "POST",
        "/api/v1/journal",
        Some(json!({"text": "private journal words"})),
    );

    let today = partner.get(&h, &format!("/api/v1/partners/{id}/today"));
    assert_eq!(today.status, 200, "{}", today.body);
    let t = body(&today);
    assert_eq!(t["plan"], "walk to the bakery");
    assert_eq!(t["snapshot"]["mood"], 4);
    assert!(
        !today.body.contains("private note words"),
        "notes are not part of the snapshot"
    );

    for what in ["journal", "screeners", "insights"] {
        assert_eq!(
            partner
                .get(&h, &format!("/api/v1/partners/{id}/{what}"))
                .status,
            404,
            "{what} is not shared by default"
        );
    }
    assert_eq!(
        stranger
            .get(&h, &format!("/api/v1/partners/{id}/today"))
            .status,
        404
    );
    assert_eq!(
        h.call("GET", &format!("/api/v1/partners/{id}/today"), &[], None)
            .status,
        401
    );
    assert!(
        !stranger
            .get(&h, "/api/v1/journal")
            .body
            .contains("private journal words")
    );

    // The partner sees the other side of the exchange too, and notes go both ways.
    partner.send(
        &h,
        "POST",
        "/api/v1/checkins",
        Some(json!({"mood": 6, "plan": "call my sister"})),
    );
    let back = owner.get(&h, &format!("/api/v1/partners/{id}/today"));
    assert_eq!(body(&back)["plan"], "call my sister");
    let note = partner.send(
        &h,
        "POST",
        &format!("/api/v1/partners/{id}/notes"),
        Some(json!({"text": "proud of you"})),
    );
    assert_eq!(note.status, 201, "{}", note.body);
    let seen = owner.get(&h, &format!("/api/v1/partners/{id}/today"));
    assert!(seen.body.contains("proud of you"), "{}", seen.body);

    // Sharing the journal is the owner's explicit choice.
    let shared = owner.send(
        &h,
        "PUT",
        &format!("/api/v1/partners/{id}/sharing"),
        Some(json!({"snapshot": true, "plan": true, "screeners": false, "insights": false, "journal": true})),
    );
    assert_eq!(shared.status, 200, "{}", shared.body);
    let journal = partner.get(&h, &format!("/api/v1/partners/{id}/journal"));
    assert_eq!(journal.status, 200);
    assert!(journal.body.contains("private journal words"));
    assert_eq!(
        stranger
            .send(&h, "PUT", &format!("/api/v1/partners/{id}/sharing"), Some(json!({"snapshot": true, "plan": true, "screeners": true, "insights": true, "journal": true})))
            .status,
        404
    );

    let audit = owner.get(&h, "/api/v1/audit");
    let entries = body(&audit);
    let whats: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    assert!(
        whats.contains(&"today") && whats.contains(&"journal"),
        "{whats:?}"
    );
    assert!(entries[0]["reader"].as_str().unwrap().starts_with("ben-"));

    let listed = partner.get(&h, "/api/v1/partners");
    assert_eq!(body(&listed)[0]["id"], id.as_str());
    assert_eq!(body(&listed)[0]["their_sharing"]["journal"], true);

    assert_eq!(
        owner
            .send(&h, "DELETE", &format!("/api/v1/partners/{id}"), None)
            .status,
        204
    );
    assert_eq!(
        partner
            .get(&h, &format!("/api/v1/partners/{id}/today"))
            .status,
        404
    );
    assert_eq!(
        owner
            .get(&h, &format!("/api/v1/partners/{id}/today"))
            .status,
        404
    );
    let _ = h.url.len();
}

#[test]
fn a_write_without_the_csrf_token_is_refused_and_writes_nothing() {
    let h = Hosted::start(&[]);
    let me = h.person("dee");
    let refused = h.call(
        "POST",
        "/api/v1/checkins",
        &[("Cookie", &me.cookie)],
        Some(&json!({"mood": 3, "plan": "csrf-less plan"})),
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    let wrong = h.call(
        "POST",
        "/api/v1/checkins",
        &[("Cookie", &me.cookie), ("X-CSRF-Token", "0000")],
        Some(&json!({"mood": 3, "plan": "csrf-less plan"})),
    );
    assert_eq!(wrong.status, 403);
    // A plain form post without the field, too.
    let form = h.form(
        "/checkin",
        &[("Cookie", &me.cookie)],
        "mood=3&plan=csrf-less+plan",
    );
    assert_eq!(form.status, 403);
    let listed = me.get(&h, "/api/v1/checkins");
    assert!(!listed.body.contains("csrf-less plan"), "{}", listed.body);
    // With the field that every page's forms carry, the same form works.
    let page = me.get(&h, "/");
    assert!(
        page.body
            .contains(&format!("name=\"csrf_token\" value=\"{}\"", me.csrf))
    );
    let with = format!("mood=3&plan=with+token&csrf_token={}", me.csrf);
    let ok = h.form("/checkin", &[("Cookie", &me.cookie)], &with);
    assert!(ok.status < 400, "{} {}", ok.status, ok.body);
    assert!(me.get(&h, "/api/v1/checkins").body.contains("with token"));
}

#[test]
fn the_eleventh_wrong_password_in_a_minute_is_answered_429() {
    let h = Hosted::start_alone(&[]);
    let me = h.person("eve");
    let codes: Vec<u16> = (0..11)
        .map(|i| {
            h.sign_in(json!({"email": me.email, "password": format!("wrong guess {i}")}))
                .status
        })
        .collect();
    assert!(codes[..10].iter().all(|c| *c == 401), "{codes:?}");
    assert_eq!(codes[10], 429, "{codes:?}");
    let right = h.sign_in(json!({"email": me.email, "password": PASSWORD}));
    assert_eq!(right.status, 429, "the right password waits too");
}

#[test]
fn cookies_are_http_only_same_site_and_secure_behind_tls() {
    let plain = Hosted::start(&[]);
    let made = plain.person("fay");
    assert!(made.cookie.starts_with("thaw_session="));
    let tls = Hosted::start(&["--public-url", "https://thaw.example.org"]);
    let email = format!("gus-{}@example.org", uuid::Uuid::now_v7().simple());
    tls.sign_up(&email);
    let signed = tls.sign_in(json!({"email": email, "password": PASSWORD}));
    let cookie = signed.header("set-cookie").unwrap();
    assert!(cookie.starts_with("__Host-thaw_session="), "{cookie}");
    for flag in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
    let hsts = signed.header("strict-transport-security").unwrap_or("");
    assert!(hsts.contains("max-age="), "HSTS behind TLS");
    let csp = signed.header("content-security-policy").unwrap();
    assert!(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"));
    let plain_login = plain.call("GET", "/login", &[], None);
    assert!(plain_login.header("strict-transport-security").is_none());
}

#[test]
fn signing_out_ends_the_session_and_api_tokens_need_no_csrf() {
    let h = Hosted::start(&[]);
    let me = h.person("hal");
    let made = me.send(
        &h,
        "POST",
        "/api/v1/tokens",
        Some(json!({"name": "my script"})),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let token = text(&made, "token");
    let bearer = format!("Bearer {token}");
    let saved = h.call(
        "POST",
        "/api/v1/checkins",
        &[("Authorization", &bearer)],
        Some(&json!({"mood": 5, "plan": "by token"})),
    );
    assert_eq!(saved.status, 201, "{}", saved.body);
    assert_eq!(me.send(&h, "DELETE", "/api/v1/sessions", None).status, 204);
    assert_eq!(me.get(&h, "/api/v1/checkins").status, 401);
    let id = text(&made, "id");
    let listed = h.call("GET", "/api/v1/tokens", &[("Authorization", &bearer)], None);
    assert!(listed.body.contains("my script"));
    assert_eq!(
        h.call(
            "DELETE",
            &format!("/api/v1/tokens/{id}"),
            &[("Authorization", &bearer)],
            None
        )
        .status,
        204
    );
    assert_eq!(
        h.call(
            "GET",
            "/api/v1/checkins",
            &[("Authorization", &bearer)],
            None
        )
        .status,
        401
    );
}

#[test]
fn deleting_an_account_leaves_no_row_of_theirs_in_any_table() {
    let h = Hosted::start(&[]);
    let me = h.person("ida");
    let friend = h.person("jo");
    let id = partner_up(&h, &me, &friend);
    me.send(
        &h,
        "POST",
        "/api/v1/checkins",
        Some(json!({"mood": 4, "plan": "rest"})),
    );
    me.send(
        &h,
        "POST",
        "/api/v1/journal",
        Some(json!({"text": "words"})),
    );
    me.send(&h, "POST", "/api/v1/tokens", Some(json!({"name": "t"})));
    friend.get(&h, &format!("/api/v1/partners/{id}/today"));
    me.get(&h, &format!("/api/v1/partners/{id}/today"));
    me.send(
        &h,
        "POST",
        &format!("/api/v1/partners/{id}/notes"),
        Some(json!({"text": "hi"})),
    );
    h.sign_in(json!({"email": me.email, "password": "wrong one"}));

    let refused = me.send(
        &h,
        "DELETE",
        "/api/v1/account",
        Some(json!({"password": "not it"})),
    );
    assert_eq!(refused.status, 400);
    let deleted = me.send(
        &h,
        "DELETE",
        "/api/v1/account",
        Some(json!({"password": PASSWORD})),
    );
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    assert_eq!(me.get(&h, "/api/v1/checkins").status, 401);
    assert_eq!(
        friend
            .get(&h, &format!("/api/v1/partners/{id}/today"))
            .status,
        404
    );
    assert_eq!(body(&friend.get(&h, "/api/v1/partners")), json!([]));

    let leftovers = rows_mentioning(&h.url, &me.email, me.id);
    assert!(leftovers.is_empty(), "rows left: {leftovers:?}");
}

/// Every table row (any column) that holds `email` or the person's id,
/// read straight from the database.
fn rows_mentioning(url: &str, email: &str, id: uuid::Uuid) -> Vec<String> {
    let needle = email.to_lowercase();
    if let Some(path) = url.strip_prefix("sqlite://") {
        let conn = rusqlite::Connection::open(path).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut found = Vec::new();
        for t in tables {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let width = stmt.column_count();
            let rows = stmt
                .query_map([], |row| {
                    let mut text = String::new();
                    for i in 0..width {
                        match row.get::<_, rusqlite::types::Value>(i) {
                            Ok(rusqlite::types::Value::Blob(b)) if b == id.as_bytes() => {
                                text.push_str(&format!("{id} "));
                            }
                            Ok(v) => text.push_str(&format!("{v:?} ")),
                            Err(_) => {}
                        }
                    }
                    Ok(text)
                })
                .unwrap();
            for row in rows {
                let row = row.unwrap();
                if row.to_lowercase().contains(&needle) || row.contains(&id.to_string()) {
                    found.push(format!("{t}: {row}"));
                }
            }
        }
        found
    } else {
        let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
        let tables: Vec<String> = client
            .query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let mut found = Vec::new();
        for t in tables {
            let rows = client
                .query(&format!("SELECT t::text FROM \"{t}\" t"), &[])
                .unwrap();
            for row in rows {
                let text: String = row.get(0);
                if text.to_lowercase().contains(&needle) || text.contains(&id.to_string()) {
                    found.push(format!("{t}: {text}"));
                }
            }
        }
        found
    }
}

#[test]
fn with_a_second_factor_the_code_is_needed_to_sign_in() {
    let h = Hosted::start(&[]);
    let me = h.person("kim");
    let started = me.send(&h, "POST", "/api/v1/account/totp", None);
    assert_eq!(started.status, 200, "{}", started.body);
    let secret = text(&started, "secret");
    assert!(text(&started, "otpauth_uri").starts_with("otpauth://totp/"));
    let parsed = thaw_core::account::TotpSecret::from_base32(&secret).unwrap();
    let base = jiff::Timestamp::now().as_second();
    let first = format!("{:06}", thaw_core::account::totp_at(&parsed, base));
    let wrong = me.send(
        &h,
        "PUT",
        "/api/v1/account/totp",
        Some(json!({"secret": secret, "code": "000000"})),
    );
    assert_eq!(wrong.status, 400);
    let on = me.send(
        &h,
        "PUT",
        "/api/v1/account/totp",
        Some(json!({"secret": secret, "code": first})),
    );
    assert_eq!(on.status, 204, "{}", on.body);

    let creds = json!({"email": me.email, "password": PASSWORD});
    let without = h.sign_in(creds.clone());
    assert_eq!(without.status, 401);
    assert!(without.body.contains("authenticator"), "{}", without.body);
    // The code that turned it on is used up; the next step's code works
    // once (the server accepts one step either side of now).
    let next = format!("{:06}", thaw_core::account::totp_at(&parsed, base + 30));
    let replay = h.sign_in(json!({"email": me.email, "password": PASSWORD, "totp": first}));
    assert_eq!(replay.status, 401, "the confirming code works once");
    let with = h.sign_in(json!({"email": me.email, "password": PASSWORD, "totp": next}));
    assert_eq!(with.status, 200, "{}", with.body);
    let again = h.sign_in(json!({"email": me.email, "password": PASSWORD, "totp": next}));
    assert_eq!(again.status, 401, "a code works once");
    let off = me.send(
        &h,
        "DELETE",
        "/api/v1/account/totp",
        Some(json!({"password": PASSWORD})),
    );
    assert_eq!(off.status, 204);
    assert_eq!(h.sign_in(creds).status, 200);
}

#[test]
fn sign_in_events_are_logged_in_utc_without_emails_or_secrets() {
    let h = Hosted::start(&[]);
    let me = h.person("lou");
    h.sign_in(json!({"email": me.email, "password": "a wrong secret guess"}));
    // Give the server a moment to flush stderr.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let log = h.log();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains(" auth ")).collect();
    assert!(
        lines.iter().any(|l| l.contains("event=login outcome=ok")),
        "{log}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("event=login outcome=failure")),
        "{log}"
    );
    assert!(
        lines.iter().any(|l| l.contains("event=sign-up outcome=ok")),
        "{log}"
    );
    for line in &lines {
        let at = line.split(' ').next().unwrap();
        assert!(
            at.ends_with('Z') && at.parse::<jiff::Timestamp>().is_ok(),
            "a UTC time first: {line}"
        );
    }
    let token = &me.cookie[me.cookie.find('=').unwrap() + 1..];
    for secret in [
        me.email.as_str(),
        PASSWORD,
        "a wrong secret guess",
        token,
        &me.csrf,
        "127.0.0.1",
    ] {
        assert!(!log.contains(secret), "the log holds {secret:?}: {log}");
    }
}

#[test]
fn new_accounts_from_one_address_are_limited_per_minute() {
    let h = Hosted::start_alone(&["--max-signups-per-minute", "2"]);
    let codes: Vec<u16> = (0..3)
        .map(|i| {
            let email = format!("many-{i}-{}@example.org", uuid::Uuid::now_v7().simple());
            h.sign_up(&email).status
        })
        .collect();
    assert_eq!(codes, [201, 201, 429]);
}

#[test]
fn an_invite_link_opened_while_signed_out_comes_back_after_sign_in() {
    let h = Hosted::start(&[]);
    let me = h.person("max");
    let opened = h.call("GET", "/partners/accept?code=ABCD-EFGH-JKLM", &[], None);
    assert_eq!(opened.status, 303);
    let login = opened.header("location").unwrap().to_owned();
    assert_eq!(
        login,
        "/login?next=%2Fpartners%2Faccept%3Fcode%3DABCD-EFGH-JKLM"
    );
    let page = h.call("GET", &login, &[], None);
    assert!(
        page.body.contains("href=\"/signup?code=ABCDEFGHJKLM\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("name=\"next\" value=\"/partners/accept?code=ABCD-EFGH-JKLM\"")
    );
    let signup = h.call("GET", "/signup?code=ABCDEFGHJKLM", &[], None);
    assert!(signup.body.contains("value=\"ABCDEFGHJKLM\""));
    // The sign-in form, sent with `next` (already URL-encoded).
    let sign_in_then = |next: &str| {
        let form = format!(
            "email={}&password=a+long+passphrase+4+me&next={next}",
            me.email.replace('@', "%40")
        );
        h.form("/login", &[], &form)
    };
    let signed = sign_in_then("%2Fpartners%2Faccept%3Fcode%3DABCD");
    assert_eq!(signed.status, 303);
    assert_eq!(
        signed.header("location"),
        Some("/partners/accept?code=ABCD")
    );
    // Another site is never a place to go next.
    let signed = sign_in_then("%2F%2Fevil.example");
    assert_eq!(signed.header("location"), Some("/"));
}

#[test]
fn thaw_migrate_brings_a_database_up_to_date_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("new.db").display());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thaw"))
        .args(["--json", "migrate", "--database-url", &url])
        .env_remove("THAW_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["schema_version"].as_i64().unwrap() >= 5);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_thaw"))
        .args(["migrate", "--database-url", "mysql://nope"])
        .env_remove("THAW_DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("sqlite:// or postgres://"));
}
