//! The XLSX workbook: one sheet per table, a bold frozen header row with an autofilter,
//! subtotal rows in bold, amounts as real numbers with thousands grouping and the plan's decimals, column widths
//! from the content. Dated with the build timestamp (the plan date or `SOURCE_DATE_EPOCH`),
//! never the clock, so identical input gives identical bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use typst::foundations::Datetime;

use super::Export;
use super::table::{Cell, Table};

/// Column widths in characters: at least a short number, at most a readable title.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 50;

/// The workbook as bytes.
pub(crate) fn write(
    tables: &[Table],
    export: &Export,
    timestamp: Datetime,
) -> Result<Vec<u8>, String> {
    build(tables, export, timestamp).map_err(|e| format!("cannot write the XLSX workbook: {e}"))
}

fn build(tables: &[Table], export: &Export, timestamp: Datetime) -> Result<Vec<u8>, XlsxError> {
    let meta = &export.plan.meta;
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&meta.title)
            .set_company(&meta.organisation)
            .set_creation_datetime(&created(timestamp)?),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let money = Format::new().set_num_format(export.ledger.format().spreadsheet());
    // Subtotal and total rows, in bold.
    let strong = Format::new().set_bold();
    let strong_money = money.clone().set_bold();
    let plain = Format::new();
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.sheet)?;
        let widths = widths(table, export.ledger.decimals());
        for (col, (label, width)) in table.header.iter().zip(&widths).enumerate() {
            let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
            sheet.write_string_with_format(0, col, label, &header)?;
            sheet.set_column_width(col, *width as f64)?;
        }
        // Headers wrap at their column's width: give the row the lines the longest needs.
        let lines = table
            .header
            .iter()
            .zip(&widths)
            .map(|(label, width)| label.chars().count().div_ceil((*width).max(1)))
            .max()
            .unwrap_or(1)
            .max(1);
        sheet.set_row_height(0, 15.0 * lines as f64)?;
        for (index, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            let (text_format, money) = if table.subtotals.contains(&index) {
                (&strong, &strong_money)
            } else {
                (&plain, &money)
            };
            for (col, cell) in row.iter().enumerate() {
                let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
                match cell {
                    Cell::Text(text) => {
                        sheet.write_string_with_format(r, col, text, text_format)?
                    }
                    Cell::Year(year) => sheet.write_number(r, col, *year)?,
                    Cell::Money(amount) => {
                        sheet.write_number_with_format(r, col, amount.as_f64(), money)?
                    }
                    Cell::Value(value) => sheet.write_number(r, col, *value)?,
                    Cell::Empty => sheet,
                };
            }
        }
        let last_row =
            u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        let last_col = u16::try_from(table.header.len().saturating_sub(1))
            .map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    workbook.save_to_buffer()
}

/// The workbook's creation date: the build timestamp, or 2000-01-01 if Excel cannot hold it.
pub(crate) fn created(timestamp: Datetime) -> Result<ExcelDateTime, XlsxError> {
    let date = || -> Result<ExcelDateTime, XlsxError> {
        let year = timestamp
            .year()
            .and_then(|y| u16::try_from(y).ok())
            .ok_or(XlsxError::DateTimeRangeError("year".into()))?;
        ExcelDateTime::from_ymd(
            year,
            timestamp.month().unwrap_or(1),
            timestamp.day().unwrap_or(1),
        )?
        .and_hms(
            u16::from(timestamp.hour().unwrap_or(0)),
            timestamp.minute().unwrap_or(0),
            timestamp.second().unwrap_or(0),
        )
    };
    date().or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))
}

/// Each column's width in characters: its longest cell as shown, the header's longest word
/// (headers wrap), within [`MIN_WIDTH`] and [`MAX_WIDTH`].
fn widths(table: &Table, decimals: usize) -> Vec<usize> {
    (0..table.header.len())
        .map(|col| {
            let header = table.header[col]
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            let cells = table
                .rows
                .iter()
                .filter_map(|row| row.get(col))
                .map(|cell| match cell {
                    Cell::Text(text) => text.chars().count(),
                    Cell::Year(_) => 4,
                    // Digits, grouping separators, point and decimals.
                    Cell::Money(amount) => {
                        let digits = amount.as_f64().abs().trunc().to_string().len();
                        digits + digits / 3 + 1 + decimals
                    }
                    Cell::Value(value) => value.to_string().len(),
                    Cell::Empty => 0,
                })
                .max()
                .unwrap_or(0);
            (header.max(cells) + 2).clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect()
}
