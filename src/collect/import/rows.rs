//! Reading the filled-in workbook: both sheets, found by their names in either language;
//! their columns, by their headers; each row's id and values, from its cells. A bad cell is
//! reported at its address and the rest is still read, so that one run reports them all.

use std::path::Path;

use calamine::Data;

use super::nfc;
use super::numbers::{Unreadable, parse_number};
use crate::collect::sheets::{Cell, Sheet, Workbook};
use crate::collect::{Words, address, status_of};
use crate::diag::{Code, Diagnostic, Diagnostics, codes};
use crate::model::monitoring::MeasureStatus;
use crate::model::{Language, Plan};

/// One value read from a cell, with the cell's address.
pub(super) struct Read<T> {
    pub(super) value: T,
    pub(super) cell: String,
}

/// A row of the indicator sheet.
pub(super) struct IndicatorRow {
    pub(super) id: String,
    /// The cell a problem with the whole entry is shown at.
    pub(super) cell: String,
    pub(super) value: Option<Read<f64>>,
    pub(super) note: Option<Read<String>>,
    pub(super) source: Option<Read<String>>,
}

/// A row of the measure sheet.
pub(super) struct MeasureRow {
    pub(super) id: String,
    /// The cell a problem with the whole entry is shown at: its status, the one value
    /// every entry needs.
    pub(super) cell: String,
    pub(super) status: Option<Read<MeasureStatus>>,
    pub(super) comment: Option<Read<String>>,
    pub(super) spent: Vec<(String, Read<f64>)>,
}

/// Reads cells, reporting each bad one at its address.
pub(super) struct SheetReader<'a> {
    pub(super) workbook: &'a str,
    pub(super) year: i32,
    pub(super) language: Language,
    pub(super) diags: &'a mut Diagnostics,
    pub(super) errors: usize,
}

impl SheetReader<'_> {
    fn fail(&mut self, diagnostic: Diagnostic) {
        self.errors += 1;
        self.diags.push(diagnostic);
    }

    fn at(&mut self, cell: &str, code: Code, message: String, hint: String) {
        self.fail(
            Diagnostic::error(message)
                .code(code)
                .in_cell(self.workbook, cell)
                .hint(hint),
        );
    }

    /// A problem with the workbook as a whole.
    fn whole(&mut self, message: String, hint: String) {
        let problem = Diagnostic::error(message)
            .code(codes::BAD_WORKBOOK)
            .about(self.workbook.to_string())
            .hint(hint);
        self.fail(problem);
    }

    /// The rows of both sheets; `None` when the workbook cannot be opened at all. Both
    /// sheets must be there and readable: a value on a sheet that cannot be read would be
    /// lost without a word.
    pub(super) fn read(
        &mut self,
        plan: &Plan,
        file: &Path,
    ) -> Option<(Vec<IndicatorRow>, Vec<MeasureRow>)> {
        let year = self.year;
        let remake = format!(
            "pass the XLSX file `plan export --collect {year}` made, after it was filled in"
        );
        let mut book = match Workbook::open(file) {
            Ok(book) => book,
            Err(why) => {
                self.whole(
                    format!("cannot read the workbook `{}`: {why}", self.workbook),
                    remake,
                );
                return None;
            }
        };
        let names = book.sheet_names();
        let mut sheet = |reader: &mut Self, own: &'static str, other: &'static str| {
            let Some(name) = names.iter().find(|n| [own, other].contains(&n.as_str())) else {
                let has = names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                reader.whole(
                    format!("the workbook `{}` has no sheet \"{own}\"", reader.workbook),
                    format!("it has {has}; give the sheet its name back (the values on it are read by that name), or make the workbook again with `plan export --collect {year}`"),
                );
                return None;
            };
            match book.sheet(name) {
                Ok(sheet) => Some((name.clone(), sheet)),
                Err(why) => {
                    reader.whole(
                        format!("cannot read the workbook `{}`: {why}", reader.workbook),
                        remake.clone(),
                    );
                    None
                }
            }
        };
        let [own, other] = Words::both(self.language);
        let indicator_sheet = sheet(self, &own.indicators, &other.indicators);
        let measure_sheet = sheet(self, &own.measures, &other.measures);
        let indicators = indicator_sheet
            .map(|(name, sheet)| self.indicators(plan, &name, &sheet))
            .unwrap_or_default();
        let measures = measure_sheet
            .map(|(name, sheet)| self.measures(plan, &name, &sheet))
            .unwrap_or_default();
        Some((indicators, measures))
    }

    /// The header's columns: each wanted label's column (in either language), or an error
    /// naming the missing ones.
    fn columns<const N: usize>(
        &mut self,
        name: &str,
        sheet: &Sheet,
        wanted: [[String; 2]; N],
    ) -> Option<[u32; N]> {
        let header: Vec<(u32, String)> = sheet
            .header()
            .filter_map(|(col, cell)| Some((col, text(cell)?)))
            .collect();
        let mut found = [0u32; N];
        let mut missing = Vec::new();
        for (i, labels) in wanted.iter().enumerate() {
            match header.iter().find(|(_, h)| labels.contains(h)) {
                Some((col, _)) => found[i] = *col,
                None => missing.push(format!("\"{}\"", labels[0])),
            }
        }
        if missing.is_empty() {
            return Some(found);
        }
        let year = self.year;
        self.fail(
            Diagnostic::error(format!(
                "the sheet \"{name}\" has no column {}",
                missing.join(", ")
            ))
            .code(codes::BAD_WORKBOOK)
            .in_cell(self.workbook, format!("{name}!1:1"))
            .hint(format!("was the workbook made for another year? `plan export --collect {year}` makes the one for {year}")),
        );
        None
    }

    /// Every row's id (in NFC, as plan files are read) with its row number, reporting ids
    /// the plan does not have, and rows that hold values in `inputs` without an id (their
    /// values would be lost).
    fn ids(
        &mut self,
        name: &str,
        sheet: &Sheet,
        id_col: u32,
        inputs: &[u32],
        known: &[&str],
        what: &str,
    ) -> Vec<(u32, String)> {
        let mut rows = Vec::new();
        for (row, cell) in sheet.column(id_col) {
            let Some(id) = self.text(name, sheet, row, id_col) else {
                continue;
            };
            let id = id.value;
            if known.contains(&id.as_str()) {
                rows.push((row, id));
                continue;
            }
            if *cell == Cell::Uncomputed {
                continue;
            }
            let hint = crate::suggest::hint(&id, known.iter().copied(), || {
                format!(
                    "the Id column holds the plan's {what} ids, as `plan export --collect` wrote them; do not change it"
                )
            });
            self.at(
                &address(name, row, id_col as u16),
                codes::UNKNOWN_ID,
                format!("unknown {what} `{id}`"),
                hint,
            );
        }
        let mut orphans: Vec<(u32, u32)> = inputs
            .iter()
            .flat_map(|col| sheet.column(*col).map(|(row, _)| (row, *col)))
            .filter(|(row, _)| sheet.get(*row, id_col).is_none())
            .collect();
        orphans.sort();
        orphans.dedup_by_key(|(row, _)| *row);
        for (row, col) in orphans {
            self.at(
                &address(name, row, col as u16),
                codes::NO_ID,
                format!("a row without an {what} id holds a value"),
                format!("write the {what}'s id in the Id column of the row (as `plan export --collect` wrote it), or clear the row"),
            );
        }
        rows
    }

    /// A number cell: a number, or text that reads as one in the plan's language ("12,5"
    /// and "1 234" in Lithuanian, "1,234.5" in English); empty is none.
    fn number(&mut self, name: &str, sheet: &Sheet, row: u32, col: u32) -> Option<Read<f64>> {
        let cell = address(name, row, col as u16);
        let found = sheet.get(row, col)?;
        let parsed = match found {
            Cell::Uncomputed => return self.uncomputed(&cell),
            Cell::Value(Data::Float(v)) => Ok(*v),
            Cell::Value(Data::Int(v)) => Ok(*v as f64),
            Cell::Value(Data::String(s)) if s.trim().is_empty() => return None,
            Cell::Value(Data::String(s)) => parse_number(s, self.language),
            Cell::Value(_) => Err(Unreadable::NotANumber),
        };
        let shown = match found {
            Cell::Value(d) => d.to_string(),
            Cell::Uncomputed => String::new(),
        };
        let example = match self.language {
            Language::Lt => "51,2",
            Language::En => "51.2",
        };
        match parsed {
            Ok(value) if value.is_finite() => return Some(Read { value, cell }),
            Ok(_) | Err(Unreadable::NotANumber) => self.at(
                &cell,
                codes::NOT_A_NUMBER,
                format!("`{shown}` is not a number"),
                format!("write the value in digits, without units, e.g. {example}"),
            ),
            Err(Unreadable::Ambiguous) => {
                let hint = match self.language {
                    Language::En => {
                        "in an English plan a comma separates thousands (1,690) and a point is the decimal mark (1.69): write the number one of those ways"
                    }
                    Language::Lt => {
                        "in a Lithuanian plan a comma is the decimal mark (1,69) and spaces separate thousands (1 690): write the number one of those ways"
                    }
                };
                self.at(
                    &cell,
                    codes::AMBIGUOUS_NUMBER,
                    format!("`{shown}` can be read as two different numbers"),
                    hint.into(),
                );
            }
        }
        None
    }

    /// Reports a formula without a computed value: its value is not in the file.
    fn uncomputed<T>(&mut self, cell: &str) -> Option<T> {
        self.at(
            cell,
            codes::UNCOMPUTED_FORMULA,
            "the cell holds a formula whose value the workbook does not hold".into(),
            "open the workbook in a spreadsheet program and save it (that computes the value), or type the value itself".into(),
        );
        None
    }

    /// A text cell, trimmed and in NFC; empty is none.
    fn text(&mut self, name: &str, sheet: &Sheet, row: u32, col: u32) -> Option<Read<String>> {
        let cell = address(name, row, col as u16);
        match sheet.get(row, col)? {
            Cell::Uncomputed => self.uncomputed(&cell),
            found => text(found).map(|value| Read { value, cell }),
        }
    }

    fn indicators(&mut self, plan: &Plan, name: &str, sheet: &Sheet) -> Vec<IndicatorRow> {
        let y = self.year;
        let Some([id, value, note, source]) = self.columns(
            name,
            sheet,
            [
                both(|w| w.id.clone()),
                both(|w| w.actual.year(y)),
                both(|w| w.note.clone()),
                both(|w| w.source.clone()),
            ],
        ) else {
            return Vec::new();
        };
        let known: Vec<&str> = plan.indicators().map(|o| o.indicator.id.as_str()).collect();
        let inputs = [value, note, source];
        self.ids(name, sheet, id, &inputs, &known, "indicator")
            .into_iter()
            .map(|(row, id)| IndicatorRow {
                id,
                cell: address(name, row, value as u16),
                value: self.number(name, sheet, row, value),
                note: self.text(name, sheet, row, note),
                source: self.text(name, sheet, row, source),
            })
            .collect()
    }

    fn measures(&mut self, plan: &Plan, name: &str, sheet: &Sheet) -> Vec<MeasureRow> {
        let y = self.year;
        let Some([id, status, comment]) = self.columns(
            name,
            sheet,
            [
                both(|w| w.id.clone()),
                both(|w| w.status.clone()),
                both(|w| w.comment.clone()),
            ],
        ) else {
            return Vec::new();
        };
        let mut spent_columns = Vec::new();
        for source in &plan.sources {
            let labels = both(|w| w.spent.fill(&[("year", &y), ("source", &source.id)]));
            if let Some([col]) = self.columns(name, sheet, [labels]) {
                spent_columns.push((source.id.clone(), col));
            }
        }
        let known: Vec<&str> = plan.measures().map(|(.., m)| m.id.as_str()).collect();
        let mut inputs = vec![status, comment];
        inputs.extend(spent_columns.iter().map(|(_, col)| *col));
        let mut rows = Vec::new();
        for (row, id) in self.ids(name, sheet, id, &inputs, &known, "measure") {
            let status_read = self
                .text(name, sheet, row, status)
                .and_then(|read| self.status(read));
            let mut spent = Vec::new();
            for (source, col) in &spent_columns {
                if let Some(read) = self.number(name, sheet, row, *col) {
                    if read.value < 0.0 {
                        self.at(
                            &read.cell,
                            codes::NEGATIVE_AMOUNT,
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
                cell: address(name, row, status as u16),
                status: status_read,
                comment: self.text(name, sheet, row, comment),
                spent,
            });
        }
        rows
    }

    /// The status a cell names, or an error at it.
    fn status(&mut self, read: Read<String>) -> Option<Read<MeasureStatus>> {
        if let Some(value) = status_of(&read.value) {
            return Some(Read {
                value,
                cell: read.cell,
            });
        }
        let labels = Words::of(self.language).statuses().join(", ");
        self.at(
            &read.cell,
            codes::UNKNOWN_STATUS,
            format!("`{}` is not a measure status", read.value),
            format!("choose one of: {labels}"),
        );
        None
    }
}

/// A header in both languages (Lithuanian first): a workbook is read in either.
fn both(label: impl Fn(&Words) -> String) -> [String; 2] {
    Words::both(Language::Lt).map(label)
}

/// A cell's text, trimmed, in NFC, with line breaks as `\n`; none when empty. Numbers
/// read as text are written as Excel shows them.
fn text(cell: &Cell) -> Option<String> {
    let text = match cell {
        Cell::Uncomputed | Cell::Value(Data::Empty) => return None,
        Cell::Value(Data::String(s)) => s.trim().replace("\r\n", "\n"),
        Cell::Value(other) => other.to_string(),
    };
    (!text.is_empty()).then(|| nfc(&text))
}
