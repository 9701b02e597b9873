//! End-to-end: the re-engagement pages (today's plan, activities, the
//! week, values, the social ladder, wins, self-care) through the real
//! `thaw serve` over HTTP, read back through the command line.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;
use thaw_testkit::web::{Web, alert};

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

/// This suite's reads of what was stored.
trait Stored {
    fn activities(&self) -> Vec<Value>;
    fn count(&self, kind: &str) -> usize;
}

impl Stored for Web {
    fn activities(&self) -> Vec<Value> {
        self.cli(&["--json", "activities"])["activities"]
            .as_array()
            .unwrap()
            .clone()
    }

    fn count(&self, kind: &str) -> usize {
        self.everything()[kind].as_array().map_or(0, |a| a.len())
    }
}

const PAGES: [&str; 7] = [
    "/plan",
    "/activities",
    "/plan/week",
    "/values",
    "/social",
    "/wins",
    "/selfcare",
];

#[test]
fn every_page_renders_with_what_to_do_next() {
    let w = Web::start(bin());
    for path in PAGES {
        let page = w.get(path);
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body
                .contains(&format!("href=\"{path}\" aria-current=\"page\"")),
            "{path} is marked in the navigation"
        );
        for link in PAGES {
            assert!(
                page.body.contains(&format!("href=\"{link}\"")),
                "{path} links to {link}"
            );
        }
        assert!(
            page.body.contains("href=\"/help-now\""),
            "{path} links to help"
        );
        for word in ["streak", "missed", "failed"] {
            assert!(
                !page.body.to_lowercase().contains(word),
                "{path} never says {word}"
            );
        }
    }
    let plan = w.get("/plan").body;
    assert!(plan.contains("Today&#39;s plan") || plan.contains("Today's plan"));
    assert!(
        plan.contains("href=\"/activities\"") && plan.contains("href=\"/plan/week\""),
        "the empty plan says where to start"
    );
    assert!(plan.contains("How much energy is there right now?"));
    assert!(plan.contains("If the here-and-now feels far away"));
    let activities = w.get("/activities").body;
    assert!(activities.contains("Ideas to start with"));
    assert!(activities.contains("coffee with a friend") && activities.contains("Connection"));
    assert!(activities.contains("Add to my activities"));
    let week = w.get("/plan/week").body;
    assert_eq!(week.matches("name=\"take\"").count(), 3, "three proposals");
    assert_eq!(week.matches(" checked>").count(), 3, "each ticked");
    let values = w.get("/values").body;
    for choice in ["connection", "nature", "kindness"] {
        assert!(values.contains(&format!("value=\"{choice}\"")), "{choice}");
    }
    assert!(w.get("/social").body.contains("No steps yet"));
    assert!(w.get("/wins").body.contains("Looking back"));
    let selfcare = w.get("/selfcare").body;
    assert!(selfcare.contains("Keep these") && selfcare.contains("hydration"));
    assert_eq!(
        w.get("/plan?energy=11").status,
        400,
        "an energy outside 0–10 is refused"
    );
}

#[test]
fn activities_come_from_the_form_and_the_library_and_are_logged() {
    let w = Web::start(bin());
    let to = w.saved(
        "/activities",
        "name=bake+bread&small=knead+a+little&minimal=smell+the+flour&expect=notice+the+warmth&values=care%2C+creativity&every=mon%2Cwed%2Cfri&time=08%3A00",
    );
    assert_eq!(to, "/activities?saved=activity");
    assert_eq!(
        w.saved("/activities/starter", "name=short+walk"),
        "/activities?saved=starter"
    );
    let stored = w.activities();
    let bread = stored.iter().find(|a| a["name"] == "bake bread").unwrap();
    assert_eq!(bread["every"], "FREQ=WEEKLY;BYDAY=MO,WE,FR");
    assert_eq!(bread["time"], "08:00");
    assert_eq!(bread["values"], serde_json::json!(["care", "creativity"]));
    let walk = stored.iter().find(|a| a["name"] == "short walk").unwrap();
    assert!(walk["small"].is_string() && walk["minimal"].is_string());

    let page = w.get(&to);
    assert!(page.body.contains("Saved to your activities."));
    assert!(page.body.contains("mon,wed,fri at 08:00"));
    assert!(
        page.body.contains("In your activities"),
        "the library knows"
    );
    // The library button never overwrites what the person made of it.
    w.saved(
        "/activities",
        "name=short+walk&small=to+the+corner&every=daily",
    );
    w.saved("/activities/starter", "name=short+walk");
    let walk = w
        .activities()
        .into_iter()
        .find(|a| a["name"] == "short walk")
        .unwrap();
    assert_eq!(walk["every"], "FREQ=DAILY");
    assert_eq!(walk["small"], "to the corner");

    let logged = w.saved(
        "/activities/log",
        "activity=short+walk&tier=small&status=partial&predicted=3&actual=6&note=cold+air",
    );
    let page = w.get(&logged).body;
    assert!(page.contains("Doing it at all is the step."));
    assert!(
        page.contains("better than you expected, by 3"),
        "the gap, kindly"
    );
    let skipped = w.saved("/activities/log", "activity=bake+bread&status=skipped");
    assert!(w.get(&skipped).body.contains("Skipping is information"));
    let logs = w.everything()["activity_logs"].as_array().unwrap().clone();
    assert_eq!(logs.len(), 2);
    let walk_log = logs.iter().find(|l| l["activity"] == "short walk").unwrap();
    assert_eq!(
        (
            &walk_log["tier"],
            &walk_log["status"],
            &walk_log["predicted"],
            &walk_log["actual"]
        ),
        (
            &Value::from("small"),
            &Value::from("partial"),
            &Value::from(3),
            &Value::from(6)
        )
    );
    assert!(
        w.get("/activities").body.contains("Steadiness"),
        "scheduled activities show their steadiness"
    );
}

#[test]
fn todays_plan_fits_the_energy_and_records_what_was_done() {
    let w = Web::start(bin());
    w.saved(
        "/activities",
        "name=garden&small=water+one+pot&minimal=touch+a+leaf&expect=notice+one+colour&every=daily&time=09%3A15",
    );
    let low = w.get("/plan?energy=2").body;
    assert!(low.contains("touch a leaf") && low.contains("Smallest version"));
    assert!(low.contains("adjust, never abandon"));
    assert!(low.contains("notice one colour") && low.contains("09:15"));
    let some = w.get("/plan?energy=4").body;
    assert!(some.contains("water one pot") && some.contains("Smaller version"));
    let full = w.get("/plan?energy=9").body;
    assert!(full.contains("Full version") && !full.contains("touch a leaf"));
    let refused = w.get("/plan?energy=eleven");
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("energy — "), "names the field");

    // Self-care from the plan, back to the same energy.
    let back = w.saved("/selfcare/done", "name=hydration&back=plan&energy=2");
    assert_eq!(back, "/plan?energy=2&saved=selfcare-done");
    let page = w.get(&back).body;
    assert!(page.contains("Looking after yourself counts."));
    assert!(page.contains("✓ Done today"));
    assert!(page.contains("touch a leaf"), "still fitted to energy 2");
    assert_eq!(w.count("selfcare_logs"), 1);

    // A value's small action, from the plan.
    assert!(
        w.get("/plan")
            .body
            .contains("Choose up to three core values")
    );
    w.saved("/values", "value=nature&why=it+calms+me");
    let plan = w.get("/plan").body;
    let action = plan
        .split("name=\"text\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let back = w.saved(
        "/values/action",
        &format!("value=nature&text={}&back=plan", action.replace(' ', "+")),
    );
    assert_eq!(back, "/plan?saved=value");
    let actions = w.everything()["value_actions"].as_array().unwrap().clone();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["value"], "nature");
    assert_eq!(actions[0]["text"], Value::from(action.as_str()));

    // Logged today: the plan marks it done.
    w.saved("/activities/log", "activity=garden&tier=minimal");
    let plan = w.get("/plan?energy=2").body;
    let card = plan.split("touch a leaf").nth(1).unwrap();
    assert!(card.split("</li>").next().unwrap().contains("Done today"));
}

#[test]
fn a_proposed_week_is_accepted_with_changes() {
    let w = Web::start(bin());
    let page = w.get("/plan/week").body;
    let names: Vec<String> = (0..3)
        .map(|i| {
            page.split(&format!("name=\"name-{i}\" value=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap()
                .to_owned()
        })
        .collect();
    let enc = |s: &str| s.replace(' ', "+");
    let form = format!(
        "name-0={}&take=0&days-0=tue%2Cthu&time-0=07%3A30&name-1={}&days-1=mon&time-1=10%3A00&name-2={}&take=2&days-2=FREQ%3DWEEKLY%3BBYDAY%3DSA&time-2=",
        enc(&names[0]),
        enc(&names[1]),
        enc(&names[2])
    );
    assert_eq!(w.saved("/plan/week", &form), "/activities?saved=week");
    let stored = w.activities();
    assert_eq!(stored.len(), 2, "only the ticked ones: {stored:?}");
    let first = stored
        .iter()
        .find(|a| a["name"] == names[0].as_str())
        .unwrap();
    assert_eq!(first["every"], "FREQ=WEEKLY;BYDAY=TU,TH");
    assert_eq!(first["time"], "07:30");
    assert!(first["small"].is_string(), "smaller versions come along");
    let third = stored
        .iter()
        .find(|a| a["name"] == names[2].as_str())
        .unwrap();
    assert_eq!(third["every"], "FREQ=WEEKLY;BYDAY=SA");
    assert!(third["time"].is_null());
    assert!(!stored.iter().any(|a| a["name"] == names[1].as_str()));
    assert!(
        w.get("/activities?saved=week")
            .body
            .contains("Your week is set.")
    );

    // Nothing ticked: nothing changes, and that's fine.
    let none = w.saved("/plan/week", "name-0=x&days-0=mon");
    assert!(w.get(&none).body.contains("Nothing was chosen"));
    assert_eq!(w.activities().len(), 2);
}

#[test]
fn values_social_steps_wins_and_selfcare_are_stored() {
    let w = Web::start(bin());
    w.saved("/values", "value=connection&why=people+keep+me+here");
    w.saved("/values", "value=calm&own=honesty");
    let values = w.everything()["values"].as_array().unwrap().clone();
    let names: Vec<&str> = values.iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["connection", "honesty"],
        "own words win over a choice"
    );
    w.saved("/values/action", "value=connection&text=called+my+sister");
    let page = w.get("/values").body;
    assert!(page.contains("people keep me here") && page.contains("called my sister"));
    assert_eq!(
        w.saved("/values/remove", "name=honesty"),
        "/values?saved=value-removed"
    );
    assert_eq!(w.everything()["values"].as_array().unwrap().len(), 1);

    w.saved("/social", "step=say+hello+to+a+neighbour&difficulty=10");
    w.saved("/social", "step=text+a+friend&difficulty=40");
    let tried = w.saved("/social/try", "step=say+hello+to+a+neighbour&comfort=75");
    let page = w.get(&tried).body;
    assert!(page.contains("Trying at all is how comfort grows."));
    assert!(
        page.contains("the next step could be &#34;text a friend&#34;")
            || page.contains("the next step could be &quot;text a friend&quot;"),
        "the suggestion after trying: {page}"
    );
    let ladder = page.split("<tbody>").nth(1).unwrap();
    assert!(
        ladder.find("say hello").unwrap() < ladder.find("text a friend").unwrap(),
        "easiest first"
    );
    assert!(ladder.contains("75 of 100"));
    let doc = w.everything();
    assert_eq!(doc["social_steps"].as_array().unwrap().len(), 2);
    assert_eq!(doc["social_attempts"][0]["comfort"], 75);

    let to = w.saved("/wins", "text=made+tea+and+drank+it+warm");
    let page = w.get(&to).body;
    assert!(page.contains("Saved. That counts.") && page.contains("made tea and drank it warm"));
    assert!(
        page.contains("called my sister"),
        "value actions in the look-back"
    );
    w.saved("/activities/starter", "name=short+walk");
    w.saved("/activities/log", "activity=short+walk");
    w.saved("/activities/log", "activity=short+walk&status=partial");
    assert!(w.get("/wins").body.contains("short walk, twice"));
    assert_eq!(w.count("wins"), 1);

    assert_eq!(w.count("selfcare"), 0, "the six are suggestions until kept");
    w.saved("/selfcare/keep", "");
    assert_eq!(w.count("selfcare"), 6);
    w.saved("/selfcare", "name=stretch&every=weekdays&time=07%3A45");
    let selfcare = w.everything()["selfcare"].as_array().unwrap().clone();
    let stretch = selfcare.iter().find(|s| s["name"] == "stretch").unwrap();
    assert_eq!(stretch["every"], "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    assert_eq!(stretch["time"], "07:45");
    w.saved("/selfcare/remove", "name=sunlight");
    assert_eq!(w.count("selfcare"), 6);
    assert_eq!(
        w.saved("/selfcare/done", "name=stretch"),
        "/selfcare?saved=selfcare-done"
    );
    assert_eq!(w.count("selfcare_logs"), 1);
    let page = w.get("/selfcare").body;
    assert!(page.contains("weekdays at 07:45") || page.contains("mon,tue,wed,thu,fri at 07:45"));
    assert!(!page.contains("sunlight"));
}

#[test]
fn bad_input_names_the_field_keeps_what_was_typed_and_stores_nothing() {
    let w = Web::start(bin());
    let page = w.refused("/social", "step=call+mum&difficulty=101", "difficulty");
    assert!(page.contains("value=\"call mum\""), "keeps what was typed");
    assert!(page.contains("aria-invalid=\"true\""), "marks the field");
    let page = w.refused(
        "/activities",
        "name=bake+bread&every=FREQ%3DSOMETIMES",
        "every",
    );
    assert!(page.contains("value=\"FREQ=SOMETIMES\"") && page.contains("value=\"bake bread\""));
    w.refused("/activities", "name=walk&time=8am", "time");
    w.refused("/activities", "name=+++", "name");
    w.refused("/selfcare", "name=stretch&every=FREQ%3DSOMETIMES", "every");
    w.refused("/wins", "text=+", "text");
    w.refused("/values", "why=no+name", "value");

    // The week: which item and which field; nothing of it is saved.
    let page = w.get("/plan/week").body;
    let name = |i: usize| {
        page.split(&format!("name=\"name-{i}\" value=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .replace(' ', "+")
    };
    let form = format!(
        "name-0={}&take=0&days-0=mon&name-1={}&take=1&days-1=FREQ%3DSOMETIMES",
        name(0),
        name(1)
    );
    let refused = w.refused("/plan/week", &form, "days");
    assert!(refused.contains("Item 2"), "{}", alert(&refused));
    assert!(refused.contains("value=\"FREQ=SOMETIMES\""));

    // A fourth value.
    for v in ["connection", "nature", "calm"] {
        w.saved("/values", &format!("value={v}"));
    }
    let page = w.refused("/values", "value=play", "value");
    assert!(page.contains("keep up to 3"), "{}", alert(&page));

    // Logs and attempts that can't be used.
    w.saved("/social", "step=greet&difficulty=5");
    w.refused("/social/try", "step=greet&comfort=101", "comfort");
    w.refused("/social/try", "step=wave&comfort=50", "step");
    w.saved("/activities/starter", "name=short+walk");
    let page = w.refused(
        "/activities/log",
        "activity=short+walk&predicted=11&note=keep+me",
        "predicted",
    );
    assert!(page.contains("value=\"keep me\""));
    w.refused(
        "/activities/log",
        "activity=short+walk&status=failed",
        "status",
    );
    w.refused("/values/action", "value=honesty&text=x", "value");
    w.refused("/selfcare/done", "name=juggling", "name");

    let doc = w.everything();
    let names: Vec<&str> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["short walk"], "only what was accepted");
    assert_eq!(doc["values"].as_array().unwrap().len(), 3);
    for kind in [
        "activity_logs",
        "wins",
        "selfcare",
        "selfcare_logs",
        "value_actions",
        "social_attempts",
    ] {
        assert_eq!(doc[kind].as_array().map_or(0, Vec::len), 0, "{kind}");
    }
    assert_eq!(doc["social_steps"].as_array().unwrap().len(), 1);
}

#[test]
fn forged_cross_origin_posts_are_refused_and_write_nothing() {
    let w = Web::start(bin());
    let forms = [
        ("/activities", "name=walk"),
        ("/activities/starter", "name=short+walk"),
        ("/activities/log", "activity=walk"),
        ("/plan/week", "name-0=walk&take=0&days-0=mon"),
        ("/values", "value=calm"),
        ("/values/action", "value=calm&text=x"),
        ("/values/remove", "name=calm"),
        ("/social", "step=greet&difficulty=5"),
        ("/social/try", "step=greet&comfort=5"),
        ("/wins", "text=a+win"),
        ("/selfcare", "name=stretch"),
        ("/selfcare/keep", ""),
        ("/selfcare/remove", "name=sleep"),
        ("/selfcare/done", "name=hydration"),
    ];
    for (path, form) in forms {
        for forged in [
            ("Origin", "http://evil.example"),
            ("Sec-Fetch-Site", "cross-site"),
        ] {
            let r =
                w.s.post(path, &[("Cookie", &w.cookie), forged], form)
                    .unwrap();
            assert_eq!(r.status, 403, "{path} with {forged:?}");
        }
        let anonymous = w.s.post(path, &[("Origin", &w.s.base)], form).unwrap();
        assert_eq!(anonymous.status, 401, "{path} without a session");
    }
    let doc = w.everything();
    for kind in [
        "activities",
        "activity_logs",
        "values",
        "value_actions",
        "social_steps",
        "social_attempts",
        "wins",
        "selfcare",
        "selfcare_logs",
    ] {
        assert_eq!(doc[kind].as_array().map_or(0, Vec::len), 0, "{kind}");
    }
}
