//! What makes the action plan stand on its own as an annex: which optional columns it
//! shows, and the key to the abbreviations its table uses (sources, institutions and the
//! higher-level goals), so a reader of the annex alone needs no other page.

use serde::Serialize;

use super::{Named, Priority};
use crate::model::Plan;

/// The action plan's optional columns and its key.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct ActionPlan {
    /// Whether some measure of the plan names a higher-level goal (`contributes`): the
    /// column of links to the national or regional plan is shown.
    pub links: bool,
    /// Whether some measure of the plan is an investment project: its column is shown.
    pub investment: bool,
    /// Every abbreviation the table shows (the funding sources of its header, the
    /// institutions and higher-level goals of its rows) with its meaning, in Lithuanian
    /// alphabetical order.
    pub key: Vec<Named>,
}

/// The action plan of `priorities` (all of the plan, or a review pack's rows). The columns
/// follow the whole plan, so a pack's table has the plan's columns; the key only what
/// this table shows.
pub(super) fn action_plan(plan: &Plan, priorities: &[Priority]) -> ActionPlan {
    let measures = || {
        priorities
            .iter()
            .flat_map(|p| &p.goals)
            .flat_map(|g| &g.objectives)
            .flat_map(|o| &o.measures)
    };
    let links = plan
        .measures()
        .any(|(_, _, _, m)| !m.contributes.is_empty());
    let investment = plan.measures().any(|(_, _, _, m)| m.investment_project);
    let mut key: Vec<Named> = plan
        .sources
        .iter()
        .map(super::build::entry)
        .chain(
            plan.institutions
                .iter()
                .filter(|i| {
                    measures().any(|m| {
                        m.responsible
                            .iter()
                            .chain(&m.partners)
                            .any(|r| r.id == i.id)
                    })
                })
                .map(super::build::entry),
        )
        .collect();
    if links {
        key.extend(
            plan.higher_goals
                .iter()
                .filter(|h| measures().any(|m| m.contributes.contains(&h.id)))
                .map(|h| Named {
                    id: h.id.clone(),
                    name: format!("{}: {}", h.document, h.title).as_str().into(),
                }),
        );
    }
    key.sort_by_key(|n| super::build::collation_key(&n.id));
    key.dedup_by(|a, b| a.id == b.id);
    ActionPlan {
        links,
        investment,
        key,
    }
}
