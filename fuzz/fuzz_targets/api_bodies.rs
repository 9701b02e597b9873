//! The JSON API's request bodies, through the real router: every POST and
//! PUT under `/api/v1/` of local mode (`thaw serve`), sent with the
//! session cookie to `thaw_web::router` on a SQLite store in a temporary
//! folder (`$TMPDIR`), with `tower::ServiceExt::oneshot`.
//!
//! Input: one byte that picks the route, then the body. The byte is read
//! as a letter, `a` being the first route of [`ROUTES`] (wrapping round),
//! so seeds read as `a{"mood": 4}`.
//!
//! Before the first input the store gets an activity `walk`, a value
//! `connection`, a social step `call a friend` and a self-care anchor
//! `water`, so the routes that refer to one by name can succeed. Inputs
//! that succeed add to the same store (a crash found after many inputs may
//! need the ones before it: libFuzzer's `-runs` on the crash file alone
//! shows whether it does).
//!
//! `THAW_FUZZ_SHOW=1` prints each request, its answer and the store's
//! `data_version` before and after.
//!
//! Properties, beyond "no panic":
//! - no body gets a 5xx (nor a 1xx or 3xx);
//! - a 4xx writes nothing: SQLite's `PRAGMA data_version`, read on a
//!   connection of our own, is the same before and after;
//! - a 4xx answers the API's error document (`{"error": {"code",
//!   "message", "field"}}`); a 400 is `invalid` (naming the field) or
//!   `bad_json`;
//! - a 2xx answers JSON whose ratings are 0–10 and percentages 0–100,
//!   and a check-in it created reads back the same from
//!   `GET /api/v1/checkins/{id}`.
#![no_main]

use std::sync::{Arc, Mutex, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use thaw_app::Thaw;
use thaw_core::clock::FixedClock;
use thaw_store::Store;
use tower::ServiceExt;

/// The routes, picked by the input's first byte (`a` is the first).
const ROUTES: &[(&str, &str)] = &[
    ("POST", "/api/v1/checkins"),                  // a
    ("POST", "/api/v1/journal"),                   // b
    ("POST", "/api/v1/screeners"),                 // c
    ("PUT", "/api/v1/safety-plan"),                // d
    ("PUT", "/api/v1/relapse-plan"),               // e
    ("POST", "/api/v1/activities"),                // f
    ("POST", "/api/v1/activities/walk/logs"),      // g
    ("POST", "/api/v1/activities/no%20such/logs"), // h
    ("POST", "/api/v1/activities/%FF%FE/logs"),    // i
    ("POST", "/api/v1/activity-logs"),             // j
    ("POST", "/api/v1/plan/week"),                 // k
    ("POST", "/api/v1/values"),                    // l
    ("POST", "/api/v1/value-actions"),             // m
    ("POST", "/api/v1/wins"),                      // n
    ("POST", "/api/v1/social/steps"),              // o
    ("POST", "/api/v1/social/attempts"),           // p
    ("POST", "/api/v1/selfcare"),                  // q
    ("POST", "/api/v1/selfcare/done"),             // r
];

/// The address the router believes it serves (nothing is bound).
const HOST: &str = "127.0.0.1:7878";

/// Ratings (0–10) and percentages (0–100) as the API's answers name them.
const RATINGS: &[&str] = &[
    "mood",
    "numbness",
    "energy",
    "pleasure",
    "connection",
    "predicted",
    "actual",
    "before",
    "after",
];
const PERCENTS: &[&str] = &["difficulty", "comfort", "latest_comfort"];

struct Harness {
    rt: tokio::runtime::Runtime,
    app: Router,
    cookie: String,
    /// Our own connection to the store's file, for `PRAGMA data_version`.
    watch: Mutex<rusqlite::Connection>,
    _dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("thaw-fuzz-api-")
            .tempdir()
            .expect("a temporary folder");
        let path = dir.path().join("thaw.db");
        let store = Store::open_sqlite(&path).expect("the store opens");
        let owner = store.local_person().expect("the local person");
        let settings = thaw_core::Settings {
            timezone: Some("Europe/Berlin".to_owned()),
            country: None,
        };
        let thaw = Thaw::new(Arc::new(store), owner, settings);
        let clock = Arc::new(FixedClock(
            "2026-03-10T11:00:00Z".parse().expect("a timestamp"),
        ));
        let config = thaw_web::Config {
            addr: HOST.parse().expect("an address"),
            data_dir: dir.path().display().to_string(),
        };
        let (app, state) = thaw_web::router(thaw, clock, &config);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");

        // Sign in with the one-time link, as a browser would.
        let login = state.login_url();
        let path_and_query = login
            .split_once(HOST)
            .map(|(_, p)| p.to_owned())
            .expect("the login link names the host");
        let request = Request::get(path_and_query)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .expect("a request");
        let response = rt
            .block_on(app.clone().oneshot(request))
            .expect("infallible");
        let cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("the login sets the session cookie")
            .to_owned();

        let watch = rusqlite::Connection::open(&path).expect("a second connection");
        let h = Self {
            rt,
            app,
            cookie,
            watch: Mutex::new(watch),
            _dir: dir,
        };
        for (path, body) in [
            (
                "/api/v1/activities",
                r#"{"name": "walk", "every": "daily", "time": "08:00"}"#,
            ),
            ("/api/v1/values", r#"{"name": "connection"}"#),
            (
                "/api/v1/social/steps",
                r#"{"name": "call a friend", "difficulty": 30}"#,
            ),
            ("/api/v1/selfcare", r#"{"name": "water", "every": "daily"}"#),
        ] {
            let (status, answer) = h.send("POST", path, body.as_bytes().to_vec());
            assert!(
                status.is_success(),
                "seeding {path}: {status} {}",
                String::from_utf8_lossy(&answer)
            );
        }
        h
    }

    fn send(&self, method: &str, path: &str, body: Vec<u8>) -> (StatusCode, Vec<u8>) {
        let request = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).expect("a method"))
            .uri(path)
            .header(header::HOST, HOST)
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .expect("a request");
        self.rt.block_on(async {
            let response = self.app.clone().oneshot(request).await.expect("infallible");
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("the answer's body");
            (status, bytes.to_vec())
        })
    }

    fn data_version(&self) -> i64 {
        self.watch
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .query_row("PRAGMA data_version", [], |row| row.get(0))
            .expect("PRAGMA data_version")
    }
}

/// `THAW_FUZZ_SHOW=1`: print each request's answer (to see what a crash
/// file or a seed does: run the target on it with `-runs=1`).
fn show() -> bool {
    static SHOW: OnceLock<bool> = OnceLock::new();
    *SHOW.get_or_init(|| std::env::var_os("THAW_FUZZ_SHOW").is_some_and(|v| v == "1"))
}

fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(Harness::new)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let (method, path) = ROUTES[usize::from(pick.wrapping_sub(b'a')) % ROUTES.len()];
    let h = harness();

    let before = h.data_version();
    let (status, answer) = h.send(method, path, body.to_vec());
    let after = h.data_version();
    let shown = String::from_utf8_lossy(&answer);
    if show() {
        eprintln!("{method} {path} → {status} (data_version {before} → {after}): {shown}");
    }

    assert!(
        !status.is_server_error(),
        "{method} {path} answered {status}: {shown}"
    );
    assert!(
        status.is_success() || status.is_client_error(),
        "{method} {path} answered {status}: {shown}"
    );

    if status.is_client_error() {
        assert_eq!(
            before, after,
            "{method} {path} was refused ({status}) but wrote to the store: {shown}"
        );
        let doc: Value = serde_json::from_slice(&answer).unwrap_or_else(|e| {
            panic!("{method} {path} {status}: the answer is not JSON ({e}): {shown}")
        });
        let error = &doc["error"];
        let code = error["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code: {shown}"));
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| !m.trim().is_empty()),
            "no message: {shown}"
        );
        if status == StatusCode::BAD_REQUEST {
            assert!(
                code == "invalid" || code == "bad_json",
                "a 400 with code {code:?}: {shown}"
            );
        }
        if code == "invalid" {
            assert!(
                error["field"]
                    .as_str()
                    .is_some_and(|f| !f.trim().is_empty()),
                "an invalid body that names no field: {shown}"
            );
        }
        return;
    }

    let doc: Value = serde_json::from_slice(&answer).unwrap_or_else(|e| {
        panic!("{method} {path} {status}: the answer is not JSON ({e}): {shown}")
    });
    in_range(&doc, &format!("{method} {path}"));

    if path == "/api/v1/checkins" {
        assert_eq!(status, StatusCode::CREATED, "{shown}");
        let id = doc["id"]
            .as_str()
            .unwrap_or_else(|| panic!("a check-in without an id: {shown}"));
        let (got, stored) = h.send("GET", &format!("/api/v1/checkins/{id}"), Vec::new());
        assert_eq!(got, StatusCode::OK, "the new check-in {id} cannot be read");
        let stored: Value = serde_json::from_slice(&stored).expect("JSON");
        assert_eq!(
            stored, doc,
            "the check-in read back differs from the one created"
        );
    }
});

/// Ratings 0–10 and percentages 0–100, anywhere in an answer.
fn in_range(v: &Value, what: &str) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let max = if RATINGS.contains(&k.as_str()) {
                    Some(10)
                } else if PERCENTS.contains(&k.as_str()) {
                    Some(100)
                } else {
                    None
                };
                if let Some(max) = max {
                    if !v.is_null() {
                        assert!(
                            v.as_u64().is_some_and(|n| n <= max),
                            "{what}: {k} = {v} in an answer"
                        );
                    }
                }
                in_range(v, what);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| in_range(i, what)),
        _ => {}
    }
}
