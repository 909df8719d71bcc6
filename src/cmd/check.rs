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
            let count = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            eprintln!(
                "ok: {}, {}, {}, {}",
                count(p.priorities.len(), "priority", "priorities"),
                count(goals.len(), "goal", "goals"),
                count(
                    goals.iter().map(|g| g.objectives.len()).sum::<usize>(),
                    "objective",
                    "objectives"
                ),
                count(p.measures().count(), "measure", "measures"),
            );
            0
        }
        _ => diags.exit_status(args.deny_warnings).max(1),
    }
}
