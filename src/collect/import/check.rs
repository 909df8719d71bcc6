//! The merged file checked with the rest of the plan before anything is written, and each
//! problem about a value from the workbook moved from the file to the cell the value came
//! from.

use std::path::Path;

use toml_edit::{Item, TableLike, Value};

use super::nfc;
use crate::diag::{Diagnostic, Diagnostics, FileId, Sources};

/// The merged monitoring file, to be checked with the rest of the plan.
pub(super) struct Merged<'a> {
    pub(super) dir: &'a Path,
    pub(super) relative: &'a str,
    pub(super) text: &'a str,
    pub(super) workbook: &'a str,
    pub(super) origins: &'a [Origin],
}

impl Merged<'_> {
    /// Checks the plan as it would be with the merged file, adding what the check finds
    /// to `diags` (only its errors when `failed` already, since nothing will be written),
    /// problems with values from the workbook shown at their cells. Whether it passed.
    pub(super) fn check(
        &self,
        failed: bool,
        sources: &mut Sources,
        diags: &mut Diagnostics,
    ) -> bool {
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
pub(super) struct Origin {
    pub(super) kind: &'static str,
    pub(super) id: String,
    pub(super) key: String,
    pub(super) cell: String,
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
