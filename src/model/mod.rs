//! The typed plan: registries resolved, the strategy tree assembled from parent references,
//! values validated. Built from [`RawPlan`] without I/O (`load` has read whatever is on
//! disk); every reference that does not resolve becomes a diagnostic at its span.

mod build;
pub mod data;
pub mod funding;
pub mod monitoring;

use std::path::PathBuf;

use crate::diag::{Span, codes};
pub use crate::load::raw::{
    CodeStyle, Direction, Form, GoalStyle, Language, PriorityStyle, Status,
};
pub use build::{build_plan, suggest_id, valid_id};
pub use funding::Money;

/// The longest title, name, heading or caption, in characters: several lines of a heading,
/// and far below the 32 767 characters a PDF string (a bookmark, the document title, a
/// figure's alternative text) may hold.
pub const MAX_LINE: usize = 1000;

/// The `too-long` problem of a one-line text (a `key` such as "title" or "heading") longer
/// than [`MAX_LINE`], at `span`.
pub fn too_long(text: &str, key: &str, span: Span) -> Option<crate::diag::Diagnostic> {
    let length = text.chars().count();
    (length > MAX_LINE).then(|| {
        crate::diag::Diagnostic::error(format!(
            "the {key} is {length} characters long; a {key} is at most {MAX_LINE}"
        ))
        .code(codes::TOO_LONG)
        .at(span)
        .hint(format!("the {key} goes into headings, the contents and the PDF's bookmarks and metadata; put the explanation in a text"))
    })
}

/// A whole plan, ready to be numbered and typeset.
#[derive(Debug)]
pub struct Plan {
    pub root: PathBuf,
    pub meta: Meta,
    pub vision: Vision,
    pub numbering: Numbering,
    /// Whether templates may load WebAssembly plugins (`[templates] plugins = true`).
    pub plugins: bool,
    pub sources: Vec<Entry>,
    pub institutions: Vec<Entry>,
    pub groups: Vec<Entry>,
    /// Each working group's members, by the group's id.
    pub members: std::collections::BTreeMap<String, Vec<Member>>,
    pub higher_goals: Vec<HigherGoal>,
    /// Abbreviation → meaning, from `[abbreviations]`.
    pub abbreviations: Vec<(String, String)>,
    pub documents: Vec<Document>,
    pub priorities: Vec<Priority>,
    pub swot: Option<Swot>,
    /// Horizontal principles (`[[principle]]`), in plan order.
    pub principles: Vec<Principle>,
    /// Alternative development scenarios (`[[scenario]]` in analysis.toml), in the order
    /// written.
    pub scenarios: Vec<Scenario>,
    pub chapters: Vec<crate::load::Chapter>,
    /// Datasets (`data/<id>.toml`) in id order; shared with the facts that quote them.
    pub datasets: std::sync::Arc<Vec<data::Dataset>>,
    /// Monitoring reports by year (`monitoring/<year>.toml`).
    pub monitoring: std::collections::BTreeMap<i32, monitoring::Report>,
    /// How the reports judge indicators (`[monitoring] rule`).
    pub rule: monitoring::Rule,
    /// What is missing because of errors already reported.
    pub gaps: Gaps,
}

/// Ids that are missing from the plan because of an error already reported, so that later
/// stages do not report references to them as unknown a second time.
#[derive(Debug, Default)]
pub struct Gaps {
    pub ids: std::collections::HashSet<String>,
    /// Datasets left out because of an error already reported.
    pub datasets: std::collections::HashSet<String>,
    /// A strategy file could not be read at all, so any strategy id may be missing.
    pub unreadable: bool,
    /// A chapter a document names could not be read, so any `{#id}` may be missing.
    pub chapters_unread: bool,
    /// Years whose monitoring file could not be read, so that their report's facts are
    /// missing.
    pub reports: std::collections::BTreeSet<i32>,
    /// Kinds of ids ("principle" …) with a reference reported as unknown: a definition
    /// nothing uses may be what that reference meant.
    pub unresolved: std::collections::HashSet<&'static str>,
}

impl Gaps {
    /// Whether a reference to `id` may fail only because of an earlier error.
    pub fn explains(&self, id: &str) -> bool {
        self.unreadable || self.ids.contains(id)
    }
}

/// `[plan]`.
#[derive(Debug)]
pub struct Meta {
    pub title: String,
    /// The title in the genitive ("… strateginio plėtros plano …"), for annex marks.
    pub title_genitive: String,
    pub short_title: String,
    pub organisation: String,
    /// The organisation's legal entity code (`organisation-code`), for the PDFs' archive
    /// metadata.
    pub organisation_code: Option<String>,
    pub period: (i32, i32),
    pub milestones: Vec<i32>,
    pub language: Language,
    pub version: String,
    pub status: Status,
    pub date: Date,
    pub money_unit: String,
    /// `money-decimals`: how many decimals every amount is shown with, and the most an
    /// amount may have; `None` when not given (then inferred from the amounts).
    pub money_decimals: Option<usize>,
    /// The title-page emblem, relative to the plan folder.
    pub logo: Option<Logo>,
    pub approval: Option<Approval>,
    /// `form`, when the plan gives it; see [`Document::edition`] for the default.
    pub form: Option<Form>,
}

/// The title-page emblem: its path and where `logo` is written.
#[derive(Debug)]
pub struct Logo {
    pub path: String,
    pub span: Span,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// ISO 8601, as TOML writes it: "2025-03-31".
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `[plan.approval]`.
#[derive(Debug, Clone)]
pub struct Approval {
    pub body: String,
    /// The decision's number, once known.
    pub decision: Option<String>,
    /// The decision's date, once known.
    pub date: Option<Date>,
    /// `[[plan.approval.amendment]]`, in the order written: the last gives the redaction
    /// line under the mark.
    pub amendments: Vec<Amendment>,
}

/// A decision that amended the approved text.
#[derive(Debug, Clone)]
pub struct Amendment {
    /// The amending body, when it is not the approving one.
    pub body: Option<String>,
    pub decision: String,
    pub date: Date,
}

impl Approval {
    /// The date of the decision that gave the text in force: the last amendment's, else the
    /// approval's (when known).
    pub fn in_force(&self) -> Option<Date> {
        self.amendments.last().map(|a| a.date).or(self.date)
    }
}

/// Markdown written inside TOML, kept with its span for diagnostics.
#[derive(Debug, Clone)]
pub struct Text {
    pub markdown: String,
    pub span: Span,
}

/// `[vision]`.
#[derive(Debug)]
pub struct Vision {
    pub statement: String,
    /// The mission, when the plan states one beside its vision.
    pub mission: Option<String>,
    pub text: Option<Text>,
    /// Indicators of the vision as a whole.
    pub indicators: Vec<Indicator>,
}

/// `[numbering]`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Numbering {
    pub priority: PriorityStyle,
    pub goal: GoalStyle,
    pub codes: CodeStyle,
}

/// A code given from outside (`code = "LT029-01-01"`), with where it is written.
#[derive(Debug, Clone)]
pub struct Code {
    pub text: String,
    pub span: Span,
}

/// An indicative funding need (`need = 1200`) written above the measures.
#[derive(Debug, Clone)]
pub struct Need {
    pub money: Money,
    pub span: Span,
}

/// `[[principle]]`: a horizontal principle that goals, objectives and measures serve.
#[derive(Debug)]
pub struct Principle {
    pub id: String,
    pub name: String,
    pub text: Option<Text>,
    pub span: Span,
}

/// A source, institution or working group.
#[derive(Debug)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub span: Span,
}

/// A member of a working group.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Member {
    pub name: String,
    pub role: Option<String>,
    pub institution: Option<String>,
}

/// A goal of a higher-level plan.
#[derive(Debug)]
pub struct HigherGoal {
    pub id: String,
    pub document: String,
    pub title: String,
    pub span: Span,
}

/// One `[[document]]`: a PDF to build.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub parts: Vec<Part>,
    /// Its number among the plan's annexes (`annex = true`), from 1 in plan order.
    pub annex: Option<usize>,
    /// The parts that are annexes (`annex = ["@action-plan"]`): part index → its number
    /// among the plan's annexes. They come after the other parts.
    pub annex_parts: std::collections::BTreeMap<usize, usize>,
    /// The indicator levels `@indicator-cards` describes: "effect", "result", "product".
    pub cards: Vec<String>,
    /// The files a build writes of it (`formats`): PDF by default, its Word edition too.
    pub formats: Vec<crate::FileFormat>,
    /// The year a monitoring report is about (`report = 2024`).
    pub report: Option<i32>,
    /// Its own `date`, `version` and `status`, where they are not the plan's (see
    /// [`Document::edition`]).
    pub date: Option<Date>,
    pub version: Option<String>,
    pub status: Option<Status>,
    /// Its own `form`, and the decision approving it on its own (a yearly report).
    pub form: Option<Form>,
    pub approval: Option<Approval>,
}

/// What a document says of itself on its title page and footer, and dates its PDF with.
#[derive(Debug, Clone, Copy)]
pub struct Edition<'a> {
    pub date: Date,
    pub version: &'a str,
    pub status: Status,
    pub approval: Option<&'a Approval>,
    pub form: Form,
}

impl Document {
    /// The document's own date, version, status and approval, or else the plan's. A report
    /// is a document of its own: it never carries the plan's approval mark (the council
    /// approved the plan, not the report) nor the plan's version, but it may be approved on
    /// its own (its own `[document.approval]`): it is then approved once the decision's
    /// number and date are given, a draft for the council before. An approved document is
    /// dated by the decision in force (the last amendment's, else the approval's). A
    /// Lithuanian document approved or drafted for the council is an act by default, any
    /// other a publication.
    pub fn edition<'a>(&'a self, meta: &'a Meta) -> Edition<'a> {
        let report = self.report.is_some();
        let approval = self
            .approval
            .as_ref()
            .or(meta.approval.as_ref().filter(|_| !report));
        let status = match (self.status, &self.approval) {
            (Some(own), _) => own,
            (None, Some(own)) if own.decision.is_some() && own.date.is_some() => Status::Approved,
            (None, Some(_)) => Status::Draft,
            (None, None) => meta.status,
        };
        let own_date = self.date.unwrap_or(meta.date);
        let date = match approval {
            Some(a) if status == Status::Approved => a.in_force().unwrap_or(own_date),
            _ => own_date,
        };
        let default = if meta.language == Language::Lt && approval.is_some() {
            Form::Act
        } else {
            Form::Publication
        };
        Edition {
            date,
            version: match &self.version {
                Some(own) => own,
                None if report => "",
                None => &meta.version,
            },
            status,
            approval,
            form: self.form.or(meta.form).unwrap_or(default),
        }
    }

    /// How many annexes to the plan this document makes: itself, or its annex parts.
    pub fn annexes(&self) -> usize {
        usize::from(self.annex.is_some()) + self.annex_parts.len()
    }
}

/// A piece of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A Markdown chapter, by its path relative to the plan folder.
    Chapter(String),
    Generated(Generated),
}

/// The parts typeset from data, declared in [`crate::parts`].
pub use crate::parts::Generated;

/// A priority with its goals.
#[derive(Debug)]
pub struct Priority {
    pub id: String,
    pub title: String,
    pub text: Option<Text>,
    pub code: Option<Code>,
    pub need: Option<Need>,
    /// Its impact indicators.
    pub indicators: Vec<Indicator>,
    pub span: Span,
    pub goals: Vec<Goal>,
}

/// A goal with its effect indicators and objectives.
#[derive(Debug)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub text: Option<Text>,
    pub code: Option<Code>,
    pub need: Option<Need>,
    /// Ids of the SWOT items it answers.
    pub answers: Vec<String>,
    /// Ids of the horizontal principles it serves.
    pub principles: Vec<String>,
    pub contributes: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub span: Span,
    pub objectives: Vec<Objective>,
}

/// An objective with its result indicators and measures.
#[derive(Debug)]
pub struct Objective {
    pub id: String,
    pub title: String,
    pub text: Option<Text>,
    pub code: Option<Code>,
    pub need: Option<Need>,
    pub principles: Vec<String>,
    pub contributes: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub span: Span,
    pub measures: Vec<Measure>,
}

/// A measure: one row of the action plan.
#[derive(Debug)]
pub struct Measure {
    pub id: String,
    pub title: String,
    pub text: Option<Text>,
    pub code: Option<Code>,
    pub principles: Vec<String>,
    pub responsible: Vec<String>,
    pub partners: Vec<String>,
    pub group: Option<String>,
    pub period: Option<(i32, i32)>,
    /// Funding per source, in the order of the plan's sources.
    pub funding: Vec<SourceFunding>,
    pub contributes: Vec<String>,
    /// `investment-project = true`: an investment project (as the methodology calls it).
    pub investment_project: bool,
    pub indicators: Vec<Indicator>,
    pub span: Span,
}

/// A measure's funding from one source.
#[derive(Debug, Clone)]
pub struct SourceFunding {
    pub source: String,
    pub amount: Amount,
}

/// A whole-period amount, or amounts per year.
#[derive(Debug, Clone)]
pub enum Amount {
    Total(Money),
    PerYear(Vec<(i32, Money)>),
}

/// An indicator; its level (effect, result, product) is where it hangs in the tree.
#[derive(Debug)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub baseline: Option<(i32, f64)>,
    /// Target values by year, in year order.
    pub targets: Vec<(i32, f64)>,
    pub source: Option<String>,
    pub direction: Direction,
    /// How the value is calculated, how often it is measured, and who reports it.
    pub method: Option<String>,
    pub frequency: Option<String>,
    pub reporter: Option<String>,
    pub span: Span,
}

/// An alternative development scenario: its assumptions and what it projects for some
/// of the plan's indicators. The plan follows the one `chosen`.
#[derive(Debug)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub assumptions: Option<Text>,
    pub chosen: bool,
    /// Projected values of indicators, in the order written (indicators the plan has).
    pub projections: Vec<Projection>,
    pub span: Span,
}

/// A scenario's projected values of one indicator.
#[derive(Debug)]
pub struct Projection {
    /// The indicator's id.
    pub indicator: String,
    /// Year, value and where the value is written, in year order.
    pub values: Vec<(i32, f64, Span)>,
}

/// The SWOT matrix, each item inline Markdown.
#[derive(Debug, Default)]
pub struct Swot {
    pub strengths: Vec<SwotItem>,
    pub weaknesses: Vec<SwotItem>,
    pub opportunities: Vec<SwotItem>,
    pub threats: Vec<SwotItem>,
}

/// One SWOT item; it has an id when goals name it in `answers`.
#[derive(Debug)]
pub struct SwotItem {
    pub id: Option<String>,
    pub text: Text,
}

impl Swot {
    /// The four lists with their keys ("strengths" …) and code letters, in the matrix's
    /// order.
    pub fn quadrants(&self) -> [(&'static str, &[SwotItem]); 4] {
        [
            ("strengths", &self.strengths),
            ("weaknesses", &self.weaknesses),
            ("opportunities", &self.opportunities),
            ("threats", &self.threats),
        ]
    }

    /// Whether any item has an id, so that tables show the items' codes.
    pub fn has_ids(&self) -> bool {
        self.quadrants()
            .iter()
            .any(|(_, items)| items.iter().any(|i| i.id.is_some()))
    }
}

impl Priority {
    /// The priority's measures in order.
    pub fn measures(&self) -> impl Iterator<Item = &Measure> {
        self.goals.iter().flat_map(Goal::measures)
    }
}

impl Goal {
    /// The goal's measures in order.
    pub fn measures(&self) -> impl Iterator<Item = &Measure> {
        self.objectives.iter().flat_map(|o| o.measures.iter())
    }
}

/// Where an indicator hangs, which names its level; ordered from the vision down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Vision,
    Impact,
    Effect,
    Result,
    Product,
}

impl Level {
    /// Every level, from the vision down, with its name in `cards`.
    pub const ALL: [(&'static str, Level); 5] = [
        ("vision", Level::Vision),
        ("impact", Level::Impact),
        ("effect", Level::Effect),
        ("result", Level::Result),
        ("product", Level::Product),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("", |(n, _)| n)
    }
}

/// An indicator with its level and the id and title of what it belongs to.
pub struct Owned<'a> {
    pub level: Level,
    pub id: &'a str,
    pub title: &'a str,
    pub indicator: &'a Indicator,
    /// The measure's period, for a product indicator (so that nobody looks the measure up).
    pub period: Option<(i32, i32)>,
}

/// A priority, goal, objective or measure as [`Plan::items`] gives it: what checks, views
/// and exports ask of any item.
pub struct Item<'a> {
    /// `"priority"`, `"goal"`, `"objective"` or `"measure"`.
    pub kind: &'static str,
    pub id: &'a str,
    pub title: &'a str,
    pub code: Option<&'a Code>,
    /// The indicative need (never on a measure).
    pub need: Option<&'a Need>,
    /// Higher-level goals it contributes to (none for a priority).
    pub contributes: &'a [String],
    /// Horizontal principles it serves (none for a priority).
    pub principles: &'a [String],
}

impl Priority {
    fn item(&self) -> Item<'_> {
        Item {
            kind: "priority",
            id: &self.id,
            title: &self.title,
            code: self.code.as_ref(),
            need: self.need.as_ref(),
            contributes: &[],
            principles: &[],
        }
    }
}

impl Goal {
    fn item(&self) -> Item<'_> {
        Item {
            kind: "goal",
            id: &self.id,
            title: &self.title,
            code: self.code.as_ref(),
            need: self.need.as_ref(),
            contributes: &self.contributes,
            principles: &self.principles,
        }
    }
}

impl Objective {
    fn item(&self) -> Item<'_> {
        Item {
            kind: "objective",
            id: &self.id,
            title: &self.title,
            code: self.code.as_ref(),
            need: self.need.as_ref(),
            contributes: &self.contributes,
            principles: &self.principles,
        }
    }
}

impl Measure {
    fn item(&self) -> Item<'_> {
        Item {
            kind: "measure",
            id: &self.id,
            title: &self.title,
            code: self.code.as_ref(),
            need: None,
            contributes: &self.contributes,
            principles: &self.principles,
        }
    }
}

impl Plan {
    /// Every priority, goal, objective and measure in plan order (each before what it
    /// holds).
    pub fn items(&self) -> impl Iterator<Item = Item<'_>> {
        self.priorities.iter().flat_map(|p| {
            let goals = p.goals.iter().flat_map(|g| {
                let objectives = g.objectives.iter().flat_map(|o| {
                    std::iter::once(o.item()).chain(o.measures.iter().map(Measure::item))
                });
                std::iter::once(g.item()).chain(objectives)
            });
            std::iter::once(p.item()).chain(goals)
        })
    }

    /// The years the indicator tables, cards, charts and exports show a target for: the
    /// milestones and every other year an indicator has a target in (a measure's target at
    /// its last year is common), in order. A target is never dropped for its year.
    pub fn target_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .meta
            .milestones
            .iter()
            .copied()
            .chain(
                self.indicators()
                    .flat_map(|o| o.indicator.targets.iter().map(|(y, _)| *y)),
            )
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Every indicator with its level and the item it belongs to (the vision's have the id
    /// `vision` and the statement as title): the vision's, then each priority's tree in
    /// order (the priority's, its goals', objectives' and measures').
    pub fn indicators(&self) -> impl Iterator<Item = Owned<'_>> {
        fn of<'a>(
            level: Level,
            id: &'a str,
            title: &'a str,
            list: &'a [Indicator],
            period: Option<(i32, i32)>,
        ) -> impl Iterator<Item = Owned<'a>> {
            list.iter().map(move |indicator| Owned {
                level,
                id,
                title,
                indicator,
                period,
            })
        }
        let vision = &self.vision;
        let vision = of(
            Level::Vision,
            "vision",
            &vision.statement,
            &vision.indicators,
            None,
        );
        vision.chain(self.priorities.iter().flat_map(|p| {
            let goals = p.goals.iter().flat_map(|g| {
                let objectives = g.objectives.iter().flat_map(|o| {
                    let measures = o
                        .measures
                        .iter()
                        .flat_map(|m| of(Level::Product, &m.id, &m.title, &m.indicators, m.period));
                    of(Level::Result, &o.id, &o.title, &o.indicators, None).chain(measures)
                });
                of(Level::Effect, &g.id, &g.title, &g.indicators, None).chain(objectives)
            });
            of(Level::Impact, &p.id, &p.title, &p.indicators, None).chain(goals)
        }))
    }

    /// Every measure in order, with its objective, goal and priority.
    pub fn measures(&self) -> impl Iterator<Item = (&Priority, &Goal, &Objective, &Measure)> {
        self.priorities.iter().flat_map(|p| {
            p.goals.iter().flat_map(move |g| {
                g.objectives
                    .iter()
                    .flat_map(move |o| o.measures.iter().map(move |m| (p, g, o, m)))
            })
        })
    }

    /// Whether a source, institution, group or higher-level goal has this id.
    pub fn is_registry_id(&self, id: &str) -> bool {
        let entries = self
            .sources
            .iter()
            .chain(&self.institutions)
            .chain(&self.groups);
        entries
            .map(|e| e.id.as_str())
            .chain(self.higher_goals.iter().map(|h| h.id.as_str()))
            .any(|x| x == id)
    }

    /// The name of a registry entry by id, or the id itself.
    pub fn entry_name<'a>(entries: &'a [Entry], id: &'a str) -> &'a str {
        entries
            .iter()
            .find(|e| e.id == id)
            .map_or(id, |e| e.name.as_str())
    }
}
