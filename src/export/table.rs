//! The two tables CSV and XLSX share: the action plan (one row per measure) and the
//! indicators (one row per indicator), with headers in the plan's language. Cells keep
//! their kind (text, year, amount, value), so each format writes numbers as numbers.

use crate::format;
use crate::model::{Direction, Language, Money};

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
}

/// Header and cell labels in one language.
struct Labels {
    action_plan: &'static str,
    indicators: &'static str,
    priority_no: &'static str,
    priority: &'static str,
    goal_no: &'static str,
    goal: &'static str,
    objective_no: &'static str,
    objective: &'static str,
    measure_no: &'static str,
    measure: &'static str,
    measure_id: &'static str,
    responsible: &'static str,
    responsible_names: &'static str,
    partners: &'static str,
    partner_names: &'static str,
    group: &'static str,
    start: &'static str,
    end: &'static str,
    total: &'static str,
    product_indicators: &'static str,
    level: &'static str,
    /// By level, from the vision down.
    levels: [&'static str; 5],
    code: &'static str,
    indicator: &'static str,
    unit: &'static str,
    baseline: &'static str,
    baseline_year: &'static str,
    target: fn(i32) -> String,
    data_source: &'static str,
    direction: &'static str,
    directions: [&'static str; 2],
    item_no: &'static str,
    item: &'static str,
    indicator_id: &'static str,
    actual: fn(i32) -> String,
    status: fn(i32) -> String,
    spent: fn(i32, &str) -> String,
}

const LT: Labels = Labels {
    action_plan: "Priemonių planas",
    indicators: "Rodikliai",
    priority_no: "Prioriteto Nr.",
    priority: "Prioritetas",
    goal_no: "Tikslo Nr.",
    goal: "Tikslas",
    objective_no: "Uždavinio Nr.",
    objective: "Uždavinys",
    measure_no: "Priemonės Nr.",
    measure: "Priemonė",
    measure_id: "Priemonės ID",
    responsible: "Vykdytojas",
    responsible_names: "Vykdytojo pavadinimas",
    partners: "Partneriai",
    partner_names: "Partnerių pavadinimai",
    group: "Darbo grupė",
    start: "Pradžios metai",
    end: "Pabaigos metai",
    total: "Iš viso",
    product_indicators: "Produkto rodikliai",
    level: "Lygmuo",
    levels: ["Vizijos", "Poveikio", "Efekto", "Rezultato", "Produkto"],
    code: "Kodas",
    indicator: "Rodiklis",
    unit: "Mato vnt.",
    baseline: "Pradinė reikšmė",
    baseline_year: "Pradinės reikšmės metai",
    target: |year| format!("Siektina reikšmė {year} m."),
    data_source: "Duomenų šaltinis",
    direction: "Siektina kryptis",
    directions: ["didėti", "mažėti"],
    item_no: "Tikslo, uždavinio ar priemonės Nr.",
    item: "Tikslas, uždavinys ar priemonė",
    indicator_id: "Rodiklio ID",
    actual: |year| format!("Faktinė reikšmė {year} m."),
    status: |year| format!("Būsena {year} m."),
    spent: |year, unit| format!("Panaudota {year} m. ({unit})"),
};

const EN: Labels = Labels {
    action_plan: "Action plan",
    indicators: "Indicators",
    priority_no: "Priority no.",
    priority: "Priority",
    goal_no: "Goal no.",
    goal: "Goal",
    objective_no: "Objective no.",
    objective: "Objective",
    measure_no: "Measure no.",
    measure: "Measure",
    measure_id: "Measure id",
    responsible: "Responsible",
    responsible_names: "Responsible (names)",
    partners: "Partners",
    partner_names: "Partners (names)",
    group: "Working group",
    start: "Start year",
    end: "End year",
    total: "Total",
    product_indicators: "Product indicators",
    level: "Level",
    levels: ["Vision", "Impact", "Effect", "Result", "Product"],
    code: "Code",
    indicator: "Indicator",
    unit: "Unit",
    baseline: "Baseline",
    baseline_year: "Baseline year",
    target: |year| format!("Target {year}"),
    data_source: "Data source",
    direction: "Direction",
    directions: ["up", "down"],
    item_no: "Goal, objective or measure no.",
    item: "Goal, objective or measure",
    indicator_id: "Indicator id",
    actual: |year| format!("Actual {year}"),
    status: |year| format!("Status {year}"),
    spent: |year, unit| format!("Spent {year} ({unit})"),
};

fn labels(language: Language) -> &'static Labels {
    match language {
        Language::Lt => &LT,
        Language::En => &EN,
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
    let l = labels(language);
    let unit = &plan.meta.money_unit;
    let mut header: Vec<String> = [
        l.priority_no,
        l.priority,
        l.goal_no,
        l.goal,
        l.objective_no,
        l.objective,
        l.measure_no,
        l.measure,
        l.measure_id,
        l.code,
        l.responsible,
        l.responsible_names,
        l.partners,
        l.partner_names,
        l.group,
        l.start,
        l.end,
    ]
    .map(String::from)
    .to_vec();
    header.extend(plan.sources.iter().map(|s| format!("{} ({unit})", s.id)));
    header.push(format!("{} ({unit})", l.total));
    header.push(l.product_indicators.into());
    // Each reported year's status and spending.
    let years: Vec<i32> = plan.monitoring.keys().copied().collect();
    let words = crate::collect::Words::of(language);
    for year in &years {
        header.push((l.status)(*year));
        header.push((l.spent)(*year, unit));
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
                    let mut line = format!("{}: {}, {}", i.code, i.name, i.unit);
                    if let Some((year, target)) = last_target(i, export.milestones()) {
                        line.push_str(&format!(" – {} ({year})", format::value(target, language)));
                    }
                    line
                })
                .collect();
            row.push(text(&indicators.join("; ")));
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
        sheet: l.action_plan,
        header,
        rows,
    }
}

/// One row per indicator: effect, then result, then product indicators.
fn indicators(export: &Export) -> Table {
    let l = labels(export.plan.meta.language);
    let mut header: Vec<String> = [
        l.level,
        l.code,
        l.indicator,
        l.unit,
        l.baseline,
        l.baseline_year,
    ]
    .map(String::from)
    .to_vec();
    header.extend(export.milestones().iter().map(|y| (l.target)(*y)));
    header.extend(
        [
            l.data_source,
            l.direction,
            l.item_no,
            l.item,
            l.indicator_id,
        ]
        .map(String::from),
    );
    let plan = export.plan;
    header.extend(plan.monitoring.keys().map(|y| (l.actual)(*y)));

    let text = |s: &str| Cell::Text(s.to_string());
    let rows = export
        .indicators
        .iter()
        .map(|i| {
            let d = &i.data;
            let level = l.levels[i.level as usize];
            let direction = match d.direction {
                Direction::Up => l.directions[0],
                Direction::Down => l.directions[1],
            };
            let mut row = vec![
                text(level),
                text(&d.code),
                text(&d.name),
                text(&d.unit),
                d.baseline.map_or(Cell::Empty, Cell::Value),
                d.baseline_year.map_or(Cell::Empty, Cell::Year),
            ];
            row.extend(d.targets.iter().map(|t| t.map_or(Cell::Empty, Cell::Value)));
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
        sheet: l.indicators,
        header,
        rows,
    }
}
