//! End-to-end: the re-engagement JSON API (activities and logs, today,
//! the week, values, wins, the social ladder, self-care) through the real
//! `thaw serve` over real HTTP on loopback.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use serde_json::{Value, json};
use thaw_testkit::http;
use thaw_testkit::web::Web;

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

/// A signed-in client of a fresh server.
struct Api {
    w: Web,
}

impl Api {
    fn start() -> Self {
        Self {
            w: Web::start(bin()),
        }
    }

    fn answer(r: &http::Response) -> Value {
        if r.body.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&r.body)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", r.status, r.body))
        }
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let r = self.w.s.get(path, &[("Cookie", &self.w.cookie)]).unwrap();
        (r.status, Self::answer(&r))
    }

    fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.post_raw(path, &body.to_string())
    }

    fn post_raw(&self, path: &str, body: &str) -> (u16, Value) {
        let r = self
            .w
            .s
            .post(
                path,
                &[
                    ("Cookie", &self.w.cookie),
                    ("Content-Type", "application/json"),
                ],
                body,
            )
            .unwrap();
        (r.status, Self::answer(&r))
    }

    fn delete(&self, path: &str) -> (u16, Value) {
        let r = http::request(
            self.w.s.addr,
            "DELETE",
            path,
            &[("Cookie", &self.w.cookie)],
            None,
        )
        .unwrap();
        (r.status, Self::answer(&r))
    }

    /// A list in a GET answer.
    fn list(&self, path: &str, key: &str) -> Vec<Value> {
        let (status, v) = self.get(path);
        assert_eq!(status, 200, "{path}: {v}");
        v[key]
            .as_array()
            .unwrap_or_else(|| panic!("{path} has no {key}: {v}"))
            .clone()
    }

    /// Posts `body`, expecting 400 naming `field`.
    fn refused(&self, path: &str, body: &Value, field: &str) {
        let (status, v) = self.post(path, body);
        assert_eq!(status, 400, "{path} {body}: {v}");
        assert_eq!(v["error"]["code"], "invalid", "{v}");
        assert_eq!(v["error"]["field"], field, "{path} {body}: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
}

#[test]
fn activities_and_their_logs_round_trip() {
    let api = Api::start();
    let (status, added) = api.post(
        "/api/v1/activities",
        &json!({"name": "walk", "small": "walk to the corner", "minimal": "step outside",
                "expect": "notice one thing", "values": ["health"], "every": "mon,wed,fri", "time": "08:00"}),
    );
    assert_eq!(status, 201, "{added}");
    assert_eq!(
        added["every"], "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "canonical RRULE"
    );
    assert_eq!(added["values"], json!(["health"]));
    // A starter's name brings its smaller versions.
    let (status, starter) = api.post("/api/v1/activities", &json!({"name": "text a friend"}));
    assert_eq!(status, 201);
    assert!(starter["small"].is_string() && starter["every"].is_null());

    let listed = api.list("/api/v1/activities", "activities");
    assert_eq!(listed.len(), 2);
    let walk = listed.iter().find(|a| a["name"] == "walk").unwrap();
    assert_eq!(walk["minimal"], "step outside");
    assert!(
        walk["steadiness"].is_null() || walk["steadiness"].as_u64().is_some_and(|s| s <= 100),
        "{walk}"
    );
    let unscheduled = listed
        .iter()
        .find(|a| a["name"] == "text a friend")
        .unwrap();
    assert!(unscheduled["steadiness"].is_null());
    assert!(api.list("/api/v1/activities", "starters").len() >= 30);

    // Refused: nothing is stored.
    api.refused(
        "/api/v1/activities",
        &json!({"name": "swim", "every": "FREQ=SOMETIMES"}),
        "every",
    );
    api.refused(
        "/api/v1/activities",
        &json!({"name": "swim", "time": "8am"}),
        "time",
    );
    api.refused(
        "/api/v1/activities",
        &json!({"name": "swim", "values": "health"}),
        "values",
    );
    api.refused("/api/v1/activities", &json!({"name": 5}), "name");
    api.refused("/api/v1/activities", &json!({}), "name");
    assert_eq!(api.list("/api/v1/activities", "activities").len(), 2);

    // Logs, by address or by body.
    let (status, log) = api.post(
        "/api/v1/activities/walk/logs",
        &json!({"predicted": 3, "actual": 6, "at": "2026-03-02 09:00", "note": "sunny"}),
    );
    assert_eq!(status, 201, "{log}");
    assert_eq!(log["activity"], "walk");
    assert_eq!(
        (log["tier"].as_str(), log["status"].as_str()),
        (Some("full"), Some("done"))
    );
    assert!(
        log["gap"]
            .as_str()
            .unwrap()
            .contains("better than you expected, by 3")
    );
    let (status, log) = api.post(
        "/api/v1/activity-logs",
        &json!({"activity": "text a friend", "tier": "small", "status": "partial", "at": "2026-03-04T18:00:00+01:00"}),
    );
    assert_eq!(status, 201, "{log}");
    assert!(log["gap"].is_null());
    let (status, spaced) = api.post(
        "/api/v1/activities/text%20a%20friend/logs",
        &json!({"status": "skipped", "at": "2026-03-10 18:00"}),
    );
    assert_eq!(
        (status, spaced["activity"].as_str()),
        (201, Some("text a friend"))
    );

    for (body, field) in [
        (json!({"activity": "walk", "predicted": "3"}), "predicted"),
        (json!({"activity": "walk", "actual": 11}), "actual"),
        (json!({"activity": "walk", "status": "failed"}), "status"),
        (json!({"activity": "walk", "tier": "huge"}), "tier"),
        (json!({"activity": "walk", "at": "yesterdayish"}), "at"),
        (json!({"activity": ""}), "activity"),
    ] {
        api.refused("/api/v1/activity-logs", &body, field);
    }
    assert_eq!(api.list("/api/v1/activity-logs", "activity_logs").len(), 3);
    let early = api.list(
        "/api/v1/activity-logs?from=2026-03-01&to=2026-03-05",
        "activity_logs",
    );
    assert_eq!(early.len(), 2);
    assert_eq!(early[0]["activity"], "walk", "oldest first");
    let (status, v) = api.get("/api/v1/activity-logs?from=soon");
    assert_eq!((status, v["error"]["field"].as_str()), (400, Some("from")));
    let (status, v) = api.get("/api/v1/activity-logs?from=2026-03-05&to=2026-03-01");
    assert_eq!((status, v["error"]["field"].as_str()), (400, Some("from")));
}

#[test]
fn today_fits_the_energy_and_the_week_is_accepted_all_or_nothing() {
    let api = Api::start();
    let (status, _) = api.post(
        "/api/v1/activities",
        &json!({"name": "walk", "small": "walk to the corner", "minimal": "step outside",
                "every": "daily", "time": "08:00"}),
    );
    assert_eq!(status, 201);
    let (status, plan) = api.get("/api/v1/today?energy=2&date=2026-03-25");
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["date"], "2026-03-25");
    assert_eq!(plan["energy"], 2);
    let item = &plan["items"][0];
    assert_eq!(
        (item["activity"].as_str(), item["tier"].as_str()),
        (Some("walk"), Some("minimal"))
    );
    assert_eq!(item["text"], "step outside");
    assert!(plan["grounding"]["technique"].is_string());
    assert!(plan["selfcare"].is_array() && plan["values"].is_array());
    let (_, full) = api.get("/api/v1/today?energy=8&date=2026-03-25");
    assert_eq!(full["items"][0]["tier"], "full");
    let (status, _) = api.get("/api/v1/today");
    assert_eq!(status, 200, "today, with the latest check-in's energy");
    for (query, field) in [
        ("energy=11", "energy"),
        ("energy=lots", "energy"),
        ("date=2026-13-01", "date"),
    ] {
        let (status, v) = api.get(&format!("/api/v1/today?{query}"));
        assert_eq!(
            (status, v["error"]["field"].as_str()),
            (400, Some(field)),
            "{query}"
        );
    }

    let (status, week) = api.get("/api/v1/plan/week?date=2026-03-25");
    assert_eq!(status, 200, "{week}");
    assert_eq!(week["week_of"], "2026-03-23");
    let items = week["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(
        items
            .iter()
            .all(|i| i["activity"]["every"].is_string() && i["days"].is_string())
    );
    let proposed: Vec<Value> = items.iter().map(|i| i["activity"].clone()).collect();

    // One refused activity: none is saved.
    let mut bad = proposed.clone();
    bad[1]["every"] = json!("FREQ=SOMETIMES");
    api.refused(
        "/api/v1/plan/week",
        &json!({"activities": bad}),
        "activities[1].every",
    );
    api.refused(
        "/api/v1/plan/week",
        &json!({"activities": [proposed[0], 7]}),
        "activities[1]",
    );
    api.refused(
        "/api/v1/plan/week",
        &json!({"activities": "all"}),
        "activities",
    );
    assert_eq!(api.list("/api/v1/activities", "activities").len(), 1);

    let mut adjusted = proposed.clone();
    adjusted[2]["time"] = json!("09:15");
    let (status, accepted) = api.post("/api/v1/plan/week", &json!({"activities": adjusted}));
    assert_eq!(status, 200, "{accepted}");
    assert_eq!(accepted["activities"].as_array().unwrap().len(), 3);
    let listed = api.list("/api/v1/activities", "activities");
    assert_eq!(listed.len(), 4);
    let third = listed
        .iter()
        .find(|a| a["name"] == proposed[2]["name"])
        .unwrap();
    assert_eq!(third["time"], "09:15");
    assert!(third["every"].as_str().unwrap().starts_with("FREQ="));
}

#[test]
fn values_and_value_actions_round_trip() {
    let api = Api::start();
    assert!(api.list("/api/v1/values", "values").is_empty());
    let choices = api.list("/api/v1/values", "choices");
    assert!(
        choices
            .iter()
            .any(|c| c["name"] == "connection" && c["about"].is_string())
    );
    for name in ["Connection", "nature", "calm"] {
        let (status, v) = api.post(
            "/api/v1/values",
            &json!({"name": name, "why": "it matters"}),
        );
        assert_eq!(status, 201, "{v}");
    }
    api.refused("/api/v1/values", &json!({"name": "play"}), "value");
    let values = api.list("/api/v1/values", "values");
    assert_eq!(values.len(), 3, "a fourth value is not stored");
    assert_eq!(values[0]["name"], "connection");
    let (status, v) = api.post(
        "/api/v1/values",
        &json!({"name": "calm", "why": "quiet mornings"}),
    );
    assert_eq!(
        (status, v["why"].as_str()),
        (200, Some("quiet mornings")),
        "an update"
    );
    api.refused("/api/v1/values", &json!({"name": "calm", "why": 3}), "why");

    let (status, _) = api.delete("/api/v1/values/calm");
    assert_eq!(status, 204);
    let (status, v) = api.delete("/api/v1/values/calm");
    assert_eq!(
        (status, v["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    assert_eq!(api.list("/api/v1/values", "values").len(), 2);

    let (status, action) = api.post(
        "/api/v1/value-actions",
        &json!({"value": "nature", "text": "looked at the sky", "at": "2026-03-02 10:00"}),
    );
    assert_eq!(status, 201, "{action}");
    assert_eq!(action["value"], "nature");
    assert!(
        action["id"].is_string()
            && action["at"]
                .as_str()
                .unwrap()
                .starts_with("2026-03-02T10:00")
    );
    api.refused(
        "/api/v1/value-actions",
        &json!({"value": "fame", "text": "posted"}),
        "value",
    );
    api.refused(
        "/api/v1/value-actions",
        &json!({"value": "nature", "text": " "}),
        "text",
    );
    api.refused(
        "/api/v1/value-actions",
        &json!({"value": "nature", "text": ["a"]}),
        "text",
    );
    assert_eq!(api.list("/api/v1/value-actions", "value_actions").len(), 1);
    assert!(
        api.list("/api/v1/value-actions?from=2026-03-03", "value_actions")
            .is_empty()
    );
}

#[test]
fn wins_and_the_look_back_round_trip() {
    let api = Api::start();
    let (status, win) = api.post(
        "/api/v1/wins",
        &json!({"text": "made tea", "at": "2026-03-24 10:00"}),
    );
    assert_eq!(status, 201, "{win}");
    assert_eq!(win["text"], "made tea");
    let (status, _) = api.post(
        "/api/v1/wins",
        &json!({"text": "answered a message", "at": "2026-03-10 10:00"}),
    );
    assert_eq!(status, 201);
    api.refused("/api/v1/wins", &json!({"text": "   "}), "text");
    api.refused("/api/v1/wins", &json!({"text": "x", "at": "later"}), "at");
    assert_eq!(api.list("/api/v1/wins", "wins").len(), 2);
    assert_eq!(api.list("/api/v1/wins?from=2026-03-20", "wins").len(), 1);

    api.post(
        "/api/v1/activities/walk/logs",
        &json!({"at": "2026-03-23 09:00"}),
    );
    api.post(
        "/api/v1/activities/walk/logs",
        &json!({"at": "2026-03-25 09:00", "status": "partial"}),
    );
    api.post(
        "/api/v1/activities/walk/logs",
        &json!({"at": "2026-03-25 10:00", "status": "skipped"}),
    );
    let (status, week) = api.get("/api/v1/wins/week?until=2026-03-25");
    assert_eq!(status, 200, "{week}");
    assert_eq!(
        (week["from"].as_str(), week["to"].as_str()),
        (Some("2026-03-19"), Some("2026-03-25"))
    );
    assert_eq!(week["wins"].as_array().unwrap().len(), 1);
    assert_eq!(week["activities_done"], json!([["walk", 2]]));
    let (status, v) = api.get("/api/v1/wins/week?until=someday");
    assert_eq!((status, v["error"]["field"].as_str()), (400, Some("until")));
}

#[test]
fn the_social_ladder_round_trips() {
    let api = Api::start();
    let (status, empty) = api.get("/api/v1/social");
    assert_eq!(status, 200);
    assert_eq!(
        empty,
        json!({"steps": [], "next": null, "suggestion": null})
    );
    for (name, difficulty) in [("text a friend", 20), ("call mum", 60)] {
        let (status, v) = api.post(
            "/api/v1/social/steps",
            &json!({"name": name, "difficulty": difficulty}),
        );
        assert_eq!(status, 201, "{v}");
    }
    api.refused(
        "/api/v1/social/steps",
        &json!({"name": "party", "difficulty": 101}),
        "difficulty",
    );
    api.refused(
        "/api/v1/social/steps",
        &json!({"name": "party", "difficulty": -1}),
        "difficulty",
    );
    api.refused(
        "/api/v1/social/steps",
        &json!({"name": "party", "difficulty": "hard"}),
        "difficulty",
    );
    api.refused(
        "/api/v1/social/steps",
        &json!({"name": "party"}),
        "difficulty",
    );

    let (status, tried) = api.post(
        "/api/v1/social/attempts",
        &json!({"step": "Text a friend", "comfort": 70}),
    );
    assert_eq!(status, 201, "{tried}");
    assert_eq!(tried["step"], "text a friend", "the ladder's own spelling");
    assert_eq!(tried["comfort"], 70);
    assert_eq!(tried["next"], "call mum");
    assert!(
        tried["suggestion"].as_str().unwrap().contains("call mum"),
        "{tried}"
    );
    api.refused(
        "/api/v1/social/attempts",
        &json!({"step": "call mum", "comfort": "lots"}),
        "comfort",
    );
    api.refused(
        "/api/v1/social/attempts",
        &json!({"step": "call mum", "comfort": 101}),
        "comfort",
    );
    api.refused(
        "/api/v1/social/attempts",
        &json!({"step": "go to a party", "comfort": 50}),
        "step",
    );

    let (status, ladder) = api.get("/api/v1/social");
    assert_eq!(status, 200);
    let steps = ladder["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2, "refused steps were not stored");
    assert_eq!(steps[0]["name"], "text a friend");
    assert_eq!(steps[0]["attempts"], 1, "refused attempts were not stored");
    assert_eq!(steps[1]["attempts"], 0);
    assert_eq!(ladder["next"], "call mum");
    assert!(ladder["suggestion"].as_str().unwrap().contains("call mum"));
}

#[test]
fn self_care_round_trips() {
    let api = Api::start();
    let (status, list) = api.get("/api/v1/selfcare");
    assert_eq!(status, 200);
    assert_eq!(list["suggested"], true);
    assert_eq!(list["anchors"].as_array().unwrap().len(), 6);
    assert!(
        list["today"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["done"] == false)
    );
    let (status, added) = api.post(
        "/api/v1/selfcare",
        &json!({"name": "stretch", "every": "daily", "time": "07:30"}),
    );
    assert_eq!(status, 201, "{added}");
    assert_eq!(added["every"], "FREQ=DAILY");
    api.refused(
        "/api/v1/selfcare",
        &json!({"name": "nap", "every": "FREQ=SOMETIMES"}),
        "every",
    );
    api.refused(
        "/api/v1/selfcare",
        &json!({"name": "nap", "time": "25:00"}),
        "time",
    );
    let (status, changed) = api.post(
        "/api/v1/selfcare",
        &json!({"name": "stretch", "time": "08:00"}),
    );
    assert_eq!((status, changed["time"].as_str()), (200, Some("08:00")));
    let (_, list) = api.get("/api/v1/selfcare");
    assert_eq!(list["suggested"], false);
    assert_eq!(list["anchors"].as_array().unwrap().len(), 1, "{list}");

    let (status, done) = api.post(
        "/api/v1/selfcare/done",
        &json!({"name": "Stretch", "at": "2026-03-25 08:00"}),
    );
    assert_eq!(status, 201, "{done}");
    assert_eq!(done["name"], "stretch");
    let (status, _) = api.post("/api/v1/selfcare/done", &json!({"name": "hydration"}));
    assert_eq!(status, 201, "one of the six is always fine");
    api.refused(
        "/api/v1/selfcare/done",
        &json!({"name": "juggling"}),
        "name",
    );
    let (_, plan) = api.get("/api/v1/today?date=2026-03-25");
    let stretch = plan["selfcare"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "stretch")
        .unwrap()
        .clone();
    assert_eq!(stretch["done"], true, "{plan}");

    let (status, _) = api.delete("/api/v1/selfcare/stretch");
    assert_eq!(status, 204);
    let (status, v) = api.delete("/api/v1/selfcare/stretch");
    assert_eq!(
        (status, v["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    assert_eq!(api.get("/api/v1/selfcare").1["suggested"], true);
}

#[test]
fn without_the_session_or_from_another_site_nothing_is_read_or_written() {
    let api = Api::start();
    let s = &api.w.s;
    for path in [
        "/api/v1/activities",
        "/api/v1/activity-logs",
        "/api/v1/today",
        "/api/v1/plan/week",
        "/api/v1/values",
        "/api/v1/value-actions",
        "/api/v1/wins",
        "/api/v1/wins/week",
        "/api/v1/social",
        "/api/v1/selfcare",
    ] {
        let r = s.get(path, &[]).unwrap();
        assert_eq!(r.status, 401, "{path}");
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["error"]["code"], "unauthorized", "{path}");
    }
    let json_only = [("Content-Type", "application/json")];
    for (path, body) in [
        ("/api/v1/activities", json!({"name": "walk"})),
        ("/api/v1/activities/walk/logs", json!({})),
        ("/api/v1/values", json!({"name": "calm"})),
        ("/api/v1/wins", json!({"text": "tea"})),
        (
            "/api/v1/social/steps",
            json!({"name": "wave", "difficulty": 5}),
        ),
        ("/api/v1/selfcare", json!({"name": "stretch"})),
    ] {
        let r = s.post(path, &json_only, &body.to_string()).unwrap();
        assert_eq!(r.status, 401, "{path}");
        let evil = s
            .post(
                path,
                &[
                    ("Cookie", &api.w.cookie),
                    ("Content-Type", "application/json"),
                    ("Origin", "http://evil.example"),
                ],
                &body.to_string(),
            )
            .unwrap();
        assert_eq!(evil.status, 403, "{path}");
    }
    let r = http::request(s.addr, "DELETE", "/api/v1/values/calm", &[], None).unwrap();
    assert_eq!(r.status, 401);
    let r = http::request(
        s.addr,
        "DELETE",
        "/api/v1/selfcare/sleep",
        &[("Cookie", &api.w.cookie), ("Origin", "http://evil.example")],
        None,
    )
    .unwrap();
    assert_eq!(r.status, 403);
    assert!(api.list("/api/v1/activities", "activities").is_empty());
    assert!(
        api.list("/api/v1/activity-logs", "activity_logs")
            .is_empty()
    );
    assert!(api.list("/api/v1/values", "values").is_empty());
    assert!(api.list("/api/v1/wins", "wins").is_empty());
    assert!(
        api.get("/api/v1/social").1["steps"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(api.get("/api/v1/selfcare").1["suggested"], true);
}

#[test]
fn the_openapi_document_lists_the_new_paths() {
    let api = Api::start();
    let r = api.w.s.get("/api/openapi.json", &[]).unwrap();
    assert_eq!(r.status, 200);
    let doc: Value = serde_json::from_str(&r.body).unwrap();
    for (path, method) in [
        ("/api/v1/activities", "get"),
        ("/api/v1/activities", "post"),
        ("/api/v1/activities/{name}/logs", "post"),
        ("/api/v1/activity-logs", "get"),
        ("/api/v1/activity-logs", "post"),
        ("/api/v1/today", "get"),
        ("/api/v1/plan/week", "get"),
        ("/api/v1/plan/week", "post"),
        ("/api/v1/values", "get"),
        ("/api/v1/values", "post"),
        ("/api/v1/values/{name}", "delete"),
        ("/api/v1/value-actions", "get"),
        ("/api/v1/value-actions", "post"),
        ("/api/v1/wins", "get"),
        ("/api/v1/wins", "post"),
        ("/api/v1/wins/week", "get"),
        ("/api/v1/social", "get"),
        ("/api/v1/social/steps", "post"),
        ("/api/v1/social/attempts", "post"),
        ("/api/v1/selfcare", "get"),
        ("/api/v1/selfcare", "post"),
        ("/api/v1/selfcare/{name}", "delete"),
        ("/api/v1/selfcare/done", "post"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
    let activity = &doc["components"]["schemas"]["Activity"]["properties"];
    for field in [
        "name", "small", "minimal", "expect", "values", "every", "time",
    ] {
        assert!(activity.get(field).is_some(), "Activity.{field}");
    }
    let values = &doc["components"]["schemas"]["ValueList"]["properties"]["values"]["items"];
    assert_eq!(values["$ref"], "#/components/schemas/Value", "{values}");
}

/// A small deterministic generator (xorshift), enough to vary bodies.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn text(&mut self) -> String {
        const BITS: &[&str] = &[
            "walk",
            "calm",
            "FREQ=WEEKLY;BYDAY=MO",
            "FREQ=SOMETIMES",
            "08:00",
            "25:99",
            "2026-03-01",
            "2026-03-01 10:00",
            "done",
            "small",
            "",
            " ",
            "é",
            "😶",
            "\u{0}",
            "\"",
            "<script>",
            "-1",
            "101",
            "1e999",
            "NaN",
            "mon,wed,fri",
            "daily",
            "Text a friend",
        ];
        let n = self.below(4);
        (0..n)
            .map(|_| BITS[self.below(BITS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(if self.below(2) == 0 { "" } else { " " })
    }

    fn value(&mut self, depth: u32) -> Value {
        match self.below(if depth > 1 { 6 } else { 8 }) {
            0 => Value::Null,
            1 => json!(self.below(2) == 0),
            2 => json!(self.below(250) as i64 - 50),
            3 => match self.below(4) {
                0 => json!(u64::MAX),
                1 => json!(i64::MIN),
                2 => json!(0.5),
                _ => json!(1e300),
            },
            4 | 5 => json!(self.text()),
            6 => Value::Array((0..self.below(4)).map(|_| self.value(depth + 1)).collect()),
            _ => self.object(depth + 1),
        }
    }

    fn object(&mut self, depth: u32) -> Value {
        const FIELDS: &[&str] = &[
            "name",
            "small",
            "minimal",
            "expect",
            "values",
            "every",
            "time",
            "activity",
            "tier",
            "status",
            "predicted",
            "actual",
            "at",
            "note",
            "why",
            "value",
            "text",
            "difficulty",
            "step",
            "comfort",
            "activities",
            "extra",
        ];
        let mut map = serde_json::Map::new();
        for _ in 0..self.below(7) {
            let key = FIELDS[self.below(FIELDS.len() as u64) as usize];
            map.insert(key.to_owned(), self.value(depth));
        }
        Value::Object(map)
    }
}

#[test]
fn random_bodies_and_queries_never_cause_a_server_error() {
    let api = Api::start();
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    let posts = [
        "/api/v1/activities",
        "/api/v1/activities/walk/logs",
        "/api/v1/activity-logs",
        "/api/v1/plan/week",
        "/api/v1/values",
        "/api/v1/value-actions",
        "/api/v1/wins",
        "/api/v1/social/steps",
        "/api/v1/social/attempts",
        "/api/v1/selfcare",
        "/api/v1/selfcare/done",
    ];
    // Something on the ladder and a value, so that more bodies get far.
    api.post(
        "/api/v1/social/steps",
        &json!({"name": "text a friend", "difficulty": 10}),
    );
    api.post("/api/v1/values", &json!({"name": "calm"}));
    for round in 0..12 {
        for path in posts {
            let body = match round % 4 {
                0 => g.value(0).to_string(),
                1 if path.ends_with("week") => {
                    json!({"activities": (0..g.below(3)).map(|_| g.object(1)).collect::<Vec<_>>()})
                        .to_string()
                }
                3 => {
                    let mut raw = g.object(0).to_string();
                    raw.truncate(g.below(raw.len() as u64 + 1) as usize);
                    raw
                }
                _ => g.object(0).to_string(),
            };
            let (status, answer) = api.post_raw(path, &body);
            assert!(status < 500, "{path} {body} → {status} {answer}");
            if status >= 400 {
                assert!(
                    answer["error"]["code"].is_string(),
                    "{path} {body} → {answer}"
                );
            }
        }
        let query = form_query(&mut g);
        for path in [
            "/api/v1/activity-logs",
            "/api/v1/today",
            "/api/v1/plan/week",
            "/api/v1/value-actions",
            "/api/v1/wins",
            "/api/v1/wins/week",
        ] {
            let (status, answer) = api.get(&format!("{path}?{query}"));
            assert!(status < 500, "{path}?{query} → {status} {answer}");
        }
    }
    for path in posts {
        let (status, _) = api.post_raw(path, "");
        assert_eq!(status, 400, "{path} with no body");
    }
    // The edges of the calendar, for every day-taking parameter.
    for path in [
        "/api/v1/activity-logs",
        "/api/v1/today",
        "/api/v1/plan/week",
        "/api/v1/value-actions",
        "/api/v1/wins",
        "/api/v1/wins/week",
    ] {
        for key in ["from", "to", "date", "until"] {
            for day in ["0001-01-01", "9999-12-31", "0000-01-01", "-9999-01-01"] {
                let (status, answer) = api.get(&format!("{path}?{key}={day}"));
                assert!(status < 500, "{path}?{key}={day} → {status} {answer}");
            }
        }
    }
}

fn form_query(g: &mut Gen) -> String {
    const KEYS: &[&str] = &["from", "to", "energy", "date", "until"];
    const VALUES: &[&str] = &[
        "2026-03-01",
        "2026-02-30",
        "0000-01-01",
        "9999-12-31",
        "-1",
        "11",
        "3",
        "%FF",
        "%20",
        "lots",
        "",
    ];
    (0..g.below(4))
        .map(|_| {
            format!(
                "{}={}",
                KEYS[g.below(KEYS.len() as u64) as usize],
                VALUES[g.below(VALUES.len() as u64) as usize]
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}
