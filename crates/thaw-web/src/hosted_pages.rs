//! Multi-user mode's pages: the people someone shares with (`/partners`,
//! the exchange with one of them at `/partners/{id}`, what they share at
//! `/partners/{id}/journal|screeners|insights`), who read what
//! (`/partners/audit`), and the account (`/account`: time zone and
//! country, password, second factor, personal API tokens, sign out,
//! deletion).
//!
//! Like the other pages, handlers hold no rules: they read the form, call
//! `thaw_app::accounts` and `thaw_app::partners` (every read of another
//! person's data goes through `partners::authorize` there) and fill a view
//! model. A refused form is shown again with what was typed and the
//! problem (status 400), and nothing is written; a saved one redirects
//! (303) with a confirmation chosen from [`words`], never echoed from the
//! URL. Secrets made here (an invite code, a setup key, an API token) are
//! shown once, on the answer to the POST that made them, never in a URL.
//!
//! These routes exist only in multi-user mode; should one be reached in
//! local mode, it answers the ordinary 404 page.

use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;
use thaw_app::AppError;
use thaw_app::accounts::Accounts;
use thaw_app::partners::{NOTE_MAX_CHARS, PartnerToday, PartnerView, SharingView, normalize_code};
use thaw_core::{InputError, OwnerId};
use uuid::Uuid;

use crate::Scope;
use crate::errors::{PageError, render};
use crate::forms::FormData;
use crate::problems::Problems;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .route("/partners", get(partners))
        .route("/partners/invite", post(invite))
        .route("/partners/accept", get(accept_link).post(accept))
        .route("/partners/audit", get(audit))
        .route("/partners/{id}", get(partner))
        .route("/partners/{id}/note", post(note))
        .route("/partners/{id}/sharing", post(sharing))
        .route("/partners/{id}/revoke", post(revoke))
        .route("/partners/{id}/journal", get(partner_journal))
        .route("/partners/{id}/screeners", get(partner_screeners))
        .route("/partners/{id}/insights", get(partner_insights))
        .route("/account", get(account))
        .route("/account/settings", post(save_settings))
        .route("/account/password", post(change_password))
        .route("/account/totp/start", post(totp_start))
        .route("/account/totp/confirm", post(totp_confirm))
        .route("/account/totp/off", post(totp_off))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
        .route("/account/delete", post(delete_account))
}

use crate::words::hosted as words;

/// A confirmation for `key`, from a fixed list.
fn flash(key: Option<&str>) -> Option<&'static str> {
    Some(match key? {
        "accepted" => words::ACCEPTED,
        "revoked" => words::REVOKED,
        "note" => words::NOTE_SENT,
        "sharing" => words::SHARING_SAVED,
        "settings" => words::SETTINGS_SAVED,
        "password" => words::PASSWORD_CHANGED,
        "totp-on" => words::TOTP_ON,
        "totp-off" => words::TOTP_OFF,
        "token-revoked" => words::TOKEN_REVOKED,
        _ => return None,
    })
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

// ------------------------------------------------------------- helpers

/// The signed-in person on a hosted server; `None` in local mode.
struct Me {
    accounts: Accounts,
    person: OwnerId,
    tz: TimeZone,
}

fn me(scope: &Scope) -> Option<Me> {
    Some(Me {
        accounts: scope.state().accounts()?.clone(),
        person: scope.signed?.person,
        tz: scope.thaw.settings().time_zone(),
    })
}

async fn not_found() -> Result<Response, PageError> {
    Ok(crate::pages::not_found().await)
}

fn see_other(to: &str) -> Result<Response, PageError> {
    Ok(Redirect::to(to).into_response())
}

fn parse_id(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| PageError(AppError::NotFound))
}

/// "Mon 3 Feb, 14:05" in the reader's time zone.
fn when(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%a %-d %b, %H:%M")
        .to_string()
}

/// "3 February 2025".
fn day(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone()).strftime("%-d %B %Y").to_string()
}

fn text(form: &FormData, name: &str) -> String {
    form.get(name).unwrap_or_default().to_owned()
}

/// A field's name as the form's label says it.
fn label(field: &str) -> &str {
    match field {
        "current_password" => "Current password",
        "new_password" | "password" => "Password",
        "timezone" => "Time zone",
        "country" => "Country",
        "code" => "Code",
        "secret" => "Setup key",
        "text" => "Note",
        "checkin_by" => "Check-in time",
        "name" => "Name",
        "confirm" => "Confirmation",
        other => other,
    }
}

/// A refused field in words: the value only when it is short and not a
/// secret (what was typed is still in the form).
fn refusal(e: &InputError) -> String {
    let secret = e.field.contains("password") || e.field == "secret" || e.value == "(hidden)";
    if secret || e.value.is_empty() || e.value.chars().count() > 40 {
        format!("{}: {}.", label(&e.field), e.allowed)
    } else {
        format!("{} \"{}\": {}.", label(&e.field), e.value, e.allowed)
    }
}

fn problem(form: &'static str, e: &InputError) -> Problems {
    Problems::with(form, e.field.clone(), refusal(e))
}

fn refused(form: &'static str, field: &str, allowed: &str) -> Problems {
    Problems::with(
        form,
        field.to_owned(),
        format!("{}: {allowed}.", label(field)),
    )
}

/// What a person shares, in words: "today's check-in and plan, journal".
fn sharing_words(s: &SharingView) -> String {
    let mut parts: Vec<String> = Vec::new();
    match (s.snapshot, s.plan) {
        (true, true) => parts.push("today's check-in and plan".into()),
        (true, false) => parts.push("today's check-in".into()),
        (false, true) => parts.push("today's plan".into()),
        (false, false) => {}
    }
    if s.screeners {
        parts.push("check-up results".into());
    }
    if s.insights {
        parts.push("patterns".into());
    }
    if s.journal {
        parts.push("journal".into());
    }
    if s.relapse {
        parts.push("when the relapse plan is offered".into());
    }
    let mut out = if parts.is_empty() {
        words::NOTHING_SHARED.to_owned()
    } else {
        parts.join(", ")
    };
    if let Some(by) = s.checkin_by.as_deref().filter(|t| !t.is_empty()) {
        out.push_str(&format!("; a check-in by {by}"));
    }
    out
}

/// The sharing form as sent: a ticked box is present, an unticked one
/// absent.
fn sharing_from(form: &FormData) -> SharingView {
    let on = |name: &str| form.get(name).is_some();
    SharingView {
        snapshot: on("snapshot"),
        plan: on("plan"),
        screeners: on("screeners"),
        insights: on("insights"),
        journal: on("journal"),
        relapse: on("relapse"),
        checkin_by: form.get("checkin_by").map(|t| t.trim().to_owned()),
    }
}

/// "mood 4 · numbness 7 · energy 3", skipping what was not given.
fn ratings_words(mood: Option<u8>, numbness: Option<u8>, energy: Option<u8>) -> String {
    let parts: Vec<String> = [("mood", mood), ("numbness", numbness), ("energy", energy)]
        .into_iter()
        .filter_map(|(name, r)| r.map(|r| format!("{name} {r}")))
        .collect();
    if parts.is_empty() {
        "a check-in without ratings".to_owned()
    } else {
        parts.join(" · ")
    }
}

// ------------------------------------------------------------ partners

struct PartnerRow {
    id: String,
    email: String,
    since: String,
    mine: String,
    theirs: String,
    invited_by_me: bool,
}

struct NudgeRow {
    words: String,
    /// The exchange page of the person it is about.
    link: Option<String>,
}

struct InviteView {
    code: String,
    link: String,
    until: String,
}

#[derive(Template)]
#[template(path = "partners.html")]
struct PartnersPage {
    nav: &'static str,
    section: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    partners: Vec<PartnerRow>,
    nudges: Vec<NudgeRow>,
    invite: Option<InviteView>,
    code: String,
    sees: &'static str,
    never: &'static str,
}

#[derive(Deserialize, Default)]
struct PartnersQuery {
    saved: Option<String>,
    code: Option<String>,
}

async fn partners_page(
    scope: &Scope,
    me: Me,
    problem: Problems,
    code: String,
    invite: Option<InviteView>,
    flash: Option<&'static str>,
) -> Result<Response, PageError> {
    let Me {
        accounts,
        person,
        tz,
    } = me;
    let clock = Arc::clone(&scope.clock);
    let (list, nudges) = scope
        .state()
        .blocking(move || {
            Ok((
                accounts.partners(person)?,
                accounts.nudges(person, clock.as_ref())?,
            ))
        })
        .await?;
    let nudges = nudges
        .into_iter()
        .map(|(email, words)| NudgeRow {
            link: list
                .iter()
                .find(|p| p.email == email)
                .map(|p| format!("/partners/{}", p.id)),
            words,
        })
        .collect();
    let page = PartnersPage {
        nav: "",
        section: "people",
        flash,
        partners: list.iter().map(|p| partner_row(p, &tz)).collect(),
        nudges,
        invite,
        code,
        sees: words::INVITE_SEES,
        never: words::INVITE_NEVER,
        problem,
    };
    Ok(render(page.problem.status(), &page))
}

fn partner_row(p: &PartnerView, tz: &TimeZone) -> PartnerRow {
    PartnerRow {
        id: p.id.to_string(),
        email: p.email.clone(),
        since: day(p.since, tz),
        mine: sharing_words(&p.my_sharing),
        theirs: sharing_words(&p.their_sharing),
        invited_by_me: p.invited_by_me,
    }
}

async fn partners(scope: Scope, Query(q): Query<PartnersQuery>) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let code = q.code.as_deref().map(normalize_code).unwrap_or_default();
    let flash = flash(q.saved.as_deref());
    partners_page(&scope, me, Problems::default(), code, None, flash).await
}

async fn invite(scope: Scope, headers: HeaderMap) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let (accounts, person) = (me.accounts.clone(), me.person);
    let made = scope
        .state()
        .blocking(move || accounts.invite(person))
        .await?;
    let base = crate::hosted::public_base(scope.state(), &headers);
    let view = InviteView {
        link: format!("{base}/partners/accept?code={}", normalize_code(&made.code)),
        until: when(made.expires_at, &me.tz),
        code: made.code,
    };
    partners_page(
        &scope,
        me,
        Problems::default(),
        String::new(),
        Some(view),
        None,
    )
    .await
}

#[derive(Deserialize, Default)]
struct CodeQuery {
    code: Option<String>,
}

/// The invite link (`/partners/accept?code=…`): the accept form, filled.
async fn accept_link(scope: Scope, Query(q): Query<CodeQuery>) -> Result<Response, PageError> {
    if me(&scope).is_none() {
        return not_found().await;
    }
    match q.code.as_deref().map(normalize_code) {
        Some(code) if !code.is_empty() => see_other(&format!("/partners?code={code}")),
        _ => see_other("/partners"),
    }
}

async fn accept(scope: Scope, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let form = FormData::parse(&body);
    let code = text(&form, "code");
    let (accounts, person, typed) = (me.accounts.clone(), me.person, code.clone());
    match scope
        .state()
        .blocking(move || accounts.accept(person, &typed))
        .await
    {
        Ok(id) => see_other(&format!("/partners/{id}?saved=accepted")),
        Err(AppError::Input(e)) => {
            partners_page(&scope, me, problem("accept", &e), code, None, None).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------- one exchange

struct ShareBox {
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    checked: bool,
}

fn share_boxes(s: &SharingView) -> Vec<ShareBox> {
    vec![
        ShareBox {
            name: "snapshot",
            label: "Today's check-in",
            hint: "your latest mood, numbness and energy of the day",
            checked: s.snapshot,
        },
        ShareBox {
            name: "plan",
            label: "Today's plan",
            hint: "the one small plan you wrote with your check-in",
            checked: s.plan,
        },
        ShareBox {
            name: "screeners",
            label: "Check-up results",
            hint: "totals and what they mean; never your answers",
            checked: s.screeners,
        },
        ShareBox {
            name: "insights",
            label: "Patterns",
            hint: "the sentences from your Patterns page",
            checked: s.insights,
        },
        ShareBox {
            name: "journal",
            label: "Journal",
            hint: "your entries of the last 30 days",
            checked: s.journal,
        },
        ShareBox {
            name: "relapse",
            label: "Tell them when my relapse plan is offered",
            hint: "when numbness has been high on several days, Thaw offers you your relapse plan; with this ticked, they learn that it was offered today, so they can reach out. Never the plan itself, and nothing from a safety check",
            checked: s.relapse,
        },
    ]
}

struct TodayView {
    date: String,
    snapshot: Option<String>,
    plan: Option<String>,
    relapse: bool,
}

struct NoteRow {
    from_me: bool,
    text: String,
    when: String,
}

#[derive(Template)]
#[template(path = "partner.html")]
struct PartnerPage {
    nav: &'static str,
    section: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    id: String,
    email: String,
    since: String,
    today: Option<TodayView>,
    notes: Vec<NoteRow>,
    note_text: String,
    note_max: usize,
    boxes: Vec<ShareBox>,
    checkin_by: String,
    theirs: String,
    their_journal: bool,
    their_screeners: bool,
    their_insights: bool,
}

/// What the partner page keeps of a refused form.
#[derive(Default)]
struct Typed {
    note: String,
    sharing: Option<SharingView>,
}

async fn partner_page(
    scope: &Scope,
    me: Me,
    id: Uuid,
    problem: Problems,
    typed: Typed,
    flash: Option<&'static str>,
) -> Result<Response, PageError> {
    let Me {
        accounts,
        person,
        tz,
    } = me;
    let clock = Arc::clone(&scope.clock);
    let (view, today, notes) = scope
        .state()
        .blocking(move || {
            let view = accounts.partner(person, id)?;
            let today = match accounts.partner_today(person, id, clock.as_ref()) {
                Ok(t) => Some(t),
                // They share neither their check-in nor their plan.
                Err(AppError::NotFound) => None,
                Err(e) => return Err(e),
            };
            // Notes are the exchange itself, whatever else is shared.
            let notes = match &today {
                Some(t) => t.notes.clone(),
                None => accounts.partner_notes(person, id)?,
            };
            Ok((view, today, notes))
        })
        .await?;
    let sharing = typed.sharing.unwrap_or_else(|| view.my_sharing.clone());
    let notes = notes
        .iter()
        .map(|n| NoteRow {
            from_me: n.from_me,
            text: n.text.clone(),
            when: when(n.at, &tz),
        })
        .collect();
    let page = PartnerPage {
        nav: "",
        section: "people",
        flash,
        id: view.id.to_string(),
        email: view.email.clone(),
        since: day(view.since, &tz),
        today: today.as_ref().map(|t| today_view(t, &tz)),
        notes,
        note_text: typed.note,
        note_max: NOTE_MAX_CHARS,
        boxes: share_boxes(&sharing),
        checkin_by: sharing.checkin_by.clone().unwrap_or_default(),
        theirs: sharing_words(&view.their_sharing),
        their_journal: view.their_sharing.journal,
        their_screeners: view.their_sharing.screeners,
        their_insights: view.their_sharing.insights,
        problem,
    };
    Ok(render(page.problem.status(), &page))
}

fn today_view(t: &PartnerToday, tz: &TimeZone) -> TodayView {
    TodayView {
        date: t.date.strftime("%A %-d %B").to_string(),
        snapshot: t.snapshot.as_ref().map(|s| {
            format!(
                "{} at {}",
                ratings_words(s.mood, s.numbness, s.energy),
                s.at.timestamp().to_zoned(tz.clone()).strftime("%H:%M")
            )
        }),
        plan: t.plan.clone(),
        relapse: t.relapse_plan_offered,
    }
}

async fn partner(
    scope: Scope,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let id = parse_id(&id)?;
    let flash = flash(q.saved.as_deref());
    partner_page(&scope, me, id, Problems::default(), Typed::default(), flash).await
}

/// Runs one of the exchange page's forms: on success back to the page
/// with `saved`; a refusal shows the page again with the problem and what
/// was typed.
async fn exchange_form<T: Send + 'static>(
    scope: &Scope,
    me: Me,
    id: Uuid,
    (form, saved, typed): (&'static str, &'static str, Typed),
    f: impl FnOnce(&Accounts, OwnerId) -> Result<T, AppError> + Send + 'static,
) -> Result<Response, PageError> {
    let (accounts, person) = (me.accounts.clone(), me.person);
    match scope.state().blocking(move || f(&accounts, person)).await {
        Ok(_) => see_other(&format!("/partners/{id}?saved={saved}")),
        Err(AppError::Input(e)) => {
            partner_page(scope, me, id, problem(form, &e), typed, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn note(scope: Scope, Path(id): Path<String>, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let id = parse_id(&id)?;
    let text = FormData::parse(&body)
        .all("text")
        .next()
        .unwrap_or_default()
        .to_owned();
    let typed = Typed {
        note: text.clone(),
        sharing: None,
    };
    exchange_form(&scope, me, id, ("note", "note", typed), move |a, person| {
        a.send_note(person, id, &text)
    })
    .await
}

async fn sharing(scope: Scope, Path(id): Path<String>, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let id = parse_id(&id)?;
    let wanted = sharing_from(&FormData::parse(&body));
    let typed = Typed {
        note: String::new(),
        sharing: Some(wanted.clone()),
    };
    exchange_form(
        &scope,
        me,
        id,
        ("sharing", "sharing", typed),
        move |a, person| a.set_sharing(person, id, &wanted),
    )
    .await
}

async fn revoke(scope: Scope, Path(id): Path<String>, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let id = parse_id(&id)?;
    if FormData::parse(&body).get("confirm").is_none() {
        let problem = refused("revoke", "confirm", words::REVOKE_CONFIRM);
        return partner_page(&scope, me, id, problem, Typed::default(), None).await;
    }
    let (accounts, person) = (me.accounts.clone(), me.person);
    scope
        .state()
        .blocking(move || accounts.revoke(person, id))
        .await?;
    see_other("/partners?saved=revoked")
}

// ------------------------------------------- what a partner shares

struct SharedItem {
    when: String,
    title: String,
    text: String,
}

#[derive(Template)]
#[template(path = "partner_shared.html")]
struct SharedPage {
    nav: &'static str,
    section: &'static str,
    id: String,
    email: String,
    heading: &'static str,
    lead: &'static str,
    items: Vec<SharedItem>,
    next_step: Option<String>,
    empty: &'static str,
}

/// Which shared list a page shows.
#[derive(Clone, Copy)]
enum SharedKind {
    Journal,
    Screeners,
    Insights,
}

async fn shared_page(scope: Scope, id: String, kind: SharedKind) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let id = parse_id(&id)?;
    let Me {
        accounts, person, ..
    } = me;
    let clock = Arc::clone(&scope.clock);
    let (email, items, next_step) = scope
        .state()
        .blocking(move || {
            let view = accounts.partner(person, id)?;
            let (items, next) = match kind {
                SharedKind::Journal => (
                    accounts
                        .partner_journal(person, id)?
                        .into_iter()
                        .rev()
                        .map(|e| SharedItem {
                            when: e.at.zoned().strftime("%a %-d %b, %H:%M").to_string(),
                            title: e
                                .tags
                                .iter()
                                .map(|t| format!("#{t}"))
                                .collect::<Vec<_>>()
                                .join(" "),
                            text: e.text,
                        })
                        .collect(),
                    None,
                ),
                SharedKind::Screeners => (
                    accounts
                        .partner_screeners(person, id)?
                        .into_iter()
                        .rev()
                        .map(|r| SharedItem {
                            when: r.at.zoned().strftime("%a %-d %b %Y").to_string(),
                            title: format!("{}: {}", r.instrument.name(), r.score.total),
                            text: r.summary,
                        })
                        .collect(),
                    None,
                ),
                SharedKind::Insights => {
                    let summary = accounts.partner_insights(person, id, clock.as_ref())?;
                    (
                        summary
                            .sentences
                            .into_iter()
                            .map(|s| SharedItem {
                                when: String::new(),
                                title: String::new(),
                                text: s,
                            })
                            .collect(),
                        summary.next_step,
                    )
                }
            };
            Ok((view.email, items, next))
        })
        .await?;
    let (heading, lead, empty) = match kind {
        SharedKind::Journal => (
            "Journal",
            "Entries of the last 30 days, newest first.",
            "No entries in the last 30 days.",
        ),
        SharedKind::Screeners => (
            "Check-up results",
            "Totals and what they mean, newest first. Their answers stay with them.",
            "No check-ups yet.",
        ),
        SharedKind::Insights => (
            "Patterns",
            "What Thaw noticed in the last 90 days, in words.",
            "Not enough check-ins yet for patterns.",
        ),
    };
    let page = SharedPage {
        nav: "",
        section: "people",
        id: id.to_string(),
        email,
        heading,
        lead,
        items,
        next_step,
        empty,
    };
    Ok(render(StatusCode::OK, &page))
}

async fn partner_journal(scope: Scope, Path(id): Path<String>) -> Result<Response, PageError> {
    shared_page(scope, id, SharedKind::Journal).await
}

async fn partner_screeners(scope: Scope, Path(id): Path<String>) -> Result<Response, PageError> {
    shared_page(scope, id, SharedKind::Screeners).await
}

async fn partner_insights(scope: Scope, Path(id): Path<String>) -> Result<Response, PageError> {
    shared_page(scope, id, SharedKind::Insights).await
}

// --------------------------------------------------------------- audit

struct AuditRow {
    reader: String,
    what: &'static str,
    when: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: &'static str,
    section: &'static str,
    rows: Vec<AuditRow>,
}

/// What an audit entry's kind means, in words.
fn audit_words(what: &str) -> &'static str {
    match what {
        "today" => "your day: check-in and plan",
        "journal" => "your journal",
        "screeners" => "your check-up results",
        "insights" => "your patterns",
        _ => "something you share",
    }
}

async fn audit(scope: Scope) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let (accounts, person) = (me.accounts.clone(), me.person);
    let log = scope
        .state()
        .blocking(move || accounts.audit_log(person))
        .await?;
    let page = AuditPage {
        nav: "",
        section: "people",
        rows: log
            .into_iter()
            .map(|a| AuditRow {
                what: audit_words(&a.what),
                when: when(a.at, &me.tz),
                reader: a.reader,
            })
            .collect(),
    };
    Ok(render(StatusCode::OK, &page))
}

// ------------------------------------------------------------- account

struct TokenRow {
    id: String,
    name: String,
    created: String,
}

struct NewTotp {
    secret: String,
    uri: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    nav: &'static str,
    section: &'static str,
    flash: Option<&'static str>,
    problem: Problems,
    email: String,
    timezone: String,
    country: String,
    totp_on: bool,
    totp_new: Option<NewTotp>,
    tokens: Vec<TokenRow>,
    token_name: String,
    new_token: Option<String>,
}

/// What the account page keeps of a form just sent.
#[derive(Default)]
struct AccountExtra {
    /// Time zone and country as typed (a refused settings form).
    settings: Option<(String, String)>,
    totp_new: Option<NewTotp>,
    token_name: String,
    new_token: Option<String>,
}

async fn account_page(
    scope: &Scope,
    me: Me,
    problem: Problems,
    extra: AccountExtra,
    flash: Option<&'static str>,
) -> Result<Response, PageError> {
    let Me {
        accounts,
        person,
        tz,
    } = me;
    let (record, settings, tokens) = scope
        .state()
        .blocking(move || {
            let record = accounts
                .store()
                .account(person)?
                .ok_or(AppError::NotFound)?;
            Ok((
                record,
                accounts.settings(person)?,
                accounts.api_tokens(person)?,
            ))
        })
        .await?;
    let (timezone, country) = extra.settings.unwrap_or_else(|| {
        (
            settings.timezone.clone().unwrap_or_default(),
            settings.country.clone().unwrap_or_default(),
        )
    });
    let page = AccountPage {
        nav: "",
        section: "account",
        flash,
        email: record.email.clone(),
        timezone,
        country,
        totp_on: record.totp_secret.is_some(),
        totp_new: extra.totp_new,
        tokens: tokens
            .into_iter()
            .map(|t| TokenRow {
                id: t.id.to_string(),
                created: Timestamp::from_microsecond(t.created_us)
                    .map(|at| day(at, &tz))
                    .unwrap_or_default(),
                name: t.name,
            })
            .collect(),
        token_name: extra.token_name,
        new_token: extra.new_token,
        problem,
    };
    Ok(render(page.problem.status(), &page))
}

async fn account(scope: Scope, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let flash = flash(q.saved.as_deref());
    account_page(
        &scope,
        me,
        Problems::default(),
        AccountExtra::default(),
        flash,
    )
    .await
}

async fn save_settings(scope: Scope, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let form = FormData::parse(&body);
    let timezone = form.all("timezone").next().unwrap_or_default().to_owned();
    let country = form.all("country").next().unwrap_or_default().to_owned();
    let (accounts, person) = (me.accounts.clone(), me.person);
    let (tz, c) = (timezone.clone(), country.clone());
    let saved = scope
        .state()
        .blocking(move || {
            let mut settings = accounts.settings(person)?;
            settings.set("timezone", &tz)?;
            settings.set("country", &c)?;
            accounts.save_settings(person, &settings)
        })
        .await;
    match saved {
        Ok(()) => see_other("/account?saved=settings"),
        Err(AppError::Input(e)) => {
            let extra = AccountExtra {
                settings: Some((timezone, country)),
                ..AccountExtra::default()
            };
            account_page(&scope, me, problem("settings", &e), extra, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn change_password(
    scope: Scope,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let form = FormData::parse(&body);
    let current = text(&form, "current_password");
    let new = text(&form, "new_password");
    let keep = crate::security::session_cookie(&headers).map(str::to_owned);
    let (accounts, person) = (me.accounts.clone(), me.person);
    match scope
        .state()
        .hashing(move || accounts.change_password(person, &current, &new, keep.as_deref()))
        .await
    {
        Ok(()) => see_other("/account?saved=password"),
        Err(AppError::Input(mut e)) => {
            // The new password's checks name it "password".
            if e.field == "password" {
                e.field = "new_password".into();
            }
            account_page(
                &scope,
                me,
                problem("password", &e),
                AccountExtra::default(),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn totp_start(scope: Scope) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let (accounts, person) = (me.accounts.clone(), me.person);
    let (secret, uri) = scope
        .state()
        .blocking(move || accounts.new_totp_secret(person))
        .await?;
    let extra = AccountExtra {
        totp_new: Some(NewTotp { secret, uri }),
        ..AccountExtra::default()
    };
    account_page(&scope, me, Problems::default(), extra, None).await
}

async fn totp_confirm(scope: Scope, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let form = FormData::parse(&body);
    let secret = text(&form, "secret");
    let code = text(&form, "code");
    let (accounts, person, s) = (me.accounts.clone(), me.person, secret.clone());
    match scope
        .state()
        .blocking(move || accounts.confirm_totp(person, &s, &code))
        .await
    {
        Ok(()) => see_other("/account?saved=totp-on"),
        Err(AppError::Input(e)) => {
            // The same key again, so the app set up already still fits.
            let accounts = me.accounts.clone();
            let person = me.person;
            let uri = scope
                .state()
                .blocking(move || {
                    let email = accounts
                        .store()
                        .account(person)?
                        .map(|r| r.email)
                        .unwrap_or_default();
                    Ok(thaw_core::account::TotpSecret::from_base32(&secret)
                        .map(|s| thaw_core::account::otpauth_uri(&s, &email, "Thaw"))
                        .ok()
                        .map(|uri| NewTotp { secret, uri }))
                })
                .await?;
            let extra = AccountExtra {
                totp_new: uri,
                ..AccountExtra::default()
            };
            account_page(&scope, me, problem("totp", &e), extra, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A refused account form: the page again with the problem (the input
/// is the person's to fix); anything else is a failure of ours.
async fn account_refusal(
    scope: &Scope,
    me: Me,
    form: &'static str,
    e: AppError,
) -> Result<Response, PageError> {
    match e {
        AppError::Input(e) => {
            account_page(scope, me, problem(form, &e), AccountExtra::default(), None).await
        }
        e => Err(e.into()),
    }
}

async fn totp_off(scope: Scope, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let password = text(&FormData::parse(&body), "password");
    let (accounts, person) = (me.accounts.clone(), me.person);
    match scope
        .state()
        .hashing(move || accounts.disable_totp(person, &password))
        .await
    {
        Ok(()) => see_other("/account?saved=totp-off"),
        Err(e) => account_refusal(&scope, me, "totp-off", e).await,
    }
}

async fn create_token(scope: Scope, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let name = text(&FormData::parse(&body), "name");
    let (accounts, person, n) = (me.accounts.clone(), me.person, name.clone());
    match scope
        .state()
        .blocking(move || accounts.create_api_token(person, &n))
        .await
    {
        Ok((_, token)) => {
            let extra = AccountExtra {
                new_token: Some(token),
                ..AccountExtra::default()
            };
            account_page(&scope, me, Problems::default(), extra, None).await
        }
        Err(AppError::Input(e)) => {
            let extra = AccountExtra {
                token_name: name,
                ..AccountExtra::default()
            };
            account_page(&scope, me, problem("tokens", &e), extra, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn revoke_token(scope: Scope, Path(id): Path<String>) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let id = parse_id(&id)?;
    let (accounts, person) = (me.accounts.clone(), me.person);
    scope
        .state()
        .blocking(move || accounts.revoke_api_token(person, id))
        .await?;
    see_other("/account?saved=token-revoked")
}

async fn delete_account(scope: Scope, body: Bytes) -> Result<Response, PageError> {
    let Some(me) = me(&scope) else {
        return not_found().await;
    };
    let form = FormData::parse(&body);
    if form.get("confirm").is_none() {
        let problem = refused("delete", "confirm", words::DELETE_CONFIRM);
        return account_page(&scope, me, problem, AccountExtra::default(), None).await;
    }
    let password = text(&form, "password");
    let (accounts, person) = (me.accounts.clone(), me.person);
    match scope
        .state()
        .hashing(move || accounts.delete_account(person, &password))
        .await
    {
        Ok(()) => {
            let mut response = Redirect::to("/signup").into_response();
            if let Some(cookie) = crate::security::session_set_cookie(scope.state(), None) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(e) => account_refusal(&scope, me, "delete", e).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nothing() -> SharingView {
        SharingView {
            snapshot: false,
            plan: false,
            screeners: false,
            insights: false,
            journal: false,
            relapse: false,
            checkin_by: None,
        }
    }

    #[test]
    fn the_sharing_form_reads_ticked_boxes_and_the_time() {
        let form =
            FormData::parse(b"csrf_token=x&snapshot=on&journal=on&relapse=on&checkin_by=+20%3A30+");
        let s = sharing_from(&form);
        assert_eq!(
            s,
            SharingView {
                snapshot: true,
                journal: true,
                relapse: true,
                checkin_by: Some("20:30".into()),
                ..nothing()
            }
        );
        assert_eq!(sharing_from(&FormData::parse(b"")), nothing());
        let empty_time = sharing_from(&FormData::parse(b"plan=on&checkin_by="));
        assert!(empty_time.plan && empty_time.checkin_by.is_none());
    }

    #[test]
    fn sharing_reads_as_words() {
        assert_eq!(sharing_words(&nothing()), "nothing right now");
        let s = SharingView {
            snapshot: true,
            plan: true,
            insights: true,
            checkin_by: Some("21:00".into()),
            ..nothing()
        };
        assert_eq!(
            sharing_words(&s),
            "today's check-in and plan, patterns; a check-in by 21:00"
        );
        let s = SharingView {
            plan: true,
            relapse: true,
            ..nothing()
        };
        assert_eq!(
            sharing_words(&s),
            "today's plan, when the relapse plan is offered"
        );
    }

    #[test]
    fn ratings_skip_what_was_not_given() {
        assert_eq!(ratings_words(Some(4), None, Some(2)), "mood 4 · energy 2");
        assert_eq!(
            ratings_words(None, None, None),
            "a check-in without ratings"
        );
    }

    #[test]
    fn refusals_never_echo_a_password_and_name_the_field() {
        let e = InputError::new("current_password", "(hidden)", "your current password");
        assert_eq!(refusal(&e), "Current password: your current password.");
        let e = InputError::new("timezone", "Mars/Base", "use a time zone name like UTC");
        assert_eq!(
            refusal(&e),
            "Time zone \"Mars/Base\": use a time zone name like UTC."
        );
        let long = "x".repeat(300);
        let e = InputError::new("text", &long, "a short note");
        assert_eq!(refusal(&e), "Note: a short note.");
    }

    #[test]
    fn confirmations_come_from_the_fixed_list_and_stay_kind() {
        assert_eq!(flash(Some("note")), Some(words::NOTE_SENT));
        assert_eq!(flash(Some("<script>")), None);
        assert_eq!(flash(None), None);
        let all = [
            words::ACCEPTED,
            words::REVOKED,
            words::NOTE_SENT,
            words::SHARING_SAVED,
            words::SETTINGS_SAVED,
            words::PASSWORD_CHANGED,
            words::TOTP_ON,
            words::TOTP_OFF,
            words::TOKEN_REVOKED,
            words::INVITE_SEES,
            words::INVITE_NEVER,
            words::REVOKE_CONFIRM,
            words::DELETE_CONFIRM,
        ];
        for sentence in all {
            for word in ["missed", "failed", "streak", "should"] {
                assert!(
                    !sentence.to_lowercase().contains(word),
                    "{word:?} in {sentence:?}"
                );
            }
        }
    }

    #[test]
    fn audit_kinds_read_as_words() {
        assert_eq!(audit_words("today"), "your day: check-in and plan");
        assert_eq!(audit_words("journal"), "your journal");
        assert_eq!(audit_words("new-kind"), "something you share");
    }
}
