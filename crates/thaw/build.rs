//! Records the commit `thaw --version` names (and its date, for the man
//! page): `THAW_COMMIT` (set by the
//! environment, e.g. a packager's, or asked of git), else "unknown" for a
//! build outside a git checkout.

use std::path::PathBuf;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn main() {
    println!("cargo:rerun-if-env-changed=THAW_COMMIT");
    let date = git(&["log", "-1", "--format=%cs", "HEAD"]);
    let commit = std::env::var("THAW_COMMIT").ok().or_else(|| {
        let hash = git(&["rev-parse", "--short=12", "HEAD"])?;
        Some(match &date {
            Some(date) => format!("{hash} {date}"),
            None => hash,
        })
    });
    // Rebuild when HEAD moves: HEAD itself, the branch it names, and the
    // packed refs (paths asked of git, so worktrees work too).
    for path in ["HEAD", "packed-refs"] {
        if let Some(p) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={}", PathBuf::from(p).display());
        }
    }
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    if let Some(p) = branch.and_then(|b| git(&["rev-parse", "--git-path", &b])) {
        println!("cargo:rerun-if-changed={}", PathBuf::from(p).display());
    }
    // The man page's date: the commit's, so a rebuild gives the same page.
    println!(
        "cargo:rustc-env=THAW_COMMIT_DATE={}",
        date.unwrap_or_default()
    );
    println!(
        "cargo:rustc-env=THAW_COMMIT={}",
        commit.unwrap_or_else(|| "unknown".into())
    );
}
