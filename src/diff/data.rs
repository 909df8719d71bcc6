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
    let mut changes = Vec::new();
    for dataset in new.plan.datasets.iter() {
        match old.plan.datasets.iter().find(|d| d.id == dataset.id) {
            None => changes.push(change(dataset, "added", None, None, None, None, None)),
            Some(before) => compare(before, dataset, language, &mut changes),
        }
    }
    for dataset in old.plan.datasets.iter() {
        if !new.plan.datasets.iter().any(|d| d.id == dataset.id) {
            changes.push(change(dataset, "removed", None, None, None, None, None));
        }
    }
    changes
}

fn change(
    dataset: &Dataset,
    kind: &'static str,
    field: Option<&str>,
    row: Option<&str>,
    column: Option<&str>,
    old: Option<String>,
    new: Option<String>,
) -> DataChange {
    DataChange {
        dataset: dataset.id.clone(),
        title: dataset.title.clone(),
        kind,
        field: field.map(str::to_string),
        row: row.map(str::to_string),
        column: column.map(str::to_string),
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
            out.push(change(
                new,
                "metadata",
                Some(field),
                None,
                None,
                before,
                after,
            ));
        }
    }
    for column in &new.columns {
        if old.column(&column.name).is_none() {
            out.push(change(
                new,
                "column-added",
                None,
                None,
                Some(&column.name),
                None,
                None,
            ));
        }
    }
    for column in &old.columns {
        if new.column(&column.name).is_none() {
            out.push(change(
                new,
                "column-removed",
                None,
                None,
                Some(&column.name),
                None,
                None,
            ));
        }
    }
    for row in &new.rows {
        let Some(before) = old.row(&row.key) else {
            out.push(change(
                new,
                "row-added",
                None,
                Some(&row.key),
                None,
                None,
                None,
            ));
            continue;
        };
        for (i, column) in new.columns.iter().enumerate() {
            let Some(j) = old.column(&column.name) else {
                continue;
            };
            let was = shown(old, j, &before.values[j], language);
            let is = shown(new, i, &row.values[i], language);
            if was != is {
                out.push(change(
                    new,
                    "cell",
                    None,
                    Some(&row.key),
                    Some(&column.name),
                    was,
                    is,
                ));
            }
        }
    }
    for row in &old.rows {
        if new.row(&row.key).is_none() {
            out.push(change(
                new,
                "row-removed",
                None,
                Some(&row.key),
                None,
                None,
                None,
            ));
        }
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
