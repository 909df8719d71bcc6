//! Builds the typed [`Plan`] from the raw files: resolves every id reference, assembles the
//! strategy tree from parent references, converts years, dates and amounts, and reports
//! each problem at its span.
//!
//! This file holds what every part of the build shares (the builder's state, how a problem
//! is reported, text values) and the order of the build; each part of the plan is built in
//! its own module below.

mod data;
mod dates;
mod documents;
mod ids;
mod indicators;
mod measures;
mod meta;
mod registries;
mod scenarios;
mod strategy;

pub use ids::{suggest_id, valid_id};

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::load::raw::Spanned;

use super::*;
use crate::diag::{Diagnostic, Diagnostics, FileId, Sources, Span, codes};
use crate::load::RawPlan;
use crate::load::raw;
use crate::parts::{Needs, needing};
use crate::suggest::{closest, hint};

/// Plausible years for a strategic plan; anything else is a typo.
const YEARS: std::ops::RangeInclusive<i64> = 1900..=2200;

/// Builds the plan. Problems go to `diags`; the plan is returned even when some parts were
/// dropped, so that all problems are reported in one run. `sources` holds the files `raw`
/// was read from, so that a problem can quote a value as it is written.
pub fn build_plan(raw: RawPlan, sources: &Sources, diags: &mut Diagnostics) -> Plan {
    let (plan_file, file) = (raw.plan.0, raw.plan.1);
    let mut cx = Builder {
        diags,
        sources,
        ids: HashMap::new(),
        codes: HashMap::new(),
        folded: HashMap::new(),
        dropped: raw.unread_ids.iter().cloned().collect(),
        unreadable: raw.unreadable,
        swot_unreadable: raw.analysis_unreadable,
        unresolved: HashSet::new(),
        money_decimals: None,
    };

    let meta = cx.meta(plan_file, &file.plan);
    let mut vision = match &file.vision {
        Some(v) => Vision {
            statement: v.get_ref().statement.get_ref().clone(),
            mission: v
                .get_ref()
                .mission
                .as_ref()
                .map(|m| cx.text_value(plan_file, m, "mission")),
            text: v.get_ref().text.as_ref().map(|t| text(plan_file, t)),
            indicators: Vec::new(),
        },
        None => {
            cx.diags.push(
                Diagnostic::warning("the plan has no `[vision]`")
                    .code(codes::NO_VISION)
                    .at(Span::new(plan_file, 0..0))
                    .hint("add `[vision]` with `statement = \"…\"`"),
            );
            Vision {
                statement: String::new(),
                mission: None,
                text: None,
                indicators: Vec::new(),
            }
        }
    };
    let numbering = file
        .numbering
        .as_ref()
        .map(|n| Numbering {
            priority: n
                .get_ref()
                .priority
                .as_ref()
                .map(|p| *p.get_ref())
                .unwrap_or_default(),
            goal: n
                .get_ref()
                .goal
                .as_ref()
                .map(|g| *g.get_ref())
                .unwrap_or_default(),
            codes: n
                .get_ref()
                .codes
                .as_ref()
                .map(|c| *c.get_ref())
                .unwrap_or_default(),
        })
        .unwrap_or_default();

    let sources = cx.entries(plan_file, &file.source, "source");
    let institutions = cx.entries(plan_file, &file.institution, "institution");
    let groups = cx.entries(plan_file, &file.group, "working group");
    let members = cx.members(plan_file, &file.group);
    let higher_goals = file
        .higher_goal
        .iter()
        .filter_map(|h| {
            let h = h.get_ref();
            cx.define(plan_file, &h.id, "higher-level goal")?;
            Some(HigherGoal {
                id: h.id.get_ref().clone(),
                document: h.document.get_ref().clone(),
                title: h.title.get_ref().clone(),
                span: span(plan_file, &h.id),
            })
        })
        .collect::<Vec<_>>();
    let abbreviations = file
        .abbreviations
        .iter()
        .map(|(k, v)| (k.clone(), v.get_ref().clone()))
        .collect();
    let documents = cx.documents(plan_file, &file.document, &meta);

    let principles = cx.principles(plan_file, &file.principle);
    let swot = raw
        .analysis
        .as_ref()
        .and_then(|(file, analysis)| analysis.swot.as_ref().map(|s| cx.swot(*file, s.get_ref())));
    let swot_ids: Vec<String> = swot
        .iter()
        .flat_map(|s| s.quadrants())
        .flat_map(|(_, items)| items.iter().filter_map(|i| i.id.clone()))
        .collect();
    let registries = Registries {
        principles: &principles,
        swot: &swot_ids,
        sources: &sources,
        institutions: &institutions,
        groups: &groups,
        higher_goals: &higher_goals,
        period: meta.period,
    };
    if let Some(v) = &file.vision {
        vision.indicators = cx.indicators(plan_file, &v.get_ref().indicator, &registries);
    }
    let priorities = cx.strategy(&raw.strategy, &registries);
    let scenarios = raw
        .analysis
        .as_ref()
        .map(|(file, analysis)| {
            let known = scenarios::indicators(&vision.indicators, &priorities);
            cx.scenarios(*file, &analysis.scenario, &known, &registries)
        })
        .unwrap_or_default();
    cx.empty_structure(&raw.strategy, &priorities, plan_file, &file.document);
    if let Some(name) = needing(&documents, Needs::Principles).filter(|_| principles.is_empty()) {
        cx.diags.push(
            Diagnostic::warning(format!("a document includes `@{name}` but the plan defines no principle"))
                .code(codes::NO_PRINCIPLES)
                .at(Span::new(plan_file, 0..0))
                .hint(format!("add `[[principle]]` with `id` and `name` to plan.toml, or remove \"@{name}\" from `parts`")),
        );
    }
    let analysis_failed = raw.analysis_unreadable;
    let swot_missing = swot.is_none() && !analysis_failed;
    if let Some(name) =
        needing(&documents, Needs::Scenarios).filter(|_| scenarios.is_empty() && !analysis_failed)
    {
        cx.diags.push(
            Diagnostic::warning(format!(
                "a document includes `@{name}` but analysis.toml describes no scenario",
            ))
            .code(codes::NO_SCENARIOS)
            .hint(format!(
                "add `[[scenario]]` entries with `id`, `name`, `assumptions` and `projections` to analysis.toml, or remove \"@{name}\" from `parts`"
            )),
        );
    }
    if let Some(name) = needing(&documents, Needs::Swot).filter(|_| swot_missing) {
        cx.diags.push(
            Diagnostic::warning(format!(
                "a document includes `@{name}` but there is no `[swot]` in analysis.toml",
            ))
            .code(codes::NO_SWOT)
            .hint(format!(
                "add analysis.toml with `[swot]` lists, or remove \"@{name}\" from `parts`"
            )),
        );
    }

    let mut broken_datasets: HashSet<String> = raw.datasets_unread.iter().cloned().collect();
    let datasets = cx.datasets(&raw.datasets, &mut broken_datasets);
    let rule = monitoring::rule(&mut cx, plan_file, file.monitoring.as_ref());
    let mut plan = Plan {
        root: raw.root,
        meta,
        vision,
        numbering,
        plugins: file
            .templates
            .as_ref()
            .and_then(|t| t.get_ref().plugins.as_ref())
            .is_some_and(|p| *p.get_ref()),
        sources,
        institutions,
        groups,
        members,
        higher_goals,
        abbreviations,
        documents,
        priorities,
        swot,
        principles,
        scenarios,
        chapters: raw.chapters,
        datasets: std::sync::Arc::new(datasets),
        monitoring: BTreeMap::new(),
        rule,
        gaps: Gaps::default(),
    };
    plan.monitoring = monitoring::reports(&mut cx, &raw.monitoring, &plan);
    for d in &file.document {
        let d = d.get_ref();
        if let Some(year) = &d.report
            && let Ok(wanted) = i32::try_from(*year.get_ref())
            && !plan.monitoring.contains_key(&wanted)
            && !raw.monitoring.iter().any(|m| m.year == wanted)
            && !raw.monitoring_unread.contains(&wanted)
            && YEARS.contains(year.get_ref())
        {
            cx.error(
                codes::NO_MONITORING,
                span(plan_file, year),
                format!("the report is about {wanted}, but there is no monitoring/{wanted}.toml"),
            )
            .hints
            .push(format!("write the year's actual values in monitoring/{wanted}.toml; `plan export --collect {wanted}` makes a workbook to collect them"));
        }
    }
    plan.gaps = Gaps {
        ids: cx.dropped,
        unreadable: cx.unreadable,
        chapters_unread: raw.chapters_unread,
        reports: raw.monitoring_unread.iter().copied().collect(),
        unresolved: cx.unresolved,
        datasets: broken_datasets,
    };
    plan
}

/// What strategy items may refer to.
struct Registries<'a> {
    principles: &'a [Principle],
    /// The ids of SWOT items, for `answers`.
    swot: &'a [String],
    sources: &'a [Entry],
    institutions: &'a [Entry],
    groups: &'a [Entry],
    higher_goals: &'a [HigherGoal],
    period: (i32, i32),
}

/// Shared state while building: diagnostics and every id defined so far.
pub(super) struct Builder<'a> {
    diags: &'a mut Diagnostics,
    /// The text of the files read, to quote a value as written.
    sources: &'a Sources,
    /// Every id of the plan's single namespace, with where it was defined and what for
    /// ("goal"), so that a second use names the first.
    ids: HashMap<String, (Span, String)>,
    /// Every code given from outside, with where it was written.
    codes: HashMap<String, Span>,
    /// Every id folded (lower case, no diacritics), to spot near-duplicates.
    folded: HashMap<String, (String, Span)>,
    /// Ids written in the plan but dropped because of an error already reported; a
    /// reference to one is not reported again.
    dropped: HashSet<String>,
    /// Whether some ids are unknown because a file could not be read at all.
    unreadable: bool,
    /// Whether analysis.toml could not be read, so SWOT ids may be missing.
    swot_unreadable: bool,
    /// Kinds of ids ("principle", "institution" …) with a reference that did not resolve.
    unresolved: HashSet<&'static str>,
    /// `[plan] money-decimals`, once read: the most decimals an amount may have.
    money_decimals: Option<usize>,
}

fn span<T>(file: FileId, value: &toml::Spanned<T>) -> Span {
    Span::new(file, value.span())
}

fn text(file: FileId, value: &raw::Str) -> Text {
    Text {
        markdown: value.get_ref().clone(),
        span: span(file, value),
    }
}

impl Builder<'_> {
    pub(super) fn error(
        &mut self,
        code: codes::Code,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Diagnostic::error(message).code(code).at(span))
    }

    pub(super) fn warning(
        &mut self,
        code: codes::Code,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Diagnostic::warning(message).code(code).at(span))
    }

    fn push(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        self.diags.push_mut(diagnostic)
    }

    /// A value as the user wrote it: the text under its span.
    fn written(&self, at: &Span) -> Option<&str> {
        self.sources.text(at.file).get(at.range.clone())
    }

    /// Reports a one-line value longer than any heading, bookmark or PDF title can hold.
    fn short_enough(&mut self, file: FileId, value: &raw::Str, key: &str) {
        if let Some(problem) = super::too_long(value.get_ref(), key, span(file, value)) {
            self.push(problem);
        }
    }

    /// A title or name, which must not be blank; tabs become spaces.
    fn text_value(&mut self, file: FileId, value: &raw::Str, key: &str) -> String {
        self.short_enough(file, value, key);
        if value.get_ref().trim().is_empty() {
            self.error(
                codes::EMPTY_TEXT,
                span(file, value),
                format!("the {key} is empty"),
            )
            .hints
            .push(format!("write the {key}; it is what the documents show"));
        }
        // A tab is a space here: typst would drop it.
        value.get_ref().trim().replace('\t', " ")
    }
}
