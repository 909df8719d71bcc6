//! What `@scenarios` shows: each development scenario with its assumptions, and for every
//! indicator a scenario projects, the projections side by side with the plan's targets.

use serde::Serialize;

use super::{Baseline, Cell, Text};
use crate::format;
use crate::model::{Indicator, Plan};
use crate::number::Numbers;
use crate::understand::text_key;

/// The scenarios of `analysis.toml`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Scenarios {
    /// In the order written.
    pub list: Vec<Scenario>,
    /// The indicators any scenario projects, in the plan's order of indicators.
    pub indicators: Vec<Projected>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Scenario {
    pub id: String,
    pub name: Text,
    /// The plan follows it.
    pub chosen: bool,
    /// The key of its assumptions among the texts; `none` without them.
    pub assumptions: Option<String>,
}

/// One indicator's projections.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Projected {
    pub code: Text,
    pub name: Text,
    pub unit: Option<Text>,
    pub baseline: Option<Baseline>,
    /// The years a scenario projects or the plan has a target for, in order.
    pub years: Vec<i32>,
    /// Per year: the plan's target, or `none`.
    pub targets: Vec<Option<Cell>>,
    /// Per scenario (in [`Scenarios::list`]'s order), per year: its projection, or `none`.
    pub values: Vec<Vec<Option<Cell>>>,
}

/// The scenarios of the plan; `none` when it describes none.
pub(crate) fn scenarios(plan: &Plan, numbers: &Numbers) -> Option<Scenarios> {
    if plan.scenarios.is_empty() {
        return None;
    }
    let lang = plan.meta.language;
    let list = plan
        .scenarios
        .iter()
        .map(|s| Scenario {
            id: s.id.clone(),
            name: s.name.as_str().into(),
            chosen: s.chosen,
            assumptions: s.assumptions.as_ref().map(|_| text_key("scenario", &s.id)),
        })
        .collect();
    let indicators = plan
        .indicators()
        .map(|owned| owned.indicator)
        .filter_map(|i| projected(plan, i, numbers, lang))
        .collect();
    Some(Scenarios { list, indicators })
}

/// What the scenarios project for `i`; `None` when none projects it.
fn projected(
    plan: &Plan,
    i: &Indicator,
    numbers: &Numbers,
    lang: crate::model::Language,
) -> Option<Projected> {
    let series: Vec<Option<&crate::model::Projection>> = plan
        .scenarios
        .iter()
        .map(|s| s.projections.iter().find(|p| p.indicator == i.id))
        .collect();
    if series.iter().all(Option::is_none) {
        return None;
    }
    let projected = series.iter().flatten().flat_map(|p| &p.values);
    let mut years: Vec<i32> = projected
        .clone()
        .map(|(year, ..)| *year)
        .chain(i.targets.iter().map(|(year, _)| *year))
        .collect();
    years.sort_unstable();
    years.dedup();
    // One number of decimals for all of an indicator's values, as its own tables show them.
    let places = i
        .baseline
        .map(|(_, v)| v)
        .into_iter()
        .chain(i.targets.iter().map(|(_, v)| *v))
        .chain(projected.map(|(_, v, _)| *v))
        .map(format::decimals)
        .max()
        .unwrap_or(0);
    let cell = |v: f64| Cell::new(v, format::number(v, places, lang));
    let at = |values: &[(i32, f64)], year: i32| {
        values
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, v)| cell(*v))
    };
    Some(Projected {
        code: numbers.of(&i.id).into(),
        name: i.name.as_str().into(),
        unit: (!i.unit.trim().is_empty()).then(|| i.unit.as_str().into()),
        baseline: i.baseline.map(|(year, value)| Baseline {
            year,
            value,
            text: format::number(value, places, lang).into(),
        }),
        targets: years.iter().map(|&y| at(&i.targets, y)).collect(),
        values: series
            .iter()
            .map(|p| {
                let values: Vec<(i32, f64)> = p
                    .map(|p| p.values.iter().map(|(y, v, _)| (*y, *v)).collect())
                    .unwrap_or_default();
                years.iter().map(|&y| at(&values, y)).collect()
            })
            .collect(),
        years,
    })
}
