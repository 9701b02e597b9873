//! `thaw today`.

use thaw_core::Rating;

use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, energy: Option<&str>, date: Option<&str>) -> Result<(), Failure> {
    let settings = ctx.data.load_settings()?;
    let energy = energy
        .map(|e| Rating::parse("energy", e).map(Rating::get))
        .transpose()?;
    let date = match date {
        Some(d) => thaw_app::parse_date("date", d)?,
        None => thaw_app::today(&settings, ctx.clock.as_ref()),
    };
    let thaw = ctx.open()?;
    let plan = thaw.today_plan(date, energy)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&plan)?);
    }
    ctx.out.line(
        ctx.out
            .strong(&format!("Today, {}", date.strftime("%A %-d %B"))),
    )?;
    if plan.items.is_empty() {
        ctx.out.line(words::TODAY_NOTHING)?;
    } else {
        if plan
            .energy
            .is_some_and(|e| e <= thaw_app::today::LOW_ENERGY)
        {
            ctx.out.line(words::TODAY_LOW_ENERGY)?;
        }
        for item in &plan.items {
            let time = item.time.as_deref().unwrap_or("     ");
            let what = if item.text == item.activity {
                item.text.clone()
            } else {
                format!("{} ({})", item.text, item.activity)
            };
            ctx.out.line(format!("  {time}  {what}"))?;
            if let Some(expect) = &item.expect {
                ctx.out.line(format!(
                    "         {}",
                    ctx.out.quiet(&format!("just: {expect}"))
                ))?;
            }
        }
    }
    if let Some(steps) = &plan.relapse_plan {
        ctx.out.line("")?;
        ctx.out.line(words::RELAPSE_OFFER)?;
        for step in steps {
            ctx.out.line(format!("  · {step}"))?;
        }
    }
    Ok(())
}
