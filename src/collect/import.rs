//! `plan import <year> FILE`: reads a filled-in collection workbook and merges it into
//! `monitoring/<year>.toml`. The file keeps its comments and layout (toml_edit), and no
//! value already in it is lost: a cell that disagrees with one is an error unless the
//! user asks for the workbook's (`--replace`). Every problem is reported at its sheet and
//! cell, and nothing is written while there is one.

use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader};
use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

use super::{EN, LT, Words, address, status_of};
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::model::Plan;
use crate::model::monitoring::MeasureStatus;

/// What `plan import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub dir: PathBuf,
    pub year: i32,
    pub file: PathBuf,
    pub replace: bool,
}

/// What an import changed.
#[derive(Debug)]
pub struct Imported {
    /// The monitoring file written.
    pub path: PathBuf,
    /// Values set (or replaced) in it.
    pub changed: usize,
    /// Whether the file is new.
    pub created: bool,
}

/// One value read from a cell, with the cell's address.
struct Read<T> {
    value: T,
    cell: String,
}

/// A row of the indicator sheet.
struct IndicatorRow {
    id: String,
    value: Option<Read<f64>>,
    note: Option<Read<String>>,
    source: Option<Read<String>>,
}

/// A row of the measure sheet.
struct MeasureRow {
    id: String,
    status: Option<Read<MeasureStatus>>,
    comment: Option<Read<String>>,
    spent: Vec<(String, Read<f64>)>,
}

/// Reads `options.file` into the plan's monitoring file. `None` when nothing was written;
/// the diagnostics say why. After writing, the plan is checked again with the new values,
/// so their warnings (spending above plan, missing values …) are reported at once.
pub fn import(
    options: &ImportOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Imported> {
    // The plan as it is: its errors stop the import; its warnings are not the workbook's
    // business (the plan is checked again, and they shown, once the values are in).
    let mut before = Diagnostics::default();
    let checked = crate::check(&options.dir, sources, &mut before);
    if before.has_errors() || checked.is_none() {
        diags.extend(before.iter().cloned());
        return None;
    }
    let checked = checked?;
    let plan = &checked.plan;
    let year = options.year;
    let (first, last) = plan.meta.period;
    if !(first..=last).contains(&year) {
        diags.push(
            Diagnostic::usage(format!("{year} is outside the plan period {first}–{last}"))
                .hint("import the values of a year of the plan period"),
        );
        return None;
    }
    let workbook = options.file.display().to_string();
    let mut book = match calamine::open_workbook_auto(&options.file) {
        Ok(book) => book,
        Err(e) => {
            diags.push(
                Diagnostic::error(format!("cannot read the workbook `{workbook}`: {e}"))
                    .code("bad-workbook")
                    .about(workbook.clone())
                    .hint(format!("pass the XLSX file `plan export --collect {year} --format xlsx` made, after it was filled in")),
            );
            return None;
        }
    };
    let mut reader = SheetReader {
        workbook: &workbook,
        year,
        diags: &mut *diags,
        errors: 0,
    };
    let names = book.sheet_names();
    let sheet =
        |words: [&'static str; 2]| names.iter().find(|n| words.contains(&n.as_str())).cloned();
    let (indicator_sheet, measure_sheet) = (
        sheet([LT.indicators, EN.indicators]),
        sheet([LT.measures, EN.measures]),
    );
    if indicator_sheet.is_none() && measure_sheet.is_none() {
        reader.fail(
            Diagnostic::error(format!(
                "the workbook `{workbook}` has neither an indicator nor a measure sheet"
            ))
            .code("bad-workbook")
            .about(workbook.clone())
            .hint(format!("`plan import` reads the workbook `plan export --collect {year} --format xlsx` makes, with its sheets \"{}\" and \"{}\"", Words::of(plan.meta.language).indicators, Words::of(plan.meta.language).measures)),
        );
    }
    let mut indicators = Vec::new();
    if let Some(name) = indicator_sheet
        && let Ok(range) = book.worksheet_range(&name)
    {
        indicators = reader.indicators(plan, &name, &range);
    }
    let mut measures = Vec::new();
    if let Some(name) = measure_sheet
        && let Ok(range) = book.worksheet_range(&name)
    {
        measures = reader.measures(plan, &name, &range);
    }
    if reader.errors > 0 {
        return None;
    }

    let relative = format!("monitoring/{year}.toml");
    let path = options.dir.join(&relative);
    let created = !path.exists();
    let mut document = match existing(&path, &relative, year) {
        Ok(document) => document,
        Err(problem) => {
            diags.push(*problem);
            return None;
        }
    };
    let mut merge = Merge {
        workbook: &workbook,
        file: &relative,
        replace: options.replace,
        diags: &mut *diags,
        errors: 0,
        changed: 0,
    };
    for row in &indicators {
        let table = entry(&mut document, "indicator", &row.id);
        merge.number(table, "value", row.value.as_ref(), &row.id);
        merge.text(table, "note", row.note.as_ref(), &row.id);
        merge.text(table, "source", row.source.as_ref(), &row.id);
    }
    for row in &measures {
        let table = entry(&mut document, "measure", &row.id);
        let status = row.status.as_ref().map(|s| Read {
            value: s.value.name().to_string(),
            cell: s.cell.clone(),
        });
        merge.text(table, "status", status.as_ref(), &row.id);
        merge.text(table, "comment", row.comment.as_ref(), &row.id);
        for (source, spent) in &row.spent {
            merge.spent(table, source, spent, &row.id);
        }
    }
    if merge.errors > 0 {
        return None;
    }
    let changed = merge.changed;
    drop_empty(&mut document);
    if changed > 0 {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                let mut text = document.to_string();
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                crate::output::write_atomic(&path, text.as_bytes())
            });
        if let Err(e) = written {
            diags.push(
                Diagnostic::error(format!("cannot write `{}`: {e}", path.display())).code("io"),
            );
            return None;
        }
        // The plan with the new values: their own warnings, at their lines.
        let mut fresh = Diagnostics::default();
        *sources = Sources::default();
        crate::check(&options.dir, sources, &mut fresh);
        *diags = fresh;
    }
    Some(Imported {
        path,
        changed,
        created: created && changed > 0,
    })
}

/// Reads cells, reporting each bad one at its address.
struct SheetReader<'a> {
    workbook: &'a str,
    year: i32,
    diags: &'a mut Diagnostics,
    errors: usize,
}

impl SheetReader<'_> {
    fn fail(&mut self, diagnostic: Diagnostic) {
        self.errors += 1;
        self.diags.push(diagnostic);
    }

    fn at(&mut self, cell: &str, code: &'static str, message: String, hint: String) {
        self.fail(
            Diagnostic::error(message)
                .code(code)
                .in_cell(self.workbook, cell)
                .hint(hint),
        );
    }

    /// The header's columns: each wanted label's column (in either language), or an error
    /// naming the missing ones.
    fn columns<const N: usize>(
        &mut self,
        sheet: &str,
        range: &Range<Data>,
        wanted: [[String; 2]; N],
    ) -> Option<[u32; N]> {
        let header: Vec<String> = (0..range.width() as u32)
            .map(|col| text(range.get_value((0, col))).unwrap_or_default())
            .collect();
        let mut found = [0u32; N];
        let mut missing = Vec::new();
        for (i, labels) in wanted.iter().enumerate() {
            match header.iter().position(|h| labels.contains(h)) {
                Some(col) => found[i] = col as u32,
                None => missing.push(format!("\"{}\"", labels[0])),
            }
        }
        if missing.is_empty() {
            return Some(found);
        }
        let year = self.year;
        self.fail(
            Diagnostic::error(format!(
                "the sheet \"{sheet}\" has no column {}",
                missing.join(", ")
            ))
            .code("bad-workbook")
            .in_cell(self.workbook, format!("{sheet}!1:1"))
            .hint(format!("was the workbook made for another year? `plan export --collect {year} --format xlsx` makes the one for {year}")),
        );
        None
    }

    /// Every row's id with its row number, skipping rows without one, and reporting ids the
    /// plan does not have.
    fn ids(
        &mut self,
        sheet: &str,
        range: &Range<Data>,
        id_col: u32,
        known: &[&str],
        what: &str,
    ) -> Vec<(u32, String)> {
        let mut rows = Vec::new();
        for row in 1..range.height() as u32 {
            let Some(id) = text(range.get_value((row, id_col))) else {
                continue;
            };
            if known.contains(&id.as_str()) {
                rows.push((row, id));
                continue;
            }
            let hint = crate::suggest::hint(&id, known.iter().copied(), || {
                format!(
                    "the Id column holds the plan's {what} ids, as `plan export --collect` wrote them; do not change it"
                )
            });
            self.at(
                &address(sheet, row, id_col as u16),
                "unknown-id",
                format!("unknown {what} `{id}`"),
                hint,
            );
        }
        rows
    }

    /// A number cell: a number, or text that reads as one ("12,5", "1 234"); empty is none.
    fn number(
        &mut self,
        sheet: &str,
        range: &Range<Data>,
        row: u32,
        col: u32,
    ) -> Option<Read<f64>> {
        let cell = address(sheet, row, col as u16);
        let value = match range.get_value((row, col)) {
            None | Some(Data::Empty) => return None,
            Some(Data::Float(v)) => Some(*v),
            Some(Data::Int(v)) => Some(*v as f64),
            Some(Data::String(s)) if s.trim().is_empty() => return None,
            Some(Data::String(s)) => parse_number(s),
            Some(_) => None,
        };
        match value {
            Some(value) if value.is_finite() => Some(Read { value, cell }),
            _ => {
                let shown = range
                    .get_value((row, col))
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                self.at(
                    &cell,
                    "not-a-number",
                    format!("`{shown}` is not a number"),
                    "write the value in digits, without units, e.g. 51.2 or 51,2".into(),
                );
                None
            }
        }
    }

    fn text(&self, sheet: &str, range: &Range<Data>, row: u32, col: u32) -> Option<Read<String>> {
        text(range.get_value((row, col))).map(|value| Read {
            value,
            cell: address(sheet, row, col as u16),
        })
    }

    fn indicators(&mut self, plan: &Plan, sheet: &str, range: &Range<Data>) -> Vec<IndicatorRow> {
        let y = self.year;
        let both = |f: fn(&Words) -> String| [f(&LT), f(&EN)];
        let Some([id, value, note, source]) = self.columns(
            sheet,
            range,
            [
                both(|w| w.id.into()),
                [(LT.actual)(y), (EN.actual)(y)],
                both(|w| w.note.into()),
                both(|w| w.source.into()),
            ],
        ) else {
            return Vec::new();
        };
        let known: Vec<&str> = plan.indicators().map(|o| o.indicator.id.as_str()).collect();
        self.ids(sheet, range, id, &known, "indicator")
            .into_iter()
            .map(|(row, id)| IndicatorRow {
                id,
                value: self.number(sheet, range, row, value),
                note: self.text(sheet, range, row, note),
                source: self.text(sheet, range, row, source),
            })
            .collect()
    }

    fn measures(&mut self, plan: &Plan, sheet: &str, range: &Range<Data>) -> Vec<MeasureRow> {
        let y = self.year;
        let both = |f: fn(&Words) -> String| [f(&LT), f(&EN)];
        let Some([id, status, comment]) = self.columns(
            sheet,
            range,
            [
                both(|w| w.id.into()),
                both(|w| w.status.into()),
                both(|w| w.comment.into()),
            ],
        ) else {
            return Vec::new();
        };
        let mut spent_columns = Vec::new();
        for source in &plan.sources {
            let labels = [(LT.spent)(y, &source.id), (EN.spent)(y, &source.id)];
            if let Some([col]) = self.columns(sheet, range, [labels]) {
                spent_columns.push((source.id.clone(), col));
            }
        }
        let known: Vec<&str> = plan.measures().map(|(.., m)| m.id.as_str()).collect();
        let mut rows = Vec::new();
        for (row, id) in self.ids(sheet, range, id, &known, "measure") {
            let status = self.text(sheet, range, row, status).and_then(|read| {
                match status_of(&read.value) {
                    Some(value) => Some(Read {
                        value,
                        cell: read.cell,
                    }),
                    None => {
                        let labels = Words::of(plan.meta.language).statuses.join(", ");
                        self.at(
                            &read.cell,
                            "unknown-status",
                            format!("`{}` is not a measure status", read.value),
                            format!("choose one of: {labels}"),
                        );
                        None
                    }
                }
            });
            let mut spent = Vec::new();
            for (source, col) in &spent_columns {
                if let Some(read) = self.number(sheet, range, row, *col) {
                    if read.value < 0.0 {
                        self.at(
                            &read.cell,
                            "negative-amount",
                            "funds spent cannot be negative".into(),
                            "write what the source paid in the year, or leave the cell empty"
                                .into(),
                        );
                        continue;
                    }
                    spent.push((source.clone(), read));
                }
            }
            rows.push(MeasureRow {
                id,
                status,
                comment: self.text(sheet, range, row, comment),
                spent,
            });
        }
        rows
    }
}

/// A cell's text, trimmed; none when empty. Numbers read as text are written as Excel
/// shows them.
fn text(cell: Option<&Data>) -> Option<String> {
    let text = match cell? {
        Data::Empty => return None,
        // In NFC, as the plan's files are read: an id typed with a combining mark matches.
        Data::String(s) => crate::load::nfc(s.trim().to_string()),
        other => other.to_string(),
    };
    (!text.is_empty()).then_some(text)
}

/// A number written as text, with a decimal comma or point and spaces between thousands.
fn parse_number(text: &str) -> Option<f64> {
    let compact: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    compact.parse().ok()
}

/// The monitoring file as it is, or a new one with a comment saying where it came from.
fn existing(path: &Path, relative: &str, year: i32) -> Result<DocumentMut, Box<Diagnostic>> {
    if !path.exists() {
        let mut document = DocumentMut::new();
        document.decor_mut().set_prefix(format!(
            "# Monitoring data for {year}: actual indicator values and measure statuses.\n# Filled in by `plan import {year}`; edit by hand as any plan file.\n\n"
        ));
        return Ok(document);
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        Box::new(Diagnostic::error(format!("cannot read `{relative}`: {e}")).code("io"))
    })?;
    text.parse::<DocumentMut>().map_err(|e| {
        Box::new(
            Diagnostic::error(format!("`{relative}` is not valid TOML: {e}"))
                .code("toml")
                .about(relative.to_string()),
        )
    })
}

/// The `[[kind]]` table with this id, added at the end when there is none.
fn entry<'d>(document: &'d mut DocumentMut, kind: &str, id: &str) -> &'d mut Table {
    if !document.contains_key(kind) {
        document.insert(kind, Item::ArrayOfTables(Default::default()));
    }
    let Some(list) = document
        .get_mut(kind)
        .and_then(Item::as_array_of_tables_mut)
    else {
        unreachable!("`{kind}` was just made an array of tables")
    };
    let at = list
        .iter()
        .position(|t| t.get("id").and_then(Item::as_str) == Some(id));
    let at = match at {
        Some(at) => at,
        None => {
            let mut table = Table::new();
            table.insert("id", toml_edit::value(id));
            list.push(table);
            list.len() - 1
        }
    };
    match list.get_mut(at) {
        Some(table) => table,
        None => unreachable!("the table at {at} exists"),
    }
}

/// Removes tables added for rows with nothing filled in (only an id).
fn drop_empty(document: &mut DocumentMut) {
    for kind in ["indicator", "measure"] {
        if let Some(list) = document
            .get_mut(kind)
            .and_then(Item::as_array_of_tables_mut)
        {
            list.retain(|t| t.len() > 1);
            if list.is_empty() {
                document.remove(kind);
            }
        }
    }
}

/// What a table already holds for a key.
enum Was {
    Nothing,
    Same,
    Other(String),
}

impl Was {
    fn of(old: Option<&Value>, same: impl Fn(&Value) -> bool) -> Was {
        match old {
            None => Was::Nothing,
            Some(v) if same(v) => Was::Same,
            Some(v) => Was::Other(v.to_string()),
        }
    }
}

/// Merges read values into tables, reporting disagreements with values already there.
struct Merge<'a> {
    workbook: &'a str,
    file: &'a str,
    replace: bool,
    diags: &'a mut Diagnostics,
    errors: usize,
    changed: usize,
}

impl Merge<'_> {
    /// Sets `key` unless the file already has it: the same value is no change; another is
    /// an error, or replaced with `--replace`.
    fn set(
        &mut self,
        table: &mut dyn toml_edit::TableLike,
        key: &str,
        new: Value,
        was: Was,
        cell: &str,
        id: &str,
    ) {
        match was {
            Was::Same => {}
            Was::Other(old) if !self.replace => {
                self.errors += 1;
                let shown = new.to_string();
                self.diags.push(
                    Diagnostic::error(format!(
                        "`{id}` already has {key} = {} in {}, but the workbook says {}",
                        old.trim(),
                        self.file,
                        shown.trim()
                    ))
                    .code("import-conflict")
                    .in_cell(self.workbook, cell)
                    .hint("a value in the plan is never overwritten unasked: clear the cell or correct it, or run `plan import` with --replace to take the workbook's values"),
                );
            }
            _ => {
                table.insert(key, Item::Value(new));
                self.changed += 1;
            }
        }
    }

    fn number(&mut self, table: &mut Table, key: &str, read: Option<&Read<f64>>, id: &str) {
        let Some(read) = read else { return };
        let was = Was::of(table.get(key).and_then(Item::as_value), |v| {
            as_f64(v).is_some_and(|v| (v - read.value).abs() < 1e-9)
        });
        self.set(table, key, number_value(read.value), was, &read.cell, id);
    }

    fn text(&mut self, table: &mut Table, key: &str, read: Option<&Read<String>>, id: &str) {
        let Some(read) = read else { return };
        let was = Was::of(table.get(key).and_then(Item::as_value), |v| {
            v.as_str().is_some_and(|v| v.trim() == read.value)
        });
        let value = Value::from(read.value.as_str());
        self.set(table, key, value, was, &read.cell, id);
    }

    /// `spent = { SB = 120 }`, written inline when new (a `[measure.spent]` table already
    /// in the file stays one).
    fn spent(&mut self, table: &mut Table, source: &str, read: &Read<f64>, id: &str) {
        if !table.contains_key("spent") {
            table.insert("spent", Item::Value(Value::InlineTable(InlineTable::new())));
        }
        let Some(spent) = table.get_mut("spent").and_then(Item::as_table_like_mut) else {
            self.errors += 1;
            self.diags.push(
                Diagnostic::error(format!("`{id}`'s `spent` in {} is not a table", self.file))
                    .code("import-conflict")
                    .in_cell(self.workbook, read.cell.clone())
                    .hint("write `spent = { SB = 120 }` there, or remove it"),
            );
            return;
        };
        let was = Was::of(spent.get(source).and_then(Item::as_value), |v| {
            as_f64(v).is_some_and(|v| (v - read.value).abs() < 1e-9)
        });
        let mut value = number_value(read.value);
        value.decor_mut().set_prefix(" ");
        self.set(spent, source, value, was, &read.cell, id);
    }
}

fn as_f64(value: &Value) -> Option<f64> {
    value
        .as_float()
        .or_else(|| value.as_integer().map(|i| i as f64))
}

/// A number as TOML writes it: whole numbers as integers ("12", not "12.0").
fn number_value(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_with_either_decimal_mark() {
        assert_eq!(parse_number("51,2"), Some(51.2));
        assert_eq!(parse_number(" 1 234.5 "), Some(1234.5));
        assert_eq!(parse_number("−3"), Some(-3.0));
        assert_eq!(parse_number("apie 5"), None);
    }
}
