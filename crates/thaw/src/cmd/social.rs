//! `thaw social [add|list|try]`.

use serde_json::json;
use thaw_app::engage::{ladder_words, prepare_social_step};

use crate::cli::SocialAction;
use crate::{Ctx, Failure};

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
                format!(
                    "Added \"{}\" to your ladder (difficulty {}).",
                    s.name, s.difficulty
                )
            } else {
                format!("\"{}\" now has difficulty {}.", s.name, s.difficulty)
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
                ctx.out
                    .line("Your social ladder is empty. Start with steps that feel small, like:")?;
                for (step, d) in [
                    ("reply to one message", 10),
                    ("text a friend", 20),
                    ("say hello to a neighbour", 35),
                    ("call someone for five minutes", 55),
                    ("meet a friend for a coffee", 70),
                ] {
                    ctx.out
                        .line(format!("  thaw social add \"{step}\" --difficulty {d}"))?;
                }
                return Ok(());
            }
            ctx.out.line(ctx.out.strong("Your ladder, easiest first"))?;
            for r in &view.steps {
                let felt = match (r.attempts, r.latest_comfort) {
                    (0, _) | (_, None) => "not tried yet".to_owned(),
                    (n, Some(c)) => format!(
                        "tried {n} time{}, last comfort {c}",
                        if n == 1 { "" } else { "s" }
                    ),
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
            ctx.out.line(ctx.out.strong(&format!(
                "Noted: \"{}\", comfort {}. Trying is the brave part.",
                attempt.step, attempt.comfort
            )))?;
            if let Some(s) = suggestion {
                ctx.out.line(s)?;
            }
            Ok(())
        }
    }
}
