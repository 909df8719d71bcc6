//! The titles, names and amounts the generated parts write, each with the one earlier
//! text it replaced, where that is unambiguous.

use std::collections::HashMap;

use crate::diff::{Change, FundingChange, IndicatorField, PlanDiff, SourceChange};
use crate::ledger::{Ledger, Totals};
use crate::model::Plan;

/// How many times each amount is the plan's: its total and each source's, every item's and
/// the whole plan's, as written.
pub(super) fn amounts(plan: &Plan, ledger: &Ledger) -> HashMap<String, usize> {
    let format = ledger.format();
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut add = |totals: &Totals| {
        let by_source = ledger.by_source_id(totals).into_values();
        for money in std::iter::once(totals.total).chain(by_source) {
            *count.entry(format.text(money)).or_default() += 1;
        }
    };
    add(&ledger.plan().funding);
    for p in &plan.priorities {
        add(&ledger.of(&p.id).funding);
        for g in &p.goals {
            add(&ledger.of(&g.id).funding);
            for o in &g.objectives {
                add(&ledger.of(&o.id).funding);
                for m in &o.measures {
                    add(&ledger.of(&m.id).funding);
                }
            }
        }
    }
    count
}

/// The texts titles, names and amounts were changed to, each with the one text it
/// replaced; a text changed from two different ones, one that is also a replaced text
/// elsewhere, or an amount the plan has more often than it changed to it (`amounts`) is
/// left out: which earlier text a table's cell held is not known.
pub(super) fn replaced_texts(
    diff: &PlanDiff,
    amounts: &HashMap<String, usize>,
) -> HashMap<String, String> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    // The vision's statement and the mission, as the vision part writes them.
    for field in &diff.plan {
        if matches!(field.field, "vision" | "mission") {
            pairs.push((&field.old, &field.new));
        }
    }
    for item in &diff.items {
        for change in &item.changes {
            if let Change::Title { old, new, .. } = change {
                pairs.push((old, new));
            }
        }
    }
    for indicator in &diff.indicators {
        for change in &indicator.changes {
            if let IndicatorField::Name { old, new } | IndicatorField::Unit { old, new } = change {
                pairs.push((old, new));
            }
        }
    }
    let mut money: Vec<(&str, &str)> = Vec::new();
    for FundingChange {
        old_total,
        new_total,
        sources,
        ..
    } in &diff.funding
    {
        money.push((&old_total.text, &new_total.text));
        for SourceChange { old, new, .. } in sources {
            money.push((&old.text, &new.text));
        }
    }
    // An amount the plan has elsewhere too, unchanged, is not this change's.
    let mut changed_to: HashMap<&str, usize> = HashMap::new();
    for (_, new) in &money {
        *changed_to.entry(new).or_default() += 1;
    }
    let written_elsewhere =
        |new: &str| amounts.get(new).copied().unwrap_or_default() > changed_to[new];
    let mut dropped: Vec<&str> = Vec::new();
    for (old, new) in money {
        if written_elsewhere(new) {
            dropped.push(new);
        } else {
            pairs.push((old, new));
        }
    }
    let mut found: HashMap<String, Option<String>> = HashMap::new();
    for (old, new) in &pairs {
        if old == new {
            continue;
        }
        found
            .entry((*new).to_string())
            .and_modify(|o| {
                if o.as_deref() != Some(*old) {
                    *o = None;
                }
            })
            .or_insert_with(|| Some((*old).to_string()));
    }
    let mut replaced: std::collections::HashSet<&str> = pairs.iter().map(|(old, _)| *old).collect();
    replaced.extend(dropped);
    found
        .into_iter()
        .filter(|(new, _)| !replaced.contains(new.as_str()))
        .filter_map(|(new, old)| Some((new, old?)))
        .collect()
}
