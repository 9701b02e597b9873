//! `thaw activity add|log` and `thaw activities`.

use serde_json::json;
use thaw_app::activities::{ActivityDraft, LogDraft, gap_words, prepare_activity, prepare_log};

use crate::cli::ActivityAction;
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, action: ActivityAction) -> Result<(), Failure> {
    match action {
        ActivityAction::Add {
            name,
            small,
            minimal,
            expect,
            value,
            every,
            time,
        } => {
            let activity = prepare_activity(&ActivityDraft {
                name,
                small,
                minimal,
                expect,
                values: value,
                every,
                time,
            })?;
            let thaw = ctx.open()?;
            thaw.save_activity(&activity)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&activity)?);
            }
            ctx.out
                .line(ctx.out.strong(&words::activity_added(&activity.name)))?;
            describe(ctx, &activity)?;
            Ok(())
        }
        ActivityAction::Log {
            name,
            tier,
            status,
            predicted,
            actual,
            at,
            note,
        } => {
            let settings = ctx.data.load_settings()?;
            let log = prepare_log(
                &LogDraft {
                    activity: name,
                    tier,
                    status,
                    predicted,
                    actual,
                    at,
                    note,
                },
                &settings,
                ctx.clock.as_ref(),
            )?;
            let thaw = ctx.open()?;
            thaw.log_activity(&log)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&log)?);
            }
            let how = match log.status {
                thaw_core::activity::Status::Skipped => words::ACTIVITY_SKIPPED,
                _ => words::ACTIVITY_DONE,
            };
            ctx.out.line(ctx.out.strong(how))?;
            if let Some(gap) = gap_words(&log) {
                ctx.out.line(gap)?;
            }
            Ok(())
        }
    }
}

fn describe(ctx: &Ctx, a: &thaw_core::activity::Activity) -> Result<(), Failure> {
    for (label, text) in [
        ("smaller", &a.small),
        ("smallest", &a.minimal),
        ("expect", &a.expect),
    ] {
        if let Some(t) = text {
            ctx.out.line(format!("  {label}: {t}"))?;
        }
    }
    if let Some(every) = &a.every {
        let at = a
            .time
            .as_deref()
            .map(|t| format!(" at {t}"))
            .unwrap_or_default();
        ctx.out
            .line(format!("  when: {}{at}", thaw_app::week::days_words(every)))?;
    }
    Ok(())
}

pub fn list(ctx: &Ctx) -> Result<(), Failure> {
    let thaw = ctx.open()?;
    let activities = thaw.activities()?;
    if ctx.out.json {
        let starters: Vec<_> = thaw_core::library::LIBRARY.iter().map(|s| json!({"name": s.name, "area": s.area.key(), "small": s.small, "minimal": s.minimal, "expect": s.expect})).collect();
        let steadiness = thaw.steadiness(thaw.today(ctx.clock.as_ref()))?;
        return Ok(ctx.out.json(
            &json!({ "activities": activities, "steadiness": steadiness, "starters": starters }),
        )?);
    }
    if activities.is_empty() {
        ctx.out.line(words::ACTIVITIES_NONE)?;
        for area in thaw_core::library::Area::ALL {
            let names: Vec<&str> = thaw_core::library::LIBRARY
                .iter()
                .filter(|s| s.area == area)
                .map(|s| s.name)
                .take(4)
                .collect();
            ctx.out
                .line(format!("  {}: {}", area.title(), names.join(", ")))?;
        }
        ctx.out.line(words::ACTIVITIES_ADD_HINT)?;
        return Ok(());
    }
    let today = thaw.today(ctx.clock.as_ref());
    let steadiness = thaw.steadiness(today)?;
    for a in &activities {
        ctx.out.line(ctx.out.strong(&a.name))?;
        describe(ctx, a)?;
        if let Some(s) = steadiness.iter().find(|s| s.activity == a.name) {
            ctx.out.line(format!(
                "  steadiness: {}%  {}",
                s.score,
                ctx.out.quiet(words::STEADINESS_MEANS)
            ))?;
        }
    }
    Ok(())
}
