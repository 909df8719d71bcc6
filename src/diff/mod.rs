//! What changed between two versions of a plan, by item rather than by line: items added,
//! removed, moved or renumbered, titles and texts (word by word), funding rolled up from
//! measures to the plan, indicators, implementation details and chapters (sentence by
//! sentence, `chapters`). Printed for a terminal, as Markdown or as JSON (`render`), and
//! typeset as an annex (`plan build --changes-since`).

mod chapters;
pub mod render;
pub mod sentences;

use std::collections::BTreeMap;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::diag::{Diagnostic, Diagnostics, Sources, codes};
use crate::format;
use crate::ledger::{Ledger, MoneyFormat, Totals};
use crate::model::{Indicator, Language, Money, Plan};
use crate::number::Numbers;

pub use chapters::{ChapterChange, ChapterStatus, SentenceChange, SentenceOp};

/// A plan version as compared: the typed plan, its numbers and ledger, and the sources its chapters
/// are read from. Chapters are compared as the plain-text writer reads them, so they need
/// not be converted to typst.
pub struct Version<'a> {
    /// How the version is called in the output: a revision ("HEAD~1") or a folder.
    pub label: String,
    pub plan: &'a Plan,
    pub numbers: &'a Numbers,
    pub ledger: &'a Ledger,
    pub sources: &'a Sources,
}

/// Every change between two versions of a plan.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PlanDiff {
    pub old: String,
    pub new: String,
    pub language: Language,
    pub money_unit: String,
    /// Plan-wide fields: title, version, status, date, period, vision.
    pub plan: Vec<FieldChange>,
    /// Priorities, goals, objectives and measures, in the new plan's order, then removed ones.
    pub items: Vec<ItemChange>,
    /// Funding that changed: the plan total first, then each item in tree order.
    pub funding: Vec<FundingChange>,
    pub indicators: Vec<IndicatorChange>,
    /// Reported values that changed (`monitoring/<year>.toml`), year by year in plan order.
    pub monitoring: Vec<MonitoringChange>,
    pub chapters: Vec<ChapterChange>,
}

/// A reported value that changed: an indicator's actual value, note or source, or a
/// measure's status, comment or spending from one source.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct MonitoringChange {
    pub year: i32,
    /// `"indicator"` or `"measure"`.
    pub kind: &'static str,
    pub id: String,
    /// The indicator's code or the measure's number, in the new plan (the old one's when
    /// it is gone).
    pub number: String,
    /// The indicator's name or the measure's title.
    pub name: String,
    /// `value`, `note`, `source`, `status`, `comment` or `spent` (with `source` naming the
    /// funding source).
    pub field: &'static str,
    /// The funding source of a `spent` change.
    pub source: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.plan.is_empty()
            && self.items.is_empty()
            && self.funding.is_empty()
            && self.indicators.is_empty()
            && self.monitoring.is_empty()
            && self.chapters.is_empty()
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Plan,
    Priority,
    Goal,
    Objective,
    Measure,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ItemChange {
    pub kind: Kind,
    pub id: String,
    pub old_number: Option<String>,
    pub new_number: Option<String>,
    /// The new title (the old one for a removed item).
    pub title: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Serialize)]
#[serde(
    tag = "change",
    rename_all = "kebab-case",
    rename_all_fields = "kebab-case"
)]
pub enum Change {
    Added,
    Removed,
    /// Under another parent: the parents' numbers, old and new.
    Moved {
        old_parent: String,
        new_parent: String,
    },
    /// Same parent, another number (items before it were added, removed or reordered).
    Renumbered,
    Title {
        old: String,
        new: String,
        words: Vec<Segment>,
    },
    Text {
        old: String,
        new: String,
        words: Vec<Segment>,
    },
    Responsible {
        old: Vec<String>,
        new: Vec<String>,
    },
    Partners {
        old: Vec<String>,
        new: Vec<String>,
    },
    Group {
        old: Option<String>,
        new: Option<String>,
    },
    Period {
        old: Option<String>,
        new: Option<String>,
    },
    /// A detail shown as text: `code`, `need`, `principles`, `answers`.
    Field {
        field: &'static str,
        old: Option<String>,
        new: Option<String>,
    },
}

/// A piece of a word-level comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// An amount as a number (for JSON) and as the plan writes it.
#[derive(Debug, Clone, Serialize)]
pub struct Amount {
    pub value: f64,
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct FundingChange {
    pub kind: Kind,
    pub id: Option<String>,
    pub number: Option<String>,
    pub title: String,
    pub sources: Vec<SourceChange>,
    pub old_total: Amount,
    pub new_total: Amount,
    pub delta: Amount,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SourceChange {
    pub source: String,
    pub old: Amount,
    pub new: Amount,
    pub delta: Amount,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct IndicatorChange {
    pub id: String,
    pub old_code: Option<String>,
    pub new_code: Option<String>,
    pub name: String,
    pub unit: String,
    pub changes: Vec<IndicatorField>,
}

#[derive(Debug, Serialize)]
#[serde(
    tag = "change",
    rename_all = "kebab-case",
    rename_all_fields = "kebab-case"
)]
pub enum IndicatorField {
    Added,
    Removed,
    Name {
        old: String,
        new: String,
    },
    Unit {
        old: String,
        new: String,
    },
    Baseline {
        old: Option<String>,
        new: Option<String>,
    },
    Target {
        year: i32,
        old: Option<String>,
        new: Option<String>,
    },
    /// What an indicator card says: `source`, `direction`, `method`, `frequency`,
    /// `reporter`.
    Field {
        field: &'static str,
        old: Option<String>,
        new: Option<String>,
    },
}

/// Compares two versions of a plan. Numbers and amounts are written in the new plan's
/// language.
pub fn diff(old: &Version, new: &Version) -> PlanDiff {
    let language = new.plan.meta.language;
    let shown = MoneyFormat {
        decimals: old.ledger.decimals().max(new.ledger.decimals()),
        language,
    };
    // Sources in the new plan's order, then any the old plan had alone.
    let mut source_order: Vec<String> = new
        .plan
        .sources
        .iter()
        .chain(&old.plan.sources)
        .map(|s| s.id.clone())
        .collect();
    let mut seen = std::collections::HashSet::new();
    source_order.retain(|s| seen.insert(s.clone()));
    let amount = |money: Money| Amount {
        value: money.as_f64(),
        text: shown.text(money),
    };
    let (old_items, new_items) = (flatten(old), flatten(new));
    let old_by_id: BTreeMap<&str, &Flat> = old_items.iter().map(|i| (i.id.as_str(), i)).collect();
    let new_ids: Vec<&str> = new_items.iter().map(|i| i.id.as_str()).collect();

    let mut items = Vec::new();
    let mut funding = Vec::new();
    let (old_total, new_total) = (
        Funds::of(old.ledger, &old.ledger.plan().funding),
        Funds::of(new.ledger, &new.ledger.plan().funding),
    );
    let plan_title = new.plan.meta.title.clone();
    funding.extend(compare_funding(
        &source_order,
        Kind::Plan,
        None,
        None,
        &plan_title,
        &old_total,
        &new_total,
        &amount,
    ));
    for item in &new_items {
        let before = old_by_id.get(item.id.as_str()).copied();
        let changes = match before {
            None => vec![Change::Added],
            Some(before) => compare_item(before, item),
        };
        if !changes.is_empty() {
            items.push(ItemChange {
                kind: item.kind,
                id: item.id.clone(),
                old_number: before.map(|b| b.number.clone()),
                new_number: Some(item.number.clone()),
                title: item.title.clone(),
                changes,
            });
        }
        let empty = Funds::default();
        let old_money = before.map_or(&empty, |b| &b.funding);
        funding.extend(compare_funding(
            &source_order,
            item.kind,
            Some(&item.id),
            Some(&item.number),
            &item.title,
            old_money,
            &item.funding,
            &amount,
        ));
    }
    for item in old_items
        .iter()
        .filter(|i| !new_ids.contains(&i.id.as_str()))
    {
        items.push(ItemChange {
            kind: item.kind,
            id: item.id.clone(),
            old_number: Some(item.number.clone()),
            new_number: None,
            title: item.title.clone(),
            changes: vec![Change::Removed],
        });
        funding.extend(compare_funding(
            &source_order,
            item.kind,
            Some(&item.id),
            Some(&item.number),
            &item.title,
            &item.funding,
            &Funds::default(),
            &amount,
        ));
    }

    PlanDiff {
        old: old.label.clone(),
        new: new.label.clone(),
        language,
        money_unit: new.plan.meta.money_unit.clone(),
        plan: compare_plan(old.plan, new.plan, language),
        items,
        funding,
        indicators: compare_indicators(old, new, language),
        monitoring: compare_monitoring(old, new, language, &source_order, &amount),
        chapters: chapters::compare_chapters(old, new),
    }
}

/// Reported values, year by year: each indicator's and then each measure's fields, in the
/// new plan's order and then what only the old one had.
fn compare_monitoring(
    old: &Version,
    new: &Version,
    language: Language,
    sources: &[String],
    amount: &dyn Fn(Money) -> Amount,
) -> Vec<MonitoringChange> {
    use crate::model::monitoring::{Actual, Progress};
    let words = crate::collect::Words::of(language);
    let mut years: Vec<i32> = old
        .plan
        .monitoring
        .keys()
        .chain(new.plan.monitoring.keys())
        .copied()
        .collect();
    years.sort_unstable();
    years.dedup();
    // Every indicator and measure of either plan, with its number and name: the new
    // plan's first.
    let mut named: Vec<(&'static str, String, String, String)> = Vec::new();
    for version in [new, old] {
        let indicators = version.plan.indicators().map(|o| {
            let i = o.indicator;
            (
                "indicator",
                i.id.clone(),
                version.numbers.of(&i.id).to_string(),
                i.name.clone(),
            )
        });
        let measures = version.plan.measures().map(|(.., m)| {
            (
                "measure",
                m.id.clone(),
                version.numbers.of(&m.id).to_string(),
                m.title.clone(),
            )
        });
        for entry in indicators.chain(measures) {
            if !named
                .iter()
                .any(|(k, id, ..)| *k == entry.0 && *id == entry.1)
            {
                named.push(entry);
            }
        }
    }
    let actual = |a: Option<&Actual>| -> Vec<(&'static str, Option<String>, Option<String>)> {
        vec![
            (
                "value",
                None,
                a.and_then(|a| a.value).map(|v| format::value(v, language)),
            ),
            ("note", None, a.and_then(|a| a.note.clone())),
            ("source", None, a.and_then(|a| a.source.clone())),
        ]
    };
    let progress = |p: Option<&Progress>, sources: &[String]| {
        let mut fields = vec![
            (
                "status",
                None,
                p.map(|p| words.status_label(p.status).to_string()),
            ),
            ("comment", None, p.and_then(|p| p.comment.clone())),
        ];
        for source in sources {
            let spent = p.and_then(|p| p.spent.iter().find(|(s, ..)| s == source));
            fields.push((
                "spent",
                Some(source.clone()),
                spent.map(|(_, m, _)| amount(*m).text),
            ));
        }
        fields
    };
    let mut out = Vec::new();
    for year in years {
        let (before, after) = (
            old.plan.monitoring.get(&year),
            new.plan.monitoring.get(&year),
        );
        for (kind, id, number, name) in &named {
            let (a, b) = if *kind == "indicator" {
                let (a, b) = (
                    before.and_then(|r| r.indicators.get(id)),
                    after.and_then(|r| r.indicators.get(id)),
                );
                (actual(a), actual(b))
            } else {
                let (a, b) = (
                    before.and_then(|r| r.measures.get(id)),
                    after.and_then(|r| r.measures.get(id)),
                );
                (progress(a, sources), progress(b, sources))
            };
            for ((field, source, was), (_, _, now)) in a.into_iter().zip(b) {
                if was != now {
                    out.push(MonitoringChange {
                        year,
                        kind,
                        id: id.clone(),
                        number: number.clone(),
                        name: name.clone(),
                        field,
                        source,
                        old: was,
                        new: now,
                    });
                }
            }
        }
    }
    out
}

/// One strategy item with what the comparison looks at.
struct Flat {
    kind: Kind,
    id: String,
    number: String,
    title: String,
    text: String,
    parent: Option<(String, String)>,
    responsible: Vec<String>,
    partners: Vec<String>,
    group: Option<String>,
    period: Option<(i32, i32)>,
    /// Its funding (for a measure its own; for a parent, the sum of its measures).
    funding: Funds,
    /// Details compared as text, by field name ([`Change::Field`]).
    details: Vec<(&'static str, Option<String>)>,
}

/// The strategy tree in order: each priority, then its goals, objectives and measures.
fn flatten(version: &Version) -> Vec<Flat> {
    let (plan, numbers) = (version.plan, version.numbers);
    let text = |t: &Option<crate::model::Text>| {
        t.as_ref()
            .map(|t| t.markdown.trim().to_string())
            .unwrap_or_default()
    };
    let item = |kind, id: &str, title: &str, body: String, parent: Option<&str>| Flat {
        kind,
        id: id.to_string(),
        number: numbers.of(id).to_string(),
        title: title.to_string(),
        text: body,
        parent: parent.map(|p| (p.to_string(), numbers.of(p).to_string())),
        responsible: Vec::new(),
        partners: Vec::new(),
        group: None,
        period: None,
        funding: Funds::of(version.ledger, &version.ledger.of(id).funding),
        details: Vec::new(),
    };
    let code = |c: &Option<crate::model::Code>| c.as_ref().map(|c| c.text.clone());
    let need = |n: &Option<crate::model::Need>| {
        n.as_ref()
            .map(|n| MoneyFormat::exact(n.money, plan.meta.language))
    };
    let list = |ids: &[String], shown: &dyn Fn(&str) -> String| {
        (!ids.is_empty()).then(|| {
            ids.iter()
                .map(|id| shown(id))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let principle = |id: &str| {
        plan.principles
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    };
    let swot = |id: &str| numbers.of(id).to_string();
    let mut out = Vec::new();
    for p in &plan.priorities {
        let mut flat = item(Kind::Priority, &p.id, &p.title, text(&p.text), None);
        flat.details = vec![("code", code(&p.code)), ("need", need(&p.need))];
        out.push(flat);
        for g in &p.goals {
            let mut flat = item(Kind::Goal, &g.id, &g.title, text(&g.text), Some(&p.id));
            flat.details = vec![
                ("code", code(&g.code)),
                ("need", need(&g.need)),
                ("answers", list(&g.answers, &swot)),
                ("principles", list(&g.principles, &principle)),
            ];
            out.push(flat);
            for o in &g.objectives {
                let mut flat = item(Kind::Objective, &o.id, &o.title, text(&o.text), Some(&g.id));
                flat.details = vec![
                    ("code", code(&o.code)),
                    ("need", need(&o.need)),
                    ("principles", list(&o.principles, &principle)),
                ];
                out.push(flat);
                for m in &o.measures {
                    let mut flat = item(Kind::Measure, &m.id, &m.title, text(&m.text), Some(&o.id));
                    flat.responsible = m.responsible.clone();
                    flat.partners = m.partners.clone();
                    flat.group = m.group.clone();
                    flat.period = m.period;
                    flat.details = vec![
                        ("code", code(&m.code)),
                        ("principles", list(&m.principles, &principle)),
                    ];
                    out.push(flat);
                }
            }
        }
    }
    out
}

/// Funding as compared: the amounts by source id (a source giving nothing left out, so
/// that sources of either plan compare) and their total, as the version's ledger has them.
#[derive(Debug, Default, PartialEq, Eq)]
struct Funds {
    by_source: BTreeMap<String, Money>,
    total: Money,
}

impl Funds {
    fn of(ledger: &Ledger, totals: &Totals) -> Funds {
        Funds {
            by_source: ledger.by_source_id(totals),
            total: totals.total,
        }
    }
}

fn compare_item(old: &Flat, new: &Flat) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_parent = old.parent.as_ref().map(|(id, _)| id);
    let new_parent = new.parent.as_ref().map(|(id, _)| id);
    if old_parent != new_parent {
        changes.push(Change::Moved {
            old_parent: old
                .parent
                .as_ref()
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            new_parent: new
                .parent
                .as_ref()
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
        });
    } else if old.number != new.number {
        changes.push(Change::Renumbered);
    }
    if old.title != new.title {
        changes.push(Change::Title {
            old: old.title.clone(),
            new: new.title.clone(),
            words: words(&old.title, &new.title),
        });
    }
    if old.text != new.text {
        changes.push(Change::Text {
            old: old.text.clone(),
            new: new.text.clone(),
            words: words(&old.text, &new.text),
        });
    }
    changes.extend(when_changed(
        &old.responsible,
        &new.responsible,
        |old, new| Change::Responsible { old, new },
    ));
    changes.extend(when_changed(&old.partners, &new.partners, |old, new| {
        Change::Partners { old, new }
    }));
    changes.extend(when_changed(&old.group, &new.group, |old, new| {
        Change::Group { old, new }
    }));
    if old.period != new.period {
        let text = |p: Option<(i32, i32)>| p.map(|(a, b)| format::years(a, b));
        changes.push(Change::Period {
            old: text(old.period),
            new: text(new.period),
        });
    }
    changes.extend(
        fields(&old.details, &new.details).map(|(field, old, new)| Change::Field {
            field,
            old,
            new,
        }),
    );
    changes
}

/// The details that differ between two lists of (field, value), by field name.
fn fields<'a>(
    old: &'a [(&'static str, Option<String>)],
    new: &'a [(&'static str, Option<String>)],
) -> impl Iterator<Item = (&'static str, Option<String>, Option<String>)> + 'a {
    new.iter().filter_map(move |(field, value)| {
        let before = old
            .iter()
            .find(|(f, _)| f == field)
            .and_then(|(_, v)| v.clone());
        (before != *value).then(|| (*field, before, value.clone()))
    })
}

/// `make(old, new)` when the two differ.
fn when_changed<T: PartialEq + Clone, C>(
    old: &T,
    new: &T,
    make: impl FnOnce(T, T) -> C,
) -> Option<C> {
    (old != new).then(|| make(old.clone(), new.clone()))
}

/// A word-level comparison, with runs of the same kind merged.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
    let mut segments: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Delete => Op::Delete,
            ChangeTag::Insert => Op::Insert,
        };
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => segments.push(Segment {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    segments
}

#[allow(clippy::too_many_arguments)]
fn compare_funding(
    order: &[String],
    kind: Kind,
    id: Option<&str>,
    number: Option<&str>,
    title: &str,
    old: &Funds,
    new: &Funds,
    amount: &dyn Fn(Money) -> Amount,
) -> Option<FundingChange> {
    if old == new {
        return None;
    }
    let (old, new, before, after) = (&old.by_source, &new.by_source, old.total, new.total);
    let mut sources: Vec<&String> = old.keys().chain(new.keys()).collect();
    sources.sort_by_key(|s| order.iter().position(|o| o == *s));
    sources.dedup();
    let get = |map: &BTreeMap<String, Money>, s: &str| map.get(s).copied().unwrap_or_default();
    let changed: Vec<SourceChange> = sources
        .into_iter()
        .filter(|s| get(old, s) != get(new, s))
        .map(|s| SourceChange {
            source: s.clone(),
            old: amount(get(old, s)),
            new: amount(get(new, s)),
            delta: amount(get(new, s) - get(old, s)),
        })
        .collect();
    Some(FundingChange {
        kind,
        id: id.map(str::to_string),
        number: number.map(str::to_string),
        title: title.to_string(),
        sources: changed,
        old_total: amount(before),
        new_total: amount(after),
        delta: amount(after - before),
    })
}

fn compare_plan(old: &Plan, new: &Plan, language: Language) -> Vec<FieldChange> {
    let (o, n) = (&old.meta, &new.meta);
    let status = |s: crate::model::Status| format!("{s:?}").to_lowercase();
    // The approval as far as it is known: body, date, decision number.
    let approval = |a: &Option<crate::model::Approval>| {
        a.as_ref().map_or_else(String::new, |a| {
            let date = a.date.map(|d| format::date(d, language));
            [Some(a.body.clone()), date, a.decision.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let fields = [
        ("title", o.title.clone(), n.title.clone()),
        ("version", o.version.clone(), n.version.clone()),
        ("status", status(o.status), status(n.status)),
        (
            "date",
            format::date(o.date, language),
            format::date(n.date, language),
        ),
        (
            "period",
            format::years(o.period.0, o.period.1),
            format::years(n.period.0, n.period.1),
        ),
        (
            "vision",
            old.vision.statement.clone(),
            new.vision.statement.clone(),
        ),
        (
            "mission",
            old.vision.mission.clone().unwrap_or_default(),
            new.vision.mission.clone().unwrap_or_default(),
        ),
        ("approval", approval(&o.approval), approval(&n.approval)),
    ];
    let principles = |plan: &Plan| {
        let names: Vec<&str> = plan.principles.iter().map(|p| p.name.as_str()).collect();
        names.join("; ")
    };
    // Each SWOT list as "S1 text; S2 text" (codes as the documents show them).
    let swot = |plan: &Plan| -> Vec<String> {
        let Some(swot) = &plan.swot else {
            return vec![String::new(); 4];
        };
        let list = |(quadrant, items): &(&str, &[crate::model::SwotItem])| {
            let items: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    let code = crate::number::swot_code(plan.meta.language, quadrant, n + 1);
                    format!("{code} {}", item.text.markdown.trim())
                })
                .collect();
            items.join("; ")
        };
        swot.quadrants().iter().map(list).collect()
    };
    let quadrants = ["strengths", "weaknesses", "opportunities", "threats"]
        .into_iter()
        .zip(swot(old))
        .zip(swot(new))
        .map(|((key, before), after)| (key, before, after));
    let mut changes: Vec<FieldChange> = fields
        .into_iter()
        .chain([("principles", principles(old), principles(new))])
        .chain(quadrants)
        .filter(|(_, a, b)| a != b)
        .map(|(field, old, new)| FieldChange { field, old, new })
        .collect();
    changes.extend(compare_members(old, new));
    changes
}

/// One change per working group whose members changed: the group's members before and
/// after, "Name (role, institution); …".
fn compare_members(old: &Plan, new: &Plan) -> Vec<FieldChange> {
    let listed = |plan: &Plan, group: &str| {
        let members = plan.members.get(group).map_or(&[][..], Vec::as_slice);
        members
            .iter()
            .map(|m| {
                let about: Vec<&str> = [&m.role, &m.institution]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                if about.is_empty() {
                    m.name.clone()
                } else {
                    format!("{} ({})", m.name, about.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let groups: Vec<(&str, &str)> = new
        .groups
        .iter()
        .chain(&old.groups)
        .map(|g| (g.id.as_str(), g.name.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    groups
        .into_iter()
        .filter(|(id, _)| seen.insert(*id))
        .filter_map(|(id, name)| {
            let (before, after) = (listed(old, id), listed(new, id));
            (before != after).then(|| FieldChange {
                field: "members",
                old: if before.is_empty() {
                    before
                } else {
                    format!("{name}: {before}")
                },
                new: if after.is_empty() {
                    after
                } else {
                    format!("{name}: {after}")
                },
            })
        })
        .collect()
}

/// Every indicator with its code, at whichever level it is.
fn indicators<'a>(version: &Version<'a>) -> Vec<(&'a Indicator, String)> {
    version
        .plan
        .indicators()
        .map(|o| (o.indicator, version.numbers.of(&o.indicator.id).to_string()))
        .collect()
}

/// What an indicator card shows besides values, by field name.
fn card(i: &Indicator, language: Language) -> Vec<(&'static str, Option<String>)> {
    use crate::model::Direction::{Down, Up};
    let direction = match (i.direction, language) {
        (Up, Language::Lt) => "didėjimo",
        (Down, Language::Lt) => "mažėjimo",
        (Up, Language::En) => "increase",
        (Down, Language::En) => "decrease",
    };
    vec![
        ("source", i.source.clone()),
        ("direction", Some(direction.to_string())),
        ("method", i.method.clone()),
        ("frequency", i.frequency.clone()),
        ("reporter", i.reporter.clone()),
    ]
}

fn compare_indicators(old: &Version, new: &Version, language: Language) -> Vec<IndicatorChange> {
    let value = |v: Option<f64>| v.map(|v| format::value(v, language));
    let baseline = |i: &Indicator| {
        i.baseline
            .map(|(y, v)| format!("{} ({y})", format::value(v, language)))
    };
    let old_list = indicators(old);
    let new_list = indicators(new);
    let mut out = Vec::new();
    for (i, code) in &new_list {
        let before = old_list.iter().find(|(o, _)| o.id == i.id);
        let mut changes = Vec::new();
        match before {
            None => changes.push(IndicatorField::Added),
            Some((o, _)) => {
                changes.extend(when_changed(&o.name, &i.name, |old, new| {
                    IndicatorField::Name { old, new }
                }));
                changes.extend(when_changed(&o.unit, &i.unit, |old, new| {
                    IndicatorField::Unit { old, new }
                }));
                if o.baseline != i.baseline {
                    changes.push(IndicatorField::Baseline {
                        old: baseline(o),
                        new: baseline(i),
                    });
                }
                let mut years: Vec<i32> = o
                    .targets
                    .iter()
                    .chain(&i.targets)
                    .map(|(y, _)| *y)
                    .collect();
                years.sort_unstable();
                years.dedup();
                for year in years {
                    let at = |list: &[(i32, f64)]| {
                        list.iter().find(|(y, _)| *y == year).map(|(_, v)| *v)
                    };
                    let (a, b) = (at(&o.targets), at(&i.targets));
                    if a != b {
                        changes.push(IndicatorField::Target {
                            year,
                            old: value(a),
                            new: value(b),
                        });
                    }
                }
                let (before, after) = (card(o, language), card(i, language));
                changes.extend(
                    fields(&before, &after).map(|(field, old, new)| IndicatorField::Field {
                        field,
                        old,
                        new,
                    }),
                );
            }
        }
        let old_code = before.map(|(_, c)| c.clone());
        if !changes.is_empty() || old_code.as_deref() != Some(code) {
            out.push(IndicatorChange {
                id: i.id.clone(),
                old_code,
                new_code: Some(code.clone()),
                name: i.name.clone(),
                unit: i.unit.clone(),
                changes,
            });
        }
    }
    for (o, code) in old_list
        .iter()
        .filter(|(o, _)| !new_list.iter().any(|(i, _)| i.id == o.id))
    {
        out.push(IndicatorChange {
            id: o.id.clone(),
            old_code: Some(code.clone()),
            new_code: None,
            name: o.name.clone(),
            unit: o.unit.clone(),
            changes: vec![IndicatorField::Removed],
        });
    }
    out
}

/// Where a version of the plan comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A plan folder as it is on disk (the working tree, or another folder).
    Folder(std::path::PathBuf),
    /// The plan folder `dir` as it was at a git revision.
    Revision {
        dir: std::path::PathBuf,
        rev: String,
    },
}

/// A version read, ready to compare.
pub struct Loaded {
    pub label: String,
    pub plan: Plan,
    pub numbers: Numbers,
    pub ledger: Ledger,
    pub sources: Sources,
    /// The problems met reading it; a plan with errors compares as far as it was read.
    pub diags: Diagnostics,
}

impl Loaded {
    pub fn version(&self) -> Version<'_> {
        Version {
            label: self.label.clone(),
            plan: &self.plan,
            numbers: &self.numbers,
            ledger: &self.ledger,
            sources: &self.sources,
        }
    }
}

/// Why a version cannot be compared: `problem` says it in one line (a [`Diagnostic::usage`]
/// for a revision that cannot be read from git); `diags` holds what went wrong reading the
/// plan, pointing into `sources`.
pub struct Unreadable {
    pub problem: Diagnostic,
    pub sources: Sources,
    pub diags: Diagnostics,
}

/// Reads a version of the plan: its files, the typed plan, its numbers and ledger, which is
/// all a comparison needs (no Markdown conversion, pictures or fonts). `label` names it in
/// the output (empty: the working tree). A plan with errors still compares as far as it could
/// be read; one that cannot be read at all is [`Unreadable`].
pub fn load(source: &Source, mut label: String) -> Result<Loaded, Box<Unreadable>> {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let raw = match source {
        Source::Folder(dir) => crate::load::load_plan(dir, &mut sources, &mut diags),
        Source::Revision { dir, rev } => {
            let revision = match crate::revision::open(dir, rev) {
                Ok(revision) => revision,
                Err(problem) => {
                    return Err(Box::new(Unreadable {
                        problem: *problem,
                        sources,
                        diags,
                    }));
                }
            };
            // A commit id shows as itself; a name also shows the commit it meant.
            if !revision.short.starts_with(rev.as_str()) {
                label = format!("{label} ({})", revision.short);
            }
            crate::load::load_from(&revision, &mut sources, &mut diags)
        }
    };
    let Some(raw) = raw else {
        let shown = match source {
            Source::Folder(dir) if label.is_empty() => dir.display().to_string(),
            _ => label,
        };
        return Err(Box::new(Unreadable {
            problem: Diagnostic::error(format!("the plan at `{shown}` cannot be read"))
                .code(codes::UNREADABLE),
            sources,
            diags,
        }));
    };
    let plan = crate::model::build_plan(raw, &sources, &mut diags);
    let numbers = crate::number::number(&plan);
    let ledger = Ledger::new(&plan);
    Ok(Loaded {
        label,
        plan,
        numbers,
        ledger,
        sources,
        diags,
    })
}
