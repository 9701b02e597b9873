//! `thaw selfcare [list|add|done|remove]`.

use serde_json::json;
use thaw_app::engage::prepare_selfcare;

use crate::cli::SelfcareAction;
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, action: Option<SelfcareAction>) -> Result<(), Failure> {
    match action.unwrap_or(SelfcareAction::List) {
        SelfcareAction::Add { name, every, time } => {
            let s = prepare_selfcare(&name, every.as_deref(), time.as_deref())?;
            let thaw = ctx.open()?;
            let new = thaw.add_selfcare(&s)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&s)?);
            }
            ctx.out.line(ctx.out.strong(&if new {
                words::selfcare_added(&s.name)
            } else {
                words::changed(&s.name)
            }))?;
            if s.time.is_some() && s.every.is_some() {
                ctx.out.line(words::SELFCARE_CALENDAR_HINT)?;
            }
            Ok(())
        }
        SelfcareAction::Done { name, at } => {
            let thaw = ctx.open()?;
            let log = thaw.selfcare_done(&name, at.as_deref(), ctx.clock.as_ref())?;
            if ctx.out.json {
                return Ok(ctx.out.json(&log)?);
            }
            ctx.out
                .line(ctx.out.strong(&words::selfcare_done(&log.name)))?;
            Ok(())
        }
        SelfcareAction::Remove { name } => {
            let thaw = ctx.open()?;
            let removed = thaw.remove_selfcare(&name)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&json!({ "removed": removed }))?);
            }
            ctx.out.line(if removed {
                words::removed(name.trim())
            } else {
                words::not_an_anchor(name.trim())
            })?;
            Ok(())
        }
        SelfcareAction::List => {
            let thaw = ctx.open()?;
            let list = thaw.selfcare()?;
            let today = thaw.today(ctx.clock.as_ref());
            let plan = thaw.today_plan(today, None)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&json!({
                    "suggested": list.suggested, "anchors": list.anchors, "today": plan.selfcare
                }))?);
            }
            if list.suggested {
                ctx.out.line(words::SELFCARE_SUGGESTED)?;
            } else {
                ctx.out.line(ctx.out.strong(words::SELFCARE_HEADING))?;
            }
            for a in &list.anchors {
                let when = match (&a.every, &a.time) {
                    (Some(e), Some(t)) => format!("{} at {t}", thaw_app::week::days_words(e)),
                    (Some(e), None) => thaw_app::week::days_words(e),
                    (None, Some(t)) => format!("at {t}"),
                    (None, None) => String::new(),
                };
                let done = plan.selfcare.iter().any(|s| s.name == a.name && s.done);
                let mark = if done { "✓" } else { "·" };
                let hint = a.hint().map(|h| format!(" — {h}")).unwrap_or_default();
                ctx.out.line(format!(
                    "  {mark} {:<15} {}{}",
                    a.name,
                    ctx.out.quiet(&when),
                    ctx.out.quiet(&hint)
                ))?;
            }
            if list.suggested {
                ctx.out.line(words::SELFCARE_KEEP_HINT)?;
            }
            ctx.out.line(words::SELFCARE_DONE_HINT)?;
            Ok(())
        }
    }
}
