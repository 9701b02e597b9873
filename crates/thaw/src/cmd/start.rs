//! `thaw` with no command: on the very first run, three lines on what
//! Thaw is, where the data lives and that nothing leaves the machine; then
//! (every time) today at a glance and three next steps.

use thaw_app::start::StartScreen;

use crate::{Ctx, Failure, words};

pub fn show(ctx: &Ctx) -> Result<(), Failure> {
    let first = ctx.data.is_new();
    let settings = ctx.data.load_settings()?;
    let date = thaw_app::today(&settings, ctx.clock.as_ref());
    let thaw = ctx.data.open()?;
    let start = thaw.start_screen(date, ctx.clock.now())?;
    if ctx.out.json {
        return Ok(ctx.out.json(&start)?);
    }
    if first {
        ctx.out.line(words::WELCOME_WHAT)?;
        ctx.out.line(format!(
            "{} {}.",
            words::WELCOME_WHERE,
            ctx.data.root().display()
        ))?;
        ctx.out.line(words::WELCOME_PRIVATE)?;
        ctx.out.line("")?;
    }
    glance(ctx, &start)?;
    ctx.out.line("")?;
    ctx.out.line(words::START_NEXT)?;
    let width = start
        .next
        .iter()
        .map(|n| n.command.chars().count())
        .max()
        .unwrap_or(0);
    for step in &start.next {
        let pad = width - step.command.chars().count();
        ctx.out.line(format!(
            "  {}{}   {}",
            ctx.out.strong(step.command),
            " ".repeat(pad),
            ctx.out.quiet(step.why)
        ))?;
    }
    ctx.out.line("")?;
    ctx.out.line(ctx.out.quiet(words::START_MORE))?;
    Ok(())
}

/// The day's state: checked in or not, the plan, what is due.
fn glance(ctx: &Ctx, start: &StartScreen) -> Result<(), Failure> {
    ctx.out.line(
        ctx.out
            .strong(&start.date.strftime("%A %-d %B").to_string()),
    )?;
    match &start.latest {
        None => ctx.out.line(format!("  {}", words::START_NOT_YET))?,
        Some(c) => {
            let ratings: Vec<String> = c
                .ratings()
                .iter()
                .filter_map(|(name, r)| r.map(|r| format!("{name} {r}")))
                .collect();
            let more = match start.checkins_today {
                1 => String::new(),
                n => words::start_checkins_today(n),
            };
            let said = if ratings.is_empty() {
                String::new()
            } else {
                format!(": {}", ratings.join(" · "))
            };
            ctx.out.line(format!(
                "  {} {}{said}.{more}",
                words::START_CHECKED_IN,
                c.at.zoned().strftime("%H:%M")
            ))?;
        }
    }
    if start.planned == 0 {
        ctx.out.line(format!("  {}", words::START_NO_PLAN))?;
    } else {
        ctx.out.line(format!(
            "  {}",
            words::start_plan(start.planned_done, start.planned)
        ))?;
    }
    if !start.due.is_empty() {
        let due: Vec<String> = start
            .due
            .iter()
            .map(|d| format!("{} {}", d.time, d.what))
            .collect();
        ctx.out
            .line(format!("  {} {}", words::START_DUE, due.join("; ")))?;
    }
    if start.relapse_plan.is_some() {
        ctx.out.line(format!("  {}", words::START_RELAPSE))?;
    }
    Ok(())
}
