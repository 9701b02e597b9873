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
        items(ctx, &plan.items)?;
    }
    if !plan.maybe_today.is_empty() {
        ctx.out.line("")?;
        ctx.out.line(words::TODAY_MAYBE)?;
        items(ctx, &plan.maybe_today)?;
    }
    if !plan.selfcare.is_empty() {
        ctx.out.line("")?;
        ctx.out.line(words::TODAY_SELFCARE)?;
        for s in &plan.selfcare {
            let mark = if s.done { "✓" } else { "·" };
            let time = s.time.as_deref().unwrap_or("     ");
            let hint = s
                .hint
                .as_deref()
                .map(|h| format!(" — {h}"))
                .unwrap_or_default();
            ctx.out.line(format!(
                "  {time}  {mark} {}{}",
                s.name,
                ctx.out.quiet(&hint)
            ))?;
        }
    }
    if !plan.values.is_empty() {
        ctx.out.line("")?;
        ctx.out.line(words::TODAY_VALUES)?;
        for v in &plan.values {
            let mark = if v.done { "✓" } else { "·" };
            ctx.out
                .line(format!("  {mark} {}: {}", v.value, v.action))?;
        }
    }
    ctx.out.line("")?;
    ctx.out.line(words::TODAY_GROUNDING)?;
    ctx.out.line(format!(
        "  {} (thaw ground {})",
        plan.grounding.title, plan.grounding.technique
    ))?;
    ctx.out
        .line(format!("  {}", ctx.out.quiet(&plan.grounding.why)))?;
    if let Some(steps) = &plan.relapse_plan {
        ctx.out.line("")?;
        ctx.out.line(words::RELAPSE_OFFER)?;
        for step in steps {
            ctx.out.line(format!("  · {step}"))?;
        }
    }
    Ok(())
}

fn items(ctx: &Ctx, items: &[thaw_app::today::TodayItem]) -> Result<(), Failure> {
    for item in items {
        let time = item.time.as_deref().unwrap_or("     ");
        let what = if item.text == item.activity {
            item.text.clone()
        } else {
            format!("{} ({})", item.text, item.activity)
        };
        let mark = if item.done { "✓ " } else { "" };
        ctx.out.line(format!("  {time}  {mark}{what}"))?;
        if let Some(expect) = &item.expect {
            ctx.out.line(format!(
                "         {}",
                ctx.out.quiet(&words::just_this(expect))
            ))?;
        }
    }
    Ok(())
}
