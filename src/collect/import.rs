//! `plan import <year> FILE`: reads a filled-in collection workbook and merges it into
//! `monitoring/<year>.toml`. The file keeps its comments, layout and line endings
//! (toml_edit), and no value already in it is lost: a cell that disagrees with one is an
//! error unless the user asks for the workbook's (`--replace`). The merged file is checked
//! with the rest of the plan, as `plan check` would, before anything is written; every
//! problem (bad cells, conflicts, what the plan rejects) is reported in one run, at its
//! sheet and cell where it comes from the workbook, and nothing is written while there is
//! one. The plan folder is locked from reading the file to writing it, so a second import
//! waits and merges into what the first wrote.

use std::path::{Path, PathBuf};

use calamine::Data;
use toml_edit::{DocumentMut, InlineTable, Item, Table, TableLike, Value};

use super::sheets::{Cell, Sheet, Workbook};
use super::{Words, address, status_of};
use crate::diag::{Code, Diagnostic, Diagnostics, FileId, Sources, codes};
use crate::model::monitoring::MeasureStatus;
use crate::model::{Language, Plan};

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
    /// The cell a problem with the whole entry is shown at.
    cell: String,
    value: Option<Read<f64>>,
    note: Option<Read<String>>,
    source: Option<Read<String>>,
}

/// A row of the measure sheet.
struct MeasureRow {
    id: String,
    /// The cell a problem with the whole entry is shown at: its status, the one value
    /// every entry needs.
    cell: String,
    status: Option<Read<MeasureStatus>>,
    comment: Option<Read<String>>,
    spent: Vec<(String, Read<f64>)>,
}

/// Reads `options.file` into the plan's monitoring file. `None` when nothing was written;
/// the diagnostics say why. What is written has been checked with the whole plan, and
/// the diagnostics then hold that check's warnings (spending above plan, missing values …).
pub fn import(
    options: &ImportOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Imported> {
    let checked = plan_as_it_is(options, sources, diags)?;
    let plan = &checked.plan;
    let year = options.year;
    let relative = format!("monitoring/{year}.toml");
    let path = options.dir.join(&relative);
    if !crate::confine::Folder::new(&options.dir).holds(&path) {
        diags.push(
            Diagnostic::error(format!("`{relative}` leads outside the plan folder"))
                .code(codes::OUTSIDE_FOLDER)
                .about(path.display().to_string())
                .hint("`monitoring` (or the file) is a symbolic link to somewhere else; make it a folder of the plan, then import again"),
        );
        return None;
    }
    let workbook = options.file.display().to_string();
    let mut reader = SheetReader {
        workbook: &workbook,
        year,
        language: plan.meta.language,
        diags: &mut *diags,
        errors: 0,
    };
    let (indicators, measures) = reader.read(plan, &options.file)?;
    let mut errors = reader.errors;

    // From reading the file to writing it, no other import may write it.
    let _lock = match crate::output::lock_folder(&options.dir) {
        Ok(lock) => lock,
        Err(e) => {
            diags.push(
                Diagnostic::error(format!(
                    "cannot lock the plan folder `{}`: {e}",
                    options.dir.display()
                ))
                .code(codes::IO),
            );
            return None;
        }
    };
    let created = !path.exists();
    let mut file = match Existing::read(&path, &relative, year) {
        Ok(file) => file,
        Err(problem) => {
            diags.push(*problem);
            return None;
        }
    };
    if std::env::var("PLAN_FAULT").is_ok_and(|f| f == "pause:import") {
        // For tests: a second import started now must wait for this one.
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    let mut merge = Merge {
        workbook: &workbook,
        file: &relative,
        replace: options.replace,
        diags: &mut *diags,
        errors: 0,
        changed: 0,
        origins: Vec::new(),
    };
    for row in &indicators {
        merge.indicator(&mut file.document, row);
    }
    for row in &measures {
        merge.measure(&mut file.document, row);
    }
    errors += merge.errors;
    let (changed, origins) = (merge.changed, merge.origins);
    if changed == 0 {
        return (errors == 0).then_some(Imported {
            path,
            changed,
            created: false,
        });
    }
    let text = file.text();
    let merged = Merged {
        dir: &options.dir,
        relative: &relative,
        text: &text,
        workbook: &workbook,
        origins: &origins,
    };
    if !merged.check(errors > 0, sources, diags) || errors > 0 {
        return None;
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| crate::output::write_atomic(&path, text.as_bytes()));
    if let Err(e) = written {
        diags.push(
            Diagnostic::error(format!("cannot write `{}`: {e}", path.display())).code(codes::IO),
        );
        return None;
    }
    Some(Imported {
        path,
        changed,
        created,
    })
}

/// The plan as it is, checked: its errors stop the import; its warnings are not the
/// workbook's business (the merged plan is checked, and they shown, before writing).
fn plan_as_it_is(
    options: &ImportOptions,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<crate::Checked> {
    let mut before = Diagnostics::default();
    let checked = crate::check(&options.dir, sources, &mut before);
    if before.has_errors() || checked.is_none() {
        diags.extend(before.iter().cloned());
        return None;
    }
    let checked = checked?;
    let (first, last) = checked.plan.meta.period;
    let year = options.year;
    if !(first..=last).contains(&year) {
        diags.push(
            Diagnostic::usage(format!("{year} is outside the plan period {first}–{last}"))
                .hint("import the values of a year of the plan period"),
        );
        return None;
    }
    Some(checked)
}

/// The merged monitoring file, to be checked with the rest of the plan.
struct Merged<'a> {
    dir: &'a Path,
    relative: &'a str,
    text: &'a str,
    workbook: &'a str,
    origins: &'a [Origin],
}

impl Merged<'_> {
    /// Checks the plan as it would be with the merged file, adding what the check finds
    /// to `diags` (only its errors when `failed` already, since nothing will be written),
    /// problems with values from the workbook shown at their cells. Whether it passed.
    fn check(&self, failed: bool, sources: &mut Sources, diags: &mut Diagnostics) -> bool {
        let mut found = Diagnostics::default();
        let mut merged_sources = Sources::default();
        let overlay = [(self.relative.to_string(), self.text.to_string())];
        crate::check_with_monitoring(self.dir, &overlay, &mut merged_sources, &mut found);
        let places = merged_sources
            .find(self.relative)
            .map(|file| (file, places(merged_sources.text(file))));
        let passed = !found.has_errors();
        for d in found.iter() {
            if failed && d.severity != crate::diag::Severity::Error {
                continue;
            }
            diags.push(self.located(d.clone(), places.as_ref()));
        }
        *sources = merged_sources;
        passed
    }

    /// A problem in the merged file about a value from the workbook, moved to its cell.
    fn located(&self, d: Diagnostic, places: Option<&(FileId, Vec<Place>)>) -> Diagnostic {
        let Some((file, places)) = places else {
            return d;
        };
        let Some(span) = d.span.as_ref().filter(|s| s.file == *file) else {
            return d;
        };
        let Some(place) = place_of(places, span.range.start) else {
            return d;
        };
        let origin = self
            .origins
            .iter()
            .find(|o| o.kind == place.kind && o.id == place.id && o.key == place.key)
            .or_else(|| {
                self.origins
                    .iter()
                    .find(|o| o.kind == place.kind && o.id == place.id && o.key.is_empty())
            });
        let Some(origin) = origin else { return d };
        let what = match place.key.as_str() {
            "" => format!("`{}`", place.id),
            key => format!("`{key}` of `{}`", place.id),
        };
        let mut d = Diagnostic {
            span: None,
            related: Vec::new(),
            label: String::new(),
            ..d
        }
        .in_cell(self.workbook, origin.cell.clone());
        d.hints.push(format!(
            "from the workbook: {what} in {} would be this",
            self.relative
        ));
        d
    }
}

/// Where a value from the workbook came from: its entry (`indicator` or `measure`, id),
/// its key (`spent.SB` for spending; empty for the entry as a whole) and its cell.
struct Origin {
    kind: &'static str,
    id: String,
    key: String,
    cell: String,
}

/// A stretch of the merged file: an entry (`key` empty), or one key of it.
struct Place {
    start: usize,
    end: usize,
    kind: &'static str,
    id: String,
    key: String,
}

/// The entries of a monitoring file and their keys, with their byte ranges.
fn places(text: &str) -> Vec<Place> {
    let Ok(document) = toml_edit::Document::parse(text) else {
        return Vec::new();
    };
    let mut places = Vec::new();
    for kind in ["indicator", "measure"] {
        let tables: Vec<&dyn TableLike> = match document.as_table().get(kind) {
            Some(Item::ArrayOfTables(list)) => list.iter().map(|t| t as &dyn TableLike).collect(),
            Some(Item::Value(Value::Array(list))) => list
                .iter()
                .filter_map(Value::as_inline_table)
                .map(|t| t as &dyn TableLike)
                .collect(),
            _ => Vec::new(),
        };
        for table in tables {
            let id = table.get("id").and_then(Item::as_str).map(nfc);
            let Some(id) = id else { continue };
            let mut keys = Vec::new();
            spans_of(table, "", &mut keys);
            let start = keys.iter().map(|(s, ..)| *s).min().unwrap_or(0);
            let entry = |start, end, key| Place {
                start,
                end,
                kind,
                id: id.clone(),
                key,
            };
            // The entry starts at its `[[kind]]` header, which is before its first key.
            let header = text[..start].rfind(&format!("[[{kind}]]")).unwrap_or(start);
            places.push(entry(header, usize::MAX, String::new()));
            for (start, end, key) in keys {
                places.push(entry(start, end, key));
            }
        }
    }
    places
}

/// Each key of `table` (and of its inner tables, as `outer.inner`) with its range.
fn spans_of(table: &dyn TableLike, prefix: &str, out: &mut Vec<(usize, usize, String)>) {
    for (name, _) in table.iter() {
        let Some((key, item)) = table.get_key_value(name) else {
            continue;
        };
        let full = format!("{prefix}{name}");
        if let (Some(k), Some(v)) = (key.span(), item.span()) {
            out.push((k.start, v.end, full.clone()));
        }
        if let Some(inner) = item.as_table_like() {
            spans_of(inner, &format!("{full}."), out);
        }
    }
}

/// The innermost key holding `at`, or else the entry it lies in.
fn place_of(places: &[Place], at: usize) -> Option<&Place> {
    let key = places
        .iter()
        .filter(|p| !p.key.is_empty() && (p.start..p.end).contains(&at))
        .min_by_key(|p| p.end - p.start);
    key.or_else(|| {
        places
            .iter()
            .filter(|p| p.key.is_empty() && p.start <= at)
            .max_by_key(|p| p.start)
    })
}

/// Text in Unicode NFC, as plan files are read: ids and text compare as they look.
fn nfc(text: &str) -> String {
    crate::load::nfc(text.to_string())
}

/// Reads cells, reporting each bad one at its address.
struct SheetReader<'a> {
    workbook: &'a str,
    year: i32,
    language: Language,
    diags: &'a mut Diagnostics,
    errors: usize,
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
    fn read(&mut self, plan: &Plan, file: &Path) -> Option<(Vec<IndicatorRow>, Vec<MeasureRow>)> {
        let year = self.year;
        let remake = format!(
            "pass the XLSX file `plan export --collect {year} --format xlsx` made, after it was filled in"
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
                    format!("it has {has}; give the sheet its name back (the values on it are read by that name), or make the workbook again with `plan export --collect {year} --format xlsx`"),
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
            .hint(format!("was the workbook made for another year? `plan export --collect {year} --format xlsx` makes the one for {year}")),
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

/// Why text is not read as a number.
#[derive(Debug, PartialEq)]
enum Unreadable {
    NotANumber,
    /// It reads as two different numbers, by the two conventions: "1.690" in Lithuanian.
    Ambiguous,
}

/// A number written as text, as the plan's language writes numbers. Thousands may be
/// separated by spaces, or in English by commas ("1,690"); the decimal mark is the
/// language's (a comma in Lithuanian, a point in English). The other mark, where it
/// cannot separate thousands ("51.2" in Lithuanian, "36,5" in English), is a decimal mark
/// too; anything that reads as two different numbers ("1.690" in Lithuanian, "1234,567" in
/// English) is refused rather than guessed.
fn parse_number(text: &str, language: Language) -> Result<f64, Unreadable> {
    let (decimal, group) = match language {
        Language::Lt => (',', '.'),
        Language::En => ('.', ','),
    };
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            '−' => '-',
            c => c,
        })
        .collect();
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(&text)),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let (whole, fraction) = match body.split_once(decimal) {
        Some((whole, fraction)) if digits(fraction) => (whole, Some(fraction)),
        Some(_) => return Err(Unreadable::NotANumber),
        None => (body, None),
    };
    let whole = match grouped(whole) {
        Some(whole) => whole,
        // "51.2" in Lithuanian, "36,5" in English: a mark that cannot separate thousands
        // is a decimal mark.
        None if fraction.is_none() => {
            return match whole.split_once(group) {
                Some((w, f)) if digits(w) && digits(f) && f.len() != 3 => format!("{sign}{w}.{f}")
                    .parse()
                    .map_err(|_| Unreadable::NotANumber),
                Some((w, f)) if digits(w) && digits(f) => Err(Unreadable::Ambiguous),
                _ => Err(Unreadable::NotANumber),
            };
        }
        None => return Err(Unreadable::NotANumber),
    };
    // "1.690" in Lithuanian: thousands by points, or a decimal point?
    if language == Language::Lt && body.contains(group) && fraction.is_none() {
        return Err(Unreadable::Ambiguous);
    }
    let number = match fraction {
        Some(fraction) => format!("{sign}{whole}.{fraction}"),
        None => format!("{sign}{whole}"),
    };
    number.parse().map_err(|_| Unreadable::NotANumber)
}

/// The digits of a whole number, written plain ("1690") or with thousands separated by
/// spaces, commas or points ("1 690", "1,690,000"), one kind of separator throughout.
fn grouped(whole: &str) -> Option<String> {
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if all_digits(whole) {
        return Some(whole.to_string());
    }
    let separator = whole.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, ' ' | ',' | '.') {
        return None;
    }
    let mut groups = whole.split(separator);
    let first = groups.next()?;
    let first_ok = all_digits(first) && first.len() <= 3;
    let rest: Vec<&str> = groups.collect();
    let rest_ok = rest.iter().all(|g| all_digits(g) && g.len() == 3);
    (first_ok && rest_ok).then(|| whole.replace(separator, ""))
}

/// The monitoring file as it is (or a new one), and how it ends its lines.
struct Existing {
    document: DocumentMut,
    /// Whether its lines end in CR LF, which the written file keeps.
    crlf: bool,
}

impl Existing {
    /// Reads the file, or starts a new one with a comment saying where it came from.
    fn read(path: &Path, relative: &str, year: i32) -> Result<Existing, Box<Diagnostic>> {
        if !path.exists() {
            let mut document = DocumentMut::new();
            document.decor_mut().set_prefix(format!(
                "# Monitoring data for {year}: actual indicator values and measure statuses.\n# Filled in by `plan import {year}`; edit by hand as any plan file.\n\n"
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
    fn text(&self) -> String {
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
struct Merge<'a> {
    workbook: &'a str,
    file: &'a str,
    replace: bool,
    diags: &'a mut Diagnostics,
    errors: usize,
    changed: usize,
    origins: Vec<Origin>,
}

impl Merge<'_> {
    fn indicator(&mut self, document: &mut DocumentMut, row: &IndicatorRow) {
        self.entry(document, "indicator", &row.id, &row.cell, |merge, table| {
            merge.number(table, "value", row.value.as_ref(), &row.id);
            merge.text(table, "note", row.note.as_ref(), &row.id);
            merge.text(table, "source", row.source.as_ref(), &row.id);
        });
    }

    fn measure(&mut self, document: &mut DocumentMut, row: &MeasureRow) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_plan_s_language_writes_them() {
        let lt = |s| parse_number(s, Language::Lt);
        let en = |s| parse_number(s, Language::En);
        assert_eq!(lt("51,2"), Ok(51.2));
        assert_eq!(lt("1,69"), Ok(1.69));
        assert_eq!(lt(" 1 234,5 "), Ok(1234.5));
        assert_eq!(lt("51.2"), Ok(51.2));
        assert_eq!(lt("1.690"), Err(Unreadable::Ambiguous));
        assert_eq!(lt("1.690,5"), Ok(1690.5));
        assert_eq!(lt("−3"), Ok(-3.0));
        assert_eq!(en("1,690"), Ok(1690.0));
        assert_eq!(en("1,690,000.25"), Ok(1_690_000.25));
        assert_eq!(en("1.69"), Ok(1.69));
        assert_eq!(en("36,5"), Ok(36.5));
        assert_eq!(en("1234,567"), Err(Unreadable::Ambiguous));
        assert_eq!(en("1 69"), Err(Unreadable::NotANumber));
        assert_eq!(en("apie 5"), Err(Unreadable::NotANumber));
        assert_eq!(lt("1,2,3"), Err(Unreadable::NotANumber));
    }
}
