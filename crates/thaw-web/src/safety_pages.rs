//! The safety pages: help now (public: no sign-in step stands between a
//! person and a crisis line), check-ups (screeners, one question per
//! page, no JavaScript needed), and the safety and relapse plans.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use thaw_app::AppError;
use thaw_app::safety::ScreeningReport;
use thaw_core::InputError;
use thaw_core::crisis::{CrisisLine, Resources};
use thaw_core::plan::{Plan, PlanKind};
use thaw_core::screener::{INSTRUMENTS, Instrument};
use thaw_report::svg::{ScorePoint, screening_chart};

use crate::Scope;
use crate::errors::{PageError, render};
use crate::forms::FormData;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .route("/screen", get(screen_index))
        .route("/screen/{key}", get(screen_step).post(screen_save))
        .route("/screen/result/{id}", get(screen_result))
        .route("/safety-plan", get(safety_plan).post(save_safety_plan))
        .route("/relapse-plan", get(relapse_plan).post(save_relapse_plan))
}

// ------------------------------------------------------------ resources

pub(crate) struct LineView {
    pub(crate) name: String,
    pub(crate) phone: Option<String>,
    /// The phone number as a `tel:` link wants it (digits and +).
    pub(crate) tel: String,
    pub(crate) text: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) hours: Option<String>,
}

/// Crisis resources as pages show them.
pub(crate) struct SupportView {
    pub(crate) opening: &'static str,
    pub(crate) lines: Vec<LineView>,
    pub(crate) emergency: String,
    pub(crate) no_country: bool,
}

pub(crate) use thaw_app::safety::words::RISK_OPENING;
use thaw_app::safety::words::{ITEM9_DECLINED, ITEM9_OPENING};

fn line_view(l: &CrisisLine) -> LineView {
    LineView {
        name: l.name.clone(),
        tel: l
            .phone
            .as_deref()
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect(),
        phone: l.phone.clone(),
        text: l.text.clone(),
        url: l.url.clone(),
        hours: l.hours.clone(),
    }
}

pub(crate) fn support_view(resources: &Resources, opening: &'static str) -> SupportView {
    let (lines, emergency) = match &resources.country {
        Some(c) => (c.lines.iter().map(line_view).collect(), c.emergency.clone()),
        None => (
            resources.international.iter().map(line_view).collect(),
            "your local emergency number".to_owned(),
        ),
    };
    SupportView {
        opening,
        lines,
        emergency,
        no_country: resources.country.is_none(),
    }
}

pub(crate) fn support_for(state: &Scope, opening: &'static str) -> Result<SupportView, AppError> {
    let resources = thaw_app::safety::resources(state.thaw.settings())?;
    Ok(support_view(&resources, opening))
}

#[derive(Template)]
#[template(path = "help_now.html")]
struct HelpNowPage {
    nav: &'static str,
    support: SupportView,
}

/// Public: shows the lines at once, signed in or not.
pub async fn help_now(state: Scope) -> Result<Response, PageError> {
    let support = support_for(&state, "")?;
    Ok(render(
        StatusCode::OK,
        &HelpNowPage {
            nav: "help",
            support,
        },
    ))
}

// ------------------------------------------------------------ check-ups

struct InstrumentLink {
    key: &'static str,
    name: &'static str,
    count: usize,
}

struct ResultRow {
    when: String,
    summary: String,
    change: Option<String>,
}

struct History {
    key: &'static str,
    name: &'static str,
    chart: String,
    rows: Vec<ResultRow>,
}

#[derive(Template)]
#[template(path = "screen_index.html")]
struct ScreenIndex {
    nav: &'static str,
    instruments: Vec<InstrumentLink>,
    histories: Vec<History>,
}

async fn screen_index(state: Scope) -> Result<Response, PageError> {
    let reports = state.run(|thaw| thaw.screenings(None)).await?;
    let histories = INSTRUMENTS
        .iter()
        .filter_map(|&i| {
            let mine: Vec<&ScreeningReport> =
                reports.iter().filter(|r| r.instrument == i).collect();
            if mine.is_empty() {
                return None;
            }
            let points: Vec<ScorePoint> = mine
                .iter()
                .map(|r| ScorePoint {
                    date: r.at.zoned().date(),
                    total: r.score.total,
                })
                .collect();
            Some(History {
                key: i.key(),
                name: i.name(),
                chart: if i.bands().is_empty() {
                    String::new()
                } else {
                    screening_chart(i, &points)
                },
                rows: mine
                    .iter()
                    .rev()
                    .map(|r| ResultRow {
                        when: r.at.zoned().strftime("%-d %b %Y").to_string(),
                        summary: r.summary.clone(),
                        change: r.change.clone(),
                    })
                    .collect(),
            })
        })
        .collect();
    let instruments = INSTRUMENTS
        .iter()
        .map(|i| InstrumentLink {
            key: i.key(),
            name: i.name(),
            count: i.items().len(),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &ScreenIndex {
            nav: "screen",
            instruments,
            histories,
        },
    ))
}

struct OptionView {
    id: String,
    value: String,
    words: &'static str,
}

#[derive(Template)]
#[template(path = "screen_step.html")]
struct ScreenStep {
    nav: &'static str,
    key: &'static str,
    name: &'static str,
    stem: &'static str,
    answers: String,
    number: usize,
    count: usize,
    item: &'static str,
    options: Vec<OptionView>,
    last: bool,
    method: &'static str,
}

#[derive(Deserialize)]
struct StepQuery {
    answers: Option<String>,
    next: Option<String>,
}

/// Answers so far: those carried in the form plus the one just chosen.
fn answers_so_far(
    instrument: Instrument,
    carried: Option<&str>,
    next: Option<&str>,
) -> Result<Vec<String>, InputError> {
    let mut answers: Vec<String> = carried
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    answers.extend(next.map(str::to_owned));
    let refuse = || {
        InputError::new(
            "answers",
            answers.join(","),
            "choose one of the answers shown for each question",
        )
    };
    if answers.len() > instrument.items().len() {
        return Err(refuse());
    }
    for (i, a) in answers.iter().enumerate() {
        let declined = instrument.may_decline(i) && a == "-";
        if !declined && !a.parse::<u8>().is_ok_and(|v| v <= instrument.item_max()) {
            return Err(refuse());
        }
    }
    Ok(answers)
}

fn instrument_from(key: &str) -> Result<Instrument, PageError> {
    Instrument::parse("instrument", key).map_err(|e| PageError(AppError::Input(e)))
}

async fn screen_step(
    Path(key): Path<String>,
    Query(q): Query<StepQuery>,
) -> Result<Response, PageError> {
    let instrument = instrument_from(&key)?;
    let answers = answers_so_far(instrument, q.answers.as_deref(), q.next.as_deref())
        .map_err(AppError::Input)?;
    let count = instrument.items().len();
    // All answered (an old link): ask the last question again, to post.
    let index = answers.len().min(count - 1);
    let carried = answers.get(..index).unwrap_or_default().join(",");
    let item = instrument.items().get(index).copied().unwrap_or_default();
    let mut options: Vec<OptionView> = instrument
        .options()
        .iter()
        .map(|(v, words)| OptionView {
            id: v.to_string(),
            value: v.to_string(),
            words,
        })
        .collect();
    if instrument.may_decline(index) {
        options.push(OptionView {
            id: "decline".into(),
            value: "-".into(),
            words: "Prefer not to answer",
        });
    }
    let last = index + 1 == count;
    let page = ScreenStep {
        nav: "screen",
        key: instrument.key(),
        name: instrument.name(),
        stem: instrument.stem(),
        answers: carried,
        number: index + 1,
        count,
        item,
        options,
        last,
        method: if last { "post" } else { "get" },
    };
    Ok(render(StatusCode::OK, &page))
}

async fn screen_save(
    state: Scope,
    Path(key): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let instrument = instrument_from(&key)?;
    let form = FormData::parse(&body);
    let answers = answers_so_far(instrument, form.get("answers"), form.get("next"))
        .map_err(AppError::Input)?;
    let settings = state.thaw.settings().clone();
    let screening = thaw_app::safety::prepare_screening(
        instrument,
        &answers.join(","),
        None,
        &settings,
        state.clock.as_ref(),
    )
    .map_err(AppError::Input)?;
    let report = state
        .run(move |thaw| thaw.save_screening(&screening))
        .await?;
    Ok(Redirect::to(&format!("/screen/result/{}", report.id)).into_response())
}

#[derive(Template)]
#[template(path = "screen_result.html")]
struct ScreenResult {
    nav: &'static str,
    support: Option<SupportView>,
    summary: String,
    change: Option<String>,
}

async fn screen_result(state: Scope, Path(id): Path<String>) -> Result<Response, PageError> {
    let id = uuid::Uuid::parse_str(&id).ok();
    let reports = state.run(|thaw| thaw.screenings(None)).await?;
    let Some(report) = reports.into_iter().find(|r| Some(r.id) == id) else {
        return Ok(crate::pages::not_found().await);
    };
    let support = match (report.score.item9_positive, report.score.item9_declined) {
        (true, _) => Some(support_for(&state, ITEM9_OPENING)?),
        (false, true) => Some(support_for(&state, ITEM9_DECLINED)?),
        _ => None,
    };
    Ok(render(
        StatusCode::OK,
        &ScreenResult {
            nav: "screen",
            support,
            summary: report.summary,
            change: report.change,
        },
    ))
}

// ---------------------------------------------------------------- plans

struct SectionView {
    key: &'static str,
    title: &'static str,
    prompt: &'static str,
    text: String,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    nav: &'static str,
    kind: &'static str,
    title: &'static str,
    intro: &'static str,
    saved: bool,
    error: Option<String>,
    sections: Vec<SectionView>,
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

fn plan_page(plan: &Plan, saved: bool, error: Option<String>) -> PlanPage {
    PlanPage {
        nav: "plans",
        kind: plan.kind.key(),
        title: plan.kind.title(),
        intro: match plan.kind {
            PlanKind::Safety => crate::words::SAFETY_PLAN_INTRO,
            PlanKind::Relapse => crate::words::RELAPSE_PLAN_INTRO,
        },
        saved,
        error,
        sections: plan
            .sections()
            .map(|(s, items)| SectionView {
                key: s.key,
                title: s.title,
                prompt: s.prompt,
                text: items.join("\n"),
            })
            .collect(),
    }
}

async fn show_plan(state: &Scope, kind: PlanKind, saved: bool) -> Result<Response, PageError> {
    let plan = state.run(move |thaw| thaw.plan(kind)).await?;
    Ok(render(StatusCode::OK, &plan_page(&plan, saved, None)))
}

async fn safety_plan(state: Scope, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    show_plan(&state, PlanKind::Safety, q.saved.is_some()).await
}

async fn relapse_plan(state: Scope, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    show_plan(&state, PlanKind::Relapse, q.saved.is_some()).await
}

async fn save_plan(state: &Scope, kind: PlanKind, body: &[u8]) -> Result<Response, PageError> {
    let form = FormData::parse(body);
    let sections: Vec<(String, Vec<String>)> = kind
        .sections()
        .iter()
        .map(|s| {
            (
                s.key.to_owned(),
                form.all(s.key)
                    .flat_map(str::lines)
                    .map(str::to_owned)
                    .collect(),
            )
        })
        .collect();
    let plan = match Plan::from_sections(kind, &sections) {
        Ok(p) => p,
        Err(e) => {
            let mut page = plan_page(
                &Plan::starter(kind),
                false,
                Some(format!("{}: {}", e.field, e.allowed)),
            );
            for (view, (_, items)) in page.sections.iter_mut().zip(&sections) {
                view.text = items.join("\n");
            }
            return Ok(render(StatusCode::BAD_REQUEST, &page));
        }
    };
    state.run(move |thaw| thaw.save_plan(&plan)).await?;
    Ok(Redirect::to(&format!("/{}-plan?saved=1", kind.key())).into_response())
}

async fn save_safety_plan(state: Scope, body: Bytes) -> Result<Response, PageError> {
    save_plan(&state, PlanKind::Safety, &body).await
}

async fn save_relapse_plan(state: Scope, body: Bytes) -> Result<Response, PageError> {
    save_plan(&state, PlanKind::Relapse, &body).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use thaw_core::screener;

    #[test]
    fn answers_carry_from_page_to_page_and_refuse_tampering() {
        let i = Instrument::Phq9;
        assert_eq!(
            answers_so_far(i, Some("1,2"), Some("3")).unwrap(),
            ["1", "2", "3"]
        );
        assert_eq!(
            answers_so_far(i, Some("0,0,0,0,0,0,0,0"), Some("-"))
                .unwrap()
                .len(),
            9,
            "item 9 may be declined"
        );
        assert!(
            answers_so_far(i, Some("1,-"), None).is_err(),
            "only item 9 may be declined"
        );
        assert!(answers_so_far(i, Some("4"), None).is_err());
        assert!(
            answers_so_far(i, Some("0,0,0,0,0,0,0,0,0"), Some("0")).is_err(),
            "too many"
        );
        assert_eq!(
            screener::parse_answers(
                i,
                &answers_so_far(i, Some("1,1,1,1,1,1,1,1"), Some("1"))
                    .unwrap()
                    .join(",")
            )
            .unwrap()
            .len(),
            9
        );
    }
}
