//! End-to-end: the real `thaw serve` over real HTTP on loopback.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use thaw_testkit::server::Served;

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

fn start() -> (tempfile::TempDir, Served) {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(bin(), &dir.path().join("data")).unwrap();
    (dir, served)
}

fn cli_checkins(data: &Path) -> Vec<Value> {
    let out = Command::new(bin())
        .arg("--data-dir")
        .arg(data)
        .args(["--json", "checkins"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["checkins"].as_array().unwrap().clone()
}

#[test]
fn without_the_cookie_nothing_is_shown() {
    let (_dir, s) = start();
    let page = s.get("/", &[]).unwrap();
    assert_eq!(page.status, 401);
    assert!(page.body.contains("thaw serve"), "says what to do");
    let api = s.get("/api/v1/checkins", &[]).unwrap();
    assert_eq!(api.status, 401);
    let err: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(err["error"]["code"], "unauthorized");
    assert_eq!(
        s.get("/history", &[("Cookie", "thaw_session=guess")])
            .unwrap()
            .status,
        401
    );
    assert_eq!(s.get("/healthz", &[]).unwrap().body, "ok");
}

#[test]
fn the_link_works_once_and_opens_the_today_page() {
    let (_dir, s) = start();
    let cookie = s.login().unwrap();
    assert!(s.login().is_err(), "the link works once");
    let first = s.get(&s.login_url.replace(&s.base, ""), &[]).unwrap();
    assert_eq!(first.status, 401);
    let today = s.get("/", &[("Cookie", &cookie)]).unwrap();
    assert_eq!(today.status, 200);
    assert!(today.body.contains("How are you right now?"));
    assert!(
        today.body.contains("Nothing leaves this machine"),
        "first-run notice"
    );
    for path in [
        "/history",
        "/journal",
        "/api/v1/feelings",
        "/api/v1/journal",
    ] {
        assert_eq!(
            s.get(path, &[("Cookie", &cookie)]).unwrap().status,
            200,
            "{path}"
        );
    }
}

#[test]
fn the_cookie_is_private_and_pages_carry_security_headers() {
    let (_dir, s) = start();
    let path = s.login_url.replace(&s.base, "");
    let login = s.get(&path, &[]).unwrap();
    let cookie = login.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let page = s
        .get("/", &[("Cookie", cookie.split(';').next().unwrap())])
        .unwrap();
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(
        page.header("referrer-policy"),
        Some("same-origin"),
        "no-referrer would make Chromium send `Origin: null` on our own forms"
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(
        !page.body.contains("<script>") && !page.body.contains("style=\""),
        "no inline script or style"
    );
}

#[test]
fn forged_requests_are_refused_and_write_nothing() {
    let (dir, s) = start();
    let cookie = s.login().unwrap();
    let json = [
        ("Cookie", cookie.as_str()),
        ("Content-Type", "application/json"),
    ];
    // Another site's form or fetch.
    let evil = s
        .post(
            "/api/v1/checkins",
            &[json[0], json[1], ("Origin", "http://evil.example")],
            r#"{"mood": 4}"#,
        )
        .unwrap();
    assert_eq!(evil.status, 403);
    let evil_form = s
        .post(
            "/checkin",
            &[("Cookie", &cookie), ("Origin", "http://evil.example")],
            "mood=4",
        )
        .unwrap();
    assert_eq!(evil_form.status, 403);
    let fetch_meta = s
        .post(
            "/checkin",
            &[("Cookie", &cookie), ("Sec-Fetch-Site", "cross-site")],
            "mood=4",
        )
        .unwrap();
    assert_eq!(fetch_meta.status, 403);
    // DNS rebinding: the right socket, the wrong name.
    let rebound = s
        .get("/", &[("Cookie", &cookie), ("Host", "attacker.example")])
        .unwrap();
    assert!(
        rebound.status >= 400 && !rebound.body.contains("How are you"),
        "{}",
        rebound.status
    );
    let rebound_api = s
        .get(
            "/api/v1/checkins",
            &[("Cookie", &cookie), ("Host", "attacker.example:80")],
        )
        .unwrap();
    assert!(rebound_api.status >= 400 && !rebound_api.body.contains("checkins"));
    // Bad values.
    let eleven = s
        .post("/api/v1/checkins", &json, r#"{"mood": 11}"#)
        .unwrap();
    assert_eq!(eleven.status, 400);
    let err: Value = serde_json::from_str(&eleven.body).unwrap();
    assert_eq!(err["error"]["field"], "mood");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("0 to 10")
    );
    assert_eq!(
        s.post("/api/v1/checkins", &json, "{not json")
            .unwrap()
            .status,
        400
    );
    assert_eq!(
        s.post("/api/v1/checkins", &json, r#"{"at": "yesterdayish"}"#)
            .unwrap()
            .status,
        400
    );
    let bad_form = s
        .post(
            "/checkin",
            &[("Cookie", &cookie), ("Origin", &s.base)],
            "mood=12&note=keep+me",
        )
        .unwrap();
    assert_eq!(bad_form.status, 400);
    assert!(
        bad_form.body.contains("keep me"),
        "the form keeps what was typed"
    );
    drop(s);
    assert!(
        cli_checkins(&dir.path().join("data")).is_empty(),
        "nothing was written"
    );
}

#[test]
fn a_check_in_from_the_web_is_seen_by_the_command_line() {
    let (dir, s) = start();
    let cookie = s.login().unwrap();
    let form = "mood=4&numbness=7&energy=&feel=I+feel+detached&feel_own=foggy&triggers=poor+sleep&plan=short+walk";
    let saved = s
        .post(
            "/checkin",
            &[
                ("Cookie", &cookie),
                ("Origin", &s.base),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            form,
        )
        .unwrap();
    assert_eq!(saved.status, 303);
    assert_eq!(saved.header("location"), Some("/?saved=1"));
    let api = s
        .post(
            "/api/v1/checkins",
            &[("Cookie", &cookie), ("Content-Type", "application/json")],
            r#"{"mood": 6, "note": "from the API", "at": "2026-03-01T23:30:00-05:00"}"#,
        )
        .unwrap();
    assert_eq!(api.status, 201);
    let created: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(created["at"], "2026-03-01T23:30:00-05:00");
    let one = s
        .get(
            &format!("/api/v1/checkins/{}", created["id"].as_str().unwrap()),
            &[("Cookie", &cookie)],
        )
        .unwrap();
    assert_eq!(serde_json::from_str::<Value>(&one.body).unwrap(), created);
    assert_eq!(
        s.get("/api/v1/checkins/not-an-id", &[("Cookie", &cookie)])
            .unwrap()
            .status,
        404
    );
    let listed: Value = serde_json::from_str(
        &s.get("/api/v1/checkins", &[("Cookie", &cookie)])
            .unwrap()
            .body,
    )
    .unwrap();
    assert_eq!(listed["checkins"].as_array().unwrap().len(), 2);
    let history = s.get("/history?days=365", &[("Cookie", &cookie)]).unwrap();
    assert!(history.body.contains("<svg") && history.body.contains("I feel detached"));
    assert_eq!(
        s.get("/history?days=lots", &[("Cookie", &cookie)])
            .unwrap()
            .status,
        400
    );

    let cli = cli_checkins(&dir.path().join("data"));
    let web = cli.iter().find(|c| c["plan"] == "short walk").unwrap();
    assert_eq!(
        (web["mood"].as_u64(), web["numbness"].as_u64()),
        (Some(4), Some(7))
    );
    assert!(web["energy"].is_null());
    assert_eq!(
        web["sensations"],
        serde_json::json!(["I feel detached", "foggy"])
    );
    assert_eq!(web["triggers"], serde_json::json!(["poor sleep"]));
}

#[test]
fn the_journal_writes_searches_and_filters() {
    let (_dir, s) = start();
    let cookie = s.login().unwrap();
    let h = [("Cookie", cookie.as_str()), ("Origin", s.base.as_str())];
    assert_eq!(
        s.post("/journal", &h, "text=Walked+past+the+bakery&tags=outside")
            .unwrap()
            .status,
        303
    );
    assert_eq!(
        s.post(
            "/journal",
            &h,
            "text=Numb+after+calls+with+dad&for_therapy=1"
        )
        .unwrap()
        .status,
        303
    );
    assert_eq!(s.post("/journal", &h, "text=+++").unwrap().status, 400);
    let found = s.get("/journal?q=bakery", &[h[0]]).unwrap();
    assert!(
        found.body.contains("Walked past the bakery") && !found.body.contains("calls with dad")
    );
    let therapy = s.get("/journal?therapy=1", &[h[0]]).unwrap();
    assert!(therapy.body.contains("calls with dad") && !therapy.body.contains("bakery"));
    let api: Value =
        serde_json::from_str(&s.get("/api/v1/journal?search=dad", &[h[0]]).unwrap().body).unwrap();
    assert_eq!(api["entries"].as_array().unwrap().len(), 1);
    let created = s
        .post(
            "/api/v1/journal",
            &[h[0], ("Content-Type", "application/json")],
            r#"{"text": "via api", "for_therapy": true, "tags": ["x"]}"#,
        )
        .unwrap();
    assert_eq!(created.status, 201);
    assert_eq!(
        s.post("/api/v1/journal", &[h[0]], r#"{"text": 5}"#)
            .unwrap()
            .status,
        400
    );
}

#[test]
fn the_openapi_document_is_served() {
    let (_dir, s) = start();
    let doc: Value = serde_json::from_str(&s.get("/api/openapi.json", &[]).unwrap().body).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc["paths"]["/api/v1/checkins"]["post"].is_object());
}

#[test]
fn serve_refuses_a_network_address_and_explains_multi_user() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(bin())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--no-open", "--addr", "0.0.0.0:7878"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--multi-user") && err.contains("--addr"),
        "{err}"
    );
}

#[test]
fn help_now_needs_no_sign_in_and_every_page_links_to_it() {
    let (_dir, s) = start();
    let help = s.get("/help-now", &[]).unwrap();
    assert_eq!(help.status, 200);
    assert!(help.body.contains("immediate danger"));
    let locked = s.get("/", &[]).unwrap();
    assert!(
        locked.body.contains("href=\"/help-now\""),
        "the locked page links to help"
    );
    let cookie = s.login().unwrap();
    for path in [
        "/",
        "/history",
        "/journal",
        "/screen",
        "/safety-plan",
        "/relapse-plan",
        "/screen/phq9",
    ] {
        let page = s.get(path, &[("Cookie", &cookie)]).unwrap();
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains("href=\"/help-now\""),
            "{path} links to help"
        );
    }
}

#[test]
fn screeners_and_plans_through_the_api() {
    let (_dir, s) = start();
    let cookie = s.login().unwrap();
    let h = [
        ("Cookie", cookie.as_str()),
        ("Content-Type", "application/json"),
    ];
    let r = s
        .post(
            "/api/v1/screeners",
            &h,
            r#"{"instrument": "phq9", "answers": [0,0,0,0,0,0,0,0,1]}"#,
        )
        .unwrap();
    assert_eq!(r.status, 201);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["item9_positive"], true);
    assert!(!v["crisis_resources"].as_array().unwrap().is_empty());
    for bad in [
        r#"{"instrument": "phq9", "answers": [1,1]}"#,
        r#"{"instrument": "phq10", "answers": [1]}"#,
        r#"{"instrument": "gad7", "answers": [1,1,"x",1,1,1,1]}"#,
    ] {
        let r = s.post("/api/v1/screeners", &h, bad).unwrap();
        assert_eq!(r.status, 400, "{bad}");
    }
    let list: Value =
        serde_json::from_str(&s.get("/api/v1/screeners", &[h[0]]).unwrap().body).unwrap();
    assert_eq!(
        list["screenings"].as_array().unwrap().len(),
        1,
        "refused answers wrote nothing"
    );
    let put = thaw_testkit::http::request(
        s.addr,
        "PUT",
        "/api/v1/safety-plan",
        &h,
        Some(
            br#"{"warning_signs": ["Not answering messages"], "reasons_for_living": ["The dog"]}"#,
        ),
    )
    .unwrap();
    assert_eq!(put.status, 200);
    let plan: Value =
        serde_json::from_str(&s.get("/api/v1/safety-plan", &[h[0]]).unwrap().body).unwrap();
    assert_eq!(plan["reasons_for_living"], serde_json::json!(["The dog"]));
    let bad = thaw_testkit::http::request(
        s.addr,
        "PUT",
        "/api/v1/safety-plan",
        &h,
        Some(br#"{"hobbies": ["x"]}"#),
    )
    .unwrap();
    assert_eq!(bad.status, 400);
    let journal = s
        .post(
            "/api/v1/journal",
            &h,
            r#"{"text": "I've thought about how I would do it."}"#,
        )
        .unwrap();
    let j: Value = serde_json::from_str(&journal.body).unwrap();
    assert_eq!(j["risk_flag"], true);
    let form = s
        .post(
            "/journal",
            &[h[0], ("Origin", s.base.as_str())],
            "text=Nobody+would+even+notice+if+I+was+gone",
        )
        .unwrap();
    assert_eq!(form.header("location"), Some("/journal?saved=1&support=1"));
    let page = s.get("/journal?saved=1&support=1", &[h[0]]).unwrap();
    assert!(
        page.body.find("talk to someone").unwrap()
            < page.body.find("Saved to your journal").unwrap()
    );
}

#[test]
fn a_screener_page_by_page_without_javascript() {
    let (_dir, s) = start();
    let cookie = s.login().unwrap();
    let step = s
        .get("/screen/phq2?answers=&next=2", &[("Cookie", &cookie)])
        .unwrap();
    assert!(step.body.contains("Question 2 of 2") && step.body.contains("method=\"post\""));
    let saved = s
        .post(
            "/screen/phq2",
            &[("Cookie", &cookie), ("Origin", &s.base)],
            "answers=2&next=1",
        )
        .unwrap();
    assert_eq!(saved.status, 303);
    let result = s
        .get(saved.header("location").unwrap(), &[("Cookie", &cookie)])
        .unwrap();
    assert!(
        result.body.contains("Your total is 3 of 6"),
        "{}",
        result.body
    );
    let tampered = s
        .post(
            "/screen/phq2",
            &[("Cookie", &cookie), ("Origin", &s.base)],
            "answers=9&next=1",
        )
        .unwrap();
    assert_eq!(tampered.status, 400);
}

#[test]
fn the_patterns_page_shows_words_and_charts() {
    let (dir, s) = start();
    let cookie = s.login().unwrap();
    let empty = s.get("/insights", &[("Cookie", &cookie)]).unwrap();
    assert!(empty.body.contains("Not enough data yet"));
    drop(s);
    let data = dir.path().join("data");
    let now = jiff::Timestamp::now();
    for day in 0..20i64 {
        let at = now
            .checked_sub(jiff::SignedDuration::from_hours(24 * day))
            .unwrap()
            .to_string();
        let numb = if day % 2 == 0 { "3" } else { "7" };
        let ok = Command::new(bin())
            .arg("--data-dir")
            .arg(&data)
            .args(["checkin", "--numbness", numb, "--mood", "5", "--at", &at])
            .output()
            .unwrap();
        assert!(ok.status.success());
    }
    let s = Served::start(bin(), &data).unwrap();
    let cookie = s.login().unwrap();
    let page = s.get("/insights?days=30", &[("Cookie", &cookie)]).unwrap();
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("usual numbness") && page.body.contains("not proof"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Numbness over time") && page.body.contains("<svg"));
    assert_eq!(
        s.get("/insights?days=0", &[("Cookie", &cookie)])
            .unwrap()
            .status,
        400
    );
}

/// Found by fuzzing (`fuzz/fuzz_targets/api_bodies.rs`): a plan body with
/// a blank key was refused naming a blank field.
#[test]
fn regression_a_blank_plan_section_is_refused_as_section() {
    let (_dir, s) = start();
    let cookie = s.login().unwrap();
    let headers = [
        ("Cookie", cookie.as_str()),
        ("Content-Type", "application/json"),
    ];
    for body in [r#"{"":5}"#, r#"{" ":5}"#, r#"{"":[1]}"#, r#"{"hobbies":5}"#] {
        for path in ["/api/v1/safety-plan", "/api/v1/relapse-plan"] {
            let r =
                thaw_testkit::http::request(s.addr, "PUT", path, &headers, Some(body.as_bytes()))
                    .unwrap();
            assert_eq!(r.status, 400, "{path} {body}");
            let v: Value = serde_json::from_str(&r.body).unwrap();
            assert_eq!(v["error"]["field"], "section", "{path} {body}: {}", r.body);
        }
    }
}
