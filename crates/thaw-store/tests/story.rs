//! The storage story: one person's use of Thaw, told against every
//! backend. A backend is correct when this story passes on it.
//!
//! SQLite always runs; PostgreSQL runs when `THAW_TEST_DATABASE_URL` is
//! set (CI always sets it).

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::tz::TimeZone;
use thaw_core::journal::JournalQuery;
use thaw_core::{CheckinDraft, JournalDraft, Moment, OwnerId, new_id};
use thaw_store::{Span, Store};

fn at(text: &str) -> Moment {
    Moment::parse("at", text, &TimeZone::UTC).unwrap()
}

fn checkin(at_text: &str, draft: CheckinDraft) -> thaw_core::Checkin {
    draft.validate(new_id(), at(at_text)).unwrap()
}

fn journal(at_text: &str, text: &str, tags: &[&str], for_therapy: bool) -> thaw_core::JournalEntry {
    JournalDraft {
        text: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        for_therapy,
    }
    .validate(new_id(), at(at_text))
    .unwrap()
}

fn search(
    store: &Store,
    owner: OwnerId,
    words: Option<&str>,
    tag: Option<&str>,
    therapy: bool,
) -> Vec<String> {
    let q = JournalQuery::new(words, tag, therapy).unwrap();
    store
        .journal(owner, &q)
        .unwrap()
        .into_iter()
        .map(|e| e.text)
        .collect()
}

/// The story. `reopen` gives a second handle on the same database.
fn story(store: &Store, reopen: &dyn Fn() -> Store) {
    assert_eq!(store.schema_version(), store.latest_schema_version());
    let me = store.create_person().unwrap();
    let other = store.create_person().unwrap();
    assert!(store.is_empty(me).unwrap());

    // A late-evening check-in keeps its offset and every field, exactly.
    let first = checkin(
        "2026-03-01T23:30:00-05:00",
        CheckinDraft {
            mood: Some("4".into()),
            numbness: Some("7".into()),
            energy: Some("3".into()),
            sensations: vec![
                "I feel detached".into(),
                "My chest feels hollow or heavy".into(),
            ],
            triggers: vec!["poor sleep".into()],
            plan: Some("short walk".into()),
            ..Default::default()
        },
    );
    store.insert_checkin(me, &first).unwrap();
    assert!(!store.is_empty(me).unwrap() && store.is_empty(other).unwrap());
    let words_only = checkin(
        "2026-03-02T08:00:00+01:00",
        CheckinDraft {
            note: Some("Kaffee mit Jana ☕ — \"okay\", sort of.\nSecond line.".into()),
            sensations: vec![
                "flat".into(),
                "a flicker of joy".into(),
                "custom: like fog".into(),
            ],
            ..Default::default()
        },
    );
    store.insert_checkin(me, &words_only).unwrap();
    assert_eq!(
        store.checkins(me, Span::default()).unwrap(),
        vec![first.clone(), words_only.clone()]
    );

    // A span selects by instant, half-open.
    let span = Span {
        from_us: Some(at("2026-03-02T04:30:00Z").micros()),
        to_us: Some(at("2026-03-02T07:00:00Z").micros()),
    };
    assert_eq!(store.checkins(me, span).unwrap(), vec![first.clone()]);
    assert_eq!(store.checkin(me, first.id).unwrap(), Some(first.clone()));
    assert_eq!(
        store.checkin(other, first.id).unwrap(),
        None,
        "another person's id is not found"
    );

    // Bulk insert skips ids it already has, so importing twice adds nothing.
    let batch: Vec<_> = (0..50)
        .map(|i| {
            checkin(
                &format!("2026-01-{:02}T12:00:00Z", i % 28 + 1),
                CheckinDraft {
                    mood: Some((i % 11).to_string()),
                    triggers: vec![format!("t{i}")],
                    ..Default::default()
                },
            )
        })
        .collect();
    assert_eq!(store.insert_checkins(me, &batch).unwrap(), 50);
    assert_eq!(store.insert_checkins(me, &batch).unwrap(), 0);
    assert_eq!(
        store
            .insert_checkins(me, std::slice::from_ref(&first))
            .unwrap(),
        0
    );
    assert_eq!(store.count_checkins(me).unwrap(), 52);
    let earliest = at("2026-01-01T12:00:00Z").micros();
    assert_eq!(
        store.checkin_extent(me, Span::default()).unwrap(),
        (52, Some(earliest))
    );
    let march = Span {
        from_us: Some(at("2026-03-01T00:00:00Z").micros()),
        to_us: None,
    };
    assert_eq!(
        store.checkin_extent(me, march).unwrap(),
        (2, Some(first.at.micros()))
    );
    // Their instants alone, and the same check-ins with their ratings only.
    let instants = store.checkin_instants(me, march).unwrap();
    assert_eq!(instants.len(), 2);
    assert_eq!(instants[0], first.at.micros());
    let full = store.checkins(me, march).unwrap();
    let lean = store.checkin_ratings(me, march).unwrap();
    assert_eq!(lean.len(), full.len());
    for (lean, full) in lean.iter().zip(&full) {
        assert_eq!(
            (lean.id, lean.at, lean.ratings()),
            (full.id, full.at, full.ratings())
        );
        assert!(lean.sensations.is_empty() && lean.triggers.is_empty());
        assert_eq!((&lean.note, &lean.plan), (&None, &None));
    }

    // Nothing crosses between people.
    assert_eq!(store.count_checkins(other).unwrap(), 0);
    assert_eq!(
        store.checkin_extent(other, Span::default()).unwrap(),
        (0, None)
    );
    assert!(store.checkins(other, Span::default()).unwrap().is_empty());
    assert!(
        store
            .checkin_ratings(other, Span::default())
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .checkin_instants(other, Span::default())
            .unwrap()
            .is_empty()
    );

    // Journal: search by a word in the middle, by a word start, by tag and
    // for therapy; newest first.
    store
        .insert_journal(
            me,
            &journal(
                "2026-03-01T09:00:00Z",
                "Walked past the bakery and the smell of bread reached me",
                &["outside"],
                false,
            ),
        )
        .unwrap();
    store
        .insert_journal(
            me,
            &journal(
                "2026-03-02T09:00:00Z",
                "Therapy thought: numb after calls with dad",
                &[],
                true,
            ),
        )
        .unwrap();
    store
        .insert_journal(
            me,
            &journal(
                "2026-03-03T09:00:00Z",
                "Walking again. Bread smells good, still far away",
                &["Outside", "walk"],
                false,
            ),
        )
        .unwrap();
    store
        .insert_journal(
            other,
            &journal(
                "2026-03-01T10:00:00Z",
                "The bakery near my flat",
                &["outside"],
                true,
            ),
        )
        .unwrap();

    assert_eq!(
        search(store, me, Some("bakery"), None, false),
        ["Walked past the bakery and the smell of bread reached me"]
    );
    assert_eq!(search(store, me, Some("BREAD"), None, false).len(), 2);
    assert_eq!(
        search(store, me, Some("walk"), None, false).len(),
        2,
        "a word start finds walked and walking"
    );
    assert_eq!(
        search(store, me, Some("bread walked"), None, false).len(),
        1,
        "every word must appear"
    );
    assert_eq!(
        search(store, me, Some("\"bakery\"* -"), None, false).len(),
        1,
        "search syntax is only words"
    );
    assert!(
        search(store, me, Some("NEAR( OR:*"), None, false).is_empty(),
        "search syntax is only words"
    );
    assert!(search(store, me, Some("nothinglikethis"), None, false).is_empty());
    assert_eq!(
        search(store, me, None, Some("outside"), false).len(),
        2,
        "tags match without case"
    );
    assert_eq!(
        search(store, me, None, None, true),
        ["Therapy thought: numb after calls with dad"]
    );
    let all = store.journal(me, &JournalQuery::default()).unwrap();
    assert_eq!(all.len(), 3);
    assert!(
        all[0].at.micros() > all[1].at.micros() && all[1].at.micros() > all[2].at.micros(),
        "newest first"
    );
    assert_eq!(
        all[0].tags,
        ["Outside", "walk"],
        "tags keep their order and spelling"
    );
    assert_eq!(
        search(store, other, Some("bakery"), None, false),
        ["The bakery near my flat"]
    );

    // Screeners keep their answers (a declined item too) and their order.
    use thaw_core::plan::{Plan, PlanKind};
    use thaw_core::screener::{Instrument, Screening, parse_answers};
    let phq9 = Screening::new(
        new_id(),
        Instrument::Phq9,
        at("2026-03-01T10:00:00+01:00"),
        parse_answers(Instrument::Phq9, "1,2,0,3,1,0,2,1,-").unwrap(),
    )
    .unwrap();
    let gad7 = Screening::new(
        new_id(),
        Instrument::Gad7,
        at("2026-03-02T10:00:00+01:00"),
        parse_answers(Instrument::Gad7, "3,3,3,2,2,1,1").unwrap(),
    )
    .unwrap();
    store.insert_screening(me, &phq9).unwrap();
    store.insert_screening(me, &gad7).unwrap();
    store.insert_screening(me, &phq9).unwrap();
    assert_eq!(
        store.screenings(me, None).unwrap(),
        vec![phq9.clone(), gad7.clone()]
    );
    assert_eq!(
        store.screenings(me, Some(Instrument::Gad7)).unwrap(),
        vec![gad7]
    );
    assert!(store.screenings(other, None).unwrap().is_empty());

    // Plans: none until saved; saving replaces; each person has their own.
    assert_eq!(store.plan(me, PlanKind::Safety).unwrap(), None);
    let mut safety = Plan::starter(PlanKind::Safety);
    safety.items[0] = vec!["Staying in bed past noon".into()];
    safety.items[3] = vec!["Sam — 0123 456".into(), "My sister".into()];
    store.save_plan(me, &safety).unwrap();
    assert_eq!(
        store.plan(me, PlanKind::Safety).unwrap(),
        Some(safety.clone())
    );
    safety.items[3].truncate(1);
    store.save_plan(me, &safety).unwrap();
    assert_eq!(
        store.plan(me, PlanKind::Safety).unwrap(),
        Some(safety.clone())
    );
    let empty = Plan::starter(PlanKind::Safety);
    store.save_plan(other, &empty).unwrap();
    assert_eq!(
        store.plan(other, PlanKind::Safety).unwrap(),
        Some(empty),
        "an empty plan, once saved, stays saved"
    );
    assert_eq!(store.plan(me, PlanKind::Relapse).unwrap(), None);

    // Activities, their logs and grounding sessions; an import writes a
    // whole batch or nothing, and skips what it already has.
    use thaw_core::activity::{Activity, ActivityLog, GroundingSession, Status, Tier};
    let walk = Activity {
        name: "walk".into(),
        small: Some("to the corner".into()),
        minimal: None,
        expect: Some("notice one detail".into()),
        values: vec!["health".into()],
        every: Some("FREQ=DAILY".into()),
        time: Some("08:00".into()),
    };
    store.save_activity(me, &walk).unwrap();
    let log = ActivityLog {
        id: new_id(),
        activity: "walk".into(),
        at: at("2026-03-01T08:30:00+01:00"),
        tier: Tier::Small,
        status: Status::Partial,
        predicted: Some(thaw_core::Rating::new("p", 3).unwrap()),
        actual: Some(thaw_core::Rating::new("a", 6).unwrap()),
        note: None,
    };
    let new_activity_log = ActivityLog {
        id: new_id(),
        activity: "tea in the garden".into(),
        status: Status::Done,
        ..log.clone()
    };
    let ground = GroundingSession {
        id: new_id(),
        technique: "breaths".into(),
        at: at("2026-03-01T09:00:00+01:00"),
        duration_s: 70,
        before: Some(thaw_core::Rating::new("b", 7).unwrap()),
        after: None,
    };
    let batch = thaw_store::Batch {
        checkins: vec![first.clone()],
        activity_logs: vec![log.clone(), new_activity_log.clone()],
        grounding: vec![ground.clone()],
        plans: vec![Plan::starter(PlanKind::Relapse)],
        ..Default::default()
    };
    let dry = store.import(me, &batch, true).unwrap();
    assert_eq!(
        (
            dry.checkins,
            dry.activity_logs,
            dry.grounding,
            dry.activities,
            dry.plans
        ),
        (0, 2, 1, 0, 1),
        "{dry:?}"
    );
    assert!(
        store.activity_logs(me, Span::default()).unwrap().is_empty(),
        "a dry run writes nothing"
    );
    assert_eq!(store.import(me, &batch, false).unwrap(), dry);
    assert_eq!(
        store.import(me, &batch, false).unwrap().total(),
        0,
        "a second import adds nothing"
    );
    assert_eq!(
        store.activity_logs(me, Span::default()).unwrap(),
        vec![log, new_activity_log]
    );
    assert_eq!(
        store.grounding_sessions(me, Span::default()).unwrap(),
        vec![ground.clone()]
    );
    for (technique, before, after) in [("senses", 8, 5), ("breaths", 6, 4), ("senses", 6, 7)] {
        let rated = GroundingSession {
            id: new_id(),
            technique: technique.into(),
            before: Some(thaw_core::Rating::new("b", before).unwrap()),
            after: Some(thaw_core::Rating::new("a", after).unwrap()),
            ..ground.clone()
        };
        store.insert_grounding(me, &rated).unwrap();
    }
    assert_eq!(
        store.grounding_easing(me, Span::default()).unwrap(),
        [("breaths".to_owned(), 1, 2), ("senses".to_owned(), 2, 2)],
        "unrated sessions left out, per technique, by name"
    );
    let rated: Vec<(String, u64, i64)> = store
        .grounding_sessions(me, Span::default())
        .unwrap()
        .iter()
        .filter_map(|g| {
            let drop = i64::from(g.before?.get()) - i64::from(g.after?.get());
            Some((g.technique.clone(), 1, drop))
        })
        .collect();
    assert_eq!(rated.len(), 3);
    assert!(
        store
            .grounding_easing(other, Span::default())
            .unwrap()
            .is_empty()
    );
    let names: Vec<String> = store
        .activities(me)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["tea in the garden", "walk"]);
    assert_eq!(store.activities(me).unwrap()[1], walk);
    engagement(store, me, other);
    accounts_and_partners(store);

    // A second handle (another process, after a restart) sees the same.
    let again = reopen();
    assert_eq!(again.checkins(me, Span::default()).unwrap().len(), 52);
    assert_eq!(again.journal(me, &JournalQuery::default()).unwrap(), all);

    // Forgetting a person leaves nothing of theirs, and all of everyone else's.
    store.delete_person(me).unwrap();
    assert_eq!(store.count_checkins(me).unwrap(), 0);
    assert!(store.screenings(me, None).unwrap().is_empty());
    assert!(
        store.activities(me).unwrap().is_empty()
            && store.activity_logs(me, Span::default()).unwrap().is_empty()
    );
    assert_eq!(store.plan(me, PlanKind::Safety).unwrap(), None);
    assert!(
        store
            .journal(me, &JournalQuery::default())
            .unwrap()
            .is_empty()
    );
    assert!(
        store.values(me).unwrap().is_empty() && store.wins(me, Span::default()).unwrap().is_empty()
    );
    assert!(store.social_steps(me).unwrap().is_empty() && store.selfcare(me).unwrap().is_empty());
    assert_eq!(
        store.calendar_feed_owner("hash-of-my-secret").unwrap(),
        None
    );
    assert!(search(store, me, Some("bread"), None, false).is_empty());
    assert_eq!(search(store, other, Some("bakery"), None, false).len(), 1);

    // Local mode has exactly one person, the same every time.
    let local = store.local_person().unwrap();
    assert_eq!(again.local_person().unwrap(), local);
}

/// Multi-user mode: accounts, sessions, login failures, settings, API
/// tokens, invites, partnerships with sharing, notes, the audit log,
/// nudges, and deletion that takes every row of the person with it.
fn accounts_and_partners(store: &Store) {
    use thaw_store::{Sharing, StoreError};
    let unique = thaw_core::new_id().simple().to_string();
    let email = |n: &str| format!("{n}-{unique}@example.org");
    let ana = store.create_account(&email("ana"), "hash-a").unwrap();
    let ben = store.create_account(&email("ben"), "hash-b").unwrap();
    assert!(matches!(
        store.create_account(&email("ana"), "again"),
        Err(StoreError::Conflict(_))
    ));
    let found = store.account_by_email(&email("ana")).unwrap().unwrap();
    assert_eq!(
        (found.person, found.password_hash.as_str()),
        (ana, "hash-a")
    );
    store.set_totp(ana, Some("SECRET")).unwrap();
    assert_eq!(
        store.account(ana).unwrap().unwrap().totp_secret.as_deref(),
        Some("SECRET")
    );

    store.create_session(&format!("s1-{unique}"), ana).unwrap();
    store.create_session(&format!("s2-{unique}"), ana).unwrap();
    assert_eq!(
        store
            .session(&format!("s1-{unique}"))
            .unwrap()
            .unwrap()
            .person,
        ana
    );
    store
        .set_password(ana, "hash-a2", Some(&format!("s1-{unique}")))
        .unwrap();
    assert!(
        store.session(&format!("s1-{unique}")).unwrap().is_some(),
        "kept"
    );
    assert!(
        store.session(&format!("s2-{unique}")).unwrap().is_none(),
        "ended"
    );

    let key = format!("k-{unique}");
    store.record_login_failure(&[&key], 0).unwrap();
    store.record_login_failure(&[&key], 0).unwrap();
    assert_eq!(store.login_failures(&key, 0).unwrap(), 2);
    store.clear_login_failures(&key).unwrap();
    assert_eq!(store.login_failures(&key, 0).unwrap(), 0);

    store
        .save_person_settings(ana, "timezone = \"Europe/Berlin\"\n")
        .unwrap();
    store
        .save_person_settings(ana, "timezone = \"Asia/Tokyo\"\n")
        .unwrap();
    assert_eq!(
        store.person_settings(ana).unwrap().as_deref(),
        Some("timezone = \"Asia/Tokyo\"\n")
    );
    let token = store
        .create_api_token(ana, &format!("t-{unique}"), "script")
        .unwrap();
    assert_eq!(
        store.api_token_person(&format!("t-{unique}")).unwrap(),
        Some(ana)
    );
    assert!(
        !store.delete_api_token(ben, token).unwrap(),
        "not ben's to revoke"
    );

    let code = format!("c-{unique}");
    store.create_invite(ana, &code, i64::MAX).unwrap();
    assert_eq!(
        store.accept_invite(&code, ana, 0).unwrap(),
        None,
        "not one's own"
    );
    let id = store.accept_invite(&code, ben, 0).unwrap().unwrap();
    assert_eq!(store.accept_invite(&code, ben, 0).unwrap(), None, "used up");
    let seen_by_ben = store.partnership(ben, id).unwrap().unwrap();
    assert_eq!((seen_by_ben.other, seen_by_ben.invited_by_me), (ana, false));
    assert_eq!(seen_by_ben.theirs, Sharing::default());
    let more = Sharing {
        journal: true,
        checkin_by: Some("20:00".into()),
        ..Sharing::default()
    };
    assert!(store.set_sharing(ana, id, &more).unwrap());
    assert_eq!(store.partnership(ben, id).unwrap().unwrap().theirs, more);
    let carl = store.create_person().unwrap();
    assert!(store.partnership(carl, id).unwrap().is_none());
    assert!(!store.set_sharing(carl, id, &more).unwrap());
    store
        .add_partner_note(id, ben, ana, "proud of you")
        .unwrap();
    assert_eq!(store.partner_notes(id, 0).unwrap()[0].text, "proud of you");
    store.audit(ana, ben, "today").unwrap();
    let log = store.audit_log(ana, 10).unwrap();
    assert_eq!((log[0].reader, log[0].what.as_str()), (ben, "today"));
    assert!(
        store
            .record_nudge(ben, ana, "checkin", "2026-03-01")
            .unwrap()
    );
    assert!(
        !store
            .record_nudge(ben, ana, "checkin", "2026-03-01")
            .unwrap(),
        "once a day"
    );

    assert!(!store.delete_partnership(carl, id).unwrap());
    store.delete_person(ana).unwrap();
    assert!(store.partnership(ben, id).unwrap().is_none());
    assert!(store.account(ana).unwrap().is_none());
    assert!(store.session(&format!("s1-{unique}")).unwrap().is_none());
    assert_eq!(
        store.api_token_person(&format!("t-{unique}")).unwrap(),
        None
    );
    assert!(store.audit_log(ana, 10).unwrap().is_empty());
    assert!(store.nudges(ben, "2026-03-01").unwrap().is_empty());
}

/// Values, wins, the social ladder, self-care and the calendar feed.
fn engagement(store: &Store, me: OwnerId, other: OwnerId) {
    use thaw_core::engage::{
        SelfCare, SelfCareLog, SocialAttempt, SocialStep, Value, ValueAction, Win,
    };
    let value = |name: &str, why: Option<&str>| Value {
        name: name.into(),
        why: why.map(str::to_owned),
    };
    assert!(store.save_value(me, &value("connection", None)).unwrap());
    assert!(
        store
            .save_value(me, &value("calm", Some("quiet helps")))
            .unwrap()
    );
    assert!(
        !store
            .save_value(me, &value("connection", Some("people")))
            .unwrap(),
        "a second save updates the why"
    );
    assert_eq!(
        store.values(me).unwrap(),
        vec![
            value("connection", Some("people")),
            value("calm", Some("quiet helps"))
        ],
        "in the order chosen"
    );
    assert!(store.remove_value(me, "calm").unwrap());
    assert!(!store.remove_value(me, "calm").unwrap());
    let action = ValueAction {
        id: new_id(),
        value: "connection".into(),
        at: at("2026-03-02T18:00:00+01:00"),
        text: "called my sister".into(),
    };
    store.insert_value_action(me, &action).unwrap();
    let win = Win {
        id: new_id(),
        at: at("2026-03-02T19:00:00+01:00"),
        text: "cooked dinner".into(),
    };
    store.insert_win(me, &win).unwrap();
    store
        .save_social_step(
            me,
            &SocialStep {
                name: "text a friend".into(),
                difficulty: 20,
            },
        )
        .unwrap();
    let attempt = SocialAttempt {
        id: new_id(),
        step: "say hello to a neighbour".into(),
        at: at("2026-03-02T10:00:00+01:00"),
        comfort: 55,
    };
    store.insert_social_attempt(me, &attempt).unwrap();
    let steps = store.social_steps(me).unwrap();
    assert_eq!(
        steps,
        vec![
            SocialStep {
                name: "text a friend".into(),
                difficulty: 20
            },
            SocialStep {
                name: "say hello to a neighbour".into(),
                difficulty: 50
            },
        ],
        "easiest first; an attempt at a new step adds it at middling difficulty"
    );
    let water = SelfCare {
        name: "hydration".into(),
        every: Some("FREQ=DAILY".into()),
        time: Some("10:00".into()),
    };
    assert!(store.save_selfcare(me, &water).unwrap());
    let log = SelfCareLog {
        id: new_id(),
        name: "hydration".into(),
        at: at("2026-03-02T10:05:00+01:00"),
    };
    store.insert_selfcare_log(me, &log).unwrap();
    assert_eq!(store.selfcare(me).unwrap(), vec![water.clone()]);
    assert!(store.selfcare_starts(me).unwrap().contains_key("hydration"));

    // An import of the same records adds nothing; new ones are counted.
    let batch = thaw_store::Batch {
        values: vec![value("connection", None), value("play", None)],
        value_actions: vec![action.clone()],
        wins: vec![win.clone()],
        social_attempts: vec![attempt.clone()],
        selfcare: vec![water],
        selfcare_logs: vec![log.clone()],
        ..Default::default()
    };
    let n = store.import(me, &batch, false).unwrap();
    assert_eq!((n.values, n.total()), (1, 1), "{n:?}");
    assert_eq!(
        store.value_actions(me, Span::default()).unwrap(),
        vec![action]
    );
    assert_eq!(store.wins(me, Span::default()).unwrap(), vec![win]);
    assert_eq!(
        store.social_attempts(me, Span::default()).unwrap(),
        vec![attempt]
    );
    assert_eq!(store.selfcare_logs(me, Span::default()).unwrap(), vec![log]);

    // Nothing crosses to another person.
    assert!(store.values(other).unwrap().is_empty());
    assert!(store.wins(other, Span::default()).unwrap().is_empty());
    assert!(
        store
            .social_attempts(other, Span::default())
            .unwrap()
            .is_empty()
    );

    // The calendar feed: one secret per person, replaced to revoke.
    assert!(!store.has_calendar_feed(me).unwrap());
    store.set_calendar_feed(me, "hash-of-my-secret").unwrap();
    assert_eq!(
        store.calendar_feed_owner("hash-of-my-secret").unwrap(),
        Some(me)
    );
    store.set_calendar_feed(me, "hash-of-a-new-secret").unwrap();
    assert_eq!(
        store.calendar_feed_owner("hash-of-my-secret").unwrap(),
        None,
        "the old link is revoked"
    );
    assert!(store.has_calendar_feed(me).unwrap());
    assert!(store.remove_calendar_feed(me).unwrap());
    assert_eq!(
        store.calendar_feed_owner("hash-of-a-new-secret").unwrap(),
        None
    );
    store.set_calendar_feed(me, "hash-of-my-secret").unwrap();
}

#[test]
fn sqlite_story() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thaw.db");
    let store = Store::open_sqlite(&path).unwrap();
    story(&store, &|| Store::open_sqlite(&path).unwrap());
}

fn postgres_url() -> Option<String> {
    match std::env::var("THAW_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!("THAW_TEST_DATABASE_URL is not set: skipping the PostgreSQL story");
            None
        }
    }
}

#[test]
fn postgres_story() {
    let Some(url) = postgres_url() else { return };
    let store = Store::open_postgres(&url).unwrap();
    story(&store, &|| Store::open_postgres(&url).unwrap());
}

#[test]
fn postgres_migrations_are_safe_from_several_servers_at_once() {
    let Some(url) = postgres_url() else { return };
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || Store::open_postgres(&url).map(|s| s.schema_version()))
        })
        .collect();
    for h in handles {
        let version = h.join().unwrap().unwrap();
        assert!(version >= 1);
    }
}

#[test]
fn a_store_can_be_shared_between_threads() {
    let dir = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(Store::open_sqlite(&dir.path().join("thaw.db")).unwrap());
    let owner = store.local_person().unwrap();
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let store = store.clone();
            std::thread::spawn(move || {
                for i in 0..25 {
                    let c = checkin(
                        &format!("2026-02-{:02}T10:00:00Z", i % 28 + 1),
                        CheckinDraft {
                            note: Some(format!("{t}-{i}")),
                            ..Default::default()
                        },
                    );
                    store.insert_checkin(owner, &c).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(store.count_checkins(owner).unwrap(), 100);
}
