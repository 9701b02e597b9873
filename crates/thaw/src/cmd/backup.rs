//! `thaw backup`, `thaw restore`, `thaw forget --everything`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use serde_json::json;

use crate::{Ctx, Failure, words};

pub fn backup(ctx: &Ctx, file: &Path) -> Result<(), Failure> {
    let done = ctx.data.backup(file)?;
    if ctx.out.json {
        return Ok(ctx.out.json(
            &json!({ "written": done.path.display().to_string(), "checkins": done.checkins, "encrypted": done.encrypted }),
        )?);
    }
    ctx.out.line(words::backed_up(done.checkins, &done.path))?;
    ctx.out.line(if done.encrypted {
        words::BACKUP_KEEP_SAFE_ENCRYPTED
    } else {
        words::BACKUP_KEEP_SAFE
    })?;
    Ok(())
}

pub fn restore(ctx: &Ctx, file: &Path) -> Result<(), Failure> {
    let done = ctx.data.restore(file, ctx.clock.now())?;
    if ctx.out.json {
        return Ok(ctx.out.json(&json!({
            "restored": file.display().to_string(),
            "checkins": done.checkins,
            "kept": done.kept.as_ref().map(|k| k.display().to_string()),
            "encrypted": done.encrypted,
        }))?);
    }
    ctx.out.line(words::restored(file, done.checkins))?;
    if let Some(kept) = &done.kept {
        ctx.out.line(words::restore_kept(kept))?;
    }
    if done.was_encrypted && !done.encrypted {
        ctx.out.line(words::RESTORED_UNENCRYPTED)?;
    }
    Ok(())
}

pub fn forget(ctx: &Ctx, backups: bool, yes: bool) -> Result<(), Failure> {
    let files = ctx.data.forget_list(backups);
    if files.is_empty() {
        if ctx.out.json {
            return Ok(ctx.out.json(&json!({ "deleted": [] }))?);
        }
        ctx.out.line(words::FORGET_NOTHING)?;
        return Ok(());
    }
    if !yes {
        let mut err = std::io::stderr().lock();
        writeln!(
            err,
            "{} {}",
            words::FORGET_WARNING,
            ctx.data.root().display()
        )?;
        for f in &files {
            writeln!(err, "  {}", f.display())?;
        }
        write!(err, "{}", words::FORGET_ASK)?;
        err.flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        let answer = answer.trim().to_lowercase();
        if !matches!(answer.as_str(), "y" | "yes" | "forget") {
            crate::out::note(if std::io::stdin().is_terminal() || !answer.is_empty() {
                words::FORGET_KEPT
            } else {
                words::FORGET_NEEDS_YES
            });
            return Err(Failure::App(thaw_app::AppError::Io {
                what: "nothing was deleted".into(),
                source: std::io::Error::other("not confirmed"),
            }));
        }
    }
    let gone = ctx.data.forget(backups)?;
    if ctx.out.json {
        let names: Vec<String> = gone.iter().map(|p| p.display().to_string()).collect();
        return Ok(ctx.out.json(&json!({ "deleted": names }))?);
    }
    ctx.out.line(words::FORGET_DONE)?;
    Ok(())
}
