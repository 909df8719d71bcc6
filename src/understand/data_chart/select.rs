//! The part of a dataset a chart draws: the categories' column, the series' columns and
//! the rows, each name checked against the dataset with "did you mean".

use super::bad;
use crate::diag::{Diagnostic, Diagnostics, Span, codes};
use crate::facts::data::number_text;
use crate::model::Language;
use crate::model::data::{ColumnType, Dataset, Row, Value};

/// The column named `name` (for the attribute `key`), reported when there is none; the
/// "did you mean" leaves out the columns in `named` (those the attribute names already).
pub(super) fn column(
    dataset: &Dataset,
    name: &str,
    key: &str,
    named: &[usize],
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some(c) = dataset.column(name) {
        return Some(c);
    }
    let names = (0..dataset.columns.len())
        .filter(|c| !named.contains(c))
        .map(|c| dataset.columns[c].name.as_str());
    let listed = dataset
        .columns
        .iter()
        .map(|c| format!("`{}`", c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = crate::suggest::hint(name, names, || {
        format!("the columns of `{}` are {listed}", dataset.id)
    });
    diags.push(
        Diagnostic::error(format!(
            "`{key}` names the column `{name}`, which the dataset `{}` does not have",
            dataset.id
        ))
        .code(codes::UNKNOWN_COLUMN)
        .at(span.clone())
        .label("no such column")
        .hint(hint),
    );
    None
}

/// The columns drawn as series: those `y` names, or every number and percent column but
/// the categories'.
pub(super) fn series_columns(
    dataset: &Dataset,
    y: Option<&str>,
    x: usize,
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<Vec<usize>> {
    let Some(y) = y else {
        let columns: Vec<usize> = (0..dataset.columns.len())
            .filter(|&c| {
                c != x
                    && matches!(
                        dataset.columns[c].kind,
                        ColumnType::Number | ColumnType::Percent
                    )
            })
            .collect();
        if columns.is_empty() {
            bad(
                format!("the dataset `{}` has no column of numbers to draw", dataset.id),
                "nothing to draw",
                "name the columns to draw with `y`, e.g. y=\"gyventojai\", or declare them `number` in the dataset's `[columns]`".into(),
                span,
                diags,
            );
            return None;
        }
        return Some(columns);
    };
    let mut columns = Vec::new();
    let written: Vec<usize> = y
        .split('|')
        .filter_map(|name| dataset.column(name.trim()))
        .collect();
    for name in y.split('|').map(str::trim) {
        let c = column(dataset, name, "y", &written, span, diags)?;
        if dataset.columns[c].kind == ColumnType::Text {
            bad(
                format!(
                    "`y` names the column `{name}` of `{}`, which holds text, not numbers",
                    dataset.id
                ),
                "a text column cannot be drawn",
                "draw columns of numbers; if this one holds numbers, declare it `number` in the dataset's `[columns]` to have each cell checked".into(),
                span,
                diags,
            );
            return None;
        }
        columns.push(c);
    }
    Some(columns)
}

/// The rows drawn: all, an inclusive range `a..b` of row keys, or the keys `a|b|c`.
pub(super) fn rows<'d>(
    dataset: &'d Dataset,
    rows: Option<&str>,
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<Vec<&'d Row>> {
    let Some(rows) = rows else {
        return Some(dataset.rows.iter().collect());
    };
    let mut find = |key: &str| -> Option<usize> {
        let key = crate::load::nfc(key.trim().to_string());
        if let Some(i) = dataset.rows.iter().position(|r| r.key == key) {
            return Some(i);
        }
        let keys = dataset.rows.iter().map(|r| r.key.as_str());
        let (first, last) = (dataset.rows.first(), dataset.rows.last());
        let hint = crate::suggest::hint(&key, keys, || match (first, last) {
            (Some(first), Some(last)) => format!(
                "rows are named by their `{}`, from `{}` to `{}`",
                dataset.columns[dataset.key].name, first.key, last.key
            ),
            _ => "the dataset has no rows".into(),
        });
        diags.push(
            Diagnostic::error(format!("the dataset `{}` has no row `{key}`", dataset.id))
                .code(codes::UNKNOWN_ROW)
                .at(span.clone())
                .label("no row is named so")
                .hint(hint),
        );
        None
    };
    if let Some((from, to)) = rows.split_once("..") {
        let (a, b) = (find(from)?, find(to)?);
        if a > b {
            bad(
                format!(
                    "`rows=\"{rows}\"` runs backwards: `{}` comes after `{}` in the dataset",
                    from.trim(),
                    to.trim()
                ),
                "not a range",
                format!(
                    "write the first row first: rows=\"{}..{}\"",
                    to.trim(),
                    from.trim()
                ),
                span,
                diags,
            );
            return None;
        }
        return Some(dataset.rows[a..=b].iter().collect());
    }
    let mut chosen = Vec::new();
    for key in rows.split('|') {
        chosen.push(&dataset.rows[find(key)?]);
    }
    Some(chosen)
}

/// A row's category as shown: the row's key, or its cell in the column `x`.
pub(super) fn category(dataset: &Dataset, row: &Row, x: usize, language: Language) -> String {
    if x == dataset.key {
        return row.key.clone();
    }
    match row.values.get(x) {
        Some(Value::Number { value, .. }) => number_text(
            &dataset.columns[x],
            *value,
            dataset.places(row, x),
            language,
        ),
        Some(Value::Text(text)) => text.clone(),
        _ => String::new(),
    }
}
