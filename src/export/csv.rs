//! CSV the way Excel in the plan's locale opens it by a double click: UTF-8 with a byte
//! order mark (without it Excel reads the file as the ANSI code page and garbles "ą č ę ė
//! į š ų ū ž „ “"), `;` and a decimal comma for a Lithuanian plan (Lithuanian Excel's list
//! separator, since `,` is its decimal point), `,` and a decimal point for an English one.
//! Numbers have no thousands grouping, so Excel reads them as numbers.

use crate::format;
use crate::model::Language;

use super::Export;
use super::table::{Cell, Table};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table as CSV bytes.
/// Text a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) behind a `'`, as OWASP recommends against CSV injection: a title
/// `=HYPERLINK(…)` opens as the text it is. (The XLSX export writes such text as strings.)
fn neutralised(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

pub(super) fn write(table: &Table, export: &Export) -> Result<Vec<u8>, String> {
    let language = export.plan.meta.language;
    let delimiter = match language {
        Language::Lt => b';',
        Language::En => b',',
    };
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let error = |e: ::csv::Error| format!("cannot write CSV: {e}");
    writer.write_record(&table.header).map_err(error)?;
    for row in &table.rows {
        let fields = row.iter().map(|cell| match cell {
            Cell::Text(text) => neutralised(text),
            Cell::Year(year) => year.to_string(),
            Cell::Money(amount) => export.ledger.format().plain(*amount),
            Cell::Value(value) => format::plain(*value, None, language),
            Cell::Empty => String::new(),
        });
        writer.write_record(fields).map_err(error)?;
    }
    writer
        .into_inner()
        .map_err(|e| format!("cannot write CSV: {}", e.error()))
}
