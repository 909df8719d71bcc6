//! The plan-wide fields (title, version, status, date, period, vision, mission, approval,
//! principles, the SWOT lists) and each working group's members, compared as text.

use super::FieldChange;
use crate::format;
use crate::model::{Language, Plan};

pub(super) fn compare_plan(old: &Plan, new: &Plan, language: Language) -> Vec<FieldChange> {
    let (o, n) = (&old.meta, &new.meta);
    let status = |s: crate::model::Status| format!("{s:?}").to_lowercase();
    // The approval as far as it is known: body, date, decision number.
    let approval = |a: &Option<crate::model::Approval>| {
        a.as_ref().map_or_else(String::new, |a| {
            let date = a.date.map(|d| format::date(d, language));
            [Some(a.body.clone()), date, a.decision.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let fields = [
        ("title", o.title.clone(), n.title.clone()),
        ("version", o.version.clone(), n.version.clone()),
        ("status", status(o.status), status(n.status)),
        (
            "date",
            format::date(o.date, language),
            format::date(n.date, language),
        ),
        (
            "period",
            format::years(o.period.0, o.period.1),
            format::years(n.period.0, n.period.1),
        ),
        (
            "vision",
            old.vision.statement.clone(),
            new.vision.statement.clone(),
        ),
        (
            "mission",
            old.vision.mission.clone().unwrap_or_default(),
            new.vision.mission.clone().unwrap_or_default(),
        ),
        ("approval", approval(&o.approval), approval(&n.approval)),
    ];
    let principles = |plan: &Plan| {
        let names: Vec<&str> = plan.principles.iter().map(|p| p.name.as_str()).collect();
        names.join("; ")
    };
    // Each SWOT list as "S1 text; S2 text" (codes as the documents show them).
    let swot = |plan: &Plan| -> Vec<String> {
        let Some(swot) = &plan.swot else {
            return vec![String::new(); 4];
        };
        let list = |(quadrant, items): &(&str, &[crate::model::SwotItem])| {
            let items: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    let code = crate::number::swot_code(plan.meta.language, quadrant, n + 1);
                    format!("{code} {}", item.text.markdown.trim())
                })
                .collect();
            items.join("; ")
        };
        swot.quadrants().iter().map(list).collect()
    };
    let quadrants = ["strengths", "weaknesses", "opportunities", "threats"]
        .into_iter()
        .zip(swot(old))
        .zip(swot(new))
        .map(|((key, before), after)| (key, before, after));
    let mut changes: Vec<FieldChange> = fields
        .into_iter()
        .chain([("principles", principles(old), principles(new))])
        .chain(quadrants)
        .filter(|(_, a, b)| a != b)
        .map(|(field, old, new)| FieldChange { field, old, new })
        .collect();
    changes.extend(compare_members(old, new));
    changes.extend(compare_scenarios(old, new, language));
    changes
}

/// The word marking the chosen scenario.
#[derive(serde::Deserialize)]
struct Chosen {
    #[serde(rename = "scenario-chosen")]
    word: String,
}

/// One change per scenario that changed, was added or removed: the scenario before and
/// after, "Name (chosen). Assumptions. indicator 2030: 52; …".
fn compare_scenarios(old: &Plan, new: &Plan, language: Language) -> Vec<FieldChange> {
    static CELLS: [std::sync::OnceLock<Chosen>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    let chosen = &crate::words::once(&CELLS, language).word;
    let told = |plan: &Plan, id: &str| {
        let Some(s) = plan.scenarios.iter().find(|s| s.id == id) else {
            return String::new();
        };
        let mark = if s.chosen {
            format!(" ({chosen})")
        } else {
            String::new()
        };
        let assumptions = s.assumptions.as_ref().map_or(String::new(), |a| {
            format!(
                " {}",
                a.markdown.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        });
        let projections: Vec<String> = s
            .projections
            .iter()
            .map(|p| {
                let values: Vec<String> = p
                    .values
                    .iter()
                    .map(|(year, v, _)| format!("{year}: {}", format::value(*v, language)))
                    .collect();
                format!("{} {}", p.indicator, values.join(", "))
            })
            .collect();
        format!("{}{mark}.{assumptions} {}", s.name, projections.join("; "))
    };
    let mut ids: Vec<&str> = new.scenarios.iter().map(|s| s.id.as_str()).collect();
    ids.extend(
        old.scenarios
            .iter()
            .map(|s| s.id.as_str())
            .filter(|id| !new.scenarios.iter().any(|s| s.id == *id)),
    );
    ids.into_iter()
        .map(|id| (told(old, id), told(new, id)))
        .filter(|(before, after)| before != after)
        .map(|(old, new)| FieldChange {
            field: "scenarios",
            old,
            new,
        })
        .collect()
}

/// One change per working group whose members changed: the group's members before and
/// after, "Name (role, institution); …".
fn compare_members(old: &Plan, new: &Plan) -> Vec<FieldChange> {
    let listed = |plan: &Plan, group: &str| {
        let members = plan.members.get(group).map_or(&[][..], Vec::as_slice);
        members
            .iter()
            .map(|m| {
                let about: Vec<&str> = [&m.role, &m.institution]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                if about.is_empty() {
                    m.name.clone()
                } else {
                    format!("{} ({})", m.name, about.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let groups: Vec<(&str, &str)> = new
        .groups
        .iter()
        .chain(&old.groups)
        .map(|g| (g.id.as_str(), g.name.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    groups
        .into_iter()
        .filter(|(id, _)| seen.insert(*id))
        .filter_map(|(id, name)| {
            let (before, after) = (listed(old, id), listed(new, id));
            (before != after).then(|| FieldChange {
                field: "members",
                old: if before.is_empty() {
                    before
                } else {
                    format!("{name}: {before}")
                },
                new: if after.is_empty() {
                    after
                } else {
                    format!("{name}: {after}")
                },
            })
        })
        .collect()
}
