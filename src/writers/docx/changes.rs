//! The annex of changes in the Word edition (`plan build --changes-since REV`), as
//! templates/changes.typ lays it out in the PDF: an annex of its own after the document's
//! parts (its mark, its pages numbered from 1), its heading, what it compares, then a
//! numbered section for each kind of change that has any: the plan's data, the items, the
//! funding, the indicators, the reported values, the datasets and the chapters, each a
//! table of what was and what is. Words deleted are struck through, words inserted bold
//! and underlined, as in the PDF.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::body::Writer;
use super::grid::{Cell, Grid, Row, RowKind};
use super::xml::{Look, run};
use crate::diff::{Change, ChapterStatus, DataChange, IndicatorField, Kind, Op, PlanDiff, Segment};
use crate::model::Language;
use crate::words::Phrase;

/// How many changed sentences of a chapter the annex shows (`sentences-shown` in
/// templates/changes.typ).
const SENTENCES_SHOWN: usize = 12;

/// The annex's words, as templates/changes.typ reads them from the word list.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    changes: String,
    changes_since: Phrase,
    changes_revision: Phrase,
    changes_words: String,
    no_changes: String,
    changes_plan: String,
    changes_items: String,
    changes_funding: String,
    changes_indicators: String,
    changes_monitoring: String,
    changes_data: String,
    changes_chapters: String,
    changes_reported: BTreeMap<String, String>,
    changes_dataset: String,
    changes_data_place: String,
    changes_data_fields: BTreeMap<String, String>,
    changes_data_row: Phrase,
    changes_data_column: Phrase,
    item: String,
    was: String,
    now: String,
    change: String,
    field: String,
    chapter: String,
    number: String,
    code: String,
    indicator: String,
    year: String,
    source: String,
    money_in: Phrase,
    dash: String,
    kinds: BTreeMap<String, String>,
    fields: BTreeMap<String, String>,
    details: BTreeMap<String, String>,
    changed_added: String,
    changed_removed: String,
    changed_renumbered: String,
    changed_moved: Phrase,
    changed_title: String,
    changed_text: String,
    changed_responsible: String,
    changed_partners: String,
    changed_group: String,
    changed_period: String,
    changed_name: String,
    changed_unit: String,
    changed_baseline: String,
    changed_target: Phrase,
    chapter_status: BTreeMap<String, String>,
    chapter_words: Phrase,
    chapter_more: BTreeMap<String, Phrase>,
}

impl Words {
    fn of(language: Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }

    fn kind(&self, kind: Kind) -> &str {
        let key = match kind {
            Kind::Plan => "plan",
            Kind::Priority => "priority",
            Kind::Goal => "goal",
            Kind::Objective => "objective",
            Kind::Measure => "measure",
        };
        find(&self.kinds, key)
    }

    fn opt<'s>(&'s self, value: &'s Option<String>) -> &'s str {
        value.as_deref().unwrap_or(&self.dash)
    }

    fn list(&self, values: &[String]) -> String {
        if values.is_empty() {
            self.dash.clone()
        } else {
            values.join(", ")
        }
    }
}

fn find<'a>(table: &'a BTreeMap<String, String>, key: &'a str) -> &'a str {
    table.get(key).map_or(key, String::as_str)
}

/// The form a counted word takes after `n`, as `plural-form` in templates/labels.typ.
fn plural(n: usize, language: Language) -> &'static str {
    match language {
        Language::Lt if n % 10 == 1 && n % 100 != 11 => "one",
        Language::Lt if (2..=9).contains(&(n % 10)) && !(11..20).contains(&(n % 100)) => "few",
        Language::Lt => "many",
        Language::En if n == 1 => "one",
        Language::En => "many",
    }
}

/// Writes the annex of changes `diff` after the document's parts, under its mark (the
/// caller starts the annex: `start_annex` in `mod.rs`), its heading numbered `number`.
pub(super) fn write(writer: &mut Writer, diff: &PlanDiff, number: &str) {
    // The annex itself is not tracked: it says what changed.
    let revisions = writer.revisions.take();
    let words = Words::of(writer.language);
    writer.part_heading(number, &words.changes, false);
    let since = words
        .changes_since
        .fill(&[("old", &diff.old_name), ("new", &diff.new_name)]);
    let runs = writer.runs(&since, Look::default());
    writer.paragraph(None, "", &runs);
    // The revision read stays for whoever prepared the annex, in italics.
    if !diff.old.is_empty() {
        let note = words.changes_revision.fill(&[("old", &diff.old)]);
        let aside = Look {
            italic: true,
            ..Look::default()
        };
        let runs = writer.runs(&note, aside);
        writer.paragraph(None, "", &runs);
    }
    if diff.is_empty() {
        let runs = writer.runs(&words.no_changes, Look::default());
        writer.paragraph(None, "", &runs);
    } else {
        let mut n = 0;
        let mut section = |writer: &mut Writer, title: &str| {
            n += 1;
            writer.heading(2, Some(&format!("{}.{n}.", number)), title, None);
        };
        if !diff.plan.is_empty() {
            section(writer, &words.changes_plan);
            plan_table(writer, diff, words);
        }
        if !diff.items.is_empty() {
            section(writer, &words.changes_items);
            items_table(writer, diff, words);
        }
        if !diff.funding.is_empty() {
            section(writer, &words.changes_funding);
            funding_table(writer, diff, words);
        }
        if !diff.indicators.is_empty() {
            section(writer, &words.changes_indicators);
            indicators_table(writer, diff, words);
        }
        if !diff.monitoring.is_empty() {
            section(writer, &words.changes_monitoring);
            monitoring_table(writer, diff, words);
        }
        if !diff.data.is_empty() {
            section(writer, &words.changes_data);
            data_table(writer, diff, words);
        }
        if !diff.chapters.is_empty() {
            section(writer, &words.changes_chapters);
            chapters_table(writer, diff, words);
        }
    }
    writer.revisions = revisions;
}

fn bold() -> Look {
    Look {
        bold: true,
        ..Look::default()
    }
}

/// A cell of text from the plan, its quotes set as the PDF sets them.
fn cell(writer: &mut Writer, text: &str, look: Look) -> Cell {
    Cell::of(writer.runs(text, look))
}

/// A table of the annex: a header row, then the rows.
fn table(writer: &mut Writer, caption: &str, header: &[&str], rows: Vec<Row>) {
    // Numbered as the PDF numbered it: the annex's tables are the document's last ones.
    writer.numbered_caption(true, caption, None);
    let header = header.iter().map(|h| Cell::text(h, bold())).collect();
    let mut all = vec![Row::new(RowKind::Header, header)];
    all.extend(rows);
    writer.grid(&Grid {
        size: crate::understand::tree::Size::Small,
        rows: all,
        ..Grid::default()
    });
}

/// Words compared: deleted ones struck through, inserted ones bold and underlined; words
/// deleted and those inserted in their place a space apart.
fn segments(segments: &[Segment]) -> String {
    let mut out = String::new();
    for (i, s) in segments.iter().enumerate() {
        let replaced =
            s.op == Op::Delete && segments.get(i + 1).is_some_and(|n| n.op == Op::Insert);
        let lead = if s.op != Op::Equal && s.text.starts_with(' ') {
            " "
        } else {
            ""
        };
        let trail = if s.op != Op::Equal && (s.text.ends_with(' ') || replaced) {
            " "
        } else {
            ""
        };
        let look = match s.op {
            Op::Equal => {
                out.push_str(&run(&s.text, Look::default()));
                continue;
            }
            Op::Delete => Look {
                strike: true,
                ..Look::default()
            },
            Op::Insert => Look {
                bold: true,
                underline: true,
                ..Look::default()
            },
        };
        out.push_str(&run(lead, Look::default()));
        out.push_str(&run(s.text.trim(), look));
        out.push_str(&run(trail, Look::default()));
    }
    out
}

/// "1.1.1 → 1.1.2" when an item's number changed, else its number.
fn numbers(old: &Option<String>, new: &Option<String>) -> String {
    match (old, new) {
        (Some(old), Some(new)) if old != new => format!("{old} → {new}"),
        (_, Some(new)) => new.clone(),
        (Some(old), None) => old.clone(),
        (None, None) => String::new(),
    }
}

fn plan_table(writer: &mut Writer, diff: &PlanDiff, words: &Words) {
    let rows = diff
        .plan
        .iter()
        .map(|f| {
            Row::new(
                RowKind::Body,
                vec![
                    cell(writer, find(&words.fields, f.field), Look::default()),
                    cell(writer, &f.old, Look::default()),
                    cell(writer, &f.new, Look::default()),
                ],
            )
        })
        .collect();
    table(
        writer,
        &words.changes_plan,
        &[&words.field, &words.was, &words.now],
        rows,
    );
}

/// One change of an item or an indicator, in words, as `describe` in changes.typ.
fn describe_item(change: &Change, words: &Words) -> String {
    let arrow = |label: &str, old: &str, new: &str| {
        run(&format!("{label}: {old} → {new}"), Look::default())
    };
    let said = |text: &str| run(text, Look::default());
    match change {
        Change::Added => said(&words.changed_added),
        Change::Removed => said(&words.changed_removed),
        Change::Renumbered => said(&words.changed_renumbered),
        Change::Moved {
            old_parent,
            new_parent,
        } => said(
            &words
                .changed_moved
                .fill(&[("old", old_parent), ("new", new_parent)]),
        ),
        Change::Title { words: w, .. } => {
            format!(
                "{}{}",
                said(&format!("{}: ", words.changed_title)),
                segments(w)
            )
        }
        Change::Text { words: w, .. } => {
            format!(
                "{}{}",
                said(&format!("{}: ", words.changed_text)),
                segments(w)
            )
        }
        Change::Responsible { old, new } => arrow(
            &words.changed_responsible,
            &words.list(old),
            &words.list(new),
        ),
        Change::Partners { old, new } => {
            arrow(&words.changed_partners, &words.list(old), &words.list(new))
        }
        Change::Group { old, new } => arrow(&words.changed_group, words.opt(old), words.opt(new)),
        Change::Period { old, new } => arrow(&words.changed_period, words.opt(old), words.opt(new)),
        Change::Field { field, old, new } => {
            arrow(find(&words.details, field), words.opt(old), words.opt(new))
        }
    }
}

fn describe_indicator(change: &IndicatorField, words: &Words) -> String {
    let arrow = |label: &str, old: &str, new: &str| {
        run(&format!("{label}: {old} → {new}"), Look::default())
    };
    match change {
        IndicatorField::Added => run(&words.changed_added, Look::default()),
        IndicatorField::Removed => run(&words.changed_removed, Look::default()),
        IndicatorField::Name { old, new } => arrow(&words.changed_name, old, new),
        IndicatorField::Unit { old, new } => arrow(&words.changed_unit, old, new),
        IndicatorField::Baseline { old, new } => {
            arrow(&words.changed_baseline, words.opt(old), words.opt(new))
        }
        IndicatorField::Target { year, old, new } => arrow(
            &words.changed_target.year(*year),
            words.opt(old),
            words.opt(new),
        ),
        IndicatorField::Field { field, old, new } => {
            arrow(find(&words.details, field), words.opt(old), words.opt(new))
        }
    }
}

/// "Priemonė. Atnaujinti …": an item by its kind and title (`item-name` in
/// templates/changes.typ).
fn item_name(kind: &str, title: &str) -> String {
    let mut chars = kind.chars();
    let kind: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{kind}. {title}")
}

/// Runs one under another.
fn lines(runs: impl Iterator<Item = String>) -> String {
    runs.collect::<Vec<_>>().join("<w:r><w:br/></w:r>")
}

fn items_table(writer: &mut Writer, diff: &PlanDiff, words: &Words) {
    let rows = diff
        .items
        .iter()
        .map(|i| {
            Row::new(
                RowKind::Body,
                vec![
                    Cell::text(&numbers(&i.old_number, &i.new_number), bold()),
                    cell(
                        writer,
                        &item_name(words.kind(i.kind), &i.title),
                        Look::default(),
                    ),
                    Cell::of(lines(i.changes.iter().map(|c| describe_item(c, words)))),
                ],
            )
        })
        .collect();
    table(
        writer,
        &words.changes_items,
        &[&words.number, &words.item, &words.change],
        rows,
    );
}

fn funding_table(writer: &mut Writer, diff: &PlanDiff, words: &Words) {
    let unit = words.money_in.fill(&[("unit", &diff.money_unit)]);
    let runs = run(&unit, Look::default());
    writer.paragraph(Some("Source"), "<w:keepNext/>", &runs);
    let rows = diff
        .funding
        .iter()
        .map(|f| {
            let item = if f.kind == Kind::Plan {
                Cell::text(words.kind(Kind::Plan), bold())
            } else {
                let text = format!(
                    "{} {}. {}",
                    f.number.as_deref().unwrap_or_default(),
                    words.kind(f.kind),
                    f.title
                );
                cell(writer, &text, Look::default())
            };
            let sources = lines(f.sources.iter().map(|s| {
                run(
                    &format!(
                        "{}: {} → {} ({})",
                        s.source, s.old.text, s.new.text, s.delta.text
                    ),
                    Look::default(),
                )
            }));
            Row::new(
                RowKind::Body,
                vec![
                    item,
                    Cell::text(&f.old_total.text, Look::default()).right(),
                    Cell::text(&f.new_total.text, Look::default()).right(),
                    Cell::text(&f.delta.text, Look::default()).right(),
                    Cell::of(sources),
                ],
            )
        })
        .collect();
    table(
        writer,
        &words.changes_funding,
        &[
            &words.item,
            &words.was,
            &words.now,
            &words.change,
            &words.source,
        ],
        rows,
    );
}

fn indicators_table(writer: &mut Writer, diff: &PlanDiff, words: &Words) {
    let rows = diff
        .indicators
        .iter()
        .map(|i| {
            let changes = if i.changes.is_empty() {
                run(&words.changed_renumbered, Look::default())
            } else {
                lines(i.changes.iter().map(|c| describe_indicator(c, words)))
            };
            Row::new(
                RowKind::Body,
                vec![
                    Cell::text(&numbers(&i.old_code, &i.new_code), bold()),
                    cell(writer, &format!("{} ({})", i.name, i.unit), Look::default()),
                    Cell::of(changes),
                ],
            )
        })
        .collect();
    table(
        writer,
        &words.changes_indicators,
        &[&words.code, &words.indicator, &words.change],
        rows,
    );
}

fn monitoring_table(writer: &mut Writer, diff: &PlanDiff, words: &Words) {
    let rows = diff
        .monitoring
        .iter()
        .map(|m| {
            let field = find(&words.changes_reported, m.field);
            let field = match &m.source {
                Some(source) => format!("{field} ({source})"),
                None => field.to_string(),
            };
            let change = format!("{field}: {} → {}", words.opt(&m.old), words.opt(&m.new));
            Row::new(
                RowKind::Body,
                vec![
                    Cell::text(&m.year.to_string(), Look::default()),
                    Cell::text(&m.number, bold()),
                    cell(writer, &m.name, Look::default()),
                    Cell::text(&change, Look::default()),
                ],
            )
        })
        .collect();
    table(
        writer,
        &words.changes_monitoring,
        &[&words.year, &words.number, &words.item, &words.change],
        rows,
    );
}

fn data_table(writer: &mut Writer, diff: &PlanDiff, words: &Words) {
    let place = |d: &DataChange| -> String {
        let row = || {
            words
                .changes_data_row
                .fill(&[("row", &d.row.clone().unwrap_or_default())])
        };
        let column = || {
            words
                .changes_data_column
                .fill(&[("column", &d.column.clone().unwrap_or_default())])
        };
        match d.kind {
            "metadata" => find(
                &words.changes_data_fields,
                d.field.as_deref().unwrap_or_default(),
            )
            .to_string(),
            "cell" => format!("{}, {}", row(), column()),
            k if k.starts_with("row") => row(),
            k if k.starts_with("column") => column(),
            _ => words.dash.clone(),
        }
    };
    let rows = diff
        .data
        .iter()
        .map(|d| {
            let (was, now) = if d.kind.ends_with("added") {
                (words.dash.as_str(), words.changed_added.as_str())
            } else if d.kind.ends_with("removed") {
                (words.changed_removed.as_str(), words.dash.as_str())
            } else {
                (words.opt(&d.old), words.opt(&d.new))
            };
            Row::new(
                RowKind::Body,
                vec![
                    cell(writer, &d.title, Look::default()),
                    Cell::text(&place(d), Look::default()),
                    Cell::text(was, Look::default()),
                    Cell::text(now, Look::default()),
                ],
            )
        })
        .collect();
    table(
        writer,
        &words.changes_data,
        &[
            &words.changes_dataset,
            &words.changes_data_place,
            &words.was,
            &words.now,
        ],
        rows,
    );
}

fn chapters_table(writer: &mut Writer, diff: &PlanDiff, words: &Words) {
    let language = writer.language;
    let mut rows = Vec::new();
    for c in &diff.chapters {
        // A chapter by its title (its first heading); the file only when it has none.
        let name = match &c.title {
            Some(title) => run(title, bold()),
            None => run(&c.path, Look::default()),
        };
        let status = match c.status {
            ChapterStatus::Added => "added",
            ChapterStatus::Removed => "removed",
            ChapterStatus::Changed => "changed",
        };
        let count = words.chapter_words.fill(&[
            ("inserted", &c.inserted_words),
            ("deleted", &c.deleted_words),
        ]);
        rows.push(Row::new(
            RowKind::Band,
            vec![
                Cell::of(name),
                Cell::text(find(&words.chapter_status, status), Look::default()),
                Cell::text(&count, Look::default()),
            ],
        ));
        for s in c.sentences.iter().take(SENTENCES_SHOWN) {
            let mut runs = String::new();
            if let Some(heading) = &s.heading {
                let italic = Look {
                    italic: true,
                    ..Look::default()
                };
                runs.push_str(&run(&format!("{heading}: "), italic));
            }
            runs.push_str(&segments(&s.words));
            rows.push(Row::new(RowKind::Body, vec![Cell::of(runs).spanning(3)]));
        }
        let more = c.sentences.len().saturating_sub(SENTENCES_SHOWN);
        if more > 0 {
            let text = words
                .chapter_more
                .get(plural(more, language))
                .map(|p| p.fill(&[("number", &more)]))
                .unwrap_or_default();
            rows.push(Row::new(
                RowKind::Body,
                vec![Cell::text(&text, Look::default()).spanning(3)],
            ));
        }
    }
    table(
        writer,
        &words.changes_chapters,
        &[&words.chapter, &words.change, &words.changes_words],
        rows,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_annex_words_are_in_both_languages() {
        for language in [Language::Lt, Language::En] {
            let words = Words::of(language);
            assert!(!words.changes.is_empty());
        }
        assert_eq!(plural(21, Language::Lt), "one");
        assert_eq!(plural(12, Language::Lt), "many");
        assert_eq!(plural(3, Language::Lt), "few");
    }
}
