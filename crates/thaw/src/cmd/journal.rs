//! `thaw journal [TEXT]` and `thaw journal list`.

use std::io::{self, IsTerminal, Read};
use std::process::Command;

use serde::Serialize;
use thaw_core::journal::JournalQuery;
use thaw_core::{JournalDraft, JournalEntry};

use crate::cli::{JournalCommand, JournalList, JournalWrite};
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, command: JournalCommand) -> Result<(), Failure> {
    match command.list {
        Some(JournalList::List {
            search,
            tag,
            for_therapy,
        }) => list(ctx, search.as_deref(), tag.as_deref(), for_therapy),
        None => write(ctx, command.write),
    }
}

fn write(ctx: &Ctx, args: JournalWrite) -> Result<(), Failure> {
    let settings = ctx.data.load_settings()?;
    let mut draft = JournalDraft {
        text: args.text.clone().unwrap_or_default(),
        tags: args.tag,
        for_therapy: args.for_therapy,
    };
    let at = args.at.as_deref();
    if args.text.is_none() {
        // Check the flags before opening an editor, then fetch the text.
        draft.text = "-".into();
        thaw_app::prepare_journal(&draft, at, &settings, ctx.clock.as_ref())?;
        let text = if io::stdin().is_terminal() {
            from_editor(thaw_app::journal_prompt(&settings, ctx.clock.as_ref()))?
        } else {
            let mut text = String::new();
            io::stdin().read_to_string(&mut text)?;
            text
        };
        if text.trim().is_empty() {
            return Ok(ctx.out.line(words::JOURNAL_NOTHING)?);
        }
        draft.text = text;
    }
    let entry = thaw_app::prepare_journal(&draft, at, &settings, ctx.clock.as_ref())?;
    let thaw = ctx.open()?;
    thaw.save_journal(&entry)?;
    let resources = thaw_app::safety::resources_for_text(&settings, &entry.text)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&WithSafety {
            item: &entry,
            risk_flag: resources.is_some(),
            crisis_resources: resources,
        })?);
    }
    if resources.is_some() {
        show_support(ctx, &settings)?;
    }
    let saved = if entry.for_therapy {
        words::SAVED_JOURNAL_THERAPY
    } else {
        words::SAVED_JOURNAL
    };
    ctx.out.line(ctx.out.strong(saved))?;
    Ok(())
}

/// A saved record with the spec's safety fields: whether the text
/// suggests risk, and then the crisis resources.
#[derive(Serialize)]
pub struct WithSafety<'a, T: Serialize> {
    #[serde(flatten)]
    pub item: &'a T,
    pub risk_flag: bool,
    pub crisis_resources: Option<Vec<thaw_core::crisis::ResourceRef>>,
}

/// Crisis resources first, calmly, then the safety plan's pointer.
pub fn show_support(ctx: &Ctx, settings: &thaw_core::Settings) -> Result<(), Failure> {
    ctx.out
        .line(ctx.out.strong(thaw_app::safety::words::RISK_OPENING))?;
    crate::cmd::safety::print_resources(&ctx.out, &thaw_app::safety::resources(settings)?)?;
    ctx.out.line(words::HELP_NOW_PLAN)?;
    ctx.out.line("")?;
    Ok(())
}

/// Opens `$VISUAL` or `$EDITOR` on a page that starts with `prompt`;
/// answers what was written, without the `#` lines.
fn from_editor(prompt: &str) -> Result<String, Failure> {
    let written = edit_in_editor(&format!("\n\n# {prompt}\n# {}\n", words::EDITOR_HELP))?;
    Ok(strip_comments(&written))
}

/// Opens `$VISUAL` or `$EDITOR` on `page`; answers the page as saved.
pub fn edit_in_editor(page_text: &str) -> Result<String, Failure> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|e| !e.is_empty())
        .ok_or_else(|| Failure::Io(io::Error::new(io::ErrorKind::NotFound, words::NO_EDITOR)))?;
    let page = tempfile::Builder::new()
        .prefix("thaw-")
        .suffix(".md")
        .tempfile()?;
    std::fs::write(page.path(), page_text)?;
    // Through the shell, so an $EDITOR with arguments ("code --wait") works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", editor.to_string_lossy()))
        .arg("thaw")
        .arg(page.path())
        .status()?;
    if !status.success() {
        return Err(Failure::Io(io::Error::other(words::editor_ended(status))));
    }
    Ok(std::fs::read_to_string(page.path())?)
}

fn strip_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

#[derive(Serialize)]
struct EntryList<'a> {
    entries: &'a [JournalEntry],
}

fn list(
    ctx: &Ctx,
    search: Option<&str>,
    tag: Option<&str>,
    for_therapy: bool,
) -> Result<(), Failure> {
    let query = JournalQuery::new(search, tag, for_therapy)?;
    let thaw = ctx.open()?;
    let entries = thaw.journal(&query)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&EntryList { entries: &entries })?);
    }
    if entries.is_empty() {
        let filtered = query != JournalQuery::default();
        return Ok(ctx.out.line(if filtered {
            words::NO_JOURNAL_MATCH
        } else {
            words::NO_JOURNAL
        })?);
    }
    for e in &entries {
        let when = e.at.zoned().strftime("%Y-%m-%d %H:%M").to_string();
        let mut marks: Vec<String> = e.tags.iter().map(|t| format!("#{t}")).collect();
        if e.for_therapy {
            marks.push("for therapy".into());
        }
        ctx.out.line(
            format!(
                "{}  {}",
                ctx.out.strong(&when),
                ctx.out.quiet(&marks.join(" "))
            )
            .trim_end(),
        )?;
        for line in e.text.lines() {
            ctx.out.line(format!("  {line}"))?;
        }
        ctx.out.line("")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_are_not_saved() {
        assert_eq!(
            strip_comments("# prompt\nHello\n  # help\nthere\n\n"),
            "Hello\nthere"
        );
        assert_eq!(strip_comments("\n\n# only the prompt\n"), "");
    }
}
