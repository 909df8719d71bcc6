//! Checks a careful reviewer makes on the whole plan once it is assembled: registry entries
//! nobody uses, indicators whose targets go the wrong way or are missing, measures without
//! a period. Checks on single values happen while the plan is built.

use std::collections::HashSet;

use crate::diag::{Diagnostic, Diagnostics};

use super::{Direction, Indicator, Plan};

/// Runs every whole-plan check.
pub fn check_plan(plan: &Plan, diags: &mut Diagnostics) {
    // With items missing because of errors, "unused" would only repeat those errors.
    if plan.gaps.ids.is_empty() && !plan.gaps.unreadable {
        unused_entries(plan, diags);
    }
    let goals = plan.priorities.iter().flat_map(|p| &p.goals);
    let indicators = goals.flat_map(|g| {
        g.indicators.iter().chain(g.objectives.iter().flat_map(|o| {
            o.indicators
                .iter()
                .chain(o.measures.iter().flat_map(|m| &m.indicators))
        }))
    });
    for indicator in indicators {
        check_indicator(indicator, diags);
    }
}

/// Sources, institutions, groups and higher-level goals that nothing refers to.
fn unused_entries(plan: &Plan, diags: &mut Diagnostics) {
    let mut sources = HashSet::new();
    let mut institutions = HashSet::new();
    let mut groups = HashSet::new();
    for (_, _, _, m) in plan.measures() {
        sources.extend(m.funding.iter().map(|f| f.source.as_str()));
        institutions.extend(m.responsible.iter().chain(&m.partners).map(String::as_str));
        groups.extend(m.group.as_deref());
    }
    let registries = [
        ("source", &plan.sources, &sources),
        ("institution", &plan.institutions, &institutions),
        ("working group", &plan.groups, &groups),
    ];
    for (what, entries, used) in registries {
        for entry in entries.iter().filter(|e| !used.contains(e.id.as_str())) {
            diags.push(
                Diagnostic::warning(format!("{what} `{}` is defined but no measure uses it", entry.id))
.code("unused")
                    .at(entry.span.clone())
                    .hint(format!("remove it, or name it in a measure; an unused {what} is usually a leftover or a typo elsewhere")),
            );
        }
    }
    let contributes = |id: &str| {
        plan.priorities.iter().flat_map(|p| &p.goals).any(|g| {
            g.contributes.iter().any(|c| c == id)
                || g.objectives.iter().any(|o| {
                    o.contributes.iter().any(|c| c == id)
                        || o.measures
                            .iter()
                            .any(|m| m.contributes.iter().any(|c| c == id))
                })
        })
    };
    for higher in plan.higher_goals.iter().filter(|h| !contributes(&h.id)) {
        diags.push(
            Diagnostic::warning(format!(
                "higher-level goal `{}` is defined but nothing contributes to it",
                higher.id
            ))
            .code("unused")
            .at(higher.span.clone())
            .hint("add its id to a goal's or measure's `contributes`, or remove it"),
        );
    }
}

/// An indicator's targets: present, and moving the way that is better.
fn check_indicator(indicator: &Indicator, diags: &mut Diagnostics) {
    if indicator.targets.is_empty() {
        diags.push(
            Diagnostic::warning(format!("indicator `{}` has no targets", indicator.id))
                .code("no-targets")
                .at(indicator.span.clone())
                .hint("add e.g. `targets = { 2024 = 20, 2030 = 45 }` for the milestone years"),
        );
        return;
    }
    let Some((_, baseline)) = indicator.baseline else {
        return;
    };
    let wrong_way = indicator
        .targets
        .iter()
        .find(|(_, target)| match indicator.direction {
            Direction::Up => *target < baseline,
            Direction::Down => *target > baseline,
        });
    if let Some((year, target)) = wrong_way {
        let (better, moves) = match indicator.direction {
            Direction::Up => ("higher", "falls below"),
            Direction::Down => ("lower", "rises above"),
        };
        diags.push(
            Diagnostic::warning(format!(
                "indicator `{}`: the {year} target {target} {moves} the baseline {baseline}, though {better} is better",
                indicator.id
            ))
.code("wrong-direction")
            .at(indicator.span.clone())
            .hint("check the target, or set `direction = \"up\"` or `\"down\"` to say which way is better"),
        );
    }
}
