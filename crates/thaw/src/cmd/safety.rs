//! `thaw help-now`, `thaw safety-plan`, `thaw relapse-plan`, and the
//! crisis resources shown first wherever something suggests risk.

use std::io::{self, IsTerminal, Read};

use serde_json::json;
use thaw_core::crisis::{CrisisLine, Resources};
use thaw_core::plan::{Plan, PlanKind};

use crate::cli::PlanAction;
use crate::cmd::journal::edit_in_editor;
use crate::out::Out;
use crate::{Ctx, Failure, words};

/// Prints crisis resources: the country's lines, the emergency number,
/// the international directory.
pub fn print_resources(out: &Out, resources: &Resources) -> io::Result<()> {
    if let Some(country) = &resources.country {
        for line in &country.lines {
            out.line(format!("  {}", describe(line)))?;
        }
        out.line(format!(
            "  {} {}.",
            words::HELP_NOW_EMERGENCY,
            country.emergency
        ))?;
    } else {
        for line in &resources.international {
            out.line(format!("  {}", describe(line)))?;
        }
        out.line(format!(
            "  {} {}.",
            words::HELP_NOW_EMERGENCY,
            words::HELP_NOW_LOCAL_EMERGENCY
        ))?;
        out.line(format!("  {}", words::HELP_NOW_NO_COUNTRY))?;
    }
    Ok(())
}

fn describe(line: &CrisisLine) -> String {
    let mut ways = Vec::new();
    if let Some(phone) = &line.phone {
        ways.push(format!("call {phone}"));
    }
    if let Some(text) = &line.text {
        ways.push(text.clone());
    }
    if let Some(url) = &line.url {
        ways.push(url.clone());
    }
    let hours = line
        .hours
        .as_deref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!("{}: {}{hours}", line.name, ways.join(" · "))
}

pub fn help_now(ctx: &Ctx) -> Result<(), Failure> {
    // No database, no question: this must be instant.
    let settings = ctx.data.load_settings()?;
    let resources = thaw_app::safety::resources(&settings)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&json!({
            "country": resources.country.as_ref().map(|c| c.country.clone()),
            "emergency": resources.country.as_ref().map(|c| c.emergency.clone()),
            "resources": resources.refs(),
            "lines": resources.country.as_ref().map(|c| &c.lines),
            "international": resources.international,
        }))?);
    }
    ctx.out.line(ctx.out.strong(words::HELP_NOW_TITLE))?;
    print_resources(&ctx.out, &resources)?;
    ctx.out.line("")?;
    ctx.out.line(words::HELP_NOW_PLAN)?;
    Ok(())
}

pub fn plan(ctx: &Ctx, kind: PlanKind, action: Option<PlanAction>) -> Result<(), Failure> {
    match action.unwrap_or(PlanAction::Show) {
        PlanAction::Show => {
            let thaw = ctx.open()?;
            let plan = thaw.plan(kind)?;
            show_plan(ctx, &plan)
        }
        PlanAction::Edit => {
            let thaw = ctx.open()?;
            let current = thaw.plan(kind)?;
            let text = if io::stdin().is_terminal() {
                edit_in_editor(&current.to_text())?
            } else {
                let mut text = String::new();
                io::stdin().read_to_string(&mut text)?;
                text
            };
            let plan = Plan::from_text(kind, &text)?;
            thaw.save_plan(&plan)?;
            if ctx.out.json {
                return Ok(ctx.out.json(&plan.to_json())?);
            }
            ctx.out.line(ctx.out.strong(words::PLAN_SAVED))?;
            show_plan(ctx, &plan)
        }
    }
}

fn show_plan(ctx: &Ctx, plan: &Plan) -> Result<(), Failure> {
    if ctx.out.json {
        return Ok(ctx.out.json(&plan.to_json())?);
    }
    print_plan(&ctx.out, plan)?;
    let command = match plan.kind {
        PlanKind::Safety => "safety-plan",
        PlanKind::Relapse => "relapse-plan",
    };
    ctx.out.line("")?;
    ctx.out.line(
        ctx.out
            .quiet(&format!("{} {command} edit", words::PLAN_EDIT_HINT)),
    )?;
    Ok(())
}

/// The plan, section by section.
pub fn print_plan(out: &Out, plan: &Plan) -> io::Result<()> {
    out.line(out.strong(plan.kind.title()))?;
    for (section, items) in plan.sections() {
        out.line("")?;
        out.line(out.strong(section.title))?;
        if items.is_empty() {
            out.line(format!(
                "  {}",
                out.quiet(&format!("{} {}", words::PLAN_EMPTY_SECTION, section.prompt))
            ))?;
        }
        for item in items {
            out.line(format!("  · {item}"))?;
        }
    }
    Ok(())
}
