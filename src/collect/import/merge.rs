//! The read rows merged into the monitoring file, which keeps its comments, layout and
//! line endings (toml_edit): a value is set where the file has none, the same value is no
//! change, and another is an error unless `--replace`. The cell each value came from is
//! kept, for the check's messages.

use std::path::Path;

use toml_edit::{DocumentMut, InlineTable, Item, Table, TableLike, Value};

use super::check::Origin;
use super::nfc;
use super::rows::{IndicatorRow, MeasureRow, Read};
use crate::diag::{Diagnostic, Diagnostics, codes};

/// The monitoring file as it is (or a new one), and how it ends its lines.
pub(super) struct Existing {
    pub(super) document: DocumentMut,
    /// Whether its lines end in CR LF, which the written file keeps.
    crlf: bool,
}

impl Existing {
    /// Reads the file, or starts a new one with a comment saying where it came from.
    pub(super) fn read(
        path: &Path,
        relative: &str,
        year: i32,
    ) -> Result<Existing, Box<Diagnostic>> {
        if !path.exists() {
            let mut document = DocumentMut::new();
            // The editor's schema first, as in every file `plan init` writes.
            document.decor_mut().set_prefix(format!(
                "{}\n# Monitoring data for {year}: actual indicator values and measure statuses.\n# Filled in by `plan import {year}`; edit by hand as any plan file.\n\n",
                crate::schema::Kind::Monitoring.directive()
            ));
            return Ok(Existing {
                document,
                crlf: false,
            });
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(Diagnostic::error(format!("cannot read `{relative}`: {e}")).code(codes::IO))
        })?;
        let document = text.parse::<DocumentMut>().map_err(|e| {
            Box::new(
                Diagnostic::error(format!("`{relative}` is not valid TOML: {e}"))
                    .code(codes::TOML)
                    .about(relative.to_string()),
            )
        })?;
        Ok(Existing {
            document,
            crlf: text.contains("\r\n"),
        })
    }

    /// The file's new text, ending in a line break, with the line endings it had.
    pub(super) fn text(&self) -> String {
        let mut text = self.document.to_string().replace("\r\n", "\n");
        if !text.ends_with('\n') {
            text.push('\n');
        }
        if self.crlf {
            text = text.replace('\n', "\r\n");
        }
        text
    }
}

/// The `[[kind]]` entry with this id (ids compared in NFC), in an array of tables or an
/// inline array (`indicator = [{ … }]`); `Err` when `kind` is neither.
fn find<'d>(
    document: &'d mut DocumentMut,
    kind: &str,
    id: &str,
) -> Result<Option<&'d mut dyn TableLike>, ()> {
    let same =
        |t: &dyn TableLike| t.get("id").and_then(Item::as_str).map(nfc).as_deref() == Some(id);
    match document.get_mut(kind) {
        None => Ok(None),
        Some(Item::ArrayOfTables(list)) => Ok(list
            .iter_mut()
            .find(|t| same(*t))
            .map(|t| t as &mut dyn TableLike)),
        Some(Item::Value(Value::Array(list))) => Ok(list
            .iter_mut()
            .filter_map(Value::as_inline_table_mut)
            .find(|t| same(*t))
            .map(|t| t as &mut dyn TableLike)),
        Some(_) => Err(()),
    }
}

/// Adds a new entry at the end of `kind`, in the form the file already uses. A comment
/// that ended the file stays where it was, after what was there before.
fn append(document: &mut DocumentMut, kind: &str, mut table: Table) {
    match document.get_mut(kind) {
        Some(Item::Value(Value::Array(list))) => {
            list.push(table.into_inline_table());
            return;
        }
        Some(Item::ArrayOfTables(_)) => {}
        _ => {
            document.insert(kind, Item::ArrayOfTables(Default::default()));
        }
    }
    let trailing = document.trailing().as_str().unwrap_or_default().to_string();
    if trailing.contains('#') {
        table.decor_mut().set_prefix(trailing);
        document.set_trailing("");
    }
    if let Some(list) = document
        .get_mut(kind)
        .and_then(Item::as_array_of_tables_mut)
    {
        list.push(table);
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

/// Merges read values into entries, reporting disagreements with values already there,
/// and keeping where each value came from.
pub(super) struct Merge<'a> {
    pub(super) workbook: &'a str,
    pub(super) file: &'a str,
    pub(super) replace: bool,
    pub(super) diags: &'a mut Diagnostics,
    pub(super) errors: usize,
    pub(super) changed: usize,
    pub(super) origins: Vec<Origin>,
}

impl Merge<'_> {
    pub(super) fn indicator(&mut self, document: &mut DocumentMut, row: &IndicatorRow) {
        self.entry(document, "indicator", &row.id, &row.cell, |merge, table| {
            merge.number(table, "value", row.value.as_ref(), &row.id);
            merge.text(table, "note", row.note.as_ref(), &row.id);
            merge.text(table, "source", row.source.as_ref(), &row.id);
        });
    }

    pub(super) fn measure(&mut self, document: &mut DocumentMut, row: &MeasureRow) {
        self.entry(document, "measure", &row.id, &row.cell, |merge, table| {
            let status = row.status.as_ref().map(|s| Read {
                value: s.value.name().to_string(),
                cell: s.cell.clone(),
            });
            merge.text(table, "status", status.as_ref(), &row.id);
            merge.text(table, "comment", row.comment.as_ref(), &row.id);
            for (source, spent) in &row.spent {
                merge.spent(table, source, spent, &row.id);
            }
        });
    }

    /// Merges a row into its entry; a new entry is added only when it gets a value.
    fn entry(
        &mut self,
        document: &mut DocumentMut,
        kind: &'static str,
        id: &str,
        cell: &str,
        merge: impl FnOnce(&mut Self, &mut dyn TableLike),
    ) {
        self.origins.push(Origin {
            kind,
            id: id.to_string(),
            key: String::new(),
            cell: cell.to_string(),
        });
        match find(document, kind, id) {
            Ok(Some(table)) => merge(self, table),
            Ok(None) => {
                let mut table = Table::new();
                table.insert("id", toml_edit::value(id));
                merge(self, &mut table);
                if table.len() > 1 && self.complete(kind, &table, id, cell) {
                    append(document, kind, table);
                }
            }
            Err(()) => {
                self.errors += 1;
                self.diags.push(
                    Diagnostic::error(format!(
                        "`{kind}` in {} is not a list of entries",
                        self.file
                    ))
                    .code(codes::IMPORT_CONFLICT)
                    .in_cell(self.workbook, cell)
                    .hint(format!("write each entry as `[[{kind}]]` with its `id`")),
                );
            }
        }
    }

    /// Whether a new entry has what every entry needs: a measure its status. Checked
    /// here, at the row's cell, so that the merged file still loads and every other
    /// problem in it is reported in the same run.
    fn complete(&mut self, kind: &str, table: &Table, id: &str, cell: &str) -> bool {
        if kind != "measure" || table.contains_key("status") {
            return true;
        }
        self.errors += 1;
        self.diags.push(
            Diagnostic::error(format!("the row of `{id}` has values but no status"))
                .code(codes::MISSING_STATUS)
                .in_cell(self.workbook, cell)
                .hint("choose the measure's status at the end of the year: a reported measure needs one"),
        );
        false
    }

    /// Sets `key` unless the file already has it: the same value is no change; another is
    /// an error, or replaced with `--replace`.
    fn set(
        &mut self,
        table: &mut dyn TableLike,
        key: &str,
        new: Value,
        was: Was,
        read: (&str, &str),
    ) {
        let (cell, id) = read;
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
                    .code(codes::IMPORT_CONFLICT)
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

    /// Remembers the cell a key's value comes from.
    fn came_from(&mut self, kind: &'static str, id: &str, key: String, cell: &str) {
        self.origins.push(Origin {
            kind,
            id: id.to_string(),
            key,
            cell: cell.to_string(),
        });
    }

    fn number(&mut self, table: &mut dyn TableLike, key: &str, read: Option<&Read<f64>>, id: &str) {
        let Some(read) = read else { return };
        self.came_from("indicator", id, key.into(), &read.cell);
        let was = Was::of(table.get(key).and_then(Item::as_value), |v| {
            as_f64(v).is_some_and(|v| (v - read.value).abs() < 1e-9)
        });
        self.set(table, key, number_value(read.value), was, (&read.cell, id));
    }

    fn text(
        &mut self,
        table: &mut dyn TableLike,
        key: &str,
        read: Option<&Read<String>>,
        id: &str,
    ) {
        let Some(read) = read else { return };
        let kind = if matches!(key, "status" | "comment") {
            "measure"
        } else {
            "indicator"
        };
        self.came_from(kind, id, key.into(), &read.cell);
        let was = Was::of(table.get(key).and_then(Item::as_value), |v| {
            v.as_str().is_some_and(|v| nfc(v.trim()) == read.value)
        });
        let value = Value::from(read.value.as_str());
        self.set(table, key, value, was, (&read.cell, id));
    }

    /// `spent = { SB = 120 }`, written inline when new (a `[measure.spent]` table already
    /// in the file stays one).
    fn spent(&mut self, table: &mut dyn TableLike, source: &str, read: &Read<f64>, id: &str) {
        self.came_from("measure", id, format!("spent.{source}"), &read.cell);
        if !table.contains_key("spent") {
            table.insert("spent", Item::Value(Value::InlineTable(InlineTable::new())));
        }
        let Some(spent) = table.get_mut("spent").and_then(Item::as_table_like_mut) else {
            self.errors += 1;
            self.diags.push(
                Diagnostic::error(format!("`{id}`'s `spent` in {} is not a table", self.file))
                    .code(codes::IMPORT_CONFLICT)
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
        self.set(spent, source, value, was, (&read.cell, id));
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
