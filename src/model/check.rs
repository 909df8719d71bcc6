//! Checks a careful reviewer makes on the whole plan once it is assembled: registry entries
//! nobody uses, indicators whose targets go the wrong way or are missing, measures without
//! a period. Checks on single values happen while the plan is built.

use std::collections::HashSet;

use crate::diag::{Diagnostic, Diagnostics};

use super::{CodeStyle, Direction, Indicator, Money, Need, Plan};
use crate::number::Numbers;

/// Runs every whole-plan check; `numbers` are the plan's, as the documents show them.
pub fn check_plan(plan: &Plan, numbers: &Numbers, diags: &mut Diagnostics) {
    // With items missing because of errors, "unused" would only repeat those errors.
    if plan.gaps.ids.is_empty() && !plan.gaps.unreadable {
        unused_entries(plan, diags);
    }
    for owned in plan.indicators() {
        check_indicator(owned.indicator, diags);
    }
    needs(plan, diags);
    if plan.numbering.codes == CodeStyle::Instead {
        shown_codes(plan, numbers, diags);
    }
}

/// Indicative needs against what is below them: the measures' funding once they are
/// costed, and the needs of the items they hold.
fn needs(plan: &Plan, diags: &mut Diagnostics) {
    let unit = &plan.meta.money_unit;
    let shown = |m: Money| {
        format!(
            "{} {unit}",
            crate::format::money(m, m.decimals(), super::Language::En)
        )
    };
    let mut check = |what: String,
                     need: &Option<Need>,
                     measures: Money,
                     below: Vec<Option<Money>>| {
        let Some(need) = need else { return };
        let given: Money = below.iter().flatten().copied().sum();
        let all = !below.is_empty() && below.iter().all(Option::is_some);
        // The measures' sum once they are costed, else the needs of what it holds.
        let (what_below, sum, hint) = if measures.0 != 0 {
            if measures == need.money {
                return;
            }
            (
                "its measures are costed at",
                measures,
                "once the measures are costed, make the need their sum, or leave `need` out: the tables then show the measures' sums",
            )
        } else if (all && given != need.money) || given > need.money {
            (
                "the needs under it add up to",
                given,
                "the needs of the items it holds are parts of its need; correct one of them",
            )
        } else {
            return;
        };
        diags.push(
            Diagnostic::warning(format!(
                "the indicative need of {what} is {}, but {what_below} {}",
                shown(need.money),
                shown(sum)
            ))
            .code("need-mismatch")
            .at(need.span.clone())
            .hint(hint),
        );
    };
    let need_of = |need: &Option<Need>| need.as_ref().map(|n| n.money);
    for p in &plan.priorities {
        let below = p.goals.iter().map(|g| need_of(&g.need)).collect();
        check(
            format!("priority `{}`", p.id),
            &p.need,
            plan.sum(p.measures()).total,
            below,
        );
        for g in &p.goals {
            let below = g.objectives.iter().map(|o| need_of(&o.need)).collect();
            check(
                format!("goal `{}`", g.id),
                &g.need,
                plan.sum(g.measures()).total,
                below,
            );
            for o in &g.objectives {
                check(
                    format!("objective `{}`", o.id),
                    &o.need,
                    plan.sum(o.measures.iter()).total,
                    Vec::new(),
                );
            }
        }
    }
}

/// With codes instead of numbers, what the documents show must still name one item each: a
/// code may not be the number from order of another item ("1.2").
fn shown_codes(plan: &Plan, numbers: &Numbers, diags: &mut Diagnostics) {
    let mut seen = std::collections::HashMap::new();
    for item in plan.items() {
        let (id, code) = (item.id, item.code);
        let shown = numbers.of(id);
        if let Some((other, other_code)) = seen.insert(shown, (id, code)) {
            // Reported at the code, whichever of the two has it.
            let (code, other) = match code {
                Some(code) => (code, other),
                None => match other_code {
                    Some(code) => (code, id),
                    None => continue,
                },
            };
            diags.push(
                Diagnostic::error(format!("the code `{shown}` is also the number of `{other}`"))
                    .code("duplicate-code")
                    .at(code.span.clone())
                    .hint("with `codes = \"instead\"` a code takes the place of the number, so it must differ from every number shown; give the other item a code too, or change this one"),
            );
        }
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
    let contributes = |id: &str| plan.items().any(|t| t.contributes.iter().any(|c| c == id));
    let serves = |id: &str| plan.items().any(|t| t.principles.iter().any(|c| c == id));
    let principles = plan.principles.iter();
    let unused =
        principles.filter(|p| !plan.gaps.unresolved.contains("principle") && !serves(&p.id));
    for principle in unused {
        diags.push(
            Diagnostic::warning(format!(
                "principle `{}` is defined but no goal, objective or measure serves it",
                principle.id
            ))
            .code("unused")
            .at(principle.span.clone())
            .hint("add its id to the `principles` of the items that serve it, or remove it"),
        );
    }
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
