//! Datasets compared: datasets added or removed, what their TOML says of them (title, unit,
//! source, when retrieved, notes, file) and every cell that changed, by the row's key and
//! the column's name, with rows and columns added or removed. Values are shown as the
//! chapters quote them, in the new plan's language.

use super::{DataChange, Version};
use crate::format;
use crate::model::Language;
use crate::model::data::{ColumnType, Dataset, Value};

/// Each dataset's changes, the new plan's datasets first (in id order), then removed ones.
pub(super) fn compare_data(old: &Version, new: &Version, language: Language) -> Vec<DataChange> {
    let (old, new) = (&old.plan.datasets, &new.plan.datasets);
    let mut changes = Vec::new();
    for dataset in new.iter() {
        match old.iter().find(|d| d.id == dataset.id) {
            None => changes.push(change(dataset, "added", At::default(), None, None)),
            Some(before) => compare(before, dataset, language, &mut changes),
        }
    }
    for dataset in old.iter().filter(|d| !new.iter().any(|n| n.id == d.id)) {
        changes.push(change(dataset, "removed", At::default(), None, None));
    }
    changes
}

/// Where in a dataset a change is: a field of its TOML, a row, a column, or a cell.
#[derive(Default)]
struct At<'a> {
    field: Option<&'a str>,
    row: Option<&'a str>,
    column: Option<&'a str>,
}

fn change(
    dataset: &Dataset,
    kind: &'static str,
    at: At,
    old: Option<String>,
    new: Option<String>,
) -> DataChange {
    DataChange {
        dataset: dataset.id.clone(),
        title: dataset.title.clone(),
        kind,
        field: at.field.map(str::to_string),
        row: at.row.map(str::to_string),
        column: at.column.map(str::to_string),
        old,
        new,
    }
}

fn compare(old: &Dataset, new: &Dataset, language: Language, out: &mut Vec<DataChange>) {
    let date = |d: &Dataset| d.retrieved.map(|r| format::date(r, language));
    let metadata = |d: &Dataset| {
        [
            ("title", Some(d.title.clone())),
            ("unit", d.unit.clone()),
            ("source", Some(d.source.clone())),
            ("retrieved", date(d)),
            ("notes", d.notes.clone()),
            ("file", Some(d.file.clone())),
            ("key", Some(d.columns[d.key].name.clone())),
        ]
    };
    for ((field, before), (_, after)) in metadata(old).into_iter().zip(metadata(new)) {
        if before != after {
            let at = At {
                field: Some(field),
                ..At::default()
            };
            out.push(change(new, "metadata", at, before, after));
        }
    }
    // Columns, then rows, that one version has and the other has not.
    for (from, to, kind) in [(new, old, "column-added"), (old, new, "column-removed")] {
        for column in from.columns.iter().filter(|c| to.column(&c.name).is_none()) {
            let at = At {
                column: Some(&column.name),
                ..At::default()
            };
            out.push(change(new, kind, at, None, None));
        }
    }
    for row in &new.rows {
        let Some(before) = old.row(&row.key) else {
            let at = At {
                row: Some(&row.key),
                ..At::default()
            };
            out.push(change(new, "row-added", at, None, None));
            continue;
        };
        for (i, column) in new.columns.iter().enumerate() {
            let Some(j) = old.column(&column.name) else {
                continue;
            };
            let was = shown(old, j, &before.values[j], language);
            let is = shown(new, i, &row.values[i], language);
            if was != is {
                let at = At {
                    row: Some(&row.key),
                    column: Some(&column.name),
                    ..At::default()
                };
                out.push(change(new, "cell", at, was, is));
            }
        }
    }
    for row in old.rows.iter().filter(|r| new.row(&r.key).is_none()) {
        let at = At {
            row: Some(&row.key),
            ..At::default()
        };
        out.push(change(new, "row-removed", at, None, None));
    }
}

/// A cell as a chapter quotes it; `None` when empty.
fn shown(dataset: &Dataset, column: usize, value: &Value, language: Language) -> Option<String> {
    let column = &dataset.columns[column];
    match value {
        Value::Empty => None,
        Value::Text(text) => Some(text.clone()),
        Value::Number { value, decimals } => Some(match column.kind {
            ColumnType::Year => format!("{value:.0}"),
            // A cell's own decimals, so that 12,5 → 12,50 shows as a change.
            ColumnType::Percent => {
                format!("{}\u{a0}%", format::number(*value, *decimals, language))
            }
            _ => format::number(*value, *decimals, language),
        }),
    }
}
