//! What a comparison finds, as the renderers receive it and `plan diff --format json`
//! prints it: changes to the plan's fields, items, funding, indicators and reported values.
//! Their serde form is the JSON output, so the names and tags here are its keys.

use serde::Serialize;

use super::ChapterChange;
use crate::model::Language;

/// Every change between two versions of a plan.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PlanDiff {
    /// The revision or folder compared with ("HEAD (a13b9ff)"), empty for the working tree.
    pub old: String,
    pub new: String,
    /// What a reader calls the earlier version: its version and date as its plan.toml
    /// says ("1.0 versija, 2020 m. gruodžio 15 d."), or the label the user gave.
    pub old_name: String,
    /// The same of the version compared.
    pub new_name: String,
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
    /// Datasets (`data/`) added, removed or changed: metadata, rows, columns and cells;
    /// left out of the JSON when none changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<DataChange>,
    pub chapters: Vec<ChapterChange>,
}

/// A change of a dataset: the whole dataset added or removed, a field of its TOML, a row or
/// a column added or removed, or a cell changed (`old` → `new`, `null` when empty).
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct DataChange {
    pub dataset: String,
    pub title: String,
    /// `"added"`, `"removed"`, `"metadata"`, `"row-added"`, `"row-removed"`,
    /// `"column-added"`, `"column-removed"` or `"cell"`.
    pub kind: &'static str,
    /// The TOML key of a `"metadata"` change (`title`, `unit`, `source`, `retrieved`,
    /// `notes`, `file`, `key`).
    pub field: Option<String>,
    /// The row's key.
    pub row: Option<String>,
    pub column: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
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
            && self.data.is_empty()
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
