//! Where a passphrase comes from: `THAW_PASSPHRASE`, else a prompt that
//! does not echo, when there is a terminal to ask at.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::{Arc, Mutex};

use thaw_app::data_dir::PassphraseSource;
use thaw_core::InputError;
use zeroize::Zeroizing;

use crate::{Failure, words};

fn from_env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|p| !p.is_empty())
}

/// Reads `THAW_PASSPHRASE`, else asks once in the terminal (and
/// remembers the answer for the rest of this command).
pub fn source() -> PassphraseSource {
    let asked: Mutex<Option<Zeroizing<String>>> = Mutex::new(None);
    Arc::new(move |what: &Path| {
        if let Some(p) = from_env("THAW_PASSPHRASE") {
            return Some(p);
        }
        if !std::io::stdin().is_terminal() {
            return None;
        }
        let mut asked = asked.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = asked.as_ref() {
            return Some(p.to_string());
        }
        let answer = rpassword::prompt_password(crate::words::passphrase_for(what))
            .ok()
            .filter(|p| !p.is_empty())?;
        *asked = Some(Zeroizing::new(answer.clone()));
        Some(answer)
    })
}

/// A new passphrase: from `var`, else asked twice in the terminal.
pub fn new(var: &str) -> Result<Zeroizing<String>, Failure> {
    if let Some(p) = from_env(var) {
        return Ok(Zeroizing::new(p));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Input(InputError::new(
            "passphrase",
            "(none)",
            format!("a passphrase in {var}, or run this in a terminal to be asked"),
        )));
    }
    let first = Zeroizing::new(rpassword::prompt_password(words::PASSPHRASE_NEW)?);
    thaw_app::encryption::check_new_passphrase(&first)?;
    let second = Zeroizing::new(rpassword::prompt_password(words::PASSPHRASE_AGAIN)?);
    if *first != *second {
        return Err(Failure::Input(InputError::new(
            "passphrase",
            "(hidden)",
            "the same passphrase twice (the two did not match)",
        )));
    }
    Ok(first)
}
