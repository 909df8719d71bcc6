//! `plan export`: the checked, numbered plan as data for finance departments and monitoring,
//! as CSV, an XLSX workbook or JSON.
//!
//! One row model ([`Export`]) feeds every format, so the three never disagree. It is built
//! with the functions the PDF templates use (numbers, [`view::indicator`], [`view::named`],
//! the sums of the [`crate::ledger`]), so an export never disagrees with the PDF either.
//! CSV and XLSX lay the rows out as the same two [`table::Table`]s; the CSV action plan adds
//! each year's funding as columns, the workbook as a third sheet with subtotals.

mod csv;
mod json;
pub mod table;
pub(crate) mod xlsx;

use std::path::{Path, PathBuf};

use crate::Checked;
use crate::diag::{Diagnostic, Diagnostics, Sources, codes};
use crate::ledger::{Ledger, Totals};
use crate::model::{Indicator, Plan};
use crate::number::Numbers;
use crate::view::{self, IndicatorData, Named};

/// The file formats `plan export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `action-plan.csv` and `indicators.csv`.
    Csv,
    /// `plan.xlsx` with three sheets: the action plan, the indicators, funding by year.
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
    /// Write the workbook that collects this year's monitoring data instead
    /// (`--collect <year>`, XLSX only).
    pub collect: Option<i32>,
    /// With `collect`: also one workbook per institution (`--per-institution`), holding
    /// only its rows.
    pub per_institution: bool,
}

/// A file ready to be written: its name in the output folder and its bytes.
#[derive(Debug)]
pub struct File {
    pub name: String,
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
    /// The measure's code from outside, if it has one.
    pub code: Option<&'a str>,
    /// Ids of the horizontal principles it serves.
    pub principles: &'a [String],
    pub responsible: Vec<Named>,
    pub partners: Vec<Named>,
    pub group: Option<Named>,
    pub period: Option<(i32, i32)>,
    /// Whole-period funding per plan source, in the plan's source order, and the total.
    pub funding: &'a Totals,
    /// The measure's product indicators.
    pub indicators: Vec<IndicatorData>,
    /// Ids of the higher-level goals it contributes to.
    pub contributes: &'a [String],
    /// Whether it is an investment project (`investment-project = true`).
    pub investment_project: bool,
}

pub use crate::model::Level;

/// One indicator: a row of the indicator table.
pub struct IndicatorRow<'a> {
    pub level: Level,
    pub indicator: &'a Indicator,
    /// The goal, objective or measure the indicator belongs to.
    pub item: Item<'a>,
    /// The measure's period, for a product indicator.
    pub period: Option<(i32, i32)>,
    pub data: IndicatorData,
}

/// Everything an export holds, in plan order.
pub struct Export<'a> {
    pub plan: &'a Plan,
    pub numbers: &'a Numbers,
    /// The plan's sums and how its amounts are written (as in the PDF).
    pub ledger: &'a Ledger,
    pub measures: Vec<MeasureRow<'a>>,
    /// Vision, impact, effect, result, then product indicators, each in plan order (as
    /// `@indicators`).
    pub indicators: Vec<IndicatorRow<'a>>,
    /// The year of each entry of an indicator's `targets`: the milestones and every other
    /// year a target is set in ([`Plan::target_years`]).
    target_years: Vec<i32>,
    /// The years with any funding in the plan, as the PDF's per-year table lists them: the
    /// per-year columns, sheet and JSON amounts.
    pub years: Vec<i32>,
}

impl<'a> Export<'a> {
    /// The rows of a checked plan.
    pub fn new(plan: &'a Plan, numbers: &'a Numbers, ledger: &'a Ledger) -> Export<'a> {
        let item = |id: &'a str, title: &'a str| Item {
            number: numbers.of(id),
            id,
            title,
        };
        let target_years = plan.target_years();
        let indicator =
            |i: &Indicator| view::indicator(i, numbers, &target_years, plan.meta.language);
        let names =
            |ids: &[String], entries| ids.iter().map(|id| view::named(id, entries)).collect();

        let measures = plan
            .measures()
            .map(|(p, g, o, m)| MeasureRow {
                priority: item(&p.id, &p.title),
                goal: item(&g.id, &g.title),
                objective: item(&o.id, &o.title),
                measure: item(&m.id, &m.title),
                code: m.code.as_ref().map(|c| c.text.as_str()),
                principles: &m.principles,
                responsible: names(&m.responsible, &plan.institutions),
                partners: names(&m.partners, &plan.institutions),
                group: m.group.as_ref().map(|g| view::named(g, &plan.groups)),
                period: m.period,
                funding: &ledger.of(&m.id).funding,
                indicators: m.indicators.iter().map(indicator).collect(),
                contributes: &m.contributes,
                investment_project: m.investment_project,
            })
            .collect();

        // Level by level, each in plan order (as `@indicators`).
        let mut indicators: Vec<IndicatorRow> = plan
            .indicators()
            .map(|o| IndicatorRow {
                level: o.level,
                indicator: o.indicator,
                item: item(o.id, o.title),
                period: o.period,
                data: indicator(o.indicator),
            })
            .collect();
        indicators.sort_by_key(|i| i.level);

        // A year without funding is left out, as the PDF's per-year table leaves it out.
        let years = ledger
            .plan()
            .by_year
            .iter()
            .filter(|(_, totals)| totals.total.0 != 0)
            .map(|(year, _)| *year)
            .collect();

        Export {
            plan,
            numbers,
            ledger,
            measures,
            indicators,
            target_years,
            years,
        }
    }

    /// The year of each entry of an indicator's `targets`: the milestones and every other
    /// year a target is set in.
    pub fn milestones(&self) -> &[i32] {
        &self.target_years
    }
}

/// An indicator's last target and its year, if it has any.
pub fn last_target(data: &IndicatorData, milestones: &[i32]) -> Option<(i32, f64)> {
    milestones
        .iter()
        .zip(&data.targets)
        .rev()
        .find_map(|(year, target)| target.as_ref().map(|t| (*year, t.value)))
}

/// The files of one format, in memory. `timestamp` dates the XLSX workbook, so identical
/// input gives identical bytes.
pub fn files(
    checked: &Checked,
    format: Format,
    timestamp: typst::foundations::Datetime,
) -> Result<Vec<File>, String> {
    let export = Export::new(&checked.plan, &checked.numbers, &checked.ledger);
    match format {
        Format::Csv => {
            let [actions, indicators] = table::tables(&export);
            let actions = table::with_years(actions, &export);
            Ok(vec![
                File {
                    name: "action-plan.csv".into(),
                    bytes: csv::write(&actions, &export)?,
                },
                File {
                    name: "indicators.csv".into(),
                    bytes: csv::write(&indicators, &export)?,
                },
            ])
        }
        Format::Xlsx => {
            let [actions, indicators] = table::tables(&export);
            let sheets = [actions, indicators, table::funding_by_year(&export)];
            Ok(vec![File {
                name: "plan.xlsx".into(),
                bytes: xlsx::write(&sheets, &export, timestamp)?,
            }])
        }
        Format::Json => Ok(vec![File {
            name: "plan.json".into(),
            bytes: json::write(&export)?,
        }]),
    }
}

/// Why an export could not be made: a request the plan cannot answer, or a failure.
enum Problem {
    Usage(Box<Diagnostic>),
    Failed(String),
}

impl From<String> for Problem {
    fn from(e: String) -> Self {
        Problem::Failed(e)
    }
}

/// The workbook collecting `year`'s monitoring data, for a year of the plan period, and on
/// request one per institution with only its rows.
fn collect(
    checked: &Checked,
    year: i32,
    per_institution: bool,
    timestamp: typst::foundations::Datetime,
) -> Result<Vec<File>, Problem> {
    let (first, last) = checked.plan.meta.period;
    if !(first..=last).contains(&year) {
        return Err(Problem::Usage(Box::new(
            Diagnostic::usage(format!("{year} is outside the plan period {first}–{last}"))
                .hint("collect the values of a year of the plan period"),
        )));
    }
    let workbook = |only| {
        crate::collect::workbook::write(
            &checked.plan,
            &checked.numbers,
            &checked.ledger,
            year,
            only,
            timestamp,
        )
    };
    let mut files = vec![File {
        name: crate::collect::file_name(year),
        bytes: workbook(None)?,
    }];
    if per_institution {
        for institution in &checked.plan.institutions {
            // An institution with nothing to report gets no workbook.
            if !crate::collect::workbook::has_rows(&checked.plan, institution) {
                continue;
            }
            files.push(File {
                name: crate::collect::institution_file_name(year, &institution.id),
                bytes: workbook(Some(institution))?,
            });
        }
    }
    Ok(files)
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
    if options.collect.is_some() && options.format != Format::Xlsx {
        diags.push(
            Diagnostic::usage("the collection workbook is XLSX only").hint(
                "leave `--format` out: `plan export --collect <year>` writes the XLSX workbook",
            ),
        );
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
    let made = match options.collect {
        Some(year) => collect(&checked, year, options.per_institution, timestamp),
        None => files(&checked, options.format, timestamp).map_err(Problem::Failed),
    };
    let made = match made {
        Ok(files) => Ok(files),
        Err(Problem::Usage(d)) => {
            diags.push(*d);
            return None;
        }
        Err(Problem::Failed(e)) => Err(e),
    };
    let written = match made {
        Ok(files) => write(&out, &files).map_err(crate::output::problem),
        Err(e) => Err(Diagnostic::error(e).code(codes::EXPORT)),
    };
    match written {
        Ok((paths, notes)) => {
            diags.extend(notes);
            Some(paths)
        }
        Err(diagnostic) => {
            diags.push(diagnostic);
            None
        }
    }
}

/// Writes every file into `out` as one set, with what it noticed of an interrupted run.
fn write(
    out: &Path,
    files: &[File],
) -> Result<(Vec<PathBuf>, Vec<crate::diag::Diagnostic>), String> {
    let set: Vec<(String, &[u8])> = files
        .iter()
        .map(|file| (file.name.clone(), file.bytes.as_slice()))
        .collect();
    let notes = crate::output::write_set(out, &set, None)?;
    Ok((files.iter().map(|f| out.join(&f.name)).collect(), notes))
}
