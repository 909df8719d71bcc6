//! A numbered table from a dataset: `![Gyventojų skaičius](data/gyventojai.csv){#id .table
//! columns="metai|gyventojai" headers="Metai|Gyventojai" rows="2015..2021" .total}`. It is
//! an ordinary [`Table`] of the tree (numbered, listed, referenced and laid out like a
//! Markdown table), its cells the dataset's values as a `{{ data.… }}` fact shows them, its
//! source line from the dataset's metadata under it. What the attributes name is checked
//! against the dataset, each mistake reported at the chapter's line with "did you mean".

use std::sync::OnceLock;

use serde::Deserialize;

use super::attrs::{self, Attr, Attrs};
use super::tree::{Align, BlockKind, Caption, Inline, InlineKind, Row, Segment, Table};
use crate::diag::{Diagnostic, Diagnostics, Severity, Span, codes};
use crate::model::Language;
use crate::model::data::{ColumnType, Dataset, Value};
use crate::words::{self, Phrase};

/// The attributes a table from a dataset takes: its own, then a Markdown table's.
const KNOWN: &[&str] = &[
    ".table",
    "columns",
    "headers",
    "rows",
    ".total",
    ".landscape",
    ".small",
    ".smaller",
    "widths",
];

/// What an empty cell of a number column shows (a text column's stays blank).
const NO_VALUE: &str = "–";

#[derive(Deserialize)]
pub(crate) struct Words {
    total: Phrase,
}

impl Words {
    fn of(language: Language) -> &'static Words {
        static CELLS: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
        words::once(&CELLS, language)
    }
}

/// The table `attrs` ask for of `dataset`, captioned `caption` (the dataset's title when
/// the picture has no description); `None` when what they name is not in the dataset
/// (reported).
pub(super) fn table(
    dataset: &Dataset,
    caption: Vec<Inline>,
    attrs: &Attrs,
    span: &Span,
    language: Language,
    diags: &mut Diagnostics,
) -> Option<BlockKind> {
    let errors = diags.count(Severity::Error);
    let mut look_attrs = Attrs::default();
    let (mut columns, mut headers, mut rows, mut total) = (None, None, None, false);
    for (i, attr) in attrs.items.iter().enumerate() {
        match attr {
            Attr::Class(name) if name == "table" => {}
            Attr::Class(name) if name == "total" => total = true,
            Attr::Pair(key, value) if key == "columns" => columns = Some(value.as_str()),
            Attr::Pair(key, value) if key == "headers" => headers = Some(value.as_str()),
            Attr::Pair(key, value) if key == "rows" => rows = Some(value.as_str()),
            Attr::Class(name) if ["landscape", "small", "smaller"].contains(&name.as_str()) => {
                attrs.keep(attr, &mut look_attrs)
            }
            Attr::Pair(key, _) if key == "widths" => attrs.keep(attr, &mut look_attrs),
            other => attrs::unknown(
                other,
                KNOWN,
                "a table from a dataset",
                &attrs.span_at(i, span),
                diags,
            ),
        }
    }
    let chosen = match columns {
        Some(list) => chosen_columns(dataset, list, &attrs.span_of("columns", span), diags),
        None => (0..dataset.columns.len()).collect(),
    };
    // A count of headers is not compared with columns that are wrong themselves.
    let columns_named = diags.count(Severity::Error) == errors;
    let names: Vec<String> = match headers {
        Some(list) => {
            let names: Vec<String> = split(list).map(str::to_string).collect();
            if names.len() != chosen.len() && columns_named {
                diags.push(
                    Diagnostic::error(format!(
                        "`headers=\"{list}\"` gives {}, but the table shows {}",
                        counted(names.len(), "header", "headers"),
                        counted(chosen.len(), "column", "columns"),
                    ))
                    .code(codes::BAD_ATTRIBUTE)
                    .at(attrs.span_of("headers", span))
                    .label("one header per column")
                    .hint(format!(
                        "give one header per column shown, in their order, parted by `|`: the columns are {}",
                        listed(chosen.iter().map(|&c| dataset.columns[c].name.as_str()))
                    )),
                );
            }
            names
        }
        None => chosen
            .iter()
            .map(|&c| dataset.columns[c].name.clone())
            .collect(),
    };
    let keys = match rows {
        Some(rows) => chosen_rows(dataset, rows, &attrs.span_of("rows", span), diags),
        None => (0..dataset.rows.len()).collect(),
    };
    let numbers = chosen
        .iter()
        .any(|&c| dataset.columns[c].kind == ColumnType::Number);
    if total && !numbers {
        diags.push(
            Diagnostic::warning(format!(
                "`.total` adds up number columns, and this table of `{}` shows none; it is left out",
                dataset.id
            ))
            .code(codes::BAD_ATTRIBUTE)
            .at(attrs.span_of(".total", span))
            .label("nothing to add up")
            .hint("years, per cents and texts are not added up: show a column declared `number`, or remove `.total`"),
        );
    }
    // The words "Iš viso" need a column that is not a sum.
    let label_column = chosen
        .iter()
        .position(|&c| dataset.columns[c].kind != ColumnType::Number);
    if total && numbers && label_column.is_none() {
        diags.push(
            Diagnostic::warning("`.total` needs a column for the words of its row, and every column shown is a sum; it is left out")
                .code(codes::BAD_ATTRIBUTE)
                .at(attrs.span_of(".total", span))
                .label("no column for \"total\"")
                .hint("show the dataset's key column first (e.g. `columns=\"metai|…\"`), or remove `.total`"),
        );
    }
    if diags.count(Severity::Error) > errors {
        return None;
    }
    let look = attrs::table_look(&look_attrs, chosen.len(), span, diags);
    let text = |text: String| Inline {
        span: span.clone(),
        kind: InlineKind::Text(vec![Segment::Fact(text)]),
    };
    let row = |cells: Vec<String>, header: bool, total: bool| Row {
        span: span.clone(),
        header,
        total,
        cells: cells
            .into_iter()
            .map(|c| {
                if c.is_empty() {
                    Vec::new()
                } else {
                    vec![text(c)]
                }
            })
            .collect(),
    };
    let mut table_rows = vec![row(names, true, false)];
    for &r in &keys {
        let data_row = &dataset.rows[r];
        let cells = chosen
            .iter()
            .map(|&c| {
                let column = &dataset.columns[c];
                match data_row.values.get(c).unwrap_or(&Value::Empty) {
                    Value::Empty if column.kind.numeric() => NO_VALUE.to_string(),
                    value => {
                        let places = dataset.places(data_row, c);
                        crate::facts::data::shown(column, value, places, language)
                            .unwrap_or_default()
                    }
                }
            })
            .collect();
        table_rows.push(row(cells, false, false));
    }
    if let (true, Some(label_column)) = (total, label_column) {
        let cells = chosen
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let column = &dataset.columns[c];
                if i == label_column {
                    return Words::of(language).total.fill(&[]);
                }
                if column.kind != ColumnType::Number {
                    return String::new();
                }
                let sum: f64 = keys
                    .iter()
                    .filter_map(|&r| match dataset.rows[r].values.get(c) {
                        Some(Value::Number { value, .. }) => Some(*value),
                        _ => None,
                    })
                    .sum();
                let value = Value::Number {
                    value: sum,
                    decimals: column.decimals,
                };
                crate::facts::data::shown(column, &value, column.decimals, language)
                    .unwrap_or_default()
            })
            .collect();
        table_rows.push(row(cells, false, true));
    }
    let mut inlines = if caption.is_empty() {
        vec![text(dataset.title.clone())]
    } else {
        caption
    };
    // The unit of the numbers, after the caption: "Gyventojų skaičius, tūkst.", unless the
    // caption already ends with it.
    if let Some(unit) = dataset.unit.as_deref().map(str::trim)
        && numbers
        && !unit.is_empty()
        && !ends_with(&inlines, unit)
    {
        inlines.push(text(format!(", {unit}")));
    }
    let alignments = chosen
        .iter()
        .map(|&c| match dataset.columns[c].kind {
            ColumnType::Number | ColumnType::Percent => Align::Right,
            ColumnType::Year | ColumnType::Text => Align::Left,
        })
        .collect();
    Some(BlockKind::Table(Table {
        alignments,
        caption: Some(Caption {
            span: span.clone(),
            inlines,
            id: attrs.id.clone(),
        }),
        look,
        rows: table_rows,
        source: Some(super::from_data::source_line(dataset, language)),
    }))
}

/// "1 header", "2 headers".
fn counted(n: usize, one: &str, more: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { more })
}

/// The parts of a `|`-separated list, trimmed.
fn split(list: &str) -> impl Iterator<Item = &str> {
    list.split('|').map(str::trim)
}

/// Names as a list for a hint: "`metai`, `gyventojai`".
fn listed<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The indices of the columns `columns="a|b"` names, in its order; an unknown one is
/// reported (and left out).
fn chosen_columns(
    dataset: &Dataset,
    list: &str,
    span: &Span,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut chosen = Vec::new();
    // "Did you mean" suggests a column the list does not name already.
    let written: Vec<usize> = split(list)
        .filter_map(|name| dataset.column(&crate::load::nfc(name.to_string())))
        .collect();
    for name in split(list) {
        let name = crate::load::nfc(name.to_string());
        match dataset.column(&name) {
            Some(index) => chosen.push(index),
            None => {
                let names = dataset.columns.iter().map(|c| c.name.as_str());
                let others = (0..dataset.columns.len())
                    .filter(|c| !written.contains(c))
                    .map(|c| dataset.columns[c].name.as_str());
                let hint = crate::suggest::hint(&name, others, || {
                    format!("the columns of `{}` are {}", dataset.id, listed(names))
                });
                diags.push(
                    Diagnostic::error(format!(
                        "the dataset `{}` has no column `{name}`",
                        dataset.id
                    ))
                    .code(codes::UNKNOWN_COLUMN)
                    .at(span.clone())
                    .label("in `columns`")
                    .hint(hint),
                );
            }
        }
    }
    chosen
}

/// The indices of the rows `rows="2015..2021"` (from one key to another, in the file's
/// order) or `rows="2015|2018"` names; an unknown key or a range running backwards is
/// reported.
fn chosen_rows(dataset: &Dataset, rows: &str, span: &Span, diags: &mut Diagnostics) -> Vec<usize> {
    let find = |key: &str, diags: &mut Diagnostics| {
        let key = crate::load::nfc(key.trim().to_string());
        let found = dataset.rows.iter().position(|r| r.key == key);
        if found.is_none() {
            let keys = dataset.rows.iter().map(|r| r.key.as_str());
            let rows = match (dataset.rows.first(), dataset.rows.last()) {
                _ if dataset.rows.len() <= 12 => format!(
                    "the rows of `{}` are named by their `{}`: {}",
                    dataset.id,
                    dataset.columns[dataset.key].name,
                    listed(keys.clone())
                ),
                (Some(first), Some(last)) => format!(
                    "the rows of `{}` are named by their `{}`, from `{}` to `{}`",
                    dataset.id, dataset.columns[dataset.key].name, first.key, last.key
                ),
                _ => "the dataset has no rows".into(),
            };
            let hint = match crate::suggest::closest(&key, keys) {
                Some(best) => format!("did you mean `{best}`? ({rows})"),
                None => rows,
            };
            diags.push(
                Diagnostic::error(format!("the dataset `{}` has no row `{key}`", dataset.id))
                    .code(codes::UNKNOWN_ROW)
                    .at(span.clone())
                    .label("in `rows`")
                    .hint(hint),
            );
        }
        found
    };
    if let Some((from, to)) = rows.split_once("..") {
        let (Some(a), Some(b)) = (find(from, diags), find(to, diags)) else {
            return Vec::new();
        };
        if a > b {
            diags.push(
                Diagnostic::error(format!(
                    "`rows=\"{rows}\"` runs backwards: `{}` comes after `{}` in `{}`",
                    from.trim(),
                    to.trim(),
                    dataset.file
                ))
                .code(codes::BAD_ATTRIBUTE)
                .at(span.clone())
                .label("from a later row to an earlier one")
                .hint(format!(
                    "name the first row shown, then the last, in the file's order: `rows=\"{}..{}\"`",
                    to.trim(),
                    from.trim()
                )),
            );
            return Vec::new();
        }
        return (a..=b).collect();
    }
    split(rows).filter_map(|key| find(key, diags)).collect()
}

/// Whether the text of `inlines` ends with ", `unit`" (a full stop after either aside).
fn ends_with(inlines: &[Inline], unit: &str) -> bool {
    let Some(InlineKind::Text(segments)) = inlines.last().map(|i| &i.kind) else {
        return false;
    };
    let last = match segments.last() {
        Some(Segment::Written(w)) => w.text.as_str(),
        Some(Segment::Fact(f)) => f.as_str(),
        None => return false,
    };
    let last = last.trim_end().trim_end_matches('.');
    last.ends_with(&format!(", {}", unit.trim_end_matches('.')))
}
