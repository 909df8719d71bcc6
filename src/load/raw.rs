//! The plan files exactly as written: serde structs that keep the source span of every
//! value, so later stages can point at file, line and column. No judgement here beyond
//! TOML syntax, unknown keys and value types.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

mod shapes;
mod spanned;

pub(crate) use spanned::Spanned;

/// A spanned string, the most common value.
pub(crate) type Str = Spanned<String>;

/// `plan.toml`: the plan's identity, its registries (sources of funding, institutions,
/// working groups …) and its documents.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// The plan's identity: title, organisation, period, date, status, language.
    pub plan: Spanned<PlanSection>,
    /// The vision: a statement of where the municipality wants to be at the plan's end.
    pub vision: Option<Spanned<VisionSection>>,
    /// How priorities and goals are numbered.
    pub numbering: Option<Spanned<NumberingSection>>,
    /// What the plan's own templates may do.
    pub templates: Option<Spanned<TemplatesSection>>,
    /// How the monitoring reports judge the indicators.
    pub monitoring: Option<Spanned<MonitoringSection>>,
    /// Sources of funding (`[[source]]`): an id that measures' `funding` names, and a name.
    #[serde(default)]
    pub source: Vec<Spanned<Entry>>,
    /// Institutions (`[[institution]]`): an id that measures' `responsible` and `partners`
    /// name, and a name.
    #[serde(default)]
    pub institution: Vec<Spanned<Entry>>,
    /// Working groups (`[[group]]`): an id that measures' `group` names, a name, members.
    #[serde(default)]
    pub group: Vec<Spanned<Group>>,
    /// Goals of higher-level documents (`[[higher-goal]]`, e.g. the national plan) that the
    /// plan's items name in `contributes`.
    #[serde(default, rename = "higher-goal")]
    pub higher_goal: Vec<Spanned<HigherGoal>>,
    /// Abbreviations and what they stand for, e.g. `ES = "Europos Sąjunga"`: the list of
    /// abbreviations shows them.
    #[serde(default)]
    pub abbreviations: BTreeMap<String, Str>,
    /// The documents a build writes (`[[document]]`): each a PDF of the parts listed.
    #[serde(default)]
    pub document: Vec<Spanned<Document>>,
    /// Horizontal principles (cross-cutting directions) that goals and measures serve.
    #[serde(default)]
    pub principle: Vec<Spanned<Principle>>,
}

/// `[[principle]]`: a horizontal principle, defined once and named by the items serving it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// The id that goals, objectives and measures name in `principles`.
    pub id: Str,
    /// The principle's name, as the documents show it.
    pub name: Str,
    /// What the principle means, Markdown.
    pub text: Option<Str>,
}

/// `[plan]`: the plan's identity.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlanSection {
    /// The plan's title, e.g. "Town Strategic Development Plan 2025–2030".
    pub title: Str,
    /// The title in the genitive, for annex marks ("… plano 1 priedas"); derived from the
    /// title when not given.
    pub title_genitive: Option<Str>,
    /// A short title for page headers and file metadata.
    pub short_title: Option<Str>,
    /// The organisation the plan belongs to, e.g. the municipality.
    pub organisation: Str,
    /// The organisation's legal entity code, for the archive metadata of the PDFs.
    pub organisation_code: Option<Str>,
    /// The first and last year of the plan, e.g. [2025, 2030].
    pub period: Spanned<Vec<Spanned<i64>>>,
    /// The years the indicators have targets for, in increasing order, e.g. [2027, 2030].
    pub milestones: Option<Spanned<Vec<Spanned<i64>>>>,
    /// The plan's language: labels, hyphenation, number and date formats.
    pub language: Option<Spanned<Language>>,
    /// The plan's version, e.g. "1.2"; shown on the title page and in the footer.
    pub version: Option<Str>,
    /// Whether the plan is a draft (a watermark on every page) or approved.
    pub status: Option<Spanned<Status>>,
    /// The plan's date, e.g. 2025-01-15.
    #[schemars(with = "shapes::Date")]
    pub date: Spanned<toml::value::Datetime>,
    /// The unit every amount is in, e.g. "tūkst. Eur".
    pub money_unit: Option<Str>,
    /// How many decimals every amount is shown with (0–2); inferred when not given.
    pub money_decimals: Option<Spanned<i64>>,
    /// The organisation's logo for the title page: a picture file in the plan folder,
    /// e.g. "images/logo.png".
    pub logo: Option<Str>,
    /// The council decision that approved the plan.
    pub approval: Option<Spanned<Approval>>,
    /// How the documents look: an official act or a publication.
    pub form: Option<Spanned<Form>>,
}

/// The look of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Follows the municipal document rules (V-117): margins, page numbers at the top
    /// centre from the second page, the title block on the first page, no cover.
    Act,
    /// A title page and numbered footers.
    Publication,
}

/// The plan's language: labels, hyphenation, number and date formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Lithuanian.
    Lt,
    /// English.
    En,
}

/// Whether the plan is a draft (watermarked) or approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A draft: a watermark on every page.
    Draft,
    /// Approved: no watermark.
    Approved,
}

/// `[plan.approval]`: the council decision that approved the plan.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The approving body, e.g. "Savivaldybės taryba".
    pub body: Str,
    /// The decision's number; not known yet while the plan is being approved.
    pub decision: Option<Str>,
    /// The decision's date; not known yet before the meeting.
    #[schemars(with = "Option<shapes::Date>")]
    pub date: Option<Spanned<toml::value::Datetime>>,
    /// Later decisions that amended the approved text (`[[plan.approval.amendment]]`).
    #[serde(default)]
    pub amendment: Vec<Amendment>,
}

/// `[[plan.approval.amendment]]`: a decision that amended the approved text; the last one
/// gives the redaction line under the approval mark.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The amending body, when it is not the approving one.
    pub body: Option<Str>,
    /// The amending decision's number.
    pub decision: Str,
    /// The amending decision's date, e.g. 2026-03-20.
    #[schemars(with = "shapes::Date")]
    pub date: Spanned<toml::value::Datetime>,
}

/// `[vision]`: where the municipality wants to be at the plan's end.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisionSection {
    /// The vision in one or two sentences.
    pub statement: Str,
    /// The mission beside the vision, in one sentence: what the municipality does to reach it.
    pub mission: Option<Str>,
    /// More about the vision, Markdown.
    pub text: Option<Str>,
    /// Indicators of the vision as a whole (`[[vision.indicator]]`).
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// `[templates]`: what the plan's own templates may do.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplatesSection {
    /// Whether templates may run WebAssembly plugins (`plugin(…)`), which typst runs
    /// without a time limit.
    pub plugins: Option<Spanned<bool>>,
}

/// `[monitoring]`: how the reports judge the plan's indicators.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitoringSection {
    /// When an indicator is on track or lagging, e.g.
    /// { against = "target", on-track = 100, lagging = 80 }.
    pub rule: Option<Spanned<RuleSection>>,
}

/// `[monitoring] rule = { against = "target", on-track = 100, lagging = 80 }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSection {
    /// What an indicator's achievement is measured against.
    pub against: Option<Spanned<Against>>,
    /// The achievement (in per cent) from which an indicator is on track.
    pub on_track: Option<Spanned<Number>>,
    /// The achievement (in per cent) from which an indicator is lagging; below it, it is
    /// behind.
    pub lagging: Option<Spanned<Number>>,
}

/// What an indicator's achievement is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Against {
    /// The actual value as a share of the year's target (the target's share of the value
    /// for an indicator that should go down).
    Target,
    /// The share of the way from the baseline to the year's target the value has come.
    #[default]
    BaselineDistance,
}

/// `[numbering]`: how items are numbered.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberingSection {
    /// How priorities are numbered: "1" (1, 2, 3), "I" (I, II, III) or "A" (A, B, C).
    pub priority: Option<Spanned<PriorityStyle>>,
    /// Whether goal numbers restart in each priority ("nested": 1.1, 1.2, 2.1) or run
    /// through the plan ("flat": 1, 2, 3).
    pub goal: Option<Spanned<GoalStyle>>,
    /// Whether codes given from outside (`code = "LT029-01-01"`) stand beside the number
    /// from order or instead of it.
    pub codes: Option<Spanned<CodeStyle>>,
}

/// Where an item's code from outside is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CodeStyle {
    /// After the number from order: "1.2.1 (LT029-01-02)".
    #[default]
    Beside,
    /// In place of the number; items without a code keep theirs.
    Instead,
}

/// How priorities are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
pub enum PriorityStyle {
    /// Arabic numerals: 1, 2, 3.
    #[default]
    #[serde(rename = "1")]
    Arabic,
    /// Roman numerals: I, II, III.
    #[serde(rename = "I")]
    Roman,
    /// Letters: A, B, C.
    #[serde(rename = "A")]
    Letter,
}

/// Whether goal numbers restart in each priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GoalStyle {
    /// Within each priority: 1.1, 1.2, 2.1.
    #[default]
    Nested,
    /// Through the whole plan: 1, 2, 3.
    Flat,
}

/// A registry entry: `[[source]]`, `[[institution]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The id the plan's items name it by, e.g. "SB".
    pub id: Str,
    /// Its name, as the documents show it.
    pub name: Str,
}

/// `[[group]]`: a working group, with its members.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The id measures name in `group`.
    pub id: Str,
    /// The group's name, as the documents show it.
    pub name: Str,
    /// Who sits in the group (`[[group.member]]`).
    #[serde(default)]
    pub member: Vec<Spanned<Member>>,
}

/// `[[group.member]]`: who sits in a working group.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's name.
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

/// `[[higher-goal]]`: a goal of a higher-level document that the plan contributes to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HigherGoal {
    /// The id the plan's items name in `contributes`.
    pub id: Str,
    /// The higher-level document, e.g. "Nacionalinis pažangos planas".
    pub document: Str,
    /// The goal's title in that document.
    pub title: Str,
}

/// `[[document]]`: one document a build writes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The document's id: the PDF is build/<id>.pdf.
    pub id: Str,
    /// The document's title; the plan's when not given.
    pub title: Option<Str>,
    /// What the document holds, in order: chapters (e.g. "chapters/01-intro.md") and
    /// generated parts (e.g. "@action-plan", "@indicators").
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
    #[schemars(with = "Option<shapes::Date>")]
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StrategyFile {
    /// The file's priority (one per file).
    pub priority: Spanned<Priority>,
    /// The priority's goals (`[[goal]]`), numbered in this order.
    #[serde(default)]
    pub goal: Vec<Spanned<Goal>>,
    /// The goals' objectives (`[[objective]]`), each naming its goal.
    #[serde(default)]
    pub objective: Vec<Spanned<Objective>>,
    /// The objectives' measures (`[[measure]]`), each naming its objective.
    #[serde(default)]
    pub measure: Vec<Spanned<Measure>>,
}

/// `[priority]`: a priority, the top of the plan's tree.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// The priority's id: never changes, so references like [](#id) stay right.
    pub id: Str,
    /// The priority's title.
    pub title: Str,
    /// A description, Markdown.
    pub text: Option<Str>,
    /// A code given from outside, e.g. by a regional plan.
    pub code: Option<Str>,
    /// The indicative funding need when measures are not costed yet.
    pub need: Option<Spanned<Number>>,
    /// Its impact indicators (`[[priority.indicator]]`).
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// `[[goal]]`: a goal of the file's priority.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal's id: never changes, so references like [](#id) stay right.
    pub id: Str,
    /// The goal's title.
    pub title: Str,
    /// A description, Markdown.
    pub text: Option<Str>,
    /// A code given from outside, e.g. by a regional plan.
    pub code: Option<Str>,
    /// The indicative funding need when measures are not costed yet.
    pub need: Option<Spanned<Number>>,
    /// Ids of the SWOT items the goal answers.
    #[serde(default)]
    pub answers: Vec<Str>,
    /// Ids of the horizontal principles it serves.
    #[serde(default)]
    pub principles: Vec<Str>,
    /// Ids of the higher-level goals (`[[higher-goal]]`) it contributes to.
    #[serde(default)]
    pub contributes: Vec<Str>,
    /// Its result indicators (`[[goal.indicator]]`).
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// `[[objective]]`: an objective of one of the file's goals.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// The objective's id: never changes, so references like [](#id) stay right.
    pub id: Str,
    /// The id of the goal it belongs to.
    pub goal: Str,
    /// The objective's title.
    pub title: Str,
    /// A description, Markdown.
    pub text: Option<Str>,
    /// A code given from outside, e.g. by a regional plan.
    pub code: Option<Str>,
    /// The indicative funding need when measures are not costed yet.
    pub need: Option<Spanned<Number>>,
    /// Ids of the horizontal principles it serves.
    #[serde(default)]
    pub principles: Vec<Str>,
    /// Ids of the higher-level goals (`[[higher-goal]]`) it contributes to.
    #[serde(default)]
    pub contributes: Vec<Str>,
    /// Its result indicators (`[[objective.indicator]]`).
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// `[[measure]]`: a measure of one of the file's objectives, a row of the action plan.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The measure's id: never changes, so references like [](#id) stay right.
    pub id: Str,
    /// The id of the objective it belongs to.
    pub objective: Str,
    /// The measure's title.
    pub title: Str,
    /// A description, Markdown.
    pub text: Option<Str>,
    /// A code given from outside, e.g. by a regional plan.
    pub code: Option<Str>,
    /// Ids of the horizontal principles it serves.
    #[serde(default)]
    pub principles: Vec<Str>,
    /// Ids of the institutions (`[[institution]]`) responsible for it.
    #[serde(default)]
    pub responsible: Vec<Str>,
    /// Ids of the partner institutions (`[[institution]]`).
    #[serde(default)]
    pub partners: Vec<Str>,
    /// The id of the working group (`[[group]]`) that looks after it.
    pub group: Option<Str>,
    /// The first and last year of the measure, e.g. [2026, 2028]; the plan's period when
    /// not given.
    pub period: Option<Spanned<Vec<Spanned<i64>>>>,
    /// Funding by source id (`[[source]]`): an amount for the whole period
    /// (`SB = 1200`) or amounts per year (`SB = { 2026 = 200, 2027 = 1000 }`), in the
    /// plan's money unit.
    #[serde(default)]
    pub funding: BTreeMap<String, Spanned<Funding>>,
    /// Ids of the higher-level goals (`[[higher-goal]]`) it contributes to.
    #[serde(default)]
    pub contributes: Vec<Str>,
    /// `investment-project = true`: the measure is an investment project (the action plan
    /// then shows a column saying so).
    #[serde(default, rename = "investment-project")]
    pub investment_project: Option<Spanned<bool>>,
    /// Its product indicators (`[[measure.indicator]]`).
    #[serde(default)]
    pub indicator: Vec<Spanned<Indicator>>,
}

/// An indicator on any level; its level comes from where it is written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The indicator's id: never changes, so monitoring files and references stay right.
    pub id: Str,
    /// The indicator's name, e.g. "Cycle paths".
    pub name: Str,
    /// Its unit, e.g. "km", "proc.".
    pub unit: Option<Str>,
    /// The value it starts from: `baseline = { year = 2023, value = 12.5 }`.
    pub baseline: Option<Spanned<Baseline>>,
    /// Target values by year, e.g. `targets = { 2027 = 20, 2030 = 30 }`.
    #[serde(default)]
    #[schemars(transform = shapes::year_keys)]
    pub targets: BTreeMap<String, Spanned<Number>>,
    /// Where the value comes from, e.g. "Statistikos departamentas".
    pub source: Option<Str>,
    /// Which way the value should move: "up" (the default), "down" or "maintain".
    pub direction: Option<Spanned<Direction>>,
    /// How the value is calculated (for the indicator cards).
    pub method: Option<Str>,
    /// How often the value is measured: "kasmet", "kas dvejus metus" …
    pub frequency: Option<Str>,
    /// Who reports the value.
    pub reporter: Option<Str>,
}

/// `baseline = { year = 2019, value = 5.2 }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The year of the baseline value, e.g. 2023.
    pub year: Spanned<i64>,
    /// The baseline value.
    pub value: Spanned<Number>,
}

/// Which way an indicator should move: up, down, or neither (`maintain`: kept at its
/// target, a stabilisation target such as "keep at this level").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The higher the better.
    #[default]
    Up,
    /// The lower the better.
    Down,
    /// Kept at its target.
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

/// `analysis.toml`: the SWOT analysis and the development scenarios.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalysisFile {
    /// The SWOT analysis: strengths, weaknesses, opportunities, threats.
    pub swot: Option<Spanned<Swot>>,
    /// Alternative development scenarios (`[[scenario]]`).
    #[serde(default)]
    pub scenario: Vec<Spanned<Scenario>>,
}

/// `[[scenario]]`: an alternative course of development, its assumptions and what it
/// projects for chosen indicators (`projections = { <indicator id> = { 2030 = 52 } }`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The scenario's id.
    pub id: Str,
    /// The scenario's name, e.g. "Optimistic".
    pub name: Str,
    /// What the scenario assumes, Markdown.
    pub assumptions: Option<Str>,
    /// The scenario the plan follows (one of them).
    #[serde(default)]
    pub chosen: Option<Spanned<bool>>,
    /// Projected values by indicator id, then by year:
    /// `projections = { cycle-paths = { 2030 = 52 } }`.
    #[serde(default)]
    pub projections: BTreeMap<String, Spanned<BTreeMap<String, Spanned<Number>>>>,
}

/// `[swot]`: four lists of items, each inline Markdown.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Swot {
    /// Strengths, the most important first.
    #[serde(default)]
    pub strengths: Vec<Spanned<SwotItem>>,
    /// Weaknesses, the most important first.
    #[serde(default)]
    pub weaknesses: Vec<Spanned<SwotItem>>,
    /// Opportunities, the most important first.
    #[serde(default)]
    pub opportunities: Vec<Spanned<SwotItem>>,
    /// Threats, the most important first.
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedSwotItem {
    /// The item's id, which goals name in `answers`.
    pub id: Str,
    /// The item's text, inline Markdown.
    pub text: Str,
}

/// One `monitoring/<year>.toml`: what was achieved in that year, as reported to the council.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitoringFile {
    /// Actual values of indicators (`[[indicator]]`).
    #[serde(default)]
    pub indicator: Vec<Spanned<Actual>>,
    /// How measures went (`[[measure]]`).
    #[serde(default)]
    pub measure: Vec<Spanned<Progress>>,
}

/// `[[indicator]]` in a monitoring file: an indicator's actual value in the year. Without
/// `value`, `note` says why there is none (the value is not yet published …).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    /// The indicator's id, as in the strategy files.
    pub id: Str,
    /// The actual value in the year.
    pub value: Option<Spanned<Number>>,
    /// A note on the value, or why there is none.
    pub note: Option<Str>,
    /// Where the value comes from.
    pub source: Option<Str>,
}

/// `[[measure]]` in a monitoring file: a measure's status in the year, a comment, and the
/// funds spent per source (`spent = { SB = 120 }`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The measure's id, as in the strategy files.
    pub id: Str,
    /// How the measure stands at the end of the year.
    pub status: Spanned<MeasureStatus>,
    /// What was done, or why not.
    pub comment: Option<Str>,
    /// Funds spent in the year by source id, e.g. `spent = { SB = 120 }`.
    #[serde(default)]
    pub spent: BTreeMap<String, Spanned<Number>>,
}

/// How a measure stands at the end of a reported year.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    serde::Serialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureStatus {
    /// Not started yet, as planned.
    Planned,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Behind its schedule.
    Delayed,
    /// Given up.
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
