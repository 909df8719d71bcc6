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
    /// The projections as a line chart (`data-charts.typ` draws it): one line per
    /// scenario and one of the targets, each from the baseline.
    pub chart: LineChart,
    /// What screen readers speak of the chart: every value of every line, by year.
    pub alt: String,
}

/// A line chart in the shape `chart-drawing` of `data-charts.typ` takes: years along, a
/// value axis worked out as for a dataset's lines.
#[derive(Serialize)]
pub(crate) struct LineChart {
    kind: &'static str,
    horizontal: bool,
    categories: Vec<String>,
    series: Vec<Line>,
    axis: ChartAxis,
    unit: Option<String>,
}

#[derive(Serialize)]
struct Line {
    name: Text,
    /// Per category: the value and its text, or `none`.
    values: Vec<Option<(f64, Text)>>,
}

#[derive(Serialize)]
struct ChartAxis {
    low: f64,
    high: f64,
    ticks: Vec<(f64, String)>,
    broken: bool,
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
    let targets: Vec<Option<Cell>> = years.iter().map(|&y| at(&i.targets, y)).collect();
    let values: Vec<Vec<Option<Cell>>> = series
        .iter()
        .map(|p| {
            let values: Vec<(i32, f64)> = p
                .map(|p| p.values.iter().map(|(y, v, _)| (*y, *v)).collect())
                .unwrap_or_default();
            years.iter().map(|&y| at(&values, y)).collect()
        })
        .collect();
    let mut names: Vec<String> = plan.scenarios.iter().map(|s| s.name.clone()).collect();
    names.push(Words::of(lang).target.clone());
    let lines: Vec<&Vec<Option<Cell>>> = values.iter().chain([&targets]).collect();
    let (chart, alt) = line_chart(i, &years, &names, &lines, places, lang);
    Some(Projected {
        code: numbers.of(&i.id).into(),
        name: i.name.as_str().into(),
        unit: (!i.unit.trim().is_empty()).then(|| i.unit.as_str().into()),
        baseline: i.baseline.map(|(year, value)| Baseline {
            year,
            value,
            text: format::number(value, places, lang).into(),
        }),
        targets,
        values,
        years,
        chart,
        alt,
    })
}

/// The words of the chart.
#[derive(serde::Deserialize)]
struct Words {
    #[serde(rename = "scenario-target")]
    target: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// The lines of `names` (the scenarios', then the targets') over the baseline's year and
/// `years`, each starting at the baseline; and the alternative text stating every value.
fn line_chart(
    i: &Indicator,
    years: &[i32],
    names: &[String],
    lines: &[&Vec<Option<Cell>>],
    places: usize,
    lang: crate::model::Language,
) -> (LineChart, String) {
    let shown = |v: f64| format::number(v, places, lang);
    let baseline = i
        .baseline
        .filter(|(year, _)| years.first().is_none_or(|y| year < y));
    let mut categories: Vec<String> = baseline.iter().map(|(y, _)| y.to_string()).collect();
    categories.extend(years.iter().map(i32::to_string));
    let series: Vec<Line> = names
        .iter()
        .zip(lines)
        .map(|(name, cells)| {
            let start = baseline.map(|(_, v)| Some((v, Text::from(shown(v).as_str()))));
            let values = start
                .into_iter()
                .chain(
                    cells
                        .iter()
                        .map(|c| c.as_ref().map(|c| (c.value, c.text.clone()))),
                )
                .collect();
            Line {
                name: name.as_str().into(),
                values,
            }
        })
        .collect();
    let all = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().map(|(v, _)| *v));
    let (least, most) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, m), v| {
        (l.min(v), m.max(v))
    });
    let axis = crate::understand::for_lines(least, most, false, lang);
    let alt = series
        .iter()
        .map(|s| {
            let values: Vec<String> = categories
                .iter()
                .zip(&s.values)
                .filter_map(|(year, v)| v.as_ref().map(|(_, text)| format!("{year} {text}")))
                .collect();
            format!("{}: {}", s.name, values.join("; "))
        })
        .collect::<Vec<_>>()
        .join(". ");
    let chart = LineChart {
        kind: "lines",
        horizontal: false,
        categories,
        series,
        axis: ChartAxis {
            low: axis.low,
            high: axis.high,
            ticks: axis
                .ticks
                .iter()
                .map(|t| (t.value, t.text.clone()))
                .collect(),
            broken: axis.broken,
        },
        unit: (!i.unit.trim().is_empty()).then(|| i.unit.clone()),
    };
    (chart, alt)
}
