//! `thaw screen INSTRUMENT` and `thaw screen history`.

use std::io::{self, BufRead, IsTerminal, Write};

use serde_json::json;
use thaw_app::safety::ScreeningReport;
use thaw_core::screener::{self, Instrument};

use crate::cli::{ScreenCommand, ScreenHistory};
use crate::cmd::safety::print_resources;
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, args: ScreenCommand) -> Result<(), Failure> {
    if let Some(ScreenHistory::History { instrument }) = args.history {
        return history(ctx, instrument.as_deref());
    }
    let Some(name) = args.instrument.as_deref() else {
        return Err(thaw_core::InputError::new(
            "instrument",
            "",
            "name one: phq9, phq8, phq2, gad7, who5",
        )
        .into());
    };
    let instrument = Instrument::parse("instrument", name)?;
    let settings = ctx.data.load_settings()?;
    // Check --at before asking anything.
    thaw_app::moment_or_now(args.at.as_deref(), &settings, ctx.clock.as_ref())?;
    let answers = match args.answers {
        Some(a) => a,
        None if io::stdin().is_terminal() => match ask(
            instrument,
            &mut io::stdin().lock(),
            &mut io::stderr().lock(),
            if ctx.out.plain { ", " } else { " · " },
        )? {
            Some(a) => a,
            None => {
                crate::out::note(words::SCREEN_STOPPED);
                return Ok(());
            }
        },
        None => {
            return Err(
                thaw_core::InputError::new("answers", "", words::SCREEN_NEED_ANSWERS).into(),
            );
        }
    };
    let screening = thaw_app::safety::prepare_screening(
        instrument,
        &answers,
        args.at.as_deref(),
        &settings,
        ctx.clock.as_ref(),
    )?;
    let thaw = ctx.open()?;
    let report = thaw.save_screening(&screening)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&report)?);
    }
    print_report(ctx, &report)?;
    Ok(())
}

fn print_report(ctx: &Ctx, report: &ScreeningReport) -> Result<(), Failure> {
    if report.crisis_resources.is_some() {
        let settings = ctx.data.load_settings()?;
        let opening = if report.score.item9_positive {
            thaw_app::safety::words::ITEM9_OPENING
        } else {
            thaw_app::safety::words::ITEM9_DECLINED
        };
        ctx.out.line(ctx.out.strong(opening))?;
        print_resources(&ctx.out, &thaw_app::safety::resources(&settings)?)?;
        ctx.out.line(words::HELP_NOW_PLAN)?;
        ctx.out.line("")?;
    }
    ctx.out.line(ctx.out.strong(&report.summary))?;
    if let Some(change) = &report.change {
        ctx.out.line(change)?;
    }
    ctx.out.line(ctx.out.quiet(words::SCREEN_NOT_DIAGNOSIS))?;
    Ok(())
}

/// Asks each item in turn, the options separated by `sep` (a comma for
/// `--plain`); `None` if the person stops (Ctrl-D).
fn ask(
    instrument: Instrument,
    input: &mut impl BufRead,
    output: &mut impl Write,
    sep: &str,
) -> io::Result<Option<String>> {
    writeln!(output, "{}", instrument.name())?;
    writeln!(output, "{}", instrument.stem())?;
    let options: Vec<String> = instrument
        .options()
        .iter()
        .map(|(v, w)| format!("{v} {w}"))
        .collect();
    let count = instrument.items().len();
    let mut answers = Vec::with_capacity(count);
    for (i, item) in instrument.items().iter().enumerate() {
        writeln!(output)?;
        writeln!(output, "{}/{count}  {item}", i + 1)?;
        writeln!(output, "      {}", options.join(sep))?;
        loop {
            let decline = instrument.may_decline(i);
            write!(
                output,
                "      {}: ",
                if decline {
                    format!("answer ({})", words::SCREEN_DECLINE_HINT)
                } else {
                    "answer".into()
                }
            )?;
            output.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                writeln!(output)?;
                return Ok(None);
            }
            let answer = line.trim();
            let declined =
                decline && screener::DECLINE_WORDS.contains(&answer.to_ascii_lowercase().as_str());
            let valid = answer
                .parse::<u8>()
                .is_ok_and(|v| v <= instrument.item_max());
            if declined || valid {
                answers.push(if declined {
                    "-".to_owned()
                } else {
                    answer.to_owned()
                });
                break;
            }
            writeln!(output, "      {}", words::SCREEN_ASK_AGAIN)?;
        }
    }
    Ok(Some(answers.join(",")))
}

fn history(ctx: &Ctx, instrument: Option<&str>) -> Result<(), Failure> {
    let instrument = instrument
        .map(|i| Instrument::parse("instrument", i))
        .transpose()?;
    let thaw = ctx.open()?;
    let results = thaw.screenings(instrument)?;
    if ctx.out.json {
        return Ok(ctx.out.json(&json!({ "screenings": results }))?);
    }
    if results.is_empty() {
        return Ok(ctx.out.line(words::NO_SCREENINGS)?);
    }
    for r in &results {
        let when = r.at.zoned().strftime("%Y-%m-%d").to_string();
        let band = r
            .score
            .severity
            .map(|s| format!(" ({})", s.words()))
            .unwrap_or_default();
        let pct = r
            .score
            .percentage
            .map(|p| format!(" ({p}%)"))
            .unwrap_or_default();
        ctx.out.line(format!(
            "{when}  {:<5} {:>3}{band}{pct}",
            r.instrument.key(),
            r.score.total
        ))?;
        if let Some(change) = &r.change {
            ctx.out
                .line(format!("            {}", ctx.out.quiet(change)))?;
        }
    }
    ctx.out.line(ctx.out.quiet(words::SCREEN_NOT_DIAGNOSIS))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_each_item_and_re_asks_out_of_range() {
        let mut out = Vec::new();
        let typed = "1\n5\n2\n";
        let got = ask(Instrument::Phq2, &mut typed.as_bytes(), &mut out, " · ").unwrap();
        assert_eq!(got.as_deref(), Some("1,2"));
        let screen = String::from_utf8(out).unwrap();
        assert!(
            screen.contains("1/2  Little interest") && screen.contains(words::SCREEN_ASK_AGAIN)
        );
    }

    #[test]
    fn item9_may_be_declined_and_ctrl_d_stops() {
        let mut out = Vec::new();
        let got = ask(
            Instrument::Phq9,
            &mut "0\n0\n0\n0\n0\n0\n0\n0\n-\n".as_bytes(),
            &mut out,
            ", ",
        )
        .unwrap();
        assert_eq!(got.as_deref(), Some("0,0,0,0,0,0,0,0,-"));
        assert_eq!(
            ask(
                Instrument::Phq9,
                &mut "1\n".as_bytes(),
                &mut Vec::new(),
                ", "
            )
            .unwrap(),
            None
        );
    }
}
