//! `thaw values [add|list|act|remove]`.

use serde_json::json;
use thaw_app::engage::prepare_value;
use thaw_core::engage::{MAX_VALUES, VALUE_CHOICES};

use crate::cli::ValuesAction;
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, action: Option<ValuesAction>) -> Result<(), Failure> {
    match action.unwrap_or(ValuesAction::List) {
        ValuesAction::Add { value, why } => {
            let v = prepare_value(&value, why.as_deref())?;
            let thaw = ctx.open()?;
            let new = thaw.add_value(&v)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&v)?);
            }
            let line = if new {
                words::value_chosen(&v.name)
            } else {
                words::value_why_updated(&v.name)
            };
            ctx.out.line(ctx.out.strong(&line))?;
            ctx.out.line(words::value_act_hint(&quoted(&v.name)))?;
            Ok(())
        }
        ValuesAction::List => list(ctx),
        ValuesAction::Act { value, text, at } => {
            let thaw = ctx.open()?;
            let action = thaw.act_on_value(&value, &text, at.as_deref(), ctx.clock.as_ref())?;
            if ctx.out.json {
                return Ok(ctx.out.json(&action)?);
            }
            ctx.out
                .line(ctx.out.strong(&words::value_noted(&action.value)))?;
            Ok(())
        }
        ValuesAction::Remove { value } => {
            let thaw = ctx.open()?;
            let removed = thaw.remove_value(&value)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&json!({ "removed": removed }))?);
            }
            ctx.out.line(if removed {
                words::value_let_go(value.trim())
            } else {
                words::not_a_value(value.trim())
            })?;
            Ok(())
        }
    }
}

fn list(ctx: &Ctx) -> Result<(), Failure> {
    let thaw = ctx.open()?;
    let values = thaw.values()?;
    let today = thaw.today(ctx.clock.as_ref());
    let from = today.checked_sub(jiff::Span::new().days(27)).ok();
    let actions = thaw.value_actions(from, Some(today))?;
    if ctx.out.json {
        let choices: Vec<_> = VALUE_CHOICES
            .iter()
            .map(|c| json!({"name": c.name, "about": c.about}))
            .collect();
        return Ok(ctx
            .out
            .json(&json!({ "values": values, "value_actions": actions, "choices": choices }))?);
    }
    if values.is_empty() {
        ctx.out.line(words::values_none(MAX_VALUES))?;
        for c in VALUE_CHOICES {
            ctx.out
                .line(format!("  {:<11} {}", c.name, ctx.out.quiet(c.about)))?;
        }
        ctx.out.line(words::VALUES_ADD_HINT)?;
        return Ok(());
    }
    for v in &values {
        ctx.out.line(ctx.out.strong(&v.name))?;
        if let Some(why) = &v.why {
            ctx.out.line(format!("  why: {why}"))?;
        }
        let mine: Vec<_> = actions.iter().filter(|a| a.value == v.name).collect();
        if mine.is_empty() {
            ctx.out.line(format!(
                "  {}",
                ctx.out
                    .quiet(&words::value_idea(&thaw_core::engage::value_action_for(
                        &v.name, 0
                    )))
            ))?;
        }
        for a in mine.iter().rev().take(5) {
            ctx.out
                .line(format!("  · {}  {}", a.at.zoned().date(), a.text))?;
        }
    }
    if values.len() < MAX_VALUES {
        ctx.out
            .line(ctx.out.quiet(&words::values_room(MAX_VALUES)))?;
    }
    Ok(())
}

fn quoted(name: &str) -> String {
    if name.contains(' ') {
        format!("\"{name}\"")
    } else {
        name.to_owned()
    }
}
