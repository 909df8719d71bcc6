//! The lines of each kind of change: items, funding, indicators, datasets, chapters.

use std::fmt::Write;

use super::super::{
    Change, ChapterChange, ChapterStatus, FundingChange, IndicatorChange, IndicatorField,
    ItemChange, Kind,
};
use super::marks::{Marks, segments};
use super::{Labels, find};
use crate::diag::shown;
use crate::words;

/// A dataset's change: the dataset, then the field, row or column, and old → new.
pub(super) fn data_line(out: &mut String, d: &super::super::DataChange, l: &Labels, marks: &Marks) {
    let opt = |v: &Option<String>| marks.plain(v.as_deref().unwrap_or(&l.none));
    let row = d
        .row
        .as_deref()
        .map(|r| format!(" [{}]", marks.plain(r)))
        .unwrap_or_default();
    let column = d
        .column
        .as_deref()
        .map(|c| format!(" · {}", marks.plain(c)))
        .unwrap_or_default();
    let place = format!(
        "{}{}{row}{column}",
        marks.bullet(0),
        marks.plain(&d.dataset)
    );
    let _ = match d.kind {
        "added" | "removed" => {
            let what = if d.kind == "added" {
                &l.added
            } else {
                &l.removed
            };
            writeln!(out, "{place} ({}): {what}", marks.plain(&d.title))
        }
        "row-added" | "column-added" => writeln!(out, "{place}: {}", l.added),
        "row-removed" | "column-removed" => writeln!(out, "{place}: {}", l.removed),
        _ => {
            let field = d
                .field
                .as_deref()
                .map(|f| format!(" `{f}`"))
                .unwrap_or_default();
            writeln!(out, "{place}{field}: {} → {}", opt(&d.old), opt(&d.new))
        }
    };
}

/// A changed chapter: its title and file, what became of it and how many words, then
/// each changed sentence where it is.
pub(super) fn chapter_lines(out: &mut String, c: &ChapterChange, l: &Labels, marks: &Marks) {
    let status = match c.status {
        ChapterStatus::Added => &l.added,
        ChapterStatus::Removed => &l.removed,
        ChapterStatus::Changed => &l.changed,
    };
    // A chapter by its title (its first heading); the file only when it has none.
    let name = marks.plain(c.title.as_deref().unwrap_or(&c.path));
    let _ = writeln!(
        out,
        "{}{name}: {status} (+{} / −{} {})",
        marks.bullet(0),
        c.inserted_words,
        c.deleted_words,
        l.words
    );
    for s in &c.sentences {
        let line = match (s.new_line, s.old_line) {
            (Some(n), _) => format!("{} {n}", l.line),
            (None, Some(n)) => format!("{} {n}", l.old_line),
            (None, None) => String::new(),
        };
        let place = match &s.heading {
            Some(heading) => format!("{}, {line}", marks.plain(heading)),
            None => line,
        };
        let _ = writeln!(
            out,
            "{}{place}: {}",
            marks.bullet(1),
            segments(&s.words, marks)
        );
    }
}

/// "1.1.2", "1.1.2 → 1.2.1", or the one number there is.
fn numbers(old: Option<&str>, new: Option<&str>) -> String {
    match (old, new) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (_, Some(n)) | (Some(n), None) => n.to_string(),
        (None, None) => String::new(),
    }
}

pub(super) fn item_lines(out: &mut String, item: &ItemChange, l: &Labels, marks: &Marks) {
    let head = format!(
        "{} {} {}",
        l.kind(item.kind),
        numbers(item.old_number.as_deref(), item.new_number.as_deref()),
        marks.plain(&item.title)
    );
    let list = |v: &[String]| {
        if v.is_empty() {
            l.none.to_string()
        } else {
            shown(&v.join(", ")).into_owned()
        }
    };
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map_or(l.none.clone(), |v| shown(v).into_owned())
    };
    let mut details = Vec::new();
    let mut summary = Vec::new();
    for change in &item.changes {
        match change {
            Change::Added => summary.push(marks.inserted(&l.added)),
            Change::Removed => summary.push(marks.deleted(&l.removed)),
            Change::Renumbered => summary.push(l.renumbered.to_string()),
            Change::Moved {
                old_parent,
                new_parent,
            } => summary.push(format!(
                "{}: {} → {}",
                l.moved,
                shown(old_parent),
                shown(new_parent)
            )),
            Change::Title { words, .. } => {
                details.push(format!("{}: {}", l.title, segments(words, marks)))
            }
            Change::Text { words, .. } => {
                details.push(format!("{}: {}", l.text, segments(words, marks)))
            }
            Change::Responsible { old, new } => {
                details.push(format!("{}: {} → {}", l.responsible, list(old), list(new)))
            }
            Change::Partners { old, new } => {
                details.push(format!("{}: {} → {}", l.partners, list(old), list(new)))
            }
            Change::Group { old, new } => {
                details.push(format!("{}: {} → {}", l.group, opt(old), opt(new)))
            }
            Change::Period { old, new } => {
                details.push(format!("{}: {} → {}", l.period, opt(old), opt(new)))
            }
            Change::Field { field, old, new } => details.push(format!(
                "{}: {} → {}",
                l.detail(field),
                marks.plain(&opt(old)),
                marks.plain(&opt(new))
            )),
        }
    }
    entry(out, marks, &head, &summary, &details);
}

/// One changed item: its heading with the summary in brackets, then a line per detail.
fn entry(out: &mut String, marks: &Marks, head: &str, summary: &[String], details: &[String]) {
    let summary = if summary.is_empty() {
        String::new()
    } else {
        format!(" ({})", summary.join("; "))
    };
    let _ = writeln!(out, "{}{head}{summary}", marks.bullet(0));
    for d in details {
        let _ = writeln!(out, "{}{d}", marks.bullet(1));
    }
}

pub(super) fn funding_line(out: &mut String, f: &FundingChange, l: &Labels, marks: &Marks) {
    let who = match f.kind {
        Kind::Plan => find(&l.kinds, "plan").to_string(),
        kind => format!(
            "{} {} {}",
            l.kind(kind),
            f.number.as_deref().unwrap_or_default(),
            marks.plain(&f.title)
        ),
    };
    let sources: Vec<String> = f
        .sources
        .iter()
        .map(|s| {
            format!(
                "{} {} → {} ({})",
                shown(&s.source),
                s.old.text,
                s.new.text,
                s.delta.text
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "{}{who}: {} {} → {} ({}); {}",
        marks.bullet(0),
        words::lower_first(&l.total),
        f.old_total.text,
        f.new_total.text,
        f.delta.text,
        sources.join(", ")
    );
}

pub(super) fn indicator_lines(out: &mut String, i: &IndicatorChange, l: &Labels, marks: &Marks) {
    let head = format!(
        "{} {}",
        numbers(i.old_code.as_deref(), i.new_code.as_deref()),
        marks.plain(&i.name)
    );
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map_or(l.none.clone(), |v| shown(v).into_owned())
    };
    let mut summary = Vec::new();
    let mut details = Vec::new();
    for change in &i.changes {
        match change {
            IndicatorField::Added => summary.push(marks.inserted(&l.added)),
            IndicatorField::Removed => summary.push(marks.deleted(&l.removed)),
            IndicatorField::Name { old, new } => details.push(format!(
                "{}: {} → {}",
                l.name,
                marks.plain(old),
                marks.plain(new)
            )),
            IndicatorField::Unit { old, new } => details.push(format!(
                "{}: {} → {}",
                words::lower_first(&l.unit),
                shown(old),
                shown(new)
            )),
            IndicatorField::Baseline { old, new } => {
                details.push(format!("{}: {} → {}", l.baseline, opt(old), opt(new)))
            }
            IndicatorField::Target { year, old, new } => {
                details.push(format!("{} {year}: {} → {}", l.target, opt(old), opt(new)))
            }
            IndicatorField::Field { field, old, new } => details.push(format!(
                "{}: {} → {}",
                l.detail(field),
                marks.plain(&opt(old)),
                marks.plain(&opt(new))
            )),
        }
    }
    if i.changes.is_empty() {
        summary.push(l.renumbered.to_string());
    }
    entry(out, marks, &head, &summary, &details);
}
