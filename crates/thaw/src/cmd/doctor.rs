//! `thaw doctor`: the health of the data folder, each finding with what
//! to do. Exit 1 when something needs fixing.

use thaw_app::doctor::Status;

use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx) -> Result<(), Failure> {
    let settings = ctx.data.load_settings().unwrap_or_default();
    let today = thaw_app::today(&settings, ctx.clock.as_ref());
    let checkup = ctx.data.doctor(today);
    if ctx.out.json {
        ctx.out.json(&checkup)?;
    } else {
        ctx.out
            .line(ctx.out.strong(&words::doctor_checking(&checkup.folder)))?;
        for f in &checkup.findings {
            let mark = match f.status {
                Status::Ok => words::DOCTOR_OK,
                Status::Note => words::DOCTOR_NOTE,
                Status::Problem => words::DOCTOR_PROBLEM,
            };
            ctx.out.line(format!("  {mark}  {}", f.message))?;
            if let Some(fix) = &f.fix {
                ctx.out.line(format!("           {}", ctx.out.quiet(fix)))?;
            }
        }
        ctx.out.line("")?;
        let notes = checkup.findings.iter().any(|f| f.status == Status::Note);
        ctx.out.line(match (checkup.healthy, notes) {
            (true, false) => words::DOCTOR_HEALTHY,
            (true, true) => words::DOCTOR_NOTES,
            (false, _) => words::DOCTOR_PROBLEMS,
        })?;
    }
    if checkup.healthy {
        Ok(())
    } else {
        Err(Failure::Reported)
    }
}
