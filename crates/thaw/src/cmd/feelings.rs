//! `thaw feelings`: the vocabulary of named sensations.

use serde::Serialize;
use thaw_core::feelings::VOCABULARY;

use crate::{Ctx, Failure, words};

#[derive(Serialize)]
struct Group {
    key: &'static str,
    title: &'static str,
    hint: &'static str,
    statements: &'static [&'static str],
}

pub fn show(ctx: &Ctx) -> Result<(), Failure> {
    if ctx.out.json {
        let groups: Vec<Group> = VOCABULARY
            .iter()
            .map(|g| Group {
                key: g.key,
                title: g.title,
                hint: g.hint,
                statements: g.statements,
            })
            .collect();
        return Ok(ctx.out.json(&serde_json::json!({ "groups": groups }))?);
    }
    for group in VOCABULARY {
        ctx.out.line(ctx.out.strong(group.title))?;
        ctx.out.line(format!("  {}", ctx.out.quiet(group.hint)))?;
        if group.key == "emotion" {
            ctx.out.line(format!("  {}", group.statements.join(", ")))?;
        } else {
            for s in group.statements {
                ctx.out.line(format!("  · {s}"))?;
            }
        }
        ctx.out.line("")?;
    }
    ctx.out.line(words::FEELINGS_OUTRO)?;
    Ok(())
}
