//! The clinician report: loads the period's data and builds the view
//! model that `thaw report` and the web app's download render (see
//! `thaw_report::report` for what it holds and `thaw_report::html` and
//! `thaw_report::pdf` for how it is drawn).

use jiff::Timestamp;
use jiff::civil::Date;
use thaw_core::InputError;
use thaw_core::JournalQuery;
use thaw_core::plan::PlanKind;
use thaw_report::report::{Report, ReportInput, build};

use crate::{AppError, Thaw};

/// The period when none is given: the last 90 days, today included.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest period a report covers.
pub const MAX_DAYS: i64 = 3650;

/// The period `from..=to`, each defaulting from the other and today: the
/// last [`DEFAULT_DAYS`] days ending on `to` (or today). Refused when
/// `from` is after `to` or the period is longer than [`MAX_DAYS`].
pub fn report_period(
    from: Option<Date>,
    to: Option<Date>,
    today: Date,
) -> Result<(Date, Date), InputError> {
    let to = to.unwrap_or(today);
    let from = match from {
        Some(f) => f,
        None => to
            .checked_sub(jiff::Span::new().days(DEFAULT_DAYS - 1))
            .map_err(|_| InputError::new("to", to.to_string(), "use a later date"))?,
    };
    if from > to {
        return Err(InputError::new(
            "from",
            from.to_string(),
            format!("use a day on or before {to}"),
        ));
    }
    if i64::from((to - from).get_days()) >= MAX_DAYS {
        return Err(InputError::new(
            "from",
            from.to_string(),
            format!("use a period of at most {MAX_DAYS} days"),
        ));
    }
    Ok((from, to))
}

impl Thaw {
    /// The clinician report for `from..=to` (see [`report_period`] for the
    /// defaults). The safety plan's content is included only when
    /// `include_safety_plan`; its existence always is.
    pub fn report(
        &self,
        from: Option<Date>,
        to: Option<Date>,
        include_safety_plan: bool,
        now: Timestamp,
    ) -> Result<Report, AppError> {
        let tz = self.settings.time_zone();
        let today = now.to_zoned(tz.clone()).date();
        let (from, to) = report_period(from, to, today)?;
        let days = u32::try_from((to - from).get_days() + 1).unwrap_or(1);
        let insights = self.insights(days, to)?;
        let checkins = self.checkins(Some(from), Some(to))?;
        let screenings = self.store.screenings(self.owner, None)?;
        let journal = self.journal(&JournalQuery {
            for_therapy_only: true,
            ..JournalQuery::default()
        })?;
        let safety_plan = self.store.plan(self.owner, PlanKind::Safety)?;
        Ok(build(&ReportInput {
            from,
            to,
            tz: &tz,
            now,
            checkins: &checkins,
            insights: &insights,
            screenings: &screenings,
            journal: &journal,
            safety_plan: safety_plan.as_ref(),
            include_safety_plan,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DataDir;
    use crate::safety::prepare_screening;
    use thaw_core::plan::Plan;
    use thaw_core::screener::Instrument;
    use thaw_core::{CheckinDraft, FixedClock, JournalDraft, Settings};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_default_period_is_the_last_90_days() {
        let today = d("2026-03-31");
        assert_eq!(
            report_period(None, None, today).unwrap(),
            (d("2026-01-01"), today)
        );
        assert_eq!(
            report_period(Some(d("2026-03-01")), None, today).unwrap(),
            (d("2026-03-01"), today)
        );
        assert_eq!(
            report_period(None, Some(d("2026-02-28")), today).unwrap(),
            (d("2025-12-01"), d("2026-02-28"))
        );
        let err = report_period(Some(d("2026-04-02")), None, today).unwrap_err();
        assert_eq!(err.field, "from");
        let err = report_period(Some(d("2010-01-01")), None, today).unwrap_err();
        assert!(err.allowed.contains("3650"), "{}", err.allowed);
    }

    #[test]
    fn builds_from_the_stored_data() {
        let dir = tempfile::tempdir().unwrap();
        let thaw = DataDir::new(dir.path().join("data")).open().unwrap();
        let settings = Settings::default();
        let clock = FixedClock("2026-03-31T12:00:00Z".parse().unwrap());
        for day in 1..=20 {
            let draft = CheckinDraft {
                mood: Some("5".into()),
                numbness: Some("6".into()),
                ..Default::default()
            };
            let at = format!("2026-03-{day:02}T09:00:00Z");
            let c = crate::prepare_checkin(&draft, Some(&at), &settings, &clock).unwrap();
            thaw.save_checkin(&c).unwrap();
        }
        for (at, answers) in [
            ("2026-02-01T09:00:00Z", "3,3,3,3,2,1,1,0,0"),
            ("2026-03-15T09:00:00Z", "1,1,1,1,1,1,1,0,0"),
        ] {
            let s =
                prepare_screening(Instrument::Phq9, answers, Some(at), &settings, &clock).unwrap();
            thaw.save_screening(&s).unwrap();
        }
        let entry = crate::prepare_journal(
            &JournalDraft {
                text: "Numb after calls with dad.".into(),
                tags: vec![],
                for_therapy: true,
            },
            Some("2026-03-10T20:00:00Z"),
            &settings,
            &clock,
        )
        .unwrap();
        thaw.save_journal(&entry).unwrap();
        let plan = Plan::from_sections(
            PlanKind::Safety,
            &[("people".to_owned(), vec!["Sam".to_owned()])],
        )
        .unwrap();
        thaw.save_plan(&plan).unwrap();

        let r = thaw.report(None, None, false, clock.0).unwrap();
        assert_eq!((r.from, r.to), (d("2026-01-01"), d("2026-03-31")));
        assert_eq!(r.coverage.days_in_period, 90);
        assert_eq!(r.coverage.days_with_checkin, 20);
        assert_eq!(r.screenings.len(), 2);
        assert_eq!(r.screenings[1].total, 7);
        assert!(
            r.screenings[1]
                .change
                .words()
                .contains("reliable improvement")
        );
        assert_eq!(r.therapy_entries.len(), 1);
        assert!(r.safety_plan.exists && r.safety_plan.sections.is_none());
        let with = thaw.report(None, None, true, clock.0).unwrap();
        assert!(with.safety_plan.sections.is_some());
        let march = thaw
            .report(Some(d("2026-03-12")), Some(d("2026-03-20")), false, clock.0)
            .unwrap();
        assert_eq!(march.coverage.days_in_period, 9);
        assert!(march.therapy_entries.is_empty());
        assert_eq!(march.screenings.len(), 1, "only the one in the period");
    }
}
