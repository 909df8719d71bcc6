//! The two tables CSV and XLSX share: the action plan (one row per measure) and the
//! indicators (one row per indicator), with headers in the plan's language. Cells keep
//! their kind (text, year, amount, value), so each format writes numbers as numbers.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::format;
use crate::ledger::Sums;
use crate::model::{Direction, Language, Money};
use crate::words::{self, Phrase};

use super::{Export, last_target};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A year.
    Year(i32),
    /// An amount in the plan's money unit, shown with the plan's decimals.
    Money(Money),
    /// A baseline or target, shown as written.
    Value(f64),
    Empty,
}

/// A table: a sheet of the workbook or one CSV file.
#[derive(Debug)]
pub struct Table {
    /// The sheet name, in the plan's language.
    pub sheet: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Indices into `rows` of the subtotal and total rows, which the workbook sets in bold.
    pub subtotals: Vec<usize>,
}

/// Header and cell labels in one language, from its word list.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Labels {
    action_plan: String,
    #[serde(rename = "indicators-short")]
    indicators: String,
    priority_no: String,
    #[serde(rename = "priority-column")]
    priority: String,
    goal_no: String,
    #[serde(rename = "goal-column")]
    goal: String,
    objective_no: String,
    #[serde(rename = "objective-column")]
    objective: String,
    measure_no: String,
    measure: String,
    measure_id: String,
    responsible: String,
    responsible_names: String,
    partners: String,
    partner_names: String,
    group: String,
    #[serde(rename = "start-year")]
    start: String,
    #[serde(rename = "end-year")]
    end: String,
    total: String,
    product_indicators: String,
    plan_links: String,
    investment_project: String,
    yes: String,
    no: String,
    level: String,
    /// By level name (`vision` … `product`).
    levels: BTreeMap<String, String>,
    code: String,
    indicator: String,
    unit: String,
    baseline: String,
    baseline_year: String,
    #[serde(rename = "year-target")]
    target: Phrase,
    data_source: String,
    direction: String,
    /// By direction (`up`, `down`).
    directions: BTreeMap<String, String>,
    item_no: String,
    #[serde(rename = "item-of-indicator")]
    item: String,
    indicator_id: String,
    #[serde(rename = "year-actual")]
    actual: Phrase,
    #[serde(rename = "year-status")]
    status: Phrase,
    #[serde(rename = "year-spent")]
    spent: Phrase,
    /// "MB 2026 (EUR thousand)": a source's amount in a year.
    year_source: Phrase,
    /// "Total 2026 (EUR thousand)".
    year_total: Phrase,
    funding_by_year: String,
    number: String,
    title_column: String,
    plan_total: String,
}

impl Labels {
    pub(crate) fn of(language: Language) -> &'static Labels {
        static CELLS: [OnceLock<Labels>; 2] = [OnceLock::new(), OnceLock::new()];
        words::once(&CELLS, language)
    }
}

/// The action plan and the indicator table.
pub fn tables(export: &Export) -> [Table; 2] {
    [action_plan(export), indicators(export)]
}

/// One row per measure, in plan order.
fn action_plan(export: &Export) -> Table {
    let plan = export.plan;
    let language = plan.meta.language;
    let l = Labels::of(language);
    let unit = &plan.meta.money_unit;
    let mut header: Vec<String> = [
        &l.priority_no,
        &l.priority,
        &l.goal_no,
        &l.goal,
        &l.objective_no,
        &l.objective,
        &l.measure_no,
        &l.measure,
        &l.measure_id,
        &l.code,
        &l.responsible,
        &l.responsible_names,
        &l.partners,
        &l.partner_names,
        &l.group,
        &l.start,
        &l.end,
    ]
    .map(String::clone)
    .to_vec();
    header.extend(plan.sources.iter().map(|s| format!("{} ({unit})", s.id)));
    header.push(format!("{} ({unit})", l.total));
    header.push(l.product_indicators.clone());
    header.push(l.plan_links.clone());
    header.push(l.investment_project.clone());
    // Each reported year's status and spending.
    let years: Vec<i32> = plan.monitoring.keys().copied().collect();
    let words = crate::collect::Words::of(language);
    for year in &years {
        header.push(l.status.year(*year));
        header.push(l.spent.fill(&[("year", year), ("unit", unit)]));
    }

    let text = |s: &str| Cell::Text(s.to_string());
    let rows = export
        .measures
        .iter()
        .map(|m| {
            let ids = |list: &[crate::view::Named]| {
                text(
                    &list
                        .iter()
                        .map(|n| n.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            };
            let names = |list: &[crate::view::Named]| {
                text(
                    &list
                        .iter()
                        .map(|n| n.name.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            };
            let year = |y: Option<i32>| y.map_or(Cell::Empty, Cell::Year);
            let mut row = vec![
                text(m.priority.number),
                text(m.priority.title),
                text(m.goal.number),
                text(m.goal.title),
                text(m.objective.number),
                text(m.objective.title),
                text(m.measure.number),
                text(m.measure.title),
                text(m.measure.id),
                m.code.map_or(Cell::Empty, text),
                ids(&m.responsible),
                names(&m.responsible),
                ids(&m.partners),
                names(&m.partners),
                m.group.as_ref().map_or(Cell::Empty, |g| text(&g.name)),
                year(m.period.map(|p| p.0)),
                year(m.period.map(|p| p.1)),
            ];
            row.extend(m.funding.by_source.iter().map(|a| Cell::Money(*a)));
            row.push(Cell::Money(m.funding.total));
            let indicators: Vec<String> = m
                .indicators
                .iter()
                .map(|i| {
                    let unit = i.unit.as_deref().unwrap_or_default();
                    let mut line = format!("{}: {}, {unit}", i.code, i.name);
                    if let Some((year, target)) = last_target(i, export.milestones()) {
                        line.push_str(&format!(" – {} ({year})", format::value(target, language)));
                    }
                    line
                })
                .collect();
            row.push(text(&indicators.join("; ")));
            row.push(text(&m.contributes.join(", ")));
            row.push(text(if m.investment_project { &l.yes } else { &l.no }));
            for year in &years {
                let status = plan.status_in(m.measure.id, *year);
                row.push(status.map_or(Cell::Empty, |(s, _)| text(words.status_label(s))));
                // Empty when the year's report says nothing of the measure.
                let reported = plan
                    .monitoring
                    .get(year)
                    .is_some_and(|r| r.measures.contains_key(m.measure.id));
                let spent = export.ledger.of(m.measure.id).spent_in(*year).total;
                row.push(if reported {
                    Cell::Money(spent)
                } else {
                    Cell::Empty
                });
            }
            row
        })
        .collect();
    Table {
        sheet: &l.action_plan,
        header,
        rows,
        subtotals: Vec::new(),
    }
}

/// One row per indicator: effect, then result, then product indicators.
fn indicators(export: &Export) -> Table {
    let l = Labels::of(export.plan.meta.language);
    let mut header: Vec<String> = [
        &l.level,
        &l.code,
        &l.indicator,
        &l.unit,
        &l.baseline,
        &l.baseline_year,
    ]
    .map(String::clone)
    .to_vec();
    header.extend(export.milestones().iter().map(|y| l.target.year(*y)));
    header.extend(
        [
            &l.data_source,
            &l.direction,
            &l.item_no,
            &l.item,
            &l.indicator_id,
        ]
        .map(String::clone),
    );
    let plan = export.plan;
    header.extend(plan.monitoring.keys().map(|y| l.actual.year(*y)));

    let text = |s: &str| Cell::Text(s.to_string());
    let rows = export
        .indicators
        .iter()
        .map(|i| {
            let d = &i.data;
            let level = l.levels.get(i.level.name()).map_or("", String::as_str);
            let direction = match d.direction {
                Direction::Up => "up",
                Direction::Down => "down",
                Direction::Maintain => "maintain",
            };
            let direction = l.directions.get(direction).map_or("", String::as_str);
            let mut row = vec![
                text(level),
                text(&d.code),
                text(&d.name),
                text(d.unit.as_deref().unwrap_or_default()),
                d.baseline
                    .as_ref()
                    .map_or(Cell::Empty, |b| Cell::Value(b.value)),
                d.baseline
                    .as_ref()
                    .map_or(Cell::Empty, |b| Cell::Year(b.year)),
            ];
            let target = |t: &Option<crate::view::Cell>| t.as_ref().map(|t| t.value);
            row.extend(
                d.targets
                    .iter()
                    .map(|t| target(t).map_or(Cell::Empty, Cell::Value)),
            );
            row.extend([
                d.source.as_deref().map_or(Cell::Empty, text),
                text(direction),
                text(i.item.number),
                text(i.item.title),
                text(&d.id),
            ]);
            row.extend(
                plan.monitoring
                    .keys()
                    .map(|y| plan.actual_in(&d.id, *y).map_or(Cell::Empty, Cell::Value)),
            );
            row
        })
        .collect();
    Table {
        sheet: &l.indicators,
        header,
        rows,
        subtotals: Vec::new(),
    }
}

/// The headers of the per-year columns: each funded year's sources, then its total.
fn year_header(export: &Export, l: &Labels) -> Vec<String> {
    let unit = &export.plan.meta.money_unit;
    export
        .years
        .iter()
        .flat_map(|year| {
            let sources = export.plan.sources.iter().map(move |s| {
                l.year_source
                    .fill(&[("source", &s.id), ("year", year), ("unit", unit)])
            });
            sources.chain(std::iter::once(
                l.year_total.fill(&[("year", year), ("unit", unit)]),
            ))
        })
        .collect()
}

/// The per-year cells of a measure or of what an item holds, under [`year_header`].
fn year_cells(export: &Export, sums: &Sums) -> Vec<Cell> {
    export
        .years
        .iter()
        .flat_map(|year| {
            let planned = sums.planned_in(*year);
            planned
                .by_source
                .iter()
                .map(|a| Cell::Money(*a))
                .chain(std::iter::once(Cell::Money(planned.total)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The action plan with each measure's funding per source and year after its other columns
/// (the CSV's, where no second sheet can hold them).
pub fn with_years(mut actions: Table, export: &Export) -> Table {
    let l = Labels::of(export.plan.meta.language);
    actions.header.extend(year_header(export, l));
    for (row, m) in actions.rows.iter_mut().zip(&export.measures) {
        row.extend(year_cells(export, export.ledger.of(m.measure.id)));
    }
    actions
}

/// Funding per year and source for every measure, under a subtotal row for each priority,
/// goal and objective, and the plan total last: amounts from the ledger, as the PDF's
/// funding tables print them (values, not formulas).
pub fn funding_by_year(export: &Export) -> Table {
    let plan = export.plan;
    let l = Labels::of(plan.meta.language);
    let unit = &plan.meta.money_unit;
    let mut header: Vec<String> = [&l.number, &l.level, &l.title_column, &l.measure_id]
        .map(String::clone)
        .to_vec();
    header.extend(year_header(export, l));
    header.extend(plan.sources.iter().map(|s| format!("{} ({unit})", s.id)));
    header.push(format!("{} ({unit})", l.total));

    let text = |s: &str| Cell::Text(s.to_string());
    let row = |number: Cell, level: Cell, title: &str, id: Cell, sums: &Sums| {
        let mut row = vec![number, level, text(title), id];
        row.extend(year_cells(export, sums));
        row.extend(sums.funding.by_source.iter().map(|a| Cell::Money(*a)));
        row.push(Cell::Money(sums.funding.total));
        row
    };
    let mut rows = Vec::new();
    let mut subtotals = Vec::new();
    let mut above: [Option<&str>; 3] = [None; 3];
    for m in &export.measures {
        let levels = [
            (m.priority, &l.priority),
            (m.goal, &l.goal),
            (m.objective, &l.objective),
        ];
        for (depth, (item, level)) in levels.into_iter().enumerate() {
            if above[depth] != Some(item.id) {
                above[depth] = Some(item.id);
                // A new item resets what is below it.
                for below in above.iter_mut().skip(depth + 1) {
                    *below = None;
                }
                subtotals.push(rows.len());
                rows.push(row(
                    text(item.number),
                    text(level),
                    item.title,
                    Cell::Empty,
                    export.ledger.of(item.id),
                ));
            }
        }
        rows.push(row(
            text(m.measure.number),
            text(&l.measure),
            m.measure.title,
            text(m.measure.id),
            export.ledger.of(m.measure.id),
        ));
    }
    subtotals.push(rows.len());
    rows.push(row(
        Cell::Empty,
        Cell::Empty,
        &l.plan_total,
        Cell::Empty,
        export.ledger.plan(),
    ));
    Table {
        sheet: &l.funding_by_year,
        header,
        rows,
        subtotals,
    }
}
