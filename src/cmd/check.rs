//! `plan check`.

use plan::diag::{Diagnostics, Sources};

use crate::cli::CheckArgs;

pub fn run(args: CheckArgs) -> u8 {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let checked = plan::check(&args.dir, &mut sources, &mut diags);
    super::report(&sources, &diags, args.format);
    match checked {
        Some(checked) if !plan::failed(&diags, args.deny_warnings) => {
            let p = &checked.plan;
            let goals: Vec<_> = p.priorities.iter().flat_map(|x| &x.goals).collect();
            eprintln!(
                "ok: {} priorities, {} goals, {} objectives, {} measures",
                p.priorities.len(),
                goals.len(),
                goals.iter().map(|g| g.objectives.len()).sum::<usize>(),
                p.measures().count(),
            );
            0
        }
        _ => 1,
    }
}
