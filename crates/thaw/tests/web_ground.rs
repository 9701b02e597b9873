//! End-to-end: the grounding exercises in the web app (`/ground`) through
//! the real `thaw serve` over HTTP, read back through the command line's
//! export and insights.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;
use thaw_core::grounding::{Pace, Technique, script};
use thaw_testkit::web::{Web, alert};

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

/// This suite's read of what was stored.
trait Stored {
    fn sessions(&self) -> Vec<Value>;
}

impl Stored for Web {
    /// The grounding sessions, as the JSON export has them.
    fn sessions(&self) -> Vec<Value> {
        self.everything()["grounding_sessions"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

/// Text as askama writes it into the page.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('\'', "&#39;")
        .replace('"', "&#34;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn every_exercise_page_shows_its_whole_script() {
    let w = Web::start(bin());
    let list = w.get("/ground");
    assert_eq!(list.status, 200);
    assert!(
        list.body.contains("href=\"/ground\" aria-current=\"page\""),
        "marked in the navigation"
    );
    assert!(list.body.contains("None yet"), "says what comes next");
    for technique in Technique::ALL {
        let path = format!("/ground/{}", technique.key());
        assert!(list.body.contains(&format!("href=\"{path}\"")), "{path}");
        assert!(list.body.contains(&escaped(technique.title())));
        assert!(list.body.contains(&escaped(technique.about())));

        let page = w.get(&path);
        assert_eq!(page.status, 200, "{path}");
        let s = script(technique, Pace::default());
        for (n, step) in s.steps.iter().enumerate() {
            assert!(
                page.body.contains(&escaped(&step.words)),
                "{path} step {n}: {}",
                step.words
            );
        }
        assert_eq!(
            page.body.matches("data-seconds=").count(),
            s.steps.len(),
            "{path}: one list item per step"
        );
        for needle in [
            "How numb do you feel right now?",
            "How numb do you feel now?",
            "name=\"before\" value=\"\" checked",
            "name=\"after\" value=\"\" checked",
            "name=\"duration_s\"",
            "aria-live=\"polite\"",
            "<script src=\"/static/ground.js\" defer></script>",
            &format!("action=\"{path}\""),
        ] {
            assert!(page.body.contains(needle), "{path}: {needle}");
        }
        assert!(!page.body.contains("style="), "{path}: no inline style");
    }
    // Typed notes stay on the screen: their boxes have no name to send.
    let senses = w.get("/ground/54321");
    assert_eq!(senses.body.matches("<textarea").count(), 5);
    assert!(!senses.body.contains("<textarea name"));
}

#[test]
fn the_breathing_pace_shapes_the_script_and_its_stylesheet() {
    let w = Web::start(bin());
    let default = w.get("/ground/breaths");
    assert!(default.body.contains("href=\"/ground/pace/4-4-6.css\""));
    assert!(default.body.contains("class=\"breath pace-4-4-6\""));

    let slow = w.get("/ground/breaths?pace=4-7-8");
    assert_eq!(slow.status, 200);
    assert!(
        slow.body
            .contains("In for 4 seconds, hold for 7, out for 8.")
    );
    assert!(slow.body.contains("name=\"pace\" value=\"4-7-8\""));
    assert_eq!(
        slow.body
            .matches("data-cue=\"hold\" data-seconds=\"7\"")
            .count(),
        5
    );

    // The person's own pace wins over a listed one; no hold, no hold step.
    let own = w.get("/ground/breaths?pace=4-4-6&own=3-0-5");
    assert_eq!(own.status, 200);
    assert!(own.body.contains("href=\"/ground/pace/3-0-5.css\""));
    assert!(!own.body.contains("data-cue=\"hold\""));

    let css = w.get("/ground/pace/4-7-8.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(
        css.body
            .contains("@media (prefers-reduced-motion: no-preference)")
    );
    assert!(css.body.contains("thaw-cycle-4-7-8 19s"));
    assert_eq!(w.get("/ground/pace/fast.css").status, 404);

    let js = w.get("/static/ground.js");
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().contains("javascript"));

    // A pace that can't be used: the list again, naming pace, with what was typed.
    for bad in [
        "/ground/breaths?pace=9-9",
        "/ground/breaths?pace=own&own=1-2-3",
    ] {
        let r = w.get(bad);
        assert_eq!(r.status, 400, "{bad}");
        assert!(
            r.body.contains("role=\"alert\"") && r.body.contains("pace — "),
            "{bad}"
        );
        assert!(r.body.contains("aria-invalid=\"true\""), "{bad}");
    }
    assert!(
        w.get("/ground/breaths?own=1-2-3")
            .body
            .contains("value=\"1-2-3\"")
    );
}

#[test]
fn a_session_is_stored_with_its_ratings_and_listed_without_judgement() {
    let w = Web::start(bin());
    let to = w.saved(
        "/ground/breaths",
        "before=7&after=5&duration_s=61&pace=4-7-8",
    );
    assert_eq!(to, "/ground?saved=session");
    let sessions = w.sessions();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    assert_eq!(s["technique"], "breaths");
    assert_eq!(
        (s["before"].as_u64(), s["after"].as_u64()),
        (Some(7), Some(5))
    );
    assert_eq!(s["duration_s"], 61);

    let page = w.get(&to);
    assert!(page.body.contains("role=\"status\""), "a kind confirmation");
    assert!(page.body.contains("numbness 7 → 5"));

    // Without the timer: the script's full length; ratings skipped.
    let to = w.saved("/ground/body-scan", "before=&after=");
    assert_eq!(to, "/ground?saved=session-unrated");
    let full = script(Technique::BodyScan, Pace::default()).seconds();
    let scan = w
        .sessions()
        .into_iter()
        .find(|s| s["technique"] == "body-scan")
        .unwrap();
    assert_eq!(scan["duration_s"], full);
    assert!(scan["before"].is_null() && scan["after"].is_null());

    // Numbness that rose is listed plainly, like any other.
    w.saved("/ground/senses", "before=3&after=6");
    w.saved("/ground/54321", "after=4&duration_s=999999");
    let listed = w.get("/ground").body;
    for words in ["numbness 3 → 6", "numbness 4 after", "no ratings"] {
        assert!(listed.contains(words), "{words}");
    }
    for blame in ["worse", "failed", "missed", "better"] {
        assert!(!listed.to_lowercase().contains(blame), "{blame}");
    }
    let capped = w
        .sessions()
        .into_iter()
        .find(|s| s["technique"] == "54321")
        .unwrap();
    assert_eq!(capped["duration_s"], 7200, "capped at two hours");

    // A double submit is two sessions, never an error.
    for _ in 0..2 {
        w.saved("/ground/breaths", "before=6&after=4&pace=4-4-6");
    }
    assert_eq!(w.sessions().len(), 6);

    // Sessions with both ratings feed the coping insights.
    let insights = w.cli(&["--json", "insights"]);
    let breaths = insights["coping"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["technique"] == "breaths")
        .unwrap()
        .clone();
    assert_eq!(breaths["sessions"], 3);
}

#[test]
fn bad_input_names_the_field_keeps_what_was_picked_and_stores_nothing() {
    let w = Web::start(bin());
    let page = w.refused("/ground/breaths", "before=7&after=11&pace=4-4-6", "after");
    assert!(page.contains("id=\"before-7\" name=\"before\" value=\"7\" checked"));
    assert!(page.contains("aria-describedby=\"done-error\""));
    w.refused("/ground/senses", "before=eleven", "before");
    w.refused("/ground/senses", "duration_s=soon", "duration_s");
    let r = w.post("/ground/breaths", "before=7&after=5&pace=1-1-1");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("pace — "), "{}", alert(&r.body));

    for path in ["/ground/yoga", "/ground/breaths/more"] {
        assert_eq!(w.get(path).status, 404, "GET {path}");
    }
    assert_eq!(w.post("/ground/yoga", "before=7&after=5").status, 404);
    assert!(w.sessions().is_empty(), "nothing was stored");
}

#[test]
fn forged_cross_origin_posts_are_refused_and_write_nothing() {
    let w = Web::start(bin());
    for forged in [
        ("Origin", "http://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
    ] {
        let r =
            w.s.post(
                "/ground/breaths",
                &[("Cookie", &w.cookie), forged],
                "before=7&after=5",
            )
            .unwrap();
        assert_eq!(r.status, 403, "{forged:?}");
    }
    let anonymous =
        w.s.post("/ground/breaths", &[("Origin", &w.s.base)], "after=5")
            .unwrap();
    assert_eq!(anonymous.status, 401);
    assert_eq!(w.s.get("/ground", &[]).unwrap().status, 401);
    assert!(w.sessions().is_empty());
}

#[test]
fn todays_plan_links_its_grounding_idea_to_the_exercise() {
    let w = Web::start(bin());
    let plan = w.get("/plan").body;
    let linked = Technique::ALL
        .iter()
        .any(|t| plan.contains(&format!("<a href=\"/ground/{}\">", t.key())));
    assert!(linked, "the suggestion links to its exercise");
    assert!(
        plan.contains("href=\"/ground\""),
        "and Grounding is in the navigation"
    );
}
