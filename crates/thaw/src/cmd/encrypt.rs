//! `thaw encrypt`, `thaw encrypt --change`, `thaw decrypt`.

use serde_json::json;

use crate::{Ctx, Failure, passphrase, words};

pub fn encrypt(ctx: &Ctx, change: bool) -> Result<(), Failure> {
    if change {
        return change_passphrase(ctx);
    }
    if ctx.data.is_encrypted()? {
        // Said before asking for a new passphrase that would not be used.
        return Err(Failure::App(thaw_app::AppError::Refused(
            words::already_encrypted(ctx.data.root()),
        )));
    }
    let new = passphrase::new("THAW_PASSPHRASE")?;
    let done = ctx.data.encrypt(&new)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&json!({
            "encrypted": true,
            "folder": ctx.data.root().display().to_string(),
            "checkins": done.checkins,
            "kept_copies_encrypted": done.kept_encrypted,
            "plaintext_backups": done.plaintext_backups.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        }))?);
    }
    ctx.out.line(words::encrypted(ctx.data.root()))?;
    ctx.out.line(words::ENCRYPT_DONE)?;
    if done.kept_encrypted > 0 {
        ctx.out
            .line(words::kept_copies_encrypted(done.kept_encrypted))?;
    }
    if !done.plaintext_backups.is_empty() {
        ctx.out.line(words::ENCRYPT_OLD_BACKUPS)?;
        for p in &done.plaintext_backups {
            ctx.out.line(format!("  {}", p.display()))?;
        }
    }
    Ok(())
}

fn change_passphrase(ctx: &Ctx) -> Result<(), Failure> {
    if !ctx.data.is_encrypted()? {
        return Err(Failure::App(not_encrypted(ctx)));
    }
    // The current passphrase first, so a wrong one stops before a new one
    // is asked for.
    drop(ctx.data.open()?);
    let new = passphrase::new("THAW_NEW_PASSPHRASE")?;
    ctx.data.change_passphrase(&new)?;
    if ctx.out.json {
        return Ok(ctx
            .out
            .json(&json!({ "encrypted": true, "passphrase_changed": true }))?);
    }
    ctx.out.line(words::PASSPHRASE_CHANGED)?;
    Ok(())
}

pub fn decrypt(ctx: &Ctx) -> Result<(), Failure> {
    if !ctx.data.is_encrypted()? {
        return Err(Failure::App(not_encrypted(ctx)));
    }
    let checkins = ctx.data.decrypt()?;
    if ctx.out.json {
        return Ok(ctx
            .out
            .json(&json!({ "encrypted": false, "checkins": checkins }))?);
    }
    ctx.out.line(words::decrypted(ctx.data.root(), checkins))?;
    Ok(())
}

fn not_encrypted(ctx: &Ctx) -> thaw_app::AppError {
    thaw_app::AppError::Refused(words::not_encrypted(ctx.data.root()))
}
