//! The JSON API of the reviews: `GET /api/v1/review/week` and
//! `GET /api/v1/review/month`, the same documents `thaw --json week` and
//! `thaw --json month` print, built by `Thaw::week_review` and
//! `Thaw::month_review`. Both take `?until=YYYY-MM-DD` (default today).
//!
//! The answers are serialized straight from `thaw_app::review`; [`doc`]
//! describes them for the OpenAPI document, and the tests below keep the
//! two in step.

use axum::Json;
use axum::extract::RawQuery;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::civil::Date;
use utoipa::IntoParams;

use crate::Scope;
use crate::api_engage::Params;
use crate::errors::{ApiError, ErrorBody};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .route("/review/week", get(week))
        .route("/review/month", get(month))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; read by hand
pub struct ReviewQuery {
    /// The last day to look at (YYYY-MM-DD); default today.
    until: Option<String>,
}

fn until_of(state: &Scope, raw: Option<String>) -> Result<Date, ApiError> {
    Ok(Params::new(raw)
        .date("until")?
        .unwrap_or_else(|| thaw_app::today(state.thaw.settings(), state.clock.as_ref())))
}

/// A gentle weekly review of the seven days ending on `until`.
#[utoipa::path(get, path = "/api/v1/review/week", tag = "review", params(ReviewQuery), responses((status = 200, body = doc::WeekReview), (status = 400, body = ErrorBody)))]
pub(crate) async fn week(state: Scope, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let until = until_of(&state, raw)?;
    let review = state.run(move |thaw| thaw.week_review(until)).await?;
    Ok(Json(review).into_response())
}

/// The monthly look-back ("look how far") over the 30 days ending on `until`.
#[utoipa::path(get, path = "/api/v1/review/month", tag = "review", params(ReviewQuery), responses((status = 200, body = doc::MonthReview), (status = 400, body = ErrorBody)))]
pub(crate) async fn month(state: Scope, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let until = until_of(&state, raw)?;
    let review = state.run(move |thaw| thaw.month_review(until)).await?;
    Ok(Json(review).into_response())
}

/// Schema descriptions of the reviews built in `thaw-app`.
pub mod doc {
    #![allow(dead_code)] // documentation only
    use serde::Serialize;
    use thaw_core::engage::{ValueAction, Win};
    use utoipa::ToSchema;

    /// A rating the reviews compare.
    #[derive(ToSchema, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Measure {
        Mood,
        Numbness,
        Energy,
    }

    /// Better: numbness lower, or mood or energy higher, by 0.5 or more.
    #[derive(ToSchema, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Direction {
        Better,
        AboutTheSame,
        Harder,
    }

    /// One rating, now against before: means of day values.
    #[derive(ToSchema)]
    pub struct Change {
        measure: Measure,
        now: Option<f64>,
        /// Days of this period with this rating.
        days_now: usize,
        before: Option<f64>,
        days_before: usize,
        /// now − before, only when both periods have ratings.
        difference: Option<f64>,
        /// Only when both periods have ratings.
        direction: Option<Direction>,
    }

    /// An activity in the week: any size counts; skipped is information.
    #[derive(ToSchema)]
    pub struct ActivityWeek {
        name: String,
        /// Done or partly done, in any size.
        times: usize,
        /// Of those, in a smaller version.
        smaller: usize,
        skipped: usize,
    }

    /// A grounding session with numbness before and after (0–10).
    #[derive(ToSchema)]
    pub struct GroundingItem {
        technique: String,
        title: String,
        #[schema(value_type = String, format = DateTime, example = "2026-03-01T23:30:00-05:00")]
        at: String,
        duration_s: u32,
        #[schema(minimum = 0, maximum = 10)]
        before: Option<u8>,
        #[schema(minimum = 0, maximum = 10)]
        after: Option<u8>,
    }

    /// Where the suggestion comes from.
    #[derive(ToSchema, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum SuggestionKind {
        Activity,
        Grounding,
        Enjoyment,
        Value,
        Checkin,
        Plan,
    }

    /// One small thing to try next week.
    #[derive(ToSchema)]
    pub struct Suggestion {
        kind: SuggestionKind,
        /// The activity, technique or value it is about.
        about: Option<String>,
        text: String,
    }

    #[derive(ToSchema)]
    pub struct WeekBefore {
        #[schema(format = Date)]
        from: String,
        #[schema(format = Date)]
        to: String,
        days_with_checkins: usize,
    }

    /// A gentle weekly review (as `thaw --json week`).
    #[derive(ToSchema)]
    pub struct WeekReview {
        #[schema(format = Date)]
        from: String,
        #[schema(format = Date)]
        to: String,
        /// Always 7.
        days: u32,
        days_with_checkins: usize,
        week_before: WeekBefore,
        /// Mood, numbness and energy.
        compared: Vec<Change>,
        wins: Vec<Win>,
        value_actions: Vec<ValueAction>,
        activities: Vec<ActivityWeek>,
        grounding: Vec<GroundingItem>,
        suggestion: Suggestion,
    }

    /// Counts over one period.
    #[derive(ToSchema)]
    pub struct Period {
        #[schema(format = Date)]
        from: String,
        #[schema(format = Date)]
        to: String,
        days: u32,
        days_with_checkins: usize,
        wins: usize,
        activities_done: usize,
        value_actions: usize,
        grounding_sessions: usize,
    }

    /// The monthly look-back (as `thaw --json month`).
    #[derive(ToSchema)]
    pub struct MonthReview {
        /// The last 30 days.
        now: Period,
        /// The 30 days before, from the first check-in at the earliest;
        /// null when the first check-in is within the last 30 days.
        before: Option<Period>,
        compared: Vec<Change>,
        #[schema(format = Date)]
        first_checkin: Option<String>,
        checkins_since_start: u64,
        wins_since_start: usize,
        first_win: Option<Win>,
        /// The most recent win, when it is not the first.
        latest_win: Option<Win>,
    }
}

#[cfg(test)]
mod tests {
    use thaw_app::review::{
        ActivityWeek, Change, Direction, GroundingItem, Measure, MonthReview, Period, Suggestion,
        SuggestionKind, WeekBefore, WeekReview,
    };

    use crate::api::schema_keys::{keys, properties};

    #[test]
    fn the_documented_answers_match_what_is_sent() {
        let doc = serde_json::to_value(crate::api::openapi()).unwrap();
        for (path, schema) in [
            ("/api/v1/review/week", "WeekReview"),
            ("/api/v1/review/month", "MonthReview"),
        ] {
            assert!(doc["paths"][path]["get"].is_object(), "{path}");
            assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
        }
        let date: jiff::civil::Date = "2026-03-29".parse().unwrap();
        let at = thaw_core::Moment::parse("at", "2026-03-28T20:00:00Z", &jiff::tz::TimeZone::UTC)
            .unwrap();
        let change = Change {
            measure: Measure::Numbness,
            now: Some(5.0),
            days_now: 3,
            before: Some(6.0),
            days_before: 2,
            difference: Some(-1.0),
            direction: Some(Direction::Better),
        };
        let week = WeekReview {
            from: date,
            to: date,
            days: 7,
            days_with_checkins: 3,
            week_before: WeekBefore {
                from: date,
                to: date,
                days_with_checkins: 2,
            },
            compared: vec![change.clone()],
            wins: Vec::new(),
            value_actions: Vec::new(),
            activities: vec![ActivityWeek {
                name: "walk".into(),
                times: 2,
                smaller: 1,
                skipped: 0,
            }],
            grounding: vec![GroundingItem {
                technique: "breaths".into(),
                title: "five slow breaths".into(),
                at,
                duration_s: 60,
                before: Some(7),
                after: Some(5),
            }],
            suggestion: Suggestion {
                kind: SuggestionKind::Plan,
                about: None,
                text: "one small thing".into(),
            },
        };
        let sent = serde_json::to_value(&week).unwrap();
        assert_eq!(properties(&doc, "WeekReview"), keys(&sent));
        assert_eq!(properties(&doc, "WeekBefore"), keys(&sent["week_before"]));
        assert_eq!(properties(&doc, "Change"), keys(&sent["compared"][0]));
        assert_eq!(
            properties(&doc, "ActivityWeek"),
            keys(&sent["activities"][0])
        );
        assert_eq!(
            properties(&doc, "GroundingItem"),
            keys(&sent["grounding"][0])
        );
        assert_eq!(properties(&doc, "Suggestion"), keys(&sent["suggestion"]));
        assert_eq!(sent["compared"][0]["direction"], "better");
        assert_eq!(sent["compared"][0]["measure"], "numbness");
        assert_eq!(sent["suggestion"]["kind"], "plan");

        let period = Period {
            from: date,
            to: date,
            days: 30,
            days_with_checkins: 1,
            wins: 0,
            activities_done: 0,
            value_actions: 0,
            grounding_sessions: 0,
        };
        let month = MonthReview {
            now: period.clone(),
            before: Some(period),
            compared: vec![change],
            first_checkin: Some(date),
            checkins_since_start: 1,
            wins_since_start: 0,
            first_win: None,
            latest_win: None,
        };
        let sent = serde_json::to_value(&month).unwrap();
        assert_eq!(properties(&doc, "MonthReview"), keys(&sent));
        assert_eq!(properties(&doc, "Period"), keys(&sent["now"]));
        let about = serde_json::to_value(Direction::AboutTheSame).unwrap();
        assert_eq!(about, "about_the_same");
    }
}
