//! The workbook `plan export --collect <year>` writes: an "about" sheet saying what to do,
//! one sheet of indicators and one of measures. Ids and everything the plan says are in
//! locked cells; the cells to fill in (actual value, note, source; status, comment, spent
//! per source) are unlocked and shaded, pre-filled with what `monitoring/<year>.toml`
//! already holds. Last year's value and this year's target stand beside each indicator.
//! Sheets are protected without a password (against slips, not people) and keep their
//! autofilter, so an institution can filter for its own rows.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, Format, FormatAlign, FormatBorder, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

use super::Words;
use crate::export::xlsx::created;
use crate::format;
use crate::ledger::Ledger;
use crate::model::Plan;
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
    timestamp: typst::foundations::Datetime,
) -> Result<Vec<u8>, String> {
    build(plan, numbers, ledger, year, timestamp)
        .map_err(|e| format!("cannot write the collection workbook: {e}"))
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
    timestamp: typst::foundations::Datetime,
) -> Result<Vec<u8>, XlsxError> {
    let words = Words::of(plan.meta.language);
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{} – {year}", plan.meta.title))
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

    indicators(
        workbook.add_worksheet(),
        plan,
        numbers,
        year,
        words,
        &formats,
    )?;
    measures(
        workbook.add_worksheet(),
        plan,
        numbers,
        ledger,
        year,
        words,
        &formats,
    )?;
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
    plan: &Plan,
    numbers: &Numbers,
    year: i32,
    words: &Words,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(&words.indicators)?;
    let columns = [
        (words.id.to_string(), 22.0),
        (words.code.to_string(), 12.0),
        (words.indicator.to_string(), 50.0),
        (words.unit.to_string(), 10.0),
        (words.reporter.to_string(), 24.0),
        (words.actual.year(year - 1), 12.0),
        (words.target.year(year), 12.0),
        (words.actual.year(year), 12.0),
        (words.note.to_string(), 30.0),
        (words.source.to_string(), 24.0),
    ];
    let owned: Vec<_> = plan.indicators().collect();
    header(sheet, &columns, owned.len(), formats)?;
    let reported = plan.monitoring.get(&year);
    for (i, o) in owned.iter().enumerate() {
        let r = row_of(i)?;
        let indicator = o.indicator;
        sheet.write_string(r, 0, &indicator.id)?;
        sheet.write_string(r, 1, numbers.of(&indicator.id))?;
        sheet.write_string(r, 2, &indicator.name)?;
        sheet.write_string(r, 3, &indicator.unit)?;
        if let Some(reporter) = &indicator.reporter {
            sheet.write_string(r, 4, reporter)?;
        }
        if let Some(last) = plan.actual_in(&indicator.id, year - 1) {
            sheet.write_number(r, 5, last)?;
        }
        if let Some(target) = year_target(indicator, year) {
            // A target between milestones is shown as the plan shows it: rounded to the
            // decimals of the indicator's own values, plus one.
            let places = indicator
                .targets
                .iter()
                .map(|(_, v)| format::decimals(*v))
                .max()
                .unwrap_or(0)
                + usize::from(target.path.is_some());
            let factor = 10f64.powi(places as i32);
            sheet.write_number(r, 6, (target.value * factor).round() / factor)?;
        }
        let actual = reported.and_then(|rep| rep.indicators.get(&indicator.id));
        match actual.and_then(|a| a.value) {
            Some(value) => sheet.write_number_with_format(r, 7, value, &formats.input)?,
            None => sheet.write_blank(r, 7, &formats.input)?,
        };
        for (col, text) in [
            (8, actual.and_then(|a| a.note.as_deref())),
            (9, actual.and_then(|a| a.source.as_deref())),
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
    plan: &Plan,
    numbers: &Numbers,
    ledger: &Ledger,
    year: i32,
    words: &Words,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(&words.measures)?;
    let mut columns = vec![
        (words.id.to_string(), 22.0),
        (words.number.to_string(), 10.0),
        (words.measure.to_string(), 50.0),
        (words.responsible.to_string(), 14.0),
        (words.planned.year(year), 12.0),
        (words.status.to_string(), 14.0),
        (words.comment.to_string(), 40.0),
    ];
    for source in &plan.sources {
        columns.push((
            words.spent.fill(&[("year", &year), ("source", &source.id)]),
            14.0,
        ));
    }
    let measures: Vec<_> = plan.measures().map(|(.., m)| m).collect();
    header(sheet, &columns, measures.len(), formats)?;
    let reported = plan.monitoring.get(&year);
    for (i, m) in measures.iter().enumerate() {
        let r = row_of(i)?;
        sheet.write_string(r, 0, &m.id)?;
        sheet.write_string(r, 1, numbers.of(&m.id))?;
        sheet.write_string(r, 2, &m.title)?;
        sheet.write_string(r, 3, m.responsible.join(", "))?;
        sheet.write_number_with_format(
            r,
            4,
            ledger.of(&m.id).planned_in(year).total.as_f64(),
            &formats.money,
        )?;
        let progress = reported.and_then(|rep| rep.measures.get(&m.id));
        match progress {
            Some(p) => sheet.write_string_with_format(
                r,
                5,
                words.status_label(p.status),
                &formats.input,
            )?,
            None => sheet.write_blank(r, 5, &formats.input)?,
        };
        match progress.and_then(|p| p.comment.as_deref()) {
            Some(text) => sheet.write_string_with_format(r, 6, text, &formats.input)?,
            None => sheet.write_blank(r, 6, &formats.input)?,
        };
        for (k, source) in plan.sources.iter().enumerate() {
            let col = u16::try_from(7 + k).map_err(|_| XlsxError::RowColumnLimitError)?;
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
        sheet.add_data_validation(1, 5, last, 5, &validation)?;
    }
    Ok(())
}
