//! The view: the numbered plan as the documents show it. Every number, code, formatted
//! amount and date is computed here, once, for every output that shows the plan: the
//! templates (as `data`, see `typeset`), the exports (CSV, XLSX, JSON) and a working
//! group's review pack (the same view, filtered to the group's measures).
//!
//! The structures below are a public contract: a plan's own templates read them as
//! `data.<field>`, with field names in kebab-case (`data.plan.money-unit`). Texts written
//! in Markdown are not here but in `texts`, by the key a `text` field holds.
//!
//! What a template sets as text is a [`Text`]; a number it shows is a [`Cell`], its value
//! and its text together; what is absent is `none`, never an empty string.

mod action_plan;
mod annexes;
mod build;
mod report;
mod scenarios;
mod text;

use serde::Serialize;

use crate::model::{Direction, Language, Status};

pub(crate) use annexes::Listed;
pub(crate) use build::{build, indicator, named};
pub(crate) use report::{Count, ExecutionRow, IndicatorProgress, Report, places};
pub(crate) use scenarios::Scenarios;
pub(crate) use text::{Cell, Text, texts_shown_as};

/// What one document's templates receive as `data`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Data {
    /// The plan's title page facts: title, period, date, approval.
    pub plan: PlanInfo,
    /// The document being typeset.
    pub document: DocumentInfo,
    /// The vision, the mission and the vision's indicators.
    pub vision: Vision,
    /// Funding sources in plan order; every [`Money::by_source`] is aligned with it.
    pub sources: Vec<Named>,
    /// Institutions in plan order.
    pub institutions: Vec<Named>,
    /// Working groups in plan order.
    pub groups: Vec<Named>,
    /// Each working group's members, by the group's id; a group without members is not in
    /// it.
    pub members: std::collections::BTreeMap<String, Vec<Member>>,
    /// Goals of higher-level plans, with the items of this plan that contribute to them.
    pub higher_goals: Vec<HigherGoal>,
    /// `[abbreviations]` with the ids of institutions and sources, in Lithuanian
    /// alphabetical order, each once.
    pub abbreviations: Vec<Abbreviation>,
    /// The action plan's optional columns and the key to its abbreviations.
    pub action_plan: action_plan::ActionPlan,
    /// The strategy tree: priorities → goals → objectives → measures.
    pub priorities: Vec<Priority>,
    /// Funding summed per priority, per year and in total.
    pub funding: Funding,
    /// The SWOT analysis, from `analysis.toml`; `none` without one.
    pub swot: Option<Swot>,
    /// The development scenarios, from `analysis.toml`; `none` without any.
    pub scenarios: Option<Scenarios>,
    /// Horizontal principles with the items that serve them, in plan order.
    pub principles: Vec<Principle>,
    /// The working group whose review pack this is (`plan build --group`): the priorities,
    /// funding and indicators above hold only its measures and what they belong to,
    /// numbered as in the full plan. `none` for the full document.
    pub pack: Option<Named>,
    /// The monitoring report of a document with `report = <year>`; `none` otherwise.
    pub report: Option<Report>,
    /// The plan's annexes in the order of their numbers, as `@annexes` lists them (with the
    /// annex of changes in the document a build adds it to).
    pub annexes: Vec<Listed>,
}

/// `[plan]`, formatted for the title page, headers and PDF metadata.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct PlanInfo {
    /// The plan's title.
    pub title: Text,
    /// For running headers.
    pub short_title: Text,
    /// The municipality or body the plan is for.
    pub organisation: Text,
    /// First and last year.
    pub period: [i32; 2],
    /// The period as text: "2022–2030".
    pub period_text: Text,
    /// Years with targets, in order: the milestones and every other year an indicator
    /// has a target in.
    pub milestones: Vec<i32>,
    /// `"lt"` or `"en"`: which labels and typography to use.
    pub language: Language,
    /// The plan's version; `none` when it gives none.
    pub version: Option<Text>,
    /// `"draft"` (the pages carry a watermark) or `"approved"`.
    pub status: Status,
    /// The plan's date as text: "2021 m. sausio 28 d." or "28 January 2021".
    pub date: Text,
    /// The date as ISO `YYYY-MM-DD`, for the PDF metadata.
    pub date_iso: [i32; 3],
    /// The unit amounts are in, e.g. "tūkst. Eur".
    pub money_unit: Text,
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
pub(crate) struct Approval {
    /// The approving body, e.g. "Alytaus miesto savivaldybės taryba".
    pub body: Text,
    /// The body in the genitive, as the approval mark needs it in Lithuanian
    /// ("… tarybos 2021 m. sausio 28 d. sprendimu"); the body itself in English.
    pub body_genitive: Text,
    /// The decision's number, e.g. "T-12"; `none` until it is known.
    pub decision: Option<Text>,
    /// The decision's date as text; `none` until it is known.
    pub date: Option<Text>,
    /// A draft for the council: the mark is printed with blanks for the date and number
    /// ("20__ m. ________ d. sprendimu Nr. ____"), under "Projektas".
    pub blank: bool,
    /// The last amendment, for the redaction line under the mark; `none` when there is
    /// none (or the document is still a draft).
    pub amendment: Option<Amendment>,
}

/// The decision that gave the text in force: "(… tarybos 2024 m. gruodžio 19 d. sprendimo
/// Nr. T1-301 redakcija)".
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Amendment {
    /// The amending body in the genitive (Lithuanian), as it is (English).
    pub body_genitive: Text,
    pub date: Text,
    pub decision: Text,
}

/// The `[[document]]` being typeset.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct DocumentInfo {
    /// Its id; the PDF is `<id>.pdf` (a review pack's is `<document>-<group>`).
    pub id: String,
    /// Its title.
    pub title: Text,
    /// What its title page and footer say of it: its date as text, its version (`none` when
    /// it has none), its status and the approval mark (`none` when not approved). The
    /// plan's, unless the `[[document]]` has its own; a report never shows the plan's
    /// approval or version.
    pub date: Text,
    /// See `date`.
    pub version: Option<Text>,
    /// See `date`.
    pub status: Status,
    /// See `date`. A draft's is the mark with blanks (`blank`).
    pub approval: Option<Approval>,
    /// `"act"` (the municipal document rules: title block on the first page, numbers at
    /// the top centre from the second page) or `"publication"` (title page, footers).
    pub form: crate::model::Form,
    /// Whether some of its parts are annexes (`annex = ["@action-plan"]`): an act then titles
    /// each under its mark.
    pub has_annex_parts: bool,
    /// Whether the title shows the plan's period under it: not when the title says it,
    /// nor for a report (it is about one year).
    pub show_period: bool,
    /// Generated parts the document holds, e.g. `["strategy", "action-plan"]`.
    pub parts: Vec<&'static str>,
    /// Which of its parts carry the labels that references link to.
    pub anchors: Anchors,
    /// Whether the document holds only generated tables (such as the action plan).
    pub tables_only: bool,
    /// The document as an annex to the plan (`annex = true`): it has no title page, its
    /// first page carries the annex mark, and its pages are numbered on their own. `none`
    /// for a document that is not an annex.
    pub annex: Option<Annex>,
    /// What an annex mark names the plan by: its title in the genitive (Lithuanian) or as
    /// it is (English). A part that is an annex (`annex = ["@action-plan"]`) finds its own
    /// number in `data.part.annex`.
    pub annex_of: Text,
    /// The indicator levels `@indicator-cards` describes: `"effect"`, `"result"`,
    /// `"product"`.
    pub cards: Vec<String>,
}

/// What an annex mark says: "<of> <number> priedas" / "Annex <number> to the <of>".
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Annex {
    /// Its number among the plan's annexes, from 1.
    pub number: usize,
    /// The plan's title in the genitive (Lithuanian), or as it is (English).
    pub of: Text,
}

/// The parts of a document that carry the labels references link to, by the parts'
/// declarations ([`crate::parts::Declaration::anchors`]): a template compares them with its
/// own part's name (`anchors-items(data, "strategy")` in `style.typ`).
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Anchors {
    /// The part that carries the labels of priorities, goals, objectives and measures;
    /// `none` when the document holds no part that can.
    pub items: Option<&'static str>,
    /// The part that carries the labels of indicators; `none` when the document holds no
    /// part that can.
    pub indicators: Option<&'static str>,
}

/// A member of a working group.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Member {
    /// The member's name.
    pub name: Text,
    /// The member's role in the group; `none` when not given.
    pub role: Option<Text>,
    /// The institution the member comes from; `none` when not given.
    pub institution: Option<Text>,
}

/// `[vision]`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Vision {
    /// The vision in one sentence.
    pub statement: Text,
    /// The mission in one sentence, or `none`.
    pub mission: Option<Text>,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    /// Indicators of the vision as a whole ("V-1" …).
    pub indicators: Vec<IndicatorData>,
}

/// A horizontal principle (`[[principle]]`).
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Principle {
    /// Its id, which items name in `principles`.
    pub id: String,
    /// Its name.
    pub name: Text,
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
    pub name: Text,
}

/// A goal of a higher-level plan (`[[higher-goal]]`).
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct HigherGoal {
    /// Its id, which goals name in `contributes` and the links table shows.
    pub id: String,
    /// The higher-level plan it is from.
    pub document: Text,
    /// Its title.
    pub title: Text,
    /// Goals, objectives and measures that contribute, in plan order.
    pub contributors: Vec<ItemRef>,
}

/// A strategy item named from elsewhere, with its number.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct ItemRef {
    /// `"goal"`, `"objective"` or `"measure"`.
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// Its number, e.g. "1.2.3".
    pub number: Text,
    /// Its title.
    pub title: Text,
}

/// An abbreviation and what it stands for.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Abbreviation {
    /// The abbreviation.
    pub short: Text,
    /// What it stands for.
    pub meaning: Text,
}

/// Amounts per source (aligned with [`Data::sources`]) and the total, each as a number and
/// as text in the plan's number format.
#[derive(Serialize, Clone)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Money {
    /// Each source's amount; `none` for a source that gives nothing, so tables stay quiet.
    pub by_source: Vec<Option<Cell>>,
    /// The total, "0,0" included.
    pub total: Cell,
}

/// A priority with everything under it.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Priority {
    /// Its id.
    pub id: String,
    /// "1", "I" or "A", as `[numbering]` says (or its code, with `codes = "instead"`).
    pub number: Text,
    /// Its code from outside, shown beside the number; `none` without one, or when the
    /// code is the number (`[numbering] codes = "instead"`). The same for every item.
    pub code: Option<Text>,
    /// Its title.
    pub title: Text,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    /// The indicative funding need as text (`need`); `none` when not given.
    pub need: Option<Text>,
    /// Its impact indicators ("I-1-1" …).
    pub indicators: Vec<IndicatorData>,
    /// Its measures' funding summed.
    pub funding: Money,
    /// Its goals.
    pub goals: Vec<Goal>,
}

/// A goal with its objectives.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Goal {
    /// Its id.
    pub id: String,
    /// "1.2" (nested) or "4" (flat).
    pub number: Text,
    /// As [`Priority::code`].
    pub code: Option<Text>,
    /// Its title.
    pub title: Text,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    /// As [`Priority::need`].
    pub need: Option<Text>,
    /// Codes of the SWOT items it answers ("S1", "W3").
    pub answers: Vec<Text>,
    /// Ids of the horizontal principles it serves (see [`Data::principles`]).
    pub principles: Vec<String>,
    /// Ids of the higher-level goals it contributes to (see [`Data::higher_goals`]).
    pub contributes: Vec<String>,
    /// Its effect indicators.
    pub indicators: Vec<IndicatorData>,
    /// Its measures' funding summed.
    pub funding: Money,
    /// Its objectives.
    pub objectives: Vec<Objective>,
}

/// An objective with its measures.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Objective {
    /// Its id.
    pub id: String,
    /// The goal's number and its place: "1.2.1".
    pub number: Text,
    /// As [`Priority::code`].
    pub code: Option<Text>,
    /// Its title.
    pub title: Text,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    /// As [`Priority::need`].
    pub need: Option<Text>,
    /// Ids of the horizontal principles it serves.
    pub principles: Vec<String>,
    /// Its result indicators.
    pub indicators: Vec<IndicatorData>,
    /// Its measures' funding summed.
    pub funding: Money,
    /// Its measures.
    pub measures: Vec<Measure>,
}

/// A measure, as the action plan shows it.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Measure {
    /// Its id.
    pub id: String,
    /// The objective's number and its place: "1.2.1.3".
    pub number: Text,
    /// As [`Priority::code`].
    pub code: Option<Text>,
    /// Its title.
    pub title: Text,
    /// The key of its Markdown text in `texts`, if it has one.
    pub text: Option<String>,
    /// Ids of the horizontal principles it serves.
    pub principles: Vec<String>,
    /// Institutions responsible for carrying it out.
    pub responsible: Vec<Named>,
    /// Institutions taking part.
    pub partners: Vec<Named>,
    /// The working group that prepared it.
    pub group: Option<Named>,
    /// Its years as text ("2023–2025"); `none` when it has none of its own.
    pub period_text: Option<Text>,
    /// Its funding per source and in total, for the whole period.
    pub funding: Money,
    /// Ids of the higher-level goals it contributes to (see [`Data::higher_goals`]).
    pub contributes: Vec<String>,
    /// Whether it is an investment project (`investment-project = true`).
    pub investment_project: bool,
    /// Its product indicators.
    pub indicators: Vec<IndicatorData>,
}

/// An indicator at any level, with one target per milestone.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct IndicatorData {
    /// Its id.
    pub id: String,
    /// "V-1" (vision), "I-1-1" (impact, of a priority), "E-1.1-1" (effect), "R-1.1.1-1"
    /// (result) or "P-1.1.1.1-1" (product).
    pub code: Text,
    /// What it measures.
    pub name: Text,
    /// The unit of its values; `none` when not given.
    pub unit: Option<Text>,
    /// The value it starts from, with its year; `none` without one.
    pub baseline: Option<Baseline>,
    /// One entry per year with targets (see [`PlanInfo::milestones`]): the target, or `none`. An
    /// indicator's values are all written with as many decimals as its most precise one.
    pub targets: Vec<Option<Cell>>,
    /// Where the values come from; `none` when not given.
    pub source: Option<Text>,
    /// `"up"`, `"down"` or `"maintain"`: which way the indicator should move, or that it is
    /// to be kept at its level.
    pub direction: Direction,
    /// How the value is calculated; `none` when not given.
    pub method: Option<Text>,
    /// How often it is measured; `none` when not given.
    pub frequency: Option<Text>,
    /// Who reports it; `none` when not given.
    pub reporter: Option<Text>,
}

/// An indicator's baseline: a [`Cell`] with its year.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Baseline {
    /// The year it was measured in.
    pub year: i32,
    /// The value.
    pub value: f64,
    /// The value as text.
    pub text: Text,
}

/// Funding summed for the funding tables and charts.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Funding {
    /// Decimals amounts are shown with.
    pub decimals: usize,
    /// All measures together.
    pub total: Money,
    /// The priorities' indicative needs added up, as text; `none` when no priority gives
    /// one.
    pub need_total: Option<Text>,
    /// One row per priority, labelled with its number.
    pub by_priority: Vec<RowMoney>,
    /// One row per year with funding, labelled with the year.
    pub by_year: Vec<RowMoney>,
    /// Whether whole-period amounts were spread over years in `by_year`.
    pub spread: bool,
    /// Each source's share of the total, in per cent ("42,5 %"), aligned with
    /// [`Data::sources`]; `none` when the total is 0 (templates show their dash, as for any
    /// missing value).
    pub shares: Vec<Option<Cell>>,
}

/// One row of a funding table.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct RowMoney {
    /// The first column: a priority's number or a year.
    pub label: Text,
    /// What the row is about: the priority's title, or the year.
    pub title: Text,
    /// The row's funding.
    pub money: Money,
    /// The priority's indicative need as text; `none` when not given (and for years).
    pub need: Option<Text>,
}

/// The SWOT analysis.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Swot {
    /// Strengths, as written.
    pub strengths: Vec<SwotItem>,
    /// Weaknesses.
    pub weaknesses: Vec<SwotItem>,
    /// Opportunities.
    pub opportunities: Vec<SwotItem>,
    /// Threats.
    pub threats: Vec<SwotItem>,
    /// Whether items have ids (and so show their codes, and goals answer them).
    pub coded: bool,
}

/// One SWOT item.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct SwotItem {
    /// Its id, when goals may name it; references to it link to its code.
    pub id: Option<String>,
    /// Its code: "S1", "W2" ("S1", "Si2", "G1", "Gr1" in Lithuanian).
    pub code: Text,
    /// The key of its Markdown text in `texts`.
    pub text: String,
    /// Numbers of the goals that answer it.
    pub goals: Vec<Text>,
}
