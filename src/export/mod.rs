//! `plan export`: the checked, numbered plan as data for finance departments and monitoring,
//! as CSV, an XLSX workbook or JSON.
//!
//! One row model ([`Export`]) feeds every format, so the three never disagree. It is built
//! with the functions the PDF templates use (numbers, [`view::indicator`], [`view::named`],
//! the funding sums of [`crate::model::funding`]), so an export never disagrees with the PDF
//! either. CSV and XLSX lay the rows out as the same two [`table::Table`]s.

mod csv;
mod json;
pub mod table;
mod xlsx;

use std::path::{Path, PathBuf};

use crate::Checked;
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::model::funding::Totals;
use crate::model::{Goal, Indicator, Objective, Plan};
use crate::number::Numbers;
use crate::view::{self, IndicatorData, Named};

/// The file formats `plan export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `action-plan.csv` and `indicators.csv`.
    Csv,
    /// `plan.xlsx` with two sheets.
    Xlsx,
    /// `plan.json`.
    Json,
}

/// What `plan export` was asked to do.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub dir: PathBuf,
    /// Where the files go; `<dir>/build` by default.
    pub out: Option<PathBuf>,
    pub format: Format,
    pub deny_warnings: bool,
}

/// A file ready to be written: its name in the output folder and its bytes.
#[derive(Debug)]
pub struct File {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// A priority, goal, objective or measure as a row names it.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub number: &'a str,
    pub id: &'a str,
    pub title: &'a str,
}

/// One measure: a row of the action plan.
pub struct MeasureRow<'a> {
    pub priority: Item<'a>,
    pub goal: Item<'a>,
    pub objective: Item<'a>,
    pub measure: Item<'a>,
    pub responsible: Vec<Named>,
    pub partners: Vec<Named>,
    pub group: Option<Named>,
    pub period: Option<(i32, i32)>,
    /// Whole-period funding per plan source, in the plan's source order, and the total.
    pub funding: Totals,
    /// The measure's product indicators.
    pub indicators: Vec<IndicatorData>,
}

/// Which level of the strategy an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// On a goal (E-).
    Effect,
    /// On an objective (R-).
    Result,
    /// On a measure (P-).
    Product,
}

impl Level {
    /// The stable name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Level::Effect => "effect",
            Level::Result => "result",
            Level::Product => "product",
        }
    }
}

/// One indicator: a row of the indicator table.
pub struct IndicatorRow<'a> {
    pub level: Level,
    /// The goal, objective or measure the indicator belongs to.
    pub item: Item<'a>,
    pub data: IndicatorData,
}

/// Everything an export holds, in plan order.
pub struct Export<'a> {
    pub plan: &'a Plan,
    /// Decimals every amount is shown with (as in the PDF).
    pub decimals: usize,
    /// The plan's funding per source and in total.
    pub total: Totals,
    pub measures: Vec<MeasureRow<'a>>,
    /// Effect, then result, then product indicators, each in plan order (as `@indicators`).
    pub indicators: Vec<IndicatorRow<'a>>,
}

impl<'a> Export<'a> {
    /// The rows of a checked plan.
    pub fn new(plan: &'a Plan, numbers: &'a Numbers) -> Export<'a> {
        let item = |id: &'a str, title: &'a str| Item {
            number: numbers.of(id),
            id,
            title,
        };
        let indicator =
            |i: &Indicator| view::indicator(i, numbers, &plan.meta.milestones, plan.meta.language);
        let names =
            |ids: &[String], entries| ids.iter().map(|id| view::named(id, entries)).collect();

        let measures = plan
            .measures()
            .map(|(p, g, o, m)| MeasureRow {
                priority: item(&p.id, &p.title),
                goal: item(&g.id, &g.title),
                objective: item(&o.id, &o.title),
                measure: item(&m.id, &m.title),
                responsible: names(&m.responsible, &plan.institutions),
                partners: names(&m.partners, &plan.institutions),
                group: m.group.as_ref().map(|g| view::named(g, &plan.groups)),
                period: m.period,
                funding: plan.measure_totals(m),
                indicators: m.indicators.iter().map(indicator).collect(),
            })
            .collect();

        let goals: Vec<&Goal> = plan.priorities.iter().flat_map(|p| &p.goals).collect();
        let objectives: Vec<&Objective> = goals.iter().flat_map(|g| &g.objectives).collect();
        let row = |level, id: &'a str, title: &'a str, i: &Indicator| IndicatorRow {
            level,
            item: item(id, title),
            data: indicator(i),
        };
        let effect = goals.iter().flat_map(|g| {
            g.indicators
                .iter()
                .map(|i| row(Level::Effect, &g.id, &g.title, i))
        });
        let result = objectives.iter().flat_map(|o| {
            o.indicators
                .iter()
                .map(|i| row(Level::Result, &o.id, &o.title, i))
        });
        let product = plan.measures().flat_map(|(_, _, _, m)| {
            m.indicators
                .iter()
                .map(|i| row(Level::Product, &m.id, &m.title, i))
        });
        let indicators = effect.chain(result).chain(product).collect();

        Export {
            plan,
            decimals: plan.money_decimals(),
            total: plan.sum(plan.measures().map(|(_, _, _, m)| m)),
            measures,
            indicators,
        }
    }

    /// The milestone year of each entry of an indicator's `targets`.
    pub fn milestones(&self) -> &[i32] {
        &self.plan.meta.milestones
    }
}

/// An indicator's last milestone target and its year, if it has any.
pub fn last_target(data: &IndicatorData, milestones: &[i32]) -> Option<(i32, f64)> {
    milestones
        .iter()
        .zip(&data.targets)
        .rev()
        .find_map(|(year, target)| target.map(|t| (*year, t)))
}

/// The files of one format, in memory. `timestamp` dates the XLSX workbook, so identical
/// input gives identical bytes.
pub fn files(
    checked: &Checked,
    format: Format,
    timestamp: typst::foundations::Datetime,
) -> Result<Vec<File>, String> {
    let export = Export::new(&checked.plan, &checked.numbers);
    match format {
        Format::Csv => {
            let [actions, indicators] = table::tables(&export);
            Ok(vec![
                File {
                    name: "action-plan.csv",
                    bytes: csv::write(&actions, &export)?,
                },
                File {
                    name: "indicators.csv",
                    bytes: csv::write(&indicators, &export)?,
                },
            ])
        }
        Format::Xlsx => Ok(vec![File {
            name: "plan.xlsx",
            bytes: xlsx::write(&table::tables(&export), &export, timestamp)?,
        }]),
        Format::Json => Ok(vec![File {
            name: "plan.json",
            bytes: json::write(&export)?,
        }]),
    }
}

/// Checks the plan and writes the export atomically into the output folder. Returns the
/// paths written, or `None` when the plan has errors (or a file could not be written; the
/// diagnostics say which): then nothing was written.
pub fn export(
    options: &ExportOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Vec<PathBuf>> {
    if let Some(problem) = crate::output::not_a_folder(options.out.as_deref()) {
        diags.push(problem);
        return None;
    }
    let checked = crate::check(&options.dir, sources, diags)?;
    if crate::failed(diags, options.deny_warnings) {
        return None;
    }
    let timestamp = crate::time::timestamp(checked.plan.meta.date);
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.dir.join("build"));
    let written = match files(&checked, options.format, timestamp) {
        Ok(files) => write(&out, &files).map_err(crate::output::problem),
        Err(e) => Err(Diagnostic::error(e).code("export")),
    };
    match written {
        Ok(paths) => Some(paths),
        Err(diagnostic) => {
            diags.push(diagnostic);
            None
        }
    }
}

/// Writes every file atomically into `out`, which is created if needed.
fn write(out: &Path, files: &[File]) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", out.display()))?;
    let set: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|file| (out.join(file.name), file.bytes.as_slice()))
        .collect();
    crate::output::write_set(&set)?;
    Ok(set.into_iter().map(|(path, _)| path).collect())
}
