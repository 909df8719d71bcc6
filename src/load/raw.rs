//! The plan files exactly as written: serde structs that keep the source span of every
//! value, so later stages can point at file, line and column. No judgement here beyond
//! TOML syntax, unknown keys and value types.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

/// A spanned string, the most common value.
pub(crate) type Str = Spanned<String>;

/// `plan.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub plan: Spanned<PlanSection>,
    pub vision: Option<Spanned<VisionSection>>,
    pub numbering: Option<Spanned<NumberingSection>>,
    pub templates: Option<Spanned<TemplatesSection>>,
    pub monitoring: Option<Spanned<MonitoringSection>>,
    #[serde(default)]
    pub source: Vec<Spanned<Entry>>,
    #[serde(default)]
    pub institution: Vec<Spanned<Entry>>,
    #[serde(default)]
    pub group: Vec<Spanned<Group>>,
    #[serde(default, rename = "higher-goal")]
    pub higher_goal: Vec<Spanned<HigherGoal>>,
    #[serde(default)]
    pub abbreviations: BTreeMap<String, Str>,
    #[serde(default)]
    pub document: Vec<Spanned<Document>>,
    /// Horizontal principles (cross-cutting directions) that goals and measures serve.
    #[serde(default)]
    pub principle: Vec<Spanned<Principle>>,
}

/// `[[principle]]`: a horizontal principle, defined once and named by the items serving it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    pub id: Str,
    pub name: Str,
    pub text: Option<Str>,
}

/// `[plan]`: the plan's identity.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlanSection {
    pub title: Str,
    /// The title in the genitive, for annex marks ("… plano 1 priedas"); derived from the
    /// title when not given.
    pub title_genitive: Option<Str>,
    pub short_title: Option<Str>,
    pub organisation: Str,
    /// The organisation's legal entity code, for the archive metadata of the PDFs.
    pub organisation_code: Option<Str>,
    pub period: Spanned<Vec<Spanned<i64>>>,
    pub milestones: Option<Spanned<Vec<Spanned<i64>>>>,
    pub language: Option<Spanned<Language>>,
    pub version: Option<Str>,
    pub status: Option<Spanned<Status>>,
    pub date: Spanned<toml::value::Datetime>,
    pub money_unit: Option<Str>,
    /// How many decimals every amount is shown with (0–2); inferred when not given.
    pub money_decimals: Option<Spanned<i64>>,
    pub logo: Option<Str>,
    pub approval: Option<Spanned<Approval>>,
    /// How the documents look: an official act or a publication (see [`Form`]).
    pub form: Option<Spanned<Form>>,
}

/// The look of a document: an `act` follows the municipal document rules (V-117: margins,
/// page numbers at the top centre from the second page, the title block on the first page,
/// no cover); a `publication` has a title page and numbered footers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    Act,
    Publication,
}

/// The plan's language: labels, hyphenation, number and date formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Lt,
    En,
}

/// Whether the plan is a draft (watermarked) or approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Approved,
}

/// `[plan.approval]`: the council decision that approved the plan.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub body: Str,
    /// The decision's number; not known yet while the plan is being approved.
    pub decision: Option<Str>,
    /// The decision's date; not known yet before the meeting.
    pub date: Option<Spanned<toml::value::Datetime>>,
    /// `[[plan.approval.amendment]]`: later decisions that amended the approved text.
    #[serde(default)]
    pub amendment: Vec<Amendment>,
}

/// `[[plan.approval.amendment]]`: a decision that amended the approved text; the last one
/// gives the redaction line under the approval mark.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The amending body, when it is not the approving one.
    pub body: Option<Str>,
    pub decision: Str,
    pub date: Spanned<toml::value::Datetime>,
}

/// `[vision]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisionSection {
    pub statement: Str,
    /// The mission beside the vision, in one sentence: what the municipality does to reach it.
    pub mission: Option<Str>,
    pub text: Option<Str>,
    /// Indicators of the vision as a whole (`[[vision.indicator]]`).
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// `[templates]`: what the plan's own templates may do.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatesSection {
    /// Whether templates may run WebAssembly plugins (`plugin(…)`), which typst runs
    /// without a time limit.
    pub plugins: Option<Spanned<bool>>,
}

/// `[monitoring]`: how the reports judge the plan's indicators.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringSection {
    pub rule: Option<Spanned<RuleSection>>,
}

/// `[monitoring] rule = { against = "target", on-track = 100, lagging = 80 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSection {
    pub against: Option<Spanned<Against>>,
    pub on_track: Option<Spanned<Number>>,
    pub lagging: Option<Spanned<Number>>,
}

/// What an indicator's achievement is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Against {
    /// The actual value as a share of the year's target (the target's share of the value
    /// for an indicator that should go down).
    Target,
    /// The share of the way from the baseline to the year's target the value has come.
    #[default]
    BaselineDistance,
}

/// `[numbering]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberingSection {
    pub priority: Option<Spanned<PriorityStyle>>,
    pub goal: Option<Spanned<GoalStyle>>,
    /// Whether codes given from outside (`code = "LT029-01-01"`) stand beside the number
    /// from order or instead of it.
    pub codes: Option<Spanned<CodeStyle>>,
}

/// Where an item's code from outside is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeStyle {
    /// After the number from order: "1.2.1 (LT029-01-02)".
    #[default]
    Beside,
    /// In place of the number; items without a code keep theirs.
    Instead,
}

/// How priorities are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum PriorityStyle {
    #[default]
    #[serde(rename = "1")]
    Arabic,
    #[serde(rename = "I")]
    Roman,
    #[serde(rename = "A")]
    Letter,
}

/// Whether goal numbers restart in each priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoalStyle {
    #[default]
    Nested,
    Flat,
}

/// A registry entry: `[[source]]`, `[[institution]]`, `[[group]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: Str,
    pub name: Str,
}

/// `[[group]]`: a working group, with its members.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: Str,
    pub name: Str,
    #[serde(default)]
    pub member: Vec<Spanned<Member>>,
}

/// `[[group.member]]`: who sits in a working group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: Str,
    /// E.g. "pirmininkė", "sekretorius".
    pub role: Option<Str>,
    /// Where the member works, as text (an institution of the plan or any other).
    pub institution: Option<Str>,
}

/// What every registry entry has: an id and a name.
pub(crate) trait Registered {
    fn id(&self) -> &Str;
    fn name(&self) -> &Str;
}

impl Registered for Entry {
    fn id(&self) -> &Str {
        &self.id
    }
    fn name(&self) -> &Str {
        &self.name
    }
}

impl Registered for Group {
    fn id(&self) -> &Str {
        &self.id
    }
    fn name(&self) -> &Str {
        &self.name
    }
}

/// `[[higher-goal]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HigherGoal {
    pub id: Str,
    pub document: Str,
    pub title: Str,
}

/// `[[document]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: Str,
    pub title: Option<Str>,
    pub parts: Spanned<Vec<Str>>,
    /// The document as an annex to the plan (`true`), or the parts of it that are annexes
    /// (a list of parts): numbered among the annexes, marked "… plano 1 priedas".
    pub annex: Option<Spanned<Annex>>,
    /// The levels `@indicator-cards` describes: "effect", "result", "product" (all by
    /// default).
    pub cards: Option<Spanned<Vec<Str>>>,
    /// The files a build writes of it: "pdf" (the default) and "docx" (its Word edition).
    pub formats: Option<Spanned<Vec<Str>>>,
    /// The year a monitoring report is about (`report = 2024`): its parts (`@indicator-progress`
    /// …) read `monitoring/2024.toml` and the years before it.
    pub report: Option<Spanned<i64>>,
    /// The document's own date, when it is not the plan's (a yearly report): its title page,
    /// footer and PDF date.
    pub date: Option<Spanned<toml::value::Datetime>>,
    /// The document's own version; a report shows none unless it has one.
    pub version: Option<Str>,
    /// The document's own status: "draft" (a watermark on every page) or "approved".
    pub status: Option<Spanned<Status>>,
    /// The document's own look, `act` or `publication`; the plan's (`[plan] form`) otherwise.
    pub form: Option<Spanned<Form>>,
    /// The decision that approves this document on its own (a yearly report), as
    /// `[plan.approval]` says it for the plan.
    pub approval: Option<Spanned<Approval>>,
}

/// `annex`: the whole document (`true`/`false`) or some of its parts, by name as in `parts`.
#[derive(Debug)]
pub enum Annex {
    Whole(bool),
    Parts(Vec<Str>),
}

impl<'de> Deserialize<'de> for Annex {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnnexVisitor;
        impl<'de> Visitor<'de> for AnnexVisitor {
            type Value = Annex;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean, or a list of the document's parts")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Annex, E> {
                Ok(Annex::Whole(v))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Annex, A::Error> {
                let mut parts = Vec::new();
                while let Some(part) = seq.next_element::<Str>()? {
                    parts.push(part);
                }
                Ok(Annex::Parts(parts))
            }
        }
        deserializer.deserialize_any(AnnexVisitor)
    }
}

/// One `strategy/*.toml` file: a priority and its tree.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyFile {
    pub priority: Spanned<Priority>,
    #[serde(default)]
    pub goal: Vec<Spanned<Goal>>,
    #[serde(default)]
    pub objective: Vec<Spanned<Objective>>,
    #[serde(default)]
    pub measure: Vec<Spanned<Measure>>,
}

/// `[priority]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub id: Str,
    pub title: Str,
    pub text: Option<Str>,
    /// A code given from outside, e.g. by a regional plan.
    pub code: Option<Str>,
    /// The indicative funding need when measures are not costed yet.
    pub need: Option<Spanned<Number>>,
    /// Its impact indicators (`[[priority.indicator]]`).
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// `[[goal]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: Str,
    pub title: Str,
    pub text: Option<Str>,
    pub code: Option<Str>,
    pub need: Option<Spanned<Number>>,
    /// Ids of the SWOT items the goal answers.
    #[serde(default)]
    pub answers: Vec<Str>,
    /// Ids of the horizontal principles it serves.
    #[serde(default)]
    pub principles: Vec<Str>,
    #[serde(default)]
    pub contributes: Vec<Str>,
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// `[[objective]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: Str,
    pub goal: Str,
    pub title: Str,
    pub text: Option<Str>,
    pub code: Option<Str>,
    pub need: Option<Spanned<Number>>,
    #[serde(default)]
    pub principles: Vec<Str>,
    #[serde(default)]
    pub contributes: Vec<Str>,
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// `[[measure]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: Str,
    pub objective: Str,
    pub title: Str,
    pub text: Option<Str>,
    pub code: Option<Str>,
    #[serde(default)]
    pub principles: Vec<Str>,
    #[serde(default)]
    pub responsible: Vec<Str>,
    #[serde(default)]
    pub partners: Vec<Str>,
    pub group: Option<Str>,
    pub period: Option<Spanned<Vec<Spanned<i64>>>>,
    #[serde(default)]
    pub funding: BTreeMap<String, Spanned<Funding>>,
    #[serde(default)]
    pub contributes: Vec<Str>,
    /// `investment-project = true`: the measure is an investment project (the action plan
    /// then shows a column saying so).
    #[serde(default, rename = "investment-project")]
    pub investment_project: Option<Spanned<bool>>,
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// An indicator on any level; its level comes from where it is written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Str,
    pub name: Str,
    pub unit: Option<Str>,
    pub baseline: Option<Spanned<Baseline>>,
    #[serde(default)]
    pub targets: BTreeMap<String, Spanned<Number>>,
    pub source: Option<Str>,
    pub direction: Option<Spanned<Direction>>,
    /// How the value is calculated (for the indicator cards).
    pub method: Option<Str>,
    /// How often the value is measured: "kasmet", "kas dvejus metus" …
    pub frequency: Option<Str>,
    /// Who reports the value.
    pub reporter: Option<Str>,
}

/// `baseline = { year = 2019, value = 5.2 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub year: Spanned<i64>,
    pub value: Spanned<Number>,
}

/// Which way an indicator should move: up, down, or neither (`maintain`: kept at its
/// target, a stabilisation target such as "keep at this level").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Up,
    Down,
    Maintain,
}

/// A measure's funding from one source: a whole-period amount or amounts per year.
#[derive(Debug)]
pub enum Funding {
    Total(Number),
    PerYear(Vec<(String, Spanned<Number>)>),
}

impl<'de> Deserialize<'de> for Funding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FundingVisitor;
        impl<'de> Visitor<'de> for FundingVisitor {
            type Value = Funding;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount, or a table of amounts per year")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Funding, E> {
                Ok(Funding::Total(Number(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Funding, E> {
                Ok(Funding::Total(Number(v as f64)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Funding, E> {
                finite(v).map(Funding::Total)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Funding, A::Error> {
                let mut years = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    years.push((key, map.next_value::<Spanned<Number>>()?));
                }
                Ok(Funding::PerYear(years))
            }
        }
        deserializer.deserialize_any(FundingVisitor)
    }
}

/// A number written as a TOML integer or float; never `nan` or `inf`, which TOML takes
/// as floats but no value of a plan can be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

/// The end of the message for a TOML float that is not a finite number; the loader turns
/// it into the `not-a-number` problem.
pub(crate) const NOT_A_NUMBER: &str = "is not a number";

/// A float read as a [`Number`]: finite, or an error at the value.
fn finite<E: de::Error>(v: f64) -> Result<Number, E> {
    if v.is_finite() {
        return Ok(Number(v));
    }
    // As TOML writes it.
    let written = match v {
        v if v.is_nan() => "nan",
        v if v > 0.0 => "inf",
        _ => "-inf",
    };
    Err(E::custom(format!("`{written}` {NOT_A_NUMBER}")))
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                finite(v)
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// `analysis.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisFile {
    pub swot: Option<Spanned<Swot>>,
    /// Alternative development scenarios (`[[scenario]]`).
    #[serde(default)]
    pub scenario: Vec<Spanned<Scenario>>,
}

/// `[[scenario]]`: an alternative course of development, its assumptions and what it
/// projects for chosen indicators (`projections = { <indicator id> = { 2030 = 52 } }`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: Str,
    pub name: Str,
    /// What the scenario assumes, Markdown.
    pub assumptions: Option<Str>,
    /// The scenario the plan follows (one of them).
    #[serde(default)]
    pub chosen: Option<Spanned<bool>>,
    /// Projected values by indicator id, then by year.
    #[serde(default)]
    pub projections: BTreeMap<String, Spanned<BTreeMap<String, Spanned<Number>>>>,
}

/// `[swot]`: four lists of items, each inline Markdown.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Swot {
    #[serde(default)]
    pub strengths: Vec<Spanned<SwotItem>>,
    #[serde(default)]
    pub weaknesses: Vec<Spanned<SwotItem>>,
    #[serde(default)]
    pub opportunities: Vec<Spanned<SwotItem>>,
    #[serde(default)]
    pub threats: Vec<Spanned<SwotItem>>,
}

/// A SWOT item: its text, or `{ id = "…", text = "…" }` when goals name it (`answers`).
/// The item's span is that of the `Spanned` around it.
#[derive(Debug)]
pub enum SwotItem {
    Text(String),
    Named(NamedSwotItem),
}

impl<'de> Deserialize<'de> for SwotItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SwotVisitor;
        impl<'de> Visitor<'de> for SwotVisitor {
            type Value = SwotItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or `{ id = \"…\", text = \"…\" }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SwotItem, E> {
                Ok(SwotItem::Text(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<SwotItem, A::Error> {
                let named = Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(SwotItem::Named(named))
            }
        }
        deserializer.deserialize_any(SwotVisitor)
    }
}

/// `{ id = "…", text = "…" }` in a SWOT list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedSwotItem {
    pub id: Str,
    pub text: Str,
}

/// One `monitoring/<year>.toml`: what was achieved in that year, as reported to the council.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringFile {
    /// Actual values of indicators.
    #[serde(default)]
    pub indicator: Vec<Spanned<Actual>>,
    /// How measures went.
    #[serde(default)]
    pub measure: Vec<Spanned<Progress>>,
}

/// `[[indicator]]` in a monitoring file: an indicator's actual value in the year. Without
/// `value`, `note` says why there is none (the value is not yet published …).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    pub id: Str,
    pub value: Option<Spanned<Number>>,
    pub note: Option<Str>,
    pub source: Option<Str>,
}

/// `[[measure]]` in a monitoring file: a measure's status in the year, a comment, and the
/// funds spent per source (`spent = { SB = 120 }`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub id: Str,
    pub status: Spanned<MeasureStatus>,
    pub comment: Option<Str>,
    #[serde(default)]
    pub spent: BTreeMap<String, Spanned<Number>>,
}

/// How a measure stands at the end of a reported year.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureStatus {
    Planned,
    InProgress,
    Done,
    Delayed,
    Cancelled,
}

impl MeasureStatus {
    /// Every status with its name in monitoring files, in the order reports list them.
    pub const ALL: [(&'static str, MeasureStatus); 5] = [
        ("planned", MeasureStatus::Planned),
        ("in-progress", MeasureStatus::InProgress),
        ("done", MeasureStatus::Done),
        ("delayed", MeasureStatus::Delayed),
        ("cancelled", MeasureStatus::Cancelled),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(n, _)| n)
    }
}
