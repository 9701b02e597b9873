//! End-to-end: screeners, crisis resources, risk flags and the plans,
//! through the real binary.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use thaw_testkit::cli::Cli;

struct Thaw;

impl Thaw {
    #[allow(clippy::new_ret_no_self)]
    fn new() -> Cli {
        Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")))
    }
}

#[test]
fn phq9_item9_positive_shows_resources_first() {
    let t = Thaw::new();
    let r = t.json(&["screen", "phq9", "--answers", "0,0,0,0,0,0,0,0,1"]);
    assert_eq!(r["instrument"], "phq9");
    assert_eq!(r["total"], 1);
    assert_eq!(r["severity"], "minimal");
    assert_eq!(r["item9_positive"], true);
    let resources = r["crisis_resources"].as_array().unwrap();
    assert!(!resources.is_empty());
    assert!(
        resources
            .iter()
            .all(|x| x["name"].is_string() && x["country"].is_string())
    );
    let human = t.ok(&["screen", "phq9", "--answers", "0,0,0,0,0,0,0,0,2"]);
    let resources_at = human.find("talk to someone").unwrap();
    let score_at = human.find("Your total").unwrap();
    assert!(
        resources_at < score_at,
        "resources before the score:\n{human}"
    );
    assert!(human.contains("not a diagnosis"));
}

#[test]
fn item9_zero_never_says_no_risk_and_has_no_resources() {
    let t = Thaw::new();
    let r = t.json(&["screen", "phq9", "--answers", "2,2,2,2,2,0,0,0,0"]);
    assert_eq!(
        (r["total"].as_u64(), r["severity"].as_str()),
        (Some(10), Some("moderate"))
    );
    assert_eq!(r["item9_positive"], false);
    assert!(r["crisis_resources"].is_null());
    let human = t
        .ok(&["screen", "phq9", "--answers", "0,0,0,0,0,0,0,0,0"])
        .to_lowercase();
    assert!(
        !human.contains("no risk") && !human.contains("you have"),
        "{human}"
    );
    let declined = t.json(&["screen", "phq9", "--answers", "1,1,1,1,1,1,1,1,-"]);
    assert_eq!(declined["item9_declined"], true);
    assert_eq!(declined["total"], 8);
}

#[test]
fn the_other_instruments_add_their_fields() {
    let t = Thaw::new();
    let phq2 = t.json(&["screen", "phq2", "--answers", "2,1"]);
    assert_eq!(
        (phq2["total"].as_u64(), phq2["positive_screen"].as_bool()),
        (Some(3), Some(true))
    );
    let who5 = t.json(&["screen", "who5", "--answers", "2,2,2,3,3"]);
    assert_eq!(
        (
            who5["percentage"].as_u64(),
            who5["poor_wellbeing"].as_bool()
        ),
        (Some(48), Some(true))
    );
    let gad7 = t.json(&["screen", "gad7", "--answers", "3,3,3,2,2,1,1"]);
    assert_eq!(
        (gad7["total"].as_u64(), gad7["severity"].as_str()),
        (Some(15), Some("severe"))
    );
    let phq8 = t.json(&["screen", "phq8", "--answers", "3,3,3,3,3,3,3,3"]);
    assert_eq!(phq8["severity"], "severe");
    // A reliable change is named on the next result.
    let later = t.json(&["screen", "gad7", "--answers", "1,1,1,1,1,1,1"]);
    assert!(later["change"].as_str().unwrap().contains("better"));
    let history = t.json(&["screen", "history", "gad7"]);
    assert_eq!(history["screenings"].as_array().unwrap().len(), 2);
}

#[test]
fn wrong_answers_exit_2_and_store_nothing() {
    let t = Thaw::new();
    for args in [
        &["phq9", "--answers", "1,1,1,1,1,1,1,1"][..],
        &["phq9", "--answers", "1,1,1,1,4,1,1,1,1"],
        &["gad7", "--answers", "1,1,x,1,1,1,1"],
        &["who5", "--answers", "1,1,1,1,-1"],
        &["phq10", "--answers", "1"],
        &["phq9"],
    ] {
        let mut all = vec!["screen"];
        all.extend_from_slice(args);
        let out = t.run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing was saved"));
    }
    assert!(!t.data.exists(), "nothing was written");
}

#[test]
fn help_now_follows_the_country_setting() {
    let t = Thaw::new();
    t.ok(&["config", "set", "country", "GB"]);
    assert!(t.ok(&["help-now"]).contains("116 123"));
    t.ok(&["config", "set", "country", "US"]);
    assert!(t.ok(&["help-now"]).contains("988"));
    t.ok(&["config", "set", "country", "ZZ"]);
    let unknown = t.ok(&["help-now"]);
    assert!(unknown.contains("thaw config set country"), "{unknown}");
    let json = t.json(&["help-now"]);
    assert!(!json["resources"].as_array().unwrap().is_empty());
    assert!(
        !t.data.join("thaw.db").exists(),
        "help-now opens no database"
    );
}

#[test]
fn journal_and_checkin_carry_the_risk_flag() {
    let t = Thaw::new();
    let risky = t.json(&["journal", "I just want it all to stop, permanently."]);
    assert_eq!(risky["risk_flag"], true);
    assert!(!risky["crisis_resources"].as_array().unwrap().is_empty());
    let idiom = t.json(&["journal", "My feet are killing me after that hike."]);
    assert_eq!(idiom["risk_flag"], false);
    assert!(idiom["crisis_resources"].is_null());
    let human = t.ok(&["journal", "I want to die."]);
    assert!(
        human.find("talk to someone").unwrap() < human.find("Saved").unwrap(),
        "{human}"
    );
    let checkin = t.json(&[
        "checkin",
        "--numbness",
        "8",
        "--note",
        "I'm a burden to everyone who knows me.",
    ]);
    assert_eq!(checkin["risk_flag"], true);
}

#[test]
fn plans_are_edited_from_a_pipe_and_shown() {
    let t = Thaw::new();
    let starter = t.json(&["relapse-plan"]);
    assert_eq!(
        starter["steps"].as_array().unwrap().len(),
        4,
        "the core steps to start from"
    );
    let out = t.piped(
        &["safety-plan", "edit"],
        b"## Warning signs\n- Staying in bed past noon\n## People I can ask for help\n- My sister\n## Reasons for living\n- The dog\n",
    );
    assert!(out.status.success());
    let plan = t.json(&["safety-plan"]);
    assert_eq!(
        plan["warning_signs"],
        serde_json::json!(["Staying in bed past noon"])
    );
    assert_eq!(plan["people"], serde_json::json!(["My sister"]));
    assert_eq!(plan["reasons_for_living"], serde_json::json!(["The dog"]));
    let shown = t.ok(&["safety-plan", "show"]);
    assert!(shown.contains("Reasons for living") && shown.contains("The dog"));
    let bad = t.piped(&["safety-plan", "edit"], b"## Hobbies\n- knitting\n");
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        t.json(&["safety-plan"])["reasons_for_living"],
        serde_json::json!(["The dog"]),
        "a refused edit changes nothing"
    );
}

#[test]
fn the_relapse_plan_is_offered_when_numbness_returns() {
    let t = Thaw::new();
    t.ok(&["config", "set", "timezone", "UTC"]);
    let now = jiff::Timestamp::now();
    for days_ago in [3, 1] {
        let at = now
            .checked_sub(jiff::SignedDuration::from_hours(24 * days_ago))
            .unwrap();
        t.ok(&["checkin", "--numbness", "8", "--at", &at.to_string()]);
    }
    let third = t.ok(&["checkin", "--numbness", "9"]);
    assert!(
        third.contains("relapse plan") && third.contains("Reach out"),
        "{third}"
    );
}
