//! `thaw week` and `thaw month`: the gentle weekly review and the
//! monthly look-back. The sentences come from `thaw_app::review`; this
//! lays them out in aligned, short lines and adds the command that helps
//! next.

use jiff::civil::Date;
use thaw_app::review::{
    MonthReview, SuggestionKind, WeekReview, activity_words, grounding_words, month_words,
    short_day, week_words,
};

use crate::cli::ReviewArgs;
use crate::out::Out;
use crate::{Ctx, Failure, words};

/// The last day asked for, or today in the person's zone.
fn until(ctx: &Ctx, args: &ReviewArgs) -> Result<Date, Failure> {
    Ok(match args.until.as_deref() {
        Some(d) => thaw_app::parse_date("until", d)?,
        None => {
            let settings = ctx.data.load_settings()?;
            thaw_app::today(&settings, ctx.clock.as_ref())
        }
    })
}

pub fn week(ctx: &Ctx, args: ReviewArgs) -> Result<(), Failure> {
    let until = until(ctx, &args)?;
    let thaw = ctx.open()?;
    let review = thaw.week_review(until)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&review)?);
    }
    print_week(&ctx.out, &review)
}

pub fn month(ctx: &Ctx, args: ReviewArgs) -> Result<(), Failure> {
    let until = until(ctx, &args)?;
    let thaw = ctx.open()?;
    let review = thaw.month_review(until)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&review)?);
    }
    print_month(&ctx.out, &review)
}

/// A heading after a blank line.
fn heading(out: &Out, text: &str) -> Result<(), Failure> {
    out.line("")?;
    out.line(out.strong(text))?;
    Ok(())
}

fn bullets(out: &Out, lines: &[String]) -> Result<(), Failure> {
    for line in lines {
        out.line(format!("  · {line}"))?;
    }
    Ok(())
}

/// `text` padded to `width` characters.
fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

fn print_week(out: &Out, r: &WeekReview) -> Result<(), Failure> {
    let w = week_words(r);
    out.line(out.strong(&format!("{} {}", words::REVIEW_WEEK_TITLE, w.dates)))?;
    out.line(&w.checkins)?;
    if w.no_checkins && r.suggestion.kind != SuggestionKind::Checkin {
        out.line(out.quiet(words::REVIEW_CHECKIN_HINT))?;
    }
    if !w.compared.is_empty() {
        heading(out, words::REVIEW_COMPARED_WEEK)?;
        bullets(out, &w.compared)?;
    }
    for note in [&w.compared_note, &w.harder].into_iter().flatten() {
        out.line(format!("  {}", out.quiet(note)))?;
    }
    if !r.wins.is_empty() {
        heading(out, words::REVIEW_WINS)?;
        for win in &r.wins {
            out.line(format!(
                "  ✓ {}  {}",
                win.at.zoned().strftime("%a"),
                win.text
            ))?;
        }
    }
    if !r.value_actions.is_empty() {
        heading(out, words::REVIEW_VALUES)?;
        for a in &r.value_actions {
            out.line(format!(
                "  ♡ {}  {} ({})",
                a.at.zoned().strftime("%a"),
                a.text,
                a.value
            ))?;
        }
    }
    if !r.activities.is_empty() {
        heading(out, words::REVIEW_ACTIVITIES)?;
        let width = r
            .activities
            .iter()
            .map(|a| a.name.chars().count())
            .max()
            .unwrap_or(0);
        for a in &r.activities {
            out.line(format!("  {}  {}", pad(&a.name, width), activity_words(a)))?;
        }
        if let Some(skipped) = &w.skipped {
            out.line(format!("  {}", out.quiet(skipped)))?;
        }
    }
    if !r.grounding.is_empty() {
        heading(out, words::REVIEW_GROUNDING)?;
        let width = r
            .grounding
            .iter()
            .map(|g| g.title.chars().count())
            .max()
            .unwrap_or(0);
        for g in &r.grounding {
            let numbness = grounding_words(g).unwrap_or_default();
            let line = format!(
                "  {}  {}  {numbness}",
                g.at.zoned().strftime("%a"),
                pad(&g.title, width)
            );
            out.line(line.trim_end())?;
        }
    }
    if let Some(quiet) = &w.quiet {
        out.line("")?;
        out.line(quiet)?;
    }
    heading(out, words::REVIEW_NEXT_WEEK)?;
    out.line(format!("  {}", w.suggestion))?;
    out.line(format!(
        "  {}",
        out.quiet(&words::review_next(
            r.suggestion.kind,
            r.suggestion.about.as_deref()
        ))
    ))?;
    out.line("")?;
    out.line(out.quiet(words::REVIEW_SEE_MONTH))?;
    Ok(())
}

fn print_month(out: &Out, r: &MonthReview) -> Result<(), Failure> {
    let w = month_words(r);
    out.line(out.strong(&format!("{} {}", words::REVIEW_MONTH_TITLE, w.dates)))?;
    if let Some(empty) = &w.empty {
        out.line(empty)?;
        out.line(out.quiet(words::REVIEW_CHECKIN_HINT))?;
    } else {
        heading(out, words::REVIEW_THESE_DAYS)?;
        bullets(out, &w.counts)?;
    }
    if !w.compared.is_empty() {
        heading(out, words::REVIEW_COMPARED_MONTH)?;
        bullets(out, &w.compared)?;
    }
    for note in [&w.compared_note, &w.harder].into_iter().flatten() {
        out.line(format!("  {}", out.quiet(note)))?;
    }
    if let (Some(before), false) = (&r.before, w.compared.is_empty()) {
        out.line(format!(
            "  {}",
            out.quiet(&words::review_compared_with(
                &short_day(before.from),
                &short_day(before.to),
            ))
        ))?;
    }
    let since: Vec<&String> = [&w.since, &w.first_win, &w.latest_win]
        .into_iter()
        .flatten()
        .collect();
    if !since.is_empty() {
        heading(out, words::REVIEW_SINCE)?;
        for line in since {
            out.line(format!("  {line}"))?;
        }
    }
    Ok(())
}
