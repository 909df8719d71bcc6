//! The workbook `plan export --collect <year>` writes: an "about" sheet saying what to do,
//! one sheet of indicators and one of measures. Ids and everything the plan says are in
//! locked cells; the cells to fill in (actual value, note, source; status, comment, spent
//! per source) are unlocked and shaded, pre-filled with what `monitoring/<year>.toml`
//! already holds. Last year's value and this year's target stand beside each indicator.
//! Sheets are protected without a password (against slips, not people) and keep their
//! autofilter, so an institution can filter for its own rows; on request an institution
//! gets a workbook of its own rows alone.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, Format, FormatAlign, FormatBorder, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

use super::Words;
use crate::export::xlsx::created;
use crate::ledger::Ledger;
use crate::model::{Entry, Indicator, Level, Owned, Plan};
use crate::number::Numbers;
use crate::progress::year_target;

/// The shading of the cells to fill in.
const INPUT: u32 = 0xFFF4C2;

/// The workbook's bytes.
pub fn write(
    plan: &Plan,
    numbers: &Numbers,
    ledger: &Ledger,
    year: i32,
    only: Option<&Entry>,
    timestamp: typst::foundations::Datetime,
) -> Result<Vec<u8>, String> {
    build(plan, numbers, ledger, year, only, timestamp)
        .map_err(|e| format!("cannot write the collection workbook: {e}"))
}

/// Which rows the sheets hold: the plan's for a year, all of them or one institution's.
#[derive(Clone, Copy)]
struct Rows<'a> {
    plan: &'a Plan,
    numbers: &'a Numbers,
    year: i32,
    only: Option<&'a Entry>,
}

/// Formats shared by the sheets.
struct Formats {
    header: Format,
    input: Format,
    input_money: Format,
    money: Format,
}

fn build(
    plan: &Plan,
    numbers: &Numbers,
    ledger: &Ledger,
    year: i32,
    only: Option<&Entry>,
    timestamp: typst::foundations::Datetime,
) -> Result<Vec<u8>, XlsxError> {
    let words = Words::of(plan.meta.language);
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(match only {
                Some(institution) => format!("{} – {year} – {}", plan.meta.title, institution.name),
                None => format!("{} – {year}", plan.meta.title),
            })
            .set_company(&plan.meta.organisation)
            .set_creation_datetime(&created(timestamp)?),
    );
    let money = ledger.format().spreadsheet();
    let formats = Formats {
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border_bottom(FormatBorder::Thin),
        input: Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(INPUT)),
        input_money: Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(INPUT))
            .set_num_format(&money),
        money: Format::new().set_num_format(&money),
    };

    let about = workbook.add_worksheet();
    about.set_name(&words.about)?;
    about.set_column_width(0, 110)?;
    for (row, line) in words
        .instructions(&plan.meta.title, year)
        .iter()
        .enumerate()
    {
        let row = u32::try_from(row).map_err(|_| XlsxError::RowColumnLimitError)?;
        if row == 0 {
            about.write_string_with_format(row, 0, line, &Format::new().set_bold())?;
        } else {
            about.write_string(row, 0, line)?;
        }
    }

    let rows = Rows {
        plan,
        numbers,
        year,
        only,
    };
    indicators(workbook.add_worksheet(), &rows, words, &formats)?;
    measures(workbook.add_worksheet(), &rows, ledger, words, &formats)?;
    workbook.save_to_buffer()
}

/// Writes a sheet's header row with column widths, and protects the sheet, leaving its
/// autofilter and column widths usable.
fn header(
    sheet: &mut Worksheet,
    columns: &[(String, f64)],
    rows: usize,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, (label, width)) in columns.iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, col, label, &formats.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_row_height(0, 45)?;
    sheet.set_freeze_panes(1, 1)?;
    let last_row = u32::try_from(rows).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = u16::try_from(columns.len() - 1).map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    let options = ProtectionOptions {
        use_autofilter: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
    Ok(())
}

fn row_of(i: usize) -> Result<u32, XlsxError> {
    u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)
}

fn indicators(
    sheet: &mut Worksheet,
    rows: &Rows,
    words: &Words,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let Rows {
        plan,
        numbers,
        year,
        only,
    } = *rows;
    sheet.set_name(&words.indicators)?;
    let columns = [
        (words.id.to_string(), 22.0),
        (words.code.to_string(), 12.0),
        (words.indicator.to_string(), 50.0),
        (words.unit.to_string(), 10.0),
        (words.reporter.to_string(), 24.0),
        (words.last_value.to_string(), 12.0),
        (words.last_value_year.to_string(), 10.0),
        (words.target.year(year), 12.0),
        (words.actual.year(year), 12.0),
        (words.note.to_string(), 30.0),
        (words.source.to_string(), 24.0),
    ];
    let owned: Vec<_> = plan
        .indicators()
        .filter(|o| only.is_none_or(|institution| reports(plan, o, institution)))
        .collect();
    header(sheet, &columns, owned.len(), formats)?;
    let reported = plan.monitoring.get(&year);
    for (i, o) in owned.iter().enumerate() {
        let r = row_of(i)?;
        let indicator = o.indicator;
        sheet.write_string(r, 0, &indicator.id)?;
        sheet.write_string(r, 1, numbers.of(&indicator.id))?;
        sheet.write_string(r, 2, &indicator.name)?;
        sheet.write_string(r, 3, &indicator.unit)?;
        if let Some(reporter) = reporter(plan, o) {
            sheet.write_string(r, 4, reporter)?;
        }
        if let Some((last_year, last)) = last_value(plan, indicator, year) {
            sheet.write_number(r, 5, last)?;
            sheet.write_number(r, 6, last_year)?;
        }
        if let Some(target) = year_target(indicator, year) {
            // As the report prints it: with the decimals of the indicator's baseline and
            // targets, so "27" in the report is 27 here, not 26.7.
            let factor = 10f64.powi(crate::view::places(indicator) as i32);
            sheet.write_number(r, 7, (target.value * factor).round() / factor)?;
        }
        let actual = reported.and_then(|rep| rep.indicators.get(&indicator.id));
        match actual.and_then(|a| a.value) {
            Some(value) => sheet.write_number_with_format(r, 8, value, &formats.input)?,
            None => sheet.write_blank(r, 8, &formats.input)?,
        };
        for (col, text) in [
            (9, actual.and_then(|a| a.note.as_deref())),
            (10, actual.and_then(|a| a.source.as_deref())),
        ] {
            match text {
                Some(text) => sheet.write_string_with_format(r, col, text, &formats.input)?,
                None => sheet.write_blank(r, col, &formats.input)?,
            };
        }
    }
    Ok(())
}

fn measures(
    sheet: &mut Worksheet,
    rows: &Rows,
    ledger: &Ledger,
    words: &Words,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let Rows {
        plan,
        numbers,
        year,
        only,
    } = *rows;
    sheet.set_name(&words.measures)?;
    let mut columns = vec![
        (words.id.to_string(), 22.0),
        (words.number.to_string(), 10.0),
        (words.measure.to_string(), 50.0),
        (words.responsible.to_string(), 14.0),
        (words.responsible_names.to_string(), 30.0),
    ];
    for source in &plan.sources {
        columns.push((
            words
                .planned_from
                .fill(&[("year", &year), ("source", &source.id)]),
            12.0,
        ));
    }
    columns.push((words.planned.year(year), 12.0));
    let status_col = u16::try_from(columns.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    columns.push((words.status.to_string(), 14.0));
    columns.push((words.comment.to_string(), 40.0));
    for source in &plan.sources {
        columns.push((
            words.spent.fill(&[("year", &year), ("source", &source.id)]),
            14.0,
        ));
    }
    let measures: Vec<_> = plan
        .measures()
        .map(|(.., m)| m)
        .filter(|m| only.is_none_or(|institution| m.responsible.contains(&institution.id)))
        .collect();
    header(sheet, &columns, measures.len(), formats)?;
    let reported = plan.monitoring.get(&year);
    for (i, m) in measures.iter().enumerate() {
        let r = row_of(i)?;
        sheet.write_string(r, 0, &m.id)?;
        sheet.write_string(r, 1, numbers.of(&m.id))?;
        sheet.write_string(r, 2, &m.title)?;
        sheet.write_string(r, 3, m.responsible.join(", "))?;
        sheet.write_string(r, 4, names(plan, &m.responsible))?;
        let planned = ledger.of(&m.id).planned_in(year);
        for (k, amount) in planned
            .by_source
            .iter()
            .chain(std::iter::once(&planned.total))
            .enumerate()
        {
            let col = u16::try_from(5 + k).map_err(|_| XlsxError::RowColumnLimitError)?;
            sheet.write_number_with_format(r, col, amount.as_f64(), &formats.money)?;
        }
        let progress = reported.and_then(|rep| rep.measures.get(&m.id));
        match progress {
            Some(p) => sheet.write_string_with_format(
                r,
                status_col,
                words.status_label(p.status),
                &formats.input,
            )?,
            None => sheet.write_blank(r, status_col, &formats.input)?,
        };
        match progress.and_then(|p| p.comment.as_deref()) {
            Some(text) => {
                sheet.write_string_with_format(r, status_col + 1, text, &formats.input)?
            }
            None => sheet.write_blank(r, status_col + 1, &formats.input)?,
        };
        for (k, source) in plan.sources.iter().enumerate() {
            let col = u16::try_from(usize::from(status_col) + 2 + k)
                .map_err(|_| XlsxError::RowColumnLimitError)?;
            let spent = progress.and_then(|p| p.spent.iter().find(|(s, ..)| *s == source.id));
            match spent {
                Some((_, money, _)) => {
                    sheet.write_number_with_format(r, col, money.as_f64(), &formats.input_money)?
                }
                None => sheet.write_blank(r, col, &formats.input_money)?,
            };
        }
    }
    if !measures.is_empty() {
        let last = row_of(measures.len() - 1)?;
        let validation = DataValidation::new()
            .allow_list_strings(&words.statuses())?
            .set_input_title(&words.status)?;
        sheet.add_data_validation(1, status_col, last, status_col, &validation)?;
    }
    Ok(())
}

/// Institutions by name, as staff know them ("Town administration"), for ids.
fn names(plan: &Plan, ids: &[String]) -> String {
    ids.iter()
        .map(|id| Plan::entry_name(&plan.institutions, id))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Who reports an indicator: its `reporter`, or for a product indicator without one the
/// institutions responsible for its measure, so that each can filter for its own rows.
fn reporter(plan: &Plan, owned: &Owned) -> Option<String> {
    if let Some(reporter) = &owned.indicator.reporter {
        return Some(reporter.clone());
    }
    if owned.level != Level::Product {
        return None;
    }
    plan.measures()
        .find(|(.., m)| m.id == owned.id)
        .map(|(.., m)| names(plan, &m.responsible))
        .filter(|names| !names.is_empty())
}

/// The latest value known before `year`: the last reported actual, or else the baseline
/// (the first year's "last value"), with its year.
fn last_value(plan: &Plan, indicator: &Indicator, year: i32) -> Option<(i32, f64)> {
    plan.monitoring
        .range(..year)
        .rev()
        .find_map(|(y, _)| plan.actual_in(&indicator.id, *y).map(|v| (*y, v)))
        .or(indicator.baseline.filter(|(y, _)| *y < year))
}

/// Whether `institution` reports the indicator: its `reporter` names the institution (by
/// name or id), or it is a product indicator without one of a measure the institution is
/// responsible for.
fn reports(plan: &Plan, owned: &Owned, institution: &Entry) -> bool {
    match &owned.indicator.reporter {
        Some(reporter) => [&institution.name, &institution.id]
            .iter()
            .any(|n| n.trim().to_lowercase() == reporter.trim().to_lowercase()),
        None => {
            owned.level == Level::Product
                && plan
                    .measures()
                    .any(|(.., m)| m.id == owned.id && m.responsible.contains(&institution.id))
        }
    }
}

/// Whether `institution` has a row to fill in: a measure it is responsible for or an
/// indicator it reports.
pub fn has_rows(plan: &Plan, institution: &Entry) -> bool {
    plan.measures()
        .any(|(.., m)| m.responsible.contains(&institution.id))
        || plan.indicators().any(|o| reports(plan, &o, institution))
}
