//! The start screen: what `thaw` with no command and the web app's front
//! page show before anything else — today's state (checked in or not, the
//! plan, what is due now) and the three next steps most worth taking.
//!
//! The choice of steps is a short, ordered list of "if this, then that"
//! rules ([`next_steps`]), kept pure so it can be read and tested on its
//! own. Each step names both the command and the web page, so the two
//! interfaces suggest the same thing. Nothing here counts a gap against
//! anyone: a day without a check-in is simply "not yet".

use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan};
use serde::Serialize;
use thaw_core::Checkin;

use crate::today::TodayPlan;
use crate::words::start as words;
use crate::{AppError, Thaw};

/// How many next steps the start screen offers.
pub const NEXT_STEPS: usize = 3;

/// Numbness at or above this in today's latest check-in suggests grounding.
const NUMB: u8 = 6;

/// Days with a check-in (of the last 28) before the patterns are worth a look.
const DAYS_FOR_INSIGHTS: usize = 14;

/// Today at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct StartScreen {
    pub date: Date,
    /// Check-ins so far today.
    pub checkins_today: usize,
    /// The latest of them.
    pub latest: Option<Checkin>,
    /// All of them, oldest first (for the web's Today page; the JSON
    /// document has the count and the latest).
    #[serde(skip)]
    pub today: Vec<Checkin>,
    /// Activities planned for today (in the version that fits the energy).
    pub planned: usize,
    /// …of which done (any version counts).
    pub planned_done: usize,
    /// What is due now: planned activities and self-care whose time has
    /// come and that are not done yet, earliest first.
    pub due: Vec<Due>,
    /// Numbness has been high on several recent days: the relapse plan's
    /// steps are offered (`null` otherwise).
    pub relapse_plan: Option<Vec<String>>,
    /// The most useful next steps, best first (always [`NEXT_STEPS`]).
    pub next: Vec<NextStep>,
}

/// Something whose time has come today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// `activity` or `selfcare`.
    pub kind: &'static str,
    /// What to do, in the version that fits today.
    pub what: String,
    /// Its time, HH:MM in the person's zone.
    pub time: String,
}

/// One suggested step, as a command and as a page of the web app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStep {
    pub command: &'static str,
    /// The web app's page for it, and the words of its link.
    pub path: &'static str,
    pub label: &'static str,
    pub why: &'static str,
}

/// What the rules in [`next_steps`] look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Situation {
    pub checked_in_today: bool,
    pub relapse_plan_offered: bool,
    pub has_activities: bool,
    pub open_today: usize,
    pub latest_numbness: Option<u8>,
    /// Days with a check-in among the six before today.
    pub days_this_week: usize,
    /// Days with a check-in among the last 28.
    pub days_this_month: usize,
}

const CHECKIN: NextStep = NextStep {
    command: "thaw checkin",
    path: "/",
    label: words::CHECKIN_LABEL,
    why: words::CHECKIN_WHY,
};
const RELAPSE: NextStep = NextStep {
    command: "thaw relapse-plan",
    path: "/relapse-plan",
    label: words::RELAPSE_LABEL,
    why: words::RELAPSE_WHY,
};
const PLAN_WEEK: NextStep = NextStep {
    command: "thaw plan week",
    path: "/plan/week",
    label: words::PLAN_WEEK_LABEL,
    why: words::PLAN_WEEK_WHY,
};
const TODAY: NextStep = NextStep {
    command: "thaw today",
    path: "/plan",
    label: words::TODAY_LABEL,
    why: words::TODAY_WHY,
};
const GROUND_SENSES: NextStep = NextStep {
    command: "thaw ground senses",
    path: "/ground/senses",
    label: words::GROUND_SENSES_LABEL,
    why: words::GROUND_SENSES_WHY,
};
const GROUND_BREATHS: NextStep = NextStep {
    command: "thaw ground breaths",
    path: "/ground/breaths",
    label: words::GROUND_BREATHS_LABEL,
    why: words::GROUND_BREATHS_WHY,
};
const WEEK: NextStep = NextStep {
    command: "thaw week",
    path: "/week",
    label: words::WEEK_LABEL,
    why: words::WEEK_WHY,
};
const INSIGHTS: NextStep = NextStep {
    command: "thaw insights",
    path: "/insights",
    label: words::INSIGHTS_LABEL,
    why: words::INSIGHTS_WHY,
};
const WIN: NextStep = NextStep {
    command: "thaw wins add \"…\"",
    path: "/wins",
    label: words::WIN_LABEL,
    why: words::WIN_WHY,
};
const JOURNAL: NextStep = NextStep {
    command: "thaw journal",
    path: "/journal",
    label: words::JOURNAL_LABEL,
    why: words::JOURNAL_WHY,
};

/// The steps for a situation: the rules in order, the first
/// [`NEXT_STEPS`] that apply.
pub fn next_steps(s: &Situation) -> Vec<NextStep> {
    let numb = s.latest_numbness.is_some_and(|n| n >= NUMB);
    let rules = [
        (!s.checked_in_today, CHECKIN),
        (s.relapse_plan_offered, RELAPSE),
        (numb, GROUND_SENSES),
        (!s.has_activities, PLAN_WEEK),
        (s.open_today > 0, TODAY),
        (s.days_this_week > 0, WEEK),
        (s.days_this_month >= DAYS_FOR_INSIGHTS, INSIGHTS),
        (!numb, GROUND_BREATHS),
        (true, WIN),
        (true, JOURNAL),
    ];
    rules
        .into_iter()
        .filter_map(|(applies, step)| applies.then_some(step))
        .take(NEXT_STEPS)
        .collect()
}

impl Thaw {
    /// The start screen for `date` as seen at `now`.
    pub fn start_screen(&self, date: Date, now: Timestamp) -> Result<StartScreen, AppError> {
        // A dozen small reads, as one moment (and one read transaction).
        self.store.read_together(|| self.gather_start(date, now))
    }

    fn gather_start(&self, date: Date, now: Timestamp) -> Result<StartScreen, AppError> {
        let tz = self.settings().time_zone();
        let month_ago = date.checked_sub(27.days()).unwrap_or(date);
        // Only when each check-in was, for the days; all of today's.
        let span = crate::day_span(&tz, Some(month_ago), Some(date))?;
        let mut days: Vec<Date> = self
            .store
            .checkin_instants(self.owner, span)?
            .into_iter()
            .filter_map(|us| jiff::Timestamp::from_microsecond(us).ok())
            .map(|at| at.to_zoned(tz.clone()).date())
            .collect();
        days.dedup();
        let today = self.checkins(Some(date), Some(date))?;
        let energy = today.iter().rev().find_map(|c| c.energy.map(|e| e.get()));
        let week_ago = date.checked_sub(6.days()).unwrap_or(date);
        let plan = self.today_plan(date, energy)?;
        let now_local = now.to_zoned(tz).time();
        let situation = Situation {
            checked_in_today: !today.is_empty(),
            relapse_plan_offered: plan.relapse_plan.is_some(),
            has_activities: plan.activities_known > 0,
            open_today: plan.items.iter().filter(|i| !i.done).count(),
            latest_numbness: today.last().and_then(|c| c.numbness).map(|n| n.get()),
            days_this_week: days
                .iter()
                .filter(|d| **d >= week_ago && **d < date)
                .count(),
            days_this_month: days.len(),
        };
        Ok(StartScreen {
            date,
            checkins_today: today.len(),
            today: today.clone(),
            latest: today.last().cloned(),
            planned: plan.items.len(),
            planned_done: plan.items.iter().filter(|i| i.done).count(),
            due: due_now(&plan, now_local),
            relapse_plan: plan.relapse_plan.clone(),
            next: next_steps(&situation),
        })
    }
}

/// Planned activities and self-care whose time is at or before `now`
/// and that are not done yet.
fn due_now(plan: &TodayPlan, now: Time) -> Vec<Due> {
    let passed = |time: &Option<String>| -> Option<String> {
        let t = time.as_deref()?;
        (t.parse::<Time>().ok()? <= now).then(|| t.to_owned())
    };
    let activities = plan.items.iter().filter(|i| !i.done).filter_map(|i| {
        passed(&i.time).map(|time| Due {
            kind: "activity",
            what: i.text.clone(),
            time,
        })
    });
    let selfcare = plan.selfcare.iter().filter(|s| !s.done).filter_map(|s| {
        passed(&s.time).map(|time| Due {
            kind: "selfcare",
            what: s.name.clone(),
            time,
        })
    });
    let mut due: Vec<Due> = activities.chain(selfcare).collect();
    due.sort_by(|a, b| a.time.cmp(&b.time));
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(s: &Situation) -> Vec<&'static str> {
        next_steps(s).iter().map(|n| n.command).collect()
    }

    #[test]
    fn a_brand_new_person_is_offered_a_check_in_a_week_plan_and_a_breath() {
        assert_eq!(
            commands(&Situation::default()),
            ["thaw checkin", "thaw plan week", "thaw ground breaths"]
        );
    }

    #[test]
    fn always_three_steps_and_never_the_same_twice() {
        for bits in 0..128u32 {
            let s = Situation {
                checked_in_today: bits & 1 != 0,
                relapse_plan_offered: bits & 2 != 0,
                has_activities: bits & 4 != 0,
                open_today: usize::from(bits & 8 != 0),
                latest_numbness: (bits & 16 != 0).then_some(8),
                days_this_week: usize::from(bits & 32 != 0),
                days_this_month: if bits & 64 != 0 { 20 } else { 2 },
            };
            let steps = commands(&s);
            assert_eq!(steps.len(), NEXT_STEPS, "{s:?}");
            let mut unique = steps.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), NEXT_STEPS, "{s:?}");
        }
    }

    #[test]
    fn high_numbness_after_checking_in_puts_grounding_first() {
        let s = Situation {
            checked_in_today: true,
            has_activities: true,
            open_today: 2,
            latest_numbness: Some(8),
            ..Situation::default()
        };
        assert_eq!(
            commands(&s),
            ["thaw ground senses", "thaw today", "thaw wins add \"…\""]
        );
    }

    #[test]
    fn the_relapse_plan_comes_right_after_the_check_in() {
        let s = Situation {
            relapse_plan_offered: true,
            has_activities: true,
            ..Situation::default()
        };
        assert_eq!(commands(&s)[..2], ["thaw checkin", "thaw relapse-plan"]);
    }

    #[test]
    fn a_settled_week_offers_the_review_and_the_patterns() {
        let s = Situation {
            checked_in_today: true,
            has_activities: true,
            open_today: 0,
            latest_numbness: Some(3),
            days_this_week: 5,
            days_this_month: 20,
            ..Situation::default()
        };
        assert_eq!(
            commands(&s),
            ["thaw week", "thaw insights", "thaw ground breaths"]
        );
    }

    #[test]
    fn every_step_has_a_page_and_kind_words() {
        for step in [
            CHECKIN,
            RELAPSE,
            PLAN_WEEK,
            TODAY,
            GROUND_SENSES,
            GROUND_BREATHS,
            WEEK,
            INSIGHTS,
            WIN,
            JOURNAL,
        ] {
            assert!(step.path.starts_with('/'));
            assert!(step.command.starts_with("thaw "));
            let why = step.why.to_lowercase();
            for bad in ["missed", "failed", "streak", "should", "behind"] {
                assert!(!why.contains(bad), "{why}");
            }
        }
    }
}
