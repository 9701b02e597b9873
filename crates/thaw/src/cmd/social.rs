//! `thaw social [add|list|try]`.

use serde_json::json;
use thaw_app::engage::{ladder_words, prepare_social_step};

use crate::cli::SocialAction;
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, action: Option<SocialAction>) -> Result<(), Failure> {
    match action.unwrap_or(SocialAction::List) {
        SocialAction::Add { step, difficulty } => {
            let s = prepare_social_step(&step, &difficulty)?;
            let thaw = ctx.open()?;
            let new = thaw.add_social_step(&s)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&s)?);
            }
            ctx.out.line(ctx.out.strong(&if new {
                words::step_added(&s.name, s.difficulty)
            } else {
                words::step_changed(&s.name, s.difficulty)
            }))?;
            Ok(())
        }
        SocialAction::List => {
            let thaw = ctx.open()?;
            let view = thaw.ladder()?;
            let suggestion = ladder_words(&view, None);
            if ctx.out.json {
                return Ok(ctx.out.json(&json!({
                    "steps": view.steps, "next": view.next, "suggestion": suggestion
                }))?);
            }
            if view.steps.is_empty() {
                ctx.out.line(words::LADDER_EMPTY)?;
                for (step, d) in words::LADDER_IDEAS {
                    ctx.out
                        .line(format!("  thaw social add \"{step}\" --difficulty {d}"))?;
                }
                return Ok(());
            }
            ctx.out.line(ctx.out.strong(words::LADDER_HEADING))?;
            for r in &view.steps {
                let felt = match (r.attempts, r.latest_comfort) {
                    (0, _) | (_, None) => words::STEP_NOT_TRIED.to_owned(),
                    (n, Some(c)) => words::step_tried(n, c),
                };
                let marker = if view.next.as_deref() == Some(r.name.as_str()) {
                    "→"
                } else {
                    " "
                };
                ctx.out.line(format!(
                    "{marker} {:>3}  {}  {}",
                    r.difficulty,
                    r.name,
                    ctx.out.quiet(&felt)
                ))?;
            }
            if let Some(s) = suggestion {
                ctx.out.line(s)?;
            }
            Ok(())
        }
        SocialAction::Try { step, comfort, at } => {
            let thaw = ctx.open()?;
            let attempt =
                thaw.try_social_step(&step, &comfort, at.as_deref(), ctx.clock.as_ref())?;
            let view = thaw.ladder()?;
            let suggestion = ladder_words(&view, Some(&attempt));
            if ctx.out.json {
                return Ok(ctx.out.json(
                    &json!({ "attempt": attempt, "next": view.next, "suggestion": suggestion }),
                )?);
            }
            ctx.out.line(
                ctx.out
                    .strong(&words::step_noted(&attempt.step, attempt.comfort)),
            )?;
            if let Some(s) = suggestion {
                ctx.out.line(s)?;
            }
            Ok(())
        }
    }
}
