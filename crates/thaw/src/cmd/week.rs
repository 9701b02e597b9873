//! `thaw plan week`: propose a week, then accept or adjust it.

use std::io::IsTerminal;

use serde_json::json;
use thaw_core::InputError;
use thaw_core::activity::check_time;
use thaw_core::recur::Rule;

use crate::cli::PlanCommand;
use crate::{Ctx, Failure, ask, words};

pub fn run(ctx: &Ctx, action: PlanCommand) -> Result<(), Failure> {
    let PlanCommand::Week {
        accept,
        skip,
        days,
        time,
        date,
    } = action;
    let settings = ctx.data.load_settings()?;
    let date = match date {
        Some(d) => thaw_app::parse_date("date", &d)?,
        None => thaw_app::today(&settings, ctx.clock.as_ref()),
    };
    let thaw = ctx.open()?;
    let mut proposal = thaw.propose_week(date)?;
    adjust(&mut proposal.items, &skip, &days, &time)?;
    let interactive = !accept && !ctx.out.json && std::io::stdin().is_terminal();
    let accepted = if accept {
        Some(proposal.items.iter().map(|p| p.activity.clone()).collect())
    } else if interactive && !proposal.items.is_empty() {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        Some(ask::week(
            &mut input,
            &mut std::io::stdout(),
            &proposal.items,
        )?)
    } else {
        None
    };
    if let Some(chosen) = &accepted {
        thaw.accept_week(chosen)?;
    }
    if ctx.out.json {
        return Ok(ctx.out.json(&json!({
            "week_of": proposal.week_of,
            "proposal": proposal.items,
            "accepted": accepted,
        }))?);
    }
    if proposal.items.is_empty() {
        ctx.out.line(words::WEEK_EMPTY)?;
        return Ok(());
    }
    match accepted {
        None => {
            ctx.out.line(ctx.out.strong(&words::week_heading(
                &proposal.week_of.strftime("%A %-d %B").to_string(),
            )))?;
            for p in &proposal.items {
                let at = p.activity.time.as_deref().unwrap_or("");
                ctx.out
                    .line(format!("  {}  {} at {at}", p.activity.name, p.days))?;
                ctx.out.line(format!("    {}", ctx.out.quiet(&p.why)))?;
            }
            ctx.out.line(words::WEEK_ACCEPT_HINT)?;
        }
        Some(chosen) if chosen.is_empty() => ctx.out.line(words::WEEK_NOTHING_KEPT)?,
        Some(chosen) => {
            ctx.out.line(ctx.out.strong(words::WEEK_SCHEDULED))?;
            for a in &chosen {
                let every = a
                    .every
                    .as_deref()
                    .map(thaw_app::week::days_words)
                    .unwrap_or_default();
                let at = a.time.as_deref().unwrap_or("");
                ctx.out.line(format!("  {}  {every} at {at}", a.name))?;
            }
            ctx.out.line(words::WEEK_SEE_DAYS)?;
        }
    }
    Ok(())
}

/// Applies `--skip`, `--days NAME=DAYS` and `--time NAME=HH:MM`; a name
/// that is not in the proposal, or a bad value, is refused.
fn adjust(
    items: &mut Vec<thaw_app::week::Proposed>,
    skip: &[String],
    days: &[String],
    time: &[String],
) -> Result<(), InputError> {
    let position = |items: &[thaw_app::week::Proposed], field: &str, name: &str| {
        items
            .iter()
            .position(|p| p.activity.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = items.iter().map(|p| p.activity.name.as_str()).collect();
                InputError::new(
                    field,
                    name,
                    format!(
                        "use a name from this week's proposal ({})",
                        names.join(", ")
                    ),
                )
            })
    };
    let pair = |field: &str, text: &str| -> Result<(String, String), InputError> {
        text.split_once('=')
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .ok_or_else(|| InputError::new(field, text, "use NAME=VALUE, like \"stretch=tue,thu\""))
    };
    for d in days {
        let (name, value) = pair("days", d)?;
        let i = position(items, "days", &name)?;
        let rule = Rule::parse("days", &value)?;
        items[i].activity.every = Some(rule.to_rrule());
        items[i].days = thaw_app::week::days_words(&rule.to_rrule());
    }
    for t in time {
        let (name, value) = pair("time", t)?;
        let i = position(items, "time", &name)?;
        items[i].activity.time = Some(check_time("time", &value)?);
    }
    for name in skip {
        let i = position(items, "skip", name)?;
        items.remove(i);
    }
    Ok(())
}
