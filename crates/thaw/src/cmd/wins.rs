//! `thaw wins [add|list]`.

use serde_json::json;
use thaw_app::engage::prepare_win;

use crate::cli::WinsAction;
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, action: Option<WinsAction>) -> Result<(), Failure> {
    match action.unwrap_or(WinsAction::List) {
        WinsAction::Add { text, at } => {
            let settings = ctx.data.load_settings()?;
            let win = prepare_win(&text, at.as_deref(), &settings, ctx.clock.as_ref())?;
            let thaw = ctx.open()?;
            thaw.add_win(&win)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&win)?);
            }
            ctx.out.line(ctx.out.strong(words::WIN_KEPT))?;
            Ok(())
        }
        WinsAction::List => {
            let thaw = ctx.open()?;
            let today = thaw.today(ctx.clock.as_ref());
            let week = thaw.look_back(today)?;
            let earlier_to = week.from.yesterday().ok();
            let earlier = match earlier_to {
                Some(to) => thaw.wins(None, Some(to))?,
                None => Vec::new(),
            };
            if ctx.out.json {
                return Ok(ctx.out.json(&json!({ "week": week, "earlier": earlier }))?);
            }
            ctx.out.line(ctx.out.strong(&words::wins_heading(
                &week.from.strftime("%a %-d %b").to_string(),
                &week.to.strftime("%a %-d %b").to_string(),
            )))?;
            let quiet_week = week.wins.is_empty()
                && week.value_actions.is_empty()
                && week.activities_done.is_empty();
            if quiet_week {
                ctx.out.line(words::WINS_QUIET_WEEK)?;
            }
            for w in &week.wins {
                ctx.out
                    .line(format!("  ✓ {}  {}", w.at.zoned().strftime("%a"), w.text))?;
            }
            for a in &week.value_actions {
                ctx.out.line(format!(
                    "  ♡ {}  {} ({})",
                    a.at.zoned().strftime("%a"),
                    a.text,
                    a.value
                ))?;
            }
            for (name, n) in &week.activities_done {
                ctx.out.line(format!("  · {name}, {}", words::times(*n)))?;
            }
            if !earlier.is_empty() {
                ctx.out.line("")?;
                ctx.out.line(ctx.out.strong(words::WINS_EARLIER))?;
                for w in earlier.iter().rev().take(10) {
                    ctx.out
                        .line(format!("  ✓ {}  {}", w.at.zoned().date(), w.text))?;
                }
            }
            Ok(())
        }
    }
}
