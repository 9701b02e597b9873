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
pub(crate) fn ask(
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

/// Walks through a proposed week, one activity at a time: Enter keeps
/// it, `n` leaves it out, other days change them; then the time. Answers
/// the activities to schedule. End of input keeps the rest as proposed.
pub fn week(
    input: &mut impl BufRead,
    output: &mut impl Write,
    proposal: &[thaw_app::week::Proposed],
) -> io::Result<Vec<thaw_core::activity::Activity>> {
    use thaw_core::recur::Rule;
    writeln!(output, "{}", words::WEEK_ASK_INTRO)?;
    let mut keep = Vec::new();
    let mut ended = false;
    for (i, p) in proposal.iter().enumerate() {
        let mut a = p.activity.clone();
        let time = a.time.clone().unwrap_or_default();
        writeln!(
            output,
            "{}. {} — {} at {time} ({})",
            i + 1,
            a.name,
            p.days,
            p.why
        )?;
        if ended {
            keep.push(a);
            continue;
        }
        let mut take = true;
        loop {
            let Some(answer) = ask(input, output, words::WEEK_ASK_KEEP)? else {
                ended = true;
                break;
            };
            match answer.to_lowercase().as_str() {
                "" | "y" | "yes" => break,
                "n" | "no" | "skip" => {
                    take = false;
                    break;
                }
                days => match Rule::parse("days", days) {
                    Ok(rule) => {
                        a.every = Some(rule.to_rrule());
                        break;
                    }
                    Err(e) => writeln!(output, "{}", e.allowed)?,
                },
            }
        }
        if !take {
            continue;
        }
        while !ended {
            let Some(answer) = ask(input, output, &format!("{} [{time}]", words::WEEK_ASK_TIME))?
            else {
                ended = true;
                break;
            };
            if answer.is_empty() {
                break;
            }
            match thaw_core::activity::check_time("time", &answer) {
                Ok(t) => {
                    a.time = Some(t);
                    break;
                }
                Err(e) => writeln!(output, "{}", e.allowed)?,
            }
        }
        keep.push(a);
    }
    Ok(keep)
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

    #[test]
    fn a_week_is_kept_skipped_or_adjusted_one_activity_at_a_time() {
        let date = "2026-03-25".parse().unwrap();
        let proposal = thaw_app::week::propose(&[], &[], date);
        let typed = "\n\nn\ntue,thu\n7pm\n19:30\n";
        let mut out = Vec::new();
        let kept = week(&mut typed.as_bytes(), &mut out, &proposal.items).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(kept.len(), 2, "{out}");
        assert_eq!(
            kept[0], proposal.items[0].activity,
            "Enter twice keeps it as proposed"
        );
        assert_eq!(
            kept[1].name, proposal.items[2].activity.name,
            "n leaves the second out"
        );
        assert_eq!(kept[1].every.as_deref(), Some("FREQ=WEEKLY;BYDAY=TU,TH"));
        assert_eq!(
            kept[1].time.as_deref(),
            Some("19:30"),
            "a bad time is asked again: {out}"
        );
    }

    #[test]
    fn the_end_of_input_keeps_the_rest_as_proposed() {
        let date = "2026-03-25".parse().unwrap();
        let proposal = thaw_app::week::propose(&[], &[], date);
        let kept = week(&mut "n\n".as_bytes(), &mut Vec::new(), &proposal.items).unwrap();
        assert_eq!(kept.len(), 2);
    }

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
