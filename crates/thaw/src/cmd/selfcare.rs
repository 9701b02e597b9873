//! `thaw selfcare [list|add|done|remove]`.

use serde_json::json;
use thaw_app::engage::prepare_selfcare;

use crate::cli::SelfcareAction;
use crate::{Ctx, Failure};

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
                format!("Added \"{}\" to your self-care anchors.", s.name)
            } else {
                format!("Changed \"{}\".", s.name)
            }))?;
            if s.time.is_some() && s.every.is_some() {
                ctx.out
                    .line("Your calendar can remind you: thaw export ics --out thaw.ics")?;
            }
            Ok(())
        }
        SelfcareAction::Done { name, at } => {
            let thaw = ctx.open()?;
            let log = thaw.selfcare_done(&name, at.as_deref(), ctx.clock.as_ref())?;
            if ctx.out.json {
                return Ok(ctx.out.json(&log)?);
            }
            ctx.out.line(ctx.out.strong(&format!(
                "Noted: {}. Looking after the basics is looking after you.",
                log.name
            )))?;
            Ok(())
        }
        SelfcareAction::Remove { name } => {
            let thaw = ctx.open()?;
            let removed = thaw.remove_selfcare(&name)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&json!({ "removed": removed }))?);
            }
            ctx.out.line(if removed {
                format!("Removed \"{}\".", name.trim())
            } else {
                format!(
                    "\"{}\" is not one of your anchors; nothing changed.",
                    name.trim()
                )
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
                ctx.out.line("Six anchors that hold a day together. None are set yet; these are suggestions:")?;
            } else {
                ctx.out.line(ctx.out.strong("Your self-care anchors"))?;
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
                ctx.out.line("Keep one with a reminder: thaw selfcare add hydration --every daily --time 10:00")?;
            }
            ctx.out
                .line("Mark one looked after: thaw selfcare done hydration")?;
            Ok(())
        }
    }
}
