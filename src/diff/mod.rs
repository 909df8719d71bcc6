//! What changed between two versions of a plan, by item rather than by line: items added,
//! removed, moved or renumbered, titles and texts (word by word), funding rolled up from
//! measures to the plan, indicators, implementation details, datasets (`data`) and chapters (sentence by
//! sentence, `chapters`). Printed for a terminal, as Markdown or as JSON (`render`), and
//! typeset as an annex (`plan build --changes-since`).
//!
//! This file holds the version compared, the order of the comparison and the helpers that
//! items and indicators share; what the comparison finds is in `changes`, and each part of
//! the plan is compared in its own module below.

mod changes;
mod chapters;
mod data;
mod funding;
mod indicators;
mod items;
mod load;
mod monitoring;
pub(crate) mod pairing;
mod plan;
pub mod render;
pub mod sentences;
mod words;

use std::collections::BTreeMap;

use crate::diag::Sources;
use crate::ledger::{Ledger, MoneyFormat};
use crate::model::{Money, Plan};
use crate::number::Numbers;

use funding::{Funds, compare_funding};
use items::{Flat, compare_item, flatten};

pub use changes::{
    Amount, Change, DataChange, FieldChange, FundingChange, IndicatorChange, IndicatorField,
    ItemChange, Kind, MonitoringChange, Op, PlanDiff, Segment, SourceChange,
};
pub use chapters::{ChapterChange, ChapterStatus, SentenceChange, SentenceOp};
pub use load::{Loaded, Source, Unreadable, load};
pub use words::words;

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

/// Whether `new` still carries the version number and date of `old`, though it changed:
/// a revised plan that a reader cannot tell from the one compared with.
pub fn version_unchanged(old: &Plan, new: &Plan, diff: &PlanDiff) -> bool {
    !diff.is_empty() && old.meta.version == new.meta.version && old.meta.date == new.meta.date
}

/// The warning for a changed plan that kept the version and date of the one compared with.
pub fn version_warning(diff: &PlanDiff, new: &Plan) -> crate::diag::Diagnostic {
    crate::diag::Diagnostic::warning(format!(
        "the plan changed since {} but still has its version {} and date {}",
        if diff.old.is_empty() { "the working tree" } else { &diff.old },
        new.meta.version,
        new.meta.date
    ))
    .code(crate::diag::codes::VERSION_UNCHANGED)
    .hint("raise `version` and set `date` in plan.toml's [plan], so that readers can tell this version from the one they saw")
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
        old_name: render::version_name(&old.plan.meta),
        new_name: render::version_name(&new.plan.meta),
        language,
        money_unit: new.plan.meta.money_unit.clone(),
        plan: plan::compare_plan(old.plan, new.plan, language),
        items,
        funding,
        indicators: indicators::compare_indicators(old, new, language),
        monitoring: monitoring::compare_monitoring(old, new, language, &source_order, &amount),
        data: data::compare_data(old, new, language),
        chapters: chapters::compare_chapters(old, new),
    }
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
