//! A plan comparison as text for a terminal (coloured on request) or as Markdown for a pull
//! request or an e-mail, in the plan's language. JSON is the serde form of [`PlanDiff`].

use std::fmt::Write;

use super::{
    Change, ChapterChange, ChapterStatus, FundingChange, IndicatorChange, IndicatorField,
    ItemChange, Kind, Op, PlanDiff, Segment,
};
use std::collections::BTreeMap;
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

/// The label of `key` in a table of labels.
fn find<'a>(table: &'a BTreeMap<String, String>, key: &str) -> &'a str {
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

/// How the two output formats mark things.
struct Marks {
    markdown: bool,
    colour: bool,
}

impl Marks {
    fn deleted(&self, text: &str) -> String {
        self.mark(text, ("~~", "~~"), 31, ("[-", "-]"))
    }

    fn inserted(&self, text: &str) -> String {
        self.mark(text, ("**", "**"), 32, ("{+", "+}"))
    }

    /// Text between Markdown marks, or plain marks in an ANSI colour on a terminal.
    fn mark(&self, text: &str, markdown: (&str, &str), colour: u8, plain: (&str, &str)) -> String {
        let text = shown(text.trim());
        let text = text.as_ref();
        let ((open, close), body) = if self.markdown {
            (markdown, md(text))
        } else {
            (plain, text.to_string())
        };
        if text.is_empty() {
            String::new()
        } else if self.colour && !self.markdown {
            format!("\x1b[{colour}m{open}{body}{close}\x1b[0m")
        } else {
            format!("{open}{body}{close}")
        }
    }

    fn plain(&self, text: &str) -> String {
        if self.markdown {
            md(&shown(text))
        } else {
            shown(text).into_owned()
        }
    }

    fn heading(&self, text: &str) -> String {
        let text = shown(text);
        if self.markdown {
            format!("\n### {}\n\n", md(&text))
        } else if self.colour {
            format!("\n\x1b[1m{text}\x1b[0m\n")
        } else {
            format!("\n{text}\n")
        }
    }

    fn bullet(&self, depth: usize) -> String {
        if self.markdown {
            format!("{}- ", "  ".repeat(depth))
        } else {
            "  ".repeat(depth + 1)
        }
    }
}

/// Escapes Markdown's punctuation in text.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A word-level comparison with deletions and insertions marked.
fn segments(words: &[Segment], marks: &Marks) -> String {
    let mut out = String::new();
    for s in words {
        // A mark keeps the space before its words ("grow {+and change+}").
        let lead = if s.text.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        let piece = match s.op {
            Op::Equal => marks.plain(&s.text),
            Op::Delete => format!("{lead}{} ", marks.deleted(&s.text)),
            Op::Insert => format!("{lead}{} ", marks.inserted(&s.text)),
        };
        out.push_str(&piece);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
    let title = format!(
        "{}: {} → {}",
        l.heading,
        l.version(&diff.old),
        l.version(&diff.new)
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

/// A dataset's change: the dataset, then the field, row or column, and old → new.
fn data_line(out: &mut String, d: &super::DataChange, l: &Labels, marks: &Marks) {
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
fn chapter_lines(out: &mut String, c: &ChapterChange, l: &Labels, marks: &Marks) {
    let status = match c.status {
        ChapterStatus::Added => &l.added,
        ChapterStatus::Removed => &l.removed,
        ChapterStatus::Changed => &l.changed,
    };
    let name = match &c.title {
        Some(title) => format!("{} ({})", marks.plain(title), marks.plain(&c.path)),
        None => marks.plain(&c.path),
    };
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

fn item_lines(out: &mut String, item: &ItemChange, l: &Labels, marks: &Marks) {
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

/// "+85,25" / "−12,00": the sign always shown (amounts come formatted, negative ones with
/// a minus sign).
fn signed(text: &str) -> String {
    let zero = text.chars().all(|c| !c.is_ascii_digit() || c == '0');
    if zero || text.starts_with(['-', '\u{2212}']) {
        text.replacen('-', "\u{2212}", 1)
    } else {
        format!("+{text}")
    }
}

fn funding_line(out: &mut String, f: &FundingChange, l: &Labels, marks: &Marks) {
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
                signed(&s.delta.text)
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
        signed(&f.delta.text),
        sources.join(", ")
    );
}

fn indicator_lines(out: &mut String, i: &IndicatorChange, l: &Labels, marks: &Marks) {
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
