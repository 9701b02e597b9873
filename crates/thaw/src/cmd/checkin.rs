//! `thaw checkin` and `thaw checkins`.

use std::io::{self, IsTerminal};

use serde::Serialize;
use thaw_core::{Checkin, CheckinDraft};

use crate::cli::{CheckinArgs, CheckinsArgs};
use crate::cmd::journal::{WithSafety, show_support};
use crate::{Ctx, Failure, ask, words};

pub fn record(ctx: &Ctx, args: CheckinArgs) -> Result<(), Failure> {
    let settings = ctx.data.load_settings()?;
    let mut draft = CheckinDraft {
        mood: args.mood,
        numbness: args.numbness,
        energy: args.energy,
        pleasure: args.pleasure,
        connection: args.connection,
        sensations: args.feel,
        triggers: args.trigger,
        note: args.note,
        plan: args.plan,
    };
    let at = args.at.as_deref();
    // Check what was given before asking anything more.
    thaw_app::prepare_checkin(&draft, at, &settings, ctx.clock.as_ref())?;
    if draft.has_no_ratings() && io::stdin().is_terminal() {
        ask::checkin(
            &mut io::stdin().lock(),
            &mut io::stderr().lock(),
            &mut draft,
        )?;
    }
    let checkin = thaw_app::prepare_checkin(&draft, at, &settings, ctx.clock.as_ref())?;
    let thaw = ctx.open()?;
    thaw.save_checkin(&checkin)?;
    let words_given = [
        checkin.sensations.join(". "),
        checkin.triggers.join(". "),
        checkin.note.clone().unwrap_or_default(),
        checkin.plan.clone().unwrap_or_default(),
    ]
    .join(". ");
    let resources = thaw_app::safety::resources_for_text(&settings, &words_given)?;

    if ctx.out.json {
        return Ok(ctx.out.json(&WithSafety {
            item: &checkin,
            risk_flag: resources.is_some(),
            crisis_resources: resources,
        })?);
    }
    if resources.is_some() {
        show_support(ctx, &settings)?;
    }
    let empty = checkin.has_no_ratings()
        && checkin.sensations.is_empty()
        && checkin.note.is_none()
        && checkin.plan.is_none();
    ctx.out.line(ctx.out.strong(words::checkin_closing(
        checkin.numbness.map(|r| r.get()),
        empty,
    )))?;
    ctx.out.line(format!("  {}", summary(&checkin)))?;
    let today = thaw_app::today(&settings, ctx.clock.as_ref());
    if thaw.numbness_returning(today)? {
        ctx.out.line("")?;
        ctx.out.line(words::RELAPSE_OFFER)?;
        crate::cmd::safety::print_plan(&ctx.out, &thaw.plan(thaw_core::plan::PlanKind::Relapse)?)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct CheckinList<'a> {
    checkins: &'a [Checkin],
}

pub fn list(ctx: &Ctx, args: CheckinsArgs) -> Result<(), Failure> {
    let from = args
        .from
        .as_deref()
        .map(|d| thaw_app::parse_date("from", d))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|d| thaw_app::parse_date("to", d))
        .transpose()?;
    let thaw = ctx.open()?;
    let checkins = thaw.checkins(from, to)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&CheckinList {
            checkins: &checkins,
        })?);
    }
    if checkins.is_empty() {
        let empty = if from.is_some() || to.is_some() {
            words::NO_CHECKINS_IN_RANGE
        } else {
            words::NO_CHECKINS
        };
        return Ok(ctx.out.line(empty)?);
    }
    ctx.out.line(
        ctx.out
            .quiet("                    mood numb energy pleasure connection"),
    )?;
    for c in &checkins {
        let when = c.at.zoned().strftime("%Y-%m-%d %H:%M").to_string();
        let cells: Vec<String> = c
            .ratings()
            .iter()
            .zip([4, 4, 6, 8, 10])
            .map(|((_, r), width)| {
                format!("{:>width$}", r.map_or("–".to_owned(), |r| r.to_string()))
            })
            .collect();
        let words = details(c);
        let line = format!("{when}  {}  {}", cells.join(" "), ctx.out.quiet(&words));
        ctx.out.line(line.trim_end())?;
    }
    Ok(())
}

/// One line that says what a check-in holds.
fn summary(c: &Checkin) -> String {
    let when = c.at.zoned().strftime("%a %-d %b %H:%M").to_string();
    let ratings: Vec<String> = c
        .ratings()
        .iter()
        .filter_map(|(name, r)| r.map(|r| format!("{name} {r}")))
        .collect();
    let mut parts = vec![when];
    if !ratings.is_empty() {
        parts.push(ratings.join(" · "));
    }
    let details = details(c);
    if !details.is_empty() {
        parts.push(details);
    }
    parts.join("  ")
}

fn details(c: &Checkin) -> String {
    let mut parts: Vec<String> = c.sensations.clone();
    if !c.triggers.is_empty() {
        parts.push(format!("after: {}", c.triggers.join(", ")));
    }
    if let Some(plan) = &c.plan {
        parts.push(format!("plan: {plan}"));
    }
    if let Some(note) = &c.note {
        parts.push(format!("note: {}", first_line(note)));
    }
    parts.join("; ")
}

pub fn first_line(text: &str) -> String {
    const MAX: usize = 80;
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > MAX || text.lines().nth(1).is_some() {
        let short: String = line.chars().take(MAX).collect();
        format!("{}…", short.trim_end())
    } else {
        line.to_owned()
    }
}
