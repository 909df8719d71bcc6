//! A plan comparison as text for a terminal (coloured on request) or as Markdown for a pull
//! request or an e-mail, in the plan's language. JSON is the serde form of [`PlanDiff`].

mod lines;
mod marks;

use super::{Kind, PlanDiff};
use lines::{chapter_lines, data_line, funding_line, indicator_lines, item_lines};
use marks::{Marks, md};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diag::shown;
use crate::model::Language;
use crate::words;

/// Words of the output in one language, from its word list.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Labels {
    #[serde(rename = "plan-changes")]
    heading: String,
    working_tree: String,
    /// A version as a reader calls it: "{version} versija, {date}".
    version_of: String,
    #[serde(rename = "no-changes")]
    nothing: String,
    plan: String,
    #[serde(rename = "changes-items")]
    items: String,
    funding: String,
    #[serde(rename = "indicators-short")]
    indicators: String,
    #[serde(rename = "monitoring-data")]
    monitoring: String,
    #[serde(rename = "changes-data")]
    data: String,
    /// What a reported value's field is called: value, note, source, status, comment,
    /// spent.
    #[serde(rename = "changes-reported")]
    reported: BTreeMap<String, String>,
    chapters: String,
    #[serde(rename = "changed-added")]
    added: String,
    #[serde(rename = "changed-removed")]
    removed: String,
    changed: String,
    #[serde(rename = "changed-renumbered")]
    renumbered: String,
    moved: String,
    #[serde(rename = "changed-title")]
    title: String,
    #[serde(rename = "changed-text")]
    text: String,
    #[serde(rename = "changed-responsible")]
    responsible: String,
    #[serde(rename = "changed-partners")]
    partners: String,
    #[serde(rename = "changed-group")]
    group: String,
    #[serde(rename = "changed-period")]
    period: String,
    #[serde(rename = "changed-name")]
    name: String,
    /// Begun in lower case where it is used.
    unit: String,
    #[serde(rename = "changed-baseline")]
    baseline: String,
    target: String,
    /// Begun in lower case where it is used.
    total: String,
    #[serde(rename = "words-short")]
    words: String,
    #[serde(rename = "dash")]
    none: String,
    /// By kind (`priority` … `measure`; `plan` is the whole plan's funding line).
    kinds: BTreeMap<String, String>,
    /// The plan's fields, as the annex heads them (begun in lower case where used).
    fields: BTreeMap<String, String>,
    /// Details of items and indicators ([`Change::Field`], [`IndicatorField::Field`]).
    details: BTreeMap<String, String>,
    /// Where a changed sentence of a chapter is: its line in the new file, or in the old
    /// one for a deleted sentence.
    line: String,
    old_line: String,
}

/// A plan version as a reader calls it, from its plan.toml: "1.0 versija, 2020 m. gruodžio
/// 15 d." / "version 1.0 of 15 December 2020".
pub(super) fn version_name(meta: &crate::model::Meta) -> String {
    let l = Labels::of(meta.language);
    l.version_of
        .replace("{version}", &meta.version)
        .replace("{date}", &crate::format::date(meta.date, meta.language))
}

/// The label of `key` in a table of labels.
pub(super) fn find<'a>(table: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    table.get(key).map_or("", String::as_str)
}

impl Labels {
    fn of(language: Language) -> &'static Labels {
        static CELLS: [OnceLock<Labels>; 2] = [OnceLock::new(), OnceLock::new()];
        words::once(&CELLS, language)
    }

    fn kind(&self, kind: Kind) -> &str {
        let name = match kind {
            Kind::Plan => "plan",
            Kind::Priority => "priority",
            Kind::Goal => "goal",
            Kind::Objective => "objective",
            Kind::Measure => "measure",
        };
        find(&self.kinds, name)
    }

    fn detail(&self, field: &str) -> &str {
        find(&self.details, field)
    }

    fn field(&self, field: &str) -> String {
        words::lower_first(find(&self.fields, field))
    }

    /// How a version is called: the working tree has a name of its own.
    fn version<'a>(&'a self, label: &'a str) -> &'a str {
        if label.is_empty() {
            &self.working_tree
        } else {
            label
        }
    }
}

/// The comparison for a terminal; `colour` adds ANSI colours.
pub fn text(diff: &PlanDiff, colour: bool) -> String {
    write(
        diff,
        &Marks {
            markdown: false,
            colour,
        },
    )
}

/// The comparison as Markdown.
pub fn markdown(diff: &PlanDiff) -> String {
    write(
        diff,
        &Marks {
            markdown: true,
            colour: false,
        },
    )
}

fn write(diff: &PlanDiff, marks: &Marks) -> String {
    let l = Labels::of(diff.language);
    let mut out = String::new();
    // Each side by its version and date, the revision or folder it was read from beside.
    let side = |name: &str, label: &str| format!("{name} · {}", l.version(label));
    let title = format!(
        "{}: {} → {}",
        l.heading,
        side(&diff.old_name, &diff.old),
        side(&diff.new_name, &diff.new)
    );
    if marks.markdown {
        let _ = writeln!(out, "## {}", md(&title));
    } else {
        out.push_str(marks.heading(&title).trim_start());
    }
    if diff.is_empty() {
        let _ = writeln!(out, "\n{}", l.nothing);
        return out;
    }
    if !diff.plan.is_empty() {
        out.push_str(&marks.heading(&l.plan));
        for f in &diff.plan {
            let _ = writeln!(
                out,
                "{}{}: {} → {}",
                marks.bullet(0),
                l.field(f.field),
                marks.plain(&f.old),
                marks.plain(&f.new)
            );
        }
    }
    if !diff.items.is_empty() {
        out.push_str(&marks.heading(&l.items));
        for item in &diff.items {
            item_lines(&mut out, item, l, marks);
        }
    }
    if !diff.funding.is_empty() {
        out.push_str(&marks.heading(&format!("{} ({})", l.funding, diff.money_unit)));
        for f in &diff.funding {
            funding_line(&mut out, f, l, marks);
        }
    }
    if !diff.indicators.is_empty() {
        out.push_str(&marks.heading(&l.indicators));
        for i in &diff.indicators {
            indicator_lines(&mut out, i, l, marks);
        }
    }
    if !diff.monitoring.is_empty() {
        out.push_str(&marks.heading(&l.monitoring));
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| l.none.to_string());
        for m in &diff.monitoring {
            let field = match &m.source {
                Some(source) => format!("{} ({})", find(&l.reported, m.field), shown(source)),
                None => find(&l.reported, m.field).to_string(),
            };
            let _ = writeln!(
                out,
                "{}{} · {} {}: {field}: {} → {}",
                marks.bullet(0),
                m.year,
                m.number,
                marks.plain(&m.name),
                marks.plain(&opt(&m.old)),
                marks.plain(&opt(&m.new))
            );
        }
    }
    if !diff.data.is_empty() {
        out.push_str(&marks.heading(&l.data));
        for d in &diff.data {
            data_line(&mut out, d, l, marks);
        }
    }
    if !diff.chapters.is_empty() {
        out.push_str(&marks.heading(&l.chapters));
        for c in &diff.chapters {
            chapter_lines(&mut out, c, l, marks);
        }
    }
    out
}
