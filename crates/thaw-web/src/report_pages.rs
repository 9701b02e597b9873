//! The clinician report in the web app: a page to choose the period and
//! whether the safety plan's content goes in (`/report`), and the two
//! downloads (`/report.pdf`, `/report.html`, both taking `from`, `to` and
//! `safety_plan`).
//!
//! Both downloads are sent as attachments (`Content-Disposition:
//! attachment`), so the browser saves them instead of showing them here.
//! That matters for the HTML: it is a standalone file with its style
//! inline, which our own pages' CSP (`style-src 'self'`) would forbid if
//! it were rendered under this origin; saved and opened from disk it
//! renders as made, and its own CSP meta tag still forbids any script or
//! outside resource. Loosening the site-wide CSP for one route was the
//! alternative; downloading keeps every page we render under one policy.

use askama::Template;
use axum::extract::Query;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::civil::Date;
use serde::Deserialize;
use thaw_app::AppError;
use thaw_core::plan::PlanKind;

use crate::Scope;
use crate::errors::{PageError, render};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .route("/report", get(page))
        .route("/report.pdf", get(pdf))
        .route("/report.html", get(html))
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    nav: &'static str,
    from: Date,
    to: Date,
    has_safety_plan: bool,
}

async fn page(state: Scope) -> Result<Response, PageError> {
    let now = state.clock.now();
    let (from, to, has_safety_plan) = state
        .run(move |thaw| {
            let today = now.to_zoned(thaw.settings().time_zone()).date();
            let (from, to) = thaw_app::report::report_period(None, None, today)?;
            Ok((from, to, !thaw.plan(PlanKind::Safety)?.is_empty()))
        })
        .await?;
    Ok(render(
        StatusCode::OK,
        &ReportPage {
            nav: "plans",
            from,
            to,
            has_safety_plan,
        },
    ))
}

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD&safety_plan=1`; empty means the default.
#[derive(Debug, Default, Deserialize)]
struct ReportQuery {
    from: Option<String>,
    to: Option<String>,
    safety_plan: Option<String>,
}

impl ReportQuery {
    fn date(field: &str, text: Option<&str>) -> Result<Option<Date>, AppError> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Ok(Some(thaw_app::parse_date(field, t)?)),
            None => Ok(None),
        }
    }

    fn with_safety_plan(&self) -> bool {
        self.safety_plan
            .as_deref()
            .is_some_and(|v| matches!(v, "1" | "on" | "true" | "yes"))
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Pdf,
    Html,
}

async fn download(state: &Scope, q: ReportQuery, kind: Kind) -> Result<Response, PageError> {
    let from = ReportQuery::date("from", q.from.as_deref())?;
    let to = ReportQuery::date("to", q.to.as_deref())?;
    let include = q.with_safety_plan();
    let now = state.clock.now();
    let (bytes, name) = state
        .run(move |thaw| {
            let report = thaw.report(from, to, include, now)?;
            let name = format!("thaw-report-{}-to-{}", report.from, report.to);
            Ok(match kind {
                Kind::Pdf => (thaw_report::pdf::render_pdf(&report), format!("{name}.pdf")),
                Kind::Html => (
                    thaw_report::html::render_html(&report).into_bytes(),
                    format!("{name}.html"),
                ),
            })
        })
        .await?;
    let content_type = match kind {
        Kind::Pdf => "application/pdf",
        Kind::Html => "text/html; charset=utf-8",
    };
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // The name holds only digits, dashes and letters we wrote.
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

async fn pdf(state: Scope, Query(q): Query<ReportQuery>) -> Result<Response, PageError> {
    download(&state, q, Kind::Pdf).await
}

async fn html(state: Scope, Query(q): Query<ReportQuery>) -> Result<Response, PageError> {
    download(&state, q, Kind::Html).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_dates_mean_the_default_and_bad_ones_name_their_field() {
        assert_eq!(ReportQuery::date("from", Some("  ")).unwrap(), None);
        assert_eq!(ReportQuery::date("from", None).unwrap(), None);
        assert_eq!(
            ReportQuery::date("to", Some("2026-03-01")).unwrap(),
            Some("2026-03-01".parse().unwrap())
        );
        match ReportQuery::date("to", Some("soon")) {
            Err(AppError::Input(e)) => assert_eq!(e.field, "to"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_safety_plan_goes_in_only_when_ticked() {
        let q = |v: Option<&str>| ReportQuery {
            safety_plan: v.map(Into::into),
            ..ReportQuery::default()
        };
        assert!(q(Some("1")).with_safety_plan() && q(Some("on")).with_safety_plan());
        assert!(!q(None).with_safety_plan() && !q(Some("0")).with_safety_plan());
    }
}
