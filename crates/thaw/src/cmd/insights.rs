//! `thaw insights`.

use thaw_app::insights::summarize;
use thaw_core::plan::PlanKind;

use crate::cli::InsightsArgs;
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, args: InsightsArgs) -> Result<(), Failure> {
    let settings = ctx.data.load_settings()?;
    let until = match args.until.as_deref() {
        Some(d) => thaw_app::parse_date("until", d)?,
        None => thaw_app::today(&settings, ctx.clock.as_ref()),
    };
    let thaw = ctx.open()?;
    let insights = thaw.insights(args.days, until)?;
    if let Some(path) = &args.chart {
        let history = thaw.history(until, i32::try_from(args.days).unwrap_or(90))?;
        let svg = thaw_report::insights::numbness_chart(&insights, &history.points);
        std::fs::write(path, svg)?;
    }
    if ctx.out.json {
        return Ok(ctx.out.json(&insights)?);
    }
    let summary = summarize(&insights);
    ctx.out.line(ctx.out.strong(&words::patterns_heading(
        insights.window.from,
        insights.window.to,
    )))?;
    for sentence in &summary.sentences {
        ctx.out.line(format!("  · {sentence}"))?;
    }
    if let Some(next) = &summary.next_step {
        ctx.out.line("")?;
        ctx.out.line(next)?;
        if let Some(command) = summary.next_command {
            ctx.out.line(format!("  {command}"))?;
        }
    }
    if summary.offer_relapse_plan {
        ctx.out.line("")?;
        ctx.out.line(words::RELAPSE_OFFER_INSIGHTS)?;
        crate::cmd::safety::print_plan(&ctx.out, &thaw.plan(PlanKind::Relapse)?)?;
    }
    if let Some(path) = &args.chart {
        ctx.out.line("")?;
        ctx.out.line(ctx.out.quiet(&words::chart_written(path)))?;
    }
    Ok(())
}
