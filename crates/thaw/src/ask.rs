//! The interactive check-in: one short question at a time, each skippable
//! with Enter. Generic over input and output so it is tested without a
//! terminal.

use std::io::{self, BufRead, Write};

use thaw_core::{CheckinDraft, Rating};

use crate::words;

/// Asks the questions a check-in has and fills `draft` with the answers.
/// End of input (Ctrl-D) skips the rest.
pub fn checkin(
    input: &mut impl BufRead,
    output: &mut impl Write,
    draft: &mut CheckinDraft,
) -> io::Result<()> {
    writeln!(output, "{}", words::ASK_INTRO)?;
    let ratings: [(&str, &str, &mut Option<String>); 5] = [
        ("mood", words::ASK_MOOD, &mut draft.mood),
        ("numbness", words::ASK_NUMBNESS, &mut draft.numbness),
        ("energy", words::ASK_ENERGY, &mut draft.energy),
        ("pleasure", words::ASK_PLEASURE, &mut draft.pleasure),
        ("connection", words::ASK_CONNECTION, &mut draft.connection),
    ];
    for (field, question, slot) in ratings {
        loop {
            let Some(answer) = ask(input, output, question)? else {
                return Ok(());
            };
            if answer.is_empty() {
                break;
            }
            if Rating::parse(field, &answer).is_ok() {
                *slot = Some(answer);
                break;
            }
            writeln!(output, "{}", words::ASK_AGAIN)?;
        }
    }
    let Some(feel) = ask(input, output, words::ASK_FEEL)? else {
        return Ok(());
    };
    draft.sensations.extend(split_list(&feel));
    let Some(trigger) = ask(input, output, words::ASK_TRIGGER)? else {
        return Ok(());
    };
    draft.triggers.extend(split_list(&trigger));
    let Some(plan) = ask(input, output, words::ASK_PLAN)? else {
        return Ok(());
    };
    if !plan.is_empty() && draft.plan.is_none() {
        draft.plan = Some(plan);
    }
    let Some(note) = ask(input, output, words::ASK_NOTE)? else {
        return Ok(());
    };
    if !note.is_empty() && draft.note.is_none() {
        draft.note = Some(note);
    }
    Ok(())
}

/// One question; `None` at end of input, else the trimmed answer.
fn ask(
    input: &mut impl BufRead,
    output: &mut impl Write,
    question: &str,
) -> io::Result<Option<String>> {
    write!(output, "{question}: ")?;
    output.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        writeln!(output)?;
        return Ok(None);
    }
    Ok(Some(line.trim().to_owned()))
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(typed: &str) -> (CheckinDraft, String) {
        let mut draft = CheckinDraft::default();
        let mut out = Vec::new();
        checkin(&mut typed.as_bytes(), &mut out, &mut draft).unwrap();
        (draft, String::from_utf8(out).unwrap())
    }

    #[test]
    fn every_question_can_be_skipped() {
        let (draft, out) = run("\n\n\n\n\n\n\n\n\n");
        assert!(draft.has_no_ratings() && draft.sensations.is_empty() && draft.plan.is_none());
        assert!(out.contains("Enter to skip"));
    }

    #[test]
    fn answers_fill_the_draft_and_a_bad_rating_is_asked_again() {
        let (draft, out) =
            run("4\n11\n7\n\n2\n\nI feel detached, flat\npoor sleep\nshort walk\n\n");
        assert_eq!(draft.mood.as_deref(), Some("4"));
        assert_eq!(draft.numbness.as_deref(), Some("7"));
        assert_eq!(draft.energy, None);
        assert_eq!(draft.pleasure.as_deref(), Some("2"));
        assert_eq!(draft.sensations, ["I feel detached", "flat"]);
        assert_eq!(draft.triggers, ["poor sleep"]);
        assert_eq!(draft.plan.as_deref(), Some("short walk"));
        assert_eq!(out.matches(words::ASK_AGAIN).count(), 1);
    }

    #[test]
    fn end_of_input_keeps_what_was_answered() {
        let (draft, _) = run("6\n");
        assert_eq!(draft.mood.as_deref(), Some("6"));
        assert_eq!(draft.numbness, None);
    }
}
