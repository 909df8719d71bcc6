//! The view: the numbered plan as the documents show it. Every number, code, formatted
//! amount and date is computed here, once, for every output that shows the plan: the
//! templates (as `data`, see `typeset`), the exports (CSV, XLSX, JSON) and a working
//! group's review pack (the same view, filtered to the group's measures).
//!
//! The structures below are a public contract: a plan's own templates read them as
//! `data.<field>`, with field names in kebab-case (`data.plan.money-unit`). Texts written
//! in Markdown are not here but in `texts`, by the key a `text` field holds.

mod build;
mod report;

use serde::Serialize;

use crate::model::{Direction, Language, Status};

pub use build::{build, indicator, named};
pub use report::Report;

/// What one document's templates receive as `data`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Data {
    /// The plan's title page facts: title, period, date, approval.
    pub plan: PlanInfo,
    /// The document being typeset.
    pub document: DocumentInfo,
    pub vision: Vision,
    /// Funding sources in plan order; every [`Money::by_source`] is aligned with it.
    pub sources: Vec<Named>,
    /// Institutions in plan order.
    pub institutions: Vec<Named>,
    /// Working groups in plan order.
    pub groups: Vec<Named>,
    /// Each working group's members (`name`, `role`, `institution`; the last two may be
    /// `none`), by the group's id; a group without members is not in it.
    pub members: std::collections::BTreeMap<String, Vec<crate::model::Member>>,
    /// Goals of higher-level plans, with the items of this plan that contribute to them.
    pub higher_goals: Vec<HigherGoal>,
    /// `[abbreviations]` with the ids of institutions and sources, in Lithuanian
    /// alphabetical order, each once.
    pub abbreviations: Vec<Abbreviation>,
    /// The strategy tree: priorities → goals → objectives → measures.
    pub priorities: Vec<Priority>,
    /// Funding summed per priority, per year and in total.
    pub funding: Funding,
    /// The SWOT analysis, from `analysis.toml`; `none` without one.
    pub swot: Option<Swot>,
    /// Horizontal principles with the items that serve them, in plan order.
    pub principles: Vec<Principle>,
    /// The working group whose review pack this is (`plan build --group`): the priorities,
    /// funding and indicators above hold only its measures and what they belong to,
    /// numbered as in the full plan. `none` for the full document.
    pub pack: Option<Named>,
    /// The monitoring report of a document with `report = <year>`; `none` otherwise.
    pub report: Option<Report>,
}

/// `[plan]`, formatted for the title page, headers and PDF metadata.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PlanInfo {
    pub title: String,
    /// For running headers.
    pub short_title: String,
    /// The municipality or body the plan is for.
    pub organisation: String,
    /// First and last year.
    pub period: [i32; 2],
    /// The period as text: "2022–2030".
    pub period_text: String,
    /// Years with targets, in order.
    pub milestones: Vec<i32>,
    /// `"lt"` or `"en"`: which labels and typography to use.
    pub language: Language,
    pub version: String,
    /// `"draft"` (the pages carry a watermark) or `"approved"`.
    pub status: Status,
    /// The plan's date as text: "2021 m. sausio 28 d." or "28 January 2021".
    pub date: String,
    /// The date as ISO `YYYY-MM-DD`, for the PDF metadata.
    pub date_iso: [i32; 3],
    /// The unit amounts are in, e.g. "tūkst. Eur".
    pub money_unit: String,
    /// The short git commit id (with `*` for uncommitted changes), for the footer.
    pub stamp: Option<String>,
    /// The logo's path for `image()`, converted if it had to be.
    pub logo: Option<String>,
    /// The approval decision; `none` for a plan not yet approved.
    pub approval: Option<Approval>,
}

/// `[plan.approval]`: who approved the plan, when, by which decision.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Approval {
    /// The approving body, e.g. "Alytaus miesto savivaldybės taryba".
    pub body: String,
    /// The body in the genitive, as the approval mark needs it in Lithuanian
    /// ("… tarybos 2021 m. sausio 28 d. sprendimu"); the body itself in English.
    pub body_genitive: String,
    /// The decision's number, e.g. "T-12"; `none` until it is known.
    pub decision: Option<String>,
    /// The decision's date as text; `none` until it is known.
    pub date: Option<String>,
}

/// The `[[document]]` being typeset.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct DocumentInfo {
    /// Its id; the PDF is `<id>.pdf` (a review pack's is `<document>-<group>`).
    pub id: String,
    pub title: String,
    /// What its title page and footer say of it: its date as text, its version (`""` for
    /// none), its status and the approval mark. The plan's, unless the `[[document]]` has its
    /// own; a report never shows the plan's approval or version.
    pub date: String,
    pub version: String,
    pub status: Status,
    pub approval: Option<Approval>,
    /// Generated parts the document holds, e.g. `["strategy", "action-plan"]`.
    pub parts: Vec<String>,
    /// Whether the document holds only generated tables (such as the action plan).
    pub tables_only: bool,
    /// The document as an annex to the plan (`annex = true`): it has no title page, its
    /// first page carries the annex mark, and its pages are numbered on their own. `none`
    /// for a document that is not an annex.
    pub annex: Option<Annex>,
    /// What an annex mark names the plan by: its title in the genitive (Lithuanian) or as
    /// it is (English). A part that is an annex (`annex = ["@action-plan"]`) finds its own
    /// number in `data.part.annex`.
    pub annex_of: String,
    /// The indicator levels `@indicator-cards` describes: `"effect"`, `"result"`,
    /// `"product"`.
    pub cards: Vec<String>,
}

/// What an annex mark says: "<of> <number> priedas" / "Annex <number> to the <of>".
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Annex {
    /// Its number among the plan's annexes, from 1.
    pub number: usize,
    /// The plan's title in the genitive (Lithuanian), or as it is (English).
    pub of: String,
}

/// `[vision]`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Vision {
    /// The vision in one sentence.
    pub statement: String,
    /// The mission in one sentence, or `none`.
    pub mission: Option<String>,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    /// Indicators of the vision as a whole ("V-1" …).
    pub indicators: Vec<IndicatorData>,
}

/// A horizontal principle (`[[principle]]`).
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Principle {
    pub id: String,
    pub name: String,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    /// Goals, objectives and measures that serve it, in plan order.
    pub items: Vec<ItemRef>,
}

/// A registry entry: an institution, a source, a working group.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Named {
    /// Its id, which tables show as the short form (e.g. "ADM").
    pub id: String,
    /// Its full name.
    pub name: String,
}

/// A goal of a higher-level plan (`[[higher-goal]]`).
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct HigherGoal {
    pub id: String,
    /// The higher-level plan it is from.
    pub document: String,
    pub title: String,
    /// Goals, objectives and measures that contribute, in plan order.
    pub contributors: Vec<ItemRef>,
}

/// A strategy item named from elsewhere, with its number.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ItemRef {
    /// `"goal"`, `"objective"` or `"measure"`.
    pub kind: &'static str,
    pub id: String,
    /// Its number, e.g. "1.2.3".
    pub number: String,
    pub title: String,
}

/// An abbreviation and what it stands for.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Abbreviation {
    pub short: String,
    pub meaning: String,
}

/// Amounts per source (aligned with [`Data::sources`]) and the total, as numbers and as
/// text in the plan's number format.
#[derive(Serialize, Clone)]
#[serde(rename_all = "kebab-case")]
pub struct Money {
    pub by_source: Vec<f64>,
    /// Each amount as text; empty for a source that gives nothing, so tables stay quiet.
    pub by_source_text: Vec<String>,
    pub total: f64,
    /// The total as text, "0,0" included.
    pub total_text: String,
}

/// A priority with everything under it.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Priority {
    pub id: String,
    /// "1", "I" or "A", as `[numbering]` says (or its code, with `codes = "instead"`).
    pub number: String,
    /// Its code from outside, shown beside the number; `none` without one, or when the
    /// code is the number (`[numbering] codes = "instead"`). The same for every item.
    pub code: Option<String>,
    pub title: String,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    /// The indicative funding need as text (`need`); `none` when not given.
    pub need: Option<String>,
    /// Its impact indicators ("I-1-1" …).
    pub indicators: Vec<IndicatorData>,
    /// Its measures' funding summed.
    pub funding: Money,
    pub goals: Vec<Goal>,
}

/// A goal with its objectives.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Goal {
    pub id: String,
    /// "1.2" (nested) or "4" (flat).
    pub number: String,
    pub code: Option<String>,
    pub title: String,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    pub need: Option<String>,
    /// Codes of the SWOT items it answers ("S1", "W3").
    pub answers: Vec<String>,
    /// Ids of the horizontal principles it serves (see [`Data::principles`]).
    pub principles: Vec<String>,
    /// Ids of the higher-level goals it contributes to (see [`Data::higher_goals`]).
    pub contributes: Vec<String>,
    /// Its effect indicators.
    pub indicators: Vec<IndicatorData>,
    /// Its measures' funding summed.
    pub funding: Money,
    pub objectives: Vec<Objective>,
}

/// An objective with its measures.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Objective {
    pub id: String,
    /// The goal's number and its place: "1.2.1".
    pub number: String,
    pub code: Option<String>,
    pub title: String,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    pub need: Option<String>,
    pub principles: Vec<String>,
    /// Its result indicators.
    pub indicators: Vec<IndicatorData>,
    /// Its measures' funding summed.
    pub funding: Money,
    pub measures: Vec<Measure>,
}

/// A measure, as the action plan shows it.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Measure {
    pub id: String,
    /// The objective's number and its place: "1.2.1.3".
    pub number: String,
    pub code: Option<String>,
    pub title: String,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    pub principles: Vec<String>,
    /// Institutions responsible for carrying it out.
    pub responsible: Vec<Named>,
    /// Institutions taking part.
    pub partners: Vec<Named>,
    /// The working group that prepared it.
    pub group: Option<Named>,
    /// Its years as text ("2023–2025"); empty when it has none of its own.
    pub period_text: String,
    pub funding: Money,
    /// Its product indicators.
    pub indicators: Vec<IndicatorData>,
}

/// An indicator at any level, with one target per milestone.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct IndicatorData {
    pub id: String,
    /// "V-1" (vision), "I-1-1" (impact, of a priority), "E-1.1-1" (effect), "R-1.1.1-1"
    /// (result) or "P-1.1.1.1-1" (product).
    pub code: String,
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub baseline_year: Option<i32>,
    /// The baseline as text; empty without one.
    pub baseline_text: String,
    /// One entry per milestone (see [`PlanInfo::milestones`]): the target, or none.
    pub targets: Vec<Option<f64>>,
    /// The targets as text, one per milestone; empty where there is none.
    pub targets_text: Vec<String>,
    /// Where the values come from.
    pub source: Option<String>,
    /// `"up"` or `"down"`: which way the indicator should move.
    pub direction: Direction,
    /// How the value is calculated; `none` when not given.
    pub method: Option<String>,
    /// How often it is measured; `none` when not given.
    pub frequency: Option<String>,
    /// Who reports it; `none` when not given.
    pub reporter: Option<String>,
}

/// Funding summed for the funding tables and charts.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Funding {
    /// Decimals amounts are shown with.
    pub decimals: usize,
    /// All measures together.
    pub total: Money,
    /// The priorities' indicative needs added up, as text; `none` when no priority gives
    /// one.
    pub need_total: Option<String>,
    /// One row per priority, labelled with its number.
    pub by_priority: Vec<RowMoney>,
    /// One row per year with funding, labelled with the year.
    pub by_year: Vec<RowMoney>,
    /// Whether whole-period amounts were spread over years in `by_year`.
    pub spread: bool,
    /// Each source's share of the total, as text ("42,5 %"); empty when the total is 0
    /// (templates show their dash, as for any missing value).
    pub shares_text: Vec<String>,
}

/// One row of a funding table.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct RowMoney {
    /// The first column: a priority's number or a year.
    pub label: String,
    /// What the row is about: the priority's title, or the year.
    pub title: String,
    pub money: Money,
    /// The priority's indicative need as text; `none` when not given (and for years).
    pub need: Option<String>,
}

/// The SWOT analysis.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Swot {
    pub strengths: Vec<SwotItem>,
    pub weaknesses: Vec<SwotItem>,
    pub opportunities: Vec<SwotItem>,
    pub threats: Vec<SwotItem>,
    /// Whether items have ids (and so show their codes, and goals answer them).
    pub coded: bool,
}

/// One SWOT item.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SwotItem {
    /// Its id, when goals may name it; references to it link to its code.
    pub id: Option<String>,
    /// Its code: "S1", "W2" ("S1", "Si2", "G1", "Gr1" in Lithuanian).
    pub code: String,
    /// The key of its Markdown text in `texts`.
    pub text: String,
    /// Numbers of the goals that answer it.
    pub goals: Vec<String>,
}
