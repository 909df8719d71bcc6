//! Datasets: each `data/<id>.toml` names a CSV file or a workbook whose table of values a
//! plan's chapters quote. Read here as written: the TOML, and every cell of the table as
//! text (or a workbook's number) with the place it was written, so that the model can type
//! the columns and report a wrong cell where it is. CSV and workbooks are read at a bounded
//! cost: the file's size, and the cells kept, are capped as the collection workbook's are
//! ([`crate::collect::sheets`]). A CSV or workbook in `data/` that no dataset names is a
//! warning: a consultant's file dropped there and forgotten.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::files::{Entry, Files};
use super::raw::Str;
use crate::collect::sheets::{self, Cell as SheetCell};
use crate::diag::{Diagnostic, Diagnostics, FileId, Sources, Span, codes};

/// `data/<id>.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile {
    pub title: Str,
    pub unit: Option<Str>,
    pub source: Str,
    pub retrieved: Option<Spanned<toml::value::Datetime>>,
    pub notes: Option<Str>,
    pub file: Option<Str>,
    pub sheet: Option<Str>,
    pub range: Option<Str>,
    pub separator: Option<Str>,
    pub decimal: Option<Str>,
    pub key: Option<Str>,
    /// Whose decimals a number shows: its column's (`"column"`, the default) or its row's
    /// (`"row"`).
    pub precision: Option<Str>,
    #[serde(default)]
    pub columns: BTreeMap<Spanned<String>, Str>,
    pub survey: Option<SurveyFile>,
}

/// `[survey]`: how many answered, and when (`from`, `to`: the fieldwork's first and last
/// day; one day: `from` alone).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyFile {
    pub respondents: Spanned<i64>,
    pub from: Option<Spanned<toml::value::Datetime>>,
    pub to: Option<Spanned<toml::value::Datetime>>,
}

/// One dataset as read: its declaration, and its table when the file could be read.
#[derive(Debug)]
pub struct RawDataset {
    /// The file stem of its TOML.
    pub id: String,
    pub toml: FileId,
    pub spec: DatasetFile,
    /// The file of values, relative to the plan folder.
    pub path: String,
    pub table: Option<Table>,
}

/// A table as written: the header row first, every row as its cells.
#[derive(Debug, Default)]
pub struct Table {
    pub rows: Vec<Vec<RawCell>>,
    /// The decimal point numbers written as text use.
    pub decimal: char,
}

/// One cell as written, and where.
#[derive(Debug, Clone)]
pub struct RawCell {
    /// The text as written (a workbook's number as its shortest decimal form).
    pub text: String,
    /// A workbook's number cell, exactly as stored.
    pub number: Option<f64>,
    /// A workbook's formula whose result the file does not keep: its value is unknown.
    pub uncomputed: bool,
    pub place: Place,
}

/// Where a cell is: a span in the CSV file, or (a workbook) its address with the span of
/// the dataset's key that names the workbook.
#[derive(Debug, Clone)]
pub struct Place {
    pub span: Span,
    /// `Gyventojai!B7` for a workbook's cell.
    pub address: Option<String>,
}

impl Place {
    /// The cell in a message: " (Gyventojai!B7)" for a workbook, "" for a CSV (its span
    /// shows it).
    pub fn shown(&self) -> String {
        self.address
            .as_ref()
            .map(|a| format!(" (cell {a})"))
            .unwrap_or_default()
    }
}

/// File kinds a dataset's values may be in, and others a consultant may drop into `data/`.
const TABLE_EXTENSIONS: [&str; 5] = ["csv", "xlsx", "xls", "ods", "tsv"];

/// Reads every `data/*.toml` and the table it names.
pub(crate) fn read(
    files: &dyn Files,
    sources: &mut Sources,
    diags: &mut Diagnostics,
    damaged: &mut Vec<Span>,
) -> (Vec<RawDataset>, Vec<String>) {
    let (mut datasets, mut unread) = (Vec::new(), Vec::new());
    let mut unread_files = Vec::new();
    for name in super::toml_files(files, "data", diags) {
        let id = name
            .trim_start_matches("data/")
            .trim_end_matches(".toml")
            .to_string();
        let Some((toml, spec)) =
            super::read_toml::<DatasetFile>(files, &name, sources, diags, damaged)
        else {
            // Its file is still its own, not a file nobody declares.
            let file = sources
                .find(&name)
                .and_then(|f| sources.text(f).parse::<toml::Table>().ok())
                .and_then(|t| t.get("file")?.as_str().map(str::to_string));
            unread_files.push(format!(
                "data/{}",
                file.unwrap_or_else(|| format!("{id}.csv"))
            ));
            unread.push(id);
            continue;
        };
        if !crate::model::valid_id(&id) {
            diags.push(
                Diagnostic::error(format!("`{name}` is not named as a dataset is"))
                    .code(codes::INVALID_ID)
                    .at(Span::new(toml, 0..0))
                    .hint("the file's name is the dataset's id in `{{ data.<id>.… }}`: letters, digits, `-` and `_`, e.g. data/gyventojai.toml"),
            );
            unread.push(id);
            continue;
        }
        let written = spec.file.as_ref().map(|f| f.get_ref().clone());
        let origin = spec.file.as_ref().map(|f| Span::new(toml, f.span()));
        let relative = written.unwrap_or_else(|| format!("{id}.csv"));
        if let (Err(problem), Some(origin)) = (super::check_relative(&relative), &origin) {
            diags.push(
                Diagnostic::error(format!("`file = \"{relative}\"` {problem}"))
                    .code(codes::BAD_PATH)
                    .at(origin.clone())
                    .label("not a file inside data/")
                    .hint("name the file relative to the data/ folder, e.g. `file = \"gyventojai.csv\"`"),
            );
            continue;
        }
        let path = format!("data/{relative}");
        // Two sheets (or ranges) of one workbook are two tables; the same table read twice
        // is a copy left behind.
        let same_table = |d: &RawDataset| {
            let part = |s: &DatasetFile| {
                let text = |v: &Option<Str>| v.as_ref().map(|v| v.get_ref().trim().to_string());
                (text(&s.sheet), text(&s.range).map(|r| r.to_uppercase()))
            };
            d.path == path && part(&d.spec) == part(&spec)
        };
        if let Some(at) = &origin
            && let Some(first) = datasets.iter().find(|d| same_table(d))
        {
            diags.push(
                Diagnostic::warning(format!(
                    "the dataset `{id}` reads the same table of `{path}` as `{}`",
                    first.id
                ))
                .code(codes::DUPLICATE_DATASET)
                .at(at.clone())
                .label("read by another dataset too")
                .hint(format!(
                    "one table is one dataset: remove data/{id}.toml (or data/{}.toml) and quote the other; to read another sheet or part of a workbook, name it with `sheet` or `range`",
                    first.id
                )),
            );
        }
        let at = origin.unwrap_or_else(|| Span::new(toml, 0..0));
        let table = read_table(files, &path, &spec, toml, at, sources, diags);
        datasets.push(RawDataset {
            id,
            toml,
            spec,
            path,
            table,
        });
    }
    undeclared(files, &datasets, &unread_files, diags);
    (datasets, unread)
}

/// Warns of each table file in `data/` that no dataset names.
/// The file of a dataset whose TOML could not be read (`unread`, as far as it can be told)
/// is not reported: that dataset's error is.
fn undeclared(
    files: &dyn Files,
    datasets: &[RawDataset],
    unread: &[String],
    diags: &mut Diagnostics,
) {
    let Ok(mut names) = files.names("data") else {
        return;
    };
    names.sort();
    for name in names {
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_lowercase());
        let table = extension.is_some_and(|e| TABLE_EXTENSIONS.contains(&e.as_str()));
        let path = format!("data/{name}");
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let declared = datasets.iter().any(|d| d.path == path) || unread.contains(&path);
        // `~$…` is the lock file a spreadsheet program keeps beside an open workbook.
        if !table || declared || name.starts_with("~$") {
            continue;
        }
        diags.push(
            Diagnostic::warning(format!("`{path}` is in data/ but no dataset declares it"))
                .code(codes::UNDECLARED_DATA)
                .about(files.place(&path).display().to_string())
                .hint(format!(
                    "declare it in `data/{stem}.toml` with its `title` and `source` (the datasets page of plan's reference shows how), or move it out of data/"
                )),
        );
    }
}

/// The table of a dataset, read from its CSV or workbook; `None` after reporting why not.
fn read_table(
    files: &dyn Files,
    path: &str,
    spec: &DatasetFile,
    toml: FileId,
    at: Span,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let fail = |code, message: String| {
        Diagnostic::error(message)
            .code(code)
            .at(at.clone())
            .about(files.place(path).display().to_string())
    };
    let problem = match files.entry(path) {
        Ok(Entry::File(size)) if size > sheets::MAX_FILE_BYTES => fail(
            codes::TOO_LARGE,
            format!(
                "`{path}` is too large ({} MiB; a dataset's file may be at most {} MiB)",
                size / (1024 * 1024),
                sheets::MAX_FILE_BYTES / (1024 * 1024)
            ),
        ),
        Ok(Entry::File(_)) => {
            let bytes = match files.read(path) {
                Ok(bytes) => bytes,
                Err(err) => {
                    diags.push(super::cannot_read(files, path, &err));
                    return None;
                }
            };
            let workbook = path.to_lowercase().ends_with(".xlsx");
            return if workbook {
                workbook_table(bytes, path, spec, toml, at, diags)
            } else {
                csv_table(bytes, path, spec, toml, files, sources, diags)
            };
        }
        Ok(Entry::Missing) => fail(
            codes::MISSING_FILE,
            format!("the dataset's file `{path}` is not in the plan folder"),
        )
        .label("the values are read from this file")
        .hint(if spec.file.is_some() {
            "check the file's name, or put the file into data/".to_string()
        } else {
            "put the values beside the TOML under the same name, or name their file with `file = \"….csv\"` (or .xlsx)".to_string()
        }),
        Ok(Entry::Outside) => fail(
            codes::OUTSIDE_FOLDER,
            format!("`{path}` leads outside the plan folder"),
        )
        .hint("it is a symbolic link to a file elsewhere; copy the file into data/ instead"),
        Ok(Entry::Folder) => fail(codes::NOT_A_FILE, format!("`{path}` is a folder, not a file")),
        Ok(Entry::Other(kind)) => fail(
            codes::NOT_A_FILE,
            format!("`{path}` is not a regular file: it is {kind}"),
        ),
        Err(err) => super::cannot_read(files, path, &err),
    };
    diags.push(problem);
    None
}

/// A CSV file's table: UTF-8 (a byte order mark dropped), fields as RFC 4180 quotes them,
/// the separator and decimal point given or detected.
fn csv_table(
    bytes: Vec<u8>,
    path: &str,
    spec: &DatasetFile,
    toml: FileId,
    files: &dyn Files,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let Ok(text) = String::from_utf8(bytes) else {
        diags.push(
            Diagnostic::error(format!("`{path}` is not UTF-8 text"))
                .code(codes::NOT_UTF8)
                .about(files.place(path).display().to_string())
                .hint(
                    "save the CSV with the UTF-8 encoding (Excel: \"CSV UTF-8 (comma delimited)\")",
                ),
        );
        return None;
    };
    let text = super::nfc(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string());
    let file = sources.add(path, files.place(path), text);
    let text = sources.text(file);
    let separator = match &spec.separator {
        Some(s) => one_of(
            s,
            toml,
            &[(",", b','), (";", b';'), ("\t", b'\t'), ("tab", b'\t')],
            "a separator a dataset may use",
            "write `separator = \",\"`, `\";\"` or `\"\\t\"` (a tab), or leave it out to have it detected",
            diags,
        )?,
        None => detect_separator(text),
    };
    let rows = match split_csv(text, separator, file) {
        Ok(rows) => rows,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let decimal = decimal(spec, toml, &rows, separator, diags)?;
    Some(Table { rows, decimal })
}

/// The decimal mark of the numbers a table holds as text: the dataset's `decimal`, else
/// detected ([`detect_decimal`]; `separator` is the CSV's, a workbook has none).
fn decimal(
    spec: &DatasetFile,
    toml: FileId,
    rows: &[Vec<RawCell>],
    separator: u8,
    diags: &mut Diagnostics,
) -> Option<char> {
    match &spec.decimal {
        Some(d) => one_of(
            d,
            toml,
            &[(".", '.'), (",", ',')],
            "a decimal point",
            "write `decimal = \",\"` or `decimal = \".\"`, or leave it out to have it detected",
            diags,
        ),
        None => Some(detect_decimal(rows, separator)),
    }
}

/// The value of a key that takes one of a few values (`allowed`, as written and as meant);
/// `None` after reporting any other.
fn one_of<T: Copy>(
    value: &Str,
    toml: FileId,
    allowed: &[(&str, T)],
    what: &str,
    hint: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    let found = allowed.iter().find(|(name, _)| name == value.get_ref());
    if found.is_none() {
        diags.push(
            Diagnostic::error(format!("`{}` is not {what}", value.get_ref()))
                .code(codes::BAD_VALUE)
                .at(Span::new(toml, value.span()))
                .hint(hint),
        );
    }
    found.map(|(_, meant)| *meant)
}

/// The separator the header line uses most of `;`, tab and `,` (outside quotes); `,`
/// when it has none.
fn detect_separator(text: &str) -> u8 {
    let line = text.lines().next().unwrap_or("");
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for c in line.bytes() {
        if c == b'"' {
            quoted = !quoted;
        }
        for (sep, n) in &mut counts {
            if !quoted && c == *sep {
                *n += 1;
            }
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(sep, _)| *sep)
}

/// The decimal point of a table's numbers written as text: `,` when the separator is not a
/// comma and some cell below the header is a number with a comma between digits (`12,5`),
/// else `.`.
fn detect_decimal(rows: &[Vec<RawCell>], separator: u8) -> char {
    let comma = separator != b','
        && rows.iter().skip(1).flatten().any(|cell| {
            let t = cell.text.trim().trim_end_matches('%').trim();
            let t = t.trim_start_matches(['-', '−', '+']);
            t.split_once(',').is_some_and(|(whole, fraction)| {
                !whole.is_empty()
                    && !fraction.is_empty()
                    && whole.chars().all(|c| c.is_ascii_digit() || is_group(c))
                    && fraction.chars().all(|c| c.is_ascii_digit())
            })
        });
    if comma { ',' } else { '.' }
}

/// A space that groups digits: a space, a no-break space or a narrow no-break space.
fn is_group(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Splits a CSV text into rows of cells with their spans: the values as the `csv` crate
/// reads them, the places by a scan of the same fields. A row with more or fewer fields
/// than the header, or a quote never closed, is an error at its place.
fn split_csv(
    text: &str,
    separator: u8,
    file: FileId,
) -> Result<Vec<Vec<RawCell>>, Box<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<RawCell>> = Vec::new();
    let mut cells = 0usize;
    let shown = match separator {
        b'\t' => "tab".to_string(),
        s => format!("`{}`", s as char),
    };
    for record in reader.records() {
        let record = record.map_err(|e| {
            let at = e.position().map_or(0, |p| p.byte() as usize);
            Diagnostic::error(format!("this line cannot be read as CSV: {e}"))
                .code(codes::CSV_SYNTAX)
                .at(Span::new(file, at..at + 1))
        })?;
        // The crate places a record after the line end before it, which may be the `\n`
        // of a `\r\n`: the record starts after it.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let line = text[..start].matches('\n').count() + 1;
        let ranges = field_ranges(text, start, separator).map_err(|quote| {
            Diagnostic::error("a quote opens a field here and is never closed")
                .code(codes::CSV_SYNTAX)
                .at(Span::new(file, quote..quote + 1))
                .label("this quote has no closing quote")
                .hint("close the field with a quote, or write a quote inside a field as two quotes (\"\")")
        })?;
        // A line of empty fields (`;;;`, as spreadsheets write below a table) holds nothing.
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let row: Vec<RawCell> = record
            .iter()
            .enumerate()
            .map(|(i, value)| RawCell {
                text: value.to_string(),
                number: None,
                uncomputed: false,
                place: Place {
                    span: Span::new(file, ranges.get(i).cloned().unwrap_or(start..start)),
                    address: None,
                },
            })
            .collect();
        if let Some(header) = rows.first()
            && row.len() != header.len()
        {
            let more = row.len() > header.len();
            let end = ranges.last().map_or(start, |r| r.end);
            let span = match (more, ranges.get(header.len())) {
                (true, Some(extra)) => extra.start..end,
                _ => start..end,
            };
            return Err(Box::new(Diagnostic::error(format!(
                "line {line} has {} fields, but the header has {}",
                row.len(),
                header.len()
            ))
            .code(codes::CSV_SYNTAX)
            .at(Span::new(file, span))
            .label(if more { "more fields than the header names" } else { "fewer fields than the header names" })
            .hint(format!(
                "every line has one field per column, separated by {shown}; a field holding {shown} is written in quotes"
            ))));
        }
        cells += row.len();
        if cells > sheets::MAX_CELLS {
            return Err(Box::new(
                Diagnostic::error(format!(
                    "the file has more than {} cells, the most a dataset may hold",
                    sheets::MAX_CELLS
                ))
                .code(codes::TOO_LARGE)
                .at(Span::new(file, start..start)),
            ));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The byte ranges of the fields of the record starting at `start` (inside the quotes of a
/// quoted field); `Err` with the offset of a quote that is never closed.
fn field_ranges(
    text: &str,
    start: usize,
    separator: u8,
) -> Result<Vec<std::ops::Range<usize>>, usize> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut at = start;
    loop {
        let field_start = at;
        let mut content = at..at;
        if bytes.get(at) == Some(&b'"') {
            let open = at;
            at += 1;
            loop {
                match bytes.get(at) {
                    None => return Err(open),
                    Some(b'"') if bytes.get(at + 1) == Some(&b'"') => at += 2,
                    Some(b'"') => break,
                    Some(_) => at += 1,
                }
            }
            content = open + 1..at;
            at += 1;
        }
        while let Some(&c) = bytes.get(at) {
            if c == separator || c == b'\n' || c == b'\r' {
                break;
            }
            at += 1;
        }
        if content.is_empty() && bytes.get(field_start) != Some(&b'"') {
            content = field_start..at;
        }
        ranges.push(content);
        match bytes.get(at) {
            Some(&c) if c == separator => at += 1,
            _ => return Ok(ranges),
        }
    }
}

/// A workbook's table: the sheet named (else the first), the range named (else every
/// filled cell's), read through the bounded reader.
fn workbook_table(
    bytes: Vec<u8>,
    path: &str,
    spec: &DatasetFile,
    toml: FileId,
    at: Span,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let mut book = match sheets::Workbook::from_bytes(bytes) {
        Ok(book) => book,
        Err(why) => {
            diags.push(
                Diagnostic::error(format!("`{path}` cannot be read: {why}"))
                    .code(codes::UNREADABLE)
                    .at(at)
                    .hint("save it again from Excel or LibreOffice as an .xlsx workbook"),
            );
            return None;
        }
    };
    let names = book.sheet_names();
    let name = match &spec.sheet {
        Some(sheet) if !names.contains(sheet.get_ref()) => {
            let listed = names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let hint =
                crate::suggest::hint(sheet.get_ref(), names.iter().map(String::as_str), || {
                    format!("its sheets are {listed}")
                });
            diags.push(
                Diagnostic::error(format!("`{path}` has no sheet \"{}\"", sheet.get_ref()))
                    .code(codes::UNKNOWN_SHEET)
                    .at(Span::new(toml, sheet.span()))
                    .label("no sheet has this name")
                    .hint(hint),
            );
            return None;
        }
        Some(sheet) => sheet.get_ref().clone(),
        None => match names.first() {
            Some(first) => first.clone(),
            None => {
                diags.push(
                    Diagnostic::error(format!("`{path}` has no sheets"))
                        .code(codes::EMPTY_DATASET)
                        .at(at),
                );
                return None;
            }
        },
    };
    let sheet = match book.sheet(&name) {
        Ok(sheet) => sheet,
        Err(why) => {
            diags.push(
                Diagnostic::error(format!("`{path}` cannot be read: {why}"))
                    .code(codes::UNREADABLE)
                    .at(at),
            );
            return None;
        }
    };
    let (place_span, bounds) = match &spec.range {
        Some(range) => match parse_range(range.get_ref()) {
            Some(bounds) => (Span::new(toml, range.span()), Some(bounds)),
            None => {
                diags.push(
                    Diagnostic::error(format!("`{}` is not a range of cells", range.get_ref()))
                        .code(codes::BAD_RANGE)
                        .at(Span::new(toml, range.span()))
                        .label("expected two cells, e.g. \"A1:C12\"")
                        .hint("write the table's top-left and bottom-right cells, header row included, e.g. `range = \"A1:C12\"`, or leave `range` out to read every filled cell of the sheet"),
                );
                return None;
            }
        },
        None => (at, None),
    };
    let filled: Vec<(u32, u32)> = sheet.cells().map(|(pos, _)| pos).collect();
    let bounds = bounds.or_else(|| {
        let rows = filled.iter().map(|p| p.0);
        let cols = filled.iter().map(|p| p.1);
        Some((
            rows.clone().min()?,
            cols.clone().min()?,
            rows.max()?,
            cols.max()?,
        ))
    });
    let Some((top, left, bottom, right)) = bounds else {
        return Some(Table {
            rows: Vec::new(),
            decimal: '.',
        });
    };
    let quoted = if name.chars().all(char::is_alphanumeric) {
        name.clone()
    } else {
        format!("'{name}'")
    };
    let mut rows = Vec::new();
    let width = u64::from(right - left) + 1;
    if (u64::from(bottom - top) + 1).saturating_mul(width) > sheets::MAX_CELLS as u64 {
        diags.push(
            Diagnostic::error(format!(
                "the range has more than {} cells, the most a dataset may hold",
                sheets::MAX_CELLS
            ))
            .code(codes::TOO_LARGE)
            .at(place_span),
        );
        return None;
    }
    for row in top..=bottom {
        let cells: Vec<RawCell> = (left..=right)
            .map(|col| {
                let place = Place {
                    span: place_span.clone(),
                    address: Some(format!("{quoted}!{}{}", column_letters(col), row + 1)),
                };
                let (text, number) = match sheet.get(row, col) {
                    None | Some(SheetCell::Uncomputed) => (String::new(), None),
                    Some(SheetCell::Value(value)) => cell_value(value),
                };
                RawCell {
                    text,
                    number,
                    uncomputed: matches!(sheet.get(row, col), Some(SheetCell::Uncomputed)),
                    place,
                }
            })
            .collect();
        if row > top
            && cells
                .iter()
                .all(|c| c.text.trim().is_empty() && !c.uncomputed)
        {
            continue;
        }
        rows.push(cells);
    }
    // Numbers typed as text ("59,4" in a Lithuanian workbook) are read as a CSV's are: a
    // workbook has no separator, so a comma between digits is a decimal comma.
    let decimal = decimal(spec, toml, &rows, b'\t', diags)?;
    Some(Table { rows, decimal })
}

/// A workbook cell's text and, for a number, its value.
fn cell_value(value: &calamine::Data) -> (String, Option<f64>) {
    use calamine::Data;
    match value {
        Data::Int(i) => (i.to_string(), Some(*i as f64)),
        Data::Float(f) if f.is_finite() => (format!("{f}"), Some(*f)),
        Data::String(s) => (super::nfc(s.clone()), None),
        Data::Bool(b) => (b.to_string(), None),
        Data::Empty => (String::new(), None),
        other => (other.to_string(), None),
    }
}

/// "A1:C12" as (top row, left column, bottom row, right column), counted from 0.
pub(crate) fn parse_range(range: &str) -> Option<(u32, u32, u32, u32)> {
    let (from, to) = range.trim().split_once(':')?;
    let (r1, c1) = parse_cell(from)?;
    let (r2, c2) = parse_cell(to)?;
    (r1 <= r2 && c1 <= c2).then_some((r1, c1, r2, c2))
}

/// "B7" as (row 6, column 1).
fn parse_cell(cell: &str) -> Option<(u32, u32)> {
    let cell = cell.trim().replace('$', "");
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1)
        - 1;
    let row: u32 = digits.parse().ok()?;
    ((1..=1_048_576).contains(&row) && col < 16_384).then(|| (row - 1, col))
}

/// A column's letters: 0 → "A", 27 → "AB".
pub(crate) fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_letters() {
        assert_eq!(parse_range("A1:C12"), Some((0, 0, 11, 2)));
        assert_eq!(parse_range("$B$2:AA3"), Some((1, 1, 2, 26)));
        assert_eq!(parse_range("C1:A2"), None);
        assert_eq!(parse_range("A0:B2"), None);
        assert_eq!(parse_range("A1"), None);
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn fields_are_found_where_written() {
        let text = "a;\"b;\"\"c\";d\n";
        let ranges = field_ranges(text, 0, b';').expect("closed quotes");
        let fields: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(fields, ["a", "b;\"\"c", "d"]);
        assert_eq!(field_ranges("a;\"b\n", 0, b';'), Err(2));
    }

    proptest::proptest! {
        /// Any table the `csv` crate writes, with any separator, reads back cell for cell,
        /// each cell's span holding it as written.
        #[test]
        fn written_csv_reads_back(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-zA-Z0-9ąčęėįšųūž ,;\t\"'\n.%-]{0,8}", 3),
                1..6,
            ),
            separator in proptest::sample::select(vec![b',', b';', b'\t']),
        ) {
            let mut writer = csv::WriterBuilder::new().delimiter(separator).from_writer(Vec::new());
            // A header of plain names, so that no row of the body is taken for blank.
            writer.write_record(["a", "b", "c"]).expect("write");
            for row in &rows {
                writer.write_record(row).expect("write");
            }
            let text = String::from_utf8(writer.into_inner().expect("flush")).expect("UTF-8");
            let mut sources = Sources::default();
            let file = sources.add("t.csv", "t.csv".into(), text.clone());
            let read = split_csv(&text, separator, file).expect("the crate's own CSV reads");
            let blank = |row: &Vec<String>| row.iter().all(|c| c.trim().is_empty());
            let expected: Vec<&Vec<String>> = rows.iter().filter(|r| !blank(r)).collect();
            proptest::prop_assert_eq!(read.len(), expected.len() + 1);
            for (got, want) in read[1..].iter().zip(expected) {
                let cells: Vec<&str> = got.iter().map(|c| c.text.as_str()).collect();
                proptest::prop_assert_eq!(&cells, want);
                for cell in got {
                    let written = &text[cell.place.span.range.clone()];
                    proptest::prop_assert_eq!(written.replace("\"\"", "\""), cell.text.clone());
                }
            }
        }
    }

    #[test]
    fn separators_are_detected_from_the_header() {
        assert_eq!(detect_separator("metai;gyventojai\n2020;1,5"), b';');
        assert_eq!(detect_separator("metai,gyventojai"), b',');
        assert_eq!(detect_separator("metai\tgyventojai"), b'\t');
        assert_eq!(detect_separator("metai"), b',');
    }
}
